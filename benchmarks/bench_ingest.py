"""Ingestion benchmark: read + clean + split + structure + label + profile the whole
shipped corpus in a fresh process (wall time including interpreter start and imports).

    python benchmarks/bench_ingest.py [--runs 5] [--corpus corpus/]

Prints figures; asserts nothing (target: < 3 s per fresh-process run).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import ROOT  # noqa: E402

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from drafter.ingest.pipeline import ingest
t1 = time.perf_counter()
r = ingest(sys.argv[1])
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "ingest": t2 - t1, "documents": len(r.documents),
                  "files": len(r.files), "sklearn": "sklearn" in sys.modules}))
"""


def measure(corpus: str | Path = ROOT / "corpus", runs: int = 5) -> dict:
    walls, inner = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", CHILD, str(corpus)], capture_output=True, text=True,
                              cwd=ROOT, check=True)
        walls.append(time.perf_counter() - t0)
        inner.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in Path(corpus).glob("*.txt"))
    return {"runs": runs, "files": inner[0]["files"], "documents": inner[0]["documents"], "chars": chars,
            "median": statistics.median(walls), "min": min(walls), "max": max(walls),
            "import": statistics.median(r["import"] for r in inner),
            "ingest": statistics.median(r["ingest"] for r in inner), "sklearn": inner[0]["sklearn"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    args = ap.parse_args(argv)
    m = measure(args.corpus, args.runs)
    print(f"python {platform.python_version()} on {platform.machine()}, {m['runs']} runs")
    print(f"corpus: {m['files']} files, {m['chars']} characters, {m['documents']} documents")
    print(f"fresh process wall time: median {m['median']:.2f} s, min {m['min']:.2f} s, max {m['max']:.2f} s "
          f"(target < 3 s)")
    print(f"  import drafter.ingest.pipeline: median {m['import']:.2f} s")
    print(f"  ingest() incl. classifier (scikit-learn imported: {m['sklearn']}): median {m['ingest']:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Mining at scale: time and peak memory at 1×, 10×, 30×, 100× the shipped corpus
(perturbed, recombined copies as in bench_mine.py), as ratios to the 1× run of the
same invocation.

    .venv/bin/python benchmarks/bench_mine_scale.py [--scales 1,10,30,100] [--dense]

Each scale is mined in a fresh process; peak memory is that process's maximum
resident set (ru_maxrss). Linear time means time ratio / scale stays at or below 1.
--dense also runs the n x n near-duplicate grouping (dedup._group_dense, the code
before blocking) at each scale up to 30x, side by side, to show what the blocks save.
Targets: linear time and memory to 100×; memory <= 1 GB there.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_mine import build_big, distinct_sentences  # noqa: E402
from benchlib import CORPUS, ROOT, machine  # noqa: E402

CHILD = """
import resource, sys, time
t = time.perf_counter()
if sys.argv[2] == "dense":
    from drafter.mining import dedup
    dedup.group = dedup._group_dense
from drafter.mining import mine
b = mine(sys.argv[1]).bank
print(time.perf_counter() - t, len(b), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(path: Path, mode: str = "blocked") -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    secs, n, kib = out.stdout.split()
    return {"s": float(secs), "phrases": int(n), "mib": int(kib) / 1024}


# The n x n grouping holds four dense n x n float arrays per group: past this scale
# they would need several GB, so --dense stops here.
DENSE_MAX_SCALE = 30


def measure(scales=(1, 10, 30, 100), dense: bool = False, log=print) -> dict:
    rows = {}
    for scale in scales:
        folder = CORPUS if scale == 1 else Path(tempfile.mkdtemp(prefix=f"bench_mine_{scale}x_"))
        try:
            if scale != 1:
                build_big(folder, scale)
            log(f"{scale}× …")
            row = {"scale": scale, "sentences": distinct_sentences(folder),
                   "mb": sum(f.stat().st_size for f in folder.iterdir()) / 1e6, **run(folder)}
            if dense and scale <= DENSE_MAX_SCALE:
                log(f"{scale}× n×n …")
                row["dense"] = run(folder, "dense")
            rows[scale] = row
        finally:
            if scale != 1:
                shutil.rmtree(folder)
    base = rows[min(rows)]
    for row in rows.values():
        row["time_ratio"] = row["s"] / base["s"]
        row["mem_ratio"] = row["mib"] / base["mib"]
        row["per_scale"] = row["time_ratio"] / (row["scale"] / base["scale"])
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,10,30,100")
    ap.add_argument("--dense", action="store_true")
    a = ap.parse_args(argv)
    rows = measure(tuple(int(s) for s in a.scales.split(",")), a.dense, log=lambda m: print(m, file=sys.stderr))
    print(machine())
    print("| corpus | distinct sentences | mine() | time vs 1× | ÷ scale | peak memory | vs 1× | phrases |"
          + (" n×n dedup: time, memory |" if a.dense else ""))
    for r in rows.values():
        line = (f"| {r['scale']}× ({r['mb']:.1f} MB) | {r['sentences']} | {r['s']:.1f} s | {r['time_ratio']:.1f}× "
                f"| {r['per_scale']:.2f} | {r['mib']:.0f} MiB | {r['mem_ratio']:.2f}× | {r['phrases']} |")
        if "dense" in r:
            line += f" {r['dense']['s']:.1f} s, {r['dense']['mib']:.0f} MiB |"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Phrase bank load time in a fresh process (target < 100 ms).

    .venv/bin/python benchmarks/bench_bank_load.py [phrasebank/]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import ROOT  # noqa: E402
CHILD = ("import time; t = time.perf_counter(); from drafter.bank import PhraseBank; b = PhraseBank.load({path!r}); "
         "d = time.perf_counter() - t; import sys; "
         "heavy = sorted(m for m in ('jieba', 'sklearn', 'yaml') if m in sys.modules); print(d, len(b), ','.join(heavy) or '-')")


def measure(path: str | Path = ROOT / "phrasebank", runs: int = 7) -> dict:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD.format(path=str(path))], capture_output=True, text=True,
                             check=True)
        d, n, heavy = out.stdout.split()
        times.append(float(d))
    return {"median_ms": statistics.median(times) * 1000, "max_ms": max(times) * 1000, "phrases": int(n),
            "heavy": heavy}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "phrasebank"
    m = measure(path)
    print(f"bank load (import drafter.bank + PhraseBank.load, fresh process): median {m['median_ms']:.1f} ms, "
          f"max {m['max_ms']:.1f} ms, {m['phrases']} phrases, heavy modules loaded: {m['heavy']}  [target < 100 ms]")


if __name__ == "__main__":
    main()

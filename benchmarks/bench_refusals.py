"""How fast bad input is refused (the timings the tests used to assert), each in a fresh
process, against an anchor measured in the same run: `drafter draft` of the example
figures file without its check.

    .venv/bin/python benchmarks/bench_refusals.py [--runs 3]

Target: every refusal takes no longer than that one ordinary draft (ratio <= 1):
a YAML alias bomb, a 20 MB figures file, deep nesting, a bulk alias bomb, and the
wizard started without a terminal must be turned away before any real work.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import EXAMPLE, FIXTURE_BANK, drafter_cmd, env, timed  # noqa: E402


def alias_bomb(top: str) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append(f"{top}: *l")
    return "\n".join(lines) + "\n"


CASES = {
    "alias bomb (draft)": ("draft", "bomb.yaml", alias_bomb("unit")),
    "figures file of 20 MB (draft)": ("draft", "big.yaml",
                                      "unit: 某某县民政局\nhighlights:\n" + ("  - " + "很长的亮点" * 20 + "\n") * 20000),
    "nesting 5000 deep (draft)": ("draft", "deep.yaml", "unit: 某某县民政局\nhighlights: " + "[" * 5000 + "]" * 5000 + "\n"),
    "alias bomb (bulk)": ("bulk", "units.yaml", alias_bomb("units")),
}


def measure(runs: int = 3) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        e = env(FIXTURE_BANK)
        anchor = statistics.median(
            timed(drafter_cmd() + ["draft", str(EXAMPLE), "-o", f"{tmp}/a.docx", "--no-check", "--force"],
                  cwd=tmp, environ=e)[0] for _ in range(runs))
        out["anchor"] = anchor
        for name, (command, file, text) in CASES.items():
            Path(tmp, file).write_text(text, encoding="utf-8")
            args = [command, file, "-o", "out.docx" if command == "draft" else "out"]
            times = []
            for _ in range(runs):
                wall, p = timed(drafter_cmd() + args, cwd=tmp, environ=e, check=False)
                if p.returncode == 0 or "Traceback" in p.stderr:
                    raise RuntimeError(f"{name}: not refused cleanly:\n{p.stderr[-1000:]}")
                times.append(wall)
            out[name] = statistics.median(times)
        times = []
        for _ in range(runs):
            wall, p = timed(drafter_cmd() + ["wizard"], cwd=tmp, environ=e, check=False)
            times.append(wall)
        out["wizard without a terminal"] = statistics.median(times)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    m = measure(args.runs)
    print(f"anchor: drafter draft (example, no check), fresh process, median of {args.runs}: {m['anchor']:.2f} s")
    for name, t in m.items():
        if name != "anchor":
            print(f"{name}: refused in {t:.2f} s = {t / m['anchor']:.2f}x the anchor  [target <= 1]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

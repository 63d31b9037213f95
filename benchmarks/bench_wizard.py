"""Start-up of `drafter wizard`: time from launch to the first question, in a fresh process.

    .venv/bin/python benchmarks/bench_wizard.py [--runs N] [--bank DIR]

For each run, spawns the installed `drafter wizard` in a pseudo-terminal (pexpect),
times until the first question (单位名称) is on the screen, then types a unit name and
times until the next question (the inferred category: phrase bank, profile and
pydantic loaded), then presses Ctrl-C. Also lists the slowest imports before the
first question (`python -X importtime`). Prints figures only; asserts nothing.
Target (issue 5): first question in under 0.5 s, no jieba or scikit-learn import.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import FIXTURE_BANK as DEFAULT_BANK  # noqa: E402
from benchlib import drafter_cmd  # noqa: E402

import benchlib  # noqa: E402

FIRST_QUESTION = "单位名称"
SECOND_QUESTION = "以上单位类别是否正确"

# What the wizard imports before showing its first question (drafter.cli -> commands.wizard
# -> drafter.wizard -> questionary on the first prompt).
FIRST_QUESTION_IMPORTS = (
    "import drafter.cli, drafter.commands.wizard, drafter.wizard, questionary, sys; "
    "print(','.join(sorted(m for m in ('jieba', 'sklearn', 'docx', 'pydantic', 'yaml') if m in sys.modules)))"
)


def env(bank: Path) -> dict:
    return benchlib.env(bank, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color")


def one_run(bank: Path, cwd: str) -> tuple[float, float]:
    import pexpect

    cmd = drafter_cmd()
    t0 = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:] + ["wizard"], cwd=cwd, env=env(bank), encoding="utf-8",
                          dimensions=(40, 160), timeout=30)
    child.expect_exact(FIRST_QUESTION)
    first = time.perf_counter() - t0
    t1 = time.perf_counter()
    child.send("某某县民政局\r")
    child.expect_exact(SECOND_QUESTION)
    second = time.perf_counter() - t1
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    for p in Path(cwd).iterdir():  # the partial answers file Ctrl-C saves
        p.unlink()
    return first, second


# drafter.cli.main as the console script runs it, writing the mining libraries it holds at exit
MODULES_AT_EXIT = r"""
import atexit, os, sys
def _report():
    with open(os.environ["BENCH_MODULES"], "w") as fh:
        fh.write(",".join(sorted({m.split(".")[0] for m in sys.modules} & {"jieba", "sklearn", "scipy"})))
atexit.register(_report)
from drafter.cli import main
sys.argv[0] = "drafter"
sys.exit(main(sys.argv[1:]))
"""


def heavy_after_start(bank: Path = DEFAULT_BANK) -> str:
    """Mining libraries held by a wizard that showed its first two questions (phrase bank,
    profile and pydantic loaded) and was then interrupted."""
    import pexpect

    with tempfile.TemporaryDirectory() as cwd:
        report = Path(cwd).parent / f"bench-wizard-modules-{os.getpid()}.txt"
        child = pexpect.spawn(sys.executable, ["-c", MODULES_AT_EXIT, "wizard"], cwd=cwd,
                              env=dict(env(bank), BENCH_MODULES=str(report)), encoding="utf-8",
                              dimensions=(40, 160), timeout=30)
        child.expect_exact(FIRST_QUESTION)
        child.send("某某县民政局\r")
        child.expect_exact(SECOND_QUESTION)
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
        text = report.read_text() if report.exists() else "?"
        report.unlink(missing_ok=True)
    return text or "none"


def import_profile(top: int = 8) -> tuple[list[tuple[int, str]], str]:
    """The slowest top-level imports before the first question (cumulative microseconds, module),
    and which heavy modules were loaded."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", FIRST_QUESTION_IMPORTS],
                          capture_output=True, text=True, env=env(DEFAULT_BANK))
    rows = []
    for line in proc.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2]
        if name.startswith(" ") and not name.startswith("  "):  # imported by the script itself
            rows.append((int(parts[1]), name.strip()))
    return sorted(rows, reverse=True)[:top], proc.stdout.strip()


def measure(bank: Path = DEFAULT_BANK, runs: int = 5) -> dict:
    firsts, seconds = [], []
    with tempfile.TemporaryDirectory() as cwd:
        for _ in range(runs):
            f, s = one_run(bank, cwd)
            firsts.append(f)
            seconds.append(s)
    rows, loaded = import_profile()
    return {"runs": runs, "first": firsts, "second": seconds, "slowest": rows, "loaded": loaded,
            "heavy_after_start": heavy_after_start(bank)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bank", type=Path, default=DEFAULT_BANK,
                    help="phrase bank directory (default: the test fixture bank)")
    args = ap.parse_args()
    if os.name == "nt":
        sys.exit("bench_wizard needs a POSIX pseudo-terminal (pexpect.spawn).")
    m = measure(args.bank, args.runs)

    def fmt(xs):
        return f"median {statistics.median(xs) * 1000:6.0f} ms   min {min(xs) * 1000:6.0f} ms   max {max(xs) * 1000:6.0f} ms"

    print(f"drafter wizard, {args.runs} runs, bank {args.bank}")
    print(f"  launch -> first question (单位名称):       {fmt(m['first'])}   target < 500 ms")
    print(f"  unit name -> category question:          {fmt(m['second'])}")
    print(f"  heavy modules loaded before the first question: {m['loaded'] or 'none'}")
    print(f"  jieba / scikit-learn / scipy held after the first two questions: {m['heavy_after_start']}")
    print("  slowest top-level imports before the first question (cumulative):")
    for cum, name in m["slowest"]:
        print(f"    {cum / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()

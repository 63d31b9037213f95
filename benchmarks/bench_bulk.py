"""`drafter bulk -j 2` against `-j 1`, and against a pure-CPU control task run in the
same pool shape, side by side in one run (interleaved; medians).

    python benchmarks/bench_bulk.py [--units 200] [--runs 5] [--bank phrasebank/]

Figures (ratios, anchors measured in the same run):
  speed-up      = wall(bulk -j 1) / wall(bulk -j 2), fresh processes, with the automatic check
  control       = the same for a fresh process whose ProcessPoolExecutor (same chunking as
                  drafter.bulk) spins the CPU for as long per unit as a draft takes
  efficiency    = speed-up / control speed-up            (target >= 0.9)
  busy core     = with a CPU hog on one core: wall(bulk, default -j) / wall(bulk -j 1)
                  (target <= 1: never slower than -j 1; the default -j sees the busy core)
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
from benchlib import BULK, SHIPPED_BANK, drafter_cmd, env, machine, timed  # noqa: E402


def bulk_file(folder: Path, n: int) -> Path:
    """n units: the example units again and again, each with a unit name of its own."""
    import yaml

    data = yaml.safe_load(BULK.read_text(encoding="utf-8"))
    units = []
    for i in range(n):
        u = dict(data["units"][i % len(data["units"])])
        u["unit"] = u["unit"].replace("某某", f"第{i + 1}", 1)
        units.append(u)
    path = folder / "units.yaml"
    path.write_text(yaml.safe_dump({"defaults": data["defaults"], "units": units}, allow_unicode=True),
                    encoding="utf-8")
    return path


def bulk_wall(units: Path, out: Path, bank: str, jobs: int | None) -> float:
    cmd = drafter_cmd() + ["bulk", str(units), "-o", str(out), "--bank", bank, "--quiet", "--force"]
    if jobs:
        cmd += ["-j", str(jobs)]
    wall, p = timed(cmd, environ=env(), check=False)
    if p.returncode not in (0, 1):       # 1: drafts written, some with check findings
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return wall


# ---------------------------------------------------------------- the control

def _spin(seconds_of_work: int) -> int:
    x = 0
    for i in range(seconds_of_work):
        x = (x * 31 + i) % 1000003
    return x


def _spin_chunk(chunk):
    return [_spin(n) for n in chunk]


def control_main(n: int, jobs: int, work: int) -> None:
    """Run in a fresh process: n units of CPU work in drafter.bulk's pool shape."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    try:
        from drafter.bulk import chunks_of
    except ImportError:     # the code before issue 14: pool.map's chunks of n // (jobs * 8)
        def chunks_of(todo, jobs):
            size = max(1, len(todo) // (jobs * 8))
            return [todo[i:i + size] for i in range(0, len(todo), size)]

    todo = [work] * n
    if jobs == 1:
        for w in todo:
            _spin(w)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending = {pool.submit(_spin_chunk, c) for c in chunks_of(todo, jobs)}
        while pending:
            _, pending = wait(pending, return_when=FIRST_COMPLETED)


def control_wall(n: int, jobs: int, work: int) -> float:
    return timed([sys.executable, __file__, "--control", str(n), str(jobs), str(work)], environ=env())[0]


def calibrate(per_unit_s: float) -> int:
    """Loop count of _spin that takes per_unit_s on this machine."""
    n = 200_000
    t0 = time.perf_counter()
    _spin(n)
    return max(1000, int(n * per_unit_s / (time.perf_counter() - t0)))


# ---------------------------------------------------------------- measure

def measure(units: int = 200, runs: int = 5, bank: str | None = None, log=print) -> dict:
    bank = str(bank or SHIPPED_BANK)
    with tempfile.TemporaryDirectory(prefix="drafter-bench-bulk-") as tmp:
        tmp = Path(tmp)
        path = bulk_file(tmp, units)
        bulk_wall(path, tmp / "warm", bank, 1)                     # warm the file cache
        j1 = bulk_wall(path, tmp / "cal", bank, 1)
        work = calibrate(j1 / units)
        control_wall(units, 2, work)                                 # warm-up (bytecode cached)
        rows = {"j1": [], "j2": [], "c1": [], "c2": []}
        for r in range(runs):
            log(f"run {r + 1}/{runs} …")
            rows["j1"].append(bulk_wall(path, tmp / "o1", bank, 1))
            rows["j2"].append(bulk_wall(path, tmp / "o2", bank, 2))
            rows["c1"].append(control_wall(units, 1, work))
            rows["c2"].append(control_wall(units, 2, work))
        log("with one core busy …")
        busy = {"j1": [], "default": []}
        hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            time.sleep(61 if os.environ.get("BENCH_WAIT_LOADAVG") else 2)
            for r in range(max(3, runs // 2)):
                busy["j1"].append(bulk_wall(path, tmp / "b1", bank, 1))
                busy["default"].append(bulk_wall(path, tmp / "bd", bank, None))
        finally:
            hog.kill()
            hog.wait()
    med = {k: statistics.median(v) for k, v in rows.items()}
    speedup = med["j1"] / med["j2"]
    control = med["c1"] / med["c2"]
    bmed = {k: statistics.median(v) for k, v in busy.items()}
    return {"units": units, "runs": runs, **med, "speedup": speedup, "control": control,
            "efficiency": speedup / control, "busy_j1": bmed["j1"], "busy_default": bmed["default"],
            "busy_ratio": bmed["default"] / bmed["j1"],
            "per_draft_ms": med["j2"] / units * 1000 * 2}


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--control":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        control_main(*map(int, sys.argv[2:]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bank", default=str(SHIPPED_BANK))
    a = ap.parse_args()
    r = measure(a.units, a.runs, a.bank, log=lambda m: print(m, file=sys.stderr))
    print(f"{machine()}; {r['units']} units, medians of {r['runs']} interleaved runs")
    print(f"bulk -j 1 {r['j1']:.2f} s, -j 2 {r['j2']:.2f} s: speed-up {r['speedup']:.2f}×")
    print(f"control -j 1 {r['c1']:.2f} s, -j 2 {r['c2']:.2f} s: speed-up {r['control']:.2f}×")
    print(f"efficiency {r['efficiency']:.2f} of the control (target >= 0.9)")
    print(f"one core busy: default -j {r['busy_default']:.2f} s vs -j 1 {r['busy_j1']:.2f} s "
          f"({r['busy_ratio']:.2f}×, target <= 1)")


if __name__ == "__main__":
    main()

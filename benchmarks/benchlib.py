"""Names the benchmarks share: paths, the `drafter` command, fresh-process timing,
heavy-module detection, character n-grams.  Standard library only.

    import benchlib   (the benchmarks put their own folder on sys.path when run as scripts)
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "corpus"
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "county-civil-affairs-openness.yaml"
BULK = EXAMPLES / "units.yaml"
SHIPPED_BANK = ROOT / "phrasebank"
FIXTURE_BANK = ROOT / "tests" / "fixtures" / "bank"

# Mining libraries the drafting paths must never load.
HEAVY = ("jieba", "sklearn", "scipy")


def drafter_cmd() -> list[str]:
    """The installed `drafter` console command, else `python -m drafter`."""
    exe = Path(sys.executable).parent / ("drafter.exe" if os.name == "nt" else "drafter")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "drafter"]


def env(bank: str | os.PathLike | None = None, **extra: str) -> dict:
    """The environment of a measured process: a user's, not this machine's build settings.

    PYTHONDONTWRITEBYTECODE is dropped: with it, every fresh process compiles drafter's
    modules from source (~90 ms), while a user's Python caches their bytecode after the
    first run (and pip wrote the anchors' .pyc at install). The benchmarks run each
    command once before timing it, so both sides start from cached bytecode."""
    e = dict(os.environ, PYTHONIOENCODING="utf-8")
    e.pop("DRAFTER_DEBUG", None)
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    if bank is not None:
        e["DRAFTER_PHRASEBANK"] = str(bank)
    e.update(extra)
    return e


def timed(cmd: list[str], *, cwd: str | os.PathLike = ROOT, environ: dict | None = None,
          check: bool = True) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of one fresh process."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=environ, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return wall, p


def median_time(cmd: list[str], runs: int = 5, **kw) -> float:
    return statistics.median(timed(cmd, **kw)[0] for _ in range(runs))


_IMPORT_LINE = re.compile(r"^import time:\s*\d+\s*\|\s*\d+\s*\|\s*(\S+)\s*$")


def heavy_imports(cmd: list[str], *, cwd: str | os.PathLike = ROOT, bank=None) -> tuple[list[str], str]:
    """(heavy modules imported by any process of cmd, workers included; its stdout).
    PYTHONPROFILEIMPORTTIME makes every Python process log its imports to stderr."""
    p = subprocess.run(cmd, cwd=cwd, env=env(bank, PYTHONPROFILEIMPORTTIME="1"), capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    mods = set()
    for line in p.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m and m.group(1).split(".")[0] in HEAVY:
            mods.add(m.group(1).split(".")[0])
    return sorted(mods), p.stdout


_RUNS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")


def grams(text: str, n: int = 4) -> set[str]:
    """Character n-grams of the CJK/alphanumeric runs (punctuation and layout ignored)."""
    out: set[str] = set()
    for run in _RUNS.findall(text):
        out.update(run[i:i + n] for i in range(len(run) - n + 1))
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def containment(a: set[str], b: set[str]) -> float:
    """Share of a's n-grams found in b."""
    return len(a & b) / len(a) if a else 0.0


def mean_pairwise_jaccard(texts: list[str]) -> float:
    g = [grams(t) for t in texts]
    pairs = [jaccard(g[i], g[j]) for i in range(len(g)) for j in range(i + 1, len(g))]
    return statistics.fmean(pairs) if pairs else float("nan")


def machine() -> str:
    import platform

    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"

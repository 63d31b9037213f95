"""Shared test support: paths, the CLI runner, document builders, fixtures.

Module-level names (paths, `drafter_cli`, builders) are imported by test modules
with `from conftest import …` where they are needed at import time (parametrize
lists); the rest comes in as fixtures. drafter's own modules are imported inside
the helpers, so moving a private module inside the package touches this file
only, and the tests go on driving drafter through its public API and the CLI.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

# ---------------------------------------------------------------- paths

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
FIXTURE_BANK = FIXTURES / "bank"          # hand-written bank: stable across re-mining
SHIPPED_BANK = ROOT / "phrasebank"        # the mined bank users get
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "corpus"
LAST_ANSWERS = FIXTURES / "wizard" / "last.answers.yaml"
EXAMPLE_FILES = ("county-civil-affairs-openness.yaml", "township-annual.yaml", "rural-revitalisation.yaml")

# The independent GB/T 9704 .docx builder of the checker tests (written from the spec,
# not from drafter's writer) is imported as `docx_builder`.
sys.path.insert(0, str(FIXTURES / "h5"))

# Mining libraries the drafting paths (draft, bulk, check, wizard) must never load.
HEAVY = ("jieba", "sklearn", "scipy")


# ---------------------------------------------------------------- the command line

@dataclass
class Run:
    rc: int
    out: str
    err: str
    seconds: float


def drafter_cmd() -> list[str]:
    """The installed `drafter` console command (what users type), else `python -m drafter`."""
    exe = Path(sys.executable).parent / ("drafter.exe" if os.name == "nt" else "drafter")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "drafter"]


def cli_env(bank: str | os.PathLike | None = FIXTURE_BANK, **extra: str) -> dict:
    """Environment of a drafter subprocess: the given phrase bank, UTF-8 output, no debug tracebacks."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("DRAFTER_DEBUG", None)
    if bank is not None:
        env["DRAFTER_PHRASEBANK"] = str(bank)
    env.update(extra)
    return env


def drafter_cli(*args: str, cwd: Path, bank: str | os.PathLike | None = FIXTURE_BANK, timeout: float = 60,
                subprocess_: bool = False) -> Run:
    """Run the CLI: in-process through drafter.cli.main (fast), or as a real
    subprocess. In-process, an exception escaping main() is recorded as a
    traceback in err, so the same assertions catch it."""
    if subprocess_:
        return _drafter_subprocess(*args, cwd=cwd, bank=bank, timeout=timeout)
    from drafter.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_cwd, old_env = os.getcwd(), os.environ.get("DRAFTER_PHRASEBANK")
    if bank is not None:
        os.environ["DRAFTER_PHRASEBANK"] = str(bank)
    debug = os.environ.pop("DRAFTER_DEBUG", None)
    t0 = time.perf_counter()
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                rc = main(list(args))
            except SystemExit as exc:  # argparse
                rc = exc.code if isinstance(exc.code, int) else 1
            except BaseException:  # noqa: BLE001 - must never happen
                err.write(traceback.format_exc())
                rc = 99
    finally:
        os.chdir(old_cwd)
        if old_env is None:
            os.environ.pop("DRAFTER_PHRASEBANK", None)
        else:
            os.environ["DRAFTER_PHRASEBANK"] = old_env
        if debug is not None:
            os.environ["DRAFTER_DEBUG"] = debug
    return Run(rc, out.getvalue(), err.getvalue(), time.perf_counter() - t0)


def _drafter_subprocess(*args: str, cwd: Path, bank=FIXTURE_BANK, timeout: float = 60) -> Run:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd, env=cli_env(bank),
                       capture_output=True, timeout=timeout)
    return Run(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"),
               time.perf_counter() - t0)


# Runs drafter.cli.main exactly as the `drafter` console script does, and at exit
# writes the heavy modules present in sys.modules to the file named by
# DRAFTER_TEST_MODULES (one line per process that exits through the interpreter).
MODULES_AT_EXIT = r"""
import atexit, os, sys

def _report():
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("jieba", "sklearn", "scipy"))
    with open(os.environ["DRAFTER_TEST_MODULES"], "a", encoding="utf-8") as fh:
        fh.write("%d %s\n" % (os.getpid(), ",".join(heavy)))

atexit.register(_report)
from drafter.cli import main
sys.argv[0] = "drafter"
sys.exit(main(sys.argv[1:]))
"""

_IMPORT_LINE = re.compile(r"^import time:\s*\d+\s*\|\s*\d+\s*\|(\s*)(\S+)\s*$")


@dataclass
class ModulesRun:
    run: Run
    at_exit: list[str]        # heavy modules in sys.modules when the main process exited
    imported: list[str]       # heavy modules imported by any process (workers too), from -X importtime


def modules_cmd(*args: str) -> list[str]:
    """The command line of `drafter ARGS` that reports its heavy modules at exit (set
    DRAFTER_TEST_MODULES to the report file in its environment)."""
    return [sys.executable, "-c", MODULES_AT_EXIT, *args]


def modules_at_exit(report: Path) -> list[str]:
    """The heavy modules the processes that wrote `report` held at exit."""
    lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
    assert lines, "the process did not report its modules at exit"
    return sorted({m for line in lines for m in line.partition(" ")[2].split(",") if m})


def drafter_reporting_modules(*args: str, cwd: Path, bank=FIXTURE_BANK, timeout: float = 120) -> ModulesRun:
    """Run the real CLI in a subprocess and report every jieba/scikit-learn/scipy
    module it loaded: sys.modules of the main process at exit, and every import
    of any process, worker processes included (PYTHONPROFILEIMPORTTIME is
    inherited by forked and spawned workers alike)."""
    with tempfile.TemporaryDirectory(prefix="drafter-modules-") as tmp:
        report = Path(tmp) / "modules.txt"
        env = cli_env(bank, DRAFTER_TEST_MODULES=str(report), PYTHONPROFILEIMPORTTIME="1")
        t0 = time.perf_counter()
        p = subprocess.run(modules_cmd(*args), cwd=cwd, env=env, capture_output=True, timeout=timeout)
        seconds = time.perf_counter() - t0
        at_exit = modules_at_exit(report)
    err_lines, imported = [], []
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            if m.group(2).split(".")[0] in HEAVY:
                imported.append(m.group(2))
        elif not line.startswith("import time:"):
            err_lines.append(line)
    run = Run(p.returncode, p.stdout.decode("utf-8", "replace"), "\n".join(err_lines), seconds)
    return ModulesRun(run, at_exit, sorted(set(imported)))


# ---------------------------------------------------------------- files

def refused(r: Run, *needles: str) -> None:
    """A CLI run refused with a Chinese message (no traceback, no internal error) naming needles."""
    assert r.rc not in (0, 3), (r.rc, r.out, r.err)
    assert "Traceback" not in r.err and "内部错误" not in r.err, r.err
    assert r.err.startswith("错误："), r.err
    for n in needles:
        assert n in r.err, (n, r.err)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding, "surrogatepass"))
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder (hidden ones too) with a hash of its bytes."""
    out = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            p = Path(root) / name
            out[str(p.relative_to(folder))] = hashlib.sha1(p.read_bytes()).hexdigest()
    return out


def docx_paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def docx_text(path: Path) -> str:
    """The text of a written .docx, re-opened with python-docx, one paragraph a line."""
    return "\n".join(docx_paragraphs(path))


_DATES = re.compile(r"(?:19|20)\d\d年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日")


def count_figure(value: str, text: str) -> int:
    """How often a figure as written (1530, 98.5%, 2.3) stands in text as a number of its
    own: not part of a longer number or a decimal, and not inside a year or a date
    (2026年12月20日 holds no figure 12). A date figure is counted as written."""
    if "月" in value or "年" in value:
        return text.count(value)
    text = _DATES.sub("■", text)
    tail = r"(?![\d.]|%)" if value[-1].isdigit() else ""
    return len(re.findall(r"(?<![\d.])" + re.escape(value) + tail, text))


def written(value, kind: str | None = None, unit: str | None = None) -> str:
    """A figure as a clerk writes it, independently of drafter: 1530, 45.6, 98.5%, 100%
    (no separators, no trailing .0), a date as 2026年12月15日; an amount of 10000万元
    or more in 亿元 (21500 万元 -> 2.15)."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if unit == "万元" and float(value) >= 10000:
        return format((Decimal(str(value)) / 10000).normalize(), "f")
    number = float(value)
    text = str(int(number)) if number.is_integer() else str(value)
    return text + "%" if kind == "percent" else text


# ---------------------------------------------------------------- document builders

def spec_of(text: str, bank, source: str = "test.yaml"):
    """A UnitSpec from figures-file text, through the real parser."""
    from drafter.figures import parse_figures_text

    return parse_figures_text(text, source=source, slots=bank.slots)


def bulk_of(text: str, bank, source: str = "units.yaml"):
    """A BulkSpec from bulk-file text, through the real parser."""
    from drafter.figures import parse_bulk_text

    return parse_bulk_text(text, source=source, slots=bank.slots)


def example_spec(name: str, bank=None):
    """One of examples/*.yaml as a UnitSpec."""
    from drafter.figures import load_figures

    return load_figures(EXAMPLES / name, slots=bank.slots if bank is not None else None)


def mining_document(source: str, name: str, achievements: list[str], problems=(), plans=(), *,
                    opening: str = "2023年，我局在县委、县政府的正确领导下，扎实推进政务公开工作。现将有关情况总结如下：",
                    title: str | None = None, theme: str = "政务公开", family: str = "民政社保",
                    level: str = "县", year: int = 2023, end_line: int = 40):
    """A structured corpus Document (as ingest makes them) for mining tests:
    opening, 一、achievements, 二、problems, 三、plans, one paragraph a line."""
    from drafter.models import Document, Paragraph, Section, UnitProfile

    secs = [Section(None, None, 1, 1, canonical="opening", paragraphs=[Paragraph(opening, 2)]),
            Section("工作完成情况", "一、", 1, 3, canonical="achievements",
                    paragraphs=[Paragraph(t, 4 + i) for i, t in enumerate(achievements)])]
    if problems:
        secs.append(Section("存在问题", "二、", 1, 20, canonical="problems",
                            paragraphs=[Paragraph(t, 21 + i) for i, t in enumerate(problems)]))
    if plans:
        secs.append(Section("下一步工作打算", "三、", 1, 30, canonical="plans",
                            paragraphs=[Paragraph(t, 31 + i) for i, t in enumerate(plans)]))
    return Document(source=source, start_line=1, end_line=end_line,
                    title=title if title is not None else f"{name}{year}年{theme}工作总结", sections=secs,
                    profile=UnitProfile(name=name, level=level, family=family, theme=theme, year=year))


def outline_draft(blocks, *, unit: str, year: int = 2026, theme: str = "政务公开", title: str | None = None):
    """A Draft made of hand-written blocks, for the writers: each block a Block or a
    (kind, text, {level, marker, section}) tuple; the title defaults to the title block's text."""
    from drafter.drafting.document import Block, Draft

    made = [b if isinstance(b, Block) else Block(b[0], b[1], **(b[2] if len(b) > 2 else {})) for b in blocks]
    if title is None:
        title = next(b.text for b in made if b.kind == "title")
    return Draft(title=title, unit=unit, year=year, theme=theme, blocks=made)


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def fixture_bank():
    """The hand-written fixture bank (tests/fixtures/bank)."""
    from drafter.bank import PhraseBank

    return PhraseBank.load(FIXTURE_BANK)


@pytest.fixture(scope="session")
def shipped_bank():
    """The committed, mined phrasebank/."""
    from drafter.bank import PhraseBank

    return PhraseBank.load(SHIPPED_BANK)


@pytest.fixture(scope="session")
def bank(fixture_bank):
    """`bank` in a test means the fixture bank."""
    return fixture_bank


def clear_drafter_caches() -> int:
    """Clear every functools cache of drafter's modules (data tables read once per
    process, compiled patterns). Found by walking the loaded modules, so it keeps
    working when a table's loader moves. Returns how many caches were cleared."""
    n = 0
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "drafter" or name.startswith("drafter.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()
                n += 1
    return n


@pytest.fixture
def clear_table_caches():
    """Data tables are cached per process: a test that points drafter at other
    tables gets fresh reads, and leaves none of its tables behind."""
    clear_drafter_caches()
    yield clear_drafter_caches
    clear_drafter_caches()

"""The fast paths give what the slow ones gave: libyaml and pure-Python YAML parse
to the same data, lines and messages; `bulk -j 2` writes the same bytes as `-j 1`."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import EXAMPLES, SHIPPED_BANK, cli_env
from drafter.errors import InputError
from drafter.figures import yamlsafe

needs_libyaml = pytest.mark.skipif(yamlsafe._Loader is yamlsafe._PyLoader, reason="PyYAML built without libyaml")

DOCS = [
    (EXAMPLES / "units.yaml").read_text(encoding="utf-8"),
    "base: &b {year: 2026, theme: 政务公开}\nunits:\n  - <<: *b\n    unit: 某某县民政局\n    figures: {x: 123456789012345678901234567890}\n",
    "unit: 某某县\nfigures:\n  a: 1\n  b: [1, 2, {c: 3}]\nsignature: {name: 某某, date: 2026-12-18}\n",
    "unit: \"\\ud800某某县\"\nyear: 2026\n",
]
BAD = [
    "unit: 某某\n  year: 2026\n",           # indentation
    "unit: 某\x07某\n",                      # control character
    "unit: [1, 2\n",                         # unclosed bracket
    "a: 1\na: 2\n",                          # duplicate key
    "x: &a [*a]\n",                          # recursive alias
    "- " * 3000 + "x\n",                     # deep nesting
]


def _paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, path + (i,))


def _parse(text, loader=None):
    try:
        loc = yamlsafe._read_yaml(text, "f.yaml", loader) if loader else yamlsafe.read_yaml(text, "f.yaml")
    except InputError as exc:
        return "error", str(exc)
    except RecursionError:
        return "recursion", ""
    return loc.data, [loc.line_of(p) for p in _paths(loc.data)]


@needs_libyaml
@pytest.mark.parametrize("text", DOCS, ids=range(len(DOCS)))
def test_libyaml_gives_the_same_data_and_lines(text):
    """read_yaml (libyaml, the pure-Python parser for what libyaml refuses) as the pure-Python parser alone."""
    assert _parse(text) == _parse(text, yamlsafe._PyLoader)


@needs_libyaml
@pytest.mark.parametrize("text", BAD, ids=range(len(BAD)))
def test_refused_documents_get_the_pure_python_message(text):
    with pytest.raises(InputError) as fast:
        yamlsafe.read_yaml(text, "f.yaml")
    try:
        expected = str(yamlsafe._read_yaml(text, "f.yaml", yamlsafe._PyLoader))
    except InputError as exc:
        expected = str(exc)
    assert str(fast.value) == expected
    assert "f.yaml" in str(fast.value)


def test_bulk_in_two_workers_writes_the_same_bytes_as_one(tmp_path):
    env = cli_env(SHIPPED_BANK, SOURCE_DATE_EPOCH="1765000000")   # the example units use its slots
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        r = subprocess.run([sys.executable, "-m", "drafter", "bulk", str(EXAMPLES / "units.yaml"), "-o", str(out),
                            "-j", jobs, "--no-check"], env=env, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        outs[jobs] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(outs["1"]) == len(yaml.safe_load((EXAMPLES / "units.yaml").read_text(encoding="utf-8"))["units"])
    assert outs["1"] == outs["2"]


# ---------------------------------------------------------------- the user cache (drafter/usercache.py)

@pytest.fixture
def cache_on(tmp_path, monkeypatch):
    """Caching on, into a folder of this test (the suite itself runs with PYTHONDONTWRITEBYTECODE)."""
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path / "cache"


def test_a_cached_table_reads_back_as_parsed(cache_on, tmp_path):
    from drafter.datafiles import read_table, safe_load
    from drafter.paths import DATA_DIR

    for table in sorted(DATA_DIR.glob("*.yaml")):
        parsed = safe_load(table.read_text(encoding="utf-8"))
        assert read_table(table) == parsed            # parsed, then cached (where marshal can hold it)
        assert read_table(table) == parsed, table.name   # from the cache
    assert len(list((cache_on / "tables").iterdir())) >= 15
    # an edited table has another key; a damaged entry is parsed again
    t = tmp_path / "t.yaml"
    t.write_text("a: 1\n", encoding="utf-8")
    assert read_table(t) == {"a": 1}
    t.write_text("a: 2\n", encoding="utf-8")
    assert read_table(t) == {"a": 2}
    for entry in (cache_on / "tables").iterdir():
        entry.write_bytes(b"\x00garbage")
    assert read_table(t) == {"a": 2}
    assert read_table(DATA_DIR / "levels.yaml") == safe_load((DATA_DIR / "levels.yaml").read_text(encoding="utf-8"))


def test_nothing_is_cached_when_python_writes_no_bytecode(tmp_path, monkeypatch):
    from drafter.datafiles import read_table
    from drafter.paths import DATA_DIR

    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    read_table(DATA_DIR / "levels.yaml")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setenv("DRAFTER_CACHE", "off")
    read_table(DATA_DIR / "levels.yaml")
    assert not (tmp_path / "cache").exists()


def test_a_draft_from_the_cache_has_the_same_bytes(tmp_path):
    """Tables and compiled skeletons from the cache: the same .docx as without a cache."""
    outs = []
    for n, cache in enumerate(("off", str(tmp_path / "cache"), str(tmp_path / "cache"))):
        env = cli_env(SHIPPED_BANK, SOURCE_DATE_EPOCH="1765000000", DRAFTER_CACHE=cache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        out = tmp_path / f"{n}.docx"
        r = subprocess.run([sys.executable, "-m", "drafter", "draft", str(EXAMPLES / "township-annual.yaml"),
                            "-o", str(out)], env=env, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    assert any((tmp_path / "cache").glob("jinja2-*/*")) and any((tmp_path / "cache" / "tables").iterdir())


def test_drafting_leaves_no_reference_cycles(tmp_path):
    """`draft` and `bulk` run without the cyclic garbage collector (drafter.cli.NO_GC_COMMANDS):
    that is only safe while a draft, its check and its write leave no cyclic garbage."""
    import gc

    from drafter.bank import PhraseBank
    from drafter.drafting import produce
    from drafter.figures import load_figures

    bank = PhraseBank.load(SHIPPED_BANK)
    spec = load_figures(EXAMPLES / "township-annual.yaml", slots=bank.slots)
    produce(spec, tmp_path / "warm.docx", "docx", True, True, bank=bank)      # tables and caches loaded
    gc.collect()
    gc.disable()
    try:
        for seed in range(5):
            produce(spec.model_copy(update={"seed": seed}), tmp_path / f"{seed}.docx", "docx", True, True, bank=bank)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_one_shot_command_ending_its_process_keeps_every_byte_and_status(tmp_path):
    """`python -m drafter draft` ends the process itself (drafter.cli.QUICK_EXIT): what it
    prints, writes and returns is what main(argv) gives in-process."""
    import contextlib
    import io

    from drafter.cli import main

    env = cli_env(SHIPPED_BANK, SOURCE_DATE_EPOCH="1765000000")
    args = ["draft", str(EXAMPLES / "township-annual.yaml"), "-o", "-", "--format", "txt"]
    r = subprocess.run([sys.executable, "-m", "drafter", *args], env=env, capture_output=True, timeout=120)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = main(args + ["--bank", str(SHIPPED_BANK)])
    assert (r.returncode, r.stdout.decode("utf-8")) == (rc, out.getvalue()) and len(out.getvalue()) > 1000
    taken = tmp_path / "x.docx"
    taken.write_bytes(b"")
    r = subprocess.run([sys.executable, "-m", "drafter", "draft", str(EXAMPLES / "township-annual.yaml"), "-o", str(taken)],
                       env=env, capture_output=True, timeout=120)
    assert r.returncode == 2 and "文件已存在" in r.stderr.decode("utf-8")

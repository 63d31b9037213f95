"""The README's figures come from benchmarks/readme_figures.py run on the current code.

The timings cannot be re-measured here; the cheap, deterministic figures are: the
section must be the script's (between its markers) and its phrase count must be
the shipped bank's, so re-mining the bank without regenerating the figures fails.
"""

from __future__ import annotations

import re

from conftest import ROOT


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    begin, end = text.find("<!-- figures:begin -->"), text.find("<!-- figures:end -->")
    assert 0 <= begin < end, "README.md lost the markers benchmarks/readme_figures.py --write rewrites"
    return text[begin:end]


def test_figures_section_is_written_by_the_script():
    section = _section()
    assert "benchmarks/readme_figures.py" in section
    assert "eval_realism.py" in section and "| all " in section


def test_phrase_count_is_the_shipped_banks(shipped_bank):
    m = re.search(r"mine the shipped corpus into the bank \((\d+) phrases\)", _section())
    assert m, "the mining row of the figures table is missing"
    assert int(m.group(1)) == len(shipped_bank), \
        "phrasebank/ changed: run .venv/bin/python benchmarks/readme_figures.py --write"

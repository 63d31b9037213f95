"""The GB/T 9704 layout table (drafter/data/layout.yaml): typed, cited, and the one
source of the numbers for both the .docx writer and the checker."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from drafter import paths
from drafter.check import Finding, check_docx, check_text
from drafter.check.rules import check_rules
from drafter.drafting import draft_unit, write_draft
from drafter.errors import DrafterError
from drafter.figures import load_figures
from drafter.layout import EMU_PER_MM, load_layout, signature_indents, text_width, title_lines

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-civil-affairs-openness.yaml"
ENTRIES = ("paper", "margins", "type_area", "grid", "line_pitch", "title", "body", "headings", "signature",
           "date", "page_number")


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of drafter/data/ in use instead of the shipped one; layout and rule caches
    cleared before and after."""
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    monkeypatch.setattr(paths, "DATA_DIR", folder)
    load_layout.cache_clear()
    check_rules.cache_clear()
    yield folder
    monkeypatch.undo()
    load_layout.cache_clear()
    check_rules.cache_clear()


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / "layout.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_entry_cites_a_clause_of_the_standard():
    lay = load_layout()
    assert lay.standard == "GB/T 9704-2012"
    for entry in ENTRIES + tuple(f"fonts.{role}" for role in lay.fonts):
        assert re.fullmatch(r"\d+(\.\d+)+", lay.clause(entry)), entry
    assert lay.cite("margins") == "GB/T 9704-2012 5.2.1"
    assert lay.cite("page_number") == "GB/T 9704-2012 7.5"
    # the type area follows from paper and margins
    assert lay.paper.width_mm - lay.margins.left_mm - lay.margins.right_mm == lay.type_area.width_mm
    assert lay.paper.height_mm - lay.margins.top_mm - lay.margins.bottom_mm == lay.type_area.height_mm


def test_geometry_helpers():
    assert text_width("2026年") == 3.0
    # 156 mm at 2号 (22 pt) holds 20 characters
    assert load_layout().title_chars_per_line == 20
    unit = "某某市某某区人民政府办公室"
    assert title_lines(f"{unit}2026年政务公开工作总结", unit) == [unit, "2026年政务公开工作总结"]
    date = "2026年12月18日"
    for name in ("某某县人民政府办公室", "某某县民政局"):
        name_ri, date_ri = signature_indents(name, date)
        # the date's first character two characters right of the name's …
        assert (name_ri + text_width(name)) - (date_ri + text_width(date)) == 2.0
        # … the name 右空二字, unless the date would then come closer to the edge: the date 右空二字
        assert min(name_ri, date_ri) == 2.0
    assert signature_indents("某某县人民政府办公室", date)[0] == 2.0
    assert signature_indents("某某县民政局", date)[1] == 2.0


def test_a_broken_layout_table_is_named(data_copy, tmp_path):
    _edit(data_copy, "  top_mm: 37", "  top_mm: 三十七")
    with pytest.raises(DrafterError, match=r"layout\.yaml.*margins\.top_mm"):
        load_layout()
    load_layout.cache_clear()
    _edit(data_copy, "  size: 二号\n  font: title", "  size: 小二\n  font: title")
    _edit(data_copy, "  top_mm: 三十七", "  top_mm: 37")
    with pytest.raises(DrafterError, match=r"title\.size.*小二"):
        load_layout()


def test_writer_and_checker_read_the_same_table(data_copy, tmp_path):
    spec = load_figures(EXAMPLE)
    _edit(data_copy, "  top_mm: 37", "  top_mm: 30")
    _edit(data_copy, "  pt: 28 ", "  pt: 29 ")
    path = write_draft(draft_unit(spec), tmp_path / "draft.docx")
    doc = Document(str(path))
    assert round(doc.sections[0].top_margin / EMU_PER_MM) == 30
    assert doc.styles["公文正文"].paragraph_format.line_spacing.pt == 29
    assert [f for f in check_docx(path, spec) if f.code.startswith("layout")] == []

    # the shipped table: the same file is now off by 7 mm at the top
    shutil.copy(ROOT / "drafter" / "data" / "layout.yaml", data_copy / "layout.yaml")
    load_layout.cache_clear()
    found = [f for f in check_docx(path, spec) if f.code.startswith("layout")]
    assert [f.code for f in found] == ["layout-margins"], [str(f) for f in found]
    assert "上 30.0 毫米（应为 37）" in found[0].message
    assert found[0].clause == "GB/T 9704-2012 5.2.1"


def test_text_findings_cite_no_clause():
    found = check_text(["某某县民政局2026年工作总结", "全年公开信息XX条。"], year=2026)
    assert [f.code for f in found] == ["placeholder-xx"]
    assert found[0].clause is None


def test_every_layout_rule_cites_an_entry_of_the_table():
    entries = check_rules().layout_entries
    assert entries and all(code.startswith("layout-") for code in entries)
    for code in entries:
        assert re.fullmatch(r"GB/T 9704-2012 \d+(\.\d+)+", Finding(code, "error", "全文", "").clause), code

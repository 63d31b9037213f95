"""Layout items of issue 12, measured on the written .docx (re-opened) and, where
LibreOffice is installed, on its render: 28 characters a line, widow control,
title line breaks at word boundaries with room to spare, the date line's start."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import docx
import pytest
from docx.oxml.ns import qn

from conftest import example_spec, outline_draft
from drafter import drafting
from drafter.check import check_docx
from drafter.drafting.document import PARA, SIGN_DATE, SIGN_NAME, TITLE
from drafter.layout import glyph_width, load_layout, title_lines

WJW = "某某市某某区卫生健康委员会"
WJW_TITLE = f"{WJW}2026年工作总结及2027年工作思路"


def test_twenty_eight_characters_a_line_from_the_table():
    lay = load_layout()
    assert lay.grid.chars_per_line == 28
    assert lay.chars_per_line() == 28                 # with the table's character spacing
    assert lay.chars_per_line(spacing_pt=0) == 27     # 156 mm at 16 pt: 27.6
    assert lay.chars_per_line(spacing_pt=-0.2) == 27  # not tight enough


@pytest.fixture(scope="module")
def written(bank, tmp_path_factory):
    spec = example_spec("county-civil-affairs-openness.yaml")
    draft = drafting.draft_unit(spec, bank=bank)
    path = drafting.write_draft(draft, tmp_path_factory.mktemp("lines") / "d.docx")
    return draft, path, docx.Document(str(path))


def _style(document, style_id):
    return next(s for s in document.styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == style_id)


def test_styles_carry_spacing_and_widow_control(written):
    _, _, d = written
    for sid in ("GWBody", "GWHeading1", "GWHeading2", "GWSignature"):
        sp = _style(d, sid).find(qn("w:rPr")).find(qn("w:spacing"))
        assert sp is not None and int(sp.get(qn("w:val"))) == -5, sid      # -0.25 pt
    assert _style(d, "GWTitle").find(qn("w:rPr")).find(qn("w:spacing")) is None
    widow = _style(d, "GWBody").find(qn("w:pPr")).find(qn("w:widowControl"))
    assert widow is not None and widow.get(qn("w:val")) in (None, "1", "true", "on")


def test_checker_reads_the_same_numbers(tmp_path):
    from fixtures.h5.docx_builder import build_docx  # noqa: PLC0415 - test fixture package

    codes = lambda p: {f.code for f in check_docx(p)}                       # noqa: E731
    assert not {"layout-widow", "layout-chars-per-line"} & codes(build_docx(tmp_path / "ok.docx"))
    assert "layout-widow" in codes(build_docx(tmp_path / "w.docx", widow_control=False))
    assert "layout-chars-per-line" in codes(build_docx(tmp_path / "c.docx", char_spacing_pt=0))
    # a Word character grid of 28 a line is as good as the spacing
    path = build_docx(tmp_path / "g.docx", char_spacing_pt=0)
    d = docx.Document(str(path))
    grid = d.sections[0]._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = d.sections[0]._sectPr.makeelement(qn("w:docGrid"), {})
        d.sections[0]._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:charSpace"), str(-1024))                               # -0.25 pt
    d.save(str(path))
    assert "layout-chars-per-line" not in codes(path)


@pytest.mark.parametrize("title, unit", [
    (WJW_TITLE, WJW),
    ("某某县卫生健康委员会2026年工作总结及2027年工作思路", "某某县卫生健康委员会"),
    ("某某市某某区住房和城乡建设局2026年乡村振兴工作总结及2027年工作思路", "某某市某某区住房和城乡建设局"),
    ("某某经济技术开发区管理委员会党政办公室关于2026年政务公开工作情况的总结报告", "某某经济技术开发区管理委员会党政办公室"),
    ("某某经济技术开发区管理委员会党政办公室关于2026年政务公开工作情况的总结报告", "某某"),
])
def test_titles_break_at_words_with_room_to_spare(title, unit):
    lay = load_layout()
    lines = title_lines(title, unit)
    assert "".join(lines) == title and len(lines) >= 2
    usable = lay.title_chars_per_line - lay.title.slack_chars
    for line in lines:
        assert glyph_width(line, lay.title.digit_width) <= usable, lines
        assert len(line) >= 3, lines                                     # never a lone 「路」
    # breaks fall at word boundaries: after the unit, before 及, after 年, before 关于/工作…
    for a, b in zip(lines, lines[1:]):
        assert a == unit or b.startswith(("及", "关于", "工作")) or re.search(r"\d年$", a) \
            or a[-1] in "省市州县区镇乡", (a, b)
    assert title_lines(WJW_TITLE, WJW) == [WJW, "2026年工作总结及2027年工作思路"]


def test_a_title_without_word_breaks_leaves_no_lone_character():
    title = "某" * 41                                    # 18 + 18 + 5 at 18.5 a line
    lines = title_lines(title, "")
    assert "".join(lines) == title and min(map(len, lines)) >= 3
    lines = title_lines("某" * 37, "")                   # 18 + 18 + 1 → the last line takes 2 more
    assert "".join(lines) == "某" * 37 and min(map(len, lines)) >= 3


def test_title_written_as_its_lines(tmp_path):
    d = outline_draft([(TITLE, WJW_TITLE), (PARA, "正文。"), (SIGN_NAME, WJW), (SIGN_DATE, "2026年12月18日")],
                      unit=WJW)
    path = drafting.write_draft(d, tmp_path / "t.docx")
    p = docx.Document(str(path)).paragraphs[0]
    assert len(p._p.findall(".//" + qn("w:br"))) == 1
    assert p.text.split("\n") == title_lines(WJW_TITLE, WJW)


def _soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_render_holds_28_and_starts_the_date_two_characters_in(written, tmp_path):
    """The render, not the numbers: body lines of 28 characters, the same page count as
    before the spacing (recorded below), the date's first character 2 characters right
    of the name's."""
    soffice = _soffice()
    if not soffice or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice or pdftotext is not installed")
    draft, path, _ = written
    try:
        subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                       capture_output=True, timeout=90, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish in time")
    pdf = tmp_path / "d.pdf"
    assert pdf.is_file()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          timeout=30).stdout.decode("utf-8")
    wide = [sum(unicodedata.east_asian_width(c) in "WFA" for c in line) for line in text.splitlines()]
    # full lines hold 28 (27 before the spacing); a closing 。 may hang past the 28th
    assert wide.count(28) >= 3 and max(wide) <= 29, sorted(wide)[-8:]
    html = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          timeout=30).stdout.decode("utf-8")
    lines = re.findall(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', html, re.S)
    starts = {"".join(re.findall(r">([^<]+)</word>", body)): float(x) for x, body in lines}
    name, date = draft.signature_name, draft.signature_date
    advance = 16 - 0.25
    assert abs(starts[date] - starts[name] - 2 * advance) < 1.5, (starts[name], starts[date])


def test_a_long_name_puts_the_date_where_the_checker_expects_it(tmp_path):
    name = "某某县青山街道某某社区居民委员会"
    d = outline_draft([(TITLE, f"{name}2020年政务公开工作总结"), (PARA, "正文。"), (SIGN_NAME, name),
                       (SIGN_DATE, "2020年12月25日")], unit=name)
    path = drafting.write_draft(d, tmp_path / "s.docx")
    assert not [f for f in check_docx(path) if f.code.startswith("layout-signature")]
    # a date line set flush left elsewhere is still found
    doc = docx.Document(str(path))
    doc.paragraphs[-1].paragraph_format.left_indent = 0
    doc.save(str(tmp_path / "bad.docx"))
    assert "layout-signature-align" in {f.code for f in check_docx(tmp_path / "bad.docx")}

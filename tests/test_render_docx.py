"""The .docx a user gets: draft the examples, write them, re-open them with
python-docx and check the layout of ../shared/docs/format.md and the words.

Uses the hand-written fixture bank (tests/fixtures/bank) so the tests do not
depend on the mined phrase bank.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from conftest import example_spec, outline_draft
from drafter import drafting
from drafter.bank import PhraseBank
from drafter.figures import load_figures
from drafter.drafting.document import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE, Block, Draft
from drafter.layout import text_width
from drafter.drafting.render_docx import render_docx

EXAMPLES = ("county-civil-affairs-openness", "township-annual", "rural-revitalisation")

L1 = re.compile(r"^([一二三四五六七八九十]+)、")
L2 = re.compile(r"^（([一二三四五六七八九十]+)）")
L3 = re.compile(r"^(\d+)\.")
L4 = re.compile(r"^（(\d+)）")
CN = "一二三四五六七八九十"

# figures as the reader must see them, per example (value + unit where the slot has one)
FORMATTED = {
    "county-civil-affairs-openness": ["1530", "862", "26", "12", "100%", "18", "45", "3", "120"],
    "township-annual": ["98.5%", "2.3亿元", "1560万元", "320", "86", "142", "416", "100%", "12"],
    "rural-revitalisation": ["45.6万元", "12.8万元", "650", "108", "36", "5", "4", "3", "2"],
}


@pytest.fixture(scope="module")
def made(bank, tmp_path_factory):
    """example -> (draft, path, re-opened Document)."""
    out = tmp_path_factory.mktemp("docx")
    result = {}
    for name in EXAMPLES:
        spec = example_spec(f"{name}.yaml")
        draft = drafting.draft_unit(spec, bank=bank)
        path = drafting.write_draft(draft, out / f"{name}.docx")
        result[name] = (draft, path, docx.Document(str(path)))
    return result


@pytest.fixture(params=EXAMPLES)
def example(request, made):
    return made[request.param] + (request.param,)


# ---------------------------------------------------------------- helpers


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def nonempty(document) -> list:
    return [p for p in document.paragraphs if p.text.strip()]


def style_of(p):
    return p.style


def eff_alignment(p):
    return p.paragraph_format.alignment if p.paragraph_format.alignment is not None else p.style.paragraph_format.alignment


def east_asia(rpr) -> str | None:
    rf = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return rf.get(qn("w:eastAsia")) if rf is not None else None


def style_east_asia(style) -> str | None:
    return east_asia(style.element.find(qn("w:rPr")))


def run_fonts(p) -> list[tuple[str | None, float | None]]:
    """(eastAsia font, size pt) of every run with text, read from the run's own rPr."""
    out = []
    for r in p.runs:
        if not r.text.strip():
            continue
        out.append((east_asia(r._r.rPr), r.font.size.pt if r.font.size else None))
    return out


def assert_face(p, face: str, size: float) -> None:
    """Paragraph p is set in face at size: on its style and on every run."""
    assert p.style.font.name == face, (p.text, p.style.name)
    assert style_east_asia(p.style) == face, (p.text, p.style.name)
    assert p.style.font.size == Pt(size), p.text
    fonts = run_fonts(p)
    assert fonts, p.text
    for ea, sz in fonts:
        assert ea == face, (p.text, ea)
        assert sz == size, (p.text, sz)


def body_paras(document):
    """Non-empty paragraphs between the title and the 落款."""
    ps = nonempty(document)
    return ps[1:-2]


def heading_level(text: str) -> int:
    for lvl, rx in ((1, L1), (2, L2), (4, L4), (3, L3)):
        if rx.match(text):
            return lvl
    return 0


# ---------------------------------------------------------------- title


def test_title_text_and_style(example):
    draft, path, d, name = example
    spec = draft.spec
    title_p = d.paragraphs[0]
    title = title_p.text.replace("\n", "")
    # 单位 + 年度 + 事由 + 文种
    assert title == draft.title
    assert re.fullmatch(rf"{re.escape(spec.unit)}{spec.year}年(政务公开|乡村振兴\S*?)?工作总结(及{spec.year + 1}年工作思路)?", title), title
    if name == "township-annual":
        assert title.endswith(f"及{spec.year + 1}年工作思路")
    if name == "county-civil-affairs-openness":
        assert "政务公开" in title
    if name == "rural-revitalisation":
        assert "乡村振兴" in title
    assert_face(title_p, "方正小标宋简体", 22)
    assert eff_alignment(title_p) == WD_ALIGN_PARAGRAPH.CENTER
    # a title longer than a line breaks after a whole word (the unit name), inside one paragraph
    lines = title_p.text.split("\n")
    assert all(text_width(line) <= 20 for line in lines), lines
    if len(lines) > 1:
        assert lines[0] == spec.unit
    # one blank line under the title, then the body
    assert d.paragraphs[1].text == ""
    assert d.paragraphs[2].text.strip()


# ---------------------------------------------------------------- body and headings


def test_body_paragraph_layout(example):
    draft, path, d, name = example
    body = [p for p in body_paras(d) if not heading_level(p.text)]
    assert len(body) >= 5
    for p in body:
        assert_face(p, "仿宋_GB2312", 16)
        pf = p.style.paragraph_format
        assert pf.first_line_indent == Pt(32), p.text
        assert eff_alignment(p) == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert pf.line_spacing == Pt(28)
        assert pf.space_before in (None, Pt(0)) and pf.space_after in (None, Pt(0))


def test_heading_fonts_by_level(example):
    draft, path, d, name = example
    faces = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
    seen = set()
    for p in body_paras(d):
        lvl = heading_level(p.text)
        if not lvl:
            continue
        seen.add(lvl)
        assert_face(p, faces[lvl], 16)
        pf = p.style.paragraph_format
        assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY and pf.line_spacing == Pt(28)
        assert pf.keep_with_next
        assert p.style.font.bold in (None, False)    # the face carries the weight
        # own styles, never Word's built-in Heading N (theme fonts and colours)
        assert not p.style.name.lower().startswith("heading")
    assert {1, 2} <= seen


def test_all_heading_levels_and_odd_text():
    """A hand-made draft with every heading level, a long title and characters
    that must not reach the XML (bidi override, control, lone surrogate)."""
    unit = "某某自治州某某县农业农村局"
    blocks = [
        Block(TITLE, f"{unit}2026年乡村振兴工作总结及2027年工作思路"),
        Block(PARA, "开头<&>\u202e段落\x07。\ud800", section="opening"),
        Block(HEADING, "一级", level=1, marker="一、", section="achievements"),
        Block(HEADING, "二级", level=2, marker="（一）", section="achievements"),
        Block(HEADING, "三级", level=3, marker="1.", section="achievements"),
        Block(HEADING, "四级", level=4, marker="（1）", section="achievements"),
        Block(PARA, "   ", section="achievements"),
        Block(PARA, "正文。", section="achievements"),
        Block(SIGN_NAME, "某某县农业农村局", section="signature"),
        Block(SIGN_DATE, "2026年12月5日", section="signature"),
    ]
    draft = outline_draft(blocks, unit=unit, theme="乡村振兴·帮扶")
    data = render_docx(draft)
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        assert z.testzip() is None
        for n in z.namelist():
            if n.endswith(".xml") or n.endswith(".rels"):
                etree.fromstring(z.read(n))            # well-formed
        xml = z.read("word/document.xml").decode("utf-8")
    assert "\u202e" not in xml and "\x07" not in xml and "&lt;&amp;&gt;" in xml
    d = docx.Document(__import__("io").BytesIO(data))
    ps = d.paragraphs
    lines = ps[0].text.split("\n")
    assert len(lines) == 2 and "".join(lines) == draft.title
    assert all(text_width(line) <= 20 for line in lines)
    got = {p.text: p for p in ps}
    assert got["开头<&>段落。"]
    faces = {"一、一级": "黑体", "（一）二级": "楷体_GB2312", "1.三级": "仿宋_GB2312", "（1）四级": "仿宋_GB2312"}
    for text, face in faces.items():
        assert_face(got[text], face, 16)
    levels = [p.style.element.find(qn("w:pPr")).find(qn("w:outlineLvl")) for p in (got[t] for t in faces)]
    assert [int(e.get(qn("w:val"))) for e in levels] == [0, 1, 2, 3]
    # the whitespace-only paragraph is not written as a stray blank line
    assert [p.text for p in ps].count("") == 2


def test_east_asia_on_styles_and_runs(example):
    """w:eastAsia is set on the styles (docDefaults, Normal, our styles) and on every run."""
    draft, path, d, name = example
    with zipfile.ZipFile(path) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        document = etree.fromstring(z.read("word/document.xml"))
        footers = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/footer")]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    dd = styles.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}rFonts")
    assert dd.get(f"{w}eastAsia") == "仿宋_GB2312"
    for st in styles.findall(f"{w}style"):
        if st.get(f"{w}type") != "paragraph":
            continue
        rf = st.find(f"{w}rPr/{w}rFonts")
        assert rf is not None and rf.get(f"{w}eastAsia"), st.get(f"{w}styleId")
        assert not any(k.endswith("Theme") for k in rf.attrib), st.get(f"{w}styleId")
        lang = st.find(f"{w}rPr/{w}lang")
        assert lang is not None and lang.get(f"{w}eastAsia") == "zh-CN"
    runs = [r for root in [document, *footers] for r in root.iter(f"{w}r")]
    assert runs
    for r in runs:
        rf = r.find(f"{w}rPr/{w}rFonts")
        assert rf is not None, etree.tostring(r, encoding="unicode")
        for attr in ("ascii", "hAnsi", "eastAsia"):
            assert rf.get(f"{w}{attr}"), (attr, etree.tostring(r, encoding="unicode"))
        assert r.find(f"{w}rPr/{w}lang").get(f"{w}eastAsia") == "zh-CN"
    # no theme fonts anywhere in the package
    assert b"Theme=" not in etree.tostring(styles) and b"Theme=" not in etree.tostring(document)


# ---------------------------------------------------------------- page


def test_page_setup(example):
    draft, path, d, name = example
    assert len(d.sections) == 1
    s = d.sections[0]
    for got, want in ((s.page_width, 210), (s.page_height, 297), (s.top_margin, 37),
                      (s.bottom_margin, 35), (s.left_margin, 28), (s.right_margin, 26)):
        assert abs(got.mm - want) < 0.1, (got.mm, want)


def test_fixed_line_spacing_everywhere(example):
    draft, path, d, name = example
    for p in d.paragraphs:
        pf = p.style.paragraph_format
        assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY, p.style.name
        assert pf.line_spacing == Pt(28), p.style.name
        assert p.paragraph_format.line_spacing is None       # nothing overrides it per paragraph


def _has_page_field(el) -> bool:
    for fs in el.iter(qn("w:fldSimple")):
        if "PAGE" in (fs.get(qn("w:instr")) or "").split():
            return True
    return any(re.search(r"\bPAGE\b", it.text or "") for it in el.iter(qn("w:instrText")))


def test_page_numbers(example):
    draft, path, d, name = example
    assert d.settings.odd_and_even_pages_header_footer is True
    with zipfile.ZipFile(path) as z:
        settings = z.read("word/settings.xml")
    assert b"<w:evenAndOddHeaders/>" in settings
    s = d.sections[0]
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        assert not footer.is_linked_to_previous
        ps = [p for p in footer.paragraphs if p.text.strip() or _has_page_field(p._p)]
        assert len(ps) == 1
        p = ps[0]
        assert _has_page_field(p._p)
        assert re.fullmatch(r"— \d+ —", p.text), p.text         # "— N —", em dash each side
        assert eff_alignment(p) == align
        # 1 character in from the edge it is aligned to
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            assert p.paragraph_format.right_indent == Pt(14)
        else:
            assert p.paragraph_format.left_indent == Pt(14)
        # 4号 宋体 on the style and on every run, including the field runs
        assert p.style.font.size == Pt(14) and style_east_asia(p.style) == "宋体"
        for r in p._p.iter(qn("w:r")):
            assert east_asia(r.find(qn("w:rPr"))) == "宋体"
            assert r.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "28"
    # the footer text sits below the type area (footer distance inside the 35 mm bottom margin)
    assert 20 <= s.footer_distance.mm < 35


# ---------------------------------------------------------------- 落款 and properties


def test_signature_placement(example):
    draft, path, d, name = example
    spec = draft.spec
    ps = d.paragraphs
    name_p, date_p = ps[-2], ps[-1]
    assert name_p.text == spec.signature_name() == draft.signature_name
    assert date_p.text == draft.signature_date
    assert re.fullmatch(r"20\d\d年[1-9]\d?月[1-9]\d?日", date_p.text)     # no zero padding
    if spec.signature.date:
        dt = spec.signature.date
        assert date_p.text == f"{dt.year}年{dt.month}月{dt.day}日"
    # one blank line between the body and the 落款; the body ends with the closing
    assert ps[-3].text == ""
    assert ps[-4].text.strip() and not heading_level(ps[-4].text)
    # the 落款 never stands alone on a page: closing, blank line and name keep with the next
    for p in ps[-4:-1]:
        assert p.paragraph_format.keep_with_next, p.text
    # the name right-aligned 右空二字 (or more when the date is longer); the date flush left
    # from 2 characters right of the name's first character, so that how wide a face
    # draws digits cannot move where the date starts
    assert eff_alignment(name_p) == WD_ALIGN_PARAGRAPH.RIGHT
    assert date_p.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for p in (name_p, date_p):
        assert_face(p, "仿宋_GB2312", 16)
    char = 16 - 0.25                                      # 3号 with the 28-a-line character spacing
    area = 156 * 72 / 25.4
    name_ri = name_p.paragraph_format.right_indent.pt
    date_left = date_p.paragraph_format.left_indent.pt
    assert name_ri >= 2 * char - 0.05
    name_start = area - name_ri - text_width(name_p.text) * char
    assert abs((date_left - name_start) - 2 * char) < 0.1
    # the date ends at least 2 characters from the right even with digits drawn at 0.6 of a character
    digits = sum(ch.isdigit() for ch in date_p.text)
    date_end = date_left + (len(date_p.text) - digits + 0.6 * digits) * char
    assert date_end <= area - 2 * char + 0.1


def test_core_properties(example):
    draft, path, d, name = example
    cp = d.core_properties
    assert cp.title == draft.title
    assert cp.author == draft.spec.unit
    assert cp.created is not None and cp.language == "zh-CN"


# ---------------------------------------------------------------- words


def test_every_section_present(example):
    draft, path, d, name = example
    got = texts(d)
    # every block of the draft is a paragraph of the file, in order
    want = [b.full_text for b in draft.blocks if b.kind in (HEADING, PARA) and b.full_text.strip()]
    body = [t for t in got[2:-3] if t]
    assert body == want
    for section in ("opening", "achievements", "problems", "plans", "closing"):
        assert draft.section_text(section), section
    l1 = [t for t in body if L1.match(t)]
    assert len(l1) == 3, l1
    assert any("问题" in t for t in l1) and any(re.search(r"打算|计划|思路", t) for t in l1)
    problems = draft.section_text("problems")
    assert "一是" in problems and "二是" in problems
    assert problems.index("一是") < problems.index("二是")
    if "三是" in problems:
        assert problems.index("二是") < problems.index("三是")
    full = "\n".join(got)
    assert draft.section_text("closing") in full
    assert draft.section_text("opening").split("\n")[0] in full


def test_figures_present_exactly(example):
    draft, path, d, name = example
    full = "\n".join(texts(d))
    for slot, shown in draft.figures_text.items():
        assert shown in full, (slot, shown)
    for shown in FORMATTED[name]:
        assert re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d.])", full), shown
    for slot, value in draft.spec.figures.items():
        assert slot in draft.figures_text, f"figure {slot} not used"
    # numbers are written as given: no thousands separators, no trailing .0
    assert not re.search(r"\d,\d{3}", full) and not re.search(r"\d\.0(?!\d)", full)


def test_no_leftover_slots(example):
    draft, path, d, name = example
    with zipfile.ZipFile(path) as z:
        xml_text = "".join(etree.fromstring(z.read("word/document.xml")).itertext())
    for bad in ("{", "}", "XX", "xx", "××", "202_", "None", "nan", "【", "】"):
        assert bad not in xml_text, bad


def test_years(example):
    draft, path, d, name = example
    year, nxt = draft.spec.year, draft.spec.year + 1
    ps = texts(d)
    assert f"{year}年" in ps[0]
    opening = draft.section_text("opening")
    assert f"{year}" in opening or "今年" in opening or "全年" in opening
    for y in re.findall(r"(20\d\d)年", opening):
        assert int(y) == year or (draft.with_plan and int(y) == nxt), opening
    achievements = draft.section_text("achievements")
    assert f"{nxt}年" not in achievements
    plans = draft.section_text("plans")
    for y in re.findall(r"(20\d\d)年", plans):
        assert int(y) == nxt, plans
    plans_heading = next(b for b in draft.blocks if b.kind == HEADING and b.section == "plans" and b.level == 1)
    if re.search(r"20\d\d年", plans_heading.text):
        assert f"{nxt}年" in plans_heading.text
    if draft.with_plan:
        assert f"{nxt}年" in plans_heading.text
    closing = draft.section_text("closing")
    for y in re.findall(r"(20\d\d)年", closing):
        assert int(y) == nxt, closing


def test_heading_numbering(example):
    draft, path, d, name = example
    l1 = 0
    l2 = 0
    for p in body_paras(d):
        t = p.text
        m = L1.match(t)
        if m:
            l1 += 1
            l2 = 0
            assert m.group(1) == CN[l1 - 1], t
            continue
        m = L2.match(t)
        if m:
            l2 += 1
            assert m.group(1) == CN[l2 - 1], t
    assert l1 == 3


# ---------------------------------------------------------------- text formats


def test_markdown_and_text_formats(made, tmp_path):
    draft, path, d = made["township-annual"]
    md = drafting.write_draft(draft, tmp_path / "x.md")
    txt = drafting.write_draft(draft, tmp_path / "x.txt")
    md_text = md.read_text(encoding="utf-8")
    txt_text = txt.read_text(encoding="utf-8")
    assert md_text.startswith(f"# {draft.title}\n")
    assert "\n## 一、" in md_text and "\n### （一）" in md_text
    assert txt_text.splitlines()[0].strip("\u3000 ") == draft.title
    for b in draft.blocks:
        if b.kind in (HEADING, PARA):
            assert b.full_text in md_text
            assert "\u3000\u3000" + b.full_text in txt_text.splitlines()
    for shown in draft.figures_text.values():
        assert shown in md_text and shown in txt_text
    assert draft.signature_name in md_text.splitlines()[-1] and draft.signature_date in md_text.splitlines()[-1]
    # the same words as the .docx
    docx_words = [t for t in texts(d) if t]
    txt_words = [line.strip("\u3000 ") for line in txt_text.splitlines() if line.strip()]
    assert [w.replace("\n", "") for w in docx_words] == txt_words
    # drafting.render picks the format from the suffix
    assert drafting.format_of("a.MD") == "md" and drafting.format_of("a.txt") == "txt" and drafting.format_of("a") == "docx"


# ---------------------------------------------------------------- LibreOffice


def test_pdf_conversion(made, tmp_path):
    """Where LibreOffice is installed: the draft converts to PDF, has pages,
    and its text survived."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    draft, path, d = made["county-civil-affairs-openness"]
    src = tmp_path / "draft.docx"
    shutil.copy(path, src)
    profile = (tmp_path / "lo-profile").as_uri()
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                       capture_output=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish in time")
    pdf = tmp_path / "draft.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=30).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 1
    if not shutil.which("pdftotext"):
        return
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=30).stdout.decode("utf-8")
    flat = re.sub(r"\s+", "", text)
    assert draft.title in flat
    for b in draft.blocks:
        if b.kind == HEADING:
            assert b.full_text in flat, b.full_text
    assert draft.signature_name in flat and draft.signature_date in flat
    for shown in draft.figures_text.values():
        assert shown in flat
    # the page number field was computed: "—1—" on the first page
    assert "—1—" in flat
    if pages >= 2:
        assert "—2—" in flat

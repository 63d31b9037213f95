"""Write a draft outline as a .docx laid out by GB/T 9704-2012 (see docs/format.md).

Own paragraph styles (no built-in Heading styles, no theme fonts or colours):

    GW Title     2号 (22 pt) 方正小标宋简体, centred, one blank line under it
    GW Body      3号 (16 pt) 仿宋_GB2312, first-line indent 2 characters (32 pt), justified
    GW Heading 1 3号 黑体          (一、)   outline level 1
    GW Heading 2 3号 楷体_GB2312   (（一）) outline level 2
    GW Heading 3 3号 仿宋_GB2312   (1.)     outline level 3
    GW Heading 4 3号 仿宋_GB2312   (（1）)  outline level 4
    GW Signature 3号 仿宋_GB2312, right-aligned 落款 (右空二字; date 2 characters right of the name)
    GW Page No   4号 (14 pt) 宋体 "— N —", odd pages right, even pages left (1 character in)

Every style and every run sets w:rFonts (ascii, hAnsi, eastAsia) and
w:lang w:eastAsia="zh-CN"; the line spacing is a fixed 28 pt; A4 with margins
top 37 / bottom 35 / left 28 / right 26 mm.
"""

from __future__ import annotations

import datetime as _dt
import io
import unicodedata

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from drafter.outline import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE, Draft

# --- layout constants (format.md) -------------------------------------------
PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
FOOTER_DISTANCE = Mm(25.5)      # page number line centred ~7 mm below the type area
LINE_SPACING = Pt(28)
BODY_SIZE = Pt(16)              # 3号
TITLE_SIZE = Pt(22)             # 2号
PAGE_NO_SIZE = Pt(14)           # 4号
CHAR = 16                       # one character of body text, in pt
TITLE_CHARS_PER_LINE = 20       # 156 mm / 22 pt

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_PAGE = "宋体"

STYLE_TITLE = "GW Title"
STYLE_BODY = "GW Body"
STYLE_HEADINGS = {1: "GW Heading 1", 2: "GW Heading 2", 3: "GW Heading 3", 4: "GW Heading 4"}
STYLE_SIGNATURE = "GW Signature"
STYLE_PAGE_NO = "GW Page No"
HEADING_FONTS = {1: FONT_H1, 2: FONT_H2, 3: FONT_BODY, 4: FONT_BODY}

# Successors of w:lang in w:rPr (schema order), for inserting it in place.
_LANG_SUCCESSORS = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


# --- low-level helpers -------------------------------------------------------

def _set_rpr_fonts(rPr, face: str, size: Pt | None = None) -> None:
    """rFonts ascii/hAnsi/eastAsia = face, optional size, lang eastAsia zh-CN,
    each child in schema order."""
    rFonts = rPr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rFonts.set(qn(attr), face)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        key = qn(attr)
        if key in rFonts.attrib:
            del rFonts.attrib[key]
    if size is not None:
        rPr.get_or_add_sz().val = size
        szCs = rPr.find(qn("w:szCs"))
        if szCs is None:
            szCs = OxmlElement("w:szCs")
            rPr.insert_element_before(szCs, *_SZCS_SUCCESSORS)
        szCs.set(qn("w:val"), str(int(size.pt * 2)))
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rPr.insert_element_before(lang, *_LANG_SUCCESSORS)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


_SZCS_SUCCESSORS = (
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)


def _style_font(style, face: str, size: Pt, *, bold: bool = False) -> None:
    font = style.font
    font.name = face
    font.size = size
    font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    _set_rpr_fonts(style.element.get_or_add_rPr(), face, size)


def _para_format(style, *, indent_first: float | None = CHAR * 2, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                 line: Pt = LINE_SPACING) -> None:
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = line
    pf.first_line_indent = Pt(indent_first) if indent_first else Pt(0)
    pf.left_indent = Pt(0)
    pf.right_indent = Pt(0)
    pf.alignment = align
    pf.widow_control = False


def _add_style(doc, name: str, base=None):
    styles = doc.styles
    try:
        st = styles[name]
    except KeyError:
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None:
        st.base_style = base
    st.quick_style = True
    return st


def _setup_styles(doc) -> None:
    # document defaults: CJK font and language for anything not styled
    rPrDefault = doc.styles.element.find(qn("w:docDefaults"))
    if rPrDefault is not None:
        rpr = rPrDefault.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_rpr_fonts(rpr, FONT_BODY, BODY_SIZE)

    normal = doc.styles["Normal"]
    _style_font(normal, FONT_BODY, BODY_SIZE)
    _para_format(normal, indent_first=None)

    body = _add_style(doc, STYLE_BODY, normal)
    _style_font(body, FONT_BODY, BODY_SIZE)
    _para_format(body)

    title = _add_style(doc, STYLE_TITLE, normal)
    _style_font(title, FONT_TITLE, TITLE_SIZE)
    _para_format(title, indent_first=None, align=WD_ALIGN_PARAGRAPH.CENTER)

    for level, name in STYLE_HEADINGS.items():
        st = _add_style(doc, name, normal)
        _style_font(st, HEADING_FONTS[level], BODY_SIZE)
        _para_format(st)
        st.paragraph_format.keep_with_next = True
        st.element.get_or_add_pPr().get_or_add_outlineLvl().val = level - 1
        st.next_paragraph_style = body

    sig = _add_style(doc, STYLE_SIGNATURE, normal)
    _style_font(sig, FONT_BODY, BODY_SIZE)
    _para_format(sig, indent_first=None, align=WD_ALIGN_PARAGRAPH.RIGHT)

    page = _add_style(doc, STYLE_PAGE_NO, normal)
    _style_font(page, FONT_PAGE, PAGE_NO_SIZE)
    _para_format(page, indent_first=None, align=WD_ALIGN_PARAGRAPH.RIGHT, line=Pt(PAGE_NO_SIZE.pt * 1.2))


def _add_run(paragraph, text: str, face: str, size: Pt):
    run = paragraph.add_run(text)
    run.font.name = face
    run.font.size = size
    _set_rpr_fonts(run._r.get_or_add_rPr(), face, size)
    return run


def _field_run(paragraph, face: str, size: Pt, *, fld_type: str | None = None, instr: str | None = None, text: str | None = None):
    run = _add_run(paragraph, "", face, size)
    r = run._r
    if fld_type:
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), fld_type)
        r.append(fc)
    if instr:
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = instr
        r.append(it)
    if text:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
    return run


def _page_number_paragraph(paragraph, *, odd: bool) -> None:
    paragraph.style = STYLE_PAGE_NO
    pf = paragraph.paragraph_format
    if odd:
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.right_indent = Pt(PAGE_NO_SIZE.pt)     # 1 character in
        pf.left_indent = Pt(0)
    else:
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.left_indent = Pt(PAGE_NO_SIZE.pt)
        pf.right_indent = Pt(0)
    pf.first_line_indent = Pt(0)
    _add_run(paragraph, "— ", FONT_PAGE, PAGE_NO_SIZE)
    _field_run(paragraph, FONT_PAGE, PAGE_NO_SIZE, fld_type="begin")
    _field_run(paragraph, FONT_PAGE, PAGE_NO_SIZE, instr=" PAGE ")
    _field_run(paragraph, FONT_PAGE, PAGE_NO_SIZE, fld_type="separate")
    _field_run(paragraph, FONT_PAGE, PAGE_NO_SIZE, text="1")
    _field_run(paragraph, FONT_PAGE, PAGE_NO_SIZE, fld_type="end")
    _add_run(paragraph, " —", FONT_PAGE, PAGE_NO_SIZE)


def _setup_section(doc) -> None:
    sec = doc.sections[0]
    sec.start_type = WD_SECTION.NEW_PAGE
    sec.page_width, sec.page_height = PAGE_W, PAGE_H
    sec.top_margin, sec.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    sec.left_margin, sec.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    sec.footer_distance = FOOTER_DISTANCE
    sec.header_distance = Mm(15)
    sec.gutter = Mm(0)
    doc.settings.odd_and_even_pages_header_footer = True
    sec.footer.is_linked_to_previous = False
    _page_number_paragraph(sec.footer.paragraphs[0], odd=True)
    sec.even_page_footer.is_linked_to_previous = False
    _page_number_paragraph(sec.even_page_footer.paragraphs[0], odd=False)


# --- 落款 geometry --------------------------------------------------------------

def text_width(text: str) -> float:
    """Width in characters: full-width (CJK) 1, half-width (digits, Latin) 0.5."""
    w = 0.0
    for ch in text:
        w += 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5
    return w


def signature_indents(name: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of the 落款 name and date lines (GB/T 9704 7.3.5.2):
    the name 右空二字, the date's first character 2 characters right of the name's;
    if the date is then too long, the date 右空二字 and the name moves left."""
    nw, dw = text_width(name), text_width(date)
    if not date:
        return 2.0, 0.0
    if nw >= dw + 2:
        return 2.0, nw - dw
    return 4.0 + dw - nw, 2.0


# --- title breaking ---------------------------------------------------------------

def title_lines(title: str, unit: str) -> list[str]:
    """Break a long title into lines of whole words: after the unit name when
    the whole does not fit on one line (20 characters at 2号)."""
    if text_width(title) <= TITLE_CHARS_PER_LINE or not unit or not title.startswith(unit):
        return [title]
    rest = title[len(unit):]
    if not rest or text_width(unit) > TITLE_CHARS_PER_LINE or text_width(rest) > TITLE_CHARS_PER_LINE:
        # second try: before "及" (…工作总结 / 及2027年工作思路)
        i = title.rfind("及")
        if i > 0 and text_width(title[:i]) <= TITLE_CHARS_PER_LINE and text_width(title[i:]) <= TITLE_CHARS_PER_LINE:
            return [title[:i], title[i:]]
        return [title]
    return [unit, rest]


# --- main ------------------------------------------------------------------------

def build_document(draft: Draft):
    """The python-docx Document for a draft."""
    doc = Document()
    _setup_styles(doc)
    _setup_section(doc)
    body = doc.element.body
    # the default template starts with no paragraphs; make sure of it
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)

    sign_name = sign_date = None
    for b in draft.blocks:
        if b.kind == SIGN_NAME:
            sign_name = b.text
        elif b.kind == SIGN_DATE:
            sign_date = b.text
    name_ri, date_ri = signature_indents(sign_name or "", sign_date or "")

    for b in draft.blocks:
        if b.kind == TITLE:
            p = doc.add_paragraph(style=STYLE_TITLE)
            lines = title_lines(b.text, draft.unit)
            for i, line in enumerate(lines):
                run = _add_run(p, line, FONT_TITLE, TITLE_SIZE)
                if i < len(lines) - 1:
                    run.add_break()
            blank = doc.add_paragraph(style=STYLE_BODY)  # one blank line under the title
            _add_run(blank, "", FONT_BODY, BODY_SIZE)
        elif b.kind == HEADING:
            p = doc.add_paragraph(style=STYLE_HEADINGS[min(max(b.level, 1), 4)])
            _add_run(p, b.full_text, HEADING_FONTS[min(max(b.level, 1), 4)], BODY_SIZE)
        elif b.kind == PARA:
            p = doc.add_paragraph(style=STYLE_BODY)
            _add_run(p, b.text, FONT_BODY, BODY_SIZE)
        elif b.kind == SIGN_NAME:
            blank = doc.add_paragraph(style=STYLE_BODY)   # one blank line under the body
            _add_run(blank, "", FONT_BODY, BODY_SIZE)
            p = doc.add_paragraph(style=STYLE_SIGNATURE)
            p.paragraph_format.right_indent = Pt(name_ri * CHAR)
            _add_run(p, b.text, FONT_BODY, BODY_SIZE)
        elif b.kind == SIGN_DATE:
            p = doc.add_paragraph(style=STYLE_SIGNATURE)
            p.paragraph_format.right_indent = Pt(date_ri * CHAR)
            _add_run(p, b.text, FONT_BODY, BODY_SIZE)

    cp = doc.core_properties
    cp.title = draft.title
    cp.author = draft.unit
    cp.last_modified_by = draft.unit
    cp.subject = draft.theme or ""
    cp.category = "工作总结"
    cp.keywords = "工作总结;" + (draft.theme or "")
    cp.comments = "总结起草助手（drafter）生成的初稿，请核对数据后使用。"
    cp.language = "zh-CN"
    cp.revision = 1
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    cp.created = now
    cp.modified = now
    return doc


def render_docx(draft: Draft) -> bytes:
    """The .docx file of a draft, as bytes."""
    buf = io.BytesIO()
    build_document(draft).save(buf)
    return buf.getvalue()

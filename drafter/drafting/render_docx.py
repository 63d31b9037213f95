"""Write a draft outline as a .docx laid out by GB/T 9704-2012 (see docs/format.md).

The package is written directly as WordprocessingML (no python-docx at render
time): the static parts (styles, settings, font table, footers) are built once
per process, and each draft only costs its document.xml and core.xml plus the
zip.  That keeps a render at a few milliseconds, which matters for bulk runs.

Own paragraph styles (no built-in Heading styles, no theme fonts or colours):

    公文标题 (GWTitle)        2号 (22 pt) 方正小标宋简体, centred, one blank line under it
    公文正文 (GWBody)         3号 (16 pt) 仿宋_GB2312, first-line indent 2 characters (32 pt), justified
    公文一级标题 (GWHeading1)  3号 黑体          (一、)   outline level 1
    公文二级标题 (GWHeading2)  3号 楷体_GB2312   (（一）) outline level 2
    公文三级标题 (GWHeading3)  3号 仿宋_GB2312   (1.)     outline level 3
    公文四级标题 (GWHeading4)  3号 仿宋_GB2312   (（1）)  outline level 4
    公文落款 (GWSignature)    3号 仿宋_GB2312, right-aligned 落款 (右空二字; date 2 characters right of the name)
    公文页码 (GWPageNo)       4号 (14 pt) 宋体 "— N —", odd pages right, even pages left (1 character in)

Every style and every run sets w:rFonts (ascii, hAnsi, eastAsia, cs) and
w:lang w:eastAsia="zh-CN"; the line spacing is a fixed 28 pt; A4 with margins
top 37 / bottom 35 / left 28 / right 26 mm; w:evenAndOddHeaders is set so the
even-page footer is used.  No automatic space between CJK and Latin/digits
(autoSpaceDE/DN off), as in printed 公文.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import unicodedata
import zipfile
from functools import lru_cache
from xml.sax.saxutils import escape as _xml_escape

from drafter.drafting.document import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE, Draft
from drafter.textutil import strip_controls as clean  # the one control-character cleaner

# --- layout constants (format.md) -------------------------------------------
# Word units: twips (1/20 pt) for lengths, half-points for font sizes.
TWIPS_PER_MM = 1440 / 25.4
PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
FOOTER_DISTANCE_MM = 25.5      # the "— N —" line sits ~7 mm below the type area
LINE_PT = 28                   # fixed line spacing
BODY_PT = 16                   # 3号
TITLE_PT = 22                  # 2号
PAGE_NO_PT = 14                # 4号
CHAR = BODY_PT                 # one character of body text, in pt
TITLE_CHARS_PER_LINE = 20      # 156 mm type area / 22 pt

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_PAGE = "宋体"
HEADING_FONTS = {1: FONT_H1, 2: FONT_H2, 3: FONT_BODY, 4: FONT_BODY}

# style id -> display name (the names a user sees in Word's style pane)
STYLE_TITLE = "GWTitle"
STYLE_BODY = "GWBody"
STYLE_HEADINGS = {1: "GWHeading1", 2: "GWHeading2", 3: "GWHeading3", 4: "GWHeading4"}
STYLE_SIGNATURE = "GWSignature"
STYLE_PAGE_NO = "GWPageNo"
STYLE_NAMES = {
    STYLE_TITLE: "公文标题",
    STYLE_BODY: "公文正文",
    STYLE_HEADINGS[1]: "公文一级标题",
    STYLE_HEADINGS[2]: "公文二级标题",
    STYLE_HEADINGS[3]: "公文三级标题",
    STYLE_HEADINGS[4]: "公文四级标题",
    STYLE_SIGNATURE: "公文落款",
    STYLE_PAGE_NO: "公文页码",
}

# Font table: charset 86 = GB2312; altName lets Word/WPS on a machine without
# the *_GB2312 faces fall back to the faces Windows ships (仿宋, 楷体, 黑体, 宋体).
_FONT_TABLE = (
    # name, altName, panose, family, pitch
    (FONT_BODY, "仿宋", "02010609030101010101", "modern", "fixed"),
    (FONT_H2, "楷体", "02010609030101010101", "modern", "fixed"),
    (FONT_H1, "SimHei", "02010609060101010101", "modern", "fixed"),
    (FONT_PAGE, "SimSun", "02010600030101010101", "auto", "variable"),
    (FONT_TITLE, "宋体", "02000000000000000000", "auto", "variable"),
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XMLDECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _tw(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


# --- text helpers --------------------------------------------------------------

def _x(text: str) -> str:
    """Text escaped for XML, cleaned first."""
    return _xml_escape(clean(text))


def _attr(text: str) -> str:
    return _xml_escape(clean(text), {'"': "&quot;"})


def text_width(text: str) -> float:
    """Width in characters: full-width (CJK) 1, half-width (digits, Latin) 0.5."""
    w = 0.0
    for ch in text:
        w += 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5
    return w


# --- XML fragments ---------------------------------------------------------------

def _rpr(face: str, size_pt: float) -> str:
    """Run properties in schema order: rFonts, sz, szCs, lang."""
    f = _attr(face)
    hp = round(size_pt * 2)
    return (f'<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
            f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>')


def _run(text: str, rpr: str) -> str:
    """One run; text must be clean() already."""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{_xml_escape(text)}</w:t></w:r>"


def _ppr(style: str, *, right_ind: int | None = None, keep_next: bool = False) -> str:
    keep = "<w:keepNext/>" if keep_next else ""
    ind = f'<w:ind w:right="{right_ind}"/>' if right_ind is not None else ""
    return f'<w:pPr><w:pStyle w:val="{style}"/>{keep}{ind}</w:pPr>'


_RPR_BODY = _rpr(FONT_BODY, BODY_PT)
_RPR_TITLE = _rpr(FONT_TITLE, TITLE_PT)
_RPR_HEADING = {lvl: _rpr(face, BODY_PT) for lvl, face in HEADING_FONTS.items()}
_RPR_PAGE = _rpr(FONT_PAGE, PAGE_NO_PT)
_BLANK = f"<w:p>{_ppr(STYLE_BODY)}</w:p>"
_BLANK_KEEP = f"<w:p>{_ppr(STYLE_BODY, keep_next=True)}</w:p>"


def _style_xml(style_id: str, *, font: str, size_pt: float, based_on: str | None = "Normal",
               first_line_chars: int = 0, jc: str = "both", line_pt: float = LINE_PT,
               outline: int | None = None, keep_next: bool = False, next_style: str | None = None,
               ind_left: int = 0, ind_right: int = 0) -> str:
    """One paragraph style; pPr and rPr children in schema order."""
    name = STYLE_NAMES.get(style_id, style_id)
    first = first_line_chars * size_pt * 20 // 100
    ppr = (
        ("<w:keepNext/>" if keep_next else "")
        + '<w:widowControl w:val="0"/>'
        + '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        + f'<w:spacing w:before="0" w:after="0" w:line="{round(line_pt * 20)}" w:lineRule="exact"/>'
        + f'<w:ind w:left="{ind_left}" w:right="{ind_right}" w:firstLineChars="{first_line_chars}" w:firstLine="{int(first)}"/>'
        + f'<w:jc w:val="{jc}"/>'
        + (f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else "")
    )
    f = _attr(font)
    hp = round(size_pt * 2)
    rpr = (f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
           '<w:b w:val="0"/><w:bCs w:val="0"/><w:i w:val="0"/><w:iCs w:val="0"/>'
           '<w:color w:val="000000"/>'
           f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>')
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{_attr(name)}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + (f'<w:next w:val="{next_style}"/>' if next_style else "")
        + f"<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _styles_xml() -> str:
    f = _attr(FONT_BODY)
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
        f'<w:kern w:val="2"/><w:sz w:val="{BODY_PT * 2}"/><w:szCs w:val="{BODY_PT * 2}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PT * 20}" w:lineRule="exact"/>'
        '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    normal = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PT * 20}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
        f'<w:sz w:val="{BODY_PT * 2}"/><w:szCs w:val="{BODY_PT * 2}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    )
    own = [
        _style_xml(STYLE_BODY, font=FONT_BODY, size_pt=BODY_PT, first_line_chars=200),
        _style_xml(STYLE_TITLE, font=FONT_TITLE, size_pt=TITLE_PT, jc="center", next_style=STYLE_BODY),
    ]
    for level, sid in STYLE_HEADINGS.items():
        own.append(_style_xml(sid, font=HEADING_FONTS[level], size_pt=BODY_PT, first_line_chars=200,
                              outline=level - 1, keep_next=True, next_style=STYLE_BODY))
    own.append(_style_xml(STYLE_SIGNATURE, font=FONT_BODY, size_pt=BODY_PT, jc="right"))
    own.append(_style_xml(STYLE_PAGE_NO, font=FONT_PAGE, size_pt=PAGE_NO_PT, jc="right",
                          line_pt=round(PAGE_NO_PT * 1.2, 1)))
    return (f'{_XMLDECL}<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">{defaults}{normal}'
            + "".join(own) + "</w:styles>")


def _footer_xml(*, odd: bool) -> str:
    one_char = PAGE_NO_PT * 20
    ind = f'<w:ind w:left="0" w:right="{one_char}" w:firstLine="0"/>' if odd else \
        f'<w:ind w:left="{one_char}" w:right="0" w:firstLine="0"/>'
    jc = "right" if odd else "left"
    rp = _RPR_PAGE
    field = (f'<w:r>{rp}<w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r>{rp}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             f'<w:r>{rp}<w:fldChar w:fldCharType="separate"/></w:r>'
             f'<w:r>{rp}<w:t>1</w:t></w:r>'
             f'<w:r>{rp}<w:fldChar w:fldCharType="end"/></w:r>')
    return (f'{_XMLDECL}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="{STYLE_PAGE_NO}"/>'
            f'{ind}<w:jc w:val="{jc}"/></w:pPr>'
            f'<w:r>{rp}<w:t xml:space="preserve">— </w:t></w:r>{field}'
            f'<w:r>{rp}<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>')


def _settings_xml() -> str:
    return (f'{_XMLDECL}<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
            '<w:evenAndOddHeaders/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/>'
            '<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
            '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>'
            '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '</w:compat>'
            '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
            '</w:settings>')


def _font_table_xml() -> str:
    fonts = "".join(
        f'<w:font w:name="{_attr(name)}"><w:altName w:val="{_attr(alt)}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, panose, family, pitch in _FONT_TABLE
    )
    return f'{_XMLDECL}<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">{fonts}</w:fonts>'


_CONTENT_TYPES = (
    f'{_XMLDECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_ROOT_RELS = (
    f'{_XMLDECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_DOC_RELS = (
    f'{_XMLDECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>'
    "</Relationships>"
)

_APP = (
    f'{_XMLDECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>drafter</Application><DocSecurity>0</DocSecurity></Properties>"
)

_SECT_PR = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>'
    f'<w:pgSz w:w="{_tw(PAGE_W_MM)}" w:h="{_tw(PAGE_H_MM)}"/>'
    f'<w:pgMar w:top="{_tw(MARGIN_TOP_MM)}" w:right="{_tw(MARGIN_RIGHT_MM)}" w:bottom="{_tw(MARGIN_BOTTOM_MM)}" '
    f'w:left="{_tw(MARGIN_LEFT_MM)}" w:header="{_tw(15)}" w:footer="{_tw(FOOTER_DISTANCE_MM)}" w:gutter="0"/>'
    '<w:cols w:space="425"/>'
    f'<w:docGrid w:linePitch="{LINE_PT * 20}"/></w:sectPr>'
)

_DOC_OPEN = f'{_XMLDECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
_DOC_CLOSE = f"{_SECT_PR}</w:body></w:document>"


@lru_cache(maxsize=1)
def _static_parts() -> tuple[tuple[str, bytes], ...]:
    """The parts every draft shares, encoded once per process."""
    parts = (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("word/_rels/document.xml.rels", _DOC_RELS),
        ("word/styles.xml", _styles_xml()),
        ("word/settings.xml", _settings_xml()),
        ("word/fontTable.xml", _font_table_xml()),
        ("word/footer1.xml", _footer_xml(odd=True)),
        ("word/footer2.xml", _footer_xml(odd=False)),
        ("docProps/app.xml", _APP),
    )
    return tuple((name, text.encode("utf-8")) for name, text in parts)


# --- 落款 geometry --------------------------------------------------------------

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

def title_lines(title: str, unit: str, per_line: float = TITLE_CHARS_PER_LINE) -> list[str]:
    """Break a long title into lines of whole words (GB/T 9704 7.3.3: 词意完整):
    after the unit name when the whole does not fit on one line (20 characters
    at 2号), else before "及" (…工作总结 / 及2027年工作思路)."""
    if text_width(title) <= per_line:
        return [title]
    if unit and title.startswith(unit):
        rest = title[len(unit):]
        if rest and text_width(unit) <= per_line and text_width(rest) <= per_line:
            return [unit, rest]
    i = title.rfind("及")
    if i > 0 and text_width(title[:i]) <= per_line and text_width(title[i:]) <= per_line:
        return [title[:i], title[i:]]
    return [title]


# --- main ------------------------------------------------------------------------

def document_xml(draft: Draft) -> str:
    """word/document.xml of a draft."""
    sign_name = clean(next((b.text for b in draft.blocks if b.kind == SIGN_NAME), ""))
    sign_date = clean(next((b.text for b in draft.blocks if b.kind == SIGN_DATE), ""))
    name_ri, date_ri = signature_indents(sign_name, sign_date)

    out = [_DOC_OPEN]
    add = out.append
    last_body = -1            # index in out of the last body paragraph written
    signed = False
    for b in draft.blocks:
        kind = b.kind
        if kind == PARA:
            text = clean(b.text).strip()
            if text:
                last_body = len(out)
                add(f"<w:p>{_ppr(STYLE_BODY)}{_run(text, _RPR_BODY)}</w:p>")
        elif kind == HEADING:
            level = min(max(b.level, 1), 4)
            text = clean(b.full_text).strip()
            if text:
                last_body = len(out)
                add(f"<w:p>{_ppr(STYLE_HEADINGS[level])}{_run(text, _RPR_HEADING[level])}</w:p>")
        elif kind == TITLE:
            lines = title_lines(clean(b.text), clean(draft.unit))
            runs = f"<w:r>{_RPR_TITLE}<w:br/></w:r>".join(_run(line, _RPR_TITLE) for line in lines)
            add(f"<w:p>{_ppr(STYLE_TITLE, keep_next=True)}{runs}</w:p>")
            add(_BLANK)                                   # one blank line under the title
        elif kind in (SIGN_NAME, SIGN_DATE):
            if not signed:
                # The 落款 never stands alone on a page: the last body paragraph,
                # the blank line and the name keep with what follows them.
                signed = True
                if last_body >= 0:
                    out[last_body] = out[last_body].replace("/></w:pPr>", "/><w:keepNext/></w:pPr>", 1)
                add(_BLANK_KEEP)                          # one blank line under the body
            if kind == SIGN_NAME and sign_name:
                add(f"<w:p>{_ppr(STYLE_SIGNATURE, right_ind=round(name_ri * CHAR * 20), keep_next=bool(sign_date))}"
                    f"{_run(sign_name, _RPR_BODY)}</w:p>")
                sign_name = ""                            # written once
            elif kind == SIGN_DATE and sign_date:
                add(f"<w:p>{_ppr(STYLE_SIGNATURE, right_ind=round(date_ri * CHAR * 20))}{_run(sign_date, _RPR_BODY)}</w:p>")
                sign_date = ""
    add(_DOC_CLOSE)
    return "".join(out)


def core_xml(draft: Draft, now: _dt.datetime | None = None) -> str:
    """docProps/core.xml: title, author = unit, subject = theme."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")   # reproducible builds
        now = (_dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch.isdigit()
               else _dt.datetime.now(_dt.timezone.utc))
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    theme = draft.theme or ""
    return (
        f'{_XMLDECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_x(draft.title)}</dc:title>"
        f"<dc:subject>{_x(theme)}</dc:subject>"
        f"<dc:creator>{_x(draft.unit)}</dc:creator>"
        f"<cp:keywords>{_x('工作总结;' + theme)}</cp:keywords>"
        "<dc:description>总结起草助手（drafter）生成的初稿，请核对数据后使用。</dc:description>"
        f"<cp:lastModifiedBy>{_x(draft.unit)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "<cp:category>工作总结</cp:category>"
        "<dc:language>zh-CN</dc:language>"
        "</cp:coreProperties>"
    )


_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def render_docx(draft: Draft) -> bytes:
    """The .docx file of a draft, as bytes."""
    buf = io.BytesIO()
    parts = list(_static_parts())
    parts.insert(3, ("word/document.xml", document_xml(draft).encode("utf-8")))
    parts.append(("docProps/core.xml", core_xml(draft).encode("utf-8")))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=6)
    return buf.getvalue()


def build_document(draft: Draft):
    """The python-docx Document of a draft (for callers that want to edit it)."""
    from docx import Document

    return Document(io.BytesIO(render_docx(draft)))

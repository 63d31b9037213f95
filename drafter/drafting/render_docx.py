"""Write a draft outline as a .docx laid out by GB/T 9704-2012 (see docs/format.md).

The package is written directly as WordprocessingML (no python-docx at render
time): the static parts (styles, settings, font table, footers) are built once
per process, and each draft only costs its document.xml and core.xml plus the
zip.  That keeps a render at a few milliseconds, which matters for bulk runs.

Every number of the layout (paper, margins, faces, sizes, line pitch, indents,
page numbers, 落款) comes from drafter/data/layout.yaml through
drafter.layout.load_layout(); this module only turns it into WordprocessingML.
Own paragraph styles (no built-in Heading styles, no theme fonts or colours):

    公文标题 (GWTitle)        title: 2号 方正小标宋简体, centred, one blank line under it
    公文正文 (GWBody)         body: 3号 仿宋_GB2312, first-line indent 2 characters, justified
    公文一级标题 (GWHeading1)  3号 黑体          (一、)   outline level 1
    公文二级标题 (GWHeading2)  3号 楷体_GB2312   (（一）) outline level 2
    公文三级标题 (GWHeading3)  3号 仿宋_GB2312   (1.)     outline level 3
    公文四级标题 (GWHeading4)  3号 仿宋_GB2312   (（1）)  outline level 4
    公文落款 (GWSignature)    3号 仿宋_GB2312, name right-aligned 右空二字; the date flush left from
                              2 characters right of the name's start (layout.signature_positions)
    公文页码 (GWPageNo)       4号 宋体 "— N —", odd pages right, even pages left (1 character in)

Every style and every run sets w:rFonts (ascii, hAnsi, eastAsia, cs) and
w:lang w:eastAsia="zh-CN"; the line spacing is fixed; w:evenAndOddHeaders is
set so the even-page footer is used.  No automatic space between CJK and
Latin/digits (autoSpaceDE/DN off), as in printed 公文.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from html import escape as _html_escape

from drafter.layout import TWIPS_PER_PT, Layout, load_layout, signature_positions, title_lines, twips
from drafter.textutil import strip_controls
from drafter.drafting.document import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE, Draft

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

# Font table entries in this order (charset 86 = GB2312; see layout.yaml fonts).
_FONT_TABLE_ROLES = ("body", "heading2", "heading1", "page_number", "title")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XMLDECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# --- XML fragments ---------------------------------------------------------------

def _xml_escape(text: str) -> str:
    """& < > escaped, as xml.sax.saxutils.escape does (whose import pulls in urllib.request,
    http.client and ssl: ~10 ms of every fresh process)."""
    return _html_escape(text, quote=False)


def _x(text: str) -> str:
    """Text escaped for XML, made printable first."""
    return _xml_escape(strip_controls(text))


def _attr(text: str) -> str:
    return _xml_escape(strip_controls(text)).replace('"', "&quot;")


def _rpr(face: str, size_pt: float) -> str:
    """Run properties in schema order: rFonts, sz, szCs, lang."""
    f = _attr(face)
    hp = round(size_pt * 2)
    return (f'<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
            f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>')


def _run(text: str, rpr: str) -> str:
    """One run; text must be strip_controls() already."""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{_xml_escape(text)}</w:t></w:r>"


def _ppr(style: str, *, right_ind: int | None = None, left_ind: int | None = None, keep_next: bool = False,
         jc: str | None = None) -> str:
    keep = "<w:keepNext/>" if keep_next else ""
    ind = ""
    if right_ind is not None or left_ind is not None:
        ind = "<w:ind" + (f' w:left="{left_ind}"' if left_ind is not None else "") + \
            (f' w:right="{right_ind}"' if right_ind is not None else "") + "/>"
    align = f'<w:jc w:val="{jc}"/>' if jc else ""
    return f'<w:pPr><w:pStyle w:val="{style}"/>{keep}{ind}{align}</w:pPr>'


@dataclass(frozen=True)
class _Fragments:
    """Run properties and fixed paragraphs every draft uses, built once from the layout."""

    body: str
    title: str
    headings: dict[int, str]
    signature: str
    blank_after_title: str
    blank_before_signature: str


@lru_cache(maxsize=1)
def _fragments(lay: Layout) -> _Fragments:
    blank = f"<w:p>{_ppr(STYLE_BODY)}</w:p>"
    blank_keep = f"<w:p>{_ppr(STYLE_BODY, keep_next=True)}</w:p>"
    return _Fragments(
        body=_rpr(lay.face(lay.body.font), lay.body.size_pt),
        title=_rpr(lay.face(lay.title.font), lay.title.size_pt),
        headings={lvl: _rpr(lay.face(role), lay.headings.size_pt) for lvl, role in lay.headings.fonts.items()},
        signature=_rpr(lay.face(lay.signature.font), lay.signature.size_pt),
        blank_after_title=blank * lay.title.blank_lines_after,
        blank_before_signature=blank_keep * lay.signature.blank_lines_before,
    )


def _style_xml(style_id: str, *, font: str, size_pt: float, based_on: str | None = "Normal",
               line_pt: float, first_line_chars: int = 0, jc: str = "both",
               outline: int | None = None, keep_next: bool = False, next_style: str | None = None,
               ind_left: int = 0, ind_right: int = 0, widow_control: bool = False,
               char_spacing_pt: float = 0) -> str:
    """One paragraph style; pPr and rPr children in schema order."""
    name = STYLE_NAMES.get(style_id, style_id)
    first = first_line_chars * size_pt * 20 // 100
    ppr = (
        ("<w:keepNext/>" if keep_next else "")
        + ("<w:widowControl/>" if widow_control else '<w:widowControl w:val="0"/>')
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
           + (f'<w:spacing w:val="{round(char_spacing_pt * TWIPS_PER_PT)}"/>' if char_spacing_pt else "")
           + f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>')
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{_attr(name)}"/>'
        + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
        + (f'<w:next w:val="{next_style}"/>' if next_style else "")
        + f"<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _styles_xml(lay: Layout) -> str:
    body_pt, line_pt = lay.body.size_pt, lay.line_pitch.pt
    f = _attr(lay.face(lay.body.font))
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
        f'<w:kern w:val="2"/><w:sz w:val="{body_pt * 2}"/><w:szCs w:val="{body_pt * 2}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        f'<w:spacing w:before="0" w:after="0" w:line="{line_pt * 20}" w:lineRule="exact"/>'
        '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    normal = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{line_pt * 20}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
        f'<w:sz w:val="{body_pt * 2}"/><w:szCs w:val="{body_pt * 2}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    )
    indent = round(lay.body.first_line_indent_chars * 100)      # in 1/100 character
    title, sig, pno = lay.title, lay.signature, lay.page_number
    spacing = lay.grid.char_spacing_pt           # 28 characters a line (layout.yaml grid)
    own = [
        _style_xml(STYLE_BODY, font=lay.face(lay.body.font), size_pt=body_pt, line_pt=line_pt,
                   first_line_chars=indent, widow_control=lay.body.widow_control, char_spacing_pt=spacing),
        _style_xml(STYLE_TITLE, font=lay.face(title.font), size_pt=title.size_pt, line_pt=line_pt,
                   jc=title.align, next_style=STYLE_BODY),
    ]
    for level, sid in STYLE_HEADINGS.items():
        own.append(_style_xml(sid, font=lay.face(lay.headings.fonts[level]), size_pt=lay.headings.size_pt,
                              line_pt=line_pt, first_line_chars=indent,
                              outline=level - 1, keep_next=True, next_style=STYLE_BODY,
                              widow_control=lay.body.widow_control, char_spacing_pt=spacing))
    own.append(_style_xml(STYLE_SIGNATURE, font=lay.face(sig.font), size_pt=sig.size_pt, line_pt=line_pt,
                          jc=sig.align, char_spacing_pt=spacing))
    own.append(_style_xml(STYLE_PAGE_NO, font=lay.face(pno.font), size_pt=pno.size_pt, jc=pno.odd_align,
                          line_pt=round(pno.size_pt * pno.line_factor, 1)))
    return (f'{_XMLDECL}<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">{defaults}{normal}'
            + "".join(own) + "</w:styles>")


def _footer_xml(lay: Layout, *, odd: bool) -> str:
    pno = lay.page_number
    indent = round(pno.indent_chars * pno.size_pt * 20)
    ind = f'<w:ind w:left="0" w:right="{indent}" w:firstLine="0"/>' if odd else \
        f'<w:ind w:left="{indent}" w:right="0" w:firstLine="0"/>'
    jc = pno.odd_align if odd else pno.even_align
    rp = _rpr(lay.face(pno.font), pno.size_pt)
    before, after = _xml_escape(pno.prefix), _xml_escape(pno.suffix)
    field = (f'<w:r>{rp}<w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r>{rp}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             f'<w:r>{rp}<w:fldChar w:fldCharType="separate"/></w:r>'
             f'<w:r>{rp}<w:t>1</w:t></w:r>'
             f'<w:r>{rp}<w:fldChar w:fldCharType="end"/></w:r>')
    return (f'{_XMLDECL}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="{STYLE_PAGE_NO}"/>'
            f'{ind}<w:jc w:val="{jc}"/></w:pPr>'
            f'<w:r>{rp}<w:t xml:space="preserve">{before}</w:t></w:r>{field}'
            f'<w:r>{rp}<w:t xml:space="preserve">{after}</w:t></w:r></w:p></w:ftr>')


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


def _font_table_xml(lay: Layout) -> str:
    fonts = "".join(
        f'<w:font w:name="{_attr(f.face)}"><w:altName w:val="{_attr(f.alt)}"/><w:panose1 w:val="{f.panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{f.family}"/><w:pitch w:val="{f.pitch}"/></w:font>'
        for f in (lay.fonts[role] for role in _FONT_TABLE_ROLES)
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

def _sect_pr(lay: Layout) -> str:
    paper, m = lay.paper, lay.margins
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>'
        f'<w:pgSz w:w="{twips(paper.width_mm)}" w:h="{twips(paper.height_mm)}"/>'
        f'<w:pgMar w:top="{twips(m.top_mm)}" w:right="{twips(m.right_mm)}" w:bottom="{twips(m.bottom_mm)}" '
        f'w:left="{twips(m.left_mm)}" w:header="{twips(m.header_mm)}" w:footer="{twips(m.footer_mm)}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:linePitch="{lay.line_pitch.pt * 20}"/></w:sectPr>'
    )


_DOC_OPEN = f'{_XMLDECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'


@lru_cache(maxsize=1)
def _doc_close(lay: Layout) -> str:
    return f"{_sect_pr(lay)}</w:body></w:document>"


@lru_cache(maxsize=1)
def _static_parts(lay: Layout) -> tuple[tuple[str, bytes], ...]:
    """The parts every draft shares, encoded once per layout (once per process)."""
    parts = (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("word/_rels/document.xml.rels", _DOC_RELS),
        ("word/styles.xml", _styles_xml(lay)),
        ("word/settings.xml", _settings_xml()),
        ("word/fontTable.xml", _font_table_xml(lay)),
        ("word/footer1.xml", _footer_xml(lay, odd=True)),
        ("word/footer2.xml", _footer_xml(lay, odd=False)),
        ("docProps/app.xml", _APP),
    )
    return tuple((name, text.encode("utf-8")) for name, text in parts)


# --- main ------------------------------------------------------------------------

def document_xml(draft: Draft) -> str:
    """word/document.xml of a draft."""
    lay = load_layout()
    frag = _fragments(lay)
    sign_name = strip_controls(next((b.text for b in draft.blocks if b.kind == SIGN_NAME), ""))
    sign_date = strip_controls(next((b.text for b in draft.blocks if b.kind == SIGN_DATE), ""))
    name_right, date_left = signature_positions(sign_name, sign_date)      # pt

    out = [_DOC_OPEN]
    add = out.append
    last_body = -1            # index in out of the last body paragraph written
    signed = False
    for b in draft.blocks:
        kind = b.kind
        if kind == PARA:
            text = strip_controls(b.text).strip()
            if text:
                last_body = len(out)
                add(f"<w:p>{_ppr(STYLE_BODY)}{_run(text, frag.body)}</w:p>")
        elif kind == HEADING:
            level = min(max(b.level, 1), 4)
            text = strip_controls(b.full_text).strip()
            if text:
                last_body = len(out)
                add(f"<w:p>{_ppr(STYLE_HEADINGS[level])}{_run(text, frag.headings[level])}</w:p>")
        elif kind == TITLE:
            lines = title_lines(strip_controls(b.text), strip_controls(draft.unit))
            runs = f"<w:r>{frag.title}<w:br/></w:r>".join(_run(line, frag.title) for line in lines)
            add(f"<w:p>{_ppr(STYLE_TITLE, keep_next=True)}{runs}</w:p>")
            add(frag.blank_after_title)                   # one blank line under the title
        elif kind in (SIGN_NAME, SIGN_DATE):
            if not signed:
                # The 落款 never stands alone on a page: the last body paragraph,
                # the blank line and the name keep with what follows them.
                signed = True
                if last_body >= 0:
                    out[last_body] = out[last_body].replace("/></w:pPr>", "/><w:keepNext/></w:pPr>", 1)
                add(frag.blank_before_signature)          # one blank line under the body
            if kind == SIGN_NAME and sign_name:
                right = round(name_right * TWIPS_PER_PT)
                add(f"<w:p>{_ppr(STYLE_SIGNATURE, right_ind=right, keep_next=bool(sign_date))}"
                    f"{_run(sign_name, frag.signature)}</w:p>")
                sign_name = ""                            # written once
            elif kind == SIGN_DATE and sign_date:
                # flush left from where the date starts: digit widths cannot move its start
                left = round(date_left * TWIPS_PER_PT)
                add(f"<w:p>{_ppr(STYLE_SIGNATURE, left_ind=left, right_ind=0, jc='left')}"
                    f"{_run(sign_date, frag.signature)}</w:p>")
                sign_date = ""
    add(_doc_close(lay))
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
    parts = list(_static_parts(load_layout()))
    parts.insert(3, ("word/document.xml", document_xml(draft).encode("utf-8")))
    parts.append(("docProps/core.xml", core_xml(draft).encode("utf-8")))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=6)
    return buf.getvalue()

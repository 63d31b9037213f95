"""`--reference-doc`: a draft in a unit's own Word template (as pandoc's reference doc).

The draft's paragraphs are put into the template's package: its page setup
(the last w:sectPr of its body: paper, margins, grid, header and footer
references), its header/footer parts, font table, settings, theme and its
styles are kept. The draft's paragraph styles (公文正文, 公文标题, 公文一级标题 …,
see render_docx.STYLE_NAMES) are taken from the template when it defines a style
of that name or id, and added from drafter's GB/T 9704 styles otherwise; so a
unit changes the look of its drafts by naming styles so in its template.
The template's own body text is not kept.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from drafter.errors import DrafterError

_MAIN = "word/document.xml"
_STYLES = "word/styles.xml"
_STYLE_RE = re.compile(r"<w:style\b[^>]*>.*?</w:style>", re.S)
_SECT_RE = re.compile(r"<w:sectPr\b(?:(?!<w:sectPr\b).)*?</w:sectPr>\s*</w:body>", re.S)
# A template's main part (.dotx) is declared with another content type.
_TEMPLATE_TYPE = "wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = "wordprocessingml.document.main+xml"
MAX_REFERENCE_BYTES = 50 * 1024 * 1024
_RUN_PROPS = re.compile(r"<w:rPr>.*?</w:rPr>", re.S)


def read_reference(path: str | Path) -> dict[str, bytes]:
    """The parts of a reference .docx/.dotx; a Chinese DrafterError for anything else."""
    p = Path(path)
    if not p.is_file():
        raise DrafterError(f"找不到 Word 模板：{p}", hint="--reference-doc 后请写本单位模板 .docx 文件的路径。")
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_REFERENCE_BYTES:
                raise DrafterError(f"Word 模板过大：{p}（解压后超过 {MAX_REFERENCE_BYTES // 2**20} MB）。")
            parts = {i.filename: zf.read(i) for i in infos if not i.is_dir()}
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DrafterError(f"{p} 不是可读取的 Word 文档（.docx）：{type(exc).__name__}",
                           hint="旧版 .doc/.wps 请先在 Word/WPS 中另存为 .docx。") from None
    if _MAIN not in parts or _STYLES not in parts:
        raise DrafterError(f"{p} 不是 Word 文档：缺少 {_MAIN if _MAIN not in parts else _STYLES}。",
                           hint="请用 Word/WPS 保存的 .docx 文件作模板。")
    return parts


def _style_key(style_xml: str) -> tuple[str, str]:
    sid = re.search(r'w:styleId="([^"]*)"', style_xml)
    name = re.search(r'<w:name w:val="([^"]*)"', style_xml)
    return (sid.group(1) if sid else "", name.group(1) if name else "")


def merge_styles(reference: str, ours: str) -> tuple[str, dict[str, str]]:
    """The template's styles.xml with drafter's paragraph styles it lacks added, and a
    map of drafter's style ids to the template's ids for those it has (matched by id or name)."""
    have = {}
    for m in _STYLE_RE.finditer(reference):
        sid, name = _style_key(m.group(0))
        have[sid] = sid
        have.setdefault(f"name:{name}", sid)
    default = re.search(r'<w:style\b[^>]*w:type="paragraph"[^>]*w:default="1"[^>]*w:styleId="([^"]*)"', reference) or \
        re.search(r'<w:style\b[^>]*w:default="1"[^>]*w:type="paragraph"[^>]*w:styleId="([^"]*)"', reference)
    base = default.group(1) if default else None     # the template's Normal (Chinese Word calls it "a")
    renames, added = {}, []
    for m in _STYLE_RE.finditer(ours):
        block = m.group(0)
        sid, name = _style_key(block)
        if not sid.startswith("GW"):
            continue                 # Normal, table and list defaults: the template's own
        if sid in have:
            continue
        if f"name:{name}" in have:
            renames[sid] = have[f"name:{name}"]
            continue
        based = f'<w:basedOn w:val="{base}"/>' if base else ""
        added.append(block.replace('<w:basedOn w:val="Normal"/>', based))
    end = reference.rfind("</w:styles>")
    if end < 0:
        raise DrafterError("Word 模板的样式表（word/styles.xml）无法读取。")
    return reference[:end] + "".join(added) + reference[end:], renames


def apply_reference(docx: bytes, reference: str | Path) -> bytes:
    """A rendered draft (docx bytes) re-packaged in the reference document's parts."""
    ref = read_reference(reference)
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        ours = {n: zf.read(n) for n in zf.namelist()}
    styles, renames = merge_styles(ref[_STYLES].decode("utf-8"), ours[_STYLES].decode("utf-8"))
    doc = ours[_MAIN].decode("utf-8")
    for old, new in renames.items():
        doc = doc.replace(f'<w:pStyle w:val="{old}"/>', f'<w:pStyle w:val="{new}"/>')
    ref_doc = ref[_MAIN].decode("utf-8")
    body_at = re.search(r"<w:body>", ref_doc)
    sect = _SECT_RE.search(ref_doc)
    paragraphs = doc[doc.index("<w:body>") + len("<w:body>"):doc.rindex("<w:sectPr")]
    # drafter's runs repeat their style's fonts and size; the template's styles must decide
    paragraphs = _RUN_PROPS.sub("", paragraphs)
    if body_at is None or sect is None:            # no page setup of its own: drafter's
        new_doc = re.sub(r"<w:(?:footer|header)Reference\b[^>]*/>", "", doc)
    else:
        new_doc = ref_doc[:body_at.end()] + paragraphs + ref_doc[sect.start():]
    parts = dict(ref)
    parts[_MAIN] = new_doc.encode("utf-8")
    parts[_STYLES] = styles.encode("utf-8")
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = ours["docProps/core.xml"]
    types = parts.get("[Content_Types].xml", b"").decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        first = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
        for name in first:
            out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), parts[name], zipfile.ZIP_DEFLATED)
    return buf.getvalue()

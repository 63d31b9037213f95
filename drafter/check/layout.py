"""Layout rules of `drafter check`: the draft against GB/T 9704-2012.

The numbers (paper, margins, faces, sizes, indent, line pitch, page numbers,
落款) are the ones the writer uses: drafter/data/layout.yaml through
drafter.layout.load_layout(). Each rule code's clause is Finding.clause.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

from drafter.check.findings import Finding, make
from drafter.check.spec import CheckSpec
from drafter.check.structure import CJK, L1, L2, L3, L4, SIG_DATE, signature_start
from drafter.check.styles import Styles, run_text, text_runs
from drafter.layout import EMU_PER_MM, TWIPS_PER_PT, Layout, load_layout, signature_positions

# A 落款 set flush left but indented this far (twips) counts as right-aligned.
SIGNATURE_MIN_LEFT_INDENT = 4000
_ALIGN_SYNONYMS = {"right": "end", "left": "start"}


def body_paragraphs(document: Any) -> list[Any]:
    """Non-empty paragraphs of the document body in order (tables are not part of a 总结 draft)."""
    return [p for p in document.paragraphs if p.text.strip()]


def run_layout_rules(document: Any, paras: list[Any], spec: CheckSpec) -> list[Finding]:
    styles = Styles(document)
    lay = load_layout()
    styles.grid_char_pt = _grid_char_spacing(document)
    findings: list[Finding] = []
    findings += check_page_setup(document, lay)
    findings += check_paragraphs(paras, styles, lay)
    findings += check_footers(document, styles, lay)
    return findings


# ---------------------------------------------------------------- page setup


def check_page_setup(document: Any, lay: Layout) -> list[Finding]:
    found = []
    paper, tol = lay.paper, lay.margins.tolerance_mm
    margins = {"top_margin": ("上", lay.margins.top_mm), "bottom_margin": ("下", lay.margins.bottom_mm),
               "left_margin": ("左", lay.margins.left_mm), "right_margin": ("右", lay.margins.right_mm)}
    for i, sec in enumerate(document.sections):
        where = "页面设置" if len(document.sections) == 1 else f"页面设置（第{i + 1}节）"
        w, h = sec.page_width, sec.page_height
        if w is None or h is None or abs(w / EMU_PER_MM - paper.width_mm) > tol or abs(h / EMU_PER_MM - paper.height_mm) > tol:
            size = f"{w / EMU_PER_MM:.0f}×{h / EMU_PER_MM:.0f} 毫米" if w and h else "未设置"
            found.append(make("layout-page-size", where,
                              f"纸张应为 {paper.name} 纵向（{paper.width_mm:g}×{paper.height_mm:g} 毫米），当前为 {size}。"))
        bad = []
        for attr, (label, want) in margins.items():
            v = getattr(sec, attr)
            got = v / EMU_PER_MM if v is not None else None
            if got is None or abs(got - want) > tol:
                bad.append(f"{label} {('%.1f' % got) if got is not None else '未设置'} 毫米（应为 {want:.0f}）")
        if bad:
            found.append(make("layout-margins", where, "页边距不符合 GB/T 9704：" + "；".join(bad) + "。"))
    return found


# ---------------------------------------------------------------- paragraphs


def _grid_char_spacing(document: Any) -> float:
    """Extra advance per character (pt) from a character grid (w:docGrid linesAndChars/
    snapToChars, charSpace in 1/4096 pt), as Word lays out a document with one."""
    sect = document.sections[0]._sectPr if document.sections else None
    grid = sect.find(qn("w:docGrid")) if sect is not None else None
    if grid is None or grid.get(qn("w:type")) not in ("linesAndChars", "snapToChars"):
        return 0.0
    try:
        return int(grid.get(qn("w:charSpace")) or 0) / 4096
    except ValueError:
        return 0.0


def run_char_spacing_pt(styles: Styles, p_el: Any, r_el: Any) -> float:
    """The character spacing (w:spacing of the run properties, pt) in effect for a run."""
    for rpr in styles.run_rpr_layers(p_el, r_el):
        sp = rpr.find(qn("w:spacing"))
        if sp is not None and sp.get(qn("w:val")) is not None:
            try:
                return int(sp.get(qn("w:val"))) / TWIPS_PER_PT
            except ValueError:
                return 0.0
    return 0.0


def widow_control(styles: Styles, p_el: Any) -> bool:
    """Widow/orphan control in effect for a paragraph (absent everywhere: off)."""
    for ppr in styles.para_ppr_layers(p_el):
        el = ppr.find(qn("w:widowControl"))
        if el is not None:
            return (el.get(qn("w:val")) or "1") not in ("0", "false", "off")
    return False


def _classify(paras: list[Any]) -> list[str]:
    """title / heading1 / heading2 / heading3 / body / signature per paragraph."""
    kinds = []
    texts = [p.text.strip() for p in paras]
    sig_from = signature_start(texts)
    if sig_from is None:
        sig_from = len(paras)
    for i, t in enumerate(texts):
        if i == 0:
            kinds.append("title")
        elif i >= sig_from:
            kinds.append("signature")
        elif L1.match(t):
            kinds.append("heading1")
        elif L2.match(t):
            kinds.append("heading2")
        elif L3.match(t) or L4.match(t):
            kinds.append("heading3")
        else:
            kinds.append("body")
    return kinds


def _font_ok(name: str | None, lay: Layout, role: str) -> bool:
    if not name:
        return False
    return any(k.lower() in name.lower() for k in lay.fonts[role].match)


def _first_cjk_font(styles: Styles, el: Any, runs: list[Any]) -> str | None:
    for r in runs:
        if CJK.search(run_text(r)):
            return styles.east_asia_font(el, r)[0]
    return None


def _locs(locs: list[str], limit: int = 6) -> str:
    if len(locs) <= limit:
        return "、".join(locs)
    return "、".join(locs[:limit]) + f" 等 {len(locs)} 处"


def _sizes(sizes: set) -> str:
    vals = sorted(s for s in sizes if s is not None)
    txt = "、".join(f"{v:g} 磅" for v in vals)
    if None in sizes:
        txt = (txt + "、" if txt else "") + "未设置"
    return txt or "未设置"


def _align_label(align: str | None) -> str:
    return {"left": "左对齐", "start": "左对齐", "center": "居中", "both": "两端对齐", "distribute": "分散对齐",
            None: "默认（左对齐）"}.get(align, str(align))


def _title_findings(p: Any, styles: Styles, lay: Layout) -> list[Finding]:
    found = []
    runs, el, title = text_runs(p), p._p, lay.title
    f = _first_cjk_font(styles, el, runs)
    if not _font_ok(f, lay, title.font):
        found.append(make("layout-title-font", "标题", f"标题字体应为{lay.face(title.font)}，当前为“{f or '未设置'}”。"))
    sizes = {styles.size_pt(el, r) for r in runs}
    if sizes != {float(title.size_pt)}:
        found.append(make("layout-title-size", "标题", f"标题字号应为{lay.size_label(title.size)}，当前为 {_sizes(sizes)}。"))
    if styles.alignment(el) != title.align:
        found.append(make("layout-title-align", "标题", "标题应居中。"))
    return found


def _indent_ok(p: Any, styles: Styles, lay: Layout) -> bool:
    body = lay.body
    chars, twips = styles.first_line_indent(p._p)
    want_chars = body.first_line_indent_chars * 100
    tol_chars = body.indent_tolerance_chars * 100
    want_twips = body.first_line_indent_chars * body.size_pt * TWIPS_PER_PT
    tol_twips = body.indent_tolerance_pt * TWIPS_PER_PT
    twips_ok = twips is not None and want_twips - tol_twips <= twips <= want_twips + tol_twips
    ok = (chars is not None and want_chars - tol_chars <= chars <= want_chars + tol_chars) or \
        (chars is None and twips_ok)
    if chars is not None and twips_ok:
        ok = True
    return ok or p.text.startswith(("\u3000\u3000", "    "))


def _paragraph_faults(p: Any, kind: str, styles: Styles, lay: Layout) -> list[str]:
    """The fault keys of one paragraph below the title (see _FAULTS)."""
    faults = []
    runs, el = text_runs(p), p._p
    for r in runs:           # East Asian font set on every run with Chinese text
        if CJK.search(run_text(r)):
            font, theme = styles.east_asia_font(el, r)
            if font is None or theme:
                faults.append("layout-east-asia")
    want_pt = {"signature": lay.signature.size_pt, "body": lay.body.size_pt}.get(kind, lay.headings.size_pt)
    if any(styles.size_pt(el, r) != want_pt for r in runs):
        faults.append("layout-body-size")
    if kind == "signature":
        return faults
    # the first run's font decides the heading face; the rest of the paragraph is body text
    if kind in ("heading1", "heading2"):
        level = int(kind[-1])
        if not _font_ok(_first_cjk_font(styles, el, runs), lay, lay.headings.fonts[level]):
            faults.append(f"layout-heading-font:{kind}")
    else:
        for r in runs:
            if CJK.search(run_text(r)):
                f, _ = styles.east_asia_font(el, r)
                if f and not _font_ok(f, lay, lay.body.font):
                    faults.append("layout-body-font")
                    break
        if not _indent_ok(p, styles, lay):
            faults.append("layout-body-indent")
        if kind == "body":
            if lay.body.widow_control and not widow_control(styles, el):
                faults.append("layout-widow")
            for r in runs:
                size = styles.size_pt(el, r)
                spacing = run_char_spacing_pt(styles, el, r) + getattr(styles, "grid_char_pt", 0.0)
                if size and lay.chars_per_line(size, spacing) < lay.grid.chars_per_line:
                    faults.append("layout-chars-per-line")
                    break
    rule, line = styles.line_spacing(el)
    pitch = lay.line_pitch
    if rule != "exact":
        faults.append("layout-line-spacing")
    elif line is None or not (pitch.min_pt * TWIPS_PER_PT <= line <= pitch.max_pt * TWIPS_PER_PT):
        faults.append("layout-line-spacing-value")
    return faults


def _fault_messages(lay: Layout) -> dict[str, str]:
    pitch = lay.line_pitch
    return {
        "layout-east-asia": "中文字体未通过 eastAsia 属性设置（或使用了主题字体），Word/WPS 会回退到其他字体",
        "layout-body-size": f"字号应为{lay.size_label(lay.body.size)}",
        "layout-heading-font:heading1": f"一级标题（一、）字体应为{lay.face(lay.headings.fonts[1])}",
        "layout-heading-font:heading2": f"二级标题（（一））字体应为{lay.face(lay.headings.fonts[2])}",
        "layout-body-font": f"正文字体应为{lay.face(lay.body.font)}",
        "layout-body-indent": f"正文段落应首行缩进 {lay.body.first_line_indent_chars:g} 个字符",
        "layout-line-spacing": f"行距应为固定值（约 {pitch.pt:g} 磅）",
        "layout-widow": "正文段落应打开“孤行控制”，避免段落的一行单独留在页首或页尾",
        "layout-chars-per-line": (f"每行应排 {lay.grid.chars_per_line} 个字（{lay.size_label(lay.body.size)}需把字符间距"
                                  f"紧缩 {-lay.grid.char_spacing_pt:g} 磅，或设置文档网格），当前每行只能排 "
                                  f"{lay.chars_per_line(spacing_pt=0)} 个字"),
        "layout-line-spacing-value": f"固定行距应在 {pitch.min_pt:g}–{pitch.max_pt:g} 磅之间（常用 {pitch.pt:g} 磅）",
    }


def check_paragraphs(paras: list[Any], styles: Styles, lay: Layout) -> list[Finding]:
    found: list[Finding] = []
    if not paras:
        return found
    kinds = _classify(paras)
    bad: dict[str, list[str]] = {}
    for i, (p, kind) in enumerate(zip(paras, kinds)):
        if kind == "title":
            found += _title_findings(p, styles, lay)
            continue
        for key in _paragraph_faults(p, kind, styles, lay):
            locs = bad.setdefault(key, [])
            if f"第{i + 1}段" not in locs:
                locs.append(f"第{i + 1}段")
    messages = _fault_messages(lay)
    for key, locs in bad.items():
        where = locs[0] if len(locs) == 1 else "全文"
        found.append(make(key.split(":")[0], where, f"{messages[key]}：{_locs(locs)}。"))
    return found + _signature_findings(paras, kinds, styles, lay)


def _signature_findings(paras: list[Any], kinds: list[str], styles: Styles, lay: Layout) -> list[Finding]:
    """落款 right-aligned, its date without zero padding."""
    sig = [i for i, k in enumerate(kinds) if k == "signature"]
    if not sig:
        return [make("layout-signature-missing", "落款", "文末没有找到落款（单位名称和日期）。")]
    found = []
    want = (lay.signature.align, _ALIGN_SYNONYMS.get(lay.signature.align, lay.signature.align))
    # the date line as the writer sets it: flush left from 2 characters right of the name's start
    name, date = paras[sig[0]].text.strip(), paras[sig[-1]].text.strip()
    date_left = signature_positions(name, date)[1] * TWIPS_PER_PT if len(sig) > 1 else None
    for i in sig:
        el = paras[i]._p
        align = styles.alignment(el)
        left = styles.left_indent(el)
        if i == sig[-1] and date_left is not None and abs(left - date_left) <= lay.body.size_pt * TWIPS_PER_PT:
            continue
        if align not in want and left < SIGNATURE_MIN_LEFT_INDENT:
            found.append(make("layout-signature-align", "落款",
                              f"落款“{paras[i].text.strip()}”应右对齐（右空二字），当前为{_align_label(align)}。"))
    m = SIG_DATE.match(paras[sig[-1]].text)
    if m and not lay.date.zero_padding and (m.group(2).startswith("0") or m.group(3).startswith("0")):
        found.append(make("layout-signature-date", "落款", f"日期数字不应补零：{paras[sig[-1]].text.strip()}"))
    return found


# ---------------------------------------------------------------- footers and page numbers


def _has_page_field(el: Any) -> bool:
    for fs in el.iter(qn("w:fldSimple")):
        if "PAGE" in (fs.get(qn("w:instr")) or "").upper().split():
            return True
    for it in el.iter(qn("w:instrText")):
        if re.search(r"\bPAGE\b", (it.text or "").upper()):
            return True
    return False


def check_footers(document: Any, styles: Styles, lay: Layout) -> list[Finding]:
    found = []
    even_odd = bool(document.settings.odd_and_even_pages_header_footer)
    sec = document.sections[0]
    odd = sec.footer
    odd_el = None if odd.is_linked_to_previous else odd._element
    if odd_el is None or not _has_page_field(odd_el):
        found.append(make("layout-page-number", "页脚", "页脚中没有页码域（PAGE），打印稿将没有页码。"))
    if not even_odd:
        found.append(make("layout-even-odd", "页脚",
                          "未设置“奇偶页不同”（w:evenAndOddHeaders），无法做到单页码居右、双页码居左。"))
    else:
        even = sec.even_page_footer
        if even.is_linked_to_previous or not _has_page_field(even._element):
            found.append(make("layout-page-number", "页脚（偶数页）", "偶数页页脚中没有页码域（PAGE）。"))
    pno = lay.page_number
    for label, ft, align in (("页脚", odd, pno.odd_align),
                             ("页脚（偶数页）", sec.even_page_footer if even_odd else None, pno.even_align)):
        if ft is None or ft.is_linked_to_previous or not _has_page_field(ft._element):
            continue
        found += _page_number_findings(label, ft._element, (align, _ALIGN_SYNONYMS.get(align, align)), styles, lay)
    return found


def _page_number_findings(label: str, footer_el: Any, want: tuple[str, str], styles: Styles,
                          lay: Layout) -> list[Finding]:
    """Size, "— 1 —" form and side of the page number in one footer."""
    pno = lay.page_number
    sizes, aligns, text = set(), set(), ""
    for p in footer_el.iter(qn("w:p")):
        ptext = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if not (ptext.strip() or _has_page_field(p)):
            continue
        text += ptext
        ppr = p.find(qn("w:pPr"))
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        aligns.add(jc.get(qn("w:val")) if jc is not None else styles.style_alignment(p))
        for r in p.iter(qn("w:r")):
            rpr = r.find(qn("w:rPr"))
            sz = rpr.find(qn("w:sz")) if rpr is not None else None
            sizes.add(int(sz.get(qn("w:val"))) / 2 if sz is not None else styles.style_size_pt(p))
    found = []
    if sizes and sizes != {float(pno.size_pt)}:
        found.append(make("layout-page-number-size", label,
                          f"页码字号应为{lay.size_label(pno.size)}，当前为 {_sizes(sizes)}。"))
    dash = pno.prefix.strip() or "—"
    if text.count(dash) < 2 and text.count("-") < 2:
        example = pno.format.replace("{n}", "1")
        found.append(make("layout-page-number-format", label, f"页码应写作“{example}”（数字两侧各一条一字线）。"))
    if aligns and not aligns <= set(want):
        side = "右" if "right" in want else "左"
        found.append(make("layout-page-number-align", label, f"{'单' if side == '右' else '双'}页码应居{side}（空一字）。"))
    return found

"""Layout rules of `drafter check` (../shared/docs/format.md, GB/T 9704 practice).

Reads the effective formatting of each paragraph and run through the style
chain (run → character style → paragraph style → default style → docDefaults),
because a draft may set fonts on styles, on runs, or both.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

from drafter.check import CheckSpec, Finding, make
from drafter.check_text import L1, L2, L3, L4, SENTENCE_END, SIG_DATE

EMU_PER_MM = 36000
TWIPS_PER_PT = 20
CJK = re.compile(r"[\u4e00-\u9fff]")

# format.md: margins top 37, bottom 35, left 28, right 26 mm (±1).
PAGE = {"page_width": 210.0, "page_height": 297.0}
MARGINS = {"top_margin": ("上", 37.0), "bottom_margin": ("下", 35.0), "left_margin": ("左", 28.0), "right_margin": ("右", 26.0)}
TOL_MM = 1.0

FONT_FAMILIES = {
    "title": ("小标宋",),
    "heading1": ("黑体", "SimHei"),
    "heading2": ("楷体", "KaiTi"),
    "body": ("仿宋", "FangSong"),
}
FONT_LABELS = {"title": "方正小标宋简体", "heading1": "黑体", "heading2": "楷体_GB2312", "body": "仿宋_GB2312"}


def body_paragraphs(document: Any) -> list[Any]:
    """Non-empty paragraphs of the document body in order (tables are not part of a 总结 draft)."""
    return [p for p in document.paragraphs if p.text.strip()]


# ---------------------------------------------------------------- style resolution


class Styles:
    def __init__(self, document: Any):
        root = document.styles.element
        self.by_id: dict[str, Any] = {}
        self.default_para = None
        self.default_char = None
        for st in root.findall(qn("w:style")):
            sid = st.get(qn("w:styleId"))
            self.by_id[sid] = st
            if st.get(qn("w:default")) in ("1", "true", "on"):
                if st.get(qn("w:type")) == "paragraph":
                    self.default_para = st
                elif st.get(qn("w:type")) == "character":
                    self.default_char = st
        dd = root.find(qn("w:docDefaults"))
        self.rpr_default = dd.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) if dd is not None else None
        self.ppr_default = dd.find(qn("w:pPrDefault") + "/" + qn("w:pPr")) if dd is not None else None

    def chain(self, style_el: Any) -> list[Any]:
        out, seen = [], set()
        while style_el is not None and id(style_el) not in seen:
            seen.add(id(style_el))
            out.append(style_el)
            based = style_el.find(qn("w:basedOn"))
            style_el = self.by_id.get(based.get(qn("w:val"))) if based is not None else None
        return out

    def para_style_chain(self, p_el: Any) -> list[Any]:
        ppr = p_el.pPr
        st = None
        if ppr is not None and ppr.pStyle is not None:
            st = self.by_id.get(ppr.pStyle.val)
        if st is None:
            st = self.default_para
        return self.chain(st)

    def run_rpr_layers(self, p_el: Any, r_el: Any) -> list[Any]:
        """rPr elements from most to least specific."""
        layers = []
        rpr = r_el.rPr
        if rpr is not None:
            layers.append(rpr)
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None:
                for st in self.chain(self.by_id.get(rstyle.get(qn("w:val")))):
                    layers.append(st.find(qn("w:rPr")))
        for st in self.para_style_chain(p_el):
            layers.append(st.find(qn("w:rPr")))
        layers.append(self.rpr_default)
        return [x for x in layers if x is not None]

    def para_ppr_layers(self, p_el: Any) -> list[Any]:
        layers = []
        if p_el.pPr is not None:
            layers.append(p_el.pPr)
        for st in self.para_style_chain(p_el):
            layers.append(st.find(qn("w:pPr")))
        layers.append(self.ppr_default)
        return [x for x in layers if x is not None]

    # -- run properties
    def east_asia_font(self, p_el: Any, r_el: Any) -> tuple[str | None, bool]:
        """(font name, is_theme) of the East Asian font of a run."""
        for rpr in self.run_rpr_layers(p_el, r_el):
            rf = rpr.find(qn("w:rFonts"))
            if rf is None:
                continue
            if rf.get(qn("w:eastAsiaTheme")):
                return rf.get(qn("w:eastAsiaTheme")), True
            if rf.get(qn("w:eastAsia")):
                return rf.get(qn("w:eastAsia")), False
        return None, False

    def size_pt(self, p_el: Any, r_el: Any) -> float | None:
        for rpr in self.run_rpr_layers(p_el, r_el):
            sz = rpr.find(qn("w:sz"))
            if sz is not None and sz.get(qn("w:val")):
                try:
                    return int(sz.get(qn("w:val"))) / 2
                except ValueError:
                    return None
        return None

    # -- paragraph properties
    def ppr_value(self, p_el: Any, tag: str, attr: str) -> str | None:
        for ppr in self.para_ppr_layers(p_el):
            el = ppr.find(qn(tag))
            if el is not None and el.get(qn(attr)) is not None:
                return el.get(qn(attr))
        return None

    def alignment(self, p_el: Any) -> str | None:
        return self.ppr_value(p_el, "w:jc", "w:val")

    def first_line_indent(self, p_el: Any) -> tuple[int | None, int | None]:
        """(firstLineChars in 1/100 char, firstLine in twips) — first layer that sets either."""
        for ppr in self.para_ppr_layers(p_el):
            ind = ppr.find(qn("w:ind"))
            if ind is None:
                continue
            chars = ind.get(qn("w:firstLineChars"))
            twips = ind.get(qn("w:firstLine"))
            hanging = ind.get(qn("w:hanging"))
            if chars is not None or twips is not None or hanging is not None:
                return (int(chars) if chars else None, int(twips) if twips else (-int(hanging) if hanging else None))
        return None, None

    def left_indent(self, p_el: Any) -> int:
        for ppr in self.para_ppr_layers(p_el):
            ind = ppr.find(qn("w:ind"))
            if ind is not None:
                v = ind.get(qn("w:left")) or ind.get(qn("w:start"))
                if v is not None:
                    return int(v)
        return 0

    def line_spacing(self, p_el: Any) -> tuple[str | None, int | None]:
        for ppr in self.para_ppr_layers(p_el):
            sp = ppr.find(qn("w:spacing"))
            if sp is not None and sp.get(qn("w:line")) is not None:
                rule = sp.get(qn("w:lineRule")) or "auto"
                return rule, int(sp.get(qn("w:line")))
        return None, None


def _font_ok(name: str | None, family: str) -> bool:
    if not name:
        return False
    return any(k.lower() in name.lower() for k in FONT_FAMILIES[family])


def _text_runs(p: Any) -> list[Any]:
    return [r for r in p._p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]


def _run_text(r_el: Any) -> str:
    return "".join(t.text or "" for t in r_el.iter(qn("w:t")))


def _locs(locs: list[str], limit: int = 6) -> str:
    if len(locs) <= limit:
        return "、".join(locs)
    return "、".join(locs[:limit]) + f" 等 {len(locs)} 处"


# ---------------------------------------------------------------- rules


def run_layout_rules(document: Any, paras: list[Any], spec: CheckSpec) -> list[Finding]:
    styles = Styles(document)
    findings: list[Finding] = []
    findings += check_page_setup(document)
    findings += check_paragraphs(paras, styles)
    findings += check_footers(document, styles)
    return findings


def check_page_setup(document: Any) -> list[Finding]:
    found = []
    for i, sec in enumerate(document.sections):
        where = "页面设置" if len(document.sections) == 1 else f"页面设置（第{i + 1}节）"
        w, h = sec.page_width, sec.page_height
        if w is None or h is None or abs(w / EMU_PER_MM - PAGE["page_width"]) > TOL_MM or abs(h / EMU_PER_MM - PAGE["page_height"]) > TOL_MM:
            size = f"{w / EMU_PER_MM:.0f}×{h / EMU_PER_MM:.0f} 毫米" if w and h else "未设置"
            found.append(make("layout-page-size", where, f"纸张应为 A4 纵向（210×297 毫米），当前为 {size}。"))
        bad = []
        for attr, (label, want) in MARGINS.items():
            v = getattr(sec, attr)
            got = v / EMU_PER_MM if v is not None else None
            if got is None or abs(got - want) > TOL_MM:
                bad.append(f"{label} {('%.1f' % got) if got is not None else '未设置'} 毫米（应为 {want:.0f}）")
        if bad:
            found.append(make("layout-margins", where, "页边距不符合 GB/T 9704：" + "；".join(bad) + "。"))
    return found


def _classify(paras: list[Any]) -> list[str]:
    """title / heading1 / heading2 / heading3 / body / signature per paragraph."""
    kinds = []
    texts = [p.text.strip() for p in paras]
    sig_from = len(paras)
    if texts and SIG_DATE.match(texts[-1]):
        sig_from = len(paras) - 1
        if len(texts) >= 2 and len(texts[-2]) <= 40 and not SENTENCE_END.search(texts[-2]) and not L1.match(texts[-2]):
            sig_from = len(paras) - 2
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


def check_paragraphs(paras: list[Any], styles: Styles) -> list[Finding]:
    found: list[Finding] = []
    if not paras:
        return found
    kinds = _classify(paras)
    loc = lambda i: "标题" if i == 0 else f"第{i + 1}段"  # noqa: E731
    bad: dict[str, list[str]] = {}

    def add(code: str, i: int) -> None:
        bad.setdefault(code, [])
        if loc(i) not in bad[code]:
            bad[code].append(loc(i))

    for i, (p, kind) in enumerate(zip(paras, kinds)):
        runs = _text_runs(p)
        el = p._p
        # East Asian font set on every run with Chinese text
        for r in runs:
            if CJK.search(_run_text(r)):
                font, theme = styles.east_asia_font(el, r)
                if font is None or theme:
                    add("layout-east-asia", i)
        if kind == "title":
            f = _first_cjk_font(styles, el, runs)
            if not _font_ok(f, "title"):
                found.append(make("layout-title-font", "标题", f"标题字体应为{FONT_LABELS['title']}，当前为“{f or '未设置'}”。"))
            sizes = {styles.size_pt(el, r) for r in runs}
            if sizes != {22.0}:
                found.append(make("layout-title-size", "标题", f"标题字号应为二号（22 磅），当前为 {_sizes(sizes)}。"))
            if styles.alignment(el) != "center":
                found.append(make("layout-title-align", "标题", "标题应居中。"))
            continue
        # sizes: 三号 everywhere below the title
        if any(styles.size_pt(el, r) != 16.0 for r in runs):
            add("layout-body-size", i)
        if kind == "signature":
            continue
        # first run's font decides the heading face; the rest of the paragraph is body text
        first = _first_cjk_font(styles, el, runs)
        if kind == "heading1" and not _font_ok(first, "heading1"):
            add("layout-heading-font:heading1", i)
        elif kind == "heading2" and not _font_ok(first, "heading2"):
            add("layout-heading-font:heading2", i)
        elif kind in ("body", "heading3"):
            for r in runs:
                if CJK.search(_run_text(r)):
                    f, _ = styles.east_asia_font(el, r)
                    if f and not _font_ok(f, "body"):
                        add("layout-body-font", i)
                        break
        if kind in ("body", "heading3"):
            chars, twips = styles.first_line_indent(el)
            ok = (chars is not None and 190 <= chars <= 210) or (chars is None and twips is not None and 620 <= twips <= 660)
            if chars is not None and twips is not None and 620 <= twips <= 660:
                ok = True
            if not ok and not p.text.startswith(("\u3000\u3000", "    ")):
                add("layout-body-indent", i)
        rule, line = styles.line_spacing(el)
        if rule != "exact":
            add("layout-line-spacing", i)
        elif line is None or not (27 * TWIPS_PER_PT <= line <= 30 * TWIPS_PER_PT):
            add("layout-line-spacing-value", i)

    messages = {
        "layout-east-asia": "中文字体未通过 eastAsia 属性设置（或使用了主题字体），Word/WPS 会回退到其他字体",
        "layout-body-size": "字号应为三号（16 磅）",
        "layout-heading-font:heading1": f"一级标题（一、）字体应为{FONT_LABELS['heading1']}",
        "layout-heading-font:heading2": f"二级标题（（一））字体应为{FONT_LABELS['heading2']}",
        "layout-body-font": f"正文字体应为{FONT_LABELS['body']}",
        "layout-body-indent": "正文段落应首行缩进 2 个字符",
        "layout-line-spacing": "行距应为固定值（约 28 磅）",
        "layout-line-spacing-value": "固定行距应在 27–30 磅之间（常用 28 磅）",
    }
    for key, locs in bad.items():
        code = key.split(":")[0]
        where = locs[0] if len(locs) == 1 else "全文"
        found.append(make(code, where, f"{messages[key]}：{_locs(locs)}。"))

    # 落款 right-aligned
    sig = [i for i, k in enumerate(kinds) if k == "signature"]
    if not sig:
        found.append(make("layout-signature-missing", "落款", "文末没有找到落款（单位名称和日期）。"))
    else:
        for i in sig:
            el = paras[i]._p
            align = styles.alignment(el)
            if align not in ("right", "end") and styles.left_indent(el) < 4000:
                found.append(make("layout-signature-align", "落款", f"落款“{paras[i].text.strip()}”应右对齐（右空二字），当前为{_align_label(align)}。"))
        m = SIG_DATE.match(paras[sig[-1]].text)
        if m and (m.group(2).startswith("0") or m.group(3).startswith("0")):
            found.append(make("layout-signature-date", "落款", f"日期数字不应补零：{paras[sig[-1]].text.strip()}"))
    return found


def _first_cjk_font(styles: Styles, el: Any, runs: list[Any]) -> str | None:
    for r in runs:
        if CJK.search(_run_text(r)):
            return styles.east_asia_font(el, r)[0]
    return None


def _sizes(sizes: set) -> str:
    vals = sorted(s for s in sizes if s is not None)
    txt = "、".join(f"{v:g} 磅" for v in vals)
    if None in sizes:
        txt = (txt + "、" if txt else "") + "未设置"
    return txt or "未设置"


def _align_label(align: str | None) -> str:
    return {"left": "左对齐", "start": "左对齐", "center": "居中", "both": "两端对齐", "distribute": "分散对齐", None: "默认（左对齐）"}.get(align, str(align))


# ---------------------------------------------------------------- footers and page numbers


def _has_page_field(el: Any) -> bool:
    for fs in el.iter(qn("w:fldSimple")):
        if "PAGE" in (fs.get(qn("w:instr")) or "").upper().split():
            return True
    for it in el.iter(qn("w:instrText")):
        if re.search(r"\bPAGE\b", (it.text or "").upper()):
            return True
    return False


def check_footers(document: Any, styles: Styles) -> list[Finding]:
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
    for label, ft, want in (("页脚", odd, ("right", "end")), ("页脚（偶数页）", sec.even_page_footer if even_odd else None, ("left", "start"))):
        if ft is None or ft.is_linked_to_previous:
            continue
        el = ft._element
        if not _has_page_field(el):
            continue
        sizes = set()
        text = ""
        aligns = set()
        for p in el.iter(qn("w:p")):
            ptext = "".join(t.text or "" for t in p.iter(qn("w:t")))
            has_field = _has_page_field(p)
            if not (ptext.strip() or has_field):
                continue
            text += ptext
            ppr = p.find(qn("w:pPr"))
            jc = ppr.find(qn("w:jc")) if ppr is not None else None
            aligns.add(jc.get(qn("w:val")) if jc is not None else _style_align(styles, p))
            for r in p.iter(qn("w:r")):
                rpr = r.find(qn("w:rPr"))
                sz = rpr.find(qn("w:sz")) if rpr is not None else None
                if sz is not None:
                    sizes.add(int(sz.get(qn("w:val"))) / 2)
                else:
                    sizes.add(_style_size(styles, p))
        if sizes and sizes != {14.0}:
            found.append(make("layout-page-number-size", label, f"页码字号应为四号（14 磅），当前为 {_sizes(sizes)}。"))
        if text.count("—") < 2 and text.count("-") < 2:
            found.append(make("layout-page-number-format", label, "页码应写作“— 1 —”（数字两侧各一条一字线）。"))
        if aligns and not aligns <= set(want):
            side = "右" if "right" in want else "左"
            found.append(make("layout-page-number-align", label, f"{'单' if side == '右' else '双'}页码应居{side}（空一字）。"))
    return found


def _style_align(styles: Styles, p_el: Any) -> str | None:
    ppr_style = p_el.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    st = styles.by_id.get(ppr_style.get(qn("w:val"))) if ppr_style is not None else styles.default_para
    for s in styles.chain(st):
        jc = s.find(qn("w:pPr") + "/" + qn("w:jc"))
        if jc is not None:
            return jc.get(qn("w:val"))
    return None


def _style_size(styles: Styles, p_el: Any) -> float | None:
    ppr_style = p_el.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    st = styles.by_id.get(ppr_style.get(qn("w:val"))) if ppr_style is not None else styles.default_para
    layers = [s.find(qn("w:rPr")) for s in styles.chain(st)] + [styles.rpr_default]
    for rpr in layers:
        if rpr is None:
            continue
        sz = rpr.find(qn("w:sz"))
        if sz is not None:
            return int(sz.get(qn("w:val"))) / 2
    return None


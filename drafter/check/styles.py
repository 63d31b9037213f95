"""The effective formatting of a .docx paragraph or run, for the layout rules of `drafter check`.

Reads through the style chain (run → character style → paragraph style →
default style → docDefaults), because a draft may set fonts on styles, on
runs, or both.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn


class Styles:
    """The styles part of a document, resolved for one paragraph or run at a time."""

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

    # -- a footer paragraph's style alone (footers are checked without their direct formatting)
    def _para_style(self, p_el: Any) -> Any:
        ppr_style = p_el.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        return self.by_id.get(ppr_style.get(qn("w:val"))) if ppr_style is not None else self.default_para

    def style_alignment(self, p_el: Any) -> str | None:
        for s in self.chain(self._para_style(p_el)):
            jc = s.find(qn("w:pPr") + "/" + qn("w:jc"))
            if jc is not None:
                return jc.get(qn("w:val"))
        return None

    def style_size_pt(self, p_el: Any) -> float | None:
        layers = [s.find(qn("w:rPr")) for s in self.chain(self._para_style(p_el))] + [self.rpr_default]
        for rpr in layers:
            if rpr is None:
                continue
            sz = rpr.find(qn("w:sz"))
            if sz is not None:
                return int(sz.get(qn("w:val"))) / 2
        return None


def run_text(r_el: Any) -> str:
    return "".join(t.text or "" for t in r_el.iter(qn("w:t")))


def text_runs(p: Any) -> list[Any]:
    """The runs of a python-docx paragraph that carry visible text."""
    return [r for r in p._p.iter(qn("w:r")) if run_text(r).strip()]

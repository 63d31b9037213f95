"""Turn the cleaned lines of one document into a tree of Sections and Paragraphs.

Levels are inferred from the *relative* order of marker families in a
document, never from the marker alone:

* the top family of a document is the biggest numbered family it uses
  (一、 > （一） > 1. > （1） > ①); its items are level 1;
* an unnumbered heading (「存在问题：」, a .docx heading style, an embedded
  report title) is level 1 too; when such headings come first, the numbered
  families start at level 2 below them;
* a family that is not open yet becomes the next deeper level, except a slip
  that continues an open level's count (「（1）」 then 「（二）」 = siblings);
* a missing 一、 (the document starts with （一） and later has 二、) is an
  implicit level-1 section with no heading;
* line-initial and inline 一是/二是 items are leaf children of the current section.

A numbered line is split into heading and body (headings.split_heading): a
heading-only line is a section heading, a 「heading。body」 line is a heading
plus one paragraph, and a long numbered paragraph is a section with no heading
whose only paragraph is the text (heading None, marker kept).

Paragraphs before the first heading form the opening section (heading None);
an unheaded paragraph that opens a problems/plans part (「虽然取得了一定成效，但…」),
a final wrap-up sentence (closing) and a final date/unit block (signature) become
level-1 sections of their own. Canonical labels are set later (ingest.sections),
except for those lifted sections, whose label comes from the rule that lifted them.
"""

from __future__ import annotations

from drafter.datafiles import read_table

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.ingest.headings import split_heading, split_inline_items
from drafter.ingest.lines import Line
from drafter.models import CLOSING, OPENING, PLANS, SIGNATURE, Paragraph, Section
from drafter.numbering import Marker, parse_marker
from drafter.paths import data_file

# Biggest to smallest; "hint" (.docx heading style) and "plain" are handled apart.
FAMILY_RANK = {"cn": 0, "cnp": 1, "num": 2, "nump": 3, "circ": 4}
_BRACKETED = {"cnp", "nump"}
_SENTENCE_PUNCT = re.compile(r"[。；;！？!?，,]")


@dataclass(frozen=True)
class StructureSettings:
    max_heading_only: int
    max_b_heading: int
    max_single_sentence_heading: int
    unnumbered_max: int
    heading_rules: tuple[tuple[str, re.Pattern, re.Pattern | None], ...]
    paragraph_rules: tuple[tuple[str, re.Pattern, re.Pattern | None], ...]
    closing: re.Pattern
    closing_plan_like: re.Pattern
    signature_date: re.Pattern
    signature_name_max: int
    signature_name: re.Pattern
    embedded_title: re.Pattern


@lru_cache(maxsize=1)
def load_settings() -> StructureSettings:

    raw = read_table(data_file("sections.yaml"))
    st = raw.get("structure") or {}

    def rules(key: str):
        out = []
        for r in raw.get(key) or []:
            out.append((r["label"], re.compile(r["pattern"]),
                        re.compile(r["unless"]) if r.get("unless") else None,
                        re.compile(r["requires"]) if r.get("requires") else None))
        return tuple(out)

    closing = raw.get("closing") or {}
    sig = raw.get("signature") or {}
    return StructureSettings(
        max_heading_only=int(st.get("max_heading_only", 40)),
        max_b_heading=int(st.get("max_b_heading", 24)),
        max_single_sentence_heading=int(st.get("max_single_sentence_heading", 60)),
        unnumbered_max=int(raw.get("unnumbered_heading_max_chars", 16)),
        heading_rules=tuple((lab, p, u) for lab, p, u, _ in rules("heading_rules")),
        paragraph_rules=tuple((lab, p, req) for lab, p, _, req in rules("paragraph_rules")),
        closing=re.compile(closing.get("pattern", r"^$^")),
        closing_plan_like=re.compile(closing.get("plan_like", r"^$^")),
        signature_date=re.compile(sig.get("date", r"^$^")),
        signature_name_max=int(sig.get("name_max_chars", 30)),
        signature_name=re.compile(sig.get("name", r"^$^")),
        embedded_title=re.compile(st.get("embedded_title", r"^$^")),
    )


def heading_rule_label(text: str, settings: StructureSettings | None = None) -> str | None:
    """Label of the first keyword rule matching a heading text, else None."""
    s = settings or load_settings()
    for label, pattern, unless in s.heading_rules:
        if pattern.search(text) and not (unless and unless.search(text)):
            return label
    return None


# ---------------------------------------------------------------- items


@dataclass
class _Item:
    kind: str                 # "heading" (opens a section) | "para"
    family: str | None        # cn cnp num nump circ | plain | hint | shi | None
    marker: str | None
    ordinal: int
    heading: str | None
    body: str | None
    line: Line
    level: int = 0            # assigned later (headings)
    hint: int | None = None
    lift: str | None = None   # a paragraph that opens its own level-1 section with this label


def _strip_heading_punct(text: str) -> str:
    return text.strip().rstrip("。：:；;，,.").strip()


def _plain_heading(text: str, s: StructureSettings) -> str | None:
    """An unnumbered line that is a section heading (「存在问题：」「下一步工作」), else None."""
    t = text.strip()
    core = _strip_heading_punct(t)
    if not core or len(core) > s.unnumbered_max or _SENTENCE_PUNCT.search(core):
        return None
    if t[len(core):].strip() not in {"", "：", ":"}:
        return None
    if heading_rule_label(core, s) is not None or s.embedded_title.search(core):
        return core
    return None


def _items(lines: list[Line], s: StructureSettings) -> list[_Item]:
    items: list[_Item] = []
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        if ln.hint is not None and ln.hint >= 1:
            m = parse_marker(text)
            head = m.rest if m and m.family != "shi" and m.rest else text
            split = split_heading(head, max_heading_only=max(s.max_heading_only, 60), max_b_heading=s.max_b_heading)
            heading = split.heading if split.kind in "AB" and split.heading else _strip_heading_punct(head)
            body = split.body if split.kind == "B" else None
            items.append(_Item("heading", "hint", m.text if m and m.family != "shi" else None, m.ordinal if m else 0,
                               heading, body, ln, hint=ln.hint))
            continue
        m = parse_marker(text)
        if m is not None and m.family == "shi":
            items.append(_Item("para", "shi", None, m.ordinal, None, text, ln))
            continue
        if m is not None and m.rest:
            split = split_heading(m.rest, max_heading_only=s.max_heading_only, max_b_heading=s.max_b_heading)
            if split.kind == "A":
                items.append(_Item("heading", m.family, m.text, m.ordinal, _strip_heading_punct(split.heading or ""),
                                   None, ln))
            elif split.kind == "B":
                items.append(_Item("heading", m.family, m.text, m.ordinal, split.heading, split.body, ln))
            else:
                items.append(_Item("heading", m.family, m.text, m.ordinal, None, split.body, ln))
            continue
        if m is not None and not m.rest:
            # a marker alone on its line ("六、"): its heading is the next line
            items.append(_Item("heading", m.family, m.text, m.ordinal, "", None, ln))
            continue
        plain = _plain_heading(text, s)
        if plain is not None:
            items.append(_Item("heading", "plain", None, 0, plain, None, ln))
            continue
        items.append(_Item("para", None, None, 0, None, text, ln))
    # a marker alone takes the following short line as its heading
    out: list[_Item] = []
    for it in items:
        if out and out[-1].kind == "heading" and out[-1].heading == "" and it.kind == "para" and it.body \
                and len(it.body) <= s.max_heading_only and not _SENTENCE_PUNCT.search(it.body[:-1]):
            out[-1].heading = _strip_heading_punct(it.body)
            continue
        out.append(it)
    for k, it in enumerate(out):
        if it.kind == "heading" and it.heading == "":
            it.heading = None
        # a numbered single sentence followed by an unnumbered paragraph is a heading
        # (「（一）严格落实“四个不摘”…等帮扶机制。」 + its paragraph)
        if it.kind == "heading" and it.heading is None and it.body and k + 1 < len(out) \
                and out[k + 1].kind == "para" and out[k + 1].family is None \
                and len(it.body) <= s.max_single_sentence_heading and _single_sentence(it.body):
            it.heading, it.body = _strip_heading_punct(it.body), None
    return out


def _single_sentence(text: str) -> bool:
    core = text.strip().rstrip("。！？!?")
    return not re.search(r"[。；;！？!?：:]", core)


# ---------------------------------------------------------------- levels


def _assign_levels(items: list[_Item]) -> list[_Item]:
    """Set .level on heading items; may insert an implicit level-1 heading (missing 一、)."""
    if any(it.family == "hint" for it in items):
        return _assign_levels_hinted(items)
    heads = [it for it in items if it.kind == "heading" and it.family in FAMILY_RANK]
    top = min((FAMILY_RANK[it.family] for it in heads), default=None)
    top_family = next((f for f, r in FAMILY_RANK.items() if r == top), None)
    first_plain = next((i for i, it in enumerate(items) if it.kind == "heading" and it.family == "plain"), None)
    first_top = next((i for i, it in enumerate(items) if it.kind == "heading" and it.family == top_family), None)
    plain_first = first_plain is not None and (first_top is None or first_plain < first_top)
    base = 2 if plain_first else 1          # level of the top numbered family

    implicit_at = None
    if not plain_first and first_top is not None and items[first_top].ordinal > 1:
        first_num = next(i for i, it in enumerate(items) if it.kind == "heading" and it.family in FAMILY_RANK)
        if first_num < first_top:
            implicit_at = first_num

    out: list[_Item] = []
    stack: list[list] = []      # [family, last ordinal, item]; stack[k] is at level floor + k
    floor = 1
    prev_heading: _Item | None = None
    for i, it in enumerate(items):
        if i == implicit_at:
            ghost = _Item("heading", top_family, None, items[first_top].ordinal - 1, None, None, it.line, level=1)
            out.append(ghost)
            stack, floor, prev_heading = [[top_family, ghost.ordinal, ghost]], 1, ghost
        out.append(it)
        if it.kind != "heading":
            continue
        if it.family == "plain":
            it.level = 1
            stack, floor, prev_heading = [], 2, it
            continue
        fam, n = it.family, it.ordinal
        if fam == top_family:
            it.level = base
            stack, floor, prev_heading = [[fam, n, it]], base, it
            continue
        idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
        if idx is not None:
            # 「（1）深化…」 (heading only) directly followed by 「（1）积极…」: a child list, not a sibling
            if n == 1 and prev_heading is stack[idx][2] and prev_heading.heading and prev_heading.body is None \
                    and not _has_para_after(items, prev_heading, it):
                idx += 1
        else:
            if n > 1:
                lowest = 1 if stack and stack[0][0] == top_family else 0
                for k in range(lowest, len(stack)):
                    if stack[k][1] == n - 1 and ((stack[k][0] in _BRACKETED) == (fam in _BRACKETED)):
                        idx = k          # a slip that continues an open count: 「（1）」…「（二）」
                        break
            if idx is None:
                idx = len(stack)
        del stack[idx:]
        stack.append([fam, n, it])
        it.level = floor + idx
        prev_heading = it
    return out


def _has_para_after(items: list[_Item], head: _Item, until: _Item) -> bool:
    started = False
    for it in items:
        if it is head:
            started = True
            continue
        if it is until:
            return False
        if started and it.kind == "para":
            return True
    return False


def _assign_levels_hinted(items: list[_Item]) -> list[_Item]:
    """.docx with heading styles: styled lines give the levels; numbered lines nest below."""
    hinted = [it.hint for it in items if it.family == "hint"]
    low = min(hinted)
    current = 0
    stack: list[str] = []
    for it in items:
        if it.kind != "heading":
            continue
        if it.family == "hint":
            it.level = it.hint - low + 1
            current = it.level
            stack = []
            continue
        if it.family == "plain":
            it.level = 1
            current, stack = 1, []
            continue
        if it.family in stack:
            del stack[stack.index(it.family) + 1:]
        else:
            stack.append(it.family)
        it.level = current + stack.index(it.family) + 1 if current else stack.index(it.family) + 1
    return items


# ---------------------------------------------------------------- tree


def _new_paragraph(text: str, line: Line, offset: int = 0) -> Paragraph:
    return Paragraph(text=text, line=line.line_at(offset))


def _add_body(section: Section, text: str, line: Line, s: StructureSettings) -> None:
    """Add paragraph text to a section; ordered inline 一是/二是 items become leaf sections."""
    pieces = split_inline_items(text)
    if len(pieces) < 2:
        section.paragraphs.append(_new_paragraph(text, line))
        return
    offset = 0
    for piece in pieces:
        at = text.find(piece, offset)
        offset = max(at, offset)
        m = parse_marker(piece)
        if m is not None and m.family == "shi":
            section.children.append(_shi_section(m, line, section.level + 1, s, text_offset=offset))
        else:
            section.paragraphs.append(_new_paragraph(piece, line, offset))
        offset += len(piece)


def _shi_section(m: Marker, line: Line, level: int, s: StructureSettings, text_offset: int = 0) -> Section:
    rest = m.rest
    split = split_heading(rest, max_heading_only=0, max_b_heading=s.max_b_heading)
    ln = line.line_at(text_offset)
    sec = Section(heading=None, marker=m.text, level=level, line=ln)
    if split.kind == "B":
        sec.heading = split.heading
        sec.paragraphs.append(Paragraph(text=split.body, line=ln))
    else:
        sec.paragraphs.append(Paragraph(text=rest, line=ln))
    return sec


def build_sections(lines: list[Line]) -> list[Section]:
    """Level-1 sections of one document (opening first), from its cleaned body lines."""
    s = load_settings()
    items = _assign_levels(_items(lines, s))
    _mark_tail(items, s)
    roots: list[Section] = []
    path: list[Section] = []           # open sections, path[k].level == k + 1 (may skip levels)

    def current() -> Section | None:
        return path[-1] if path else None

    for it in items:
        if it.kind == "heading":
            sec = Section(heading=it.heading, marker=it.marker, level=it.level, line=it.line.line)
            while path and path[-1].level >= it.level:
                path.pop()
            if path:
                sec.level = max(it.level, path[-1].level + 1)
                path[-1].children.append(sec)
            else:
                sec.level = 1
                roots.append(sec)
            path.append(sec)
            if it.body:
                _add_body(sec, it.body, it.line, s)
            continue
        # a paragraph
        text = it.body or ""
        lifted = it.lift or _lift_label(text, roots, path, s)
        if lifted is not None:
            sec = Section(heading=None, marker=None, level=1, line=it.line.line, canonical=lifted,
                          confidence=1.0, rule="keyword")
            roots.append(sec)
            path = [sec]
        cur = current()
        if cur is None:
            cur = Section(heading=None, marker=None, level=1, line=it.line.line, canonical=OPENING,
                          confidence=1.0, rule="position")
            roots.append(cur)
            path = [cur]
        if it.family == "shi" and len(split_inline_items(text)) > 1:
            _add_body(cur, text, it.line, s)        # 「一是…。二是…。三是…」 on one line: three items
        elif it.family == "shi":
            m = parse_marker(text)
            cur.children.append(_shi_section(m, it.line, cur.level + 1, s))
        else:
            _add_body(cur, text, it.line, s)
    return roots


def _lift_label(text: str, roots: list[Section], path: list[Section], s: StructureSettings) -> str | None:
    """Label of a new unheaded level-1 section opened by this paragraph, else None."""
    if not roots or roots[-1].canonical == OPENING and roots[-1] is (path[0] if path else None) and len(roots) == 1:
        return None
    top = path[0] if path else roots[-1]
    if top.canonical is not None and top.rule == "keyword" and top.heading is None:
        return None          # already inside a lifted section
    if top.heading and heading_rule_label(top.heading, s) in {"problems", "problems_plans", "plans"}:
        return None
    for label, pattern, requires in s.paragraph_rules:
        if pattern.search(text) and (requires is None or requires.search(text)):
            return label
    return None


def _mark_tail(items: list[_Item], s: StructureSettings) -> None:
    """Signature block (date, unit name) and closing sentence at the end of a document."""
    k = len(items)
    sig_start = None
    while k > 0:
        it = items[k - 1]
        t = (it.body or "").strip()
        if it.kind != "para" or it.family is not None:
            break
        is_date = s.signature_date.match(t) is not None
        is_name = (sig_start is not None and len(t) <= s.signature_name_max and not _SENTENCE_PUNCT.search(t)
                   and not t.endswith("。") and s.signature_name.search(t) is not None)
        if not (is_date or is_name):
            break
        k -= 1
        sig_start = k
    if sig_start is not None:
        items[sig_start].lift = SIGNATURE
    # closing: the last paragraph, when it wraps up and is not the only content of its heading
    if k == 0:
        return
    last = items[k - 1]
    if last.kind != "para" or last.family is not None or not s.closing.search(last.body or ""):
        return
    prev = items[k - 2] if k >= 2 else None
    if prev is None or (prev.kind == "heading" and not prev.body):
        return
    top = next((it for it in reversed(items[: k - 1]) if it.kind == "heading" and it.level == 1), None)
    top_label = heading_rule_label(top.heading, s) if top is not None and top.heading else None
    plan_like = s.closing_plan_like.search(last.body or "") is not None
    if top_label in {"plans", "problems_plans", "problems"}:
        if plan_like and top_label != "problems":
            return
        after_top = items[items.index(top) + 1: k - 1]
        if not any(it.family is not None and it.family != "plain" for it in after_top):
            return                  # the plans part is prose: the sentence belongs to it
    last.lift = PLANS if plan_like else CLOSING


def iter_sections(sections: list[Section]):
    """All sections of a tree, depth first, in document order."""
    for sec in sections:
        yield sec
        yield from iter_sections(sec.children)


def iter_paragraphs(sections: list[Section]):
    """(section, paragraph) pairs in document order (a section's paragraphs before its children)."""
    for sec in iter_sections(sections):
        for p in sec.paragraphs:
            yield sec, p

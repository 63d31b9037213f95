"""The GB/T 9704-2012 layout of a draft, read from drafter/data/layout.yaml, and its geometry.

    spec = load_layout()                  # typed and cached; a broken table names the file and key
    spec.margins.top_mm                   # 37
    spec.fonts["body"].face               # 仿宋_GB2312
    spec.body.size_pt                     # 16 (三号)
    spec.cite("margins")                  # "GB/T 9704-2012 5.2.1"
    text_width("2026年")                  # 3.0 characters
    title_lines(title, unit)              # a long title broken into lines of whole words
    signature_indents(name, date)         # right indents of the 落款 lines, in characters (txt)
    signature_positions(name, date)       # name's right indent, date's left indent, in pt (.docx)
    spec.chars_per_line()                 # 28: 3号 characters a line with the grid's character spacing

The one home of the layout numbers: the .docx writer, the txt writer and the
checker all read them here. Imports no writer and no checker.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, NamedTuple

# Word units: twips (1/20 pt) for lengths, half-points for font sizes, EMU in python-docx.
TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_MM = 36000
PT_PER_MM = 72 / 25.4


def twips(mm: float) -> int:
    """A length in millimetres as whole twips."""
    return round(mm * TWIPS_PER_MM)


# ---------------------------------------------------------------- the table


class Paper(NamedTuple):
    name: str
    width_mm: float
    height_mm: float
    clause: str


class Margins(NamedTuple):
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    tolerance_mm: float
    header_mm: float
    footer_mm: float
    clause: str


class TypeArea(NamedTuple):
    width_mm: float
    height_mm: float
    clause: str


class Grid(NamedTuple):
    lines_per_page: int
    chars_per_line: int
    char_spacing_pt: float     # added to each character's advance in the 3号 styles (negative: tighter)
    clause: str


class LinePitch(NamedTuple):
    pt: float
    min_pt: float
    max_pt: float
    clause: str


class Font(NamedTuple):
    role: str
    face: str
    alt: str
    panose: str
    family: str
    pitch: str
    match: tuple[str, ...]     # words the checker accepts in a face name for this role
    clause: str


class Title(NamedTuple):
    size: str                  # 字号 name
    size_pt: float
    font: str                  # role in fonts
    align: str
    blank_lines_after: int
    slack_chars: float
    digit_width: float
    clause: str


class Body(NamedTuple):
    size: str
    size_pt: float
    font: str
    first_line_indent_chars: float
    widow_control: bool
    indent_tolerance_chars: float
    indent_tolerance_pt: float
    clause: str


class Headings(NamedTuple):
    size: str
    size_pt: float
    fonts: dict[int, str]      # level 1-4 -> role in fonts
    clause: str


class Signature(NamedTuple):
    blank_lines_before: int
    name_right_chars: float
    date_shift_chars: float
    digit_width: float
    align: str
    size: str
    size_pt: float
    font: str
    clause: str


class DateRule(NamedTuple):
    zero_padding: bool
    clause: str


class PageNumber(NamedTuple):
    size: str
    size_pt: float
    font: str
    format: str                # "— {n} —"
    odd_align: str
    even_align: str
    indent_chars: float
    line_factor: float
    clause: str

    @property
    def prefix(self) -> str:
        return self.format.split("{n}", 1)[0]

    @property
    def suffix(self) -> str:
        return self.format.split("{n}", 1)[1]


@dataclass(frozen=True, eq=False)     # hashed by identity: writers cache what they derive from it
class Layout:
    standard: str
    sizes: dict[str, float]    # 字号 name -> pt
    paper: Paper
    margins: Margins
    type_area: TypeArea
    grid: Grid
    line_pitch: LinePitch
    fonts: dict[str, Font]
    title: Title
    body: Body
    headings: Headings
    signature: Signature
    date: DateRule
    page_number: PageNumber

    def clause(self, entry: str) -> str:
        """The clause of an entry of the table ("margins" -> "5.2.1"; fonts by role: "fonts.body")."""
        if entry.startswith("fonts."):
            return self.fonts[entry[len("fonts."):]].clause
        return getattr(self, entry).clause

    def cite(self, entry: str) -> str:
        """"GB/T 9704-2012 5.2.1" for an entry of the table."""
        return f"{self.standard} {self.clause(entry)}"

    def face(self, role: str) -> str:
        return self.fonts[role].face

    def size_label(self, name: str) -> str:
        """二号（22 磅）"""
        return f"{name}（{self.sizes[name]:g} 磅）"

    @property
    def title_chars_per_line(self) -> int:
        """Characters of the title size that fit on a line of the type area (156 mm at 2号: 20)."""
        return math.floor(self.type_area.width_mm * PT_PER_MM / self.title.size_pt)

    @property
    def body_advance_pt(self) -> float:
        """Advance of one 3号 character with the grid's character spacing (15.75 pt)."""
        return self.body.size_pt + self.grid.char_spacing_pt

    def chars_per_line(self, size_pt: float | None = None, spacing_pt: float | None = None) -> int:
        """Whole characters of size_pt (default 3号) with spacing_pt (default the grid's) on a
        line of the type area: 28 with the table's numbers, 27 without the spacing."""
        size = self.body.size_pt if size_pt is None else size_pt
        spacing = self.grid.char_spacing_pt if spacing_pt is None else spacing_pt
        return math.floor(self.type_area.width_mm * PT_PER_MM / (size + spacing) + 1e-9)


class _Reader:
    """Typed reads from the raw table; a missing or mistyped value is named (file and key)."""

    def __init__(self, raw: Any, path: Any):
        from drafter.errors import DrafterError

        if not isinstance(raw, Mapping):
            raise DrafterError(f"数据表 {path} 的顶层应是键值对。")
        self.raw, self.path = raw, path

    def fail(self, key: str, what: str):
        from drafter.errors import DrafterError

        raise DrafterError(f"数据表 {self.path} 中的“{key}”{what}。",
                           hint="请对照 GB/T 9704-2012 检查该项（修改前可先备份）。")

    def section(self, name: str) -> Mapping:
        sec = self.raw.get(name)
        if not isinstance(sec, Mapping):
            self.fail(name, "缺失或不是键值对")
        return sec

    def value(self, sec: Mapping, name: str, key: str, kind: type | tuple) -> Any:
        v = sec.get(key)
        if isinstance(v, bool) and kind is not bool or not isinstance(v, kind):
            self.fail(f"{name}.{key}" if name else key, "缺失或类型不对")
        return v

    def number(self, sec: Mapping, name: str, key: str) -> float:
        return self.value(sec, name, key, (int, float))

    def text(self, sec: Mapping, name: str, key: str) -> str:
        return str(self.value(sec, name, key, (str, int, float)))

    def size(self, sec: Mapping, name: str, sizes: Mapping[str, float]) -> tuple[str, float]:
        size = self.text(sec, name, "size")
        if size not in sizes:
            self.fail(f"{name}.size", f"“{size}”不在 sizes 中")
        return size, sizes[size]

    def role(self, sec: Mapping, name: str, key: str, fonts: Mapping[str, Font]) -> str:
        role = self.text(sec, name, key)
        if role not in fonts:
            self.fail(f"{name}.{key}", f"“{role}”不在 fonts 中")
        return role


def _fonts(r: _Reader) -> dict[str, Font]:
    out = {}
    for role, sec in r.section("fonts").items():
        where = f"fonts.{role}"
        if not isinstance(sec, Mapping):
            r.fail(where, "不是键值对")
        match = sec.get("match") or []
        out[str(role)] = Font(str(role), r.text(sec, where, "face"), r.text(sec, where, "alt"),
                              r.text(sec, where, "panose"), r.text(sec, where, "family"),
                              r.text(sec, where, "pitch"), tuple(str(m) for m in match),
                              r.text(sec, where, "clause"))
    return out


def _parse(raw: Any, path: Any) -> Layout:
    r = _Reader(raw, path)
    sizes = {str(k): v for k, v in r.section("sizes").items()}
    for k, v in sizes.items():
        r.number(sizes, "sizes", k)
    fonts = _fonts(r)
    s = {name: r.section(name) for name in ("paper", "margins", "type_area", "grid", "line_pitch", "title",
                                             "body", "headings", "signature", "date", "page_number")}
    n, t = r.number, r.text
    paper, mar, area, grid, pitch = s["paper"], s["margins"], s["type_area"], s["grid"], s["line_pitch"]
    title, body, head, sig, date, pno = (s["title"], s["body"], s["headings"], s["signature"], s["date"],
                                         s["page_number"])
    head_fonts = r.value(head, "headings", "fonts", Mapping)
    if sorted(head_fonts) != [1, 2, 3, 4]:
        r.fail("headings.fonts", "应为 1–4 级标题各一种字体")
    if "{n}" not in t(pno, "page_number", "format"):
        r.fail("page_number.format", "中应有页码位置 {n}")
    return Layout(
        standard=t(r.raw, "", "standard"),
        sizes=sizes,
        paper=Paper(t(paper, "paper", "name"), n(paper, "paper", "width_mm"), n(paper, "paper", "height_mm"),
                    t(paper, "paper", "clause")),
        margins=Margins(*(n(mar, "margins", k) for k in ("top_mm", "bottom_mm", "left_mm", "right_mm",
                                                         "tolerance_mm", "header_mm", "footer_mm")),
                        t(mar, "margins", "clause")),
        type_area=TypeArea(n(area, "type_area", "width_mm"), n(area, "type_area", "height_mm"),
                           t(area, "type_area", "clause")),
        grid=Grid(n(grid, "grid", "lines_per_page"), n(grid, "grid", "chars_per_line"),
                  n(grid, "grid", "char_spacing_pt"), t(grid, "grid", "clause")),
        line_pitch=LinePitch(n(pitch, "line_pitch", "pt"), n(pitch, "line_pitch", "min_pt"),
                             n(pitch, "line_pitch", "max_pt"), t(pitch, "line_pitch", "clause")),
        fonts=fonts,
        title=Title(*r.size(title, "title", sizes), r.role(title, "title", "font", fonts), t(title, "title", "align"),
                    n(title, "title", "blank_lines_after"), n(title, "title", "slack_chars"),
                    n(title, "title", "digit_width"), t(title, "title", "clause")),
        body=Body(*r.size(body, "body", sizes), r.role(body, "body", "font", fonts),
                  n(body, "body", "first_line_indent_chars"), r.value(body, "body", "widow_control", bool),
                  *(n(body, "body", k) for k in ("indent_tolerance_chars", "indent_tolerance_pt")),
                  t(body, "body", "clause")),
        headings=Headings(*r.size(head, "headings", sizes),
                          {int(k): r.role(head_fonts, "headings.fonts", k, fonts) for k in head_fonts},
                          t(head, "headings", "clause")),
        signature=Signature(*(n(sig, "signature", k) for k in ("blank_lines_before", "name_right_chars",
                                                                "date_shift_chars", "digit_width")),
                            t(sig, "signature", "align"), *r.size(sig, "signature", sizes), r.role(sig, "signature", "font", fonts),
                            t(sig, "signature", "clause")),
        date=DateRule(r.value(date, "date", "zero_padding", bool), t(date, "date", "clause")),
        page_number=PageNumber(*r.size(pno, "page_number", sizes), r.role(pno, "page_number", "font", fonts),
                               t(pno, "page_number", "format"), t(pno, "page_number", "odd_align"),
                               t(pno, "page_number", "even_align"), n(pno, "page_number", "indent_chars"),
                               n(pno, "page_number", "line_factor"), t(pno, "page_number", "clause")),
    )


@lru_cache(maxsize=1)
def load_layout() -> Layout:
    """drafter/data/layout.yaml as a typed Layout, read once per process."""
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    path = data_file("layout.yaml")
    return _parse(read_table(path), path)


# ---------------------------------------------------------------- text on the page

# (Characters that may not appear on the page are removed by textutil.strip_controls.)

def text_width(text: str) -> float:
    """Width in characters: full-width (CJK) 1, half-width (digits, Latin) 0.5."""
    w = 0.0
    for ch in text:
        w += 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5
    return w


def glyph_width(text: str, digit_width: float = 0.5) -> float:
    """Width in characters counting half-width characters (digits, Latin) at digit_width:
    a conservative measure where a face may draw digits wider than half a character."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else digit_width for ch in text)


# Word boundaries of a title, by preference: after the unit name, before 及 (…工作总结 /
# 及2027年工作思路), then after "2026年", before 关于/工作总结/工作思路, after a level word of the name.
_TITLE_BREAKS = ((1, re.compile(r"(?=及)")),
                 (2, re.compile(r"(?<=\d年)|(?=关于)")),
                 (3, re.compile(r"(?=(?:工作总结|工作思路|工作要点|工作计划))")),
                 (3, re.compile(r"(?<=[省市州盟县区旗镇乡])(?!$)")))


def _title_cuts(title: str, unit: str) -> dict[int, int]:
    cuts: dict[int, int] = {}
    if unit and title.startswith(unit) and 0 < len(unit) < len(title):
        cuts[len(unit)] = 0
    for rank, rx in _TITLE_BREAKS:
        for m in rx.finditer(title):
            if 0 < m.start() < len(title):
                cuts.setdefault(m.start(), rank)
    return cuts


def title_lines(title: str, unit: str, per_line: float | None = None, *, exact: bool = False) -> list[str]:
    """Break a long title into lines of whole words (GB/T 9704 7.3.1: 词意完整), each line
    at most per_line (default: the characters of the title size on a line of the type
    area) less the table's slack, digits counted wide: after the unit name where that
    fits, else before "及", else at another word boundary (two lines before three,
    the more even the better); a title with no such break is cut where a line is full.
    exact: widths are exact (a monospaced text file): no slack, digits half a character."""
    lay = load_layout()
    if per_line is None:
        per_line = lay.title_chars_per_line
    usable = per_line - (0 if exact else lay.title.slack_chars)
    digit = 0.5 if exact else lay.title.digit_width

    def width(text: str) -> float:
        return glyph_width(text, digit)

    def fits(text: str) -> bool:          # a line of 1-2 characters reads as a broken title
        return 3 <= len(text) and width(text) <= usable

    if width(title) <= usable:
        return [title]
    cuts = _title_cuts(title, unit)
    best: tuple | None = None
    for i, rank in cuts.items():
        parts = [title[:i], title[i:]]
        if all(fits(p) for p in parts):
            key = (rank, abs(width(parts[0]) - width(parts[1])))
            if best is None or key < best[0]:
                best = (key, parts)
    if best is None:
        ordered = sorted(cuts)
        for a in ordered:
            for b in ordered:
                if b <= a:
                    continue
                parts = [title[:a], title[a:b], title[b:]]
                if all(fits(p) for p in parts):
                    ws = [width(p) for p in parts]
                    key = (cuts[a] + cuts[b], max(ws) - min(ws))
                    if best is None or key < best[0]:
                        best = (key, parts)
    if best is not None:
        return best[1]
    lines, line = [], ""
    for ch in title:                  # no boundary fits: fill each line, never a lone character last
        if line and width(line + ch) > usable:
            lines.append(line)
            line = ""
        line += ch
    if lines and len(line) < 3:
        move = 3 - len(line)
        line = lines[-1][-move:] + line
        lines[-1] = lines[-1][:-move]
    return lines + [line]


def signature_positions(name: str, date: str) -> tuple[float, float]:
    """Where the 落款 lines go, in points: the name line's right indent, and the date
    line's left indent (the date is set flush left from there, so where it starts
    does not depend on how wide a face draws its digits; GB/T 9704 7.3.5.2): the
    name 右空二字 and the date's first character 2 characters right of the name's
    first character; a date too long for that ends 2 characters from the right
    (digits counted wide) and the name moves left to keep the 2 characters."""
    lay = load_layout()
    sig = lay.signature
    adv = sig.size_pt + lay.grid.char_spacing_pt
    full = lay.type_area.width_mm * PT_PER_MM
    right, shift = sig.name_right_chars * adv, sig.date_shift_chars * adv
    nw = glyph_width(name, sig.digit_width) * adv
    dw = glyph_width(date, sig.digit_width) * adv
    if not date:
        return right, 0.0
    if nw >= dw + shift:
        return right, full - right - nw + shift
    date_left = full - right - dw
    return full - (date_left - shift) - nw, date_left


def signature_indents(name: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of the 落款 name and date lines (GB/T 9704 7.3.5.2):
    the name 右空二字, the date's first character 2 characters right of the name's;
    if the date is then too long, the date 右空二字 and the name moves left."""
    sig = load_layout().signature
    right, shift = sig.name_right_chars, sig.date_shift_chars
    nw, dw = text_width(name), text_width(date)
    if not date:
        return float(right), 0.0
    if nw >= dw + shift:
        return float(right), right + nw - shift - dw
    return right + shift + dw - nw, float(right)

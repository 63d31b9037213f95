"""Join the hard line breaks of text copied from a PDF (settings in cleaning.yaml, hard_wraps).

A PDF cuts every line of a paragraph at the same width, mid-sentence:

    2023年，某某镇在县委、县政府的坚强领导下，坚持以习近平新时代中国
    特色社会主义思想为指导，全面贯彻落实党的二十大精神……

The wrap width is found from the file itself (many lines of about the same display
width, most of them ending without sentence punctuation); a file without it is left
as it is. Joined lines keep a map back to their source lines (Line.offsets).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from drafter.datafiles import read_table
from drafter.numbering import parse_marker
from drafter.ingest.lines import Line
from drafter.paths import data_file

RULE_ID = "hard_wrap"


@dataclass(frozen=True)
class WrapSettings:
    min_lines: int
    share: float
    tolerance: int
    min_width: int
    max_width: int
    unfinished_share: float
    max_blank_gap: int
    sentence_end: re.Pattern


@lru_cache(maxsize=1)
def load_settings() -> WrapSettings:
    raw = (read_table(data_file("cleaning.yaml")) or {}).get("hard_wraps") or {}
    return WrapSettings(
        min_lines=int(raw.get("min_lines", 5)),
        share=float(raw.get("share", 0.25)),
        tolerance=int(raw.get("tolerance", 4)),
        min_width=int(raw.get("min_width", 30)),
        max_width=int(raw.get("max_width", 160)),
        unfinished_share=float(raw.get("unfinished_share", 0.6)),
        max_blank_gap=int(raw.get("max_blank_gap", 3)),
        sentence_end=re.compile(raw.get("sentence_end", r"[。！？；：]$")),
    )


def display_width(text: str) -> int:
    """Columns on a page: CJK and full-width (and ambiguous, “” …) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def wrap_width(lines: list[Line], s: WrapSettings | None = None) -> int | None:
    """The width at which the file's lines were cut, or None when it is not hard-wrapped."""
    s = s or load_settings()
    texts = [ln.text.strip() for ln in lines if not ln.blank]
    if len(texts) < s.min_lines:
        return None
    widths = [display_width(t) for t in texts]
    need = max(s.min_lines, s.share * len(texts))
    for width in sorted(set(widths), reverse=True):
        if width > s.max_width:
            continue                  # longer than any printed line: paragraphs, not wraps
        if width < s.min_width:
            return None
        band = [t for t, w in zip(texts, widths) if width - s.tolerance <= w <= width]
        if len(band) >= need:
            unfinished = sum(1 for t in band if not s.sentence_end.search(t))
            return width if unfinished >= s.unfinished_share * len(band) else None
    return None


def _starts_block(line: Line, indented_paragraphs: bool) -> bool:
    """A line that cannot continue the previous one: a heading marker, or an indented start."""
    m = parse_marker(line.text.strip())
    if m is not None and m.family != "shi":
        return True
    return indented_paragraphs and bool(line.indent.strip(">＞"))


def join_hard_wraps(lines: list[Line]) -> list[Line]:
    """Lines of a hard-wrapped file joined back into paragraphs (others unchanged)."""
    s = load_settings()
    width = wrap_width(lines, s)
    if width is None:
        return lines
    nonblank = [ln for ln in lines if not ln.blank]
    indented = sum(1 for ln in nonblank if ln.indent.strip(">＞"))
    # the file marks paragraph starts by indentation when some, but not most, lines are indented
    indented_paragraphs = 0 < indented < 0.5 * len(nonblank)
    out: list[Line] = []
    current: Line | None = None          # the line being extended
    gap: list[Line] = []                 # blank lines since `current`
    for ln in lines:
        if ln.blank:
            if current is not None and len(gap) < s.max_blank_gap:
                gap.append(ln)
                continue
            _flush(out, current, gap)
            current, gap = None, []
            out.append(ln)
            continue
        if current is not None and _wrapped(current, width, s) and not _starts_block(ln, indented_paragraphs):
            for blank in gap:                 # a page break between the parts (its page number removed)
                current.rules.update(blank.rules)
            _append(current, ln)
            gap = []
            continue
        _flush(out, current, gap)
        current, gap = ln, []
    _flush(out, current, gap)
    return out


def _wrapped(line: Line, width: int, s: WrapSettings) -> bool:
    """The last physical part of line reaches the wrap width and does not end a sentence."""
    text = line.text.rstrip()
    tail = text[line.offsets[-1][0]:] if line.offsets else text
    return display_width(tail.strip()) >= width - s.tolerance and not s.sentence_end.search(text)


def _append(line: Line, nxt: Line) -> None:
    if not line.offsets:
        line.offsets = [(0, line.line)]
    line.offsets.append((len(line.text), nxt.line))
    line.text += nxt.text.strip()
    line.rules.update(nxt.rules)
    line.rules[RULE_ID] += 1


def _flush(out: list[Line], current: Line | None, gap: list[Line]) -> None:
    if current is not None:
        out.append(current)
    out.extend(gap)


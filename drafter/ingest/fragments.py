"""Undo page-fragmentation and flattening of scraped texts (settings in cleaning.yaml).

* page fragments: "1、…公" / "2、共资源…" → one line "…公共资源…"
* flattened pages: one very long line holding headings and paragraphs separated
  by spaces → one Line per heading/paragraph, each mapped back to its source line.
"""

from __future__ import annotations

from drafter.datafiles import read_table

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from drafter.ingest.lines import Line
from drafter.numbering import LEVEL1_AFTER_SPACE, MARKER_AHEAD, MARKER_ONLY
from drafter.paths import data_file


@dataclass(frozen=True)
class FragmentSettings:
    prefix: re.Pattern
    min_run: int
    min_chars: int
    flat_min_chars: int
    flat_min_markers: int
    inline_marker: re.Pattern


@lru_cache(maxsize=1)
def load_settings() -> FragmentSettings:

    raw = read_table(data_file("cleaning.yaml"))
    frag = raw.get("fragments") or {}
    flat = raw.get("flattened") or {}
    return FragmentSettings(
        prefix=re.compile(frag.get("prefix", r"^(\d{1,3})、\s?")),
        min_run=int(frag.get("min_run", 5)),
        min_chars=int(frag.get("min_chars", 200)),
        flat_min_chars=int(flat.get("min_chars", 300)),
        flat_min_markers=int(flat.get("min_inline_markers", 2)),
        inline_marker=re.compile(flat.get("inline_marker", LEVEL1_AFTER_SPACE)),
    )


def _find_runs(lines: list[Line], s: FragmentSettings) -> list[list[int]]:
    """Index lists of fragment runs: consecutive numbers 1, 2, 3 … on non-blank lines."""
    runs: list[list[int]] = []
    current: list[int] = []
    expected = 1
    for i, ln in enumerate(lines):
        if ln.blank:
            continue
        m = s.prefix.match(ln.text)
        if m and int(m.group(1)) == expected:
            current.append(i)
            expected += 1
            continue
        if len(current) >= s.min_run:
            runs.append(current)
        current, expected = [], 1
        if m and int(m.group(1)) == 1:
            current, expected = [i], 2
    if len(current) >= s.min_run:
        runs.append(current)
    good = []
    for run in runs:
        lengths = sorted(len(lines[i].text) for i in run)
        median = lengths[len(lengths) // 2]
        unfinished = sum(1 for i in run if not lines[i].text.rstrip().endswith(("。", "！", "？", "”")))
        if median >= s.min_chars and unfinished >= len(run) / 2:
            good.append(run)
    return good


def rejoin_fragments(lines: list[Line]) -> list[Line]:
    """Join page-fragment runs into one Line each (others unchanged)."""
    s = load_settings()
    runs = _find_runs(lines, s)
    if not runs:
        return lines
    drop: set[int] = set()
    for run in runs:
        first = lines[run[0]]
        parts, offsets, rules = [], [], Counter()
        pos = 0
        for i in run:
            ln = lines[i]
            body = s.prefix.sub("", ln.text, count=1)
            offsets.append((pos, ln.line))
            parts.append(body)
            pos += len(body)
            rules.update(ln.rules)
        rules["page_fragments"] += len(run)
        first.text = "".join(parts)
        first.offsets = offsets
        first.rules = rules
        drop.update(run[1:])
    return [ln for i, ln in enumerate(lines) if i not in drop]


_WS = re.compile(r"[ \t\u3000\u2002\u2003\u00a0]+")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9.%]")
_SENTENCE_END = set("。；！？：")
_SENTENCE_PUNCT = re.compile(r"[。；！？]")
_CLAUSE_PUNCT = re.compile(r"[。；！？：，、]")


def split_flattened(lines: list[Line]) -> list[Line]:
    """Cut very long lines that hold several headings/paragraphs back into lines."""
    s = load_settings()
    out: list[Line] = []
    for ln in lines:
        text = ln.text
        if len(text) < s.flat_min_chars or len(s.inline_marker.findall(text)) < s.flat_min_markers:
            out.append(ln)
            continue
        cuts = []
        last = 0
        for m in _WS.finditer(text):
            before = text[m.start() - 1] if m.start() > 0 else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if not before or not after:
                continue
            if _ASCII_ALNUM.match(before) and _ASCII_ALNUM.match(after):
                continue           # "PPP 模式", "20 万" keep
            piece = text[last:m.start()].strip()
            if MARKER_ONLY.match(piece):
                continue           # "六、 着力推动…": the marker belongs to what follows
            if (
                before in _SENTENCE_END
                or s.inline_marker.match(text, m.end()) is not None
                or MARKER_AHEAD.match(text, m.end()) is not None
                or (len(piece) <= 40 and not _CLAUSE_PUNCT.search(piece))
                or (len(piece) <= 40 and MARKER_AHEAD.match(piece) and not _SENTENCE_PUNCT.search(piece))
            ):
                cuts.append((m.start(), m.end()))
                last = m.end()
        if not cuts:
            out.append(ln)
            continue
        start = 0
        pieces = []
        for a, b in cuts:
            pieces.append((start, text[start:a]))
            start = b
        pieces.append((start, text[start:]))
        first = True
        for offset, piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            new = Line(piece, ln.line_at(offset), ln.indent if first else "", ln.hint if first else None)
            if first:
                new.rules = Counter(ln.rules)
                new.rules["flattened_text"] += 1
            first = False
            out.append(new)
    return out

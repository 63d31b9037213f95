"""Heading/body splitting of a marked line, and inline 一是/二是 items.

The markers themselves (一、 （一） 1、 1. （1） ① 一是 …) and their numerals are
in drafter/numbering.py (parse_marker, INLINE_ENUM, cn_to_int).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.numbering import INLINE_ENUM, cn_to_int

_TERMINATORS = re.compile(r"[。；;：:！？!?]")


@dataclass
class HeadingSplit:
    kind: str                # "A" heading only | "B" heading + body | "C" list item / paragraph
    heading: str | None      # heading text without marker and final punctuation
    body: str | None         # body text (B: after the heading; C: the whole text)


def split_heading(rest: str, *, max_heading_only: int = 40, max_b_heading: int = 24) -> HeadingSplit:
    """Classify the text after a marker.

    A: no terminator and ≤ 40 characters, or one final 。 and ≤ 30 characters without digits.
    B: the first clause (up to 。；：！？) is ≤ 24 characters and text follows it.
    C: anything else (a numbered paragraph).
    """
    text = rest.strip()
    if not text:
        return HeadingSplit("A", "", None)
    m = _TERMINATORS.search(text)
    if m is None:
        if len(text) <= max_heading_only:
            return HeadingSplit("A", text, None)
        return HeadingSplit("C", None, text)
    p = text[: m.start()]
    after = text[m.end():].strip()
    if not after:
        if len(p) <= 30 and not re.search(r"\d", p):
            return HeadingSplit("A", p, None)
        if m.group(0) in "：:" and len(p) <= max_heading_only:
            return HeadingSplit("A", p, None)
        return HeadingSplit("C", None, text)
    if len(p) <= max_b_heading and p:
        return HeadingSplit("B", p, after)
    return HeadingSplit("C", None, text)


def split_inline_items(text: str) -> list[str]:
    """Split "引言。一是……。二是……" into ["引言。", "一是……。", "二是……"] when the
    enumeration is in order (一是 then 二是 …); otherwise return [text]."""
    matches = list(INLINE_ENUM.finditer(text))
    if len(matches) < 2:
        return [text]
    expected = 1
    starts = []
    for m in matches:
        if cn_to_int(m.group(1)) == expected:
            starts.append(m.start(1))
            expected += 1
    if len(starts) < 2:
        return [text]
    pieces = []
    prev = 0
    for s in starts:
        if s > prev:
            pieces.append(text[prev:s])
        prev = s
    pieces.append(text[prev:])
    return [p.strip() for p in pieces if p.strip()]

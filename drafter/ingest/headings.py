"""Heading markers (一、 （一） 1、 1. （1） ① 一是 …) and heading/body splitting.

Marker families (full- and half-width variants, and 、/./。 after digits, are one family):
    cn    一、 一. 第一，        cnp   （一） (一)
    num   1、 1. 1。 1．         nump  （1） (1)
    circ  ①                     shi   一是 (a list item, never a heading)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
_CN_VALUE = {c: i for i, c in enumerate(_CN, 1)}

_MARKERS: list[tuple[str, re.Pattern]] = [
    ("cnp", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*")),
    ("nump", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    ("cn", re.compile(rf"^(?:第)?([{_CN}]{{1,3}})\s*(?:、|[．.](?!\d))\s*|^第([{_CN}]{{1,3}})(?:[，,]|部分\s*|章\s*)")),
    ("num", re.compile(r"^(\d{1,2})\s*[、．.。](?!\d)\s*")),
    ("circ", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
    ("shi", re.compile(rf"^([{_CN}]{{1,3}})是(?=[^，。；：\d])")),
]

# Inline enumeration inside a paragraph: 。一是… ；二是…
INLINE_ENUM = re.compile(rf"(?:(?<=[。；;：:，,])|^)\s*([{_CN}]{{1,2}})是(?=[^，。；：])")

_TERMINATORS = re.compile(r"[。；;：:！？!?]")


def cn_to_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s in _CN_VALUE:
        return _CN_VALUE[s]
    if s.startswith("十"):
        return 10 + _CN_VALUE.get(s[1:], 0)
    if len(s) >= 2 and s[1] == "十":
        return _CN_VALUE.get(s[0], 0) * 10 + (_CN_VALUE.get(s[2:], 0) if len(s) > 2 else 0)
    return 0


@dataclass
class Marker:
    family: str        # cn | cnp | num | nump | circ | shi
    text: str          # the marker as written, e.g. "（一）", "1."
    ordinal: int       # 1, 2, 3 …
    rest: str          # text after the marker


def parse_marker(text: str) -> Marker | None:
    for family, rx in _MARKERS:
        m = rx.match(text)
        if m:
            value = next(g for g in m.groups() if g)
            rest = text[m.end():]
            if not rest.strip():
                # "六、" alone is still a marker (its heading may follow on the next line)
                pass
            return Marker(family, m.group(0).strip(), cn_to_int(value), rest.strip())
    return None


@dataclass
class HeadingSplit:
    kind: str                # "A" heading only | "B" heading + body | "C" list item / paragraph
    heading: str | None      # heading text without marker and final punctuation
    body: str | None         # body text (B: after the heading; C: the whole text)


def split_heading(rest: str, *, max_heading_only: int = 40, max_b_heading: int = 24) -> HeadingSplit:
    """Classify the text after a marker (corpus notes §2.4).

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

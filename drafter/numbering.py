"""Chinese numerals and the enumerators of a 工作总结.

Heading markers by level (GB/T 9704 practice):
    level 1: 一、   level 2: （一）   level 3: 1.   level 4: （1）
Inline enumerations: 一是 / 二是 / 三是 …

Only 1-99 are needed for enumerators; cn2an is not used here because its
import (~80 ms) would cost more than the whole draft path may spend.
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (1 <= n <= 99)."""
    if not isinstance(n, int) or not 1 <= n <= 99:
        raise ValueError(f"cn_number supports 1-99, got {n!r}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def heading_marker(level: int, index: int) -> str:
    """Marker of the index-th (1-based) heading at a level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(index)}、"
    if level == 2:
        return f"（{cn_number(index)}）"
    if level == 3:
        return f"{index}."
    if level == 4:
        return f"（{index}）"
    raise ValueError(f"heading level must be 1-4, got {level}")


def ordinal_lead(index: int) -> str:
    """一是, 二是, 三是 … (1-based)."""
    return f"{cn_number(index)}是"


# A marker at the start of a phrase taken from the corpus: it must go, the
# draft numbers its own items.
_CN = "一二三四五六七八九十"
_LEADING_MARKER = re.compile(
    rf"^\s*(?:"
    rf"[{_CN}]{{1,3}}[、.．]"               # 一、
    rf"|[（(][{_CN}]{{1,3}}[）)]"           # （一）
    rf"|\d{{1,2}}[、.．](?!\d)"             # 1. 1、 (not 1.5)
    rf"|[（(]\d{{1,2}}[）)]"                # （1）
    rf"|[①②③④⑤⑥⑦⑧⑨⑩]"
    rf"|(?:第)?[{_CN}]{{1,3}}是[，,：:]?"     # 一是 / 第一是
    rf"|(?:首先|其次|再次|最后|此外|另外)[，,]"
    rf")\s*"
)


def strip_marker(text: str) -> str:
    """Remove enumerators at the start of text ("（一）一是加强…" -> "加强…")."""
    prev = None
    out = text
    while prev != out:
        prev = out
        out = _LEADING_MARKER.sub("", out, count=1)
    return out

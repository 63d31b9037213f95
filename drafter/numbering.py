"""Chinese numerals and the enumerators of a 工作总结: the only home of both.

Heading markers by level (GB/T 9704 practice):
    level 1: 一、   level 2: （一）   level 3: 1.   level 4: （1）
Inline enumerations: 一是 / 二是 / 三是 …

    cn_number(12) -> "十二"          cn_to_int("十二") -> 12   (also 一百零五, 两, 12, ③)
    amount_value("1.2万") -> Decimal("12000")   (typed figures: 三百, 一千五百, 1,530)
    heading_marker(2, 3) -> "（三）"  ordinal_lead(2) -> "二是"
    parse_marker("（三）加强培训") -> Marker("cnp", "（三）", 3, "加强培训")
    strip_marker("（一）一是加强…") -> "加强…"

The patterns are built from the same pieces; each is named for its job, because
the jobs differ on purpose (reading a corpus accepts 第一、 and half-width
variants; a draft's own text strips 此外，/另外，; mining keeps 此外):
    MARKER_FAMILIES  ingest: the marker a corpus line starts with, by family
    INLINE_ENUM      ingest: 一是/二是 items inside a paragraph
    MARKER_ONLY, MARKER_AHEAD, LEVEL1_AFTER_SPACE   ingest: cutting flattened pages
    ENUMERATOR       mining: leading enumerators of a mined sentence
    LEADING_MARKER   drafting: leading enumerators of a phrase placed in a draft
    LEVEL_MARKERS, INLINE_ORDINAL   checking: the markers of a written draft

cn2an is not used for enumerators: its import takes 0.2-0.4 s, more than a whole
draft may spend, and the enumerators of a report need only small numbers. Amounts a
user types (「一千五百」「1.2万」, the wizard) go through `amount_value`, which
imports cn2an only when the text is not plain digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

# -- numerals -----------------------------------------------------------------

CN = "一二三四五六七八九十"                       # the characters of enumerator numerals
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                "八": 8, "九": 9}


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (1 <= n <= 99)."""
    if not isinstance(n, int) or not 1 <= n <= 99:
        raise ValueError(f"cn_number supports 1-99, got {n!r}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def amount_value(text: str) -> Decimal | None:
    """A number as a user types it: 1530, 1,530, 12.5, 三百, 一千五百, 两万三千, 1.2万,
    1.5亿 (full-width digits too). None when text is not a number."""
    import unicodedata
    from decimal import Decimal, InvalidOperation

    t = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").replace(" ", "")
    if not t:
        return None
    if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", t):
        return Decimal(t)
    if not re.fullmatch(r"[\d.零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点]+", t):
        return None
    import cn2an

    try:
        value = cn2an.cn2an(t, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    try:
        out = Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - cn2an returns int or float
        return None
    return out.to_integral_value() if out == out.to_integral_value() else out


def cn_to_int(s: str) -> int | None:
    """The value of an enumerator numeral: 一 → 1, 十 → 10, 十二 → 12, 二十 → 20,
    九十九 → 99, 一百零五 → 105, 两 → 2; ASCII digits (12) and circled numbers (③)
    too. None when s is not a numeral (十十, 一一)."""
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if len(s) == 1 and s in CIRCLED:
        return CIRCLED.index(s) + 1
    if any(ch not in _DIGIT_VALUE and ch not in "十百" for ch in s):
        return None
    if "百" in s:
        head, _, rest = s.partition("百")
        h = _DIGIT_VALUE.get(head) if head else 1
        if h is None:
            return None
        r = cn_to_int(rest.lstrip("零〇")) if rest else 0
        return None if r is None else h * 100 + r
    if "十" in s:
        head, _, rest = s.partition("十")
        t = _DIGIT_VALUE.get(head) if head else 1
        o = _DIGIT_VALUE.get(rest) if rest else 0
        if t is None or o is None or len(head) > 1 or len(rest) > 1:
            return None
        return t * 10 + o
    if len(s) == 1:
        return _DIGIT_VALUE[s]
    return None


# -- writing markers ----------------------------------------------------------

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


# -- reading markers: a corpus line ---------------------------------------------

_NUM = rf"[{CN}]{{1,3}}"          # 一 … 九十九 as written in enumerators
_OPEN, _CLOSE = "[（(]", "[）)]"

# Marker families (full- and half-width variants, and 、/./。 after digits, are one family):
#     cn    一、 一. 第一，        cnp   （一） (一)
#     num   1、 1. 1。 1．         nump  （1） (1)
#     circ  ①                     shi   一是 (a list item, never a heading)
MARKER_FAMILIES: tuple[tuple[str, re.Pattern], ...] = (
    ("cnp", re.compile(rf"^{_OPEN}\s*({_NUM})\s*{_CLOSE}\s*")),
    ("nump", re.compile(rf"^{_OPEN}\s*(\d{{1,2}})\s*{_CLOSE}\s*")),
    ("cn", re.compile(rf"^(?:第)?({_NUM})\s*(?:、|[．.](?!\d))\s*|^第({_NUM})(?:[，,]|部分\s*|章\s*)")),
    ("num", re.compile(r"^(\d{1,2})\s*[、．.。](?!\d)\s*")),
    ("circ", re.compile(rf"^([{CIRCLED}])\s*")),
    ("shi", re.compile(rf"^({_NUM})是(?=[^，。；：\d])")),
)

# Inline enumeration inside a paragraph: 。一是… ；二是…
INLINE_ENUM = re.compile(rf"(?:(?<=[。；;：:，,])|^)\s*([{CN}]{{1,2}})是(?=[^，。；：])")

# Flattened pages: a marker alone, a marker ahead, a level-1 marker after whitespace.
MARKER_ONLY = re.compile(rf"^(?:{_NUM}、|（{_NUM}）|\d{{1,2}}[.、．]|（\d{{1,2}}）)$")
MARKER_AHEAD = re.compile(rf"(?:{_NUM}、|（{_NUM}）|\d{{1,2}}[.、．](?!\d)|（\d{{1,2}}）)")
LEVEL1_AFTER_SPACE = rf"(?<=\s)(?={_NUM}、)"


@dataclass
class Marker:
    family: str        # cn | cnp | num | nump | circ | shi
    text: str          # the marker as written, e.g. "（一）", "1."
    ordinal: int       # 1, 2, 3 … (0 when the numeral is malformed, e.g. 十十)
    rest: str          # text after the marker


def parse_marker(text: str) -> Marker | None:
    """The enumerator a line starts with ("六、" alone is a marker too: its heading
    may follow on the next line)."""
    for family, rx in MARKER_FAMILIES:
        m = rx.match(text)
        if m:
            value = next(g for g in m.groups() if g)
            return Marker(family, m.group(0).strip(), cn_to_int(value) or 0, text[m.end():].strip())
    return None


# -- stripping markers ----------------------------------------------------------

# A mined sentence: its enumerator goes (the bank stores bare sentences).
ENUMERATOR = re.compile(
    rf"^\s*(?:{_NUM}是|首先|其次|再次|最后|第{_NUM}[，、,]?|"
    rf"{_OPEN}[{CN}\d]{{1,3}}{_CLOSE}|{_NUM}[、．.]|\d{{1,2}}[、．.](?!\d)|[①-⑳])[，,：:\s]*"
)

# A phrase placed in a draft: the draft numbers its own items.
LEADING_MARKER = re.compile(
    rf"^\s*(?:"
    rf"{_NUM}[、.．]"                       # 一、
    rf"|{_OPEN}{_NUM}{_CLOSE}"             # （一）
    rf"|\d{{1,2}}[、.．](?!\d)"             # 1. 1、 (not 1.5)
    rf"|{_OPEN}\d{{1,2}}{_CLOSE}"          # （1）
    rf"|[①②③④⑤⑥⑦⑧⑨⑩]"
    rf"|(?:第)?{_NUM}是[，,：:]?"           # 一是 / 第一是
    rf"|(?:首先|其次|再次|最后|此外|另外)[，,]"
    rf")\s*"
)


def strip_enumerator(text: str) -> str:
    """A mined sentence without its leading enumerators (一是 / 首先 / （1） / 1. …)."""
    prev = None
    t = text.strip()
    while prev != t:
        prev = t
        t = ENUMERATOR.sub("", t, count=1).strip()
    return t


def strip_marker(text: str) -> str:
    """A phrase without the enumerators it starts with ("（一）一是加强…" -> "加强…")."""
    prev = None
    out = text
    while prev != out:
        prev = out
        out = LEADING_MARKER.sub("", out, count=1)
    return out


# -- checking a draft -------------------------------------------------------------

# The heading markers of a written draft by level (一、 （一） 1. （1）), the numeral captured.
LEVEL_MARKERS: dict[int, re.Pattern] = {
    1: re.compile(rf"^\s*({_NUM})\s*、"),
    2: re.compile(rf"^\s*{_OPEN}\s*({_NUM})\s*{_CLOSE}"),
    3: re.compile(r"^\s*(\d{1,2})\s*[.．、](?!\d)"),
    4: re.compile(rf"^\s*{_OPEN}\s*(\d{{1,2}})\s*{_CLOSE}"),
}
# 一是/二是 … at the start of a paragraph or after punctuation or space.
INLINE_ORDINAL = re.compile(rf"(?:^|(?<=[。；;：:，,！？\s]))({_NUM})是")

"""The structure of a draft as the checker sees it: heading markers, parts, the 落款.

Pure functions over paragraph strings, shared by the text rules and the layout
rules. (The heading-marker patterns and numerals here are the checker's; the
drafting side has its own in drafter/numbering.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.check.rules import check_rules
from drafter.check.spec import CheckSpec

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN = "一二三四五六七八九十"

L1 = re.compile(rf"^\s*([{CN}]{{1,3}})\s*、")
L2 = re.compile(rf"^\s*[（(]\s*([{CN}]{{1,3}})\s*[）)]")
L3 = re.compile(r"^\s*(\d{1,2})\s*[.．、](?!\d)")
L4 = re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[）)]")
LEVEL_PATTERNS = {1: L1, 2: L2, 3: L3, 4: L4}
INLINE = re.compile(rf"(?:^|(?<=[。；;：:，,！？\s]))([{CN}]{{1,3}})是")
YEAR = re.compile(r"(?<!\d)(?<!\d[.．])((?:19|20|21)\d{2})\s*(?=年)")  # not the decimals of 3.2026年
SIG_DATE = re.compile(r"^\s*((?:19|20|21)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
SENTENCE_END = re.compile(r"[。！？!?；;]")
CJK = re.compile(r"[\u4e00-\u9fff]")


def cn_to_int(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 九十九 → 99, 一百 → 100; None if not a numeral."""
    if not s or any(ch not in _CN_DIGITS and ch not in "十百" for ch in s):
        return None
    if "百" in s:
        head, _, rest = s.partition("百")
        h = _CN_DIGITS.get(head, None) if head else 1
        if h is None:
            return None
        r = cn_to_int(rest.lstrip("零〇")) if rest else 0
        return None if r is None else h * 100 + r
    if "十" in s:
        head, _, rest = s.partition("十")
        t = _CN_DIGITS.get(head) if head else 1
        o = _CN_DIGITS.get(rest) if rest else 0
        if t is None or o is None or len(head) > 1 or len(rest) > 1:
            return None
        return t * 10 + o
    if len(s) == 1:
        return _CN_DIGITS[s]
    return None


def int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    t, o = divmod(n, 10)
    return ("" if t == 1 else digits[t]) + "十" + (digits[o] if o else "")


@dataclass
class Para:
    index: int
    text: str
    location: str
    part: str          # "title", "opening", "body", "problems", "plans", "signature"
    level: int = 0     # heading level from its marker (0 = none)


def heading_level(text: str) -> int:
    """1-4 from the marker a paragraph starts with, 0 for none."""
    for lv, rx in ((1, L1), (2, L2), (4, L4), (3, L3)):
        if rx.match(text):
            return lv
    return 0


def structure(paragraphs: list[str], locations: list[str], has_title: bool) -> list[Para]:
    """Each paragraph with its part of the report (by the level-1 headings) and heading level."""
    rules = check_rules()
    out: list[Para] = []
    part = "opening"
    sig_start = signature_start(paragraphs)
    for i, text in enumerate(paragraphs):
        loc = locations[i] if i < len(locations) else f"第{i + 1}段"
        if has_title and i == 0:
            out.append(Para(i, text, loc, "title"))
            continue
        if sig_start is not None and i >= sig_start:
            out.append(Para(i, text, loc, "signature"))
            continue
        level = heading_level(text)
        if level == 1:
            head = re.split(r"[。；;：:]", L1.sub("", text, count=1), maxsplit=1)[0]
            if rules.plans_heading.search(head):
                part = "plans"
            elif rules.problems_heading.search(head):
                part = "problems"
            else:
                part = "body"
        out.append(Para(i, text, loc, part, level))
    return out


def signature_start(paragraphs: list[str]) -> int | None:
    """Index of the 落款 (unit name line followed by a date line at the end)."""
    idx = [i for i, t in enumerate(paragraphs) if t.strip()]
    if not idx:
        return None
    last = idx[-1]
    if not SIG_DATE.match(paragraphs[last]):
        return None
    if len(idx) >= 2:
        prev = idx[-2]
        t = paragraphs[prev].strip()
        if t and len(t) <= 40 and not SENTENCE_END.search(t) and not L1.match(t):
            return prev
    return last


def report_year(paras: list[Para], spec: CheckSpec) -> int | None:
    """The report year: the unit's, else the first year in the title."""
    if spec.year:
        return spec.year
    title = next((p.text for p in paras if p.part == "title"), "")
    m = YEAR.search(title)
    return int(m.group(1)) if m else None

"""Pure sentence helpers of the composer: normalise, join, compare.

    sentence("（一）加强培训，")            -> "加强培训。"
    close_sentence("开设“就近办”")          -> "开设“就近办”。"
    join_short(["全年新增就业320人。", "全年排查隐患142处。"]) -> ["全年新增就业320人，排查隐患142处。"]
    paragraphs(["做法一。", "做法二。"])     -> ["做法一。做法二。"]

No state, no randomness, no phrase bank.
"""

from __future__ import annotations

import re
from typing import Iterable

from drafter.numbering import strip_marker

END_PUNCT = "。；;，,：:！!？?"
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
# Never written: corpus placeholders, braces, half-typed years, brackets of notes.
BAD_TEXT = re.compile(r"XX|ＸＸ|[{}｛｝]|202_|20XX|20xx|【|】|□")
# A sentence asserting an outcome (均已办结, 全部按期): written only where the figures say so.
OUTCOME = re.compile(r"均已|均按|全部|按期|按时|100%|百分之百|无一|零")
# A problems intro that lists the problems itself (存在……等问题) leaves nothing to enumerate.
LISTING_INTRO = re.compile(r"存在.{6,}等(问题|不足)")
PLAN_WORDS = ("思路", "计划", "打算")

_CLOSERS = "”’」』）)》"
_LEADS = ("全年共", "全年", "共")
_CONNECTIVES = re.compile(r"^(?:同时|此外|另外|并且|与此同时|再者|其次|还)[，,]?")
_TIME_LEAD = re.compile(r"^(?:(?:19|20)\d{2}年度?|今年以来|本年度|年内)[，,]?")
_PARAGRAPH_CHARS = 200
_PUNCT_IN_BIGRAM = "，。、；：“”"


def sentence(text: str) -> str:
    """Normalise one sentence: no leading enumerator, ends with 。"""
    t = strip_marker(text.strip())
    t = t.rstrip(END_PUNCT + " ")
    return t + "。" if t else ""


def close_sentence(text: str) -> str:
    """User text as a sentence: ends with 。！？, also after a closing quote
    (…“就近办”  ->  …“就近办”。); leading enumerators removed."""
    t = text.strip()
    core = t.rstrip(_CLOSERS)
    if core.endswith(("。", "！", "？", "!", "?")):
        return strip_marker(t)
    if t.endswith(tuple(_CLOSERS)):
        return strip_marker(t) + "。"
    return sentence(t)


def heading_text(text: str) -> str:
    """A heading: no enumerator, no end punctuation."""
    t = strip_marker(text.strip())
    return t.rstrip(END_PUNCT + " ")


def with_colon(text: str) -> str:
    """An intro ends with ：(empty stays empty)."""
    if text and not text.endswith(("：", ":")):
        return text.rstrip(END_PUNCT) + "："
    return text


def tail_only(text: str) -> bool:
    """An opening that is only the formula: 现将一年来的工作情况汇报如下："""
    head = text.split("如下")[0]
    return text.lstrip().startswith("现将") or ("如下" in text and len(head) < 30)


def mentions_plan(text: str) -> bool:
    """Whether an opening announces next year's plan (思路/计划/打算)."""
    return any(w in text for w in PLAN_WORDS)


def years_ok(text: str, allowed: Iterable[int]) -> bool:
    """Every year written in text (2026年) is one of allowed."""
    allowed = set(allowed)
    return all(int(y) in allowed for y in YEAR.findall(text))


def join_short(sentences: list[str], *, per: int = 3, max_chars: int = 70) -> list[str]:
    """Join runs of short one-clause sentences into compound ones:
    ["全年新增就业320人。", "全年排查隐患142处。"] -> ["全年新增就业320人，排查隐患142处。"].
    A sentence that already has a comma, or would make the result too long, starts anew."""
    out: list[str] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            out.append("，".join(group) + "。")
            group.clear()

    for s in sentences:
        body = s.rstrip("。")
        simple = "，" not in body and "；" not in body and not body.endswith(("！", "？"))
        if not simple:
            flush()
            out.append(s)
            continue
        if group:
            for lead in _LEADS:
                if body.startswith(lead) and len(body) > len(lead) + 2:
                    body = body[len(lead):]
                    break
        if group and (len(group) >= per or len("，".join(group)) + len(body) > max_chars):
            flush()
            body = s.rstrip("。")
        group.append(body)
    flush()
    return out


def paragraph_start(sentence_text: str) -> str:
    """A sentence that opens a paragraph does not start with 同时/此外/另外…."""
    out = _CONNECTIVES.sub("", sentence_text, count=1)
    return out if len(out) >= 4 else sentence_text


def join_paragraph(sents: list[str]) -> str:
    """Sentences as one paragraph: no connective first, and a time lead
    (2026年，/今年以来，) only where none was said before in the paragraph."""
    out: list[str] = []
    said_time = False
    for i, s in enumerate(sents):
        if i == 0:
            s = paragraph_start(s)
        m = _TIME_LEAD.match(s)
        if m:
            if said_time and len(s) - m.end() >= 4:
                s = s[m.end():]
            said_time = True
        out.append(s)
    return "".join(out)


def paragraphs(sents: list[str]) -> list[str]:
    """Sentences in order as one or more paragraphs (never very long)."""
    sents = [s for s in sents if s]
    if not sents:
        return []
    groups: list[list[str]] = [[]]
    size = 0
    for s in sents:
        if groups[-1] and size + len(s) > _PARAGRAPH_CHARS:
            groups.append([])
            size = 0
        groups[-1].append(s)
        size += len(s)
    return [join_paragraph(g) for g in groups]


_WAN_YUAN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)万元")


def scale_amounts(text: str) -> str:
    """Amounts of 10,000万元 and more in 亿元, as reports write them:
    争取上级资金21500万元 -> 争取上级资金2.15亿元."""
    from decimal import Decimal

    def repl(m: re.Match) -> str:
        value = Decimal(m.group(1))
        if value < 10000:
            return m.group(0)
        yi = (value / 10000).normalize()
        text = format(yi, "f")
        return f"{text}亿元"

    return _WAN_YUAN.sub(repl, text)


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def content_bigrams(text: str, common: frozenset[str] = frozenset()) -> set[str]:
    """Character bigrams that say something: no punctuation, none of the common words."""
    return {g for g in bigrams(text) if g not in common and not any(c in _PUNCT_IN_BIGRAM for c in g)}


def similar(a: str, b: str) -> bool:
    """Two sentences saying nearly the same (character bigram Jaccard), or
    opening with the same clause of 8+ characters (「我局高度重视政务公开工作，…」 twice)."""
    ca, cb = a.split("，", 1)[0], b.split("，", 1)[0]
    if len(ca) >= 8 and ca == cb:
        return True
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return False
    return len(ga & gb) / len(ga | gb) > 0.6


def is_zero(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0

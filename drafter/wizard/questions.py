"""Question objects and answer parsing for the wizard (no terminal I/O here).

The wizard's flow (drafter/wizard/flow.py) yields these objects; the I/O layer
(drafter/wizard/terminal.py) turns them into questionary prompts, and tests can answer
them from a script. Everything here is pure: the standard library and the schema's
limits (drafter.figures.limits, plain constants).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

# The schema's limits: the wizard accepts what a figures file accepts.
from drafter.figures.limits import MAX_TEXT_CHARS, MAX_UNIT_CHARS, MAX_WORK_TITLE_CHARS, MAX_YEAR, MIN_YEAR

# A validator returns True when the text is acceptable, else a Chinese message.
Validator = Callable[[str], "bool | str"]


@dataclass
class Choice:
    title: str
    value: Any
    checked: bool = False


@dataclass
class Ask:
    """One question. kind: text | confirm | select | checkbox."""

    kind: str
    key: str                                   # stable id, e.g. "unit", "figure:主动公开信息数"
    message: str
    default: Any = None
    choices: list[Choice] = field(default_factory=list)
    validate: Validator | None = None
    instruction: str | None = None             # key help shown after the question
    empty: str | None = None                   # checkbox: how "nothing ticked" reads


@dataclass
class Say:
    """A line of information shown to the user (not a question)."""

    text: str


def format_value(value: Any) -> str:
    """How a stored value is shown as a prompt default."""
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- year, names

def check_year(text: str) -> "bool | str":
    t = (text or "").strip()
    if not re.fullmatch(r"\d{4}", t):
        return "请输入四位数的年份，如 2026。"
    if not MIN_YEAR <= int(t) <= MAX_YEAR:
        return f"年份应在 {MIN_YEAR} 到 {MAX_YEAR} 之间。"
    return True


def check_unit(text: str) -> "bool | str":
    t = (text or "").strip()
    if not t:
        return "请输入单位名称，如 某某县民政局。"
    if len(t) > MAX_UNIT_CHARS:
        return f"单位名称过长（最多 {MAX_UNIT_CHARS} 个字）。"
    if any(ord(c) < 32 for c in t):
        return "单位名称不能包含控制字符。"
    return True


def _short_enough(text: str, limit: int, too_long: str) -> "bool | str":
    """A free-text answer of at most limit characters and no control characters."""
    t = (text or "").strip()
    if len(t) > limit:
        return too_long
    if any(ord(c) < 32 for c in t):
        return "不能包含控制字符。"
    return True


def check_work_title(text: str) -> "bool | str":
    return _short_enough(text, MAX_WORK_TITLE_CHARS,
                         f"工作名称最多 {MAX_WORK_TITLE_CHARS} 字，写成短标题，如 安全生产专项整治。")


def check_item(text: str) -> "bool | str":
    """One highlight, problem, plan or point."""
    return _short_enough(text, MAX_TEXT_CHARS, f"每条最多 {MAX_TEXT_CHARS} 字，请分成几条填写。")


def check_date(text: str) -> "bool | str":
    """Empty (the default) or a date as the figures file accepts it."""
    t = (text or "").strip()
    if not t:
        return True
    from drafter.figures.values import parse_date

    if parse_date(t) is None:
        return "请按 2026-12-20 或 2026年12月20日 的格式填写（日期要存在），或直接回车。"
    return True


def check_short_text(text: str) -> "bool | str":
    return _short_enough(text, 40, "最多 40 个字。")


def check_docx_path(text: str) -> "bool | str":
    t = (text or "").strip()
    if not t:
        return "请输入文件名，如 总结.docx。"
    if t.endswith(("/", "\\")):
        return "请输入文件名，而不是文件夹。"
    return True


def answers_path_for(docx_path: str) -> str:
    """Answers file saved beside the draft: 总结.docx -> 总结.answers.yaml."""
    p = str(docx_path)
    if p.lower().endswith(".docx"):
        p = p[:-5]
    return p + ".answers.yaml"


def shorten(text: str, width: int = 28) -> str:
    """First words of a paragraph for the outline preview."""
    t = re.sub(r"\s+", "", text or "")
    return t if len(t) <= width else t[:width] + "……"


# ---------------------------------------------------------------- figures as typed

# Measure words a figure may be typed with (「420次」「120人次」); longest first when matched.
MEASURE_WORDS = (
    "个百分点", "平方米", "人次", "件次", "户次", "万元", "亿元", "公里", "小时", "分钟",
    "元", "件", "条", "次", "人", "个", "篇", "期", "场", "家", "户", "项", "处", "起", "名", "所",
    "份", "册", "批", "类", "亩", "吨", "天", "栏", "张", "套", "台", "辆", "座", "宗", "村",
)
_MONEY = {"元": 1, "万元": 10 ** 4, "亿元": 10 ** 8}


def figure_text(text: str, unit: str = "", kind: str = "int") -> tuple[str, str | None]:
    """A figure as typed → (the plain number as text, None), or (text, a Chinese message).

    Accepts the slot's own unit after the number (「420次」 for 次), money in another
    unit of money (「1.2亿元」 for 万元 → 12000), 万/亿 multipliers (「1.2万」 → 12000)
    and Chinese numerals (「三百」「一千五百」, via numbering.amount_value). Dates and
    text that is no number at all are returned unchanged for the schema's own check."""
    from decimal import Decimal

    from drafter.numbering import amount_value

    t = (text or "").strip()
    if kind == "date" or not t:
        return t, None
    import unicodedata

    t = unicodedata.normalize("NFKC", t).replace(" ", "")
    factor = Decimal(1)
    percent = t.endswith(("%", "％"))
    if percent:                                      # the schema judges a % sign (0.5% is not 50%)
        t = t[:-1]
    typed = None if percent else next((w for w in sorted(MEASURE_WORDS, key=len, reverse=True) if t.endswith(w) and len(t) > len(w)), None)
    if typed:
        if typed == unit:
            t = t[: -len(typed)]
        elif typed in _MONEY and unit in _MONEY:
            t = t[: -len(typed)]
            factor = Decimal(_MONEY[typed]) / Decimal(_MONEY[unit])
        elif amount_value(t[: -len(typed)]) is not None:
            shown = unit or "（无单位）"
            return text, f"此项的单位是“{shown}”，填的是“{typed}”。请按“{shown}”填写数字，如 420。"
    elif unit[:1] in ("万", "亿") and t.endswith(unit[:1]):
        t = t[:-1]                                   # 「1.2万」 for a figure in 万元
    value = amount_value(t)
    if value is None:
        return text, None                            # not a number: the schema says why
    value = value * factor
    value = value.to_integral_value() if value == value.to_integral_value() else value.normalize()
    return format(value, "f") + ("%" if percent else ""), None

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
from drafter.figures.limits import MAX_UNIT_CHARS, MAX_YEAR, MIN_YEAR

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

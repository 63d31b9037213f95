"""What `drafter check` reports: a Finding per problem, and how findings quote the draft.

Each Finding has a rule code, a severity ("error" | "warning"), a location
("标题", "第12段", "页脚", "页面设置", "落款", "全文") and a Chinese message; a
layout finding also cites the clause of GB/T 9704-2012 its rule follows
(`Finding.clause`, from check.yaml `layout_entries` and layout.yaml).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Sequence

from drafter.check.rules import ERROR, WARNING, check_rules, clause_of

__all__ = ["ERROR", "WARNING", "Finding", "make", "has_errors", "summary", "quote", "format_value"]


@dataclass
class Finding:
    code: str          # rule code, e.g. "placeholder-xx"
    severity: str      # "error" | "warning"
    location: str      # "第12段", "标题", "页脚", "页面设置", "落款", "全文"
    message: str       # Chinese

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def clause(self) -> str | None:
        """"GB/T 9704-2012 5.2.1" for a layout rule that follows a clause, else None."""
        return clause_of(self.code)

    def __str__(self) -> str:
        label = "错误" if self.severity == ERROR else "警告"
        return f"[{label}] {self.location}：{self.message}（{self.code}）"


def make(code: str, location: str, message: str) -> Finding:
    """A finding of a rule, with the rule's severity from check.yaml."""
    return Finding(code=code, severity=check_rules().severity(code), location=location, message=message)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "检查通过：未发现问题。"
    return f"共发现 {len(findings)} 个问题：{errors} 个错误，{warnings} 个警告。"


def quote(text: str, start: int, end: int, width: int = 8) -> str:
    """The words around text[start:end], for a message."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")


def format_value(value: Any) -> str:
    """A figure as a message shows it (1530, 2026年12月18日)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)

"""Fixed political formulas and year-bound campaigns (drafter/data/politics.yaml).

    pol = politics()                       # typed, cached; a broken table names the file and entry
    pol.restore("坚持以新时代中国特色社会主义思想为指导")   # -> 坚持以习近平新时代…思想为指导
    pol.mutilated(text)                    # formulas written wrongly: [(Formula, matched text)]
    pol.campaign_years(text)               # ranges of report years in which text may be written, or None
    pol.year_ok(text, 2026)                # False for 「抓好第二批主题教育工作」
    pol.stale_campaigns(text, 2026)        # the campaigns text names outside their years
    pol.anniversary_errors(text, 2026)     # 「建党102周年」 in a 2026 report

Read by the miner (restore on ingest, years of a phrase), the composer (a
phrase is used only in a year it may be written) and the checker. Standard
library only; no jieba.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Years = tuple[tuple[int, int | None], ...]     # ((from, to|None), …)


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    replacement: str


@dataclass(frozen=True)
class Formula:
    id: str
    correct: str
    restore: tuple[Rule, ...]
    reject: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    pattern: re.Pattern
    years: Years

    def allows(self, year: int) -> bool:
        return any(lo <= year and (hi is None or year <= hi) for lo, hi in self.years)


@dataclass(frozen=True)
class RelativeYear:
    id: str
    pattern: re.Pattern
    offset: int
    plans_offset: int
    slot: str


@dataclass(frozen=True)
class Anniversary:
    id: str
    pattern: re.Pattern
    base: int


@dataclass(frozen=True)
class Politics:
    formulas: tuple[Formula, ...]
    campaigns: tuple[Campaign, ...]
    relative_years: tuple[RelativeYear, ...]
    anniversaries: tuple[Anniversary, ...]

    def restore(self, text: str) -> str:
        """Mutilated formulas written in their exact form (idempotent)."""
        for f in self.formulas:
            for rule in f.restore:
                text = rule.pattern.sub(rule.replacement, text)
        return text

    def mutilated(self, text: str) -> list[tuple[Formula, str]]:
        """Formulas written wrongly in text: a restore rule would change it, or a reject pattern hits."""
        out = []
        for f in self.formulas:
            for rule in f.restore:
                m = rule.pattern.search(text)
                if m:
                    out.append((f, m.group(0) or text[max(0, m.start() - 6):m.start() + 6]))
                    break
            else:
                for rx in f.reject:
                    m = rx.search(text)
                    if m:
                        out.append((f, m.group(0)))
                        break
        return out

    def campaigns_in(self, text: str) -> list[Campaign]:
        return [c for c in self.campaigns if c.pattern.search(text)]

    def campaign_years(self, text: str) -> Years | None:
        """The report years in which text may name its campaigns (the intersection over every
        campaign it names); None when it names none."""
        found = self.campaigns_in(text)
        if not found:
            return None
        ranges: list[tuple[int, int | None]] = list(found[0].years)
        for c in found[1:]:
            ranges = [r for r in (_intersect(a, b) for a in ranges for b in c.years) if r is not None]
        return tuple(sorted(set(ranges), key=lambda r: (r[0], r[1] or 9999)))

    def year_ok(self, text: str, year: int) -> bool:
        years = self.campaign_years(text)
        return years is None or any(lo <= year and (hi is None or year <= hi) for lo, hi in years)

    def stale_campaigns(self, text: str, year: int) -> list[Campaign]:
        return [c for c in self.campaigns_in(text) if not c.allows(year)]

    def anniversary_errors(self, text: str, year: int) -> list[tuple[Anniversary, int, int]]:
        """(anniversary, written n, right n) where 「…N周年」 does not fit the report year."""
        out = []
        for a in self.anniversaries:
            for m in a.pattern.finditer(text):
                n = int(m.group("n"))
                if n != year - a.base:
                    out.append((a, n, year - a.base))
        return out


def _intersect(a, b):
    lo = max(a[0], b[0])
    his = [h for h in (a[1], b[1]) if h is not None]
    hi = min(his) if his else None
    return None if hi is not None and hi < lo else (lo, hi)


def _error(path, where: str, what: str):
    from drafter.errors import DrafterError

    return DrafterError(f"数据表 {path} 中的“{where}”{what}。", hint="请检查该项（修改前可先备份）。")


def _rx(source: Any, path, where: str) -> re.Pattern:
    if not isinstance(source, str) or not source:
        raise _error(path, where, "缺少正则表达式")
    try:
        return re.compile(source)
    except re.error as exc:
        raise _error(path, where, f"不是有效的正则表达式（{exc}）") from None


def _years(raw: Any, path, where: str) -> Years:
    try:
        out = tuple((int(lo), None if hi is None else int(hi)) for lo, hi in raw)
    except (TypeError, ValueError):
        raise _error(path, where, "的 years 应是 [[起, 止], …]（止可为 null）") from None
    if not out:
        raise _error(path, where, "缺少 years")
    return out


def parse_politics(raw: Any, path) -> Politics:
    if not isinstance(raw, dict):
        raise _error(path, "顶层", "应是键值对")
    formulas = []
    for i, f in enumerate(raw.get("formulas") or []):
        where = f"formulas 第 {i + 1} 项（{f.get('id', '') if isinstance(f, dict) else ''}）"
        if not isinstance(f, dict):
            raise _error(path, where, "应是键值对")
        rules = tuple(Rule(_rx(r.get("pattern"), path, where), str(r.get("replacement", "")))
                      for r in f.get("restore") or [] if isinstance(r, dict))
        rejects = tuple(_rx(r, path, where) for r in f.get("reject") or [])
        formulas.append(Formula(str(f.get("id", i)), str(f.get("correct", "")), rules, rejects))
    campaigns = []
    for i, c in enumerate(raw.get("campaigns") or []):
        where = f"campaigns 第 {i + 1} 项（{c.get('id', '') if isinstance(c, dict) else ''}）"
        if not isinstance(c, dict):
            raise _error(path, where, "应是键值对")
        campaigns.append(Campaign(str(c.get("id", i)), str(c.get("name", "")),
                                  _rx(c.get("pattern"), path, where), _years(c.get("years"), path, where)))
    relative = []
    for i, r in enumerate(raw.get("relative_years") or []):
        where = f"relative_years 第 {i + 1} 项"
        if not isinstance(r, dict):
            raise _error(path, where, "应是键值对")
        off = int(r.get("offset", 0))
        relative.append(RelativeYear(str(r.get("id", i)), _rx(r.get("pattern"), path, where), off,
                                     int(r.get("plans_offset", off)), str(r.get("slot", ""))))
    anniversaries = []
    for i, a in enumerate(raw.get("anniversaries") or []):
        where = f"anniversaries 第 {i + 1} 项"
        if not isinstance(a, dict):
            raise _error(path, where, "应是键值对")
        anniversaries.append(Anniversary(str(a.get("id", i)), _rx(a.get("pattern"), path, where),
                                         int(a.get("base", 0))))
    return Politics(tuple(formulas), tuple(campaigns), tuple(relative), tuple(anniversaries))


@lru_cache(maxsize=1)
def politics() -> Politics:
    """drafter/data/politics.yaml, typed, read once per process."""
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    path = data_file("politics.yaml")
    return parse_politics(read_table(path), path)

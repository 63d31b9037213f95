"""Text rule of `drafter check`: the unit's figures against the numbers of the draft.

figure-missing: a figure of the figures file that the text does not carry;
figure-unknown-number: a number in the text that the figures file does not give
(years, dates, ordinals, document numbers … of check.yaml `not_figures` aside).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from drafter.check.findings import Finding, format_value, make, quote
from drafter.check.rules import check_rules
from drafter.check.spec import CheckSpec
from drafter.check.structure import CN, L3, L4, Para, cn_to_int, report_year

NUMBER = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)")
# a zero count is written in words: 全年未收到政府信息公开申请 / 无 / 零
_ZERO_WORDS = ("未", "没有", "无", "零")


@dataclass
class NumberToken:
    start: int
    end: int
    raw: str
    values: tuple[Decimal, ...]   # candidate values (raw, ×1万, ×1亿)
    scaled: bool                  # followed by 万/亿


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def number_tokens(text: str) -> list[NumberToken]:
    out = []
    for m in NUMBER.finditer(text):
        v = _dec(m.group(1))
        if v is None:
            continue
        nxt = text[m.end(): m.end() + 1]
        vals = [v]
        scaled = False
        if nxt == "万":
            vals.append(v * 10000)
            scaled = True
        elif nxt == "亿":
            vals.append(v * 100000000)
            vals.append(v * 10000)   # 2.15亿元 is the 21500万元 a figures file gives
            scaled = True
        out.append(NumberToken(m.start(), m.end(), m.group(1), tuple(vals), scaled))
    return out


def _cn_count_tokens(text: str) -> list[NumberToken]:
    mw = check_rules().measure_words
    out = []
    for m in re.finditer(rf"(?<![{CN}百零〇两])([零〇一二两三四五六七八九十百]{{1,5}})(?=[{re.escape(mw)}])", text):
        before = text[max(0, m.start() - 1): m.start()]
        if before == "第":
            continue
        v = cn_to_int(m.group(1))
        if v is None:
            continue
        out.append(NumberToken(m.start(), m.end(), m.group(1), (Decimal(v),), False))
    return out


def _figure_number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    if isinstance(value, str):
        s = value.strip().rstrip("%％")
        return _dec(s) if re.fullmatch(r"-?\d+(?:,\d{3})*(?:\.\d+)?", s) else None
    return None


def _mismatch(fig: Decimal, tok: NumberToken) -> Decimal | None:
    """How far a token is from a figure (0: exact; relative error up to 0.5% for a
    scaled form: 1234567 元 written as 123.46万元); None when it is not that figure."""
    best = None
    for i, v in enumerate(tok.values):
        if v == fig:
            return Decimal(0)
        if i > 0 and fig != 0 and abs(v - fig) <= abs(fig) * Decimal("0.005"):
            err = abs(v - fig) / abs(fig)
            best = err if best is None else min(best, err)
    return best


def _matches(fig: Decimal, tok: NumberToken) -> bool:
    return _mismatch(fig, tok) is not None


def closest_figure(figs: list[Decimal], tok: NumberToken) -> Decimal | None:
    """The figure a token writes: an exact one before an approximate one
    (8.904636亿元 is 产业帮扶资金 89046.36, not 帮扶户数 89489 within 0.5%)."""
    scored = [(err, i, f) for i, f in enumerate(figs) if (err := _mismatch(f, tok)) is not None]
    return min(scored)[2] if scored else None


def _date_forms(d: _dt.date) -> list[str]:
    return [f"{d.year}年{d.month}月{d.day}日", f"{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日",
            d.isoformat()]


def _not_figure_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for rx in check_rules().not_figures:
        for m in rx.finditer(text):
            spans.extend(m.span(g) for g in range(1, (rx.groups or 0) + 1) if m.group(g) is not None)
    for m in re.finditer(r"《[^》]*》|〔[^〕]*〕|“[^”]{0,12}”", text):
        spans.append(m.span())
    return spans


def check_figures(paras: list[Para], spec: CheckSpec) -> list[Finding]:
    figs = spec.figures or {}
    body = [p for p in paras if p.part not in ("title",)]
    all_text = "\n".join(p.text for p in body)
    tokens_by_para = {p.index: number_tokens(p.text) for p in body}
    cn_tokens = _cn_count_tokens(all_text)
    found = []
    wanted: list[Decimal] = []
    for slot, value in figs.items():
        if isinstance(value, (_dt.date, _dt.datetime)):
            d = value.date() if isinstance(value, _dt.datetime) else value
            if not any(f in all_text for f in _date_forms(d)):
                found.append(make("figure-missing", "全文", f"数据“{slot}”的日期 {format_value(d)} 没有出现在正文中。"))
            continue
        num = _figure_number(value)
        if num is None:
            if isinstance(value, str) and value.strip() and value.strip() not in all_text:
                found.append(make("figure-missing", "全文", f"数据“{slot}”的内容“{value}”没有出现在正文中。"))
            continue
        wanted.append(num)
        hit = any(_matches(num, t) for toks in tokens_by_para.values() for t in toks)
        hit = hit or any(_matches(num, t) for t in cn_tokens)
        hit = hit or (num == 0 and any(w in all_text for w in _ZERO_WORDS))
        if not hit:
            found.append(make("figure-missing", "全文", f"数据“{slot}”的值 {format_value(value)} 没有出现在正文中（或写法不同）。"))
    # numbers in the text the figures file does not give
    y = report_year(paras, spec)
    allowed = set(wanted)
    for text in spec.own_text:   # numbers the unit wrote itself in its highlights/problems/plans
        for t in number_tokens(text):
            allowed.update(t.values)
    if y:
        allowed |= {Decimal(y - 1), Decimal(y), Decimal(y + 1)}
    for p in body:
        if p.part == "signature":
            continue
        spans = _not_figure_spans(p.text)
        marker_end = 0
        for rx in (L3, L4):
            m = rx.match(p.text)
            if m:
                marker_end = m.end()
        for t in tokens_by_para[p.index]:
            if t.start < marker_end:
                continue
            if any(s <= t.start < e for s, e in spans):
                continue
            if any(v in allowed for v in t.values) or any(_matches(w, t) for w in wanted):
                continue
            found.append(make("figure-unknown-number", p.location,
                              f"正文中的数字“{t.raw}”不在数据文件中，请核实来源：{quote(p.text, t.start, t.end)}"))
    return found

"""Figure values: check each figure of a figures file against the slot catalogue.

    validate_figure("依申请办结率", "98.5%") -> (98.5, None)          # the wizard, while typing
    validate_figure("主动公开信息数", "很多") -> (None, "“很多”不是数值")
    validate_figures({"依申请公开件数": 3, "依申请办结件数": 5}) -> ({…}, [Issue(…)])
    parse_date("2026年12月15日") -> date(2026, 12, 15)

Numbers may be written 1,530 / 1530 / "98.5%"; dates 2026-12-15 / 2026年12月15日.
Types and ranges come from the slots (drafter.slots.Slot); messages are Chinese.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from drafter.errors import DrafterError
from drafter.figures.limits import MAX_DIGITS
from drafter.limits import MAX_ISSUES_SHOWN
from drafter.slots import Slot, load_catalogue
from drafter.textutil import clean_text, show_value

_CATALOGUE_CACHE: dict[str, dict] = {}


def slot_catalogue(bank_dir: str | Path | None = None) -> dict[str, Slot]:
    """Slots a figures file may use: the phrase bank's slots.json if it can be
    read, else the curated drafter/data/slots.yaml. Cached per source."""
    from drafter import paths

    bank = Path(bank_dir) if bank_dir else paths.phrasebank_dir()
    for cand in (bank / "slots.json", paths.data_file("slots.yaml")):
        key = str(cand)
        if key in _CATALOGUE_CACHE:
            return _CATALOGUE_CACHE[key]
        if cand.is_file():
            try:
                cat = load_catalogue(cand).for_figures()
            except DrafterError:
                continue
            if cat:
                _CATALOGUE_CACHE[key] = cat
                return cat
    return {}


def _catalogue(slots) -> Mapping[str, Any]:
    if slots is None:
        return slot_catalogue()
    return slots


_NUM_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")
_DATE_RES = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


def parse_date(text: str) -> _dt.date | None:
    s = clean_text(text).replace(" ", "")
    for rx in _DATE_RES:
        m = rx.match(s)
        if m:
            try:
                return _dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _to_number(value) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        s = clean_text(value).replace(" ", "").replace("，", ",")
        if _NUM_RE.match(s):
            s = s.replace(",", "")
            return float(s) if "." in s else int(s)
    return None


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def validate_figure(name: str, value, slots=None) -> tuple[Any, str | None]:
    """Check one figure against its slot. Returns (normalised value, None) or
    (None, Chinese message). Used by the wizard while the user types."""
    cat = _catalogue(slots)
    slot = cat.get(name) if cat else None
    if cat and slot is None:
        return None, unknown_slot_message(name, cat)
    stype = (slot.type or "int") if slot is not None else _guess_type(value)
    label = name
    if stype == "date":
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return value, None
        d = parse_date(str(value)) if isinstance(value, str) else None
        if d is None:
            return None, f"“{show_value(value)}”不是日期，应写成 2026-12-15 或 2026年12月15日"
        return d, None
    if stype == "text":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return None, "应为一段文字"
        text = clean_text(str(value))
        if not text:
            return None, "不能为空"
        return text, None
    raw = value
    percent_sign = False
    if isinstance(value, str) and clean_text(value).endswith(("%", "％")):
        percent_sign = True
        value = clean_text(value)[:-1]
    if isinstance(value, str) and len(re.sub(r"\D", "", value)) > MAX_DIGITS:
        return None, f"“{show_value(raw)}”位数太多，大得不合理，请检查"
    num = _to_number(value)
    if num is None:
        if isinstance(raw, (list, dict)):
            return None, "应为一个数值，不是列表或键值对"
        return None, f"“{show_value(raw)}”不是数值" + ("，百分比写成 98.5 或 98.5%" if stype == "percent" else "")
    if percent_sign and stype != "percent":
        return None, f"“{show_value(raw)}”带了百分号，但「{label}」不是百分比"
    lo = slot.min if slot is not None else None
    hi = slot.max if slot is not None else None
    if stype == "int":
        if isinstance(num, float):
            if not num.is_integer():
                return None, f"“{show_value(raw)}”应为整数（个数、次数、条数不能有小数）"
            num = int(num)
        if num < (lo if lo is not None else 0):
            return None, f"“{show_value(raw)}”不能为负数" if (lo is None or lo >= 0) and num < 0 else f"“{show_value(raw)}”不能小于 {_fmt(lo)}"
    elif stype == "percent":
        lo = 0 if lo is None else lo
        hi = 100 if hi is None else hi
        if num < lo:
            return None, f"“{show_value(raw)}”不能为负数" if lo >= 0 and num < 0 else f"“{show_value(raw)}”不能小于 {_fmt(lo)}%"
        if num > hi:
            return None, f"百分比“{show_value(raw)}”超过了 {_fmt(hi)}%"
        if 0 < num < 1 and not percent_sign:
            # 0.98 is usually a share written as a fraction: ask rather than write 0.98%
            return None, f"{_fmt(num)} 是否指 {_fmt(round(num * 100, 4))}%？百分比请写成 {_fmt(round(num * 100, 4))}；确实不到 1% 请写成 {_fmt(num)}%"
    else:  # decimal
        if lo is None:
            lo = 0
        if num < lo:
            return None, f"“{show_value(raw)}”不能为负数" if lo >= 0 and num < 0 else f"“{show_value(raw)}”不能小于 {_fmt(lo)}"
    if hi is not None and stype != "percent" and num > hi:
        return None, f"“{show_value(raw)}”超出合理范围（最大 {_fmt(hi)}）"
    if stype != "percent" and abs(num) >= 10**12:
        return None, f"“{show_value(raw)}”大得不合理，请检查"
    return num, None


def _guess_type(value) -> str:
    if isinstance(value, _dt.date):
        return "date"
    if isinstance(value, float):
        return "decimal"
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        return "percent"
    return "int"


def unknown_slot_message(name: str, cat: Mapping[str, Any]) -> str:
    names = list(cat)
    labels = {s.label: n for n, s in cat.items() if s.label}
    near = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    for lab in difflib.get_close_matches(name, list(labels), n=3, cutoff=0.5):
        if labels[lab] not in near:
            near.append(labels[lab])
    if not near:
        # share of common characters, for names that differ in length a lot
        scored = sorted(names, key=lambda n: -len(set(n) & set(name)) / max(len(set(n) | set(name)), 1))
        near = [n for n in scored[:3] if set(n) & set(name)]
    msg = f"未知的数据项「{name}」"
    if near:
        msg += "，是否想写：" + "、".join(near[:3]) + "？"
    return msg + "（用 drafter slots 查看全部数据项）"


@dataclass
class Issue:
    """One validation problem: where (key path, line) and what (Chinese)."""

    path: tuple
    message: str
    line: int | None = None
    severity: str = "error"
    whole: str | None = None     # a part larger than its whole: the whole's slot name

    def key(self) -> str:
        parts = []
        for p in self.path:
            if isinstance(p, int):
                parts.append(f"[{p + 1}]")
            else:
                parts.append(("." if parts else "") + str(p))
        return "".join(parts)


def validate_figures(figures: Mapping[str, Any], slots=None, *, theme: str | None = None) -> tuple[dict, list[Issue]]:
    """Check every figure against the catalogue: unknown names (with the nearest
    valid ones), types, negative counts, percentages over 100, a part larger
    than its whole (slot part_of). Returns (normalised figures, issues); issue
    paths are ("figures", name)."""
    cat = _catalogue(slots)
    out: dict[str, Any] = {}
    issues: list[Issue] = []
    unknown = 0
    for name, value in figures.items():
        if value is None:
            issues.append(Issue(("figures", name), f"「{name}」没有填数值（不需要就删去这一行）"))
            continue
        if cat and name not in cat:
            unknown += 1
            if unknown > MAX_ISSUES_SHOWN:   # never shown: no nearest names to look for (20,000 would take minutes)
                issues.append(Issue(("figures", name), f"未知的数据项「{name}」"))
                continue
        norm, err = validate_figure(name, value, cat if cat else None)
        if err:
            issues.append(Issue(("figures", name), err))
        else:
            out[name] = norm
    for name, value in out.items():
        slot = cat.get(name) if cat else None
        whole = slot.part_of if slot is not None else None
        if whole and whole in out and isinstance(value, (int, float)) and isinstance(out[whole], (int, float)):
            if value > out[whole]:
                issues.append(Issue(
                    ("figures", name),
                    f"「{name}」（{_fmt(value)}）不能大于它所属的「{whole}」（{_fmt(out[whole])}）",
                    whole=whole,
                ))
    return out, issues

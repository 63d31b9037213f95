"""Fill {slot} templates with figures; format numbers the way the corpus writes them.

Pure functions, standard library only (used on the drafting path).

    find_slots("全年主动公开政府信息{主动公开信息数}条。")  -> ["主动公开信息数"]
    fill("全年主动公开政府信息{主动公开信息数}条。", {"主动公开信息数": 1530})
        -> "全年主动公开政府信息1530条。"
    fill("办结率{依申请办结率}。", {"依申请办结率": 98.5}, types={"依申请办结率": "percent"})
        -> "办结率98.5%。"

Template syntax: ``{名称}`` is a slot; ``{{`` and ``}}`` are literal braces.
Slot names may not contain braces; they may contain digits (``{12345工单数}``).
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Mapping

from drafter.errors import DrafterError
from drafter.models import CONTEXT_SLOTS

# One token: an escaped brace or a slot.
_TOKEN_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")




class SlotError(DrafterError):
    """A template cannot be filled (missing slot, bad value, bad template)."""


class MissingSlotError(SlotError):
    def __init__(self, names: list[str], template: str):
        self.names = names
        self.template = template
        super().__init__(
            f"缺少数据项：{'、'.join(names)}（模板：{template}）",
            hint="请在数据文件的 figures: 下填写这些数据项，或换用不需要这些数据的句子。",
        )


def find_slots(template: str) -> list[str]:
    """Slot names in order of first appearance (each once). Raises SlotError on a bad template."""
    names: list[str] = []
    for m in _iter_tokens(template):
        name = m.group(1)
        if name is not None and name not in names:
            names.append(name)
    return names


def has_slots(template: str) -> bool:
    return any(m.group(1) is not None for m in _iter_tokens(template))


def _iter_tokens(template: str):
    pos = 0
    for m in _TOKEN_RE.finditer(template):
        _check_plain(template, template[pos:m.start()])
        if m.group(1) is not None and not m.group(1).strip():
            raise SlotError(f"模板中有空的数据项 {{}}：{template}", hint="在花括号中写数据项名称，或用 {{ }} 表示字面花括号。")
        pos = m.end()
        yield m
    _check_plain(template, template[pos:])


def _check_plain(template: str, chunk: str) -> None:
    if "{" in chunk or "}" in chunk:
        raise SlotError(
            f"模板中的花括号不成对：{template}",
            hint="数据项写作 {名称}；字面花括号写作 {{ 或 }}。",
        )


def escape(text: str) -> str:
    """Make literal text safe to use as a template."""
    return text.replace("{", "{{").replace("}", "}}")


def unescape(template: str) -> str:
    """Template text with {{ }} turned into literal braces (slots left as they are)."""
    return _TOKEN_RE.sub(lambda m: m.group(0) if m.group(1) is not None else m.group(0)[0], template)


def fill(
    template: str,
    values: Mapping[str, Any],
    types: Mapping[str, str] | None = None,
) -> str:
    """Replace every {slot} by its formatted value.

    ``types`` maps slot name -> slot type (int | decimal | percent | date | year | text);
    without it the Python type of the value decides (percent needs the type, or a
    value given as a string ending in %). Raises MissingSlotError naming every
    missing slot.
    """
    missing = [n for n in find_slots(template) if values.get(n) is None]
    if missing:
        raise MissingSlotError(missing, template)
    types = types or {}

    def repl(m: re.Match) -> str:
        name = m.group(1)
        if name is None:
            return m.group(0)[0]
        return format_value(values[name], types.get(name))

    return _TOKEN_RE.sub(repl, template)


def fillable(template: str, available: Iterable[str]) -> bool:
    have = set(available)
    return all(n in have for n in find_slots(template))


def format_value(value: Any, kind: str | None = None) -> str:
    """Format one value as the corpus writes it.

    int: 1530 (no thousands separator) · decimal: as given (63.6; 1594.0 -> 1594) ·
    percent: 98.5% (a value given as "98.5%" stays) · date: 2026年12月15日 ·
    year: 2026 · text: as given.
    """
    if kind == "date" or isinstance(value, (_dt.date, _dt.datetime)):
        return format_date(value)
    if kind in ("text",):
        return str(value)
    if isinstance(value, bool):
        raise SlotError(f"数据项的值不能是是/否：{value}", hint="请填写数字。")
    if kind == "percent":
        text = str(value).strip()
        if text.endswith("%") or text.endswith("％"):
            return _number_text(text[:-1]) + "%"
        return _number_text(value) + "%"
    if kind == "year":
        return str(int(value))
    if kind == "int":
        return _number_text(value)
    if isinstance(value, str):
        text = value.strip()
        if _DATE_RE.match(text):
            return format_date(text)
        return text
    return _number_text(value)


def _number_text(value: Any) -> str:
    """A number without separators: ints as ints, decimals without trailing noise."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise SlotError(f"数据项的值不是有效数字：{value}", hint="请填写数字。")
        if value.is_integer():
            return str(int(value))
        return repr(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        num = Decimal(text)
    except InvalidOperation:
        raise SlotError(f"数据项的值不是数字：{value}", hint="请填写阿拉伯数字，例如 1530 或 98.5。") from None
    if num == num.to_integral_value() and "." not in text:
        return str(int(num))
    return text


def parse_date(value: Any) -> _dt.date:
    """A date from a date object or text like 2026-12-15 / 2026年12月15日."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    m = _DATE_RE.match(str(value))
    if not m:
        raise SlotError(f"日期格式不正确：{value}", hint="请写成 2026-12-15 或 2026年12月15日。")
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise SlotError(f"日期不存在：{value}", hint="请检查年、月、日。") from None


def format_date(value: Any, *, with_year: bool = True) -> str:
    """2026年12月15日, or 12月15日 with with_year=False."""
    d = parse_date(value)
    if with_year:
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.month}月{d.day}日"


# names ending in these words are not a 乡 or 镇 (某某县城乡…, 全县乡镇)
_NOT_A_TOWNSHIP = ("城乡", "乡镇", "城镇", "村镇")


def self_reference(name: str, level: str | None, rules: Iterable[Mapping[str, str]]) -> str:
    """How a unit calls itself (我局/我镇…) from its name: the rule with the longest
    matching suffix wins (乡人民政府 → 我乡 over 人民政府 of level 乡镇 → 我镇); among
    rules of one suffix, one for the unit's level goes first, then table order.

    rules: [{"suffix": "局", "ref": "我局"}, …]; a rule may carry "level" to apply
    only to that level (人民政府 → 我县/我镇). A name ending in 城乡/乡镇/城镇 is not a
    乡 or 镇, and 乡村 names end in 村 (no rule). Falls back to 我单位.
    """
    name = (name or "").strip()
    best: tuple[int, int, int] | None = None
    ref = "我单位"
    for i, rule in enumerate(rules):
        suffix = rule.get("suffix") or ""
        if not suffix or (rule.get("level") and rule["level"] != level) or not name.endswith(suffix):
            continue
        if suffix in ("乡", "镇") and name.endswith(_NOT_A_TOWNSHIP):
            continue
        key = (len(suffix), 1 if rule.get("level") else 0, -i)
        if best is None or key > best:
            best, ref = key, rule["ref"]
    return ref


_PARENT = re.compile(r"(街道|镇|乡)")
_BASIC = re.compile(r"(村|社区)")


def parent_division(name: str) -> str:
    """The division a 村 or 社区 belongs to, as its name says: 某某镇某某村村民委员会
    -> 镇, 某某街道幸福社区居民委员会 -> 街道; '' when the name does not say."""
    basic = [m.start() for m in _BASIC.finditer(name)]
    if not basic:
        return ""
    found = [m.group(1) for m in _PARENT.finditer(name) if m.start() < basic[0]]
    return found[-1] if found else ""


def context_values(
    profile: Any,
    *,
    self_refs: Iterable[Mapping[str, str]] = (),
    superiors: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Values of the context slots for a unit profile (UnitProfile-like object).

    年度 / 下一年度 / 上一年度 from profile.year; 单位 from profile.name;
    单位简称 from the self-reference rules; 上级单位 from the level table
    (key "<level><department>" first, e.g. 县人民政府, then the level).
    ``overrides`` (e.g. the figures mapping) wins, so a user can write 单位简称: 我中心.
    截至日期 is only present when given in overrides.
    """
    overrides = dict(overrides or {})
    values: dict[str, Any] = {}
    year = overrides.get("年度", getattr(profile, "year", None))
    if year is not None:
        year = int(year)
        values.update({"年度": year, "下一年度": year + 1, "上一年度": year - 1})
    name = getattr(profile, "name", "") or ""
    level = getattr(profile, "level", None)
    if name:
        values["单位"] = name
    values["单位简称"] = self_reference(name, level, self_refs)
    sup = (superiors or {})
    # the unit's own level, unless the unit is that level's government itself
    # (县人民政府 answers to 市委、市政府): then "<level>人民政府" in the table wins
    dept = getattr(profile, "department", None) or ""
    values["上级单位"] = (sup.get(f"{level}:{parent_division(name)}") if level == "社区" else None) \
        or sup.get(f"{level}{dept}", sup.get(level or "", sup.get("default", "上级党委、政府")))
    for key, val in overrides.items():
        if key in CONTEXT_SLOTS and val is not None:
            values[key] = val
    return values

"""Slots: the one slot type and its catalogue (the figures a draft can use).

    cat = load_catalogue()                          # the curated drafter/data/slots.yaml
    cat = load_catalogue(bank / "slots.json")       # a phrase bank's catalogue (drafter mine)
    cat.slots, cat.context, cat.by_name(), cat.for_figures()
    cat.to_json(proposed)                           # slots.json text, byte for byte deterministic

Both formats go through the same checks (names, fields, types, part_of, templates);
a bad entry raises DrafterError naming the file and the slot. The format is
described at the top of drafter/data/slots.yaml and in docs/DESIGN.md.

Standard library only at import: the phrase bank (drafting path) uses this
module; PyYAML is imported only to read slots.yaml.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from drafter.errors import DrafterError
from drafter.models import USER_CONTEXT_SLOTS

# Types a slot may have (context slots: year | text | date).
SLOT_TYPES = ("int", "decimal", "percent", "date", "year", "text")

_REMINE = "请重新运行 drafter mine 生成短语库。"


@dataclass(frozen=True)
class Slot:
    """One figure (or context value) a phrase template can use as {name}."""

    name: str
    label: str = ""                   # the wizard's question, with the unit in brackets
    unit: str = ""                    # measure word written after the number
    type: str = "int"                 # see SLOT_TYPES
    min: float | None = None
    max: float | None = None
    themes: tuple[str, ...] = ()      # empty = any theme
    families: tuple[str, ...] = ()    # empty = any family
    group: str = ""                   # the wizard asks a group's figures together
    order: int = 0
    part_of: str | None = None        # the whole this figure is a part of (part <= whole)
    aliases: tuple[str, ...] = ()     # how the corpus names the figure (miner)
    template: str = ""                # default sentence when the bank has none
    zero: str | None = None           # sentence used when the figure is 0
    context: bool = False             # filled from the unit/year, not asked
    proposed: bool = False            # proposed by the miner, not curated
    evidence: tuple[str, ...] = ()    # for proposed slots: phrases that motivated them
    example: Any = None
    required: bool = False            # the wizard does not let the user skip it

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, context: bool | None = None) -> "Slot":
        if not isinstance(d, Mapping) or not d.get("name"):
            raise ValueError("数据项缺少 name")
        kw = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        for key in ("themes", "families", "aliases", "evidence"):
            if key in kw:
                kw[key] = tuple(kw[key] or ())
        if context is not None:
            kw["context"] = context
        kw["name"] = str(kw["name"])
        return cls(**kw)

    def to_dict(self) -> dict[str, Any]:
        """The non-empty fields (the slots.json entry)."""
        out: dict[str, Any] = {}
        for key in self.__dataclass_fields__:
            val = getattr(self, key)
            if isinstance(val, tuple):
                val = list(val)
            if val is None or val is False or (isinstance(val, (list, str)) and not val):
                continue
            out[key] = val
        return out

    @property
    def question(self) -> str:
        """What the wizard asks: the label, else the name."""
        return self.label or self.name

    def applies_to(self, theme: str | None, family: str | None) -> bool:
        if self.themes and theme not in self.themes:
            return False
        if self.families and family not in self.families:
            return False
        return True


@dataclass(frozen=True)
class Catalogue:
    """The slot catalogue: figure slots, context slots, and the words that fill
    {单位简称} (self_reference rules) and {上级单位} (superiors by level)."""

    slots: tuple[Slot, ...]
    context: tuple[Slot, ...] = ()
    self_reference: list = field(default_factory=list)
    superiors: dict = field(default_factory=dict)

    def by_name(self) -> dict[str, Slot]:
        """Every slot by name, context slots first."""
        return {s.name: s for s in self.context + self.slots}

    def for_figures(self) -> dict[str, Slot]:
        """The slots a figures file may set: every figure slot and the context
        slots a user may give (截至日期, 单位简称, 上级单位)."""
        out = {s.name: s for s in self.slots}
        out.update((s.name, s) for s in self.context if s.name in USER_CONTEXT_SLOTS)
        return out

    def to_json(self, proposed: tuple[Slot, ...] | list[Slot] = ()) -> str:
        """slots.json text: deterministic (sorted keys, slots in catalogue order, proposals by name)."""
        data = {
            "version": 1,
            "context": [s.to_dict() for s in self.context],
            "slots": [s.to_dict() for s in self.slots] + [s.to_dict() for s in sorted(proposed, key=lambda s: s.name)],
            "self_reference": self.self_reference,
            "superiors": self.superiors,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """The catalogue in drafter/data/slots.yaml (default) or in a bank's slots.json.

    Raises DrafterError naming the file (and the line or the slot)."""
    if path is None:
        from drafter.paths import data_file

        path = data_file("slots.yaml")
    path = Path(path)
    if path.suffix == ".json":
        data = read_json(path)
    else:
        from drafter.datafiles import read_table

        data = read_table(path)
    return parse_catalogue(data, path)


def read_json(path: Path, *, required: bool = True) -> Any:
    """A JSON file of a phrase bank (slots.json, manifest.json); errors name the file and line."""
    if not path.exists():
        if required:
            raise DrafterError(f"短语库缺少文件：{path}", hint=_REMINE)
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DrafterError(f"短语库文件不是 UTF-8 编码：{path}", hint=_REMINE) from None
    except json.JSONDecodeError as exc:
        raise DrafterError(
            f"短语库文件已损坏：{path} 第 {exc.lineno} 行第 {exc.colno} 列（{exc.msg}）",
            hint="请修正该行，或重新运行 drafter mine 生成短语库。",
        ) from None


class _Problems:
    """How a problem is reported: a bank file (re-mine it) or the curated table (edit it)."""

    def __init__(self, path: Path):
        self.path = path
        self.bank = path.suffix == ".json"

    def structure(self) -> DrafterError:
        if self.bank:
            return DrafterError(f"短语库文件内容有误：{self.path}（应包含 slots 列表）", hint=_REMINE)
        return DrafterError(f"数据项目录文件应包含 slots: 列表：{self.path}")

    def nameless(self, key: str, i: int, entry: Any) -> DrafterError:
        if self.bank:
            return DrafterError(f"短语库文件内容有误：{self.path} 的 {key} 第 {i} 项（数据项缺少 name）", hint=_REMINE)
        return DrafterError(f"数据项目录文件 {self.path} 的 {key}: 中有一项缺少 name：{entry}")

    def slot(self, key: str, i: int, problem: str) -> DrafterError:
        """problem: "数据项「名称」…"."""
        if self.bank:
            return DrafterError(f"短语库文件内容有误：{self.path} 的 {key} 第 {i} 项（{problem}）", hint=_REMINE)
        return DrafterError(f"数据项目录文件 {self.path} 中{problem}")


_FIELDS = frozenset(Slot.__dataclass_fields__)


def parse_catalogue(data: Any, path: Path) -> Catalogue:
    """Check and build a Catalogue from a parsed slots.yaml / slots.json."""
    report = _Problems(path)
    if not isinstance(data, dict) or not isinstance(data.get("slots"), list):
        raise report.structure()
    parts: dict[str, list[Slot]] = {"context": [], "slots": []}
    seen: set[str] = set()
    for key, ctx in (("context", True), ("slots", False)):
        for i, entry in enumerate(data.get(key) or [], 1):
            if not isinstance(entry, dict) or not entry.get("name"):
                raise report.nameless(key, i, entry)
            problem = _entry_problem(entry, seen)
            if problem:
                raise report.slot(key, i, problem)
            seen.add(str(entry["name"]))
            if "example" in entry and not isinstance(entry["example"], (int, float, str)):
                entry = {**entry, "example": str(entry["example"])}
            try:
                parts[key].append(Slot.from_dict(entry, context=ctx))
            except (ValueError, TypeError) as exc:
                raise report.slot(key, i, f"数据项「{entry['name']}」格式不对（{exc}）") from None
    for i, s in enumerate(parts["slots"], 1):
        if s.part_of and s.part_of not in seen:
            raise report.slot("slots", i, f"数据项「{s.name}」的 part_of「{s.part_of}」不存在")
        if s.template and f"{{{s.name}}}" not in s.template:
            raise report.slot("slots", i, f"数据项「{s.name}」的 template 没有用到 {{{s.name}}}")
    return Catalogue(
        slots=tuple(parts["slots"]),
        context=tuple(parts["context"]),
        self_reference=list(data.get("self_reference") or []),
        superiors=dict(data.get("superiors") or {}),
    )


def _entry_problem(entry: dict, seen: set[str]) -> str | None:
    name = str(entry["name"])
    unknown = set(entry) - _FIELDS
    if unknown:
        return f"数据项「{name}」有未知字段：{'、'.join(sorted(unknown))}"
    if entry.get("type", "int") not in SLOT_TYPES:
        return f"数据项「{name}」的 type 应为 {' | '.join(SLOT_TYPES)}"
    if name in seen:
        return f"数据项「{name}」重复"
    return None


@lru_cache(maxsize=1)
def slot_levels() -> dict[str, tuple[tuple[str, ...] | None, tuple[str, ...]]]:
    """`slot_levels:` of drafter/data/slots.yaml: slot name -> (levels it exists at, or None
    for every level; levels it never exists at). A 街道 publishes no 政府公报."""
    from drafter.datafiles import read_table
    from drafter.errors import DrafterError
    from drafter.paths import data_file

    path = data_file("slots.yaml")
    raw = (read_table(path) or {}).get("slot_levels") or {}
    if not isinstance(raw, Mapping):
        raise DrafterError(f"数据表 {path} 中的“slot_levels”应是以数据项名称为键的键值对。")
    out = {}
    for name, rule in raw.items():
        if not isinstance(rule, Mapping) or not set(rule) <= {"levels", "not_levels"}:
            raise DrafterError(f"数据表 {path} 中的“slot_levels.{name}”应写成 {{levels: [...]}} 或 {{not_levels: [...]}}。")
        only = rule.get("levels")
        out[str(name)] = (tuple(map(str, only)) if only else None, tuple(map(str, rule.get("not_levels") or ())))
    return out


def fits_level(name: str, level: str | None) -> bool:
    """Whether a figure makes sense for a unit of that level (unknown level: yes)."""
    rule = slot_levels().get(name)
    if rule is None or not level:
        return True
    only, never = rule
    return (only is None or level in only) and level not in never

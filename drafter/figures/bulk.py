"""Bulk files: defaults plus a list of units, each validated on its own.

    load_bulk(path, slots=None) -> BulkSpec        # file-level problems raise InputError
    parse_bulk_text(text, source="…", slots=None) -> BulkSpec
    merge_defaults(defaults, unit) -> dict         # a unit's keys win; figures/signature merged

A unit's own errors are collected in BulkSpec.units[i].errors and do not stop
the others; every message names the file, the unit and the line (a key taken
from defaults: the line in defaults).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from drafter.errors import InputError
from drafter.figures.load import validate_mapping
from drafter.figures.messages import format_issues
from drafter.figures.schema import UnitSpec
from drafter.figures.values import Issue
from drafter.figures.yamlsafe import Located, read_file, read_yaml
from drafter.textutil import clean_text


@dataclass
class BulkUnit:
    """One entry of a bulk file: a valid spec, or the errors that stop it."""

    index: int                  # 0-based position in units:
    name: str                   # unit name as written (or "第N个单位")
    line: int | None
    spec: UnitSpec | None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.spec is not None


@dataclass
class BulkSpec:
    source: str
    defaults: dict
    units: list[BulkUnit]

    @property
    def valid(self) -> list[UnitSpec]:
        return [u.spec for u in self.units if u.spec is not None]

    @property
    def failed(self) -> list[BulkUnit]:
        return [u for u in self.units if u.spec is None]


_MERGED_DICT_KEYS = ("figures", "signature")


def merge_defaults(defaults: Mapping, unit: Mapping) -> dict:
    """A unit's keys win; figures and signature are merged key by key."""
    out = dict(defaults)
    for k, v in unit.items():
        if k in _MERGED_DICT_KEYS and isinstance(v, Mapping) and isinstance(out.get(k), Mapping):
            merged = dict(out[k])
            merged.update(v)
            out[k] = merged
        else:
            out[k] = v
    return out


def parse_bulk_text(text: str, source: str = "批量文件", slots=None) -> BulkSpec:
    located = read_yaml(text, source)
    data = located.data
    if isinstance(data, Mapping) and "unit" in data and "units" not in data:
        data_units = [data]
        defaults: dict = {}
        unit_base = lambda i: ()  # noqa: E731
    else:
        if not isinstance(data, Mapping) or "units" not in data:
            raise InputError(f"{source}：批量文件应包含 units:（单位列表）", hint="格式见 examples/units.yaml 或 drafter schema。")
        extra = [k for k in data if k not in ("defaults", "units")]
        if extra:
            raise InputError(f"{source}：第 {located.line_of((extra[0],))} 行，未知的键「{extra[0]}」，批量文件顶层只能有 defaults 和 units")
        defaults = data.get("defaults") or {}
        if not isinstance(defaults, Mapping):
            raise InputError(f"{source}：第 {located.line_of(('defaults',))} 行，defaults 应为键值对")
        if "unit" in defaults:
            raise InputError(f"{source}：第 {located.line_of(('defaults', 'unit'))} 行，defaults 里不能写 unit（每个单位在 units 里各写各的）")
        bad = [k for k in defaults if k not in UnitSpec.model_fields]
        if bad:
            near = difflib.get_close_matches(str(bad[0]), list(UnitSpec.model_fields), n=2, cutoff=0.5)
            raise InputError(
                f"{source}：第 {located.line_of(('defaults', bad[0]))} 行，defaults 中未知的键「{bad[0]}」"
                + (f"，是否想写：{'、'.join(near)}？" if near else "")
            )
        data_units = data.get("units")
        if not isinstance(data_units, list) or not data_units:
            raise InputError(f"{source}：第 {located.line_of(('units',))} 行，units 应为非空列表（每个单位以“- unit: …”开头）")
        unit_base = lambda i: ("units", i)  # noqa: E731
    units: list[BulkUnit] = []
    for i, raw in enumerate(data_units):
        base = unit_base(i)
        name = raw.get("unit") if isinstance(raw, Mapping) and isinstance(raw.get("unit"), str) else None
        label = clean_text(name) if name else f"第 {i + 1} 个单位"
        if not isinstance(raw, Mapping):
            msg = format_issues(source, label, [Issue(base, "应为键值对（unit: 单位名称 …）", located.line_of(base))])
            units.append(BulkUnit(i, label, located.line_of(base), None, [msg]))
            continue
        merged = merge_defaults(defaults, raw)
        # line lookup: keys the unit wrote point into the unit, defaults into defaults:
        spec, issues = validate_mapping(merged, _BulkLocated(located, base, raw), (), slots)
        if issues:
            units.append(BulkUnit(i, label, located.line_of(base), None, [format_issues(source, label, issues)]))
        else:
            units.append(BulkUnit(i, label, located.line_of(base), spec, []))
    return BulkSpec(source=source, defaults=dict(defaults), units=units)


class _BulkLocated(Located):
    """Line lookup for a merged unit: the unit's own keys, else the defaults."""

    def __init__(self, located: Located, base: tuple, raw: Mapping):
        super().__init__(located.data, located.root)
        self._outer = located
        self._base = base
        self._raw = raw
        self._cleaned: dict[int, set[str]] = {}

    def _has(self, mapping: Mapping, key) -> bool:
        """key among mapping's keys as the schema sees them (cleaned: a key written
        with a zero-width space is reported under its cleaned name)."""
        keys = self._cleaned.get(id(mapping))
        if keys is None:
            keys = self._cleaned[id(mapping)] = {clean_text(str(k)) for k in mapping}
        return clean_text(str(key)) in keys

    def line_of(self, path: Iterable) -> int | None:
        path = tuple(path)
        if not self._base:
            return self._outer.line_of(path)
        own = path[:1] and self._has(self._raw, path[0])
        defaults = self._outer.data.get("defaults") if isinstance(self._outer.data, Mapping) else None
        if path and not own:
            if isinstance(defaults, Mapping) and path[0] in defaults:
                return self._outer.line_of(("defaults",) + path)
            return self._outer.line_of(self._base)   # missing everywhere: the unit's own line
        if len(path) >= 2 and path[0] in _MERGED_DICT_KEYS and isinstance(self._raw.get(path[0]), Mapping):
            if not self._has(self._raw[path[0]], path[1]):
                return self._outer.line_of(("defaults",) + path)
        return self._outer.line_of(self._base + path)


def load_bulk(path: str | Path, slots=None) -> BulkSpec:
    """Load a bulk file. File-level problems raise InputError; a unit's own
    errors are collected in BulkSpec.units[i].errors and do not stop the others."""
    text = read_file(path)
    try:
        return parse_bulk_text(text, source=str(path), slots=slots)
    except InputError as exc:                    # a full-width colon gets a hint that says so
        from drafter.figures.messages import with_colon_hint

        raise with_colon_hint(exc, text) from None

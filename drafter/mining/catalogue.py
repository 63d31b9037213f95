"""The slot catalogue (drafter/data/slots.yaml): load, validate, write as slots.json."""

from __future__ import annotations

from drafter.datafiles import read_table

import json
from pathlib import Path
from typing import Any

from drafter.bank import Slot
from drafter.errors import DrafterError
from drafter.paths import data_file
from drafter.slotfill import SLOT_TYPES

_FIELDS = set(Slot.__dataclass_fields__)


def load_catalogue(path: str | Path | None = None) -> dict[str, Any]:
    """{"context": [Slot], "slots": [Slot], "self_reference": [...], "superiors": {...}}.

    Raises DrafterError naming the file and the slot for a bad entry.
    """

    path = Path(path) if path else data_file("slots.yaml")
    raw = read_table(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("slots"), list):
        raise DrafterError(f"数据项目录文件应包含 slots: 列表：{path}")
    out: dict[str, Any] = {"context": [], "slots": []}
    seen: set[str] = set()
    for key, ctx in (("context", True), ("slots", False)):
        for entry in raw.get(key) or []:
            if not isinstance(entry, dict) or not entry.get("name"):
                raise DrafterError(f"数据项目录文件 {path} 的 {key}: 中有一项缺少 name：{entry}")
            name = str(entry["name"])
            unknown = set(entry) - _FIELDS
            if unknown:
                raise DrafterError(f"数据项目录文件 {path} 中数据项「{name}」有未知字段：{'、'.join(sorted(unknown))}")
            if entry.get("type", "int") not in SLOT_TYPES:
                raise DrafterError(f"数据项目录文件 {path} 中数据项「{name}」的 type 应为 {' | '.join(SLOT_TYPES)}")
            if name in seen:
                raise DrafterError(f"数据项目录文件 {path} 中数据项「{name}」重复")
            seen.add(name)
            if "example" in entry and not isinstance(entry["example"], (int, float, str)):
                entry = {**entry, "example": str(entry["example"])}
            out[key].append(Slot.from_dict(entry, context=ctx))
    names = {s.name for s in out["slots"]} | {s.name for s in out["context"]}
    for s in out["slots"]:
        if s.part_of and s.part_of not in names:
            raise DrafterError(f"数据项目录文件 {path} 中数据项「{s.name}」的 part_of「{s.part_of}」不存在")
        if s.template and f"{{{s.name}}}" not in s.template:
            raise DrafterError(f"数据项目录文件 {path} 中数据项「{s.name}」的 template 没有用到 {{{s.name}}}")
    out["self_reference"] = list(raw.get("self_reference") or [])
    out["superiors"] = dict(raw.get("superiors") or {})
    return out


def catalogue_json(catalogue: dict[str, Any], proposed: list[Slot] = ()) -> str:
    """slots.json text: deterministic (sorted keys, slots in catalogue order, proposals by name)."""
    data = {
        "version": 1,
        "context": [s.to_dict() for s in catalogue["context"]],
        "slots": [s.to_dict() for s in catalogue["slots"]] + [s.to_dict() for s in sorted(proposed, key=lambda s: s.name)],
        "self_reference": catalogue["self_reference"],
        "superiors": catalogue["superiors"],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"

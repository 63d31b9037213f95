"""Rewrite level words (全区, 县政府, 我镇 …) to the drafted unit's own level.

The table is data: drafter/data/levels.yaml. Pure functions; the table is read
once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.datafiles import read_table


@lru_cache(maxsize=1)
def load_table() -> dict[str, dict[str, str]]:
    from drafter import paths

    path = paths.data_file("levels.yaml")
    raw = read_table(path) or {}
    return {str(k): {str(a): str(b) for a, b in (v or {}).items()} for k, v in raw.items()}


def level_key(level: str | None, self_ref: str = "") -> str | None:
    """The key of levels.yaml for a unit: its level when the table has it (县/区/市/街道),
    乡 or 镇 for a 乡镇 (by its self-reference 我乡/我镇), else None."""
    if level == "乡镇":
        return "乡" if "乡" in self_ref else "镇"
    return level if level and level in load_table() else None


@lru_cache(maxsize=16)
def _pattern(key: str) -> tuple[re.Pattern, dict[str, str]] | None:
    table = load_table().get(key)
    if not table:
        return None
    words = sorted(table, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), table


def adapt_level(text: str, key: str | None, keep: tuple[str, ...] = ()) -> str:
    """Rewrite the level words of text for a unit whose level key is key;
    the strings in keep (the unit's own name, its superiors) are left as they are."""
    if not key or not text:
        return text
    compiled = _pattern(key)
    if compiled is None:
        return text
    rx, table = compiled
    keep = tuple(k for k in keep if k)
    if not keep:
        return rx.sub(lambda m: table[m.group(0)], text)
    guard = re.compile("(" + "|".join(map(re.escape, sorted(keep, key=len, reverse=True))) + ")")
    parts = guard.split(text)
    return "".join(p if i % 2 else rx.sub(lambda m: table[m.group(0)], p) for i, p in enumerate(parts))

"""Placeholders (XX, 202_, deleted figures): found and recorded, never treated as text.

The marks and their patterns are data: the `placeholders:` list of drafter/data/cleaning.yaml.
"""

from __future__ import annotations

from drafter.datafiles import read_table

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.paths import data_file


@dataclass(frozen=True)
class PlaceholderRule:
    mark: str
    pattern: re.Pattern
    example: str = ""


@lru_cache(maxsize=1)
def load_placeholder_rules() -> tuple[PlaceholderRule, ...]:

    raw = read_table(data_file("cleaning.yaml"))
    return tuple(
        PlaceholderRule(str(r["mark"]), re.compile(r["pattern"]), r.get("example", ""))
        for r in raw.get("placeholders") or []
    )


def find_placeholders(text: str, rules: tuple[PlaceholderRule, ...] | None = None) -> list[str]:
    """Marks present in text, in rule order, each once (e.g. ["XX", "deleted_figure"])."""
    rules = load_placeholder_rules() if rules is None else rules
    return [r.mark for r in rules if r.pattern.search(text)]

"""Figures files: the YAML a user (or the wizard) writes for one unit or many.

One schema for `drafter draft`, `drafter bulk` and the wizard's saved answers::

    unit: 某某县民政局            # required
    year: 2026                   # report year (default: this year; before March, last year)
    theme: 政务公开               # 政务公开 | 年度综合 | 乡村振兴·帮扶 (default: inferred)
    with_plan: false             # title …工作总结及2027年工作思路
    level: 县                    # optional overrides of the inferred profile
    department: 民政局
    family: 民政社保
    figures:                     # slot name -> number / percent / date
      主动公开信息数: 1530
    highlights: ["…"]            # the unit's own items, kept verbatim
    problems: auto               # auto (from the phrase bank) | list of own sentences
    plans: auto
    signature: {name: 某某县民政局, date: 2026-12-20}
    seed: 7

A bulk file has ``defaults:`` (any key above but ``unit``) and ``units:``
(a list of such mappings); a unit's keys win over the defaults, and its
``figures`` are merged into the default figures.

Public API (used by drafting, the wizard and the checker), re-exported here:

    load_figures(path, slots=None) -> UnitSpec           # raises InputError
    load_bulk(path, slots=None) -> BulkSpec              # per-unit errors collected
    parse_figures_text(text, source="…", slots=None) -> UnitSpec
    validate_figures(figures, slots=None, *, theme=None) -> (normalised dict, list[Issue])
    validate_figure(name, value, slots=None) -> (normalised value, error message | None)
    UnitSpec.to_yaml() -> str                            # same format back
    slot_catalogue(bank_dir=None) -> dict[str, Slot]     # the slots figures may use

Every message is Chinese and names the file, the unit, the key and the line.

Modules: limits (the numbers), yamlsafe (YAML with line numbers and guards),
schema (UnitSpec, Signature; aliases from drafter/data/aliases.yaml), values
(figure checks, numbers, dates), messages (pydantic errors in Chinese, from
drafter/data/messages.yaml), load (one unit's file), bulk (defaults + units).

The names below are imported on first use, so that `drafter.figures.limits`
(the wizard's prompts) does not load pydantic and PyYAML.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from drafter.figures.limits import (  # noqa: F401 - re-exported
    MAX_DIGITS,
    MAX_EXPANDED_NODES,
    MAX_FILE_BYTES,
    MAX_LIST_ITEMS,
    MAX_TEXT_CHARS,
    MAX_UNIT_CHARS,
    MAX_YEAR,
    MIN_YEAR,
)

# public name -> the submodule that defines it
_EXPORTS = {
    "BulkSpec": "bulk",
    "BulkUnit": "bulk",
    "load_bulk": "bulk",
    "merge_defaults": "bulk",
    "parse_bulk_text": "bulk",
    "load_figures": "load",
    "parse_figures_text": "load",
    "validate_mapping": "load",
    "format_issues": "messages",
    "pydantic_message": "messages",
    "Signature": "schema",
    "UnitSpec": "schema",
    "default_year": "schema",
    "json_schema": "schema",
    "Issue": "values",
    "parse_date": "values",
    "slot_catalogue": "values",
    "unknown_slot_message": "values",
    "validate_figure": "values",
    "validate_figures": "values",
    "Located": "yamlsafe",
    "read_file": "yamlsafe",
    "read_yaml": "yamlsafe",
}

__all__ = sorted(_EXPORTS) + [
    "MAX_DIGITS", "MAX_EXPANDED_NODES", "MAX_FILE_BYTES", "MAX_LIST_ITEMS",
    "MAX_TEXT_CHARS", "MAX_UNIT_CHARS", "MAX_YEAR", "MIN_YEAR",
]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # what static tools should see
    from drafter.figures.bulk import BulkSpec, BulkUnit, load_bulk, merge_defaults, parse_bulk_text  # noqa: F401
    from drafter.figures.load import load_figures, parse_figures_text, validate_mapping  # noqa: F401
    from drafter.figures.messages import format_issues, pydantic_message  # noqa: F401
    from drafter.figures.schema import Signature, UnitSpec, default_year, json_schema  # noqa: F401
    from drafter.figures.values import (  # noqa: F401
        Issue,
        parse_date,
        slot_catalogue,
        unknown_slot_message,
        validate_figure,
        validate_figures,
    )
    from drafter.figures.yamlsafe import Located, read_file, read_yaml  # noqa: F401

"""Read the YAML data tables fast: libyaml's C loader when PyYAML has it.

The pure-Python loader spends ~40 ms on a table such as check.yaml; the
draft path reads several of them, so this matters for start-up.
"""

from __future__ import annotations

from typing import Any


def safe_load(text: str) -> Any:
    """yaml.safe_load, through the C loader when available (same results, same errors)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader

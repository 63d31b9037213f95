"""What the checker knows about the unit: CheckSpec, from a UnitSpec, a mapping or keywords."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping


@dataclass
class CheckSpec:
    """What the checker needs to know about the unit (from a UnitSpec or a dict)."""

    unit: str | None = None
    year: int | None = None
    figures: dict[str, Any] | None = None
    signature_name: str | None = None
    own_text: tuple[str, ...] = ()   # the unit's own highlights/problems/plans/work points (their numbers are the unit's)
    level: str | None = None         # the unit's level, department and family when the figures file sets them
    department: str | None = None
    family: str | None = None


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _figures_of(figures: Any) -> dict[str, Any] | None:
    figs = _get(figures, "figures")
    if figs is not None and not isinstance(figs, Mapping):
        if hasattr(figs, "model_dump"):
            figs = figs.model_dump()
        elif hasattr(figs, "items"):
            figs = dict(figs.items())
        else:
            figs = None
    if figs is not None:
        figs = {str(k): v for k, v in figs.items() if v is not None}
    return figs


def as_check_spec(figures: Any) -> CheckSpec:
    """Accept a drafter.figures.UnitSpec, a plain mapping (unit, year, figures) or None."""
    if figures is None:
        return CheckSpec()
    if isinstance(figures, CheckSpec):
        return figures
    unit = _get(figures, "unit")
    if unit is not None and not isinstance(unit, str):
        unit = _get(unit, "name") or str(unit)
    year = _get(figures, "year")
    try:
        year = int(year) if year is not None else None
    except (TypeError, ValueError):
        year = None
    sig = _get(figures, "signature")
    sig_name = _get(sig, "name") if sig is not None else None
    own: list[str] = []
    for key in ("highlights", "problems", "plans"):
        items = _get(figures, key)
        if isinstance(items, (list, tuple)):
            own.extend(str(i) for i in items if isinstance(i, (str, int, float)))
    figs = _figures_of(figures)
    for item in _get(figures, "work") or ():     # work: [{title, points, figures}]
        own.append(str(_get(item, "title") or ""))
        points = _get(item, "points") or ()
        if isinstance(points, (list, tuple)):
            own.extend(str(i) for i in points if isinstance(i, (str, int, float)))
        more = _figures_of({"figures": _get(item, "figures")})
        if more:
            figs = {**more, **(figs or {})}
    return CheckSpec(unit=unit or None, year=year, figures=figs, signature_name=sig_name,
                     own_text=tuple(own), level=_text_or_none(_get(figures, "level")),
                     department=_text_or_none(_get(figures, "department")),
                     family=_text_or_none(_get(figures, "family")))


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def spec_from_args(figures: Any, unit: str | None, year: int | None) -> CheckSpec:
    """check_text's arguments: a UnitSpec / mapping with unit, year, figures, or just a
    {slot: value} mapping, with unit= and year= on top."""
    if figures is not None and (isinstance(figures, CheckSpec) or _get(figures, "figures") is not None
                                or _get(figures, "unit") is not None):
        spec = as_check_spec(figures)
    else:
        spec = CheckSpec(figures=dict(figures) if figures else None)
    if unit:
        spec.unit = unit
    if year is not None:
        spec.year = int(year)
    return spec


def load_figures_for_check(path: str | os.PathLike) -> Any:
    """The figures file given to `drafter check --figures`, fully validated (raises InputError)."""
    from drafter.figures import load_figures

    return load_figures(path)

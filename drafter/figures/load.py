"""Loading one unit's figures file: YAML -> UnitSpec, every problem with its line.

    load_figures(path, slots=None) -> UnitSpec                       # raises InputError
    parse_figures_text(text, source="…", slots=None) -> UnitSpec     # the same from text

slots: the catalogue the figures are checked against (a bank's slots;
default: drafter.figures.values.slot_catalogue()).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping

from pydantic import ValidationError

from drafter.errors import InputError
from drafter.figures.messages import clean_loc, format_issues, pydantic_message, with_colon_hint
from drafter.figures.schema import UnitSpec
from drafter.figures.values import Issue, validate_figures
from drafter.figures.yamlsafe import Located, read_file, read_yaml
from drafter.textutil import clean_text


def validate_mapping(raw, located: Located, base: tuple, slots) -> tuple[UnitSpec | None, list[Issue]]:
    """One unit's mapping checked by the schema and against the slot catalogue.
    Returns (spec, []) or (None, issues with their lines); base is the unit's
    key path in the document (("units", 3) in a bulk file)."""
    issues: list[Issue] = []
    if not isinstance(raw, Mapping):
        issues.append(Issue(base, "应为键值对（unit: 单位名称 …）", located.line_of(base)))
        return None, issues
    spec = None
    named = {}
    for k, v in raw.items():
        if isinstance(k, str):
            named[k] = v
        else:   # 2026: / true: / null: as a key (YAML reads it as a number, a truth value or nothing)
            issues.append(Issue((_key_text(k),), f"键名「{_key_text(k)}」应为文字：数字、true/false、null 不能单独作键名"
                                                 f"（如确需这样的名字，请加引号）", _key_line(located, base, k)))
    try:
        spec = UnitSpec.model_validate(named)
    except ValidationError as exc:
        seen = set()
        for err in exc.errors(include_url=False):
            loc = clean_loc(tuple(err.get("loc", ())))
            msg = pydantic_message(err)
            if (loc[:1], msg) in seen:
                continue
            seen.add((loc[:1], msg))
            item = re.match(r"第 (\d+) 项", msg)
            if item and len(loc) == 1 and loc[0] in ("highlights", "problems", "plans", "work"):
                loc = loc + (int(item[1]) - 1,)   # point at the list item itself
            issues.append(Issue(loc, msg, located.line_of(base + loc)))
    figs = raw.get("figures") if isinstance(raw.get("figures"), Mapping) else {}
    theme = spec.theme if spec else None
    cleaned = {clean_text(str(k)): v for k, v in figs.items()}
    norm, fig_issues = validate_figures(cleaned, slots, theme=theme)
    for iss in fig_issues:
        iss.line = located.line_of(base + iss.path)
        issues.append(iss)
    work_norm = _validate_work_figures(raw.get("work"), located, base, slots, theme, issues)
    if spec is not None and not issues:
        spec.figures = norm
        for item, figs in zip(spec.work, work_norm):
            item.figures = figs
    return (spec if not issues else None), issues


def _key_text(key) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _key_line(located: Located, base: tuple, key) -> int | None:
    """The line of a key that YAML read as something other than text."""
    spellings = {None: ("null", "~", "Null", "NULL", ""), True: ("true", "True", "TRUE", "yes", "on"),
                 False: ("false", "False", "FALSE", "no", "off")}
    candidates = spellings.get(key, ()) if (key is None or isinstance(key, bool)) else (str(key),)
    for text in candidates:
        line = located.line_of(base + (text,))
        if line != located.line_of(base):
            return line
    return located.line_of(base)


def _validate_work_figures(work, located: Located, base: tuple, slots, theme, issues: list[Issue]) -> list[dict]:
    """The figures of each work item, checked like the top-level ones (issues
    appended with their key path work[i].figures.name and line)."""
    out: list[dict] = []
    if not isinstance(work, list):
        return out
    for i, item in enumerate(work):
        figs = item.get("figures") if isinstance(item, Mapping) else None
        if not isinstance(figs, Mapping):
            out.append({})
            continue
        cleaned = {clean_text(str(k)): v for k, v in figs.items()}
        norm, fig_issues = validate_figures(cleaned, slots, theme=theme)
        for iss in fig_issues:
            iss.path = ("work", i) + tuple(iss.path)
            iss.line = located.line_of(base + iss.path)
            issues.append(iss)
        out.append(norm)
    return out


def parse_figures_text(text: str, source: str = "数据文件", slots=None) -> UnitSpec:
    """Validate one unit's figures given as YAML text (raises InputError)."""
    try:
        located = read_yaml(text, source)
    except InputError as exc:
        raise with_colon_hint(exc, text) from None
    data = located.data
    if isinstance(data, Mapping) and "units" in data and "unit" not in data:
        raise InputError(f"{source}：这是批量文件（含 units:），请用 drafter bulk 处理", hint="drafter bulk 文件名 -o 输出目录/")
    unit = data.get("unit") if isinstance(data, Mapping) and isinstance(data.get("unit"), str) else None
    spec, issues = validate_mapping(data, located, (), slots)
    if issues:
        n = len(issues)
        raise with_colon_hint(InputError(
            f"数据文件有 {n} 处错误：\n" + format_issues(source, unit, issues),
            hint="改正后重新运行；drafter schema 可查看格式，drafter slots 可查看数据项名称。",
        ), text)
    return spec


def load_figures(path: str | Path, slots=None) -> UnitSpec:
    """Load and validate one unit's figures file (raises InputError)."""
    return parse_figures_text(read_file(path), source=str(path), slots=slots)

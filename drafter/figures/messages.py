"""Chinese messages for figures-file errors.

    pydantic_message(err)                 # one pydantic error (dict) -> Chinese
    clean_loc(err["loc"])                 # its key path without pydantic's union branch names
    format_issues(source, unit, issues)   # one line per Issue: file, unit, line, key, message

The words are data: drafter/data/messages.yaml, read once per process by
message_table(). The validators' own messages (drafter/figures/schema.py,
values.py) pass through unchanged.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from drafter.datafiles import read_table
from drafter.errors import DrafterError
from drafter.figures.schema import Signature, UnitSpec, WorkItem
from drafter.figures.values import Issue

_FIELD_NAMES = list(UnitSpec.model_fields)
_SIG_FIELDS = list(Signature.model_fields)
_WORK_FIELDS = list(WorkItem.model_fields)


@dataclass(frozen=True)
class MessageTable:
    """drafter/data/messages.yaml."""

    types: Mapping[str, str]          # error type -> message
    prefixes: tuple[tuple[str, str], ...]   # (type prefix, message) for "date*" entries
    missing: Mapping[str, str]        # key -> message ("*" any key)
    literal: Mapping[str, str]        # key -> message ("*" any key; {expected})
    unknown_key: str                  # {name}
    unknown_near: str                 # {near}
    unknown_all: str                  # {fields}
    fallback: str


@lru_cache(maxsize=1)
def message_table() -> MessageTable:
    """The message table, read once per process (DrafterError names a broken table)."""
    from drafter.paths import data_file

    path = data_file("messages.yaml")
    raw = read_table(path)
    try:
        types = {str(k): str(v) for k, v in raw["types"].items()}
        unknown = raw["unknown_key"]
        return MessageTable(
            types={k: v for k, v in types.items() if not k.endswith("*")},
            prefixes=tuple((k[:-1], v) for k, v in types.items() if k.endswith("*")),
            missing={str(k): str(v) for k, v in raw["missing"].items()},
            literal={str(k): str(v) for k, v in raw["literal"].items()},
            unknown_key=str(unknown["message"]),
            unknown_near=str(unknown["near"]),
            unknown_all=str(unknown["all"]),
            fallback=str(raw["fallback"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DrafterError(f"数据表 {path} 格式错误：缺少或错误的键 {exc}",
                           hint="请对照文件开头的说明修改。") from None


def _by_key(table: Mapping[str, str], key) -> str:
    return table.get(str(key), table.get("*", "")) if key is not None else table.get("*", "")


def pydantic_message(err: dict) -> str:
    """A pydantic error (from ValidationError.errors()) in Chinese."""
    table = message_table()
    etype = err.get("type", "")
    loc = err.get("loc", ())
    if etype == "missing":
        return _by_key(table.missing, loc[-1] if loc else None)
    if etype == "extra_forbidden":
        return _unknown_key(table, loc)
    if etype == "value_error":   # a validator's own (Chinese) message
        e = (err.get("ctx") or {}).get("error")
        return str(e) if e else err.get("msg", "").removeprefix("Value error, ")
    if etype in table.types:
        return table.types[etype]
    if etype == "literal_error":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        return _by_key(table.literal, loc[0] if loc else None).format(expected=expected)
    for prefix, message in table.prefixes:
        if etype.startswith(prefix):
            return message
    return err.get("msg", table.fallback)


def _unknown_key(table: MessageTable, loc: tuple) -> str:
    name = str(loc[-1]) if loc else ""
    fields = _FIELD_NAMES
    if len(loc) >= 2 and loc[-2] == "signature":
        fields = _SIG_FIELDS
    elif len(loc) >= 3 and loc[0] == "work" and isinstance(loc[1], int):
        fields = _WORK_FIELDS
    near = difflib.get_close_matches(name, fields, n=2, cutoff=0.5)
    msg = table.unknown_key.format(name=name)
    if near:
        return msg + table.unknown_near.format(near="、".join(near))
    return msg + table.unknown_all.format(fields="、".join(fields))


def clean_loc(loc: Iterable) -> tuple:
    """An error's key path without the union branch names pydantic adds
    ("list[str]", "literal['auto']", "function-…")."""
    out = []
    for part in loc:
        if isinstance(part, str) and ("[" in part or part.startswith(("literal", "function"))):
            continue
        out.append(part)
    return tuple(out)


def format_issues(source: str, unit: str | None, issues: list[Issue], limit: int | None = None) -> str:
    """One line per issue, by line number: 文件，单位「…」，第 N 行，键 …：message.
    The first `limit` issues (default drafter.limits.MAX_ISSUES_SHOWN), then
    「……另有 N 处」; every line through the terminal cleaner (a key may hold escapes)."""
    from drafter.limits import MAX_ISSUES_SHOWN
    from drafter.textutil import for_terminal

    limit = MAX_ISSUES_SHOWN if limit is None else limit
    ordered = sorted(issues, key=lambda i: (i.line or 0))
    lines = []
    for iss in ordered[:limit]:
        where = [source]
        if unit:
            where.append(f"单位「{unit}」")
        if iss.line:
            where.append(f"第 {iss.line} 行")
        key = iss.key()
        if key:
            where.append(f"键 {key}")
        lines.append(for_terminal("，".join(where) + "：" + iss.message))
    if len(ordered) > limit:
        lines.append(f"……另有 {len(ordered) - limit} 处")
    return "\n".join(lines)


# A key followed by a full-width colon (an input-method slip): `unit：某某县` or `  主动公开信息数：1530`.
# (A pattern source: re compiles and caches it when an error needs it.)
_FULLWIDTH_KEY = r"^\s*([^\s:：#'\"\[\]{},-][^\s:：#'\"\[\]{},]{0,29})\s*："


def fullwidth_colon_hint(text: str) -> str | None:
    """A Chinese hint naming the first line whose key is followed by a full-width colon
    and no ASCII one (None when there is none)."""
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(_FULLWIDTH_KEY, line)
        if m and ":" not in line[: m.end()]:
            key = m.group(1)
            value = line[m.end():].strip()
            example = f"{key}: {value}" if value else f"{key}:"
            return (f"第 {n} 行“{line.strip()[:40]}”的键后面是中文（全角）冒号“：”，YAML 需要英文冒号加空格，"
                    f"应写成：{example}")
    return None


def with_colon_hint(exc, text: str):
    """The same InputError with the full-width-colon hint put first, when the text has that slip."""
    hint = fullwidth_colon_hint(text)
    if hint:
        exc.hint = hint + (f"\n      {exc.hint}" if exc.hint else "")
    return exc


@lru_cache(maxsize=1)
def _yaml_reasons() -> tuple[tuple[str, str], ...]:
    from drafter.paths import data_file

    table = read_table(data_file("yaml_zh.yaml")) or {}
    return tuple(sorted(((str(k), str(v)) for k, v in table.items()), key=lambda kv: -len(kv[0])))


def yaml_reason(problem: str) -> str:
    """The YAML parser's reason in Chinese (drafter/data/yaml_zh.yaml), the English kept as a detail."""
    try:
        for english, chinese in _yaml_reasons():
            if problem.startswith(english):
                return f"{chinese} [{problem}]"
    except DrafterError:  # a broken table must not hide the error being reported
        pass
    return problem

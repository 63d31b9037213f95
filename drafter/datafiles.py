"""Read the YAML data tables fast: libyaml's C loader when PyYAML has it.

The pure-Python loader spends ~40 ms on a table such as check.yaml; the
draft path reads several of them, so this matters for start-up.

Also the typed, cached loaders of the tables that several stages share:
`paraphrase_table()` (drafter/data/paraphrase.yaml) and `gazetteer_table()`
(drafter/data/gazetteer.yaml). A table used by one stage has its loader next
to its user (check.yaml: drafter/check/rules.py; layout.yaml: drafter/layout.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple


def safe_load(text: str) -> Any:
    """yaml.safe_load, through the C loader when available (same results, same errors)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def read_table(path) -> Any:
    """A data table (YAML file in drafter/data/ or templates/) that users may edit.

    A missing, unreadable or broken table raises DrafterError naming the file and
    the line, never a parser traceback."""
    from pathlib import Path

    from drafter.errors import DrafterError

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DrafterError(f"找不到数据表：{p}", hint="请确认安装完整，或检查设置的目录。") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DrafterError(f"无法读取数据表：{p}（{exc}）", hint="数据表应为 UTF-8 编码的 YAML 文件。") from None
    cached = _from_cache(text)
    if cached is not _MISSING:
        return cached
    import yaml

    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        problem = getattr(exc, "problem", None) or ""
        raise DrafterError(f"数据表 {p} {where}格式错误{('：' + problem) if problem else ''}",
                           hint="请检查 YAML 的缩进、冒号和引号（修改前可先备份）。") from None
    _to_cache(text, data)
    return data


# A table parsed once is kept in the user cache (drafter/usercache.py) as marshal data,
# keyed by a hash of its text: reading it back costs ~1/20 of parsing the YAML again,
# and an edited table has another key. Tables with values marshal cannot hold (dates)
# are simply parsed each time.
_MISSING = object()


def _cache_path(text: str):
    import hashlib
    import sys

    from drafter.usercache import folder

    where = folder("tables")
    if where is None:
        return None
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=20,
                          person=b"drafter-yaml-1").hexdigest()
    return where / f"{key}-{sys.implementation.cache_tag}.marshal"


def _from_cache(text: str) -> Any:
    import marshal

    path = _cache_path(text)
    if path is None:
        return _MISSING
    try:
        with open(path, "rb") as f:
            return marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        return _MISSING


def _to_cache(text: str, data: Any) -> None:
    import marshal

    from drafter.usercache import write_atomic

    path = _cache_path(text)
    if path is None:
        return
    try:
        blob = marshal.dumps(data)
    except ValueError:              # e.g. a date: not cached
        return
    write_atomic(path, blob)


def _table_error(path, key: str, what: str):
    from drafter.errors import DrafterError

    return DrafterError(f"数据表 {path} 中的“{key}”{what}。", hint="请检查该项（修改前可先备份）。")


# ---------------------------------------------------------------- paraphrase.yaml


class Tell(NamedTuple):
    """A machine-paraphrase tell-tale: `word` (a regular expression) where real 公文 write `expected`."""

    word: str
    expected: str
    weight: float                  # 1.0 = almost never seen in real 公文; lower = also a normal word
    unless_word: str | None        # a hit whose surroundings match this is a legitimate use

    @property
    def pattern(self) -> re.Pattern:
        return _paraphrase_pattern(self.word)

    @property
    def unless(self) -> re.Pattern | None:
        return _paraphrase_pattern(self.unless_word) if self.unless_word else None


class ParaphraseTable(NamedTuple):
    tells: tuple[Tell, ...]
    threshold: float
    doc_weight: float
    min_chars: int


@lru_cache(maxsize=None)
def _paraphrase_pattern(source: str) -> re.Pattern:
    """A tell-tale's regular expression, compiled when first used (a user of the table may need
    only some of them); a broken one names the table."""
    try:
        return re.compile(source)
    except re.error as exc:
        from drafter.paths import data_file

        raise _table_error(data_file("paraphrase.yaml"), source, f"不是有效的正则表达式（{exc}）") from None


def _tell(item: Any, i: int, path) -> Tell:
    where = f"tells 第 {i + 1} 项"
    if not isinstance(item, dict) or not isinstance(item.get("word"), str) \
            or not isinstance(item.get("unless") or "", str):
        raise _table_error(path, where, "应是带 word 的键值对")
    try:
        weight = float(item.get("weight", 1.0))
    except (TypeError, ValueError) as exc:
        raise _table_error(path, where, f"有误（{exc}）") from None
    return Tell(item["word"], str(item.get("expected") or ""), weight, item.get("unless") or None)


@lru_cache(maxsize=1)
def paraphrase_table() -> ParaphraseTable:
    """drafter/data/paraphrase.yaml, typed, read once per process."""
    from drafter.paths import data_file

    path = data_file("paraphrase.yaml")
    raw = read_table(path) or {}
    if not isinstance(raw, dict):
        raise _table_error(path, "顶层", "应是键值对")
    tells = tuple(_tell(item, i, path) for i, item in enumerate(raw.get("tells") or []))
    return ParaphraseTable(tells, float(raw.get("threshold", 0.5)), float(raw.get("doc_weight", 0.5)),
                           int(raw.get("min_chars", 20)))


# ---------------------------------------------------------------- gazetteer.yaml

GAZETTEER_KEYS = ("places", "people", "organisations", "programmes")


class Gazetteer(NamedTuple):
    """Names that must never reach a draft, by kind."""

    places: tuple[str, ...]
    people: tuple[str, ...]
    organisations: tuple[str, ...]
    programmes: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        """Every name, in table order."""
        return self.places + self.people + self.organisations + self.programmes


@lru_cache(maxsize=1)
def gazetteer_table() -> Gazetteer:
    """drafter/data/gazetteer.yaml, typed, read once per process."""
    from drafter.paths import data_file

    path = data_file("gazetteer.yaml")
    raw = read_table(path) or {}
    if not isinstance(raw, dict):
        raise _table_error(path, "顶层", "应是键值对")
    lists = []
    for key in GAZETTEER_KEYS:
        items = raw.get(key) or []
        if not isinstance(items, list):
            raise _table_error(path, key, "应是名称列表")
        lists.append(tuple(str(n) for n in items if n))
    return Gazetteer(*lists)

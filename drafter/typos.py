"""Scrape typos and unusable wording (drafter/data/typos.yaml).

    t = typos()                            # typed, cached
    t.fix(text)                            # safe corrections applied (相文件 -> 相关文件)
    t.found(text)                          # typos in text: [(Typo, matched text)]
    t.rejected(text, section)              # the first Reject rule text breaks, or None

Read by the miner's quality gate and by the checker. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Typo:
    wrong: str
    right: str
    pattern: re.Pattern
    replacement: str
    fix: bool
    kind: str


@dataclass(frozen=True)
class Reject:
    id: str
    pattern: re.Pattern
    reason: str
    sections: tuple[str, ...]      # empty: everywhere


@dataclass(frozen=True)
class Typos:
    typos: tuple[Typo, ...]
    rejects: tuple[Reject, ...]

    def fix(self, text: str) -> str:
        for t in self.typos:
            if t.fix:
                text = t.pattern.sub(t.replacement, text)
        return text

    def found(self, text: str) -> list[tuple[Typo, str]]:
        out = []
        for t in self.typos:
            m = t.pattern.search(text)
            if m:
                out.append((t, m.group(0)))
        return out

    def rejected(self, text: str, section: str | None = None) -> Reject | None:
        for r in self.rejects:
            if r.sections and section is not None and section not in r.sections:
                continue
            if r.pattern.search(text):
                return r
        return None


def _error(path, where: str, what: str):
    from drafter.errors import DrafterError

    return DrafterError(f"数据表 {path} 中的“{where}”{what}。", hint="请检查该项（修改前可先备份）。")


def _rx(source: Any, path, where: str) -> re.Pattern:
    try:
        return re.compile(source)
    except (re.error, TypeError) as exc:
        raise _error(path, where, f"不是有效的正则表达式（{exc}）") from None


def parse_typos(raw: Any, path) -> Typos:
    if not isinstance(raw, dict):
        raise _error(path, "顶层", "应是键值对")
    typos = []
    for i, t in enumerate(raw.get("typos") or []):
        where = f"typos 第 {i + 1} 项"
        if not isinstance(t, dict) or not t.get("wrong"):
            raise _error(path, where, "应是带 wrong 的键值对")
        wrong = str(t["wrong"])
        right = str(t.get("right", ""))
        pattern = _rx(t.get("pattern") or re.escape(wrong), path, where)
        typos.append(Typo(wrong, right, pattern, str(t.get("replacement", right)), bool(t.get("fix", False)),
                          str(t.get("kind", "typo"))))
    rejects = []
    for i, r in enumerate(raw.get("reject") or []):
        where = f"reject 第 {i + 1} 项"
        if not isinstance(r, dict):
            raise _error(path, where, "应是键值对")
        rejects.append(Reject(str(r.get("id", i)), _rx(r.get("pattern"), path, where), str(r.get("reason", "")),
                              tuple(str(s) for s in r.get("sections") or ())))
    return Typos(tuple(typos), tuple(rejects))


@lru_cache(maxsize=1)
def typos() -> Typos:
    """drafter/data/typos.yaml, typed, read once per process."""
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    path = data_file("typos.yaml")
    return parse_typos(read_table(path), path)

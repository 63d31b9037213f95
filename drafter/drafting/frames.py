"""Frames of data/annual.yaml and how a composer picks them.

    frames() -> Frames                  # annual.yaml, read once per process
    class AnnualComposer(FramePicker, Composer)
        self.one(pool, 工作=…)           # one filled frame, unused and fresh first
        self.parts(spec, …)             # a sentence of one piece per list
        self.choice(pool) / deal(pool, n)

A clause of a frame (，-separated, MIN_CLAUSE characters or more) is written once
per draft: 「为完成全年目标任务提供了有力支撑」 closing three sub-sections reads as
filler. The picker needs of its host: arng (seeded Random), used_frames, said,
avoid (level words), verbs, measures, unfit_verbs, politics, year and fill().
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from drafter.errors import DrafterError

# a clause of a frame (，-separated, this long or longer) is written once per draft:
# 「为完成全年目标任务提供了有力支撑」 closing three sub-sections reads as filler
CLAUSE_SPLIT = re.compile(r"[，。；：！？]")
MIN_CLAUSE = 6


def clauses(text: str) -> set[str]:
    """The clauses of a text that a draft says only once."""
    return {c for c in CLAUSE_SPLIT.split(text) if len(c) >= MIN_CLAUSE}


@dataclass(frozen=True)
class Frames:
    """drafter/data/annual.yaml."""

    raw: dict

    def get(self, *path: str) -> Any:
        node: Any = self.raw
        for p in path:
            if not isinstance(node, dict) or p not in node:
                raise DrafterError(f"数据表 annual.yaml 缺少“{'.'.join(path)}”。", hint="请对照文件开头的说明补上。")
            node = node[p]
        return node


@lru_cache(maxsize=1)
def frames() -> Frames:
    """The annual frames, read once per process."""
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    path = data_file("annual.yaml")
    raw = read_table(path)
    if not isinstance(raw, dict):
        raise DrafterError(f"数据表 {path} 格式错误：应为键值对。", hint="请对照文件开头的说明修改。")
    return Frames(raw)


VERB_BEFORE_SLOT = re.compile(r"(推进|推动|抓好|做好|加强|深化|抓)\{工作首?\}")
# 统计数据质量水平进一步提升, 巩固脱贫成果水平进一步提升
MEASURE_AFTER_SLOT = re.compile(r"\{工作首?\}的?(水平|质量|质效)")
HEADING_LIKE = re.compile(r"[，,；;]|^在.{2,12}上")


class FramePicker:
    """Picking and filling frames (a mixin of AnnualComposer)."""

    def frame(self, text: str, **extra: str) -> str | None:
        """A frame with its own slots ({工作} …) and the context slots filled; None
        when it does not fit (推进{工作} for a title that is itself a verb phrase)."""
        if any(v == "" and "{" + k + "}" in text for k, v in extra.items()):
            return None
        name = extra.get("工作") or extra.get("工作首") or ""
        if name and (name.startswith(self.verbs) or name.endswith(self.measures)) and VERB_BEFORE_SLOT.search(text):
            return None
        if name and (name.startswith(self.verbs) or name.endswith(self.measures)) and MEASURE_AFTER_SLOT.search(text):
            return None
        if name and any(name.endswith(end) and re.search("(" + "|".join(verbs) + r")\{工作首?\}", text)
                        for end, verbs in self.unfit_verbs.items() if verbs):
            return None
        for k, v in extra.items():
            text = text.replace("{" + k + "}", v)
        out = self.fill(text, screen=False)
        if out is not None and not self.politics.year_ok(out, self.year):
            return None    # 党的二十大 in a 2020 report (politics.yaml campaign years)
        return out

    def fitting(self, pool: list[str]) -> list[str]:
        """The frames of a pool the unit's level uses (all when none is left)."""
        return [t for t in pool if not any(w in t for w in self.avoid)] or list(pool)

    def choice(self, pool: list[str]) -> str:
        """One piece of a pool (seeded), one not yet used in this draft while there is one."""
        pool = self.fitting(pool)
        fresh = [t for t in pool if t not in self.used_frames] or list(pool)
        t = self.arng.choice(fresh)
        if t:
            self.used_frames.add(t)
        return t

    def fresh(self, text: str) -> bool:
        """True when no clause of text was written before in this draft."""
        return not (clauses(text) & self.said)

    def say(self, text: str) -> str:
        self.said |= clauses(text)
        return text

    def one(self, pool: list[str], *, optional: bool = False, **extra: str) -> str:
        """One filled frame of a pool (seeded, unused ones first) that repeats no
        clause of the draft; else, unless optional, one that does; '' when none fills."""
        order = self.fitting(pool)
        self.arng.shuffle(order)
        order.sort(key=lambda t: t in self.used_frames)
        filled = [(t, out) for t in order if (out := self.frame(t, **extra)) is not None]
        pick = next(((t, out) for t, out in filled if self.fresh(out)), None)
        if pick is None and filled and not optional:
            pick = filled[0]
        if pick is None:
            return ""
        self.used_frames.add(pick[0])
        return self.say(pick[1])

    def deal(self, pool: list[str], n: int) -> list[str]:
        """n frames of a pool, distinct while the pool lasts (seeded)."""
        order = self.fitting(pool)
        self.arng.shuffle(order)
        return [order[i % len(order)] for i in range(n)] if order else []

    def parts(self, spec: dict, *, optional: bool = False, **extra: str) -> str:
        """A sentence joined from one piece of each list of spec['parts'], one that
        repeats no clause of the draft while there is one (optional: else '')."""
        stale = ""
        for _ in range(12):
            text = "".join(self.choice(p) for p in spec["parts"])
            out = self.frame(text, **extra)
            if out is None:
                continue
            if self.fresh(out):
                return self.say(out)
            stale = stale or out
        return "" if optional else self.say(stale)

"""The miner's rules (drafter/data/mining.yaml), compiled once."""

from __future__ import annotations

from drafter.datafiles import read_table

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError
from drafter.paths import data_file


@dataclass(frozen=True)
class MiningConfig:
    raw: dict
    # sentences
    end_chars: str
    min_chars: int
    max_chars: int
    heading_min: int
    heading_max: int
    bad_starts: re.Pattern
    garbage: re.Pattern
    paraphrase: re.Pattern
    quote_bad: re.Pattern
    generic_titles: frozenset
    # functions
    intro: re.Pattern
    opening_tail: re.Pattern
    closing: re.Pattern
    problem: re.Pattern
    plan: re.Pattern
    # topics / tagging
    topics: tuple            # ((topic, (kw, …)), …)
    themes: tuple            # ((theme, (kw, …)), …)
    families: tuple
    levels: tuple
    level_words: re.Pattern
    problem_families: tuple  # ((key, pattern), …) in order
    plan_families: tuple
    # figures
    units: tuple
    approx_before: str
    approx_after: str
    not_figure: re.Pattern
    filler: str
    name_suffix: dict
    name_strip: re.Pattern
    deleted_after: str
    proposal_similarity: float
    not_counts: frozenset
    unit_classes: dict       # measure word -> class of interchangeable measure words
    # scrub
    self_reference: re.Pattern
    self_subject: re.Pattern
    superiors: re.Pattern
    xx_name: re.Pattern
    doc_number: re.Pattern
    person: re.Pattern
    person_not: re.Pattern
    place: re.Pattern
    place_not: frozenset
    name_pos: frozenset
    name_pos_not: frozenset
    single_unit_max: int
    name_max_freq: int
    generic_words: frozenset
    # ranking
    ranking: dict

    def rank(self, key: str) -> Any:
        return self.ranking[key]


def _kw(section: dict) -> tuple:
    return tuple((str(k), tuple(str(w) for w in (v or ()))) for k, v in section.items())


def _paraphrase_pattern(extra: str, min_weight: float) -> re.Pattern:

    words = [extra] if extra else []
    try:
        raw = read_table(data_file("paraphrase.yaml")) or {}
        for t in raw.get("tells") or []:
            if float(t.get("weight", 0)) >= min_weight and not t.get("unless"):
                words.append(str(t["word"]))
    except DrafterError:
        pass    # paraphrase.yaml belongs to ingest; mining.yaml's own list still applies
    return re.compile("|".join(f"(?:{w})" for w in words))


def _families(section) -> tuple:
    out = []
    for key, cues in (section or {}).items():
        cues = [str(c) for c in (cues or ())]
        if cues:
            out.append((str(key), re.compile("|".join(f"(?:{c})" for c in cues))))
    return tuple(out)


def load_config(path: str | Path | None = None) -> MiningConfig:

    path = Path(path) if path else data_file("mining.yaml")
    raw = read_table(path)
    try:
        s, f, t, g, sc, rk = (raw[k] for k in ("sentences", "functions", "tagging", "figures", "scrub", "ranking"))
        units = sorted({str(u) for u in g["units"]}, key=lambda u: (-len(u), u))
        return MiningConfig(
            raw=raw,
            end_chars=s["end"], min_chars=int(s["min_chars"]), max_chars=int(s["max_chars"]),
            heading_min=int(s["heading_min_chars"]), heading_max=int(s["heading_max_chars"]),
            bad_starts=re.compile(s["bad_starts"]), garbage=re.compile(s["garbage"]),
            paraphrase=_paraphrase_pattern(s.get("paraphrase_extra", ""), float(s.get("paraphrase_min_weight", 0.5))),
            quote_bad=re.compile(s["quote_bad"]), generic_titles=frozenset(s.get("generic_titles") or ()),
            intro=re.compile(f["intro"]), opening_tail=re.compile(f["opening_tail"]), closing=re.compile(f["closing"]),
            problem=re.compile(f["problem"]), plan=re.compile(f["plan"]),
            topics=_kw(raw["topics"]), themes=_kw(t["themes"]), families=_kw(t["families"]), levels=_kw(t["levels"]),
            level_words=re.compile(t.get("level_words") or "(?!)"),
            problem_families=_families(raw.get("problem_families")),
            plan_families=_families(raw.get("plan_families")),
            units=tuple(units), approx_before=g["approx_before"], approx_after=g["approx_after"],
            not_figure=re.compile(g["not_figure"]), filler=g["filler"], name_suffix=dict(g["name_suffix"]),
            name_strip=re.compile(g["name_strip"]), deleted_after=g["deleted_after"],
            proposal_similarity=float(g["proposal_similarity"]),
            not_counts=frozenset(g.get("measure_words_not_counts") or ()),
            unit_classes={str(u): str(cls) for cls, words in (g.get("measure_word_classes") or {}).items()
                          for u in words},
            self_reference=re.compile(sc["self_reference"]), self_subject=re.compile(sc["self_subject"]),
            superiors=re.compile(sc["superiors"]), xx_name=re.compile(sc["xx_name"]),
            doc_number=re.compile(sc["doc_number"]), person=re.compile(sc["person"]),
            person_not=re.compile(sc["person_not"]), place=re.compile(sc["place"]),
            place_not=frozenset(sc.get("place_not") or ()), name_pos=frozenset(sc.get("name_pos") or ()),
            name_pos_not=frozenset(sc.get("name_pos_not") or ()), single_unit_max=int(sc.get("single_unit_max", 1)), name_max_freq=int(sc.get("name_max_freq", 50)),
            generic_words=frozenset(sc.get("generic_words") or ()),
            ranking=dict(rk),
        )
    except (KeyError, TypeError) as exc:
        raise DrafterError(f"挖掘规则文件 {path} 缺少或写错了项：{exc}") from None
    except re.error as exc:
        raise DrafterError(f"挖掘规则文件 {path} 中有无效的正则表达式：{exc}") from None


@lru_cache(maxsize=1)
def config() -> MiningConfig:
    return load_config()

"""Who may say a phrase, and when (mining.yaml binding:, politics.yaml campaigns).

    neutral(text)                  # 「以局主要负责人为组长」 -> 「以主要负责同志为组长」
    relative_years(text, forward)  # 「国办政务公开202_年度评估」 -> 「…{上一年度}年度评估」
    Binder(docs, word_families, tokens, report)(phrase, members, units) -> Phrase | None

A phrase is bound (Phrase.years / families / levels / kinds) when
* it names a campaign: the report years of politics.yaml;
* it carries the writer's role or structure words (局主要负责人, 全办, 县局党委,
  共四个党支部 …): the departments and level groups of its sources;
* it is a coordinating office's sentence (指导各单位 …): the coordinating departments;
* it names bodies below the writer (乡镇部门文件, 各村): the level groups of its sources;
* it was written by one unit only in an annual or rural-support report and its
  words are not used across families in the corpus: that unit's family.
The reasons are counted in the mining report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from drafter.bank import Phrase, level_group
from drafter.politics import politics

_SLOT = re.compile(r"\{[^{}]+\}")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_YEAR_SLOT = {-1: "上一年度", 0: "年度", 1: "下一年度"}


@lru_cache(maxsize=1)
def settings() -> dict:
    from drafter.mining.config import config

    raw = config().raw.get("binding") or {}

    def rx(key):
        return re.compile(raw.get(key) or r"(?!)")

    return {
        "role": rx("role_words"), "programme": rx("programme"), "unit_document": rx("unit_document"), "coordinating": rx("coordinating"), "level": rx("level_words"),
        "neutral": tuple((re.compile(n["pattern"]), str(n["replacement"])) for n in raw.get("neutral") or ()),
        "generic_min_families": int(raw.get("generic_min_families", 3)),
        "generic_min_families_pairs": int(raw.get("generic_min_families_pairs", 2)),
        "single_unit_themes": tuple(raw.get("single_unit_themes") or ()),
        "single_unit_functions": tuple(raw.get("single_unit_functions") or ()),
        "shared_themes": tuple((config().raw.get("vocabulary") or {}).get("shared_themes") or ()),
        "coordinating_kinds": tuple(raw.get("coordinating_kinds") or ()),
    }


def neutral(text: str) -> str:
    for rx, rep in settings()["neutral"]:
        text = rx.sub(rep, text)
    return text


def relative_years(text: str, forward: bool) -> str:
    """Years erased by the corpus (202_) in a relative-year phrase become the slot of its meaning.

    Written years are left to the slotter (it compares them with the report year)."""
    for rule in politics().relative_years:
        def repl(m: re.Match, rule=rule) -> str:
            year = m.group("year")
            if year.isdigit():
                return m.group(0)
            slot = _YEAR_SLOT.get(rule.plans_offset if forward else rule.offset)
            if slot is None:
                return m.group(0)
            s, e = m.span("year")
            return m.group(0)[: s - m.start()] + "{" + slot + "}" + m.group(0)[e - m.start():]

        text = rule.pattern.sub(repl, text)
    return text


def role_word(text: str) -> str | None:
    m = settings()["role"].search(_SLOT.sub("", text))
    return m.group(0) if m else None


def _content(flag: str) -> bool:
    # nouns, verbs, adjectives, distinguishing words (一站式 b), idioms and set phrases, abbreviations
    return flag[:1] in ("n", "v", "a") or flag in ("b", "i", "l", "j")


def word_families(uses) -> dict:
    """Content word (and adjacent pair) -> how many families' documents use it, overall (key None)
    and per document theme (key theme) (uses: (tokens, family, theme)).

    Built with one bit per family (not a set per word: a corpus has many more words than families)."""
    bit: dict = {}
    masks: dict = defaultdict(dict)
    for tokens, family, theme in uses:
        b = bit.setdefault(family, 1 << len(bit))
        overall, own = masks[None], masks[theme]
        words = _words(tokens)
        for word in words + _pairs(words):
            overall[word] = overall.get(word, 0) | b
            own[word] = own.get(word, 0) | b
    for d in masks.values():
        for w, m in d.items():
            d[w] = m.bit_count()          # in place: no second table
    return dict(masks)


def _words(tokens) -> list[str]:
    return [w for w, f in tokens if _content(f) and _CJK.match(w)]


def _pairs(words: list[str]) -> list[str]:
    """Adjacent content words (「安置帮教|对象」): a collocation one family writes."""
    return [a + "|" + b for a, b in zip(words, words[1:])]


class Binder:
    def __init__(self, docs, word_families: dict, tokens, report):
        self.docs = docs
        self.word_families = word_families
        self.tokens = tokens
        self.report = report
        self.s = settings()

    def generic(self, text: str, theme: str | None = None) -> bool:
        """Every content word of text is used in the documents of enough families (or, in a
        theme many kinds of departments write about, by two families within that theme)."""
        need = self.s["generic_min_families"]
        overall = self.word_families.get(None, {})
        in_theme = self.word_families.get(theme, {}) if theme in self.s["shared_themes"] else {}
        words = _words(self.tokens(_SLOT.sub("，", text)))
        pair_need = self.s["generic_min_families_pairs"]
        return bool(words) and all(overall.get(w, 0) >= need or in_theme.get(w, 0) >= 2
                                   for w in words) and all(
            overall.get(p, 0) >= pair_need or in_theme.get(p, 0) >= 2 for p in _pairs(words))

    def _count(self, why: str) -> None:
        self.report.bindings[why] += 1

    def __call__(self, p: Phrase, members, units) -> Phrase | None:
        profiles = [self.docs[c.doc].profile for c in members]
        text = _SLOT.sub("", p.text)
        kw: dict = {}
        years = politics().campaign_years(p.text)
        if years is not None:
            if not years:
                self._count("campaigns_never_together")
                return None
            kw["years"] = years
            self._count("campaign_years")
        if len(units) == 1 and self.s["programme"].search(text):
            self._count("named_programme")
            return None
        if len(units) == 1 and self.s["unit_document"].search(p.text):
            self._count("unit_document")     # 「制发《全市卫生健康系统…考核管理办法》」: one unit's fact
            return None
        departments = {pr.department for pr in profiles}
        levels = {level_group(pr.level) for pr in profiles}
        families = {pr.family for pr in profiles}
        if self.s["role"].search(text):
            if None in departments or None in levels:
                self._count("role_word_unknown_unit")
                return None
            kw["kinds"] = tuple(sorted(departments))
            kw["levels"] = tuple(sorted(levels))
            self._count("role_word")
        elif self.s["coordinating"].search(text):
            kw["kinds"] = tuple(sorted(set(self.s["coordinating_kinds"]) | (departments - {None})))
            if None not in levels:
                kw["levels"] = tuple(sorted(levels))
            self._count("coordinating")
        if "levels" not in kw and self.s["level"].search(text):
            if None in levels:
                self._count("level_word_unknown_unit")
                return None
            kw["levels"] = tuple(sorted(levels))
            if None not in families:
                kw["families"] = tuple(sorted(families))
            self._count("level_word")
        themes = {pr.theme for pr in profiles} | {p.theme}
        if (len(units) == 1 and themes & set(self.s["single_unit_themes"]) and (p.family is None or (
                p.family not in families)) and p.function in self.s["single_unit_functions"] and None not in families):
            if p.family is None and self.generic(p.text, profiles[0].theme):
                self.report.generic_single.append((p.id, p.text))
            else:
                # one unit's sentence: its own family's (a 社区's 退役军人 work is not a 民政局's phrase)
                kw["families"] = tuple(sorted(families))
                kw["family"] = None
                self._count("single_unit_family")
        return replace(p, **kw) if kw else p

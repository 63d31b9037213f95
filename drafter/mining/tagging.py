"""Theme, family and level of a phrase: only when its text carries that vocabulary."""

from __future__ import annotations

import re

from drafter.mining.config import MiningConfig

_SLOT = re.compile(r"\{[^{}]+\}")
ANNUAL = "年度综合"
OPENNESS = "政务公开"
RURAL = "乡村振兴·帮扶"


def _has(text: str, words) -> bool:
    return any(w in text for w in words)


def theme_of(text: str, doc_theme: str | None, cfg: MiningConfig) -> str | None:
    plain = _SLOT.sub("", text)
    vocab = dict(cfg.themes)
    if _has(plain, vocab.get(OPENNESS, ())):
        return OPENNESS
    if _has(plain, vocab.get(RURAL, ())):
        return RURAL
    if _has(plain, vocab.get(ANNUAL, ())):
        # 党建 / department business: bound to the reports that write about it
        return RURAL if doc_theme == RURAL else ANNUAL
    return None


def family_of(text: str, cfg: MiningConfig) -> str | None:
    plain = _SLOT.sub("", text)
    for fam, words in cfg.families:
        if _has(plain, words):
            return fam
    return None


def level_of(text: str, cfg: MiningConfig, doc_level: str | None = None) -> str | None:
    """Level group of a phrase: by its own level vocabulary (全县 -> 县区, 各村 -> 乡镇社区),
    else, when it names a level body or area whose level depends on the writer
    (市政务公开办, 县政府, 镇党委 …), the level group of the source document."""
    plain = _SLOT.sub("", text)
    for lvl, words in cfg.levels:
        if _has(plain, words):
            return lvl
    if doc_level and cfg.level_words.search(plain):
        from drafter.bank import level_group

        return level_group(doc_level)
    return None

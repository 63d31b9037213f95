"""The miner's quality gate: wording a clerk can trust (pure functions).

    repair(text)                       # typos.yaml fixes, then politics.yaml formulas restored
    gate(text, section, function)      # why a repaired phrase is still not kept, or None
    gate(..., tokens=[(word, flag)])   # with jieba tokens: also the missing-verb test

Reasons (shown in mining-report.md, one row per rejected sentence):
  typo:<wrong>        a typos.yaml entry that cannot be fixed safely
  reject:<id>         a typos.yaml reject rule (proverb, directive, self-deprecation …)
  formula:<id>        a political formula still written wrongly (politics.yaml)
  repeated_item       a list item written twice (「创新举措、保障措施、创新举措」)
  directive           a 「…要…」 instruction from a speech inside a summary
  proverb             an aphorism (「要想…，必须…」) or a sentence of set phrases only
  no_verb             a clause without a verb (jieba POS) or a known verb-missing pattern
  intro_fragment      an intro starting mid-thought (「主要表现在……：」)
  page_chrome         web page furniture (发布机构, 上一篇, 分享到 …)

The detectors' patterns live in drafter/data/mining.yaml (gate:).
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.politics import politics
from drafter.typos import typos

_SLOT = re.compile(r"\{[^{}]+\}")
_ITEM_SPLIT = re.compile(r"[、，,；;和及与]")
_ACHIEVEMENT_SECTIONS = ("opening", "overview", "achievements", "measures", "results", "basic_info")


@lru_cache(maxsize=1)
def settings() -> dict:
    from drafter.mining.config import config

    raw = config().raw.get("gate") or {}
    return {
        "directive": re.compile(raw.get("directive") or r"(?!)"),
        "proverb": re.compile(raw.get("proverb") or r"(?!)"),
        "chrome": re.compile(raw.get("chrome") or r"(?!)"),
        "no_verb": re.compile(raw.get("no_verb") or r"(?!)"),
        "intro_fragment": re.compile(raw.get("intro_fragment") or r"(?!)"),
        "set_phrase_min": int(raw.get("set_phrase_min", 3)),
        "verb_flags": tuple(raw.get("verb_flags") or ("v", "vn", "vd", "vi", "vg")),
        "verb_check_max_chars": int(raw.get("verb_check_max_chars", 30)),
        "item_min_chars": int(raw.get("item_min_chars", 2)),
    }


def repair(text: str) -> str:
    """Safe typo fixes first (004:162 needs 贯彻 restored before the formula rule), then formulas."""
    return politics().restore(typos().fix(text))


def repeated_item(text: str) -> str | None:
    """The first list item written twice in one enumeration (「A、B、A」, 「全部建立全部建立」)."""
    plain = _SLOT.sub("", text)
    for clause in re.split(r"[。；;：:]", plain):
        items = [i.strip("“”\"（）() ") for i in re.split(r"[、]", clause)]
        if len(items) >= 3:
            seen = set()
            for it in items:
                if len(it) >= settings()["item_min_chars"] and it in seen:
                    return it
                seen.add(it)
    # a word doubled by the scrape: 「全部建立全部建立」
    m = re.search(r"([\u4e00-\u9fff]{2,6})\1", plain)
    if m and not re.fullmatch(r"(.)\1+", m.group(1)) and not _reduplication(m.group(1)):
        return m.group(1)
    return None


def _reduplication(word: str) -> bool:
    # 「常常」「天天」 (AA) and 「研究研究」-style verbs are Chinese, not garbles
    return len(set(word)) == 1


def set_phrases_only(text: str) -> bool:
    """A sentence of four-character set phrases only (「立行立改、举一反三、真抓实干。」)."""
    plain = _SLOT.sub("", text).strip("。！；")
    chunks = [c for c in re.split(r"[，、,；]", plain) if c]
    return len(chunks) >= settings()["set_phrase_min"] and all(len(c) == 4 for c in chunks)


def has_verb(tokens) -> bool:
    flags = settings()["verb_flags"]
    # jieba tags many verbs as l / i / a (「不断完善」 l, 「深入开展」 i, 「落实」 a): any of
    # them can carry the clause; only a clause of nouns, numbers and particles has no verb
    return any(flag in flags or flag[:1] in ("v", "a") for _, flag in tokens)


def gate(text: str, section: str, function: str, *, tokens=None) -> str | None:
    """Why a (repaired) phrase is not kept; None = keep."""
    s = settings()
    plain = _SLOT.sub("", text)
    if s["chrome"].search(plain):
        return "page_chrome"
    found = typos().found(text)
    if found:
        return f"typo:{found[0][0].wrong}"
    rule = typos().rejected(text, section)
    if rule is not None:
        return f"reject:{rule.id}"
    bad = politics().mutilated(text)
    if bad:
        return f"formula:{bad[0][0].id}"
    if repeated_item(text):
        return "repeated_item"
    if section in _ACHIEVEMENT_SECTIONS and function != "heading" and s["directive"].search(plain):
        return "directive"
    if s["proverb"].search(plain) or (function != "heading" and set_phrases_only(text)):
        return "proverb"
    if function == "intro" and s["intro_fragment"].search(plain):
        return "intro_fragment"
    if s["no_verb"].search(plain):
        return "no_verb"
    if (tokens is not None and function in ("measure", "result", "plan")
            and len(plain) <= s["verb_check_max_chars"] and not has_verb(tokens)):
        return "no_verb"
    return None

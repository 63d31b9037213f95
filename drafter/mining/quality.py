"""Which candidate texts are good phrases, and how good (pure functions)."""

from __future__ import annotations

import re

from drafter.mining.config import MiningConfig
from drafter.mining.sentences import balanced
from drafter.models import CONTEXT_SLOTS

_SLOT = re.compile(r"\{[^{}]+\}")
_CONTEXT_SLOT = re.compile(r"\{(" + "|".join(map(re.escape, CONTEXT_SLOTS)) + r")\}")
SENTENCE_FUNCTIONS = ("opening", "measure", "result", "problem", "plan", "closing")


def plain(text: str) -> str:
    """Text with every slot shown as two characters (for lengths and checks)."""
    return _SLOT.sub("某某", text)


def finish(text: str, function: str) -> str:
    """Normalise the end of a phrase: headings without end mark, intros with ：, sentences with 。."""
    t = text.strip().strip("，,、 ")
    if function == "heading":
        return t.rstrip("。；;：:！!，,")
    if function == "intro":
        return t.rstrip("。；;：:，,") + "："
    if function == "opening" and t.endswith(("：", ":")):
        return t[:-1] + "："
    t = t.rstrip("；;，,：:")
    if not t.endswith(("。", "！", "？", "”", "）")):
        t += "。"
    elif t.endswith(("”", "）")) and not t[:-1].endswith("。"):
        t += "。"
    return t


def reject(text: str, function: str, cfg: MiningConfig) -> str | None:
    """Why a finished phrase is not kept (None = keep)."""
    p = plain(text)
    bare = _SLOT.sub("", text)
    if cfg.garbage.search(bare):
        return "garbage"
    if cfg.paraphrase.search(bare):
        return "paraphrase"
    if not balanced(text):
        return "unbalanced"
    if re.match(r"^[，。；：、）》”]", text):
        return "fragment"
    if cfg.bad_starts.search(text):
        return "dependent_start"
    n = len(p)
    if function == "heading":
        if n < cfg.heading_min or n > cfg.heading_max or "。" in text:
            return "length"
        if re.search(r"(情况|方面|成效|做法|等)$|情况|做法及", text):
            return "section_title"
        return None
    if n < cfg.min_chars or (function == "intro" and n < 12):
        return "too_short"
    if len(re.findall(r"\{[^{}]+\}", text)) - len(_CONTEXT_SLOT.findall(text)) > 2:
        return "too_many_figures"
    if n > cfg.max_chars and function != "opening":
        return "too_long"
    if n > 300:
        return "too_long"
    zero = cfg.raw["sentences"].get("zero_fact")
    if zero and function in ("measure", "result", "plan") and re.search(zero, text):
        return "zero_fact"
    fact = cfg.raw["sentences"].get("unit_fact")
    if fact and function not in ("opening", "heading") and re.search(fact, text):
        return "unit_fact"
    if function not in ("opening", "intro") and "如下" in text:
        return "intro_like"
    if re.search(r"[A-Za-z]{2,}", bare) and not re.search(r"PPT|APP|App|PDF|AI|OA", bare):
        return "latin"
    return None


def quality(text: str, function: str, cfg: MiningConfig, *, approx: bool = False, deleted: bool = False,
            proposed: bool = False) -> float:
    """0..1: length in the preferred range, register markers, no approximations or proposals."""
    r = cfg.ranking
    n = len(plain(text))
    q = 1.0
    lo, hi = int(r["good_min_chars"]), int(r["good_max_chars"])
    if function == "heading":
        lo, hi = 6, 16
    elif function in ("opening",):
        lo, hi = 30, 160
    if n < lo:
        q -= min(0.4, (lo - n) * 0.04)
    elif n > hi:
        q -= min(0.5, (n - hi) * 0.01)
    if approx:
        q -= 0.15
    if deleted:
        q -= 0.05
    if proposed:
        q -= 0.3
    if function != "heading" and re.search(cfg.ranking["register"], text):
        q += 0.05
    if text.count("，") > 5:
        q -= 0.1
    return max(0.0, min(1.0, round(q, 4)))

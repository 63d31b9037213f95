"""Function, bank section and topic of a phrase (pure functions over text + position).

Functions: heading | opening | intro | measure | result | problem | plan | closing.
Bank sections: opening | achievements | problems | plans | closing.
"""

from __future__ import annotations

import re

from drafter.mining.config import MiningConfig
from drafter.models import CONTEXT_SLOTS

BANK_OF = {
    "opening": "opening",
    "basic_info": "achievements",
    "overview": "achievements",
    "achievements": "achievements",
    "measures": "achievements",
    "results": "achievements",
    "problems": "problems",
    "plans": "plans",
    "closing": "closing",
}
_SLOT = re.compile(r"\{[^{}]+\}")
_CONCESSIVE = re.compile(r"(虽然|虽|尽管).{0,40}(取得|成效|成绩|进展)|取得了?.{0,6}(成效|成绩|进展)[，,](但|然而)")
_PLAN_START = re.compile(r"^(坚持|进一步|持续|继续|加强|强化|深化|将|要|力争|推进|做好|抓好)")
_CONTEXT_SLOTS = frozenset(CONTEXT_SLOTS)


def figure_slots(slots) -> list[str]:
    return [s for s in slots if s not in _CONTEXT_SLOTS]


def label(kind: str, section: str, text: str, slots, *, last: bool, lead: bool, cfg: MiningConfig) -> tuple[str, str] | None:
    """(bank section, function) for a unit, or None when it is not a phrase."""
    figs = figure_slots(slots)
    if section == "problems_plans":
        if kind == "heading" or (cfg.problem.search(text) and not _PLAN_START.match(text)):
            section = "problems"
        else:
            section = "plans"
    if kind == "paragraph":
        return ("opening", "opening") if section == "opening" else None
    if section == "opening":
        if kind == "heading":
            return None
        return "opening", "opening"
    if section == "closing":
        if kind != "sentence":
            return None
        if cfg.closing.search(text) or last:
            return "closing", "closing"
        return None
    bank = BANK_OF.get(section)
    if bank is None:
        return None
    if kind == "heading" or lead:
        if bank == "problems":
            return ("problems", "problem") if cfg.problem.search(text) else None
        if figs:
            return None
        return bank, "heading"
    if bank == "problems":
        if cfg.intro.search(text):
            return "problems", "intro"
        if _CONCESSIVE.search(text):
            plain = _SLOT.sub("", text).rstrip("。；;：:")
            if len(plain) <= 60 and re.search(r"(不足|问题|差距|短板|之处)$", plain):
                return "problems", "intro"
            return None
        if _PLAN_START.match(text):
            return None
        if cfg.closing.search(text):
            return None
        if figs:
            return None
        return ("problems", "problem") if cfg.problem.search(text) else None
    if bank == "plans":
        if cfg.intro.search(text) and text.endswith(("：", ":")):
            return "plans", "intro"
        if cfg.closing.search(text):
            return "closing", "closing"
        if figs:
            return None
        return "plans", "plan"
    # achievements
    if text.endswith(("：", ":")):
        return None
    if figs:
        return "achievements", "result"
    return "achievements", "measure"


def plan_start(text: str) -> bool:
    return bool(_PLAN_START.match(text))


def topic_of(text: str, cfg: MiningConfig) -> str | None:
    best = None
    for i, (topic, words) in enumerate(cfg.topics):
        hits = sum(1 for w in words if w in text)
        if hits and (best is None or hits > best[0]):
            best = (hits, i, topic)
    return best[2] if best else None


def family_of(text: str, families, *, first: bool = True) -> str | None:
    """The problem/plan family (mining.yaml problem_families / plan_families) of a text:
    first=True: the one whose cue comes first in the text (ties: the order of the file);
    first=False: the first of the file whose cue is found anywhere."""
    plain = _SLOT.sub("", text)
    best = None
    for i, (key, rx) in enumerate(families):
        m = rx.search(plain)
        if m:
            if not first:
                return key
            if best is None or (m.start(), i) < best[:2]:
                best = (m.start(), i, key)
    return best[2] if best else None


def families_in(text: str, families) -> list[str]:
    """Every family with a cue in text (support counting: one sentence may attest several)."""
    plain = _SLOT.sub("", text)
    return [key for key, rx in families if rx.search(plain)]


def cut_intro(text: str, cfg: MiningConfig) -> str:
    """「…但是对照标准还存在不足之处，如信息公开的质量…」 -> the intro head only."""
    rx = cfg.raw["functions"].get("intro_cut")
    if not rx:
        return text
    m = re.match(rx, text)
    return m.group(1) + "。" if m else text

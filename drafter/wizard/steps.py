"""The wizard's steps and the shapes around them: step ids and titles, the answer keys
each step fills, the order of keys in an answers file, the Outcome of an interview, and
small pure helpers (ordered, grouped, steps_answered, full_texts). Pure: no terminal,
no files, no phrase bank.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafter.models import THEME_ANNUAL
from drafter.wizard.questions import Choice, Say, shorten

if TYPE_CHECKING:
    from drafter.slots import Slot

# Interview steps in order: (id, Chinese title).
STEPS: tuple[tuple[str, str], ...] = (
    ("unit", "单位名称"),
    ("profile", "单位类别（层级、部门、系统）"),
    ("period", "年度与报告类型"),
    ("work", "主要工作"),
    ("figures", "主要数据"),
    ("highlights", "工作亮点"),
    ("problems", "存在问题"),
    ("plans", "下一步工作打算"),
    ("details", "落款与称谓（成文日期、单位简称、上级单位）"),
)
STEP_TITLES = dict(STEPS)
STEP_IDS = tuple(s for s, _ in STEPS)

# Order of keys in a saved answers file (same as the figures file).
KEY_ORDER = ("unit", "year", "theme", "with_plan", "level", "department", "family",
             "figures", "work", "highlights", "problems", "plans", "signature", "seed")

# Which answer keys each step fills (used to tell what a loaded file already answers).
STEP_KEYS = {
    "unit": ("unit",),
    "profile": ("level", "department", "family"),
    "period": ("year", "theme", "with_plan"),
    "work": ("work",),
    "figures": ("figures",),
    "highlights": ("highlights",),
    "problems": ("problems",),
    "plans": ("plans",),
    "details": ("signature",),
}

UNSURE = "__unsure__"
CONFIRM, BACK, CANCEL = "confirm", "back", "cancel"
KEEP, REVIEW = "keep", "review"

# Typing help shown after a figure's label, by slot type.
TYPE_HINTS = {"date": "（如 2026-06-30）"}


# A checkbox line holds this many characters (two columns each) in an 80-column terminal;
# longer options are listed in full above the checkbox and numbered in it.
CHOICE_WIDTH = 34


def full_texts(title: str, choices: list[Choice]) -> tuple[list[Say], list[Choice]]:
    """Lines showing long options in full, and the choices numbered to match them."""
    if all(len(str(c.value)) <= CHOICE_WIDTH for c in choices):
        return [], [Choice(str(c.value), c.value, c.checked) for c in choices]
    says = [Say(f"{title}（全文）：")] + [Say(f"  {i}. {c.value}") for i, c in enumerate(choices, 1)]
    numbered = [Choice(f"{i}. {shorten(str(c.value), CHOICE_WIDTH)}", c.value, c.checked)
                for i, c in enumerate(choices, 1)]
    return says, numbered


@dataclass
class Outcome:
    """How the interview ended: write (path, spec, draft, force) or cancel."""

    action: str
    path: str | None = None
    spec: Any = None
    draft: Any = None
    force: bool = False


def ordered(answers: dict) -> dict:
    """The answers in figures-file key order (unknown keys last)."""
    out = {k: answers[k] for k in KEY_ORDER if k in answers}
    out.update((k, v) for k, v in answers.items() if k not in out)
    return out


def grouped(slots: list[Slot]) -> list[Slot]:
    """Slots with each group's members together (groups in order of first appearance,
    catalogue order within a group), so that every group is offered once."""
    first: dict[str, int] = {}
    for i, s in enumerate(slots):
        first.setdefault(s.group, i)
    return sorted(slots, key=lambda s: first[s.group])  # stable: catalogue order within a group


def steps_answered(answers: dict) -> set[str]:
    """Steps whose keys are present in a loaded answers file."""
    done = set()
    for step, keys in STEP_KEYS.items():
        if step == "profile":
            if "unit" in answers and any(k in answers for k in keys):
                done.add(step)
        elif step == "period":
            if "year" in answers and "theme" in answers:
                done.add(step)
        elif step == "details":
            # optional, with defaults: a file that got as far as the plans needs none of it
            if "signature" in answers or "plans" in answers:
                done.add(step)
        elif step == "work":
            if "work" in answers or ("theme" in answers and answers["theme"] != THEME_ANNUAL):
                done.add(step)
        elif all(k in answers for k in keys):
            done.add(step)
    return done

"""WizardContext: what the interview needs from the rest of drafter (profile inference,
the phrase bank, figures validation, drafting), each loaded on first use so that the
wizard shows its first question before the bank, pydantic or python-docx are imported.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.slots import Slot


class WizardContext:
    """Everything the interview needs from drafter, loaded lazily."""

    def __init__(self, *, bank: Any = None, bank_path: str | os.PathLike | None = None,
                 today: _dt.date | None = None, cwd: str | os.PathLike | None = None):
        self._bank = bank
        self._bank_path = bank_path
        self.today = today or _dt.date.today()
        self.cwd = Path(cwd) if cwd else Path.cwd()

    @property
    def bank(self):
        if self._bank is None:
            from drafter.bank import PhraseBank

            self._bank = PhraseBank.load(self._bank_path)
        return self._bank

    def check_bank(self) -> None:
        """Fail before the first question when there is no phrase bank (cheap: no loading)."""
        if self._bank is not None:
            return
        from drafter.paths import phrasebank_dir

        folder = Path(self._bank_path) if self._bank_path else phrasebank_dir()
        if not (folder / "slots.json").is_file():
            self.bank  # raises the bank's own DrafterError (where it looked, how to build one)

    # -- profile
    def default_year(self) -> int:
        from drafter.figures import default_year

        return default_year(self.today)

    def infer(self, unit: str):
        from drafter.profile import infer_profile

        return infer_profile(unit, title=unit)

    def levels(self) -> list[str]:
        from drafter.models import LEVELS

        return list(LEVELS)

    def families(self) -> list[str]:
        from drafter.taxonomy import load_taxonomy

        return list(load_taxonomy().families)

    def themes(self) -> list[str]:
        from drafter.models import THEMES

        return list(THEMES)

    def profile_of(self, answers: dict):
        """The unit profile the draft will use for these answers (given values win)."""
        from drafter.profile import profile_for

        return profile_for(answers)

    # -- figures
    def slots_for(self, profile) -> list[Slot]:
        """The figures to ask: the bank's for the unit's theme and family, less those
        that make no sense at its level (slot_levels of slots.yaml)."""
        from drafter.slots import fits_level

        level = getattr(profile, "level", None)
        return [s for s in self.bank.slots_for(profile) if fits_level(s.name, level)]

    def label(self, name: str) -> str:
        """A figure's label without its notes (the name when the bank does not know it)."""
        from drafter.textutil import plain_label

        slot = self.bank.slots.get(name)
        return (plain_label(slot.question) or name) if slot else name

    def department_of(self, profile):
        """The unit's department profile (typical lines of work), or None."""
        from drafter.departments import departments

        return departments().for_profile(profile)

    def validate_figures(self, figures: dict):
        from drafter.figures import validate_figures

        return validate_figures(figures, self.bank.slots)

    def context_values(self, profile, figures: dict) -> dict:
        """{单位简称}, {上级单位} … as the draft will write them for this unit."""
        return self.bank.context_values(profile, figures)

    def top_phrases(self, section: str, function: str, profile, figures: dict, limit: int) -> list[str]:
        """The bank's best phrases for that unit, filled as they will read in the draft."""
        bank = self.bank
        values = dict(figures)
        values.update(bank.context_values(profile, figures))
        out: list[str] = []
        for cand in bank.select(section, function, profile, figures, limit=limit * 3):
            try:
                text = bank.fill(cand.phrase, values)
            except Exception:  # a phrase that cannot be filled is simply not offered
                continue
            if text not in out:
                out.append(text)
            if len(out) >= limit:
                break
        return out

    # -- drafting
    def make_spec(self, answers: dict):
        """The UnitSpec of the answers, validated as `drafter draft` validates a figures
        file (the same schema and figure checks; raises InputError in Chinese)."""
        from drafter.errors import InputError
        from drafter.figures.load import validate_mapping
        from drafter.figures.messages import format_issues
        from drafter.figures.yamlsafe import Located
        from drafter.wizard.steps import ordered

        data = ordered(answers)
        if "work" in data and not schema_has_work():
            data = fold_work(data)
        spec, issues = validate_mapping(data, Located(data, None), (), self.bank.slots)
        if issues:
            raise InputError(
                f"向导的回答有 {len(issues)} 处问题：\n" + format_issues("向导的回答", data.get("unit"), issues),
                hint="请返回修改对应的一步。",
            )
        return spec

    def draft(self, spec):
        from drafter.drafting import draft_unit

        return draft_unit(spec, bank=self.bank)

    def outline(self, draft, width: int = 28) -> list[str]:
        """The draft's preview with each figure named by its question label:
        ［数据：全年主动公开政府信息 1530］."""
        from drafter.textutil import plain_label

        slots = self.bank.slots

        def label(name: str) -> str:
            slot = slots.get(name)
            return plain_label(slot.question) if slot else name

        return draft.preview(width, label=label)

    def check(self, spec, draft) -> list:
        """`drafter check`'s text and content rules on the previewed draft, in memory
        (drafter.check.check_draft, as produce() runs them), errors first."""
        from drafter.check import check_draft

        findings = check_draft(draft, figures=spec, bank=self.bank)
        return sorted(findings, key=lambda f: f.severity != "error")

    def check_summary(self, findings: list) -> str:
        from drafter.check import summary

        return summary(findings)

    def default_output(self, spec, draft) -> str:
        title = getattr(draft, "title", None) or f"{spec.unit}{spec.year}年工作总结"
        from drafter.fileio import safe_file_stem

        # at most STEM_MAX_BYTES: room for （2） and .answers.yaml in a 255-byte name
        return safe_file_stem(title) + ".docx"

    def resolve(self, path: str) -> Path:
        p = Path(path).expanduser()
        return p if p.is_absolute() else self.cwd / p

    def exists(self, path: str) -> bool:
        return self.resolve(path).exists()


def schema_has_work() -> bool:
    """Whether the figures schema knows `work:` (UnitSpec.work, the unit's lines of work)."""
    from drafter.figures.schema import UnitSpec

    return "work" in UnitSpec.model_fields


def fold_work(answers: dict) -> dict:
    """The answers without `work:`, for a schema that does not know it yet: the figures
    of each line of work join `figures:`, its title and points join `highlights:`."""
    out = {k: v for k, v in answers.items() if k != "work"}
    figures = dict(out.get("figures") or {})
    highlights = list(out.get("highlights") or [])
    for item in answers.get("work") or []:
        figures.update(item.get("figures") or {})
        highlights += [f"{item['title']}：{p}" for p in item.get("points") or []]
    if figures:
        out["figures"] = figures
    if highlights:
        out["highlights"] = highlights
    return out

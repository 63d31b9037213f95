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

    def department_of(self, profile):
        """The unit's department profile (typical lines of work), or None."""
        from drafter.departments import departments

        return departments().for_profile(profile)

    def validate_figures(self, figures: dict):
        from drafter.figures import validate_figures

        return validate_figures(figures, self.bank.slots)

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
        """The UnitSpec `drafter draft` would read from the saved answers (same loader)."""
        import yaml

        from drafter.figures import parse_figures_text
        from drafter.wizard.flow import ordered

        data = ordered(answers)
        if "work" in data and not schema_has_work():
            data = fold_work(data)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        return parse_figures_text(text, source="向导的回答", slots=self.bank.slots)

    def draft(self, spec):
        from drafter.drafting import draft_unit

        return draft_unit(spec, bank=self.bank)

    def outline(self, draft) -> list[str]:
        """Title, headings and the first words of each paragraph (drafter.drafting.document.Draft.preview)."""
        return draft.preview(width=28).splitlines()

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

"""Public drafting API: a unit's figures in, a draft (and its file) out.

    from drafter.drafting import draft_unit, produce, write_draft
    from drafter.figures import load_figures
    spec = load_figures("examples/county-civil-affairs-openness.yaml")
    draft = draft_unit(spec)                 # drafter.drafting.document.Draft
    write_draft(draft, "out.docx")           # atomic; refuses to overwrite without force
    produce(spec, "out.docx", force=True)    # draft → write → check, as `drafter draft` does

The stages: rules.py (templates/outline.yaml) → compose.py (phrases → Content;
a 政务公开 or 帮扶 report: kinds.py, with the unit's own field; an annual
report: annual.py, built around the unit's lines of work)
→ skeleton.py (jinja2 skeleton → blocks) → document.Draft → render_docx.py /
render_text.py. Never imports jieba or scikit-learn (the draft path must start fast).
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Union

from drafter.drafting.document import Draft
from drafter.errors import DrafterError

FORMATS = ("docx", "md", "txt")

# Where produce() writes: a file path, "-" (return md/txt text instead), None (the
# draft's title in the current folder) or a function of the draft and format.
Target = Union[str, os.PathLike, Callable[[Draft, str], Path], None]


def default_signature_date(year: int, today: _dt.date | None = None) -> _dt.date:
    """成文日期 when the figures file gives none: today while the report is being
    written (from November of the report year to the next year's spring), else
    the last day of the report year."""
    today = today or _dt.date.today()
    if _dt.date(year, 11, 1) <= today <= _dt.date(year + 1, 3, 31):
        return today
    return _dt.date(year, 12, 31)


def draft_unit(spec, bank=None, *, template: str | os.PathLike | None = None,
               today: _dt.date | None = None) -> Draft:
    """Compose one unit's draft from its figures file (a drafter.figures.UnitSpec)."""
    from drafter.drafting.compose import seed_for
    from drafter.drafting.rules import load_rules
    from drafter.drafting.skeleton import chooser, load_skeleton, parse_blocks
    from drafter.models import THEME_ANNUAL
    from drafter.profile import profile_for
    from drafter.slotfill import format_date

    if bank is None:
        from drafter.bank import PhraseBank

        bank = PhraseBank.load()
    profile = profile_for(spec)
    rules = load_rules(Path(template).parent if template is not None else None)
    path, subject = rules.skeleton(profile.theme, profile.with_plan, template)
    skeleton = load_skeleton(path, sandboxed=template is not None)

    if profile.theme == THEME_ANNUAL:
        # built around the unit's lines of work (work:, else its department's)
        from drafter.drafting.annual import AnnualComposer

        content = AnnualComposer(spec, bank, profile, rules).content()
    else:
        # the bank's composition plus the unit's own field (政务公开 / 帮扶)
        from drafter.drafting.kinds import KindComposer

        content = KindComposer(spec, bank, profile, rules).content()
    sig_date = spec.signature.date or default_signature_date(spec.year, today)
    context = dict(
        content.context(),
        unit=spec.unit,
        year=spec.year,
        next_year=spec.year + 1,
        subject=subject,
        theme=profile.theme,
        signature_name=spec.signature_name(),
        signature_date=format_date(sig_date),
        choose=chooser(seed_for(spec.unit, spec.seed, "skeleton")),
    )
    blocks = parse_blocks(skeleton.render(context), source=str(path))
    title = next((b.text for b in blocks if b.kind == "title"), f"{spec.unit}{spec.year}年工作总结")
    return Draft(
        title=title,
        unit=spec.unit,
        year=spec.year,
        theme=profile.theme,
        blocks=blocks,
        signature_name=context["signature_name"],
        signature_date=context["signature_date"],
        with_plan=profile.with_plan,
        figures_text=content.figures_text,
        phrase_ids=content.phrase_ids,
        notes=content.notes,
        profile=profile,
        spec=spec,
    )


def render(draft: Draft, fmt: str = "docx", *, reference_doc: str | os.PathLike | None = None) -> bytes:
    """The file contents of a draft in one of FORMATS (a .docx in a unit's own Word
    template when reference_doc is given: drafting/reference.py)."""
    if fmt == "docx":
        from drafter.drafting.render_docx import render_docx

        if reference_doc:
            from drafter.drafting.reference import apply_reference

            return apply_reference(render_docx(draft), reference_doc)
        return render_docx(draft)
    if fmt == "md":
        from drafter.drafting.render_text import render_markdown

        return render_markdown(draft).encode("utf-8")
    if fmt == "txt":
        from drafter.drafting.render_text import render_text

        return render_text(draft).encode("utf-8")
    raise DrafterError(f"不支持的输出格式：{fmt}", hint="可用格式：" + " | ".join(FORMATS))


def format_of(path: str | os.PathLike, fmt: str | None = None) -> str:
    """Output format from --format or the file suffix (default docx)."""
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "docx"


def write_draft(draft: Draft, path: str | os.PathLike, *, fmt: str | None = None, force: bool = False,
                reference_doc: str | os.PathLike | None = None) -> Path:
    """Write a draft atomically; an existing file is kept unless force."""
    from drafter.fileio import atomic_write_bytes

    fmt = format_of(path, fmt)
    return atomic_write_bytes(path, render(draft, fmt, reference_doc=reference_doc), force=force)


def output_name(draft: Draft, fmt: str = "docx") -> str:
    """A safe file name for a draft (its title), usable on Windows too."""
    from drafter.fileio import safe_file_stem

    return f"{safe_file_stem(draft.title)}.{fmt}"


# ---------------------------------------------------------------- produce


@dataclass
class Produced:
    """What produce() did for one unit."""

    draft: Draft
    fmt: str
    path: Path | None = None          # the file written (None when the text was returned)
    text: str | None = None           # the md/txt contents when the target was "-"
    checked: bool = False             # the text and content rules of drafter check ran on the draft
    findings: list[Any] = field(default_factory=list)   # their findings (drafter.check.Finding)
    check_summary: str = ""           # its one-line summary (Chinese)

    @property
    def check_errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


def produce(spec, out: Target = None, fmt: str | None = None, force: bool = False, check: bool = True, *,
            bank=None, template: str | os.PathLike | None = None, draft: Draft | None = None,
            reference_doc: str | os.PathLike | None = None) -> Produced:
    """Draft → write → check: the one path of `drafter draft`, `drafter bulk` and the wizard.

    out: see Target. fmt: docx, md or txt (default: from the file suffix, md for "-").
    check: run the text and content rules of `drafter check` on the composed draft of a
    .docx in memory (not re-reading the file written), against spec; the findings are in the
    result for the caller to print (`--no-check` passes check=False). draft: the draft
    of spec when it was already made (the wizard's preview).
    """
    if draft is None:
        draft = draft_unit(spec, bank=bank, template=template)
    if out == "-":
        fmt = fmt or "md"
        if fmt == "docx":
            raise DrafterError("docx 不能打印到屏幕。", hint="用 --format md 或 txt，或用 -o 指定文件。")
        return Produced(draft, fmt, text=render(draft, fmt).decode("utf-8"))
    if callable(out):
        fmt = fmt or "docx"
        path = out(draft, fmt)
    else:
        fmt = format_of(out or "", fmt)
        path = out or output_name(draft, fmt)
    result = Produced(draft, fmt, path=write_draft(draft, path, fmt=fmt, force=force,
                                                            reference_doc=reference_doc))
    if check and fmt == "docx":
        run_check(result, spec, bank)
    return result


def run_check(result: Produced, spec, bank=None) -> Produced:
    """The automatic check of a produced draft (drafter.check.check_draft), in memory;
    with the bank it was drafted from, the phrases' provenance too."""
    from drafter.check import check_draft, summary

    result.findings = list(check_draft(result.draft, figures=spec, bank=bank))
    result.checked = True
    result.check_summary = summary(result.findings)
    return result


def produce_file(figures: str | os.PathLike, out: Target = None, fmt: str | None = None, force: bool = False,
                 check: bool = True, *, seed: int | None = None, template: str | os.PathLike | None = None,
                 bank_path: str | os.PathLike | None = None,
                 reference_doc: str | os.PathLike | None = None) -> Produced:
    """`drafter draft`: read a figures file (checked against the bank's slots), then produce()."""
    from drafter.bank import PhraseBank
    from drafter.figures import load_figures

    bank = PhraseBank.load(bank_path)
    spec = load_figures(figures, slots=bank.slots)
    if seed is not None:
        spec = spec.model_copy(update={"seed": seed})
    return produce(spec, out, fmt, force, check, bank=bank, template=template, reference_doc=reference_doc)

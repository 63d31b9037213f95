"""Answers files of the wizard: loading a figures or partial answers file (validated like
`drafter draft`), saving the answers given so far when the interview is interrupted, and
writing the draft with its answers file at the end.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from drafter.wizard.context import WizardContext
from drafter.wizard.flow import STEP_IDS, Outcome, Wizard, ordered
from drafter.wizard.questions import answers_path_for

PARTIAL_NAME = "drafter-answers.partial.yaml"
DONE_MARK = "wizard-done:"


def load_answers(path: str | os.PathLike, ctx: WizardContext) -> tuple[dict, set]:
    """Answers from a figures file or a partial answers file (validated like `drafter draft`).

    Returns (answers, steps already answered). Raises InputError with line numbers.
    """
    from drafter.figures import parse_figures_text, read_file, read_yaml
    from drafter.wizard.flow import steps_answered

    text = read_file(path)
    spec = parse_figures_text(text, source=str(path), slots=ctx.bank.slots)
    raw = read_yaml(text, str(path)).data
    answers = spec.to_dict()
    # keep only what the file says (to_dict fills defaults such as highlights: [])
    answers = {k: v for k, v in answers.items() if k in raw or k == "unit"}
    done = steps_answered(answers)
    for line in text.splitlines():
        if line.startswith("#") and DONE_MARK in line:
            marked = line.split(DONE_MARK, 1)[1].split()
            done = {s for s in marked if s in STEP_IDS}
            break
    return answers, done


def save_partial(wizard: Wizard, ctx: WizardContext, path: Path) -> Path | None:
    """Save the answers given so far (nothing if not even the unit was given)."""
    from drafter.fileio import atomic_write_text

    answers = ordered(wizard.answers)
    if not answers.get("unit"):
        return None
    done = " ".join(s for s in STEP_IDS if s in wizard.done)
    header = (
        f"drafter 向导未完成的回答（{_dt.datetime.now():%Y-%m-%d %H:%M}）\n"
        f"继续填写：drafter wizard --answers {path.name}\n"
        f"{DONE_MARK} {done}"
    )
    try:
        text = ctx.make_spec(answers).to_yaml(header=header)
    except Exception:  # answers that do not validate yet are still saved as typed
        import yaml

        text = "".join(f"# {h}\n" for h in header.splitlines())
        text += yaml.safe_dump(_plain(answers), allow_unicode=True, sort_keys=False, width=1000)
    atomic_write_text(path, text, force=True)
    return path


def _plain(answers: dict) -> dict:
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in answers.items()}


def write_outputs(outcome: Outcome, ctx: WizardContext) -> tuple[Path, Path]:
    """Write the .docx and the answers YAML beside it."""
    from drafter.drafting import produce
    from drafter.fileio import atomic_write_text

    docx = ctx.resolve(outcome.path)
    answers = Path(answers_path_for(str(docx)))
    written = produce(outcome.spec, docx, "docx", outcome.force, check=False, draft=outcome.draft).path
    header = f"drafter 向导的回答：drafter draft {answers.name} 可重新生成同一份稿件；\n明年可运行 drafter wizard --answers {answers.name} 以此为起点。"
    atomic_write_text(answers, outcome.spec.to_yaml(header=header), force=outcome.force)
    return Path(written) if written else docx, answers

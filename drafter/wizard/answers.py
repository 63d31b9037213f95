"""Answers files of the wizard: loading a figures or partial answers file (validated like
`drafter draft`), saving the answers given so far when the interview is interrupted, and
writing the draft with its answers file at the end.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from drafter.wizard.context import WizardContext, schema_has_work
from drafter.wizard.flow import Wizard
from drafter.wizard.steps import STEP_IDS, Outcome, ordered
from drafter.wizard.questions import answers_path_for

PARTIAL_PREFIX = "drafter-answers.partial."
DONE_MARK = "wizard-done:"


def partial_name(unit: str) -> str:
    """The partial answers file of one unit: each unit keeps its own, so an interrupted
    interview for another unit does not replace it."""
    from drafter.fileio import safe_file_stem

    return f"{PARTIAL_PREFIX}{safe_file_stem(unit, limit=60, max_bytes=180)}.yaml"


def find_partials(folder: Path) -> list[Path]:
    """The partial answers files in a folder, newest first."""
    found = [p for p in Path(folder).glob(PARTIAL_PREFIX + "*.yaml") if p.is_file()]
    return sorted(found, key=lambda p: (-p.stat().st_mtime, p.name))


def unit_of_partial(path: Path) -> str:
    """The unit a partial file is for (its `unit:` line; the file name otherwise)."""
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith("unit:"):
                return line[5:].strip().strip("'\"") or path.name
    except (OSError, UnicodeDecodeError):
        pass
    return path.name


def load_answers(path: str | os.PathLike, ctx: WizardContext) -> tuple[dict, set, list[str]]:
    """Answers from a figures file or a partial answers file (validated like `drafter draft`).

    A value that does not validate (a figure out of range, a bad date …) is left out
    and its step asked again; the rest is kept. Returns (answers, steps already
    answered, Chinese lines naming what was left out, with file, key and line).
    Raises InputError when the file cannot be used at all (no YAML, no valid unit).
    """
    from drafter.figures import read_file, read_yaml
    from drafter.figures.load import validate_mapping
    from drafter.figures.messages import format_issues
    from drafter.wizard.steps import steps_answered

    source = str(path)
    text = read_file(path)
    located = read_yaml(text, source)
    raw = located.data
    work = None
    if isinstance(raw, dict) and "work" in raw and not schema_has_work():
        work = _plain_work(raw.get("work"))      # a schema without `work:` yet: kept as written
        raw = {k: v for k, v in raw.items() if k != "work"}
    spec, issues = validate_mapping(raw, located, (), ctx.bank.slots)
    notes: list[str] = []
    dropped_steps: set[str] = set()
    if issues:
        trimmed = _without(raw, issues, dropped_steps)
        spec, again = validate_mapping(trimmed, located, (), ctx.bank.slots) if trimmed is not None else (None, issues)
        if spec is None or again:
            from drafter.errors import InputError

            unit = raw.get("unit") if isinstance(raw, dict) and isinstance(raw.get("unit"), str) else None
            raise InputError(f"数据文件有 {len(issues)} 处错误：\n" + format_issues(source, unit, issues),
                             hint="改正后重新运行；drafter schema 可查看格式，drafter slots 可查看数据项名称。")
        notes = format_issues(source, spec.unit, issues).splitlines()
        raw = trimmed
    answers = spec.to_dict()
    # keep only what the file says (to_dict fills defaults such as highlights: [])
    answers = {k: v for k, v in answers.items() if k in raw or k == "unit"}
    if work is not None:
        answers["work"] = work
    done = steps_answered(answers)
    for line in text.splitlines():
        if line.startswith("#") and DONE_MARK in line:
            marked = line.split(DONE_MARK, 1)[1].split()
            done = {s for s in marked if s in STEP_IDS}
            break
    return answers, done - dropped_steps, notes


def _without(raw, issues, dropped_steps: set[str]) -> dict | None:
    """raw without the values the issues point at (None when the unit itself is wrong)."""
    from drafter.wizard.steps import STEP_KEYS

    if not isinstance(raw, dict):
        return None
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in raw.items()}
    for issue in issues:
        path = tuple(issue.path)
        if not path or path[0] == "unit":
            return None
        key = path[0]
        if key == "figures" and len(path) > 1 and isinstance(out.get("figures"), dict):
            out["figures"].pop(path[1], None)
        else:
            out.pop(key, None)
        dropped_steps.update(step for step, keys in STEP_KEYS.items() if key in keys)
    return out


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
        if "work" in answers and not schema_has_work():
            raise ValueError("the schema cannot hold work: yet")
        text = ctx.make_spec(answers).to_yaml(header=header)
    except Exception:  # answers that do not validate yet are still saved as typed
        import yaml

        text = "".join(f"# {h}\n" for h in header.splitlines())
        text += yaml.safe_dump(_plain(answers), allow_unicode=True, sort_keys=False, width=1000)
    atomic_write_text(path, text, force=True)
    return path


def _plain_work(value) -> list[dict]:
    """`work:` as written, reduced to the shared shape {title, points, figures}."""
    out = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and isinstance(item.get("title"), str) and item["title"].strip():
            w = {"title": item["title"].strip()}
            if isinstance(item.get("points"), list):
                w["points"] = [str(p) for p in item["points"] if p is not None]
            if isinstance(item.get("figures"), dict):
                w["figures"] = dict(item["figures"])
            out.append(w)
    return out


def _plain(answers: dict) -> dict:
    return {k: (dict(v) if isinstance(v, dict) else v) for k, v in answers.items()}


def write_outputs(outcome: Outcome, ctx: WizardContext) -> tuple[Path, Path, list]:
    """Write the .docx and the answers YAML beside it; the .docx is checked as
    `drafter draft` checks it. Returns (draft, answers file, findings)."""
    from drafter.drafting import produce
    from drafter.fileio import atomic_write_text

    docx = ctx.resolve(outcome.path)
    answers = Path(answers_path_for(str(docx)))
    produced = produce(outcome.spec, docx, "docx", outcome.force, check=True, draft=outcome.draft)
    header = f"drafter 向导的回答：drafter draft {answers.name} 可重新生成同一份稿件；\n明年可运行 drafter wizard --answers {answers.name} 以此为起点。"
    atomic_write_text(answers, outcome.spec.to_yaml(header=header), force=outcome.force)
    return Path(produced.path) if produced.path else docx, answers, list(produced.findings)

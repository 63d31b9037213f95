"""`drafter wizard`: interview the user in the terminal, write the draft and its answers file.

Three layers:
  * drafter/wizard_state.py  the interview as a pure state machine (yields questions);
  * WizardContext (here)     what the interview needs from the rest of drafter: profile
                             inference, the phrase bank, figures validation, drafting;
  * QuestionaryAsker (here)  turns each question into a questionary prompt
                             (input/output injectable, so tests use pipe input).

Start-up is kept light: this module imports only the standard library and the pure
wizard modules; questionary is imported on the first question, the phrase bank,
pydantic and python-docx after the unit name has been asked.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from drafter.wizard_questions import Ask, Say, answers_path_for
from drafter.wizard_state import STEP_IDS, Outcome, Wizard, ordered

if TYPE_CHECKING:
    from drafter.slots import Slot

PARTIAL_NAME = "drafter-answers.partial.yaml"
DONE_MARK = "wizard-done:"
EXIT_INTERRUPTED = 130
EXIT_CANCELLED = 1


# ---------------------------------------------------------------- context

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
        from drafter.profile import load_taxonomy

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
        return self.bank.slots_for(profile)

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

        text = yaml.safe_dump(ordered(answers), allow_unicode=True, sort_keys=False, width=1000)
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


# ---------------------------------------------------------------- terminal I/O

SELECT_HELP = "（↑↓ 选择，回车确认）"
CHECKBOX_HELP = "（↑↓ 移动，空格 勾选/取消，回车确认）"
YES, NO = "是", "否"


def confirm_help(default: bool) -> str:
    return "（回车=是，n=否）" if default else "（回车=否，y=是）"


class QuestionaryAsker:
    """Ask one question with questionary; Ctrl-C raises KeyboardInterrupt.

    questionary's own texts are English ("(Use arrow keys)", "Yes", "done (2 selections)"):
    select and checkbox get Chinese key help, and confirm and checkbox prompts are erased
    when answered and echoed again in Chinese (是/否, the ticked items as they will read).
    """

    def __init__(self, input: Any = None, output: Any = None):
        self._output = output
        self._io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}

    def __call__(self, ask: Ask) -> Any:
        import questionary

        echo = ask.kind in ("confirm", "checkbox")
        io = dict(self._io, erase_when_done=True) if echo else self._io
        if ask.kind == "text":
            q = questionary.text(ask.message, default=ask.default or "", validate=ask.validate,
                                 instruction=ask.instruction, **io)
        elif ask.kind == "confirm":
            q = questionary.confirm(ask.message, default=bool(ask.default),
                                    instruction=ask.instruction or confirm_help(bool(ask.default)), **io)
        elif ask.kind == "select":
            choices = [questionary.Choice(c.title, c.value) for c in ask.choices]
            default = next((c for c in choices if c.value == ask.default), None)
            q = questionary.select(ask.message, choices=choices, default=default,
                                   instruction=ask.instruction or SELECT_HELP, **io)
        elif ask.kind == "checkbox":
            # values by position: titles may repeat and values may be long texts
            choices = [questionary.Choice(c.title, i, checked=c.checked) for i, c in enumerate(ask.choices)]
            q = questionary.checkbox(ask.message, choices=choices,
                                     instruction=ask.instruction or CHECKBOX_HELP, **io)
        else:  # pragma: no cover - programming error
            raise ValueError(f"unknown question kind {ask.kind!r}")
        try:
            answer = q.unsafe_ask()
        except KeyboardInterrupt:
            if echo:
                self._echo(ask.message, "（已中断）")
            raise
        if answer is None:
            raise KeyboardInterrupt
        if ask.kind == "confirm":
            self._echo(ask.message, YES if answer else NO)
        elif ask.kind == "checkbox":
            if answer:
                self._echo(ask.message, f"已选 {len(answer)} 条：", [ask.choices[i].title for i in answer])
            else:
                self._echo(ask.message, ask.empty or "未选择")
            return [ask.choices[i].value for i in answer]
        return answer

    def _echo(self, message: str, answer: str, items: list[str] = ()) -> None:
        """The answered question as questionary shows it, in Chinese."""
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText
        from questionary.constants import DEFAULT_QUESTION_PREFIX
        from questionary.styles import merge_styles_default

        style = merge_styles_default([None])
        lines = [[("class:qmark", DEFAULT_QUESTION_PREFIX), ("class:question", f" {message} "),
                  ("class:answer", answer)]]
        lines += [[("", "    · "), ("class:answer", item)] for item in items]
        for tokens in lines:
            print_formatted_text(FormattedText(tokens), style=style, output=self._output)


def drive(wizard: Wizard, ask: Callable[[Ask], Any], say: Callable[[str], None]) -> Outcome:
    """Run the interview: each Ask goes to ask(), each Say to say()."""
    gen = wizard.flow()
    value = None
    try:
        while True:
            item = gen.send(value)
            if isinstance(item, Say):
                say(item.text)
                value = None
            else:
                value = ask(item)
    except StopIteration as stop:
        return stop.value


# ---------------------------------------------------------------- answers files

def load_answers(path: str | os.PathLike, ctx: WizardContext) -> tuple[dict, set]:
    """Answers from a figures file or a partial answers file (validated like `drafter draft`).

    Returns (answers, steps already answered). Raises InputError with line numbers.
    """
    from drafter.figures import parse_figures_text, read_file, read_yaml
    from drafter.wizard_state import steps_answered

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


# ---------------------------------------------------------------- entry point

def run_wizard(
    answers_path: str | os.PathLike | None = None,
    *,
    ctx: WizardContext | None = None,
    ask: Callable[[Ask], Any] | None = None,
    say: Callable[[str], None] = print,
) -> int:
    """The whole wizard. Returns the exit status (0 written, 1 cancelled, 130 interrupted)."""
    from drafter.errors import DrafterError

    ctx = ctx or WizardContext()
    ask = ask or QuestionaryAsker()
    wizard = Wizard(ctx)
    partial = ctx.cwd / PARTIAL_NAME
    ctx.check_bank()
    say("总结起草助手 · 向导：依次填写单位、年度与报告类型、主要数据、亮点、问题和打算，预览提纲后生成 Word 初稿。")
    say("（随时按 Ctrl-C 中断，已填写的内容会保存，下次可接着填）")
    if answers_path:
        wizard.answers, wizard.done = load_answers(answers_path, ctx)
        wizard.loaded = True
    try:
        outcome = drive(wizard, ask, say)
    except (KeyboardInterrupt, EOFError):
        saved = save_partial(wizard, ctx, partial)
        if saved:
            say(f"\n已中断。目前的回答已保存到：{saved}")
            say(f"继续填写请运行：drafter wizard --answers {saved}")
        else:
            say("\n已中断。尚未填写任何内容，没有保存文件。")
        return EXIT_INTERRUPTED
    if outcome.action != "confirm":
        say("已取消，没有写入任何文件。")
        return EXIT_CANCELLED
    try:
        docx, answers = write_outputs(outcome, ctx)
    except DrafterError:
        saved = save_partial(wizard, ctx, partial)
        if saved:
            say(f"写入失败。回答已保存到：{saved}，改正后可运行：drafter wizard --answers {saved}")
        raise
    say(f"已生成初稿：{docx}")
    for note in getattr(outcome.draft, "notes", None) or []:
        say(f"  提示：{note}")
    say(f"回答已保存：{answers}")
    arg = _shell_arg(answers, ctx.cwd)
    say(f"  修改回答后重新生成：drafter draft {arg} --force（覆盖原稿）")
    say(f"  明年以此为起点：drafter wizard --answers {arg}")
    return 0


def _shell_arg(path: Path, cwd: Path) -> str:
    """A path as typed on a command line: relative to cwd when inside it, quoted if it has spaces."""
    try:
        text = str(Path(path).relative_to(cwd))
    except ValueError:
        text = str(path)
    return f'"{text}"' if " " in text else text

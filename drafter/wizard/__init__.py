"""`drafter wizard`: interview the user in the terminal, write the draft and its answers file.

The package, by job:
  * questions.py  the question objects (Ask, Say, Choice) and answer checks (pure);
  * flow.py       the interview as a pure state machine over an answers dict (yields questions);
  * context.py    WizardContext: what the interview needs from the rest of drafter
                  (profile inference, the phrase bank, figures validation, drafting);
  * terminal.py   QuestionaryAsker: each question as a questionary prompt;
  * answers.py    answers files: load, save a partial file on interruption, write the outputs;
  * here          run_wizard, the entry point `drafter wizard` calls.

Start-up is kept light: these modules import only the standard library and the pure
wizard modules; questionary is imported on the first question, the phrase bank,
pydantic and python-docx after the unit name has been asked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from drafter.wizard.answers import (
    PARTIAL_PREFIX,
    find_partials,
    load_answers,
    partial_name,
    save_partial,
    unit_of_partial,
    write_outputs,
)
from drafter.wizard.context import WizardContext
from drafter.wizard.flow import Wizard, drive
from drafter.wizard.questions import Ask
from drafter.wizard.terminal import QuestionaryAsker

__all__ = ["PARTIAL_PREFIX", "QuestionaryAsker", "WizardContext", "partial_name", "run_wizard"]

EXIT_INTERRUPTED = 130
EXIT_CANCELLED = 1
NEW = "__new__"


def run_wizard(
    answers_path: str | os.PathLike | None = None,
    *,
    ctx: WizardContext | None = None,
    ask: Callable[[Ask], Any] | None = None,
    say: Callable[[str], None] = print,
) -> int:
    """The whole wizard. Returns the exit status (0 written, 1 cancelled, 130 interrupted)."""
    ctx = ctx or WizardContext()
    ask = ask or QuestionaryAsker()
    wizard = Wizard(ctx)
    ctx.check_bank()
    say("总结起草助手 · 向导：依次填写单位、年度与报告类型、主要工作、主要数据、亮点、问题和打算，预览提纲后生成 Word 初稿。")
    say("（随时按 Ctrl-C 中断，已填写的内容会按单位保存，下次运行 drafter wizard 可接着填）")
    resumed: Path | None = None
    try:
        if not answers_path:
            resumed = _offer_partials(ctx, ask)
            answers_path = resumed
        elif Path(answers_path).name.startswith(PARTIAL_PREFIX):
            resumed = ctx.resolve(str(answers_path))      # a partial file given by name: used up too
        if answers_path:
            wizard.answers, wizard.done, problems = load_answers(answers_path, ctx)
            if problems:
                say("上次的答案中有以下内容无法使用，已跳过，稍后重新询问：")
                for line in problems:
                    say(f"  {line}")
            wizard.loaded = True
        outcome = drive(wizard, ask, say)
    except (KeyboardInterrupt, EOFError):
        saved = _save(wizard, ctx)
        if saved:
            say(f"\n已中断。目前的回答已保存到：{saved}")
            say("继续填写请运行：drafter wizard（会列出未完成的回答），或：")
            say(f"drafter wizard --answers {saved}")
        else:
            say("\n已中断。尚未填写任何内容，没有保存文件。")
        return EXIT_INTERRUPTED
    return _finish(wizard, outcome, ctx, say, resumed)


def _offer_partials(ctx: WizardContext, ask: Callable[[Ask], Any]) -> Path | None:
    """Offer the unfinished interviews found in the working folder; the chosen file or None."""
    from drafter.wizard.questions import Choice

    partials = find_partials(ctx.cwd)
    if not partials:
        return None
    choices = [Choice(f"接着填写：{unit_of_partial(p)}（{p.name}）", str(p)) for p in partials]
    choices.append(Choice("重新开始一份新的", NEW))
    picked = ask(Ask("select", "resume_partial", "发现未完成的回答：", choices=choices, default=str(partials[0])))
    return None if picked == NEW else Path(picked)


def _save(wizard: Wizard, ctx: WizardContext) -> Path | None:
    unit = wizard.answers.get("unit")
    if not unit:
        return None
    return save_partial(wizard, ctx, ctx.cwd / partial_name(str(unit)))


def _finish(wizard: Wizard, outcome, ctx: WizardContext, say: Callable[[str], None], resumed: Path | None) -> int:
    from drafter.errors import DrafterError

    if outcome.action != "confirm":
        say("已取消，没有写入任何文件。")
        return EXIT_CANCELLED
    try:
        docx, answers, findings = write_outputs(outcome, ctx)
    except DrafterError:
        saved = _save(wizard, ctx)
        if saved:
            say(f"写入失败。回答已保存到：{saved}，改正后可运行：drafter wizard --answers {saved}")
        raise
    # the unfinished answers are used up: the draft's own answers file replaces them
    for used in {resumed, ctx.cwd / partial_name(str(wizard.answers.get("unit", "")))}:
        if used is not None and used.is_file() and used.name.startswith(PARTIAL_PREFIX):
            used.unlink()
    say(f"已生成初稿：{docx}")
    for note in getattr(outcome.draft, "notes", None) or []:
        say(f"  提示：{note}")
    say(f"回答已保存：{answers}")
    say("自动检查：" + ctx.check_summary(findings))
    for finding in findings:
        say(f"  {finding}")
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

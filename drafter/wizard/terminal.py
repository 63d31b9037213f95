"""Terminal I/O of the wizard: each `Ask` becomes a questionary prompt (input and output
injectable, so tests type keys into a prompt_toolkit pipe input). questionary is imported
on the first question.
"""

from __future__ import annotations

from typing import Any

from drafter.wizard.questions import Ask

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
                self._echo(ask.message, f"已选 {len(answer)} 条：", [_as_read(ask.choices[i]) for i in answer])
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


def _as_read(choice) -> str:
    """A ticked item as it will read in the draft (in full), else its title."""
    return choice.value if isinstance(choice.value, str) else choice.title

"""`drafter wizard` as a process: without a terminal, in a real pseudo-terminal, and its imports.

The pty tests run the installed `drafter` console command under pexpect, with the fixture
phrase bank (DRAFTER_PHRASEBANK) and a temporary working directory, and type the answers
the way a user would: text and figures, arrow keys, space, enter, Ctrl-C.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_BANK as BANK
from conftest import LAST_ANSWERS, cli_env, drafter_cmd, modules_at_exit, modules_cmd

PARTIAL_NAME = "drafter-answers.partial.某某县民政局.yaml"   # one partial answers file per unit

DOWN, UP, ENTER, CLEAR, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x15", "\x03"


def env(**extra) -> dict:
    return cli_env(BANK, PYTHONUTF8="1", PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", COLUMNS="160",
                   LINES="40", **extra)


# ---------------------------------------------------------------- no terminal

def _no_tty_checks(proc: subprocess.CompletedProcess, tmp_path: Path) -> None:
    # (a wizard that waited for input would hit the subprocess timeout instead)
    assert proc.returncode == 2, proc
    err = proc.stderr
    assert "终端" in err
    assert "drafter draft" in err and "drafter wizard --answers" in err
    assert "Traceback" not in err and proc.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("stdin", [subprocess.DEVNULL, subprocess.PIPE], ids=["devnull", "pipe"])
def test_no_terminal_says_what_to_do_and_exits_nonzero(tmp_path, stdin):
    proc = subprocess.run(drafter_cmd() + ["wizard"], stdin=stdin, input=None, capture_output=False,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env(),
                          timeout=30, encoding="utf-8")
    _no_tty_checks(proc, tmp_path)
    assert "标准输入" in proc.stderr


def test_no_terminal_with_answers_and_piped_keys(tmp_path):
    """Keys piped into stdin are not a terminal either (the pipe is written and closed)."""
    answers = LAST_ANSWERS
    proc = subprocess.run(drafter_cmd() + ["wizard", "--answers", str(answers)], input="\r\r\r",
                          capture_output=True, cwd=tmp_path, env=env(), timeout=30, encoding="utf-8")
    _no_tty_checks(proc, tmp_path)


# ---------------------------------------------------------------- pseudo-terminal

pexpect = pytest.importorskip("pexpect") if os.name != "nt" else None
pty_only = pytest.mark.skipif(os.name == "nt", reason="pexpect.spawn needs a POSIX pty")


class Terminal:
    """A `drafter wizard` process in a 40x160 pseudo-terminal."""

    def __init__(self, cwd: Path, *args: str, modules_report: Path | None = None):
        # with modules_report: drafter.cli.main run as the console script does, reporting at
        # exit the mining libraries it holds (conftest.MODULES_AT_EXIT)
        cmd = modules_cmd() if modules_report else drafter_cmd()
        extra = {"DRAFTER_TEST_MODULES": str(modules_report)} if modules_report else {}
        self.child = pexpect.spawn(cmd[0], cmd[1:] + ["wizard", *args], cwd=str(cwd), env=env(**extra),
                                   encoding="utf-8", dimensions=(40, 160), timeout=10)
        self.log: list[str] = []

    def expect(self, text: str) -> None:
        """Wait until text (literal) appears on the screen."""
        try:
            self.child.expect_exact(text)
        except (pexpect.TIMEOUT, pexpect.EOF):
            raise AssertionError(f"never saw {text!r}; screen so far:\n{self.screen()}") from None
        self.log.append(self.child.before + self.child.after)

    def answer(self, prompt: str, keys: str) -> None:
        self.expect(prompt)
        self.child.send(keys)

    def screen(self) -> str:
        before = self.child.before if isinstance(self.child.before, str) else ""
        return plain("".join(self.log) + before)

    def finish(self, timeout: float = 20) -> int:
        self.child.expect(pexpect.EOF, timeout=timeout)
        self.log.append(self.child.before)
        self.child.close()
        return self.child.exitstatus


def plain(text: str) -> str:
    """Terminal output without escape sequences."""
    return re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\r", "", text)


def slot_plan(theme: str, unit: str = "某某县民政局"):
    """The figure groups the wizard will ask for, as (group, [(name, prompt label)])."""
    from drafter.wizard import WizardContext

    ctx = WizardContext(bank_path=BANK)
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for s in ctx.slots_for(ctx.profile_of({"unit": unit, "theme": theme})):
        label = s.label if not s.unit or s.unit in s.label else f"{s.label}（{s.unit}）"
        if not groups or groups[-1][0] != s.group:
            groups.append((s.group, []))
        groups[-1][1].append((s.name, label))
    return groups


def select_keys(options: list[str], default: str, target: str) -> str:
    d = options.index(target) - options.index(default)
    return (DOWN * d if d >= 0 else UP * -d) + ENTER


TYPED = {"主动公开信息数": "1530", "网站发布信息数": "845",
         "依申请公开件数": "12", "依申请办结件数": "12", "依申请办结率": "98.5"}
FILLED_GROUPS = {"主动公开", "依申请公开"}
HIGHLIGHT = "开设“社会救助政策”专栏，集中公开低保、特困等救助标准"


def type_the_start(term: Terminal) -> None:
    """Unit, category, year, kind, title: as a user types them."""
    from drafter.models import THEMES

    term.answer("单位名称", "某某县民政局" + ENTER)
    term.expect("识别结果")
    term.expect("民政社保")
    term.answer("以上单位类别是否正确", ENTER)
    term.answer("报告年度", CLEAR + "2025" + ENTER)
    term.answer("报告类型", select_keys(list(THEMES), "年度综合", "政务公开"))
    term.answer("及2026年工作思路", "n")


@pty_only
def test_real_terminal_full_run(tmp_path, tmp_path_factory):
    import docx
    import yaml

    report = tmp_path_factory.mktemp("modules") / "wizard.txt"
    term = Terminal(tmp_path, modules_report=report)
    type_the_start(term)
    for group, members in slot_plan("政务公开"):
        wanted = group in FILLED_GROUPS
        term.answer(f"【{group}】", ENTER if wanted else "n")
        if not wanted:
            continue
        for name, label in members:
            value = TYPED.get(name)
            if name == "依申请办结率":
                term.answer(f"{label}：", "120" + ENTER)          # over 100: refused, asked again
                term.expect("100")
                term.child.send(CLEAR + value + ENTER)
            else:
                term.answer(f"{label}：", (value or "") + ENTER)
    term.answer("亮点 1", HIGHLIGHT + ENTER)
    term.answer("亮点 2", ENTER)
    term.answer("存在问题：勾选", DOWN + " " + ENTER)              # the second phrase, as it will read
    term.expect("已选 1 条")
    term.answer("补充问题 2", ENTER)
    term.answer("下一步工作打算：勾选", ENTER)                      # none: the drafter chooses
    term.answer("补充打算 1", ENTER)
    term.answer("成文日期", ENTER)                                 # the defaults: nothing saved
    term.answer("单位简称", ENTER)
    term.answer("上级单位", ENTER)
    term.expect("草稿提纲预览")
    term.expect("某某县民政局2025年政务公开工作总结")
    term.expect("预览结束")
    term.answer("接下来", ENTER)
    term.answer("保存为", ENTER)                                   # the default name
    term.expect("明年以此为起点")
    status = term.finish()
    shown = term.screen()
    assert status == 0, shown
    # start, questions, preview, draft and write: no mining library was loaded on the way
    assert modules_at_exit(report) == [], modules_at_exit(report)

    # the screens read in Chinese: no questionary English left
    for english in ("Use arrow keys", "done (", "(Y/n)", "(y/N)", " Yes", " No\n"):
        assert english not in shown, english
    assert "是" in shown and "否" in shown

    files = sorted(p.name for p in tmp_path.iterdir())
    stem = "某某县民政局2025年政务公开工作总结"
    assert files == [f"{stem}.answers.yaml", f"{stem}.docx"], files
    assert f"已生成初稿：{tmp_path / (stem + '.docx')}" in shown
    assert f"回答已保存：{tmp_path / (stem + '.answers.yaml')}" in shown

    paragraphs = [p.text for p in docx.Document(str(tmp_path / f"{stem}.docx")).paragraphs if p.text.strip()]
    text = "\n".join(paragraphs)
    assert paragraphs[0] == stem                                                  # title
    for figure in ("1530", "845", "98.5"):
        assert figure in text, figure
    assert HIGHLIGHT in text
    assert "{" not in text and "}" not in text and "XX" not in text

    saved = yaml.safe_load((tmp_path / f"{stem}.answers.yaml").read_text(encoding="utf-8"))
    assert saved["unit"] == "某某县民政局" and saved["year"] == 2025 and saved["theme"] == "政务公开"
    assert saved["figures"] == {"主动公开信息数": 1530, "网站发布信息数": 845, "依申请公开件数": 12,
                                "依申请办结件数": 12, "依申请办结率": 98.5}
    assert saved["highlights"] == [HIGHLIGHT]
    assert len(saved["problems"]) == 1 and saved["problems"][0] in text
    assert saved["plans"] == "auto"

    # `drafter draft ANSWERS` reproduces the same draft
    proc = subprocess.run(drafter_cmd() + ["draft", f"{stem}.answers.yaml", "-o", "again.docx", "--no-check"],
                          cwd=tmp_path, env=env(), capture_output=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    again = [p.text for p in docx.Document(str(tmp_path / "again.docx")).paragraphs if p.text.strip()]
    assert again == paragraphs


@pty_only
def test_real_terminal_ctrl_c_saves_partial_answers_only(tmp_path):
    term = Terminal(tmp_path)
    type_the_start(term)
    groups = slot_plan("政务公开")
    group, members = groups[0]
    term.answer(f"【{group}】", ENTER)
    term.answer(f"{members[0][1]}：", "1530" + ENTER)
    term.answer(f"{members[1][1]}：", "84")
    time.sleep(0.2)
    term.child.send(CTRL_C)
    term.expect("已中断")
    status = term.finish()
    shown = term.screen()
    assert status == 130, shown
    assert sorted(p.name for p in tmp_path.iterdir()) == [PARTIAL_NAME]
    partial = tmp_path / PARTIAL_NAME
    assert f"drafter wizard --answers {partial}" in shown
    text = partial.read_text(encoding="utf-8")
    assert "unit: 某某县民政局" in text and "year: 2025" in text and "theme: 政务公开" in text
    assert f"{members[0][0]}: 1530" in text and members[1][0] not in text
    assert "Traceback" not in shown


@pty_only
def test_real_terminal_ctrl_c_at_the_first_question_writes_nothing(tmp_path):
    term = Terminal(tmp_path)
    term.answer("单位名称", "某某")
    time.sleep(0.2)
    term.child.send(CTRL_C)
    term.expect("没有保存")
    assert term.finish() == 130
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- imports

IMPORT_CHECK = r"""
import sys, time
t = time.perf_counter()
import drafter.cli, drafter.commands.wizard, drafter.wizard, drafter.wizard.flow, drafter.wizard.questions
light = sorted(m for m in ("jieba", "sklearn", "docx", "pydantic", "questionary") if m in sys.modules)
import drafter.drafting, drafter.bank, drafter.drafting.compose, drafter.figures, drafter.drafting.render_docx
from drafter.wizard import WizardContext
ctx = WizardContext(bank_path=sys.argv[1])
answers = {"unit": "某某县民政局", "year": 2025, "theme": "政务公开",
           "figures": {"主动公开信息数": 1530, "依申请公开件数": 12}, "highlights": ["开设专栏"]}
draft = ctx.draft(ctx.make_spec(answers))
from drafter.drafting import render
assert render(draft, "docx")[:2] == b"PK"
ctx.top_phrases("problems", "problem", ctx.profile_of(answers), answers["figures"], 8)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("jieba", "sklearn", "scipy"))
print("light:", ",".join(light))
print("heavy:", ",".join(heavy))
"""


def test_wizard_and_drafting_never_import_jieba_or_sklearn(tmp_path):
    proc = subprocess.run([sys.executable, "-c", IMPORT_CHECK, str(BANK)], cwd=tmp_path, env=env(),
                          capture_output=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = dict(line.split(":", 1) for line in proc.stdout.splitlines())
    assert out["heavy"].strip() == "", out["heavy"]
    # before the first question only the standard library and the wizard's own modules
    assert out["light"].strip() == "", out["light"]

"""The wizard driven through real questionary prompts with prompt_toolkit pipe input.

Every question is answered by typing keys into `create_pipe_input()` with
`DummyOutput()`, the way a user's keyboard would: "\\r" enter, "\\x1b[B" down,
" " toggles a checkbox, "\\x15" (Ctrl-U) clears a pre-filled text, "\\x03" Ctrl-C.
The keys for a question are chosen by its key (unit, figure:主动公开信息数, …);
list values answer repeated questions in turn.
"""

from __future__ import annotations

import datetime as dt

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import LAST_ANSWERS as LAST
from conftest import count_figure, docx_text
from drafter.wizard import QuestionaryAsker, WizardContext, partial_name, run_wizard

TODAY = dt.date(2026, 11, 24)
PARTIAL_NAME = partial_name("某某县民政局")   # each unit has its own partial answers file

DOWN, UP, ENTER, CLEAR, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x15", "\x03"


# ---------------------------------------------------------------- key helpers

def typed(text: str) -> str:
    """Clear a pre-filled default, type text, press enter."""
    return CLEAR + text + ENTER


def sel(value):
    """Move from the default choice to the choice with this value, press enter."""
    def keys(ask):
        values = [c.value for c in ask.choices]
        start = values.index(ask.default) if ask.default in values else 0
        d = values.index(value) - start
        return (DOWN * d if d >= 0 else UP * -d) + ENTER
    return keys


def check(predicate):
    """Toggle checkbox items so that exactly those whose value satisfies predicate are checked."""
    def keys(ask):
        out, pos = "", 0
        for i, c in enumerate(ask.choices):
            if bool(predicate(c.value, i)) != c.checked:
                out += DOWN * (i - pos) + " "
                pos = i
        return out + ENTER
    return keys


class Keyboard:
    """Answers each question by typing keys into a fresh pipe input (real questionary prompt)."""

    def __init__(self, script: dict, default_groups: str = "n"):
        self.script = {k: (list(v) if isinstance(v, list) else v) for k, v in script.items()}
        self.default_groups = default_groups
        self.asked: list[str] = []
        self.questions: dict[str, object] = {}

    def keys_for(self, ask) -> str:
        value = self.script.get(ask.key)
        if isinstance(value, list):
            value = value.pop(0) if value else None
        if value is None:
            if ask.key.startswith("group:"):
                return self.default_groups
            if ask.key.startswith("figure:") or ask.kind == "checkbox":
                return ENTER                       # keep the default / skip
            if ask.key in ("highlight", "problems_own", "plans_own", "work_own", "work_point",
                           "signature_date", "short_name", "superior"):
                return ENTER                       # empty ends the list
            raise AssertionError(f"unexpected question {ask.key}: {ask.message}")
        return value(ask) if callable(value) else value

    def __call__(self, ask):
        keys = self.keys_for(ask)
        self.asked.append(ask.key)
        self.questions[ask.key] = ask
        with create_pipe_input() as inp:
            inp.send_text(keys)
            inp.close()          # running out of keys raises EOFError instead of hanging
            return QuestionaryAsker(input=inp, output=DummyOutput())(ask)


@pytest.fixture
def ctx(bank, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return WizardContext(bank=bank, today=TODAY, cwd=tmp_path)


FULL_RUN = {
    "unit": typed("某某县民政局"),
    "profile_ok": ENTER,                   # 县 / 民政局 / 民政社保 is right
    "year": ENTER,                         # default 2026
    "theme": sel("政务公开"),
    "with_plan": "n",
    "group:主动公开": "y",
    "figure:主动公开信息数": typed("1530"),
    "figure:网站发布信息数": typed("845"),
    "group:依申请公开": "y",
    "figure:依申请公开件数": typed("12"),
    "figure:依申请办结件数": typed("12"),
    "figure:依申请办结率": typed("100"),
    "highlight": [typed("开设“社会救助政策”专栏，集中公开低保、特困等救助标准"), ENTER],
    "problems_pick": check(lambda v, i: i == 0),
    "plans_pick": ENTER,                   # none: the bank's phrases, chosen by the drafter
    "preview": sel("confirm"),
    "output": ENTER,                       # default name from the title
}


def run(ctx, script, capsys=None, answers=None, **kw):
    kb = Keyboard(script, **kw)
    lines: list[str] = []
    rc = run_wizard(answers, ctx=ctx, ask=kb, say=lines.append)
    return rc, kb, "\n".join(lines)


# ---------------------------------------------------------------- full run

def test_full_run_writes_draft_and_answers(ctx, tmp_path, bank):
    from drafter.drafting import draft_unit
    from drafter.figures import load_figures

    rc, kb, shown = run(ctx, FULL_RUN)
    assert rc == 0, shown
    docs = sorted(tmp_path.glob("*.docx"))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.name.startswith("某某县民政局2026年") and "政务公开" in doc.name
    answers = tmp_path / (doc.name[:-5] + ".answers.yaml")
    assert answers.is_file()
    assert str(doc) in shown and str(answers) in shown

    text = docx_text(doc)
    first = text.strip().splitlines()[0]
    assert "某某县民政局" in first and "2026" in first and "政务公开" in first      # title
    for figure in ("1530", "845"):
        assert figure in text
    assert "社会救助政策" in text                                                  # highlight
    assert "{" not in text and "XX" not in text

    # the answers file is exactly the `drafter draft` figures file for this draft
    spec = load_figures(answers)
    assert spec.unit == "某某县民政局" and spec.year == 2026 and spec.theme == "政务公开"
    assert spec.figures["主动公开信息数"] == 1530 and spec.figures["依申请办结率"] == 100
    assert spec.level == "县" and spec.family == "民政社保"
    assert spec.highlights == ["开设“社会救助政策”专栏，集中公开低保、特困等救助标准"]
    assert isinstance(spec.problems, list) and len(spec.problems) == 1
    assert spec.problems[0] in text                                              # chosen phrase, as shown
    assert spec.plans == "auto"
    # `drafter draft ANSWERS` gives the same draft
    redraft = draft_unit(spec, bank=bank)
    assert redraft.title == first
    for block in redraft.blocks:
        assert block.text in text


def test_problem_choices_are_shown_filled(ctx):
    rc, kb, shown = run(ctx, dict(FULL_RUN, preview=sel("cancel")))
    assert rc == 1
    pick = kb.questions["problems_pick"]
    assert pick.choices, "the bank's problem phrases are offered"
    for c in pick.choices:
        assert "{" not in c.value and "}" not in c.value      # filled as they will read
    # figure groups name their figures plainly, figures show their unit and nothing else
    ask = kb.questions["group:依申请公开"]
    assert "收到政府信息公开申请；其中已办结的申请" in ask.message      # labels without their （notes）
    assert "n=跳过" in ask.instruction
    assert "没有或不适用的直接回车跳过" in shown
    assert kb.questions["figure:依申请办结率"].message == "依申请公开按时办结率（%）："


# ---------------------------------------------------------------- validation

def test_invalid_figures_are_rejected_and_asked_again(ctx, tmp_path):
    from drafter.figures import load_figures

    script = dict(FULL_RUN)
    script["figure:主动公开信息数"] = typed("-5") + typed("abc") + typed("1,530")
    script["figure:依申请办结件数"] = typed("20") + typed("10")        # part > whole (12)
    script["figure:依申请办结率"] = typed("120") + typed("98.5%")      # over 100
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    spec = load_figures(next(tmp_path.glob("*.answers.yaml")))
    assert spec.figures["主动公开信息数"] == 1530
    assert spec.figures["依申请办结件数"] == 10
    assert spec.figures["依申请办结率"] == 98.5


def test_figure_validator_messages(ctx):
    kb = Keyboard(dict(FULL_RUN, preview=sel("cancel")))
    run_wizard(None, ctx=ctx, ask=kb, say=lambda s: None)
    v = kb.questions["figure:依申请办结率"].validate
    assert v("98.5") is True and v("") is True            # optional: empty skips
    assert "100" in v("120")
    assert "负" in v("-1")
    part = kb.questions["figure:依申请办结件数"].validate
    assert part("12") is True
    assert "依申请公开件数" in part("13")                    # names the whole it exceeds


def test_invalid_year_and_empty_unit_rejected(ctx, tmp_path):
    script = dict(FULL_RUN, unit=ENTER + typed("某某县民政局"), year=typed("26") + typed("2025"))
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    assert "2025" in next(tmp_path.glob("*.docx")).name


# ---------------------------------------------------------------- going back

def test_go_back_and_change_the_report_kind(ctx, tmp_path):
    from drafter.figures import load_figures

    script = dict(FULL_RUN)
    script["preview"] = [sel("back"), sel("confirm")]
    script["back_step"] = sel("period")
    script["year"] = [ENTER, ENTER]
    script["theme"] = [sel("政务公开"), sel("年度综合")]
    script["with_plan"] = ["n", "y"]
    script["group:党建"] = "y"
    script["figure:中心组学习次数"] = typed("12")
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    # changing the kind re-asks the figures (another slot list), not the unit or the highlights
    assert kb.asked.count("unit") == 1 and kb.asked.count("theme") == 2
    assert kb.asked.count("figure:中心组学习次数") == 1
    assert kb.asked.count("highlight") == 2
    spec = load_figures(next(tmp_path.glob("*.answers.yaml")))
    assert spec.theme == "年度综合" and spec.with_plan is True
    assert spec.figures["中心组学习次数"] == 12
    text = docx_text(next(tmp_path.glob("*.docx")))
    assert "2027年工作思路" in text.splitlines()[0] + text.splitlines()[1]
    # every figure valued 12 (中心组学习次数 and the kept 依申请 figures) once, no other 12
    assert count_figure("12", text) == sum(1 for v in spec.figures.values() if v == 12) == 3


def test_go_back_to_the_unit_reinfers_the_profile(ctx, tmp_path):
    from drafter.figures import load_figures

    script = dict(FULL_RUN)
    script["preview"] = [sel("back"), sel("confirm")]
    script["back_step"] = sel("unit")
    script["unit"] = [typed("某某县民政局"), typed("某某镇人民政府")]
    script["profile_ok"] = [ENTER, ENTER]
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    assert kb.asked.count("profile_ok") == 2
    spec = load_figures(next(tmp_path.glob("*.answers.yaml")))
    assert spec.unit == "某某镇人民政府" and spec.level == "乡镇"
    assert spec.figures["主动公开信息数"] == 1530              # kept: same kind of report


def test_correct_the_inferred_profile(ctx, tmp_path):
    from drafter.figures import load_figures

    script = dict(FULL_RUN)
    script["unit"] = typed("某某县社会救助服务站")
    script["profile_ok"] = "n"
    script["level"] = sel("县")
    script["family"] = sel("民政社保")
    script["department"] = typed("民政局")
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    assert "识别结果" in shown
    spec = load_figures(next(tmp_path.glob("*.answers.yaml")))
    assert (spec.level, spec.family, spec.department) == ("县", "民政社保", "民政局")


def test_cancel_writes_nothing(ctx, tmp_path):
    rc, kb, shown = run(ctx, dict(FULL_RUN, preview=sel("cancel")))
    assert rc == 1
    assert "取消" in shown
    assert list(tmp_path.iterdir()) == []


def test_preview_shows_headings_and_first_words(ctx):
    rc, kb, shown = run(ctx, dict(FULL_RUN, preview=sel("cancel")))
    preview = shown.split("草稿提纲预览", 1)[1].split("预览结束", 1)[0]
    assert "某某县民政局2026年" in preview
    assert "一、" in preview and "二、" in preview
    assert "……" in preview                     # paragraphs are cut to their first words


def test_existing_file_is_not_overwritten_without_asking(ctx, tmp_path):
    rc, kb, _ = run(ctx, FULL_RUN)
    assert rc == 0
    doc = next(tmp_path.glob("*.docx"))
    before = doc.read_bytes()
    script = dict(FULL_RUN, overwrite="n", output=[ENTER, typed("另存.docx")])
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    assert doc.read_bytes() == before
    assert (tmp_path / "另存.docx").is_file() and (tmp_path / "另存.answers.yaml").is_file()

    # declining again suggests a free name
    rc, kb, shown = run(ctx, dict(FULL_RUN, overwrite="n", output=[ENTER, ENTER]))
    assert rc == 0, shown
    assert doc.read_bytes() == before
    again = doc.with_name(doc.stem + "（2）.docx")
    assert again.is_file() and again.with_name(doc.stem + "（2）.answers.yaml").is_file()


# ---------------------------------------------------------------- --answers

def test_answers_prefill_advances_the_year_and_asks_only_what_changes(ctx, tmp_path):
    from drafter.figures import load_figures

    script = {
        "advance_year": ENTER,                       # yes: 2025 → 2026
        "resume_mode": sel("keep"),
        "group:主动公开": "y",
        "figure:主动公开信息数": typed("1530"),        # this year's figure
        "group:依申请公开": "y",                       # keep 9 / 9 by pressing enter
        "highlights_keep": ENTER,                    # keep last year's highlight
        "preview": sel("confirm"),
        "output": ENTER,
    }
    rc, kb, shown = run(ctx, script, answers=LAST)
    assert rc == 0, shown
    for step_key in ("unit", "profile_ok", "year", "theme", "with_plan", "problems_pick", "plans_pick"):
        assert step_key not in kb.asked
    assert kb.questions["figure:主动公开信息数"].default == "1200"   # pre-filled from last year
    spec = load_figures(next(tmp_path.glob("*.answers.yaml")))
    assert spec.year == 2026 and spec.unit == "某某县民政局" and spec.seed == 3
    assert spec.figures == {"主动公开信息数": 1530, "依申请公开件数": 9, "依申请办结件数": 9}
    assert spec.highlights == ["在县政府门户网站开设“社会救助政策”专栏"]
    text = docx_text(next(tmp_path.glob("*.docx")))
    assert "2026" in text.splitlines()[0] and "1530" in text and "1200" not in text


def test_answers_review_mode_asks_everything_with_defaults(ctx, tmp_path):
    script = {
        "advance_year": "n",
        "resume_mode": sel("review"),
        "unit": ENTER, "profile_ok": ENTER, "year": ENTER, "theme": ENTER, "with_plan": ENTER,
        "group:主动公开": "y", "group:依申请公开": "y",
        "preview": sel("confirm"), "output": ENTER,
    }
    rc, kb, shown = run(ctx, script, answers=LAST)
    assert rc == 0, shown
    assert kb.questions["unit"].default == "某某县民政局"
    assert kb.questions["year"].default == "2025"
    assert kb.questions["theme"].default == "政务公开"
    doc = next(tmp_path.glob("*.docx"))
    assert "2025" in doc.name
    assert "1200" in docx_text(doc)


def test_answers_typeahead_in_one_session(ctx, tmp_path):
    """All keys typed ahead into one pipe: the keep mode needs three presses of enter."""
    current = tmp_path / "current.yaml"
    current.write_text(LAST.read_text(encoding="utf-8").replace("year: 2025", "year: 2026"), encoding="utf-8")
    with create_pipe_input() as inp:
        inp.send_text(ENTER * 3)     # keep · confirm preview · default file name
        inp.close()
        lines: list[str] = []
        rc = run_wizard(current, ctx=ctx, ask=QuestionaryAsker(input=inp, output=DummyOutput()), say=lines.append)
    assert rc == 0, lines
    doc = next(tmp_path.glob("*.docx"))
    assert "1200" in docx_text(doc)


def test_answers_file_with_a_bad_value_loads_the_rest_and_asks_that_one_again(ctx, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息数: 1530\n  依申请办结率: 130\n",
                   encoding="utf-8")
    script = {"resume_mode": sel("keep"), "profile_ok": ENTER, "year": ENTER, "theme": ENTER, "with_plan": "n",
              "group:主动公开": "y", "group:依申请公开": "y", "figure:依申请办结率": CTRL_C}
    rc, kb, shown = run(ctx, script, answers=bad)
    assert rc == 130, shown
    assert "无法使用" in shown and "bad.yaml" in shown and "第 5 行" in shown and "依申请办结率" in shown
    assert "unit" not in kb.asked                                   # the rest is kept
    assert kb.questions["figure:主动公开信息数"].default == "1530"
    assert kb.questions["figure:依申请办结率"].default == ""         # the bad value is asked again


def test_answers_file_without_a_usable_unit_is_refused(ctx, tmp_path):
    from drafter.errors import DrafterError

    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: ''\nfigures:\n  依申请办结率: 130\n", encoding="utf-8")
    with pytest.raises(DrafterError) as err:
        run(ctx, {}, answers=bad)
    assert "bad.yaml" in str(err.value) and "第 1 行" in str(err.value)


# ---------------------------------------------------------------- Ctrl-C

def test_ctrl_c_saves_partial_answers_and_nothing_else(ctx, tmp_path):
    script = dict(FULL_RUN)
    script["figure:网站发布信息数"] = "84" + CTRL_C
    rc, kb, shown = run(ctx, script)
    assert rc == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == [PARTIAL_NAME]
    partial = tmp_path / PARTIAL_NAME
    assert f"drafter wizard --answers {partial}" in shown
    text = partial.read_text(encoding="utf-8")
    assert "某某县民政局" in text and "主动公开信息数: 1530" in text and "网站发布信息数" not in text

    # resume: asks neither the unit nor the year again, continues with the figures
    script = {
        "resume_mode": sel("keep"),
        "group:主动公开": "y",
        "figure:网站发布信息数": typed("845"),
        "group:依申请公开": "n",
        "highlight": ENTER,
        "preview": sel("confirm"),
        "output": ENTER,
    }
    rc, kb, shown = run(ctx, script, answers=partial)
    assert rc == 0, shown
    assert not partial.exists()                      # used up: the draft's answers file replaces it
    assert "unit" not in kb.asked and "year" not in kb.asked and "theme" not in kb.asked
    assert kb.questions["figure:主动公开信息数"].default == "1530"
    text = docx_text(next(tmp_path.glob("*.docx")))
    assert "1530" in text and "845" in text


def test_ctrl_c_at_first_question_saves_nothing(ctx, tmp_path):
    rc, kb, shown = run(ctx, {"unit": "某某" + CTRL_C})
    assert rc == 130
    assert list(tmp_path.iterdir()) == []
    assert "没有保存" in shown


def test_ctrl_c_on_a_select_and_a_checkbox(ctx, tmp_path):
    for key in ("theme", "problems_pick"):
        for p in tmp_path.iterdir():
            p.unlink()
        rc, kb, shown = run(ctx, dict(FULL_RUN, **{key: DOWN + CTRL_C}))
        assert rc == 130, key
        assert [p.name for p in tmp_path.iterdir()] == [PARTIAL_NAME]


def test_a_second_interruption_replaces_the_first_partial_file(ctx, tmp_path):
    script = dict(FULL_RUN)
    script["figure:网站发布信息数"] = "84" + CTRL_C
    rc, kb, shown = run(ctx, script)
    assert rc == 130
    partial = tmp_path / PARTIAL_NAME
    assert "主动公开信息数: 1530" in partial.read_text(encoding="utf-8")
    # resumed, a figure changed, interrupted again: the partial file now holds the new answer
    script = {"resume_mode": sel("keep"), "group:主动公开": "y",
              "figure:主动公开信息数": typed("1600"), "figure:网站发布信息数": "9" + CTRL_C}
    rc, kb, shown = run(ctx, script, answers=partial)
    assert rc == 130, shown
    assert f"drafter wizard --answers {partial}" in shown
    text = partial.read_text(encoding="utf-8")
    assert "主动公开信息数: 1600" in text and "1530" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == [PARTIAL_NAME]


def test_end_of_input_saves_like_ctrl_c(ctx, tmp_path):
    """The keys run out (a closed terminal or pipe): EOF is an interruption, the answers are saved."""
    script = dict(FULL_RUN)
    script["figure:网站发布信息数"] = "84"          # typed, never entered: the input ends
    rc, kb, shown = run(ctx, script)
    assert rc == 130, shown
    assert sorted(p.name for p in tmp_path.iterdir()) == [PARTIAL_NAME]
    text = (tmp_path / PARTIAL_NAME).read_text(encoding="utf-8")
    assert "unit: 某某县民政局" in text and "主动公开信息数: 1530" in text
    assert "已中断" in shown


def test_answers_that_do_not_validate_yet_are_saved_as_typed(ctx, tmp_path):
    """The same highlight typed twice passes each question but not the figures file
    (no repeated items): an interruption still saves every answer, as typed."""
    import yaml

    script = dict(FULL_RUN)
    script["highlight"] = [typed("建成便民服务专栏"), typed("建成便民服务专栏"), ENTER]
    script["problems_pick"] = CTRL_C
    rc, kb, shown = run(ctx, script)
    assert rc == 130, shown
    assert sorted(p.name for p in tmp_path.iterdir()) == [PARTIAL_NAME]
    text = (tmp_path / PARTIAL_NAME).read_text(encoding="utf-8")
    saved = yaml.safe_load(text)
    assert saved["unit"] == "某某县民政局" and saved["year"] == 2026 and saved["theme"] == "政务公开"
    assert saved["figures"]["主动公开信息数"] == 1530 and saved["figures"]["依申请办结率"] == 100
    assert saved["highlights"] == ["建成便民服务专栏", "建成便民服务专栏"]
    assert "drafter wizard --answers" in text         # the header says how to go on


def test_answers_are_saved_when_the_final_write_fails(ctx, tmp_path):
    from drafter.errors import DrafterError

    (tmp_path / "总结.docx").mkdir()                  # the chosen name is taken by a folder
    script = dict(FULL_RUN, output=typed("总结.docx"), overwrite="y")
    lines: list[str] = []
    with pytest.raises(DrafterError) as err:
        run_wizard(None, ctx=ctx, ask=Keyboard(script), say=lines.append)
    assert "总结.docx" in str(err.value)
    partial = tmp_path / PARTIAL_NAME
    assert any("写入失败" in line and str(partial) in line for line in lines), lines
    text = partial.read_text(encoding="utf-8")
    assert "unit: 某某县民政局" in text and "主动公开信息数: 1530" in text and "依申请办结率: 100" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == [PARTIAL_NAME, "总结.docx"]
    assert list((tmp_path / "总结.docx").iterdir()) == []


# ---------------------------------------------------------------- details a user sees

@pytest.mark.parametrize("today, year", [(dt.date(2027, 2, 10), "2026"), (dt.date(2027, 3, 1), "2027"),
                                         (dt.date(2026, 12, 30), "2026")])
def test_report_year_defaults_to_last_year_before_march(bank, tmp_path, today, year):
    ctx = WizardContext(bank=bank, today=today, cwd=tmp_path)
    rc, kb, _ = run(ctx, {"unit": typed("某某县民政局"), "profile_ok": ENTER, "year": CTRL_C})
    assert rc == 130
    assert kb.questions["year"].default == year


def test_group_with_last_years_figures_says_they_are_kept(ctx):
    script = {"advance_year": ENTER, "resume_mode": sel("keep"), "group:主动公开": "n",
              "group:依申请公开": "n", "highlights_keep": ENTER, "preview": sel("cancel")}
    rc, kb, shown = run(ctx, script, answers=LAST)
    ask = kb.questions["group:依申请公开"]
    assert "已有2025年度的 2 项" in ask.message and "沿用已有数值" in ask.instruction
    assert "默认值是2025年度的数值，请改为今年的" in shown and "Ctrl-U" in shown


def test_output_into_a_missing_folder_is_asked_again(ctx, tmp_path):
    script = dict(FULL_RUN, output=[typed("没有这个文件夹/总结.docx"), typed("总结")])
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    assert "文件夹不存在：没有这个文件夹" in shown
    assert sorted(p.name for p in tmp_path.iterdir()) == ["总结.answers.yaml", "总结.docx"]
    assert "drafter draft 总结.answers.yaml" in shown and "drafter wizard --answers 总结.answers.yaml" in shown


def test_answers_are_echoed_in_chinese():
    import io

    from prompt_toolkit.output.plain_text import PlainTextOutput

    from drafter.wizard.questions import Ask, Choice

    def answer(ask, keys):
        buf = io.StringIO()
        with create_pipe_input() as inp:
            inp.send_text(keys)
            inp.close()
            value = QuestionaryAsker(input=inp, output=PlainTextOutput(buf))(ask)
        return value, buf.getvalue()

    value, shown = answer(Ask("confirm", "x", "继续吗？", default=True), ENTER)
    assert value is True and "继续吗？ 是" in shown and "Yes" not in shown
    value, shown = answer(Ask("confirm", "x", "覆盖吗？", default=False), ENTER)
    assert value is False and "覆盖吗？ 否" in shown and "回车=否" in shown
    choices = [Choice("甲问题", "甲问题的全文"), Choice("乙问题", "乙问题的全文")]
    value, shown = answer(Ask("checkbox", "x", "存在问题：", choices=choices), DOWN + " " + ENTER)
    assert value == ["乙问题的全文"] and "已选 1 条" in shown and "· 乙问题" in shown
    assert "done" not in shown and "空格 勾选" in shown
    value, shown = answer(Ask("checkbox", "x", "存在问题：", choices=choices, empty="未勾选"), ENTER)
    assert value == [] and "存在问题： 未勾选" in shown
    value, shown = answer(Ask("select", "x", "报告类型：", choices=choices, default="甲问题的全文"), DOWN + ENTER)
    assert value == "乙问题的全文" and "↑↓ 选择" in shown and "Use arrow keys" not in shown


def test_each_figure_group_is_offered_once(ctx):
    """The slot catalogue may list a group's figures apart (年度综合: 业务工作 … 综合 … 业务工作)."""
    script = dict(FULL_RUN, theme=sel("年度综合"), preview=sel("cancel"))
    script["group:业务工作"] = "y"
    rc, kb, shown = run(ctx, script)
    groups = [k for k in kb.asked if k.startswith("group:")]
    assert len(groups) == len(set(groups)) >= 3
    figures = [k for k in kb.asked if k.startswith("figure:")]
    assert len(figures) == len(set(figures))
    first = kb.asked.index("group:业务工作")
    asked_in_group = kb.asked[first + 1:first + 1 + len(figures)]
    assert asked_in_group == figures                   # all its figures, one after another
    assert f"【业务工作】{len(figures)} 项" in kb.questions["group:业务工作"].message


def test_missing_phrase_bank_is_reported_before_the_first_question(tmp_path):
    from drafter.errors import DrafterError

    ctx = WizardContext(bank_path=tmp_path / "没有短语库", today=TODAY, cwd=tmp_path)
    kb = Keyboard({})
    with pytest.raises(DrafterError) as err:
        run_wizard(None, ctx=ctx, ask=kb, say=lambda s: None)
    assert "短语库" in str(err.value)
    assert kb.asked == [] and list(tmp_path.iterdir()) == []


def test_default_file_name_fits_a_file_system_name(ctx, tmp_path):
    """A unit name of 4-byte characters: the default name stays under 255 bytes and is written."""
    script = dict(FULL_RUN, unit=typed("𠀀" * 56 + "县民政局"), profile_ok=ENTER)
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2 and all(len(n.encode("utf-8")) <= 255 for n in names)

"""The wizard's 主要工作 step (issue 11), figures typed as people type them, figures
filtered by level, and one partial answers file per unit (issue 12).

Driven through real questionary prompts with prompt_toolkit pipe input (the Keyboard
of tests/test_wizard.py). The saved shape is the shared `work:` shape
[{title, points, figures}], checked in the partial answers file, which keeps it
whether or not the figures schema already knows `work:`.
"""

from __future__ import annotations

import yaml

from test_wizard import CTRL_C, ENTER, TODAY, Keyboard, check, sel, typed
from drafter.wizard import WizardContext, partial_name, run_wizard
from drafter.wizard.questions import figure_text

UNIT = "某某县应急管理局"

ANNUAL_START = {
    "unit": typed(UNIT),
    "profile_ok": ENTER,
    "year": ENTER,
    "theme": sel("年度综合"),
    "with_plan": "n",
    "work_pick": check(lambda v, i: v in ("隐患排查治理", "防汛抗旱")),
    "work_own": [typed("应急指挥平台建设"), ENTER],
    # 隐患排查治理: two points; 防汛抗旱 and 应急指挥平台建设: none
    "work_point": [typed("开展安全生产大排查大整治"), typed("建立隐患整改台账"), ENTER, ENTER, ENTER],
    "figure:隐患排查数": typed("1.2万"),
    "figure:检查次数": typed("三百次"),
}


def run(ctx, script, answers=None):
    kb = Keyboard(script)
    lines: list[str] = []
    rc = run_wizard(answers, ctx=ctx, ask=kb, say=lines.append)
    return rc, kb, "\n".join(lines)


def figures_of(saved: dict) -> dict:
    out = dict(saved.get("figures") or {})
    for item in saved.get("work") or []:
        out.update(item.get("figures") or {})
    return out


def test_work_step_offers_the_departments_lines_and_saves_the_shared_shape(bank, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    rc, kb, shown = run(ctx, dict(ANNUAL_START, highlight=CTRL_C))
    assert rc == 130, shown
    offered = [c.value for c in kb.questions["work_pick"].choices]
    assert offered[:3] == ["安全生产责任落实", "隐患排查治理", "重点领域专项整治"]   # departments.yaml, in order
    saved = yaml.safe_load((tmp_path / partial_name(UNIT)).read_text(encoding="utf-8"))
    assert saved["work"] == [
        {"title": "隐患排查治理", "points": ["开展安全生产大排查大整治", "建立隐患整改台账"],
         "figures": {"隐患排查数": 12000, "检查次数": 300}},
        {"title": "防汛抗旱"},
        {"title": "应急指挥平台建设"},
    ]
    # a figure of a line of work is asked once, under its line, and not again in the figures step
    assert kb.asked.count("figure:隐患排查数") == 1 and kb.asked.count("figure:检查次数") == 1
    order = kb.asked
    assert order.index("work_own") < order.index("figure:隐患排查数") < order.index("figure:检查次数") \
        < len(order) - 1 - order[::-1].index("work_point")          # asked under 隐患排查治理, before the next line
    assert not any(k.startswith("figure:依申请") for k in kb.asked)    # 政务公开 figures are not an 应急局's

    # a plain `drafter wizard` offers the unfinished interview, finishes it, and removes the partial file
    resume = {"resume_partial": ENTER, "resume_mode": sel("keep"), "highlight": ENTER,
              "problems_pick": ENTER, "plans_pick": ENTER, "preview": sel("confirm"), "output": ENTER}
    rc, kb, shown = run(ctx, resume)
    assert rc == 0, shown
    assert "work_pick" not in kb.asked and "unit" not in kb.asked
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not any(n.startswith("drafter-answers.partial.") for n in names), names
    answers = next(p for p in tmp_path.iterdir() if p.name.endswith(".answers.yaml"))
    final = yaml.safe_load(answers.read_text(encoding="utf-8"))
    assert figures_of(final) == {"隐患排查数": 12000, "检查次数": 300}


def test_a_non_annual_report_has_no_work_step(bank, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    script = dict(ANNUAL_START, theme=sel("政务公开"), highlight=CTRL_C)
    rc, kb, shown = run(ctx, script)
    assert rc == 130
    assert "work_pick" not in kb.asked and "work_own" not in kb.asked


def test_each_unit_keeps_its_own_partial_file_and_a_plain_run_lists_them(bank, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    for unit in ("某某县民政局", "某某镇人民政府"):
        rc, kb, shown = run(ctx, {"unit": typed(unit), "profile_ok": CTRL_C, "resume_partial": sel("__new__")})
        assert rc == 130, shown
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [partial_name("某某县民政局"), partial_name("某某镇人民政府")])
    rc, kb, shown = run(ctx, {"resume_partial": CTRL_C})
    offered = [c.title for c in kb.questions["resume_partial"].choices]
    assert any("某某县民政局" in t for t in offered) and any("某某镇人民政府" in t for t in offered)
    assert offered[-1] == "重新开始一份新的"


def test_figures_are_filtered_by_the_units_level(bank, tmp_path):
    from drafter.profile import profile_for
    from drafter.slots import fits_level

    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    town = profile_for({"unit": "某某镇人民政府", "theme": "政务公开"})
    county = profile_for({"unit": "某某县人民政府", "theme": "政务公开"})
    asked_town = {s.name for s in ctx.slots_for(town)}
    asked_county = {s.name for s in ctx.slots_for(county)}
    unfit = {s.name for s in bank.slots_for(town)} - asked_town
    assert unfit and all(not fits_level(n, "乡镇") for n in unfit)
    assert "政府公报期数" not in asked_town and ("政府公报期数" in asked_county or "政府公报期数" not in bank.slots)


def test_figures_typed_with_units_or_chinese_numerals():
    assert figure_text("420次", "次") == ("420", None)
    assert figure_text("120人次", "人次") == ("120", None)
    assert figure_text("一千五百", "条") == ("1500", None)
    assert figure_text("1.2万", "人次") == ("12000", None)
    assert figure_text("１，５３０", "条") == ("1530", None)
    assert figure_text("2.15亿元", "万元") == ("21500", None)
    assert figure_text("1.2万", "万元") == ("1.2", None)
    assert figure_text("98.5％", "%", "percent") == ("98.5%", None)    # the % sign is kept for the schema
    value, problem = figure_text("420人", "次")
    assert value == "420人" and "次" in problem and "人" in problem
    assert figure_text("2026-06-30", "", "date") == ("2026-06-30", None)
    assert figure_text("不清楚", "次") == ("不清楚", None)      # left to the schema's own message


def test_a_figure_in_the_wrong_unit_is_refused_with_a_chinese_message(bank, tmp_path):
    from drafter.wizard.flow import Wizard

    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    wizard = Wizard(ctx)
    slot = bank.slots["检查次数"]
    assert wizard._check_figure(slot, "三百次", {}) == (300, None)
    value, problem = wizard._check_figure(slot, "300人", {})
    assert value is None and "单位" in problem
    value, problem = wizard._check_figure(slot, "很多", {})
    assert value is None and problem


# ---------------------------------------------------------------- issue 12's wizard items

def test_signature_date_and_names_can_be_set(bank, tmp_path, monkeypatch):
    from test_wizard import FULL_RUN, docx_text

    monkeypatch.chdir(tmp_path)
    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    script = dict(FULL_RUN, signature_date=typed("2026年12月20日"), short_name=typed("本局"))
    rc, kb, shown = run(ctx, script)
    assert rc == 0, shown
    assert kb.questions["short_name"].default == "我局"               # what the draft would write
    answers = yaml.safe_load(next(tmp_path.glob("*.answers.yaml")).read_text(encoding="utf-8"))
    assert str(answers["signature"]["date"]) == "2026-12-20"
    assert answers["figures"]["单位简称"] == "本局" and "上级单位" not in answers["figures"]   # default not saved
    text = docx_text(next(tmp_path.glob("*.docx")))
    assert "2026年12月20日" in text and "本局" in text
    assert "自动检查：" in shown                                      # the written draft was checked


def test_preview_names_figures_and_long_options_read_in_full(bank, tmp_path, monkeypatch):
    from test_wizard import FULL_RUN

    monkeypatch.chdir(tmp_path)
    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    long = "部分工作人员对政务公开工作的重要性认识还不够到位，主动公开的意识有待进一步增强，公开内容的深度和广度仍需拓展。"
    short = "政策解读形式较为单一。"
    monkeypatch.setattr(ctx, "top_phrases", lambda section, *a: [long, short] if section == "problems" else [])
    rc, kb, shown = run(ctx, dict(FULL_RUN, problems_pick=check(lambda v, i: i == 0), preview=sel("cancel")))
    assert rc == 1, shown
    preview = shown.split("草稿提纲预览")[1]
    label = ctx.label("主动公开信息数")
    assert label and f"{label} 1530" in preview                          # a label beside the number
    choices = kb.questions["problems_pick"].choices
    assert [c.value for c in choices] == [long, short]
    assert f"1. {long}" in shown and f"2. {short}" in shown              # listed in full above the box
    assert choices[0].title.startswith("1. ") and choices[0].title.endswith("……") and len(choices[0].title) < 45


def test_last_years_figures_kept_unchanged_are_flagged(bank, tmp_path, monkeypatch):
    from conftest import LAST_ANSWERS

    monkeypatch.chdir(tmp_path)
    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    script = {"advance_year": "y", "resume_mode": sel("keep"), "group:主动公开": "y", "group:依申请公开": "y",
              "figure:依申请公开件数": typed("15"), "figure:依申请办结件数": typed("15"),
              "preview": sel("cancel")}
    rc, kb, shown = run(ctx, script, answers=LAST_ANSWERS)
    assert rc == 1, shown
    flagged = [line for line in shown.splitlines() if "完全相同" in line]
    assert len(flagged) == 1 and "2025年度" in flagged[0]
    assert f"{ctx.label('主动公开信息数')} 1200" in flagged[0]             # kept: flagged
    assert "15" not in flagged[0] and " 9" not in flagged[0]              # changed: not flagged


def test_a_whole_smaller_than_its_part_is_refused(bank, tmp_path):
    from drafter.wizard.flow import Wizard

    wizard = Wizard(WizardContext(bank=bank, today=TODAY, cwd=tmp_path))
    value, problem = wizard._check_figure(bank.slots["依申请公开件数"], "5", {"依申请办结件数": 12})
    assert value is None and "依申请办结件数" in problem and "依申请公开件数" in problem
    assert wizard._check_figure(bank.slots["依申请公开件数"], "十二", {"依申请办结件数": 12}) == (12, None)


def test_the_preview_check_agrees_with_the_check_of_the_written_draft(bank, tmp_path):
    """The preview's findings (text rules on the draft) are among those `drafter check`
    reports on the written .docx: headings keep their markers, so sections are found."""
    from drafter.drafting import produce

    ctx = WizardContext(bank=bank, today=TODAY, cwd=tmp_path)
    spec = ctx.make_spec({"unit": UNIT, "year": 2026, "theme": "年度综合", "with_plan": True,
                          "work": [{"title": "隐患排查治理", "figures": {"隐患排查数": 120}}, {"title": "防汛抗旱"}]})
    draft = ctx.draft(spec)
    produced = produce(spec, tmp_path / "x.docx", "docx", check=True, draft=draft)
    assert produced.checked
    assert {f.code for f in ctx.check(spec, draft)} <= {f.code for f in produced.findings}

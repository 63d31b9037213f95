"""Composition: figures placed exactly once, years, numbering, determinism,
variety between units, backoff for unseen units, custom skeletons, bulk."""

from __future__ import annotations

import re

import pytest
from docx import Document

from conftest import (EXAMPLE_FILES, EXAMPLES, FIXTURE_BANK, ROOT, bulk_of, count_figure, docx_text, example_spec,
                      spec_of, written)
from drafter.bulk import run_bulk, safe_target
from drafter.drafting.sentences import close_sentence, join_short
from drafter.drafting import draft_unit, output_name, write_draft
from drafter.errors import DrafterError, OutputExistsError
from drafter.numbering import heading_marker
from drafter.drafting.document import HEADING, PARA

def grams(text: str, n: int = 4) -> set[str]:
    t = re.sub(r"\s", "", text)
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def jaccard(a: str, b: str) -> float:
    ga, gb = grams(a), grams(b)
    return len(ga & gb) / len(ga | gb)


# Each example figure as the reader must see it (hard-coded: not computed by drafter).
WRITTEN = {
    "county-civil-affairs-openness.yaml": {
        "主动公开信息数": "1530", "网站发布信息数": "862", "政策文件公开数": "26", "依申请公开件数": "12",
        "依申请办结件数": "12", "依申请办结率": "100%", "政策解读篇数": "18", "留言办理数": "45", "培训次数": "3",
        "培训人次": "120"},
    "township-annual.yaml": {
        "中心组学习次数": "12", "主题党日次数": "12", "项目数": "8", "完成投资": "2.3", "争取资金": "1560",
        "新增就业人数": "320", "矛盾纠纷调解件数": "86", "调解成功率": "98.5%", "隐患排查数": "142",
        "12345工单数": "416", "12345工单办结率": "100%"},
    "rural-revitalisation.yaml": {
        "帮扶村数": "2", "帮扶干部人数": "36", "帮扶户数": "108", "走访户次": "650", "监测对象户数": "5",
        "产业帮扶资金": "45.6", "帮扶项目数": "4", "消费帮扶金额": "12.8", "驻村工作队人数": "3"},
}


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_every_figure_written_exactly_once(name, bank):
    spec = example_spec(name, bank)
    assert set(spec.figures) == set(WRITTEN[name])
    draft = draft_unit(spec, bank=bank)
    body = "\n".join(b.text for b in draft.blocks if b.kind in (HEADING, PARA))
    assert draft.figures_text == WRITTEN[name], draft.notes
    own = "\n".join(spec.highlights)
    for value in set(WRITTEN[name].values()):
        wanted = sum(1 for v in WRITTEN[name].values() if v == value)
        # each figure once (plus what the unit's own highlights say: 便民服务站12个)
        assert count_figure(value, body) == wanted + count_figure(value, own), (value, body)
    assert not re.search(r"[{}]|XX|202_|【", draft.text())


def _said_done_by_whole(name, value, figures, slots, text) -> bool:
    from drafter.drafting.compose import DONE

    whole = getattr(slots.get(name), "part_of", None)
    if whole is None or figures.get(whole) != value:
        return False
    shown = written(value, getattr(slots.get(whole), "type", None), getattr(slots.get(whole), "unit", None))
    return any(count_figure(shown, s) and DONE.search(s) for s in re.split(r"[。；\n]", text))


def test_a_part_equal_to_its_whole_said_done_is_not_stated_again(shipped_bank):
    """「共办理答复依申请公开信息12件，均…及时办理。已办结（答复）依申请公开12件。」 said 12 twice."""
    from drafter.figures import parse_figures_text

    spec = parse_figures_text("unit: 某某县民政局\ntheme: 政务公开\nyear: 2026\nfigures:\n  主动公开信息数: 1530\n"
                              "  依申请公开件数: 12\n  依申请办结件数: 12\n  政策解读篇数: 18\n", slots=shipped_bank.slots)
    for seed in range(6):
        text = draft_unit(spec.model_copy(update={"seed": seed}), bank=shipped_bank).text()
        # said once exactly when its sentence says the applications were all done
        done = _said_done_by_whole("依申请办结件数", 12, spec.figures, shipped_bank.slots, text)
        assert count_figure("12", text) == (1 if done else 2), text


def test_shipped_bank_writes_every_figure_of_every_example_unit_once(tmp_path, shipped_bank):
    """Every unit of examples/units.yaml, drafted with the shipped phrasebank/ and written:
    each figure stands in the re-opened .docx exactly as often as the unit gives it."""
    from drafter.figures import load_bulk

    bulk = load_bulk(EXAMPLES / "units.yaml", slots=shipped_bank.slots)
    report = run_bulk(bulk, tmp_path, bank=shipped_bank, jobs=1, check=False, progress=False)
    assert report.ok and len(report.results) == len(bulk.units) >= 24, [r.error for r in report.failed]
    slots = shipped_bank.slots
    for unit, result in zip(bulk.units, report.results):
        spec = unit.spec
        text = docx_text(result.path)
        own = "\n".join(list(spec.highlights) + [x for k in ("problems", "plans")
                                                  if isinstance(getattr(spec, k), list) for x in getattr(spec, k)]
                        + [p for w in spec.work for p in w.points])
        # every figure, top-level and of each line of work (a work item's figure
        # equal to a top-level one is one figure)
        pairs = set(spec.figures.items()) | {kv for w in spec.work for kv in w.figures.items()}
        # a part equal to its whole, said done in the whole's sentence (「受理12件，均…办理」),
        # is not stated again (compose.DONE)
        said_done = {name for name, v in pairs if _said_done_by_whole(name, v, spec.figures, slots, text)}
        shown = [written(v, getattr(slots.get(name), "type", None), getattr(slots.get(name), "unit", None))
                 for name, v in pairs if v != 0 and name not in said_done]
        for value in set(shown):
            wanted = shown.count(value) + count_figure(value, own)
            assert count_figure(value, text) == wanted, (spec.unit, value, text)
        assert not re.search(r"[{}｛｝]|XX|ＸＸ|202_|【", text), spec.unit


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_sections_years_and_numbering(name, bank):
    spec = example_spec(name, bank)
    draft = draft_unit(spec, bank=bank)
    y = spec.year
    assert draft.title.startswith(f"{spec.unit}{y}年") and draft.title.endswith(("工作总结", f"{y + 1}年工作思路"))
    sections = [b.section for b in draft.blocks if b.kind in (HEADING, PARA)]
    order = [s for i, s in enumerate(sections) if i == 0 or sections[i - 1] != s]
    assert order == ["opening", "achievements", "problems", "plans", "closing"]
    # achievements speak of the report year (or the one before), plans of the next
    for b in draft.blocks:
        years = {int(m) for m in re.findall(r"(20\d\d)年", b.text)}
        if b.section == "achievements":
            assert years <= {y, y - 1}, b.text
        if b.section == "plans":
            assert years <= {y + 1}, b.text
    # numbering: 一、二、三 in order; （一）… restarts under each top-level heading
    top = [b for b in draft.blocks if b.kind == HEADING and b.level == 1]
    assert [b.marker for b in top] == [heading_marker(1, i + 1) for i in range(len(top))]
    count = 0
    for b in draft.blocks:
        if b.kind == HEADING and b.level == 1:
            count = 0
        elif b.kind == HEADING and b.level == 2:
            count += 1
            assert b.marker == heading_marker(2, count)
    # 一是 / 二是 in sequence wherever they occur
    for b in draft.blocks:
        leads = re.findall(r"([一二三四五六七八九十]+)是", b.text)
        seq = [x for x in leads if x in "一二三四五六七八九"]
        if seq and seq[0] == "一":
            assert seq == list("一二三四五六七八九"[: len(seq)]), b.text
    assert draft.signature_name and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", draft.signature_date)


def test_plan_report_has_next_year_in_title_and_plan_items(bank):
    spec = example_spec("township-annual.yaml", bank)
    draft = draft_unit(spec, bank=bank)
    assert draft.title == "某某镇人民政府2026年工作总结及2027年工作思路"
    plans_head = next(b for b in draft.blocks if b.kind == HEADING and b.level == 1 and b.section == "plans")
    assert plans_head.text == "2027年工作思路"
    assert any(b.kind == HEADING and b.level == 2 and b.section == "plans" for b in draft.blocks)


def test_deterministic_for_a_seed_and_varied_across_seeds(bank):
    spec = example_spec("county-civil-affairs-openness.yaml", bank)
    a, b = draft_unit(spec, bank=bank), draft_unit(spec, bank=bank)
    assert a.text() == b.text()
    others = {draft_unit(spec.model_copy(update={"seed": s}), bank=bank).text() for s in range(2, 6)}
    assert len(others | {a.text()}) >= 3


def test_units_of_one_kind_get_different_phrasing(bank):
    base = "year: 2026\ntheme: 政务公开\nfigures: {主动公开信息数: 800, 政策解读篇数: 12}\n"
    units = ["某某县民政局", "某某县科学技术局", "某某区医疗保障局", "某某市生态环境局"]
    texts = [draft_unit(spec_of(f"unit: {u}\n" + base, bank), bank=bank).text() for u in units]
    sims = [jaccard(texts[i], texts[j]) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    # two copies of one template score 1.0; drafts of different units stay well below
    assert max(sims) < 0.8, sims


@pytest.mark.parametrize("unit,theme", [("某某县人社局", "年度综合"), ("某某街道办事处", "政务公开"),
                                        ("某某县林业局", "乡村振兴·帮扶")])
def test_unseen_units_get_a_sensible_draft(unit, theme, bank):
    spec = spec_of(f"unit: {unit}\nyear: 2026\ntheme: {theme}\n", bank)
    draft = draft_unit(spec, bank=bank)
    assert unit in draft.title
    for section in ("opening", "achievements", "problems", "plans", "closing"):
        assert draft.section_text(section), section
    assert len([b for b in draft.blocks if b.kind == HEADING and b.level == 2]) >= 3
    assert not re.search(r"[{}]|XX", draft.text())
    if unit.endswith("人社局"):
        assert "我局" in draft.text()
    if unit.endswith("街道办事处"):
        assert "我街道" in draft.text() and "我局" not in draft.text() and "我镇" not in draft.text()


def test_own_problems_and_plans_are_used_verbatim(bank):
    spec = spec_of("unit: 某某县民政局\nyear: 2026\ntheme: 政务公开\n"
                   "problems: [专业人员不足，兼职人员多。, 信息发布不够及时]\nplans: [开展业务培训两次]\n", bank)
    draft = draft_unit(spec, bank=bank)
    probs = draft.section_text("problems")
    assert "一是专业人员不足，兼职人员多" in probs and "二是信息发布不够及时" in probs
    assert "开展业务培训两次" in draft.section_text("plans")


def test_custom_skeleton_is_used(tmp_path, bank):
    (tmp_path / "mine.j2").write_text(
        '{% extends "_base.j2" %}\n{% block title %}{{ unit }}{{ year }}年度工作情况报告{% endblock %}\n'
        '{% block problems_heading %}问题与不足{% endblock %}\n', encoding="utf-8")
    spec = example_spec("county-civil-affairs-openness.yaml", bank)
    draft = draft_unit(spec, bank=bank, template=tmp_path / "mine.j2")
    assert draft.title == "某某县民政局2026年度工作情况报告"
    assert any(b.full_text == "二、问题与不足" for b in draft.blocks)


def test_broken_custom_skeleton_is_a_clear_error(tmp_path, bank):
    (tmp_path / "bad.j2").write_text("@title {{ unit \n", encoding="utf-8")
    spec = example_spec("county-civil-affairs-openness.yaml", bank)
    with pytest.raises(DrafterError, match="bad.j2.*第 1 行"):
        draft_unit(spec, bank=bank, template=tmp_path / "bad.j2")
    with pytest.raises(DrafterError, match="找不到稿件模板"):
        draft_unit(spec, bank=bank, template=tmp_path / "none.j2")


def test_write_draft_is_atomic_and_refuses_to_overwrite(tmp_path, bank):
    spec = example_spec("county-civil-affairs-openness.yaml", bank)
    draft = draft_unit(spec, bank=bank)
    target = tmp_path / output_name(draft)
    write_draft(draft, target)
    before = target.read_bytes()
    with pytest.raises(OutputExistsError):
        write_draft(draft, target)
    assert target.read_bytes() == before
    write_draft(draft, target, force=True)
    assert Document(str(target)).paragraphs[0].text.startswith("某某县民政局")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]      # no temp files left


# ---------------------------------------------------------------- pure helpers

def test_join_short_and_close_sentence():
    assert join_short(["全年新增就业320人。", "全年排查隐患142处。"]) == ["全年新增就业320人，排查隐患142处。"]
    assert join_short(["甲，乙。", "丙。"]) == ["甲，乙。", "丙。"]
    assert len(join_short([f"全年完成任务{i}项。" for i in range(7)])) == 3
    assert close_sentence("实现群众办事“就近办”") == "实现群众办事“就近办”。"
    assert close_sentence("一是做好某事。") == "做好某事。"
    assert close_sentence("完成了“三到位”。”") == "完成了“三到位”。”"


# ---------------------------------------------------------------- bulk

BULK = """
defaults: {year: 2026, theme: 政务公开}
units:
  - unit: 某某县民政局
    figures: {主动公开信息数: 100}
  - unit: 某某县科技局
    figures: {主动公开信息数: -3}
  - unit: 某某县民政局
    figures: {主动公开信息数: 200}
  - unit: "某某县/../../逃逸局"
    figures: {主动公开信息数: 300}
"""


@pytest.mark.parametrize("jobs", [1, 2])
def test_bulk_isolates_failures_and_keeps_files_inside(tmp_path, bank, jobs, monkeypatch):
    import drafter.bulk as bulk_mod

    monkeypatch.setattr(bulk_mod, "POOL_THRESHOLD", 2 if jobs > 1 else 100)
    monkeypatch.setenv("DRAFTER_PHRASEBANK", str(FIXTURE_BANK))
    spec = bulk_of(BULK, bank)
    out = tmp_path / "out"
    report = run_bulk(spec, out, bank=bank, bank_path=str(FIXTURE_BANK), jobs=jobs, progress=False)
    by_index = {r.index: r for r in report.results}
    assert not report.ok and len(report.results) == 4
    assert by_index[0].ok and by_index[3].ok
    assert "units.yaml" in by_index[1].error and "主动公开信息数" in by_index[1].error
    assert "同名" in by_index[2].error                      # duplicate unit: the first keeps the file
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 and all(p.endswith(".docx") for p in files)
    assert all((out / f).resolve().parent == out.resolve() for f in files)
    assert "100" in "\n".join(p.text for p in Document(str(out / files[0])).paragraphs + Document(str(out / files[1])).paragraphs)
    # a second run without --force refuses to overwrite, with force it rewrites
    again = run_bulk(spec, out, bank=bank, bank_path=str(FIXTURE_BANK), jobs=jobs, progress=False)
    assert all("已存在" in (r.error or "") for r in again.results if r.index in (0, 3))
    forced = run_bulk(spec, out, bank=bank, bank_path=str(FIXTURE_BANK), jobs=jobs, force=True, progress=False)
    assert forced.results[0].ok and forced.results[3].ok


@pytest.mark.parametrize("jobs", [1, 2], ids=["serial", "pool"])
def test_bulk_contains_an_unexpected_error_in_one_unit(tmp_path, bank, jobs, monkeypatch):
    """A bug that raises in one unit (not a DrafterError) fails that unit only: the
    others are written, the failure is reported with the unit's name. The pool's
    workers are forked after the patch, so they carry it."""
    import drafter.bulk as bulk_mod
    import drafter.drafting

    real = drafter.drafting.draft_unit

    def draft_unit(spec, *args, **kwargs):
        if spec.unit == "某某县故障局":
            raise ZeroDivisionError("division by zero")
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(drafter.drafting, "draft_unit", draft_unit)
    monkeypatch.setattr(bulk_mod, "POOL_THRESHOLD", 2 if jobs > 1 else 100)
    names = ["某某县民政局", "某某县故障局", "某某县财政局", "某某县司法局"]
    text = "defaults: {year: 2026, theme: 年度综合}\nunits:\n" + "".join(f"  - unit: {n}\n" for n in names)
    report = run_bulk(bulk_of(text, bank), tmp_path, bank=bank, bank_path=str(FIXTURE_BANK), jobs=jobs,
                      progress=False)
    assert [r.name for r in report.results] == names
    assert [r.ok for r in report.results] == [True, False, True, True]
    assert "ZeroDivisionError" in report.results[1].error and report.results[1].path is None
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{n}2026年工作总结.docx" for n in names if n != "某某县故障局")
    for n in ("某某县民政局", "某某县财政局", "某某县司法局"):
        assert Document(str(tmp_path / f"{n}2026年工作总结.docx")).paragraphs[0].text == f"{n}2026年工作总结"


def test_safe_target_never_escapes(tmp_path):
    for name in ("../x.docx", "a/b.docx", "..\\..\\c.docx", "CON:.docx", "x" * 300 + ".docx"):
        t = safe_target(tmp_path, name)
        assert t.parent == tmp_path.resolve() and t.suffix == ".docx"


def test_written_files_get_normal_permissions(tmp_path, bank):
    import os
    import stat

    spec = example_spec("county-civil-affairs-openness.yaml", bank)
    target = write_draft(draft_unit(spec, bank=bank), tmp_path / "d.docx")
    old = os.umask(0o022)
    os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~old


def test_level_words_follow_the_unit(bank):
    from drafter.drafting.levels import adapt_level

    assert adapt_level("按照区政府工作安排，全区各单位", "县") == "按照县政府工作安排，全县各单位"
    assert adapt_level("按照县委要求，全县推进乡村振兴", "区") == "按照区委要求，全区推进乡村振兴"
    assert adapt_level("推进乡村振兴，全镇共", "乡") == "推进乡村振兴，全乡共"     # 乡村 untouched
    assert adapt_level("全县各单位", "市") == "全市各单位"
    assert adapt_level("按照市政府要求", "县") == "按照市政府要求"               # superiors stay
    assert adapt_level("某某区委宣传部按照县委要求", "区", keep=("某某区委宣传部",)) == "某某区委宣传部按照区委要求"
    # in a draft: a 区 phrase drafted for a 县 unit speaks of the 县
    phrases = [{"id": "x1", "text": "按照区政府工作安排，全区政务公开工作有序推进。", "section": "opening",
                "function": "opening", "slots": [], "score": 1.0}]
    small = bank.with_phrases(phrases + [p for p in bank.phrases if p.section != "opening"])
    draft = draft_unit(spec_of("unit: 某某县民政局\nyear: 2026\ntheme: 政务公开\n", bank), bank=small)
    assert "按照县政府工作安排，全县" in draft.section_text("opening")


def test_avoided_sentences_are_never_written(bank):
    phrases = [p.to_dict() for p in bank.phrases]
    phrases.append({"id": "bad1", "text": "{年度}年度{单位简称}没有收到政府信息公开申请。", "section": "achievements",
                    "function": "measure", "slots": ["年度", "单位简称"], "score": 99.0, "topic": "依申请公开"})
    small = bank.with_phrases(phrases)
    spec = spec_of("unit: 某某县民政局\nyear: 2026\ntheme: 政务公开\nfigures: {依申请公开件数: 12}\n", bank)
    for seed in range(4):
        text = draft_unit(spec.model_copy(update={"seed": seed}), bank=small).text()
        assert "没有收到" not in text
        assert count_figure("12", text) == 1, text         # the figure, once (not the 12 of 12月)
    # the zero sentence of a slot is still written when the unit gives 0
    zero = spec_of("unit: 某某县民政局\nyear: 2026\ntheme: 政务公开\n"
                   "figures: {依申请公开件数: 0, 依申请办结件数: 0}\n", bank)
    text = draft_unit(zero, bank=small).text()
    assert "未收到政府信息公开申请" in text and "办结（答复）依申请公开0件" not in text


def test_paragraphs_do_not_open_with_a_connective_or_repeat_the_year():
    from drafter.drafting.sentences import join_paragraph

    assert join_paragraph(["同时在大厅安装显示屏。", "2026年，我局公开信息10条。", "2026年，我局办理5件。"]) == \
        "在大厅安装显示屏。2026年，我局公开信息10条。我局办理5件。"


def test_preview_lists_the_figures_each_paragraph_writes(bank):
    spec = example_spec("county-civil-affairs-openness.yaml", bank)
    draft = draft_unit(spec, bank=bank)
    preview = "\n".join(draft.preview(width=20))
    shown = "".join(re.findall(r"［数据：([^］]*)］", preview))
    for value in draft.figures_text.values():
        assert value in shown or value in preview, value
    assert draft.title in preview.splitlines()[0]


def test_selection_guards(bank):
    phrases = [p.to_dict() for p in bank.phrases]
    extra = [
        {"id": "o-tail", "text": "现将一年来的工作情况汇报如下：", "section": "opening", "function": "opening",
         "slots": [], "score": 99.0},
        {"id": "h-rural", "text": "谋划人才振兴、培育本土实用人才", "section": "achievements", "function": "heading",
         "slots": [], "score": 99.0, "topic": "党建"},
        {"id": "p-intro", "text": "工作中还存在人员不足、经费紧张等问题：", "section": "problems", "function": "intro",
         "slots": [], "score": 99.0},
    ]
    small = bank.with_phrases(phrases + extra)
    for unit in ("某某县司法局", "某某镇人民政府"):
        spec = spec_of(f"unit: {unit}\nyear: 2026\ntheme: 年度综合\n", bank)
        seen = set()
        for seed in range(6):
            d = draft_unit(spec.model_copy(update={"seed": seed}), bank=small)
            seen.update(d.phrase_ids)
            assert not d.section_text("opening").startswith("现将")
        assert "o-tail" not in seen and "p-intro" not in seen
        # a 乡村振兴 heading stays out of a county bureau's annual report (a township may use it)
        if unit.endswith("司法局"):
            assert "h-rural" not in seen


def test_a_government_does_not_report_to_itself(bank):
    from drafter.profile import profile_for

    values = bank.context_values(profile_for(spec_of("unit: 某某县人民政府\nyear: 2026\ntheme: 年度综合\n", bank)))
    assert values["上级单位"] == "市委、市政府"


def test_command_line_speaks_chinese(capsys):
    from drafter.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["draft"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "错误：缺少必需的参数：数据文件" in err and "drafter draft -h" in err and "required" not in err
    with pytest.raises(SystemExit):
        main(["bulk", "x.yaml", "--format", "pdf"])
    assert "无效的选项 'pdf'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：drafter") and "选项" in out and "show this help" not in out


def test_figure_sentences_that_name_the_figure_come_first(bank):
    base = [p for p in bank.phrases if "法律援助件数" not in p.slots]
    extra = [
        {"id": "r-wrong", "text": "推进刑事案件律师辩护全覆盖，办理刑事案件{法律援助件数}件。", "section": "achievements",
         "function": "result", "slots": ["法律援助件数"], "score": 50.0},
        {"id": "r-right", "text": "全年办理法律援助案件{法律援助件数}件，切实维护困难群众合法权益。",
         "section": "achievements", "function": "result", "slots": ["法律援助件数"], "score": 1.0},
    ]
    small = bank.with_phrases(base + extra)
    spec = spec_of("unit: 某某县司法局\nyear: 2026\ntheme: 年度综合\nfigures: {法律援助件数: 326}\n", bank)
    for seed in range(6):
        d = draft_unit(spec.model_copy(update={"seed": seed}), bank=small)
        assert "r-right" in d.phrase_ids and "r-wrong" not in d.phrase_ids
        assert "办理法律援助案件326件" in d.text()


def test_installed_copies_are_found_without_a_checkout(tmp_path, monkeypatch):
    from drafter import paths

    monkeypatch.delenv("DRAFTER_TEMPLATES", raising=False)
    monkeypatch.delenv("DRAFTER_PHRASEBANK", raising=False)
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path / "site-packages-parent")
    monkeypatch.setattr(paths.sys, "prefix", str(tmp_path / "venv"))
    for name in ("templates", "phrasebank"):
        (tmp_path / "venv" / "share" / "drafter" / name).mkdir(parents=True)
    assert paths.templates_dir() == tmp_path / "venv" / "share" / "drafter" / "templates"
    assert paths.phrasebank_dir() == tmp_path / "venv" / "share" / "drafter" / "phrasebank"
    (tmp_path / "site-packages-parent" / "templates").mkdir(parents=True)   # a checkout wins
    assert paths.templates_dir() == tmp_path / "site-packages-parent" / "templates"


def test_plan_items_are_never_bare_headings(bank):
    heads = [{"id": f"ph{i}", "text": t, "section": "plans", "function": "heading", "slots": [], "score": 9.0,
              "topic": f"t{i}"} for i, t in enumerate(("强化工作调度", "对照先进找差距", "提升服务水平"))]
    small = bank.with_phrases([p for p in bank.phrases if p.section != "plans"] + heads)
    spec = spec_of("unit: 某某社区居民委员会\nyear: 2026\ntheme: 政务公开\n", bank)   # the bank-driven plans (an annual report mirrors its lines of work: test_annual.py)
    for seed in range(5):
        d = draft_unit(spec.model_copy(update={"seed": seed}), bank=small)
        items = [b.text for b in d.blocks if b.section == "plans" and re.match(r"[一二三四五]是", b.text)]
        plans_text = d.section_text("plans")
        assert len(re.findall(r"[一二三四五]是", plans_text)) >= 2
        for item in items or re.split(r"[；]", plans_text):
            assert not re.fullmatch(r"[一二三四五]是[^。，]{2,12}[。；]?", item.strip()), item
    assert any("通用句子" in n for n in d.notes)


def test_remarks_about_other_units_are_not_own_problems(bank):
    extra = [{"id": "pb-other", "text": "不少单位具办人员更换频繁，工作不交接。", "section": "problems",
              "function": "problem", "slots": [], "score": 99.0, "topic": "人员变动"}]
    small = bank.with_phrases([p for p in bank.phrases] + extra)
    spec = spec_of("unit: 某某县税务局\nyear: 2026\ntheme: 年度综合\n", bank)
    for seed in range(5):
        assert "pb-other" not in draft_unit(spec.model_copy(update={"seed": seed}), bank=small).phrase_ids


def test_a_broken_data_table_is_named_with_its_line(tmp_path, monkeypatch, capsys, clear_table_caches):
    from drafter import paths
    from drafter.cli import main
    from drafter.datafiles import read_table

    bad = tmp_path / "levels.yaml"
    bad.write_text("县:\n  全区: 全县\n  区委 县委\n  县直: [\n", encoding="utf-8")
    with pytest.raises(DrafterError, match=r"levels\.yaml 第 \d+ 行格式错误"):
        read_table(bad)
    with pytest.raises(DrafterError, match="找不到数据表"):
        read_table(tmp_path / "none.yaml")
    # through the CLI: a clear message and exit 2, no traceback
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path)
    for name in ("taxonomy.yaml", "slots.yaml", "argparse_zh.yaml", "check.yaml", "paraphrase.yaml", "gazetteer.yaml",
                 "aliases.yaml"):
        (tmp_path / name).write_text((ROOT / "drafter" / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    clear_table_caches()            # tables and compiled patterns cached by earlier drafts
    rc = main(["draft", str(EXAMPLES / "county-civil-affairs-openness.yaml"), "-o", str(tmp_path / "x.docx"),
               "--bank", str(FIXTURE_BANK)])
    err = capsys.readouterr().err
    assert rc == 2 and "levels.yaml" in err and "行格式错误" in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()

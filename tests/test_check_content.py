"""Content rules of `drafter check` (drafter/check/content.py): what the text says,
against the unit and its figures; and the in-memory check of `produce`."""

from __future__ import annotations

import pytest

from drafter.check import ERROR, check_draft, check_text
from drafter.check.content import unit_info
from drafter.slotfill import self_reference


def codes(findings, severity=None):
    return [f.code for f in findings if severity is None or f.severity == severity]


def check(unit: str, *paras: str, year: int = 2026, figures=None, title: str | None = None):
    title = title or f"{unit}{year}年工作总结"
    return check_text([title, *paras], unit=unit, year=year, figures=figures)


# ---------------------------------------------------------------- every error of issue 12 on one draft

BAD_DRAFT = [
    "某某乡人民政府2026年工作总结",
    "2026年，我镇始终坚持以新时代中国特色社会主义思想为指导，扎实推进各项工作。",
    "一、工作开展情况",
    "（一）抓好第二批主题教育工作",
    "成立以局主要负责人为组长的领导小组。县局党委办公室加强舆论宣传。",
    "扎实开展安置帮教对象走访工作，认真落实信息公开相文件要求。",
    "高度重视国办政务公开2026年度评估反馈问题，逐项整改。",
    "受理依申请公开418件，均按程序规范办结。已办结406件。",
    "未发生因政府信息公开引起的行政复议和行政诉讼。全年未发生因政府信息公开引起的行政诉讼。",
    "我乡高度重视政务公开工作，把政务公开列入重要议事日程。我乡高度重视政务公开工作，定期研究部署。",
    "全年主动公开政府信息1530条。通过网站主动公开政府信息1530条。",
    "全年公开信息{主动公开信息数}条，XX村、××社区参加培训。",
    "二、存在的问题",
    "一是公开内容不够全面；二是解读形式单一。",
    "某某乡人民政府",
    "2026年12月20日",
]
FIGURES = {"主动公开信息数": 1530, "依申请公开件数": 418, "依申请办结件数": 406}


def test_a_draft_with_every_listed_error_is_flagged():
    found = check_text(BAD_DRAFT, unit="某某乡人民政府", year=2026, figures=FIGURES)
    got = set(codes(found, ERROR))
    for code in ("political-formula", "campaign-year", "self-reference", "role-word", "typo", "relative-year",
                 "outcome-contradicted", "near-repeat", "figure-repeated", "placeholder-brace", "placeholder-xx"):
        assert code in got, (code, [str(f) for f in found])
    text = "\n".join(f.message for f in found)
    assert "习近平新时代中国特色社会主义思想" in text           # the message says the right form
    assert "第二批主题教育" in text and "2023—2024年" in text
    assert "我镇" in text and "我乡" in text
    assert "局主要负责人" in text and "县局" in text
    assert "2025年" in text                                   # the evaluation is of the previous year
    assert "418" in text and "406" in text


def test_another_familys_work_in_a_department():
    found = check("某某县教育局", "扎实开展安置帮教对象走访工作。", "加快推进“一站式”矛盾纠纷调处平台建设。")
    assert codes(found).count("other-family-work") == 2, [str(f) for f in found]
    assert "政法" in found[0].message
    # the same words are a 司法局's own work, and a 镇 does every kind of work
    assert "other-family-work" not in codes(check("某某县司法局", "扎实开展安置帮教对象走访工作。"))
    assert "other-family-work" not in codes(check("某某镇人民政府", "扎实开展安置帮教对象走访工作。"))


@pytest.mark.parametrize("unit, text, code", [
    ("某某街道办事处", "成立以局主要负责人为组长的领导小组。", "role-word"),
    ("某某市卫生健康委员会", "使全办人员充分认识到政务公开的重要性。", "role-word"),
    ("某某县民政局", "对中心政务公开领导小组进行了调整。", "role-word"),
    ("某某镇人民政府", "县局党委办公室加强舆论宣传。", "role-word"),
    ("某某镇人民政府", "强化教育系统意识形态阵地管理。", "role-word"),
    ("某某镇人民政府", "督促各乡镇落实主体责任。", "role-word"),
    ("某某县民政局", "今年以来，公开乡镇部门文件及政策解读18篇。", "role-word"),
    ("某某县应急管理局", "三是明确乡镇政府的统筹推动责任。", "role-word"),
    ("某某市卫生健康委员会", "我局高度重视政务公开工作。", "self-reference"),
    ("某某乡人民政府", "将我镇的各项工作推向新台阶。", "self-reference"),
    ("某某县应急管理局", "我市安全形势总体平稳。", "self-reference"),
    ("某某乡人民政府", "全镇上下齐心协力。", "role-word"),
])
def test_words_of_another_kind_of_unit(unit, text, code):
    found = check(unit, text)
    assert code in codes(found, ERROR), [str(f) for f in found]


# ---------------------------------------------------------------- no false positives

@pytest.mark.parametrize("unit, text", [
    ("某某县应急管理局", "获得市除险安保维稳工作突出贡献集体荣誉。"),
    ("某某县应急管理局", "荣获市级文明单位称号，先后建成县、乡、村三级应急服务网络。"),
    ("某某市应急管理局", "修订市安委会成员单位安全生产工作职责。"),
    ("某某镇人民政府", "落实网格责任区管理，做到责任区内无盲区。"),
    ("某某县民政局", "坚持以人民为中心的发展思想，组织理论学习中心组专题学习6次。"),
    ("某某县民政局", "依托党群服务中心和政务服务中心开展便民服务，围绕中心工作，服务全局。"),
    ("某某县民政局", "我局坚持以习近平新时代中国特色社会主义思想为指导，我县民政事业稳步发展。"),
    ("某某县应急管理局", "指导各乡镇落实防汛责任，全县各乡镇完成演练。"),
    ("某某乡人民政府", "我乡扎实推进乡村振兴，全乡村级组织和乡镇干部共同参与，城乡面貌明显改善。"),
    ("某某街道办事处", "我街道配合区司法局开展普法宣传，全街道无重大事故。"),
    ("某某县人民政府办公室", "全办干部职工认真学习，我办牵头督促各乡镇落实。"),
    ("某某县税务局", "县局党委认真落实全面从严治党主体责任，全局干部职工积极参与。"),
    ("某某区住房保障事务中心", "我中心调整中心政务公开领导小组，全中心干部职工参加培训。"),
    ("某某县教育局", "义务教育优质均衡发展，做好课后服务。"),
])
def test_no_false_positives(unit, text):
    found = check(unit, text)
    assert codes(found, ERROR) == [], [str(f) for f in found]


def test_years_and_outcomes_that_are_right_pass():
    ok = check("某某县民政局", "扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育，抓好第二批主题教育工作。",
               "高度重视国办政务公开2022年度评估反馈问题。", year=2023)
    assert codes(ok, ERROR) == [], [str(f) for f in ok]
    figures = {"依申请公开件数": 12, "依申请办结件数": 12, "政府信息公开复议件数": 0}
    ok = check("某某县民政局", "受理依申请公开12件，均按程序规范办结。全年未发生因政府信息公开引起的行政复议。",
               figures=figures)
    assert "outcome-contradicted" not in codes(ok), [str(f) for f in ok]
    bad = check("某某县民政局", "全年未发生因政府信息公开引起的行政复议。", figures={"政府信息公开复议件数": 2})
    assert "outcome-contradicted" in codes(bad)


def test_plans_may_name_next_years_campaign_and_a_figure_twice_when_given_twice():
    plans = check("某某县统计局", "一、工作情况", "全年完成统计调查12项。", "二、下一步工作打算",
                  "做好第四次全国农业普查准备工作。", year=2025)
    assert "campaign-year" not in codes(plans), [str(f) for f in plans]
    twice = check("某某县民政局", "受理依申请公开12件，已办结12件。",
                  figures={"依申请公开件数": 12, "依申请办结件数": 12})
    assert "figure-repeated" not in codes(twice), [str(f) for f in twice]


def test_different_sentences_of_one_paragraph_are_not_near_repeats():
    found = check("某某县民政局", "全年主动公开政府信息1530条，其中政策文件120条。"
                  "全年受理依申请公开12件，均已按时答复。全年开展政务公开培训2次，参训60人次。")
    assert "near-repeat" not in codes(found), [str(f) for f in found]


# ---------------------------------------------------------------- self-reference of a 乡

@pytest.mark.parametrize("name, level, ref", [
    ("某某乡人民政府", "乡镇", "我乡"),
    ("某某镇人民政府", "乡镇", "我镇"),
    ("某某县人民政府", "县", "我县"),
    ("某某乡", "乡镇", "我乡"),
    ("某某县城乡", "县", "我单位"),
    ("某某县乡村振兴局", "县", "我局"),
    ("某某市卫生健康委员会", "市", "我委"),
    ("某某经济开发区管理委员会", "园区", "我区"),
])
def test_self_reference_longest_suffix_wins(name, level, ref):
    from drafter.check.content import _self_reference_rules

    assert self_reference(name, level, _self_reference_rules()) == ref
    if ref != "我单位":
        assert unit_info(name).self_ref == ref


# ---------------------------------------------------------------- the check inside drafting


def test_produce_checks_the_draft_in_memory(tmp_path, monkeypatch):
    import drafter.check as check_pkg
    from drafter.drafting import produce
    from drafter.figures import load_figures

    spec = load_figures("examples/county-civil-affairs-openness.yaml")

    def no_reading(*args, **kwargs):
        raise AssertionError("produce must not re-read the file it wrote")

    monkeypatch.setattr(check_pkg, "check_docx", no_reading)
    done = produce(spec, tmp_path / "a.docx")
    assert done.checked and done.check_summary
    assert [str(f) for f in done.findings] == [str(f) for f in check_draft(done.draft, figures=spec)]
    off = produce(spec, tmp_path / "b.md", check=False)
    assert not off.checked and off.findings == []
    assert (tmp_path / "b.md").read_text(encoding="utf-8").startswith("#")


def test_check_draft_finds_what_check_docx_finds(tmp_path):
    from drafter.check import check_docx
    from drafter.drafting import write_draft
    from drafter.drafting.document import Block, Draft

    draft = Draft(title="某某乡人民政府2026年工作总结", unit="某某乡人民政府", year=2026, theme="年度综合",
                  blocks=[Block("title", BAD_DRAFT[0])]
                  + [Block("para", t) for t in BAD_DRAFT[1:-2]]
                  + [Block("signature", BAD_DRAFT[-2]), Block("date", BAD_DRAFT[-1])])
    spec = {"unit": "某某乡人民政府", "year": 2026, "figures": FIGURES}
    in_memory = {(f.code, f.location) for f in check_draft(draft, figures=spec)}
    path = write_draft(draft, tmp_path / "bad.docx")
    on_file = {(f.code, f.location) for f in check_docx(path, figures=spec) if not f.code.startswith("layout")}
    assert in_memory == on_file
    assert "self-reference" in {c for c, _ in in_memory}


def test_every_example_of_the_content_tables_is_caught():
    from drafter.check.rules import check_rules
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    raw = read_table(data_file("check.yaml"))
    rules = check_rules().content
    for entry, rule in zip(raw["roles"], rules.roles):
        assert rule.pattern.search(entry["example"]), entry
    for entry, rule in zip(raw["outcomes"], rules.outcomes):
        assert rule.pattern.search(entry["example"]), entry


def test_drafter_check_exits_1_on_the_bad_draft(tmp_path, capsys):
    import yaml

    from drafter.cli import main

    draft = tmp_path / "bad.md"
    draft.write_text("\n\n".join(BAD_DRAFT) + "\n", encoding="utf-8")
    figures = tmp_path / "figures.yaml"
    figures.write_text(yaml.safe_dump({"unit": "某某乡人民政府", "year": 2026, "theme": "政务公开", "figures": FIGURES},
                                      allow_unicode=True), encoding="utf-8")
    assert main(["check", str(draft), "--figures", str(figures)]) == 1
    out = capsys.readouterr().out
    for code in ("political-formula", "campaign-year", "self-reference", "role-word", "outcome-contradicted"):
        assert f"（{code}）" in out, code


def test_provenance_of_bank_phrases():
    from types import SimpleNamespace

    from drafter.bank import Phrase
    from drafter.drafting.document import Block, Draft

    phrases = {
        "p1": Phrase(id="p1", text="扎实开展安置帮教对象走访工作。", section="plans", function="plan", family="政法"),
        "p2": Phrase(id="p2", text="公开乡镇部门文件及政策解读。", section="achievements", function="fact", level="乡镇社区"),
        "p3": Phrase(id="p3", text="认真做好各项工作。", section="achievements", function="fact"),
    }
    bank = SimpleNamespace(phrase=lambda pid: phrases[pid])
    profile = SimpleNamespace(family="教育体育", level="县")
    draft = Draft(title="某某县教育局2026年工作总结", unit="某某县教育局", year=2026, theme="年度综合",
                  blocks=[Block("title", "某某县教育局2026年工作总结"), Block("para", "认真做好各项工作。")],
                  phrase_ids=["p1", "p2", "p3"], profile=profile)
    found = [f for f in check_draft(draft, figures={"unit": "某某县教育局", "year": 2026}, bank=bank)
             if f.code == "phrase-other-unit"]
    assert len(found) == 2 and "政法部门" in found[0].message and "乡镇社区层级" in found[1].message
    assert all(f.severity == ERROR for f in found)
    assert not [f for f in check_draft(draft, figures={"unit": "某某县教育局", "year": 2026})
                if f.code == "phrase-other-unit"]


def test_an_item_heading_unfolded_by_its_next_sentence_is_no_repeat():
    found = check("某某县政务服务管理局", "二是纵深推进高效办成一件事。持续推进高效办成一件事改革，拓展应用场景。")
    assert "near-repeat" not in codes(found), [str(f) for f in found]
    found = check("某某县民政局", "我局高度重视政务公开工作，把政务公开列入重要议事日程。"
                  "我局高度重视政务公开工作，及时调整领导小组。")
    assert "near-repeat" in codes(found, ERROR)


@pytest.mark.parametrize("unit, text", [
    ("某某县财政局", "落实义务教育经费保障机制，拨付学生资助资金。"),
    ("某某县医疗保障局", "推进紧密型县域医共体医保支付方式改革，做好家庭医生签约服务费结算。"),
    ("某某县林业局", "落实森林防灭火责任，开展林长制巡林。"),
    ("某某县人力资源和社会保障局", "为农民工提供法律援助，根治欠薪。"),
])
def test_cross_cutting_departments_may_name_other_work(unit, text):
    found = check(unit, text)
    assert "other-family-work" not in codes(found), [str(f) for f in found]


def test_family_work_table_names_families_and_departments_of_departments_yaml():
    from drafter.check.rules import check_rules
    from drafter.departments import departments

    profiles = departments().profiles
    families = {p.family for p in profiles.values()}
    rules = check_rules().content
    assert rules.family_terms
    for word, (family, also) in rules.family_terms.items():
        assert family in families, (word, family)
        assert also <= set(profiles), (word, also - set(profiles))
    assert rules.family_skip <= families
    assert rules.family_skip_departments <= set(profiles)


def test_county_words_in_a_city_units_report_are_a_warning():
    found = check("某某市生态环境局", "全县生态环境质量持续改善。")
    assert [f.severity for f in found if f.code == "level-word"] == ["warning"], [str(f) for f in found]
    assert "level-word" not in codes(check("某某县生态环境局", "全县生态环境质量持续改善。"))
    assert "level-word" not in codes(check("某某市生态环境局", "指导全市各县区做好监测。"))


def test_the_composer_never_writes_what_the_unit_fit_rules_flag(shipped_bank):
    """misfits() is asked of every bank sentence: a 社区 gets no 科室, 机关 or 承办单位 sentence."""
    from drafter.check.content import misfits, unit_info
    from drafter.drafting import draft_unit
    from drafter.figures import parse_figures_text

    community = unit_info("某某街道某某社区居民委员会")
    assert misfits("办公室牵头组织落实，相关科室协同配合。", community)
    assert misfits("要求各承办单位按照规定时限答复。", community)
    assert not misfits("办公室牵头组织落实，相关科室协同配合。", unit_info("某某县民政局"))
    for seed in range(4):
        spec = parse_figures_text(f"unit: 某某街道某某社区居民委员会\nyear: 2026\ntheme: 政务公开\nseed: {seed}\n"
                                  "figures: {主动公开信息数: 86}\n", source="t.yaml", slots=shipped_bank.slots)
        text = draft_unit(spec, shipped_bank).text()
        for word in ("相关科室", "各科室", "机关与群众", "各承办单位"):
            assert word not in text, (seed, word)


def test_a_scaled_amount_is_the_figure_it_writes_exactly_not_a_close_one():
    """8.904636亿元 is 产业帮扶资金 89046.36 (万元), not 帮扶户数 89489 within 0.5%
    (found by test_property's random figures files)."""
    figures = {"帮扶户数": 89489, "产业帮扶资金": 89046.36}
    ok = check("某某区发展和改革委员会", "全年结对帮扶89489户。", "投入产业帮扶资金8.904636亿元。", figures=figures)
    assert "figure-repeated" not in codes(ok), [str(f) for f in ok]
    bad = check("某某区发展和改革委员会", "全年结对帮扶89489户。", "共帮扶89489户。", figures=figures)
    assert "figure-repeated" in codes(bad)

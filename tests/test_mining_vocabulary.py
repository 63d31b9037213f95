"""Department-distinctive vocabulary, level binding, problem/plan families and thin spots.

Hand-made corpora check the rules; the committed phrasebank/ checks the effect
(known leaks bound to their department, recurring problems first, generic
scaffolding left for departments the corpus does not have).
"""

from __future__ import annotations

import re

import pytest

from conftest import mining_document
from drafter.mining import labels, tagging
from drafter.mining.config import config
from drafter.mining.vocabulary import Vocabulary
from drafter.models import UnitProfile


@pytest.fixture(scope="module")
def cfg():
    return config()


@pytest.fixture(scope="module")
def shipped(shipped_bank):
    return shipped_bank


def _doc(source, name, family, achievements, problems=(), plans=()):
    return mining_document(source, name, achievements, problems, plans, family=family)


SHARED = "严格落实信息发布“三审”制度，确保公开信息准确规范。"


def _three():
    justice = _doc("a.txt", "县司法局", "政法", [
        SHARED, "组织仲裁员开展业务培训。", "积极推进劳动仲裁案件调处，仲裁员队伍不断壮大。",
        "完善业务档案管理，做到资料齐全。"],
        problems=["政务公开队伍经常发生变动，业务人员素质有待加强。"])
    civil = _doc("b.txt", "县民政局", "民政社保", [SHARED, "规范业务档案管理，确保资料完整。"],
                 problems=["部分单位人员变动较快，对业务不够熟悉。", "导致部分信息更新不及时。"])
    science = _doc("c.txt", "县科技局", "经济发展", [SHARED, "按时更新政务公开专栏。"],
                   problems=["政务公开工作人员频繁调整，业务能力仍需提高。", "政策解读形式较单一。"])
    return [justice, civil, science]


@pytest.fixture(scope="module")
def mining():
    """The MiningResult of the hand-made corpus."""
    from drafter.mining import mine

    return mine(_three())


@pytest.fixture(scope="module")
def mined(mining):
    return mining.bank


# ---------------------------------------------------------------- distinctive vocabulary (hand-made corpus)
def test_word_of_one_family_binds_its_phrases_to_that_family(mining, mined):
    vocab = mining.report.vocabulary
    assert vocab.words["仲裁员"].family == "政法" and vocab.words["仲裁员"].strong
    bound = [p for p in mined if "仲裁员" in p.text]
    assert len(bound) == 2 and all(p.family == "政法" for p in bound)
    civil = UnitProfile(name="县民政局", level="县", family="民政社保", theme="政务公开", year=2024)
    for function in ("measure", "heading"):
        assert not [c for c in mined.select("achievements", function, civil) if "仲裁员" in c.phrase.text]
    justice = UnitProfile(name="县司法局", level="县", family="政法", theme="政务公开", year=2024)
    assert [c for c in mined.select("achievements", "measure", justice) if "仲裁员" in c.phrase.text]


def test_words_of_several_families_stay_generic(mining, mined):
    vocab = mining.report.vocabulary
    assert "档案" not in vocab.words and "资料" not in vocab.words
    shared = [p for p in mined if "三审" in p.text]
    assert len(shared) == 1 and shared[0].family is None
    archive = [p for p in mined if "档案" in p.text]
    assert archive and all(p.family is None for p in archive)


def test_distinctive_words_are_listed_in_the_report(mining):
    from drafter.mining.report import render_report

    text = render_report(mining.report, mining.bank)
    section = text.split("## 部门特有词汇", 1)[1].split("\n## ", 1)[0]
    assert "| 政法 |" in section and "仲裁员" in section


def test_vocabulary_rules_on_token_lists(cfg):
    def uses(rows):
        return [([(w, "n") for w in words], fam, unit, theme, (unit, i)) for i, (words, fam, unit, theme) in enumerate(rows)]

    idf = {"公证员": 12.0, "公证": 9.7, "效率": 6.9, "仲裁": 9.0, "驻村": 11.0}
    v = Vocabulary.build(uses([
        (["公证员", "效率"], "政法", "县司法局", "年度综合"),
        (["公证", "仲裁"], "政法", "县司法局", "年度综合"),
        (["公证"], "政法", "县司法局", "年度综合"),
        (["仲裁"], "民政社保", "县民政局", "政务公开"),
        (["驻村"], "城乡建设", "区城管执法局", "乡村振兴·帮扶"),
        (["驻村"], "城乡建设", "区住房保障事务中心", "乡村振兴·帮扶"),
    ]), cfg, idf=idf)
    assert "仲裁" not in v.words                    # two families: generic
    assert "效率" not in v.words                    # an ordinary word of the language
    assert "驻村" not in v.words                    # a shared theme's word of two units
    assert v.words["公证"].strong and v.words["公证员"].strong      # 公证员 contains the strong 公证
    assert v.bind([("公证员", "n")], "公证员数量不足。", "政法") == ("政法", ["公证员"])
    assert v.bind([("公证员", "n")], "公证员数量不足。", None) == (None, [])
    # the hand list binds a department's internal organisation to the source family
    assert v.bind([], "厘清各局属单位、股室相关工作人员责任。", "民政社保")[0] == "民政社保"


# ---------------------------------------------------------------- levels
def test_level_words_follow_the_source_document(cfg):
    assert tagging.level_of("在全县开展专项监督。", cfg, "市") == "县区"
    assert tagging.level_of("组织各村开展排查。", cfg, "县") == "乡镇社区"
    assert tagging.level_of("根据县政务公开办要求，按时完成整改。", cfg, "县") == "县区"
    assert tagging.level_of("根据县政务公开办要求，按时完成整改。", cfg, "乡镇") == "乡镇社区"
    assert tagging.level_of("依照市政务公开办反馈的问题清单整改。", cfg, "市") == "市"
    assert tagging.level_of("严格落实信息发布“三审”制度。", cfg, "市") is None
    assert tagging.level_of("加强城市管理。", cfg, "县") is None


def test_shipped_level_tags_are_consistent(shipped):
    for p in shipped:
        if re.search(r"全镇|全乡|各村|村（居）|村两委", p.text):
            assert p.level == "乡镇社区", p.text
        if re.search(r"全县|全区|县直|区直", p.text) and not re.search(r"全镇|全乡|各村", p.text):
            assert p.level in ("县区", "园区"), p.text
        if re.search(r"(?<![城都超])(县|区|市)(政府|政务公开办|委|直)", p.text):
            assert p.level is not None, p.text


# ---------------------------------------------------------------- problem / plan families
@pytest.mark.parametrize("text,family", [
    ("政务公开队伍经常发生变动，业务人员素质有待加强。", "人员变动频繁"),
    ("部分单位人员变动较快，对业务不够熟悉、指标不够清楚的情况依然存在。", "人员变动频繁"),
    ("政务公开工作人员频繁调整，业务能力仍需提高。", "人员变动频繁"),
    ("不少单位具办人员更换频繁，工作不交接。", "人员变动频繁"),
    ("导致部分信息更新不及时。", "更新不及时"),
    ("信息发布的及时性和精准性有待提高。", "更新不及时"),
    ("导致政务信息公开有滞后性。", "更新不及时"),
    ("政策解读形式较为单一，多以文字为主，缺少创新性。", "解读形式单一"),
    ("政务公开互动交流有待加强。", "互动交流不足"),
    ("主动公开意识不强。", "公开意识不强"),
    ("人员力量不足。", "人手不足"),
])
def test_problem_families(cfg, text, family):
    assert labels.family_of(text, cfg.problem_families) == family


def test_family_support_ranks_reworded_statements_together(mining, mined):
    staff = [p for p in mined if p.section == "problems" and p.topic == "人员变动频繁"]
    assert len(staff) >= 2                                   # worded differently: separate phrases
    assert all(p.support["topic_units"] == 3 for p in staff)   # but one family attested by three units
    problems = [p for p in mined if p.section == "problems" and p.function == "problem"]
    top = max(problems, key=lambda p: p.score)
    assert top.topic == "人员变动频繁"
    report = mining.report
    assert len(report.families[("problems", "人员变动频繁")]) == 3


def test_shipped_top_problems_recur_across_units(shipped):
    problems = shipped.find(section="problems", function="problem")
    top5 = problems[:5]
    assert all(p.support.get("topic_units", p.support["units"]) >= 2 for p in top5)
    assert len({s.rsplit(":", 1)[0] + s.rsplit(":", 1)[1] for p in top5 for s in p.sources}) >= 2
    assert len({p.topic for p in top5}) >= 4                # one family after another
    top12 = {p.topic for p in problems[:12]}
    assert {"人员变动频繁", "更新不及时", "解读形式单一", "公开意识不强"} <= top12
    assert all(p.topic for p in problems[:12])


def test_shipped_plan_headings_and_bodies_share_family_topics(shipped):
    heads = {p.topic for p in shipped.find(section="plans", function="heading")}
    bodies = {p.topic for p in shipped.find(section="plans", function="plan")}
    assert {"业务培训", "政策解读", "监督考核", "平台建设"} <= heads & bodies


# ---------------------------------------------------------------- the known leaks and generic scaffolding
@pytest.mark.parametrize("needle", ["公证员", "送戏", "厘清各局属单位", "全省一单", "局属单位", "股室"])
def test_known_department_content_is_not_generic(shipped, needle):
    found = [p for p in shipped if needle in p.text]
    assert found, needle
    assert all(p.family is not None for p in found), [p.text for p in found if p.family is None]


def test_no_award_facts_in_the_bank(shipped):
    assert not [p.text for p in shipped if re.search(r"[一二三]等奖|优秀奖|荣获", p.text)]


@pytest.mark.parametrize("theme", ["政务公开", "年度综合"])
@pytest.mark.parametrize("name,level,family", [
    ("某某县教育局", "县", "教育体育"), ("某某区应急管理局", "区", "应急安全"), ("某某市体育局", "市", "教育体育")])
def test_unseen_departments_still_get_scaffolding(shipped, theme, name, level, family):
    prof = UnitProfile(name=name, level=level, family=family, theme=theme, year=2026)
    need = [("opening", "opening", 1), ("achievements", "heading", 3), ("achievements", "measure", 3),
            ("problems", "problem", 3), ("plans", "heading", 2), ("plans", "plan", 2), ("closing", "closing", 1)]
    if theme == "政务公开":
        need += [("problems", "intro", 1), ("plans", "intro", 1)]
    for section, function, n in need:
        got = shipped.select(section, function, prof)
        assert len(got) >= n, (section, function, len(got))
        assert all(c.phrase.family in (None, family) for c in got)


# ---------------------------------------------------------------- thin spots
def test_problem_intro_cut_before_the_examples(cfg):
    text = "2023年我局信息公开工作虽然取得了一定成效，但是对照标准还存在不足之处，如信息公开的质量还有待进一步提高。"
    assert labels.cut_intro(text, cfg) == "2023年我局信息公开工作虽然取得了一定成效，但是对照标准还存在不足之处。"
    assert labels.cut_intro("政策解读形式较单一。", cfg) == "政策解读形式较单一。"


def test_shipped_bank_has_more_intros_and_closings(shipped):
    intros = shipped.find(section="problems", function="intro")
    assert len(intros) >= 7
    assert any("对照标准还存在不足之处" in p.text for p in intros)
    closings = shipped.find(section="closing", function="closing")
    assert len(closings) >= 7
    assert any("迈上新台阶" in p.text for p in closings)

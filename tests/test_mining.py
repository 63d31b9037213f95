"""Miner units: slotting, scrubbing, sentence cutting, near-duplicate support, determinism."""

from __future__ import annotations

import pytest

from conftest import mining_document
from drafter.slots import load_catalogue
from drafter.mining.config import config
from drafter.mining.entities import NameFinder
from drafter.mining.scrub import scrub
from drafter.mining.sentences import split_sentences
from drafter.numbering import strip_enumerator
from drafter.mining.slotting import SlotIndex, slot_sentence


@pytest.fixture(scope="module")
def cfg():
    return config()


@pytest.fixture(scope="module")
def index():
    return SlotIndex.build(load_catalogue().slots)


@pytest.fixture(scope="module")
def finder(cfg):
    return NameFinder(cfg)


def _slot(text, cfg, index, finder, year=2023, forward=False):
    return slot_sentence(text, year=year, forward=forward, index=index, cfg=cfg, tag=finder.tag)


# ---------------------------------------------------------------- slotting
@pytest.mark.parametrize("text,expected", [
    ("全年主动公开政府信息1530条。", "全年主动公开政府信息{主动公开信息数}条。"),
    ("截至12月15日，我局主动公开政府信息258条。", "截至{截至日期}，我局主动公开政府信息{主动公开信息数}条。"),
    ("2023年1月1日至12月18日，共更新主动公开信息151条。", "截至{截至日期}，共更新主动公开信息{主动公开信息数}条。"),
    ("全年开展意见征集7次。", "全年开展意见征集{意见征集次数}次。"),
    ("依申请公开按时办结率达98.5%。", "依申请公开按时办结率达{依申请办结率}。"),
    ("确保分值权重不低于4%。", "确保分值权重不低于{考核权重}。"),
    ("2024年，我局将继续深化政务公开工作。", "{下一年度}年，我局将继续深化政务公开工作。"),
    ("及时公开2022年度部门决算。", "及时公开{上一年度}年度部门决算。"),
    ("累计发布政策解读14篇。", "累计发布政策解读{政策解读篇数}篇。"),
])
def test_figures_years_dates_become_slots(text, expected, cfg, index, finder):
    res = _slot(text, cfg, index, finder)
    assert res.text == expected, res.reason


def test_deleted_figure_becomes_template_never_literal(cfg, index, finder):
    res = _slot("全年公开政府信息条。", cfg, index, finder)
    assert res.text == "全年公开政府信息{主动公开信息数}条。"
    assert res.deleted and res.slots == ["主动公开信息数"]
    # 文件 is not 文 + 件: no false figure hole
    assert _slot("严格落实各项文件要求。", cfg, index, finder).text == "严格落实各项文件要求。"


@pytest.mark.parametrize("text,reason", [
    ("11月29日组织党员干部走访慰问。", "event_date"),
    ("2019年以来的政策解读进行全面梳理。", "other_year"),
    ("共复耕土地二十余亩。", "chinese_figure"),
    ("结合《关于2023年实施47项民生实事的通知》开展工作。", "figure_in_title"),
])
def test_unit_facts_drop_the_sentence(text, reason, cfg, index, finder):
    res = _slot(text, cfg, index, finder)
    assert res.text is None and res.reason == reason


def test_unknown_figure_gets_a_proposed_slot(cfg, index, finder):
    res = _slot("今年以来化解投诉案件12件。", cfg, index, finder)
    assert res.text == "今年以来化解投诉案件{投诉案件数}件。"
    assert [p.name for p in res.proposals] == ["投诉案件数"] and res.proposals[0].type == "int"


def test_unknown_year_placeholder_202_follows_context(cfg, index, finder):
    assert _slot("202_年我们将从以下方面加以改进：", cfg, index, finder, year=None).text == "{下一年度}年我们将从以下方面加以改进："
    assert _slot("202_年以来，我处扎实推进政务公开。", cfg, index, finder, year=None).text == "{年度}年以来，我处扎实推进政务公开。"


# ---------------------------------------------------------------- scrubbing
def test_document_numbers(cfg):
    assert scrub("根据皖政务办秘〔2022〕22号文件要求做好排查。", cfg).text is None
    res = scrub("按照通知要求（皖政办秘〔2023〕188号）做好公开。", cfg)
    assert res.text == "按照通知要求做好公开。"
    assert any(h.kind == "doc_number" and h.action == "removed" for h in res.hits)


def test_references_become_context_slots(cfg):
    res = scrub("在县委、县政府的正确领导下，我局严格落实工作要求。", cfg)
    assert res.text == "在{上级单位}的正确领导下，{单位简称}严格落实工作要求。"
    assert scrub("本年度，区民政局结合工作职责开展工作。", cfg, own=("区民政局",)).text == "本年度，{单位}结合工作职责开展工作。"
    assert scrub("{年度}年，市文旅局认真落实工作部署。", cfg, department="文化和旅游局").text == "{年度}年，{单位}认真落实工作部署。"
    assert scrub("XX经开区政务公开网站共更新信息。", cfg).text == "{单位简称}政务公开网站共更新信息。"
    assert scrub("推出XX日报专版。", cfg).text is None


def test_place_and_person_names_are_dropped(cfg):
    for text in ("协助做好鑫泽苑小区改造工作。", "霍山县文旅领域基层政务公开优秀案例。", "由王殿利同志任组长。",
                 "张明华局长带队检查。"):
        assert scrub(text, cfg).text is None, text
    # a department's 我市 is the area, not the unit: dropped
    assert scrub("宣传我市卫生健康工作动态。", cfg, area_self=False).text is None


def test_unit_name_seen_in_one_unit_only(cfg):
    f = NameFinder(cfg)
    texts = [("组织居民到青石村开展志愿服务活动。", 0), ("组织居民开展志愿服务活动。", 1),
             ("各村开展志愿服务活动。", 1), ("各村开展志愿服务活动。", 2)]
    f.fit(texts)
    assert "青石村" in f.flagged("组织居民到青石村开展志愿服务活动。")
    assert f.flagged("各村开展志愿服务活动。") == []
    assert scrub("组织居民到青石村开展志愿服务活动。", cfg, finder=f).reason == "name:青石村"


# ---------------------------------------------------------------- sentences
def test_sentences_and_enumerators():
    assert split_sentences("加强培训。确保“到位；好。”及时整改；落实！") == ["加强培训。", "确保“到位；好。”及时整改；", "落实！"]
    assert strip_enumerator("二是强化考核。") == "强化考核。"
    assert strip_enumerator("（3）加强解读") == "加强解读"


# ---------------------------------------------------------------- mining Documents
def _doc(source, title, name, theme, paragraphs, problems=()):
    return mining_document(source, name, paragraphs[1:], problems, opening=paragraphs[0], title=title, theme=theme,
                           end_line=30)


OPEN = "2023年，我局在县委、县政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。现将有关情况总结如下："


def _docs():
    a = _doc("a.txt", "县民政局2023年政务公开工作总结", "县民政局", "政务公开",
             [OPEN, "全年主动公开政府信息1530条。严格落实信息发布“三审”制度，确保公开信息准确规范。"],
             ["政策解读形式较为单一，多以文字为主，缺少创新性。", "部分工作人员变动频繁，对业务不够熟悉。"])
    copy = _doc("b.txt", "县民政局2023年度政务公开工作总结", "县民政局", "政务公开",
                [OPEN, "全年主动公开政府信息1530条。严格落实信息发布“三审”制度，确保公开信息准确规范。"],
                ["政策解读形式较为单一，多以文字为主，缺少创新性。", "部分工作人员变动频繁，对业务不够熟悉。"])
    c = _doc("c.txt", "县医疗保障局2023年政务公开工作总结", "县医疗保障局", "政务公开",
             [OPEN.replace("扎实", "稳步"), "全年主动公开政府信息363条。严格落实信息发布“三审”制度，确保公开信息准确。"],
             ["政策解读形式较单一。", "基层政务公开工作还有欠缺。"])
    return [a, copy, c]


def test_near_duplicates_count_documents_not_copies():
    from drafter.mining import mine

    bank = mine(_docs()).bank
    by_text = {p.text: p for p in bank}
    three = [p for p in bank if "三审" in p.text]
    # a.txt and its copy b.txt count once; c.txt's near-duplicate is a second unit
    assert len(three) == 1 and three[0].support == {"docs": 2, "units": 2}
    assert {three[0].text, *three[0].variants} == {"严格落实信息发布“三审”制度，确保公开信息准确规范。",
                                                   "严格落实信息发布“三审”制度，确保公开信息准确。"}
    staff = [p for p in bank if "变动频繁" in p.text][0]
    assert (staff.support["docs"], staff.support["units"]) == (1, 1)          # a.txt + its copy
    result = by_text["全年主动公开政府信息{主动公开信息数}条。"]
    assert result.function == "result" and result.slots == ("主动公开信息数",) and result.theme == "政务公开"
    problems = [p for p in bank if p.section == "problems" and p.function == "problem"]
    assert problems[0].support["units"] == 2          # recurring statement ranked first
    assert problems[0].score > problems[-1].score
    opening = [p for p in bank if p.function == "opening"][0]
    assert "{上级单位}" in opening.text and "{单位简称}" in opening.text and "{年度}" in opening.text


def test_mining_twice_gives_identical_bytes(tmp_path):
    from drafter.mining import mine, write_bank

    write_bank(mine(_docs()), tmp_path / "one")
    write_bank(mine(_docs()), tmp_path / "two")
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    assert "problems.jsonl" in names and "mining-report.md" in names
    for n in names:
        assert (tmp_path / "one" / n).read_bytes() == (tmp_path / "two" / n).read_bytes(), n


def test_measure_word_classes_decide_which_slot_a_figure_fills():
    from drafter.mining.slotting import compatible

    assert compatible("条", "篇") and compatible("个", "项") and compatible("人", "名")
    assert not compatible("个", "条")      # 科技项目类信息8条 is no 项目数 (个)
    assert not compatible("个", "份")      # 工作指引手册5000余份 neither
    assert not compatible("件", "个") and compatible("件", "件")

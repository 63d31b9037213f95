"""Unit profile inference (drafter/profile.py)."""

import subprocess
import sys

import pytest

from drafter.profile import infer_profile, load_taxonomy, nearest_family, unit_from_title


@pytest.mark.parametrize(
    "name, level, department, family",
    [
        ("XX县人社局", "县", "人力资源和社会保障局", "民政社保"),
        ("县人力资源和社会保障局", "县", "人力资源和社会保障局", "民政社保"),
        ("区发改委", "区", "发展和改革委员会", "经济发展"),
        ("区发展改革委", "区", "发展和改革委员会", "经济发展"),
        ("市发展和改革委员会", "市", "发展和改革委员会", "经济发展"),
        ("XX街道办事处", "街道", "街道办事处", "基层政权"),
        ("某某镇人民政府", "乡镇", "乡镇人民政府", "基层政权"),
        ("XX县某某镇人民政府", "乡镇", "乡镇人民政府", "基层政权"),
        ("XX经开区", "园区", "管理委员会", "园区管理"),
        ("XX实验区", "园区", "管理委员会", "园区管理"),
        ("XX社区", "社区", "社区居民委员会", "基层政权"),
        ("市国动办", "市", "国防动员办公室", "国防动员"),
        ("县市场监管局", "县", "市场监督管理局", "经济发展"),   # 市场 is not 市
        ("县乡村振兴局", "县", "乡村振兴局", "农业农村"),       # 乡村 is not 乡
        ("区住房和城乡建设局", "区", "住房和城乡建设局", "城乡建设"),
        ("XX市XX区民政局", "区", "民政局", "民政社保"),
        ("XX县", "县", "人民政府", "综合政务"),
    ],
)
def test_known_units(name, level, department, family):
    p = infer_profile(name)
    assert (p.level, p.department, p.family) == (level, department, family)
    assert p.family_confidence == 1.0


@pytest.mark.parametrize(
    "name, family",
    [
        ("县畜牧兽医水产服务中心", "农业农村"),
        ("县城市排水管理处", "城乡建设"),
        ("市血液中心急救站", "卫生健康"),
    ],
)
def test_unknown_department_gets_nearest_family(name, family):
    p = infer_profile(name)
    assert p.department is None
    assert p.family == family
    assert 0 < p.family_confidence < 1


def test_nearest_family_nothing_shared():
    fam, conf = nearest_family("ABC")
    assert fam is None and conf == 0.0


def test_title_theme_year_plan():
    p = infer_profile(title="区民政局2023年政务公开工作总结")
    assert (p.name, p.level, p.theme, p.year, p.with_plan) == ("区民政局", "区", "政务公开", 2023, False)
    p = infer_profile(title="县司法局2023年年度工作总结及2024年工作思路")
    assert (p.theme, p.year, p.with_plan) == ("年度综合", 2023, True)
    p = infer_profile(title="县税务局2023年度帮扶工作总结")
    assert p.theme == "乡村振兴·帮扶"
    p = infer_profile(title="202_度政务公开工作总结篇3")
    assert p.year is None and p.theme == "政务公开"


def test_given_theme_and_year_win():
    p = infer_profile("县民政局", title="县民政局2023年政务公开工作总结", theme="年度综合", year=2026)
    assert p.theme == "年度综合" and p.year == 2026


def test_body_overrides_wrong_title():
    # corpus-notes §1.4: a 区发展改革委 title over a 乡 report
    body = (
        "2023年，闹村乡在县委、县政府的正确领导下，认真贯彻落实条例，现将我乡2023年政务公开工作总结及2024年工作思路汇报如下：\n"
        "一、工作总结\n（二）有序开展信息公开。2023年，我乡在政务公开工作的推进中，坚持公开。"
    )
    p = infer_profile(title="区发展改革委2023年政务公开工作总结", text=body)
    assert p.level == "乡镇"
    assert p.family == "基层政权"
    assert p.with_plan is True


def test_body_does_not_override_consistent_title():
    body = "2023年，XX区发改委深入贯彻落实县委、县政府关于政务公开工作的决策部署。我委高度重视。"
    p = infer_profile(title="区发展改革委2023年政务公开工作总结", text=body)
    assert (p.level, p.department) == ("区", "发展和改革委员会")


def test_untitled_document_from_body():
    body = "今年以来，在县委、县政府的大力领导下，我县深入学习，我县政务公开工作取得成效。"
    p = infer_profile(text=body)
    assert p.level == "县"
    assert p.theme == "年度综合"  # two mentions are not enough density


def test_body_theme_density():
    body = "政务公开工作。" * 10
    assert infer_profile(text=body).theme == "政务公开"
    assert infer_profile(text="我局认真做好各项业务工作。" * 10).theme == "年度综合"


def test_whole_year_title_outweighs_body_words():
    body = "深化东西部协作，做好对口帮扶，帮扶资金全部到位，消费帮扶成效明显，帮扶项目有序推进。" * 5
    assert infer_profile(text=body).theme == "乡村振兴·帮扶"
    for title in ("市长三角发展办2023年工作总结和2024年工作思路", "县协作办2023年度工作总结"):
        assert infer_profile(title=title, text=body).theme == "年度综合", title
    # a title that names a topic other than the year's work leaves the theme to the body
    assert infer_profile(title="县协作办2023年东西部协作工作总结", text=body).theme == "乡村振兴·帮扶"
    raw_example = load_taxonomy().annual_title_re
    assert raw_example is not None and raw_example.search("市长三角发展办2023年工作总结和2024年工作思路")


def test_unit_from_title():
    assert unit_from_title("2023年XX县政务公开工作总结") == "XX县"
    assert unit_from_title("县司法局2023年年度工作总结") == "县司法局"
    assert unit_from_title("市生态环境分局2023年政府信息公开工作总结") == "市生态环境分局"


def self_reference(profile) -> str:
    """What a draft calls the unit ({单位简称}): the phrase bank's self-reference rules
    (profile.self_reference, a second table used by nothing else, was removed)."""
    from drafter.bank import PhraseBank

    return PhraseBank.load().context_values(profile)["单位简称"]


def test_self_reference():
    assert self_reference(infer_profile("县民政局")) == "我局"
    assert self_reference(infer_profile("区发改委")) == "我委"
    assert self_reference(infer_profile("某某镇人民政府")) == "我镇"
    assert self_reference(infer_profile("XX县")) == "我县"


def test_taxonomy_cached_and_complete():
    tax = load_taxonomy()
    assert load_taxonomy() is tax
    assert {lv.level for lv in tax.levels} == {"市", "区", "县", "乡镇", "街道", "社区", "园区"}
    assert len(tax.departments) >= 40


def test_profile_does_not_import_miner_libraries():
    code = "import sys, drafter.profile as p; p.infer_profile('县民政局'); print('jieba' in sys.modules, 'sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False False"

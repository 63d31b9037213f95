"""Ingestion of the shipped corpus (corpus/*.txt): splitting, structure, labels, cleaning, profiles."""

import json
import re

import pytest

from drafter.ingest.pipeline import ingest
from drafter.ingest.report import summary
from drafter.ingest.structure import iter_paragraphs, iter_sections
from drafter.paths import corpus_dir

CORPUS = corpus_dir()
F000 = "000_73bf3434f6abd6d1.txt"
F001 = "001_f14beec0a508079e.txt"
F002 = "002_30e0f8e580bb11f5.txt"
F003 = "003_5835c7f66c56c1ce.txt"
F004 = "004_7799f1f72d9049fa.txt"


@pytest.fixture(scope="module")
def result():
    return ingest(CORPUS)


def _docs(result, name):
    return [d for d in result.documents if d.source == name]


def _toc_titles() -> list[str]:
    lines = (CORPUS / F000).read_text(encoding="utf-8").splitlines()
    start = lines.index("目录")
    titles = []
    for line in lines[start + 1:]:
        if not line.strip():
            if titles:
                break
            continue
        titles.append(line.split("\t")[0].strip())
    return [t for t in titles if t != "目录" and not t.startswith("2023年度工作总结汇编")]


def test_000_splits_into_its_23_toc_documents(result):
    docs = _docs(result, F000)
    titles = _toc_titles()
    assert len(titles) == 23
    assert [d.title for d in docs] == titles
    # the duplicate title stays two documents, with their own line spans
    dup = [d for d in docs if d.title == "区发展改革委2023年政务公开工作总结"]
    assert [(d.start_line, d.end_line) for d in dup] == [(152, 162), (166, 180)]
    assert (docs[0].start_line, docs[0].end_line) == (34, 45)
    assert (docs[-1].start_line, docs[-1].end_line) == (506, 524)


def test_single_files_split(result):
    assert len(_docs(result, F001)) == 1
    assert len(_docs(result, F003)) == 1
    d002 = _docs(result, F002)
    assert [(d.start_line, d.end_line) for d in d002] == [(1, 24), (25, 40), (41, 53)]
    assert [d.title for d in d002] == ["", "", "202_度政务公开工作总结篇3"]
    assert _docs(result, F003)[0].title == "XX实验区2023年政务公开工作总结"
    assert _docs(result, F001)[0].title == "政府政务服务中心2023年度工作总结及2023年政务公开工作总结"


# 004: (title, first line, last line, level, department, family, theme), as read in the file
DOCS_004 = [
    ("2023年政务公开工作总结及2024年工作思路", 20, 27, None, None, None, "政务公开"),
    ("区司法局2023年工作总结及2024年工作思路", 31, 47, "区", "司法局", "政法", "年度综合"),
    # many 帮扶 words in the body (对口支援、东西部协作), but the title is a whole-year report
    ("市长三角发展办2023年工作总结和2024年工作思路", 51, 73, "市", "区域合作办公室", "经济发展", "年度综合"),
    ("县财政局2023年政务公开工作总结和2024年工作思路", 77, 93, "县", "财政局", "财政税务", "政务公开"),
    ("县机关事务管理中心2023年政务公开工作总结和2024年工作思路", 97, 112, "县", "机关事务管理服务中心", "机关服务",
     "政务公开"),
    ("县教育局2023年工作总结及2024年工作思路", 116, 146, "县", "教育局", "教育体育", "年度综合"),
    ("县应急管理局2023年工作总结及2024年工作思路", 150, 166, "县", "应急管理局", "应急安全", "年度综合"),
    ("乡2023年政务公开工作总结和2024年工作思路", 170, 185, "乡镇", "乡镇人民政府", "基层政权", "政务公开"),
    ("镇2023年政务公开工作总结及2024年工作思路", 189, 204, "乡镇", "乡镇人民政府", "基层政权", "政务公开"),
]


def test_004_splits_into_its_9_documents(result):
    docs = _docs(result, F004)
    assert [(d.title, d.start_line, d.end_line) for d in docs] == [row[:3] for row in DOCS_004]


def test_004_profiles(result):
    docs = _docs(result, F004)
    got = [(d.profile.level, d.profile.department, d.profile.family, d.profile.theme) for d in docs]
    assert got == [row[3:] for row in DOCS_004]
    assert all(d.profile.year == 2023 and d.profile.with_plan for d in docs)
    assert all(not d.title_inferred for d in docs)


def test_004_annual_reports_keep_their_structure(result):
    docs = _docs(result, F004)
    education = docs[5]
    achievements = education.sections[1]
    assert len(achievements.children) == 12 and achievements.children[0].heading == "党的领导持续加强"
    assert [c.marker for c in education.sections[2].children] == ["一是", "二是", "三是", "四是"]
    emergency = docs[6]
    plans = emergency.sections[-1]
    assert [c.heading for c in plans.children] == ["围绕一个目标", "深化两个体系建设", "提升三种能力", "推进四大行动",
                                                  "加大五个力度"]
    # the signature of the 长三角发展办 report holds the unit and the date, not the last plan item
    office = docs[2]
    assert [p.text for p in office.sections[-1].paragraphs] == ["XX市长三角一体化发展办公室", "2023年12月14日"]
    # the advert after the last document is gone
    assert "哒哒" not in "".join(p.text for _, p in iter_paragraphs(docs[-1].sections))


def test_no_read_problems(result):
    assert result.problems == []
    assert result.warnings == []


# Every level-1 section of the corpus: (file, line, heading, canonical).
# Headings are the text after the marker; None = opening, an unheaded part or closing.
PINS = [
    ("000", 36, None, "opening"),
    ("000", 37, '工作完成情况', "achievements"),
    ("000", 40, '存在问题', "problems"),
    ("000", 44, '下一步工作打算', "plans"),
    ("000", 51, None, "opening"),
    ("000", 52, '总体情况', "overview"),
    ("000", 56, '存在的主要问题', "problems"),
    ("000", 59, '下一步工作思路', "plans"),
    ("000", 66, None, "opening"),
    ("000", 67, '党建工作', "achievements"),
    ("000", 78, '居委会工作', "achievements"),
    ("000", 105, None, "closing"),
    ("000", 111, None, "opening"),
    ("000", 112, '明确重点，细化政务公开工作要求', "achievements"),
    ("000", 114, '着力提升重点领域信息公开质量', "achievements"),
    ("000", 129, '存在问题', "problems"),
    ("000", 131, '下一步工作打算', "plans"),
    ("000", 142, None, "opening"),
    ("000", 143, '严格落实“四个不摘”、“单位包村、干部包户”、“落实单位帮扶责任机制”等帮扶机制', "achievements"),
    ("000", 145, None, "achievements"),
    ("000", 147, '履行包保责任，巩固脱贫成果', "achievements"),
    ("000", 154, None, "opening"),
    ("000", 155, '2023年政务公开工作总结', "achievements"),
    ("000", 160, '存在的问题', "problems"),
    ("000", 168, None, "opening"),
    ("000", 169, '工作总结', "achievements"),
    ("000", 173, '存在的主要问题', "problems"),
    ("000", 177, '2024年工作思路', "plans"),
    ("000", 186, None, "opening"),
    ("000", 187, '本年度政务公开重点工作任务完成情况', "achievements"),
    ("000", 195, '存在问题', "problems"),
    ("000", 198, '2024年工作计划', "plans"),
    ("000", 208, None, "opening"),
    ("000", 209, '重点工作任务完成情况', "achievements"),
    ("000", 214, '存在问题和2024年工作计划', "problems_plans"),
    ("000", 222, '落实工作责任，持续巩固拓展脱贫攻坚成果', "achievements"),
    ("000", 224, '关注底线问题，常态化抓实抓好监测帮扶', "achievements"),
    ("000", 226, '聚焦农户收入，开展收入排查重点工作', "achievements"),
    ("000", 228, '用好奖补政策，积极开展产业帮扶', "achievements"),
    ("000", 230, '积极宣传引导，争创省级和美乡村', "achievements"),
    ("000", 232, '严格工作纪律，加强驻村人员自身建设', "achievements"),
    ("000", 239, None, "opening"),
    ("000", 240, '总体情况', "overview"),
    ("000", 253, '存在问题', "problems"),
    ("000", 255, '下一步工作安排', "plans"),
    ("000", 263, None, "opening"),
    ("000", 264, '总体情况', "overview"),
    ("000", 271, '存在问题', "problems"),
    ("000", 273, '下步工作计划', "plans"),
    ("000", 280, None, "opening"),
    ("000", 281, '加强组织领导，完善政务公开工作机制', "achievements"),
    ("000", 283, '加强制度建设，规范政务公开行为', "achievements"),
    ("000", 285, '拓宽公开渠道，增强政务公开工作实效', "achievements"),
    ("000", 290, '加强跟踪评估，推进基层政务公开标准化规范化和医疗卫生机构信息公开', "achievements"),
    ("000", 293, '坚持标准引领，做好卫生健康重点领域信息公开和民生信息公开', "achievements"),
    ("000", 296, '重视培训学习，提高政务公开工作水平', "achievements"),
    ("000", 298, '下一步工作打算', "plans"),
    ("000", 307, None, "opening"),
    ("000", 308, '2023年政务公开工作情况', "achievements"),
    ("000", 312, '下一步工作打算', "plans"),
    ("000", 316, None, "closing"),
    ("000", 322, None, "opening"),
    ("000", 323, '强化组织领导，健全工作制度', "achievements"),
    ("000", 324, '强化整改培训，提升工作实效', "achievements"),
    ("000", 325, '明确公开重点，做好主动公开', "achievements"),
    ("000", 326, '优化办理程序，规范依申请公开', "achievements"),
    ("000", 327, '强化政策解读，广泛征求意见', "achievements"),
    ("000", 328, '存在问题和下一步打算', "problems_plans"),
    ("000", 333, None, "closing"),
    ("000", 339, None, "opening"),
    ("000", 340, '工作完成情况', "achievements"),
    ("000", 347, '主动公开政府信息情况', "achievements"),
    ("000", 352, '存在的问题', "problems"),
    ("000", 356, '下一步工作思路', "plans"),
    ("000", 363, None, "opening"),
    ("000", 364, '2023年工作完成情况', "achievements"),
    ("000", 369, '存在问题及2023年工作谋划', "problems_plans"),
    ("000", 379, None, "opening"),
    ("000", 380, '基本情况', "overview"),
    ("000", 385, '存在问题', "problems"),
    ("000", 388, '下一步工作打算', "plans"),
    ("000", 397, None, "opening"),
    ("000", 398, '总体情况', "overview"),
    ("000", 406, '存在问题', "problems"),
    ("000", 408, '下一步工作打算', "plans"),
    ("000", 415, None, "opening"),
    ("000", 416, '基本村情', "basic_info"),
    ("000", 419, '主要做法', "measures"),
    ("000", 432, '工作成效', "results"),
    ("000", 434, '存在问题', "problems"),
    ("000", 436, '工作思考', "plans"),
    ("000", 451, '组织建设坚强有力，保持政治立场不动摇', "achievements"),
    ("000", 457, '深入推进依法行政，法治政府建设见实效', "achievements"),
    ("000", 464, '强化法治宣传教育，普法依法治理稳步推进', "achievements"),
    ("000", 469, '优化公共法律服务，法律供给精准高效', "achievements"),
    ("000", 476, '推进基层法治建设，社会治理水平不断提升', "achievements"),
    ("000", 485, None, "opening"),
    ("000", 486, '2023年主要工作', "achievements"),
    ("000", 494, '存在问题', "problems"),
    ("000", 498, '2024年重点工作', "plans"),
    ("000", 508, None, "opening"),
    ("000", 509, '工作开展情况', "achievements"),
    ("000", 517, '存在的问题及不足', "problems"),
    ("000", 521, '下一步工作打算', "plans"),
    ("001", 14, None, "achievements"),
    ("001", 16, '强化制度建立，标准推动政务公开', "achievements"),
    ("001", 20, '突出重点，不断完善公开内容', "achievements"),
    ("001", 24, '标准政策解读，加强政民互动', "achievements"),
    ("001", 28, '以点带面，全面推动政务公开', "achievements"),
    ("001", 32, '加强平台建立，供应技术支撑', "achievements"),
    ("001", 34, '多措并举，坚决落实公开考核', "achievements"),
    ("001", 36, None, "problems_plans"),
    ("001", 38, '2023年政务公开工作总结', "plans"),
    ("001", 40, '着力推动“五公开”常态化', "plans"),
    ("001", 48, '着力推动公开工作标准化', "plans"),
    ("001", 48, '着力推动村务公开标准化', "plans"),
    ("001", 52, '着力推动政务公开一体化', "plans"),
    ("001", 56, '加强政策解读和舆情回应', "plans"),
    ("001", 60, '着力推动培训检查考核', "plans"),
    ("002", 1, None, "opening"),
    ("002", 2, '工作发展情况', "achievements"),
    ("002", 20, '存在的问题及202_年工作打算', "problems_plans"),
    ("002", 25, '工作开展情况', "achievements"),
    ("002", 32, '存在问题', "problems"),
    ("002", 37, '下一步工作', "plans"),
    ("002", 42, None, "opening"),
    ("002", 43, '做好组织推进工作', "achievements"),
    ("002", 45, '不断完善政务公开工作机制', "achievements"),
    ("002", 47, '不断拓宽公开渠道', "achievements"),
    ("002", 49, '提升政务服务水平', "achievements"),
    ("002", 51, '不断加强监督保障', "achievements"),
    ("002", 53, None, "plans"),
    ("003", 2, None, "opening"),
    ("003", 3, '明确重点，细化政务公开工作要求', "achievements"),
    ("003", 5, '着力提升重点领域信息公开质量', "achievements"),
    ("003", 20, '存在问题', "problems"),
    ("003", 22, '下一步工作打算', "plans"),
    # 004: every document is a 2023 summary with a 2024 plan part
    ("004", 22, '回顾2023年政务公开工作', "achievements"),
    ("004", 26, '2024年工作思路', "plans"),
    ("004", 33, None, "opening"),
    ("004", 34, '2023年工作总结', "achievements"),
    ("004", 40, '存在问题', "problems"),
    ("004", 42, '2024年工作思路', "plans"),
    ("004", 53, '2023年工作总结', "achievements"),
    ("004", 67, '2024年工作思路', "plans"),
    ("004", 72, None, "signature"),
    ("004", 79, None, "opening"),
    ("004", 80, '主动公开情况', "achievements"),
    ("004", 84, '依申请公开情况', "achievements"),
    ("004", 88, '政务新媒体建设情况', "achievements"),
    ("004", 90, '工作中存在的困难和问题', "problems"),
    ("004", 92, '2024年工作思路', "plans"),
    ("004", 99, None, "opening"),
    ("004", 100, '主动公开情况', "achievements"),
    ("004", 103, '依申请公开情况', "achievements"),
    ("004", 105, '规范政务公开平台建设', "achievements"),
    ("004", 107, '监督保障', "achievements"),
    ("004", 109, '工作中存在的困难和问题', "problems"),
    ("004", 111, '2024年工作思路', "plans"),
    ("004", 118, None, "opening"),
    ("004", 119, '工作开展基本情况', "achievements"),       # not an overview: it heads the year's work
    ("004", 132, '当前工作存在的问题', "problems"),
    ("004", 137, '下一步工作打算', "plans"),
    ("004", 152, None, "opening"),
    ("004", 153, '2023年工作开展情况', "achievements"),
    ("004", 159, None, "problems"),                         # 「虽然…取得了一定的成效…但…还存在一些短板与不足」
    ("004", 160, '2024年工作思路', "plans"),
    ("004", 172, None, "opening"),
    ("004", 173, '2023年工作开展情况', "achievements"),
    ("004", 179, '存在问题', "problems"),
    ("004", 181, '2024年工作思路', "plans"),
    ("004", 191, None, "opening"),
    ("004", 192, '主动公开情况', "achievements"),
    ("004", 196, '依申请公开情况', "achievements"),
    ("004", 199, '2024年政务公开工作思路', "plans"),
]


def test_every_top_level_section_labelled(result):
    got = [(d.source[:3], s.line, s.heading, s.canonical) for d in result.documents for s in d.sections]
    assert got == PINS


def test_implicit_and_shifted_levels(result):
    d001 = _docs(result, F001)[0]
    first = d001.sections[0]
    # 001 jumps from the title to （一）: an implicit 一、 holds （一）（二）
    assert first.heading is None and [c.marker for c in first.children] == ["（一）", "（二）"]
    # 002 篇1: 「（1）深化…」 is a slip for （一）: its siblings are （二）（三）（四），its children (1)…(4)
    d1 = _docs(result, F002)[0]
    ach = d1.sections[1]
    assert [c.marker for c in ach.children] == ["（1）", "（二）", "（三）", "（四）"]
    assert [c.marker for c in ach.children[0].children] == ["（1）", "（2）", "（3）", "（4）"]
    # 社区: 一、 → （一） → 1、; under 二、 the 1、 list comes directly, with （1） under 5、
    community = _docs(result, F000)[2]
    party, committee = community.sections[1], community.sections[2]
    assert [(c.marker, c.level) for c in party.children] == [("（一）", 2), ("（二）", 2), ("（三）", 2)]
    assert party.children[0].children[0].marker == "1、" and party.children[0].children[0].level == 3
    fifth = committee.children[4]
    assert (fifth.marker, fifth.heading, fifth.level) == ("5、", "民政工作", 2)
    assert [(c.marker, c.level) for c in fifth.children] == [("（1）", 3), ("（2）", 3), ("（3）", 3), ("（4）", 3)]


def test_heading_and_body_on_one_line_are_split(result):
    doc = _docs(result, F000)[0]
    sub = doc.sections[1].children[0]
    assert (sub.marker, sub.heading) == ("（一）", "狠抓监督指导")
    assert sub.paragraphs[0].text.startswith("严格落实《关于做好政务公开经办人员跟班学习")
    # inline 一是/二是 become leaf items
    problems = doc.sections[2]
    assert [c.marker for c in problems.children] == ["一是", "二是", "三是"]
    assert problems.children[0].heading == "基础工作还不够细"


JUNK = re.compile(r"##|paid|哒哒|素材库|上传人|文档编号|ICP备|展开阅读|点击查看|由会员分享|当前位置|(?<![A-Za-z])D(?![A-Za-z])|AAA|^[>＞\u3000 ]")


def test_no_junk_reaches_the_output(result):
    for doc in result.documents:
        assert JUNK.search(doc.title) is None
        for sec in iter_sections(doc.sections):
            if sec.heading and not sec.excluded:
                assert JUNK.search(sec.heading) is None, (doc.source, sec.line, sec.heading)
        for _, p in iter_paragraphs(doc.sections):
            if not p.excluded:
                assert JUNK.search(p.text) is None, (doc.source, p.line, p.text[:40])


PARAPHRASE_TELLS = re.compile(r"效劳|根底|名目|披露|准时|监视|催促|发动会|公布会|进展(专项|现场)")


def test_paraphrase_is_excluded_not_kept(result):
    d001 = _docs(result, F001)[0]
    pairs = list(iter_paragraphs(d001.sections))
    assert pairs and all(p.excluded == "paraphrase" for _, p in pairs)
    assert any("伪原创" in note for note in d001.excluded)
    for doc in result.documents:
        for _, p in iter_paragraphs(doc.sections):
            if not p.excluded:
                assert PARAPHRASE_TELLS.search(p.text) is None, (doc.source, p.line, p.text[:40])
    # 002 篇1: lines 1-7 are paraphrased, from line 8 on the text is clean
    d1 = _docs(result, F002)[0]
    flagged = sorted({p.line for _, p in iter_paragraphs(d1.sections) if p.excluded})
    assert flagged and max(flagged) <= 7
    assert not any(p.excluded for doc in _docs(result, F000) for _, p in iter_paragraphs(doc.sections))


def test_censorship_restored(result):
    text = "\n".join(p.text for doc in _docs(result, F000) for _, p in iter_paragraphs(doc.sections))
    assert "全面从严治党" in text and "微信公众号" in text
    science = _docs(result, F000)[16]
    assert "中华人民共和国政府信息公开条例" in "\n".join(p.text for _, p in iter_paragraphs(science.sections))
    assert science.cleaned.get("anonymised_he", 0) >= 1
    d001 = _docs(result, F001)[0]
    assert d001.cleaned.get("page_fragments") == 25


def test_placeholders_marked(result):
    marks = {}
    for doc in result.documents:
        for _, p in iter_paragraphs(doc.sections):
            for m in p.placeholders:
                marks.setdefault(m, []).append((doc.source[:3], p.line))
    assert ("000", 363) in marks["deleted_figure"]          # 全年公开政府信息条。
    assert ("002", 21) in marks["202_"]
    assert ("000", 154) in marks["XX"]


@pytest.mark.parametrize(
    "index, name, level, family, theme, year, with_plan",
    [
        (0, "XX县", "县", "综合政务", "政务公开", 2023, False),
        (4, "区城管执法局", "区", "城乡建设", "乡村振兴·帮扶", 2023, False),
        (6, "闹村乡", "乡镇", "基层政权", "政务公开", 2023, True),     # title says 区发展改革委
        (19, "县税务局", "县", "财政税务", "乡村振兴·帮扶", 2023, False),
        (21, "县司法局", "县", "政法", "年度综合", 2023, True),
    ],
)
def test_profiles_000(result, index, name, level, family, theme, year, with_plan):
    p = _docs(result, F000)[index].profile
    assert (p.name, p.level, p.family, p.theme, p.year, p.with_plan) == (name, level, family, theme, year, with_plan)


def test_profile_year_from_body_not_title(result):
    d001 = _docs(result, F001)[0]
    assert d001.profile.year == 2017               # a 十九大-era text titled 2023
    assert any("2017" in note for note in d001.excluded)
    d3 = _docs(result, F002)[2]
    assert (d3.profile.level, d3.profile.family, d3.profile.year) == ("市", "交通运输", None)


def test_deterministic():
    a = json.dumps([summary(d) for d in ingest(CORPUS).documents], ensure_ascii=False, sort_keys=True)
    b = json.dumps([summary(d) for d in ingest(CORPUS).documents], ensure_ascii=False, sort_keys=True)
    assert a == b

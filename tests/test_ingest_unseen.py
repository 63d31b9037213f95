"""A compilation the ingester has never seen, written in the same style as the corpus.

Different heading styles (一、 /（一）as top level / 1. / unnumbered), different
problem/plan wording, a duplicate title, a closing sentence and a signature.
"""


import pytest

from drafter.ingest.pipeline import ingest

DOCS = [
    (
        "XX县人社局2024年政务公开工作总结",
        [
            "2024年，XX县人社局在县委、县政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，现将有关情况总结如下：",
            "一、主要工作开展情况",
            "（一）加强组织领导。及时调整政务公开工作领导小组，明确专人负责信息发布。",
            "（二）做好主动公开。全年主动公开政府信息312条，其中就业创业政策信息86条。",
            "（三）规范依申请公开。全年受理依申请公开3件，均按时办结。",
            "二、存在的不足",
            "一是政策解读形式较为单一，多以文字为主。二是工作人员变动频繁，业务能力有待提高。",
            "三、明年工作思路",
            "（一）丰富政策解读形式。采用图解、视频等方式解读政策。",
            "（二）加强业务培训。组织工作人员参加各级培训，提升业务水平。",
        ],
        ["opening", "achievements", "problems", "plans"],
    ),
    (
        "某某街道2024年工作总结及2025年工作计划",
        [
            "今年以来，某某街道在区委、区政府的坚强领导下，紧紧围绕年度目标任务，扎实推进各项工作。现将工作情况汇报如下：",
            "一、2024年工作回顾",
            "1.党建引领持续加强。坚持“第一议题”制度，全年召开党工委会议24次。",
            "2.民生保障扎实有力。发放低保金136万元，新增就业岗位420个。",
            "3.基层治理不断完善。深化网格化管理，化解矛盾纠纷152起。",
            "二、工作中存在的困难和问题",
            "1.社区工作力量不足，部分网格员身兼数职。",
            "2.老旧小区改造任务重，资金压力较大。",
            "三、2025年工作计划",
            "1.持续抓好党建工作。深入推进基层党组织标准化规范化建设。",
            "2.着力提升治理水平。完善网格化服务管理机制。",
            "今后，我们将继续团结一心，真抓实干，推动街道各项工作再上新台阶。",
            "某某街道办事处",
            "2024年12月20日",
        ],
        ["opening", "achievements", "problems", "plans", "closing", "signature"],
    ),
    (
        "市统计局2024年度政务信息公开工作总结",
        [
            "2024年，市统计局坚持以公开为常态、不公开为例外，深入推进政务公开工作。现将2024年度政务信息公开工作总结如下：",
            "一、总体情况",
            "全年通过门户网站发布各类信息526条，召开新闻发布会4次。",
            "二、主动公开政府信息情况",
            "及时发布统计数据和统计公报，做好统计数据解读。",
            "三、依申请公开办理情况",
            "全年收到政府信息公开申请2件，均已按期答复。",
            "四、存在的主要问题及改进措施",
            "主要问题是统计数据解读不够深入。下一步，我局将加强数据解读，丰富公开形式。",
        ],
        ["opening", "overview", "achievements", "achievements", "problems_plans"],
    ),
    (
        "县农业农村局2024年乡村振兴工作总结",
        [
            "2024年以来，县农业农村局深入学习贯彻关于“三农”工作的重要论述，扎实推进巩固拓展脱贫攻坚成果同乡村振兴有效衔接。",
            "（一）压实帮扶责任，守牢不发生规模性返贫底线",
            "坚持“四个不摘”要求，常态化开展防止返贫动态监测，对监测对象落实帮扶措施。",
            "（二）发展特色产业，促进农民持续增收",
            "落实产业奖补政策，带动脱贫户发展特色种养业，人均增收1200元。",
            "（三）存在的不足",
            "产业发展基础仍然薄弱，联农带农机制有待完善。",
            "（四）下一步打算",
            "继续加大产业帮扶力度，持续巩固拓展脱贫攻坚成果。",
        ],
        ["opening", "achievements", "achievements", "problems", "plans"],
    ),
    (
        "区教育局2024年工作总结",
        [
            "2024年，区教育局坚持立德树人根本任务，推动教育事业高质量发展，现将全年工作总结如下：",
            "一、主要做法",
            "（一）深化“双减”工作。开展课后服务，覆盖率达到100%。",
            "（二）加强师资队伍建设。全年培训教师1200人次。",
            "二、取得的成效",
            "教育教学质量稳步提升，群众满意度明显提高。",
            "三、存在问题",
            "（一）城区学位供给紧张。",
            "（二）农村学校师资力量相对薄弱。",
            "四、下一步工作安排",
            "（一）加快学校建设。新建改扩建学校3所。",
            "（二）推进教师交流轮岗。",
        ],
        ["opening", "measures", "results", "problems", "plans"],
    ),
    (
        "区教育局2024年工作总结",
        [
            "一年来，区教育局在区委、区政府的领导下，圆满完成了各项目标任务。",
            "工作开展情况",
            "1、推进学前教育普及普惠，新增公办幼儿园学位600个。",
            "2、加强校园安全管理，开展安全隐患排查40次。",
            "存在问题：",
            "1、学前教育师资不足。",
            "下一步工作：",
            "1、加快补齐学前教育短板。",
            "2、持续抓好校园安全。",
        ],
        ["opening", "achievements", "problems", "plans"],
    ),
]


def _compilation() -> tuple[str, list[str]]:
    title = f"2024年度工作总结汇编（{len(DOCS)}篇）"
    out = ["", title, "", "目录", "", "", f"{title}\t1", "目录\t1"]
    page = 3
    for t, body, _ in DOCS:
        out.append(f"{t}\t{page}")
        page += len(body) // 3 + 2
    out += ["", ""]
    for k, (t, body, _) in enumerate(DOCS):
        out += ["", "", ""] if k else []
        out += [t, ""] + body
    out += ["", "【某某素材库】专注公文写作素材，会员群免费领取", "##paidend##", ""]
    return "\n".join(out), [t for t, _, _ in DOCS]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("unseen")
    text, _ = _compilation()
    (folder / "compilation.txt").write_text(text, encoding="utf-8")
    return ingest(folder)


def test_splits_into_its_documents(result):
    _, titles = _compilation()
    assert not result.problems
    assert [d.title for d in result.documents] == titles
    assert len(result.documents) == len(DOCS)        # the two 区教育局 documents stay two


def test_top_level_sections_labelled(result):
    got, want = [], []
    for doc, (_, _, labels) in zip(result.documents, DOCS):
        got += doc.canonical_sections()
        want += labels
    assert len(got) == len(want), [d.canonical_sections() for d in result.documents]
    right = sum(1 for g, w in zip(got, want) if g == w)
    assert right / len(want) >= 0.95, list(zip(got, want))


def test_no_advert_or_marker(result):
    from drafter.ingest.structure import iter_paragraphs

    for doc in result.documents:
        for _, p in iter_paragraphs(doc.sections):
            assert "素材库" not in p.text and "paid" not in p.text


def test_profiles(result):
    docs = result.documents
    assert (docs[0].profile.level, docs[0].profile.department) == ("县", "人力资源和社会保障局")
    assert docs[1].profile.level == "街道" and docs[1].profile.with_plan
    assert docs[3].profile.theme == "乡村振兴·帮扶"
    assert all(d.profile.year == 2024 for d in docs)

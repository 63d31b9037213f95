"""Reports saved from the web (tests/fixtures/web/, made by tests/fixtures/make_web_fixtures.py).

A clerk's own folder: pages copied from 政府网站 (menus, 发布机构/组配分类 rows, byline,
share/print, footer), 文库 pages of PDFs (hard line breaks, page numbers, blurbs, a
相关文档 list), a web clipper's Markdown, a PDF converted to .docx, in UTF-8 and GBK,
plus a sources list and a README that are not reports.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.ingest.lines import lines_from_text
from drafter.ingest.pipeline import ingest
from drafter.ingest.structure import iter_paragraphs, iter_sections
from drafter.paths import corpus_dir

WEB = Path(__file__).resolve().parent / "fixtures" / "web"

CIVIL = "区民政局2023年工作总结.txt"
TOWN = "某某镇2023年工作总结及2024年工作计划 - 道客巴巴.txt"
STATS = "县统计局政务公开工作总结.md"
EMERGENCY = "县应急管理局2023年工作总结.docx"
FINANCE = "县财政局2023年度工作总结.txt"

# file -> (title, top-level labels, theme), as read in the fixtures
EXPECTED = {
    CIVIL: ("区民政局2023年工作总结", ["opening", "achievements", "problems", "plans", "signature"], "年度综合"),
    TOWN: ("某某镇2023年工作总结及2024年工作计划", ["opening", "achievements", "problems", "plans"], "年度综合"),
    STATS: ("县统计局2023年政务公开工作总结", ["opening", "achievements", "problems", "plans"], "政务公开"),
    EMERGENCY: ("县应急管理局2023年工作总结", ["opening", "achievements", "problems", "plans"], "年度综合"),
    FINANCE: ("县财政局2023年度工作总结及2024年工作思路", ["opening", "achievements", "problems", "plans"], "年度综合"),
}

# Page chrome, and names that occur only in the chrome (site owners, publishers, other pages).
CHROME = re.compile(
    r"首页|当前位置|索引号|发布机构|组配分类|计划总结|公开方式|公开范围|成文日期|发布日期|发布时间|来源：|浏览次数|点击数|字号|字体|"
    r"打印|关闭窗口|【关闭】|分享|收藏|上一篇|下一篇|上一条|下一条|返回顶部|相关链接|相关文档|网站地图|网站标识|主办|承办|版权|"
    r"ICP|公网安备|Copyright|"
    r"无障碍|长者模式|小编|供大家参考|参考学习|下载|未读|继续阅读|免责声明|侵权|道客巴巴|原创力|book118|水印|文档格式|文档标签|"
    r"踩数|评论次数|原文地址|http|www\.|\]\(|\||\*\*|^- \d+ -$|第 \d+ 页|"
    r"鹿城区人民政府|鹿城区民政局|大数据|温州市民政局|浙江省民政厅|某某县人民政府|某某县统计局|Goldhoo"
)
# Other units named in the report bodies: kept as text by ingestion, never mined into the bank.
BODY_NAMES = ("五马街道", "南郊街道", "温州市慈善总会", "永嘉县", "岩头镇", "鹤城街道", "油竹街道")


@pytest.fixture(scope="module")
def result():
    return ingest(WEB)


def _doc(result, name):
    [doc] = [d for d in result.documents if d.source == name]
    return doc


def test_the_fixtures_are_what_a_clerk_saves():
    raw = (WEB / TOWN).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "道客巴巴" in raw.decode("gbk") and b"\r\n" in raw
    assert "点击数" in (WEB / FINANCE).read_bytes().decode("gbk")
    assert "组配分类" in (WEB / CIVIL).read_text(encoding="utf-8")
    assert "](http" in (WEB / STATS).read_text(encoding="utf-8")


def test_each_report_is_one_document_with_its_title(result):
    got = {d.source: (d.title, d.canonical_sections(), d.profile.theme) for d in result.documents}
    assert got == EXPECTED
    assert all(not d.title_inferred and d.profile.year == 2023 for d in result.documents)
    assert _doc(result, TOWN).profile.level == "乡镇" and _doc(result, TOWN).profile.with_plan
    assert _doc(result, STATS).profile.department == "统计局"


def test_files_that_are_not_reports_are_skipped_with_a_warning(result, capsys):
    skipped = {Path(p.path).name: p.reason for p in result.problems}
    assert set(skipped) == {"sources.md", "README.md"}
    assert all("不像工作总结" in reason and "已跳过" in reason for reason in skipped.values())
    assert result.warnings == []            # nothing else was dropped from the reports
    from drafter.cli import main

    assert main(["corpus", str(WEB)]) == 0
    err = capsys.readouterr().err
    assert re.search(r"跳过：.*sources\.md：不像工作总结", err) and re.search(r"跳过：.*README\.md：不像工作总结", err)


def test_no_chrome_in_titles_headings_or_paragraphs(result):
    for doc in result.documents:
        assert CHROME.search(doc.title) is None, doc.title
        for sec in iter_sections(doc.sections):
            assert sec.heading is None or CHROME.search(sec.heading) is None, (doc.source, sec.heading)
        for _, p in iter_paragraphs(doc.sections):
            assert CHROME.search(p.text) is None, (doc.source, p.line, p.text)


def test_body_text_is_kept_whole(result):
    civil = _doc(result, CIVIL)
    texts = [p.text for _, p in iter_paragraphs(civil.sections)]
    assert texts[0].startswith("2023年，区民政局在区委、区政府的坚强领导下") and texts[0].endswith("现将全年工作总结如下：")
    assert "在五马街道、南郊街道试点“嵌入式”养老服务，探索“物业+养老”新模式。" in texts[2]
    assert texts[-2:] == ["区民政局", "2023年12月26日"]            # the signature, not the footer
    assert [c.marker for c in civil.sections[2].children] == ["一是", "二是", "三是"]
    stats = _doc(result, STATS)
    assert [c.heading for c in stats.sections[1].children] == ["加强组织领导", "做好主动公开", "规范依申请公开", "强化政策解读"]


PDF_PARAGRAPHS = {
    TOWN: [
        "2023年，某某镇在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，"
        "紧扣年初确定的目标任务，统筹推进经济发展、乡村振兴、基层治理和民生保障各项工作，全镇经济社会保持平稳健康发展。"
        "现将有关情况报告如下：",
        "全年完成地区生产总值18.6亿元，同比增长6.2%；完成固定资产投资5.3亿元，同比增长9.1%。"
        "引进亿元以上项目3个，与永嘉县岩头镇共建的产业协作园区一期建成投用。",
        # this paragraph runs over a page break (「- 1 -」)
        "持续巩固拓展脱贫攻坚成果，壮大村级集体经济，推进农村人居环境整治提升。",
    ],
    EMERGENCY: [
        "聚焦危险化学品、工贸、消防等重点行业领域，累计检查企业1260家次，排查整治隐患3586处，立案查处违法行为48起。",
        # the PDF line ends on a closing quote in mid-sentence
        "深入开展“安全生产月”和“防灾减灾日”宣传活动，发放宣传资料2.3万份，培训企业主要负责人和安全管理人员1850人次。",
    ],
}


@pytest.mark.parametrize("name", [TOWN, EMERGENCY])
def test_pdf_line_breaks_are_joined(result, name):
    doc = _doc(result, name)
    texts = [p.text for _, p in iter_paragraphs(doc.sections)]
    for expected in PDF_PARAGRAPHS[name]:
        assert expected in texts
    # every paragraph ends a sentence: no paragraph was cut at a PDF line end
    assert all(re.search(r"[。：；]$", t) for t in texts), [t for t in texts if not re.search(r"[。：；]$", t)]
    assert doc.cleaned.get("hard_wrap", 0) >= 10 and doc.cleaned.get("page_number", 0) >= 1
    # a joined paragraph maps back to the line its text starts on
    first = next(p for _, p in iter_paragraphs(doc.sections))
    assert first.line == doc.start_line + 2


def test_text_that_is_not_hard_wrapped_is_left_alone():
    from drafter.ingest.cleaning import clean_lines
    from drafter.ingest.wraps import wrap_width

    for path in sorted(corpus_dir().glob("*.txt")):
        lines = lines_from_text(path.read_text(encoding="utf-8"))
        clean_lines(lines)
        assert wrap_width(lines) is None, path.name
    # short numbered lines of equal length are a list, not a wrapped paragraph
    items = [f"{i}、加强组织领导，完善工作机制。" for i in range(1, 9)]
    assert wrap_width(lines_from_text("\n".join(items))) is None


def test_web_table_examples():
    from drafter.datafiles import read_table
    from drafter.ingest.screening import not_a_report
    from drafter.ingest.webpage import drop_link_lists
    from drafter.ingest.wraps import join_hard_wraps
    from drafter.paths import data_file

    raw = read_table(data_file("cleaning.yaml"))
    ex = raw["link_lists"]["example"]
    lines = drop_link_lists(lines_from_text("\n".join(ex["before"])))
    assert [ln.text for ln in lines if not ln.blank] == ex["after"]
    ex = raw["hard_wraps"]["example"]
    # the example's two lines, in a file of such lines
    text = "\n".join(ex["before"] * 5)
    joined = [ln.text for ln in join_hard_wraps(lines_from_text(text)) if not ln.blank]
    assert joined == [ex["after"]] * 5
    from drafter.ingest.pipeline import build_document
    from drafter.ingest.splitting import split_documents

    lines = lines_from_text("\n".join(raw["report_check"]["example_not_report"]))
    from drafter.ingest.cleaning import clean_lines

    clean_lines(lines)
    [raw_doc] = split_documents(lines, "sources.md").documents
    assert not_a_report(build_document(raw_doc, "sources.md")) is not None


@pytest.fixture(scope="module")
def web_bank(tmp_path_factory):
    out = tmp_path_factory.mktemp("webbank")
    proc = subprocess.run([sys.executable, "-m", "drafter", "mine", str(WEB), "-o", str(out), "-q"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return out, proc.stdout


def test_mined_bank_has_no_chrome_and_no_names(web_bank):
    out, stdout = web_bank
    assert "总结 5 篇" in stdout and "sources.md" in stdout and "README.md" in stdout
    phrases = []
    for path in out.glob("*.jsonl"):
        phrases += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(phrases) > 40
    for ph in phrases:
        for text in [ph["text"]] + list(ph.get("variants") or []):
            assert CHROME.search(text) is None, text
            assert not any(name in text for name in BODY_NAMES), text


@pytest.mark.parametrize("unit, theme", [
    ("某某县人社局", "年度综合"), ("某某市卫健委", "政务公开"), ("某某街道办事处", "年度综合"),
])
def test_a_draft_from_that_bank_names_no_other_unit(web_bank, tmp_path, unit, theme):
    out, _ = web_bank
    spec = tmp_path / "unit.yaml"
    spec.write_text(f"unit: {unit}\nyear: 2024\ntheme: {theme}\nwith_plan: true\nfigures: {{}}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "drafter", "draft", str(spec), "--bank", str(out), "-o", "-",
                           "--format", "txt"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    draft = proc.stdout
    assert unit in draft
    assert CHROME.search(draft.replace(unit, "")) is None
    assert not any(name in draft for name in BODY_NAMES + ("区民政局", "县财政局", "县统计局", "县应急管理局", "某某镇"))


def test_a_title_without_text_after_a_report_is_skipped_with_a_warning(tmp_path):
    report = (WEB / FINANCE).read_bytes().decode("gbk").replace("\r\n", "\n")
    # a list of other reports' titles under the page, without its 「相关文档」 heading
    tail = "\n\n\n某镇2023年工作总结及2024年工作思路\n乡镇2023年度工作总结范文（通用5篇）\n2023年乡镇工作总结\n"
    (tmp_path / "page.txt").write_text(report + tail, encoding="utf-8")
    res = ingest(tmp_path)
    assert [d.title for d in res.documents] == ["县财政局2023年度工作总结及2024年工作思路"]
    assert res.problems == []
    [warning] = res.warnings
    assert warning.startswith("page.txt：第 ") and "「某镇2023年工作总结及2024年工作思路」不像工作总结" in warning

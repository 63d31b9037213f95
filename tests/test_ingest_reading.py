"""Reading inputs: encodings, .docx with and without heading styles, .md, bad files; data-table examples."""

import re
import subprocess
import sys

import pytest

from conftest import CORPUS
from drafter.errors import InputError
from drafter.ingest.pipeline import ingest
from drafter.ingest.structure import iter_paragraphs

REPORT = """县民政局2024年政务公开工作总结

2024年，县民政局在县委、县政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，现将有关情况总结如下：
一、工作开展情况
（一）加强组织领导。及时调整政务公开工作领导小组，明确专人负责。
（二）做好主动公开。全年主动公开政府信息215条，其中社会救助信息62条。
二、存在问题
一是政策解读形式较为单一。二是基层政务公开还需加强。
三、下一步工作打算
（一）丰富解读形式。采用图解、问答等形式解读政策。
（二）加强业务培训。提升工作人员业务能力。
"""
LABELS = ["opening", "achievements", "problems", "plans"]


def _shape(result):
    return [(d.title, d.canonical_sections(), [p.text for _, p in iter_paragraphs(d.sections)]) for d in result.documents]


@pytest.fixture(scope="module")
def utf8_shape(tmp_path_factory):
    folder = tmp_path_factory.mktemp("utf8")
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    res = ingest(folder)
    assert res.documents[0].canonical_sections() == LABELS
    return _shape(res)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_encodings_read_like_utf8(tmp_path, utf8_shape, encoding):
    (tmp_path / "a.txt").write_bytes(REPORT.replace("\n", "\r\n").encode(encoding))
    res = ingest(tmp_path)
    assert res.problems == []
    assert _shape(res) == utf8_shape


def test_encoding_detected_not_guessed_by_extension(tmp_path, utf8_shape):
    (tmp_path / "a.md").write_bytes(REPORT.encode("gb18030"))
    assert _shape(ingest(tmp_path)) == utf8_shape


def test_markdown_headings(tmp_path):
    md = REPORT.replace("县民政局2024年政务公开工作总结", "# 县民政局2024年政务公开工作总结")
    md = re.sub(r"^(一|二|三)、", r"## \1、", md, flags=re.M)
    (tmp_path / "a.md").write_text(md, encoding="utf-8")
    doc = ingest(tmp_path).documents[0]
    assert doc.title == "县民政局2024年政务公开工作总结"
    assert doc.canonical_sections() == LABELS


def _docx(path, styled: bool, numbered_text: bool = True):
    import docx

    d = docx.Document()
    lines = REPORT.strip().split("\n")
    title, body = lines[0], [ln for ln in lines[1:] if ln.strip()]
    if styled:
        d.add_heading(title, 0)
    else:
        d.add_paragraph(title)
        d.add_paragraph("")
    for ln in body:
        top = re.match(r"^[一二三]、(.*)$", ln)
        if styled and top:
            d.add_heading(ln if numbered_text else top.group(1), 1)
        else:
            d.add_paragraph(ln)
    d.save(str(path))


@pytest.mark.parametrize("styled, numbered_text", [(True, True), (True, False), (False, True)])
def test_docx(tmp_path, styled, numbered_text):
    _docx(tmp_path / "report.docx", styled, numbered_text)
    res = ingest(tmp_path)
    assert res.problems == []
    [doc] = res.documents
    assert doc.title == "县民政局2024年政务公开工作总结"
    assert doc.canonical_sections() == LABELS
    ach = doc.sections[1]
    assert ach.heading == "工作开展情况"
    assert [(c.marker, c.heading) for c in ach.children] == [("（一）", "加强组织领导"), ("（二）", "做好主动公开")]


def test_docx_corpus_with_several_files(tmp_path):
    _docx(tmp_path / "a.docx", True)
    _docx(tmp_path / "b.docx", False)
    (tmp_path / "c.txt").write_bytes(REPORT.encode("gb18030"))
    res = ingest(tmp_path)
    assert [d.source for d in res.documents] == ["a.docx", "b.docx", "c.txt"]
    assert all(d.canonical_sections() == LABELS for d in res.documents)


def test_unreadable_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "broken.docx").write_bytes(b"not a zip file at all")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    res = ingest(tmp_path)
    assert len(res.documents) == 1
    problems = {p.path.split("/")[-1]: p.reason for p in res.problems}
    assert set(problems) == {"binary.txt", "broken.docx", "empty.txt", "image.png"}
    assert "二进制" in problems["binary.txt"] or "文本" in problems["binary.txt"]
    assert "docx" in problems["broken.docx"]
    assert "空" in problems["empty.txt"]
    assert "不支持" in problems["image.png"]
    assert all(re.search(r"[\u4e00-\u9fff]", r) for r in problems.values())


def test_empty_or_missing_folder(tmp_path):
    with pytest.raises(InputError, match="空"):
        ingest(tmp_path)
    with pytest.raises(InputError, match="找不到"):
        ingest(tmp_path / "nope")


# ---------------------------------------------------------------- data tables carry working examples


def test_cleaning_rule_examples():
    from drafter.ingest.cleaning import _apply, load_rules

    for rule in load_rules():
        if rule.example_before is None:
            continue
        text, _ = _apply(rule, rule.example_before)
        assert text == rule.example_after, rule.id


def test_placeholder_examples():
    from drafter.ingest.placeholders import find_placeholders, load_placeholder_rules

    for rule in load_placeholder_rules():
        assert rule.mark in find_placeholders(rule.example), rule.mark
    assert find_placeholders("全年主动公开政府信息215条，其中社会救助信息62条。") == []
    assert find_placeholders("发布日期、文号，明确责任到人，做好公开事项。") == []


def test_paraphrase_examples_flagged_and_clean_text_not():
    import yaml

    from drafter.ingest.paraphrase import is_paraphrased, score_texts
    from drafter.paths import data_file

    raw = yaml.safe_load(data_file("paraphrase.yaml").read_text(encoding="utf-8"))
    strong = [t["example"] for t in raw["tells"] if t.get("weight", 1) >= 0.8]
    assert all(is_paraphrased(s) for s in score_texts(strong))
    clean = [ln for ln in REPORT.splitlines() if ln.strip()]
    assert not any(is_paraphrased(s) for s in score_texts(clean))


def test_section_rule_examples():
    import yaml

    from drafter.ingest.structure import heading_rule_label
    from drafter.paths import data_file

    raw = yaml.safe_load(data_file("sections.yaml").read_text(encoding="utf-8"))
    for rule in raw["heading_rules"]:
        for ex in rule["examples"]:
            assert heading_rule_label(ex) == rule["label"], (rule["id"], ex)
    from drafter.ingest.sections import _plan_only_title

    assert all(_plan_only_title(ex) for ex in raw["plan_only_title_examples"])
    assert not any(_plan_only_title(t) for t in ("区司法局2023年工作总结及2024年工作思路", "2024年重点工作完成情况"))


def test_ingest_loads_no_mining_library():
    # the whole shipped corpus, section classifier included (a stored table, pure Python);
    # scikit-learn is imported only by the table's generator (classifier.fit)
    code = (
        "import sys\n"
        "from drafter.ingest.pipeline import ingest\n"
        "from drafter.profile import infer_profile\n"
        "infer_profile('XX县民政局', title='县民政局2024年政务公开工作总结')\n"
        f"docs = ingest({str(CORPUS)!r}).documents\n"
        "assert any(s.rule == 'classifier' for d in docs for s in d.sections)\n"
        "bad = [m for m in ('sklearn', 'jieba', 'scipy', 'numpy') if m in sys.modules]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr

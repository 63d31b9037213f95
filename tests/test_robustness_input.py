"""Issue 13, input: templates, terminal escapes, links, encodings, many issues,
and the user mistakes that used to end as 「程序缺陷」 (rc 3).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURE_BANK, cli_env, docx_text, refused, snapshot, write
from conftest import drafter_cli as drafter

GOOD = """\
unit: 某某县民政局
year: 2026
theme: 政务公开
figures:
  主动公开信息数: 1530
highlights:
  - 建成社会救助信息公开专栏
seed: 7
"""

REPORT = """某某县民政局2023年政务公开工作总结

2023年，我局在县委、县政府的正确领导下，扎实推进政务公开工作。现将有关情况总结如下：
一、工作完成情况
（一）加强组织领导
全年主动公开政府信息1530条，及时更新社会救助政策专栏。
（二）规范依申请公开
全年办理依申请公开12件，按期办结率100%。
二、存在问题
一是公开内容不够全面，二是解读形式较为单一。
三、下一步工作打算
进一步完善公开目录，加强政策解读，提升公开质量。
"""


# ---------------------------------------------------------------- the template loader


def _template(tmp_path: Path, body: str, name: str = "t.j2") -> None:
    write(tmp_path / "f.yaml", GOOD)
    write(tmp_path / name, "@title {{ unit }}\n" + body + "\n")


@pytest.mark.parametrize("include", ["'.hidden/id_rsa'", "'../secret.j2'", "'secret.txt'", "'/etc/hostname'"])
def test_template_cannot_include_other_files(tmp_path, include):
    work = tmp_path / "w"
    (work / ".hidden").mkdir(parents=True)
    write(work / ".hidden" / "id_rsa", "PRIVATE-KEY-MATERIAL")
    write(work / "secret.txt", "PRIVATE-KEY-MATERIAL")
    write(tmp_path / "secret.j2", "PRIVATE-KEY-MATERIAL")
    _template(work, "{% include " + include + " %}")
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--template", "t.j2", "--no-check", cwd=work)
    refused(r, "t.j2", "第 2 行")
    assert "PRIVATE-KEY-MATERIAL" not in r.err + r.out
    assert not (work / "o.docx").exists()


def test_template_may_include_j2_beside_it_and_extend_the_shipped_base(tmp_path):
    write(tmp_path / "part.j2", "本单位自己的一段话。\n")
    _template(tmp_path, "{% include 'part.j2' %}")
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--template", "t.j2", "--no-check", cwd=tmp_path)
    assert r.rc == 0, r.err
    assert "本单位自己的一段话。" in docx_text(tmp_path / "o.docx")
    shipped = Path(__file__).resolve().parent.parent / "templates" / "政务公开工作总结.j2"
    shutil.copy(shipped, tmp_path / "mine.j2")
    r = drafter("draft", "f.yaml", "-o", "o2.docx", "--template", "mine.j2", "--no-check", cwd=tmp_path)
    assert r.rc == 0, r.err


@pytest.mark.parametrize("body, needle", [
    ("{{ 'a' * 10**9 }}", "过长"),
    ("{{ ['x'] * 10**8 }}", "过长"),
    ("{{ 10 ** 100000 }}", "指数"),
    ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "递归"),
    ("{% for i in range(99999) %}{% for j in range(99) %}xxxxxxxxxx{% endfor %}{% endfor %}", "过长"),
])
def test_template_resource_limits(tmp_path, body, needle):
    _template(tmp_path, body)
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--template", "t.j2", "--no-check", cwd=tmp_path)
    refused(r, "t.j2", needle)
    assert not (tmp_path / "o.docx").exists()


def test_template_render_time_is_bounded(tmp_path, monkeypatch):
    from drafter import templating

    monkeypatch.setattr(templating, "MAX_RENDER_SECONDS", 0.3)
    _template(tmp_path, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--template", "t.j2", "--no-check", cwd=tmp_path)
    refused(r, "t.j2", "秒")
    assert not (tmp_path / "o.docx").exists()


def test_template_include_that_is_not_utf8(tmp_path):
    (tmp_path / "part.j2").write_bytes("第一行\n".encode("utf-8") + "本单位".encode("gb18030"))
    _template(tmp_path, "{% include 'part.j2' %}")
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--template", "t.j2", "--no-check", cwd=tmp_path)
    refused(r, "part.j2", "UTF-8", "第 2 行")


# ---------------------------------------------------------------- terminal escapes


ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x00\x9b31m"


def _no_escapes(text: str) -> None:
    for ch in ("\x1b", "\x07", "\x00", "\x9b"):
        assert ch not in text, repr(text)


def test_escape_sequences_never_reach_the_terminal_draft(tmp_path):
    # quoted YAML escapes: the file itself is clean text, the value holds ESC, BEL, NUL, CSI
    key = json.dumps("未知" + ESCAPES + "键")
    write(tmp_path / "f.yaml", GOOD + f"{key}: 1\nfigures2: {{{key}: 2}}\n")
    r = drafter("draft", "f.yaml", "-o", "o.docx", cwd=tmp_path)
    refused(r, "f.yaml")
    _no_escapes(r.err + r.out)
    assert "\\x1b" in r.err                    # shown, not obeyed


def test_escape_sequences_never_reach_the_terminal_bulk(tmp_path):
    unit = json.dumps("某某县" + ESCAPES + "民政局")
    key = json.dumps("数据" + ESCAPES)
    write(tmp_path / "u.yaml", f"defaults:\n  year: 2026\nunits:\n  - unit: {unit}\n    figures:\n      {key}: 3\n"
                               f"  - unit: 某某县统计局\n    theme: 政务公开\n")
    r = drafter("bulk", "u.yaml", "-o", "out", "--no-check", cwd=tmp_path)
    assert "Traceback" not in r.err
    _no_escapes(r.err + r.out)
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1       # the broken unit did not stop the other


def test_for_terminal_is_the_one_cleaner():
    from drafter.errors import DrafterError
    from drafter.textutil import for_terminal

    assert for_terminal("甲\x1b[2J乙\n丙\t丁\u202e") == "甲\\x1b[2J乙\n丙\t丁\\u202e"
    _no_escapes(str(DrafterError("单位" + ESCAPES, hint="键" + ESCAPES)))


# ---------------------------------------------------------------- corpus links


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_corpus_link_leaving_the_folder_is_skipped(tmp_path):
    from drafter.ingest.pipeline import ingest

    (tmp_path / "outside").mkdir()
    outside = write(tmp_path / "outside" / "secret.txt", REPORT.replace("某某县民政局", "机密局"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / "a.txt", REPORT)
    os.symlink(outside, corpus / "x.txt")
    os.symlink(corpus / "a.txt", corpus / "inside.txt")       # a link within the folder is fine
    result = ingest(corpus)
    assert sorted(Path(f).name for f in result.files) == ["a.txt", "inside.txt"]
    assert [Path(p.path).name for p in result.problems] == ["x.txt"]
    assert "语料文件夹之外" in result.problems[0].reason
    assert not any("机密局" in d.title for d in result.documents)
    r = drafter("corpus", "corpus", cwd=tmp_path)
    assert r.rc == 0 and "Traceback" not in r.err, r.err
    assert "x.txt" in r.out + r.err and "机密局" not in r.out


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_figures_file_with_and_without_bom(tmp_path, encoding):
    write(tmp_path / "f.yaml", GOOD, encoding=encoding)
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--no-check", cwd=tmp_path)
    assert r.rc == 0, r.err
    assert docx_text(tmp_path / "o.docx").startswith("某某县民政局2026年")


@pytest.mark.parametrize("encoding, text", [
    ("utf-16-le", REPORT), ("utf-16-be", REPORT), ("gb18030", REPORT),
    ("big5", REPORT.replace("县", "縣").replace("总结", "總結").replace("领导", "領導").replace("开", "開")
     .replace("务", "務").replace("门", "門").replace("问题", "問題").replace("进", "進").replace("处", "處")),
])
def test_corpus_txt_in_other_encodings(tmp_path, encoding, text):
    from drafter.ingest.reading import read_source

    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:      # characters Big5 lacks: keep the test honest about what it reads
        data = text.encode(encoding, "ignore")
    (tmp_path / "r.txt").write_bytes(data)
    src = read_source(tmp_path / "r.txt")
    assert src.text.replace("\r\n", "\n") == data.decode(encoding).replace("\r\n", "\n")
    assert "2023年" in src.text and "1530" in src.text and src.encoding.replace("_", "-").startswith(encoding[:5])


def test_binary_with_nuls_is_still_refused(tmp_path):
    from drafter.textutil import DecodeError, decode_text

    for data in (bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(2000), os.urandom(4096)):
        with pytest.raises(DecodeError):
            decode_text(data)


# ---------------------------------------------------------------- many issues


def test_thousands_of_issues_are_counted_not_all_printed(tmp_path):
    n = 3_000
    body = "".join(f"  未知数据项{i}: {i}\n" for i in range(n))
    write(tmp_path / "f.yaml", "unit: 某某县民政局\nyear: 2026\nfigures:\n" + body)
    r = drafter("draft", "f.yaml", "-o", "o.docx", cwd=tmp_path)
    refused(r, "f.yaml", f"另有 {n - 50} 处")
    listed = [ln for ln in r.err.splitlines() if ln.startswith("f.yaml，")]
    assert len(listed) == 50
    assert "第 4 行" in listed[0] and "未知数据项0" in listed[0]      # first by line, each its own line
    assert "第 53 行" in listed[-1]


def test_bulk_error_in_a_cleaned_key_points_to_its_own_line(tmp_path):
    write(tmp_path / "u.yaml", "defaults:\n  year: 2026\nunits:\n  - unit: 某某县民政局\n    figures:\n"
                               "      主动公开信息数: 1\n      \"未知\\u200b数据\": 3\n")
    r = drafter("bulk", "u.yaml", "-o", "out", "--no-check", cwd=tmp_path)
    assert "第 7 行" in r.err and "未知数据" in r.err, r.err


def test_a_big_file_without_aliases_is_not_blamed_on_aliases(tmp_path, monkeypatch):
    from drafter.figures import yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_EXPANDED_NODES", 2000)   # the file is big as written, not by aliases
    body = "".join(f"  k{i}: 1\n" for i in range(2100))
    write(tmp_path / "f.yaml", "unit: 某某县民政局\nfigures:\n" + body)
    r = drafter("draft", "f.yaml", "-o", "o.docx", cwd=tmp_path)
    refused(r, "f.yaml", "内容过多")
    assert "别名" not in r.err
    write(tmp_path / "bomb.yaml", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                                  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nunit: x\n")
    r = drafter("draft", "bomb.yaml", "-o", "o.docx", cwd=tmp_path)
    refused(r, "bomb.yaml", "别名")


# ---------------------------------------------------------------- former 「程序缺陷」


@pytest.mark.parametrize("extra, line", [("2026: 数据\n", "第 9 行"), ("true: 是\n", "第 9 行"),
                                         ("null: 空\n", "第 9 行")])
def test_non_text_top_level_key_gets_a_chinese_message(tmp_path, extra, line):
    write(tmp_path / "f.yaml", GOOD + extra)
    r = drafter("draft", "f.yaml", "-o", "o.docx", cwd=tmp_path)
    refused(r, "f.yaml", "键名", "应为文字", line)
    assert "Keys should be strings" not in r.err


@pytest.mark.parametrize("value", [12345, ["a"], {"a": 1}, None])
def test_bank_phrase_text_that_is_not_a_string(tmp_path, value):
    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, bank)
    path = bank / "achievements.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["text"] = value
    lines[0] = json.dumps(first, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--bank", "bank", cwd=tmp_path)
    refused(r, "achievements.jsonl", "第 1 行", "text")


@pytest.mark.parametrize("outline", [
    "fallback: [1, 2]",
    "avoid: '('",
    "skeletons: [1]",
    "min_subsections: abc",
])
def test_user_outline_of_the_wrong_shape(tmp_path, outline):
    shipped = Path(__file__).resolve().parent.parent / "templates" / "政务公开工作总结.j2"
    shutil.copy(shipped, tmp_path / "t.j2")
    write(tmp_path / "outline.yaml", "themes: {政务公开: [{key: 组织领导}]}\n" + outline + "\n")
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--template", "t.j2", "--no-check", cwd=tmp_path)
    refused(r, "outline.yaml")


def test_jieba_never_prints_its_own_traceback(tmp_path):
    """jieba's cache cannot be written: mining goes on silently (the cache only saves time)."""
    blocker = write(tmp_path / "not-a-folder", "x")
    code = (
        "import sys, jieba\n"
        "from drafter.mining.entities import _jieba\n"
        f"jieba.dt.tmp_dir = {str(blocker)!r}\n"
        "j = _jieba(); j.dt.check_initialized()\n"
        "print(len(j.lcut('某某县民政局全面推进政务公开')))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], env=cli_env(None, XDG_CACHE_HOME=str(tmp_path / "cache")),
                       capture_output=True, timeout=120)
    err = p.stderr.decode("utf-8", "replace")
    assert p.returncode == 0 and "Traceback" not in err and "Dump cache file failed" not in err, err


def test_jieba_cache_lives_in_the_users_cache_folder(tmp_path, monkeypatch):
    from drafter.mining.entities import _cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert _cache_dir() == str(tmp_path / "cache" / "drafter")
    monkeypatch.setenv("XDG_CACHE_HOME", str(write(tmp_path / "file", "x")))
    assert _cache_dir() is None          # no cache folder: jieba's default, never a crash


def test_mine_output_that_is_a_file_is_refused_at_once(tmp_path):
    write(tmp_path / "bank", "a file")
    r = drafter("mine", str(CORPUS), "-o", "bank", cwd=tmp_path)
    refused(r, "bank", "不是文件夹")
    assert "[挖掘]" not in r.err
    assert snapshot(tmp_path) == {"bank": snapshot(tmp_path)["bank"]}


def test_corpus_file_names_with_escapes_are_shown_not_obeyed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus / "a.txt", REPORT)
    (corpus / "b\x1b]0;pwned\x07.doc").write_bytes(b"x")
    r = drafter("corpus", "corpus", cwd=tmp_path)
    assert r.rc == 0, r.err
    _no_escapes(r.out + r.err)
    assert "\\x1b]0;pwned\\x07.doc" in r.err


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "gb18030"])
def test_check_reads_a_text_draft_in_any_chinese_encoding(tmp_path, encoding):
    write(tmp_path / "d.txt", REPORT, encoding=encoding)
    r = drafter("check", "d.txt", cwd=tmp_path)
    assert "Traceback" not in r.err and "编码" not in r.err and "不是文本文件" not in r.err, r.err
    assert r.rc in (0, 1), r.err


def test_a_file_of_too_many_lines_is_refused_before_parsing(tmp_path, monkeypatch):
    from drafter.figures import yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_FIGURES_LINES", 100)
    parsed = []
    monkeypatch.setattr(yamlsafe, "_Loader", lambda *a: parsed.append(a))
    write(tmp_path / "f.yaml", "unit: 某某县民政局\nfigures:\n" + "".join(f"  k{i}: 1\n" for i in range(150)))
    r = drafter("draft", "f.yaml", "-o", "o.docx", cwd=tmp_path)
    refused(r, "f.yaml", "内容过多", "152 行")
    assert parsed == []

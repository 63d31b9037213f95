"""What users will do wrong, run through the real CLI (a subprocess each).

Every case must end with a clear Chinese message that names the file (and the
key or line where there is one), a non-zero exit, no traceback and no internal
error, and must lose nothing: no partial or temporary files, existing files
untouched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import FIXTURE_BANK, Run, cli_env, docx_text, snapshot, write
from conftest import drafter_cli as drafter

GOOD = """\
unit: 某某县民政局
year: 2026
theme: 政务公开
figures:
  主动公开信息数: 1530
  依申请公开件数: 12
  依申请办结件数: 12
highlights:
  - 建成社会救助信息公开专栏
seed: 7
"""


def assert_refused(r: Run, *needles: str) -> None:
    """A clean refusal: non-zero exit, Chinese message, no traceback."""
    assert r.rc != 0, (r.out, r.err)
    assert "Traceback" not in r.err and "Traceback" not in r.out, r.err
    assert "内部错误" not in r.err, r.err
    assert "错误" in r.err, r.err
    for n in needles:
        assert n in r.err, (n, r.err)


def assert_no_crash(r: Run) -> None:
    assert "Traceback" not in r.err and "内部错误" not in r.err, r.err


def draft_fails(tmp_path: Path, text: str, *needles: str, name: str = "f.yaml") -> Run:
    """Draft a figures file that must be refused; nothing may be written."""
    write(tmp_path / name, text)
    before = snapshot(tmp_path)
    r = drafter("draft", name, "-o", "out.docx", cwd=tmp_path)
    assert_refused(r, name, *needles)
    assert snapshot(tmp_path) == before
    return r


# ---------------------------------------------------------------- YAML itself


@pytest.mark.parametrize("text, line", [
    ("unit: 某某县民政局\nfigures:\n  主动公开信息数: [3\n  依申请公开件数: 1\n", "行"),
    ("unit: 某某县民政局\nfigures:\n\t主动公开信息数: 3\n", "第 3 行"),
    ("unit: 某某县民政局\nhighlights:\n  - \"没有结束的引号\n", "行"),
    ("unit: 某某县民政局\n  year: 2026\n", "第 2 行"),
])
def test_malformed_yaml_names_file_and_line(tmp_path, text, line):
    r = draft_fails(tmp_path, text, "YAML", line)
    assert "第" in r.err and "行" in r.err


def test_real_process_prints_no_traceback(tmp_path):
    write(tmp_path / "f.yaml", "unit: 某某县民政局\nfigures:\n  主动公开信息数: [3\n  x: 1\n")
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path, subprocess_=True)
    assert_refused(r, "f.yaml", "YAML", "行")
    assert r.err.startswith("错误：") and r.out == ""
    assert sorted(snapshot(tmp_path)) == ["f.yaml"]


def test_console_that_cannot_show_emoji(tmp_path):
    # a GBK console (Chinese Windows) and an emoji in the unit name: the draft is
    # written and reported, not an internal error after the file exists
    write(tmp_path / "f.yaml", "unit: 某某县民政局😀\n")
    env = cli_env(FIXTURE_BANK, PYTHONIOENCODING="gbk")
    p = subprocess.run([sys.executable, "-m", "drafter", "draft", "f.yaml", "-o", "out😀.docx"],
                       cwd=tmp_path, env=env, capture_output=True, timeout=60)
    err = p.stderr.decode("gbk", "replace")
    assert p.returncode == 0, err
    assert "Traceback" not in err and "内部错误" not in err
    assert "已生成初稿".encode("gbk") in p.stdout
    assert docx_text(tmp_path / "out😀.docx").startswith("某某县民政局😀2026年")


def test_raw_control_character_in_file_is_refused_with_line(tmp_path):
    draft_fails(tmp_path, "unit: 某某县民政局\nhighlights:\n  - 建成\x07专栏\n", "第 3 行")


def test_alias_bomb_rejected_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("unit: *l")
    write(tmp_path / "f.yaml", "\n".join(lines) + "\n")
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path, subprocess_=True)
    assert_refused(r, "f.yaml", "别名")
    assert sorted(snapshot(tmp_path)) == ["f.yaml"]


def test_deep_nesting_is_refused(tmp_path):
    draft_fails(tmp_path, "unit: 某某县民政局\nhighlights: " + "[" * 5000 + "]" * 5000 + "\n")


def test_empty_and_non_mapping_files(tmp_path):
    draft_fails(tmp_path, "", "空")
    draft_fails(tmp_path, "# 只有注释\n", "空")
    draft_fails(tmp_path, "- 某某县民政局\n- 2026\n", "键值对")
    draft_fails(tmp_path, "某某县民政局\n", "键值对")


def test_binary_file_is_refused(tmp_path):
    (tmp_path / "f.yaml").write_bytes(b"PK\x03\x04\x00\x00binary\x00\x01")
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path)
    assert_refused(r, "f.yaml", "文本")
    assert not (tmp_path / "out.docx").exists()


# ---------------------------------------------------------------- wrong content


@pytest.mark.parametrize("text, needles", [
    ("unit: 某某县民政局\nyear: [2026]\n", ("第 2 行", "year", "年份")),
    ("unit: 某某县民政局\nwith_plan: 也许\n", ("第 2 行", "with_plan", "true 或 false")),
    ("unit: 某某县民政局\nfigures: [1, 2]\n", ("第 2 行", "figures")),
    ("unit: 某某县民政局\nfigures: 1530\n", ("第 2 行", "figures")),
    ("unit: 某某县民政局\nhighlights: {a: 1}\n", ("第 2 行", "highlights", "列表")),
    ("unit: 某某县民政局\nseed: 七\n", ("第 2 行", "seed", "整数")),
    ("unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息数: 很多\n", ("第 4 行", "主动公开信息数", "不是数值")),
    ("unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息数: [1530]\n", ("第 4 行", "主动公开信息数")),
    ("unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息数: true\n", ("第 4 行", "主动公开信息数")),
    ("unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息数: 15.5\n", ("第 4 行", "整数")),
    ("unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息数:\n", ("第 4 行", "没有填")),
    ("unit: 某某县民政局\nsignature: {date: 明年}\n", ("第 2 行", "日期")),
    ("unit: 某某县民政局\nsignature: {name: 某某县民政局, data: 2026-12-20}\n", ("第 2 行", "data", "date")),
    ("unit: 某某县民政局\ntheme: 党建\n", ("第 2 行", "总结类别")),
    ("unit: 某某县民政局\nlevel: 省\n", ("第 2 行", "层级")),
    ("unit: 某某县民政局\nyaer: 2026\n", ("第 2 行", "yaer", "year")),
    ("unit: 某某县民政局\nproblems: 3\n", ("第 2 行", "problems")),
])
def test_wrong_types_name_key_and_line(tmp_path, text, needles):
    draft_fails(tmp_path, text, "某某县民政局", *needles)


@pytest.mark.parametrize("text", [
    "year: 2026\ntheme: 政务公开\n",
    "unit:\nyear: 2026\n",
    "unit: ''\nyear: 2026\n",
    "unit: \"\\x01\\t \"\nyear: 2026\n",
])
def test_missing_unit_name(tmp_path, text):
    draft_fails(tmp_path, text, "单位名称")


@pytest.mark.parametrize("unit", ["..", "/", "::", "12345"])
def test_unit_name_without_any_words_is_refused(tmp_path, unit):
    draft_fails(tmp_path, f"unit: '{unit}'\n", "单位名称")


def test_unknown_slot_suggests_nearest_names(tmp_path):
    r = draft_fails(tmp_path, "unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息: 1530\n  依申请件数: 3\n",
                    "第 4 行", "主动公开信息", "主动公开信息数", "第 5 行", "依申请公开件数")
    assert "未知的数据项" in r.err and "是否想写" in r.err


@pytest.mark.parametrize("value, needle", [
    ("-1", "负数"),
    ("-0.5", "整数"),
    ("1000000000000000", "超出合理范围"),
    ("1e400", "不是数值"),
    (".inf", "不是数值"),
    ("-.inf", "不是数值"),
    (".nan", "不是数值"),
    ("9" * 5000, "大"),
    ('"' + "9" * 5000 + '"', "大"),
    ('"1,530,000,000,000,000"', "超出合理范围"),
])
def test_negative_and_huge_numbers(tmp_path, value, needle):
    r = draft_fails(tmp_path, f"unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息数: {value}\n",
                    "第 4 行", "主动公开信息数", needle)
    assert len(r.err) < 2000, "a huge value must not be echoed in full"


@pytest.mark.parametrize("slot, value", [
    ("产业帮扶资金", ".nan"), ("产业帮扶资金", "-3.5"), ("产业帮扶资金", "1e13"),
    ("依申请办结率", ".nan"), ("依申请办结率", "-1"),
])
def test_decimal_and_percent_out_of_range(tmp_path, slot, value):
    draft_fails(tmp_path, f"unit: 某某县民政局\nfigures:\n  {slot}: {value}\n", "第 3 行", slot)


@pytest.mark.parametrize("value", ["120", "100.1", "'120%'", "'１２０％'"])
def test_percent_over_100(tmp_path, value):
    draft_fails(tmp_path, f"unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  依申请办结率: {value}\n",
                "第 4 行", "依申请办结率", "100%")


def test_percent_sign_on_a_count(tmp_path):
    draft_fails(tmp_path, "unit: 某某县民政局\nfigures:\n  主动公开信息数: 50%\n", "第 3 行", "百分")


def test_part_larger_than_whole(tmp_path):
    draft_fails(tmp_path, "unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  依申请公开件数: 12\n  依申请办结件数: 13\n",
                "第 5 行", "依申请办结件数", "不能大于", "依申请公开件数")


@pytest.mark.parametrize("year", ["abc", "26", "2026.5", "二〇二六", "'20 26'", "-2026", "99999"])
def test_year_that_is_not_a_year(tmp_path, year):
    draft_fails(tmp_path, f"unit: 某某县民政局\nyear: {year}\n", "第 2 行", "year", "年份")


def test_every_problem_is_listed_at_once(tmp_path):
    r = draft_fails(tmp_path, "unit: 某某县民政局\nyear: abc\ntheme: 政务公开\nfigures:\n"
                              "  主动公开信息数: -1\n  依申请办结率: 120\n", "第 2 行", "第 5 行", "第 6 行")
    assert "3 处错误" in r.err


def test_duplicate_key(tmp_path):
    draft_fails(tmp_path, "unit: 某某县民政局\nfigures:\n  主动公开信息数: 1\n  主动公开信息数: 2\n", "第 4 行", "重复")


# ---------------------------------------------------------------- text content


def test_control_characters_and_emoji_are_cleaned(tmp_path):
    # escapes in double-quoted YAML carry what a raw file cannot: C0/C1 controls,
    # a lone surrogate, noncharacters, bidi overrides, zero-width spaces, NEL
    write(tmp_path / "f.yaml",
          'unit: "某某县民政局\\u200b"\ntheme: 政务公开\n'
          'figures:\n  主动公开信息数: 1530\n'
          'highlights:\n'
          '  - "建成😀信息公开专栏\\x01\\x85\\x9f\\u202e，群众\\uD800办事\\uFFFE更方便\\uFFFF"\n'
          '  - "开通🏛️政务服务\\ttab\\r\\n换行"\n'
          'signature: {name: "某某县民政局\\x00"}\n')
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path)
    assert r.rc == 0 and "已生成初稿" in r.out, r.err
    assert_no_crash(r)
    text = docx_text(tmp_path / "out.docx")
    assert "建成😀信息公开专栏 ，群众办事更方便" in text  # NEL is a line break: one space
    assert "开通🏛️政务服务 tab 换行" in text
    for bad in ("\x01", "\x85", "\x9f", "\u202e", "\ufffe", "\uffff", "\u200b", "\x00"):
        assert bad not in text
    assert text.splitlines()[0].startswith("某某县民政局2026年")


def test_weird_key_names_do_not_crash(tmp_path):
    r = draft_fails(tmp_path, 'unit: 某某县民政局\n"\\uD800": 1\n"😀": 2\n', "未知的键", "第 3 行")
    assert "Input should" not in r.err


def test_template_syntax_in_highlights_stays_literal(tmp_path):
    write(tmp_path / "f.yaml",
          "unit: 某某县民政局\ntheme: 政务公开\nfigures:\n  主动公开信息数: 1530\nhighlights:\n"
          "  - '开展“{{ x }}”专项行动'\n  - '建立{% if %}机制{% endif %}和{#注释#}制度'\n"
          "  - '推行{主动公开信息数}和{0}清单'\n"
          "signature: {name: '{{ unit }}办公室'}\n")
    r = drafter("draft", "f.yaml", "-o", "out.md", cwd=tmp_path)
    assert r.rc == 0, r.err
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "开展“{{ x }}”专项行动" in text
    assert "建立{% if %}机制{% endif %}和{#注释#}制度" in text
    assert "推行{主动公开信息数}和{0}清单" in text
    assert "{{ unit }}办公室" in text


def test_template_syntax_in_unit_name_stays_literal(tmp_path):
    write(tmp_path / "f.yaml", "unit: '{{ x }}某某县民政局'\ntheme: 政务公开\n")
    r = drafter("draft", "f.yaml", "-o", "-", cwd=tmp_path)
    assert r.rc == 0, r.err
    assert "{{ x }}某某县民政局2026年" in r.out or "{{ x }}某某县民政局" in r.out.splitlines()[0]
    assert "{{" in r.out


def test_very_long_highlight_is_refused(tmp_path):
    draft_fails(tmp_path, "unit: 某某县民政局\nhighlights:\n  - " + "长" * 3000 + "\n", "第 3 行", "过长")


def test_gbk_figures_file_is_read(tmp_path):
    write(tmp_path / "f.yaml", GOOD, encoding="gbk")
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path)
    assert r.rc == 0, r.err
    text = docx_text(tmp_path / "out.docx")
    assert text.startswith("某某县民政局2026年") and "1530" in text and "建成社会救助信息公开专栏" in text


def test_utf16_file_is_read_or_clearly_refused(tmp_path):
    write(tmp_path / "f.yaml", GOOD, encoding="utf-16")
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path)
    assert_no_crash(r)
    if r.rc == 0:
        assert docx_text(tmp_path / "out.docx").startswith("某某县民政局")
    else:
        assert_refused(r, "f.yaml")
        assert not (tmp_path / "out.docx").exists()


def test_utf8_bom_is_accepted(tmp_path):
    (tmp_path / "f.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path)
    assert r.rc == 0, r.err
    assert docx_text(tmp_path / "out.docx").startswith("某某县民政局2026年")


# ---------------------------------------------------------------- files and folders


def test_missing_figures_file(tmp_path):
    r = drafter("draft", "nope.yaml", "-o", "out.docx", cwd=tmp_path)
    assert_refused(r, "nope.yaml", "找不到")
    assert snapshot(tmp_path) == {}


def test_figures_path_is_a_folder(tmp_path):
    (tmp_path / "d.yaml").mkdir()
    r = drafter("draft", "d.yaml", "-o", "out.docx", cwd=tmp_path)
    assert_refused(r, "d.yaml", "文件夹")


def test_existing_output_refused_then_forced(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    (tmp_path / "out.docx").write_bytes(b"my own edits")
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path)
    assert_refused(r, "out.docx", "已存在", "--force")
    assert (tmp_path / "out.docx").read_bytes() == b"my own edits"
    assert sorted(snapshot(tmp_path)) == ["f.yaml", "out.docx"]

    r = drafter("draft", "f.yaml", "-o", "out.docx", "--force", cwd=tmp_path)
    assert r.rc == 0, r.err
    assert "某某县民政局2026年" in docx_text(tmp_path / "out.docx")
    assert sorted(snapshot(tmp_path)) == ["f.yaml", "out.docx"]


def test_existing_default_output_name_refused(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", cwd=tmp_path)
    assert r.rc == 0, r.err
    before = snapshot(tmp_path)
    r = drafter("draft", "f.yaml", cwd=tmp_path)
    assert_refused(r, "已存在")
    assert snapshot(tmp_path) == before


def test_output_is_an_existing_folder(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    (tmp_path / "out.docx").mkdir()
    for extra in ([], ["--force"]):
        r = drafter("draft", "f.yaml", "-o", "out.docx", *extra, cwd=tmp_path)
        assert_refused(r, "out.docx", "文件夹")
        assert (tmp_path / "out.docx").is_dir() and not any((tmp_path / "out.docx").iterdir())
    assert sorted(snapshot(tmp_path)) == ["f.yaml"]


def test_output_below_a_file(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    write(tmp_path / "notes.txt", "x")
    before = snapshot(tmp_path)
    r = drafter("draft", "f.yaml", "-o", "notes.txt/out.docx", cwd=tmp_path)
    assert_refused(r, "notes.txt")
    assert snapshot(tmp_path) == before


@pytest.fixture
def read_only_dir(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    if os.access(d, os.W_OK):
        d.chmod(0o700)
        pytest.skip("running as root: chmod does not stop writing")
    yield d
    d.chmod(0o700)


def test_output_folder_not_writable_draft(tmp_path, read_only_dir):
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", "-o", "ro/out.docx", cwd=tmp_path)
    assert_refused(r, "ro")
    assert list(read_only_dir.iterdir()) == []


def test_output_folder_not_writable_bulk(tmp_path, read_only_dir):
    write(tmp_path / "units.yaml", "units:\n  - unit: 某某县民政局\n  - unit: 某某县财政局\n")
    r = drafter("bulk", "units.yaml", "-o", "ro", cwd=tmp_path)
    assert_refused(r, "ro", "不可写")
    assert list(read_only_dir.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/sys").is_dir(), reason="needs Linux /proc")
def test_output_folder_not_writable_even_for_root(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    write(tmp_path / "units.yaml", "units:\n  - unit: 某某县民政局\n")
    before = snapshot(tmp_path)
    r = drafter("draft", "f.yaml", "-o", "/proc/sys/drafter-test.docx", cwd=tmp_path)
    assert_refused(r, "/proc/sys")
    r = drafter("bulk", "units.yaml", "-o", "/proc/sys", cwd=tmp_path)
    assert_refused(r, "/proc/sys", "不可写")
    assert snapshot(tmp_path) == before


def test_draft_to_stdout(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", "-o", "-", cwd=tmp_path, subprocess_=True)
    assert r.rc == 0 and r.err == "", r.err
    assert r.out.startswith("# 某某县民政局2026年") and "1530" in r.out
    assert sorted(snapshot(tmp_path)) == ["f.yaml"]
    r = drafter("draft", "f.yaml", "-o", "-", "--format", "txt", cwd=tmp_path)
    assert r.rc == 0 and r.out.lstrip("\u3000 ").startswith("某某县民政局2026年"), r.err
    r = drafter("draft", "f.yaml", "-o", "-", "--format", "docx", cwd=tmp_path)
    assert_refused(r, "docx")
    assert sorted(snapshot(tmp_path)) == ["f.yaml"]


def test_bad_seed_option_is_an_argparse_error(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", "--seed", "abc", cwd=tmp_path)
    assert r.rc == 2 and "Traceback" not in r.err
    assert sorted(snapshot(tmp_path)) == ["f.yaml"]


@pytest.mark.parametrize("unit", ["某某县/民政局", "某某县..民政局", "../../某某县民政局", "某某县:民政局",
                                  "C:\\某某县民政局", "某某县*民政局?<>|"])
def test_draft_default_name_for_unit_with_path_characters(tmp_path, unit):
    (tmp_path / "work").mkdir()
    write(tmp_path / "work" / "f.yaml", f"unit: '{unit}'\ntheme: 政务公开\n")
    r = drafter("draft", "f.yaml", "--no-check", cwd=tmp_path / "work")     # the file name is the point
    assert r.rc == 0, r.err
    files = sorted(snapshot(tmp_path))
    assert len(files) == 2 and all(f.startswith("work" + os.sep) for f in files), files
    made = next(f for f in files if f.endswith(".docx"))
    name = made.split(os.sep, 1)[1]
    assert not any(c in name for c in '/\\:*?"<>|') and not name.startswith(".")
    assert docx_text(tmp_path / made).startswith(unit.strip())


# ---------------------------------------------------------------- bulk


def files_in(d: Path) -> list[str]:
    return sorted(p.name for p in d.iterdir()) if d.exists() else []


def test_bulk_unit_names_cannot_escape_dir(tmp_path):
    long = "某" * 196 + "县民政局"
    names = ["某某县/民政局", "../../某某县财政局", "某某县:C:\\人社局", long, "某某县..司法局", "/etc/某某县教育局"]
    write(tmp_path / "units.yaml", "defaults: {year: 2026}\nunits:\n" + "".join(f"  - unit: '{n}'\n" for n in names))
    r = drafter("bulk", "units.yaml", "-o", "out", "--no-check", cwd=tmp_path)     # the file names are the point
    assert_no_crash(r)
    assert r.rc == 0, r.err
    outside = [f for f in snapshot(tmp_path) if not f.startswith("out" + os.sep) and f != "units.yaml"]
    assert outside == []
    made = files_in(tmp_path / "out")
    assert len(made) == len(names), made
    assert all(not n.startswith(".") and len(n.encode("utf-8")) <= 255 for n in made)
    assert not list((tmp_path / "out").glob(".drafter-bulk-*"))
    for n in made:
        docx.Document(str(tmp_path / "out" / n))


WIDE_NAMES = ["𠀀" * 100 + "县民政局", "😀" * 150 + "县财政局"]   # 4-byte characters


def test_long_names_of_wide_characters_never_crash(tmp_path):
    write(tmp_path / "units.yaml", "units:\n" + "".join(f"  - unit: '{n}'\n" for n in WIDE_NAMES))
    r = drafter("bulk", "units.yaml", "-o", "out", "--no-check", cwd=tmp_path)
    assert_no_crash(r)
    if r.rc:
        assert "文件名太长" in r.err
    write(tmp_path / "f.yaml", f"unit: '{WIDE_NAMES[0]}'\n")
    r = drafter("draft", "f.yaml", "--no-check", cwd=tmp_path)
    assert_no_crash(r)
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_long_names_of_wide_characters_are_written(tmp_path):
    write(tmp_path / "units.yaml", "units:\n" + "".join(f"  - unit: '{n}'\n" for n in WIDE_NAMES))
    r = drafter("bulk", "units.yaml", "-o", "out", "--no-check", cwd=tmp_path)
    assert r.rc == 0, r.err
    assert len(files_in(tmp_path / "out")) == 2
    write(tmp_path / "f.yaml", f"unit: '{WIDE_NAMES[1]}'\n")
    r = drafter("draft", "f.yaml", "--no-check", cwd=tmp_path)
    assert r.rc == 0, r.err


def test_bulk_duplicate_units(tmp_path):
    write(tmp_path / "units.yaml",
          "defaults: {year: 2026, theme: 政务公开}\nunits:\n"
          "  - unit: 某某县民政局\n    figures: {主动公开信息数: 1111}\n"
          "  - unit: 某某县财政局\n"
          "  - unit: 某某县民政局\n    figures: {主动公开信息数: 2222}\n")
    r = drafter("bulk", "units.yaml", "-o", "out", cwd=tmp_path)
    assert_no_crash(r)
    assert r.rc == 1
    made = files_in(tmp_path / "out")
    assert len(made) == 2, made
    assert "某某县民政局" in r.err and "同名" in r.err
    assert "失败 1 份" in r.out
    # the first one keeps the file
    mz = next(n for n in made if n.startswith("某某县民政局"))
    text = docx_text(tmp_path / "out" / mz)
    assert "1111" in text and "2222" not in text


def test_bulk_one_broken_unit_does_not_stop_the_others(tmp_path):
    write(tmp_path / "units.yaml",
          "defaults:\n  year: 2026\nunits:\n"
          "  - unit: 某某县民政局\n    theme: 政务公开\n"
          "  - unit: 某某县财政局\n    theme: 政务公开\n    figures:\n      主动公开信息数: -5\n"
          "  - unit: 某某镇人民政府\n    theme: 年度综合\n"
          "  - theme: 政务公开\n"
          "  - just a string\n")
    r = drafter("bulk", "units.yaml", "-o", "out", cwd=tmp_path, subprocess_=True)
    assert_no_crash(r)
    assert r.rc == 1
    made = files_in(tmp_path / "out")
    assert len(made) == 2 and any("民政局" in n for n in made) and any("镇" in n for n in made), made
    assert "某某县财政局" in r.err and "第 9 行" in r.err and "units.yaml" in r.err and "负数" in r.err
    assert "第 4 个单位" in r.err and "缺少单位名称" in r.err and "第 12 行" in r.err
    assert "第 5 个单位" in r.err and "第 13 行" in r.err
    assert "成功 2 份，失败 3 份" in r.out


def test_bulk_many_units_parallel_with_one_broken(tmp_path):
    units = "".join(f"  - unit: 某某县第{i}局\n" for i in range(12))
    units += "  - unit: 某某县坏局\n    year: abc\n"
    write(tmp_path / "units.yaml", "defaults: {theme: 年度综合}\nunits:\n" + units)
    r = drafter("bulk", "units.yaml", "-o", "out", "-j", "2", "--no-check", cwd=tmp_path)
    assert_no_crash(r)
    assert r.rc == 1
    assert len(files_in(tmp_path / "out")) == 12
    assert "某某县坏局" in r.err and "第 16 行" in r.err


@pytest.mark.parametrize("text, needle", [
    ("units: []\n", "units"),
    ("units:\n", "units"),
    ("defaults: {year: 2026}\n", "units"),
    ("defaults: {year: 2026}\nunits: 某某县民政局\n", "units"),
    ("defaults: {unit: 某某县民政局}\nunits: [{unit: 某某县财政局}]\n", "defaults"),
    ("defaults: {yaer: 2026}\nunits: [{unit: 某某县财政局}]\n", "year"),
    ("default: {year: 2026}\nunits: [{unit: 某某县财政局}]\n", "default"),
])
def test_bulk_file_level_errors(tmp_path, text, needle):
    write(tmp_path / "units.yaml", text)
    r = drafter("bulk", "units.yaml", "-o", "out", cwd=tmp_path)
    assert_refused(r, "units.yaml", needle)
    assert files_in(tmp_path / "out") == []


def test_bulk_missing_file_and_alias_bomb(tmp_path):
    r = drafter("bulk", "nope.yaml", "-o", "out", cwd=tmp_path)
    assert_refused(r, "nope.yaml", "找不到")
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    write(tmp_path / "units.yaml", "\n".join(lines) + "\nunits: *l\n")
    r = drafter("bulk", "units.yaml", "-o", "out", cwd=tmp_path)
    assert_refused(r, "units.yaml", "别名")
    assert files_in(tmp_path / "out") == []


def test_bulk_existing_files_kept_without_force(tmp_path):
    write(tmp_path / "units.yaml", "defaults: {year: 2026, theme: 政务公开}\nunits:\n"
                                   "  - unit: 某某县民政局\n  - unit: 某某县财政局\n")
    r = drafter("bulk", "units.yaml", "-o", "out", "--no-check", cwd=tmp_path)
    assert r.rc == 0, r.err
    first = snapshot(tmp_path / "out")
    victim = tmp_path / "out" / sorted(first)[0]
    victim.write_bytes(b"edited by hand")
    kept = snapshot(tmp_path / "out")
    r = drafter("bulk", "units.yaml", "-o", "out", "--no-check", cwd=tmp_path)
    assert_no_crash(r)
    assert r.rc == 1 and "已存在" in r.err and "失败 2 份" in r.out
    assert snapshot(tmp_path / "out") == kept
    r = drafter("bulk", "units.yaml", "-o", "out", "--no-check", "--force", cwd=tmp_path)
    assert r.rc == 0, r.err
    assert sorted(snapshot(tmp_path / "out")) == sorted(first)
    docx.Document(str(victim))


def test_bulk_output_is_a_file(tmp_path):
    write(tmp_path / "units.yaml", "units:\n  - unit: 某某县民政局\n")
    write(tmp_path / "out", "not a folder")
    r = drafter("bulk", "units.yaml", "-o", "out", cwd=tmp_path)
    assert_refused(r, "out")
    assert (tmp_path / "out").read_text() == "not a folder"


def test_bulk_control_characters_and_template_syntax(tmp_path):
    write(tmp_path / "units.yaml",
          'units:\n  - unit: "某某县\\u202e民政局\\x85"\n    highlights: ["{{ x }}专栏\\uFFFE"]\n'
          '  - unit: "某某县财政局😀"\n')
    r = drafter("bulk", "units.yaml", "-o", "out", "--format", "md", cwd=tmp_path)
    assert r.rc == 0, r.err
    made = files_in(tmp_path / "out")
    assert len(made) == 2
    text = "".join((tmp_path / "out" / n).read_text(encoding="utf-8") for n in made)
    assert "{{ x }}专栏" in text and "\u202e" not in text and "\ufffe" not in text


# ---------------------------------------------------------------- the automatic check

FOREIGN = "组织干部赴沂水县学习政务公开经验"      # another county's name: an error of `drafter check`


def test_draft_runs_its_automatic_check_and_reports_it(tmp_path):
    write(tmp_path / "f.yaml", GOOD.replace("  - 建成社会救助信息公开专栏\n", f"  - {FOREIGN}\n"))
    r = drafter("draft", "f.yaml", "-o", "out.docx", cwd=tmp_path)
    assert r.rc == 1, r.err                          # written, but the check found an error
    assert (tmp_path / "out.docx").is_file()
    assert "自动检查：共发现 1 个问题：1 个错误" in r.out
    assert "[错误]" in r.out and "沂水" in r.out and "foreign-place" in r.out
    r = drafter("draft", "f.yaml", "-o", "out.docx", "--force", "--no-check", cwd=tmp_path)
    assert r.rc == 0 and "自动检查" not in r.out and "沂水" not in r.out, r.out
    write(tmp_path / "clean.yaml", GOOD)
    r = drafter("draft", "clean.yaml", "-o", "clean.docx", cwd=tmp_path)
    assert r.rc == 0 and "自动检查：检查通过：未发现问题。" in r.out, r.out


@pytest.mark.parametrize("units, jobs", [(3, "1"), (10, "2")], ids=["serial", "pool"])
def test_bulk_runs_its_automatic_check_on_every_unit(tmp_path, units, jobs):
    body = "".join(f"  - unit: 某某县第{i}局\n" for i in range(units - 1))
    body += f"  - unit: 某某县民政局\n    highlights: [{FOREIGN}]\n"
    write(tmp_path / "units.yaml", "defaults: {year: 2026, theme: 政务公开}\nunits:\n" + body)
    r = drafter("bulk", "units.yaml", "-o", "out", "-j", jobs, cwd=tmp_path)
    assert r.rc == 1, r.err                          # all written, one with a check error
    assert f"成功 {units - 1} 份，有检查错误 1 份，失败 0 份" in r.out, r.out
    flagged = [line for line in r.out.splitlines() if "自动检查" in line]
    assert len(flagged) == 1 and flagged[0].startswith("✓ 某某县民政局") and "1 个错误" in flagged[0], r.out
    assert "沂水" in r.out and "foreign-place" in r.out
    r = drafter("bulk", "units.yaml", "-o", "out", "-j", jobs, "--force", "--no-check", cwd=tmp_path)
    assert r.rc == 0 and "自动检查" not in r.out and "沂水" not in r.out, r.out


# ---------------------------------------------------------------- drafter check


def test_check_missing_file(tmp_path):
    r = drafter("check", "nope.docx", cwd=tmp_path)
    assert_refused(r, "nope.docx", "找不到")


def test_check_folder(tmp_path):
    (tmp_path / "d.docx").mkdir()
    r = drafter("check", "d.docx", cwd=tmp_path)
    assert_refused(r, "d.docx")


@pytest.mark.parametrize("content", [
    b"just some text, not a zip",
    b"",
    b"PK\x03\x04" + b"\x00" * 100,
    "中文文本".encode("gbk"),
])
def test_check_not_a_docx(tmp_path, content):
    (tmp_path / "x.docx").write_bytes(content)
    r = drafter("check", "x.docx", cwd=tmp_path)
    assert_refused(r, "x.docx", "docx")
    assert (tmp_path / "x.docx").read_bytes() == content


def test_check_zip_that_is_not_a_docx(tmp_path):
    with zipfile.ZipFile(tmp_path / "x.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    r = drafter("check", "x.docx", cwd=tmp_path)
    assert_refused(r, "x.docx", "docx")


def test_check_truncated_docx(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    assert drafter("draft", "f.yaml", "-o", "good.docx", "--no-check", cwd=tmp_path).rc == 0
    data = (tmp_path / "good.docx").read_bytes()
    (tmp_path / "half.docx").write_bytes(data[: len(data) // 2])
    r = drafter("check", "half.docx", cwd=tmp_path)
    assert_refused(r, "half.docx", "docx")
    # a docx whose document.xml is broken XML
    with zipfile.ZipFile(tmp_path / "good.docx") as src, zipfile.ZipFile(tmp_path / "bad.docx", "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]
            dst.writestr(item, body)
    r = drafter("check", "bad.docx", cwd=tmp_path)
    assert_refused(r, "bad.docx")


def test_check_gbk_text_file(tmp_path):
    (tmp_path / "x.txt").write_bytes("某某县民政局2026年工作总结\n正文。\n".encode("gbk"))
    r = drafter("check", "x.txt", cwd=tmp_path)
    assert_no_crash(r)
    if r.rc != 0:
        assert_refused(r, "x.txt")


def test_check_with_broken_figures_file(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    assert drafter("draft", "f.yaml", "-o", "good.docx", "--no-check", cwd=tmp_path).rc == 0
    r = drafter("check", "good.docx", "--figures", "nope.yaml", cwd=tmp_path)
    assert_refused(r, "nope.yaml", "找不到")
    write(tmp_path / "bad.yaml", "unit: 某某县民政局\nfigures:\n  主动公开信息数: -3\n")
    r = drafter("check", "good.docx", "--figures", "bad.yaml", cwd=tmp_path)
    assert_refused(r, "bad.yaml", "第 3 行")
    r = drafter("check", "good.docx", "--figures", "f.yaml", "--json", cwd=tmp_path)
    assert_no_crash(r)
    import json

    assert json.loads(r.out)["errors"] == 0


def test_bulk_different_names_with_the_same_safe_file_name(tmp_path):
    write(tmp_path / "units.yaml", "defaults: {theme: 政务公开}\nunits:\n"
                                   "  - unit: 某某县/民政局\n  - unit: 某某县:民政局\n  - unit: 某某县财政局\n")
    r = drafter("bulk", "units.yaml", "-o", "out", "--no-check", cwd=tmp_path)
    assert_no_crash(r)
    assert r.rc == 1 and "某某县:民政局" in r.err and "同名" in r.err
    assert len(files_in(tmp_path / "out")) == 2


def test_bulk_part_from_defaults_whole_in_unit(tmp_path):
    write(tmp_path / "units.yaml",
          "defaults:\n  theme: 政务公开\n  figures:\n    依申请办结件数: 10\nunits:\n"
          "  - unit: 某某县民政局\n    figures:\n      依申请公开件数: 12\n"
          "  - unit: 某某县财政局\n    figures:\n      依申请公开件数: 8\n")
    r = drafter("bulk", "units.yaml", "-o", "out", "--no-check", cwd=tmp_path)
    assert_no_crash(r)
    assert r.rc == 1
    assert "某某县财政局" in r.err and "不能大于" in r.err and "第 4 行" in r.err
    assert len(files_in(tmp_path / "out")) == 1


def test_oversized_figures_file(tmp_path):
    big = "unit: 某某县民政局\nhighlights:\n" + ("  - " + "很长的亮点" * 20 + "\n") * 20000
    draft_fails(tmp_path, big, "过大")      # how fast: benchmarks/bench_refusals.py


def test_too_many_or_repeated_list_items(tmp_path):
    many = "".join(f"  - 第{i}项亮点工作\n" for i in range(150))
    draft_fails(tmp_path, "unit: 某某县民政局\nhighlights:\n" + many, "第 2 行", "条目过多")
    draft_fails(tmp_path, "unit: 某某县民政局\nplans:\n  - 加强培训\n  - 完善制度\n  - 加强培训\n",
                "第 5 行", "plans", "重复")


@pytest.mark.parametrize("option, needle", [
    (["--template", "nope.j2"], "nope.j2"),
    (["--bank", "nope-bank"], "nope-bank"),
])
def test_bad_template_or_bank_option(tmp_path, option, needle):
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", "-o", "out.docx", *option, cwd=tmp_path)
    assert_refused(r, needle)
    assert sorted(snapshot(tmp_path)) == ["f.yaml"]


def test_broken_user_template(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    write(tmp_path / "bad.j2", "{% if %}\n")
    write(tmp_path / "undef.j2", "{{ no_such_name.x }}\n")
    for name in ("bad.j2", "undef.j2"):
        r = drafter("draft", "f.yaml", "-o", "out.docx", "--template", name, cwd=tmp_path)
        assert_refused(r, name, "模板")
    assert not (tmp_path / "out.docx").exists()


def test_check_year_after_a_dot_in_the_title():
    from drafter.check import check_text

    paras = ["某某县民政局.2026年工作总结", "2026年，我局认真做好各项工作。", "某某县民政局.", "2026年12月20日"]
    assert [f.code for f in check_text(paras, unit="某某县民政局.", year=2026)] == []


def test_check_no_false_alarms_on_plausible_drafts():
    from drafter.check import check_text

    spec = {"unit": "某某镇人民政府", "year": 2026, "figures": {"12345工单数": 416},
            "highlights": ["新改建农村户厕460户"]}
    paras = ["某某镇人民政府2026年工作总结及2027年工作思路",
             "现将我镇2026年工作总结及2027年工作思路报告如下：",
             "全年办理12345热线工单416件，新改建农村户厕460户。",
             "某某镇人民政府", "2026年12月25日"]
    assert [str(f) for f in check_text(paras, figures=spec)] == []
    spec2100 = {"unit": "某某县民政局", "year": 2100, "figures": {}}
    paras = ["某某县民政局2100年工作总结", "2100年，我局认真做好各项工作。", "某某县民政局", "2100年12月25日"]
    assert [str(f) for f in check_text(paras, figures=spec2100)] == []

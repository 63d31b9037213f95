"""The command line as a new user meets it (issue 12): exit codes, -o checked up front,
--skip-existing, --dry-run, --reference-doc, new/kinds/completion, suggestions, colour,
filters that must not fail silently, the full-width colon. In-process unless a real
process is the point."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

from conftest import EXAMPLES, drafter_cli

FIGS = EXAMPLES / "county-civil-affairs-openness.yaml"
TWO_UNITS = """defaults: {year: 2026, theme: 政务公开}
units:
  - unit: 某某县民政局
    figures: {主动公开信息数: 1530}
  - unit: 某某县司法局
"""


def no_traceback(run) -> None:
    assert "Traceback" not in run.err and "内部错误" not in run.err, run.err


# ---------------------------------------------------------------- usage, suggestions


def test_no_arguments_short_usage_exit_2(tmp_path):
    run = drafter_cli(cwd=tmp_path)
    assert run.rc == 2
    assert run.err.startswith("用法：drafter 命令") and "drafter -h" in run.err
    assert len(run.err.splitlines()) <= 6           # short: not the full help


def test_mistyped_command_and_option_get_the_nearest(tmp_path):
    run = drafter_cli("draf", "x.yaml", cwd=tmp_path)
    assert run.rc == 2 and "是否想输入 draft？" in run.err
    run = drafter_cli("draft", str(FIGS), "--forse", cwd=tmp_path)
    assert run.rc == 2 and "无法识别的参数：--forse" in run.err and "是否想输入 --force？" in run.err
    assert "drafter draft -h" in run.err                # that command's help, not drafter -h
    run = drafter_cli("--versoin", cwd=tmp_path)
    assert run.rc == 2 and "无法识别的参数：--versoin" in run.err and "是否想输入 --version？" in run.err
    assert not list(tmp_path.iterdir())


def test_help_speaks_chinese_with_examples():
    from drafter.cli import COMMANDS, build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in COMMANDS:
        usage = sub.choices[name].format_usage()
        # no English metavars (SEED, JOBS, FILE)
        assert not re.search(r"(?<![A-Za-z-])[A-Z]{3,}(?![A-Za-z])", usage), (name, usage)
        assert usage.startswith("用法：")
    for name in ("draft", "bulk", "new", "completion"):
        assert "示例：" in sub.choices[name].format_help()
    assert "退出状态" in parser.format_help()


# ---------------------------------------------------------------- draft: -o before any work


@pytest.mark.parametrize("out, extra, says", [
    ("x.pdf", (), "不支持的输出文件类型：.pdf"),
    ("x.docx", ("--format", "md"), "扩展名 .docx 与 --format md 不一致"),
    ("x", (), "没有扩展名"),
    ("-", ("--format", "docx"), "docx 不能打印到屏幕"),
])
def test_output_extension_must_match_the_format(tmp_path, out, extra, says):
    # a figures file that does not exist: the output is refused before it is even read
    run = drafter_cli("draft", "不存在.yaml", "-o", out, *extra, cwd=tmp_path)
    assert run.rc == 2 and says in run.err, run.err
    no_traceback(run)
    assert not list(tmp_path.iterdir())


def test_unusable_output_folder_is_one_clear_message(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    run = drafter_cli("draft", "不存在.yaml", "-o", "file/x.docx", cwd=tmp_path)
    assert run.rc == 2 and "是一个文件，不是文件夹" in run.err
    run = drafter_cli("bulk", "不存在.yaml", "-o", "file", cwd=tmp_path)
    assert run.rc == 2 and "输出目录“file”是一个文件，不是文件夹" in run.err
    assert run.err.count("错误") == 1
    run = drafter_cli("bulk", "不存在.yaml", "-o", "file/sub", cwd=tmp_path)
    assert run.rc == 2 and "是文件，不是文件夹" in run.err
    no_traceback(run)


def test_draft_exit_status_follows_the_check(tmp_path, monkeypatch):
    import drafter.check as check
    from drafter.check.findings import Finding

    monkeypatch.setattr(check, "check_draft", lambda draft, figures=None, bank=None: [
        Finding("placeholder-xx", "error", "第2段", "有占位符 XX")])
    run = drafter_cli("draft", str(FIGS), "-o", "a.docx", cwd=tmp_path)
    assert run.rc == 1 and (tmp_path / "a.docx").is_file()
    assert "[错误] 第2段" in run.out and "退出状态 1" in run.out

    def never(*a, **k):
        raise AssertionError("--no-check must not check")

    monkeypatch.setattr(check, "check_draft", never)
    run = drafter_cli("draft", str(FIGS), "-o", "b.docx", "--no-check", cwd=tmp_path)
    assert run.rc == 0 and (tmp_path / "b.docx").is_file()


def test_draft_skip_existing_dry_run_and_folder_output(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"mine")
    run = drafter_cli("draft", str(FIGS), "-o", "a.docx", cwd=tmp_path)
    assert run.rc == 2 and "--skip-existing" in run.err
    run = drafter_cli("draft", str(FIGS), "-o", "a.docx", "--skip-existing", cwd=tmp_path)
    assert run.rc == 0 and "已存在，跳过" in run.out and target.read_bytes() == b"mine"
    run = drafter_cli("draft", str(FIGS), "-o", "a.docx", "--skip-existing", "--force", cwd=tmp_path)
    assert run.rc == 2 and "不能同时使用" in run.err
    # dry run: the outline and the file it would write, nothing written
    run = drafter_cli("draft", str(FIGS), "-o", "out/", "--dry-run", "--no-check", cwd=tmp_path)
    assert run.rc == 0 and "提纲：" in run.out and "一、" in run.out
    assert re.search(r"将写出：out/.+政务公开工作总结\.docx", run.out) and not (tmp_path / "out").exists()
    # a folder as -o: the draft is named by its title inside it
    (tmp_path / "out").mkdir()
    run = drafter_cli("draft", str(FIGS), "-o", "out", "--no-check", cwd=tmp_path)
    assert run.rc == 0 and [p.suffix for p in (tmp_path / "out").iterdir()] == [".docx"]


# ---------------------------------------------------------------- bulk


def test_bulk_second_run_skip_existing_and_one_hint(tmp_path):
    (tmp_path / "units.yaml").write_text(TWO_UNITS, encoding="utf-8")
    first = drafter_cli("bulk", "units.yaml", "-o", "drafts", "--no-check", "-j", "1", cwd=tmp_path)
    assert first.rc == 0 and len(list((tmp_path / "drafts").iterdir())) == 2
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "drafts").iterdir()}
    again = drafter_cli("bulk", "units.yaml", "-o", "drafts", "--no-check", "-j", "1", cwd=tmp_path)
    assert again.rc == 1
    assert again.err.count("--skip-existing") == 1 and "如需覆盖请加 --force" not in again.err
    assert "改正批量文件" not in again.err
    skip = drafter_cli("bulk", "units.yaml", "-o", "drafts", "--no-check", "--skip-existing", "-j", "1", cwd=tmp_path)
    assert skip.rc == 0 and "跳过已存在的 2 份" in skip.out
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "drafts").iterdir()} == stamps
    # dry run after one file is removed: one to write, one to skip, nothing written
    victim = sorted(stamps)[0]
    victim.unlink()
    dry = drafter_cli("bulk", "units.yaml", "-o", "drafts", "--dry-run", "--skip-existing", cwd=tmp_path)
    assert dry.rc == 0 and "将写出 1 份，跳过 1 份" in dry.out and not victim.exists()


def test_bulk_counts_check_errors_apart(tmp_path, monkeypatch):
    import drafter.check as check
    from drafter.check.findings import Finding

    monkeypatch.setattr(check, "check_draft", lambda draft, figures=None, bank=None: [
        Finding("placeholder-xx", "error", "第2段", "有占位符 XX")] if "司法局" in draft.unit else [])
    (tmp_path / "units.yaml").write_text(TWO_UNITS, encoding="utf-8")
    run = drafter_cli("bulk", "units.yaml", "-o", "drafts", "-j", "1", cwd=tmp_path)
    assert run.rc == 1
    assert "完成：成功 1 份，有检查错误 1 份，失败 0 份" in run.out


def test_bulk_skip_existing_in_the_worker_pool(tmp_path):
    """Eight units take the process pool: the skip happens there too."""
    units = "\n".join(f"  - unit: 某某县第{i}中学" for i in range(8))
    (tmp_path / "u.yaml").write_text(f"defaults: {{year: 2026, theme: 年度综合}}\nunits:\n{units}\n", encoding="utf-8")
    first = drafter_cli("bulk", "u.yaml", "-o", "d", "--no-check", "-j", "2", cwd=tmp_path)
    assert first.rc == 0, first.err
    keep = sorted((tmp_path / "d").iterdir())[0]
    keep.write_bytes(b"edited by hand")
    run = drafter_cli("bulk", "u.yaml", "-o", "d", "--no-check", "-j", "2", "--skip-existing", cwd=tmp_path)
    assert run.rc == 0 and "跳过已存在的 8 份" in run.out and keep.read_bytes() == b"edited by hand"


# ---------------------------------------------------------------- new, kinds, completion


def test_new_writes_a_starter_that_loads(tmp_path, bank):
    from drafter.figures import parse_figures_text

    run = drafter_cli("new", "某某县应急管理局", cwd=tmp_path)
    assert run.rc == 0
    spec = parse_figures_text(run.out, slots=bank.slots)          # valid as it stands
    assert spec.unit == "某某县应急管理局" and spec.theme == "年度综合"
    fills = re.findall(r"^  # (\S+):", run.out, re.M)
    assert fills and all(name in bank.slots for name in fills)
    assert "安全生产" in run.out                                   # the department's own work lines
    # filled in, it drafts
    filled = run.out.replace(f"  # {fills[0]}:", f"  {fills[0]}: 12 ", 1)
    assert parse_figures_text(filled, slots=bank.slots).figures == {fills[0]: 12}
    # to a file, never overwriting without --force
    assert drafter_cli("new", "某某县民政局", "--theme", "政务公开", "-o", "m.yaml", cwd=tmp_path).rc == 0
    assert "theme: 政务公开" in (tmp_path / "m.yaml").read_text(encoding="utf-8")
    again = drafter_cli("new", "某某县民政局", "-o", "m.yaml", cwd=tmp_path)
    assert again.rc == 2 and "文件已存在" in again.err
    assert drafter_cli("new", "某某县民政局", "-o", "m.yaml", "--force", cwd=tmp_path).rc == 0
    bad = drafter_cli("new", "某某县民政局", "--theme", "政务公", cwd=tmp_path)
    assert bad.rc == 2 and "是否想输入 政务公开" in bad.err


def test_kinds_lists_themes_skeletons_families_levels(tmp_path):
    from drafter.models import LEVELS, THEMES

    run = drafter_cli("kinds", cwd=tmp_path)
    assert run.rc == 0
    for theme in THEMES:
        assert theme in run.out
    assert "templates/政务公开工作总结.j2" in run.out and "with_plan" in run.out
    assert all(level in run.out for level in LEVELS) and "民政社保" in run.out


def test_completion_scripts_come_from_the_parser(tmp_path):
    run = drafter_cli("completion", "bash", cwd=tmp_path)
    assert run.rc == 0
    for word in ("draft", "bulk", "kinds", "--skip-existing", "--reference-doc"):
        assert word in run.out
    if shutil.which("bash"):
        script = tmp_path / "c.bash"
        script.write_text(run.out, encoding="utf-8")
        probe = subprocess.run(["bash", "-c", f"source {script} && complete -p drafter"], capture_output=True,
                               text=True, timeout=30)
        assert probe.returncode == 0 and "drafter" in probe.stdout
    zsh = drafter_cli("completion", "zsh", cwd=tmp_path)
    assert zsh.rc == 0 and zsh.out.startswith("#compdef drafter")


# ---------------------------------------------------------------- colour


class _Stream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from drafter.commands._common import paint, paint_finding

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert paint("错误", "error", _Stream(True)) == "\033[31m错误\033[0m"
    assert paint_finding("[警告] 第2段：…", _Stream(True)).startswith("\033[33m[警告]\033[0m")
    assert paint("错误", "error", _Stream(False)) == "错误"
    monkeypatch.setenv("NO_COLOR", "1")
    assert paint("错误", "error", _Stream(True)) == "错误"


def test_errors_in_a_pipe_have_no_colour(tmp_path):
    run = drafter_cli("draft", "不存在.yaml", cwd=tmp_path)
    assert run.rc == 2 and run.err.startswith("错误：") and "\033[" not in run.err


# ---------------------------------------------------------------- --reference-doc


def _reference(path: Path) -> Path:
    d = docx.Document()
    sec = d.sections[0]
    sec.top_margin, sec.left_margin = Mm(30), Mm(31)
    sec.header.paragraphs[0].text = "某某县民政局文件模板"
    style = d.styles.add_style("公文正文", 1)
    style.font.name = "宋体"
    style.font.size = Pt(15)
    d.add_paragraph("模板自己的正文，不应留下")
    d.save(str(path))
    return path


def test_reference_doc_gives_page_setup_styles_and_header(tmp_path):
    ref = _reference(tmp_path / "本单位模板.docx")
    run = drafter_cli("draft", str(FIGS), "-o", "a.docx", "--reference-doc", str(ref), "--no-check", cwd=tmp_path)
    assert run.rc == 0, run.err
    d = docx.Document(str(tmp_path / "a.docx"))
    sec = d.sections[-1]
    assert round(sec.top_margin.mm) == 30 and round(sec.left_margin.mm) == 31
    assert sec.header.paragraphs[0].text == "某某县民政局文件模板"
    texts = [p.text for p in d.paragraphs]
    assert "模板自己的正文，不应留下" not in texts
    body = [p for p in d.paragraphs if p.style.name == "公文正文"]
    assert len(body) >= 3 and all(p.style.font.size == Pt(15) and p.style.font.name == "宋体" for p in body)
    # the template's style decides: no run repeats drafter's own font or size
    assert all(r.font.size is None and r.font.name is None for p in body for r in p.runs)
    # styles the template lacks come from drafter (the title keeps 2号)
    title = d.paragraphs[0]
    assert title.style.name == "公文标题" and title.style.font.size == Pt(22)


def test_reference_doc_must_be_a_word_file(tmp_path):
    (tmp_path / "t.docx").write_text("not a zip", encoding="utf-8")
    run = drafter_cli("draft", str(FIGS), "-o", "a.docx", "--reference-doc", "t.docx", cwd=tmp_path)
    assert run.rc == 2 and "不是可读取的 Word 文档" in run.err and not (tmp_path / "a.docx").exists()
    run = drafter_cli("draft", str(FIGS), "-o", "a.md", "--reference-doc", "t.docx", cwd=tmp_path)
    assert run.rc == 2 and "只用于 Word 输出" in run.err


# ---------------------------------------------------------------- filters, input slips


def test_filters_refuse_or_accept_what_they_print(tmp_path):
    run = drafter_cli("phrases", "--section", "存在问题", "--json", cwd=tmp_path)
    assert run.rc == 0
    import json

    data = json.loads(run.out)
    assert data["total"] > 0 and {p["section"] for p in data["phrases"]} == {"problems"}
    bad = drafter_cli("phrases", "--section", "问题", cwd=tmp_path)
    assert bad.rc == 2 and "是否想输入 存在问题" in bad.err
    bad = drafter_cli("slots", "--theme", "安全生产", cwd=tmp_path)
    assert bad.rc == 2 and "未知的主题：安全生产" in bad.err
    assert drafter_cli("slots", "--theme", "政务公开", cwd=tmp_path).rc == 0


@pytest.mark.parametrize("text, line", [
    ("unit：某某县民政局\nyear: 2026\n", 1),
    ("unit: 某某县民政局\nyear：2026\n", 2),
    ("unit: 某某县民政局\nfigures:\n  主动公开信息数：1530\n", 3),
])
def test_full_width_colon_is_named(tmp_path, text, line):
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    run = drafter_cli("draft", "f.yaml", "--dry-run", cwd=tmp_path)
    assert run.rc == 2 and f"第 {line} 行" in run.err and "中文（全角）冒号" in run.err, run.err
    no_traceback(run)


def test_schema_titles_and_descriptions_in_chinese(tmp_path):
    import json

    run = drafter_cli("schema", cwd=tmp_path)
    assert run.rc == 0
    english = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("title", "description") and isinstance(v, str) and not re.search(r"[\u4e00-\u9fff]", v):
                    english.append(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(run.out))
    assert english == [], f"add these to drafter/data/schema_zh.yaml: {english}"
    assert json.loads(run.out)["title"] == "单位数据文件"


def test_operating_system_errors_in_chinese(tmp_path):
    import errno
    import os

    from drafter.oserrors import os_reason

    assert os_reason(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))) == "没有这个文件或文件夹 [ENOENT]"
    assert os_reason(OSError(errno.ENOTDIR, "Not a directory")) == "路径中的某一级不是文件夹 [ENOTDIR]"
    assert os_reason(OSError("no errno")) == "系统错误 [OSError]"
    run = drafter_cli("draft", "不存在.yaml", cwd=tmp_path)
    assert run.rc == 2 and "找不到数据文件" in run.err and "No such file" not in run.err
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    run = drafter_cli("draft", "plain/数据.yaml", cwd=tmp_path)
    assert run.rc == 2 and "路径中的某一级不是文件夹" in run.err and "Not a directory" not in run.err


@pytest.mark.parametrize("text, says", [
    ("unit: x\n\tyear: 2026\n", "制表符"),
    ("unit: x\nhighlights: [a, b\n", "方括号列表没有闭合"),
    ("unit: x\nyear 2026\n", "缺少英文冒号"),
])
def test_yaml_parser_reasons_in_chinese(tmp_path, text, says):
    from drafter.figures.messages import _yaml_reasons

    assert len(_yaml_reasons()) >= 10                       # the table itself loads
    (tmp_path / "f.yaml").write_text(text, encoding="utf-8")
    run = drafter_cli("draft", "f.yaml", "--dry-run", cwd=tmp_path)
    assert run.rc == 2 and says in run.err, run.err


def test_mine_does_not_default_to_the_shipped_bank():
    from drafter.cli import build_parser
    from drafter.paths import phrasebank_dir

    args = build_parser().parse_args(["mine", "语料/"])
    assert args.output == "我的短语库"
    assert (Path.cwd() / args.output).resolve() != phrasebank_dir().resolve()


def test_an_impossible_date_stops_only_its_unit(tmp_path):
    (tmp_path / "u.yaml").write_text("defaults: {year: 2026}\nunits:\n  - unit: 某某县民政局\n"
                                     "    signature: {date: 2026-13-01}\n  - unit: 某某县司法局\n", encoding="utf-8")
    run = drafter_cli("bulk", "u.yaml", "-o", "out", "--no-check", "-j", "1", cwd=tmp_path)
    assert run.rc == 1 and "成功 1 份" in run.out and "失败 1 份" in run.out
    assert "单位「某某县民政局」，第 4 行，键 signature.date" in run.err and "month must be" not in run.err
    assert len(list((tmp_path / "out").iterdir())) == 1


def test_reference_doc_drafts_skip_the_layout_rules(tmp_path):
    ref = _reference(tmp_path / "本单位模板.docx")        # 30/31 mm margins: GB/T 9704 layout errors
    run = drafter_cli("draft", str(FIGS), "-o", "a.docx", "--reference-doc", str(ref), cwd=tmp_path)
    assert "未检查版式" in run.out and "layout-" not in run.out, run.out
    from drafter.check import check_docx

    assert any(f.code == "layout-margins" for f in check_docx(tmp_path / "a.docx"))   # drafter check still can


@pytest.mark.parametrize("jobs, n", [("1", 2), ("2", 8)], ids=["serial", "pool"])
def test_bulk_reference_doc(tmp_path, jobs, n):
    ref = _reference(tmp_path / "模板.docx")
    units = "\n".join(f"  - unit: 某某县第{i}中学" for i in range(n))
    (tmp_path / "u.yaml").write_text(f"defaults: {{year: 2026, theme: 年度综合}}\nunits:\n{units}\n", encoding="utf-8")
    run = drafter_cli("bulk", "u.yaml", "-o", "d", "--no-check", "-j", jobs, "--reference-doc", str(ref), cwd=tmp_path)
    assert run.rc == 0, run.err
    made = sorted((tmp_path / "d").iterdir())
    assert len(made) == n
    for path in made:
        assert docx.Document(str(path)).sections[-1].header.paragraphs[0].text == "某某县民政局文件模板"

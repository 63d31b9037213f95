"""drafter draft FIGURES.yaml [-o OUT.docx | -o DIR/ | -o -]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drafter.commands._common import (add_output_options, bank_dir, check_output_file, format_for, is_folder_target,
                                      paint, print_findings)

HELP = "根据一个单位的数据文件（YAML）生成总结初稿（.docx）"
EPILOG = """  drafter draft 数据.yaml -o 总结.docx
  drafter draft 数据.yaml -o drafts/                 以标题命名，写在 drafts/ 中
  drafter draft 数据.yaml -o - --format txt          打印到屏幕
  drafter draft 数据.yaml --dry-run                  只看提纲和将写出的文件
  drafter draft 数据.yaml -o 总结.docx --reference-doc 本单位模板.docx
退出状态：0 完成；1 已写出，但自动检查发现错误；2 命令行、数据文件或输出路径有误。"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("figures", metavar="数据文件", help="单位数据文件（YAML），格式见 drafter schema 和 examples/")
    parser.add_argument("-o", "--output", metavar="输出文件",
                        help="输出文件（.docx/.md/.txt；默认：以标题命名，写在当前目录）；写文件夹则以标题命名写在其中；"
                             "写 - 则把 md/txt 打印到屏幕")
    parser.add_argument("--seed", type=int, default=None, metavar="种子",
                        help="换一个随机种子，换一种写法（覆盖数据文件中的 seed）")
    add_output_options(parser)


class _Skipped(Exception):
    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


def outline_lines(draft) -> list[str]:
    """The title and headings of a draft, indented by level (for --dry-run)."""
    from drafter.drafting.document import HEADING, TITLE

    lines = []
    for b in draft.blocks:
        if b.kind == TITLE:
            lines.append(b.text)
        elif b.kind == HEADING:
            lines.append("  " * max(b.level, 1) + b.full_text)
    return lines


def run(args: argparse.Namespace) -> int:
    from drafter.interrupts import stop_like_ctrl_c

    with stop_like_ctrl_c():   # SIGTERM/SIGHUP: nothing half-written, as with Ctrl-C
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from drafter.drafting import output_name, produce_file

    fmt = format_for(args.output, args.format)          # all checks of -o before any work
    reference = check_reference_doc(args.reference_doc, fmt)
    if check_output_file(args.output, force=args.force, skip_existing=args.skip_existing) == "skip":
        print(f"已存在，跳过：{args.output}")
        return 0

    def target(draft, fmt_: str) -> Path:
        folder = Path(args.output) if args.output else Path(".")
        path = folder / output_name(draft, fmt_)
        if path.exists() and args.skip_existing:
            raise _Skipped(path)
        return path

    out = target if args.output is None or is_folder_target(args.output) else args.output
    if args.dry_run:
        return _dry_run(args, fmt, out)
    try:
        result = produce_file(args.figures, out, fmt, args.force, not args.no_check,
                              seed=args.seed, template=args.template, bank_path=bank_dir(args),
                              reference_doc=reference)
    except _Skipped as skipped:
        print(f"已存在，跳过：{skipped.path}")
        return 0
    if result.text is not None:
        sys.stdout.write(result.text)
        return 0
    print(f"已生成初稿：{result.path}")
    for note in result.draft.notes:
        print(f"  提示：{note}")
    if result.checked and reference:
        # the unit's own template sets its own 版式: only what the text says is checked
        from drafter.check import summary

        result.findings = [f for f in result.findings if not f.code.startswith("layout-")]
        result.check_summary = summary(result.findings) + "（使用本单位 Word 模板，未检查版式）"
    if result.checked:
        if result.findings:
            print_findings([str(f) for f in result.findings])
        kind = "error" if result.check_errors else ("warning" if result.findings else "ok")
        print(f"自动检查：{paint(result.check_summary, kind)}")
        if result.check_errors:
            print("初稿已写出，但有需要改正的错误（退出状态 1）；改正数据文件后加 --force 重新生成，或在 Word 中修改。")
            return 1
    return 0


def _dry_run(args: argparse.Namespace, fmt: str, out) -> int:
    from drafter.bank import PhraseBank
    from drafter.drafting import draft_unit
    from drafter.figures import load_figures

    bank = PhraseBank.load(bank_dir(args))
    spec = load_figures(args.figures, slots=bank.slots)
    if args.seed is not None:
        spec = spec.model_copy(update={"seed": args.seed})
    draft = draft_unit(spec, bank=bank, template=args.template)
    print("提纲：")
    for line in outline_lines(draft):
        print(f"  {line}")
    if out == "-":
        print("将打印到屏幕（未写任何文件）。")
        return 0
    try:
        path = Path(out(draft, fmt)) if callable(out) else Path(out)
    except _Skipped as skipped:
        print(f"已存在，将跳过：{skipped.path}（未写任何文件）")
        return 0
    what = "将覆盖" if path.exists() else "将写出"
    print(f"{what}：{path}（试运行，未写任何文件）")
    return 0


def check_reference_doc(path: str | None, fmt: str) -> str | None:
    """--reference-doc: a readable Word file, and only with .docx output."""
    if not path:
        return None
    from drafter.errors import DrafterError

    if fmt != "docx":
        raise DrafterError(f"--reference-doc 只用于 Word 输出（.docx），当前输出格式为 {fmt}。")
    from drafter.drafting.reference import read_reference

    read_reference(path)        # raises a Chinese DrafterError for anything that is not a usable .docx
    return path

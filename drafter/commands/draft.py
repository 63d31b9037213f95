"""drafter draft FIGURES.yaml [-o OUT.docx]"""

from __future__ import annotations

import argparse
import sys

from drafter.commands._common import add_output_options, bank_dir, print_findings

HELP = "根据一个单位的数据文件（YAML）生成总结初稿（.docx）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("figures", metavar="数据文件", help="单位数据文件（YAML），格式见 drafter schema 和 examples/")
    parser.add_argument("-o", "--output", metavar="输出文件",
                        help="输出文件（默认：以标题命名，写在当前目录）；写 - 则把 md/txt 打印到屏幕")
    parser.add_argument("--seed", type=int, default=None, help="换一个随机种子，换一种写法（覆盖数据文件中的 seed）")
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    from drafter.bank import PhraseBank
    from drafter.drafting import draft_unit, format_of, output_name, render, write_draft
    from drafter.errors import DrafterError
    from drafter.figures import load_figures

    bank = PhraseBank.load(bank_dir(args))
    spec = load_figures(args.figures, slots=bank.slots)
    if args.seed is not None:
        spec = spec.model_copy(update={"seed": args.seed})
    draft = draft_unit(spec, bank=bank, template=args.template)
    if args.output == "-":
        fmt = args.format or "md"
        if fmt == "docx":
            raise DrafterError("docx 不能打印到屏幕。", hint="用 --format md 或 txt，或用 -o 指定文件。")
        sys.stdout.write(render(draft, fmt).decode("utf-8"))
        return 0
    fmt = format_of(args.output or "", args.format)
    path = args.output or output_name(draft, fmt)
    written = write_draft(draft, path, fmt=fmt, force=args.force)
    print(f"已生成初稿：{written}")
    for note in draft.notes:
        print(f"  提示：{note}")
    if fmt == "docx" and not args.no_check:
        from drafter.check import check_docx, summary

        findings = check_docx(written, figures=spec)
        if findings:
            print_findings([str(f) for f in findings])
        print(f"自动检查：{summary(findings)}")
    return 0

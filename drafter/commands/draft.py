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
    from drafter.interrupts import stop_like_ctrl_c

    with stop_like_ctrl_c():   # SIGTERM/SIGHUP: nothing half-written, as with Ctrl-C
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from drafter.drafting import produce_file

    result = produce_file(args.figures, args.output, args.format, args.force, not args.no_check,
                          seed=args.seed, template=args.template, bank_path=bank_dir(args))
    if result.text is not None:
        sys.stdout.write(result.text)
        return 0
    print(f"已生成初稿：{result.path}")
    for note in result.draft.notes:
        print(f"  提示：{note}")
    if result.checked:
        if result.findings:
            print_findings([str(f) for f in result.findings])
        print(f"自动检查：{result.check_summary}")
    return 0

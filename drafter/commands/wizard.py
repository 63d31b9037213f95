"""`drafter wizard [--answers FILE]`: interactive interview that writes a draft."""

from __future__ import annotations

import argparse
import sys

HELP = "交互式向导：逐项提问，生成总结初稿（Word）并保存回答"

NO_TTY_MESSAGE = (
    "错误：向导需要在终端中交互运行，当前没有可用的终端（{what}不是终端，例如在 CI、管道或重定向中）。\n"
    "提示：不用向导，直接用数据文件生成初稿：drafter draft 数据文件.yaml\n"
    "      （格式见 drafter schema；向导保存的 *.answers.yaml 就是这种文件）。\n"
    "      以已有的回答为默认值逐项确认：在终端中运行 drafter wizard --answers 文件"
)
EXIT_NO_TTY = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answers", metavar="回答文件",
        help="以上次保存的回答（或数据文件、中断时保存的 drafter-answers.partial.<单位>.yaml）为默认值，只问缺少或要修改的内容",
    )


def missing_terminal() -> str | None:
    """Which standard stream is not a terminal (None when the wizard can run)."""
    for name, stream in (("标准输入", sys.stdin), ("标准输出", sys.stdout)):
        try:
            if stream is None or not stream.isatty():
                return name
        except (AttributeError, ValueError):  # closed or replaced streams
            return name
    return None


def run(args: argparse.Namespace) -> int:
    what = missing_terminal()
    if what:
        print(NO_TTY_MESSAGE.format(what=what), file=sys.stderr)
        return EXIT_NO_TTY
    from drafter.wizard import run_wizard

    return run_wizard(args.answers)

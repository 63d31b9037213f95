"""`drafter wizard [--answers FILE]`: interactive interview that writes a draft."""

from __future__ import annotations

import argparse
import sys

HELP = "交互式向导：逐项提问，生成总结初稿（Word）并保存回答"

NO_TTY_MESSAGE = (
    "错误：向导需要在终端中交互运行，当前没有可用的终端（标准输入不是终端，例如在 CI 或管道中）。\n"
    "提示：非交互场景请直接用数据文件生成初稿：drafter draft 数据文件.yaml\n"
    "      （数据文件格式见 drafter schema；向导保存的 *.answers.yaml 就是这种文件）。\n"
    "      drafter wizard --answers 文件 同样需要终端，它以文件内容为默认值逐项确认。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answers", metavar="FILE",
        help="以上次保存的回答（或数据文件、中断时保存的 drafter-answers.partial.yaml）为默认值，只问缺少或要修改的内容",
    )


def interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    if not interactive():
        print(NO_TTY_MESSAGE, file=sys.stderr)
        return 2
    from drafter.wizard import run_wizard

    return run_wizard(args.answers)

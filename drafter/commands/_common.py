"""Options and output shared by the draft and bulk commands (standard library only)."""

from __future__ import annotations

import argparse
import sys


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("docx", "md", "txt"), default=None,
                        help="输出格式：docx（默认，Word 公文版式）、md 或 txt（快速查看）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    parser.add_argument("--template", metavar="模板", help="自己的稿件模板（jinja2，参照 templates/ 中的 .j2 文件）")
    parser.add_argument("--bank", metavar="短语库目录", help="使用另一个短语库（drafter mine 的输出目录），默认为自带短语库")
    parser.add_argument("--no-check", action="store_true", help="写出后不运行 drafter check")


def bank_dir(args: argparse.Namespace) -> str | None:
    return getattr(args, "bank", None)


def print_findings(findings: list[str], *, indent: str = "  ", limit: int = 20) -> None:
    for line in findings[:limit]:
        print(f"{indent}{line}")
    if len(findings) > limit:
        print(f"{indent}……另有 {len(findings) - limit} 条，运行 drafter check 查看全部。")


def err(text: str) -> None:
    print(text, file=sys.stderr)

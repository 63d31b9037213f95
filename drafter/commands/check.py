"""drafter check DRAFT.docx [--figures FIGURES.yaml] [--json]"""

from __future__ import annotations

import argparse
import json
import sys

EPILOG = """  drafter check 总结.docx
  drafter check 总结.docx --figures 数据.yaml      同时核对数据
  drafter check 总结.docx --json
退出状态：0 没有错误（可能有警告）；1 有错误；2 文件无法读取。"""

HELP = "检查初稿：占位符、语料噪声、外单位名称、年份、编号、重复句、数据一致性和公文版式"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("draft", metavar="初稿", help="要检查的 .docx 文件（也可检查 .md/.txt 的文字部分）")
    parser.add_argument("--figures", metavar="数据文件", help="单位数据文件（YAML）：核对每个数据都已写入、正文中没有多余数字")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出检查结果（供程序使用）")
    parser.add_argument("--errors-only", action="store_true", help="只显示错误，不显示警告")


def run(args: argparse.Namespace) -> int:
    from drafter.check import ERROR, check_docx, has_errors, load_figures_for_check, summary

    figures = load_figures_for_check(args.figures) if args.figures else None
    findings = check_docx(args.draft, figures=figures)
    if args.errors_only:
        findings = [f for f in findings if f.severity == ERROR]
    if args.json:
        out = {
            "file": str(args.draft),
            "errors": sum(1 for f in findings if f.severity == ERROR),
            "warnings": sum(1 for f in findings if f.severity != ERROR),
            "findings": [f.to_dict() for f in findings],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"检查：{args.draft}")
        from drafter.commands._common import paint_finding

        for f in findings:
            print(f"  {paint_finding(str(f))}")
        print(summary(findings))
    sys.stdout.flush()
    return 1 if has_errors(findings) else 0

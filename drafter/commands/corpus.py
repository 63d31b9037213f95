"""drafter corpus DIR [--json] [--tree]"""

from __future__ import annotations

import argparse
import json
import sys

EPILOG = """  drafter corpus corpus/
  drafter corpus 我的总结/ --json --tree"""

HELP = "读取语料文件夹：切分、清洗、结构化，列出每篇总结的标题、单位、主题、年份和章节"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="语料", nargs="+", help="语料文件夹或文件（.txt、.md、.docx）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（供程序使用）")
    parser.add_argument("--tree", action="store_true", help="与 --json 同用：输出每篇的完整章节树和段落")
    parser.add_argument("--progress", action="store_true", help="在标准错误输出显示进度条")


def run(args: argparse.Namespace) -> int:
    from drafter.errors import DrafterError
    from drafter.ingest.pipeline import ingest
    from drafter.ingest.report import section_dict, summary, table

    result = ingest(args.dir, progress=args.progress)
    if not result.documents and not result.problems:
        raise DrafterError(f"没有读到任何工作总结：{'、'.join(args.dir)}")
    if args.json:
        docs = []
        for doc in result.documents:
            row = summary(doc)
            if args.tree:
                row["tree"] = [section_dict(s) for s in doc.sections]
            docs.append(row)
        out = {
            "documents": docs,
            "problems": [{"path": p.path, "reason": p.reason} for p in result.problems],
            "warnings": list(result.warnings),
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        from drafter.textutil import for_terminal   # file names and titles come from other people's folders

        for line in table(result.documents):
            print(for_terminal(line))
        print(f"共 {len(result.documents)} 篇（{len(result.files)} 个文件）。")
        for w in result.warnings:
            print(for_terminal(f"提醒：{w}"))
        for p in result.problems:
            print(for_terminal(f"跳过：{p.path}：{p.reason}"), file=sys.stderr)
    sys.stdout.flush()
    if not result.documents:
        raise DrafterError("所有文件都无法读取，见上方“跳过”说明。")
    return 0

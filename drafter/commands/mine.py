"""drafter mine DIR -o phrasebank/ [--report]"""

from __future__ import annotations

import argparse
import sys
import time

HELP = "从一批工作总结（.txt/.docx）中挖掘短语库：分句、数据项模板化、去除专名、合并近似句、排序"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", metavar="语料目录", nargs="+", help="总结所在的文件夹或文件（.txt/.md/.docx）")
    parser.add_argument("-o", "--output", metavar="输出目录", default="phrasebank",
                        help="短语库输出目录（默认 phrasebank/，已有的短语文件会被覆盖）")
    parser.add_argument("--report", action="store_true", help="同时打印语料文档一览表")
    parser.add_argument("-q", "--quiet", action="store_true", help="不显示进度")


def run(args: argparse.Namespace) -> int:
    from drafter.extras import require

    require("mine")
    from drafter.mining import mine, write_bank

    start = time.perf_counter()

    def progress(msg: str) -> None:
        if not args.quiet:
            print(f"[挖掘] {msg}", file=sys.stderr, flush=True)

    corpus = args.corpus[0] if len(args.corpus) == 1 else args.corpus
    bank = mine(corpus, progress=progress)
    written = write_bank(bank, args.output)
    m = bank.manifest
    counts = m.get("counts", {})
    report = bank.mining_report
    print(f"短语库已写入：{args.output}（{len(written)} 个文件）")
    print(f"  总结 {m.get('documents', 0)} 篇，单位 {m.get('units', 0)} 个，短语 {m.get('phrases', 0)} 条")
    for key, title in (("section", "按部分"), ("function", "按作用"), ("theme", "按主题")):
        items = counts.get(key, {})
        print(f"  {title}：" + "，".join(f"{k} {v}" for k, v in sorted(items.items())))
    scrubbed = sum(n for (kind, _, action), n in report.hits.items() if action == "dropped")
    print(f"  专名处理：替换 {sum(n for (k, _, a), n in report.hits.items() if a == 'replaced')} 处，"
          f"因专名舍弃 {scrubbed} 句；建议新增数据项 {len(report.proposed)} 个")
    if report.problems:
        print(f"  无法读取的文件 {len(report.problems)} 个：" + "；".join(f"{p}（{r}）" for p, r in report.problems))
    print(f"  详见 {args.output}/mining-report.md；用时 {time.perf_counter() - start:.1f} 秒")
    if args.report:
        try:
            from drafter.commands import corpus as corpus_cmd  # the ingest side's table, when present
        except ImportError:
            corpus_cmd = None
        if corpus_cmd is not None and hasattr(corpus_cmd, "run"):
            ns = argparse.Namespace(dir=args.corpus, json=False, tree=False, progress=False)
            try:
                corpus_cmd.run(ns)
            except (AttributeError, TypeError):
                _print_docs(report)
        else:
            _print_docs(report)
    return 0


def _print_docs(report) -> None:
    print("\n文档一览：")
    for row in report.documents:
        print(f"  {row['where']:<32} {row['title'][:30]:<30} {row['level']:<3} {row['family']:<6} {row['theme']}")

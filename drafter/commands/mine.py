"""drafter mine DIR -o phrasebank/ [--report]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# Not the shipped phrasebank/: mining a folder of one's own reports must not replace it.
DEFAULT_OUTPUT = "我的短语库"

EPILOG = """  drafter mine 我的总结/                      写入 我的短语库/
  drafter mine 我的总结/ -o 我的短语库/ --report
  drafter draft 数据.yaml --bank 我的短语库/"""

HELP = "从一批工作总结（.txt/.docx）中挖掘短语库：分句、数据项模板化、去除专名、合并近似句、排序"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", metavar="语料目录", nargs="+", help="总结所在的文件夹或文件（.txt/.md/.docx）")
    parser.add_argument("-o", "--output", metavar="输出目录", default=DEFAULT_OUTPUT,
                        help=f"短语库输出目录（默认 {DEFAULT_OUTPUT}/，不是自带的 phrasebank/）；已有的短语库整体替换，"
                             "目录中的其他内容需加 --force（并保留不动）；用 drafter draft 数据.yaml --bank 该目录 起草")
    parser.add_argument("--force", action="store_true", help="输出目录中有不属于短语库的内容时仍然写入（这些内容保留不动）")
    parser.add_argument("--report", action="store_true", help="同时打印语料文档一览表")
    parser.add_argument("-q", "--quiet", action="store_true", help="不显示进度")


def run(args: argparse.Namespace) -> int:
    from drafter.interrupts import stop_like_ctrl_c

    with stop_like_ctrl_c():   # SIGTERM/SIGHUP: the old bank stays as it was, as with Ctrl-C
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from drafter.extras import require

    require("mine")
    from drafter.mining import mine, write_bank
    from drafter.mining.writer import bank_output_plan

    start = time.perf_counter()
    bank_output_plan(args.output, force=args.force)   # refuse before any work

    def progress(msg: str) -> None:
        if not args.quiet:
            print(f"[挖掘] {msg}", file=sys.stderr, flush=True)

    corpus = args.corpus[0] if len(args.corpus) == 1 else args.corpus
    result = mine(corpus, progress=progress)
    report = result.report
    if not result.bank.phrases:
        _refuse_empty(report, args.output)
    written = write_bank(result, args.output, force=args.force)
    m = result.bank.manifest
    counts = m.get("counts", {})
    print(f"短语库已写入：{args.output}（{len(written)} 个文件）")
    print(f"  总结 {m.get('documents', 0)} 篇，单位 {m.get('units', 0)} 个，短语 {m.get('phrases', 0)} 条")
    from drafter.models import PHRASE_FUNCTION_CN as FUNCTION_CN, PHRASE_SECTION_CN as SECTION_CN

    names = {"section": SECTION_CN, "function": FUNCTION_CN, "theme": {"generic": "通用", "": "通用"}}
    for key, title in (("section", "按部分"), ("function", "按作用"), ("theme", "按主题")):
        items = counts.get(key, {})
        print(f"  {title}：" + "，".join(f"{names[key].get(k, k)} {v}" for k, v in sorted(items.items())))
    scrubbed = sum(n for (kind, _, action), n in report.hits.items() if action == "dropped")
    print(f"  专名处理：替换 {sum(n for (k, _, a), n in report.hits.items() if a == 'replaced')} 处，"
          f"因专名舍弃 {scrubbed} 句；建议新增数据项 {len(report.proposed)} 个")
    if report.problems:
        from drafter.textutil import for_terminal

        print(for_terminal(f"  无法读取的文件 {len(report.problems)} 个：" + "；".join(f"{p}（{r}）" for p, r in report.problems)))
    print(f"  详见 {Path(args.output) / 'mining-report.md'}；用时 {time.perf_counter() - start:.1f} 秒")
    print(f"  起草时使用：drafter draft 数据.yaml --bank {args.output}")
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


def _refuse_empty(report, output) -> None:
    """No phrases: say which files could not be read and what to do (nothing is written)."""
    from drafter.errors import InputError
    from drafter.textutil import for_terminal

    problems = report.problems
    lines = [f"没有挖掘出任何短语，未写入短语库 {output}。"]
    if problems:
        lines.append(f"无法读取的文件 {len(problems)} 个：")
        lines += [f"  {for_terminal(str(p))}：{for_terminal(str(r))}" for p, r in problems[:50]]
        if len(problems) > 50:
            lines.append(f"  ……另有 {len(problems) - 50} 个")
    raise InputError("\n".join(lines),
                     hint="旧版 .doc、.wps、.pdf 文件请先用 Word/WPS 另存为 .docx 或 .txt；语料应为完整的工作总结。")


def _print_docs(report) -> None:
    print("\n文档一览：")
    for row in report.documents:
        print(f"  {row['where']:<32} {row['title'][:30]:<30} {row['level']:<3} {row['family']:<6} {row['theme']}")

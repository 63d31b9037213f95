"""drafter bulk UNITS.yaml -o DIR/"""

from __future__ import annotations

import argparse

from drafter.commands._common import add_output_options, bank_dir, err, print_findings

HELP = "根据批量数据文件（多个单位）一次生成多份初稿，每个单位一个文件"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("units", metavar="批量文件", help="批量数据文件（YAML）：defaults（共用）+ units（单位列表），见 examples/units.yaml")
    parser.add_argument("-o", "--output", metavar="输出目录", default="drafts", help="输出目录（默认 drafts/）")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="并行进程数（默认为 CPU 核数）")
    parser.add_argument("--quiet", action="store_true", help="只显示失败的单位和汇总")
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    from drafter.bulk import run_bulk_file

    report = run_bulk_file(args.units, args.output, bank_path=bank_dir(args), fmt=args.format or "docx",
                           force=args.force, template=args.template, jobs=args.jobs, check=not args.no_check)
    for r in report.results:
        if r.ok:
            if not args.quiet:
                flag = f"（自动检查：{r.check_errors} 个错误）" if r.check_errors else ""
                print(f"✓ {r.name} → {r.path}{flag}")
                if r.check_errors:
                    print_findings([f for f in r.findings if f.startswith("[错误]")], indent="    ")
        else:
            err(f"✗ {r.name}：{r.error}")
    n_ok, n_bad = len(report.written), len(report.failed)
    print(f"完成：成功 {n_ok} 份，失败 {n_bad} 份，输出目录 {args.output}")
    if n_bad:
        err("失败的单位没有写出文件；改正批量文件后重新运行即可（已写出的文件需加 --force 才会覆盖）。")
    return 0 if report.ok else 1

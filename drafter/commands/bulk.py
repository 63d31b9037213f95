"""drafter bulk UNITS.yaml -o DIR/"""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.commands._common import add_output_options, bank_dir, check_writable_dir, err, paint, print_findings

HELP = "根据批量数据文件（多个单位）一次生成多份初稿，每个单位一个文件"
EPILOG = """  drafter bulk examples/units.yaml -o drafts/
  drafter bulk examples/units.yaml -o drafts/ --skip-existing   已有的文件保留，只写新的
  drafter bulk examples/units.yaml -o drafts/ --dry-run         只列出将写出/跳过的文件
退出状态：0 全部写出且检查无错误；1 有失败的单位或有检查错误；2 命令行、批量文件或输出目录有误。"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("units", metavar="批量文件", help="批量数据文件（YAML）：defaults（共用）+ units（单位列表），见 examples/units.yaml")
    parser.add_argument("-o", "--output", metavar="输出目录", default="drafts", help="输出目录（默认 drafts/）")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="进程数", help="并行进程数（默认为 CPU 核数）")
    parser.add_argument("--quiet", action="store_true", help="只显示失败的单位和汇总")
    add_output_options(parser)


def check_output_dir(args: argparse.Namespace) -> None:
    """-o of bulk, before any work: a folder (or a new one) we may write in; --format a file format."""
    from drafter.errors import DrafterError

    if args.force and args.skip_existing:
        raise DrafterError("--force 与 --skip-existing 不能同时使用。",
                           hint="覆盖已有文件用 --force，保留已有文件用 --skip-existing。")
    if args.output == "-":
        raise DrafterError("批量生成不能打印到屏幕：-o 后请写一个文件夹。")
    check_writable_dir(Path(args.output), "输出目录")


def run(args: argparse.Namespace) -> int:
    from drafter.commands.draft import check_reference_doc

    check_output_dir(args)
    reference = check_reference_doc(args.reference_doc, args.format or "docx")
    if args.dry_run:
        return _dry_run(args)
    from drafter.bulk import run_bulk_file

    report = run_bulk_file(args.units, args.output, bank_path=bank_dir(args), fmt=args.format or "docx",
                           force=args.force, template=args.template, jobs=args.jobs, check=not args.no_check,
                           skip_existing=args.skip_existing, reference_doc=reference)
    exists = [r for r in report.results if getattr(r, "exists", False)]
    for r in report.results:
        if r.ok and getattr(r, "skipped", False):
            if not args.quiet:
                print(f"- {r.name}：已存在，跳过 {r.path}")
        elif r.ok:
            if not args.quiet or r.check_errors:
                flag = paint(f"（自动检查：{r.check_errors} 个错误）", "error") if r.check_errors else ""
                print(f"✓ {r.name} → {r.path}{flag}")
                if r.check_errors:
                    print_findings([f for f in r.findings if f.startswith("[错误]")], indent="    ")
        else:
            err(f"{paint('✗', 'error', None)} {r.name}：{r.error}")
    with_errors = [r for r in report.written if r.check_errors]
    n_ok = len(report.written) - len(with_errors)
    skipped = len(getattr(report, "skipped", []))
    failed = len(report.failed)
    parts = [f"成功 {n_ok} 份"]
    if with_errors:
        parts.append(paint(f"有检查错误 {len(with_errors)} 份", "error"))
    if skipped:
        parts.append(f"跳过已存在的 {skipped} 份")
    parts.append(f"失败 {failed} 份")
    print(f"完成：{'，'.join(parts)}，输出目录 {args.output}")
    if exists:
        err(f"有 {len(exists)} 个文件已存在，没有覆盖：加 --skip-existing 跳过它们（只写新的），或加 --force 全部覆盖。")
    if failed > len(exists):
        err("其余失败的单位没有写出文件：按上面的说明改正批量文件后，加 --skip-existing 重新运行即可补写。")
    if with_errors:
        err("有检查错误的初稿已写出：请按上面的提示在 Word 中修改，或改正数据后加 --force 重新生成。")
    return 0 if report.ok and not with_errors else 1


def _dry_run(args: argparse.Namespace) -> int:
    """List the files the run would write, skip or refuse; write nothing."""
    from drafter.bank import PhraseBank
    from drafter.bulk import safe_target
    from drafter.drafting import draft_unit, output_name
    from drafter.figures import load_bulk

    bank = PhraseBank.load(bank_dir(args))
    bulk = load_bulk(args.units, slots=bank.slots)
    out, fmt = Path(args.output), args.format or "docx"
    counts = {"write": 0, "skip": 0, "refuse": 0, "bad": 0}
    for u in bulk.units:
        if u.spec is None:
            counts["bad"] += 1
            err(f"✗ {u.name}：" + "\n".join(u.errors))
            continue
        path = safe_target(out, output_name(draft_unit(u.spec, bank=bank, template=args.template), fmt))
        if not path.exists():
            counts["write"] += 1
            print(f"将写出：{path}")
        elif args.skip_existing:
            counts["skip"] += 1
            print(f"已存在，将跳过：{path}")
        elif args.force:
            counts["write"] += 1
            print(f"将覆盖：{path}")
        else:
            counts["refuse"] += 1
            print(f"已存在，将失败（未加 --force 或 --skip-existing）：{path}")
    print(f"试运行，未写任何文件：将写出 {counts['write']} 份，跳过 {counts['skip']} 份，"
          f"因文件已存在失败 {counts['refuse']} 份，数据有误 {counts['bad']} 份。")
    return 0 if not counts["bad"] else 1

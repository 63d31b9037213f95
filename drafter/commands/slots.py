"""drafter slots [--theme 政务公开] [--family 民政社保] [--all] [--json]"""

from __future__ import annotations

import argparse
import json

EPILOG = """  drafter slots --theme 政务公开
  drafter slots --family 民政社保
  drafter slots --all --json"""

HELP = "列出短语库可以使用的数据项（名称、问题、单位、类型），可按主题筛选"

TYPE_CN = {"int": "整数", "decimal": "小数", "percent": "百分比", "date": "日期", "year": "年份", "text": "文字"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--theme", metavar="主题", help="政务公开 | 年度综合 | 乡村振兴·帮扶")
    parser.add_argument("--family", metavar="系统", help="部门系统，如 民政社保、政法")
    parser.add_argument("--all", action="store_true", help="也列出挖掘时建议新增（尚未审核）的数据项和上下文数据项")
    parser.add_argument("--bank", metavar="目录", help="短语库目录（默认 phrasebank/）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def run(args: argparse.Namespace) -> int:
    from drafter.bank import PhraseBank

    from drafter.commands._common import theme_option

    args.theme = theme_option(args.theme)          # an unknown theme is refused, as draft does
    bank = PhraseBank.load(args.bank)
    slots = [s for s in bank.slots.values() if s.applies_to(args.theme, args.family) or (not args.theme and not args.family)]
    if args.theme or args.family:
        slots = [s for s in slots if (not args.theme or not s.themes or args.theme in s.themes)
                 and (not args.family or not s.families or args.family in s.families)]
    if not args.all:
        slots = [s for s in slots if not s.context and not s.proposed]
    slots.sort(key=lambda s: (s.context is False, s.proposed, s.order, s.name))
    uses = {}
    for p in bank.phrases:
        for name in p.slots:
            uses[name] = uses.get(name, 0) + 1
    if args.json:
        out = [{**s.to_dict(), "phrases": uses.get(s.name, 0)} for s in slots]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if not slots:
        print("没有符合条件的数据项。")
        return 0
    group = None
    for s in slots:
        g = "上下文（自动填写）" if s.context else ("挖掘建议（未审核）" if s.proposed else s.group or "其他")
        if g != group:
            print(f"\n【{g}】")
            group = g
        unit = f"单位：{s.unit}  " if s.unit else ""
        print(f"  {s.name:<12} {s.label}  {unit}类型：{TYPE_CN.get(s.type, s.type)}  短语 {uses.get(s.name, 0)} 条")
    print(f"\n共 {len(slots)} 个数据项。在数据文件的 figures: 下按名称填写，例如：  {slots[-1].name}: …")
    return 0

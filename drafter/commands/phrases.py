"""drafter phrases [--section S] [--function F] [--theme T] [--family F] [--slot S] [--keyword K] [--json]"""

from __future__ import annotations

import argparse
import json
import re
import sys

from drafter.models import PHRASE_FUNCTION_CN as FUNCTION_CN
from drafter.models import PHRASE_SECTION_CN as SECTION_CN

EPILOG = """  drafter phrases --section 存在问题
  drafter phrases --theme 政务公开 --function 数据句 -n 10
  drafter phrases --slot 主动公开信息数
  drafter phrases -k 政策解读 --json"""

HELP = "浏览和搜索短语库：按部分、作用、主题、系统、数据项、关键词筛选，显示模板、支持度和来源"



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--section", metavar="部分", help="开头 | 工作成效 | 存在问题 | 下一步打算 | 结尾"
                        "（也接受 opening、achievements、problems、plans、closing 等）")
    parser.add_argument("--function", metavar="作用", help="小标题 | 开头语 | 引导语 | 做法 | 数据句 | 问题 | 打算 | 结束语"
                        "（也接受 heading、measure、result 等）")
    parser.add_argument("--theme", metavar="主题", help="政务公开 | 年度综合 | 乡村振兴·帮扶 | 通用（只看不限主题的）")
    parser.add_argument("--family", metavar="系统", help="部门系统，如 民政社保、政法；通用 = 不限系统")
    parser.add_argument("--slot", metavar="数据项", help="只看用到该数据项的句子，如 主动公开信息数")
    parser.add_argument("--keyword", "-k", metavar="关键词", help="正文或近似句中包含的词")
    parser.add_argument("--topic", metavar="话题", help="话题，如 组织领导、政策解读")
    parser.add_argument("--limit", "-n", type=int, default=30, metavar="条数", help="最多显示多少条（默认 30，0 = 全部）")
    parser.add_argument("--bank", metavar="目录", help="短语库目录（默认 phrasebank/ 或环境变量 DRAFTER_PHRASEBANK）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（每条短语一个对象）")


def section_option(value: str | None) -> str | None:
    """--section: the names it prints (存在问题), the corpus names (sections.yaml display) or the keys."""
    if not value:
        return None
    from drafter.bank import SECTION_ALIASES
    from drafter.commands._common import unknown_choice
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    names = {v: k for k, v in SECTION_CN.items()}
    display = (read_table(data_file("sections.yaml")) or {}).get("display") or {}
    for key, label in display.items():
        names.setdefault(str(label), str(key))
    value = value.strip()
    if value in SECTION_ALIASES:
        return value
    if value in names:
        return names[value]
    raise unknown_choice("部分", value, list(SECTION_CN.values()) + list(SECTION_CN))


def function_option(value: str | None) -> str | None:
    """--function: the keys or the Chinese names it prints (数据句)."""
    if not value:
        return None
    from drafter.commands._common import unknown_choice

    names = {v: k for k, v in FUNCTION_CN.items()}
    if value in FUNCTION_CN:
        return value
    if value in names:
        return names[value]
    raise unknown_choice("作用", value, list(FUNCTION_CN.values()) + list(FUNCTION_CN))


def _highlight(text: str, color: bool) -> str:
    if not color:
        return text
    return re.sub(r"(?<!\{)\{([^{}]+)\}(?!\})", "\033[1;36m{\\1}\033[0m", text)


def run(args: argparse.Namespace) -> int:
    from drafter.bank import PhraseBank
    from drafter.commands._common import theme_option

    theme = theme_option(args.theme, generic=True)
    section = section_option(args.section)
    function = function_option(args.function)
    bank = PhraseBank.load(args.bank)
    family = "generic" if args.family in ("通用", "generic") else args.family
    found = bank.find(section=section, function=function, theme=theme, family=family, slot=args.slot,
                      keyword=args.keyword, topic=args.topic)
    # within a section and function, best first
    total = len(found)
    shown = found if not args.limit else found[: args.limit]
    if args.json:
        print(json.dumps({"total": total, "phrases": [p.to_dict() for p in shown]}, ensure_ascii=False, indent=1))
        return 0
    if not found:
        print("没有找到符合条件的短语。可放宽筛选条件，或用 drafter phrases 查看全部。")
        return 0
    from drafter.commands._common import use_colour

    color = use_colour(sys.stdout)
    for p in shown:
        tags = "·".join(x for x in (p.theme or "通用", p.family, p.level, p.topic) if x)
        print(f"[{p.id}] {SECTION_CN.get(p.section, p.section)}/{FUNCTION_CN.get(p.function, p.function)}  {tags}"
              f"  得分 {p.score:.2f}  支持 {p.support.get('units', 1)} 个单位/{p.support.get('docs', 1)} 篇")
        print(f"    {_highlight(p.text, color)}")
        if p.slots:
            print(f"    数据项：{'、'.join(p.slots)}")
        print(f"    来源：{'，'.join(p.sources[:4])}{' 等' if len(p.sources) > 4 else ''}")
        for v in p.variants[:2]:
            print(f"    近似：{v}")
    if total > len(shown):
        print(f"（共 {total} 条，显示前 {len(shown)} 条；用 --limit 0 显示全部）")
    else:
        print(f"（共 {total} 条）")
    return 0

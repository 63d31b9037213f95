"""drafter new UNIT [--theme T] [-o FILE]: a commented starter figures file for a unit."""

from __future__ import annotations

import argparse
import datetime as _dt
import sys

HELP = "为一个单位写一份带注释的数据文件模板（该单位适用的数据项和工作事项），填好后用 drafter draft 生成初稿"
EPILOG = """  drafter new 某某县应急管理局 > 应急局.yaml
  drafter new 某某县民政局 --theme 政务公开 -o 民政局.yaml
  drafter draft 应急局.yaml -o 应急局.docx"""

# Figures offered in the template, at most (the unit's own work lines first).
MAX_SLOTS = 24


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("unit", metavar="单位名称", help="单位全称，如 某某县应急管理局")
    parser.add_argument("--theme", metavar="主题", help="政务公开 | 年度综合（默认）| 乡村振兴·帮扶")
    parser.add_argument("--year", type=int, metavar="年份", help="报告年度（默认：今年；上半年为去年）")
    parser.add_argument("-o", "--output", metavar="输出文件", help="写入文件（.yaml）；默认打印到屏幕")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    parser.add_argument("--bank", metavar="短语库目录", help="短语库目录（默认为自带短语库）")


def report_year(today: _dt.date | None = None) -> int:
    today = today or _dt.date.today()
    return today.year if today.month >= 7 else today.year - 1


def _yaml_str(text: str) -> str:
    import json

    plain = text and not any(c in text for c in ":#{}[]&*!|>'\"%@`,") and not text[0] in "-? "
    return text if plain else json.dumps(text, ensure_ascii=False)


def starter(unit: str, theme: str | None, year: int, bank) -> str:
    """The commented figures file (valid as it stands: every figure is a comment to fill in)."""
    from drafter.departments import departments
    from drafter.figures.schema import UnitSpec
    from drafter.models import THEMES
    from drafter.profile import profile_for

    profile = profile_for({"unit": unit, "theme": theme, "year": year})
    dep = departments().for_profile(profile)
    slots = bank.slots_for(profile)
    own = list(dep.slots()) if dep else []
    slots.sort(key=lambda s: (s.name not in own, own.index(s.name) if s.name in own else 0))
    slots = slots[:MAX_SLOTS]
    lines = [
        f"# {unit}{year}年{'' if profile.theme == '年度综合' else profile.theme}工作总结的数据文件（drafter new 生成）。",
        "# 填好后运行：drafter draft 本文件.yaml -o 总结.docx    格式说明：drafter schema",
        f"# 推断：层级 {profile.level or '未知'}，系统 {profile.family or '未知'}"
        + (f"，部门 {profile.department}" if getattr(profile, "department", None) else "")
        + "（不对时可加 level:、department:、family: 改正）",
        f"unit: {_yaml_str(unit)}",
        f"year: {year}",
        f"theme: {profile.theme}                 # {' | '.join(THEMES)}",
        "with_plan: false              # true：标题为「…工作总结及下一年工作思路」",
        "",
        "figures:                      # 删去行首的「# 」并填写数字；不需要的留着注释即可",
    ]
    if not slots:
        lines.append("  # （短语库没有适合该单位的数据项；可运行 drafter slots 查看全部）")
    width = max((len(s.name) for s in slots), default=0)
    for s in slots:
        unit_word = f"（{s.unit}）" if s.unit and f"（{s.unit}）" not in s.question else ""
        example = f"，例：{s.example}" if s.example not in (None, "") else ""
        pad = " " * (2 * (width - len(s.name)) + 2)      # names are Chinese: two columns a character
        lines.append(f"  # {s.name}:{pad}# {s.question}{unit_word}{example}")
    lines += ["", "highlights: []                # 本年度的亮点做法，每项一行：- 在……开设……专栏"]
    if dep and dep.work:
        has_work = "work" in getattr(UnitSpec, "model_fields", {})
        c = "" if has_work else "# "
        lines += ["", f"{c}work:                        # 主要工作事项（小标题），可删改；points 写具体做法"]
        for w in dep.work:
            lines.append(f"{c}  - title: {_yaml_str(w.title)}")
    lines += [
        "",
        "problems: auto                # auto = 从短语库选；或写自己的句子列表",
        "plans: auto",
        f"signature: {{name: {_yaml_str(unit)}}}     # 落款；成文日期可加 date: {year}-12-20",
        "seed: 1                       # 换一个数字换一种写法",
        "",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from drafter.bank import PhraseBank
    from drafter.errors import DrafterError
    from drafter.models import THEMES

    if args.theme and args.theme not in THEMES:
        from drafter.cli import nearest

        near = nearest(args.theme, THEMES)
        raise DrafterError(f"未知的主题：{args.theme}" + (f"，是否想输入 {near[0]}？" if near else ""),
                           hint="可选：" + " | ".join(THEMES))
    if args.output:
        from pathlib import Path

        from drafter.commands._common import check_writable_dir

        out = Path(args.output)
        if out.suffix.lower() not in (".yaml", ".yml"):
            raise DrafterError(f"数据文件应以 .yaml 结尾：{args.output}", hint=f"例如 -o {out.with_suffix('.yaml')}")
        check_writable_dir(out.parent if str(out.parent) else Path("."), "输出文件夹")
    text = starter(args.unit.strip(), args.theme, args.year or report_year(), PhraseBank.load(args.bank))
    if not args.output:
        sys.stdout.write(text)
        return 0
    from drafter.fileio import atomic_write_text

    path = atomic_write_text(args.output, text, force=args.force)
    print(f"已写出数据文件模板：{path}\n填好数字后运行：drafter draft {path} -o 总结.docx")
    return 0

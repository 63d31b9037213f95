"""drafter kinds: the report kinds (themes) with their skeletons, the department families and the levels."""

from __future__ import annotations

import argparse
import json

HELP = "列出报告类别（主题）及其稿件模板、部门系统和单位层级"
EPILOG = """  drafter kinds
  drafter kinds --json
  drafter new 某某县民政局 --theme 政务公开"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def kinds() -> dict:
    """Themes (with skeleton file and title subject), families, levels: from outline.yaml and taxonomy.yaml."""
    from drafter.drafting.rules import load_rules
    from drafter.models import THEMES
    from drafter.profile import load_taxonomy

    rules = load_rules()
    tax = load_taxonomy()
    themes = []
    for theme in THEMES:
        path, subject = rules.skeleton(theme, False)
        themes.append({"theme": theme, "skeleton": path.name, "title": f"某某单位2026年{subject}工作总结",
                       "default": theme == tax.default_theme})
    plan_path, _ = rules.skeleton(tax.default_theme, True)
    families: dict[str, list[str]] = {}
    for dep in tax.departments:
        families.setdefault(dep.family, []).append(dep.canonical)
    return {
        "themes": themes,
        "with_plan": {"skeleton": plan_path.name, "title": "某某单位2026年工作总结及2027年工作思路"},
        "families": families,
        "levels": [lv.level for lv in tax.levels],
    }


def run(args: argparse.Namespace) -> int:
    data = kinds()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print("报告类别（theme:）")
    for t in data["themes"]:
        default = "（默认）" if t["default"] else ""
        print(f"  {t['theme']}{default}  稿件模板 templates/{t['skeleton']}  标题如「{t['title']}」")
    wp = data["with_plan"]
    print(f"  with_plan: true  稿件模板 templates/{wp['skeleton']}  标题如「{wp['title']}」")
    print("\n部门系统（family:）及其部门")
    for fam, deps in data["families"].items():
        shown = "、".join(deps[:8]) + (f" 等 {len(deps)} 个" if len(deps) > 8 else "")
        print(f"  {fam}：{shown}")
    print(f"\n单位层级（level:）：{'、'.join(data['levels'])}")
    print("\n层级、系统和部门由单位名称推断；不对时在数据文件中写 level:、family:、department: 改正。")
    return 0

"""drafter schema"""

from __future__ import annotations

import argparse
import json

HELP = "打印单位数据文件（YAML）的格式说明（JSON Schema）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bulk", action="store_true", help="打印批量文件（defaults + units）的格式")


def run(args: argparse.Namespace) -> int:
    from drafter.figures import json_schema

    schema = json_schema()
    if args.bulk:
        unit = dict(schema)
        defs = unit.pop("$defs", {})
        defaults = {k: v for k, v in unit.items() if k != "required"}
        schema = {
            "title": "批量数据文件",
            "type": "object",
            "properties": {
                "defaults": dict(defaults, title="各单位共用的设置（可被单位自己的设置覆盖）"),
                "units": {"type": "array", "items": unit, "minItems": 1, "title": "单位列表"},
            },
            "required": ["units"],
            "$defs": defs,
        }
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0

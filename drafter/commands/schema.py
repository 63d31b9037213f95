"""drafter schema"""

from __future__ import annotations

import argparse
import json

EPILOG = """  drafter schema > 数据文件格式.json
  drafter schema --bulk
  drafter new 某某县民政局                    带注释的数据文件模板，比 JSON Schema 好读"""

HELP = "打印单位数据文件（YAML）的格式说明（JSON Schema）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bulk", action="store_true", help="打印批量文件（defaults + units）的格式")


def in_chinese(schema: dict) -> dict:
    """The schema with pydantic's English titles and descriptions replaced from
    drafter/data/schema_zh.yaml (texts it lacks are kept)."""
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    table = read_table(data_file("schema_zh.yaml")) or {}
    titles, descriptions = table.get("titles") or {}, table.get("descriptions") or {}

    def walk(node):
        if isinstance(node, dict):
            return {k: (titles.get(v, v) if k == "title" and isinstance(v, str) else
                        descriptions.get(v, v) if k == "description" and isinstance(v, str) else walk(v))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def run(args: argparse.Namespace) -> int:
    from drafter.figures import json_schema

    schema = in_chinese(json_schema())
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

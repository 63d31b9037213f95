"""Figures files: loading, validation messages (Chinese, with line numbers), bulk, round trip."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.errors import InputError
from drafter.figures import (
    UnitSpec,
    load_bulk,
    load_figures,
    parse_bulk_text,
    parse_figures_text,
    validate_figure,
    validate_figures,
)

GOOD = """\
unit: 某某县民政局
year: 2026
theme: 政务公开
figures:
  主动公开信息数: 1530
  依申请公开件数: 12
  依申请办结件数: 12
  依申请办结率: 100
highlights:
  - 建成“一站式”社会救助信息公开专栏
problems: auto
plans: auto
signature: {name: 某某县民政局, date: 2026-12-20}
seed: 7
"""


def _err(text: str) -> str:
    with pytest.raises(InputError) as ei:
        parse_figures_text(text, source="f.yaml")
    return str(ei.value)


def test_good_file_loads_with_types(tmp_path):
    p = tmp_path / "f.yaml"
    p.write_text(GOOD, encoding="utf-8")
    spec = load_figures(p)
    assert spec.unit == "某某县民政局"
    assert spec.year == 2026 and spec.theme == "政务公开"
    assert spec.figures["主动公开信息数"] == 1530
    assert spec.signature.date == dt.date(2026, 12, 20)
    assert spec.problems == "auto"
    assert spec.highlights == ["建成“一站式”社会救助信息公开专栏"]


def test_round_trip_to_yaml():
    spec = parse_figures_text(GOOD)
    again = parse_figures_text(spec.to_yaml(header="向导保存的答案"))
    assert again == spec
    assert spec.to_yaml().startswith("unit: 某某县民政局\n")


def test_unknown_slot_names_nearest_and_line():
    msg = _err("unit: 某某县民政局\nfigures:\n  主动公开信息: 3\n")
    assert "第 3 行" in msg and "主动公开信息数" in msg and "未知的数据项" in msg


def test_negative_count_percent_part_whole_each_named():
    msg = _err(
        "unit: 某某县民政局\nfigures:\n  主动公开信息数: -1\n  依申请公开件数: 5\n"
        "  依申请办结件数: 6\n  依申请办结率: 120\n"
    )
    assert "第 3 行" in msg and "负数" in msg
    assert "第 5 行" in msg and "不能大于" in msg and "依申请公开件数" in msg
    assert "第 6 行" in msg and "超过了 100%" in msg
    assert "某某县民政局" in msg and "f.yaml" in msg


@pytest.mark.parametrize("year", ["二〇二六", "20260", "1850", "abc", "true"])
def test_year_that_is_not_a_year(year):
    msg = _err(f"unit: 某某县民政局\nyear: {year}\n")
    assert "第 2 行" in msg and "年份" in msg


def test_missing_unit_and_wrong_types():
    msg = _err("year: 2026\nwith_plan: 也许\nhighlights: 3.5x\nseed: 七\n")
    assert "缺少单位名称" in msg
    assert "true 或 false" in msg and "第 2 行" in msg
    assert "seed" in msg


def test_unknown_key_suggests():
    msg = _err("unit: 某某县民政局\nfigurs:\n  主动公开信息数: 3\n")
    assert "未知的键「figurs」" in msg and "figures" in msg and "第 2 行" in msg


def test_malformed_yaml_shows_line():
    msg = _err("unit: 某某县民政局\nfigures:\n  主动公开信息数: [3\n  x: 1\n")
    assert "YAML 格式错误" in msg and "行" in msg


def test_duplicate_key_is_reported():
    msg = _err("unit: 某某县民政局\nfigures:\n  主动公开信息数: 3\n  主动公开信息数: 4\n")
    assert "第 4 行" in msg and "重复" in msg


def test_alias_bomb_rejected_quickly():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    msg = _err("\n".join(lines) + "\n")
    assert "别名" in msg


def test_binary_and_missing_file(tmp_path):
    p = tmp_path / "b.yaml"
    p.write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="不是文本文件"):
        load_figures(p)
    with pytest.raises(InputError, match="找不到"):
        load_figures(tmp_path / "none.yaml")


def test_theme_aliases_and_text_cleaning():
    spec = parse_figures_text("unit: \"某某镇人民政府\\n\"\ntheme: 乡村振兴\nhighlights: [\"a\\u0007b\"]\n")
    assert spec.unit == "某某镇人民政府" and spec.theme == "乡村振兴·帮扶"
    assert spec.highlights == ["ab"]


def test_validate_figure_for_wizard():
    assert validate_figure("依申请办结率", "98.5%") == (98.5, None)
    assert validate_figure("主动公开信息数", "1,530") == (1530, None)
    v, err = validate_figure("主动公开信息数", "很多")
    assert v is None and "不是数值" in err
    v, err = validate_figure("截至日期", "2026年12月15日")
    assert v == dt.date(2026, 12, 15) and err is None
    norm, issues = validate_figures({"依申请公开件数": 3, "依申请办结件数": 2})
    assert norm == {"依申请公开件数": 3, "依申请办结件数": 2} and issues == []


BULK = """\
defaults:
  year: 2026
  theme: 政务公开
  figures: {主动公开信息数: 100}
units:
  - unit: 某某县民政局
    figures: {依申请公开件数: 3}
  - unit: 某某县财政局
    figures: {依申请公开件数: -3}
  - unit: 某某镇人民政府
    theme: 年度综合
  - figures: {主动公开信息数: 3}
"""


def test_bulk_collects_errors_per_unit():
    bulk = parse_bulk_text(BULK, source="units.yaml")
    assert [u.ok for u in bulk.units] == [True, False, True, False]
    assert bulk.units[0].spec.figures == {"主动公开信息数": 100, "依申请公开件数": 3}
    assert bulk.units[2].spec.theme == "年度综合"
    assert "第 9 行" in bulk.units[1].errors[0] and "某某县财政局" in bulk.units[1].errors[0]
    assert "缺少单位名称" in bulk.units[3].errors[0]
    assert len(bulk.valid) == 2 and len(bulk.failed) == 2


def test_bulk_file_level_errors(tmp_path):
    with pytest.raises(InputError, match="units"):
        parse_bulk_text("defaults: {year: 2026}\n")
    with pytest.raises(InputError, match="defaults 里不能写 unit"):
        parse_bulk_text("defaults: {unit: x}\nunits: [{unit: y}]\n")
    with pytest.raises(InputError, match="批量文件"):
        parse_figures_text("units: [{unit: y}]\n")
    p = tmp_path / "one.yaml"
    p.write_text("unit: 某某县民政局\n", encoding="utf-8")
    assert [u.spec.unit for u in load_bulk(p).units] == ["某某县民政局"]


def test_unitspec_defaults():
    spec = UnitSpec(unit="某某县民政局")
    assert spec.problems == "auto" and spec.plans == "auto" and spec.seed == 0
    assert spec.signature_name() == "某某县民政局"

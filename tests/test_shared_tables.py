"""The typed loaders of the tables several stages share: politics.yaml, typos.yaml, departments.yaml."""

from __future__ import annotations

import pytest

from drafter.departments import departments, parse_departments
from drafter.errors import DrafterError
from drafter.politics import parse_politics, politics
from drafter.profile import profile_for
from drafter.typos import typos


def test_formulas_are_restored_and_idempotent():
    pol = politics()
    fixed = pol.restore("坚持以新时代中国特色社会主义思想为指导")
    assert fixed == "坚持以习近平新时代中国特色社会主义思想为指导"
    assert pol.restore(fixed) == fixed
    assert pol.mutilated("坚持以新时代中国特色社会主义思想为指导")
    assert not pol.mutilated(fixed)


@pytest.mark.parametrize("text, year, ok", [
    ("抓好第二批主题教育工作", 2026, False),
    ("抓好第二批主题教育工作", 2023, True),
    ("深入开展党纪学习教育", 2024, True),
    ("深入开展党纪学习教育", 2026, False),
    ("认真做好信息公开工作", 1990, True),           # names no campaign
])
def test_campaign_years(text, year, ok):
    assert politics().year_ok(text, year) is ok
    assert bool(politics().stale_campaigns(text, year)) is (not ok)


def test_anniversary_must_match_the_year():
    errs = politics().anniversary_errors("庆祝建党102周年", 2026)
    assert [(n, right) for _, n, right in errs] == [(102, 105)]
    assert politics().anniversary_errors("庆祝建党105周年", 2026) == []


def test_a_broken_politics_table_is_named():
    with pytest.raises(DrafterError, match="campaigns 第 1 项"):
        parse_politics({"campaigns": [{"id": "x", "pattern": "(", "years": [[2020, 2021]]}]}, "politics.yaml")
    with pytest.raises(DrafterError, match="years"):
        parse_politics({"campaigns": [{"id": "x", "pattern": "a", "years": "2020"}]}, "politics.yaml")


def test_typos_fix_and_reject():
    t = typos()
    assert t.fix("认真落实相文件要求") == "认真落实相关文件要求"
    assert t.found("认真落实相文件要求")
    assert t.rejected("要想给人一碗水，必须自己要有一桶水。").id == "proverb-water"
    assert t.rejected("扎实推进政务公开工作。") is None


@pytest.mark.parametrize("unit, department", [
    ("某某县应急管理局", "应急管理局"),
    ("某某县教育局", "教育局"),
    ("某某镇人民政府", "乡镇人民政府"),
    ("某某街道办事处", "街道办事处"),
])
def test_a_unit_finds_its_department_profile(unit, department):
    dep = departments().for_profile(profile_for({"unit": unit, "theme": "年度综合", "year": 2026}))
    assert dep is not None and dep.department == department
    assert len(dep.work) >= 5 and all(w.title for w in dep.work)


def test_a_broken_departments_table_is_named():
    with pytest.raises(DrafterError, match="departments.应急管理局.work 第 1 项"):
        parse_departments({"departments": {"应急管理局": {"work": [{"keywords": []}]}}}, "departments.yaml")

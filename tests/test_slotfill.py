import datetime as dt

import pytest
from hypothesis import given, strategies as st

from drafter.models import UnitProfile
from drafter.slotfill import (
    MissingSlotError, SlotError, context_values, escape, fill, find_slots, format_date, format_value,
)


def test_find_slots_in_order_once():
    t = "截至{截至日期}，{单位简称}公开信息{主动公开信息数}条，其中{主动公开信息数}条……{{字面}}"
    assert find_slots(t) == ["截至日期", "单位简称", "主动公开信息数"]


def test_fill_formats_like_the_corpus():
    assert fill("全年主动公开政府信息{主动公开信息数}条。", {"主动公开信息数": 1530}) == "全年主动公开政府信息1530条。"
    assert fill("办结率{率}。", {"率": 98.5}, {"率": "percent"}) == "办结率98.5%。"
    assert fill("办结率{率}。", {"率": 100}, {"率": "percent"}) == "办结率100%。"
    assert fill("收入{钱}万元", {"钱": 63.6}, {"钱": "decimal"}) == "收入63.6万元"
    assert fill("收入{钱}万元", {"钱": "63.60"}, {"钱": "decimal"}) == "收入63.60万元"
    assert fill("截至{截至日期}，", {"截至日期": dt.date(2026, 12, 15)}) == "截至2026年12月15日，"
    assert fill("截至{截至日期}，", {"截至日期": "2026-12-15"}, {"截至日期": "date"}) == "截至2026年12月15日，"
    assert format_date("2026-12-05", with_year=False) == "12月5日"
    assert format_value(12000) == "12000"  # no thousands separator


def test_literal_braces():
    assert fill("{{注}}{年度}年", {"年度": 2026}) == "{注}2026年"
    assert fill(escape("a{b}c"), {}) == "a{b}c"


def test_missing_slot_is_named():
    with pytest.raises(MissingSlotError) as exc:
        fill("{甲}和{乙}", {"甲": 1})
    assert "乙" in str(exc.value) and "甲" not in exc.value.names


@pytest.mark.parametrize("bad", ["{", "a}b", "{}", "{a{b}}"])
def test_bad_template(bad):
    with pytest.raises(SlotError):
        find_slots(bad)


def test_bad_values():
    with pytest.raises(SlotError):
        format_value("abc", "int")
    with pytest.raises(SlotError):
        format_value("2026-02-30", "date")


def test_context_values():
    p = UnitProfile(name="某某县民政局", level="县", year=2026)
    v = context_values(p, self_refs=[{"suffix": "局", "ref": "我局"}], superiors={"县": "县委、县政府"})
    assert v["年度"] == 2026 and v["下一年度"] == 2027 and v["上一年度"] == 2025
    assert v["单位简称"] == "我局" and v["上级单位"] == "县委、县政府" and v["单位"] == "某某县民政局"
    assert "截至日期" not in v
    v2 = context_values(p, overrides={"单位简称": "我们", "截至日期": "2026-12-15"})
    assert v2["单位简称"] == "我们" and v2["截至日期"] == "2026-12-15"


@given(st.integers(min_value=0, max_value=10**9))
def test_int_roundtrip(n):
    assert fill("{x}条", {"x": n}) == f"{n}条"


@given(st.text(alphabet=st.sampled_from(list("政务公开{}条件。，")), max_size=20))
def test_escape_roundtrip(s):
    assert fill(escape(s), {}) == s


@pytest.mark.parametrize("name, superior", [
    ("某某县某某镇某某村村民委员会", "镇党委、镇政府"),
    ("某某县某某乡某某村村民委员会", "乡党委、乡政府"),
    ("某某县某某镇某某社区居民委员会", "镇党委、镇政府"),
    ("某某市某某区某某街道幸福社区居民委员会", "街道党工委、办事处"),
    ("某某村村民委员会", "乡镇党委、政府"),
    ("某某社区居民委员会", "街道党工委、办事处"),
])
def test_a_village_or_community_answers_to_the_division_its_name_names(name, superior):
    from drafter.profile import infer_profile
    from drafter.slots import load_catalogue

    cat = load_catalogue()
    v = context_values(infer_profile(name, year=2026), self_refs=cat.self_reference, superiors=cat.superiors)
    assert v["上级单位"] == superior, name

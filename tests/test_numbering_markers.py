"""Chinese numerals and enumerators (drafter/numbering.py), and a corpus whose items are ①②."""

from __future__ import annotations

import pytest

from drafter.numbering import (
    cn_number,
    cn_to_int,
    heading_marker,
    parse_marker,
    strip_enumerator,
    strip_marker,
)


def test_numerals_both_ways():
    for n in range(1, 100):
        assert cn_to_int(cn_number(n)) == n
    assert [cn_number(n) for n in (1, 10, 12, 20, 99)] == ["一", "十", "十二", "二十", "九十九"]
    assert cn_to_int("一百零五") == 105 and cn_to_int("两") == 2 and cn_to_int("12") == 12 and cn_to_int("③") == 3
    for bad in ("", "十十", "一一", "三十十", "甲", "1二"):
        assert cn_to_int(bad) is None, bad
    with pytest.raises(ValueError):
        cn_number(100)


def test_markers_read_and_written():
    assert [heading_marker(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    m = parse_marker("（十二）加强培训")
    assert (m.family, m.text, m.ordinal, m.rest) == ("cnp", "（十二）", 12, "加强培训")
    m = parse_marker("②强化考核。")
    assert (m.family, m.ordinal, m.rest) == ("circ", 2, "强化考核。")
    assert parse_marker("1.5万元资金") is None
    # a draft strips 此外， but a mined sentence keeps it; both strip nested enumerators
    assert strip_marker("（一）一是加强培训") == "加强培训"
    assert strip_marker("此外，加强培训") == "加强培训"
    assert strip_enumerator("此外，加强培训") == "此外，加强培训"
    assert strip_enumerator("（3）首先，加强解读") == "加强解读"


def test_circled_items_in_a_report_are_read(tmp_path):
    """① … items used to stop `drafter corpus` with an internal error (int('①'))."""
    from drafter.ingest.pipeline import ingest

    f = tmp_path / "总结.txt"
    f.write_text("某某县民政局2023年工作总结\n一、主要工作\n①加强学习，全年组织学习12次。\n②强化培训。\n"
                 "二、存在问题\n人员不足。\n", encoding="utf-8")
    result = ingest(f)
    assert not result.problems
    first = result.documents[0].sections[0]
    assert (first.marker, first.heading, first.canonical) == ("一、", "主要工作", "achievements")
    assert [c.marker for c in first.children] == ["①", "②"]
    assert "全年组织学习12次" in result.documents[0].text()

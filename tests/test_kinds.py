"""政务公开 and 乡村振兴·帮扶 drafts: the unit's own fields and variety (issue 11).

The department × level loop over these kinds lives in test_bank_trust.py
(test_openness_and_assistance_drafts_of_every_department_and_level)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def test_drafts_of_one_kind_share_few_sentences(shipped_bank):
    """The example bulk: per kind, at most 25% of the figure-free sentences of 15+
    characters also occur in another draft of the kind (benchmarks/bench_variety.py)."""
    from bench_variety import measure

    kinds = measure(bank_path=None, out=lambda *a: None)["kinds"]
    assert set(kinds) == {"政务公开", "年度综合", "乡村振兴·帮扶"}
    for kind, k in kinds.items():
        assert k["drafts"] >= 5 and k["sentences"] >= 80, kind
        assert k["share"] <= 0.25, (kind, k)


def _draft(bank, unit, theme, figures=None, **extra):
    from drafter.drafting import draft_unit
    from drafter.figures import parse_figures_text

    raw = {"unit": unit, "year": 2026, "theme": theme, "figures": figures or {}, **extra}
    spec = parse_figures_text(yaml.safe_dump(raw, allow_unicode=True), source=f"{unit}.yaml", slots=bank.slots)
    return draft_unit(spec, bank=bank)


def test_a_department_s_openness_draft_names_its_own_fields(shipped_bank):
    civil = _draft(shipped_bank, "某某县民政局", "政务公开").text()
    traffic = _draft(shipped_bank, "某某县交通运输局", "政务公开").text()
    assert "社会救助" in civil and "养老服务" in civil and "农村公路建设" not in civil
    assert "农村公路建设" in traffic and "道路运输许可" in traffic and "社会救助" not in traffic
    # its own sub-section, a problem and a plan item name them
    draft = _draft(shipped_bank, "某某县教育局", "政务公开", with_plan=True)
    heads = [b.text for b in draft.blocks if b.kind == "heading" and b.level == 2]
    assert sum("招生入学" in h for h in heads) >= 1
    assert "招生入学" in "".join(b.text for b in draft.blocks if b.section == "plans")


def test_an_assistance_draft_names_the_department_s_industry_assistance(shipped_bank):
    traffic = _draft(shipped_bank, "某某县交通运输局", "乡村振兴·帮扶", {"帮扶村数": 2}).text()
    health = _draft(shipped_bank, "某某县卫生健康委员会", "乡村振兴·帮扶", {"帮扶村数": 1}).text()
    assert "通村客运" in traffic and "健康帮扶" not in traffic
    assert "健康帮扶" in health and "通村客运" not in health
    # a 镇 does no 行业帮扶 of a 帮扶村
    town = _draft(shipped_bank, "某某镇人民政府", "乡村振兴·帮扶", {"脱贫户数": 860}).text()
    assert "行业帮扶" not in town and "定点帮扶" not in town


def test_every_achievements_sub_section_says_more_than_one_sentence(shipped_bank):
    from drafter.drafting.document import HEADING, PARA

    for unit, theme in (("某某县交通运输局", "乡村振兴·帮扶"), ("某某县卫生健康委员会", "乡村振兴·帮扶"),
                        ("某某社区居民委员会", "政务公开"), ("某某县气象局", "政务公开")):
        draft = _draft(shipped_bank, unit, theme)
        subs: list[str] = []
        for b in draft.blocks:
            if b.kind == HEADING and b.level == 2 and b.section == "achievements":
                subs.append("")
            elif b.kind == PARA and b.section == "achievements" and subs:
                subs[-1] += b.text
        assert subs and all(s.count("。") >= 2 for s in subs), (unit, subs)


def test_no_kind_but_a_bureau_calls_itself_a_bureau_in_its_closing(shipped_bank):
    """「推动我局的各项工作」 is fine only for a 局."""
    for unit in ("某某镇人民政府", "某某县卫生健康委员会", "某某区住房保障事务中心"):
        closing = [b.text for b in _draft(shipped_bank, unit, "乡村振兴·帮扶").blocks if b.section == "closing"]
        assert closing and not any("我局" in t for t in closing), (unit, closing)


def test_a_community_answers_no_information_requests_unless_it_says_so(shipped_bank):
    draft = _draft(shipped_bank, "某某社区居民委员会", "政务公开")
    assert "依申请" not in draft.text() and "部门职能" not in draft.text()
    given = _draft(shipped_bank, "某某社区居民委员会", "政务公开", {"依申请公开件数": 2, "依申请办结件数": 2})
    assert "依申请" in given.text()

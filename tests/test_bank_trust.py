"""Issue 10: a phrase bank a clerk can trust.

Checks over the WHOLE shipped bank (phrasebank/, every phrase and variant),
the quality gate's detectors on the real cases of typos.yaml, campaign years
and relative years in selection, and a loop over families x levels x themes:
no draft carries a phrase bound to another family, level or kind of unit, nor
a 年度综合 phrase whose only source is one unit of another family (unless the
miner judged it generic on corpus evidence and listed it in mining-report.md).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from drafter.bank import PhraseBank, level_group
from drafter.mining import binding, gate
from drafter.models import UnitProfile
from drafter.politics import politics
from drafter.typos import typos

ROOT = Path(__file__).resolve().parents[1]
BANK_DIR = ROOT / "phrasebank"
CONTENT = ("heading", "measure", "result", "problem", "plan", "intro", "opening")   # closings are scaffolding


@pytest.fixture(scope="module")
def bank():
    return PhraseBank.load(BANK_DIR)


def _texts(p):
    return (p.text,) + tuple(p.variants)


# ---------------------------------------------------------------- the whole bank
def test_no_thought_without_the_leaders_name(bank):
    bad = [t for p in bank for t in _texts(p)
           if "新时代中国特色社会主义思想" in t and "习近平新时代中国特色社会主义思想" not in t]
    assert not bad
    # the corpus had it mutilated: the bank carries the restored form
    assert any("习近平新时代中国特色社会主义思想" in p.text for p in bank)


def test_no_formula_written_wrongly(bank):
    pol = politics()
    assert [(t, pol.mutilated(t)) for p in bank for t in _texts(p) if pol.mutilated(t)] == []


def test_no_typo_table_entry_and_no_reject_rule(bank):
    ty = typos()
    assert [t for p in bank for t in _texts(p) if ty.found(t)] == []
    assert [(t, ty.rejected(t, p.section).id) for p in bank for t in _texts(p) if ty.rejected(t, p.section)] == []
    # the fixes reached the bank (相文件 -> 相关文件, 防止防贫 -> 防止返贫)
    assert any("防止返贫" in p.text for p in bank)


def test_no_repeated_list_item_proverb_or_directive(bank):
    assert [t for p in bank for t in _texts(p) if gate.repeated_item(t)] == []
    for p in bank:
        for t in _texts(p):
            assert gate.gate(t, p.section, p.function) is None, (p.id, t)


def test_every_campaign_phrase_carries_its_years(bank):
    pol = politics()
    named = [p for p in bank if pol.campaigns_in(p.text)]
    assert len(named) >= 10
    for p in named:
        assert p.years == pol.campaign_years(p.text), p.text
    # a variant never names a campaign its phrase's years do not cover
    for p in bank:
        for v in p.variants:
            if pol.campaigns_in(v):
                assert p.years and set(p.years) <= set(pol.campaign_years(v) or ()) | set(p.years), v


def test_every_role_or_structure_word_is_bound(bank):
    found = [p for p in bank if binding.role_word(p.text)]
    assert found
    for p in found:
        assert p.kinds and p.levels, p.text
    assert not any("局主要负责人" in p.text or "全办" in p.text for p in bank)


def test_one_units_named_programme_is_not_in_the_bank(bank):
    assert not any("青年干部成长营" in t for p in bank for t in _texts(p))


def test_no_named_document_issued_by_one_unit(bank):
    """「制发《全市卫生健康系统政务信息和新闻宣传工作考核管理办法》」 is one unit's fact."""
    rx = binding.settings()["unit_document"]
    assert rx.search("制发《全市卫生健康系统政务信息和新闻宣传工作考核管理办法》，激发编写政务信息的积极性")
    assert not rx.search("印发《{单位}{年度}年政务公开工作要点及任务分工》")
    assert not rx.search("严格落实《重大行政决策程序暂行条例》")
    single = [p.text for p in bank if p.units == 1 and rx.search(p.text)]
    assert single == []


# ---------------------------------------------------------------- years
def test_campaigns_are_chosen_only_in_their_years(bank):
    prof = dict(name="某某县司法局", level="县", department="司法局", family="政法", theme="年度综合")
    p2023 = UnitProfile(**prof, year=2023)
    p2026 = UnitProfile(**prof, year=2026)
    everything = [(s, f) for s in ("opening", "achievements", "problems", "plans", "closing")
                  for f in ("heading", "opening", "intro", "measure", "result", "problem", "plan", "closing")]
    in_2026 = {c.phrase.text for s, f in everything for c in bank.select(s, f, p2026, allow_zero=True,
                                                                           figures={k: 1 for k in bank.slots})}
    in_2023 = {c.phrase.text for s, f in everything for c in bank.select(s, f, p2023, allow_zero=True,
                                                                           figures={k: 1 for k in bank.slots})}
    assert not [t for t in in_2026 if "主题教育" in t]
    assert [t for t in in_2023 if "主题教育" in t]
    assert not [t for t in in_2026 if politics().stale_campaigns(t, 2026)]


def test_an_evaluation_names_the_previous_year():
    erased = "高度重视国办政务公开202_年度评估反馈问题及省办、市办测评反馈问题的整改工作"
    assert "{上一年度}年度评估" in binding.relative_years(erased, forward=False)
    written = "高度重视国办政务公开2025年度评估反馈问题"
    assert binding.relative_years(written, forward=False) == written   # the slotter compares it with the year


def test_the_shipped_evaluation_phrase_says_the_previous_year(bank):
    evals = [p for p in bank if "年度评估" in p.text]
    assert evals
    for p in evals:
        assert "{年度}年度评估" not in p.text, p.text


# ---------------------------------------------------------------- the gate's detectors
def _detector_examples():
    raw = yaml.safe_load((ROOT / "drafter" / "data" / "typos.yaml").read_text(encoding="utf-8"))
    return raw["detector_examples"]


@pytest.mark.parametrize("case", _detector_examples()["repeated_list_item"], ids=lambda c: c["repeated"])
def test_a_repeated_list_item_is_found(case):
    assert gate.repeated_item(case["text"]) == case["repeated"]
    assert gate.gate(case["text"], "achievements", "measure") == "repeated_item"


@pytest.mark.parametrize("case", _detector_examples()["clause_missing_verb"], ids=lambda c: c["text"][:8])
def test_a_clause_missing_its_verb_is_repaired_or_rejected(case):
    fixed = gate.repair(case["text"])
    assert fixed != case["text"] or gate.gate(fixed, "plans", "plan") is not None


@pytest.mark.parametrize("text, section, reason", [
    ("派驻工作队要积极配合帮扶村发展产业项目。", "achievements", "reject:directive-yao"),
    ("各乡镇要把安全生产摆在突出位置。", "achievements", "directive"),
    ("要想给人一碗水，必须自己要有一桶水。", "plans", "reject:proverb-water"),
    ("俗话说，打铁还需自身硬。", "plans", "proverb"),
    ("立行立改、举一反三、真抓实干。", "plans", "proverb"),
    ("干部工作态度明显转变。", "achievements", "reject:self-attitude"),
    ("发布机构：某某县人民政府办公室。", "achievements", "page_chrome"),
    ("以上是小编整理的总结，供大家参考。", "closing", "page_chrome"),
    ("深入开展学习贯彻新时代中国特色社会主义思想主题教育。", "achievements", "formula:xi-thought"),
])
def test_the_gate_names_its_reason(text, section, reason):
    assert gate.gate(text, section, "measure") == reason


@pytest.mark.parametrize("text", [
    "各单位按要求报送政务公开工作要点。",          # 要求 / 要点 are no directive
    "严格落实主要负责人第一责任人职责。",          # 主要
    "建立健全防止返贫动态监测和帮扶机制。",
    "全年主动公开政府信息1530条。",
])
def test_the_gate_keeps_ordinary_sentences(text):
    assert gate.gate(text, "achievements", "measure") is None


def test_repair_restores_the_thought_and_fixes_typos():
    assert gate.repair("坚持以新时代中国特色社会主义思想为指导") == "坚持以习近平新时代中国特色社会主义思想为指导"
    assert gate.repair("认真落实信息公开相文件") == "认真落实信息公开相关文件"
    assert gate.repair(gate.repair("坚持以新时代中国特色社会主义思想为指导")) == \
        gate.repair("坚持以新时代中国特色社会主义思想为指导")


def test_every_gate_reject_is_listed_with_its_reason():
    report = (BANK_DIR / "mining-report.md").read_text(encoding="utf-8")
    section = report.split("## 质量关卡舍弃的句子（逐条）", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| ") and "txt:" in r]
    assert len(rows) >= 10
    assert any("列举项重复" in r and "创新举措" in r for r in rows)
    assert any("一碗水" in r for r in rows)


# ---------------------------------------------------------------- who may say it: families x levels x themes
@lru_cache(maxsize=1)
def _documents():
    """source file -> [(start line, row)] from the mining report's document table."""
    out: dict[str, list] = {}
    text = (BANK_DIR / "mining-report.md").read_text(encoding="utf-8")
    for m in re.finditer(r"^\| (\S+?):(\d+) \| .*? \| (.*?) \| (.*?) \| (.*?) \| (.*?) \|", text, re.M):
        out.setdefault(m.group(1), []).append((int(m.group(2)), {"unit": m.group(3), "family": m.group(5),
                                                                 "theme": m.group(6)}))
    return out


def _source_doc(src: str) -> dict:
    name, _, line = src.rpartition(":")
    docs = _documents()[name]
    return docs[bisect.bisect_right([s for s, _ in docs], int(line)) - 1][1]


def _generic_single() -> set[str]:
    text = (BANK_DIR / "mining-report.md").read_text(encoding="utf-8")
    part = text.split("## 只有一个单位写过、但用词跨系统而不绑定的年度综合短语", 1)
    return set(re.findall(r"^\| (\w{3}-[0-9a-f]+) \|", part[1].split("\n## ", 1)[0], re.M)) if len(part) > 1 else set()


def _units():
    """One unit per department family and level, named as a clerk would."""
    from drafter.profile import load_taxonomy

    seen: set = set()
    out = []
    for dep in load_taxonomy().departments:
        if dep.family in seen:
            continue
        seen.add(dep.family)
        if dep.level:                                   # 乡镇 / 街道 / 社区 / 园区 bodies
            out.append("某某" + {"乡镇": "镇人民政府", "街道": "街道办事处", "社区": "社区居民委员会",
                                "园区": "经济开发区管理委员会"}[dep.level])
        else:
            out += [f"某某{lv}{dep.canonical}" for lv in ("市", "县")]
    return out


def _figures():
    figures: dict = {}
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for unit in [raw] + list(raw.get("units") or []):
            for k, v in (unit.get("figures") or {}).items():
                if v not in (0, None):
                    figures.setdefault(k, v)
    return figures


def test_drafts_carry_no_phrase_of_another_family_level_or_kind(bank):
    from drafter.drafting import draft_unit
    from drafter.figures import parse_figures_text

    figures = _figures()
    generic = _generic_single()
    units = _units()
    assert len(units) >= 20
    checked = 0
    for unit in units:
        for theme in ("政务公开", "年度综合", "乡村振兴·帮扶"):
            spec = parse_figures_text(yaml.safe_dump({"unit": unit, "year": 2026, "theme": theme, "with_plan": True,
                                                      "figures": figures}, allow_unicode=True),
                                      source=f"{unit}.yaml", slots=bank.slots)
            draft = draft_unit(spec, bank)
            checked += _assert_own_phrases(draft, bank, generic, unit)
    assert checked > 500


def _assert_own_phrases(draft, bank, generic, unit) -> int:
    """No phrase of the draft is bound to another family, level group, kind or year;
    a phrase one unit wrote in its annual report only is one of the generic ones."""
    prof = draft.profile
    for pid in draft.phrase_ids:
        p = bank.phrase(pid)
        where = (unit, prof.theme, p.text)
        assert p.allows(prof), where
        assert p.family in (None, prof.family), where
        assert p.level in (None, level_group(prof.level)), where
        assert p.theme in (None, prof.theme), where
        src = _source_doc(p.sources[0])
        if (p.units == 1 and p.function in CONTENT and src["theme"] == "年度综合"
                and src["family"] != prof.family):
            assert p.id in generic, where
    return len(draft.phrase_ids)


def _every_department_and_level():
    """(unit name, profile) for every department profile of departments.yaml at
    each of its levels (市/县 for the departments of every level)."""
    from drafter.departments import departments

    out = []
    for name, dep in departments().profiles.items():
        levels = [lv for lv in dep.levels if lv in ("市", "县")] or dep.levels[:1]
        for lv in levels:
            if lv in ("市", "县", "区"):
                out.append((f"某某{lv}{name}", dep))
            else:
                out.append((EXAMPLE_NAMES.get(name, "某某" + name), dep))
    return out


# a basic-level unit as a clerk names it (its canonical name is not a unit's name)
EXAMPLE_NAMES = {"乡镇人民政府": "某某镇人民政府", "社区居民委员会": "某某社区居民委员会", "村民委员会": "某某村村民委员会",
                 "管理委员会": "某某经济开发区管理委员会"}


def test_openness_and_assistance_drafts_of_every_department_and_level(bank):
    """Every department × level of departments.yaml, 政务公开 and 乡村振兴·帮扶: no
    phrase bound to another family, level or kind; the unit's own fields
    (departments.yaml openness / assistance) are named; no other department's
    field is; the checker's unit-fit rules find nothing in any paragraph."""
    from drafter.check.content import misfits, unit_info
    from drafter.departments import departments
    from drafter.drafting import draft_unit
    from drafter.drafting.document import PARA
    from drafter.figures import parse_figures_text

    generic = _generic_single()
    profiles = departments().profiles
    units = _every_department_and_level()
    assert len(units) >= 60
    for unit, dep in units:
        for theme, attr in (("政务公开", "openness"), ("乡村振兴·帮扶", "assistance")):
            spec = parse_figures_text(yaml.safe_dump({"unit": unit, "year": 2026, "theme": theme}, allow_unicode=True),
                                      source=f"{unit}.yaml", slots=bank.slots)
            draft = draft_unit(spec, bank)
            assert departments().for_profile(draft.profile) is dep, unit
            _assert_own_phrases(draft, bank, generic, unit)
            text = draft.text()
            own = getattr(dep, attr)
            if len(own) >= 2:
                assert all(f in text for f in own[:3]), (unit, theme, own)
            rest = text
            for f in sorted(own, key=len, reverse=True):
                rest = rest.replace(f, "")
            foreign = {f: other for other, p in profiles.items() if p is not dep for f in getattr(p, attr)}
            assert [(f, o) for f, o in foreign.items() if f in rest] == [], (unit, theme)
            info = unit_info(unit)
            for b in draft.blocks:
                if b.kind == PARA:
                    assert misfits(b.text, info) == [], (unit, theme, b.text)


# ---------------------------------------------------------------- general name finding
def test_organisations_named_after_a_place_are_names_and_ordinary_words_are_not():
    from drafter.mining.config import config
    from drafter.mining.entities import NameFinder, division_hits

    finder = NameFinder(config())
    assert "永嘉集团" in finder.candidates("与永嘉集团签订帮扶协议")
    assert "安庆银行" in finder.candidates("联合安庆银行开展金融知识宣传")
    assert finder.candidates("联合辖区学校开展宣传，依托社会组织和爱心企业") == ()
    assert division_hits(finder.tokens("重点关注上海前沿动态信息")) == ["上海"]
    assert division_hits(finder.tokens("建立健全驻村工作机制，深化合作交流")) == []


def test_mining_report_names_sections_and_functions_in_chinese():
    text = (BANK_DIR / "mining-report.md").read_text(encoding="utf-8")
    head = text.split("## 限定使用范围的短语", 1)[0]
    for english in ("achievements", "opening", "closing", "problems", "plans", "overview", "measure", "heading"):
        assert not re.search(rf"(?<![a-z_]){english}(?![a-z_])", head), english
    assert "按部分：工作成效" in text


def test_no_intro_starts_mid_thought(bank):
    """「主要表现在少数工作人员……：」 is a problem, not a lead-in to the problems."""
    rx = gate.settings()["intro_fragment"]
    assert rx.search("主要表现在少数工作人员对政务公开工作的重要性认识不足：")
    assert [p.text for p in bank if p.function == "intro" and rx.search(p.text)] == []

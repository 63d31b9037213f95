"""PhraseBank loading and selection, on the hand-written fixture bank and in-memory banks."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURE_BANK as FIXTURE
from drafter.bank import Phrase, PhraseBank
from drafter.errors import DrafterError
from drafter.models import UnitProfile

def civil(theme="政务公开", family="民政社保", level="县"):
    return UnitProfile(name="某某县民政局", level=level, department="民政局", family=family, theme=theme, year=2026)


def test_load_fixture(bank):
    assert len(bank) > 50
    assert "主动公开信息数" in bank.slots and bank.slots["主动公开信息数"].unit == "条"
    assert bank.slots["年度"].context
    p = bank.phrases[0]
    assert bank.phrase(p.id) is p
    with pytest.raises(DrafterError):
        bank.phrase("nope")


def test_never_returns_unfillable(bank):
    prof = civil()
    for figures in (None, {}, {"主动公开信息数": 1530}, {"依申请公开件数": 3, "依申请办结件数": 3}):
        have = set(figures or {}) | {"年度", "下一年度", "上一年度", "单位", "单位简称", "上级单位"}
        for section in ("opening", "achievements", "problems", "plans", "closing"):
            for function in ("heading", "opening", "intro", "measure", "result", "problem", "plan", "closing"):
                for c in bank.select(section, function, prof, figures):
                    assert set(c.phrase.slots) <= have, c.phrase.text


def test_result_needs_figures(bank):
    prof = civil()
    assert not any("{主动公开信息数}" in c.phrase.text for c in bank.select("achievements", "result", prof))
    got = bank.select("achievements", "result", prof, {"主动公开信息数": 1530})
    assert got and all("主动公开信息数" in c.phrase.slots for c in got)
    # a zero figure does not fill a sentence ("公开0条"); the slot's zero sentence is for that
    assert not bank.select("achievements", "result", prof, {"依申请公开件数": 0}, slot="依申请公开件数")
    assert bank.slots["依申请公开件数"].zero


def test_backoff_order_and_exclusion(bank):
    prof = civil()
    cands = bank.select("achievements", "measure", prof)
    tiers = [c.tier for c in cands]
    assert tiers[0] == "theme+family"           # 民政 phrase first
    assert tiers.index("generic") > tiers.index("theme")
    assert tiers == sorted(tiers, key=["theme+family", "theme", "family", "level", "generic"].index)
    # phrases of another theme, family or level never appear
    for c in cands:
        assert c.phrase.theme in (None, "政务公开")
        assert c.phrase.family in (None, "民政社保")
        assert c.phrase.level in (None, "县区")
    # 乡镇 phrase appears for a town, not for a county bureau
    town = UnitProfile(name="某某镇人民政府", level="乡镇", family="基层政权", theme="政务公开", year=2026)
    assert any(c.phrase.level == "乡镇社区" for c in bank.select("achievements", "measure", town))
    assert not any(c.phrase.level == "乡镇社区" for c in cands)
    # exclude_ids and limit
    first = cands[0].phrase.id
    again = bank.select("achievements", "measure", prof, exclude_ids=[first], limit=3)
    assert len(again) == 3 and first not in {c.phrase.id for c in again}


def test_annual_family_before_theme():
    mk = lambda i, theme, family: Phrase(id=f"x{i}", text=f"句子{i}。", section="achievements", function="measure",
                                        theme=theme, family=family, score=0.5)
    b = PhraseBank.from_phrases([mk(1, "年度综合", None), mk(2, None, "政法"), mk(3, None, None)], [])
    annual = UnitProfile(name="县司法局", level="县", family="政法", theme="年度综合")
    assert [c.tier for c in b.select("achievements", "measure", annual)] == ["family", "theme", "generic"]
    openness = UnitProfile(name="县司法局", level="县", family="政法", theme="政务公开")
    assert [c.tier for c in b.select("achievements", "measure", openness)] == ["family", "generic"]


def test_section_aliases(bank):
    prof = civil()
    assert bank.select("overview", "result", prof, {"主动公开信息数": 1}) == bank.select("achievements", "result", prof, {"主动公开信息数": 1})
    pp = bank.select("problems_plans", "problem", prof)
    assert pp and all(c.phrase.section == "problems" for c in pp)
    assert bank.select("problems_plans", "plan", prof)


def test_slots_for(bank):
    names = [s.name for s in bank.slots_for(civil())]
    assert names[0] == "主动公开信息数"
    assert "帮扶户数" not in names and "年度" not in names
    assert names.index("依申请公开件数") > names.index("主动公开信息数")
    rural = [s.name for s in bank.slots_for(civil(theme="乡村振兴·帮扶"))]
    assert "帮扶户数" in rural and "主动公开信息数" not in rural
    annual = [s.name for s in bank.slots_for(UnitProfile(name="县司法局", level="县", family="政法", theme="年度综合"))]
    assert annual[0] == "法律援助件数"


def test_fill_uses_catalogue_types(bank):
    prof = civil()
    vals = {**bank.context_values(prof), "依申请办结率": 98.5}
    assert bank.fill("办结率{依申请办结率}。", vals) == "办结率98.5%。"
    assert bank.context_values(prof)["单位简称"] == "我局"


def test_missing_folder_and_corrupt_files(tmp_path):
    with pytest.raises(DrafterError) as exc:
        PhraseBank.load(tmp_path / "none")
    assert "drafter mine" in str(exc.value)
    dst = tmp_path / "bank"
    shutil.copytree(FIXTURE, dst)
    lines = (dst / "plans.jsonl").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:-5]
    (dst / "plans.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DrafterError) as exc:
        PhraseBank.load(dst)
    assert "plans.jsonl" in str(exc.value) and "第 3 行" in str(exc.value)
    shutil.copy(FIXTURE / "plans.jsonl", dst / "plans.jsonl")
    (dst / "slots.json").write_text("{\"slots\": [", encoding="utf-8")
    with pytest.raises(DrafterError) as exc:
        PhraseBank.load(dst)
    assert "slots.json" in str(exc.value)
    (dst / "slots.json").unlink()
    with pytest.raises(DrafterError):
        PhraseBank.load(dst)


def test_fixture_records_are_consistent():
    from drafter.slotfill import find_slots
    for f in FIXTURE.glob("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert rec["slots"] == find_slots(rec["text"])
            assert f.stem == rec["section"]


def test_load_imports_nothing_heavy():
    code = (
        "import sys; from drafter.bank import PhraseBank; PhraseBank.load(sys.argv[1]);"
        "bad=[m for m in ('jieba','sklearn','yaml','docx') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(FIXTURE)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

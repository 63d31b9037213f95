"""templates/outline.yaml as typed rules (drafter/drafting/rules.py), and a user's copy of it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafter.bank import PhraseBank
from drafter.drafting import draft_unit
from drafter.drafting.rules import load_rules
from drafter.errors import DrafterError
from drafter.figures import load_figures

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "county-civil-affairs-openness.yaml"
DEFAULT = yaml.safe_load((ROOT / "templates" / "outline.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bank():
    return PhraseBank.load(ROOT / "tests" / "fixtures" / "bank")


def test_default_rules_are_typed():
    rules = load_rules()
    subs = rules.subsections("政务公开")
    assert [s.key for s in subs] == [e["key"] for e in DEFAULT["themes"]["政务公开"]]
    assert "组织领导" in subs[0].topics and subs[0].always and subs[0].headings
    assert rules.subsections("没有的类别") == rules.subsections("年度综合")
    assert rules.fallback.plans == tuple(DEFAULT["fallback"]["plans"])
    assert rules.avoid.search("全年未收到申请") and not rules.avoid.search("全年收到申请3件")
    path, subject = rules.skeleton("乡村振兴·帮扶", with_plan=False)
    assert path.name == "乡村振兴帮扶工作总结.j2" and subject == "乡村振兴"
    assert rules.skeleton("政务公开", with_plan=True)[0].name == "工作总结及工作思路.j2"


def test_a_partial_copy_keeps_the_default_for_what_it_leaves_out(tmp_path, bank):
    (tmp_path / "mine.j2").write_text('{% extends "_base.j2" %}\n', encoding="utf-8")
    (tmp_path / "outline.yaml").write_text(yaml.safe_dump(
        {"themes": DEFAULT["themes"], "fallback": {"closing": "我们将继续努力，把各项工作做得更好。"}},
        allow_unicode=True), encoding="utf-8")
    thin = bank.with_phrases([p for p in bank.phrases if p.section not in ("opening", "closing")])
    spec = load_figures(EXAMPLE, slots=bank.slots)
    draft = draft_unit(spec, bank=thin, template=tmp_path / "mine.j2")
    assert draft.section_text("closing") == "我们将继续努力，把各项工作做得更好。"
    # the copy has no fallback.opening: the default file's opening sentence is written
    assert draft.section_text("opening").startswith("2026年，我局在县委、县政府的坚强领导下")
    assert any("通用开头" in n for n in draft.notes)


def test_a_broken_copy_is_named(tmp_path, bank):
    (tmp_path / "mine.j2").write_text('{% extends "_base.j2" %}\n', encoding="utf-8")
    spec = load_figures(EXAMPLE, slots=bank.slots)
    for text, message in (("themes: {}\n", "缺少 themes"),
                          ("themes: {政务公开: [{topics: [a]}]}\n", "缺少 key"),
                          ("themes: {政务公开: [{key: a}]}\navoid: ['(']\n", "无效的正则表达式")):
        (tmp_path / "outline.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(DrafterError, match=message) as exc:
            draft_unit(spec, bank=bank, template=tmp_path / "mine.j2")
        assert "outline.yaml" in str(exc.value)

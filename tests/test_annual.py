"""Annual reports (年度综合) built around the unit's own work (issue 11).

* the `work:` key: schema, bulk defaults, Chinese messages with key path and line;
* a draft with 4–6 lines of work of 2–3 points: 2,000–4,500 characters, each line
  its own sub-section naming it, holding its points and its figures;
* every department × level of departments.yaml without `work:`: sentences of the
  department's own typical work, none bound to another family;
* random work files: no number absent from the figures and points, no figure twice,
  no outcome (均已办结, 按期办结率) nobody gave.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, bulk_of, count_figure, example_spec, spec_of, written
from drafter.departments import departments
from drafter.drafting import draft_unit
from drafter.drafting.document import HEADING, PARA
from drafter.drafting.sentences import scale_amounts
from drafter.errors import InputError
from drafter.figures import json_schema

@pytest.fixture
def bank(shipped_bank):
    """The shipped bank: its slot catalogue has every department's figures."""
    return shipped_bank


WORK_EXAMPLES = ["city-emergency-annual.yaml", "county-education-annual.yaml", "street-annual.yaml",
                 "town-annual.yaml"]


# ---------------------------------------------------------------- the work: key

WORK_FILE = """\
unit: 某某县应急管理局
year: 2026
theme: 年度综合
work:
  - title: 隐患排查治理
    points: [开展安全生产隐患大排查]
    figures:
      隐患排查数: 1860
  - 防汛抗旱
"""


def test_work_key_is_read_written_back_and_documented(bank):
    spec = spec_of(WORK_FILE, bank)
    assert [w.title for w in spec.work] == ["隐患排查治理", "防汛抗旱"]    # a bare title is an item
    assert spec.work[0].figures == {"隐患排查数": 1860} and spec.work[0].points == ["开展安全生产隐患大排查"]
    again = spec_of(spec.to_yaml(), bank)
    assert again.work == spec.work
    schema = json_schema()
    assert "work" in schema["properties"] and "WorkItem" in schema["$defs"]
    assert set(schema["$defs"]["WorkItem"]["properties"]) == {"title", "points", "figures"}


def test_work_in_bulk_defaults_and_units(bank):
    text = ("defaults:\n  theme: 年度综合\n  work:\n    - title: 统计调查\n"
            "units:\n- unit: 某某县统计局\n- unit: 某某市统计局\n  work:\n    - title: 统计数据质量\n")
    bulk = bulk_of(text, bank)
    assert [u.spec.work[0].title for u in bulk.units] == ["统计调查", "统计数据质量"]


@pytest.mark.parametrize("body, line, key, words", [
    ("work:\n  - title: 防汛\n    pointz: [x]\n", 6, "work[1].pointz", "未知的键「pointz」，是否想写：points"),
    ("work:\n  - points: [巡查]\n", 5, "work[1].title", "缺少工作名称"),
    ("work:\n  - title: 防汛\n    figures: {隐患排查数: -3}\n", 6, "work[1].figures.隐患排查数", "不能为负数"),
    ("work:\n  - title: 防汛\n    figures: {隐患排查: 3}\n", 6, "work[1].figures.隐患排查", "未知的数据项"),
    ("work:\n  - title: " + "安" * 31 + "\n", 5, "work[1].title", "工作名称过长"),
    ("work:\n  - title: 防汛\n  - title: 防汛\n", 6, "work[2]", "与第 1 项的工作名称重复"),
    ("work: 防汛\n", 4, "work", "应为列表"),
])
def test_bad_work_items_get_chinese_messages_with_key_and_line(bank, body, line, key, words):
    with pytest.raises(InputError) as exc:
        spec_of("unit: 某某县应急管理局\nyear: 2026\ntheme: 年度综合\n" + body, bank, source="w.yaml")
    msg = str(exc.value)
    assert f"第 {line} 行" in msg and f"键 {key}" in msg and words in msg, msg
    assert "Traceback" not in msg and "validation error" not in msg


def test_a_rate_between_0_and_1_is_questioned(bank):
    with pytest.raises(InputError) as exc:
        spec_of("unit: 某某县民政局\nfigures: {依申请办结率: 0.98}\n", bank)
    assert "0.98 是否指 98%？" in str(exc.value)
    assert spec_of("unit: 某某县民政局\nfigures: {依申请办结率: 0.98%}\n", bank).figures["依申请办结率"] == 0.98
    assert spec_of("unit: 某某县民政局\nfigures: {依申请办结率: 98}\n", bank).figures["依申请办结率"] == 98


def test_amounts_of_ten_thousand_wan_yuan_are_written_in_yi_yuan():
    assert scale_amounts("争取上级资金21500万元。") == "争取上级资金2.15亿元。"
    assert scale_amounts("争取上级资金10000万元") == "争取上级资金1亿元"
    assert scale_amounts("争取上级资金9999.5万元") == "争取上级资金9999.5万元"
    assert scale_amounts("办件量21500件，资金1560万元") == "办件量21500件，资金1560万元"


# ---------------------------------------------------------------- drafts with work:

def _subsections(draft) -> list[tuple[str, str]]:
    """(heading, text) of each achievements sub-section."""
    out: list[list[str]] = []
    for b in draft.blocks:
        if b.section != "achievements":
            continue
        if b.kind == HEADING and b.level == 2:
            out.append([b.text, ""])
        elif b.kind == PARA and out:
            out[-1][1] += b.text + "\n"
    return [(h, t) for h, t in out]


@pytest.mark.parametrize("name", WORK_EXAMPLES)
def test_each_line_of_work_is_its_own_subsection_with_its_points_and_figures(name, bank):
    spec = example_spec(name, bank)
    assert 4 <= len(spec.work) <= 6 and all(2 <= len(w.points) <= 3 for w in spec.work)
    draft = draft_unit(spec, bank=bank)
    text = draft.text()
    assert 2000 <= len(re.sub(r"\s", "", text)) <= 4500, len(text)
    subs = _subsections(draft)
    for item in spec.work:
        mine = [(h, t) for h, t in subs if item.title in h]
        assert len(mine) == 1, (item.title, [h for h, _ in subs])
        heading, body = mine[0]
        assert item.title in body                       # its sentences name it
        for point in item.points:
            assert point.rstrip("。；") in body, point
        if len(item.points) >= 3:
            assert "一是" in body and "三是" in body
        for slot, value in item.figures.items():
            s = bank.slots[slot]
            assert count_figure(written(value, s.type, s.unit), body) == 1, (slot, body)
    assert not repeated_clauses(text, spec), name
    # plans mirror the lines of work
    plans = draft.section_text("plans")
    assert all(item.title in plans for item in spec.work)
    for h in spec.highlights:
        assert h in text


def test_a_highlight_goes_under_the_line_it_belongs_to(bank):
    spec = spec_of(WORK_FILE.replace("  - 防汛抗旱\n", "  - title: 防汛抗旱\n    points: [落实防汛责任制]\n")
                   + "highlights:\n  - 汛期提前转移山洪灾害危险区群众\n  - 开通政务服务“一网通办”\n", bank)
    subs = _subsections(draft_unit(spec, bank=bank))
    flood = next(t for h, t in subs if "防汛抗旱" in h)
    assert "汛期提前转移山洪灾害危险区群众" in flood
    alone = [h for h, t in subs if "一网通办" in t]
    assert len(alone) == 1 and "防汛" not in alone[0] and "隐患" not in alone[0]


def test_drafts_of_different_units_differ_and_one_unit_is_stable(bank):
    a = draft_unit(example_spec("town-annual.yaml", bank), bank=bank).text()
    b_spec = example_spec("town-annual.yaml", bank)
    b = draft_unit(b_spec.model_copy(update={"unit": "某某县另一镇人民政府"}), bank=bank).text()
    assert a == draft_unit(example_spec("town-annual.yaml", bank), bank=bank).text()
    sa = {s for s in re.split(r"[。\n]", a) if len(s) >= 15 and not re.search(r"\d|某某", s)}
    sb = {s for s in re.split(r"[。\n]", b) if len(s) >= 15 and not re.search(r"\d|某某", s)}
    assert len(sa & sb) <= 0.25 * len(sa), sorted(sa & sb)


# ---------------------------------------------------------------- every department without work:

def _unit_name(dep, level: str) -> str:
    example = dep_example(dep)
    if level in ("市", "县", "区"):
        return "某某" + level + re.sub(r"^(?:某某|XX)?[市县区]", "", example)
    return "某某" + re.sub(r"^(?:某某|XX)", "", example)


@lru_cache(maxsize=1)
def _examples() -> dict:
    raw = yaml.safe_load((EXAMPLES.parent / "drafter" / "data" / "departments.yaml").read_text(encoding="utf-8"))
    return {k: v["example"] for k, v in raw["departments"].items()}


def dep_example(dep) -> str:
    return _examples()[dep.department]


def repeated_clauses(text: str, spec) -> list[str]:
    """Clauses of 6+ characters the draft writes twice, the clerk's own points aside
    (「为完成全年目标任务提供了有力支撑」 closing three sub-sections reads as filler)."""
    from drafter.drafting.frames import clauses

    own = set().union(*(clauses(p) for w in spec.work for p in w.points), *(clauses(h) for h in spec.highlights))
    counts = Counter(c for c in re.split(r"[，。；：！？\n]", text) if len(c) >= 6 and c not in own)
    return [c for c, n in counts.items() if n > 1]


def _family_texts(family: str) -> set[str]:
    """Titles, actions, problems and aims of a family's profiles."""
    return {t for d in departments().profiles.values() if d.family == family
            for t in [x for w in d.work for x in (w.title, *w.actions)] + list(d.problems) + list(d.plans)}


def test_every_department_and_level_without_work_writes_its_own_work(bank):
    profiles = departments().profiles
    families = {d.family for d in profiles.values()}
    generic = (EXAMPLES.parent / "drafter" / "data" / "annual.yaml").read_text(encoding="utf-8")
    drafted = 0
    for dep in profiles.values():
        own = _family_texts(dep.family)
        # bound to another family: its texts that are neither this family's nor in
        # the generic frames every draft may use (强化督查督办)
        foreign = {t for f in families - {dep.family} for t in _family_texts(f)
                   if len(t) >= 6 and not any(t in o or o in t for o in own) and t not in generic}
        for level in dep.levels:
            unit = _unit_name(dep, level)
            spec = spec_of(f"unit: {unit}\nyear: 2026\ntheme: 年度综合\n", bank)
            draft = draft_unit(spec, bank=bank)
            assert draft.profile.department == dep.department or dep.department in (
                "乡镇人民政府", "街道办事处", "社区居民委员会", "村民委员会"), (unit, draft.profile.department)
            text = draft.text()
            titles = [w.title for w in dep.work if w.title in text]
            actions = [a for w in dep.work for a in w.actions if a in text]
            assert len(titles) >= min(4, len(dep.work)) and len(actions) >= 4, (unit, titles, actions)
            assert not repeated_clauses(text, spec), unit
            leaked = [t for t in foreign if t in text]
            assert not leaked, (unit, leaked)
            # no figure invented (12345 is the hotline's name)
            assert not re.search(r"\d", re.sub(r"20\d\d年(\d+月\d+日)?|12345", "", text)), unit
            drafted += 1
    assert drafted >= 100


# ---------------------------------------------------------------- random work files

_CJK = st.text(alphabet="安全生产防汛检查整治服务群众企业宣传培训落实推进", min_size=4, max_size=16)
_POINT = st.one_of(_CJK, st.builds(lambda a, n, b: f"{a}{n}{b}", _CJK, st.integers(1, 999), st.sampled_from("个次处项")))
_DEPS = ["应急管理局", "教育局", "统计局", "街道办事处", "乡镇人民政府", "民政局", "交通运输局"]
_NAMES = {"应急管理局": "某某县应急管理局", "教育局": "某某市教育局", "统计局": "某某区统计局",
          "街道办事处": "某某街道办事处", "乡镇人民政府": "某某镇人民政府", "民政局": "某某县民政局",
          "交通运输局": "某某县交通运输局"}


def _value(slot, draw):
    if slot.type == "percent":
        return draw(st.one_of(st.integers(1, 100), st.sampled_from([98.5, 99.2, 100])))
    hi = int(slot.max) if slot.max is not None else 30000
    if slot.type == "decimal":
        return draw(st.sampled_from([v for v in (2.3, 386, 1560, 21500, 4125.8, 12000) if v <= hi] or [1.5]))
    return draw(st.integers(1, min(hi, 30000)))


@st.composite
def work_files(draw):
    from drafter.figures.values import slot_catalogue

    dep = departments().get(draw(st.sampled_from(_DEPS)))
    lines = draw(st.lists(st.sampled_from(dep.work), min_size=1, max_size=5, unique_by=lambda w: w.title))
    cat = slot_catalogue()
    work = []
    for w in lines:
        slots = [s for s in w.slots if s in cat and cat[s].type not in ("date", "text")]
        chosen = draw(st.lists(st.sampled_from(slots), max_size=3, unique=True)) if slots else []
        work.append({"title": w.title, "points": draw(st.lists(_POINT, max_size=3, unique=True)),
                     "figures": {s: _value(cat[s], draw) for s in chosen}})
    return {"unit": _NAMES[dep.department], "year": 2026, "theme": "年度综合",
            "with_plan": draw(st.booleans()), "work": work, "seed": draw(st.integers(0, 5))}


OUTCOMES = re.compile(r"均已办结|全部按期|按期办结率|办结率100%|全部办结")
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=work_files())
def test_random_work_files_say_each_figure_once_and_invent_nothing(bank, data):
    spec = spec_of(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), bank)
    draft = draft_unit(spec, bank=bank)
    body = "\n".join(b.text for b in draft.blocks if b.section not in (None, "signature") and b.kind != "title")
    body = re.sub(r"20\d\d年", "年", body)
    own = [p for w in spec.work for p in w.points]
    slot_names = "".join(s for w in spec.work for s in w.figures)      # 12345热线 names a figure
    figs = Counter()
    for w in spec.work:
        for name, value in w.figures.items():
            s = bank.slots[name]
            figs[written(value, s.type, s.unit).rstrip("%")] += 1
    allowed = Counter(n for p in own for n in NUMBER.findall(p)) + figs
    found = Counter(NUMBER.findall(body))
    for number, n in found.items():
        if number in slot_names:
            continue
        assert n <= allowed[number], (number, n, allowed, body)        # nothing invented, nothing said twice
    for number, n in figs.items():
        assert found[number] >= n, (number, body)                      # and every figure said
    if not any(OUTCOMES.search(p) for p in own):
        assert not OUTCOMES.search(body), body


def test_a_heading_like_title_is_the_heading_and_sentences_name_its_field(bank):
    spec = spec_of("unit: 某某县应急管理局\nyear: 2026\ntheme: 年度综合\nwork:\n"
                   "  - 在有效压实责任上抓重点、求突破\n  - 强化安全监管，筑牢安全防线\n  - 防汛抗旱\n", bank)
    draft = draft_unit(spec, bank=bank)
    subs = dict(_subsections(draft))
    assert "有效压实责任" in subs["在有效压实责任上抓重点、求突破"]
    assert "在有效压实责任上抓重点、求突破" not in "".join(subs.values())   # never inside a sentence
    assert "强化安全监管，筑牢安全防线" in subs and "强化安全监管，筑牢安全防线" not in draft.section_text("plans")


def test_an_outcome_is_asserted_only_when_the_figures_say_so(bank):
    """「受理依申请公开418件，均按程序规范办结」 with 406 办结: never; with 418 办结: may be."""
    outcome = {"id": "r-outcome", "text": "截至目前，及时受理线上线下依申请公开{依申请公开件数}件，均按程序规范办结。",
               "section": "achievements", "function": "result", "slots": ["依申请公开件数"], "score": 99.0}
    small = bank.with_phrases([p for p in bank.phrases if "依申请公开件数" not in p.slots] + [outcome])
    seen = set()
    for done in (406, 418):
        spec = spec_of(f"unit: 某某县民政局\ntheme: 政务公开\nfigures: {{依申请公开件数: 418, 依申请办结件数: {done}}}\n",
                       bank)
        for seed in range(4):
            d = draft_unit(spec.model_copy(update={"seed": seed}), bank=small)
            if "均按程序规范办结" in d.text():
                seen.add(done)
    assert seen == {418}


@pytest.mark.parametrize("name", WORK_EXAMPLES)
def test_the_check_knows_the_figures_and_points_of_the_lines_of_work(tmp_path, name, bank):
    from drafter.drafting import produce

    result = produce(example_spec(name, bank), tmp_path / "d.docx", bank=bank)
    rules = [f.code for f in result.findings]
    assert "figure-unknown-number" not in rules and "figure-missing" not in rules, result.findings
    assert result.check_errors == 0


def test_a_party_highlight_goes_to_the_party_part(bank):
    spec = spec_of(WORK_FILE + "highlights:\n  - 打造“红色应急”党建品牌\n", bank)
    subs = _subsections(draft_unit(spec, bank=bank))
    assert "打造“红色应急”党建品牌" in subs[0][1]


def test_a_title_naming_a_measure_takes_a_fitting_verb(bank):
    """统计数据质量 is raised (提升/提高), never 深化/推进/抓好-ed (a list of titles
    「做好统计数据质量、群众满意度、统计调查等工作」 aside), and has no 质量水平."""
    spec = spec_of("unit: 某某县统计局\nyear: 2026\ntheme: 年度综合\nwork:\n"
                   "  - 统计数据质量\n  - 群众满意度\n  - 统计调查\n  - 巩固脱贫成果\n  - 学前教育普惠发展\n", bank)
    for seed in range(30):
        text = draft_unit(spec.model_copy(update={"seed": seed}), bank=bank).text()
        assert re.search(r"(提升|提高)统计数据质量", text), seed
        bad = re.findall(r"(?:推进|推动|抓好|做好|加强|深化)(?:统计数据质量|群众满意度)(?!、)|(?:质量|满意度|脱贫成果)的?(?:水平|质量|质效)", text)
        bad += re.findall(r"(?:加强|深化|抓好|做好)学前教育普惠发展(?!、)", text)     # data: unfit_verbs
        assert not bad, (seed, bad)

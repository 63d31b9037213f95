"""Schema and invariants of the data tables added for issues 10 and 11.

Self-contained: every table is read with plain yaml.safe_load (the loaders come
later) and checked against the others (slots.yaml, taxonomy.yaml) and, where an
entry cites evidence, against the corpus line it names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "drafter" / "data"
LEVELS = {"市", "县", "区", "乡镇", "街道", "社区", "园区"}
SECTIONS = {"opening", "overview", "achievements", "measures", "results", "problems", "plans", "closing", "basic_info"}


def load(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def table(name: str):
    return load(name)


# ---------------------------------------------------------------- corpus evidence

def _corpus_dirs() -> list[Path]:
    dirs = [REPO / "corpus"]
    for parent in REPO.parents:
        dirs.append(parent / "shared" / "corpus")
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=None)
def _corpus_file(alias: str) -> list[str] | None:
    for d in _corpus_dirs():
        hits = sorted(d.glob(f"{alias}_*.txt"))
        if hits:
            return hits[0].read_text(encoding="utf-8").splitlines()
    return None


def evidence_line(ref: str) -> str | None:
    """The corpus line named by '000:379' (sed -n 379p), or None if that file is not here."""
    m = re.fullmatch(r"(\d{3}):(\d+)", ref)
    assert m, f"evidence must look like 000:379, got {ref!r}"
    lines = _corpus_file(m.group(1))
    if lines is None:
        return None
    n = int(m.group(2))
    assert 1 <= n <= len(lines), f"evidence {ref}: the file has {len(lines)} lines"
    return lines[n - 1]


def checked_evidence(refs) -> list[tuple[str, str]]:
    out = [(ref, evidence_line(ref)) for ref in refs or []]
    return [(ref, line) for ref, line in out if line is not None]


def test_corpus_for_evidence_is_found():
    assert _corpus_file("000") is not None, "corpus/000_*.txt is needed to check the evidence of the tables"


# ---------------------------------------------------------------- typos.yaml

def test_typos_entries_are_well_formed_and_their_examples_hold():
    data = table("typos.yaml")
    assert set(data) == {"typos", "reject", "detector_examples"}
    seen = set()
    for t in data["typos"]:
        assert {"wrong", "right", "fix", "kind", "example"} <= set(t), t
        assert t["kind"] in {"typo", "garble", "usage", "number"}, t["wrong"]
        assert t["wrong"] not in seen, f"duplicate typo entry {t['wrong']}"
        seen.add(t["wrong"])
        pattern = re.compile(t.get("pattern") or re.escape(t["wrong"]))
        before, after = t["example"]["before"], t["example"]["after"]
        if t["fix"]:
            replacement = t.get("replacement", t["right"])
            assert pattern.sub(replacement, before) == after, f"{t['wrong']}: the example does not turn into its correction"
            assert pattern.sub(replacement, after) == after, f"{t['wrong']}: the pattern still hits the corrected text"
            assert before != after
        else:
            assert pattern.search(before), f"{t['wrong']}: the detect-only pattern misses its example"


def test_typos_evidence_lines_carry_the_typo():
    for t in table("typos.yaml")["typos"]:
        pattern = re.compile(t.get("pattern") or re.escape(t["wrong"]))
        assert t.get("evidence"), f"{t['wrong']}: evidence from the corpus is required"
        for ref, line in checked_evidence(t["evidence"]):
            assert pattern.search(line), f"{t['wrong']}: {ref} does not contain it"


def test_typo_table_covers_the_forms_named_in_issue_10():
    wrong = {t["wrong"] for t in table("typos.yaml")["typos"]}
    assert {"相文件", "防止防贫", "得获得感", "做为", "具办人员", "末尾提醒"} <= wrong


def test_fix_patterns_leave_correct_text_alone():
    clean = ("认真落实信息公开相关文件和条例要求，建立健全防止返贫动态监测和帮扶机制，提升群众获得感。"
             "把政务公开作为重要内容，做为民服务的实事。经办人员实行末位提醒。截止日期为12月20日。"
             "公开监督电话，深入研究前沿信息，高校联盟，和谐社会、和美乡村。20余人，300余件，3000余万元。")
    for t in table("typos.yaml")["typos"]:
        if t["fix"]:
            pattern = re.compile(t.get("pattern") or re.escape(t["wrong"]))
            assert not pattern.search(clean), f"{t['wrong']} hits correct text: {pattern.search(clean).group(0)}"
        elif t["kind"] == "number":
            pattern = re.compile(t["pattern"])
            assert not pattern.search(clean), f"{t['wrong']} flags correct numbers"


def test_reject_patterns_match_their_examples_and_evidence():
    ids = set()
    for r in table("typos.yaml")["reject"]:
        assert {"id", "pattern", "reason", "sections", "example"} <= set(r), r
        assert r["id"] not in ids
        ids.add(r["id"])
        assert set(r["sections"]) <= SECTIONS, r["id"]
        pattern = re.compile(r["pattern"])
        assert pattern.search(r["example"]), f"{r['id']}: misses its example"
        for ref, line in checked_evidence(r.get("evidence")):
            assert pattern.search(line), f"{r['id']}: {ref} does not match"
    assert {"proverb-water", "directive-yao", "self-attitude"} <= ids


def test_detector_examples_are_real_corpus_text():
    for kind, examples in table("typos.yaml")["detector_examples"].items():
        assert examples, kind
        for ex in examples:
            assert ex["text"]
            if kind == "repeated_list_item":
                assert ex["text"].count(ex["repeated"]) >= 2
            for ref, line in checked_evidence(ex.get("evidence")):
                core = ex.get("repeated") or ex["text"][-6:]
                assert core in line, f"{kind}: {ref}"


# ---------------------------------------------------------------- politics.yaml

def restore(text: str) -> str:
    for f in table("politics.yaml")["formulas"]:
        for r in f["restore"]:
            text = re.sub(r["pattern"], r["replacement"], text)
    return text


def allowed_years(text: str) -> set[int] | None:
    """Report years in which a sentence may name the campaigns it matches (None: no campaign)."""
    allowed = None
    for c in table("politics.yaml")["campaigns"]:
        if re.search(c["pattern"], text):
            years = set()
            for lo, hi in c["years"]:
                years |= set(range(lo, (hi if hi is not None else 2100) + 1))
            allowed = years if allowed is None else allowed & years
    return allowed


def test_formulas_restore_their_examples_and_are_idempotent():
    ids = set()
    for f in table("politics.yaml")["formulas"]:
        assert {"id", "correct", "restore", "example"} <= set(f), f
        assert f["id"] not in ids
        ids.add(f["id"])
        for r in f["restore"]:
            re.compile(r["pattern"])
        for p in f.get("reject") or []:
            re.compile(p)
        before, after = f["example"]["before"], f["example"]["after"]
        assert restore(before) == after, f"{f['id']}: {restore(before)}"
        assert restore(after) == after, f"{f['id']}: restoring is not idempotent"
        assert f["correct"].split("…")[0] in after


def test_formula_evidence_lines_carry_the_mutilation():
    for f in table("politics.yaml")["formulas"]:
        patterns = [r["pattern"] for r in f["restore"]] + list(f.get("reject") or [])
        for ref, line in checked_evidence(f.get("evidence")):
            assert any(re.search(p, line) for p in patterns), f"{f['id']}: {ref}"


def test_the_thought_keeps_its_name():
    out = restore("始终坚持以新时代中国特色社会主义思想为指导，深入开展好新时代中国特色社会主义思想主题教育")
    assert "以习近平新时代中国特色社会主义思想为指导" in out
    assert not re.search(r"(?<!习近平)新时代中国特色社会主义思想", out)
    assert restore("坚持以习近平新时代中国特色社会主义思想为指导") == "坚持以习近平新时代中国特色社会主义思想为指导"


def test_campaign_years_are_well_formed_and_consistent():
    ids = set()
    for c in table("politics.yaml")["campaigns"]:
        assert {"id", "name", "pattern", "years", "example"} <= set(c), c
        assert c["id"] not in ids
        ids.add(c["id"])
        own = set()
        for rng in c["years"]:
            lo, hi = rng
            assert isinstance(lo, int) and 1949 <= lo <= 2100, c["id"]
            assert hi is None or (isinstance(hi, int) and lo <= hi <= 2100), c["id"]
            own |= set(range(lo, (hi if hi is not None else 2100) + 1))
        assert re.search(c["pattern"], c["example"]), f"{c['id']}: misses its example"
        years = allowed_years(c["example"])
        assert years and years <= own, f"{c['id']}: other entries leave its example {sorted(years or [])[:3]}…"
        for ref, line in checked_evidence(c.get("evidence")):
            assert re.search(c["pattern"], line), f"{c['id']}: {ref}"


@pytest.mark.parametrize("text,year,ok", [
    ("（一）抓好第二批主题教育工作", 2026, False),
    ("（一）抓好第二批主题教育工作", 2023, True),
    ("持续推进主题教育不断取得实效", 2026, False),
    ("深入开展好新时代中国特色社会主义思想主题教育", 2024, True),
    ("深入开展好新时代中国特色社会主义思想主题教育", 2021, False),
    ("扎实开展党纪学习教育", 2024, True),
    ("扎实开展党纪学习教育", 2025, False),
    ("扎实开展深入贯彻中央八项规定精神学习教育", 2025, True),
    ("扎实开展党史学习教育", 2023, False),
    ("坚持校园常态化疫情防控不放松", 2024, False),
    ("深入学习宣传贯彻党的二十大精神", 2026, True),
    ("全面贯彻落实党的十九大各项决策部署", 2023, False),
    ("深入实施“八五”普法规划", 2026, False),
    ("开展禁毒主题教育活动", 2026, True),
    ("做好传染病疫情防控工作信息公开", 2026, True),
])
def test_a_campaign_phrase_is_chosen_only_in_its_years(text, year, ok):
    years = allowed_years(text)
    assert (years is None or year in years) == ok


def test_relative_years_and_anniversaries():
    data = table("politics.yaml")
    context = {c["name"] for c in table("slots.yaml")["context"]}
    for r in data["relative_years"]:
        assert r["slot"] in context, r["id"]
        m = re.search(r["pattern"], r["example"]["text"])
        assert m, r["id"]
        assert int(m.group("year")) == r["example"]["report_year"] + r["offset"], r["id"]
        assert isinstance(r.get("plans_offset", r["offset"]), int)
        for ref, line in checked_evidence(r.get("evidence")):
            assert re.search(r["pattern"], line), f"{r['id']}: {ref}"
    feedback = next(r for r in data["relative_years"] if r["id"] == "evaluation-feedback")
    assert feedback["offset"] == -1 and feedback["slot"] == "上一年度"
    for a in data["anniversaries"]:
        m = re.search(a["pattern"], a["example"]["text"])
        assert m and int(m.group("n")) == a["example"]["report_year"] - a["base"], a["id"]


# ---------------------------------------------------------------- slots.yaml additions

def _slots() -> dict[str, dict]:
    return {s["name"]: s for s in table("slots.yaml")["slots"]}


def test_slot_families_and_level_limits_are_known_names():
    families = set(table("taxonomy.yaml")["families"])
    slots = _slots()
    for s in slots.values():
        assert set(s.get("families") or []) <= families, s["name"]
    limits = table("slots.yaml")["slot_levels"]
    for name, rule in limits.items():
        assert name in slots, f"slot_levels names an unknown slot {name}"
        assert len(rule) == 1 and set(rule) <= {"levels", "not_levels"}, name
        values = next(iter(rule.values()))
        assert values and set(values) <= LEVELS, name
    assert "街道" not in limits["政府公报期数"]["levels"]
    assert "社区" in limits["依申请公开件数"]["not_levels"]


def test_slot_templates_state_only_the_figure():
    allowed_digits = re.compile(r"12345|PM2\.5|65岁")
    for s in _slots().values():
        template = s.get("template") or ""
        assert "{%s}" % s["name"] in template, s["name"]
        rest = allowed_digits.sub("", re.sub(r"\{[^}]+\}", "", template + (s.get("zero") or "")))
        assert not re.search(r"[0-9%]", rest), f"{s['name']}: the template writes a number nobody gave: {template}"
        assert not re.search(r"均已|全部按期|无事故|零事故", template), f"{s['name']}: an outcome nobody gave"


# ---------------------------------------------------------------- departments.yaml

def _taxonomy_match(name: str) -> str | None:
    """Canonical department of a unit name: the longest alias it contains (as profile.py does)."""
    best, best_len = None, 0
    for d in table("taxonomy.yaml")["departments"]:
        for alias in d["aliases"]:
            if alias in name and len(alias) > best_len:
                best, best_len = d["canonical"], len(alias)
    return best


def test_department_profiles_match_the_taxonomy():
    deps = table("departments.yaml")["departments"]
    canon = {d["canonical"]: d for d in table("taxonomy.yaml")["departments"]}
    assert len(deps) >= 37
    for key, p in deps.items():
        assert key in canon, f"{key} is not a canonical name of taxonomy.yaml"
        assert p["family"] == canon[key]["family"], key
        assert p["levels"] and set(p["levels"]) <= LEVELS, key
        if canon[key].get("level"):
            assert p["levels"] == [canon[key]["level"]], key
        assert _taxonomy_match(p["example"]) == key, f"{key}: its example {p['example']} selects another department"


def test_department_profiles_cover_the_departments_of_issue_11():
    deps = table("departments.yaml")["departments"]
    wanted = ["发展和改革委员会", "教育局", "科学技术局", "经济和信息化局", "公安局", "民政局", "司法局", "财政局",
              "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
              "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
              "市场监督管理局", "统计局", "医疗保障局", "林业局", "城市管理行政执法局", "信访局", "政务服务中心",
              "机关事务管理服务中心", "税务局", "气象局", "乡镇人民政府", "街道办事处", "社区居民委员会",
              "村民委员会", "政府办公室", "人民政府"]
    assert [w for w in wanted if w not in deps] == []


def test_lines_of_work_are_well_formed():
    slots = _slots()
    limits = table("slots.yaml")["slot_levels"]
    for key, p in table("departments.yaml")["departments"].items():
        work = p["work"]
        assert 5 <= len(work) <= 9, key
        titles = [w["title"] for w in work]
        assert len(set(titles)) == len(titles), key
        actions_all = []
        for w in work:
            where = f"{key}/{w['title']}"
            assert 4 <= len(w["title"]) <= 10, where
            kw = w["keywords"]
            assert 10 <= len(kw) <= 20 and len(set(kw)) == len(kw), where
            assert all(isinstance(k, str) and k for k in kw), f"{where}: quote numeric keywords ('12345')"
            assert 3 <= len(w["actions"]) <= 6, where
            for a in w["actions"]:
                assert 6 <= len(a) <= 16 and not re.search(r"\d", a), f"{where}: {a}"
            actions_all += w["actions"]
            for s in w["slots"]:
                assert s in slots, f"{where}: unknown slot {s}"
                fams = slots[s].get("families") or []
                assert not fams or p["family"] in fams, f"{where}: {s} is not a figure of {p['family']}"
                rule = limits.get(s)
                if rule:
                    ok = [lv for lv in p["levels"] if lv in rule.get("levels", LEVELS) and lv not in rule.get("not_levels", [])]
                    assert ok, f"{where}: {s} makes no sense at {p['levels']}"
        assert len(set(actions_all)) == len(actions_all), key
        for text in p["problems"] + p["plans"]:
            assert 6 <= len(text) <= 20, f"{key}: {text}"
        assert len(p["problems"]) >= 3 and len(p["plans"]) >= 3, key


def test_openness_and_assistance_fields_are_well_formed():
    """departments.yaml openness (what a department publishes as 重点领域信息, 3–5)
    and assistance (its 行业帮扶 fields: none, or 2–5): short noun phrases, no
    numbers, none written by the kind's own frames or the outline (it would then
    stand in every draft of the kind)."""
    deps = table("departments.yaml")["departments"]
    kinds = table("kinds.yaml")
    outline = (REPO / "templates" / "outline.yaml").read_text(encoding="utf-8")
    for attr, theme in (("openness", "政务公开"), ("assistance", "乡村振兴·帮扶")):
        frames = yaml.safe_dump(kinds[theme], allow_unicode=True) + outline
        for key, p in deps.items():
            fields = p.get(attr)
            assert isinstance(fields, list), f"{key}: {attr}"
            if attr == "openness":
                assert 3 <= len(fields) <= 5, key
            else:
                assert len(fields) == 0 or 2 <= len(fields) <= 5, key
            assert len(set(fields)) == len(fields), f"{key}: {attr}"
            for f in fields:
                assert isinstance(f, str) and 2 <= len(f) <= 10 and not re.search(r"[\d０-９]", f), f"{key}: {f}"
                assert f not in frames, f"{key}: {f} is written by kinds.yaml or outline.yaml"
    assert "社会救助" in deps["民政局"]["openness"] and "农村公路建设" in deps["交通运输局"]["assistance"]
    assert "招生入学" in deps["教育局"]["openness"] and "健康帮扶" in deps["卫生健康委员会"]["assistance"]


def test_kind_frames_write_no_number_and_only_known_slots():
    from drafter.slotfill import find_slots

    known = {"领域", "领域列表", "领域首", "年度", "下一年度", "单位简称", "上级单位"}
    kinds = table("kinds.yaml")
    assert set(kinds) == {"政务公开", "乡村振兴·帮扶"}

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for v in node.values():
                yield from strings(v)
        elif isinstance(node, list):
            for v in node:
                yield from strings(v)

    for theme, node in kinds.items():
        for text in strings(node):
            assert not re.search(r"\d", text), (theme, text)
            assert set(find_slots(text)) <= known, (theme, text)


def test_profiles_describe_the_department_s_own_work():
    deps = table("departments.yaml")["departments"]
    def words(key):
        return " ".join(w["title"] + " ".join(w["keywords"]) for w in deps[key]["work"])
    assert all(x in words("应急管理局") for x in ("安全生产", "防汛", "救援", "危险化学品"))
    assert all(x in words("统计局") for x in ("统计调查", "普查", "统计执法"))
    assert "安置帮教" in words("司法局") and "安置帮教" not in words("教育局") + words("应急管理局")


# ---------------------------------------------------------------- divisions

def _divisions() -> list[str]:
    lines = (DATA / "divisions.txt").read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln and not ln.startswith("#")]


def test_divisions_file_is_one_clean_name_per_line():
    text = (DATA / "divisions.txt").read_text(encoding="utf-8")
    assert "GENERATED by drafter/data/gen_divisions.py" in text and "jionlp" in text
    names = _divisions()
    assert len(names) > 5000
    assert names == sorted(set(names)), "names must be unique and sorted"
    for n in names:
        assert re.fullmatch(r"[\u4e00-\u9fff·]{2,30}", n), n


def test_divisions_hold_the_corpus_places_and_none_of_the_exclusions():
    names = set(_divisions())
    assert {"安徽", "安徽省", "安庆", "霍山", "霍山县", "太湖", "宣城", "六安", "淮南", "蚌埠", "马鞍山",
            "德阳", "罗江", "淄博", "沂源", "沂水", "温州", "嘉善", "固始", "内蒙古"} <= names
    rules = load("divisions_exclude.yaml")
    excluded = {e["name"] for e in rules["exclude"]}
    assert not names & excluded, sorted(names & excluded)
    assert {"合作", "振兴", "公安", "平安", "城关", "金山", "新区", "经开区", "示范区"} & names == set()
    assert not names & {"开发区", "高新区", "产业园", "工业园", "保税区", "航空港", "城区", "郊区", "矿区"}


def test_division_exclusions_are_reviewed_data():
    rules = load("divisions_exclude.yaml")
    names = [e["name"] for e in rules["exclude"]]
    assert len(set(names)) == len(names)
    for e in rules["exclude"]:
        assert e["from"] and e["reason"], e
    assert not set(names) & set(rules["keep"])
    assert rules["min_chars"] >= 2


@pytest.mark.skipif(__import__("importlib.util").util.find_spec("jionlp") is None,
                    reason="jionlp (the source package of divisions.txt) is not installed")
def test_divisions_file_is_what_the_generator_writes():
    import importlib.util as iu

    spec = iu.spec_from_file_location("gen_divisions", DATA / "gen_divisions.py")
    gen = iu.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.main(["--check"]) == 0

"""Unit profile: level, department, family, theme, year of a report or unit.

Pure Python (no jieba, no scikit-learn): used on the drafting path too.
All vocabulary lives in drafter/data/taxonomy.yaml (read by drafter/taxonomy.py).

    infer_profile("XX县人社局")                         -> 县 / 人力资源和社会保障局 / 民政社保
    infer_profile(title="区发展改革委2023年政务公开工作总结", text=body)
        -> the body wins when it clearly names another kind of unit (我乡 …)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from drafter.models import THEME_ANNUAL, UnitProfile
from drafter.taxonomy import Department, Taxonomy, _grams, load_taxonomy

# Highest confidence an n-gram guess can get (a guess is never certain).
_MAX_GUESS_CONFIDENCE = 0.9


def nearest_family(name: str, tax: Taxonomy | None = None) -> tuple[str | None, float]:
    """Family whose aliases and keywords share most (idf-weighted) character n-grams with name.

    Returns (family, confidence) with confidence in [0, 0.9]; (None, 0.0) if nothing is shared.
    """
    tax = tax or load_taxonomy()
    core = _strip_level_words(name, tax)
    if tax.generic_name_parts is not None:
        core = tax.generic_name_parts.sub("", core)
    grams = _grams(core) or _grams(name)
    if not grams:
        return None, 0.0
    idf = tax._gram_idf
    default_idf = math.log(1 + len(tax._family_grams) or 2)
    total = sum(idf.get(g, default_idf) * (2.0 if len(g) == 2 else 1.0) for g in grams)
    best, best_score = None, 0.0
    for fam, fgrams in tax._family_grams.items():
        score = sum(idf.get(g, default_idf) * (2.0 if len(g) == 2 else 1.0) for g in grams if g in fgrams)
        if score > best_score + 1e-9:
            best, best_score = fam, score
    if best is None:
        return None, 0.0
    confidence = round(min(_MAX_GUESS_CONFIDENCE, best_score / total), 3)
    return best, max(confidence, 0.05)


# ---------------------------------------------------------------- name parts

_YEAR_WORDS = re.compile(r"((?:19|20)\d{2}|20[xX_]{2}|202_|20[0-9]_)\s*年?\s*(年度|度)?")
_REPORT_WORDS = re.compile(
    r"(政务信息公开|政府信息公开|政务公开|信息公开|乡村振兴|定点帮扶|帮扶|脱贫|上半年|下半年|半年|年度工作|全年工作|"
    r"工作总结|工作思路|工作计划|工作要点|工作报告|述职|总结|汇报|篇\d+)"
)


def unit_from_title(title: str) -> str:
    """The unit part of a report title: "区民政局2023年政务公开工作总结" → "区民政局"."""
    t = re.sub(r"[\s\u3000]", "", title or "")
    t = _YEAR_WORDS.sub("|", t)
    m = _REPORT_WORDS.search(t)
    head = t[: m.start()] if m else t
    parts = [p for p in head.split("|") if p.strip("年度的关于及和")]
    if not parts:
        return ""
    unit = max(parts, key=len).strip("年度的关于及和、")
    return unit


def _strip_level_words(name: str, tax: Taxonomy) -> str:
    out = name
    for lv in tax.levels:
        for cue in sorted(lv.name_cues, key=len, reverse=True):
            if len(cue) >= 2:
                out = out.replace(cue, "")
    return re.sub(r"^(中共|中国共产党)?.{0,6}?(省|市|县|区|旗|州)(委)?", "", out) or out


def find_department(name: str, tax: Taxonomy | None = None) -> tuple[Department, int, int] | None:
    """The department alias in name (longest, then last); returns (department, start, end)."""
    tax = tax or load_taxonomy()
    best = None
    for alias, dep in tax.alias_index:
        if best is not None and len(alias) < best[2] - best[1]:
            break
        pos = name.rfind(alias)
        if pos >= 0:
            cand = (dep, pos, pos + len(alias))
            if best is None or cand[2] > best[2]:
                best = cand
    return best


def level_of_name(name: str, tax: Taxonomy | None = None, *, mask: tuple[int, int] | None = None) -> tuple[str | None, int]:
    """Administrative level named in a unit name: the cue that ends last wins.

    mask: a span (a department alias) in which cues are ignored.
    Returns (level, end position of the cue) or (None, -1).
    """
    tax = tax or load_taxonomy()
    text = list(name)
    if mask:
        for i in range(mask[0], mask[1]):
            text[i] = "\0"
    masked = "".join(text)
    for false in tax.level_false_cues:
        masked = masked.replace(false, "\0" * len(false))
    best: tuple[int, int, str] | None = None   # (end, cue length, level)
    for lv in tax.levels:
        for cue in lv.name_cues:
            start = masked.find(cue)
            while start >= 0:
                cand = (start + len(cue), len(cue), lv.level)
                if best is None or cand[:2] > best[:2]:
                    best = cand
                start = masked.find(cue, start + 1)
    if best is None:
        return None, -1
    return best[2], best[0]


# ---------------------------------------------------------------- body cues

# (A pattern source: re compiles and caches it on first use, not in every process that
# imports this module; a CJK range costs ~1 ms to compile.)
_OPENING_UNIT = (
    r"^(?:[^，。]{0,12}(?:以来|年|上半年|今年)，)?(?:中共)?"
    r"(?P<unit>[\u4e00-\u9fffXx（）()]{2,24}?(?:人民政府|政府|管委会|办事处|委员会|居委会|乡|镇|街道|社区|县|区|市|局|委|办|中心|处|所|站|院|队))"
    r"(?:党组|党委|坚持|紧紧|深入|认真|始终|在|按照|围绕|全面|积极|以|高度|着力|严格|切实|持续|立足|聚焦|结合)"
)


def body_unit(text: str) -> str | None:
    """The unit named at the start of the opening ("2023年，闹村乡在县委…" → "闹村乡")."""
    for line in (text or "").splitlines()[:3]:
        m = re.match(_OPENING_UNIT, line.strip())
        if m:
            unit = m.group("unit")
            if unit.startswith(("我", "全", "本")):
                continue
            return unit
    return None


def _self_ref_hits(text: str, tax: Taxonomy) -> dict[str, int]:
    hits = {}
    for lv in tax.levels:
        n = sum(text.count(ref) for ref in lv.self_refs if ref[0] in "我本")
        if n:
            hits[lv.level] = n
    return hits


# ---------------------------------------------------------------- theme / year

def infer_theme(title: str = "", text: str = "", tax: Taxonomy | None = None) -> str:
    tax = tax or load_taxonomy()
    for th in tax.themes:
        if any(cue in (title or "") for cue in th.cues):
            return th.theme
    if tax.annual_title_re is not None and tax.annual_title_re.search(re.sub(r"[\s\u3000]", "", title or "")):
        return tax.default_theme          # the title outweighs body words
    if text:
        per = max(len(text), 1) / 1000
        scores = []
        for th in tax.themes:
            hits = sum(text.count(cue) for cue in th.cues if not any(cue in o and cue != o for o in th.cues))
            if hits >= tax.body_min_hits and hits / per >= tax.body_min_per_1000:
                scores.append((hits / per, th.theme))
        if scores:
            return max(scores)[1]
    return tax.default_theme


def infer_with_plan(title: str = "", text: str = "", tax: Taxonomy | None = None) -> bool:
    tax = tax or load_taxonomy()
    t = re.sub(r"[\s\u3000]", "", title or "")
    if tax.with_plan_re.search(t):
        return True
    first = (text or "").splitlines()[:2]
    return any(tax.with_plan_re.search(line) and "如下" in line for line in first)


def era_year(year: int, text: str) -> int | None:
    """The year the body implies when `year` contradicts its era cues (十九大 in a 2023 text), else None."""
    found = [(start, end) for rx, start, end in load_taxonomy().year_eras if rx.search(text or "")]
    if not found or any(start <= year <= end for start, end in found):
        return None
    return max(start for start, _ in found)


def year_note(title: str, text: str) -> str | None:
    """Chinese note when the title year contradicts the body (the profile uses the body's year)."""
    tax = load_taxonomy()
    m = tax.year_re.search(title or "")
    if not m:
        return None
    fixed = era_year(int(m.group(1)), text)
    if fixed is None:
        return None
    return f"标题年份 {m.group(1)} 与正文时代特征不符，按 {fixed} 年计；正文中的年份和日期不可信，不应挖掘"


def infer_year(title: str = "", text: str = "", tax: Taxonomy | None = None) -> int | None:
    """Report year from the title, else from the opening lines; 202_ / 20xx = unknown.

    A title year that the body's era cues contradict (taxonomy.yaml year_eras) is replaced.
    """
    tax = tax or load_taxonomy()
    m = tax.year_re.search(title or "")
    if m:
        year = int(m.group(1))
        fixed = era_year(year, text) if text else None
        return fixed if fixed is not None else year
    if title and re.search(r"20[xX_]{2}|202_", title):
        return None
    lines = (text or "").splitlines()[:2]
    for line in lines:
        if re.match(r"^\s*(20[xX_]{2}|202_)", line):
            return None
        m = tax.year_re.search(line)
        if m:
            return int(m.group(1))
    return None


# ---------------------------------------------------------------- profile

def _profile_of_name(name: str, tax: Taxonomy) -> UnitProfile:
    prof = UnitProfile(name=name)
    if not name:
        return prof
    found = find_department(name, tax)
    if found:
        dep, start, end = found
        level, _ = level_of_name(name, tax, mask=(start, end))
        if dep.level:
            # 乡镇人民政府 / 管委会 …: the department fixes the level unless a lower unit follows
            inner, pos = level_of_name(name[:start], tax)
            level = dep.level
        prof.level = level
        prof.department, prof.family, prof.family_confidence = dep.canonical, dep.family, 1.0
        return prof
    level, end = level_of_name(name, tax)
    prof.level = level
    if level and end == len(name.rstrip()):
        # the name is just an area ("XX县", "闹村乡", "XX社区"): its government
        dep = tax.department(tax.area_government.get(level, ""))
        if dep:
            prof.department, prof.family, prof.family_confidence = dep.canonical, dep.family, 1.0
            return prof
    fam, conf = nearest_family(name, tax)
    if fam:
        prof.department = None
        prof.family, prof.family_confidence = fam, conf
    else:
        prof.family_confidence = 0.0
    return prof


def infer_profile(
    name: str = "",
    *,
    title: str = "",
    text: str = "",
    theme: str | None = None,
    year: int | None = None,
) -> UnitProfile:
    """Profile of a unit from its name and/or a report title and body.

    name:  unit name as the user wrote it ("XX县人社局"); if empty, taken from the title.
    title: report title; gives unit, theme, with-plan flag and year.
    text:  report body; self-references (我乡/我镇/我局…) and the unit named in the
           opening correct a title that names another unit; theme/year fallback.
    theme/year: given values win over inferred ones.
    """
    tax = load_taxonomy()
    unit = (name or "").strip() or unit_from_title(title)
    prof = _profile_of_name(unit, tax)

    if text:
        _apply_body(prof, unit, text, tax)

    prof.theme = theme if theme else infer_theme(title, text, tax)
    prof.with_plan = infer_with_plan(title, text, tax)
    prof.year = year if year is not None else infer_year(title, text, tax)
    return prof


# The keys of a figures file (and of the wizard's answers) that make a unit's profile.
PROFILE_KEYS = ("unit", "year", "theme", "with_plan", "level", "department", "family")


def profile_for(source: Any) -> UnitProfile:
    """The profile a draft is written for: inferred from the unit name, with the
    given level / department / family / theme / with_plan / year winning.

    source: a figures file (drafter.figures.UnitSpec) or the wizard's answers (a
    mapping with the same keys, possibly partial). A theme not given is the
    taxonomy's default theme (年度综合), not one guessed from the unit name: the
    wizard asks for the theme, with that guess as its default answer.
    """
    values = source if isinstance(source, Mapping) else {k: getattr(source, k, None) for k in PROFILE_KEYS}
    unit, theme, year = values.get("unit") or "", values.get("theme"), values.get("year")
    prof = infer_profile(unit, theme=theme, year=year)
    if values.get("level"):
        prof.level = values["level"]
    if values.get("department"):
        prof.department = values["department"]
    if values.get("family"):
        prof.family = values["family"]
        prof.family_confidence = 1.0
    prof.theme = theme or prof.theme or THEME_ANNUAL
    prof.with_plan = bool(values.get("with_plan"))
    prof.year = year
    return prof


_BASE_LEVELS = ("乡镇", "街道", "社区")


def _apply_body(prof: UnitProfile, unit: str, text: str, tax: Taxonomy) -> None:
    """Let the body correct or complete the profile taken from the title."""
    hits = _self_ref_hits(text, tax)
    named = body_unit(text)
    named_prof = _profile_of_name(named, tax) if named else None
    dep = tax.department(prof.department) if prof.department else None
    own_ref = dep.self_ref if dep else None
    own_ref_hits = text.count(own_ref) if own_ref and prof.department not in tax.area_government.values() else 0

    if not unit:
        # untitled: the unit named in the opening, else the self-references
        if named_prof and (named_prof.level or named_prof.department):
            _copy_unit(prof, named_prof)
        if not prof.level and hits:
            prof.level = max(hits.items(), key=lambda kv: kv[1])[0]
        if not prof.department and prof.level in tax.area_government and (not named_prof or not named_prof.family):
            d = tax.department(tax.area_government[prof.level])
            if d and prof.level in _BASE_LEVELS + ("县", "区", "市") and hits.get(prof.level):
                prof.department, prof.family, prof.family_confidence = d.canonical, d.family, 1.0
        return

    title_hits = hits.get(prof.level, 0) if prof.level else 0
    if prof.level == "园区":
        title_hits += hits.get("区", 0)
    # A title that names another unit: the body speaks of itself as a base-level unit
    # (我乡/我镇/我街道/我社区) or names a different unit in the opening, and never
    # uses the title unit's own self-reference.
    body_level = None
    if hits:
        body_level = max(hits.items(), key=lambda kv: kv[1])[0]
    conflict_named = (
        named_prof is not None
        and named_prof.level in _BASE_LEVELS
        and named_prof.level != prof.level
        and named_prof.department != prof.department
    )
    conflict_refs = (
        body_level in _BASE_LEVELS
        and body_level != prof.level
        and title_hits == 0
        and own_ref_hits == 0
    )
    if (conflict_named and own_ref_hits == 0) or conflict_refs:
        if named_prof is not None and named_prof.level == (body_level or named_prof.level):
            _copy_unit(prof, named_prof)
        else:
            prof.name = prof.name
            prof.level = body_level
            d = tax.department(tax.area_government.get(body_level, ""))
            if d:
                prof.department, prof.family, prof.family_confidence = d.canonical, d.family, 1.0
        return
    if not prof.level:
        if named_prof and named_prof.level:
            prof.level = named_prof.level
        elif body_level:
            prof.level = body_level
    if not prof.family and named_prof and named_prof.family:
        prof.department, prof.family, prof.family_confidence = (
            named_prof.department, named_prof.family, named_prof.family_confidence)


def _copy_unit(prof: UnitProfile, other: UnitProfile) -> None:
    prof.name = other.name
    prof.level = other.level or prof.level
    prof.department = other.department
    prof.family = other.family
    prof.family_confidence = other.family_confidence

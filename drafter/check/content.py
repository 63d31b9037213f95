"""Content rules of `drafter check`: what the text says, against the unit and its figures.

    political-formula     a fixed formula written wrongly (politics.yaml formulas)
    typo / wording        scrape typos and unusable wording (typos.yaml)
    campaign-year         a campaign named outside its years (politics.yaml campaigns)
    anniversary-year      「建党102周年」 in the wrong year
    relative-year         「政务公开2026年度评估」 in a 2026 report (an evaluation is of the previous year)
    self-reference        我镇 in a 乡, 我局 in a 委 (slots.yaml self_reference, check.yaml self_reference)
    role-word             局主要负责人 in a 街道, 全办 in a 委, 中心 bodies in other units (check.yaml roles)
    level-word            全县 in a 市 unit's report (check.yaml roles with a code)
    other-family-work     安置帮教 in an 教育局 (check.yaml family_work, families of departments.yaml)
    near-repeat(-far)     the same sentence said twice in other words
    outcome-contradicted  「均已办结」 when the figures say 406 of 418 (check.yaml outcomes)
    figure-repeated       one figure stated twice
    phrase-other-unit     a bank phrase bound to another family or level (provenance; drafting only)

Pure functions over the checker's paragraphs (drafter.check.structure.Para);
the tables are read once per process. Standard library only (no jieba): the
drafting path runs these rules on every draft it composes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from drafter.check.findings import Finding, format_value, make, quote
from drafter.check.rules import ContentRules, check_rules
from drafter.check.spec import CheckSpec
from drafter.check.structure import SENTENCE_END, Para, report_year

# Para.part -> the bank section names typos.yaml `reject` rules are scoped by
_SECTION_OF_PART = {"opening": "opening", "body": "achievements", "problems": "problems", "plans": "plans"}
_TEXT_PARTS = ("opening", "body", "problems", "plans")


# ---------------------------------------------------------------- the unit


@dataclass(frozen=True)
class UnitInfo:
    """What the content rules know about the unit: its kind (局, 委, 乡, 镇, 县 …, the
    self-reference without 我), level, department and family."""

    name: str
    self_ref: str          # 我局 … or 我单位 when unknown
    kind: str              # self_ref[1:], "" when unknown
    level: str | None
    department: str | None
    family: str | None


@lru_cache(maxsize=1)
def _self_reference_rules() -> tuple[dict, ...]:
    """The self-reference rules the composer fills {单位简称} with: the shipped bank's
    slots.json (a copy of drafter/data/slots.yaml `self_reference`, quick to read), else
    slots.yaml itself."""
    from drafter.datafiles import read_table
    from drafter.errors import DrafterError
    from drafter.paths import data_file, phrasebank_dir
    from drafter.slots import read_json

    try:
        raw = read_json(phrasebank_dir() / "slots.json", required=False) or {}
    except DrafterError:
        raw = {}
    if not isinstance(raw, dict) or not raw.get("self_reference"):
        raw = read_table(data_file("slots.yaml")) or {}
    return tuple(r for r in raw.get("self_reference") or () if isinstance(r, dict) and r.get("suffix"))


@lru_cache(maxsize=64)
def unit_info(name: str, level: str | None = None, department: str | None = None,
              family: str | None = None) -> UnitInfo:
    """The unit's kind, level and family from its name (taxonomy.yaml), unless given."""
    from drafter.profile import infer_profile
    from drafter.slotfill import self_reference

    prof = infer_profile(name)
    level = level or prof.level
    department = department or prof.department
    family = family or prof.family
    ref = self_reference(name, level, _self_reference_rules())
    kind = ref[1:] if ref != "我单位" else ""
    return UnitInfo(name, ref, kind, level, department, family)


def _unit_of(spec: CheckSpec, paras: list[Para]) -> UnitInfo | None:
    name = spec.unit or spec.signature_name
    if not name:
        title = next((p.text for p in paras if p.part == "title"), "")
        m = re.match(r"^(.*?)(?:(?:19|20|21)\d{2}|20[xX_]{2}|202_)", title)
        name = m.group(1) if m else ""
    if not name:
        return None
    return unit_info(name, spec.level, spec.department, spec.family)


# ---------------------------------------------------------------- entry point


def misfits(text: str, unit: UnitInfo) -> list[Finding]:
    """What the unit-fit rules (self-reference, role and level words, another
    family's work) find in one sentence: the composer asks this of every bank
    sentence before writing it, so a draft never needs the check to catch them."""
    rules = check_rules().content
    paras = [Para(0, text, "", "body")]
    return (check_self_reference(paras, unit, rules) + check_roles(paras, unit, rules)
            + check_family_work(paras, unit, rules))



def run_content_rules(paras: list[Para], spec: CheckSpec) -> list[Finding]:
    rules = check_rules().content
    text_paras = [p for p in paras if p.part in _TEXT_PARTS]
    found: list[Finding] = []
    found += check_formulas(text_paras + [p for p in paras if p.part == "title"])
    found += check_typos(text_paras)
    year = report_year(paras, spec)
    if year:
        found += check_campaigns(text_paras, year)
    unit = _unit_of(spec, paras)
    if unit is not None:
        found += check_self_reference(text_paras, unit, rules)
        found += check_roles(text_paras, unit, rules)
        own = "|".join(list(spec.own_text) + [str(k) for k in (spec.figures or {})])
        found += check_family_work(text_paras, unit, rules, own=own)
    found += check_near_repeats(text_paras, rules)
    if spec.figures:
        found += check_outcomes(text_paras, spec, rules)
        found += check_figure_repeats(text_paras, spec)
    return found


# ---------------------------------------------------------------- formulas and typos


def check_formulas(paras: list[Para]) -> list[Finding]:
    from drafter.politics import politics

    pol = politics()
    found = []
    for p in paras:
        for formula, wrong in pol.mutilated(p.text):
            pos = max(p.text.find(wrong), 0)
            found.append(make("political-formula", p.location,
                              f"固定提法写法有误：“{wrong}”，应为“{formula.correct}”：{quote(p.text, pos, pos + len(wrong))}"))
    return found


def check_typos(paras: list[Para]) -> list[Finding]:
    from drafter.typos import typos

    table = typos()
    found = []
    for p in paras:
        for typo, wrong in table.found(p.text):
            pos = max(p.text.find(wrong), 0)
            right = f"，应为“{typo.right}”" if typo.right else ""
            found.append(make("typo", p.location,
                              f"错别字或残缺文字“{typo.wrong}”{right}：{quote(p.text, pos, pos + len(wrong))}"))
        for sentence in _sentences(p.text):
            rule = table.rejected(sentence, _SECTION_OF_PART.get(p.part))
            if rule is not None:
                found.append(make("wording", p.location, f"{rule.reason}：“{_short(sentence)}”"))
    return found


# ---------------------------------------------------------------- campaigns and years


def _years_text(years) -> str:
    parts = []
    for lo, hi in years:
        parts.append(f"{lo}年以后" if hi is None else (f"{lo}年" if lo == hi else f"{lo}—{hi}年"))
    return "、".join(parts)


def check_campaigns(paras: list[Para], year: int) -> list[Finding]:
    from drafter.politics import politics

    pol = politics()
    found = []
    for p in paras:
        spans: list[tuple[int, int]] = []
        for c in pol.campaigns_in(p.text):
            if c.allows(year) or (p.part == "plans" and c.allows(year + 1)):
                continue
            m = c.pattern.search(p.text)
            if any(s < m.end() and m.start() < e for s, e in spans):
                continue          # 第二批主题教育 already reported; not again as 主题教育
            spans.append(m.span())
            found.append(make("campaign-year", p.location,
                              f"“{c.name}”属于{_years_text(c.years)}，不应出现在{year}年的报告中：{quote(p.text, m.start(), m.end())}"))
        for a, wrote, right in pol.anniversary_errors(p.text, year):
            m = a.pattern.search(p.text)
            found.append(make("anniversary-year", p.location,
                              f"{year}年应为“{right}周年”，这里写的是“{wrote}周年”：{quote(p.text, m.start(), m.end())}"))
        for rel in pol.relative_years:
            for m in rel.pattern.finditer(p.text):
                raw = m.group("year")
                if not raw.isdigit():
                    continue
                expected = year + (rel.plans_offset if p.part == "plans" else rel.offset)
                if int(raw) != expected:
                    found.append(make("relative-year", p.location,
                                      f"“{m.group(0)}”的年份应为{expected}年（{year}年报告中{_relative_word(expected - year)}）："
                                      f"{quote(p.text, m.start(), m.end())}"))
    return found


def _relative_word(offset: int) -> str:
    return {-1: "指上一年度", 0: "指本年度", 1: "指下一年度"}.get(offset, "年份不符")


# ---------------------------------------------------------------- who may say it


@lru_cache(maxsize=4)
def _self_word_pattern(words: tuple[str, ...]) -> re.Pattern:
    # 我所在/我处理 are not self-references
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")(?!在|有|能|属|理)")


def check_self_reference(paras: list[Para], unit: UnitInfo, rules: ContentRules) -> list[Finding]:
    if not unit.kind or not rules.self_words:
        return []
    rx = _self_word_pattern(rules.self_words)
    found = []
    for p in paras:
        reported: set[str] = set()
        for m in rx.finditer(p.text):
            word = m.group(0)
            if word == unit.self_ref or word in reported:
                continue
            levels = rules.territory.get(word)
            if levels is not None and unit.level in levels:
                continue
            reported.add(word)
            if levels is not None and unit.level and word[1:] != unit.kind:
                what = f"本单位（{unit.name}）是{unit.level}一级的单位，不应写“{word}”"
            else:
                what = f"本单位（{unit.name}）应自称“{unit.self_ref}”，这里是“{word}”"
            found.append(make("self-reference", p.location, f"{what}：{quote(p.text, m.start(), m.end())}"))
    return found


def check_roles(paras: list[Para], unit: UnitInfo, rules: ContentRules) -> list[Finding]:
    found = []
    for rule in rules.roles:
        if (rule.only_for and unit.kind not in rule.only_for) or (rule.only_levels and unit.level not in rule.only_levels):
            continue
        if unit.kind in rule.allowed or (unit.family and unit.family in rule.families):
            continue
        if not unit.kind and not rule.families:
            continue
        for p in paras:
            m = rule.pattern.search(p.text)
            if m:
                found.append(make(rule.code, p.location,
                                  f"“{m.group(0)}”是{rule.what}，不适用于本单位（{unit.name}）：{quote(p.text, m.start(), m.end())}"))
    return found


@lru_cache(maxsize=1)
def _family_pattern() -> re.Pattern | None:
    terms = sorted(check_rules().content.family_terms, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms))) if terms else None


def check_family_work(paras: list[Para], unit: UnitInfo, rules: ContentRules, *, own: str = "") -> list[Finding]:
    """Another department family's work in the draft; words the unit gave itself
    (its figures' names, its points, highlights, problems, plans) are its own."""
    if not unit.family or unit.family in rules.family_skip or unit.department in rules.family_skip_departments:
        return []
    rx = _family_pattern()
    if rx is None:
        return []
    found = []
    for p in paras:
        reported: set[str] = set()
        for m in rx.finditer(p.text):
            word = m.group(0)
            family, also = rules.family_terms[word]
            if family == unit.family or unit.department in also or word in reported or word in own:
                continue
            reported.add(word)
            found.append(make("other-family-work", p.location,
                              f"“{word}”是{family}部门的工作，不是本单位（{unit.name}）的：{quote(p.text, m.start(), m.end())}"))
    return found


# ---------------------------------------------------------------- near repeats

_ENUM = re.compile(r"^(?:[一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])")
_LEAD = re.compile(r"^(?:全年|同时|此外|另外|今年以来|一年来|其中|并且?|还|也)[，,]?")
_PUNCT = re.compile(r"[\s，,、：:；;。！？!?“”‘’《》（）()]")


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    if text[start:].strip():
        out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _core(sentence: str) -> str:
    s = _ENUM.sub("", sentence.strip())
    s = _LEAD.sub("", s)
    return _PUNCT.sub("", s)


def _pairs(s: str) -> frozenset[str]:
    return frozenset(s[i:i + 2] for i in range(len(s) - 1))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def _first_clause(sentence: str) -> str:
    s = _ENUM.sub("", sentence.strip())
    return re.split(r"[，,：:；;。！？!?]", s, maxsplit=1)[0]


def check_near_repeats(paras: list[Para], rules: ContentRules) -> list[Finding]:
    cfg = rules.near
    min_len = int(cfg.get("min_length", 10))
    overlap = cfg.get("overlap", 0.8)
    overlap_far = cfg.get("overlap_far", 0.9)
    min_far = int(cfg.get("min_length_far", 16))
    same_clause = int(cfg.get("same_clause", 8))
    item_heading = int(cfg.get("item_heading", 16))
    found = []
    earlier: list[tuple[str, frozenset[str], str]] = []      # (core, pairs, location) of earlier paragraphs
    for p in paras:
        if p.level:
            continue          # headings repeat their sub-section's words by design
        mine: list[tuple[str, frozenset[str], str]] = []       # (core, pairs, sentence)
        for sentence in _sentences(p.text):
            core = _core(sentence)
            if len(core) < min_len:
                continue
            grams = _pairs(core)
            hit = None
            for c, g, s in mine:
                if c == core:
                    break         # an exact repeat: check_repeats reports it
                clause = _first_clause(sentence)
                if _overlap(grams, g) >= overlap or (len(clause) >= same_clause and clause == _first_clause(s)):
                    hit = s
                    break
            if hit is not None:
                found.append(make("near-repeat", p.location,
                                  f"同一段中两句意思重复：“{_short(hit)}”与“{_short(sentence)}”"))
            elif len(core) >= min_far:
                for c, g, loc in earlier:
                    if c != core and len(c) >= min_far and _overlap(grams, g) >= overlap_far:
                        found.append(make("near-repeat-far", p.location,
                                          f"与{loc}的句子基本相同：“{_short(sentence)}”"))
                        break
            if not (_ENUM.match(sentence) and len(core) <= item_heading):
                mine.append((core, grams, sentence))   # 「二是X。」 heads an item its next sentence unfolds
        earlier.extend((c, g, p.location) for c, g, _ in mine)
    return found


# ---------------------------------------------------------------- outcomes and figures


def _num(value) -> Decimal | None:
    from drafter.check.numbers import _figure_number

    return _figure_number(value)


def check_outcomes(paras: list[Para], spec: CheckSpec, rules: ContentRules) -> list[Finding]:
    figs = spec.figures or {}
    found = []
    for rule in rules.outcomes:
        why = _contradiction(rule, figs)
        if not why:
            continue
        for p in paras:
            m = rule.pattern.search(p.text)
            if m:
                found.append(make("outcome-contradicted", p.location,
                                  f"“{m.group(0)}”与数据不符（{why}）：{quote(p.text, m.start(), m.end())}"))
    return found


def outcome_contradicted(text: str, figures: dict) -> str:
    """What the figures say against an outcome the text asserts (「均按程序规范办结」
    when 办结 < 受理), or "": the composer asks this before writing such a sentence."""
    from drafter.check.rules import check_rules

    for rule in check_rules().content.outcomes:
        if rule.pattern.search(text):
            why = _contradiction(rule, figures or {})
            if why:
                return why
    return ""


def _contradiction(rule, figs: dict) -> str:
    for total, done in rule.pairs:
        t, d = _num(figs.get(total)), _num(figs.get(done))
        if t is not None and d is not None and d < t:
            return f"{total} {format_value(figs[total])}，{done} {format_value(figs[done])}"
    for slot in rule.zero:
        v = _num(figs.get(slot))
        if v is not None and v > 0:
            return f"{slot} {format_value(figs[slot])}"
    for slot in rule.rate:
        v = _num(figs.get(slot))
        if v is not None and (v * 100 if v <= 1 else v) < 100:
            return f"{slot} {format_value(figs[slot])}"
    return ""


def check_figure_repeats(paras: list[Para], spec: CheckSpec) -> list[Finding]:
    """A figure written more often than the figures file gives that value."""
    from drafter.check.numbers import _not_figure_spans, closest_figure, number_tokens

    by_value: dict[Decimal, list[str]] = {}
    for slot, value in (spec.figures or {}).items():
        v = _num(value)
        if v is not None and v != 0:
            by_value.setdefault(v, []).append(slot)
    if not by_value:
        return []
    own = "".join(spec.own_text)
    seen: dict[Decimal, list[tuple[Para, int, int]]] = {}
    for p in paras:
        spans = _not_figure_spans(p.text)
        for t in number_tokens(p.text):
            if any(s <= t.start < e for s, e in spans):
                continue
            v = closest_figure(list(by_value), t)
            if v is not None:
                seen.setdefault(v, []).append((p, t.start, t.end))
    found = []
    for v, hits in seen.items():
        allowed = len(by_value[v]) + (1 if format_value(v) in own else 0)
        if len(hits) > allowed:
            p, s, e = hits[allowed]
            found.append(make("figure-repeated", p.location,
                              f"数据 {format_value(v)}（{'、'.join(by_value[v])}）在正文中写了 {len(hits)} 次，"
                              f"同一数据只应写一次：{quote(p.text, s, e)}"))
    return found


# ---------------------------------------------------------------- provenance


def check_provenance(draft, bank) -> list[Finding]:
    """Bank phrases of a composed draft that the bank binds to another department family
    or level than the draft's unit (the composer should never pick them)."""
    from drafter.bank import level_group

    profile = getattr(draft, "profile", None)
    family = getattr(profile, "family", None)
    group = level_group(getattr(profile, "level", None))
    found = []
    for pid in dict.fromkeys(getattr(draft, "phrase_ids", ()) or ()):
        try:
            phrase = bank.phrase(pid)
        except (KeyError, LookupError):
            continue
        other = []
        if phrase.family and family and phrase.family != family:
            other.append(f"{phrase.family}部门")
        if phrase.level and group and phrase.level != group:
            other.append(f"{phrase.level}层级")
        if other:
            found.append(make("phrase-other-unit", "全文",
                              f"短语库中只属于{'、'.join(other)}的句子用在了本单位（{draft.unit}）：“{_short(phrase.text)}”（{pid}）"))
    return found


def _short(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[:n] + "…"

"""Text rules of `drafter check`: placeholders, noise, paraphrase, foreign names,
years, numbering, repeated sentences, figures.

Pure functions over a list of paragraph strings. Tables: drafter/data/check.yaml
(drafter/check/rules.py), plus drafter/data/paraphrase.yaml and
drafter/data/gazetteer.yaml (drafter/datafiles.py) when they can be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.check.findings import Finding, make, quote
from drafter.check.content import run_content_rules
from drafter.check.numbers import check_figures
from drafter.check.places import check_foreign_names
from drafter.check.rules import check_rules
from drafter.check.spec import CheckSpec
from drafter.check.structure import (CN, INLINE, LEVEL_PATTERNS, SENTENCE_END, SIG_DATE, YEAR, Para, cn_to_int,
                                     int_to_cn, report_year, structure)


def run_text_rules(paragraphs: list[str], locations: list[str], spec: CheckSpec, *, has_title: bool = True) -> list[Finding]:
    paras = structure(paragraphs, locations, has_title)
    findings: list[Finding] = []
    findings += check_patterns(paras)
    findings += check_paraphrase(paras)
    findings += check_foreign_names(paras, spec)
    findings += check_years(paras, spec)
    findings += check_numbering(paras)
    findings += check_repeats(paras)
    findings += run_content_rules(paras, spec)
    if spec.figures:
        findings += check_figures(paras, spec)
    return findings


# ---------------------------------------------------------------- placeholders and noise


def check_patterns(paras: list[Para]) -> list[Finding]:
    found = []
    rules = check_rules().patterns
    for p in paras:
        for rule in rules:
            m = rule.pattern.search(p.text)
            if m:
                count = len(rule.pattern.findall(p.text))
                more = f"（共 {count} 处）" if count > 1 else ""
                found.append(make(rule.code, p.location, f"{rule.what}“{m.group(0)}”：{quote(p.text, m.start(), m.end())}{more}"))
    return found


# ---------------------------------------------------------------- paraphrase

# paraphrase.yaml weights: 1.0 = almost never seen in real 公文; lower = also a normal word.
MIN_TELL_WEIGHT = 1.0


@dataclass(frozen=True)
class Tell:
    rx: re.Pattern
    form: str
    right: str
    unless: re.Pattern | None = None


@lru_cache(maxsize=1)
def _paraphrase_table() -> tuple[Tell, ...]:
    """Tell-tales of check.yaml, plus those of paraphrase.yaml with weight >= MIN_TELL_WEIGHT
    (the checker must not flag normal words); paraphrase.yaml is optional here."""
    from drafter.datafiles import paraphrase_table
    from drafter.errors import DrafterError

    entries: list[Tell] = []
    seen: set[str] = set()
    for form, right in check_rules().paraphrase:
        if form not in seen:
            seen.add(form)
            entries.append(Tell(re.compile(re.escape(form)), form, right))
    try:
        shared = paraphrase_table().tells
    except DrafterError:
        shared = ()
    for t in shared:
        if t.weight >= MIN_TELL_WEIGHT and t.word not in seen:
            seen.add(t.word)
            entries.append(Tell(t.pattern, t.word, t.expected, t.unless))
    return tuple(entries)


def check_paraphrase(paras: list[Para]) -> list[Finding]:
    found = []
    table = _paraphrase_table()
    for p in paras:
        for t in table:
            for m in t.rx.finditer(p.text):
                if t.unless is not None:
                    ctx = p.text[max(0, m.start() - 5): m.end() + 5]
                    if t.unless.search(ctx):
                        continue
                fix = f"，应为“{t.right}”" if t.right else ""
                found.append(make("paraphrase", p.location,
                                  f"疑似机器改写（伪原创）的用词“{m.group(0)}”{fix}：{quote(p.text, m.start(), m.end())}"))
                break
    return found


# ---------------------------------------------------------------- years


def _masked(text: str) -> str:
    """Text with 《…》 titles and 〔…〕 document numbers blanked (their years are not report years)."""
    return re.sub(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]", lambda m: " " * len(m.group(0)), text)


_FUTURE = re.compile(r"将|计划|力争|拟|要|预计|争取|确保|谋划")
# "…工作总结及2027年工作思路报告如下": the next year naming the plans part, not an achievement
_PLAN_NAME = re.compile(r"\s*年度?(?:的)?(?:工作|重点)?(?:思路|打算|计划|安排|设想|要点)")


def check_years(paras: list[Para], spec: CheckSpec) -> list[Finding]:
    y = report_year(paras, spec)
    if y is None:
        return []
    found = []
    for p in paras:
        text = _masked(p.text)
        years = [(int(m.group(1)), m.start(), m.end()) for m in YEAR.finditer(text)]
        if p.part == "title":
            if spec.year and not any(v == y for v, _, _ in years):
                found.append(make("year-title", p.location, f"标题中没有报告年度“{y}年”：{p.text}"))
            for v, s, e in years:
                if v not in (y, y + 1):
                    found.append(make("year-title", p.location, f"标题中的年份“{v}年”与报告年度 {y} 年不符：{p.text}"))
            continue
        if p.part == "signature":
            m = SIG_DATE.match(p.text)
            if m and int(m.group(1)) not in (y, y + 1):
                found.append(make("layout-signature-date", p.location,
                                  f"落款日期“{p.text.strip()}”不在报告年度 {y} 年或次年年初。"))
            continue
        for v, s, e in years:
            where = quote(p.text, s, e + 1)
            if v < y - 1 or v > y + 1:
                found.append(make("year-far", p.location, f"年份“{v}年”与报告年度 {y} 年相差较远，请核实：{where}"))
            elif p.part == "plans" and v == y:
                sentence = _sentence_at(text, s)
                if _FUTURE.search(sentence):
                    found.append(make("year-plans", p.location,
                                      f"工作打算部分的“{v}年”应为下一年度“{y + 1}年”：{where}"))
            elif p.part in ("body", "opening") and v == y + 1 and not _PLAN_NAME.match(text, e):
                found.append(make("year-achievements", p.location,
                                  f"工作成效部分出现下一年度“{v}年”，成绩应写在报告年度 {y} 年：{where}"))
    return found


def _sentence_at(text: str, pos: int) -> str:
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, pos)), default=0)
    m = SENTENCE_END.search(text, pos)
    return text[start: m.end() if m else len(text)]


# ---------------------------------------------------------------- numbering

_LEVEL_NAMES = {1: "一级标题（一、）", 2: "二级标题（（一））", 3: "三级标题（1.）", 4: "四级标题（（1））"}


def _marker_value(level: int, text: str) -> tuple[int | None, str]:
    rx = LEVEL_PATTERNS[level]
    m = rx.match(text)
    raw = m.group(1)
    val = int(raw) if raw.isdigit() else cn_to_int(raw)
    return val, m.group(0).strip()


def _fmt_marker(level: int, n: int) -> str:
    cn = int_to_cn(n)
    return {1: f"{cn}、", 2: f"（{cn}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def check_numbering(paras: list[Para]) -> list[Finding]:
    found = []
    last: dict[int, int] = {}
    inline_last = 0        # last inline N是 number seen in the previous paragraph run
    for p in paras:
        if p.part in ("title", "signature"):
            continue
        if p.level:
            val, marker = _marker_value(p.level, p.text)
            prev = last.get(p.level, 0)
            if val is not None:
                if val != prev + 1:
                    if prev == 0:
                        parent = "" if p.level == 1 else "在上一级标题下"
                        found.append(make("numbering-restart", p.location,
                                          f"{_LEVEL_NAMES[p.level]}{parent}应从“{_fmt_marker(p.level, 1)}”开始，这里是“{marker}”。"))
                    elif val == prev:
                        found.append(make("numbering-gap", p.location,
                                          f"{_LEVEL_NAMES[p.level]}编号重复：“{marker}”出现两次。"))
                    else:
                        found.append(make("numbering-gap", p.location,
                                          f"{_LEVEL_NAMES[p.level]}编号不连续：上一个是“{_fmt_marker(p.level, prev)}”，这里是“{marker}”，应为“{_fmt_marker(p.level, prev + 1)}”。"))
                last[p.level] = val
            for deeper in range(p.level + 1, 5):
                last.pop(deeper, None)
            if p.level in (1, 2):
                inline_last = 0
        # inline 一是/二是
        matches = list(INLINE.finditer(p.text))
        if not matches:
            if p.level == 0:
                inline_last = 0
            continue
        starts_para = bool(re.match(rf"^\s*[{CN}]{{1,3}}是", p.text))
        cur = inline_last if starts_para else 0
        for m in matches:
            n = cn_to_int(m.group(1))
            if n is None:
                continue
            if n == 1:
                cur = 1
                continue
            if n != cur + 1:
                expect = "一是" if cur == 0 else f"{int_to_cn(cur + 1)}是"
                what = f"“{m.group(0)}”前面没有“一是”" if cur == 0 else f"“{int_to_cn(cur)}是”之后是“{m.group(0)}”，应为“{expect}”"
                found.append(make("numbering-inline", p.location, f"段内列举不连续：{what}：{quote(p.text, m.start(), m.end())}"))
            cur = n
        inline_last = cur
    return found


# ---------------------------------------------------------------- repeated sentences


def _norm_sentence(s: str) -> str:
    s = re.sub(r"\s+", "", s)
    s = re.sub(rf"^([{CN}]{{1,3}}是|[{CN}]{{1,3}}、|[（(][{CN}\d]{{1,3}}[）)]|\d{{1,2}}[.．、])", "", s)
    return s.strip("，,：:")


def check_repeats(paras: list[Para]) -> list[Finding]:
    seen: dict[str, str] = {}
    found = []
    reported: set[str] = set()
    for p in paras:
        if p.part in ("title", "signature"):
            continue
        pieces = re.split(r"(?<=[。！？!?；;])", p.text)
        for piece in pieces:
            s = _norm_sentence(piece)
            core = s.rstrip("。！？!?；;")
            if len(core) < 8:
                continue
            if s in seen:
                if s in reported:
                    continue
                reported.add(s)
                code = "repeated-sentence" if len(core) >= 20 else "repeated-sentence-short"
                found.append(make(code, p.location, f"句子重复（首次出现在{seen[s]}）：“{_short(s)}”"))
            else:
                seen[s] = p.location
    return found


def _short(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[:n] + "…"

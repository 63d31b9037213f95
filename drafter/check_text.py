"""Text rules of `drafter check`: placeholders, noise, paraphrase, foreign names,
years, numbering, repeated sentences, figures.

Pure functions over a list of paragraph strings. Tables: drafter/data/check.yaml
(plus drafter/data/paraphrase.yaml and drafter/data/gazetteer.yaml when present).
"""

from __future__ import annotations

from drafter.datafiles import read_table

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Iterable

from drafter.check import CheckSpec, Finding, format_value, make, rules

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"

L1 = re.compile(rf"^\s*([{_CN}]{{1,3}})\s*、")
L2 = re.compile(rf"^\s*[（(]\s*([{_CN}]{{1,3}})\s*[）)]")
L3 = re.compile(r"^\s*(\d{1,2})\s*[.．、](?!\d)")
L4 = re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[）)]")
INLINE = re.compile(rf"(?:^|(?<=[。；;：:，,！？\s]))([{_CN}]{{1,3}})是")
YEAR = re.compile(r"(?<!\d)(?<!\d[.．])((?:19|20|21)\d{2})\s*(?=年)")  # not the decimals of 3.2026年
SIG_DATE = re.compile(r"^\s*((?:19|20|21)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
SENTENCE_END = re.compile(r"[。！？!?；;]")
NUMBER = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)")
CJK = re.compile(r"[\u4e00-\u9fff]")


def cn_to_int(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 九十九 → 99, 一百 → 100; None if not a numeral."""
    if not s or any(ch not in _CN_DIGITS and ch not in "十百" for ch in s):
        return None
    if "百" in s:
        head, _, rest = s.partition("百")
        h = _CN_DIGITS.get(head, None) if head else 1
        if h is None:
            return None
        r = cn_to_int(rest.lstrip("零〇")) if rest else 0
        return None if r is None else h * 100 + r
    if "十" in s:
        head, _, rest = s.partition("十")
        t = _CN_DIGITS.get(head) if head else 1
        o = _CN_DIGITS.get(rest) if rest else 0
        if t is None or o is None or len(head) > 1 or len(rest) > 1:
            return None
        return t * 10 + o
    if len(s) == 1:
        return _CN_DIGITS[s]
    return None


# ---------------------------------------------------------------- structure


@dataclass
class Para:
    index: int
    text: str
    location: str
    part: str          # "title", "opening", "body", "problems", "plans", "signature"
    level: int = 0     # heading level from its marker (0 = none)


def _structure(paragraphs: list[str], locations: list[str], has_title: bool) -> list[Para]:
    cfg = rules()
    plans_re = re.compile(cfg.get("plans_heading") or "下一步")
    problems_re = re.compile(cfg.get("problems_heading") or "问题")
    out: list[Para] = []
    part = "opening"
    n = len(paragraphs)
    sig_start = _signature_start(paragraphs)
    for i, text in enumerate(paragraphs):
        loc = locations[i] if i < len(locations) else f"第{i + 1}段"
        if has_title and i == 0:
            out.append(Para(i, text, loc, "title"))
            continue
        if sig_start is not None and i >= sig_start:
            out.append(Para(i, text, loc, "signature"))
            continue
        level = 0
        for lv, rx in ((1, L1), (2, L2), (4, L4), (3, L3)):
            if rx.match(text):
                level = lv
                break
        if level == 1:
            head = re.split(r"[。；;：:]", L1.sub("", text, count=1), maxsplit=1)[0]
            if plans_re.search(head):
                part = "plans"
            elif problems_re.search(head):
                part = "problems"
            else:
                part = "body"
        out.append(Para(i, text, loc, part, level))
    del n
    return out


def _signature_start(paragraphs: list[str]) -> int | None:
    """Index of the 落款 (unit name line followed by a date line at the end)."""
    idx = [i for i, t in enumerate(paragraphs) if t.strip()]
    if not idx:
        return None
    last = idx[-1]
    if not SIG_DATE.match(paragraphs[last]):
        return None
    if len(idx) >= 2:
        prev = idx[-2]
        t = paragraphs[prev].strip()
        if t and len(t) <= 40 and not SENTENCE_END.search(t) and not L1.match(t):
            return prev
    return last


# ---------------------------------------------------------------- entry point


def run_text_rules(paragraphs: list[str], locations: list[str], spec: CheckSpec, *, has_title: bool = True) -> list[Finding]:
    paras = _structure(paragraphs, locations, has_title)
    findings: list[Finding] = []
    findings += check_patterns(paras)
    findings += check_paraphrase(paras)
    findings += check_foreign_names(paras, spec)
    findings += check_years(paras, spec)
    findings += check_numbering(paras)
    findings += check_repeats(paras)
    if spec.figures:
        findings += check_figures(paras, spec)
    return findings


def _quote(text: str, start: int, end: int, width: int = 8) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")


# ---------------------------------------------------------------- placeholders and noise


@lru_cache(maxsize=1)
def _pattern_rules() -> tuple[tuple[str, re.Pattern, str], ...]:
    cfg = rules()
    out = []
    for group in ("placeholders", "noise"):
        for r in cfg.get(group) or []:
            out.append((r["code"], re.compile(r["pattern"]), r.get("what", r["code"])))
    return tuple(out)


def check_patterns(paras: list[Para]) -> list[Finding]:
    found = []
    for p in paras:
        for code, rx, what in _pattern_rules():
            m = rx.search(p.text)
            if m:
                count = len(rx.findall(p.text))
                more = f"（共 {count} 处）" if count > 1 else ""
                found.append(make(code, p.location, f"{what}“{m.group(0)}”：{_quote(p.text, m.start(), m.end())}{more}"))
    return found


# ---------------------------------------------------------------- paraphrase


@dataclass(frozen=True)
class Tell:
    rx: re.Pattern
    form: str
    right: str
    unless: re.Pattern | None = None


@lru_cache(maxsize=1)
def _paraphrase_table() -> tuple[Tell, ...]:
    """Tell-tales from check.yaml plus the near-certain ones of paraphrase.yaml (helper H1)."""
    entries: list[Tell] = []
    seen: set[str] = set()
    for r in rules().get("paraphrase") or []:
        form = str(r["form"])
        if form not in seen:
            seen.add(form)
            entries.append(Tell(re.compile(re.escape(form)), form, str(r.get("right", ""))))
    for t in _external_paraphrase():
        if t.form not in seen:
            seen.add(t.form)
            entries.append(t)
    return tuple(entries)


# paraphrase.yaml weights: 1.0 = almost never seen in real 公文; lower = also a normal word.
MIN_TELL_WEIGHT = 1.0


def _external_paraphrase() -> list[Tell]:
    """drafter/data/paraphrase.yaml `tells:` entries {word (regex), expected, weight, unless}.
    Only tells with weight >= MIN_TELL_WEIGHT: the checker must not flag normal words."""
    from drafter.paths import data_file

    path = data_file("paraphrase.yaml")
    if not path.exists():
        return []
    try:
        raw = read_table(path)
    except Exception:  # an optional table: the rule is skipped
        return []
    items = raw.get("tells") if isinstance(raw, dict) else raw
    out: list[Tell] = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        word = item.get("word") or item.get("pattern") or item.get("form")
        try:
            weight = float(item.get("weight", 1.0))
        except (TypeError, ValueError):
            continue
        if not isinstance(word, str) or weight < MIN_TELL_WEIGHT:
            continue
        try:
            rx = re.compile(word)
            unless = re.compile(item["unless"]) if item.get("unless") else None
        except re.error:
            continue
        out.append(Tell(rx, word, str(item.get("expected") or ""), unless))
    return out


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
                                  f"疑似机器改写（伪原创）的用词“{m.group(0)}”{fix}：{_quote(p.text, m.start(), m.end())}"))
                break
    return found


# ---------------------------------------------------------------- foreign names


@lru_cache(maxsize=1)
def gazetteer_names() -> tuple[str, ...]:
    """Place and unit names that must not leak (drafter/data/gazetteer.yaml, helper H2)."""
    from drafter.paths import data_file

    path = data_file("gazetteer.yaml")
    if not path.exists():
        return ()
    try:
        raw = read_table(path)
    except Exception:  # an optional table: the rule is skipped
        return ()
    names: set[str] = set()
    skip_keys = {"example", "examples", "note", "notes", "comment", "description", "whitelist", "generic",
                 "safe", "allow", "allowed", "pattern", "patterns", "regex", "suffixes", "source", "sources"}

    def walk(x: Any) -> None:
        if isinstance(x, str):
            s = x.strip()
            if 2 <= len(s) <= 20 and CJK.search(s) and not re.search(r"[\\^$*+?{}\[\]|()]", s):
                names.add(s)
        elif isinstance(x, dict):
            for k, v in x.items():
                if str(k).lower() in skip_keys:
                    continue
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(raw)
    generic = set(rules().get("places", {}).get("generic") or [])
    return tuple(sorted((n for n in names if n not in generic), key=len, reverse=True))


@lru_cache(maxsize=1)
def _place_rules() -> tuple[re.Pattern, dict, frozenset, str, str, tuple]:
    cfg = rules().get("places") or {}
    suffixes = list(cfg.get("suffixes_error") or []) + list(cfg.get("suffixes_warning") or [])
    suffixes.sort(key=len, reverse=True)
    rx = re.compile("|".join(map(re.escape, suffixes)))
    return (rx, dict(cfg.get("not_after") or {}), frozenset(cfg.get("generic") or []),
            cfg.get("boundary_chars") or "", cfg.get("stem_stop") or "", tuple(cfg.get("stem_stop_words") or ()))


def _own_names(spec: CheckSpec, paras: list[Para]) -> list[str]:
    own = [n for n in (spec.unit, spec.signature_name) if n]
    for p in paras:
        if p.part == "signature" and not SIG_DATE.match(p.text):
            own.append(p.text.strip())
    if not own:
        title = next((p.text for p in paras if p.part == "title"), "")
        m = re.match(r"^(.*?)(?:(?:19|20|21)\d{2}|20[xX_]{2}|202_)", title)
        if m and m.group(1):
            own.append(m.group(1))
    return own


def place_candidates(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, suffix) of words that look like a place name: a 2-3 character
    stem right after a boundary, without stop characters, plus a place suffix."""
    rx, not_after, generic, boundary, stop, stop_words = _place_rules()
    out = []
    for m in rx.finditer(text):
        q, suffix = m.start(), m.group(0)
        after = text[m.end(): m.end() + 1]
        if after and after in (not_after.get(suffix) or ""):
            continue
        for k in (2, 3):
            s0 = q - k
            if s0 < 0:
                break
            stem = text[s0:q]
            if not all(CJK.match(ch) for ch in stem) or any(ch in stop for ch in stem):
                break
            if any(w in stem for w in stop_words):
                break
            before = text[s0 - 1] if s0 > 0 else ""
            if before and before not in boundary and not before.isspace():
                continue
            name = stem + suffix
            if name in generic or any(g.endswith(name) and text[max(0, m.end() - len(g)):m.end()] == g for g in generic):
                break
            out.append((s0, m.end(), name, suffix))
            break
    return out


def check_foreign_names(paras: list[Para], spec: CheckSpec) -> list[Finding]:
    own = _own_names(spec, paras)
    own_text = "|".join(own)
    strong = set((rules().get("places") or {}).get("suffixes_error") or [])
    found = []
    gaz = gazetteer_names()
    for p in paras:
        if p.part == "signature":
            continue
        reported: set[str] = set()
        text = p.text
        for name in gaz:
            pos = text.find(name)
            if pos < 0 or name in own_text or any(name in r for r in reported):
                continue
            reported.add(name)
            found.append(make("foreign-place", p.location,
                              f"出现其他地方或单位的名称“{name}”（不是本单位“{own[0] if own else '本单位'}”）：{_quote(text, pos, pos + len(name))}"))
        for s, e, name, suffix in place_candidates(text):
            if name in own_text or any(name in r or r in name for r in reported):
                continue
            stem = name[: -len(suffix)]
            if stem and any(stem in o for o in own):
                continue
            reported.add(name)
            code = "foreign-place" if suffix in strong else "foreign-place-weak"
            found.append(make(code, p.location,
                              f"疑似其他地方的地名“{name}”（本单位为“{own[0] if own else '未知'}”）：{_quote(text, s, e)}"))
    return found


# ---------------------------------------------------------------- years


def _masked(text: str) -> str:
    """Text with 《…》 titles and 〔…〕 document numbers blanked (their years are not report years)."""
    return re.sub(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]", lambda m: " " * len(m.group(0)), text)


_FUTURE = re.compile(r"将|计划|力争|拟|要|预计|争取|确保|谋划")
# "…工作总结及2027年工作思路报告如下": the next year naming the plans part, not an achievement
_PLAN_NAME = re.compile(r"\s*年度?(?:的)?(?:工作|重点)?(?:思路|打算|计划|安排|设想|要点)")


def report_year(paras: list[Para], spec: CheckSpec) -> int | None:
    if spec.year:
        return spec.year
    title = next((p.text for p in paras if p.part == "title"), "")
    m = YEAR.search(title)
    return int(m.group(1)) if m else None


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
            quote = _quote(p.text, s, e + 1)
            if v < y - 1 or v > y + 1:
                found.append(make("year-far", p.location, f"年份“{v}年”与报告年度 {y} 年相差较远，请核实：{quote}"))
            elif p.part == "plans" and v == y:
                sentence = _sentence_at(text, s)
                if _FUTURE.search(sentence):
                    found.append(make("year-plans", p.location,
                                      f"工作打算部分的“{v}年”应为下一年度“{y + 1}年”：{quote}"))
            elif p.part in ("body", "opening") and v == y + 1 and not _PLAN_NAME.match(text, e):
                found.append(make("year-achievements", p.location,
                                  f"工作成效部分出现下一年度“{v}年”，成绩应写在报告年度 {y} 年：{quote}"))
    return found


def _sentence_at(text: str, pos: int) -> str:
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, pos)), default=0)
    m = SENTENCE_END.search(text, pos)
    return text[start: m.end() if m else len(text)]


# ---------------------------------------------------------------- numbering

_LEVEL_NAMES = {1: "一级标题（一、）", 2: "二级标题（（一））", 3: "三级标题（1.）", 4: "四级标题（（1））"}


def _marker_value(level: int, text: str) -> tuple[int | None, str]:
    rx = {1: L1, 2: L2, 3: L3, 4: L4}[level]
    m = rx.match(text)
    raw = m.group(1)
    val = int(raw) if raw.isdigit() else cn_to_int(raw)
    return val, m.group(0).strip()


def _fmt_marker(level: int, n: int) -> str:
    cn = _int_to_cn(n)
    return {1: f"{cn}、", 2: f"（{cn}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def _int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    t, o = divmod(n, 10)
    return ("" if t == 1 else digits[t]) + "十" + (digits[o] if o else "")


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
        starts_para = bool(re.match(rf"^\s*[{_CN}]{{1,3}}是", p.text))
        cur = inline_last if starts_para else 0
        for m in matches:
            n = cn_to_int(m.group(1))
            if n is None:
                continue
            if n == 1:
                cur = 1
                continue
            if n != cur + 1:
                expect = "一是" if cur == 0 else f"{_int_to_cn(cur + 1)}是"
                what = f"“{m.group(0)}”前面没有“一是”" if cur == 0 else f"“{_int_to_cn(cur)}是”之后是“{m.group(0)}”，应为“{expect}”"
                found.append(make("numbering-inline", p.location, f"段内列举不连续：{what}：{_quote(p.text, m.start(), m.end())}"))
            cur = n
        inline_last = cur
    return found


# ---------------------------------------------------------------- repeated sentences


def _norm_sentence(s: str) -> str:
    s = re.sub(r"\s+", "", s)
    s = re.sub(rf"^([{_CN}]{{1,3}}是|[{_CN}]{{1,3}}、|[（(][{_CN}\d]{{1,3}}[）)]|\d{{1,2}}[.．、])", "", s)
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


# ---------------------------------------------------------------- figures


@dataclass
class NumberToken:
    start: int
    end: int
    raw: str
    values: tuple[Decimal, ...]   # candidate values (raw, ×1万, ×1亿)
    scaled: bool                  # followed by 万/亿


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def number_tokens(text: str) -> list[NumberToken]:
    out = []
    for m in NUMBER.finditer(text):
        v = _dec(m.group(1))
        if v is None:
            continue
        nxt = text[m.end(): m.end() + 1]
        vals = [v]
        scaled = False
        if nxt == "万":
            vals.append(v * 10000)
            scaled = True
        elif nxt == "亿":
            vals.append(v * 100000000)
            scaled = True
        out.append(NumberToken(m.start(), m.end(), m.group(1), tuple(vals), scaled))
    return out


def _cn_count_tokens(text: str) -> list[NumberToken]:
    mw = rules().get("measure_words") or "个项次件条人名家"
    out = []
    for m in re.finditer(rf"(?<![{_CN}百零〇两])([零〇一二两三四五六七八九十百]{{1,5}})(?=[{re.escape(mw)}])", text):
        before = text[max(0, m.start() - 1): m.start()]
        if before == "第":
            continue
        v = cn_to_int(m.group(1))
        if v is None:
            continue
        out.append(NumberToken(m.start(), m.end(), m.group(1), (Decimal(v),), False))
    return out


def _figure_number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    if isinstance(value, str):
        s = value.strip().rstrip("%％")
        return _dec(s) if re.fullmatch(r"-?\d+(?:,\d{3})*(?:\.\d+)?", s) else None
    return None


def _matches(fig: Decimal, tok: NumberToken) -> bool:
    for i, v in enumerate(tok.values):
        if v == fig:
            return True
        if i > 0 and fig != 0 and abs(v - fig) <= abs(fig) * Decimal("0.005"):
            return True   # 1234567 元 written as 123.46万元
    return False


def _date_forms(d: _dt.date) -> list[str]:
    return [f"{d.year}年{d.month}月{d.day}日", f"{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日",
            d.isoformat()]


@lru_cache(maxsize=1)
def _not_figure_patterns() -> tuple[re.Pattern, ...]:
    out = []
    for r in rules().get("not_figures") or []:
        out.append(re.compile(r["pattern"].replace("{n}", "(\\d+(?:\\.\\d+)?)")))
    return tuple(out)


def _not_figure_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for rx in _not_figure_patterns():
        for m in rx.finditer(text):
            spans.extend(m.span(g) for g in range(1, (rx.groups or 0) + 1) if m.group(g) is not None)
    for m in re.finditer(r"《[^》]*》|〔[^〕]*〕|“[^”]{0,12}”", text):
        spans.append(m.span())
    return spans


def check_figures(paras: list[Para], spec: CheckSpec) -> list[Finding]:
    figs = spec.figures or {}
    body = [p for p in paras if p.part not in ("title",)]
    all_text = "\n".join(p.text for p in body)
    tokens_by_para = {p.index: number_tokens(p.text) for p in body}
    cn_tokens = _cn_count_tokens(all_text)
    found = []
    wanted: list[Decimal] = []
    for slot, value in figs.items():
        if isinstance(value, (_dt.date, _dt.datetime)):
            d = value.date() if isinstance(value, _dt.datetime) else value
            if not any(f in all_text for f in _date_forms(d)):
                found.append(make("figure-missing", "全文", f"数据“{slot}”的日期 {format_value(d)} 没有出现在正文中。"))
            continue
        num = _figure_number(value)
        if num is None:
            if isinstance(value, str) and value.strip() and value.strip() not in all_text:
                found.append(make("figure-missing", "全文", f"数据“{slot}”的内容“{value}”没有出现在正文中。"))
            continue
        wanted.append(num)
        hit = any(_matches(num, t) for toks in tokens_by_para.values() for t in toks)
        hit = hit or any(_matches(num, t) for t in cn_tokens)
        # a zero count is written in words: 全年未收到政府信息公开申请 / 无 / 零
        hit = hit or (num == 0 and any(w in all_text for w in _ZERO_WORDS))
        if not hit:
            found.append(make("figure-missing", "全文", f"数据“{slot}”的值 {format_value(value)} 没有出现在正文中（或写法不同）。"))
    # numbers in the text the figures file does not give
    y = report_year(paras, spec)
    allowed = set(wanted)
    for text in spec.own_text:   # numbers the unit wrote itself in its highlights/problems/plans
        for t in number_tokens(text):
            allowed.update(t.values)
    if y:
        allowed |= {Decimal(y - 1), Decimal(y), Decimal(y + 1)}
    for p in body:
        if p.part == "signature":
            continue
        spans = _not_figure_spans(p.text)
        marker_end = 0
        for rx in (L3, L4):
            m = rx.match(p.text)
            if m:
                marker_end = m.end()
        for t in tokens_by_para[p.index]:
            if t.start < marker_end:
                continue
            if any(s <= t.start < e for s, e in spans):
                continue
            if any(v in allowed for v in t.values) or any(_matches(w, t) for w in wanted):
                continue
            found.append(make("figure-unknown-number", p.location,
                              f"正文中的数字“{t.raw}”不在数据文件中，请核实来源：{_quote(p.text, t.start, t.end)}"))
    return found


_ZERO_WORDS = ("未", "没有", "无", "零")


def iter_codes(findings: Iterable[Finding]) -> set[str]:
    return {f.code for f in findings}

"""Figures, years and dates become slots (pure functions over one sentence).

    slot_sentence("全年主动公开政府信息1530条。", ctx)
        -> SlotResult(text="全年主动公开政府信息{主动公开信息数}条。", slots=["主动公开信息数"])
    slot_sentence("全年公开政府信息条。", ctx)       # the source deleted the figure
        -> SlotResult(text="全年公开政府信息{主动公开信息数}条。", deleted=True)

Years: the report year -> {年度}, the next -> {下一年度}, the one before ->
{上一年度}; 202_ / 20xx -> {年度} or {下一年度} (plans). Cut-off dates
(截至12月15日, 1月1日至12月18日) -> 截至{截至日期}; any other date is a unit
fact and drops the sentence.  A figure no catalogue slot fits becomes a
proposed slot named from the words before it and its measure word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from drafter.mining.config import MiningConfig


_CUTOFF = re.compile(
    r"(?:截至|截止到|截止|截至到)(?:目前|今年)?\s*(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:止)?"
)
_RANGE = re.compile(
    r"(?:(?:19|20)\d{2}\s*年\s*)?1\s*月\s*1\s*日(?:起)?\s*(?:至|到|—|－|-|~)\s*(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日(?:止)?"
)
_DATE = re.compile(r"\d{1,2}\s*月份?(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*日(?![常报])|[一二三四五六七八九十]{1,3}月份?(?:[一二三四五六七八九十]{1,3}日)?(?=[，。、中底初上下以])")
_YEAR = re.compile(r"((?:19|20)\d{2})(?=\s*年)")
_YEAR_HOLE = re.compile(r"(202_|20[xX]{2}|20__|20XX)(?=\s*年)")
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_CN_FIGURE = re.compile(r"[一二三四五六七八九两]?[十百千万][一二三四五六七八九]?(?:余|多)?(?=[条个次人件名篇项家所户期亩场份起处])|[一二三四五六七八九十两]+(?:余|多)(?=[条个次人件名篇项家所户期亩场份起处])")
_FORWARD = re.compile(r"将|计划|打算|明年|力争|下一步")
_SLOT = re.compile(r"\{[^{}]+\}")


@dataclass
class Proposal:
    name: str
    unit: str
    type: str
    context: str


@dataclass
class SlotResult:
    text: str | None
    slots: list[str] = field(default_factory=list)
    reason: str | None = None
    proposals: list[Proposal] = field(default_factory=list)
    approx: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class SlotIndex:
    """Catalogue aliases ready for matching: (alias, slot name, slot unit, slot type), longest first."""

    aliases: tuple
    units: dict

    @classmethod
    def build(cls, slots) -> "SlotIndex":
        rows = []
        units = {}
        for s in slots:
            if s.context:
                continue
            units[s.name] = (s.unit, s.type)
            names = set(s.aliases) | {s.name}
            for a in names:
                if a:
                    rows.append((a, s.name, s.unit, s.type))
        rows.sort(key=lambda r: (-len(r[0]), r[0], r[1]))
        return cls(tuple(rows), units)


def compatible(slot_unit: str, found: str) -> bool:
    """Whether a figure written with measure word `found` can fill a slot counted in
    `slot_unit`: the same word, or one of its class (mining.yaml measure_word_classes)."""
    if slot_unit == found:
        return True
    from drafter.mining.config import config

    classes = config().unit_classes
    c = classes.get(slot_unit)
    return c is not None and c == classes.get(found)


@lru_cache(maxsize=4)
def _figure_re(units: tuple, approx_before: str, approx_after: str) -> re.Pattern:
    alt = "|".join(re.escape(u) for u in units)
    return re.compile(
        rf"(?P<pre>(?:{approx_before})?)(?P<num>(?<![\d.])\d+(?:\.\d+)?)(?P<approx>(?:{approx_after})?)(?P<unit>{alt})"
    )


def _years(text: str, year: int | None, forward: bool) -> tuple[str | None, str | None]:
    def repl(m: re.Match) -> str:
        y = int(m.group(1))
        if year is None:
            raise ValueError("year_unknown")
        off = y - year
        if off == 0:
            return "{年度}"
        if off == 1:
            return "{下一年度}"
        if off == -1:
            return "{上一年度}"
        raise ValueError("other_year")

    try:
        text = _YEAR.sub(repl, text)
    except ValueError as exc:
        return None, str(exc)
    text = _YEAR_HOLE.sub(lambda m: "{下一年度}" if forward or _FORWARD.search(text) else "{年度}", text)
    if _ANY_YEAR.search(_SLOT.sub("", text)):
        return None, "other_year"
    return text, None


def _dates(text: str) -> tuple[str | None, str | None]:
    text = _RANGE.sub("截至{截至日期}", text)
    text = _CUTOFF.sub("截至{截至日期}", text)
    if _DATE.search(_SLOT.sub("", text)):
        return None, "event_date"
    return text, None


def _window(text: str, end: int, floor: int) -> tuple[str, int]:
    start = max(floor, end - 24)
    seg = text[start:end]
    cut = max(seg.rfind(c) for c in "。；：")
    if cut >= 0:
        start += cut + 1
        seg = seg[cut + 1:]
    return seg, start


def _match_alias(seg: str, unit: str, index: SlotIndex, percent: bool) -> str | None:
    best = None
    for alias, name, s_unit, s_type in index.aliases:
        if percent != (s_type == "percent"):
            continue
        if not percent and not compatible(s_unit, unit):
            continue
        pos = seg.rfind(alias)
        if pos < 0:
            continue
        key = (pos + len(alias), len(alias))
        if best is None or key > best[0]:
            best = (key, name)
    return best[1] if best else None


def _propose(seg: str, unit: str, is_decimal: bool, cfg: MiningConfig, tag, after: str = "") -> Proposal | None:
    """A slot name from the words before a figure: trailing nouns (+ a verb before a short noun)."""
    ctx = re.split(r"[，,、（(]", seg)[-1]
    ctx = re.sub(r"[^\u4e00-\u9fff]", "", ctx)
    ctx = cfg.name_strip.sub("", cfg.name_strip.sub("", ctx))
    words = tag(ctx) if ctx else []
    core: list[str] = []
    for w, flag in reversed(words):
        if (flag.startswith("n") or flag in ("vn", "j")) and len("".join(core)) + len(w) <= 8 and len(core) < 3:
            core.insert(0, w)
            continue
        break
    name = "".join(core)
    if not core and after:
        # 组织12名社矫对象: the counted noun follows the measure word
        nxt = re.split(r"[，,。；、（(]", after)[0]
        for w, flag in tag(re.sub(r"[^\u4e00-\u9fff]", "", nxt))[:3]:
            if flag.startswith("n") or flag in ("vn", "j"):
                core.append(w)
            else:
                break
        name = "".join(core)[:8]
        words = []
    if len(name) <= 2 and words:
        # a verb before a short noun: 发布/信息 -> 发布信息
        k = len(words) - len(core) - 1
        if k >= 0 and words[k][1].startswith("v") and len(words[k][0]) >= 2:
            name = words[k][0] + name
    name = cfg.name_strip.sub("", name)
    if len(name) < 2:
        return None
    suffix = cfg.name_suffix.get(unit, "数")
    if name.endswith(unit) and unit not in ("%",):
        suffix = "数"
    if name.endswith(suffix) or (suffix == "率" and name.endswith("率")) or name.endswith("数"):
        suffix = ""
    if unit == "%":
        kind = "percent"
    elif unit in ("万元", "亿元", "元", "亩", "平方米", "公里") or is_decimal:
        kind = "decimal"
    else:
        kind = "int"
    return Proposal(name + suffix, unit, kind, ctx)


def figure_windows(text: str, cfg: MiningConfig):
    """(match, the words before it) for each figure of text, in order; a match has
    groups pre, approx, num, unit. Numbers that are not figures (not_figure, 5G) are skipped."""
    fig = _figure_re(cfg.units, cfg.approx_before, cfg.approx_after)
    floor = 0
    for m in fig.finditer(text):
        num = m.group("num")
        if cfg.not_figure.fullmatch(num):
            continue
        if m.start("num") > 0 and re.match(r"[A-Za-z]", text[m.start("num") - 1]):
            continue
        seg, _ = _window(text, m.start(), floor)
        yield m, seg
        floor = m.end()


def figures_in(text: str, index: "SlotIndex", cfg: MiningConfig) -> list[tuple[str, str]]:
    """(catalogue slot, number as written) of the figures a sentence states, in order.
    Dates, ranges, cut-offs and years are masked first, so 12月15日 / 2023年 are no figures."""
    text = text.replace("％", "%")
    for rx in (_RANGE, _CUTOFF, _DATE):
        text = rx.sub("□", text)
    text = re.sub(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)", "□", text)
    found = []
    for m, seg in figure_windows(text, cfg):
        name = _match_alias(seg, m.group("unit"), index, m.group("unit") == "%")
        if name is not None:
            found.append((name, m.group("num")))
    return found


def slot_sentence(text: str, *, year: int | None, forward: bool, index: SlotIndex, cfg: MiningConfig,
                  tag=None) -> SlotResult:
    """Turn one (already scrubbed) sentence into a template; text None = dropped (reason says why)."""
    text = text.replace("％", "%")
    text, why = _dates(text)
    if text is None:
        return SlotResult(None, reason=why)
    text, why = _years(text, year, forward)
    if text is None:
        return SlotResult(None, reason=why)
    if _CN_FIGURE.search(text):
        return SlotResult(None, reason="chinese_figure")
    # titles and quotes must not hold figures
    for m in re.finditer(r"《[^《》]*》|“[^“”]*”", text):
        if cfg.quote_bad.search(_SLOT.sub("", m.group(0))):
            return SlotResult(None, reason="figure_in_title")
    out: list[str] = []
    slots: list[str] = []
    proposals: list[Proposal] = []
    approx = False
    pos = 0
    for m, seg in figure_windows(text, cfg):
        num, unit = m.group("num"), m.group("unit")
        percent = unit == "%"
        name = _match_alias(seg, unit, index, percent)
        if name is None:
            if tag is None:
                return SlotResult(None, reason="no_slot")
            prop = _propose(seg, unit, "." in num, cfg, tag, after=text[m.end():m.end() + 12])
            if prop is None:
                return SlotResult(None, reason="no_slot")
            proposals.append(prop)
            name = prop.name
        if name in slots:
            return SlotResult(None, reason="slot_twice")
        slots.append(name)
        pre = m.group("pre")
        keep_pre = pre if pre in ("共计", "共", "累计", "合计", "达", "达到") else ""
        approx = approx or bool(m.group("approx")) or pre in ("超过", "超", "近", "约")
        out.append(text[pos:m.start()])
        out.append(keep_pre + "{" + name + "}" + ("" if percent else unit))
        pos = m.end()
    out.append(text[pos:])
    text = "".join(out)
    # a measure word right after an alias with no number: the figure was deleted
    deleted = False
    text, n = _reinsert_deleted(text, index, cfg, slots)
    if n < 0:
        return SlotResult(None, reason="deleted_figure")
    deleted = n > 0
    plain = _SLOT.sub("", text)
    if re.search(r"\d", plain):
        return SlotResult(None, reason="number")
    return SlotResult(text, slots=slots, proposals=proposals, approx=approx, deleted=deleted)


def _reinsert_deleted(text: str, index: SlotIndex, cfg: MiningConfig, slots: list[str]) -> tuple[str, int]:
    """Insert {slot} where an alias is followed directly by a measure word (figure deleted).

    Returns (text, count); count -1 when a counting frame has lost its figure
    and no catalogue slot fits (the sentence must be dropped)."""
    count = 0
    filler = cfg.filler
    alt = "|".join(re.escape(u) for u in cfg.units if u != "%")
    frame = re.compile(rf"(?P<fill>(?:{filler})?)(?P<unit>{alt})(?={cfg.deleted_after}|$)")
    out = []
    pos = 0
    for m in frame.finditer(text):
        start = m.start()
        if start == 0 or m.start("unit") < pos:
            continue
        prev = text[start - 1]
        if prev.isdigit() or prev == "}" or not ("\u4e00" <= prev <= "\u9fff"):
            continue
        unit = m.group("unit")
        word_end = m.end("unit")
        if any(text[max(0, word_end - len(w)):word_end] == w for w in cfg.not_counts if w.endswith(unit)):
            continue
        if prev in "一二三四五六七八九十两百千万余多几每各某该本整首逐":
            continue
        before = text[max(0, start - 12):start]
        name = None
        for alias, sname, s_unit, _ in index.aliases:
            if before.endswith(alias) and compatible(s_unit, unit):
                name = sname
                break
        if name is None:
            if m.group("fill"):
                return text, -1
            continue
        if name in slots:
            return text, -1
        slots.append(name)
        out.append(text[pos:m.end("fill")])
        out.append("{" + name + "}")
        pos = m.start("unit")
        count += 1
    out.append(text[pos:])
    return "".join(out), count

"""Choose phrases from the bank and build the content of a draft.

compose(spec, bank, profile) returns the context a skeleton (templates/*.j2)
is rendered with: opening paragraphs, achievement sub-sections (heading and
paragraphs, holding every figure exactly once and the unit's highlights),
problems, plans (next year), closing and 落款. All text is final (slots
filled, enumerators 一是/二是 written); heading markers 一、（一） are added
when the skeleton is turned into blocks.

Rules kept here:
* a figure is written exactly once, in the sub-section its slot belongs to
  (templates/outline.yaml); a bank sentence is used when one fits the unit's
  remaining figures, else the slot's default sentence;
* no sentence with an unfilled slot, XX, a brace, or a year other than the
  report year (achievements) / next year (plans) is ever written;
* choices are random but seeded by unit name + seed, so a unit always gets the
  same draft and two units of the same kind get different phrasing.
"""

from __future__ import annotations

from drafter.datafiles import read_table

import hashlib
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from drafter.drafting.levels import adapt_level, level_key
from drafter.numbering import ordinal_lead, strip_marker

_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_BAD_TEXT = re.compile(r"XX|ＸＸ|[{}｛｝]|202_|20XX|20xx|【|】|□")
_END_PUNCT = "。；;，,：:！!？?"
_LISTING_INTRO = re.compile(r"存在.{6,}等(问题|不足)")
MIN_PROBLEM_CHARS = 14
INTRO_POOL = 8        # intros and closings: the best this many, so units of one kind vary


def _tail_only(text: str) -> bool:
    """An opening that is only the formula: 现将一年来的工作情况汇报如下："""
    head = text.split("如下")[0]
    return text.lstrip().startswith("现将") or ("如下" in text and len(head) < 30)


def seed_for(unit: str, seed: int, salt: str = "") -> int:
    """Stable seed from unit name + seed (Python's hash() is salted per process)."""
    digest = hashlib.sha256(f"{unit}\x1f{seed}\x1f{salt}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def sentence(text: str) -> str:
    """Normalise one sentence: no leading enumerator, ends with 。"""
    t = strip_marker(text.strip())
    t = t.rstrip(_END_PUNCT + " ")
    return t + "。" if t else ""


_CLOSERS = "”’」』）)》"
_LEADS = ("全年共", "全年", "共")


def close_sentence(text: str) -> str:
    """User text as a sentence: ends with 。！？, also after a closing quote
    (…“就近办”  ->  …“就近办”。); leading enumerators removed."""
    t = text.strip()
    core = t.rstrip(_CLOSERS)
    if core.endswith(("。", "！", "？", "!", "?")):
        return strip_marker(t)
    if t.endswith(tuple(_CLOSERS)):
        return strip_marker(t) + "。"
    return sentence(t)


def join_short(sentences: list[str], *, per: int = 3, max_chars: int = 70) -> list[str]:
    """Join runs of short one-clause sentences into compound ones:
    ["全年新增就业320人。", "全年排查隐患142处。"] -> ["全年新增就业320人，排查隐患142处。"].
    A sentence that already has a comma, or would make the result too long, starts anew."""
    out: list[str] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            out.append("，".join(group) + "。")
            group.clear()

    for s in sentences:
        body = s.rstrip("。")
        simple = "，" not in body and "；" not in body and not body.endswith(("！", "？"))
        if not simple:
            flush()
            out.append(s)
            continue
        if group:
            for lead in _LEADS:
                if body.startswith(lead) and len(body) > len(lead) + 2:
                    body = body[len(lead):]
                    break
        if group and (len(group) >= per or len("，".join(group)) + len(body) > max_chars):
            flush()
            body = s.rstrip("。")
        group.append(body)
    flush()
    return out


def heading_text(text: str) -> str:
    t = strip_marker(text.strip())
    return t.rstrip(_END_PUNCT + " ")


# ---------------------------------------------------------------------------
# Outline data (templates/outline.yaml)


@lru_cache(maxsize=8)
def _load_outline(path: str) -> dict:

    from drafter.errors import DrafterError

    data = read_table(path)
    if not isinstance(data, dict) or not isinstance(data.get("themes"), dict):
        raise DrafterError(f"组稿规则文件格式不对：{path}（缺少 themes）", hint="请参照 templates/outline.yaml 的写法。")
    return data


def outline_rules(template_dir: Path | None = None) -> dict:
    from drafter import paths

    for folder in (template_dir, paths.templates_dir()):
        if folder is not None and (Path(folder) / "outline.yaml").is_file():
            return _load_outline(str(Path(folder) / "outline.yaml"))
    return _load_outline(str(paths.templates_dir() / "outline.yaml"))


# ---------------------------------------------------------------------------


@dataclass
class Sub:
    key: str
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class _State:
    spec: Any
    profile: Any
    bank: Any
    rules: dict
    rng: random.Random
    values: dict
    used_ids: set = field(default_factory=set)
    phrase_ids: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    figures_text: dict = field(default_factory=dict)


class Composer:
    """One draft's choices. Use compose(); the class keeps the state tidy."""

    def __init__(self, spec, bank, profile, rules: dict):
        self.spec = spec
        self.bank = bank
        self.profile = profile
        self.rules = rules
        self.rng = random.Random(seed_for(spec.unit, spec.seed))
        ctx = bank.context_values(profile, figures=spec.figures)
        self.values = dict(spec.figures)
        self.values.update(ctx)
        self.year = int(spec.year)
        self.used_ids: set[str] = set()
        self.phrase_ids: list[str] = []
        self.notes: list[str] = []
        self.figures_text: dict[str, str] = {}
        self.theme = profile.theme
        self.types = bank.slot_types()
        avoid = [str(a) for a in rules.get("avoid") or ()]
        self.avoid = re.compile("|".join(f"(?:{a})" for a in avoid)) if avoid else None
        self.level_key = level_key(profile.level, str(self.values.get("单位简称", "")))
        self.keep_words = (spec.unit, str(self.values.get("上级单位", "")))
        self._fallback_used: set[str] = set()

    # -- low level ---------------------------------------------------------

    def fill(self, text: str, *, screen: bool = True) -> str | None:
        """Fill a template; None if anything is left that must not be written.
        screen=False for our own sentences (slot templates, zero sentences),
        which the avoid list of outline.yaml does not apply to."""
        from drafter.slotfill import SlotError

        try:
            out = self.bank.fill(text, self.values)
        except SlotError:
            return None
        if _BAD_TEXT.search(out) or (screen and self.avoid is not None and self.avoid.search(out)):
            return None
        return adapt_level(out, self.level_key, self.keep_words)

    def _years_ok(self, text: str, allowed: Iterable[int]) -> bool:
        allowed = set(allowed)
        return all(int(y) in allowed for y in _YEAR_RE.findall(text))

    def _theme_ok(self, phrase) -> bool:
        # generic phrases that still speak of another theme's work (outline.yaml theme_words)
        if phrase.theme is not None:
            return True
        exempt = self.rules.get("theme_words_levels_exempt") or {}
        for theme, words in (self.rules.get("theme_words") or {}).items():
            if theme == self.theme or self.profile.level in (exempt.get(theme) or ()):
                continue
            if any(w in phrase.text for w in words):
                return False
        return True

    def candidates(self, section: str, function: str, *, figures=None, topics=None, keywords=None,
                   years=None, allow_zero=False) -> list:
        cands = self.bank.select(section, function, self.profile, figures=figures or {},
                                 exclude_ids=self.used_ids, allow_zero=allow_zero)
        out = []
        for c in cands:
            p = c.phrase
            if not self._theme_ok(p):
                continue
            if topics is not None or keywords is not None:
                in_topic = topics is not None and p.topic in topics
                in_kw = keywords is not None and p.topic is None and any(k in p.text for k in keywords)
                if not (in_topic or in_kw):
                    continue
            out.append(c)
        return out

    def pick(self, cands: list, *, top: int = 6):
        """Weighted seeded choice among the best candidates (tier order kept)."""
        if not cands:
            return None
        pool = cands[:top]
        weights = [max(float(c.score), 0.05) for c in pool]
        return self.rng.choices(pool, weights=weights, k=1)[0]

    def take(self, cands: list, n: int, *, years, top: int = 8, distinct_topics: bool = False) -> list[str]:
        """Up to n filled sentences from candidates (each phrase once per draft)."""
        out: list[str] = []
        pool = list(cands)
        seen_topics: set = set()
        while pool and len(out) < n:
            c = self.pick(pool, top=top)
            pool.remove(c)
            if distinct_topics and c.phrase.topic and c.phrase.topic in seen_topics:
                continue
            text = self.fill(c.phrase.text)
            if text is None or not self._years_ok(text, years):
                continue
            if any(_similar(text, o) for o in out):
                continue
            self.used_ids.add(c.phrase.id)
            self.phrase_ids.append(c.phrase.id)
            seen_topics.add(c.phrase.topic)
            out.append(text)
        return out

    # -- sections ------------------------------------------------------------

    def opening(self) -> list[str]:
        y = self.year
        cands = self.candidates("opening", "opening", figures=self._date_figures(), years=None)
        wants_plan = bool(self.spec.with_plan)
        # an opening says something before its 现将…如下 formula
        cands = [c for c in cands if not _tail_only(c.phrase.text)]
        good = [c for c in cands if ("思路" in c.phrase.text or "计划" in c.phrase.text or "打算" in c.phrase.text) == wants_plan]
        chosen = self.take(good or cands, 1, years=(y, y + 1) if wants_plan else (y,), top=6)
        fb = self.rules.get("fallback", {})
        if not chosen:
            self.notes.append("短语库中没有适合本单位的开头，使用了通用开头。")
            text = self.fill("{年度}年，{单位简称}在{上级单位}的坚强领导下，认真履职尽责，扎实推进各项工作。") or ""
            chosen = [text]
        text = chosen[0]
        if "如下" not in text:
            tail = fb.get("opening_tail_plan" if wants_plan else "opening_tail", "现将有关情况总结如下：")
            tail = self.fill(tail) or "现将有关情况总结如下："
            text = text.rstrip(_END_PUNCT) + "。" + tail
        elif wants_plan and "思路" not in text and "计划" not in text and "打算" not in text:
            # the formula promises only a summary: say the plan comes too
            head = text[: text.rfind("现将")] if "现将" in text else text.rstrip(_END_PUNCT) + "。"
            tail = self.fill(fb.get("opening_tail_plan", "")) or ""
            if tail:
                text = head + tail
        if not text.endswith(("：", ":")):
            text = text.rstrip(_END_PUNCT) + "："
        return [text]

    def _date_figures(self) -> dict:
        return {k: v for k, v in self.spec.figures.items() if k == "截至日期"}

    def achievements(self) -> list[Sub]:
        y = self.year
        plan = self._subsection_plan()
        subs: list[Sub] = []
        for entry, figs in plan:
            sub = Sub(key=entry["key"])
            topics = set(entry.get("topics") or ())
            kws = list(entry.get("keywords") or ())
            # heading
            heads = self.candidates("achievements", "heading", topics=topics, keywords=kws)
            h = self.take(heads, 1, years=(y,), top=5)
            if h:
                sub.heading = heading_text(h[0])
            else:
                sub.heading = heading_text(self.rng.choice(entry.get("headings") or ["扎实推进各项工作"]))
            # measures
            n_measures = 1 if figs else 2
            n_measures += self.rng.random() < 0.5
            meas = self.candidates("achievements", "measure", topics=topics, keywords=kws)
            measures = [sentence(t) for t in self.take(meas, n_measures, years=(y, y - 1), top=8)]
            if not measures:
                fb = [self.fill(t) for t in entry.get("measures") or ()]
                fb = [sentence(t) for t in fb if t]
                self.rng.shuffle(fb)
                measures = fb[: max(1, n_measures - 1)]
                if fb:
                    self.notes.append(f"短语库中没有“{sub.heading}”方面的做法，使用了通用句子。")
            results = self.figure_sentences(figs)
            sub.paragraphs = _paragraphs(measures, results, self.rng)
            subs.append(sub)
        self._place_highlights(subs, plan)
        return [s for s in subs if s.paragraphs]

    def _entries(self) -> list[dict]:
        themes = self.rules["themes"]
        return list(themes.get(self.theme) or themes.get("年度综合") or next(iter(themes.values())))

    def _subsection_plan(self) -> list[tuple[dict, list[str]]]:
        """Which sub-sections to write and which figures go in each."""
        entries = self._entries()
        figures = [k for k in self.spec.figures if k not in ("截至日期", "单位简称", "上级单位")]
        slots = self.bank.slots
        assign: dict[str, list[str]] = {e["key"]: [] for e in entries}
        other = next((e["key"] for e in entries if e.get("other")), entries[-1]["key"])
        for name in figures:
            target = None
            for e in entries:
                if name in (e.get("slots") or ()):
                    target = e["key"]
                    break
            if target is None:
                group = getattr(slots.get(name), "group", None)
                for e in entries:
                    if group and group in (e.get("groups") or ()):
                        target = e["key"]
                        break
            assign[target or other].append(name)
        order = {n: i for i, n in enumerate(figures)}
        chosen = []
        for e in entries:
            figs = sorted(assign[e["key"]], key=lambda n: (getattr(slots.get(n), "order", 0) or 0, order[n]))
            if figs or e.get("always"):
                chosen.append((e, figs))
        lo = int(self.rules.get("min_subsections", 3))
        if len(chosen) < lo:
            for e in entries:
                if len(chosen) >= lo:
                    break
                if all(e is not c[0] for c in chosen):
                    chosen.append((e, []))
            rank = {e["key"]: i for i, e in enumerate(entries)}
            chosen.sort(key=lambda c: rank[c[0]["key"]])
        hi = int(self.rules.get("max_subsections", 6))
        if len(chosen) > hi:
            keep = [c for c in chosen if c[1]] + [c for c in chosen if not c[1]]
            keep = keep[:hi]
            chosen = [c for c in chosen if c in keep]
        return chosen

    def figure_sentences(self, figs: list[str]) -> list[str]:
        """Sentences that write each of figs exactly once."""
        y = self.year
        remaining = [f for f in figs]
        out: list[str] = []
        zero = [f for f in remaining if _is_zero(self.spec.figures[f])]
        remaining = [f for f in remaining if f not in zero]
        # a zero part of a zero whole is said by the whole's zero sentence
        # (全年未收到政府信息公开申请 covers 已办结0件)
        for f in list(zero):
            whole = getattr(self.bank.slots.get(f), "part_of", None)
            if whole in zero:
                zero.remove(f)
                self._record(f)
        date_fig = self._date_figures()
        while remaining:
            avail = {f: self.spec.figures[f] for f in remaining}
            avail.update(date_fig)
            cands = self.bank.select("achievements", "result", self.profile, figures=avail, exclude_ids=self.used_ids)
            scored = []
            for c in cands:
                used = [s for s in c.phrase.slots if s in remaining]
                if not used or not self._theme_ok(c.phrase):
                    continue
                # more of the unit's figures first; among those, sentences that name
                # what each figure counts right before it (…法律援助案件{法律援助件数}件)
                named = all(self._names_figure(c.phrase.text, s) for s in used)
                scored.append(((len(used), named), c))
            if not scored:
                break
            best = max(n for n, _ in scored)
            top = [c for n, c in scored if n == best]
            c = self.pick(top, top=5)
            text = self.fill(c.phrase.text)
            if text is None or not self._years_ok(text, (y, y - 1)):
                self.used_ids.add(c.phrase.id)   # never try it again in this draft
                continue
            self.used_ids.add(c.phrase.id)
            self.phrase_ids.append(c.phrase.id)
            for s in c.phrase.slots:
                if s in remaining:
                    remaining.remove(s)
                    self._record(s)
                if s in date_fig:
                    date_fig = {}
                    self._record(s)
            out.append(sentence(text))
        defaults = [self._default_sentence(f) for f in remaining + zero]
        return out + join_short(defaults)

    def _names_figure(self, text: str, name: str, window: int = 10) -> bool:
        """Whether one of the slot's aliases (or the end of its label) stands within
        `window` characters before {name} in a template."""
        at = text.find("{" + name + "}")
        slot = self.bank.slots.get(name)
        if at < 0 or slot is None:
            return False
        before = text[max(0, at - window):at]
        label = _plain_label(slot.label)
        words = [a for a in (slot.aliases or ()) if len(a) >= 2] + ([label[-4:]] if len(label) >= 4 else [])
        return any(w in before for w in words)

    def _record(self, name: str) -> None:
        from drafter.slotfill import format_value

        self.figures_text[name] = format_value(self.values[name], self.types.get(name))

    def _default_sentence(self, name: str) -> str:
        from drafter.slotfill import format_value

        slot = self.bank.slots.get(name)
        value = self.spec.figures[name]
        if _is_zero(value) and slot is not None and getattr(slot, "zero", None):
            text = self.fill(slot.zero, screen=False)
            if text:
                self._record(name)
                return sentence(text)
        tmpl = getattr(slot, "template", "") if slot is not None else ""
        text = self.fill(tmpl, screen=False) if tmpl else None
        if not text:
            label = _plain_label(getattr(slot, "label", "")) or name
            unit = getattr(slot, "unit", "") or ""
            val = format_value(value, self.types.get(name))
            if unit and val.endswith(unit):
                unit = ""
            text = f"{label}{val}{unit}"
            self.notes.append(f"数据项「{name}」没有现成的句子，按名称直接写出，请润色。")
        self._record(name)
        return sentence(text)

    def _place_highlights(self, subs: list[Sub], plan) -> None:
        if not self.spec.highlights:
            return
        keys = {e["key"]: e for e, _ in plan}
        leftover: list[str] = []
        for item in self.spec.highlights:
            text = close_sentence(item)
            best = None
            for s in subs:
                e = keys.get(s.key, {})
                hits = sum(1 for k in (e.get("keywords") or ()) if k in text)
                if hits and (best is None or hits > best[0]):
                    best = (hits, s)
            if best:
                best[1].paragraphs.append(text)
            else:
                leftover.append(text)
        if leftover:
            heads = self.rules.get("highlights_headings") or ["突出特色亮点，打造工作品牌"]
            subs.append(Sub(key="亮点", heading=heading_text(self.rng.choice(heads)), paragraphs=leftover))

    def problems(self) -> dict:
        y = self.year
        fb = self.rules.get("fallback", {})
        intro_c = [c for c in self.candidates("problems", "intro") if not _LISTING_INTRO.search(c.phrase.text)]
        intro = self.take(intro_c, 1, years=(y,), top=INTRO_POOL)
        intro_text = intro[0] if intro else (self.fill(fb.get("problems_intro", "")) or "")
        if intro_text and not intro_text.endswith(("：", ":")):
            intro_text = intro_text.rstrip(_END_PUNCT) + "："
        if self.spec.problems != "auto":
            items = [sentence(t) for t in self.spec.problems]
        else:
            cands = self.candidates("problems", "problem")
            n = 3 if self.rng.random() < 0.7 else 4
            # full statements (…不够及时，更新较少) read better than 人员力量不足。
            full = [c for c in cands if len(c.phrase.text) >= MIN_PROBLEM_CHARS]
            if len(full) >= 2 * n:
                cands = full
            items = [sentence(t) for t in self.take(cands, n, years=(y,), top=8, distinct_topics=True)]
            if len(items) < 2:
                more = [sentence(self.fill(t) or "") for t in fb.get("problems") or ()]
                items += [m for m in more if m and m not in items][: 3 - len(items)]
                self.notes.append("短语库中适合本单位的问题句子不足，补充了通用句子。")
        return {"intro": intro_text, "items": items, "paragraphs": self._enumerate(intro_text, items)}

    def _enumerate(self, intro: str, items: list[str]) -> list[str]:
        """一是…。二是…。 as one paragraph (short items) or one per item."""
        if not items:
            return [intro] if intro else []
        leads = [ordinal_lead(i + 1) for i in range(len(items))]
        short = all(len(t) <= 40 and t.count("。") <= 1 for t in items)
        if short and self.rng.random() < 0.6:
            body = "；".join(f"{l}{t.rstrip('。')}" for l, t in zip(leads, items)) + "。"
            return [intro + body] if intro else [body]
        paras = [f"{l}{t}" for l, t in zip(leads, items)]
        return ([intro] if intro else []) + paras

    def plans(self) -> dict:
        y1 = self.year + 1
        fb = self.rules.get("fallback", {})
        intro_c = self.candidates("plans", "intro")
        intro = self.take(intro_c, 1, years=(y1,), top=INTRO_POOL)
        intro_text = intro[0] if intro else (self.fill(fb.get("plans_intro", "")) or "")
        if intro_text and not intro_text.endswith(("：", ":")):
            intro_text = intro_text.rstrip(_END_PUNCT) + "："
        groups: list[dict] = []
        if self.spec.plans != "auto":
            items = [sentence(t) for t in self.spec.plans]
            if self.spec.with_plan:
                groups = [{"heading": "", "paragraphs": [t]} for t in items]
        else:
            n = 4 if self.spec.with_plan else 3
            heads = self.candidates("plans", "heading")
            bodies = self.candidates("plans", "plan")
            items = []
            chosen_heads = self.take(heads, n, years=(y1,), top=8, distinct_topics=True)
            # pair each heading with a body sentence of the same topic
            head_phrases = [self.bank.phrase(i) for i in self.phrase_ids[-len(chosen_heads):]] if chosen_heads else []
            for htext, hp in zip(chosen_heads, head_phrases):
                same = [c for c in bodies if c.phrase.topic and c.phrase.topic == hp.topic and c.phrase.id not in self.used_ids]
                same = _closest(htext, same, min_shared=1)
                body = self.take(same, 1, years=(y1,), top=4)
                if not body:
                    # no sentence of the same topic: the closest one in wording
                    free = [c for c in bodies if c.phrase.id not in self.used_ids]
                    body = self.take(_closest(htext, free), 1, years=(y1,), top=1)
                if not body:
                    body = self._fallback_plan(htext)
                groups.append({"heading": heading_text(htext), "paragraphs": [sentence(b) for b in body]})
            # a heading with nothing under it says nothing: keep it only while there are
            # too few items with content
            full = [g for g in groups if g["paragraphs"]]
            if len(full) >= 2:
                groups = full
            # more bodies without heading to reach n items
            rest = [c for c in bodies if c.phrase.id not in self.used_ids
                    and c.phrase.topic not in {hp.topic for hp in head_phrases}]
            extra = self.take(rest, max(0, n - len(groups)), years=(y1,), top=8, distinct_topics=True)
            for b in extra:
                groups.append({"heading": "", "paragraphs": [sentence(b)]})
            if len([g for g in groups if g["paragraphs"]]) < 2:
                # the bank is thin for this unit: generic plan sentences (outline.yaml)
                more = [t for t in fb.get("plans") or () if t not in self._fallback_used]
                self.rng.shuffle(more)
                groups = [g for g in groups if g["paragraphs"]]
                for t in more[: max(0, n - len(groups))]:
                    self._fallback_used.add(t)
                    text = self.fill(t, screen=False)
                    if text:
                        groups.append({"heading": "", "paragraphs": [sentence(text)]})
                self.notes.append("短语库中适合本单位的打算句子不足，补充了通用句子。")
            for g in groups:
                if g["heading"] and g["paragraphs"]:
                    items.append(g["heading"] + "。" + g["paragraphs"][0])
                elif g["heading"]:
                    items.append(g["heading"] + "。")
                else:
                    items.append(g["paragraphs"][0])
        if self.spec.with_plan and groups:
            # plan items as （一） sub-headings; a heading-less item gets its first clause as heading
            out_groups = []
            for g in groups:
                if g["heading"]:
                    out_groups.append(g)
                else:
                    text = g["paragraphs"][0]
                    head, _, rest = text.partition("，")
                    if rest and 4 <= len(head) <= 16:
                        out_groups.append({"heading": heading_text(head), "paragraphs": [sentence(rest)]})
                    else:
                        out_groups.append({"heading": "", "paragraphs": [text]})
            if all(g["heading"] for g in out_groups):
                return {"intro": intro_text, "items": items, "groups": out_groups, "paragraphs": [intro_text] if intro_text else []}
        return {"intro": intro_text, "items": items, "groups": [], "paragraphs": self._enumerate(intro_text, items)}

    def _fallback_plan(self, heading: str) -> list[str]:
        """A generic plan sentence (outline.yaml fallback.plans) for a plan heading:
        the closest in wording, else none."""
        used = self._fallback_used
        texts = [t for t in self.rules.get("fallback", {}).get("plans") or () if t not in used]
        g = _content_bigrams(heading)
        best = max(texts, key=lambda t: len(g & _content_bigrams(t)), default=None)
        if best is None or len(g & _content_bigrams(best)) < 1:
            return []
        used.add(best)
        text = self.fill(best, screen=False)
        return [text] if text else []

    def closing(self) -> list[str]:
        y = self.year
        cands = self.candidates("closing", "closing")
        got = self.take(cands, 1, years=(y, y + 1), top=INTRO_POOL)
        if not got:
            fb = self.fill(self.rules.get("fallback", {}).get("closing", "")) or ""
            got = [fb] if fb else []
        return [sentence(t) for t in got]


def _plain_label(label: str | None) -> str:
    """A slot label without its bracketed note: 全年主动公开政府信息（条） -> 全年主动公开政府信息."""
    return re.sub(r"[（(][^）)]*[）)]", "", label or "").strip()


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


# Bigrams every plan sentence has; sharing them says nothing about the topic.
_COMMON_BIGRAMS = frozenset({"工作", "进一", "一步", "加强", "强化", "提升", "推进", "不断", "持续", "开展",
                             "落实", "建设", "进行", "切实", "全面", "深入", "做好", "积极", "力度", "加大"})


def _content_bigrams(text: str) -> set[str]:
    return {g for g in _bigrams(text) if g not in _COMMON_BIGRAMS and not any(c in "，。、；：“”" for c in g)}


def _closest(text: str, cands: list, *, min_shared: int = 2) -> list:
    """Candidates sharing at least min_shared content bigrams with text, closest first."""
    g = _content_bigrams(text)
    scored = [(len(g & _content_bigrams(c.phrase.text)), i, c) for i, c in enumerate(cands)]
    return [c for n, i, c in sorted(scored, key=lambda t: (-t[0], t[1])) if n >= min_shared]


def _similar(a: str, b: str) -> bool:
    """Two sentences saying nearly the same (character bigram Jaccard)."""
    ga, gb = _bigrams(a), _bigrams(b)
    if not ga or not gb:
        return False
    return len(ga & gb) / len(ga | gb) > 0.6


_CONNECTIVES = re.compile(r"^(?:同时|此外|另外|并且|与此同时|再者|其次|还)[，,]?")
_TIME_LEAD = re.compile(r"^(?:(?:19|20)\d{2}年度?|今年以来|本年度|年内)[，,]?")


def paragraph_start(sentence_text: str) -> str:
    """A sentence that opens a paragraph does not start with 同时/此外/另外…."""
    out = _CONNECTIVES.sub("", sentence_text, count=1)
    return out if len(out) >= 4 else sentence_text


def join_paragraph(sents: list[str]) -> str:
    """Sentences as one paragraph: no connective first, and a time lead
    (2026年，/今年以来，) only where none was said before in the paragraph."""
    out: list[str] = []
    said_time = False
    for i, s in enumerate(sents):
        if i == 0:
            s = paragraph_start(s)
        m = _TIME_LEAD.match(s)
        if m:
            if said_time and len(s) - m.end() >= 4:
                s = s[m.end():]
            said_time = True
        out.append(s)
    return "".join(out)


def _paragraphs(measures: list[str], results: list[str], rng: random.Random) -> list[str]:
    """Measures then results, one or two paragraphs (never very long)."""
    sents = [s for s in measures + results if s]
    if not sents:
        return []
    groups: list[list[str]] = [[]]
    size = 0
    for s in sents:
        if groups[-1] and size + len(s) > 200:
            groups.append([])
            size = 0
        groups[-1].append(s)
        size += len(s)
    return [join_paragraph(g) for g in groups]


def _is_zero(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == 0


def compose(spec, bank, profile, *, template_dir: Path | None = None) -> dict:
    """The template context for one unit (see module docstring)."""
    rules = outline_rules(template_dir)
    c = Composer(spec, bank, profile, rules)
    opening = c.opening()
    achievements = c.achievements()
    problems = c.problems()
    plans = c.plans()
    closing = c.closing()
    # every figure written exactly once
    missing = [f for f in spec.figures if f not in c.figures_text and f not in ("单位简称", "上级单位")]
    if "截至日期" in missing:
        missing.remove("截至日期")
        if achievements:
            date_text = c.fill("截至{截至日期}，各项工作均按计划推进。")
            if date_text:
                achievements[-1].paragraphs.append(date_text)
                c._record("截至日期")
    if missing:
        c.notes.append("未写入的数据项：" + "、".join(missing))
    return {
        "opening": opening,
        "achievements": [{"key": s.key, "heading": s.heading, "paragraphs": s.paragraphs} for s in achievements],
        "problems": problems,
        "plans": plans,
        "closing": closing,
        "_composer": c,
    }

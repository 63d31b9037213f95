"""Choose phrases from the bank and build the content of a draft.

compose(spec, bank, profile, rules) returns a Content (document.py): opening
paragraphs, achievement sub-sections (heading and paragraphs, holding every
figure exactly once and the unit's highlights), problems, plans (next year),
closing. All text is final (slots filled, enumerators 一是/二是 written);
heading markers 一、（一） are added when the skeleton is turned into blocks.

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

import hashlib
import random
import re

from drafter.check.content import misfits, unit_info
from drafter.drafting.document import Content, PlanGroup, Plans, Problems, Subsection
from drafter.drafting.levels import adapt_level, level_key
from drafter.drafting.rules import OutlineRules, SubsectionRule
from drafter.drafting.sentences import (
    BAD_TEXT,
    END_PUNCT,
    LISTING_INTRO,
    OUTCOME,
    close_sentence,
    content_bigrams,
    heading_text,
    is_zero,
    join_short,
    mentions_plan,
    paragraphs,
    scale_amounts,
    sentence,
    similar,
    tail_only,
    with_colon,
    years_ok,
)
from drafter.models import USER_CONTEXT_SLOTS
from drafter.numbering import ordinal_lead
from drafter.textutil import plain_label

MIN_PROBLEM_CHARS = 14
DONE = re.compile(r"均|完成|办结|答复")   # a sentence with the whole saying its part equal to it is done
INTRO_POOL = 8        # intros and closings: the best this many, so units of one kind vary


# the shortest plan body that says more than its heading (characters)
MIN_PLAN_BODY = 12


def seed_for(unit: str, seed: int, salt: str = "") -> int:
    """Stable seed from unit name + seed (Python's hash() is salted per process)."""
    digest = hashlib.sha256(f"{unit}\x1f{seed}\x1f{salt}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def compose(spec, bank, profile, rules: OutlineRules) -> Content:
    """The content of one unit's draft from the bank alone (see module docstring).
    drafting.draft_unit composes a 政务公开 or 帮扶 report with kinds.KindComposer
    (this plus the unit's own field) and an annual report with annual.AnnualComposer."""
    return Composer(spec, bank, profile, rules).content()


class Composer:
    """One draft's choices and what they used (phrases, figures, fallbacks)."""

    def __init__(self, spec, bank, profile, rules: OutlineRules):
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
        self.level_key = level_key(profile.level, str(self.values.get("单位简称", "")))
        self.keep_words = (spec.unit, str(self.values.get("上级单位", "")))
        self._fallback_used: set[str] = set()
        # the unit as the checker sees it: a bank sentence it would flag is never written
        self.unit = unit_info(spec.unit, getattr(spec, "level", None), getattr(spec, "department", None),
                              getattr(spec, "family", None))

    def content(self) -> Content:
        opening = self.opening()
        achievements = self.achievements()
        problems = self.problems()
        plans = self.plans()
        closing = self.closing()
        # every figure written exactly once
        missing = [f for f in self.spec.figures if f not in self.figures_text and f not in ("单位简称", "上级单位")]
        if "截至日期" in missing:
            missing.remove("截至日期")
            if achievements:
                date_text = self.fill(self.rules.fallback.as_of)
                if date_text:
                    achievements[-1].paragraphs.append(date_text)
                    self._record("截至日期")
        if missing:
            self.notes.append("未写入的数据项：" + "、".join(missing))
        return Content(opening=opening, achievements=achievements, problems=problems, plans=plans,
                       closing=closing, figures_text=dict(self.figures_text), phrase_ids=list(self.phrase_ids),
                       notes=list(self.notes))

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
        avoid = self.rules.avoid
        if BAD_TEXT.search(out) or (screen and avoid is not None and avoid.search(out)):
            return None
        out = adapt_level(scale_amounts(out), self.level_key, self.keep_words)
        if screen and misfits(out, self.unit):
            return None
        return out

    def _theme_ok(self, phrase) -> bool:
        # generic phrases that still speak of another theme's work (outline.yaml theme_words)
        if phrase.theme is not None:
            return True
        exempt = self.rules.theme_words_levels_exempt
        for theme, words in self.rules.theme_words.items():
            if theme == self.theme or self.profile.level in (exempt.get(theme) or ()):
                continue
            if any(w in phrase.text for w in words):
                return False
        return True

    def candidates(self, section: str, function: str, *, figures=None, topics=None, keywords=None) -> list:
        cands = self.bank.select(section, function, self.profile, figures=figures or {},
                                 exclude_ids=self.used_ids)
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
            if text is None or not years_ok(text, years):
                continue
            if any(self.close(text, o) for o in out):
                continue
            self.used_ids.add(c.phrase.id)
            self.phrase_ids.append(c.phrase.id)
            seen_topics.add(c.phrase.topic)
            out.append(text)
        return out

    def _intro(self, cands: list, years, fallback: str) -> str:
        """The intro of problems / plans: a bank sentence, else the fallback, ending with ："""
        intro = self.take(cands, 1, years=years, top=INTRO_POOL)
        return with_colon(intro[0] if intro else (self.fill(fallback) or ""))

    def _closest(self, text: str, cands: list, *, min_shared: int = 2) -> list:
        """Candidates sharing at least min_shared content bigrams with text, closest first."""
        common = self.rules.plan_common_words
        g = content_bigrams(text, common)
        scored = [(len(g & content_bigrams(c.phrase.text, common)), i, c) for i, c in enumerate(cands)]
        return [c for n, i, c in sorted(scored, key=lambda t: (-t[0], t[1])) if n >= min_shared]

    # -- opening and closing ---------------------------------------------------

    def opening(self) -> list[str]:
        y = self.year
        fb = self.rules.fallback
        cands = self.candidates("opening", "opening", figures=self._date_figures())
        wants_plan = bool(self.spec.with_plan)
        # an opening says something before its 现将…如下 formula, and names no
        # campaign outside its years (过渡期 in a 2020 report: politics.yaml)
        from drafter.politics import politics

        pol = politics()
        cands = [c for c in cands if not tail_only(c.phrase.text) and pol.year_ok(c.phrase.text, y)]
        good = [c for c in cands if mentions_plan(c.phrase.text) == wants_plan]
        chosen = self.take(good or cands, 1, years=(y, y + 1) if wants_plan else (y,), top=6)
        if not chosen:
            self.notes.append("短语库中没有适合本单位的开头，使用了通用开头。")
            chosen = [self.fill(fb.opening) or ""]
        text = chosen[0]
        if "如下" not in text:
            tail = self.fill(fb.opening_tail_plan if wants_plan else fb.opening_tail) or fb.opening_tail
            text = text.rstrip(END_PUNCT) + "。" + tail
        elif wants_plan and not mentions_plan(text):
            # the formula promises only a summary: say the plan comes too
            # (「…，现总结如下。」 loses its formula too: one 如下 per opening)
            cut = [m.start() for m in re.finditer(r"[，,]?(现将|现就|现总结|特总结)", text)]
            head = text[: cut[-1]].rstrip("，,") + "。" if cut else text.rstrip(END_PUNCT) + "。"
            tail = self.fill(fb.opening_tail_plan) or ""
            if tail:
                text = head + tail
        if not text.endswith(("：", ":")):
            text = text.rstrip(END_PUNCT) + "："
        return [text]

    def _date_figures(self) -> dict:
        return {k: v for k, v in self.spec.figures.items() if k == "截至日期"}

    def closing(self) -> list[str]:
        y = self.year
        got = self.take(self.candidates("closing", "closing"), 1, years=(y, y + 1), top=INTRO_POOL)
        if not got:
            fb = self.fill(self.rules.fallback.closing) or ""
            got = [fb] if fb else []
        return [sentence(t) for t in got]

    # -- achievements ----------------------------------------------------------

    def achievements(self) -> list[Subsection]:
        y = self.year
        plan = self._subsection_plan()
        subs: list[Subsection] = []
        for entry, figs in plan:
            sub = Subsection(key=entry.key)
            topics, kws = set(entry.topics), list(entry.keywords)
            heads = self.candidates("achievements", "heading", topics=topics, keywords=kws)
            h = self.take(heads, 1, years=(y,), top=5)
            if h:
                sub.heading = heading_text(h[0])
            else:
                sub.heading = heading_text(self.rng.choice(entry.headings or [self.rules.fallback.subsection_heading]))
            n_measures = self.measure_count(entry, figs)
            meas = self.candidates("achievements", "measure", topics=topics, keywords=kws)
            measures = [sentence(t) for t in self.take(meas, n_measures, years=(y, y - 1), top=8)]
            if not measures:
                fb = [self.fill(t) for t in entry.measures]
                fb = [sentence(t) for t in fb if t]
                self.rng.shuffle(fb)
                measures = fb[: max(1, n_measures - 1)]
                if fb:
                    self.notes.append(f"短语库中没有“{sub.heading}”方面的做法，使用了通用句子。")
            sub.paragraphs = paragraphs(measures + self.figure_sentences(figs))
            subs.append(sub)
        self._place_highlights(subs, plan)
        return [s for s in subs if s.paragraphs]

    def measure_count(self, entry: SubsectionRule, figs: list[str]) -> int:
        """How many bank measures a sub-section takes (more without figures)."""
        return (1 if figs else 2) + (self.rng.random() < 0.5)

    def _subsection_plan(self) -> list[tuple[SubsectionRule, list[str]]]:
        """Which sub-sections to write and which figures go in each."""
        entries = list(self.rules.subsections(self.theme))
        figures = [k for k in self.spec.figures if k not in USER_CONTEXT_SLOTS]
        slots = self.bank.slots
        assign: dict[str, list[str]] = {e.key: [] for e in entries}
        other = next((e.key for e in entries if e.other), entries[-1].key)
        for name in figures:
            target = next((e.key for e in entries if name in e.slots), None)
            if target is None:
                group = getattr(slots.get(name), "group", None)
                target = next((e.key for e in entries if group and group in e.groups), None)
            assign[target or other].append(name)
        order = {n: i for i, n in enumerate(figures)}
        chosen = []
        for e in entries:
            figs = sorted(assign[e.key], key=lambda n: (getattr(slots.get(n), "order", 0) or 0, order[n]))
            if figs or e.always:
                chosen.append((e, figs))
        lo = self.rules.min_subsections
        if len(chosen) < lo:
            for e in entries:
                if len(chosen) >= lo:
                    break
                if all(e is not c[0] for c in chosen):
                    chosen.append((e, []))
            rank = {e.key: i for i, e in enumerate(entries)}
            chosen.sort(key=lambda c: rank[c[0].key])
        hi = self.rules.max_subsections
        if len(chosen) > hi:
            keep = [c for c in chosen if c[1]] + [c for c in chosen if not c[1]]
            keep = keep[:hi]
            chosen = [c for c in chosen if c in keep]
        return chosen

    def figure_sentences(self, figs: list[str]) -> list[str]:
        """Sentences that write each of figs exactly once."""
        y = self.year
        zero = [f for f in figs if is_zero(self.spec.figures[f])]
        remaining = [f for f in figs if f not in zero]
        # a zero part of a zero whole is said by the whole's zero sentence
        # (全年未收到政府信息公开申请 covers 已办结0件)
        for f in list(zero):
            whole = getattr(self.bank.slots.get(f), "part_of", None)
            if whole in zero:
                zero.remove(f)
                self._record(f)
        date_fig = self._date_figures()
        out: list[str] = []
        while remaining:
            avail = {f: self.spec.figures[f] for f in remaining}
            avail.update(date_fig)
            top = self._best_result_phrases(avail, remaining)
            if not top:
                break
            c = self.pick(top, top=5)
            text = self.fill(c.phrase.text)
            self.used_ids.add(c.phrase.id)   # tried once: never again in this draft
            if text is None or not years_ok(text, (y, y - 1)):
                continue
            self.phrase_ids.append(c.phrase.id)
            for s in c.phrase.slots:
                if s in remaining:
                    remaining.remove(s)
                    self._record(s)
                if s in date_fig:
                    date_fig = {}
                    self._record(s)
            # 「受理12件，均…及时办理」 said the part equal to its whole: not again
            for f in [f for f in remaining if DONE.search(text) and self._said_by_whole(f, c.phrase.slots)]:
                remaining.remove(f)
                self._record(f)
            out.append(sentence(text))
        defaults = [self._default_sentence(f) for f in remaining + zero]
        return out + join_short(defaults)

    def _best_result_phrases(self, avail: dict, remaining: list[str]) -> list:
        """The result phrases that write the most of the remaining figures; among
        those, the ones naming what each figure counts right before it
        (…法律援助案件{法律援助件数}件)."""
        cands = self.bank.select("achievements", "result", self.profile, figures=avail, exclude_ids=self.used_ids)
        scored = []
        for c in cands:
            used = [s for s in c.phrase.slots if s in remaining]
            if not used or not self._theme_ok(c.phrase) or not self._outcome_ok(c.phrase, used):
                continue
            named = all(self._names_figure(c.phrase.text, s) for s in used)
            scored.append(((len(used), named), c))
        if not scored:
            return []
        best = max(n for n, _ in scored)
        return [c for n, c in scored if n == best]

    def close(self, a: str, b: str) -> bool:
        return similar(a, b)    # two sentences one draft should not both write

    def _said_by_whole(self, name: str, used) -> bool:
        whole = getattr(self.bank.slots.get(name), "part_of", None)
        return whole in used and self.spec.figures.get(whole) == self.spec.figures.get(name)

    def _outcome_ok(self, phrase, used: list[str]) -> bool:
        """A sentence asserting an outcome (…件，均按程序规范办结) only where the figures
        say so: a part given equal to its whole (已办结 = 受理), or a rate of 100."""
        from drafter.check.content import outcome_contradicted

        if not OUTCOME.search(re.sub(r"\{[^{}]*\}", "", phrase.text)):
            return True
        figs = self.spec.figures
        if outcome_contradicted(phrase.text, figs):
            return False
        for name, value in figs.items():
            slot = self.bank.slots.get(name)
            whole = getattr(slot, "part_of", None)
            if whole in used and figs.get(whole) == value:
                return True
            if getattr(slot, "type", None) == "percent" and value == 100 and \
                    getattr(slot, "group", None) in {getattr(self.bank.slots.get(u), "group", None) for u in used}:
                return True
        return False

    def _names_figure(self, text: str, name: str, window: int = 10) -> bool:
        """Whether one of the slot's aliases (or the end of its label) stands within
        `window` characters before {name} in a template."""
        at = text.find("{" + name + "}")
        slot = self.bank.slots.get(name)
        if at < 0 or slot is None:
            return False
        before = text[max(0, at - window):at]
        label = plain_label(slot.label)
        words = [a for a in (slot.aliases or ()) if len(a) >= 2] + ([label[-4:]] if len(label) >= 4 else [])
        return any(w in before for w in words)

    def _record(self, name: str) -> None:
        from drafter.slotfill import format_value

        text = format_value(self.values[name], self.types.get(name))
        if getattr(self.bank.slots.get(name), "unit", "") == "万元":
            text = scale_amounts(text + "万元").removesuffix("万元")
        self.figures_text[name] = text

    def _default_sentence(self, name: str) -> str:
        from drafter.slotfill import format_value

        slot = self.bank.slots.get(name)
        value = self.spec.figures[name]
        if is_zero(value) and slot is not None and getattr(slot, "zero", None):
            text = self.fill(slot.zero, screen=False)
            if text:
                self._record(name)
                return sentence(text)
        tmpl = getattr(slot, "template", "") if slot is not None else ""
        if tmpl:
            tmpl = self._without_contradicted_outcome(tmpl)
        text = self.fill(tmpl, screen=False) if tmpl else None
        if not text:
            label = plain_label(getattr(slot, "label", "")) or name
            unit = getattr(slot, "unit", "") or ""
            val = format_value(value, self.types.get(name))
            if unit and val.endswith(unit):
                unit = ""
            text = f"{label}{val}{unit}"
            self.notes.append(f"数据项「{name}」没有现成的句子，按名称直接写出，请润色。")
        self._record(name)
        return sentence(text)

    def _without_contradicted_outcome(self, tmpl: str) -> str:
        """A slot's default sentence minus the clause asserting an outcome the
        figures deny (「…{依申请公开件数}件，均按程序规范办理。」 when not all are done)."""
        from drafter.check.content import outcome_contradicted

        if not outcome_contradicted(tmpl, self.spec.figures):
            return tmpl
        clauses = re.split(r"(?<=，)", tmpl.rstrip("。"))
        kept = [c for c in clauses if not outcome_contradicted(c, self.spec.figures)]
        return "".join(kept).rstrip("，") + "。" if kept else tmpl

    def _place_highlights(self, subs: list[Subsection], plan) -> None:
        if not self.spec.highlights:
            return
        rules = {e.key: e for e, _ in plan}
        leftover: list[str] = []
        for item in self.spec.highlights:
            text = close_sentence(item)
            best = None
            for s in subs:
                e = rules.get(s.key)
                hits = sum(1 for k in (e.keywords if e else ()) if k in text)
                if hits and (best is None or hits > best[0]):
                    best = (hits, s)
            if best:
                best[1].paragraphs.append(text)
            else:
                leftover.append(text)
        if leftover:
            heads = self.rules.highlights_headings or (self.rules.fallback.subsection_heading,)
            subs.append(Subsection(key="亮点", heading=heading_text(self.rng.choice(heads)), paragraphs=leftover))

    # -- problems and plans ----------------------------------------------------

    def problems(self) -> Problems:
        y = self.year
        fb = self.rules.fallback
        intro_c = [c for c in self.candidates("problems", "intro") if not LISTING_INTRO.search(c.phrase.text)]
        intro_text = self._intro(intro_c, (y,), fb.problems_intro)
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
                more = [sentence(self.fill(t) or "") for t in fb.problems]
                items += [m for m in more if m and m not in items][: 3 - len(items)]
                self.notes.append("短语库中适合本单位的问题句子不足，补充了通用句子。")
        return Problems(intro=intro_text, items=items, paragraphs=self._enumerate(intro_text, items))

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

    def plans(self) -> Plans:
        intro_text = self._intro(self.candidates("plans", "intro"), (self.year + 1,), self.rules.fallback.plans_intro)
        groups: list[PlanGroup] = []
        if self.spec.plans != "auto":
            items = [sentence(t) for t in self.spec.plans]
            if self.spec.with_plan:
                groups = [PlanGroup("", [t]) for t in items]
        else:
            groups = self._plan_groups(4 if self.spec.with_plan else 3)
            items = [g.item() for g in groups]
        if self.spec.with_plan and groups:
            # plan items as （一） sub-headings
            headed = [g.headed() for g in groups]
            if all(g.heading for g in headed):
                return Plans(intro_text, items, headed, [intro_text] if intro_text else [])
        return Plans(intro_text, items, [], self._enumerate(intro_text, items))

    def _plan_groups(self, n: int) -> list[PlanGroup]:
        """n plan items from the bank: headings, each with a body sentence of its topic."""
        y1 = self.year + 1
        heads = self.candidates("plans", "heading")
        bodies = self.candidates("plans", "plan")
        chosen_heads = self.take(heads, n, years=(y1,), top=8, distinct_topics=True)
        head_phrases = [self.bank.phrase(i) for i in self.phrase_ids[-len(chosen_heads):]] if chosen_heads else []
        groups = [PlanGroup(heading_text(htext), [sentence(b) for b in self._plan_body(htext, hp, bodies)])
                  for htext, hp in zip(chosen_heads, head_phrases)]
        # a heading with nothing under it says nothing: keep it only while there are
        # too few items with content
        full = [g for g in groups if g.paragraphs]
        if len(full) >= 2:
            groups = full
        # more bodies without heading to reach n items
        head_topics = {hp.topic for hp in head_phrases}
        rest = [c for c in bodies if c.phrase.id not in self.used_ids and c.phrase.topic not in head_topics]
        extra = self.take(rest, max(0, n - len(groups)), years=(y1,), top=8, distinct_topics=True)
        groups += [PlanGroup("", [sentence(b)]) for b in extra]
        if len([g for g in groups if g.paragraphs]) < 2:
            groups = self._fallback_plans([g for g in groups if g.paragraphs], n)
        return groups

    def _plan_body(self, heading: str, head_phrase, bodies: list) -> list[str]:
        """A body sentence for a plan heading: of the same topic, else the closest in
        wording, else a generic one (outline.yaml fallback.plans)."""
        y1 = self.year + 1
        topic = head_phrase.topic
        # a body restates its heading unless it says more (「强化政策解读。做好政策解读。」)
        bodies = [c for c in bodies if len(c.phrase.text.rstrip("。")) >= MIN_PLAN_BODY]
        same = [c for c in bodies if c.phrase.topic and c.phrase.topic == topic and c.phrase.id not in self.used_ids]
        body = self.take(self._closest(heading, same, min_shared=1), 1, years=(y1,), top=4)
        if not body:
            free = [c for c in bodies if c.phrase.id not in self.used_ids]
            body = self.take(self._closest(heading, free), 1, years=(y1,), top=1)
        return body or self._fallback_plan(heading)

    def _fallback_plan(self, heading: str) -> list[str]:
        """The generic plan sentence closest in wording to a plan heading, else none."""
        used = self._fallback_used
        texts = [t for t in self.rules.fallback.plans if t not in used]
        common = self.rules.plan_common_words
        g = content_bigrams(heading, common)
        best = max(texts, key=lambda t: len(g & content_bigrams(t, common)), default=None)
        if best is None or len(g & content_bigrams(best, common)) < 1:
            return []
        used.add(best)
        text = self.fill(best, screen=False)
        return [text] if text else []

    def _fallback_plans(self, groups: list[PlanGroup], n: int) -> list[PlanGroup]:
        """The bank is thin for this unit: generic plan sentences up to n items."""
        more = [t for t in self.rules.fallback.plans if t not in self._fallback_used]
        self.rng.shuffle(more)
        for t in more[: max(0, n - len(groups))]:
            self._fallback_used.add(t)
            text = self.fill(t, screen=False)
            if text:
                groups.append(PlanGroup("", [sentence(text)]))
        self.notes.append("短语库中适合本单位的打算句子不足，补充了通用句子。")
        return groups


"""Annual reports (年度综合) built around the unit's own lines of work.

    AnnualComposer(spec, bank, profile, rules).content() -> Content

The lines of work are the figures file's `work:` (title, the clerk's points,
its figures), else the department profile's typical work (departments.yaml),
never another department's. The draft:

  opening → 一、党建 part, one sub-section per line of work (heading from a
  frame + the title, a lead, the points — 一是/二是 when three or more —, the
  line's figures, a result), highlights under the most similar line (character
  bigrams), 特色亮点 only for leftovers, 队伍/作风 part → 二、problems of the
  department and its lines → 三、plans mirroring the lines → closing.

The frames are data (drafter/data/annual.yaml); none writes a number, so every
number of the draft is the unit's own, and each figure is written once.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from drafter.drafting.compose import Composer, seed_for
from drafter.drafting.frames import HEADING_LIKE, FramePicker, frames
from drafter.drafting.levels import adapt_level
from drafter.drafting.document import Content, PlanGroup, Plans, Problems, Subsection
from drafter.drafting.sentences import (
    BAD_TEXT,
    OUTCOME,
    close_sentence,
    content_bigrams,
    heading_text,
    is_zero,
    join_short,
    paragraphs,
    scale_amounts,
    sentence,
    with_colon,
    years_ok,
)

# a bank sentence asserting an outcome (均已办结, 全部按期) is never used for a line
# of work, whose figures are counts (sentences.OUTCOME)
MAX_DEFAULT_LINES = 6
PARTY_PART = -1           # place_highlights(): the 党建 part
PARTY_WORDS = re.compile(r"党建|党员|党组织|党支部|党委|党组|党风|廉政|主题党日")     # lines of work taken from a department profile
OPENING_TITLES = 3        # titles named in the opening / {工作列表}
MIN_SHARED = 2            # content bigrams a figure or an aim shares with the line it goes to
MIN_SHARED_HIGHLIGHT = 3  # … and a highlight
@dataclass
class Line:
    """One line of work as drafted: the clerk's item or a profile's typical line."""

    title: str
    points: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    actions: tuple[str, ...] = ()       # generic actions of the matching profile line
    keywords: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()          # figure slots of the matching profile line
    aim: str = ""                        # the department's aim closest to the line
    said: tuple[str, ...] = ()           # the actions its sub-section already wrote
    name: str = ""                       # how sentences name it (the title, or the noun of a heading-like title)
    heading: str = ""                    # a heading-like title is the sub-heading as it is

    def __post_init__(self):
        self.name = self.name or self.title

    def text(self) -> str:
        return self.title + "".join(self.points) + "".join(self.keywords)




def title_core(title: str) -> str:
    """The field a heading-like title speaks of: 在有效压实责任上抓重点 -> 有效压实责任;
    强化安全监管，筑牢安全防线 -> 强化安全监管."""
    m = re.match(r"^在(.{2,12}?)上", title)
    if m:
        return m.group(1)
    return re.split(r"[，,；;]", title)[0]


def slot_free(template: str) -> str:
    """A template without its {slots}: what the sentence says of its own."""
    return re.sub(r"\{[^{}]*\}", "", template)


class AnnualComposer(FramePicker, Composer):
    """The Composer of a 年度综合 report (see module docstring)."""

    def __init__(self, spec, bank, profile, rules):
        super().__init__(spec, bank, profile, rules)
        from drafter.departments import departments

        from drafter.politics import politics

        self.frames = frames()
        self.politics = politics()
        self.verbs = tuple(self.frames.get("work", "verbs"))
        self.measures = tuple(self.frames.get("work", "measures"))
        self.unfit_verbs = dict(self.frames.get("work", "unfit_verbs"))
        self.arng = random.Random(seed_for(spec.unit, spec.seed, "annual"))
        self.used_frames: set[str] = set()
        self.said: set[str] = set()     # clauses written so far (clauses())
        self.dealt: set[str] = set()    # heading frames dealt to the lines of work
        self.avoid = tuple((self.frames.get("level_avoid") or {}).get(profile.level or "", ()) or ())
        self.dep = departments().for_profile(profile)
        self.common = self.base_common = frozenset(rules.plan_common_words)
        self.lines = self._lines()
        if not self.lines:
            self.notes.append("本单位的部门没有常见工作表：请在 work: 中按顺序写出本单位的各项工作（title、points、figures）。")
        # bigrams most lines share (教育 in an 教育局's lines) say nothing about which line
        self.common = self.common | self._shared_bigrams()
        self._assign_aims()

    # -- frames ------------------------------------------------------------

    def similarity(self, a: str, b: str) -> int:
        return len(content_bigrams(a, self.common) & content_bigrams(b, self.common))

    # -- lines of work -----------------------------------------------------

    def _lines(self) -> list[Line]:
        dep_lines = list(self.dep.work) if self.dep is not None else []
        if self.spec.work:
            lines = [Line(w.title, list(w.points), dict(w.figures)) for w in self.spec.work]
            for line in lines:
                best = max(dep_lines, key=lambda d: self.similarity(line.title + "".join(line.points),
                                                                    d.title + "".join(d.keywords)), default=None)
                score = self.similarity(line.title + "".join(line.points), best.title + "".join(best.keywords)) \
                    if best is not None else 0
                if score >= MIN_SHARED:
                    line.actions, line.keywords, line.slots = best.actions, best.keywords, best.slots
                if HEADING_LIKE.search(line.title):
                    # 在有效压实责任上抓重点、求突破 / 强化安全监管，筑牢安全防线: the sub-heading as
                    # written; sentences name the field (the profile's line, else the title's core)
                    line.heading = line.title
                    line.name = best.title if score >= 3 else title_core(line.title)
        elif dep_lines:
            lines = [Line(d.title, actions=d.actions, keywords=d.keywords, slots=d.slots)
                     for d in dep_lines[:MAX_DEFAULT_LINES]]
        else:
            lines = []
        return lines

    def _assign_aims(self) -> None:
        """Each of the department's aims goes to the line it is closest to."""
        for aim in (self.dep.plans if self.dep is not None else ()):
            scores = [(self.closeness(aim, ln), -i) for i, ln in enumerate(self.lines)]
            best = max(scores, default=(0, 0))
            if best[0] >= MIN_SHARED and not self.lines[-best[1]].aim:
                self.lines[-best[1]].aim = aim

    def _shared_bigrams(self) -> frozenset[str]:
        if len(self.lines) < 3:
            return frozenset()
        counts: dict[str, int] = {}
        for ln in self.lines:
            for g in content_bigrams(ln.text(), self.common):
                counts[g] = counts.get(g, 0) + 1
        return frozenset(g for g, n in counts.items() if n * 2 >= len(self.lines))

    def closeness(self, text: str, line: Line) -> int:
        """How surely text belongs to a line: shared bigrams, and two for each of
        the line's keywords written in it."""
        return self.similarity(text, line.text()) + 2 * sum(1 for k in line.keywords if k in text)

    def _assign_figures(self) -> tuple[dict[int, list[str]], list[str], list[str]]:
        """Top-level figures: line index -> names, 党建 names, names no line takes.
        A figure a work item already gives with the same value is not said again."""
        from drafter.models import USER_CONTEXT_SLOTS

        given = {(k, str(v)) for line in self.lines for k, v in line.figures.items()}
        by_line: dict[int, list[str]] = {}
        party: list[str] = []
        other: list[str] = []
        for name, value in self.spec.figures.items():
            if name in USER_CONTEXT_SLOTS or name == "截至日期":
                continue
            if (name, str(value)) in given:
                continue
            slot = self.bank.slots.get(name)
            if getattr(slot, "group", None) == "党建":
                party.append(name)
                continue
            idx = next((i for i, ln in enumerate(self.lines) if name in ln.slots), None)
            if idx is None and slot is not None:
                words = (getattr(slot, "label", "") or name) + "".join(getattr(slot, "aliases", ()) or ())
                scores = [(self.similarity(words, ln.text()), -i) for i, ln in enumerate(self.lines)]
                if scores and max(scores)[0] >= 1:
                    idx = -max(scores)[1]
            if idx is None:
                other.append(name)
            else:
                by_line.setdefault(idx, []).append(name)
        return by_line, party, other

    # -- figures -----------------------------------------------------------

    def work_figure_sentences(self, figures: dict[str, Any], names: list[str], title: str) -> list[str]:
        """One sentence per figure (the slot's sentence), short ones joined."""
        values = dict(self.values)
        values.update(figures)
        out = []
        remaining = list(names)
        while remaining:
            got = self._bank_figure_sentence(remaining, values)
            if got is None:
                break
            text, used = got
            out.append(text)
            for name in used:
                remaining.remove(name)
                self._record_value(name if name not in self.figures_text else f"{name}（{title}）", name, values[name])
        defaults = []
        for name in remaining:
            text = self._figure_text(name, values[name], values)
            if text:
                defaults.append(text)
                self._record_value(name if name not in self.figures_text else f"{name}（{title}）", name, values[name])
        return out + join_short(defaults)

    def _bank_figure_sentence(self, remaining: list[str], values: dict) -> tuple[str, list[str]] | None:
        """A bank sentence that names and writes some of the remaining figures and
        asserts nothing else: no number of its own, no outcome (均已办结, 按期 …)
        the figures do not give. None when the bank has none."""
        from drafter.slotfill import SlotError

        avail = {n: values[n] for n in remaining if not is_zero(values[n])}
        if not avail:
            return None
        for _ in range(4):
            top = [c for c in self._best_result_phrases(avail, list(avail))
                   if all(self._names_figure(c.phrase.text, n) for n in c.phrase.slots if n in avail)
                   and not OUTCOME.search(c.phrase.text) and not re.search(r"\d", slot_free(c.phrase.text))]
            if not top:
                return None
            c = self.pick(top, top=5)
            self.used_ids.add(c.phrase.id)
            try:
                text = self.bank.fill(c.phrase.text, values)
            except SlotError:   # a slot the line does not give
                continue
            if BAD_TEXT.search(text) or not years_ok(text, (self.year, self.year - 1)):
                continue
            self.phrase_ids.append(c.phrase.id)
            used = [n for n in c.phrase.slots if n in avail]
            return sentence(scale_amounts(adapt_level(text, self.level_key, self.keep_words))), used
        return None

    def _figure_text(self, name: str, value, values: dict) -> str:
        from drafter.slotfill import SlotError, format_value

        slot = self.bank.slots.get(name)
        tmpl = ""
        if slot is not None:
            tmpl = getattr(slot, "zero", None) if is_zero(value) and getattr(slot, "zero", None) else slot.template
        if tmpl:
            try:
                text = self.bank.fill(tmpl, values)
            except SlotError:
                text = ""
            if text:
                return sentence(scale_amounts(text))
        label = (getattr(slot, "label", "") or name).split("（")[0]
        unit = getattr(slot, "unit", "") or ""
        val = format_value(value, self.types.get(name))
        if unit and val.endswith(unit):
            unit = ""
        self.notes.append(f"数据项「{name}」没有现成的句子，按名称直接写出，请润色。")
        return sentence(scale_amounts(f"{label}{val}{unit}"))

    def _record_value(self, key: str, name: str, value) -> None:
        from drafter.slotfill import format_value

        text = format_value(value, self.types.get(name))
        slot = self.bank.slots.get(name)
        if getattr(slot, "unit", "") == "万元":
            text = scale_amounts(text + "万元").removesuffix("万元")
        self.figures_text[key] = text

    # -- the draft ---------------------------------------------------------

    def content(self) -> Content:
        opening = self.annual_opening()
        achievements = self.annual_achievements()
        problems = self.annual_problems()
        plans = self.annual_plans()
        closing = [self.parts(self.frames.get("closing"), 工作首=self._title(0))]
        missing = [f for f in self.spec.all_figures() if f not in self.figures_text
                   and not any(k.startswith(f + "（") for k in self.figures_text)
                   and f not in ("单位简称", "上级单位", "截至日期")]
        if missing:
            self.notes.append("未写入的数据项：" + "、".join(missing))
        return Content(opening=opening, achievements=achievements, problems=problems, plans=plans,
                       closing=[c for c in closing if c], figures_text=dict(self.figures_text),
                       phrase_ids=list(self.phrase_ids), notes=list(self.notes))

    def _title(self, i: int) -> str:
        return self.lines[i].name if i < len(self.lines) else ""

    def _title_list(self) -> str:
        return "、".join(ln.name for ln in self.lines[:OPENING_TITLES])

    def annual_opening(self) -> list[str]:
        f = self.frames.get("opening")
        body = self.parts(f, 工作列表=self._title_list())
        tail = self.one(f["tail_plan"] if self.spec.with_plan else f["tail"])
        return [body + tail]

    def annual_achievements(self) -> list[Subsection]:
        by_line, party_figs, other_figs = self._assign_figures()
        placed, leftovers = self.place_highlights()
        subs = [self.party_part(party_figs, placed.get(PARTY_PART, []))]
        headings = self.deal(self.frames.get("work", "headings"), len(self.lines))
        self.dealt = set(headings)      # a heading that does not fit falls back to another
        results = self.deal(self.frames.get("work", "results"), len(self.lines))
        for i, line in enumerate(self.lines):
            subs.append(self.work_part(line, by_line.get(i, []), headings[i], results[i], placed.get(i, [])))
        if other_figs:
            sub = Subsection(key="其他", heading=heading_text(self.one(self.frames.get("other_headings"))))
            lead = self.one(self.frames.get("work", "leads"), 工作="其他各项工作")
            sub.paragraphs = paragraphs(([lead] if lead else []) + self.work_figure_sentences({}, other_figs, "其他"))
            subs.append(sub)
        if leftovers:
            subs.append(Subsection(key="亮点", heading=heading_text(self.one(self.frames.get("highlights_headings"))),
                                   paragraphs=leftovers))
        subs.append(self.team_part())
        self._as_of(subs)
        return [s for s in subs if s.paragraphs]

    def _as_of(self, subs: list[Subsection]) -> None:
        if "截至日期" in self.spec.figures and subs:
            text = self.fill(self.rules.fallback.as_of)
            if text:
                subs[-1].paragraphs.append(text)
                self._record("截至日期")

    def party_part(self, figs: list[str], highlights: list[str]) -> Subsection:
        f = self.frames.get("party")
        sents = [self.parts(s, 工作首=self._title(0)) for s in f["sentences"]]
        sents = [s for s in sents if s]
        fig_sents = self.work_figure_sentences({}, figs, "党建")
        body = sents[:1] + fig_sents + sents[1:]
        return Subsection(key="党建", heading=heading_text(self.one(f["headings"])),
                          paragraphs=paragraphs(body) + highlights)

    def team_part(self) -> Subsection:
        f = self.frames.get("team")
        sents = [s for s in (self.parts(s) for s in f["sentences"]) if s]
        return Subsection(key="队伍建设", heading=heading_text(self.one(f["headings"])), paragraphs=paragraphs(sents))

    def _heading(self, line: Line, frame: str) -> str:
        w = self.frames.get("work")
        if line.heading:
            return heading_text(line.heading)
        if line.title.startswith(tuple(w["verbs"])):
            if len(line.title) <= 8 and self.arng.random() < 0.5:
                return heading_text(self.say(line.title + "，" + self.choice(w["second_clauses"])))
            return heading_text(line.title)
        if line.title.endswith(self.measures):
            return heading_text(self.choice(w["measure_verbs"]) + line.title)    # 着力提升统计数据质量
        return heading_text(self.frame(frame, 工作=line.title) or self.one(self.undealt(w["headings"]), 工作=line.title)
                            or line.title)

    def undealt(self, pool: list[str]) -> list[str]:
        """The frames of a pool not dealt to another line (all when none is left)."""
        return [t for t in pool if t not in self.dealt] or list(pool)

    def _actions(self, line: Line) -> list[str]:
        """The line's actions in a seeded order, those that repeat a point left out."""
        base = self.base_common
        # 推进全域旅游发展 under 全域旅游发展 says only what the frames around it say
        acts = [a for a in line.actions
                if not (a.endswith(line.title) and len(a) - len(line.title) <= 2)
                and all(len(content_bigrams(a, base) & content_bigrams(p, base)) < 3 for p in line.points)]
        self.arng.shuffle(acts)
        return acts

    def work_part(self, line: Line, top_figs: list[str], heading_frame: str, result_frame: str,
                  highlights: list[str]) -> Subsection:
        w = self.frames.get("work")
        sub = Subsection(key=line.title, heading=self._heading(line, heading_frame))
        acts = self._actions(line)
        # the points say much of it: fewer of the generic actions, and some are left
        # for the plans (which never repeat a sentence of the sub-section)
        n_first = 1 if line.points else 2
        first, rest = acts[:n_first], acts[n_first:n_first + 1]
        line.said = tuple(first + rest)
        lead = (self.one(w["leads_with_actions"], 工作=line.name, 做法="，".join(first),
                         原则=self.choice(w["principles"])) if first
                else self.one(w["leads"], 工作=line.name))
        body = [lead] if lead else []
        body += self._points(line.points)
        if rest:
            body.append(self.one(w["more_actions"], optional=True, 做法="，".join(rest)))
        body.append(self.parts(w["mechanism"], optional=True, 工作=line.name))
        fig_sents = self.work_figure_sentences(line.figures, list(line.figures), line.title)
        fig_sents += self.work_figure_sentences({}, top_figs, line.title)
        result = self.result(line, result_frame)
        paras = paragraphs(body)
        if fig_sents:
            paras += paragraphs(fig_sents)
        paras += highlights
        if result:
            paras.append(result)
        sub.paragraphs = paras
        return sub

    def result(self, line: Line, result_frame: str) -> str:
        """The line's result sentence, with a tail no earlier sub-section used."""
        w = self.frames.get("work")
        lead = self.choice(w["result_leads"])
        tails = self.fitting(w["result_tails"])
        self.arng.shuffle(tails)
        others = [r for r in self.fitting(w["results"]) if r != result_frame]
        self.arng.shuffle(others)
        for frame in [result_frame] + others:       # the dealt one, else one that fits the title
            for tail in tails + [""]:
                out = self.frame(lead + frame.rstrip("。") + tail + "。", 工作=line.name)
                if out and self.fresh(out):
                    return self.say(out)
        return ""

    def _points(self, points: list[str]) -> list[str]:
        from drafter.numbering import ordinal_lead

        if len(points) < 3:
            # two short points read as one sentence: 「开展…专项检查，推进…建设。」
            return join_short([close_sentence(p) for p in points], per=2, max_chars=50)
        intro = self.choice(self.frames.get("work", "points_intro"))
        items = [close_sentence(p) for p in points]
        if all(t.count("。") <= 1 and len(t) <= 60 for t in items):
            body = "；".join(f"{ordinal_lead(i + 1)}{t.rstrip('。')}" for i, t in enumerate(items)) + "。"
            return [intro + body]
        return ([intro.rstrip("：") + "。"] if intro else []) + [f"{ordinal_lead(i + 1)}{t}" for i, t in enumerate(items)]

    def place_highlights(self) -> tuple[dict[int, list[str]], list[str]]:
        """Each highlight under the line of work it is most similar to (line
        index -> highlights); those similar to none are returned apart."""
        placed: dict[int, list[str]] = {}
        leftover = []
        for item in self.spec.highlights:
            text = close_sentence(item)
            if PARTY_WORDS.search(text):
                placed.setdefault(PARTY_PART, []).append(text)
                continue
            scored = [(self.closeness(text, ln), -i) for i, ln in enumerate(self.lines)]
            best = max(scored, default=(0, 0))
            if best[0] >= MIN_SHARED_HIGHLIGHT:
                placed.setdefault(-best[1], []).append(text)
            else:
                leftover.append(text)
        return placed, leftover

    # -- problems, plans -----------------------------------------------------

    def annual_problems(self) -> Problems:
        p = self.frames.get("problems")
        intro = with_colon(self.one(p["intros"]))
        if self.spec.problems != "auto":
            items = [sentence(t) for t in self.spec.problems]
        else:
            items = []
            dep_probs = list(self.dep.problems) if self.dep is not None else []
            self.arng.shuffle(dep_probs)
            for prob, frame in zip(dep_probs[:2], self.deal(p["department"], 2)):
                items.append(sentence(self.frame(frame, 问题=prob) or prob))
            tied = list(self.lines)
            self.arng.shuffle(tied)
            n_tied = 3 if len(tied) >= 5 else 2
            for line, frame in zip(tied[:n_tied], self.deal(p["work"], n_tied)):
                items.append(sentence(self.frame(frame, 工作=line.name) or ""))
            gen = self.deal(p["generic"], 0 if len(items) >= 5 else max(1, 3 - len(items)))
            items += [sentence(self.frame(g) or g) for g in gen]
            items = [t for t in items if t]
        return Problems(intro=intro, items=items, paragraphs=self._enumerate(intro, items))

    def annual_plans(self) -> Plans:
        p = self.frames.get("plans")
        intro = with_colon(self.one(p["intros"]))
        if self.spec.plans != "auto":
            items = [sentence(t) for t in self.spec.plans]
            groups = [PlanGroup("", [t]) for t in items] if self.spec.with_plan else []
            return Plans(intro, items, [], self._enumerate(intro, items))
        dealt = self.deal(p["headings"], len(self.lines))
        self.dealt = set(dealt)
        groups = [self.plan_group(line, h) for line, h in zip(self.lines, dealt)]
        if not self.lines:
            # no line of work known: the generic aims of outline.yaml (fallback.plans)
            generic = [t for t in self.rules.fallback.plans if "党" not in t]
            self.arng.shuffle(generic)
            for text in generic[:3]:
                head, _, rest = text.partition("，")
                filled = self.frame(rest) if rest else None
                if filled:
                    groups.append(PlanGroup(heading_text(head), [sentence(filled)]))
        groups.append(PlanGroup(heading_text(self.one(p["party_heading"])),
                                ["".join(self.one(p["party_body"], optional=True) for _ in range(2))]))
        groups = [g for g in groups if g.heading and g.paragraphs]
        items = [g.heading + "。" + "".join(g.paragraphs) for g in groups]
        if self.spec.with_plan:
            return Plans(intro, items, groups, [intro] if intro else [])
        return Plans(intro, items, [], self._enumerate(intro, items))

    def plan_group(self, line: Line, heading_frame: str) -> PlanGroup:
        p = self.frames.get("plans")
        if line.name.startswith(self.verbs):
            heading = self.choice(p["heading_adverbs"]) + line.name
        elif line.name.endswith(self.measures):
            heading = self.choice(self.frames.get("work", "measure_verbs")) + line.name
        else:
            heading = (self.frame(heading_frame, 工作=line.name)
                       or self.one(self.undealt(p["headings"]), 工作=line.name) or line.name)
        # only actions the sub-section did not write: a plan never repeats it
        acts = [a for a in self._actions(line) if a not in line.said]
        first = self.one(p["with_actions"], optional=True, 做法="，".join(acts[:2])) if acts else ""
        body = [first or self.one(p["without_actions"], 工作=line.name)]
        if acts[2:]:
            body.append(self.one(p["with_actions"], optional=True, 做法="，".join(acts[2:4])))
        aim = ""
        if line.aim and all(self.similarity(line.aim, a) < 4 for a in acts[:4]):
            aim = self.one(p["aims"], optional=True, 目标=line.aim, 工作=line.name)
        body.append(aim or self.one(p["generic_aims"], 工作=line.name))
        return PlanGroup(heading_text(heading), ["".join(sentence(b) for b in body if b)])

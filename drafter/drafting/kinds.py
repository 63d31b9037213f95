"""政务公开 and 乡村振兴·帮扶 reports: the bank's composition plus the unit's own field.

    KindComposer(spec, bank, profile, rules).content() -> Content

The Composer (compose.py) writes these reports from the phrase bank; what makes
the reports of two departments differ is what each does: a 民政局 publishes
社会救助、养老服务、婚姻登记 information, a 交通运输局's 行业帮扶 is 农村公路建设、
通村客运.  Those fields are the department profile's `openness` / `assistance`
(departments.yaml); the frames of data/kinds.yaml turn them into a sub-section
of their own, one problem and one plan item, and write the closing; a
sub-section of a single sentence gets a second one (`more`).  A unit without a
profile (or with no fields of the kind) gets the bank's composition only, never
another department's fields.

The bank picks walk a wider pool than the Composer's (the best `top`, and of the
best WIDEN × top those of the best one's tier scoring at least BAND × the best,
weighted by score), so units of one kind take different members of a pool of
equally good sentences;
every bank sentence still passes the checker's unit-fit rules (Composer.fill).
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from drafter.drafting.compose import Composer, seed_for
from drafter.drafting.document import PlanGroup, Plans, Problems, Subsection
from drafter.drafting.sentences import heading_text, sentence, with_colon
from drafter.errors import DrafterError

WIDEN = 3          # a bank pick looks at up to WIDEN × top candidates …
BAND = 0.5         # … those scoring at least this share of the best one
LEAD_FIELDS = 3    # fields named in a lead / plan body
NARROW = ("opening", "intro", "closing", "result")   # functions picked as the Composer does
PAST = re.compile(r"^(今年|本年度?|一年来|\{年度\}年)|(取得|作)了.{0,6}(成绩|成效|工作)|存在着?一定的")
CLOSE_RUNS = 2     # shared runs of 4 uncommon characters that make two bank sentences one idea
_PUNCT = re.compile(r"[|，。、；：“”（）《》\s]")
PARTS_TRIES = 40   # joinings tried before a parts sentence is given up
THIN = 8           # fewer bank measures than this for a sub-section: the bank is thin there
DETAILS = 2        # detail sentences (one field each) after the lead, at most

# which frame set a unit's level takes
_SETS = {"乡镇": "township", "街道": "township", "社区": "community"}


@lru_cache(maxsize=1)
def kind_frames() -> dict:
    """drafter/data/kinds.yaml, read once per process."""
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    path = data_file("kinds.yaml")
    raw = read_table(path)
    if not isinstance(raw, dict):
        raise DrafterError(f"数据表 {path} 格式错误：应为键值对。", hint="请对照文件开头的说明修改。")
    return raw


def _norm(piece: str) -> str:
    """A piece as said: without punctuation and 的 (「守牢不发生规模性返贫的底线」 = its heading half)."""
    return re.sub(r"[，。、；：的\s]", "", piece)


def _bare(text: str) -> str:
    return re.sub(r"[。，；：、\s]", "", text)


def _repeats(piece: str, text: str, n: int = 4) -> bool:
    """Whether a piece shares n characters in a row (no slot, no punctuation) with text."""
    core = re.sub(r"\{[^{}]*\}|[，。、；：“”]", "|", piece)
    return any(core[i:i + n] in text for i in range(len(core) - n + 1) if "|" not in core[i:i + n])


def _after_first(para: str, text: str) -> str:
    """text inserted after the first sentence of a paragraph."""
    at = para.find("。")
    return para[: at + 1] + text + para[at + 1:] if at >= 0 else para + text


def field_list(fields) -> str:
    """社会救助、养老服务和婚姻登记."""
    fields = list(fields)
    if len(fields) <= 1:
        return "".join(fields)
    return "、".join(fields[:-1]) + "和" + fields[-1]


class _Without:
    """OutlineRules whose sub-sections of one theme leave out some keys (unless
    one of the entry's slots or slot groups is among the figures')."""

    def __init__(self, rules, theme: str, keys: tuple[str, ...], figures: set[str]):
        self._rules, self._theme, self._keys, self._figures = rules, theme, keys, figures

    def __getattr__(self, name):
        return getattr(self._rules, name)

    def subsections(self, theme):
        entries = list(self._rules.subsections(theme))
        if theme != self._theme:
            return entries
        return [e for e in entries if e.key not in self._keys or (set(e.slots) | set(e.groups)) & self._figures]


class KindComposer(Composer):
    """The Composer of a 政务公开 or 乡村振兴·帮扶 report (see module docstring)."""

    def __init__(self, spec, bank, profile, rules):
        super().__init__(spec, bank, profile, rules)
        from drafter.departments import departments
        from drafter.models import THEME_OPENNESS
        from drafter.politics import politics

        self.kind = kind_frames().get(profile.theme) or {}
        dep = departments().for_profile(profile)
        attr = "openness" if profile.theme == THEME_OPENNESS else "assistance"
        self.fields: tuple[str, ...] = getattr(dep, attr) if dep is not None else ()
        # other departments' fields: a bank sentence naming one (「尤其对土地征收、拆迁安置…」
        # in a 信访局) is another unit's sentence
        own = "、".join(self.fields)
        self.foreign = tuple(sorted({f for p in departments().profiles.values() if p is not dep
                                     for f in getattr(p, attr) if f not in own}))
        self.set = _SETS.get(profile.level or "", "department")
        self.level_avoid = tuple((self.kind.get("level_avoid") or {}).get(profile.level or "", ()) or ())
        if len(self.fields) < 2:
            # a unit without fields of its own claims no 行业帮扶 (a 住房保障事务中心)
            self.level_avoid += tuple(self.kind.get("without_fields_avoid") or ())
        self.krng = random.Random(seed_for(spec.unit, spec.seed, "kinds"))
        self.politics = politics()
        self.used_frames: set[str] = set()
        self.parts_made: list[str] = []
        self.pieces_said: set[str] = set()
        self.plans_intro = ""
        self.narrow = False      # True while the Composer's own choice applies (see pick)

    # -- frames ------------------------------------------------------------

    def pool(self, *path: str) -> list[str]:
        """The frames at path (kinds.yaml, under the report's kind) the unit's level uses."""
        node = self.kind
        for p in path:
            node = node.get(p) if isinstance(node, dict) else None
        if not isinstance(node, list):
            return []
        return [str(t) for t in node if t and not any(w in str(t) for w in self.level_avoid)]

    def frame(self, text: str, **extra: str) -> str | None:
        for k, v in extra.items():
            text = text.replace("{" + k + "}", v)
        out = self.fill(text, screen=False)
        if out is None or not self.politics.year_ok(out, self.year):
            return None
        return out

    def one(self, pool: list[str], **extra: str) -> str:
        """One filled frame of a pool (seeded by the unit); '' when none fills."""
        order = list(pool)
        self.krng.shuffle(order)
        for t in order:
            out = self.frame(t, **extra)
            if out:
                return out
        return ""

    def parts(self, spec, record: bool = True, beside: str = "", n: int = 4) -> str:
        """A sentence joined from one piece of each list of spec['parts']; none of
        whose pieces says again what `beside` (the sub-section) says (领导小组 twice)."""
        lists = [[t for t in p if not any(w in t for w in self.level_avoid)] for p in (spec or {}).get("parts", [])]
        if not lists or not all(lists):
            return ""
        # a piece the draft already wrote (「守牢不发生规模性返贫的底线」) is not written again
        lists = [[t for t in p if _norm(t) not in self.pieces_said] or p for p in lists]
        for _ in range(PARTS_TRIES):
            pieces = [self.krng.choice(p) for p in lists]
            if beside and any(_repeats(self._uncommon(p), self._uncommon(beside), n) for p in pieces):
                continue
            # nor says one thing twice (「围绕群众稳定增收，…，带动群众稳定增收」)
            if any(_repeats(self._uncommon(p), self._uncommon("|".join(pieces[:i] + pieces[i + 1:])))
                   for i, p in enumerate(pieces)):
                continue
            out = self.frame("".join(pieces))
            if out:
                self.pieces_said.update(_norm(p) for p in pieces if len(_norm(p)) >= 4)
                if record:
                    self.parts_made.append(out)
                return out
        return ""

    def fill(self, text: str, *, screen: bool = True) -> str | None:
        """Composer.fill, and a bank sentence (screen) naming another department's field
        or a word the unit's level does not use (kinds.yaml level_avoid) is not written."""
        out = super().fill(text, screen=screen)
        if out is not None and screen and any(w in out for w in self.foreign + self.level_avoid):
            return None
        return out

    def close(self, a: str, b: str) -> bool:
        """Composer.close, and two sentences sharing two runs of 4 uncommon characters
        (「及时调整政务公开工作领导小组」 and 「及时调整了局政务公开领导小组」: one idea twice)."""
        if super().close(a, b):
            return True
        a, b = self._uncommon(a), self._uncommon(b)
        grams = {a[i:i + 4] for i in range(len(a) - 3)} - {""}
        return sum(1 for g in grams if not _PUNCT.search(g) and g in b) >= CLOSE_RUNS

    def _uncommon(self, text: str) -> str:
        """text without the words every report of the kind uses (kinds.yaml common)."""
        for w in self.kind.get("common") or ():
            text = text.replace(w, "|")
        return text

    def pick(self, cands: list, *, top: int = 6):
        """Openings, intros, closings, figure sentences and the closest-worded plan
        body: the Composer's choice. Headings: among the best `top`. Other sentences:
        among the equally good candidates (the best `top`, and of the best WIDEN × top
        those of the best one's tier scoring at least BAND × the best); weighted by score."""
        if not cands:
            return None
        function = cands[0].phrase.function
        if self.narrow or function in NARROW:
            return super().pick(cands, top=top)
        head = cands[: top * (1 if function == "heading" else WIDEN)]
        best = max(float(c.score) for c in head)
        # beyond the best `top`, only candidates of the best one's tier (a family's
        # own sentences before generic ones)
        pool = [c for i, c in enumerate(head) if i < top or (float(c.score) >= BAND * best and c.tier == head[0].tier)]
        return self.rng.choices(pool, weights=[max(float(c.score), 0.05) for c in pool], k=1)[0]

    def _plan_body(self, heading: str, head_phrase, bodies: list) -> list[str]:
        """The Composer's closest body, but never one telling of the year past
        (「今年我局在政务公开工作方面作了诸多工作…」 is no plan)."""
        self.narrow = True
        try:
            bodies = [c for c in bodies if not PAST.search(c.phrase.text)]
            return super()._plan_body(heading, head_phrase, bodies)
        finally:
            self.narrow = False

    # -- achievements --------------------------------------------------------

    def achievements(self) -> list[Subsection]:
        subs = super().achievements()
        generic = {sentence(t) for e in self.rules.subsections(self.theme) for t in
                   (self.fill(m, screen=False) for m in e.measures) if t}
        for sub in subs:
            self._own_heading(sub)
            self._own_measures(sub, generic)
            self._field_sentence(sub)
        field_sub = self.field_subsection()
        if field_sub is not None:
            after = self.kind.get("after")
            at = next((i + 1 for i, s in enumerate(subs) if s.key == after), None)
            if at is None:
                at = next((i for i, s in enumerate(subs) if s.key == "亮点"), len(subs))
            subs.insert(at, field_sub)
        return subs

    def field_subsection(self) -> Subsection | None:
        """The unit's own fields as a sub-section: a lead naming the first ones, a
        detail sentence for one or two more (or for the first, when there are few)."""
        if len(self.fields) < 2:
            return None
        head = self.fields[:LEAD_FIELDS]
        heading = self.one(self.pool("fields", self.set, "headings"), 领域首=self.fields[0])
        leads = self.pool("fields", self.set, "leads")
        # not the heading's words again (「立足部门职能，推进…」 over 「立足部门职能，把…」)
        leads = [t for t in leads if not _repeats(self._uncommon(t), self._uncommon(heading or ""))] or leads
        lead = self.one(leads, 领域列表=field_list(head))
        if not heading or not lead:
            return None
        rest = list(self.fields[LEAD_FIELDS:LEAD_FIELDS + DETAILS]) or [self.fields[0]]
        details = self.pool("fields", self.set, "details")
        self.krng.shuffle(details)
        said = []
        for f, t in zip(rest, details):
            out = self.frame(t, 领域=f)
            if out:
                said.append(sentence(out))
        return Subsection(key="领域", heading=heading_text(heading), paragraphs=["".join([sentence(lead)] + said)])

    def _subsection_plan(self):
        """The Composer's sub-sections, less those the unit's level does not have
        (kinds.yaml level_skip: a 社区 answers no 政府信息公开申请) unless it gave their figures."""
        skip = (self.kind.get("level_skip") or {}).get(self.profile.level or "", ())
        if not skip:
            return super()._subsection_plan()
        rules = self.rules
        given = set(self.spec.figures) | {getattr(self.bank.slots.get(n), "group", None) for n in self.spec.figures}
        self.rules = _Without(rules, self.theme, tuple(skip), given)
        try:
            return super()._subsection_plan()
        finally:
            self.rules = rules

    def measure_count(self, entry, figs: list[str]) -> int:
        """One bank measure fewer where the kind has its own sentence for the
        sub-section (kinds.yaml measures), at most one where the bank is thin for it."""
        n = super().measure_count(entry, figs)
        if not (self.kind.get("measures") or {}).get(entry.key):
            return n
        thin = len(self.candidates("achievements", "measure", topics=set(entry.topics), keywords=list(entry.keywords)))
        return 1 if thin < THIN else max(1, n - 1)

    def _own_heading(self, sub: Subsection) -> None:
        """The sub-heading joined from the two halves of the key (kinds.yaml headings)
        where the bank holds few headings for it (every unit would get the same one),
        else one of the two evenly."""
        halves = (self.kind.get("headings") or {}).get(sub.key)
        entry = next((e for e in self.rules.subsections(self.theme) if e.key == sub.key), None)
        if entry is not None and sub.heading and self.krng.random() < 0.5:
            bank = self.candidates("achievements", "heading", topics=set(entry.topics), keywords=list(entry.keywords))
            if len(bank) >= THIN:
                return
        if halves:
            own = self.parts({"parts": [[h + "，" for h in halves[0]], halves[1]]}, record=False)
            if own:
                sub.heading = heading_text(own)

    def _own_measures(self, sub: Subsection, generic: set[str]) -> None:
        """The one generic fallback measure of outline.yaml (every unit without bank
        measures would share it) becomes a sentence joined from the key's parts
        (kinds.yaml measures); a sub-section of a single sentence gets a second one."""
        spec = (self.kind.get("measures") or {}).get(sub.key)
        if not spec:
            return
        for i, para in enumerate(sub.paragraphs):
            for g in generic:
                if g in para:
                    own = self.parts(spec, beside=sub.heading + "".join(sub.paragraphs).replace(g, ""))
                    if own:
                        sub.paragraphs[i] = para = para.replace(g, sentence(own))
        if not any(sentence(t) in "".join(sub.paragraphs) for t in self.parts_made):
            own = self.parts(spec, beside="".join(sub.paragraphs))
            if own and sub.paragraphs:
                sub.paragraphs[0] = _after_first(sub.paragraphs[0], sentence(own))
        if "".join(sub.paragraphs).count("。") <= 1:
            own = self.parts(spec, beside=sub.heading + "".join(sub.paragraphs))
            if own and sub.paragraphs and sentence(own) not in sub.paragraphs[-1]:
                sub.paragraphs[-1] += sentence(own)

    def _field_sentence(self, sub: Subsection) -> None:
        """A sentence naming one of the unit's fields, in the sub-section of its key
        (kinds.yaml field_sentences: 政策解读 of the department's field)."""
        pool = self.pool("field_sentences", sub.key)
        if len(self.fields) < 2 or not pool or not sub.paragraphs:
            return
        said = self._uncommon(sub.heading + "".join(sub.paragraphs))
        pool = [t for t in pool if not _repeats(self._uncommon(t), said)] or pool
        own = self.one(pool, 领域=self.fields[self.krng.randrange(len(self.fields))])
        if own:
            sub.paragraphs[0] = _after_first(sub.paragraphs[0], sentence(own))

    # -- problems, plans, closing -----------------------------------------------

    def problems(self) -> Problems:
        p = super().problems()
        if self.spec.problems != "auto" or not p.items:
            return p
        items = list(p.items)
        spec = self.kind.get("problems_generic")
        generic = self.parts(spec, record=False, beside="".join(items)) if isinstance(spec, dict) else \
            self.one([t for t in self.pool("problems_generic") if sentence(t) not in items])
        if generic and len(items) >= 3:
            items[-2] = sentence(generic)
        if len(self.fields) >= 2:
            field = self.fields[self.krng.randrange(min(len(self.fields), LEAD_FIELDS))]
            own = self.one(self.pool("problems", self.set), 领域=field)
            if own:
                items[-1 if len(items) > 2 else len(items):] = [sentence(own)]
        intro = with_colon(self.parts((self.kind.get("intros") or {}).get("problems"), record=False)) or p.intro
        if items == p.items and intro == p.intro:
            return p
        return Problems(intro=intro, items=items, paragraphs=self._enumerate(intro, items))

    def plans(self) -> Plans:
        p = super().plans()
        if self.spec.plans != "auto":
            return p
        groups = [self._own_plan(g) for g in p.groups] if p.groups else [self._own_plan(PlanGroup("", [t])) for t in p.items]
        cap = self.kind.get("bank_plans")
        if cap is not None:
            # a kind whose bank plans are few and specific (「建立产业联盟合作共同体」):
            # at most `cap` of them, the others the kind's own plan items
            groups = groups[:cap] + [self._own_plan(g, force=True) for g in groups[cap:]]
        intro = with_colon(self.parts((self.kind.get("intros") or {}).get("plans"), record=False)) or p.intro
        self.plans_intro = intro
        own = self._field_plan()
        if own is not None:
            replaces = tuple(self.kind.get("plans", {}).get("replaces") or ())
            kept = [g for g in groups if not any(w in g.heading + "".join(g.paragraphs) for w in replaces)]
            groups = kept[: max(1, len(groups) - 1)]
            groups.insert(1, own)
        if p.groups:
            return Plans(intro, [g.item() for g in groups], groups, [intro] if intro else [])
        items = [g.item() for g in groups]
        return Plans(intro, items, [], self._enumerate(intro, items))

    def _field_plan(self) -> PlanGroup | None:
        """The plan item of the unit's fields (kinds.yaml plans)."""
        if len(self.fields) < 2:
            return None
        head = self.one(self.pool("plans", self.set, "headings"))
        body = self.one(self.pool("plans", self.set, "bodies"), 领域列表=field_list(self.fields[:LEAD_FIELDS]))
        return PlanGroup(heading_text(head), [sentence(body)]) if head and body else None

    def _own_plan(self, g: PlanGroup, force: bool = False) -> PlanGroup:
        """A generic fallback plan of outline.yaml (every unit with too few bank plans
        would share it) becomes one of the kind's plan items (kinds.yaml plans_generic:
        a topic not yet used, its heading and a body joined from parts)."""
        text = _bare(g.heading + "".join(g.paragraphs))
        if not force and not any(_bare(self.fill(t, screen=False) or "") == text for t in self.rules.fallback.plans):
            return g
        topics = [t for t in (self.kind.get("plans_generic") or []) if isinstance(t, dict)
                  and t.get("heading") and t["heading"][0] not in self.used_frames]
        self.krng.shuffle(topics)
        for t in topics:
            head = self.one([h for h in t["heading"] if h])
            body = self.parts({"parts": t.get("body") or []}, record=False)
            if head and body:
                self.used_frames.add(t["heading"][0])
                return PlanGroup(heading_text(head), [sentence(body)]) if g.heading or force else \
                    PlanGroup("", [head + "。" + sentence(body)])
        return g

    def opening(self) -> list[str]:
        """The bank's opening; where the bank had none (the generic fallback every such
        unit would share), one joined from the kind's parts (kinds.yaml opening)."""
        got = super().opening()
        fb = self.fill(self.rules.fallback.opening, screen=False) or ""
        own = self.parts(self.kind.get("opening")) if fb and got and got[0].startswith(fb.rstrip("。")) else ""
        if not own:
            return got
        tail = self.fill(self.rules.fallback.opening_tail_plan if self.spec.with_plan else self.rules.fallback.opening_tail)
        return [own + (tail or "")]

    def closing(self) -> list[str]:
        """One joined from the kind's parts in place of the bank's few closings (the
        outline's fallback closing where the bank has none for the unit)."""
        if not self.candidates("closing", "closing"):
            return super().closing()
        # (「下一步，」 not again after the plans' 「下一步，我局将…」)
        text = self.parts(self.kind.get("closing"), beside=self.plans_intro, n=3)
        return [sentence(text)] if text else super().closing()

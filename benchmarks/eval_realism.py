"""Realism evaluation: leave-one-document-out drafts compared with the real reports.

    .venv/bin/python benchmarks/eval_realism.py [--corpus corpus/] [--workers 2] [--seeds 1,2,3,4,5]
                                                [--randoms 2] [--only 000:184,003:1] [--show 000:184]
                                                [--json out.json]

For every document D of the corpus and every seed:

1. the bank is mined without D *and without D's near-copies* (same non-empty
   title, or character-4-gram Jaccard > 0.8 with D; e.g. 003 is a copy of one
   of the 000 compilation's reports), so nothing of D can leak into its draft
   (`leaked` counts the bank's phrases with a source line inside D or a
   near-copy: it must be 0);
2. D's unit profile (name, level, department, family, theme, with_plan, year)
   and the figures that appear in D become a figures file (seed = the run's
   seed): the miner's own slotting (drafter.mining.slotting: the catalogue
   alias ending last in the 24 characters before a number with a compatible
   measure word) finds which catalogue slots D's sentences fill and with what
   values.  Only slots the wizard would offer this unit (slot themes/families)
   count; the first occurrence wins; proposed slots are not used; values are
   checked with drafter.figures.validate_figures and dropped when they fail;
3. the draft is composed from that bank and compared with D:
   * sections: normalised edit distance between D's canonical level-1
     sequence (repeats collapsed; overview / measures / results / basic_info
     count as achievements, problems_plans as problems + plans, signature
     ignored) and the draft's (0 = the same sequence);
   * figures: share of D's figures the draft writes *with a sentence of the
     bank* (a mined phrase carrying the slot), not with the catalogue's
     template or the label fallback;
   * overlap: character 4-gram containment of the draft's body in D's body
     (share of the draft's 4-grams that occur in D) and Jaccard.  Titles are
     left out, and the unit's own names, 某某/XX and digits are masked, so a
     draft earns nothing for carrying D's name or numbers.
4. controls, symmetric: for `--randoms` seeded random documents R of *other*
   units (same theme when possible; never D's near-copies), a bank is mined
   without D, R and their near-copies; from that one bank both D's draft and
   R's draft are made.  "rdr": R's draft vs D, against D's draft vs D (which
   draft is closer to D?); "rnd": D's draft vs R's report, against D's draft
   vs D (which report is D's draft closer to?).  Neither draft has its own
   report in the bank, so neither is favoured.

Prints one row per document and seed, then the averages (all documents and
per theme) per seed and their spread across seeds.  Deterministic: fixed
seeds, documents in corpus order; the work is spread over `--workers`
processes (fork).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import multiprocessing as mp
import random
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import ROOT, containment, grams, jaccard  # noqa: E402  (also puts ROOT on sys.path)

COPY_JACCARD = 0.8
DRAFT_SECTIONS = ("opening", "achievements", "problems", "plans", "closing")
SECTION_MAP = {
    "opening": ("opening",),
    "basic_info": ("achievements",),
    "overview": ("achievements",),
    "achievements": ("achievements",),
    "measures": ("achievements",),
    "results": ("achievements",),
    "problems": ("problems",),
    "problems_plans": ("problems", "plans"),
    "plans": ("plans",),
    "closing": ("closing",),
    "signature": (),
}
_PLACE_PREFIX = ("市", "县", "区", "镇", "乡", "街道")

# set in the parent before the workers fork (read-only afterwards)
_DOCS: list = []
_EXCLUDE: list[set[int]] = []
_PARTNERS: dict[int, list[list[int]]] = {}     # seed -> per document, its random other units
_TEXTS: list[str] = []


# ---------------------------------------------------------------------------
# text and n-grams


def doc_text(doc, title: bool = True) -> str:
    """(Title +) headings + paragraphs of a Document, one per line."""
    return doc.text(title=title)


def draft_text(draft, title: bool = True) -> str:
    """(Title +) headings + paragraphs of a Draft (no 落款)."""
    kinds = ("title", "heading", "para") if title else ("heading", "para")
    return "\n".join(b.full_text for b in draft.blocks if b.kind in kinds)


# ---------------------------------------------------------------------------
# near-copies and random partners


def unit_key(doc, i: int) -> str:
    name = (doc.profile.name or "").replace("XX", "")
    return name if len(name) >= 2 else f"#{i}"


def near_copies(docs, texts: list[str] | None = None) -> list[set[int]]:
    """For each document: itself + documents with the same non-empty title or 4-gram Jaccard > 0.8."""
    texts = texts if texts is not None else [doc_text(d) for d in docs]
    g = [grams(t) for t in texts]
    out = []
    for i, d in enumerate(docs):
        s = {i}
        for j, e in enumerate(docs):
            if j == i:
                continue
            if (d.title and d.title == e.title) or jaccard(g[i], g[j]) > COPY_JACCARD:
                s.add(j)
        out.append(s)
    return out


def random_partners(docs, exclude: list[set[int]], k: int, seed: int) -> list[list[int]]:
    """Up to k seeded random documents of another unit for each document, of the same
    theme when there is one (never a near-copy, never the same unit)."""
    out = []
    for i, d in enumerate(docs):
        own = unit_key(d, i)
        pool = [j for j in range(len(docs)) if j not in exclude[i] and unit_key(docs[j], j) != own]
        same = [j for j in pool if docs[j].profile.theme == d.profile.theme]
        pool = same or pool
        rng = random.Random(seed * 1000 + i)
        out.append(sorted(rng.sample(pool, min(k, len(pool)))))
    return out


def names_of(doc) -> set[str]:
    """The ways D names its own unit (masked before n-grams are compared)."""
    from drafter.profile import unit_from_title

    out = {doc.profile.name or "", unit_name(doc.profile)}
    if doc.title:
        out.add(unit_from_title(doc.title))
    return {n.replace("XX", "").replace("某某", "") for n in out} | out


def masked(text: str, names: set[str]) -> str:
    """Body text for overlap: the unit's own names, 某某/XX and digit values masked, so that a
    draft gets no credit for carrying D's name or D's numbers (figures are measured apart)."""
    for n in sorted((n for n in names if len(n) >= 2), key=len, reverse=True):
        text = text.replace(n, "■")
    text = text.replace("某某", "■").replace("XX", "■")
    return re.sub(r"\d+(?:\.\d+)?", "0", text)


# ---------------------------------------------------------------------------
# figures that appear in a document (the miner's slotting)


def doc_figures(doc, slots) -> dict:
    """Catalogue slot -> value for the figures D's sentences state (first occurrence wins).

    Mirrors drafter.mining.slotting.slot_sentence: a number with a measure word
    is given the catalogue slot whose alias ends last in the 24 characters
    before it (compatible measure word; % only for percent slots).  Dates and
    years are masked first so that 12月15日 / 2023年 are not read as figures."""
    from drafter.figures import validate_figures
    from drafter.mining.config import config
    from drafter.mining.extract import extract
    from drafter.mining.slotting import SlotIndex, figures_in
    from drafter.slots import load_catalogue

    cfg = config()
    index = SlotIndex.build(load_catalogue().slots)
    raws, _ = extract([doc])
    p = doc.profile

    def applies(name: str) -> bool:
        # only the figures the wizard would ask this unit for (slot themes / families)
        slot = slots.get(name) if hasattr(slots, "get") else None
        return slot is None or not hasattr(slot, "applies_to") or slot.applies_to(p.theme or "年度综合", p.family)

    found: dict[str, float | int] = {}
    for r in raws:
        for name, num in figures_in(r.text, index, cfg):
            if name in found or not applies(name):
                continue
            found[name] = float(num) if "." in num else int(num)
    good, issues = validate_figures(found, slots)
    bad = {i.path[-1] for i in issues}
    return {k: v for k, v in good.items() if k not in bad}


# ---------------------------------------------------------------------------
# the unit's figures file


def unit_name(profile) -> str:
    """D's unit name for the draft: XX -> 某某; a bare 区民政局 / 镇 gets 某某 in front;
    none at all -> 某某 + level + department."""
    name = (profile.name or "").replace("XX", "某某").replace("ＸＸ", "某某")
    if len(name) < 2 or name in ("乡镇", "街道", "社区"):
        level = {"乡镇": "镇"}.get(profile.level or "", profile.level or "县")
        dept = profile.department or "人民政府"
        if dept == "乡镇人民政府":
            dept = "人民政府"
        return f"某某{level}{dept}"
    if name.startswith(_PLACE_PREFIX) and not name.startswith("某某"):
        return "某某" + name
    return name


def build_spec(doc, bank, figures: dict, seed: int = 1):
    import yaml

    from drafter.figures import parse_figures_text
    from drafter.models import THEME_ANNUAL

    p = doc.profile
    data = {
        "unit": unit_name(p),
        "year": p.year or 2023,
        "theme": p.theme or THEME_ANNUAL,
        "with_plan": bool(p.with_plan),
        "figures": figures,
        "seed": seed,
    }
    for key in ("level", "department", "family"):
        if getattr(p, key):
            data[key] = getattr(p, key)
    return parse_figures_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), source=doc.source,
                              slots=bank.slots)


def draft_for(doc, bank, seed: int = 1):
    from drafter.drafting import draft_unit

    figures = doc_figures(doc, bank.slots)
    spec = build_spec(doc, bank, figures, seed)
    # a fixed "today" outside the writing season: the signature date is 12-31 of the year
    return draft_unit(spec, bank=bank, today=_dt.date(2000, 1, 1)), figures


# ---------------------------------------------------------------------------
# sections


def doc_sections(doc) -> list[str]:
    seq: list[str] = []
    for s in doc.sections:
        for c in SECTION_MAP.get(s.canonical or "achievements", ("achievements",)):
            if not seq or seq[-1] != c:
                seq.append(c)
    return seq


def draft_sections(draft) -> list[str]:
    seq: list[str] = []
    for b in draft.blocks:
        if b.kind in ("heading", "para") and b.section in DRAFT_SECTIONS:
            if not seq or seq[-1] != b.section:
                seq.append(b.section)
    return seq


def edit_distance(a: list[str], b: list[str]) -> float:
    """Levenshtein distance / max length (0 = same sequence)."""
    if not a and not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1] / max(len(a), len(b))


def placed(draft, figures: dict) -> list[str]:
    """Figures of D that the draft writes (recorded by the composer and found in the text)."""
    text = draft.text()
    return [k for k in figures if k in draft.figures_text and draft.figures_text[k] in text]


def placed_by_bank(draft, bank, figures: dict) -> list[str]:
    """Figures of D that the draft writes with a sentence of the bank (a mined phrase whose
    slots include the figure), not with the catalogue template or the label fallback."""
    slots: set[str] = set()
    for pid in draft.phrase_ids:
        try:
            slots.update(bank.phrase(pid).slots)
        except KeyError:
            continue
    return [k for k in placed(draft, figures) if k in slots]


def sources_inside(bank, docs) -> int:
    """Phrases of the bank with a source line inside one of docs (must be 0 when docs were left out)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in docs:
        spans.setdefault(d.source, []).append((d.start_line, d.end_line))
    n = 0
    for ph in bank.phrases:
        for src in ph.sources:
            name, _, line = src.rpartition(":")
            if name in spans and line.isdigit() and any(a <= int(line) <= b for a, b in spans[name]):
                n += 1
                break
    return n


# ---------------------------------------------------------------------------
# one document


@dataclass
class Row:
    index: int
    where: str
    unit: str
    theme: str
    seed: int
    left_out: list[str]
    d_sections: list[str]
    draft_sections: list[str]
    edit: float                 # section-sequence edit distance, D vs its draft
    figures: dict               # D's figures (the figures file)
    placed: list[str]           # written by the draft
    by_bank: list[str]          # written with a sentence of the bank
    share: float | None         # placed / figures
    bank_share: float | None    # by_bank / figures
    own_c: float                # D's draft (bank without D) vs D
    own_j: float
    pown_c: float               # D's draft (bank without D and R) vs D, mean over R
    pown_j: float
    rdr_c: float                # R's draft (same bank) vs D, mean over R
    rdr_j: float
    rnd_c: float                # D's draft (same bank) vs R's report, mean over R
    rnd_j: float
    leaked: int                 # phrases of the banks with a source inside D / R: must be 0
    chars_d: int
    chars_draft: int
    bank_size: int
    seconds: float
    partners: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    draft: str = ""


def where_of(doc) -> str:
    return f"{doc.source[:3]}:{doc.start_line}"


def body_grams(draft, names: set[str]) -> set[str]:
    return grams(masked(draft_text(draft, title=False), names))


def own_overlap(doc, bank, seed: int = 1) -> float:
    """4-gram containment of the draft made for D's unit from `bank` in D (names, digits masked)."""
    draft, _ = draft_for(doc, bank, seed)
    names = names_of(doc) | {draft.unit}
    return containment(body_grams(draft, names), grams(masked(doc_text(doc, title=False), names)))


def evaluate_one(i: int, docs=None, exclude=None, partners=None, texts=None) -> list[Row]:
    """The rows of document i, one per seed of `partners` (seed -> random other units)."""
    from drafter.mining import mine

    docs = docs if docs is not None else _DOCS
    exclude = exclude if exclude is not None else _EXCLUDE
    partners = partners if partners is not None else _PARTNERS
    texts = texts if texts is not None else _TEXTS
    d = docs[i]
    t0 = time.perf_counter()
    keep = [e for j, e in enumerate(docs) if j not in exclude[i]]
    bank = mine(keep).bank
    leaked_d = sources_inside(bank, [docs[j] for j in exclude[i]])
    pair_banks: dict[int, tuple] = {}          # R -> (bank without D and R, leaked), shared by the seeds
    setup = time.perf_counter() - t0
    rows = []
    for seed, chosen in partners.items():
        t1 = time.perf_counter()
        draft, figures = draft_for(d, bank, seed)
        names_d = names_of(d) | {draft.unit}
        g_d = grams(masked(doc_text(d, title=False), names_d))
        g_draft = body_grams(draft, names_d)
        leaked = leaked_d
        pown_c, pown_j, rdr_c, rdr_j, rnd_c, rnd_j = [], [], [], [], [], []
        for j in chosen[i]:
            if j not in pair_banks:
                out = exclude[i] | exclude[j]
                b2 = mine([e for k, e in enumerate(docs) if k not in out]).bank
                pair_banks[j] = (b2, sources_inside(b2, [docs[k] for k in out]))
            bank2, leaked2 = pair_banks[j]
            leaked += leaked2
            mine_d, _ = draft_for(d, bank2, seed)          # D's draft, neither D nor R in the bank
            other, _ = draft_for(docs[j], bank2, seed)     # R's draft from the same bank
            names_r = names_of(docs[j]) | {other.unit}
            g_mine = body_grams(mine_d, names_d)
            g_other = body_grams(other, names_r)
            g_r = grams(masked(doc_text(docs[j], title=False), names_r))
            pown_c.append(containment(g_mine, g_d))
            pown_j.append(jaccard(g_mine, g_d))
            rdr_c.append(containment(g_other, g_d))
            rdr_j.append(jaccard(g_other, g_d))
            rnd_c.append(containment(g_mine, g_r))
            rnd_j.append(jaccard(g_mine, g_r))
        ds, qs = doc_sections(d), draft_sections(draft)
        got = placed(draft, figures)
        by_bank = placed_by_bank(draft, bank, figures)
        mean = lambda xs: statistics.fmean(xs) if xs else 0.0  # noqa: E731
        dt = draft_text(draft)
        rows.append(Row(
            index=i, where=where_of(d), unit=draft.unit, theme=d.profile.theme or "", seed=seed,
            left_out=[where_of(docs[j]) for j in sorted(exclude[i]) if j != i],
            d_sections=ds, draft_sections=qs, edit=edit_distance(ds, qs),
            figures=dict(figures), placed=got, by_bank=by_bank,
            share=len(got) / len(figures) if figures else None,
            bank_share=len(by_bank) / len(figures) if figures else None,
            own_c=containment(g_draft, g_d), own_j=jaccard(g_draft, g_d),
            pown_c=mean(pown_c), pown_j=mean(pown_j), rdr_c=mean(rdr_c), rdr_j=mean(rdr_j),
            rnd_c=mean(rnd_c), rnd_j=mean(rnd_j), leaked=leaked,
            chars_d=len(texts[i]), chars_draft=len(dt), bank_size=len(bank),
            seconds=time.perf_counter() - t1 + setup / len(partners),
            partners=[where_of(docs[j]) for j in chosen[i]], notes=list(draft.notes), draft=dt,
        ))
    return rows


# ---------------------------------------------------------------------------
# driver


def prepare(docs, randoms_k: int = 2, seeds=(7,), leave_unit: bool = False):
    """(texts, exclude sets, {seed: random partners}) for a list of Documents."""
    texts = [doc_text(d) for d in docs]
    exclude = near_copies(docs, texts)
    if leave_unit:
        keys = [unit_key(d, i) for i, d in enumerate(docs)]
        exclude = [e | {j for j in range(len(docs)) if keys[j] == keys[i]} for i, e in enumerate(exclude)]
    partners = {s: random_partners(docs, exclude, randoms_k, s) for s in seeds}
    return texts, exclude, partners


def _init(docs, exclude, partners, texts):
    global _DOCS, _EXCLUDE, _PARTNERS, _TEXTS
    _DOCS, _EXCLUDE, _PARTNERS, _TEXTS = docs, exclude, partners, texts


def run(docs, indices, *, workers: int = 2, randoms_k: int = 2, seeds=(7,), leave_unit: bool = False) -> list[Row]:
    texts, exclude, partners = prepare(docs, randoms_k, seeds, leave_unit)
    _init(docs, exclude, partners, texts)
    if workers <= 1 or len(indices) <= 1:
        per_doc = [evaluate_one(i) for i in indices]
    else:
        ctx = mp.get_context("fork")
        # biggest documents first keeps both workers busy to the end
        order = sorted(indices, key=lambda i: -len(texts[i]))
        with ctx.Pool(workers) as pool:
            per_doc = pool.map(evaluate_one, order, chunksize=1)
    return sorted((r for rows in per_doc for r in rows), key=lambda r: (r.seed, r.index))


def averages(rows: list[Row]) -> dict:
    """Averages over documents (rows of one seed)."""
    def m(xs):
        xs = [x for x in xs if x is not None]
        return statistics.fmean(xs) if xs else float("nan")

    return {
        "docs": len(rows),
        "edit": m([r.edit for r in rows]),
        "figures": m([len(r.figures) for r in rows]),
        "share": m([r.share for r in rows]),
        "bank_share": m([r.bank_share for r in rows]),
        "own_c": m([r.own_c for r in rows]),
        "own_j": m([r.own_j for r in rows]),
        "pown_c": m([r.pown_c for r in rows]),
        "rdr_c": m([r.rdr_c for r in rows]),
        "rnd_c": m([r.rnd_c for r in rows]),
        "pown_j": m([r.pown_j for r in rows]),
        "rdr_j": m([r.rdr_j for r in rows]),
        "rnd_j": m([r.rnd_j for r in rows]),
        "wins_rdr": m([float(r.pown_c > r.rdr_c) for r in rows]),
        "wins_rnd": m([float(r.pown_c > r.rnd_c) for r in rows]),
        "wins_rnd_j": m([float(r.pown_j > r.rnd_j) for r in rows]),
        "leaked": sum(r.leaked for r in rows),
    }


def groups_of(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    themes = sorted({r.theme for r in rows}, key=lambda t: (-sum(1 for r in rows if r.theme == t and r.seed == rows[0].seed), t))
    return [("all", rows)] + [(t, [r for r in rows if r.theme == t]) for t in themes]


def spread(rows: list[Row]) -> dict[str, dict[str, tuple[float, float, float]]]:
    """group -> measure -> (mean, min, max) of the per-seed averages."""
    seeds = sorted({r.seed for r in rows})
    out: dict[str, dict[str, tuple[float, float, float]]] = {}
    for name, rs in groups_of(rows):
        per_seed = [averages([r for r in rs if r.seed == s]) for s in seeds]
        out[name] = {k: (statistics.fmean(a[k] for a in per_seed), min(a[k] for a in per_seed),
                         max(a[k] for a in per_seed)) for k in per_seed[0]}
    return out


ABBR = {"opening": "O", "achievements": "A", "problems": "P", "plans": "N", "closing": "C"}


def seq(s: list[str]) -> str:
    return "".join(ABBR.get(x, "?") for x in s)


def _pad(s: str, width: int) -> str:
    """Left-aligned in `width` terminal columns (CJK characters take two)."""
    extra = sum(1 for ch in s if ord(ch) > 0x2E80)
    return s + " " * max(0, width - len(s) - extra)


def print_table(rows: list[Row], out=sys.stdout) -> None:
    print(f"{'doc':<8} {'seed':>4} {'unit':<16} {'theme':<8} {'D':<6} {'draft':<6} {'edit':>4} "
          f"{'figs':>4} {'placed':>6} {'bank':>5} | {'ownC4':>5} | {'ownC4':>5} {'rdrC4':>5} {'rndC4':>5} "
          f"{'ownJ4':>5} {'rdrJ4':>5} {'rndJ4':>5} | {'leak':>4} {'chars D/draft':>13} left out", file=out)
    for r in rows:
        share = "—" if r.share is None else f"{r.share:.0%}"
        bank_share = "—" if r.bank_share is None else f"{r.bank_share:.0%}"
        print(f"{r.where:<8} {r.seed:>4} {_pad(r.unit[:8], 16)} {_pad(r.theme[:4], 8)} {seq(r.d_sections):<6} "
              f"{seq(r.draft_sections):<6} {r.edit:4.2f} {len(r.figures):>4} {share:>6} {bank_share:>5} | "
              f"{r.own_c:5.3f} | {r.pown_c:5.3f} {r.rdr_c:5.3f} {r.rnd_c:5.3f} {r.pown_j:5.3f} {r.rdr_j:5.3f} "
              f"{r.rnd_j:5.3f} | {r.leaked:>4} {r.chars_d:>6}/{r.chars_draft:<6} {','.join(r.left_out) or '—'}",
              file=out)
    print(file=out)
    print(f"{'averages':<14} {'seed':>4} {'docs':>4} {'edit':>5} {'figs':>4} {'placed':>6} {'bank':>5} | "
          f"{'ownC4':>5} | {'ownC4':>5} {'rdrC4':>5} {'win':>4} | {'rndC4':>5} {'winC':>4} {'winJ':>4} | leak",
          file=out)
    for seed in sorted({r.seed for r in rows}):
        for name, rs in groups_of([r for r in rows if r.seed == seed]):
            a = averages(rs)
            print(f"{_pad(name, 14)} {seed:>4} {a['docs']:>4} {a['edit']:5.2f} {a['figures']:4.1f} "
                  f"{a['share']:6.0%} {a['bank_share']:5.0%} | {a['own_c']:5.3f} | {a['pown_c']:5.3f} "
                  f"{a['rdr_c']:5.3f} {a['wins_rdr']:4.0%} | {a['rnd_c']:5.3f} {a['wins_rnd']:4.0%} "
                  f"{a['wins_rnd_j']:4.0%} | {a['leaked']}", file=out)


LEGEND = """\
D / draft: canonical sections, repeats collapsed (O opening, A achievements, P problems, N plans, C closing).
edit: normalised edit distance between the two sequences (0 = same); figs: catalogue figures found in D;
placed: share of them the draft writes; bank: share written by a sentence of the bank (not the template
or label fallback).  Overlap of draft bodies (titles out; own names, 某某/XX, digits masked): C4 = share
of the draft's character 4-grams found in the document, J4 = 4-gram Jaccard.
First ownC4: D's draft from the bank mined without D, vs D.
Second block, one bank per pair (D, R) mined without D and without R, both drafts from it: own = D's
draft vs D; rdr = R's draft vs D (win: share of documents with own > rdr); rnd = D's draft vs R's
report (winC / winJ: share of documents with own > rnd).  leak: phrases of those banks with a source
line inside D, R or their near-copies (must be 0)."""


def readme_table(rows: list[Row]) -> str:
    """The README's realism table: per group, the mean over seeds and the range (min–max) across seeds."""
    sp = spread(rows)
    seeds = sorted({r.seed for r in rows})

    def cell(v, fmt):
        mean, lo, hi = v
        if len(seeds) == 1:
            return format(mean, fmt)
        if fmt.endswith("%"):
            return f"{mean:.0%} ({lo * 100:.0f}–{hi * 100:.0f}%)"
        return f"{format(mean, fmt)} ({format(lo, fmt)}–{format(hi, fmt)})"

    lines = ["| documents | section sequence vs D (edit distance, 0 = same) | D's figures written by a bank sentence "
             "| overlap with D | other units' drafts vs D, against D's own draft vs D; share where D's is closer "
             "| D's draft vs a random other unit's report, against vs D; share where D is closer |",
             "|---|---|---|---|---|---|"]
    for name, rs in groups_of(rows):
        a = sp[name]
        docs = len({r.index for r in rs})
        label = f"all {docs}" if name == "all" else f"{name} ({docs})"
        lines.append(f"| {label} | {cell(a['edit'], '.2f')} | {cell(a['bank_share'], '.0%')} | {cell(a['own_c'], '.3f')} "
                     f"| {cell(a['rdr_c'], '.3f')} vs {cell(a['pown_c'], '.3f')}; {cell(a['wins_rdr'], '.0%')} "
                     f"| {cell(a['rnd_c'], '.3f')} vs {cell(a['pown_c'], '.3f')}; {cell(a['wins_rnd'], '.0%')} |")
    return "\n".join(lines)


def evaluate(corpus: str | Path = ROOT / "corpus", *, workers: int = 2, seeds=(1, 2, 3, 4, 5), randoms_k: int = 2,
             only: set[str] | None = None, leave_unit: bool = False) -> tuple[list, list[Row], float]:
    """(documents, rows, wall seconds) of a full evaluation."""
    from drafter.ingest.pipeline import ingest

    t0 = time.perf_counter()
    docs = list(ingest(corpus).documents)
    indices = [i for i, d in enumerate(docs) if not only or where_of(d) in only]
    rows = run(docs, indices, workers=workers, randoms_k=randoms_k, seeds=seeds, leave_unit=leave_unit)
    return docs, rows, time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--randoms", type=int, default=2, help="random other-unit documents per document")
    ap.add_argument("--seeds", default="1,2,3,4,5", help="comma-separated seeds (random partners and draft seed)")
    ap.add_argument("--leave-unit", action="store_true",
                    help="also leave out the other reports of D's unit (e.g. the two 县司法局 reports)")
    ap.add_argument("--only", default="", help="comma-separated documents (file prefix:line, e.g. 000:184)")
    ap.add_argument("--show", default="", help="print the drafts of these documents (000:184,…) after the table")
    ap.add_argument("--json", default="", help="write every row (with the draft text) to this file")
    args = ap.parse_args(argv)

    seeds = tuple(int(s) for s in args.seeds.split(",") if s.strip())
    only = {w.strip() for w in args.only.split(",") if w.strip()}
    docs, rows, wall = evaluate(args.corpus, workers=args.workers, seeds=seeds, randoms_k=args.randoms, only=only,
                                leave_unit=args.leave_unit)
    print(f"Leave-one-document-out realism, {len({r.index for r in rows})} of {len(docs)} documents "
          f"({args.corpus}), seeds {', '.join(map(str, seeds))}\n")
    print_table(rows)
    print()
    print(LEGEND)
    print("\nREADME table (mean over seeds, range across seeds in brackets):\n")
    print(readme_table(rows))
    print(f"\n{wall:.1f} s wall on {args.workers} worker(s)")
    show = {w.strip() for w in args.show.split(",") if w.strip()}
    for r in rows:
        if r.where in show:
            print(f"\n===== draft for {r.where} ({r.unit}), seed {r.seed}; figures {r.figures}; placed {r.placed}; "
                  f"by a bank sentence {r.by_bank}")
            print(r.draft)
            if r.notes:
                print("notes:", *r.notes, sep="\n  ")
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

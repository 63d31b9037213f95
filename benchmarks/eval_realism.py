"""Realism evaluation: leave-one-document-out drafts compared with the real reports.

    .venv/bin/python benchmarks/eval_realism.py [--corpus corpus/] [--workers 2] [--only 000:184,003:1]
                                                [--randoms 3] [--seed 7] [--show 000:184] [--json out.json]

For every document D of the corpus:

1. the bank is mined without D *and without D's near-copies* (same non-empty
   title, or character-4-gram Jaccard > 0.8 with D; e.g. 003 is a copy of one
   of the 000 compilation's reports), so nothing of D can leak into its draft;
2. D's unit profile (name, level, department, family, theme, with_plan, year)
   and the figures that appear in D become a figures file: the miner's own
   slotting (drafter.mining.slotting: the catalogue alias ending last in the
   24 characters before a number with a compatible measure word) finds which
   catalogue slots D's sentences fill and with what values.  Only slots the
   wizard would offer this unit (slot themes/families) count; the first
   occurrence wins; proposed slots are not used; values are checked with
   drafter.figures.validate_figures and dropped when they fail;
3. the draft is composed from that bank and compared with D:
   * sections: D's canonical level-1 sequence (repeats collapsed; overview /
     measures / results / basic_info count as achievements, problems_plans as
     problems + plans, signature ignored) against the draft's; `order` = D's
     sequence is a subsequence of the draft's, `cover` = share of D's sections
     the draft has, `edit` = normalised edit distance between the sequences;
   * figures: share of D's figures the draft writes (value found in the text);
   * overlap: character 4-gram containment of the draft's body in D's body
     (share of the draft's 4-grams that occur in D) and Jaccard.  Titles are
     left out, and the unit's own names, 某某/XX and digits are masked, so a
     draft earns nothing for carrying D's name or numbers.  Two controls:
     the same draft against `--randoms` random documents of *other* units
     (same theme when possible; seeded; never D's near-copies) — "rnd" — and
     the drafts of those other units (same left-out bank, their own figures)
     against D — "rdr".  own > random means the draft resembles its own
     unit's real report more than another unit's.

Prints one row per document, then the averages (all documents and per theme).
Deterministic: fixed seeds, documents in corpus order; the work is spread
over `--workers` processes (fork).
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NGRAM = 4
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
_KEEP = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
_PLACE_PREFIX = ("市", "县", "区", "镇", "乡", "街道")

# set in the parent before the workers fork (read-only afterwards)
_DOCS: list = []
_EXCLUDE: list[set[int]] = []
_RANDOMS: list[list[int]] = []
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


def grams(text: str, n: int = NGRAM) -> set[str]:
    """Character n-grams of the CJK/alphanumeric runs (punctuation and layout ignored)."""
    out: set[str] = set()
    for run in _KEEP.findall(text):
        out.update(run[i:i + n] for i in range(len(run) - n + 1))
    return out


def containment(a: set[str], b: set[str]) -> float:
    """Share of a's n-grams found in b."""
    return len(a & b) / len(a) if a else 0.0


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


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


def build_spec(doc, bank, figures: dict):
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
        "seed": 1,
    }
    for key in ("level", "department", "family"):
        if getattr(p, key):
            data[key] = getattr(p, key)
    return parse_figures_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), source=doc.source,
                              slots=bank.slots)


def draft_for(doc, bank):
    from drafter.drafting import draft_unit

    figures = doc_figures(doc, bank.slots)
    spec = build_spec(doc, bank, figures)
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


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(x in it for x in small)


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


# ---------------------------------------------------------------------------
# one document


@dataclass
class Row:
    index: int
    where: str
    unit: str
    theme: str
    left_out: list[str]
    d_sections: list[str]
    draft_sections: list[str]
    order: bool
    cover: float
    edit: float
    figures: dict
    placed: list[str]
    share: float | None
    own_c: float
    rand_c: float
    rdraft_c: float
    own_j: float
    rand_j: float
    rdraft_j: float
    pown_c: float
    pown_j: float
    chars_d: int
    chars_draft: int
    bank_size: int
    seconds: float
    notes: list[str] = field(default_factory=list)
    draft: str = ""


def where_of(doc) -> str:
    return f"{doc.source[:3]}:{doc.start_line}"


def evaluate_one(i: int, docs=None, exclude=None, randoms=None, texts=None) -> Row:
    from drafter.mining import mine

    docs = docs if docs is not None else _DOCS
    exclude = exclude if exclude is not None else _EXCLUDE
    randoms = randoms if randoms is not None else _RANDOMS
    texts = texts if texts is not None else _TEXTS
    t0 = time.perf_counter()
    d = docs[i]
    keep = [e for j, e in enumerate(docs) if j not in exclude[i]]
    bank = mine(keep)
    draft, figures = draft_for(d, bank)
    dt = draft_text(draft)
    names_d = names_of(d) | {draft.unit}
    g_draft = grams(masked(draft_text(draft, title=False), names_d))
    g_d = grams(masked(doc_text(d, title=False), names_d))
    rand_c, rand_j, rd_c, rd_j, pown_c, pown_j = [], [], [], [], [], []
    for j in randoms[i]:
        # rdr: R's draft from the same bank (D left out) against D
        other, _ = draft_for(docs[j], bank)
        names_r = names_of(docs[j]) | {other.unit}
        g_o = grams(masked(draft_text(other, title=False), names_r))
        rd_c.append(containment(g_o, g_d))
        rd_j.append(jaccard(g_o, g_d))
        # rnd: D's draft against R needs a bank without R too (R's sentences would leak into it)
        bank2 = mine([e for k, e in enumerate(docs) if k not in exclude[i] and k not in exclude[j]])
        draft2, _ = draft_for(d, bank2)
        g2 = grams(masked(draft_text(draft2, title=False), names_d))
        g_r = grams(masked(doc_text(docs[j], title=False), names_r))
        pown_c.append(containment(g2, g_d))
        pown_j.append(jaccard(g2, g_d))
        rand_c.append(containment(g2, g_r))
        rand_j.append(jaccard(g2, g_r))
    ds, qs = doc_sections(d), draft_sections(draft)
    got = placed(draft, figures)
    mean = lambda xs: statistics.fmean(xs) if xs else 0.0  # noqa: E731
    return Row(
        index=i, where=where_of(d), unit=draft.unit, theme=d.profile.theme or "",
        left_out=[where_of(docs[j]) for j in sorted(exclude[i]) if j != i],
        d_sections=ds, draft_sections=qs, order=is_subsequence(ds, qs),
        cover=sum(1 for s in set(ds) if s in qs) / len(set(ds)) if ds else 1.0,
        edit=edit_distance(ds, qs),
        figures={k: v for k, v in figures.items()}, placed=got,
        share=len(got) / len(figures) if figures else None,
        own_c=containment(g_draft, g_d), rand_c=mean(rand_c), rdraft_c=mean(rd_c),
        own_j=jaccard(g_draft, g_d), rand_j=mean(rand_j), rdraft_j=mean(rd_j),
        pown_c=mean(pown_c), pown_j=mean(pown_j),
        chars_d=len(texts[i]), chars_draft=len(dt), bank_size=len(bank),
        seconds=time.perf_counter() - t0, notes=list(draft.notes), draft=dt,
    )


# ---------------------------------------------------------------------------
# driver


def prepare(docs, randoms_k: int = 2, seed: int = 7, leave_unit: bool = False):
    """(texts, exclude sets, random partners) for a list of Documents."""
    texts = [doc_text(d) for d in docs]
    exclude = near_copies(docs, texts)
    if leave_unit:
        keys = [unit_key(d, i) for i, d in enumerate(docs)]
        exclude = [e | {j for j in range(len(docs)) if keys[j] == keys[i]} for i, e in enumerate(exclude)]
    randoms = random_partners(docs, exclude, randoms_k, seed)
    return texts, exclude, randoms


def _init(docs, exclude, randoms, texts):
    global _DOCS, _EXCLUDE, _RANDOMS, _TEXTS
    _DOCS, _EXCLUDE, _RANDOMS, _TEXTS = docs, exclude, randoms, texts


def run(docs, indices, *, workers: int = 2, randoms_k: int = 2, seed: int = 7, leave_unit: bool = False) -> list[Row]:
    texts, exclude, randoms = prepare(docs, randoms_k, seed, leave_unit)
    _init(docs, exclude, randoms, texts)
    if workers <= 1 or len(indices) <= 1:
        return [evaluate_one(i) for i in indices]
    ctx = mp.get_context("fork")
    # biggest documents first keeps both workers busy to the end
    order = sorted(indices, key=lambda i: -len(texts[i]))
    with ctx.Pool(workers) as pool:
        rows = pool.map(evaluate_one, order, chunksize=1)
    return sorted(rows, key=lambda r: r.index)


def averages(rows: list[Row]) -> dict:
    def m(xs):
        xs = [x for x in xs if x is not None]
        return statistics.fmean(xs) if xs else float("nan")

    return {
        "docs": len(rows),
        "order": m([float(r.order) for r in rows]),
        "cover": m([r.cover for r in rows]),
        "edit": m([r.edit for r in rows]),
        "figures": m([len(r.figures) for r in rows]),
        "share": m([r.share for r in rows]),
        "own_c": m([r.own_c for r in rows]),
        "rdraft_c": m([r.rdraft_c for r in rows]),
        "own_j": m([r.own_j for r in rows]),
        "rdraft_j": m([r.rdraft_j for r in rows]),
        "pown_c": m([r.pown_c for r in rows]),
        "rand_c": m([r.rand_c for r in rows]),
        "pown_j": m([r.pown_j for r in rows]),
        "rand_j": m([r.rand_j for r in rows]),
        "wins_rdr": m([float(r.own_c > r.rdraft_c) for r in rows]),
        "wins_rnd": m([float(r.pown_c > r.rand_c) for r in rows]),
        "wins_rnd_j": m([float(r.pown_j > r.rand_j) for r in rows]),
    }


ABBR = {"opening": "O", "achievements": "A", "problems": "P", "plans": "N", "closing": "C"}


def seq(s: list[str]) -> str:
    return "".join(ABBR.get(x, "?") for x in s)


def _pad(s: str, width: int) -> str:
    """Left-aligned in `width` terminal columns (CJK characters take two)."""
    extra = sum(1 for ch in s if ord(ch) > 0x2E80)
    return s + " " * max(0, width - len(s) - extra)


def print_table(rows: list[Row], out=sys.stdout) -> None:
    print(f"{'doc':<8} {'unit':<16} {'theme':<8} {'D':<5} {'draft':<5} {'ord':>3} {'cov':>4} {'edit':>4} "
          f"{'figs':>4} {'placed':>6} | {'ownC4':>5} {'rdrC4':>5} {'ownJ4':>5} {'rdrJ4':>5} | "
          f"{'ownC4':>5} {'rndC4':>5} {'ownJ4':>5} {'rndJ4':>5} | {'chars D/draft':>13} left out", file=out)
    for r in rows:
        share = "—" if r.share is None else f"{r.share:.0%}"
        print(f"{r.where:<8} {_pad(r.unit[:8], 16)} {_pad(r.theme[:4], 8)} {seq(r.d_sections):<5} "
              f"{seq(r.draft_sections):<5} {'yes' if r.order else 'no':>3} {r.cover:4.2f} {r.edit:4.2f} "
              f"{len(r.figures):>4} {share:>6} | {r.own_c:5.3f} {r.rdraft_c:5.3f} {r.own_j:5.3f} {r.rdraft_j:5.3f} | "
              f"{r.pown_c:5.3f} {r.rand_c:5.3f} {r.pown_j:5.3f} {r.rand_j:5.3f} | {r.chars_d:>6}/{r.chars_draft:<6} "
              f"{','.join(r.left_out) or '—'}", file=out)
    print(file=out)
    groups = [("all", rows)] + [(t, [r for r in rows if r.theme == t]) for t in sorted({r.theme for r in rows})]
    print(f"{'averages':<14} {'docs':>4} {'order':>5} {'cover':>5} {'edit':>5} {'figs':>4} {'placed':>6} | "
          f"{'ownC4':>5} {'rdrC4':>5} {'ownJ4':>5} {'rdrJ4':>5} {'win':>4} | "
          f"{'ownC4':>5} {'rndC4':>5} {'ownJ4':>5} {'rndJ4':>5} {'winC':>4} {'winJ':>4}", file=out)
    for name, rs in groups:
        if not rs:
            continue
        a = averages(rs)
        print(f"{_pad(name, 14)} {a['docs']:>4} {a['order']:5.0%} {a['cover']:5.2f} {a['edit']:5.2f} "
              f"{a['figures']:4.1f} {a['share']:6.0%} | {a['own_c']:5.3f} {a['rdraft_c']:5.3f} {a['own_j']:5.3f} "
              f"{a['rdraft_j']:5.3f} {a['wins_rdr']:4.0%} | {a['pown_c']:5.3f} {a['rand_c']:5.3f} {a['pown_j']:5.3f} "
              f"{a['rand_j']:5.3f} {a['wins_rnd']:4.0%} {a['wins_rnd_j']:4.0%}", file=out)


LEGEND = """\
D / draft: canonical sections, repeats collapsed (O opening, A achievements, P problems, N plans, C closing).
ord: D's sections appear in the draft in the same order; cov: share of D's sections the draft has;
edit: normalised edit distance between the sequences; figs: catalogue figures found in D; placed:
share of them the draft writes.  Overlap of draft bodies (titles out; own names, 某某/XX, digits masked):
C4 = share of the draft's character 4-grams found in the document, J4 = 4-gram Jaccard.
First block (bank mined without D): own = D's draft vs D; rdr = drafts of the random other units
(same bank) vs D; win = share of documents with ownC4 > rdrC4.
Second block (bank mined without D and without the random unit R, one bank per pair): own = D's
draft vs D; rnd = the same draft vs R; winC / winJ = share of documents with own > rnd."""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--randoms", type=int, default=2, help="random other-unit documents per document")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--leave-unit", action="store_true",
                    help="also leave out the other reports of D's unit (e.g. the two 县司法局 reports)")
    ap.add_argument("--only", default="", help="comma-separated documents (file prefix:line, e.g. 000:184)")
    ap.add_argument("--show", default="", help="print the drafts of these documents (000:184,…) after the table")
    ap.add_argument("--json", default="", help="write every row (with the draft text) to this file")
    args = ap.parse_args(argv)

    from drafter.ingest.pipeline import ingest

    t0 = time.perf_counter()
    docs = list(ingest(args.corpus).documents)
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    indices = [i for i, d in enumerate(docs) if not wanted or where_of(d) in wanted]
    rows = run(docs, indices, workers=args.workers, randoms_k=args.randoms, seed=args.seed,
               leave_unit=args.leave_unit)
    wall = time.perf_counter() - t0
    print(f"Leave-one-document-out realism, {len(rows)} of {len(docs)} documents ({args.corpus})\n")
    print_table(rows)
    print()
    print(LEGEND)
    print(f"\n{wall:.1f} s wall on {args.workers} worker(s); per document {statistics.fmean(r.seconds for r in rows):.1f} s "
          f"(1 + {args.randoms} banks mined, 1 + 2 × {args.randoms} drafts)")
    show = {w.strip() for w in args.show.split(",") if w.strip()}
    for r in rows:
        if r.where in show:
            print(f"\n===== draft for {r.where} ({r.unit}); figures {r.figures}; placed {r.placed}")
            print(r.draft)
            if r.notes:
                print("notes:", *r.notes, sep="\n  ")
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

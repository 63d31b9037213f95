"""Realism of annual reports (年度综合), leave one document out.

    .venv/bin/python benchmarks/eval_annual.py [--corpus corpus/] [--seed 1] [--show 000:64]

For each annual document D of the corpus:

1. the bank is mined without D and its near-copies (as eval_realism.py does);
2. D's unit is drafted from D's *own* lines of work — the sub-headings of its
   achievements part (a heading over 30 characters cut at its first comma;
   党建 and 队伍/作风 headings left out, the draft writes those parts itself) as
   `work:` titles — and from the figures found in D (eval_realism.doc_figures);
3. the draft is compared with D: the section sequence (edit distance, 0 = same),
   the share of D's lines of work the draft gives a sub-heading of their own,
   the lengths, and the overlap (share of the draft's character 4-grams found in
   D; names, 某某/XX and digits masked) against the mean overlap of the same
   draft with the other annual documents (the draft should be closer to D).

Prints one row per document and the means. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import ROOT, containment, grams  # noqa: E402
from eval_realism import (  # noqa: E402
    build_spec,
    doc_figures,
    doc_sections,
    doc_text,
    draft_sections,
    draft_text,
    edit_distance,
    masked,
    names_of,
    near_copies,
    where_of,
)

MAX_TITLE = 30
SKIP = re.compile(r"党建|党的建设|党风|廉政|主题教育|理论学习|队伍|作风")


def work_titles(doc) -> list[str]:
    """D's lines of work: the sub-headings of its achievements part (else its
    level-1 achievements headings), 党建 and 队伍 ones left out."""
    subs = [c.heading for s in doc.sections if s.canonical in ("achievements", "measures", "results")
            for c in s.children if c.heading]
    if not subs:
        subs = [s.heading for s in doc.sections if s.canonical in ("achievements", "measures", "results")
                and s.heading]
    out = []
    for h in subs:
        h = h.strip().rstrip("。；;，,：:")
        if len(h) > MAX_TITLE:
            h = re.split(r"[，,；;]", h)[0][:MAX_TITLE]
        if h and not SKIP.search(h) and h not in out:
            out.append(h)
    return out


def draft_for(doc, bank, seed: int):
    from drafter.drafting import draft_unit

    figures = doc_figures(doc, bank.slots)
    spec = build_spec(doc, bank, figures, seed)
    titles = work_titles(doc)
    spec = spec.model_copy(update={"theme": "年度综合", "work": [_item(t) for t in titles]})
    return draft_unit(spec, bank=bank, today=_dt.date(2000, 1, 1)), titles, figures


def _item(title: str):
    from drafter.figures.schema import WorkItem

    return WorkItem(title=title)


def covered(draft, titles: list[str]) -> int:
    heads = [b.text for b in draft.blocks if b.kind == "heading" and b.level == 2 and b.section == "achievements"]
    return sum(1 for t in titles if any(t in h for h in heads))


def evaluate(corpus=None, seed: int = 1, show=(), out=print) -> dict:
    """Draft each annual document of the corpus from its own lines of work and
    figures with a bank mined without it; print a row per document (through
    `out`) and return the means: sections (edit distance), covered (share of
    lines of work with a sub-section of their own), own / others (4-gram
    overlap with D / with the other annual reports), closer (share of
    documents whose draft is closer to D), chars_d / chars_draft, n, seconds."""
    from drafter.ingest.pipeline import ingest
    from drafter.mining import mine

    corpus = corpus or str(ROOT / "corpus")
    t0 = time.perf_counter()
    docs = list(ingest(corpus).documents)
    texts = [doc_text(d) for d in docs]
    exclude = near_copies(docs, texts)
    annual = [i for i, d in enumerate(docs) if (d.profile.theme or "") == "年度综合"]
    out(f"Annual reports, leave one document out: {len(annual)} of {len(docs)} documents ({corpus}), seed {seed}\n")
    out(f"{'doc':<8} {'unit':<16} {'sections':>8} {'lines':>7} {'chars D/draft':>14} {'own':>6} {'others':>6}")
    rows = []
    for i in annual:
        d = docs[i]
        bank = mine([e for j, e in enumerate(docs) if j not in exclude[i]]).bank
        draft, titles, figures = draft_for(d, bank, seed)
        names = names_of(d) | {draft.unit}
        g_draft = grams(masked(draft_text(draft, title=False), names))
        own = containment(g_draft, grams(masked(doc_text(d, title=False), names)))
        others = [containment(g_draft, grams(masked(doc_text(docs[j], title=False), names | names_of(docs[j]))))
                  for j in annual if j not in exclude[i]]
        other = statistics.fmean(others) if others else 0.0
        edit = edit_distance(doc_sections(d), draft_sections(draft))
        cov = covered(draft, titles)
        n_d, n_draft = len(re.sub(r"\s", "", texts[i])), len(re.sub(r"\s", "", draft_text(draft)))
        rows.append((edit, cov / len(titles) if titles else None, own, other, n_d, n_draft))
        out(f"{where_of(d):<8} {draft.unit[:16]:<16} {edit:>8.2f} {f'{cov}/{len(titles)}':>7} {n_d:>6}/{n_draft:<7} "
            f"{own:>6.3f} {other:>6.3f}")
        if where_of(d) in show:
            out(f"\n===== {where_of(d)}: lines {titles}; figures {figures}\n{draft.text()}\n")
    if not rows:
        return {"n": 0, "seconds": time.perf_counter() - t0}
    mean = lambda k: statistics.fmean(r[k] for r in rows if r[k] is not None)  # noqa: E731
    return {"n": len(rows), "sections": mean(0), "covered": mean(1), "own": mean(2), "others": mean(3),
            "chars_d": mean(4), "chars_draft": mean(5), "closer": sum(1 for r in rows if r[2] > r[3]) / len(rows),
            "seconds": time.perf_counter() - t0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", default="", help="print the drafts of these documents (000:64,…)")
    args = ap.parse_args(argv)
    show = {w.strip() for w in args.show.split(",") if w.strip()}
    r = evaluate(args.corpus, args.seed, show)
    if r["n"]:
        print(f"\nmean: sections {r['sections']:.2f}, lines of work covered {r['covered']:.0%}, chars "
              f"{r['chars_d']:.0f} (D) / {r['chars_draft']:.0f} (draft), overlap with D {r['own']:.3f} vs with the "
              f"other annual reports {r['others']:.3f}; the draft is closer to D for {r['closer']:.0%} of the documents")
    print(f"{r['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

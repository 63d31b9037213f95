"""Phrasing variety of the example bulk: how many sentences a draft shares with
the other drafts of its kind.

    python benchmarks/bench_variety.py [--bulk examples/units.yaml] [--bank phrasebank/]

For each report kind (政务公开 / 年度综合 / 乡村振兴·帮扶), every draft of the bulk
file is split into sentences (at 。；！？ and line ends); the figure-free ones of
15 characters or more (no digit, the unit's name masked) are counted, and the
printed share is of those that also occur in another draft of the same kind.
Target (issue 11): at most 25% (a real compilation of 9 reports: 0%).
Also prints the length of each annual draft (characters, spaces excluded) and
its number of achievements sub-sections. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BULK, SHIPPED_BANK  # noqa: E402

MIN_CHARS = 15
SPLIT = re.compile(r"[。；！？!?\n]")


def sentences(text: str, unit: str) -> set[str]:
    """The figure-free sentences of 15+ characters of a draft (unit name masked)."""
    text = text.replace(unit, "■")
    out = set()
    for s in SPLIT.split(text):
        s = re.sub(r"^[一二三四五六七八九十]+是", "", s.strip())
        if len(s) >= MIN_CHARS and not re.search(r"\d", s):
            out.add(s)
    return out


def measure(bulk_path=None, bank_path=None, out=print) -> dict:
    """Per kind: drafts, sentences, shared (count) and share; for the annual drafts
    their lengths (characters, spaces excluded) and sub-section counts, split by
    whether the unit gave `work:`."""
    from drafter.bank import PhraseBank
    from drafter.drafting import draft_unit
    from drafter.drafting.document import HEADING
    from drafter.figures import load_bulk

    bank = PhraseBank.load(bank_path or str(SHIPPED_BANK))
    bulk = load_bulk(bulk_path or str(BULK), slots=bank.slots)
    by_kind: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    annual: list[tuple[bool, int, int]] = []
    out(f"{'unit':<28} {'kind':<10} chars  sub-sections")
    for u in bulk.valid:
        draft = draft_unit(u, bank=bank)
        text = draft.text()
        by_kind[draft.theme].append((u.unit, sentences(text, u.unit)))
        if draft.theme == "年度综合":
            subs = sum(1 for b in draft.blocks if b.kind == HEADING and b.level == 2 and b.section == "achievements")
            has_work = bool(getattr(u, "work", None))
            chars = len(re.sub(r"\s", "", text))
            annual.append((has_work, chars, subs))
            out(f"{u.unit:<28} {'work' if has_work else 'profile':<10} {chars:>5}  {subs}")
    kinds = {}
    for kind, drafts in sorted(by_kind.items()):
        total = shared = 0
        for i, (_, sents) in enumerate(drafts):
            others = set().union(*(s for j, (_, s) in enumerate(drafts) if j != i)) if len(drafts) > 1 else set()
            total += len(sents)
            shared += len(sents & others)
        kinds[kind] = {"drafts": len(drafts), "sentences": total, "shared": shared,
                       "share": shared / total if total else 0.0}
    return {"kinds": kinds, "annual": annual}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bulk", default=str(BULK))
    ap.add_argument("--bank", default=str(SHIPPED_BANK))
    args = ap.parse_args(argv)
    r = measure(args.bulk, args.bank)
    print()
    print(f"{'kind':<14} drafts  sentences  shared with another draft of the kind")
    for kind, k in r["kinds"].items():
        print(f"{kind:<14} {k['drafts']:>6}  {k['sentences']:>9}  {k['shared']:>5} ({k['share']:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

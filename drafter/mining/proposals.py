"""Slots proposed by the miner: group synonyms and map them onto the catalogue.

A proposal (name from the words before a figure + its measure word) is
mapped to a catalogue slot when its name and context are similar enough to
the slot's name and aliases (TF-IDF char n-grams, cosine, scikit-learn) and
the measure words are compatible; proposals similar to each other become
one proposed slot, named after the most frequent member.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from drafter.slots import Slot
from drafter.mining.slotting import Proposal, compatible


def resolve(proposals: list[tuple[Proposal, str]], catalogue: list[Slot], threshold: float) -> tuple[dict[str, str], list[Slot]]:
    """proposals: (proposal, evidence "file:line") pairs.

    Returns (rename map proposal name -> final slot name, proposed Slot list)."""
    if not proposals:
        return {}, []
    from sklearn.feature_extraction.text import TfidfVectorizer

    names = sorted({p.name for p, _ in proposals})
    by_name: dict[str, list[tuple[Proposal, str]]] = defaultdict(list)
    for p, ev in proposals:
        by_name[p.name].append((p, ev))
    cat = [s for s in catalogue if not s.context]
    cat_docs = [" ".join((s.name,) + tuple(s.aliases)) for s in cat]
    prop_docs = [n + " " + " ".join(sorted({p.context for p, _ in by_name[n]})) for n in names]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), lowercase=False).fit(cat_docs + prop_docs)
    pc = vec.transform(prop_docs)
    sim_cat = (pc @ vec.transform(cat_docs).T).toarray()
    rename: dict[str, str] = {}
    rest = []
    for i, n in enumerate(names):
        unit = by_name[n][0][0].unit
        best = None
        for j, s in enumerate(cat):
            if sim_cat[i, j] >= threshold and (compatible(s.unit, unit) or (s.type == "percent" and unit == "%")):
                if best is None or sim_cat[i, j] > best[0]:
                    best = (sim_cat[i, j], s.name)
        if best:
            rename[n] = best[1]
        else:
            rest.append(i)
    # group the remaining proposals among themselves (same measure word)
    sim = (pc @ pc.T).toarray()
    groups: list[list[int]] = []
    for i in rest:
        unit = by_name[names[i]][0][0].unit
        for g in groups:
            lead = g[0]
            if by_name[names[lead]][0][0].unit == unit and sim[i, lead] >= threshold:
                g.append(i)
                break
        else:
            groups.append([i])
    slots: list[Slot] = []
    for g in groups:
        counts = Counter({names[i]: len(by_name[names[i]]) for i in g})
        final = sorted(counts, key=lambda n: (-counts[n], len(n), n))[0]
        evidence = sorted({ev for i in g for _, ev in by_name[names[i]]})
        first = by_name[final][0][0]
        for i in g:
            rename[names[i]] = final
        label = f"{final}（{first.unit}）"
        slots.append(Slot(name=final, label=label, unit="%" if first.unit == "%" else first.unit, type=first.type,
                          min=0, aliases=tuple(sorted(names[i] for i in g if names[i] != final)), proposed=True,
                          evidence=tuple(evidence[:5]), group="挖掘建议", order=9000))
    return rename, sorted(slots, key=lambda s: s.name)

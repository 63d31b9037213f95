"""Canonical section of every level-1 section (rules and order in drafter/data/sections.yaml).

1. keyword rules on the heading text (first match wins), confidence 1.0;
2. where no rule matches, the shipped classifier (ingest.classifier: a table fitted offline
   with scikit-learn on the rule-labelled headings and paragraphs of corpus/ plus the
   examples of sections.yaml, applied in pure Python); its probability is kept as the
   confidence;
3. order: opening → basic_info → overview → achievements/measures/results → problems →
   problems_plans → plans → closing → signature is strict, so a label that would go
   back is replaced (rule "position"); a heading the classifier is unsure about takes
   the label its position implies.
"""

from __future__ import annotations

from drafter.datafiles import read_table

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.ingest.structure import heading_rule_label, iter_paragraphs
from drafter.models import (ACHIEVEMENTS, CLOSING, OPENING, OVERVIEW, PLANS, PROBLEMS_PLANS, SIGNATURE, Document,
                            Section)
from drafter.paths import data_file

_TAIL = {CLOSING, SIGNATURE, OPENING}


@dataclass(frozen=True)
class SectionSettings:
    order: dict[str, int]
    examples: tuple[tuple[str, str], ...]
    ngram_min: int
    ngram_max: int
    min_confidence: float
    min_confidence_jump: float
    paragraph_chars: int
    plan_only_title: re.Pattern


@lru_cache(maxsize=1)
def load_settings() -> SectionSettings:

    raw = read_table(data_file("sections.yaml"))
    examples = []
    for rule in raw.get("heading_rules") or []:
        for ex in rule.get("examples") or []:
            examples.append((str(ex), rule["label"]))
    for rule in raw.get("paragraph_rules") or []:
        for ex in rule.get("examples") or []:
            examples.append((str(ex), rule["label"]))
    for label, exs in (raw.get("training_examples") or {}).items():
        for ex in exs or []:
            examples.append((str(ex), label))
    clf = raw.get("classifier") or {}
    return SectionSettings(
        order={str(k): int(v) for k, v in (raw.get("order") or {}).items()},
        examples=tuple(examples),
        ngram_min=int(clf.get("ngram_min", 1)),
        ngram_max=int(clf.get("ngram_max", 3)),
        min_confidence=float(clf.get("min_confidence", 0.55)),
        min_confidence_jump=float(clf.get("min_confidence_jump", 0.8)),
        paragraph_chars=int(clf.get("paragraph_chars", 200)),
        plan_only_title=re.compile(raw.get("plan_only_title") or r"^$^"),
    )


def _plan_only_title(title: str) -> bool:
    """A title of a plan (「2024年工作要点」), not of a summary: its first section may be plans."""
    return bool(title) and load_settings().plan_only_title.search(title) is not None


def section_text(sec: Section, chars: int) -> str:
    """Classifier input: the heading; for a section without one, sub-headings and body start."""
    if sec.heading:
        return sec.heading
    parts = [c.heading for c in sec.children if c.heading]
    body = "".join(p.text for _, p in iter_paragraphs([sec]))
    parts.append(body[:chars])
    return " ".join(p for p in parts if p)


def _rule_pass(doc: Document) -> None:
    for sec in doc.sections:
        if sec.canonical is not None:
            continue
        if sec.heading:
            label = heading_rule_label(sec.heading)
            if label is not None:
                sec.canonical, sec.confidence, sec.rule = label, 1.0, "keyword"


def training_samples(docs: list[Document]) -> list[tuple[str, str]]:
    """What the classifier is fitted on (drafter/data/gen_section_classifier.py): the examples of
    sections.yaml, then the keyword-labelled headings and paragraphs of docs (not yet labelled)."""
    s = load_settings()
    for doc in docs:
        _rule_pass(doc)
    samples = list(s.examples)
    for doc in docs:
        for sec in doc.sections:
            if sec.rule != "keyword" or sec.canonical in (None, SIGNATURE):
                continue
            if sec.heading and not sec.excluded:
                samples.append((sec.heading, sec.canonical))
            for _, p in iter_paragraphs([sec]):
                if not p.excluded:
                    samples.append((p.text[: s.paragraph_chars], sec.canonical))
    return samples


def _position_label(prev_max: str | None, order: dict[str, int] | None = None) -> str:
    """The label a section without a usable rule or prediction takes from its position."""
    order = order or load_settings().order
    if prev_max is None or order.get(prev_max, 0) <= order.get(ACHIEVEMENTS, 3):
        return ACHIEVEMENTS            # before any problems/plans part: this year's work
    if prev_max == PROBLEMS_PLANS:
        return PLANS
    return prev_max


def label_documents(docs: list[Document]) -> None:
    """Set canonical/confidence/rule on every level-1 section of the documents, in place."""
    s = load_settings()
    for doc in docs:
        _rule_pass(doc)
    todo = [(doc, sec) for doc in docs for sec in doc.sections if sec.canonical is None]
    predictions: dict[int, dict[str, float]] = {}
    if todo:
        from drafter.ingest.classifier import load

        texts = [section_text(sec, s.paragraph_chars) for _, sec in todo]
        for (_, sec), probs in zip(todo, load().predict(texts)):
            predictions[id(sec)] = probs
    for doc in docs:
        _order_pass(doc, predictions, s)


def _order_pass(doc: Document, predictions: dict[int, dict[str, float]], s: SectionSettings) -> None:
    rank = s.order
    ach = rank.get(ACHIEVEMENTS, 3)
    body = [sec for sec in doc.sections if sec.canonical not in _TAIL]
    # a later keyword label bounds what may come before it (order is strict both ways)
    ceiling: list[int] = []
    bound = max(rank.values(), default=99)
    for sec in reversed(body):
        ceiling.append(bound)
        if sec.rule == "keyword" and sec.canonical is not None:
            bound = min(bound, rank.get(sec.canonical, bound))
    ceiling.reverse()
    prev_max: str | None = None
    work_first = not _plan_only_title(doc.title)
    for sec, top in zip(body, ceiling):
        floor = rank.get(prev_max, -1) if prev_max else -1
        if work_first and (prev_max is None or rank.get(prev_max, 0) < rank.get(OVERVIEW, 2)):
            # a summary opens with the year's work: before any achievements-like section,
            # a guess may not go past achievements (a keyword rule still may)
            top = min(top, ach)
        probs = predictions.get(id(sec))
        if sec.canonical is None:
            if probs:
                allowed = {lab: p for lab, p in probs.items()
                           if floor <= rank.get(lab, 0) <= top and lab not in _TAIL}
                best = max(sorted(allowed), key=lambda lab: allowed[lab]) if allowed else None
                # leaving the achievements part on a guess needs more confidence
                need = s.min_confidence_jump if best and floor <= ach < rank.get(best, 0) else s.min_confidence
                if best is not None and allowed[best] >= need:
                    sec.canonical, sec.confidence, sec.rule = best, round(allowed[best], 3), "classifier"
                else:
                    label = _position_label(prev_max)
                    sec.canonical, sec.rule = label, "position"
                    sec.confidence = round(probs.get(label, 0.0), 3)
            else:
                sec.canonical, sec.confidence, sec.rule = _position_label(prev_max), 0.5, "position"
        elif rank.get(sec.canonical, 0) < floor:
            sec.canonical, sec.rule = _position_label(prev_max), "position"
            sec.confidence = 0.5
        if prev_max is None or rank.get(sec.canonical, 0) >= rank.get(prev_max, 0):
            prev_max = sec.canonical

"""Walk Document trees and list the raw text units a phrase can come from.

Each unit is a sub-section heading, a sentence/clause of a paragraph, or (for
openings) a whole short opening paragraph, with where it was found.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.mining.sentences import split_items, split_sentences
from drafter.models import Document, Section
from drafter.numbering import strip_enumerator

OPENING_PARAGRAPH_MAX = 260
SHORT_LEAD_MAX = 16


@dataclass
class Raw:
    text: str                      # enumerator stripped, otherwise as in the source
    kind: str                      # heading | sentence | paragraph
    section: str                   # canonical section of the level-1 section
    doc: int                       # index of the document in the mined list
    source: str                    # file name
    line: int
    context: str | None = None     # enclosing sub-section heading
    last: bool = False             # last sentence of its level-1 section
    lead: bool = False             # short first sentence of an enumerated item (heading-like)
    first: bool = False            # first sentence of its paragraph


def _paragraph_units(text: str, *, section: str, doc: int, source: str, line: int, context: str | None) -> list[Raw]:
    out: list[Raw] = []
    items = split_items(text)
    for k, item in enumerate(items):
        enumerated = len(items) > 1 and k > 0 or strip_enumerator(item) != item.strip()
        sents = split_sentences(item)
        for j, s in enumerate(sents):
            t = strip_enumerator(s)
            if not t:
                continue
            lead = (j == 0 and enumerated and len(t.rstrip("。；;：:")) <= SHORT_LEAD_MAX
                    and "，" not in t and len(sents) > 1)
            out.append(Raw(t, "sentence", section, doc, source, line, context, lead=lead, first=(k == 0 and j == 0)))
    return out


def _walk(sec: Section, canonical: str, doc: int, source: str, context: str | None, out: list[Raw], excluded: list):
    for p in sec.paragraphs:
        if p.excluded:
            excluded.append((source, p.line, p.excluded))
            continue
        if canonical == "opening" and len(p.text) <= OPENING_PARAGRAPH_MAX:
            out.append(Raw(p.text.strip(), "paragraph", canonical, doc, source, p.line, context, first=True))
        out.extend(_paragraph_units(p.text, section=canonical, doc=doc, source=source, line=p.line, context=context))
    for ch in sec.children:
        if ch.heading:
            out.append(Raw(strip_enumerator(ch.heading), "heading", canonical, doc, source, ch.line, ch.heading))
        _walk(ch, canonical, doc, source, ch.heading or context, out, excluded)


def extract(documents: list[Document]) -> tuple[list[Raw], list[tuple[str, int, str]]]:
    """(units, excluded paragraphs as (source, line, reason))."""
    out: list[Raw] = []
    excluded: list[tuple[str, int, str]] = []
    for i, d in enumerate(documents):
        for sec in d.sections:
            canonical = sec.canonical or "achievements"
            if canonical == "signature":
                continue
            start = len(out)
            _walk(sec, canonical, i, d.source, None, out, excluded)
            sents = [r for r in out[start:] if r.kind == "sentence"]
            if sents:
                sents[-1].last = True
    return out, excluded

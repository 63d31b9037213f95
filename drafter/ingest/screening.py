"""Is it a 工作总结? (criteria in cleaning.yaml, report_check)

A user's folder of saved reports also holds other files: a sources list of URLs,
a README, the 「相关文档」 titles of a web page. A document is a report when it has
some prose and either a report title or the parts of a report (this year's work,
problems, plans, an opening that ends 「现将……总结如下」). Documents that are not
are skipped with a warning naming them, so that they are never mined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.datafiles import read_table
from drafter.ingest.splitting import is_title_line
from drafter.ingest.structure import heading_rule_label, iter_paragraphs
from drafter.models import OPENING, SIGNATURE, Document, Section
from drafter.paths import data_file

_SENTENCE = re.compile(r"[。；！？!?]")


@dataclass(frozen=True)
class ReportCheck:
    min_prose_chars: int
    min_prose_chars_titled: int
    min_sentence_chars: int
    min_section_cues: int
    opening_cue: re.Pattern


@lru_cache(maxsize=1)
def load_settings() -> ReportCheck:
    raw = (read_table(data_file("cleaning.yaml")) or {}).get("report_check") or {}
    return ReportCheck(
        min_prose_chars=int(raw.get("min_prose_chars", 100)),
        min_prose_chars_titled=int(raw.get("min_prose_chars_titled", 8)),
        min_sentence_chars=int(raw.get("min_sentence_chars", 8)),
        min_section_cues=int(raw.get("min_section_cues", 2)),
        opening_cue=re.compile(raw.get("opening_cue", r"总结如下")),
    )


def prose_chars(doc: Document, s: ReportCheck | None = None) -> int:
    """Characters of the document's sentence lines (paragraphs with sentence punctuation)."""
    s = s or load_settings()
    return sum(len(p.text) for _, p in iter_paragraphs(doc.sections)
               if len(p.text) >= s.min_sentence_chars and _SENTENCE.search(p.text))


def _has_text(sec: Section) -> bool:
    return any(len(p.text) >= 10 for _, p in iter_paragraphs([sec]))


def section_cues(doc: Document, s: ReportCheck | None = None) -> set[str]:
    """Report parts found: canonical labels of headed top-level sections with text under them,
    lifted unheaded parts (problems, closing …), and "opening" for 「现将……总结如下」."""
    s = s or load_settings()
    cues: set[str] = set()
    for sec in doc.sections:
        if sec.canonical == OPENING:
            if any(s.opening_cue.search(p.text) for _, p in iter_paragraphs([sec])):
                cues.add(OPENING)
            continue
        if sec.canonical == SIGNATURE:
            continue
        label = heading_rule_label(sec.heading) if sec.heading else sec.canonical
        if label is not None and _has_text(sec):
            cues.add(label)
    return cues


def not_a_report(doc: Document) -> str | None:
    """None when the document looks like a 工作总结, else why not (Chinese, for the user)."""
    s = load_settings()
    prose = prose_chars(doc, s)
    if doc.title and not doc.title_inferred and is_title_line(doc.title):
        return None if prose >= s.min_prose_chars_titled else "只有标题，没有成段的正文"
    if prose < s.min_prose_chars:
        return "没有成段的正文"
    if len(section_cues(doc, s)) >= s.min_section_cues:
        return None
    return "没有“……工作总结”一类的标题，也没有“工作开展情况”“存在问题”“下一步打算”一类的章节"


def describe(doc: Document) -> str:
    """How a skipped document is named in a warning: its title, else its first words."""
    if doc.title:
        return doc.title
    first = next((p.text for _, p in iter_paragraphs(doc.sections)), "")
    return first[:20] + ("…" if len(first) > 20 else "")

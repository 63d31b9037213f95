"""Summaries of ingested documents for people (table) and machines (JSON-ready dicts)."""

from __future__ import annotations

from drafter.datafiles import read_table

import unicodedata
from dataclasses import asdict
from functools import lru_cache

from drafter.ingest.structure import iter_paragraphs
from drafter.models import Document, Section
from drafter.paths import data_file

# Steps that touch (almost) every line: counted, but not worth a mention in the table.
_ROUTINE = {"indentation", "trailing_space", "whitespace_only"}


@lru_cache(maxsize=1)
def _labels() -> tuple[dict[str, str], dict[str, str]]:

    cleaning = read_table(data_file("cleaning.yaml")) or {}
    sections = read_table(data_file("sections.yaml")) or {}
    return dict(cleaning.get("labels") or {}), dict(sections.get("display") or {})


def section_label(canonical: str | None) -> str:
    return _labels()[1].get(canonical or "", canonical or "？")


def cleaned_text(doc: Document, *, routine: bool = False) -> str:
    """「D→党×3，付费墙标记×1」 (rule labels from cleaning.yaml)."""
    names = _labels()[0]
    parts = [f"{names.get(k, k)}×{n}" for k, n in sorted(doc.cleaned.items()) if routine or k not in _ROUTINE]
    return "，".join(parts)


def excluded_count(doc: Document) -> tuple[int, int]:
    """(excluded paragraphs, all paragraphs)."""
    pairs = list(iter_paragraphs(doc.sections))
    return sum(1 for _, p in pairs if p.excluded), len(pairs)


def summary(doc: Document) -> dict:
    """One row of `drafter corpus --json`."""
    ex, total = excluded_count(doc)
    prof = doc.profile
    return {
        "source": doc.source,
        "lines": [doc.start_line, doc.end_line],
        "title": doc.title,
        "title_inferred": doc.title_inferred,
        "unit": prof.name,
        "level": prof.level,
        "department": prof.department,
        "family": prof.family,
        "family_confidence": round(prof.family_confidence, 3),
        "theme": prof.theme,
        "with_plan": prof.with_plan,
        "year": prof.year,
        "sections": [
            {"canonical": s.canonical, "heading": s.heading, "marker": s.marker, "line": s.line,
             "rule": s.rule, "confidence": round(s.confidence, 3)}
            for s in doc.sections
        ],
        "cleaned": dict(sorted(doc.cleaned.items())),
        "excluded_paragraphs": ex,
        "paragraphs": total,
        "notes": list(doc.excluded),
    }


def section_dict(sec: Section) -> dict:
    """A section tree as plain data (for `drafter corpus --json --tree`)."""
    data = asdict(sec)
    return data


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """Cut to a display width (… when cut) and pad with spaces."""
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - (1 if display_width(text) > width else 0):
            out += "…"
            used += 1
            break
        out += ch
        used += w
    return out + " " * max(0, width - used)


COLUMNS = (("来源", 12), ("标题", 34), ("单位", 16), ("层级", 4), ("系统", 8), ("主题", 12), ("年份", 4))


def table(docs: list[Document]) -> list[str]:
    """The table printed by `drafter corpus`: one row per document, details on a second line."""
    lines = ["  ".join(fit(name, w) for name, w in COLUMNS).rstrip()]
    for doc in docs:
        prof = doc.profile
        family = prof.family or "—"
        if prof.family and prof.family_confidence < 1.0:
            family = f"{prof.family}?{prof.family_confidence:.1f}"
        theme = (prof.theme or "—") + ("+计划" if prof.with_plan else "")
        row = (f"{doc.source.split('_')[0]}:{doc.start_line}-{doc.end_line}", doc.title or "（无标题）",
               prof.name or "—", prof.level or "—", family, theme, str(prof.year or "—"))
        lines.append("  ".join(fit(v, w) for v, (_, w) in zip(row, COLUMNS)).rstrip())
        secs = "→".join(section_label(s.canonical) + ("?" if s.confidence < 0.5 else "")
                        for s in doc.sections)
        lines.append(f"    结构：{secs}")
        cleaned = cleaned_text(doc)
        ex, total = excluded_count(doc)
        extra = []
        if cleaned:
            extra.append(f"清洗：{cleaned}")
        if ex:
            extra.append(f"排除：{ex}/{total} 段")
        if extra:
            lines.append("    " + "；".join(extra))
        for note in doc.excluded:
            if not note.startswith("疑似伪原创"):
                lines.append(f"    注意：{note}")
    return lines

"""The data passed between the drafting stages.

Content (compose.py) is what the composer chose for one unit: final sentences
per section, plus what it wrote for each figure and which phrases it used; a
skeleton (templates/*.j2) is rendered with Content.context().

A Draft (drafting.draft_unit) is what a renderer (docx, md, txt) or the wizard
preview needs: a flat list of blocks in reading order. Headings carry their
level (1 一、 / 2 （一） / 3 1. / 4 （1）) and the marker the skeleton numbering
gave them; paragraphs carry the canonical section they belong to.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Subsection:
    """An achievements sub-section （一）…: its heading and paragraphs."""

    key: str                   # the outline.yaml entry (or 亮点 for leftover highlights)
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Problems:
    intro: str
    items: list[str]           # one sentence per problem
    paragraphs: list[str]      # intro and items enumerated 一是…二是…


@dataclass
class PlanGroup:
    heading: str               # "" for an item without heading
    paragraphs: list[str]

    def item(self) -> str:
        """The plan as one sentence for enumeration: heading。body."""
        if self.heading and self.paragraphs:
            return self.heading + "。" + self.paragraphs[0]
        if self.heading:
            return self.heading + "。"
        return self.paragraphs[0]

    def headed(self) -> "PlanGroup":
        """A heading-less item gets its first clause as heading when it is short enough."""
        from drafter.drafting.sentences import heading_text, sentence

        if self.heading:
            return self
        text = self.paragraphs[0]
        head, _, rest = text.partition("，")
        if rest and 4 <= len(head) <= 16:
            return PlanGroup(heading_text(head), [sentence(rest)])
        return PlanGroup("", [text])


@dataclass
class Plans:
    intro: str
    items: list[str]           # one sentence (heading。body) per plan
    groups: list[PlanGroup]    # （一）… items of a 工作思路 report; [] otherwise
    paragraphs: list[str]      # the intro alone (groups) or intro and items enumerated


@dataclass
class Content:
    """What the composer chose for one unit. All text is final (slots filled,
    enumerators 一是/二是 written); heading markers come from the skeleton."""

    opening: list[str]
    achievements: list[Subsection]
    problems: Problems
    plans: Plans
    closing: list[str]
    figures_text: dict[str, str] = field(default_factory=dict)   # slot -> the exact text written for it
    phrase_ids: list[str] = field(default_factory=list)          # bank phrases used, in order
    notes: list[str] = field(default_factory=list)               # what the composer had to fall back on

    def context(self) -> dict[str, Any]:
        """The skeleton variables of this content, as plain lists and dicts
        (opening, achievements, problems, plans, closing)."""
        return {
            "opening": list(self.opening),
            "achievements": [dataclasses.asdict(s) for s in self.achievements],
            "problems": dataclasses.asdict(self.problems),
            "plans": dataclasses.asdict(self.plans),
            "closing": list(self.closing),
        }

# Block kinds
TITLE = "title"
HEADING = "heading"
PARA = "para"
SIGN_NAME = "signature"
SIGN_DATE = "date"

@dataclass
class Block:
    kind: str                  # title | heading | para | signature | date
    text: str                  # text without the heading marker
    level: int = 0             # heading level 1-4 (0 for other blocks)
    marker: str = ""           # 一、 （一） 1. （1） for headings
    section: str | None = None  # opening | achievements | problems | plans | closing | signature

    @property
    def full_text(self) -> str:
        return f"{self.marker}{self.text}" if self.marker else self.text


@dataclass
class Draft:
    """A composed draft of one unit's report."""

    title: str
    unit: str
    year: int
    theme: str
    blocks: list[Block]
    signature_name: str = ""
    signature_date: str = ""
    with_plan: bool = False
    figures_text: dict[str, str] = field(default_factory=dict)   # slot -> the exact text written for it
    phrase_ids: list[str] = field(default_factory=list)          # bank phrases used, in order
    notes: list[str] = field(default_factory=list)               # what the composer had to fall back on
    profile: Any = None                                          # UnitProfile used
    spec: Any = None                                             # UnitSpec drafted

    # -- views -----------------------------------------------------------

    def section_text(self, section: str) -> str:
        """All text (headings and paragraphs) of one canonical section."""
        return "\n".join(b.full_text for b in self.blocks if b.section == section and b.kind in (HEADING, PARA))

    def text(self) -> str:
        """Plain text of the whole draft, one block per line (markers included)."""
        return "\n".join(b.full_text for b in self.blocks)

    def preview(self, width: int = 28, label: Callable[[str], str] | None = None) -> list[str]:
        """Title, headings in full and the first words of each paragraph (the wizard's
        preview); a paragraph that writes the unit's figures names them, each as
        label(slot) and the text written: ［数据：主动公开信息数 1530］."""
        label = label or (lambda name: name)
        written = sorted(self.figures_text.items(), key=lambda kv: -len(kv[1]))
        lines: list[str] = []
        for b in self.blocks:
            if b.kind == TITLE:
                lines.append(b.text)
            elif b.kind == HEADING:
                lines.append("  " * (b.level - 1) + b.full_text)
            elif b.kind == PARA:
                t = b.text if len(b.text) <= width else b.text[:width] + "……"
                found = []
                for name, value in written:     # whole numbers: 1530 not inside 15300
                    m = re.search(r"(?<![\d.])" + re.escape(value) + r"(?![\d])", b.text)
                    if m:
                        found.append((m.start(), f"{label(name)} {value}"))
                if found:
                    t += "［数据：" + "；".join(x for _, x in sorted(found)) + "］"
                lines.append("    " + t)
            else:
                lines.append(" " * 20 + b.text)
        return lines



"""The unit of work before structuring: one line of a source file."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Line:
    text: str                            # cleaned text (no indentation, no markers of junk)
    line: int                            # 1-based line in the source file
    indent: str = ""                     # leading whitespace / '>' prefix as found in the source
    hint: int | None = None              # heading level from a .docx style (0 = title)
    rules: Counter = field(default_factory=Counter)   # cleaning rule id -> times applied
    # for a line joined from several source lines: (char offset in text, source line)
    offsets: list[tuple[int, int]] | None = None

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def line_at(self, offset: int) -> int:
        """Source line of the character at offset (joined lines map back to their fragment)."""
        if not self.offsets:
            return self.line
        line = self.line
        for start, src in self.offsets:
            if start <= offset:
                line = src
            else:
                break
        return line


def lines_from_text(text: str, hints: dict[int, int] | None = None) -> list[Line]:
    hints = hints or {}
    out = []
    for i, raw in enumerate(text.split("\n"), 1):
        stripped = raw.lstrip(" \t\u3000\u2002\u2003\u00a0\ufeff>＞")
        indent = raw[: len(raw) - len(stripped)]
        out.append(Line(raw, i, indent, hints.get(i)))
    return out

"""Lists of links on a saved web page (「相关文档」「猜你喜欢」 + titles of other reports).

Line chrome (navigation, publication rows, share/print widgets, footers) is removed
line by line by the cleaning rules of cleaning.yaml; a link list needs the lines
around it, so it is removed here: the marker line and the short title-like lines
after it, up to the first sentence or heading. A short line directly before a
sentence is kept: it is the title of the report that follows the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.datafiles import read_table
from drafter.numbering import parse_marker
from drafter.ingest.lines import Line
from drafter.paths import data_file

_SENTENCE = re.compile(r"[。；！？!?]")
RULE_ID = "link_list"


@dataclass(frozen=True)
class LinkListSettings:
    marker: re.Pattern
    max_item_chars: int


@lru_cache(maxsize=1)
def load_settings() -> LinkListSettings:
    raw = (read_table(data_file("cleaning.yaml")) or {}).get("link_lists") or {}
    return LinkListSettings(re.compile(raw.get("marker", r"^$^")), int(raw.get("max_item_chars", 50)))


def _is_item(line: Line, s: LinkListSettings) -> bool:
    text = line.text.strip()
    return (len(text) <= s.max_item_chars and not _SENTENCE.search(text)
            and (parse_marker(text) is None or parse_marker(text).family == "shi"))


def drop_link_lists(lines: list[Line]) -> list[Line]:
    """Blank the link-list lines in place (counted as rule "link_list"); returns the lines."""
    s = load_settings()
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.blank or not s.marker.match(ln.text.strip()):
            i += 1
            continue
        _blank(ln)
        j = i + 1
        while j < len(lines):
            cur = lines[j]
            if cur.blank:
                j += 1
                continue
            if not _is_item(cur, s):
                break
            nxt = next((k for k in range(j + 1, len(lines)) if not lines[k].blank), None)
            if nxt is not None and not _is_item(lines[nxt], s):
                break                      # a title followed by its body: keep it
            _blank(cur)
            j += 1
        i = j
    return lines


def _blank(line: Line) -> None:
    line.text = ""
    line.rules[RULE_ID] += 1

"""Split a file's lines into documents.

1. A compilation with a table of contents (目录 + "title<TAB>page" lines): the TOC
   titles are found in the body **in TOC order** by exact match (so two documents
   with the same title stay two documents).
2. Otherwise title lines: short, no sentence punctuation, no heading marker,
   ending like a report title (…工作总结 / …工作思路 / …篇3), preceded by ≥2 blank
   lines or the file start, or standing unindented among indented lines.
3. Untitled documents on one page (002): a line whose indentation differs from
   the file's usual indentation in a way no heading has (" 　　" among "　　").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from drafter.ingest.lines import Line
from drafter.numbering import parse_marker

TITLE_RE = re.compile(
    r"(工作)?(总结|思路|要点|计划|报告|汇报|述职)(篇\s*\d+)?$|总结.{0,20}(思路|计划|打算|要点)$|^(关于).{2,30}(情况|总结)的?(报告|汇报)$"
)
TOC_HEAD_RE = re.compile(r"^目\s*录$")
TOC_ENTRY_RE = re.compile(r"^(?P<title>\S.*?)(?:\t+|\s{2,}|[.．…·—\-_]{2,}\s*|\s+)(?P<page>\d{1,4})$")
COUNT_RE = re.compile(r"[（(]\s*(\d{1,3})\s*篇\s*[）)]")
PIECE_RE = re.compile(r"篇\s*\d+$")
MAX_TITLE_CHARS = 40
_TITLE_PUNCT = re.compile(r"[。，；：！？,;:!?]")


@dataclass
class RawDocument:
    source: str
    title: str
    title_line: int | None            # 1-based line of the title, None if untitled
    lines: list[Line]                 # body lines (may include blanks)
    title_inferred: bool = False
    title_rules: Counter = field(default_factory=Counter)

    @property
    def start_line(self) -> int:
        if self.title_line is not None:
            return self.title_line
        body = [ln for ln in self.lines if not ln.blank]
        return body[0].line if body else 0

    @property
    def end_line(self) -> int:
        body = [ln for ln in self.lines if not ln.blank]
        if not body:
            return self.start_line
        last = body[-1]
        return max(src for _, src in last.offsets) if last.offsets else last.line


@dataclass
class SplitResult:
    documents: list[RawDocument]
    warnings: list[str] = field(default_factory=list)   # Chinese, for the user
    method: str = ""                                    # "toc" | "titles" | "single"


def is_title_line(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > MAX_TITLE_CHARS or _TITLE_PUNCT.search(t):
        return False
    if parse_marker(t) is not None:
        return False
    return TITLE_RE.search(t) is not None


def _blanks_before(lines: list[Line], i: int) -> int:
    n = 0
    j = i - 1
    while j >= 0 and lines[j].blank:
        n += 1
        j -= 1
    if j < 0:
        return 99          # file start
    return n


def _find_toc(lines: list[Line]) -> tuple[int, int, list[tuple[str, int]], int | None] | None:
    """(toc head index, last toc entry index, entries (title, index), expected count)."""
    for i, ln in enumerate(lines[:200]):
        if not TOC_HEAD_RE.match(ln.text.strip()):
            continue
        entries: list[tuple[str, int]] = []
        last = i
        j = i + 1
        while j < len(lines):
            t = lines[j].text.strip()
            if not t:
                j += 1
                continue
            m = TOC_ENTRY_RE.match(t)
            if not m:
                break
            entries.append((m.group("title").strip(), j))
            last = j
            j += 1
        if len(entries) < 2:
            continue
        expected = None
        head_titles = set()
        for ln2 in lines[:i]:
            if ln2.text.strip():
                head_titles.add(ln2.text.strip())
                m = COUNT_RE.search(ln2.text)
                if m:
                    expected = int(m.group(1))
        real = [(t, k) for t, k in entries if t not in head_titles and not TOC_HEAD_RE.match(t)]
        return i, last, real, expected
    return None


def _split_by_toc(lines: list[Line], source: str) -> SplitResult | None:
    toc = _find_toc(lines)
    if toc is None:
        return None
    _, last_toc, entries, expected = toc
    warnings = []
    cursor = last_toc + 1
    starts: list[tuple[int, str]] = []
    for title, _ in entries:
        found = None
        # pass 1: exact title with ≥2 blank lines before (or right after the TOC) and a blank after
        # pass 2: exact title anywhere after the cursor
        for strict in (True, False):
            for j in range(cursor, len(lines)):
                if lines[j].text.strip() != title:
                    continue
                if strict:
                    before_ok = _blanks_before(lines, j) >= 2 or all(lines[k].blank for k in range(cursor, j))
                    after_ok = j + 1 >= len(lines) or lines[j + 1].blank
                    if not (before_ok and after_ok):
                        continue
                found = j
                break
            if found is not None:
                break
        if found is None:
            warnings.append(f"目录中的标题「{title}」在正文中未找到，已跳过")
            continue
        starts.append((found, title))
        cursor = found + 1
    if not starts:
        return None
    if expected is not None and len(starts) != expected:
        warnings.append(f"汇编标注共 {expected} 篇，实际切分出 {len(starts)} 篇")
    docs = []
    for k, (idx, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        docs.append(RawDocument(source, title, lines[idx].line, lines[idx + 1:end], False, Counter(lines[idx].rules)))
    return SplitResult(docs, warnings, "toc")


def _indent_key(indent: str) -> str:
    return indent.replace(">", "").replace("＞", "")


def _start_cues(lines: list[Line]) -> tuple[set[int], set[int]]:
    """(indices of title lines, indices of untitled-document starts)."""
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    keys = Counter(_indent_key(lines[i].indent) for i in nonblank)
    dominant, dom_count = (keys.most_common(1)[0] if keys else ("", 0))
    indented_file = bool(dominant) and dom_count >= 0.6 * max(len(nonblank), 1)
    titles: set[int] = set()
    untitled: set[int] = set()
    for i in nonblank:
        ln = lines[i]
        text = ln.text.strip()
        if ln.hint == 0:
            titles.add(i)
            continue
        key = _indent_key(ln.indent)
        if is_title_line(text):
            if (
                _blanks_before(lines, i) >= 2
                or PIECE_RE.search(text)
                or (indented_file and key == "" and dominant != "")
            ):
                titles.add(i)
                continue
        if indented_file and key and key != dominant and keys[key] <= max(3, 0.1 * len(nonblank)):
            # a rare indentation that no heading has: " 　　" among "　　" (002)
            untitled.add(i)
    return titles, untitled


def split_documents(lines: list[Line], source: str) -> SplitResult:
    """Split cleaned lines of one file into raw documents (see module doc)."""
    by_toc = _split_by_toc(lines, source)
    if by_toc is not None:
        return by_toc
    titles, untitled = _start_cues(lines)
    starts = sorted(titles | untitled)
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    if not nonblank:
        return SplitResult([], [], "single")
    if not starts or starts[0] > nonblank[0]:
        first = nonblank[0]
        head = [i for i in nonblank if i < (starts[0] if starts else len(lines))]
        # text before the first cue: a document of its own unless it is a short cover
        if len(head) >= 3 or not starts:
            # a short first line followed by body text is its title
            t = lines[first].text.strip()
            if (
                len(t) <= MAX_TITLE_CHARS
                and not _TITLE_PUNCT.search(t)
                and parse_marker(t) is None
                and len(head) > 1
                and (TITLE_RE.search(t) or first + 1 < len(lines) and lines[first + 1].blank)
            ):
                titles.add(first)
            else:
                untitled.add(first)
            starts = sorted(titles | untitled)
    docs = []
    for k, idx in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        if idx in titles:
            docs.append(RawDocument(source, lines[idx].text.strip(), lines[idx].line, lines[idx + 1:end], False,
                                    Counter(lines[idx].rules)))
        else:
            docs.append(RawDocument(source, "", None, lines[idx:end]))
    docs = [d for d in docs if any(not ln.blank for ln in d.lines)]
    return SplitResult(docs, [], "titles" if len(docs) > 1 or titles else "single")

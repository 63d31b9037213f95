"""Cut paragraphs into sentences and clauses (pure functions).

    split_sentences("加强培训。确保到位；及时整改！") -> ["加强培训。", "确保到位；", "及时整改！"]
    split_items("总体要求。一是加强培训。二是强化考核。") -> ["总体要求。", "一是加强培训。", "二是强化考核。"]

Sentences end at 。！？ and clauses at ；.  Nothing is cut inside “…”, 《…》 or （…）.
Enumerators (一是, （1）…) are removed by drafter.numbering.strip_enumerator.
"""

from __future__ import annotations

from drafter.ingest.headings import split_inline_items

_OPEN = {"“": "”", "《": "》", "（": "）", "(": ")", "‘": "’", "「": "」"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def split_sentences(text: str, ends: str = "。！？!?；;") -> list[str]:
    """Sentences and clauses of a paragraph, each with its end mark (the last may have none)."""
    out: list[str] = []
    depth: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN and not (ch == "“" and depth and depth[-1] == "“"):
            depth.append(ch)
        elif ch in _CLOSE:
            if depth and depth[-1] == _CLOSE[ch]:
                depth.pop()
        elif ch == "“" and depth and depth[-1] == "“":
            depth.pop()      # unbalanced “…“ (a typo seen in the corpus)
        elif ch in ends and not depth:
            # keep runs like "。”" together
            piece = text[start:i + 1].strip()
            if piece:
                out.append(piece)
            start = i + 1
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def split_items(text: str) -> list[str]:
    """Inline enumerations 一是…二是… become separate items (in order only)."""
    return split_inline_items(text)


def balanced(text: str) -> bool:
    """True when quotes and brackets are balanced."""
    stack: list[str] = []
    for ch in text:
        if ch in ("“",) and stack and stack[-1] == "“":
            return False
        if ch in _OPEN:
            stack.append(ch)
        elif ch in _CLOSE:
            if not stack or stack[-1] != _CLOSE[ch]:
                return False
            stack.pop()
    return not stack

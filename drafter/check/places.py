"""Text rule of `drafter check`: names of other places and units (foreign-place, foreign-place-weak).

Two sources: the gazetteer of names that must never reach a draft
(drafter/data/gazetteer.yaml), and words that look like a place name
(a short stem plus a place suffix, check.yaml `places`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.check.findings import Finding, make, quote
from drafter.check.rules import check_rules
from drafter.check.spec import CheckSpec
from drafter.check.structure import CJK, SIG_DATE, Para

_REGEX_CHARS = re.compile(r"[\\^$*+?{}\[\]|()]")


@lru_cache(maxsize=1)
def gazetteer_names() -> tuple[str, ...]:
    """Names that must not leak, longest first (an optional table: none when it cannot be read)."""
    from drafter.datafiles import gazetteer_table
    from drafter.errors import DrafterError

    try:
        table = gazetteer_table()
    except DrafterError:
        return ()
    names = {n.strip() for n in table.names()}
    names = {n for n in names if 2 <= len(n) <= 20 and CJK.search(n) and not _REGEX_CHARS.search(n)}
    generic = check_rules().places.generic
    return tuple(sorted((n for n in names if n not in generic), key=lambda n: (-len(n), n)))


def _own_names(spec: CheckSpec, paras: list[Para]) -> list[str]:
    own = [n for n in (spec.unit, spec.signature_name) if n]
    for p in paras:
        if p.part == "signature" and not SIG_DATE.match(p.text):
            own.append(p.text.strip())
    if not own:
        title = next((p.text for p in paras if p.part == "title"), "")
        m = re.match(r"^(.*?)(?:(?:19|20|21)\d{2}|20[xX_]{2}|202_)", title)
        if m and m.group(1):
            own.append(m.group(1))
    return own


def place_candidates(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, suffix) of words that look like a place name: a 2-3 character
    stem right after a boundary, without stop characters, plus a place suffix."""
    rules = check_rules().places
    out = []
    for m in rules.suffix_pattern.finditer(text):
        q, suffix = m.start(), m.group(0)
        after = text[m.end(): m.end() + 1]
        if after and after in (rules.not_after.get(suffix) or ""):
            continue
        for k in (2, 3):
            s0 = q - k
            if s0 < 0:
                break
            stem = text[s0:q]
            if not all(CJK.match(ch) for ch in stem) or any(ch in rules.stem_stop for ch in stem):
                break
            if any(w in stem for w in rules.stem_stop_words):
                break
            before = text[s0 - 1] if s0 > 0 else ""
            if before and before not in rules.boundary_chars and not before.isspace():
                continue
            name = stem + suffix
            if name in rules.generic or any(g.endswith(name) and text[max(0, m.end() - len(g)):m.end()] == g
                                            for g in rules.generic):
                break
            out.append((s0, m.end(), name, suffix))
            break
    return out


def check_foreign_names(paras: list[Para], spec: CheckSpec) -> list[Finding]:
    own = _own_names(spec, paras)
    own_text = "|".join(own)
    strong = set(check_rules().places.suffixes_error)
    found = []
    gaz = gazetteer_names()
    for p in paras:
        if p.part == "signature":
            continue
        reported: set[str] = set()
        text = p.text
        for name in gaz:
            pos = text.find(name)
            if pos < 0 or name in own_text or any(name in r for r in reported):
                continue
            reported.add(name)
            found.append(make("foreign-place", p.location,
                              f"出现其他地方或单位的名称“{name}”（不是本单位“{own[0] if own else '本单位'}”）：{quote(text, pos, pos + len(name))}"))
        for s, e, name, suffix in place_candidates(text):
            if name in own_text or any(name in r or r in name for r in reported):
                continue
            stem = name[: -len(suffix)]
            if stem and any(stem in o for o in own):
                continue
            reported.add(name)
            code = "foreign-place" if suffix in strong else "foreign-place-weak"
            found.append(make(code, p.location,
                              f"疑似其他地方的地名“{name}”（本单位为“{own[0] if own else '未知'}”）：{quote(text, s, e)}"))
    return found

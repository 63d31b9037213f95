"""Keep unit-specific content out of phrases (pure functions plus a NameFinder).

    scrub("截至目前，区民政局主动公开信息…", own=["区民政局"]) -> "截至目前，{单位}主动公开信息…"
    scrub("在县委、县政府的正确领导下") -> "在{上级单位}的正确领导下"
    scrub("我局严格落实…") -> "{单位简称}严格落实…"
    scrub("根据皖政务办秘〔2022〕22号文件要求…") -> dropped (document number outside brackets)

Every replacement and every drop is recorded as a Hit for the mining report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.mining.config import MiningConfig
from drafter.mining.entities import gazetteer_hits

_ORG_SUFFIX = re.compile(r"(局|委|办|中心|院|所|处|站|队|馆|会|部|公司|政府)$")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class Hit:
    kind: str      # doc_number | gazetteer | person | name | placeholder | own_name | self_reference | superior
    term: str
    action: str    # replaced | removed | dropped


@dataclass
class ScrubResult:
    text: str | None
    hits: list[Hit] = field(default_factory=list)
    reason: str | None = None


def _drop(hits: list[Hit], kind: str, term: str) -> ScrubResult:
    hits.append(Hit(kind, term, "dropped"))
    return ScrubResult(None, hits, f"{kind}:{term}")


_LEVEL_ORG = re.compile(r"(?:市|县|区)[\u4e00-\u9fff]{1,8}?(?:局|委|办|中心)(?![\u4e00-\u9fff]?[长员])")
_AREA_SELF = re.compile(r"我(县|市|区)")


def scrub(text: str, cfg: MiningConfig, *, own: tuple[str, ...] = (), department: str | None = None,
          area_self: bool = True, finder=None) -> ScrubResult:
    """department: the unit's canonical department (its other names, 市文旅局, become {单位});
    area_self: the unit is an area government (我县 = the unit); otherwise 我县/我市/我区
    means the area around the unit and the sentence is dropped."""
    hits: list[Hit] = []
    # document numbers: a bracketed one is removed with its brackets, any other drops the sentence
    for m in list(cfg.doc_number.finditer(text)):
        term = m.group(0)
        paren = next((p for p in _PAREN.finditer(text) if p.start() <= m.start() and m.end() <= p.end()), None)
        if paren is None:
            return _drop(hits, "doc_number", term)
    for p in list(_PAREN.finditer(text)):
        if cfg.doc_number.search(p.group(0)):
            hits.append(Hit("doc_number", cfg.doc_number.search(p.group(0)).group(0), "removed"))
    text = _PAREN.sub(lambda p: "" if cfg.doc_number.search(p.group(0)) else p.group(0), text)
    # known names first (an own name may sit inside a longer local name: 太湖县政府办公室)
    for term in gazetteer_hits(text):
        return _drop(hits, "gazetteer", term)
    # the unit's own names -> {单位}
    for name in sorted({n for n in own if n and len(n) >= 2}, key=lambda n: (-len(n), n)):
        if name in text:
            text = text.replace(name, "{单位}")
            hits.append(Hit("own_name", name, "replaced"))
    if department:
        from drafter.profile import find_department

        def same_dep(m: re.Match) -> str:
            found = find_department(m.group(0))
            if found and found[0].canonical == department:
                hits.append(Hit("own_name", m.group(0), "replaced"))
                return "{单位}"
            return m.group(0)

        text = _LEVEL_ORG.sub(same_dep, text)
    if not area_self:
        m = _AREA_SELF.search(text)
        if m:
            return _drop(hits, "area_reference", m.group(0))
    # anonymised names: XX县民政局 -> {单位}; XX镇 -> {单位简称}; bare XX drops the sentence
    try:
        text = re.sub(r"(?:XX|ＸＸ|某某)(?:(省|市|县|区|镇|乡|街道|社区|村|经开区|开发区|高新区|实验区|园区)"
                      r"((?:人民政府|政府|[\u4e00-\u9fff]{0,6}?(?:局|委|办|中心|院|所|处|队|馆|部)))?)"
                      , lambda m: _xx(m, hits), text)
    except ValueError as exc:
        return _drop(hits, "placeholder", str(exc))
    if re.search(r"XX|ＸＸ|某某", text):
        return _drop(hits, "placeholder", "XX")
    for term in gazetteer_hits(text):
        return _drop(hits, "gazetteer", term)
    m = cfg.person.search(text)
    if m and not cfg.person_not.search(m.group(0)):
        return _drop(hits, "person", m.group(0))
    # superiors -> {上级单位}
    def sup(m: re.Match) -> str:
        hits.append(Hit("superior", m.group(0), "replaced"))
        return "{上级单位}"

    text = cfg.superiors.sub(sup, text)

    def selfref(m: re.Match) -> str:
        hits.append(Hit("self_reference", m.group(0), "replaced"))
        return "{单位简称}"

    text = cfg.self_reference.sub(selfref, text)
    text = cfg.self_subject.sub(selfref, text)
    if finder is not None:
        flagged = finder.flagged(text)
        if flagged:
            return _drop(hits, "name", flagged[0])
    return ScrubResult(text, hits)


def _xx(m: re.Match, hits: list[Hit]) -> str:
    whole = m.group(0)
    area, org = m.group(1), m.group(2)
    if org and not re.search(r"公开|网|信息|工作|政策|平台|专栏|栏目", org):
        hits.append(Hit("placeholder", whole, "replaced"))
        return "{单位}"
    if area:
        if org:
            hits.append(Hit("placeholder", whole[: len(whole) - len(org)], "replaced"))
            return "{单位简称}" + org
        hits.append(Hit("placeholder", whole, "replaced"))
        return "{单位简称}"
    raise ValueError(whole)

"""The rule table of `drafter check` (drafter/data/check.yaml), typed and read once.

    rules = check_rules()
    rules.patterns            # placeholder and noise patterns, in table order
    rules.severity("paraphrase")   # "error" | "warning"
    clause_of("layout-margins")    # "GB/T 9704-2012 5.2.1" (None for rules without a clause)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping, NamedTuple

ERROR = "error"
WARNING = "warning"


class PatternRule(NamedTuple):
    code: str
    pattern: re.Pattern
    what: str                  # Chinese name of what the pattern catches


class PlaceRules(NamedTuple):
    """How a word that looks like a place name is found (see check.yaml `places`)."""

    suffixes_error: tuple[str, ...]
    suffixes_warning: tuple[str, ...]
    suffix_pattern: re.Pattern  # every suffix, longest first
    not_after: dict[str, str]
    generic: frozenset[str]
    boundary_chars: str
    stem_stop: str
    stem_stop_words: tuple[str, ...]


class RoleRule(NamedTuple):
    """A word only some kinds of unit (or families) may write (check.yaml `roles`)."""

    pattern: re.Pattern
    allowed: frozenset[str]        # unit kinds (局, 委, 乡 …)
    families: frozenset[str]       # department families
    only_for: frozenset[str]       # check only units of these kinds (empty: every unit)
    what: str
    only_levels: frozenset[str] = frozenset()   # check only units of these levels (empty: every level)
    code: str = "role-word"


class OutcomeRule(NamedTuple):
    """Outcome words the figures may contradict (check.yaml `outcomes`)."""

    pattern: re.Pattern
    pairs: tuple[tuple[str, str], ...]   # (total slot, done slot)
    zero: tuple[str, ...]
    rate: tuple[str, ...]
    what: str


class ContentRules(NamedTuple):
    roles: tuple[RoleRule, ...]
    self_words: tuple[str, ...]                    # 我局, 我乡 …
    territory: dict[str, frozenset[str]]           # 我县 -> levels that may write it
    family_skip: frozenset[str]                    # families not checked (乡镇 … do every kind of work)
    family_skip_departments: frozenset[str]        # departments not checked (财政局 …)
    family_terms: dict[str, tuple[str, frozenset[str]]]   # 法律援助 -> (政法, departments that may also write it)
    outcomes: tuple[OutcomeRule, ...]
    near: dict[str, float]


class CheckRules(NamedTuple):
    patterns: tuple[PatternRule, ...]         # placeholders, then noise
    paraphrase: tuple[tuple[str, str], ...]   # (form, right) tell-tales of check.yaml itself
    places: PlaceRules
    plans_heading: re.Pattern
    problems_heading: re.Pattern
    not_figures: tuple[re.Pattern, ...]       # {n} already replaced by the number's group
    measure_words: str
    severities: dict[str, str]                # code -> ERROR | WARNING
    layout_entries: dict[str, str]            # layout rule code -> entry of layout.yaml
    content: ContentRules                     # roles, self-reference, family work, outcomes, repeats

    def severity(self, code: str) -> str:
        """A rule's severity; codes not listed are errors."""
        return self.severities.get(code, ERROR)


def _fail(path: Any, key: str, what: str):
    from drafter.errors import DrafterError

    return DrafterError(f"数据表 {path} 中的“{key}”{what}。", hint="请检查该项（修改前可先备份）。")


def _patterns(cfg: Mapping, path: Any) -> tuple[PatternRule, ...]:
    out = []
    for group in ("placeholders", "noise"):
        for i, r in enumerate(cfg.get(group) or []):
            try:
                out.append(PatternRule(r["code"], re.compile(r["pattern"]), r.get("what", r["code"])))
            except (KeyError, TypeError, AttributeError, re.error) as exc:
                raise _fail(path, f"{group} 第 {i + 1} 项", f"有误（{exc}）") from None
    return tuple(out)


def _places(cfg: Mapping) -> PlaceRules:
    suffixes = list(cfg.get("suffixes_error") or []) + list(cfg.get("suffixes_warning") or [])
    suffixes.sort(key=len, reverse=True)
    return PlaceRules(
        suffixes_error=tuple(cfg.get("suffixes_error") or ()),
        suffixes_warning=tuple(cfg.get("suffixes_warning") or ()),
        suffix_pattern=re.compile("|".join(map(re.escape, suffixes))),
        not_after=dict(cfg.get("not_after") or {}),
        generic=frozenset(cfg.get("generic") or []),
        boundary_chars=cfg.get("boundary_chars") or "",
        stem_stop=cfg.get("stem_stop") or "",
        stem_stop_words=tuple(cfg.get("stem_stop_words") or ()),
    )


def _set(raw: Any) -> frozenset[str]:
    return frozenset(str(x) for x in raw or ())


def _family_terms(raw: Mapping) -> dict[str, tuple[str, frozenset[str]]]:
    """family_work.terms: {family: [word | {word: [department, …]}]} as word -> (family, also)."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for family, items in raw.items():
        for item in items or ():
            pairs = item.items() if isinstance(item, Mapping) else [(item, ())]
            for word, also in pairs:
                out[str(word)] = (str(family), _set(also))
    return out


def _content(cfg: Mapping, path: Any) -> ContentRules:
    roles = []
    for i, r in enumerate(cfg.get("roles") or []):
        try:
            roles.append(RoleRule(re.compile(r["pattern"]), _set(r.get("allowed")), _set(r.get("families")),
                                  _set(r.get("only_for")), str(r.get("what", "")), _set(r.get("only_levels")),
                                  str(r.get("code") or "role-word")))
        except (KeyError, TypeError, AttributeError, re.error) as exc:
            raise _fail(path, f"roles 第 {i + 1} 项", f"有误（{exc}）") from None
    outcomes = []
    for i, r in enumerate(cfg.get("outcomes") or []):
        try:
            outcomes.append(OutcomeRule(re.compile(r["pattern"]),
                                        tuple((str(a), str(b)) for a, b in r.get("pairs") or ()),
                                        tuple(str(x) for x in r.get("zero") or ()),
                                        tuple(str(x) for x in r.get("rate") or ()), str(r.get("what", ""))))
        except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
            raise _fail(path, f"outcomes 第 {i + 1} 项", f"有误（{exc}）") from None
    selfref = cfg.get("self_reference") or {}
    fam = cfg.get("family_work") or {}
    try:
        territory = {str(k): _set(v) for k, v in (selfref.get("territory") or {}).items()}
        terms = _family_terms(fam.get("terms") or {})
        near = {str(k): float(v) for k, v in (cfg.get("near_repeat") or {}).items()}
    except (TypeError, ValueError, AttributeError) as exc:
        raise _fail(path, "self_reference / family_work / near_repeat", f"有误（{exc}）") from None
    return ContentRules(
        roles=tuple(roles),
        self_words=tuple(sorted((str(w) for w in selfref.get("words") or ()), key=len, reverse=True)),
        territory=territory,
        family_skip=_set(fam.get("skip_families")),
        family_skip_departments=_set(fam.get("skip_departments")),
        family_terms=terms,
        outcomes=tuple(outcomes),
        near=near,
    )


def _parse(cfg: Any, path: Any) -> CheckRules:
    if not isinstance(cfg, Mapping):
        raise _fail(path, "顶层", "应是键值对")
    try:
        paraphrase = tuple((str(r["form"]), str(r.get("right", ""))) for r in cfg.get("paraphrase") or [])
        not_figures = tuple(re.compile(r["pattern"].replace("{n}", "(\\d+(?:\\.\\d+)?)"))
                            for r in cfg.get("not_figures") or [])
        plans = re.compile(cfg.get("plans_heading") or "下一步")
        problems = re.compile(cfg.get("problems_heading") or "问题")
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise _fail(path, "paraphrase / not_figures / *_heading", f"有误（{exc}）") from None
    severities = {str(code): (WARNING if str(sev).lower().startswith("warn") else ERROR)
                  for code, sev in (cfg.get("severities") or {}).items()}
    return CheckRules(
        patterns=_patterns(cfg, path),
        paraphrase=paraphrase,
        places=_places(cfg.get("places") or {}),
        plans_heading=plans,
        problems_heading=problems,
        not_figures=not_figures,
        measure_words=cfg.get("measure_words") or "个项次件条人名家",
        severities=severities,
        layout_entries={str(k): str(v) for k, v in (cfg.get("layout_entries") or {}).items()},
        content=_content(cfg, path),
    )


@lru_cache(maxsize=1)
def check_rules() -> CheckRules:
    """drafter/data/check.yaml as CheckRules, read once per process."""
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    path = data_file("check.yaml")
    return _parse(read_table(path) or {}, path)


def clause_of(code: str) -> str | None:
    """The GB/T 9704-2012 clause a rule follows ("GB/T 9704-2012 5.2.1"), or None.
    (Read on demand: a check of text alone does not load layout.yaml.)"""
    from drafter.layout import load_layout
    from drafter.paths import data_file

    entry = check_rules().layout_entries.get(code)
    if not entry:
        return None
    try:
        return load_layout().cite(entry)
    except (AttributeError, KeyError):
        raise _fail(data_file("check.yaml"), f"layout_entries.{code}",
                    f"指向 layout.yaml 中不存在的“{entry}”") from None

"""The unit taxonomy (drafter/data/taxonomy.yaml) as a typed object: levels, departments,
families with their keywords, theme cues, year and title patterns, and the character
n-gram model `nearest_family` uses. Read once by `load_taxonomy()`; pure Python.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from drafter.datafiles import read_table
from drafter.errors import DrafterError
from drafter.models import LEVELS, THEMES
from drafter.paths import data_file


@dataclass(frozen=True)
class Level:
    level: str
    name_cues: tuple[str, ...]
    self_refs: tuple[str, ...]


@dataclass(frozen=True)
class Department:
    canonical: str
    aliases: tuple[str, ...]
    family: str
    self_ref: str | None = None
    level: str | None = None        # departments that fix the level (镇政府 → 乡镇)


@dataclass(frozen=True)
class Theme:
    theme: str
    cues: tuple[str, ...]


@dataclass
class Taxonomy:
    levels: list[Level]
    departments: list[Department]
    families: dict[str, tuple[str, ...]]          # family -> keywords
    themes: list[Theme]
    default_theme: str
    body_min_hits: int
    body_min_per_1000: float
    with_plan_re: re.Pattern
    year_re: re.Pattern
    level_false_cues: tuple[str, ...]
    area_government: dict[str, str]               # level -> department of a unit that is only an area
    generic_name_parts: re.Pattern | None         # words of names that say nothing about the family
    year_eras: tuple[tuple[re.Pattern, int, int], ...]   # (cue, from, to)
    annual_title_re: re.Pattern | None = None     # a whole-year title: the default theme, body ignored
    # derived
    alias_index: list[tuple[str, Department]] = field(default_factory=list)   # longest first
    _family_grams: dict[str, Counter] = field(default_factory=dict)
    _gram_idf: dict[str, float] = field(default_factory=dict)

    def department(self, canonical: str) -> Department | None:
        for dep in self.departments:
            if dep.canonical == canonical:
                return dep
        return None

    def level(self, name: str) -> Level | None:
        for lv in self.levels:
            if lv.level == name:
                return lv
        return None


def _as_tuple(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DrafterError(f"taxonomy.yaml 格式错误：{where} 应为字符串列表。", hint="请对照文件开头的说明修改。")
    return tuple(value)


def parse_taxonomy(raw: dict, source: str = "taxonomy.yaml") -> Taxonomy:
    """Build a Taxonomy from the parsed YAML mapping (validates as it goes)."""
    if not isinstance(raw, dict):
        raise DrafterError(f"{source} 格式错误：顶层应为映射。")
    try:
        levels = []
        for i, item in enumerate(raw.get("levels") or []):
            if item.get("level") not in LEVELS:
                raise DrafterError(f"{source} 中 levels 第 {i + 1} 项的 level「{item.get('level')}」不是 {'/'.join(LEVELS)} 之一。")
            levels.append(Level(item["level"], _as_tuple(item.get("name_cues"), f"levels[{i}].name_cues"),
                                _as_tuple(item.get("self_refs"), f"levels[{i}].self_refs")))
        departments = []
        for i, item in enumerate(raw.get("departments") or []):
            if not item.get("canonical") or not item.get("family"):
                raise DrafterError(f"{source} 中 departments 第 {i + 1} 项缺少 canonical 或 family。")
            aliases = _as_tuple(item.get("aliases"), f"departments[{i}].aliases") or (item["canonical"],)
            if item["canonical"] not in aliases:
                aliases = (item["canonical"],) + aliases
            departments.append(Department(item["canonical"], aliases, item["family"], item.get("self_ref"), item.get("level")))
        families = {}
        for fam, spec in (raw.get("families") or {}).items():
            families[fam] = _as_tuple((spec or {}).get("keywords"), f"families.{fam}.keywords")
        for dep in departments:
            families.setdefault(dep.family, ())
        themes = []
        for i, item in enumerate(raw.get("themes") or []):
            if item.get("theme") not in THEMES:
                raise DrafterError(f"{source} 中 themes 第 {i + 1} 项的 theme「{item.get('theme')}」不是 {'/'.join(THEMES)} 之一。")
            themes.append(Theme(item["theme"], _as_tuple(item.get("cues"), f"themes[{i}].cues")))
        with_plan_re = re.compile(raw["with_plan"]["pattern"])
        year_re = re.compile(raw["year"]["pattern"])
        area_government = {str(k): str(v) for k, v in (raw.get("area_government") or {}).items()}
        generic = _as_tuple(raw.get("generic_name_parts"), "generic_name_parts")
        generic_re = re.compile("(" + "|".join(map(re.escape, generic)) + ")") if generic else None
        year_eras = tuple((re.compile(e["cue"]), int(e["from"]), int(e["to"])) for e in raw.get("year_eras") or [])
        annual = raw.get("annual_title") or {}
        annual_title_re = re.compile(annual["pattern"]) if annual.get("pattern") else None
    except (KeyError, TypeError, AttributeError) as exc:
        raise DrafterError(f"{source} 格式错误：缺少或错误的键 {exc}。", hint="请对照文件开头的说明修改。") from exc
    except re.error as exc:
        raise DrafterError(f"{source} 中的正则表达式无效：{exc}") from exc

    tax = Taxonomy(
        levels=levels,
        departments=departments,
        families=families,
        themes=themes,
        default_theme=raw.get("default_theme", "年度综合"),
        body_min_hits=int(raw.get("body_min_hits", 4)),
        body_min_per_1000=float(raw.get("body_min_per_1000", 2.0)),
        with_plan_re=with_plan_re,
        year_re=year_re,
        level_false_cues=_as_tuple(raw.get("level_false_cues"), "level_false_cues"),
        area_government=area_government,
        generic_name_parts=generic_re,
        year_eras=year_eras,
        annual_title_re=annual_title_re,
    )
    tax.alias_index = sorted(
        ((alias, dep) for dep in departments for alias in dep.aliases),
        key=lambda pair: -len(pair[0]),
    )
    _build_ngram_model(tax)
    return tax


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy (drafter/data/taxonomy.yaml), parsed once."""

    path = data_file("taxonomy.yaml")
    raw = read_table(path)
    return parse_taxonomy(raw, str(path))


# ---------------------------------------------------------------- n-grams

def _grams(text: str) -> Counter:
    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    grams = Counter(text)
    grams.update(text[i:i + 2] for i in range(len(text) - 1))
    return grams


def _build_ngram_model(tax: Taxonomy) -> None:
    fam_grams: dict[str, Counter] = {}
    for fam, keywords in tax.families.items():
        terms = list(keywords) + [a for d in tax.departments if d.family == fam for a in d.aliases]
        grams: Counter = Counter()
        for term in terms:
            grams.update(set(_grams(term)))
        fam_grams[fam] = grams
    n = max(len(fam_grams), 1)
    df: Counter = Counter()
    for grams in fam_grams.values():
        df.update(set(grams))
    tax._family_grams = fam_grams
    tax._gram_idf = {g: math.log(1 + n / c) for g, c in df.items()}

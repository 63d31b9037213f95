"""The composer's rules (templates/outline.yaml) as a typed object.

    rules = load_rules(template_dir)          # OutlineRules, cached per file
    rules.subsections("政务公开")               # tuple[SubsectionRule, ...] in reading order
    rules.fallback.problems_intro              # a sentence
    path, subject = rules.skeleton("政务公开", with_plan=False)

A copied outline.yaml next to a user skeleton (--template) is read over the
default one: a key it leaves out keeps the default file's value (the sub-keys
of `fallback` one by one), so an old copy still gets sentences added later.
This module is the only reader of outline.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError

OUTLINE = "outline.yaml"


@dataclass(frozen=True)
class SubsectionRule:
    """One achievements sub-section of a theme (see the comment at the top of outline.yaml)."""

    key: str
    topics: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    always: bool = False
    other: bool = False
    headings: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fallback:
    """Sentences used when the bank has nothing that fits the unit (never when it has)."""

    opening: str = ""
    opening_tail: str = ""
    opening_tail_plan: str = ""
    subsection_heading: str = ""
    as_of: str = ""
    problems_intro: str = ""
    problems: tuple[str, ...] = ()
    plans_intro: str = ""
    plans: tuple[str, ...] = ()
    closing: str = ""


@dataclass(frozen=True)
class SkeletonRule:
    file: str = ""
    subject: str = ""


@dataclass(frozen=True)
class OutlineRules:
    source: str
    avoid: re.Pattern | None
    theme_words: dict[str, tuple[str, ...]]
    theme_words_levels_exempt: dict[str, tuple[str, ...]]
    min_subsections: int
    max_subsections: int
    themes: dict[str, tuple[SubsectionRule, ...]]
    highlights_headings: tuple[str, ...]
    plan_common_words: frozenset[str]
    fallback: Fallback
    skeletons: dict[str, SkeletonRule]

    def subsections(self, theme: str) -> tuple[SubsectionRule, ...]:
        """The theme's sub-sections; 年度综合's (else the first theme's) for an unknown theme."""
        return self.themes.get(theme) or self.themes.get("年度综合") or next(iter(self.themes.values()))

    def skeleton(self, theme: str, with_plan: bool, template: str | Path | None = None) -> tuple[Path, str]:
        """The skeleton file a report uses (template wins) and its 事由 (subject)."""
        from drafter import paths

        entry = self.skeletons.get(theme) or self.skeletons.get("年度综合") or SkeletonRule()
        if template is not None:
            return Path(template), entry.subject
        key = "with_plan" if with_plan else theme
        name = (self.skeletons.get(key) or entry).file
        if not name:
            raise DrafterError(f"templates/outline.yaml 没有为“{key}”指定稿件模板（skeletons）。",
                               hint="请在 skeletons 下补上 file: 模板文件名。")
        return paths.templates_dir() / name, entry.subject


def load_rules(template_dir: str | Path | None = None) -> OutlineRules:
    """The rules for skeletons in template_dir: its own outline.yaml if it has one, else the default."""
    from drafter import paths

    default = paths.templates_dir() / OUTLINE
    own = Path(template_dir) / OUTLINE if template_dir is not None else None
    path = own if own is not None and own.is_file() else default
    return _load(str(path), str(default))


@lru_cache(maxsize=8)
def _load(path: str, default: str) -> OutlineRules:
    raw = _read(path)
    if path != default and Path(default).is_file():
        base = _read(default)
        if not isinstance(raw.get("fallback") or {}, dict):
            raise DrafterError(f"组稿规则文件格式不对：{path}（fallback 应为键值对）", hint="请参照 templates/outline.yaml 的写法。")
        fallback = {**(base.get("fallback") or {}), **(raw.get("fallback") or {})}
        raw = {**base, **raw, "fallback": fallback}
    return _parse(raw, path)


def _read(path: str) -> dict:
    from drafter.datafiles import read_table

    data = read_table(path)
    themes = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(themes, dict) or not any(themes.values()):
        raise DrafterError(f"组稿规则文件格式不对：{path}（缺少 themes）", hint="请参照 templates/outline.yaml 的写法。")
    return data


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _subsection(item: dict) -> SubsectionRule:
    return SubsectionRule(
        key=str(item["key"]),
        topics=frozenset(_texts(item.get("topics"))),
        keywords=_texts(item.get("keywords")),
        groups=_texts(item.get("groups")),
        slots=_texts(item.get("slots")),
        always=bool(item.get("always")),
        other=bool(item.get("other")),
        headings=_texts(item.get("headings")),
        measures=_texts(item.get("measures")),
    )


def _parse(raw: dict, source: str) -> OutlineRules:
    try:
        avoid = [str(a) for a in raw.get("avoid") or ()]
        fb = raw.get("fallback") or {}
        return OutlineRules(
            source=source,
            avoid=re.compile("|".join(f"(?:{a})" for a in avoid)) if avoid else None,
            theme_words={str(k): _texts(v) for k, v in (raw.get("theme_words") or {}).items()},
            theme_words_levels_exempt={str(k): _texts(v)
                                       for k, v in (raw.get("theme_words_levels_exempt") or {}).items()},
            min_subsections=int(raw.get("min_subsections", 3)),
            max_subsections=int(raw.get("max_subsections", 6)),
            themes={str(k): tuple(_subsection(e) for e in v or ()) for k, v in raw["themes"].items()},
            highlights_headings=_texts(raw.get("highlights_headings")),
            plan_common_words=frozenset(_texts(raw.get("plan_common_words"))),
            fallback=Fallback(**{k: (_texts(fb[k]) if k in ("problems", "plans") else str(fb[k] or ""))
                                 for k in Fallback.__dataclass_fields__ if k in fb}),
            skeletons={str(k): SkeletonRule(str(v.get("file") or ""), str(v.get("subject") or ""))
                       for k, v in (raw.get("skeletons") or {}).items() if v},
        )
    except re.error as exc:
        raise DrafterError(f"组稿规则文件 {source} 的 avoid 中有无效的正则表达式：{exc}") from None
    except KeyError as exc:
        raise DrafterError(f"组稿规则文件格式不对：{source}（themes 中有一项缺少 {exc.args[0]}）",
                           hint="请参照 templates/outline.yaml 的写法。") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise DrafterError(f"组稿规则文件格式不对：{source}（{exc}）",
                           hint="请参照 templates/outline.yaml 的写法。") from None

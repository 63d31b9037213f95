"""Department profiles: what each kind of unit does (drafter/data/departments.yaml).

    profiles = departments()                     # typed, cached; a broken table names the file and entry
    dep = profiles.for_profile(unit_profile)     # DepartmentProfile or None
    dep.work                                     # (WorkLine(title, keywords, actions, slots), …) in report order
    dep.problems, dep.plans                      # typical diagnoses and aims of the department
    dep.openness, dep.assistance                 # fields it publishes (政务公开) / its 行业帮扶 fields

A profile is found by the unit's canonical department (taxonomy.yaml); a unit
whose department has no profile gets the profile of its level's basic unit
(乡镇, 街道, 社区) where that fits, else None (callers then use generic text,
never another department's). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class WorkLine:
    title: str                      # 安全生产责任落实
    keywords: tuple[str, ...]       # words that signal this line in a clerk's text
    actions: tuple[str, ...]        # generic action phrases of the field
    slots: tuple[str, ...]          # figure slots that fit it


@dataclass(frozen=True)
class DepartmentProfile:
    department: str                 # taxonomy canonical name
    family: str
    levels: tuple[str, ...]
    work: tuple[WorkLine, ...]
    problems: tuple[str, ...]
    plans: tuple[str, ...]
    openness: tuple[str, ...] = ()      # what it publishes as 重点领域信息 (社会救助, 婚姻登记 …)
    assistance: tuple[str, ...] = ()    # its 行业帮扶 fields (农村公路建设, 通村客运 …)

    def line(self, title: str) -> WorkLine | None:
        return next((w for w in self.work if w.title == title), None)

    def slots(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for w in self.work:
            for s in w.slots:
                seen.setdefault(s, None)
        return tuple(seen)


# A unit of these levels without a profile of its own (a 乡 party committee, a
# 社区党委) is written as its level's basic unit.
_LEVEL_DEFAULT = {"乡镇": "乡镇人民政府", "街道": "街道办事处", "社区": "社区居民委员会"}


@dataclass(frozen=True)
class Departments:
    profiles: dict[str, DepartmentProfile]

    def get(self, department: str | None) -> DepartmentProfile | None:
        return self.profiles.get(department or "")

    def for_profile(self, profile) -> DepartmentProfile | None:
        """The profile of a UnitProfile (department, else the level's basic unit)."""
        dep = self.get(getattr(profile, "department", None))
        if dep is not None:
            return dep
        return self.get(_LEVEL_DEFAULT.get(getattr(profile, "level", None) or ""))


def _error(path, where: str, what: str):
    from drafter.errors import DrafterError

    return DrafterError(f"数据表 {path} 中的“{where}”{what}。", hint="请检查该项（修改前可先备份）。")


def _strings(raw: Any, path, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _error(path, where, "应是列表")
    return tuple(str(x) for x in raw if x is not None and str(x))


def _work_line(raw: Any, path, where: str) -> WorkLine:
    if not isinstance(raw, dict) or not raw.get("title"):
        raise _error(path, where, "应是带 title 的键值对")
    return WorkLine(str(raw["title"]), _strings(raw.get("keywords"), path, where + ".keywords"),
                    _strings(raw.get("actions"), path, where + ".actions"),
                    _strings(raw.get("slots"), path, where + ".slots"))


def parse_departments(raw: Any, path) -> Departments:
    if not isinstance(raw, dict) or not isinstance(raw.get("departments"), dict):
        raise _error(path, "departments", "应是以部门名称为键的键值对")
    profiles = {}
    for name, item in raw["departments"].items():
        where = f"departments.{name}"
        if not isinstance(item, dict):
            raise _error(path, where, "应是键值对")
        work = tuple(_work_line(w, path, f"{where}.work 第 {i + 1} 项") for i, w in enumerate(item.get("work") or []))
        profiles[str(name)] = DepartmentProfile(
            department=str(name), family=str(item.get("family") or ""),
            levels=_strings(item.get("levels"), path, where + ".levels"), work=work,
            problems=_strings(item.get("problems"), path, where + ".problems"),
            plans=_strings(item.get("plans"), path, where + ".plans"),
            openness=_strings(item.get("openness"), path, where + ".openness"),
            assistance=_strings(item.get("assistance"), path, where + ".assistance"))
    return Departments(profiles)


@lru_cache(maxsize=1)
def departments() -> Departments:
    """drafter/data/departments.yaml, typed, read once per process."""
    from drafter.datafiles import read_table
    from drafter.paths import data_file

    path = data_file("departments.yaml")
    return parse_departments(read_table(path), path)

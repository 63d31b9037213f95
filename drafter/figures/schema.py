"""The figures-file schema: one unit's figures file as a pydantic model.

    spec = UnitSpec.model_validate(mapping)   # pydantic ValidationError on bad input
    spec.to_yaml()                            # the same format back (round-trips)
    json_schema()                             # what `drafter schema` prints

The validators' messages are Chinese; drafter.figures.messages turns pydantic's
own errors into Chinese, drafter.figures.load adds the file and the line.
Other spellings of a theme, a level and "auto" are data: drafter/data/aliases.yaml.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from drafter.datafiles import read_table
from drafter.errors import DrafterError
from drafter.figures.limits import (MAX_LIST_ITEMS, MAX_TEXT_CHARS, MAX_UNIT_CHARS, MAX_WORK_TITLE_CHARS, MAX_YEAR,
                                    MIN_YEAR)
from drafter.figures.values import parse_date
from drafter.models import LEVELS, THEMES
from drafter.textutil import clean_text, show_value


@dataclass(frozen=True)
class Aliases:
    """drafter/data/aliases.yaml: other spellings -> the schema's values."""

    themes: Mapping[str, str]     # written theme (spaces removed) -> one of THEMES
    levels: Mapping[str, str]     # other name -> one of LEVELS
    auto: frozenset[str]          # words for "auto" (lower case), "" included


@lru_cache(maxsize=1)
def aliases() -> Aliases:
    """The alias table, read once per process (DrafterError names a broken table)."""
    from drafter.paths import data_file

    path = data_file("aliases.yaml")
    raw = read_table(path)
    try:
        themes = {str(k): str(v) for k, v in (raw.get("themes") or {}).items()}
        levels = {str(k): str(v) for k, v in (raw.get("levels") or {}).items()}
        auto = frozenset(str(w).lower() for w in (raw.get("auto") or ())) | {""}
    except (AttributeError, TypeError):
        raise DrafterError(f"数据表 {path} 格式错误：themes 和 levels 应为“写法: 取值”的键值对，auto 应为列表",
                           hint="请对照文件开头的说明修改。") from None
    bad = [v for v in themes.values() if v not in THEMES] + [v for v in levels.values() if v not in LEVELS]
    if bad:
        raise DrafterError(f"数据表 {path} 中的取值「{bad[0]}」不是已知的总结类别或层级",
                           hint="总结类别：" + " | ".join(THEMES) + "；层级：" + " | ".join(LEVELS))
    return Aliases(themes, levels, auto)


def default_year(today: _dt.date | None = None) -> int:
    """The year a summary is usually about: this year, or last year before March."""
    today = today or _dt.date.today()
    return today.year - 1 if today.month < 3 else today.year


# ---------------------------------------------------------------------------
# Models


class Signature(BaseModel):
    """落款: unit name (default: the unit) and date (default: none given)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    date: _dt.date | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v):
        if v is None:
            return None
        if not isinstance(v, str):
            raise ValueError("落款单位应为文字")
        v = clean_text(v)
        return v or None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v):
        if v is None or isinstance(v, _dt.date):
            return v.date() if isinstance(v, _dt.datetime) else v
        if isinstance(v, str):
            d = parse_date(v)
            if d is None:
                raise ValueError("日期格式不对，应写成 2026-12-20 或 2026年12月20日")
            return d
        raise ValueError("日期格式不对，应写成 2026-12-20 或 2026年12月20日")



def _figures_mapping(v) -> dict:
    """figures: (top-level or of a line of work): slot names cleaned, values as given."""
    if v is None:
        return {}
    if not isinstance(v, Mapping):
        raise ValueError("figures 应为“数据项名称: 数值”的键值对")
    return {clean_text(str(k)): val for k, val in v.items()}


def _required_text(v, what: str, example: str) -> str:
    """A required text value, cleaned of control characters: ValueError (Chinese) otherwise."""
    if not isinstance(v, str):
        raise ValueError(f"{what}应为文字，如 {example}")
    v = clean_text(v)
    if not v:
        raise ValueError(f"{what}不能为空")
    return v


class WorkItem(BaseModel):
    """One line of the unit's work (年度综合): its title, the clerk's own points
    and the figures that belong to it."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(description=f"工作名称（必填，最多 {MAX_WORK_TITLE_CHARS} 字），如 安全生产专项整治")
    points: list[str] = Field(default_factory=list, description="这项工作的要点：自己的句子或短语，原文写入")
    figures: dict[str, Any] = Field(default_factory=dict, description="这项工作的数据：数据项名称 → 数值，写在这项工作之下")

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, v):
        v = _required_text(v, "工作名称", "安全生产专项整治")
        if len(v) > MAX_WORK_TITLE_CHARS:
            raise ValueError(f"工作名称过长（{len(v)} 字，最多 {MAX_WORK_TITLE_CHARS} 字），写成短标题，如 安全生产专项整治")
        return v.rstrip("。；;，,")

    @field_validator("points", mode="before")
    @classmethod
    def _points(cls, v):
        return _text_list(v, "points")

    @field_validator("figures", mode="before")
    @classmethod
    def _figures(cls, v):
        return _figures_mapping(v)

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"title": self.title}
        if self.points:
            out["points"] = list(self.points)
        if self.figures:
            out["figures"] = dict(self.figures)
        return out


class UnitSpec(BaseModel):
    """One unit's figures file (also the wizard's answers file)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    unit: str = Field(description="单位全称，如 某某县民政局（必填）")
    year: int = Field(default_factory=default_year, description="报告年度，如 2026")
    theme: str | None = Field(default=None, description="总结类别：政务公开 | 年度综合 | 乡村振兴·帮扶；不填则按单位名称推断")
    with_plan: bool = Field(default=False, description="标题是否为“……工作总结及下一年度工作思路”")
    level: str | None = Field(default=None, description="行政层级（不填则推断）：" + " | ".join(LEVELS))
    department: str | None = Field(default=None, description="部门（不填则推断），如 民政局")
    family: str | None = Field(default=None, description="部门系统（不填则推断），如 民政社保")
    figures: dict[str, Any] = Field(default_factory=dict, description="数据项名称 → 数值/百分比/日期；可用名称见 drafter slots")
    work: list[WorkItem] = Field(default_factory=list, description="年度综合：本单位的各项工作，按报告顺序，每项 {title, points, figures}；不填则按部门的常见工作起草")
    highlights: list[str] = Field(default_factory=list, description="本单位想写入的工作亮点（原文照录）")
    problems: Literal["auto"] | list[str] = Field(default="auto", description="auto（从短语库选取）或自己写的问题列表")
    plans: Literal["auto"] | list[str] = Field(default="auto", description="auto（从短语库选取）或自己写的打算列表")
    signature: Signature = Field(default_factory=Signature, description="落款：name 单位名称，date 成文日期")
    seed: int = Field(default=0, description="随机种子：同一种子生成同一份稿件，换一个数字可换一种写法")

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, v):
        v = _required_text(v, "单位名称", "某某县民政局")
        if not re.search(r"[^\W\d_]", v):
            raise ValueError(f"单位名称“{show_value(v)}”中没有文字，应写单位全称，如 某某县民政局")
        if len(v) > MAX_UNIT_CHARS:
            raise ValueError(f"单位名称过长（{len(v)} 字，最多 {MAX_UNIT_CHARS} 字）")
        return v

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, v):
        if isinstance(v, bool) or not isinstance(v, (int, str)):
            raise ValueError("年度应为四位数年份，如 2026")
        if isinstance(v, str):
            s = v.strip().removesuffix("年度").removesuffix("年")
            if not re.fullmatch(r"\d{4}", s):
                raise ValueError(f"“{show_value(v)}”不是年份，应为四位数年份，如 2026")
            v = int(s)
        if not MIN_YEAR <= v <= MAX_YEAR:
            raise ValueError(f"“{show_value(v)}”不是合理的年份（应在 {MIN_YEAR}–{MAX_YEAR} 之间）")
        return v

    @field_validator("theme", mode="before")
    @classmethod
    def _theme(cls, v):
        if v is None:
            return None
        if not isinstance(v, str):
            raise ValueError("总结类别应为：" + " | ".join(THEMES))
        key = clean_text(v).replace(" ", "")
        themes = aliases().themes
        if key in themes:
            return themes[key]
        raise ValueError(f"未知的总结类别“{show_value(v)}”，应为：" + " | ".join(THEMES))

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, v):
        if v is None:
            return None
        v = clean_text(str(v))
        v = aliases().levels.get(v, v)
        if v not in LEVELS:
            raise ValueError(f"未知的层级“{show_value(v)}”，应为：" + " | ".join(LEVELS))
        return v

    @field_validator("department", "family", mode="before")
    @classmethod
    def _short_text(cls, v):
        if v is None:
            return None
        if not isinstance(v, str):
            raise ValueError("应为文字")
        return clean_text(v) or None

    @field_validator("figures", mode="before")
    @classmethod
    def _figures(cls, v):
        return _figures_mapping(v)

    @field_validator("work", mode="before")
    @classmethod
    def _work(cls, v):
        if v is None:
            return []
        if isinstance(v, Mapping) or isinstance(v, str) or not isinstance(v, list):
            raise ValueError("work 应为列表，每项以“- title: 工作名称”开头")
        if len(v) > MAX_LIST_ITEMS:
            raise ValueError(f"工作条目过多（{len(v)} 项，最多 {MAX_LIST_ITEMS} 项）")
        # a bare title is a work item without points or figures
        v = [{"title": item} if isinstance(item, str) else item for item in v]
        first: dict[str, int] = {}
        for i, item in enumerate(v, 1):
            title = item.get("title") if isinstance(item, Mapping) else None
            if isinstance(title, str):
                key = clean_text(title)
                if key in first:
                    raise ValueError(f"第 {i} 项与第 {first[key]} 项的工作名称重复，请合并")
                first[key] = i
        return v

    def all_figures(self) -> dict[str, Any]:
        """Top-level figures and those of every work item (a work item's figure
        wins over a top-level one of the same name only where it is written)."""
        out = dict(self.figures)
        for w in self.work:
            for k, v in w.figures.items():
                out.setdefault(k, v)
        return out

    @field_validator("highlights", mode="before")
    @classmethod
    def _highlights(cls, v):
        return _text_list(v, "highlights")

    @field_validator("problems", "plans", mode="before")
    @classmethod
    def _auto_or_list(cls, v):
        if v is None:
            return "auto"
        if isinstance(v, str):
            if v.strip().lower() in aliases().auto:
                return "auto"
            return _text_list([v], "")
        items = _text_list(v, "")
        return items or "auto"

    @field_validator("seed", mode="before")
    @classmethod
    def _seed(cls, v):
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError("seed 应为整数，如 7")
        return v

    # -- helpers ----------------------------------------------------------

    def signature_name(self) -> str:
        return self.signature.name or self.unit

    def to_dict(self) -> dict:
        """Plain data in schema order, leaving out unset optional keys."""
        out: dict[str, Any] = {"unit": self.unit, "year": self.year}
        if self.theme:
            out["theme"] = self.theme
        out["with_plan"] = self.with_plan
        for key in ("level", "department", "family"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        out["figures"] = dict(self.figures)  # 98.0 stays 98.0, as written
        if self.work:
            out["work"] = [w.to_dict() for w in self.work]
        out["highlights"] = list(self.highlights)
        out["problems"] = self.problems if self.problems == "auto" else list(self.problems)
        out["plans"] = self.plans if self.plans == "auto" else list(self.plans)
        sig: dict[str, Any] = {}
        if self.signature.name:
            sig["name"] = self.signature.name
        if self.signature.date:
            sig["date"] = self.signature.date
        if sig:
            out["signature"] = sig
        out["seed"] = self.seed
        return out

    def to_yaml(self, *, header: str | None = None) -> str:
        """The same YAML format `load_figures` reads (round-trips)."""
        text = yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=1000)
        if header:
            lines = "".join(f"# {h}\n" if h else "#\n" for h in header.splitlines())
            text = lines + text
        return text


def _text_list(v, key: str) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list):
        raise ValueError("应为列表，每项一行，以“- ”开头")
    if len(v) > MAX_LIST_ITEMS:
        raise ValueError(f"条目过多（{len(v)} 条，最多 {MAX_LIST_ITEMS} 条）")
    out = []
    first: dict[str, int] = {}
    for i, item in enumerate(v, 1):
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str):
            raise ValueError(f"第 {i} 项应为一句文字")
        text = clean_text(item)
        if len(text) > MAX_TEXT_CHARS:
            raise ValueError(f"第 {i} 项过长（{len(text)} 字，最多 {MAX_TEXT_CHARS} 字）")
        if text in first:
            raise ValueError(f"第 {i} 项与第 {first[text]} 项重复，请删去一项")
        if text:
            first[text] = i
            out.append(text)
    return out


def json_schema() -> dict:
    """JSON schema of one unit's figures file."""
    return UnitSpec.model_json_schema()

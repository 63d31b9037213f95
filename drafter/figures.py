"""Figures files: the YAML a user (or the wizard) writes for one unit or many.

One schema for `drafter draft`, `drafter bulk` and the wizard's saved answers::

    unit: 某某县民政局            # required
    year: 2026                   # report year (default: this year; before March, last year)
    theme: 政务公开               # 政务公开 | 年度综合 | 乡村振兴·帮扶 (default: inferred)
    with_plan: false             # title …工作总结及2027年工作思路
    level: 县                    # optional overrides of the inferred profile
    department: 民政局
    family: 民政社保
    figures:                     # slot name -> number / percent / date
      主动公开信息数: 1530
    highlights: ["…"]            # the unit's own items, kept verbatim
    problems: auto               # auto (from the phrase bank) | list of own sentences
    plans: auto
    signature: {name: 某某县民政局, date: 2026-12-20}
    seed: 7

A bulk file has ``defaults:`` (any key above but ``unit``) and ``units:``
(a list of such mappings); a unit's keys win over the defaults, and its
``figures`` are merged into the default figures.

Public API (used by drafting, the wizard and the checker):

    load_figures(path, slots=None) -> UnitSpec           # raises InputError
    load_bulk(path, slots=None) -> BulkSpec              # per-unit errors collected
    parse_figures_text(text, source="…", slots=None) -> UnitSpec
    validate_figures(figures, slots=None, *, theme=None) -> (normalised dict, list[Issue])
    validate_figure(name, value, slots=None) -> (normalised value, error message | None)
    UnitSpec.to_yaml() -> str                            # same format back
    slot_catalogue(bank_dir=None) -> dict[str, slot]     # the slots figures may use

Every message is Chinese and names the file, the unit, the key and the line.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from drafter.errors import DrafterError, InputError
from drafter.models import LEVELS, THEMES
from drafter.slots import Slot, load_catalogue
from drafter.textutil import UNENCODABLE as _UNENCODABLE
from drafter.textutil import DecodeError, clean_text, decode_text
from drafter.textutil import show_value as _show

# Limits against hostile or broken input.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000     # YAML alias expansion budget ("billion laughs")
MAX_TEXT_CHARS = 2000            # one highlight / problem / plan item
MAX_LIST_ITEMS = 100             # highlights / problems / plans
MAX_UNIT_CHARS = 300
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_DIGITS = 30                  # longer numbers are read as text (never int() on them)

THEME_ALIASES = {
    "政务公开": "政务公开",
    "政府信息公开": "政务公开",
    "信息公开": "政务公开",
    "年度综合": "年度综合",
    "综合": "年度综合",
    "年度": "年度综合",
    "年度工作": "年度综合",
    "工作总结": "年度综合",
    "乡村振兴·帮扶": "乡村振兴·帮扶",
    "乡村振兴帮扶": "乡村振兴·帮扶",
    "乡村振兴": "乡村振兴·帮扶",
    "帮扶": "乡村振兴·帮扶",
    "乡村振兴-帮扶": "乡村振兴·帮扶",
    "乡村振兴・帮扶": "乡村振兴·帮扶",
}

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
    highlights: list[str] = Field(default_factory=list, description="本单位想写入的工作亮点（原文照录）")
    problems: Literal["auto"] | list[str] = Field(default="auto", description="auto（从短语库选取）或自己写的问题列表")
    plans: Literal["auto"] | list[str] = Field(default="auto", description="auto（从短语库选取）或自己写的打算列表")
    signature: Signature = Field(default_factory=Signature, description="落款：name 单位名称，date 成文日期")
    seed: int = Field(default=0, description="随机种子：同一种子生成同一份稿件，换一个数字可换一种写法")

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, v):
        if not isinstance(v, str):
            raise ValueError("单位名称应为文字，如 某某县民政局")
        v = clean_text(v)
        if not v:
            raise ValueError("单位名称不能为空")
        if not re.search(r"[^\W\d_]", v):
            raise ValueError(f"单位名称“{_show(v)}”中没有文字，应写单位全称，如 某某县民政局")
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
                raise ValueError(f"“{_show(v)}”不是年份，应为四位数年份，如 2026")
            v = int(s)
        if not MIN_YEAR <= v <= MAX_YEAR:
            raise ValueError(f"“{_show(v)}”不是合理的年份（应在 {MIN_YEAR}–{MAX_YEAR} 之间）")
        return v

    @field_validator("theme", mode="before")
    @classmethod
    def _theme(cls, v):
        if v is None:
            return None
        if not isinstance(v, str):
            raise ValueError("总结类别应为：" + " | ".join(THEMES))
        key = clean_text(v).replace(" ", "")
        if key in THEME_ALIASES:
            return THEME_ALIASES[key]
        raise ValueError(f"未知的总结类别“{_show(v)}”，应为：" + " | ".join(THEMES))

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, v):
        if v is None:
            return None
        v = clean_text(str(v))
        if v in ("镇", "乡"):
            v = "乡镇"
        if v not in LEVELS:
            raise ValueError(f"未知的层级“{_show(v)}”，应为：" + " | ".join(LEVELS))
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
        if v is None:
            return {}
        if not isinstance(v, Mapping):
            raise ValueError("figures 应为“数据项名称: 数值”的键值对")
        return {clean_text(str(k)): val for k, val in v.items()}

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
            if v.strip().lower() in ("auto", "自动", ""):
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
        out["figures"] = {k: _plain(v) for k, v in self.figures.items()}
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


def _plain(v):
    if isinstance(v, float) and v.is_integer() and not isinstance(v, bool):
        return v  # keep 98.0 as written
    return v


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


# ---------------------------------------------------------------------------
# Slot catalogue


_CATALOGUE_CACHE: dict[str, dict] = {}


def slot_catalogue(bank_dir: str | Path | None = None) -> dict[str, Slot]:
    """Slots a figures file may use: the phrase bank's slots.json if it can be
    read, else the curated drafter/data/slots.yaml. Cached per source."""
    from drafter import paths

    bank = Path(bank_dir) if bank_dir else paths.phrasebank_dir()
    for cand in (bank / "slots.json", paths.data_file("slots.yaml")):
        key = str(cand)
        if key in _CATALOGUE_CACHE:
            return _CATALOGUE_CACHE[key]
        if cand.is_file():
            try:
                cat = load_catalogue(cand).for_figures()
            except DrafterError:
                continue
            if cat:
                _CATALOGUE_CACHE[key] = cat
                return cat
    return {}


def _catalogue(slots) -> Mapping[str, Any]:
    if slots is None:
        return slot_catalogue()
    return slots


# ---------------------------------------------------------------------------
# Figure values

_NUM_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+-]?\d+(?:\.\d+)?$")
_DATE_RES = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


def parse_date(text: str) -> _dt.date | None:
    s = clean_text(text).replace(" ", "")
    for rx in _DATE_RES:
        m = rx.match(s)
        if m:
            try:
                return _dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _to_number(value) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        s = clean_text(value).replace(" ", "").replace("，", ",")
        if _NUM_RE.match(s):
            s = s.replace(",", "")
            return float(s) if "." in s else int(s)
    return None


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def validate_figure(name: str, value, slots=None) -> tuple[Any, str | None]:
    """Check one figure against its slot. Returns (normalised value, None) or
    (None, Chinese message). Used by the wizard while the user types."""
    cat = _catalogue(slots)
    slot = cat.get(name) if cat else None
    if cat and slot is None:
        return None, unknown_slot_message(name, cat)
    stype = (slot.type or "int") if slot is not None else _guess_type(value)
    label = name
    if stype == "date":
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return value, None
        d = parse_date(str(value)) if isinstance(value, str) else None
        if d is None:
            return None, f"“{_show(value)}”不是日期，应写成 2026-12-15 或 2026年12月15日"
        return d, None
    if stype == "text":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return None, "应为一段文字"
        text = clean_text(str(value))
        if not text:
            return None, "不能为空"
        return text, None
    raw = value
    percent_sign = False
    if isinstance(value, str) and clean_text(value).endswith(("%", "％")):
        percent_sign = True
        value = clean_text(value)[:-1]
    if isinstance(value, str) and len(re.sub(r"\D", "", value)) > MAX_DIGITS:
        return None, f"“{_show(raw)}”位数太多，大得不合理，请检查"
    num = _to_number(value)
    if num is None:
        if isinstance(raw, (list, dict)):
            return None, "应为一个数值，不是列表或键值对"
        return None, f"“{_show(raw)}”不是数值" + ("，百分比写成 98.5 或 98.5%" if stype == "percent" else "")
    if percent_sign and stype != "percent":
        return None, f"“{_show(raw)}”带了百分号，但「{label}」不是百分比"
    lo = slot.min if slot is not None else None
    hi = slot.max if slot is not None else None
    if stype == "int":
        if isinstance(num, float):
            if not num.is_integer():
                return None, f"“{_show(raw)}”应为整数（个数、次数、条数不能有小数）"
            num = int(num)
        if num < (lo if lo is not None else 0):
            return None, f"“{_show(raw)}”不能为负数" if (lo is None or lo >= 0) and num < 0 else f"“{_show(raw)}”不能小于 {_fmt(lo)}"
    elif stype == "percent":
        lo = 0 if lo is None else lo
        hi = 100 if hi is None else hi
        if num < lo:
            return None, f"“{_show(raw)}”不能为负数" if lo >= 0 and num < 0 else f"“{_show(raw)}”不能小于 {_fmt(lo)}%"
        if num > hi:
            return None, f"百分比“{_show(raw)}”超过了 {_fmt(hi)}%"
    else:  # decimal
        if lo is None:
            lo = 0
        if num < lo:
            return None, f"“{_show(raw)}”不能为负数" if lo >= 0 and num < 0 else f"“{_show(raw)}”不能小于 {_fmt(lo)}"
    if hi is not None and stype != "percent" and num > hi:
        return None, f"“{_show(raw)}”超出合理范围（最大 {_fmt(hi)}）"
    if stype != "percent" and abs(num) >= 10**12:
        return None, f"“{_show(raw)}”大得不合理，请检查"
    return num, None


def _guess_type(value) -> str:
    if isinstance(value, _dt.date):
        return "date"
    if isinstance(value, float):
        return "decimal"
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        return "percent"
    return "int"


def unknown_slot_message(name: str, cat: Mapping[str, Any]) -> str:
    names = list(cat)
    labels = {s.label: n for n, s in cat.items() if s.label}
    near = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    for lab in difflib.get_close_matches(name, list(labels), n=3, cutoff=0.5):
        if labels[lab] not in near:
            near.append(labels[lab])
    if not near:
        # share of common characters, for names that differ in length a lot
        scored = sorted(names, key=lambda n: -len(set(n) & set(name)) / max(len(set(n) | set(name)), 1))
        near = [n for n in scored[:3] if set(n) & set(name)]
    msg = f"未知的数据项「{name}」"
    if near:
        msg += "，是否想写：" + "、".join(near[:3]) + "？"
    return msg + "（用 drafter slots 查看全部数据项）"


@dataclass
class Issue:
    """One validation problem: where (key path, line) and what (Chinese)."""

    path: tuple
    message: str
    line: int | None = None
    severity: str = "error"

    def key(self) -> str:
        parts = []
        for p in self.path:
            if isinstance(p, int):
                parts.append(f"[{p + 1}]")
            else:
                parts.append(("." if parts else "") + str(p))
        return "".join(parts)


def validate_figures(figures: Mapping[str, Any], slots=None, *, theme: str | None = None) -> tuple[dict, list[Issue]]:
    """Check every figure against the catalogue: unknown names (with the nearest
    valid ones), types, negative counts, percentages over 100, a part larger
    than its whole (slot part_of). Returns (normalised figures, issues); issue
    paths are ("figures", name)."""
    cat = _catalogue(slots)
    out: dict[str, Any] = {}
    issues: list[Issue] = []
    for name, value in figures.items():
        if value is None:
            issues.append(Issue(("figures", name), f"「{name}」没有填数值（不需要就删去这一行）"))
            continue
        norm, err = validate_figure(name, value, cat if cat else None)
        if err:
            issues.append(Issue(("figures", name), err))
        else:
            out[name] = norm
    for name, value in out.items():
        slot = cat.get(name) if cat else None
        whole = slot.part_of if slot is not None else None
        if whole and whole in out and isinstance(value, (int, float)) and isinstance(out[whole], (int, float)):
            if value > out[whole]:
                issues.append(Issue(
                    ("figures", name),
                    f"「{name}」（{_fmt(value)}）不能大于它所属的「{whole}」（{_fmt(out[whole])}）",
                ))
    return out, issues


# ---------------------------------------------------------------------------
# YAML with line numbers


class _Located:
    """A composed YAML document: the data plus the node tree for line lookup."""

    def __init__(self, data, root):
        self.data = data
        self.root = root

    def line_of(self, path: Iterable) -> int | None:
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in path:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and clean_text(k.value) == str(part):
                        nxt = v
                        key_line = k.start_mark.line + 1
                        break
                else:
                    return line
                line = key_line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    nxt = node.value[part]
                    line = nxt.start_mark.line + 1
                else:
                    return line
            else:
                return line
            node = nxt
        return line


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads an integer of more than MAX_DIGITS digits as text,
    so validation names its key and line instead of int() choking on it."""


def _construct_int(loader, node):
    if len(node.value) > MAX_DIGITS:
        return loader.construct_scalar(node)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    line = before.count("\n")
    return line + 1, position - (before.rfind("\n") + 1) + 1


def _yaml_error(source: str, exc: yaml.YAMLError, text: str = "") -> InputError:
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _line_col(text, exc.position)
        char = exc.character
        code = f"U+{ord(char):04X}" if isinstance(char, str) else f"0x{char:02X}"
        return InputError(
            f"{source}：第 {line} 行第 {col} 列有不可见的控制字符（{code}），YAML 格式错误",
            hint="请删去这个字符（常见于从网页或其他软件复制来的文字），或把整段文字重新输入一遍。",
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "某处"
    problem = getattr(exc, "problem", None) or str(exc)
    return InputError(
        f"{source}：{where} YAML 格式错误（{problem}）",
        hint="请检查这一行及上一行的缩进、冒号后是否有空格、引号和括号是否成对。",
    )


def _count_expanded(node, budget: int) -> int:
    """Count nodes with aliases expanded, stopping once budget is exceeded."""
    count = 0
    stack = [node]
    while stack:
        n = stack.pop()
        count += 1
        if count > budget:
            return count
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return count


def _clean_scalars(node) -> None:
    """Drop lone surrogates and noncharacters (written as escapes in quoted
    scalars) from every scalar, keys included: they cannot be encoded."""
    seen = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, yaml.ScalarNode):
            if isinstance(n.value, str) and _UNENCODABLE.search(n.value):
                n.value = _UNENCODABLE.sub("", n.value)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _duplicate_keys(node, path=()) -> list[tuple[tuple, int, str]]:
    found = []
    seen_nodes = set()
    stack = [(node, path)]
    while stack:
        n, p = stack.pop()
        if id(n) in seen_nodes:
            continue
        seen_nodes.add(id(n))
        if isinstance(n, yaml.MappingNode):
            keys: dict[str, int] = {}
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    name = clean_text(k.value)
                    if name in keys and name != "<<":
                        found.append((p, k.start_mark.line + 1, name))
                    keys[name] = 1
                    stack.append((v, p + (name,)))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                stack.append((v, p + (i,)))
    return found


def read_yaml(text: str, source: str) -> _Located:
    """Parse YAML safely: size limit, alias-expansion budget, duplicate keys,
    errors with line numbers (InputError)."""
    if len(text.encode("utf-8", "ignore")) > MAX_FILE_BYTES:
        raise InputError(f"{source}：文件过大（超过 {MAX_FILE_BYTES // (1024 * 1024)} MB），不像是数据文件。")
    loader = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
        if root is None:
            raise InputError(f"{source}：文件是空的", hint="至少需要写 unit: 单位名称。可运行 drafter schema 查看格式。")
        if _count_expanded(root, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES:
            raise InputError(
                f"{source}：YAML 别名（&/*）展开后过大，已拒绝读取",
                hint="数据文件不需要大量别名引用，请直接写出内容。",
            )
        dups = _duplicate_keys(root)
        if dups:
            p, line, name = sorted(dups, key=lambda d: d[1])[0]
            raise InputError(f"{source}：第 {line} 行，键「{name}」重复出现", hint="同一层级的键只能写一次，请删去或合并重复的一项。")
        _clean_scalars(root)
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise _yaml_error(source, exc, text) from None
    except RecursionError:
        raise InputError(f"{source}：YAML 嵌套过深或含循环引用，已拒绝读取") from None
    except (ValueError, OverflowError) as exc:  # a scalar the constructor cannot take
        raise InputError(f"{source}：有无法读取的值（{_show(exc, 80)}）", hint="请检查数字和日期的写法。") from None
    finally:
        if loader is not None:
            loader.dispose()
    return _Located(data, root)


def _read_file(path: str | Path) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"找不到数据文件：{p}（{exc.strerror or exc}）", hint="请检查文件路径。") from None
    if p.is_dir():
        raise InputError(f"{p} 是一个文件夹，不是数据文件", hint="请给出 .yaml 文件的路径。")
    if size > MAX_FILE_BYTES:
        raise InputError(f"{p}：文件过大（{size // 1024} KB），不像是数据文件。")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取数据文件：{p}（{exc.strerror or exc}）") from None
    try:
        return decode_text(data)[0]
    except DecodeError as exc:
        if exc.kind == "binary":
            raise InputError(f"{p}：这不是文本文件", hint="数据文件应为 UTF-8 编码的 YAML 文本。") from None
        raise InputError(f"{p}：无法识别文件编码", hint="请另存为 UTF-8 编码。") from None


# ---------------------------------------------------------------------------
# Pydantic errors -> Chinese

_FIELD_NAMES = list(UnitSpec.model_fields)
_SIG_FIELDS = list(Signature.model_fields)


def _pyd_message(err: dict) -> str:
    etype = err.get("type", "")
    loc = err.get("loc", ())
    if etype == "missing":
        if loc and loc[-1] == "unit":
            return "缺少单位名称（unit），如 unit: 某某县民政局"
        return "缺少必填项"
    if etype == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        fields = _SIG_FIELDS if len(loc) >= 2 and loc[-2] == "signature" else _FIELD_NAMES
        near = difflib.get_close_matches(name, fields, n=2, cutoff=0.5)
        msg = f"未知的键「{name}」"
        if near:
            msg += "，是否想写：" + "、".join(near) + "？"
        else:
            msg += "，可用的键：" + "、".join(fields)
        return msg
    if etype == "value_error":
        ctx = err.get("ctx") or {}
        e = ctx.get("error")
        return str(e) if e else err.get("msg", "").removeprefix("Value error, ")
    if etype in ("int_type", "int_parsing", "int_from_float"):
        return "应为整数"
    if etype in ("bool_type", "bool_parsing"):
        return "应为 true 或 false"
    if etype in ("string_type",):
        return "应为文字"
    if etype in ("list_type",):
        return "应为列表，每项一行，以“- ”开头"
    if etype in ("dict_type", "model_type", "model_attributes_type"):
        return "应为键值对（下一行缩进写 键: 值）"
    if etype == "literal_error":
        if loc and loc[0] in ("problems", "plans"):
            return "应为 auto 或一个列表（每项一行，以“- ”开头）"
        return "取值不对：" + str((err.get("ctx") or {}).get("expected", ""))
    if etype.startswith("date"):
        return "日期格式不对，应写成 2026-12-20"
    return err.get("msg", "格式不对")


def _clean_loc(loc: tuple) -> tuple:
    # pydantic adds union branch names ("list[str]", "literal['auto']"): drop them
    out = []
    for part in loc:
        if isinstance(part, str) and ("[" in part or part.startswith(("literal", "function"))):
            continue
        out.append(part)
    return tuple(out)


def _validate_mapping(raw, located: _Located, base: tuple, slots) -> tuple[UnitSpec | None, list[Issue]]:
    issues: list[Issue] = []
    if not isinstance(raw, Mapping):
        issues.append(Issue(base, "应为键值对（unit: 单位名称 …）", located.line_of(base)))
        return None, issues
    spec = None
    try:
        spec = UnitSpec.model_validate(dict(raw))
    except ValidationError as exc:
        seen = set()
        for err in exc.errors(include_url=False):
            loc = _clean_loc(tuple(err.get("loc", ())))
            msg = _pyd_message(err)
            if (loc[:1], msg) in seen:
                continue
            seen.add((loc[:1], msg))
            item = re.match(r"第 (\d+) 项", msg)
            if item and len(loc) == 1 and loc[0] in ("highlights", "problems", "plans"):
                loc = loc + (int(item[1]) - 1,)   # point at the list item itself
            issues.append(Issue(loc, msg, located.line_of(base + loc)))
    figs = raw.get("figures") if isinstance(raw.get("figures"), Mapping) else {}
    theme = spec.theme if spec else None
    cleaned = {clean_text(str(k)): v for k, v in figs.items()}
    norm, fig_issues = validate_figures(cleaned, slots, theme=theme)
    for iss in fig_issues:
        iss.line = located.line_of(base + iss.path)
        issues.append(iss)
    if spec is not None and not issues:
        spec.figures = norm
    return (spec if not issues else None), issues


def _format_issues(source: str, unit: str | None, issues: list[Issue]) -> str:
    lines = []
    for iss in sorted(issues, key=lambda i: (i.line or 0)):
        where = [source]
        if unit:
            where.append(f"单位「{unit}」")
        if iss.line:
            where.append(f"第 {iss.line} 行")
        key = iss.key()
        if key:
            where.append(f"键 {key}")
        lines.append("，".join(where) + "：" + iss.message)
    return "\n".join(lines)


def parse_figures_text(text: str, source: str = "数据文件", slots=None) -> UnitSpec:
    """Validate one unit's figures given as YAML text (raises InputError)."""
    located = read_yaml(text, source)
    data = located.data
    if isinstance(data, Mapping) and "units" in data and "unit" not in data:
        raise InputError(f"{source}：这是批量文件（含 units:），请用 drafter bulk 处理", hint="drafter bulk 文件名 -o 输出目录/")
    unit = data.get("unit") if isinstance(data, Mapping) and isinstance(data.get("unit"), str) else None
    spec, issues = _validate_mapping(data, located, (), slots)
    if issues:
        n = len(issues)
        raise InputError(
            f"数据文件有 {n} 处错误：\n" + _format_issues(source, unit, issues),
            hint="改正后重新运行；drafter schema 可查看格式，drafter slots 可查看数据项名称。",
        )
    return spec


def load_figures(path: str | Path, slots=None) -> UnitSpec:
    """Load and validate one unit's figures file (raises InputError)."""
    return parse_figures_text(_read_file(path), source=str(path), slots=slots)


# ---------------------------------------------------------------------------
# Bulk


@dataclass
class BulkUnit:
    """One entry of a bulk file: a valid spec, or the errors that stop it."""

    index: int                  # 0-based position in units:
    name: str                   # unit name as written (or "第N个单位")
    line: int | None
    spec: UnitSpec | None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.spec is not None


@dataclass
class BulkSpec:
    source: str
    defaults: dict
    units: list[BulkUnit]

    @property
    def valid(self) -> list[UnitSpec]:
        return [u.spec for u in self.units if u.spec is not None]

    @property
    def failed(self) -> list[BulkUnit]:
        return [u for u in self.units if u.spec is None]


_MERGED_DICT_KEYS = ("figures", "signature")


def merge_defaults(defaults: Mapping, unit: Mapping) -> dict:
    """A unit's keys win; figures and signature are merged key by key."""
    out = dict(defaults)
    for k, v in unit.items():
        if k in _MERGED_DICT_KEYS and isinstance(v, Mapping) and isinstance(out.get(k), Mapping):
            merged = dict(out[k])
            merged.update(v)
            out[k] = merged
        else:
            out[k] = v
    return out


def parse_bulk_text(text: str, source: str = "批量文件", slots=None) -> BulkSpec:
    located = read_yaml(text, source)
    data = located.data
    if isinstance(data, Mapping) and "unit" in data and "units" not in data:
        data_units = [data]
        defaults: dict = {}
        unit_base = lambda i: ()  # noqa: E731
    else:
        if not isinstance(data, Mapping) or "units" not in data:
            raise InputError(f"{source}：批量文件应包含 units:（单位列表）", hint="格式见 examples/units.yaml 或 drafter schema。")
        extra = [k for k in data if k not in ("defaults", "units")]
        if extra:
            raise InputError(f"{source}：第 {located.line_of((extra[0],))} 行，未知的键「{extra[0]}」，批量文件顶层只能有 defaults 和 units")
        defaults = data.get("defaults") or {}
        if not isinstance(defaults, Mapping):
            raise InputError(f"{source}：第 {located.line_of(('defaults',))} 行，defaults 应为键值对")
        if "unit" in defaults:
            raise InputError(f"{source}：第 {located.line_of(('defaults', 'unit'))} 行，defaults 里不能写 unit（每个单位在 units 里各写各的）")
        bad = [k for k in defaults if k not in UnitSpec.model_fields]
        if bad:
            near = difflib.get_close_matches(str(bad[0]), _FIELD_NAMES, n=2, cutoff=0.5)
            raise InputError(
                f"{source}：第 {located.line_of(('defaults', bad[0]))} 行，defaults 中未知的键「{bad[0]}」"
                + (f"，是否想写：{'、'.join(near)}？" if near else "")
            )
        data_units = data.get("units")
        if not isinstance(data_units, list) or not data_units:
            raise InputError(f"{source}：第 {located.line_of(('units',))} 行，units 应为非空列表（每个单位以“- unit: …”开头）")
        unit_base = lambda i: ("units", i)  # noqa: E731
    units: list[BulkUnit] = []
    for i, raw in enumerate(data_units):
        base = unit_base(i)
        name = raw.get("unit") if isinstance(raw, Mapping) and isinstance(raw.get("unit"), str) else None
        label = clean_text(name) if name else f"第 {i + 1} 个单位"
        if not isinstance(raw, Mapping):
            msg = _format_issues(source, label, [Issue(base, "应为键值对（unit: 单位名称 …）", located.line_of(base))])
            units.append(BulkUnit(i, label, located.line_of(base), None, [msg]))
            continue
        merged = merge_defaults(defaults, raw)
        # line lookup: keys the unit wrote point into the unit, defaults into defaults:
        spec, issues = _validate_mapping(merged, _BulkLocated(located, base, raw), (), slots)
        if issues:
            units.append(BulkUnit(i, label, located.line_of(base), None, [_format_issues(source, label, issues)]))
        else:
            units.append(BulkUnit(i, label, located.line_of(base), spec, []))
    return BulkSpec(source=source, defaults=dict(defaults), units=units)


class _BulkLocated(_Located):
    """Line lookup for a merged unit: the unit's own keys, else the defaults."""

    def __init__(self, located: _Located, base: tuple, raw: Mapping):
        super().__init__(located.data, located.root)
        self._outer = located
        self._base = base
        self._raw = raw

    def line_of(self, path: Iterable) -> int | None:
        path = tuple(path)
        if not self._base:
            return self._outer.line_of(path)
        own = path[:1] and path[0] in self._raw
        defaults = self._outer.data.get("defaults") if isinstance(self._outer.data, Mapping) else None
        if path and not own:
            if isinstance(defaults, Mapping) and path[0] in defaults:
                return self._outer.line_of(("defaults",) + path)
            return self._outer.line_of(self._base)   # missing everywhere: the unit's own line
        if len(path) >= 2 and path[0] in _MERGED_DICT_KEYS and isinstance(self._raw.get(path[0]), Mapping):
            if path[1] not in self._raw[path[0]]:
                return self._outer.line_of(("defaults",) + path)
        return self._outer.line_of(self._base + path)


def load_bulk(path: str | Path, slots=None) -> BulkSpec:
    """Load a bulk file. File-level problems raise InputError; a unit's own
    errors are collected in BulkSpec.units[i].errors and do not stop the others."""
    return parse_bulk_text(_read_file(path), source=str(path), slots=slots)


# ---------------------------------------------------------------------------
# Schema


def json_schema() -> dict:
    """JSON schema of one unit's figures file."""
    return UnitSpec.model_json_schema()

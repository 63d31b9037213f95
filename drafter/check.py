"""Lint a draft: text rules (check_text) and GB/T 9704 layout rules (check_docx).

    findings = check_docx("draft.docx", figures=spec)   # spec: UnitSpec, dict or None
    findings = check_text(["标题", "第一段", ...], unit=..., year=..., figures={...})

Each Finding has a rule code, a severity ("error" | "warning"), a location
("标题", "第12段", "页脚", "页面设置", "落款", "全文") and a Chinese message.
The rule tables live in drafter/data/check.yaml (plus paraphrase.yaml and
gazetteer.yaml when present). Imports neither jieba nor scikit-learn: drafting
runs the checker on what it writes.
"""

from __future__ import annotations

from drafter.datafiles import read_table, safe_load

import datetime as _dt
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from drafter.errors import DrafterError, InputError

ERROR = "error"
WARNING = "warning"


@dataclass
class Finding:
    code: str          # rule code, e.g. "placeholder-xx"
    severity: str      # "error" | "warning"
    location: str      # "第12段", "标题", "页脚", "页面设置", "落款", "全文"
    message: str       # Chinese

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        label = "错误" if self.severity == ERROR else "警告"
        return f"[{label}] {self.location}：{self.message}（{self.code}）"


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "检查通过：未发现问题。"
    return f"共发现 {len(findings)} 个问题：{errors} 个错误，{warnings} 个警告。"


# ---------------------------------------------------------------- figures spec


@dataclass
class CheckSpec:
    """What the checker needs to know about the unit (from a UnitSpec or a dict)."""

    unit: str | None = None
    year: int | None = None
    figures: dict[str, Any] | None = None
    signature_name: str | None = None
    own_text: tuple[str, ...] = ()   # the unit's own highlights/problems/plans (their numbers are the unit's)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def as_check_spec(figures: Any) -> CheckSpec:
    """Accept a drafter.figures.UnitSpec, a plain mapping (unit, year, figures) or None."""
    if figures is None:
        return CheckSpec()
    if isinstance(figures, CheckSpec):
        return figures
    unit = _get(figures, "unit")
    if unit is not None and not isinstance(unit, str):
        unit = _get(unit, "name") or str(unit)
    year = _get(figures, "year")
    try:
        year = int(year) if year is not None else None
    except (TypeError, ValueError):
        year = None
    figs = _get(figures, "figures")
    if figs is not None and not isinstance(figs, Mapping):
        if hasattr(figs, "model_dump"):
            figs = figs.model_dump()
        elif hasattr(figs, "items"):
            figs = dict(figs.items())
        else:
            figs = None
    if figs is not None:
        figs = {str(k): v for k, v in figs.items() if v is not None}
    sig = _get(figures, "signature")
    sig_name = _get(sig, "name") if sig is not None else None
    own: list[str] = []
    for key in ("highlights", "problems", "plans"):
        items = _get(figures, key)
        if isinstance(items, (list, tuple)):
            own.extend(str(i) for i in items if isinstance(i, (str, int, float)))
    return CheckSpec(unit=unit or None, year=year, figures=figs, signature_name=sig_name, own_text=tuple(own))


def load_figures_for_check(path: str | os.PathLike) -> Any:
    """The figures file given to `drafter check --figures`: through drafter.figures when
    available (full validation), else a plain YAML mapping."""
    try:
        from drafter import figures as _figures  # written by the drafting helper
    except ImportError:
        _figures = None
    loader = getattr(_figures, "load_figures", None) if _figures else None
    if loader is not None:
        return loader(path)
    import yaml

    p = Path(path)
    try:
        raw = safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"无法读取数据文件：{p}（{exc.strerror or exc}）") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"数据文件 {p} 不是有效的 YAML：{exc}") from exc
    if not isinstance(raw, Mapping):
        raise InputError(f"数据文件 {p} 的顶层应是键值对（unit、year、figures 等）。")
    return raw


# ---------------------------------------------------------------- public API


def check_text(
    paragraphs: Sequence[str],
    *,
    unit: str | None = None,
    year: int | None = None,
    figures: Any = None,
    title: bool = True,
    locations: Sequence[str] | None = None,
) -> list[Finding]:
    """Text rules on a list of paragraphs (the first one is the title when title=True).

    figures: a UnitSpec / mapping with unit, year, figures, or just a {slot: value} mapping
    together with unit= and year=.
    """
    from drafter.check_text import run_text_rules

    spec = _spec_from_args(figures, unit, year)
    paras = [p for p in paragraphs]
    if locations is None:
        locations = [("标题" if (i == 0 and title) else f"第{i + 1}段") for i in range(len(paras))]
    return run_text_rules(paras, list(locations), spec, has_title=title)


def _spec_from_args(figures: Any, unit: str | None, year: int | None) -> CheckSpec:
    if figures is not None and (isinstance(figures, CheckSpec) or _get(figures, "figures") is not None
                                or _get(figures, "unit") is not None):
        spec = as_check_spec(figures)
    else:
        spec = CheckSpec(figures=dict(figures) if figures else None)
    if unit:
        spec.unit = unit
    if year is not None:
        spec.year = int(year)
    return spec


def check_docx(path: str | os.PathLike, figures: Any = None) -> list[Finding]:
    """Lint a .docx draft (also .md/.txt: text rules only)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"找不到要检查的文件：{p}", hint="请确认文件路径。")
    if p.is_dir():
        raise InputError(f"{p} 是一个目录，请指定一个 .docx 文件。")
    spec = as_check_spec(figures)
    if p.suffix.lower() in (".md", ".txt"):
        return _check_plain(p, spec)
    document = _open_docx(p)
    return check_document(document, spec)


def check_document(document: Any, figures: Any = None) -> list[Finding]:
    """Lint an open python-docx Document."""
    from drafter.check_layout import body_paragraphs, run_layout_rules

    spec = as_check_spec(figures)
    paras = body_paragraphs(document)
    texts = [p.text for p in paras]
    findings: list[Finding] = []
    if not any(t.strip() for t in texts):
        return [make("empty-document", "全文", "文档没有正文内容。")]
    locations = [("标题" if i == 0 else f"第{i + 1}段") for i in range(len(texts))]
    findings.extend(run_layout_rules(document, paras, spec))
    from drafter.check_text import run_text_rules

    findings.extend(run_text_rules(texts, locations, spec, has_title=True))
    return findings


def _open_docx(p: Path) -> Any:
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise DrafterError("未安装 python-docx，无法检查 .docx 文件。", hint="pip install python-docx") from exc
    try:
        return docx.Document(str(p))
    except OSError as exc:
        raise InputError(f"无法读取文件：{p}（{exc.strerror or exc}）") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        raise InputError(f"{p} 不是有效的 Word（.docx）文件，无法检查。", hint="请用 Word/WPS 另存为 .docx 后再试。") from exc
    except Exception as exc:  # broken XML inside the package (lxml) and the like
        raise InputError(f"{p} 已损坏，无法读取其中的内容（{type(exc).__name__}），不是有效的 Word（.docx）文件。",
                         hint="请用 Word/WPS 打开并另存为 .docx 后再试。") from exc


_MD_PREFIX = re.compile(r"^\s*(#{1,6}\s+|>\s*|[-*]\s+)")


def _check_plain(p: Path, spec: CheckSpec) -> list[Finding]:
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{p}（{exc.strerror or exc}）") from exc
    if b"\x00" in data[:4096]:
        raise InputError(f"{p} 不是文本文件，无法检查。", hint="请检查 .docx、.md 或 .txt 文件。")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            raw = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{p} 的编码无法识别，无法检查。", hint="请另存为 UTF-8 编码。")
    lines = [_MD_PREFIX.sub("", ln).strip().strip("*").strip() for ln in raw.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        return [make("empty-document", "全文", "文档没有正文内容。")]
    return check_text(lines, figures=spec)


# ---------------------------------------------------------------- rules data

_RULES: dict | None = None


def rules() -> dict:
    """drafter/data/check.yaml, parsed once."""
    global _RULES
    if _RULES is None:

        from drafter.paths import data_file

        path = data_file("check.yaml")
        _RULES = read_table(path) or {}
    return _RULES


def severity_of(code: str) -> str:
    sev = (rules().get("severities") or {}).get(code, ERROR)
    return WARNING if str(sev).lower().startswith("warn") else ERROR


def make(code: str, location: str, message: str) -> Finding:
    return Finding(code=code, severity=severity_of(code), location=location, message=message)


def format_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)

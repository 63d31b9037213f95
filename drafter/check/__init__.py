"""Lint a draft: text rules (drafter.check.text) and GB/T 9704 layout rules (drafter.check.layout).

    findings = check_docx("draft.docx", figures=spec)   # spec: UnitSpec, dict or None
    findings = check_text(["标题", "第一段", ...], unit=..., year=..., figures={...})
    findings = check_draft(draft, figures=spec)   # a composed Draft, in memory (drafting runs this)

Each Finding has a rule code, a severity ("error" | "warning"), a location
("标题", "第12段", "页脚", "页面设置", "落款", "全文"), a Chinese message and,
for a layout rule, the GB/T 9704-2012 clause it follows (Finding.clause).

    findings.py   Finding, make(), has_errors(), summary()
    spec.py       CheckSpec: what the checker knows about the unit
    rules.py      drafter/data/check.yaml as a typed, cached CheckRules
    structure.py  heading markers, parts of the report, the 落款
    text.py       text rules: placeholders and noise, paraphrase, years, numbering, repeats
    content.py    content rules: political formulas, typos, campaign years, self-reference and role
                  words, another department's work, near repeats, outcomes against the figures
    places.py     names of other places and units
    numbers.py    the unit's figures against the numbers of the text
    styles.py     effective .docx formatting through the style chain
    layout.py     layout rules, with the numbers of drafter/data/layout.yaml

Imports neither jieba nor scikit-learn: drafting runs the checker on what it writes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Sequence

from drafter.check.findings import ERROR, WARNING, Finding, has_errors, make, summary
from drafter.check.spec import CheckSpec, as_check_spec, load_figures_for_check, spec_from_args
from drafter.errors import DrafterError, InputError
from drafter.oserrors import os_reason

__all__ = ["ERROR", "WARNING", "Finding", "CheckSpec", "as_check_spec", "check_docx", "check_document",
           "check_draft", "check_text", "has_errors", "load_figures_for_check", "summary"]


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
    from drafter.check.text import run_text_rules

    spec = spec_from_args(figures, unit, year)
    paras = list(paragraphs)
    if locations is None:
        locations = [("标题" if (i == 0 and title) else f"第{i + 1}段") for i in range(len(paras))]
    return run_text_rules(paras, list(locations), spec, has_title=title)


def check_draft(draft: Any, figures: Any = None, bank: Any = None) -> list[Finding]:
    """Text and content rules on a composed draft (drafter.drafting.document.Draft), in
    memory: the paragraphs the renderers write (title, headings with their markers,
    paragraphs, 落款), numbered as `drafter check` numbers them. Layout rules need the
    .docx and are left to `drafter check`. With the bank the draft came from, its
    phrases' provenance is checked too (no phrase bound to another family or level)."""
    from drafter.check.content import check_provenance
    from drafter.check.text import run_text_rules

    spec = as_check_spec(figures if figures is not None else getattr(draft, "spec", None))
    texts = [b.full_text for b in draft.blocks if b.full_text.strip()]
    if not texts:
        return [make("empty-document", "全文", "文档没有正文内容。")]
    locations = [("标题" if i == 0 else f"第{i + 1}段") for i in range(len(texts))]
    findings = run_text_rules(texts, locations, spec, has_title=True)
    if bank is not None:
        findings.extend(check_provenance(draft, bank))
    return findings


def check_docx(path: str | os.PathLike, figures: Any = None) -> list[Finding]:
    """Lint a .docx draft (also .md/.txt: text rules only)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"找不到要检查的文件：{p}", hint="请确认文件路径。")
    if p.is_dir():
        raise InputError(f"{p} 是一个目录，请指定一个 .docx 文件。")
    from drafter.fileio import check_docx_size, regular_file_stat
    from drafter.limits import MAX_DOCX_BYTES

    regular_file_stat(p, what="要检查的文件")   # a device or FIFO is refused, never opened
    spec = as_check_spec(figures)
    if p.suffix.lower() in (".md", ".txt"):
        return _check_plain(p, spec)
    if p.stat().st_size > MAX_DOCX_BYTES:
        raise InputError(f"要检查的文件{p}：文件过大（上限 {MAX_DOCX_BYTES // (1024 * 1024)} MB），已拒绝读取")
    check_docx_size(p, what="要检查的文件")
    document = _open_docx(p)
    return check_document(document, spec)


def check_document(document: Any, figures: Any = None) -> list[Finding]:
    """Lint an open python-docx Document."""
    from drafter.check.layout import body_paragraphs, run_layout_rules
    from drafter.check.text import run_text_rules

    spec = as_check_spec(figures)
    paras = body_paragraphs(document)
    texts = [p.text for p in paras]
    if not any(t.strip() for t in texts):
        return [make("empty-document", "全文", "文档没有正文内容。")]
    locations = [("标题" if i == 0 else f"第{i + 1}段") for i in range(len(texts))]
    findings = run_layout_rules(document, paras, spec)
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
    except MemoryError:
        raise InputError(f"{p} 内容过大，内存不足，无法检查。") from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{p}（{os_reason(exc)}）") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        raise InputError(f"{p} 不是有效的 Word（.docx）文件，无法检查。", hint="请用 Word/WPS 另存为 .docx 后再试。") from exc
    except Exception as exc:  # broken XML inside the package (lxml) and the like
        raise InputError(f"{p} 已损坏，无法读取其中的内容（{type(exc).__name__}），不是有效的 Word（.docx）文件。",
                         hint="请用 Word/WPS 打开并另存为 .docx 后再试。") from exc


_MD_PREFIX = re.compile(r"^\s*(#{1,6}\s+|>\s*|[-*]\s+)")


def _check_plain(p: Path, spec: CheckSpec) -> list[Finding]:
    from drafter.fileio import read_input_bytes
    from drafter.limits import MAX_CORPUS_TEXT_BYTES
    from drafter.textutil import DecodeError, decode_text

    data = read_input_bytes(p, MAX_CORPUS_TEXT_BYTES, what="要检查的文件")
    try:   # the one decoder: BOMs, UTF-16 without BOM, UTF-8, GB18030, Big5 …
        raw = decode_text(data, detect=True)[0]
    except DecodeError as exc:
        if exc.kind == "binary":
            raise InputError(f"{p} 不是文本文件，无法检查。", hint="请检查 .docx、.md 或 .txt 文件。") from None
        raise InputError(f"{p} 的编码无法识别，无法检查。", hint="请另存为 UTF-8 编码。") from None
    lines = [_MD_PREFIX.sub("", ln).strip().strip("*").strip() for ln in raw.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        return [make("empty-document", "全文", "文档没有正文内容。")]
    return check_text(lines, figures=spec)

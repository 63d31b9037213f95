"""Reading corpus files: .txt / .md in any common Chinese encoding, and .docx.

The encoding of a text file is detected from its bytes (BOM, strict UTF-8,
then charset-normalizer: drafter.textutil.decode_text), never guessed from the extension.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.textutil import DecodeError, decode_text

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES


class ReadError(Exception):
    """A file that cannot be used; reason is Chinese and shown to the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class SourceText:
    """The text of one file as lines, with heading hints from .docx styles."""

    path: str
    text: str
    encoding: str = "utf-8"
    # 1-based line -> heading level from a .docx paragraph style (0 = title)
    hints: dict[int, int] = field(default_factory=dict)


# Why a text file cannot be used, by drafter.textutil.DecodeError kind.
_DECODE_REASONS = {
    "binary": "不是文本文件（含有二进制内容）",
    "encoding": "无法识别的文本编码（请另存为 UTF-8 或 GB18030）",
    "unreadable": "不是文本文件（解码后不是可读的文字）",
}


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return decode_text(data, detect=True)
    except DecodeError as exc:
        raise ReadError(_DECODE_REASONS[exc.kind]) from None


def _heading_level_of_style(style_name: str) -> int | None:
    name = (style_name or "").strip().lower()
    if name in {"title", "标题"}:
        return 0
    for prefix in ("heading ", "标题 ", "heading", "标题"):
        if name.startswith(prefix):
            rest = name[len(prefix):].strip()
            if rest.isdigit():
                return int(rest)
    return None


def _numbering_level(paragraph) -> int | None:
    """ilvl of an automatically numbered paragraph (w:numPr), or None."""
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None:
        return None
    ilvl = ppr.numPr.ilvl
    try:
        return int(ilvl.val) if ilvl is not None else 0
    except (TypeError, ValueError):
        return 0


def _read_docx(path: Path) -> SourceText:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency is declared
        raise ReadError(f"缺少 python-docx，无法读取 .docx（{exc}）") from exc
    from drafter.fileio import UnreadableInput, check_docx_size, regular_file_stat
    from drafter.limits import MAX_DOCX_BYTES

    try:
        if regular_file_stat(path).st_size > MAX_DOCX_BYTES:
            raise ReadError(f"文件过大（上限 {MAX_DOCX_BYTES // (1024 * 1024)} MB），已跳过")
        check_docx_size(path)
    except UnreadableInput as exc:
        raise ReadError(exc.reason) from None
    try:
        document = docx.Document(str(path))
    except MemoryError:
        raise ReadError("内容过大，内存不足，已跳过") from None
    except PackageNotFoundError as exc:
        raise ReadError("不是有效的 .docx 文件（文件损坏或并非 Word 2007+ 格式）") from exc
    except Exception as exc:  # zipfile.BadZipFile, KeyError, lxml errors …
        raise ReadError(f"不是有效的 .docx 文件（{type(exc).__name__}）") from exc
    lines: list[str] = []
    hints: dict[int, int] = {}
    for para in document.paragraphs:
        text = para.text.replace("\r", "").replace("\n", " ").rstrip()
        level = _heading_level_of_style(para.style.name if para.style is not None else "")
        if level is None and text.strip():
            num = _numbering_level(para)
            if num is not None and len(text.strip()) <= 40 and not text.rstrip().endswith(("。", "；")):
                level = num + 1
        if text.strip() and level is not None:
            hints[len(lines) + 1] = level
        lines.append(text)
    if not any(line.strip() for line in lines):
        # tables only? take cell text so that the file is not silently empty
        for table in document.tables:
            for row in table.rows:
                lines.append("\t".join(cell.text for cell in row.cells))
    return SourceText(str(path), "\n".join(lines), "docx", hints)


def read_source(path: str | Path) -> SourceText:
    """Read one corpus file. Raises ReadError (Chinese reason) if it cannot be used."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"不支持的文件类型「{p.suffix or '无扩展名'}」（支持 .txt、.md、.docx）")
    if suffix in DOCX_SUFFIXES:
        return _read_docx(p)
    from drafter.fileio import UnreadableInput, read_input_bytes
    from drafter.limits import MAX_CORPUS_TEXT_BYTES

    try:
        data = read_input_bytes(p, MAX_CORPUS_TEXT_BYTES)
    except UnreadableInput as exc:
        raise ReadError(exc.reason) from None
    if data[:4] == b"PK\x03\x04":
        raise ReadError("这是压缩包或 Word 文件，但扩展名是文本（请改为 .docx）")
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in {".md", ".markdown"}:
        text, hints = markdown_lines(text)
        return SourceText(str(p), text, encoding, hints)
    return SourceText(str(p), text, encoding)


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def markdown_lines(text: str) -> tuple[str, dict[int, int]]:
    """Markdown → plain lines and heading hints (line -> level; 0 = title).

    A single top-level heading on the first non-blank line is the title; the other
    heading levels become 1, 2, … in order of size. Bold markers are removed.
    """
    lines = text.split("\n")
    found: dict[int, int] = {}
    for i, line in enumerate(lines):
        m = _MD_HEADING.match(line)
        if m:
            found[i + 1] = len(m.group(1))
            lines[i] = m.group(2)
        lines[i] = _MD_EMPHASIS.sub(r"\2", lines[i])
    hints: dict[int, int] = {}
    if found:
        first_line = next((i + 1 for i, ln in enumerate(lines) if ln.strip()), None)
        top = min(found.values())
        title_line = None
        if first_line in found and found[first_line] == top and list(found.values()).count(top) == 1:
            title_line = first_line
            hints[first_line] = 0
        sizes = sorted({n for ln, n in found.items() if ln != title_line})
        for ln, n in found.items():
            if ln != title_line:
                hints[ln] = sizes.index(n) + 1
    return "\n".join(lines), hints


def read_text_file(path: str | Path) -> str:
    """The text of a .txt/.md/.docx file as one string (lines joined with \\n)."""
    return read_source(path).text

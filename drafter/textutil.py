"""Plain-text helpers shared by the input schema, the readers and the writers.

    clean_text(" 某某\\x1b县\\n民政局 ")  -> "某某县 民政局"   (one line, trimmed)
    strip_controls("甲\\t乙\\u202e")      -> "甲 乙"          (spaces kept as written)
    decode_text(data)                    -> (text, encoding)  (BOM, UTF-8, GB18030 …)
    plain_label("全年主动公开政府信息（条）") -> "全年主动公开政府信息"
    show_value(value)                    -> the value as quoted in a message
    for_terminal("单位\x1b]0;x\x07")       -> "单位\\x1b]0;x\\x07"  (anything echoed back)

Standard library only at import (the drafting path and the wizard use it);
charset-normalizer is imported only when detect=True has to guess an encoding.
"""

from __future__ import annotations

import re

# Characters that must never reach a document: C0/C1 controls, zero-width and
# bidi-override marks (a U+202E in a unit name would reverse the text on screen),
# BOM, interlinear annotation marks, lone surrogates and the noncharacters
# U+FFFE/U+FFFF (XML and UTF-8 cannot carry them).
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
# Line breaks of every kind (and tabs): each run becomes one space.
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
# The same plus ordinary spaces: clean_text collapses every run to one space.
_SPACES = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029 ]+")
# Code points no encoder takes (removed from YAML scalars before use).
UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")

_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


def strip_controls(text: str) -> str:
    """Text as it may appear in a document: line breaks and tabs become a space,
    control and format characters are removed; other spaces are kept."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def clean_text(value) -> str:
    """One line of user text: controls removed, every run of spaces and line
    breaks collapsed to one space, trimmed (text is data, never markup)."""
    value = _SPACES.sub(" ", str(value))
    return _SPACES.sub(" ", _CONTROL.sub("", value)).strip()


# What must never reach a terminal: C0 controls but the line break and tab, DEL,
# C1 controls (ESC and CSI start escape sequences that retitle or clear the
# window), bidi overrides and zero-width marks, lone surrogates.
_TERMINAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ud800-\udfff]"
)


def for_terminal(text) -> str:
    """The one cleaner for every user string echoed to the terminal (messages,
    unit and key names, file names): control characters are shown as visible
    escapes (\\x1b, \\u202e), so the user sees them and the terminal obeys none."""
    return _TERMINAL.sub(_visible, str(text))


def _visible(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain_label(label: str | None) -> str:
    """A label without its bracketed notes: 收到（受理）政府信息公开申请（件） -> 收到政府信息公开申请
    ("" when nothing else is left)."""
    return _BRACKETED.sub("", label or "").strip()


def show_value(value, limit: int = 40) -> str:
    """A user's value quoted in a message, shortened if it is very long."""
    text = str(value)
    return text if len(text) <= limit else f"{text[:limit]}……（共 {len(text)} 个字符）"


# ---------------------------------------------------------------------------
# Decoding files of unknown encoding


class DecodeError(ValueError):
    """Bytes that are not text. kind: "binary" (NUL bytes), "encoding" (no
    encoding fits) or "unreadable" (the guessed encoding gives no readable text)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


# GB2312/GBK (and their aliases) are subsets of GB18030: decode with the superset.
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030", "hz"}


def decode_text(data: bytes, *, detect: bool = False) -> tuple[str, str]:
    """(text, encoding) of a text file's bytes.

    A UTF-16 BOM decides first; NUL bytes in the first 4 KB then mean UTF-16
    without a BOM if they fall on one side of each byte pair and the text reads
    as Chinese, else a binary file; a UTF-8 BOM is dropped (undecodable bytes after it become U+FFFD); then
    strict UTF-8; then GB18030, or with detect=True charset-normalizer's best
    guess (GB2312/GBK read as GB18030) checked for readable text.
    Raises DecodeError."""
    if not data.strip():
        return "", "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise DecodeError("encoding") from None
    if b"\x00" in data[:4096]:
        found = _utf16_without_bom(data)
        if found is None:
            raise DecodeError("binary")
        return found
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if not detect:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise DecodeError("encoding") from None
    return _detect(data)


# Characters of Chinese text: ASCII printable and whitespace, CJK punctuation,
# ideographs, full-width forms.
# (A pattern source: re compiles and caches it on first use; a CJK range costs ~1 ms to compile.)
_CHINESE_TEXT = "[\t\n\r\x20-\x7e\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2010-\u2027]"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of UTF-16 without a byte-order mark (Notepad's "Unicode"
    saved by other tools): the NUL bytes of its ASCII characters sit on one
    side of each pair (ideographs such as U+4E00 put a few on the other), and the result must read as Chinese text."""
    if len(data) % 2:
        return None
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even == odd:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    sample = text[:4000]
    if not sample or len(re.findall(_CHINESE_TEXT, sample)) < 0.95 * len(sample):
        return None
    return text, encoding


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("encoding")
    encoding = best.encoding.lower().replace("_", "")
    if encoding in _GB_FAMILY:
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    if not looks_like_text(text):
        raise DecodeError("unreadable")
    return text, encoding


def looks_like_text(text: str) -> bool:
    """Fewer than 2% control characters or U+FFFD in the first 4,000 characters."""
    sample = text[:4000]
    if not sample:
        return True
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    return bad / len(sample) < 0.02

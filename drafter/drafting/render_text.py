"""Write a draft outline as Markdown or plain text (for a quick look).

Both carry exactly the words of the .docx: the same title, headings with their
markers, paragraphs and 落款, with the same characters removed (textutil.strip_controls),
and the txt layout follows the same table as the .docx (drafter/data/layout.yaml).
"""

from __future__ import annotations

import re

from drafter.layout import load_layout, signature_indents, text_width, title_lines
from drafter.textutil import strip_controls
from drafter.drafting.document import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE, Draft


# Markdown: text is data.  Escape what would make it markup: a backslash and
# "<" always; an emphasis or code marker only when it could pair (twice or
# more in the text: a lone "*" in "7*7" is text); and whatever would open a
# block at the start of a line (heading, list, quote, fence, rule).
_MD_ALWAYS = re.compile(r"([\\<])")
_MD_PAIRED = "*_`~[]"
_MD_BLOCK_START = re.compile(r"^(?:[#+=*>|-]|`{3}|~{3}|\d+[.)](?=\s|$))")


def md_escape(text: str) -> str:
    """Markdown source that shows text literally."""
    text = _MD_ALWAYS.sub(r"\\\1", strip_controls(text).strip())
    for ch in _MD_PAIRED:
        if text.count(ch) >= 2 or (ch in "[]" and "[" in text and "]" in text):
            text = text.replace(ch, "\\" + ch)
    if _MD_BLOCK_START.match(text):
        m = re.match(r"\d+", text)
        text = text[: m.end()] + "\\" + text[m.end():] if m else "\\" + text
    return text


def render_markdown(draft: Draft) -> str:
    out: list[str] = []
    sign: list[str] = []
    for b in draft.blocks:
        if b.kind == TITLE:
            out.append(f"# {md_escape(b.text)}")
        elif b.kind == HEADING:
            text = md_escape(b.full_text)
            if text:
                out.append("#" * (min(max(b.level, 1), 4) + 1) + " " + text)
        elif b.kind == PARA:
            text = md_escape(b.text)
            if text:
                out.append(text)
        elif b.kind in (SIGN_NAME, SIGN_DATE):
            sign.append(md_escape(b.text))
    if sign:
        out.append('<p align="right">' + "<br>".join(sign) + "</p>")
    return "\n\n".join(out) + "\n"


def _pad(width: float) -> str:
    """Spaces filling width characters: ideographic spaces, plus a half-width
    space for a half character."""
    width = max(0.0, width)
    whole = int(width)
    return "\u3000" * whole + (" " if width - whole >= 0.5 else "")


def render_text(draft: Draft, width: int | None = None) -> str:
    """Plain text laid out like the page: title centred (broken like the .docx
    when it is longer than a line), body and headings indented by two
    ideographic spaces, one paragraph a line, one blank line under the title
    and above the 落款, the 落款 right-aligned as on paper (name 右空二字, the
    date's first character two characters right of the name's). width: characters
    per line, by default those of the page grid."""
    lay = load_layout()
    width = lay.grid.chars_per_line if width is None else width
    indent = "\u3000" * round(lay.body.first_line_indent_chars)   # ideographic spaces = first-line indent
    name = strip_controls(next((b.text for b in draft.blocks if b.kind == SIGN_NAME), "")).strip()
    date = strip_controls(next((b.text for b in draft.blocks if b.kind == SIGN_DATE), "")).strip()
    name_ri, date_ri = signature_indents(name, date)
    out: list[str] = []
    blank_before_sign = False
    for b in draft.blocks:
        if b.kind == TITLE:
            for line in title_lines(strip_controls(b.text).strip(), strip_controls(draft.unit), per_line=width,
                                    exact=True):
                out.append(_pad((width - text_width(line)) / 2) + line)
            out.extend([""] * lay.title.blank_lines_after)
        elif b.kind in (HEADING, PARA):
            text = strip_controls(b.full_text).strip()
            if text:
                out.append(indent + text)
        elif b.kind in (SIGN_NAME, SIGN_DATE):
            if not blank_before_sign:
                out.extend([""] * lay.signature.blank_lines_before)
                blank_before_sign = True
            text, ri = (name, name_ri) if b.kind == SIGN_NAME else (date, date_ri)
            out.append(_pad(width - ri - text_width(text)) + text)
    return "\n".join(out) + "\n"

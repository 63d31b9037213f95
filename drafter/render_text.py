"""Write a draft outline as Markdown or plain text (for a quick look)."""

from __future__ import annotations

from drafter.outline import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE, Draft

_INDENT = "\u3000\u3000"   # two ideographic spaces = 2-character first-line indent


def _md_escape(text: str) -> str:
    # Text is data: keep Markdown from reading it as markup at line start.
    if text[:1] in "#>-+*|`" or text[:2] in ("1.",):
        return "\\" + text
    return text


def render_markdown(draft: Draft) -> str:
    out: list[str] = []
    sign: list[str] = []
    for b in draft.blocks:
        if b.kind == TITLE:
            out.append(f"# {b.text}")
        elif b.kind == HEADING:
            out.append("#" * (b.level + 1) + " " + b.full_text)
        elif b.kind == PARA:
            out.append(_md_escape(b.text))
        elif b.kind in (SIGN_NAME, SIGN_DATE):
            sign.append(b.text)
    if sign:
        out.append('<p align="right">' + "<br>".join(sign) + "</p>")
    return "\n\n".join(out) + "\n"


def render_text(draft: Draft, width: int = 40) -> str:
    """Plain text laid out like the page: title centred, body indented by two
    ideographic spaces, 落款 pushed to the right."""
    out: list[str] = []
    for b in draft.blocks:
        if b.kind == TITLE:
            pad = max(0, (width - len(b.text)) // 2)
            out.append("\u3000" * pad + b.text)
            out.append("")
        elif b.kind in (HEADING, PARA):
            out.append(_INDENT + b.full_text)
        elif b.kind == SIGN_NAME:
            out.append("")
            out.append("\u3000" * max(0, width - len(b.text) - 2) + b.text)
        elif b.kind == SIGN_DATE:
            out.append("\u3000" * max(0, width - len(b.text) - 2) + b.text)
    return "\n".join(out) + "\n"

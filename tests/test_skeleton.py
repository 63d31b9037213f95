"""Skeletons: values are data.  A phrase, highlight, problem or plan text that
looks like template code or a block directive stays literal text in every
output format (Jinja never evaluates it; the block parser never reads it as a
heading, title or 落款)."""

from __future__ import annotations

import io

import docx
import pytest

from conftest import FIXTURE_BANK
from drafter import drafting
from drafter.bank import PhraseBank
from drafter.figures import parse_figures_text
from drafter.drafting.document import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE
from drafter.drafting.render_docx import render_docx
from drafter.drafting.render_text import render_markdown, render_text
from drafter.drafting.skeleton import escape_value, load_skeleton, parse_blocks


TRICKY = [
    "{{ unit }}专栏{{ 7*7 }}",
    "{% if true %}开展专项行动{% endif %}",
    "{# 注释 #}保留",
    "# 不是标题的亮点",
    "## 也不是二级标题",
    "@signature 假落款",
    "@title 假标题",
    "@section closing",
    "\\#反斜杠开头",
]


def _yaml_list(items: list[str]) -> str:
    import json

    return "[" + ", ".join(json.dumps(t, ensure_ascii=False) for t in items) + "]"


@pytest.fixture(scope="module")
def tricky_draft():
    text = (
        "unit: 某某县民政局\nyear: 2026\ntheme: 政务公开\n"
        f"highlights: {_yaml_list(TRICKY)}\n"
        f"problems: {_yaml_list(['{{ 问题 }}一是不存在', '# 问题不是标题'])}\n"
        f"plans: {_yaml_list(['@date 2099年1月1日', '{% raw %}打算'])}\n"
        "signature:\n  date: 2026-12-20\n"
    )
    spec = parse_figures_text(text, "tricky.yaml")
    return drafting.draft_unit(spec, bank=PhraseBank.load(FIXTURE_BANK))


def _contains(haystack: list[str], needle: str) -> bool:
    return any(needle in h for h in haystack)


def test_tricky_values_stay_text_in_blocks(tricky_draft):
    d = tricky_draft
    paras = [b.text for b in d.blocks if b.kind == PARA]
    for t in TRICKY + ["{{ 问题 }}", "# 问题不是标题", "@date 2099年1月1日", "{% raw %}打算"]:
        assert _contains(paras, t), t
    # no extra title, heading, 落款 or section switch came from the values
    assert [b.kind for b in d.blocks].count(TITLE) == 1
    assert [b.kind for b in d.blocks].count(SIGN_NAME) == 1
    assert [b.kind for b in d.blocks].count(SIGN_DATE) == 1
    assert next(b for b in d.blocks if b.kind == SIGN_DATE).text == "2026年12月20日"
    assert d.title == "某某县民政局2026年政务公开工作总结"
    for b in d.blocks:
        if b.kind == HEADING:
            assert "不是" not in b.text and "{" not in b.text, b.text
    # template code was not evaluated
    full = d.text()
    assert "49" not in full and "某某县民政局专栏" not in full
    # the highlights stay in the achievements section
    for t in TRICKY:
        block = next(b for b in d.blocks if b.kind == PARA and t in b.text)
        assert block.section == "achievements", (t, block.section)


def test_tricky_values_stay_text_in_every_format(tricky_draft):
    d = tricky_draft
    document = docx.Document(io.BytesIO(render_docx(d)))
    doc_paras = [p.text for p in document.paragraphs]
    txt = render_text(d)
    md = render_markdown(d)
    for t in TRICKY:
        assert _contains(doc_paras, t), t
        assert t in txt, t
    # Markdown: the lines that look like markup are escaped, the rest verbatim
    assert "\\# 不是标题的亮点" in md and "\\## 也不是二级标题" in md
    assert "{{ unit }}专栏{{ 7*7 }}" in md and "@signature 假落款" in md
    md_headings = [line for line in md.splitlines() if line.startswith("#")]
    assert all("不是" not in h for h in md_headings), md_headings


def test_escape_value_and_parser_roundtrip():
    for value in ["#标题", "@title x", "\\", "a\\b", "普通文字", "{{ x }}", "line\nbreak"]:
        rendered = escape_value(value)
        assert "\n" not in rendered
        blocks = parse_blocks(rendered)
        assert len(blocks) == 1 and blocks[0].kind == PARA
        assert blocks[0].text == value.replace("\n", "")
    assert escape_value(None) == ""


def test_parser_numbering_restarts():
    blocks = parse_blocks("@title T\n# A\n## a\n## b\n### x\n#### y\n### z\n# B\n## c\n@section plans\n# C\n")
    marks = [(b.level, b.marker) for b in blocks if b.kind == HEADING]
    assert marks == [(1, "一、"), (2, "（一）"), (2, "（二）"), (3, "1."), (4, "（1）"), (3, "2."),
                     (1, "二、"), (2, "（一）"), (1, "三、")]
    assert blocks[-1].section == "plans"


def test_user_template_values_not_evaluated(tmp_path):
    """A copied skeleton (--template) renders in the sandbox; values with
    template syntax are still data."""
    tpl = tmp_path / "my.j2"
    tpl.write_text("@title {{ unit }}总结\n@section opening\n{{ unit }}\n# {{ unit }}\n{{ signature_name }}\n",
                   encoding="utf-8")
    sk = load_skeleton(tpl, sandboxed=True)
    out = sk.render({"unit": "{{ 7*7 }}#单位", "signature_name": "@signature 假"})
    blocks = parse_blocks(out)
    assert blocks[0].kind == TITLE and blocks[0].text == "{{ 7*7 }}#单位总结"
    assert blocks[1].kind == PARA and blocks[1].text == "{{ 7*7 }}#单位"
    assert blocks[2].kind == HEADING and blocks[2].text == "{{ 7*7 }}#单位"
    assert blocks[3].kind == PARA and blocks[3].text == "@signature 假"

"""A corpus sentence that looks like template code ({{ x }}, {% if %}) is text all the
way: the miner stores it escaped, filling it gives the literal braces back, and
neither jinja2 nor the slot filler evaluates it. The composer does not write a
sentence with braces (in a report they can only be a leftover placeholder),
while the unit's own highlights are written exactly as typed."""

from __future__ import annotations


from docx import Document

from drafter.drafting import draft_unit, write_draft
from drafter.figures import parse_figures_text
from drafter.mining import mine, write_bank
from drafter.bank import PhraseBank

REPORT = """某某县{n}局2025年政务公开工作总结

　　2025年，我局在县委、县政府的正确领导下，认真贯彻落实政务公开各项要求，扎实推进政务公开工作。现将有关情况总结如下：
　　一、工作开展情况
　　（一）加强组织领导，完善工作机制
　　及时调整政务公开工作领导小组，明确专人负责信息发布，相关科室协同配合。
　　在门户网站模板中统一使用{{{{ 栏目名称 }}}}和{{% if 有更新 %}}标记管理栏目更新，确保信息发布规范有序。
　　全年主动公开政府信息{f}条，做到应公开尽公开。
　　二、存在问题
　　政策解读形式较为单一，多以文字为主，缺少图文、音视频等形式。
　　信息更新不够及时，部分栏目内容更新较慢。
　　三、下一步工作打算
　　进一步丰富政策解读形式，提高政策解读的质量和实效。
　　进一步加强栏目管理，确保信息更新及时准确。
"""


def test_template_like_corpus_text_stays_literal(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, (name, fig) in enumerate((("民政", 820), ("科技", 415), ("财政", 990))):
        (corpus / f"{i}.txt").write_text(REPORT.format(n=name, f=fig), encoding="utf-8")
    bank_dir = tmp_path / "bank"
    write_bank(mine(corpus), bank_dir)
    stored = "\n".join(p.read_text(encoding="utf-8") for p in bank_dir.glob("*.jsonl"))
    # the braces are stored escaped: no slot named " 栏目名称 " or "% if 有更新 %"
    assert "栏目名称" in stored
    bank = PhraseBank.load(bank_dir)
    tricky = [p for p in bank.phrases if "栏目名称" in p.text]
    assert tricky and all(s in bank.slots or s in ("年度", "单位简称", "上级单位", "单位") for p in tricky
                          for s in p.slots)
    assert bank.fill(tricky[0], bank.context_values(None) | {"年度": 2026}).count("{{ 栏目名称 }}") == 1
    # the only measures are the tricky ones (topic 平台建设, a sub-section the unit's
    # 政务公开专区数 asks for), so every draft writes one
    bank = bank.with_phrases([p for p in bank.phrases if p.function != "measure" or p in tricky])

    spec = parse_figures_text("unit: 某某县民政局\nyear: 2026\ntheme: 政务公开\nfigures: {主动公开信息数: 777, 政务公开专区数: 3}\n"
                              "highlights: ['模板写作 {{ 单位 }} 与 {% raw %} 都照原样保留']\n",
                              slots=bank.slots)
    texts = []
    for seed in range(8):
        draft = draft_unit(spec.model_copy(update={"seed": seed}), bank=bank)
        texts.append(draft.text())
        assert "777" in draft.text() and "3个" in draft.text()
    joined = "\n".join(texts)
    # the unit's own text is written as typed ...
    assert "模板写作 {{ 单位 }} 与 {% raw %} 都照原样保留" in joined
    # ... a corpus sentence with braces is never evaluated, and never written either:
    # in a report, braces can only be a leftover placeholder
    assert "栏目名称" not in joined and "有更新" not in joined
    out = write_draft(draft, tmp_path / "d.docx")
    body = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "{{ 单位 }}" in body and "{% raw %}" in body

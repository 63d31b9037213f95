"""Markdown and plain-text renderings of a draft (--format md / txt)."""

from __future__ import annotations

from conftest import outline_draft
from drafter.layout import load_layout, text_width
from drafter.drafting.document import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE, Block, Draft
from drafter.drafting.render_text import md_escape, render_markdown, render_text

PAGE_CHARS = load_layout().grid.chars_per_line   # characters per line on the page (GB/T 9704 grid)

UNIT = "某某县民政局"


def make(blocks_extra=(), title=f"{UNIT}2026年政务公开工作总结", name=UNIT, date="2026年12月18日") -> Draft:
    blocks = [
        Block(TITLE, title),
        Block(PARA, "2026年，我局扎实推进各项工作。现将有关情况总结如下：", section="opening"),
        Block(HEADING, "工作完成情况", level=1, marker="一、", section="achievements"),
        Block(HEADING, "加强组织领导", level=2, marker="（一）", section="achievements"),
        Block(HEADING, "健全制度", level=3, marker="1.", section="achievements"),
        Block(HEADING, "细化分工", level=4, marker="（1）", section="achievements"),
        Block(PARA, "主动公开政府信息1530条。", section="achievements"),
        *blocks_extra,
        Block(SIGN_NAME, name, section="signature"),
        Block(SIGN_DATE, date, section="signature"),
    ]
    return outline_draft(blocks, unit=UNIT, title=title)


def test_markdown_structure():
    md = render_markdown(make())
    lines = md.split("\n\n")
    assert lines[0] == f"# {UNIT}2026年政务公开工作总结"
    assert "## 一、工作完成情况" in lines
    assert "### （一）加强组织领导" in lines
    assert "#### 1.健全制度" in lines
    assert "##### （1）细化分工" in lines
    assert "主动公开政府信息1530条。" in lines
    assert lines[-1].strip() == '<p align="right">某某县民政局<br>2026年12月18日</p>'


def test_markdown_text_stays_text():
    odd = ["# 不是标题", "1. 不是列表", "- 不是列表", "> 不是引用", "{{ 7*7 }}专栏", "@signature 假落款",
           "a*b*c_d_e`f`", "<b>粗</b>", "\\#反斜杠", "12345热线", "2026年"]
    md = render_markdown(make([Block(PARA, t, section="achievements") for t in odd]))
    paras = md.split("\n\n")
    assert "\\# 不是标题" in paras
    assert "1\\. 不是列表" in paras
    assert "\\- 不是列表" in paras
    assert "\\> 不是引用" in paras
    assert "{{ 7*7 }}专栏" in paras                 # braces are not Markdown
    assert "@signature 假落款" in paras
    assert "a\\*b\\*c\\_d\\_e\\`f\\`" in paras
    assert "\\<b>粗\\</b>" in paras             # no HTML
    assert "\\\\#反斜杠" in paras                  # the backslash itself shows
    assert "12345热线" in paras and "2026年" in paras
    # only our own headings start with '#'
    assert [p for p in paras if p.startswith("#")] == [p for p in paras if p.startswith(("# ", "## ", "### ", "#### ", "##### "))]
    assert md_escape("2.3亿元") == "2.3亿元"
    assert md_escape("7*7") == "7*7"                # a lone marker cannot pair
    assert md_escape("* 列表") == "\\* 列表"


def test_text_layout():
    txt = render_text(make())
    lines = txt.split("\n")
    title = f"{UNIT}2026年政务公开工作总结"
    assert lines[0].strip("\u3000 ") == title
    lead = len(lines[0]) - len(lines[0].lstrip("\u3000 "))
    assert abs((lead + text_width(title) / 1) - (PAGE_CHARS - lead)) <= 1.5   # centred on the page line
    assert lines[1] == ""
    assert lines[2] == "\u3000\u30002026年，我局扎实推进各项工作。现将有关情况总结如下："
    assert "\u3000\u3000一、工作完成情况" in lines and "\u3000\u3000（1）细化分工" in lines
    assert lines[-1] == ""                        # ends with a newline
    name_line, date_line = lines[-3], lines[-2]
    assert lines[-4] == ""                        # one blank line above the 落款
    assert name_line.strip("\u3000 ") == UNIT and date_line.strip("\u3000 ") == "2026年12月18日"

    def start(line: str) -> float:
        body = line.lstrip("\u3000 ")
        return text_width(line[: len(line) - len(body)])

    def end(line: str) -> float:
        return text_width(line)

    # the date is longer than the name: date 右空二字, its first character 2 right of the name's
    assert end(date_line) == PAGE_CHARS - 2
    assert start(date_line) - start(name_line) == 2


def test_text_signature_short_date_and_long_title():
    long_title = f"{UNIT}2026年政务公开工作总结及2027年工作思路"
    d = make(title=long_title, name="某某自治州某某县人民政府办公室", date="2026年1月5日")
    lines = render_text(d, width=20).split("\n")
    name_line, date_line = lines[-3], lines[-2]
    assert text_width(name_line) == 20 - 2       # name 右空二字
    name_start = text_width(name_line) - text_width(name_line.strip("\u3000 "))
    date_start = text_width(date_line) - text_width(date_line.strip("\u3000 "))
    assert date_start - name_start == 2
    # a title longer than the line is broken after the unit name
    assert lines[0].strip("\u3000 ") == UNIT
    assert lines[1].strip("\u3000 ") == "2026年政务公开工作总结及2027年工作思路"
    assert lines[2] == ""


def test_control_characters_removed():
    d = make([Block(PARA, "有\u202e控制\x07字符\ud800。", section="achievements")])
    for out in (render_markdown(d), render_text(d)):
        assert "有控制字符。" in out
        out.encode("utf-8")

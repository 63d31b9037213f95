"""Render a jinja2 skeleton (templates/*.j2) into draft blocks.

A skeleton is a plain text template; each output line is one block:

    @title 某某县民政局2026年政务公开工作总结     the title
    @section problems                          the canonical section of what follows
    # 存在的问题                                 heading, level 1 (一、)
    ## 加强组织领导                               heading, level 2 (（一）)
    ### …  / #### …                             levels 3 (1.) and 4 (（1）)
    @signature 某某县民政局                       落款: name
    @date 2026年12月20日                          落款: date
    any other line                             a body paragraph
    blank lines                                ignored

Heading markers (一、（一）1.（1）) are generated here, never written in the
skeleton, so numbering is always consistent.

Values are data, never template code: jinja2 does not evaluate what a value
contains (a phrase with "{{" stays text), and every value is escaped by
`finalize` so that it cannot start a directive or a heading: newlines become
nothing and a leading "@", "#" or "\\" is written as "\\@", "\\#", "\\\\";
the parser removes those escapes.  User skeletons (--template) run in jinja2's
sandbox.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from drafter.errors import DrafterError
from drafter.numbering import heading_marker
from drafter.drafting.document import HEADING, PARA, SIGN_DATE, SIGN_NAME, TITLE, Block

_DIRECTIVE = re.compile(r"^@(title|section|signature|date)(?:\s+(.*))?$")
_HEADING = re.compile(r"^(#{1,4})\s+(.*)$")
_UNESCAPE = re.compile(r"\\(.)")
SECTIONS = ("opening", "achievements", "problems", "plans", "closing", "signature")


def escape_value(value: Any) -> str:
    """What a value becomes in the rendered skeleton (see module docstring)."""
    if value is None:
        return ""
    text = str(value).replace("\r", "").replace("\n", "")
    text = text.replace("\\", "\\\\")
    if text[:1] in ("@", "#"):
        text = "\\" + text
    return text


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


@dataclass
class Skeleton:
    path: Path
    template: Any        # jinja2.Template

    def render(self, context: dict) -> str:
        from drafter.templating import render_bounded   # output, time and size limits; errors with lines

        return render_bounded(self.template, context, self.path)


@lru_cache(maxsize=32)
def _load(path: str, sandboxed: bool) -> Skeleton:
    import jinja2

    from drafter import paths
    from drafter.templating import environment

    p = Path(path)
    if not p.is_file():
        raise DrafterError(f"找不到稿件模板：{p}", hint="请检查 --template 的路径，或使用 templates/ 中自带的模板。")
    # serves the template, .j2 files it names in its own folder, then the shipped skeletons (_base.j2)
    env = environment(p, sandboxed=sandboxed, shipped=paths.templates_dir(), finalize=escape_value)
    try:
        template = env.get_template(p.name)
    except jinja2.TemplateSyntaxError as exc:
        raise DrafterError(
            f"稿件模板 {exc.filename or p} 第 {exc.lineno} 行语法错误：{exc.message}",
            hint="jinja2 语法：变量写作 {{ 名称 }}，循环写作 {% for … %}…{% endfor %}。",
        ) from None
    except (jinja2.TemplateNotFound, OSError, UnicodeDecodeError) as exc:
        raise DrafterError(f"无法读取稿件模板：{p}（{exc}）", hint="模板应为 UTF-8 编码的文本文件。") from None
    return Skeleton(p, template)


def load_skeleton(path: str | Path, *, sandboxed: bool = False) -> Skeleton:
    return _load(str(Path(path).resolve()), sandboxed)


def parse_blocks(rendered: str, *, source: str = "模板") -> list[Block]:
    """Blocks of a rendered skeleton, with generated heading markers."""
    blocks: list[Block] = []
    section: str | None = "opening"
    counters = [0, 0, 0, 0]
    for lineno, raw in enumerate(rendered.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        m = _DIRECTIVE.match(line)
        if m:
            kind, arg = m.group(1), _unescape((m.group(2) or "").strip())
            if kind == "section":
                if arg not in SECTIONS:
                    raise DrafterError(
                        f"{source} 第 {lineno} 行：未知的部分“{arg}”",
                        hint="@section 后应为：" + " | ".join(SECTIONS),
                    )
                section = arg
            elif kind == "title":
                blocks.append(Block(TITLE, arg))
            elif kind == "signature" and arg:
                blocks.append(Block(SIGN_NAME, arg, section="signature"))
            elif kind == "date" and arg:
                blocks.append(Block(SIGN_DATE, arg, section="signature"))
            continue
        m = _HEADING.match(line)
        if m:
            level = len(m.group(1))
            text = _unescape(m.group(2).strip())
            if not text:
                continue
            counters[level - 1] += 1
            for deeper in range(level, 4):
                counters[deeper] = 0
            blocks.append(Block(HEADING, text, level=level, marker=heading_marker(level, counters[level - 1]),
                                section=section))
            continue
        blocks.append(Block(PARA, _unescape(line), section=section))
    return blocks


def chooser(seed: int):
    """A seeded choice function for skeletons: {{ choose(["存在的问题", "存在问题"]) }}."""
    rng = random.Random(seed)

    def choose(options: Sequence[Any]) -> Any:
        options = list(options)
        if not options:
            return ""
        return options[rng.randrange(len(options))]

    return choose

"""Read the YAML data tables fast: libyaml's C loader when PyYAML has it.

The pure-Python loader spends ~40 ms on a table such as check.yaml; the
draft path reads several of them, so this matters for start-up.
"""

from __future__ import annotations

from typing import Any


def safe_load(text: str) -> Any:
    """yaml.safe_load, through the C loader when available (same results, same errors)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def read_table(path) -> Any:
    """A data table (YAML file in drafter/data/ or templates/) that users may edit.

    A missing, unreadable or broken table raises DrafterError naming the file and
    the line, never a parser traceback."""
    from pathlib import Path

    import yaml

    from drafter.errors import DrafterError

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DrafterError(f"找不到数据表：{p}", hint="请确认安装完整，或检查设置的目录。") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DrafterError(f"无法读取数据表：{p}（{exc}）", hint="数据表应为 UTF-8 编码的 YAML 文件。") from None
    try:
        return safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        problem = getattr(exc, "problem", None) or ""
        raise DrafterError(f"数据表 {p} {where}格式错误{('：' + problem) if problem else ''}",
                           hint="请检查 YAML 的缩进、冒号和引号（修改前可先备份）。") from None

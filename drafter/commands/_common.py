"""Options and output shared by the draft and bulk commands (standard library only)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The formats a draft can be written in, by file extension.
FORMATS = ("docx", "md", "txt")


def add_output_options(parser: argparse.ArgumentParser, *, reference_doc: bool = True) -> None:
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="输出格式：docx（默认，Word 公文版式）、md 或 txt（快速查看）；须与 -o 的扩展名一致")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    parser.add_argument("--skip-existing", action="store_true",
                        help="已存在的文件不覆盖也不报错，跳过（重复运行同一命令时使用）")
    parser.add_argument("--dry-run", action="store_true", help="只列出提纲和将要写出/跳过的文件，不写任何文件")
    parser.add_argument("--template", metavar="模板", help="自己的稿件模板（jinja2，参照 templates/ 中的 .j2 文件）")
    if reference_doc:
        parser.add_argument("--reference-doc", metavar="Word模板",
                            help="本单位的 Word 模板（.docx）：使用其中的页面设置、样式和页眉页脚（默认按 GB/T 9704）")
    parser.add_argument("--bank", metavar="短语库目录", help="使用另一个短语库（drafter mine 的输出目录），默认为自带短语库")
    parser.add_argument("--no-check", action="store_true", help="写出后不运行 drafter check（退出状态不再反映检查结果）")


def bank_dir(args: argparse.Namespace) -> str | None:
    return getattr(args, "bank", None)


# ---------------------------------------------------------------- colour

_COLOURS = {"error": "31", "warning": "33", "ok": "32"}


def use_colour(stream=None) -> bool:
    """Colour only on a terminal, never when NO_COLOR is set (https://no-color.org) or TERM=dumb."""
    stream = stream if stream is not None else sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def paint(text: str, kind: str, stream=None) -> str:
    """text in the colour of kind (error, warning, ok) when use_colour(stream)."""
    if not use_colour(stream):
        return text
    return f"\033[{_COLOURS[kind]}m{text}\033[0m"


def paint_finding(line: str, stream=None) -> str:
    """A finding's line ("[错误] …" / "[警告] …") with its label coloured."""
    for label, kind in (("[错误]", "error"), ("[警告]", "warning")):
        if line.startswith(label):
            return paint(label, kind, stream) + line[len(label):]
    return line


def print_findings(findings: list[str], *, indent: str = "  ", limit: int = 20) -> None:
    for line in findings[:limit]:
        print(f"{indent}{paint_finding(line)}")
    if len(findings) > limit:
        print(f"{indent}……另有 {len(findings) - limit} 条，运行 drafter check 查看全部。")


def err(text: str) -> None:
    print(text, file=sys.stderr)


# ---------------------------------------------------------------- output paths, checked before any work


def _nearest_existing(path: Path) -> Path:
    p = path if path.is_absolute() else Path.cwd() / path
    while not p.exists() and p != p.parent:
        p = p.parent
    return p


def check_writable_dir(folder: Path, what: str) -> None:
    """folder (existing or to be created) can take new files: its nearest existing
    ancestor is a folder we may write in. Raises DrafterError naming the path."""
    from drafter.errors import DrafterError

    if folder.exists() and not folder.is_dir():
        raise DrafterError(f"{what}“{folder}”是一个文件，不是文件夹。",
                           hint="请换一个文件夹名，或删去/改名这个文件。")
    base = _nearest_existing(folder)
    if not base.is_dir():
        raise DrafterError(f"{what}“{folder}”无法创建：路径中的“{base}”是文件，不是文件夹。",
                           hint="请检查 -o 指定的路径。")
    if not os.access(base, os.W_OK | os.X_OK):
        raise DrafterError(f"{what}“{base}”不可写（没有写权限），无法写出文件。", hint="请换一个文件夹，或检查权限。")


def format_for(output: str | None, fmt: str | None) -> str:
    """The format of a draft written to output (a file name, "-", a folder or None), refusing
    an extension that does not match --format and extensions drafter cannot write."""
    from drafter.errors import DrafterError

    if output == "-":
        fmt = fmt or "md"
        if fmt == "docx":
            raise DrafterError("docx 不能打印到屏幕。", hint="用 --format md 或 txt，或用 -o 指定文件。")
        return fmt
    if output is None or is_folder_target(output):
        return fmt or "docx"
    suffix = Path(output).suffix.lower().lstrip(".")
    if not suffix:
        raise DrafterError(f"输出文件“{output}”没有扩展名。",
                           hint=f"请写成 {output}.{fmt or 'docx'}（可用：{'、'.join('.' + f for f in FORMATS)}）。")
    if suffix not in FORMATS:
        raise DrafterError(f"不支持的输出文件类型：.{suffix}（{output}）",
                           hint=f"可用：{'、'.join('.' + f for f in FORMATS)}；需要 PDF 时请用 Word/WPS 打开 .docx 另存为 PDF。")
    if fmt and fmt != suffix:
        raise DrafterError(f"输出文件“{output}”的扩展名 .{suffix} 与 --format {fmt} 不一致。",
                           hint=f"改为 -o {Path(output).with_suffix('.' + fmt)}，或去掉 --format。")
    return suffix


def is_folder_target(output: str) -> bool:
    """-o names a folder: one written with a trailing path separator, or an existing folder
    whose name does not end like a draft (a folder named 总结.docx is refused, not filled)."""
    if output.endswith(("/", os.sep)):
        return True
    path = Path(output)
    return path.is_dir() and path.suffix.lower().lstrip(".") not in FORMATS


def check_output_file(output: str | None, *, force: bool, skip_existing: bool) -> str | None:
    """Up-front checks of draft's -o (before any drafting). Returns "skip" when the file
    exists and --skip-existing was given; raises DrafterError for an unusable path."""
    from drafter.errors import DrafterError, OutputExistsError

    if force and skip_existing:
        raise DrafterError("--force 与 --skip-existing 不能同时使用。", hint="覆盖已有文件用 --force，保留已有文件用 --skip-existing。")
    if output in (None, "-"):
        check_writable_dir(Path("."), "当前文件夹") if output is None else None
        return None
    path = Path(output)
    if is_folder_target(output):
        check_writable_dir(path, "输出文件夹")
        return None
    check_writable_dir(path.parent if str(path.parent) else Path("."), "输出文件夹")
    if path.exists() or path.is_symlink():
        if path.is_dir():
            raise DrafterError(f"输出路径是一个文件夹：{path}", hint="请在 -o 后写文件名，如 -o 总结.docx。")
        if not path.is_file():
            raise DrafterError(f"输出路径“{path}”已存在且不是普通文件。", hint="请用 -o 指定其他文件名。")
        if skip_existing:
            return "skip"
        if not force:
            raise OutputExistsError(f"文件已存在：{path}",
                                    hint="如需覆盖请加 --force，保留它请加 --skip-existing，或用 -o 指定其他文件名。")
    return None


# ---------------------------------------------------------------- filters that must not fail silently


def unknown_choice(what: str, value: str, choices) -> "Exception":
    """A DrafterError for an unknown filter value, with the nearest choice suggested."""
    import difflib

    from drafter.errors import DrafterError

    choices = list(dict.fromkeys(choices))
    near = difflib.get_close_matches(value, choices, n=1, cutoff=0.4)
    guess = f"，是否想输入 {near[0]}？" if near else "。"
    return DrafterError(f"未知的{what}：{value}{guess}", hint="可选：" + " | ".join(choices))


def theme_option(value: str | None, *, generic: bool = False) -> str | None:
    """--theme: a report kind (other spellings from data/aliases.yaml accepted); 通用/generic
    when generic is allowed; anything else refused with the nearest kind."""
    if not value:
        return None
    if generic and value in ("通用", "generic"):
        return "generic"
    from drafter.figures.schema import aliases
    from drafter.models import THEMES

    key = value.replace(" ", "")
    themes = aliases().themes
    if key in themes:
        return themes[key]
    if key in THEMES:
        return key
    raise unknown_choice("主题", value, list(THEMES) + (["通用"] if generic else []))

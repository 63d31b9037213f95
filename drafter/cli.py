"""Thin command-line layer over the drafter library.

Each subcommand lives in drafter/commands/<name>.py and provides:
    HELP: str                                  one-line Chinese help
    add_arguments(parser: argparse.ArgumentParser) -> None
    run(args: argparse.Namespace) -> int       exit status
Command modules import only the standard library at module level; heavy
imports (python-docx, jieba, scikit-learn, questionary) happen inside run(),
so that `drafter draft` never pays for the miner.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import sys

# Order shown in --help.
COMMANDS = ["draft", "bulk", "wizard", "check", "schema", "slots", "phrases", "mine", "corpus"]


def _load(name: str):
    try:
        return importlib.import_module(f"drafter.commands.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"drafter.commands.{name}":
            return None
        raise


@functools.lru_cache(maxsize=1)
def _chinese_argparse() -> None:
    """argparse looks its messages up through gettext as argparse._; answer in Chinese
    (table: drafter/data/argparse_zh.yaml, English for what it does not have).
    Installed once per process, however often main() runs."""
    from drafter import paths

    table: dict[str, str] = {}
    try:
        from drafter.datafiles import read_table

        table = {str(k): str(v) for k, v in (read_table(paths.data_file("argparse_zh.yaml"))
                                             or {}).items()}
    except Exception:  # a broken table must never stop the CLI: English it is
        return
    english = argparse._

    def translate(message: str) -> str:
        return table.get(message) or english(message)

    argparse._ = translate


def build_parser() -> argparse.ArgumentParser:
    _chinese_argparse()
    parser = argparse.ArgumentParser(
        prog="drafter",
        description="总结起草助手：从真实工作总结中学习写法，根据单位数据生成规范的 Word 初稿。",
    )
    from drafter import __version__

    parser.add_argument("--version", action="version", version=f"drafter {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMANDS:
        mod = _load(name)
        if mod is None:
            continue
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def _tolerant_output() -> None:
    """Never fail on printing: a console that cannot show a character (an emoji
    in a unit name on a GBK Windows console) gets a replacement instead of a
    UnicodeEncodeError after the file has already been written."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - detached or closed stream
                pass


def main(argv: list[str] | None = None) -> int:
    # drafter uses no pydantic plugins; looking them up scans every installed
    # package's entry points (~20 ms of start-up). A user's own setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from drafter.errors import DrafterError

    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except DrafterError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: never show a raw traceback to users
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        print(
            f"内部错误：{type(exc).__name__}: {exc}\n"
            "提示：这是程序缺陷，不是您的输入问题。设置环境变量 DRAFTER_DEBUG=1 可查看详细信息，并请反馈给维护者。",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    raise SystemExit(main())

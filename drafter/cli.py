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
import gc
import importlib
import os
import sys

# Order shown in --help.
COMMANDS = ["draft", "bulk", "wizard", "new", "check", "kinds", "schema", "slots", "phrases", "mine", "corpus",
            "completion"]

# Exit statuses (documented in the README):
EXIT_OK = 0            # done; `check` found no error
EXIT_FINDINGS = 1      # written, but the check found errors; bulk: some units failed, were skipped for errors or have check errors
EXIT_USAGE = 2         # bad command line or bad input (figures file, output path, existing file without --force)
EXIT_INTERNAL = 3      # a defect of drafter itself
EXIT_INTERRUPTED = 130

# Commands that run without the cyclic garbage collector, which otherwise spends ~10% of a
# `drafter draft` walking the objects its imports created: the one-shot commands (the OS
# takes what is left at exit) and bulk, whose drafts leave no reference cycles (300 drafts
# in one process: no cyclic garbage; reference counting frees the rest as before).
NO_GC_COMMANDS = frozenset({"draft", "bulk", "check", "new", "kinds", "schema", "slots", "phrases", "completion"})
# Commands whose process ends right after their work (see main); bulk has shut its pool
# down and removed its staging folder by then. Not the interactive or mining ones.
QUICK_EXIT = NO_GC_COMMANDS

SHORT_USAGE = (
    "用法：drafter 命令 [选项] …\n"
    "常用：drafter new 某某县民政局 > 数据.yaml    写一个数据文件模板\n"
    "      drafter draft 数据.yaml -o 总结.docx    生成初稿\n"
    "      drafter wizard                          逐项提问生成初稿\n"
    "运行 drafter -h 查看全部命令，drafter 命令 -h 查看某个命令的用法。"
)


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


class ChineseParser(argparse.ArgumentParser):
    """argparse with help epilogs kept as written (examples line by line)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def nearest(word: str, choices, n: int = 1) -> list[str]:
    """The choices closest to a mistyped word (difflib), best first."""
    import difflib

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.5)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, the top level and that one command (what a
    run of that command parses: its -h, usage and errors are the same, and the other
    command modules are not imported)."""
    _chinese_argparse()
    parser = ChineseParser(
        prog="drafter",
        description="总结起草助手：从真实工作总结中学习写法，根据单位数据生成规范的 Word 初稿。",
        epilog=("示例：\n  drafter new 某某县民政局 > 数据.yaml\n  drafter draft 数据.yaml -o 总结.docx\n"
                "  drafter bulk examples/units.yaml -o drafts/ --skip-existing\n"
                "退出状态：0 完成；1 已写出但检查发现错误（或批量中有失败的单位）；2 命令行或输入有误；3 程序内部错误。"),
    )
    from drafter import __version__

    parser.add_argument("--version", action="version", version=f"drafter {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMANDS if only is None else [only]:
        mod = _load(name)
        if mod is None:
            continue
        epilog = getattr(mod, "EPILOG", None)
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP,
                           epilog=("示例：\n" + epilog) if epilog else None)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def _unrecognized(parser: argparse.ArgumentParser, command: str, extras: list[str]) -> None:
    """Unknown arguments of a command: name them, suggest the nearest option, point to
    that command's -h (argparse itself would point to drafter -h). Exits 2."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    options = [o for a in sub._actions for o in a.option_strings]
    guesses = []
    for word in extras:
        if word.startswith("-"):
            near = nearest(word.split("=", 1)[0], options)
            if near:
                guesses.append(near[0])
    guess = f"是否想输入 {'、'.join(guesses)}？" if guesses else ""
    print(f"{sub.format_usage().rstrip()}\n{paint_error()}：无法识别的参数：{' '.join(extras)}。{guess}\n"
          f"提示：运行 drafter {command} -h 查看用法。", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def paint_error() -> str:
    from drafter.commands._common import paint

    return paint("错误", "error", sys.stderr)


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
    """The command line. Called without argv (the `drafter` console script, `python -m
    drafter`), a one-shot command (QUICK_EXIT) ends the process itself once its output is
    flushed: the interpreter's teardown, freeing every object one by one, is work the OS
    does anyway (~1/5 of a `drafter draft`). With argv (tests, callers) it returns."""
    # drafter uses no pydantic plugins; looking them up scans every installed
    # package's entry points (~20 ms of start-up). A user's own setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _tolerant_output()
    ends_process = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        print(SHORT_USAGE, file=sys.stderr)
        return EXIT_USAGE
    command = next((a for a in argv if not a.startswith("-")), None)
    if command is not None and command not in COMMANDS and argv[0] == command:
        near = nearest(command, COMMANDS)
        guess = f"是否想输入 {near[0]}？" if near else ""
        print(f"错误：没有“{command}”这个命令。{guess}\n提示：运行 drafter -h 查看全部命令。", file=sys.stderr)
        return EXIT_USAGE
    if command in NO_GC_COMMANDS and gc.isenabled():
        gc.disable()
        try:
            status = _parse_and_run(argv, command)
            if ends_process and command in QUICK_EXIT:
                _exit_now(status)
            return status
        finally:                         # main() may run again in this process (tests)
            gc.enable()
    return _parse_and_run(argv, command)


def _exit_now(status: int) -> None:
    """End the process with status, its output flushed (files are already closed: every
    file drafter writes is published atomically before its command returns)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):    # a closed pipe (drafter … | head): nothing more to say
            pass
    os._exit(status)


def _parse_and_run(argv: list[str], command: str | None) -> int:
    from drafter.errors import DrafterError

    parser = build_parser(command if command in COMMANDS and argv[0] == command else None)
    args, extras = parser.parse_known_args(argv)
    if not getattr(args, "_run", None):
        if extras:                       # drafter --versoin: name it, with the nearest option or command
            word = extras[0]
            near = nearest(word, [o for a in parser._actions for o in a.option_strings] + COMMANDS)
            guess = f"是否想输入 {near[0]}？" if near else ""
            print(f"{paint_error()}：无法识别的参数：{' '.join(extras)}。{guess}", file=sys.stderr)
        print(SHORT_USAGE, file=sys.stderr)
        return EXIT_USAGE
    if extras:
        _unrecognized(parser, args.command, extras)
    try:
        return int(args._run(args) or 0)
    except DrafterError as exc:
        from drafter.commands._common import paint

        print(f"{paint('错误', 'error', sys.stderr)}：{exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
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
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())

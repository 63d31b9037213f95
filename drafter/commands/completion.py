"""drafter completion bash|zsh: a shell completion script generated from the parser (shtab)."""

from __future__ import annotations

import argparse

HELP = "生成命令补全脚本（bash 或 zsh），按 Tab 补全命令和选项"
EPILOG = """  drafter completion bash > ~/.local/share/bash-completion/completions/drafter
  drafter completion zsh > ~/.zfunc/_drafter      （并在 ~/.zshrc 中加入 fpath+=~/.zfunc）
  eval "$(drafter completion bash)"               只对当前终端生效"""

SHELLS = ("bash", "zsh", "tcsh")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", metavar="终端", choices=SHELLS, help="bash | zsh | tcsh")


def run(args: argparse.Namespace) -> int:
    try:
        import shtab
    except ImportError:
        from drafter.errors import DrafterError

        raise DrafterError("生成补全脚本需要 shtab 包。", hint="运行 pip install shtab 后重试。") from None
    from drafter.cli import build_parser

    print(shtab.complete(build_parser(), shell=args.shell))
    return 0

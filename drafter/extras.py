"""Optional libraries: `pip install drafter` drafts (draft, bulk, wizard, check) and reads a
corpus (`corpus`: its section classifier is a stored table applied in pure Python);
`pip install 'drafter[mine]'` adds jieba and scikit-learn for `mine`.

    require("mine")      # DrafterError naming exactly what to install, when a library is missing
"""

from __future__ import annotations

import importlib

from drafter.errors import DrafterError

# command -> (import name, distribution name) of the libraries it needs beyond the drafting install
NEEDS = {
    "mine": (("jieba", "jieba"), ("sklearn", "scikit-learn")),
}
EXTRA = "mine"


def missing(command: str) -> list[str]:
    """Distribution names of the libraries command needs that cannot be imported."""
    out = []
    for module, dist in NEEDS.get(command, ()):
        try:
            importlib.import_module(module)
        except ImportError:
            out.append(dist)
    return out


def require(command: str) -> None:
    """Raise a DrafterError saying what to install when command's libraries are missing."""
    gone = missing(command)
    if gone:
        raise DrafterError(
            f"drafter {command} 需要 {'、'.join(gone)}，当前环境没有安装。",
            hint=f"请运行：pip install 'drafter[{EXTRA}]'（或 pip install {' '.join(gone)}）。"
                 "起草（draft、bulk、wizard、check）和读取语料（corpus）不需要它们。",
        )

"""Where the shipped data lives: data tables, templates, phrase bank, examples."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"


def _root_dir(name: str, env: str) -> Path:
    """The environment override, else the source checkout's folder (editable
    install), else the copy a regular install put in <prefix>/share/drafter/."""
    override = os.environ.get(env)
    if override:
        return Path(override)
    local = PROJECT_ROOT / name
    if local.is_dir():
        return local
    installed = Path(sys.prefix) / "share" / "drafter" / name
    return installed if installed.is_dir() else local


def data_file(name: str) -> Path:
    """A data table shipped inside the package (drafter/data/NAME)."""
    return DATA_DIR / name


def templates_dir() -> Path:
    return _root_dir("templates", "DRAFTER_TEMPLATES")


def phrasebank_dir() -> Path:
    return _root_dir("phrasebank", "DRAFTER_PHRASEBANK")


def corpus_dir() -> Path:
    return PROJECT_ROOT / "corpus"


def examples_dir() -> Path:
    return PROJECT_ROOT / "examples"

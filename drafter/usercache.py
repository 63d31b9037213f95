"""drafter's cache of derived files, like Python's own __pycache__: what a fresh process
would otherwise rebuild from the data tables and skeletons on every run.

    folder("tables")     # Path of a cache subfolder, or None when caching is off

Where: $DRAFTER_CACHE, else $XDG_CACHE_HOME/drafter, else ~/.cache/drafter
(%LOCALAPPDATA%\\drafter\\cache on Windows). Nothing is cached when DRAFTER_CACHE is
"off" or when PYTHONDONTWRITEBYTECODE is set (python -B), as Python itself then writes
no bytecode. Entries are keyed by a hash of their source's content, so an edited table
or skeleton is read afresh; an unwritable or broken cache only costs the time it was
meant to save (the sources stay the only truth). Standard library only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

OFF = ("off", "0", "no", "false")


def root() -> Path | None:
    """The cache folder (not created here), or None when caching is off."""
    if sys.dont_write_bytecode:
        return None
    override = os.environ.get("DRAFTER_CACHE")
    if override:
        return None if override.strip().lower() in OFF else Path(override)
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "drafter" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "drafter"


def folder(name: str) -> Path | None:
    """root()/name, created if need be; None when caching is off or the folder cannot be made."""
    base = root()
    if base is None:
        return None
    path = base / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write a cache entry whole or not at all (another process may read it meanwhile);
    failures are ignored: a cache that cannot be written is only slower."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass

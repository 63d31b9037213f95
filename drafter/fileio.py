"""Safe file writing: atomic replace, never overwrite without force."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from drafter.errors import DrafterError, OutputExistsError


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, force: bool = False) -> Path:
    """Write data to path atomically (temp file in the same folder + os.replace).

    Raises OutputExistsError if path exists and force is False, DrafterError if
    the folder cannot be written. A failed write leaves no partial file behind.
    """
    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(
            f"文件已存在：{target}",
            hint="如需覆盖请加 --force，或用 -o 指定其他文件名。",
        )
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DrafterError(f"无法写入目录：{folder}（{exc.strerror or exc}）", hint="请检查目录是否存在、是否有写权限。") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not force and target.exists():
            raise OutputExistsError(f"文件已存在：{target}", hint="如需覆盖请加 --force。")
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise DrafterError(f"写入失败：{target}（{exc.strerror or exc}）") from exc
        raise
    return target


def atomic_write_text(path: str | os.PathLike, text: str, *, force: bool = False) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)

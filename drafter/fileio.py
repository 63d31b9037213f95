"""Safe file writing: atomic replace, never overwrite without force; safe file names."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from drafter.errors import DrafterError, OutputExistsError
from drafter.oserrors import os_reason


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, force: bool = False) -> Path:
    """Write data to path atomically (temp file in the same folder + os.replace).

    Raises OutputExistsError if path exists and force is False, DrafterError if
    the folder cannot be written. A failed write leaves no partial file behind.
    """
    target = Path(path)
    try:
        is_dir, exists = target.is_dir(), target.exists()
    except OSError as exc:  # e.g. a file name longer than the file system allows
        raise DrafterError(f"无法写入：{target}（{os_reason(exc)}）", hint=_hint(exc)) from None
    if is_dir:
        raise DrafterError(f"输出路径是一个文件夹：{target}", hint="请在 -o 后写文件名，如 -o 总结.docx。")
    if exists and not force:
        raise OutputExistsError(
            f"文件已存在：{target}",
            hint="如需覆盖请加 --force，或用 -o 指定其他文件名。",
        )
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # a short temporary name: the target's own name may already be near the
        # 255-byte limit of a file name
        fd, tmp = tempfile.mkstemp(prefix=".drafter-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DrafterError(f"无法写入目录：{folder}（{os_reason(exc)}）", hint=_hint(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; a draft gets the permissions any new file gets
        os.chmod(tmp, 0o666 & ~_umask())
        if not force and target.exists():
            raise OutputExistsError(f"文件已存在：{target}", hint="如需覆盖请加 --force。")
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, IsADirectoryError):
            raise DrafterError(f"输出路径是一个文件夹：{target}", hint="请在 -o 后写文件名，如 -o 总结.docx。") from exc
        if isinstance(exc, OSError):
            raise DrafterError(f"写入失败：{target}（{os_reason(exc)}）", hint=_hint(exc)) from exc
        raise
    return target


def _hint(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENAMETOOLONG:
        return "文件名太长，请用 -o 指定一个短一些的文件名。"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足，请清理后重试。"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写权限，请换一个目录，或检查权限。"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return "路径中的某一级是文件而不是文件夹，请检查 -o 指定的路径。"
    return "请检查目录是否存在、是否有写权限。"


# Characters no file name may contain (Windows forbids the printable ones).
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
# Limits of a file name stem: characters, and UTF-8 bytes (file systems allow 255
# bytes per name; the rest is room for suffixes such as （2） and .answers.yaml).
STEM_MAX_CHARS = 80
STEM_MAX_BYTES = 200
DEFAULT_STEM = "工作总结"


def safe_file_stem(title: str, limit: int = STEM_MAX_CHARS, max_bytes: int = STEM_MAX_BYTES) -> str:
    """A file name stem from a title: no path separators or characters Windows forbids,
    at most `limit` characters and `max_bytes` UTF-8 bytes, never empty."""
    stem = _FORBIDDEN.sub("_", (title or "").strip()).strip(" .")
    stem = re.sub(r"_+", "_", stem)[:limit]
    while len(stem.encode("utf-8", "surrogatepass")) > max_bytes:
        stem = stem[:-1]
    return stem.rstrip(" .") or DEFAULT_STEM


def atomic_write_text(path: str | os.PathLike, text: str, *, force: bool = False) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

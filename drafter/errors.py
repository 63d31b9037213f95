"""User-facing errors.

Every error a user can cause is raised as a DrafterError whose message is in
Chinese and names the file, the key or line, and what to do. The CLI prints it
without a traceback and exits non-zero.
"""

from __future__ import annotations


class DrafterError(Exception):
    """An error caused by the user's input or environment, with a Chinese message."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n提示：{self.hint}"
        return self.message


class InputError(DrafterError):
    """Bad figures/answers/corpus input (file, key, line named in the message)."""


class OutputExistsError(DrafterError):
    """Refusing to overwrite an existing file without --force."""


def os_reason(exc: OSError) -> str:
    """An OSError's reason in Chinese (drafter/data/oserrors.yaml, by errno name), its
    symbol kept as a detail: 没有这个文件或文件夹 [ENOENT]. Never raises."""
    import errno

    name = errno.errorcode.get(exc.errno or -1, "")
    try:
        text = _os_reasons().get(name)
    except Exception:  # a broken table must not hide the error being reported
        text = None
    if text:
        return f"{text} [{name}]"
    if name:
        return f"系统错误 [{name}]"
    return f"系统错误 [{type(exc).__name__}]"


_OS_REASONS: dict[str, str] = {}


def _os_reasons() -> dict[str, str]:
    if not _OS_REASONS:
        from drafter.datafiles import read_table
        from drafter.paths import data_file

        _OS_REASONS.update({str(k): str(v) for k, v in (read_table(data_file("oserrors.yaml")) or {}).items()})
    return _OS_REASONS

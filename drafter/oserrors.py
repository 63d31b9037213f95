"""The operating system's error texts in Chinese (drafter/data/oserrors.yaml).

    os_reason(exc)      # "没有这个文件或文件夹 [ENOENT]" for FileNotFoundError
"""

from __future__ import annotations


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

"""Safe file reading and writing.

    read_input_bytes(path, limit, what)   # a regular file's bytes, at most limit (InputError otherwise)
    check_docx_size(path)                 # refuse a .docx whose parts inflate past the limits
    atomic_write_bytes(path, data, force) # temp file in the same folder, then publish()
    publish(tmp, target, force)           # the one publishing step (also used by bulk)
    staged_folder(target) / swap_folder() # a whole folder (a phrase bank) written aside, swapped in
    file_hashes(folder, names) / verify_hashes(folder, hashes)
    safe_file_stem(title)                 # a file name from a title

Never overwrite without force (the no-force publish fails atomically if the
target appears meanwhile), never replace anything but a regular file, never
leave a partial file behind (KeyboardInterrupt and SIGTERM included).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from drafter.errors import DrafterError, InputError, OutputExistsError
from drafter.oserrors import os_reason
from drafter.limits import DOCX_MAX_MEMBER_BYTES, DOCX_MAX_TOTAL_BYTES, DOCX_MAX_XML_BYTES


# ---------------------------------------------------------------------------
# Reading


class UnreadableInput(InputError):
    """An input that is not read: reason is Chinese and does not repeat the path."""

    def __init__(self, path, reason: str, *, what: str = "文件", hint: str | None = None):
        super().__init__(f"{what}{path}：{reason}", hint=hint)
        self.path = str(path)
        self.reason = reason


def _size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    return f"{max(1, n // 1024)} KB"


def regular_file_stat(path: str | os.PathLike, *, what: str = "文件") -> os.stat_result:
    """stat() of path (links followed); UnreadableInput unless it is a regular file."""
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise UnreadableInput(p, "找不到文件", what=what, hint="请检查文件路径。") from None
    except OSError as exc:
        raise UnreadableInput(p, f"无法读取（{os_reason(exc)}）", what=what) from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableInput(p, "是一个文件夹，不是文件", what=what, hint="请给出文件的路径。")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableInput(p, "不是普通文件（设备、管道或套接字），已拒绝读取", what=what,
                              hint="请给出一个保存在磁盘上的文件。")
    return st


def read_input_bytes(path: str | os.PathLike, limit: int, *, what: str = "文件") -> bytes:
    """The bytes of a regular file of at most limit bytes (links followed).

    Devices (/dev/zero), FIFOs and sockets are refused without being opened for
    a blocking read; at most limit + 1 bytes are ever read, so a file that grows
    while it is read is refused too. Raises UnreadableInput (an InputError)."""
    p = Path(path)
    st = regular_file_stat(p, what=what)
    if st.st_size > limit:
        raise UnreadableInput(p, f"文件过大（{_size_text(st.st_size)}，上限 {_size_text(limit)}），已拒绝读取", what=what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as exc:
        raise UnreadableInput(p, f"无法读取（{os_reason(exc)}）", what=what) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):   # swapped for a FIFO after the stat()
            raise UnreadableInput(p, "不是普通文件（设备、管道或套接字），已拒绝读取", what=what)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise UnreadableInput(p, f"无法读取（{os_reason(exc)}）", what=what) from None
    except MemoryError:
        raise UnreadableInput(p, "文件过大，内存不足，已拒绝读取", what=what) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise UnreadableInput(p, f"文件过大（超过 {_size_text(limit)}），已拒绝读取", what=what)
    return data


def check_docx_size(path: str | os.PathLike, *, what: str = "文件") -> None:
    """Refuse a .docx whose parts inflate past the documented limits (a zip bomb:
    a small file whose word/document.xml claims a gigabyte), before any XML is
    parsed. The sizes are the ones the zip declares; Python's zip reader never
    inflates a member past its declared size."""
    p = Path(path)
    regular_file_stat(p, what=what)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return   # not a zip: the .docx reader reports the broken file in its own words
    except OSError as exc:
        raise UnreadableInput(p, f"无法读取（{os_reason(exc)}）", what=what) from None
    total = sum(i.file_size for i in infos)
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    biggest = max((i.file_size for i in infos), default=0)
    if total > DOCX_MAX_TOTAL_BYTES or xml > DOCX_MAX_XML_BYTES or biggest > DOCX_MAX_MEMBER_BYTES:
        raise UnreadableInput(
            p, f"解压后过大（文字部分 {_size_text(xml)}，共 {_size_text(total)}；上限分别为 "
               f"{_size_text(DOCX_MAX_XML_BYTES)} 和 {_size_text(DOCX_MAX_TOTAL_BYTES)}），已拒绝读取",
            what=what, hint="正常的工作总结远小于这个大小；文件可能已损坏或被恶意构造。")


def file_hashes(folder: str | os.PathLike, names: Iterable[str]) -> dict[str, str]:
    """name -> sha256 hex of each file in folder."""
    folder = Path(folder)
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in sorted(names)}


def verify_hashes(folder: str | os.PathLike, hashes: Mapping[str, str]) -> list[str]:
    """Names whose file is missing or whose sha256 differs from hashes."""
    folder = Path(folder)
    bad = []
    for name, digest in sorted(hashes.items()):
        try:
            actual = hashlib.sha256((folder / str(name)).read_bytes()).hexdigest()
        except OSError:
            bad.append(str(name))
            continue
        if actual != digest:
            bad.append(str(name))
    return bad


# ---------------------------------------------------------------------------
# Writing


def _refuse_special(target: Path) -> bool:
    """True if target exists (a dangling link does not). DrafterError if it is
    anything but a regular file (or a link to one): a device, FIFO or socket is
    never replaced by a file, even with --force."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DrafterError(f"无法写入：{target}（{os_reason(exc)}）", hint=_hint(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise DrafterError(f"输出路径是一个文件夹：{target}", hint="请在 -o 后写文件名，如 -o 总结.docx。")
    if not stat.S_ISREG(st.st_mode):
        raise DrafterError(f"输出路径不是普通文件（设备、管道或套接字）：{target}，即使加 --force 也不会覆盖",
                           hint="请用 -o 指定一个普通文件名。")
    return True


def publish(tmp: str | os.PathLike, target: str | os.PathLike, *, force: bool = False) -> Path:
    """Move a finished temporary file (in target's folder) to target: the one
    publishing step of every file drafter writes.

    Without force the step fails atomically if target exists, even if another
    run creates it meanwhile (os.link, then the temporary name is removed):
    OutputExistsError. With force, only a regular file is replaced (os.replace).
    On any failure tmp is removed and target is as it was."""
    tmp, target = Path(tmp), Path(target)
    try:
        exists = _refuse_special(target)
        if exists and not force:
            raise OutputExistsError(f"文件已存在：{target}", hint="如需覆盖请加 --force，或用 -o 指定其他文件名。")
        if force:
            os.replace(tmp, target)
        else:
            _link_exclusive(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError):
            raise OutputExistsError(f"文件已存在：{target}（另一个进程刚刚写入）",
                                    hint="如需覆盖请加 --force，或用 -o 指定其他文件名。") from None
        if isinstance(exc, IsADirectoryError):
            raise DrafterError(f"输出路径是一个文件夹：{target}", hint="请在 -o 后写文件名，如 -o 总结.docx。") from None
        if isinstance(exc, OSError):
            raise DrafterError(f"写入失败：{target}（{os_reason(exc)}）", hint=_hint(exc)) from None
        raise
    return target


def _link_exclusive(tmp: Path, target: Path) -> None:
    """tmp becomes target unless target exists (FileExistsError), atomically."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        # a file system without hard links (FAT, some network shares)
        if os.name == "nt":
            os.rename(tmp, target)      # fails if target exists
            return
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)   # claim the name
        os.close(fd)
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, force: bool = False) -> Path:
    """Write data to path atomically (temp file in the same folder + publish()).

    Raises OutputExistsError if path exists and force is False, DrafterError if
    the folder cannot be written or path is not a regular file. A failed or
    interrupted write leaves no partial file behind."""
    target = Path(path)
    try:
        exists = _refuse_special(target)
    except OSError as exc:  # e.g. a file name longer than the file system allows
        raise DrafterError(f"无法写入：{target}（{os_reason(exc)}）", hint=_hint(exc)) from None
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
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise DrafterError(f"写入失败：{target}（{os_reason(exc)}）", hint=_hint(exc)) from exc
        raise
    return publish(tmp, target, force=force)


# ---------------------------------------------------------------------------
# Whole folders (a phrase bank)

STAGING_PREFIX = ".drafter-staging-"
OLD_PREFIX = ".drafter-old-"


@contextlib.contextmanager
def staged_folder(target: str | os.PathLike) -> Iterator[Path]:
    """A new hidden folder beside target to write into; removed if the block
    fails or is interrupted (and after a successful swap_folder)."""
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        recover_dead_runs(target)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=parent))
    except OSError as exc:
        raise DrafterError(f"无法写入目录：{parent}（{os_reason(exc)}）", hint=_hint(exc)) from None
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def pid_alive(pid: int) -> bool:
    """Whether a process of this host still runs (the owner of a staging folder)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True          # someone else's process, or no way to tell: leave it
    return True


def recover_dead_runs(target: str | os.PathLike) -> None:
    """Clean up after runs killed outright (SIGKILL, power cut) beside target:
    their staging folders are removed, and a folder renamed aside in the middle
    of a swap is put back if target is missing (else removed)."""
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith(STAGING_PREFIX):
            pid = name[len(STAGING_PREFIX):].split("-", 1)[0]
            if pid.isdigit() and not pid_alive(int(pid)):
                shutil.rmtree(entry, ignore_errors=True)
        elif name.startswith(f"{OLD_PREFIX}{target.name}-"):
            pid = name.rsplit("-", 1)[-1]
            if pid.isdigit() and not pid_alive(int(pid)):
                if os.path.lexists(target):
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        os.rename(entry, target)


def swap_folder(staging: Path, target: str | os.PathLike, *, keep: Iterable[str] = ()) -> None:
    """Put the finished staging folder in target's place.

    A new target is one rename. An existing target is renamed aside, staging is
    renamed into its place, and the old folder is removed; entries named in keep
    (files of the user's that are not part of what is replaced) are carried
    over into the new folder first. If anything fails, the old folder is put
    back."""
    target = Path(target)
    staging.chmod(0o777 & ~_umask())   # mkdtemp makes 0700
    try:
        if not target.exists():
            os.rename(staging, target)
            return
    except OSError as exc:
        raise DrafterError(f"无法写入：{target}（{os_reason(exc)}）", hint=_hint(exc)) from None
    moved: list[str] = []
    old = target.parent / f"{OLD_PREFIX}{target.name}-{os.getpid()}"
    swapped = False
    try:
        for name in keep:
            os.rename(target / name, staging / name)
            moved.append(name)
        os.rename(target, old)
        try:
            os.rename(staging, target)
            swapped = True
        except BaseException:
            os.rename(old, target)
            raise
    except BaseException as exc:
        if not swapped:
            for name in moved:
                with contextlib.suppress(OSError):
                    os.rename(staging / name, target / name)
        if isinstance(exc, OSError):
            raise DrafterError(f"无法写入：{target}（{os_reason(exc)}）", hint=_hint(exc)) from None
        raise
    shutil.rmtree(old, ignore_errors=True)


def _hint(exc: OSError) -> str:
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

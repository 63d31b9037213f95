"""The jinja2 environment for skeletons (templates/*.j2 and a user's --template).

    environment(template_path, sandboxed) -> jinja2 Environment
    render_bounded(template, context, path) -> str      # DrafterError on any template problem

The loader serves only the given template, other `.j2` files named without a
folder in the template's own folder (not hidden, regular files, at most
MAX_TEMPLATE_BYTES, UTF-8), and the shipped skeletons (_base.j2): an
`{% include '.hidden/id_rsa' %}` or `'../x'` is not found. A user template runs
in jinja2's sandbox, which here also refuses to build a string or list longer
than MAX_RENDER_CHARS (`'a' * 10**9`) or a power with a huge exponent; every
render stops after MAX_RENDER_CHARS characters of output and after
MAX_RENDER_SECONDS (where the platform has SIGALRM), and recursion, overflow
and encoding problems are reported as the template's own, with its line.
"""

from __future__ import annotations

import contextlib
import signal
import stat
import threading
from pathlib import Path
from typing import Any, Iterator

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from drafter.errors import DrafterError
from drafter.limits import MAX_RENDER_CHARS, MAX_RENDER_SECONDS, MAX_TEMPLATE_BYTES


class TemplateLimit(Exception):
    """A template went past a render limit (message in Chinese)."""


class SkeletonLoader(jinja2.BaseLoader):
    def __init__(self, template: Path, shipped: Path):
        self.template = template
        self.folders = [template.parent] + ([shipped] if shipped.resolve() != template.parent.resolve() else [])

    def get_source(self, environment, name: str):
        if name == self.template.name:
            return self._read(self.template, name)
        if ("/" in name or "\\" in name or name.startswith(".") or not name.endswith(".j2")
                or name in ("", ".j2")):
            raise jinja2.TemplateNotFound(name)
        for folder in self.folders:
            path = folder / name
            try:
                st = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                return self._read(path, name)
        raise jinja2.TemplateNotFound(name)

    @staticmethod
    def _read(path: Path, name: str):
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                raise DrafterError(f"稿件模板 {path} 不是普通文件", hint="请给出一个 .j2 文本文件。")
            if st.st_size > MAX_TEMPLATE_BYTES:
                raise DrafterError(f"稿件模板 {path} 过大（上限 {MAX_TEMPLATE_BYTES // 1024} KB）",
                                   hint="稿件模板只需写出稿件的骨架。")
            with open(path, "rb") as fh:
                data = fh.read(MAX_TEMPLATE_BYTES + 1)
        except OSError as exc:
            raise DrafterError(f"无法读取稿件模板：{path}（{exc.strerror or exc}）") from None
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            raise DrafterError(f"稿件模板 {path} 第 {line} 行不是 UTF-8 编码",
                               hint="请把模板另存为 UTF-8 编码的文本文件。") from None
        mtime = st.st_mtime
        return source, str(path), lambda: path.exists() and path.stat().st_mtime == mtime


def _too_long(value: Any) -> bool:
    return isinstance(value, (str, list, tuple, bytes)) and len(value) > MAX_RENDER_CHARS


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, refusing huge sequences and powers (checked before computing)."""

    intercepted_binops = frozenset(["*", "**", "+"])

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_RENDER_CHARS:
                    raise TemplateLimit(f"生成的文字过长（超过 {MAX_RENDER_CHARS} 个字符）")
        if op == "**" and isinstance(right, int) and abs(right) > 1000:
            raise TemplateLimit("乘方的指数过大")
        result = super().call_binop(context, op, left, right)
        if _too_long(result):
            raise TemplateLimit(f"生成的文字过长（超过 {MAX_RENDER_CHARS} 个字符）")
        return result


def environment(template: Path, *, sandboxed: bool, shipped: Path, finalize) -> jinja2.Environment:
    cls = BoundedSandbox if sandboxed else jinja2.Environment
    return cls(
        loader=SkeletonLoader(template, shipped),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        bytecode_cache=_bytecode_cache(sandboxed),
    )


def _bytecode_cache(sandboxed: bool) -> jinja2.BytecodeCache | None:
    """jinja2's own cache of compiled skeletons (keyed by their source's checksum), in
    drafter's user cache (drafter/usercache.py): a fresh process does not compile the
    skeleton again. The sandbox compiles other code, so it has a folder of its own."""
    from drafter.usercache import folder

    where = folder(f"jinja2-{jinja2.__version__}-{'sandbox' if sandboxed else 'plain'}")
    return jinja2.FileSystemBytecodeCache(str(where)) if where is not None else None


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """TemplateLimit after `seconds` (main thread with SIGALRM only; else no deadline)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise TemplateLimit(f"渲染超过 {MAX_RENDER_SECONDS} 秒（循环过多？）")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _line_in(exc: BaseException, filenames: set[str]) -> tuple[str, int] | None:
    """(file, line) of the innermost traceback frame inside a template file."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name in filenames:
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


# What a user's template can cause (reported as the template's problem, with its line).
_ALWAYS_TEMPLATE_FAULTS = (TemplateLimit, SecurityError, jinja2.TemplateError, RecursionError, MemoryError)
_TEMPLATE_FAULTS = _ALWAYS_TEMPLATE_FAULTS + (OverflowError, ArithmeticError, TypeError, ValueError, KeyError,
                                              IndexError, AttributeError)


def render_bounded(template: jinja2.Template, context: dict, path: Path) -> str:
    """Render a skeleton within the output and time limits (DrafterError otherwise)."""
    parts: list[str] = []
    size = 0
    try:
        with _deadline(MAX_RENDER_SECONDS):
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > MAX_RENDER_CHARS:
                    raise TemplateLimit(f"渲染结果过长（超过 {MAX_RENDER_CHARS} 个字符）")
                parts.append(chunk)
    except DrafterError:
        raise
    except Exception as exc:
        if not isinstance(exc, _TEMPLATE_FAULTS) or (
                not isinstance(template.environment, BoundedSandbox) and not isinstance(exc, _ALWAYS_TEMPLATE_FAULTS)):
            raise   # a shipped skeleton failing on a Python error: a defect of drafter, not the user's
        files = {str(path)} | {str(f / n) for f in getattr(template.environment.loader, "folders", [])
                                for n in _names(f)}
        where = _line_in(exc, files)
        at = f"{where[0]}，第 {where[1]} 行" if where else str(path)
        kind = {RecursionError: "递归过深", OverflowError: "数值溢出", MemoryError: "内存不足"}.get(type(exc))
        message = kind or str(getattr(exc, "message", None) or exc) or type(exc).__name__
        raise DrafterError(f"稿件模板 {at}，渲染出错：{message}",
                           hint="这是模板本身的问题：请对照 templates/ 中自带的模板检查变量名、循环和语法。") from None
    return "".join(parts)


def _names(folder: Path) -> list[str]:
    try:
        return [p.name for p in folder.glob("*.j2")]
    except OSError:
        return []


__all__ = ["environment", "render_bounded", "SkeletonLoader", "BoundedSandbox", "TemplateLimit"]

"""YAML for figures files: safe loading with line numbers and limits.

    located = read_yaml(text, source)     # raises InputError (Chinese, with line and column)
    located.data                          # the parsed document
    located.line_of(("units", 2, "figures", "主动公开信息数"))   # -> line number
    read_file(path)                       # the text of a figures file (encoding detected)

Guards: file size, alias-expansion budget ("billion laughs"), nesting depth,
duplicate keys, control characters, integers too long to convert, lone
surrogates. PyYAML's SafeLoader does the parsing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import yaml

from drafter.errors import InputError
from drafter.figures.limits import MAX_DIGITS, MAX_EXPANDED_NODES, MAX_FILE_BYTES
from drafter.limits import MAX_FIGURES_LINES
from drafter.textutil import UNENCODABLE, DecodeError, clean_text, decode_text, show_value


class Located:
    """A composed YAML document: the data plus the node tree for line lookup."""

    def __init__(self, data, root):
        self.data = data
        self.root = root
        self._keys: dict[int, dict[str, tuple[int, yaml.Node]]] = {}

    def _index(self, node: yaml.MappingNode) -> dict[str, tuple[int, yaml.Node]]:
        """A mapping node's keys (cleaned) -> (line, value node), built once per node:
        line lookups stay linear however many issues a file has."""
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    index.setdefault(clean_text(k.value), (k.start_mark.line + 1, v))
            self._keys[id(node)] = index
        return index

    def line_of(self, path: Iterable) -> int | None:
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in path:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                found = self._index(node).get(clean_text(part))
                if found is None:
                    return line
                line, nxt = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    nxt = node.value[part]
                    line = nxt.start_mark.line + 1
                else:
                    return line
            else:
                return line
            node = nxt
        return line


class _PyLoader(yaml.SafeLoader):
    """SafeLoader that reads an integer of more than MAX_DIGITS digits as text,
    so validation names its key and line instead of int() choking on it."""


def _construct_int(loader, node):
    if len(node.value) > MAX_DIGITS:
        return loader.construct_scalar(node)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_PyLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

# libyaml's parser (about 10x faster on a bulk file) when PyYAML was built with it;
# its nodes carry the same line marks. A document it refuses is parsed again by the
# pure-Python parser, whose error messages (line, column, problem) the users see.
if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(yaml.CSafeLoader):
        pass

    _CLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _Loader = _CLoader
else:
    _Loader = _PyLoader


def _construct_timestamp(loader, node):
    """A date YAML recognises but the calendar has not (2026-13-01) stays text, so that
    validation names its unit, key and line in Chinese instead of stopping the whole file."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_PyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
if _Loader is not _PyLoader:
    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    line = before.count("\n")
    return line + 1, position - (before.rfind("\n") + 1) + 1


def _yaml_error(source: str, exc: yaml.YAMLError, text: str = "") -> InputError:
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _line_col(text, exc.position)
        char = exc.character
        code = f"U+{ord(char):04X}" if isinstance(char, str) else f"0x{char:02X}"
        return InputError(
            f"{source}：第 {line} 行第 {col} 列有不可见的控制字符（{code}），YAML 格式错误",
            hint="请删去这个字符（常见于从网页或其他软件复制来的文字），或把整段文字重新输入一遍。",
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "某处"
    problem = getattr(exc, "problem", None) or str(exc)
    from drafter.figures.messages import yaml_reason   # Chinese, the English kept as a detail

    problem = yaml_reason(problem)
    return InputError(
        f"{source}：{where} YAML 格式错误（{problem}）",
        hint="请检查这一行及上一行的缩进、冒号后是否有空格、引号和括号是否成对。",
    )


def _children(node) -> list:
    """A node's keys and values (mapping) or items (sequence), in order."""
    if isinstance(node, yaml.MappingNode):
        return [x for pair in node.value for x in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _count_expanded(node, budget: int) -> int:
    """Count nodes with aliases expanded, stopping once budget is exceeded."""
    count = 0
    stack = [node]
    while stack:
        n = stack.pop()
        count += 1
        if count > budget:
            return count
        stack.extend(_children(n))
    return count


def _count_unique(node, budget: int) -> int:
    """Count distinct nodes (aliases not expanded), stopping once budget is exceeded."""
    seen: set[int] = set()
    stack = [node]
    while stack and len(seen) <= budget:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        stack.extend(_children(n))
    return len(seen)


def _clean_scalars(node) -> None:
    """Drop lone surrogates and noncharacters (written as escapes in quoted
    scalars) from every scalar, keys included: they cannot be encoded."""
    seen = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, yaml.ScalarNode):
            if isinstance(n.value, str) and UNENCODABLE.search(n.value):
                n.value = UNENCODABLE.sub("", n.value)
        stack.extend(_children(n))


def _duplicate_keys(node, path=()) -> list[tuple[tuple, int, str]]:
    found = []
    seen_nodes = set()
    stack = [(node, path)]
    while stack:
        n, p = stack.pop()
        if id(n) in seen_nodes:
            continue
        seen_nodes.add(id(n))
        if isinstance(n, yaml.MappingNode):
            keys: dict[str, int] = {}
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    name = clean_text(k.value)
                    if name in keys and name != "<<":
                        found.append((p, k.start_mark.line + 1, name))
                    keys[name] = 1
                    stack.append((v, p + (name,)))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                stack.append((v, p + (i,)))
    return found


def read_yaml(text: str, source: str) -> Located:
    """Parse YAML safely: size limit, alias-expansion budget, duplicate keys,
    errors with line numbers (InputError)."""
    if len(text.encode("utf-8", "ignore")) > MAX_FILE_BYTES:
        raise InputError(f"{source}：文件过大（超过 {MAX_FILE_BYTES // (1024 * 1024)} MB），不像是数据文件。")
    lines = text.count("\n")
    if lines > MAX_FIGURES_LINES:   # refused before the (slow) parse
        raise InputError(f"{source}：内容过多（{lines} 行，上限 {MAX_FIGURES_LINES} 行），不像是数据文件，已拒绝读取",
                         hint="一个单位的数据文件只需几十个数据项；批量文件请按单位拆成几个文件。")
    if _Loader is not _PyLoader:
        try:
            return _read_yaml(text, source, _Loader)
        except InputError as exc:
            if not isinstance(exc.__context__, yaml.YAMLError):   # libyaml refused it
                raise
    return _read_yaml(text, source, _PyLoader)


def _read_yaml(text: str, source: str, loader_class) -> Located:
    loader = None
    try:
        loader = loader_class(text)
        root = loader.get_single_node()
        if root is None:
            raise InputError(f"{source}：文件是空的", hint="至少需要写 unit: 单位名称。可运行 drafter schema 查看格式。")
        if _count_expanded(root, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES:
            if _count_unique(root, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES:   # big as written, not by aliases
                raise InputError(
                    f"{source}：内容过多（超过 {MAX_EXPANDED_NODES} 项），不像是数据文件，已拒绝读取",
                    hint="一个单位的数据文件只需几十个数据项；批量文件请按单位拆成几个文件。",
                )
            raise InputError(
                f"{source}：YAML 别名（&/*）展开后过大，已拒绝读取",
                hint="数据文件不需要大量别名引用，请直接写出内容。",
            )
        dups = _duplicate_keys(root)
        if dups:
            p, line, name = sorted(dups, key=lambda d: d[1])[0]
            raise InputError(f"{source}：第 {line} 行，键「{name}」重复出现", hint="同一层级的键只能写一次，请删去或合并重复的一项。")
        _clean_scalars(root)
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise _yaml_error(source, exc, text) from None
    except RecursionError:
        raise InputError(f"{source}：YAML 嵌套过深或含循环引用，已拒绝读取") from None
    except MemoryError:
        raise InputError(f"{source}：文件内容过多，内存不足，已拒绝读取", hint="数据文件不需要这么多内容。") from None
    except (ValueError, OverflowError) as exc:  # a scalar the constructor cannot take
        raise InputError(f"{source}：有无法读取的值（{show_value(exc, 80)}）", hint="请检查数字和日期的写法。") from None
    finally:
        if loader is not None:
            loader.dispose()
    return Located(data, root)


def read_file(path: str | Path) -> str:
    """A figures file's text: a regular file of at most MAX_FILE_BYTES (devices
    and FIFOs refused without blocking), binary check, encoding detected
    (UTF-8 with or without BOM, UTF-16, GB18030, Big5)."""
    from drafter.fileio import UnreadableInput, read_input_bytes

    p = Path(path)
    try:
        data = read_input_bytes(p, MAX_FILE_BYTES, what="数据文件")
    except UnreadableInput as exc:
        if exc.reason == "找不到文件":
            raise InputError(f"找不到数据文件：{p}", hint="请检查文件路径。") from None
        if exc.reason.startswith("是一个文件夹"):
            raise InputError(f"{p} 是一个文件夹，不是数据文件", hint="请给出 .yaml 文件的路径。") from None
        if exc.reason.startswith("文件过大"):
            raise InputError(f"{p}：{exc.reason}，不像是数据文件。") from None
        raise
    try:
        return decode_text(data, detect=True)[0]
    except DecodeError as exc:
        if exc.kind == "binary":
            raise InputError(f"{p}：这不是文本文件", hint="数据文件应为 UTF-8 编码的 YAML 文本。") from None
        raise InputError(f"{p}：无法识别文件编码", hint="请另存为 UTF-8 编码。") from None

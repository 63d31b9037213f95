"""Size limits of drafter/ (issue 9): no module over 600 lines, no function over 80 lines.

Read from the source with ast, so nested functions and methods count on their own.
An entry of ALLOWED that no longer exceeds its limit fails the test, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "drafter"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80

# (module path relative to drafter/, function name or None for the module) -> reason
ALLOWED: dict[tuple[str, str | None], str] = {}


def oversized(root: Path = PACKAGE) -> dict[tuple[str, str | None], int]:
    """(module, function or None) -> lines, for everything over its limit."""
    found: dict[tuple[str, str | None], int] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            found[(rel, None)] = lines
        for node in ast.walk(ast.parse(source, filename=str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found[(rel, node.name)] = length
    return found


def test_the_reader_finds_long_modules_and_functions(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "long.py").write_text(f"def f():\n{body}\n" + "y = 1\n" * MAX_MODULE_LINES, encoding="utf-8")
    (tmp_path / "short.py").write_text("def g():\n    return 1\n", encoding="utf-8")
    assert oversized(tmp_path) == {("long.py", None): MAX_MODULE_LINES + MAX_FUNCTION_LINES + 1,
                                   ("long.py", "f"): MAX_FUNCTION_LINES + 1}


def test_no_module_or_function_over_its_limit():
    found = oversized()
    new = {k: v for k, v in found.items() if k not in ALLOWED}
    assert not new, "over the size limits (module > %d lines, function > %d lines): %s" % (
        MAX_MODULE_LINES, MAX_FUNCTION_LINES,
        "; ".join(f"{m}{'::' + f if f else ''} {n}" for (m, f), n in sorted(new.items(), key=str)))
    stale = sorted(set(ALLOWED) - set(found), key=str)
    assert not stale, f"within the limits now, remove from ALLOWED: {stale}"

"""Import discipline of drafter/: no import circle, no library module importing a front-end,
the txt writer independent of the docx writer.

The graph is read from the source (ast), so imports inside functions count too:
a circle that only closes at run time is still a circle.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "drafter"

# Library modules that still import a front-end module, each with the reason and
# the change that removes it. An entry that no longer matches fails the test, so
# the list only shrinks.
KNOWN_FRONT_END_IMPORTS: set[tuple[str, str]] = set()


def _modules(root: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package __init__)."""
    out = {}
    for f in sorted(root.rglob("*.py")):
        parts = list(f.relative_to(root.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts = parts[:-1]
        out[".".join(parts)] = (f, is_pkg)
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the nodes under `if TYPE_CHECKING:` (not imported at run time)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                skip.update(id(n) for n in ast.walk(stmt))
    return skip


def _imports(name: str, modules: dict[str, tuple[Path, bool]]) -> set[str]:
    """The drafter modules a module imports, at module level or inside functions.

    `from pkg import sub` where sub is a module is an import of pkg.sub (pkg, its
    parent, is loaded first anyway); `from pkg import name` is an import of pkg."""
    path, is_pkg = modules[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _type_checking_only(tree)
    package = name if is_pkg else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules]
            out.update(subs)
            if target in modules and len(subs) < len(node.names):
                out.add(target)
    out.discard(name)
    return out


@lru_cache(maxsize=None)
def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the drafter modules it imports (read once per root; do not modify)."""
    modules = _modules(root)
    return {name: _imports(name, modules) for name in modules}


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), plus self-imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, ()):
                circles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return circles


def is_front_end(module: str) -> bool:
    """The command line and the wizard: they may import the library, never the other way round."""
    return (module in ("drafter.cli", "drafter.__main__")
            or module.startswith(("drafter.commands", "drafter.wizard")))


# ---------------------------------------------------------------- the graph reader itself


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root / "drafter"


def test_the_graph_sees_circles_closed_inside_functions(tmp_path):
    root = _write(tmp_path, {
        "drafter/__init__.py": "",
        "drafter/a.py": "from drafter.b import x\n",
        "drafter/b.py": "def f():\n    from drafter import a\n    return a\nx = 1\n",
        "drafter/c.py": "import drafter.a\n",
    })
    graph = import_graph(root)
    assert graph["drafter.a"] == {"drafter.b"} and graph["drafter.b"] == {"drafter.a"}
    assert import_circles(graph) == [["drafter.a", "drafter.b"]]


def test_the_graph_resolves_relative_imports_and_skips_type_checking(tmp_path):
    root = _write(tmp_path, {
        "drafter/__init__.py": "",
        "drafter/pkg/__init__.py": "from .inner import y\n",
        "drafter/pkg/inner.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from drafter.pkg import y\ny = 2\n",
        "drafter/pkg/other.py": "from drafter.pkg import inner\nfrom .. import pkg\n",
    })
    graph = import_graph(root)
    assert graph["drafter.pkg"] == {"drafter.pkg.inner"}
    assert graph["drafter.pkg.inner"] == set()
    assert graph["drafter.pkg.other"] == {"drafter.pkg.inner", "drafter.pkg"}
    assert import_circles(graph) == []


# ---------------------------------------------------------------- drafter/


def test_drafter_has_no_import_circle():
    circles = import_circles(import_graph())
    assert circles == [], "import circles: " + "; ".join(" ↔ ".join(c) for c in circles)


def test_no_library_module_imports_a_front_end():
    graph = import_graph()
    found = {(m, t) for m, targets in graph.items() if not is_front_end(m) for t in targets if is_front_end(t)}
    assert found - KNOWN_FRONT_END_IMPORTS == set(), sorted(found - KNOWN_FRONT_END_IMPORTS)
    stale = KNOWN_FRONT_END_IMPORTS - found
    assert not stale, f"no longer imported, remove from KNOWN_FRONT_END_IMPORTS: {sorted(stale)}"


def test_the_text_writer_does_not_import_the_docx_writer():
    graph = import_graph()
    text_writers = [m for m in graph if m.rsplit(".", 1)[-1] == "render_text"]
    docx_writers = {m for m in graph if m.rsplit(".", 1)[-1] == "render_docx"}
    assert text_writers and docx_writers
    for m in text_writers:
        assert not graph[m] & docx_writers, f"{m} imports {sorted(graph[m] & docx_writers)}"


def test_the_layout_table_has_one_reader_module():
    """layout.yaml is read through drafter.layout only; writers and checker import it."""
    graph = import_graph()
    readers = [m for m, (path, _) in _modules().items() if "layout.yaml" in path.read_text(encoding="utf-8")
               and "data_file(\"layout.yaml\")" in path.read_text(encoding="utf-8")]
    assert readers == ["drafter.layout"]
    users = {m.rsplit(".", 1)[-1] for m, targets in graph.items() if "drafter.layout" in targets}
    assert {"render_docx", "render_text", "layout"} <= users   # the writers and drafter.check.layout

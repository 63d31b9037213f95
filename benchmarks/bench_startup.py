"""`drafter draft` in a fresh process against a fresh docxtpl render of the same
paragraphs, and against `python -c pass`; the same two in one process; where the
fresh process spends its imports.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7]

Anchors, measured in the same run, interleaved (medians):
  docxtpl   a template .docx with one looped paragraph, rendered with the draft's
            paragraphs (its text as `drafter draft --format txt` prints it) and saved
            (docxtpl = python-docx + jinja2: the usual way to fill a Word template);
            python-docx building the same paragraphs when docxtpl is not installed
  python    `python -c pass`
Every command runs once before the timed runs, and without PYTHONDONTWRITEBYTECODE
(benchlib.env): both sides start from cached bytecode, as on a user's machine after the
first run.
Targets (issue 14): fresh draft with its check <= 1.2x docxtpl; in one process,
draft with check <= 0.4x docxtpl.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import EXAMPLE, ROOT, SHIPPED_BANK, drafter_cmd, env, machine, timed  # noqa: E402

ANCHOR = """
import sys
paras = open(sys.argv[2], encoding="utf-8").read().split("\\n")
try:
    from docxtpl import DocxTemplate
    doc = DocxTemplate(sys.argv[1])
    doc.render({"paras": paras})
    doc.save(sys.argv[3])
except ImportError:
    import docx
    d = docx.Document()
    for p in paras:
        d.add_paragraph(p)
    d.save(sys.argv[3])
"""


def has_docxtpl() -> bool:
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        return False
    return True


def make_template(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("{%p for p in paras %}")
    d.add_paragraph("{{ p }}")
    d.add_paragraph("{%p endfor %}")
    d.save(str(path))


def draft_paragraphs(bank: str) -> list[str]:
    _, p = timed(drafter_cmd() + ["draft", str(EXAMPLE), "-o", "-", "--format", "txt", "--bank", bank],
                 environ=env())
    return [line.strip() for line in p.stdout.splitlines() if line.strip()]


def in_process(bank: str, tpl: Path, paras: list[str], tmp: Path, n: int = 20) -> tuple[float, float, float]:
    """(ms per produce() with its check, ms per produce() without, ms per docxtpl render + save)."""
    from drafter.bank import PhraseBank
    from drafter.drafting import produce
    from drafter.figures import load_figures

    b = PhraseBank.load(bank)
    spec = load_figures(EXAMPLE, slots=b.slots)
    out = tmp / "inproc.docx"

    def ours(check: bool) -> float:
        produce(spec, out, "docx", True, check, bank=b)
        t0 = time.perf_counter()
        for _ in range(n):
            produce(spec, out, "docx", True, check, bank=b)
        return (time.perf_counter() - t0) / n * 1000

    def anchor() -> float:
        if has_docxtpl():
            from docxtpl import DocxTemplate

            def once():
                doc = DocxTemplate(str(tpl))
                doc.render({"paras": paras})
                doc.save(str(tmp / "tpl-out.docx"))
        else:
            import docx

            def once():
                d = docx.Document()
                for p in paras:
                    d.add_paragraph(p)
                d.save(str(tmp / "tpl-out.docx"))
        once()
        t0 = time.perf_counter()
        for _ in range(n):
            once()
        return (time.perf_counter() - t0) / n * 1000

    a1, c, a2, nc = anchor(), ours(True), anchor(), ours(False)
    return c, nc, (a1 + a2) / 2


_IMPORT = re.compile(r"^import time:\s*(\d+)\s*\|\s*(\d+)\s*\|(\s*)(\S+)\s*$")


def import_profile(bank: str, tmp: Path, top: int = 8) -> tuple[float, list[tuple[str, float]]]:
    """(total ms of top-level imports, the biggest top-level imports in ms) of one `drafter draft`."""
    cmd = [sys.executable, "-X", "importtime", "-m", "drafter", "draft", str(EXAMPLE), "-o", str(tmp / "imp.docx"),
           "--bank", bank, "--force"]
    p = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True)
    rows = []
    for line in p.stderr.splitlines():
        m = _IMPORT.match(line)
        if m and len(m.group(3)) == 1:          # top level: one space of indentation
            rows.append((m.group(4), int(m.group(2)) / 1000))
    rows.sort(key=lambda r: -r[1])
    return sum(ms for _, ms in rows), rows[:top]


def corpus_import_share(runs: int = 3) -> dict:
    """`drafter corpus corpus/`: wall time, and the share of it spent importing
    scikit-learn (and jieba/scipy/numpy under it), from -X importtime (medians)."""
    from benchlib import CORPUS, HEAVY

    walls, heavy = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-X", "importtime", "-m", "drafter", "corpus", str(CORPUS)], cwd=ROOT,
                           env=env(), capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        heavy.append(heavy_import_ms(p.stderr, HEAVY + ("numpy",)))
    wall, imp = statistics.median(walls), statistics.median(heavy) / 1000
    return {"wall": wall, "imports": imp, "share": imp / wall}


def heavy_import_ms(log: str, packages) -> float:
    """Cumulative ms of the outermost imports of packages in an -X importtime log
    (the log is post-order: read backwards, a parent comes before its children)."""
    total, stack = 0.0, []          # stack of (depth, inside a heavy import)
    for line in reversed(log.splitlines()):
        m = _IMPORT.match(line)
        if not m:
            continue
        depth = len(m.group(3))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        inside = bool(stack) and stack[-1][1]
        heavy = m.group(4).split(".")[0] in packages
        if heavy and not inside:
            total += int(m.group(2)) / 1000
        stack.append((depth, inside or heavy))
    return total


def measure(runs: int = 7, bank: str | None = None, log=print) -> dict:
    bank = str(bank or SHIPPED_BANK)
    with tempfile.TemporaryDirectory(prefix="drafter-bench-startup-") as tmp:
        tmp = Path(tmp)
        tpl = tmp / "template.docx"
        make_template(tpl)
        paras = draft_paragraphs(bank)
        (tmp / "paras.txt").write_text("\n".join(paras), encoding="utf-8")
        cmds = {
            "python": [sys.executable, "-c", "pass"],
            "anchor": [sys.executable, "-c", ANCHOR, str(tpl), str(tmp / "paras.txt"), str(tmp / "a.docx")],
            "draft": drafter_cmd() + ["draft", str(EXAMPLE), "-o", str(tmp / "d.docx"), "--bank", bank, "--force"],
            "draft_nocheck": drafter_cmd() + ["draft", str(EXAMPLE), "-o", str(tmp / "n.docx"), "--bank", bank,
                                              "--force", "--no-check"],
        }
        times = {k: [] for k in cmds}
        for c in cmds.values():             # warm-up: bytecode cached, files in the page cache
            timed(c, environ=env())
        for r in range(runs):
            log(f"run {r + 1}/{runs} …")
            for k, c in cmds.items():
                times[k].append(timed(c, environ=env())[0])
        log("in one process …")
        inproc_check, inproc_nocheck, inproc_anchor = in_process(bank, tpl, paras, tmp)
        imports_ms, top = import_profile(bank, tmp)
        log("drafter corpus …")
        corpus = corpus_import_share()
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"runs": runs, "paragraphs": len(paras), "docxtpl": has_docxtpl(), **med,
            "fresh_ratio": med["draft"] / med["anchor"], "fresh_nocheck_ratio": med["draft_nocheck"] / med["anchor"],
            "python_ratio": med["draft"] / med["python"],
            "inproc_check": inproc_check, "inproc_nocheck": inproc_nocheck, "inproc_anchor": inproc_anchor,
            "inproc_ratio": inproc_check / inproc_anchor, "imports_ms": imports_ms, "top_imports": top,
            "corpus": corpus}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--bank", default=str(SHIPPED_BANK))
    a = ap.parse_args()
    r = measure(a.runs, a.bank, log=lambda m: print(m, file=sys.stderr))
    name = "docxtpl" if r["docxtpl"] else "python-docx (docxtpl not installed)"
    print(f"{machine()}; medians of {r['runs']} interleaved fresh processes; {r['paragraphs']} paragraphs")
    print(f"python -c pass        {r['python'] * 1000:6.0f} ms")
    print(f"{name:22s}{r['anchor'] * 1000:6.0f} ms")
    print(f"drafter draft         {r['draft'] * 1000:6.0f} ms  ({r['fresh_ratio']:.2f}× {name.split()[0]}, "
          f"{r['python_ratio']:.0f}× python; target <= 1.2×)")
    print(f"drafter draft --no-check {r['draft_nocheck'] * 1000:6.0f} ms  ({r['fresh_nocheck_ratio']:.2f}×)")
    print(f"in one process: draft with check {r['inproc_check']:.1f} ms, without {r['inproc_nocheck']:.1f} ms, "
          f"{name.split()[0]} {r['inproc_anchor']:.1f} ms ({r['inproc_ratio']:.2f}×; target <= 0.4×)")
    print(f"imports of one draft: {r['imports_ms']:.0f} ms; largest: "
          + ", ".join(f"{m} {ms:.0f}" for m, ms in r["top_imports"]))
    c = r["corpus"]
    print(f"drafter corpus corpus/: {c['wall']:.2f} s, of which importing scikit-learn & co {c['imports']:.2f} s "
          f"({c['share']:.0%}; target <= 25%)")


if __name__ == "__main__":
    main()

"""Re-run the mutation audit of issue 15: break the code on purpose, one small change
at a time, and check that the tests written for it fail.

    .venv/bin/python benchmarks/mutants.py [--only ID,ID] [--list] [--keep]

For each mutant: the working tree (without .git, .venv, caches) is copied to a
temporary folder, one text change is applied there (the file is found by the
text it changes, so the list survives modules moving inside drafter/), and the
targeted tests run against the copy (PYTHONPATH puts the copy first, for the
test process and every `drafter` subprocess it starts).  A mutant is "killed"
when those tests fail, "SURVIVED" when they pass, "n/a" when its text is no
longer found (update the list).  Before the mutants, the same tests run on an
unchanged copy and must pass.  Not collected by pytest; takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", "drafts", "build", "dist"}
SEARCH = ("drafter", "benchmarks", "templates")


@dataclass
class Mutant:
    id: str
    what: str
    old: str              # text to change (must occur exactly once in the searched files)
    new: str
    tests: tuple[str, ...]


T_IMPORTS = ("tests/test_no_mining_libraries.py",)
T_WIZARD_PTY = ("tests/test_wizard_terminal.py::test_real_terminal_full_run",)
T_ATOMIC = ("tests/test_fileio.py",)
T_BULK = ("tests/test_drafting.py::test_bulk_contains_an_unexpected_error_in_one_unit",)
T_CHECK = ("tests/test_check.py::test_text_noise_rules_fire",)
T_AUTO = ("tests/test_robustness.py::test_draft_runs_its_automatic_check_and_reports_it",
          "tests/test_robustness.py::test_bulk_runs_its_automatic_check_on_every_unit")
T_REALISM = ("tests/test_eval_realism.py::test_leave_one_out_rows",)
T_EXACTLY_ONCE = ("tests/test_drafting.py::test_every_figure_written_exactly_once",
                  "tests/test_drafting.py::test_shipped_bank_writes_every_figure_of_every_example_unit_once",
                  "tests/test_property.py")


def _wizard(test: str) -> tuple[str, ...]:
    return (f"tests/test_wizard.py::{test}",)


MUTANTS = [
    # ---- no jieba / scikit-learn on the drafting paths
    Mutant("jieba-check-text", "import jieba inside a text rule of the checker",
           "def check_patterns(paras: list[Para]) -> list[Finding]:\n",
           "def check_patterns(paras: list[Para]) -> list[Finding]:\n    import jieba  # noqa: F401\n", T_IMPORTS),
    Mutant("jieba-bulk-worker", "import jieba in bulk.py, in the worker's task only",
           "def _work_chunk(chunk) -> list[UnitResult]:\n",
           "def _work_chunk(chunk) -> list[UnitResult]:\n    import jieba  # noqa: F401\n", T_IMPORTS),
    Mutant("jieba-bulk-module", "import jieba at the top of bulk.py",
           "# Below this many units a pool costs more than it saves.\n",
           "import jieba  # noqa: F401,E402\n# Below this many units a pool costs more than it saves.\n", T_IMPORTS),
    Mutant("sklearn-draft-run", "import sklearn in the draft command's run()",
           "def _run(args: argparse.Namespace) -> int:\n    from drafter.drafting import output_name, produce_file\n",
           "def _run(args: argparse.Namespace) -> int:\n    import sklearn  # noqa: F401\n"
           "    from drafter.drafting import output_name, produce_file\n", T_IMPORTS),
    Mutant("sklearn-wizard", "import sklearn when the wizard infers the unit's profile",
           "    def infer(self, unit: str):\n",
           "    def infer(self, unit: str):\n        import sklearn  # noqa: F401\n", T_WIZARD_PTY),
    # ---- atomic writes
    Mutant("atomic-two-halves", "write straight into the target, in two halves",
           '        with os.fdopen(fd, "wb") as fh:\n            fh.write(data)\n',
           '        os.close(fd)\n        with open(target, "wb") as fh:\n            fh.write(data[: len(data) // 2])\n'
           '            fh.write(data[len(data) // 2:])\n            fh.flush()\n            os.fsync(fh.fileno())\n'
           '        with open(tmp, "wb") as fh:\n            fh.write(data)\n', T_ATOMIC),
    Mutant("atomic-temp-left", "leave the temporary file after a failed write",
           "            os.unlink(tmp)\n        if isinstance(exc, FileExistsError):",
           "            pass\n        if isinstance(exc, FileExistsError):", T_ATOMIC),
    # ---- bulk isolation
    Mutant("bulk-no-except", "no containment of an unexpected error in one unit",
           '    except Exception as exc:  # one broken unit must not stop the others\n'
           '        result.error = f"内部错误：{type(exc).__name__}: {exc}"\n', "", T_BULK),
    # ---- wizard interruptions
    Mutant("wizard-partial-no-replace", "a second interruption cannot replace the first partial file",
           "    atomic_write_text(path, text, force=True)\n    return path\n",
           "    atomic_write_text(path, text, force=False)\n    return path\n",
           _wizard("test_a_second_interruption_replaces_the_first_partial_file")),
    Mutant("wizard-eof-not-saved", "EOF no longer saves the answers",
           "    except (KeyboardInterrupt, EOFError):\n        saved = _save(",
           "    except KeyboardInterrupt:\n        saved = _save(", _wizard("test_end_of_input_saves_like_ctrl_c")),
    Mutant("wizard-invalid-dropped", "answers that do not validate yet are dropped instead of saved as typed",
           "    except Exception:  # answers that do not validate yet are still saved as typed\n",
           "    except Exception:  # answers that do not validate yet are still saved as typed\n        return None\n",
           _wizard("test_answers_that_do_not_validate_yet_are_saved_as_typed")),
    Mutant("wizard-no-save-after-failed-write", "no save after a failed final write",
           "    except DrafterError:\n        saved = _save(wizard, ctx)\n",
           "    except DrafterError:\n        saved = None\n",
           _wizard("test_answers_are_saved_when_the_final_write_fails")),
    # ---- checker patterns (drafter/data/check.yaml)
    Mutant("check-no-times", "placeholder ×× no longer caught", "(?![A-Za-z])|×{2,}|○", "(?![A-Za-z])|○", T_CHECK),
    Mutant("check-no-circles", "placeholder ○○ no longer caught", "|○{2,}|", "|", T_CHECK),
    Mutant("check-no-squares", "placeholder □□ no longer caught", "|□{2,}|", "|", T_CHECK),
    Mutant("check-no-triangles", "placeholder △△ no longer caught", "|△{2,}", "", T_CHECK),
    Mutant("check-no-fullwidth-x", "full-width ＸＸ no longer caught", "[XxＸｘ]{2,}(?![A-Za-z])|×{2,}|○",
           "[Xxｘ]{2,}(?![A-Za-z])|×{2,}|○", T_CHECK),
    Mutant("check-no-fullwidth-braces", "full-width ｛｝ no longer caught", "pattern: '[{}｛｝]'", "pattern: '[{}]'",
           T_CHECK),
    # ---- the automatic check of draft and bulk
    Mutant("draft-skips-check", "drafter draft silently skips its automatic check",
           "produce_file(args.figures, out, fmt, args.force, not args.no_check,",
           "produce_file(args.figures, out, fmt, args.force, False,", T_AUTO[:1]),
    Mutant("bulk-skips-check", "drafter bulk silently skips its automatic check",
           "jobs=args.jobs, check=not args.no_check,", "jobs=args.jobs, check=False,", T_AUTO[1:]),
    # ---- realism evaluation
    Mutant("realism-leave-in", "leave-one-out switched off (keep = list(docs))",
           "    keep = [e for j, e in enumerate(docs) if j not in exclude[i]]\n", "    keep = list(docs)\n", T_REALISM),
    # ---- figures written exactly once (the weak-assertion fixes)
    Mutant("figure-twice", "the composer writes a figure sentence twice",
           "            out.append(sentence(text))\n        defaults =",
           "            out.append(sentence(text))\n            out.append(sentence(text))\n        defaults =",
           T_EXACTLY_ONCE),
]


def copy_tree(dst: Path) -> None:
    def ignore(folder, names):
        return [n for n in names if n in SKIP or n.endswith(".egg-info")]

    shutil.copytree(ROOT, dst, ignore=ignore, dirs_exist_ok=True)


def locate(tree: Path, old: str) -> list[Path]:
    hits = []
    for top in SEARCH:
        for p in sorted((tree / top).rglob("*")):
            if p.suffix in (".py", ".yaml", ".j2") and p.is_file() and p.name != "mutants.py":
                if old in p.read_text(encoding="utf-8"):
                    hits.append(p)
    return hits


def run_tests(tree: Path, tests: tuple[str, ...], timeout: float = 900) -> tuple[bool, float, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
    env.pop("DRAFTER_PHRASEBANK", None)
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                       cwd=tree, env=env, capture_output=True, text=True, timeout=timeout)
    tail = [line for line in p.stdout.splitlines() if line.strip()][-1:] or [p.stderr[-200:]]
    return p.returncode == 0, time.perf_counter() - t0, tail[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="comma-separated mutant ids")
    ap.add_argument("--list", action="store_true", help="list the mutants and exit")
    ap.add_argument("--keep", action="store_true", help="keep the mutated copies (printed)")
    args = ap.parse_args(argv)
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    mutants = [m for m in MUTANTS if not wanted or m.id in wanted]
    if args.list:
        for m in mutants:
            print(f"{m.id:<34} {m.what}\n{'':<34} tests: {' '.join(m.tests)}")
        return 0

    base = Path(tempfile.mkdtemp(prefix="drafter-mutants-"))
    try:
        clean = base / "clean"
        copy_tree(clean)
        tests = tuple(dict.fromkeys(t for m in mutants for t in m.tests))
        ok, secs, tail = run_tests(clean, tests)
        print(f"unchanged tree: {'pass' if ok else 'FAIL'} ({secs:.0f} s) {tail}")
        if not ok:
            print("the targeted tests must pass on the unchanged tree first")
            return 2
        results = []
        for m in mutants:
            tree = base / m.id
            shutil.copytree(clean, tree)
            hits = locate(tree, m.old)
            if len(hits) != 1:
                verdict, secs, tail = "n/a", 0.0, f"text found in {len(hits)} files"
            else:
                f = hits[0]
                text = f.read_text(encoding="utf-8")
                if text.count(m.old) != 1:
                    verdict, secs, tail = "n/a", 0.0, f"text found {text.count(m.old)} times in {f.relative_to(tree)}"
                else:
                    f.write_text(text.replace(m.old, m.new), encoding="utf-8")
                    passed, secs, tail = run_tests(tree, m.tests)
                    verdict = "SURVIVED" if passed else "killed"
                    tail = f"{f.relative_to(tree)}: {tail}"
            results.append((m, verdict))
            print(f"{verdict:<9} {m.id:<34} {secs:5.0f} s  {tail}", flush=True)
            if not args.keep:
                shutil.rmtree(tree, ignore_errors=True)
        killed = sum(1 for _, v in results if v == "killed")
        print(f"\n{killed} of {len(results)} mutants killed; "
              f"survived: {', '.join(m.id for m, v in results if v == 'SURVIVED') or 'none'}; "
              f"n/a: {', '.join(m.id for m, v in results if v == 'n/a') or 'none'}")
        return 0 if killed == len(results) else 1
    finally:
        if args.keep:
            print(f"copies kept in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

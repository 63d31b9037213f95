"""Draft many units at once: `drafter bulk UNITS.yaml -o DIR/`.

Units are drafted in parallel across cores (a process pool whose workers load
the phrase bank once), each written atomically to DIR under a safe file name
made from its title. A unit that fails is reported and the others are still
written; the caller's exit status says whether all succeeded.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, OutputExistsError
from drafter.oserrors import os_reason

# Below this many units a pool costs more than it saves.
POOL_THRESHOLD = 8


@dataclass
class UnitResult:
    index: int
    name: str
    path: str | None = None          # file written
    error: str | None = None         # why the unit failed (Chinese)
    findings: list[str] = field(default_factory=list)   # check findings (str)
    check_errors: int = 0
    notes: list[str] = field(default_factory=list)      # composer fallbacks
    skipped: bool = False            # its file existed and skip_existing was asked (path = that file)
    exists: bool = False             # failed only because its file exists (no force, no skip_existing)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BulkReport:
    results: list[UnitResult]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def written(self) -> list[UnitResult]:
        return [r for r in self.results if r.ok and not r.skipped]

    @property
    def skipped(self) -> list[UnitResult]:
        return [r for r in self.results if r.skipped]

    @property
    def failed(self) -> list[UnitResult]:
        return [r for r in self.results if not r.ok]


def safe_target(out_dir: Path, file_name: str) -> Path:
    """out_dir/file_name, refusing anything that would land outside out_dir."""
    from drafter.fileio import safe_file_stem

    stem, dot, ext = file_name.rpartition(".")
    name = f"{safe_file_stem(stem)}.{ext}" if dot else safe_file_stem(file_name)
    target = (out_dir / name).resolve()
    if target.parent != out_dir.resolve():
        raise DrafterError(f"文件名“{file_name}”不安全，已拒绝写入。")
    return target


def claim(claimed: set[str], name: str) -> None:
    """Take a file name for this run; a later unit with the same name fails."""
    if name in claimed:
        raise DrafterError(f"与前面的单位生成的文件同名：{name}",
                           hint="同一单位同一年度同一类别只能写一份；请删除重复的单位，或改变 theme/year。")
    claimed.add(name)


# ---------------------------------------------------------------- one unit

_WORKER: dict[str, Any] = {}


class _Skip(Exception):
    """The unit's file exists and skip_existing was asked: nothing is written or checked."""


def _init_worker(bank_path: str | None, template: str | None, reference_doc: str | None = None) -> None:
    import signal

    from drafter.bank import PhraseBank

    # Ctrl-C reaches the whole process group: the parent stops the run and cleans up;
    # a worker interrupted mid-task would print a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    _WORKER["bank"] = PhraseBank.load(bank_path)
    _WORKER["template"] = template
    _WORKER["reference_doc"] = reference_doc


def draft_and_write(spec, out_dir: Path, *, bank, fmt: str = "docx", force: bool = False,
                    template: str | None = None, check: bool = True, claimed: set | None = None,
                    index: int = 0, skip_existing: bool = False, existing_in: Path | None = None,
                    reference_doc: str | None = None) -> UnitResult:
    """Draft one unit into out_dir (drafting.produce); every failure becomes UnitResult.error.
    skip_existing: a unit whose file already exists (in existing_in, default out_dir) is skipped."""
    from drafter.drafting import output_name, produce

    def target(draft, fmt: str) -> Path:
        path = safe_target(out_dir, output_name(draft, fmt))
        if claimed is not None:
            claim(claimed, path.name)
        if skip_existing and ((existing_in or out_dir) / path.name).exists():
            result.path = str((existing_in or out_dir) / path.name)
            raise _Skip()
        return path

    result = UnitResult(index=index, name=spec.unit)
    try:
        done = produce(spec, target, fmt, force, check, bank=bank, template=template, reference_doc=reference_doc)
        result.path = str(done.path)
        result.notes = list(done.draft.notes)
        result.findings = [str(f) for f in done.findings]
        result.check_errors = done.check_errors
    except _Skip:
        result.skipped = True
    except OutputExistsError as exc:
        result.error, result.exists = exc.message, True
    except DrafterError as exc:
        result.error = str(exc)
    except Exception as exc:  # one broken unit must not stop the others
        result.error = f"内部错误：{type(exc).__name__}: {exc}"
    return result


def _work(args) -> UnitResult:
    index, spec, out_dir, fmt, force, check, skip_in = args
    return draft_and_write(spec, Path(out_dir), bank=_WORKER["bank"], fmt=fmt, force=force,
                           template=_WORKER["template"], check=check, index=index,
                           skip_existing=skip_in is not None, existing_in=Path(skip_in) if skip_in else None,
                           reference_doc=_WORKER.get("reference_doc"))


# ---------------------------------------------------------------- many units

def run_bulk_file(path: str | os.PathLike, out_dir: str | os.PathLike, *, bank_path: str | None = None,
                  fmt: str = "docx", force: bool = False, template: str | None = None, jobs: int | None = None,
                  check: bool = True, skip_existing: bool = False, reference_doc: str | None = None) -> BulkReport:
    """`drafter bulk`: read a bulk file (checked against the bank's slots), then run_bulk()."""
    from drafter.bank import PhraseBank
    from drafter.figures import load_bulk

    bank = PhraseBank.load(bank_path)
    bulk = load_bulk(path, slots=bank.slots)
    return run_bulk(bulk, out_dir, bank=bank, bank_path=bank_path, fmt=fmt, force=force, template=template,
                    jobs=jobs, check=check, skip_existing=skip_existing, reference_doc=reference_doc)


def run_bulk(bulk, out_dir: str | os.PathLike, *, bank=None, bank_path: str | None = None,
             fmt: str = "docx", force: bool = False, template: str | None = None, jobs: int | None = None,
             check: bool = True, progress: bool | None = None, skip_existing: bool = False,
             reference_doc: str | None = None) -> BulkReport:
    """Draft every valid unit of a drafter.figures.BulkSpec into out_dir.

    Units whose figures did not validate are reported as failed with their
    messages; the others are drafted (in parallel when there are many).
    """
    from tqdm import tqdm

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DrafterError(f"无法创建输出目录：{out}（{os_reason(exc)}）", hint="请检查路径和写权限。") from None
    if not os.access(out, os.W_OK):
        raise DrafterError(f"输出目录不可写：{out}", hint="请换一个目录，或检查权限。")

    results: dict[int, UnitResult] = {}
    todo = []
    for u in bulk.units:
        if u.spec is None:
            results[u.index] = UnitResult(index=u.index, name=u.name, error="\n".join(u.errors))
        else:
            todo.append((u.index, u.spec))

    jobs = max(1, jobs or os.cpu_count() or 1)
    bar = tqdm(total=len(todo), desc="起草", unit="份", file=sys.stderr,
               disable=(not sys.stderr.isatty()) if progress is None else not progress)
    # Titles decide file names, so two units that would write the same file are
    # caught after drafting: the first one keeps it, later ones fail.
    claimed: set[str] = set()
    if len(todo) < POOL_THRESHOLD or jobs == 1:
        if bank is None:
            from drafter.bank import PhraseBank

            bank = PhraseBank.load(bank_path)
        for index, spec in todo:
            results[index] = draft_and_write(spec, out, bank=bank, fmt=fmt, force=force, template=template,
                                             check=check, claimed=claimed, index=index,
                                             skip_existing=skip_existing, reference_doc=reference_doc)
            bar.update(1)
    else:
        results.update(_run_pool(todo, out, bank_path, fmt, force, template, check, jobs, bar, claimed,
                                 skip_existing, reference_doc))
    bar.close()
    return BulkReport([results[i] for i in sorted(results)])


def _run_pool(todo, out, bank_path, fmt, force, template, check, jobs, bar, claimed,
              skip_existing: bool = False, reference_doc: str | None = None) -> dict[int, UnitResult]:
    """Draft in worker processes into a private staging folder, then move each
    file into place in unit order, so duplicate names resolve deterministically."""
    import shutil
    import tempfile

    staged: dict[int, UnitResult] = {}
    stage = Path(tempfile.mkdtemp(prefix=".drafter-bulk-", dir=out))
    try:
        # One staging folder per unit: two units with the same title cannot collide there.
        tasks = []
        for index, spec in todo:
            d = stage / str(index)
            d.mkdir()
            tasks.append((index, spec, str(d), fmt, True, check, str(out) if skip_existing else None))
        chunk = max(1, len(tasks) // (jobs * 8))
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(bank_path, template, reference_doc)) as pool:
            for r in pool.map(_work, tasks, chunksize=chunk):
                staged[r.index] = r
                bar.update(1)
        from drafter.fileio import atomic_write_bytes

        for index in sorted(staged):
            r = staged[index]
            if not r.ok or r.skipped:
                continue
            src = Path(r.path)
            try:
                claim(claimed, src.name)
                target = safe_target(out, src.name)
                if skip_existing and target.exists():
                    r.skipped, r.path, r.findings, r.check_errors = True, str(target), [], 0
                    continue
                atomic_write_bytes(target, src.read_bytes(), force=force)
                r.path = str(target)
            except OutputExistsError as exc:
                r.error, r.path, r.exists = exc.message, None, True
            except DrafterError as exc:
                r.error, r.path = str(exc), None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return staged

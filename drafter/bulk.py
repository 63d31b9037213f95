"""Draft many units at once: `drafter bulk UNITS.yaml -o DIR/`.

Units are drafted in parallel across cores (a process pool whose workers load
the phrase bank once), each written atomically to DIR under a safe file name
made from its title. A unit that fails is reported and the others are still
written; the caller's exit status says whether all succeeded.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, OutputExistsError
from drafter.fileio import pid_alive
from drafter.oserrors import os_reason

# Below this many units a pool costs more than it saves.
POOL_THRESHOLD = 8
# Staging folders inside the output folder: .drafter-bulk-<pid>-<random>
STAGE_PREFIX = ".drafter-bulk-"
# A staging folder without a live owner, or older than this, is left over from a
# run that was killed outright (SIGKILL, power loss) and is removed by the next run.
STALE_STAGE_SECONDS = 24 * 3600


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


def _init_worker(bank_path: str | None, template: str | None, parent_pid: int,
                 reference_doc: str | None = None) -> None:
    """Set up a pool worker: signals, death with the parent, the bank (once)."""
    import signal

    # Ctrl-C reaches the whole process group: the parent stops the run and cleans up;
    # a worker interrupted mid-task would print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's SIGTERM/SIGHUP handlers (inherited by a forked worker) are for the parent.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with_parent(parent_pid)

    # A forked worker already holds the parent's bank (loaded before the pool started).
    if _WORKER.get("bank") is None or _WORKER.get("bank_path") != bank_path:
        from drafter.bank import PhraseBank

        _WORKER["bank"] = PhraseBank.load(bank_path)
        _WORKER["bank_path"] = bank_path
    _WORKER["template"] = template
    _WORKER["reference_doc"] = reference_doc


def _die_with_parent(parent_pid: int) -> None:
    """Linux: the kernel sends SIGTERM to this worker when its parent dies
    (PR_SET_PDEATHSIG), so a killed `drafter bulk` leaves no orphans drafting on."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):   # no libc prctl: the pool's own checks remain
        return
    if os.getppid() != parent_pid:       # the parent died before prctl took effect
        os._exit(1)


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


def _work_chunk(chunk) -> list[UnitResult]:
    """A worker's task: a few units, each drafted into its own staging folder
    (two units with the same title cannot collide there)."""
    stage, fmt, check, skip_in, units = chunk
    return [draft_and_write(spec, Path(stage) / str(index), bank=_WORKER["bank"], fmt=fmt, force=True,
                            template=_WORKER["template"], check=check, index=index,
                            skip_existing=skip_in is not None, existing_in=Path(skip_in) if skip_in else None,
                            reference_doc=_WORKER.get("reference_doc"))
            for index, spec in units]


# ---------------------------------------------------------------- how many workers

def available_cpus() -> int:
    """The cores this process may run on (affinity and cgroup CPU sets respected)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def free_cpus(sample: float = 0.05) -> int:
    """Cores not already busy, at least 1: the usable cores less the share of CPU
    time others used over a short sample (Linux /proc/stat), else less the 1-minute
    load average. Two workers on a machine whose other core is busy are slower than one."""
    cpus = available_cpus()
    busy = _busy_cores(sample)
    if busy is None:
        try:
            busy = os.getloadavg()[0]
        except (AttributeError, OSError):
            busy = 0.0
    return max(1, min(cpus, cpus - int(busy + 0.5)))


def _busy_cores(sample: float) -> float | None:
    """Cores busy on average over `sample` seconds, from /proc/stat (None elsewhere)."""
    import time

    def read() -> tuple[int, int] | None:
        try:
            with open("/proc/stat", "rb") as fh:
                fields = [int(x) for x in fh.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)     # idle + iowait
        return sum(fields[:8]), idle                                  # without guest time (counted in user)

    first = read()
    if first is None:
        return None
    time.sleep(sample)
    second = read()
    if second is None or second[0] <= first[0]:
        return None
    total, idle = second[0] - first[0], second[1] - first[1]
    return (total - idle) / total * (os.cpu_count() or 1)


def worker_count(jobs: int | None, units: int) -> int:
    """-j as given, capped at the usable cores and the units to draft; without -j, the free cores."""
    limit = min(available_cpus(), units)
    if limit <= 1:
        return 1
    want = jobs if jobs and jobs > 0 else free_cpus()
    return max(1, min(want, limit))


def chunks_of(todo: list, jobs: int) -> list[list]:
    """Split the units into small chunks in order: a few units per task keeps the
    pool's messages cheap, and many more tasks than workers keeps every worker busy
    to the end (the last chunks are single units)."""
    size = max(1, min(8, len(todo) // (jobs * 16)))
    out, i = [], 0
    while i < len(todo):
        left = len(todo) - i
        step = size if left > size * jobs * 2 else 1
        out.append(todo[i:i + step])
        i += step
    return out


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
    SIGTERM and SIGHUP stop the run like Ctrl-C (KeyboardInterrupt): workers
    stop, staged drafts are removed, files already in place are complete.
    """
    from drafter.interrupts import stop_like_ctrl_c

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DrafterError(f"无法创建输出目录：{out}（{os_reason(exc)}）", hint="请检查路径和写权限。") from None
    if not os.access(out, os.W_OK):
        raise DrafterError(f"输出目录不可写：{out}", hint="请换一个目录，或检查权限。")
    remove_stale_stages(out)

    results: dict[int, UnitResult] = {}
    todo = []
    for u in bulk.units:
        if u.spec is None:
            results[u.index] = UnitResult(index=u.index, name=u.name, error="\n".join(u.errors))
        else:
            todo.append((u.index, u.spec))

    jobs = worker_count(jobs, len(todo)) if len(todo) >= POOL_THRESHOLD else 1
    # Titles decide file names, so two units that would write the same file are
    # caught after drafting: the first one keeps it, later ones fail.
    claimed: set[str] = set()
    with stop_like_ctrl_c(), _progress(len(todo), progress) as bar:
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
            results.update(_run_pool(todo, out, bank, bank_path, fmt, force, template, check, jobs, bar, claimed,
                                     skip_existing, reference_doc))
    return BulkReport([results[i] for i in sorted(results)])


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass


class _progress:
    """A tqdm bar on a terminal (imported only then), else nothing."""

    def __init__(self, total: int, progress: bool | None):
        self.total = total
        self.on = sys.stderr.isatty() if progress is None else progress
        self.bar = None

    def __enter__(self):
        if not self.on:
            return _NoBar()
        from tqdm import tqdm

        self.bar = tqdm(total=self.total, desc="起草", unit="份", file=sys.stderr)
        return self.bar

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


def remove_stale_stages(out: Path) -> list[str]:
    """Remove staging folders left in out by a bulk run that was killed outright:
    their owner process is gone (same host), or they are older than a day."""
    import shutil
    import time

    removed = []
    try:
        entries = list(os.scandir(out))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(STAGE_PREFIX):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            age = time.time() - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid_text = entry.name[len(STAGE_PREFIX):].split("-", 1)[0]
        owner_alive = pid_text.isdigit() and pid_alive(int(pid_text))
        if owner_alive and age < STALE_STAGE_SECONDS:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.name)
    return removed


def _run_pool(todo, out, bank, bank_path, fmt, force, template, check, jobs, bar, claimed,
              skip_existing: bool = False, reference_doc: str | None = None) -> dict[int, UnitResult]:
    """Draft in worker processes into a private staging folder inside out (same
    file system), and publish each file in unit order (a rename, no second write)
    as soon as the units before it are staged, so duplicate names resolve
    deterministically and the renames overlap the drafting."""
    import gc
    import shutil
    import tempfile
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    staged: dict[int, UnitResult] = {}
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=out))
    # A forked worker inherits the bank the parent already loaded (copy on write).
    if bank is not None:
        _WORKER["bank"], _WORKER["bank_path"] = bank, bank_path
    # What the parent holds (modules, bank, tables) moves out of the collector's sight: the
    # workers' collections neither walk it nor touch its pages (which would copy them).
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                               initargs=(bank_path, template, os.getpid(), reference_doc))
    try:
        skip_in = str(out) if skip_existing else None
        pending = {pool.submit(_work_chunk, (str(stage), fmt, check, skip_in, chunk)) for chunk in chunks_of(todo, jobs)}
        order, published = sorted(index for index, _ in todo), 0
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                for r in fut.result():
                    staged[r.index] = r
                    bar.update(1)
            # publish in unit order while the workers draft on: every unit before it is staged
            while published < len(order) and order[published] in staged:
                r = staged[order[published]]
                if r.ok and not r.skipped:
                    _publish(r, out, claimed, force, skip_existing)
                published += 1
        pool.shutdown(wait=True)
    except BaseException:
        _stop_pool(pool)
        raise
    finally:
        gc.unfreeze()
        _WORKER.pop("bank", None)
        _WORKER.pop("bank_path", None)
        shutil.rmtree(stage, ignore_errors=True)
    return staged


def _publish(r: UnitResult, out: Path, claimed: set, force: bool, skip_existing: bool = False) -> None:
    """Move one staged draft to its place in out (no overwrite without force)."""
    from drafter.fileio import publish

    src = Path(r.path)
    try:
        claim(claimed, src.name)
        target = safe_target(out, src.name)
        if skip_existing and target.exists():
            r.skipped, r.path, r.findings, r.check_errors = True, str(target), [], 0
            return
        publish(src, target, force=force)      # a rename (or link): the worker's file, no second write
        r.path = str(target)
    except OutputExistsError as exc:
        r.error, r.path, r.exists = exc.message, None, True
    except DrafterError as exc:
        r.error, r.path = str(exc), None


def _stop_pool(pool) -> None:
    """Stop at once: cancel what has not started, end the workers mid-draft (their
    drafts are in the staging folder, which the caller removes)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        try:
            proc.terminate()
        except (OSError, AttributeError):
            pass
    for proc in procs:
        try:
            proc.join(timeout=5)
        except (OSError, AttributeError, AssertionError):
            pass

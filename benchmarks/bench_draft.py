"""Drafting benchmarks: one draft end to end, rendering, bulk per draft per core, peak
memory of the bulk workers, mining libraries on the drafting paths, and phrasing
variety between units.

    python benchmarks/bench_draft.py [--units 500] [--bank phrasebank/] [--jobs N]

Prints figures; asserts nothing. Targets: one draft < 0.5 s in a fresh process;
bulk <= 20 ms per draft per core; no jieba/sklearn on the drafting paths; drafts
of different units of one kind no more alike than real reports of different
units of that kind.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import (BULK, CORPUS, EXAMPLE, SHIPPED_BANK, drafter_cmd, env, grams, heavy_imports,  # noqa: E402
                      jaccard, machine, timed)

THEMES = ("政务公开", "年度综合", "乡村振兴·帮扶")


# ---------------------------------------------------------------- one draft

def fresh_draft(bank: str, runs: int = 5, check: bool = False) -> float:
    """Median wall time of `drafter draft` in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        def cmd(i):
            c = drafter_cmd() + ["draft", str(EXAMPLE), "-o", f"{tmp}/d{i}.docx", "--bank", bank, "--force"]
            return c if check else c + ["--no-check"]
        return statistics.median(timed(cmd(i))[0] for i in range(runs))


def render_time(bank: str, n: int = 20) -> tuple[float, float]:
    """(ms per rendering of the example draft as .docx, ms per python-docx save of that same
    document once opened: the anchor, the cost of serialising a document of this size,
    measured in the same run)."""
    import io

    import docx

    from drafter.bank import PhraseBank
    from drafter.drafting import draft_unit, render
    from drafter.figures import load_figures

    b = PhraseBank.load(bank)
    draft = draft_unit(load_figures(EXAMPLE, slots=b.slots), bank=b)
    opened = docx.Document(io.BytesIO(render(draft, "docx")))
    opened.save(io.BytesIO())
    t0 = time.perf_counter()
    for _ in range(n):
        render(draft, "docx")
    ours = (time.perf_counter() - t0) / n
    t0 = time.perf_counter()
    for _ in range(n):
        opened.save(io.BytesIO())
    anchor = (time.perf_counter() - t0) / n
    return ours * 1000, anchor * 1000


# ---------------------------------------------------------------- mining libraries

def heavy_on_drafting_paths(bank: str) -> dict[str, list[str]]:
    """Heavy modules imported by any process of the real commands (workers included)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = {}
        out["draft (with its check)"], _ = heavy_imports(
            drafter_cmd() + ["draft", str(EXAMPLE), "-o", f"{tmp}/d.docx", "--bank", bank], cwd=tmp)
        out["check"], _ = heavy_imports(drafter_cmd() + ["check", f"{tmp}/d.docx", "--figures", str(EXAMPLE)],
                                        cwd=tmp)
        out["bulk -j 2 (with check)"], _ = heavy_imports(
            drafter_cmd() + ["bulk", str(BULK), "-o", f"{tmp}/out", "-j", "2", "--bank", bank, "--quiet"], cwd=tmp)
    return out


# ---------------------------------------------------------------- bulk

def bulk_file(n: int, path: Path) -> None:
    """n units cycling through the example bulk file, each with its own name and seed."""
    import yaml

    data = yaml.safe_load(BULK.read_text(encoding="utf-8"))
    units = []
    for i in range(n):
        u = dict(data["units"][i % len(data["units"])])
        u["unit"] = u["unit"].replace("某某", f"第{i + 1}") if "某某" in u["unit"] else f"{u['unit']}{i + 1}"
        u["seed"] = i
        units.append(u)
    path.write_text(yaml.safe_dump({"defaults": data["defaults"], "units": units}, allow_unicode=True),
                    encoding="utf-8")


# `drafter bulk` as the console script runs it; every pool worker (forked) reports its
# own peak resident memory (VmHWM) when it exits, the parent its own.
PEAK_WRAPPER = r"""
import atexit, multiprocessing.util as mu, os, sys

def peak_kib():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:"))

def report(role):
    with open(os.environ["BENCH_PEAK_REPORT"], "a") as fh:
        fh.write("%s %d\n" % (role, peak_kib()))

class _Hook:
    pass

_hook = _Hook()
mu.register_after_fork(_hook, lambda _: mu.Finalize(None, report, args=("worker",), exitpriority=100))
atexit.register(report, "parent")
from drafter.cli import main
sys.argv[0] = "drafter"
sys.exit(main(sys.argv[1:]))
"""


def bulk_run(n: int, bank: str, jobs: int, check: bool, peaks: list | None = None) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "units.yaml"
        bulk_file(n, f)
        args = ["bulk", str(f), "-o", f"{tmp}/out", "--bank", bank, "-j", str(jobs), "--quiet"]
        if not check:
            args.append("--no-check")
        report = Path(tmp) / "peaks.txt"
        if peaks is not None and Path("/proc/self/status").exists():
            cmd, environ = [sys.executable, "-c", PEAK_WRAPPER, *args], env(BENCH_PEAK_REPORT=str(report))
        else:
            cmd, environ = drafter_cmd() + args, env()
        wall, p = timed(cmd, environ=environ, check=False)
        written = len(list(Path(tmp, "out").glob("*.docx")))
        if p.returncode != 0:
            print(p.stdout[-2000:], p.stderr[-2000:])
        if peaks is not None and report.exists():
            peaks.extend(line.split() for line in report.read_text().splitlines())
    return wall, written


# ---------------------------------------------------------------- variety

def _masked(text: str, names) -> str:
    import re

    for n in sorted((n for n in names if n and len(n) >= 2), key=len, reverse=True):
        text = text.replace(n, "■")
    return re.sub(r"\d+(?:\.\d+)?", "0", text.replace("某某", "■").replace("XX", "■"))


def _mean_pairs(bodies: list[str]) -> float:
    g = [grams(b) for b in bodies]
    pairs = [jaccard(g[i], g[j]) for i in range(len(g)) for j in range(i + 1, len(g))]
    return statistics.fmean(pairs) if pairs else float("nan")


def variety(bank_dir: str) -> dict[str, dict[str, float]]:
    """Per report kind, mean pairwise character-4-gram Jaccard of bodies (title and 落款 out,
    unit names, 某某/XX and digits masked) between:
      drafts  - drafts of different units of the example bulk file (shipped bank);
      reports - real reports of different units of that kind in the corpus (the bar: drafts
                should be no more alike than real reports are);
      reseed  - one unit drafted with five seeds (how much a seed alone changes)."""
    import yaml

    from drafter.bank import PhraseBank
    from drafter.drafting import draft_unit
    from drafter.figures import parse_figures_text
    from drafter.ingest.pipeline import ingest

    bank = PhraseBank.load(bank_dir)
    data = yaml.safe_load(BULK.read_text(encoding="utf-8"))
    docs = list(ingest(CORPUS).documents)

    def body(draft) -> str:
        return "\n".join(b.full_text for b in draft.blocks if b.kind in ("heading", "para"))

    out = {}
    for theme in THEMES:
        units = [u for u in data["units"] if u["theme"] == theme and not u.get("with_plan")][:6]
        specs = [parse_figures_text(yaml.safe_dump(dict(data["defaults"], **u), allow_unicode=True),
                                    slots=bank.slots) for u in units]
        drafts = [_masked(body(draft_unit(s, bank=bank)), {s.unit}) for s in specs]
        reseed = [_masked(body(draft_unit(specs[0].model_copy(update={"seed": k}), bank=bank)), {specs[0].unit})
                  for k in range(5)]
        seen, reports = set(), []
        for d in docs:
            key = (d.profile.name or d.title).replace("XX", "")
            if d.profile.theme == theme and key not in seen:
                seen.add(key)
                reports.append(_masked(d.text(title=False), {d.profile.name, key}))
        out[theme] = {"drafts": _mean_pairs(drafts), "n_drafts": len(drafts), "reports": _mean_pairs(reports),
                      "n_reports": len(reports), "reseed": _mean_pairs(reseed)}
    return out


# ---------------------------------------------------------------- main

def measure(units: int = 500, bank: str = str(SHIPPED_BANK), jobs: int | None = None) -> dict:
    jobs = jobs or os.cpu_count() or 1
    m: dict = {"machine": machine(), "jobs": jobs, "units": units}
    m["draft"] = fresh_draft(bank)
    m["draft_check"] = fresh_draft(bank, 3, check=True)
    m["render_ms"], m["render_anchor_ms"] = render_time(bank)
    m["heavy"] = heavy_on_drafting_paths(bank)
    peaks: list = []
    for check in (False, True):
        wall, written = bulk_run(units, bank, jobs, check, peaks if check else None)
        m["bulk_check" if check else "bulk"] = (wall, written, wall * jobs / max(1, written) * 1000)
    workers = [int(k) for role, k in peaks if role == "worker"]
    parents = [int(k) for role, k in peaks if role == "parent"]
    m["worker_peak_mb"] = max(workers) / 1024 if workers else float("nan")
    m["workers"] = len(workers)
    m["parent_peak_mb"] = max(parents) / 1024 if parents else float("nan")
    m["variety"] = variety(bank)
    return m


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--bank", default=str(SHIPPED_BANK))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not Path(args.bank, "manifest.json").is_file():
        sys.exit(f"no phrase bank at {args.bank}")
    m = measure(args.units, args.bank, args.jobs)
    print(f"machine: {m['machine']}")
    print(f"one draft, fresh process (median of 5): {m['draft']:.3f} s (with check, median of 3: {m['draft_check']:.3f} s)")
    print(f"render one draft as .docx: {m['render_ms']:.1f} ms ({m['render_ms'] / m['render_anchor_ms']:.1f}x the "
          f"{m['render_anchor_ms']:.1f} ms python-docx takes to save that document once opened)")
    for what, mods in m["heavy"].items():
        print(f"mining libraries imported by `drafter {what}` (any process): {', '.join(mods) or 'none'}")
    for key, label in (("bulk", "no check"), ("bulk_check", "with check")):
        wall, written, per = m[key]
        print(f"bulk {m['units']} units, {m['jobs']} jobs, {label}: {wall:.2f} s wall, {written} written, "
              f"{per:.1f} ms per draft per core")
    print(f"peak memory of a bulk worker (VmHWM, {m['workers']} workers): {m['worker_peak_mb']:.0f} MB; "
          f"of the bulk parent: {m['parent_peak_mb']:.0f} MB")
    for theme, v in m["variety"].items():
        print(f"4-gram Jaccard {theme}: drafts of {v['n_drafts']} different units {v['drafts']:.3f}, real reports of "
              f"{v['n_reports']} different units {v['reports']:.3f}, one unit with 5 seeds {v['reseed']:.3f}")


if __name__ == "__main__":
    main()

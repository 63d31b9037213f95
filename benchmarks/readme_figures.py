"""Run every benchmark and the realism evaluation on the current code and print the README's
"Figures" section; with --write, replace that section of README.md (between the
`<!-- figures:begin -->` and `<!-- figures:end -->` markers).

    .venv/bin/python benchmarks/readme_figures.py [--write] [--units 500] [--seeds 1,2,3,4,5]
    .venv/bin/python benchmarks/readme_figures.py --only performance [--write]   # issue 14's table only
    .venv/bin/python benchmarks/readme_figures.py --only annual [--write]        # issue 11's annual figures only

Every figure of the section comes from this run: re-run it whenever the code or the
phrase bank changes (tests/test_readme_figures.py checks the cheap ones: the phrase
count). Takes about 10 minutes on 2 cores; run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_bank_load  # noqa: E402
import bench_bulk  # noqa: E402
import bench_draft  # noqa: E402
import bench_ingest  # noqa: E402
import bench_install  # noqa: E402
import bench_mine  # noqa: E402
import bench_mine_scale  # noqa: E402
import bench_refusals  # noqa: E402
import bench_startup  # noqa: E402
import bench_variety  # noqa: E402
import bench_wizard  # noqa: E402
import eval_annual  # noqa: E402
import eval_realism  # noqa: E402
from benchlib import ROOT, machine  # noqa: E402

BEGIN, END = "<!-- figures:begin -->", "<!-- figures:end -->"
PERF_BEGIN, PERF_END = "<!-- performance:begin -->", "<!-- performance:end -->"
ANNUAL_BEGIN, ANNUAL_END = "<!-- annual:begin -->", "<!-- annual:end -->"


def none_or(mods) -> str:
    return ", ".join(mods) if mods else "none"


def figures_section(units: int, seeds: tuple[int, ...], log=print) -> str:
    t0 = time.perf_counter()
    log("ingest …")
    ing = bench_ingest.measure()
    log("mine …")
    mine = bench_mine.measure()
    log("bank load …")
    load = bench_bank_load.measure()
    log("draft, bulk, variety …")
    draft = bench_draft.measure(units)
    log("wizard …")
    wiz = bench_wizard.measure()
    log("refusals …")
    ref = bench_refusals.measure()
    log("realism (leave one out, %d seeds) …" % len(seeds))
    docs, rows, realism_wall = eval_realism.evaluate(seeds=seeds)
    log(f"done in {time.perf_counter() - t0:.0f} s")

    bulk_wall, bulk_n, bulk_per = draft["bulk"]
    chk_wall, chk_n, chk_per = draft["bulk_check"]
    heavy = draft["heavy"]
    var = draft["variety"]
    first = statistics.median(wiz["first"]) * 1000
    refusals = {k: v for k, v in ref.items() if k != "anchor"}
    worst = max(refusals, key=lambda k: refusals[k])
    lines = [
        f"Measured on {dt.date.today():%Y-%m-%d} ({machine()}) by `.venv/bin/python benchmarks/readme_figures.py "
        f"--write`, which runs each script below on the current code and rewrites this section:",
        "",
        "| what | script | target | measured |",
        "|---|---|---|---|",
        f"| read + structure the shipped corpus ({ing['files']} files, {ing['documents']} documents), fresh process "
        f"| `bench_ingest.py` | < 3 s | {ing['median']:.2f} s (median of {ing['runs']}) |",
        f"| mine the shipped corpus into the bank ({mine['phrases1']} phrases), fresh process | `bench_mine.py` "
        f"| < 10 s | {mine['wall1']:.1f} s |",
        f"| mine a corpus {mine['copies']}× larger ({mine['kib'] / 1024:.1f} MB, {mine['sentences']} distinct sentences "
        f"vs {mine['sentences1']}: recombined, so it does not deduplicate away; {mine['phrases10']} phrases) "
        f"| `bench_mine.py` | < 12× | {mine['wall10']:.1f} s ({mine['ratio']:.1f}×) |",
        f"| load the bank, fresh process | `bench_bank_load.py` | < 100 ms | {load['median_ms']:.0f} ms (median) |",
        f"| `drafter draft` end to end, fresh process (without / with its automatic check) | `bench_draft.py` "
        f"| < 0.5 s | {draft['draft']:.2f} s / {draft['draft_check']:.2f} s |",
        f"| render one draft as .docx, against python-docx saving the same document | `bench_draft.py` | "
        f"| {draft['render_ms']:.1f} ms ({draft['render_ms'] / draft['render_anchor_ms']:.1f}×) |",
        f"| bulk, {units} units on {draft['jobs']} cores (without / with check) | `bench_draft.py` "
        f"| ≤ 20 ms per draft per core | {bulk_per:.1f} / {chk_per:.1f} ms |",
        f"| peak memory of a bulk worker (largest of {draft['workers']} workers; the parent apart) | `bench_draft.py` "
        f"| | {draft['worker_peak_mb']:.0f} MB (parent {draft['parent_peak_mb']:.0f} MB) |",
        f"| `drafter wizard`: launch to the first question (pty) | `bench_wizard.py` | < 0.5 s "
        f"| {first:.0f} ms (median) |",
        f"| bad input refused (alias bomb, 20 MB file, deep nesting, bulk alias bomb, wizard without a terminal), "
        f"against one ordinary `drafter draft` | `bench_refusals.py` | ≤ 1× "
        f"| ≤ {refusals[worst] / ref['anchor']:.2f}× (slowest: {worst}) |",
        f"| jieba / scikit-learn imported by any process of `drafter draft`, `check`, `bulk -j 2`; held by the "
        f"wizard after its first questions | `bench_draft.py`, `bench_wizard.py` | none "
        f"| {none_or(sorted({m for mods in heavy.values() for m in mods}))} (draft, check, bulk and its workers); "
        f"{wiz['heavy_after_start']} (wizard) |",
        "| character-4-gram Jaccard between drafts of different units of one kind (政务公开 / 年度综合 / 乡村振兴·帮扶) "
        "vs between real reports of different units of that kind (corpus) | `bench_draft.py` | at most the reports' "
        "| " + " / ".join(f"{var[t]['drafts']:.2f}" for t in bench_draft.THEMES) + " vs "
        + " / ".join(f"{var[t]['reports']:.2f}" for t in bench_draft.THEMES) + " |",
        "",
        f"Realism, leave one document out (`benchmarks/eval_realism.py`, {realism_wall:.0f} s, seeds "
        f"{', '.join(map(str, seeds))}): for each of the {len(docs)} corpus documents D, the bank is mined without D "
        "(and its near-copies), D's unit is drafted with the figures found in D, and the draft is compared with D. "
        "Overlap is the share of the draft's character 4-grams found in a report (names, 某某/XX and digits masked). "
        "The controls are symmetric: for random other units R, one bank is mined without D and R, and both D's and "
        "R's drafts come from it. Each cell is the mean over the seeds, with the range across seeds in brackets; "
        "the share in the last two columns is of documents whose own draft is closer to D.",
        "",
        eval_realism.readme_table(rows),
        "",
        "Reading it: the section edit distance and the share of figures written by a bank sentence (rather than by "
        "the catalogue's template or the label fallback) can fail; 100% sections-in-order and figures-placed, true "
        "by construction, are no longer reported. " + _verdict(rows),
    ]
    return "\n".join(lines)


def performance_section(log=print, *, bulk_units: int = 200, scales=(1, 10, 30, 100)) -> str:
    """Issue 14's table: each target beside its anchor, both measured in this run."""
    t0, load0 = time.perf_counter(), _load()
    log("start-up …")
    st = bench_startup.measure()
    log("bulk -j 1 / -j 2 / control …")
    bk = bench_bulk.measure(bulk_units)
    log("installed size (three venvs) …")
    try:
        ins = bench_install.measure(log=log)
    except Exception as exc:   # no package index: say so in the table
        ins = {"error": f"{type(exc).__name__}"}
    log("mining at scale …")
    ms = bench_mine_scale.measure(scales, dense=True, log=log)
    log(f"done in {time.perf_counter() - t0:.0f} s")
    anchor = "docxtpl" if st["docxtpl"] else "python-docx"
    top = max(ms)
    scale_cells = "; ".join(f"{r['scale']}×: {r['time_ratio']:.1f}× time ({r['per_scale']:.2f} per 1×), "
                            f"{r['mem_ratio']:.2f}× memory" for r in ms.values())
    dense_at = max((k for k in ms if "dense" in ms[k]), default=None)
    dense_top = ms[dense_at]["dense"] if dense_at else None
    c = st["corpus"]
    size = ("not measured (" + ins["error"] + ")" if "error" in ins else
            f"{ins['drafting']:.0f} MiB = {ins['ratio']:.2f}× (with `[mine]`: {ins['mining']:.0f} MiB)")
    lines = [
        f"Measured on {dt.date.today():%Y-%m-%d} ({machine()}) by `.venv/bin/python benchmarks/readme_figures.py "
        f"--only performance --write`; every anchor is measured in the same run, interleaved with what it anchors "
        f"(medians). 1-minute load average when the run started: {load0:.1f}, when it ended: {_load():.1f} (on "
        f"{machine().split(', ')[1]}; a load above the core count means other work shared the cores and skews "
        f"the ratios, most of all the bulk ones).",
        "",
        "| what | script | anchor (this run) | target | measured (this run) |",
        "|---|---|---|---|---|",
        f"| fresh `drafter draft` with its check, {st['paragraphs']} paragraphs | `bench_startup.py` "
        f"| {anchor} render of the same paragraphs, fresh process: {st['anchor'] * 1000:.0f} ms; "
        f"`python -c pass`: {st['python'] * 1000:.0f} ms | ≤ 1.2× {anchor} "
        f"| {st['draft'] * 1000:.0f} ms = {st['fresh_ratio']:.2f}× ({st['python_ratio']:.0f}× python; "
        f"without the check {st['fresh_nocheck_ratio']:.2f}×) |",
        f"| in-process draft with its check | `bench_startup.py` | {anchor} render + save: "
        f"{st['inproc_anchor']:.1f} ms | ≤ 0.4× | {st['inproc_check']:.1f} ms = {st['inproc_ratio']:.2f}× "
        f"(without the check {st['inproc_nocheck']:.1f} ms) |",
        f"| `bulk -j 2` vs `-j 1`, {bk['units']} units, fresh processes | `bench_bulk.py` | a pure-CPU task in the "
        f"same pool shape: {bk['control']:.2f}× speed-up | efficiency ≥ 0.9 | {bk['speedup']:.2f}× speed-up = "
        f"efficiency {bk['efficiency']:.2f} |",
        f"| bulk with the other core busy (a CPU hog), default `-j` vs `-j 1` | `bench_bulk.py` | `-j 1`: "
        f"{bk['busy_j1']:.2f} s | ≤ 1× | {bk['busy_default']:.2f} s = {bk['busy_ratio']:.2f}× |",
        f"| installed size, `pip install .` (draft, bulk, wizard, check) | `bench_install.py` | python-docx + jinja2 + "
        f"pyyaml venv: {ins.get('anchor', float('nan')):.0f} MiB | ≤ 1.5× | {size} |",
        f"| `drafter corpus` on the shipped corpus: share spent importing scikit-learn | `bench_startup.py` "
        f"| its wall time: {c['wall']:.2f} s | ≤ 25% | {c['imports']:.2f} s = {c['share']:.0%} |",
        f"| mining {', '.join(f'{k}×' for k in ms)} the corpus (perturbed copies), fresh process each "
        f"| `bench_mine_scale.py` | 1×: {ms[min(ms)]['s']:.1f} s, {ms[min(ms)]['mib']:.0f} MiB "
        f"| linear; ≤ 1 GB at 100× | {scale_cells}; {top}×: {ms[top]['mib']:.0f} MiB"
        + (f" (at {dense_at}×: {ms[dense_at]['s']:.1f} s, {ms[dense_at]['mib']:.0f} MiB; with the n×n dedup of before "
           f"{dense_top['s']:.1f} s, {dense_top['mib']:.0f} MiB)" if dense_top else "")
        + " |",
    ]
    return "\n".join(lines)


def _load() -> float:
    import os

    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("nan")


def annual_section(log=print) -> str:
    """Issue 11's figures: annual draft length and variety on the example bulk
    (bench_variety.py), and the leave-one-out annual evaluation (eval_annual.py)."""
    log("variety of the example bulk …")
    var = bench_variety.measure(out=lambda s: None)
    log("annual reports, leave one out …")
    ev = eval_annual.evaluate(out=lambda s: None)
    annual = var["annual"]
    chars = [c for _, c, _ in annual]
    subs = [s for _, _, s in annual]
    work = [c for w, c, _ in annual if w]
    kinds = "; ".join(f"{kind} {k['share']:.0%} ({k['drafts']} drafts)" for kind, k in var["kinds"].items())
    lines = [
        f"Measured on {dt.date.today():%Y-%m-%d} by `.venv/bin/python benchmarks/readme_figures.py --only annual "
        f"--write` (`bench_variety.py`, `eval_annual.py`): the {len(annual)} annual drafts of the example bulk run "
        f"{min(chars):,}–{max(chars):,} characters with {min(subs)}–{max(subs)} sub-sections each"
        + (f" ({min(work):,}–{max(work):,} for the {len(work)} with `work:`)" if work else "") + ".",
        f"Share of figure-free sentences of 15+ characters that also occur in another draft of the same kind "
        f"(target at most 25%): {kinds}.",
    ]
    if ev["n"]:
        lines.append(
            f"`eval_annual.py` drafts each of the corpus's {ev['n']} annual reports from its own sub-headings and "
            f"figures with a bank mined without it: {ev['covered']:.0%} of its lines of work get a sub-section of "
            f"their own, section sequence edit distance {ev['sections']:.2f}, and the draft shares {ev['own']:.3f} of "
            f"its character 4-grams with its own report against {ev['others']:.3f} with the other annual reports "
            f"(closer to its own for {ev['closer']:.0%}).")
    return "\n".join(lines)


def _replace(text: str, begin: str, end: str, section: str) -> str:
    if begin not in text or end not in text:
        sys.exit(f"README.md has no {begin} … {end} section")
    return re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _: f"{begin}\n{section}\n{end}", text, flags=re.S)


def _verdict(rows) -> str:
    a = eval_realism.spread(rows)["all"]
    own, rdr, rnd = a["own_c"][0], a["rdr_c"][0], a["rnd_c"][0]
    return (f"Over all documents a draft shares {own:.3f} of its 4-grams with its own unit's report; drafted fairly, "
            f"another unit's draft shares {rdr:.3f} with that report (the unit's own draft is closer for "
            f"{a['wins_rdr'][0]:.0%} of the documents) and the draft shares {rnd:.3f} with another unit's report "
            f"({a['wins_rnd'][0]:.0%}).")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="rewrite the section in README.md")
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--only", choices=["figures", "performance", "annual"], help="regenerate one of the sections")
    ap.add_argument("--scales", default="1,10,30,100", help="corpus scales of the mining row (performance)")
    args = ap.parse_args(argv)
    seeds = tuple(int(s) for s in args.seeds.split(",") if s.strip())
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    sections = {}
    if args.only in (None, "figures"):
        sections[(BEGIN, END)] = figures_section(args.units, seeds, log=log)
    if args.only in (None, "annual"):
        sections[(ANNUAL_BEGIN, ANNUAL_END)] = annual_section(log)
    if args.only in (None, "performance"):
        sections[(PERF_BEGIN, PERF_END)] = performance_section(
            log, scales=tuple(int(s) for s in args.scales.split(",")))
    for section in sections.values():
        print(section)
    if args.write:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        for (begin, end), section in sections.items():
            text = _replace(text, begin, end, section)
        readme.write_text(text, encoding="utf-8")
        print("\nREADME.md updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Drafting benchmarks: one draft end to end, bulk per draft per core, peak
memory, imports of the draft path, and phrasing variety between units.

    python benchmarks/bench_draft.py [--units 500] [--bank phrasebank/]

Prints figures; asserts nothing (targets: one draft < 0.5 s in a fresh
process; bulk <= 20 ms per draft per core; no jieba/sklearn on the draft path).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "county-civil-affairs-openness.yaml"
BULK = ROOT / "examples" / "units.yaml"


def fresh_draft(bank: str, runs: int = 5, check: bool = False) -> float:
    """Median wall time of `python -m drafter draft` in a fresh process."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            cmd = [sys.executable, "-m", "drafter", "draft", str(EXAMPLE), "-o", f"{tmp}/d{i}.docx", "--bank", bank]
            if not check:
                cmd.append("--no-check")
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def heavy_imports(bank: str) -> list[str]:
    code = (
        "import sys; from drafter.figures import load_figures; from drafter.drafting import draft_unit, render;"
        "from drafter.bank import PhraseBank; b = PhraseBank.load(sys.argv[1]);"
        "d = draft_unit(load_figures(sys.argv[2], slots=b.slots), bank=b); render(d, 'docx');"
        "import drafter.check, drafter.bulk, drafter.wizard;"
        "print(' '.join(m for m in ('jieba', 'sklearn', 'scipy', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, bank, str(EXAMPLE)], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    return out.stdout.split()


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


def bulk_run(n: int, bank: str, jobs: int, check: bool) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "units.yaml"
        bulk_file(n, f)
        cmd = [sys.executable, "-m", "drafter", "bulk", str(f), "-o", f"{tmp}/out", "--bank", bank,
               "-j", str(jobs), "--quiet"]
        if not check:
            cmd.append("--no-check")
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t0
        written = len(list(Path(tmp, "out").glob("*.docx")))
        if p.returncode != 0:
            print(p.stdout[-2000:], p.stderr[-2000:])
    return wall, written


def grams(text: str, n: int = 4) -> set[str]:
    t = re.sub(r"\s", "", text)
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def jaccard(a: str, b: str) -> float:
    ga, gb = grams(a), grams(b)
    return len(ga & gb) / max(1, len(ga | gb))


def variety(bank_dir: str) -> dict[str, tuple[float, float]]:
    """Mean pairwise 4-gram Jaccard between drafts of different units of one kind,
    and between one draft and a copy of it made for another unit (one template)."""
    import yaml

    from drafter.bank import PhraseBank
    from drafter.drafting import draft_unit
    from drafter.figures import parse_figures_text

    bank = PhraseBank.load(bank_dir)
    data = yaml.safe_load(BULK.read_text(encoding="utf-8"))
    out = {}
    for theme in ("政务公开", "年度综合", "乡村振兴·帮扶"):
        units = [u for u in data["units"] if u["theme"] == theme and not u.get("with_plan")][:6]
        texts, names = [], []
        for u in units:
            spec = parse_figures_text(yaml.safe_dump(dict(data["defaults"], **u), allow_unicode=True),
                                      slots=bank.slots)
            texts.append(draft_unit(spec, bank=bank).text())
            names.append(u["unit"])
        pairs = [jaccard(texts[i], texts[j]) for i in range(len(texts)) for j in range(i + 1, len(texts))]
        copies = [jaccard(texts[0], texts[0].replace(names[0], names[j])) for j in range(1, len(texts))]
        out[theme] = (statistics.mean(pairs), statistics.mean(copies))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--bank", default=str(ROOT / "phrasebank"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not Path(args.bank, "manifest.json").is_file():
        sys.exit(f"no phrase bank at {args.bank}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"one draft, fresh process (median of 5): {fresh_draft(args.bank):.3f} s "
          f"(with check: {fresh_draft(args.bank, 3, check=True):.3f} s)")
    mods = heavy_imports(args.bank)
    print(f"heavy modules on the draft path: {', '.join(mods) if mods else 'none'}")
    for check in (False, True):
        wall, written = bulk_run(args.units, args.bank, args.jobs, check)
        per = wall * args.jobs / max(1, written) * 1000
        label = "with check" if check else "no check"
        print(f"bulk {args.units} units, {args.jobs} jobs, {label}: {wall:.2f} s wall, {written} written, "
              f"{per:.1f} ms per draft per core")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of a child process (bulk worker or CLI): {peak:.0f} MB")
    for theme, (pairs, copies) in variety(args.bank).items():
        print(f"4-gram Jaccard {theme}: different units {pairs:.3f} vs one template copied {copies:.3f}")


if __name__ == "__main__":
    main()

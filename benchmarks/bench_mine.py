"""Mining time: the shipped corpus, and a corpus 10× larger made of text that does not
collapse under deduplication.

    .venv/bin/python benchmarks/bench_mine.py [--copies 10]

Each measurement runs in a fresh process (imports, jieba's dictionary and
scikit-learn included). The larger corpus is the shipped one plus copies in
which every sentence keeps its first and last clause and gets its middle
clauses from random sentences anywhere in the corpus (seeded), with figures and
local names perturbed: the register stays, but the sentences are new, so the
miner has about ten times as many distinct sentences to slot, compare and rank
(the count of distinct sentences in the input is printed to show it). Targets:
shipped corpus < 10 s on 2 cores; 10× corpus < 12 × the shipped time.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import CORPUS, ROOT  # noqa: E402

CHILD = ("import sys, time; t = time.perf_counter(); from drafter.mining import mine; "
         "b = mine(sys.argv[1]).bank; print(time.perf_counter() - t, len(b))")
PLACES = ["青山", "白沙", "东湖", "南岭", "北塘", "西岗", "云溪", "石门", "金桥", "柳林"]
CLAUSE = re.compile(r"[^，,；;。]+[，,；;]?")
SENTENCE = re.compile(r"[^。！？!?\n]{8,}[。！？!?]")


def clause_pool(texts) -> list[str]:
    """Middle-of-sentence clauses of the body lines of the corpus."""
    pool = []
    for text in texts:
        for line in text.splitlines():
            if len(line) > 30:
                pool += [c for c in CLAUSE.findall(line) if len(c) >= 6 and not c.endswith("。")]
    return pool


def recombine(line: str, rng: random.Random, pool: list[str]) -> str:
    out = []
    for sent in re.split(r"(?<=。)", line):
        parts = CLAUSE.findall(sent)
        if len(parts) < 3:
            out.append(sent)
            continue
        out.append("".join([parts[0]] + [rng.choice(pool) for _ in parts[1:-1]] + [parts[-1]]))
    return "".join(out)


def perturb(text: str, rng: random.Random, pool: list[str]) -> str:
    """Same register and structure, new sentences, other figures and local names."""
    text = re.sub(r"\d+", lambda m: str(max(1, int(m.group(0)) + rng.randint(-9, 9)))
                  if len(m.group(0)) < 4 else m.group(0), text)
    for old in ("社区", "镇", "村"):
        text = text.replace("XX" + old, rng.choice(PLACES) + old, 1)
    return "\n".join(recombine(line, rng, pool) if len(line) > 30 else line for line in text.splitlines())


def build_big(folder: Path, copies: int = 10) -> None:
    rng = random.Random(7)
    files = sorted(CORPUS.iterdir())
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    pool = clause_pool(texts.values())
    for i in range(copies):
        for f in files:
            (folder / f"{i:02d}_{f.name}").write_text(texts[f] if i == 0 else perturb(texts[f], rng, pool),
                                                       encoding="utf-8")


def distinct_sentences(folder: Path) -> int:
    return len({s for f in folder.iterdir() for s in SENTENCE.findall(f.read_text(encoding="utf-8"))})


def run(path: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    wall = time.perf_counter() - start
    inner, n = out.stdout.split()
    return wall, float(inner), int(n)


def measure(copies: int = 10) -> dict:
    wall1, inner1, n1 = run(CORPUS)
    tmp = Path(tempfile.mkdtemp(prefix="bench_mine_"))
    try:
        build_big(tmp, copies)
        size = sum(f.stat().st_size for f in tmp.iterdir())
        sentences = distinct_sentences(tmp)
        wall10, inner10, n10 = run(tmp)
    finally:
        shutil.rmtree(tmp)
    return {"wall1": wall1, "inner1": inner1, "phrases1": n1, "sentences1": distinct_sentences(CORPUS),
            "copies": copies, "kib": size // 1024, "sentences": sentences, "wall10": wall10, "inner10": inner10,
            "phrases10": n10, "ratio": wall10 / wall1}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args(argv)
    m = measure(args.copies)
    print(f"shipped corpus ({m['sentences1']} distinct sentences): {m['wall1']:.2f} s in a fresh process "
          f"(mine() {m['inner1']:.2f} s), {m['phrases1']} phrases  [target < 10 s]")
    print(f"{m['copies']}x corpus ({m['kib']} KiB, {m['sentences']} distinct sentences): {m['wall10']:.2f} s in a "
          f"fresh process (mine() {m['inner10']:.2f} s), {m['phrases10']} phrases")
    print(f"ratio {m['copies']}x / 1x: {m['ratio']:.1f} (fresh process), {m['inner10'] / m['inner1']:.1f} (mine() only)"
          f"  [target < 12]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

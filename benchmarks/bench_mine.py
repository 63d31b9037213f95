"""Mining time: the shipped corpus, and a corpus 10× larger (copies with figures and names perturbed).

    .venv/bin/python benchmarks/bench_mine.py

Each measurement runs in a fresh process (imports, jieba's dictionary and
scikit-learn included). Targets: shipped corpus < 10 s on 2 cores; 10× corpus
< 12 × the shipped time.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CHILD = ("import sys, time; t = time.perf_counter(); from drafter.mining import mine; "
         "b = mine(sys.argv[1]); print(time.perf_counter() - t, len(b))")
PLACES = ["青山", "白沙", "东湖", "南岭", "北塘", "西岗", "云溪", "石门", "金桥", "柳林"]


def perturb(text: str, rng: random.Random) -> str:
    """Same register, different figures and local names."""
    text = re.sub(r"\d+", lambda m: str(max(1, int(m.group(0)) + rng.randint(-9, 9))) if len(m.group(0)) < 4 else m.group(0), text)
    for old in ("社区", "镇", "村"):
        text = text.replace("XX" + old, rng.choice(PLACES) + old, 1)
    return text


def build_big(folder: Path, copies: int = 10) -> None:
    rng = random.Random(7)
    for i in range(copies):
        for f in sorted(CORPUS.iterdir()):
            text = f.read_text(encoding="utf-8")
            (folder / f"{i:02d}_{f.name}").write_text(text if i == 0 else perturb(text, rng), encoding="utf-8")


def run(path: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True, cwd=ROOT)
    wall = time.perf_counter() - start
    inner, n = out.stdout.split()
    return wall, float(inner), int(n)


def main() -> None:
    wall1, inner1, n1 = run(CORPUS)
    print(f"shipped corpus: {wall1:.2f} s in a fresh process (mine() {inner1:.2f} s), {n1} phrases  [target < 10 s]")
    tmp = Path(tempfile.mkdtemp(prefix="bench_mine_"))
    try:
        build_big(tmp)
        size = sum(f.stat().st_size for f in tmp.iterdir())
        wall10, inner10, n10 = run(tmp)
        print(f"10x corpus ({size // 1024} KiB): {wall10:.2f} s in a fresh process (mine() {inner10:.2f} s), {n10} phrases")
        print(f"ratio 10x / 1x: {wall10 / wall1:.1f} (fresh process), {inner10 / inner1:.1f} (mine() only)  [target < 12]")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()

"""Installed size of the drafting install against its anchor, in one run.

    .venv/bin/python benchmarks/bench_install.py

Three fresh virtual environments, side by side: the anchor (python-docx + jinja2 +
pyyaml, what any docx-from-a-template tool needs), `pip install .` (drafting: draft,
bulk, wizard, check) and `pip install '.[mine]'` (adds jieba and scikit-learn). Size =
the bytes of the venv's files (site-packages and all). Needs pip's index (or cache).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import ROOT  # noqa: E402

MIB = 1024 * 1024


def tree_bytes(path: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            p = os.path.join(dirpath, f)
            if not os.path.islink(p):
                total += os.lstat(p).st_size
    return total


def venv_with(where: Path, *requirements: str) -> int:
    venv.EnvBuilder(with_pip=True).create(where)
    py = where / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *requirements],
                   check=True, capture_output=True, text=True)
    return tree_bytes(where)


def measure(log=print) -> dict:
    with tempfile.TemporaryDirectory(prefix="drafter-install-") as tmp:
        tmp = Path(tmp)
        empty = tree_bytes(_bare(tmp / "empty"))
        log("anchor …")
        anchor = venv_with(tmp / "anchor", "python-docx", "jinja2", "pyyaml")
        log("drafting …")
        drafting = venv_with(tmp / "drafting", str(ROOT))
        log("mining …")
        mining = venv_with(tmp / "mining", f"{ROOT}[mine]")
    return {"empty": empty / MIB, "anchor": anchor / MIB, "drafting": drafting / MIB, "mining": mining / MIB,
            "ratio": drafting / anchor, "ratio_net": (drafting - empty) / (anchor - empty)}


def _bare(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(where)
    return where


def main() -> None:
    r = measure(log=lambda m: print(m, file=sys.stderr))
    print(f"empty venv (pip only)      {r['empty']:7.1f} MiB")
    print(f"anchor (python-docx+jinja2+pyyaml) {r['anchor']:7.1f} MiB")
    print(f"pip install .              {r['drafting']:7.1f} MiB  ({r['ratio']:.2f}× the anchor; "
          f"{r['ratio_net']:.2f}× without the empty venv)")
    print(f"pip install '.[mine]'      {r['mining']:7.1f} MiB")


if __name__ == "__main__":
    main()

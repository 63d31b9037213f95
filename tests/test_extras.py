"""The drafting install has no mining libraries; `mine` and `corpus` say what to install."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT, cli_env

try:
    import tomllib
except ModuleNotFoundError:   # Python 3.10
    tomllib = None


@pytest.mark.skipif(tomllib is None, reason="tomllib needs Python 3.11")
def test_mining_libraries_are_an_extra_and_the_tests_install_it():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = " ".join(meta["dependencies"])
    assert "jieba" not in base and "scikit-learn" not in base
    extras = meta["optional-dependencies"]
    assert {"jieba", "scikit-learn"} <= {r.split(">")[0].split("=")[0] for r in extras["mine"]}
    assert "drafter[mine]" in extras["test"]


# Python treats a None in sys.modules as "cannot be imported".
_HIDE = "import sys; [sys.modules.__setitem__(m, None) for m in ('jieba', 'sklearn')]; " \
        "from drafter.cli import main; sys.exit(main(sys.argv[1:]))"


def test_mine_names_the_extra_when_its_libraries_are_missing(tmp_path):
    out = tmp_path / "bank"
    r = subprocess.run([sys.executable, "-c", _HIDE, "mine", str(CORPUS), "-o", str(out), "-q"], cwd=tmp_path,
                       env=cli_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "pip install 'drafter[mine]'" in r.stderr and "scikit-learn" in r.stderr, r.stderr
    assert "corpus" in r.stderr                           # reading a corpus does not need them
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_corpus_reads_the_corpus_without_the_mining_libraries(tmp_path):
    # its section classifier is a stored table applied in pure Python: the same listing
    # as with the libraries installed, and neither they nor numpy/scipy are loaded
    code = _HIDE.replace("sys.exit(main(sys.argv[1:]))",
                         "rc = main(sys.argv[1:]); "
                         "print('LOADED', sorted(m for m in ('sklearn', 'scipy', 'numpy', 'jieba') "
                         "if sys.modules.get(m) is not None)); sys.exit(rc)")
    hidden = subprocess.run([sys.executable, "-c", code, "corpus", str(CORPUS), "--json", "--tree"], cwd=tmp_path,
                            env=cli_env(), capture_output=True, text=True, timeout=60)
    assert hidden.returncode == 0, hidden.stderr
    listing, loaded = hidden.stdout.rsplit("LOADED", 1)
    assert loaded.strip() == "[]"
    plain = subprocess.run([sys.executable, "-m", "drafter", "corpus", str(CORPUS), "--json", "--tree"], cwd=tmp_path,
                           env=cli_env(), capture_output=True, text=True, timeout=60)
    assert plain.returncode == 0, plain.stderr
    docs = json.loads(listing)["documents"]
    assert docs == json.loads(plain.stdout)["documents"]
    assert '"rule": "classifier"' in listing              # the classifier did label sections

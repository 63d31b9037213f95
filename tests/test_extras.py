"""The drafting install has no mining libraries; `mine` and `corpus` say what to install."""

from __future__ import annotations

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


@pytest.mark.parametrize("command", [["mine", str(CORPUS), "-o", "{out}", "-q"], ["corpus", str(CORPUS)]],
                         ids=["mine", "corpus"])
def test_mining_commands_name_the_extra_when_its_libraries_are_missing(tmp_path, command):
    out = tmp_path / "bank"
    argv = [a.format(out=out) for a in command]
    r = subprocess.run([sys.executable, "-c", _HIDE, *argv], cwd=tmp_path, env=cli_env(),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "pip install 'drafter[mine]'" in r.stderr and "scikit-learn" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()

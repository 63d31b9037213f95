"""Ctrl-C during `drafter bulk`: exit 130, no staging folder or temp file left,
and every file already in the output folder is a complete .docx."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import yaml
from docx import Document

from conftest import EXAMPLES, cli_env


def test_interrupted_bulk_leaves_only_complete_files(tmp_path):
    data = yaml.safe_load((EXAMPLES / "units.yaml").read_text(encoding="utf-8"))
    units = []
    for i in range(400):
        u = dict(data["units"][i % len(data["units"])])
        u["unit"] = u["unit"].replace("某某", f"第{i + 1}")
        units.append(u)
    (tmp_path / "units.yaml").write_text(yaml.safe_dump({"defaults": data["defaults"], "units": units},
                                                        allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    env = cli_env()
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "bulk", "units.yaml", "-o", str(out), "-j", "2"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    # wait until drafting is under way (the staging folder exists), then Ctrl-C the whole group
    deadline = time.time() + 30
    while time.time() < deadline and not any(out.glob(".drafter-bulk-*")):
        time.sleep(0.02)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, (proc.returncode, stdout[-500:], stderr[-2000:])
    assert "已中断" in stderr and "Traceback" not in stderr
    left = [p.name for p in out.iterdir()]
    assert not [n for n in left if n.startswith(".")], left          # no staging folder, no temp file
    for name in left:
        assert name.endswith(".docx")
        Document(str(out / name))                                      # opens: complete
    assert len(left) < 400

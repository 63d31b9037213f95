"""Ctrl-C during `drafter bulk`: exit 130, no staging folder or temp file left,
and every file already in the output folder is a complete .docx."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
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


def _many_units(tmp_path, n=400):
    data = yaml.safe_load((EXAMPLES / "units.yaml").read_text(encoding="utf-8"))
    units = []
    for i in range(n):
        u = dict(data["units"][i % len(data["units"])])
        u["unit"] = u["unit"].replace("某某", f"第{i + 1}")
        units.append(u)
    (tmp_path / "units.yaml").write_text(yaml.safe_dump({"defaults": data["defaults"], "units": units},
                                                        allow_unicode=True), encoding="utf-8")


def _start_bulk(tmp_path, out):
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "bulk", "units.yaml", "-o", str(out), "-j", "2"],
                            cwd=tmp_path, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline and not any(out.glob(".drafter-bulk-*")):
        time.sleep(0.02)
    time.sleep(0.3)
    return proc


def _children(pid: int) -> list[int]:
    try:
        text = open(f"/proc/{pid}/task/{pid}/children").read()
    except OSError:
        return []
    return [int(x) for x in text.split()]


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_terminated_bulk_cleans_up_like_ctrl_c(tmp_path, sig):
    """`kill PID` (SIGTERM) or a closed terminal (SIGHUP) sent to the parent alone:
    the workers stop, the staging folder goes, what is in place is complete."""
    if not hasattr(signal, sig):
        pytest.skip(f"no {sig} here")
    _many_units(tmp_path)
    out = tmp_path / "out"
    proc = _start_bulk(tmp_path, out)
    workers = _children(proc.pid)
    os.kill(proc.pid, getattr(signal, sig))
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, (proc.returncode, stdout[-500:], stderr[-2000:])
    assert "已中断" in stderr and "Traceback" not in stderr
    left = [p.name for p in out.iterdir()]
    assert not [n for n in left if n.startswith(".")], left
    for name in left:
        Document(str(out / name))
    assert len(left) < 400
    time.sleep(0.2)
    assert not [w for w in workers if _running(w)], "workers outlived the run"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_workers_die_with_a_killed_parent_and_the_next_run_removes_its_staging(tmp_path):
    _many_units(tmp_path)
    out = tmp_path / "out"
    proc = _start_bulk(tmp_path, out)
    workers = _children(proc.pid)
    assert workers, "no worker processes found"
    os.kill(proc.pid, signal.SIGKILL)              # no chance to clean up
    proc.communicate(timeout=60)
    deadline = time.time() + 10
    while time.time() < deadline and [w for w in workers if _running(w)]:
        time.sleep(0.05)
    assert not [w for w in workers if _running(w)], "orphaned workers kept drafting"
    assert list(out.glob(".drafter-bulk-*"))        # the killed run's staging folder is still there
    (tmp_path / "one.yaml").write_text("unit: 某某县民政局\nyear: 2026\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "drafter", "bulk", "one.yaml", "-o", str(out), "--no-check"],
                       cwd=tmp_path, env=cli_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert not list(out.glob(".drafter-bulk-*"))    # removed: its owner is dead


def test_worker_count_and_chunks():
    from drafter import bulk

    cpus = bulk.available_cpus()
    assert bulk.worker_count(64, 1000) == cpus            # capped at the cores
    assert bulk.worker_count(2, 1) == 1                   # and at the units
    assert 1 <= bulk.worker_count(None, 1000) <= cpus     # default: the free cores
    todo = list(range(1000))
    chunks = bulk.chunks_of(todo, 2)
    assert [u for c in chunks for u in c] == todo         # every unit once, in order
    assert len(chunks) > 2 * 8 and all(len(c) == 1 for c in chunks[-4:])   # single units at the end

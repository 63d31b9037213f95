"""Atomic writes: a write that fails part-way leaves the target as it was and no temporary file.

The failure is injected into the operating-system calls every atomic write makes
(os.fsync after the data is written, os.replace that puts the file in place), so
the tests hold whatever the writer looks like inside.
"""

from __future__ import annotations

import errno
import os

import pytest

from drafter.errors import DrafterError
from drafter.fileio import atomic_write_bytes, atomic_write_text

OLD = b"the user's own edits"
NEW = b"PK" + bytes(range(256)) * 64          # 16 kB: written in more than one piece by a naive writer


def _fail(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("call", ["fsync", "replace"])
@pytest.mark.parametrize("existing", [True, False], ids=["over-existing", "new-file"])
def test_a_failed_write_changes_nothing(tmp_path, monkeypatch, call, existing):
    target = tmp_path / "总结.docx"
    if existing:
        target.write_bytes(OLD)
    monkeypatch.setattr(os, call, _fail)
    with pytest.raises(DrafterError) as exc:
        atomic_write_bytes(target, NEW, force=True)
    monkeypatch.undo()
    assert "总结.docx" in str(exc.value) and "磁盘空间不足" in exc.value.hint
    if existing:
        assert target.read_bytes() == OLD
    else:
        assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["总结.docx"] if existing else [])   # no temp file


def test_an_interrupted_write_changes_nothing(tmp_path, monkeypatch):
    """Ctrl-C while the data is being made durable: the KeyboardInterrupt goes on, the file does not change."""
    target = tmp_path / "总结.md"
    target.write_bytes(OLD)

    def interrupt(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "新的内容", force=True)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["总结.md"]


def test_a_good_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "d.docx"
    target.write_bytes(OLD * 1000)                      # longer than the new content
    atomic_write_bytes(target, NEW, force=True)
    assert target.read_bytes() == NEW
    assert [p.name for p in tmp_path.iterdir()] == ["d.docx"]

"""Issue 13, files: never lose a bank, never hang, never overwrite what is not ours.

Each test reproduces one failure found by attacking the CLI (small sizes: a zip
bomb is a small file whose member inflates past the limit, a FIFO comes from
os.mkfifo, a full disk is a writer that fails part-way).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import CORPUS, FIXTURE_BANK, cli_env, docx_text, refused, snapshot, write
from conftest import drafter_cli as drafter

from drafter import fileio, limits
from drafter.errors import DrafterError, InputError, OutputExistsError

GOOD = "unit: 某某县民政局\nyear: 2026\ntheme: 政务公开\nfigures:\n  主动公开信息数: 1530\nseed: 7\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


# ---------------------------------------------------------------- publishing one file


def _tmp(folder: Path, data: bytes) -> Path:
    p = folder / f".drafter-test-{len(list(folder.iterdir()))}.tmp"
    p.write_bytes(data)
    return p


def test_publish_without_force_fails_atomically_when_the_target_appears(tmp_path):
    """Two runs into one folder: the second publish of the same name must fail, not overwrite."""
    target = tmp_path / "out.docx"
    first, second = _tmp(tmp_path, b"first"), _tmp(tmp_path, b"second")
    fileio.publish(first, target)
    with pytest.raises(OutputExistsError):
        fileio.publish(second, target)
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]   # both temporary names gone


def test_publish_check_then_replace_race_is_closed(tmp_path, monkeypatch):
    """The target is created by another process after the existence check: still refused."""
    target = tmp_path / "out.txt"
    real = fileio._refuse_special

    def other_run_writes_meanwhile(path):
        exists = real(path)
        target.write_bytes(b"other run")
        return exists

    monkeypatch.setattr(fileio, "_refuse_special", other_run_writes_meanwhile)
    with pytest.raises(OutputExistsError):
        fileio.publish(_tmp(tmp_path, b"mine"), target)
    assert target.read_bytes() == b"other run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_publish_with_force_replaces_a_regular_file(tmp_path):
    target = write(tmp_path / "out.txt", "old")
    fileio.publish(_tmp(tmp_path, b"new"), target, force=True)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


@needs_fifo
def test_force_never_replaces_a_fifo_or_socket(tmp_path):
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    with pytest.raises(DrafterError, match="不是普通文件"):
        fileio.atomic_write_bytes(fifo, b"x", force=True)
    assert fifo.is_fifo()
    sock_path = tmp_path / "s.docx"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock_path))
        with pytest.raises(DrafterError, match="不是普通文件"):
            fileio.atomic_write_bytes(sock_path, b"x", force=True)
        assert sock_path.is_socket()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.docx", "s.docx"]


@needs_fifo
def test_draft_force_onto_a_fifo_is_refused(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    os.mkfifo(tmp_path / "out.docx")
    r = drafter("draft", "f.yaml", "-o", "out.docx", "--force", "--no-check", cwd=tmp_path)
    refused(r, "out.docx", "不是普通文件")
    assert (tmp_path / "out.docx").is_fifo()


def test_write_failing_part_way_leaves_nothing(tmp_path, monkeypatch):
    """A full disk: the write fails after the temporary file exists; nothing stays behind."""
    target = write(tmp_path / "out.txt", "old")

    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", lambda fd: disk_full(fd, b""))
    with pytest.raises(DrafterError, match="磁盘空间不足|写入失败"):
        fileio.atomic_write_bytes(target, b"new", force=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


# ---------------------------------------------------------------- bounded reads


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_as_figures_file_is_refused_not_read(tmp_path):
    os.symlink("/dev/zero", tmp_path / "f.yaml")
    for args in (("draft", "/dev/zero", "-o", "o.docx"), ("draft", "f.yaml", "-o", "o.docx"),
                 ("check", "f.yaml"), ("bulk", "f.yaml", "-o", "out")):
        r = drafter(*args, cwd=tmp_path, timeout=30)
        refused(r, "不是普通文件")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml"]


@needs_fifo
def test_fifo_as_figures_file_or_draft_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "f.yaml")
    os.mkfifo(tmp_path / "d.docx")
    for args in (("draft", "f.yaml", "-o", "o.docx"), ("check", "d.docx"), ("check", "d.docx", "--figures", "f.yaml")):
        p = subprocess.run([sys.executable, "-m", "drafter", *args], cwd=tmp_path, env=cli_env(FIXTURE_BANK),
                           capture_output=True, timeout=30)
        err = p.stderr.decode("utf-8", "replace")
        assert p.returncode == 2 and "不是普通文件" in err, err


@needs_fifo
def test_fifo_in_a_corpus_is_skipped_not_waited_for(tmp_path):
    from drafter.ingest.reading import ReadError, read_source

    os.mkfifo(tmp_path / "x.txt")
    with pytest.raises(ReadError, match="不是普通文件"):
        read_source(tmp_path / "x.txt")


def test_read_stops_at_the_limit(tmp_path):
    p = tmp_path / "big.yaml"
    p.write_bytes(b"a: 1\n" * 300)
    assert fileio.read_input_bytes(p, 1500) == b"a: 1\n" * 300
    with pytest.raises(InputError, match="文件过大"):
        fileio.read_input_bytes(p, 1499)


def test_corpus_text_over_the_limit_is_skipped(tmp_path, monkeypatch):
    from drafter.ingest.reading import ReadError, read_source

    monkeypatch.setattr(limits, "MAX_CORPUS_TEXT_BYTES", 1000)
    write(tmp_path / "r.txt", "某某县民政局2023年工作总结\n" + "全面推进政务公开工作。\n" * 100)
    with pytest.raises(ReadError, match="文件过大"):
        read_source(tmp_path / "r.txt")


def _docx_bomb(path: Path, inflated: int) -> Path:
    """A real .docx whose word/document.xml is padded to `inflated` bytes (compresses to little)."""
    good = path.with_suffix(".good.docx")
    d = docx.Document()
    d.add_paragraph("某某县民政局2023年工作总结")
    d.save(good)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (inflated - len(data)), 1)
            dst.writestr(info, data)
    good.unlink()
    return path


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    bomb = _docx_bomb(tmp_path / "bomb.docx", limits.DOCX_MAX_XML_BYTES + 1024)
    assert bomb.stat().st_size < 200 * 1024        # small on disk …
    parsed = []
    monkeypatch.setattr(docx, "Document", lambda *a, **k: parsed.append(a))
    r = drafter("check", "bomb.docx", cwd=tmp_path)
    refused(r, "bomb.docx", "解压后过大")
    from drafter.ingest.reading import ReadError, read_source

    with pytest.raises(ReadError, match="解压后过大"):
        read_source(bomb)
    assert parsed == []                            # … and never handed to the XML parser


def test_docx_under_the_limit_is_still_read(tmp_path):
    from drafter.ingest.reading import read_source

    ok = _docx_bomb(tmp_path / "ok.docx", 64 * 1024)
    assert read_source(ok).text.strip() == "某某县民政局2023年工作总结"


# ---------------------------------------------------------------- the phrase bank: atomic mine


@pytest.fixture()
def small_bank():
    from drafter.bank import PhraseBank

    return PhraseBank.load(FIXTURE_BANK)


def _bank_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_publish_bank_lists_hashes_and_loads(tmp_path, small_bank):
    from drafter.bank import PhraseBank
    from drafter.mining.writer import publish_bank

    out = tmp_path / "bank"
    publish_bank(small_bank, out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {p.name for p in out.iterdir()} - {"manifest.json"}
    assert len(PhraseBank.load(out)) == len(small_bank)
    assert [p.name for p in tmp_path.iterdir()] == ["bank"]     # no staging folder left


@pytest.mark.parametrize("damage", ["truncate", "edit", "delete", "extra"])
def test_bank_that_disagrees_with_its_manifest_is_refused(tmp_path, small_bank, damage):
    from drafter.mining.writer import publish_bank

    out = tmp_path / "bank"
    publish_bank(small_bank, out)
    target = out / "achievements.jsonl"
    if damage == "truncate":
        data = target.read_bytes()
        target.write_bytes(data[: len(data) // 2])
    elif damage == "edit":
        target.write_text(target.read_text(encoding="utf-8").replace("推进", "推动", 1), encoding="utf-8")
    elif damage == "delete":
        target.unlink()
    else:
        shutil.copy(target, out / "other-corpus.jsonl")
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--bank", "bank", cwd=tmp_path)
    refused(r, "manifest.json", "不符")
    assert not (tmp_path / "o.docx").exists()


def test_mine_replaces_only_what_the_old_manifest_lists(tmp_path, small_bank):
    from drafter.mining.writer import publish_bank

    out = tmp_path / "bank"
    publish_bank(small_bank, out)
    write(out / "笔记.txt", "我的笔记")
    with pytest.raises(OutputExistsError, match="笔记.txt"):
        publish_bank(small_bank, out)
    publish_bank(small_bank.with_phrases(small_bank.phrases[:5]), out, force=True)
    assert (out / "笔记.txt").read_text(encoding="utf-8") == "我的笔记"   # kept with --force
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sum(1 for name in manifest["files"] if name.endswith(".jsonl")) >= 1
    assert sum(len((out / n).read_text(encoding="utf-8").splitlines())
               for n in manifest["files"] if n.endswith(".jsonl")) == 5


def test_bank_with_no_phrases_is_never_written(tmp_path, small_bank):
    from drafter.mining.writer import publish_bank

    out = tmp_path / "bank"
    publish_bank(small_bank, out)
    before = _bank_files(out)
    with pytest.raises(DrafterError, match="没有挖掘出任何短语"):
        publish_bank(small_bank.with_phrases([]), out)
    assert _bank_files(out) == before


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError(errno.ENOSPC, "No space left on device")])
def test_interrupted_or_failed_bank_write_keeps_the_old_bank(tmp_path, small_bank, monkeypatch, failure):
    from drafter.mining import writer

    out = tmp_path / "bank"
    writer.publish_bank(small_bank, out)
    before = _bank_files(out)
    real, calls = writer.atomic_write_text, []

    def fail_on_third(path, text, **kw):
        calls.append(path)
        if len(calls) == 3:
            if isinstance(failure, OSError):
                raise DrafterError(f"写入失败：{path}（{failure.strerror}）")
            raise failure
        return real(path, text, **kw)

    monkeypatch.setattr(writer, "atomic_write_text", fail_on_third)
    with pytest.raises((KeyboardInterrupt, DrafterError)):
        writer.publish_bank(small_bank.with_phrases(small_bank.phrases[:3]), out)
    assert _bank_files(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["bank"]


def test_failed_swap_puts_the_old_bank_back(tmp_path, small_bank, monkeypatch):
    from drafter.mining import writer

    out = tmp_path / "bank"
    writer.publish_bank(small_bank, out)
    before = _bank_files(out)
    real_rename = os.rename

    def rename(src, dst):
        if Path(src).name.startswith(fileio.STAGING_PREFIX):
            raise OSError(errno.EIO, "Input/output error")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(DrafterError, match="无法写入"):
        writer.publish_bank(small_bank.with_phrases(small_bank.phrases[:3]), out)
    assert _bank_files(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["bank"]


def test_mine_refuses_before_any_work(tmp_path):
    (tmp_path / "corpus").mkdir()
    write(tmp_path / "corpus" / "a.txt", "某某县民政局2023年工作总结\n")
    write(tmp_path / "bank.txt", "not a folder")
    (tmp_path / "mine").mkdir()
    write(tmp_path / "mine" / "a.docx", "my own file")
    for output, needle in (("bank.txt", "不是文件夹"), ("mine", "不属于短语库")):
        r = drafter("mine", "corpus", "-o", output, cwd=tmp_path)
        refused(r, output, needle)
        assert "[挖掘]" not in r.err      # refused before reading the corpus
    assert (tmp_path / "bank.txt").read_text() == "not a folder"
    assert (tmp_path / "mine" / "a.docx").read_text() == "my own file"


def test_mine_of_unreadable_files_keeps_the_good_bank(tmp_path, small_bank):
    """Old .doc/.wps/.pdf archives: 0 phrases must not replace a good bank, and the message says why."""
    from drafter.mining.writer import publish_bank

    publish_bank(small_bank, tmp_path / "bank")
    before = _bank_files(tmp_path / "bank")
    for name in ("2019总结.doc", "2020总结.wps", "2021总结.pdf"):
        (tmp_path / "old" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "old" / name).write_bytes(b"\xd0\xcf\x11\xe0 binary")
    r = drafter("mine", "old", "-o", "bank", "-q", cwd=tmp_path)
    refused(r, "没有挖掘出任何短语", "2019总结.doc", "2021总结.pdf", ".docx", ".txt")
    assert _bank_files(tmp_path / "bank") == before


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name == "nt", reason="POSIX signals")
def test_sigterm_stops_mine_like_ctrl_c(tmp_path, small_bank):
    from drafter.mining.writer import publish_bank

    publish_bank(small_bank, tmp_path / "bank")
    shutil.copy(sorted(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size)[0], tmp_path / "report.txt")
    before = snapshot(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "mine", "report.txt", "-o", "bank"], cwd=tmp_path,
                            env=cli_env(None), stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    first = proc.stderr.readline()          # the first progress line: mining has started
    assert "挖掘".encode() in first, first
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode("utf-8", "replace")
    assert "已中断" in err.decode("utf-8", "replace")
    assert snapshot(tmp_path) == before            # old bank untouched, nothing staged left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank", "report.txt"]


def test_sigterm_raises_keyboard_interrupt_inside_the_guard():
    from drafter.interrupts import stop_like_ctrl_c

    if not hasattr(signal, "SIGTERM") or os.name == "nt":
        pytest.skip("POSIX signals")
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt):
        with stop_like_ctrl_c():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
    assert signal.getsignal(signal.SIGTERM) == before


def test_draft_interrupted_while_writing_leaves_nothing(tmp_path, monkeypatch):
    write(tmp_path / "f.yaml", GOOD)
    real_fsync = os.fsync

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--no-check", cwd=tmp_path)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert r.rc == 130 and "已中断" in r.err, r.err
    assert sorted(snapshot(tmp_path)) == ["f.yaml"]


def test_good_draft_still_written(tmp_path):
    write(tmp_path / "f.yaml", GOOD)
    r = drafter("draft", "f.yaml", "-o", "o.docx", "--no-check", cwd=tmp_path)
    assert r.rc == 0, r.err
    assert docx_text(tmp_path / "o.docx").startswith("某某县民政局2026年")


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_leftovers_of_a_killed_mine_are_cleaned_or_recovered(tmp_path, small_bank):
    """A run killed outright (SIGKILL) leaves its staging folder, or the old bank renamed aside."""
    from drafter.mining.writer import publish_bank

    dead = _dead_pid()
    stale = tmp_path / f"{fileio.STAGING_PREFIX}{dead}-abc"
    stale.mkdir()
    write(stale / "achievements.jsonl", "half")
    publish_bank(small_bank, tmp_path / "old-bank-holder")          # a complete bank …
    os.rename(tmp_path / "old-bank-holder", tmp_path / f"{fileio.OLD_PREFIX}bank-{dead}")   # … renamed aside, then killed
    before = _bank_files(tmp_path / f"{fileio.OLD_PREFIX}bank-{dead}")
    fileio.recover_dead_runs(tmp_path / "bank")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank"]
    assert _bank_files(tmp_path / "bank") == before
    live = tmp_path / f"{fileio.STAGING_PREFIX}{os.getpid()}-xyz"
    live.mkdir()
    fileio.recover_dead_runs(tmp_path / "bank")
    assert live.exists()                                            # a live run's folder is left alone


@needs_fifo
def test_answers_and_figures_reader_refuses_devices_and_fifos(tmp_path):
    """`wizard --answers /dev/zero` read through the same reader as draft and bulk."""
    from drafter.figures import read_file

    os.mkfifo(tmp_path / "answers.yaml")
    for path in ([Path("/dev/zero")] if Path("/dev/zero").exists() else []) + [tmp_path / "answers.yaml"]:
        with pytest.raises(InputError, match="不是普通文件"):
            read_file(path)

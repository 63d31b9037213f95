"""drafter corpus DIR: table, --json, clear errors."""

import json
import subprocess
import sys

from drafter.cli import main
from drafter.paths import corpus_dir


def test_corpus_table(capsys):
    assert main(["corpus", str(corpus_dir())]) == 0
    out = capsys.readouterr().out
    assert "共 37 篇（5 个文件）" in out
    assert "区发展改革委2023年政务公开工作总结" in out and "闹村乡" in out
    assert "开头→工作成绩→存在问题→下步打算" in out
    assert "D→党" in out and "排除：" in out


def test_corpus_json(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("县民政局2024年工作总结\n\n一、工作开展情况\n全年完成各项任务。\n二、存在问题\n人手不足。\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert main(["corpus", str(tmp_path), "--json", "--tree"]) == 0
    data = json.loads(capsys.readouterr().out)
    [doc] = data["documents"]
    assert doc["title"] == "县民政局2024年工作总结" and doc["level"] == "县" and doc["year"] == 2024
    assert [s["canonical"] for s in doc["sections"]] == ["achievements", "problems"]
    assert doc["tree"][0]["paragraphs"][0]["text"] == "全年完成各项任务。"
    assert data["problems"][0]["path"].endswith("bad.txt") and data["problems"][0]["reason"]


def test_missing_and_empty_dir_clear_error(tmp_path):
    for target in (tmp_path / "nope", tmp_path):
        proc = subprocess.run([sys.executable, "-m", "drafter", "corpus", str(target)], capture_output=True, text=True)
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr
        assert proc.stderr.startswith("错误：")

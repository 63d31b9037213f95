"""The drafting paths never load the mining libraries (jieba, scikit-learn, scipy).

Each test runs the real command in a fresh process (`drafter.cli.main`, as the
console script does) that reports the heavy modules in its sys.modules when it
exits; PYTHONPROFILEIMPORTTIME also makes every process, bulk workers included,
log each module it imports, so an import done only inside a worker is caught too.
The wizard's own pty run is in test_wizard_terminal.py.
"""

from __future__ import annotations

import re

from conftest import EXAMPLES, drafter_reporting_modules, docx_text


def assert_light(m) -> None:
    assert m.at_exit == [], f"loaded at exit: {m.at_exit}"
    assert m.imported == [], f"imported by some process: {m.imported}"


def test_draft_with_its_automatic_check_and_drafter_check(tmp_path):
    example = EXAMPLES / "county-civil-affairs-openness.yaml"
    m = drafter_reporting_modules("draft", str(example), "-o", "d.docx", cwd=tmp_path)
    assert m.run.rc == 0, m.run.err
    assert "自动检查：" in m.run.out                      # the check ran in this process
    assert docx_text(tmp_path / "d.docx").startswith("某某县民政局2026年")
    assert_light(m)

    m = drafter_reporting_modules("check", "d.docx", "--figures", str(example), cwd=tmp_path)
    assert m.run.rc == 0, m.run.out + m.run.err
    assert_light(m)


def test_bulk_in_two_worker_processes(tmp_path):
    # every unit of the example bulk (above the pool threshold, so the units are drafted
    # and checked in workers), with the shipped bank: the annual units' work: figures are
    # department slots, which the fixture bank's catalogue does not have
    import yaml

    n = len(yaml.safe_load((EXAMPLES / "units.yaml").read_text(encoding="utf-8"))["units"])
    assert n >= 24
    m = drafter_reporting_modules("bulk", str(EXAMPLES / "units.yaml"), "-o", "out", "-j", "2", cwd=tmp_path,
                                  bank=None)
    # exit 1 when some drafts have check errors (counted apart from successes): all written
    assert m.run.rc in (0, 1), m.run.err
    assert re.search(r"完成：成功 (\d+) 份(，有检查错误 (\d+) 份)?，失败 0 份", m.run.out), m.run.out
    written = re.search(r"成功 (\d+) 份(?:，有检查错误 (\d+) 份)?", m.run.out)
    assert int(written[1]) + int(written[2] or 0) == n
    assert (m.run.rc == 1) == bool(written[2])
    assert len(list((tmp_path / "out").glob("*.docx"))) == n
    assert_light(m)

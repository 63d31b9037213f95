"""Near-duplicate grouping by blocks of sparse rows gives the groups of the n x n version."""

from __future__ import annotations

import json
import random

import pytest

from conftest import SHIPPED_BANK

pytest.importorskip("sklearn")

from drafter.mining import dedup  # noqa: E402


def _texts() -> list[str]:
    out = []
    for path in sorted(SHIPPED_BANK.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out.append(row["text"])
            out.extend(row.get("variants", []))
    return sorted(set(out))


@pytest.mark.parametrize("seed", [1, 2])
def test_blocked_grouping_equals_the_dense_one(monkeypatch, seed):
    texts = _texts()
    assert len(texts) > 500
    rng = random.Random(seed)
    order = list(range(len(texts)))
    rng.shuffle(order)
    kw = dict(similarity=0.55, containment=0.8, min_chars=8)
    dense = dedup._group_dense(texts, order, **kw)
    assert len(dense) < len(texts)                        # some texts do group
    monkeypatch.setattr(dedup, "BLOCK_CELLS", len(texts) * 37)   # many blocks, a ragged last one
    assert dedup.group(texts, order, **kw) == dense
    monkeypatch.setattr(dedup, "BLOCK_CELLS", len(texts) * 10_000)   # one block
    assert dedup.group(texts, order, **kw) == dense

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


def _dense_document_clusters(texts: list[str], threshold: float) -> list[int]:
    """The n x n reference: the first earlier document whose cosine reaches the threshold."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), lowercase=False, sublinear_tf=True).fit_transform(
        [t or "#" for t in texts])
    cos = (x @ x.T).toarray()
    ids = list(range(len(texts)))
    for i in range(len(texts)):
        for j in range(i):
            if cos[i, j] >= threshold:
                ids[i] = ids[j]
                break
    return ids


def _cos(docs, i, j, _cache={}):
    key = id(docs)
    if key not in _cache:
        from sklearn.feature_extraction.text import TfidfVectorizer

        x = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), lowercase=False, sublinear_tf=True).fit_transform(
            [t or "#" for t in docs])
        _cache.clear()
        _cache[key] = (x @ x.T).toarray()
    return _cache[key][i, j]


def test_blocked_document_clusters_equal_the_dense_ones(monkeypatch):
    sentences = _texts()
    rng = random.Random(3)
    rng.shuffle(sentences)
    docs = ["".join(sentences[k:k + 12]) for k in range(0, 12 * 60, 12)]
    for k in range(0, 60, 4):              # near-copies: a sentence or two replaced, some reordered
        parts = sentences[12 * k:12 * k + 12]
        parts[rng.randrange(12)] = rng.choice(sentences)
        if k % 8 == 0:
            parts[rng.randrange(12)] = rng.choice(sentences)
            parts.reverse()
        docs.insert(rng.randrange(len(docs) + 1), "".join(parts))
    docs.append("")
    # bridges: A and B share most sentences; C is nearer to each of them than they are to each other,
    # so it is a copy of two earlier documents of different clusters (it takes the first one's)
    for k in range(3):
        shared, a, b = sentences[800 + 20 * k: 810 + 20 * k], sentences[810 + 20 * k: 812 + 20 * k], \
            sentences[812 + 20 * k: 814 + 20 * k]
        docs += ["".join(shared + a), "".join(shared + b), "".join(shared + a[:1] + b[:1])]
    for threshold in (0.85, 0.9):
        dense = _dense_document_clusters(docs, threshold)
        assert sum(1 for i, c in enumerate(dense) if c != i) >= 3       # some documents are copies
        bridged = [i for i in range(len(docs)) if len({dense[j] for j in range(i) if _cos(docs, i, j) >= threshold}) > 1]
        assert bridged or threshold > 0.85
        monkeypatch.setattr(dedup, "BLOCK_CELLS", len(docs) * 7)        # many blocks, a ragged last one
        assert dedup.document_clusters(docs, threshold) == dense
        monkeypatch.setattr(dedup, "BLOCK_CELLS", len(docs) * 10_000)   # one block
        assert dedup.document_clusters(docs, threshold) == dense


def _full_related(groups_texts, threshold):
    """The n x n reference of dedup.related."""
    import re

    from sklearn.feature_extraction.text import TfidfVectorizer

    clauses, owner = [], []
    for gi, texts in enumerate(groups_texts):
        seen = set()
        for t in texts:
            for c in re.split(r"[，,；;。：:！？]", re.sub(r"\{[^{}]+\}", "#", t)):
                c = c.strip()
                if len(c) >= 5 and c not in seen:
                    seen.add(c)
                    clauses.append(c)
                    owner.append(gi)
    out = [set() for _ in groups_texts]
    x = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), lowercase=False, sublinear_tf=True).fit_transform(clauses)
    sim = (x @ x.T).toarray()
    for i in range(len(clauses)):
        for j in range(len(clauses)):
            if sim[i, j] >= threshold and owner[i] != owner[j]:
                out[owner[i]].add(owner[j])
    return out


def test_blocked_related_groups_equal_the_full_product(monkeypatch):
    texts = _texts()[:400]
    groups = [texts[k:k + 3] for k in range(0, len(texts), 3)]
    full = _full_related(groups, 0.7)
    assert sum(map(len, full)) >= 10                      # some groups share a clause
    monkeypatch.setattr(dedup, "BLOCK_CELLS", 1000 * 13)  # many blocks, a ragged last one
    assert dedup.related(groups, 0.7) == full
    monkeypatch.setattr(dedup, "BLOCK_CELLS", 10 ** 9)   # one block
    assert dedup.related(groups, 0.7) == full

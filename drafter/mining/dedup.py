"""Near-duplicate grouping: TF-IDF over character n-grams + cosine (scikit-learn).

Two texts are one group when their cosine similarity reaches `similarity`, or
when the shorter one's character bigrams are almost all found in the longer
one (`containment`), so 「政策解读形式较单一。」 joins
「政策解读形式较为单一，多以文字为主，缺少创新性。」.  Grouping is greedy
around leaders taken in a fixed order, so it is deterministic.
"""

from __future__ import annotations

import re

_SLOT = re.compile(r"\{[^{}]+\}")


def _norm(text: str) -> str:
    return _SLOT.sub("#", text).rstrip("。：；")


def _vectors(texts: list[str], ngram=(2, 3)):
    """(TF-IDF rows over character n-grams, binary character-bigram rows, bigram counts)."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    norm = [_norm(t) or "#" for t in texts]
    tfidf = TfidfVectorizer(analyzer="char", ngram_range=ngram, lowercase=False, sublinear_tf=True)
    x = tfidf.fit_transform(norm).tocsr()
    cv = CountVectorizer(analyzer="char", ngram_range=(2, 2), lowercase=False, binary=True)
    b = cv.fit_transform(norm).tocsr()
    size = np.asarray(b.sum(axis=1)).ravel().astype(float)
    return x, b, size


def similarity_matrices(texts: list[str], ngram=(2, 3)):
    """(cosine, containment) as dense numpy arrays (n x n: for inspection and tests;
    group() works on blocks of rows and never holds these)."""
    import numpy as np

    x, b, size = _vectors(texts, ngram)
    cos = (x @ x.T).toarray()
    inter = (b @ b.T).toarray().astype(float)
    smaller = np.minimum.outer(size, size)
    smaller[smaller == 0] = 1.0
    return cos, inter / smaller, size


# Cells (rows x n) of the similarity products computed at a time: memory grows
# with the corpus (block x n sparse), not with its square.
BLOCK_CELLS = 1_000_000


def group(texts: list[str], order: list[int], *, similarity: float, containment: float, min_chars: int,
          ngram=(2, 3)) -> list[list[int]]:
    """Groups (lists of indices into texts, leader first) in leader order.

    Greedy in `order`: a text joins the earliest leader it is similar to (cosine >=
    similarity, or containment >= containment when both have min_chars), else leads
    a group of its own. Similarities are computed for a block of texts (in order)
    against all texts at once, as sparse products; the values are those of the
    full n x n products, entry for entry."""
    import numpy as np

    n = len(texts)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    x, b, size = _vectors(texts, ngram)
    xt, bt = x.T.tocsr(), b.T.tocsr()
    lengths = np.array([len(_norm(t)) for t in texts])
    never = np.iinfo(np.int64).max
    rank = np.full(n, never, dtype=np.int64)       # position of each leader among the leaders
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    step = max(1, BLOCK_CELLS // n)
    order = list(order)
    for start in range(0, len(order), step):
        rows = order[start:start + step]
        cos = (x[rows] @ xt).tocsr()
        inter = (b[rows] @ bt).tocsr()
        for r, i in enumerate(rows):
            lo, hi = cos.indptr[r], cos.indptr[r + 1]
            cols = cos.indices[lo:hi]
            near = cols[cos.data[lo:hi] >= similarity]
            lo, hi = inter.indptr[r], inter.indptr[r + 1]
            icols = inter.indices[lo:hi]
            smaller = np.minimum(size[icols], size[i])
            smaller[smaller == 0] = 1.0
            contained = (inter.data[lo:hi].astype(float) / smaller >= containment) & \
                        (np.minimum(lengths[icols], lengths[i]) >= min_chars)
            candidates = np.concatenate([near, icols[contained]])
            joined = None
            if candidates.size:
                ranks = rank[candidates]
                best = int(ranks.argmin())
                if ranks[best] != never:
                    joined = int(candidates[best])
            if joined is None:
                rank[i] = len(leaders)
                leaders.append(i)
                members[i] = [i]
            else:
                members[joined].append(i)
    return [members[lead] for lead in leaders]


def _group_dense(texts: list[str], order: list[int], *, similarity: float, containment: float, min_chars: int,
                 ngram=(2, 3)) -> list[list[int]]:
    """The n x n reference group() is checked against (tests)."""
    n = len(texts)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    cos, cont, size = similarity_matrices(texts, ngram)
    lengths = [len(_norm(t)) for t in texts]
    leaders: list[int] = []
    members: dict[int, list[int]] = {}
    for i in order:
        joined = None
        for lead in leaders:
            if cos[i, lead] >= similarity:
                joined = lead
                break
            if min(lengths[i], lengths[lead]) >= min_chars and cont[i, lead] >= containment:
                joined = lead
                break
        if joined is None:
            leaders.append(i)
            members[i] = [i]
        else:
            members[joined].append(i)
    return [members[lead] for lead in leaders]


def document_clusters(texts: list[str], threshold: float) -> list[int]:
    """Cluster id per document: near-copies (cosine ≥ threshold) share the id of the first.

    Document i joins the cluster of the first earlier document j whose cosine reaches the
    threshold. Cosines are computed for a block of documents against all at once (sparse
    rows, the same values as the full n x n product), so memory grows with the corpus."""
    n = len(texts)
    if n <= 1:
        return list(range(n))
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), lowercase=False, sublinear_tf=True).fit_transform(
        [t or "#" for t in texts]).tocsr()
    xt = x.T.tocsr()
    ids = list(range(n))
    step = max(1, BLOCK_CELLS // n)
    for start in range(0, n, step):
        cos = (x[start:start + step] @ xt).tocsr()
        for r in range(cos.shape[0]):
            i = start + r
            lo, hi = cos.indptr[r], cos.indptr[r + 1]
            cols = cos.indices[lo:hi]
            earlier = cols[(cols < i) & (cos.data[lo:hi] >= threshold)]
            if earlier.size:
                ids[i] = ids[int(earlier.min())]
    return ids


def related(groups_texts: list[list[str]], threshold: float, min_chars: int = 5) -> list[set[int]]:
    """For each group, the other groups that share a clause with it (cosine ≥ threshold).

    Clause-level attestation: 「…导致部分信息更新不及时。」 and 「部分信息更新不够及时。」
    are different sentences but say the same thing; ranking uses this."""
    clauses: list[str] = []
    owner: list[int] = []
    for gi, texts in enumerate(groups_texts):
        seen = set()
        for t in texts:
            for c in re.split(r"[，,；;。：:！？]", _SLOT.sub("#", t)):
                c = c.strip()
                if len(c) >= min_chars and c not in seen:
                    seen.add(c)
                    clauses.append(c)
                    owner.append(gi)
    out: list[set[int]] = [set() for _ in groups_texts]
    if len(clauses) < 2:
        return out
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), lowercase=False, sublinear_tf=True).fit_transform(
        clauses).tocsr()
    xt = x.T.tocsr()
    owners = np.array(owner)
    n = len(clauses)
    step = max(1, BLOCK_CELLS // n)
    for start in range(0, n, step):            # blocks of rows: memory grows with n, not n x n
        sim = (x[start:start + step] @ xt).tocoo()
        near = sim.data >= threshold
        a, b = owners[sim.row[near] + start], owners[sim.col[near]]
        other = a != b
        for i, j in zip(a[other].tolist(), b[other].tolist()):
            out[i].add(j)
    return out

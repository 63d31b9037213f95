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


def similarity_matrices(texts: list[str], ngram=(2, 3)):
    """(cosine, containment) as dense numpy arrays."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    norm = [_norm(t) or "#" for t in texts]
    tfidf = TfidfVectorizer(analyzer="char", ngram_range=ngram, lowercase=False, sublinear_tf=True)
    x = tfidf.fit_transform(norm)
    cos = (x @ x.T).toarray()
    cv = CountVectorizer(analyzer="char", ngram_range=(2, 2), lowercase=False, binary=True)
    b = cv.fit_transform(norm)
    inter = (b @ b.T).toarray().astype(float)
    size = np.asarray(b.sum(axis=1)).ravel().astype(float)
    smaller = np.minimum.outer(size, size)
    smaller[smaller == 0] = 1.0
    return cos, inter / smaller, size


def group(texts: list[str], order: list[int], *, similarity: float, containment: float, min_chars: int,
          ngram=(2, 3)) -> list[list[int]]:
    """Groups (lists of indices into texts, leader first) in leader order."""
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
    """Cluster id per document: near-copies (cosine ≥ threshold) share the id of the first."""
    n = len(texts)
    if n <= 1:
        return list(range(n))
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), lowercase=False, sublinear_tf=True).fit_transform(
        [t or "#" for t in texts])
    cos = (x @ x.T).toarray()
    ids = list(range(n))
    for i in range(n):
        for j in range(i):
            if cos[i, j] >= threshold:
                ids[i] = ids[j]
                break
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
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), lowercase=False, sublinear_tf=True).fit_transform(clauses)
    sim = (x @ x.T).tocoo()
    for i, j, v in zip(sim.row, sim.col, sim.data):
        if v >= threshold and owner[i] != owner[j]:
            out[owner[i]].add(owner[j])
    return out

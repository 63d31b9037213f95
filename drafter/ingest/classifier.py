"""Section classifier: TF-IDF over character n-grams + logistic regression.

Ingest (`drafter corpus`, `drafter mine`) applies the fitted model stored in
drafter/data/section_classifier.json in pure Python: the term table (vocabulary,
idf, one weight per label) and the intercepts, applied the way scikit-learn's
TfidfVectorizer + LogisticRegression.predict_proba apply them (same n-grams, same
order of sums), so reading a corpus needs no scikit-learn. The table is fitted
offline with scikit-learn by drafter/data/gen_section_classifier.py (fit(), the
only scikit-learn import of ingest) on the rule-labelled headings and paragraphs
of corpus/ plus the examples of sections.yaml; tests check that it equals a fresh
fit and predicts what scikit-learn predicts on the whole corpus.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafter.errors import DrafterError
from drafter.paths import data_file

MODEL_FILE = "section_classifier.json"
_WHITE_SPACES = re.compile(r"\s\s+")      # TfidfVectorizer's whitespace normalisation


@dataclass(frozen=True)
class SectionClassifier:
    labels: tuple[str, ...]
    ngram_min: int
    ngram_max: int
    terms: dict[str, int]                  # term -> feature index (scikit-learn's: terms in sorted order)
    idf: tuple[float, ...]                 # per feature
    coef: tuple[tuple[float, ...], ...]    # per feature, one weight per coefficient row
    intercept: tuple[float, ...]           # per coefficient row (one row for two labels)

    def ngrams(self, text: str) -> list[str]:
        """Character n-grams as TfidfVectorizer(analyzer="char", lowercase=True) makes them."""
        text = _WHITE_SPACES.sub(" ", text.lower())
        return [text[i: i + n] for n in range(self.ngram_min, min(self.ngram_max, len(text)) + 1)
                for i in range(len(text) - n + 1)]

    def features(self, text: str) -> list[tuple[int, float]]:
        """(feature index, value) in index order: sublinear tf × idf, l2-normalised."""
        counts = Counter(j for j in map(self.terms.get, self.ngrams(text)) if j is not None)
        row = [(j, (math.log(c) + 1.0) * self.idf[j]) for j, c in sorted(counts.items())]
        norm = 0.0
        for _, v in row:
            norm += v * v
        norm = math.sqrt(norm)
        return [(j, v / norm) for j, v in row] if norm else row

    def decision(self, text: str) -> list[float]:
        rows = len(self.intercept)
        sums = [0.0] * rows
        for j, v in self.features(text):
            w = self.coef[j]
            for k in range(rows):
                sums[k] += v * w[k]
        return [s + b for s, b in zip(sums, self.intercept)]

    def probabilities(self, text: str) -> list[float]:
        d = self.decision(text)
        if len(d) == 1:                    # two labels: the logistic function of the one score
            e = math.exp(-abs(d[0]))
            p = 1.0 / (1.0 + e) if d[0] >= 0 else e / (1.0 + e)
            return [1.0 - p, p]
        top = max(d)
        e = [math.exp(x - top) for x in d]
        total = sum(e)
        return [x / total for x in e]

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        """Per text: label -> probability (labels in self.labels order)."""
        return [dict(zip(self.labels, self.probabilities(t))) for t in texts]


def from_table(table: dict) -> SectionClassifier:
    """The classifier of a table as stored (see to_table)."""
    terms = table["terms"]
    names = sorted(terms)
    labels, rows = table["labels"], len(table["intercept"])
    if len(labels) < 2 or rows != (1 if len(labels) == 2 else len(labels)):
        raise ValueError(f"{len(labels)} labels, {rows} intercepts")
    wrong = next((t for t in names if len(terms[t]) != 1 + rows), None)
    if wrong is not None:
        raise ValueError(f"term {wrong!r}: {len(terms[wrong])} numbers, expected {1 + rows}")
    return SectionClassifier(
        labels=tuple(str(x) for x in table["labels"]),
        ngram_min=int(table["ngram_range"][0]), ngram_max=int(table["ngram_range"][1]),
        terms={t: j for j, t in enumerate(names)},
        idf=tuple(float(terms[t][0]) for t in names),
        coef=tuple(tuple(float(x) for x in terms[t][1:]) for t in names),
        intercept=tuple(float(x) for x in table["intercept"]),
    )


@lru_cache(maxsize=1)
def load() -> SectionClassifier:
    """The shipped classifier (drafter/data/section_classifier.json)."""
    return read_model(data_file(MODEL_FILE))


def read_model(path) -> SectionClassifier:
    """The classifier stored at path; DrafterError (Chinese, naming the file) when it cannot be read."""
    path = Path(path)
    try:
        return from_table(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise DrafterError(f"章节分类模型文件无法读取：{path}（{type(exc).__name__}：{exc}）",
                            hint="请重新安装 drafter，或运行 python drafter/data/gen_section_classifier.py 重新生成。") from exc


def fit(samples: list[tuple[str, str]], *, ngram_min: int = 1, ngram_max: int = 3,
        max_features: int | None = 6000):
    """Fit with scikit-learn on (text, label) samples: (vectorizer, model), or None when fewer than
    two labels are present. Deterministic: samples keep their order, single thread."""
    texts = [t for t, _ in samples if t]
    labels = [lab for t, lab in samples if t]
    if len(set(labels)) < 2:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(ngram_min, ngram_max), sublinear_tf=True,
                                 max_features=max_features)
    x = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=10.0, max_iter=300, tol=1e-3, random_state=0)
    with threadpool_limits(limits=1):      # small problem: BLAS threads only slow it down
        model.fit(x, labels)
    return vectorizer, model


def to_table(vectorizer, model) -> dict:
    """The stored form of a fitted (vectorizer, model): per term [idf, weight per coefficient row]."""
    vocab = vectorizer.vocabulary_
    coef = model.coef_
    return {
        "labels": [str(c) for c in model.classes_],
        "ngram_range": list(vectorizer.ngram_range),
        "intercept": [float(b) for b in model.intercept_],
        "terms": {t: [float(vectorizer.idf_[j])] + [float(w) for w in coef[:, j]]
                  for t, j in sorted(vocab.items())},
    }

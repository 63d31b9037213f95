"""Section classifier: TF-IDF over character n-grams + logistic regression (scikit-learn).

Trained on rule-labelled headings and paragraphs; used only where no keyword rule
matches. The only module of the package that imports scikit-learn (mining side only).
Deterministic: samples keep their given order, fixed random_state, single thread.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SectionClassifier:
    labels: list[str]
    _vectorizer: object
    _model: object

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        """Per text: label -> probability (labels in self.labels order)."""
        if not texts:
            return []
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            probs = self._model.predict_proba(self._vectorizer.transform(texts))
        return [{lab: float(p) for lab, p in zip(self.labels, row)} for row in probs]


def train(samples: list[tuple[str, str]], *, ngram_min: int = 1, ngram_max: int = 3,
          max_features: int | None = 6000) -> SectionClassifier | None:
    """Fit on (text, label) samples. None when fewer than two labels are present."""
    texts = [t for t, _ in samples if t]
    labels = [lab for t, lab in samples if t]
    if len(set(labels)) < 2:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(ngram_min, ngram_max), sublinear_tf=True,
                                 max_features=max_features)
    x = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=10.0, max_iter=300, tol=1e-3, random_state=0)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):      # small problem: BLAS threads only slow it down
        model.fit(x, labels)
    return SectionClassifier([str(c) for c in model.classes_], vectorizer, model)

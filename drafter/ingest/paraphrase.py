"""Machine-paraphrase ("伪原创") score of paragraphs, from the tell-tales in paraphrase.yaml.

score(paragraph) = weighted tell-tale hits per 100 characters of the paragraph
                 + doc_weight × weighted hits per 100 characters of the whole document.
A paragraph (or heading) whose score reaches `threshold` is excluded from mining.
"""

from __future__ import annotations

from drafter.datafiles import read_table

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.paths import data_file

EXCLUDED_PARAPHRASE = "paraphrase"


@dataclass(frozen=True)
class Tell:
    pattern: re.Pattern
    weight: float
    unless: re.Pattern | None
    expected: str = ""


@dataclass(frozen=True)
class ParaphraseModel:
    tells: tuple[Tell, ...]
    threshold: float
    doc_weight: float
    min_chars: int


@lru_cache(maxsize=1)
def load_model() -> ParaphraseModel:

    raw = read_table(data_file("paraphrase.yaml"))
    tells = tuple(
        Tell(re.compile(t["word"]), float(t.get("weight", 1.0)),
             re.compile(t["unless"]) if t.get("unless") else None, str(t.get("expected", "")))
        for t in raw.get("tells") or []
    )
    return ParaphraseModel(tells, float(raw.get("threshold", 0.5)), float(raw.get("doc_weight", 0.5)),
                           int(raw.get("min_chars", 20)))


def tell_weight(text: str, model: ParaphraseModel | None = None) -> float:
    """Sum of the weights of the tell-tales found in text (legitimate uses skipped)."""
    model = model or load_model()
    total = 0.0
    for tell in model.tells:
        for m in tell.pattern.finditer(text):
            if tell.unless is not None:
                window = text[max(0, m.start() - 5): m.end() + 5]
                if tell.unless.search(window):
                    continue
            total += tell.weight
    return total


def density(weight: float, chars: int, model: ParaphraseModel | None = None) -> float:
    model = model or load_model()
    return weight * 100.0 / max(chars, model.min_chars)


def score_texts(texts: list[str], model: ParaphraseModel | None = None) -> list[float]:
    """Scores of the paragraphs of one document (same order), rounded to 3 decimals."""
    model = model or load_model()
    weights = [tell_weight(t, model) for t in texts]
    total_chars = sum(len(t) for t in texts)
    doc = density(sum(weights), total_chars, model) if texts else 0.0
    return [round(density(w, len(t), model) + model.doc_weight * doc, 3) for w, t in zip(weights, texts)]


def is_paraphrased(score: float, model: ParaphraseModel | None = None) -> bool:
    return score >= (model or load_model()).threshold

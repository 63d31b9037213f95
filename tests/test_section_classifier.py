"""The section classifier's stored table: equal to a fresh scikit-learn fit on the shipped
corpus, predicting what scikit-learn predicts, and read with a Chinese error when broken."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT
from drafter.errors import DrafterError
from drafter.ingest.classifier import fit, load, read_model

sys.path.insert(0, str(ROOT / "drafter" / "data"))
from gen_section_classifier import OUT, render  # noqa: E402


@pytest.fixture(scope="module")
def fitted():
    """The shipped corpus read without labels, its training samples and a fresh fit."""
    pytest.importorskip("sklearn")
    from gen_section_classifier import CORPUS
    from drafter.ingest.pipeline import corpus_documents
    from drafter.ingest.sections import load_settings, training_samples

    docs = corpus_documents(CORPUS)
    s = load_settings()
    samples = training_samples(docs)
    return docs, samples, fit(samples, ngram_min=s.ngram_min, ngram_max=s.ngram_max)


def test_stored_table_equals_a_fresh_fit(fitted):
    from drafter.ingest.classifier import to_table

    stored = json.loads(OUT.read_text(encoding="utf-8"))
    fresh = to_table(*fitted[2])
    assert stored["labels"] == fresh["labels"] and stored["ngram_range"] == fresh["ngram_range"]
    assert list(stored["terms"]) == list(fresh["terms"]), "regenerate: python drafter/data/gen_section_classifier.py"
    assert stored["intercept"] == pytest.approx(fresh["intercept"], rel=1e-9, abs=1e-12)
    for term, numbers in fresh["terms"].items():
        assert stored["terms"][term] == pytest.approx(numbers, rel=1e-9, abs=1e-12), term


def test_stored_table_predicts_what_scikit_learn_predicts_on_the_whole_corpus(fitted):
    from drafter.ingest.sections import load_settings, section_text

    docs, samples, (vectorizer, model) = fitted
    chars = load_settings().paragraph_chars
    texts = [section_text(sec, chars) for d in docs for sec in d.sections] + [t for t, _ in samples]
    assert len(texts) > 500
    ours = load().predict(texts)
    theirs = model.predict_proba(vectorizer.transform(texts))
    assert list(load().labels) == [str(c) for c in model.classes_]
    for text, mine, row in zip(texts, ours, theirs):
        assert list(mine.values()) == pytest.approx([float(p) for p in row], rel=0, abs=1e-12), text
        assert [round(p, 3) for p in mine.values()] == [round(float(p), 3) for p in row], text


def test_the_generator_renders_a_table_that_reads_back(tmp_path):
    table = json.loads(OUT.read_text(encoding="utf-8"))
    (tmp_path / "t.json").write_text(render(table), encoding="utf-8")
    again = read_model(tmp_path / "t.json")
    assert again == load()
    assert again.predict(["存在的不足和问题"])[0] == load().predict(["存在的不足和问题"])[0]


@pytest.mark.parametrize("text, words", [
    ("{", "JSONDecodeError"),
    ('{"labels": ["a", "b", "c"], "ngram_range": [1, 3], "intercept": [0.1, 0.2, 0.3], "terms": {"x": [1.0, 2.0]}}',
     "'x'"),
    ('{"labels": ["a", "b"], "ngram_range": [1, 3], "intercept": [0.1, 0.2], "terms": {}}', "2 labels"),
])
def test_a_broken_table_is_a_chinese_error_naming_the_file(tmp_path, text, words):
    bad = tmp_path / "section_classifier.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DrafterError) as err:
        read_model(bad)
    assert "章节分类模型文件无法读取" in str(err.value) and str(bad) in str(err.value) and words in str(err.value)
    assert "gen_section_classifier.py" in str(err.value)



def test_a_two_label_table_predicts_what_scikit_learn_predicts():
    pytest.importorskip("sklearn")
    from drafter.ingest.classifier import from_table, to_table

    samples = [("存在的问题和不足", "problems"), ("工作中的短板弱项", "problems"), ("差距和不足", "problems"),
               ("加强组织领导，完善工作机制", "achievements"), ("拓宽公开渠道，提升公开实效", "achievements"),
               ("强化制度建设，规范公开行为", "achievements")]
    vectorizer, model = fit(samples)
    table = to_table(vectorizer, model)
    assert len(table["intercept"]) == 1                   # one score for two labels
    texts = ["一些不足", "完善机制，提升实效", "", "工作"]
    ours = from_table(table).predict(texts)
    for mine, row in zip(ours, model.predict_proba(vectorizer.transform(texts))):
        assert list(mine) == ["achievements", "problems"]
        assert list(mine.values()) == pytest.approx([float(p) for p in row], rel=0, abs=1e-12)

"""Generate drafter/data/section_classifier.json: the fitted section classifier.

Not imported at runtime (ingest reads only the generated table, in pure Python:
drafter.ingest.classifier). Fits scikit-learn's TfidfVectorizer + LogisticRegression
(drafter.ingest.classifier.fit) on the examples of sections.yaml and the
keyword-labelled headings and paragraphs of the shipped corpus (corpus/), and
writes the fitted parameters: the labels, the intercepts and, per character
n-gram, its idf and its weight per label. Run it after changing sections.yaml
(rules, examples, classifier settings) or corpus/; tests fail while the table
differs from a fresh fit.

    python drafter/data/gen_section_classifier.py            # writes section_classifier.json
    python drafter/data/gen_section_classifier.py --check    # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = Path(__file__).resolve().parent / "section_classifier.json"
CORPUS = ROOT / "corpus"
ABOUT = ("Section classifier of drafter.ingest.classifier, fitted by drafter/data/gen_section_classifier.py "
         "on sections.yaml's examples and corpus/'s keyword-labelled headings and paragraphs. "
         "terms: character n-gram -> [idf, weight per label] (one weight when there are two labels). "
         "Generated: do not edit.")


def fresh_table(corpus: Path = CORPUS) -> dict:
    """The table a fit on the shipped corpus gives now (needs scikit-learn)."""
    from drafter.ingest.classifier import fit, to_table
    from drafter.ingest.pipeline import corpus_documents
    from drafter.ingest.sections import load_settings, training_samples

    docs = corpus_documents(corpus)
    s = load_settings()
    fitted = fit(training_samples(docs), ngram_min=s.ngram_min, ngram_max=s.ngram_max)
    if fitted is None:
        raise SystemExit("fewer than two labels in the training samples")
    return {"about": ABOUT, **to_table(*fitted)}


def render(table: dict) -> str:
    """JSON with one term a line (diffable)."""
    head = {k: v for k, v in table.items() if k != "terms"}
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    lines.append('  "terms": {')
    terms = list(table["terms"].items())
    lines += [f"    {json.dumps(t, ensure_ascii=False)}: {json.dumps(w)}{',' if i < len(terms) - 1 else ''}"
              for i, (t, w) in enumerate(terms)]
    lines += ["  }", "}", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the stored table differs from a fresh fit")
    a = ap.parse_args(argv)
    text = render(fresh_table())
    if a.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("section_classifier.json is up to date" if same else "section_classifier.json is stale: regenerate it")
        return 0 if same else 1
    tmp = OUT.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT} ({len(json.loads(text)['terms'])} terms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

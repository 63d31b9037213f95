"""Generate drafter/data/divisions.txt: names of China's administrative divisions.

Not imported at runtime (drafter reads only the generated text file).  The names
come from the `jionlp` package (PyPI, Apache-2.0 licence, version pinned below),
which ships the national division tree with an explicit short form for every
province, prefecture and county (霍山县 -> 霍山, 内蒙古自治区 -> 内蒙古) and a
table of renamed or abolished units since 2000 (襄樊市 -> 襄阳市).  Its data is
read from the installed package's files; jionlp itself is never imported (it
pulls in heavy dependencies).

    pip install --no-deps jionlp==1.5.31
    python drafter/data/gen_divisions.py            # writes divisions.txt
    python drafter/data/gen_divisions.py --check    # exit 1 if the file is stale
                                                    # or a candidate is unreviewed

What is written: every province, prefecture and county-level name (full form
and short form) and the former names of the change table, one per line, minus
  * names shorter than `min_chars` (和县 -> 和),
  * short forms matching `generic_pattern` (经开区, 高新区, 示范区 …: generic
    words shared by many zones; the full zone names are kept),
  * the hand-reviewed `exclude` entries of divisions_exclude.yaml (short forms
    and a few full names that are ordinary words in reports: 合作, 振兴, 公安 …).
Ambiguity review: a name that jieba's dictionary knows as a frequent word with a
non-name part of speech (freq >= review_min_freq, tag not in review_name_tags)
must be listed under `exclude` or `keep` in divisions_exclude.yaml; `--check`
fails on an unreviewed one, so a newer package version cannot slip ordinary
words into the list.

Matching note for the loader: short forms are 2-3 characters and collide with
text across word boundaries (和政 in 「和政策」, 金安 in 「资金安全」); match
whole words (jieba tokens) or a name followed by a level suffix, never bare
substrings.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml

PACKAGE = "jionlp"
PINNED_VERSION = "1.5.31"
HERE = Path(__file__).resolve().parent
OUT = HERE / "divisions.txt"
EXCLUDE = HERE / "divisions_exclude.yaml"
LEVELS = 3          # province (0), prefecture (1), county (2); towns and villages are not taken


def package_dictionary() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{PACKAGE} is not installed: pip install --no-deps {PACKAGE}=={PINNED_VERSION}")
    return Path(list(spec.submodule_search_locations)[0]) / "dictionary"


def read_location_tree(dictionary: Path) -> list[tuple[int, str, str]]:
    """(level, full name, short form) for provinces, prefectures and counties.

    A few units have two short forms written "克州/克孜勒苏": one row each."""
    with zipfile.ZipFile(dictionary / "china_location.zip") as zf:
        text = io.TextIOWrapper(zf.open("china_location.txt"), encoding="utf-8").read()
    rows = []
    for line in text.splitlines():
        level = len(line) - len(line.lstrip("\t"))
        if level >= LEVELS or not line.strip():
            continue
        parts = line.strip("\t").split("\t")
        full = parts[0].strip()
        shorts = parts[2].split("/") if len(parts) > 2 and parts[2].strip() else [full]
        rows += [(level, full, short.strip()) for short in shorts if short.strip()]
    return rows


def read_changes(dictionary: Path) -> list[str]:
    """Former names (full and short) of renamed or abolished units."""
    names = []
    for line in (dictionary / "china_location_change.txt").read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old = line.split("=>")[0].split("\t")[2:]          # after date and approval kind
        names += [w.strip() for w in old if w.strip()]
    return names


def jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    words = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            words[word] = (int(freq), tag)
    return words


def build(dictionary: Path, rules: dict) -> tuple[list[str], dict]:
    rows = read_location_tree(dictionary)
    changes = read_changes(dictionary)
    min_chars = int(rules.get("min_chars", 2))
    generic = re.compile(rules["generic_pattern"])
    excluded = {e["name"] for e in rules.get("exclude") or []}
    fulls = {full for _, full, _ in rows}
    shorts = {short for _, full, short in rows if short != full}
    names, dropped = set(), {"short": 0, "generic": 0, "excluded": 0}
    for name in sorted(fulls | shorts | set(changes)):
        if len(name) < min_chars:
            dropped["short"] += 1
        elif name not in fulls and generic.search(name):
            dropped["generic"] += 1
        elif name in excluded:
            dropped["excluded"] += 1
        else:
            names.add(name)
    units = {(lv, full) for lv, full, _ in rows}
    stats = {"provinces": sum(1 for lv, _ in units if lv == 0),
             "prefectures": sum(1 for lv, _ in units if lv == 1),
             "counties": sum(1 for lv, _ in units if lv == 2),
             "former": len(set(changes)), **dropped}
    return sorted(names), stats


def review_candidates(names: list[str], rules: dict) -> list[str]:
    """Names jieba knows as frequent ordinary words that nobody has reviewed."""
    words = jieba_words()
    name_tags = set(rules["review_name_tags"])
    min_freq = int(rules["review_min_freq"])
    reviewed = {e["name"] for e in rules.get("exclude") or []} | set(rules.get("keep") or [])
    out = []
    for name in names:
        freq, tag = words.get(name, (0, ""))
        if freq >= min_freq and tag not in name_tags and name not in reviewed:
            out.append(f"{name} ({tag} {freq})")
    return out


def render(names: list[str], stats: dict, version: str) -> str:
    head = [
        "# Administrative-division names of China: provinces, prefectures, counties/districts,",
        "# full and short forms (安徽省 安徽, 安庆市 安庆, 霍山县 霍山), plus former names.",
        f"# GENERATED by drafter/data/gen_divisions.py from the PyPI package {PACKAGE} {version}",
        "# (Apache-2.0; jionlp/dictionary/china_location.zip and china_location_change.txt).",
        "# Do not edit by hand: change divisions_exclude.yaml and regenerate.",
        "# Ordinary words (合作, 振兴, 公安 …) are excluded, see divisions_exclude.yaml.",
        "# Match whole words (jieba tokens) or name + level suffix, not bare substrings.",
        f"# Source: {stats['provinces']} province-level, {stats['prefectures']} prefecture-level and "
        f"{stats['counties']} county-level distinct names; {stats['former']} former names.",
        f"# Dropped: {stats['short']} shorter than 2 characters, {stats['generic']} generic zone words, "
        f"{stats['excluded']} reviewed exclusions.  Names: {len(names)}.",
        "# One name per line; lines starting with # are comments.",
    ]
    return "\n".join(head + names) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if divisions.txt is stale or a candidate is unreviewed")
    args = parser.parse_args(argv)
    version = importlib.metadata.version(PACKAGE)
    if version != PINNED_VERSION:
        print(f"note: {PACKAGE} {version} installed, {PINNED_VERSION} pinned; update PINNED_VERSION after review", file=sys.stderr)
    rules = yaml.safe_load(EXCLUDE.read_text(encoding="utf-8"))
    names, stats = build(package_dictionary(), rules)
    unreviewed = review_candidates(names, rules)
    text = render(names, stats, version)
    if unreviewed:
        print("unreviewed ambiguous names (add to exclude or keep in divisions_exclude.yaml):", file=sys.stderr)
        print("  " + "、".join(unreviewed), file=sys.stderr)
    if args.check:
        stale = not OUT.is_file() or OUT.read_text(encoding="utf-8") != text
        if stale:
            print(f"{OUT.name} is stale: run python drafter/data/gen_divisions.py", file=sys.stderr)
        return 1 if stale or unreviewed else 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(names)} names)")
    return 1 if unreviewed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Department-distinctive vocabulary, discovered from the corpus.

A phrase mined from a 司法局 report that speaks of 公证员 must not reach a
民政局 draft.  The hand-made family lists (mining.yaml tagging.families) catch
the obvious words; this module finds the others automatically:

* content words (jieba POS n / vn / nz by default, ≥ 2 CJK characters) of every
  kept sentence, with the families and units whose documents use them;
* a word used in the documents of two or more families is generic government
  vocabulary; so is a word of the hand-made generic lists, a level / area word
  (全区, 乡镇政府 …), a word of a cross-department theme (政务公开, 帮扶 …) and an
  ordinary word of the language (jieba's IDF below ``min_idf``, unless one family
  uses it at least ``common_min_count`` times);
* a word found only in the documents of one family is distinctive for it.
  Words found only in the reports of a shared theme (乡村振兴·帮扶) of two or
  more units are that theme's vocabulary, not a department's.

A phrase whose text holds a *strong* distinctive word (used at least
``strong_min_count`` times, or containing a strong one: 公证员 ⊃ 公证), or
``weak_to_bind`` different weak ones, or a hand-listed ``bind_to_source`` word,
is bound to its source document's family (kept for that family, not dropped).

Pure Python over token lists; jieba is only used by the caller (NameFinder).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from drafter.mining.config import MiningConfig

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_AREA_WORD = re.compile(r"^(全|各|本|我|该|省|市|县|区|乡|镇|村|街道|社区).{0,3}$|(省|市|县|区|乡|镇|村|街道|社区|园区|政府|县府)$")


def general_idf(words=None) -> dict[str, float]:
    """jieba's IDF table of general Chinese (jieba/analyse/idf.txt), only the given words when
    words is given (the whole table holds ~270,000 words); {} when missing."""
    try:
        import jieba
    except ImportError:     # pragma: no cover - jieba is a mining dependency
        return {}
    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    out: dict[str, float] = {}
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                word, _, val = line.rstrip("\n").partition(" ")
                if val and (words is None or word in words):
                    try:
                        out[word] = float(val)
                    except ValueError:
                        continue
    except OSError:
        return {}
    return out


@dataclass
class Word:
    word: str
    families: set = field(default_factory=set)
    units: set = field(default_factory=set)
    themes: set = field(default_factory=set)
    count: int = 0                      # distinct (document, sentence) uses


@dataclass
class Distinctive:
    word: str
    family: str
    units: int
    count: int
    strong: bool


class Vocabulary:
    """Distinctive words per family; ``bind(tokens, text, family)`` tags a phrase."""

    def __init__(self, cfg: MiningConfig, words: dict[str, Distinctive] | None = None):
        self.cfg = cfg
        v = cfg.raw.get("vocabulary") or {}
        self.weak_to_bind = int(v.get("weak_to_bind", 2))
        self.bind_to_source = tuple(sorted({str(w) for w in v.get("bind_to_source") or ()}, key=lambda w: (-len(w), w)))
        self.words: dict[str, Distinctive] = dict(words or {})
        self.bound: Counter = Counter()          # family -> phrases bound by this vocabulary
        self.bound_words: Counter = Counter()    # word -> phrases it bound

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, uses, cfg: MiningConfig, idf: dict[str, float] | None = None) -> "Vocabulary":
        """uses: iterable of (tokens [(word, flag)], family, unit, theme, key) per kept sentence;
        key identifies the (document, sentence) so a repeated sentence counts once."""
        v = cfg.raw.get("vocabulary") or {}
        pos = frozenset(v.get("pos") or ("n", "vn", "nz"))
        min_chars = int(v.get("min_chars", 2))
        min_idf = float(v.get("min_idf", 0))
        common_min = int(v.get("common_min_count", 4))
        strong_min = int(v.get("strong_min_count", 2))
        shared = frozenset(v.get("shared_themes") or ())
        generic = _generic_words(cfg)
        stats: dict[str, Word] = {}
        seen: set = set()          # keys counted: a key's tokens are always the same
        for tokens, family, unit, theme, key in uses:
            counted = key in seen
            seen.add(key)
            in_sentence: set = set()
            for word, flag in tokens:
                if flag not in pos or len(word) < min_chars or not _CJK.match(word):
                    continue
                w = stats.get(word)
                if w is None:
                    w = stats[word] = Word(word)
                w.families.add(family)
                w.units.add(unit)
                w.themes.add(theme)
                if not counted and word not in in_sentence:
                    in_sentence.add(word)
                    w.count += 1
        idf = general_idf(stats) if idf is None else idf
        found: dict[str, Distinctive] = {}
        for word in sorted(stats):
            w = stats[word]
            if len(w.families) != 1:
                continue
            family = next(iter(w.families))
            if not family or word in generic or any(g in word for g in generic if len(g) >= 2):
                continue
            if _AREA_WORD.search(word) or word in cfg.place_not:
                continue
            if len(w.units) >= 2 and w.themes and w.themes <= shared:
                continue        # a shared theme's vocabulary (帮扶 words of several departments)
            rare = idf.get(word, float("inf")) >= min_idf
            if not rare and w.count < common_min:
                continue        # an ordinary word of the language, not a department's
            found[word] = Distinctive(word, family, len(w.units), w.count, w.count >= strong_min)
        # a word that contains a strong distinctive word of the same family is strong too (公证员 ⊃ 公证)
        strong = [d for d in found.values() if d.strong]
        for d in found.values():
            if not d.strong and any(s.word in d.word and s.word != d.word and s.family == d.family for s in strong):
                d.strong = True
        return cls(cfg, found)

    # ------------------------------------------------------------------ use
    def hits(self, tokens) -> list[Distinctive]:
        out, seen = [], set()
        for word, _ in tokens:
            d = self.words.get(word)
            if d is not None and word not in seen:
                seen.add(word)
                out.append(d)
        return out

    def bind(self, tokens, text: str, family: str | None) -> tuple[str | None, list[str]]:
        """(family, words) when the phrase must be bound to its source family, else (None, [])."""
        if not family:
            return None, []
        plain = re.sub(r"\{[^{}]*\}", "", text)
        hand = [w for w in self.bind_to_source if w in plain]
        if hand:
            return family, hand
        mine = [d for d in self.hits(tokens) if d.family == family]
        if any(d.strong for d in mine) or len(mine) >= self.weak_to_bind:
            return family, [d.word for d in mine]
        return None, []

    def record(self, family: str, words) -> None:
        self.bound[family] += 1
        for w in words:
            self.bound_words[w] += 1

    def by_family(self) -> dict[str, list[Distinctive]]:
        out: dict[str, list[Distinctive]] = defaultdict(list)
        for d in self.words.values():
            out[d.family].append(d)
        return {f: sorted(ds, key=lambda d: (not d.strong, -d.count, d.word)) for f, ds in sorted(out.items())}


def _generic_words(cfg: MiningConfig) -> frozenset:
    v = cfg.raw.get("vocabulary") or {}
    words = set(str(w) for w in v.get("generic") or ())
    words |= set(cfg.generic_words)
    shared = set(v.get("shared_themes") or ())
    for theme, kws in cfg.themes:
        if theme in shared:
            words.update(kws)
    for _, kws in cfg.levels:
        words.update(kws)
    return frozenset(words)

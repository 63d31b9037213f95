"""Find unit-specific names (places, people, organisations) by combining signals:

* the gazetteer (drafter/data/gazetteer.yaml): always a name;
* jieba part-of-speech tags ns/nr/nt (a hint) and place-suffix words (…镇, …村);
* the single-unit test: a name-like word used in the documents of one unit only.

jieba is imported here only (never on the drafting path).
"""

from __future__ import annotations

from drafter.datafiles import read_table

import logging
import re
from collections import defaultdict
from functools import lru_cache

from drafter.mining.config import MiningConfig
from drafter.paths import data_file

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_SUFFIX_TOKENS = {"村", "镇", "乡", "县", "市", "区", "街道", "社区"}
_ORG_TOKENS = {"集团", "公司", "有限公司", "总会", "协会", "商会", "银行", "医院", "学校", "中学", "小学"}


@lru_cache(maxsize=1)
def gazetteer() -> tuple[str, ...]:

    raw = read_table(data_file("gazetteer.yaml")) or {}
    names = set()
    for key in ("places", "people", "organisations", "programmes"):
        for n in raw.get(key) or ():
            if n:
                names.add(str(n))
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def divisions() -> frozenset[str]:
    """Names of China's administrative divisions (drafter/data/divisions.txt, generated from jionlp)."""
    path = data_file("divisions.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def division_hits(tokens) -> list[str]:
    """Division names among jieba tokens: a whole token (安庆, 霍山县) or a token plus its level
    suffix token (霍山 + 县)."""
    names = divisions()
    out = []
    for k, (word, _) in enumerate(tokens):
        if word in names:
            out.append(word)
        elif k + 1 < len(tokens) and tokens[k + 1][0] in ("省", "市", "县", "区") and word + tokens[k + 1][0] in names:
            out.append(word + tokens[k + 1][0])
    return out


def gazetteer_hits(text: str) -> list[str]:
    return [n for n in gazetteer() if n in text]


def _jieba():
    import jieba
    import jieba.posseg

    # jieba logs its own traceback when it cannot write its dictionary cache (a
    # read-only temp folder): cache under the user's cache folder, and keep a
    # failure to cache silent (it only costs time).
    jieba.setLogLevel(logging.CRITICAL)
    if jieba.dt.tmp_dir is None:
        jieba.dt.tmp_dir = _cache_dir()
    return jieba


def _cache_dir() -> str | None:
    import os
    from pathlib import Path

    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    folder = Path(base) / "drafter"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return str(folder) if os.access(folder, os.W_OK) else None


class NameFinder:
    """Name-like words per text, and how many units use each (fit once per corpus)."""

    def __init__(self, cfg: MiningConfig):
        self.cfg = cfg
        self._jieba = _jieba()
        self._jieba.dt.check_initialized()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._tokens: dict[str, tuple[tuple[str, str], ...]] = {}
        self._pairs: dict[tuple[str, str], tuple[str, str]] = {}    # one object per distinct (word, POS)
        self.units: dict[str, set] = defaultdict(set)
        self._place_token = re.compile(r"^[\u4e00-\u9fff]{1,4}(省|市|县|区|镇|乡|村|街道|社区)$")

    def _rare(self, word: str) -> bool:
        """Not a common dictionary word (real local names are rare or unknown to jieba)."""
        return self._jieba.dt.FREQ.get(word, 0) < self.cfg.name_max_freq

    def cut(self, text: str) -> list[str]:
        return self._jieba.lcut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(w.word, w.flag) for w in self._jieba.posseg.lcut(text)]

    def tokens(self, text: str) -> tuple[tuple[str, str], ...]:
        """(word, POS) of text with every {slot} read as a comma (one POS pass per text, cached).

        The cache holds every sentence of the corpus until mining ends: its tuples share
        one (word, POS) object per distinct pair, so a sentence costs a tuple of pointers."""
        got = self._tokens.get(text)
        if got is None:
            plain = re.sub(r"\{[^{}]*\}", "，", text)
            pairs = self._pairs
            got = self._tokens[text] = tuple(
                pairs.setdefault(pair, pair) for pair in ((w.word, w.flag) for w in self._jieba.posseg.lcut(plain)))
        return got

    def candidates(self, text: str) -> tuple[str, ...]:
        got = self._cache.get(text)
        if got is not None:
            return got
        cfg = self.cfg
        out = []
        toks = self.tokens(text)
        for k, (word, flag) in enumerate(toks):
            if word in _SUFFIX_TOKENS and k > 0:
                prev, pflag = toks[k - 1]
                joined = prev + word
                if (len(prev) >= 2 and _CJK.match(prev) and (pflag[:1] == "n" or pflag in ("j", "zg"))
                        and joined not in cfg.place_not and prev not in cfg.place_not and prev not in cfg.name_pos_not):
                    out.append(joined)
                continue
            if word in _ORG_TOKENS and k > 0:
                # an organisation named after a place or a person: 某某集团, 温州慈善总会, 华夏公司
                prev, pflag = toks[k - 1]
                if (len(prev) >= 2 and _CJK.match(prev) and ((pflag in cfg.name_pos and self._rare(prev)) or prev in divisions())
                        and prev not in cfg.name_pos_not):
                    out.append(prev + word)
                continue
            if len(word) < 2 or not _CJK.match(word):
                continue
            if word in cfg.name_pos_not or word in cfg.place_not or word in cfg.generic_words:
                continue
            if self._place_token.match(word) or (flag in cfg.name_pos and self._rare(word)):
                out.append(word)
        got = tuple(sorted(set(out)))
        self._cache[text] = got
        return got

    def fit(self, texts: list[tuple[str, object]]) -> None:
        """texts: (text, unit key) pairs of the whole corpus."""
        for text, unit in texts:
            for w in self.candidates(text):
                self.units[w].add(unit)

    def flagged(self, text: str) -> list[str]:
        limit = self.cfg.single_unit_max
        return [w for w in self.candidates(text) if len(self.units.get(w, ())) <= limit]

"""mine(): Documents (or a folder of reports) -> MiningResult (a PhraseBank and its report).

Steps: documents -> near-copy clusters -> raw units (extract) -> repair -> scrub ->
single-unit name test -> slots -> function/topic -> filters -> tags ->
slot proposals -> near-duplicate groups -> score -> Phrase objects.
Everything is sorted explicitly so that the same input gives the same bank.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from drafter.bank import Phrase, PhraseBank
from drafter.ingest.report import section_label
from drafter.mining import binding, dedup, gate, labels, quality, tagging
from drafter.mining.vocabulary import Vocabulary
from drafter.mining.config import MiningConfig, config
from drafter.mining.entities import NameFinder, division_hits
from drafter.mining.extract import Raw, extract
from drafter.mining.proposals import resolve
from drafter.mining.result import MiningReport, MiningResult
from drafter.mining.scrub import Hit, scrub
from drafter.mining.slotting import SlotIndex, slot_sentence
from drafter.models import Document
from drafter.slotfill import escape, find_slots
from drafter.slots import Catalogue, Slot, load_catalogue

__all__ = ["MiningReport", "MiningResult", "load_documents", "mine", "sort_phrases"]

AREA_FAMILIES = ("综合政务", "基层政权", "园区管理")
AREA_DEPARTMENTS = ("人民政府", "政府办公室", "乡镇人民政府", "街道办事处", "管理委员会")
_QUOTE = re.compile(r"“([^“”]{2,14})”")
PREFIX = {"opening": "opn", "achievements": "ach", "problems": "prb", "plans": "pln", "closing": "cls"}
FUNCTION_ORDER = ("heading", "opening", "intro", "measure", "result", "problem", "plan", "closing")

# (raw unit, scrubbed text or None when dropped, scrub hits, drop reason or None)
Scrubbed = tuple[Raw, str | None, list[Hit], str | None]


@dataclass
class Cand:
    text: str
    section: str
    function: str
    doc: int
    source: str
    line: int
    topic: str | None
    slots: tuple[str, ...]
    quality: float
    approx: bool
    proposals: tuple = ()
    family: str | None = None      # problem / plan family (mining.yaml problem_families, plan_families)


@dataclass
class _Group:
    """One near-duplicate group of candidates of a (section, function)."""

    key: tuple[str, str]           # (section, function)
    g: list[int]                   # indices into texts, of the group's distinct texts
    members: list[Cand]            # every candidate of the group
    units: set                     # unit keys of the members
    others: set                    # unit keys of related groups (shared clauses)
    rep_i: int                     # index into texts of the representative wording
    rep: Cand
    texts: list[str]               # the distinct texts of the (section, function)
    qual: float                    # quality of the representative
    families: set                  # department families of the members' documents
    fam: str | None                # problem / plan family


def _log(progress, msg: str) -> None:
    if progress:
        progress(msg)


def load_documents(path_or_documents, progress=None):
    """(documents, problems, files) from a folder/file/list of paths or a list of Documents."""
    if isinstance(path_or_documents, (list, tuple)) and path_or_documents and all(
            isinstance(d, Document) for d in path_or_documents):
        return list(path_or_documents), [], []
    from drafter.ingest.pipeline import collect_files, ingest

    skipped = []
    files = collect_files(path_or_documents, skipped)
    res = ingest(files)
    docs, problems = list(res.documents), [(p.path, p.reason) for p in skipped + res.problems]
    info = []
    for f in map(Path, res.files):   # only files that were read (within the read limits)
        try:
            info.append({"name": f.name, "sha256": hashlib.sha256(f.read_bytes()).hexdigest()})
        except OSError:
            pass
    _log(progress, f"读取 {len(files)} 个文件，切分出 {len(docs)} 篇总结")
    return docs, problems, info


def _own_names(d: Document) -> tuple[str, ...]:
    from drafter.profile import unit_from_title

    names = set()
    for n in (d.profile.name, unit_from_title(d.title) if d.title else ""):
        if n and "XX" not in n and len(n) >= 2 and n not in ("镇", "县", "区", "市", "乡"):
            names.add(n)
    return tuple(sorted(names))


def mine(path_or_documents, *, progress: Callable[[str], None] | None = None,
         cfg: MiningConfig | None = None) -> MiningResult:
    """Mine reports (a folder, files, or Document objects) into a MiningResult:
    the in-memory PhraseBank with its MiningReport, the slot catalogue and the
    proposed slots (what write_bank() writes)."""
    cfg = cfg or config()
    docs, problems, files = load_documents(path_or_documents, progress)
    report = MiningReport(problems=problems, files=files)
    catalogue = load_catalogue()
    index = SlotIndex.build(catalogue.slots)
    clusters, unit_key = _cluster_documents(docs, cfg, report)

    raws, report.excluded = extract(docs)
    _repair(raws, report)
    _log(progress, f"抽取候选句 {len(raws)} 条")

    scrubbed = _scrub_all(raws, docs, clusters, cfg)
    # the single-unit test over the whole corpus (jieba POS as a hint)
    finder = NameFinder(cfg)
    finder.fit([(t, clusters[r.doc]) for r, t, _, _ in scrubbed if t])
    _log(progress, "地名、人名、单位名筛查完成")
    vocab = Vocabulary.build(
        ((finder.tokens(t), docs[r.doc].profile.family, unit_key[clusters[r.doc]], docs[r.doc].profile.theme,
          (clusters[r.doc], t)) for r, t, _, _ in scrubbed if t), cfg)
    report.vocabulary = vocab
    _log(progress, f"发现部门特有词汇 {len(vocab.words)} 个")

    cands, proposals = _candidates(scrubbed, docs, finder, index, cfg, report)
    final, proposed = _rename_proposals(cands, proposals, catalogue, cfg, report)
    _log(progress, f"保留候选短语 {len(final)} 条，开始合并近似句")

    fam_units = _family_support(raws, unit_key, clusters, cfg)
    report.families = {k: sorted(v) for k, v in sorted(fam_units.items())}
    word_families = binding.word_families(
        ((finder.tokens(t), docs[r.doc].profile.family, docs[r.doc].profile.theme) for r, t, _, _ in scrubbed if t))
    binder = binding.Binder(docs, word_families, finder.tokens, report)
    phrases = _group_and_rank(final, docs, clusters, unit_key, cfg, vocab=vocab, tokens=finder.tokens,
                              fam_units=fam_units, binder=binder)
    report.generic_counts = _generic_counts(phrases)
    slots = list(catalogue.context) + list(catalogue.slots) + proposed
    bank = PhraseBank(phrases, slots, manifest=_manifest(phrases, files, docs, report),
                      self_refs=catalogue.self_reference, superiors=catalogue.superiors)
    report.documents = _doc_rows(docs, clusters, phrases)
    _log(progress, f"短语库共 {len(phrases)} 条短语")
    return MiningResult(bank=bank, report=report, catalogue=catalogue, proposed_slots=tuple(proposed))


def _cluster_documents(docs: list[Document], cfg: MiningConfig, report: MiningReport) -> tuple[list[int], dict[int, str]]:
    """Near-copies of whole documents count once: (cluster of each document, unit key of each document).

    Records the copies and the number of distinct units in the report."""
    texts = [d.text() for d in docs]
    clusters = dedup.document_clusters(texts, float(cfg.rank("document_copy_similarity")))
    unit_key: dict[int, str] = {}
    for i, d in enumerate(docs):
        if clusters[i] != i:
            report.copies.append((f"{d.source}:{d.start_line}", f"{docs[clusters[i]].source}:{docs[clusters[i]].start_line}"))
        unit_key[i] = d.profile.name or d.title or f"#{clusters[i]}"
    report.units_total = len({unit_key[clusters[i]] for i in range(len(docs))})
    return clusters, unit_key


def _repair(raws: list[Raw], report: MiningReport) -> None:
    """Political formulas restored and safe typos fixed on ingest; role words made neutral (in place)."""
    for r in raws:
        fixed = binding.neutral(gate.repair(r.text))
        if fixed != r.text:
            report.repaired.append((f"{r.source}:{r.line}", r.text, fixed))
            r.text = fixed


def _scrub_all(raws: list[Raw], docs: list[Document], clusters, cfg: MiningConfig) -> list[Scrubbed]:
    """Pass 1: scrub references and known names; drop sentences quoting one unit's own “…” name."""
    own = {i: _own_names(d) for i, d in enumerate(docs)}
    area = {i: d.profile.family in AREA_FAMILIES or d.profile.department in AREA_DEPARTMENTS for i, d in enumerate(docs)}
    local_quotes = _local_quotes(raws, clusters, cfg)
    scrubbed: list[Scrubbed] = []
    for r in raws:
        q = next((q for q in _QUOTE.findall(r.text) if q in local_quotes), None)
        if q:
            scrubbed.append((r, None, [Hit("quote", q, "dropped")], f"quote:{q}"))
            continue
        res = scrub(escape(r.text), cfg, own=own[r.doc], department=docs[r.doc].profile.department,
                    area_self=area[r.doc])
        scrubbed.append((r, res.text, res.hits, res.reason))
    return scrubbed


def _candidates(scrubbed: list[Scrubbed], docs: list[Document], finder: NameFinder, index: SlotIndex,
                cfg: MiningConfig, report: MiningReport) -> tuple[list[Cand], list[tuple]]:
    """Scrubbed sentences -> candidates, and the slots they propose as (proposal, "file:line").

    Counts every scrub hit and every dropped sentence in the report."""
    cands: list[Cand] = []
    proposals: list[tuple] = []
    strip_start = re.compile(cfg.raw["sentences"].get("strip_starts") or "(?!)")
    for r, text, hits, reason in scrubbed:
        where = f"{r.source}:{r.line}"
        for h in hits:
            _count_hit(report, (h.kind, h.term, h.action), where)
        if text is None:
            _drop(report, reason.split(":")[0] if reason else "scrub", where, r.text)
            continue
        named = _single_unit_name(text, finder, cfg)
        if named:
            _count_hit(report, (named[0], named[1], "dropped"), where)
            _drop(report, named[0], where, r.text)
            continue
        built = _candidate(r, text, docs[r.doc], finder, index, cfg, report, strip_start)
        if built is None:
            continue
        cand, proposed = built
        cands.append(cand)
        for p in proposed:
            proposals.append((p, where))
    return cands, proposals


def _single_unit_name(text: str, finder: NameFinder, cfg: MiningConfig) -> tuple[str, str] | None:
    """("division", word) or ("name", word) when the sentence names an administrative division
    or a name only one unit uses; None otherwise."""
    flagged = finder.flagged(text) or [
        ("division", w) for w in division_hits(finder.tokens(text)) if w not in cfg.place_not]
    if flagged and isinstance(flagged[0], tuple):
        return "division", flagged[0][1]
    if flagged:
        return "name", flagged[0]
    return None


def _candidate(r: Raw, text: str, d: Document, finder: NameFinder, index: SlotIndex, cfg: MiningConfig,
               report: MiningReport, strip_start: re.Pattern) -> tuple[Cand, tuple] | None:
    """One scrubbed sentence -> (candidate, its slot proposals): years and figures made slots,
    function and topic labelled, filters and the quality gate applied. None (counted) if dropped."""
    where = f"{r.source}:{r.line}"
    forward = r.section in ("plans", "closing") or (
        r.section == "problems_plans" and not (cfg.problem.search(text) and not labels.plan_start(text)))
    text = binding.relative_years(text, forward)
    sres = slot_sentence(text, year=d.profile.year, forward=forward, index=index, cfg=cfg, tag=finder.tag)
    if sres.text is None:
        _drop(report, sres.reason or "slot", where, r.text)
        return None
    stext = sres.text
    if r.section in ("problems", "problems_plans") and r.kind == "sentence":
        stext = labels.cut_intro(stext, cfg)
    slots = tuple(find_slots(stext))
    lab = labels.label(r.kind, r.section, stext, slots, last=r.last, lead=r.lead, cfg=cfg)
    if lab is None:
        _drop(report, "no_function", where, r.text)
        return None
    section, function = lab
    text2 = quality.finish(strip_start.sub("", stext), function)
    why = quality.reject(text2, function, cfg)
    if why:
        _drop(report, why, where, r.text)
        return None
    why = gate.gate(text2, r.section, function, tokens=finder.tokens(text))
    if why:
        _drop(report, why.split(":")[0], where, r.text)
        report.rejects.append((why, where, r.text))
        return None
    topic = labels.topic_of(text2, cfg) or (labels.topic_of(r.context, cfg) if r.context else None)
    fam = None
    if section == "problems" and function == "problem":
        fam = labels.family_of(text2, cfg.problem_families)
    elif section == "plans" and function in ("heading", "plan"):
        fam = labels.family_of(text2, cfg.plan_families, first=False)
    q = quality.quality(text2, function, cfg, approx=sres.approx, deleted=sres.deleted,
                        proposed=bool(sres.proposals))
    cand = Cand(text2, section, function, r.doc, r.source, r.line, fam or topic, slots, q, sres.approx,
                tuple(p.name for p in sres.proposals), fam)
    return cand, tuple(sres.proposals)


def _rename_proposals(cands: list[Cand], proposals: list[tuple], catalogue: Catalogue, cfg: MiningConfig,
                      report: MiningReport) -> tuple[list[Cand], list[Slot]]:
    """Proposed slots: synonyms grouped, mapped onto the catalogue when close.

    Returns the candidates with renamed slots (a candidate left with one slot twice
    is dropped) and the proposed slots that some kept candidate uses."""
    rename, proposed = resolve(proposals, list(catalogue.slots), cfg.proposal_similarity)
    report.renamed = {k: v for k, v in sorted(rename.items()) if k != v}
    used_proposed: set[str] = set()
    final: list[Cand] = []
    for c in cands:
        if c.proposals:
            renamed = _renamed(c, rename)
            if renamed is None:
                _drop(report, "slot_twice", f"{c.source}:{c.line}", c.text)
                continue
            c = renamed
            used_proposed.update(s for s in c.proposals)
        final.append(c)
    proposed = [s for s in proposed if s.name in used_proposed]
    report.proposed = proposed
    return final, proposed


def _renamed(c: Cand, rename: dict[str, str]) -> Cand | None:
    """The candidate with its proposed slots renamed; None if a new name is already one of its slots."""
    text, slots = c.text, list(c.slots)
    for old in c.proposals:
        new = rename.get(old, old)
        if new != old:
            if new in slots:
                return None
            text = text.replace("{" + old + "}", "{" + new + "}")
            slots = [new if s == old else s for s in slots]
    return Cand(text, c.section, c.function, c.doc, c.source, c.line, c.topic, tuple(slots), c.quality,
                c.approx, tuple(rename.get(o, o) for o in c.proposals), c.family)


def _local_quotes(raws: list[Raw], clusters, cfg: MiningConfig) -> set[str]:
    """Quoted names (“…”) used by one unit only: local programmes and slogans."""
    units: dict[str, set] = defaultdict(set)
    for r in raws:
        for q in _QUOTE.findall(r.text):
            units[q].add(clusters[r.doc])
    keep = set(cfg.raw["scrub"].get("generic_quotes") or ())
    min_chars = int(cfg.raw["scrub"].get("quote_min_chars", 5))
    out = set()
    for q, u in units.items():
        if q in keep:
            continue
        if re.search(r"[0-9A-Za-z]", q):
            out.add(q)
        elif len(u) <= cfg.single_unit_max and len(q) >= min_chars and not re.search(r"[、，,；+]", q):
            out.add(q)
    return out


def _drop(report: MiningReport, reason: str, where: str, text: str) -> None:
    report.dropped[reason] += 1
    ex = report.drop_examples.setdefault(reason, [])
    if len(ex) < 3:
        ex.append((where, text))


def _count_hit(report: MiningReport, key: tuple[str, str, str], where: str) -> None:
    report.hits[key] += 1
    report.hit_examples.setdefault(key, where)


def _group_and_rank(cands: list[Cand], docs, clusters, unit_key, cfg: MiningConfig, *, vocab: Vocabulary | None = None,
                    tokens: Callable | None = None, fam_units: dict | None = None,
                    binder: Callable | None = None) -> list[Phrase]:
    """Candidates -> near-duplicate groups per (section, function) -> one scored Phrase per group
    (the binder may drop or restrict it), sorted, with unique ids."""
    vocab = vocab or Vocabulary(cfg)
    fam_units = fam_units or {}
    by_key: dict[tuple[str, str], list[Cand]] = defaultdict(list)
    for c in cands:
        by_key[(c.section, c.function)].append(c)
    built: list[_Group] = []
    for key in sorted(by_key):
        built += _groups_of(key, by_key[key], docs, clusters, unit_key, cfg, vocab=vocab, tokens=tokens)
    fam_rank = _family_ranks(built)
    phrases: list[Phrase] = []
    for n, b in enumerate(built):
        phrase = _phrase_of(b, fam_rank.get(n, 0), docs, clusters, cfg, vocab=vocab, tokens=tokens,
                            fam_units=fam_units)
        if binder is not None:
            phrase = binder(phrase, b.members, b.units)
            if phrase is None:
                continue
        phrases.append(phrase)
    return sort_phrases(_unique_ids(phrases))


def _groups_of(key: tuple[str, str], items: list[Cand], docs, clusters, unit_key, cfg: MiningConfig, *,
               vocab: Vocabulary, tokens: Callable | None) -> list[_Group]:
    """The near-duplicate groups of one (section, function), each with its representative wording."""
    r = cfg.ranking
    # exact duplicates first
    by_text: dict[str, list[Cand]] = defaultdict(list)
    for c in items:
        by_text[c.text].append(c)
    texts = sorted(by_text)
    docs_of = [len({clusters[c.doc] for c in by_text[t]}) for t in texts]
    qual = [max(c.quality for c in by_text[t]) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: (-docs_of[i], -qual[i], len(texts[i]), texts[i]))
    groups = dedup.group(texts, order, similarity=float(r["similarity"]), containment=float(r["containment"]),
                         min_chars=int(r["containment_min_chars"]), ngram=(int(r["ngram_min"]), int(r["ngram_max"])))
    infos = []
    for g in groups:
        members = [c for i in g for c in by_text[texts[i]]]
        infos.append((g, members, {unit_key[clusters[c.doc]] for c in members}))
    rel = dedup.related([[texts[i] for i in g] for g, _, _ in infos], float(r["clause_similarity"]))
    out: list[_Group] = []
    for k, (g, members, units) in enumerate(infos):
        families = {docs[c.doc].profile.family for c in members}
        pool = list(g)
        if len(families) > 1 and tokens is not None:
            # said by several departments: prefer a wording without one department's words
            plain = [i for i in g if not vocab.hits(tokens(texts[i]))]
            pool = plain or pool
        rep_i = sorted(pool, key=lambda i: (-round(qual[i], 1), -docs_of[i], -qual[i], len(texts[i]), texts[i]))[0]
        rep = by_text[texts[rep_i]][0]
        others = set()
        for o in rel[k]:
            others |= infos[o][2]
        fams = Counter(c.family for c in members if c.family)
        fam = rep.family or (sorted(fams, key=lambda t: (-fams[t], t))[0] if fams else None)
        out.append(_Group(key=key, g=g, members=members, units=units, others=others, rep_i=rep_i, rep=rep,
                          texts=texts, qual=qual[rep_i], families=families, fam=fam))
    return out


def _family_ranks(built: list[_Group]) -> dict[int, int]:
    """Index of a group in built -> its rank within its (section, problem/plan family)
    (the k-th group of a family gets family_decay^k of the family's support)."""
    fam_rank: dict[int, int] = {}
    by_fam: dict[tuple, list[int]] = defaultdict(list)
    for n, b in enumerate(built):
        if b.fam:
            by_fam[(b.key[0], b.fam)].append(n)
    for fk, ns in by_fam.items():
        ns.sort(key=lambda n: (-len(built[n].units), -built[n].qual, len(built[n].rep.text), built[n].rep.text))
        for k, n in enumerate(ns):
            fam_rank[n] = k
    return fam_rank


def _phrase_of(b: _Group, fam_rank: int, docs, clusters, cfg: MiningConfig, *, vocab: Vocabulary,
               tokens: Callable | None, fam_units: dict) -> Phrase:
    """A group -> its Phrase: support, score, sources, variants, topic and tags
    (binding a department family records the words in vocab)."""
    r = cfg.ranking
    members, units, others, rep, texts = b.members, b.units, b.others, b.rep, b.texts
    section, function = b.key
    doc_ids = {clusters[c.doc] for c in members}
    support = {"docs": len(doc_ids), "units": len(units)}
    attested = len(units) + float(r["clause_weight"]) * len(others - units)
    fam = b.fam
    if fam and (section, fam) in fam_units:
        funits = fam_units[(section, fam)]
        support["topic_units"] = len(funits)
        fam_weight = float(r.get("family_weight", 0.0))
        fam_decay = float(r.get("family_decay", 1.0))
        attested += fam_weight * (fam_decay ** fam_rank) * len(funits - units - others)
    sat = float(r["support_saturation"])
    s_factor = min(1.0, math.log1p(attested) / math.log1p(sat))
    score = round(float(r["support_weight"]) * s_factor + float(r["quality_weight"]) * b.qual, 4)
    sources = sorted({f"{c.source}:{c.line}" for c in members}, key=_source_key)[: int(r["max_sources"])]
    variants = [texts[i] for i in b.g if i != b.rep_i][: int(r["max_variants"])]
    topics = Counter(c.topic for c in members if c.topic)
    topic = fam or rep.topic or (sorted(topics, key=lambda t: (-topics[t], t))[0] if topics else None)
    doc = docs[rep.doc].profile
    theme = tagging.theme_of(rep.text, doc.theme, cfg)
    family = tagging.family_of(rep.text, cfg)
    if family is None and len(b.families) == 1 and tokens is not None:
        family, words = vocab.bind(tokens(rep.text), rep.text, doc.family)
        if family:
            vocab.record(family, words)
    level = tagging.level_of(rep.text, cfg, doc.level)
    pid = PREFIX[section] + "-" + hashlib.sha1(f"{section}|{function}|{rep.text}".encode("utf-8")).hexdigest()[:8]
    return Phrase(id=pid, text=rep.text, section=section, function=function, theme=theme,
                  family=family, level=level, slots=tuple(find_slots(rep.text)), support=support,
                  sources=tuple(sources), variants=tuple(variants), score=score, topic=topic)


def _unique_ids(phrases: list[Phrase]) -> list[Phrase]:
    """Ids made unique (hash prefix collisions are astronomically rare; lengthen if so)."""
    seen: dict[str, int] = {}
    out = []
    for p in phrases:
        if p.id in seen:
            pid = p.id + hashlib.sha1(p.text.encode("utf-8")).hexdigest()[8:12]
            p = Phrase(**{**p.__dict__, "id": pid})
        seen[p.id] = 1
        out.append(p)
    return out


def _family_support(raws: list[Raw], unit_key, clusters, cfg: MiningConfig) -> dict[tuple[str, str], set]:
    """(bank section, family) -> units whose problem / plan sentences attest that family.

    Counted over every sentence and heading of the problems and plans sections (also
    those that do not become phrases: a unit that wrote 「人员频繁调整」 inside a long
    list still attests the staff-change family)."""
    out: dict[tuple[str, str], set] = defaultdict(set)
    for r in raws:
        if r.kind not in ("sentence", "heading"):
            continue
        unit = unit_key[clusters[r.doc]]
        if r.section == "problems_plans":
            section = "problems" if cfg.problem.search(r.text) and not labels.plan_start(r.text) else "plans"
        elif r.section in ("problems", "plans"):
            section = r.section
        else:
            continue
        if section == "problems" and not cfg.problem.search(r.text):
            continue
        families = cfg.problem_families if section == "problems" else cfg.plan_families
        for fam in labels.families_in(r.text, families):
            out[(section, fam)].add(unit)
    return out


def _generic_counts(phrases) -> dict:
    """(section, function) -> [phrases, of them without a family, of them without theme and family]."""
    out: dict[tuple[str, str], list[int]] = {}
    for p in phrases:
        row = out.setdefault((p.section, p.function), [0, 0, 0])
        row[0] += 1
        if p.family is None:
            row[1] += 1
            if p.theme is None:
                row[2] += 1
    return dict(sorted(out.items()))


def _source_key(s: str):
    name, _, line = s.rpartition(":")
    return (name, int(line) if line.isdigit() else 0)


def sort_phrases(phrases: Iterable[Phrase]) -> list[Phrase]:
    fo = {f: i for i, f in enumerate(FUNCTION_ORDER)}
    return sorted(phrases, key=lambda p: (p.section, fo.get(p.function, 99), p.function, -p.score, p.id))


def _manifest(phrases, files, docs, report) -> dict:
    counts: dict[str, Counter] = {"section": Counter(), "function": Counter(), "theme": Counter()}
    for p in phrases:
        counts["section"][p.section] += 1
        counts["function"][p.function] += 1
        counts["theme"][p.theme or "通用"] += 1
    return {
        "version": 1,
        "kind": "mined",
        "corpus": sorted(files, key=lambda f: f["name"]),
        "documents": len(docs),
        "units": report.units_total,
        "phrases": len(phrases),
        "counts": {k: dict(sorted(v.items())) for k, v in counts.items()},
    }


def _doc_rows(docs, clusters, phrases) -> list[dict]:
    used = Counter()
    for p in phrases:
        for s in p.sources:
            used[s] += 1
    rows = []
    for i, d in enumerate(docs):
        rows.append({
            "where": f"{d.source}:{d.start_line}", "title": d.title or "（无标题）",
            "unit": d.profile.name or "", "level": d.profile.level or "", "family": d.profile.family or "",
            "theme": d.profile.theme or "", "year": d.profile.year or "",
            "copy_of": "" if clusters[i] == i else f"{docs[clusters[i]].source}:{docs[clusters[i]].start_line}",
            "sections": "·".join(section_label(s.canonical) for s in d.sections),
        })
    return rows

"""The phrase bank: load it (JSON only, fast) and select phrases with backoff.

    bank = PhraseBank.load()                      # phrasebank/ (or DRAFTER_PHRASEBANK)
    cands = bank.select("problems", "problem", profile, figures={"主动公开信息数": 1530})
    cands[0].phrase.text, cands[0].tier, cands[0].score
    bank.slots_for(profile)                       # figures for the wizard, in order

Standard library only: the drafting path must stay light (no yaml, jieba, sklearn).
The format is described in docs/DESIGN.md ("Phrase bank format").
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from drafter.errors import DrafterError
from drafter.models import ALWAYS_FILLABLE, CONTEXT_SLOTS, THEME_ANNUAL
from drafter.slotfill import context_values, fill, find_slots
from drafter.slots import Slot, load_catalogue, read_json

FUNCTIONS = ("heading", "opening", "intro", "measure", "result", "problem", "plan", "closing")

# Sections the bank files are organised by, and the canonical sections that
# back off to them (overview/measures/results are kinds of achievements).
BANK_SECTIONS = ("opening", "achievements", "problems", "plans", "closing")
SECTION_ALIASES: dict[str, tuple[str, ...]] = {
    "opening": ("opening",),
    "basic_info": ("achievements",),
    "overview": ("achievements",),
    "achievements": ("achievements",),
    "measures": ("achievements",),
    "results": ("achievements",),
    "problems": ("problems",),
    "plans": ("plans",),
    "problems_plans": ("problems", "plans"),
    "closing": ("closing", "plans"),
    "signature": (),
}

# Level groups (县 and 区 write the same register; 乡镇/街道/社区 too).
LEVEL_GROUPS = {
    "市": "市",
    "县": "县区",
    "区": "县区",
    "县区": "县区",
    "乡镇": "乡镇社区",
    "街道": "乡镇社区",
    "社区": "乡镇社区",
    "乡镇社区": "乡镇社区",
    "园区": "园区",
}

# Backoff tiers, most specific first, and their weights.
TIER_WEIGHTS = {"theme+family": 1.0, "theme": 0.8, "family": 0.5, "level": 0.3, "generic": 0.2}
TIER_ORDER = ("theme+family", "theme", "family", "level", "generic")
TIER_ORDER_ANNUAL = ("theme+family", "family", "theme", "level", "generic")   # 年度综合


def level_group(level: str | None) -> str | None:
    if not level:
        return None
    return LEVEL_GROUPS.get(level, level)


@dataclass(frozen=True)
class Phrase:
    id: str
    text: str                          # template, {slot} syntax
    section: str                       # bank section (see BANK_SECTIONS)
    function: str                      # see FUNCTIONS
    theme: str | None = None           # None = generic scaffolding
    family: str | None = None
    level: str | None = None           # level group (市 | 县区 | 乡镇社区 | 园区) or None
    slots: tuple[str, ...] = ()
    support: Mapping[str, int] = field(default_factory=lambda: {"docs": 1, "units": 1})
    sources: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    score: float = 0.0
    topic: str | None = None           # extension: topic key (组织领导, 主动公开, …)
    # Who may say it and when (empty = anyone / any year), set by the miner:
    years: tuple[tuple[int, int | None], ...] = ()   # report years a campaign phrase may be written in
    families: tuple[str, ...] = ()     # department families that may use it (its sources' own words)
    levels: tuple[str, ...] = ()       # level groups that may use it
    kinds: tuple[str, ...] = ()        # canonical departments that may use it (role/structure words)

    def allows(self, profile: Any) -> bool:
        """May a unit with this profile write this phrase in its report year?"""
        year = getattr(profile, "year", None)
        if self.years and year is not None and not any(
                lo <= year and (hi is None or year <= hi) for lo, hi in self.years):
            return False
        if self.families and getattr(profile, "family", None) not in self.families:
            return False
        if self.levels and level_group(getattr(profile, "level", None)) not in self.levels:
            return False
        if self.kinds and getattr(profile, "department", None) not in self.kinds:
            return False
        return True

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Phrase":
        kw = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        for key in ("slots", "sources", "variants", "families", "levels", "kinds"):
            if key in kw:
                kw[key] = tuple(kw[key] or ())
        if "years" in kw:
            kw["years"] = tuple((int(lo), None if hi is None else int(hi)) for lo, hi in kw["years"] or ())
        if "slots" not in kw:
            kw["slots"] = tuple(find_slots(kw["text"]))
        kw["level"] = level_group(kw.get("level"))
        return cls(**kw)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "text": self.text,
            "section": self.section,
            "function": self.function,
            "theme": self.theme,
            "family": self.family,
            "level": self.level,
            "slots": list(self.slots),
            "support": dict(self.support),
            "sources": list(self.sources),
            "variants": list(self.variants),
            "score": self.score,
        }
        if self.topic is not None:
            out["topic"] = self.topic
        if self.years:
            out["years"] = [list(r) for r in self.years]
        for key in ("families", "levels", "kinds"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        return out

    @property
    def units(self) -> int:
        return int(self.support.get("units", 1))


@dataclass(frozen=True)
class Candidate:
    phrase: Phrase
    tier: str              # theme+family | theme | family | level | generic
    score: float           # tier weight × phrase score


class PhraseBank:
    """An immutable collection of phrases plus the slot catalogue they use."""

    def __init__(
        self,
        phrases: Iterable[Phrase],
        slots: Mapping[str, Slot] | Iterable[Slot],
        *,
        manifest: Mapping[str, Any] | None = None,
        self_refs: Iterable[Mapping[str, str]] = (),
        superiors: Mapping[str, str] | None = None,
        path: Path | None = None,
    ):
        self.path = path
        self.manifest = dict(manifest or {})
        if isinstance(slots, Mapping):
            self._slots = dict(slots)
        else:
            self._slots = {s.name: s for s in slots}
        for name in CONTEXT_SLOTS:
            self._slots.setdefault(name, Slot(name=name, label=name, type="text", context=True))
        self.self_refs = list(self_refs)
        self.superiors = dict(superiors or {})
        self._phrases: list[Phrase] = list(phrases)
        self._by_id: dict[str, Phrase] = {}
        self._by_key: dict[tuple[str, str], list[Phrase]] = {}
        for p in self._phrases:
            if p.id in self._by_id:
                raise DrafterError(f"短语库中有重复的短语编号：{p.id}", hint="请重新运行 drafter mine 生成短语库。")
            self._by_id[p.id] = p
            self._by_key.setdefault((p.section, p.function), []).append(p)
        # Per-bank indexes built on first use (the bank never changes after loading):
        self._slot_types: dict[str, str] | None = None
        self._ranked: dict[tuple, list[Candidate]] = {}   # see _ranked_candidates
        self._allowed_unit: tuple | None = None             # see _allowed_candidates
        self._allowed: dict[tuple[str, str], list[Candidate]] = {}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "PhraseBank":
        """Load phrasebank/ (manifest.json, slots.json, *.jsonl). Raises DrafterError on problems."""
        if path is None:
            from drafter.paths import phrasebank_dir

            path = phrasebank_dir()
        folder = Path(path)
        if not folder.is_dir():
            raise DrafterError(
                f"找不到短语库目录：{folder}",
                hint="请先运行 drafter mine corpus/ -o phrasebank/ 生成短语库，或用环境变量 DRAFTER_PHRASEBANK 指定目录。",
            )
        manifest = read_json(folder / "manifest.json", required=False) or {}
        _verify_manifest(folder, manifest)
        catalogue = load_catalogue(folder / "slots.json")
        phrases: list[Phrase] = []
        files = sorted(folder.glob("*.jsonl"))
        if not files:
            raise DrafterError(f"短语库目录中没有短语文件（*.jsonl）：{folder}", hint="请重新运行 drafter mine 生成短语库。")
        for f in files:
            phrases.extend(_read_jsonl(f))
        return cls(phrases, catalogue.by_name(), manifest=manifest, self_refs=catalogue.self_reference,
                   superiors=catalogue.superiors, path=folder)

    @classmethod
    def from_phrases(
        cls,
        phrases: Iterable[Phrase | Mapping[str, Any]],
        slots: Mapping[str, Slot] | Iterable[Slot | Mapping[str, Any]] | None = None,
        **kw: Any,
    ) -> "PhraseBank":
        """An in-memory bank (tests, leave-one-out evaluation)."""
        plist = [p if isinstance(p, Phrase) else Phrase.from_dict(p) for p in phrases]
        if slots is None:
            slots = {}
        if isinstance(slots, Mapping):
            slot_list = [s if isinstance(s, Slot) else Slot.from_dict(s) for s in slots.values()]
        else:
            slot_list = [s if isinstance(s, Slot) else Slot.from_dict(s) for s in slots]
        return cls(plist, slot_list, **kw)

    def with_phrases(self, phrases: Iterable[Phrase | Mapping[str, Any]]) -> "PhraseBank":
        """A bank with other phrases and this bank's slots, self-references and superiors."""
        plist = [p if isinstance(p, Phrase) else Phrase.from_dict(p) for p in phrases]
        return type(self)(plist, list(self._slots.values()), manifest=self.manifest,
                          self_refs=self.self_refs, superiors=self.superiors)

    # ------------------------------------------------------------------ access
    @property
    def slots(self) -> dict[str, Slot]:
        return self._slots

    @property
    def phrases(self) -> list[Phrase]:
        return list(self._phrases)

    def __len__(self) -> int:
        return len(self._phrases)

    def __iter__(self):
        return iter(self._phrases)

    def phrase(self, phrase_id: str) -> Phrase:
        try:
            return self._by_id[phrase_id]
        except KeyError:
            raise DrafterError(f"短语库中没有编号为 {phrase_id} 的短语", hint="可用 drafter phrases 查看短语编号。") from None

    def slot_types(self) -> dict[str, str]:
        return dict(self._types())

    def _types(self) -> dict[str, str]:
        """Slot name -> type, built once (not to be changed: slot_types() hands out copies)."""
        if self._slot_types is None:
            self._slot_types = {name: s.type for name, s in self._slots.items()}
        return self._slot_types

    def context_values(self, profile: Any, figures: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Values for {年度} {单位} {单位简称} {上级单位} … for that unit (figures may override)."""
        return context_values(profile, self_refs=self.self_refs, superiors=self.superiors, overrides=figures)

    def fill(self, phrase: Phrase | str, values: Mapping[str, Any]) -> str:
        """Fill a phrase (or template text) with figures + context values, typed by the catalogue."""
        text = phrase.text if isinstance(phrase, Phrase) else phrase
        return fill(text, values, self._types())

    # ------------------------------------------------------------------ selection
    def select(
        self,
        section: str,
        function: str,
        profile: Any,
        figures: Mapping[str, Any] | None = None,
        *,
        exclude_ids: Iterable[str] = (),
        limit: int | None = None,
        topic: str | None = None,
        slot: str | None = None,
        allow_zero: bool = False,
    ) -> list[Candidate]:
        """Ranked candidates for (section, function) for that unit profile.

        Backoff: theme+family → theme → family → level → generic (年度综合:
        family before theme). Phrases bound to another theme, family or level
        are never returned, nor phrases the unit may not say (Phrase.allows:
        campaign years, families/levels/kinds bound by the miner). Only phrases whose slots can all be filled from
        ``figures`` plus the context slots are returned (figures equal to 0 do
        not fill a slot unless allow_zero; use Slot.zero for those).
        Extensions: ``topic`` keeps one topic only; ``slot`` keeps phrases that
        use that slot.
        """
        available = set(ALWAYS_FILLABLE)
        for name, val in (figures or {}).items():
            if val is None:
                continue
            if not allow_zero and _is_zero(val):
                continue
            available.add(name)
        excluded = set(exclude_ids)
        cands = []
        for c in self._allowed_candidates(section, function, profile):
            p = c.phrase
            if p.id in excluded:
                continue
            if topic is not None and p.topic != topic:
                continue
            if slot is not None and slot not in p.slots:
                continue
            if not all(s in available for s in p.slots):
                continue
            cands.append(c)
            if limit is not None and len(cands) >= limit:
                break
        return cands

    def _allowed_candidates(self, section: str, function: str, profile: Any) -> list[Candidate]:
        """_ranked_candidates that this unit may say (Phrase.allows), kept for the last
        unit asked about (a draft asks many times for one unit; bulk goes unit by unit)."""
        theme, family = getattr(profile, "theme", None), getattr(profile, "family", None)
        level = level_group(getattr(profile, "level", None))
        unit = (theme, family, level, getattr(profile, "year", None), getattr(profile, "department", None))
        if unit != self._allowed_unit:
            self._allowed_unit, self._allowed = unit, {}
        allowed = self._allowed.get((section, function))
        if allowed is None:
            allowed = self._allowed[(section, function)] = [
                c for c in self._ranked_candidates(section, function, theme, family, level) if c.phrase.allows(profile)]
        return allowed

    def _ranked_candidates(self, section: str, function: str, theme: str | None, family: str | None,
                           level: str | None) -> list[Candidate]:
        """Every phrase of (section, function) a unit of that theme, family and level group
        may be offered, ranked by (tier, -score, id): built once per key, so select() only
        filters (filtering keeps the order)."""
        key = (section, function, theme, family, level)
        ranked = self._ranked.get(key)
        if ranked is None:
            order = TIER_ORDER_ANNUAL if theme == THEME_ANNUAL else TIER_ORDER
            rank = {t: i for i, t in enumerate(order)}
            out: list[tuple[int, float, str, Candidate]] = []
            for sec in SECTION_ALIASES.get(section, (section,)):
                for p in self._by_key.get((sec, function), ()):
                    tier = _tier(p, theme, family, level)
                    if tier is None:
                        continue
                    score = round(TIER_WEIGHTS[tier] * p.score, 6)
                    out.append((rank[tier], -score, p.id, Candidate(p, tier, score)))
            out.sort(key=lambda t: t[:3])
            ranked = self._ranked[key] = [t[3] for t in out]
        return ranked

    def slots_for(self, profile: Any) -> list[Slot]:
        """Figures (non-context, curated) relevant to that unit, in wizard order."""
        theme = getattr(profile, "theme", None)
        family = getattr(profile, "family", None)
        chosen = [
            s for s in self._slots.values()
            if not s.context and not s.proposed and s.applies_to(theme, family)
        ]
        return sorted(chosen, key=lambda s: (0 if s.families else 1, s.order, s.name)) if theme == THEME_ANNUAL \
            else sorted(chosen, key=lambda s: (s.order, s.name))

    def find(
        self,
        *,
        section: str | None = None,
        function: str | None = None,
        theme: str | None = None,
        family: str | None = None,
        slot: str | None = None,
        keyword: str | None = None,
        topic: str | None = None,
    ) -> list[Phrase]:
        """Browse: plain filters (no backoff), in bank order (section, function, -score, id).

        theme/family "generic" (or "-") match phrases without a theme/family.
        """
        secs = SECTION_ALIASES.get(section, (section,)) if section else None
        out = []
        for p in self._phrases:
            if secs is not None and p.section not in secs:
                continue
            if function and p.function != function:
                continue
            if theme and not _match_opt(p.theme, theme):
                continue
            if family and not _match_opt(p.family, family):
                continue
            if slot and slot not in p.slots:
                continue
            if topic and p.topic != topic:
                continue
            if keyword and keyword not in p.text and not any(keyword in v for v in p.variants):
                continue
            out.append(p)
        sec_rank = {s: i for i, s in enumerate(BANK_SECTIONS)}
        fun_rank = {f: i for i, f in enumerate(FUNCTIONS)}
        out.sort(key=lambda p: (sec_rank.get(p.section, 99), p.section, fun_rank.get(p.function, 99), -p.score, p.id))
        return out


def _match_opt(value: str | None, wanted: str) -> bool:
    if wanted in ("generic", "-", "通用", "none"):
        return value is None
    return value == wanted


def _is_zero(val: Any) -> bool:
    if isinstance(val, bool):
        return False
    if isinstance(val, (int, float)):
        return val == 0
    if isinstance(val, str):
        try:
            return float(val.strip().rstrip("%％")) == 0
        except ValueError:
            return False
    return False


def _tier(p: Phrase, theme: str | None, family: str | None, level: str | None) -> str | None:
    if p.theme is not None and p.theme != theme:
        return None
    if p.family is not None and p.family != family:
        return None
    if p.level is not None and p.level != level:
        return None
    if p.theme is not None and p.family is not None:
        return "theme+family"
    if p.theme is not None:
        return "theme"
    if p.family is not None:
        return "family"
    if p.level is not None:
        return "level"
    return "generic"


# ---------------------------------------------------------------------- file reading
_TEXT_FIELDS = ("id", "text", "section", "function")
_OPTIONAL_TEXT_FIELDS = ("theme", "family", "level", "topic")
_TEXT_LIST_FIELDS = ("slots", "sources", "variants")


def _check_types(obj: Mapping[str, Any]) -> None:
    """ValueError (Chinese) for a phrase field of the wrong type (a hand-edited bank)."""
    wrong = [k for k in _TEXT_FIELDS if not isinstance(obj.get(k), str)]
    wrong += [k for k in _OPTIONAL_TEXT_FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)]
    wrong += [k for k in _TEXT_LIST_FIELDS if obj.get(k) is not None
              and not (isinstance(obj[k], list) and all(isinstance(x, str) for x in obj[k]))]
    if obj.get("score") is not None and (isinstance(obj["score"], bool) or not isinstance(obj["score"], (int, float))):
        wrong.append("score")
    if obj.get("support") is not None and not isinstance(obj["support"], dict):
        wrong.append("support")
    if wrong:
        raise ValueError(f"字段 {'、'.join(wrong)} 的类型不对（应为文字、文字列表或数字）")


def _verify_manifest(folder: Path, manifest: Mapping[str, Any]) -> None:
    """A bank whose manifest lists its files ("files": name -> sha256) must match it:
    a truncated, edited or half-replaced bank is refused (banks mined before the
    list existed are loaded as they are)."""
    listed = manifest.get("files") if isinstance(manifest, Mapping) else None
    if not isinstance(listed, Mapping):
        return
    from drafter.fileio import verify_hashes

    bad = verify_hashes(folder, {str(k): str(v) for k, v in listed.items()})
    bad += sorted(f.name for f in folder.glob("*.jsonl") if f.name not in listed)
    if bad:
        raise DrafterError(
            f"短语库 {folder} 的文件与其清单（manifest.json）不符：{'、'.join(bad)}（缺失、被截断、被改动或来自另一次挖掘）",
            hint="请重新运行 drafter mine 生成短语库；不要手工修改短语库中的文件。",
        )


def _read_jsonl(path: Path) -> list[Phrase]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DrafterError(f"短语库文件不是 UTF-8 编码：{path}", hint="请重新运行 drafter mine 生成短语库。") from None
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("不是 JSON 对象")
            missing = [k for k in ("id", "text", "section", "function") if not obj.get(k)]
            if missing:
                raise ValueError(f"缺少字段 {'、'.join(missing)}")
            _check_types(obj)
            phrase = Phrase.from_dict(obj)
        except json.JSONDecodeError as exc:
            raise DrafterError(
                f"短语库文件已损坏：{path} 第 {lineno} 行（{exc.msg}）",
                hint="请修正该行，或重新运行 drafter mine 生成短语库。",
            ) from None
        except (ValueError, TypeError, DrafterError) as exc:
            raise DrafterError(
                f"短语库文件内容有误：{path} 第 {lineno} 行（{exc}）",
                hint="请修正该行，或重新运行 drafter mine 生成短语库。",
            ) from None
        out.append(phrase)
    return out

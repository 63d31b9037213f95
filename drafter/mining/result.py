"""What mine() returns: the bank and everything write_bank() needs beside it.

MiningResult is the typed return value of drafter.mining.miner.mine(); the
writer reads the report (for mining-report.md), the catalogue and the proposed
slots (for slots.json) from it instead of from attributes set on the bank.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from drafter.bank import PhraseBank
from drafter.mining.vocabulary import Vocabulary
from drafter.slots import Catalogue, Slot


@dataclass
class MiningReport:
    documents: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    hits: Counter = field(default_factory=Counter)             # (kind, term, action) -> count
    hit_examples: dict = field(default_factory=dict)           # (kind, term, action) -> "file:line"
    dropped: Counter = field(default_factory=Counter)          # reason -> count
    drop_examples: dict = field(default_factory=dict)          # reason -> [(where, text)]
    excluded: list[tuple[str, int, str]] = field(default_factory=list)
    proposed: list[Slot] = field(default_factory=list)
    renamed: dict = field(default_factory=dict)
    copies: list[tuple[str, str]] = field(default_factory=list)
    units_total: int = 0
    vocabulary: Vocabulary | None = None
    families: dict = field(default_factory=dict)               # (section, family) -> sorted unit keys
    generic_counts: dict = field(default_factory=dict)         # section -> phrases without a family
    rejects: list = field(default_factory=list)                # quality gate: (reason, where, text), every one
    bindings: Counter = field(default_factory=Counter)         # binding reason -> phrases
    repaired: list = field(default_factory=list)               # (where, before, after): typos fixed, formulas restored
    generic_single: list = field(default_factory=list)         # (id, text): one unit's, judged generic


@dataclass(frozen=True)
class MiningResult:
    """The mined bank (in memory), its mining report, the slot catalogue it was
    mined against, and the new slots its phrases use (proposed, not in the catalogue)."""

    bank: PhraseBank
    report: MiningReport
    catalogue: Catalogue
    proposed_slots: tuple[Slot, ...] = ()

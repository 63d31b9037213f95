"""Phrase mining (offline): reports -> phrasebank/.

    from drafter.mining import mine, write_bank
    result = mine("corpus/")          # MiningResult: .bank (PhraseBank, in memory), .report,
                                      # .catalogue, .proposed_slots; imports jieba + scikit-learn
    write_bank(result, "phrasebank/")

Modules: extract (text units), sentences (cutting), scrub + entities (names), slotting
(figures/years/dates), labels (function, topic), tagging (theme/family/level),
quality (filters, score), dedup (near-duplicates), proposals (new slots),
miner (orchestration), result (MiningResult, MiningReport), writer + report (files); the slot catalogue is drafter.slots.
The drafting path never imports this package.
"""

from __future__ import annotations


def mine(path_or_documents, **kw):
    from drafter.mining.miner import mine as _mine

    return _mine(path_or_documents, **kw)


def write_bank(result, folder, *, force=False):
    from drafter.mining.writer import write_bank as _write

    return _write(result, folder, force=force)


__all__ = ["mine", "write_bank"]

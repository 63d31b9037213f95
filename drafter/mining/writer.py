"""write_bank(): a PhraseBank -> phrasebank/ files (deterministic bytes).

manifest.json, slots.json, <section>.jsonl (one phrase per line,
json.dumps(sort_keys=True, ensure_ascii=False), lines sorted by
(function, -score, id)), mining-report.md.  No timestamps; a second run on
the same corpus writes identical bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from drafter.bank import BANK_SECTIONS, PhraseBank
from drafter.fileio import atomic_write_text
from drafter.mining.miner import sort_phrases
from drafter.slots import load_catalogue


def bank_files(bank: PhraseBank) -> dict[str, str]:
    """File name -> text of every file of the bank folder."""
    out: dict[str, str] = {}
    by_section: dict[str, list] = {s: [] for s in BANK_SECTIONS}
    for p in sort_phrases(bank.phrases):
        by_section.setdefault(p.section, []).append(p)
    for section, phrases in sorted(by_section.items()):
        lines = [json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True) for p in phrases]
        out[f"{section}.jsonl"] = "".join(line + "\n" for line in lines)
    catalogue = getattr(bank, "catalogue", None) or load_catalogue()
    out["slots.json"] = catalogue.to_json(getattr(bank, "proposed_slots", []))
    out["manifest.json"] = json.dumps(bank.manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    report = getattr(bank, "mining_report", None)
    if report is not None:
        from drafter.mining.report import render_report

        out["mining-report.md"] = render_report(report, bank)
    return out


def write_bank(bank: PhraseBank, folder: str | Path) -> list[Path]:
    """Write the bank into folder (created if needed); stale *.jsonl files are removed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = bank_files(bank)
    for stale in sorted(folder.glob("*.jsonl")):
        if stale.name not in files:
            stale.unlink()
    written = []
    for name in sorted(files):
        path = folder / name
        atomic_write_text(path, files[name], force=True)
        written.append(path)
    return written

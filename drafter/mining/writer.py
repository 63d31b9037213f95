"""write_bank(): a MiningResult (what mine() returns) -> phrasebank/ files (deterministic bytes).

manifest.json, slots.json, <section>.jsonl (one phrase per line,
json.dumps(sort_keys=True, ensure_ascii=False), lines sorted by
(function, -score, id)), mining-report.md.  No timestamps; a second run on
the same corpus writes identical bytes.

publish_bank() writes the whole folder aside and swaps it in (drafter.fileio):
an interrupted or failed run leaves the old bank as it was. The manifest lists
every other file with its sha256 ("files"); PhraseBank.load refuses a folder
that disagrees with it. Only files a bank's manifest lists are ever replaced;
anything else in the folder needs --force (and is then kept).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from drafter.bank import BANK_SECTIONS, PhraseBank
from drafter.errors import DrafterError, OutputExistsError
from drafter.fileio import atomic_write_text, staged_folder, swap_folder
from drafter.mining.miner import sort_phrases
from drafter.mining.result import MiningReport, MiningResult
from drafter.slots import Catalogue, Slot, load_catalogue


def bank_files(bank: PhraseBank, *, report: MiningReport | None = None, catalogue: Catalogue | None = None,
               proposed_slots: tuple[Slot, ...] | list[Slot] = ()) -> dict[str, str]:
    """File name -> text of every file of the bank folder.

    slots.json is the catalogue (default: drafter/data/slots.yaml) with the
    proposed slots; mining-report.md is written only with a report."""
    out: dict[str, str] = {}
    by_section: dict[str, list] = {s: [] for s in BANK_SECTIONS}
    for p in sort_phrases(bank.phrases):
        by_section.setdefault(p.section, []).append(p)
    for section, phrases in sorted(by_section.items()):
        lines = [json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True) for p in phrases]
        out[f"{section}.jsonl"] = "".join(line + "\n" for line in lines)
    catalogue = catalogue or load_catalogue()
    out["slots.json"] = catalogue.to_json(proposed_slots)
    if report is not None:
        from drafter.mining.report import render_report

        out["mining-report.md"] = render_report(report, bank)
    manifest = dict(bank.manifest)
    manifest["files"] = {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in sorted(out.items())}
    out["manifest.json"] = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    return out


# Files of a bank written before manifests listed them.
_LEGACY_BANK_FILES = {f"{s}.jsonl" for s in BANK_SECTIONS} | {"slots.json", "manifest.json", "mining-report.md"}


def bank_output_plan(folder: str | Path, *, force: bool = False) -> list[str]:
    """Check the output folder before any work: the names in it that are not
    part of a bank (kept when the new bank is swapped in).

    DrafterError if folder is a file; OutputExistsError if it holds anything
    but a bank's files and force is False."""
    folder = Path(folder)
    if not os.path.lexists(folder):
        return []
    if not folder.is_dir():
        raise DrafterError(f"短语库输出路径已存在，且不是文件夹：{folder}",
                           hint="-o 后应为一个文件夹（新建或已有的短语库），如 -o 我的短语库/。")
    owned = _owned_files(folder)
    foreign = sorted(entry.name for entry in folder.iterdir() if entry.name not in owned)
    if foreign and not force:
        shown = "、".join(foreign[:5]) + (f" 等 {len(foreign)} 项" if len(foreign) > 5 else "")
        raise OutputExistsError(
            f"输出目录 {folder} 中有不属于短语库的内容：{shown}",
            hint="请用 -o 指定一个新的或空的文件夹；加 --force 则写入短语库，并保留这些内容不动。")
    return foreign


def _owned_files(folder: Path) -> set[str]:
    """The files a bank folder's manifest lists (with the manifest itself)."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        return set()
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if isinstance(files, dict):
        return {str(name) for name in files} | {"manifest.json"}
    return set(_LEGACY_BANK_FILES)


def publish_bank(bank: PhraseBank, folder: str | Path, *, force: bool = False, report: MiningReport | None = None,
                 catalogue: Catalogue | None = None, proposed_slots: tuple[Slot, ...] | list[Slot] = ()) -> list[Path]:
    """Write the bank (and, when given, its mining report, catalogue and proposed
    slots: see bank_files) into a hidden folder beside folder, then swap it in.

    Refuses a bank without phrases (DrafterError) and a folder holding anything
    but a bank without force (OutputExistsError); with force such entries are
    kept. Returns the paths of the bank's files in folder."""
    folder = Path(folder)
    if not bank.phrases:
        raise DrafterError(f"没有挖掘出任何短语，未写入短语库：{folder}",
                           hint="请检查语料：应为 .txt、.md 或 .docx 格式的工作总结。")
    keep = bank_output_plan(folder, force=force)
    files = bank_files(bank, report=report, catalogue=catalogue, proposed_slots=proposed_slots)
    with staged_folder(folder) as staging:
        for name in sorted(files):
            atomic_write_text(staging / name, files[name])
        swap_folder(staging, folder, keep=keep)
    return [folder / name for name in sorted(files)]


def write_bank(result: MiningResult, folder: str | Path, *, force: bool = False) -> list[Path]:
    """Write a mined bank with its report, catalogue and proposed slots into folder (see publish_bank)."""
    return publish_bank(result.bank, folder, force=force, report=result.report, catalogue=result.catalogue,
                        proposed_slots=result.proposed_slots)

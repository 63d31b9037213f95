"""Public entry point of ingestion: a folder (or files) of reports → structured Documents.

    from drafter.ingest.pipeline import ingest
    result = ingest("corpus/")            # or a file, or a list of files/folders
    result.documents  -> list[Document]   # in file order, then document order
    result.problems   -> list[ReadProblem]  # files that could not be read (Chinese reason)

Per file: read (encoding detection, .docx styles) → line cleaning (cleaning.yaml, also
web page chrome) → link lists of web pages → PDF hard wraps → page fragments /
flattened pages → split into documents (TOC, title lines, untitled starts) → per
document: document-stage cleaning, section tree, placeholders, paraphrase scores,
unit profile → documents that are not reports (a sources list, a README) are skipped
with a warning naming them. Finally every level-1 section gets its canonical label
(keyword rules, classifier, order).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError
from drafter.ingest.cleaning import apply_document_rules, clean_lines
from drafter.ingest.fragments import rejoin_fragments, split_flattened
from drafter.ingest.lines import lines_from_text
from drafter.ingest.paraphrase import EXCLUDED_PARAPHRASE, is_paraphrased, load_model, score_texts
from drafter.ingest.placeholders import find_placeholders
from drafter.ingest.reading import SUPPORTED_SUFFIXES, ReadError, read_source
from drafter.ingest.screening import describe, not_a_report
from drafter.ingest.splitting import RawDocument, split_documents
from drafter.ingest.structure import build_sections, iter_paragraphs, iter_sections
from drafter.ingest.webpage import drop_link_lists
from drafter.ingest.wraps import join_hard_wraps
from drafter.models import Document, ReadProblem
from drafter.profile import infer_profile, year_note


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)      # Chinese, e.g. a TOC title not found
    files: list[str] = field(default_factory=list)         # files read, in order


def collect_files(paths_or_dir: str | Path | Iterable[str | Path],
                  skipped: list[ReadProblem] | None = None) -> list[Path]:
    """Files to read, sorted by name within each folder (hidden files skipped).

    A symbolic link in a folder that points outside it (x.txt -> /etc/passwd)
    is not read: it is added to skipped (when given) with the reason.
    Raises InputError for a path that does not exist or a folder with no files.
    """
    if isinstance(paths_or_dir, (str, Path)):
        items = [Path(paths_or_dir)]
    else:
        items = [Path(p) for p in paths_or_dir]
    files: list[Path] = []
    for item in items:
        if not item.exists():
            raise InputError(f"找不到语料路径：{item}", hint="请检查文件夹或文件名是否正确。")
        if item.is_dir():
            found = sorted(
                (p for p in item.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(item).parts)),
                key=lambda p: p.relative_to(item).as_posix(),
            )
            inside = _links_inside(item, found, skipped)
            if len(inside) < len(found) and not inside:
                raise InputError(f"语料文件夹中只有指向文件夹之外的链接：{item}",
                                 hint="请把工作总结文件本身复制到语料文件夹中。")
            found = inside
            if not found:
                raise InputError(f"语料文件夹是空的：{item}", hint="请放入 .txt、.md 或 .docx 格式的工作总结。")
            files.extend(found)
        else:
            files.append(item)
    return files


def _links_inside(folder: Path, files: list[Path], skipped: list[ReadProblem] | None) -> list[Path]:
    """files without the symbolic links that lead outside folder."""
    root = folder.resolve()
    kept = []
    for p in files:
        if p.is_symlink() or any(parent.is_symlink() for parent in p.relative_to(folder).parents if str(parent) != "."):
            target = p.resolve()
            if not target.is_relative_to(root):
                if skipped is not None:
                    skipped.append(ReadProblem(str(p), f"是指向语料文件夹之外的链接（→ {target}），已跳过"))
                continue
        kept.append(p)
    return kept


def ingest(paths_or_dir: str | Path | Iterable[str | Path], *, progress: bool = False) -> IngestResult:
    """Read, clean, split, structure, label and profile every report under the given path(s).

    A file that cannot be read is reported in result.problems (name + Chinese reason)
    and skipped. Raises InputError when the path is missing or the folder is empty.
    """
    result = IngestResult()
    files = collect_files(paths_or_dir, result.problems)
    iterator: Iterable[Path] = files
    if progress and len(files) > 1:
        from tqdm import tqdm

        iterator = tqdm(files, desc="读取语料", unit="个文件", file=sys.stderr, leave=False)
    for path in iterator:
        try:
            docs, warnings = ingest_file(path)
        except ReadError as exc:
            result.problems.append(ReadProblem(str(path), exc.reason))
            continue
        result.files.append(str(path))
        result.documents.extend(docs)
        result.warnings.extend(f"{path.name}：{w}" for w in warnings)
    if result.documents:
        from drafter.ingest.sections import label_documents

        label_documents(result.documents)
    return result


def corpus_documents(paths_or_dir) -> list[Document]:
    """The documents ingest() reads, without their canonical labels (what the section
    classifier is fitted on: drafter/data/gen_section_classifier.py)."""
    docs: list[Document] = []
    for path in collect_files(paths_or_dir):
        try:
            docs.extend(ingest_file(path)[0])
        except ReadError:
            continue
    return docs


def ingest_file(path: str | Path) -> tuple[list[Document], list[str]]:
    """Documents of one file (canonical labels not set yet) and warnings. Raises ReadError."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ReadError(f"不支持的文件类型「{path.suffix or '无扩展名'}」（支持 .txt、.md、.docx）")
    src = read_source(path)
    if not src.text.strip():
        raise ReadError("文件是空的")
    lines = lines_from_text(src.text, src.hints)
    clean_lines(lines)
    lines = drop_link_lists(lines)
    lines = join_hard_wraps(lines)
    lines = rejoin_fragments(lines)
    lines = split_flattened(lines)
    split = split_documents(lines, path.name)
    if not split.documents:
        raise ReadError("清洗后没有正文（只有网页模板、广告或空行）")
    docs, warnings = [], list(split.warnings)
    skipped: list[tuple[Document, str]] = []
    for raw in split.documents:
        doc = build_document(raw, path.name)
        reason = not_a_report(doc)
        if reason is None:
            docs.append(doc)
        else:
            skipped.append((doc, reason))
    if not docs:
        raise ReadError(f"不像工作总结（{skipped[0][1]}），已跳过；如确是总结，请在第一行写上“……工作总结”一类的标题")
    kept_titles = {doc.title for doc in docs if doc.title}
    for doc, reason in skipped:
        if doc.title in kept_titles and not any(iter_paragraphs(doc.sections)):
            continue            # the page title above the article's own title: nothing lost
        warnings.append(f"第 {doc.start_line} 行起的「{describe(doc)}」不像工作总结（{reason}），已跳过")
    return docs, warnings


def build_document(raw: RawDocument, source: str) -> Document:
    """One structured Document from a split raw document."""
    apply_document_rules(raw.lines)
    cleaned: Counter = Counter(raw.title_rules)
    for ln in raw.lines:
        cleaned.update(ln.rules)
    sections = build_sections(raw.lines)
    doc = Document(source=source, start_line=raw.start_line, end_line=raw.end_line, title=raw.title,
                   title_inferred=raw.title_inferred, sections=sections,
                   cleaned={k: cleaned[k] for k in sorted(cleaned)})
    _mark_paragraphs(doc)
    body = "\n".join(p.text for _, p in iter_paragraphs(doc.sections))
    doc.profile = infer_profile(title=doc.title, text=body)
    note = year_note(doc.title, body)
    if note:
        doc.excluded.append(note)
    return doc


def _mark_paragraphs(doc: Document) -> None:
    """Placeholders and paraphrase scores of paragraphs and headings; exclusion notes."""
    model = load_model()
    pairs = list(iter_paragraphs(doc.sections))
    heads = [sec for sec in iter_sections(doc.sections) if sec.heading]
    texts = [p.text for _, p in pairs] + [sec.heading for sec in heads]
    scores = score_texts(texts, model)
    excluded = 0
    for (_, p), score in zip(pairs, scores):
        p.placeholders = find_placeholders(p.text)
        p.paraphrase_score = score
        if is_paraphrased(score, model):
            p.excluded = EXCLUDED_PARAPHRASE
            excluded += 1
    for sec, score in zip(heads, scores[len(pairs):]):
        if is_paraphrased(score, model):
            sec.excluded = EXCLUDED_PARAPHRASE
    if excluded:
        doc.excluded.append(f"疑似伪原创（机器改写）段落 {excluded}/{len(pairs)} 段，不参与挖掘")

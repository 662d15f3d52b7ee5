"""Batch ingest: files and folders in, every good original stored, every failure explained.

Parsing runs in a child process per file (see `ingest.read_isolated`), so a hostile file can
cost at most its time limit and never the batch. A file whose bytes are already stored is not
parsed again: its arrival is logged as a custody event.

Extraction follows as a second phase over every stored document whose results are missing or
came from another extractor, so an interrupted batch, or a new model, is caught up by the next
run without redoing the rest.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from typing import Protocol
from dataclasses import dataclass, field
from pathlib import Path

from testimonium import ingest
from testimonium.ingest import IngestError, Limits
from testimonium.model import Document
from testimonium.store import Store


class Extractor(Protocol):
    """What the pipeline needs of `testimonium.extract.Extractor`."""

    identity: str

    def extract(self, document: Document): ...

    def extract_many(self, documents: list[Document]) -> Iterator: ...


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line or in an upload form; it wins over what was read."""

    published: str | None = None
    outlet: str | None = None
    title: str | None = None

    def apply(self, document: Document) -> None:
        for name in ("published", "outlet", "title"):
            value = getattr(self, name)
            if value:
                setattr(document, name, value)

    def as_details(self) -> dict[str, str]:
        return {f"given_{name}": value for name, value in vars(self).items() if value}


@dataclass
class Outcome:
    path: str
    status: str  # "ingested", "already present" or "failed"
    sha256: str | None = None
    document_id: int | None = None
    reason: str | None = None
    attachments: int = 0


@dataclass
class BatchReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]


def collect_files(paths: list[Path]) -> tuple[list[Path], list[Outcome]]:
    """Expand folders (recursively, hidden entries skipped, links not followed) in a stable order."""
    files: list[Path] = []
    problems: list[Outcome] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(Path(root) / name for name in sorted(names) if not name.startswith("."))
        elif path.exists():
            files.append(path)
        else:
            problems.append(Outcome(str(path), "failed", reason="no such file or folder"))
    return files, problems


def ingest_file(
    store: Store, path: Path, *, actor: str, overrides: Overrides, limits: Limits,
    filename: str | None = None, source: str | None = None,
) -> Outcome:
    """Ingest one file. `filename` (default: the path's name) is kept as metadata only;
    `source` (default: the path) is what the custody log records as where the bytes came from."""
    filename = filename or path.name
    source = source or str(path)
    try:
        data = ingest.read_bytes(path, limits)
    except IngestError as error:
        return Outcome(source, "failed", reason=str(error))
    except OSError as error:
        return Outcome(source, "failed", reason=f"cannot read: {error.strerror or error}")
    sha256 = hashlib.sha256(data).hexdigest()
    if store.has(sha256):
        result = store.record_seen_again(sha256, source=source, actor=actor, details={"filename": filename})
        return Outcome(source, result.status, sha256, result.document_id)
    try:
        document = ingest.read_isolated(data, filename=filename, limits=limits)
    except IngestError as error:
        return Outcome(source, "failed", sha256, reason=str(error))
    overrides.apply(document)
    result = store.add(document, source=source, actor=actor, details=overrides.as_details())
    return Outcome(source, result.status, sha256, result.document_id, attachments=len(result.children))


def ingest_paths(
    store: Store,
    paths: list[Path],
    *,
    actor: str,
    overrides: Overrides | None = None,
    limits: Limits | None = None,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Outcome], None] | None = None,
) -> BatchReport:
    """Ingest every file under `paths`; `on_start(total)` and `on_file(outcome)` report progress."""
    files, problems = collect_files(paths)
    overrides = overrides or Overrides()
    limits = limits or Limits.from_env()
    report = BatchReport(outcomes=list(problems))
    if on_start:
        on_start(len(files))
    for path in files:
        outcome = ingest_file(store, path, actor=actor, overrides=overrides, limits=limits)
        report.outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    return report


@dataclass
class ExtractionOutcome:
    document_id: int
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


def extract_pending(
    store: Store,
    extractor: Extractor,
    *,
    actor: str,
    batch_size: int = 16,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[ExtractionOutcome], None] | None = None,
) -> list[ExtractionOutcome]:
    """Extract every stored document that has no results from this extractor yet."""
    pending = store.needing_extraction(extractor.identity)
    if on_start:
        on_start(len(pending))
    outcomes: list[ExtractionOutcome] = []
    for first in range(0, len(pending), batch_size):
        for outcome in _extract_chunk(store, extractor, pending[first : first + batch_size], actor):
            outcomes.append(outcome)
            if on_document:
                on_document(outcome)
    return outcomes


def _extract_chunk(store: Store, extractor: Extractor, ids: list[int], actor: str) -> Iterator[ExtractionOutcome]:
    documents = [store.load_document(document_id) for document_id in ids]
    try:
        results = [extraction for _, extraction in extractor.extract_many(documents)]
    except Exception:  # noqa: BLE001 - one bad document must not cost the batch: retry one by one
        results = None
    for index, document_id in enumerate(ids):
        try:
            result = results[index] if results is not None else extractor.extract(documents[index])
        except Exception as error:  # noqa: BLE001 - reported per document, never with its text
            yield ExtractionOutcome(document_id, error=f"extraction failed: {type(error).__name__}")
            continue
        counts = store.save_extraction(document_id, result.contract_json(), extractor=extractor.identity, actor=actor)
        yield ExtractionOutcome(document_id, counts=counts)

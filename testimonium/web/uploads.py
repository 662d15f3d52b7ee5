"""Uploaded files through the same pipeline as `testimonium ingest`, then extraction.

Each upload is copied to a fresh temporary folder under a name the server makes up (keeping
only a plain extension, which helps type detection); the name the browser sent is shown back to
the user and never touches the file system.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from testimonium.ingest import Limits
from testimonium.model import partial_date
from testimonium.pipeline import Overrides, extract_pending, ingest_file
from testimonium.settings import DEFAULT_EMBEDDING_MODEL
from testimonium.store import Store

log = logging.getLogger(__name__)
EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}$")


class UploadError(ValueError):
    """A request that cannot be processed; the message is safe to show."""


@dataclass
class UploadOutcome:
    name: str  # as the browser sent it: for display only
    status: str  # "ingested", "already present" or "failed"
    document_id: int | None = None
    sha256: str | None = None
    reason: str | None = None
    attachments: int = 0


@dataclass
class UploadReport:
    outcomes: list[UploadOutcome] = field(default_factory=list)
    extraction_errors: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def as_json(self) -> dict[str, Any]:
        return {
            "ingested": self.count("ingested"), "already_present": self.count("already present"),
            "failed": self.count("failed"),
            "files": [vars(outcome) for outcome in self.outcomes],
            "extraction_errors": self.extraction_errors,
        }


def check_published(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return partial_date(value)
    except ValueError as error:
        raise UploadError(str(error)) from None


def _clean(value: str | None) -> str | None:
    # PostgreSQL refuses NUL in text; nothing a person types contains one.
    value = (value or "").replace("\x00", "").strip()
    return value[:200] or None


class Uploader:
    """Ingests uploads and extracts them; the language model is loaded on the first upload and
    kept, and one extraction runs at a time (the model is not shared between threads)."""

    def __init__(self, store: Store, model: str, embedding_model: str = DEFAULT_EMBEDDING_MODEL) -> None:
        self.store = store
        self.model = model
        self.embedding_model = embedding_model
        self._extractor = None
        self._embedder = None
        self._lock = threading.Lock()

    def ingest(self, files: list[tuple[str, BinaryIO]], *, actor: str, published: str | None = None,
               outlet: str | None = None) -> UploadReport:
        overrides = Overrides(published=check_published(published), outlet=_clean(outlet))
        report = UploadReport()
        limits = Limits.from_env()
        with tempfile.TemporaryDirectory(prefix="testimonium-upload-") as folder:
            for number, (name, stream) in enumerate(files, 1):
                suffix = EXTENSION.search(name or "")
                path = Path(folder) / f"upload-{number:03d}{suffix.group().lower() if suffix else ''}"
                with path.open("wb") as target:
                    shutil.copyfileobj(stream, target)
                original = Path(name or "").name or path.name  # the browser's name, as metadata only
                outcome = ingest_file(self.store, path, actor=actor, overrides=overrides, limits=limits,
                                      filename=original, source=f"web upload: {original}")
                reason = outcome.reason.replace(str(path), name) if outcome.reason else None
                report.outcomes.append(UploadOutcome(name, outcome.status, outcome.document_id, outcome.sha256,
                                                     reason, outcome.attachments))
        if report.count("ingested"):
            report.extraction_errors = self._extract(actor)
        return report

    def _extract(self, actor: str) -> list[str]:
        with self._lock:
            if self._extractor is None:
                try:
                    from testimonium.extract import Extractor  # loads spaCy: only once there is work

                    self._extractor = Extractor(self.model)
                except Exception as error:  # noqa: BLE001 - the originals are stored; say why extraction waits
                    log.exception("cannot load the extractor")
                    return [f"extraction did not run ({type(error).__name__}: {error}); the documents are "
                            "stored, and `testimonium reextract` will extract them"]
            outcomes = extract_pending(self.store, self._extractor, actor=actor)
            errors = [f"document {outcome.document_id}: {outcome.error}" for outcome in outcomes if outcome.error]
            return errors + self._connect()

    def embedder(self):
        """The sentence-embedding model, loaded once and kept."""
        if self._embedder is None:
            from testimonium.connect.embeddings import Embedder

            self._embedder = Embedder.load(self.embedding_model)
        return self._embedder

    def _connect(self) -> list[str]:
        try:
            from testimonium.connect.run import connect

            connect(self.store, embedder=self.embedder())
        except Exception as error:  # noqa: BLE001 - documents and extraction are stored; say what waits
            log.exception("cannot connect documents")
            return [f"cross-document linking did not run ({type(error).__name__}); `testimonium connect` will run it"]
        return []

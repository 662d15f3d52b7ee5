"""The evidence store: documents and their originals, and the custody log over both.

    store = Store.open(home, url)          # migrates the schema, tidies abandoned temp files
    store.add(document, source=..., actor=...)
    store.verify()

Originals go to the blob store before the row that names them is committed, so a crash leaves
at worst an unreferenced blob (adopted by the next ingest of the same bytes), never a row
without its original. The store never parses text: it keeps what ingest and extract produce.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from testimonium import TOOL_NAME, __version__
from testimonium.model import Document, partial_date
from testimonium.store.blobs import BlobStore
from testimonium.store.custody import GENESIS, canonical_details, row_hash, utc_now, verify_chain
from testimonium.store.database import begin_write, make_engine, migrate, normalise_url
from testimonium.store.records import delete_results, insert_results
from testimonium.store.schema import custody, documents, extraction_runs

__all__ = ["AddResult", "DocumentNotFound", "Store", "VerifyReport"]

RECORD_FIELDS = (
    "sha256",
    "media_type",
    "size",
    "filename",
    "title",
    "author",
    "outlet",
    "dateline",
    "published",
    "language",
    "text",
    "metadata",
)


# Metadata an editor may correct; the text and the original never change.
CORRECTABLE = ("title", "author", "outlet", "dateline", "published")


class DocumentNotFound(LookupError):
    pass


@dataclass
class AddResult:
    status: str  # "ingested" or "already present"
    document_id: int
    sha256: str
    children: list[AddResult] = field(default_factory=list)


@dataclass
class VerifyReport:
    documents: int = 0
    blobs: int = 0
    custody_rows: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The newest custody row's number and hash: written down elsewhere, it shows later whether
    # rows were cut off the end, which the chain alone cannot.
    head: tuple[int, str] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def record_hash(row: dict[str, Any]) -> str:
    """Hash of a document row's stored fields, kept in its custody event so edits show."""
    body = json.dumps({name: row[name] for name in RECORD_FIELDS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


class Store:
    def __init__(self, url: str, home: Path) -> None:
        self.home = home
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self.blobs = BlobStore(home / "blobs")

    @classmethod
    def open(cls, home: Path, url: str | None = None) -> Store:
        home.mkdir(parents=True, exist_ok=True)
        store = cls(url or default_url(home), home)
        migrate(store.engine)
        store.blobs.remove_abandoned_temp_files()
        return store

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -------------------------------------------------------------------------------

    def add(self, document: Document, *, source: str | None, actor: str, details: dict | None = None) -> AddResult:
        """Keep a document (and its attachments): originals first, then rows and custody."""
        for item in _walk(document):
            if item.content is None:
                raise ValueError("a document needs its original bytes to be stored")
            self.blobs.put(item.content, item.sha256)
        with begin_write(self.engine) as conn:
            return self._add_row(conn, document, None, source, actor, details or {})

    def _add_row(
        self, conn: Connection, document: Document, parent: tuple[int, str] | None,
        source: str | None, actor: str, details: dict,
    ) -> AddResult:
        existing = conn.execute(select(documents.c.id).where(documents.c.sha256 == document.sha256)).scalar()
        event_details = dict(details, filename=document.filename)
        if parent is not None:
            event_details["attachment_of"] = parent[1]
        if existing is not None:
            self._append(conn, "seen-again", document.sha256, actor, source, event_details)
            return AddResult("already present", existing, document.sha256)
        row = {
            "sha256": document.sha256,
            "parent_id": parent[0] if parent else None,
            "media_type": document.media_type,
            "size": document.size,
            "filename": document.filename,
            "title": document.title,
            "author": document.author,
            "outlet": document.outlet,
            "dateline": document.dateline,
            "published": document.published,
            "language": document.language,
            "text": document.text,
            "metadata": json.dumps(document.metadata, sort_keys=True, ensure_ascii=False, default=str),
            "created_at": utc_now(),
        }
        document_id = conn.execute(insert(documents).values(**row).returning(documents.c.id)).scalar_one()
        event_details.update(media_type=document.media_type, size=document.size, record_sha256=record_hash(row))
        self._append(conn, "ingested", document.sha256, actor, source, event_details)
        result = AddResult("ingested", document_id, document.sha256)
        for child in document.attachments:
            result.children.append(
                self._add_row(conn, child, (document_id, document.sha256), source, actor, details)
            )
        return result

    def save_extraction(self, document_id: int, result: dict[str, Any], *, extractor: str, actor: str) -> dict[str, int]:
        """Replace a document's extraction results and log it: re-extraction after a model or
        rule change leaves no stale rows behind and one more custody event."""
        digest = hashlib.sha256(canonical_details(result).encode()).hexdigest()
        with begin_write(self.engine) as conn:
            sha256 = conn.execute(select(documents.c.sha256).where(documents.c.id == document_id)).scalar()
            if sha256 is None:
                raise DocumentNotFound(str(document_id))
            delete_results(conn, document_id)
            counts = insert_results(conn, document_id, result)
            conn.execute(insert(extraction_runs).values(
                document_id=document_id, extractor=extractor, at=utc_now(), result_sha256=digest,
            ))
            self._append(conn, "extracted", sha256, actor, None,
                         {"extractor": extractor, "result_sha256": digest, **counts})
            return counts

    def correct(self, document_id: int, changes: dict[str, str | None], *, actor: str, reason: str) -> dict[str, Any]:
        """Change a document's metadata by hand: a human decision, logged as a `corrected`
        custody event with the old and new values and the new record hash."""
        unknown = set(changes) - set(CORRECTABLE)
        if unknown:
            raise ValueError(f"only {', '.join(CORRECTABLE)} can be corrected, not {', '.join(sorted(unknown))}")
        if not reason.strip():
            raise ValueError("say why the record is corrected")
        if changes.get("published"):
            changes = dict(changes, published=partial_date(changes["published"]))
        with begin_write(self.engine) as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
            if row is None:
                raise DocumentNotFound(str(document_id))
            record = dict(row._mapping)
            changed = {name: {"from": record[name], "to": value or None}
                       for name, value in changes.items() if (value or None) != record[name]}
            if not changed:
                return {}
            values = {name: change["to"] for name, change in changed.items()}
            conn.execute(update(documents).where(documents.c.id == document_id).values(**values))
            record.update(values)
            self._append(conn, "corrected", record["sha256"], actor, None,
                         {"fields": changed, "reason": reason.strip(), "record_sha256": record_hash(record)})
            return changed

    def needing_extraction(self, extractor: str) -> list[int]:
        """Documents with no results yet, or results from another extractor, in id order."""
        current = select(extraction_runs.c.document_id).where(extraction_runs.c.extractor == extractor)
        query = select(documents.c.id).where(documents.c.id.not_in(current)).order_by(documents.c.id)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def record_seen_again(self, sha256: str, *, source: str | None, actor: str, details: dict | None = None) -> AddResult:
        """Log that already-stored bytes arrived again (no parsing, no new document)."""
        with begin_write(self.engine) as conn:
            document_id = conn.execute(select(documents.c.id).where(documents.c.sha256 == sha256)).scalar()
            if document_id is None:
                raise DocumentNotFound(sha256)
            self._append(conn, "seen-again", sha256, actor, source, details or {})
            return AddResult("already present", document_id, sha256)

    def log_event(self, event: str, sha256: str | None, *, actor: str, source: str | None = None,
                  details: dict | None = None) -> None:
        with begin_write(self.engine) as conn:
            self._append(conn, event, sha256, actor, source, details or {})

    def log_event_in(self, conn: Connection, event: str, sha256: str | None, *, actor: str,
                     details: dict | None = None) -> None:
        """Log an event inside a write transaction the caller holds, so the change and its
        custody record commit together or not at all."""
        self._append(conn, event, sha256, actor, None, details or {})

    def _append(self, conn: Connection, event: str, sha256: str | None, actor: str,
                source: str | None, details: dict) -> None:
        last = conn.execute(select(custody.c.seq, custody.c.hash).order_by(custody.c.seq.desc()).limit(1)).first()
        row = {
            "seq": last.seq + 1 if last else 1,
            "at": utc_now(),
            "event": event,
            "sha256": sha256,
            "actor": actor,
            "source": source,
            "tool": TOOL_NAME,
            "tool_version": __version__,
            "details": canonical_details(details),
        }
        row["prev_hash"] = last.hash if last else GENESIS
        row["hash"] = row_hash(row["prev_hash"], row)
        conn.execute(insert(custody).values(**row))

    # -- reading -------------------------------------------------------------------------------

    def has(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.sha256 == sha256)).first() is not None

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Newest publication first; undated documents last, most recently ingested first."""
        query = (
            select(documents.c.id, documents.c.sha256, documents.c.title, documents.c.outlet,
                   documents.c.published, documents.c.media_type, documents.c.parent_id)
            .order_by(documents.c.published.desc().nulls_last(), documents.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(documents)).scalar_one()

    def get(self, reference: str) -> dict[str, Any]:
        """A document by id or by a prefix (at least 4 hex digits) of its SHA-256."""
        reference = reference.strip().lower()
        if reference.isdigit() and len(reference) < 12:
            condition = documents.c.id == int(reference)
        elif len(reference) >= 4 and all(c in "0123456789abcdef" for c in reference):
            condition = documents.c.sha256.startswith(reference, autoescape=True)
        else:
            raise DocumentNotFound(f"{reference!r} is neither a document id nor a SHA-256 prefix of 4+ hex digits")
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents).where(condition).limit(2)).all()
        if not rows:
            raise DocumentNotFound(f"no document matches {reference!r}")
        if len(rows) > 1:
            raise DocumentNotFound(f"{reference!r} matches more than one document; give more digits")
        record = dict(rows[0]._mapping)
        record["metadata"] = json.loads(record["metadata"])
        return record

    def load_document(self, document_id: int) -> Document:
        """The stored document as the extractor takes it (text and metadata; no original bytes)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
        if row is None:
            raise DocumentNotFound(str(document_id))
        return Document(
            sha256=row.sha256, size=row.size, media_type=row.media_type, text=row.text, filename=row.filename,
            title=row.title, author=row.author, outlet=row.outlet, dateline=row.dateline,
            published=row.published, language=row.language, metadata=json.loads(row.metadata),
        )

    def children(self, document_id: int) -> list[dict[str, Any]]:
        query = select(documents.c.id, documents.c.sha256, documents.c.filename, documents.c.media_type).where(
            documents.c.parent_id == document_id
        ).order_by(documents.c.id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def custody_events(self, sha256: str | None = None) -> list[dict[str, Any]]:
        query = select(custody).order_by(custody.c.seq)
        if sha256 is not None:
            query = query.where(custody.c.sha256 == sha256)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def _iter_rows(self, query) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=1000).execute(query):
                yield dict(row._mapping)

    # -- verifying -----------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Re-hash every original, re-check every document row and the whole custody chain."""
        report = VerifyReport()
        record_hashes: dict[str, str] = {}
        ingested: set[str] = set()

        def chained_rows() -> Iterator[dict[str, Any]]:
            for row in self._iter_rows(select(custody).order_by(custody.c.seq)):
                if row["event"] in ("ingested", "corrected") and row["sha256"]:
                    if row["event"] == "ingested":
                        ingested.add(row["sha256"])
                    # the latest record hash wins: corrections are logged changes, not tampering
                    record = json.loads(row["details"]).get("record_sha256")
                    if record:
                        record_hashes[row["sha256"]] = record
                report.head = (row["seq"], row["hash"])
                yield row

        report.custody_rows, report.problems = verify_chain(chained_rows())

        referenced: set[str] = set()
        for row in self._iter_rows(select(documents).order_by(documents.c.id)):
            report.documents += 1
            sha = row["sha256"]
            referenced.add(sha)
            label = f"document {row['id']} ({sha[:12]})"
            if not self.blobs.exists(sha):
                report.problems.append(f"{label}: original is missing from the blob store")
            else:
                actual = self.blobs.hash_of(sha)
                if actual != sha:
                    report.problems.append(f"{label}: original was altered (its bytes now hash to {actual[:12]})")
            if sha not in ingested:
                report.problems.append(f"{label}: no 'ingested' custody event records it")
            elif record_hashes.get(sha) != record_hash(row):
                report.problems.append(f"{label}: stored record differs from what custody recorded at ingest")

        for sha in self.blobs.all():
            report.blobs += 1
            if sha not in referenced:
                report.notes.append(
                    f"blob {sha[:12]} has no document (left by an interrupted ingest; "
                    "ingesting the same file again adopts it)"
                )
        return report


def _walk(document: Document) -> Iterator[Document]:
    yield document
    for child in document.attachments:
        yield from _walk(child)


def default_url(home: Path) -> str:
    return f"sqlite:///{home / 'testimonium.db'}"

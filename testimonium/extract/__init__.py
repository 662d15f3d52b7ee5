"""Extraction: a document's text in, entities, dates, quantities, claims and events out.

Never touches the database: `testimonium extract` runs it statelessly.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc

from testimonium.ingest.media import MARKDOWN
from testimonium.model import Document

from . import pipeline
from .markup import EMPHASIS_KEY, blank_markdown
from .identity import extractor_identity


@dataclass
class Extraction:
    entities: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def contract_json(self) -> dict[str, Any]:
        return {
            "entities": self.entities,
            "dates": self.dates,
            "quantities": self.quantities,
            "claims": self.claims,
            "events": self.events,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Extraction:
        def dump(items) -> list[dict[str, Any]]:
            return [item.to_json() for item in items or ()]

        return cls(entities=dump(doc._.entities), dates=dump(doc._.dates),
                   quantities=dump(doc._.quantities), claims=dump(doc._.claims),
                   events=dump(doc._.events))


class Extractor:
    """Runs the extraction pipeline. `model` is a spaCy model name or path."""

    def __init__(self, model: str = "en_core_web_sm") -> None:
        self.model = model
        self.identity = extractor_identity(model)
        self.nlp = pipeline.shared(model)

    def extract(self, document: Document, published: str | None = None) -> Extraction:
        doc = self.nlp(self._prepare(document, published))
        return Extraction.from_doc(doc)

    def extract_many(self, documents: Iterable[Document], published: str | None = None,
                     n_process: int = 1, batch_size: int = 16) -> Iterator[tuple[Document, Extraction]]:
        """Extract a stream of documents in batches (and processes), yielding them in order."""
        if n_process > 1:
            yield from self._extract_in_processes(documents, published, n_process, batch_size)
            return
        pairs = ((self._prepare(d, published), d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield document, Extraction.from_doc(doc)

    def _extract_in_processes(self, documents: Iterable[Document], published: str | None, n_process: int,
                              batch_size: int) -> Iterator[tuple[Document, Extraction]]:
        # Our results live in Doc extension attributes that spaCy's own multiprocessing cannot
        # serialise; forked workers that share this loaded pipeline return plain Extractions,
        # a batch at a time so each worker still runs nlp.pipe over whole batches.
        global _worker_extractor
        _worker_extractor = self
        documents = list(documents)
        batches = [
            [replace(d, content=None, attachments=[]) for d in documents[start:start + batch_size]]
            for start in range(0, len(documents), batch_size)
        ]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=n_process, mp_context=context) as pool:
            results = pool.map(_extract_batch_in_worker, batches, [published] * len(batches))
            extractions = (extraction for batch in results for extraction in batch)
            yield from zip(documents, extractions)

    def _prepare(self, document: Document, published: str | None) -> Doc:
        text, emphasised = blank_markdown(document.text) if document.media_type == MARKDOWN else (document.text, [])
        doc = self.nlp.make_doc(text)
        doc.user_data[EMPHASIS_KEY] = emphasised
        # the caller's date wins; never today's date: without one the year stays unknown
        doc._.published = published or document.published or None
        return doc


_worker_extractor: Extractor | None = None


def _extract_batch_in_worker(documents: list[Document], published: str | None) -> list[Extraction]:
    assert _worker_extractor is not None, "workers are forked from a process that set the extractor"
    return [extraction for _, extraction in _worker_extractor.extract_many(documents, published)]

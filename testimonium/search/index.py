"""Search over a store: one interface and one results contract, whichever database it is on."""

from __future__ import annotations

import html
from collections import defaultdict
from types import ModuleType

from sqlalchemy import Connection, func, select

from testimonium.search import postgres, sqlite
from testimonium.search.contract import Candidate, Hit, SearchQuery, SearchResults, marked_html
from testimonium.search.filters import allowed, count_facets
from testimonium.search.query import ParsedQuery, parse
from testimonium.store import Store
from testimonium.store.schema import claims, documents, entities

# Facets are counted over at most this many of the best matching documents: counting the
# entities of every match of a common word would cost more than the search itself.
FACET_SAMPLE = 500
# At most this many matches of each kind are scored and counted: the most recently stored
# ones, when more match (a word in a third of 100,000 documents would cost ~70 ms to score).
RANK_LIMIT = 5_000
OPENING_CHARS = 240


class SearchIndex:
    """Full-text search over documents, claims and entity names, with facets.

        results = SearchIndex(store).search(SearchQuery(text="asylum denied", outlet="TCA"))

    The index itself lives in the database (migration 0003) and follows every write; there is
    nothing to build or refresh here.
    """

    def __init__(self, store: Store) -> None:
        self.engine = store.engine
        self.backend: ModuleType = postgres if self.engine.dialect.name == "postgresql" else sqlite

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = parse(query.text)
        if parsed.excluded and not parsed:
            return SearchResults(0)  # neither engine can list "everything but": nothing rather than too much
        with self.engine.connect() as conn:
            if not parsed:
                return _browse(conn, query)
            return self._search(conn, query, parsed)

    def _search(self, conn: Connection, query: SearchQuery, parsed: ParsedQuery) -> SearchResults:
        window = query.offset + query.limit
        best_documents, matching_documents = self._rank(conn, "document", parsed, query, max(window, FACET_SAMPLE))
        candidates: list[Candidate] = []
        counts = []
        for kind in query.kinds:
            if kind == "document":
                found, matching = best_documents[:window], matching_documents
            else:
                found, matching = self._rank(conn, kind, parsed, query, window)
            candidates += found
            counts.append(matching)
        page = _ordered(candidates)[query.offset : window]
        facets = count_facets(conn, [c.document_id for c in best_documents[:FACET_SAMPLE]])
        return SearchResults(
            total=sum(counts), hits=self._hits(conn, parsed, page), facets=facets,
            facets_complete=matching_documents <= FACET_SAMPLE, total_exact=max(counts) < RANK_LIMIT,
        )

    def _rank(self, conn: Connection, kind: str, parsed: ParsedQuery, facets: SearchQuery,
              limit: int) -> tuple[list[Candidate], int]:
        """The `limit` best matches of one kind, with what ordering and display need, and how
        many matches there are (counted up to RANK_LIMIT)."""
        matches = self.backend.matches(kind, parsed, facets)
        # Both engines deliver matches in row order without scoring them; only the newest
        # RANK_LIMIT are scored.
        newest = matches.order_by(matches.selected_columns.fts_key.desc()).limit(RANK_LIMIT).subquery()
        counted = select(*newest.c, func.count().over().label("matching")).subquery()
        best = select(counted).order_by(counted.c.score.desc(), counted.c.fts_key.desc()).limit(limit).subquery()
        if kind == "document":
            document_id, title = best.c.row_id, documents.c.title
            joined = best.join(documents, documents.c.id == best.c.row_id)
        else:
            source = claims if kind == "claim" else entities
            document_id = source.c.document_id
            title = documents.c.title if kind == "claim" else entities.c.name
            joined = best.join(source, source.c.id == best.c.row_id).join(documents, documents.c.id == document_id)
        rows = conn.execute(
            select(best.c.row_id, best.c.fts_key, document_id, best.c.score, documents.c.published, title,
                   best.c.matching).select_from(joined)
        ).all()
        matching = rows[0].matching if rows else 0
        return _ordered([Candidate(kind, *row[:-1]) for row in rows]), matching

    def _hits(self, conn: Connection, parsed: ParsedQuery, page: list[Candidate]) -> list[Hit]:
        keys: dict[str, list[int]] = defaultdict(list)
        for candidate in page:
            keys[candidate.kind].append(candidate.key)
        raw = {kind: self.backend.snippets(conn, kind, parsed, kind_keys) for kind, kind_keys in keys.items()}
        return [
            Hit(c.kind, c.id, c.document_id, c.title, marked_html(raw[c.kind].get(c.key) or ""), c.score, c.published)
            for c in page
        ]


def _ordered(candidates: list[Candidate]) -> list[Candidate]:
    """Best score first; equal scores newest publication first, undated last."""
    by_date = sorted(candidates, key=lambda c: (c.published is not None, c.published or "", c.kind, c.id), reverse=True)
    return sorted(by_date, key=lambda c: c.score, reverse=True)


def _browse(conn: Connection, query: SearchQuery) -> SearchResults:
    """No words to search for: the documents the facets allow, newest first."""
    where = allowed(documents.c.id, query)
    newest_first = (documents.c.published.desc().nulls_last(), documents.c.id.desc())
    allowed_documents = select(documents.c.id).where(where).limit(RANK_LIMIT).subquery()
    matching = conn.execute(select(func.count()).select_from(allowed_documents)).scalar_one()
    exact = matching < RANK_LIMIT
    sample = conn.execute(select(documents.c.id).where(where).order_by(*newest_first).limit(FACET_SAMPLE))
    facets = count_facets(conn, list(sample.scalars()))
    if "document" not in query.kinds:
        return SearchResults(0, [], facets, matching <= FACET_SAMPLE)
    rows = conn.execute(
        select(documents.c.id, documents.c.title, documents.c.published,
               func.substr(documents.c.text, 1, OPENING_CHARS + 1))
        .where(where).order_by(*newest_first).offset(query.offset).limit(query.limit)
    )
    hits = [Hit("document", id_, id_, title, _opening(text), 0.0, published) for id_, title, published, text in rows]
    return SearchResults(matching, hits, facets, matching <= FACET_SAMPLE, exact)


def _opening(text: str) -> str:
    if len(text) <= OPENING_CHARS:
        return html.escape(text)
    cut = text[:OPENING_CHARS].rsplit(None, 1)[0]
    return html.escape(cut) + "…"

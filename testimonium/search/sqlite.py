"""SQLite: FTS5 tables kept in step with the base tables by triggers (migration 0003)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, Select, column, func, literal_column, select, table

from testimonium.search.contract import START, STOP, SearchQuery
from testimonium.search.filters import allowed
from testimonium.search.query import ParsedQuery, to_fts5
from testimonium.store.schema import claims, entities

SNIPPET_TOKENS = 32

_names = table("search_entity_names", column("id"), column("type"), column("name"))


class _Index:
    """One FTS5 table: `weights` per indexed column for bm25; `shown` is the column a snippet
    comes from, all of it when `whole` (short texts), else the best passage."""

    def __init__(self, name: str, weights: tuple[float, ...], shown: int, whole: bool) -> None:
        self.name = name
        self.table = table(name, column("rowid"))
        self.weights = weights
        self.shown = shown
        self.whole = whole

    def match(self, query: ParsedQuery) -> ColumnElement:
        return literal_column(self.name).op("MATCH")(to_fts5(query))

    def score(self) -> ColumnElement:
        # bm25() is lower for better matches.
        return -func.bm25(literal_column(self.name), *self.weights)

    def snippet(self) -> ColumnElement:
        if self.whole:
            return func.highlight(literal_column(self.name), self.shown, START, STOP)
        return func.snippet(literal_column(self.name), self.shown, START, STOP, "…", SNIPPET_TOKENS)


# Title matches count most, the outlet more than the body that names it only in passing.
_INDEXES = {
    "document": _Index("search_documents", (10.0, 1.0, 2.0), 1, whole=False),
    "claim": _Index("search_claims", (1.0, 0.5), 0, whole=True),
    "entity": _Index("search_entities", (1.0,), 0, whole=True),
}


def matches(kind: str, query: ParsedQuery, facets: SearchQuery) -> Select:
    """(fts_key, score, row_id) of every match that the facets allow."""
    index = _INDEXES[kind]
    fts = index.table
    columns = (fts.c.rowid.label("fts_key"), index.score().label("score"), fts.c.rowid.label("row_id"))
    # Each `+ 0` below keeps SQLite from looking up every document a facet allows (in FTS5,
    # running the full-text query again for each): the rows at hand are checked against the
    # facets instead, which costs in proportion to the matches.
    if kind == "document":
        return select(*columns).where(index.match(query), allowed(fts.c.rowid + 0, facets))
    if kind == "claim":
        matched = select(*columns).where(index.match(query))
        if facets.has_facets():
            matched = matched.join(claims, claims.c.id == fts.c.rowid).where(allowed(claims.c.document_id + 0, facets))
        return matched
    # An entity name is a hit when some allowed document mentions it; its first such row stands
    # for it.
    first = (
        select(entities.c.id)
        .where(entities.c.type == _names.c.type, entities.c.name == _names.c.name,
               allowed(entities.c.document_id + 0, facets))
        .order_by(entities.c.id).limit(1)
        .scalar_subquery()
    )
    inner = (
        select(fts.c.rowid.label("fts_key"), index.score().label("score"), first.label("row_id"))
        .join(_names, _names.c.id == fts.c.rowid)
        .where(index.match(query))
        .subquery()
    )
    return select(*inner.c).where(inner.c.row_id.is_not(None))


def snippets(conn: Connection, kind: str, query: ParsedQuery, keys: list[int]) -> dict[int, str]:
    """Raw snippets (match sentinels, not yet escaped) for these rows of one kind."""
    index = _INDEXES[kind]
    rows = conn.execute(
        select(index.table.c.rowid, index.snippet()).where(index.match(query), index.table.c.rowid.in_(keys))
    )
    return dict(rows.all())

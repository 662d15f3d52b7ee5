"""PostgreSQL: tsvector side tables with GIN indexes, kept in step by triggers (migration 0003).

The text search configuration `search_text` ('simple' with diacritics folded) does no stemming
and drops no stop words, as SQLite's unicode61 tokeniser: names matter more here than English
inflections, and both backends then find the same hits for the same query.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, Select, column, func, literal_column, select, table

from testimonium.search.contract import START, STOP, SearchQuery
from testimonium.search.filters import allowed
from testimonium.search.query import ParsedQuery, to_tsquery
from testimonium.store.schema import claims, documents, entities

CONFIG = literal_column("'search_text'::regconfig")
# ts_headline reads the whole text it is given: a match further in than this shows the start.
SNIPPET_SOURCE_CHARS = 100_000
SNIPPET_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=32, MinWords=16, MaxFragments=1, FragmentDelimiter=…"
WHOLE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
_SHIELDS = "\ue000\ue001"
_UNSHIELD = {0xE000: "<", 0xE001: ">"}
# ts_rank_cd's normalisation 1: divided by 1 + log(length), so long reports do not win by size.
RANK_NORMALISATION = 1

_documents = table("search_documents", column("document_id"), column("tsv"))
_claims = table("search_claims", column("claim_id"), column("document_id"), column("tsv"))
_names = table("search_entity_names", column("id"), column("type"), column("name"), column("tsv"))
_TEXTS = {"document": (_documents, _documents.c.document_id), "claim": (_claims, _claims.c.claim_id)}


def _tsquery(query: ParsedQuery) -> ColumnElement:
    return func.to_tsquery(CONFIG, to_tsquery(query))


def matches(kind: str, query: ParsedQuery, facets: SearchQuery) -> Select:
    """(fts_key, score, row_id) of every match that the facets allow."""
    tsquery = _tsquery(query)
    if kind in _TEXTS:
        text, key = _TEXTS[kind]
        score = func.ts_rank_cd(text.c.tsv, tsquery, RANK_NORMALISATION)
        return select(key.label("fts_key"), score.label("score"), key.label("row_id")).where(
            text.c.tsv.op("@@")(tsquery), allowed(text.c.document_id, facets))
    # An entity name is a hit when some allowed document mentions it; its first such row stands
    # for it.
    first = (
        select(func.min(entities.c.id))
        .where(entities.c.type == _names.c.type, entities.c.name == _names.c.name,
               allowed(entities.c.document_id, facets))
        .scalar_subquery()
    )
    inner = (
        select(_names.c.id.label("fts_key"), func.ts_rank_cd(_names.c.tsv, tsquery).label("score"),
               first.label("row_id"))
        .where(_names.c.tsv.op("@@")(tsquery))
        .subquery()
    )
    return select(*inner.c).where(inner.c.row_id.is_not(None))


def snippets(conn: Connection, kind: str, query: ParsedQuery, keys: list[int]) -> dict[int, str]:
    """Raw snippets (match sentinels, not yet escaped) for these rows of one kind."""
    tsquery = _tsquery(query)
    if kind == "document":
        id_, source, options = documents.c.id, func.substr(documents.c.text, 1, SNIPPET_SOURCE_CHARS), SNIPPET_OPTIONS
    elif kind == "claim":
        id_, source, options = claims.c.id, claims.c.content, WHOLE_OPTIONS
    else:
        id_, source, options = _names.c.id, _names.c.name, WHOLE_OPTIONS
    # ts_headline drops what its parser takes for markup tags; with the brackets swapped for
    # private-use characters it shows the text as it is, brackets restored afterwards.
    shielded = func.translate(source, "<>", _SHIELDS)
    rows = conn.execute(select(id_, func.ts_headline(CONFIG, shielded, tsquery, options)).where(id_.in_(keys)))
    return {key: headline.translate(_UNSHIELD) for key, headline in rows}

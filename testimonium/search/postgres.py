"""PostgreSQL: tsvector side tables with GIN indexes, kept in step by triggers (migration 0003).

The text search configuration `search_text` ('simple' with diacritics folded) does no stemming
and drops no stop words, as SQLite's unicode61 tokeniser: names matter more here than English
inflections, and both backends then find the same hits for the same query.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    Select,
    column,
    func,
    literal_column,
    select,
    table,
    true,
)

from testimonium.search.contract import START, STOP, SearchQuery
from testimonium.search.filters import allowed
from testimonium.search.query import ParsedQuery, Term, to_tsquery
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

_claims = table("search_claims", column("claim_id"), column("document_id"), column("tsv"))
_names = table("search_entity_names", column("id"), column("type"), column("name"), column("tsv"))


def _tsquery(query: ParsedQuery) -> ColumnElement:
    return func.to_tsquery(CONFIG, to_tsquery(query))


def matches(kind: str, query: ParsedQuery, facets: SearchQuery) -> Select:
    """(fts_key, score, row_id) of every match that the facets allow."""
    if kind == "document":
        return _document_matches(query, facets)
    tsquery = _tsquery(query)
    if kind == "claim":
        # Claims are a sentence each: their vectors are stored inline, cheap to read and rank.
        score = func.ts_rank_cd(_claims.c.tsv, tsquery, RANK_NORMALISATION)
        key = _claims.c.claim_id
        return select(key.label("fts_key"), score.label("score"), key.label("row_id")).where(
            _claims.c.tsv.op("@@")(tsquery), allowed(_claims.c.document_id, facets))
    # An entity name is a hit when some allowed document mentions it; its first such row stands
    # for it, found by walking the name's rows in id order (ix_search_entities_type_name_id)
    # until one is allowed.
    first = (
        select(entities.c.id.label("row_id"))
        .where(entities.c.type == _names.c.type, entities.c.name == _names.c.name,
               allowed(entities.c.document_id, facets))
        .order_by(entities.c.id).limit(1)
        .lateral("first")
    )
    return (
        select(_names.c.id.label("fts_key"), func.ts_rank_cd(_names.c.tsv, tsquery).label("score"), first.c.row_id)
        .select_from(_names.join(first, true()))
        .where(_names.c.tsv.op("@@")(tsquery))
    )


def _document_matches(query: ParsedQuery, facets: SearchQuery) -> Select:
    """A document's vector is a TOAST value of a few kilobytes, and reading one is most of
    what matching or ranking that document costs; the planner, which prices it as free, would
    read every vector of the store to find a common word. So the GIN index alone finds the
    candidates (`search_document_keys`, migration 0003), the facets are checked on their ids,
    newest first, and only then are vectors read: of the newest RANK_LIMIT allowed candidates
    to rank them, and for a phrase to check it first, just as far as needed
    (`search_document_ranks`)."""
    from testimonium.search.index import RANK_LIMIT  # noqa: PLC0415 (index imports this module)

    found = func.search_document_keys(func.to_tsquery(CONFIG, _loose_tsquery(query))).table_valued(
        column("document_id", Integer)).alias("found")
    # Sorted apart (OFFSET 0 keeps the planner from merging the two), the ids come to the facet
    # checks newest first: once RANK_LIMIT have passed, the rest need no checking.
    keys = select(found.c.document_id).order_by(found.c.document_id.desc()).offset(0).subquery("keys")
    checked = _needs_check(query)
    candidates = (
        select(keys.c.document_id).where(allowed(keys.c.document_id, facets)).order_by(keys.c.document_id.desc())
    )
    if not checked:
        candidates = candidates.limit(RANK_LIMIT)  # every candidate matches: the newest are the ones
    ranks = func.search_document_ranks(
        func.array(candidates.scalar_subquery()), _tsquery(query), RANK_NORMALISATION, RANK_LIMIT, checked,
    ).table_valued(column("document_id", Integer), column("score", Float)).alias("ranks")
    key = ranks.c.document_id
    return select(key.label("fts_key"), ranks.c.score.label("score"), key.label("row_id"))


def _loose_tsquery(query: ParsedQuery) -> str:
    """`query` with each phrase loosened to all of its words, which the GIN index answers
    without reading a vector; excluded phrases are left to the check."""

    def term(t: Term) -> str:
        return "(" + " & ".join((*t.words[:-1], t.words[-1] + (":*" if t.prefix else ""))) + ")"

    expression = " & ".join("(" + " | ".join(map(term, group)) + ")" for group in query.groups)
    for t in query.excluded:
        if len(t.words) == 1:
            expression += f" & !{term(t)}"
    return expression


def _needs_check(query: ParsedQuery) -> bool:
    return any(len(t.words) > 1 for t in (*query.terms(), *query.excluded))


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

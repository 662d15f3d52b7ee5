"""Facets, as filters on documents and as counts over documents: plain SQL for both backends."""

from __future__ import annotations

import json

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Integer,
    and_,
    any_,
    distinct,
    exists,
    false,
    func,
    literal,
    literal_column,
    select,
    true,
)

from testimonium.search.contract import EntityFacet, SearchQuery
from testimonium.store.schema import documents, entities, events

FACET_VALUES = 20
ENTITY_FACET_VALUES = 10


def allowed(document_id: ColumnElement, query: SearchQuery) -> ColumnElement:
    """The condition the query's facets put on a document id.

    A facet with few values (event type, entity type) holds for much of the store, so it is
    checked per matching document; one that picks out few documents (outlet, year, entity) is
    collected once and the matches looked up in it.
    """
    conditions = []
    if query.outlet is not None:
        conditions.append(document_id.in_(select(documents.c.id).where(documents.c.outlet == query.outlet)))
    if query.year is not None:
        year = str(query.year)
        if len(year) == 4 and year.isdigit():
            # A range rather than substr(): it uses the index on `published`.
            published = documents.c.published
            in_year = select(documents.c.id).where(published >= year, published < str(int(year) + 1))
            conditions.append(document_id.in_(in_year))
        else:
            conditions.append(false())
    if query.event_type is not None:
        conditions.append(exists().where(events.c.document_id == document_id, events.c.type == query.event_type))
    if query.entity_type is not None:
        conditions.append(exists().where(entities.c.document_id == document_id, entities.c.type == query.entity_type))
    if query.entity_id is not None:
        chosen = entities.alias("chosen")
        same_entity = (
            select(entities.c.document_id)
            .join(chosen, and_(chosen.c.type == entities.c.type, chosen.c.name == entities.c.name))
            .where(chosen.c.id == query.entity_id)
        )
        conditions.append(document_id.in_(same_entity))
    return and_(true(), *conditions)


def among(conn: Connection, column: ColumnElement, ids: list[int]) -> ColumnElement:
    """`column IN ids` for a list of up to a few thousand, passed as one parameter (SQLite: a
    JSON array; PostgreSQL: an array): both prepare a statement with a thousand parameters
    slower than they run it."""
    if conn.dialect.name == "sqlite":
        return column.in_(select(literal_column("value")).select_from(func.json_each(json.dumps(ids))))
    return column == any_(literal(ids, ARRAY(Integer)))


def count_facets(conn: Connection, document_ids: list[int]) -> dict[str, list]:
    """Facet values over these documents, each with how many of them have it."""
    if not document_ids:
        return {name: [] for name in ("outlet", "year", "event_type", "entity_type", "entity")}
    year = func.substr(documents.c.published, 1, 4)
    facets = {
        "outlet": _counts(conn, documents.c.outlet, func.count(), among(conn, documents.c.id, document_ids)),
        "year": _counts(conn, year, func.count(), among(conn, documents.c.id, document_ids)),
        "event_type": _counts(conn, events.c.type, func.count(distinct(events.c.document_id)),
                              among(conn, events.c.document_id, document_ids)),
        "entity_type": _counts(conn, entities.c.type, func.count(distinct(entities.c.document_id)),
                               among(conn, entities.c.document_id, document_ids)),
    }
    count = func.count(distinct(entities.c.document_id))
    rows = conn.execute(
        select(func.min(entities.c.id), entities.c.type, entities.c.name, count)
        .where(among(conn, entities.c.document_id, document_ids))
        .group_by(entities.c.type, entities.c.name)
        .order_by(count.desc(), entities.c.name, entities.c.type)
        .limit(ENTITY_FACET_VALUES)
    )
    facets["entity"] = [(EntityFacet(id, type_, name), n) for id, type_, name, n in rows]
    return facets


def _counts(conn: Connection, value: ColumnElement, count: ColumnElement, where: ColumnElement) -> list[tuple[str, int]]:
    rows = conn.execute(
        select(value, count).where(where, value.is_not(None))
        .group_by(value).order_by(count.desc(), value).limit(FACET_VALUES)
    )
    return [(v, n) for v, n in rows]

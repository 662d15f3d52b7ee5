"""People's merge and split decisions on canonical entities.

A decision is stored by document and entity name, so it survives re-extraction, and it is a
custody event. Automatic resolution honours every decision: a merge keeps two clusters together,
a split keeps an entity apart from the rest of the cluster it was taken out of.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select

from testimonium.connect.run import connect, reresolve
from testimonium.store import Store
from testimonium.store.database import begin_write
from testimonium.store.schema import entities, entity_clusters, entity_decisions, mentions
from testimonium.store.custody import utc_now


class DecisionError(ValueError):
    """The decision cannot be taken as asked (unknown id, same cluster, empty reason)."""


@dataclass(frozen=True)
class DecisionResult:
    kind: str
    decisions: int
    canonical_ids: list[int]


def merge(store: Store, first: int, second: int, *, actor: str, reason: str, embedder=None) -> DecisionResult:
    """Put two canonical entities together, for good."""
    reason = _reason(reason)
    if first == second:
        raise DecisionError("an entity cannot be merged with itself")
    with begin_write(store.engine) as conn:
        a = _representative(conn, first)
        b = _representative(conn, second)
        conn.execute(insert(entity_decisions).values(
            kind="merge", a_document_id=a.document_id, a_name=a.name, b_document_id=b.document_id, b_name=b.name,
            actor=actor, reason=reason, at=utc_now(),
        ))
        reresolve(conn, _members(conn, first) + _members(conn, second))
        after = _canonical_of(conn, a.id)
        store.log_event_in(conn, "entities-merged", None, actor=actor, details={
            "canonical": [first, second], "entities": [a.id, b.id], "now": after, "reason": reason,
        })
    connect(store, embedder=embedder)
    return DecisionResult("merge", 1, [after])


def split(store: Store, canonical_id: int, entity_id: int, *, actor: str, reason: str,
          embedder=None) -> DecisionResult:
    """Take one document's entity out of a canonical entity, for good."""
    reason = _reason(reason)
    with begin_write(store.engine) as conn:
        members = _members(conn, canonical_id)
        if entity_id not in members:
            raise DecisionError(f"entity {entity_id} is not part of canonical entity {canonical_id}")
        if len(members) == 1:
            raise DecisionError(f"canonical entity {canonical_id} has only that entity")
        taken = conn.execute(select(entities.c.document_id, entities.c.name).where(entities.c.id == entity_id)).one()
        others = {
            (row.document_id, row.name)
            for row in conn.execute(select(entities.c.document_id, entities.c.name).where(entities.c.id.in_(members)))
        } - {(taken.document_id, taken.name)}
        rows = [
            {"kind": "split", "a_document_id": taken.document_id, "a_name": taken.name, "b_document_id": document_id,
             "b_name": name, "actor": actor, "reason": reason, "at": utc_now()}
            for document_id, name in sorted(others)
        ]
        if rows:
            conn.execute(insert(entity_decisions), rows)
        reresolve(conn, members)
        now = sorted({_canonical_of(conn, entity_id), _canonical_of(conn, next(m for m in members if m != entity_id))})
        store.log_event_in(conn, "entity-split", None, actor=actor, details={
            "canonical": canonical_id, "entity": entity_id, "now": now, "reason": reason,
        })
    connect(store, embedder=embedder)
    return DecisionResult("split", len(rows), now)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError("say why (a reason is kept with the decision)")
    return reason


def _members(conn: Connection, canonical_id: int) -> list[int]:
    members = list(conn.execute(
        select(entity_clusters.c.entity_id).where(entity_clusters.c.canonical_id == canonical_id)
        .order_by(entity_clusters.c.entity_id)
    ).scalars())
    if not members:
        raise DecisionError(f"no canonical entity {canonical_id}")
    return members


def _representative(conn: Connection, canonical_id: int):
    """The member with the most mentions: the decision names it."""
    members = _members(conn, canonical_id)
    counts = (
        select(entities.c.id, entities.c.document_id, entities.c.name, func.count(mentions.c.id).label("n"))
        .outerjoin(mentions, mentions.c.entity_id == entities.c.id)
        .where(entities.c.id.in_(members))
        .group_by(entities.c.id, entities.c.document_id, entities.c.name)
        .order_by(func.count(mentions.c.id).desc(), entities.c.id)
    )
    return conn.execute(counts).first()


def _canonical_of(conn: Connection, entity_id: int) -> int:
    return conn.execute(
        select(entity_clusters.c.canonical_id).where(entity_clusters.c.entity_id == entity_id)
    ).scalar_one()

"""Read queries over the connect stage's results, for the CLI and the web pages.

Everything here reads; logging views is the caller's job, as in `testimonium.store.views`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from normality import ascii_text
from sqlalchemy import func, or_, select

from testimonium.store import Store
from testimonium.store.schema import (
    canonical_entities,
    claims,
    contradictions,
    documents,
    entities,
    entity_clusters,
    event_group_members,
    event_groups,
    events,
    mentions,
    proposition_members,
    propositions,
    roles,
)
from testimonium.store.views import PRONOUNS, _sentence, _timeline, _window, date_sort_key


def _fold(text: str) -> str:
    return " ".join((ascii_text(text) or "").lower().split())


def find_entities(store: Store, name: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """Canonical entities known by this name (any spelling a document uses), most mentioned first.

    Matching ignores case, accents and script ("Сауытбай" finds "Sauytbay"); a name that is
    one of an entity's forms ranks before one that is only part of its canonical name."""
    wanted = _fold(name)
    if not wanted:
        return []
    with store.engine.connect() as conn:
        exact: set[int] = set(conn.execute(
            select(entity_clusters.c.canonical_id).distinct()
            .join(mentions, mentions.c.entity_id == entity_clusters.c.entity_id)
            .where(func.lower(mentions.c.text) == name.strip().lower())
        ).scalars())
        exact |= set(conn.execute(
            select(entity_clusters.c.canonical_id).distinct()
            .join(entities, entities.c.id == entity_clusters.c.entity_id)
            .where(func.lower(entities.c.name) == name.strip().lower())
        ).scalars())
        words = [word for word in name.split() if word]
        partial = set(conn.execute(
            select(canonical_entities.c.id)
            .where(*[canonical_entities.c.name.icontains(word, autoescape=True) for word in words])
        ).scalars()) if words else set()
        found = exact | partial
        # Other scripts and spellings: fold the names of the candidates' forms and compare.
        if not found:
            for canonical_id, text in conn.execute(
                select(entity_clusters.c.canonical_id, mentions.c.text)
                .join(mentions, mentions.c.entity_id == entity_clusters.c.entity_id)
                .where(mentions.c.text.icontains(wanted.split()[-1][:4], autoescape=True))
            ):
                if _fold(text) == wanted:
                    found.add(canonical_id)
        rows = _summaries(conn, sorted(found))
    return sorted(rows, key=lambda row: (row["id"] not in exact, -row["mentions"], row["id"]))[:limit]


def _summaries(conn, canonical_ids: list[int]) -> list[dict[str, Any]]:
    if not canonical_ids:
        return []
    counts = dict(conn.execute(
        select(entity_clusters.c.canonical_id, func.count(mentions.c.id))
        .join(mentions, mentions.c.entity_id == entity_clusters.c.entity_id)
        .where(entity_clusters.c.canonical_id.in_(canonical_ids))
        .group_by(entity_clusters.c.canonical_id)
    ).all())
    document_counts = dict(conn.execute(
        select(entity_clusters.c.canonical_id, func.count(func.distinct(entities.c.document_id)))
        .join(entities, entities.c.id == entity_clusters.c.entity_id)
        .where(entity_clusters.c.canonical_id.in_(canonical_ids))
        .group_by(entity_clusters.c.canonical_id)
    ).all())
    return [
        {"id": row.id, "type": row.type, "name": row.name, "mentions": counts.get(row.id, 0),
         "documents": document_counts.get(row.id, 0)}
        for row in conn.execute(select(canonical_entities).where(canonical_entities.c.id.in_(canonical_ids)))
    ]


def canonical_of(store: Store, entity_id: int) -> int | None:
    with store.engine.connect() as conn:
        return conn.execute(
            select(entity_clusters.c.canonical_id).where(entity_clusters.c.entity_id == entity_id)
        ).scalar()


def member_ids(conn, canonical_id: int) -> list[int]:
    return list(conn.execute(
        select(entity_clusters.c.entity_id).where(entity_clusters.c.canonical_id == canonical_id)
    ).scalars())


def canonical_view(store: Store, canonical_id: int) -> dict[str, Any] | None:
    """One canonical entity: its names, the documents' entities it joins, and a timeline."""
    with store.engine.connect() as conn:
        row = conn.execute(select(canonical_entities).where(canonical_entities.c.id == canonical_id)).first()
        if row is None:
            return None
        members = [
            dict(member._mapping) for member in conn.execute(
                select(entities.c.id, entities.c.name, entities.c.type, entities.c.document_id,
                       documents.c.title, documents.c.outlet, documents.c.published,
                       func.count(mentions.c.id).label("mentions"))
                .join(entity_clusters, entity_clusters.c.entity_id == entities.c.id)
                .join(documents, documents.c.id == entities.c.document_id)
                .outerjoin(mentions, mentions.c.entity_id == entities.c.id)
                .where(entity_clusters.c.canonical_id == canonical_id)
                .group_by(entities.c.id, entities.c.name, entities.c.type, entities.c.document_id,
                          documents.c.title, documents.c.outlet, documents.c.published)
                .order_by(documents.c.published.desc().nulls_last(), entities.c.document_id)
            )
        ]
        ids = [member["id"] for member in members]
        forms = set(conn.execute(select(mentions.c.text).distinct().where(mentions.c.entity_id.in_(ids))).scalars())
        timeline = _timeline(conn, ids)
    aliases = sorted(({m["name"] for m in members} | {f for f in forms if f.lower() not in PRONOUNS}) - {row.name})
    dated = sorted((item for item in timeline if item["sort_key"]), key=lambda item: (item["sort_key"], item["order"]))
    return {
        "canonical": {"id": row.id, "type": row.type, "name": row.name},
        "members": members, "aliases": aliases, "documents": len({m["document_id"] for m in members}),
        "mentions": sum(m["mentions"] for m in members),
        "timeline": dated, "undated": [item for item in timeline if not item["sort_key"]],
    }


# -- corroboration ----------------------------------------------------------------------------------


def corroboration(store: Store, canonical_id: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Event groups and propositions (those involving the entity, when given), best attested first."""
    with store.engine.connect() as conn:
        event_query = select(event_groups)
        proposition_query = select(propositions)
        if canonical_id is not None:
            ids = member_ids(conn, canonical_id)
            event_query = event_query.where(event_groups.c.id.in_(
                select(event_group_members.c.group_id)
                .join(roles, roles.c.event_id == event_group_members.c.event_id)
                .where(roles.c.entity_id.in_(ids))
            ))
            involved_claims = _claims_involving(conn, ids)
            proposition_query = proposition_query.where(or_(
                propositions.c.id.in_(select(proposition_members.c.proposition_id)
                                      .where(proposition_members.c.claim_id.in_(involved_claims))),
                propositions.c.id.in_(select(contradictions.c.proposition_id)
                                      .where(contradictions.c.claim_id.in_(involved_claims))),
            ))
        groups = [_group_summary(conn, row) for row in conn.execute(event_query)]
        props = [_proposition_summary(conn, row) for row in conn.execute(proposition_query)]
        contested = _contested_alongside(conn, member_ids(conn, canonical_id), {p["id"] for p in props}) \
            if canonical_id is not None else []
    groups.sort(key=lambda g: (-g["independent"], -g["sources"], date_sort_key(g["date"]) or "9", g["id"]))
    props.sort(key=lambda p: (-p["independent"], -p["sources"], p["id"]))
    contested.sort(key=lambda p: (-len(p["contradicted_by"]), -p["independent"], p["id"]))
    return {"events": groups, "propositions": props, "contested": contested}


# A contested proposition counts as part of an entity's story when this many of the documents
# stating it also name the entity: the UN's camp estimate and China's denial in reports on a
# camp witness.
CONTESTED_SHARED_DOCUMENTS = 2


def _contested_alongside(conn, entity_ids: list[int], shown: set[int]) -> list[dict[str, Any]]:
    """Contradicted propositions reported in the same documents that name the entity."""
    naming = select(entities.c.document_id).where(entities.c.id.in_(entity_ids))
    shared = (
        select(proposition_members.c.proposition_id)
        .join(claims, claims.c.id == proposition_members.c.claim_id)
        .where(claims.c.document_id.in_(naming),
               proposition_members.c.proposition_id.in_(select(contradictions.c.proposition_id)))
        .group_by(proposition_members.c.proposition_id)
        .having(func.count(func.distinct(claims.c.document_id)) >= CONTESTED_SHARED_DOCUMENTS)
    )
    ids = [i for i in conn.execute(shared).scalars() if i not in shown]
    return [_proposition_summary(conn, row)
            for row in conn.execute(select(propositions).where(propositions.c.id.in_(ids)))] if ids else []


def _claims_involving(conn, entity_ids: list[int]) -> list[int]:
    """Claims an entity speaks, is told, reports, or is named inside."""
    by_role = set(conn.execute(select(roles.c.claim_id).where(
        roles.c.entity_id.in_(entity_ids), roles.c.claim_id.is_not(None))).scalars())
    inside = set(conn.execute(
        select(claims.c.id).join(mentions, mentions.c.document_id == claims.c.document_id)
        .where(mentions.c.entity_id.in_(entity_ids), mentions.c.start >= claims.c.start,
               mentions.c.end <= claims.c.end)
    ).scalars())
    return sorted(by_role | inside)


def _group_summary(conn, row) -> dict[str, Any]:
    members = conn.execute(
        select(events.c.id, events.c.document_id, events.c.claim_id, events.c.trigger_text, events.c.modality)
        .join(event_group_members, event_group_members.c.event_id == events.c.id)
        .where(event_group_members.c.group_id == row.id)
    ).all()
    claim_ids = [m.claim_id for m in members if m.claim_id]
    contradicting = _contradicting_claims_of(conn, claim_ids)
    return {
        "kind": "event", "id": row.id, "type": row.type, "outcome": row.outcome, "modality": row.modality,
        "date": row.date, "sources": row.sources, "independent": row.independent,
        "chains": json.loads(row.chains), "reports": len(members),
        "documents": sorted({m.document_id for m in members}), "contradicted_by": contradicting,
    }


def _contradicting_claims_of(conn, claim_ids: list[int]) -> list[int]:
    """Claims contradicting a proposition that one of these claims belongs to."""
    if not claim_ids:
        return []
    props = select(proposition_members.c.proposition_id).where(proposition_members.c.claim_id.in_(claim_ids))
    return sorted(set(conn.execute(
        select(contradictions.c.claim_id).where(contradictions.c.proposition_id.in_(props))
    ).scalars()))


def _proposition_summary(conn, row) -> dict[str, Any]:
    members = conn.execute(
        select(claims.c.id, claims.c.document_id)
        .join(proposition_members, proposition_members.c.claim_id == claims.c.id)
        .where(proposition_members.c.proposition_id == row.id)
    ).all()
    contradicting = sorted(conn.execute(
        select(contradictions.c.claim_id).where(contradictions.c.proposition_id == row.id)
    ).scalars())
    return {
        "kind": "proposition", "id": row.id, "label": row.label, "sources": row.sources,
        "independent": row.independent, "chains": json.loads(row.chains), "claims": len(members),
        "documents": sorted({m.document_id for m in members}), "contradicted_by": contradicting,
    }


# -- one event group, one proposition -------------------------------------------------------------


def event_group_view(store: Store, group_id: int) -> dict[str, Any] | None:
    """An event as several documents report it, with its source chains and contradictions."""
    with store.engine.connect() as conn:
        row = conn.execute(select(event_groups).where(event_groups.c.id == group_id)).first()
        if row is None:
            return None
        summary = _group_summary(conn, row)
        window, window_start = _window(events.c.trigger_start, events.c.trigger_end)
        reports = [
            {"id": r.id, "document_id": r.document_id, "document_title": r.title, "outlet": r.outlet,
             "published": r.published, "date": r.date, "outcome": r.outcome, "modality": r.modality,
             "claim_id": r.claim_id,
             "sentence": _sentence(r, r.trigger_start or 0, r.trigger_end or 0)}
            for r in conn.execute(
                select(events.c.id, events.c.document_id, events.c.date, events.c.outcome, events.c.modality,
                       events.c.claim_id, events.c.trigger_start, events.c.trigger_end, documents.c.title,
                       documents.c.outlet, documents.c.published, window, window_start)
                .join(event_group_members, event_group_members.c.event_id == events.c.id)
                .join(documents, documents.c.id == events.c.document_id)
                .where(event_group_members.c.group_id == group_id)
                .order_by(documents.c.published.nulls_last(), events.c.document_id, events.c.trigger_start)
            )
        ]
        contradicting = _claim_rows(conn, summary["contradicted_by"])
    return {"group": summary, "chains": _chains_with(summary["chains"], reports), "reports": reports,
            "contradicted_by": contradicting}


def proposition_view(store: Store, proposition_id: int) -> dict[str, Any] | None:
    """A proposition with every claim stating it, grouped by source chain, and who contradicts it."""
    with store.engine.connect() as conn:
        row = conn.execute(select(propositions).where(propositions.c.id == proposition_id)).first()
        if row is None:
            return None
        summary = _proposition_summary(conn, row)
        member_claims = list(conn.execute(
            select(proposition_members.c.claim_id).where(proposition_members.c.proposition_id == proposition_id)
        ).scalars())
        reports = _claim_rows(conn, member_claims)
        contradicting = _claim_rows(conn, summary["contradicted_by"])
    return {"proposition": summary, "chains": _chains_with(summary["chains"], reports), "claims": reports,
            "contradicted_by": contradicting}


def claims_by_id(store: Store, claim_ids: list[int]) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return _claim_rows(conn, claim_ids)


def _claim_rows(conn, claim_ids: list[int]) -> list[dict[str, Any]]:
    if not claim_ids:
        return []
    speaker = entities.alias("speaker")
    window, window_start = _window(claims.c.start, claims.c.end)
    return [
        {"id": r.id, "document_id": r.document_id, "document_title": r.title, "outlet": r.outlet,
         "published": r.published, "content": r.content, "stance": r.stance, "cue": r.cue,
         "speaker": r.speaker_name or r.speaker_text, "sentence": _sentence(r, r.start, r.end)}
        for r in conn.execute(
            select(claims.c.id, claims.c.document_id, claims.c.content, claims.c.stance, claims.c.cue,
                   claims.c.start, claims.c.end, claims.c.speaker_text, speaker.c.name.label("speaker_name"),
                   documents.c.title, documents.c.outlet, documents.c.published, window, window_start)
            .join(documents, documents.c.id == claims.c.document_id)
            .outerjoin(speaker, speaker.c.id == claims.c.speaker_id)
            .where(claims.c.id.in_(claim_ids))
            .order_by(documents.c.published.nulls_last(), claims.c.document_id, claims.c.start)
        )
    ]


def _chains_with(chains: list[dict[str, Any]], reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each chain with the reports of its documents, in the chain's order."""
    by_document: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for report in reports:
        by_document[report["document_id"]].append(report)
    return [dict(chain, reports=[r for d in chain["documents"] for r in by_document.get(d, [])]) for chain in chains]

"""Read queries for the web pages and the API: one function per thing a page shows.

Everything here reads; logging a view as a custody event is the caller's job, because only the
caller knows who is looking and through what.

Until cross-document resolution exists, "an entity" across documents is every extracted entity
with the same type and name; that is what entity pages gather.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select, true
from sqlalchemy.orm import aliased

from testimonium.store import Store
from testimonium.store.schema import claims, custody, dates, documents, entities, events, mentions, quantities, roles

__all__ = [
    "claim_filters", "claims_list", "custody_log", "date_precision", "date_sort_key", "document_page",
    "document_view", "entity_view", "events_list", "last_verification", "sentence_around",
]

# Characters fetched either side of a record to find its sentence in, so a page of claims from
# long documents does not load whole texts.
CONTEXT = 400
SENTENCE_BREAK = re.compile(r"(?:[.!?][\"'”’)\]]*\s+)|\n")
# The store keeps mention texts but not whether a mention was a resolved pronoun; these are
# left out of an entity's aliases (they stay among its mentions).
PRONOUNS = frozenset("he she it they him her his hers its their theirs them we us our i me my you your".split())
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


# -- dates ------------------------------------------------------------------------------------

def date_precision(value: str | None) -> str | None:
    """The granularity of an ISO / TIMEX3 date value as the extraction contract writes them."""
    if not value:
        return None
    if value.startswith("--"):
        return "unknown-year"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}", value):
        return "decade"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    return "other"


def date_sort_key(value: str) -> str | None:
    """Where a date sits on a timeline, as YYYY-MM-DD of its first day: a month sits at the
    month (before the days in it), a season at its first month. None when it cannot be placed."""
    precision = date_precision(value)
    if precision in ("day",):
        return value
    if precision == "month":
        return f"{value}-00"  # before the month's first day, so month-only items lead the month
    if precision == "year":
        return f"{value}-00-00"
    if precision == "decade":
        return f"{value}0-00-00"
    if precision == "season":
        return f"{value[:4]}-{SEASON_MONTHS[value[5:]]:02d}-00"
    if precision == "week":
        try:
            return date.fromisocalendar(int(value[:4]), int(value[6:]), 1).isoformat()
        except ValueError:
            return None
    return None


# -- sentences --------------------------------------------------------------------------------

def sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence(s) holding text[start:end]: (sentence, start and end of the span in it)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    first = 0
    for match in SENTENCE_BREAK.finditer(text, 0, start):
        first = match.end()
    following = SENTENCE_BREAK.search(text, max(end, first))
    last = following.start() + len(following.group().rstrip()) if following else len(text)
    sentence = text[first:last]
    stripped = len(sentence) - len(sentence.lstrip())
    return sentence.strip(), start - first - stripped, end - first - stripped


def _window(start_column, end_column):
    """SQL for the text around a span, and where the window begins (0-based)."""
    begin = case((start_column > CONTEXT, start_column - CONTEXT), else_=0)
    snippet = func.substr(documents.c.text, begin + 1, end_column - begin + CONTEXT)
    return snippet.label("window"), begin.label("window_start")


def _sentence(row, start: int, end: int) -> dict[str, Any]:
    text, in_start, in_end = sentence_around(row.window, start - row.window_start, end - row.window_start)
    return {"text": text, "start": in_start, "end": in_end}


# -- documents --------------------------------------------------------------------------------

def document_page(store: Store, *, limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Documents, newest publication first: (how many there are, this page of them)."""
    query = (
        select(documents.c.id, documents.c.sha256, documents.c.title, documents.c.outlet, documents.c.author,
               documents.c.published, documents.c.media_type, documents.c.size, documents.c.parent_id,
               documents.c.created_at)
        .order_by(documents.c.published.desc().nulls_last(), documents.c.id.desc())
        .limit(limit).offset(offset)
    )
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        return total, [dict(row._mapping) for row in conn.execute(query)]


def document_view(store: Store, document_id: int) -> dict[str, Any] | None:
    """A document with everything extracted from it, each record with its offsets."""
    with store.engine.connect() as conn:
        row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
        if row is None:
            return None
        record = dict(row._mapping)
        record["metadata"] = json.loads(record["metadata"])
        names = {
            entity.id: dict(entity._mapping)
            for entity in conn.execute(
                select(entities.c.id, entities.c.local_id, entities.c.type, entities.c.name)
                .where(entities.c.document_id == document_id).order_by(entities.c.id)
            )
        }
        mention_rows = [dict(m._mapping) for m in conn.execute(
            select(mentions.c.id, mentions.c.entity_id, mentions.c.start, mentions.c.end, mentions.c.text)
            .where(mentions.c.document_id == document_id).order_by(mentions.c.start)
        )]
        date_rows = [dict(d._mapping) for d in conn.execute(
            select(dates.c.id, dates.c.start, dates.c.end, dates.c.text, dates.c.value, dates.c.granularity)
            .where(dates.c.document_id == document_id).order_by(dates.c.start)
        )]
        quantity_rows = [dict(q._mapping) for q in conn.execute(
            select(quantities.c.id, quantities.c.start, quantities.c.end, quantities.c.text, quantities.c.value,
                   quantities.c.approximate, quantities.c.of)
            .where(quantities.c.document_id == document_id).order_by(quantities.c.start)
        )]
        participants = _participants(conn, roles.c.document_id == document_id)
        claim_rows = [_claim_record(c, names, participants) for c in conn.execute(
            select(claims).where(claims.c.document_id == document_id).order_by(claims.c.start)
        )]
        event_rows = [_event_record(e, participants) for e in conn.execute(
            select(events).where(events.c.document_id == document_id).order_by(events.c.trigger_start)
        )]
        children = [dict(c._mapping) for c in conn.execute(
            select(documents.c.id, documents.c.sha256, documents.c.filename, documents.c.title)
            .where(documents.c.parent_id == document_id).order_by(documents.c.id)
        )]
    for mention in mention_rows:
        mention["entity"] = names.get(mention["entity_id"])
    return {
        "document": record, "entities": list(names.values()), "mentions": mention_rows, "dates": date_rows,
        "quantities": quantity_rows, "claims": claim_rows, "events": event_rows, "attachments": children,
    }


def _participants(conn, condition) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Who takes part in which claims and events: {("claim" | "event", id): [{role, id, name, type}]}."""
    query = (
        select(roles.c.claim_id, roles.c.event_id, roles.c.role, entities.c.id, entities.c.name, entities.c.type)
        .join(entities, entities.c.id == roles.c.entity_id)
        .where(condition)
        .order_by(roles.c.id)
    )
    found: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in conn.execute(query):
        key = ("claim", row.claim_id) if row.claim_id is not None else ("event", row.event_id)
        found.setdefault(key, []).append({"role": row.role, "id": row.id, "name": row.name, "type": row.type})
    return found


def _claim_record(row, names: dict[int, dict[str, Any]], participants) -> dict[str, Any]:
    data = json.loads(row.data)
    cue_span = data.get("cue_span") or {}
    people = participants.get(("claim", row.id), [])
    return {
        "id": row.id, "local_id": row.local_id, "document_id": row.document_id,
        "start": row.start, "end": row.end, "content": row.content, "cue": row.cue,
        "cue_start": cue_span.get("start"), "cue_end": cue_span.get("end"),
        "speaker": names.get(row.speaker_id), "speaker_text": row.speaker_text,
        "told_to": names.get(row.told_to_id),
        "reported_by": [p for p in people if p["role"] == "reported_by"],
        "kind": row.kind, "stance": row.stance, "date": row.date,
    }


def _event_record(row, participants) -> dict[str, Any]:
    people = participants.get(("event", row.id), [])
    return {
        "id": row.id, "local_id": row.local_id, "document_id": row.document_id, "type": row.type,
        "outcome": row.outcome, "modality": row.modality, "date": row.date,
        "trigger_start": row.trigger_start, "trigger_end": row.trigger_end, "trigger_text": row.trigger_text,
        "claim_id": row.claim_id,
        "participants": {role: [p for p in people if p["role"] == role] for role in ("agent", "patient", "place")},
        # "23 people", "the protesters": participants no entity names, by their words
        "unnamed": [u for u in (json.loads(row.data or "{}").get("unnamed") or []) if u.get("role") in ("agent", "patient")],
    }


# -- entities ---------------------------------------------------------------------------------

def entity_view(store: Store, entity_id: int) -> dict[str, Any] | None:
    """An entity gathered across documents: names, aliases, mentions and a dated timeline."""
    with store.engine.connect() as conn:
        row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
        if row is None:
            return None
        same = [r.id for r in conn.execute(
            select(entities.c.id).where(entities.c.type == row.type, entities.c.name == row.name)
        )]
        window, window_start = _window(mentions.c.start, mentions.c.end)
        mention_rows = conn.execute(
            select(mentions.c.id, mentions.c.entity_id, mentions.c.document_id, mentions.c.start, mentions.c.end,
                   mentions.c.text, documents.c.title, documents.c.published, documents.c.outlet, window,
                   window_start)
            .join(documents, documents.c.id == mentions.c.document_id)
            .where(mentions.c.entity_id.in_(same))
            .order_by(documents.c.published.desc().nulls_last(), mentions.c.document_id, mentions.c.start)
        ).all()
        timeline = _timeline(conn, same)
    mention_list = [
        {"id": m.id, "entity_id": m.entity_id, "document_id": m.document_id, "text": m.text,
         "document_title": m.title, "published": m.published, "outlet": m.outlet,
         "sentence": _sentence(m, m.start, m.end)}
        for m in mention_rows
    ]
    aliases = sorted({m.text for m in mention_rows if m.text.lower() not in PRONOUNS and m.text != row.name})
    dated = sorted((item for item in timeline if item["sort_key"]), key=lambda item: (item["sort_key"], item["order"]))
    undated = [item for item in timeline if not item["sort_key"]]
    return {
        "entity": {"id": row.id, "type": row.type, "name": row.name, "document_id": row.document_id},
        "same_entities": same, "aliases": aliases, "mentions": mention_list,
        "documents": len({m.document_id for m in mention_rows}), "timeline": dated, "undated": undated,
    }


def _timeline(conn, entity_ids: list[int]) -> list[dict[str, Any]]:
    """Claims and events the entities take part in. A claim without a date of its own is placed
    at its document's publication date, and says so (`date_source`)."""
    items: list[dict[str, Any]] = []
    speaker = aliased(entities)

    claim_window, claim_window_start = _window(claims.c.start, claims.c.end)
    claim_query = (
        select(claims.c.id, claims.c.document_id, claims.c.start, claims.c.end, claims.c.content, claims.c.cue,
               claims.c.stance, claims.c.date, claims.c.speaker_text, speaker.c.name.label("speaker_name"),
               roles.c.role, documents.c.title, documents.c.published, claim_window, claim_window_start)
        .join(roles, roles.c.claim_id == claims.c.id)
        .join(documents, documents.c.id == claims.c.document_id)
        .outerjoin(speaker, speaker.c.id == claims.c.speaker_id)
        .where(roles.c.entity_id.in_(entity_ids))
        .order_by(claims.c.document_id, claims.c.start)
    )
    for row in conn.execute(claim_query):
        value, source = (row.date, "claim") if row.date else (row.published, "published")
        items.append({
            "kind": "claim", "id": row.id, "document_id": row.document_id, "document_title": row.title,
            "role": row.role, "date": value, "date_source": source if value else None,
            "precision": date_precision(value), "sort_key": date_sort_key(value) if value else None,
            "label": row.content, "speaker": row.speaker_name or row.speaker_text, "cue": row.cue,
            "stance": row.stance, "sentence": _sentence(row, row.start, row.end), "anchor": f"claim-{row.id}",
        })

    event_window, event_window_start = _window(events.c.trigger_start, events.c.trigger_end)
    event_query = (
        select(events.c.id, events.c.document_id, events.c.type, events.c.outcome, events.c.modality,
               events.c.date, events.c.trigger_start, events.c.trigger_end, roles.c.role, documents.c.title,
               event_window, event_window_start)
        .join(roles, roles.c.event_id == events.c.id)
        .join(documents, documents.c.id == events.c.document_id)
        .where(roles.c.entity_id.in_(entity_ids), events.c.trigger_start.is_not(None))
        .order_by(events.c.document_id, events.c.trigger_start)
    )
    for row in conn.execute(event_query):
        items.append({
            "kind": "event", "id": row.id, "document_id": row.document_id, "document_title": row.title,
            "role": row.role, "date": row.date, "date_source": "event" if row.date else None,
            "precision": date_precision(row.date), "sort_key": date_sort_key(row.date) if row.date else None,
            "label": row.type.replace("_", " ") + (f" ({row.outcome})" if row.outcome else ""),
            "modality": row.modality,
            "sentence": _sentence(row, row.trigger_start, row.trigger_end), "anchor": f"event-{row.id}",
        })
    for order, item in enumerate(items):
        item["order"] = order
    return items


# -- claims and events ------------------------------------------------------------------------

def claim_filters(store: Store) -> dict[str, list[str]]:
    """Values the claim filters offer: stances and speakers present in the store."""
    speaker = func.coalesce(entities.c.name, claims.c.speaker_text)
    with store.engine.connect() as conn:
        stances = conn.execute(select(claims.c.stance).distinct().where(claims.c.stance.is_not(None))
                               .order_by(claims.c.stance)).scalars().all()
        speakers = conn.execute(
            select(speaker).select_from(claims).outerjoin(entities, entities.c.id == claims.c.speaker_id)
            .where(speaker.is_not(None)).group_by(speaker).order_by(func.count().desc(), speaker).limit(200)
        ).scalars().all()
    return {"stances": list(stances), "speakers": list(speakers)}


def claims_list(
    store: Store, *, speaker: str | None = None, stance: str | None = None, date_from: str | None = None,
    date_to: str | None = None, document_id: int | None = None, limit: int = 50, offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """Claims matching every given filter, newest first: (how many match, this page of them).

    `speaker` matches part of the speaker's name or phrase, ignoring case. Dates are full or
    partial ISO dates compared with the claim's date, or its document's when it has none;
    `date_to` "2018-10" includes the whole of October."""
    speaker_entity = aliased(entities)
    told_to = aliased(entities)
    effective_date = func.coalesce(claims.c.date, documents.c.published)
    conditions = []
    if speaker:
        conditions.append(or_(speaker_entity.c.name.icontains(speaker, autoescape=True),
                              claims.c.speaker_text.icontains(speaker, autoescape=True)))
    if stance:
        conditions.append(claims.c.stance == stance)
    if date_from:
        conditions.append(effective_date >= date_from)
    if date_to:
        conditions.append(effective_date <= date_to + "~")  # "~" sorts after every digit and "-"
    if document_id is not None:
        conditions.append(claims.c.document_id == document_id)

    def scoped(query: Select) -> Select:
        return (query.select_from(claims)
                .join(documents, documents.c.id == claims.c.document_id)
                .outerjoin(speaker_entity, speaker_entity.c.id == claims.c.speaker_id)
                .outerjoin(told_to, told_to.c.id == claims.c.told_to_id)
                .where(and_(true(), *conditions)))

    window, window_start = _window(claims.c.start, claims.c.end)
    query = scoped(select(
        claims, speaker_entity.c.name.label("speaker_name"), speaker_entity.c.type.label("speaker_type"),
        told_to.c.name.label("told_to_name"), documents.c.title, documents.c.outlet, documents.c.published,
        window, window_start,
    )).order_by(effective_date.desc().nulls_last(), claims.c.document_id.desc(), claims.c.start).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        total = conn.execute(scoped(select(func.count()))).scalar_one()
        rows = conn.execute(query).all()
        participants = _participants(conn, roles.c.claim_id.in_([row.id for row in rows])) if rows else {}
    found = []
    for row in rows:
        data = json.loads(row.data)
        cue_span = data.get("cue_span") or {}
        found.append({
            "id": row.id, "local_id": row.local_id, "document_id": row.document_id,
            "document_title": row.title, "outlet": row.outlet, "published": row.published,
            "speaker": {"id": row.speaker_id, "name": row.speaker_name, "type": row.speaker_type} if row.speaker_id else None,
            "speaker_text": row.speaker_text, "cue": row.cue,
            "cue_start": cue_span.get("start"), "cue_end": cue_span.get("end"),
            "told_to": {"id": row.told_to_id, "name": row.told_to_name} if row.told_to_id else None,
            "reported_by": [p for p in participants.get(("claim", row.id), []) if p["role"] == "reported_by"],
            "content": row.content, "start": row.start, "end": row.end, "kind": row.kind, "stance": row.stance,
            "date": row.date, "sentence": _sentence(row, row.start, row.end),
        })
    return total, found


def events_list(
    store: Store, *, event_type: str | None = None, document_id: int | None = None, entity_id: int | None = None,
    limit: int = 50, offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """Events matching every given filter, by date (undated last): (how many match, this page)."""
    conditions = []
    if event_type:
        conditions.append(events.c.type == event_type)
    if document_id is not None:
        conditions.append(events.c.document_id == document_id)
    if entity_id is not None:
        conditions.append(events.c.id.in_(select(roles.c.event_id).where(roles.c.entity_id == entity_id)))
    condition = and_(true(), *conditions)
    query = (
        select(events).where(condition)
        .order_by(events.c.date.asc().nulls_last(), events.c.document_id, events.c.trigger_start)
        .limit(limit).offset(offset)
    )
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(events).where(condition)).scalar_one()
        rows = conn.execute(query).all()
        participants = _participants(conn, roles.c.event_id.in_([row.id for row in rows])) if rows else {}
    return total, [_event_record(row, participants) for row in rows]


# -- custody ----------------------------------------------------------------------------------

def custody_log(store: Store, *, limit: int = 100, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """The custody log, newest first, each row with the document it concerns (when there is one)."""
    query = (
        select(custody, documents.c.id.label("document_id"), documents.c.title)
        .outerjoin(documents, documents.c.sha256 == custody.c.sha256)
        .order_by(custody.c.seq.desc()).limit(limit).offset(offset)
    )
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(custody)).scalar_one()
        rows = [dict(row._mapping) for row in conn.execute(query)]
    for row in rows:
        row["details"] = json.loads(row["details"])
    return total, rows


def last_verification(store: Store) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(
            select(custody).where(custody.c.event == "verified").order_by(custody.c.seq.desc()).limit(1)
        ).first()
    if row is None:
        return None
    record = dict(row._mapping)
    record["details"] = json.loads(record["details"])
    return record

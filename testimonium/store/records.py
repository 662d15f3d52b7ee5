"""Extraction results as rows: written whole per document, replacing what was there.

Input is the extraction contract's JSON (`Extraction.contract_json()`), so the store never
depends on how extraction represents things in memory.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, insert

from testimonium.store.schema import (
    claims,
    dates,
    entities,
    events,
    extraction_runs,
    mentions,
    quantities,
    roles,
)

EVENT_ROLES = ("agent", "patient", "place")


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def delete_results(conn: Connection, document_id: int) -> None:
    # Children first: SQLite enforces the foreign keys only when asked, PostgreSQL always.
    for table in (extraction_runs, roles, events, claims, mentions, quantities, dates, entities):
        conn.execute(delete(table).where(table.c.document_id == document_id))


def insert_results(conn: Connection, document_id: int, result: dict[str, Any]) -> dict[str, int]:
    """Insert one document's extraction; return how many of each kind were stored."""
    entity_ids: dict[str, int] = {}
    for entity in result.get("entities", []):
        row_id = conn.execute(
            insert(entities).values(
                document_id=document_id, local_id=entity["id"], type=entity["type"], name=entity["name"],
                data=_json({k: v for k, v in entity.items() if k not in ("id", "type", "name", "mentions")}),
            ).returning(entities.c.id)
        ).scalar_one()
        entity_ids[entity["id"]] = row_id
        mention_rows = [
            {"entity_id": row_id, "document_id": document_id, "start": m["start"], "end": m["end"], "text": m["text"]}
            for m in entity.get("mentions", [])
        ]
        if mention_rows:
            conn.execute(insert(mentions), mention_rows)

    date_rows = [
        {"document_id": document_id, "start": d["start"], "end": d["end"], "text": d["text"],
         "value": d.get("value"), "granularity": d.get("granularity")}
        for d in result.get("dates", [])
    ]
    if date_rows:
        conn.execute(insert(dates), date_rows)

    quantity_rows = [
        {"document_id": document_id, "start": q["start"], "end": q["end"], "text": q["text"],
         "value": None if q.get("value") is None else str(q["value"]),
         "approximate": int(bool(q.get("approximate"))), "of": q.get("of")}
        for q in result.get("quantities", [])
    ]
    if quantity_rows:
        conn.execute(insert(quantities), quantity_rows)

    claim_ids: dict[str, int] = {}
    for claim in result.get("claims", []):
        row_id = conn.execute(
            insert(claims).values(
                document_id=document_id, local_id=claim["id"], speaker_id=entity_ids.get(claim.get("speaker")),
                speaker_text=claim.get("speaker_text"), cue=claim.get("cue"),
                told_to_id=entity_ids.get(claim.get("told_to")), content=claim["content"],
                start=claim["start"], end=claim["end"], kind=claim.get("kind"), stance=claim.get("stance"),
                date=claim.get("date"), data=_json(claim),
            ).returning(claims.c.id)
        ).scalar_one()
        claim_ids[claim["id"]] = row_id
        _insert_roles(conn, document_id, entity_ids, claim_id=row_id, event_id=None, participants={
            "speaker": [claim.get("speaker")], "told_to": [claim.get("told_to")],
            "reported_by": claim.get("reported_by") or [],
        })

    for event in result.get("events", []):
        trigger = event.get("trigger") or {}
        row_id = conn.execute(
            insert(events).values(
                document_id=document_id, local_id=event["id"], type=event["type"], outcome=event.get("outcome"),
                modality=event.get("modality"), date=event.get("date"), trigger_start=trigger.get("start"),
                trigger_end=trigger.get("end"), trigger_text=trigger.get("text"),
                claim_id=claim_ids.get(event.get("claim")), data=_json(event),
            ).returning(events.c.id)
        ).scalar_one()
        _insert_roles(conn, document_id, entity_ids, claim_id=None, event_id=row_id,
                      participants={role: event.get(role) or [] for role in EVENT_ROLES})

    return {
        "entities": len(entity_ids),
        "dates": len(date_rows),
        "quantities": len(quantity_rows),
        "claims": len(claim_ids),
        "events": len(result.get("events", [])),
    }


def _insert_roles(conn: Connection, document_id: int, entity_ids: dict[str, int], *, claim_id: int | None,
                  event_id: int | None, participants: dict[str, list[str | None]]) -> None:
    rows = [
        {"document_id": document_id, "entity_id": entity_ids[local], "claim_id": claim_id,
         "event_id": event_id, "role": role}
        for role, locals_ in participants.items()
        for local in locals_
        if local in entity_ids
    ]
    if rows:
        conn.execute(insert(roles), rows)

from sqlalchemy import func, select

from testimonium.store import Store
from testimonium.store.schema import claims, entities, events, mentions, roles
from tests.store.test_store import make_document

TEXT = "Kazakhstan denied asylum to Aigerim Nurova on October 5, her lawyer told SWS."


def extraction(name: str = "Aigerim Nurova") -> dict:
    return {
        "entities": [
            {"id": "E1", "type": "place", "name": "Kazakhstan", "mentions": [{"start": 0, "end": 10, "text": "Kazakhstan"}]},
            {"id": "E2", "type": "person", "name": name, "mentions": [{"start": 28, "end": 42, "text": "Aigerim Nurova"}]},
            {"id": "E3", "type": "media", "name": "SWS", "mentions": [{"start": 73, "end": 76, "text": "SWS"}]},
        ],
        "dates": [{"start": 46, "end": 55, "text": "October 5", "value": "2018-10-05", "granularity": "day"}],
        "quantities": [],
        "claims": [
            {"id": "C1", "speaker": None, "speaker_text": "her lawyer", "cue": "told", "told_to": "E3",
             "reported_by": [], "content": "Kazakhstan denied asylum to Aigerim Nurova on October 5",
             "start": 0, "end": 55, "kind": "indirect", "stance": "assert", "date": None},
        ],
        "events": [
            {"id": "V1", "type": "asylum", "outcome": "denied", "modality": "actual", "agent": ["E1"],
             "patient": ["E2"], "place": [], "date": "2018-10-05",
             "trigger": {"start": 11, "end": 17, "text": "denied"}, "claim": "C1"},
        ],
    }


def count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_save_extraction_stores_rows_linked_by_role(store: Store):
    document_id = store.add(make_document(TEXT), source=None, actor="t").document_id
    counts = store.save_extraction(document_id, extraction(), extractor="test-model", actor="t")

    assert counts == {"entities": 3, "dates": 1, "quantities": 0, "claims": 1, "events": 1}
    with store.engine.connect() as conn:
        event = conn.execute(select(events)).one()
        claim = conn.execute(select(claims)).one()
        assert event.claim_id == claim.id and event.date == "2018-10-05"
        told_to = conn.execute(select(entities.c.name).where(entities.c.id == claim.told_to_id)).scalar()
        assert told_to == "SWS"
        patient = conn.execute(
            select(entities.c.name).join(roles, roles.c.entity_id == entities.c.id).where(roles.c.role == "patient")
        ).scalar()
        assert patient == "Aigerim Nurova"
    assert count(store, mentions) == 3


def test_extracting_again_replaces_results_and_is_logged(store: Store):
    document = make_document(TEXT)
    document_id = store.add(document, source=None, actor="t").document_id
    store.save_extraction(document_id, extraction(), extractor="m1", actor="t")
    store.save_extraction(document_id, extraction("A. Nurova"), extractor="m2", actor="t")

    assert count(store, entities) == 3 and count(store, events) == 1 and count(store, roles) == 3
    with store.engine.connect() as conn:
        assert "A. Nurova" in conn.execute(select(entities.c.name)).scalars().all()
    logged = [e for e in store.custody_events(document.sha256) if e["event"] == "extracted"]
    assert len(logged) == 2 and '"extractor":"m2"' in logged[1]["details"]
    assert store.verify().ok


def test_documents_needing_extraction_follow_the_extractor(store: Store):
    first = store.add(make_document(TEXT), source=None, actor="t").document_id
    second = store.add(make_document("Another report."), source=None, actor="t").document_id
    assert store.needing_extraction("m1") == [first, second]
    store.save_extraction(first, extraction(), extractor="m1", actor="t")
    assert store.needing_extraction("m1") == [second]
    assert store.needing_extraction("m2") == [first, second]
    assert store.load_document(first).text == TEXT

"""The read queries behind the pages, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from testimonium.store import Store
from testimonium.store.views import (
    claim_filters,
    claims_list,
    custody_log,
    date_precision,
    date_sort_key,
    document_page,
    document_view,
    entity_view,
    events_list,
    sentence_around,
)
from tests.web.fixtures import ASYLUM_TEXT, add_asylum_document, asylum_extraction, make_document


def entity_id(store: Store, document_id: int, name: str) -> int:
    view = document_view(store, document_id)
    return next(e["id"] for e in view["entities"] if e["name"] == name)


def test_document_view_has_every_record_with_its_offsets(store: Store):
    document_id = add_asylum_document(store)
    view = document_view(store, document_id)
    assert view["document"]["title"] == "Kazakhstan refuses asylum to Aigerim Nurova"
    for mention in view["mentions"]:
        assert ASYLUM_TEXT[mention["start"]:mention["end"]] == mention["text"]
    assert [d["value"] for d in view["dates"]] == ["2018-10-05", "2018-08"]
    first = view["claims"][0]
    assert first["told_to"]["name"] == "SWS" and [p["name"] for p in first["reported_by"]] == ["SWS"]
    assert ASYLUM_TEXT[first["cue_start"]:first["cue_end"]] == "told"
    asylum = view["events"][0]
    assert asylum["type"] == "asylum" and asylum["participants"]["patient"][0]["name"] == "Aigerim Nurova"
    assert document_view(store, document_id + 100) is None


def test_entity_view_gathers_the_same_name_across_documents_with_a_dated_timeline(store: Store):
    first = add_asylum_document(store)
    second_text = ASYLUM_TEXT + "A second outlet carried the report.\n"
    second = store.add(make_document(second_text, title="Second report", published="2018-10-10"),
                       source=None, actor="t").document_id
    store.save_extraction(second, asylum_extraction(second_text), extractor="hand-written", actor="t")

    view = entity_view(store, entity_id(store, first, "Aigerim Nurova"))
    assert view["entity"]["type"] == "person"
    assert view["documents"] == 2 and len(view["same_entities"]) == 2
    assert view["aliases"] == ["Nurova"]  # the pronoun "She" is a mention, not an alias
    assert len(view["mentions"]) == 8
    keys = [item["sort_key"] for item in view["timeline"]]
    assert keys == sorted(keys) and len(keys) == 4
    # the August crossing is known only to the month: it sits at the month, before any day in it
    assert [(item["date"], item["precision"]) for item in view["timeline"]] == [
        ("2018-08", "month"), ("2018-08", "month"), ("2018-10-05", "day"), ("2018-10-05", "day")]
    # the planned appeal has no date: it is listed apart, not guessed into the timeline
    assert [item["label"] for item in view["undated"]] == ["appeal", "appeal"]
    for item in view["timeline"]:
        sentence = item["sentence"]
        assert 0 <= sentence["start"] < sentence["end"] <= len(sentence["text"])
    assert view["timeline"][0]["sentence"]["text"] == "Nurova crossed the border in August."

    # a claim without a date of its own sits at its document's publication date, and says so
    sws = entity_view(store, entity_id(store, first, "SWS"))
    assert [(item["kind"], item["date"], item["date_source"]) for item in sws["timeline"]] == [
        ("claim", "2018-10-08", "published"), ("claim", "2018-10-08", "published"),
        ("claim", "2018-10-10", "published"), ("claim", "2018-10-10", "published")]


def test_claims_filter_by_speaker_stance_date_and_document(store: Store):
    document_id = add_asylum_document(store)
    total, claims = claims_list(store)
    assert total == 3 and {c["stance"] for c in claims} == {"assert", "deny"}
    assert [c["content"] for c in claims_list(store, speaker="sadyk")[1]] == ["She will appeal"]
    assert [c["speaker_text"] for c in claims_list(store, speaker="LAWYER")[1]] == ["her lawyer"]
    assert claims_list(store, stance="deny")[0] == 1
    assert claims_list(store, date_from="2018-10-07")[0] == 2  # two dated by publication, 2018-10-08
    assert claims_list(store, date_to="2018-10")[0] == 3
    assert claims_list(store, date_to="2018-09")[0] == 0
    assert claims_list(store, document_id=document_id + 1)[0] == 0
    assert claims_list(store, speaker="%")[0] == 0  # a wildcard is a character, not a pattern
    sentence = claims[0]["sentence"]
    assert sentence["text"][sentence["start"]:sentence["end"]] in ASYLUM_TEXT
    assert claim_filters(store)["stances"] == ["assert", "deny"]


def test_events_filter_by_type_and_entity(store: Store):
    document_id = add_asylum_document(store)
    assert events_list(store)[0] == 3
    assert [e["type"] for e in events_list(store, event_type="asylum")[1]] == ["asylum"]
    nurova = entity_id(store, document_id, "Aigerim Nurova")
    assert events_list(store, entity_id=nurova)[0] == 3
    dated = [e["date"] for e in events_list(store)[1]]
    assert dated == ["2018-08", "2018-10-05", None]


def test_document_page_and_custody_log(store: Store):
    add_asylum_document(store)
    total, rows = document_page(store, limit=10)
    assert total == 1 and rows[0]["outlet"] == "SWS"
    total, log = custody_log(store, limit=1)
    assert total == 2 and log[0]["event"] == "extracted" and log[0]["document_id"] == rows[0]["id"]


@pytest.mark.parametrize(("value", "precision", "key"), [
    ("2018-10-05", "day", "2018-10-05"),
    ("2018-10", "month", "2018-10-00"),
    ("2018", "year", "2018-00-00"),
    ("197", "decade", "1970-00-00"),
    ("2008-SU", "season", "2008-06-00"),
    ("2010-W02", "week", "2010-01-11"),
    ("--10-05", "unknown-year", None),
])
def test_dates_are_placed_as_precisely_as_they_are_known(value, precision, key):
    assert date_precision(value) == precision
    assert date_sort_key(value) == key


def test_sentence_around_a_span():
    text = "First one. Kazakhstan denied it on Monday. Last one."
    sentence, start, end = sentence_around(text, 22, 28)
    assert sentence == "Kazakhstan denied it on Monday."
    assert sentence[start:end] == "denied"


def test_an_event_keeps_the_participants_no_entity_names(store: Store):
    from testimonium.extract import Extractor

    text = "Riot police detained 23 people outside the ministry in Minsk on Monday.\n"
    document = make_document(text, title="Detentions in Minsk", published="2025-06-12")
    document_id = store.add(document, source=None, actor="t").document_id
    extraction = Extractor().extract(document, published="2025-06-12")
    store.save_extraction(document_id, extraction.contract_json(), extractor="spacy", actor="t")
    (detention,) = [e for e in document_view(store, document_id)["events"] if e["type"] == "detention"]
    patients = [u for u in detention["unnamed"] if u["role"] == "patient"]
    assert [u["text"] for u in patients] == ["23 people"]
    assert text[patients[0]["start"]:patients[0]["end"]] == "23 people"

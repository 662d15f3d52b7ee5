"""The connect stage over a real store (SQLite, and PostgreSQL where configured): canonical
entities, incremental runs, people's decisions, event groups with independent sources, and
contradictions. Extraction results are written by hand (tests/connect/builders.py); the
resolver, the embedding model and the grouping all run for real."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from testimonium.connect import decisions, views
from testimonium.connect.embeddings import Embedder
from testimonium.connect.run import connect
from testimonium.store import Store
from testimonium.store.schema import contradictions, entities, entity_clusters
from tests.connect.builders import LAWYER, NAMESAKE, add_copy, add_extracted, add_lawyer, add_namesake, add_wire, extraction


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder.load()


def canonical(store: Store, document_id: int, name: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(
            select(entity_clusters.c.canonical_id).join(entities, entities.c.id == entity_clusters.c.entity_id)
            .where(entities.c.document_id == document_id, entities.c.name == name)
        ).scalar_one()


def test_spellings_of_one_person_join_and_a_namesake_stays_apart(store: Store, embedder):
    wire, lawyer, namesake = add_wire(store), add_lawyer(store), add_namesake(store)
    connect(store, embedder=embedder)

    sauytbay = canonical(store, wire, "Sayragul Sauytbay")
    assert canonical(store, lawyer, "Sairagul Sauytbay") == sauytbay
    assert canonical(store, namesake, "Yerbol Sauytbayev") != sauytbay
    view = views.canonical_view(store, sauytbay)
    assert view["canonical"]["type"] == "person"
    assert {"Sairagul Sauytbay", "Sauytbay"} <= set(view["aliases"]) | {view["canonical"]["name"]}
    assert view["documents"] == 2
    # The CLI and web look entities up by any spelling, also in another script.
    assert views.find_entities(store, "Sauytbay")[0]["id"] == sauytbay
    assert views.find_entities(store, "sairagul sauytbay")[0]["id"] == sauytbay


def test_later_runs_resolve_only_what_new_documents_touch_and_keep_ids(store: Store, embedder):
    wire, lawyer = add_wire(store), add_lawyer(store)
    first = connect(store, embedder=embedder)
    sauytbay = canonical(store, wire, "Sayragul Sauytbay")
    assert first.new_entities == 7

    add_namesake(store)
    second = connect(store, embedder=embedder)
    assert second.new_entities == 1
    assert second.resolved_entities < first.resolved_entities
    third = connect(store, embedder=embedder)
    assert third.new_entities == 0
    assert first.encoded_claims == 2 and third.encoded_claims == 0  # claim vectors are kept, not recomputed

    # Re-extraction replaces the document's entity rows; the canonical entity keeps its id.
    store.save_extraction(lawyer, extraction(LAWYER, entities={
        "E1": ("person", "Sairagul Sauytbay", ["Sairagul Sauytbay"]),
        "E2": ("person", "Abzal Kuspanov", ["Abzal Kuspanov"])}), extractor="hand-made v2", actor="tester")
    connect(store, embedder=embedder)
    assert canonical(store, lawyer, "Sairagul Sauytbay") == sauytbay


def test_decisions_override_resolution_survive_reextraction_and_are_custody_events(store: Store, embedder):
    wire, lawyer, namesake = add_wire(store), add_lawyer(store), add_namesake(store)
    connect(store, embedder=embedder)
    sauytbay = canonical(store, wire, "Sayragul Sauytbay")
    trader = canonical(store, namesake, "Yerbol Sauytbayev")

    with pytest.raises(decisions.DecisionError, match="say why"):
        decisions.merge(store, sauytbay, trader, actor="editor", reason=" ", embedder=embedder)
    merged = decisions.merge(store, sauytbay, trader, actor="editor", reason="same person, per the court file",
                             embedder=embedder)
    assert canonical(store, namesake, "Yerbol Sauytbayev") == canonical(store, wire, "Sayragul Sauytbay")
    assert merged.canonical_ids == [canonical(store, wire, "Sayragul Sauytbay")]

    # Re-extracting the namesake's document and connecting again does not undo the merge.
    store.save_extraction(namesake, extraction(NAMESAKE, entities={
        "E1": ("person", "Yerbol Sauytbayev", ["Yerbol Sauytbayev"])}), extractor="hand-made v2", actor="tester")
    connect(store, embedder=embedder)
    together = canonical(store, wire, "Sayragul Sauytbay")
    assert canonical(store, namesake, "Yerbol Sauytbayev") == together

    with store.engine.connect() as conn:
        lawyer_entity = conn.execute(select(entities.c.id).where(
            entities.c.document_id == lawyer, entities.c.name == "Sairagul Sauytbay")).scalar_one()
    decisions.split(store, together, lawyer_entity, actor="editor", reason="a different woman",
                    embedder=embedder)
    connect(store, embedder=embedder)
    assert canonical(store, lawyer, "Sairagul Sauytbay") != canonical(store, wire, "Sayragul Sauytbay")

    events = [row["event"] for row in store.custody_events()]
    assert events.count("entities-merged") == 1 and events.count("entity-split") == 1
    assert store.verify().ok


def test_reports_of_one_event_are_grouped_and_a_copy_is_not_an_independent_source(store: Store, embedder):
    wire, copy, lawyer = add_wire(store), add_copy(store), add_lawyer(store)
    add_namesake(store)
    report = connect(store, embedder=embedder)
    assert report.copies == 1

    sauytbay = canonical(store, wire, "Sayragul Sauytbay")
    found = views.corroboration(store, sauytbay)
    asylum = [group for group in found["events"] if group["type"] == "asylum"]
    assert len(asylum) == 1
    group = asylum[0]
    assert (group["outcome"], group["date"]) == ("denied", "2018-10-05")
    assert group["documents"] == sorted([wire, copy, lawyer])
    # The copy and its original are one source; the lawyer's statement is another.
    assert (group["sources"], group["independent"]) == (3, 2)
    chained = {tuple(sorted(chain["documents"])) for chain in group["chains"]}
    assert tuple(sorted([wire, copy])) in chained
    assert all(chain["reason"] for chain in group["chains"])
    # The namesake's acquittal is an event of its own, not involving her.
    assert all(g["type"] != "verdict" for g in found["events"])

    view = views.event_group_view(store, group["id"])
    assert {report["document_id"] for report in view["reports"]} == {wire, copy, lawyer}
    assert all("refused asylum" in r["sentence"]["text"] for r in view["reports"])


def test_a_denial_contradicts_the_claims_it_denies(store: Store, embedder):
    estimate = (
        "UN panel cites camp estimate\n\n"
        "GENEVA — A United Nations panel said that about one million Uighurs were being held in camps in "
        "Xinjiang, citing credible reports.\n"
    )
    denial = (
        "China rejects camp reports\n\n"
        "BEIJING — China's foreign ministry denied that Uighurs were being held in camps in Xinjiang, "
        "calling the reports groundless.\n"
    )
    un = add_extracted(store, estimate, outlet="Lake Geneva Times", name="un.txt",
                       entities={"E1": ("organization", "United Nations", ["United Nations"]),
                                 "E2": ("group", "Uighurs", ["Uighurs"]), "E3": ("place", "Xinjiang", ["Xinjiang"])},
                       claims=[{"speaker": "E1", "content": "about one million Uighurs were being held in camps in "
                                "Xinjiang, citing credible reports"}])
    china = add_extracted(store, denial, outlet="Capital Wire", name="china.txt",
                          entities={"E1": ("organization", "China's foreign ministry", ["China's foreign ministry"]),
                                    "E2": ("group", "Uighurs", ["Uighurs"]), "E3": ("place", "Xinjiang", ["Xinjiang"])},
                          claims=[{"speaker": "E1", "cue": "denied", "stance": "deny",
                                   "content": "Uighurs were being held in camps in Xinjiang"}])
    report = connect(store, embedder=embedder)
    assert report.contradictions >= 1

    with store.engine.connect() as conn:
        pairs = conn.execute(select(contradictions.c.claim_id, contradictions.c.proposition_id)).all()
    found = views.corroboration(store)
    by_id = {p["id"]: p for p in found["propositions"]}
    contradicted = [by_id[proposition_id] for _claim, proposition_id in pairs]
    assert any(un in p["documents"] and china not in p["documents"] for p in contradicted)
    view = views.proposition_view(store, contradicted[0]["id"])
    assert [claim["document_id"] for claim in view["contradicted_by"]] == [china]
    assert view["contradicted_by"][0]["stance"] == "deny"


def test_an_entitys_corroboration_shows_contested_claims_its_reports_carry(store: Store, embedder):
    stories = [
        ("Witness Aruzhan Temir speaks out\n\nALMATY — Aruzhan Temir described the camp where she was held. "
         "A United Nations panel said that about one million Uighurs were being held in camps in Xinjiang.\n"),
        ("Aruzhan Temir testifies again\n\nASTANA — Aruzhan Temir repeated her account to lawmakers. "
         "A United Nations panel has said that about one million Uighurs were being held in camps in Xinjiang.\n"),
    ]
    for number, text in enumerate(stories):
        add_extracted(store, text, outlet=f"Outlet {number}", name=f"story{number}.txt",
                      entities={"E1": ("person", "Aruzhan Temir", ["Aruzhan Temir"]),
                                "E2": ("organization", "United Nations", ["United Nations"]),
                                "E3": ("group", "Uighurs", ["Uighurs"])},
                      claims=[{"speaker": "E2", "content": "about one million Uighurs were being held in camps in "
                               "Xinjiang"}])
    add_extracted(store, "China rejects reports\n\nBEIJING — China's foreign ministry denied that Uighurs were "
                  "being held in camps in Xinjiang.\n", outlet="Capital Wire", name="china.txt",
                  entities={"E1": ("organization", "China's foreign ministry", ["China's foreign ministry"]),
                            "E2": ("group", "Uighurs", ["Uighurs"])},
                  claims=[{"speaker": "E1", "cue": "denied", "stance": "deny",
                           "content": "Uighurs were being held in camps in Xinjiang"}])
    connect(store, embedder=embedder)

    (witness,) = views.find_entities(store, "Aruzhan Temir")
    found = views.corroboration(store, witness["id"])
    assert found["propositions"] == []  # she says nothing herself, and no claim names her
    (contested,) = found["contested"]
    assert contested["sources"] == 2 and len(contested["contradicted_by"]) == 1
    assert views.corroboration(store)["contested"] == []  # only asked for with an entity

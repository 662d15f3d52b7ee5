"""Pages over the connect stage: the canonical entity, editors' merge and split, event and claim
pages with sources grouped by independence and contradictions."""

from __future__ import annotations

import re

from sqlalchemy import select

from testimonium.connect import views as connect_views
from testimonium.connect.run import connect
from testimonium.store.schema import entities
from tests.connect.builders import add_copy, add_extracted, add_lawyer, add_namesake, add_wire
from tests.web.conftest import client_for, csrf_token


def entity_id(store, document_id: int, name: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(entities.c.id).where(
            entities.c.document_id == document_id, entities.c.name == name)).scalar_one()


def test_entity_page_shows_the_canonical_entity_and_editors_split_and_merge(app, web_store):
    wire, lawyer, namesake = add_wire(web_store), add_lawyer(web_store), add_namesake(web_store)
    connect(web_store, embedder=app.state.uploader.embedder())
    her = entity_id(web_store, wire, "Sayragul Sauytbay")
    viewer, editor = client_for(app, "vera"), client_for(app, "eddie")

    page = viewer.get(f"/entities/{her}")
    assert page.status_code == 200
    assert "Sairagul Sauytbay" in page.text  # the lawyer's spelling, from another document
    assert "Lawyer confirms refusal" in page.text and "Kazakhstan refuses asylum" in page.text
    assert "Yerbol Sauytbayev" not in page.text
    assert "Split off" not in page.text and "/merge" not in page.text

    page = editor.get(f"/entities/{her}")
    token = csrf_token(page.text)
    theirs = entity_id(web_store, lawyer, "Sairagul Sauytbay")
    no_reason = editor.post(f"/entities/{her}/split", data={"csrf_token": token, "member": theirs, "reason": " "})
    assert no_reason.status_code == 400
    split = editor.post(f"/entities/{her}/split",
                        data={"csrf_token": token, "member": theirs, "reason": "another woman of that name"})
    assert split.status_code == 303
    assert "Lawyer confirms refusal" not in editor.get(f"/entities/{her}").text

    trader = connect_views.canonical_of(web_store, entity_id(web_store, namesake, "Yerbol Sauytbayev"))
    merged = editor.post(f"/entities/{her}/merge", data={"csrf_token": token, "other": trader,
                                                         "reason": "court file names both"})
    assert merged.status_code == 303
    assert "Yerbol Sauytbayev" in editor.get(f"/entities/{her}").text
    logged = [row["event"] for row in web_store.custody_events()]
    assert logged.count("entity-split") == 1 and logged.count("entities-merged") == 1


def test_event_page_groups_reports_by_independent_source(app, web_store):
    wire, copy, lawyer = add_wire(web_store), add_copy(web_store), add_lawyer(web_store)
    connect(web_store, embedder=app.state.uploader.embedder())
    viewer = client_for(app, "vera")
    canonical = connect_views.canonical_of(web_store, entity_id(web_store, wire, "Sayragul Sauytbay"))

    listing = viewer.get("/corroboration", params={"entity": canonical})
    assert listing.status_code == 200
    group = re.search(r'href="/events/(\d+)">asylum \(denied\)', listing.text)
    assert group, listing.text[-2000:]

    page = viewer.get(f"/events/{group.group(1)}")
    assert page.status_code == 200
    assert "Sources: 2 independent of 3" in page.text
    assert page.text.count("<mark>refused asylum</mark>") == 3
    assert "copy" in page.text  # the chain's reason says why the copy counts once
    assert viewer.get("/events/999999").status_code == 404
    assert viewer.get("/corroboration", params={"entity": 999999}).status_code == 404


def test_proposition_page_shows_who_contradicts_it(app, web_store):
    estimate = ("UN panel cites camp estimate\n\nGENEVA — A United Nations panel said that about one million "
                "Uighurs were being held in camps in Xinjiang, citing credible reports.\n")
    denial = ("China rejects camp reports\n\nBEIJING — China's foreign ministry denied that Uighurs were being "
              "held in camps in Xinjiang, calling the reports groundless.\n")
    add_extracted(web_store, estimate, outlet="Lake Geneva Times", name="un.txt",
                  entities={"E1": ("organization", "United Nations", ["United Nations"]),
                            "E2": ("group", "Uighurs", ["Uighurs"])},
                  claims=[{"speaker": "E1", "content": "about one million Uighurs were being held in camps in "
                           "Xinjiang, citing credible reports"}])
    add_extracted(web_store, denial, outlet="Capital Wire", name="china.txt",
                  entities={"E1": ("organization", "China's foreign ministry", ["China's foreign ministry"]),
                            "E2": ("group", "Uighurs", ["Uighurs"])},
                  claims=[{"speaker": "E1", "cue": "denied", "stance": "deny",
                           "content": "Uighurs were being held in camps in Xinjiang"}])
    connect(web_store, embedder=app.state.uploader.embedder())
    viewer = client_for(app, "vera")

    listing = viewer.get("/corroboration").text
    found = re.search(r'href="/propositions/(\d+)">“about one million', listing)
    assert found, listing[-2000:]
    page = viewer.get(f"/propositions/{found.group(1)}").text
    contradicted = page[page.index("Contradicted by"):]
    assert "China rejects camp reports" in contradicted and "(denial)" in contradicted

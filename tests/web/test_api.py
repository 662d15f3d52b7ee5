"""The JSON API with API tokens, on a real store."""

from __future__ import annotations

import pytest

from tests.web.conftest import client_for


@pytest.fixture
def api(app):
    def client(name: str):
        _, raw = app.state.accounts.create_token(name)
        http = client_for(app, None)
        http.headers["Authorization"] = f"Bearer {raw}"
        return http
    return client


def test_documents_list_and_get_and_every_get_is_in_the_custody_log(api, web_store, document_id):
    client = api("vera")
    listing = client.get("/api/v1/documents").json()
    assert listing["total"] == 1 and listing["documents"][0]["id"] == document_id
    detail = client.get(f"/api/v1/documents/{document_id}").json()
    assert detail["document"]["text"].startswith("Kazakhstan refuses asylum")
    assert {e["name"] for e in detail["entities"]} >= {"Aigerim Nurova", "Kazakhstan"}
    assert detail["custody"][-1]["event"] == "viewed" and detail["custody"][-1]["actor"] == "vera"
    assert detail["custody"][-1]["details"] == {"via": "api"}
    assert client.get("/api/v1/documents/999").status_code == 404
    assert client.get("/api/v1/documents/0").status_code == 422
    assert client.get("/api/v1/documents", params={"limit": 10_000}).status_code == 422


def test_entities_claims_and_events(api, document_id):
    client = api("vera")
    entity = client.get("/api/v1/entities/2").json()
    assert entity["entity"]["name"] == "Aigerim Nurova"
    assert [item["date"] for item in entity["timeline"]] == ["2018-08", "2018-10-05"]
    claims = client.get("/api/v1/claims", params={"stance": "deny"}).json()
    assert claims["total"] == 1 and claims["claims"][0]["speaker"]["name"] == "China"
    assert client.get("/api/v1/claims", params={"speaker": "\x00"}).status_code == 422
    events = client.get("/api/v1/events", params={"type": "asylum"}).json()
    assert events["total"] == 1 and events["events"][0]["outcome"] == "denied"


def test_the_openapi_description_needs_a_token_and_describes_the_api(app, api):
    assert client_for(app, None).get("/api/v1/openapi.json").status_code == 401
    description = api("vera").get("/api/v1/openapi.json").json()
    assert description["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    assert "/api/v1/upload" in description["paths"] and "/claims" not in description["paths"]
    assert all(path.startswith("/api/v1/") for path in description["paths"])


def test_upload_through_the_api_ingests_and_extracts(api, web_store):
    text = (b"Activist detained in Almaty\n\nALMATY (SWS) \xe2\x80\x94 Police detained the activist Serik Zhanov "
            b"in Almaty on March 3, his wife told reporters.\n")
    response = api("eddie").post("/api/v1/upload", data={"published": "2019-03-05", "outlet": "SWS"},
                                 files=[("files", ("detained.txt", text, "text/plain"))])
    body = response.json()
    assert response.status_code == 200 and body["ingested"] == 1 and body["extraction_errors"] == []
    document = api("vera").get(f"/api/v1/documents/{body['files'][0]['document_id']}").json()
    assert document["document"]["published"] == "2019-03-05"
    assert any(e["name"] == "Serik Zhanov" for e in document["entities"])
    stored = web_store.get(str(body["files"][0]["document_id"]))
    assert stored["filename"] == "detained.txt"
    ingested = web_store.custody_events(stored["sha256"])[0]
    assert (ingested["event"], ingested["actor"], ingested["source"]) == ("ingested", "eddie", "web upload: detained.txt")
    assert api("vera").post("/api/v1/upload", files=[("files", ("x.txt", text, "text/plain"))]).status_code == 403


def test_search_api_finds_documents_and_claims_with_facets(api, document_id):
    body = api("vera").get("/api/v1/search", params={"q": "asylum Nurova"}).json()
    kinds = {(hit["kind"], hit["document_id"]) for hit in body["hits"]}
    assert ("document", document_id) in kinds and ("claim", document_id) in kinds
    assert all("<mark>" in hit["snippet"] for hit in body["hits"] if hit["kind"] != "entity")
    assert ["SWS", 1] in body["facets"]["outlet"]
    narrowed = api("vera").get("/api/v1/search", params={"q": "asylum", "outlet": "Other Outlet"}).json()
    assert narrowed["total"] == 0 and narrowed["hits"] == []

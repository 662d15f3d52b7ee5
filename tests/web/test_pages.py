"""The pages, through the real app on a real store: what they show and what they record."""

from __future__ import annotations

import re

from testimonium.web import search
from tests.web.conftest import PASSWORD, client_for, csrf_token


def custody(store, sha256: str) -> list[tuple[str, str, str]]:
    return [(e["event"], e["actor"], e["details"]) for e in store.custody_events(sha256)]


def test_viewing_a_document_is_a_custody_event_and_its_text_is_escaped_and_highlighted(app, web_store, document_id):
    client = client_for(app, "vera")
    page = client.get(f"/documents/{document_id}")
    assert page.status_code == 200
    sha = web_store.get(str(document_id))["sha256"]
    assert ("viewed", "vera", '{"via":"web"}') in custody(web_store, sha)
    html = page.text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert re.search(r'<a class="hl hl-entity hl-person" href="/entities/\d+"[^>]*>Aigerim Nurova</a>', html)
    assert 'class="hl hl-claim"' in html and 'class="hl hl-date"' in html and "hl-event" in html
    assert "Custody record" in html and ">viewed<" in html


def test_downloading_an_original_is_recorded_and_never_rendered(app, web_store, document_id):
    response = client_for(app, "vera").get(f"/documents/{document_id}/original")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment")
    sha = web_store.get(str(document_id))["sha256"]
    assert response.content == web_store.blobs.read(sha)
    assert ("exported", "vera", '{"via":"web","what":"original"}') in custody(web_store, sha)


def test_missing_records_are_404_pages(app):
    client = client_for(app, "vera")
    for path in ("/documents/999", "/entities/999", "/documents/99999999999999"):
        response = client.get(path)
        assert response.status_code == 404 and "Not found" in response.text


def test_entity_page_shows_the_timeline_in_date_order_with_month_dates_marked(app, document_id):
    html = client_for(app, "vera").get("/entities/2").text
    assert "<h1>Aigerim Nurova" in html and "Also written as" in html
    timeline = html[html.index('class="timeline"'):html.index("Without a date")]
    dates = re.findall(r'<time datetime="([^"]+)">', timeline)
    assert dates == ["2018-08", "2018-10-05"]
    assert "known to the month" in timeline and "August 2018" in timeline
    assert f'href="/documents/{document_id}#event-' in timeline


def test_claims_page_filters(app, document_id):
    client = client_for(app, "vera")
    everything = client.get("/claims").text
    assert "3 claims." in everything and "Reporting chain" in everything
    assert "1 claim." in client.get("/claims", params={"stance": "deny"}).text
    only = client.get("/claims", params={"speaker": "Sadykov"}).text
    assert "1 claim." in only and "She will appeal" in only
    assert "0 claims." in client.get("/claims", params={"date_to": "2018-09"}).text
    assert client.get("/claims", params={"date_from": "not a date"}).status_code == 400


def test_viewers_see_no_upload_form_and_cannot_post_one(app):
    viewer = client_for(app, "vera")
    home = viewer.get("/").text
    assert 'href="/upload"' not in home and 'href="/admin/users"' not in home
    assert viewer.get("/upload").status_code == 403
    token = csrf_token(home)
    refused = viewer.post("/upload", data={"csrf_token": token}, files={"files": ("a.txt", b"text", "text/plain")})
    assert refused.status_code == 403
    assert 'href="/upload"' in client_for(app, "eddie").get("/").text


def test_editors_upload_files_and_see_what_became_of_each(app, web_store):
    client = client_for(app, "eddie")
    token = csrf_token(client.get("/upload").text)
    text = ("Court hears appeal of Marat Ospanov\n\nBy Staff\n\n"
            "ALMATY (SWS) — Marat Ospanov appeared in court on October 3, his lawyer said.\n").encode()
    files = [("files", ("report.txt", text, "text/plain")), ("files", ("../../etc/passwd", b"", "text/plain")),
             ("files", ("photo.exe", b"MZ\x90\x00\x03" * 20, "application/octet-stream"))]
    response = client.post("/upload", data={"csrf_token": token, "published": "2018-10-04", "outlet": "SWS"},
                           files=files)
    assert response.status_code == 200
    html = response.text
    assert "1 ingested, 0 already present, 2 failed." in html
    assert "../../etc/passwd" in html  # shown back as a name, escaped, never used as a path
    document = web_store.get("1")
    assert document["published"] == "2018-10-04" and document["outlet"] == "SWS"
    assert document["filename"] == "report.txt"  # the browser's name, kept as metadata only
    assert [e["event"] for e in web_store.custody_events(document["sha256"])] == ["ingested", "extracted"]
    again = client.post("/upload", data={"csrf_token": token}, files=files[:1])
    assert "0 ingested, 1 already present, 0 failed." in again.text


def test_upload_form_errors(app):
    client = client_for(app, "eddie")
    token = csrf_token(client.get("/upload").text)
    no_files = client.post("/upload", data={"csrf_token": token})
    assert no_files.status_code == 400 and "choose at least one file" in no_files.text
    bad_date = client.post("/upload", data={"csrf_token": token, "published": "yesterday"},
                           files={"files": ("a.txt", b"Some text.", "text/plain")})
    assert bad_date.status_code == 400 and "is not an ISO date" in bad_date.text


def test_admins_manage_users_and_every_change_is_logged(app, web_store):
    client = client_for(app, "ada")
    token = csrf_token(client.get("/admin/users").text)
    assert client.post("/admin/users", data={"csrf_token": token, "name": "nadia", "password": PASSWORD,
                                             "role": "viewer"}).status_code == 303
    assert client.post("/admin/users/nadia/role", data={"csrf_token": token, "role": "editor"}).status_code == 303
    assert app.state.accounts.user("nadia").role == "editor"
    short = client.post("/admin/users", data={"csrf_token": token, "name": "omar", "password": "short", "role": "viewer"})
    assert short.status_code == 400 and "at least 10 characters" in short.text
    yourself = client.post("/admin/users/ada/delete", data={"csrf_token": token})
    assert yourself.status_code == 400 and "cannot remove yourself" in yourself.text
    assert client.post("/admin/users/nadia/delete", data={"csrf_token": token}).status_code == 303
    assert app.state.accounts.user("nadia") is None
    events = [(e["event"], e["actor"]) for e in web_store.custody_events() if e["sha256"] is None]
    assert events == [("user-added", "ada"), ("role-changed", "ada"), ("user-removed", "ada")]


def test_custody_log_and_verify(app, web_store, document_id):
    client = client_for(app, "ada")
    page = client.get("/admin/custody")
    assert "not been verified yet" in page.text and ">ingested<" in page.text
    verified = client.post("/admin/verify", data={"csrf_token": csrf_token(page.text)})
    assert verified.status_code == 200 and "Verification passed" in verified.text
    assert "Last verified" in client.get("/admin/custody").text
    web_store.blobs.path(web_store.get(str(document_id))["sha256"]).chmod(0o644)
    web_store.blobs.path(web_store.get(str(document_id))["sha256"]).write_bytes(b"tampered")
    failed = client.post("/admin/verify", data={"csrf_token": csrf_token(page.text)})
    assert "Verification FAILED" in failed.text and "original was altered" in failed.text


def test_users_create_and_revoke_their_own_api_tokens(app):
    client = client_for(app, "vera")
    token = csrf_token(client.get("/account").text)
    created = client.post("/account/tokens", data={"csrf_token": token, "label": "laptop"})
    raw = re.search(r'<code class="token">(tm_[^<]+)</code>', created.text).group(1)
    api = client_for(app, None)
    assert api.get("/api/v1/documents", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    token_id = app.state.accounts.tokens("vera")[0].id
    assert client.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": token}).status_code == 303
    assert api.get("/api/v1/documents", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert "tm_" not in client.get("/account").text  # the token is shown once only


def test_a_user_cannot_revoke_someone_elses_token(app):
    token, raw = app.state.accounts.create_token("eddie")
    client = client_for(app, "vera")
    client.post(f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(client.get("/account").text)})
    assert app.state.accounts.token_user(raw) is not None


def test_search_page(app, document_id):
    html = client_for(app, "vera").get("/search", params={"q": "asylum"}).text
    assert "result" in html


def test_editors_correct_metadata_with_a_reason_that_custody_keeps(app, web_store, document_id):
    client = client_for(app, "eddie")
    page = client.get(f"/documents/{document_id}").text
    assert "Correct the metadata" in page
    token = csrf_token(page)
    response = client.post(f"/documents/{document_id}/correct",
                           data={"csrf_token": token, "outlet": "Steppe Wire Service", "published": "2018-10",
                                 "reason": "the agency's full name; day not stated"})
    assert response.status_code == 303
    record = web_store.get(str(document_id))
    assert (record["outlet"], record["published"]) == ("Steppe Wire Service", "2018-10")
    event = web_store.custody_events(record["sha256"])[-1]
    assert event["event"] == "corrected" and event["actor"] == "eddie"
    assert web_store.verify().ok

    bad = client.post(f"/documents/{document_id}/correct",
                      data={"csrf_token": token, "published": "October 2018", "reason": "typo"})
    assert bad.status_code == 400 and "ISO date" in bad.text
    assert "Correct the metadata" not in client_for(app, "vera").get(f"/documents/{document_id}").text

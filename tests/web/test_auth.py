"""Sign-in, sessions, CSRF, throttling, cookies and headers, through the real app."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from testimonium.settings import Settings
from testimonium.store.schema import sessions
from testimonium.web import WebOptions, create_app
from testimonium.web.auth import SESSION_COOKIE
from tests.web.conftest import PASSWORD, client_for, csrf_token, sign_in


def session_cookie(response) -> str:
    header = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith(SESSION_COOKIE))
    return header


def test_sign_in_sets_a_strict_http_only_cookie_and_redirects_only_within_the_site(app):
    client = client_for(app, None)
    response = sign_in(client, "vera", next_url="/claims")
    assert response.status_code == 303 and response.headers["location"] == "/claims"
    cookie = session_cookie(response).lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert "secure" not in cookie  # plain HTTP here; see the https test
    for hostile in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        other = client_for(app, None)
        assert sign_in(other, "vera", next_url=hostile).headers["location"] == "/"


def test_cookies_are_secure_over_https(app):
    client = client_for(app, None, base_url="https://testserver")
    response = sign_in(client, "vera")
    assert "secure" in session_cookie(response).lower()
    assert response.headers["strict-transport-security"].startswith("max-age=")


def test_sign_in_issues_a_new_session_id_and_drops_the_one_presented(app, web_store):
    client = client_for(app, None)
    client.cookies.set(SESSION_COOKIE, "planted-by-an-attacker", domain="testserver.local")
    sign_in(client, "vera")
    first = client.cookies.get(SESSION_COOKIE)
    assert first and first != "planted-by-an-attacker"
    sign_in(client, "vera")
    second = client.cookies.get(SESSION_COOKIE)
    assert second != first
    with web_store.engine.connect() as conn:
        assert len(conn.execute(select(sessions)).all()) == 1  # the first session ended at the second sign-in


def test_sign_out_ends_the_session_on_the_server(app):
    client = client_for(app, "vera")
    stolen = client.cookies.get(SESSION_COOKIE)
    token = csrf_token(client.get("/").text)
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    replay = client_for(app, None)
    replay.cookies.set(SESSION_COOKIE, stolen, domain="testserver.local")
    assert replay.get("/").status_code == 303


def test_an_idle_session_expires(app):
    client = client_for(app, "vera")
    assert client.get("/").status_code == 200
    accounts = app.state.accounts
    real_clock = accounts.clock
    accounts.clock = lambda: real_clock() + timedelta(minutes=31)
    try:
        response = client.get("/claims")
    finally:
        accounts.clock = real_clock
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert client.get("/").status_code == 303  # and it stays ended


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_state_changing_requests_without_the_csrf_token_are_refused(app, token):
    client = client_for(app, "ada")
    data = {"name": "mallory", "password": PASSWORD, "role": "admin"}
    if token is not None:
        data["csrf_token"] = token
    response = client.post("/admin/users", data=data)
    assert response.status_code == 403
    assert "mallory" not in [u.name for u in app.state.accounts.users()]
    data["csrf_token"] = csrf_token(client.get("/admin/users").text)
    assert client.post("/admin/users", data=data).status_code == 303


def test_the_csrf_token_belongs_to_its_session(app):
    vera, ada = client_for(app, "vera"), client_for(app, "ada")
    veras_token = csrf_token(vera.get("/").text)
    response = ada.post("/admin/users", data={"name": "mallory", "password": PASSWORD, "role": "admin",
                                              "csrf_token": veras_token})
    assert response.status_code == 403


def test_the_login_form_needs_its_own_token(app):
    client = client_for(app, None)
    response = client.post("/login", data={"name": "vera", "password": PASSWORD})
    assert response.status_code == 403 and SESSION_COOKIE not in client.cookies


def test_api_tokens_need_no_csrf_token_but_session_calls_to_the_api_do(app):
    _, raw = app.state.accounts.create_token("eddie")
    anonymous = client_for(app, None)
    upload = {"files": ("a.txt", b"", "text/plain")}
    by_token = anonymous.post("/api/v1/upload", files=upload, headers={"Authorization": f"Bearer {raw}"})
    assert by_token.status_code == 200 and by_token.json()["failed"] == 1  # an empty file, refused as such
    by_session = client_for(app, "eddie")
    assert by_session.post("/api/v1/upload", files=upload).status_code == 403
    token = csrf_token(by_session.get("/upload").text)
    assert by_session.post("/api/v1/upload", files=upload, headers={"X-CSRF-Token": token}).status_code == 200


@pytest.mark.parametrize("header", ["Bearer tm_not-a-token", "Basic dmVyYTpwYXNzd29yZA==", "Bearer "])
def test_bad_credentials_on_the_api_get_401(app, header):
    assert client_for(app, None).get("/api/v1/documents", headers={"Authorization": header}).status_code == 401


def test_repeated_failures_lock_the_name_out_even_with_the_right_password(app):
    client = client_for(app, None)
    for _ in range(5):
        assert sign_in(client, "vera", "wrong password").status_code == 401
    locked = sign_in(client, "vera")
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    assert "Too many failed sign-ins" in locked.text
    assert sign_in(client, "eddie").status_code == 303  # another name from the same address still works


def test_a_wrong_name_and_a_wrong_password_get_the_same_answer(app):
    client = client_for(app, None)
    unknown, wrong = sign_in(client, "nobody", "wrong password"), sign_in(client, "vera", "wrong password")
    assert unknown.status_code == wrong.status_code == 401
    assert "Wrong name or password." in unknown.text and "Wrong name or password." in wrong.text


@pytest.mark.parametrize("path", ["/login", "/", "/api/v1/documents", "/no/such/page", "/static/style.css"])
def test_every_response_carries_the_security_headers(app, path):
    response = client_for(app, "vera").get(path)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    if not path.startswith("/static/"):
        assert response.headers["cache-control"] == "no-store"


def test_no_page_has_inline_script_or_style(app, document_id):
    client = client_for(app, "ada")
    for path in ("/login", "/", f"/documents/{document_id}", "/entities/2", "/claims", "/upload", "/account",
                 "/admin/users", "/admin/custody", "/search?q=x"):
        html = client.get(path).text
        assert "<script" not in html.replace("&lt;script", "") and " style=" not in html and "<style" not in html, path


def test_oversized_bodies_are_refused_before_they_are_read(app, web_store, tmp_path):
    client = client_for(app, "ada")
    token = csrf_token(client.get("/admin/users").text)
    response = client.post("/admin/users", data={"csrf_token": token, "name": "x" * 100_000})
    assert response.status_code == 413

    small = create_app(Settings(home=tmp_path / "home"), WebOptions(max_upload_bytes=1000), store=web_store)
    _, raw = small.state.accounts.create_token("eddie")
    bearer = {"Authorization": f"Bearer {raw}"}
    client = client_for(small, None)
    declared = client.post("/api/v1/upload", files={"files": ("big.txt", b"x" * 5000, "text/plain")}, headers=bearer)
    assert declared.status_code == 413

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n"
        for _ in range(10):
            yield b"x" * 500
        yield b"\r\n--b--\r\n"

    streamed = client.post("/api/v1/upload", content=chunks(),
                           headers=bearer | {"Content-Type": "multipart/form-data; boundary=b"})
    assert streamed.status_code == 413
    assert web_store.count() == 0

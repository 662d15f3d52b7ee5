"""Every route × (anonymous, viewer, editor, admin) gets exactly the answer its rule allows.

The matrix below is the access policy written out. The first test fails when the app gains a
route the matrix does not list (or loses one), or when a route's declared rule differs from it;
the second sends a real request for every cell and checks the status the server returns.
"""

from __future__ import annotations

import itertools

import pytest
from fastapi.testclient import TestClient

from sqlalchemy import func, select

from testimonium.connect import decisions
from testimonium.connect import views as connect_views
from testimonium.connect.run import connect
from testimonium.settings import Settings
from testimonium.store import Store
from testimonium.store.accounts import role_allows
from testimonium.store.schema import canonical_entities, event_groups, propositions
from testimonium.web import WebOptions, create_app, search
from testimonium.web.auth import route_rules
from tests.web.conftest import PASSWORD, USERS, client_for, csrf_token
from tests.web.fixtures import add_asylum_document

# (method, path): (least role allowed, status when allowed)
MATRIX: dict[tuple[str, str], tuple[str, int]] = {
    ("GET", "/login"): ("public", 200),
    ("POST", "/login"): ("public", 401),  # a wrong password, for everyone
    ("GET", "/static"): ("public", 200),
    ("POST", "/logout"): ("viewer", 303),
    ("GET", "/account"): ("viewer", 200),
    ("POST", "/account/tokens"): ("viewer", 200),
    ("POST", "/account/tokens/{token_id}/revoke"): ("viewer", 303),
    ("GET", "/"): ("viewer", 200),
    ("GET", "/search"): ("viewer", 200),
    ("GET", "/documents/{document_id}"): ("viewer", 200),
    ("GET", "/documents/{document_id}/original"): ("viewer", 200),
    ("POST", "/documents/{document_id}/correct"): ("editor", 303),
    ("GET", "/entities/{entity_id}"): ("viewer", 200),
    ("POST", "/entities/{entity_id}/merge"): ("editor", 303),
    ("POST", "/entities/{entity_id}/split"): ("editor", 303),
    ("GET", "/events/{group_id}"): ("viewer", 200),
    ("GET", "/propositions/{proposition_id}"): ("viewer", 200),
    ("GET", "/corroboration"): ("viewer", 200),
    ("GET", "/claims"): ("viewer", 200),
    ("GET", "/upload"): ("editor", 200),
    ("POST", "/upload"): ("editor", 200),
    ("GET", "/admin/users"): ("admin", 200),
    ("POST", "/admin/users"): ("admin", 303),
    ("POST", "/admin/users/{name}/role"): ("admin", 303),
    ("POST", "/admin/users/{name}/delete"): ("admin", 303),
    ("GET", "/admin/custody"): ("admin", 200),
    ("POST", "/admin/verify"): ("admin", 200),
    ("GET", "/api/v1/openapi.json"): ("viewer", 200),
    ("GET", "/api/v1/documents"): ("viewer", 200),
    ("GET", "/api/v1/documents/{document_id}"): ("viewer", 200),
    ("GET", "/api/v1/entities/{entity_id}"): ("viewer", 200),
    ("GET", "/api/v1/claims"): ("viewer", 200),
    ("GET", "/api/v1/events"): ("viewer", 200),
    ("GET", "/api/v1/search"): ("viewer", 200),
    ("POST", "/api/v1/upload"): ("editor", 200),
}
PRINCIPALS = [None, "vera", "eddie", "ada"]  # anonymous, viewer, editor, admin
UPLOAD = ("note.txt", b"Short note\n\nA short note that the access matrix uploads.\n", "text/plain")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("access")
    store = Store.open(folder / "home", f"sqlite:///{folder / 'web.db'}")
    app = create_app(Settings(home=folder / "home"), WebOptions(), store=store)
    for name, role in USERS.items():
        app.state.accounts.add_user(name, PASSWORD, role)
    document_id = add_asylum_document(store)
    connect(store, embedder=app.state.uploader.embedder())
    clients = {name: client_for(app, name) for name in PRINCIPALS}
    tokens = {name: app.state.accounts.create_token(name, "matrix")[1] for name in USERS}
    yield {"app": app, "store": store, "document_id": document_id, "clients": clients, "tokens": tokens,
           "counter": itertools.count()}
    store.close()


def test_the_matrix_lists_every_route_with_its_declared_rule(world):
    declared = {}
    for rule in route_rules(world["app"]):
        for method in rule.methods - {"HEAD"}:
            declared[(method, rule.path)] = rule.access
    assert set(declared) == set(MATRIX), "a route was added or removed: give it a line in MATRIX"
    for key, (role, _status) in MATRIX.items():
        assert declared[key] == role, f"{key} declares {declared[key]}, the matrix says {role}"


def _request(world, name: str | None, method: str, path: str):
    app, accounts = world["app"], world["app"].state.accounts
    client: TestClient = world["clients"][name]
    number = next(world["counter"])
    store = world["store"]
    url = path.replace("{document_id}", str(world["document_id"])).replace("{entity_id}", "2")
    url = url.replace("{group_id}", str(first_id(store, event_groups))).replace(
        "{proposition_id}", str(first_id(store, propositions)))
    if path == "/static":
        url = "/static/style.css"
    if "{token_id}" in path:
        owner = name or "vera"
        url = url.replace("{token_id}", str(accounts.create_token(owner, "to revoke")[0].id))
    if "{name}" in path:
        victim = f"temp{number}"
        accounts.add_user(victim, PASSWORD, "viewer")
        url = url.replace("{name}", victim)
    if path == "/logout" and name is not None:
        client = client_for(app, name)  # signing out must not sign out the shared client
    headers, data, files = {}, {}, None
    if url.startswith("/api/") and name is not None:
        client = TestClient(app, follow_redirects=False)
        headers["Authorization"] = f"Bearer {world['tokens'][name]}"
    if method == "POST" and not url.startswith("/api/"):
        page = client.get("/login" if path == "/login" else "/account")
        data["csrf_token"] = csrf_token(page.text) if page.status_code == 200 else ""
    if path == "/login":
        data.update(name="nobody", password="wrong password")
    elif path == "/account/tokens":
        data["label"] = "from the matrix"
    elif path == "/admin/users":
        data.update(name=f"added{number}", password=PASSWORD, role="viewer")
    elif path.endswith("/role"):
        data["role"] = "editor"
    elif path.endswith("/correct"):
        data.update(outlet=f"Outlet {number}", reason="matrix check")
    elif path.endswith("/merge"):
        data.update(other=str(other_canonical(store, 2)), reason="matrix check")
    elif path.endswith("/split"):
        data.update(member=str(member_to_split(store, 2, world["app"])), reason="matrix check")
    if path in ("/upload", "/api/v1/upload"):
        files = {"files": UPLOAD}
    params = {"q": "asylum"} if path.endswith("/search") else None
    return client.request(method, url, headers=headers, data=data or None, files=files, params=params)


def first_id(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.min(table.c.id))).scalar_one()


def other_canonical(store: Store, entity_id: int) -> int:
    """Some canonical entity that entity 2 is not part of yet, so every merge has work to do."""
    mine = connect_views.canonical_of(store, entity_id)
    with store.engine.connect() as conn:
        return conn.execute(select(func.min(canonical_entities.c.id)).where(canonical_entities.c.id != mine)).scalar_one()


def member_to_split(store: Store, entity_id: int, app) -> int:
    """A member of entity 2's canonical entity other than entity 2, merging one in first if needed."""
    mine = connect_views.canonical_of(store, entity_id)
    with store.engine.connect() as conn:
        others = [m for m in connect_views.member_ids(conn, mine) if m != entity_id]
    if not others:
        decisions.merge(store, mine, other_canonical(store, entity_id), actor="setup", reason="matrix setup",
                        embedder=app.state.uploader.embedder())
        return member_to_split(store, entity_id, app)
    return others[0]


@pytest.mark.parametrize(("method", "path"), sorted(MATRIX))
@pytest.mark.parametrize("name", PRINCIPALS, ids=["anonymous", "viewer", "editor", "admin"])
def test_every_route_answers_each_principal_as_the_matrix_says(world, name, method, path):
    role, allowed = MATRIX[(method, path)]
    response = _request(world, name, method, path)
    user_role = USERS.get(name)
    if role == "public" or (user_role is not None and role_allows(user_role, role)):
        assert response.status_code == allowed, response.text[-1500:]
    elif name is None and path.startswith("/api/"):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    elif name is None:
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
    else:
        assert response.status_code == 403, response.text[:500]

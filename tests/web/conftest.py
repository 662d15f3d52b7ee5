"""An app over a fresh SQLite store with one user per role, and clients signed in as them."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

# Starlette asks for the httpx2 package, which the lock file does not carry yet; httpx works.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
from fastapi.testclient import TestClient  # noqa: E402

from testimonium.settings import Settings
from testimonium.store import Store
from testimonium.store.accounts import Accounts
from testimonium.web import WebOptions, create_app
from tests.web.fixtures import add_asylum_document

PASSWORD = "a long enough password"
USERS = {"ada": "admin", "eddie": "editor", "vera": "viewer"}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def web_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "home", f"sqlite:///{tmp_path / 'web.db'}")
    yield store
    store.close()


@pytest.fixture
def app(web_store: Store, tmp_path: Path):
    app = create_app(Settings(home=tmp_path / "home"), WebOptions(), store=web_store)
    # Hashes made with cheap parameters verify cheaply; the app's own hasher is left as shipped.
    app.state.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    accounts: Accounts = app.state.accounts
    for name, role in USERS.items():
        accounts.add_user(name, PASSWORD, role)
    return app


@pytest.fixture
def document_id(web_store: Store) -> int:
    return add_asylum_document(web_store)


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD, next_url: str = "/"):
    form = client.get("/login")
    return client.post("/login", data={"name": name, "password": password, "next": next_url,
                                       "csrf_token": csrf_token(form.text)}, follow_redirects=False)


def client_for(app, name: str | None, **kwargs) -> TestClient:
    client = TestClient(app, follow_redirects=False, **kwargs)
    if name is not None:
        assert sign_in(client, name).status_code == 303
    return client


@pytest.fixture
def clients(app) -> dict[str | None, TestClient]:
    return {None: client_for(app, None), **{name: client_for(app, name) for name in USERS}}

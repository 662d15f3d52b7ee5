"""Fixtures every stage's tests share: a store on SQLite and, where configured, on PostgreSQL.

PostgreSQL tests run when TESTIMONIUM_TEST_POSTGRES_URL names a server (`.ci/run` points it at
postgresql://127.0.0.1:5432/test). Locally: start PostgreSQL, then
    TESTIMONIUM_TEST_POSTGRES_URL=postgresql://127.0.0.1:5432/test make test
Each test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine
from sqlalchemy.schema import CreateSchema, DropSchema

from testimonium.store import Store
from testimonium.store.database import normalise_url

POSTGRES_URL = os.environ.get("TESTIMONIUM_TEST_POSTGRES_URL")
NO_POSTGRES = (
    "PostgreSQL not configured: set TESTIMONIUM_TEST_POSTGRES_URL=postgresql://127.0.0.1:5432/test "
    "(as .ci/run does) to run the PostgreSQL variant"
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty store: SQLite in a temp folder, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(normalise_url(POSTGRES_URL))
    with admin.begin() as connection:
        connection.execute(CreateSchema(schema))
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(DropSchema(schema, cascade=True))
    admin.dispose()


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "home", db_url)
    yield opened
    opened.close()

from importlib.resources import files

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from testimonium.store import Store
from testimonium.store.schema import metadata


def _outside_the_table_metadata(name, type_, *_args) -> bool:
    # The full-text index (FTS5 tables, triggers, expression indexes) is DDL that SQLAlchemy's
    # table metadata cannot describe; it lives in migrations only, under the "search_" prefix.
    return not (name or "").startswith(("search_", "ix_search_"))


def test_migrations_build_exactly_the_schema_the_code_queries(store: Store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _outside_the_table_metadata})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_store_is_at_the_newest_revision(store: Store):
    config = Config()
    config.set_main_option("script_location", str(files("testimonium.store") / "migrations"))
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with store.engine.connect() as conn:
        assert set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()) == heads

from importlib.resources import files

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from testimonium.store import Store
from testimonium.store.schema import metadata


def test_migrations_build_exactly_the_schema_the_code_queries(store: Store):
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_store_is_at_the_newest_revision(store: Store):
    config = Config()
    config.set_main_option("script_location", str(files("testimonium.store") / "migrations"))
    head = ScriptDirectory.from_config(config).get_current_head()
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head

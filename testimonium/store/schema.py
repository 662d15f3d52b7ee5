"""The tables, one definition for SQLite and PostgreSQL.

Migrations in `migrations/versions` create and change these; this module is what the code
queries. Times are stored as ISO 8601 text in UTC so that the custody chain hashes exactly the
characters that are stored, on every backend.
"""

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("parent_id", Integer, ForeignKey("documents.id"), nullable=True),
    Column("media_type", String(100), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("filename", Text),
    Column("title", Text),
    Column("author", Text),
    Column("outlet", Text),
    Column("dateline", Text),
    Column("published", String(32)),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("metadata", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)
Index("ix_documents_parent_id", documents.c.parent_id)

custody = Table(
    "custody",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("event", String(32), nullable=False),
    Column("sha256", String(64)),
    Column("actor", Text, nullable=False),
    Column("source", Text),
    Column("tool", Text, nullable=False),
    Column("tool_version", Text, nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)
Index("ix_custody_sha256", custody.c.sha256)

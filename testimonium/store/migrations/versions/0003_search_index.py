"""Full-text search index: SQLite FTS5 tables, PostgreSQL tsvector tables with GIN indexes.

Revision ID: 0003_search
Revises: 0002
Create Date: 2026-11-28

Everything here is derived from the base tables and kept in step with them by triggers, so no
code path that writes documents or extraction results needs to know the index exists. Every
object is named `search_*` (indexes `ix_search_*`): the schema test leaves those names to this
migration, since SQLAlchemy's table metadata cannot describe them.

Entities are indexed by distinct (type, name), not per row: until entities are linked across
documents, that pair is what identifies "the same entity", and one name found in 40,000
documents is one search hit, not 40,000.
"""

from alembic import op
from sqlalchemy import exc, text

revision = "0003_search"
down_revision = "0002"
branch_labels = None
depends_on = None

# Diacritics folded (Sauytbaý = Sauytbay), no stemming, no stop words: the same matching rules
# as the PostgreSQL configuration below, so both backends find the same hits.
_TOKENIZE = "unicode61 remove_diacritics 2"

# Indexes for facet filters and counts, and for listing documents newest first.
_FACET_INDEXES = (
    "CREATE INDEX ix_search_documents_outlet ON documents (outlet)",
    "CREATE INDEX ix_search_documents_published ON documents (published)",
    "CREATE INDEX ix_search_events_document_type ON events (document_id, type)",
    "CREATE INDEX ix_search_entities_document_type_name ON entities (document_id, type, name)",
    "CREATE INDEX ix_search_entities_type_name_document ON entities (type, name, document_id)",
)

_ENTITY_NAMES_TABLE = """
CREATE TABLE search_entity_names (
    id {serial} PRIMARY KEY,
    type VARCHAR(32) NOT NULL,
    name TEXT NOT NULL,
    documents INTEGER NOT NULL{extra}
)"""

_SQLITE = (
    f"""CREATE VIRTUAL TABLE search_documents USING fts5(
        title, text, outlet, content='documents', content_rowid='id', tokenize='{_TOKENIZE}')""",
    """CREATE TRIGGER search_documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO search_documents (rowid, title, text, outlet)
        VALUES (new.id, new.title, new.text, new.outlet);
    END""",
    """CREATE TRIGGER search_documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO search_documents (search_documents, rowid, title, text, outlet)
        VALUES ('delete', old.id, old.title, old.text, old.outlet);
    END""",
    """CREATE TRIGGER search_documents_au AFTER UPDATE OF title, text, outlet ON documents BEGIN
        INSERT INTO search_documents (search_documents, rowid, title, text, outlet)
        VALUES ('delete', old.id, old.title, old.text, old.outlet);
        INSERT INTO search_documents (rowid, title, text, outlet)
        VALUES (new.id, new.title, new.text, new.outlet);
    END""",
    "INSERT INTO search_documents (search_documents) VALUES ('rebuild')",

    f"""CREATE VIRTUAL TABLE search_claims USING fts5(
        content, speaker_text, content='claims', content_rowid='id', tokenize='{_TOKENIZE}')""",
    """CREATE TRIGGER search_claims_ai AFTER INSERT ON claims BEGIN
        INSERT INTO search_claims (rowid, content, speaker_text)
        VALUES (new.id, new.content, new.speaker_text);
    END""",
    """CREATE TRIGGER search_claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO search_claims (search_claims, rowid, content, speaker_text)
        VALUES ('delete', old.id, old.content, old.speaker_text);
    END""",
    """CREATE TRIGGER search_claims_au AFTER UPDATE OF content, speaker_text ON claims BEGIN
        INSERT INTO search_claims (search_claims, rowid, content, speaker_text)
        VALUES ('delete', old.id, old.content, old.speaker_text);
        INSERT INTO search_claims (rowid, content, speaker_text)
        VALUES (new.id, new.content, new.speaker_text);
    END""",
    "INSERT INTO search_claims (search_claims) VALUES ('rebuild')",

    _ENTITY_NAMES_TABLE.format(serial="INTEGER", extra=""),
    "CREATE UNIQUE INDEX ix_search_entity_names_type_name ON search_entity_names (type, name)",
    f"""CREATE VIRTUAL TABLE search_entities USING fts5(
        name, content='search_entity_names', content_rowid='id', tokenize='{_TOKENIZE}')""",
    """CREATE TRIGGER search_entity_names_ai AFTER INSERT ON search_entity_names BEGIN
        INSERT INTO search_entities (rowid, name) VALUES (new.id, new.name);
    END""",
    """CREATE TRIGGER search_entity_names_ad AFTER DELETE ON search_entity_names BEGIN
        INSERT INTO search_entities (search_entities, rowid, name) VALUES ('delete', old.id, old.name);
    END""",
    """CREATE TRIGGER search_entities_ai AFTER INSERT ON entities BEGIN
        INSERT INTO search_entity_names (type, name, documents) VALUES (new.type, new.name, 1)
        ON CONFLICT (type, name) DO UPDATE SET documents = documents + 1;
    END""",
    """CREATE TRIGGER search_entities_ad AFTER DELETE ON entities BEGIN
        UPDATE search_entity_names SET documents = documents - 1 WHERE type = old.type AND name = old.name;
        DELETE FROM search_entity_names WHERE type = old.type AND name = old.name AND documents <= 0;
    END""",
    """CREATE TRIGGER search_entities_au AFTER UPDATE OF type, name ON entities BEGIN
        UPDATE search_entity_names SET documents = documents - 1 WHERE type = old.type AND name = old.name;
        DELETE FROM search_entity_names WHERE type = old.type AND name = old.name AND documents <= 0;
        INSERT INTO search_entity_names (type, name, documents) VALUES (new.type, new.name, 1)
        ON CONFLICT (type, name) DO UPDATE SET documents = documents + 1;
    END""",
    """INSERT INTO search_entity_names (type, name, documents)
        SELECT type, name, count(*) FROM entities GROUP BY type, name""",
)

# PostgreSQL keeps each tsvector in a side table rather than behind an expression index:
# ranking (ts_rank_cd) needs the vector of every match, and recomputing to_tsvector over whole
# documents at query time costs seconds on a large store.
_POSTGRES = (
    # The default parser reads "<...>" as a markup tag and leaves it out; in plain text it is
    # text, and FTS5 indexes its words, so the brackets become spaces. A vector is limited to
    # 1 MB: a document too long for that is indexed by its first 200,000 characters rather than
    # failing its ingest.
    """CREATE FUNCTION search_tsv(body TEXT) RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT to_tsvector('search_text', translate(coalesce(body, ''), '<>', '  '))
    $$""",
    """CREATE FUNCTION search_document_tsv(title TEXT, outlet TEXT, body TEXT) RETURNS tsvector
    LANGUAGE plpgsql STABLE AS $$
    BEGIN
        RETURN setweight(search_tsv(title), 'A') || setweight(search_tsv(outlet), 'B') || search_tsv(body);
    EXCEPTION WHEN program_limit_exceeded THEN
        RETURN setweight(search_tsv(title), 'A') || setweight(search_tsv(outlet), 'B')
            || search_tsv(left(body, 200000));
    END $$""",
    """CREATE FUNCTION search_claim_tsv(content TEXT, speaker_text TEXT) RETURNS tsvector
    LANGUAGE sql STABLE AS $$
        SELECT setweight(search_tsv(content), 'A') || setweight(search_tsv(speaker_text), 'B')
    $$""",

    """CREATE TABLE search_documents (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        tsv TSVECTOR NOT NULL
    )""",
    "CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)",
    """CREATE FUNCTION search_documents_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_documents (document_id, tsv)
        VALUES (NEW.id, search_document_tsv(NEW.title, NEW.outlet, NEW.text))
        ON CONFLICT (document_id) DO UPDATE SET tsv = EXCLUDED.tsv;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_documents_sync AFTER INSERT OR UPDATE OF title, text, outlet ON documents
        FOR EACH ROW EXECUTE FUNCTION search_documents_sync()""",
    """INSERT INTO search_documents (document_id, tsv)
        SELECT id, search_document_tsv(title, outlet, text) FROM documents""",
    # The documents whose vectors match `query`, found through the GIN index only. The planner
    # prices a sequential scan (or a walk along the primary key) as if each vector were at hand,
    # but each is a TOAST value of a few kilobytes stored apart: reading them all costs tens of
    # times the index scan (420 against 12 ms for a word in 29,000 of 100,000 documents), and
    # the GIN statistics the planner weighs are only refreshed by VACUUM. The SET clauses
    # leave it the bitmap index scan alone, for this statement only.
    """CREATE FUNCTION search_document_keys(query tsquery) RETURNS TABLE (document_id integer)
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 5000 SET enable_seqscan = off SET enable_indexscan = off AS $$
        SELECT s.document_id FROM search_documents s WHERE s.tsv @@ query
    $$""",
    # The first `wanted` of `candidates` (ids, newest first) whose vectors match `query`, with
    # their ts_rank_cd: only when `checked` is true, for a phrase (the GIN index holds no word
    # positions, so it found the documents with all of its words). Candidates are read in
    # batches of as many as are still wanted, so a few thousand vectors are read, not every one
    # a common word is in. Only the primary key leads to the rows.
    """CREATE FUNCTION search_document_ranks(candidates integer[], query tsquery, normalization integer,
        wanted integer, checked boolean) RETURNS TABLE (document_id integer, score real)
    LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 5000
    SET enable_seqscan = off SET enable_bitmapscan = off AS $$
    DECLARE
        position integer := 1;
        batch integer;
        matched integer := 0;
        found_now integer;
    BEGIN
        WHILE matched < wanted AND position <= coalesce(array_length(candidates, 1), 0) LOOP
            batch := greatest(wanted - matched, 100);
            RETURN QUERY SELECT s.document_id, ts_rank_cd(s.tsv, query, normalization) FROM search_documents s
                WHERE s.document_id = ANY (candidates[position : position + batch - 1])
                    AND (NOT checked OR s.tsv @@ query);
            GET DIAGNOSTICS found_now = ROW_COUNT;
            matched := matched + found_now;
            position := position + batch;
        END LOOP;
    END $$""",

    """CREATE TABLE search_claims (
        claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL,
        tsv TSVECTOR NOT NULL
    )""",
    "CREATE INDEX ix_search_claims_tsv ON search_claims USING gin (tsv)",
    "CREATE INDEX ix_search_claims_document_id ON search_claims (document_id)",
    """CREATE FUNCTION search_claims_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_claims (claim_id, document_id, tsv)
        VALUES (NEW.id, NEW.document_id, search_claim_tsv(NEW.content, NEW.speaker_text))
        ON CONFLICT (claim_id) DO UPDATE SET document_id = EXCLUDED.document_id, tsv = EXCLUDED.tsv;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_claims_sync AFTER INSERT OR UPDATE OF content, speaker_text, document_id
        ON claims FOR EACH ROW EXECUTE FUNCTION search_claims_sync()""",
    """INSERT INTO search_claims (claim_id, document_id, tsv)
        SELECT id, document_id, search_claim_tsv(content, speaker_text) FROM claims""",

    _ENTITY_NAMES_TABLE.format(serial="SERIAL", extra=", tsv TSVECTOR NOT NULL"),
    "CREATE UNIQUE INDEX ix_search_entity_names_type_name ON search_entity_names (type, name)",
    "CREATE INDEX ix_search_entity_names_tsv ON search_entity_names USING gin (tsv)",
    # A name's rows in id order, with their documents: its first row in an allowed document is
    # found by walking this index until one is allowed, not by reading all of the name's rows.
    "CREATE INDEX ix_search_entities_type_name_id ON entities (type, name, id) INCLUDE (document_id)",
    """CREATE FUNCTION search_entities_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE search_entity_names SET documents = documents - 1 WHERE type = OLD.type AND name = OLD.name;
            DELETE FROM search_entity_names WHERE type = OLD.type AND name = OLD.name AND documents <= 0;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO search_entity_names (type, name, documents, tsv)
            VALUES (NEW.type, NEW.name, 1, search_tsv(NEW.name))
            ON CONFLICT (type, name) DO UPDATE SET documents = search_entity_names.documents + 1;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_entities_sync AFTER INSERT OR DELETE OR UPDATE OF type, name ON entities
        FOR EACH ROW EXECUTE FUNCTION search_entities_sync()""",
    """INSERT INTO search_entity_names (type, name, documents, tsv)
        SELECT type, name, count(*), search_tsv(name) FROM entities GROUP BY type, name""",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _create_text_search_configuration(bind)
        statements = _POSTGRES
    else:
        statements = _SQLITE
    for statement in (*_FACET_INDEXES, *statements):
        op.execute(statement)


def _create_text_search_configuration(bind) -> None:
    """`search_text`: the 'simple' configuration (no stemming, no stop words) with diacritics
    folded by the unaccent dictionary when the server has it. Without unaccent (it needs the
    contrib package and the right to create extensions) search still works, accent-sensitive."""
    op.execute("CREATE TEXT SEARCH CONFIGURATION search_text (COPY = pg_catalog.simple)")
    dictionary = _unaccent_dictionary(bind)
    if dictionary is not None:
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION search_text "
            f"ALTER MAPPING FOR hword, hword_part, word WITH {dictionary}, pg_catalog.simple"
        )


def _unaccent_dictionary(bind) -> str | None:
    # The extension goes to `public`, never to the store's own schema, so dropping one store's
    # schema cannot take the dictionary away from another store in the same database.
    find = text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'")
    schema = bind.execute(find).scalar()
    if schema is None:
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION unaccent SCHEMA public")
        except exc.DBAPIError:
            schema = bind.execute(find).scalar()  # created meanwhile by a concurrent migration
        else:
            schema = "public"
    return None if schema is None else f"{schema}.unaccent"


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (
            "DROP TRIGGER search_entities_sync ON entities",
            "DROP TRIGGER search_claims_sync ON claims",
            "DROP TRIGGER search_documents_sync ON documents",
            "DROP INDEX ix_search_entities_type_name_id",
            "DROP FUNCTION search_entities_sync()",
            "DROP FUNCTION search_claims_sync()",
            "DROP FUNCTION search_documents_sync()",
            "DROP FUNCTION search_document_ranks(INTEGER[], tsquery, INTEGER, INTEGER, BOOLEAN)",
            "DROP FUNCTION search_document_keys(tsquery)",
            "DROP FUNCTION search_claim_tsv(TEXT, TEXT)",
            "DROP FUNCTION search_document_tsv(TEXT, TEXT, TEXT)",
            "DROP FUNCTION search_tsv(TEXT)",
            "DROP TABLE search_entity_names",
            "DROP TABLE search_claims",
            "DROP TABLE search_documents",
            "DROP TEXT SEARCH CONFIGURATION search_text",
        ):
            op.execute(statement)
    else:
        for trigger in ("search_documents_ai", "search_documents_ad", "search_documents_au",
                        "search_claims_ai", "search_claims_ad", "search_claims_au",
                        "search_entities_ai", "search_entities_ad", "search_entities_au",
                        "search_entity_names_ai", "search_entity_names_ad"):
            op.execute(f"DROP TRIGGER {trigger}")
        for table in ("search_entities", "search_entity_names", "search_claims", "search_documents"):
            op.execute(f"DROP TABLE {table}")
    for index in ("ix_search_documents_outlet", "ix_search_documents_published", "ix_search_events_document_type",
                  "ix_search_entities_document_type_name", "ix_search_entities_type_name_document"):
        op.execute(f"DROP INDEX {index}")

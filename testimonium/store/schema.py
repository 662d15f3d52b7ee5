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
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
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

# -- extraction results: derived data, replaced whole when a document is extracted again ------
# Ids such as "E1" are the extraction's own (`local_id`); rows link by integer keys.

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("type", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("data", Text, nullable=False),
)
Index("ix_entities_document_id", entities.c.document_id)
Index("ix_entities_type_name", entities.c.type, entities.c.name)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_mentions_entity_id", mentions.c.entity_id)
Index("ix_mentions_document_id", mentions.c.document_id)

dates = Table(
    "dates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(32)),
    Column("granularity", String(16)),
)
Index("ix_dates_document_id", dates.c.document_id)

quantities = Table(
    "quantities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Text),
    Column("approximate", Integer),
    Column("of", Text),
)
Index("ix_quantities_document_id", quantities.c.document_id)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("speaker_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("speaker_text", Text),
    Column("cue", Text),
    Column("told_to_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Column("content", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(16)),
    Column("stance", String(16)),
    Column("date", String(32)),
    Column("data", Text, nullable=False),
)
Index("ix_claims_document_id", claims.c.document_id)
Index("ix_claims_speaker_id", claims.c.speaker_id)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("type", String(32), nullable=False),
    Column("outcome", String(32)),
    Column("modality", String(16)),
    Column("date", String(32)),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("trigger_text", Text),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="SET NULL")),
    Column("data", Text, nullable=False),
)
Index("ix_events_document_id", events.c.document_id)
Index("ix_events_type", events.c.type)

# Who takes part in a claim or event, by role: the entity pages' timeline reads this.
roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE")),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE")),
    Column("role", String(32), nullable=False),
)
Index("ix_roles_entity_id", roles.c.entity_id)
Index("ix_roles_document_id", roles.c.document_id)

# Which extractor produced a document's current results: documents whose row is missing or
# names another extractor are extracted (again) by the next ingest or `testimonium reextract`.
extraction_runs = Table(
    "extraction_runs",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("extractor", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Column("result_sha256", String(64), nullable=False),
)

# -- accounts: who may use the web application and the API ------------------------------------
# Session ids and API tokens are stored only as SHA-256 hashes: a copy of the database does not
# let anyone sign in.

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
)
Index("ix_sessions_user_id", sessions.c.user_id)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", Text),
    Column("created_at", String(32), nullable=False),
    Column("last_used", String(32)),
)
Index("ix_api_tokens_user_id", api_tokens.c.user_id)

# Failed sign-ins per key ("user:<name>" or "address:<ip>"), for throttling.
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", String(32), nullable=False),
    Column("locked_until", String(32)),
)

# -- connect: what several documents say together ---------------------------------------------
# Rows here are derived (testimonium.connect recomputes them) except entity_decisions, which are
# people's judgements and are never overwritten by automatic resolution.

# Blocking keys of each per-document entity: after an ingest only the entities sharing a key with
# new ones are resolved again.
entity_keys = Table(
    "entity_keys",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(200), nullable=False),
    PrimaryKeyConstraint("entity_id", "key"),
)
Index("ix_entity_keys_key", entity_keys.c.key)

# Other names an entity goes by that its document states outright ("also known as", "née"):
# evidence for resolution beyond the forms the extractor linked.
entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_entity_aliases_entity_id", entity_aliases.c.entity_id)

canonical_entities = Table(
    "canonical_entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(32), nullable=False),
    Column("name", Text, nullable=False),
)

entity_clusters = Table(
    "entity_clusters",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("canonical_id", Integer, ForeignKey("canonical_entities.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_entity_clusters_canonical_id", entity_clusters.c.canonical_id)

# A merge or split by a person. Each side is named by document and entity name, not by row id,
# because re-extraction replaces entity rows but keeps the names it finds.
entity_decisions = Table(
    "entity_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("a_document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("a_name", Text, nullable=False),
    Column("b_document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("b_name", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

event_groups = Table(
    "event_groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(32), nullable=False),
    Column("outcome", String(32)),
    Column("modality", String(16)),
    Column("date", String(32)),
    Column("sources", Integer, nullable=False),
    Column("independent", Integer, nullable=False),
    Column("chains", Text, nullable=False),
)

event_group_members = Table(
    "event_group_members",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", Integer, ForeignKey("event_groups.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_event_group_members_group_id", event_group_members.c.group_id)

propositions = Table(
    "propositions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", Text, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("independent", Integer, nullable=False),
    Column("chains", Text, nullable=False),
)

proposition_members = Table(
    "proposition_members",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("proposition_id", Integer, ForeignKey("propositions.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_proposition_members_proposition_id", proposition_members.c.proposition_id)

# A claim that denies or negates a proposition it is not a member of.
contradictions = Table(
    "contradictions",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("proposition_id", Integer, ForeignKey("propositions.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("claim_id", "proposition_id"),
)
Index("ix_contradictions_proposition_id", contradictions.c.proposition_id)

# A near-verbatim republication and the document it copies: one source, not two.
document_copies = Table(
    "document_copies",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("original_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
)

# Sentence embeddings of claim contents, so a connect run encodes only new claims.
claim_embeddings = Table(
    "claim_embeddings",
    metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("model", String(100), nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

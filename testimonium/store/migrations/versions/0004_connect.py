"""Connect: canonical entities, people's merge/split decisions, event groups, propositions,
contradictions, copies and claim embeddings. Also joins the two 0003 branches.

Revision ID: 0004_connect
Revises: 0003_accounts, 0003_search
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_connect"
down_revision = ("0003_accounts", "0003_search")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_keys",
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("entity_id", "key"),
    )
    op.create_index("ix_entity_keys_key", "entity_keys", ["key"])
    op.create_table(
        "entity_aliases",
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_aliases_entity_id", "entity_aliases", ["entity_id"])
    op.create_table(
        "canonical_entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "entity_clusters",
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("canonical_id", sa.Integer, sa.ForeignKey("canonical_entities.id", ondelete="CASCADE"),
                  nullable=False),
    )
    op.create_index("ix_entity_clusters_canonical_id", "entity_clusters", ["canonical_id"])
    op.create_table(
        "entity_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("a_document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("a_name", sa.Text, nullable=False),
        sa.Column("b_document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("b_name", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_table(
        "event_groups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(32)),
        sa.Column("modality", sa.String(16)),
        sa.Column("date", sa.String(32)),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("independent", sa.Integer, nullable=False),
        sa.Column("chains", sa.Text, nullable=False),
    )
    op.create_table(
        "event_group_members",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("group_id", sa.Integer, sa.ForeignKey("event_groups.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_index("ix_event_group_members_group_id", "event_group_members", ["group_id"])
    op.create_table(
        "propositions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("independent", sa.Integer, nullable=False),
        sa.Column("chains", sa.Text, nullable=False),
    )
    op.create_table(
        "proposition_members",
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("proposition_id", sa.Integer, sa.ForeignKey("propositions.id", ondelete="CASCADE"),
                  nullable=False),
    )
    op.create_index("ix_proposition_members_proposition_id", "proposition_members", ["proposition_id"])
    op.create_table(
        "contradictions",
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("proposition_id", sa.Integer, sa.ForeignKey("propositions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.PrimaryKeyConstraint("claim_id", "proposition_id"),
    )
    op.create_index("ix_contradictions_proposition_id", "contradictions", ["proposition_id"])
    op.create_table(
        "document_copies",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("original_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    )
    op.create_table(
        "claim_embeddings",
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    for table in ("claim_embeddings", "document_copies", "contradictions", "proposition_members", "propositions",
                  "event_group_members", "event_groups", "entity_decisions", "entity_clusters",
                  "canonical_entities", "entity_aliases", "entity_keys"):
        op.drop_table(table)

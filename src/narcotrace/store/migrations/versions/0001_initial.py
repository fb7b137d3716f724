"""Initial schema: organisations, API keys, items with verdicts, reviews, appeals, strikes, audit chain.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer, "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "orgs",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("jurisdictions", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_table(
        "items",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("item_id", sa.String(256), nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("text_purged_at", TS, nullable=True),
        sa.Column("author_hash", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(20), nullable=True),
        sa.Column("lang", sa.String(40), nullable=True),
        sa.Column("platform", sa.String(200), nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("country", sa.String(40), nullable=True),
        sa.Column("created_at", sa.String(64), nullable=True),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("label", sa.String(20), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("verdict_json", sa.Text, nullable=False),
        sa.Column("decisions_json", sa.Text, nullable=False),
        sa.Column("priority", sa.Float, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("final_action", sa.String(30), nullable=True),
        sa.UniqueConstraint("org_id", "item_id", name="uq_items_org_item"),
    )
    op.create_index("ix_items_queue", "items", ["org_id", "status", "priority"])
    op.create_index("ix_items_author", "items", ["org_id", "author_hash"])
    op.create_index("ix_items_received", "items", ["received_at"])
    op.create_table(
        "reviews",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False, index=True),
        sa.Column("item_pk", BigId, sa.ForeignKey("items.id"), nullable=False, index=True),
        sa.Column("key_id", BigId, sa.ForeignKey("api_keys.id"), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "appeals",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False, index=True),
        sa.Column("item_pk", BigId, sa.ForeignKey("items.id"), nullable=False, index=True),
        sa.Column("key_id", BigId, sa.ForeignKey("api_keys.id"), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("resolved", sa.Boolean, nullable=False),
    )
    op.create_table(
        "strikes",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("author_hash", sa.String(64), nullable=False),
        sa.Column("item_pk", BigId, sa.ForeignKey("items.id"), nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_index("ix_strikes_author", "strikes", ["org_id", "author_hash"])
    op.create_table(
        "audit",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("ts", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("org_id", "seq", name="uq_audit_org_seq"),
    )


def downgrade() -> None:
    for table in ("audit", "strikes", "appeals", "reviews", "items", "api_keys", "orgs"):
        op.drop_table(table)

"""Signal sharing: outgoing signals with a feed cursor, partners' signals, checkpoints, opinions, keyed item tokens,
per-item sharing matches and the local bank of public blocklists (narcotrace.sharing, docs/sharing.md).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer, "sqlite")
TS = sa.DateTime(timezone=True)


def _signal_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("token", sa.String(300), nullable=False),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("opinion", sa.String(30), nullable=False),
        sa.Column("first_seen", sa.String(10), nullable=False),
        sa.Column("last_seen", sa.String(10), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "share_signals",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("collab", sa.String(64), nullable=False),
        *_signal_columns(),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("org_id", "collab", "type", "token", name="uq_share_signals"),
    )
    op.create_index("ix_share_signals_seq", "share_signals", ["org_id", "collab", "seq"])
    op.create_table(
        "share_remote",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("collab", sa.String(64), nullable=False),
        sa.Column("partner", sa.String(64), nullable=False),
        *_signal_columns(),
        sa.Column("matched", sa.Integer, nullable=False),
        sa.Column("quarantined", sa.Boolean, nullable=False),
        sa.Column("fetched_at", TS, nullable=False),
        sa.UniqueConstraint("org_id", "collab", "partner", "type", "token", name="uq_share_remote"),
    )
    op.create_index("ix_share_remote_token", "share_remote", ["org_id", "collab", "type", "token"])
    op.create_table(
        "share_checkpoints",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("collab", sa.String(64), nullable=False),
        sa.Column("partner", sa.String(64), nullable=False),
        sa.Column("cursor", sa.BigInteger, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("org_id", "collab", "partner", name="uq_share_checkpoints"),
    )
    op.create_table(
        "share_opinions",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("collab", sa.String(64), nullable=False),
        sa.Column("partner", sa.String(100), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("token", sa.String(300), nullable=False),
        sa.Column("opinion", sa.String(30), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.UniqueConstraint("org_id", "collab", "partner", "type", "token", name="uq_share_opinions"),
    )
    op.create_table(
        "share_item_tokens",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("collab", sa.String(64), nullable=False),
        sa.Column("item_pk", BigId, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("token", sa.String(300), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.UniqueConstraint("collab", "item_pk", "type", "token", name="uq_share_item_tokens"),
    )
    op.create_index("ix_share_item_tokens_token", "share_item_tokens", ["org_id", "collab", "type", "token"])
    op.create_table(
        "share_matches",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("item_pk", BigId, sa.ForeignKey("items.id"), nullable=False, unique=True),
        sa.Column("base_priority", sa.Float, nullable=False),
        sa.Column("partners", sa.Integer, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "share_bank",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("value", sa.String(300), nullable=False),
        sa.Column("imported_at", TS, nullable=False),
        sa.UniqueConstraint("org_id", "source", "type", "value", name="uq_share_bank"),
    )
    op.create_index("ix_share_bank_value", "share_bank", ["org_id", "type", "value"])


def downgrade() -> None:
    op.drop_index("ix_share_bank_value", table_name="share_bank")
    op.drop_table("share_bank")
    op.drop_table("share_matches")
    op.drop_index("ix_share_item_tokens_token", table_name="share_item_tokens")
    op.drop_table("share_item_tokens")
    op.drop_table("share_opinions")
    op.drop_table("share_checkpoints")
    op.drop_index("ix_share_remote_token", table_name="share_remote")
    op.drop_table("share_remote")
    op.drop_index("ix_share_signals_seq", table_name="share_signals")
    op.drop_table("share_signals")

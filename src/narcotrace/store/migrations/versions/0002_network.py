"""Seller networks: item_indicators, one row per (item, indicator) of items with an author, to link accounts.

Filled at ingest from the verdict's indicators (narcotrace.network.index); this migration also back-fills it
from the verdicts already stored, so an existing database gets a complete index.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer, "sqlite")
# Longer normalized values (rare: long URLs) are not indexed; see narcotrace.network.index.MAX_NORMALIZED.
MAX_NORMALIZED = 512


def upgrade() -> None:
    op.create_table(
        "item_indicators",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("org_id", BigId, sa.ForeignKey("orgs.id"), nullable=False),
        sa.Column("item_pk", BigId, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("author_hash", sa.String(64), nullable=False),
        sa.Column("platform", sa.String(200), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("normalized", sa.String(MAX_NORMALIZED), nullable=False),
        sa.Column("valid", sa.Boolean, nullable=False),
        sa.UniqueConstraint("item_pk", "type", "normalized", name="uq_item_indicators_item_value"),
    )
    op.create_index("ix_item_indicators_value", "item_indicators", ["org_id", "normalized"])
    op.create_index("ix_item_indicators_account", "item_indicators", ["org_id", "platform", "author_hash"])
    _backfill()


def _backfill() -> None:
    conn = op.get_bind()
    items = sa.table(
        "items",
        sa.column("id"),
        sa.column("org_id"),
        sa.column("author_hash"),
        sa.column("platform"),
        sa.column("verdict_json"),
    )
    target = sa.table(
        "item_indicators",
        sa.column("org_id"),
        sa.column("item_pk"),
        sa.column("author_hash"),
        sa.column("platform"),
        sa.column("type"),
        sa.column("normalized"),
        sa.column("valid"),
    )
    rows: list[dict[str, object]] = []
    result = conn.execute(
        sa.select(
            items.c.id, items.c.org_id, items.c.author_hash, items.c.platform, items.c.verdict_json
        ).where(items.c.author_hash.is_not(None))
    )
    for pk, org_id, author_hash, platform, verdict_json in result.fetchall():
        seen: set[tuple[str, str]] = set()
        for ind in json.loads(verdict_json).get("indicators", ()):
            key = (str(ind["type"])[:40], str(ind["normalized"]))
            if not key[1] or len(key[1]) > MAX_NORMALIZED or key in seen:
                continue
            seen.add(key)
            rows.append(
                {
                    "org_id": org_id,
                    "item_pk": pk,
                    "author_hash": author_hash,
                    "platform": platform or "",
                    "type": key[0],
                    "normalized": key[1],
                    "valid": bool(ind.get("valid")),
                }
            )
        if len(rows) >= 5000:
            conn.execute(sa.insert(target), rows)
            rows = []
    if rows:
        conn.execute(sa.insert(target), rows)


def downgrade() -> None:
    op.drop_index("ix_item_indicators_account", table_name="item_indicators")
    op.drop_index("ix_item_indicators_value", table_name="item_indicators")
    op.drop_table("item_indicators")

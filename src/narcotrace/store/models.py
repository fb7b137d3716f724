"""SQLAlchemy 2 table models of the service's store: organisations, keys, items with verdicts, reviews, strikes, audit.

The schema itself is owned by the Alembic migrations in store/migrations; a test compares these models with the
migrated database so the two cannot drift. JSON payloads are stored as text (the same on SQLite and PostgreSQL)
because they are written once and read whole, never queried inside.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["ApiKey", "Appeal", "AuditEntry", "Base", "ItemIndicator", "ItemRow", "Org", "Review", "Strike",
           "ShareBank", "ShareCheckpoint", "ShareItemToken", "ShareMatch", "ShareOpinion", "ShareRemote", "ShareSignal"]

# BigInteger ids that are still SQLite's INTEGER PRIMARY KEY (rowid alias, so autoincrement works there).
BigId = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    pass


class Org(Base):
    __tablename__ = "orgs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    jurisdictions: Mapped[str] = mapped_column(String(200), default="")  # comma-separated, "" = no decisions
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    # SHA-256 of the whole key: keys are long random strings, so a fast hash is enough (no password stretching).
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in listings and audit entries to tell keys apart
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ItemRow(Base):
    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("org_id", "item_id", name="uq_items_org_item"),
        Index("ix_items_queue", "org_id", "status", "priority"),
        Index("ix_items_author", "org_id", "author_hash"),
        Index("ix_items_received", "received_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    item_id: Mapped[str] = mapped_column(String(256))
    text: Mapped[str | None] = mapped_column(Text, nullable=True)  # NULL once purged after the retention period
    text_purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    author_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)  # keyed hash, never the raw author
    kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    lang: Mapped[str | None] = mapped_column(String(40), nullable=True)
    platform: Mapped[str | None] = mapped_column(String(200), nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    country: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[str | None] = mapped_column(String(64), nullable=True)  # as the platform sent it
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    label: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    severity: Mapped[str] = mapped_column(String(20))
    verdict_json: Mapped[str] = mapped_column(Text)
    decisions_json: Mapped[str] = mapped_column(Text, default="[]")
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    # none (not queued) | pending (review queue) | appealed (appeals queue) | decided
    status: Mapped[str] = mapped_column(String(20))
    final_action: Mapped[str | None] = mapped_column(String(30), nullable=True)


class Review(Base):
    """A reviewer's decision on an item, in the first review or on appeal."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), index=True)
    item_pk: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"))
    stage: Mapped[str] = mapped_column(String(20))  # review | appeal
    action: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Appeal(Base):
    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), index=True)
    item_pk: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class Strike(Base):
    __tablename__ = "strikes"
    __table_args__ = (Index("ix_strikes_author", "org_id", "author_hash"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    author_hash: Mapped[str] = mapped_column(String(64))
    item_pk: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)  # one strike per item at most
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # false once an appeal overturns the decision


class AuditEntry(Base):
    """One link of an organisation's audit chain: hash = SHA-256(prev_hash + canonical JSON of the entry)."""

    __tablename__ = "audit"
    __table_args__ = (UniqueConstraint("org_id", "seq", name="uq_audit_org_seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    seq: Mapped[int] = mapped_column(Integer)
    ts: Mapped[str] = mapped_column(String(40))  # ISO-8601 UTC text: hashed as written, no timezone round trips
    actor: Mapped[str] = mapped_column(String(100))
    event: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ItemIndicator(Base):
    """One indicator of one stored item with an author (migration 0002): the seller-network index.

    Written by narcotrace.network at ingest; the account is (platform, author_hash), platform "" when unknown.
    """

    __tablename__ = "item_indicators"
    __table_args__ = (
        UniqueConstraint("item_pk", "type", "normalized", name="uq_item_indicators_item_value"),
        Index("ix_item_indicators_value", "org_id", "normalized"),  # phones match across types (see network)
        Index("ix_item_indicators_account", "org_id", "platform", "author_hash"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    item_pk: Mapped[int] = mapped_column(ForeignKey("items.id"))
    author_hash: Mapped[str] = mapped_column(String(64))
    platform: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(40))
    normalized: Mapped[str] = mapped_column(String(512))
    valid: Mapped[bool] = mapped_column(Boolean)


# --- signal sharing (narcotrace.sharing, migration 0003) -----------------------------------------------------------


class _SignalFields:
    """A shared signal's fields (narcotrace.sharing.Signal): keyed token, labels (JSON list), day-granular dates."""

    type: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(300))
    labels: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20))
    opinion: Mapped[str] = mapped_column(String(30))
    first_seen: Mapped[str] = mapped_column(String(10))
    last_seen: Mapped[str] = mapped_column(String(10))
    count: Mapped[int] = mapped_column(Integer)


class ShareSignal(_SignalFields, Base):
    """A signal this organisation serves in a collaboration's feed; `seq` orders the feed (the partner's cursor)."""

    __tablename__ = "share_signals"
    __table_args__ = (UniqueConstraint("org_id", "collab", "type", "token", name="uq_share_signals"),
                      Index("ix_share_signals_seq", "org_id", "collab", "seq"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    collab: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)


class ShareRemote(_SignalFields, Base):
    """A partner's signal as fetched; `quarantined` = it matched too much of our traffic (not acted on)."""

    __tablename__ = "share_remote"
    __table_args__ = (UniqueConstraint("org_id", "collab", "partner", "type", "token", name="uq_share_remote"),
                      Index("ix_share_remote_token", "org_id", "collab", "type", "token"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    collab: Mapped[str] = mapped_column(String(64))
    partner: Mapped[str] = mapped_column(String(64))
    matched: Mapped[int] = mapped_column(Integer)
    quarantined: Mapped[bool] = mapped_column(Boolean)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ShareCheckpoint(Base):
    __tablename__ = "share_checkpoints"
    __table_args__ = (UniqueConstraint("org_id", "collab", "partner", name="uq_share_checkpoints"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    collab: Mapped[str] = mapped_column(String(64))
    partner: Mapped[str] = mapped_column(String(64))
    cursor: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ShareOpinion(Base):
    """A partner's opinion on one of our signals (the latest per partner and signal)."""

    __tablename__ = "share_opinions"
    __table_args__ = (UniqueConstraint("org_id", "collab", "partner", "type", "token", name="uq_share_opinions"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    collab: Mapped[str] = mapped_column(String(64))
    partner: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(300))
    opinion: Mapped[str] = mapped_column(String(30))
    day: Mapped[str] = mapped_column(String(10))


class ShareItemToken(Base):
    """Our own item's keyed tokens in one collaboration (its secret), with the span they came from."""

    __tablename__ = "share_item_tokens"
    __table_args__ = (UniqueConstraint("collab", "item_pk", "type", "token", name="uq_share_item_tokens"),
                      Index("ix_share_item_tokens_token", "org_id", "collab", "type", "token"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    collab: Mapped[str] = mapped_column(String(64))
    item_pk: Mapped[int] = mapped_column(ForeignKey("items.id"))
    type: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(300))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class ShareMatch(Base):
    """What sharing found about one of our items; `base_priority` is its priority before the sharing boost."""

    __tablename__ = "share_matches"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    item_pk: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    base_priority: Mapped[float] = mapped_column(Float)
    partners: Mapped[int] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ShareBank(Base):
    """A value from a public blocklist (public data, stored as is) in the organisation's local signal bank."""

    __tablename__ = "share_bank"
    __table_args__ = (UniqueConstraint("org_id", "source", "type", "value", name="uq_share_bank"),
                      Index("ix_share_bank_value", "org_id", "type", "value"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    source: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

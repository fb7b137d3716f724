"""The store: SQLAlchemy 2 models and repositories over SQLite (WAL, the embedded default) or PostgreSQL.

The store never imports the service; the service calls it through `Store`.
"""

from __future__ import annotations

from narcotrace.store.audit import ChainCheck, verify_chain
from narcotrace.store.engine import StoreError, default_url, make_engine, upgrade
from narcotrace.store.repo import (
    ROLES,
    ConflictError,
    Ingested,
    NotFoundError,
    PermissionDeniedError,
    Principal,
    Store,
    priority_of,
)

__all__ = [
    "ROLES",
    "ChainCheck",
    "ConflictError",
    "Ingested",
    "NotFoundError",
    "PermissionDeniedError",
    "Principal",
    "Store",
    "StoreError",
    "default_url",
    "make_engine",
    "priority_of",
    "upgrade",
    "verify_chain",
]

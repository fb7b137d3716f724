"""Opening a store: the engine (SQLite with WAL by default, PostgreSQL by URL) and schema upgrades via Alembic.

SQLite transactions start with BEGIN IMMEDIATE so two writers queue on the database lock up front instead of
failing half-way when a read lock cannot be upgraded; synchronous=FULL makes a commit durable before the
service acknowledges it (a killed process or a power cut loses nothing that was acknowledged).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from narcotrace._exceptions import NarcotraceError

__all__ = ["StoreError", "default_url", "make_engine", "upgrade"]


class StoreError(NarcotraceError):
    """The database URL is wrong or the database cannot be opened or migrated."""


def default_url(path: str | Path = "narcotrace.db") -> str:
    return f"sqlite:///{Path(path)}"


def make_engine(url: str) -> Engine:
    """An Engine for a SQLAlchemy URL: sqlite:///file.db or postgresql+psycopg://user@host:port/db."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"cannot parse database URL {url!r}: {exc}; e.g. sqlite:///narcotrace.db") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise StoreError("an in-memory SQLite database would lose everything on exit; give a file: sqlite:///x.db")
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": 60})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            raise StoreError(f"use the psycopg 3 driver: postgresql+psycopg://... (got {parsed.drivername})")
        return create_engine(parsed, pool_size=10, max_overflow=20, pool_pre_ping=True)
    raise StoreError(f"unsupported database {backend!r}: use sqlite:///file.db or postgresql+psycopg://...")


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(str(resources.files("narcotrace.store") / "migrations"))))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (idempotent; run on every start of the service and the admin commands)."""
    cfg = _alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except Exception as exc:  # noqa: BLE001 - any driver error here means the database cannot be used
        if isinstance(exc, NarcotraceError):
            raise
        raise StoreError(f"cannot open or migrate the database at {engine.url.render_as_string()}: {exc}") from exc

"""Store fixtures: every store test runs against a SQLite file and a throw-away PostgreSQL database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg  # noqa: E402  (tests/pg.py, shared with tests/service)

from narcotrace.store import Store  # noqa: E402

AUTHOR_KEY = b"test-author-key-0123456789abcdef"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return pg.new_database()


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url, author_key=AUTHOR_KEY)
    yield s
    s.close()

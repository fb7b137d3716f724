"""Network fixtures: a store over SQLite and a throw-away PostgreSQL database; the live service (loopback)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg  # noqa: E402  (tests/pg.py)
from live import Uvicorn  # noqa: E402  (tests/live.py)

from narcotrace.store import Store  # noqa: E402

AUTHOR_KEY = b"network-test-author-key-0123456789"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'network.db'}"
    return pg.new_database()


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url, author_key=AUTHOR_KEY)
    yield s
    s.close()


@pytest.fixture(scope="session")
def network_scanner() -> Any:
    from narcotrace.detect import Scanner

    return Scanner()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, network_scanner: Any
) -> Iterator[tuple[str, Store]]:
    """(base URL, store) of the real app under uvicorn on 127.0.0.1."""
    from narcotrace.service.app import create_app
    from narcotrace.service.config import ServiceConfig

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('netsvc') / 'service.db'}"
    else:
        url = pg.new_database()
    store = Store.open(url, author_key=AUTHOR_KEY)
    app = create_app(ServiceConfig(db_url=url, author_key=AUTHOR_KEY), scanner=network_scanner, store=store)
    http = Uvicorn(app)
    yield http.url, store
    http.stop()
    store.close()

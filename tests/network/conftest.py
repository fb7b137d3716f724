"""Network fixtures: the live service (loopback) over SQLite and PostgreSQL; `store`/`db_url` come from tests/conftest.py."""

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

"""Live servers for the API tests: the real app under uvicorn on a loopback port, over SQLite and PostgreSQL.

One server per backend per test module (the scanner is built once per session and shared); tests isolate
themselves by creating their own organisations.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg  # noqa: E402  (tests/pg.py)
from live import Uvicorn  # noqa: E402  (tests/live.py)

from narcotrace.service.app import create_app  # noqa: E402
from narcotrace.service.config import ServiceConfig  # noqa: E402
from narcotrace.store import Store  # noqa: E402

AUTHOR_KEY = b"service-test-author-key-0123456789"


class LiveServer:
    def __init__(self, db_url: str, scanner: Any, max_body: int = 256 * 1024) -> None:
        self.db_url = db_url
        self.store = Store.open(db_url, author_key=AUTHOR_KEY)
        config = ServiceConfig(db_url=db_url, author_key=AUTHOR_KEY, max_body_bytes=max_body)
        self.app = create_app(config, scanner=scanner, store=self.store)
        self.http = Uvicorn(self.app)
        self.port, self.url = self.http.port, self.http.url

    def stop(self) -> None:
        self.http.stop()
        self.store.close()

    def org(self, jurisdictions: tuple[str, ...] = ("US",)) -> dict[str, Any]:
        """A new organisation with one key per role: {'name', 'id', 'ingest', 'reviewer', 'reviewer2', ...}."""
        name = "org-" + uuid.uuid4().hex[:8]
        out: dict[str, Any] = {"name": name, "id": self.store.create_org(name, jurisdictions)["id"]}
        for role in ("ingest", "reviewer", "analyst", "admin"):
            out[role] = self.store.create_key(name, role)["key"]
        out["reviewer2"] = self.store.create_key(name, "reviewer")["key"]
        return out

    def client(self, key: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@pytest.fixture(scope="session")
def scanner() -> Any:
    from narcotrace.detect import Scanner

    return Scanner()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, scanner: Any) -> Iterator[LiveServer]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('svc') / 'service.db'}"
    else:
        url = pg.new_database()
    server = LiveServer(url, scanner)
    yield server
    server.stop()

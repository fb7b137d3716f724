"""Two live services on loopback for the sharing tests, and a recording TCP proxy between them."""

from __future__ import annotations

import socket
import sys
import threading
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

AUTHOR_KEY = b"sharing-test-author-key-0123456789"


class LiveService:
    """The real app under uvicorn on 127.0.0.1 over its own SQLite database."""

    def __init__(self, db: Path, scanner: Any) -> None:
        url = f"sqlite:///{db}"
        self.store = Store.open(url, author_key=AUTHOR_KEY)
        self.app = create_app(ServiceConfig(db_url=url, author_key=AUTHOR_KEY), scanner=scanner, store=self.store)
        self.sharing = self.app.state.sharing
        self.http = Uvicorn(self.app)
        self.port, self.url = self.http.port, self.http.url

    def stop(self) -> None:
        self.http.stop()
        self.store.close()

    def org(self, prefix: str) -> dict[str, Any]:
        name = f"{prefix}-{uuid.uuid4().hex[:6]}"
        out: dict[str, Any] = {"name": name, "id": self.store.create_org(name, ("US",))["id"]}
        for role in ("ingest", "reviewer", "analyst", "partner"):
            out[role] = self.store.create_key(name, role)["key"]
        return out

    def client(self, key: str) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers={"Authorization": f"Bearer {key}"}, timeout=60)


class RecordingProxy:
    """A loopback TCP proxy to `target_port` that keeps every byte it forwards, in both directions."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.chunks: list[bytes] = []
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(conn, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, conn), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                with self.lock:
                    self.chunks.append(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    @property
    def wire(self) -> bytes:
        with self.lock:
            return b"".join(self.chunks)

    def close(self) -> None:
        self.closed = True
        self.sock.close()


@pytest.fixture(scope="session")
def scanner() -> Any:
    from narcotrace.detect import Scanner

    return Scanner()


@pytest.fixture(scope="module")
def two_services(tmp_path_factory: pytest.TempPathFactory, scanner: Any) -> Iterator[tuple[LiveService, LiveService]]:
    a = LiveService(tmp_path_factory.mktemp("org-a") / "a.db", scanner)
    b = LiveService(tmp_path_factory.mktemp("org-b") / "b.db", scanner)
    yield a, b
    a.stop()
    b.stop()


@pytest.fixture
def proxy() -> Iterator[Any]:
    """proxy(port) -> a RecordingProxy to that port; all are closed after the test."""
    made: list[RecordingProxy] = []

    def make(port: int) -> RecordingProxy:
        made.append(RecordingProxy(port))
        return made[-1]

    yield make
    for p in made:
        p.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A real store over a SQLite file or a throw-away PostgreSQL database."""
    url = f"sqlite:///{tmp_path / 'sharing.db'}" if request.param == "sqlite" else pg.new_database()
    s = Store.open(url, author_key=AUTHOR_KEY)
    yield s
    s.close()

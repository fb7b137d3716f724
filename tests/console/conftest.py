"""A live service for the console tests: the real app under uvicorn on 127.0.0.1 over a temp SQLite store, with
one organisation, keys of every role and a few items ingested through the API; and Debian's headless Chromium.

Chromium is /usr/bin/chromium driven by Playwright (never `playwright install`). Without it the browser tests
skip with a reason, except in CI (CI=true) where they fail: CI installs it (.ci/run).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
import uvicorn

from narcotrace.service.app import create_app
from narcotrace.service.config import ServiceConfig
from narcotrace.store import Store

CHROMIUM = Path("/usr/bin/chromium")
AUTHOR_KEY = b"console-test-author-key-0123456789"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# Items the tests ingest: two sellers with two items each (same-author lists), a buyer, news, one with an image
# link, and a second account sharing a Wickr handle with seller-a (the item page's linked accounts).
ITEMS: list[dict[str, Any]] = [
    {"id": "c-01", "author": "seller-a", "kind": "post", "lang": "en",
     "text": "M30 blues 💊 $20 each, 100 pcs bulk discount. Discreet shipping, tg @bluesplug"},
    {"id": "c-02", "author": "seller-a", "kind": "post", "lang": "en",
     "text": "Restock: fent powder and pressed percs, wickr: chemking, BTC only, ships worldwide"},
    {"id": "c-03", "author": "seller-b", "kind": "listing", "lang": "en",
     "text": "Oxycodone 30mg x100 - $900, stealth shipping worldwide, escrow accepted"},
    {"id": "c-04", "author": "seller-b", "kind": "profile", "lang": "en",
     "text": "🔌 plug | ❄️ 🍃 💊 | same day delivery | snap: frostyplug22 | cashapp $frostyplug"},
    {"id": "c-05", "author": "buyer-c", "kind": "comment", "lang": "en",
     "text": "anyone know where to get percs around here?"},
    {"id": "c-06", "author": "news-d", "kind": "post", "lang": "en",
     "text": "Fentanyl overdose deaths rose sharply in the county last year, health officials said on Monday."},
    {"id": "c-07", "author": "seller-e", "kind": "post", "lang": "en",
     "text": "Xanax bars no prescription needed, telegram @xanbarz, menu pic http://127.0.0.1:9/menu.png"},
    {"id": "c-08", "author": "seller-f", "kind": "post", "lang": "en",
     "text": "new account, same plug: fent and blues, wickr: chemking"},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The service on a loopback port, like tests/service's, with one organisation set up for the console."""

    def __init__(self, db_url: str, scanner: Any) -> None:
        self.store = Store.open(db_url, author_key=AUTHOR_KEY)
        self.app = create_app(ServiceConfig(db_url=db_url, author_key=AUTHOR_KEY), scanner=scanner, store=self.store)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        self.org = "demo-reviewers"
        self.org_id = self.store.create_org(self.org, ["US"])["id"]
        self.keys = {role: self.store.create_key(self.org, role)["key"]
                     for role in ("ingest", "reviewer", "analyst", "admin")}
        self.keys["reviewer2"] = self.store.create_key(self.org, "reviewer")["key"]
        with httpx.Client(base_url=self.url, timeout=60,
                          headers={"Authorization": f"Bearer {self.keys['ingest']}"}) as c:
            r = c.post("/v1/items", json={"items": ITEMS})
            r.raise_for_status()
            self.queued: list[str] = r.json()["queued"]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.store.close()


@pytest.fixture(scope="session")
def scanner() -> Any:
    from narcotrace.detect import Scanner

    return Scanner()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, scanner: Any) -> Iterator[LiveServer]:
    server = LiveServer(f"sqlite:///{tmp_path_factory.mktemp('console') / 'console.db'}", scanner)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium (Playwright's browser object)."""
    why = None
    if not CHROMIUM.exists():
        why = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why = why or "the playwright Python package is not installed (pip install -e '.[test]')"
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}; CI must run the console browser tests")
        pytest.skip(why)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield browser
        finally:
            browser.close()

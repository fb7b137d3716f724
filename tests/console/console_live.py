"""The live service the console tests run against: the real app under uvicorn on 127.0.0.1 over a temp SQLite
store, with one organisation, keys of every role and a few items ingested through the API.

A module with its own name (not conftest) so test modules can import it unambiguously: several test folders
have a conftest.py, and `from conftest import ...` would pick whichever was imported last.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from live import Uvicorn  # noqa: E402  (tests/live.py)

from narcotrace.service.app import create_app
from narcotrace.service.config import ServiceConfig
from narcotrace.store import Store

CHROMIUM = Path("/usr/bin/chromium")
AUTHOR_KEY = b"console-test-author-key-0123456789"
# The README's screenshots are rewritten only on request (NARCOTRACE_SCREENSHOTS=docs/screenshots); otherwise the
# tests still take them, into a temp folder, so a test run leaves the checkout unchanged.
SCREENSHOTS = Path(os.environ.get("NARCOTRACE_SCREENSHOTS") or tempfile.mkdtemp(prefix="narcotrace-screenshots-"))
SCREENSHOTS.mkdir(parents=True, exist_ok=True)

# Items the tests ingest: two sellers with two items each (same-author lists), a buyer, news, one with an
# image link, and a second account sharing a Wickr handle with seller-a (the item page's linked accounts).
ITEMS: list[dict[str, Any]] = [
    {
        "id": "c-01",
        "author": "seller-a",
        "kind": "post",
        "lang": "en",
        "text": "M30 blues 💊 $20 each, 100 pcs bulk discount. Discreet shipping, tg @bluesplug",
    },
    {
        "id": "c-02",
        "author": "seller-a",
        "kind": "post",
        "lang": "en",
        "text": "Restock: fent powder and pressed percs, wickr: chemking, BTC only, ships worldwide",
    },
    {
        "id": "c-03",
        "author": "seller-b",
        "kind": "listing",
        "lang": "en",
        "text": "Oxycodone 30mg x100 - $900, stealth shipping worldwide, escrow accepted",
    },
    {
        "id": "c-04",
        "author": "seller-b",
        "kind": "profile",
        "lang": "en",
        "text": "🔌 plug | ❄️ 🍃 💊 | same day delivery | snap: frostyplug22 | cashapp $frostyplug",
    },
    {
        "id": "c-05",
        "author": "buyer-c",
        "kind": "comment",
        "lang": "en",
        "text": "anyone know where to get percs around here?",
    },
    {
        "id": "c-06",
        "author": "news-d",
        "kind": "post",
        "lang": "en",
        "text": "Fentanyl overdose deaths rose sharply in the county last year, health officials said.",
    },
    {
        "id": "c-07",
        "author": "seller-e",
        "kind": "post",
        "lang": "en",
        "text": "Xanax bars no prescription needed, telegram @xanbarz, menu pic http://127.0.0.1:9/menu.png",
    },
    {
        "id": "c-08",
        "author": "seller-f",
        "kind": "post",
        "lang": "en",
        "text": "new account, same plug: fent and blues, wickr: chemking",
    },
]


class LiveServer:
    """The service on a loopback port, like tests/service's, with one organisation set up for the console."""

    def __init__(self, db_url: str, scanner: Any) -> None:
        self.store = Store.open(db_url, author_key=AUTHOR_KEY)
        self.app = create_app(
            ServiceConfig(db_url=db_url, author_key=AUTHOR_KEY), scanner=scanner, store=self.store
        )
        self.http = Uvicorn(self.app)
        self.port, self.url = self.http.port, self.http.url
        self.org = "demo-reviewers"
        self.org_id = self.store.create_org(self.org, ["US"])["id"]
        self.keys = {
            role: self.store.create_key(self.org, role)["key"]
            for role in ("ingest", "reviewer", "analyst", "admin")
        }
        self.keys["reviewer2"] = self.store.create_key(self.org, "reviewer")["key"]
        with httpx.Client(
            base_url=self.url, timeout=60, headers={"Authorization": f"Bearer {self.keys['ingest']}"}
        ) as c:
            r = c.post("/v1/items", json={"items": ITEMS})
            r.raise_for_status()
            self.queued: list[str] = r.json()["queued"]

    def stop(self) -> None:
        self.http.stop()
        self.store.close()

"""Console page latency on loopback over a store of N items: queue, item, audit, dashboard and its CSV export.

Builds a temp SQLite store, ingests N items (the bundled example corpus scanned once, repeated with fresh ids,
authors spread over N/20 accounts and received times over the last 30 days), decides 5% of them, serves the
real app with uvicorn on 127.0.0.1 and times each page (median and p95 of R requests, one logged-in client).
Writes benchmarks/results/console.json. Run: .venv/bin/python benchmarks/bench_console.py [--items 20000]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import update

from narcotrace.detect import Scanner
from narcotrace.items import Item
from narcotrace.service.app import create_app
from narcotrace.service.config import ServiceConfig
from narcotrace.store import Store
from narcotrace.store.models import ItemRow
from narcotrace.store.review_queries import key_principal

AUTHOR_KEY = b"bench-console-author-key-012345"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(url: str, n: int, scanner: Scanner) -> tuple[Store, dict[str, str]]:
    store = Store.open(url, author_key=AUTHOR_KEY)
    store.create_org("bench", ["US", "UK"])
    keys = {r: store.create_key("bench", r)["key"] for r in ("reviewer", "admin")}
    policy_p = key_principal(store, store.create_key("bench", "reviewer")["key_id"])
    assert policy_p is not None
    text = resources.files("narcotrace.examples").joinpath("corpus.jsonl").read_text("utf-8")
    corpus = [json.loads(line) for line in text.splitlines() if line]
    from narcotrace.policy import default_policy

    policy = default_policy()
    base = []
    for i, rec in enumerate(corpus):
        item = Item.from_dict(rec)
        v = scanner.scan_item(item, i)
        base.append((item, replace(v, decisions=policy.decide(v, item, ("US", "UK")))))
    now = datetime.now(timezone.utc)
    batch = []
    for k in range(n):
        item, v = base[k % len(base)]
        iid = f"b-{k:06d}"
        batch.append((replace(item, id=iid, author=f"acct-{k % max(1, n // 20)}"), replace(v, id=iid),
                      v.label in ("offer", "solicit")))
        if len(batch) == 1000:
            store.ingest(1, batch)
            batch = []
    if batch:
        store.ingest(1, batch)
    # Spread received times over 30 days so the dashboard has 30 non-empty days.
    with store._sessions.begin() as s:
        for day in range(30):
            s.execute(update(ItemRow).where(ItemRow.id % 30 == day)
                      .values(received_at=now - timedelta(days=day, minutes=5)))
    pending = store.queue(1, max(1, n // 20))
    for row in pending:
        store.decide(policy_p, row["id"], "remove", "bench", ("remove",), 365)
    return store, keys


def timed(client: httpx.Client, path: str, rounds: int) -> dict[str, float | int]:
    times = []
    size = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        r = client.get(path)
        times.append(time.perf_counter() - t0)
        assert r.status_code == 200, (path, r.status_code)
        size = len(r.content)
    first = times[0]  # the dashboard's first request counts; later ones within 30 s are served from its cache
    times.sort()
    return {"first_ms": round(first * 1000, 1), "median_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)] * 1000, 1), "bytes": size}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    scanner = Scanner()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        t0 = time.perf_counter()
        store, keys = build_store(url, args.items, scanner)
        setup_s = time.perf_counter() - t0
        app = create_app(ServiceConfig(db_url=url, author_key=AUTHOR_KEY), scanner=scanner, store=store)
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                               access_log=False))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        results: dict[str, object] = {}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as c:
            page = c.get("/console/login")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert csrf
            c.post("/console/login", data={"key": keys["admin"], "csrf": csrf.group(1)})
            first = store.queue(1, 1)[0]["id"]
            for name, path in [("queue_50", "/console/queue"), ("queue_200", "/console/queue?limit=200"),
                               ("item", f"/console/items/{first}"), ("audit_100", "/console/audit"),
                               ("dashboard_30d", "/console/dashboard?days=30"),
                               ("csv_class_30d", "/console/dashboard/class.csv?days=30")]:
                results[name] = timed(c, path, args.rounds)
                print(f"{name:16s} {results[name]}")
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
    out = {"items": args.items, "rounds": args.rounds, "setup_seconds": round(setup_s, 1),
           "python": platform.python_version(), "machine": platform.machine(), "pages": results}
    path = Path(__file__).resolve().parent / "results" / "console.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())

"""A server killed with SIGKILL in the middle of a large ingest loses no acknowledged item (SQLite, WAL, FULL sync)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from conftest import AUTHOR_KEY
from live import free_port
from narcotrace.store import Store

pytestmark = pytest.mark.integration


def _serve(db: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as fh:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "narcotrace", "serve", "--db", db, "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=fh,
        )


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("server did not become ready")


def test_sigkill_mid_ingest_loses_no_acknowledged_item(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'kill.db'}"
    store = Store.open(db)
    store.create_org("k")
    key = store.create_key("k", "ingest")["key"]
    reader = store.create_key("k", "reviewer")["key"]
    store.close()
    env = {**os.environ, "NARCOTRACE_AUTHOR_KEY": AUTHOR_KEY.decode()}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    proc = _serve(db, port, env, log)
    acked: list[str] = []
    errors: list[str] = []
    stop = threading.Event()

    def post_batches() -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as c:
            for b in range(10_000):
                if stop.is_set():
                    return
                batch = [{"id": f"b{b}-{i}", "text": f"selling M30 blues batch {b} item {i}, tg @plug{b}",
                          "author": f"seller{i % 7}"} for i in range(50)]
                try:
                    r = c.post("/v1/items", json={"items": batch})
                except httpx.HTTPError:
                    return  # the server died mid-request: that batch was never acknowledged
                if r.status_code != 200:
                    errors.append(r.text)
                    return
                acked.extend(v["id"] for v in r.json()["verdicts"])

    try:
        _wait_ready(url, proc, log)
        poster = threading.Thread(target=post_batches)
        poster.start()
        deadline = time.monotonic() + 60
        while len(acked) < 1000 and time.monotonic() < deadline and poster.is_alive():
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        stop.set()
        poster.join(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not errors, errors[:1]
    assert len(acked) >= 1000, "the ingest did not get far enough before the deadline"

    port2 = free_port()
    url2 = f"http://127.0.0.1:{port2}"
    proc2 = _serve(db, port2, env, log)
    try:
        _wait_ready(url2, proc2, log)
        with httpx.Client(base_url=url2, headers={"Authorization": f"Bearer {reader}"}, timeout=30) as c:
            for item_id in acked[-200:]:  # the newest acknowledged items are the ones at risk
                assert c.get(f"/v1/items/{item_id}").status_code == 200, item_id
    finally:
        proc2.send_signal(signal.SIGTERM)
        proc2.wait(timeout=20)
    store = Store.open(db)
    with store.engine.connect() as conn:
        from sqlalchemy import text

        stored = {r[0] for r in conn.execute(text("SELECT item_id FROM items"))}
    store.close()
    missing = set(acked) - stored
    assert not missing, f"{len(missing)} acknowledged items lost, e.g. {sorted(missing)[:3]}"
    assert json.dumps(sorted(stored))  # every stored id is readable text

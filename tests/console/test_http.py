"""The console over plain HTTP (no browser): login and sessions, CSRF, roles, decisions, audit scope, CSV."""

from __future__ import annotations

import csv
import io
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Iterator

import httpx
import pytest
from console_live import ITEMS, LiveServer

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    m = CSRF.search(html)
    assert m, "no CSRF token in the page"
    return m.group(1)


@contextmanager
def login(live: LiveServer, key: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        page = c.get("/console/login")
        r = c.post("/console/login", data={"key": key, "csrf": csrf_of(page.text), "next": "/console/queue"})
        assert r.status_code == 303, r.text
        yield c


def test_login_sets_a_strict_httponly_session_cookie_and_rotates_it(live: LiveServer) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        page = c.get("/console/login")
        assert page.status_code == 200
        before = c.cookies.get("nt_console")
        header = page.headers["set-cookie"].lower()
        assert "httponly" in header and "samesite=strict" in header and "path=/console" in header
        r = c.post(
            "/console/login", data={"key": live.keys["reviewer"], "csrf": csrf_of(page.text), "next": ""}
        )
        assert r.status_code == 303 and r.headers["location"] == "/console/queue"
        after = c.cookies.get("nt_console")
        assert after and after != before, "the session id must change at login"
        assert live.keys["reviewer"] not in r.headers["location"]
        q = c.get("/console/queue")
        assert q.status_code == 200 and "Review queue" in q.text
        assert "default-src 'none'" in q.headers["content-security-policy"]
        # The pre-login id is worthless now.
        with httpx.Client(base_url=live.url, cookies={"nt_console": before or ""}, timeout=30) as old:
            assert old.get("/console/queue").status_code == 303


@pytest.mark.parametrize(
    "role, status, message",
    [
        ("ingest", 401, "cannot use the console"),
        ("analyst", 401, "cannot use the console"),
        (None, 401, "Unknown or revoked API key"),
    ],
)
def test_login_refuses_other_roles_and_unknown_keys(
    live: LiveServer, role: str | None, status: int, message: str
) -> None:
    key = live.keys[role] if role else "nt_not-a-key"
    with httpx.Client(base_url=live.url, timeout=30) as c:
        page = c.get("/console/login")
        r = c.post("/console/login", data={"key": key, "csrf": csrf_of(page.text)})
        assert r.status_code == status and message in r.text
        assert c.get("/console/queue").status_code == 303


def test_login_without_the_csrf_token_is_refused(live: LiveServer) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        c.get("/console/login")
        r = c.post("/console/login", data={"key": live.keys["reviewer"], "csrf": "forged"})
        assert r.status_code == 403
        assert c.get("/console/queue").status_code == 303


@pytest.mark.parametrize(
    "path",
    [
        "/console/queue",
        "/console/items/c-01",
        "/console/audit",
        "/console/dashboard",
        "/console/dashboard/label.csv",
    ],
)
def test_pages_need_a_session(live: LiveServer, path: str) -> None:
    r = httpx.get(live.url + path, timeout=30)
    assert r.status_code == 303 and r.headers["location"].startswith("/console/login?next=/console/")


@pytest.mark.parametrize(
    "next_value, lands",
    [
        ("/console/audit", "/console/audit"),
        ("//evil.example/console", "/console/queue"),
        ("https://evil.example/", "/console/queue"),
        ("/consolex", "/console/queue"),
        ("/console\\..\\x", "/console/queue"),
    ],
)
def test_login_redirects_only_inside_the_console(live: LiveServer, next_value: str, lands: str) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        page = c.get("/console/login")
        r = c.post(
            "/console/login", data={"key": live.keys["admin"], "csrf": csrf_of(page.text), "next": next_value}
        )
        assert r.headers["location"] == lands


def test_decision_needs_csrf_and_a_reason(live: LiveServer) -> None:
    item = live.queued[-1]
    with login(live, live.keys["reviewer"]) as c:
        page = c.get(f"/console/items/{item}")
        token = csrf_of(page.text)
        r = c.post(
            "/console/decide", data={"item_id": item, "action": "remove", "reason": "x", "csrf": "nope"}
        )
        assert r.status_code == 403
        r = c.post(
            "/console/decide", data={"item_id": item, "action": "remove", "reason": "  ", "csrf": token}
        )
        assert r.status_code == 303
        assert "A reason is required" in c.get(r.headers["location"]).text
        r = c.post(
            "/console/decide", data={"item_id": item, "action": "delete-it", "reason": "r", "csrf": token}
        )
        assert "Unknown action" in c.get(r.headers["location"]).text
        assert live.store.get_item(live.org_id, item)["status"] == "pending"


def test_revoking_the_key_ends_its_console_sessions(live: LiveServer) -> None:
    made = live.store.create_key(live.org, "reviewer")
    with login(live, made["key"]) as c:
        assert c.get("/console/queue").status_code == 200
        live.store.revoke_key(live.org_id, made["prefix"], "test")
        assert c.get("/console/queue").status_code == 303


def test_reviewers_see_review_events_and_admins_the_whole_chain(live: LiveServer) -> None:
    with login(live, live.keys["reviewer"]) as c:
        reviewer_view = c.get("/console/audit").text
    with login(live, live.keys["admin"]) as c:
        admin_view = c.get("/console/audit?verify=1").text
        assert "Verify the hash chain" in c.get("/console/audit").text
    assert 'data-event="key-created"' not in reviewer_view
    assert 'data-event="key-created"' in admin_view
    assert "Hash chain verified" in admin_view


def test_csv_export_counts_the_ingested_items(live: LiveServer) -> None:
    with login(live, live.keys["reviewer"]) as c:
        r = c.get("/console/dashboard/label.csv?days=7")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == 7
        today = datetime.now(timezone.utc).date().isoformat()
        total = sum(int(v) for row in rows if row["day"] == today for k, v in row.items() if k != "day")
        assert total == len(ITEMS)  # every item ingested by the fixture, each counted once by label
        assert c.get("/console/dashboard/nope.csv").status_code == 404


def test_console_routes_stay_out_of_the_openapi_schema(live: LiveServer) -> None:
    # The /v1 API's schema (and the schemathesis run over it) is for machines; form pages do not belong there.
    # Mounted alone on a bare app so the check does not depend on the other feature modules' routes.
    from fastapi import FastAPI

    from narcotrace.console import mount

    app = FastAPI()
    mount(app, live.app.state.ctx)
    assert not [p for p in app.openapi()["paths"] if p.startswith("/console")]


def test_appeal_goes_to_another_reviewer_and_the_history_shows_both(live: LiveServer) -> None:
    item = live.queued[0]
    with login(live, live.keys["reviewer"]) as first:
        token = csrf_of(first.get(f"/console/items/{item}").text)
        r = first.post(
            "/console/decide", data={"item_id": item, "action": "remove", "reason": "R1-sale", "csrf": token}
        )
        assert r.status_code == 303
        with httpx.Client(
            base_url=live.url, timeout=30, headers={"Authorization": f"Bearer {live.keys['ingest']}"}
        ) as api:
            assert api.post(f"/v1/items/{item}/appeal", json={"reason": "it was a joke"}).status_code == 200
        appeals = first.get("/console/queue?stage=appeal").text
        assert f'href="/console/items/{item}"' in appeals
        page = first.get(f"/console/items/{item}").text
        assert "Decide the appeal" in page and "appeal (open)" in page and "it was a joke" in page
        r = first.post(
            "/console/decide",
            data={"item_id": item, "action": "allow", "reason": "ok", "csrf": csrf_of(page)},
        )
        assert "different reviewer" in first.get(r.headers["location"]).text
    with login(live, live.keys["reviewer2"]) as second:
        page = second.get(f"/console/items/{item}").text
        r = second.post(
            "/console/decide",
            data={"item_id": item, "action": "allow", "reason": "R3-satire", "csrf": csrf_of(page)},
        )
        assert r.status_code == 303
        history = second.get(f"/console/items/{item}").text
    assert live.store.get_item(live.org_id, item)["final_action"] == "allow"
    order = [history.index(s) for s in ("R1-sale", "it was a joke", "R3-satire")]
    assert order == sorted(order), "history in time order: decision, appeal, appeal decision"
    assert "appeal decision" in history and "appeal (resolved)" in history


def test_a_decision_after_the_session_expired_asks_to_log_in_and_changes_nothing(live: LiveServer) -> None:
    item = live.queued[1]
    with httpx.Client(base_url=live.url, timeout=30, cookies={"nt_console": "expired-session"}) as c:
        r = c.post("/console/decide", data={"item_id": item, "action": "remove", "reason": "x", "csrf": "x"})
        assert r.status_code == 303 and r.headers["location"] == "/console/login?next=/console/queue"
    assert live.store.get_item(live.org_id, item)["status"] == "pending"

"""The HTTP API over real loopback HTTP, against SQLite and PostgreSQL (the `live` fixture runs both)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from conftest import LiveServer

OFFER = "M30 blues fent pills $20 each, 100 pcs. Discreet shipping, tg @bluesplug"
NEWS = "Fentanyl overdose deaths rose sharply in the county last year, health officials said on Monday."


def items(*pairs: tuple[str, str], author: str | None = None) -> dict[str, list[dict[str, str]]]:
    out = []
    for item_id, body in pairs:
        d = {"id": item_id, "text": body, "kind": "post"}
        if author:
            d["author"] = author
        out.append(d)
    return {"items": out}


def test_scan_returns_verdicts_and_decisions_without_storing(live: LiveServer) -> None:
    org = live.org()
    with live.client(org["ingest"]) as c:
        r = c.post("/v1/scan", json=items(("s1", OFFER), ("s2", NEWS)))
        assert r.status_code == 200, r.text
        v = r.json()["verdicts"]
        assert [x["id"] for x in v] == ["s1", "s2"]
        assert v[0]["label"] == "offer" and v[0]["decisions"][0]["jurisdiction"] == "US"
        assert v[0]["decisions"][0]["action"] in ("remove", "remove-and-escalate")
        assert v[1]["label"] != "offer"
    with live.client(org["reviewer"]) as c:
        assert c.get("/v1/items/s1").status_code == 404


def test_ingest_is_idempotent_and_queues_by_priority(live: LiveServer) -> None:
    org = live.org()
    with live.client(org["ingest"]) as c:
        r = c.post("/v1/items", json=items(("a", OFFER), ("b", NEWS), ("c", "selling weed 1oz $100 dm me")))
        assert r.status_code == 200, r.text
        body = r.json()
        assert "a" in body["queued"] and "b" not in body["queued"] and body["duplicates"] == []
        again = c.post("/v1/items", json=items(("a", "changed text"), ("d", NEWS))).json()
        assert again["duplicates"] == ["a"] and again["verdicts"][0]["label"] == "offer"
    with live.client(org["reviewer"]) as c:
        queue = c.get("/v1/queue", params={"limit": 10}).json()["items"]
        assert queue[0]["id"] == "a"
        assert [q["priority"] for q in queue] == sorted((q["priority"] for q in queue), reverse=True)
        assert queue[0]["verdict"]["evidence"] and queue[0]["verdict"]["indicators"]
        assert c.get("/v1/items/a").json()["text"] == OFFER


def test_two_organisations_cannot_see_each_other(live: LiveServer) -> None:
    a, b = live.org(), live.org()
    with live.client(a["ingest"]) as c:
        assert c.post("/v1/items", json=items(("secret", OFFER))).status_code == 200
    with live.client(b["reviewer"]) as c:
        assert c.get("/v1/items/secret").status_code == 404
        assert c.get("/v1/queue").json()["items"] == []
        r = c.post("/v1/items/secret/decision", json={"action": "remove", "reason": "x"})
        assert r.status_code == 404
    with live.client(b["ingest"]) as c:
        assert c.post("/v1/items/secret/appeal", json={"reason": "x"}).status_code == 404
    with live.client(b["analyst"]) as c:
        assert all(e["subject"] != "secret" for e in c.get("/v1/audit").json()["entries"])
    with live.client(a["reviewer"]) as c:
        assert c.get("/v1/items/secret").status_code == 200


@pytest.mark.parametrize(
    ("role", "method", "path", "status"),
    [
        (None, "GET", "/v1/queue", 401),
        ("bogus", "GET", "/v1/queue", 401),
        ("ingest", "GET", "/v1/queue", 403),
        ("reviewer", "POST", "/v1/items", 403),
        ("analyst", "POST", "/v1/items/x/decision", 403),
        ("reviewer", "GET", "/v1/audit", 403),
        ("ingest", "POST", "/v1/keys", 403),
    ],
)
def test_roles(live: LiveServer, role: str | None, method: str, path: str, status: int) -> None:
    org = live.org()
    key = "nt_not-a-key" if role == "bogus" else (org[role] if role else None)
    with live.client(key) as c:
        r = c.request(method, path, json={"items": [{"text": "x", "id": "1"}]} if method == "POST" else None)
    assert r.status_code == status, r.text


def test_decisions_and_appeals_land_in_the_audit_chain(live: LiveServer) -> None:
    org = live.org()
    with live.client(org["ingest"]) as c:
        c.post("/v1/items", json=items(("x1", OFFER), author="seller-1"))
    with live.client(org["reviewer"]) as c:
        d = c.post("/v1/items/x1/decision", json={"action": "remove", "reason": "fentanyl offer"}).json()
        assert d["author_strikes"] == 1 and d["account_action"] == "warn"
        assert c.post("/v1/items/x1/decision", json={"action": "allow", "reason": "again"}).status_code == 409
    with live.client(org["ingest"]) as c:
        assert c.post("/v1/items/x1/appeal", json={"reason": "it is satire"}).status_code == 200
    with live.client(org["reviewer"]) as c:
        assert [i["id"] for i in c.get("/v1/queue", params={"stage": "appeal"}).json()["items"]] == ["x1"]
        r = c.post("/v1/items/x1/decision", json={"action": "allow", "reason": "mine"})
        assert r.status_code == 403  # the first reviewer may not decide the appeal
    with live.client(org["reviewer2"]) as c:
        d2 = c.post("/v1/items/x1/decision", json={"action": "allow", "reason": "satire"}).json()
        assert d2["stage"] == "appeal" and d2["author_strikes"] == 0
        assert c.get("/v1/authors/seller-1/strikes").json()["strikes"] == 0
    with live.client(org["analyst"]) as c:
        entries = c.get("/v1/audit").json()["entries"]
        events = [e["event"] for e in entries if e["subject"] == "x1"]
        assert events == ["decision", "appeal", "appeal-decision"]
        assert all(e["prev_hash"] == p["hash"] for p, e in zip(entries, entries[1:]))
        assert c.get("/v1/audit/verify").json() == {"ok": True, "entries": len(entries), "first_broken_seq": None,
                                                    "reason": ""}


def test_tampering_with_one_audit_row_fails_verify_there(live: LiveServer) -> None:
    org = live.org()
    with live.client(org["ingest"]) as c:
        c.post("/v1/items", json=items(*[(f"t{i}", OFFER) for i in range(3)]))
    with live.client(org["reviewer"]) as c:
        for i in range(3):
            assert c.post(f"/v1/items/t{i}/decision", json={"action": "remove", "reason": "r"}).status_code == 200
    with live.client(org["analyst"]) as c:
        entries = c.get("/v1/audit").json()["entries"]
        target = next(e for e in entries if e["subject"] == "t1")
        with live.store.engine.begin() as conn:
            conn.execute(text("UPDATE audit SET payload = :p WHERE org_id = :o AND seq = :s"),
                         {"p": json.dumps({"action": "allow"}), "o": org["id"], "s": target["seq"]})
        check = c.get("/v1/audit/verify").json()
        assert check["ok"] is False and check["first_broken_seq"] == target["seq"]


def test_strikes_reach_policy_thresholds(live: LiveServer) -> None:
    org = live.org()
    with live.client(org["ingest"]) as c:
        c.post("/v1/items", json=items(*[(f"k{i}", OFFER) for i in range(3)], author="repeat-seller"))
    with live.client(org["reviewer"]) as c:
        actions = [c.post(f"/v1/items/k{i}/decision", json={"action": "remove-and-escalate", "reason": "r"})
                   .json()["account_action"] for i in range(3)]
        assert actions == ["warn", "warn", "suspend"]  # default policy: warn at 1, suspend at 3, ban at 5
        s = c.get("/v1/authors/repeat-seller/strikes").json()
        assert s["strikes"] == 3 and s["thresholds"]["ban"] == 5


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (b"{not json", 422, None),
        (b'{"items": [{"text": 5, "id": "1"}]}', 422, "items[0].text"),
        (b'{"items": [{"text": "x", "id": "1", "kind": "tweet"}]}', 422, "items[0].kind"),
        (b'{"items": [{"text": "x"}]}', 422, "items[0].id"),
        (b'{"items": [{"text": "a\\u0000b", "id": "1"}]}', 422, "items[0].text"),
        (b'{"items": []}', 422, "items"),
        (b'{"things": []}', 422, "items"),
        (b'[1, 2]', 422, "body"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(live: LiveServer, body: bytes, status: int, field: str | None) -> None:
    org = live.org()
    with live.client(org["ingest"]) as c:
        r = c.post("/v1/items", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    if field:
        assert field in r.json()["fields"], r.json()


def test_oversized_body_is_413_and_unknown_item_404(live: LiveServer) -> None:
    org = live.org()
    with live.client(org["ingest"]) as c:
        big = {"items": [{"id": "big", "text": "x" * (300 * 1024)}]}
        assert c.post("/v1/items", json=big).status_code == 413

        def chunks():  # no Content-Length: the streamed size is what is limited
            for _ in range(300):
                yield b"x" * 1024

        assert c.post("/v1/scan", content=chunks(), headers={"Content-Type": "application/json"}).status_code == 413
        assert c.post("/v1/items/nope/appeal", json={"reason": "x"}).status_code == 404
    with live.client(org["reviewer"]) as c:
        assert c.get("/v1/items/nope").status_code == 404
        assert c.post("/v1/items/nope/decision", json={"action": "remove", "reason": "x"}).status_code == 404
        assert c.post("/v1/items/x/decision", json={"action": "obliterate", "reason": "x"}).status_code == 422


def test_health_metrics_openapi_and_keys(live: LiveServer) -> None:
    org = live.org()
    with live.client(None) as c:
        assert c.get("/healthz").json()["status"] == "ok"
        spec = c.get("/openapi.json").json()
        assert {"/v1/scan", "/v1/items", "/v1/queue", "/v1/audit/verify"} <= set(spec["paths"])
    with live.client(org["ingest"]) as c:
        c.post("/v1/scan", json=items(("m", OFFER)))
    with live.client(None) as c:
        metrics = c.get("/metrics").text
        assert 'narcotrace_http_requests_total{method="POST",route="/v1/scan",status="200"}' in metrics
        assert "narcotrace_queue_depth" in metrics
    with live.client(org["admin"]) as c:
        made = c.post("/v1/keys", json={"role": "ingest"}).json()
    with live.client(made["key"]) as c:
        assert c.post("/v1/scan", json=items(("n", NEWS))).status_code == 200
    with live.client(org["admin"]) as c:
        assert c.post(f"/v1/keys/{made['prefix']}/revoke").status_code == 200
        assert [e["event"] for e in c.get("/v1/audit").json()["entries"]][-2:] == ["key-created", "key-revoked"]
    with live.client(made["key"]) as c:
        assert c.post("/v1/scan", json=items(("n", NEWS))).status_code == 401

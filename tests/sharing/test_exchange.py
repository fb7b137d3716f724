"""End to end: two services on loopback share signals; nothing raw crosses the wire (docs/sharing.md)."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from narcotrace.sharing import Collaboration, Member, sync

pytestmark = pytest.mark.integration

WALLET = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
A_ITEMS = [
    {"id": "a1", "author": "alpha-user-1",
     "text": f"Pressed M30s 💊 tg @bluesplug_77 fast discreet shipping, BTC {WALLET}"},
    {"id": "a2", "author": "alpha-user-2",
     "text": "Percs and xans available, text or call +1 415 555 0134, ship nationwide, cashapp $pillmanjoe"},
    {"id": "a3", "author": "alpha-user-3",
     "text": "Fetty and china white, best prices, wickr: dopeking99, payment in XMR or BTC, stealth shipping "
             "worldwide, DM for the full menu, samples for vendors"},
]
B_ITEMS = [
    {"id": "b1", "author": "beta-user-1", "text": "new stock 💊 M30 blues hmu on telegram @bluesplug_77 today"},
    {"id": "b2", "author": "beta-user-2", "country": "US",
     "text": "Percs in stock, call me 415-555-0134 for prices, fast delivery"},
    {"id": "b3", "author": "beta-user-3",
     "text": "Fetty and china white, best prices, wickr: dopeking_new, payment in XMR or BTC, stealth shipping "
             "worldwide, DM for the full menu, samples for vendors"},
    {"id": "b4", "author": "beta-user-4", "text": "selling carts and edibles, snap @greenleaf420, meetup downtown"},
]
LATE_ITEM = {"id": "b5", "author": "beta-user-5", "text": f"M30s restocked, pay BTC {WALLET} only, same day"}
RAW = ["bluesplug_77", WALLET, "4155550134", "415 555 0134", "415-555-0134", "pillmanjoe", "dopeking99",
       "dopeking_new", "greenleaf420", "alpha-user", "beta-user"]


def _windows(text: str, width: int = 12) -> set[str]:
    return {text[i:i + width] for i in range(0, max(1, len(text) - width + 1))}


def test_two_services_share_signals_without_raw_data(two_services: tuple[Any, Any], proxy: Any) -> None:
    a, b = two_services
    org_a, org_b = a.org("alpha"), b.org("beta")
    secret = secrets.token_hex(32).encode()
    proxy_to_a, proxy_to_b = proxy(a.port), proxy(b.port)
    # Each side calls the other through a recording proxy, with a "partner" key the other side issued.
    a.sharing.add(Collaboration("coalition", org_a["name"], secret,
                                (Member("beta", proxy_to_b.url, org_b["partner"], org_a["partner"][:11]),),
                                flood_min_items=5))
    b.sharing.add(Collaboration("coalition", org_b["name"], secret,
                                (Member("alpha", proxy_to_a.url, org_a["partner"]),), flood_min_items=5))

    with a.client(org_a["ingest"]) as ing, a.client(org_a["reviewer"]) as rev:
        assert ing.post("/v1/items", json={"items": A_ITEMS}).status_code == 200
        for item in A_ITEMS:
            r = rev.post(f"/v1/items/{item['id']}/decision", json={"action": "remove", "reason": "confirmed seller"})
            assert r.status_code == 200, r.text
    with b.client(org_b["ingest"]) as ing:
        assert ing.post("/v1/items", json={"items": B_ITEMS}).status_code == 200
    with b.client(org_b["reviewer"]) as rev:
        before = {i: rev.get(f"/v1/items/{i}").json()["priority"] for i in ("b1", "b2", "b3", "b4")}

    reports = sync(b.sharing, "coalition")
    assert [r.partner for r in reports] == ["alpha"] and reports[0].signals > 0

    with b.client(org_b["reviewer"]) as rev:
        after = {i: rev.get(f"/v1/items/{i}").json() for i in ("b1", "b2", "b3", "b4")}
        for i in ("b1", "b2", "b3"):  # handle, phone (other spelling), near-duplicate text
            assert after[i]["priority"] == pytest.approx(before[i] * 1.5), i
            shared = [e for e in after[i]["verdict"]["evidence"] if e["signal"].startswith("shared:")]
            assert shared and "seen by 1 partner in coalition" in shared[0]["signal"], after[i]["verdict"]["evidence"]
        assert "[text]" in [e for e in after["b3"]["verdict"]["evidence"]
                            if e["signal"].startswith("shared:")][0]["signal"]
        assert after["b4"]["priority"] == before["b4"]
        assert not [e for e in after["b4"]["verdict"]["evidence"] if e["signal"].startswith("shared:")]
        queued = {q["id"]: q for q in rev.get("/v1/queue").json()["items"]}
        assert queued["b1"]["priority"] == after["b1"]["priority"]  # the queue orders by the boosted priority
        assert any(e["signal"].startswith("shared:") for e in queued["b1"]["verdict"]["evidence"])
        assert rev.get("/v1/share/items/b1").json()["sharing"]["partners"] == 1

    # An item that arrives later is matched at ingest against the signals already fetched.
    with b.client(org_b["ingest"]) as ing:
        assert ing.post("/v1/items", json={"items": [LATE_ITEM]}).status_code == 200
    with b.client(org_b["reviewer"]) as rev:
        late = rev.get("/v1/items/b5").json()
        assert any(e["signal"].startswith("shared:seen by 1 partner") for e in late["verdict"]["evidence"])
        # B's reviewer finds b2 is not a seller: B's negative opinion flows back to A on the next sync.
        assert rev.post("/v1/items/b2/decision", json={"action": "allow", "reason": "not a seller"}).status_code == 200
    reports = sync(b.sharing, "coalition")
    assert reports[0].opinions_sent >= 1

    with a.client(org_a["analyst"]) as an:
        status = an.get("/v1/share/coalition/status").json()
        phone = [s for s in status["signals"] if s["type"] == "phone"]
        assert phone and phone[0]["partner_opinions"] == {"beta": "negative"}
        assert phone[0]["aggregate"] == "disputed"  # A confirmed it, B says it is not
        events = [e["event"] for e in an.get("/v1/audit", params={"limit": 1000}).json()["entries"]]
        assert "share-export" in events and "share-opinions-in" in events
    with b.client(org_b["analyst"]) as an:
        events = [e["event"] for e in an.get("/v1/audit", params={"limit": 1000}).json()["entries"]]
        assert "share-import" in events and "share-opinions-out" in events

    wire = proxy_to_a.wire + proxy_to_b.wire
    assert b"/v1/share/coalition/signals" in wire and b"/v1/share/coalition/opinions" in wire
    assert b'"token"' in wire
    lowered = wire.lower()
    for raw in RAW:
        assert raw.lower().encode() not in lowered, raw
    for item in A_ITEMS + B_ITEMS + [LATE_ITEM]:
        for w in _windows(item["text"]):
            assert w.encode() not in wire, (item["id"], w)
    proxy_to_a.close()
    proxy_to_b.close()


def test_partner_key_is_needed_and_only_reads_sharing(two_services: tuple[Any, Any]) -> None:
    a, _ = two_services
    org = a.org("gamma")
    a.sharing.add(Collaboration("club", org["name"], b"s" * 32, (Member("x", "http://127.0.0.1:9"),)))
    with a.client(org["partner"]) as partner, a.client(org["reviewer"]) as rev:
        assert partner.get("/v1/share/club/signals").status_code == 200
        assert partner.get("/v1/queue").status_code == 403
        assert partner.post("/v1/scan", json={"items": [{"text": "x"}]}).status_code == 403
        assert rev.get("/v1/share/club/signals").status_code == 403
        assert partner.get("/v1/share/other/signals").status_code == 404
    off = a.org("epsilon")
    a.sharing.add(Collaboration("off", off["name"], b"s" * 32, (Member("x", "http://127.0.0.1:9"),), enabled=False))
    with a.client(off["partner"]) as partner:
        r = partner.get("/v1/share/off/signals")
        assert r.status_code == 409 and r.json() == {"error": "collaboration 'off' is disabled"}
    other = a.org("delta")
    with a.client(other["partner"]) as stranger:  # a partner key of another organisation sees no such collaboration
        assert stranger.get("/v1/share/club/signals").status_code == 404


def test_service_loads_collaborations_from_the_environment(tmp_path: Any) -> None:
    from narcotrace.sharing._config import ConfigError
    from narcotrace.sharing.api import ENV, load_from_env

    (tmp_path / "s.key").write_text("z" * 40)
    (tmp_path / "one.yaml").write_text("name: one\norg: acme\nsecret_file: s.key\n"
                                       "members: [{name: peer, url: 'http://127.0.0.1:9'}]\n")
    (tmp_path / "two.yml").write_text("name: two\norg: acme\nsecret_file: s.key\nenabled: false\n"
                                      "members: [{name: peer, url: 'http://127.0.0.1:9'}]\n")
    got = load_from_env({ENV: str(tmp_path)})
    assert [(c.name, c.enabled) for c in got] == [("one", True), ("two", False)]
    (tmp_path / "three.yaml").write_text("name: three\norg: acme\nmembers: []\n")
    with pytest.raises(ConfigError, match="three.yaml: give exactly one of 'secret_file' or 'secret_env'"):
        load_from_env({ENV: str(tmp_path)})

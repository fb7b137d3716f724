"""The network routes over real loopback HTTP (SQLite and PostgreSQL): account network, clusters, evasion."""

from __future__ import annotations

import uuid

import httpx
import pytest

from narcotrace.store import Store

OFFER = (
    "M30 blues $20 each, 100 pcs. Discreet shipping, BTC 1BoatSLRHtKNngkdXEeobR76b53LETtpyT wickr: chemking"
)
AGAIN = "new account, same plug: wickr: chemking, btc 1BoatSLRHtKNngkdXEeobR76b53LETtpyT, fast stealth"
OTHER = "selling weed, snap: greenleaf77 only"


def _org(store: Store) -> dict[str, str | int]:
    name = "org-" + uuid.uuid4().hex[:8]
    out: dict[str, str | int] = {"id": store.create_org(name, ["US"])["id"]}
    for role in ("ingest", "reviewer", "analyst"):
        out[role] = store.create_key(name, role)["key"]
    return out


def _client(url: str, key: str | int) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60)


def _post(c: httpx.Client, *items: tuple[str, str, str]) -> None:
    body = {"items": [{"id": i, "text": t, "author": a, "platform": "tw"} for i, a, t in items]}
    r = c.post("/v1/items", json=body)
    assert r.status_code == 200, r.text


def test_ban_evasion_over_http(live_url: tuple[str, Store]) -> None:
    url, store = live_url
    org = _org(store)
    with _client(url, org["ingest"]) as c:
        _post(c, *[(f"old-{i}", "oldplug", OFFER) for i in range(5)], ("x", "bystander", OTHER))
    with _client(url, org["reviewer"]) as c:
        for i in range(5):
            r = c.post(f"/v1/items/old-{i}/decision", json={"action": "remove", "reason": "confirmed seller"})
            assert r.status_code == 200, r.text
        assert r.json()["account_action"] == "ban"
    with _client(url, org["ingest"]) as c:
        _post(c, ("new-1", "newplug", AGAIN))
    with _client(url, org["reviewer"]) as c:
        r = c.get("/v1/accounts/tw/newplug/network")
        assert r.status_code == 200, r.text
        net = r.json()
        assert net["likely_ban_evasion"] is True and net["review"].startswith("likely ban evasion")
        assert net["risk"] == 1.0
        (link,) = net["links"]
        assert link["account_action"] == "ban" and link["strikes"] == 5
        assert {s["type"] for s in link["shared"]} == {"btc", "wickr"}
        assert "oldplug" not in r.text and "newplug" not in r.text  # only keyed hashes leave the service
        item = c.get("/v1/items/new-1").json()
        assert item["status"] == "pending" and item["priority"] >= 5.0
        queue = c.get("/v1/queue").json()["items"]
        assert queue[0]["id"] == "new-1"
        bystander = c.get("/v1/accounts/tw/bystander/network").json()
        assert bystander["links"] == [] and bystander["likely_ban_evasion"] is False
        assert c.get("/v1/accounts/tw/nobody/network").status_code == 404
        assert c.get("/v1/accounts/ig/newplug/network").status_code == 404  # another platform's account


def test_items_without_a_platform_are_the_dash_platform(live_url: tuple[str, Store]) -> None:
    url, store = live_url
    org = _org(store)
    with _client(url, org["ingest"]) as c:
        body = {
            "items": [
                {"id": "n1", "text": OTHER, "author": "np"},
                {"id": "n2", "text": OTHER, "author": "nq"},
            ]
        }
        assert c.post("/v1/items", json=body).status_code == 200
    with _client(url, org["reviewer"]) as c:
        net = c.get("/v1/accounts/-/np/network").json()
        assert net["account"]["platform"] == "" and [lk["platform"] for lk in net["links"]] == [""]


def test_clusters_over_http(live_url: tuple[str, Store]) -> None:
    url, store = live_url
    org = _org(store)
    with _client(url, org["ingest"]) as c:
        _post(
            c,
            ("a1", "a", OFFER),
            ("b1", "b", AGAIN),
            ("c1", "c", OTHER),
            ("d1", "d", OTHER + " today"),
            ("e1", "e", OTHER + " cheap"),
        )
    with _client(url, org["analyst"]) as c:
        body = c.get("/v1/clusters").json()
        assert body["count"] == 2
        sizes = [cl["size"] for cl in body["clusters"]]
        assert sizes == [3, 2]
        assert body["clusters"][0]["indicators"][0]["type"] == "snapchat"
        assert all(set(a) == {"platform", "author_hash"} for cl in body["clusters"] for a in cl["accounts"])
        assert c.get("/v1/clusters", params={"min_size": 3}).json()["count"] == 1
        assert c.get("/v1/clusters", params={"min_weight": 0.9}).json()["count"] == 1  # snap of 3 is 0.57
        assert c.get("/v1/accounts/-/c/network").status_code == 404  # c's items came with a platform
        r = c.get("/v1/clusters", params={"min_size": 1})
        assert r.status_code == 422 and "min_size" in r.json()["error"]


@pytest.mark.parametrize(("role", "status"), [("ingest", 403), (None, 401)])
def test_network_routes_need_a_reader(live_url: tuple[str, Store], role: str | None, status: int) -> None:
    url, store = live_url
    org = _org(store)
    headers = {"Authorization": f"Bearer {org[role]}"} if role else {}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as c:
        assert c.get("/v1/clusters").status_code == status
        assert c.get("/v1/accounts/tw/x/network").status_code == status

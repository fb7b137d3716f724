"""The sharing engine over a real store (SQLite and PostgreSQL): feed, cursor, matching, flood valve, opinions,
retraction, blocklist bank, export and the audit entries."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from narcotrace.items import Indicator, Item, Substance, Verdict
from narcotrace.sharing import (
    Collaboration,
    CollaborationDisabled,
    FetchError,
    Member,
    PartnerClient,
    Sharing,
    Signal,
    indicator_token,
)
from narcotrace.store import Store

SECRET = b"k" * 32
STRIKES = ("remove", "remove-and-escalate")


def _item(item_id: str, handle: str | None = None, domain: str | None = None, score: float = 0.95,
          label: str = "offer") -> tuple[Item, Verdict, bool]:
    parts, inds = [f"item {item_id}"], []
    if handle:
        start = len(" ".join(parts)) + 4
        parts.append(f"tg @{handle}")
        inds.append(Indicator("telegram", "@" + handle, handle, True, start, start + len(handle) + 1))
    if domain:
        start = len(" ".join(parts)) + 1
        parts.append(domain)
        inds.append(Indicator("domain", domain, domain, True, start, start + len(domain)))
    text = " ".join(parts)
    v = Verdict(item_id, label, score, (Substance("fentanyl", "fentanyl"),), "critical", indicators=tuple(inds))
    return Item(text, id=item_id, author="u-" + item_id), v, True


def _setup(store: Store, name: str = "acme", **kw: Any) -> tuple[Sharing, Collaboration, int]:
    org = store.create_org(name, ["US"])
    c = Collaboration("club", name, SECRET, (Member("peer", "http://127.0.0.1:9"),), **kw)
    return Sharing(store, [c]), c, org["id"]


def _reviewer(store: Store, org: str) -> Any:
    return store.authenticate(store.create_key(org, "reviewer")["key"])


def _signal(handle: str, opinion: str = "positive") -> Signal:
    return Signal("telegram", indicator_token(SECRET, "telegram", handle), ("offer",), "critical", opinion,
                  "2026-11-01", "2026-11-02", 1)


def test_feed_serves_confirmed_and_high_scoring_items_with_a_cursor(store: Store) -> None:
    sharing, c, org_id = _setup(store, min_score=0.9)
    store.ingest(org_id, [_item("1", "seller_one"), _item("2", "seller_two", score=0.5),
                          _item("3", "seller_three", score=0.97), _item("4", "seller_four")])
    rev = _reviewer(store, "acme")
    store.decide(rev, "1", "remove", "seller", STRIKES, 0)
    store.decide(rev, "4", "allow", "not a seller", STRIKES, 0)
    page = sharing.feed("club", org_id, 0, "key:test")
    by_token = {s["token"]: s for s in page["signals"]}
    tok = {h: indicator_token(SECRET, "telegram", h) for h in ("seller_one", "seller_two", "seller_three",
                                                                "seller_four")}
    assert by_token[tok["seller_one"]]["opinion"] == "positive"  # a reviewer removed it
    assert by_token[tok["seller_three"]]["opinion"] == "investigation_seed"  # unreviewed, above min_score
    assert tok["seller_two"] not in by_token and tok["seller_four"] not in by_token  # low score; allowed
    assert all(len(s["first_seen"]) == 10 for s in page["signals"])  # day granularity
    # Nothing new: the next page from the returned cursor is empty.
    assert sharing.feed("club", org_id, page["cursor"], "key:test")["signals"] == []
    # An appeal overturns the decision: the signal is retracted (negative, count 0) in the next page.
    store.appeal(store.authenticate(store.create_key("acme", "ingest")["key"]), "1", "mistake")
    store.decide(_reviewer(store, "acme"), "1", "allow", "overturned", STRIKES, 0)
    nxt = sharing.feed("club", org_id, page["cursor"], "key:test")["signals"]
    assert [(s["token"], s["opinion"], s["count"]) for s in nxt if s["type"] == "telegram"] == [
        (tok["seller_one"], "negative", 0)]
    assert [(s["opinion"], s["count"]) for s in nxt if s["type"] == "text"] == [("negative", 0)]
    events = [e["event"] for e in store.audit(org_id, 0, 1000)]
    assert events.count("share-export") == 3


def test_partner_signals_boost_matching_items_and_floods_are_quarantined(store: Store) -> None:
    sharing, c, org_id = _setup(store, flood_min_items=3, flood_share=0.1)
    batch = [_item(str(i), "common_handle") for i in range(5)] + [_item("s", "rare_seller"), _item("n", "nobody")]
    store.ingest(org_id, batch)
    before = {r["id"]: r["priority"] for r in store.queue(org_id, 100)}
    sharing.take("club", "peer", [_signal("rare_seller"), _signal("common_handle")], 2)
    sharing.rematch(org_id)
    after = {r["id"]: r for r in store.queue(org_id, 100)}
    assert after["s"]["priority"] == pytest.approx(before["s"] * 1.5)
    assert any(e["signal"] == "shared:seen by 1 partner in club [telegram]" and e["text"] == "@rare_seller"
               for e in after["s"]["verdict"]["evidence"])
    for i in ("0", "1", "n"):  # the flood (5 items > max(3, 10% of 7)) is not acted on
        assert after[i]["priority"] == before[i]
    remote = {r["token"]: r for r in sharing.remote_status("club", org_id)}
    assert remote[indicator_token(SECRET, "telegram", "common_handle")]["quarantined"] is True
    assert remote[indicator_token(SECRET, "telegram", "rare_seller")]["matched"] == 1
    assert sharing.cursor("club", "peer") == 2
    # The partner retracts its signal: the boost and the evidence go away.
    sharing.take("club", "peer", [_signal("rare_seller", "negative")], 3)
    sharing.rematch(org_id)
    s = store.get_item(org_id, "s")
    assert s["priority"] == before["s"]
    assert not [e for e in s["verdict"]["evidence"] if e["signal"].startswith("shared:")]


def test_disabled_collaboration_serves_nothing_and_acts_on_nothing(store: Store) -> None:
    sharing, c, org_id = _setup(store, enabled=False)
    store.ingest(org_id, [_item("s", "rare_seller")])
    before = store.get_item(org_id, "s")["priority"]
    sharing.take("club", "peer", [_signal("rare_seller")], 1)
    sharing.rematch(org_id)
    assert store.get_item(org_id, "s")["priority"] == before
    with pytest.raises(CollaborationDisabled, match="disabled"):
        sharing.feed("club", org_id, 0, "key:x")


def test_opinions_aggregate_to_disputed(store: Store) -> None:
    sharing, c, org_id = _setup(store)
    store.ingest(org_id, [_item("1", "seller_one")])
    store.decide(_reviewer(store, "acme"), "1", "remove", "seller", STRIKES, 0)
    sharing.refresh("club")
    tok = indicator_token(SECRET, "telegram", "seller_one")
    got = sharing.receive_opinions("club", org_id, "key:p1", [
        {"type": "telegram", "token": tok, "opinion": "negative"},
        {"type": "telegram", "token": "f" * 64, "opinion": "positive"},  # not one of ours: ignored
    ])
    assert got == {"accepted": 1, "unknown": 1}
    [status] = [s for s in sharing.signal_status("club", org_id) if s["type"] == "telegram"]
    assert status["partner_opinions"] == {"key:p1": "negative"} and status["aggregate"] == "disputed"
    assert store.audit(org_id, 0, 1000)[-1]["event"] == "share-opinions-in"


def test_blocklist_bank_matches_domains_and_export_is_audited(store: Store, tmp_path: Any) -> None:
    sharing, c, org_id = _setup(store)
    store.ingest(org_id, [_item("1", domain="shop.pills-cheap.example"), _item("2", domain="news.example")])
    before = store.get_item(org_id, "1")["priority"]
    added = sharing.import_bank(org_id, "test-list", ["pills-cheap.example", "www.other.example"])
    assert added == 2
    one = store.get_item(org_id, "1")
    assert one["priority"] == pytest.approx(before * 1.25)
    assert any(e["signal"] == "shared:public blocklist test-list" for e in one["verdict"]["evidence"])
    assert not [e for e in store.get_item(org_id, "2")["verdict"]["evidence"] if e["signal"].startswith("shared:")]
    assert sharing.drop_bank(org_id, "test-list") == 2
    assert store.get_item(org_id, "1")["priority"] == before
    store.decide(_reviewer(store, "acme"), "1", "remove", "seller", STRIKES, 0)
    exported = sharing.export("club")
    assert exported and all(s.opinion == "positive" for s in exported)
    assert "pills-cheap" not in json.dumps([s.to_dict() for s in exported])
    events = [e["event"] for e in store.audit(org_id, 0, 1000)]
    assert {"share-bank-import", "share-bank-drop", "share-export-file"} <= set(events)
    assert store.verify_audit(org_id).ok


def test_fetch_retries_with_backoff_then_reports_the_partner() -> None:
    calls: list[int] = []
    waits: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) < 3:
            return httpx.Response(503, json={"error": "busy"})
        return httpx.Response(200, json={"signals": [], "cursor": 0, "more": False})

    client = PartnerClient(Member("peer", "http://peer.test", "key"), "club", httpx.MockTransport(handler),
                           retries=4, backoff=0.5, sleep=waits.append)
    assert client.signals(0) == ([], 0, False)
    assert waits == [0.5, 1.0]
    failing = PartnerClient(Member("peer", "http://peer.test", "key"), "club",
                            httpx.MockTransport(lambda r: httpx.Response(401, json={"error": "unknown key"})),
                            sleep=waits.append)
    with pytest.raises(FetchError, match="peer: GET /v1/share/club/signals failed: HTTP 401: unknown key"):
        failing.signals(0)


def test_items_ingested_later_are_matched_without_a_full_rematch(store: Store) -> None:
    sharing, c, org_id = _setup(store, flood_min_items=1, flood_share=0.0)
    store.ingest(org_id, [_item("old1", "flooded"), _item("old2", "flooded")])
    sharing.take("club", "peer", [_signal("rare_seller"), _signal("flooded")], 1)
    sharing.import_bank(org_id, "list", ["bad-pharmacy.example"])  # runs the full rematch: "flooded" quarantined
    store.ingest(org_id, [_item("new1", "rare_seller"), _item("new2", domain="bad-pharmacy.example"),
                          _item("new3", "flooded"), _item("new4", "unrelated")])
    before = {r["id"]: r["priority"] for r in store.queue(org_id, 100)}
    assert sharing.match_new(org_id) == {"items_changed": 2, "items_matched": 2}
    after = {r["id"]: r["priority"] for r in store.queue(org_id, 100)}
    assert after["new1"] == pytest.approx(before["new1"] * 1.5)
    assert after["new2"] == pytest.approx(before["new2"] * 1.25)
    assert after["new3"] == before["new3"] and after["new4"] == before["new4"]  # quarantined; no match
    assert sharing.match_new(org_id) == {"items_changed": 0, "items_matched": 0}  # nothing new

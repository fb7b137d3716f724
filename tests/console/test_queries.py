"""The console's store queries (narcotrace.store.review_queries) on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import update

from narcotrace.items import Decision, Item, Substance, Verdict
from narcotrace.store import Store
from narcotrace.store.models import ItemRow
from narcotrace.store.review_queries import audit_page, author_items, counts_over_time, key_principal

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg

KEY = b"console-queries-author-key-0123"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    url = (
        f"sqlite:///{tmp_path_factory.mktemp('q') / 'q.db'}"
        if request.param == "sqlite"
        else pg.new_database()
    )
    s = Store.open(url, author_key=KEY)
    yield s
    s.close()


def _verdict(i: str, label: str, severity: str, classes: tuple[str, ...], actions: dict[str, str]) -> Verdict:
    return Verdict(
        id=i,
        label=label,
        score=0.9 if label == "offer" else 0.1,
        severity=severity,
        substances=tuple(Substance(f"sub-{c}-{k}", c) for k, c in enumerate(classes)),
        decisions=tuple(Decision(j, a, "rule") for j, a in actions.items()),
    )


def _org(store: Store, name: str) -> int:
    return int(store.create_org(name, ["US", "UK"])["id"])


def test_key_principal_follows_revocation(store: Store) -> None:
    _org(store, "kp-org")
    made = store.create_key("kp-org", "reviewer")
    p = key_principal(store, made["key_id"])
    assert (
        p is not None and p.role == "reviewer" and p.org_name == "kp-org" and p.jurisdictions == ("US", "UK")
    )
    store.revoke_key(p.org_id, made["prefix"], "test")
    assert key_principal(store, made["key_id"]) is None
    assert key_principal(store, 10**9) is None


def test_author_items_are_the_authors_others_in_the_org(store: Store) -> None:
    oid = _org(store, "ai-org")
    other = _org(store, "ai-other")
    batch = [
        (Item(text=f"t{i}", id=f"a{i}", author="seller"), _verdict(f"a{i}", "offer", "high", (), {}), True)
        for i in range(3)
    ]
    batch.append(
        (Item(text="x", id="b0", author="someone-else"), _verdict("b0", "none", "none", (), {}), False)
    )
    store.ingest(oid, batch)
    store.ingest(
        other, [(Item(text="t", id="a9", author="seller"), _verdict("a9", "offer", "high", (), {}), True)]
    )
    ah = store.author_hash(oid, "seller")
    assert ah is not None
    rows = author_items(store, oid, ah, exclude_item_id="a1")
    assert sorted(r["id"] for r in rows) == ["a0", "a2"]
    assert rows[0]["label"] == "offer" and rows[0]["status"] == "pending"
    assert author_items(store, other, ah) == []  # the other organisation's hash of "seller" differs
    assert len(author_items(store, oid, ah, limit=1)) == 1


def test_audit_page_is_newest_first_filtered_and_paged(store: Store) -> None:
    oid = _org(store, "au-org")
    key = store.create_key("au-org", "reviewer")
    p = key_principal(store, key["key_id"])
    assert p is not None
    store.ingest(
        oid,
        [
            (Item(text="t", id=f"d{i}", author="s"), _verdict(f"d{i}", "offer", "high", (), {}), True)
            for i in range(3)
        ],
    )
    for i in range(3):
        store.decide(p, f"d{i}", "remove", f"reason {i}", ("remove",), 365)
    page = audit_page(store, oid, events=("decision",), limit=2)
    assert [e["subject"] for e in page] == ["d2", "d1"]
    older = audit_page(store, oid, events=("decision",), before=page[-1]["seq"], limit=2)
    assert [e["subject"] for e in older] == ["d0"]
    assert older[0]["payload"]["reason"] == "reason 0"
    everything = audit_page(store, oid)
    assert {"org-created", "key-created", "decision"} <= {e["event"] for e in everything}
    assert [e["seq"] for e in everything] == sorted((e["seq"] for e in everything), reverse=True)


def test_counts_over_time_by_day_and_dimension(store: Store) -> None:
    oid = _org(store, "ct-org")
    store.ingest(
        oid,
        [
            (
                Item(text="a", id="c1"),
                _verdict(
                    "c1",
                    "offer",
                    "critical",
                    ("fentanyl", "fentanyl", "opioid"),
                    {"US": "remove", "UK": "remove-and-escalate"},
                ),
                True,
            ),
            (Item(text="b", id="c2"), _verdict("c2", "offer", "low", ("cannabis",), {"US": "label"}), True),
            (Item(text="c", id="c3"), _verdict("c3", "none", "none", (), {}), False),
            (Item(text="d", id="c4"), _verdict("c4", "discussion", "none", (), {}), False),
        ],
    )
    now = datetime.now(timezone.utc)
    yesterday = now - timedelta(days=1)
    with store._sessions.begin() as s:
        s.execute(
            update(ItemRow)
            .where(ItemRow.org_id == oid, ItemRow.item_id == "c2")
            .values(received_at=yesterday)
        )
        s.execute(
            update(ItemRow)
            .where(ItemRow.org_id == oid, ItemRow.item_id == "c4")
            .values(received_at=now - timedelta(days=40))
        )
    key = store.create_key("ct-org", "reviewer")
    p = key_principal(store, key["key_id"])
    assert p is not None
    store.decide(p, "c1", "remove", "r", ("remove",), 365)
    since = datetime.combine(now.date() - timedelta(days=6), datetime.min.time(), tzinfo=timezone.utc)
    got = counts_over_time(store, oid, since)
    today, yday = now.date(), yesterday.date()
    assert got["label"] == {today: {"offer": 1, "none": 1}, yday: {"offer": 1}}
    assert got["severity"][today] == {"critical": 1, "none": 1}
    assert got["class"][today] == {"fentanyl": 1, "opioid": 1}  # two fentanyl substances count once
    assert got["class"][yday] == {"cannabis": 1}
    assert got["jurisdiction"][today] == {"US": 1, "UK": 1}
    assert got["action"][today] == {"remove": 1, "remove-and-escalate": 1}
    assert got["review"] == {today: {"remove": 1}, yday: {"awaiting review": 1}}
    # until bounds the window; another organisation sees nothing
    assert counts_over_time(
        store, oid, since, datetime.combine(today, datetime.min.time(), tzinfo=timezone.utc)
    )["label"] == {yday: {"offer": 1}}
    assert all(not v for v in counts_over_time(store, _org(store, "ct-empty"), since).values())
    assert isinstance(next(iter(got["label"])), date)

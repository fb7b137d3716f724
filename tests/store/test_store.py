"""Store repositories against real SQLite and PostgreSQL: scoping, idempotence, audit chain, appeals, strikes, purge."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text, update

from narcotrace.items import Item, Substance, Verdict
from narcotrace.store import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    Store,
    StoreError,
    make_engine,
    priority_of,
)
from narcotrace.store.models import Base, ItemRow

STRIKES = ("remove", "remove-and-escalate")


def verdict(item_id: str, label: str = "offer", score: float = 0.9, severity: str = "critical") -> Verdict:
    return Verdict(item_id, label, score, (Substance("fentanyl", "fentanyl"),), severity, model="test")


def setup_org(store: Store, name: str) -> tuple[int, object, object]:
    org = store.create_org(name, ["US"])
    ingest = store.authenticate(store.create_key(name, "ingest")["key"])
    reviewer = store.authenticate(store.create_key(name, "reviewer")["key"])
    return org["id"], ingest, reviewer


def test_models_match_migrations(db_url: str) -> None:
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    store.close()


def test_keys_are_stored_hashed_and_authenticate(store: Store) -> None:
    store.create_org("acme")
    made = store.create_key("acme", "reviewer")
    p = store.authenticate(made["key"])
    assert p is not None and p.role == "reviewer" and p.org_name == "acme"
    assert store.authenticate(made["key"] + "x") is None
    with store.engine.connect() as conn:
        stored = [r[0] for r in conn.execute(text("SELECT key_hash FROM api_keys"))]
    assert made["key"] not in stored and len(stored[0]) == 64
    store.revoke_key(p.org_id, made["prefix"], "test")
    assert store.authenticate(made["key"]) is None


@pytest.mark.parametrize(("name", "role", "error"), [("nobody", "ingest", NotFoundError), ("acme", "god", StoreError)])
def test_bad_key_requests(store: Store, name: str, role: str, error: type[Exception]) -> None:
    store.create_org("acme")
    with pytest.raises(error):
        store.create_key(name, role)


def test_duplicate_org_is_a_conflict(store: Store) -> None:
    store.create_org("acme")
    with pytest.raises(ConflictError):
        store.create_org("acme")


def test_ingest_is_idempotent_and_scoped(store: Store) -> None:
    a, _, _ = setup_org(store, "a")
    b, _, _ = setup_org(store, "b")
    first = store.ingest(a, [(Item("fent pills", id="1", author="u"), verdict("1"), True)])
    again = store.ingest(a, [(Item("other text", id="1", author="u"), verdict("1", "none", 0.1, "none"), False)])
    assert [x.duplicate for x in first + again] == [False, True]
    assert again[0].verdict["label"] == "offer"  # the stored verdict, not the new one
    assert store.ingest(b, [(Item("x", id="1"), verdict("1", "none", 0.1, "none"), False)])[0].duplicate is False
    assert store.get_item(a, "1")["text"] == "fent pills"
    assert store.get_item(b, "1")["text"] == "x"
    with pytest.raises(NotFoundError):
        store.get_item(a, "2")


def test_author_is_stored_as_keyed_hash(store: Store) -> None:
    a, _, _ = setup_org(store, "a")
    b, _, _ = setup_org(store, "b")
    store.ingest(a, [(Item("t", id="1", author="seller99"), verdict("1"), True)])
    store.ingest(b, [(Item("t", id="1", author="seller99"), verdict("1"), True)])
    with store.engine.connect() as conn:
        hashes = [r[0] for r in conn.execute(text("SELECT author_hash FROM items ORDER BY org_id"))]
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM items")) for v in row)
    assert "seller99" not in dump
    assert len(set(hashes)) == 2  # per-organisation hashes: two organisations cannot join on them


def test_queue_orders_by_severity_score_reach(store: Store) -> None:
    a, _, reviewer = setup_org(store, "a")
    store.ingest(a, [
        (Item("t", id="low", author="x"), verdict("low", score=0.5, severity="low"), True),
        (Item("t", id="crit", author="y"), verdict("crit", score=0.6), True),
        (Item("t", id="allowed"), verdict("allowed", "none", 0.01, "none"), False),
        (Item("t", id="crit2", author="y"), verdict("crit2", score=0.6), True),  # same author: more reach
    ])
    queue = store.queue(a, 10)
    assert [q["id"] for q in queue] == ["crit2", "crit", "low"]
    assert queue[1]["priority"] == priority_of("critical", 0.6, 1.0)
    assert queue[0]["priority"] > queue[1]["priority"]


def test_decisions_appeals_and_audit_chain(store: Store) -> None:
    a, ingest, reviewer = setup_org(store, "a")
    other = store.authenticate(store.create_key("a", "reviewer")["key"])
    store.ingest(a, [(Item("t", id="1", author="u"), verdict("1"), True)])
    d = store.decide(reviewer, "1", "remove", "fentanyl offer", STRIKES, 180)
    assert d["author_strikes"] == 1
    with pytest.raises(ConflictError):
        store.decide(reviewer, "1", "allow", "again", STRIKES, 180)
    store.appeal(ingest, "1", "it was a joke")
    assert [q["id"] for q in store.queue(a, 10, stage="appeal")] == ["1"]
    with pytest.raises(PermissionDeniedError):
        store.decide(reviewer, "1", "allow", "same reviewer", STRIKES, 180)
    d2 = store.decide(other, "1", "allow", "satire", STRIKES, 180)
    assert d2["stage"] == "appeal" and d2["author_strikes"] == 0
    assert store.strikes(a, "u", 180) == 0
    with pytest.raises(ConflictError):
        store.appeal(ingest, "1", "twice")
    events = [e["event"] for e in store.audit(a)]
    assert events == ["org-created", "key-created", "key-created", "key-created", "decision", "appeal",
                      "appeal-decision"]
    assert store.verify_audit(a).ok


def test_tampering_breaks_the_chain_at_that_row(store: Store) -> None:
    a, _, reviewer = setup_org(store, "a")
    store.ingest(a, [(Item("t", id=str(i)), verdict(str(i)), True) for i in range(4)])
    for i in range(4):
        store.decide(reviewer, str(i), "remove", f"r{i}", STRIKES, 0)
    assert store.verify_audit(a).ok
    target = store.audit(a)[5]["seq"]
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit SET payload = :p WHERE org_id = :o AND seq = :s"),
                     {"p": '{"action":"allow"}', "o": a, "s": target})
    check = store.verify_audit(a)
    assert not check.ok and check.first_broken_seq == target


def test_strike_thresholds_count_within_window(store: Store) -> None:
    a, _, reviewer = setup_org(store, "a")
    store.ingest(a, [(Item("t", id=str(i), author="dealer"), verdict(str(i)), True) for i in range(3)])
    counts = [store.decide(reviewer, str(i), "remove", "x", STRIKES, 30)["author_strikes"] for i in range(3)]
    assert counts == [1, 2, 3]
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE strikes SET created_at = :t"),
                     {"t": datetime.now(timezone.utc) - timedelta(days=40)})
    assert store.strikes(a, "dealer", 30) == 0
    assert store.strikes(a, "dealer", 0) == 3  # window 0 = strikes never expire


def test_purge_removes_old_text_keeps_verdicts(store: Store) -> None:
    a, _, _ = setup_org(store, "a")
    store.ingest(a, [(Item("old text", id="old"), verdict("old"), True), (Item("new", id="new"), verdict("new"), True)])
    with store.engine.begin() as conn:
        conn.execute(update(ItemRow).where(ItemRow.item_id == "old")
                     .values(received_at=datetime.now(timezone.utc) - timedelta(days=31)))
    assert store.purge(30) == 1
    old = store.get_item(a, "old")
    assert old["text"] is None and old["text_purged"] and old["verdict"]["label"] == "offer"
    assert store.get_item(a, "new")["text"] == "new"
    assert store.audit(a)[-1]["event"] == "purge" and store.verify_audit(a).ok


def test_policy_change_is_audited_once_per_digest(store: Store) -> None:
    a, _, _ = setup_org(store, "a")
    assert store.record_policy("default", "d1") == 1
    assert store.record_policy("default", "d1") == 0
    assert store.record_policy("default", "d2") == 1
    assert [e["payload"]["sha256"] for e in store.audit(a) if e["event"] == "policy"] == ["d1", "d2"]


@pytest.mark.parametrize("url", ["sqlite://", "mysql://x@localhost/db", "postgresql+psycopg2://u@h/db", "not a url"])
def test_unsupported_urls_are_refused(url: str) -> None:
    with pytest.raises(StoreError):
        make_engine(url)

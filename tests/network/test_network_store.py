"""The network over the real store (SQLite and PostgreSQL): index, links, risk from sellers, ban evasion."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from narcotrace.items import Indicator, Item, Verdict
from narcotrace.network.api import linked_accounts, neighbourhood_svg
from narcotrace.network.repo import (
    EVASION_PRIORITY,
    account_network,
    flag_ban_evasion,
    index_items,
    org_clusters,
)
from narcotrace.policy import default_policy
from narcotrace.store import NotFoundError, Store, make_engine, priority_of, upgrade
from narcotrace.store.models import ItemIndicator

POLICY = default_policy()  # strikes: remove counts; warn 1, suspend 3, ban 5; window 180 days
WALLET = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"
BASE = priority_of("none", 0.2, 1.0)  # the review priority of a test item of a new account


def ind(itype: str, normalized: str, valid: bool = True) -> Indicator:
    return Indicator(itype, normalized, normalized, valid, 0, len(normalized))


def verdict(item_id: str, *inds: Indicator, score: float = 0.2) -> Verdict:
    return Verdict(
        item_id,
        "none" if score < 0.5 else "offer",
        score,
        (),
        "none" if score < 0.5 else "high",
        indicators=inds,
        model="test",
    )


class Org:
    def __init__(self, store: Store, name: str) -> None:
        self.store = store
        self.id = store.create_org(name, ["US"])["id"]
        self.reviewer = store.authenticate(store.create_key(name, "reviewer")["key"])
        self.n = 0

    def post(
        self,
        author: str | None,
        *inds: Indicator,
        platform: str | None = "tw",
        queue: bool = False,
        score: float = 0.2,
    ) -> str:
        self.n += 1
        item_id = f"i{self.n}"
        self.store.ingest(
            self.id,
            [
                (
                    Item("t", id=item_id, author=author, platform=platform),
                    verdict(item_id, *inds, score=score),
                    queue,
                )
            ],
        )
        accounts = index_items(self.store, self.id, [item_id])
        flag_ban_evasion(self.store, POLICY, self.id, [item_id], accounts)
        return item_id

    def strike(self, author: str, n: int) -> None:
        for _ in range(n):
            item_id = self.post(author, queue=True)
            self.store.decide(
                self.reviewer,
                item_id,
                "remove",
                "confirmed seller",
                POLICY.strike_actions,
                POLICY.strike_window_days,
            )

    def account(self, author: str, platform: str = "tw") -> tuple[str, str]:
        ah = self.store.author_hash(self.id, author)
        assert ah is not None
        return (platform, ah)

    def network(self, author: str, platform: str = "tw") -> Any:
        return account_network(self.store, POLICY, self.id, self.account(author, platform))

    def item(self, item_id: str) -> dict[str, Any]:
        return self.store.get_item(self.id, item_id)


def test_index_rows_follow_the_verdicts(store: Store) -> None:
    org = Org(store, "a")
    i1 = org.post(
        "alice",
        ind("btc", WALLET),
        ind("btc", WALLET),
        ind("telegram", "plug", False),
        ind("url", "https://x.example/" + "a" * 600),
    )
    org.post(None, ind("btc", WALLET))  # no author: no account to link
    with store.engine.connect() as c:
        rows = c.execute(
            select(ItemIndicator.type, ItemIndicator.normalized, ItemIndicator.valid).order_by(
                ItemIndicator.type
            )
        ).all()
    assert [tuple(r) for r in rows] == [("btc", WALLET, True), ("telegram", "plug", False)]
    assert index_items(store, org.id, [i1]) == {org.account("alice")}  # again: same rows, no duplicates
    with store.engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(ItemIndicator)) == 2


# (what the linked account did before, how the new account links, expected: evasion?, risk)
EVASION_CASES = [
    pytest.param("banned", ("btc", WALLET), True, 1.0, id="new-account-shares-a-wallet-with-a-banned-one"),
    pytest.param(
        "banned", ("whatsapp", "+14155552671"), True, 1.0, id="phone-as-whatsapp-links-to-banned-phone"
    ),
    pytest.param("suspended", ("btc", WALLET), False, 1.0, id="linked-to-a-suspended-seller-risk-only"),
    pytest.param("clean", ("btc", WALLET), False, 0.0, id="linked-to-a-clean-account"),
    pytest.param("banned", ("btc", "some-other-wallet"), False, 0.0, id="no-shared-indicator"),
    pytest.param("banned-weak", ("domain", "shop.example"), False, 0.0, id="only-a-common-domain"),
]


@pytest.mark.parametrize(("history", "link", "evasion", "risk"), EVASION_CASES)
def test_ban_evasion_and_risk(
    store: Store, history: str, link: tuple[str, str], evasion: bool, risk: float
) -> None:
    org = Org(store, "a")
    org.post("old", ind("btc", WALLET), ind("phone", "+14155552671"), ind("domain", "shop.example"))
    for other in ("x1", "x2", "x3"):  # a domain shared by 5 accounts weighs 0.4/log2(5) < 0.25
        org.post(other, ind("domain", "shop.example"))
    strikes = {"banned": 5, "banned-weak": 5, "suspended": 3, "clean": 0}[history]
    org.strike("old", strikes)
    item_id = org.post("new", ind(*link))
    net = org.network("new")
    assert net.likely_ban_evasion is evasion
    assert net.risk == risk
    item = org.item(item_id)
    if evasion:
        assert item["status"] == "pending" and item["priority"] == pytest.approx(BASE + EVASION_PRIORITY)
        assert net.ban_evasion[0].banned.author_hash == org.account("old")[1]
        assert net.to_dict()["review"].startswith("likely ban evasion")
    else:
        assert item["status"] == "none" and item["priority"] == pytest.approx(BASE)


def test_an_account_seen_before_the_ban_is_linked_but_not_an_evader(store: Store) -> None:
    org = Org(store, "a")
    org.post("old", ind("btc", WALLET))
    org.post("partner", ind("btc", WALLET))  # first seen before old's ban
    org.strike("old", 5)
    later = org.post("partner", ind("btc", WALLET))
    net = org.network("partner")
    assert not net.likely_ban_evasion and net.risk == 1.0
    assert [lk.account_action for lk in net.links] == ["ban"]
    assert org.item(later)["status"] == "none"


def test_the_banned_account_posting_again_is_not_its_own_evader(store: Store) -> None:
    org = Org(store, "a")
    org.post("old", ind("btc", WALLET))
    org.strike("old", 5)
    org.post("old", ind("btc", WALLET))
    assert not org.network("old").likely_ban_evasion


def test_same_author_on_another_platform_is_another_account(store: Store) -> None:
    org = Org(store, "a")
    org.post("dealer", ind("telegram", "plugco"), platform="tw")
    org.post("dealer", ind("telegram", "plugco"), platform="ig")
    org.post("loner", ind("telegram", "solo"), platform=None)
    links = org.network("dealer", "tw").links
    assert [(lk.platform, lk.author_hash) for lk in links] == [("ig", org.account("dealer")[1])]
    assert org.network("loner", "").links == ()
    (c,) = org_clusters(store, org.id)
    assert set(c.accounts) == {org.account("dealer", "tw"), org.account("dealer", "ig")}


def test_organisations_do_not_see_each_others_links(store: Store) -> None:
    a, b = Org(store, "a"), Org(store, "b")
    a.post("u1", ind("btc", WALLET))
    b.post("u2", ind("btc", WALLET))
    assert a.network("u1").links == () and org_clusters(store, b.id) == []


def test_linked_accounts_and_svg_for_the_console(store: Store) -> None:
    org = Org(store, "a")
    org.post("old", ind("btc", WALLET), ind("telegram", "<script>alert(1)</script>"))
    org.strike("old", 5)
    item_id = org.post("new", ind("btc", WALLET), ind("telegram", "<script>alert(1)</script>"))
    net = linked_accounts(store, org.id, item_id)
    assert net is not None and net.likely_ban_evasion
    assert [s.type for s in net.links[0].shared] == ["btc", "telegram"]
    svg = neighbourhood_svg(net)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script" not in svg and "&lt;script&gt;" in svg  # values from posts are escaped
    assert "btc: 1BoatSLRHtKNngkdXEeob" in svg and "#d62728" in svg  # the banned neighbour is red
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # no external assets
    with pytest.raises(NotFoundError):
        linked_accounts(store, org.id, "no-such-item")
    no_author = org.post(None, ind("btc", WALLET))
    assert linked_accounts(store, org.id, no_author) is None


def test_migration_backfills_items_stored_before_it(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    store = Store(engine, author_key=b"k" * 32)
    oid = store.create_org("a", [])["id"]
    store.ingest(
        oid,
        [
            (Item("t", id="1", author="u", platform="tw"), verdict("1", ind("btc", WALLET)), False),
            (Item("t", id="2"), verdict("2", ind("btc", WALLET)), False),
        ],
    )
    upgrade(engine, "0002")
    with engine.connect() as c:
        rows = c.execute(select(ItemIndicator.platform, ItemIndicator.type, ItemIndicator.normalized)).all()
    assert [tuple(r) for r in rows] == [("tw", "btc", WALLET)]
    store.close()


def test_verdict_json_of_the_store_is_what_the_index_reads(store: Store) -> None:
    org = Org(store, "a")
    item_id = org.post("alice", ind("eth", "0xabc"))
    assert json.loads(json.dumps(org.item(item_id)["verdict"]["indicators"]))[0]["normalized"] == "0xabc"

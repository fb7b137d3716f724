"""The pure core: link weights, phone keys, ignorable values, cluster membership and account risk (tables)."""

from __future__ import annotations

from pathlib import Path

import pytest

from narcotrace._exceptions import InputError
from narcotrace.network import (
    AccountGraph,
    Ignorable,
    account_risk,
    cluster_id,
    indicator_key,
    link_weight,
    load_ignorable,
)


@pytest.mark.parametrize(
    ("itype", "n", "weight"),
    [
        ("btc", 1, 0.0),  # one account: no link
        ("btc", 2, 1.0),
        ("btc", 4, 0.5),
        ("btc", 16, 0.25),
        ("phone", 2, 1.0),
        ("telegram", 2, 0.9),
        ("cashapp", 8, 0.3),
        ("onion", 2, 0.7),
        ("url", 2, 0.6),
        ("domain", 2, 0.4),
        ("domain", 3, 0.252372),
        ("domain", 4, 0.2),
        ("no_such_type", 2, 0.5),
        ("btc", 0, 0.0),
    ],
)
def test_link_weight_table(itype: str, n: int, weight: float) -> None:
    assert link_weight(itype, n) == weight


def test_a_wallet_beats_a_domain_at_every_count() -> None:
    for n in range(2, 200):
        assert link_weight("btc", n) > link_weight("domain", n)
        assert link_weight("btc", n + 1) < link_weight("btc", n)  # rarer links more


@pytest.mark.parametrize(
    ("itype", "normalized", "key"),
    [
        ("whatsapp", "+14155552671", ("phone", "+14155552671")),
        ("signal", "+14155552671", ("phone", "+14155552671")),
        ("wechat", "+8613046652044", ("phone", "+8613046652044")),
        ("wechat", "abc12345", ("wechat", "abc12345")),
        ("signal", "name.01", ("signal", "name.01")),
        ("qq", "123456789", ("qq", "123456789")),  # QQ numbers are not E.164
    ],
)
def test_indicator_key_table(itype: str, normalized: str, key: tuple[str, str]) -> None:
    assert indicator_key(itype, normalized) == key


A, B, C, D, E, F = (("tw", x) for x in "abcdef")
G = ("ig", "g")

# (occurrences, expected clusters as sets of accounts) at the default minimum weight 0.25
CLUSTER_CASES = [
    pytest.param([(A, "btc", "w1", True), (B, "btc", "w1", True)], [{A, B}], id="shared-wallet"),
    pytest.param([(A, "btc", "w1", True), (B, "btc", "w1", False)], [], id="invalid-indicator-links-nobody"),
    pytest.param([(A, "btc", "w1", True), (A, "eth", "0xa", True)], [], id="one-account-is-no-cluster"),
    pytest.param(
        [(A, "phone", "+14155552671", True), (G, "whatsapp", "+14155552671", True)],
        [{A, G}],
        id="phone-across-messengers-and-platforms",
    ),
    pytest.param(
        [
            (A, "btc", "w1", True),
            (B, "btc", "w1", True),
            (B, "telegram", "plug", True),
            (C, "telegram", "plug", True),
            (D, "snapchat", "x1", True),
            (E, "snapchat", "x1", True),
        ],
        [{A, B, C}, {D, E}],
        id="transitive-chain-and-separate-pair",
    ),
    pytest.param(
        [(a, "domain", "shop.example", True) for a in (A, B, C, D)], [], id="domain-of-four-too-weak"
    ),
    pytest.param(
        [(a, "domain", "shop.example", True) for a in (A, B, C)], [{A, B, C}], id="domain-of-three-links"
    ),
    pytest.param(
        [(a, "btc", "exchange", True) for a in (A, B, C, D, E, F, G)] * 1,
        [{A, B, C, D, E, F, G}],
        id="wallet-of-seven-still-links",
    ),
    pytest.param([(A, "domain", "t.co", True), (B, "domain", "t.co", True)], [], id="packaged-ignorable"),
    pytest.param(
        [(A, "telegram", "plug", True), (A, "telegram", "plug", True), (B, "telegram", "plug", True)],
        [{A, B}],
        id="repeats-count-once",
    ),
]


@pytest.mark.parametrize(("occurrences", "expected"), CLUSTER_CASES)
def test_cluster_membership(occurrences: list, expected: list[set]) -> None:
    graph = AccountGraph(occurrences, ignorable=load_ignorable())
    got = [set(c.accounts) for c in graph.clusters()]
    assert sorted(got, key=sorted) == sorted(expected, key=sorted)


def test_min_weight_cuts_weak_links() -> None:
    occ = [(A, "btc", "w", True), (B, "btc", "w", True), (C, "btc", "w", True), (D, "btc", "w", True)]
    assert [len(c.accounts) for c in AccountGraph(occ, min_weight=0.5).clusters()] == [4]  # 1/log2(4) = 0.5
    assert list(AccountGraph(occ, min_weight=0.51).clusters()) == []


def test_ignorable_list_from_file(tmp_path: Path) -> None:
    f = tmp_path / "ignore.txt"
    f.write_text(
        "# our exchange's deposit address\nbtc w1   # hot wallet\n* shared-value\n", encoding="utf-8"
    )
    ig = load_ignorable(f)
    occ = [
        (A, "btc", "w1", True),
        (B, "btc", "w1", True),
        (C, "telegram", "shared-value", True),
        (D, "telegram", "shared-value", True),
        (E, "eth", "0xe", True),
        (F, "eth", "0xe", True),
    ]
    assert [set(c.accounts) for c in AccountGraph(occ, ignorable=ig).clusters()] == [{E, F}]
    assert len(list(AccountGraph(occ).clusters())) == 3  # without the list every pair links


@pytest.mark.parametrize("line", ["btc", "btc a b", "onlyone"])
def test_bad_ignorable_line_names_file_and_line(tmp_path: Path, line: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_text(f"# ok\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.txt:2: expected `TYPE VALUE`"):
        load_ignorable(f)


def test_missing_ignorable_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read ignorable list"):
        load_ignorable(tmp_path / "nope.txt")


def test_ignorable_phone_entry_matches_every_messenger() -> None:
    ig = Ignorable(keys=frozenset({indicator_key("whatsapp", "+14155552671")}))
    assert ("phone", "+14155552671") in ig and ("phone", "+14155550000") not in ig


def test_cluster_reports_linking_indicators_and_stable_id() -> None:
    occ = [
        (B, "btc", "w1", True),
        (A, "btc", "w1", True),
        (B, "telegram", "plug", True),
        (C, "telegram", "plug", True),
        (C, "domain", "lonely.example", True),
    ]
    (c,) = list(AccountGraph(occ).clusters())
    assert c.accounts == (A, B, C)
    assert c.id == cluster_id([C, A, B])
    d = c.to_dict()
    assert d["size"] == 3
    assert [(i["type"], i["normalized"], i["accounts"]) for i in d["indicators"]] == [
        ("btc", "w1", [0, 1]),
        ("telegram", "plug", [1, 2]),
    ]


def test_links_of_an_account() -> None:
    occ = [
        (A, "btc", "w1", True),
        (B, "btc", "w1", True),
        (A, "domain", "d.example", True),
        (C, "domain", "d.example", True),
        (B, "domain", "d.example", True),
    ]
    links = AccountGraph(occ).links(A)
    assert [(lk.account, lk.weight) for lk in links] == [(B, 1.0), (C, 0.252372)]
    assert [s.type for s in links[0].shared] == ["btc", "domain"]
    assert AccountGraph(occ).links(("tw", "nobody")) == []


@pytest.mark.parametrize(
    ("weights", "risk"),
    [([], 0.0), ([1.0], 1.0), ([0.5], 0.5), ([0.5, 0.5], 0.75), ([2.0], 1.0), ([0.25, 0.0], 0.25)],
)
def test_account_risk_table(weights: list[float], risk: float) -> None:
    assert account_risk(weights) == risk


@pytest.mark.parametrize("bad", [0, -1, float("nan")])
def test_bad_min_weight(bad: float) -> None:
    with pytest.raises(ValueError, match="min_weight"):
        AccountGraph([], min_weight=bad)


def test_graphml_round_trip(tmp_path: Path) -> None:
    import networkx as nx

    occ = [(A, "btc", "w1", True), (B, "btc", "w1", True)]
    AccountGraph(occ).write_graphml(tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    assert g.nodes["indicator:btc:w1"]["weight"] == 1.0

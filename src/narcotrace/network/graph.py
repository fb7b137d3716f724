"""The account-indicator graph: accounts linked through shared valid indicators, clusters, and account risk.

Accounts are (platform, author) pairs ("" for an unknown platform; in the service the author is the store's
keyed hash). Two accounts are linked when they show one indicator (after `indicator_key`) whose
`link_weight(type, n_accounts)` reaches the minimum weight; a cluster is a connected component of those links.
The graph is bipartite (account - indicator) so an indicator shown by k accounts costs k edges, not k*k/2:
that is what keeps 1M items in memory, and it gives the same components as the account-account graph.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx

from narcotrace.network.weights import DEFAULT_MIN_WEIGHT, Ignorable, indicator_key, link_weight

__all__ = [
    "Account",
    "AccountGraph",
    "Cluster",
    "ClusterIndicator",
    "Link",
    "SharedIndicator",
    "account_risk",
    "cluster_id",
]

Account = tuple[str, str]  # (platform, author)
Key = tuple[str, str]  # (type, normalized) after indicator_key


@dataclass(frozen=True, slots=True)
class SharedIndicator:
    type: str
    normalized: str
    n_accounts: int  # distinct accounts that show it in the whole graph
    weight: float  # link_weight(type, n_accounts)

    def to_dict(self) -> dict[str, object]:
        return {
            "type": self.type,
            "normalized": self.normalized,
            "n_accounts": self.n_accounts,
            "weight": self.weight,
        }


@dataclass(frozen=True, slots=True)
class Link:
    """Another account linked to a given one, through the indicators both show (strongest first)."""

    account: Account
    weight: float  # the strongest shared indicator's weight
    shared: tuple[SharedIndicator, ...]


@dataclass(frozen=True, slots=True)
class ClusterIndicator:
    type: str
    normalized: str
    n_accounts: int
    weight: float
    members: tuple[int, ...]  # indexes into Cluster.accounts of the accounts that show it

    def to_dict(self) -> dict[str, object]:
        return {
            "type": self.type,
            "normalized": self.normalized,
            "n_accounts": self.n_accounts,
            "weight": self.weight,
            "accounts": list(self.members),
        }


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    accounts: tuple[Account, ...]  # sorted
    indicators: tuple[ClusterIndicator, ...]  # the linking indicators, strongest first

    def to_dict(self) -> dict[str, object]:
        return {
            "cluster": self.id,
            "size": len(self.accounts),
            "accounts": [{"platform": p, "author": a} for p, a in self.accounts],
            "indicators": [i.to_dict() for i in self.indicators],
        }


def cluster_id(accounts: Iterable[Account]) -> str:
    """A stable id for a set of accounts: 16 hex of SHA-256 over the sorted `platform\\tauthor` lines."""
    body = "\n".join(sorted(f"{p}\t{a}" for p, a in accounts))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def account_risk(link_weights_to_sellers: Iterable[float]) -> float:
    """1 - prod(1 - w) over the links to confirmed sellers (w capped at 1): 0 with none, 1 with a full link.

    Each link is read as independent evidence that the account is the seller's; two 0.5 links give 0.75.
    """
    keep = 1.0
    for w in link_weights_to_sellers:
        keep *= 1.0 - min(max(w, 0.0), 1.0)
    return round(1.0 - keep, 6)


def _anode(account: Account) -> tuple[str, str, str]:
    return ("a", account[0], account[1])


def _inode(key: Key) -> tuple[str, str, str]:
    return ("i", key[0], key[1])


class AccountGraph:
    """Accounts and the indicators that link them, from (account, type, normalized, valid) occurrences."""

    def __init__(
        self,
        occurrences: Iterable[tuple[Account, str, str, bool]],
        *,
        ignorable: Ignorable | None = None,
        min_weight: float = DEFAULT_MIN_WEIGHT,
    ) -> None:
        if not (isinstance(min_weight, (int, float)) and math.isfinite(min_weight) and min_weight > 0):
            raise ValueError(f"min_weight must be a number above 0, got {min_weight!r}")
        self.min_weight = float(min_weight)
        ignore = ignorable or Ignorable()
        # key -> the one account seen so far, or the set once a second account shows it: most indicators
        # belong to one account only, and a set per indicator would triple the memory.
        seen: dict[Key, Account | set[Account]] = {}
        self.accounts: set[Account] = set()  # every account seen, linked or not
        for account, itype, normalized, valid in occurrences:
            self.accounts.add(account)
            if not valid or not normalized:
                continue
            key = indicator_key(itype, normalized)
            if key in ignore:
                continue
            got = seen.get(key)
            if got is None:
                seen[key] = account
            elif isinstance(got, set):
                got.add(account)
            elif got != account:
                seen[key] = {got, account}
        self.n_indicators = len(seen)
        self.shared: dict[Key, frozenset[Account]] = {
            k: frozenset(v) for k, v in seen.items() if isinstance(v, set)
        }
        del seen
        self.graph: nx.Graph = nx.Graph()
        for key, accounts in self.shared.items():
            w = link_weight(key[0], len(accounts))
            if w < self.min_weight:
                continue
            inode = _inode(key)
            self.graph.add_node(inode, weight=w, n_accounts=len(accounts))
            self.graph.add_edges_from((_anode(a), inode) for a in accounts)

    def indicator(self, key: Key) -> SharedIndicator:
        n = len(self.shared.get(key, ()))
        return SharedIndicator(key[0], key[1], n, link_weight(key[0], n))

    def links(self, account: Account) -> list[Link]:
        """The accounts linked to `account` (weight >= min_weight), strongest first, then by account."""
        node = _anode(account)
        if node not in self.graph:
            return []
        by_account: dict[Account, list[SharedIndicator]] = {}
        for inode in self.graph[node]:
            data = self.graph.nodes[inode]
            shared = SharedIndicator(inode[1], inode[2], data["n_accounts"], data["weight"])
            for other in self.graph[inode]:
                if other != node:
                    by_account.setdefault((other[1], other[2]), []).append(shared)
        out = [
            Link(
                a,
                max(s.weight for s in sh),
                tuple(sorted(sh, key=lambda s: (-s.weight, s.type, s.normalized))),
            )
            for a, sh in by_account.items()
        ]
        out.sort(key=lambda lk: (-lk.weight, lk.account))
        return out

    def clusters(self, min_size: int = 2) -> Iterator[Cluster]:
        """Connected components with at least `min_size` accounts, largest first (then by id)."""
        found: list[Cluster] = []
        for comp in nx.connected_components(self.graph):
            accounts = tuple(sorted((n[1], n[2]) for n in comp if n[0] == "a"))
            if len(accounts) < min_size:
                continue
            index = {a: i for i, a in enumerate(accounts)}
            inds = []
            for n in comp:
                if n[0] != "i":
                    continue
                data = self.graph.nodes[n]
                members = tuple(sorted(index[(m[1], m[2])] for m in self.graph[n]))
                inds.append(ClusterIndicator(n[1], n[2], data["n_accounts"], data["weight"], members))
            inds.sort(key=lambda i: (-i.weight, i.type, i.normalized))
            found.append(Cluster(cluster_id(accounts), accounts, tuple(inds)))
        found.sort(key=lambda c: (-len(c.accounts), c.id))
        return iter(found)

    def write_graphml(self, path: str | Path) -> None:
        """The linking graph (accounts and the indicators that link them) as GraphML, e.g. for Gephi."""
        out = nx.Graph()
        for node, data in self.graph.nodes(data=True):
            if node[0] == "a":
                out.add_node(f"account:{node[1]}:{node[2]}", kind="account", platform=node[1], author=node[2])
            else:
                out.add_node(
                    f"indicator:{node[1]}:{node[2]}",
                    kind="indicator",
                    type=node[1],
                    normalized=node[2],
                    weight=data["weight"],
                    n_accounts=data["n_accounts"],
                )
        for u, v in self.graph.edges():
            a, i = (u, v) if u[0] == "a" else (v, u)
            out.add_edge(
                f"account:{a[1]}:{a[2]}", f"indicator:{i[1]}:{i[2]}", weight=self.graph.nodes[i]["weight"]
            )
        nx.write_graphml(out, str(path))

"""The network over the service's store: the item_indicators index, account links, clusters, ban evasion.

The index is written after each ingest commit (one transaction per batch, idempotent per item); reads join it
with strikes to say which linked accounts reviewers confirmed as sellers and which are banned.
Accounts here are (platform, author_hash): the raw author never reaches the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Sequence

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from narcotrace.network.graph import Account, AccountGraph, Cluster, SharedIndicator, account_risk
from narcotrace.network.weights import DEFAULT_MIN_WEIGHT, Ignorable, indicator_key, link_weight
from narcotrace.policy import Policy
from narcotrace.store import NotFoundError, Store
from narcotrace.store.models import ItemIndicator, ItemRow, Strike

__all__ = [
    "EVASION_PRIORITY",
    "MAX_NORMALIZED",
    "AccountNetwork",
    "BanEvasion",
    "LinkedAccount",
    "account_network",
    "flag_ban_evasion",
    "index_items",
    "item_account",
    "org_clusters",
]

MAX_NORMALIZED = 512  # the column width (migration 0002); longer values (rare long URLs) are not indexed
# Added to the review priority of a likely ban evader's new items: 5 is a critical item at score 1 and reach 1
# (store.priority_of), so evasion goes near the top of the queue whatever the item's own score.
EVASION_PRIORITY = 5.0


@dataclass(frozen=True, slots=True)
class LinkedAccount:
    platform: str
    author_hash: str
    weight: float  # strongest shared indicator
    shared: tuple[SharedIndicator, ...]
    strikes: int  # active strikes within the policy window
    account_action: str | None  # what the policy says for those strikes ("ban", "suspend", ...)
    banned_at: str | None  # when the strike that reached the ban threshold was given (ISO-8601), if banned

    def to_dict(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "author_hash": self.author_hash,
            "weight": self.weight,
            "shared": [s.to_dict() for s in self.shared],
            "strikes": self.strikes,
            "account_action": self.account_action,
            "banned_at": self.banned_at,
        }


@dataclass(frozen=True, slots=True)
class BanEvasion:
    banned: LinkedAccount
    first_seen: str  # when this account's first item was received, after `banned.banned_at`

    def to_dict(self) -> dict[str, Any]:
        return {
            "banned_account": {"platform": self.banned.platform, "author_hash": self.banned.author_hash},
            "banned_at": self.banned.banned_at,
            "first_seen": self.first_seen,
            "weight": self.banned.weight,
            "shared": [s.to_dict() for s in self.banned.shared],
        }


@dataclass(frozen=True, slots=True)
class AccountNetwork:
    """One account's neighbourhood: linked accounts, its risk from linked sellers, ban-evasion findings."""

    platform: str
    author_hash: str
    first_seen: str | None
    strikes: int
    account_action: str | None
    risk: float  # account_risk over the links to accounts with at least one active strike
    links: tuple[LinkedAccount, ...]
    ban_evasion: tuple[BanEvasion, ...]
    min_weight: float

    @property
    def likely_ban_evasion(self) -> bool:
        return bool(self.ban_evasion)

    def to_dict(self) -> dict[str, Any]:
        return {
            "account": {"platform": self.platform, "author_hash": self.author_hash},
            "first_seen": self.first_seen,
            "strikes": self.strikes,
            "account_action": self.account_action,
            "risk": self.risk,
            "min_weight": self.min_weight,
            "likely_ban_evasion": self.likely_ban_evasion,
            "review": "likely ban evasion: linked to a banned account and first seen after the ban"
            if self.ban_evasion
            else None,
            "ban_evasion": [b.to_dict() for b in self.ban_evasion],
            "links": [lk.to_dict() for lk in self.links],
        }


def _iso(ts: datetime | None) -> str | None:
    if ts is None:
        return None
    if ts.tzinfo is None:  # SQLite gives naive datetimes back; the store writes UTC
        ts = ts.replace(tzinfo=timezone.utc)
    return ts.isoformat()


def _aware(ts: datetime) -> datetime:
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=timezone.utc)


# --- writing the index -----------------------------------------------------------------------------------


def index_items(store: Store, org_id: int, item_ids: Sequence[str]) -> set[Account]:
    """(Re)build the index rows of these stored items; returns the accounts they belong to."""
    if not item_ids:
        return set()
    accounts: set[Account] = set()
    with Session(store.engine) as s, s.begin():
        items = s.execute(
            select(ItemRow.id, ItemRow.author_hash, ItemRow.platform, ItemRow.verdict_json).where(
                ItemRow.org_id == org_id, ItemRow.item_id.in_(set(item_ids)), ItemRow.author_hash.is_not(None)
            )
        ).all()
        if not items:
            return accounts
        s.execute(delete(ItemIndicator).where(ItemIndicator.item_pk.in_([r.id for r in items])))
        rows: list[dict[str, Any]] = []
        for pk, ah, platform, verdict_json in items:
            account = (platform or "", str(ah))
            accounts.add(account)
            seen: set[tuple[str, str]] = set()
            for ind in json.loads(verdict_json).get("indicators", ()):
                key = (str(ind["type"])[:40], str(ind["normalized"]))
                if not key[1] or len(key[1]) > MAX_NORMALIZED or key in seen:
                    continue
                seen.add(key)
                rows.append(
                    {
                        "org_id": org_id,
                        "item_pk": pk,
                        "author_hash": account[1],
                        "platform": account[0],
                        "type": key[0],
                        "normalized": key[1],
                        "valid": bool(ind.get("valid")),
                    }
                )
        if rows:
            s.execute(insert(ItemIndicator), rows)
    return accounts


# --- reading ---------------------------------------------------------------------------------------------


def _strike_times(
    s: Session, org_id: int, author_hashes: Iterable[str], window_days: int
) -> dict[str, list[datetime]]:
    hashes = set(author_hashes)
    if not hashes:
        return {}
    q = select(Strike.author_hash, Strike.created_at).where(
        Strike.org_id == org_id, Strike.author_hash.in_(hashes), Strike.active.is_(True)
    )
    if window_days > 0:
        q = q.where(Strike.created_at >= datetime.now(timezone.utc) - timedelta(days=window_days))
    out: dict[str, list[datetime]] = {}
    for ah, ts in s.execute(q):
        out.setdefault(str(ah), []).append(_aware(ts))
    for times in out.values():
        times.sort()
    return out


def _ban_time(policy: Policy, times: list[datetime]) -> datetime | None:
    """When the strike that reached the ban threshold was given, if the policy bans at this count."""
    threshold = dict(policy.strike_thresholds).get("ban")
    if threshold is None or len(times) < threshold:
        return None
    return times[threshold - 1]


def _links(
    s: Session, org_id: int, account: Account, ignorable: Ignorable, min_weight: float
) -> dict[Account, list[SharedIndicator]]:
    platform, ah = account
    own = {
        indicator_key(t, n)
        for t, n in s.execute(
            select(ItemIndicator.type, ItemIndicator.normalized)
            .distinct()
            .where(
                ItemIndicator.org_id == org_id,
                ItemIndicator.platform == platform,
                ItemIndicator.author_hash == ah,
                ItemIndicator.valid.is_(True),
            )
        )
    }
    own = {k for k in own if k not in ignorable}
    if not own:
        return {}
    values = {n for _, n in own}
    # Prune values too common to link before fetching their accounts: link_weight falls as n grows, and one
    # (type, value) group's author count is a lower bound of the canonical key's account count.
    counts = s.execute(
        select(
            ItemIndicator.type, ItemIndicator.normalized, func.count(func.distinct(ItemIndicator.author_hash))
        )
        .where(
            ItemIndicator.org_id == org_id,
            ItemIndicator.valid.is_(True),
            ItemIndicator.normalized.in_(values),
        )
        .group_by(ItemIndicator.type, ItemIndicator.normalized)
    ).all()
    too_common = {
        indicator_key(t, n)
        for t, n, c in counts
        if c >= 2 and link_weight(indicator_key(t, n)[0], c) < min_weight
    }
    keep = [k for k in own if k not in too_common]
    if not keep:
        return {}
    holders: dict[tuple[str, str], set[Account]] = {}
    for p, a, t, n in s.execute(
        select(
            ItemIndicator.platform, ItemIndicator.author_hash, ItemIndicator.type, ItemIndicator.normalized
        )
        .distinct()
        .where(
            ItemIndicator.org_id == org_id,
            ItemIndicator.valid.is_(True),
            ItemIndicator.normalized.in_({n for _, n in keep}),
        )
    ):
        key = indicator_key(t, n)
        if key in own:
            holders.setdefault(key, set()).add((str(p), str(a)))
    out: dict[Account, list[SharedIndicator]] = {}
    for key, accs in holders.items():
        w = link_weight(key[0], len(accs))
        if w < min_weight:
            continue
        shared = SharedIndicator(key[0], key[1], len(accs), w)
        for other in accs:
            if other != account:
                out.setdefault(other, []).append(shared)
    return out


def account_network(
    store: Store,
    policy: Policy,
    org_id: int,
    account: Account,
    *,
    ignorable: Ignorable | None = None,
    min_weight: float = DEFAULT_MIN_WEIGHT,
    limit: int = 100,
) -> AccountNetwork:
    """The neighbourhood of one account (platform, author_hash): links, risk from sellers, ban evasion."""
    ignorable = ignorable or Ignorable()
    platform, ah = account
    with Session(store.engine) as s:
        first = s.scalar(
            select(func.min(ItemRow.received_at)).where(
                ItemRow.org_id == org_id,
                ItemRow.author_hash == ah,
                func.coalesce(ItemRow.platform, "") == platform,
            )
        )
        linked = _links(s, org_id, account, ignorable, min_weight)
        times = _strike_times(s, org_id, [ah, *(a for _, a in linked)], policy.strike_window_days)
    links = []
    for other, shared in linked.items():
        shared.sort(key=lambda x: (-x.weight, x.type, x.normalized))
        t = times.get(other[1], [])
        ban = _ban_time(policy, t)
        links.append(
            LinkedAccount(
                other[0],
                other[1],
                shared[0].weight,
                tuple(shared),
                len(t),
                policy.account_action(len(t)),
                _iso(ban),
            )
        )
    links.sort(key=lambda lk: (-lk.weight, -lk.strikes, lk.platform, lk.author_hash))
    own_times = times.get(ah, [])
    evasion: list[BanEvasion] = []
    if first is not None and _ban_time(policy, own_times) is None:
        for lk in links:
            if (
                lk.banned_at is not None
                and lk.author_hash != ah
                and datetime.fromisoformat(lk.banned_at) < _aware(first)
            ):
                evasion.append(BanEvasion(lk, str(_iso(first))))
    risk = account_risk(lk.weight for lk in links if lk.strikes > 0 and lk.author_hash != ah)
    return AccountNetwork(
        platform,
        ah,
        _iso(first),
        len(own_times),
        policy.account_action(len(own_times)),
        risk,
        tuple(links[:limit]),
        tuple(evasion),
        min_weight,
    )


def flag_ban_evasion(
    store: Store,
    policy: Policy,
    org_id: int,
    item_ids: Sequence[str],
    accounts: Iterable[Account],
    *,
    ignorable: Ignorable | None = None,
    min_weight: float = DEFAULT_MIN_WEIGHT,
) -> list[AccountNetwork]:
    """Queue the new items of accounts that look like ban evasion, priority raised by EVASION_PRIORITY.

    Only `item_ids` (the batch just ingested, still undecided) are touched, so each item is raised once.
    """
    flagged: list[AccountNetwork] = []
    threshold = dict(policy.strike_thresholds).get("ban")
    if threshold is None:
        return flagged  # this policy never bans, so nobody can evade a ban
    # Most organisations have few banned accounts: one aggregate query spares the per-account look-ups when
    # there are none.
    with Session(store.engine) as s:
        q = select(Strike.author_hash).where(Strike.org_id == org_id, Strike.active.is_(True))
        if policy.strike_window_days > 0:
            q = q.where(
                Strike.created_at >= datetime.now(timezone.utc) - timedelta(days=policy.strike_window_days)
            )
        any_banned = s.execute(
            q.group_by(Strike.author_hash).having(func.count() >= threshold).limit(1)
        ).first()
    if any_banned is None:
        return flagged
    for account in accounts:
        net = account_network(store, policy, org_id, account, ignorable=ignorable, min_weight=min_weight)
        if not net.likely_ban_evasion:
            continue
        flagged.append(net)
        with Session(store.engine) as s, s.begin():
            s.execute(
                update(ItemRow)
                .where(
                    ItemRow.org_id == org_id,
                    ItemRow.item_id.in_(set(item_ids)),
                    ItemRow.author_hash == account[1],
                    func.coalesce(ItemRow.platform, "") == account[0],
                    ItemRow.status.in_(("none", "pending")),
                )
                .values(status="pending", priority=ItemRow.priority + EVASION_PRIORITY)
            )
    return flagged


def org_clusters(
    store: Store,
    org_id: int,
    *,
    ignorable: Ignorable | None = None,
    min_weight: float = DEFAULT_MIN_WEIGHT,
    min_size: int = 2,
) -> list[Cluster]:
    """Every cluster of the organisation's accounts (reads the whole index; docs/network.md on scale)."""
    with Session(store.engine) as s:
        result = s.execute(
            select(
                ItemIndicator.platform,
                ItemIndicator.author_hash,
                ItemIndicator.type,
                ItemIndicator.normalized,
            )
            .distinct()
            .where(ItemIndicator.org_id == org_id, ItemIndicator.valid.is_(True))
            .execution_options(yield_per=10000)
        )
        graph = AccountGraph(
            (((str(p), str(a)), str(t), str(n), True) for p, a, t, n in result),
            ignorable=ignorable,
            min_weight=min_weight,
        )
    return list(graph.clusters(min_size))


def item_account(store: Store, org_id: int, item_id: str) -> Account | None:
    """The account of a stored item, None when the item has no author; NotFoundError when there is no item."""
    with Session(store.engine) as s:
        row = s.execute(
            select(ItemRow.platform, ItemRow.author_hash).where(
                ItemRow.org_id == org_id, ItemRow.item_id == item_id
            )
        ).first()
    if row is None:
        raise NotFoundError(f"no item {item_id!r}")
    return None if row.author_hash is None else (row.platform or "", str(row.author_hash))

"""The network in the service: the ingest hook that indexes indicators, the HTTP routes, and console helpers.

    mount(app, ctx)                                   the routes and the after-ingest hook (service/app.py)
    linked_accounts(ctx_or_store, org_id, item_id)    -> AccountNetwork | None (None: the item has no author)
    neighbourhood_svg(network) -> str                 a small self-contained SVG of that neighbourhood

Values to ignore besides the packaged list: a file named by $NARCOTRACE_NETWORK_IGNORE (read at start-up; an
unreadable or malformed file stops the service with its path and line).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, Query

from narcotrace.network.repo import (
    AccountNetwork,
    account_network,
    flag_ban_evasion,
    index_items,
    item_account,
    org_clusters,
)
from narcotrace.network.svg import neighbourhood_svg
from narcotrace.network.weights import DEFAULT_MIN_WEIGHT, Ignorable, load_ignorable
from narcotrace.policy import Policy, default_policy
from narcotrace.store import Principal, Store, StoreError

if TYPE_CHECKING:
    from narcotrace.service.context import ServiceContext

__all__ = ["IGNORE_ENV", "linked_accounts", "mount", "neighbourhood_svg", "service_ignorable"]

IGNORE_ENV = "NARCOTRACE_NETWORK_IGNORE"


@lru_cache(maxsize=4)
def _ignorable(path: str | None) -> Ignorable:
    return load_ignorable(path)


def service_ignorable() -> Ignorable:
    """The packaged ignorable list plus the file named by $NARCOTRACE_NETWORK_IGNORE, if set."""
    return _ignorable(os.environ.get(IGNORE_ENV) or None)


def linked_accounts(
    ctx_or_store: ServiceContext | Store,
    org_id: int,
    item_id: str,
    *,
    policy: Policy | None = None,
    min_weight: float = DEFAULT_MIN_WEIGHT,
) -> AccountNetwork | None:
    """The accounts linked to the author of a stored item, with the indicators they share (for the console).

    Raises narcotrace.store.NotFoundError when the organisation has no such item; None when it has no author.
    With a ServiceContext the service's policy (strike window and ban threshold) is used, else `policy` or
    the packaged default policy.
    """
    if isinstance(ctx_or_store, Store):
        store, pol = ctx_or_store, policy or default_policy()
    else:
        store, pol = ctx_or_store.store, policy or ctx_or_store.policy
    account = item_account(store, org_id, item_id)
    if account is None:
        return None
    return account_network(store, pol, org_id, account, ignorable=service_ignorable(), min_weight=min_weight)


def mount(app: FastAPI, ctx: ServiceContext) -> None:
    """Add GET /v1/accounts/{platform}/{author}/network and GET /v1/clusters, and index every ingest."""
    ignorable = service_ignorable()  # fail at start-up, not on the first request, if the file is bad
    reader = ctx.principal(("reviewer", "analyst", "admin"))

    def _after_ingest(p: Principal, done: list[Any]) -> None:
        ids = [d.verdict["id"] for d in done if not d.duplicate]
        accounts = index_items(ctx.store, p.org_id, ids)
        flag_ban_evasion(ctx.store, ctx.policy, p.org_id, ids, accounts, ignorable=ignorable)

    ctx.after_ingest.append(_after_ingest)

    @app.get("/v1/accounts/{platform}/{author}/network", tags=["network"])
    def account(
        platform: str,
        author: str,
        p: Principal = Depends(reader),
        min_weight: Annotated[float, Query(gt=0, le=10)] = DEFAULT_MIN_WEIGHT,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict[str, Any]:
        """Accounts linked to this one by shared indicators, its risk, and whether it looks like ban evasion.

        `author` is the platform's id (hashed with the service key before lookup, as for strikes); `platform`
        is as sent with the items, `-` for items sent without one.
        """
        if "\x00" in author or "\x00" in platform:
            raise ctx.api_error(404, "no such account")
        ah = ctx.store.author_hash(p.org_id, author)
        assert ah is not None
        net = account_network(
            ctx.store,
            ctx.policy,
            p.org_id,
            ("" if platform == "-" else platform, ah),
            ignorable=ignorable,
            min_weight=min_weight,
            limit=limit,
        )
        if net.first_seen is None:
            raise ctx.api_error(404, "no items stored for this account")
        return net.to_dict()

    @app.get("/v1/clusters", tags=["network"])
    def clusters(
        p: Principal = Depends(reader),
        min_size: Annotated[int, Query(ge=2, le=1_000_000)] = 2,
        min_weight: Annotated[float, Query(gt=0, le=10)] = DEFAULT_MIN_WEIGHT,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict[str, Any]:
        """Clusters of accounts linked by shared indicators (largest first), with the linking indicators."""
        try:
            found = org_clusters(
                ctx.store, p.org_id, ignorable=ignorable, min_weight=min_weight, min_size=min_size
            )
        except StoreError as exc:
            raise ctx.map_store_error(exc) from exc
        out = []
        for c in found[:limit]:
            d = c.to_dict()
            d["accounts"] = [{"platform": pl, "author_hash": ah} for pl, ah in c.accounts]
            out.append(d)
        return {"count": len(found), "min_size": min_size, "min_weight": min_weight, "clusters": out}

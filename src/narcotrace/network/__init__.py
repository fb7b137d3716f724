"""Seller networks: accounts linked by the indicators they share, clusters, account risk and ban evasion.

    link_weight(indicator_type, n_accounts) -> float     how much one shared indicator links two accounts
    indicator_key(type, normalized) -> (type, normalized)  phones match across messengers
    load_ignorable(path=None) -> Ignorable                 values that link nobody (packaged + your file)
    AccountGraph(occurrences, ignorable=, min_weight=)     .clusters(min_size), .links(account), graphml
    account_risk(link_weights_to_sellers) -> float

The service side (store index, HTTP routes, console helpers) is in narcotrace.network.api; docs/network.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from narcotrace._lazy import lazy_exports

if TYPE_CHECKING:
    from narcotrace.network.graph import (
        Account,
        AccountGraph,
        Cluster,
        ClusterIndicator,
        Link,
        SharedIndicator,
        account_risk,
        cluster_id,
    )
    from narcotrace.network.weights import (
        DEFAULT_MIN_WEIGHT,
        DEFAULT_PRIOR,
        TYPE_PRIORS,
        Ignorable,
        indicator_key,
        link_weight,
        load_ignorable,
    )

# Each public name loads its module on first use (see narcotrace._lazy): `narcotrace <cmd>` builds its parser
# from this package's cli module without importing the heavy parts.
_WHERE = {
    "DEFAULT_MIN_WEIGHT": "weights",
    "DEFAULT_PRIOR": "weights",
    "TYPE_PRIORS": "weights",
    "Account": "graph",
    "AccountGraph": "graph",
    "Cluster": "graph",
    "ClusterIndicator": "graph",
    "Ignorable": "weights",
    "Link": "graph",
    "SharedIndicator": "graph",
    "account_risk": "graph",
    "cluster_id": "graph",
    "indicator_key": "weights",
    "link_weight": "weights",
    "load_ignorable": "weights",
}
__getattr__ = lazy_exports(__name__, _WHERE, globals())

__all__ = [
    "DEFAULT_MIN_WEIGHT",
    "DEFAULT_PRIOR",
    "TYPE_PRIORS",
    "Account",
    "AccountGraph",
    "Cluster",
    "ClusterIndicator",
    "Ignorable",
    "Link",
    "SharedIndicator",
    "account_risk",
    "cluster_id",
    "indicator_key",
    "link_weight",
    "load_ignorable",
]

"""Seller networks: accounts linked by the indicators they share, clusters, account risk and ban evasion.

    link_weight(indicator_type, n_accounts) -> float     how much one shared indicator links two accounts
    indicator_key(type, normalized) -> (type, normalized)  phones match across messengers
    load_ignorable(path=None) -> Ignorable                 values that link nobody (packaged + your file)
    AccountGraph(occurrences, ignorable=, min_weight=)     .clusters(min_size), .links(account), graphml
    account_risk(link_weights_to_sellers) -> float

The service side (store index, HTTP routes, console helpers) is in narcotrace.network.api; docs/network.md.
"""

from __future__ import annotations

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

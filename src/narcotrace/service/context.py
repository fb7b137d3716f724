"""What a feature module needs to add routes to the service: the store, policy, scanner, metrics and auth.

`create_app` builds one `ServiceContext` and hands it to each feature's `mount(app, ctx)` (network, sharing,
console), so those modules add their routes without reaching into `create_app`'s locals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from narcotrace.policy import Policy
from narcotrace.service.config import ServiceConfig
from narcotrace.service.metrics import Metrics
from narcotrace.store import Principal, Store, StoreError

__all__ = ["ServiceContext"]


@dataclass(frozen=True, slots=True)
class ServiceContext:
    config: ServiceConfig
    store: Store
    policy: Policy
    scanner: Any
    metrics: Metrics
    # principal(("reviewer", "admin")) -> a FastAPI dependency returning the caller's Principal (401/403 otherwise)
    principal: Callable[[tuple[str, ...]], Callable[..., Principal]]
    # api_error(status, message) -> an exception the app renders as {"error": message} with that status
    api_error: Callable[[int, str], Exception]
    # map_store_error(exc) -> the ApiError for NotFound/Conflict/PermissionDenied (re-raises anything else)
    map_store_error: Callable[[StoreError], Exception]
    # scan_items(principal, items) -> verdicts with decisions for the organisation's jurisdictions
    scan_items: Callable[[Principal, list[Any]], list[Any]]
    # Called after every POST /v1/items commit with the caller and the store's `Ingested` records (new and
    # duplicate); a feature appends its hook in mount() (e.g. to index indicators or match shared signals).
    after_ingest: list[Callable[[Principal, list[Any]], None]] = field(default_factory=list)

"""The FastAPI application: scan, ingest, review queue, decisions, appeals, strikes, audit, health and metrics.

Every /v1 call needs `Authorization: Bearer KEY`; the key decides the organisation and the role. Handlers are
plain functions (run in the worker thread pool) because scanning is CPU-bound and the store is synchronous.
"""


import hashlib
import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Awaitable, Callable, MutableMapping

from fastapi import Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from narcotrace.items import Item, Verdict
from narcotrace.policy import Policy, default_policy, load_policy
from narcotrace.service.config import ServiceConfig
from narcotrace.service.context import ServiceContext
from narcotrace.service.metrics import Metrics
from narcotrace.service.schemas import AppealIn, DecisionIn, IngestOut, ItemsIn, KeyIn, ScanOut
from narcotrace.store import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    Principal,
    Store,
    StoreError,
)

__all__ = ["create_app"]

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Edge:
    """ASGI middleware: refuse oversized bodies with 413 (declared or streamed) and time every request."""

    def __init__(self, app: "ASGIApp", max_body: int, metrics: Metrics) -> None:
        self.app = app
        self.max_body = max_body
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = {"code": 500}

        async def send_wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        length = dict(scope.get("headers") or []).get(b"content-length")
        too_big = False
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                too_big = False
        if too_big:
            await self._reject(send_wrapped)
        else:
            # Read the whole body here (it is bounded by max_body) so a streamed body without Content-Length is
            # limited too; the app then gets it back from a replaying receive.
            chunks: list[bytes] = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away before sending its body
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    await self._reject(send_wrapped)
                    break
                chunks.append(chunk)
                more = bool(message.get("more_body", False))
            else:
                replayed = {"done": False}

                async def replay() -> dict[str, Any]:
                    if not replayed["done"]:
                        replayed["done"] = True
                        return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
                    return await receive()

                await self.app(scope, replay, send_wrapped)
        route = scope.get("route")
        path = getattr(route, "path", None) or "unmatched"
        self.metrics.observe(scope.get("method", ""), path, status["code"], time.perf_counter() - t0)

    async def _reject(self, send: Any) -> None:
        response = JSONResponse({"error": f"request body larger than {self.max_body} bytes"}, status_code=413)
        await response({"type": "http"}, _noop_receive, send)


async def _noop_receive() -> dict[str, Any]:
    return {"type": "http.disconnect"}


def _field(loc: Any) -> str:
    parts = [str(p) for p in loc if p != "body"]
    out = ""
    for p in parts:
        out += f"[{p}]" if p.isdigit() else (f".{p}" if out else p)
    return out or "body"


def create_app(config: ServiceConfig, scanner: Any | None = None, store: Store | None = None) -> FastAPI:
    """The service over one store. `scanner` may be shared between apps (it is built once, ~1 s)."""
    if scanner is None:
        from narcotrace.detect import Scanner

        scanner = Scanner()
    policy: Policy = load_policy(config.policy_path) if config.policy_path else default_policy()
    digest = hashlib.sha256(Path(policy.path).read_bytes()).hexdigest()
    store = store or Store.open(config.db_url, author_key=config.author_key)
    store.record_policy(policy.name, digest)
    metrics = Metrics()
    bearer = HTTPBearer(auto_error=False, description="an API key from `narcotrace admin create-key`")

    app = FastAPI(
        title="narcotrace",
        version="1",
        description="Detect, review and act on online drug sales. Every /v1 call needs `Authorization: Bearer KEY`.",
    )
    app.state.store = store
    app.state.policy = policy
    app.state.metrics = metrics

    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse({"error": exc.message}, status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        fields = sorted({_field(e.get("loc", ())) for e in errors})
        first = errors[0] if errors else {}
        message = f"field '{_field(first.get('loc', ()))}': {first.get('msg', 'invalid')}" if errors else "invalid"
        return JSONResponse(jsonable_encoder({"error": message, "fields": fields, "detail": errors}),
                            status_code=422)

    def _map_store_errors(exc: StoreError) -> ApiError:
        if isinstance(exc, NotFoundError):
            return ApiError(404, str(exc))
        if isinstance(exc, ConflictError):
            return ApiError(409, str(exc))
        if isinstance(exc, PermissionDeniedError):
            return ApiError(403, str(exc))
        raise exc

    def principal(roles: tuple[str, ...]) -> Callable[..., Principal]:
        def dep(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
            if creds is None or not creds.credentials:
                raise ApiError(401, "missing `Authorization: Bearer KEY`")
            try:
                p = store.authenticate(creds.credentials)
            except (UnicodeError, ValueError):
                p = None
            if p is None:
                raise ApiError(401, "unknown or revoked API key")
            if p.role not in roles:
                raise ApiError(403, f"role '{p.role}' may not do this (needs one of: {', '.join(roles)})")
            return p

        return dep

    Ingest = Annotated[Principal, Depends(principal(("ingest", "admin")))]
    Scan = Annotated[Principal, Depends(principal(("ingest", "analyst", "admin")))]
    Reviewer = Annotated[Principal, Depends(principal(("reviewer", "admin")))]
    Reader = Annotated[Principal, Depends(principal(("reviewer", "analyst", "admin")))]
    Analyst = Annotated[Principal, Depends(principal(("analyst", "admin")))]
    Admin = Annotated[Principal, Depends(principal(("admin",)))]

    def _items(body: ItemsIn, need_id: bool) -> list[Item]:
        items: list[Item] = []
        for i, raw in enumerate(body.items):
            item = raw.to_item()
            if need_id and item.id is None:
                raise RequestValidationError([{"loc": ("body", "items", i, "id"), "msg": "required to store an item",
                                               "type": "missing"}])
            items.append(item)
        return items

    def _verdicts(p: Principal, items: list[Item]) -> list[Verdict]:
        verdicts = scanner.scan_batch(list(enumerate(items)))
        metrics.add_items(scanned=len(items))
        if p.jurisdictions:
            verdicts = [replace(v, decisions=policy.decide(v, it, p.jurisdictions)) for v, it in zip(verdicts, items)]
        return verdicts

    def _queue_it(v: Verdict) -> bool:
        if v.decisions:
            return any(d.action in policy.review_actions for d in v.decisions)
        # No jurisdictions configured for the organisation: trading content goes to a human (docs/service.md).
        return v.label in ("offer", "solicit")

    @app.post("/v1/scan", response_model=ScanOut, tags=["scan"])
    def scan(body: ItemsIn, p: Scan) -> dict[str, Any]:
        """Verdicts (and decisions for the organisation's jurisdictions) for the items; nothing is stored."""
        return {"verdicts": [v.to_dict() for v in _verdicts(p, _items(body, need_id=False))]}

    @app.post("/v1/items", response_model=IngestOut, tags=["items"])
    def ingest(body: ItemsIn, p: Ingest) -> dict[str, Any]:
        """Store items with verdicts, once per (organisation, id); queue those the policy sends to review."""
        items = _items(body, need_id=True)
        verdicts = _verdicts(p, items)
        done = store.ingest(p.org_id, [(it, v, _queue_it(v)) for it, v in zip(items, verdicts)])
        metrics.add_items(stored=sum(not d.duplicate for d in done))
        for hook in ctx.after_ingest:
            hook(p, done)
        return {
            "verdicts": [d.verdict for d in done],
            "queued": [d.verdict["id"] for d in done if d.queued and not d.duplicate],
            "duplicates": [d.verdict["id"] for d in done if d.duplicate],
        }

    def _item_id(item_id: str) -> str:
        if "\x00" in item_id or len(item_id) > 256:
            raise ApiError(404, f"no item {item_id[:64]!r}")
        return item_id

    @app.get("/v1/items/{item_id}", tags=["items"])
    def get_item(item_id: str, p: Reader) -> dict[str, Any]:
        try:
            return store.get_item(p.org_id, _item_id(item_id))
        except StoreError as exc:
            raise _map_store_errors(exc) from exc

    @app.get("/v1/queue", tags=["review"])
    def queue(p: Reviewer, limit: Annotated[int, Query(ge=1, le=500)] = 50,
              stage: Annotated[str, Query(pattern="^(review|appeal)$")] = "review") -> dict[str, Any]:
        """Pending items by priority (severity x score x reach), with evidence and indicators in each verdict."""
        return {"stage": stage, "items": store.queue(p.org_id, limit, stage)}

    @app.post("/v1/items/{item_id}/decision", tags=["review"])
    def decide(item_id: str, body: DecisionIn, p: Reviewer) -> dict[str, Any]:
        try:
            out = store.decide(p, _item_id(item_id), body.action, body.reason, policy.strike_actions,
                               policy.strike_window_days)
        except StoreError as exc:
            raise _map_store_errors(exc) from exc
        out["account_action"] = policy.account_action(out["author_strikes"])
        return out

    @app.post("/v1/items/{item_id}/appeal", tags=["review"])
    def appeal(item_id: str, body: AppealIn, p: Ingest) -> dict[str, Any]:
        try:
            return store.appeal(p, _item_id(item_id), body.reason)
        except StoreError as exc:
            raise _map_store_errors(exc) from exc

    @app.get("/v1/authors/{author}/strikes", tags=["review"])
    def strikes(author: str, p: Reader) -> dict[str, Any]:
        """Active strikes of an author (given as the platform's id; hashed with the service key before lookup)."""
        if "\x00" in author:
            raise ApiError(404, "no such author")
        n = store.strikes(p.org_id, author, policy.strike_window_days)
        return {"strikes": n, "account_action": policy.account_action(n),
                "thresholds": dict(policy.strike_thresholds), "window_days": policy.strike_window_days}

    @app.get("/v1/audit", tags=["audit"])
    def audit(p: Analyst, after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        return {"entries": store.audit(p.org_id, after, limit)}

    @app.get("/v1/audit/verify", tags=["audit"])
    def audit_verify(p: Analyst) -> dict[str, Any]:
        """Recompute the organisation's SHA-256 chain; `first_broken_seq` names the first entry that does not match."""
        return store.verify_audit(p.org_id).to_dict()

    @app.post("/v1/keys", tags=["admin"], status_code=201)
    def create_key(body: KeyIn, p: Admin) -> dict[str, Any]:
        made = store.create_key(None, body.role, actor=p.actor, org_id=p.org_id)
        return {"key": made["key"], "prefix": made["prefix"], "role": made["role"]}

    @app.post("/v1/keys/{prefix}/revoke", tags=["admin"])
    def revoke_key(prefix: str, p: Admin) -> dict[str, Any]:
        try:
            return store.revoke_key(p.org_id, prefix[:16].replace("\x00", ""), p.actor)
        except StoreError as exc:
            raise _map_store_errors(exc) from exc

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, Any]:
        try:
            store.ping()
        except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
            return JSONResponse({"status": "unavailable", "error": type(exc).__name__}, status_code=503)  # type: ignore[return-value]
        return {"status": "ok", "policy": policy.name}

    @app.get("/metrics", tags=["ops"], response_class=PlainTextResponse)
    def prometheus() -> PlainTextResponse:
        return PlainTextResponse(metrics.render(store.queue_depth), media_type="text/plain; version=0.0.4")

    ctx = ServiceContext(config=config, store=store, policy=policy, scanner=scanner, metrics=metrics,
                         principal=principal, api_error=ApiError, map_store_error=_map_store_errors,
                         scan_items=_verdicts)
    app.state.ctx = ctx
    # Feature modules add their routes here, one `mount(app, ctx)` each.
    __import__("narcotrace.network.api", fromlist=["mount"]).mount(app, ctx)
    __import__("narcotrace.console", fromlist=["mount"]).mount(app, ctx)
    __import__("narcotrace.sharing.api", fromlist=["mount"]).mount(app, ctx)

    app.add_middleware(_Edge, max_body=config.max_body_bytes, metrics=metrics)  # type: ignore[arg-type]
    return app

"""The console's pages under /console: login, queue, item, decide, audit, dashboard (+ CSV) and static assets.

Pages are rendered on the server (Jinja2, autoescaped); the only script is static/console.js (keyboard
shortcuts, image reveal). Every response forbids third-party content with a Content-Security-Policy.
"""

from __future__ import annotations

import re
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup

from narcotrace.console import _render
from narcotrace.console._sessions import ConsoleSession, SessionStore
from narcotrace.items import LABELS, SEVERITIES
from narcotrace.policy import ACTIONS, CLASSES
from narcotrace.store import ConflictError, NotFoundError, PermissionDeniedError, Principal
from narcotrace.store.review_queries import (
    DIMENSIONS,
    audit_page,
    author_items,
    counts_over_time,
    key_principal,
)

__all__ = ["COOKIE", "DECISION_KEYS", "build"]

HERE = Path(__file__).resolve().parent
COOKIE = "nt_console"
CONSOLE_ROLES = ("reviewer", "admin")
# One letter per policy action (listed on the item page); kept away from j/k/u, the navigation keys.
DECISION_KEYS: dict[str, str] = {
    "allow": "a", "label": "l", "age-restrict": "y", "geo-restrict": "g", "remove": "r",
    "remove-and-escalate": "e",
}
# Reviewers see the review trail; the rest of the chain (keys, policy changes, purges) is for admins.
REVIEW_EVENTS = ("decision", "appeal", "appeal-decision")
CHART_TITLES = {
    "label": "Items by label", "severity": "Items by severity", "class": "Items by substance class",
    "jurisdiction": "Policy decisions by jurisdiction", "action": "Policy decisions by action",
    "review": "Reviewer decisions",
}
CHART_ORDER: dict[str, tuple[str, ...]] = {
    "label": LABELS, "severity": SEVERITIES, "class": CLASSES, "jurisdiction": (), "action": ACTIONS,
    "review": (*ACTIONS, "awaiting review"),
}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: http: https:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'")
DASHBOARD_TTL = 30.0
_SAFE_NEXT = re.compile(r"^/console(/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?$")

assert set(DECISION_KEYS) == set(ACTIONS), "every policy action needs a console key"


class _LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def _headers(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _safe_next(value: str | None) -> str:
    if value and _SAFE_NEXT.match(value) and "//" not in value and "\\" not in value:
        return value
    return "/console/queue"


def _storable(text: str) -> str | None:
    """Why text cannot be stored (PostgreSQL takes neither NUL nor lone surrogates), or None."""
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an invalid character (lone surrogate)"
    return None


def build(app: FastAPI, ctx: Any, network: Any | None = None) -> APIRouter:
    """The console router over the service context; `network` = narcotrace.network.api when installed."""
    store = ctx.store
    policy = ctx.policy
    sessions = SessionStore()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(("html", "svg"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = _render.highlight_html
    env.filters["utc"] = _render.utc_text
    env.filters["q"] = lambda s: quote(str(s), safe="")
    env.globals["decision_keys"] = DECISION_KEYS
    router = APIRouter(prefix="/console", include_in_schema=False)
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")

    @app.exception_handler(_LoginRequired)
    async def _to_login(_req: Request, exc: _LoginRequired) -> Response:
        target = f"/console/login?next={quote(exc.next_path, safe='/')}"
        return _headers(RedirectResponse(target, status_code=303))

    def _cookie(resp: Response, request: Request, sess: ConsoleSession) -> None:
        resp.set_cookie(COOKIE, sess.sid, httponly=True, samesite="strict", path="/console",
                        secure=request.url.scheme == "https", max_age=int(sessions.max_age))

    def page(request: Request, template: str, sess: ConsoleSession | None, p: Principal | None,
             status: int = 200, **values: Any) -> Response:
        flash = list(sess.flash) if sess else []
        if sess:
            sess.flash.clear()
        html = env.get_template(template).render(
            request=request, principal=p, csrf=sess.csrf if sess else "", flash=flash, path=request.url.path,
            **values)
        return _headers(HTMLResponse(html, status_code=status))

    def auth(request: Request) -> tuple[ConsoleSession, Principal]:
        sess = sessions.get(request.cookies.get(COOKIE))
        # After a login forced by an expired session a form POST cannot be replayed: land on the queue then.
        here = (request.url.path + (f"?{request.url.query}" if request.url.query else "")
                if request.method == "GET" else "/console/queue")
        if sess is None or sess.key_id is None:
            raise _LoginRequired(here)
        p = key_principal(store, sess.key_id)
        if p is None or p.role not in CONSOLE_ROLES:
            sessions.drop(sess.sid)  # the key was revoked since login
            raise _LoginRequired(here)
        return sess, p

    def forbidden(request: Request, sess: ConsoleSession | None, p: Principal | None, why: str) -> Response:
        return page(request, "error.html", sess, p, status=403, title="Not allowed", message=why)

    @router.get("", response_class=HTMLResponse)
    @router.get("/", response_class=HTMLResponse)
    def home() -> Response:
        return _headers(RedirectResponse("/console/queue", status_code=303))

    @router.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "") -> Response:
        sess = sessions.get(request.cookies.get(COOKIE))
        if sess is not None and sess.key_id is not None and key_principal(store, sess.key_id) is not None:
            return _headers(RedirectResponse(_safe_next(next), status_code=303))
        if sess is None:
            sess = sessions.new()
        resp = page(request, "login.html", sess, None, next=_safe_next(next), error=None)
        _cookie(resp, request, sess)
        return resp

    @router.post("/login", response_class=HTMLResponse)
    def login(request: Request, key: Annotated[str, Form()] = "", csrf: Annotated[str, Form()] = "",
              next: Annotated[str, Form()] = "") -> Response:
        sess = sessions.get(request.cookies.get(COOKIE))
        if sess is None or not sess.csrf_ok(csrf):
            fresh = sessions.new()
            resp = page(request, "login.html", fresh, None, status=403, next=_safe_next(next),
                        error="The form expired or came from another site. Please log in again.")
            _cookie(resp, request, fresh)
            return resp
        p = store.authenticate(key.strip()) if key.strip() and _storable(key) is None else None
        if p is None or p.role not in CONSOLE_ROLES:
            error = ("Unknown or revoked API key." if p is None
                     else f"A key of role '{p.role}' cannot use the console (needs reviewer or admin).")
            return page(request, "login.html", sess, None, status=401, next=_safe_next(next), error=error)
        # A new session id at login, so an id planted before login (session fixation) is worth nothing.
        sessions.drop(sess.sid)
        fresh = sessions.new(key_id=p.key_id)
        resp = _headers(RedirectResponse(_safe_next(next), status_code=303))
        _cookie(resp, request, fresh)
        return resp

    @router.post("/logout", response_class=HTMLResponse)
    def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
        sess, p = auth(request)
        if not sess.csrf_ok(csrf):
            return forbidden(request, sess, p, "The form expired or came from another site.")
        sessions.drop(sess.sid)
        resp = _headers(RedirectResponse("/console/login", status_code=303))
        resp.delete_cookie(COOKIE, path="/console", httponly=True, samesite="strict")
        return resp

    @router.get("/queue", response_class=HTMLResponse)
    def queue(request: Request, stage: Annotated[str, Query(pattern="^(review|appeal)$")] = "review",
              limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
        sess, p = auth(request)
        items = store.queue(p.org_id, limit, stage)
        return page(request, "queue.html", sess, p, items=items, stage=stage, limit=limit)

    @router.get("/items/{item_id:path}", response_class=HTMLResponse)
    def item(request: Request, item_id: str) -> Response:
        sess, p = auth(request)
        if "\x00" in item_id or len(item_id) > 256:
            return page(request, "error.html", sess, p, status=404, title="Not found",
                        message="No such item.")
        try:
            view = store.get_item(p.org_id, item_id)
        except NotFoundError:
            return page(request, "error.html", sess, p, status=404, title="Not found",
                        message=f"No item {item_id!r} in your organisation.")
        same_author = (author_items(store, p.org_id, view["author_hash"], item_id)
                       if view["author_hash"] else [])
        net: Any = None
        linked: list[dict[str, Any]] = []
        picture: Markup | None = None
        if network is not None:
            try:
                net = network.linked_accounts(ctx, p.org_id, item_id)
            except NotFoundError:
                net = None
            if net is not None and net.links:
                # The network module escapes every text it draws (indicator values come from posts).
                picture = Markup(network.neighbourhood_svg(net))
                linked = [{"link": lk, "items": author_items(store, p.org_id, lk.author_hash, None, 5)}
                          for lk in net.links[:20]]
        stage = "appeal" if view["status"] == "appealed" else "review"
        history = sorted(
            [{"created_at": r["created_at"],
              "what": "appeal decision" if r["stage"] == "appeal" else "decision",
              "action": r["action"], "reason": r["reason"]} for r in view["reviews"]]
            + [{"created_at": a["created_at"], "what": f"appeal ({'resolved' if a['resolved'] else 'open'})",
                "action": None, "reason": a["reason"]} for a in view["appeals"]],
            key=lambda h: h["created_at"])
        return page(request, "item.html", sess, p, item=view, verdict=view["verdict"],
                    images=_render.image_links(view["text"]), same_author=same_author, history=history,
                    stage=stage, actions=ACTIONS, network=network is not None, net=net, linked=linked,
                    picture=picture)

    @router.post("/decide", response_class=HTMLResponse)
    def decide(request: Request, item_id: Annotated[str, Form()] = "", action: Annotated[str, Form()] = "",
               reason: Annotated[str, Form()] = "", csrf: Annotated[str, Form()] = "") -> Response:
        sess, p = auth(request)
        if not sess.csrf_ok(csrf):
            return forbidden(request, sess, p, "The form expired or came from another site; reload the item.")
        back = f"/console/items/{quote(item_id, safe='')}"
        reason = reason.strip()
        problem = None
        if action not in ACTIONS:
            problem = f"Unknown action {action[:40]!r}; choose one of {', '.join(ACTIONS)}."
        elif not reason:
            problem = "A reason is required for every decision (it goes into the audit trail)."
        elif len(reason) > 4000:
            problem = f"The reason is {len(reason)} characters long; at most 4000."
        elif (why := _storable(reason)) is not None:
            problem = f"The reason {why}."
        if problem:
            sess.flash.append(("error", problem))
            return _headers(RedirectResponse(back, status_code=303))
        try:
            out = store.decide(p, item_id, action, reason, policy.strike_actions, policy.strike_window_days)
        except NotFoundError:
            sess.flash.append(("error", f"No item {item_id[:80]!r} in your organisation."))
            return _headers(RedirectResponse("/console/queue", status_code=303))
        except (ConflictError, PermissionDeniedError) as exc:
            sess.flash.append(("error", str(exc)))
            return _headers(RedirectResponse(back, status_code=303))
        account = policy.account_action(out["author_strikes"])
        msg = f"Decided {item_id}: {action}."
        if out["author_strikes"]:
            msg += f" The author has {out['author_strikes']} active strike(s)"
            msg += f"; account action: {account}." if account else "."
        sess.flash.append(("ok", msg))
        nxt = store.queue(p.org_id, 1, out["stage"])
        target = (f"/console/items/{quote(nxt[0]['id'], safe='')}" if nxt
                  else f"/console/queue?stage={out['stage']}")
        return _headers(RedirectResponse(target, status_code=303))

    @router.get("/audit", response_class=HTMLResponse)
    def audit(request: Request, before: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
              limit: Annotated[int, Query(ge=1, le=500)] = 100, verify: bool = False) -> Response:
        sess, p = auth(request)
        events = None if p.role == "admin" else REVIEW_EVENTS
        entries = audit_page(store, p.org_id, events, before, limit)
        # Verifying rehashes the whole chain (linear in its length), so it runs when asked, not on every view.
        check = store.verify_audit(p.org_id) if verify else None
        older = entries[-1]["seq"] if len(entries) == limit else None
        return page(request, "audit.html", sess, p, entries=entries, check=check, older=older,
                    scope="all events" if events is None else "review events (decisions and appeals)")

    # Counting reads every item of the window (0.6 s for 20,000 items, docs/console.md), so the numbers are
    # kept for DASHBOARD_TTL seconds: the page and its CSV exports then agree and reloading is cheap.
    cache: dict[tuple[int, int], tuple[float, list[Any], dict[str, Any]]] = {}
    cache_lock = threading.Lock()

    def _dashboard_data(org_id: int, days: int) -> tuple[list[Any], dict[str, Any]]:
        today = datetime.now(timezone.utc).date()
        now = time.monotonic()
        with cache_lock:
            hit = cache.get((org_id, days))
        if hit is not None and hit[0] > now and hit[1][-1] == today:
            return hit[1], hit[2]
        axis = _render.day_range(today, days)
        since = datetime.combine(axis[0], datetime.min.time(), tzinfo=timezone.utc)
        counts = counts_over_time(store, org_id, since, since + timedelta(days=days))
        with cache_lock:
            if len(cache) >= 256:
                cache.clear()
            cache[(org_id, days)] = (now + DASHBOARD_TTL, axis, counts)
        return axis, counts

    @router.get("/dashboard", response_class=HTMLResponse)
    def dashboard(request: Request, days: Annotated[int, Query(ge=1, le=366)] = 30) -> Response:
        sess, p = auth(request)
        axis, counts = _dashboard_data(p.org_id, days)
        charts = []
        for dim in DIMENSIONS:
            by_day = counts[dim]
            series = _render.series_of(by_day, CHART_ORDER[dim])
            charts.append({
                "dim": dim, "title": CHART_TITLES[dim], "series": series,
                "svg": _render.chart_svg(CHART_TITLES[dim], axis, series, by_day),
                "legend": _render.legend(series),
                "rows": [(d, [by_day.get(d, {}).get(s, 0) for s in series]) for d in axis
                         if sum(by_day.get(d, {}).values())],
                "total": sum(sum(c.values()) for c in by_day.values()),
            })
        return page(request, "dashboard.html", sess, p, charts=charts, days=days, first=axis[0],
                    last=axis[-1])

    @router.get("/dashboard/{dim}.csv")
    def dashboard_csv(request: Request, dim: str, days: Annotated[int, Query(ge=1, le=366)] = 30) -> Response:
        sess, p = auth(request)
        if dim not in DIMENSIONS:
            return page(request, "error.html", sess, p, status=404, title="Not found",
                        message=f"No chart {dim[:40]!r}; charts: {', '.join(DIMENSIONS)}.")
        axis, counts = _dashboard_data(p.org_id, days)
        series = _render.series_of(counts[dim], CHART_ORDER[dim])
        body = _render.chart_csv(axis, series, counts[dim])
        name = f"narcotrace-{dim}-{axis[0].isoformat()}-{axis[-1].isoformat()}.csv"
        resp = Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
        return _headers(resp)

    app.state.console_sessions = sessions
    return router

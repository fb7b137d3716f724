"""HTTP routes of signal sharing, added to the service by `mount(app, ctx)`.

    GET  /v1/share/{collab}/signals?cursor=C   a partner reads our feed (role "partner")
    POST /v1/share/{collab}/opinions           a partner's opinions on our signals (role "partner")
    GET  /v1/share/{collab}/status             our signals with partners' opinions, partners' signals (analyst, admin)
    GET  /v1/share/items/{item_id}             what sharing found about one of our items (reviewer, analyst, admin)

Collaborations come from the YAML files named by $NARCOTRACE_SHARING_CONFIG (paths or directories separated by
the OS path separator); an invalid file stops the service with the file and field. Embedders (and tests) can add
collaborations at run time with `app.state.sharing.add(collab)`.
"""


import logging
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query
from pydantic import BaseModel, ConfigDict, Field

from narcotrace._exceptions import InputError
from narcotrace.sharing._config import Collaboration, CollaborationDisabled, load_collaboration
from narcotrace.sharing._service import Sharing
from narcotrace.store import Principal, StoreError

__all__ = ["ENV", "OpinionIn", "OpinionsIn", "load_from_env", "mount"]

ENV = "NARCOTRACE_SHARING_CONFIG"
log = logging.getLogger("narcotrace.sharing")


class OpinionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str = Field(min_length=1, max_length=32)
    token: str = Field(min_length=1, max_length=300)
    opinion: Literal["positive", "negative", "investigation_seed"]


class OpinionsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    opinions: list[OpinionIn] = Field(max_length=1000)


def load_from_env(env: dict[str, str] | None = None) -> list[Collaboration]:
    """Collaborations named by $NARCOTRACE_SHARING_CONFIG (files, or directories of *.yaml / *.yml)."""
    raw = (env if env is not None else dict(os.environ)).get(ENV, "")
    out: list[Collaboration] = []
    for part in filter(None, raw.split(os.pathsep)):
        p = Path(part)
        files = sorted([*p.glob("*.yaml"), *p.glob("*.yml")]) if p.is_dir() else [p]
        out.extend(load_collaboration(f) for f in files)
    return out


def mount(app: FastAPI, ctx: Any) -> Sharing:
    sharing = Sharing(ctx.store, load_from_env())
    app.state.sharing = sharing
    api_error = ctx.api_error
    Partner = Annotated[Principal, Depends(ctx.principal(("partner",)))]
    Staff = Annotated[Principal, Depends(ctx.principal(("analyst", "admin")))]
    Reader = Annotated[Principal, Depends(ctx.principal(("reviewer", "analyst", "admin")))]

    def _call(fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except StoreError as exc:
            raise ctx.map_store_error(exc) from exc
        except CollaborationDisabled as exc:
            raise api_error(409, str(exc)) from exc
        except InputError as exc:
            raise api_error(422, str(exc)) from exc

    @app.get("/v1/share/{collab}/signals", tags=["sharing"])
    def signals(collab: str, p: Partner, cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
                limit: Annotated[int, Query(ge=1, le=1000)] = 500) -> dict[str, Any]:
        """Our signals after `cursor` (keyed tokens only; see docs/sharing.md for what a partner can learn)."""
        return _call(lambda: sharing.feed(collab, p.org_id, cursor, p.actor, limit))  # type: ignore[no-any-return]

    @app.post("/v1/share/{collab}/opinions", tags=["sharing"])
    def opinions(collab: str, body: OpinionsIn, p: Partner) -> dict[str, Any]:
        """A partner's opinions (positive, negative, investigation_seed) on our signals."""
        ops = [o.model_dump() for o in body.opinions]
        partner = sharing.partner_of(collab, p)
        return _call(lambda: sharing.receive_opinions(collab, p.org_id, partner, ops))  # type: ignore[no-any-return]

    @app.get("/v1/share/{collab}/status", tags=["sharing"])
    def status(collab: str, p: Staff) -> dict[str, Any]:
        def run() -> dict[str, Any]:
            c = sharing.collab(collab, p.org_id)
            return {"collaboration": c.name, "enabled": c.enabled, "members": [m.name for m in c.members],
                    "signals": sharing.signal_status(collab, p.org_id),
                    "partner_signals": sharing.remote_status(collab, p.org_id)}
        return _call(run)  # type: ignore[no-any-return]

    @app.get("/v1/share/items/{item_id}", tags=["sharing"])
    def item(item_id: str, p: Reader) -> dict[str, Any]:
        """Partners and blocklists that flagged one of our items, and its priority before the boost."""
        def run() -> dict[str, Any]:
            pk = sharing.item_pk(p.org_id, item_id)
            return {"id": item_id, "sharing": sharing.matches(p.org_id, pk)}
        return _call(run)  # type: ignore[no-any-return]

    def after_ingest(p: Principal, _done: list[Any]) -> None:
        try:
            sharing.after_ingest(p.org_id)
        except Exception:  # noqa: BLE001 - the items are committed; a matching failure must not fail the ingest
            log.exception("sharing: matching new items of organisation %s failed", p.org_id)

    ctx.after_ingest.append(after_ingest)
    return sharing

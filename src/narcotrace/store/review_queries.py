"""Read-only queries the reviewer console needs beyond the Store's own: a key's principal, an author's other
items, a page of the audit chain newest first, and item counts over time by label, severity, class,
jurisdiction and action.

Kept apart from repo.py so the console's reads do not touch the write path; every function takes the Store
and the caller's org_id and filters on it, like the Store does.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime, timezone
from typing import Any, Sequence

from sqlalchemy import select

from narcotrace.store.models import ApiKey, AuditEntry, ItemRow, Org
from narcotrace.store.repo import Principal, Store

__all__ = ["DIMENSIONS", "audit_page", "author_items", "counts_over_time", "key_principal"]

# What the dashboard counts items by. "action" is the policy's decided action (one count per jurisdiction's
# decision), "review" the reviewer's final action ("awaiting review" while queued; never-queued items are not
# counted there).
DIMENSIONS = ("label", "severity", "class", "jurisdiction", "action", "review")


def key_principal(store: Store, key_id: int) -> Principal | None:
    """The Principal of a key still active (None once revoked): console sessions check it on every request."""
    with store._sessions() as s:
        row = s.execute(
            select(ApiKey.id, ApiKey.org_id, ApiKey.role, ApiKey.prefix, Org.name, Org.jurisdictions)
            .join(Org, Org.id == ApiKey.org_id)
            .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
        ).first()
    if row is None:
        return None
    return Principal(row.org_id, row.name, row.id, row.role, row.prefix,
                     tuple(j for j in row.jurisdictions.split(",") if j))


def author_items(store: Store, org_id: int, author_hash: str, exclude_item_id: str | None = None,
                 limit: int = 20) -> list[dict[str, Any]]:
    """The author's other stored items, newest first (summary fields only; the item page links to each)."""
    q = (select(ItemRow.item_id, ItemRow.label, ItemRow.severity, ItemRow.score, ItemRow.status,
                ItemRow.final_action, ItemRow.received_at, ItemRow.text)
         .where(ItemRow.org_id == org_id, ItemRow.author_hash == author_hash)
         .order_by(ItemRow.received_at.desc(), ItemRow.id.desc()).limit(limit))
    if exclude_item_id is not None:
        q = q.where(ItemRow.item_id != exclude_item_id)
    with store._sessions() as s:
        rows = s.execute(q).all()
    return [
        {"id": r.item_id, "label": r.label, "severity": r.severity, "score": r.score, "status": r.status,
         "final_action": r.final_action, "received_at": r.received_at.isoformat() if r.received_at else None,
         "text": r.text}
        for r in rows
    ]


def audit_page(store: Store, org_id: int, events: Sequence[str] | None = None, before: int | None = None,
               limit: int = 50) -> list[dict[str, Any]]:
    """Audit entries newest first, optionally only some events; `before` = a seq to page back from."""
    q = select(AuditEntry).where(AuditEntry.org_id == org_id)
    if events is not None:
        q = q.where(AuditEntry.event.in_(tuple(events)))
    if before is not None:
        q = q.where(AuditEntry.seq < before)
    with store._sessions() as s:
        rows = s.scalars(q.order_by(AuditEntry.seq.desc()).limit(limit)).all()
    return [
        {"seq": r.seq, "ts": r.ts, "actor": r.actor, "event": r.event, "subject": r.subject,
         "payload": json.loads(r.payload), "prev_hash": r.prev_hash, "hash": r.hash}
        for r in rows
    ]


def _day(ts: datetime) -> date:
    # SQLite hands back naive datetimes (stored as UTC by the Store); PostgreSQL aware ones.
    if ts.tzinfo is not None:
        ts = ts.astimezone(timezone.utc)
    return ts.date()


def _substances_tail(verdict_json: str) -> str:
    """The end of a stored verdict from its "substances" key on (short: sorted keys put it last).

    Stored verdicts are canonical JSON (store.audit.canonical), so "substances" is a top-level key and, quotes
    inside strings being escaped, the only place the literal `"substances":` can occur.
    """
    at = verdict_json.rfind('"substances":')
    return verdict_json[at:] if at >= 0 else ""


def _classes(tail: str) -> tuple[str, ...]:
    if not tail:
        return ()
    value = json.loads("{" + tail if tail.endswith("}") else "{" + tail + "}").get("substances", [])
    return tuple(sorted({str(sub.get("class", "other")) for sub in value}))


def _decisions(decisions_json: str) -> tuple[tuple[str, str], ...]:
    return tuple((str(d.get("jurisdiction")), str(d.get("action"))) for d in json.loads(decisions_json))


def counts_over_time(store: Store, org_id: int, since: datetime,
                     until: datetime | None = None) -> dict[str, dict[date, Counter[str]]]:
    """Items received in [since, until) counted per UTC day, for each of DIMENSIONS.

    Classes, jurisdictions and actions live inside the stored verdict and decisions JSON, so rows are read in
    batches and counted here. Rows are first grouped by everything that is counted (most items share their
    label, severity, classes and decisions with many others), so each distinct JSON text is parsed once.
    An item with two substances of one class counts once for that class.
    """
    q = (select(ItemRow.received_at, ItemRow.label, ItemRow.severity, ItemRow.verdict_json,
                ItemRow.decisions_json, ItemRow.final_action, ItemRow.status)
         .where(ItemRow.org_id == org_id, ItemRow.received_at >= since))
    if until is not None:
        q = q.where(ItemRow.received_at < until)
    groups: Counter[tuple[date, str, str, str, str, str | None, str]] = Counter()
    with store._sessions() as s:
        result = s.execute(q.execution_options(yield_per=2000))
        for r in result:
            groups[(_day(r.received_at), r.label, r.severity, _substances_tail(r.verdict_json),
                    r.decisions_json, r.final_action, r.status)] += 1
    out: dict[str, dict[date, Counter[str]]] = {d: defaultdict(Counter) for d in DIMENSIONS}
    classes: dict[str, tuple[str, ...]] = {}
    decisions: dict[str, tuple[tuple[str, str], ...]] = {}
    for (day, label, severity, tail, dec_json, final_action, status), n in groups.items():
        out["label"][day][label] += n
        out["severity"][day][severity] += n
        if tail not in classes:
            classes[tail] = _classes(tail)
        for cls in classes[tail]:
            out["class"][day][cls] += n
        if dec_json not in decisions:
            decisions[dec_json] = _decisions(dec_json)
        for jurisdiction, action in decisions[dec_json]:
            out["jurisdiction"][day][jurisdiction] += n
            out["action"][day][action] += n
        if final_action:
            out["review"][day][final_action] += n
        elif status in ("pending", "appealed"):
            out["review"][day]["awaiting review"] += n
    return {d: dict(days) for d, days in out.items()}

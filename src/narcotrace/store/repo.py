"""The Store: every read and write the service makes, one short transaction each, committed before it returns.

Organisation scoping is enforced here, not in the HTTP layer: every method that touches items takes the caller's
org_id and filters on it, so an item of another organisation is simply "not found".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Sequence

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from narcotrace.items import SEVERITY_RANK, Decision, Item, Verdict
from narcotrace.store.audit import GENESIS, ChainCheck, canonical, entry_hash, verify_chain
from narcotrace.store.engine import StoreError, make_engine, upgrade
from narcotrace.store.models import ApiKey, Appeal, AuditEntry, ItemRow, Org, Review, Strike

__all__ = [
    "ROLES",
    "ConflictError",
    "Ingested",
    "NotFoundError",
    "PermissionDeniedError",
    "Principal",
    "Store",
    "priority_of",
]

ROLES = ("ingest", "reviewer", "analyst", "admin", "partner")  # partner: reads sharing feeds only


class NotFoundError(StoreError):
    """No such item, organisation or key (or it belongs to another organisation)."""


class ConflictError(StoreError):
    """The request does not fit the item's state (e.g. deciding an item already decided)."""


class PermissionDeniedError(StoreError):
    """The caller may not do this (e.g. the reviewer who made a decision deciding its appeal)."""


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the key's organisation and role. `actor` names the key in audit entries (never the key)."""

    org_id: int
    org_name: str
    key_id: int
    role: str
    prefix: str
    jurisdictions: tuple[str, ...]

    @property
    def actor(self) -> str:
        return f"key:{self.prefix}"


@dataclass(frozen=True, slots=True)
class Ingested:
    verdict: dict[str, Any]
    queued: bool
    duplicate: bool


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def priority_of(severity: str, score: float, reach: float) -> float:
    """Review priority = severity weight x score x reach (docs/service.md): critical=5 ... none=1."""
    return round((1 + SEVERITY_RANK[severity]) * score * reach, 6)


def reach_of(prior_items_by_author: int) -> float:
    """An author with more stored items reaches more buyers; log so one prolific account cannot drown the queue."""
    return 1.0 + math.log1p(prior_items_by_author)


class Store:
    """Repositories over one database. Thread-safe: each call opens its own session."""

    def __init__(self, engine: Engine, author_key: bytes | None = None) -> None:
        self.engine = engine
        self.author_key = author_key
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, author_key: bytes | None = None, migrate: bool = True) -> Store:
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
        return cls(engine, author_key)

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> bool:
        with self._sessions() as s:
            s.execute(select(1))
        return True

    # --- privacy ------------------------------------------------------------------------------------

    def author_hash(self, org_id: int, author: str | None) -> str | None:
        """Keyed hash of an author id, per organisation (two organisations' hashes of one author differ)."""
        if author is None:
            return None
        if self.author_key is None:
            raise StoreError("no author hashing key configured (NARCOTRACE_AUTHOR_KEY or --author-key-file)")
        return hmac.new(self.author_key, f"{org_id}\x00{author}".encode(), hashlib.sha256).hexdigest()

    # --- organisations, keys, audit ---------------------------------------------------------------------

    def _append_audit(self, s: Session, org_id: int, actor: str, event: str, subject: str,
                      payload: dict[str, Any]) -> AuditEntry:
        # Lock the organisation row so two writers cannot both take the same seq (SQLite is already serialised
        # by BEGIN IMMEDIATE; FOR UPDATE is what serialises PostgreSQL).
        s.execute(select(Org.id).where(Org.id == org_id).with_for_update())
        last = s.execute(
            select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.org_id == org_id)
            .order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
        ts = _now().isoformat(timespec="microseconds")
        body = canonical(payload)
        entry = AuditEntry(org_id=org_id, seq=seq, ts=ts, actor=actor, event=event, subject=subject[:300],
                           payload=body, prev_hash=prev,
                           hash=entry_hash(prev, org_id, seq, ts, actor, event, subject[:300], body))
        s.add(entry)
        s.flush()
        return entry

    def create_org(self, name: str, jurisdictions: Sequence[str] = (), actor: str = "admin-cli") -> dict[str, Any]:
        name = name.strip()
        if not name:
            raise StoreError("organisation name must not be empty")
        try:
            with self._sessions.begin() as s:
                org = Org(name=name, jurisdictions=",".join(j.upper() for j in jurisdictions), created_at=_now())
                s.add(org)
                s.flush()
                self._append_audit(s, org.id, actor, "org-created", name, {"jurisdictions": list(jurisdictions)})
                return {"id": org.id, "name": org.name, "jurisdictions": list(jurisdictions)}
        except IntegrityError as exc:
            raise ConflictError(f"organisation {name!r} already exists") from exc

    def org_id(self, name: str) -> int:
        with self._sessions() as s:
            oid = s.scalar(select(Org.id).where(Org.name == name))
        if oid is None:
            raise NotFoundError(f"no organisation named {name!r} (create it with `narcotrace admin create-org`)")
        return oid

    def create_key(self, org_name: str | None, role: str, actor: str = "admin-cli",
                   org_id: int | None = None) -> dict[str, Any]:
        """A new API key; the plaintext is returned once here and only its SHA-256 is stored."""
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        oid = org_id if org_id is not None else self.org_id(str(org_name))
        key = "nt_" + secrets.token_urlsafe(32)
        prefix = key[:11]
        with self._sessions.begin() as s:
            row = ApiKey(org_id=oid, role=role, key_hash=_hash_key(key), prefix=prefix, created_at=_now())
            s.add(row)
            s.flush()
            self._append_audit(s, oid, actor, "key-created", prefix, {"role": role, "key_id": row.id})
            return {"key": key, "prefix": prefix, "role": role, "org_id": oid, "key_id": row.id}

    def revoke_key(self, principal_org: int, prefix: str, actor: str) -> dict[str, Any]:
        with self._sessions.begin() as s:
            row = s.scalar(select(ApiKey).where(ApiKey.org_id == principal_org, ApiKey.prefix == prefix,
                                                ApiKey.revoked_at.is_(None)))
            if row is None:
                raise NotFoundError(f"no active key {prefix!r}")
            row.revoked_at = _now()
            self._append_audit(s, principal_org, actor, "key-revoked", prefix, {"key_id": row.id})
            return {"prefix": prefix, "revoked": True}

    def authenticate(self, key: str) -> Principal | None:
        with self._sessions() as s:
            row = s.execute(
                select(ApiKey.id, ApiKey.org_id, ApiKey.role, ApiKey.prefix, Org.name, Org.jurisdictions)
                .join(Org, Org.id == ApiKey.org_id)
                .where(ApiKey.key_hash == _hash_key(key), ApiKey.revoked_at.is_(None))
            ).first()
        if row is None:
            return None
        js = tuple(j for j in row.jurisdictions.split(",") if j)
        return Principal(row.org_id, row.name, row.id, row.role, row.prefix, js)

    def record_policy(self, policy_name: str, policy_digest: str, actor: str = "service") -> int:
        """Append a policy-change entry to every organisation whose last recorded policy differs; returns how many."""
        changed = 0
        with self._sessions() as s:
            org_ids = list(s.scalars(select(Org.id)))
        for oid in org_ids:
            with self._sessions.begin() as s:
                last = s.scalar(
                    select(AuditEntry.payload).where(AuditEntry.org_id == oid, AuditEntry.event == "policy")
                    .order_by(AuditEntry.seq.desc()).limit(1)
                )
                if last is not None and json.loads(last).get("sha256") == policy_digest:
                    continue
                self._append_audit(s, oid, actor, "policy", policy_name, {"sha256": policy_digest})
                changed += 1
        return changed

    def audit(self, org_id: int, after: int = 0, limit: int = 100) -> list[dict[str, Any]]:
        with self._sessions() as s:
            rows = s.scalars(
                select(AuditEntry).where(AuditEntry.org_id == org_id, AuditEntry.seq > after)
                .order_by(AuditEntry.seq).limit(limit)
            ).all()
        return [
            {"seq": r.seq, "ts": r.ts, "actor": r.actor, "event": r.event, "subject": r.subject,
             "payload": json.loads(r.payload), "prev_hash": r.prev_hash, "hash": r.hash}
            for r in rows
        ]

    def verify_audit(self, org_id: int) -> ChainCheck:
        with self._sessions() as s:
            result = s.execute(
                select(AuditEntry.org_id, AuditEntry.seq, AuditEntry.ts, AuditEntry.actor, AuditEntry.event,
                       AuditEntry.subject, AuditEntry.payload, AuditEntry.prev_hash, AuditEntry.hash)
                .where(AuditEntry.org_id == org_id).order_by(AuditEntry.seq)
                .execution_options(yield_per=1000)
            )
            try:
                return verify_chain(result)
            finally:
                result.close()  # verify may stop at the first broken link; free the server-side cursor

    # --- items ------------------------------------------------------------------------------------------

    def ingest(self, org_id: int, batch: Sequence[tuple[Item, Verdict, bool]]) -> list[Ingested]:
        """Store items with their verdicts (decisions inside) once per (organisation, item id); queue the flagged.

        Items already stored are not touched: their stored verdict is returned with duplicate=True.
        Committed before returning, so a caller that acknowledges after this call never loses an item.
        """
        for attempt in range(3):
            try:
                return self._ingest_once(org_id, batch)
            except IntegrityError:
                # A concurrent request stored one of these ids between our read and our insert: read again.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _ingest_once(self, org_id: int, batch: Sequence[tuple[Item, Verdict, bool]]) -> list[Ingested]:
        ids = [item.id for item, _, _ in batch]
        if any(i is None for i in ids):
            raise StoreError("every stored item needs an id")
        now = _now()
        with self._sessions.begin() as s:
            existing = {
                r.item_id: r
                for r in s.execute(
                    select(ItemRow.item_id, ItemRow.verdict_json, ItemRow.decisions_json, ItemRow.status)
                    .where(ItemRow.org_id == org_id, ItemRow.item_id.in_(set(ids)))
                )
            }
            hashes = {item.author: self.author_hash(org_id, item.author) for item, _, _ in batch if item.author}
            counts: dict[str, int] = {}
            if hashes:
                counts = dict((str(h), int(n)) for h, n in s.execute(
                    select(ItemRow.author_hash, func.count()).where(
                        ItemRow.org_id == org_id, ItemRow.author_hash.in_(set(hashes.values()))
                    ).group_by(ItemRow.author_hash)
                ).all())
            out: list[Ingested] = []
            rows: list[dict[str, Any]] = []
            fresh: dict[str, Ingested] = {}
            for item, verdict, queue in batch:
                assert item.id is not None
                if item.id in existing:
                    r = existing[item.id]
                    v = json.loads(r.verdict_json)
                    if r.decisions_json != "[]":
                        v["decisions"] = json.loads(r.decisions_json)
                    out.append(Ingested(v, r.status not in ("none",), True))
                    continue
                if item.id in fresh:  # the same id twice in one batch: the first one wins
                    first = fresh[item.id]
                    out.append(Ingested(first.verdict, first.queued, True))
                    continue
                ah = hashes.get(item.author) if item.author else None
                reach = reach_of(counts.get(ah, 0)) if ah else 1.0
                if ah:
                    counts[ah] = counts.get(ah, 0) + 1
                vd = verdict.to_dict()
                decisions = vd.pop("decisions", [])
                rows.append({
                    "org_id": org_id, "item_id": item.id, "text": item.text, "author_hash": ah, "kind": item.kind,
                    "lang": item.lang, "platform": item.platform, "url": item.url, "country": item.country,
                    "created_at": item.created_at, "received_at": now, "label": verdict.label,
                    "score": verdict.score, "severity": verdict.severity,
                    "verdict_json": canonical(vd), "decisions_json": canonical(decisions),
                    "priority": priority_of(verdict.severity, verdict.score, reach),
                    "status": "pending" if queue else "none", "final_action": None,
                })
                fresh[item.id] = Ingested(verdict.to_dict(), queue, False)
                out.append(fresh[item.id])
            if rows:
                s.execute(insert(ItemRow), rows)
        return out

    def _item(self, s: Session, org_id: int, item_id: str, lock: bool = False) -> ItemRow:
        q = select(ItemRow).where(ItemRow.org_id == org_id, ItemRow.item_id == item_id)
        row = s.scalar(q.with_for_update() if lock else q)
        if row is None:
            raise NotFoundError(f"no item {item_id!r}")
        return row

    @staticmethod
    def _view(row: ItemRow) -> dict[str, Any]:
        verdict = json.loads(row.verdict_json)
        return {
            "id": row.item_id,
            "text": row.text,
            "text_purged": row.text_purged_at is not None,
            "kind": row.kind, "lang": row.lang, "platform": row.platform, "url": row.url, "country": row.country,
            "created_at": row.created_at,
            "author_hash": row.author_hash,
            "received_at": row.received_at.isoformat() if row.received_at else None,
            "status": row.status,
            "priority": row.priority,
            "final_action": row.final_action,
            "verdict": verdict,
            "decisions": json.loads(row.decisions_json),
        }

    def get_item(self, org_id: int, item_id: str) -> dict[str, Any]:
        with self._sessions() as s:
            row = self._item(s, org_id, item_id)
            view = self._view(row)
            view["reviews"] = [
                {"stage": r.stage, "action": r.action, "reason": r.reason, "created_at": r.created_at.isoformat()}
                for r in s.scalars(select(Review).where(Review.item_pk == row.id).order_by(Review.id))
            ]
            view["appeals"] = [
                {"reason": a.reason, "resolved": a.resolved, "created_at": a.created_at.isoformat()}
                for a in s.scalars(select(Appeal).where(Appeal.item_pk == row.id).order_by(Appeal.id))
            ]
        return view

    def queue(self, org_id: int, limit: int = 50, stage: str = "review") -> list[dict[str, Any]]:
        status = {"review": "pending", "appeal": "appealed"}[stage]
        with self._sessions() as s:
            rows = s.scalars(
                select(ItemRow).where(ItemRow.org_id == org_id, ItemRow.status == status)
                .order_by(ItemRow.priority.desc(), ItemRow.id).limit(limit)
            ).all()
            return [self._view(r) for r in rows]

    def queue_depth(self) -> dict[str, int]:
        with self._sessions() as s:
            return {str(st): int(n) for st, n in s.execute(
                select(ItemRow.status, func.count()).where(ItemRow.status.in_(("pending", "appealed")))
                .group_by(ItemRow.status)
            ).all()}

    def _active_strikes(self, s: Session, org_id: int, author_hash: str, window_days: int) -> int:
        q = select(func.count()).select_from(Strike).where(
            Strike.org_id == org_id, Strike.author_hash == author_hash, Strike.active.is_(True))
        if window_days > 0:
            q = q.where(Strike.created_at >= _now() - timedelta(days=window_days))
        return int(s.scalar(q) or 0)

    def decide(self, p: Principal, item_id: str, action: str, reason: str, strike_actions: Sequence[str],
               window_days: int) -> dict[str, Any]:
        """A reviewer's decision; on an appealed item, only by a different key than the first decision's."""
        with self._sessions.begin() as s:
            row = self._item(s, p.org_id, item_id, lock=True)
            if row.status == "decided":
                raise ConflictError(f"item {item_id!r} is already decided; appeal it to reopen it")
            stage = "appeal" if row.status == "appealed" else "review"
            if stage == "appeal":
                first = s.scalars(select(Review.key_id).where(Review.item_pk == row.id, Review.stage == "review"))
                if p.key_id in set(first):
                    raise PermissionDeniedError("an appeal must be decided by a different reviewer than the decision")
                for appeal in s.scalars(select(Appeal).where(Appeal.item_pk == row.id, Appeal.resolved.is_(False))):
                    appeal.resolved = True
            s.add(Review(org_id=p.org_id, item_pk=row.id, key_id=p.key_id, stage=stage, action=action,
                         reason=reason, created_at=_now()))
            previous = row.final_action
            row.status = "decided"
            row.final_action = action
            strike = s.scalar(select(Strike).where(Strike.item_pk == row.id))
            if row.author_hash is not None:
                if action in strike_actions:
                    if strike is None:
                        s.add(Strike(org_id=p.org_id, author_hash=row.author_hash, item_pk=row.id,
                                     created_at=_now(), active=True))
                    else:
                        strike.active = True
                elif strike is not None:
                    strike.active = False  # the appeal overturned the decision that gave the strike
            s.flush()
            strikes = self._active_strikes(s, p.org_id, row.author_hash, window_days) if row.author_hash else 0
            event = "appeal-decision" if stage == "appeal" else "decision"
            self._append_audit(s, p.org_id, p.actor, event, item_id,
                               {"action": action, "reason": reason, "previous": previous, "author_strikes": strikes})
            return {"id": item_id, "stage": stage, "action": action, "status": row.status,
                    "author_strikes": strikes}

    def appeal(self, p: Principal, item_id: str, reason: str) -> dict[str, Any]:
        with self._sessions.begin() as s:
            row = self._item(s, p.org_id, item_id, lock=True)
            if row.status != "decided":
                raise ConflictError(f"item {item_id!r} has no decision to appeal (status {row.status})")
            if s.scalar(select(func.count()).select_from(Appeal).where(Appeal.item_pk == row.id)):
                raise ConflictError(f"item {item_id!r} was already appealed once")
            s.add(Appeal(org_id=p.org_id, item_pk=row.id, key_id=p.key_id, reason=reason, created_at=_now(),
                         resolved=False))
            row.status = "appealed"
            self._append_audit(s, p.org_id, p.actor, "appeal", item_id, {"reason": reason,
                                                                         "decision": row.final_action})
            return {"id": item_id, "status": row.status}

    def strikes(self, org_id: int, author: str, window_days: int) -> int:
        ah = self.author_hash(org_id, author)
        assert ah is not None
        with self._sessions() as s:
            return self._active_strikes(s, org_id, ah, window_days)

    def purge(self, retention_days: int, actor: str = "admin-cli") -> int:
        """Delete raw text older than retention_days (verdicts, indicators, decisions stay); returns items purged."""
        if retention_days < 0:
            raise StoreError("retention days must be 0 or more")
        cutoff = _now() - timedelta(days=retention_days)
        total = 0
        with self._sessions.begin() as s:
            per_org = s.execute(
                select(ItemRow.org_id, func.count()).where(ItemRow.received_at < cutoff, ItemRow.text.is_not(None))
                .group_by(ItemRow.org_id)
            ).all()
            if per_org:
                s.execute(update(ItemRow).where(ItemRow.received_at < cutoff, ItemRow.text.is_not(None))
                          .values(text=None, text_purged_at=_now()))
            for oid, n in per_org:
                total += n
                self._append_audit(s, oid, actor, "purge", f"{n} items",
                                   {"items": n, "retention_days": retention_days})
        return total

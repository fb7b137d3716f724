"""The sharing engine over the store: index our items' keyed tokens, build the feed, take in partners' signals and
opinions, match them to our items (evidence + review priority), quarantine floods, and keep the blocklist bank.

Everything here runs inside the organisation's own database; the only data that leaves is what `feed` returns
(`Signal`s: keyed tokens, labels, severity, opinion, day-granular dates, a count) and the opinions `push_opinions`
sends (type, keyed token, opinion). Every export and import appends an entry to the organisation's audit chain.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from narcotrace._exceptions import InputError
from narcotrace.items import SEVERITY_RANK
from narcotrace.sharing._config import Collaboration, CollaborationDisabled, ConfigError
from narcotrace.sharing._signals import (
    OPINIONS,
    TEXT_TYPE,
    Signal,
    TextFingerprinter,
    aggregate_opinion,
    day_of,
    indicator_token,
)
from narcotrace.store import NotFoundError, Store
from narcotrace.store.models import (
    ItemRow,
    Review,
    ShareBank,
    ShareCheckpoint,
    ShareItemToken,
    ShareMatch,
    ShareOpinion,
    ShareRemote,
    ShareSignal,
)

__all__ = ["BANK", "REMOVING_ACTIONS", "Sharing", "boost_factor"]

# A reviewer's decision with one of these actions confirms the item as a seller's (docs/policy.md actions).
REMOVING_ACTIONS = ("remove", "remove-and-escalate")
BANK = "@bank"  # pseudo-collaboration of the local blocklist bank in share_item_tokens
_INDEXED = "@indexed:"  # checkpoint partner name holding the last item pk indexed for a collaboration
SUPPORT_BOOST = 0.5  # review priority x (1 + 0.5 per partner that reported the seller)
DISPUTED_BOOST = 0.25  # ...half as much when partners disagree about the signal
BANK_BOOST = 0.25  # ...and x (1 + 0.25) when a domain is on an imported public blocklist
MIN_TEXT_BANDS = 2
_FEED_PAGE = 500


def _now() -> datetime:
    return datetime.now(timezone.utc)


def boost_factor(details: dict[str, Any]) -> float:
    """Priority multiplier for an item's sharing matches (see docs/sharing.md, "Review priority")."""
    factor = 1.0
    for name, d in details.items():
        if name == BANK:
            factor += BANK_BOOST if d else 0.0
            continue
        factor += len(d["partners"]) * (DISPUTED_BOOST if d["opinion"] == "disputed" else SUPPORT_BOOST)
    return round(factor, 6)


def _hosts(ind: dict[str, Any]) -> list[str]:
    """Host names an indicator names, with parent domains (2+ labels), for blocklist look-ups."""
    if ind.get("type") == "domain":
        host = str(ind.get("normalized", ""))
    elif ind.get("type") == "url":
        raw = str(ind.get("normalized", ""))
        host = urlsplit(raw if "//" in raw else "//" + raw).hostname or ""
    else:
        return []
    host = host.lower().rstrip(".").removeprefix("www.")
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] if len(labels) >= 2 else []


@dataclass(frozen=True, slots=True)
class _Tok:
    type: str
    token: str
    start: int
    end: int


class Sharing:
    """Sharing for the organisations of one store. Thread-safe: one lock serialises the writers of this process."""

    def __init__(self, store: Store, collaborations: Iterable[Collaboration] = ()) -> None:
        self.store = store
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)
        self._collabs: dict[str, Collaboration] = {}
        self._fingerprinters: dict[str, TextFingerprinter] = {}
        self._lock = threading.RLock()
        self._org_ids: dict[str, int] = {}
        self._refreshed: dict[str, tuple[Any, Any]] = {}
        for c in collaborations:
            self.add(c)

    # --- configuration --------------------------------------------------------------------------------

    def add(self, collab: Collaboration) -> None:
        if collab.name.startswith("@"):
            raise ConfigError(f"collaboration name {collab.name!r} may not start with '@'")
        self._collabs[collab.name] = collab
        self._refreshed.pop(collab.name, None)
        self._fingerprinters[collab.name] = TextFingerprinter(collab.secret)

    @property
    def collaborations(self) -> dict[str, Collaboration]:
        return dict(self._collabs)

    def collab(self, name: str, org_id: int | None = None) -> Collaboration:
        """The collaboration; NotFoundError when unknown or when `org_id` is not its organisation."""
        c = self._collabs.get(name)
        if c is None or (org_id is not None and self.org_of(c) != org_id):
            raise NotFoundError(f"no collaboration {name!r}")
        return c

    def org_of(self, c: Collaboration) -> int:
        # Cached: an organisation's id never changes, and a look-up inside an open write transaction would wait
        # on SQLite's database lock held by that same transaction.
        oid = self._org_ids.get(c.org)
        if oid is None:
            oid = self._org_ids[c.org] = self.store.org_id(c.org)
        return oid

    def partner_of(self, collab: str, principal: Any) -> str:
        """The member a partner key belongs to (by the config's `key_prefix`), else the key's actor name."""
        c = self._collabs.get(collab)
        for m in c.members if c else ():
            if m.key_prefix and m.key_prefix == principal.prefix:
                return m.name
        return str(principal.actor)

    def collabs_of(self, org_id: int) -> list[Collaboration]:
        out = []
        for c in self._collabs.values():
            try:
                if self.org_of(c) == org_id:
                    out.append(c)
            except NotFoundError:
                continue  # configured for an organisation this store does not hold (yet)
        return out

    def _audit(self, s: Session, org_id: int, actor: str, event: str, subject: str, payload: dict[str, Any]) -> None:
        # The store's own audit append: same chain, same locking (Store._append_audit).
        self.store._append_audit(s, org_id, actor, event, subject, payload)  # noqa: SLF001

    # --- our items' tokens ----------------------------------------------------------------------------

    def _item_tokens(self, c: Collaboration | None, row: Any) -> list[_Tok]:
        verdict = json.loads(row.verdict_json)
        out: dict[tuple[str, str], _Tok] = {}
        for ind in verdict.get("indicators", ()):
            if not ind.get("valid") or not ind.get("normalized"):
                continue
            start, end = int(ind.get("start", 0)), int(ind.get("end", 0))
            if c is None:  # the bank: raw public host names
                for h in _hosts(ind):
                    out.setdefault(("domain", h), _Tok("domain", h[:300], start, end))
                continue
            t = str(ind["type"])[:32]
            tok = indicator_token(c.secret, t, str(ind["normalized"]))
            out.setdefault((t, tok), _Tok(t, tok, start, end))
        if c is not None and c.share_text and row.text and row.label in ("offer", "solicit"):
            fp = self._fingerprinters[c.name].fingerprint(row.text)
            if fp:
                for i, band in enumerate(fp.split(".")):
                    out[(TEXT_TYPE, f"{i:02d}:{band}")] = _Tok(TEXT_TYPE, f"{i:02d}:{band}", 0, 0)
        return list(out.values())

    def index(self, org_id: int, names: Sequence[str] | None = None) -> int:
        """Tokens of our items not indexed yet (per collaboration and for the bank); returns rows added."""
        added = 0
        targets: list[tuple[str, Collaboration | None]] = [(BANK, None)]
        targets += [(c.name, c) for c in self.collabs_of(org_id) if names is None or c.name in names]
        with self._lock:
            for name, c in targets:
                with self._sessions.begin() as s:
                    cp = self._checkpoint(s, org_id, name, _INDEXED + name)
                    rows = s.execute(
                        select(ItemRow.id, ItemRow.text, ItemRow.label, ItemRow.verdict_json)
                        .where(ItemRow.org_id == org_id, ItemRow.id > cp.cursor).order_by(ItemRow.id)
                    ).all()
                    batch = [{"org_id": org_id, "collab": name, "item_pk": r.id, "type": t.type, "token": t.token,
                              "start": t.start, "end": t.end} for r in rows for t in self._item_tokens(c, r)]
                    for i in range(0, len(batch), 5000):  # Core bulk insert: ORM objects cost 10x here
                        s.execute(insert(ShareItemToken), batch[i:i + 5000])
                    added += len(batch)
                    if rows:
                        cp.cursor = rows[-1].id
                        cp.updated_at = _now()
        return added

    def _checkpoint(self, s: Session, org_id: int, collab: str, partner: str) -> ShareCheckpoint:
        cp = s.scalar(select(ShareCheckpoint).where(ShareCheckpoint.org_id == org_id,
                                                    ShareCheckpoint.collab == collab,
                                                    ShareCheckpoint.partner == partner))
        if cp is None:
            cp = ShareCheckpoint(org_id=org_id, collab=collab, partner=partner, cursor=0, updated_at=_now())
            s.add(cp)
            s.flush()
        return cp

    # --- our feed -------------------------------------------------------------------------------------

    def refresh(self, collab: str) -> int:
        """Rebuild our signals from confirmed (or high-scoring, unreviewed) items; returns how many changed."""
        c = self.collab(collab)
        org_id = self.org_of(c)
        # Signals change only with new items or new decisions (ids only grow): skip the rebuild when neither moved,
        # so a partner paging through the feed does not rebuild it once per page.
        with self._sessions() as s:
            state = (s.scalar(select(func.max(ItemRow.id)).where(ItemRow.org_id == org_id)),
                     s.scalar(select(func.max(Review.id)).where(Review.org_id == org_id)))
        if self._refreshed.get(c.name) == state:
            return 0
        self.index(org_id, [c.name])
        with self._lock, self._sessions.begin() as s:
            rows = s.execute(
                select(ItemRow.id, ItemRow.label, ItemRow.score, ItemRow.severity, ItemRow.verdict_json,
                       ItemRow.final_action, ItemRow.received_at, ShareItemToken.type, ShareItemToken.token)
                .join(ShareItemToken, ShareItemToken.item_pk == ItemRow.id)
                .where(ItemRow.org_id == org_id, ShareItemToken.collab == c.name)
            ).all()
            agg: dict[tuple[str, str], dict[str, Any]] = {}
            texts: dict[int, list[str]] = {}
            meta: dict[int, Any] = {}
            for r in rows:
                confirmed = r.final_action in REMOVING_ACTIONS
                seed = r.final_action is None and r.label == "offer" and r.score >= c.min_score
                if not (confirmed or seed):
                    continue
                meta[r.id] = r
                if r.type == TEXT_TYPE:
                    texts.setdefault(r.id, []).append(r.token)
                    continue
                self._accumulate(agg, (r.type, r.token), r, confirmed)
            for pk, bands in texts.items():
                full = ".".join(b.split(":", 1)[1] for b in sorted(bands))
                r = meta[pk]
                self._accumulate(agg, (TEXT_TYPE, full), r, r.final_action in REMOVING_ACTIONS)
            existing = {(x.type, x.token): x for x in s.scalars(
                select(ShareSignal).where(ShareSignal.org_id == org_id, ShareSignal.collab == c.name))}
            seq = int(s.scalar(select(func.max(ShareSignal.seq)).where(
                ShareSignal.org_id == org_id, ShareSignal.collab == c.name)) or 0)
            changed = 0
            for key, a in agg.items():
                sig = Signal(key[0], key[1], tuple(sorted(a["labels"])), a["severity"],
                             "positive" if a["confirmed"] else "investigation_seed", a["first"], a["last"], a["count"])
                row = existing.pop(key, None)
                if row is not None and _signal_of(row) == sig:
                    continue
                seq += 1
                changed += 1
                if row is None:
                    s.add(ShareSignal(org_id=org_id, collab=c.name, seq=seq, **_columns(sig)))
                else:
                    for k, v in _columns(sig).items():
                        setattr(row, k, v)
                    row.seq = seq
            for row in existing.values():
                # No longer backed by a confirmed or high-scoring item (e.g. overturned on appeal): retract it.
                if row.opinion != "negative" or row.count != 0:
                    seq += 1
                    changed += 1
                    row.opinion, row.count, row.seq = "negative", 0, seq
        self._refreshed[c.name] = state
        return changed

    @staticmethod
    def _accumulate(agg: dict[tuple[str, str], dict[str, Any]], key: tuple[str, str], r: Any, confirmed: bool) -> None:
        a = agg.setdefault(key, {"labels": set(), "severity": "none", "confirmed": False, "first": "9999-12-31",
                                 "last": "0000-01-01", "items": set(), "count": 0})
        if r.id in a["items"]:
            return
        a["items"].add(r.id)
        a["count"] += 1
        verdict = json.loads(r.verdict_json)
        a["labels"].add(r.label)
        a["labels"].update(f"class:{s['class']}" for s in verdict.get("substances", ()) if s.get("class"))
        if SEVERITY_RANK.get(r.severity, 0) > SEVERITY_RANK[a["severity"]]:
            a["severity"] = r.severity
        a["confirmed"] = a["confirmed"] or confirmed
        day = day_of(r.received_at)
        a["first"], a["last"] = min(a["first"], day), max(a["last"], day)

    def feed(self, collab: str, org_id: int, cursor: int, actor: str, limit: int = _FEED_PAGE) -> dict[str, Any]:
        """One page of our signals after `cursor` for a partner (audited as an export)."""
        c = self.collab(collab, org_id)
        if not c.enabled:
            raise CollaborationDisabled(f"collaboration {collab!r} is disabled")
        self.refresh(collab)
        with self._lock, self._sessions.begin() as s:
            rows = s.scalars(select(ShareSignal).where(
                ShareSignal.org_id == org_id, ShareSignal.collab == c.name, ShareSignal.seq > cursor)
                .order_by(ShareSignal.seq).limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            nxt = rows[-1].seq if rows else cursor
            self._audit(s, org_id, actor, "share-export", c.name,
                        {"cursor": cursor, "next_cursor": nxt, "signals": len(rows)})
            return {"collaboration": c.name, "signals": [_signal_of(r).to_dict() for r in rows],
                    "cursor": nxt, "more": more}

    def export(self, collab: str, actor: str = "cli") -> list[Signal]:
        """Our confirmed (positive) signals, for an export file (audited)."""
        c = self.collab(collab)
        org_id = self.org_of(c)
        self.refresh(collab)
        with self._lock, self._sessions.begin() as s:
            rows = s.scalars(select(ShareSignal).where(
                ShareSignal.org_id == org_id, ShareSignal.collab == c.name, ShareSignal.opinion == "positive")
                .order_by(ShareSignal.seq)).all()
            out = [_signal_of(r) for r in rows]
            self._audit(s, org_id, actor, "share-export-file", c.name, {"signals": len(out)})
        return out

    # --- opinions -------------------------------------------------------------------------------------

    def receive_opinions(self, collab: str, org_id: int, partner: str,
                         opinions: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """A partner's opinions on our signals; unknown signals are counted and ignored (audited)."""
        c = self.collab(collab, org_id)
        if not c.enabled:
            raise CollaborationDisabled(f"collaboration {collab!r} is disabled")
        for i, o in enumerate(opinions):
            if not isinstance(o, dict) or set(o) != {"type", "token", "opinion"}:
                raise InputError(f"opinions[{i}]: expected exactly the fields type, token, opinion")
            if o["opinion"] not in OPINIONS:
                raise InputError(f"opinions[{i}]: field 'opinion' must be one of {', '.join(OPINIONS)}")
        accepted = unknown = 0
        with self._lock, self._sessions.begin() as s:
            ours = {(t, k) for t, k in s.execute(select(ShareSignal.type, ShareSignal.token).where(
                ShareSignal.org_id == org_id, ShareSignal.collab == c.name))}
            for o in opinions:
                key = (str(o["type"]), str(o["token"]))
                if key not in ours:
                    unknown += 1
                    continue
                row = s.scalar(select(ShareOpinion).where(
                    ShareOpinion.org_id == org_id, ShareOpinion.collab == c.name, ShareOpinion.partner == partner,
                    ShareOpinion.type == key[0], ShareOpinion.token == key[1]))
                if row is None:
                    s.add(ShareOpinion(org_id=org_id, collab=c.name, partner=partner, type=key[0], token=key[1],
                                       opinion=o["opinion"], day=day_of(_now())))
                else:
                    row.opinion, row.day = o["opinion"], day_of(_now())
                accepted += 1
            self._audit(s, org_id, partner, "share-opinions-in", c.name,
                        {"accepted": accepted, "unknown": unknown})
        return {"accepted": accepted, "unknown": unknown}

    def signal_status(self, collab: str, org_id: int) -> list[dict[str, Any]]:
        """Our signals with the partners' opinions and the aggregate (disputed when opinions disagree)."""
        c = self.collab(collab, org_id)
        with self._sessions() as s:
            ops: dict[tuple[str, str], list[tuple[str, str]]] = {}
            for o in s.scalars(select(ShareOpinion).where(ShareOpinion.org_id == org_id,
                                                          ShareOpinion.collab == c.name)):
                ops.setdefault((o.type, o.token), []).append((o.partner, o.opinion))
            out = []
            for r in s.scalars(select(ShareSignal).where(ShareSignal.org_id == org_id, ShareSignal.collab == c.name)
                               .order_by(ShareSignal.seq)):
                theirs = ops.get((r.type, r.token), [])
                out.append({**_signal_of(r).to_dict(), "partner_opinions": dict(sorted(theirs)),
                            "aggregate": aggregate_opinion([r.opinion] + [op for _, op in theirs])})
        return out

    def local_opinions(self, collab: str) -> dict[str, list[dict[str, str]]]:
        """Our opinions on each partner's signals, from our reviewers' decisions on the items they matched."""
        c = self.collab(collab)
        org_id = self.org_of(c)
        with self._sessions() as s:
            rows = s.execute(
                select(ShareRemote.partner, ShareRemote.type, ShareRemote.token, ItemRow.final_action)
                .join(ShareItemToken, (ShareItemToken.org_id == ShareRemote.org_id)
                      & (ShareItemToken.collab == ShareRemote.collab) & (ShareItemToken.type == ShareRemote.type)
                      & (ShareItemToken.token == ShareRemote.token))
                .join(ItemRow, ItemRow.id == ShareItemToken.item_pk)
                .where(ShareRemote.org_id == org_id, ShareRemote.collab == c.name, ItemRow.status == "decided")
            ).all()
        votes: dict[tuple[str, str, str], set[str]] = {}
        for partner, type_, token, action in rows:
            votes.setdefault((partner, type_, token), set()).add(
                "positive" if action in REMOVING_ACTIONS else "negative")
        out: dict[str, list[dict[str, str]]] = {}
        for (partner, type_, token), v in sorted(votes.items()):
            if len(v) == 1:  # our own reviewers disagreeing: no opinion is sent
                out.setdefault(partner, []).append({"type": type_, "token": token, "opinion": v.pop()})
        return out

    def record_opinions_sent(self, collab: str, partner: str, opinions: int, accepted: int,
                             actor: str = "fetcher") -> None:
        c = self.collab(collab)
        org_id = self.org_of(c)
        with self._lock, self._sessions.begin() as s:
            self._audit(s, org_id, actor, "share-opinions-out", f"{c.name}/{partner}",
                        {"opinions": opinions, "accepted": accepted})

    # --- partners' signals ----------------------------------------------------------------------------

    def _checkpoint_value(self, org_id: int, collab: str, partner: str) -> int:
        with self._sessions.begin() as s:
            return self._checkpoint(s, org_id, collab, partner).cursor

    def cursor(self, collab: str, partner: str) -> int:
        c = self.collab(collab)
        return self._checkpoint_value(self.org_of(c), c.name, partner)

    def take(self, collab: str, partner: str, signals: Sequence[Signal], next_cursor: int,
             actor: str = "fetcher") -> int:
        """Store a page of a partner's signals and its checkpoint in one transaction (audited as an import)."""
        c = self.collab(collab)
        c.member(partner)
        org_id = self.org_of(c)
        with self._lock, self._sessions.begin() as s:
            for sig in signals:
                row = s.scalar(select(ShareRemote).where(
                    ShareRemote.org_id == org_id, ShareRemote.collab == c.name, ShareRemote.partner == partner,
                    ShareRemote.type == sig.type, ShareRemote.token == sig.token))
                if row is None:
                    s.add(ShareRemote(org_id=org_id, collab=c.name, partner=partner, matched=0, quarantined=False,
                                      fetched_at=_now(), **_columns(sig)))
                else:
                    for k, v in _columns(sig).items():
                        setattr(row, k, v)
                    row.fetched_at = _now()
            cp = self._checkpoint(s, org_id, c.name, partner)
            cp.cursor, cp.updated_at = next_cursor, _now()
            self._audit(s, org_id, actor, "share-import", f"{c.name}/{partner}",
                        {"signals": len(signals), "cursor": next_cursor})
        return len(signals)

    # --- matching -------------------------------------------------------------------------------------

    def rematch(self, org_id: int) -> dict[str, int]:
        """Match every partners' signal and the bank against our items; set evidence, priority and quarantine."""
        self.index(org_id)
        collabs = self.collabs_of(org_id)
        with self._lock, self._sessions.begin() as s:
            total = int(s.scalar(select(func.count()).select_from(ItemRow).where(ItemRow.org_id == org_id)) or 0)
            hits: dict[int, list[tuple[ShareRemote, ShareItemToken]]] = {}
            for c in collabs:
                remote = s.scalars(select(ShareRemote).where(ShareRemote.org_id == org_id,
                                                             ShareRemote.collab == c.name)).all()
                for r in remote:
                    matched = self._matching_tokens(s, org_id, c.name, r)
                    items = {t.item_pk for t in matched}
                    r.matched = len(items)
                    # Flood valve: a signal that matches too much of our traffic is most likely a common value
                    # (a big platform's domain, a shared template), or an attack; it is kept but not acted on.
                    r.quarantined = len(items) > max(c.flood_min_items, c.flood_share * total)
                    if r.quarantined or not c.enabled or r.opinion == "negative":
                        continue
                    for t in matched:
                        hits.setdefault(t.item_pk, []).append((r, t))
            bank = s.execute(
                select(ShareItemToken, ShareBank.source).join(ShareBank, (ShareBank.org_id == ShareItemToken.org_id)
                                                              & (ShareBank.type == ShareItemToken.type)
                                                              & (ShareBank.value == ShareItemToken.token))
                .where(ShareItemToken.org_id == org_id, ShareItemToken.collab == BANK)
            ).all()
            bank_hits: dict[int, list[tuple[ShareItemToken, str]]] = {}
            for t, source in bank:
                bank_hits.setdefault(t.item_pk, []).append((t, source))
            return self._apply(s, org_id, hits, bank_hits)

    def _matching_tokens(self, s: Session, org_id: int, collab: str, r: ShareRemote) -> list[ShareItemToken]:
        base = select(ShareItemToken).where(ShareItemToken.org_id == org_id, ShareItemToken.collab == collab,
                                            ShareItemToken.type == r.type)
        if r.type != TEXT_TYPE:
            return list(s.scalars(base.where(ShareItemToken.token == r.token)))
        bands = [f"{i:02d}:{b}" for i, b in enumerate(r.token.split("."))]
        per_item: dict[int, list[ShareItemToken]] = {}
        for t in s.scalars(base.where(ShareItemToken.token.in_(bands))):
            per_item.setdefault(t.item_pk, []).append(t)
        return [ts[0] for ts in per_item.values() if len(ts) >= MIN_TEXT_BANDS]

    def match_new(self, org_id: int) -> dict[str, int]:
        """Match only the items not indexed yet (the ingest path), under the quarantine flags of the last full
        `rematch`: the cost grows with the new items and their matches, not with the partners' feeds."""
        with self._lock:
            with self._sessions.begin() as s:
                since = self._checkpoint(s, org_id, BANK, _INDEXED + BANK).cursor
            self.index(org_id)
            enabled = {c.name for c in self.collabs_of(org_id) if c.enabled}
            with self._sessions.begin() as s:
                live = (ShareRemote.org_id == org_id) & ShareRemote.quarantined.is_(False) & (
                    ShareRemote.opinion != "negative")
                hits: dict[int, list[tuple[ShareRemote, ShareItemToken]]] = {}
                for r, t in s.execute(
                    select(ShareRemote, ShareItemToken).join(
                        ShareItemToken, (ShareItemToken.org_id == ShareRemote.org_id)
                        & (ShareItemToken.collab == ShareRemote.collab) & (ShareItemToken.type == ShareRemote.type)
                        & (ShareItemToken.token == ShareRemote.token))
                    .where(live, ShareRemote.type != TEXT_TYPE, ShareItemToken.item_pk > since)
                ).all():
                    if r.collab in enabled:
                        hits.setdefault(t.item_pk, []).append((r, t))
                texts = [r for r in s.scalars(select(ShareRemote).where(live, ShareRemote.type == TEXT_TYPE))
                         if r.collab in enabled]
                if texts:
                    by_band: dict[tuple[str, str], list[ShareItemToken]] = {}
                    for t in s.scalars(select(ShareItemToken).where(
                            ShareItemToken.org_id == org_id, ShareItemToken.type == TEXT_TYPE,
                            ShareItemToken.item_pk > since)):
                        by_band.setdefault((t.collab, t.token), []).append(t)
                    for r in texts:
                        per_item: dict[int, list[ShareItemToken]] = {}
                        for i, band in enumerate(r.token.split(".")):
                            for t in by_band.get((r.collab, f"{i:02d}:{band}"), ()):
                                per_item.setdefault(t.item_pk, []).append(t)
                        for pk, ts in per_item.items():
                            if len(ts) >= MIN_TEXT_BANDS:
                                hits.setdefault(pk, []).append((r, ts[0]))
                bank_hits: dict[int, list[tuple[ShareItemToken, str]]] = {}
                for t, source in s.execute(
                    select(ShareItemToken, ShareBank.source).join(
                        ShareBank, (ShareBank.org_id == ShareItemToken.org_id) & (ShareBank.type == ShareItemToken.type)
                        & (ShareBank.value == ShareItemToken.token))
                    .where(ShareItemToken.org_id == org_id, ShareItemToken.collab == BANK,
                           ShareItemToken.item_pk > since)
                ).all():
                    bank_hits.setdefault(t.item_pk, []).append((t, source))
                return self._apply(s, org_id, hits, bank_hits, scope=set(hits) | set(bank_hits))

    def _apply(self, s: Session, org_id: int, hits: dict[int, list[tuple[ShareRemote, ShareItemToken]]],
               bank_hits: dict[int, list[tuple[ShareItemToken, str]]],
               scope: set[int] | None = None) -> dict[str, int]:
        """Write matches, evidence and priority for the items in `scope` (None: every item of the organisation)."""
        q = select(ShareMatch).where(ShareMatch.org_id == org_id)
        if scope is not None:
            if not scope:
                return {"items_changed": 0, "items_matched": 0}
            q = q.where(ShareMatch.item_pk.in_(scope))
        existing = {m.item_pk: m for m in s.scalars(q)}
        touched = 0
        for pk in set(hits) | set(bank_hits) | set(existing):
            details: dict[str, Any] = {}
            spans: dict[str, tuple[int, int]] = {}
            for r, t in hits.get(pk, []):
                d = details.setdefault(r.collab, {"partners": set(), "types": set(), "opinions": []})
                d["partners"].add(r.partner)
                d["types"].add(r.type)
                d["opinions"].append(r.opinion)
                if t.type != TEXT_TYPE:
                    spans.setdefault(r.collab, (t.start, t.end))
            for name, d in details.items():
                d["partners"] = sorted(d["partners"])
                d["types"] = sorted(d["types"])
                d["opinion"] = aggregate_opinion(d.pop("opinions"))
            if pk in bank_hits:
                details[BANK] = sorted({src for _, src in bank_hits[pk]})
                t0 = bank_hits[pk][0][0]
                spans[BANK] = (t0.start, t0.end)
            row = s.get(ItemRow, pk)
            if row is None:
                continue
            m = existing.get(pk)
            if not details:
                if m is not None:
                    row.priority = m.base_priority
                    row.verdict_json = _with_evidence(row, {}, {})
                    s.delete(m)
                    touched += 1
                continue
            detail_json = json.dumps(details, sort_keys=True)
            partners = len({p for n, d in details.items() if n != BANK for p in d["partners"]})
            if m is None:
                m = ShareMatch(org_id=org_id, item_pk=pk, base_priority=row.priority, partners=partners,
                               detail="", updated_at=_now())
                s.add(m)
            elif m.detail == detail_json:
                continue
            m.detail, m.partners, m.updated_at = detail_json, partners, _now()
            row.priority = round(m.base_priority * boost_factor(details), 6)
            row.verdict_json = _with_evidence(row, details, spans)
            touched += 1
        return {"items_changed": touched, "items_matched": len(set(hits) | set(bank_hits))}

    def matches(self, org_id: int, item_pk: int) -> dict[str, Any] | None:
        with self._sessions() as s:
            m = s.scalar(select(ShareMatch).where(ShareMatch.org_id == org_id, ShareMatch.item_pk == item_pk))
            return None if m is None else {"partners": m.partners, "base_priority": m.base_priority,
                                           "detail": json.loads(m.detail)}

    def item_pk(self, org_id: int, item_id: str) -> int:
        with self._sessions() as s:
            pk = s.scalar(select(ItemRow.id).where(ItemRow.org_id == org_id, ItemRow.item_id == item_id[:256]))
        if pk is None:
            raise NotFoundError(f"no item {item_id[:64]!r}")
        return int(pk)

    def remote_status(self, collab: str, org_id: int) -> list[dict[str, Any]]:
        c = self.collab(collab, org_id)
        with self._sessions() as s:
            return [{**_signal_of(r).to_dict(), "partner": r.partner, "matched": r.matched,
                     "quarantined": r.quarantined}
                    for r in s.scalars(select(ShareRemote).where(ShareRemote.org_id == org_id,
                                                                 ShareRemote.collab == c.name)
                                       .order_by(ShareRemote.id))]

    def after_ingest(self, org_id: int) -> None:
        """New items are matched against the partners' signals and the bank already held."""
        with self._sessions() as s:
            has_any = s.scalar(select(ShareRemote.id).where(ShareRemote.org_id == org_id).limit(1)) or s.scalar(
                select(ShareBank.id).where(ShareBank.org_id == org_id).limit(1))
        if has_any:
            self.match_new(org_id)

    # --- the local bank of public blocklists --------------------------------------------------------------

    def import_bank(self, org_id: int, source: str, hosts: Iterable[str], actor: str = "cli") -> int:
        """Add a public blocklist's host names to the bank (audited), then match them against our items."""
        if not source or len(source) > 200:
            raise InputError("a blocklist source name must have 1 to 200 characters")
        added = 0
        with self._lock, self._sessions.begin() as s:
            have = set(s.scalars(select(ShareBank.value).where(ShareBank.org_id == org_id,
                                                                ShareBank.source == source)))
            now = _now()
            batch = []
            for h in hosts:
                h = h.lower().rstrip(".").removeprefix("www.")[:300]
                if h and h not in have:
                    have.add(h)
                    batch.append({"org_id": org_id, "source": source, "type": "domain", "value": h,
                                  "imported_at": now})
            for i in range(0, len(batch), 5000):
                s.execute(ShareBank.__table__.insert(), batch[i:i + 5000])
            added = len(batch)
            self._audit(s, org_id, actor, "share-bank-import", source, {"added": added, "total": len(have)})
        self.rematch(org_id)
        return added

    def drop_bank(self, org_id: int, source: str, actor: str = "cli") -> int:
        with self._lock, self._sessions.begin() as s:
            n = s.execute(delete(ShareBank).where(ShareBank.org_id == org_id, ShareBank.source == source)).rowcount
            self._audit(s, org_id, actor, "share-bank-drop", source, {"removed": n})
        self.rematch(org_id)
        return int(n or 0)


def _columns(sig: Signal) -> dict[str, Any]:
    return {"type": sig.type, "token": sig.token, "labels": json.dumps(list(sig.labels)), "severity": sig.severity,
            "opinion": sig.opinion, "first_seen": sig.first_seen, "last_seen": sig.last_seen, "count": sig.count}


def _signal_of(row: Any) -> Signal:
    return Signal(row.type, row.token, tuple(json.loads(row.labels)), row.severity, row.opinion, row.first_seen,
                  row.last_seen, row.count)


def _with_evidence(row: ItemRow, details: dict[str, Any], spans: dict[str, tuple[int, int]]) -> str:
    """The stored verdict with its "shared:" evidence replaced by the current matches (reviewers see them)."""
    verdict = json.loads(row.verdict_json)
    evidence = [e for e in verdict.get("evidence", ()) if not str(e.get("signal", "")).startswith("shared:")]
    text = row.text or ""
    for name, d in sorted(details.items()):
        start, end = spans.get(name, (0, 0))
        if end > len(text):  # the text was purged: keep the span, the snippet is gone
            start = end = 0
        if name == BANK:
            evidence.append({"start": start, "end": end, "text": text[start:end],
                             "signal": "shared:public blocklist " + ", ".join(d), "weight": BANK_BOOST})
            continue
        n = len(d["partners"])
        what = f"seen by {n} partner{'s' if n != 1 else ''} in {name}"
        if d["opinion"] == "disputed":
            what += " (disputed)"
        what += " [" + ", ".join(d["types"]) + "]"
        evidence.append({"start": start, "end": end, "text": text[start:end], "signal": "shared:" + what,
                         "weight": float(n)})
    verdict["evidence"] = evidence
    from narcotrace.store.audit import canonical  # noqa: PLC0415

    return canonical(verdict)

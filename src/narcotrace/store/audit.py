"""The audit chain: each entry's hash covers the previous entry's hash, so changing any stored entry breaks the chain.

hash_n = SHA-256(hash_{n-1} + "\\n" + canonical JSON of entry n), with hash_0 = 64 zeros. Each organisation has its
own chain (an organisation can verify its own chain without seeing anyone else's entries).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable

__all__ = ["GENESIS", "ChainCheck", "canonical", "entry_hash", "verify_chain"]

GENESIS = "0" * 64


def canonical(obj: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, org_id: int, seq: int, ts: str, actor: str, event: str, subject: str,
               payload: str) -> str:
    body = canonical({"org": org_id, "seq": seq, "ts": ts, "actor": actor, "event": event, "subject": subject,
                      "payload": payload})
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainCheck:
    ok: bool
    entries: int
    first_broken_seq: int | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "first_broken_seq": self.first_broken_seq,
                "reason": self.reason}


def verify_chain(rows: Iterable[Any]) -> ChainCheck:
    """Recompute the chain over rows (with org_id, seq, ts, actor, event, subject, payload, prev_hash, hash) in seq order."""
    prev = GENESIS
    n = 0
    expected_seq = 1
    for row in rows:
        n += 1
        if row.seq != expected_seq:
            return ChainCheck(False, n, row.seq, f"entry {expected_seq} is missing (found {row.seq} next)")
        if row.prev_hash != prev:
            return ChainCheck(False, n, row.seq, "prev_hash does not match the hash of the entry before")
        recomputed = entry_hash(prev, row.org_id, row.seq, row.ts, row.actor, row.event, row.subject, row.payload)
        if recomputed != row.hash:
            return ChainCheck(False, n, row.seq, "the entry's content does not match its hash (altered)")
        prev = row.hash
        expected_seq += 1
    return ChainCheck(True, n)

"""Server-side console sessions: the browser holds only a random session id (HttpOnly, SameSite=Strict).

The API key a reviewer logs in with is checked once and never kept: the session remembers the key's id, and
every request re-reads that key so a revoked key ends its sessions at once. Sessions live in the process's
memory (a restart logs everyone out; run the console in one process); each carries its own CSRF token.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

__all__ = ["ConsoleSession", "SessionStore"]


@dataclass(slots=True)
class ConsoleSession:
    """One browser's session; key_id is None before login (the login form still needs a CSRF token)."""

    sid: str
    csrf: str
    key_id: int | None
    created: float
    seen: float
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, message) shown once on the next page

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf.encode(), str(token).encode())


class SessionStore:
    """Sessions by id, with an idle timeout, an absolute lifetime and a cap on how many are kept."""

    def __init__(self, idle_seconds: float = 3600, max_age_seconds: float = 12 * 3600,
                 cap: int = 10_000) -> None:
        self.idle = idle_seconds
        self.max_age = max_age_seconds
        self.cap = cap
        self._by_id: dict[str, ConsoleSession] = {}
        self._lock = threading.Lock()

    def new(self, key_id: int | None = None) -> ConsoleSession:
        now = time.monotonic()
        sess = ConsoleSession(secrets.token_urlsafe(32), secrets.token_urlsafe(32), key_id, now, now)
        with self._lock:
            if len(self._by_id) >= self.cap:
                self._expire(now)
                # Still full: anonymous (login-page) sessions go first, then the longest idle, so a flood of
                # login-page visits cannot log reviewers out.
                while len(self._by_id) >= self.cap:
                    victim = min(self._by_id.values(), key=lambda s: (s.key_id is not None, s.seen))
                    del self._by_id[victim.sid]
            self._by_id[sess.sid] = sess
        return sess

    def get(self, sid: str | None) -> ConsoleSession | None:
        if not sid:
            return None
        now = time.monotonic()
        with self._lock:
            sess = self._by_id.get(sid)
            if sess is None:
                return None
            if now - sess.seen > self.idle or now - sess.created > self.max_age:
                del self._by_id[sid]
                return None
            sess.seen = now
            return sess

    def drop(self, sid: str) -> None:
        with self._lock:
            self._by_id.pop(sid, None)

    def __len__(self) -> int:
        return len(self._by_id)

    def _expire(self, now: float) -> None:
        for sid in [s.sid for s in self._by_id.values()
                    if now - s.seen > self.idle or now - s.created > self.max_age]:
            del self._by_id[sid]

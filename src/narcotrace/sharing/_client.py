"""The fetcher: pulls partners' feeds incrementally from their services and sends our opinions back.

The wire client (`PartnerClient`: HTTP, retries with exponential backoff) is apart from the engine (`Sharing`),
so tests and other deployments can hand in their own httpx transport.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

import httpx

from narcotrace._exceptions import NarcotraceError
from narcotrace.sharing._config import CollaborationDisabled, Member
from narcotrace.sharing._service import Sharing
from narcotrace.sharing._signals import Signal

__all__ = ["FetchError", "FetchReport", "PartnerClient", "sync"]

RETRY_STATUS = (429, 500, 502, 503, 504)


class FetchError(NarcotraceError):
    """A partner's service could not be reached or answered with an error (after the retries)."""


@dataclass(frozen=True, slots=True)
class FetchReport:
    partner: str
    signals: int
    pages: int
    cursor: int
    opinions_sent: int

    def to_dict(self) -> dict[str, Any]:
        return {"partner": self.partner, "signals": self.signals, "pages": self.pages, "cursor": self.cursor,
                "opinions_sent": self.opinions_sent}


class PartnerClient:
    """HTTP calls to one member's service with its API key; retries transport errors, 429 and 5xx."""

    def __init__(self, member: Member, collab: str, transport: httpx.BaseTransport | None = None,
                 retries: int = 4, backoff: float = 0.5, timeout: float = 30.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not member.api_key:
            raise FetchError(f"member {member.name!r} has no api_key_file/api_key_env: cannot call its service")
        self.member = member
        self.collab = collab
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.http = httpx.Client(base_url=member.url, transport=transport, timeout=timeout,
                                 headers={"Authorization": f"Bearer {member.api_key}"})

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, path: str, **kw: Any) -> dict[str, Any]:
        last = ""
        for attempt in range(self.retries + 1):
            try:
                r = self.http.request(method, path, **kw)
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if r.status_code < 300:
                    try:
                        body = r.json()
                    except ValueError as exc:
                        raise FetchError(f"{self.member.name}: {path} answered with invalid JSON") from exc
                    if not isinstance(body, dict):
                        raise FetchError(f"{self.member.name}: {path} answered with a non-object")
                    return body
                try:
                    message = str(r.json().get("error", r.text[:200]))
                except ValueError:
                    message = r.text[:200]
                last = f"HTTP {r.status_code}: {message}"
                if r.status_code not in RETRY_STATUS:
                    raise FetchError(f"{self.member.name}: {method} {path} failed: {last}")
            if attempt < self.retries:
                self.sleep(self.backoff * (2 ** attempt))
        raise FetchError(f"{self.member.name}: {method} {path} failed after {self.retries + 1} attempts: {last}")

    def signals(self, cursor: int) -> tuple[list[Signal], int, bool]:
        body = self._call("GET", f"/v1/share/{self.collab}/signals", params={"cursor": cursor})
        raw = body.get("signals")
        if not isinstance(raw, list) or not isinstance(body.get("cursor"), int):
            raise FetchError(f"{self.member.name}: the feed page has no 'signals' list or integer 'cursor'")
        signals = [Signal.from_dict(d, f"{self.member.name} signals[{i}]") for i, d in enumerate(raw)]
        return signals, int(body["cursor"]), bool(body.get("more"))

    def send_opinions(self, opinions: list[dict[str, str]]) -> int:
        sent = 0
        for i in range(0, len(opinions), 1000):
            body = self._call("POST", f"/v1/share/{self.collab}/opinions", json={"opinions": opinions[i:i + 1000]})
            sent += int(body.get("accepted", 0))
        return sent


def sync(sharing: Sharing, collab: str, partners: list[str] | None = None,
         transport: httpx.BaseTransport | None = None, retries: int = 4, backoff: float = 0.5,
         max_pages: int = 1000, sleep: Callable[[float], None] = time.sleep) -> list[FetchReport]:
    """Fetch every member's new signals from its checkpoint, match them, then send our opinions back."""
    c = sharing.collab(collab)
    if not c.enabled:
        raise CollaborationDisabled(f"collaboration {collab!r} is disabled in its config")
    org_id = sharing.org_of(c)
    members = [m for m in c.members if m.api_key and (partners is None or m.name in partners)]
    if partners:
        for p in partners:
            c.member(p)
    fetched: dict[str, tuple[int, int, int]] = {}
    for m in members:
        client = PartnerClient(m, c.name, transport, retries, backoff, sleep=sleep)
        try:
            cursor = sharing.cursor(c.name, m.name)
            total = pages = 0
            more = True
            while more and pages < max_pages:
                signals, nxt, more = client.signals(cursor)
                sharing.take(c.name, m.name, signals, nxt)
                total += len(signals)
                pages += 1
                if nxt == cursor:
                    break
                cursor = nxt
            fetched[m.name] = (total, pages, cursor)
        finally:
            client.close()
    sharing.rematch(org_id)
    mine = sharing.local_opinions(c.name)
    reports = []
    for m in members:
        client = PartnerClient(m, c.name, transport, retries, backoff, sleep=sleep)
        try:
            ops = mine.get(m.name, [])
            sent = client.send_opinions(ops) if ops else 0
            if ops:
                sharing.record_opinions_sent(c.name, m.name, len(ops), sent)
        finally:
            client.close()
        total, pages, cursor = fetched[m.name]
        reports.append(FetchReport(m.name, total, pages, cursor, sent))
    return reports

"""Batch prefilter: which patterns can match in which text, for a whole batch in one Hyperscan pass.

`extract` decides per text which patterns to run: cheap substring guards, an Aho-Corasick pass for the
messaging cue words and a regex search for wallet tokens and phone numbers. On short texts (tweets) those
per-text steps cost more than the few matches they find. `gates` answers the same question for a whole
batch at once: the lower-cased texts are joined (UTF-8, one "\\n" between them) and scanned once by a
Hyperscan database holding every guard literal, every cue key and a prefilter for tokens and phone numbers.

Correctness argument (the batch path must return exactly what `extract` returns):
- a guard literal or cue key is matched as a byte string; UTF-8 is self-synchronising, so it occurs in the
  bytes of a text exactly when it occurs in the text; none of them contains "\\n", so no match spans two
  texts;
- the token/phone prefilter `[0-9A-Za-z]{25}|[0-9][0-9 \\t().-]{5,22}[0-9]` is the engine regex without its
  word-boundary and look-ahead conditions, so every engine match contains a prefilter match; it is run on
  the lower-cased text, which keeps every ASCII letter and digit in place (the caller only uses `gates` for
  texts whose lower-cased copy has the same length);
- patterns that nearly every tweet needs (URLs, domains, link forms: "://", ".", "/") are not gated here:
  the caller keeps their substring guards.
A pattern the prefilter leaves out therefore has no match in that text, and running only the rest changes
nothing. tests/indicators/test_indicators_batch.py checks the two paths agree on real and generated texts.

Hyperscan is optional: without it (`AVAILABLE` is False) the batch API runs the per-text path.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence

try:
    import hyperscan
except ImportError:  # pragma: no cover - exercised on platforms without a hyperscan wheel
    hyperscan = None  # type: ignore[assignment]

__all__ = ["AVAILABLE", "Prefilter"]

AVAILABLE = hyperscan is not None

# Engine regex of the token/phone pattern without look-arounds (see the module docstring).
TOKEN_OR_PHONE_PREFILTER = rb"[0-9A-Za-z]{25}|[0-9][0-9 \t().\-]{5,22}[0-9]"


def _literal(s: str) -> bytes:
    # every byte escaped: no literal character can be read as regex syntax
    return b"".join(b"\\x%02x" % b for b in s.encode("utf-8"))


class Prefilter:
    """A compiled Hyperscan database mapping literal/regex hits to pattern indices."""

    __slots__ = ("_db", "_local")

    def __init__(self, literals: Sequence[tuple[int, str]], regexes: Sequence[tuple[int, bytes]]) -> None:
        if hyperscan is None:
            raise RuntimeError("hyperscan is not installed")
        exprs: list[bytes] = []
        ids: list[int] = []
        for pid, lit in literals:
            if not lit or "\n" in lit:
                raise ValueError(f"prefilter literal {lit!r} is empty or contains a newline")
            exprs.append(_literal(lit))
            ids.append(pid)
        for pid, rx in regexes:
            exprs.append(rx)
            ids.append(pid)
        self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        self._db.compile(expressions=exprs, ids=ids, elements=len(exprs), flags=[0] * len(exprs))
        # Hyperscan scratch space may not be used by two scans at once: one per thread (the service
        # extracts from a thread pool)
        self._local = threading.local()

    def _scratch(self) -> object:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        return scratch

    def gate_one(self, low: str) -> frozenset[int]:
        """The pattern indices with a prefilter hit in one lower-cased text."""
        found: set[int] = set()
        add = found.add

        def on_match(pid: int, _frm: int, _to: int, _flags: int, _ctx: object) -> None:
            add(pid)

        self._db.scan(low.encode("utf-8", "surrogatepass"), match_event_handler=on_match, scratch=self._scratch())
        return frozenset(found)

    def gates(self, lows: Sequence[str]) -> list[frozenset[int]]:
        """For each lower-cased text, the pattern indices with a prefilter hit in it."""
        if not lows:
            return []
        bufs = [s.encode("utf-8", "surrogatepass") for s in lows]
        starts: list[int] = []
        pos = 0
        for b in bufs:
            starts.append(pos)
            pos += len(b) + 1
        hits: list[tuple[int, int]] = []
        add = hits.append

        def on_match(pid: int, _frm: int, to: int, _flags: int, _ctx: object) -> None:
            add((to, pid))

        self._db.scan(b"\n".join(bufs), match_event_handler=on_match, scratch=self._scratch())
        found: dict[int, set[int]] = {}
        for to, pid in hits:
            k = bisect.bisect_right(starts, to - 1) - 1
            if k in found:
                found[k].add(pid)
            else:
                found[k] = {pid}
        none: frozenset[int] = frozenset()
        out = [none] * len(lows)
        for k, v in found.items():
            out[k] = frozenset(v)
        return out

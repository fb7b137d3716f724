"""Batch prefilter: which patterns can match in which text, for a whole batch in one Hyperscan pass.

`extract` decides per text which patterns to run: cheap substring guards, an Aho-Corasick pass for the
messaging cue words and a regex search for wallet tokens and phone numbers. On short texts (tweets) those
per-text steps cost more than the few matches they find. `gates` answers the same question for a whole
batch at once: the lower-cased texts are joined (one `SEP`, "\\x00", between them) and their UTF-8 bytes
are scanned once by a Hyperscan database of prefilter expressions. Each expression raises a *signal*; the caller
(`narcotrace.indicators`) runs a pattern only when the signals of one of its rules are all present (a
pattern may need two signals: a cue word AND the shape after it, a digit run AND a country or phone cue).

Correctness argument (the batch path must return exactly what `extract` returns):
- each rule is a necessary condition for the pattern to produce a candidate: the expressions are the
  patterns' regexes (or the parts of them that every match contains) without look-arounds, on the
  lower-cased text, with the non-ASCII characters that IGNORECASE folds to ASCII letters where a pattern
  is case-insensitive; the module that owns a pattern documents its expressions next to its regex;
- a literal is matched as a byte string; UTF-8 is self-synchronising, so it occurs in the bytes of a text
  exactly when it occurs in the text; no expression can match SEP (checked for literals here) except
  as its last byte (a few end with "the next character is not a digit"; every text is followed by
  SEP), so no match spans two texts: a match is the text's its last byte is in (or follows);
- the lower-cased copy keeps every ASCII letter and digit in place (`aligned_lower`);
- patterns that nearly every tweet needs (URLs, domains) are not gated here: the caller keeps their
  substring guards.
A pattern no rule lets through therefore produces no candidate in that text, and running only the rest
changes nothing. tests/indicators/test_indicators_batch.py checks that the paths agree on real and
generated texts.

Hyperscan is optional: without it (`AVAILABLE` is False) the batch API runs the per-text path.

Compiling the database takes about a second, most of a command's start-up. The compiled database is kept in a
cache directory (`NARCOTRACE_CACHE_DIR`, else `$XDG_CACHE_HOME/narcotrace`, else `~/.cache/narcotrace`; set
`NARCOTRACE_CACHE_DIR` to an empty string to turn it off) under a name that hashes the expressions, the
Hyperscan binding version and this CPU's instruction-set flags, so a changed pattern or another machine never
reads a stale database. A cache that cannot be read, loaded or written is ignored: the database is compiled.
"""

from __future__ import annotations

import array
import hashlib
import platform
import re
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from narcotrace._diskcache import cache_dir, read_private, write_private

try:
    import hyperscan
except ImportError:  # pragma: no cover - exercised on platforms without a hyperscan wheel
    hyperscan = None  # type: ignore[assignment]

__all__ = ["AVAILABLE", "SEP", "Prefilter", "cache_dir", "literal", "non_ascii_digits"]

AVAILABLE = hyperscan is not None
# Between the texts of a batch (and after the last): a character that no prefilter expression matches
# except as "not a digit" after a digit run, and that no URL, domain or de-obfuscation pattern matches or
# counts as a letter. A text may contain it: `gates` then finds the texts' places the slow way.
SEP = "\x00"
_SEP_BYTE = SEP.encode()

# Engine regex of the wallet token without its boundary conditions (crypto.TOKEN_BODY, 25+ characters),
# then the character after it: `crypto.token_hook` rejects a token followed by a letter or digit, so a run
# is reported once, at its end (the scanned bytes always end with SEP)
TOKEN_PREFILTER = rb"[0-9a-z]{25}[^0-9a-z]"


def literal(s: str) -> bytes:
    """`s` as a Hyperscan expression matching its UTF-8 bytes (every byte escaped: nothing in it can be
    read as regex syntax)."""
    if not s or SEP in s:
        raise ValueError(f"prefilter literal {s!r} is empty or contains the batch separator")
    return b"".join(b"\\x%02x" % b for b in s.encode("utf-8"))


def non_ascii_digits() -> bytes:
    """An expression matching any character outside ASCII that `\\d` matches in a str regex (Unicode
    decimal digits, per this Python's Unicode tables): per UTF-8 lead bytes, a class of last bytes."""
    # Every code point in one string, decoded from an array of them in one C pass: joining a million chr() results
    # took a tenth of a second of every command's start-up. ("surrogatepass": the lone surrogates are in it too.)
    codes = array.array("I", range(0x80, 0x110000))  # 4-byte unsigned on the platforms CPython runs on
    if codes.itemsize == 4:
        if sys.byteorder == "big":
            codes.byteswap()
        every = codes.tobytes().decode("utf-32-le", "surrogatepass")
    else:
        every = "".join(map(chr, range(0x80, 0x110000)))
    groups: dict[bytes, list[int]] = {}
    for d in re.findall(r"\d", every):
        b = d.encode("utf-8")
        groups.setdefault(b[:-1], []).append(b[-1])
    alts = []
    for lead, lasts in groups.items():
        cls = b"".join(b"\\x%02x" % x for x in sorted(lasts))
        alts.append(b"".join(b"\\x%02x" % x for x in lead) + b"[" + cls + b"]")
    return b"(?:" + b"|".join(alts) + b")"


class Prefilter:
    """A compiled Hyperscan database mapping expression hits to signal numbers."""

    __slots__ = ("_db", "_local")

    def __init__(self, exprs: Sequence[tuple[int, bytes]]) -> None:
        """`exprs`: (signal, expression on the UTF-8 bytes of lower-cased text); a signal may have many."""
        if hyperscan is None:
            raise RuntimeError("hyperscan is not installed")
        path = _cache_path(exprs)
        db = _load(path) if path is not None else None
        if db is None:
            db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            db.compile(
                expressions=[e for _s, e in exprs], ids=[s for s, _e in exprs], elements=len(exprs),
                flags=[0] * len(exprs),
            )
            if path is not None:
                _store(path, db)
        self._db = db
        # Hyperscan scratch space may not be used by two scans at once: one per thread (the service
        # extracts from a thread pool)
        self._local = threading.local()

    def _scratch(self) -> object:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        return scratch

    def gate_one(self, low: str) -> frozenset[int]:
        """The signals raised in one lower-cased text."""
        found: set[int] = set()
        add = found.add

        def on_match(sig: int, _frm: int, _to: int, _flags: int, _ctx: object) -> None:
            add(sig)

        self._db.scan(low.encode("utf-8", "surrogatepass") + _SEP_BYTE, match_event_handler=on_match,
                      scratch=self._scratch())
        return frozenset(found)

    def gates(self, low: str, starts: Sequence[int]) -> list[frozenset[int]]:
        """For each text of a batch, the signals raised in it.

        `low` is the lower-cased texts joined by SEP; `starts[k]` is where text k starts in it, and the
        last entry is `len(low) + 1` (where a next text would start).
        """
        n = len(starts) - 1
        none: frozenset[int] = frozenset()
        if n <= 0:
            return []
        buf = low.encode("utf-8", "surrogatepass") + _SEP_BYTE
        if len(buf) == len(low) + 1:
            bstarts = starts  # ASCII: byte and character offsets agree
        else:
            parts = buf.split(_SEP_BYTE)
            bstarts = [0] * (n + 1)
            pos = 0
            if len(parts) == n + 1:  # no text contains SEP (the last part is the empty one after the end)
                for k in range(n):
                    pos += len(parts[k]) + 1
                    bstarts[k + 1] = pos
            else:
                for k in range(n):
                    pos += len(low[starts[k] : starts[k + 1] - 1].encode("utf-8", "surrogatepass")) + 1
                    bstarts[k + 1] = pos
        hits: list[tuple[int, int]] = []
        add = hits.append

        def on_match(sig: int, _frm: int, to: int, _flags: int, _ctx: object) -> None:
            add((to, sig))

        self._db.scan(buf, match_event_handler=on_match, scratch=self._scratch())
        out = [none] * n
        if not hits:
            return out
        hits.sort()
        k = 0
        nxt = bstarts[1]
        cur: set[int] = set()
        for to, sig in hits:
            # the match's last byte is at to - 1: in text k, or the SEP after it (at bstarts[k + 1] - 1)
            if to > nxt:
                if cur:
                    out[k] = frozenset(cur)
                    cur = set()
                while to > bstarts[k + 1]:
                    k += 1
                nxt = bstarts[k + 1]
            cur.add(sig)
        if cur:
            out[k] = frozenset(cur)
        return out


def _cpu_flags() -> bytes:
    """The instruction-set flags Hyperscan compiles for (Linux); elsewhere the processor name."""
    try:
        with open("/proc/cpuinfo", "rb") as fh:
            for line in fh:
                if line.startswith(b"flags"):
                    return line
    except OSError:
        pass
    return platform.processor().encode()


def _cache_path(exprs: Sequence[tuple[int, bytes]]) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    h = hashlib.sha256()
    h.update(str(getattr(hyperscan, "__version__", "")).encode() + b"\0" + platform.machine().encode() + b"\0")
    h.update(_cpu_flags())
    for sig, expr in exprs:
        h.update(b"\0%d\0" % sig + expr)
    return root / f"prefilter-{h.hexdigest()[:24]}.hsdb"


def _load(path: Path) -> object | None:
    data = read_private(path)
    if data is None:
        return None
    try:
        db = hyperscan.loadb(data, mode=hyperscan.HS_MODE_BLOCK)
        hyperscan.Scratch(db)  # a database this machine cannot run fails here, not in the first scan
        return db
    except Exception:  # noqa: BLE001 - a partial or foreign file: compile instead
        return None


def _store(path: Path, db: object) -> None:
    try:
        data = hyperscan.dumpb(db)
    except Exception:  # noqa: BLE001 - the compiled database is still used
        return
    write_private(path, data)

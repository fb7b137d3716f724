"""Signals: what one organisation tells a partner about a seller's channel, every raw value replaced by a token.

An indicator becomes `HMAC-SHA256(secret, type + ":" + normalized value)`; an offer text becomes a keyed MinHash
fingerprint whose band tokens are HMACs too. Without the collaboration's secret a token is a random-looking string;
with it, a partner can only test values and texts it already holds (it cannot invert a token).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import struct
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Mapping

import numpy as np

from narcotrace._exceptions import InputError
from narcotrace.text import tokens

__all__ = [
    "OPINIONS",
    "TEXT_TYPE",
    "Signal",
    "TextFingerprinter",
    "aggregate_opinion",
    "day_of",
    "indicator_token",
    "text_bands_match",
]

TEXT_TYPE = "text"
# positive: we confirmed it; negative: we looked and it is not a seller; investigation_seed: worth a look, unconfirmed.
OPINIONS = ("positive", "negative", "investigation_seed")
SEVERITIES = ("critical", "high", "medium", "low", "none")
_TOKEN_RE = re.compile(r"^[0-9a-f]{64}$")
_BANDS_RE = re.compile(r"^[0-9a-f]{16}(\.[0-9a-f]{16}){15}$")  # TextFingerprinter: 16 bands
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TYPE_RE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_LABEL_RE = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,63}$")


def indicator_token(secret: bytes, type_: str, normalized: str) -> str:
    """HMAC-SHA256(secret, type + ":" + normalized value), hex."""
    return hmac.new(secret, f"{type_}:{normalized}".encode(), hashlib.sha256).hexdigest()


def day_of(value: datetime | date | str) -> str:
    """A date at day granularity (YYYY-MM-DD): nothing finer than a day leaves the organisation."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


# Mersenne prime 2**31 - 1: a*x + b (all < p) stays below 2**62, so numpy's uint64 never overflows, and
# x -> a*x + b mod p is a universal hash family (a random permutation stand-in, as MinHash needs).
_PRIME = (1 << 31) - 1


@dataclass(frozen=True, slots=True)
class TextFingerprinter:
    """Keyed MinHash over word shingles of a normalized text, grouped into bands; every band is an HMAC token.

    Every part that depends on the text is keyed: shingles are hashed with keyed BLAKE2b, the permutations'
    coefficients come from the secret, and each band's minima are HMAC'd. Two texts with Jaccard similarity s
    share a given band with probability about s**rows; `text_bands_match` needs `min_bands` equal bands.
    """

    secret: bytes
    # 16 bands of 3 rows over word pairs: a pair of texts with Jaccard 0.7 shares >= 2 bands with p ~ 0.98,
    # one with Jaccard 0.3 with p ~ 0.08 (s**3 per band); 16 bands keep a text token under 300 characters.
    bands: int = 16
    rows: int = 3
    shingle: int = 2
    _a: Any = field(init=False, repr=False)
    _b: Any = field(init=False, repr=False)
    _shingle_key: bytes = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = self.bands * self.rows
        stream = hashlib.shake_256(b"narcotrace-minhash-v1\x00" + self.secret).digest(16 * n)
        pairs = [struct.unpack_from(">QQ", stream, 16 * i) for i in range(n)]
        object.__setattr__(self, "_a", np.array([a % (_PRIME - 1) + 1 for a, _ in pairs], dtype=np.uint64))
        object.__setattr__(self, "_b", np.array([b % _PRIME for _, b in pairs], dtype=np.uint64))
        object.__setattr__(self, "_shingle_key",
                           hmac.new(self.secret, b"narcotrace-shingle-v1", hashlib.sha256).digest())

    def shingles(self, text: str) -> set[str]:
        words = _words(text)
        if not words:
            return set()
        k = min(self.shingle, len(words))
        return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}

    def fingerprint(self, text: str) -> str | None:
        """Band tokens joined by '.', or None for a text with no words."""
        sh = self.shingles(text)
        if not sh:
            return None
        x = np.array([int.from_bytes(hashlib.blake2b(s.encode(), key=self._shingle_key, digest_size=8).digest(),
                                     "big") % _PRIME for s in sh], dtype=np.uint64)
        mins = ((self._a[:, None] * x[None, :] + self._b[:, None]) % _PRIME).min(axis=1)
        out = []
        for band in range(self.bands):
            chunk = mins[band * self.rows:(band + 1) * self.rows].astype(">u8").tobytes()
            out.append(hmac.new(self.secret, b"band%d:" % band + chunk, hashlib.sha256).hexdigest()[:16])
        return ".".join(out)


def _words(text: str) -> list[str]:
    from narcotrace.text import normalize  # noqa: PLC0415 - normalization tables load on first use

    n = normalize(text)
    return [n.text[a:b] for a, b in tokens(n)]


def text_bands_match(a: str, b: str, min_bands: int = 2) -> int:
    """How many bands two fingerprints share when at least `min_bands` do, else 0 (a band is matched by position)."""
    same = sum(1 for x, y in zip(a.split("."), b.split(".")) if x == y)
    return same if same >= min_bands else 0


def aggregate_opinion(opinions: list[str]) -> str:
    """Partners' opinions on one signal: the common one, or "disputed" when positive and negative both occur."""
    kinds = set(opinions)
    if "positive" in kinds and "negative" in kinds:
        return "disputed"
    for kind in ("negative", "positive", "investigation_seed"):
        if kind in kinds:
            return kind
    return "none"


@dataclass(frozen=True, slots=True)
class Signal:
    """One shared signal. Carries no raw value, no author, no text, and dates at day granularity only."""

    type: str
    token: str
    labels: tuple[str, ...]
    severity: str
    opinion: str
    first_seen: str
    last_seen: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "token": self.token, "labels": list(self.labels), "severity": self.severity,
                "opinion": self.opinion, "first_seen": self.first_seen, "last_seen": self.last_seen,
                "count": self.count}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], where: str = "signal") -> Signal:
        """Validate a partner's signal strictly: anything that could carry a raw value is refused with its field."""
        if not isinstance(d, Mapping):
            raise InputError(f"{where}: expected an object, got {type(d).__name__}")
        extra = set(d) - {"type", "token", "labels", "severity", "opinion", "first_seen", "last_seen", "count"}
        if extra:
            raise InputError(f"{where}: unexpected field(s) {', '.join(sorted(extra))}")

        def need(name: str, ok: bool, hint: str) -> None:
            if not ok:
                raise InputError(f"{where}: field '{name}' {hint} (got {str(d.get(name))[:40]!r})")

        type_ = d.get("type")
        need("type", isinstance(type_, str) and bool(_TYPE_RE.match(type_)), "must be a lower-case type name")
        token = d.get("token")
        if type_ == TEXT_TYPE:
            need("token", isinstance(token, str) and bool(_BANDS_RE.match(token)),
                 "must be 16 '.'-joined band tokens of 16 hex digits")
        else:
            need("token", isinstance(token, str) and bool(_TOKEN_RE.match(token)), "must be 64 hex digits")
        labels = d.get("labels", [])
        need("labels", isinstance(labels, list) and len(labels) <= 32
             and all(isinstance(x, str) and _LABEL_RE.match(x) for x in labels),
             "must be a list of at most 32 short lower-case labels")
        need("severity", d.get("severity") in SEVERITIES, f"must be one of {', '.join(SEVERITIES)}")
        need("opinion", d.get("opinion") in OPINIONS, f"must be one of {', '.join(OPINIONS)}")
        for name in ("first_seen", "last_seen"):
            v = d.get(name)
            need(name, isinstance(v, str) and bool(_DAY_RE.match(v)), "must be a day YYYY-MM-DD")
        count = d.get("count")
        need("count", isinstance(count, int) and not isinstance(count, bool) and count >= 0, "must be an integer >= 0")
        return cls(str(type_), str(token), tuple(labels), str(d["severity"]), str(d["opinion"]),
                   str(d["first_seen"]), str(d["last_seen"]), int(count))  # type: ignore[arg-type]

"""Private set intersection (PSI) of indicator values between two organisations that share no secret.

Diffie-Hellman PSI in a prime-order group (semi-honest model). Each side holds a random secret scalar. A value x
is hashed to a group point H(x) (domain-separated by a session id), so a side only ever sends *blinded* points
H(x)^a; the other side raises them to its own scalar b. Because H(x)^(ab) = H(x)^(ba), both sides can compare
doubly blinded points, and only values both hold produce equal points. Without a side's scalar, a blinded point
reveals nothing about the value (decisional Diffie-Hellman), not even a public hash of it.

The group: ristretto255 (RFC 9496), a prime-order group over Curve25519, from libsodium through ctypes
(sharing/_ristretto.py; PyNaCl 1.6 binds no ristretto255 calls). H(x) is libsodium's hash-to-group of a SHA-512
digest, every point received must be a canonical encoding, and a blind that yields the identity is refused.

The protocol, over three files (docs/sharing.md, "Private set intersection"):

    A: start    -> msg1 = {session, type, A's blinded points H(x)^a, sorted}
    B: respond  <- msg1; -> msg2 = {msg1's points raised to b (same order), B's blinded points H(y)^b, sorted}
    A: finish   <- msg2; A learns the intersection; -> msg3 = {msg2's B points raised to a (same order)}
    B: finish   <- msg3; B learns the intersection.

Each side learns the intersection and the size of the other's set, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from narcotrace._exceptions import InputError
from narcotrace.sharing import _ristretto as r255

__all__ = ["PsiError", "PsiParty", "blind_point", "hash_to_point", "psi_finish", "psi_respond", "psi_start"]

PROTOCOL = "narcotrace-psi-v2"  # v2: ristretto255 (v1 used the Ed25519 subgroup)


class PsiError(InputError):
    """A PSI message or state file is malformed, of another session, or carries an invalid point."""


def hash_to_point(session: str, type_: str, value: str) -> bytes:
    """H(x): the SHA-512 digest of the domain-separated value mapped into ristretto255 (hash-to-group)."""
    digest = hashlib.sha512(f"{PROTOCOL}\x00{session}\x00{type_}:{value}".encode()).digest()
    return r255.from_hash(digest)


def _scalar() -> bytes:
    return r255.random_scalar()


def blind_point(point: bytes, scalar: bytes) -> bytes:
    """point^scalar, refusing any point outside the prime-order subgroup (a malicious or corrupted message)."""
    blinded = r255.scalarmult(scalar, point)
    if blinded is None:
        raise PsiError("a PSI message holds an invalid group point")
    return blinded


def _enc(points: Iterable[bytes]) -> list[str]:
    return [base64.b64encode(p).decode() for p in points]


def _dec(items: Any, what: str) -> list[bytes]:
    if not isinstance(items, list):
        raise PsiError(f"{what}: expected a list of base64 points")
    out = []
    for i, s in enumerate(items):
        try:
            p = base64.b64decode(s, validate=True)
        except (ValueError, TypeError) as exc:
            raise PsiError(f"{what}[{i}]: not base64") from exc
        if len(p) != 32:
            raise PsiError(f"{what}[{i}]: a point has 32 bytes, got {len(p)}")
        out.append(p)
    return out


@dataclass(slots=True)
class PsiParty:
    """One side's private state: its values (kept local), its secret scalar and what it sent."""

    role: str  # "A" (starts) or "B" (responds)
    session: str
    type: str
    values: list[str]
    scalar: bytes
    # B keeps its doubly blinded view of A's set; A keeps nothing extra.
    peer_double: list[bytes] | None = None
    # the order in which this side sent its own values (sorted by blinded point, so order leaks nothing)
    sent_order: list[int] | None = None

    def to_json(self) -> str:
        return json.dumps({"role": self.role, "session": self.session, "type": self.type, "values": self.values,
                           "scalar": self.scalar.hex(),
                           "peer_double": _enc(self.peer_double) if self.peer_double is not None else None,
                           "sent_order": self.sent_order})

    @classmethod
    def from_json(cls, text: str) -> PsiParty:
        try:
            d = json.loads(text)
            return cls(d["role"], d["session"], d["type"], list(d["values"]), bytes.fromhex(d["scalar"]),
                       _dec(d["peer_double"], "peer_double") if d.get("peer_double") is not None else None,
                       d.get("sent_order"))
        except (ValueError, KeyError, TypeError) as exc:
            raise PsiError(f"PSI state is not readable: {exc}") from exc

    def save(self, path: str | Path) -> None:
        p = Path(path)
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the state holds raw values: owner only
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(self.to_json())


def _blind_own(session: str, type_: str, values: list[str], scalar: bytes) -> tuple[list[bytes], list[int]]:
    blinded = [blind_point(hash_to_point(session, type_, v), scalar) for v in values]
    order = sorted(range(len(values)), key=lambda i: blinded[i])
    return [blinded[i] for i in order], order


def _unique(values: Iterable[str]) -> list[str]:
    return sorted({v for v in values if v})


def psi_start(values: Iterable[str], type_: str) -> tuple[PsiParty, dict[str, Any]]:
    """Side A: its state (keep it private) and msg1 for B."""
    vals = _unique(values)
    session = secrets.token_hex(16)
    party = PsiParty("A", session, type_, vals, _scalar())
    points, order = _blind_own(session, type_, vals, party.scalar)
    party.sent_order = order
    return party, {"protocol": PROTOCOL, "step": 1, "session": session, "type": type_, "points": _enc(points)}


def _check(msg: Any, step: int, party: PsiParty | None = None) -> dict[str, Any]:
    if not isinstance(msg, dict) or msg.get("protocol") != PROTOCOL:
        raise PsiError(f"not a {PROTOCOL} message")
    if msg.get("step") != step:
        raise PsiError(f"expected PSI message step {step}, got step {msg.get('step')!r}")
    if party is not None and msg.get("session") != party.session:
        raise PsiError("the PSI message belongs to another session")
    return msg


def psi_respond(msg1: dict[str, Any], values: Iterable[str]) -> tuple[PsiParty, dict[str, Any]]:
    """Side B: its state and msg2 for A (A's points raised to b, and B's own blinded points)."""
    _check(msg1, 1)
    session, type_ = str(msg1["session"]), str(msg1["type"])
    vals = _unique(values)
    party = PsiParty("B", session, type_, vals, _scalar())
    party.peer_double = [blind_point(p, party.scalar) for p in _dec(msg1["points"], "points")]
    points, order = _blind_own(session, type_, vals, party.scalar)
    party.sent_order = order
    return party, {"protocol": PROTOCOL, "step": 2, "session": session, "type": type_,
                   "double": _enc(party.peer_double), "points": _enc(points)}


def psi_finish(party: PsiParty, msg: dict[str, Any]) -> tuple[list[str], dict[str, Any] | None]:
    """A with msg2 -> (intersection, msg3 for B); B with msg3 -> (intersection, None)."""
    assert party.sent_order is not None
    if party.role == "A":
        _check(msg, 2, party)
        double = _dec(msg["double"], "double")
        if len(double) != len(party.sent_order):
            raise PsiError(f"msg2 answers {len(double)} points, msg1 sent {len(party.sent_order)}")
        peer = [blind_point(p, party.scalar) for p in _dec(msg["points"], "points")]
        mine = {d: party.values[i] for d, i in zip(double, party.sent_order)}
        common = sorted(mine[p] for p in peer if p in mine)
        return common, {"protocol": PROTOCOL, "step": 3, "session": party.session, "type": party.type,
                        "double": _enc(peer)}
    _check(msg, 3, party)
    double = _dec(msg["double"], "double")
    if len(double) != len(party.sent_order):
        raise PsiError(f"msg3 answers {len(double)} points, msg2 sent {len(party.sent_order)}")
    theirs = set(party.peer_double or [])
    return sorted(party.values[i] for d, i in zip(double, party.sent_order) if d in theirs), None

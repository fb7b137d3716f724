"""Tor onion service addresses.

v3 (56 base32 characters): valid only when the embedded checksum verifies, per the Tor rend-spec-v3
("onion address" section): checksum = SHA3-256(".onion checksum" || pubkey || version)[:2], version = 3.
This one IS SHA3-256 (hashlib.sha3_256), unlike Ethereum's Keccak-256.
v2 (16 characters) has been obsolete since Tor 0.4.6 (2021): reported with valid=False.
"""

from __future__ import annotations

import base64
import hashlib
import re

from narcotrace.indicators._engine import Candidate, Context, Pattern

__all__ = ["PATTERNS", "validate_onion_v3"]

_ONION = re.compile(r"(?<![A-Za-z0-9])(?P<h>[A-Za-z2-7]{56}|[A-Za-z2-7]{16})\.onion(?![A-Za-z0-9\-])", re.IGNORECASE)


def validate_onion_v3(label: str) -> bool:
    """True when a 56-character v3 onion label carries a correct checksum and version byte."""
    if len(label) != 56:
        return False
    try:
        raw = base64.b32decode(label.upper())
    except ValueError:
        return False
    pubkey, checksum, version = raw[:32], raw[32:34], raw[34:]
    if version != b"\x03":
        return False
    return hashlib.sha3_256(b".onion checksum" + pubkey + version).digest()[:2] == checksum


def _hook(m: re.Match[str], ctx: Context) -> Candidate:
    label = m.group("h").lower()
    valid = validate_onion_v3(label)  # a v2 label is never valid: the protocol is retired
    return Candidate("onion", m.start(), m.end(), f"{label}.onion", valid, 0.95)


PATTERNS: tuple[Pattern, ...] = (Pattern("onion", _ONION, 0.95, _hook, (".onion",)),)

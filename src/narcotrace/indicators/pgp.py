"""PGP public key blocks and fingerprints.

A key block is ASCII armor (RFC 4880 section 6 / RFC 9580 section 6): base64 body and an optional CRC-24
line. It is valid when the CRC (if present) matches and the first packet is a public-key packet; its
normalized form is the key's fingerprint: for a v4 key SHA-1(0x99 || 2-byte length || packet body), upper-case
hex (RFC 4880 section 12.2); for a v6 key SHA-256(0x9B || 4-byte length || body) (RFC 9580 section 5.5.4).

A fingerprint is 40 hex digits (v4), commonly written in ten groups of four. A bare 40-hex run is also a git
commit or a SHA-1, so it is taken only when grouped by spaces or next to a pgp/gpg/fingerprint cue; and for
speed, only in texts that mention pgp, gpg, fingerprint, fpr or key at all.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from narcotrace.indicators._engine import Candidate, Context, Pattern, near

__all__ = ["FPR_PREFILTER_BYTES", "PATTERNS", "armor_fingerprint"]

_BLOCK = re.compile(
    r"-----BEGIN PGP PUBLIC KEY BLOCK-----(?P<body>.*?)-----END PGP PUBLIC KEY BLOCK-----", re.DOTALL
)
_CRC24_INIT = 0xB704CE
_CRC24_POLY = 0x1864CFB


def _crc24(data: bytes) -> int:
    crc = _CRC24_INIT
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= _CRC24_POLY
    return crc & 0xFFFFFF


def _first_packet(raw: bytes) -> tuple[int, bytes] | None:
    """(tag, body) of the first OpenPGP packet, old or new format."""
    if not raw or not raw[0] & 0x80:
        return None
    h = raw[0]
    if h & 0x40:  # new format
        tag = h & 0x3F
        if len(raw) < 2:
            return None
        l0 = raw[1]
        if l0 < 192:
            n, off = l0, 2
        elif l0 < 224:
            if len(raw) < 3:
                return None
            n, off = ((l0 - 192) << 8) + raw[2] + 192, 3
        elif l0 == 255:
            if len(raw) < 6:
                return None
            n, off = int.from_bytes(raw[2:6], "big"), 6
        else:
            return None  # partial lengths are not allowed for key packets
    else:
        tag = (h >> 2) & 0x0F
        lt = h & 3
        size = {0: 1, 1: 2, 2: 4}.get(lt)
        if size is None or len(raw) < 1 + size:
            return None
        n, off = int.from_bytes(raw[1 : 1 + size], "big"), 1 + size
    body = raw[off : off + n]
    if len(body) != n:
        return None
    return tag, body


def armor_fingerprint(armor_body: str) -> tuple[str, bool] | None:
    """(fingerprint or content hash, valid) for the text between the armor's BEGIN and END lines."""
    lines = [ln.strip() for ln in armor_body.strip().splitlines()]
    # headers ("Version: ...", "Comment: ...") end at the first blank line, when there are any
    if any(":" in ln for ln in lines[:1]) and "" in lines:
        lines = lines[lines.index("") + 1 :]
    crc_line = next((ln for ln in lines if ln.startswith("=") and len(ln) == 5), None)
    data = "".join(ln for ln in lines if ln and not ln.startswith("="))
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None
    ok = True
    if crc_line is not None:
        try:
            ok = int.from_bytes(base64.b64decode(crc_line[1:]), "big") == _crc24(raw)
        except (binascii.Error, ValueError):
            ok = False
    pkt = _first_packet(raw)
    if pkt is None or pkt[0] != 6 or not pkt[1]:
        return hashlib.sha256(raw).hexdigest().upper(), False
    body = pkt[1]
    if body[0] == 4:
        fpr = hashlib.sha1(b"\x99" + len(body).to_bytes(2, "big") + body).hexdigest().upper()
    elif body[0] == 6:
        fpr = hashlib.sha256(b"\x9b" + len(body).to_bytes(4, "big") + body).hexdigest().upper()
    else:
        return hashlib.sha256(raw).hexdigest().upper(), False
    return fpr, ok


def _block_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    r = armor_fingerprint(m.group("body"))
    if r is None:
        return Candidate("pgp_key", m.start(), m.end(), "", False, 0.95)
    return Candidate("pgp_key", m.start(), m.end(), r[0], r[1], 0.95)


_FPR = re.compile(r"(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{4}[ \t]{0,2}){9}[0-9A-Fa-f]{4}(?![0-9A-Za-z])")
# Every _FPR match contains this on the lower-cased text (the batch prefilter, _accel, runs it on bytes)
FPR_PREFILTER_BYTES = rb"(?:[0-9a-f]{4}[ \t]{0,2}){9}[0-9a-f]{4}"
_FPR_CUE = re.compile(r"pgp|gpg|gnupg|fingerprint|fpr|openpgp|public key|pub key")


def _fpr_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    s = m.group()
    grouped = " " in s or "\t" in s
    if not grouped and not near(ctx.lower, m.start(), m.end(), _FPR_CUE, 40):
        return None
    hexs = "".join(s.split()).upper()
    return Candidate("pgp_fingerprint", m.start(), m.end(), hexs, len(hexs) == 40, 0.9)


PATTERNS: tuple[Pattern, ...] = (
    Pattern("pgp_key_block", _BLOCK, 0.95, _block_hook, ("begin pgp public key block",)),
    # grouped fingerprints without a cue word are not looked for: the guard keeps ordinary text free
    Pattern("pgp_fingerprint", _FPR, 0.9, _fpr_hook, ("pgp", "gpg", "fingerprint", "fpr", "key")),
)

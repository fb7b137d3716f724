"""Cryptocurrency addresses: BTC, ETH/ERC-20, TRX, XMR, LTC, BCH, SOL, XRP, each validated by its checksum.
(Session messenger IDs, 66 hex digits, are long tokens too and are classified in the same pass.)

A single token regex finds long alphanumeric runs; the hook classifies each by its shape and validates it:
- Base58Check (BTC P2PKH/P2SH, LTC, TRX): double SHA-256 checksum and the network's version byte.
- bech32 / bech32m segwit (BIP-173, BIP-350; BTC incl. taproot, LTC): polymod constant per witness version.
- Ethereum (EIP-55): Keccak-256 (pycryptodome, NOT hashlib.sha3_256) of the lower-case hex decides the
  case of each letter; single-case addresses carry no checksum and are accepted as written (EIP-55).
- Monero: Monero's block base58 with a Keccak-256 checksum, network byte, and both keys on the curve.
- Bitcoin Cash cashaddr: BCH polymod over the "bitcoincash" prefix.
- XRP: base58 in the Ripple alphabet, version 0, double SHA-256 checksum.
- Solana: no checksum exists; valid only when it decodes to 32 bytes, is a point on Ed25519 (a wallet, not a
  program-derived address) AND a sol/solana cue word is near. Without a cue it is not reported at all.

A string of the right shape whose checksum fails is reported with valid=False (a typo or a forgery);
strings that do not even decode to the right length are not reported.
"""

from __future__ import annotations

import hashlib
import re

import base58
import bech32
from Crypto.Hash import keccak

from narcotrace.indicators._engine import Candidate, Context, Pattern, near

__all__ = [
    "PATTERNS",
    "TOKEN_BODY",
    "bech32_verify",
    "on_ed25519_curve",
    "token_hook",
    "validate_base58check",
    "validate_bch",
    "validate_eth",
    "validate_segwit",
    "validate_xmr",
    "validate_xrp",
]

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_SET = frozenset(_B58)
_XRP_ALPHABET = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
_XRP_SET = frozenset(_XRP_ALPHABET)


def keccak256(data: bytes) -> bytes:
    digest: bytes = keccak.new(digest_bits=256, data=data).digest()
    return digest


def _dsha256(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


# ---- Base58Check -------------------------------------------------------------------------------------

# version byte -> indicator type (mainnet only: testnet coins are not payment indicators)
BASE58_VERSIONS = {0x00: "btc", 0x05: "btc", 0x30: "ltc", 0x32: "ltc", 0x41: "trx"}


def validate_base58check(s: str, alphabet: bytes = base58.BITCOIN_ALPHABET) -> tuple[int, bool] | None:
    """(version byte, checksum ok) for a 25-byte Base58Check string, None when it is not one."""
    try:
        raw = base58.b58decode(s, alphabet=alphabet)
    except ValueError:
        return None
    if len(raw) != 25:
        return None
    return raw[0], _dsha256(raw[:21])[:4] == raw[21:]


def validate_xrp(s: str) -> bool | None:
    """True/False for a well-formed/badly-checksummed XRP classic address, None when not one."""
    r = validate_base58check(s, base58.XRP_ALPHABET)
    if r is None or r[0] != 0:
        return None
    return r[1]


# ---- bech32 / bech32m --------------------------------------------------------------------------------

_BECH32M_CONST = 0x2BC830A3
SEGWIT_HRPS = {"bc": "btc", "tb": "btc", "ltc": "ltc", "tltc": "ltc"}


def validate_segwit(s: str) -> tuple[str, bool] | None:
    """(type, valid) for a segwit address per BIP-173/BIP-350, None when the HRP is not one we know."""
    low = s.lower()
    pos = low.rfind("1")
    hrp = low[:pos]
    kind = SEGWIT_HRPS.get(hrp)
    if kind is None:
        return None
    if s != low and s != s.upper():
        return kind, False  # mixed case is never valid bech32
    if len(s) > 90 or pos < 1 or pos + 7 > len(s):
        return kind, False
    data = []
    for ch in low[pos + 1 :]:
        i = bech32.CHARSET.find(ch)
        if i < 0:
            return kind, False
        data.append(i)
    const = bech32.bech32_polymod(bech32.bech32_hrp_expand(hrp) + data)
    if const not in (1, _BECH32M_CONST) or not data[:-6]:
        return kind, False
    witver = data[0]
    prog = bech32.convertbits(data[1:-6], 5, 8, False)
    if prog is None or witver > 16 or not (2 <= len(prog) <= 40):
        return kind, False
    if witver == 0 and (len(prog) not in (20, 32) or const != 1):
        return kind, False
    if witver != 0 and const != _BECH32M_CONST:
        return kind, False
    return kind, True


def bech32_verify(s: str) -> str | None:
    """"bech32" or "bech32m" when `s` is a well-formed string with that checksum (BIP-173/BIP-350), else None."""
    if not 8 <= len(s) <= 90 or any(not 33 <= ord(c) <= 126 for c in s):
        return None
    if s != s.lower() and s != s.upper():
        return None
    low = s.lower()
    pos = low.rfind("1")
    if pos < 1 or pos + 7 > len(low):
        return None
    data = [bech32.CHARSET.find(c) for c in low[pos + 1 :]]
    if min(data) < 0:
        return None
    const = bech32.bech32_polymod(bech32.bech32_hrp_expand(low[:pos]) + data)
    return "bech32" if const == 1 else "bech32m" if const == _BECH32M_CONST else None


# ---- Ethereum (EIP-55) -------------------------------------------------------------------------------


def validate_eth(s: str) -> bool:
    """EIP-55: single-case hex carries no checksum; mixed case must match Keccak-256 of the lower-case hex."""
    body = s[2:]
    low = body.lower()
    if body == low or body == body.upper():
        return True
    h = keccak256(low.encode("ascii")).hex()
    for c, n in zip(body, h):
        if c.isalpha() and c.isupper() != (int(n, 16) >= 8):
            return False
    return True


# ---- Monero ------------------------------------------------------------------------------------------

_XMR_BLOCK_SIZES = (0, 2, 3, 5, 6, 7, 9, 10, 11)  # encoded chars for 0..8 bytes
XMR_NET_BYTES = {18: "standard", 19: "integrated", 42: "subaddress"}


def _xmr_b58decode(s: str) -> bytes | None:
    out = bytearray()
    for i in range(0, len(s), 11):
        chunk = s[i : i + 11]
        try:
            nbytes = _XMR_BLOCK_SIZES.index(len(chunk))
        except ValueError:
            return None
        n = 0
        for ch in chunk:
            d = _B58.find(ch)
            if d < 0:
                return None
            n = n * 58 + d
        if n >= 1 << (8 * nbytes):
            return None
        out += n.to_bytes(nbytes, "big")
    return bytes(out)


def validate_xmr(s: str) -> bool | None:
    """Monero standard/integrated/subaddress: network byte, Keccak-256 checksum, keys on the curve."""
    raw = _xmr_b58decode(s)
    if raw is None or len(raw) not in (69, 77):
        return None
    if raw[0] not in XMR_NET_BYTES or (raw[0] == 19) != (len(raw) == 77):
        return False
    if keccak256(raw[:-4])[:4] != raw[-4:]:
        return False
    return on_ed25519_curve(raw[1:33]) and on_ed25519_curve(raw[33:65])


# ---- Ed25519 point check (Solana, Monero keys) ----------------------------------------------------------

_P = 2**255 - 19
_D = (-121665 * pow(121666, _P - 2, _P)) % _P


def on_ed25519_curve(b: bytes) -> bool:
    """True when 32 bytes decode to a point of Ed25519 (RFC 8032 section 5.1.3, x recovery)."""
    if len(b) != 32:
        return False
    y = int.from_bytes(b, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    if y >= _P:
        return False
    y2 = y * y % _P
    x2 = (y2 - 1) * pow(_D * y2 + 1, _P - 2, _P) % _P
    if x2 == 0:
        return sign == 0
    return pow(x2, (_P - 1) // 2, _P) == 1


# ---- Bitcoin Cash cashaddr ---------------------------------------------------------------------------

_CASH_GEN = (0x98F2BC8E61, 0x79B76D99E2, 0xF33E5FB3C4, 0xAE2EABE2A8, 0x1E4F43E470)
_CASH_SIZES = {0: 20, 1: 24, 2: 28, 3: 32, 4: 40, 5: 48, 6: 56, 7: 64}


def _cash_polymod(values: list[int]) -> int:
    c = 1
    for d in values:
        c0 = c >> 35
        c = ((c & 0x07FFFFFFFF) << 5) ^ d
        for i in range(5):
            if (c0 >> i) & 1:
                c ^= _CASH_GEN[i]
    return c ^ 1


def validate_bch(s: str) -> tuple[str, bool] | None:
    """(normalized "prefix:payload", valid) for a cashaddr, None when it is not cashaddr-shaped."""
    if s != s.lower() and s != s.upper():
        return None
    low = s.lower()
    prefix, _, payload = low.rpartition(":")
    if not prefix:
        prefix = "bitcoincash"
    if prefix not in ("bitcoincash", "bchtest"):
        return None
    data = []
    for ch in payload:
        i = bech32.CHARSET.find(ch)
        if i < 0:
            return None
        data.append(i)
    norm = f"{prefix}:{payload}"
    if len(data) < 9:
        return None
    if _cash_polymod([ord(c) & 0x1F for c in prefix] + [0] + data) != 0:
        return norm, False
    raw = bech32.convertbits(data[:-8], 5, 8, False)
    if not raw:
        return norm, False
    ver = raw[0]
    if ver & 0x80 or (ver >> 3) & 0x0F not in (0, 1) or len(raw) - 1 != _CASH_SIZES[ver & 7]:
        return norm, False
    return norm, True


# ---- The pattern table -------------------------------------------------------------------------------

_SOL_CUE = re.compile(r"\b(?:sol|solana|phantom|spl)\b")

# No look-behind: token boundaries and the cashaddr prefix are checked by hand in the hook.
# "\b" first: the engine then only tries at word starts, not at every letter of every word
TOKEN_BODY = r"[0-9A-Za-z]{25,110}"
_TOKEN = re.compile(r"(?a)\b" + TOKEN_BODY)
# segwit addresses can be as short as 14 characters (BIP-350, a v16 program of 2 bytes); only looked for when
# "bc1"/"tb1" occurs, so ordinary long words do not reach the hook
_SHORT_SEGWIT = re.compile(r"(?a)\b(?:[Bb][Cc]|[Tt][Bb])1[0-9A-Za-z]{11,22}")
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CASH_PREFIXES = ("bitcoincash:", "bchtest:")


def token_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    start, end = m.span()
    text = ctx.text
    if (start > 0 and text[start - 1] in _ALNUM) or (end < len(text) and text[end] in _ALNUM):
        return None
    if start > 0 and text[start - 1] == ":":
        for p in _CASH_PREFIXES:
            if ctx.lower.startswith(p, start - len(p)):
                start -= len(p)
                break
    s = text[start:end]
    n = len(s)
    c0 = s[0]
    low2 = s[:2].lower()
    if n < 25 and low2 not in ("bc", "tb"):
        return None
    # Session messenger IDs: 66 hex digits starting "05" (an X25519 key with Session's prefix)
    if n == 66 and low2 == "05" and all(ch in "0123456789abcdefABCDEF" for ch in s):
        return Candidate("session", start, end, s.lower(), True, 0.95)
    # Ethereum
    if low2 == "0x":
        if n == 42 and all(ch in "0123456789abcdefABCDEF" for ch in s[2:]):
            return Candidate("eth", start, end, s.lower(), validate_eth(s), 0.95)
        return None
    # segwit (bech32 / bech32m)
    if low2 in ("bc", "tb") or s[:3].lower() == "ltc" or s[:4].lower() == "tltc":
        r = validate_segwit(s)
        if r is not None:
            return Candidate(r[0], start, end, s.lower(), r[1], 0.95)
    # cashaddr with or without prefix
    if ":" in s or (n == 42 and c0 in "qpQP"):
        r2 = validate_bch(s)
        if r2 is not None:
            if ":" not in s and not r2[1]:
                return None  # a bare 42-char q... string with a bad checksum is too weak to report
            return Candidate("bch", start, end, r2[0], r2[1], 0.95)
        if ":" in s:
            return None
    # Monero (95 standard/subaddress, 106 integrated)
    if n in (95, 106) and c0 in "48":
        v = validate_xmr(s)
        if v is not None:
            return Candidate("xmr", start, end, s, v, 0.95)
    if not all(ch in _B58_SET for ch in s):
        return None
    # Base58Check: BTC / LTC / TRX
    if 26 <= n <= 35:
        r3 = validate_base58check(s)
        if r3 is not None:
            version, ok = r3
            kind = BASE58_VERSIONS.get(version)
            if kind is not None and (c0 == "T") == (kind == "trx"):
                return Candidate(kind, start, end, s, ok, 0.95)
        if c0 == "r" and all(ch in _XRP_SET for ch in s):
            v2 = validate_xrp(s)
            if v2 is not None:
                return Candidate("xrp", start, end, s, v2, 0.95)
    # Solana: 32 bytes, on the curve, next to a cue word
    if 32 <= n <= 44:
        try:
            raw = base58.b58decode(s)
        except ValueError:
            return None
        if len(raw) == 32 and near(ctx.lower, start, end, _SOL_CUE, 60):
            return Candidate("sol", start, end, s, on_ed25519_curve(raw), 0.9)
    return None


PATTERNS: tuple[Pattern, ...] = (
    Pattern("crypto_token", _TOKEN, 0.95, token_hook),
    Pattern("segwit_short", _SHORT_SEGWIT, 0.95, token_hook, ("bc1", "tb1")),
)

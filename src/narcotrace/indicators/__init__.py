"""Indicators: the identifiers sellers leave (wallets, handles, phones, domains, onions, payment tags).

They link a seller's accounts, survive bans and can be shared. One module per kind, each a table of
patterns with scores and validation hooks (see `_engine`); this module runs them all over a lightly
de-obfuscated copy of the text and returns `Indicator` records whose spans index the ORIGINAL text.

    extract(text, *, country=None) -> list[Indicator]   sorted by start; never raises on any str
    extract_prices(text) -> list[Price]                 structured prices/quantities for the detector
    INDICATOR_TYPES                                     every `Indicator.type` this package can produce
"""

from __future__ import annotations

import re

from narcotrace.indicators import crypto, handles, onion, payments, pgp, phone, web
from narcotrace.indicators._deobf import deobfuscate
from narcotrace.indicators._engine import Candidate, Context, Pattern, resolve, scan
from narcotrace.indicators.prices import Price, extract_prices
from narcotrace.items import Indicator

__all__ = ["INDICATOR_TYPES", "Indicator", "Price", "extract", "extract_prices"]

INDICATOR_TYPES: tuple[str, ...] = (
    "btc", "eth", "trx", "xmr", "ltc", "bch", "sol", "xrp",
    "telegram", "wickr", "signal", "whatsapp", "snapchat", "threema", "session", "discord", "instagram",
    "wechat", "qq", "line", "kik",
    "phone", "email", "url", "domain", "onion",
    "cashapp", "venmo", "paypal", "zelle",
    "pgp_key", "pgp_fingerprint",
)  # fmt: skip

# Wallet tokens and phone numbers both start at a word start; one scan finds both (at one position a
# 25+ character token and a phone number exclude each other), which saves a pass over every text.
_TOKEN_OR_PHONE = re.compile(rf"(?a)\b(?:(?P<tok>{crypto.TOKEN_BODY})|{phone.CANDIDATE_BODY})")


def _token_or_phone(m: re.Match[str], ctx: Context) -> Candidate | None:
    return crypto.token_hook(m, ctx) if m.group("tok") is not None else phone.hook(m, ctx)


_SEPARATE = {"crypto_token", "phone_number"}
PATTERNS: tuple[Pattern, ...] = (
    *pgp.PATTERNS,
    *onion.PATTERNS,
    *(p for p in crypto.PATTERNS if p.name not in _SEPARATE),
    *handles.PATTERNS,
    *payments.PATTERNS,
    *web.PATTERNS,
    Pattern("wallet_token_or_phone", _TOKEN_OR_PHONE, 0.95, _token_or_phone),
)

_GUARDED = tuple((p.guards, p) for p in PATTERNS)


def extract(text: str, *, country: str | None = None) -> list[Indicator]:
    """All indicators in `text`, sorted by start, with spans into the original text.

    `country` (ISO 3166 alpha-2, e.g. "US") places phone numbers written without a country code.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if not text:
        return []
    deob = deobfuscate(text)
    ctx = Context(deob, country if country and len(country) == 2 and country.isalpha() else None)
    lower = ctx.lower
    cands: list[Candidate] = []
    for guards, p in _GUARDED:
        if guards:
            # inline guard check: this loop runs for every text, so no call per pattern
            for g in guards:
                if g in lower:
                    break
            else:
                continue
        hook = p.hook
        finder = p.finder
        for m in finder(ctx) if finder is not None else scan(p.regex, ctx.text):
            c = hook(m, ctx)
            if c is not None:
                cands.append(c)
    out: list[Indicator] = []
    for c in resolve(cands):
        s, e = deob.to_original(c.start, c.end)
        out.append(Indicator(c.type, text[s:e], c.normalized, c.valid, s, e))
    return out

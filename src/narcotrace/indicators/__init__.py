"""Indicators: the identifiers sellers leave (wallets, handles, phones, domains, onions, payment tags).

They link a seller's accounts, survive bans and can be shared. One module per kind, each a table of
patterns with scores and validation hooks (see `_engine`); this module runs them all over a lightly
de-obfuscated copy of the text and returns `Indicator` records whose spans index the ORIGINAL text.

    extract(text, *, country=None) -> list[Indicator]   sorted by start; never raises on any str
    extract_many(texts, countries=None) -> list[list[Indicator]]
                                                        the same per text, faster on batches (one
                                                        Hyperscan prefilter pass over the whole batch)
    extract_prices(text) -> list[Price]                 structured prices/quantities for the detector
    INDICATOR_TYPES                                     every `Indicator.type` this package can produce
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narcotrace.indicators import _accel, crypto, handles, onion, payments, pgp, phone, web
from narcotrace.indicators._deobf import Deobfuscated, deobfuscate
from narcotrace.indicators._engine import Candidate, Context, Pattern, aligned_lower, resolve, scan
from narcotrace.indicators.prices import Price, extract_prices
from narcotrace.items import Indicator

__all__ = ["INDICATOR_TYPES", "Indicator", "Price", "extract", "extract_many", "extract_prices"]

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
_URL_PATTERN = next(p for p in PATTERNS if p.name == "url")
_ALL = frozenset(range(len(PATTERNS)))


def _country(country: str | None) -> str | None:
    return country if country and len(country) == 2 and country.isalpha() else None


def extract(text: str, *, country: str | None = None) -> list[Indicator]:
    """All indicators in `text`, sorted by start, with spans into the original text.

    `country` (ISO 3166 alpha-2, e.g. "US") places phone numbers written without a country code.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if not text:
        return []
    deob = deobfuscate(text)
    ctx = Context(deob, _country(country))
    pf = _prefilter()
    # with Hyperscan, one prefilter scan replaces the guard checks, the cue pass and the token search for
    # the patterns it rules out (same results: see _accel); without it, every pattern's own guards decide
    if pf is None:
        return _run(text, deob, ctx, _GUARDED)
    plan = _plan(pf.gate_one(ctx.lower))
    if plan is _URL_DOMAIN_ONLY:
        return _url_domain_only(text, deob, ctx, web.find_urls(ctx))
    return _run(text, deob, ctx, plan)


# Patterns that nearly every tweet needs (a URL, a dot): the batch prefilter does not gate them,
# their own substring guards still apply. Every other pattern is gated by `_accel` (see its docstring).
_UNGATED = frozenset(i for i, p in enumerate(PATTERNS) if p.name in ("url", "domain"))
_BATCH_CHUNK = 256  # texts per pass: few live objects per chunk keep the cyclic GC cheap (measured: 2048 is ~15% slower)
_PREFILTER: _accel.Prefilter | None = None


def _prefilter() -> _accel.Prefilter | None:
    global _PREFILTER
    if _PREFILTER is None and _accel.AVAILABLE:
        literals: list[tuple[int, str]] = []
        regexes: list[tuple[int, bytes]] = []
        for i, p in enumerate(PATTERNS):
            if i in _UNGATED:
                continue
            if p.name == "handle_links":
                regexes.append((i, handles.LINK_GATE_BYTES))
            elif p.name == "handle_reverse_cue":
                regexes.append((i, handles.REVERSE_PREFILTER_BYTES))
            elif p.name == "email":
                regexes.append((i, web.EMAIL_PREFILTER_BYTES))
            elif p.name == "handle_cue":
                literals += [(i, k) for k in handles.CUE_KEYS]
            elif p.name == "wallet_token_or_phone":
                regexes.append((i, _accel.TOKEN_OR_PHONE_PREFILTER))
            elif p.guards:
                literals += [(i, g) for g in p.guards]
            else:
                raise AssertionError(f"pattern {p.name} has no prefilter: add it to _UNGATED or to _accel")
        _PREFILTER = _accel.Prefilter(literals, regexes)
    return _PREFILTER


def extract_many(
    texts: Sequence[str], countries: Sequence[str | None] | str | None = None, *, accelerate: bool = True
) -> list[list[Indicator]]:
    """`[extract(t, country=c) for t, c in zip(texts, countries)]`, computed faster on a batch.

    `countries` is one country per text, or one country (or None) for all. With Hyperscan installed, one
    prefilter pass over the whole batch decides which patterns can match in which text (`_accel`) and one
    regex pass finds every URL; the result is identical to the pure-Python path (every pattern behind
    its own guards), which `accelerate=False` forces.
    """
    n = len(texts)
    if countries is None or isinstance(countries, str):
        cs: Sequence[str | None] = [countries] * n
    else:
        cs = countries
        if len(cs) != n:
            raise ValueError(f"countries has {len(cs)} entries for {n} texts")
    for k, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"texts[{k}] must be a str, got {type(t).__name__}")
    pf = _prefilter() if accelerate else None
    if pf is None:
        return [_extract_plain(t, c) for t, c in zip(texts, cs)]
    out: list[list[Indicator]] = []
    for lo in range(0, n, _BATCH_CHUNK):
        chunk = texts[lo : lo + _BATCH_CHUNK]
        deobs = [deobfuscate(t) for t in chunk]
        dtexts = [d.text for d in deobs]
        lows = [aligned_lower(t) for t in dtexts]
        urls = web.batch_urls(dtexts, lows)
        plans = [_plan(g) for g in pf.gates(lows)]
        for k, t in enumerate(chunk):
            if not t:
                out.append([])
                continue
            ctx = Context(deobs[k], _country(cs[lo + k]), lows[k])
            if plans[k] is _URL_DOMAIN_ONLY:
                out.append(_url_domain_only(t, deobs[k], ctx, urls[k]))
            else:
                out.append(_run(t, deobs[k], ctx, plans[k], urls[k]))
    return out


def _url_domain_only(
    text: str, deob: Deobfuscated, ctx: Context, urls: tuple[list[Candidate], list[tuple[int, int]]]
) -> list[Indicator]:
    """`_run` for the commonest plan (only the URL and domain patterns can match), shortened when the text
    is unchanged by de-obfuscation and the domain finder would find nothing."""
    spans = urls[1]
    # the domain finder finds nothing when there is no dot or every dot is inside a URL (its early exit)
    if not deob.changed and (
        "." not in text or (spans and text.count(".") == sum(text.count(".", a, b) for a, b in spans))
    ):
        # URL matches never overlap and a cut never empties one, so `resolve` would keep them all in this
        # order; the text is its own de-obfuscated copy, so spans need no mapping
        return [Indicator(c.type, text[c.start : c.end], c.normalized, c.valid, c.start, c.end) for c in urls[0]]
    return _run(text, deob, ctx, _URL_DOMAIN_ONLY, urls)


def _extract_plain(text: str, country: str | None) -> list[Indicator]:
    """The pure-Python path: every pattern, each behind its own guards (the reference for `_accel`)."""
    if not text:
        return []
    deob = deobfuscate(text)
    return _run(text, deob, Context(deob, _country(country)), _GUARDED)


_PLANS: dict[frozenset[int], tuple[tuple[tuple[str, ...], Pattern], ...]] = {}
_URL_DOMAIN_ONLY = tuple(gp for gp in _GUARDED if gp[1].name in ("url", "domain"))


def _plan(hits: frozenset[int]) -> tuple[tuple[tuple[str, ...], Pattern], ...]:
    """The patterns to run for a text whose prefilter hits are `hits` (few distinct sets: cached)."""
    plan = _PLANS.get(hits)
    if plan is None:
        plan = tuple(gp for i, gp in enumerate(_GUARDED) if i in hits or i in _UNGATED)
        if plan == _URL_DOMAIN_ONLY:
            plan = _URL_DOMAIN_ONLY  # the fast path in `extract_many` tests identity
        if len(_PLANS) < 4096:
            _PLANS[hits] = plan
    return plan


def _run(
    text: str,
    deob: Deobfuscated,
    ctx: Context,
    plan: tuple[tuple[tuple[str, ...], Pattern], ...],
    urls: tuple[list[Candidate], list[tuple[int, int]]] | None = None,
) -> list[Indicator]:
    """Run the patterns of `plan` over one text: all of them for `extract`, only those the batch prefilter
    did not rule out for `extract_many` (see `_accel`). `urls`, from `web.batch_urls`, stands in for
    running the URL pattern (its candidates and the URL spans the domain finder skips)."""
    lower = ctx.lower
    cands: list[Candidate] = []
    for guards, p in plan:
        if p is _URL_PATTERN and urls is not None:
            # the batch found them already; kept at this place in the order so ties resolve the same
            cands += urls[0]
            ctx.url_spans = urls[1]
            continue
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

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
from narcotrace.indicators._deobf import NEEDS_CHANGE, SPOT, Deobfuscated, deobfuscate
from narcotrace.indicators._engine import Candidate, Context, Pattern, aligned_lower, make_indicator, resolve, scan
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

_URL_INDEX = next(i for i, p in enumerate(PATTERNS) if p.name == "url")
_DOMAIN_INDEX = next(i for i, p in enumerate(PATTERNS) if p.name == "domain")
_DOMAIN_PATTERN = PATTERNS[_DOMAIN_INDEX]
if _DOMAIN_INDEX != _URL_INDEX + 1:  # `_run` puts domain candidates right after the URL ones
    raise RuntimeError("the domain pattern must come right after the URL pattern in PATTERNS")

# A plan: the patterns to run for one text other than URL and domain (which every text runs), in
# PATTERNS order, each with its guards and whether it comes after the URL pattern (candidate order
# decides ties in `resolve`).
_Step = tuple[tuple[str, ...], Pattern, bool]
_GUARDED: tuple[_Step, ...] = tuple(
    (p.guards, p, i > _URL_INDEX) for i, p in enumerate(PATTERNS) if i not in (_URL_INDEX, _DOMAIN_INDEX)
)


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
    c = _country(country)
    ctx = Context(deob, c)
    pf = _prefilter()
    # with Hyperscan, one prefilter scan replaces the guard checks, the cue pass and the token search for
    # the patterns it rules out (same results: see _accel); without it, every pattern's own guards decide
    plan = _GUARDED if pf is None else _gated_plan(pf.gate_one(ctx.lower), c, ctx.lower)
    return _run(text, deob, ctx, plan, web.find_urls(ctx), None)


_BATCH_CHUNK = 256  # texts per pass: few live objects per chunk keep the cyclic GC cheap (measured: 2048 is ~15% slower)
_PREFILTER: _accel.Prefilter | None = None
# Signals that are not Hyperscan expressions: added per text by the caller
_SIG_COUNTRY = 0
_SIG_PHONE_CUE = 1
# pattern index -> rules: the pattern runs when every signal of one rule was raised (see _accel)
_RULES: dict[int, tuple[frozenset[int], ...]] = {}


def _prefilter() -> _accel.Prefilter | None:
    global _PREFILTER, _RULES
    if _PREFILTER is None and _accel.AVAILABLE:
        exprs: list[tuple[int, bytes]] = []
        names: dict[str, int] = {"country": _SIG_COUNTRY, "phone_cue": _SIG_PHONE_CUE}

        def sig(name: str, *expressions: bytes) -> int:
            n = names.setdefault(name, len(names))
            exprs.extend((n, e) for e in expressions)
            return n

        rules: dict[int, tuple[frozenset[int], ...]] = {}
        for i, p in enumerate(PATTERNS):
            if i in (_URL_INDEX, _DOMAIN_INDEX):
                continue
            own = f"p{i}"
            if p.name == "handle_links":
                r: tuple[tuple[int, ...], ...] = ((sig(own, handles.LINK_GATE_BYTES),),)
            elif p.name == "handle_reverse_cue":
                r = ((sig(own, handles.REVERSE_PREFILTER_BYTES),),)
            elif p.name == "email":
                r = ((sig(own, web.EMAIL_PREFILTER_BYTES),),)
            elif p.name == "handle_cue":
                r = ((sig(own, *handles.cue_prefilter(_accel.non_ascii_digits())),),)
            elif p.name == "wallet_token_or_phone":
                # a digit run that can only be a national number without a cue needs a country; whether
                # a phone cue is in the text is asked (exactly, in Python) only then: see _phone_cue
                any_run = sig("phone_any", phone.PREFILTER_ANY)
                r = ((sig("token", _accel.TOKEN_PREFILTER),), (sig("phone_intl", phone.PREFILTER_INTL),),
                     (sig("phone_cn", phone.PREFILTER_CN),), (any_run, _SIG_COUNTRY), (any_run, _SIG_PHONE_CUE))
            elif p.name == "cashapp_tag":
                r = ((sig("cashtag_digit", payments.CASHTAG_DIGIT_PREFILTER),),
                     (sig("cashtag", payments.CASHTAG_PREFILTER), sig("cash", _accel.literal(payments.CASH_CUE_LITERAL))))
            elif p.name == "pgp_fingerprint":
                r = ((sig("fpr_cue", *(_accel.literal(g) for g in p.guards)), sig("hex40", pgp.FPR_PREFILTER_BYTES)),)
            elif p.guards:
                r = ((sig(own, *(_accel.literal(g) for g in p.guards)),),)
            else:
                raise AssertionError(f"pattern {p.name} has no prefilter: add a rule for it")
            rules[i] = tuple(frozenset(x) for x in r)
        # two threads may build it at once: each publishes complete objects (the same rules, numbered
        # the same way), rules first
        _RULES = rules
        _PREFILTER = _accel.Prefilter(exprs)
    return _PREFILTER


def extract_many(
    texts: Sequence[str], countries: Sequence[str | None] | str | None = None, *, accelerate: bool = True
) -> list[list[Indicator]]:
    """`[extract(t, country=c) for t, c in zip(texts, countries)]`, computed faster on a batch.

    `countries` is one country per text, or one country (or None) for all. With Hyperscan installed, the
    batch is handled in chunks, each joined into one string: one regex pass finds what needs
    de-obfuscation, one finds every URL (and the dots a domain may hang on), one Hyperscan pass decides
    which patterns can match in which text (`_accel`); texts where only URLs can match get their
    `Indicator`s straight from the URL pass. The result is identical to the pure-Python path (every
    pattern behind its own guards), which `accelerate=False` forces.
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
        out += _chunk(texts[lo : lo + _BATCH_CHUNK], cs[lo : lo + _BATCH_CHUNK], pf)
    return out


def _starts(texts: Sequence[str]) -> list[int]:
    """Where each text starts in `_accel.SEP.join(texts)`, plus where a next one would start."""
    starts = [0] * (len(texts) + 1)
    pos = 0
    for k, t in enumerate(texts):
        pos += len(t) + 1
        starts[k + 1] = pos
    return starts


def _chunk(chunk: Sequence[str], cs: Sequence[str | None], pf: _accel.Prefilter) -> list[list[Indicator]]:
    m = len(chunk)
    joined = _accel.SEP.join(chunk)
    starts = _starts(chunk)
    # de-obfuscation: only the texts where it changes something (few) get a Deobfuscated of their own
    deobs: list[Deobfuscated | None] = [None] * m
    k = 0
    pos = 0
    spot = SPOT.search
    while (hit := spot(joined, pos)) is not None:
        # a spot (one character class: a fast scan) that may need an edit; NEEDS_CHANGE judges it
        p = hit.start()
        if NEEDS_CHANGE.match(joined, p) is None:
            pos = p + 1
            continue
        while p >= starts[k + 1]:
            k += 1
        deobs[k] = deobfuscate(chunk[k])
        pos = starts[k + 1]
    dtexts: Sequence[str] = chunk
    if any(d is not None for d in deobs):
        dtexts = [t if d is None else d.text for t, d in zip(chunk, deobs)]
        joined = _accel.SEP.join(dtexts)
        starts = _starts(dtexts)
    low = joined.lower()
    if len(low) != len(joined):
        low = _accel.SEP.join(aligned_lower(t) for t in dtexts)
    sigs = pf.gates(low, starts)
    # texts without a prefilter signal that de-obfuscation leaves unchanged get their URL Indicators
    # straight from the URL pass (turned back into candidates in the rare case that something else is
    # found in them after all: a domain)
    direct = [not g and d is None for g, d in zip(sigs, deobs)]
    urls, dotted = web.batch_urls(joined, low, starts, direct)
    out: list[list[Indicator]] = []
    for k in range(m):
        t = chunk[k]
        if not t:
            out.append([])
            continue
        found, spans = urls[k]
        if direct[k]:
            if k not in dotted:
                out.append(found if spans else [])  # `found` of a text without URLs is shared
                continue
            found = [Candidate("url", i.start, i.end, i.normalized, i.valid, web.URL_SCORE) for i in found]
        c = _country(cs[k])
        plan, with_cue = _plan(sigs[k], c is not None)
        lowk = None
        if with_cue is not None:
            # a bare digit run without a country is only a candidate next to a phone cue: asked only here
            lowk = low[starts[k] : starts[k + 1] - 1]
            if phone.PHONE_CUES_ANYWHERE.search(lowk) is not None:
                plan = with_cue
        d = deobs[k]
        if not plan and d is None and k not in dotted:
            # only URLs can match, the text is its own de-obfuscated copy, the domain finder finds nothing
            out.append(_url_indicators(t, found))
            continue
        if d is None:
            d = Deobfuscated(t, None, t)
        ctx = Context(d, c, lowk if lowk is not None else low[starts[k] : starts[k + 1] - 1])
        out.append(_run(t, d, ctx, plan, (found, spans), k in dotted))
    return out


def _extract_plain(text: str, country: str | None) -> list[Indicator]:
    """The pure-Python path: every pattern, each behind its own guards (the reference for `_accel`)."""
    if not text:
        return []
    deob = deobfuscate(text)
    ctx = Context(deob, _country(country))
    return _run(text, deob, ctx, _GUARDED, web.find_urls(ctx), None)


_Plans = tuple[tuple[_Step, ...], "tuple[_Step, ...] | None"]
_PLANS: tuple[dict[frozenset[int], _Plans], dict[frozenset[int], _Plans]] = ({}, {})


def _plan(sigs: frozenset[int], has_country: bool) -> _Plans:
    """The patterns to run for a text whose prefilter signals are `sigs` (few distinct sets: cached), and
    the patterns to run instead when the text has a phone cue word (None when that changes nothing)."""
    cache = _PLANS[has_country]
    plans = cache.get(sigs)
    if plans is None:
        have = sigs | {_SIG_COUNTRY} if has_country else sigs
        gated = [i for i in range(len(PATTERNS)) if i not in (_URL_INDEX, _DOMAIN_INDEX)]

        def select(have: frozenset[int]) -> tuple[_Step, ...]:
            return tuple(step for i, step in zip(gated, _GUARDED) if any(rule <= have for rule in _RULES[i]))

        plan = select(have)
        with_cue = select(have | {_SIG_PHONE_CUE})
        plans = (plan, None if with_cue == plan else with_cue)
        if len(cache) < 4096:
            cache[sigs] = plans
    return plans


def _gated_plan(sigs: frozenset[int], country: str | None, low: str) -> tuple[_Step, ...]:
    plan, with_cue = _plan(sigs, country is not None)
    # a bare digit run without a country is only a candidate next to a phone cue: asked only here
    if with_cue is not None and phone.PHONE_CUES_ANYWHERE.search(low) is not None:
        return with_cue
    return plan


def _url_indicators(text: str, urls: list[Candidate]) -> list[Indicator]:
    """The result for a text whose only candidates are `urls` and that de-obfuscation leaves unchanged:
    URL matches never overlap and a cut never empties one, so `resolve` would keep them all in this
    order, and spans need no mapping."""
    return [make_indicator(c.type, text[c.start : c.end], c.normalized, c.valid, c.start, c.end) for c in urls]


def _run(
    text: str,
    deob: Deobfuscated,
    ctx: Context,
    plan: tuple[_Step, ...],
    urls: tuple[list[Candidate], list[tuple[int, int]]],
    dotted: bool | None,
) -> list[Indicator]:
    """Run the patterns of `plan` over one text: all of them for the pure path, those the prefilter did
    not rule out otherwise (see `_accel`), then the domain pattern. `urls` (from `web.find_urls` or
    `web.batch_urls`) stands in for running the URL pattern: its candidates and the URL spans the domain
    finder skips. `dotted` False: the batch pass found no dot the domain finder could use (None: unknown)."""
    lower = ctx.lower
    before: list[Candidate] = []
    after: list[Candidate] = []
    for guards, p, late in plan:
        if guards:
            # inline guard check: this loop runs for every text, so no call per pattern
            for g in guards:
                if g in lower:
                    break
            else:
                continue
        hook = p.hook
        finder = p.finder
        cands = after if late else before
        for m in finder(ctx) if finder is not None else scan(p.regex, ctx.text):
            c = hook(m, ctx)
            if c is not None:
                cands.append(c)
    ucands, ctx.url_spans = urls
    domains: list[Candidate] = []
    if dotted is not False and "." in lower:
        for m in _DOMAIN_PATTERN.finder(ctx):  # type: ignore[misc]
            c = _DOMAIN_PATTERN.hook(m, ctx)
            if c is not None:
                domains.append(c)
    if not before and not after and not domains and not deob.changed:
        return _url_indicators(text, ucands)
    out: list[Indicator] = []
    for c in resolve(before + ucands + domains + after):
        s, e = deob.to_original(c.start, c.end)
        out.append(make_indicator(c.type, text[s:e], c.normalized, c.valid, s, e))
    return out

"""Payment-app identifiers: Cash App $cashtags, Venmo, PayPal.me and Zelle mentions.

A "$" followed by a digit is a price, never a cashtag. "$BTC", "$AAPL", "$Titano" are stock/crypto
tickers: without a Cash App cue ("cash app", "cashapp", "cashtag", "cash") a tag counts only when it mixes
letters with digits or "_" and is not all capitals ("$john22"). Syntax rules
(docs/indicators.md): Cash App $cashtag 1-20 letters/digits/underscore with at least one letter; Venmo
username 5-30 letters/digits/"-"/"_"; PayPal.me name 1-20 letters/digits. Zelle has no usernames: it pays to
an e-mail or a US phone number, and a bare mention is still reported (valid=False) because it is where
payment goes off-platform.
"""

from __future__ import annotations

import re

from narcotrace.indicators._engine import Candidate, Context, Pattern, near
from narcotrace.indicators.phone import place
from narcotrace.indicators.web import registrable

__all__ = ["CASHTAG_DIGIT_PREFILTER", "CASHTAG_PREFILTER", "CASH_CUE_LITERAL", "PATTERNS"]

_CASH_CUE = re.compile(r"cash[ \t]*app|cash[ \t]*tag|\bcash\b")
_CASHTAG = re.compile(r"(?<![A-Za-z0-9_$])(?:cash\.app/)?\$(?P<h>[A-Za-z][A-Za-z0-9_]{0,19})(?![A-Za-z0-9_$])", re.IGNORECASE)
_CASHTAG_SYNTAX = re.compile(r"[a-z0-9_]{1,20}")
# Prefilters for the batch path (_accel), on the UTF-8 bytes of the lower-cased text, with the characters
# IGNORECASE folds to ASCII letters ("İ", "ı", "ſ"). Every tag has CASHTAG_PREFILTER; `_cashtag_hook` keeps
# it only next to a cue (every cue contains CASH_CUE_LITERAL) or when it has a digit or "_"
# (CASHTAG_DIGIT_PREFILTER).
_FOLDED = rb"\xc4\xb0|\xc4\xb1|\xc5\xbf"
CASHTAG_PREFILTER = rb"\$(?:[a-z]|" + _FOLDED + rb")"
CASHTAG_DIGIT_PREFILTER = rb"\$(?:[a-z]|" + _FOLDED + rb")(?:[a-z0-9_]|" + _FOLDED + rb")*[0-9_]"
CASH_CUE_LITERAL = "cash"


def _cashtag_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    h = m.group("h")
    link = m.group().lower().startswith("cash.app/")
    cue = link or near(ctx.lower, m.start(), m.end(), _CASH_CUE, 40)
    # "$AAPL", "$Titano", "$hook": finance tweets are full of tickers. Without a Cash App cue, only a tag
    # that no ticker looks like (letters with digits or "_", not all capitals) counts.
    if not cue and (h.isupper() or not any(c.isdigit() or c == "_" for c in h) or h.isdigit()):
        return None
    low = h.lower()
    return Candidate("cashapp", m.start(), m.end(), "$" + low, _CASHTAG_SYNTAX.fullmatch(low) is not None,
                     0.9 if cue else 0.7)


_VENMO = re.compile(
    r"venmo(?:\.com/(?:u/)?|[ \t]*(?:me|id|username)?[ \t]*[:：@\-–=]*[ \t]*@?)(?P<h>[A-Za-z0-9_\-]{2,40})",
    re.IGNORECASE,
)
_VENMO_SYNTAX = re.compile(r"[a-z0-9_\-]{5,30}")
_STOP = frozenset("only accepted accept me is and or for here now to with payment payments please pls app".split())


def _venmo_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    h = m.group("h").rstrip("-_")
    low = h.lower()
    if low in _STOP:
        return None
    between = ctx.text[m.start() + 5 : m.start("h")]
    if "." not in between and not any(c in between for c in ":：@=") and len(h) < 5:
        return None
    return Candidate("venmo", m.start(), m.start("h") + len(h), low, _VENMO_SYNTAX.fullmatch(low) is not None, 0.9)


_EMAIL_RX = r"[A-Za-z0-9._%+\-]{1,64}@(?:[A-Za-z0-9\-]{1,63}\.)+[A-Za-z]{2,24}"
_PAYPAL = re.compile(
    r"paypal\.me/(?P<h>[A-Za-z0-9]{1,40})|paypal[ \t]*(?:me|id|email)?[ \t]*[:：\-–=]*[ \t]*(?P<e>" + _EMAIL_RX + ")",
    re.IGNORECASE,
)


def _paypal_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    if m.group("h"):
        h = m.group("h")
        return Candidate("paypal", m.start(), m.end(), "paypal.me/" + h.lower(), len(h) <= 20, 0.9)
    e = m.group("e")
    return Candidate("paypal", m.start("e"), m.end("e"), e.lower(), registrable(e.rpartition("@")[2]) is not None, 0.85)


_ZELLE = re.compile(
    r"(?<![A-Za-z])zelle(?![A-Za-z])(?:(?:[ \t]*(?:me|to|at|id|pay|via|using|with)(?![A-Za-z]))*[ \t]*[:：\-–=]*[ \t]*"
    r"(?:(?P<e>" + _EMAIL_RX + r")|(?P<p>\+?\(?\d[\d \t().\-]{5,18}\d)))?",
    re.IGNORECASE,
)


def _zelle_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    if m.group("e"):
        e = m.group("e")
        ok = registrable(e.rpartition("@")[2]) is not None
        return Candidate("zelle", m.start("e"), m.end("e"), e.lower(), ok, 0.85)
    if m.group("p"):
        p = m.group("p")
        placed = place(p, ctx)
        if placed is None:
            # Zelle is a US service: a number without a country is read as a US number
            from narcotrace.indicators.phone import to_e164

            placed = to_e164(p, "US")
        if placed is not None:
            return Candidate("zelle", m.start("p"), m.end("p"), placed[0], placed[1], 0.85)
    return Candidate("zelle", m.start(), m.start() + 5, "zelle", False, 0.6)


PATTERNS: tuple[Pattern, ...] = (
    Pattern("cashapp_tag", _CASHTAG, 0.8, _cashtag_hook, ("$",)),
    Pattern("venmo", _VENMO, 0.9, _venmo_hook, ("venmo",)),
    Pattern("paypal", _PAYPAL, 0.9, _paypal_hook, ("paypal",)),
    Pattern("zelle", _ZELLE, 0.85, _zelle_hook, ("zelle",)),
)

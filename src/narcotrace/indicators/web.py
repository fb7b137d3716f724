"""E-mail addresses, URLs and bare domains; registrable domains come from the Public Suffix List, offline.

tldextract is built once, lazily, with its bundled PSL snapshot (`suffix_list_urls=()`, no cache dir), so no
network is ever touched. A bare domain is reported only when its suffix is a known public suffix, it is not
a file name ("readme.md", "setup.py", "movie.mov": file extensions that are also TLDs), and it is not a
sentence boundary without a space ("fine.Today"). `normalized` for a domain is its registrable domain
(eTLD+1); for a URL the URL with a lower-cased scheme and host; for an e-mail the lower-cased address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import tldextract

from narcotrace.indicators._engine import Candidate, Context, Pattern, make_indicator, scan

__all__ = ["EMAIL_PREFILTER_BYTES", "PATTERNS", "URL_SCORE", "batch_urls", "find_urls", "registrable"]

_EXTRACT: tldextract.TLDExtract | None = None


def _extractor() -> tldextract.TLDExtract:
    global _EXTRACT
    if _EXTRACT is None:
        _EXTRACT = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), include_psl_private_domains=False)
    return _EXTRACT


_REG_CACHE: dict[str, str | None] = {}


def registrable(host: str) -> str | None:
    """The registrable domain (eTLD+1) of a host, or None when its suffix is not a known public suffix."""
    host = host.lower().rstrip(".")
    if host in _REG_CACHE:
        return _REG_CACHE[host]
    r = _extractor()(host)
    out = f"{r.domain}.{r.suffix}" if r.domain and r.suffix else None
    if len(_REG_CACHE) < 100_000:
        _REG_CACHE[host] = out
    return out


# File extensions that are also top-level domains: "name.ext" with these is a file until proven a site.
_FILE_TLDS = frozenset("zip mov md py sh pl rs mp ps cc so ms pub exe".split())

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_HOST = rf"(?:{_LABEL}\.){{1,8}}[A-Za-z][A-Za-z0-9\-]{{1,23}}"  # bounded: no quadratic backtracking

_EMAIL = re.compile(rf"(?<![A-Za-z0-9_.+\-])[A-Za-z0-9._%+\-]{{1,64}}@{_HOST}(?![A-Za-z0-9_\-])")
# Every e-mail match contains this on the lower-cased text (the batch prefilter, _accel, runs it on bytes)
EMAIL_PREFILTER_BYTES = rb"[a-z0-9._%+\-]@[a-z0-9]"
# URLs are found in the lower-cased copy (same length, same offsets), so each pattern starts with a plain
# literal ("http", "www.", "ftp") that the regex engine finds fast; the path is then read from the
# original text, where case matters. The host and the rest are named groups, so the hook does no string
# surgery.
_URL_BODY = r"(?P<host>[a-z0-9\-._~%!$&*+,;=:@\[\]]+)(?P<rest>[/?#][A-Za-z0-9\-._~:/?#@!$&*+,;=%()\[\]']*)?"
_URL = re.compile(r"(?P<scheme>https?)://" + _URL_BODY)
_URL_FTP = re.compile(r"(?P<scheme>ftp)://" + _URL_BODY)
_URL_WWW = re.compile(r"(?P<www>www\.)" + _URL_BODY)
_DOMAIN = re.compile(rf"(?<![A-Za-z0-9_.@/:\-])(?P<h>{_HOST})(?![A-Za-z0-9_@\-]|\.[A-Za-z0-9])")


# Literal anchors: a pattern that starts with a literal is found by a fast substring search, and the full
# regex is then matched at the exact start, found by hand. This keeps texts without candidates cheap.
_AT = re.compile("@")
_DOT = re.compile(r"\.[A-Za-z]")
_HOST_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-")
_LOCAL_BACK = re.compile(r"[A-Za-z0-9._%+\-]{1,64}\Z")


def _email_finder(ctx: Context) -> list[re.Match[str]]:
    out = []
    text = ctx.text
    last = 0
    for a in _AT.finditer(text):
        i = a.start()
        b = _LOCAL_BACK.search(text, max(last, i - 64), i)
        if b is None:
            continue
        m = _EMAIL.match(text, b.start())
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _url_starts(low: str) -> list[re.Match[str]]:
    """URL matches in a lower-cased text, in order, without the ones that do not start a URL."""
    found = list(scan(_URL, low)) if "://" in low else []
    extra = False
    if "ftp://" in low:
        found += _URL_FTP.finditer(low)
        extra = True
    if "www." in low:
        found += _URL_WWW.finditer(low)
        extra = True
    if extra:
        found.sort(key=lambda m: m.start())
    out = []
    last = 0
    for m in found:
        s = m.start()
        # "xhttp://" or "a.www.x" are not URL starts; "http://www.x" was already taken whole
        if s < last or (s > 0 and (low[s - 1].isalnum() or (m.re is _URL_WWW and low[s - 1] in "._@/"))):
            continue
        out.append(m)
        last = m.end()
    return out


def _url_finder(ctx: Context) -> list[re.Match[str]]:
    out = _url_starts(ctx.lower)
    ctx.url_spans = [m.span() for m in out]
    return out


_URL_GUARDS = ("://", "www.")


def find_urls(ctx: Context) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """The URL candidates and URL spans of one text: what running the URL pattern gives (guards, finder,
    hook), for a caller that handles the rest of the text itself."""
    low = ctx.lower
    if "://" not in low and "www." not in low:  # _URL_GUARDS, inline (this runs for every text)
        return [], []
    found = _url_finder(ctx)
    return [c for m in found if (c := _url_hook(m, ctx)) is not None], ctx.url_spans


_NO_URLS: tuple[list[Candidate], list[tuple[int, int]]] = ([], [])  # shared: callers never mutate it
URL_SCORE = 0.78  # the score of every URL candidate (`_url_candidate`)


def batch_urls(
    joined: str, low: str, starts: list[int], direct: Sequence[bool]
) -> tuple[list[tuple[list[Any], list[tuple[int, int]]]], set[int]]:
    """URLs of a batch in one pass: for each text, the URL candidates and URL spans that `_url_finder` +
    `_url_hook` would give; and the texts in which the domain finder can find anything (a "." before a
    letter outside every URL of the text: the domain finder skips every other dot).

    For a text with `direct[k]` (one that de-obfuscation leaves unchanged), the candidates come as the
    `Indicator`s they would become when nothing else is found in the text (their spans need no mapping).

    `joined` is the texts joined by one separator character ("\\x00" or "\\n"), `low` its `aligned_lower`
    copy, `starts[k]` where text k starts (the last entry: `len(joined) + 1`). No URL pattern can match the
    separator and it is neither alphanumeric nor one of "._@/" (the start checks), so the matches are those
    of each text on its own; positions are shifted back by the text's offset. A "." and the letter after
    it are never the separator either.
    """
    n = len(starts) - 1
    out: list[tuple[list[Any], list[tuple[int, int]]]] = [_NO_URLS] * n
    jspans: list[tuple[int, int]] = []
    k = 0
    nxt = starts[1]
    off = 0
    found: list[Any] = []
    spans: list[tuple[int, int]] = []
    as_indicator = False
    for m in _url_starts(low):
        s, e = m.span()
        if s >= nxt:
            while s >= starts[k + 1]:
                k += 1
            nxt = starts[k + 1]
            off = starts[k]
        if out[k] is _NO_URLS:
            found = []
            spans = []
            out[k] = (found, spans)
            as_indicator = direct[k]
        spans.append((s - off, e - off))
        jspans.append((s, e))
        if m.re is _URL and joined[e - 1] not in _TRAIL_ALL:
            # the common shape ("https://t.co/AbC"), inlined: `_url_parts` without a cut; the scheme and
            # host come lower-cased from `low`, the rest as written
            rs = m.start("rest")
            host = m.group("host")
            ok = _HOST_STATE.get(host, _MISSING)
            if ok is _MISSING:
                ok = _remember_host(host)
            if ok is None:
                continue
            norm = low[s:rs] + joined[rs:e] if rs >= 0 else low[s:e]
            cut = 0
        else:
            r = _url_parts(m, joined)
            if r is None:
                continue
            cut, norm, ok = r
        if as_indicator:
            found.append(make_indicator("url", joined[s : e - cut], norm, ok, s - off, e - cut - off))
        else:
            found.append(Candidate("url", s - off, e - cut - off, norm, ok, URL_SCORE))
    dotted: set[int] = set()
    i = 0
    ns = len(jspans)
    k = 0
    for d in _DOT.finditer(joined):
        p = d.start()
        while i < ns and jspans[i][1] <= p:
            i += 1
        if i < ns and jspans[i][0] <= p:
            continue  # inside a URL
        while p >= starts[k + 1]:
            k += 1
        dotted.add(k)
    return out, dotted


_RUN_FWD = re.compile(r"[A-Za-z0-9.\-]*")


def _domain_finder(ctx: Context) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    text = ctx.text
    last = 0
    run_lo = run_hi = -1
    spans = ctx.url_spans
    if spans and text.count(".") == sum(text.count(".", a, b) for a, b in spans):
        return out  # every dot is inside a URL (the common "text https://t.co/x" post)
    for d in scan(_DOT, text):
        i = d.start()
        if i < last or i == 0 or run_lo <= i < run_hi:
            continue  # inside a match, or a run of host characters that was already tried
        if spans and any(a <= i < b for a, b in spans):
            continue  # inside a URL: the URL is the indicator
        j = i
        lo = max(last, i - 253)
        while j > lo and text[j - 1] in _HOST_CHARS:
            j -= 1
        run_lo = j
        fwd = _RUN_FWD.match(text, i)  # "*" always matches, possibly empty
        run_hi = fwd.end() if fwd is not None else i
        while j < i and text[j] in ".-":
            j += 1
        if j == i:
            continue
        m = _DOMAIN.match(text, j)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _email_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    s = m.group()
    local, _, host = s.rpartition("@")
    reg = registrable(host)
    ok = (
        reg is not None
        and not local.startswith(".")
        and not local.endswith(".")
        and ".." not in local
    )
    return Candidate("email", m.start(), m.end(), s.lower(), ok, 0.76)


_TRAIL = ".,;:!?'\"*"
_TRAIL_ALL = frozenset(_TRAIL + ")]")


_HOST_VALID: dict[str, bool] = {}


def _host_valid(hostname: str) -> bool:
    """A URL host is valid when it has a registrable domain or is a dotted IPv4 address (cached: hosts
    such as t.co repeat in nearly every post)."""
    v = _HOST_VALID.get(hostname)
    if v is None:
        v = registrable(hostname) is not None
        if not v and hostname.count(".") == 3:
            v = all(p.isdigit() and int(p) < 256 for p in hostname.split("."))
        if len(_HOST_VALID) < 100_000:
            _HOST_VALID[hostname] = v
    return v


def _url_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    return _url_candidate(m, ctx.text, 0)


def _url_candidate(m: re.Match[str], text: str, off: int) -> Candidate | None:
    """The URL candidate of match `m` in `text`, with its span shifted left by `off`."""
    r = _url_parts(m, text)
    if r is None:
        return None
    start, end = m.span()
    return Candidate("url", start - off, end - r[0] - off, r[1], r[2], URL_SCORE)


_MISSING = object()
_HOST_STATE: dict[str, bool | None] = {}


def _url_parts(m: re.Match[str], text: str) -> tuple[int, str, bool] | None:
    """(characters cut from the end, normalized URL, valid) for URL match `m` in `text`, None when it is
    not a URL (no dot in the host)."""
    start, end = m.span()
    # the URL patterns run on the lower-cased text and the host class is ASCII: the host is lower case
    if m.re is _URL_WWW:
        scheme, host = "http", "www." + m.group("host")
    else:
        scheme, host = m.group("scheme", "host")
    rs, re_ = m.span("rest")
    rest = text[rs:re_] if rs >= 0 else ""
    cut = 0
    if text[end - 1] in _TRAIL_ALL:
        full = text[start:end]
        # trailing punctuation belongs to the sentence; an unbalanced closing bracket to the text around it
        while len(full) - cut > 0 and full[len(full) - cut - 1] in _TRAIL_ALL:
            ch = full[len(full) - cut - 1]
            kept = full[: len(full) - cut]
            if ch in _TRAIL or (ch == ")" and kept.count("(") < kept.count(")")) or (
                ch == "]" and kept.count("[") < kept.count("]")
            ):
                cut += 1
            else:
                break
        if cut:
            if len(rest) >= cut:
                rest = rest[: len(rest) - cut]
            else:
                host = host[: len(host) - (cut - len(rest))]
                rest = ""
    state = _HOST_STATE.get(host, _MISSING)
    if state is _MISSING:
        state = _remember_host(host)
    if state is None:
        return None
    return cut, f"{scheme}://{host}{rest}", state  # type: ignore[return-value]


def _remember_host(host: str) -> bool | None:
    state = _host_state(host)
    if len(_HOST_STATE) < 100_000:
        _HOST_STATE[host] = state
    return state


def _host_state(host: str) -> bool | None:
    """Whether the host part of a URL match is valid; None when it is not a host at all (no dot). Cached
    by the caller: hosts such as t.co repeat in nearly every post."""
    hostname = host
    if "@" in hostname or ":" in hostname:
        hostname = hostname.rpartition("@")[2].partition(":")[0]
    hostname = hostname.rstrip(".")
    if not hostname or "." not in hostname:
        return None
    return _host_valid(hostname)


def _domain_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    host = m.group("h")
    labels = host.split(".")
    tld = labels[-1]
    # "fine.Today": a capitalised word after a lower-case one and a dot is a sentence boundary
    if tld[0].isupper() and not tld.isupper() and not labels[-2].isupper():
        return None
    if tld.lower() in _FILE_TLDS and not host.lower().startswith("www."):
        return None
    if all(ch.isdigit() for lab in labels[:-1] for ch in lab):
        return None
    reg = registrable(host)
    if reg is None:
        return None
    return Candidate("domain", m.start(), m.end(), reg, True, 0.6)


PATTERNS: tuple[Pattern, ...] = (
    Pattern("email", _EMAIL, 0.8, _email_hook, ("@",), _email_finder),
    Pattern("url", _URL, 0.75, _url_hook, _URL_GUARDS, _url_finder),
    Pattern("domain", _DOMAIN, 0.6, _domain_hook, (".",), _domain_finder),
)

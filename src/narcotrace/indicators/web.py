"""E-mail addresses, URLs and bare domains; registrable domains come from the Public Suffix List, offline.

tldextract is built once, lazily, with its bundled PSL snapshot (`suffix_list_urls=()`, no cache dir), so no
network is ever touched. A bare domain is reported only when its suffix is a known public suffix, it is not
a file name ("readme.md", "setup.py", "movie.mov": file extensions that are also TLDs), and it is not a
sentence boundary without a space ("fine.Today"). `normalized` for a domain is its registrable domain
(eTLD+1); for a URL the URL with a lower-cased scheme and host; for an e-mail the lower-cased address.
"""

from __future__ import annotations

import re

import tldextract

from narcotrace.indicators._engine import Candidate, Context, Pattern

__all__ = ["PATTERNS", "registrable"]

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
_HOST = rf"(?:{_LABEL}\.)+[A-Za-z][A-Za-z0-9\-]{{1,23}}"

_EMAIL = re.compile(rf"(?<![A-Za-z0-9_.+\-])[A-Za-z0-9._%+\-]{{1,64}}@{_HOST}(?![A-Za-z0-9_\-])")
_URL = re.compile(
    r"(?:(?<![A-Za-z])(?:https?|ftp)://|(?<![A-Za-z0-9_.@/])www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%()\[\]']+", re.IGNORECASE
)
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


def _url_finder(ctx: Context) -> list[re.Match[str]]:
    out = []
    text = ctx.text
    low = ctx.lower
    last = 0
    anchors = []
    i = low.find("://")
    while i >= 0:
        if low.startswith("http", i - 4):
            anchors.append(i - 4)
        elif low.startswith("https", i - 5):
            anchors.append(i - 5)
        elif low.startswith("ftp", i - 3):
            anchors.append(i - 3)
        i = low.find("://", i + 3)
    if "www." in low:
        i = low.find("www.")
        while i >= 0:
            anchors.append(i)
            i = low.find("www.", i + 4)
        anchors.sort()
    for i in anchors:
        if i < last:
            continue
        m = _URL.match(text, i)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _domain_finder(ctx: Context) -> list[re.Match[str]]:
    out = []
    text = ctx.text
    last = 0
    for d in _DOT.finditer(text):
        i = d.start()
        if i < last or i == 0:
            continue
        j = i
        lo = max(last, i - 253)
        while j > lo and text[j - 1] in _HOST_CHARS:
            j -= 1
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


_HOST_END = re.compile(r"[/?#]")


def _url_hook(m: re.Match[str], ctx: Context) -> Candidate | None:
    s = m.group()
    # trailing punctuation belongs to the sentence; an unbalanced closing bracket to the text around it
    while s and s[-1] in _TRAIL_ALL and (
        s[-1] in _TRAIL
        or (s[-1] == ")" and s.count("(") < s.count(")"))
        or (s[-1] == "]" and s.count("[") < s.count("]"))
    ):
        s = s[:-1]
    i = s.find("://")
    if i < 0:
        scheme, rest = "http", s
    else:
        scheme, rest = s[:i].lower(), s[i + 3 :]
    j = _HOST_END.search(rest)
    host_end = j.start() if j is not None else len(rest)
    hostport = rest[:host_end].lower()
    host = hostport
    if "@" in host or ":" in host:
        host = host.rpartition("@")[2].partition(":")[0]
    if not host:
        return None
    valid = registrable(host) is not None
    if not valid and host.count(".") == 3:
        valid = all(p.isdigit() and int(p) < 256 for p in host.split("."))
    return Candidate("url", m.start(), m.start() + len(s), f"{scheme}://{hostport}{rest[host_end:]}", valid, 0.78)


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
    Pattern("url", _URL, 0.75, _url_hook, ("://", "www."), _url_finder),
    Pattern("domain", _DOMAIN, 0.6, _domain_hook, (".",), _domain_finder),
)

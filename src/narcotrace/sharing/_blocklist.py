"""Reading public domain blocklists into the local signal bank: hosts files, plain domain lists and URL lists.

Accepted line forms (comments start with '#', blank lines are skipped):
    0.0.0.0 example.com          hosts format (blocklistproject/Lists)
    example.com                  one domain per line (UT1 `domains`)
    example.com/some/path        URL list (UT1 `urls`): skipped and counted, because the list names one page, and
                                 banking its host would flag every page of a shared host (tumblr.com, geocities.com)
IP addresses are skipped too (the bank holds host names; indicators give domains). A malformed line is reported
with its line number and the good lines are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from narcotrace._exceptions import InputError

__all__ = ["BlocklistRead", "read_blocklist"]

_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_SINKS = {"0.0.0.0", "127.0.0.1", "::", "::1"}


@dataclass(frozen=True, slots=True)
class BlocklistRead:
    hosts: tuple[str, ...]
    skipped_ips: int
    skipped_pages: int
    errors: tuple[str, ...]  # "path:line: problem"


def read_blocklist(path: str | Path) -> BlocklistRead:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8", errors="strict")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read blocklist {p}: {exc}") from exc
    hosts: list[str] = []
    errors: list[str] = []
    ips = pages = 0
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) == 2 and parts[0] in _SINKS:
            entry = parts[1]
        elif len(parts) == 1:
            entry = parts[0]
        else:
            errors.append(f"{p}:{n}: expected 'domain', 'domain/path' or '0.0.0.0 domain', got {raw[:60]!r}")
            continue
        if "/" in entry.rstrip("/"):
            pages += 1
            continue
        host = entry.rstrip("/").split(":", 1)[0].lower().rstrip(".")
        if _IPV4.match(host):
            ips += 1
            continue
        if not _HOST.match(host):
            errors.append(f"{p}:{n}: {host[:60]!r} is not a host name")
            continue
        hosts.append(host)
    return BlocklistRead(tuple(dict.fromkeys(hosts)), ips, pages, tuple(errors))

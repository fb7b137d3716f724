"""Service configuration: database URL, policy, the author-hashing key, retention and request limits.

Read from command-line flags with environment fallbacks (NARCOTRACE_DB, NARCOTRACE_AUTHOR_KEY,
NARCOTRACE_AUTHOR_KEY_FILE, NARCOTRACE_RETENTION_DAYS). A missing author key stops the service with a message:
author ids are never stored unhashed, and a key made up on the fly would make hashes unmatchable after a restart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from narcotrace._exceptions import NarcotraceError

__all__ = ["DEFAULT_DB", "ServiceConfig", "read_author_key"]

DEFAULT_DB = "sqlite:///narcotrace.db"


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    db_url: str = DEFAULT_DB
    policy_path: str | None = None  # None = the packaged default policy
    author_key: bytes | None = None
    retention_days: int = 30
    max_body_bytes: int = 4 * 1024 * 1024
    max_batch: int = 1000


def read_author_key(key_file: str | None) -> bytes:
    """The author-hashing key from --author-key-file, NARCOTRACE_AUTHOR_KEY_FILE or NARCOTRACE_AUTHOR_KEY."""
    path = key_file or os.environ.get("NARCOTRACE_AUTHOR_KEY_FILE")
    if path:
        try:
            key = Path(path).read_bytes().strip()
        except OSError as exc:
            raise NarcotraceError(f"cannot read the author key file {path}: {exc}") from exc
    else:
        key = os.environ.get("NARCOTRACE_AUTHOR_KEY", "").encode()
    if len(key) < 16:
        raise NarcotraceError(
            "no author-hashing key (at least 16 bytes): set NARCOTRACE_AUTHOR_KEY or pass --author-key-file; "
            "create one with `python -c 'import secrets; print(secrets.token_hex(32))' > author.key` and keep it"
        )
    return key


def retention_days_default() -> int:
    raw = os.environ.get("NARCOTRACE_RETENTION_DAYS", "30")
    try:
        return int(raw)
    except ValueError as exc:
        raise NarcotraceError(f"NARCOTRACE_RETENTION_DAYS must be a whole number of days, got {raw!r}") from exc

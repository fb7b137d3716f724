"""A per-user cache for what takes a second or more to build at start-up and is the same on every run: the
compiled Hyperscan prefilter (`indicators._accel`) and the phrase matcher of the KB (`detect.signals`).

Directory: `NARCOTRACE_CACHE_DIR`, else `$XDG_CACHE_HOME/narcotrace`, else `~/.cache/narcotrace`; an empty
`NARCOTRACE_CACHE_DIR` turns caching off. Each entry is named by a hash of everything it was built from, so a
changed input never reads a stale entry. Entries are written atomically with mode 0600 in a 0700 directory; a
file that another user owns or that others may write is never read (a matcher entry is a pickle, and loading a
pickle runs code). An entry that cannot be read or written is ignored: the caller builds instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import threading
from pathlib import Path


def cache_dir() -> Path | None:
    """Where built products are kept, or None when caching is turned off (`NARCOTRACE_CACHE_DIR=""`)."""
    env = os.environ.get("NARCOTRACE_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "narcotrace"


def source_digest(*modules: str) -> bytes:
    """A digest of the source files of the given package directories or modules (paths relative to the
    `narcotrace` package, e.g. "detect", "text/_normalize.py"): a code change makes a new cache key."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in modules:
        p = root / name
        files = sorted(p.rglob("*.py")) if p.is_dir() else [p]
        for f in files:
            h.update(str(f.relative_to(root)).encode() + b"\0")
            h.update(f.read_bytes())
    return h.digest()


def read_private(path: Path) -> bytes | None:
    """The bytes of a cache entry this user wrote and no one else may change, else None."""
    try:
        st = path.stat()
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return None
        return path.read_bytes()
    except OSError:
        return None


def write_private(path: Path, data: bytes, keep: int = 4) -> None:
    """Write a cache entry atomically (a concurrent reader sees the old file or the whole new one), mode 0600,
    and keep only the `keep` newest entries of its kind (the name before the first "-": a KB edited ten times
    leaves no ten matchers behind). A read-only or full disk is no error: the caller already has what it built."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        kind = path.name.split("-", 1)[0]
        entries = sorted(path.parent.glob(f"{kind}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            if old != path and not old.name.endswith(".tmp"):
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - any failure to write leaves the cache as it was
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)

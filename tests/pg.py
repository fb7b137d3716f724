"""A throw-away PostgreSQL cluster for the test session: initdb in a temp dir, listening on a free loopback port.

Started at most once per test process (the first test that asks), stopped at exit. Debian's postgres binaries
refuse to run as root, so when we are root the cluster runs as the `postgres` user via runuser. Outside CI a
machine without PostgreSQL skips the PostgreSQL half of the tests with a reason; in CI (CI=true) it fails them.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

__all__ = ["new_database", "postgres_url"]

_state: dict[str, object] = {}


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI: {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason} (install Debian's `postgresql` package)")


def _start() -> str:
    bindir = _bindir()
    if bindir is None:
        _unavailable("no initdb found under /usr/lib/postgresql/*/bin or on PATH")
    assert bindir is not None
    tmp = Path(tempfile.mkdtemp(prefix="narcotrace-pg-"))
    data, sock = tmp / "data", tmp / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(tmp, "postgres")
        shutil.chown(sock, "postgres")
        tmp.chmod(0o700)
    port = _free_port()
    run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    try:
        subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                        "--no-sync", "-E", "UTF8", "--locale=C"], **run)  # type: ignore[call-overload]
        opts = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={sock} -c fsync=off " \
               "-c max_connections=200"
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(tmp / "log"),
                        "-w", "-t", "60", "start"], **run)  # type: ignore[call-overload]
    except subprocess.CalledProcessError as exc:
        log = (tmp / "log").read_text() if (tmp / "log").exists() else ""
        pytest.fail(f"could not start PostgreSQL: {exc.stderr or exc.stdout}\n{log}", pytrace=False)

    def stop() -> None:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}"


def postgres_url() -> str:
    """The server URL (no database) of the session's cluster, starting it on first use."""
    if "error" in _state:
        _unavailable(str(_state["error"]))
    if "url" not in _state:
        try:
            _state["url"] = _start()
        except pytest.skip.Exception as exc:
            _state["error"] = str(exc)
            raise
    return str(_state["url"])


def new_database() -> str:
    """A fresh, empty database in the session's cluster; returns its SQLAlchemy URL."""
    import psycopg

    base = postgres_url()
    name = "t_" + uuid.uuid4().hex[:12]
    dsn = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"

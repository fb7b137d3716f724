"""`narcotrace serve` and `narcotrace admin ...`: run the HTTP service and manage organisations, keys and retention.

Imported lazily by narcotrace.cli so that the scanning commands never need the service's dependencies.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import threading
import time
import urllib.request
from importlib import resources
from pathlib import Path
from typing import Any

from narcotrace._exceptions import NarcotraceError
from narcotrace.service.config import DEFAULT_DB, ServiceConfig, read_author_key, retention_days_default

__all__ = ["add_admin_parser", "add_serve_parser", "cmd_admin", "cmd_serve"]

DEMO_DIR = Path("out/demo")


def _db(args: argparse.Namespace) -> str:
    return str(args.db or os.environ.get("NARCOTRACE_DB") or DEFAULT_DB)


def add_serve_parser(sub: Any, func: Any) -> None:
    s = sub.add_parser("serve", help="run the HTTP service (FastAPI): scan, ingest, review queue, audit")
    s.add_argument("--db", help=f"database URL (default: $NARCOTRACE_DB or {DEFAULT_DB}); "
                                "PostgreSQL: postgresql+psycopg://user:pass@host:5432/db")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--policy", help="policy file (default: the packaged default policy)")
    s.add_argument("--author-key-file", help="file holding the key that hashes author ids "
                                             "(default: $NARCOTRACE_AUTHOR_KEY_FILE or $NARCOTRACE_AUTHOR_KEY)")
    s.add_argument("--max-body", type=int, default=4 * 1024 * 1024, help="request body limit in bytes (413 above)")
    s.add_argument("--demo", action="store_true",
                   help="demo: SQLite in out/demo, a demo organisation and admin key, the example corpus ingested")
    s.set_defaults(func=func)


def add_admin_parser(sub: Any, func: Any) -> None:
    s = sub.add_parser("admin", help="manage the service's organisations, API keys and data retention")
    s.add_argument("--db", help=f"database URL (default: $NARCOTRACE_DB or {DEFAULT_DB})")
    asub = s.add_subparsers(dest="admin_command", required=True)
    c = asub.add_parser("create-org", help="create an organisation; prints it as JSON")
    c.add_argument("name")
    c.add_argument("--jurisdiction", default="", help="comma-separated jurisdictions to decide for, e.g. US,UK")
    c.add_argument("--policy", help="policy the jurisdictions are checked against (default: the packaged one)")
    c = asub.add_parser("create-key", help="create an API key; prints it once as JSON (only its hash is stored)")
    c.add_argument("--org", required=True)
    c.add_argument("--role", required=True, choices=("ingest", "reviewer", "analyst", "admin", "partner"))
    c = asub.add_parser("purge", help="delete raw item text older than the retention period (verdicts stay)")
    c.add_argument("--days", type=int, default=None,
                   help="retention in days (default: $NARCOTRACE_RETENTION_DAYS or 30)")
    s.set_defaults(func=func)


def _jurisdictions(raw: str, policy_path: str | None) -> list[str]:
    from narcotrace.kb.legal import normalize_jurisdiction
    from narcotrace.policy import default_policy, load_policy

    codes = [normalize_jurisdiction(j.strip()) for j in raw.split(",") if j.strip()]
    policy = load_policy(policy_path) if policy_path else default_policy()
    unknown = [c for c in codes if c not in policy.jurisdictions]
    if unknown:
        raise NarcotraceError(f"jurisdiction(s) {', '.join(unknown)} not declared in policy {policy.path} "
                              f"(declared: {', '.join(policy.jurisdictions)})")
    return codes


def cmd_admin(args: argparse.Namespace) -> int:
    from narcotrace.store import Store

    store = Store.open(_db(args))
    try:
        if args.admin_command == "create-org":
            made: dict[str, Any] = store.create_org(args.name, _jurisdictions(args.jurisdiction, args.policy))
            print(json.dumps({"organisation": made}))
        elif args.admin_command == "create-key":
            key = store.create_key(args.org, args.role)
            print(json.dumps({"key": key["key"], "prefix": key["prefix"], "role": key["role"], "org": args.org}))
            print("narcotrace: store this key now; only its hash is kept", file=sys.stderr)
        elif args.admin_command == "purge":
            days = args.days if args.days is not None else retention_days_default()
            print(json.dumps({"purged_items": store.purge(days), "retention_days": days}))
    finally:
        store.close()
    return 0


def _demo_setup(db: str) -> tuple[str, bytes]:
    """The demo's author key (made once, kept in out/demo) and a fresh admin key of the `demo` organisation."""
    from narcotrace.store import ConflictError, Store

    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DEMO_DIR / "author.key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32) + "\n")
        key_file.chmod(0o600)
    author_key = key_file.read_bytes().strip()
    store = Store.open(db, author_key=author_key)
    try:
        try:
            store.create_org("demo", ["US"])
        except ConflictError:
            pass  # a second `make run` reuses the organisation (ingest is idempotent too)
        api_key = store.create_key("demo", "admin", actor="demo")["key"]
    finally:
        store.close()
    return api_key, author_key


def _demo_ingest(url: str, api_key: str, done: threading.Event) -> None:
    corpus = resources.files("narcotrace").joinpath("examples/corpus.jsonl").read_text(encoding="utf-8")
    items = [json.loads(line) for line in corpus.splitlines() if line.strip()]
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                break
        except OSError:
            time.sleep(0.1)
    req = urllib.request.Request(f"{url}/v1/items", data=json.dumps({"items": items}).encode(), method="POST",
                                 headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        out = json.loads(resp.read())
    print(f"\nnarcotrace demo: ingested {len(items)} example items ({len(out['queued'])} queued for review, "
          f"{len(out['duplicates'])} already stored)\n"
          f"  service:  {url}  (OpenAPI: {url}/docs)\n"
          f"  console:  {url}/console  (log in with the API key below)\n"
          f"  API key:  {api_key}\n"
          f"  try:      curl -H 'Authorization: Bearer {api_key}' '{url}/v1/queue?limit=3'\n", flush=True)
    done.set()


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from narcotrace.service.app import create_app

    db = _db(args)
    done = threading.Event()
    if args.demo:
        if not args.db:
            db = f"sqlite:///{DEMO_DIR / 'narcotrace.db'}"
        api_key, author_key = _demo_setup(db)
    else:
        author_key = read_author_key(args.author_key_file)
    config = ServiceConfig(db_url=db, policy_path=args.policy, author_key=author_key, max_body_bytes=args.max_body,
                           retention_days=retention_days_default())
    app = create_app(config)
    url = f"http://{args.host}:{args.port}"
    if args.demo:
        threading.Thread(target=_demo_ingest, args=(url, api_key, done), daemon=True).start()
    else:
        print(f"narcotrace: serving on {url} with {db.split('://')[0]}", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0

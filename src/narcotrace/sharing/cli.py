"""`narcotrace share ...`: check a collaboration config, export signals, import blocklists, fetch partners, run PSI.

    narcotrace share check CONFIG...                         validate collaboration configs
    narcotrace share export --config C --out FILE            our confirmed signals as JSONL (audited)
    narcotrace share import-blocklist --org ORG FILE...      public domain blocklists into the local bank (audited)
    narcotrace share fetch --config C [--partner NAME]       pull partners' feeds, match, send our opinions
    narcotrace share psi start|respond|finish ...            private set intersection over files (docs/sharing.md)

Heavy imports (SQLAlchemy, httpx; libsodium for PSI) happen inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from narcotrace._exceptions import InputError

__all__ = ["add_share_parser"]

_DB_HELP = "database URL (default: $NARCOTRACE_DB or sqlite:///narcotrace.db)"


def add_share_parser(sub: Any) -> None:
    s = sub.add_parser("share", help="share seller signals with partner organisations (no personal data)")
    ssub = s.add_subparsers(dest="share_command", required=True)

    c = ssub.add_parser("check", help="validate collaboration config files")
    c.add_argument("configs", nargs="+")
    c.set_defaults(func=_cmd_check)

    c = ssub.add_parser("export", help="write our confirmed signals of a collaboration as JSONL (audited)")
    c.add_argument("--config", required=True, help="collaboration config (YAML)")
    c.add_argument("--db", help=_DB_HELP)
    c.add_argument("-o", "--out", default="-", help="output file (default: stdout)")
    c.set_defaults(func=_cmd_export)

    c = ssub.add_parser("import-blocklist", help="import public domain blocklists into the local signal bank")
    c.add_argument("files", nargs="+", help="hosts files or domain lists (see docs/sharing.md)")
    c.add_argument("--org", required=True, help="organisation whose bank receives the list")
    c.add_argument("--source", help="source name recorded with each entry (default: the file name)")
    c.add_argument("--db", help=_DB_HELP)
    c.set_defaults(func=_cmd_import_blocklist)

    c = ssub.add_parser("fetch", help="pull partners' feeds from their checkpoints, match, send our opinions")
    c.add_argument("--config", required=True, help="collaboration config (YAML)")
    c.add_argument("--db", help=_DB_HELP)
    c.add_argument("--partner", action="append", help="only this member (repeatable)")
    c.add_argument("--retries", type=int, default=4)
    c.set_defaults(func=_cmd_fetch)

    c = ssub.add_parser("psi", help="private set intersection of indicator values with one other organisation")
    psub = c.add_subparsers(dest="psi_step", required=True)
    p = psub.add_parser("start", help="side A, step 1: blind our values; send --out to B")
    p.add_argument("--values", required=True, help="file with one normalized value per line")
    p.add_argument("--type", required=True, help="indicator type both sides agree on, e.g. telegram")
    p.add_argument("--state", required=True, help="private state file to write (keep it; never send it)")
    p.add_argument("--out", required=True, help="message for B")
    p.set_defaults(func=_cmd_psi_start)
    p = psub.add_parser("respond", help="side B: answer A's message; send --out back to A")
    p.add_argument("--values", required=True)
    p.add_argument("--in", dest="inp", required=True, help="A's message")
    p.add_argument("--state", required=True)
    p.add_argument("--out", required=True, help="message for A")
    p.set_defaults(func=_cmd_psi_respond)
    p = psub.add_parser("finish", help="A with B's answer (writes --out for B), or B with A's last message")
    p.add_argument("--state", required=True)
    p.add_argument("--in", dest="inp", required=True)
    p.add_argument("--out", help="A only: the last message for B")
    p.add_argument("--result", default="-", help="where to write the intersection, one value per line")
    p.set_defaults(func=_cmd_psi_finish)


def _db(args: argparse.Namespace) -> str:
    return str(args.db or os.environ.get("NARCOTRACE_DB") or "sqlite:///narcotrace.db")


def _sharing(args: argparse.Namespace) -> Any:
    from narcotrace.sharing._config import load_collaboration
    from narcotrace.sharing._service import Sharing
    from narcotrace.store import Store

    collab = load_collaboration(args.config)
    return Sharing(Store.open(_db(args)), [collab]), collab


def _cmd_check(args: argparse.Namespace) -> int:
    from narcotrace.sharing._config import ConfigError, load_collaboration

    bad = 0
    for path in args.configs:
        try:
            c = load_collaboration(path)
        except ConfigError as exc:
            print(f"narcotrace: {exc}", file=sys.stderr)
            bad += 1
            continue
        print(json.dumps({"file": path, "name": c.name, "org": c.org, "enabled": c.enabled,
                          "members": [m.name for m in c.members]}))
    return 2 if bad else 0


def _write_lines(dest: str, lines: list[str]) -> None:
    text = "".join(line + "\n" for line in lines)
    if dest == "-":
        sys.stdout.write(text)
    else:
        Path(dest).write_text(text, encoding="utf-8")


def _cmd_export(args: argparse.Namespace) -> int:
    sharing, collab = _sharing(args)
    signals = sharing.export(collab.name, actor="cli")
    _write_lines(args.out, [json.dumps(s.to_dict(), sort_keys=True) for s in signals])
    print(f"narcotrace: exported {len(signals)} signals of {collab.name}", file=sys.stderr)
    return 0


def _cmd_import_blocklist(args: argparse.Namespace) -> int:
    from narcotrace.sharing._blocklist import read_blocklist
    from narcotrace.sharing._service import Sharing
    from narcotrace.store import Store

    sharing = Sharing(Store.open(_db(args)))
    org_id = sharing.store.org_id(args.org)
    status = 0
    for f in args.files:
        read = read_blocklist(f)
        for e in read.errors:
            print(f"narcotrace: {e} (line skipped)", file=sys.stderr)
        status = 1 if read.errors else status
        source = args.source or Path(f).name
        added = sharing.import_bank(org_id, source, read.hosts, actor="cli")
        print(json.dumps({"file": f, "source": source, "hosts": len(read.hosts), "added": added,
                          "skipped_ips": read.skipped_ips, "skipped_pages": read.skipped_pages,
                          "bad_lines": len(read.errors)}))
    return status


def _cmd_fetch(args: argparse.Namespace) -> int:
    from narcotrace.sharing._client import sync

    sharing, collab = _sharing(args)
    for r in sync(sharing, collab.name, args.partner, retries=args.retries):
        print(json.dumps(r.to_dict()))
    return 0


def _read_values(path: str) -> list[str]:
    try:
        return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read values file {path}: {exc}") from exc


def _read_msg(path: str) -> dict[str, Any]:
    try:
        msg = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read PSI message {path}: {exc}") from exc
    if not isinstance(msg, dict):
        raise InputError(f"{path}: a PSI message is a JSON object")
    return msg


def _cmd_psi_start(args: argparse.Namespace) -> int:
    from narcotrace.sharing._psi import psi_start

    party, msg = psi_start(_read_values(args.values), args.type)
    party.save(args.state)
    Path(args.out).write_text(json.dumps(msg), encoding="utf-8")
    return 0


def _cmd_psi_respond(args: argparse.Namespace) -> int:
    from narcotrace.sharing._psi import psi_respond

    party, msg = psi_respond(_read_msg(args.inp), _read_values(args.values))
    party.save(args.state)
    Path(args.out).write_text(json.dumps(msg), encoding="utf-8")
    return 0


def _cmd_psi_finish(args: argparse.Namespace) -> int:
    from narcotrace.sharing._psi import PsiParty, psi_finish

    try:
        party = PsiParty.from_json(Path(args.state).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read PSI state {args.state}: {exc}") from exc
    common, reply = psi_finish(party, _read_msg(args.inp))
    if reply is not None:
        if not args.out:
            raise InputError("side A must pass --out: B needs the last message to learn the intersection")
        Path(args.out).write_text(json.dumps(reply), encoding="utf-8")
    _write_lines(args.result, common)
    return 0

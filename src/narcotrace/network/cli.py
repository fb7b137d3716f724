"""`narcotrace network`: clusters of accounts linked by shared indicators, from scan output, offline.

Only argparse is imported at parser-building time; networkx and the readers load inside the handler.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

__all__ = ["add_network_parser", "cmd_network"]


def add_network_parser(sub: Any) -> None:
    s = sub.add_parser(
        "network",
        help="cluster accounts that share indicators, from verdicts JSONL or `narcotrace indicators` output",
        description="Reads scan output; accounts come from each record's author/platform fields or --items "
        "by item id. Writes one cluster per line (docs/network.md) and a summary on stderr.",
    )
    s.add_argument(
        "input", help="verdicts JSONL from `narcotrace scan`, or indicator lines from `narcotrace indicators`"
    )
    s.add_argument("-o", "--output", help="clusters JSONL (default: stdout)")
    s.add_argument(
        "--items", help="the items file that was scanned (JSONL or CSV): gives each item id its account"
    )
    s.add_argument(
        "--items-format", choices=("jsonl", "csv"), help="items format (default: from the extension)"
    )
    s.add_argument(
        "--author-field", default="author", help="items field naming the account (default: author)"
    )
    s.add_argument(
        "--platform-field", default="platform", help="items field naming the platform (default: platform)"
    )
    s.add_argument("--platform", help="one platform for every item (overrides --platform-field)")
    s.add_argument("--graphml", help="also write the linking graph (accounts and indicators) as GraphML")
    s.add_argument(
        "--min-weight",
        type=float,
        default=None,
        help="minimum link weight (default 0.25; weight = type prior / log2(accounts sharing it))",
    )
    s.add_argument("--min-size", type=int, default=2, help="smallest cluster to write (default 2 accounts)")
    s.add_argument(
        "--ignore", help="extra ignorable values, one `TYPE VALUE` per line (`* VALUE` for any type)"
    )
    s.add_argument("--no-default-ignore", action="store_true", help="do not use the packaged ignorable list")
    s.set_defaults(func=cmd_network)


def cmd_network(args: argparse.Namespace) -> int:
    from contextlib import ExitStack
    from pathlib import Path

    from narcotrace._exceptions import InputError
    from narcotrace.network.graph import AccountGraph
    from narcotrace.network.offline import read_accounts, read_occurrences
    from narcotrace.network.weights import DEFAULT_MIN_WEIGHT, load_ignorable

    min_weight = DEFAULT_MIN_WEIGHT if args.min_weight is None else args.min_weight
    if not (min_weight > 0):
        raise InputError(f"--min-weight must be above 0, got {args.min_weight}")
    if args.min_size < 2:
        raise InputError(f"--min-size must be 2 or more, got {args.min_size}")
    ignorable = load_ignorable(args.ignore, packaged=not args.no_default_ignore)
    accounts = None
    rejected: list[str] = []
    if args.items:
        accounts = read_accounts(
            args.items,
            fmt=args.items_format,
            author_field=args.author_field,
            platform_field=args.platform_field,
            platform=args.platform,
        )
        rejected += accounts.rejected
    occ = read_occurrences(args.input, accounts)
    rejected += occ.rejected
    for msg in rejected:
        print(f"narcotrace: {msg} (record skipped)", file=sys.stderr)
    graph = AccountGraph(occ.rows, ignorable=ignorable, min_weight=min_weight)
    n = 0
    with ExitStack() as stack:
        fh: IO[str] = sys.stdout
        if args.output not in (None, "-"):
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            fh = stack.enter_context(open(args.output, "w", encoding="utf-8"))
        for cluster in graph.clusters(args.min_size):
            fh.write(json.dumps(cluster.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
    if args.graphml:
        Path(args.graphml).parent.mkdir(parents=True, exist_ok=True)
        graph.write_graphml(args.graphml)
    print(
        f"narcotrace: {len(graph.accounts)} accounts with indicators, "
        f"{graph.n_indicators} distinct valid indicators, "
        f"{len(graph.shared)} shared by 2+ accounts; {n} clusters of >= {args.min_size} accounts "
        f"(min weight {min_weight}); {occ.without_account} records without an account",
        file=sys.stderr,
    )
    return 1 if rejected else 0

"""`narcotrace spark scan` and `narcotrace spark network`: argparse only; pyspark loads in the handlers."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["add_spark_parser"]


def _jurisdictions(value: str | None) -> tuple[str, ...]:
    return tuple(j.strip().upper() for j in (value or "").split(",") if j.strip())


def _session(args: argparse.Namespace) -> Any:
    from narcotrace._exceptions import NarcotraceError

    try:
        from narcotrace.spark._scan import spark_session
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise NarcotraceError(f"pyspark is not installed ({exc}); install narcotrace[spark]") from exc
    conf = {"spark.sql.shuffle.partitions": str(args.shuffle_partitions)} if args.shuffle_partitions else {}
    spark = spark_session(args.master, "narcotrace " + args.spark_command, conf)
    spark.sparkContext.setLogLevel("ERROR")  # Spark's INFO/WARN chatter would bury the record errors
    return spark


def _job_failed(exc: Exception) -> Exception:
    """A NarcotraceError as is; a failed Spark job (Py4J, PySpark or analysis error) as one readable line."""
    from narcotrace._exceptions import NarcotraceError

    if isinstance(exc, NarcotraceError):
        return exc
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    cause = next((ln for ln in lines if "Error" in ln or "Exception" in ln), lines[0] if lines else repr(exc))
    return NarcotraceError(f"the Spark job failed ({type(exc).__name__}): {cause[:400]}")


def cmd_spark_scan(args: argparse.Namespace) -> int:
    try:
        return _scan(args)
    except Exception as exc:  # the CLI edge: a Java stack trace helps nobody who typed a command
        raise _job_failed(exc) from exc


def cmd_spark_network(args: argparse.Namespace) -> int:
    try:
        return _network(args)
    except Exception as exc:
        raise _job_failed(exc) from exc


def _scan(args: argparse.Namespace) -> int:
    from narcotrace.spark._scan import scan_files

    spark = _session(args)
    summary = scan_files(
        spark, args.input, args.output, fmt=args.format, model=args.model, policy=args.policy,
        jurisdictions=_jurisdictions(args.jurisdiction), rejected_path=args.rejected,
        text_field=args.text_field, kind=args.kind,
    )
    for err in summary.errors:
        print(f"narcotrace: {err} (record skipped)", file=sys.stderr)
    if summary.rejected > len(summary.errors):
        where = f"; all in {args.rejected}" if args.rejected else "; use --rejected DIR to keep them all"
        print(f"narcotrace: ... and {summary.rejected - len(summary.errors)} more{where}", file=sys.stderr)
    print(f"narcotrace: {summary.scanned} scanned, {summary.rejected} record(s) rejected "
          f"in {summary.seconds:.1f}s; verdicts in {args.output}", file=sys.stderr)
    return 1 if summary.rejected else 0


def _network(args: argparse.Namespace) -> int:
    from narcotrace.spark._network import network_files

    spark = _session(args)
    summary = network_files(
        spark, args.input, args.output, fmt=args.format, items_path=args.items, min_weight=args.min_weight,
        min_size=args.min_size, ignore=args.ignore, default_ignore=not args.no_default_ignore,
        platform=args.platform,
    )
    print(f"narcotrace: {summary.accounts} accounts in {summary.clusters} clusters "
          f"({summary.iterations} iterations, {summary.seconds:.1f}s); written to {args.output}",
          file=sys.stderr)
    return 0


def add_spark_parser(sub: Any) -> None:
    """Add `spark scan` and `spark network` to the `narcotrace` parser."""
    from narcotrace.cli import add_record_fields  # loaded already: its build_parser is the caller

    s = sub.add_parser("spark", help="scan and cluster at scale on Apache Spark (needs narcotrace[spark])")
    ssub = s.add_subparsers(dest="spark_command", required=True)

    def common(c: argparse.ArgumentParser) -> None:
        c.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's or local[*])")
        c.add_argument("--format", choices=("jsonl", "parquet"), help="input format (default: from the name)")
        c.add_argument("--shuffle-partitions", type=int, help="spark.sql.shuffle.partitions")

    c = ssub.add_parser("scan", help="scan JSONL or Parquet items into a Parquet dataset of verdicts")
    c.add_argument("input", help="JSONL file or folder, or Parquet file or folder")
    c.add_argument("output", help="Parquet folder for the verdicts (overwritten)")
    common(c)
    c.add_argument("--model", help="a model directory from `narcotrace train`, readable on every executor")
    c.add_argument("--jurisdiction", help="comma-separated jurisdictions to decide for, e.g. US,CN")
    c.add_argument("--policy", help="policy file (default: the packaged one), readable on every executor")
    c.add_argument("--rejected", help="Parquet folder for all rejected records (line, index, error)")
    add_record_fields(c, "Parquet")
    c.set_defaults(func=cmd_spark_scan)

    c = ssub.add_parser("network", help="seller-network clusters of accounts that share indicators")
    c.add_argument("input", help="verdicts (Parquet from `spark scan`, or JSONL) with an author, or --items")
    c.add_argument("output", help="Parquet folder for the clusters (the `narcotrace network` records)")
    common(c)
    c.add_argument("--items", help="the items that were scanned (JSONL or Parquet): each id's account")
    c.add_argument("--platform", help="one platform for every item of --items")
    c.add_argument("--min-weight", type=float, default=None,
                   help="minimum link weight (default 0.25, as `narcotrace network`; docs/network.md)")
    c.add_argument("--min-size", type=int, default=2, help="smallest cluster to write (default 2 accounts)")
    c.add_argument("--ignore", help="extra ignorable values: `TYPE VALUE` per line (`* VALUE`: any type)")
    c.add_argument("--no-default-ignore", action="store_true", help="do not use the packaged ignorable list")
    c.set_defaults(func=cmd_spark_network)

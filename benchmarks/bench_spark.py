"""`narcotrace spark scan` throughput at local[1] and local[2] on at least 1M real tweets, and the scaling ratio.

Usage: python benchmarks/bench_spark.py [--items 1000000] [--masters local[1],local[2]] [--split 256k]
                                       [--workdir DIR] [--no-write]

The input is the real tweets in ../shared/data (pip_twitter_train, mturk, pip_twitter_drug_samples), repeated
with varied ids up to --items, written once as Parquet (row groups of 50k rows so that Spark can split the
file over cores). For each master a fresh SparkSession runs `scan_files` (number rows, scan with
mapInPandas, count rejects, write Parquet verdicts); items/s = items / wall time of that call, session
start-up excluded and reported apart. An in-process Scanner run on the first 20k items gives the
one-core figure without Spark (and, on a shared machine, a gauge of the load). A run of both masters with
at least 1M items writes benchmarks/results/spark.json; smaller runs only print. The recorded file of
2026-11-27 gathers three runs of this script (1M local[1], 1M local[2], 200k paired), see docs/spark.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULT = ROOT / "benchmarks" / "results" / "spark.json"


def tweets() -> list[str]:
    texts: list[str] = []
    for name in ("pip_twitter_train.jsonl", "mturk_drug_tweets_dev.jsonl", "pip_twitter_drug_samples.jsonl"):
        with (DATA / name).open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    return texts


def write_input(path: Path, n: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = tweets()
    writer = None
    chunk = 50_000
    for start in range(0, n, chunk):
        ids = [f"t{i}" for i in range(start, min(n, start + chunk))]
        table = pa.table({"id": ids, "text": [texts[i % len(texts)] for i in range(start, start + len(ids))]})
        if writer is None:
            writer = pq.ParquetWriter(str(path), table.schema)
        writer.write_table(table, row_group_size=chunk)
    assert writer is not None
    writer.close()
    return len(texts)


def in_process(path: Path, n: int) -> dict[str, float]:
    import pyarrow.parquet as pq

    from narcotrace.detect import Scanner
    from narcotrace.items import Item

    rows = pq.read_table(str(path)).slice(0, n).to_pylist()
    scanner = Scanner()
    t0 = time.perf_counter()
    for i, r in enumerate(rows):
        scanner.scan_item(Item(text=r["text"], id=r["id"]), i)
    sec = time.perf_counter() - t0
    return {"items": n, "seconds": round(sec, 3), "items_per_second": round(n / sec, 1)}


def run(master: str, path: Path, out: Path, n: int, split: str | None) -> dict[str, object]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from narcotrace.spark import scan_files, spark_session

    t0 = time.perf_counter()
    conf = {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "4", "spark.driver.memory": "2g"}
    if split:
        conf["spark.sql.files.maxPartitionBytes"] = split
    spark = spark_session(master, f"bench {master}", conf)
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - t0
    load0 = os.getloadavg()[0]
    spark_partitions = spark.read.parquet(str(path)).rdd.getNumPartitions()
    summary = scan_files(spark, str(path), str(out))
    load1 = os.getloadavg()[0]
    spark.stop()
    assert summary.scanned == n, (summary.scanned, n)
    result = {
        "master": master,
        "input_partitions": spark_partitions,
        "spark.sql.files.maxPartitionBytes": split or "default (128m)",
        "items": summary.scanned,
        "seconds": round(summary.seconds, 2),
        "items_per_second": round(n / summary.seconds, 1),
        "session_startup_seconds": round(startup, 2),
        "load_average_1min_before_after": [round(load0, 2), round(load1, 2)],
    }
    print(json.dumps(result), flush=True)
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--workdir", help="where the Parquet input and outputs go (default: a temporary folder)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--masters", default="local[1],local[2]")
    ap.add_argument("--split", help="spark.sql.files.maxPartitionBytes, e.g. 256k: one partition per row group "
                                    "(the default packs this small file into 2 very unequal partitions)")
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="narcotrace-bench-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"tweets_{args.items}.parquet"
    if not path.exists():
        distinct = write_input(path, args.items)
    else:
        distinct = len(tweets())
    base = in_process(path, min(20_000, args.items))
    print(json.dumps({"in_process_scanner": base}), flush=True)
    runs = [run(m, path, work / f"verdicts_{m[6]}", args.items, args.split) for m in args.masters.split(",")]
    if len(runs) < 2:
        return 0
    report = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()} {os.cpu_count()} cores (shared with other jobs: see load averages)",
        "python": platform.python_version(),
        "pyspark": __import__("pyspark").__version__,
        "input": f"{args.items} items: {distinct} distinct real tweets from ../shared/data repeated with varied ids, "
                 f"Parquet, {path.stat().st_size // 2**20} MiB, row groups of 50k",
        "in_process_scanner_one_core": base,
        "runs": runs,
        "scaling_local2_over_local1": round(runs[1]["items_per_second"] / runs[0]["items_per_second"], 3),  # type: ignore[operator]
    }
    print(json.dumps(report, indent=1))
    if not args.no_write and args.items >= 1_000_000:
        RESULT.parent.mkdir(parents=True, exist_ok=True)
        RESULT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

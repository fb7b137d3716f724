"""Driver side of `narcotrace spark scan`: read items, number them like the CLI, scan with mapInPandas.

Numbering: an item without an id gets the 0-based index of its record in the input (blank lines skipped),
exactly as `narcotrace scan` does, so the same file gives the same verdicts. Spark has no row numbers, so a
cheap JVM-only pass counts the lines (and notes the blank ones) of each input partition, and each row's
number is its partition's offset plus its position inside the partition (monotonically_increasing_id
keeps that position in its low 33 bits). File reads are deterministic, so both passes see the same rows.

`--text-field` and `--kind` are applied where the records are decoded, on the executors, by the CLI's own
`with_fields`; `read_items` records them in the metadata of the column that holds the text (the raw line
for JSONL), so that `scan_dataframe` and `rejected_rows` read its DataFrame as it was meant to be read.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from narcotrace._exceptions import InputError
from narcotrace.records import no_text_column
from narcotrace.spark._schema import rejected_schema, verdict_schema
from narcotrace.spark._worker import (
    ITEM_COLUMNS,
    RECORD_COLUMN,
    RecordFields,
    ScanConfig,
    engine,
    rejected_batches,
    scan_batches,
)

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import Column, DataFrame, SparkSession

__all__ = [
    "ScanSummary",
    "number_rows",
    "read_items",
    "rejected_rows",
    "scan_dataframe",
    "scan_files",
    "spark_session",
]

_LOCAL_BITS = 33  # monotonically_increasing_id: partition index above bit 33, row position below
_LOCAL_MASK = (1 << _LOCAL_BITS) - 1
# A line is blank for the CLI when line.strip() is empty: exactly the characters for which str.isspace().
_BLANK_REGEX = "^[" + "".join(f"\\u{c:04x}" for c in range(0x110000) if chr(c).isspace()) + "]*$"
_FIELDS_KEY = "narcotrace.record_fields"  # column metadata: the RecordFields that read_items was given


def spark_session(master: str | None = None, app_name: str = "narcotrace", conf: dict[str, str] | None = None
                  ) -> SparkSession:
    """A SparkSession whose Python workers run this interpreter unless PYSPARK_PYTHON says otherwise.

    Without `master`, a session started by spark-submit keeps its master and a plain `python` run uses
    local[*].
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[*]"
    if master is not None:
        builder = builder.master(master)
    for key, value in {"spark.ui.showConsoleProgress": "false", **(conf or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _detect_format(path: str, explicit: str | None) -> str:
    if explicit:
        if explicit not in ("jsonl", "parquet"):
            raise InputError(f"unknown format {explicit!r}; expected jsonl or parquet")
        return explicit
    p = Path(path)
    if "://" not in path and not p.exists():
        raise InputError(f"{path}: no such file or directory")
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    if suffix == ".parquet" or (p.is_dir() and any(p.glob("*.parquet"))):
        return "parquet"
    raise InputError(f"{path}: cannot tell the format from the name; use --format jsonl|parquet")


def number_rows(df: DataFrame, blank: Column | None = None) -> DataFrame:
    """`df` with `line` (1-based position, blank rows counted) and `index` (0-based, blank rows not counted);
    rows where `blank` is true are dropped. Runs one JVM-only pass over `df` to count rows per partition."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, LongType, StructField, StructType

    spark = df.sparkSession
    pos = df.withColumn("_pos", F.monotonically_increasing_id())
    pid = F.shiftrightunsigned(F.col("_pos"), _LOCAL_BITS)
    local = F.col("_pos").bitwiseAND(F.lit(_LOCAL_MASK))
    blank_pos = F.when(blank, local) if blank is not None else F.lit(None).cast("long")
    stats = sorted(
        pos.groupBy(pid.alias("pid"))
        .agg(F.count(F.lit(1)).alias("n"), F.collect_list(blank_pos).alias("blanks"))
        .collect()
    )
    offsets: list[tuple[int, int, int, list[int]]] = []
    line_off = rec_off = 0
    for row in stats:
        blanks = sorted(row["blanks"])
        offsets.append((row["pid"], line_off, rec_off, blanks))
        line_off += row["n"]
        rec_off += row["n"] - len(blanks)
    schema = StructType([
        StructField("_pid", LongType(), False), StructField("_line_off", LongType(), False),
        StructField("_rec_off", LongType(), False),
        StructField("_blanks", ArrayType(LongType(), False), False),
    ])
    table = spark.createDataFrame(offsets, schema)
    rows = pos.filter(~blank) if blank is not None else pos
    joined = rows.join(F.broadcast(table), pid == F.col("_pid"))
    before = F.size(F.filter(F.col("_blanks"), lambda b: b < local))
    keep = [c for c in df.columns if c not in ("line", "index")]
    return joined.select(
        *keep,
        (F.col("_line_off") + local + 1).alias("line"),
        (F.col("_rec_off") + local - before).alias("index"),
    )


def read_items(
    spark: SparkSession, path: str, fmt: str | None = None, *, text_field: str = "text",
    kind: str | None = None,
) -> DataFrame:
    """Items of a JSONL file (or folder) or a Parquet dataset, numbered like the CLI numbers them.

    JSONL comes back as its raw lines (column `record`), decoded on the executors exactly as the CLI
    decodes them; Parquet keeps its item columns (the text column required; `id` string or integer; the
    others strings); a column of another type stops the job with a message naming it. `text_field` names
    the field or column that holds the text and `kind` is the kind of the items that give none, as for
    `narcotrace.records.read_items`; `scan_dataframe` and `rejected_rows` apply them to what this returns.
    """
    from pyspark.sql import functions as F

    fields = RecordFields(text_field, kind)
    fmt = _detect_format(path, fmt)
    if fmt == "jsonl":
        raw = spark.read.text(path).select(F.col("value").alias(RECORD_COLUMN, metadata=_metadata(fields)))
        return number_rows(raw, F.col(RECORD_COLUMN).rlike(_BLANK_REGEX))
    return number_rows(_item_columns(spark.read.parquet(path), path, fields))


def _metadata(fields: RecordFields) -> dict[str, dict[str, str | None]]:
    return {_FIELDS_KEY: {"text_field": fields.text_field, "kind": fields.kind}}


def _record_fields(df: DataFrame) -> RecordFields:
    """The RecordFields that `read_items` recorded on `df`; the defaults for a DataFrame built otherwise."""
    for f in df.schema.fields:
        if _FIELDS_KEY in f.metadata:
            return RecordFields(**f.metadata[_FIELDS_KEY])
    return RecordFields()


def _item_columns(df: DataFrame, source: str, fields: RecordFields) -> DataFrame:
    from pyspark.sql import functions as F
    from pyspark.sql.types import IntegralType, StringType

    types = {f.name: f.dataType for f in df.schema.fields}
    text_field = fields.text_field
    if text_field not in types:
        raise InputError(f"{source}: {no_text_column(text_field, df.columns)}")
    cols = []
    # With another text field a `text` column is never read (with_fields replaces it): its type is no matter.
    for name in dict.fromkeys([text_field, *(c for c in ITEM_COLUMNS if c != "text")]):
        typ = types.get(name)
        if typ is None:
            continue
        if name == text_field and isinstance(typ, StringType):
            cols.append(F.col(name).alias(name, metadata=_metadata(fields)))
        elif name == "id" and name != text_field and isinstance(typ, IntegralType):
            cols.append(F.col(name).cast("string").alias(name))  # the CLI turns integer ids into strings too
        elif isinstance(typ, StringType):
            cols.append(F.col(name))
        else:
            want = "string or integer" if name == "id" != text_field else "string"
            raise InputError(f"{source}: column '{name}' has type {typ.simpleString()}; expected {want}")
    extra = [c for c in ("line", "index") if c in types]
    return df.select(*cols, *extra)


def _prepared(df: DataFrame, *extra: str) -> tuple[DataFrame, RecordFields]:
    """`df` numbered, with the columns the workers read (and `extra`), and how to read its records."""
    fields = _record_fields(df)
    if RECORD_COLUMN not in df.columns:
        df = _item_columns(df, "input DataFrame", fields)
    if "index" not in df.columns:
        df = number_rows(df)
    elif "line" not in df.columns:
        from pyspark.sql import functions as F

        df = df.withColumn("line", F.col("index") + 1)
    wanted = (RECORD_COLUMN, *ITEM_COLUMNS, fields.text_field, "index", *extra)
    return df.select(*(c for c in df.columns if c in wanted)), fields


def scan_dataframe(
    df: DataFrame,
    *,
    model: str | None = None,
    policy: str | None = None,
    jurisdictions: Sequence[str] = (),
) -> DataFrame:
    """Verdicts (the Verdict contract as columns, lists as arrays of structs) for the items in `df`.

    `df` holds item columns (`text`, optional `id`, `kind`, ...) or raw JSONL lines in `record`, as
    `read_items` returns them (with the `text_field` and `kind` it was given, which apply here); an
    optional `index` column numbers items without an id (otherwise rows are
    numbered in partition order, one extra pass). Rows that are not valid items are left out: see
    `rejected_rows`. With `jurisdictions`, a `decisions` column holds the policy's decisions.
    """
    config = ScanConfig(model=model, policy=policy, jurisdictions=tuple(j.upper() for j in jurisdictions))
    engine(config)  # a bad model or policy stops here, on the driver, with its own message
    prepared, fields = _prepared(df)
    return prepared.mapInPandas(
        functools.partial(scan_batches, config, fields), verdict_schema(bool(config.jurisdictions))
    )


def rejected_rows(df: DataFrame) -> DataFrame:
    """(line, index, error) for every row of `df` that is not a valid item: the records `scan_dataframe`
    leaves out, with the CLI's message. Parsing only, no scanning: a cheap pass."""
    prepared, fields = _prepared(df, "line")
    return prepared.mapInPandas(functools.partial(rejected_batches, fields), rejected_schema())


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """What one `scan_files` run did."""

    scanned: int
    rejected: int
    errors: tuple[str, ...] = field(default=())  # the first rejected records, "input:line: message"
    seconds: float = 0.0


def scan_files(
    spark: SparkSession,
    input_path: str,
    output_path: str,
    *,
    fmt: str | None = None,
    model: str | None = None,
    policy: str | None = None,
    jurisdictions: Sequence[str] = (),
    rejected_path: str | None = None,
    max_errors: int = 20,
    text_field: str = "text",
    kind: str | None = None,
) -> ScanSummary:
    """Scan a JSONL or Parquet input into a Parquet dataset of verdicts (overwriting `output_path`).

    Rejected records are counted, the first `max_errors` returned with their line numbers, and all of
    them written as Parquet (line, index, error) to `rejected_path` when given. `text_field` and `kind`
    are those of `read_items`.
    """
    t0 = time.perf_counter()
    items = read_items(spark, input_path, fmt, text_field=text_field, kind=kind)
    scan_dataframe(items, model=model, policy=policy, jurisdictions=jurisdictions).write.mode(
        "overwrite"
    ).parquet(output_path)
    bad = rejected_rows(items)
    if rejected_path is not None:
        bad.write.mode("overwrite").parquet(rejected_path)
        bad = spark.read.parquet(rejected_path)
    else:
        bad = bad.cache()
    n_bad = bad.count()
    first = bad.orderBy("line").limit(max_errors).collect() if n_bad else []
    if rejected_path is None:
        bad.unpersist()
    scanned = spark.read.parquet(output_path).count()
    return ScanSummary(
        scanned=scanned,
        rejected=n_bad,
        errors=tuple(f"{input_path}:{r['line']}: {r['error']}" for r in first),
        seconds=time.perf_counter() - t0,
    )



"""Scale-out on Apache Spark: scan a data lake with the verdicts of `narcotrace scan`, and cluster sellers.

Needs the `spark` extra (pyspark, pandas, pyarrow). The names below import pyspark only when called.
"""

from __future__ import annotations

from narcotrace.spark._scan import (
    ScanSummary,
    number_rows,
    read_items,
    rejected_rows,
    scan_dataframe,
    scan_files,
    spark_session,
)
from narcotrace.spark._schema import rejected_schema, verdict_schema
from narcotrace.spark._worker import ScanConfig

__all__ = [
    "ScanConfig",
    "ScanSummary",
    "number_rows",
    "read_items",
    "rejected_rows",
    "rejected_schema",
    "scan_dataframe",
    "scan_files",
    "spark_session",
    "verdict_schema",
]

"""Scale-out on Apache Spark: scan a data lake with the verdicts of `narcotrace scan`, and cluster sellers.

Needs the `spark` extra (pyspark, pandas, pyarrow). The names below import pyspark only when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from narcotrace._lazy import lazy_exports

if TYPE_CHECKING:
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

# Each public name loads its module on first use (see narcotrace._lazy): `narcotrace <cmd>` builds its parser
# from this package's cli module without importing the heavy parts.
_WHERE = {
    "ScanConfig": "_worker",
    "ScanSummary": "_scan",
    "number_rows": "_scan",
    "read_items": "_scan",
    "rejected_rows": "_scan",
    "rejected_schema": "_schema",
    "scan_dataframe": "_scan",
    "scan_files": "_scan",
    "spark_session": "_scan",
    "verdict_schema": "_schema",
}
__getattr__ = lazy_exports(__name__, _WHERE, globals())

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

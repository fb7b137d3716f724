"""One local SparkSession shared by every Spark test; without pyspark (or pandas, pyarrow) they skip cleanly."""

from __future__ import annotations

import os
import sys
from typing import Any, Iterator

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    for name in ("pyspark", "pandas", "pyarrow"):
        pytest.importorskip(name, reason=f"{name} not installed (pip install narcotrace[spark])", exc_type=ImportError)
    # The executors' Python must be this virtualenv's, whatever the machine's PATH says.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from narcotrace.spark import spark_session

    session = spark_session(
        "local[2]",
        "narcotrace-tests",
        {"spark.sql.shuffle.partitions": "2", "spark.ui.enabled": "false", "spark.default.parallelism": "2"},
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()

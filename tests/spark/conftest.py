"""One local SparkSession shared by every Spark test; the module skips cleanly when pyspark is absent."""

from __future__ import annotations

import os
import sys
from typing import Iterator

import pytest

pytest.importorskip("pyspark", reason="pyspark not installed (pip install narcotrace[spark])")
pytest.importorskip("pandas", reason="pandas not installed (pip install narcotrace[spark])")
pytest.importorskip("pyarrow", reason="pyarrow not installed (pip install narcotrace[spark])")

from pyspark.sql import SparkSession  # noqa: E402


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
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

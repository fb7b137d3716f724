"""`--text-field` and `--kind` on Spark: the verdicts and rejected records of `narcotrace scan` with the same
options, for JSONL (decoded on the executors) and Parquet (a column named by the option)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest
from sparkcheck import cli_scan, row_to_dict

from narcotrace._exceptions import InputError
from narcotrace.cli import main
from narcotrace.spark import read_items, scan_files

OPTIONS = ("--text-field", "product", "--kind", "listing")

# A market dump: the text is in `product` and no kind is given, so these are listings ("Crystal 1g" is an
# offer as a listing, talk as a post); a record's own kind wins, an empty kind is filled in; a record without
# a string `product` is rejected by that field's name, whatever else it holds.
MARKET = [
    {"id": "m1", "product": "MOROCCAN HASH 10g"},
    {"id": "m2", "product": "Crystal 1g", "kind": "post"},
    None,  # a blank line: counted by line numbers, not by the fallback ids
    {"id": "m3", "text": "Snow 3.5g"},
    {"id": "m4", "product": 35},
    {"product": "Snow 3.5g", "kind": ""},
    {"id": "m6", "product": "Crystal vase hand cut $25"},
    {"id": "m7", "product": None, "text": "Crystal 1g"},
    {"id": "m8", "product": "Snow 3.5g", "kind": "query"},
]
WANT_LABELS = [("m1", "offer"), ("m2", "discussion"), ("4", "offer"), ("m6", "none"), ("m8", "discussion")]
WANT_ERRORS = [
    "4: field 'product': missing",
    "5: field 'product': must be a string, got int",
    "8: field 'product': missing",
]


def _market_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "market.jsonl"
    path.write_text("".join("\n" if r is None else json.dumps(r) + "\n" for r in MARKET), encoding="utf-8")
    return path


def _cli_errors(stderr: str, source: Path) -> list[str]:
    """The CLI's rejected records as "line: message"."""
    return [line.removeprefix(f"narcotrace: {source}:").removesuffix(" (record skipped)")
            for line in stderr.splitlines() if line.endswith("(record skipped)")]


def _summary_errors(errors: tuple[str, ...], source: Path) -> list[str]:
    return [e.removeprefix(f"{source}:") for e in errors]


def _verdicts(spark: Any, out: Path) -> list[dict[str, Any]]:
    return [row_to_dict(r) for r in spark.read.parquet(str(out)).collect()]


def test_jsonl_with_text_field_and_kind_gives_the_cli_verdicts(spark: Any, tmp_path: Path) -> None:
    path = _market_jsonl(tmp_path)
    code, cli, stderr = cli_scan(path, *OPTIONS)
    assert code == 1
    assert [(v["id"], v["label"]) for v in cli] == WANT_LABELS
    summary = scan_files(spark, str(path), str(tmp_path / "out"), text_field="product", kind="listing")
    assert _verdicts(spark, tmp_path / "out") == cli
    assert _summary_errors(summary.errors, path) == _cli_errors(stderr, path) == WANT_ERRORS
    assert (summary.scanned, summary.rejected) == (5, 3)


def test_parquet_text_column_named_by_the_option(spark: Any, tmp_path: Path) -> None:
    import pandas as pd

    rows = [
        {"id": "p1", "title": "MOROCCAN HASH 10g", "kind": None, "text": 1},
        {"id": "p2", "title": "Crystal 1g", "kind": "post", "text": 2},
        {"id": "p3", "title": None, "kind": None, "text": 3},  # rejected: the title is missing
        {"id": None, "title": "Snow 3.5g", "kind": "", "text": 4},
    ]
    # The `text` column is an integer: with --text-field title it is never read, by Spark or by the CLI.
    pd.DataFrame(rows).to_parquet(tmp_path / "market.parquet", index=False)
    jsonl = tmp_path / "market.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _, cli, stderr = cli_scan(jsonl, "--text-field", "title", "--kind", "listing")
    assert [(v["id"], v["label"]) for v in cli] == [("p1", "offer"), ("p2", "discussion"), ("3", "offer")]
    source = tmp_path / "market.parquet"
    summary = scan_files(spark, str(source), str(tmp_path / "out"), text_field="title", kind="listing")
    assert _verdicts(spark, tmp_path / "out") == cli
    want_errors = ["3: field 'title': missing"]
    assert _summary_errors(summary.errors, source) == _cli_errors(stderr, jsonl) == want_errors


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"id": ["1"], "body": ["x"]},
         r"market.parquet: no 'title' column \(columns: id, body\); check --text-field"),
        ({"title": [3]}, "column 'title' has type bigint; expected string"),
        ({"id": ["1"], "title": ["x"], "kind": [3]}, "column 'kind' has type bigint; expected string"),
    ],
)
def test_parquet_without_a_string_text_column_is_refused_by_name(
    spark: Any, tmp_path: Path, columns: dict[str, list[Any]], message: str
) -> None:
    import pandas as pd

    pd.DataFrame(columns).to_parquet(tmp_path / "market.parquet", index=False)
    with pytest.raises(InputError, match=message):
        read_items(spark, str(tmp_path / "market.parquet"), text_field="title", kind="listing")


def _spark_cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["spark", "scan", *argv, "--master", "local[2]"])
    return code, err.getvalue()


def test_spark_scan_command_takes_text_field_and_kind(spark: Any, tmp_path: Path) -> None:
    path = _market_jsonl(tmp_path)
    _, cli, stderr = cli_scan(path, *OPTIONS)
    out, rejected = tmp_path / "out", tmp_path / "rejected"
    code, spark_stderr = _spark_cli(str(path), str(out), *OPTIONS, "--rejected", str(rejected))
    assert code == 1, spark_stderr
    assert _cli_errors(spark_stderr, path) == _cli_errors(stderr, path) == WANT_ERRORS
    assert "5 scanned, 3 record(s) rejected" in spark_stderr
    assert _verdicts(spark, out) == cli
    assert sorted(r["line"] for r in spark.read.parquet(str(rejected)).collect()) == [4, 5, 8]


def test_spark_scan_command_names_a_missing_column_and_the_option(spark: Any, tmp_path: Path) -> None:
    import pandas as pd

    pd.DataFrame({"id": ["1"], "name": ["Snow 3.5g"]}).to_parquet(tmp_path / "market.parquet", index=False)
    code, stderr = _spark_cli(str(tmp_path / "market.parquet"), str(tmp_path / "out"), *OPTIONS)
    assert code == 2
    assert "no 'product' column (columns: id, name); check --text-field" in stderr
    assert "Traceback" not in stderr

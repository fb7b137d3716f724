"""Spark scan gives the CLI's verdicts, field for field, on real and malformed input (JSONL and Parquet)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from dataclasses import dataclass
from typing import Any

import pytest
from sparkcheck import cli_scan, row_to_dict

from narcotrace._exceptions import InputError, NarcotraceError
from narcotrace.spark import ScanSummary, read_items, rejected_rows, scan_dataframe, scan_files, verdict_schema

CORPUS = Path(str(resources.files("narcotrace").joinpath("examples/corpus.jsonl")))

# Lines the CLI rejects or skips, mixed among good ones; ids are dropped from some items so that the
# fallback id (the record index, blank lines not counted) is exercised too.
MALFORMED = [
    "",
    '{"text": 5}',
    "not json",
    "   \u3000 ",
    "[1, 2]",
    '{"id": true, "text": "x"}',
    '{"text": "fetty M30 blues, tg @plugnow", "kind": "nonsense"}',
    '{"text": "percs 10mg $15 each, snap: pillman, discreet shipping"}',
    '{"id": 77, "text": "china white for sale, wickr chemking"}',
]


def _mixed_input(tmp_path: Path, extra: list[str]) -> Path:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    for i in range(0, len(lines), 5):  # every fifth corpus item loses its id
        obj = json.loads(lines[i])
        obj.pop("id", None)
        lines[i] = json.dumps(obj, ensure_ascii=False)
    out = lines[:10] + MALFORMED + lines[10:] + extra + MALFORMED[:3]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _spark_verdicts(spark: Any, out: Path) -> list[dict[str, Any]]:
    return [row_to_dict(r) for r in spark.read.parquet(str(out)).collect()]


def _check_identical(cli: list[dict[str, Any]], spark_rows: list[dict[str, Any]]) -> None:
    assert len(spark_rows) == len(cli)
    for want, got in zip(cli, spark_rows):
        assert got == want, f"verdict {want['id']} differs"


@dataclass(frozen=True)
class _Run:
    cli: list[dict[str, Any]]
    cli_stderr: str
    summary: ScanSummary
    out: Path


@pytest.fixture(scope="module")
def corpus_run(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> _Run:
    """The bundled corpus with malformed lines, scanned once by each side with decisions for US and CN."""
    tmp = tmp_path_factory.mktemp("corpus")
    path = _mixed_input(tmp, [])
    code, cli, err = cli_scan(path, "--jurisdiction", "US,CN")
    assert code == 1
    summary = scan_files(spark, str(path), str(tmp / "out"), jurisdictions=("us", "CN"))
    return _Run(cli, err, summary, tmp / "out")


def test_bundled_corpus_gives_cli_verdicts(spark: Any, corpus_run: _Run) -> None:
    got = _spark_verdicts(spark, corpus_run.out)
    _check_identical(corpus_run.cli, got)
    assert all(v["decisions"] for v in got if v["label"] == "offer")
    assert corpus_run.summary.scanned == len(corpus_run.cli) == 42


def test_bundled_corpus_rejects_what_the_cli_rejects(corpus_run: _Run) -> None:
    cli_errors = [line.removeprefix("narcotrace: ").removesuffix(" (record skipped)")
                  for line in corpus_run.cli_stderr.splitlines() if line.endswith("(record skipped)")]
    assert corpus_run.summary.rejected == len(cli_errors) == 7
    assert list(corpus_run.summary.errors) == cli_errors


@pytest.mark.shared_data
def test_real_tweets_give_cli_verdicts(spark: Any, tmp_path: Path, shared_data: Path) -> None:
    with (shared_data / "pip_twitter_train.jsonl").open(encoding="utf-8") as fh:
        tweets = [next(fh).rstrip("\n") for _ in range(2500)]
    path = _mixed_input(tmp_path, tweets)
    code, cli, _ = cli_scan(path)
    assert code == 1
    summary = scan_files(spark, str(path), str(tmp_path / "out"))
    _check_identical(cli, _spark_verdicts(spark, tmp_path / "out"))
    assert summary.scanned == len(cli) > 2500
    assert sum(v["label"] == "offer" for v in cli) > 10  # the sample holds drug promotions, not only chatter


def test_many_partitions_number_items_like_the_cli(spark: Any, tmp_path: Path) -> None:
    # Tiny input splits spread the blank and malformed lines over many partitions.
    lines = []
    for i in range(120):
        lines.append("" if i % 7 == 3 else ("oops" if i % 11 == 5 else json.dumps({"text": f"item {i} m30 blues"})))
    path = tmp_path / "noid.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, cli, _ = cli_scan(path)
    old = spark.conf.get("spark.sql.files.maxPartitionBytes")
    spark.conf.set("spark.sql.files.maxPartitionBytes", "256")
    try:
        items = read_items(spark, str(path))
        assert items.rdd.getNumPartitions() > 5
        got = [row_to_dict(r) for r in scan_dataframe(items).collect()]
        bad = sorted((r["line"], r["index"]) for r in rejected_rows(items).collect())
    finally:
        spark.conf.set("spark.sql.files.maxPartitionBytes", old)
    _check_identical(cli, got)
    expected_bad = [(i + 1, i - sum(1 for j in range(i) if j % 7 == 3)) for i in range(120)
                    if i % 7 != 3 and i % 11 == 5]
    assert bad == expected_bad


def test_parquet_input_gives_the_same_verdicts(spark: Any, tmp_path: Path) -> None:
    import pandas as pd

    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    pdf = pd.DataFrame({
        "id": pd.array([i if i % 4 else None for i in range(len(rows))], dtype="Int64"),
        "text": [r["text"] for r in rows],
        "kind": [r.get("kind") for r in rows],
        "lang": [r.get("lang") for r in rows],
        "extra": [1.5] * len(rows),  # columns outside the Item contract are ignored, as in JSONL
    })
    pdf.to_parquet(tmp_path / "items.parquet", index=False)
    jsonl = tmp_path / "items.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for rec in pdf.drop(columns="extra").to_dict("records"):
            fh.write(json.dumps({k: (None if pd.isna(v) else int(v) if k == "id" else v)
                                 for k, v in rec.items()}, ensure_ascii=False) + "\n")
    _, cli, _ = cli_scan(jsonl)
    summary = scan_files(spark, str(tmp_path / "items.parquet"), str(tmp_path / "out"))
    got = _spark_verdicts(spark, tmp_path / "out")
    _check_identical(cli, got)
    assert summary.rejected == 0
    assert [v["id"] for v in got[:5]] == ["0", "1", "2", "3", "4"]


def test_output_has_the_explicit_verdict_schema(spark: Any, corpus_run: _Run) -> None:
    schema = spark.read.parquet(str(corpus_run.out)).schema
    want = verdict_schema(True)
    # Parquet readers see every column as nullable; names and types are what the contract fixes.
    assert [(f.name, f.dataType.simpleString()) for f in schema.fields] == [
        (f.name, f.dataType.simpleString()) for f in want.fields
    ]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"body": ["x"]}, "no 'text' column"),
        ({"text": ["x"], "id": [1.5]}, "column 'id' has type double; expected string or integer"),
        ({"text": ["x"], "kind": [3]}, "column 'kind' has type bigint; expected string"),
    ],
)
def test_parquet_with_wrong_columns_is_refused_by_name(
    spark: Any, tmp_path: Path, columns: dict[str, list[Any]], message: str
) -> None:
    import pandas as pd

    pd.DataFrame(columns).to_parquet(tmp_path / "bad.parquet", index=False)
    with pytest.raises(InputError, match=message):
        read_items(spark, str(tmp_path / "bad.parquet"))


def test_policy_without_jurisdiction_is_refused(spark: Any) -> None:
    with pytest.raises(NarcotraceError, match="--policy needs --jurisdiction"):
        scan_dataframe(spark.createDataFrame([("x",)], "text string"), policy="p.yaml")

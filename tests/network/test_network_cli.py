"""`narcotrace network` offline: verdicts or indicator lines joined to accounts; clusters, GraphML, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narcotrace.cli import main


def _write(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _verdict(item_id: str, *inds: tuple[str, str, bool]) -> dict:
    return {
        "id": item_id,
        "label": "offer",
        "score": 0.9,
        "substances": [],
        "severity": "high",
        "evidence": [],
        "indicators": [
            {"type": t, "value": n, "normalized": n, "valid": v, "start": 0, "end": 1} for t, n, v in inds
        ],
        "model": "m",
    }


ITEMS = [
    {"id": "1", "text": "x", "author": "alice", "platform": "tw"},
    {"id": "2", "text": "x", "author": "bob", "platform": "tw"},
    {"id": "3", "text": "x", "author": "carol", "platform": "ig"},
    {"id": "4", "text": "x", "author": "dave", "platform": "tw"},
    {"id": "5", "text": "x"},  # no author: no account
]
VERDICTS = [
    _verdict("1", ("btc", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", True)),
    _verdict("2", ("btc", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", True), ("telegram", "plugco", True)),
    _verdict("3", ("whatsapp", "+14155552671", True), ("telegram", "plugco", True)),
    _verdict("4", ("telegram", "plugco", False)),
    _verdict("5", ("telegram", "plugco", True)),
]


def test_cli_clusters_from_verdicts_and_items(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    v = _write(tmp_path / "v.jsonl", VERDICTS)
    it = _write(tmp_path / "items.jsonl", ITEMS)
    out = tmp_path / "c.jsonl"
    gml = tmp_path / "g.graphml"
    assert main(["network", v, "--items", it, "-o", str(out), "--graphml", str(gml)]) == 0
    clusters = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(clusters) == 1
    c = clusters[0]
    assert c["size"] == 3
    assert c["accounts"] == [
        {"platform": "ig", "author": "carol"},
        {"platform": "tw", "author": "alice"},
        {"platform": "tw", "author": "bob"},
    ]
    assert {(i["type"], i["normalized"]) for i in c["indicators"]} == {
        ("btc", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"),
        ("telegram", "plugco"),
    }
    assert gml.read_text().startswith("<?xml")
    err = capsys.readouterr().err
    assert "1 clusters of >= 2 accounts" in err and "1 records without an account" in err


def test_cli_reads_indicator_lines_and_ids_by_position(tmp_path: Path) -> None:
    items = tmp_path / "items.csv"
    items.write_text("text,vendor\na,v1\nb,v2\nc,v3\n", encoding="utf-8")  # no id column: 0-based index
    lines = _write(
        tmp_path / "ind.jsonl",
        [
            {
                "id": "0",
                "type": "wickr",
                "value": "x",
                "normalized": "dropguy",
                "valid": True,
                "start": 0,
                "end": 1,
            },
            {
                "id": "2",
                "type": "wickr",
                "value": "x",
                "normalized": "dropguy",
                "valid": True,
                "start": 0,
                "end": 1,
            },
        ],
    )
    out = tmp_path / "c.jsonl"
    assert (
        main(
            [
                "network",
                lines,
                "--items",
                str(items),
                "--author-field",
                "vendor",
                "--platform",
                "torrez",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    (c,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert c["accounts"] == [{"platform": "torrez", "author": "v1"}, {"platform": "torrez", "author": "v3"}]


def test_cli_ignore_file_and_min_weight(tmp_path: Path) -> None:
    v = _write(tmp_path / "v.jsonl", VERDICTS)
    it = _write(tmp_path / "items.jsonl", ITEMS)
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("telegram plugco\n", encoding="utf-8")
    out = tmp_path / "c.jsonl"
    assert main(["network", v, "--items", it, "-o", str(out), "--ignore", str(ignore)]) == 0
    (c,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert c["size"] == 2  # only the wallet links now: alice and bob
    assert main(["network", v, "--items", it, "-o", str(out), "--min-weight", "1.01"]) == 0
    assert out.read_text() == ""


def test_cli_bad_records_are_named_and_the_rest_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [VERDICTS[0], VERDICTS[1]]
    v = tmp_path / "v.jsonl"
    v.write_text(
        json.dumps(rows[0])
        + "\n{not json\n"
        + json.dumps({"id": "2", "indicators": [{"type": "btc"}]})
        + "\n"
        + json.dumps(rows[1])
        + "\n",
        encoding="utf-8",
    )
    it = _write(tmp_path / "items.jsonl", ITEMS)
    out = tmp_path / "c.jsonl"
    assert main(["network", str(v), "--items", it, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "v.jsonl:2: invalid JSON" in err
    assert "v.jsonl:3: indicators[0]: field 'normalized'" in err
    assert len(out.read_text().splitlines()) == 1


def test_cli_without_accounts_says_what_to_give(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    v = _write(tmp_path / "v.jsonl", VERDICTS)
    assert main(["network", v, "-o", str(tmp_path / "c.jsonl")]) == 2
    assert "give the items file with --items" in capsys.readouterr().err


def test_cli_accounts_in_the_records_themselves(tmp_path: Path) -> None:
    rows = [
        {**VERDICTS[0], "author": "a1", "platform": "tw"},
        {**VERDICTS[1], "author": "a2", "platform": "tw"},
    ]
    out = tmp_path / "c.jsonl"
    assert main(["network", _write(tmp_path / "v.jsonl", rows), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["size"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-weight", "0"], "--min-weight must be above 0"),
        (["--min-size", "1"], "--min-size must be 2 or more"),
    ],
)
def test_cli_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    v = _write(tmp_path / "v.jsonl", VERDICTS)
    assert main(["network", v, *args]) == 2
    assert message in capsys.readouterr().err

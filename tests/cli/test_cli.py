"""The `narcotrace` command end to end, as a user runs it (a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "narcotrace.cli"]


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI + args, input=stdin, capture_output=True, text=True, timeout=300)


GOOD = [
    {"id": "a", "text": "M30 blues 💊 $20 each, 100 pcs bulk discount. Discreet shipping, tg @bluesplug"},
    {"id": "b", "text": "What a match! City won 3-1 after extra time."},
]


def test_scan_jsonl_to_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in GOOD))
    out = tmp_path / "out.jsonl"
    res = run(["scan", str(src), "-o", str(out)])
    assert res.returncode == 0, res.stderr
    verdicts = [json.loads(line) for line in out.read_text().splitlines()]
    assert [v["id"] for v in verdicts] == ["a", "b"]
    assert verdicts[0]["label"] == "offer" and verdicts[1]["label"] == "none"


def test_scan_csv(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text('id,text\na,"M30 blues 💊 $20 each, 100 pcs bulk discount. Discreet shipping, tg @bluesplug"\nb,hello\n',
                   encoding="utf-8")
    res = run(["scan", str(src)])
    assert res.returncode == 0, res.stderr
    verdicts = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(v["id"], v["label"]) for v in verdicts] == [("a", "offer"), ("b", "none")]


def test_scan_stdin_without_ids_uses_line_index() -> None:
    res = run(["scan", "-"], stdin="".join(json.dumps({"text": r["text"]}) + "\n" for r in GOOD))
    assert res.returncode == 0, res.stderr
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == ["0", "1"]


def test_malformed_line_six_is_named_and_exit_is_nonzero(tmp_path: Path) -> None:
    lines = [json.dumps({"id": str(i), "text": f"item {i}"}) for i in range(1, 9)]
    lines[5] = '{"id": "6", "text": '  # line 6: truncated JSON
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    res = run(["scan", str(src)])
    assert res.returncode == 1
    assert ":6:" in res.stderr and "invalid JSON" in res.stderr
    assert "Traceback" not in res.stderr
    ids = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert ids == ["1", "2", "3", "4", "5", "7", "8"]


def test_wrong_type_field_is_named(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": 42}\n{"id": "2", "text": "ok"}\n')
    res = run(["scan", str(src)])
    assert res.returncode == 1
    assert ":1:" in res.stderr and "field 'text'" in res.stderr
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == ["2"]


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    res = run(["scan", str(tmp_path / "nope.jsonl")])
    assert res.returncode == 2
    assert "no such file" in res.stderr and "Traceback" not in res.stderr


def test_indicators_command(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "wickr: chemking or t.me/plug_store"}) + "\n")
    res = run(["indicators", str(src)])
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert {(r["id"], r["type"], r["normalized"]) for r in recs} >= {("x", "wickr", "chemking"), ("x", "telegram", "plug_store")}


def test_demo_writes_verdicts_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonl"
    res = run(["demo", "-o", str(out)])
    assert res.returncode == 0, res.stderr
    assert "by label:" in res.stdout and str(out) in res.stdout
    assert len(out.read_text().splitlines()) == 40


def test_scan_and_eval_a_market_dump_by_its_own_column_as_listings(tmp_path: Path) -> None:
    """`--text-field` names the column that holds the text, `--kind` the kind of items that give none."""
    src = tmp_path / "market.csv"
    src.write_text("vendor,product,label\nv1,MOROCCAN HASH 10g,offer\nv2,Crystal vase hand cut $25,other\n",
                   encoding="utf-8")
    res = run(["scan", str(src), "--text-field", "product", "--kind", "listing"])
    assert res.returncode == 0, res.stderr
    assert [json.loads(line)["label"] for line in res.stdout.splitlines()] == ["offer", "none"]
    res = run(["eval", str(src), "--text-field", "product", "--kind", "listing"])
    assert res.returncode == 0, res.stderr
    assert "kind" in res.stdout and "listing" in res.stdout
    res = run(["scan", str(src)])
    assert res.returncode != 0 and "--text-field" in res.stderr

"""Reading JSONL and CSV: bad records are named by line and field, good ones around them survive."""

from __future__ import annotations

from pathlib import Path

import pytest

from narcotrace import InputError, Item
from narcotrace.records import RecordError, read_items


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"text": "a"}\n{not json\n\n{"id": 3}\n["x"]\n{"text": "b", "kind": "tweet"}\n{"text": "c"}\n')
    got = list(read_items(str(p)))
    kinds = [(line, type(r).__name__) for line, r in got]
    assert kinds == [(1, "Item"), (2, "RecordError"), (4, "RecordError"), (5, "RecordError"), (6, "RecordError"), (7, "Item")]
    messages = {line: r.message for line, r in got if isinstance(r, RecordError)}
    assert "invalid JSON" in messages[2]
    assert "field 'text'" in messages[4]
    assert "JSON object" in messages[5]
    assert "field 'kind'" in messages[6]


def test_csv_with_multiline_field_and_same_columns(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_text('id,text,lang\n1,"two\nlines",en\n2,plain,es\n', encoding="utf-8")
    items = [r for _, r in read_items(str(p))]
    assert items == [Item(text="two\nlines", id="1", lang="en"), Item(text="plain", id="2", lang="es")]


def test_csv_without_text_column_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_text("id,body\n1,x\n")
    with pytest.raises(InputError, match="no 'text' column"):
        list(read_items(str(p)))


@pytest.mark.parametrize("name, message", [("missing.jsonl", "no such file"), ("in.xml", "cannot tell the format")])
def test_unreadable_inputs(tmp_path: Path, name: str, message: str) -> None:
    if name.endswith(".xml"):
        (tmp_path / name).write_text("<x/>")
    with pytest.raises(InputError, match=message):
        list(read_items(str(tmp_path / name)))

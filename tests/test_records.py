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


def test_the_text_may_come_from_another_field_and_a_kind_from_the_reader(tmp_path: Path) -> None:
    """A market dump names its text "product" and gives no kind: `text_field` and `kind` read it as listings; a
    record's own kind wins, and a record without the named field is rejected by name."""
    p = tmp_path / "market.csv"
    p.write_text("id,product,kind\n1,Cocaine 1g,\n2,Blue Dream 3.5g,post\n", encoding="utf-8")
    items = [r for _, r in read_items(str(p), text_field="product", kind="listing")]
    assert items == [Item(text="Cocaine 1g", id="1", kind="listing"), Item(text="Blue Dream 3.5g", id="2", kind="post")]
    j = tmp_path / "market.jsonl"
    j.write_text('{"title": "MDMA 1g"}\n{"text": "no title here"}\n{"title": 12}\n', encoding="utf-8")
    got = list(read_items(str(j), text_field="title"))
    assert got[0] == (1, Item(text="MDMA 1g"))
    assert isinstance(got[1][1], RecordError) and "field 'title': missing" in got[1][1].message
    assert isinstance(got[2][1], RecordError) and "field 'title': must be a string, got int" in got[2][1].message
    with pytest.raises(InputError, match="no 'title' column"):
        list(read_items(str(p), text_field="title"))


def test_a_csv_without_text_column_names_the_option(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_text("id,body\n1,x\n")
    with pytest.raises(InputError, match="--text-field"):
        list(read_items(str(p)))

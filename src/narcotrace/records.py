"""Reading items from JSONL or CSV and writing verdicts as JSONL.

Bad records never stop a job: each is reported with its line number and the field at fault, and the good
records around it go on. Readers yield `(line_number, Item)` or `(line_number, RecordError)` in input order.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator, Mapping, Sequence

from narcotrace._exceptions import InputError, ItemError
from narcotrace.items import Item

__all__ = [
    "RecordError", "decode_line", "detect_format", "no_text_column", "open_text", "read_items",
    "read_records", "with_fields", "write_jsonl",
]

FORMATS = ("jsonl", "csv")

# CSV fields can be long (page text); the default limit of 128 KiB is too small for real scrapes.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class RecordError:
    """One rejected input record."""

    line: int
    message: str

    def format(self, source: str) -> str:
        return f"{source}:{self.line}: {self.message}"


def detect_format(path: str, explicit: str | None = None) -> str:
    """The input format from an explicit choice, else from the file extension (stdin defaults to JSONL)."""
    if explicit:
        if explicit not in FORMATS:
            raise InputError(f"unknown format {explicit!r}; expected one of {', '.join(FORMATS)}")
        return explicit
    if path == "-":
        return "jsonl"
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    raise InputError(f"{path}: cannot tell the format from the extension {suffix!r}; use --format jsonl|csv")


def open_text(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, expected a JSONL or CSV file")
    return p.open("r", encoding="utf-8", errors="replace", newline="")


def read_records(
    path: str, fmt: str | None = None, *, text_field: str = "text", kind: str | None = None
) -> Iterator[tuple[int, Mapping[str, Any] | RecordError]]:
    """Raw decoded records (dicts) with their 1-based line numbers; malformed ones become RecordError.

    `text_field` names the field that holds the text when it is not `text` (a market dump's `title`): its value
    becomes the record's `text`. `kind` is the kind of the records that give none (`listing` for a market's
    titles); a record's own `kind` wins."""
    fmt = detect_format(path, fmt)
    with open_text(path) as fh:
        if fmt == "jsonl":
            for lineno, line in enumerate(fh, start=1):
                if line.strip():
                    yield lineno, _or_error(lineno, decode_line(line, text_field, kind))
        else:
            delimiter = "\t" if path.lower().endswith(".tsv") else ","
            reader = csv.DictReader(fh, delimiter=delimiter)
            if reader.fieldnames is None:
                return
            if text_field not in reader.fieldnames:
                raise InputError(f"{path}:1: CSV header has {no_text_column(text_field, reader.fieldnames)}")
            for row in reader:
                # line_num is the physical line where the record ended; multi-line fields count every line.
                lineno = reader.line_num
                if None in row:
                    yield lineno, RecordError(lineno, "more fields than the header has")
                    continue
                rec = with_fields({k: v for k, v in row.items() if v is not None}, text_field, kind)
                yield lineno, _or_error(lineno, rec)


def _or_error(lineno: int, rec: Mapping[str, Any] | str) -> Mapping[str, Any] | RecordError:
    return RecordError(lineno, rec) if isinstance(rec, str) else rec


# The two functions below are the whole of the record rules: `narcotrace spark scan` runs them on its
# executors, so the CLI and Spark accept, fill in and reject the same records with the same messages.


def decode_line(line: str, text_field: str = "text", kind: str | None = None) -> Mapping[str, Any] | str:
    """One non-blank JSONL line as a record (`with_fields` applied), or the message saying why not."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(obj, dict):
        return f"expected a JSON object, got {type(obj).__name__}"
    return with_fields(obj, text_field, kind)


def with_fields(rec: Mapping[str, Any], text_field: str, kind: str | None) -> Mapping[str, Any] | str:
    """The record with its text read from `text_field` and `kind` filled in where it gives none, or the
    message naming the field when `text_field` is missing or not a string."""
    if text_field != "text":
        value = rec.get(text_field)
        if value is None:
            return f"field {text_field!r}: missing"
        if not isinstance(value, str):
            return f"field {text_field!r}: must be a string, got {type(value).__name__}"
        rec = {**rec, "text": value}
    if kind is not None and not rec.get("kind"):
        rec = {**rec, "kind": kind}
    return rec


def no_text_column(text_field: str, columns: Sequence[str]) -> str:
    """The end of the message for a CSV or Parquet input without the text column, naming the option."""
    fix = "name the text column with --text-field" if text_field == "text" else "check --text-field"
    return f"no {text_field!r} column (columns: {', '.join(columns)}); {fix}"


def read_items(
    path: str, fmt: str | None = None, *, text_field: str = "text", kind: str | None = None
) -> Iterator[tuple[int, Item | RecordError]]:
    """Items with their line numbers; a record that is not a valid Item becomes a RecordError naming the field."""
    for lineno, rec in read_records(path, fmt, text_field=text_field, kind=kind):
        if isinstance(rec, RecordError):
            yield lineno, rec
            continue
        try:
            yield lineno, Item.from_dict(rec)
        except ItemError as exc:
            yield lineno, RecordError(lineno, str(exc))


def write_jsonl(fh: IO[str], obj: Mapping[str, Any]) -> None:
    fh.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    fh.write("\n")

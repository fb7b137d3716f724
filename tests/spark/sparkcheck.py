"""Helpers: Parquet verdict rows back to the Verdict.to_dict shape, and the CLI's verdicts."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from narcotrace.cli import main


def row_to_dict(row: Any) -> dict[str, Any]:
    """A Spark Row of the verdict schema as the dict Verdict.to_dict makes (decisions only when present)."""
    d = row.asDict(recursive=True)
    if not d.get("decisions"):
        d.pop("decisions", None)
    return d


def cli_scan(path: Path, *extra: str) -> tuple[int, list[dict[str, Any]], str]:
    """Run `narcotrace scan` in-process: exit code, verdicts, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["scan", str(path), *extra])
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()

"""Command-line entry point (filled in as areas land)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("narcotrace: no commands yet", file=sys.stderr)
    return 2

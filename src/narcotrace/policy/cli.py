"""`narcotrace policy check FILE...`: print every diagnostic to stderr and return the exit code."""

from __future__ import annotations

import sys

from narcotrace.policy._api import check_policy

__all__ = ["policy_check_main"]


def policy_check_main(paths: list[str]) -> int:
    """0 = every file is clean or has warnings only; 1 = at least one error; 2 = no file given."""
    if not paths:
        print("narcotrace policy check: give at least one policy file", file=sys.stderr)
        return 2
    errors = warnings = 0
    for path in paths:
        for diag in check_policy(path):
            print(diag.format(), file=sys.stderr)
            if diag.severity == "error":
                errors += 1
            else:
                warnings += 1
    summary = f"{len(paths)} file(s) checked: {errors} error(s), {warnings} warning(s)"
    print(summary, file=sys.stderr)
    return 1 if errors else 0

"""Fixtures shared by the detection tests."""

from __future__ import annotations

import pytest

from narcotrace.detect import Scanner


@pytest.fixture(scope="session")
def scanner() -> Scanner:
    """The shipped scanner (packaged KB and default model), built once: it is immutable."""
    return Scanner()

"""Fixtures for the console tests: a live service (console_live.LiveServer) per module and Debian's headless
Chromium per session.

Chromium is /usr/bin/chromium driven by Playwright (never `playwright install`). Without it the browser tests
skip with a reason, except in CI (CI=true) where they fail: CI installs it (.ci/run).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from console_live import CHROMIUM, LiveServer


@pytest.fixture(scope="session")
def scanner() -> Any:
    from narcotrace.detect import Scanner

    return Scanner()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, scanner: Any) -> Iterator[LiveServer]:
    server = LiveServer(f"sqlite:///{tmp_path_factory.mktemp('console') / 'console.db'}", scanner)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium (Playwright's browser object)."""
    why = None
    if not CHROMIUM.exists():
        why = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why = why or "the playwright Python package is not installed (pip install -e '.[test]')"
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}; CI must run the console browser tests")
        pytest.skip(why)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield browser
        finally:
            browser.close()

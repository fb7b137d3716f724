"""Shared test fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/pg.py and tests/live.py, importable by name

# Built products (the KB's phrase matcher, the Hyperscan prefilter) go to a cache of this test run, not to the
# user's ~/.cache: tests build KBs of their own, and each would leave an entry there. Subprocesses inherit it.
if "NARCOTRACE_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="narcotrace-test-cache-")
    os.environ["NARCOTRACE_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)

if TYPE_CHECKING:
    from narcotrace.store import Store

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The development data beside the checkout; tests that need it skip with a reason when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"development data not found at {SHARED_DATA} (a clone without ../shared/data)")
    return SHARED_DATA


STORE_AUTHOR_KEY = b"test-author-key-0123456789abcdef"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh store database: a SQLite file and a throw-away PostgreSQL database (tests/pg.py)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    import pg

    url: str = pg.new_database()
    return url


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    """The store over `db_url`, migrated; areas that need a live service build their own."""
    from narcotrace.store import Store

    s = Store.open(db_url, author_key=STORE_AUTHOR_KEY)
    yield s
    s.close()

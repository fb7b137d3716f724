"""The compiled Hyperscan prefilter is cached on disk: reused when the expressions match, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from narcotrace.indicators import _accel

pytestmark = pytest.mark.skipif(not _accel.AVAILABLE, reason="hyperscan is not installed on this platform")

EXPRS = [(0, _accel.literal("telegram")), (1, _accel.literal("wickr")), (2, rb"[0-9]{5}[^0-9]")]
TEXT = "dm on telegram, call 12345 now"


def _gates(pf: _accel.Prefilter) -> frozenset[int]:
    return pf.gate_one(TEXT.lower())


def test_the_database_is_compiled_once_then_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARCOTRACE_CACHE_DIR", str(tmp_path))
    first = _accel.Prefilter(EXPRS)
    files = list(tmp_path.glob("prefilter-*.hsdb"))
    assert len(files) == 1 and files[0].stat().st_size > 0

    def no_store(*_a: object, **_k: object) -> None:  # a compiled database is always stored
        raise AssertionError("compiled although a cached database exists")

    monkeypatch.setattr(_accel, "_store", no_store)
    second = _accel.Prefilter(EXPRS)
    assert _gates(first) == _gates(second) == frozenset({0, 2})


def test_other_expressions_get_their_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARCOTRACE_CACHE_DIR", str(tmp_path))
    _accel.Prefilter(EXPRS)
    other = _accel.Prefilter(EXPRS[:2])
    assert len(list(tmp_path.glob("prefilter-*.hsdb"))) == 2
    assert _gates(other) == frozenset({0})


def test_a_damaged_cache_file_is_compiled_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARCOTRACE_CACHE_DIR", str(tmp_path))
    _accel.Prefilter(EXPRS)
    (path,) = tmp_path.glob("prefilter-*.hsdb")
    path.write_bytes(b"not a database")
    pf = _accel.Prefilter(EXPRS)
    assert _gates(pf) == frozenset({0, 2})
    assert path.stat().st_size > len(b"not a database")


def test_an_empty_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARCOTRACE_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _accel.cache_dir() is None
    assert _gates(_accel.Prefilter(EXPRS)) == frozenset({0, 2})
    assert list(tmp_path.rglob("*.hsdb")) == []


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("NARCOTRACE_CACHE_DIR", str(blocker / "cache"))
    assert _gates(_accel.Prefilter(EXPRS)) == frozenset({0, 2})

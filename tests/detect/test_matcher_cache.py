"""The KB's phrase matcher is built once per machine and KB, then loaded from the per-user cache
(`narcotrace._diskcache`). The build is replaced here by a small matcher, so that each test runs in milliseconds:
what is under test is when the cache is read, written and ignored."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

import pytest

from narcotrace._diskcache import write_private
from narcotrace.detect import signals
from narcotrace.detect._cues import _TermInfo
from narcotrace.detect.lexicon import PhraseMatcher
from narcotrace.kb import load_kb

KB = load_kb()
INFO = _TermInfo("substance", "cocaine", False, "cocaine")


def _small(_kb: object) -> PhraseMatcher[_TermInfo]:
    return PhraseMatcher([("cocaine", INFO)])


def _refuse(_kb: object) -> PhraseMatcher[_TermInfo]:
    raise AssertionError("the matcher was built although the cache holds it")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NARCOTRACE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(signals, "_build_matcher", _small)
    return tmp_path


def _entries(root: Path) -> list[Path]:
    return sorted(root.glob("matcher-*.pickle"))


def test_built_once_then_loaded(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = signals._cached_matcher(KB)
    (entry,) = _entries(cache)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    monkeypatch.setattr(signals, "_build_matcher", _refuse)
    second = signals._cached_matcher(KB)
    assert second.find("pure cocaine", ()) == first.find("pure cocaine", ()) != []


def test_a_damaged_entry_is_rebuilt(cache: Path) -> None:
    signals._cached_matcher(KB)
    (entry,) = _entries(cache)
    entry.write_bytes(b"not a pickle")
    assert signals._cached_matcher(KB).find("cocaine", ())
    assert entry.read_bytes() != b"not a pickle"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file ownership is POSIX")
def test_an_entry_others_may_write_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    signals._cached_matcher(KB)
    (entry,) = _entries(cache)
    entry.chmod(0o666)
    built: list[object] = []
    monkeypatch.setattr(signals, "_build_matcher", lambda kb: built.append(kb) or _small(kb))
    signals._cached_matcher(KB)
    assert built == [KB]


def test_turned_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NARCOTRACE_CACHE_DIR", "")
    monkeypatch.setattr(signals, "_build_matcher", _small)
    assert signals._matcher_cache_path(KB) is None
    assert signals._cached_matcher(KB).find("cocaine", ())
    assert list(tmp_path.iterdir()) == []


def test_the_key_changes_with_the_kb_and_the_code(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = signals._matcher_cache_path(KB)
    assert path is not None and path.parent == cache
    assert signals._matcher_cache_path(dataclasses.replace(KB, version="edited")) != path
    monkeypatch.setattr(signals, "source_digest", lambda *_m: b"other code")
    assert signals._matcher_cache_path(KB) != path


def test_only_the_newest_entries_are_kept(tmp_path: Path) -> None:
    for i in range(6):
        write_private(tmp_path / f"matcher-{i}.pickle", b"x", keep=4)
        os.utime(tmp_path / f"matcher-{i}.pickle", (1000 + i, 1000 + i))
    write_private(tmp_path / "prefilter-a.hsdb", b"y", keep=4)
    names = {p.name for p in tmp_path.iterdir()}
    assert "prefilter-a.hsdb" in names and "matcher-5.pickle" in names
    assert len([n for n in names if n.startswith("matcher-")]) <= 4

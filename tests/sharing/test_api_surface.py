"""The public API of narcotrace.sharing: every name in __all__ resolves, and nothing private is exported."""

from __future__ import annotations

import narcotrace.sharing as sharing


def test_exported_members() -> None:
    for name in sharing.__all__:
        assert getattr(sharing, name) is not None, name  # includes the PSI names loaded on first use
        assert not name.startswith("_")
    assert sorted(sharing.__all__) == sorted(set(sharing.__all__))
    assert {"Sharing", "Signal", "sync", "psi_start", "psi_respond", "psi_finish", "read_blocklist"} <= set(
        sharing.__all__)

"""Assertions on one scanned text, shared by the detection tests (importable by name: tests/ is on sys.path)."""

from __future__ import annotations

from narcotrace import Item, Verdict
from narcotrace.detect import Scanner


def assert_offer(scanner: Scanner, text: str, offer: bool = True, kind: str | None = None) -> Verdict:
    """Scan `text` and assert that it is (or, with offer=False, is not) an offer; the failure shows the evidence."""
    v = scanner.scan_item(Item(text=text, kind=kind))
    assert (v.label == "offer") is offer, (text, v.label, v.score, [(e.signal, e.text) for e in v.evidence])
    return v

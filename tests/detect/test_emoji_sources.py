"""Sale-signal emoji that one source alone reads as a dealer sign (👑, 🤑) or a batch (💯) are shown as
evidence but feed no feature: they decorate lyrics and talk every day. Texts written for this test."""

from __future__ import annotations

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect.signals import SignalExtractor


def test_single_source_emoji_is_evidence_without_weight(scanner: Scanner) -> None:
    extractor: SignalExtractor = scanner.extractor
    lyric = "Se pone loca con la marihuana y codeina, se me trepa encima 👑🤑"
    sig = extractor.extract(lyric)
    assert "emoji_dealer" not in sig.features
    v = scanner.scan_item(Item(text=lyric))
    shown = [e for e in v.evidence if e.signal == "emoji:dealer"]
    assert len(shown) == 2 and all(e.weight == 0.0 for e in shown)
    assert v.label != "offer", (v.score, [(e.signal, e.text) for e in v.evidence])


def test_an_emoji_several_sources_agree_on_still_counts(scanner: Scanner) -> None:
    sig = scanner.extractor.extract("cocaine 🔌 tonight")
    assert sig.features.get("emoji_dealer", 0) > 0

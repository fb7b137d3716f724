"""The scanner on the cases the spine issue names, and the evidence contract."""

from __future__ import annotations

import pickle

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner


CASES = [
    # text, label, severity (None = not checked), substance class expected among substances (None = not checked)
    ("M30 blues 💊 $20 each, 100 pcs bulk discount. Discreet shipping, tg @bluesplug", "offer", "critical", None),
    ("ⓕⓔⓝⓣ powder 98% pure, wickr: chemking, ships from NL, BTC only", "offer", "critical", "fentanyl"),
    ("Fentanyl overdose deaths rose sharply in the county last year, health officials said on Monday.",
     "discussion", None, None),
    ("Free naloxone and fentanyl test strips at the community center this Saturday. Harm reduction saves lives.",
     "discussion", None, None),
    ("anyone know where to get percs around here?", "solicit", None, None),
    ("What a match! City won 3-1 after extra time, the keeper was unreal.", "none", "none", None),
    ("Oxycodone 30mg x100 - $900, stealth shipping worldwide, escrow accepted", "offer", "high", "opioid"),
    ("Vendo cocaína de alta pureza, envíos discretos a todo el país. Telegram @nievepura", "offer", "high", "stimulant"),
    ("出售冰毒 高纯度 当天发货 全国包邮 加微信 ice8888", "offer", "high", "stimulant"),
    ("警方在广州查获冰毒5公斤，抓获犯罪嫌疑人3名", "discussion", None, None),
    ("Selling my old iPhone 12, $250, text me at 415-555-0199", "none", "none", None),
    ("Join our casino! 200% bonus for new players, telegram t.me/luckyspin777", "none", "none", None),
    ("Pill press TDP-5 with custom dies, 5000 tablets/hour, ships worldwide. WhatsApp +1 415 555 0132",
     "offer", "critical", "equipment"),
    ("Snow day! Schools are closed tomorrow ❄️ stay warm everyone", "none", "none", None),
]


@pytest.mark.parametrize("text, label, severity, cls", CASES)
def test_labels_on_named_cases(scanner: Scanner, text: str, label: str, severity: str | None, cls: str | None) -> None:
    v = scanner.scan_item(Item(text=text, id="x"))
    assert v.label == label, v.to_dict()
    if severity is not None:
        assert v.severity == severity, v.to_dict()
    if cls is not None:
        assert cls in {s.cls for s in v.substances}, v.to_dict()
    if label == "offer":
        assert v.score >= scanner.model.threshold
    else:
        assert v.score < scanner.model.threshold or label != "offer"


def test_evidence_spans_index_the_original_text(scanner: Scanner) -> None:
    for text, *_ in CASES:
        v = scanner.scan_item(Item(text=text))
        for e in v.evidence:
            assert text[e.start : e.end] == e.text, (text, e)
        for i in v.indicators:
            assert 0 <= i.start <= i.end <= len(text)


def test_offer_evidence_names_the_signals(scanner: Scanner) -> None:
    text = "M30 blues 💊 $20 each, 100 pcs bulk discount. Discreet shipping, tg @bluesplug"
    v = scanner.scan_item(Item(text=text))
    signals = {e.signal.split(":")[0] for e in v.evidence}
    assert {"substance", "intent"} <= signals or {"slang", "intent"} <= signals
    assert any(e.text.lower() == "m30" for e in v.evidence)
    assert any(i.type == "telegram" and i.normalized == "bluesplug" for i in v.indicators)


def test_obfuscated_fentanyl_evidence_points_at_the_obfuscated_letters(scanner: Scanner) -> None:
    text = "ⓕⓔⓝⓣ powder 98% pure, wickr: chemking, ships from NL, BTC only"
    v = scanner.scan_item(Item(text=text))
    assert any(e.text == "ⓕⓔⓝⓣ" for e in v.evidence), v.evidence


def test_ids_echoed_or_index(scanner: Scanner) -> None:
    vs = scanner.scan([Item(text="a", id="k1"), Item(text="b")], start_index=5)
    assert [v.id for v in vs] == ["k1", "6"]


def test_scanner_pickles_and_scans_the_same(scanner: Scanner) -> None:
    clone = pickle.loads(pickle.dumps(scanner))
    item = Item(text=CASES[0][0], id="p")
    assert clone.scan_item(item).to_dict() == scanner.scan_item(item).to_dict()


def test_batch_scan_equals_item_scan(scanner: Scanner) -> None:
    # scan / scan_stream extract the indicators of a batch at once (extract_many); the verdicts must be those of
    # scanning each item alone, indicators and evidence included.
    items = [Item(text=t, id=str(i), country="US" if i % 2 else None) for i, (t, *_rest) in enumerate(CASES)]
    items.append(Item(text="call 415-555-0134 or bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, t.me/plugshop"))
    one = [scanner.scan_item(it, i) for i, it in enumerate(items)]
    assert scanner.scan(items) == one
    assert list(scanner.scan_stream(enumerate(items), batch_size=3)) == one
    assert any(v.indicators for v in one)

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


def test_a_dealers_emoji_menu_names_its_goods(scanner: Scanner) -> None:
    """Two or more drug emoji with a dealer sign (🔌 or "plug") and a contact: a dealer profile, not emoji alone."""
    v = scanner.scan_item(Item(text="plug 🔌 | 💊❄️🍃 | ships worldwide | tele @plugmaster", kind="profile"))
    assert v.label == "offer", (v.score, [(e.signal, e.text) for e in v.evidence])


def test_emoji_with_a_sale_word_but_no_dealer_sign_name_no_drug(scanner: Scanner) -> None:
    text = "#WhatsApp 682 66 22 77 #AutoEscuela Tu #Carné de #Conducir #Formación de #Calidad 💙🍀🚗💨"
    assert scanner.scan_item(Item(text=text)).label != "offer"
    assert not scanner.extractor.extract("🍁 $20 dm me").any_drug


def test_a_money_emoji_is_no_plug_for_an_emoji_menu(scanner: Scanner) -> None:
    """The DEA chart lists 💰 and 💵 as dealer signs too, but every shop writes them; only the plug (🔌 or "plug"),
    on which every source agrees, makes two drug emoji and a contact a menu (session 15)."""
    plug = scanner.extractor.extract("🔌 ❄️🌲 delivery today, whatsapp me")
    money = scanner.extractor.extract("💰 ❄️🌲 delivery today, whatsapp me")
    assert plug.features.get("contact") and plug.features.get("shipping")
    assert not money.features.get("contact") and not money.features.get("shipping")
    assert scanner.scan_item(Item(text="🎄❄️🌲 Christmas trees, free delivery, whatsapp 💰 best prices")).label != "offer"

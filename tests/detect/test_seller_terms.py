"""Offers and look-alikes written for this test with the session-6 vocabulary and matcher rules: steroid, SARM and
generic-brand listings, cannabis carts and cultivars, joined and camel-case product names, and the lawful texts
that share their words. Scanned with the shipped model."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner


OFFERS = [
    ("Test Cyp 250mg/ml 10ml vials in stock, EU shipping, wickr me", None, "anabolic steroids"),
    ("MK-677 ibutamoren 25mg x 60 caps, worldwide shipping, DM for price", None, "ibutamoren"),
    ("Cenforce 100 mg x 100 pills, no prescription needed, fast delivery", None, "sildenafil"),
    ("Co-Codamol 30/500 x 100 tablets, next day UK delivery", None, "codeine"),
    ("Runtz 3.5g AAA+ top shelf indoor", "listing", "cannabis"),
    ("PARTYPACK 1G HEROINLION + 1G MDMA", "listing", "heroin"),
    ("US TO US Ultram100mg 100 tabs free shipping", "listing", "tramadol"),
    ("PurpleKush 7g + BlackDominaIndica 7g free shipping", "listing", "cannabis"),
    ("1G COMMERCIAL HEROINE 50% PURITY", "listing", "heroin"),
    ("Buy 5F-MDMB Online (250g)", "listing", "5f-adb"),
    # GLP-1 injections sold without prescription (session 10)
    ("Ozempic pens without prescription, overnight delivery, order now", None, "semaglutide"),
    ("Mounjaro 5mg pens in stock, no prescription needed, DM", None, "tirzepatide"),
    # The 1988 table's note: P-2-P methyl glycidic acid is "seized in large quantities in Europe as BMK glycidate"
    # (session 18; the line sat at 0.52 on "BMK" alone, the sodium salt's CAS number is on no list here)
    ("BMK glycidate CAS 5449-12-7 in stock, fast delivery to EU, wickr me", None, "p-2-p methyl glycidic acid"),
]

NOT_OFFERS = [
    "My doctor put me on Ozempic and I lost 20 pounds",
    "Zepbound shortage continues, pharmacies say",
    "Study: testosterone cypionate injections improved bone density in hypogonadal men",
    "The heroine of the film saves her village",
    "New smart cart technology lets shoppers skip the checkout line",
    "Golden Teacher of the Year award goes to Ms. Alvarez",
    "Just watched a YouTube video about McDonald's new menu",
    "Police seized 40 kilos of Runtz-branded cannabis packaging in a raid, court told",
]


@pytest.mark.parametrize(("text", "kind", "substance"), OFFERS)
def test_seller_offers(scanner: Scanner, text: str, kind: str | None, substance: str) -> None:
    v = scanner.scan_item(Item(text=text, kind=kind))
    assert v.label == "offer", (text, v.score, [(e.signal, e.text) for e in v.evidence])
    assert substance in {s.name for s in v.substances}


@pytest.mark.parametrize("text", NOT_OFFERS)
def test_look_alikes_are_no_offers(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label != "offer", (text, v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Cenforce 100 mg, no prescription needed, fast delivery", "prescription"),  # cannabis slang in a no-rx cue
        ("Tramadol 50mg sans prescription, livraison rapide", "prescription"),  # in French
    ],
)
def test_an_ordinary_word_inside_a_cue_is_no_drug_word(scanner: Scanner, text: str, word: str) -> None:
    """The evidence a reviewer sees names only the drug: the cue's own words are no slang of another drug."""
    v = scanner.scan_item(Item(text=text, id="x"))
    assert not [e for e in v.evidence if e.text == word and e.signal.startswith("slang:")]
    assert "cannabis" not in {s.name for s in v.substances}


def test_fetty_is_fentanyl_only_beside_a_sale(scanner: Scanner) -> None:
    """"Fetty" (NDEWS sentinel sites: one of the most common slang terms for fentanyl; session 14) is context-only
    slang: it is also the rapper Fetty Wap's name. A dealer's message was no offer at 0.02 without it."""
    v = scanner.scan_item(Item(text="Fetty in stock bro, cashapp me and i'll drop it off", kind="message"))
    assert v.label == "offer" and "fentanyl" in {s.name for s in v.substances}, v
    for text in ("Fetty Wap new album out now https://t.co/abc", "Fetty Wap concert tonight, tickets $40 at the door"):
        assert scanner.scan_item(Item(text=text)).label != "offer", text

"""Statements of sale and commerce words are weighed apart (session 10): "selling", "for sale", "vendo" state a sale
(`sell`); "prices", "cheap", "purity", "we have", "precio" are commerce words (`promo`) that talk about a drug
market uses as much as a seller does. A drug's name with commerce words alone is talk; with a statement of sale, or
weighed in a listing title, it is an offer. Sentences written for this test, scanned with the shipped model."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner

TALK = [
    "cocaine prices are crazy these days",
    "we have a heroin problem in this town",
    "El precio de la marihuana subió muchísimo, qué locura",
    "the purity of street fentanyl keeps rising",
    # a recommendation of shares holds "buy now" (session 24: an offer at 0.61)
    "2 Under-the-Radar Growth Stocks to Buy Now #cannabis #marijuana",
]
OFFERS = [
    ("selling cocaine, dm me", None),
    ("heroin for sale", None),
    ("Vendo marihuana, envíos a todo el país", None),
    ("10g Premium Top Quality Hash", "listing"),
    # a pitch of several commerce words is a seller's (promo_multi): with one `promo` feature these were talk (0.20)
    ("Wholesale fentanyl powder, samples available", None),
    ("Pure cocaine 92% purity, samples, escrow", None),
    ("Kush 3.5g $40, buy now, dm", None),
]


@pytest.mark.parametrize("text", TALK)
def test_commerce_words_beside_a_drug_are_talk(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(("text", "kind"), OFFERS)
def test_a_statement_of_sale_or_a_weighed_title_is_an_offer(scanner: Scanner, text: str, kind: str | None) -> None:
    assert_offer(scanner, text, kind=kind)


def test_the_two_kinds_of_cue_are_separate_signals(scanner: Scanner) -> None:
    prices = scanner.extractor.extract("cocaine prices are crazy").features
    selling = scanner.extractor.extract("selling cocaine").features
    assert prices.get("promo") and not prices.get("sell")
    assert selling.get("sell") and not selling.get("promo")
    # both are sale intent: a cultivar name, context-only, names a drug beside either
    assert not scanner.extractor.extract("runtz").any_drug
    assert scanner.extractor.extract("runtz best prices").any_drug and scanner.extractor.extract("selling runtz").any_drug


def test_a_pitch_is_several_different_commerce_words(scanner: Scanner) -> None:
    assert scanner.extractor.extract("heroin wholesale, samples").features.get("promo_multi")
    assert not scanner.extractor.extract("heroin prices, prices, prices").features.get("promo_multi")



@pytest.mark.parametrize(
    "text",
    ["Pervitin - nejlepší cena, vysoká kvalita, vzorky", "Kokain: legjobb ár, kiváló minőség, minták",
     "Kokain, bästa pris och hög kvalitet", "Cocaină, cel mai bun preț, puritate 90%"],
)
def test_a_pitch_in_czech_hungarian_swedish_romanian_is_an_offer(scanner: Scanner, text: str) -> None:
    """Commerce words of the languages whose sale cues came in session 10 (session 11: these were talk, 0.10-0.15)."""
    assert_offer(scanner, text)


def test_a_commerce_word_of_one_language_is_no_word_of_another(scanner: Scanner) -> None:
    """French "priser" (to snort) and Italian "cena", "mostre" (dinner, exhibitions) are no price words."""
    for text in ("il a prisé de la coke hier soir", "j'ai pris de la cocaïne", "cena con amici, niente cocaina"):
        assert not scanner.extractor.extract(text).features.get("promo")


@pytest.mark.parametrize(
    "text",
    ["DNCD ocupa 88 kilos de cocaína en Puerto Multimodal Caucedo", "Las ratas se comieron 540 kilos de marihuana",
     "Me pidió que fuera romántico y le di 20 gramos de marihuana", "Faltan 500 kilos de marihuana en la comisaría"],
)
def test_an_amount_of_a_drug_told_in_talk_is_no_catalogue_line(scanner: Scanner, text: str) -> None:
    """"540 kilos de marihuana": an amount joined to the drug by "de"/"of" tells how much, in news and jokes; a
    catalogue line weighs its product ("1g cocaína"). Without any sale word, price or grade it is talk (session 11:
    25 such Spanish tweets were offers at 0.78-0.93)."""
    features = scanner.extractor.extract(text).features
    assert not features.get("catalogue")
    assert not features.get("qty")  # a told amount is no quantity on offer either (session 12)
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    "text",
    ["10 gramos de cocaína, envíos a todo el país", "3.5g of Ghost Train Haze, free NDD",
     "28 Grams Of Pineapple Trainwreck A+++", "1g cocaína"],
)
def test_an_amount_of_a_drug_with_a_sale_word_or_a_grade_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Restock alert: xanax bars and percs, dm", True),
        ("Drop alert 🚨 percs and xanax bars in stock, delivery", True),
        ("Health alert: fentanyl found in fake xanax bars", False),
        ("Drug alert issued after overdoses linked to counterfeit oxycodone", False),
    ],
)
def test_a_shop_s_alert_is_a_commerce_word_a_health_alert_is_news(scanner: Scanner, text: str, offer: bool) -> None:
    """"Restock alert", "flavor alert", "drop alert" announce a shop's stock (session 15): the reporting word
    "alert" inside them is the shop's, as "seized" is in a vendor's "reship if seized"."""
    assert_offer(scanner, text, offer=offer)
    v = scanner.scan_item(Item(text=text), 0)
    news = any(e.signal == "intent:news" and e.text.lower() == "alert" for e in v.evidence)
    assert news is not offer

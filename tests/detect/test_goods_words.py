"""Everyday goods (detect/data/goods_words.tsv, session 13): a text that names a product category of a general
marketplace (a tray, a tea set, a roofing sealant, washer parts) sells or shows that product, so its ordinary-word
slang and everyday slang phrases are the everyday thing, in a listing or not. A drug's name, slang that is no
everyday word, and a word weighed at a dealer's amount keep counting. Titles written for this test."""

from __future__ import annotations

import csv
from importlib import resources

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner
from narcotrace.detect._goods import load_goods_words
from narcotrace.text import normalize


def _rows() -> list[dict[str, str]]:
    text = resources.files("narcotrace.detect").joinpath("data/goods_words.tsv").read_text(encoding="utf-8")
    return list(csv.DictReader([ln for ln in text.splitlines() if ln and not ln.startswith("#")], delimiter="\t"))


def test_every_row_has_a_term_a_language_and_a_source_and_no_term_twice() -> None:
    rows = _rows()
    assert len(rows) > 300
    seen: set[str] = set()
    for r in rows:
        assert r["term"].strip() and r["lang"] in {"en", "es", "pt", "de", "fr", "it", "pl", "ru", "ar", "fa", "tr"} and r["source"].strip(), r
        key = normalize(r["term"]).text
        assert key not in seen, r["term"]
        seen.add(key)
    words, phrases = load_goods_words()
    assert "tray" in words and ("set",) in phrases["tea"] and ("à", "main") in phrases["sac"]


def test_no_goods_word_is_a_word_dark_markets_sell_drugs_by_or_a_verb_or_a_time() -> None:
    # found in Torrez titles: pasta (base), milk, cereal, eggs, bicycle (day), plate (hash), tea, candy, bag, jar;
    # verbs and times: "saw your post", "bis 22 Uhr", "bolsa de 5" (a bag of the drug)
    words, _ = load_goods_words()
    assert not words & {"pasta", "milk", "cereal", "eggs", "bicycle", "plate", "tea", "candy", "bag", "jar", "bottle",
                        "saw", "drill", "monitor", "frame", "uhr", "bolsa", "robe"}


EVERYDAY = [
    "Ice Cube Tray Silicone 2 Pack",
    "Blue Dream Tapestry Wall Hanging",
    "China White Porcelain Tea Set",
    "Black Tar Roofing Sealant 5 gallon",
    "Speed Queen Washer Parts",
    "Crack Filler Concrete 10oz",
    "Grass Fed Beef Ground 1lb",
    "Lámpara de cristal 2kg",  # Spanish: crystal lamp
    "Taza Nieve Blanca 350ml",  # a "white snow" mug
    "Reifen Schnee 2kg",
    "Coca-Cola classic 24 pack",  # the DEA lists "Coca-Cola" as cocaine slang (session 16: an offer at 0.97)
    "Herbal tea blend 100g organic",  # "tea" is cannabis slang (0.89); "green tea" and "tea bag" are meth stamps
    # goods sold by the ounce themselves keep their reading at a dealer's weight (session 23: 0.97)
    "Silver Bullion 1 oz Coin - Maple Leaf",
    "Rose Quartz 500g tumbled stones",
    "Grass seed 5kg lawn mix",
    # saffron, fine tea and jewellery are sold by the gram (session 24: offers at 0.96-0.99 as listings)
    "Premium Spanish Saffron 2 grams $18 free shipping",
    "Azafrán en hebras 1 g 6€",
    "Oolong tea sample 25 grams $8",
    "Organic Matcha Green Tea Powder 30 grams $12",
    "Sterling silver chain 5 grams $40",
    # session 24 probe of marketplace listings: offers at 0.92-0.97
    "Meteorite Fragment 5 grams Certificate",
    "Loose Leaf Earl Grey Tea 250g",
    "Ice Melt Pet Safe 20 lb Bag Calcium Chloride",
]


@pytest.mark.parametrize("text", EVERYDAY)
def test_a_listing_of_everyday_goods_is_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing", offer=False)


@pytest.mark.parametrize(
    "text",
    ["Cocaine 5g, free grinder and tray", "Crystal 3.5g with a free tray", "WELCO TRAY OUT 10 GRAM CLASSIC CHERRY SPEED",
     "Blue Dream 1/8, free tray, wickr"],  # a freebie with the order is no product on sale
)
def test_a_drug_name_or_a_dealers_weight_beside_a_goods_word_still_counts(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing")


@pytest.mark.parametrize(
    "text",
    [
        "Tina 1g $60, clear as quartz, tele @ice_man",
        "Snow 1g $80, coins accepted (btc, xmr), tele",
        "Coke £80 a g, payment in sterling, wickr me",  # sterling alone is the pound; "sterling silver" is goods
    ],
)
def test_a_coin_or_a_mineral_beside_a_sellers_contact_keeps_the_street_name(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


def test_a_dark_markets_tool_keeps_the_street_names_beside_a_goods_word(scanner: Scanner) -> None:
    assert_offer(scanner, "Snow and molly, free shipping, wickr: snowman22, ask for the tray")
    assert_offer(scanner, "Snow and molly, free shipping, telegram snowman22, ask for the tray", offer=False)


@pytest.mark.parametrize(
    "text",
    ["Schnee und Gras, Lieferung bis 22 Uhr, Telegram", "Tengo mota y perico, entregas a domicilio, DM, bolsa de 5"],
)
def test_words_that_are_no_goods_here_leave_a_dealers_list_alone(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


# Session 20: YSL's Opium and Black Opium are perfumes ("YSL Black Opium EDP 90ml $120, free shipping" was an offer at
# 0.99); opium weighed, beside a dark market's tool, or another drug beside the word "perfume" still counts.
@pytest.mark.parametrize(
    "text",
    ["YSL Black Opium EDP 90ml $120, free shipping", "Nước hoa Opium YSL chính hãng 2.500.000đ, freeship",
     "Black Opium perfume 50ml for sale, dm", "Opium YSL 2.500.000 đồng, giao hàng miễn phí",
     "YSL Black Opium EDP 3 oz $120", "Saint Laurent Black Opium 90ml", "Black Opium 90ml $120"],  # fluid ounces
)
def test_a_perfume_named_opium_is_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    "text",
    ["Afghan opium 10g $150, smells like perfume, telegram @x", "Opium 10g $200, wickr me, vendor",
     "Selling heroin, smells like perfume lol, dm", "Afghan opium, strong perfume smell, $150 per tola, wickr",
     "Opium delivery in Cologne, 40€ per ball, telegram"],  # a smell, a city
)
def test_opium_weighed_or_another_drug_beside_perfume_stays_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


def test_a_goods_word_inside_a_handle_is_no_goods(scanner: Scanner) -> None:
    # "@chain_plug" holds "chain" (session 24 review: discussion at 0.125)
    assert_offer(scanner, "Ice 3.5g $120, crystal clear, tele @chain_plug")

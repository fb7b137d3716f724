"""Listings of a general marketplace (kind=listing) whose titles hold words that are also drug slang. Texts
written for this test. A marketplace prices every listing, so a price, a count of pieces or a size says nothing
about an ordinary word ("Crystal vase $25"); a weight or a dose does ("crystal 3.5g $60"). A count glued to a
drug's name ("10xLSD") is a count, not part of another word."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner
from narcotrace.indicators import extract_prices

EVERYDAY = [
    "Chocolate bars assorted 12 pack $15",
    "Crystal vase hand cut $25",
    "Snow boots size 9 $40",
    "Cast iron pot 5 qt $35",
    "Glass pipe cleaner brushes 100 pcs $6",
    "Candy variety box $20",
    "Cheese grater stainless $11",
    "Speed rope jump rope $10",
    "Gold bar pendant $45",
    "Sugar scrub body $13",
]




@pytest.mark.parametrize(
    "text", ["crystal 3.5g $60", "MOROCCAN HASH 10g", "Raw Distillate 250 ml", "Amnesia Haze", "10xLSD 300ug",
             "5xMDMA 200mg", "FREE NDD10 xLSD 300ug"]
)
def test_a_weighed_or_dosed_or_named_drug_listing_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing")


# Sold by weight at the price of food: a weight says nothing of an ordinary word when the price per gram is below
# any drug's (_prices.MIN_DRUG_PRICE_PER_GRAM), in a listing or a catalogue line.
GROCERIES = [
    "Coffee beans 1kg $20",
    "Beans coffee 2 lb $14",
    "Cheese and chocolate gift box 500g $15",
    "Snow peas frozen 1kg for sale, 4.50 EUR",
    "Grass seed 10 lb $35",
    "Brown sugar 1 kg, £2",
]


@pytest.mark.parametrize("text", GROCERIES)
@pytest.mark.parametrize("kind", ["listing", None])
def test_a_weighed_everyday_thing_at_the_price_of_food_is_no_offer(scanner: Scanner, text: str, kind: str) -> None:
    assert_offer(scanner, text, offer=False, kind=kind)


@pytest.mark.parametrize(
    "text",
    ["ice 1g $40 dm", "molly 1g $60 text me", "crystal 28g $900", "Snow 1 oz for sale $700", "Beans 100 pills $150",
     # a dot groups thousands in most of Europe: 1,500 euros a kilo, not 1.5 (session 12: it was bread's price)
     "Amnesia Haze 1kg 1.500€"],
)
def test_a_drug_priced_like_a_drug_is_still_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing")


# Slang phrases made of everyday words, in a listing priced or counted like any marketplace's: the everyday thing
# unless the listing weighs or doses it (of 30 such titles written to check this, 25 were offers before).
EVERYDAY_PHRASES = [
    "China white porcelain dinner set $60",
    "Gold dust glitter 10 pack $6",
    "Pink panther plush toy $12",
    "Black tar driveway sealer 5 gallons $40",
    "Blue cheese dressing 3 pack $7",
    "Moon rock garden stones set of 6 $25",
    "Rock candy sticks 24 pack $16",
    "Magic mushroom lamp night light $20",
]


@pytest.mark.parametrize("text", EVERYDAY + EVERYDAY_PHRASES)
def test_a_priced_everyday_listing_is_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False, kind="listing")


@pytest.mark.parametrize(
    "text", ["China White 10g", "China white 100 pills $300", "MAGIC MUSHROOM", "MOON ROCKS", "10x 2-CB Pills 20mg"]
)
def test_a_weighed_dosed_or_bare_slang_phrase_listing_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing")


def test_a_count_before_a_weight_is_the_weight() -> None:
    (p,) = extract_prices("Raw Opum x 5 Grams")
    assert (p.unit, p.count) == ("g", 5.0)
    (p,) = extract_prices("ECA Stack x 50 Tablets")
    assert (p.unit, p.count) == ("pill", 50.0)
    assert [(p.unit, p.count) for p in extract_prices("Strong HQ 1 x 300ug")] == [("x", 1.0), ("mcg", 300.0)]


@pytest.mark.parametrize("text", ["Gelato 41 zips $180, Runtz QPs $600, tap in", "Gelato 41 zips $180, tap in"])
def test_a_number_that_ends_a_strains_name_counts_nothing(scanner: Scanner, text: str) -> None:
    """Session 21: "41 zips $180" read as 41 ounces made $0.16 a gram, the price of groceries, and every strain of
    the line an everyday word (0.07). The 41 is Gelato 41's; "Coffee beans 1kg $20" stays groceries."""
    assert "cannabis" in scanner.extractor.extract(text).substances
    assert_offer(scanner, text)


def test_a_glued_count_does_not_cut_other_words(scanner: Scanner) -> None:
    assert not scanner.extractor.extract("3xl hoodie, 2xlarge shirts").substances


@pytest.mark.parametrize(
    "text",
    [
        "Critical 10g indoor",
        "Watermelon 3.5g HQ NDD UK2UK",
        "28g Omega Dawg AAA++ - UK",
        # cultivars named by a rarer English word (Kushy: Gelato, Mimosa), everyday words since session 10
        "14g Gelato greenhouse",
        "MIMOSA A+++ 7G",
    ],
)
def test_a_cultivar_named_by_an_everyday_word_counts_in_a_weighed_listing(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing")


def test_a_cultivar_named_by_an_everyday_word_is_no_drug_word_in_a_post(scanner: Scanner) -> None:
    """"Cash" and "Critical" are cultivar names too; in a post they stay the everyday words (no evidence noise)."""
    sig = scanner.extractor.extract("Percs $10 each, cash only, critical situation, text me")
    assert "cannabis" not in sig.substances
    assert_offer(scanner, "Watermelon 3.5g", offer=False)
    for text in ("Gelato and mimosas on the terrace, DM to book a table", "Fresh gelato 500g tub, order now"):
        assert "cannabis" not in scanner.extractor.extract(text).substances


@pytest.mark.parametrize("kind", [None, "listing"])
@pytest.mark.parametrize(
    "text",
    ["Collagen gummies 500mg, 90 count, $12.99", "Fish oil 1000mg softgels, 200 ct, $19.99",
     "Probiotic gummies, 60 ct, $24.99, free shipping", "Vitamin E oil 30ml, $8"],
)
def test_a_dietary_supplement_names_no_drug(scanner: Scanner, text: str, kind: str | None) -> None:
    """Supplements are everyday goods (goods_words.tsv, session 22): "gummies" (cannabis) and "fish" (cocaine) beside
    them are the supplement, in a post and in a marketplace listing. ("Vitamin" is left out: dealers write it of
    their cut, "not stepped on with vitamin B".)"""
    v = assert_offer(scanner, text, offer=False, kind=kind)
    assert not v.substances and not [e for e in v.evidence if e.signal.startswith("slang:")]


@pytest.mark.parametrize(
    "text",
    ["Coffee beans 1kg, free shipping, order today", "Cheese 500g, free shipping",
     "Full spectrum vitamin D 1000mg, free shipping"],
)
def test_a_weighed_everyday_word_with_sale_words_is_no_offer_in_a_post(scanner: Scanner, text: str) -> None:
    """Outside a listing, an ordinary word that a short line weighs is shown to the reviewer and scores nothing:
    "coffee" (heroin), "cheese" (heroin), "spectrum" (2C-B) are slang words of the lexicons."""
    v = assert_offer(scanner, text, offer=False)
    slang = [e for e in v.evidence if e.signal.startswith("slang:")]
    assert slang and all(e.weight == 0.0 for e in slang)


@pytest.mark.parametrize(
    "text",
    ["Digital scale 0.01g jewelry $12", "Digital pocket scale 0.001g precision, 50g capacity",
     "Crystal beads 0.02g each, 100 pcs $8"],
)
def test_a_scale_and_a_precision_are_no_amounts_for_sale(scanner: Scanner, text: str) -> None:
    """Scales are listed with their capacity and precision in grams ("scale" is also a DEA code word for cocaine,
    left out of the KB); a weight under a tenth of a gram is a precision, not an amount sold."""
    assert_offer(scanner, text, kind="listing", offer=False)



@pytest.mark.parametrize(
    "text",
    ["28g Skywalker OG AAA++ - UK", "Cookies AAA+ 3.5g", "1gr Power Flower AAA+++", "Wedding Cake 14g",
     "Blue Dream 3.5g", "7g Lemon Haze - UK"],
)
def test_a_cultivar_weighed_at_retail_is_an_offer_without_a_kind(scanner: Scanner, text: str) -> None:
    """Weighed at a dealer's amount (up to an ounce), a cultivar named by several everyday words, or a cannabis word
    graded on the growers' A-AAAA+ scale, names the drug in a dark-web title posted anywhere (session 11: these
    were evidence only, like "Coffee beans 1kg"); "Cookies 3.5g" without the grade stays the everyday word."""
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    ["Jasmine tea AAAA 100g", "Sunflower seeds AAA 1kg", "Grass seed AAA+ 10kg", "Wedding cake AAA 2kg",
     "Cookies 3.5g", "AAA batteries 24 pack $12", "Wedding cake 2kg, order today", "Chocolate bar 25g",
     "Vanilla beans 10g", "Saffron 1g pure, free shipping"],
)
def test_groceries_graded_or_weighed_small_and_batteries_are_no_offer(scanner: Scanner, text: str) -> None:
    """Groceries are graded too, but weighed by the packet; one everyday word weighed small stays that word; "AAA"
    is also a battery size."""
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    ("text", "cue"),
    [("Cocaine 1g, NDD", "NDD"), ("Cocaine 1g UK2UK", "UK2UK"), ("cocaine 1g free post", "free post"),
     ("cocaine 1g EU-WW", "EU-WW"), ("cocaine 1g WW shipping", "WW shipping")],
)
def test_sellers_shipping_abbreviations_are_shipping_cues(scanner: Scanner, text: str, cue: str) -> None:
    """UK and EU sellers abbreviate: NDD (next day delivery), UK2UK, WW (worldwide), free post."""
    hits = {(h.signal, text[h.start:h.end]) for h in scanner.extractor.extract(text).hits}
    assert ("intent:shipping", cue) in hits


@pytest.mark.parametrize("kind", [None, "listing"])
@pytest.mark.parametrize(
    "text", ["[PROMO] EU-WW 100x 200ug THE HOLY FAMILY", "25x Super Hofmann 300ug Worldwide Shipping",
             "100 x drops 10ug Microdose Vial"],
)
def test_units_counted_at_a_microgram_dose_are_a_blotter_offer(scanner: Scanner, text: str, kind: str | None) -> None:
    """LSD is sold by the microgram: a count of hits at a "ug" dose with nothing named is a blotter listing named
    by its artwork (session 11: these were none at 0.05-0.08)."""
    v = assert_offer(scanner, text, kind=kind)
    assert "dose:lsd" in {e.signal for e in v.evidence}


@pytest.mark.parametrize(
    "text",
    ["Vitamin D3 25µg x 120", "B12 500ug 60x", "Selenium 200µg 60 tabs", "Tiromel T3 25mcg x 30",
     "Folic acid 400ug, 90 tablets", "Salbutamol inhaler 100ug x 200 doses", "Microbalance readability 1ug, capacity 5g, 1x",
     "Chromium picolinate 200ug x 100", "Molybdenum 150ug x 90"],
)
def test_supplements_medicines_and_mcg_doses_are_no_blotter(scanner: Scanner, text: str) -> None:
    """Supplements and medicines are dosed in micrograms too: they name themselves or write "mcg"."""
    assert "dose:lsd" not in {h.signal for h in scanner.extractor.extract(text, kind="listing").hits}


@pytest.mark.parametrize("text", ["HQ SPEED PASTE (83%)", "Uncut Speed Paste AAA+++ Premium", "Sulph 28g, NDD"])
def test_amphetamine_paste_is_named(scanner: Scanner, text: str) -> None:
    """"Paste", "whizz" and "sulph" are amphetamine's street names (unity.nl, drugfacts.org.uk; session 11: the
    titles were none, "paste" only the DEA's cocaine reading)."""
    v = assert_offer(scanner, text, kind="listing")
    assert "amphetamine" in {s.name for s in v.substances}


@pytest.mark.parametrize(
    "text",
    [
        # Session 21 (a reviewer's marketplace lines; offers at 0.82 as listings): a textbook and an antique bottle
        "Pharmacology textbook, 9th ed, covers opioids and benzodiazepines",
        'Antique apothecary bottle "Laudanum" amber glass with label',
    ],
)
def test_a_book_or_an_antique_that_names_a_drug_is_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False, kind="listing")


@pytest.mark.parametrize(
    "text",
    [
        "Ice 1g $100, pure, not stepped on with softgels, snap me",
        "Ice 1g $100, looks like fish oil, snap me",
        "Tina 1g $100, uncut, no collagen or msm, hmu",
        "Ice 1g $100, better than your tray, snap me",
    ],
)
def test_goods_set_against_the_offer_do_not_make_it_goods(scanner: Scanner, text: str) -> None:
    """A goods word after "not", "no", "than", "like", "cut" ... (three words at most) is the dealer's comparison or
    cut, not the product (a review of session 22)."""
    assert_offer(scanner, text)

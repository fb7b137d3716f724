"""Street names priced as a dealer prices them (session 18): a pill's street name with its price by the piece ("blues
$25 each", "10 for 200"), a powder's at a street price per gram ("coke $80 a g"). Lines written for this test and
by three reviews; scanned with the shipped model."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner
from narcotrace.detect._street_names import _priced_counts, _tiers
from narcotrace.indicators.prices import extract_prices


@pytest.mark.parametrize(
    ("text", "substance"),
    [
        ("pressed blues $25 each or 100 for $1500", "counterfeit oxycodone m30"),  # two prices, no other cue
        ("bro i got them blues, 10 for 200, cashapp", "counterfeit oxycodone m30"),
        ("percs $25 each, venmo or cashapp", "oxycodone"),
        ("lean $100 a pint, cashapp only", "codeine"),
        ("molly caps $15 each or 4 for $50", "mdma"),
        ("coke $80 a g, cash only", "cocaine"),  # a street price per gram and one cue
        ("ice 1g $80, text me", "methamphetamine"),
        ("molly 1g $60, caps $15, hmu", "mdma"),  # molly by the gram and by the cap
        ("blues $25 a pill, dm me", "counterfeit oxycodone m30"),  # a piece's unit read by extract_prices
        ("got blues $25 each, cashapp", "counterfeit oxycodone m30"),
        # the second review's misses: no currency, an emoji or a dot between, beside a drug's name, "got that"
        ("yeah i got blues, 20 each, how many u want", "counterfeit oxycodone m30"),
        ("blues 20 a pop, hmu", "counterfeit oxycodone m30"),
        ("blues 💊 $25 each, cashapp", "counterfeit oxycodone m30"),
        ("Blues. $25 each. Cashapp", "counterfeit oxycodone m30"),
        ("Roxies 30 blues $20 ea, zelle", "counterfeit oxycodone m30"),
        # the third review's: the seller's own terms priced too, a heading, "each" before a cue
        ("Blues $25 each, 10 for $200, shipping $10", "counterfeit oxycodone m30"),
        ("Blues $25 each, min order $100, cashapp", "counterfeit oxycodone m30"),
        ("New drop: blues $25 each, 10 for $200, cashapp", "counterfeit oxycodone m30"),
        ("Blues $25 each text me", "counterfeit oxycodone m30"),
        ("got that molly $20 a cap, hmu", "mdma"),
        ("trees 3.5g $35, cashapp", "cannabis"),
        ("blues 2 for 35, hmu", "counterfeit oxycodone m30"),
    ],
)
def test_a_street_name_with_its_own_price_is_the_drug(scanner: Scanner, text: str, substance: str) -> None:
    v = assert_offer(scanner, text)
    assert substance in {s.name for s in v.substances}, v.substances


def test_a_medicines_reading_of_the_word_is_not_promoted(scanner: Scanner) -> None:
    # RedMed also lists "molly" under montelukast; the price names the street drug, not the asthma medicine.
    sig = scanner.extractor.extract("molly caps $15 each, hit me up")
    assert sig.substances.get("mdma") is True
    assert not sig.substances.get("montelukast")


@pytest.mark.parametrize(
    "text",
    [
        "iced coffee $5 each, venmo accepted at the stand",  # a word of another noun ("coffee" is heroin slang)
        "blues festival tickets $25 each, venmo",  # the price is the tickets'
        "concert tickets $80 each, zelle or venmo",
        "Cookies $3 each, dm to order",  # cannabis is weighed; cookies by the piece are cookies
        "Herkimer diamond crystal 1.2g $18, shipping, dm",
        "Rare blue quartz crystal 3g $45, free shipping, dm to order",
        "blues are killing kids in our county, $20 a pill on the street, warns sheriff",
        "percs used to be $10 a pop when i was using, now 3 years clean",
        "my dealer charges $80 a g for coke, that's insane",
        "@LUISAM66046504 @raplave Habría mas coca y marihuana...",  # a handle's digits hold no "4 for" tier
        # The review's shop lines: street names of the KB's long lists that are goods by the piece or the gram
        "Tutus $15 each, made to order, dm to order",
        "Goats $150 each, pickup only, text me",
        "Chocolate bars $3 each, fundraiser, cash only",
        "Fresh blueberries $4 a pint, cash or venmo at the farm stand",
        "Lollipops $2 each, 6 for $10, perfect party favors",  # "lollipops" was a strong fentanyl synonym
        "Crystals 10g $120, shipping available",
        "Musk 1g $25, natural, paypal",
        "Bars $3 each, granola and oat, cash only",  # under a street price of one piece
        # "each" before a word, tiers of years, phone menus; lawful speech and questions around a priced drug
        "My oxycodone copay is $25 each month with insurance",
        "cocaine 2 for 20 years, that's what my uncle got",
        "Press 2 for 911 emergencies, weed questions press 3",
        (
            "Reminder from the harm reduction van: percs $10 each on the street are almost always fentanyl. Test your "
            "pills. Narcan is free."
        ),
        "percs $30 each now?? insane, used to be $10",
        # The second review's lists of everyday goods: another item priced, a heading, a price above the name's
        "Vinyl clearance: blues $10 each, jazz $12 each, soul $8 each, shipping available",
        "Stadium seats: blues $25 each, reds $40 each, venmo",
        "Bake sale today: brownies $3, bars $6 each, cash only",
        "Olympic lifting gear, bars $180 each or 2 for $300, local pickup",
        "Fresh beans $16 each, 3 for $45, we ship nationwide",
        "Street prices in Ohio: blues $30 each, bars $5 each, per the task force",
        "Kittens for adoption: Molly $150 each, venmo deposit",
        "Homemade granola: bars $5 each, 6 for $25, venmo me",
        "Vinyl 78s: thirties $25 each, forties $20 each, shipping available",
        # Tiers of medicines paid at a pharmacy, and of other things beside a drug word
        "Percocet 10 for $40 with my copay, pharmacy was quick today",
        "Tacos 3 for $10 tonight! weed-friendly patio, cash only",
        # The third review's: pharmacy tiers after a drug's own name, reports, goods named after the price
        "Adderall 30 for $90 at Walgreens, insane",
        "Oxycodone 60 for $150 at Walgreens, no discount, ridiculous",
        "Street value: blues $25 each, 10 for $200, investigators said",
        "Bars $8 each, 4 for $30, homemade, dm to order",
        "Beans $12 each, 2 for $20, single origin, venmo",
        "Ice $40 a gram, 14k gold chains, shipping",
    ],
)
def test_prices_of_other_things_or_in_talk_make_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("$25 each", (0, 1)),  # a price of one piece is a count
        ("$15 a pop", (0, 1)),
        ("20 each", (0, 1)),  # without a currency
        ("$25", (0, 0)),
        ("10 for 200", (1, 1)),  # a tier is a count and a price
        ("2 for $50", (0, 1)),  # its total was read as money already
        ("2 for 1", (0, 0)),  # a deal, not a price
        ("$25 each month", (0, 0)),  # "each" before a word other than "or", "and", "for"
        ("$25 each or 100 for $1500", (0, 1)),  # the tier is not right after the name
        ("2 for 20 years", (0, 0)),  # a time or a unit after the total
        ("30 for 31", (0, 0)),  # a score: the total under twice the count
        ("$25 a pill", (0, 0)),  # extract_prices reads its unit: a quantity already
        ("and tacos 3 for $10", (0, 0)),  # another thing's price
    ],
)
def test_priced_counts_of_the_street_name(text: str, counts: tuple[int, int]) -> None:
    full = "blues " + text
    assert _priced_counts(full, extract_prices(full), {5}) == counts


@pytest.mark.parametrize(
    ("text", "tiers"),
    [
        ("@LUISAM66046504 10 for 200", ["10 for 200"]),  # the handle's digits are no count
        ("press 2 for 911", []),  # a phone menu
        ("call 0800 4 2000", []),
        ("blues 5 for 100 or 10 for 180", ["5 for 100", "10 for 180"]),
        ("bars 2 for 10mg", []),
    ],
)
def test_tiers(text: str, tiers: list[str]) -> None:
    assert [m.group() for m in _tiers(text)] == tiers

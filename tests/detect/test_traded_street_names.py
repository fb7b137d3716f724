"""An ordinary-word street name that a sale or buying word trades, in an item that says how the deal is done, is the
drug ("selling coke, dm me", "busco 2 gramos de perico, pago en efectivo"), and a buyer's is asked for; a name that goes on into another noun,
a good shops trade every day, or a trade with nothing said of the deal stays the everyday word (session 23: all of
these were none). Texts written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner


@pytest.mark.parametrize(
    "text",
    [
        "selling coke, dm me",
        "coke for sale, hit me up on telegram",
        "Vendo perico, entregas en Medellín",
        "Verkaufe Koks, Lieferung in Berlin",
        "selling that good molly tonight, cashapp only",
        "Selling Tina, 1g $120, Telegram",  # a given name right after the sale word is the drug (second review)
    ],
)
def test_a_street_name_a_seller_trades_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "how much for a g of coke? can pay in btc",
        "anyone know where to get molly in Chicago? Will venmo",
        "busco 2 gramos de perico",
        "Suche Koks in Hamburg für heute Abend, kann per PayPal zahlen",
        # the buyer's own contact and meeting words make no offer
        "¿Alguien tiene mota y perico? mándame DM, entregas",
        "yo u still got blues? need like 20, can meet at the usual spot",
    ],
)
def test_a_street_name_a_buyer_seeks_with_a_deal_cue_is_a_solicitation(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label == "solicit", (text, v.label, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    "text",
    [
        "selling molly",  # nothing said of the deal
        "selling coke zero, dm",  # the name goes on into another noun
        "selling snow tires, call 555-1234",
        "Verkaufe Schnee-Fräse Honda, 350 €, Abholung in München. Bei Interesse PN.",  # a compound
        "Ice for sale, delivery available, call 555-1234",  # goods shops sell every day
        "Vendo hielo en bolsa de 5 kg a 30 pesos, entrega a domicilio. Manda WhatsApp.",
        "Selling 2 tickets for Molly Tuttle at the Fillmore, $60 each. DM me.",  # "tickets" is LSD slang too
        # names outside priced_names.tsv are classifieds' goods (session 23 review: offers at 0.95-1.00)
        "Turkey for sale, fresh for Thanksgiving, pickup Saturday, call 555-0199",
        "Selling eggs, $5 a dozen, venmo",
        "Vendo caballo, 5 años, manso, whatsapp",
        "Verkaufe Teile für Golf 4, Versand möglich, PN",
        "Selling Coke, 24 pack for $10, pickup only",  # the soft drink's pack
        "who's got coke? we ran out of mixers, can pick up",
        "looking for Tina from high school, dm me",  # a given name written as one
        "Looking for Charlie, my cat, lost near 5th street, text me",
        "Got some fire beats for sale $30 lease, DM on IG to buy",  # not opening its clause before the sale word
        "Where can I get coke? so thirsty",
    ],
)
def test_an_everyday_word_without_a_deal_stays_the_everyday_word(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label not in ("offer", "solicit"), (text, v.label, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    "text", ["#c0keforsale £80 g tele", "#mdmaforsale £40/g tele", "#methforsale dm", "Coke for sale, text me"]
)
def test_a_short_name_run_together_with_sale_words_in_a_hashtag_is_read(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


def test_a_hashtag_of_a_short_name_and_other_words_holds_no_drug(scanner: Scanner) -> None:
    for text in ("#cokebottleforsale dm me", "#airdrop #buynow", "#weedforsaleberlin today"):
        assert not scanner.scan_item(Item(text=text)).substances, text


def test_lawful_speech_keeps_a_traded_name_ordinary(scanner: Scanner) -> None:
    assert_offer(scanner, "Police warn: people selling coke on telegram, stay safe and report them", offer=False)


def test_the_rules_exceptions_name_only_street_names_it_reads(scanner: Scanner) -> None:
    # The rule reads the names of priced_names.tsv only: an exception outside them would be dead.
    from narcotrace.detect._street_names import _GIVEN_NAMES, _TRADED_GOODS

    names = set(scanner.extractor.priced_names)
    assert names >= _TRADED_GOODS | _GIVEN_NAMES, (_TRADED_GOODS | _GIVEN_NAMES) - names


# Session 24: a street name sold by the gram, weighed at a dealer's amount right beside it, with a way to get it, is
# the drug (Torrez titles posted without a kind were talk at 0.03).
@pytest.mark.parametrize(
    "text",
    [
        "★ 4G COLOMBIAN COKE ★ | FREE UK-UK NEXT D",
        "4g colombian coke, free next day delivery",
        "1g of pure molly, cashapp only",
        "Perico 5g - envío a toda España",
    ],
)
def test_a_street_name_weighed_at_a_dealers_amount_with_a_deal_cue_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "Tina 3g earrings, free shipping, dm",  # the weight weighs its own noun
        "Snow 10g bags of fake snow for crafts, free shipping",
        "Molly 7g gold necklace, dm for price",
        "blow 5g of glitter, free shipping",
        "need 4g coke tonight, dm me",  # a buyer names the amount he wants
        # buyers' words that are no buyer's cue (review of session 24)
        "lemme get 3.5g snow, cashapp ready, dm",
        "buying 3.5g coke tonight in leeds, paying cash, dm me",
        "ISO 3.5g coke near downtown, venmo ready, dm",
        "hmu if u got 1g coke, cashapp",
        "I bought 4g colombian coke from a guy on telegram",  # a user's story
        "Coke 330ml 24 cans, free delivery",  # no weight: the soft drink
    ],
)
def test_a_weight_of_another_noun_or_a_buyers_amount_is_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)

"""A dealer's list of goods by their street names alone, every name an everyday word ("mota y perico", "Gras und
Koks"), with sale words: an offer (session 12; these were none); a slang phrase of everyday words alone, or a product
free of a drug, is none. Texts written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner


@pytest.mark.parametrize(
    "text",
    [
        "Tengo mota y perico, entregas en CDMX, mándame DM",
        "J'ai de la coke et de la MD, livraison 7j/7, contact snap",
        "Verkaufe Gras, Haze und Koks, Lieferung in ganz Berlin, Telegram",
    ],
)
def test_a_list_of_street_names_with_sale_words_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "Snow boots for sale, DM me",  # one everyday word
        "Selling snow boots and ice skates, delivery available, DM me",  # each word goes on into another
        "For sale: ice, snow shovels, salt. Delivery, call me",  # listed among other goods
        # a quality word ends no item: foods are sold "de calidad" (session 21 tried it and a review found this)
        "Vendo café y chocolate de calidad, entregas a domicilio, WhatsApp",
        "Selling ice and salt for your driveway, delivery, call me",
        "Fresh mint and crypto, $20 each, telegram @shop",  # "crypto" is the listed word and no second sale cue
        "Selling ice cream, snow cones, candy, free delivery, call us",  # phrases of everyday words (was 0.95)
        "Tengo mota y perico",  # no sale words
        "¿Alguien tiene mota y perico? mándame DM, entregas",  # a buyer's question ("alguien tiene")
        "Mota y perico: la policía decomisó 2 toneladas, entregas vigiladas, DM",  # news
    ],
)
def test_everyday_words_are_no_list_of_goods(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    "text",
    [
        "Brown sugar and flour, bulk prices, wholesale, whatsapp",  # a slang phrase of everyday words (session 12)
        "Crystal glasses set for sale, shipping available, message me",
        "Kratom-free herbal capsules, vegan, shipping worldwide",  # a product without the drug
        "THC-free CBD oil for sale, shipping",
    ],
)
def test_everyday_phrases_and_products_free_of_a_drug_are_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize("text", ["China White 1g", "Brown sugar heroin 1g, ships EU, wickr me"])
def test_a_phrase_still_counts_in_a_listing_or_beside_a_drug_name(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing" if "wickr" not in text else None)


def test_everyday_words_beside_a_dark_markets_tool_are_street_names(scanner: Scanner) -> None:
    """A Wickr, Threema or Session handle, an onion site, a Monero wallet or a PGP key is a dark market's tool: the
    everyday words beside it are the drug's ("china white" is everyday words since session 12)."""
    assert_offer(scanner, "Fetty and china white, best prices, wickr: dopeking99, payment in XMR or BTC, stealth "
                          "shipping worldwide, DM for the full menu, samples for vendors")


@pytest.mark.parametrize(
    "text",
    [
        # a shop that names its goods (goods_words.tsv, session 15): its street names are everyday words
        "Sugar, flour, salt wholesale, delivery, whatsapp",
        "Crystal, glass and china sets, free shipping, contact us",
        "Pet shop: hay, grass, treats, delivery, whatsapp",
        "Florist: roses, buds, stems, same day delivery, text us",
    ],
)
def test_shops_lists_are_no_street_names(scanner: Scanner, text: str) -> None:
    """Each was a list of two drugs' street names with two kinds of sale cue, an offer at 0.91-0.92."""
    assert_offer(scanner, text, offer=False)

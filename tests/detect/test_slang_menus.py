"""A dealer's list of goods by their street names alone, every name an everyday word ("mota y perico", "Gras und
Koks"), with sale words: an offer (session 12; these were none). Texts written for this test."""

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
        "Selling ice and salt for your driveway, delivery, call me",
        "Fresh mint and crypto, $20 each, telegram @shop",  # "crypto" is the listed word and no second sale cue
        "Tengo mota y perico",  # no sale words
        "¿Alguien tiene mota y perico? mándame DM, entregas",  # a buyer's question ("alguien tiene")
        "Mota y perico: la policía decomisó 2 toneladas, entregas vigiladas, DM",  # news
    ],
)
def test_everyday_words_are_no_list_of_goods(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)

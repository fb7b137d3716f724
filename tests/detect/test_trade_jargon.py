"""Delivery words only the drug trade uses (detect/data/trade_jargon.tsv, session 10): beside one, an ordinary
word that is also drug slang names the drug. Texts written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner
from narcotrace.detect._street_names import load_trade_jargon
from narcotrace.detect.signals import load_intent_terms
from narcotrace.text import normalize


def test_every_jargon_word_is_an_intent_cue() -> None:
    cues = {normalize(t).text for t, _s, _lang, _src in load_intent_terms()}
    jargon = load_trade_jargon()
    assert jargon and jargon <= cues


@pytest.mark.parametrize(
    "text",
    ["Соль, шишки - закладки по городу, телеграм @x",  # salt, cones: dead drops around town (was none at 0.01)
     "野菜 手押し 即日 テレグラム @yasai"],  # vegetables, hand delivery, same day (was none at 0.03)
)
def test_slang_in_ordinary_words_beside_trade_jargon_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    ["Рецепт: соль, перец. Добавить в закладки",  # "bookmarks" is no jargon
     "野菜の手押し車、農家の朝",  # a wheelbarrow of vegetables
     "Соль и шишки: закладки по городу нашли полицейские"],  # news
)
def test_the_same_words_elsewhere_are_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)

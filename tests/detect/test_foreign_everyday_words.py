"""English street slang that is another language's everyday word (session 13).

The DEA's lists give "hay" for cannabis, "dice" and "mujer" for cocaine, "tan" for heroin; French "et" is a code of
alpha-ethyltryptamine. In a Spanish or French text these are "there is", "says", "woman", "so", "and": 1,600 of the
development tweets showed such a reading to the reviewer. A term is read as the other language's word when the
text holds two other words that tell that language (rare in English), one of three letters or more (kb
foreign_words.tsv). One is not enough, words English shares ("min", "till") tell nothing, and a term of the language
itself stays its slang.
Sentences written for this test."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner


def shown(scanner: Scanner, text: str) -> set[str]:
    v = scanner.scan_item(Item(text=text), 0)
    return {e.text.lower() for e in v.evidence if e.signal.startswith(("slang:", "substance:"))}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Dice que la cocaína está más barata", "dice"),
        ("Hay cripy y perico, pregunta por privado", "hay"),
        ("Una mujer fue detenida con heroína en el aeropuerto", "mujer"),
        ("Hay muchas cosas que decir sobre la cocaína", "cosas"),  # the plural of "cosa" (DEA: cannabis)
        ("Je vends de la beuh et du shit, livraison sur Paris, contact snap", "et"),
    ],
)
def test_an_everyday_word_of_the_texts_language_is_no_street_name(scanner: Scanner, text: str, word: str) -> None:
    words = shown(scanner, text)
    assert word not in words and words  # the drug's own name is still read


def test_one_word_of_the_language_or_two_short_ones_are_not_enough(scanner: Scanner) -> None:
    # "ahora" alone: a dealer's list of street names stays one; "ahora mismo" is two words of Spanish
    assert {"hay", "mota", "perico"} <= shown(scanner, "Hay mota y perico, envíos, whatsapp, ahora")
    assert "hay" not in shown(scanner, "Hay mota y perico, envíos, whatsapp, ahora mismo")
    # "de" and "la" are Romanian and Spanish words, but English ones too, so they tell no language; "pot" is Romanian
    # for "I can", and this text is English
    assert "pot" in shown(scanner, "Pot and coke, shipping, DM me, pickup in LA de la Cruz st")


def test_words_of_another_language_that_are_english_words_too_tell_nothing(scanner: Scanner) -> None:
    # Swedish "min" and "till" are English words: "tar" (Swedish "takes") stays heroin slang here
    assert "tar" in shown(scanner, "tar and crack, min order 2g, till sold out, telegram")


def test_the_readings_are_dropped_not_the_verdict(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="Hay cripy y perico, envíos a todo el país, escríbeme por privado"), 0)
    assert v.label == "offer" and "hay" not in {e.text.lower() for e in v.evidence}

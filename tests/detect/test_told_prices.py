"""What a drug costs, told with a verb ("Cocaine is £80 a gram now"), is talk about prices: without a seller's cue it
is no offer (session 23: three such lines were offers at 0.96-0.98). A seller's cue keeps the price a price tag.
Texts written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner


@pytest.mark.parametrize(
    "text",
    [
        "Cocaine is £80 a gram now, mad",
        "Cocaine is now £80 a gram in London. Stay safe",
        "Kokain kostet in Berlin jetzt 80€ pro Gramm",
    ],
)
def test_a_told_price_is_talk(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    "text",
    [
        "Percs are $25 each, hmu",  # a seller's cue
        "MDMA crystals are back, 3.5g for $100",  # a restock tells no price
        "Cocaine £80 a gram, London",  # no verb: a menu line
    ],
)
def test_a_price_tag_stays_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)

"""Short codes of drugs that are also another trade's abbreviations read as that trade's beside its words: "DOB"
(date of birth) in a fraud listing, "P2P" (peer to peer) at a crypto desk (session 23: offers at 0.83 and 0.98).
Texts written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner


@pytest.mark.parametrize(
    "text", ["Fullz USA with SSN DOB + Background Report - Fresh 2024", "Escrow Service for P2P trades - 2% fee"]
)
def test_a_code_beside_its_other_trades_words_is_no_drug(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False, kind="listing")
    assert not v.substances


@pytest.mark.parametrize(
    "text",
    [
        "P2P 1L bottle, BTC only",
        "DOB 10mg pellets, escrow",
        # the other trade's word must stand beside the code (session 23 review)
        "DOB blotters 5mg $15 each, we ship to any address, btc",
        "P2P 1kg in stock, trusted trader, wickr",
    ],
)
def test_the_code_alone_is_the_drug(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing")

"""A drug's own name priced right after it, in a dealer's shorthand (session 19): "Oxy $30, cashapp", "fent $60 a
point, zelle", "oxy 2 for $50, cashapp". With no template of that shape such lines sat on the threshold (logit 0.0)
and each retraining tipped dozens of them either way (30 of a reviewer's 960 generated dealer lines fell below it
after one). The price is read as one piece's, or a tier's count, as for the street names of priced_names.tsv. A
buyer's, a shopper's or a pharmacy's line that prices a drug is no tag: no seller's cue, a question, or words that
tell where or how it was paid. Lines written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner
from narcotrace.detect._street_names import _shorthand

TAGS = [
    "Oxy $30, cashapp",
    "Meth $40 cash only",
    "xans $5 each, cash app",
    "fent $60 a point, zelle",
    "Cocaine $80, delivery only",
    "oxy 2 for $50, cashapp",
    "percs $20 ea text me",
    "Heroin $25, zelle only",
    "oxy 30s 20 a piece, zelle",
    "$30 oxy, cashapp",  # the price before the name
    "percs 25 each cashapp",  # a bare amount, the app next
]


@pytest.mark.parametrize("text", TAGS)
def test_a_dealers_price_tag_is_an_offer(scanner: Scanner, text: str) -> None:
    sig = scanner.extractor.extract(text)
    assert sig.features.get("qty") and sig.features.get("catalogue"), sig.features
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "adderall $15 with goodrx, paid with apple pay",  # where and how it was paid: a buyer's
        "Tylenol $5, cash only at the corner store",
        "oxy $30 a pill on the street now?",  # a question
        "Weed $10 cheaper than beer lol",  # no seller's cue (and an everyday word)
        "xanax $5 back in the day, crazy",
        "paid $25 for xanax bars on cashapp and got scammed",  # the price before the name, a scam report
        "Oxy $30, police say the dealer took cashapp",  # a report
    ],
)
def test_a_priced_drug_in_talk_is_no_tag(scanner: Scanner, text: str) -> None:
    sig = scanner.extractor.extract(text)
    assert not sig.features.get("catalogue"), sig.features
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    "text",
    [
        # The review's: medicines outside the controlled lists, pharmacies, buyers, scams, mourners, two other words.
        # Some are offers all the same (a drug, a price and a payment app sit near the threshold); the tag must not
        # push them to 0.97-0.99.
        "Sertraline $4 cash only",
        "Ozempic $25 copay, zelle",
        "Adderall $4 cash only Walmart",
        "need xanax $5 each cashapp",
        "Xanax $200, cashapp, scammed",
        "Fentanyl $10, cashapp, RIP bro",
        "Adderall $12 venmo my sister",
        "fent $60 a point zelle wtf",
        "paid $30 oxy cashapp",
    ],
)
def test_a_priced_drug_outside_a_dealers_shorthand_is_no_tag(scanner: Scanner, text: str) -> None:
    sig = scanner.extractor.extract(text)
    assert not sig.features.get("catalogue") and not sig.features.get("qty"), sig.features


def test_shorthand_counts_the_words_besides_the_covered_spans() -> None:
    text = "fent $60 a point, zelle"
    covered = [(0, 4), (5, 8), (18, 23)]  # fent, $60, zelle
    assert _shorthand(text, covered)  # "point" is the one other word ("a" is a piece word)
    assert not _shorthand("fent $60 a point, zelle wtf", covered)  # two other words
    assert not _shorthand("Ozempic $25 copay, zelle", [(0, 7), (8, 11), (19, 24)])  # a word of _NOT_A_TAG

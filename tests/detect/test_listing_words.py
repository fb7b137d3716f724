"""Ordinary words that are also street slang, in listings and catalogue lines (session 7).

A listing is sale context, but "Snow boots size 9" or "Crystal vase" on a marketplace are no drugs: one ordinary
word counts in a listing only when the listing states a quantity or a price; a drug's name made of ordinary
words ("Amnesia Haze") counts as before. Outside listings, a title-length line that weighs an ordinary word keeps
it as a drug word (so a reviewer sees it) without making it an offer on its own. Texts written for this test."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect.signals import SignalExtractor


@pytest.fixture(scope="module")
def extractor(scanner: Scanner) -> SignalExtractor:
    return scanner.extractor


@pytest.mark.parametrize("text", ["Snow boots size 9", "Crystal vase", "Candy jar with lid", "Ice scraper for cars"])
def test_one_ordinary_word_in_a_listing_is_the_ordinary_thing(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text, kind="listing"))
    assert v.label == "none" and not v.substances, (text, v.label, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    "text", ["1000g Lemon Haze AAA++ - UK", "Speed paste 100g 76%", "A pound of Blue Dream", "Amnesia Haze"]
)
def test_listed_by_weight_or_by_name_the_slang_counts(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text, kind="listing"))
    assert v.label == "offer", (text, v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("1000g Lemon Haze AAA++ - UK", True),  # a catalogue line that weighs it
        ("4 POUNDS BLUE DREAM", True),  # a weight written in words
        ("Lemon Haze is my favourite", False),  # no weight
        ("smoked a gram of grass last night", False),  # use talk
        ("how much is an ounce of grass?", False),  # a question
        ("Blue Dream 14g, best strain I ever grew, the whole story of my first harvest in the garden", False),  # long
        ("Snow boots 2 pairs", False),  # a count of pieces is no weight
    ],
)
def test_catalogue_line_keeps_ordinary_slang(extractor: SignalExtractor, text: str, kept: bool) -> None:
    assert bool(extractor.extract(text).substances) is kept, text


def test_ordinary_catalogue_line_alone_is_no_offer(scanner: Scanner) -> None:
    # Shown as drug talk for a reviewer, never an offer without more evidence: "Cheese 200g" is also groceries,
    # two such words in one line are no run of seller's slang, and a slang or cultivar name made of everyday words
    # ("Brown sugar", "Wedding cake") makes no catalogue line.
    for text in ("Cheese 200g", "Brown sugar 1kg", "Cheese and chocolate gift box 500g", "Snow crystal salt 500g",
                 "Wedding cake 500g", "Girl scout cookies 200g", "Green tea 250g"):
        v = scanner.scan_item(Item(text=text))
        assert v.label == "discussion", (text, v.label, v.score)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("5G RUNTZ AAA+++", True),  # slang that is no drug name, as a bare title
        ("1000g Lemon Haze AAA++ - UK", False),  # a cultivar named with everyday words
        ("Brown sugar 1kg", False),  # slang made of everyday words
        ("Runtz paint 5 kilos, $20, telegram t.me/paintshop", False),  # with a contact: a shop's post
        ("Police found 5g of Runtz in his car, officials said", False),  # news
    ],
)
def test_catalogue_for_slang_needs_a_bare_title(extractor: SignalExtractor, text: str, fires: bool) -> None:
    assert bool(extractor.extract(text).features.get("catalogue")) is fires, text


def test_methadone_alone_is_no_recovery_cue(extractor: SignalExtractor, scanner: Scanner) -> None:
    # The Vietnamese cue is "điều trị methadone" (methadone treatment); the drug's bare name sold in a listing is
    # no recovery talk.
    assert "recovery" not in extractor.extract("METHADONE TABLETS", kind="listing").features
    assert "recovery" in extractor.extract("điều trị methadone miễn phí").features
    assert scanner.scan_item(Item(text="METHADONE TABLETS", kind="listing")).label == "offer"

"""Vowels masked with asterisks to dodge keyword filters ("c*caine", "x*nax"). Texts written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner


@pytest.mark.parametrize(
    "text", ["c*caine for sale dm", "h*roin available, wickr me", "x*nax bars for sale text me", "fent*nyl presses, dm"]
)
def test_a_masked_drug_name_is_found(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


def test_the_evidence_quotes_the_masked_word(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="c*caine for sale dm"))
    assert "c*caine" in {e.text for e in v.evidence}


@pytest.mark.parametrize(
    "text", ["f*ck this, so tired", "what the h*ll is going on", "*FREE SHIPPING* on all orders", "s**t happens"]
)
def test_censored_everyday_words_name_no_drug(scanner: Scanner, text: str) -> None:
    assert not scanner.extractor.extract(text).substances


def test_only_the_first_masked_words_are_read() -> None:
    """Each masked word costs 5 or 25 more matcher passes, so a text is read for its first MAX_MASKED_WORDS."""
    from narcotrace.detect.lexicon import MAX_MASKED_WORDS, _unmasked

    text = " ".join(["c*caine"] + ["w*rd"] * 50)
    variants = _unmasked(text)
    assert len({tuple(stars) for stars, _ in variants}) == MAX_MASKED_WORDS
    assert any(spelled.startswith("cocaine") for _, spelled in variants)


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("c o k e for sale, snap me", True),  # spaced in small letters
        ("c0ke for sale, snap me", True),  # a digit for a letter
        ("m0lly caps $15 each, cashapp", True),
        ("сoke for sale, snap me", True),  # a Cyrillic с among Latin letters
        ("COKE for sale, snap me", False),  # capitals are no disguise: the soft drink
        ("S N O W boots for sale dm", False),  # spaced capitals are a headline's style
        ("sn0w tires for sale, call", False),  # everyday goods named: the goods rule holds
        ("Nicotine salt 0mg/30mg/50mg ¥65, wechat", False),  # "0mg" is a dose, not "omg"
    ],
)
def test_an_ordinary_word_written_in_disguise_is_the_drugs_slang(scanner: Scanner, text: str, offer: bool) -> None:
    """Ordinary-word slang ("coke", "molly", "snow") counts only beside another drug word, because shops sell the
    everyday thing; written in disguise it is hidden from keyword filters, and nobody hides the soft drink
    (session 16: "c o k e for sale, snap me" was none at 0.06)."""
    assert_offer(scanner, text, offer=offer)


def test_via_signal_is_contact_wording(scanner: Scanner) -> None:
    # "signal only" and "signal me" are not cues: "the signal only works near the window" beside a drug's name
    # would read as a contact.
    assert_offer(scanner, "fent@nyl p0wder wholesale, via signal")

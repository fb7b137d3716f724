"""Letters stretched for emphasis ("cocaaaine", "Xanaaax"). Texts written for this test.

Normalization keeps two letters of a run of three or more, so that "weeeeed" stays "weed" and "pilllls" "pills";
a name with one letter there ("cocaine", "xanax") is found by also reading the text with that letter single.
Letters the writer doubled are never made single: that would read words the text does not contain."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect.lexicon import stretched_letters
from narcotrace.text import normalize


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("cocaaaaine", [4]),  # "cocaaine": the second "a"
        ("Xanaaax baaaars", [4, 9]),
        ("weeeeed", [2]),
        ("weed pills", []),  # doubled by the writer
        ("coffee", []),
        ("ㅋㅋㅋ 1000", []),  # Hangul and digits are not collapsed
        ("", []),
    ],
)
def test_stretched_letters_are_the_pairs_made_of_longer_runs(text: str, positions: list[int]) -> None:
    assert stretched_letters(normalize(text)) == positions


@pytest.mark.parametrize(
    "text",
    [
        "cocaaaaine for sale dm me",
        "Xanaaax bars for sale hmu",
        "fentanyyyl pills available, wickr me",
        "ketamiiiine for sale, telegram @k_shop",
    ],
)
def test_a_stretched_drug_name_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


def test_the_evidence_quotes_the_word_as_written(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="cocaaaaine for sale dm me"))
    assert "cocaaaaine" in {e.text for e in v.evidence}


@pytest.mark.parametrize(
    "text",
    [
        "sooooo good, dm me for the recipe",
        "heyyyy who is selling tickets for saturday? dm me",
        "Coffee beans for sale, 1kg $20",
    ],
)
def test_stretching_an_everyday_word_names_no_drug(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label == "none", (text, v.label, [(e.signal, e.text) for e in v.evidence])

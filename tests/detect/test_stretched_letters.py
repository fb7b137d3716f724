"""Letters stretched for emphasis ("cocaaaine", "Xanaaax"). Texts written for this test.

Normalization keeps two letters of a run of three or more, so that "weeeeed" stays "weed" and "pilllls" "pills";
a name with one letter there ("cocaine", "xanax") is found by also reading the text with that letter single, also
when the stretched letter ends the word ("cokeeee", "fenttttt"). Letters the writer doubled are never made single:
that would read words the text does not contain, and neither is the end of an everyday word with a double letter
("grasssss" is "grass", not "gras")."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect.lexicon import PhraseMatcher, stretched_letters
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
        # A stretched last letter: the pair kept by normalization ("cokee") ended the word, not the name (until
        # session 23 these were none at 0.05-0.12, while "coke £80 a g, same day, tele" was an offer).
        "cokeeee £80 a g, same day, tele",
        "selling fentttt dm me",
        "selling mdmaaaa dm me",
        "selling fentttt, wickr me",  # before punctuation
        "percccs for sale dm me",  # before a plural s (read before session 23 too)
        "dm me on telegram for mdmaaaa",  # at the end of the text
    ],
)
def test_a_drug_name_stretched_at_its_end_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


def test_a_name_stretched_at_its_end_is_quoted_whole(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="selling mdmaaaa dm me"))
    assert "mdmaaaa" in {e.text for e in v.evidence}


def test_an_everyday_word_with_a_double_letter_stretched_is_that_word() -> None:
    # "gras" (German, cannabis) and "buz" (methamphetamine) are KB slang; "grass" and "buzz" everyday words.
    terms = [("gras", "cannabis"), ("buz", "meth"), ("coke", "cocaine")]
    m = PhraseMatcher(terms, everyday={"grass", "buzz"}.__contains__)
    for text in ("grasssss for sale", "buzzzz", "cokeeee."):
        n = normalize(text)
        found = [(n.text[a:b], p) for a, b, p in m.find(n.text, stretched=stretched_letters(n))]
        assert found == ([("cokee", "cocaine")] if text.startswith("coke") else []), (text, found)


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

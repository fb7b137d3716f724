"""Vowels masked with asterisks to dodge keyword filters ("c*caine", "x*nax"). Texts written for this test."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect._words import _disguised


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
        ("\u0441oke for sale, snap me", True),  # a Cyrillic с among Latin letters
        ("c\u200boke for sale, snap me", True),  # a zero-width space inside the word
        ("m\u200bolly caps, dm me, cashapp", True),
        # boxed letters are decoration as often (session 22, tried and dropped: "C🅾️KE ZER🅾️ for sale $2 a can")
        ("C\U0001f17e\ufe0fKE ZER\U0001f17e\ufe0f for sale $2 a can, text me", False),
        # (no sale word makes the name its object here: "COKE for sale, snap me" is an offer by that rule, session 23)
        ("\u0441oke in the bio, snap me", True),
        ("COKE in the bio, snap me", False),  # capitals are no disguise: the soft drink
        ("c0ke in the bio, snap me", False),  # leetspeak is gamers' and shops' style too (below)
        ("c o k e in the bio, snap me", False),  # and so is spacing
        ("Prints for sale, follow @m0lly.art, dm to order", False),  # a handle
        ("Selling I.C.E. protest shirts, $20, dm me", False),  # an acronym
        ("Selling my old Sp33d Runner game, dm me", False),
        ("Wedding\u00a0cake orders open, delivery available, dm me", False),  # a no-break space in a phrase
        ("Wedding\ncake orders open, delivery available, dm me", False),
        ("Wed\u00adding cake orders open, delivery available, dm me", False),  # a soft hyphen: web pages' hyphenation
        ("brown\u200b sugar body scrub for sale, dm me", False),  # a zero-width space beside a space: a pasted caption
        ("продам \u0421oke Zero 0.5, 60 руб, пишите", False),  # a Russian text: a keyboard slip, not a disguise
        ("\u0406ce cold beer for sale, 50 грн, пишіть в дірект", False),
    ],
)
def test_an_ordinary_word_written_in_disguise_is_the_drugs_slang(scanner: Scanner, text: str, offer: bool) -> None:
    """Ordinary-word slang ("coke", "molly", "snow") counts only beside another drug word, because shops sell the
    everyday thing; written with letters of two scripts or an invisible character it is hidden from keyword
    filters, and nobody hides the soft drink so (session 16). Digits, dots and spaced letters were tried as signs of
    disguise and dropped: handles, acronyms, leetspeak and aesthetic spacing made shops' posts offers at 0.67-0.99."""
    assert_offer(scanner, text, offer=offer)


def test_a_word_half_in_each_script_is_read_the_same_whatever_the_hash_seed() -> None:
    # "соke": two Cyrillic letters, two Latin; the tie went by a set's order, so the score moved with
    # PYTHONHASHSEED (0.990 or 1.000). The script the rest of the text writes decides now (session 24).
    text = "Selling соke £70 per g, London, telegram"
    start = text.index("соke")
    assert _disguised(text, start, start + 4)
    scores = set()
    for seed in ("1", "2", "3"):
        code = (
            "from narcotrace import Item; from narcotrace.detect import Scanner; "
            f"print(round(Scanner().scan_item(Item(text={text!r})).score, 6))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True,
        )
        scores.add(out.stdout.strip())
    assert len(scores) == 1, scores


def test_mixed_script_words_in_a_long_text_are_read_in_linear_time() -> None:
    # the tie-break counted the rest of the text's letters again for every word: 54.6 s for 50,000 characters of
    # "соke " (session 24 review); the text's counts are made once. Asserted as a count of work, not a time.
    from narcotrace.detect._words import _text_scripts

    text = "соke " * 10_000
    _text_scripts.cache_clear()
    for k in range(0, 500, 5):
        _disguised(text, k, k + 4)
    assert _text_scripts.cache_info().misses == 1

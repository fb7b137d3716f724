"""Ordinary words whose everyday sense nobody sells (detect/data/unsold_words.tsv). Texts written for this test.

"weed" is an everyday English word and the most common cannabis slang. An ordinary word counts outside a
listing only next to another drug word, because its everyday sense is sold ("Snow boots size 9, DM"); a weed is
a wild plant that nobody sells, so in a post that sells it, it names the drug. The garden products named with it
("weed killer", "weed control") stay lawful."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect._goods import load_unsold_words
from narcotrace.kb import load_kb
from narcotrace.kb._schema import fold
from narcotrace.kb._validate import PACKAGED_DIR, load_common_words


def test_every_row_is_an_ordinary_slang_word_of_the_kb() -> None:
    """A row that is no context-only slang of the KB, or no common word, would change nothing."""
    kb = load_kb()
    common = load_common_words(PACKAGED_DIR)
    slang = {
        (fold(t.text), t.substance)
        for t in kb.terms
        if t.context_only and t.kind in ("slang", "synonym", "misspelling", "brand")
    }
    rows = load_unsold_words()
    assert rows
    assert [w for w, (sub, _) in rows.items() if (w, sub) not in slang or w not in common] == []


@pytest.mark.parametrize(
    "text",
    [
        "selling weed dm me",
        "weed for sale, hit me up on snapchat",
        "got weed $40 an eighth hmu",
        "weed delivery whatsapp +33758677997",
        "ecstasy pills for sale dm",
        "selling smack dm",
        "Vendo éxtasis, pastillas de 200mg, envíos, whatsapp",
    ],
)
def test_weed_in_a_sale_is_an_offer(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text)
    assert any(e.signal.startswith("slang:") for e in v.evidence)


def test_the_rarer_drug_reading_of_the_word_is_dropped(scanner: Scanner) -> None:
    signals = {e.signal for e in scanner.scan_item(Item(text="selling weed dm me")).evidence}
    assert "slang:cannabis" in signals and "slang:pcp" not in signals


@pytest.mark.parametrize(
    "text",
    [
        "weed killer for sale 5L, delivery available",
        "Weed control service, call us today for a quote $50",
        "Garden weed barrier fabric for sale, free shipping",
        "I hate pulling weeds in the garden",
        "smoked a gram of weed last night",  # use talk
        "how much is an ounce of weed?",  # a question
        "I was in pure ecstasy when I heard the news, buy the album now",
        "La tribuna explotó en éxtasis con el gol",
        "Snow boots size 9, $40, DM me",  # an everyday sense that is sold stays the ordinary word
        # Session 21: brands of one common word are that word as often (offers at 0.99 before)
        "Koi fish for sale, pond delivery, WhatsApp me",
        "Vendo camino de mesa bordado, envío a todo el país, WhatsApp",
        "Продаю сборник: лирика Есенина, доставка по Москве",
    ],
)
def test_garden_weeds_and_sold_ordinary_words_are_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


def test_a_buyer_and_a_past_purchase_are_no_offer(scanner: Scanner) -> None:
    assert scanner.scan_item(Item(text="Need weed hmu if u got it")).label == "solicit"
    assert_offer(scanner, "i just bought a pound of weed lol", offer=False)


@pytest.mark.parametrize(
    "text",
    [
        "Viagra 100mg 30 pills $40, discreet shipping",  # a brand with no other sense (a row of the file)
        "лирика без рецепта купить с доставкой",  # nothing but a medicine is sold without a prescription
        "Лирика 300 мг без рецепта, доставка, телеграм",
        "Bars 2mg no prescription needed, $5 each, text me",  # Xanax (benzodiazepine), the second review's
        "Hydros 10/325 no prescription needed, $8 each, hit my line",  # hydrocodone (opioid)
    ],
)
def test_a_medicines_brand_in_a_sale_is_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)

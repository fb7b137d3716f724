"""Harm-reduction products sold or handed out with sale words are no drug offers; sellers who mention tests to
reassure buyers still are. Texts written for this test. A drug named as what a test detects ("fentanyl test
strips", "reagent kits for MDMA and cocaine") is not the product; an overdose-reversal medicine (naloxone, Narcan)
is never the drug a seller offers."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner

PRODUCTS = [
    "Fentanyl test strips for sale, free shipping, DM us",
    "We sell drug checking kits for MDMA, cocaine and ketamine, ships worldwide",
    "Reagent test kits for MDMA and cocaine, order at example.com",
    "Tiras reactivas de fentanilo a la venta, envío gratis",
    "Free naloxone kits available, DM us for delivery",
    "Narcan nasal spray in stock at our pharmacy, no prescription needed",
]


@pytest.mark.parametrize("text", PRODUCTS)
def test_a_harm_reduction_product_is_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    "text",
    [
        # (session 23: offers at 0.75-0.95) the verb, the sample between, a list after a colon or a parenthesis
        "Reagent Test Kit - Marquis, Mecke, Mandelin - Test your MDMA",
        "Drug Test Kit 12-panel urine cup (THC, COC, OPI, AMP, MET)",
        "THC urine test strips 50 pack",
        "Test your MDMA: Marquis reagent kit",
        "Drug test kit: THC, cocaine, opiates",
    ],
)
def test_a_test_kit_listing_names_what_it_tests(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False, kind="listing")
    assert any(e.signal.startswith("tested:") for e in v.evidence)


@pytest.mark.parametrize(
    "text", ["Lab test: MDMA 84%, 1g $40", "Party kit: MDMA 1g + 2 tabs LSD", "MDMA 1g test: 84% purity"]
)
def test_a_kit_or_a_lab_result_of_the_goods_stays_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing")


def test_the_tested_drug_is_shown_but_not_offered(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="Reagent test kits for MDMA and cocaine, order at example.com"))
    assert {e.signal for e in v.evidence} >= {"tested:mdma", "tested:cocaine"}
    assert not v.substances


@pytest.mark.parametrize(
    "text",
    [
        "Fentanyl powder for sale, lab tested pure, DM",
        "M30s fent free, test strips included with every order, tg @plug",
        "cocaine for sale and test kits for everyone, wickr @x",
    ],
)
def test_a_seller_who_mentions_tests_is_still_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Ketamine therapy for depression now available at our licensed clinic, consult with a physician", False),
        ("Buprenorphine treatment available at our clinic, same-week appointments", False),
        ("Ketamine available now, same day delivery, text me", True),  # no clinic: a seller
        ("Pharma grade percs, clinic sealed, hmu on telegram", True),  # a seller's quality claim, no clinic
        ("Hospital and clinic grade fentanyl patches for sale, text +1 415 555 0134", True),
    ],
)
def test_a_clinics_treatment_is_no_offer(scanner: Scanner, text: str, offer: bool) -> None:
    """A clinic's or physician's own post about a controlled medicine it gives (ketamine for depression,
    buprenorphine for addiction) is lawful, as a pharmacy's is (session 16: the first scored 0.73 as an offer)."""
    assert_offer(scanner, text, offer=offer)

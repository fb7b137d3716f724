"""A hemp product states its THC at the level 21 CFR 1308.11(d) leaves out of marihuana extract (0.3% or less) or
says it is THC-free (session 21: a reviewer's marketplace lines were offers at 0.73-0.998). Its THC reading is none,
and its context-only words ("hemp", "flower", "gummies", "spectrum") name the hemp product. Sentences written for
this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner
from narcotrace.detect._goods import _hemp_levels


@pytest.mark.parametrize(
    ("text", "lawful"),
    [
        ("cbd oil, under 0.3% thc", True),
        ("0.0% thc", True),
        ("less than 0,3 % delta-9 thc", True),
        ("thc free tincture", True),
        ("thc: 0.2%", True),
        ("menos del 0,2% de thc", True),  # other languages' words for "under" (session 22)
        ("taux de thc inférieur à 0,3 %", True),
        ("thc unter 0,2%", True),
        ("thc poniżej 0,2%", True),
        ("thcフリー", True),
        ("thc inferiore allo 0,5%", False),
        ("thc 0.5%", False),
        ("28% thc", False),
        ("thc carts 90%", False),
        ("thc freeze", False),
        ("thc free shipping", False),  # free shipping (a review's line)
        ("thc " + "1" * 5000, False),  # a number begins where one can (a run of digits took 116 s at 50,000)
    ],
)
def test_a_lawful_thc_level_is_read(text: str, lawful: bool) -> None:
    assert bool(_hemp_levels(text)) is lawful


@pytest.mark.parametrize("kind", ["listing", None])
@pytest.mark.parametrize(
    "text",
    [
        "Full spectrum CBD oil 1000mg, under 0.3% THC, lab report included",
        "Broad spectrum CBD tincture 1500mg, THC free",
        "CBD flower 3.5g $25, less than 0.3% THC, ships to all 50 states",
        "Buy hemp CBD gummies, 25mg per gummy, 0.0% THC, shipped to all 50 states",
        # a shop's strains listed after the clause that names hemp (the second review's; offers at 0.72-0.94)
        "CBD Flower: Sour Diesel, Gelato, Wedding Cake, OG Kush. All under 0.3% THC. $30 per 1/8, shop now",
        "Hemp flower strains: Sour Diesel | Gelato | Runtz | Zkittlez. 0.2% THC, 3.5g $25, free shipping",
        # shops in other languages (a reviewer's lines, offers at 0.53-0.68 before session 22)
        "Tienda CBD: aceites de CBD, cremas y flores de cáñamo con menos del 0,2% de THC. Envíos a toda España.",
        "Boutique CBD : fleurs, résines et huiles légales, taux de THC inférieur à 0,3 %. Livraison offerte dès 40 € !",
        "CBD Öl 10% Vollspektrum, laborgeprüft, THC unter 0,2%. Jetzt im Angebot für 39,90 €. Versand aus Deutschland.",
        "Olejek CBD 10% z konopi siewnych, THC poniżej 0,2%. Wysyłka 24h, darmowa dostawa od 150 zł.",
        # every product's level is read, and Italy's "cannabis light" and "canapa sativa" are hemp (a probe's page)
        ("Cannabis light legale. Lemon Haze CBD 18% THC <0,2% - 5g 25 € | Amnesia CBD 15% THC <0,2% - 5g 22 €. "
        "Varietà di canapa sativa. Spedizione gratuita sopra i 49 euro"),
    ],
)
def test_a_hemp_product_is_no_offer(scanner: Scanner, text: str, kind: str | None) -> None:
    assert_offer(scanner, text, offer=False, kind=kind)


@pytest.mark.parametrize(
    "text",
    [
        "Weed 28% THC, $40 an eighth, delivery, text me",  # a seller's strength
        "THC carts 90% $30 each, ships fast",
        "Delta 9 THC gummies 10mg, THC 0.3%, hemp derived",  # the drug named outright before the level
        # the review's dealers: no hemp or CBD named, free shipping
        "Pounds of loud, lab tested (THC 0.3% on the COA for the mail), we ship discreet",
        "Hash 25€/g, THC 0.2% on paper lol, real stuff, Wickr",
        "Gummies 500mg THC free shipping on orders over $100, DM",
        "Got that gas, Runtz zips $180, also CBD 0.0% THC for mom, hit my line",  # the dealer's own clause
        "Hemp flower under 0.3% THC and real cannabis 20g $120, dm",  # "cannabis" is the hemp plant only as its label
    ],
)
def test_a_strength_above_the_level_stays_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing")

"""Buyers' words: a request in double quotation marks is someone's words the writer tells, not a request; buyers who
ask for a seller ("got a plug", "drop the plug") are buyers (session 23; texts written for this test)."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner


def _label(scanner: Scanner, text: str) -> str:
    return scanner.scan_item(Item(text=text)).label


@pytest.mark.parametrize(
    "text",
    [
        'I used to be the guy asking "who\'s got percs" in every group chat. 2 years sober now.',
        'lol remember when we used to say "who got the hook up" for weed in high school',
    ],
)
def test_a_quoted_request_is_told_not_made(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label == "discussion", (v.label, [(e.signal, e.text) for e in v.evidence])
    assert any(e.signal == "intent:solicit:quoted" for e in v.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "who's got percs, need 3 tonight",
        'who got percs? "fire" ones pls',  # the quotation comes after the request
        "any1 got a plug for dmt carts? paying BTC",
        "drop the plug for the dabs pls",
        "Who can sort me out with some pingers for Saturday in Melbourne? Need 4",
        "plug? need zaza asap, i'm in houston",  # "plug?" asks for a seller (was an offer at 0.80)
        "any1 know a plug? need percs",
        # quotation marks that close before the request, or are on another line, do not hold it
        'He said "hi". anyone selling xanax bars? will pay "whatever", cashapp',
        'Thread: "weekend plans\nwho\'s got percs? cashapp ready, can pick up\nreply "in" if coming',
    ],
)
def test_a_buyers_request_is_a_solicitation(scanner: Scanner, text: str) -> None:
    assert _label(scanner, text) == "solicit"


@pytest.mark.parametrize(
    "text",
    [
        "Looking for molly? we got you, $40 a g, cashapp, dm us",
        "Looking for coke? Pure peruvian £80 a g, same day delivery, tele @ukplug",
    ],
)
def test_a_sellers_question_answered_with_a_price_by_weight_is_an_offer(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label == "offer", (v.label, [(e.signal, e.text) for e in v.evidence])
    assert any(e.signal == "intent:solicit:hook" for e in v.evidence)


@pytest.mark.parametrize(
    "text", ["who got percs? paying $20 each, cashapp", "anyone got coke? need a g, paying $80, dm me"]
)
def test_a_buyers_question_with_the_buyers_price_stays_a_solicitation(scanner: Scanner, text: str) -> None:
    assert _label(scanner, text) == "solicit"


@pytest.mark.parametrize(
    "text",
    [
        "my plug said he is out of xanax till friday",  # was an offer at 0.88
        "his old plug got raided lol, percs everywhere",
        "my new plug has the best xanax fr",
        "their old plug got locked up, now they buy percs off some random guy",  # (session 24 review: 0.86)
    ],
)
def test_someones_plug_is_a_customers_talk(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label != "offer", (v.label, [(e.signal, e.text) for e in v.evidence])
    assert any(e.signal == "intent:sell:someones" for e in v.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "new plug in town, xanax bars $5, snap me",  # "new plug" alone is a seller's (was a solicitation)
        "my plug got arrested so now I'm selling percs, dm",  # a reseller's own cue still counts
    ],
)
def test_a_sellers_plug_is_still_an_offer(scanner: Scanner, text: str) -> None:
    assert _label(scanner, text) == "offer"


def test_a_buyer_looking_for_a_new_plug_is_a_solicitation(scanner: Scanner) -> None:
    assert _label(scanner, "looking for a new plug in atl, percs") == "solicit"


@pytest.mark.parametrize(
    "text",
    [
        # a seller's word inside a buyer's question, ended by the Arabic question mark (session 24: offers at 0.58-0.85)
        "أبغى حشيش بالكويت، أحد يعرف أحد يبيع؟",
        "anyone know someone selling weed in Cebu?",  # was an offer at 0.61
        "May nagbebenta ba ng weed dito sa Cebu? Pa-PM naman",  # Tagalog: is anyone selling weed here? (0.60)
    ],
)
def test_a_sellers_word_inside_a_buyers_question_is_the_buyers(scanner: Scanner, text: str) -> None:
    assert _label(scanner, text) == "solicit"


@pytest.mark.parametrize(
    "text",
    ["looking for a plug for blues in Phoenix, anyone? dm me", "need a new plug for blues, mine got locked up. dm if you can help"],
)
def test_a_plug_for_a_street_name_is_asked_for(scanner: Scanner, text: str) -> None:
    # "plug for X": the plug is a plug for the goods (session 24 probe: none)
    assert _label(scanner, text) == "solicit"


@pytest.mark.parametrize(
    "text",
    [
        # someone asking where to find treatment or naloxone is no buyer (session 24 review: solicitations)
        "Où trouver de l'aide pour arrêter la cocaïne ? Mon frère est accro depuis deux ans",
        "Où trouver de la naloxone gratuite à Paris ? Mon ami consomme de l'héroïne",
        "नशा मुक्ति केंद्र कहाँ मिलेगी? भाई को स्मैक की लत है",
        "Qualcuno sa dove trovare un centro di recupero per la cocaina a Milano?",
        # "does anyone know" alone asks anything, "nobody knows" asks nothing
        "حد يعرف أعراض انسحاب الترامادول؟ أخويا بطل من أسبوع ومش عارف ينام",
        "لا أحد يعرف كم من الحشيش يدخل البلاد كل سنة، والشرطة عاجزة",
    ],
)
def test_a_question_for_help_or_about_a_drug_is_no_solicitation(scanner: Scanner, text: str) -> None:
    assert _label(scanner, text) == "discussion"


@pytest.mark.parametrize(
    "text",
    [
        "Looking for mushrooms for my ketamine therapy sessions lol, 1oz, paying cash",  # an amount and a payment
        "حد يعرف يجيب ليريكا من غير روشتة؟ محتاج شريطين",  # anyone know how to get Lyrica without a prescription?
        # a way to reach the buyer: diverted medicines bought to get through withdrawal (review of session 24)
        "who got suboxone? trying to get clean on my own, dm",
        "anyone selling xanax? need something for the withdrawal, snap me",
    ],
)
def test_a_buyer_with_an_amount_or_a_way_to_get_it_stays_a_buyer(scanner: Scanner, text: str) -> None:
    assert _label(scanner, text) == "solicit"


@pytest.mark.parametrize(
    "text",
    [
        # French "cherche" alone is also "tries to" and a search by police (review of session 24)
        "Une étude cherche à comprendre pourquoi la cocaïne se répand en Europe",
        "Le gouvernement cherche des solutions contre le trafic de cannabis",
    ],
)
def test_french_cherche_without_a_buyers_object_is_no_solicitation(scanner: Scanner, text: str) -> None:
    assert _label(scanner, text) != "solicit"

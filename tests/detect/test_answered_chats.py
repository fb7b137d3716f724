"""A chat of speakers' turns where one asks (a question, a buyer's words) and another answers as a seller (a
price or an amount, and a sale, payment, shipping or contact word): the asker's question and buying words are
the buyer's, answered by the seller, so they count neither as the item's question nor as a solicitation
(session 24 probe of multi-turn chats: "A: yo u still got those blues? / B: yeah $25 each ... cashapp first"
was none at 0.01). A price told in a reply with nothing said of a deal, or a chat that tells of police, use or
recovery, stays as it was. Texts written for this test."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner


@pytest.mark.parametrize(
    "text",
    [
        ("A: yo u still got those blues?\nB: yeah $25 each, 4 for $90\nA: bet can u bring 4 tonight\n"
        "B: ya meet at the gas station 9pm, cashapp first"),
        ("A: hey is this Mike? got your number from Tony\nB: yeah whats good\nA: what u got\n"
        "B: coke 80 a g, molly 40 a g, xans 5 each\nB: can drop off in 30 min, zelle or cash"),
        ("A: hi, Sarah gave me your number\nB: hey whats up\nA: do you have any adderall?\n"
        "B: yea 30mg addys $10 each\n"
        "A: could I get 6?\nB: sure, venmo 60 and ill meet you at the library at 3"),
        ("A: hey u got any tina?\nB: yeah got some shards, 1g 120, 3.5g 300\nA: ok can u do 1g\n"
        "B: yep meet at the usual spot in 20, cash only"),
    ],
)
def test_a_sellers_answer_in_a_chat_is_an_offer(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text, kind="message"))
    assert v.label == "offer", (v.label, v.score)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a price told in a reply, with no sale, payment, shipping or contact word
        (("A: mom did you pick up your oxycodone?\nB: yes, $12 with insurance\nA: ok good, take it with food\n"
         "B: I will, thanks honey"), "discussion"),
        # a chat that tells of an arrest
        (("A: did you hear Jake got arrested?\nB: yeah for selling percs, $20 each apparently\n"
         "A: wow. police found 200 pills\nB: crazy"), "discussion"),
        # nobody answers as a seller
        (("A: yo you know anyone with percs?\nB: nah my guy got locked up\nA: damn. need like 5, got $100\n"
         "B: ask Chris maybe"), "solicit"),
    ],
)
def test_chats_without_a_sellers_answer_keep_their_reading(scanner: Scanner, text: str, label: str) -> None:
    v = scanner.scan_item(Item(text=text, kind="message"))
    assert v.label == label, (v.label, v.score)


@pytest.mark.parametrize(
    "text",
    [
        # the roles of a pharmacy, a court or an interview make no dealer's chat (review of session 24: an
        # offer at 0.58)
        ("Patient: can I get my oxycodone refill today?\nPharmacy: yes, $15 copay, pickup after 3pm, "
        "we also deliver\n"
        "Patient: thanks\nPharmacy: you're welcome"),
    ],
)
def test_a_chat_of_lawful_roles_is_no_sale(scanner: Scanner, text: str) -> None:
    assert scanner.scan_item(Item(text=text, kind="message")).label != "offer"


def test_a_dealers_chat_labelled_customer_and_agent_is_still_a_dealers_chat() -> None:
    # shop roles are lawful only where no dealer's payment or messenger is named (session 24 review: a solicitation)
    from narcotrace import Item
    from narcotrace.detect import Scanner

    text = (
        "Customer: yo u still got those blues?\nAgent: yeah $25 each, 4 for $90\nCustomer: bet\n"
        "Agent: cashapp first, pull up"
    )
    assert Scanner().scan_item(Item(text=text, kind="message")).label == "offer"

"""Search queries (kind "query") and buyers' wording. Texts written for this test.

A query is typed by someone looking for something: it can seek drugs (solicit) or ask about them (discussion),
never offer them. The shipped model learned that a query is no offer (score = P(offer))."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner


@pytest.mark.parametrize(
    "text",
    [
        "buy xanax online no prescription",
        "fentanyl for sale",
        "order adderall online overnight",
        "weed delivery near me",
        "xanax price",
        # a buying verb alone (session 12: these were discussion; in a post "Buy Xanax online" is a shop's)
        "buy xanax online",
        "order oxycodone",
        "купить мефедрон",
        "comprar cocaina",
        "大麻 购买",
    ],
)
def test_a_query_for_a_seller_is_a_solicitation(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text, kind="query"))
    assert v.label == "solicit", (text, v.label, [(e.signal, e.text) for e in v.evidence])
    assert v.score < scanner.model.threshold
    assert v.substances and v.severity != "none"


def test_the_same_words_posted_are_an_offer(scanner: Scanner) -> None:
    assert scanner.scan_item(Item(text="fentanyl for sale", kind="post")).label == "offer"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("cocaine effects", "discussion"),
        ("how long does xanax stay in your system", "discussion"),
        ("oxycodone 30mg", "discussion"),  # a patient may look up their own medicine
        ("fentanyl test strips", "discussion"),
        ("cheap flights to berlin", "none"),
        ("buy iphone online", "none"),
        # slang that outlives the everyday-word rules is sought by a buying word (session 22); everyday words are not
        ("where to buy weed in dubai", "solicit"),
        ("buy weed", "solicit"),
        ("buy weed killer", "none"),
        ("where to buy grass seed", "none"),
        ("buy snow tires", "none"),
        ("buy coke zero", "none"),
    ],
)
def test_other_queries(scanner: Scanner, text: str, label: str) -> None:
    v = scanner.scan_item(Item(text=text, kind="query"))
    assert v.label == label, (text, v.label)
    assert v.label != "offer"


@pytest.mark.parametrize(
    "text", ["looking for a plug for percs, dm me", "need a plug for percs asap", "anyone selling xanax? dm me"]
)
def test_a_sellers_word_inside_a_buyers_phrase_is_the_buyers(scanner: Scanner, text: str) -> None:
    """"plug" (a seller) and "selling" are sale cues, but not in "need a plug" or "anyone selling": a buyer asks."""
    v = scanner.scan_item(Item(text=text))
    assert v.label == "solicit", (text, v.label, v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize("text", ["Need weed hmu if u got it", "looking for percs, dm me", "who got xanax? hit me up"])
def test_a_buyer_asking_to_be_contacted_is_a_solicitation_whatever_the_score(scanner: Scanner, text: str) -> None:
    assert scanner.scan_item(Item(text=text)).label == "solicit"


@pytest.mark.parametrize(
    "text",
    [
        "WTB: 500x M30 - need reliable vendor with US stealth, paying BTC",
        "Looking for a supplier of 1-boc-4-piperidone and 4-AP, 10kg monthly, delivery to Sinaloa. Contact me",
        "Ищу где взять меф в Питере, нормальный магазин, в лс",
        # chat words and a told arrest make three words of lawful speech; the opening request still holds
        "WTB 10 M30s asap lol, my dealer got arrested last night smh, paying cashapp, need delivery",
    ],
)
def test_a_buyers_terms_after_a_request_are_the_buyers(scanner: Scanner, text: str) -> None:
    """A text that opens with a request (session 22): its quantity, payment, delivery and shop words are the buyer's
    terms, not a seller's (offers at 0.52-0.89 before)."""
    v = scanner.scan_item(Item(text=text))
    assert v.label == "solicit", (text, v.label, v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    "text",
    [
        "Looking for xanax? DM me, we ship",  # a seller's question
        "Looking for buyers: xanax bars $5 each, we ship",  # a seller seeks buyers
        "Need weed? We deliver, hmu",
    ],
)
def test_a_sellers_request_stays_an_offer(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label == "offer", (text, v.label, v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    "text",
    [
        "weed for sale hmu",
        # A seller's SEO spam: a buyer's question over a cloud of drug tags that names more than the cannabis plant
        # (上头电子烟, an etomidate vape). Until session 17 a shorter cloud passed only because "x1" at the end of
        # its link was read as a quantity.
        ("国内哪里可以买大麻 #大麻 #哪里可以买大麻 #飞叶子 #大麻种子 #国内大麻 #飞行燃料 #上头电子烟 #飞行中国 "
        "https://t.co/aB3dE5fG7h"),
    ],
)
def test_a_seller_using_buyers_words_stays_an_offer(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label == "offer", (text, v.label, v.score, [(e.signal, e.text) for e in v.evidence])


def test_private_messages_between_a_buyer_and_a_seller(scanner: Scanner) -> None:
    """Messages (kind "message") have no thread context: a buyer's question and a seller's hand-over read alone."""
    buyer = scanner.scan_item(Item(text="hey u still got them percs? how much for 10", kind="message"))
    assert buyer.label == "solicit"
    seller = scanner.scan_item(Item(text="got 30s and bars today, same spot", kind="message"))
    assert seller.label == "offer", [(e.signal, e.text) for e in seller.evidence]


def test_a_buying_verb_in_a_query_is_shown_as_evidence(scanner: Scanner) -> None:
    """The verb that made a query a solicitation is evidence a reviewer sees; it fed no score (weight 0)."""
    v = scanner.scan_item(Item(text="buy xanax online", kind="query"))
    shown = [(e.text, e.signal, e.weight) for e in v.evidence if e.signal == "intent:solicit"]
    assert shown == [("buy", "intent:solicit", 0.0)]
    assert scanner.scan_item(Item(text="buy xanax online", kind="post")).label != "solicit"


@pytest.mark.parametrize(
    "text",
    [
        ("Naloxone saves lives. Where can I get it? Pharmacies in every state can dispense it without a prescription, "
        "and our harm reduction program gives free kits to anyone who uses opioids or has friends who do. Overdose "
        "deaths from fentanyl keep rising."),
        "云南警方破获特大跨境贩毒案，缴获冰毒200公斤，犯罪嫌疑人以境外收购价转卖，已被逮捕并移送起诉。",
    ],
)
def test_a_buyers_words_in_a_report_or_a_harm_reduction_page_are_no_solicitation(scanner: Scanner, text: str) -> None:
    """Three words of lawful speech (`counter_multi`) make a buyer's words talk (session 22: solicitations at 0.0)."""
    v = scanner.scan_item(Item(text=text, kind="page"))
    assert v.label == "discussion", (text, v.label, [(e.signal, e.text) for e in v.evidence])

"""Dark-web forum speech (session 10): buyers review vendors, ask for one and warn of scams with the sellers' own
words ("vendor", "stealth", "escrow"); none of it offers a drug. Sellers' posts with the same words stay offers.
Sentences written for this test, scanned with the shipped model."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner

NOT_OFFERS = [
    # a buyer's review ("vendor" was a sale word, weighed as "selling": 0.99)
    ("Ordered 7g of MDMA from vendor XYZ, stealth was great, arrived in 3 days, 5/5", None),
    # a scam warning (0.79)
    ("Finalize early scam alert: vendor BluePharma took my BTC and never shipped the xanax", None),
    # a buyer's question: the seller's word is what the buyer asks for (0.96)
    ("Anyone know a reliable vendor for oxy in EU? DM me", "solicit"),
]
OFFERS = [
    "Looking for xanax? We sell real bars, telegram @x",  # the question ends before the seller's answer
    "Trusted vendor since 2015, MDMA 84%, stealth shipping, escrow",
    "No scam, real xanax bars 2mg, telegram @x",  # "no scam" is a seller's promise, not a warning
]


@pytest.mark.parametrize(("text", "label"), NOT_OFFERS)
def test_reviews_questions_and_warnings_are_no_offers(scanner: Scanner, text: str, label: str | None) -> None:
    v = assert_offer(scanner, text, offer=False)
    if label:
        assert v.label == label


@pytest.mark.parametrize("text", OFFERS)
def test_sellers_posts_with_the_same_words_are_offers(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


def test_a_sale_word_in_a_buyers_question_is_the_buyers(scanner: Scanner) -> None:
    asked = scanner.extractor.extract("anyone know a vendor with good prices? i need xanax")
    assert not asked.features.get("sell") and not asked.features.get("promo")
    told = scanner.extractor.extract("anyone know? this vendor has good prices on xanax")
    assert told.features.get("promo")  # the question ended before the vendor's words


# A user reporting a seller to the platform (session 14): the report repeats the seller's words, and asks for a ban
# ("please ban them" was an offer at 0.87, "bots selling weed carts" at 0.89): no offer. The seller's own post stays
# one, and so do sellers who vouch for themselves with a warning's words: "is a scam", "don't buy from", "accounts
# selling" and "株式" (which begins 株式会社, Co., Ltd.) are no report cues; as cues they made those talk at 0.03-0.47.
REPORTS_AND_SELLERS = [
    ("@TwitterSupport this account is selling xanax and percs to kids, please ban them", False),
    ("my feed is full of bots selling weed carts, who else is getting these", False),
    ("Reported this guy for selling weed on snap three times and nothing happened", False),
    ("Just reported an account selling MDMA with a menu and prices in the bio. Do better, Meta", False),
    ("selling xanax and percs, dm me, fast delivery", True),
    ("weed carts for sale, snap me, $25 each", True),
    ("Everyone else is a scam, I'm legit. Xanax bars $5, dm me", True),
    ("Don't buy from anyone else. Percs 30s, snap me", True),
    ("Beware of fake accounts selling under my name. Real plug here, oxy 30s, dm", True),
    ("株式会社グリーン 大麻 CBDオイル 販売中 LINEで注文", True),
]


@pytest.mark.parametrize(("text", "offer"), REPORTS_AND_SELLERS)
def test_a_users_report_of_a_seller_is_no_offer_and_the_sellers_post_is(
    scanner: Scanner, text: str, offer: bool
) -> None:
    assert_offer(scanner, text, offer=offer)


@pytest.mark.parametrize(
    "text",
    [
        "Ver en la tele que la marihuana es legal en California",
        "Quieren prohibir la marihuana, y salen en la tele diciendo cosas",
        "Mucha tele, o mucha marihuana",
        "Regardé à la télé un reportage sur la cocaïne",
    ],
)
def test_television_is_no_telegram(scanner: Scanner, text: str) -> None:
    """"la tele" is television in Spanish (and "la télé" in French): a `word` row holds the contact cue "tele"
    (Telegram), as any cue inside a `word` row is that word's (session 15); Spanish talk tweets were offers at 0.57."""
    v = scanner.scan_item(Item(text=text), 0)
    assert v.label != "offer" and not any(e.signal == "intent:contact" for e in v.evidence), v.evidence


def test_telegram_written_tele_is_still_contact(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="Vendo marihuana, escríbeme por tele @plugmx"), 0)
    assert v.label == "offer" and ("tele", "intent:contact") in {(e.text, e.signal) for e in v.evidence}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # "a la venta" (for sale) run into "funciona" / "para": the sale works, grown for sale
        ("Ahora a ver qué tal funciona la venta en los dispensarios de marihuana recreacional", "a la venta"),
        ("Tengo ganas de cultivar marihuana exclusiva para la venta, el primer faso es gratis", "a la venta"),
        # "que se vende": which is sold (a `word` row holding the sale cue "se vende")
        ("El 95% de la cocaína que se vende en EEUU es de Colombia", "se vende"),
    ],
)
def test_a_sale_cue_run_into_a_word_or_in_a_relative_clause_is_none(scanner: Scanner, text: str, cue: str) -> None:
    """Session 15: outside a hashtag a cue that starts or ends inside a word is a piece of that word; Spanish talk
    tweets were offers at 0.76-0.77."""
    v = scanner.scan_item(Item(text=text), 0)
    assert v.label != "offer" and not any(e.text.lower() == cue for e in v.evidence), v.evidence


def test_a_sale_cue_in_a_hashtag_or_a_sentence_still_counts(scanner: Scanner) -> None:
    assert scanner.scan_item(Item(text="Se vende marihuana, inf al dm."), 0).label == "offer"
    v = scanner.scan_item(Item(text="cocaine and xanax #fastdelivery"), 0)
    assert {("delivery", "intent:shipping")} <= {(e.text, e.signal) for e in v.evidence}


@pytest.mark.parametrize(
    "text",
    [
        "xanax bars FastDelivery TelegramOnly",  # one-word cues at a change of case
        "Kokain kaufen, Expressversand, diskret, Telegramkanal",  # German compounds
        "oxy 30s in stock, shippingworldwide, wickrme",  # run together
        "oxy 30s, reship on seized, stealth shipping",  # the reship policy is the vendor's sale cue
        "Bán cỏ và kẹo, freeship toàn quốc, liên hệ zalo",  # Vietnamese "freeship"
    ],
)
def test_cues_run_into_words_that_a_seller_writes_still_count(scanner: Scanner, text: str) -> None:
    """The review of session 15: only phrase cues that begin inside a word are pieces of it."""
    assert scanner.scan_item(Item(text=text), 0).label == "offer"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("八十年代发生的大麻走私案", "代发"),  # 年代 + 发生: a 1980s smuggling case
        ("几秒发现大麻", "秒发"),  # found in seconds
        ("真正品质的大麻研究", "正品"),  # real quality
        ("一直邮寄大麻种子的案件被查", "直邮"),  # kept mailing
        ("ชุมชนมือสองขายยาบ้า ตำรวจจับกุม", "ชนมือ"),  # ชุมชน + มือสอง: a second-hand community
        ("All hands on deck as police seize 2 kg of cocaine", "on deck"),
    ],
)
def test_a_cue_across_two_words_is_none(scanner: Scanner, text: str, cue: str) -> None:
    """Chinese and Thai cues found across a word boundary, and an idiom that holds a cue: `word` rows (session 15)."""
    v = scanner.scan_item(Item(text=text), 0)
    assert v.label != "offer" and not any(e.text == cue for e in v.evidence), v.evidence

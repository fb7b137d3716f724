"""Words that say a seller sells, or that a number is no amount on offer (session 17).

Chinese sellers write 出 ("put out": sell) straight before the goods ("出冰毒，同城", "长期出K粉"); after another
verb the same character completes it ("查出冰毒": found meth), after a place it is a report's "had" ("香港出冰毒大案"),
and before a longer word it sells that word ("出大麻绳": hemp rope). A multiplier of two or three that ends a post
("Marihuana x3", "vibes x2") is "twice", no quantity; a market's "2x", "x2 M30", "x30" and a count after a form or
strength ("Xanax bars x3") still count. A told amount keeps its reading when the unit ends with a dot ("30gr. de
marihuana"). Sentences written for this test and by a reviewer, modelled on pip_twitter_train and Spanish tweets the
scanner got wrong; scanned with the shipped model."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner

CHU_OFFERS = [
    "出冰毒，同城，私聊",
    "出K粉 微信联系",
    "出冰毒量大从优",  # a seller's cue runs on from the name
    "长期出K粉，需要私聊",  # "always selling"
    "本人出冰毒，私聊",  # "I sell"
    "#出冰毒 #同城",
    "長期出大麻，量大可談",
]
CHU_TALK = [
    "警方从其住处查出冰毒5克",  # police found 5 g of meth at his home
    "尿检检出冰毒成分",  # a urine test detected meth
    "民警当场搜出冰毒两包",  # officers found two bags on the spot
    "研究人员分析出芬太尼的结构",  # researchers worked out fentanyl's structure
    "深圳出现新型毒品冰毒",  # a new drug appeared in Shenzhen
    "香港出冰毒大案，两人被捕",  # Hong Kong had a big meth case
    "全省出冰毒案件120起，同比下降",  # the province had 120 meth cases
    "哪个省出大麻最多？",  # which province produces the most cannabis?
    "两次尿检结果都出吗啡阳性",  # both urine tests came out positive for morphine
    "出摇头丸的被抓了",  # the one who sold ecstasy was caught
    "网上“出K粉”的帖子大多是诈骗",  # posts "selling ketamine" are mostly scams
    "“出冰毒吗？”“不出。”",  # "selling meth?" "no."
    "出大麻绳，粗细都有",  # selling hemp rope
    "出溜冰鞋，36码，九成新",  # selling ice skates (溜冰, skating, is also meth slang)
    "日の出大麻農園",  # Japanese: sunrise cannabis farm
    "出冰箱一台，九成新",  # selling a fridge (冰箱): no drug word
]


@pytest.mark.parametrize("text", CHU_OFFERS)
def test_chu_before_a_drug_word_is_a_sellers(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text)
    assert any(e.signal == "intent:sell" and e.text == "出" for e in v.evidence)


@pytest.mark.parametrize("text", CHU_TALK)
def test_chu_in_other_phrases_is_no_sale(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert not any(e.signal == "intent:sell" and e.text == "出" for e in v.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "@someone Marihuana x3",
        "Welcome to Tijuana, tequila, sexo, marihuana, vibes x2",
        "Marihuana x3 https://t.co/aBc123XyZ",  # links, tags and mentions after it
        "this weed hitting different x2 #420",
    ],
)
def test_a_multiplier_of_two_or_three_ending_a_post_is_no_quantity(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert not any(e.signal == "quantity" for e in v.evidence)


@pytest.mark.parametrize(
    ("text", "kind", "quantity"),
    [
        ("2x xanax bars 2mg, dm", None, "2x"),  # a market's count comes first
        ("Oxycodone x3 M30", None, "x3"),  # units counted before the item
        ("Xanax bars x3", None, "x3"),  # after the form it counts
        ("Percocet 10/325 x2", None, "x2"),  # after the strength
        ("wts xanax x3", None, "x3"),  # beside a sale word
        ("Oxy x1", None, "x1"),  # one is no "twice"
        ("Marihuana x3", "listing", "x3"),  # a listing counts whatever it writes
    ],
)
def test_counts_of_units_stay_quantities(scanner: Scanner, text: str, kind: str | None, quantity: str) -> None:
    v = assert_offer(scanner, text, kind=kind)
    assert any(e.signal == "quantity" and e.text == quantity for e in v.evidence)


def test_a_told_amount_with_the_units_dot_is_still_told(scanner: Scanner) -> None:
    assert_offer(scanner, "Imagínate 30gr. De MARIHUANA EN TU BOLSILLO", offer=False)
    assert_offer(scanner, "Sequestrati 5 kg. di cocaina", offer=False)
    assert_offer(scanner, "30gr. de marihuana, envíos, whatsapp")  # a sale word says it is on offer


def test_an_amount_joined_to_no_drug_is_a_quantity(scanner: Scanner) -> None:
    """The sentence ends at the unit's dot ("10g. Du lourd"): the drug before it is weighed, not told about."""
    v = assert_offer(scanner, "Beuh dispo 10g. Du lourd, snap")
    assert any(e.signal == "quantity" for e in v.evidence)


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("官网：bingdu.com，冰毒500元/克", "500元/克"),  # the domain ends where the Chinese text runs on
        ("1kg.de kokain, versand", "1kg"),  # a weight run into the next word reads as a domain
    ],
)
def test_a_number_after_or_as_a_domain_is_kept(scanner: Scanner, text: str, price: str) -> None:
    v = assert_offer(scanner, text)
    assert any(e.signal in ("quantity", "price") and e.text == price for e in v.evidence), v.evidence


@pytest.mark.parametrize("text", ["cocaine https://t.co/x1", "xanax shop.com/item/3g"])
def test_a_number_inside_a_link_is_no_quantity(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert not any(e.signal in ("quantity", "price") for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Las ventas de #marihuana llegaron a $ 1 mil millones en Nevada, con $ 152 millones en impuestos",
        "Police seized $1 million worth of cocaine and $2.5 billion in assets",
        "The cannabis market reached $300M in sales, €2bn in Europe",
        "大麻产业规模达到¥300亿",
    ],
)
def test_money_in_millions_is_a_figure_not_a_price(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert not any(e.signal == "price" for e in v.evidence), v.evidence


def test_a_bulk_price_in_thousands_is_a_price(scanner: Scanner) -> None:
    v = assert_offer(scanner, "1 kilo cocaine $40k, wickr me")
    assert any(e.signal == "price" for e in v.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Rao, call +91 98100 65074 for an appointment #neurologist #neurology #doctor",  # "neurol": an alprazolam brand
        "Cute #earrings handmade, dm to order",
        "#antique furniture for sale, dm",
        "#fasting tips, dm me",
    ],
)
def test_a_drug_name_inside_an_everyday_word_is_a_fragment(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert not any(e.signal.startswith("substance:") for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("#xanaxbars for sale dm", "alprazolam"),
        ("#fentanylcrisis is killing our kids", "fentanyl"),
        ("#cocainaencolombia whatsapp", "cocaine"),  # the whole tag is no everyday word
        ("#oxycodone30mg dm", "oxycodone"),
        ("#hifunbb dm", "unspecified drug"),  # a name with a tag's abbreviation after it
        ("#xanaxbarz for sale dm", "alprazolam"),  # a dealer's spelling is no everyday word
        ("#cocaínaenmedellín entregas, WhatsApp", "cocaine"),  # accents kept in the tag
    ],
)
def test_a_drug_name_joined_to_words_is_the_drug(scanner: Scanner, text: str, drug: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert any(e.signal == f"substance:{drug}" for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Verkaufe Koks 1g 80€, Lieferung in Berlin, Telegram",
        "Gras 10€ pro g, Lieferung, schreib mir auf Telegram",
        "ice 1g $80, delivery, text me",
        # one way to reach the seller is enough, and a messenger handle is one (session 23)
        "Koks 80€ pro g, Berlin, Telegram",
        "c0ke & md, £80/£40 g, tele: @ekoc_nodnol",
    ],
)
def test_an_ordinary_word_priced_like_a_street_drug_by_a_seller_is_the_drug(scanner: Scanner, text: str) -> None:
    """A dealer's amount at $10 a gram or more, with two kinds of seller's cue or a way to reach the seller: the
    street name is the drug's."""
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "Moldavite crystal 1g $30, free shipping, dm to order",  # a mineral shop: goods sold by the gram
        "Rare white tea 25g $30, shipping, dm",  # $1.20 a gram
        "Herb garden seeds 1g $6, free shipping, dm",  # under $10 a gram
        "crystal 1g $60 delivery",  # one kind of seller's cue; crystal is no name of priced_names.tsv (minerals)
        # a shop's menu word is no way to reach a dealer
        "Menu: Blue Dream 3.5g $35, Gelato 3.5g $40, Sour Diesel pre-roll 1g $12. Prices include tax. Licensed dispensary",
        "crystal from Brazil, 1g $60, delivery",  # one kind of seller's cue, the price not the name's own
        "Rare blue quartz crystal 3g $45, free shipping, dm to order",  # a word of another noun
        "Edible gold powder 1g $25, shipping, dm",
        "Caviar 10g tin $120, delivery, dm",  # goods sold by the gram themselves
        "Pearl 2g $40, AAA freshwater, shipping, dm",
        "not selling snow anymore, it was 1g $80, don't dm me",  # negated cues are no seller's
    ],
)
def test_everyday_goods_sold_by_the_gram_stay_everyday(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("bang ada sabu ga? mau 1 gram, transfer dana", "gram"),  # "gram" is cannabis slang on a DEA list
        ("weed $20 a gram, dm", "gram"),
        ("left me half a zip for 250", "zip"),  # and "zip", an ounce
    ],
)
def test_the_unit_word_of_a_weight_names_no_drug(scanner: Scanner, text: str, unit: str) -> None:
    v = scanner.scan_item(Item(text=text))
    readings = [e.signal for e in v.evidence if e.text == unit and e.signal.startswith(("slang:", "substance:"))]
    assert readings == [], (text, readings)


def test_a_unit_that_counts_pieces_keeps_its_reading(scanner: Scanner) -> None:
    # Bars, tabs and hits are the form the goods take: "25 tabs 100 mics" is LSD on a dark market.
    v = scanner.scan_item(Item(text="25 tabs 100 mics 83% purity", kind="listing"))
    assert any(e.text == "tabs" and e.signal.startswith("slang:") for e in v.evidence), v.evidence

"""Words that say a seller sells, or that a number is no amount on offer (session 17).

Chinese sellers write 出 ("put out": sell) straight before the goods ("出冰毒", "广州出猪肉"); after another verb the
same character completes it ("查出冰毒": found meth), and reports stay talk. A multiplier of two or three that ends
a post ("Marihuana x3", "vibes x2") is "twice", no quantity; a market's "2x", "x2 M30" and "x30" still count.
A told amount keeps its reading when the unit ends with a dot ("30gr. de marihuana"). Sentences written for this
test, modelled on pip_twitter_train offers the scanner missed; scanned with the shipped model."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner

CHU_OFFERS = [
    "上海出猪肉，冰毒，价格公道",  # Shanghai, selling "pork" (meth slang), meth, fair prices
    "出冰毒，同城，私聊",
    "出K粉 微信联系",
    "深圳出麻古，量大价优",
    "长期出K粉，需要私聊",  # "always selling"
    "北京出摇头丸，同城闪送",
]
CHU_TALK = [
    "警方从其住处查出冰毒5克",  # police found 5 g of meth at his home
    "尿检检出冰毒成分",  # a urine test detected meth
    "民警当场搜出冰毒两包",  # officers found two bags on the spot
    "检察院起诉书指出冰毒系其购买",  # the indictment points out he bought the meth
    "研究人员分析出芬太尼的结构",  # researchers worked out fentanyl's structure
    "深圳出现新型毒品冰毒",  # a new drug appeared in Shenzhen
    "出冰箱一台，九成新",  # selling a fridge (冰箱): no drug word
]


@pytest.mark.parametrize("text", CHU_OFFERS)
def test_chu_before_a_drug_word_is_a_sellers(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text)
    assert any(e.signal == "intent:sell" and e.text == "出" for e in v.evidence)


@pytest.mark.parametrize("text", CHU_TALK)
def test_chu_after_another_verb_completes_it(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert not any(e.signal == "intent:sell" and e.text == "出" for e in v.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "@someone Marihuana x3",
        "Welcome to Tijuana, tequila, sexo, marihuana, vibes x2",
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
        ("Xanax bars x3", "listing", "x3"),  # a listing counts whatever it writes
    ],
)
def test_counts_of_units_stay_quantities(scanner: Scanner, text: str, kind: str | None, quantity: str) -> None:
    v = assert_offer(scanner, text, kind=kind)
    assert any(e.signal == "quantity" and e.text == quantity for e in v.evidence)


def test_a_told_amount_with_the_units_dot_is_still_told(scanner: Scanner) -> None:
    assert_offer(scanner, "Imagínate 30gr. De MARIHUANA EN TU BOLSILLO", offer=False)
    assert_offer(scanner, "30gr. de marihuana, envíos, whatsapp")  # a sale word says it is on offer


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
    ],
)
def test_a_drug_name_at_the_start_of_a_longer_word_is_a_fragment(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert not any(e.signal.startswith("substance:") for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("#xanaxbars for sale dm", "alprazolam"),
        ("#fentanylcrisis is killing our kids", "fentanyl"),
        ("#cocainaencolombia whatsapp", "cocaine"),  # a two-letter preposition between words
        ("#oxycodone30mg dm", "oxycodone"),
        ("#hifunbb dm", "unspecified drug"),  # a rest of two letters is an abbreviation
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
    ],
)
def test_an_ordinary_word_priced_like_a_street_drug_by_a_seller_is_the_drug(scanner: Scanner, text: str) -> None:
    """A dealer's amount at $10 a gram or more, with two kinds of seller's cue: the street name is the drug's."""
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "Moldavite crystal 1g $30, free shipping, dm to order",  # a mineral shop: goods sold by the gram
        "Rare white tea 25g $30, shipping, dm",  # $1.20 a gram
        "Herb garden seeds 1g $6, free shipping, dm",  # under $10 a gram
        "crystal 1g $60 delivery",  # one kind of seller's cue
    ],
)
def test_everyday_goods_sold_by_the_gram_stay_everyday(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)

"""Prices per gram in any currency the parser reads (session 23).

Until session 23 only dollar-like money (USD, EUR, GBP, CAD, AUD, USDT) was compared with the street-price and
grocery thresholds: "Koks 250 zł/g, zioło 40 zł za gram, dowóz Warszawa" stayed talk and "Koks opałowy 25 kg 40 zł"
(heating coke) kept its slang reading. Money is now valued in US dollars by the range of its currency's value
(`prices.UNITS_PER_USD`); the street-price test takes the lowest value, the grocery test the highest. Only the
smallest weight priced is judged, by the dearest of its prices (a bulk tier costs less a gram). Texts written for
this test, after the probe lines that failed."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner
from narcotrace.detect._prices import _cheaper_than_drugs, _priced_like_drugs
from narcotrace.indicators import extract_prices


@pytest.mark.parametrize(
    "text",
    [
        "Koks 250 zł/g, zioło 40 zł za gram, dowóz Warszawa, pisz na Telegram",
        "Coke ₹8k per gram, MD ₹3k/g, Mumbai delivery, insta DM karo",
        "아이스 1g 50만원, 떨 1g 15만원, 던지기 가능, 텔레 문의",
        "叶子 一克 ¥300 顺丰包邮 私聊",  # one gram in Chinese numerals
        "Hash 80 kr g, coke 600 kr g, levering i København, skriv på Telegram",
        "Erba 10€ al grammo, fumo 8€ al g, coca 70€ al grammo. Consegna a Milano, scrivimi su Telegram",
        "Snuif €45 de gram, speed €10, bezorgen in Rotterdam, stuur een berichtje op Telegram",
        "Haze 10€/g, ab 5g 8€/g, Lieferung Wien, schreib auf Telegram",  # the bulk tier no longer sinks it
        # Persian toman and a rate written unit first: "a gram two million toman" (session 24: none)
        "شیشه درجه یک موجوده، گرمی ۲ میلیون تومان، ارسال به سراسر تهران، تلگرام @tehran_s",
        "Taş var, gramı 1000 TL, Esenyurt elden, sadece telegram",  # Turkish "its gram" before the price
    ],
)
def test_a_street_name_priced_like_a_drug_in_any_currency_is_the_drug(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        "Koks opałowy 25 kg 40 zł, dowóz, dzwoń",  # heating coke
        "Соль поваренная 1 кг 30 руб, доставка по городу",  # table salt
        "Rock candy 200g ₹120, WhatsApp to order",
        "Crystal sugar (mishri) 500g Rs 80, order on WhatsApp",
        "Vendo hielo en bolsa de 5 kg a 30 pesos, entrega a domicilio en Monterrey. Manda WhatsApp.",
        # (second review) a spice's price ladder: "ice" only modifies "packed"; "soles" is the currency, no cannabis
        "Saffron 1g $12, 2g $20, 5g $45, ice packed, cashapp, dm me",
        "Cristal de roca 1 g 50 soles, WhatsApp 987654321",
        # lemongrass tea in riyals: "بيع" inside "الطبيعي" (natural) is no sale (session 24: an offer at 0.999)
        "شاي حشيشة الليمون الطبيعي، 250 غرام ب 30 ريال، توصيل",
        # gold, silver, jewellery and saffron priced by the gram, rates written unit first (session 24 review: 0.98-0.99)
        "Kristal taşlı gümüş kolye, gramı 60 TL, ücretsiz kargo",
        "طقم ذهب عيار 21 مع كريستال، الجرام ب 3500 جنيه، شحن مجاني",
        "زعفران سرگل قائنات در شیشه ۴.۶ گرمی، گرمی ۹۰ هزار تومان، ارسال رایگان به سراسر کشور",
    ],
)
def test_groceries_in_any_currency_stay_groceries(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    "text",
    [
        # "60€ el gramo" is a rate now, as "$60 a gram" was; "está" tells it as "is" does
        "La cocaína ya está a 60€ el gramo en Madrid, qué locura",
        "Мефедрон подорожал до 3000 руб за грамм",
        "El perico vale 30 lucas el gramo en Bogotá, carísimo",  # (second review: offers at 0.89-0.91)
        "Cocaina costă 400 lei gramul în București, e nebunie",
    ],
)
def test_a_price_told_in_another_language_is_talk(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


@pytest.mark.parametrize(
    ("text", "street", "groceries"),
    [
        ("Koks 1g 80€", True, False),
        ("Koks 250 zł/g", True, False),
        ("zioło 40 zł za gram", False, False),  # $8.9 at 4.5 zł a dollar, the weak end of the złoty's range
        ("Skunk R$ 25 o grama", False, False),  # $4.0 at 6.2 reais a dollar
        ("Coke ₹8k per gram", True, False),
        # "pesos" is Mexican (16.5 a dollar) to Colombian (4,900): $18 to $0.06 a gram, neither a street price by
        # its lowest value nor groceries by its highest
        ("Cristal 300 pesos el gramo", False, False),
        ("Hielo 5 kg a 30 pesos", False, True),  # $0.0004 a gram even in Mexican pesos
        ("Coca 40 soles el gramo", True, False),
        ("Haze 10€/g, ab 5g 8€/g", True, False),  # the smallest weight, 1 g, is judged
        ("1g $5, 28g $300", False, False),  # the smallest weight is cheap: the dearer bulk price does not count
        ("Koks opałowy 25 kg 40 zł", False, True),
        ("0.005 BTC per gram", False, False),  # crypto has no rate
        ("28g for 200", False, False),  # nor has a price without a currency
    ],
)
def test_prices_per_gram_are_compared_in_dollars(text: str, street: bool, groceries: bool) -> None:
    prices = extract_prices(text)
    assert _priced_like_drugs(prices) is street, prices
    assert _cheaper_than_drugs(prices) is groceries, prices

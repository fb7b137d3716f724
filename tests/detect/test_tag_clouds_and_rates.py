"""Cannabis tag clouds and prices per unit (session 8). Texts written for this test.

News, culture, growers and CBD shops tag posts with the cannabis plant's names several times over; such a cloud
is promotion only next to a sale cue, while a cloud naming another drug is promotion by itself. A price per unit
("$250 per oz", "100/g") is a price and a quantity."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect.signals import SignalExtractor


@pytest.fixture(scope="module")
def extractor(scanner: Scanner) -> SignalExtractor:
    return scanner.extractor


CANNABIS_NEWS = "City council debates new dispensary rules\n#cannabis #marijuana #CBD #THC #weed\nhttps://t.co/abc123"


# "#kush" also names synthetic cannabinoids; a cloud of it with the plant's names is still the plant's (session 10:
# it read as "another drug in the cloud", an offer at 0.93)
CANNABIS_CULTURE = "OG no.18 starting to flex her stuff #420 #kush #ogkush #indica #cannabis #weed https://t.co/abc123"


@pytest.mark.parametrize("text", [CANNABIS_NEWS, CANNABIS_CULTURE])
def test_a_cannabis_tag_cloud_without_a_sale_cue_is_talk(scanner: Scanner, extractor: SignalExtractor, text: str) -> None:
    assert "drug_tags" not in extractor.extract(text).features
    v = scanner.scan_item(Item(text=text))
    assert v.label != "offer", (v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    "text",
    [
        "New batch just landed, DM to order\n#cannabis #marijuana #CBD #THC #weed",  # a sale cue
        "Tonight only\n#cocaine #cannabis #mdma #ketamine https://t.co/abc123",  # another drug in the cloud
    ],
)
def test_a_tag_cloud_with_a_sale_cue_or_another_drug_is_promotion(extractor: SignalExtractor, text: str) -> None:
    assert "drug_tags" in extractor.extract(text).features, text


@pytest.mark.parametrize(
    ("text", "price", "qty"),
    [
        ("Runtz 41 $2800 LB", True, True),
        ("Thai Sativa 100/g", True, True),
        ("Kush pre-rolls 80.- each", True, False),  # ("Pre-rolls" alone is everyday words since session 12)
    ],
)
def test_a_rate_is_a_price_and_its_unit_a_quantity(
    extractor: SignalExtractor, text: str, price: bool, qty: bool
) -> None:
    f = extractor.extract(text).features
    assert ("price" in f) == price and ("qty" in f) == qty, (text, f)


def test_a_menu_priced_per_weight_is_an_offer(scanner: Scanner) -> None:
    text = "Moonrocks\n - $1200 per lb\n - $450 per QP\n - $250 per Oz\n #Weed #Marijuana\n Telegram channel"
    v = scanner.scan_item(Item(text=text))
    assert v.label == "offer", (v.score, [(e.signal, e.text) for e in v.evidence])


def test_a_tablet_press_for_sale_is_an_offer(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="TDP-5 tablet press with dies for sale, contact whatsapp +86 138 0013 8000"))
    assert v.label == "offer" and "pill press" in {s.name for s in v.substances}, (v.score, v.substances)


def test_a_pill_name_phrase_keeps_its_strength(scanner: Scanner) -> None:
    # "Blue 30s" is also "Blue 30" (a context-only variant) with a plural s: the outright name wins
    v = scanner.scan_item(Item(text="Blue 30s $15 each, shipping USA only, wickr: bluesplug"))
    assert v.label == "offer", (v.score, [(e.signal, e.text) for e in v.evidence])


def test_study_season_is_no_news(extractor: SignalExtractor) -> None:
    assert "news" not in extractor.extract("Adderall 30mg for sale, study season deal, $8 a pill").features
    assert "news" in extractor.extract("A new study finds adderall misuse is rising").features


def test_an_ordinary_word_stays_ordinary_under_every_reading(scanner: Scanner) -> None:
    # "Molly" is ordinary-word slang for MDMA and also matches a lexicon misspelling row of another drug;
    # with "ticket" (ordinary-word LSD slang) it is a concert ticket, not two drugs
    v = scanner.scan_item(Item(text="Selling my ticket for the Molly Tuttle concert, DM"))
    assert v.label != "offer" and not v.substances, (v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    "text",
    [
        "Popsicle sale today, $2 each, DM to order",  # long-tail DEA slang that is an English word
        "Congrats to our winners @Kryptonite_123 and @Roxanne_x, $100 USDT each, DM us",
        "5 meses después seguimos esperando, escríbeme",  # "mese" + plural s would be Spanish "months"
    ],
)
def test_english_words_of_long_tail_slang_lists_are_no_drug_alone(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label != "offer" and not v.substances, (text, v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize(
    "text",
    [
        "Cocaine: An Unauthorized Biography (paperback)",
        "Funny weed leaf t-shirt, all sizes, $20",
        "Vintage heroin chic movie poster 24x36",
        "Narcos documentary DVD box set, cocaine cartel series",
        # apparel and TV-series props (session 10)
        "Kush cotton sweatpants, size M, $25",
        "Breaking Bad crystal meth prop replica, blue candy, $15",
    ],
)
def test_media_and_merchandise_about_drugs_are_no_offer(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text, kind="listing"))
    assert v.label != "offer", (text, v.score, [(e.signal, e.text) for e in v.evidence])


@pytest.mark.parametrize("text", ["Cartel Coke 3.5g", "1000mg Etazene Powder - WARNING"])
def test_news_words_in_a_listing_title_are_the_sellers(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text, kind="listing"))
    assert v.label == "offer", (text, v.score, [(e.signal, e.text) for e in v.evidence])


def test_a_generic_drug_word_in_a_cloud_of_tags_is_a_topic(scanner: Scanner) -> None:
    # data and hacking spam tags every illicit topic, "#毒品" (drugs) among them (session 24: offers at 0.57-0.93)
    text = (
        "快递记录出单 感谢支持！一手中通 在线收单\n #开盒 #暗网 #暗网教程 #查档 #社工库 #个人信息 #毒品 #黑客 #深网 "
        "#信用卡 #灰产 #定位 #户籍"
    )
    v = scanner.scan_item(Item(text=text))
    assert v.label != "offer", [(e.signal, e.text) for e in v.evidence]


def test_a_generic_drug_word_with_few_tags_still_counts(scanner: Scanner) -> None:
    assert scanner.scan_item(Item(text="#마약 판매 텔레그램 문의")).label == "offer"


def test_a_generic_drug_word_among_sellers_tags_still_counts(scanner: Scanner) -> None:
    # an ad written in tags: its other tags are sale, contact and shipping words, no topics (review of
    # session 24)
    assert scanner.scan_item(Item(text="#마약 #판매 #텔레그램 #문의 #배송 #안전 텔레 @abc")).label == "offer"

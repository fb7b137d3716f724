"""Reports of arrests, charges and sentences are no offers (session 17).

A sale, contact, shipping or payment cue told after an arrest word in the same sentence is what someone else did:
"Police arrested a dealer selling meth over Telegram" was an offer at 0.52 and "Cảnh sát bắt đối tượng bán ma túy
đá qua Zalo" one at 0.52 after the session's retraining. The cue is shown as `intent:<cue>:reported` and not scored.
A seller's own sale in the next sentence is still one. Sentences written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner

REPORTS = [
    "Police arrest man selling fentanyl via Snapchat",
    "Police arrested a dealer selling meth over Telegram",
    "Man charged with selling fentanyl pills on Snapchat, police say",
    "Teen sentenced for selling counterfeit oxycodone through Instagram, paid by Cash App",
    "Policía detuvo a joven que vende cocaína por WhatsApp",
    "Cảnh sát bắt đối tượng bán ma túy đá qua Zalo",
    "警方抓获一名通过微信出售冰毒的男子",
    "Задержан мужчина, продававший мефедрон через Telegram",
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_sale_told_after_an_arrest_is_reported(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert any(e.signal.endswith(":reported") for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    "text",
    [
        # Negated arrests are a seller's boast.
        "Продаю мефедрон, ни разу не задержали, закладки по Москве, пиши в телеграм",
        "Bán ma túy đá, không sợ bị bắt, ship toàn quốc, Zalo 0912345678",
        "Cops can't arrest you for what they can't find, oxy 30s in stock, ship same day, wickr: pillman",
        # The drugs are named before the arrest word: the writer's own list.
        "xanax bars, lean, percs - got arrested once, still shipping worldwide, telegram @barsman",
        # Words left out as ambiguous: sold out, batteries, a bus stop, a party.
        "Busted my last batch of edibles in an hour, selling more THC gummies tomorrow, dm",
        "THC carts 1g, batteries fully charged, selling for $30 each, dm me",
        "Consegna alla fermata della metro, vendo cocaina, scrivimi su Telegram",
        "Se prende la fiesta, vendo perico y mota, envíos, WhatsApp",
        # A seller's guarantee and boast in Chinese ("caught, we refund", "never arrested"): the sale word comes first.
        "冰毒出售，被抓包赔，微信联系",
        "出售冰毒，从未被捕，微信联系",
    ],
)
def test_a_sellers_post_that_mentions_arrests_stays_an_offer(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text)
    assert not any(e.signal.endswith(":reported") for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    "text",
    [
        # Japanese and Korean negate after the arrest word ("no arrest record", "never caught") and Chinese sellers
        # guarantee after it. (The arrest word is still a news cue, so these sit near the threshold; the sale is the
        # writer's all the same.) Each line is reported without _ARREST_NEGATED_AFTER.
        "逮捕歴なし 大麻販売中、テレグラムで連絡",
        "검거된 적 없음 필로폰 판매합니다 텔레그램 문의",
        "被抓包赔，冰毒，微信联系",  # a guarantee: "caught, we refund"
    ],
)
def test_an_arrest_negated_after_it_reports_nothing(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert not any(e.signal.endswith(":reported") for e in v.evidence), v.evidence


def test_a_sale_in_the_next_sentence_is_not_reported(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="Got arrested last year lol. Selling xanax bars now, dm me"))
    signals = {e.text.lower(): e.signal for e in v.evidence}
    assert signals["selling"] == "intent:sell" and signals["dm me"] == "intent:contact"


def test_a_sale_without_an_arrest_stays_an_offer(scanner: Scanner) -> None:
    assert_offer(scanner, "selling xanax bars, dm me")

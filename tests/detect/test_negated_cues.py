"""Sale and contact cues after a negation ("not selling", "don't DM", "no vendo"). Texts written for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner

TRIP_REPORT = (
    "Long post incoming. So I finally tried shrooms last weekend, 2g of golden teachers, with my best friends at a "
    "cabin. Set and setting matter. We had a sitter, tested everything, drank lots of water. Would recommend reading "
    "the harm reduction wiki before anyone tries it. Not selling anything, don't DM."
)


@pytest.mark.parametrize(
    "text",
    [
        TRIP_REPORT,  # an offer at 0.95 before
        "Not selling anything, don't DM me about the weed",
        "I don't sell coke, stop asking",
        "no vendo marihuana, no me escriban",
        "не продаю мефедрон, не пишите",
        "we are not selling xanax anymore",
        # Chinese, Thai and Korean write the negation against the cue, Japanese and Korean after it (session 13)
        "本店不出售曲马多",  # this shop does not sell tramadol (an offer at 0.79 before)
        "当店では大麻を販売していません",
        "大麻の販売は行っておりません",
        "필로폰 판매하지 않습니다",
        "필로폰 판매 금지",
        "필로폰 안 팝니다",
        "ร้านเราไม่ขายกัญชา",
    ],
)
def test_a_negated_sale_is_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, offer=False)


def test_the_reviewer_sees_the_negated_cue(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="Not selling anything, don't DM me about the weed"))
    signals = {e.signal: e for e in v.evidence}
    assert signals["intent:sell:negated"].text == "selling" and signals["intent:sell:negated"].weight == 0.0
    assert "intent:contact:negated" in signals


@pytest.mark.parametrize(
    "text",
    [
        "xanax bars for sale, dm me",
        "selling percs, no lowballs, dm",  # the negation belongs to another word
        "no questions asked, xanax for sale dm",
        "oxycodone 30mg, no prescription needed, dm me",  # "no prescription" is a sale cue of its own
        "One stop shop selling weed, carts and shrooms, dm me",  # no negation
        "no limit selling xanax bars, dm me",
    ],
)
def test_an_unnegated_sale_stays_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("I would never be selling coke to kids", True),
        ("we are no longer selling xanax", True),
        ("non stop selling percs all day, dm", False),
        ("One stop shop selling weed", False),
        # Arabic "لا"/"ولا" before the verb (session 24: a licensed pharmacy's page was an offer at 0.96)
        ("صيدلية مرخصة: ليريكا وترامادول بوصفة طبية فقط، ولا نبيع أي دواء بدون روشتة", True),
        ("نبيع ترامادول بدون روشتة، واتساب", False),
        ("مش بنبيع ترامادول من غير روشتة، الصيدلية ملتزمة بالقانون", True),  # the dialects' "ب" before the verb
    ],
)
def test_which_words_negate(scanner: Scanner, text: str, negated: bool) -> None:
    signals = {h.signal for h in scanner.extractor.extract(text).hits}
    assert ("intent:sell:negated" in signals) is negated and ("intent:sell" in signals) is not negated


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Vendo maconha, chama no zap", False),  # Portuguese "no" is "in the": call me on WhatsApp
        ("Maconha, me chame no zap", False),
        ("Não vendo maconha, não chama no zap", True),  # the verb of calling is negated
        ("maconha, no zap please", True),
    ],
)
def test_portuguese_no_after_a_verb_of_calling_is_no_negation(scanner: Scanner, text: str, negated: bool) -> None:
    signals = {h.signal for h in scanner.extractor.extract(text).hits}
    assert ("intent:contact:negated" in signals) is negated and ("intent:contact" in signals) is not negated


@pytest.mark.parametrize(
    "text",
    [
        "冰毒出售，不要问，直接联系",
        "抖音老号，级别qq号，实力卡商",  # "别" ends "级别" (level)
        "ขายกัญชา ดอกสวย ไม่ขายให้เด็กต่ำกว่า 20 ปี ทักไลน์",  # no sale to minors: a restriction
        "期間限定特別セールです",  # "特別" (special)
    ],
)
def test_words_that_only_look_like_a_negation(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text), 0)
    assert not any(e.signal.endswith(":negated") for e in v.evidence)


def test_arabic_wala_before_a_contact_is_or(scanner: Scanner) -> None:
    # "تلي ولا واتساب": Telegram or WhatsApp; the Arabic negations negate sale verbs only (session 24 review)
    signals = {h.signal for h in scanner.extractor.extract("حشيش مغربي، الجرام ب 50 ريال، تلي ولا واتساب").hits}
    assert not any(s.endswith(":negated") for s in signals), signals

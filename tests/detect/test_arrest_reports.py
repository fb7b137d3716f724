"""Reports of arrests, charges and sentences are no offers (session 17).

A sale, contact, shipping or payment cue told after an arrest word in the same sentence is what someone else did:
"Police arrested a dealer selling meth over Telegram" was an offer at 0.52 and "Cảnh sát bắt đối tượng bán ma túy
đá qua Zalo" one at 0.52 after the session's retraining. The cue is shown as `intent:<cue>:reported` and not scored.
A seller's own sale in the next sentence is still one. Sentences written for this test.

Session 19: headlines tell the sale first and the arrest last, in the same clause ("텔레그램으로 필로폰 판매한 일당 검거"
was an offer at 0.67, "通过微信出售大麻的团伙落网" at 0.99); a seller who mentions an arrest does it in a clause of its
own, or as one the writer escapes ("cant get arrested", "从不落网"), which is no news either."""

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


# Session 19: headlines that tell the sale first and the arrest last.
HEADLINES = [
    "텔레그램으로 필로폰 판매한 일당 검거",
    "인스타그램으로 대마초 판매한 20대 체포",
    "通过微信出售大麻的团伙落网",
    "微信贩卖冰毒 男子被刑拘",
    "SNSで覚醒剤を販売した疑いで男を逮捕",
    "Woman accused of selling meth on Facebook arrested",
    "Dealer who sold fentanyl pills through Snapchat arrested in Denver",
    "Man selling meth on Telegram... arrested in Ohio",  # an ellipsis joins a headline's two halves
    "인스타그램으로 대마초 판매하던 20대 구속",
    "Teen selling fentanyl pills on Snapchat has been arrested",
    # Session 20: Vietnamese headlines open the clause with the arrested ("đối tượng", a suspect) before the sale.
    "Đối tượng bán ma túy đá qua Zalo bị bắt",  # was an offer at 0.68
    "Đối tượng bán ma túy đá qua Zalo với giá 500 nghìn đồng bị khởi tố",
    # the review's: brothers, a name and a birth year, a rate's slash, what the arrested was doing, not yet arrested
    "Hai anh em bán ma túy đá qua Zalo bị bắt",
    "[Video] Đối tượng Nguyễn Văn Hùng (SN 1995) bán ma túy đá qua Zalo bị bắt",
    "Đối tượng bán ma túy đá 500 nghìn đồng/gói qua Zalo bị bắt",
    "Nam thanh niên bán ma túy đá qua Zalo bị bắt khi đang giao hàng",
    "Đối tượng bán cần sa qua Telegram vẫn chưa bị bắt",
    # the third review's: a younger brother is no first person, "US" no "us", an amount no phone; caught for selling
    "Bắt quả tang em trai bán ma túy đá qua Zalo",
    "US man selling fentanyl pills on Snapchat arrested",
    "Man selling $10 000 000 of cocaine on Telegram arrested",
    "Sa lưới vì bán ma túy qua Telegram",
    # Session 21: a site's name ends no English clause (was an offer at 0.69)
    "Teen selling Xanax on Snapchat.com arrested",
    "Woman selling counterfeit Adderall on Amazon.co.uk arrested",
    # a comma of a list of drugs parts no clause (the first was an offer at 0.71)
    "Người phụ nữ bán thuốc lắc, ketamine, ma túy đá qua Zalo bị bắt",
    "Woman selling meth, heroin and fentanyl pills on Facebook arrested",
    "通过微信出售冰毒、K粉的团伙落网",
]


@pytest.mark.parametrize("text", REPORTS + HEADLINES)
def test_a_sale_told_with_an_arrest_is_reported(scanner: Scanner, text: str) -> None:
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
        # Session 19: an arrest after the seller's cue that did not happen (a boast, a risk, a guarantee).
        "selling fent pills cant get arrested if u use telegram",
        "出售冰毒 安全 不会被抓 加微信",  # "won't be caught"
        "冰毒出售 从不落网 微信联系",  # "never caught"
        "필로폰 판매 검거 걱정 없음 텔레 문의",  # "no worry of arrest"
        # the third review's: dealers in other languages end with the risk they spare the buyer (only English and
        # CJK headlines are read with the arrest last)
        "Vendo cocaína entrega rápida sem medo de ser detido pix",
        "Verkaufe Kokain und MDMA Lieferung Telegram ohne Risiko festgenommen zu werden",
        "Bán ketamine giao tận nơi zalo 0987654321 bị bắt đền gấp đôi",
        # Session 20: a Vietnamese arrest after a clause that opens with the sale, not with someone sold of; a
        # first person ("our group", "my friend"), a guarantee, a phone number are a dealer's (the review's lines)
        "Bán ma túy đá ship toàn quốc, bạn em bị bắt nên xả hàng, zalo 0912345678",
        "Nhóm mình bán ketamine giao tận nơi zalo 0987654321 bị bắt đền gấp đôi",  # was talk at 0.02 in a draft
        "Nhóm mình bán cần sa Thái giá 300k ship toàn quốc zalo 0909123456 bạn em bị bắt",
        "Thanh niên bán cần sa 300k/gram ship COD zalo 0909123456 bị bắt",
        # "sa lưới" told by a seller of others, before their own sale (the second review's)
        "Sa lưới bên kia rồi, giờ bên em bán ketamine giá tốt ship toàn quốc",
        # Session 21: a list of drugs and then the seller's own story
        "selling xans, percs, my plug got arrested so hmu",
        "Bán ma túy đá, ketamine, thuốc lắc ship toàn quốc, bạn em bị bắt nên xả hàng, zalo 0912345678",
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
        # Session 19: an arrest after the seller's cue in a clause of its own or a mood of its own.
        # The arrest word still counts as news here, so these sit near the threshold; the sale is the writer's.
        "selling xanax bars, dm me, got arrested once but still here",  # the arrest in a clause of its own
        "Selling blues and percs on snap dont worry about getting arrested",  # an arrest the buyer could suffer
    ],
)
def test_an_arrest_the_sale_is_not_told_with_reports_nothing(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert not any(e.signal.endswith(":reported") for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    ("text", "word"),
    [("Selling percs no cap never been arrested hmu", "arrested"), ("出售冰毒，从未被捕，微信联系", "被捕"),
     ("大麻販売 逮捕の心配なし テレグラム", "逮捕"), ("冰毒出售 从不落网 微信联系", "落网"),
     ("出售冰毒 微信支付 客户无一人被捕", "被捕"),
     # Session 20: Vietnamese guarantees after the word, "arrested: we refund, pay double, one for two" (0.07-0.37)
     ("Bán cần sa ship COD bao bị bắt hoàn tiền", "bị bắt"),
     ("bán ketamine ship tận nơi bị bắt đền gấp đôi", "bị bắt"),
     ("Nhóm bán thuốc lắc uy tín nhất Sài Gòn bị bắt 1 đền 2", "bị bắt"),
     ("Bán cần sa ship COD bao bị bắt hoàn tiền, hàng chuẩn như quảng cáo", "bị bắt")],  # "as advertised": a seller's
)
def test_a_boasted_arrest_is_no_news(scanner: Scanner, text: str, word: str) -> None:
    v = assert_offer(scanner, text)
    assert {e.signal for e in v.evidence if e.text == word} == {"intent:news:negated"}, v.evidence


@pytest.mark.parametrize(
    "text",
    [
        "No arrests in Telegram meth sales case",
        "Dealer selling fentanyl on Telegram still not arrested",
        # Session 20: Vietnamese news says "nobody", "never" as a boast would: no boast is read before the word
        "Người bán ma túy qua Zalo vẫn chưa bị bắt",  # "still not arrested"
        "Vì sao kẻ bán ma túy qua Telegram không bao giờ bị bắt?",  # "why are ... never arrested?"
        "Vụ bán heroin ở chợ: đến nay không ai bị bắt",  # "so far nobody arrested"
        "Kẻ bán ma túy đá khét tiếng, chưa từng bị bắt",  # "notorious, never arrested"
    ],
)
def test_news_that_negates_an_arrest_keeps_its_news_cue(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert not any(e.signal == "intent:news:negated" for e in v.evidence), v.evidence


def test_a_sale_in_the_next_sentence_is_not_reported(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="Got arrested last year lol. Selling xanax bars now, dm me"))
    signals = {e.text.lower(): e.signal for e in v.evidence}
    assert signals["selling"] == "intent:sell" and signals["dm me"] == "intent:contact"


def test_a_sale_without_an_arrest_stays_an_offer(scanner: Scanner) -> None:
    assert_offer(scanner, "selling xanax bars, dm me")


def test_a_sellers_own_illegal_sale_stays_an_offer(scanner: Scanner) -> None:
    # the writer's boast is no report (review of session 24: discussion at 0.19)
    assert_offer(scanner, "we're illegally selling premium cali weed lol, dm on telegram, $200 oz")


@pytest.mark.parametrize(
    "text",
    [
        # a sale the writer calls illegal is someone else's, told (session 24: an offer at 0.88)
        "Store owner accused of illegally selling THC gummies to teens",
        "ลูกชายที่ลักลอบขายฝิ่น ถูกลงโทษ",  # the son who secretly sold opium
    ],
)
def test_an_illegal_sale_is_a_report(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label != "offer"
    assert any(e.signal == "intent:sell:reported" for e in v.evidence), [(e.signal, e.text) for e in v.evidence]

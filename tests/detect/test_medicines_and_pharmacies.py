"""Medicines outside the controlled lists, supplements and pharmacies' pages (session 22: a reviewer's lawful lines
were offers at 0.81-0.999), and the List I chemicals of 21 CFR 1310.02 sold by chemical vendors. Sentences written
for this test."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect._goods import _RX_REQUIRED
from narcotrace.detect.signals import load_intent_terms


@pytest.mark.parametrize(
    "text",
    [
        "Melatonin 10mg gummies, 120 ct, $8.49",  # "gummies" is cannabis slang; melatonin vouches for no slang
        "Melatonin 5mg, 60 tablets, $4.99 at Costco",
        "Ibuprofen 200mg, 100 tablets, $6.99",
    ],
)
def test_an_unscheduled_medicine_with_a_dose_and_a_price_is_no_catalogue_line(scanner: Scanner, text: str) -> None:
    """A RedMed medicine outside the controlled lists, named with a dose and a price, is what every pharmacy and shop
    lists: no catalogue line, so no offer in a post."""
    v = assert_offer(scanner, text, offer=False)
    assert "cannabis" not in {s.name for s in v.substances}


@pytest.mark.parametrize(
    "text",
    [
        "Metformin 500mg 100 tablets $9.99, no prescription needed, discreet shipping",
        "Oxycodone 30mg, 100 tablets, $600",  # a controlled medicine's catalogue line stays one
        "Tramadol 50mg 100 pills $120 discreet shipping",
    ],
)
def test_a_medicine_sold_with_a_sellers_cue_stays_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        ("Oxycodone 5mg tablets are a Schedule II controlled substance. We can only fill them with a valid "
        "e-prescription from your prescriber. Delivery to your door."),
        ("Gabapentin 100mg capsules for cats, 30 ct, $14.99. Veterinary prescription required: we contact your vet "
        "for approval before shipping."),
        "处方药：阿普唑仑片 0.4mg×20片，凭医生处方购买，药师审核后发货。",
        ("Tilidin 50/4 mg, 20 Retardtabletten. Verschreibungspflichtig (BtM-Rezept erforderlich). Bitte Rezept per Post "
        "an unsere Versandapotheke."),
        "Ozempic now in stock at our pharmacy. Prescription required. Call us to check your insurance coverage.",
        # a review's pages (session 22): cards and PayPal, a restated requirement, the page's own "but" and "usually"
        ("Tilidin 50mg/4mg Retardtabletten, verschreibungspflichtig, BtM-Rezept erforderlich. Zahlung per PayPal oder "
        "auf Rechnung, Versand in 24h."),
        ("This medicine is not available without a valid prescription. Oxycodone 5mg tablets, 28 pack. Free delivery "
        "to your door."),
        "Tramadol 50mg capsules: we only dispense with a valid prescription but delivery is free on all orders.",
        "Follow our pharmacy on Telegram for updates. Tramadol 50mg requires a prescription. Home delivery available.",
    ],
)
def test_a_pharmacy_that_requires_the_prescription_offers_nothing(scanner: Scanner, text: str) -> None:
    """Its delivery, contact and sale words are the pharmacy's service: shown as intent:<cue>:pharmacy, weight 0."""
    v = assert_offer(scanner, text, offer=False, kind="page")
    service = [e for e in v.evidence if e.signal.startswith("intent:") and e.signal.count(":") == 2]
    assert all(e.weight == 0.0 for e in service)
    if "Versandapotheke" not in text:  # that page's only shipping word is inside "Versandapotheke" (mail-order pharmacy)
        assert service


@pytest.mark.parametrize(
    "text",
    [
        "Xanax 2mg bars, no prescription required, discreet shipping, whatsapp",  # the requirement waived
        "Oxy 30s $25 each, valid prescription not needed, ship or meet, text me",
        "Oxy 30s $25 each, prescription required? nah. Ship or meet, text me",
        # a review's dealers (session 22): the requirement contrasted, a dealer's messenger or payment app
        "Adderall 30mg $10 each, with a prescription or without, hmu on snap",
        "Tilidin 100/8 Tropfen, eigentlich BtM-Rezept, bei mir einfach so, Versand diskret, Telegram @tilishop",
        "Fentanyl patches 100mcg, valid prescription at the pharmacy, mine $40 each, wickr fentyfam",
        "Vendo clonazepam 2mg, no necesitas receta electrónica, envíos a todo México, WhatsApp 55 1234 5678",
        "出售处方药 安眠药 三唑仑 加微信 yaobao888 货到付款",
    ],
)
def test_a_waived_prescription_keeps_the_sellers_cues(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)


def test_every_prescription_requirement_is_a_pharmacy_cue() -> None:
    pharmacy = {t.lower() for t, s, _, _ in load_intent_terms() if s == "pharmacy"}
    assert _RX_REQUIRED <= pharmacy, sorted(_RX_REQUIRED - pharmacy)


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("تحذير: لا تشترِ أي دواء إلا من صيدلية مرخصة، وبلغ عن أي حساب مشبوه يبيع حبوب", False),  # شبو in مشبوه
        ("والشبو متوفر، واتساب", True),  # the conjunction and the article joined before it
        ("حشيشة للبيع واتساب", True),  # the feminine ending after it
        ("خصم عالحشيش المغربي، توصيل لكل المناطق، واتساب", True),  # dialect عال (على ال) before it (a review's)
        ("#حشيشللبيع تواصل خاص", True),  # run into the next word in a hashtag
        ("ترامادولاتكم جاهزة، للبيع، توصيل، واتساب", True),  # a long term takes any ending
        ("فروش تریاکم تموم شد ولی شیشه داریم، ارسال فوری، تلگرام", True),  # a Persian pronoun ending
    ],
)
def test_an_arabic_term_is_a_word_with_its_clitics_not_a_piece_of_another(
    scanner: Scanner, text: str, offer: bool
) -> None:
    v = assert_offer(scanner, text, offer=offer)
    if not offer:
        assert "methamphetamine" not in {s.name for s in v.substances}
        assert not [e for e in v.evidence if e.signal == "slang:methamphetamine"]


@pytest.mark.parametrize(
    "text",
    [
        "Red phosphorus and iodine crystals for sale, bulk, shipping worldwide. Contact for price",  # was none at 0.07
        "Propionyl chloride 99%, safe delivery to Mexico, whatsapp",
        "benzyl cyanide 99% in stock, wickr",
    ],
)
def test_a_list_one_chemical_for_sale_is_an_offer(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text)
    assert {s.cls for s in v.substances} == {"precursor"}


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("We do not sell any THC, cannabis or CBD products. Orders ship next day.", False),  # a vape shop's footer
        ("We dont sell weed, only CBD", False),
        ("No vendemos marihuana. Envíos a todo el país de nuestros vapers, pedidos por WhatsApp", False),
        ("We do not sell to minors. Weed $20 an eighth, dm me", True),  # a restriction on whom, not on what
        ("I do not sell cocaine. But I have weed for sale, dm", True),  # the next sentence sells
        # a review's dealers: the statement ends where the clause turns to what is sold, or is about an amount
        ("we don't sell fake pills, only real M30s $25 dm", True),
        ("We don't sell singles, xanax bars 10 for $50, ship nationwide", True),
        ("No vendemos por menos de 5g, cocaína a 60€ el gramo, Telegram @blanca_es", True),
        ("不卖假货，冰毒一克800，微信联系", True),
        ("มีสินค้าหลายตัวให้เลือก ❌ไม่ขายให้เด็กต่ำกว่า🔞❌ #สายเขียว #สายควัน #กัญชา #กัญชาog #กัญชากรุงเทพ", True),  # no sale to minors
    ],
)
def test_what_a_shop_says_it_does_not_sell_is_not_on_offer(scanner: Scanner, text: str, offer: bool) -> None:
    assert_offer(scanner, text, offer=offer)


@pytest.mark.parametrize(
    "text",
    [
        # a warning names the sellers' shops illegal or rogue, and explains the emoji code (session 24 probe: offers
        # at 0.62-0.69)
        (
            "DEA warns about illegal online pharmacies selling counterfeit pills. Sites claim to be U.S. "
            "based, offer deep discounts and ship without a prescription. Many of the pills contained "
            "fentanyl."
        ),
        (
            "Parents: know the emoji code. 🔌 can mean a dealer, 💊 and 🍌 can mean fake oxycodone, ❄️ cocaine. "
            "Talk to your kids about fake pills."
        ),
    ],
)
def test_a_warning_about_online_sellers_is_no_offer(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label == "discussion", (v.label, [(e.signal, e.text) for e in v.evidence])


def test_a_sellers_denial_of_being_a_rogue_pharmacy_is_no_warning(scanner: Scanner) -> None:
    # session 24 review: "rogue online pharmacy" is a warning's word, but not in a seller's "We are not a rogue ..."
    text = "We are not a rogue online pharmacy! Buy Oxycodone 30mg without prescription, overnight delivery, pay with bitcoin"
    assert_offer(scanner, text)


@pytest.mark.parametrize(
    "text",
    [
        # a medicine outside the controlled lists named with what it treats is an over-the-counter pack (session 24
        # probe of marketplace listings: offers at 0.93-0.998)
        "Ibuprofen 200mg Tablets 500 Count Pain Reliever",
        "Loratadine 10mg 365 Tablets Non Drowsy Allergy",
        "Melatonin 10mg Gummies 120 ct Sleep Aid",
        "Loperamide 2mg 24 Caplets Anti Diarrheal",
    ],
)
def test_an_over_the_counter_pack_is_no_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing", offer=False)


@pytest.mark.parametrize(
    "text",
    [
        "Tramadol 50mg 100 tabs pain relief",  # a controlled medicine
        "Metformin 500mg pain reliever no prescription needed, discreet shipping",  # the prescription waived
        "THC Gummies 10mg sleep aid",
    ],
)
def test_a_controlled_drug_or_a_waived_prescription_beside_a_purpose_stays_an_offer(
    scanner: Scanner, text: str
) -> None:
    assert_offer(scanner, text, kind="listing")


@pytest.mark.parametrize(
    "text",
    [
        "LSD Sound Grid Bass Vinyl LP",
        "Weed Shop 3 Nintendo Switch Game Code",
        "OG Kush Scented Candle 12 oz Wood Wick Gift",  # scented after a strain
        "Sour Diesel Air Freshener Car Hanging 3 Pack",
    ],
)
def test_records_and_games_named_after_a_drug_are_media(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text, kind="listing", offer=False)


def test_a_prescription_required_without_exception_is_still_required(scanner: Scanner) -> None:
    # "without exception" keeps the rule (review of session 24: the shipping word counted, 0.10 -> 0.49)
    text = "Prescription required without exception. Tramadol 50mg $25, we ship to all states."
    v = scanner.scan_item(Item(text=text, kind="page"))
    signals = [(e.signal, e.text) for e in v.evidence]
    assert any(s == "intent:shipping:pharmacy" for s, _ in signals), signals


@pytest.mark.parametrize(
    "text",
    [
        # a scheduled medicine of the KB's prescription class, or a dealer's tool, keeps the offer beside a pack's
        # purpose (session 24 review: none at 0.08-0.13)
        "Zolpidem 10mg sleep aid 30 tabs $60, discreet shipping, wickr",
        "Modafinil 200mg non-drowsy, 100 tabs $120, ships worldwide, pay btc",
        "Gabapentin 800mg pain relief, 100 pills $80, cashapp, dm me",
    ],
)
def test_a_scheduled_medicine_or_a_dealers_tool_beside_a_purpose_stays_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)

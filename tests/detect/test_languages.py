"""Offers and news in languages whose street names and cues came in session 5 (ar, tr, fa, id, vi, ru, uk, pt,
es, nl, fr), session 8 (pl), session 9 (hi, fi, el, he, ur, bn, tl, sw), session 10 (cs, sk, hu, ro, sh, sv, da, no)
and session 12 (lt, lv, sl, bg, ca, ms): sentences written for this test, scanned with the shipped model."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect.lexicon import PhraseMatcher

OFFERS = [
    ("ar", "كبتاجون للبيع، توصيل لجميع المدن، تواصل واتساب +966 50 123 4567", "fenethylline"),
    ("tr", "Satılık bonzai ve esrar, kapıda teslim, telegram @bonzaishop", "cannabis"),
    ("id", "Jual sabu dan ganja, pengiriman aman, hubungi WA 0812 3456 7890", "cannabis"),
    ("vi", "Bán thuốc lắc giá rẻ, giao hàng toàn quốc, liên hệ zalo 0912345678", "mdma"),
    ("fa", "فروش تریاک و شیشه، ارسال به تمام شهرها، تلگرام @abcshop", "opium"),
    ("ru", "Продам мефедрон, закладки по городу, телеграм @shopmeow", "mephedrone"),
    ("uk", "Продаж канабісу, доставка по Києву, пиши в телеграм @kyivshop", "cannabis"),
    ("pt", "Vendo maconha e cocaina, entrega rapida, chama no whats", "cocaine"),
    ("es", "Vendo perico y tusi, envios a domicilio, escribeme al whatsapp", "2c-b"),
    ("nl", "Wiet en coke te koop, bezorging in heel Amsterdam, app me via telegram", "cannabis"),
    ("pl", "Sprzedam mefedron i klefedron, wysyłka paczkomat, pisz na priv", "mephedrone"),
    ("pl-amf", "Sprzedam amfetaminę, wysyłka cała Polska, płatność blikiem", "amphetamine"),
    ("ru-pvp", "Продаю альфа-ПВП, закладки по городу, телеграм @shopmeow", "alpha-pvp"),
    ("zh-precursor", "出售 高纯度 麻黄素 99%, 量大从优, 加微信", "ephedrine"),
    ("ko-jamo", "안전한업체 품질보장 #엑스터ㅅㅣ ㄱㅜ입 TEL:MT2438", "mdma"),
    ("ru-shop", "Гашиш, бошки, амф - закладки по всему городу. Работаем 24/7", "cannabis"),
    ("ru-bot", "Купить меф в Питере через бота, гарантия качества", "mephedrone"),
    ("hi", "मैं गांजा बेचता हूं, डिलीवरी दिल्ली, व्हाट्सएप करें", "cannabis"),
    ("hi-charas", "चरस और गांजा उपलब्ध है, होम डिलीवरी, संपर्क करें +91 98765 43210", "cannabis"),
    ("hi-smack", "स्मैक 5 ग्राम 2000 रुपये, व्हाट्सएप करें", "heroin"),
    ("hi-mephedrone", "मेफेड्रोन बिक्री के लिए, टेलीग्राम @mumbai_plug", "mephedrone"),
    ("fi", "Myydään kokaiinia ja amfetamiinia, toimitus Helsinki, telegram @hki_shop", "cocaine"),
    ("el", "Πωλείται κοκαΐνη, παράδοση Αθήνα, telegram @ath", "cocaine"),
    ("el-caps", "ΠΩΛΕΙΤΑΙ ΚΟΚΑΪΝΗ, ΑΠΟΣΤΟΛΗ ΠΑΝΤΟΥ", "cocaine"),
    ("he", "מוכר קוקאין וחשיש, משלוחים בתל אביב, טלגרם @tlv", "cocaine"),
    ("ur", "چرس اور ہیروئن دستیاب ہے، ہوم ڈیلیوری، واٹس ایپ کریں", "heroin"),
    ("bn", "গাঁজা বিক্রি করি, হোম ডেলিভারি, হোয়াটসঅ্যাপ করুন", "cannabis"),
    ("bn-phensedyl", "ইয়াবা ও ফেনসিডিল বিক্রি, যোগাযোগ করুন 01712345678", "codeine"),
    ("tl", "Nagbebenta ng shabu at marijuana, COD Manila, text 09171234567", "methamphetamine"),
    ("sw", "Nauza bangi na heroini, wasiliana nami 0712345678", "cannabis"),
    # A drug's own name in its language counts alone, however often the language's text names it (session 10: the
    # Spanish "marihuana" and these names counted only beside another drug word)
    ("es-marihuana", "Vendo marihuana, envíos a todo el país", "cannabis"),
    ("ar-cocaine", "كوكايين نقي، توصيل سريع، تواصل واتساب", "cocaine"),
    ("ru-lsd", "ЛСД марки, закладки по городу, телеграм @x", "lsd"),
    ("tr-heroin", "Eroin satılık, kapıda teslim, telegram @x", "heroin"),
    # cues of session 10 (the drug names were known; the sale, contact and delivery words were not)
    ("cs", "Prodám pervitin a trávu, Praha, piš na telegram", "methamphetamine"),
    ("sk", "Predám pervitín, doručenie Bratislava, píš na telegram", "methamphetamine"),
    ("hu", "Eladó kokain és fű, szállítás Budapesten, írj telegramon", "cocaine"),
    ("ro", "Vând cocaină și iarbă, livrare în București, scrie-mi pe telegram", "cocaine"),
    ("sh", "Prodajem kokain i travu, dostava Beograd, piši na telegram", "cocaine"),
    ("sv", "Säljer kokain och hasch, leverans i Stockholm, skriv på telegram @x", "cocaine"),
    ("ko-drop", "필로폰 던지기 전국 텔레 @abc", "methamphetamine"),  # 던지기: the dead-drop method (연합뉴스)
    # a drug's name with a case ending (session 11: these were none)
    ("hu-accusative", "Kokaint árulok, Budapest, telegram", "cocaine"),
    ("cs-accusative", "Mám kokainu na prodej, Praha", "cocaine"),
    ("lt-genitive", "Parduodu kokaino, telegram", "cocaine"),
    # a name of the a-declension with its ending (session 12: these were none)
    ("cs-a-stem", "Mám marihuanu na prodej, pište", "cannabis"),
    ("sk-a-stem", "Predám marihuanu, doručenie po celom Slovensku", "cannabis"),
    # cues of session 12: the drug names were read, the sale, delivery and payment words were not
    ("lt", "Parduodu kokainą, pristatymas visoje Lietuvoje", "cocaine"),
    ("lv", "Pārdodu kokaīnu, piegāde Rīgā", "cocaine"),
    ("sl", "Prodajam kokain, pošiljam po pošti", "cocaine"),
    ("bg", "Продавам кокаин, изпращам по куриер", "cocaine"),
    ("ca", "Venc cocaïna, enviament a tota Catalunya", "cocaine"),
    ("ms", "Ganja, penghantaran seluruh Malaysia, bayaran dahulu", "cannabis"),
    ("ru-title", "Кокаин VHQ 95% 1г", "cocaine"),  # a shop's title weighed in grams written "г" (was talk)
    ("es-co", "Hay tusi pa la fiesta, domicilios en Medellín, escriban al wpp", "2c-b"),  # Colombian (was 0.13)
    ("id-wa", "Ganja ready, bisa COD, chat WA aja", "cannabis"),  # WhatsApp as "WA", cash on delivery (was 0.12)
    # cues of session 21 (a reviewer's probe of twelve languages): the drug names were read, the contact, delivery and
    # no-prescription words were not
    ("de-meld", "Heroin braun, Gramm 40€, Übergabe in Berlin, meld dich per SMS", "heroin"),  # (was 0.29)
    ("hi-Latn", "Tramadol 225 aur Alprazolam bina parchi, call karo", "alprazolam"),
    ("fr-livre", "Beuh et résine, on livre sur Paris, ajoute moi sur snap", "cannabis"),
    ("ar-wickr", "حشيش للبيع توصيل سري سناب", "cannabis"),
    ("tr-case", "Kokain, uygun fiyata, kargoyla gönderim", "cocaine"),  # Turkish case forms of the cues (was 0.17)
    # terms of session 21 (KB 5ecf6eaeba8a): the sale words were read, the drug names were not
    ("pl-ziolo", "Sprzedam zioło i hasz, dowóz po Warszawie, pisz na Telegramie", "cannabis"),  # (was 0.04)
    ("hi-Latn-afeem", "Afeem aur doda post milta hai, Rajasthan se supply, call ya WhatsApp", "opium"),
    ("en-perc", "perc $8 each, hmu", "oxycodone"),  # an everyday word (a percolator) priced like a pill
    ("ru-alpha", "Соль альфа-PVP 0.5 г 2500 руб, мгновенные клады 24/7, бот в Telegram", "alpha-pvp"),  # (was 0.07)
    # an account suspended ("توقيف الحساب") is no arrest; a strain named "Antique" is no antique
    ("ar-account", "تم توقيف الحساب السابق، حشيش للبيع توصيل سناب", "cannabis"),
    ("en-antique", "Antique Kush and Gelato zips $180, snap me", "cannabis"),
]
NEWS = [
    ("ar", "ضبطت الشرطة 5 ملايين حبة كبتاجون في الميناء"),
    ("tr", "Polis operasyonunda 20 kilo esrar ele geçirildi"),
    ("id", "Polisi menangkap pengedar sabu di Jakarta"),
    ("vi", "Công an bắt giữ đối tượng mua bán thuốc lắc"),
    ("fa", "پلیس ۲۰ کیلو تریاک کشف کرد"),
    ("ru", "Полиция задержала продавца мефедрона"),
    ("pt", "Policia apreende 2 toneladas de maconha no porto"),
    ("pl", "Policjanci zabezpieczyli 200 kilogramów klefedronu, zatrzymano trzy osoby"),
    ("zh-precursor", "感冒药里含有伪麻黄素，药店限购"),
    ("ru-drops", "Полиция нашла закладки с мефедроном в подъезде"),
    ("en-study", "Study: teens buying counterfeit Xanax on social media, DM-based sales rising"),
    ("en-cops", "Cops say the suspect sold fentanyl to a teen over Snapchat"),
    ("en-finance", "Cannabis company reports record quarterly revenue, shares up 12% #cannabis #weed #THC"),
    ("ja-finance", "大麻関連の成長株、決算で売上高が増加 #大麻 #CBD"),
    ("ja-policy", "オーストラリアの州政府が少量の違法薬物の所持を非犯罪化 #コカイン #ヘロイン"),
    ("ja-ftc", "米連邦取引委員会はCBD製品の虚偽表示に措置 #大麻 #CBD"),
    ("ja-help", "薬物問題でお困りの方は、お気軽にご連絡ください。違法薬物に関するQ&Aはこちら #大麻 #覚醒剤"),
    ("hi", "पुलिस ने 20 किलो गांजा बरामद किया, दो तस्कर गिरफ्तार"),
    ("hi-recovery", "नशा मुक्ति केंद्र में स्मैक छुड़ाने का इलाज"),
    ("hi-heroine", "हीरोइन ने नई फिल्म साइन की, शूटिंग अगले महीने, संपर्क करें"),  # a film heroine
    ("fi", "Poliisi takavarikoi 5 kiloa amfetamiinia Helsingissä"),
    ("el", "Η αστυνομία κατάσχεσε 3 κιλά κοκαΐνης, συνελήφθησαν δύο άτομα"),
    ("he", "המשטרה עצרה חשוד ונתפסו 2 ק\"ג קוקאין"),
    ("ur", "پولیس نے 5 کلو چرس برآمد کر لی، ملزم گرفتار"),
    ("bn", "পুলিশ ১০ কেজি গাঁজা উদ্ধার করেছে, দুজন গ্রেপ্তার"),
    ("tl", "Nahuli ng pulis ang nagbebenta ng shabu sa Maynila"),
    ("sw", "Polisi wamekamata kilo 200 za bangi Nairobi"),
    ("it-heroine", "L'eroina del film salva il villaggio, al cinema da venerdì"),  # "eroina" is also "heroine"
    ("hu", "Rendőrség: lefoglaltak 2 kilogramm kokaint"),
    ("sv", "Polisen beslagtog 20 kilo kokain i Malmö"),
    ("ro", "Poliția a confiscat 5 kg de cocaină"),
    ("sh", "Policija zaplenila 10 kilograma kokaina"),
    ("ko-drop", "경찰, 던지기 수법으로 필로폰 판매한 일당 검거"),  # news of the dead-drop method (was 0.64)
    ("en-drops", "Police arrest gang selling meth via dead drops with discreet delivery"),  # (was 0.50)
    ("lt", "Policija sulaikė vyrą su kokainu, pareigūnai konfiskavo 2 kg"),
    ("lv", "Policisti aizturēja vīrieti ar kokaīnu"),
    ("bg", "Полицията задържа мъж с 2 кг кокаин"),
    ("ca", "Els Mossos han detingut dos homes amb cocaïna"),
    # session 21: an Arabic arrest before the sale ("the arrest of a dealer selling hashish via Snapchat"), a
    # pharmacy's availability on prescription, a book, an arrest in romanized Hindi
    ("ar-arrest", "القبض على مروج مخدرات يبيع الحشيش عبر سناب شات في الكويت"),
    ("fr-pharmacy", "Pharmacie : le Doliprane codéiné est disponible uniquement sur ordonnance depuis 2017"),  # (0.63)
    ("fr-book", "Nouveau livre : « Cocaïne, enquête sur la route de la drogue », 22 €, disponible en librairie"),
    ("hi-Latn", "NCB ne Mumbai me 5 kg cocaine pakdi, do log giraftaar"),  # (was 0.87)
    # the session 21 review's: everyday senses of the new terms and cues, a recovery call, an account suspended
    ("pa-Latn", "Chitta kurta pajama for sale, size M, call karo"),  # chitta: white (and heroin)
    ("pl-kompot", "Sprzedam kompot z wiśni domowy, 10 zł słoik, odbiór osobisty"),
    ("pl-swarovski", "Sprzedam kryształy Swarovski, wysyłka paczkomat"),
    ("en-perc", "Glass bong 14 inch with tree perc and ice catcher, $60, shipping available"),
    ("en-hydros", "Hydros water filter bottle, 20 oz, $15, pickup"),
    ("en-recovery", "who's trying to get off fentanyl? the clinic on 5th has suboxone, dm me for the address"),
    ("de-job", "Wir suchen PTA (m/w/d) für unsere Apotheke, Erfahrung mit Betäubungsmitteln wie Methadon, meld dich"),
    ("en-no-rx", "Reading glasses no prescription needed, crystal clear lenses, we ship"),
]
# Groceries whose names are also street slang: ordinary words, not offers.
GROCERIES = [
    ("pl-feta", "Ser feta 200g"),
    ("pl-czekolada", "Czekolada mleczna 100g"),
    ("ru-gravel", "Гравий для аквариума 5 кг"),
]


@pytest.mark.parametrize(("lang", "text", "substance"), OFFERS, ids=[o[0] for o in OFFERS])
def test_offer_is_found(scanner: Scanner, lang: str, text: str, substance: str) -> None:
    v = scanner.scan_item(Item(text=text, id=lang))
    assert v.label == "offer", [e.signal for e in v.evidence]
    assert substance in {s.name for s in v.substances} | {e.signal.split(":", 1)[1] for e in v.evidence if ":" in e.signal}


@pytest.mark.parametrize(("lang", "text"), NEWS, ids=[n[0] for n in NEWS])
def test_news_is_no_offer(scanner: Scanner, lang: str, text: str) -> None:
    assert scanner.scan_item(Item(text=text, id=lang)).label != "offer"


@pytest.mark.parametrize(("lang", "text"), GROCERIES, ids=[g[0] for g in GROCERIES])
def test_groceries_are_no_offer(scanner: Scanner, lang: str, text: str) -> None:
    assert scanner.scan_item(Item(text=text, id=lang)).label != "offer"


def test_devanagari_words_have_boundaries(scanner: Scanner) -> None:
    """Hindi separates words with spaces: a term inside another word is not read ("लत", addiction, is inside
    "गलत", wrong; the vowel sign "ा" and the nasal mark "ं" are parts of a word), and a solicitation is one."""
    matcher = PhraseMatcher([("लत", "addiction"), ("गांजा", "cannabis")])
    assert [p for _, _, p in matcher.find("यह बात गलत है")] == []
    assert [p for _, _, p in matcher.find("उसे लत है")] == ["addiction"]
    assert [p for _, _, p in matcher.find("गांजाा")] == []  # a vowel sign after the term continues the word
    assert [p for _, _, p in matcher.find("गांजा, चरस")] == ["cannabis"]
    assert scanner.scan_item(Item(text="गांजा कहां मिलेगा दिल्ली में?")).label == "solicit"


def test_a_cue_of_one_language_is_no_word_of_another(scanner: Scanner) -> None:
    """Cues match in every text: Swahili's price is written "bei nafuu" / "bei ya", as bare "bei" is German "at"."""
    assert "sell" not in scanner.extractor.extract("Kokain bei der Polizei beschlagnahmt").features
    assert "sell" in scanner.extractor.extract("Inauzwa bangi bei nafuu").features


def test_a_cue_inside_a_place_name_is_no_cue(scanner: Scanner) -> None:
    """Korean writes compounds without spaces: the city 의정부 (Uijeongbu) holds 정부 (government), a news cue that
    turned a dealer's "의정부 비밀배송" (secret delivery in Uijeongbu) into news (intent.tsv rows of signal `word`)."""
    hits = {(e.signal, e.text) for e in scanner.scan_item(Item(text="의정부 비밀배송 #엑스터시")).evidence}
    assert ("intent:news", "정부") not in hits and ("intent:shipping", "비밀배송") in hits
    news = {(e.signal, e.text) for e in scanner.scan_item(Item(text="정부는 마약 단속을 강화했다")).evidence}
    assert ("intent:news", "정부") in news


def test_japanese_hand_delivery_jargon_is_a_delivery_cue(scanner: Scanner) -> None:
    """手押し is drug-trade jargon for handing the drug over in person (TBS, 琉球新報, Narconon Japan); the words
    that hold it (手押し車, a wheelbarrow; 手押しポンプ, a hand pump) are no cue (session 10)."""
    hits = {(e.signal, e.text) for e in scanner.scan_item(Item(text="大麻 手押し 東京 テレグラム")).evidence}
    assert ("intent:shipping", "手押し") in hits
    assert not scanner.scan_item(Item(text="手押し車で野菜を運ぶ")).evidence


@pytest.mark.parametrize("word", ["シャブ中", "ヤク中", "薬物中毒", "中毒者"])
def test_japanese_words_for_an_addict_are_talk_of_users(scanner: Scanner, word: str) -> None:
    # as English "addicted" (session 24: a club's warning, "#シャブ #MDMA ... #シャブ中 ... StopTheDrug", was an offer)
    v = scanner.scan_item(Item(text=f"#club #tokyo 客に{word}が多い #大麻 #シャブ #MDMA #マリファナ StopTheDrug"))
    assert v.label != "offer"
    assert any(e.signal == "intent:recovery" and e.text == word for e in v.evidence)

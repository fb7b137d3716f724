"""Texts of several sentences: web pages, articles, long posts, vendors' profiles (session 14).

A report tells how a seller sold, in the seller's own words: the messenger, the price, the payment, the delivery
("the suspects sold the pills for $20 each through Snapchat and took payment by Cash App"). It also writes many words
of lawful speech (police, seized, arrested, charged, prosecutors, overdose), where a seller's post holds one at most.
With a single `news` feature however many of them a text wrote, 8 of 18 such reports, warnings and studies were
offers at 0.54-0.99; `counter_multi` (three different such words beside a drug) reads them as talk. A vendor's page
piles up sale words and stays an offer. Texts written for these tests, in the shapes of the pages and posts they
stand for; none is a training template."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner
from narcotrace.detect._cues import COUNTER_MULTI

TALK = [
    "Police in Ohio seized 12 kilograms of fentanyl and 40,000 counterfeit oxycodone pills stamped M30 on Tuesday, the largest seizure in the county's history. Investigators said the suspects sold the pills for $20 each through Snapchat and Telegram, and took payment by Cash App. Three men were arrested and charged with trafficking. The sheriff urged parents to talk to their children: one pill can kill. Anyone with information should call the tip line at 555-0199.",
    'Fentanyl test strips are free at our clinic, no questions asked. If you or someone you know uses drugs, never use alone, carry naloxone, and test everything. We also offer free syringes and confidential counselling Monday to Friday. Call 800-662-4357 for the national helpline.',
    'My brother died of a fentanyl overdose last year. He bought what he thought was a Percocet from a guy on Snapchat. Please talk to your kids. Dealers on social media use emoji like 🔌 and ❄️ and sell pills for $10-$30. Share this so no other family goes through what we did.',
    'I have been clean for 3 years now. I used to buy xanax and oxy off the street every day and spend $200 a day. Recovery is possible, NA saved my life. If you need help, message me, I will listen.',
    'Researchers at the University of Michigan analysed 50,000 darknet listings and found that the median price of a gram of cocaine was $85 while heroin sold for $120 per gram. Vendors advertised shipping worldwide and accepted Bitcoin and Monero. The study, published in Addiction, shows prices stayed stable through the pandemic.',
    "Pharmacie en ligne agréée par l'ANSM. Médicaments sur ordonnance uniquement. Nous ne vendons aucun stupéfiant. Livraison en 48h de produits de parapharmacie.",
    'A federal jury in Boston convicted a 34-year-old man of running a darknet shop that sold methamphetamine and counterfeit Adderall to customers in 40 states. Prosecutors said he shipped orders in vacuum-sealed bags through the mail and accepted Bitcoin. He faces up to 20 years in prison when he is sentenced in March.',
    'Parents, please read. Drug dealers are on TikTok and Snapchat. They post menus with emoji, take orders by DM and deliver to your door within the hour. Ask your kids who they talk to. The pills look like Xanax or Percocet but contain fentanyl. Our daughter survived an overdose only because her friend had Narcan.',
    'The UNODC World Drug Report estimates that cocaine production reached a record 2,700 tonnes. Retail prices in Europe fell to around 60 euros per gram, while purity rose. Traffickers increasingly use messaging apps and cryptocurrency, the report says.',
    'Ketamine is a dissociative anesthetic used in human and veterinary medicine. It is on the WHO list of essential medicines. Recreational use can cause bladder damage. In the UK it is a Class B drug; possession can lead to up to five years in prison.',
    'Today in court, the judge sentenced two brothers who sold heroin and crack from an apartment in the city centre. Officers had found scales, baggies and £4,000 in cash during the raid. Both men pleaded guilty to possession with intent to supply.',
    'Our community pharmacy is now offering the flu vaccine. Prescriptions for oxycodone, tramadol and other controlled medicines are dispensed only with a valid prescription and photo ID. Ask our pharmacist about safe disposal of unused medicines.',
    'La Guardia Civil ha desmantelado una red que vendía cocaína y hachís a través de Telegram en varias provincias. Los agentes detuvieron a 12 personas e intervinieron 30 kilos de droga y 50.000 euros en efectivo. La investigación comenzó hace un año.',
    'Die Polizei hat in Berlin einen Drogenhändler festgenommen, der Kokain und Ecstasy über Telegram verkauft haben soll. Bei der Durchsuchung wurden 2 Kilogramm Kokain, Waagen und 20.000 Euro Bargeld sichergestellt. Die Ermittlungen dauern an.',
    '警方近日破获一起通过社交软件贩卖毒品案，抓获犯罪嫌疑人5名，缴获冰毒2公斤、大麻500克。犯罪嫌疑人通过微信和电报联系买家，以比特币收款。案件正在进一步审理中。',
    'Un hombre murió por sobredosis de fentanilo en Tijuana. Su familia dice que compró pastillas falsas a un vendedor en Facebook que las ofrecía por 100 pesos. Las autoridades piden no comprar medicamentos en redes sociales.',
    'I tried ketamine therapy for depression last year at a licensed clinic. Six infusions, about $400 each, not covered by insurance. It helped me more than any antidepressant. Talk to your doctor if you are curious.',
    'Three people were taken into custody on Friday after officers raided a house on Elm Street. Inside they found about two pounds of methamphetamine, digital scales and several thousand dollars. According to the police report, the group had been selling meth to students and arranging deals over Instagram messages. The investigation is ongoing.',
    'BREAKING: The Justice Department announced charges against 18 people tied to a ring that distributed fentanyl-laced pills across three states. Authorities say the ring advertised on social media, took orders by text message and used couriers for delivery. Agents seized more than 100,000 pills.',
    'Last night my cousin overdosed on what she thought was Xanax. Someone on Snapchat sold her two bars for $15. She is alive because the paramedics came fast. If you take anything from a dealer online, it could be fentanyl. Please, please check on your friends.',
    'In this episode we talk to a former narcotics detective about how the drug trade moved online: dealers post menus on Telegram, accept crypto, and ship cocaine and MDMA in the mail. He explains why arrests barely dent the supply.',
    'The city council voted on Monday to open a supervised consumption site. Supporters said it will reduce overdose deaths from heroin and fentanyl; opponents worried it would attract dealers to the neighbourhood. The site will also offer naloxone training and referrals to treatment.',
    'Our pharmacy reminds patients that Adderall and Ritalin are Schedule II medications. We can only fill them with a new prescription each month, and we cannot transfer them between pharmacies. Call us if your prescription is delayed because of the national shortage.',
    'El Ejército decomisó 300 kilos de cocaína en una avioneta en Chiapas. Los militares detuvieron a dos pilotos. De acuerdo con la Fiscalía, la droga iba a ser vendida en Estados Unidos a 25.000 dólares el kilo.',
    "Une étude de l'OFDT montre que le prix du gramme de cocaïne est resté stable autour de 70 euros en 2023, tandis que la pureté a augmenté. Les usagers commandent de plus en plus via Snapchat et se font livrer à domicile, note le rapport.",
    '警方提醒：近期有不法分子在社交平台上以“电子烟”“聪明药”为名贩卖含有毒品成分的产品，并通过快递寄送。广大市民特别是青少年要提高警惕，发现线索请及时举报。',
    'Ich bin seit zwei Jahren clean. Früher habe ich jeden Tag Kokain gekauft, über Telegram bestellt und mich liefern lassen. Heute gehe ich zur Therapie und in eine Selbsthilfegruppe. Wenn du Hilfe brauchst, schreib mir.',
    'Rapper arrested on drug charges after police find cocaine, ecstasy and $50,000 in cash at his mansion. His lawyer says the drugs were not his. The singer is due in court next month.',
]

OFFERS = [
    'Welcome to GreenLeaf Pharmacy online! Buy Xanax, Valium, Tramadol, Oxycodone and Adderall without prescription. Discreet packaging, overnight delivery to USA, UK, Canada and Australia. We accept Bitcoin, PayPal and credit cards. 100% satisfaction guaranteed, reship if lost. Order now and get 10 free pills on your first order. Contact us on WhatsApp +1 415 555 0134 for bulk prices.',
    'Welcome to my shop. We are a team of experienced vendors shipping from the Netherlands since 2019. All orders ship within 24h, stealth vacuum sealed, tracking on request. We stock MDMA crystal 84%, speed paste, ketamine needles and top shelf cocaine. Always encrypt your address with my PGP key. FE for trusted buyers only. No refunds on seized packages outside EU, 50% reship inside EU. Check my reviews on Dread.',
    'Bonjour, nous sommes une boutique sérieuse. Cocaïne pure 1g 70€, 5g 300€, shit marocain, beuh amnésia. Livraison discrète partout en France sous 48h, paiement en crypto ou PCS. Contact Snapchat ou Telegram @frenchconnect.',
    'Premium cannabis delivery in London. Our menu changes every week: Gelato 10g £100, Zkittlez 10g £110, Wedding Cake 28g £250. Same day delivery across zones 1-4, cash on delivery or bank transfer. Order on Telegram, link in bio. Over 18s only. Loyalty discounts for returning customers.',
    'Looking for reliable research chemicals supplier? We have been in business for 10 years. Products: 3-MMC, 2-FDCK, 4F-MPH, etizolam pellets. Minimum order 5g. We ship worldwide with tracking, reship guarantee if customs seize your package. Payment by BTC, XMR or bank transfer. Email us for the price list.',
    'Trusted vendor, 5 years on the markets. Now taking orders on Telegram only. Oxy 30mg $25, Xanax bars $5, Roxy $30, Adderall 20mg $8. Bulk deals for resellers. Discreet shipping USA, 2-3 days. Payment Bitcoin, Cash App, Zelle. No timewasters.',
    'Tienda online de confianza. Vendemos marihuana, hachís y cocaína de máxima calidad. Envíos discretos a toda España en 24-48h. Pago por Bizum o bitcoin. Pedidos por Telegram o WhatsApp. Precios especiales por cantidad.',
    'Verkaufe Gras, Haze und Kokain in bester Qualität. Lieferung in Berlin und Umgebung, diskreter Versand deutschlandweit. Bezahlung bar oder Bitcoin. Schreib mir auf Telegram. Mengenrabatt ab 50g.',
    '本店长期出售冰毒、大麻、K粉，品质保证，全国包邮，顺丰发货，可货到付款。需要的朋友加微信或者飞机联系，量大从优，诚信经营。',
    'Hey guys, restocked! 🔥 Pink Runtz, Gelato, Blue Dream, all AAA+. Carts $25, 2 for $45. Shrooms and tabs available too. Meet up in the city or shipping nationwide. Snap me or text 555-0148. Cash App and Venmo accepted. DM for menu.',
    "Hi everyone, I'm back with a new batch. Lemon Haze and Gorilla Glue, 1 oz $200, half $110, quarter $60. Also have shrooms and wax. I deliver in the Bay Area or ship priority mail. Hit me on Telegram, payment through Cash App or Apple Pay. No lowballers please.",
    'Reliable supplier of pharmaceutical grade products. Oxycodone 80mg, Hydrocodone 10/325, Alprazolam 2mg, Diazepam 10mg available in stock. We deliver to all states with tracking number within 48 hours. Payment via Bitcoin, Zelle or Western Union. WhatsApp: +1 (555) 231-8890.',
    'Shop info: shipping from Germany to the whole EU. Speed 1g 10€, 5g 40€, MDMA crystals 1g 25€, Ketamine 1g 30€. Every order is vacuum sealed. Please always use PGP. Escrow only, no FE for new buyers. Feedback appreciated.',
    '🍁 Weekend specials 🍁 Wedding Cake, Runtz, Zkittlez - 3.5g for 35, 7g for 60, 14g for 110. Carts 2 for 50. Same day drop off in Toronto and GTA, $10 delivery fee. E-transfer or cash. Text only 555-0177.',
    'Vendo cristal, perico y mota de la buena. Entregas en CDMX y envíos a toda la república, paquetería discreta. Precios por mayoreo. Pago por transferencia o depósito en OXXO. Mándame mensaje al WhatsApp.',
    'Verkaufe XTC Pillen 200mg, 10 Stück 60€, 50 Stück 250€. Auch Speed und Koks im Angebot. Versand innerhalb Deutschlands, diskret verpackt. Zahlung per Bitcoin oder Monero. Kontakt über Threema.',
    '長期供應K仔、冰、大麻，品質有保證，價格實惠。香港九龍新界均可送貨上門，全港最快一小時到。有意者請WhatsApp或Telegram聯絡，謝絕試探。',
    'Магазин работает 24/7. Мефедрон, альфа-PVP, гашиш, шишки. Закладки по всему городу, доставка в регионы. Оплата биткоин или на карту. Оператор: @shop_op. Гарантия качества, перезаклад при ненаходе.',
    'Pharmacy without prescription! Tramadol 100mg, Modafinil, Xanax and Valium at the lowest prices. Free shipping on orders over $150, delivered in discreet packages. We accept Visa, Mastercard and Bitcoin. Visit our website to order today.',
    'New vendor here, prices are low to build reputation. Fentanyl powder 1g $150, heroin #4 1g $90, M30 blues 100 for $900. Worldwide stealth shipping, tracking provided. Contact me on Session or Wickr for orders.',
    'Vendo maconha prensada e skunk, entrega em toda zona sul de SP, 25g por 100 reais. Também tem lança e bala. Pagamento no Pix. Chama no zap 11 95555-0134.',
    'ยาเค ไอซ์ กัญชา พร้อมส่งทั่วประเทศ ส่งไว ได้ของชัวร์ ราคาส่งสำหรับคนเอาเยอะ สนใจทักไลน์ ไม่ตอบแชทไม่ซื้อ',
]


@pytest.mark.parametrize(("text", "offer"), [(t, False) for t in TALK] + [(t, True) for t in OFFERS])
def test_reports_are_talk_and_shop_pages_offers(scanner: Scanner, text: str, offer: bool) -> None:
    """Reports, warnings and studies are talk; shop pages and vendors' profiles are offers."""
    assert_offer(scanner, text, offer=offer)


def test_three_different_words_of_lawful_speech_make_a_report(scanner: Scanner) -> None:
    assert COUNTER_MULTI == 3
    report = "Police arrested the dealer and seized cocaine, prosecutors said"
    assert scanner.extractor.extract(report).features.get("counter_multi") == 1.0
    # Two are not enough: a short news line or a seller's post with one such word keeps its other evidence.
    assert not scanner.extractor.extract("Police seized cocaine").features.get("counter_multi")
    # A word repeated counts once.
    assert not scanner.extractor.extract("police police police: cocaine").features.get("counter_multi")
    # Without a drug's name the words tell nothing about a drug offer.
    assert not scanner.extractor.extract("Police arrested a man, prosecutors said, after a seizure").features.get(
        "counter_multi"
    )


def test_a_vendors_reship_policy_and_reviews_are_no_report(scanner: Scanner) -> None:
    """"No refunds on seized packages" and "check my reviews" are a vendor's, not a reporter's or a buyer's."""
    sig = scanner.extractor.extract("MDMA 1g 20e, stealth shipping, reship if seized, check my reviews on Dread")
    assert "news" not in sig.features and "use" not in sig.features
    assert sig.features.get("sell") and sig.features.get("promo")


@pytest.mark.parametrize(
    "text",
    [
        "Data on seized cocaine: 1kg sells for $30,000 on the street",
        "Statistics on seized heroin, 2 kilos, $50k street value",
        "Police will test for seized fentanyl purity, 5g samples",
    ],
)
def test_a_report_on_seized_drugs_is_no_reship_policy(scanner: Scanner, text: str) -> None:
    """Only a vendor's phrases ("reship if seized", "refunds on seized") hold "seized" as no reporting word; "on
    seized" and "for seized" as sale cues made these offers at 0.72-1.00 in a first version."""
    assert_offer(scanner, text, offer=False)

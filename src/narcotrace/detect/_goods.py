"""Everyday goods, medicines and hemp: the rules that read a drug word as a product shops, pharmacies and hemp
stores sell (goods words, weighed goods, perfume, over-the-counter medicines, prescriptions, THC levels).
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise

from narcotrace.detect._cues import (
    _DOSE_UNITS,
    _WEIGHT_UNITS,
    _WORD,
    CONTACT_INDICATORS,
    COUNTER_CUES,
    _packaged_rows,
    _TermInfo,
)
from narcotrace.detect._prices import _CURRENCY
from narcotrace.detect._reports import REPORTABLE_CUES
from narcotrace.detect._street_names import _ordinary_phrase
from narcotrace.detect._words import _inside_word
from narcotrace.indicators import Price
from narcotrace.items import Indicator
from narcotrace.kb._schema import fold
from narcotrace.text import normalize


def load_unsold_words() -> dict[str, tuple[str, tuple[tuple[str, ...], ...]]]:
    """The packaged ordinary words whose everyday sense nobody sells (`detect/data/unsold_words.tsv`): folded
    term -> (the substance it names, the phrases after it that name a lawful product such as "weed killer",
    each a tuple of folded words)."""
    out: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {}
    for r in _packaged_rows("unsold_words.tsv"):
        after = [] if r["not_before"].strip() == "-" else r["not_before"].split()
        out[fold(r["term"])] = (r["substance"], tuple(tuple(fold(p).split("+")) for p in after))
    return out


def load_goods_words() -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]]]:
    """The packaged everyday goods (`detect/data/goods_words.tsv`), normalized: the one-word ones, and the phrases
    ("tea set", "sac à main") as the words after their first, keyed by the first."""
    words: set[str] = set()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for r in _packaged_rows("goods_words.tsv"):
        parts = tuple(_WORD.findall(normalize(r["term"]).text))
        if len(parts) == 1:
            words.add(parts[0])
        elif parts:
            phrases.setdefault(parts[0], []).append(parts[1:])
    return frozenset(words), {k: tuple(v) for k, v in phrases.items()}


# Goods sold by the ounce or the gram themselves, whose listings weigh a dealer's amount: coins and bullion of
# precious metals, minerals ("Silver Bullion 1 oz Coin - Maple Leaf" was an offer at 0.97: silver, bullion and
# leaf are slang), saffron, fine tea and jewellery ("Oolong tea sample 25 grams $8", "Sterling silver chain 5
# grams $40" were offers at 0.99 as listings, session 24). "sterling" counts here only where goods_words.tsv
# names "sterling silver": alone it is the pound ("Coke £80 a g, payment in sterling"). Naming one keeps the
# everyday reading whatever the weight (session 23), unless the text says how to reach or pay the seller:
# "Tina 1g $60, clear as quartz, tele @ice_man", "Snow 1g $80, coins accepted (btc, xmr)".
_WEIGHED_GOODS = frozenset({
    "coin", "coins", "bullion", "quartz", "amethyst", "gemstone", "gemstones", "tumbled",
    "saffron", "azafrán", "zafferano", "safran", "szafran", "шафран", "açafrão", "matcha", "oolong", "sencha",
    "sterling", "jewelry", "jewellery", "necklace", "pendant", "bracelet", "earrings",
    # minerals and jewellery sold by the gram that goods_words.tsv named but this set did not ("Meteorite Fragment 5
    # grams Certificate", "Cuban Link Chain 10k Gold 28 grams" were offers at 0.96 as listings, session 24 probe)
    "meteorite", "meteorites", "moldavite", "tektite", "mineral", "minerals", "geode", "geodes", "pyrite", "specimen",
    "ametista", "amatista", "améthyste", "chain", "chains",
    # saffron, gold, silver and jewellery in Persian, Arabic and Turkish, whose rates are read unit first
    # ("گرمی ۹۰ هزار تومان", "الجرام ب 3500 جنيه", "gramı 60 TL"): a saffron jar (شیشه, meth) and a crystal
    # (كريستال, kristal) were offers at 0.98-0.99 as listings (session 24 review)
    "زعفران", "الزعفران", "ذهب", "الذهب", "طلا", "نقره", "altın", "gümüş", "kolye", "bilezik", "küpe",
})
# Words before a goods word that make it a freebie with the order ("free tray", "grinder gratis"), not the product.
_GOODS_FREEBIE = frozenset({"free", "gratis", "grátis", "gratuit", "gratuite", "kostenlos", "regalo"})
# Words up to GOODS_CONTRAST_REACH tokens before a goods word that set it against the goods on offer, not offer it: a
# dealer's cut and comparison ("not stepped on with vitamin B", "no vitamins or msm", "better than your tray", "looks
# like a vitamin", "not fish oil lol": a review of session 22).
_GOODS_CONTRAST = frozenset({
    "no", "not", "without", "never", "uncut", "cut", "stepped", "mixed", "than", "like", "sin", "sem", "ohne", "sans",
    "as",  # "clear as quartz" (session 23)
})
# After a goods word, what makes it the means of payment: "coins accepted (btc, xmr)" (session 23).
_GOODS_AS_PAYMENT = frozenset({"accepted", "only", "welcome"})
GOODS_CONTRAST_REACH = 3


# Perfume in the languages narcotrace reads (ordinary vocabulary) and the house of the Opium perfumes (Yves Saint
# Laurent's Opium, 1977, and Black Opium, 2014).
_PERFUME_NAMES = frozenset({"opium"})
_WEIGHTS = frozenset({"g", "kg", "mg", "mcg", "100g"})  # not oz: perfume comes in fluid ounces ("EDP 3 oz")
_PERFUME = re.compile(
    r"(?<![^\W\d_])(?<!smells like )(?<!smell like )(?<!smelling like )"
    r"(?:perfumes?|parfums?|parfüm|perfumy|profumo|eau de (?:parfum|toilette|cologne)|edp|pour homme|pour femme|"
    r"body mist|духи|парфюм|nước hoa|ysl|yves saint laurent|saint laurent|black opium)(?![^\W\d_])(?![ \t]+smell|-like)"
    r"|香水|향수|น้ำหอม"
)


def _names_goods(toks: list[str], goods: tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]]]) -> bool:
    """Whether the words of a normalized text (`_WORD` matches) name an everyday product (a goods word or phrase),
    not as a freebie ("free tray") nor set against the goods on offer (`_GOODS_CONTRAST`)."""
    words, phrases = goods
    for i, tok in enumerate(toks):
        if i and toks[i - 1] in _GOODS_FREEBIE:
            continue
        rests = phrases.get(tok)
        if (tok in words or (rests and any(tuple(toks[i + 1 : i + 1 + len(rest)]) == rest for rest in rests))) and not (
            _GOODS_CONTRAST.intersection(toks[max(0, i - GOODS_CONTRAST_REACH) : i])
            or (i + 1 < len(toks) and toks[i + 1] in _GOODS_AS_PAYMENT)
        ):
            return True
    return False


def _offers_pills(
    ntext: str, matches: list[tuple[int, int, _TermInfo]], prices: list[Price], indicators: list[Indicator]
) -> bool:
    """Whether a post that holds a patient's words offers its pills (the patient rule): a sale cue, or a price with a
    way to reach or pay the seller or to ship (a contact, payment or shipping cue, a phone number or messenger
    handle), where no pharmacy is named ("the pharmacy delivers", "at CVS"). A patient's complaint names a contact
    without a price: "Contact my insurance about my Vyvanse refill"."""
    if any(i.kind == "intent" and i.name == "sell" for _, _, i in matches):
        return True
    return (
        any(p.amount is not None for p in prices)
        and not _PHARMACY_PLACE.search(ntext)
        and (
            any(i.type in CONTACT_INDICATORS or i.type == "phone" for i in indicators)
            or any(i.kind == "intent" and i.name in ("contact", "payment", "shipping") for _, _, i in matches)
        )
    )


# The KB class of medicines outside the controlled lists (RedMed's medicines: "Ibuprofen", "Melatonin", "Metformin").
# Their name with a dose and a price is what every pharmacy, supermarket and marketplace lists ("Melatonin 10mg
# gummies, 120 ct, $8.49" was an offer at 0.97): no catalogue line of a drug offer. Sold without a prescription, by
# discreet shipping or through a messenger, they are still offers by those cues.
_UNSCHEDULED = frozenset({"prescription"})
# The KB sources of a control list: a medicine one names is scheduled somewhere (21 CFR 1308, the DEA's list, the
# UK's, Canada's, China's, the INCB's), whatever its KB class.
_CONTROLLED_SOURCE = re.compile(r"^legal/|controlled")
# What an over-the-counter medicine treats, as its pack says (the "Purpose" of a US Drug Facts label and its
# counterparts; narcotrace-authored, ordinary vocabulary).
_OTC_PURPOSE = re.compile(
    r"(?<![^\W\d_])(?:pain relievers?|pain relief|fever reducers?|allergy relief|antihistamines?|sleep aids?|"
    r"nighttime sleep|anti[- ]?diarrh[eo]?al|non[- ]?drowsy|antacids?|acid reducers?|heartburn relief|cough suppressants?|"
    r"nasal decongestants?|laxatives?|stool softeners?|anti[- ]?itch|motion sickness|"
    r"analgésicos?|antialérgicos?|antiácidos?|antialergicos?|schmerzmittel|antidouleurs?|antalgiques?)(?![^\W\d_])"
)
# The KB classes of medicines a pharmacy dispenses on prescription, and the opiates of that class it does not.
_MEDICINE_CLASSES = frozenset({"prescription", "opioid", "benzodiazepine"})
_STREET_OPIATES = frozenset({"heroin", "opium"})


# Where patients get their prescriptions filled (ordinary words): a post that names one tells of a patient's purchase.
_PHARMACY_PLACE = re.compile(
    r"(?<![^\W\d_])(?:pharmacy|pharmacist|cvs|walgreens|rite aid|walmart|costco|boots|farmacia|farmácia|pharmacie|"
    r"apotheke|apotek|nhà thuốc|drugstore)(?![^\W\d_])"
)
# The `pharmacy` cues of intent.tsv that state a prescription requirement. A text that names one and waives none (no
# `no_rx` cue) is a licensed pharmacy's or a vet's page: its delivery, contact, sale, payment and promotion words are
# the pharmacy's service, shown and not scored ("Oxycodone 5mg ... only with a valid e-prescription ... Delivery to
# your door" was an offer at 0.81, "Gabapentin 100mg capsules for cats ... Veterinary prescription required: we
# contact your vet ... before shipping" at 0.95, "处方药：阿普唑仑片 ... 凭医生处方购买 ... 发货" at 0.96; session 22).
_RX_REQUIRED = frozenset({
    "prescription required", "requires a prescription", "prescription-only medicine", "valid prescription",
    "with a prescription",
    "e-prescription", "veterinary prescription", "verschreibungspflichtig", "rezeptpflichtig", "btm-rezept",
    "auf rezept", "con receta", "requiere receta", "receta médica obligatoria", "receta electrónica",
    "por prescripción médica",
    "sur ordonnance", "بوصفة طبية", "با نسخه پزشک", "dengan resep dokter", "theo đơn bác sĩ", "ricetta medica",
    "op recept", "receptplichtig", "com receita", "retenção de receita", "venda sob prescrição", "na receptę",
    "凭处方", "凭医生处方", "ตามแพทย์สั่ง", "의사 처방",
})
# Names of a kind of medicine, not a requirement, are left out: sellers describe their goods with them ("出售处方药",
# "Bán thuốc kê đơn", "Reçeteli ilaç satışı", "prescription only meds without the hassle", "по рецепту в аптеке
# 2000р, у меня 1000р": a review of session 22).
_PHARMACY_SERVICE = REPORTABLE_CUES | {"promo"}
# What a pharmacy's page never holds: a dark market's tool or a messenger a dealer is reached by (a Telegram handle;
# Wickr, Snapchat, Kik, Threema or Session named in a contact cue: "wickr me"), or a payment app of person-to-person
# or crypto payment (Cash App, Zelle, Venmo, BTC). Pharmacies give phone numbers, WhatsApp, WeChat and LINE, name
# their Telegram channel, and take cards, PayPal, Apple Pay, Bizum and WeChat Pay (a review of session 22).
_DEALERS_APP = re.compile(r"wickr|snap|kik|threema|session")
_DEALERS_PAY = re.compile(
    r"cash ?app|zelle|venmo|btc|bitcoin|crypto|usdt|tether|monero|xmr|litecoin|ltc|ethereum|f&f|friends and family"
)


def _dealers_tool(matches: list[tuple[int, int, _TermInfo]]) -> bool:
    """Whether a payment or contact cue of the matches names a dealer's app (`_DEALERS_PAY`, `_DEALERS_APP`: Cash
    App, Zelle, crypto; Wickr, Snapchat, Kik)."""
    return any(
        i.kind == "intent"
        and (
            (i.name == "payment" and _DEALERS_PAY.search(i.term.lower()) is not None)
            or (i.name == "contact" and _DEALERS_APP.search(i.term.lower()) is not None)
        )
        for _, _, i in matches
    )

# A requirement waived or set aside: a negation before it in its clause (one; two restate it: "not available without
# a valid prescription"), a contrast before it ("normally requires a prescription", "cheaper than with a
# prescription", "eigentlich BtM-Rezept"), or a waiver or question right after it ("valid prescription not needed",
# "prescription required? nah", "with a prescription or without", "prescription required elsewhere"). Words further
# off are the page's own ("we only dispense with a valid prescription but delivery is free", "with a valid
# prescription usually ship within 24 hours").
_CLAUSE_MARK = re.compile(r"[,;.!?|\n，。；！？、:]")
_NEGATION = re.compile(
    r"(?<![^\W\d_])(?:no|not|without|never|sin|sem|sans|ohne|nicht|kein|keine|keinen|nie|bez|без|не)(?![^\W\d_])"
    r"|n[’']t(?![^\W\d_])|[不无免没]",
    re.IGNORECASE,
)
_CONTRAST_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:normally|usually|than|eigentlich|normalerweise|normalmente|обычно|bình thường)(?![^\W\d_])",
    re.IGNORECASE,
)
_WAIVED_AFTER = re.compile(
    # "prescription-only medicines without the hassle" (not "without delay", "prescription required without
    # exception", a licensed pharmacy's rule)
    r"s?[ \t]+without(?![ \t]+(?:delay|charge|extra|any extra|additional|exceptions?|fail)(?![^\W\d_]))"
    r"|[ \t]*(?:\?|？|(?:is[ \t]+|are[ \t]+)?(?:not|no longer|n[’']t)[ \t]+(?:needed|required|necessary)"
    r"|(?:is|are)n[’']t[ \t]+(?:needed|required|necessary)|unnecessary|or without|elsewhere|not here|nicht (?:nötig|notwendig|"
    r"erforderlich)|no (?:necesaria|necesario|hace falta)|não (?:é )?necess[aá]ri[ao]|не нуж\w*|不需要|không cần)",
    re.IGNORECASE,
)
WAIVER_REACH = 40  # characters before a requirement searched for its negation or contrast, within its clause


def _waived(ntext: str, start: int, end: int) -> bool:
    """Whether the prescription requirement at ntext[start:end] is waived or set aside (`_NEGATION`,
    `_CONTRAST_BEFORE`, `_WAIVED_AFTER`)."""
    floor = max(0, start - WAIVER_REACH)
    left = max((m.end() for m in _CLAUSE_MARK.finditer(ntext, floor, start)), default=floor)
    if len(_NEGATION.findall(ntext, left, start)) % 2 == 1 or _CONTRAST_BEFORE.search(ntext, left, start):
        return True
    return _WAIVED_AFTER.match(ntext, end) is not None


# The `use` cues of intent.tsv that are a patient's words about their own prescription (session 20).
_PATIENT_WORDS = frozenset({
    "my copay", "my insurance", "my refill", "my prescription", "my script", "prescription filled", "script filled",
    "my meds", "my psychiatrist",
})


def _ordinary_in_sale(
    kind: str | None,
    prices: list[Price],
    question: bool,
    ntext: str,
    matches: list[tuple[int, int, _TermInfo]],
) -> bool:
    """Whether the item sells its ordinary-word slang: a listing that states a weight or a dose, or a title-length
    catalogue line (no question, no news, use, recovery, harm-reduction, pharmacy or buying words) that states a
    weight. One ordinary word in a listing with only a price, a count or a size ("Crystal vase $25", "Snow boots
    size 9, $40", "Chocolate bars 12 pack $15") is the ordinary thing: a marketplace prices every listing."""
    # A weight under a tenth of a gram is a precision, not an amount for sale: "Digital scale 0.01g" was a cocaine
    # offer ("scale" is DEA slang) at 0.91. Nothing is sold by the hundredth of a gram.
    amounts = [p for p in prices if not (p.unit == "g" and p.count is not None and p.count < 0.1)]
    if kind == "listing":
        # A phrase of ordinary words that is a drug's name ("Amnesia Haze", "Sour Diesel") is rarely a listing
        # of anything else; one ordinary word needs the listing to say how much of it by weight or dose.
        return any(p.unit in _DOSE_UNITS for p in amounts) or _ordinary_phrase(ntext, matches)
    if question or len(ntext.split()) > 12:
        return False
    if not any(p.unit in _WEIGHT_UNITS for p in amounts):
        return False
    return not any(
        i.kind == "intent" and (i.name in COUNTER_CUES or i.name == "solicit") and not _inside_word(ntext, a, b)
        for a, b, i in matches
    )


# Classes whose terms name a machine or a chemical, with no everyday sense to mistake ("tablet press").
_GOODS_CLASSES = frozenset({"equipment", "precursor"})
# The tools of dark markets: encrypted messengers their vendors name (Wickr, Threema, Session), onion sites, Monero
# wallets and PGP keys. Ordinary words beside one are street names: no shop sells snow boots over Wickr for Monero.
DARK_TRADE_INDICATORS = frozenset({"wickr", "threema", "session", "onion", "xmr", "pgp_key", "pgp_fingerprint"})
# The indicators no pharmacy's page holds (see _DEALERS_APP): a dark market's tool, or a dealer's messenger handle.
_DEALERS_REACH = DARK_TRADE_INDICATORS | {"telegram", "signal", "snapchat", "kik"}


# "Kratom-free herbal capsules", "THC-free CBD oil", "drogenfrei": a product without the drug names none (English
# "-free", German "-frei", Scandinavian "-fri").
_FREE_OF = re.compile(r"[-‐‑–]?(?:free|frei|fri)(?![^\W\d_])")
# THC stated at or under 0.3%, or free of it: 21 CFR 1308.11(d) schedules marihuana extract "containing greater than
# 0.3% delta-9-tetrahydrocannabinol on a dry weight basis" (legal/us-21cfr/cfr21_1308_schedules_I-V.csv); a hemp
# shop states its level so ("Full spectrum CBD oil 1000mg, under 0.3% THC" was an offer at 0.998, session 21). The
# level, "free" after a space, or a percent before or after the word; where a text states one, its THC reading is
# none, and its context-only words name the hemp product. A seller's strength is far above ("THC 90%").
# (The number must begin where one can: a run of 50,000 digits after "thc" took 116 s. "THC free shipping" is free
# shipping.)
_UNDER = (
    r"<|≤|under|below|less than|max(?:imum)?|up to|menos de|menos del|menor a|menor al|menor que|moins de|unter|"
    r"weniger als|até|abaixo de|inf[ée]rieure? à|inferior a|inferior al|inferiore a|inferiore al|inferiore allo|"
    r"poniżej|do"
)
_HEMP_LEVEL = re.compile(
    rf"(?:(?:{_UNDER})[ \t]*)?"
    r"(?<![\d.,])(?P<before>\d+(?:[.,]\d+)?)[ \t]*%[ \t]*(?:(?:de|del|di|of)[ \t]+)?"
    r"(?:(?:delta|δ|d)[ \t-]?9[ \t-]?)?thc(?![^\W\d_])"
    r"|(?<![^\W\d_])thc(?:[ \t]+free(?![^\W\d_])(?![ \t]+(?:shipping|delivery|deliveries|ship))|[ \t]*フリー"
    rf"|(?:[ \t]*-?[ \t]*(?:gehalt|content|level|anteil|oranı))?[ \t]*(?::|{_UNDER})?[ \t]*"
    r"(?:(?P<after>\d+(?:[.,]\d+)?)[ \t]*%|%[ \t]*(?P<pct>\d+(?:[.,]\d+)?)))",
    re.IGNORECASE,
)
HEMP_MAX_THC_PERCENT = 0.3
# The words of a hemp product ("cannabis light" is Italy's name of hemp flowers), the plant's botanical name as a hemp
# product's label writes it, and what parts the clauses its context-only words are read in.
_HEMP_PLANT = re.compile(r"sativa|cannabis(?= light| sativa)", re.IGNORECASE)
_HEMP_WORD = re.compile(
    r"(?<![^\W\d_])(?:cbd|hemp|cannabidiol|hanf|chanvre|c[aá][nñ]amo|c[aâ]nhamo|canapa|konopi|konopie|kenevir|"
    r"cannabis light)"
    r"(?![^\W\d_])"
)
# A comma or a dot between digits is a decimal mark ("0,2% de THC"), no clause's end.
_HEMP_CLAUSE_END = re.compile(r"[;!?|()\n]|[.,](?!\d)")


def _hemp_clauses(ntext: str, levels: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clauses of ntext that name hemp or CBD or hold the stated THC level, and the bare items (three words at most,
    no money) of a list that such a clause opens: "CBD Flower: Sour Diesel, Gelato, Wedding Cake. All under 0.3% THC"
    (a review's shop line, an offer at 0.92 with the strains read in clauses of their own)."""
    bounds = [0, *(m.end() for m in _HEMP_CLAUSE_END.finditer(ntext)), len(ntext) + 1]
    out: list[tuple[int, int]] = []
    starts = [start for start, _ in levels]
    for a, b in pairwise(bounds):
        piece = ntext[a:b]
        k = bisect.bisect_left(starts, a)
        if (
            (k < len(starts) and starts[k] < b)
            or _HEMP_WORD.search(ntext, a, b) is not None
            or (out and out[-1][1] == a and len(piece.split()) <= 3 and not any(c in _CURRENCY for c in piece))
        ):
            out.append((a, b))
    return out


def _hemp_levels(ntext: str) -> list[tuple[int, int]]:
    """The spans of the statements of THC at a hemp product's level in ntext. A statement above the level is
    searched past from its next character: in "CBD 18% THC <0,2%" the CBD's "18% THC" overlaps the level."""
    out: list[tuple[int, int]] = []
    m = _HEMP_LEVEL.search(ntext)
    while m is not None:
        level = m.group("before") or m.group("after") or m.group("pct")  # Turkish writes the sign first: "%0,2"
        if level is None or float(level.replace(",", ".")) <= HEMP_MAX_THC_PERCENT:
            out.append((m.start(), m.end()))
            m = _HEMP_LEVEL.search(ntext, m.end())
        else:
            m = _HEMP_LEVEL.search(ntext, m.start() + 1)
    return out

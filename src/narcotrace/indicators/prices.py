"""Prices and quantities as structured values: "$200 for 28g", "3g 60€", "100 pills x 5$", "ขีด 1,000฿".

`extract_prices` finds money (amount + currency) and quantities (count + unit) and pairs a quantity with the
money written right next to it into one `Price`; unpaired ones come out alone. The detector uses them (a
price next to a drug name and a quantity is an offer signal); they are not indicators.

Unit and currency tables are plain spelling tables (symbol or word -> ISO 4217 code / canonical unit).
"¥" is JPY in texts with kana and CNY otherwise. Thai "ขีด" (khit) is the colloquial 100-gram unit and "โล"
is short for kilogram; Chinese 克 = gram, 粒/颗/片 = pieces/pills; these are kept as the unit written,
canonicalized, not converted. A count may be a fraction ("1/4 lb" is 0.25 lb) or, in English, a word ("a pound
of", "half an ounce", "four ounces"). "pound(s)" after a number is read as the weight: "50 pounds" may be money
in British English, and either way it is a quantity of something sold. A price may have no currency: "250/G",
"80.-", and a dealer's "25 each", "20 a gram", "28g for 200" (`currency` is None). `dollars` values money in US
dollars, as a range: rough reference rates that move (`UNITS_PER_USD`), and spellings several countries' currencies
share ("kr", "pesos").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["GRAMS_PER_UNIT", "UNITS_PER_USD", "Price", "dollars", "extract_prices"]


@dataclass(frozen=True, slots=True)
class Price:
    """A price and/or quantity written in the text; spans index the original text."""

    amount: float | None
    currency: str | None
    unit: str | None
    count: float | None
    start: int
    end: int
    text: str


CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "＄": "USD", "💲": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "bucks": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "￡": "GBP", "gbp": "GBP", "quid": "GBP",
    "元": "CNY", "rmb": "CNY", "cny": "CNY", "块": "CNY",
    "¥": "CNY", "￥": "CNY", "円": "JPY", "jpy": "JPY", "yen": "JPY",
    "฿": "THB", "บาท": "THB", "thb": "THB",
    "₹": "INR", "inr": "INR", "rs": "INR", "रुपये": "INR", "रुपए": "INR", "रु": "INR",
    "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD",
    "₽": "RUB", "rub": "RUB", "руб": "RUB",
    "btc": "BTC", "xmr": "XMR", "eth": "ETH", "usdt": "USDT", "ltc": "LTC",
    # The currencies of the other languages narcotrace reads, by their symbol, their local abbreviation or their ISO
    # code. Left out: "Ft" (forint, and feet), "ron" (a name), codes that are words ("try", "cop", "php") and "тг"
    # (also short for Telegram).
    "₩": "KRW", "￦": "KRW", "원": "KRW", "krw": "KRW", "r$": "BRL", "brl": "BRL", "reais": "BRL", "zł": "PLN", "pln": "PLN",
    "₺": "TRY", "tl": "TRY", "rp": "IDR", "idr": "IDR", "kč": "CZK", "czk": "CZK", "huf": "HUF", "sek": "SEK",
    "nok": "NOK", "dkk": "DKK", "₴": "UAH", "грн": "UAH", "uah": "UAH", "₱": "PHP", "₪": "ILS", "₫": "VND",
    "vnd": "VND", "rm": "MYR", "myr": "MYR", "mxn": "MXN", "ars": "ARS", "chf": "CHF", "₦": "NGN",
    "ngn": "NGN", "naira": "NGN", "₸": "KZT", "đồng": "VND", "rupiah": "IDR", "soles": "PEN",
    # Vietnamese write the dong "đ" after the amount ("500.000đ", "200kđ") and "VNĐ" for its code; Russians write the
    # rouble "р" after it ("1800р", "500 р."), as they write "руб" and "₽".
    "đ": "VND", "vnđ": "VND", "р": "RUB",
    # Spellings that several countries' currencies share, read as all of them (`UNITS_PER_USD` holds the range of
    # their values): "kr" is the Swedish, Norwegian and Danish krone ("120 kr/g"; Iceland's króna too, a language
    # narcotrace does not read), "lei" the Romanian and the Moldovan leu ("50 lei gramul"), "pesos" the Mexican,
    # Colombian, Argentine and Chilean peso (and the Philippine one, within that range), and "lucas" thousands of
    # pesos in Chile, Argentina and Colombia ("15 lucas el gramo" is 15,000 pesos; in Peru a luca is one sol, a value
    # within the range too). "kr" and "lei" are read after the amount only: before it they are other words
    # (Italian "lei", "she"; "Kr." a district).
    "kr": "SEK/NOK/DKK", "lei": "RON/MDL", "pesos": "MXN/COP/ARS/CLP", "lucas": "COP/ARS/CLP",
    # Arabic, Persian and Urdu names of currencies, written after the amount ("400 درهم", "300 جنيه", "۹۰۰
    # هزار تومان", "5000 روپے"). Arabic "ريال" is the Saudi and Qatari riyal (Oman's, worth ten times more,
    # and Yemen's are left out: a spelling spans its countries' values), "درهم" the UAE and Moroccan dirham,
    # "دينار" the Kuwaiti to the Algerian and Iraqi dinar, "جنيه" the Egyptian pound; the Persian "تومان"
    # ("تومن" spoken) is ten Iranian rials, the unit prices are said in.
    "ريال": "SAR/QAR", "sar": "SAR/QAR", "درهم": "AED/MAD", "aed": "AED/MAD", "dhs": "AED/MAD",
    "جنيه": "EGP", "egp": "EGP", "دينار": "KWD/IQD/DZD", "kwd": "KWD/IQD/DZD", "تومان": "IRT", "تومن": "IRT",
    "روپے": "PKR", "pkr": "PKR",
}
# Spellings that count thousands of their currency ("15 lucas" is 15,000 pesos).
_THOUSANDS_OF: dict[str, float] = {"lucas": 1000.0}
# Rough units of each currency per US dollar, as the range (strongest, weakest) of its value: the lowest and the
# highest monthly average of the reference rates from January 2023 to late 2025 (Federal Reserve H.10 for the
# currencies it publishes, the ECB's euro reference rates, the central banks' official rates for the others; figures
# approximate, rounded outward, as known in 2025). Rates move: the range is the tolerance. Currencies that lost half
# their value or more in that time span it all (the Turkish lira 18.5 to 42, the Argentine peso 180 to 1,500, the
# naira 460 to 1,700), so a price of 2023 and one of 2025 both fall inside. A spelling of several currencies spans all
# of theirs (`CURRENCY_SYMBOLS`: "pesos" from 16.5 Mexican to 4,900 Colombian). Crypto currencies have no entry:
# their value moved by a factor of five in the same time.
UNITS_PER_USD: dict[str, tuple[float, float]] = {
    "USD": (1.0, 1.0), "USDT": (1.0, 1.0), "EUR": (0.85, 0.97), "GBP": (0.73, 0.83), "CAD": (1.30, 1.45),
    "AUD": (1.45, 1.62), "CHF": (0.78, 0.94), "CNY": (6.7, 7.35), "JPY": (128.0, 162.0), "THB": (32.0, 37.0),
    "INR": (81.0, 89.0), "RUB": (65.0, 105.0), "KRW": (1220.0, 1480.0), "BRL": (4.8, 6.2), "PLN": (3.6, 4.5),
    "TRY": (18.5, 42.0), "IDR": (14500.0, 16900.0), "CZK": (21.0, 25.0), "HUF": (340.0, 410.0), "SEK": (9.4, 11.2),
    "NOK": (9.9, 11.3), "DKK": (6.3, 7.2), "UAH": (36.0, 42.0), "PHP": (54.0, 59.0), "ILS": (3.3, 4.0),
    "VND": (23000.0, 26500.0), "MYR": (4.2, 4.8), "MXN": (16.5, 21.0), "ARS": (180.0, 1500.0), "NGN": (460.0, 1700.0),
    "KZT": (430.0, 545.0), "PEN": (3.3, 4.0),
    "SEK/NOK/DKK": (6.3, 11.3), "RON/MDL": (4.2, 18.5), "MXN/COP/ARS/CLP": (16.5, 4900.0),
    "COP/ARS/CLP": (180.0, 4900.0),
    "SAR/QAR": (3.64, 3.76), "AED/MAD": (3.67, 10.4), "EGP": (30.9, 51.0), "KWD/IQD/DZD": (0.30, 1500.0),
    "IRT": (35000.0, 120000.0), "PKR": (220.0, 310.0),
}


def dollars(amount: float, currency: str | None) -> tuple[float, float] | None:
    """The range (lowest, highest) of what `amount` of `currency` is worth in US dollars, by `UNITS_PER_USD`; None
    for a currency without a rate (crypto, or none written)."""
    units = UNITS_PER_USD.get(currency) if currency is not None else None
    return None if units is None else (amount / units[1], amount / units[0])


UNITS: dict[str, str] = {
    "g": "g", "gr": "g", "gram": "g", "grams": "g", "gramm": "g", "grs": "g", "克": "g", "gam": "g",
    "gramme": "g", "grammes": "g", "gramos": "g", "gramas": "g", "grammi": "g", "grammo": "g", "gramów": "g",
    "gramy": "g", "grama": "g", "kilogramów": "kg", "gramo": "g",
    # Arabic, Persian and Urdu grams and kilos ("10 غرام", "۵ گرم", "1 كيلو")
    "جرام": "g", "غرام": "g", "جم": "g", "گرم": "g", "گرام": "g", "كيلو": "kg", "کیلو": "kg",
    # "the gram" in the languages that write the article after the noun (Swedish, Norwegian, Danish, Romanian), as
    # prices are written: "800 kr grammet", "50 lei gramul"
    "grammet": "g", "grammen": "g", "gramul": "g",
    "г": "g", "гр": "g", "грамм": "g", "грамма": "g", "граммов": "g", "грам": "g", "грами": "g", "грамів": "g",
    "мг": "mg", "мкг": "mcg", "мл": "ml", "кило": "kg", "килограмм": "kg", "килограмма": "kg", "килограммов": "kg",
    "кілограм": "kg", "кілограми": "kg", "кілограмів": "kg", "กรัม": "g", "グラム": "g", "그램": "g", "ग्राम": "g", "किलो": "kg",
    "kg": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg", "kilogramme": "kg",
    "kilogrammes": "kg", "kilogramos": "kg", "кг": "kg", "公斤": "kg", "โล": "kg", "キロ": "kg",
    "mg": "mg", "mcg": "mcg", "ug": "mcg", "µg": "mcg", "microgram": "mcg", "micrograms": "mcg", "micro gram": "mcg",
    "micro grams": "mcg", "milligram": "mg", "milligrams": "mg",
    "oz": "oz", "ounce": "oz", "ounces": "oz", "zip": "oz", "zips": "oz",
    "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb",
    "ml": "ml", "l": "l", "iu": "iu",
    "pill": "pill", "pills": "pill", "tab": "pill", "tabs": "pill", "tablet": "pill", "tablets": "pill",
    "cap": "pill", "caps": "pill", "capsule": "pill", "capsules": "pill", "粒": "pill", "颗": "pill", "片": "pill",
    "pcs": "piece", "pc": "piece", "ct": "piece", "piece": "piece", "pieces": "piece", "шт": "piece", "bar": "bar", "bars": "bar",
    "vial": "vial", "vials": "vial", "blotter": "blotter", "blotters": "blotter", "hit": "hit", "hits": "hit",
    # Pieces and pills in the other languages sellers write ("30stk 240mg", "20 pastillas", "50 таблеток").
    "stk": "piece", "stück": "piece", "szt": "piece", "sztuk": "piece", "kusů": "piece", "kusy": "piece",
    "darab": "piece", "piezas": "piece", "pzs": "piece", "unidades": "piece", "kpl": "piece", "штук": "piece",
    "штуки": "piece", "pastillas": "pill", "pastilla": "pill", "pastilles": "pill", "pastille": "pill",
    "pastiglie": "pill", "pastiglia": "pill", "tabletten": "pill", "tablette": "pill", "tabletki": "pill",
    "tabletka": "pill", "tabletas": "pill", "tableta": "pill", "comprimidos": "pill", "comprimido": "pill",
    "comprimés": "pill", "comprimé": "pill", "compresse": "pill", "compressa": "pill", "pillen": "pill",
    "pilules": "pill", "pilule": "pill", "pílulas": "pill", "pílula": "pill", "таблеток": "pill",
    "таблетки": "pill", "таблетка": "pill", "tabletter": "pill", "tabletit": "pill", "tabletti": "pill",
    "ขีด": "100g",
    # Counted containers: poppers, GHB/GBL, lança-perfume (chloroethane) and codeine syrup come in bottles ("Lança
    # perfume 10 frascos", "GBL 5 Flaschen", "10 флаконов"). A count, not a dose: bottles hold anything.
    "frasco": "bottle", "frascos": "bottle", "flasche": "bottle", "flaschen": "bottle", "флакон": "bottle",
    "флакона": "bottle", "флаконов": "bottle", "флаконы": "bottle", "bottle": "bottle", "bottles": "bottle",
}

_V = TypeVar("_V")

# A number; thousands grouped by a comma or a space take at most six groups, held without backtracking ("{1,6}+"):
# with "+" the expressions that hold it tried every group of a run of space-grouped numbers as a new start and read
# the run to its end each time ("123 456 789 ..." took 12 s at 12,500 characters, 0.1 s now). A run of more groups
# (a figure of 10^21 or more) is read in pieces; on shorter ones the readings are the same (tested).
_NUM = r"\d{1,3}(?:[,\s]\d{3}){1,6}+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_UNIT = "|".join(re.escape(k) for k in sorted(UNITS, key=len, reverse=True))
# English counts written as words, before a weight unit only ("a gram", "half an ounce", "four pounds").
_WORD_COUNTS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "half": 0.5, "half a": 0.5, "half an": 0.5, "quarter": 0.25, "a quarter": 0.25,
    "quarter a": 0.25, "quarter of a": 0.25, "a half": 0.5,
}
_WORD_COUNT = "|".join(re.escape(k) for k in sorted(_WORD_COUNTS, key=len, reverse=True))
_WEIGHT_WORDS = "grams?|grammes?|kilos?|kilograms?|ounces?|oz|pounds?|lbs?|zips?"

_QTY = re.compile(
    rf"(?<![A-WYZa-wyz0-9_.,#])(?:(?P<n1>\d{{1,2}}/(?:16|2|3|4|8)(?!\d)|{_NUM})[ \t]?(?P<u1>{_UNIT})(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff])"
    rf"|(?P<u2>ขีด|โล)[ \t]?(?P<n2>{_NUM})?"
    rf"|(?P<x1>x)[ \t]?(?P<n3>\d{{1,5}})(?![A-Za-z0-9_.]|[ \t]?(?:{_UNIT})(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff]))"
    rf"|(?P<n4>\d{{1,3}}(?:[.,]\d{{3}})+|\d{{1,5}})[ \t]?(?P<x2>x)(?![A-Za-z0-9_]))",
    re.IGNORECASE,
)
# Word counts are looked for only in texts that hold a weight unit's letters (substring tests are four times
# cheaper than a regex pass over every text).
_WEIGHT_STEMS = ("gram", "kilo", "ounce", "oz", "pound", "lb", "zip")
_WORD_QTY = re.compile(rf"\b(?P<w>{_WORD_COUNT})[ \t-](?P<wu>{_WEIGHT_WORDS})\b", re.IGNORECASE)
_KANA = re.compile(r"[\u3040-\u30ff]")
# A rate: money followed by a bare unit ("$250 per oz", "$2800 LB", "80€ pro Gramm", "20€ a pill"), or a number
# over a unit without a currency ("250/G", "100/g": sellers price in the local currency and leave it out). "80.-"
# is a price in whole units of a currency left unwritten (Thai, Swiss and German usage).
# The words of a rate are the prepositions and articles of the languages narcotrace reads ("10€ al grammo", "$15 el
# gramo", "€45 de gram", "R$ 10 o grama", "250 zł za gram", "1800р за грамм", "20 € je Gramm", "10€ par gramme"),
# each followed by a space: "10€ al" is no "a" and a litre. A unit before an apostrophe is an elided article ("5€ de
# l'heure").
_RATE_WORDS = (
    "per", "pro", "por", "par", "je", "das", "a", "an", "each", "cada", "the", "le", "la", "il", "al", "el",
    "o", "de", "za", "за",
)
_RATE_UNIT = re.compile(
    rf"[ \t]*(?:(?P<by>/|(?:{'|'.join(_RATE_WORDS)})(?=[ \t]))[ \t]*)?(?P<u>{_UNIT})"
    rf"(?![A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff'’])",
    re.IGNORECASE,
)
_RATE_BARE = re.compile(
    rf"(?<![\w.,/])(?P<a>{_NUM})(?:[ \t]?/[ \t]?(?P<u>{_UNIT})(?![A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff])|\.-(?![\d-]))",
    re.IGNORECASE,
)
# Prices without a currency, as dealers write them in messages ("percs and bars, 25 each", "20 a gram", "28g for
# 200", "150 for a zip"): the amount stands alone, so it counts only in these shapes, from 5 (scores, doses and
# ages are smaller), and not when a word follows that no seller writes there ("25 each day", "5g for 10 minutes",
# "20 per kg body weight"). A weight's amount follows a weight of a dealer's size, 1 kg at most, or a count of
# pills or pieces ("Squat 225 lbs - 10" counts reps, "Magnesium 400 mg - 120" capsules, "3 kg - 2019" a year), and
# is no time or temperature ("20 mg - 8:00", "500 ml - 40°C"). A rate's unit is not a told amount ("When I was 16
# a gram of weed cost ...").
# A rate's amount may count thousands ("perico 25k el gramo": pesos, left unwritten) and take the articles of the
# other languages' rates ("10 al grammo", "30 el gramo", "1800 за грамм"; not "de" or "o", which are also "of" and
# "or" between two amounts).
_BARE_RATE_WORDS = tuple(w for w in _RATE_WORDS if w not in ("de", "o", "each", "cada"))
_BARE = re.compile(
    rf"(?=\d)(?<![\w.,$/#@:])(?P<a>\d{{1,4}}(?:[.,]\d{{1,2}})?)"
    rf"(?:[ \t]?(?P<each>each|ea|apiece|a piece|a pop)(?![^\W_])"
    rf"|(?P<k>k)?[ \t]*(?:{'|'.join(_BARE_RATE_WORDS)})[ \t]+(?P<u>{_UNIT})"
    rf"(?![A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff'’]))",
    re.IGNORECASE,
)
# what _BARE needs, looked for first (half its cost): a digit, "k" and the first letter of "each" or a rate's word
_BARE_HINT = re.compile(r"\d[ \t]*k?[ \t]*[eapjtliz\u0437]", re.IGNORECASE)
_BARE_AFTER = re.compile(
    r"[ \t]*(?:for|=|-|–|:)[ \t]*(?P<a>\d{1,3},\d{3}|\d{1,5})(?![\w/%°]|[.,:]\d)", re.IGNORECASE
)
_BARE_BEFORE = re.compile(r"(?<![\w.,$/#@:])(?P<a>\d{1,3},\d{3}|\d{1,5})[ \t]+(?P<f>for[ \t]+)?$", re.IGNORECASE)
_A_UNIT = re.compile(r"an?[ \t]", re.IGNORECASE)  # "20 a gram": the word count of a rate
_OF = re.compile(r"[ \t]+of(?![^\W_])", re.IGNORECASE)  # "a gram of weed": a told amount, not a rate's unit
_NEXT_WORD = re.compile(r"[ \t]*([^\W\d_]+)")
# Words a seller writes after a price: "25 each or 3 for 60", "180 shipped", "100 each, hmu", "25 each cashapp".
# After a weight's amount "or" and "and" go on to something else ("1 pill for 7 or 10 days", "1 oz = 28 and ...").
_SELLER_NEXT = frozenset({
    "rn", "hmu", "dm", "obo", "firm", "only", "shipped", "delivered", "total", "ship", "del",
    # the payment app or messenger a dealer names next ("percs 25 each cashapp", "20 a gram zelle", "30 each snap me")
    "cashapp", "zelle", "venmo", "paypal", "applepay", "snap", "telegram", "tele", "wickr", "whatsapp", "signal",
})
_SELLER_NEXT_EACH = _SELLER_NEXT | {"or", "and"}
_BARE_MIN = 5.0
_BARE_PAIR_UNITS = frozenset({"g", "kg", "oz", "lb", "100g", "pill", "piece", "bar", "vial", "blotter", "hit"})
_BARE_PAIR_MAX_GRAMS = 1000.0
# Grams per weight unit (the detector compares weights and prices per gram with it too).
GRAMS_PER_UNIT: dict[str, float] = {"g": 1.0, "kg": 1000.0, "oz": 28.35, "lb": 453.6, "100g": 100.0}


def _free_standing(text: str, end: int, words: frozenset[str] = _SELLER_NEXT) -> bool:
    """Whether an amount ending at `end` is not followed by a word other than a seller's ("25 each, hmu")."""
    m = _NEXT_WORD.match(text, end)
    return m is None or m.group(1).lower() in words


def _dealer_amount(unit: str | None, count: float | None) -> bool:
    """Whether a quantity is one a bare price may follow: a count of pills or pieces, or a weight up to 1 kg."""
    if unit not in _BARE_PAIR_UNITS:
        return False
    grams = GRAMS_PER_UNIT.get(unit)
    return grams is None or (count is not None and count * grams <= _BARE_PAIR_MAX_GRAMS)


_PAIR_GAP = re.compile(r"^[ \t]*(?:for|=|-|–|:|@|/|per|a|each|only|just|,|ب|بـ|به|،)?[ \t]*$", re.IGNORECASE)
# A rate written with its unit first, before the money: Arabic "الجرام ب 400 درهم" (the gram for 400 dirhams),
# Persian "گرمی ۲ میلیون تومان" (two million toman a gram), Turkish "gramı 300 TL" (its gram 300 lira).
_UNIT_FIRST_RATE = re.compile(
    r"(?:(?<![^\W\d_])(?:ال|لل)?(?:جرام|غرام)[ \t]*(?:ب|بـ|=|:)?|(?<![^\W\d_])(?:گرمی|گرامی|هر گرم|فی گرم)"
    r"|(?<![^\W\d_])gramı)[ \t]*$",
    re.IGNORECASE,
)
_GUARD = re.compile(r"\d|ขีด|โล")


def _lookup(table: dict[str, _V], written: str) -> _V | None:
    """The table entry of a unit, currency or count as written. Case-insensitive matching also accepts letters
    whose lower case is no key letter ("İ" matches "i", the long "ſ" matches "s"): those are folded to their base
    letter when the lower-cased spelling is not a key."""
    key = written.lower()
    if key in table or key.isascii():
        return table.get(key)
    decomposed = unicodedata.normalize("NFKD", key)
    return table.get("".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("ſ", "s"))


def _num(s: str, grouped: bool = False) -> float | None:
    """The value of a number as written. A dot before groups of three digits groups thousands when there are several
    ("5.000.000"), or, with `grouped` (money in a currency of cents, a count), one ("1.500€", "R$ 4.799", "1.000x");
    "0.500" is a decimal."""
    s = s.replace(" ", "").replace("\t", "")
    if "/" in s:
        num, _, den = s.partition("/")
        return int(num) / int(den) if int(den) else None
    if "," in s and "." in s:
        # The later separator is the decimal one: "1,234.56" (English), "1.234,56" (most of Europe, Latin America).
        s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
    elif "." in s:
        head, *groups = s.split(".")
        if head != "0" and all(len(g) == 3 for g in groups) and (len(groups) > 1 or grouped):
            s = s.replace(".", "")
    elif "," in s:
        head, _, tail = s.rpartition(",")
        # "1,100" is a thousands separator; "2,5" a decimal comma
        s = s.replace(",", "") if len(tail) == 3 else head.replace(",", "") + "." + tail
    try:
        return float(s)
    except ValueError:
        return None


_CRYPTO = frozenset({"BTC", "XMR", "ETH", "LTC"})  # amounts in thousandths: "0.005 BTC", "1.250 ETH"
_PREFIX_ONLY = frozenset({"rp", "rm"})
_IN_TOKEN = re.compile(r"[^\W_]")
_LINK_CHARS = frozenset("/._=?&-@#0123456789")


# Money is found from its number, not by trying every currency at every position of the text (one regular
# expression alternating the 100 currency spellings took 41 us a tweet with digits, about 5% of a scan; it is kept in
# tests/indicators/test_indicators_prices.py as the reference this code must match on every input): each number
# (`_NUMBER` is `_NUM` with its first digit factored out, which lets the regex engine skip to digits) is looked at
# for a currency written right before it ("$20", "R$ 100", "usd250") or right after it ("20$", "500 บาท",
# "1.2k€"), leftmost first, the longest spelling that fits. A currency after its amount must not be followed by a
# digit: in "Gelato 41 $2800" the "$" is 2800's.
_NUMBER = re.compile(r"\d(?:\d{0,2}(?:[,\s]\d{3}){1,6}+(?:\.\d+)?|\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:[.,]\d+)?)")
_NUM_READINGS = tuple(re.compile(alt) for alt in _NUM.split("|"))  # `_NUM`'s alternatives, in its order
# "đ", "р", "kr" and "lei" are written after the amount only, and these and "vnđ" must end their word there
# (`_runs_on`): "9đ" is a school mark, "в 2раза" ("twice") no roubles, "5 kräftor" (crayfish) no kronor.
_POST_ONLY = frozenset({"đ", "р", "kr", "lei"})
_WHOLE_WORD_AFTER = frozenset({"đ", "vnđ", "р", "kr", "lei"})
_DONG = frozenset({"đ", "vnđ"})
_PRE_KEYS = frozenset(k for k in CURRENCY_SYMBOLS if (not k.isalpha() or len(k) <= 3) and k not in _POST_ONLY)
_PRE_LENS = sorted({len(k) for k in _PRE_KEYS}, reverse=True)
_POST_LENS = sorted({len(k) for k in CURRENCY_SYMBOLS}, reverse=True)
# The lengths of the currencies that end (before their amount) or begin (after it) with a character, in both cases,
# longest first: most numbers (dates, times, link codes) need no lookup. A character of another script missing here
# is tried at every length (case-insensitive matching folds a few letters onto ASCII ones: "ſ" is "s").
def _lengths_by(keys: Iterable[str], edge: int) -> dict[str, list[int]]:
    """Character at position `edge` of a key (either case) -> the lengths of the keys with it there, longest first."""
    out: dict[str, list[int]] = {}
    for key in sorted(keys, key=len, reverse=True):
        for c in {key[edge], key[edge].upper()}:
            lengths = out.setdefault(c, [])
            if len(key) not in lengths:
                lengths.append(len(key))
    return out


_PRE_LAST = _lengths_by(_PRE_KEYS, -1)
_POST_FIRST = _lengths_by(CURRENCY_SYMBOLS, 0)
# What `[A-Za-z]` matches case-insensitively: the ASCII letters and four letters that fold onto them.
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZİıſ\u212a")
_NOT_AFTER_AMOUNT = _ASCII_LETTERS | frozenset("0123456789")
_NOT_BEFORE_AMOUNT = _NOT_AFTER_AMOUNT | frozenset("_.,")
_K = "kK\u212a"  # "k" for thousands, matched case-insensitively (the Kelvin sign folds to "k")
_REGEX_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})  # letters re.IGNORECASE folds onto ASCII
_KEYS = frozenset(CURRENCY_SYMBOLS)


def _currency_key(written: str, keys: frozenset[str]) -> str | None:
    """The key of `keys` that `written` spells, case-insensitively as the regex engine compares letters, else None."""
    key = written.lower()
    if key in keys:
        return key
    if key.isascii():
        return None
    key = written.translate(_REGEX_FOLDS).lower()
    return key if key in keys else None


def _currency_before(text: str, start: int, floor: int) -> int | None:
    """Where a currency written before the amount at `start` begins (one space or tab may sit between), else None.
    It must begin at or after `floor` and not run on from an ASCII letter ("bus$100" has none)."""
    j = start - 1 if start > 0 and text[start - 1] in " \t" else start
    if j == 0:
        return None
    lens = _PRE_LAST.get(text[j - 1])
    if lens is None:
        if text[j - 1].isascii():
            return None
        lens = _PRE_LENS
    for n in lens:
        i = j - n
        if i < floor:
            continue
        if _currency_key(text[i:j], _PRE_KEYS) is not None and (i == 0 or text[i - 1] not in _ASCII_LETTERS):
            return i
    return None


def _currency_after(text: str, end: int) -> tuple[bool, int, int] | None:
    """(thousands, currency start, currency end) for a currency written after the amount ending at `end` (a "k" and
    one space or tab may sit between), not followed by an ASCII letter or digit; else None."""
    size = len(text)
    for k in ((True, False) if end < size and text[end] in _K else (False,)):
        q = end + 1 if k else end
        for r in ((q + 1, q) if q < size and text[q] in " \t" else (q,)):
            if r >= size:
                continue
            lens = _POST_FIRST.get(text[r])
            if lens is None:
                if text[r].isascii():
                    continue
                lens = _POST_LENS
            for n in lens:
                e = r + n
                if e > size or (key := _currency_key(text[r:e], _KEYS)) is None:
                    continue
                if e == size or (
                    text[e] not in _NOT_AFTER_AMOUNT and not (key in _WHOLE_WORD_AFTER and _runs_on(text, key, r, e))
                ):
                    return k, r, e
    return None


def _runs_on(text: str, key: str, start: int, end: int) -> bool:
    """Whether the currency of `_WHOLE_WORD_AFTER` at text[start:end], before more text, is no currency: a word goes
    on ("5 đơn", orders; "2раза", twice); the rouble's "р" before "-" and a letter or before "/д", "/с" is an
    abbreviation ("р-н", district; "р/д", "р/сут", times a day); for the dong, "đ/c" is an address ("0912345678 đ/c: 12 Lê Lợi") and "Đ." a street ("1058
    Đ. Nguyễn Văn Linh")."""
    c = text[end]
    if key == "р" and ((c == "-" and text[end + 1 : end + 2].isalpha()) or (c == "/" and text[end + 1 : end + 2].lower() in ("д", "с"))):
        return True  # "5 р-н" (district), "2 р/д", "2 р/сут" (twice a day); "1800р/г" is roubles a gram
    if key not in _DONG:
        return c.isalnum()
    if c == "/":
        return text[end + 1 : end + 2] in ("c", "C") and not text[end + 2 : end + 3].isalpha()  # not "đ/chỉ"
    return c.isalnum() or (c == "." and end - start == 1 and text[start] == "Đ")  # not "500.000 VNĐ."


def _retry_at(text: str, start: int, end: int) -> int:
    """Where to look next after the number text[start:end] held no money: after it, or where the regex would try
    again inside it, at a digit after a character its lookbehind lets through: a space grouping the digits ("k12
    000元" has "000元": "12" runs on from a letter) or a digit of another script ("No.１２０円" has "２０円")."""
    for i in range(start + 1, end):
        if text[i - 1] not in _NOT_BEFORE_AMOUNT and text[i].isdigit():
            return i
    return end


def _money(text: str) -> list[tuple[int, int, float | None, str]]:
    out = []
    floor = 0  # where the last match ended: matches do not overlap
    pos = 0
    kana: bool | None = None  # whether the text holds kana (a yen sign is then Japanese), looked up once
    while (m := _NUMBER.search(text, pos)) is not None:
        s, e = m.span()
        amount, k = m.group(), False
        pos = e
        cs = _currency_before(text, s, floor)
        if cs is not None:
            start, end, prefix = cs, e, True
            cur = text[cs : s].rstrip(" \t")
            if e < len(text) and text[e] in _K and (e + 1 == len(text) or text[e + 1] not in _ASCII_LETTERS):
                k, end = True, e + 1
        else:
            if s > 0 and text[s - 1] in _NOT_BEFORE_AMOUNT:
                pos = _retry_at(text, s, e)
                continue
            after = _currency_after(text, e)
            if after is None and ("." in amount or "," in amount):
                # As the regex backtracks into `_NUM`'s other readings: "0.00125 $" is not "0.001" then "25 $".
                for reading in _NUM_READINGS:
                    other = reading.match(text, s)
                    if other is not None and other.end() != e and (after := _currency_after(text, other.end())):
                        amount = other.group()
                        break
            if after is None:
                pos = _retry_at(text, s, e)
                continue
            k, r, end = after
            start, prefix, cur = s, False, text[r:end]
        floor = pos = end
        code = _lookup(CURRENCY_SYMBOLS, cur)
        if code is None:
            continue
        if prefix and cur.isascii() and cur.isalpha() and (
            (_IN_TOKEN.match(text, end) and not (code == "IDR" and _rupiah_word(text, end)))
            or (start > 0 and text[start - 1] in _LINK_CHARS)
        ):
            continue  # a code run into a link, a handle or an identifier ("t.co/ZKCyctL3n", "@dkk4328"): no price
        if not prefix and cur.lower() in _PREFIX_ONLY:
            continue  # "13.5 RP" (points), "5 rm" (rooms): rupiah and ringgit are written before the amount
        if cur in ("¥", "￥"):
            if kana is None:
                kana = _KANA.search(text) is not None
            code = "JPY" if kana else "CNY"
        val = _num(amount, grouped=code not in _CRYPTO)
        if val is not None and k:
            val *= 1000
        if val is not None and (thousands := _THOUSANDS_OF.get(cur.lower())) is not None:
            val *= thousands
        out.append((start, end, val, code))
    return out


# "5G", "4G", "3G" are mobile network generations in a text about phones, routers or SIM cards, not grams: "Snow
# white iPhone 13 5G $500" was a 5-gram listing of slang.
_NETWORK_G = re.compile(r"[2-6][ \t]?g", re.IGNORECASE)
_TELECOM = re.compile(
    r"\b(?:lte|wi-?fi|network|router|modem|hotspot|phones?|iphone|smartphone|android|samsung|galaxy|pixel|xiaomi|"
    r"huawei|motorola|oneplus|sim|esim|unlocked|tablet|[0-9]+[ \t]?(?:gb|tb)|mah)\b",
    re.IGNORECASE,
)


_CYRILLIC_G = frozenset({"г", "Г"})


# Where a quantity can begin: every alternative of `_QTY` begins with one of these. `_QTY` begins with a look-behind,
# which keeps the regex engine from skipping ahead to them: searching for them first and matching there halves the
# time (18 to 9 us a tweet), with the same matches as `_QTY.finditer` (tested).
_QTY_START = re.compile(r"[\dxXขโ]")
# the look-behind's characters
_NOT_BEFORE_QTY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWYZabcdefghijklmnopqrstuvwyz0123456789_.,#")


def _qty_matches(text: str) -> Iterator[re.Match[str]]:
    """`_QTY.finditer(text)`, trying `_QTY` only where a quantity can begin."""
    pos = 0
    while (c := _QTY_START.search(text, pos)) is not None:
        p = c.start()
        m = None if p and text[p - 1] in _NOT_BEFORE_QTY else _QTY.match(text, p)
        if m is None:
            pos = p + 1
        else:
            yield m
            pos = m.end()


# A quantity per unit of time is a rate of output or use, not an amount on offer: "Ice Maker Machine 15kg/day",
# "rotary tablet press 15000 pills/h", "up to 5000 tablets per hour", "take 2 pills a day", "200 г в сутки". A
# letter alone stands for the time only after "/" ("/h", "/d"). So is the size a container is made for: "Mylar Bags
# 100pcs - 3.5g size", "28g capacity". A strength per hour is a patch's ("Durogesic 100ug/h", "Transtec 35mcg/h"):
# milligrams and micrograms keep their reading (`_STRENGTHS`).
_STRENGTHS = frozenset({"mg", "mcg"})
_TIME_WORDS = (
    "sec|secs|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours|day|days|wk|week|weeks|month|months|yr|yrs|"
    "year|years|shift|hora|horas|día|dia|días|dias|mes|semana|tag|stunde|std|woche|monat|jour|heure|semaine|mois|"
    "giorno|settimana|mese|час|сутки|день|неделю|месяц|год|天|小时|日|月"
)
_PER_TIME = re.compile(
    rf"[ \t]*(?:/[ \t]*(?:{_TIME_WORDS}|s|h|d)"
    rf"|(?:[ \t]+|[ \t]*-[ \t]*)(?:per|a|an|pro|por|par|al|je|в|за)[ \t]+(?:{_TIME_WORDS}))(?![^\W\d_])"
    r"|[ \t]*-?[ \t]*(?:size|sized|capacity)(?![^\W\d_])",
    re.IGNORECASE,
)
# A count of one to ten written in Chinese numerals before 克 (gram) or 公斤 (kilogram): "叶子 一克 ¥300", "两克", "半克";
# not part of a longer numeral ("二十克", twenty grams, is left unread), nor 克拉 (carat), 克服 (overcome), 克隆 (clone).
_CJK_COUNTS: dict[str, float] = {
    "一": 1.0, "二": 2.0, "两": 2.0, "兩": 2.0, "三": 3.0, "四": 4.0, "五": 5.0, "六": 6.0, "七": 7.0, "八": 8.0, "九": 9.0,
    "十": 10.0, "半": 0.5,
}
_CJK_QTY = re.compile(
    r"(?<![一二两兩三四五六七八九十百千万萬几幾半零〇])(?P<n>[一二两兩三四五六七八九十半])(?P<u>克|公斤)(?![拉服隆])"
)


def _quantities(text: str, digits: bool, words: bool) -> list[tuple[int, int, float | None, str]]:
    out = []
    telecom: bool | None = None
    for m in _qty_matches(text) if digits else ():
        if m.group("u1"):
            unit = _lookup(UNITS, m.group("u1"))
            if unit not in _STRENGTHS and _PER_TIME.match(text, m.end()):
                continue
            if m.group("u1") in _CYRILLIC_G and (
                text.startswith(".", m.end()) or (_num(m.group("n1")) or 0) >= 1000
            ):
                continue  # "2020 г." is the year 2020 (г. for год), as "г." after a name is a city (город)
            if unit == "g" and _NETWORK_G.fullmatch(m.group()):
                if telecom is None:
                    telecom = _TELECOM.search(text) is not None
                if telecom:
                    continue
            if unit is not None:
                out.append((m.start(), m.end(), _num(m.group("n1")), unit))
        elif m.group("u2"):
            n = m.group("n2")
            if n:  # "ขีด 1,000" is a unit followed by its price, not 1,000 units
                out.append((m.start(), m.start("u2") + len(m.group("u2")), 1.0, UNITS[m.group("u2")]))
            else:
                out.append((m.start(), m.end(), 1.0, UNITS[m.group("u2")]))
        else:
            n = m.group("n3") or m.group("n4")
            out.append((m.start(), m.end(), _num(n, grouped=True), "x"))
    if words:
        for m in _WORD_QTY.finditer(text):
            count = _lookup(_WORD_COUNTS, " ".join(m.group("w").split()))
            unit = _lookup(UNITS, m.group("wu"))
            if count is not None and unit is not None:
                out.append((m.start(), m.end(), float(count), unit))
        out.sort(key=lambda q: q[0])
    if "克" in text or "公斤" in text:
        out.extend(
            (m.start(), m.end(), _CJK_COUNTS[m.group("n")], UNITS[m.group("u")]) for m in _CJK_QTY.finditer(text)
        )
        out.sort(key=lambda q: q[0])
    return out


# Words of a power of ten written after an amount of money: "$152 millones", "€2bn", "Rs 5 crore", "₩50만", "50万元",
# "3亿元", "Rp 100 juta". "m" and "b" count only run into the number ("$300M"; "$5 m" is no million), the CJK
# characters only run into it and before a currency, another such character, a digit or no letter ("50万円",
# "1億5000万円"; not "¥200 万一" (in case), "¥300千克" (kilograms), "₩30만나서" (meet)). Left out: Spanish and
# Portuguese "mil" alone (a thousand, and English slang for a million: "$20 mil"), English "mill" ("$20 Mill St") and
# Italian "mio" without its dot ("€20 mio fratello").
_MAGNITUDES: dict[str, float] = {
    "mil millones": 1e9, "nghìn": 1e3, "ngàn": 1e3, "ribu": 1e3, "rb": 1e3, "千": 1e3, "тыс.": 1e3, "тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3,
    "тысяча": 1e3, "万": 1e4, "萬": 1e4, "만": 1e4, "lakh": 1e5, "lakhs": 1e5, "千万": 1e7, "千萬": 1e7,
    "million": 1e6, "millions": 1e6, "millón": 1e6, "millon": 1e6, "millones": 1e6, "mdp": 1e6,
    "mln": 1e6, "mio.": 1e6, "millionen": 1e6, "milione": 1e6, "milioni": 1e6, "miljoen": 1e6,
    "milhão": 1e6, "milhao": 1e6, "milhões": 1e6, "milhoes": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6,
    "миллионов": 1e6, "milyon": 1e6, "triệu": 1e6, "juta": 1e6, "jt": 1e6, "百万": 1e6, "m": 1e6,
    "میلیون": 1e6, "مليون": 1e6, "هزار": 1e3, "ألف": 1e3, "الف": 1e3,  # Persian and Arabic (session 24)
    "crore": 1e7, "crores": 1e7, "亿": 1e8, "億": 1e8, "억": 1e8,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "milliard": 1e9, "milliards": 1e9,
    "mrd": 1e9, "mrd.": 1e9, "mld": 1e9, "miliardi": 1e9, "miliardo": 1e9, "miljard": 1e9, "milliarden": 1e9,
    "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9, "milyar": 1e9, "miliar": 1e9,
    "bilhão": 1e9, "bilhao": 1e9, "bilhões": 1e9, "bilhoes": 1e9, "tỷ": 1e9, "trillion": 1e12, "trillions": 1e12,
}
# Market figures: money of a million or more that no dealer asks, the figure of a market, a budget or a seizure
# ("$152 millones en ingresos fiscales", "$1 million worth of cocaine"). Vietnamese triệu and Indonesian juta are a
# million dong or rupiah, sums a dealer asks.
_DEALER_MILLIONS = frozenset({"triệu", "juta", "jt", "میلیون"})
# Indonesian "ribu" (a thousand), its short "rb" and "jt" (short for juta) scale rupiah only ("Rp 150rb", "150 ribu
# rupiah"): without the currency they count followers, views and people too ("15rb followers", "ditonton 2jt kali",
# "5rb orang"), and in English "$40 RB" is no thousand.
_RUPIAH_WORDS = frozenset({"ribu", "rb", "jt"})
# Words of English writing, where a dot before a magnitude word is a decimal one ("$8.798 Bn", "$1.143 billion");
# "1.500 millones" groups thousands as Spanish does.
_DECIMAL_DOT = frozenset({
    "million", "millions", "mln", "m", "billion", "billions", "bn", "bln", "b", "trillion", "trillions", "crore",
    "crores", "lakh", "lakhs",
})
_SMALL_DONG = re.compile(r"đồng$|đ$", re.IGNORECASE)  # "đồng" begins other Vietnamese words too; "9đ" is a mark
_AMOUNT_AT_END = re.compile(r"(?:" + _NUM + r")$")
_CJK_MAGNITUDES = frozenset({"千", "万", "萬", "만", "百万", "千万", "千萬", "亿", "億", "억"})
# A word is followed by no letter or digit, and a one-letter word by no "/" ("$5m/s" is a speed; "300rb/gram" and
# "$2bn/year" are money).
_MAGNITUDE = re.compile(
    r"(?P<sp>[ \t]?)(?:(?P<w>"
    + "|".join(re.escape(k) for k in sorted(set(_MAGNITUDES) - _CJK_MAGNITUDES, key=len, reverse=True))
    + r")(?![\w&²³])(?!(?<![^\W\d_]{2})/)|(?P<c>" + "|".join(sorted(_CJK_MAGNITUDES, key=len, reverse=True))
    + r")(?=[元块塊円圓원万萬만千亿億억\d]|[^\w]|$))",
    re.IGNORECASE,
)
# The smaller parts of a CJK amount after its first: "5000万" of "1億5000万円", "5千" of "3万5千円", " 5000만" of
# "1억 5000만원".
_CJK_PART_AFTER = re.compile(r"[ \t]?(?P<a>\d+(?:\.\d+)?)(?P<c>千万|千萬|万|萬|만|千)")
_DIGIT_BEFORE_WORD = re.compile(r"\d(?=[ \t]?[^\W\d_])")
# A digit and such a word right after it: searched from the digit, which the regex engine finds fast (searching from
# the amount tried every number's readings; a look-behind for the digit tested every position).
_MAGNITUDE_AFTER_DIGIT = re.compile(r"\d" + _MAGNITUDE.pattern, re.IGNORECASE)
_NOT_BEFORE_MAGNITUDE_AMOUNT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.,")


def _rupiah_word(text: str, end: int) -> bool:
    """Whether a word that scales rupiah (`_RUPIAH_WORDS`) follows the amount ending at `end` ("Rp1,5jt")."""
    mag = _magnitude(text, end)
    return mag is not None and mag[2] in _RUPIAH_WORDS


def _magnitude(text: str, end: int) -> tuple[float, int, str] | None:
    """(multiplier, end, word) for a word of a power of ten written right after the amount ending at `end`."""
    m = _MAGNITUDE.match(text, end)
    if m is None:
        return None
    written = m.group("w") or m.group("c")
    if m.group("sp") and (m.group("c") or written.lower() in ("m", "b")):
        return None  # "$5 m" is five metres or a word "m", "¥200 万一" is "in case"; run in, they are money
    value = _lookup(_MAGNITUDES, written)  # folds "İ", "ı", "ſ", which the regex matched as "i" and "s"
    return None if value is None else (value, m.end(), written.lower())


def _more_cjk_parts(text: str, end: int, mult: float) -> tuple[float, int]:
    """(value, end) of the smaller CJK parts written right after a CJK amount in units of `mult` that ends at
    `end`; (0, end) when there are none."""
    added = 0.0
    while (m := _CJK_PART_AFTER.match(text, end)) is not None:
        part = _MAGNITUDES[m.group("c")]
        if part >= mult:
            break
        added += float(m.group("a")) * part
        end, mult = m.end(), part
    return added, end


def _magnitude_amount(text: str, end: int, written: str, grouped: bool) -> tuple[float, int, str] | None:
    """(value, end, word) of the amount `written` that ends at `end` with its word of a power of ten, and the smaller
    CJK parts after it; None without such a word."""
    mag = _magnitude(text, end)
    if mag is None:
        return None
    mult, end, word = mag
    # English words read a dot as a decimal one; the currency's convention holds otherwise
    amount = _num(written, grouped=grouped and word not in _DECIMAL_DOT)
    if amount is None:
        return None
    added, end = _more_cjk_parts(text, end, mult) if word in _CJK_MAGNITUDES else (0.0, end)
    return amount * mult + added, end, word


def market_figure(p: Price) -> bool:
    """Whether `p` is money counted in millions or more by a word that no dealer's price takes ("$152 millones",
    "€2bn", "3亿元"): the figure of a market, a budget or a seizure, not a price."""
    if p.amount is None:
        return False
    for m in _DIGIT_BEFORE_WORD.finditer(p.text):
        mag = _magnitude(p.text, m.end())
        if mag is not None:
            return mag[0] >= 1e6 and mag[2] not in _DEALER_MILLIONS
    return False


def _scaled_money(text: str, money: list[tuple[int, int, float | None, str]]) -> list[tuple[int, int, float | None, str]]:
    """The money of `_money` with a word of a power of ten read after an amount written after its currency
    ("$152 millones", "₩50만"), and amounts written before such a word and their currency ("50万元", "3亿元", "Rp 100
    juta" is the first kind)."""
    out = []
    for s, e, amount, code in money:
        written = _AMOUNT_AT_END.search(text, s, e) if amount is not None and text[e - 1].isdigit() else None
        scaled = _magnitude_amount(text, e, written.group(), code not in _CRYPTO) if written is not None else None
        if scaled is not None and scaled[2] in _RUPIAH_WORDS and code != "IDR":
            scaled = None
        if scaled is None and _SMALL_DONG.search(text, s, e) and (amount is None or amount < 1000 or text[s] == "0"):
            # "20 đồng nghiệp" (colleagues), "10 đồng hồ" (watches): no dong costs less than a thousand; "0912345678
            # đ" is a phone number
            continue
        out.append((s, scaled[1], scaled[0], code) if scaled is not None else (s, e, amount, code))
    # `out` holds no overlaps and is sorted so far; what is added below comes in order of position
    starts, ends = [s for s, _, _, _ in out], [e for _, e, _, _ in out]
    added_end = 0
    for w in _MAGNITUDE_AFTER_DIGIT.finditer(text):
        m = _AMOUNT_AT_END.search(text, max(0, w.start() - 23), w.start() + 1)
        if m is None or (m.start() > 0 and text[m.start() - 1] in _NOT_BEFORE_MAGNITUDE_AMOUNT):
            continue
        scaled = _magnitude_amount(text, m.end(), m.group(), True)
        if scaled is None or m.start() < added_end:
            continue
        after = _currency_after(text, scaled[1])
        if after is None or after[0]:
            continue
        end, cur = after[2], text[after[1] : after[2]]
        after_code = _lookup(CURRENCY_SYMBOLS, cur)
        if after_code is None or after_code in _CRYPTO or cur.lower() in _PREFIX_ONLY:
            continue  # "13.5m RP" (points), "5m rm" (rooms): rupiah and ringgit are written before the amount
        if scaled[2] in _RUPIAH_WORDS and after_code != "IDR":
            continue
        # the currency after the word may be the prefix of the next money ("5 млн руб 300 руб": "руб 300")
        k = bisect.bisect_left(starts, end) - 1  # the last money starting before this one's end
        if k >= 0 and ends[k] > m.start():
            continue
        out.append((m.start(), end, scaled[0], after_code))
        added_end = end
    return sorted(out)


_PAIR_REACH = 8  # the longest gap between money and the quantity it prices ("$200 for 28g")


def _per_unit(rate_unit: str, unit: str) -> float | None:
    """How many of `rate_unit` one `unit` is, when a quantity in `unit` may be priced at a rate per `rate_unit` (the
    same unit, or two weights: 1 kg is 1000 g); else None."""
    if rate_unit == unit:
        return 1.0
    if rate_unit in GRAMS_PER_UNIT and unit in GRAMS_PER_UNIT:
        return GRAMS_PER_UNIT[unit] / GRAMS_PER_UNIT[rate_unit]
    return None


class _Spans:
    """Spans read so far, for overlap tests by bisection: a 50,000-character page holds thousands of prices, and
    testing each against all the others took up to 55 s."""

    __slots__ = ("_longest", "_spans")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps [start, end): one that starts before `end` and ends after `start`."""
        spans = self._spans
        k = bisect.bisect_left(spans, (start - self._longest,))  # no span starting earlier reaches `start`
        while k < len(spans) and spans[k][0] < end:
            if start < spans[k][1]:
                return True
            k += 1
        return False


# Fullwidth digits, Latin letters and money signs ("ｃｏｋｅ　１ｇ　＄８０"), read as their ASCII forms: one character
# for one, so spans still index the text as written. CJK punctuation (，。：) keeps its width: "2，价格" is no "2,".
_FULLWIDTH = {
    **{cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for cp in range(r[0], r[1] + 1)},
    0xFF04: ord("$"), 0xFF05: ord("%"), 0xFF0E: ord("."), 0xFF0F: ord("/"), 0xFFE5: ord("¥"), 0xFFE1: ord("£"),
    0x3000: ord(" "),
}
_HAS_FULLWIDTH = re.compile("[\uff04\uff05\uff0e-\uff19\uff21-\uff3a\uff41-\uff5a\uffe1\uffe5]")


def extract_prices(text: str) -> list[Price]:
    """Prices and quantities in `text`, sorted by start; spans index the original text. Never raises on a str."""
    if not text.isascii() and _HAS_FULLWIDTH.search(text) is not None:
        return [
            Price(p.amount, p.currency, p.unit, p.count, p.start, p.end, text[p.start : p.end])
            for p in _extract_prices(text.translate(_FULLWIDTH))
        ]
    return _extract_prices(text)


def _extract_prices(text: str) -> list[Price]:
    digits = _GUARD.search(text) is not None
    lower = text.lower()
    words = any(stem in lower for stem in _WEIGHT_STEMS)
    if not (digits or words or "克" in text or "公斤" in text):
        return []
    money = _scaled_money(text, _money(text)) if digits else []
    money_spans = _Spans((s, e) for s, e, _, _ in money)
    qty = [q for q in _quantities(text, digits, words) if not money_spans.overlaps(q[0], q[1])]
    # The quantities a gap of 8 characters at most may part from money: those ending before it and those starting
    # after it, found by bisection over their ends and starts; the first in the text's order that pairs is taken.
    qty_starts = [q[0] for q in qty]
    by_end = sorted((q[1], i) for i, q in enumerate(qty))
    used_q: set[int] = set()
    out: list[Price] = []
    for s, e, amount, cur in money:
        best = None
        k = bisect.bisect_left(by_end, (s - _PAIR_REACH, -1))
        near = [i for _, i in by_end[k : bisect.bisect_right(by_end, (s, len(qty)))]]
        k = bisect.bisect_left(qty_starts, e)
        near += range(k, bisect.bisect_right(qty_starts, e + _PAIR_REACH))
        # Money with a rate's word or "/" after it is a price per unit, whatever quantity is written next to it: in
        # "ab 5g 8€/g" (from 5 g, 8 € a gram) 8 € is no price of 5 g. The quantity written before it is the amount
        # priced at that rate, when it is counted in the rate's unit or both are weights (5 g at 8 €/g is 40 €).
        rate = _RATE_UNIT.match(text, e)
        rate_unit = _lookup(UNITS, rate.group("u")) if rate else None
        if rate is not None and rate_unit is not None and rate.group("by"):
            # a quantity inside the rate ("a gram" of "20€ a gram") is its unit
            used_q.update(i for i in near if qty[i][0] < rate.end() and qty[i][1] > e)
            for i in sorted(set(near)):
                if i in used_q:
                    continue
                qs, qe, cnt, unit = qty[i]
                per = _per_unit(rate_unit, unit)
                if qe <= s and per is not None and cnt and amount is not None and _PAIR_GAP.match(text[qe:s]) and (
                    len(text[qe:s]) <= _PAIR_REACH
                ):
                    used_q.add(i)
                    out.append(Price(amount * cnt * per, cur, unit, cnt, qs, rate.end(), text[qs : rate.end()]))
                    break
            else:
                out.append(Price(amount, cur, rate_unit, 1.0, s, rate.end(), text[s : rate.end()]))
            continue
        for i in sorted(set(near)):
            if i in used_q:
                continue
            qs, qe, cnt, unit = qty[i]
            gap = text[qe:s] if qe <= s else text[e:qs] if qs >= e else None
            if gap is not None and len(gap) <= _PAIR_REACH and _PAIR_GAP.match(gap):
                best = i
                break
        if best is None:
            if rate and rate_unit is not None:
                unit = rate_unit
                out.append(Price(amount, cur, unit, 1.0, s, rate.end(), text[s : rate.end()]))
            elif (first := _UNIT_FIRST_RATE.search(text, max(0, s - 16), s)) is not None:
                out.append(Price(amount, cur, "g", 1.0, first.start(), e, text[first.start() : e]))
            else:
                out.append(Price(amount, cur, None, None, s, e, text[s:e]))
        else:
            qs, qe, cnt, unit = qty[best]
            used_q.add(best)
            lo, hi = min(s, qs), max(e, qe)
            out.append(Price(amount, cur, unit, cnt, lo, hi, text[lo:hi]))
    for i, (qs, qe, cnt, unit) in enumerate(qty):
        if i in used_q:
            continue
        if digits and _dealer_amount(unit, cnt):
            after = _BARE_AFTER.match(text, qe)
            before = _BARE_BEFORE.search(text, max(0, qs - 16), qs)
            amount = None
            if after and _free_standing(text, after.end()):
                amount, lo, hi = _num(after.group("a"), grouped=True), qs, after.end()
            elif before and (before.group("f") or (_A_UNIT.match(text, qs) and not _OF.match(text, qe))):
                amount, lo, hi = _num(before.group("a"), grouped=True), before.start(), qe
            if amount is not None and amount >= _BARE_MIN and not money_spans.overlaps(lo, hi):
                out.append(Price(amount, None, unit, cnt, lo, hi, text[lo:hi]))
                continue
        out.append(Price(None, None, unit, cnt, qs, qe, text[qs:qe]))
    taken = _Spans((p.start, p.end) for p in out)
    if digits and _BARE_HINT.search(text):
        for m in _BARE.finditer(text):
            amount = _num(m.group("a"))
            if amount is not None and m.group("k"):
                amount *= 1000
            if amount is None or amount < _BARE_MIN or taken.overlaps(m.start(), m.end()):
                continue
            if m.group("each") is not None:
                if _free_standing(text, m.end(), _SELLER_NEXT_EACH):
                    out.append(Price(amount, None, None, None, m.start(), m.end(), m.group()))
                    taken.add(m.start(), m.end())
            else:
                per = _lookup(UNITS, m.group("u"))
                if per is not None and not _OF.match(text, m.end()) and _free_standing(text, m.end()):
                    out.append(Price(amount, None, per, 1.0, m.start(), m.end(), m.group()))
                    taken.add(m.start(), m.end())
    if digits and ("/" in text or ".-" in text):
        for m in _RATE_BARE.finditer(text):
            unit = _lookup(UNITS, m.group("u")) if m.group("u") else None
            amount = _num(m.group("a"))
            # "1.- Introducción" numbers a list (Spanish usage); a price written "80.-" has two digits or more
            bare_ok = not m.group("u") and amount is not None and amount >= 10
            if (unit is not None or bare_ok) and not taken.overlaps(m.start(), m.end()):
                out.append(Price(amount, None, unit, 1.0 if unit else None, m.start(), m.end(), m.group()))
                taken.add(m.start(), m.end())
    out.sort(key=lambda p: (p.start, p.end))
    return out

"""Prices and weights: the rules that read what an item weighs and costs as a street drug's or as groceries
(prices per gram, grades, blotter doses, amounts, measure words).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from narcotrace.detect._cues import _WEIGHT_UNITS, _TermInfo
from narcotrace.indicators import Price
from narcotrace.indicators.prices import CURRENCY_SYMBOLS, GRAMS_PER_UNIT, UNITS, dollars
from narcotrace.text import Normalized

# Grams per weight unit. Prices are compared with the thresholds below in US dollars, by the range of each
# currency's value (`prices.dollars`: rough reference rates of 2023-2025, and for a spelling several countries share,
# all of their currencies): a test that reads a priced word as the drug takes the lowest value of the range, and a
# test that reads it as groceries the highest, so that neither changes a reading unless every value of the currency
# agrees. "300 pesos el gramo" is $18 a gram in Mexican pesos and $0.06 in Colombian ones: neither a street price by
# the first test nor groceries by the second. (Taking the lowest value for the groceries test too would make every
# Mexican price under 1,200 pesos a gram, the street prices of cannabis, meth and cocaine, groceries.) A price
# without a currency, or in crypto, is not compared.
_GRAMS = GRAMS_PER_UNIT
# Below this price per gram nothing a market sells as a drug is sold: of 9,248 Torrez listings (May 2021) whose
# title weighs them, 1% of cannabis flower costs under $1.67/g, hash $1.65, amphetamine paste $0.72 (its lowest
# $0.43); the 40 under $0.25 are ranges priced at their smallest size ("1-500 gram") and scams ("1 kg $20"). An
# everyday thing sold by weight costs far less: coffee and chocolate cents per gram, tobacco (the same market's
# "1000g Virginia rolling tobacco $60") $0.06.
MIN_DRUG_PRICE_PER_GRAM = 0.25
# At or above this price per gram a dealer's amount is priced like a street drug: of the 5,431 Torrez listings (May
# 2021) whose title weighs 0.1 g to an ounce, 83% cost $10 a gram or more (opiates and dissociatives 99%, stimulants
# 88%, ecstasy 79%, cannabis 72%; the cheaper ones are bulk prices of the larger amounts), and street prices are
# higher. Everyday goods of those words sold by the gram cost less (loose tea, spices, silver: $1-3 a gram).
MIN_STREET_PRICE_PER_GRAM = 10.0


# The cannabis grading scale of growers and shops, A (lowest) to AAAA+ ("AAA" trips, "AAAA" quads), with "+" for a
# grade above its letters (sacredmeds.com/product-category/cannabis/flower/aaaa/; pacificgreens.co/aaaa-vs-aaa-vs-
# aa-weed-cannabis-grading-system-defined/; dispensaryincanada.com/weed-grade-chart/). Only the forms with three or
# more letters or a "+" are read: "AA" is also a battery size.
_GRADE = re.compile(r"(?<![^\W\d_])(?:A{3,5}\+{0,3}|A{2}\+{1,3}|A\+{2,4})(?![^\W\d_+])")
_RETAIL_GRAMS = 28.35  # up to an ounce: what a dealer weighs out, not a grocery packet


# LSD is the drug sold by the microgram: blotter paper is perforated into hits "with a carefully calculated dosage in
# micrograms" (wikimili.com/wiki/Blotter_art), "Dose - Measured in micrograms (ug) ... Common 50 - 150 ug, Strong
# 150 - 400 ug" (cbpu.com/davidg/LSD.htm); its analogues (1P-LSD, 1cP-LSD) come on the same blotters. Medicines
# and supplements are dosed in micrograms too, but write "mcg" or name themselves (vitamins, thyroid hormones,
# inhalers): only the "ug"/"µg" spelling counts, with a count of units and none of those words.
_BLOTTER_DOSE = re.compile(r"\d\s*(?:ug|[µμ]g)$", re.IGNORECASE)
_NOT_BLOTTER = re.compile(
    r"(?<![^\W\d_])(?:vitamin\w*|supplement\w*|softgels?|capsules?|caps|tablets?|tabletten|comprimid\w*|"
    r"compress\w*|comprim\w*|kapsel\w*|inhaler\w*|spray|patch\w*|biotin|folic|folate|iodine|jod|selen\w*|"
    r"chrom\w*|molybd\w*|picolinate|kelp|mineral\w*|\w*cobalamin|b12|d3|k2|t3|t4|\w*thyro\w*)(?![^\W\d_])",
    re.IGNORECASE,
)
_UNIT_COUNTS = frozenset({"x", "pill", "blotter", "hit"})


_BLOTTER_SUBSTANCE = "lsd"  # a KB without it (a user's own) reads no blotter doses


def _blotter_dose(text: str, prices: list[Price]) -> Price | None:
    """The microgram dose (10-500 µg, written "ug" or "µg") of units counted out, or None."""
    doses = [p for p in prices if p.unit == "mcg" and p.count is not None and 10 <= p.count <= 500
             and _BLOTTER_DOSE.search(p.text)]
    if not doses or not any(p.unit in _UNIT_COUNTS for p in prices) or _NOT_BLOTTER.search(text):
        return None
    return doses[0]


# A weight or a count joined by a preposition to what it weighs or counts ("540 kilos de", "100 pills of", "30gr. de"
# with the unit's dot), and the cues that say such an amount is on offer all the same.
_OFFER_CUES = ("sell", "promo", "contact", "shipping", "payment")
_AMOUNT_OF = re.compile(
    r"\d\s*(?:kilos?|kilogramos?|kg|kgs|gramos?|gramas?|grammi|grams?|gr|g|onzas?|ounces?|oz|pounds?|lbs?|libras?|"
    r"toneladas?|tons?|tonnes?|pills?|tabs?|tablets?|pastillas?|pastilles?|pastiglie|tabletas?|comprimidos?|"
    r"comprimés?|compresse|pílulas?|pieces?|piezas)\.?\s+(?:de|of|da|di|du|des)\s"
)


def _told_amount(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> bool:
    """Whether an amount is joined by a preposition to a drug word at most two words after it ("540 kilos de
    marihuana", "20 gramos de la mejor cocaína"), in the same clause: "Got 3.5g. Of course" and "10g du lourd,
    snap" join no drug."""
    for m in _AMOUNT_OF.finditer(ntext):
        for a, _b, info in matches:
            gap = ntext[m.end() : a]
            if info.kind == "substance" and a >= m.end() and len(gap.split()) <= 2 and _WORDS_ONLY.fullmatch(gap):
                return True
    return False


_WORDS_ONLY = re.compile(r"[^\W\d_\s]*(?:\s+[^\W\d_\s]+)*\s*")


def _said_twice(text: str, price: Price) -> bool:
    """Whether a quantity is a multiplier of two or three written "x2", "X3" that ends the text (nothing but marks,
    emoji, links, hashtags and mentions after it) and follows no product form or strength: "twice", not a count."""
    return (
        price.unit == "x"
        and price.amount is None
        and price.count in (2, 3)
        and price.text[:1] in "xX"
        and not any(c.isalnum() for c in _TRAILING_EXTRAS.sub("", text[price.end :]))
        and not _FORM_BEFORE.search(text, 0, price.start)
    )


_TRAILING_EXTRAS = re.compile(r"https?://\S+|www\.\S+|[#＃@]\w+")
# A product's form or strength right before a multiplier: "bars x3", "pills (x2)", "30s x3", "10/325 x2", "M30 x2".
_FORM_BEFORE = re.compile(
    r"(?:\b(?:bars?|pills?|tabs?|caps?|carts?|press(?:ies|es)?)|\w*\d[\w/.]*)[\s(\[]*$", re.IGNORECASE
)


def _retail_only(prices: list[Price]) -> bool:
    """Whether every weight the text states is a dealer's amount, 0.1 g to an ounce."""
    weights = [p.count * _GRAMS[p.unit] for p in prices if p.unit in _GRAMS and p.count is not None]
    return bool(weights) and all(0.1 <= w <= _RETAIL_GRAMS for w in weights)


def _graded(text: str) -> bool:
    """Whether the text grades what it sells on the cannabis scale ("AAA+", "A+++", "AAAA")."""
    return ("AA" in text or "A+" in text) and _GRADE.search(text) is not None


def _prices_per_gram(prices: list[Price], highest: bool) -> list[tuple[float, float]]:
    """(grams, dollars per gram) of each weight the item prices, its money valued at the lowest or the `highest` value
    of its currency's range; [] when a weight has no price in a currency with a rate. A weight and a price written
    apart pair when each is the only one."""
    pairs: list[tuple[float | None, str | None, float | None, str | None]] = [
        (p.amount, p.currency, p.count, p.unit) for p in prices if p.amount is not None and p.unit in _GRAMS
    ]
    if not pairs:
        weights = [p for p in prices if p.amount is None and p.unit in _GRAMS]
        amounts = [p for p in prices if p.amount is not None and p.unit is None]
        if len(weights) != 1 or len(amounts) != 1:
            return []
        pairs = [(amounts[0].amount, amounts[0].currency, weights[0].count, weights[0].unit)]
    per_gram = [
        (count * _GRAMS[unit], value[highest] / (count * _GRAMS[unit]))
        for amount, currency, count, unit in pairs
        if count and amount is not None and unit is not None and (value := dollars(amount, currency)) is not None
    ]
    return per_gram if len(per_gram) == len(pairs) else []


def _counts_of_names(
    text: str, norm: Normalized, matches: list[tuple[int, int, _TermInfo]], prices: list[Price]
) -> list[Price]:
    """The prices, with a count that is the end of a strain's name read as one: in "Gelato 41 zips $180" the 41 is
    the cultivar's ("Gelato 41"), not 41 ounces at $0.16 a gram (which made the line everyday goods, its strains
    none, session 21). Only for a weight in bulk units after a context-only name (a drug's own name with a
    strength, "oxycodone 30 mg", keeps its reading; doses are no weights in bulk)."""
    if not any(p.count is not None and p.unit in _GRAMS for p in prices):
        return prices  # most priced texts weigh nothing in bulk
    spans = (norm.to_original(a, b) for a, b, i in matches if i.kind == "substance" and i.context_only)
    names = sorted((ob, oa) for oa, ob in spans if oa < ob and text[ob - 1].isdigit())
    if not names:
        return prices
    name_ends = [ob for ob, _ in names]
    out = []
    for p in prices:
        if p.count is None or p.unit not in _GRAMS:
            out.append(p)
            continue
        # the names that end inside the price, found by their ends (a page of strains holds thousands)
        lo, hi = bisect.bisect_right(name_ends, p.start), bisect.bisect_right(name_ends, p.end)
        ends = [ob for ob, oa in names[lo:hi] if oa < p.start]
        if ends:
            rest = text[max(ends) : p.end]
            p = replace(p, count=1.0, start=p.end - len(rest.lstrip()))
        out.append(p)
    return out


def _cheaper_than_drugs(prices: list[Price]) -> bool:
    """Whether the item weighs and prices what it sells below any drug's price per gram, at the highest value of its
    currency ("Coffee beans 1kg $20", "Koks opałowy 25 kg 40 zł": heating coke)."""
    per_gram = _prices_per_gram(prices, highest=True)
    return bool(per_gram) and max(d for _, d in per_gram) < MIN_DRUG_PRICE_PER_GRAM


def _priced_like_drugs(prices: list[Price]) -> bool:
    """Whether the item weighs a dealer's amount (0.1 g to an ounce) and prices its smallest weight at a street drug's
    price per gram or more, at the lowest value of its currency ("coke $80 a g", "Koks 1g 80€", "Koks 250 zł/g").
    Larger weights cost less a gram ("Haze 10€/g, ab 5g 8€/g": from 5 g, 8 € a gram), as in the market's own
    listings, so only the smallest is judged. A menu prices several goods at that weight, and cannabis costs a
    fraction of cocaine ("Koks 250 zł/g, zioło 40 zł za gram", "Hash 80 kr g, coke 600 kr g"): the dearest of them
    is judged."""
    per_gram = _prices_per_gram(prices, highest=False)
    if not per_gram or not _retail_only(prices):
        return False
    smallest = min(g for g, _ in per_gram)
    return max(d for g, d in per_gram if g == smallest) >= MIN_STREET_PRICE_PER_GRAM


_CURRENCY = frozenset("$€£¥₩฿₹")


def _number_or_ticker(text: str, norm: Normalized, start: int, end: int) -> bool:
    """True when a drug term is a number inside a larger number or a price ("246" in "246.42", "420" in
    "1,420" or "$420") or a cashtag ("$XTC", "$BNB"): market prices and tickers, not drug names. Judged on the
    original text, where case and currency signs are kept."""
    a, b = norm.to_original(start, end)
    if a >= b:
        return False
    if text[a].isdigit() or text[b - 1].isdigit():
        before = text[a - 1] if a > 0 else " "
        after = text[b] if b < len(text) else " "
        if before.isdigit() or after.isdigit() or after == "%" or before in _CURRENCY or after in _CURRENCY:
            return True
        if before in ".,:" and a > 1 and text[a - 2].isdigit():
            return True
        if after in ".,:" and b + 1 < len(text) and text[b + 1].isdigit():
            return True
    return a > 0 and text[a - 1] == "$" and text[a:b].isupper()


def _amount_of_price(text: str, norm: Normalized, start: int, end: int, prices: list[Price]) -> bool:
    """True when a drug term written in digits ("420", "777") is the amount or weight of a price or quantity the
    text states ("420 บาท", "420 THB", "420 g"): a number, not the drug's code."""
    a, b = norm.to_original(start, end)
    return a < b and text[a:b].isdigit() and _overlaps_price(a, b, prices)


def _measure_word(
    text: str, norm: Normalized, start: int, end: int, prices: list[Price], starts: list[int], units: bool = True
) -> bool:
    """True when a drug term is the unit word of a weight the text states: "gram" in "mau 1 gram" or "$20 a gram",
    "zip" in "a zip for 250" (cannabis slang on the DEA's lists, and an ounce) measure the goods and name none. A
    unit that counts pieces is the form the goods take and keeps its reading ("10 bars $50", "20 tabs": alprazolam,
    LSD). Not applied to listings: 34 Torrez titles whose only drug word is the unit ("25 GRAM SPEEDPASTA 74% HQ",
    "5F-EMB-2201 (BEST NOID) - 100 GRAMS", "7 GRAMS $65") hold no other term the KB knows, and a marketplace's "Saffron
    1 gram $9" stays read as before (a known limit, docs/model_card.md). The currency word of a price names no drug
    either, in any item ("1 g 50 soles": soles is cannabis slang)."""
    if not prices:
        return False
    a, b = norm.to_original(start, end)
    word = text[a:b].lower()
    if word in CURRENCY_SYMBOLS:
        k = bisect.bisect_right(starts, a)
        return any(b <= p.end and p.currency is not None for p in prices[max(0, k - 3):k])
    unit = UNITS.get(word) if units else None
    if unit not in _WEIGHT_UNITS:
        return False
    # `starts`: the prices' starts, in order; the price holding the unit starts at or before it, and prices of one
    # text seldom nest, so the few nearest ones are enough (a look at all of them was quadratic on long pages).
    k = bisect.bisect_right(starts, a)
    return any(p.unit == unit and b <= p.end for p in prices[max(0, k - 3):k])


def _overlaps_price(start: int, end: int, prices: list[Price]) -> bool:
    """Whether the span [start, end) of the original text overlaps a price or quantity the text states."""
    return any(p.start < end and start < p.end for p in prices)

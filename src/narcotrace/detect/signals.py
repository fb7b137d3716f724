"""Signals: what an item says about drugs and about selling, as spans of the original text and as features.

The features are deliberately language- and platform-agnostic (a drug term is present; a contact handle
is present; the two co-occur), so that weights learned in one place carry to another. Every feature that
fires keeps the spans that made it fire, which become the verdict's evidence.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import hashlib
import math
import pickle
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from importlib import resources
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _pkg_version
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Collection, Iterable

from narcotrace import __version__
from narcotrace._diskcache import cache_dir, read_private, source_digest, write_private
from narcotrace.detect.lexicon import (
    TAG_MIN,
    PhraseMatcher,
    camel_boundaries,
    code_variants,
    cyrillic_greek_variants,
    hyphen_variants,
    inside_tag,
    is_spaced_word_char,
    leftmost_longest,
    phrase_variants,
    stretched_letters,
    word_extent,
)
from narcotrace.indicators import Price, extract, extract_prices
from narcotrace.indicators.prices import CURRENCY_SYMBOLS, GRAMS_PER_UNIT, UNITS, dollars, market_figure
from narcotrace.items import SEVERITY_RANK, Indicator
from narcotrace.kb import KnowledgeBase, SubstanceInfo
from narcotrace.kb._schema import fold
from narcotrace.kb._validate import PACKAGED_DIR, load_common_words, load_foreign_words
from narcotrace.text import Normalized, normalize

__all__ = ["FEATURES", "SignalExtractor", "Signals", "load_intent_terms"]

# "sell" is a statement of sale ("selling", "for sale", "vendo", "出售"); "promo" the commerce words that talk about a
# drug market uses too ("prices", "cheap", "wholesale", "purity", "we have", "precio"): the model weighs them apart,
# so that "cocaine prices are crazy" is not read as "selling cocaine" (session 10).
SALE_CUES = ("sell", "promo", "contact", "shipping", "payment", "quantity", "no_rx")
# The signal of intent.tsv rows that are no cue: words of scripts without spaces that hold a cue ("의정부"), and phrases
# that hold a word of lawful speech in a seller's sense (a vendor's "reship if seized").
SHIELD_CUE = "word"
COUNTER_CUES = ("news", "harm_reduction", "recovery", "use", "pharmacy", "media")
# Different words of lawful speech (COUNTER_CUES) that make a text a report, a warning or a story (counter_multi).
COUNTER_MULTI = 3
EMOJI_SIGNALS = ("dealer", "potency", "batch", "shipping", "delivery", "universal")

CONTACT_INDICATORS = frozenset(
    {"telegram", "wickr", "signal", "whatsapp", "snapchat", "threema", "session", "discord", "wechat", "qq", "line", "kik",
     "instagram"}
)
WALLET_INDICATORS = frozenset({"btc", "eth", "trx", "xmr", "ltc", "bch", "sol", "xrp"})
PAYTAG_INDICATORS = frozenset({"cashapp", "venmo", "paypal", "zelle"})
LINK_INDICATORS = frozenset({"url", "domain", "onion", "email"})

FEATURES: tuple[str, ...] = (
    "drug_strong",
    "drug_strong_n",
    "drug_context",
    "ctx_multi",
    "drug_emoji",
    "sev_critical",
    "sev_high",
    "sev_medium",
    "sev_low",
    "rx_only",
    "equipment_or_precursor",
    *SALE_CUES,
    "price",
    "qty",
    "menu",
    "promo_multi",
    *(f"emoji_{s}" for s in EMOJI_SIGNALS),
    "ind_contact",
    "ind_wallet",
    "ind_phone",
    "ind_link",
    "ind_paytag",
    "ind_onion",
    "intent_n",
    "drug_x_intent",
    "ctx_x_intent",
    "nodrug_x_intent",
    "solicit",
    "question",
    "drug_x_solicit",
    *COUNTER_CUES,
    "drug_x_counter",
    "counter_multi",
    "hashtag_only_drug",
    "drug_tag_one",
    "drug_tags",
    "drug_x_link",
    "short",
    "long",
    "catalogue",
    "kind_listing",
    "kind_query",
    "drug_x_listing",
)
FEATURE_INDEX = {name: i for i, name in enumerate(FEATURES)}

# A word of a term, for the common-word test: "Mr. Burns" is the words "mr" and "burns".
_WORD = re.compile(r"[^\W_]+")
# "10x" at the start of a word, or "x" alone after a number, glued to the letters of a name that follows.
_COUNT_X = re.compile(r"(?:(?<![^\W\d_])[0-9]+x|(?<=[0-9] )x)(?=[^\W\d_])")
# A hashtag: '#' and the run of characters up to the next space or '#'.
_HASHTAG = re.compile(r"[#＃][^\s#＃]+")


@dataclass(slots=True)
class Hit:
    """One candidate piece of evidence: a span of the original text and the feature it feeds."""

    start: int
    end: int
    signal: str
    feature: str


@dataclass(slots=True)
class Signals:
    """Everything the detectors found in one item."""

    features: dict[str, float]
    hits: list[Hit]
    substances: dict[str, bool]  # canonical name -> named by a strong (not context-only) term
    indicators: list[Indicator]
    any_drug: bool
    strong_drug: bool
    sale_cues: int
    counter_cues: int
    norm_text: str = ""  # the normalized text, so that text models need not normalize a second time
    # A drug named only as what a harm-reduction product tests for or reverses ("fentanyl test strips", naloxone):
    # talk about drugs, not an offer of one.
    harm_reduction_drugs: tuple[str, ...] = ()
    # The text opens with a buyer's request that asks nothing ("WTB: 500x M30, need a vendor with stealth, paying
    # BTC"): what follows are the buyer's terms, not a seller's (`_requests`).
    requested: bool = False

    def vector(self) -> list[float]:
        return [self.features.get(name, 0.0) for name in FEATURES]


@dataclass(frozen=True, slots=True)
class _TermInfo:
    kind: str  # "substance" | "intent" | "emoji"
    name: str  # substance canonical name, intent signal, or emoji signal
    context_only: bool
    term: str
    # A context-only slang word that is also an ordinary word of its language ("hoodie", "mint", "crypto", "snow"):
    # sale intent next to it is no evidence (shops sell hoodies), only another drug word is. See ordinary_slang().
    ordinary: bool = False
    # Context-only slang or cultivar name made only of everyday words, phrase or not ("brown sugar", "Wedding Cake",
    # "snow"): "Brown sugar 1kg" and "Wedding cake 500g" are groceries, so such a word never makes a catalogue
    # line alone.
    everyday: bool = False
    # A cultivar named by one everyday word ("Critical", "Watermelon", "Channel"): a drug word in a listing that
    # weighs it ("Critical 10g indoor"), nowhere else (in a post it would be evidence noise beside the real one).
    listing_only: bool = False

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # The cached matcher holds some 35,000 of these: rebuilt by the constructor, they unpickle in less than half
        # the time of the slots dataclass's own __setstate__ (which looks up the class's fields for each one).
        return (_TermInfo, (self.kind, self.name, self.context_only, self.term, self.ordinary, self.everyday,
                            self.listing_only))


def _packaged_rows(name: str) -> list[dict[str, str]]:
    """The rows of a packaged table `detect/data/<name>` (tab-separated, a header, "#" comment lines)."""
    text = resources.files("narcotrace.detect").joinpath(f"data/{name}").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_intent_terms() -> list[tuple[str, str, str, str]]:
    """The packaged intent cues as (term, signal, lang, source) rows."""
    return [(r["term"], r["signal"], r["lang"], r["source"]) for r in _packaged_rows("intent.tsv")]


def load_unsold_words() -> dict[str, tuple[str, tuple[tuple[str, ...], ...]]]:
    """The packaged ordinary words whose everyday sense nobody sells (`detect/data/unsold_words.tsv`): folded
    term -> (the substance it names, the phrases after it that name a lawful product such as "weed killer",
    each a tuple of folded words)."""
    out: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {}
    for r in _packaged_rows("unsold_words.tsv"):
        after = [] if r["not_before"].strip() == "-" else r["not_before"].split()
        out[fold(r["term"])] = (r["substance"], tuple(tuple(fold(p).split("+")) for p in after))
    return out


def load_priced_names() -> dict[str, tuple[frozenset[str], frozenset[str], float]]:
    """The packaged street names that name their drug when a price follows them (`detect/data/priced_names.tsv`):
    normalized term -> (how it is sold: "piece" and/or "gram", the substances it is promoted to, the highest
    price of one piece that reads as its street price)."""
    out: dict[str, tuple[frozenset[str], frozenset[str], float]] = {}
    for r in _packaged_rows("priced_names.tsv"):
        sold_by = frozenset(r["sold_by"].split("|"))
        if not sold_by or not sold_by <= {"piece", "gram"}:
            raise ValueError(f"priced_names.tsv: {r['term']!r} has sold_by {r['sold_by']!r}, not piece and/or gram")
        top = float(r["max_piece"]) if r["max_piece"] else 0.0
        out[normalize(r["term"]).text] = (sold_by, frozenset(r["substances"].split("|")), top)
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


def load_trade_jargon() -> frozenset[str]:
    """The packaged delivery words only the drug trade uses (`detect/data/trade_jargon.tsv`), normalized: beside
    one, an ordinary word that is also drug slang names the drug."""
    return frozenset(normalize(r["term"]).text for r in _packaged_rows("trade_jargon.tsv"))


def _emoji_signal_rows(kb: KnowledgeBase) -> Iterable[tuple[str, str, bool]]:
    """(emoji, signal, single-source) for the KB's sale-signal emoji. A reading that one source alone gives
    (the KB note starts with "[1x]": 👑 and 🤑 as a dealer, 💯 as a batch) is shown as evidence but feeds no
    feature: these are also everyday decorations ("👑" on a song lyric)."""
    rows = getattr(kb, "emoji_signals", ())
    for row in rows:
        yield row.emoji, row.signal, row.note.lstrip().startswith("[1x]")


class SignalExtractor:
    """Turns an item's text into Signals. Built once (its matcher takes about two seconds to build and a quarter of
    one to load from the per-user cache), then fast, and picklable by rebuild."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.unsold = load_unsold_words()
        self.jargon = load_trade_jargon()
        self.goods = load_goods_words()
        self.priced_names = load_priced_names()
        self.matcher: PhraseMatcher[_TermInfo] = _cached_matcher(kb)
        self.foreign_markers, self.foreign_langs, self.term_langs = _foreign_readings(kb)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # The automaton is rebuilt on unpickling: shipping the KB is cheaper than shipping the automaton.
        return (SignalExtractor, (self.kb,))

    def _unsold_here(self, ntext: str, start: int, end: int) -> str | None:
        """The substance the ordinary word at ntext[start:end] names when it is a word nobody sells and not a lawful
        product's name ("weed killer"), else None."""
        row = self.unsold.get(fold(ntext[start:end]))
        if row is None:
            return None
        following = tuple(fold(w) for w in _WORD.findall(ntext[end : end + 40])[:3])
        return None if any(following[: len(p)] == p for p in row[1]) else row[0]

    def _over_the_counter(self, matches: list[tuple[int, int, _TermInfo]]) -> bool:
        """Whether the medicines the matches name are all outside the controlled lists (`_UNSCHEDULED`), one at
        least, with no other drug named outright and no prescription waived (`no_rx`)."""
        medicine = False
        for _, _, i in matches:
            if i.kind == "intent" and i.name == "no_rx":
                return False
            if i.kind != "substance" or i.ordinary:
                continue
            if self.kb.substances[i.name].cls not in _UNSCHEDULED:
                return False
            medicine = True
        return medicine

    def _medicine(self, name: str) -> bool:
        """Whether the substance is a medicine pharmacies dispense (`_MEDICINE_CLASSES`), not a street opiate."""
        return self.kb.substances[name].cls in _MEDICINE_CLASSES and name not in _STREET_OPIATES

    def _tagged_short_terms(self, ntext: str, kind: str | None) -> list[tuple[int, int, _TermInfo]]:
        """The terms shorter than TAG_MIN letters that a hashtag holds with sellers' words (`TAG_AFFIXES`) and
        nothing else around them, as matches of the text."""
        out: list[tuple[int, int, _TermInfo]] = []
        for m in _HASHTAG.finditer(ntext):
            a, word = m.start() + 1, m.group()[1:]
            if len(word) > MAX_AFFIXED_TAG or not word.isalnum():
                continue
            low = word.lower()
            heads = _affix_prefixes(low)
            tails = _affix_prefixes(low[::-1], _AFFIX_BY_LAST)[::-1]  # tails[j]: low[j:] is such a run
            for i in range(len(word) - 2):
                if not heads[i]:
                    continue
                for j in range(i + 3, min(i + TAG_MIN, len(word) + 1)):
                    if (i == 0 and j == len(word)) or not tails[j]:
                        continue
                    core = word[i:j]
                    out.extend(
                        (a + i, a + j, info) for x, y, info in self.matcher.find(core)
                        if x == 0 and y == len(core) and info.kind == "substance"
                        and (kind == "listing" or not info.listing_only)
                    )
        return out

    def _foreign_here(
        self, ntext: str, toks: list[str], spans: dict[tuple[int, int], set[str]]
    ) -> set[tuple[int, int]]:
        """The spans among `spans` (ordinary words, with the KB terms read there) that are another language's
        everyday word in a text written in that language: FOREIGN_MARKERS other words that tell the language are in
        the text, one of three letters or more ("Dice que la cocaína": "dice", says, beside "que" and "está"). A
        language of one of the terms themselves does not count ("nieve" stays Spanish slang in Spanish)."""
        words = set(toks)
        present: dict[str, frozenset[str]] = {}  # language -> its markers in the text, found once per language
        out: set[tuple[int, int]] = set()
        for (a, b), terms in spans.items():
            word = ntext[a:b]
            langs = self.foreign_langs.get(word, frozenset()).difference(
                *(self.term_langs.get(t, frozenset()) for t in terms)
            )
            for lang in langs:
                here = present.get(lang)
                if here is None:
                    here = present[lang] = self.foreign_markers.get(lang, frozenset()) & words
                others = [m for m in here if m != word]
                if len(others) >= FOREIGN_MARKERS and any(len(m) >= 3 for m in others):
                    out.add((a, b))
                    break
        return out

    def extract(
        self,
        text: str,
        country: str | None = None,
        kind: str | None = None,
        indicators: list[Indicator] | None = None,
    ) -> Signals:
        """The signals of one item. `indicators`, when given, are `extract(text, country=country)` computed
        already (by `extract_many` over a batch, which is faster); otherwise they are extracted here."""
        norm = normalize(text)
        ntext = norm.text
        if indicators is None:
            indicators = extract(text, country=country)
        ind_types = {i.type for i in indicators if i.valid}
        # Numbers inside numbers, tickers and fragments of other words are dropped before overlaps are
        # resolved, so that a longer misreading ("roxycodone" across "#orderoxycodone") does not hide the
        # right reading. A change of case inside a word ("PurpleKush") is a word boundary.
        soft = camel_boundaries(text, norm.starts)
        # A count glued to the name ("10xLSD", "5xMDMA", "10 xLSD") ends where the name begins.
        if "x" in ntext:
            soft = soft | {m.end() for m in _COUNT_X.finditer(ntext)}
        prices = extract_prices(text)
        # A number inside a link, a wallet or another indicator is part of it: "https://t.co/x1" and
        # "shop.com/item/3g" hold no quantity. A domain that begins with the amount is the amount ("28g.es $200",
        # "1kg.de kokain": a weight run into the next word with a dot reads as a domain).
        if prices and indicators:
            spans = [
                (i.start, _path_end(text, i.end) if i.type in _SITE_INDICATORS else i.end)
                for i in indicators if i.valid
            ]
            prices = [
                p for p in prices
                if not any(a <= p.start and p.end <= b and not (a == p.start and p.unit) for a, b in spans)
            ]
        # Money counted in millions or billions is a figure of a market, a budget or a seizure ("$152 millones en
        # ingresos fiscales", "$1 million worth of cocaine"), not a price (`prices.market_figure`).
        if prices:
            prices = [p for p in prices if not market_figure(p)]
        # A hemp product names hemp or CBD and states its THC at the legal level: "0.0% THC", "under 0.3% THC", "THC
        # free" (a dealer's "lab tested (THC 0.3% on the COA for the mail)" names neither).
        price_starts = [p.start for p in prices]
        hemp = _hemp_levels(ntext) if "thc" in ntext and _HEMP_WORD.search(ntext) else []
        hemp_starts = [a for a, _ in hemp]
        raw = [
            m for m in self.matcher.find(ntext, soft, stretched_letters(norm))
            if kind == "listing" or not m[2].listing_only
            if m[2].kind != "substance"
            or not (_number_or_ticker(text, norm, m[0], m[1])
                    or _amount_of_price(text, norm, m[0], m[1], prices)
                    or _measure_word(text, norm, m[0], m[1], prices, price_starts, units=kind != "listing")
                    or _in_run_together_word(ntext, m[0], m[1], m[2], soft, self.matcher.everyday)
                    or ("\u0620" <= ntext[m[0]] <= "\u06ff" and _inside_arabic_word(ntext, m[0], m[1]))
                    or _FREE_OF.match(ntext, m[1])
                    or (hemp and _in_spans(hemp, hemp_starts, m[0])))
            # Outside a hashtag or a URL path a phrase cue that begins inside a word is a piece of it: "a la venta"
            # (for sale) in "funciona la venta" (the sale works), "que se vende" in "aunque se vende". One-word cues
            # run into words ("Expressversand", "FastDelivery", "shippingworldwide") and phrases in a hashtag or a
            # path ("#weeddelivery", "/buyxanax") still count.
            if m[2].kind != "intent" or not _phrase_in_word(ntext, m[0], m[1], soft)
        ]
        # Laughter of any length ("jajajajaj", "hahahaha", "kkkkk", "rsrs") is a use cue like the listed "haha": a
        # joke about a drug, not a sale ("450 kg de marihuana se perdieron. Jajajajaj" was an offer at 0.85).
        if _LAUGH_HINT.search(ntext):
            raw.extend((m.start(), m.end(), _LAUGH_INFO) for m in _LAUGH.finditer(ntext))
        # A short term run together with sellers' words in a hashtag ("#mdmaforsale", "#buymethonline",
        # "#cokeforsale"): the matcher lets only terms of TAG_MIN letters or more match inside a word, as shorter ones
        # are fragments of other words ("dro" in "#airdrop"); a tag that is a term and sellers' words alone holds that
        # term (session 23: "#mdmaforsale £40/g tele" named no drug).
        if ("#" in ntext or "＃" in ntext) and _TAG_AFFIX_HINT.search(ntext):
            raw.extend(self._tagged_short_terms(ntext, kind))
        matches = _drop_nested_cues(
            _resolve_same_span(
                leftmost_longest(raw, key=lambda p: "s" if p.kind in ("substance", "emoji") else p.kind + p.name), ntext
            ),
            ntext,
        )
        # Ordinary is a property of the word as written: every context-only reading of a span that one reading
        # finds an ordinary word is ordinary too ("molly" is also a RedMed misspelling row "mollly" of another
        # drug). A drug's outright name on that span keeps its strength.
        # A slang phrase made only of everyday words ("brown sugar", "crystal glass") is, outside a listing, as
        # everyday as one such word: "Brown sugar and flour, bulk prices, wholesale, whatsapp" and "Crystal glasses
        # set for sale, shipping available" were offers at 0.97-0.98 (session 12). A machine's or a chemical's name
        # ("tablet press") has no other sense and keeps its reading.
        if kind != "listing":
            matches = [
                (a, b, replace(i, ordinary=True))
                if _everyday_phrase(i) and self.kb.substances[i.name].cls not in _GOODS_CLASSES else (a, b, i)
                for a, b, i in matches
            ]
        ord_spans = {(a, b) for a, b, i in matches if i.ordinary}
        # An ordinary-word slang term of another language that is an everyday word of the language the text is written
        # in is that word: Spanish "hay" (there is) and "dice" (says) are DEA slang, French "et" (and) a code of
        # alpha-ethyltryptamine. Its context-only readings are dropped.
        toks: list[str] | None = None  # the text's words (`_WORD`), found once when a rule needs them
        foreign: set[tuple[int, int]] = set()
        if ord_spans and any(ntext[x:y] in self.foreign_langs for x, y in ord_spans):
            toks = _WORD.findall(ntext)
            read: dict[tuple[int, int], set[str]] = {}
            for a, b, i in matches:
                if i.kind == "substance" and (a, b) in ord_spans:
                    read.setdefault((a, b), set()).add(i.term.lower())
            foreign = self._foreign_here(ntext, toks, read)
        if foreign:
            matches = [
                m for m in matches if not ((m[0], m[1]) in foreign and m[2].kind == "substance" and m[2].context_only)
            ]
            ord_spans -= foreign
        if any(i.kind == "substance" and ntext[a:b] in _CODE_SENSES for a, b, i in matches):
            matches = [
                (a, b, i) for a, b, i in matches
                if not (i.kind == "substance" and ntext[a:b] in _CODE_SENSES and _other_trades_code(ntext, a, b))
            ]
        if ord_spans:
            matches = [
                (a, b, replace(i, ordinary=True, everyday=True))
                if i.kind == "substance" and i.context_only and not i.ordinary and (a, b) in ord_spans
                else (a, b, i)
                for a, b, i in matches
            ]
            # An ordinary word whose everyday sense nobody sells ("weed") is the drug's slang, not the ordinary
            # word, unless the next word makes it a lawful product ("weed killer").
            # Its other context-only readings ("weed" is also a DEA code word for PCP) are dropped.
            unsold = {(a, b): sub for a, b in ord_spans if (sub := self._unsold_here(ntext, a, b))}
            if unsold:
                kept: list[tuple[int, int, _TermInfo]] = []
                for a, b, i in matches:
                    reading = unsold.get((a, b)) if i.kind == "substance" else None
                    if reading is None:
                        kept.append((a, b, i))
                    elif i.name == reading:
                        kept.append((a, b, replace(i, ordinary=False, everyday=False)))
                    elif not i.context_only:
                        kept.append((a, b, i))
                matches = kept
            # An ordinary word written in disguise, with letters of two scripts ("сoke" with a Cyrillic с) or an
            # invisible character between its letters ("m\u200bolly"), is hidden from keyword filters: nobody
            # disguises the soft drink or the weather so. Its readings are the drug's slang, context-only still (it
            # needs sale words), no longer the everyday word. Digits, dots and spaced letters are no such sign
            # (session 16, measured): handles and tags ("@m0lly.art", "sn0w#1234"), acronyms ("I.C.E."), gamers' and
            # shops' leetspeak ("Sp33d Runner", "h3rb garden kits") and aesthetic spacing write ordinary words so.
            # A text that names everyday goods keeps the goods rule below; a unit of a stated quantity is no disguise.
            disguised = set()
            for a, b in ord_spans:
                oa, ob = norm.to_original(a, b)
                if _disguised(text, oa, ob) and not _overlaps_price(oa, ob, prices):
                    disguised.add((a, b))
            if disguised:
                if toks is None:
                    toks = _WORD.findall(ntext)  # kept for the goods rule below
                if not _names_goods(toks, self.goods):
                    matches = [
                        (a, b, replace(i, ordinary=False, everyday=False))
                        if i.kind == "substance" and (a, b) in disguised else (a, b, i)
                        for a, b, i in matches
                    ]
            matches = _drop_cue_words(matches)

        hits: list[Hit] = []
        # A drug named as what a test detects ("fentanyl test strips", "reagent kits for MDMA and cocaine") is
        # not offered: a harm-reduction product is; so is an overdose-reversal medicine (naloxone, "Narcan").
        # Shown to a reviewer, they feed the harm-reduction feature only.
        matches, hr_mentions = _split_harm_reduction(ntext, matches)
        for a, b, _name, signal in hr_mentions:
            if signal:
                hits.append(Hit(*norm.to_original(a, b), signal, "harm_reduction"))
        hr_drugs = tuple(sorted({name for _a, _b, name, _signal in hr_mentions}))
        substances: dict[str, bool] = {}
        cues: dict[str, int] = {}
        emoji_sig: dict[str, int] = {}
        drug_emoji = 0
        emoji_chars: set[str] = set()  # the distinct drug emoji written
        plug_word = False  # "plug", "the plug": a dealer, in words
        promo_words: set[str] = set()  # the different commerce words written ("wholesale", "samples")
        counter_words: set[str] = set()  # the different words of lawful speech written ("police", "seized")
        hashtag_flags: list[bool] = []
        tag_terms: set[str] = set()
        has_tag = "#" in ntext or "＃" in ntext
        tags = [(m.start(), m.end()) for m in _HASHTAG.finditer(ntext)] if has_tag else []
        # Hashtags of topics: a tag that is a seller's word ("#판매", "#telegram", "#delivery") is the seller's
        # ad written in tags, no topic (`GENERIC_TAG_CLOUD`).
        cue_spans = {(a, b) for a, b, i in matches if i.kind == "intent"} if tags else set()
        topic_tags = sum(1 for a, b in tags if (a + 1, b) not in cue_spans)
        tag_starts = [a for a, _ in tags]
        drug_tag_idx: set[int] = set()  # indices into tags of the hashtags that hold a drug word
        tag_drugs: dict[int, set[str]] = {}  # hashtag index -> the substances its words name
        ctx_spans: set[tuple[int, int]] = set()
        ctx_named = False  # a context-only drug word that is not made of everyday words ("runtz", "Bubba Kush")
        n_price = sum(1 for p in prices if p.amount is not None)
        n_qty = sum(1 for p in prices if p.unit is not None or p.count is not None)
        question = "?" in text or "？" in text
        # A chat of speakers' turns where one asks and another answers as a seller ("A: u got blues?
        # / B: $25 each, cashapp"): the asker's question and buying words are the buyer's, answered by
        # the seller (session 24 probe).
        asked_turns = _answered_chat(text, norm, matches, prices)
        asked_starts = [x for x, _ in asked_turns]
        if asked_turns:
            question = any(
                ch in text[x:y] for ch in "?？" for x, y in _turns_outside(text, asked_turns)
            )
        # Ordinary-word slang counts only next to another drug word (a name, or slang that is no ordinary word), in
        # a listing that states a quantity or a price, or in a catalogue line that weighs it; alone, with or
        # without sale words, it is the ordinary word ("Snow boots size 9", "Crystal vase" are no drugs even
        # when listed for sale). Kept outside a listing only because a catalogue line weighs them, they are
        # evidence a reviewer sees, never an offer by themselves: "Cheese and chocolate gift box 500g" is groceries.
        weighed_only = False
        sought_name = False  # a street name a buyer's word trades (`_traded_street_name`)
        priced_readings: set[tuple[int, int, str]] = set()  # street names read by their price (_priced_street_names)
        priced_ends: set[int] = set()  # where the street names read by their price end, in the text as written
        named_ends: set[int] = set()  # where the drugs' own names end (no ordinary word), in the text as written
        tag_spans: list[tuple[int, int]] = []  # those names' spans
        # Words that are drugs only in context (ordinary words, "brown sugar", strain names) are the everyday thing
        # when the item prices it by weight below any drug ("Coffee beans 1kg $20", "Brown sugar 1 kg, £2").
        # A drug named outright (not context-only); the two rules below drop only context-only readings.
        named_outright = any(i.kind == "substance" and not i.context_only for _, _, i in matches)
        # What a hemp product is called besides ("hemp", "flower", "gummies", "full spectrum") is the hemp product's,
        # in the clauses that name hemp or CBD or state the level: a dealer's "Loud pack $40 8th, also got CBD flower
        # 0.2% THC for the lightweights, dm" keeps its loud pack, and "Hash 25€/g, THC 0.2% on paper lol" names no
        # hemp at all (a review's lines, session 21).
        # Since session 22 the plant's botanical name in those clauses is the hemp plant's too ("Cannabis light
        # legale", "canapa sativa": an Italian hemp shop was an offer at 0.92; "real cannabis 20g $120" stays the
        # drug), and every statement of the level is read.
        if hemp:
            hemp_clauses = _hemp_clauses(ntext, hemp)

            clause_starts = [a for a, _ in hemp_clauses]

            def hemp_named(m: tuple[int, int, _TermInfo]) -> bool:
                return m[2].kind == "substance" and _in_spans(hemp_clauses, clause_starts, m[0]) and (
                    m[2].context_only or ((plant := _HEMP_PLANT.match(ntext, m[0])) is not None and plant.end() == m[1])
                )

            if not any(m[2].kind == "substance" and not m[2].context_only and not hemp_named(m) for m in matches):
                matches = [m for m in matches if not hemp_named(m)]
                named_outright = any(i.kind == "substance" and not i.context_only for _, _, i in matches)
        # "We do not sell any THC, cannabis or CBD products": what a shop says it does not sell it does not offer; the
        # drugs named in that sentence are dropped (a vape shop's footer made its page an offer at 0.91, session 22).
        if _NOT_SOLD_VERB.search(ntext) is not None:
            unsold = [
                (m.end(), _unsold_end(ntext, m.end())) for m in _NOT_SOLD.finditer(ntext)
                if not _NOT_WHAT.match(ntext, m.end())
            ]
            if unsold:
                starts = [a for a, _ in unsold]
                matches = [m for m in matches if m[2].kind != "substance" or not _in_spans(unsold, starts, m[0])]
        if prices:
            prices = _counts_of_names(text, norm, matches, prices)
        if _cheaper_than_drugs(prices) and not named_outright:
            matches = [m for m in matches if m[2].kind != "substance" or not m[2].context_only]
        # A text that names an everyday product (a tray, a tea set, a roofing sealant, washer parts: goods_words.tsv)
        # sells or shows that product: its ordinary-word slang and everyday slang phrases are the everyday thing, in a
        # listing or not. "Ice Cube Tray Silicone 2 Pack", "China White Porcelain Tea Set", "Crack Filler Concrete
        # 10oz" were offers at 0.89-0.97 as kind=listing (session 13). A drug's name or slang that is no everyday word
        # keeps counting ("Xanax bars and a pill tray"), and so does a word weighed at a dealer's amount, 0.1 g to an
        # ounce (nobody sells a tray by the gram: "WELCO TRAY OUT 10 GRAM CLASSIC CHERRY SPEED" is a Torrez title),
        # or beside a dark market's tool ("Snow, ice, molly, all in stock, wickr").
        if (
            not named_outright
            and any(i.kind == "substance" and i.everyday for _, _, i in matches)
            and (
                not _retail_only(prices)
                or (
                    not _WEIGHED_GOODS.isdisjoint(toks or _WORD.findall(ntext))
                    and not ind_types & _REACH_INDICATORS
                    and not any(i.kind == "intent" and i.name in _REACH_CUES for _, _, i in matches)
                )
            )
            and not ind_types & DARK_TRADE_INDICATORS
            and _names_goods(toks if toks is not None else _WORD.findall(ntext), self.goods)
        ):
            matches = [m for m in matches if m[2].kind != "substance" or not m[2].everyday]
        # A perfume may bear a drug's name: YSL's Opium and Black Opium ("YSL Black Opium EDP 90ml $120, free shipping"
        # was an offer at 0.99, "Nước hoa Opium YSL chính hãng 2.500.000đ" at 0.58). A text that names perfume
        # (`_PERFUME`) sells or shows one: its opium is the perfume, unless it is weighed (perfume is sold by the ml:
        # "Afghan opium 10g $150, smells like perfume") or a dark market's tool is named. Other drugs stay ("Selling
        # heroin, smells like perfume lol, dm").
        if (
            any(i.kind == "substance" and i.name in _PERFUME_NAMES for _, _, i in matches)
            and _PERFUME.search(ntext)
            and not ind_types & DARK_TRADE_INDICATORS
            and not any(p.unit in _WEIGHTS for p in prices)
        ):
            matches = [m for m in matches if m[2].kind != "substance" or m[2].name not in _PERFUME_NAMES]
        # In a listing priced or counted like any marketplace's ("China white porcelain dinner set $60", "Gold dust
        # glitter 10 pack $6", "Pink panther plush toy $12" were offers at 0.79-0.92), a slang phrase made of
        # everyday words is the everyday thing unless the listing weighs or doses it, as one ordinary word is; a
        # drug name or other slang keeps it, and so does a bare title ("MOON ROCKS", "MAGIC MUSHROOM").
        if kind == "listing" and prices and any(_everyday_phrase(i) for _, _, i in matches) and not any(
            i.kind == "substance" and not i.ordinary and not _everyday_phrase(i) for _, _, i in matches
        ) and not any(p.unit in _DOSE_UNITS for p in prices):
            matches = [m for m in matches if not _everyday_phrase(m[2])]
        # A medicine outside the controlled lists vouches for no ordinary word beside it: "Melatonin 10mg gummies"
        # and "Ibuprofen and an ice pack" name no cannabis and no meth.
        if any(i.ordinary for _, _, i in matches) and not any(
            i.kind == "substance" and not i.ordinary and self.kb.substances[i.name].cls not in _UNSCHEDULED
            for _, _, i in matches
        ):
            if self.jargon and any(i.kind == "intent" and ntext[a:b] in self.jargon for a, b, i in matches):
                pass  # a delivery word of the drug trade ("手押し", "закладки по городу"): the slang is the drug's
            elif ind_types & DARK_TRADE_INDICATORS:
                pass  # a dark market's messenger, onion site, Monero wallet or PGP key: "Fetty and china white, wickr"
            elif any(i.kind == "intent" and i.name == "no_rx" for _, _, i in matches):
                # Nothing but a medicine is sold without a prescription: "лирика без рецепта" is Lyrica's brand, "Bars
                # 2mg no prescription needed" Xanax. The readings of other drugs stay ordinary ("Reading glasses no
                # prescription needed, crystal clear lenses": crystal, glass and lenses are meth, heroin and LSD).
                matches = [m for m in matches if not m[2].ordinary or self._medicine(m[2].name)]
            elif _slang_menu(ntext, matches):
                pass  # a dealer's list of goods in their street names ("Tengo mota y perico, entregas, DM")
            elif (
                _priced_like_drugs(prices)
                and _street_name_offered(ntext, matches, _last_priced(norm, prices))
                and _seller_cues(ntext, matches)
                and not _names_goods(toks if toks is not None else _WORD.findall(ntext), self.goods)
            ):
                # Weighed at a dealer's amount and priced like a street drug, $10 a gram or more, by a seller who
                # says how to get it ("Verkaufe Koks 1g 80€, Lieferung in Berlin, Telegram"): what is sold by the
                # gram at that price is seldom the everyday thing (coffee, tea, spices and silver cost cents to a
                # few dollars a gram). The street name must be what is offered, not a word of another noun ("quartz
                # crystal", "gold powder") nor a good sold by the gram itself (caviar, pearls, incense); a text that
                # names such goods ("Moldavite crystal 1g $30": minerals, meteorites, jewellery) keeps the everyday
                # reading.
                pass
            elif (
                priced_here := _priced_street_names(text, norm, matches, prices, self.priced_names)
            ) and not _names_goods(toks if toks is not None else _WORD.findall(ntext), self.goods):
                # The street name of a pill or a gram of powder with its price right after it ("pressed blues $25
                # each or 100 for $1500", "coke $80 a g, cash only", "blues, 10 for 200, cashapp"): the price is the
                # street name's own, so it names the drug as its name would, given a seller's one cue or a second
                # price.
                priced_readings = priced_here
            elif (
                _priced_like_drugs(prices)
                and _street_name_offered(ntext, matches, _last_priced(norm, prices))
                and _seller_cues(ntext, matches, need=1, reach=bool(ind_types & _REACH_INDICATORS), kinds=_REACH_CUES)
                and not _names_goods(toks if toks is not None else _WORD.findall(ntext), self.goods)
            ):
                # As above with one way to reach or pay the seller, a messenger handle or a payment tag being one
                # (session 23: "Koks 80€ pro g, Berlin, Telegram", "c0ke & md, £80/£40 g, tele: @ekoc_nodnol" were
                # discussion); a shop's menu word alone is none ("Menu: Blue Dream 3.5g $35 ... Licensed dispensary").
                pass
            elif traded := _traded_street_name(
                text, norm, matches, prices, self.priced_names, bool(asked_turns)
            ):
                # The street name is what a sale or buying word trades, and the writer says how the deal is done
                # ("selling coke, dm me", "busco 2 gramos de perico, pago en efectivo", "Wer hat Gras in Berlin? Suche
                # 5g"): the object of the trade is the drug (session 23). A buyer's object is requested: the
                # buyer's own contact and meeting words ("Alguém tem bala? Manda no privado") make no offer.
                sought_name = traded == "sought"
            elif _weighed_street_name(text, norm, matches, prices, self.priced_names):
                # A street name sold by the gram, weighed at a dealer's amount right before or after it, where
                # the seller says how to get it ("4g colombian coke, free next day delivery", "molly 2g,
                # tele"): nobody weighs cola or snow by the gram (session 24: Torrez titles posted without a
                # kind were talk).
                pass
            elif _ordinary_in_sale(kind, prices, question, ntext, matches):
                # Weighed at a dealer's amount (0.1 g to an ounce), a cultivar's name of several everyday words
                # ("Wedding Cake 14g", "28g Skywalker OG - UK") or a cannabis word graded on the growers' A-AAAA+
                # scale ("Cookies AAA+ 3.5g") names the drug, as a strain name no everyday word makes does: it
                # counts and makes a catalogue line. Groceries come by the packet ("Wedding cake 2kg", "Jasmine tea
                # AAAA 100g"), and one everyday word weighed small stays that word ("Chocolate bar 25g", "Vanilla
                # beans 10g", "Saffron 1g").
                cultivar = _retail_only(prices) and (
                    _ordinary_phrase(ntext, matches)
                    or (_graded(text) and any(i.ordinary and i.name == "cannabis" for _, _, i in matches))
                )
                weighed_only = kind != "listing" and not cultivar
                ctx_named = cultivar
            else:
                matches = [m for m in matches if not m[2].ordinary]
        # A medicine outside the controlled lists named with what it treats, as every over-the-counter pack is
        # labelled ("Ibuprofen 200mg Tablets 500 Count Pain Reliever", "Loratadine 10mg Non Drowsy Allergy Relief",
        # "Melatonin 10mg Gummies 120 ct Sleep Aid": offers at 0.93-0.998 as listings in the session-24 probe of
        # marketplace listings), is a shop's product: its drug words are dropped. Not beside a controlled drug nor
        # where a prescription is waived ("Tramadol 50mg pain relief, no prescription").
        if _OTC_PURPOSE.search(ntext) and self._over_the_counter(matches):
            matches = [m for m in matches if m[2].kind != "substance"]
        # Beside a drug's name too, a street name of priced_names.tsv with its own price is the drug's ("Roxies 30
        # blues $20 ea, zelle").
        if named_outright and not priced_readings and any(i.ordinary for _, _, i in matches):
            priced_readings = _priced_street_names(text, norm, matches, prices, self.priced_names)
        # A pharmacy's page that requires the prescription (`_RX_REQUIRED`) and waives none, where no dealer's tool is.
        rx_required = (
            any(
                i.kind == "intent" and i.name == "pharmacy" and i.term.lower() in _RX_REQUIRED
                and not _waived(ntext, a, b)
                for a, b, i in matches
            )
            and not ind_types & _DEALERS_REACH
            and not any(
                i.kind == "intent"
                and (
                    i.name == "no_rx"
                    or (i.name == "payment" and _DEALERS_PAY.search(i.term.lower()) is not None)
                    or (i.name == "contact" and _DEALERS_APP.search(i.term.lower()) is not None)
                )
                for _, _, i in matches
            )
        )
        hook = _sellers_hook(ntext, matches, prices) if _maybe_hook(ntext) else None
        for start, end, info in matches:
            ostart, oend = norm.to_original(start, end)
            if info.kind == "substance" or info.kind == "emoji":
                strong = not info.context_only or (start, end, info.name) in priced_readings
                substances[info.name] = substances.get(info.name, False) or strong
                if info.kind == "emoji":
                    drug_emoji += 1
                    emoji_chars.add(ntext[start:end])
                # An ordinary word kept only because a short line weighs it is evidence to show, not a drug word
                # to score: "Coffee beans 1kg, free shipping, order today" was an offer at 0.97 (session 10).
                shown_only = weighed_only and info.ordinary
                feature = "drug_emoji" if info.kind == "emoji" else (
                    "drug_strong" if strong else ("" if shown_only else "drug_context")
                )
                label = "emoji" if info.kind == "emoji" else ("substance" if strong else "slang")
                hits.append(Hit(ostart, oend, f"{label}:{info.name}", feature))
                if (start, end, info.name) in priced_readings:
                    priced_ends.add(oend)
                elif (
                    info.kind == "substance" and not info.context_only and not info.ordinary
                    and _taggable(self.kb.substances[info.name])
                ):
                    named_ends.add(oend)
                    tag_spans.append((ostart, oend))
                if shown_only:
                    continue
                in_tag = _in_hashtag(ntext, start)
                # A generic word for drugs as one hashtag of a cloud ("#毒品" among "#暗网 #黑客 #查档 #信用卡") is a
                # topic tag, not the goods: a seller of drugs names what he sells, and spam for data, hacking or
                # porn tags every illicit topic. Shown, not scored; in running text ("出售毒品") or with few tags
                # ("#마약 판매 텔레그램 문의") it still counts.
                if in_tag and not strong and info.name == _UNSPECIFIED and topic_tags >= GENERIC_TAG_CLOUD:
                    hits[-1] = Hit(ostart, oend, f"slang:{info.name}", "")
                    continue
                hashtag_flags.append(in_tag)
                if in_tag and strong:
                    tag_terms.add(ntext[start:end].lower())
                if in_tag and info.kind == "substance" and (strong or not info.ordinary):
                    k = bisect.bisect_right(tag_starts, start) - 1
                    if k >= 0 and start < tags[k][1]:
                        drug_tag_idx.add(k)
                        tag_drugs.setdefault(k, set()).add(info.name)
                if not strong and info.kind == "substance":
                    ctx_spans.add((start, end))
                    ctx_named = ctx_named or not (info.everyday or self.kb.substances[info.name].cls in _UNSCHEDULED)
            elif info.kind == "intent":
                # Counter-evidence is a word of lawful speech; inside a run-together hashtag or name it is noise
                # ("#DeathStar" is a strain, not a news report of deaths).
                if info.name in COUNTER_CUES and _inside_word(ntext, start, end):
                    continue
                # A word that holds a cue in a script without spaces but is none ("의정부", the city Uijeongbu, holds
                # "정부", government): it only keeps the cue inside it from being read (_drop_nested_cues).
                if info.name == SHIELD_CUE:
                    continue
                # A listing is a sale: its use words describe the product ("pre-rolled joints"), not a user's talk,
                # and its news words are the seller's ("Cartel Coke 3.5g", "Etazene Powder - WARNING"). Harm
                # reduction, recovery and pharmacy words still count: a naloxone kit or a pharmacy's own listing.
                if kind == "listing" and info.name in ("use", "news"):
                    continue
                # "Not selling anything, don't DM", "no vendo", "не продаю": a negated sale or contact cue says the
                # opposite. The reviewer sees it, the model does not.
                if info.name in NEGATABLE_CUES and _negated(ntext, start, end, info.name):
                    hits.append(Hit(ostart, oend, f"intent:{info.name}:negated", "negated_cue"))
                    continue
                # "Police arrested a dealer selling meth over Telegram": a sale told after an arrest, a charge or a
                # sentence is the report's, not the writer's offer. Shown, not scored.
                if info.name == "sell" and _illicit_sale(ntext, start):
                    hits.append(Hit(ostart, oend, f"intent:{info.name}:reported", "reported_cue"))
                    continue
                if info.name in REPORTABLE_CUES and _reported(ntext, start, end, matches):
                    hits.append(Hit(ostart, oend, f"intent:{info.name}:reported", "reported_cue"))
                    continue
                # A buyer's words in double quotation marks are someone's words the writer tells: 'I used to be the
                # guy asking "who's got percs" in every group chat', 'remember when we used to say "who got the hook
                # up"' (solicitations, session 23). Shown, not scored.
                if info.name == "solicit" and hook == (start, end):
                    hits.append(Hit(ostart, oend, "intent:solicit:hook", "sellers_hook"))
                    continue
                if info.name == "solicit" and asked_turns and _in_spans(asked_turns, asked_starts, ostart):
                    hits.append(Hit(ostart, oend, "intent:solicit:answered", "answered_cue"))
                    continue
                if info.name == "solicit" and _quoted(text, ostart, oend):
                    hits.append(Hit(ostart, oend, "intent:solicit:quoted", "reported_cue"))
                    continue
                if rx_required and info.name in _PHARMACY_SERVICE:
                    hits.append(Hit(ostart, oend, f"intent:{info.name}:pharmacy", "pharmacy_service"))
                    continue
                # "Never been arrested", "从未被捕", "逮捕歴なし": an arrest the writer boasts of escaping is no report.
                if info.name == "news" and _boasted_arrest(ntext, start, end):
                    hits.append(Hit(ostart, oend, "intent:news:negated", "negated_cue"))
                    continue
                # A patient's words about their own prescription ("my copay", "my refill") are talk, unless the post
                # offers the pills: "Got extra from my refill, Xanax 2mg bars $5 each, snap me" diverts them.
                if (
                    info.name == "use"
                    and ntext[start:end] in _PATIENT_WORDS
                    and _offers_pills(ntext, matches, prices, indicators)
                ):
                    hits.append(Hit(ostart, oend, "intent:use:diverted", "diverted_cue"))
                    continue
                # "plug?" asks for a seller ("plug? need zaza asap", "any1 know a plug?"): the buyer's word, not a
                # seller's calling himself the plug (session 23; it was an offer at 0.80).
                if info.name == "sell" and info.term.lower() in _PLUG_WORDS and _ASKED.match(ntext, end):
                    cues["solicit"] = cues.get("solicit", 0) + 1
                    hits.append(Hit(ostart, oend, "intent:solicit", "solicit"))
                    continue
                # "my plug said he's out till friday", "his plug got raided": the writer's or someone's dealer
                # is a customer's talk, not a seller calling himself the plug (session 24; it was an offer at
                # 0.88). Shown, not scored; a reseller's own cues still count ("my plug got arrested so now
                # I'm selling percs").
                if (
                    info.name == "sell" and info.term.lower() == "plug"
                    and _SOMEONES.search(ntext, max(0, start - SOMEONES_REACH), start)
                ):
                    hits.append(Hit(ostart, oend, "intent:sell:someones", "reported_cue"))
                    continue
                cues[info.name] = cues.get(info.name, 0) + 1
                if info.name == "promo":
                    promo_words.add(ntext[start:end].lower())
                elif info.name in COUNTER_CUES:
                    counter_words.add(ntext[start:end].lower())
                plug_word = plug_word or (info.name == "sell" and info.term.lower() in _PLUG_WORDS)
                hits.append(Hit(ostart, oend, f"intent:{info.name}", info.name))
            elif info.context_only:  # a single source's reading: evidence a reviewer sees, no feature
                hits.append(Hit(ostart, oend, f"emoji:{info.name}", "emoji_single_source"))
            else:
                emoji_sig[info.name] = emoji_sig.get(info.name, 0) + 1
                hits.append(Hit(ostart, oend, f"emoji:{info.name}", f"emoji_{info.name}"))
        # A street name's price of one piece ("blues $20 each") prices a count of one, and its tier ("blues 10 for
        # 200") is a count and a price (`_priced_counts`): `extract_prices` reads neither as a quantity. Only for the
        # names `_priced_street_names` read by their price: after a drug's own name such tiers are as often a
        # pharmacy's ("Adderall 30 for $90 at Walgreens, insane" became an offer at 0.99 when they counted there).
        # A drug's own name priced right after it, in a dealer's shorthand ("Oxy $30, cashapp", "Percs $25 each, zelle
        # only", "oxy 2 for $50, cashapp"), is a price tag: the price of one piece, or of a tier's count. Without a
        # seller's cue it is as often a pharmacy's price or an old one ("Adderall 30 for $90 at Walgreens, insane",
        # "xanax $5 a bar back in the day"), and with words that tell where or how it was paid it is a buyer's
        # ("adderall $15 with goodrx, paid with apple pay", "Tylenol $5, cash only at the corner store").
        tag_ends: set[int] = set()
        if (
            named_ends - priced_ends
            and not question
            and len(ntext.split()) <= 12
            and _seller_cues(ntext, matches, need=1)
            and _shorthand(
                text,
                tag_spans + [(h.start, h.end) for h in hits if h.feature in _TAG_CUES] + [(p.start, p.end) for p in prices],
            )
        ):
            tag_ends = named_ends - priced_ends
        if priced_ends or tag_ends:
            named_starts = {a for a, b in tag_spans if b in tag_ends}
            more_prices, more_qty = _priced_counts(text, prices, priced_ends, tag_ends, named_starts)
            n_price += more_prices
            n_qty += more_qty
        # Chinese sellers write 出 ("put out": sell, as in 出售, 出货) straight before the goods: "出冰毒，同城",
        # "长期出K粉". Only before a drug's name (not slang that is also another word: 溜冰 is skating), only where 出
        # opens the phrase (after no letter: the text's start, a space, a mark, a bracket, an emoji, "#", but no
        # quote mark; or after a seller's word: 长期, 大量, 本人, 我, 诚信, 现货...: _CHU_ADVERBS), and only where
        # the name ends the word ("出大麻绳" sells hemp rope; "出摇头丸的被抓了" tells of a seller) or a seller's cue
        # follows it ("出冰毒量大从优"). After another verb 出 completes it ("查出冰毒": found meth), after a place it
        # is as often a report's "had" ("香港出冰毒大案"), and beside words of lawful speech it is talk.
        if "出" in ntext and not cues.get("sell") and not any(cues.get(c) for c in COUNTER_CUES):
            cue_starts = {a for a, _, i in matches if i.kind == "intent"}
            for start, end, info in matches:
                if info.kind == "substance" and not info.context_only and _chu_sells(ntext, start, end, cue_starts):
                    cues["sell"] = 1
                    ostart, oend = norm.to_original(start - 1, start)
                    hits.append(Hit(ostart, oend, "intent:sell", "sell"))
                    break

        for ind in indicators:
            if ind.valid:
                hits.append(Hit(ind.start, ind.end, f"indicator:{ind.type}", _indicator_feature(ind.type)))

        # A multiplier of two or three that ends a post, links and tags aside ("Marihuana x3", "quincho vibes x2"),
        # says "twice", "me too"; markets count units before the item ("2x Medicated Cereal", "Oxycodone x2 M30"),
        # in larger numbers ("Xanax x30"), or after the form or strength they count ("Xanax bars x3", "Roxy 30s x3").
        # Outside a listing, without a sale word or a price, it is no quantity: Spanish jokes were catalogue lines.
        if kind != "listing" and n_qty and not (any(cues.get(c) for c in _OFFER_CUES) or n_price):
            twice = [p for p in prices if _said_twice(text, p)]
            if twice:
                prices = [p for p in prices if p not in twice]
                n_qty -= len(twice)
        for p in prices:
            priced = p.amount is not None
            hits.append(Hit(p.start, p.end, "price" if priced else "quantity", "price" if priced else "qty"))
        # An amount joined to the drug by "de"/"of" ("540 kilos de marihuana", "20 gramos de cocaína") tells how much,
        # in news and jokes, unless a sale word, a price or a grade says it is on offer ("3.5g of Ghost Train Haze,
        # free NDD"): it is shown, and neither a quantity on offer nor a catalogue line. 25 Spanish tweets of talk were
        # offers at 0.78-0.93 as catalogue lines (session 11); without the catalogue line, 17 sat at 0.49-0.53 on
        # the threshold, on either side as the template draws went (session 12).
        if n_qty and _told_amount(ntext, matches) and not (
            any(cues.get(c) for c in _OFFER_CUES) or n_price or _graded(text)
        ):
            n_qty = 0
        # What a drug costs, told with a verb ("Cocaine is £80 a gram now, mad", "Kokain kostet in Berlin jetzt 80€ pro
        # Gramm"), is talk about prices: without a seller's cue its price and amount are no offer's, and neither is
        # the unit word of the amount. Three such lines were offers at 0.96-0.98 (session 23); "Percs are $25 each,
        # hmu" keeps its price.
        if (
            n_price
            and kind != "listing"
            and _told_price(norm, ntext, prices)
            and not any(cues.get(c) for c in _MENU_CUES)
            and not ind_types & (CONTACT_INDICATORS | WALLET_INDICATORS | PAYTAG_INDICATORS)
        ):
            n_qty = n_price = 0
            cues.pop("quantity", None)
        # Units counted out at a microgram dose, nothing named: a blotter hallucinogen's listing ("25x 200ug THE HOLY
        # FAMILY"); the dose is the evidence and the drug a context-only reading (see _blotter_dose).
        blotter = None
        if not substances and prices and _BLOTTER_SUBSTANCE in self.kb.substances:
            blotter = _blotter_dose(text, prices)
        if blotter is not None:
            substances[_BLOTTER_SUBSTANCE] = False
            ctx_named = True
            hits.append(Hit(blotter.start, blotter.end, f"dose:{_BLOTTER_SUBSTANCE}", "drug_context"))

        strong_names = [n for n, s in substances.items() if s]
        strong = bool(strong_names)
        # Emoji alone are not words of a drug (DEA: an emoji by itself does not indicate illegal activity; "⚡" and
        # "❤️" are on the chart and in every other post): they feed drug_emoji, never the slang features.
        context = (bool(ctx_spans) or blotter is not None) and not strong
        f: dict[str, float] = {}
        if strong:
            f["drug_strong"] = 1.0
            f["drug_strong_n"] = math.log1p(len(strong_names))
        if context:
            f["drug_context"] = 1.0
            # One ordinary-looking word ("hoodie", "mint") is usually just that word; a seller's slang comes in
            # runs ("ice, snow and blues").
            surfaces = {ntext[a:b].lower() for a, b in ctx_spans}
            if len(surfaces) >= 2 and not weighed_only:
                f["ctx_multi"] = 1.0
        if drug_emoji:
            f["drug_emoji"] = 1.0
        # Severity comes from drug names only: a context-only word names several drugs at once ("ice": meth,
        # cocaine, MDMA, PCP), and most of the time none of them, so its "most severe" reading is no evidence.
        named = strong_names
        if named:
            infos = [self.kb.substances[n] for n in named]
            top = max(infos, key=lambda s: SEVERITY_RANK.get(s.severity, 0)).severity
            if top != "none":
                f[f"sev_{top}"] = 1.0
            if all(s.cls == "prescription" for s in infos):
                f["rx_only"] = 1.0
            if any(s.cls in ("equipment", "precursor") for s in infos):
                f["equipment_or_precursor"] = 1.0
        # Sale cues are evidence of a drug offer only next to a drug word: without one they describe every other
        # shop (phones, sneakers, followers), and a model that saw them there would learn that a price or a
        # messenger handle is evidence against an offer. Items without a drug word carry their sale intent in
        # nodrug_x_intent alone. Emoji are no drug word here either: an NFT or gift post full of 💎 🚀 💵 with a
        # price and a link is another shop (DEA: an emoji by itself does not indicate illegal activity).
        # A dealer's emoji menu is the exception: two or more different drug emoji with the plug (🔌 or the word
        # "plug") and a way to reach the seller ("plug 🔌 | 💊❄️🍃 | ships worldwide | tele @x"). The DEA's caution
        # is about an emoji by itself; here the emoji name the goods of a stated dealer. Other sale words are not
        # enough: a driving school's "💙🍀🚗 ... Calidad ... WhatsApp" is no menu, and since session 15 neither are
        # the money emoji the DEA chart also lists as dealer signs (💰 💵 🤑 👑): every shop writes them
        # ("🎄❄️🌲 Christmas trees, delivery, call ... 💰 best prices"); every source agrees on 🔌 (kb_facts 1d).
        emoji_menu = (
            not strong and not context and len(emoji_chars) >= 2
            and (plug_word or "🔌" in ntext)
            and bool(cues.get("contact") or ind_types & CONTACT_INDICATORS)
        )
        if strong or context or emoji_menu:
            for cue in SALE_CUES:
                if cues.get(cue):
                    f[cue] = 1.0
            if n_price:
                f["price"] = min(n_price, 3) / 3
            if n_qty:
                f["qty"] = min(n_qty, 3) / 3
            if n_price >= 2 or n_qty >= 3:
                f["menu"] = 1.0
            # One commerce word is as often talk as trade ("cocaine prices are crazy"); a pitch made of several is a
            # seller's ("Wholesale fentanyl powder, samples available", "best prices, high quality").
            if len(promo_words) >= 2:
                f["promo_multi"] = 1.0
            for sig, n in emoji_sig.items():
                f[f"emoji_{sig}"] = 1.0
            if ind_types & CONTACT_INDICATORS:
                f["ind_contact"] = 1.0
            if ind_types & WALLET_INDICATORS:
                f["ind_wallet"] = 1.0
            if "phone" in ind_types:
                f["ind_phone"] = 1.0
            if ind_types & (LINK_INDICATORS - {"onion"}):
                f["ind_link"] = 1.0
            if ind_types & PAYTAG_INDICATORS:
                f["ind_paytag"] = 1.0
            if "onion" in ind_types:
                f["ind_onion"] = 1.0

        sale_kinds = sum(1 for c in SALE_CUES if cues.get(c))
        sale_kinds += bool(n_price) + bool(n_qty) + bool(emoji_sig.get("dealer"))
        sale_kinds += bool(ind_types & CONTACT_INDICATORS) + bool(ind_types & (WALLET_INDICATORS | PAYTAG_INDICATORS))
        intent_n = min(sale_kinds, 6) / 6
        f["intent_n"] = intent_n
        # Context-only terms ("ice", "blues") name a drug only next to sale intent.
        # A listing is an offer by definition, so it is sale context for the slang in its title ("pure premium coke").
        # Emoji alone name no drug (DEA: an emoji by itself does not indicate illegal activity), so they never
        # make an offer on their own: the label rules need a drug word.
        any_drug = strong or (context and (sale_kinds > 0 or kind == "listing")) or emoji_menu
        if strong:
            f["drug_x_intent"] = intent_n
        elif context or emoji_menu:
            f["ctx_x_intent"] = intent_n
        else:
            f["nodrug_x_intent"] = intent_n
        if cues.get("solicit"):
            f["solicit"] = 1.0
        if question:
            f["question"] = 1.0
        if cues.get("solicit") and substances:
            f["drug_x_solicit"] = 1.0
        counter = 0
        for cue in COUNTER_CUES:
            if cues.get(cue):
                f[cue] = 1.0
                counter += 1
        if substances and counter:
            f["drug_x_counter"] = min(counter, 3) / 3
        # A report is made of lawful speech's words: "Police seized ... the suspects ... arrested ... charged ... the
        # sheriff" tells how a seller sold ("sold the pills for $20 each through Snapchat, took payment by Cash App")
        # and offers nothing. A seller's post may hold one such word (a vendor's "check my reviews" held the buyer's
        # "my reviews" until _drop_nested_cues read it as the vendor's), a report holds several; the news, warnings and court reports of web pages and long posts were offers at
        # 0.54-0.99 with one `news` feature however many of its words they wrote (session 14).
        if substances and len(counter_words) >= COUNTER_MULTI:
            f["counter_multi"] = 1.0
        # Every drug hashtag names the cannabis plant or its cannabinoids, in one of its readings at least: "#kush" is
        # also a name of synthetic cannabinoids, and a cloud of "#kush #ogkush #weed" is still the plant's.
        plant_tags = all(names & _PLANT_CANNABINOIDS for names in tag_drugs.values())
        if hashtag_flags and all(hashtag_flags):
            # Tags of the cannabis plant's names alone are promotion only next to a sale cue (see drug_tags).
            if sale_kinds or not plant_tags:
                f["hashtag_only_drug"] = 1.0
            # One drug hashtag and no drug word outside tags: talk, news and gossip tag the topic once
            # ("#cocaine" under a celebrity story); spam repeats and varies it.
            if len(drug_tag_idx) == 1:
                f["drug_tag_one"] = 1.0
        # Promotion spam tags a post with several drugs at once (#cocaine #meth #kush), or the same drug with
        # places and grades (#cannabisBangkok #cannabisOG); talk tags one. Counted per hashtag that holds a
        # drug name or slang that is no ordinary word (#Gold #Oil are other words), with a drug name among
        # them; a tag repeated ("#weed ... #weed") counts once.
        n_drug_tags = len({ntext[tags[k][0] + 1 : tags[k][1]].lower() for k in drug_tag_idx})
        if n_drug_tags >= 2 and tag_terms and (sale_kinds or not plant_tags):
            f["drug_tags"] = min(n_drug_tags, 6) / 6
        # A messenger handle or an onion address next to a drug name redirects a buyer; a plain web link does
        # not (platforms attach one to every post with media).
        if strong and ind_types & (CONTACT_INDICATORS | {"onion"}):
            f["drug_x_link"] = 1.0
        # A listing offers something by definition; whether it is a drug is the question.
        if kind == "listing":
            f["kind_listing"] = 1.0
            if substances:
                f["drug_x_listing"] = 1.0
        elif kind == "query":
            f["kind_query"] = 1.0
        # A catalogue line: a drug name and a quantity in a title-length text that neither talks about the drug
        # (news, recovery, use, harm reduction, pharmacy) nor asks ("50GR COCAINE FISHSCALE", "200x m30
        # oxycodone"). Dark-web titles and menu lines read like this wherever they are posted, with or without a
        # kind; news and use talk carry their own cues.
        # Slang that is no drug name makes a catalogue line only as a bare title, without a contact or link (shops
        # post "Blue Moon paint 5 kilos, $20, telegram ..." every day), and only if it is not made of everyday words
        # ("Wedding cake 500g", "Brown sugar 1kg" are groceries; ordinary words kept by a weight are everyday too).
        # A told amount ("540 kilos de marihuana") makes none: n_qty is 0 for it (above).
        if (
            (strong or (context and ctx_named and not indicators))
            and n_qty
            and not (counter or cues.get("solicit") or question)
            and len(ntext.split()) <= 12
        ):
            f["catalogue"] = 1.0
        if len(text) < 40:
            f["short"] = 1.0
        elif len(text) > 400:
            f["long"] = 1.0
        return Signals(
            features=f,
            hits=hits,
            substances=substances,
            indicators=indicators,
            any_drug=any_drug,
            strong_drug=strong,
            sale_cues=sale_kinds,
            counter_cues=counter,
            norm_text=ntext,
            harm_reduction_drugs=hr_drugs,
            requested=bool(cues.get("solicit")) and (sought_name or _requests(ntext, matches)),
        )


# The cannabis plant and its natural cannabinoids. News, culture, growers and CBD shops tag a post with them
# several times over (#cannabis #weed #CBD #THC #marijuana) without selling anything; a cloud of these tags is
# promotion only next to a sale cue. A cloud that names another drug (#大麻 #冰毒 #K粉) is promotion by itself.
_PLANT_CANNABINOIDS = frozenset(
    {
        "cannabis",
        "tetrahydrocannabinols",
        "cannabidiol",
        "cannabinol",
        "cannabidivarin",
        "tetrahydrocannabivarin",
        "hexahydrocannabinol",
    }
)

# A verb that tells what a drug costs ("Cocaine is £80 a gram now", "Kokain kostet 80€ pro Gramm", "MDMA went up to
# €40 a gram"): see the rule on told prices in `extract`. A restock is no such verb ("MDMA crystals are back, 3.5g
# for $100").
_PRICE_TALK = re.compile(
    r"(?<![^\W\d_])(?:(?:is|are|was|were)(?! back| available| in stock| here| up for)|costs?|going for|went up|went down|kostet|kosten|kostete|cuesta|cuestan|"
    r"costaba|custa|custam|coûte|coûtent|costa|costano|kost|vale|valen|valía|costă|kostar|koster|kosztuje|kosztują|"
    r"стоит|стоят|стоил|подорожал\w*|подешевел\w*|"
    # Spanish "is" of a price, with its accent ("La cocaína ya está a 60€ el gramo"; "esta" is "this": "esta mota a
    # 100 el gramo" is a seller's)
    r"está|están|estaba|estaban)(?![^\W\d_])"
)
PRICE_TALK_REACH = 30  # characters from the verb to the price it tells ("kostet in Berlin jetzt 80€")


def _told_price(norm: Normalized, ntext: str, prices: list[Price]) -> bool:
    """Whether a verb of `_PRICE_TALK` tells a price of the text: a price with an amount starts within
    PRICE_TALK_REACH characters after it."""
    starts = sorted(p.start for p in prices if p.amount is not None)
    for m in _PRICE_TALK.finditer(ntext):
        end = norm.to_original(m.start(), m.end())[1]
        k = bisect.bisect_left(starts, end)
        if k < len(starts) and starts[k] - end <= PRICE_TALK_REACH:
            return True
    return False


# Units of weight: a catalogue line that weighs an ordinary word sells it by weight ("1000g Lemon Haze AAA++",
# "A pound of Blue Dream"). Counts of pieces or volumes do not (boots, bottles).
_WEIGHT_UNITS = frozenset({"g", "kg", "oz", "lb", "100g", "mg", "mcg"})
# What a drug is sold by, beside its weight: a volume, a strength, pills, vials, blotters, hits (not pieces, bars,
# pairs, sizes or litres: "Snow boots size 9, $40", "2x pack of shirts", "Weed killer 5L").
_DOSE_UNITS = _WEIGHT_UNITS | {"ml", "iu", "pill", "vial", "blotter", "hit"}


# Sale and contact cues read the other way right after a negation ("not selling", "don't DM", "no vendo", "não
# vendo", "non vendo", "je ne vends", "не продаю", "nie sprzedaję", "kein Verkauf", "geen verkoop"). Other cues
# keep their sense: "no prescription needed" is a sale cue of its own.
NEGATABLE_CUES = frozenset({"sell", "contact"})
NEGATION_REACH = 24  # characters before a cue searched for a negation
# The word between may only be one that keeps the negation on the cue ("not currently selling", "never be selling",
# "no longer selling", "don't even DM"); "no limit selling" and "one stop shop selling" are no negations, nor is
# the Portuguese "no" (in the) after a verb of calling ("chama no zap", "me chame no whats": call me on WhatsApp),
# unless the verb is negated ("não chama no zap").
_CALL_VERBS = ("chama", "chame", "chamem", "chamar", "chamo", "manda", "mande", "fala", "fale", "contato")
_NEGATED = re.compile(
    r"(?:^|[^\w'’])(?<!one )(?<!non )(?<!non-)"
    + "".join(f"(?<!{verb} )" for verb in _CALL_VERBS)
    + r"(?:not|no|don[’']?t|do not|never|stop|quit|won[’']?t|isn[’']?t|ain[’']?t|doesn[’']?t|didn[’']?t|"
    r"aren[’']?t|não|nao|non|nunca|jamás|jamas|ne|n[’']|не|ни|nie|kein|keine|keinen|nicht|geen|niet)"
    r"[ \t]+(?:(?:even|currently|really|longer|more|be|been|ever|actually|just|always|yet|anymore|i|we)[ \t]+)?"
    r"(?:(?:me[ \t]+)?(?:" + "|".join(_CALL_VERBS) + r")[ \t]+n[oa][ \t]+)?$"
)
# Arabic "لا" (and "ولا", "and not") and "لن", and the dialects' "مش", "مو", right before a sale verb: "لا
# نبيع" (we do not sell), "مش بنبيع" (the dialects' "ب" before the verb). Sale cues only: before a contact
# noun "ولا" is "or" ("تلي ولا واتساب", Telegram or WhatsApp, a seller's). "ما" is left out: it is also "what"
# ("ما نبيع", what we sell).
_AR_NEGATED = re.compile(r"(?<!\w)(?:لا|ولا|لن|مش|مو)[ \t]+ب?$")

# Scripts without spaces and Korean write the negation against the cue: Chinese and Thai before it ("本店不出售",
# "不单独出售", "没有出售", "禁止出售", "ไม่ขาย"), Korean before ("안 팝니다") or after it ("판매하지 않습니다", "판매 금지"),
# Japanese after it, in a polite negative or a ban ("販売していません", "販売は行っておりません", "販売禁止").
# "药店：曲马多不单独出售" (a pharmacy does not sell tramadol alone) was an offer at 0.79 (session 13).
_NEGATED_BEFORE = re.compile(
    r"(?:不|不再|不会|不會|没有|沒有|没|沒|禁止|严禁|嚴禁|勿|ไม่|ไม่ได้|안[ \t]+)(?:单独|單獨|再|会|會|可以|能)?$"
)
# What makes a negated sale a restriction on whom the seller sells to, not a refusal to sell: Thai "ไม่ขายให้เด็ก"
# (no sale to minors) is on every cannabis shop's menu. "别" (don't) is left out: it ends "级别" and "特别" (level,
# special), and "别加我" in a seller's post tells time-wasters not to add him.
_RESTRICTED_SALE = re.compile(r"[ \t]*ให้")
_NEGATED_AFTER = re.compile(r"(?:は|を)?(?:行|致)?[\u3040-\u309f]{0,8}?ません|禁止|[ \t]*(?:하지[ \t]*않|금지|불가)")


# Reports of arrests, charges and sentences: an arrest word before a sale, contact, shipping or payment cue in the
# same sentence, with a drug named after it ("Police arrest man selling fentanyl via Snapchat", "charged with
# selling", "bắt đối tượng bán ma túy đá qua Zalo"), tells what someone else did. Words of police and court reports
# in English, Spanish, Portuguese, French, German, Italian, Russian, Vietnamese, Chinese and Korean
# (narcotrace-authored ordinary vocabulary). Left out as ambiguous: "busted" (sold out; "bust down"), bare
# "charged" (batteries), "caught", Spanish "captura" (a screenshot), Portuguese "prende" and "preso", French
# "arrêté" (stopped), Italian "fermato" (a stop), German "nimmt ... fest".
REPORTABLE_CUES = frozenset({"sell", "contact", "shipping", "payment"})
REPORT_REACH = 80  # characters before a cue searched for an arrest word
# Vietnamese arrest words, of reports and of headlines alike (`_ARREST`, `_VI_ARREST`).
_VI_ARREST_WORDS = (
    r"bắt giữ|bị bắt|bắt quả tang|tạm giữ|tạm giam|khởi tố|truy tố|lĩnh án|triệt phá|tuyên phạt|tuyên án|phạt tù|"
    r"bị[ \t]+(?:công[ \t]+an|cảnh[ \t]+sát)[ \t]+bắt"
)
_ARREST = re.compile(
    r"(?:(?<![^\W\d_])(?:arrest(?:s|ed|ing|a|an|ó|aron|ad[oa]s?)?|detain(?:s|ed)?|charged with|indicted|sentenced|"
    r"convicted|jailed|nabbed|detiene[n]?|detuvo|detuvieron|detenid[oa]s?|condenad[oa]s?|"
    r"prenderam|detid[oa]s?|interpellée?s?|condamnée?s?|festgenommen|verhaftet|verurteilt|arrestat[oaie]|"
    r"condannat[oaie]|задержан[аыо]?|задержали|арестован[аыо]?|арестовали|осужд[её]н[аыо]?|bắt đối tượng|"
    # Arabic: the arrest of, arrest, detention (session 21), not an account's suspension ("بعد توقيف حسابي القديم")
    r"القبض على|اعتقال|توقيف(?![ \t]*(?:ال)?حساب)|"
    + _VI_ARREST_WORDS
    + r")(?![^\W\d_])|抓获|逮捕|被抓|被捕|落网|落網|刑拘|拘留|判处|判刑|获刑|獲刑|検挙|검거|체포|구속)",
    re.IGNORECASE,
)
# Arrest words read at the end of a Vietnamese headline's clause (`_vietnamese_subject`): "sa lưới" (fell into the
# net) is a dealer's word too ("Sa lưới bên kia rồi, giờ bên em bán ketamine": the others got caught, now we sell).
_ARREST_LAST = re.compile(r"(?<![^\W\d_])sa[ \t]+lưới(?![^\W\d_])|" + _ARREST.pattern, re.IGNORECASE)
# ... and before the sale when the headline says what for: "Sa lưới vì bán ma túy qua Telegram" (caught for selling),
# "Nữ quái sa lưới khi bán ma túy" (caught while selling).
_ARREST_FIRST = re.compile(
    r"(?<![^\W\d_])sa[ \t]+lưới(?=[ \t]+(?:vì|khi|do|sau[ \t]+khi)(?![^\W\d_]))|" + _ARREST.pattern, re.IGNORECASE
)
# A negated arrest is a seller's boast ("never been arrested", "cant get arrested", "ни разу не задержали", "không sợ
# bị bắt", "从没被抓", "从不落网").
_ARREST_NEGATED = re.compile(
    r"(?:(?:(?<![^\W\d_])(?:never|not|no|cant|dont|wont|aint|didnt|zero|nunca|jamás|jamas|sin|nadie|ningún|ninguno|"
    r"ninguna|cero|não|nao|nenhum|nenhuma|ninguém|jamais|aucun|aucune|kein|keine|keiner|nie|не|không|chưa)"
    r"(?![^\W\d_])|n[’']t|(?<!\d)0|从没|從沒|从未|從未|从不|從不|不会|不會|没有|沒有|没人|沒人|无人|無人|没|沒|不怕|未)"
    r"[^\w\n]{0,3}(?:[^\W\d_]+[^\w\n]{1,3}){0,2}|零|无一人|無一人)$",
    re.IGNORECASE,
)
# Japanese and Korean negate after the word, and Chinese and Vietnamese sellers' guarantees follow it: "逮捕歴なし" (no
# arrest record), "逮捕されない", "검거된 적 없음" (never caught), "구속 걱정 없이" (no worry of arrest), "被捕包赔"
# and "bị bắt hoàn tiền" (arrested: we refund): a seller's boast, no report.
_ARREST_NEGATED_AFTER = re.compile(
    r"[ \t]*(?:歴なし|歴ゼロ|者ゼロ|者なし|されな|されたこと|の心配|のリスク|걱정|위험|리스크|된[ \t]*적|되면|없|0[ \t]*건|0(?![\d.,])|절대|한[ \t]*번도|안[ \t]*됨|"
    r"안[ \t]*되|包赔|包賠|退款|风险|風險|不了|率为零|率為零|"
    r"(?:giữ[ \t]*)?(?:[:\-–?!][ \t]*)?(?:thì[ \t]+)?"
    r"(?:(?:shop|bên[ \t]+(?:em|mình)|mình|em|tụi[ \t]+em|chúng[ \t]+tôi)[ \t]+)?"
    r"(?:hoàn(?:[ \t]+lại)?(?:[ \t]+\d+[ \t]*%)?[ \t]+tiền|lo[ \t]+(?:hết|tất)|"
    r"(?:bao[ \t]+|\d+[ \t]+)?đền(?:[ \t]+(?:bù|tiền|gấp|\d))?|bao[ \t]+hoàn|bồi[ \t]+thường|trả[ \t]+lại[ \t]+tiền|"
    r"chịu[ \t]+(?:hết|trách[ \t]+nhiệm))(?![^\W\d_]))"
)
# What ends a sentence (the normalized text holds no line breaks: runs of spaces are one space; the text as
# written may).
# Sentence ends, with the Arabic question mark and the Devanagari danda (session 24).
_SENTENCE_END = re.compile(r"[.!?\n。！？؟।]")
_QUESTION_MARKS = frozenset("?？؟")


class _Positions:
    """Where the matches the report rules look up lie, sorted, so that each cue's look-up is a bisection and not a
    pass over every match (a 50,000-character page holds thousands of cues)."""

    def __init__(self, ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> None:
        # most texts name no arrest: one search of the text spares two per cue
        self.has_arrest = _ARREST_LAST.search(ntext) is not None
        self.substances = sorted((a, b) for a, b, i in matches if i.kind == "substance")
        self.substance_starts = [a for a, _ in self.substances]
        self.substance_ends: set[int] | None = None  # built when a list's comma is first looked at
        self.sells = sorted((a, b) for a, b, i in matches if i.kind == "intent" and i.name == "sell")
        self.sell_starts = [a for a, _ in self.sells]
        self.first_sell_end = min((b for _, b in self.sells), default=None)
        self.last_writer_start = max(
            (a for a, _, i in matches if i.kind == "intent" and i.name in _WRITERS_CUES), default=None
        )

    def lists_drugs(self, ntext: str, at: int) -> bool:
        """Whether the mark at ntext[at] parts two drug names of a list ("thuốc lắc, ketamine", "冰毒、K粉")."""
        k = bisect.bisect_right(self.substance_starts, at)
        if k == len(self.substances) or ntext[at + 1 : self.substances[k][0]].strip():
            return False
        # a name that ends at the mark, spaces aside (names found inside others end elsewhere)
        end = at
        while end > 0 and ntext[end - 1].isspace():
            end -= 1
        if self.substance_ends is None:
            self.substance_ends = {b for _, b in self.substances}
        return end in self.substance_ends

    def substance_within(self, lo: int, hi: int) -> bool:
        """Whether a substance lies in [lo, hi)."""
        k = bisect.bisect_left(self.substance_starts, lo)
        while k < len(self.substances) and self.substances[k][0] < hi:
            if self.substances[k][1] <= hi:
                return True
            k += 1
        return False

    def sells_within(self, lo: int, hi: int) -> Iterable[tuple[int, int]]:
        """The sale cues in [lo, hi)."""
        k = bisect.bisect_left(self.sell_starts, lo)
        while k < len(self.sells) and self.sells[k][0] < hi:
            if self.sells[k][1] <= hi:
                yield self.sells[k]
            k += 1


# The positions of the last matches list looked up: `_reported` is asked once per cue with the same list. A tuple
# replaced whole, so that threads never pair one list with another's positions.
_last_positions: tuple[object, _Positions | None] = (None, None)


def _positions(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> _Positions:
    """The `_Positions` of `matches` in ntext (lists are not changed once built, and one is found in one text)."""
    global _last_positions
    held, positions = _last_positions
    if held is not matches or positions is None:
        positions = _Positions(ntext, matches)
        _last_positions = (matches, positions)
    return positions


def _reported(ntext: str, start: int, end: int, matches: list[tuple[int, int, _TermInfo]]) -> bool:
    """Whether the cue at ntext[start:end] tells what an arrested person did: an arrest word (`_ARREST`) before it
    in the same sentence, within REPORT_REACH characters, not negated, with no sale word of the writer's before it
    and a drug named after it; or, as a headline tells it, an arrest word after it in the same clause
    (`_reported_before_arrest`)."""
    positions = _positions(ntext, matches)
    if not positions.has_arrest:
        return False
    if _reported_before_arrest(ntext, start, end, positions):
        return True
    m = None
    for m in _ARREST_FIRST.finditer(ntext, max(0, start - REPORT_REACH), start):
        pass
    if m is None or _SENTENCE_END.search(ntext, m.end(), start):
        return False
    if _arrest_negated(ntext, m):
        return False
    if positions.first_sell_end is not None and positions.first_sell_end <= m.start():
        return False
    # A seller tells of an arrest, then of their own sale: "Sa lưới bên kia rồi, giờ bên em bán ketamine" (the other
    # one got caught, now we sell), "my plug got arrested so now I'm selling percs".
    if (_VI_FIRST_PERSON if _VI_ARREST.fullmatch(m.group()) else _EN_FIRST_PERSON).search(ntext, m.end(), start):
        return False
    return bool(positions.substance_starts) and positions.substance_starts[-1] >= m.end()


def _arrest_negated(ntext: str, m: re.Match[str]) -> bool:
    """Whether the arrest word `m` is negated: a seller's boast or guarantee, no report."""
    return bool(_ARREST_NEGATED.search(ntext, max(0, m.start() - 24), m.start()) or _ARREST_NEGATED_AFTER.match(ntext, m.end()))


def _boasted_arrest(ntext: str, start: int, end: int) -> bool:
    """Whether the news cue at ntext[start:end] is an arrest word (`_ARREST`) that the writer boasts of escaping
    (`_ARREST_BOAST`, `_ARREST_NEGATED_AFTER`). News negates arrests too, in other words: "No arrests in the case",
    "still not arrested", "至今无人落网", "до сих пор не задержан"."""
    m = _ARREST.match(ntext, start)
    return (
        m is not None
        and m.end() == end
        and bool(_ARREST_BOAST.search(ntext, max(0, m.start() - 24), m.start()) or _ARREST_NEGATED_AFTER.match(ntext, m.end()))
        # news tells of the dealers' promises: "Thủ đoạn của kẻ bán ma túy qua mạng: bị bắt hoàn tiền" (their trick)
        and not (_VI_ARREST.fullmatch(m.group()) and _VI_QUOTING.search(ntext, max(0, m.start() - REPORT_REACH), m.start()))
    )


# The words with which Vietnamese news tells of dealers' promises before telling them: their ads, tricks, ploys, lures
# and promises (looked for before the arrest word only: "hàng chuẩn như quảng cáo", goods as advertised, is a seller's).
_VI_QUOTING = re.compile(
    r"(?<![^\W\d_])(?:quảng cáo|thủ đoạn|chiêu trò|chiêu thức|chiêu lừa|dụ khách|dụ dỗ|lời hứa)(?![^\W\d_])", re.IGNORECASE
)


# The words of a seller's boast before an arrest word: "never been arrested", "cant get arrested", "nunca me han
# detenido", "从未被捕", "不怕被抓", "十年没人落网", "十年老店零落网" (none caught; 零 and 无一人 right before the
# word: "警方零容忍 抓获" is zero tolerance), "客户无一人被捕" (not one customer arrested), "ни разу не задержали",
# not Vietnamese "chưa ai bị bắt" (nobody caught yet), "chưa từng bị bắt" (never) or "không sợ bị bắt": news says
# them in the same words ("Vì sao kẻ bán ma túy qua Telegram không bao giờ bị bắt?", "đến nay không ai bị bắt"), and
# a Vietnamese seller's boast is read only as a guarantee after the word ("bị bắt hoàn tiền"). A headline's
# "Dealer never arrested despite..." or "Nunca detenido: el hombre que..." has no auxiliary and stays news.
_ARREST_BOAST = re.compile(
    r"(?:(?:(?<![^\W\d_])(?:never[ \t]+(?:been|got|gotten|get|gets|getting|once|ever)|(?:cant|can[’']t|wont|won[’']t|"
    r"dont|don[’']t)[ \t]+(?:get|be)|(?:nunca|jamás|jamas|jamais)[ \t]+(?:me|nos|he|hemos|han|fui|fuimos|fomos|j[’']ai|"
    r"m[’']ont)|ни[ \t]+разу(?:[ \t]+не)?)(?![^\W\d_])|从未|從未|从没|從沒|从不|從不|不会|不會|不怕|没人|沒人)"
    r"[^\w\n]{0,3}(?:[^\W\d_]+[^\w\n]{1,3}){0,2}|零|无一人|無一人)$",
    re.IGNORECASE,
)


# What ends a clause: a headline tells the sale and the arrest in one ("텔레그램으로 필로폰 판매한 일당 검거"), a seller
# who mentions an arrest does it in a clause of its own ("selling bars, dm me, got arrested once lol"). Not a dot of
# an ellipsis ("selling meth on Telegram... arrested"), one between digits ("for $20.50 a gram arrested") nor one of a
# site's name ("Teen selling Xanax on Snapchat.com arrested", "on Amazon.co.uk").
_CLAUSE_MARKS = r"(?<=\d)\.(?![.\d])|[!?。！？,;:，；：、|–—]|\s-\s"
_CLAUSE_END = re.compile(
    r"(?<![.\d])(?<!\.co)(?<!\.com)\.(?!\.|(?:com|net|org|gov|edu|info|biz|io|co|app|shop|store|online|onion)(?![^\W\d_]))|/|"
    + _CLAUSE_MARKS,
    re.IGNORECASE,
)
_LIST_COMMAS = frozenset(",，、")
# In Vietnamese, Chinese, Japanese and Korean headlines a dot before a letter ("TP.HCM") and a slash between words
# ("500 nghìn đồng/gói", a rate; "冰毒/K粉", a list) end no clause. (In English posts they part a seller's menu or
# link from their story: "Selling 30s/blues $15 each ... my plug jailed".)
_HEADLINE_CLAUSE_END = re.compile(r"(?<![.\d])\.(?![.\w])|(?<=\s)/|/(?=\s)|" + _CLAUSE_MARKS)


# An arrest the writer could suffer, not one that happened: "dont worry about getting arrested", "cant get arrested",
# "不会被抓" (won't be caught), "검거될 일 없음" (no chance of being caught), "逮捕される心配なし". A headline's arrest
# follows the arrested: "Woman accused of selling meth on Facebook arrested".
_ARREST_UNREAL_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:get|gets|getting|got|gotten|be|being|(?<!has )(?<!have )(?<!had )been|worry about|worried about|afraid of|scared of|"
    r"fear of|risk of|chance of|risk|risking|without|avoid|cant|dont|wont|aint|never)|不|怕|会|會|担心|擔心)[^\w\n]{0,3}$",
    re.IGNORECASE,
)
_ARREST_UNREAL_AFTER = re.compile(r"[ \t]*(?:될|되는|당할|される|されず|されません)")


def _reported_before_arrest(ntext: str, start: int, end: int, positions: _Positions) -> bool:
    """Whether the cue at ntext[start:end] is what an arrested person did, told before the arrest as headlines in
    Korean, Japanese, Chinese and Vietnamese and many English ones put it ("텔레그램으로 필로폰 판매한 일당 검거",
    "通过微信出售大麻的团伙落网", "Đối tượng bán ma túy đá qua Zalo bị bắt", "Teen selling pills on Snapchat arrested"):
    an arrest word after the cue within REPORT_REACH characters and in the same clause, not negated (a Vietnamese
    headline's may be: `_vietnamese_subject`), and a drug named in that clause before the arrest word."""
    m = _ARREST_LAST.search(ntext, end, end + REPORT_REACH)
    if m is None:
        return False
    # (the word's script alone, not `_script_of`, which searches the whole text for kana)
    cjk = _HANGUL.search(m.group()) is not None or _CJK_LETTER.search(m.group()) is not None
    clause_end = _HEADLINE_CLAUSE_END if cjk or _VI_ARREST.fullmatch(m.group()) else _CLAUSE_END
    # A comma of a list of drugs parts no clause: "Người phụ nữ bán thuốc lắc, ketamine, ma túy đá qua Zalo bị bắt".
    if any(
        c.group() not in _LIST_COMMAS or not positions.lists_drugs(ntext, c.start())
        for c in clause_end.finditer(ntext, end, m.start())
    ):
        return False
    lo = max((c.end() for c in clause_end.finditer(ntext, max(0, start - REPORT_REACH), start)), default=0)
    # A Vietnamese headline names the arrested first: what it tells of them is theirs, whether or not they were
    # arrested ("Đối tượng bán cần sa qua Telegram vẫn chưa bị bắt", still not arrested), unless a seller's
    # guarantee follows the word ("bị bắt hoàn tiền").
    # (The clause must begin within reach: a text without clause ends has none to open with the arrested.)
    vietnamese = (lo > 0 or start <= REPORT_REACH) and _vietnamese_subject(ntext, lo, start, m, positions)
    if _ARREST_NEGATED_AFTER.match(ntext, m.end()) or (
        _ARREST_NEGATED.search(ntext, max(0, m.start() - 24), m.start())
        and (not vietnamese or _VI_FEARLESS.search(ntext, max(0, m.start() - 16), m.start()))
    ):
        return False
    if _ARREST_UNREAL_BEFORE.search(ntext, max(0, m.start() - 24), m.start()) or _ARREST_UNREAL_AFTER.match(ntext, m.end()):
        return False
    # A seller goes on after the arrest with their own cues ("...since my plug was arrested hmu", "老板刚落网 现货清仓");
    # a headline ends there.
    if positions.last_writer_start is not None and positions.last_writer_start >= m.end() and not (
        vietnamese and _VI_WHILE.search(ntext, m.end(), min(positions.last_writer_start, m.end() + 12))
    ):
        return False
    # Korean, Japanese and Chinese sellers run their words together with spaces and mention an arrest in one of them
    # ("十年没人落网", "검거 0건"); a headline tells the sale in a relative clause (`_RELATIVE`).
    script = _script_of(ntext, m.group()) if cjk else None
    if script is not None and not _relative_clause(script, ntext, start, end, m.start(), positions):
        return False
    # In other scripts only English and Vietnamese headlines are read so: dealers in Spanish, Portuguese, French and
    # German end their posts with the risk they spare the buyer in words no list holds ("sem medo de ser detido",
    # "sans risque d'être interpellé", "ohne Risiko festgenommen zu werden"), and their headlines tell the arrest
    # first ("Detenido un hombre que vendía...", read by the rule above); a Vietnamese headline opens with the
    # arrested (`_vietnamese_subject`).
    if script is None and not vietnamese and not (
        _EN_ARREST.fullmatch(m.group())
        # a seller's own story: "Selling oxy perc 30s my last plug arrested", "... t.me/x cops arrested him"
        and not _EN_FIRST_PERSON.search(ntext, lo, m.start())
        and not _CONTACT_DETAIL.search(ntext, lo, m.start())
    ):
        return False
    return positions.substance_within(lo, m.start())


_WRITERS_CUES = frozenset({*REPORTABLE_CUES, "promo"})
# A Vietnamese headline opens its clause with the arrested, a noun of a third person, before the sale: "Đối tượng bán
# ma túy đá qua Zalo bị bắt" (suspect selling meth via Zalo arrested), "Nam thanh niên 9X chuyên bán cỏ bị khởi tố",
# "[Video] Đối tượng Nguyễn Văn H. (SN 1995) bán ma túy... bị bắt"; six words at most between the noun and the sale,
# none a first person's ("Nhóm mình bán ketamine..., bạn em bị bắt": our group, my friend). A dealer opens with the
# sale or with themselves ("Bán ma túy đá ship toàn quốc, bạn em bị bắt nên xả hàng").
_VI_ARREST = re.compile(_VI_ARREST_WORDS + r"|sa lưới", re.IGNORECASE)
_VI_SUBJECT = re.compile(
    r"[^\w\[]*(?:\[[^\]]{0,20}\][ \t]*)?(?:(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|một|các|nhiều|những|\d+)[ \t]+)?"
    r"(?:cựu[ \t]+)?(?:đối tượng|nghi phạm|bị can|bị cáo|kẻ|gã|ả|trùm|nữ quái|nam thanh niên|thanh niên|thiếu niên|"
    r"thiếu nữ|hot[ \t]?girl|nam sinh|nữ sinh|du học sinh|sinh viên|học sinh|cô gái|chàng trai|người đàn ông|"
    r"người phụ nữ|phụ nữ|đàn ông|bà mẹ|người mẹ|shipper|người|vợ chồng|"
    r"cặp vợ chồng|nhóm|băng nhóm|ổ nhóm|đường dây|tài xế|chủ quán|anh[ \t]+em[ \t]+ruột|"
    r"(?:hai|ba|bốn|\d+)[ \t]+anh[ \t]+em|[6-9]x|2k)(?![^\W\d_])(?:[ \t]+[^\s,;:!?]+){0,6}?[ \t]*",
    re.IGNORECASE,
)
# "Not afraid, no worry of arrest" is a seller's boast even after a noun that could open a headline ("Nhóm bán cần sa
# ... không sợ bị bắt").
_VI_FEARLESS = re.compile(r"(?<![^\W\d_])(?:không|chẳng|chả|đừng|khỏi)[ \t]+(?:sợ|lo|ngại)(?![^\W\d_])[ \t]*$", re.IGNORECASE)
# A Vietnamese headline goes on with when the arrest happened, right after the word: "... bị bắt khi đang giao hàng"
# (while delivering).
_VI_WHILE = re.compile(r"(?<![^\W\d_])(?:khi|lúc|trong khi|trong lúc)(?![^\W\d_])", re.IGNORECASE)
_CONTACT_DETAIL = re.compile(
    r"(?<![\d$€£¥₫.,])(?:\d{8,}|\d{2,4}(?:[ -]\d{3,4}){2}|\d{3,4}\.\d{3}\.\d{3,4})(?![\d.,]|[ \t]?(?:đ|vnd|usd|\$|€))"
    r"|@[^\W_]|(?:t|wa|wickr)\.me/|telegram\.me/"
)
# A first person in English: headlines tell of others.
_EN_FIRST_PERSON = re.compile(r"(?<![^\W\d_])(?:i|i[’']m|im|my|me)(?![^\W\d_])")  # not "us" ("US man..."), "our" ("our county")
_VI_FIRST_PERSON = re.compile(
    r"(?<![^\W\d_])(?:mình|(?<!anh )em(?![ \t]+(?:trai|gái|họ|ruột|rể|dâu|út))|tôi|tao|tớ|chúng tôi|bọn tôi|chúng mình|bọn mình|tụi mình|chúng em|bọn em|tụi em)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)


def _vietnamese_subject(ntext: str, lo: int, start: int, m: re.Match[str], positions: _Positions) -> bool:
    """Whether the Vietnamese arrest word `m` closes a headline whose clause, from `lo`, opens with the arrested
    (`_VI_SUBJECT`) right before its first sale cue, at or before the cue at `start`, and holds no first person
    before the arrest word."""
    if not _VI_ARREST.fullmatch(m.group()):
        return False
    sale = next(iter(positions.sells_within(lo, m.start())), None)
    if sale is None or sale[0] > start or _VI_SUBJECT.fullmatch(ntext, lo, sale[0]) is None:
        return False
    # The clause is short now (six words, then the sale within reach of the arrest word): the searches below are
    # bounded. A headline prints no phone number or handle ("Thanh niên bán cần sa ... zalo 0909123456 bị bắt").
    return not (_VI_FIRST_PERSON.search(ntext, lo, m.start()) or _CONTACT_DETAIL.search(ntext, lo, m.start()))


_EN_ARREST = re.compile(r"arrest(?:s|ed|ing)?|detain(?:s|ed)?|charged with|indicted|sentenced|convicted|jailed|nabbed", re.IGNORECASE)
# What ties a sale told before an arrest word to the arrested, in a headline: a Korean attributive ending right after
# the sale word ("판매한 일당 검거", "판매하던 20대 체포"; not any adjective: "확실한 물건"), Japanese した, 疑い or 容疑
# ("販売した疑いで男を逮捕"), Chinese 的 or 被 a few characters before the arrest word, in the same word
# ("出售大麻的团伙落网", "男子被刑拘"; not "质量好的 被抓过一次").
_KO_RELATIVE = re.compile(r"(?:한|하던|해[ \t]?온|하다)(?:[ \t]|$)")
_JA_RELATIVE = re.compile(r"した|していた|疑い|容疑")
_ZH_RELATIVE = re.compile(r"(?:的[^\s，。,、！？!?]{0,8}|被[^\s，。,、！？!?]{0,6})$")


def _relative_clause(script: str, ntext: str, start: int, end: int, arrest: int, positions: _Positions) -> bool:
    """Whether the cue at ntext[start:end] and the arrest word at `arrest` are tied by a relative clause in
    `script` ("ko", "ja", "zh": see `_KO_RELATIVE`)."""
    if script == "ko":
        return any(_KO_RELATIVE.match(ntext, b) for _, b in positions.sells_within(start, arrest))
    return (_JA_RELATIVE if script == "ja" else _ZH_RELATIVE).search(ntext, end, arrest) is not None


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")


def _script_of(ntext: str, word: str) -> str | None:
    """The language of an arrest word in ntext: "ko" in Hangul; in Han characters "ja" where the text holds kana
    (逮捕 is Chinese and Japanese) or for 検挙, else "zh"; None in other scripts."""
    if _HANGUL.search(word):
        return "ko"
    if not _CJK_LETTER.search(word):
        return None
    return "ja" if word == "検挙" or _KANA.search(ntext) else "zh"


def _negated(ntext: str, start: int, end: int, name: str = "") -> bool:
    """Whether the sale or contact cue (of kind `name`) at ntext[start:end] is negated ("not selling", "不出售",
    "販売していません", "لا نبيع")."""
    return bool(
        _NEGATED.search(ntext, max(0, start - NEGATION_REACH), start)
        or (name == "sell" and _AR_NEGATED.search(ntext, max(0, start - 6), start))
        or (_NEGATED_BEFORE.search(ntext, max(0, start - 6), start) and not _RESTRICTED_SALE.match(ntext, end))
        or _NEGATED_AFTER.match(ntext, end)
    )


# A sale the writer calls illegal is someone else's, told by a report or a history: "accused of illegally selling THC
# gummies", "ลูกชายที่ลักลอบขายฝิ่น" (the son who secretly sold opium), "非法出售", "불법으로 판매". A seller names
# the goods and the way to reach him, not the law he breaks. The adverb stands right before the sale word (English
# also "illegally" + "be" forms are not needed: "was illegally selling").
_ILLICIT_BEFORE = re.compile(
    # not the writer's own boast ("we're illegally selling premium cali weed lol, dm on telegram")
    r"(?:(?<!\bi[’']m )(?<!\bim )(?<!\bi am )(?<!\bwe[’']re )(?<!\bwe are )"
    r"\b(?:illegally|illicitly|unlawfully)[ \t]+|ลักลอบ[ \t]*|非法[ \t]*|違法に[ \t]*|불법(?:으로|적으로)?[ \t]*)$",
    re.IGNORECASE,
)
ILLICIT_REACH = 26


def _illicit_sale(ntext: str, start: int) -> bool:
    """Whether the sale cue starting at ntext[start] follows an adverb of illegality (`_ILLICIT_BEFORE`)."""
    return _ILLICIT_BEFORE.search(ntext, max(0, start - ILLICIT_REACH), start) is not None


_PLUG_WORDS = frozenset({"plug", "the plug"})
_ASKED = re.compile(r"[ \t]*[?？]")
# The possessive of a customer or a third person right before "plug": "my plug", "his plug", "their old plug",
# within SOMEONES_REACH characters.
SOMEONES_REACH = 16
_SOMEONES = re.compile(r"\b(?:my|his|her|their|mi)(?: (?:old|new|usual|regular|last))? $", re.IGNORECASE)


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


# What may stand before a seller's 出: anything but a letter (the text's start, a space, a mark, a bracket, an emoji,
# "#"), except quote marks ("网上“出K粉”的帖子" quotes one); or the sellers' words (长期出, "always selling"; 大量出,
# in bulk; 低价出, cheap; 本人出 and 我出, "I sell"; 天天出, daily; 诚信出, honestly; 专业出; 现货出, in stock).
_QUOTES = frozenset("\"'“”‘’「」『』《》〈〉«»")
# Double quotation marks, opening and closing (a straight quote is both), and how far a quotation reaches.
_OPEN_QUOTES = "\"“«„「『"
_CLOSE_QUOTES = "\"”»“」』"
QUOTE_REACH = 80


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] (the text as written: normalization makes lines one) stands inside double quotation
    marks on one line: an opening mark before it within QUOTE_REACH characters with no closing mark between (an odd
    count of straight ones), and a closing mark after it within that reach."""
    before = text[max(0, start - QUOTE_REACH):start]
    before = before[before.rfind("\n") + 1:]
    after = text[end:end + QUOTE_REACH]
    after = after[:after.find("\n")] if "\n" in after else after
    if before.count('"') % 2 == 1 and '"' in after:
        return True  # straight quotes pair up: an odd count before the cue opens one
    op = max(before.rfind(q) for q in _OPEN_QUOTES if q != '"')
    if op < 0 or any(q in before[op + 1:] for q in _CLOSE_QUOTES if q not in _OPEN_QUOTES):
        return False
    return any(q in after for q in _CLOSE_QUOTES if q != '"')
_CHU_ADVERBS = (
    "长期", "長期", "常年", "大量", "低价", "低價", "本人", "天天", "我", "诚信", "誠信", "专业", "專業", "现货", "現貨",
)
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]")


def _chu_sells(ntext: str, start: int, end: int, cue_starts: Collection[int]) -> bool:
    """Whether the drug name at ntext[start:end] follows a seller's 出 (see the rule in `extract`): 出 opens the
    phrase, and the name ends the word or a cue follows it."""
    if start < 1 or ntext[start - 1] != "出":
        return False
    before = ntext[start - 2] if start >= 2 else ""
    if (before.isalpha() or before in _QUOTES) and not ntext.endswith(_CHU_ADVERBS, 0, start - 1):
        return False
    return end >= len(ntext) or not _CJK_LETTER.match(ntext, end) or end in cue_starts


# Short codes of drugs that are also the abbreviations of other trades, with the words that show the other sense in
# the same text: a fraud listing's "Fullz USA with SSN DOB" (date of birth, not 4-bromo-DMA) and a crypto desk's
# "Escrow Service for P2P trades" (peer to peer, not phenylacetone) were offers at 0.83 and 0.98 (session 23). Payment
# words dealers use too (BTC, escrow) are not among them.
_CODE_SENSES = {
    "dob": frozenset({"ssn", "fullz", "fullzz", "mmn", "cvv", "dl", "birth", "dox", "ein", "itin", "name", "names"}),
    "p2p": frozenset({
        "trades", "trading", "exchange", "lending", "loan", "loans", "network", "torrent", "sharing", "arbitrage",
        "merchant", "merchants", "binance", "platform",
    }),
}
CODE_SENSE_REACH = 3  # words on either side of the code


def _other_trades_code(ntext: str, start: int, end: int) -> bool:
    """Whether a word of the code's other trade (`_CODE_SENSES`) stands within CODE_SENSE_REACH words of it ("SSN
    DOB", "P2P trades"): the sense is the neighbours', not a word anywhere in the text ("we ship to any address" is
    no fraud listing's, "trusted trader" no crypto desk's; a session-23 review found both)."""
    senses = _CODE_SENSES[ntext[start:end]]
    before = _WORD.findall(ntext, max(0, start - 48), start)[-CODE_SENSE_REACH:]
    after = _WORD.findall(ntext, end, end + 48)[:CODE_SENSE_REACH]
    return not senses.isdisjoint(before + after)
_SITE_INDICATORS = frozenset({"url", "domain", "onion"})
# A link's path: ASCII letters, digits and the marks of URLs, after a "/" (Chinese text runs on with no space).
_PATH = re.compile(r"/[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def _path_end(text: str, end: int) -> int:
    """The end of the path that may follow a domain at text[:end] ("shop.com/item/3g"), or `end`."""
    m = _PATH.match(text, end)
    return m.end() if m else end


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


def _everyday_phrase(info: _TermInfo) -> bool:
    """A context-only slang phrase made only of everyday words ("china white", "peanut butter"), not an ordinary
    word or strain name (those are `ordinary`)."""
    return info.kind == "substance" and info.context_only and info.everyday and not info.ordinary


# What may follow a listed item: the end, a separator or a conjunction ("mota y perico", "Gras, Haze und Koks").
_MENU_NEXT = re.compile(
    r"[ \t]*(?:$|[,;:.!|/&+•·\-–—]|(?:and|y|e|et|und|en|i|ve|dan|và|и|і|a|o|or|oder|ou|ó|oraz|och|og)(?![^\W\d_]))"
)
# What may stand between two items of such a list: separators, one conjunction and articles ("mota y perico", "de la
# coke et de la MD", "Gras, Haze und Koks").
_MENU_GAP = re.compile(
    r"[\s,;/&+|•·]*(?:(?:and|y|e|et|und|en|i|ve|dan|và|и|і|a|o|or|oder|ou|ó|oraz|och|og)\s+)?"
    r"(?:(?:de|la|le|les|du|des|el|los|las|the|some|der|die|das|un|una|une|del|della|dello|lo|il)\s+)*"
)
_MENU_CUES = frozenset({"sell", "shipping", "contact", "payment"})


def _slang_menu(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> bool:
    """Whether the item lists goods by their ordinary-word street names: two such words next to each other in a
    list, naming two drugs, each ending a list item, with two kinds of sale cue and no buyer's or lawful speech's
    words ("Tengo mota y perico, entregas en CDMX, mándame DM", "Verkaufe Gras und Koks, Lieferung, Telegram").
    One such word with sale words is the ordinary thing ("Snow boots for sale, DM me"), and so is a word that goes
    on into another ("snow boots and ice skates") or one listed among other goods ("ice, snow shovels, salt"). Street
    names are single words here: phrases of everyday words are foods and things ("ice cream, snow cones, candy")."""
    listed = sorted(
        (a, b, i.name) for a, b, i in matches
        if i.kind == "substance" and i.ordinary and " " not in ntext[a:b] and _MENU_NEXT.match(ntext, b)
    )
    if not any(
        n1 != n2 and a2 >= b1 and _MENU_GAP.fullmatch(ntext, b1, a2) for (_, b1, n1), (a2, _, n2) in pairwise(listed)
    ):
        return False
    # A cue that is one of the listed words is no second word ("mint and crypto, $20 each": "crypto" is also a
    # payment cue).
    return _seller_cues(ntext, matches, [(a, b) for a, b, _ in listed])


# Words that may stand between a trade word and the street name it trades: articles, "some", a buyer's or seller's
# amount ("busco 2 gramos de perico", "how much for a g of coke", "selling that good molly").
_OBJECT_FILLERS = frozenset({
    "some", "any", "the", "that", "dat", "da", "ur", "your", "a", "an", "of", "good", "fire", "pure", "real", "to",
    "those", "them", "dem", "these",
    "get", "buy", "cop", "find", "grab",
    "de", "la", "le", "les", "du", "des", "el", "los", "las", "un", "una", "une", "del", "unos", "algo", "um", "uma",
    "do", "der", "die", "das", "den", "etwas", "il", "lo", "di", "della",
    "g", "gr", "gram", "grams", "gramo", "gramos", "grama", "gramas", "gramm", "gramme", "grammes", "oz", "zip", "zips",
    "eighth", "8th", "ball", "half", "quarter", "q", "qp",
})
# What may follow a street name that ends the noun phrase it names: the end, a separator, a conjunction, a number,
# or a preposition or time word ("molly in Chicago", "coke tonight", "perico en Medellín"). Anything else makes it
# a word of another noun ("snow tires", "ice cream", "coke zero").
_OBJECT_END = re.compile(
    r"[ \t]*(?:$|[,;:.!?|/&+•·–—()\d$€£★☆✶✦*]|-(?!\w)|(?:and|y|e|et|und|i|ve|dan|и|і|o|or|oder|ou|in|en|at|near|around|for|"
    r"to|from|tonight|today|now|asap|rn|pls|please|plz|para|por|hoy|ya|aqui|aquí|für|heute|in|à|a|pour|ce|em|pra|"
    r"hoje|в|на|сегодня|na|w|dziś|dzisiaj|per|oggi|vandaag|voor|bugün)(?![^\W\d_]))"
)
# The cues that tell how a deal is done, beside the trade word: one of them, or a dealer's weight.
_DEAL_CUES = frozenset({"contact", "payment", "shipping"})


def _traded_street_name(
    text: str,
    norm: Normalized,
    matches: list[tuple[int, int, _TermInfo]],
    prices: list[Price],
    names: Collection[str],
    chat_answered: bool = False,
) -> str:
    """Whether an ordinary-word street name is the object of a sale or buying word and the item says how the deal is
    done. The name must follow the trade word ("selling coke", "busco 2 gramos de perico", "where can i get some
    molly"), with only articles and an amount between (`_OBJECT_FILLERS`), or open a clause right before a sale word
    ("Coke for sale"); it must end its noun phrase (`_OBJECT_END`: not "snow tires", "ice cream"), be a street name
    whose drug sense is what is traded (`names`: those of priced_names.tsv, "coke", "molly", "perico", "Koks"; the
    other ordinary words are classifieds' goods: "Turkey for sale", "Selling eggs", "Vendo caballo" were offers in a
    review of this rule), no good shops trade every day (`_TRADED_GOODS`) and no person's name written as one
    ("looking for Tina from high school"). A seller must say how to reach, pay or get it (a contact, payment or
    shipping cue) or weigh a dealer's amount (0.1 g to an ounce), and so must a buyer ("pago por nequi", "manda no
    privado", "can meet at the usual spot"). No words of lawful speech (`COUNTER_CUES`). Returns "sought" when a
    buying word trades the name (the item asks for the drug) and the item neither prices nor sells anything (a
    dealer's question, "Looking for coke? Pure peruvian £80 a g, tele", answers it), "sold" when a sale word
    trades it or the item answers, "" otherwise."""
    ntext = norm.text
    sold: list[tuple[int, int]] = []
    sought: list[tuple[int, int]] = []
    deal = _retail_only(prices)
    for a, b, i in _standing_cues(ntext, matches, in_tags=True):
        if i.name in COUNTER_CUES:
            return ""
        if i.name == "sell":
            sold.append((a, b))
        elif i.name == "solicit":
            sought.append((a, b))
        elif i.name in _DEAL_CUES:
            deal = True
    if not deal or not (sold or sought) or _PACKAGED.search(ntext):
        return ""
    trade = sorted(sold + sought)
    # the cues that can overlap a name start at most the longest cue's length before it (looked up by
    # bisection: testing every cue for every name was quadratic on a long chat of buyers' cues)
    trade_starts = [t for t, _ in trade]
    trade_reach = max(u - t for t, u in trade)
    answered = bool(sold) or chat_answered or any(p.amount is not None for p in prices)
    cue_ends = {b: "sold" for _, b in sold} | {b: "sold" if answered else "sought" for _, b in sought}
    sale_starts = {a for a, _ in sold}
    for a, b, i in matches:
        if i.kind != "substance" or not i.ordinary or ntext[a:b] not in names or ntext[a:b] in _TRADED_GOODS:
            continue
        person = _named_person(text, norm, a, b)  # a given name is the drug only right after a sale word
        lo, hi = bisect.bisect_left(trade_starts, a - trade_reach), bisect.bisect_left(trade_starts, b)
        if any(a < u for _, u in trade[lo:hi]):
            continue  # the street name is a word of the cue itself
        # before a sale word, opening a clause ("Coke for sale, text 555-...", "#cokeforsale")
        gap = _SALE_AFTER_GAP.match(ntext, b)
        if not person and gap is not None and gap.end() in sale_starts and _offered_here(ntext, a, set(), frozenset()):
            return "sold"
        if not _OBJECT_END.match(ntext, b):
            continue
        # after the trade word: walk back over the fillers
        k = a
        for _ in range(4):
            if k in cue_ends or (k - 1 in cue_ends and ntext[k - 1] == " "):
                traded = cue_ends.get(k) or cue_ends[k - 1]
                if person and (traded == "sought" or k != a):
                    break  # "looking for Tina from high school"; "Selling Tina, 1g $120" is the seller's drug
                return traded
            word = _LAST_WORD_OR_NUMBER.search(ntext, max(0, k - 24), k)
            # A plug is a plug for the goods: the buyer's "looking for a plug for blues, dm me", the seller's
            # "the plug for blues" (session 24 probe: the buyer's was none).
            plug_for = (
                word is not None and word.group(1) == "for"
                and (cue := ntext[: word.start(1)].rstrip()).endswith("plug")
                and any(u == len(cue) for _, u in trade)
            )
            if word is None or (
                word.group(1) not in _OBJECT_FILLERS
                and not word.group(1).replace(".", "").isdigit()
                and not plug_for
            ):
                break
            k = word.start(1)
    return ""


# A speaker's turn of a chat: a line that opens with a one-word label and a colon ("A: ...", "Mike: ...").
# Words that label a forum's replies or a page's fields are no speakers.
_TURN = re.compile(r"^[ \t]*([^\W\d_][^\W_]{0,14})[ \t]*:(?=[ \t]|$)", re.MULTILINE)
_NOT_SPEAKERS = frozenset({
    "reply", "replies", "respuesta", "antwort", "ответ", "resposta", "réponse", "comment", "op",
    "edit", "update", "note", "ps", "contact", "payment", "price", "prices", "shipping", "terms", "menu",
    "email", "tel", "phone",
})
# Speakers' labels of lawful settings: an interview's "Q:", a court's, a pharmacy's or a shop's roles. A chat
# with one of them is no dealer's ("Patient: can I get my oxycodone refill today? / Pharmacy: yes, $15 copay,
# pickup after 3pm, we also deliver" was an offer at 0.58).
_LAWFUL_SPEAKERS = frozenset({
    "q", "interviewer", "reporter", "journalist", "host", "court", "judge", "prosecutor", "defendant",
    "witness", "attorney", "counsel", "officer", "detective", "pharmacy", "pharmacist", "patient", "doctor",
    "dr", "nurse", "vet", "customer", "agent", "support", "teacher", "student",
})
# What only a seller's turn holds: a price in money, a weight or count on offer, a sale, commerce or payment
# word; and the words that say how a deal is done.
_SELLER_TURN_CUES = frozenset({"sell", "promo", "payment"})
_DEAL_TURN_CUES = frozenset({"sell", "payment", "shipping", "contact"})


def _answered_chat(
    text: str, norm: Normalized, matches: list[tuple[int, int, _TermInfo]], prices: list[Price]
) -> list[tuple[int, int]]:
    """The turns (spans of the text as written) of the speakers who ask, in a chat where one speaker asks
    (a question or a buyer's words) and another answers as a seller (a price, an amount, a sale or payment
    word, and a sale, payment, shipping or contact word in his turns, and no question or buyer's word):
    "A: yo u still got blues? / B: yeah $25 each, cashapp". A chat is three or more labelled lines, two
    thirds of the text's lines at least, of two or more speakers, one of whom speaks twice; one that tells
    of police, use or recovery is none.
    Empty otherwise."""
    if ":" not in text:
        return []
    heads = [(m.start(), m.group(1).lower()) for m in _TURN.finditer(text)]
    heads = [(a, w) for a, w in heads if w not in _NOT_SPEAKERS]
    lines = [ln for ln in text.splitlines() if ln.strip()]
    labels = [w for _, w in heads]
    if (
        _LAWFUL_SPEAKERS.intersection(labels)
        or len(heads) < 3 or 3 * len(heads) < 2 * len(lines) or len(set(labels)) < 2
        or max(Counter(labels).values()) < 2
    ):
        return []
    turns = [(a, heads[k + 1][0] if k + 1 < len(heads) else len(text), w) for k, (a, w) in enumerate(heads)]
    turn_starts = [a for a, _, _ in turns]

    def speaker(pos: int) -> str | None:
        k = bisect.bisect_right(turn_starts, pos) - 1
        return turns[k][2] if k >= 0 else None

    askers: set[str] = set()
    goods: set[str] = set()  # speakers who price, weigh or sell something
    deals: set[str] = set()  # speakers who say how to get it: a sale, payment, shipping or contact word
    for a, b, w in turns:
        if "?" in text[a:b] or "？" in text[a:b]:
            askers.add(w)
    for a, b, i in matches:
        if i.kind != "intent":
            continue
        oa, _ = norm.to_original(a, b)
        w = speaker(oa)
        if w is None:
            continue
        if i.name in COUNTER_CUES and not _inside_word(norm.text, a, b):
            return []  # talk of police, recovery or use ("Jake got arrested for selling percs")
        if i.name == "solicit":
            askers.add(w)
            continue
        if (i.name in NEGATABLE_CUES and _negated(norm.text, a, b)) or (
            i.name in REPORTABLE_CUES and _reported(norm.text, a, b, matches)
        ):
            continue  # "no vendo"; "arrested for selling percs"
        if i.name in _SELLER_TURN_CUES:
            goods.add(w)
        if i.name in _DEAL_TURN_CUES:
            deals.add(w)
    for p in prices:
        if p.amount is not None or p.unit is not None:
            w = speaker(p.start)
            if w is not None:
                goods.add(w)
    # A price told in a reply is no sale ("B: yes, $12 with insurance"): a seller says how the deal is done.
    if not askers or not (goods & deals) - askers:
        return []
    return [(a, b) for a, b, w in turns if w in askers]


def _turns_outside(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of the text outside `spans` (sorted, disjoint)."""
    out: list[tuple[int, int]] = []
    at = 0
    for a, b in spans:
        if a > at:
            out.append((at, a))
        at = max(at, b)
    if at < len(text):
        out.append((at, len(text)))
    return out


# Between a dealer's weight and the street name it weighs: at most two words, no mark ("4g colombian coke",
# "1g of pure molly"); after the name, a colon, a dash or nothing ("coke: 3.5g", "molly 2g").
_WEIGHT_BEFORE_NAME = re.compile(r"[ \t]*(?:[^\W\d_]+[ \t]+){0,2}$")
_WEIGHT_AFTER_NAME = re.compile(r"[ \t]*[:\-–—]?[ \t]*")
# A buyer's verb in the words right before the weight: the buyer names the amount he wants ("need 4g coke
# tonight, dm me", "busco 2g de perico, pago en efectivo").
_BUYERS_WEIGHT = re.compile(
    r"(?<![^\W\d_])(?:need|needs|needing|want|wants|wanna|tryna|trying to|looking for|lf|lookin for|anyone|"
    r"any1|who|where|buying|wtb|iso|lemme|let me get|can i get|could i get|if u got|if you got|u got|you got|"
    r"busco|necesito|quiero|suche|brauche|ищу|нужно|нужен|cerco|szukam|procuro|preciso|cherche)"
    r"(?![^\W\d_])"
    r"[^.!?\n]*$",
    re.IGNORECASE,
)


def _weighed_street_name(
    text: str, norm: Normalized, matches: list[tuple[int, int, _TermInfo]], prices: list[Price],
    names: dict[str, tuple[frozenset[str], frozenset[str], float]],
) -> bool:
    """Whether a street name of `names` sold by the gram ("coke", "molly", "perico") is weighed at a dealer's
    amount (0.1 g to an ounce) right before it, up to two words between ("4g colombian coke", "1g of pure molly"),
    or right after it where the weight ends the noun phrase ("molly 2g", not "Tina 3g earrings"), and the writer
    says how to reach, pay or get it (a contact, payment or shipping cue), with no words of lawful speech nor a
    buyer's. The name must end its noun phrase (`_OBJECT_END`: not "3.5g snow globe"), be no good shops trade
    (`_TRADED_GOODS`), no person's name and no soft drink (`_PACKAGED`)."""
    weights = [
        p for p in prices
        if p.unit in _GRAMS and p.count is not None and 0.1 <= p.count * _GRAMS[p.unit] <= _RETAIL_GRAMS
    ]
    if not weights:
        return False
    ntext = norm.text
    deal = False
    for _, _, i in _standing_cues(ntext, matches, in_tags=True):
        if i.name in COUNTER_CUES or i.name == "solicit":
            return False
        deal = deal or i.name in _DEAL_CUES
    if not deal or _PACKAGED.search(ntext):
        return False
    # Only the weight right before a name and the one right after it can weigh it (nothing but words or a mark
    # between): looking each up keeps a long page of names and weights linear.
    weights.sort(key=lambda p: p.start)
    weight_ends = sorted((p.end, k) for k, p in enumerate(weights))
    weight_starts = [p.start for p in weights]
    for a, b, i in matches:
        if i.kind != "substance" or not i.ordinary:
            continue
        name = ntext[a:b]
        entry = names.get(name)
        if entry is None or "gram" not in entry[0] or name in _TRADED_GOODS:
            continue
        if not _OBJECT_END.match(ntext, b) or _named_person(text, norm, a, b):
            continue
        oa, ob = norm.to_original(a, b)
        before = bisect.bisect_right(weight_ends, (oa, len(weights))) - 1
        after = bisect.bisect_left(weight_starts, ob)
        near = [weights[weight_ends[before][1]]] if before >= 0 else []
        near += [weights[after]] if after < len(weights) else []
        for p in near:
            if (
                (p.end <= oa and _WEIGHT_BEFORE_NAME.fullmatch(text, p.end, oa))
                or (
                    p.start >= ob and _WEIGHT_AFTER_NAME.fullmatch(text, ob, p.start)
                    # not "Tina 3g earrings": the weight's own noun
                    and _OBJECT_END.match(text, p.end) is not None
                )
            ) and not _BUYERS_WEIGHT.search(text, max(0, min(p.start, oa) - 40), min(p.start, oa)):
                return True
    return False


# Street names that are also given names: written as a name they are a person (German capitalizes every noun, so
# only these are read by their capital).
_GIVEN_NAMES = frozenset({"molly", "tina"})  # of priced_names.tsv


# Words of drinks and their packs: the soft drink is traded ("Selling Coke, 24 pack for $10, pickup only", "coke,
# pepsi and sprite cans, $1 each").
_PACKAGED = re.compile(
    r"(?<![^\W\d_])(?:\d+\s*-?\s*pack|packs|cans|soda|sodas|pepsi|sprite|fanta|diet|zero|drinks?|refrescos?|latas?|"
    r"dosen|mixers?)(?![^\W\d_])"
)


def _named_person(text: str, norm: Normalized, start: int, end: int) -> bool:
    """Whether the street name at ntext[start:end] is a given name written as one, capitalized inside a sentence
    ("looking for Tina from high school", "Selling tickets for Molly Tuttle"); a dealer writes the drug in lower
    case or in capitals."""
    if norm.text[start:end] not in _GIVEN_NAMES:
        return False
    a, b = norm.to_original(start, end)
    word = text[a:b]
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    before = text[max(0, a - 3):a]
    if "\n" in before or not before.strip():
        return False  # the start of the text or of a line
    return before.rstrip()[-1] not in ".!?:;#\"“(-–—•*>"


_LAST_WORD_OR_NUMBER = re.compile(r"[ \t:]*([^\W_]+(?:[.,]\d+)?)[ \t:]*$")
_SALE_AFTER_GAP = re.compile(r"[ \t]*[:\-–—]?[ \t]*")


def _standing_cues(
    ntext: str, matches: list[tuple[int, int, _TermInfo]], in_tags: bool = False
) -> Iterator[tuple[int, int, _TermInfo]]:
    """The intent cues of the item that stand as the writer's words: whole words (or, with `in_tags`, run together in
    a hashtag or a link path: "#cokeforsale"), not negated ("don't dm me") and not told of an arrested person."""
    for a, b, i in matches:
        if i.kind != "intent" or (_inside_word(ntext, a, b) and not (in_tags and inside_tag(ntext, a))):
            continue
        if i.name in NEGATABLE_CUES and _negated(ntext, a, b, i.name):
            continue
        if i.name in REPORTABLE_CUES and _reported(ntext, a, b, matches):
            continue
        yield a, b, i


def _seller_cues(
    ntext: str,
    matches: list[tuple[int, int, _TermInfo]],
    skip: list[tuple[int, int]] | tuple[()] = (),
    need: int = 2,
    reach: bool = False,
    kinds: frozenset[str] = frozenset(),
) -> bool:
    """Whether the item holds `need` kinds of a seller's cue (sale, shipping, contact, payment) and no buyer's or
    lawful speech's words; cues overlapping a `skip` span, negated ones ("don't dm me") and reported ones do not
    count. With `reach`, a messenger handle or a payment tag found in the item is a contact cue; with `kinds`, only
    those kinds of cue count toward `need`."""
    cues = {i.name for a, b, i in _standing_cues(ntext, matches) if not any(a < y and x < b for x, y in skip)}
    if reach:
        cues.add("contact")
    return len(cues & (kinds or _MENU_CUES)) >= need and not cues & {*COUNTER_CUES, "solicit"}


_REACH_INDICATORS = CONTACT_INDICATORS | PAYTAG_INDICATORS
_REACH_CUES = frozenset({"contact", "payment"})


# Street names whose everyday sense shops sell by the gram, some at a drug's price: caviar, tea, incense, pearls,
# truffles, gold and diamonds, and the powders, sweets and flowers of spice, candy and florist shops (salt, sugar,
# candy, powder, dust, flakes, flowers). Read by the rule "priced like a street drug" (session 17).
_GRAM_GOODS = frozenset({
    "caviar", "tea", "teas", "incense", "pearl", "pearls", "truffle", "truffles", "salt", "sugar", "candy", "flower",
    "flowers", "powder", "dust", "diamond", "diamonds", "flakes", "gold",
})
# The street names of priced_names.tsv whose everyday sense shops sell by the bag or the piece and deliver: "Ice for
# sale, delivery available", "bars" of soap or chocolate, "beans", "trees" are no drug deals by a trade word alone
# (`_traded_street_name`; a price by weight still reads them, `_priced_street_names`). Only names of that file are
# read by the rule (tests/detect/test_traded_street_names.py checks that each one here is).
_TRADED_GOODS = frozenset({"ice", "bars", "beans", "tree", "trees"})
# Words a seller puts before the street name of what is offered ("pure snow", "fire tree", "uncut coke").
_SELLER_ADJECTIVES = frozenset({
    "pure", "fire", "top", "premium", "fresh", "uncut", "quality", "good", "best", "new", "real", "fine", "high",
    "clean", "strong", "raw", "rein", "reines", "pura", "puro", "buena", "bueno",
})


# A street name followed by "de"/"of" and a noun is a word of that noun ("Cristal de roca 1 g 50 soles": rock crystal,
# "crystal of quartz"), but for a seller's praise ("mota de la buena", "perico de primera").
_OF_NOUN = re.compile(
    r" (?:de|del|of|di|do|da|du|von) (?!la buena|buena|bueno|calidad|primera|la mejor|lo mejor|qualidade|qualité|qualità|prima qualità)"
    r"[^\W\d_]"
)


def _last_priced(norm: Normalized, prices: list[Price]) -> int | None:
    """Where, in the normalized text, the last price in money starts (None without one)."""
    starts = [p.start for p in prices if p.amount is not None]
    return bisect.bisect_left(norm.starts, max(starts)) if starts else None


def _street_name_offered(ntext: str, matches: list[tuple[int, int, _TermInfo]], before: int | None = None) -> bool:
    """Whether an ordinary-word street name is what the item offers: at the start of the text or of a clause, right
    after a sale word ("Verkaufe Koks") or a seller's adjective ("pure snow"), before `before` (the last price: a
    seller names the goods, then prices them; "Saffron 1g $12, 2g $20, 5g $45, ice packed" prices saffron, session
    23), and not a good sold by the gram itself (`_GRAM_GOODS`).
    After another word it is a word of another noun ("quartz crystal", "gold powder")."""
    cue_ends = {b for _, b, i in matches if i.kind == "intent"}
    if before is None:
        before = len(ntext)
    return any(
        i.kind == "substance" and i.ordinary and ntext[a:b] not in _GRAM_GOODS and _offered_here(ntext, a, cue_ends)
        and a < before
        and _OF_NOUN.match(ntext, b) is None
        for a, b, i in matches
    )


def _offered_here(ntext: str, start: int, cue_ends: set[int], words: frozenset[str] = _SELLER_ADJECTIVES) -> bool:
    """Whether a street name at `start` stands where a seller names what is offered: at the start of the text or of a
    clause, right after a cue word, or after one of `words`."""
    window = ntext[max(0, start - 64):start]  # a bounded look back: a post of many names stays linear
    before = window.rstrip()
    if not before or not before[-1].isalpha() or start - (len(window) - len(before)) in cue_ends:
        return True
    prev = _LAST_WORD.search(before)
    return prev is not None and prev.group() in words


_LAST_WORD = re.compile(r"[^\W\d_]+$")
# Before a street name priced right after it: what a dealer has on hand ("got them blues", "got blues", "got that
# molly", "some molly"), counterfeit pills' "pressed" and a few sellers' adjectives ("fire", "pure"). Not "fresh",
# "the", "my", "top" or "best", which shops write before their goods ("Fresh beans $16 each", "the bars $8 each").
_ON_HAND = frozenset(
    {"them", "those", "these", "that", "some", "got", "have", "pressed", "real", "fire", "pure", "uncut", "legit"}
)

# A price of one piece: "$25 each", "$20 ea", "$15 a pop", "$100 a pint", "$30 per tab", "$10/pill"; not "each
# month", "each time", "each Friday" (a time or an occasion after it).
_PER_PIECE = re.compile(
    r"\s*(?:/\s*|(?:a|per)\s+)?(?:each|ea|apiece|pop|piece|pc|pill|tab|bar|pint|cap)s?(?![^\W\d_])\.?"
    r"(?![ \t]+(?:time|month|week|day|year|night|morning|evening|visit|session|refill|shift|class|game|episode|"
    r"semester|season|mon|tue|wed|thu|fri|sat|sun)[^\W\d_]*)",
    re.IGNORECASE,
)
# What `extract_prices` reads as one piece's unit ("$25 a pill", "$30 per tab", "$25/pill", "$20 a piece").
_PIECE_UNITS = frozenset({"pill", "piece", "bar"})
# Tiered prices of a count: "10 for 200", "2 for $50", "100 for $1500" (whole numbers, not parts of a handle or a
# longer number, and no time or unit after the total: "2 for 20 years", "30 for 30 days", "2 for 10mg").
_TIER = re.compile(
    r"(?<![\w.,$€£])(\d{1,4})\s*for\s+(?:[$€£]\s*)?(\d{2,6})(?![\w.,]*\d)(?:\s*[$€£])?"
    r"(?![ \t]*(?:years?|yrs?|days?|weeks?|months?|hours?|hrs?|minutes?|mins?|seconds?|secs?|times?|mg|mcg|g|ml|"
    r"kg|lbs?|oz|%|percent|points?|pts?|goals?|runs?|wickets?|yards?|miles?|km)(?![^\W\d_]))",
    re.IGNORECASE,
)
# What may stand between a street name and its price: separators, emoji, "pressed", a form or a strength ("blues 30s
# $25 each", "molly caps $15 each", "Roxys 30mg $20 ea", "blues, 10 for 200", "blues 💊 $25 each").
_TO_PRICE = re.compile(
    r"(?:[\s,.:;\-–—=@|\u2600-\u27bf\ufe0f\U0001F300-\U0001FAFF]"
    r"|(?:pressed|pills?|caps?|tabs?|bars?|\d+s|m\d+s?|\d+\s*mg)(?![^\W\d_]))*",
    re.IGNORECASE,
)
# A pill's or a syrup's strength, read by `extract_prices` as the weight of "30mg $20" ("Roxys 30mg $20 ea").
_STRENGTH_UNITS = frozenset({"mg", "mcg", "ml", "iu"})
# The lowest price of one piece read as a street price (the highest is each name's, in priced_names.tsv): below it a
# price by the piece is a bake sale's or a fundraiser's ("Snickers $2 each", "Lollipops $2 each"); cheap Xanax bars
# ("bars $4 each") are missed for it.
MIN_PIECE_PRICE = 5.0


def _reach(text: str, end: int) -> int:
    """Where a price may start after a word ending at `end`: past separators, emoji, forms and strengths
    (`_TO_PRICE`)."""
    m = _TO_PRICE.match(text, end)
    return m.end() if m else end


def _tiers(text: str) -> list[re.Match[str]]:
    """The tiered prices of a count in the text ("10 for 200", "2 for $50"): two or more for a total of at least
    twice the count, not a phone menu's "press 2 for 911" nor a score's "30 for 31"."""
    if not _DIGIT_FOR.search(text):
        return []
    out = []
    for m in _TIER.finditer(text):
        count, total = int(m.group(1)), int(m.group(2))
        prev = _LAST_WORD.search(text[max(0, m.start() - 12):m.start()].rstrip())
        if count >= 2 and total >= 2 * count and not (prev is not None and prev.group().lower() in _MENU_KEYS):
            out.append(m)
    return out


_DIGIT_FOR = re.compile(r"\d\s*for\b", re.IGNORECASE)
_MENU_KEYS = frozenset({"press", "dial", "option", "call", "text", "txt", "ext"})


def _one_piece(text: str, p: Price) -> bool:
    """Whether `p` prices one piece: money followed by "each", "a pop", "a pint" (`_PER_PIECE`), or read with a
    piece's unit by `extract_prices` ("$25 a pill", "$30 per tab", "$25/pill")."""
    if p.amount is None:
        return False
    if p.unit in _PIECE_UNITS and p.count in (None, 1):
        return True
    return (p.unit is None or p.unit in _STRENGTH_UNITS) and (
        _PER_PIECE.match(text, p.end) is not None or _EACH_READ.search(p.text) is not None
    )


# A piece's word read by `extract_prices` as part of a price without a currency ("20 each", "20 a pop").
_EACH_READ = re.compile(r"\s(?:each|ea|apiece|a\s+pop|a\s+piece)\.?$", re.IGNORECASE)


def _priced_counts(
    text: str, prices: list[Price], ends: set[int], tag_ends: set[int] | frozenset[int] = frozenset(),
    tag_starts: set[int] | frozenset[int] = frozenset(),
) -> tuple[int, int]:
    """The prices and quantities `extract_prices` leaves out, of the words ending at `ends` (street names read by
    their price) and `tag_ends` (drugs' names with a price tag), as (prices, quantities): a price of one piece right
    after such a word ("blues $25 each", "blues $15 a pop") prices a count of one, and a tier right after it ("blues
    10 for 200", "bars 2 for $50") is a count and a price (its total counts once when `extract_prices` read it as
    money already). After a name of `tag_ends` a bare price is one piece's too ("Oxy $30"), and so is a bare price
    right before a name that starts at `tag_starts` ("$30 oxy"). Right after: with at most separators and a form or
    strength between (`_TO_PRICE`); right before: with at most separators between."""
    spans = sorted((end, _reach(text, end), end in tag_ends) for end in ends | tag_ends)
    reach_ends = {reach for _, reach, _ in spans}
    starts = [end for end, _, _ in spans]

    def right_after(at: int) -> tuple[int, int, bool] | None:
        k = bisect.bisect_right(starts, at) - 1
        return spans[k] if k >= 0 and at <= spans[k][1] else None

    def one_piece(p: Price) -> bool:
        if p.count is not None or p.unit is not None:
            return False
        span = right_after(p.start)
        if span is not None and (_one_piece(text, p) or (span[2] and p.amount is not None)):
            return True
        next_word = _SEPARATORS.match(text, p.end)
        return p.amount is not None and next_word is not None and next_word.end() in tag_starts

    pieces = sum(1 for p in prices if one_piece(p))
    tiers = [m for m in _tiers(text) if m.start() in reach_ends]
    return _unread_totals(tiers, [p for p in prices if p.amount is not None]), pieces + len(tiers)


_SEPARATORS = re.compile(r"[\s,.:;\-–—=@|]*")
# The KB's classes of drugs sold on the street. Medicines outside the controlled lists (`prescription`: "Sertraline $4
# cash only", "Ozempic $25 copay, zelle"), precursors ("Pseudoephedrine $8, pickup"), equipment and the `other` class
# have no price tag: `other` mixes GHB and research chemicals with kratom and medicines the legal tables control
# ("Pholcodine £3.49, free delivery", "Zopiclone £4, free delivery": a third review found them tagged when the class
# counted where the tables list a substance as controlled in two jurisdictions).
_TAGGED_CLASSES = frozenset({
    "opioid", "fentanyl", "nitazene", "stimulant", "benzodiazepine", "psychedelic", "dissociative", "cannabis",
})


def _taggable(info: SubstanceInfo) -> bool:
    """Whether a price right beside the substance's name may be a dealer's tag: a street drug's class."""
    return info.cls in _TAGGED_CLASSES
# The cue words a dealer's shorthand is made of besides the drug and its price.
_TAG_CUES = frozenset({"sell", "contact", "shipping", "payment", "quantity"})
# Words that make a priced drug a buyer's, a patient's, a shopper's or a mourner's: "Adderall $4 cash only Walmart",
# "need xanax $5 each cashapp", "Xanax $200, cashapp, scammed", "Fentanyl $10, cashapp, RIP bro".
_NOT_A_TAG = frozenset({
    "paid", "pay", "spent", "bought", "cost", "costs", "copay", "goodrx", "insurance", "prescription", "prescriptions",
    "rx", "pharmacy", "walmart", "cvs", "walgreens", "costco", "chewy", "amazon", "telehealth", "clinic", "vet", "doctor", "need", "needs", "want", "wtb",
    "looking", "scam", "scammed", "scammer", "rip", "worth", "month", "monthly", "session", "visit", "week", "year",
    # the second review's: dispensaries, vets and drugstores, buyers, jokes and memes, skincare, gyms, other languages
    "dispensary", "dispensaries", "veterinarian", "veterinary", "vets", "drugstore", "refill", "shortage", "hospice",
    "buy", "buying", "jk", "lmao", "lmfao", "sarcasm", "meme", "memes", "parody", "joke", "plz", "acne", "skincare",
    "gym", "horse", "estafa", "golpe", "arnaque", "tierarzt", "ветклиника", "ветеринар",
    # the third review's: pharmacies, prescriptions, substitution, vets and perfume in other languages
    "apotheke", "rezept", "pharmacie", "ordonnance", "substitution", "vétérinaire", "farmacia", "farmácia", "receta",
    "receita", "veterinario", "veterinário", "eczane", "reçete", "apteka", "recepta", "аптека", "рецепт", "perfume",
    "parfum", "perfumy", "fragrance", "cologne",
})
_YEAR = re.compile(r"(?:19|20)\d\d")
# Words a dealer's shorthand holds besides the drug, its price and the cue words: piece words, tiers, "only", "or".
_SHORTHAND_WORDS = frozenset({
    "a", "an", "each", "ea", "apiece", "pop", "piece", "pc", "pill", "pills", "tab", "tabs", "or", "and", "only",
    "per", "for", "x",
})
SHORTHAND_OTHER_WORDS = 1  # other words a dealer's shorthand may hold ("a point")


def _shorthand(text: str, covered: list[tuple[int, int]]) -> bool:
    """Whether the text is a dealer's shorthand: besides the spans `covered` (drug names, cue words, prices),
    numbers and `_SHORTHAND_WORDS`, at most SHORTHAND_OTHER_WORDS words ("Oxy $30, cashapp", "fent $60 a point,
    zelle"). A buyer's or a shopper's line tells more ("with goodrx, paid with apple pay", "at the corner store"), or
    holds a word of `_NOT_A_TAG`.
    Called on title-length texts only: it compares every word with every span."""
    other = 0
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if any(a < m.end() and m.start() < b for a, b in covered):
            continue  # a word of a cue ("apple pay") is the cue's
        if word in _NOT_A_TAG:
            return False
        if not ((word.isdigit() and not _YEAR.fullmatch(word)) or word in _SHORTHAND_WORDS):
            other += 1  # a year is a word of talk ("Cocaine $80 cashapp 2019"), a count is the dealer's
    return other <= SHORTHAND_OTHER_WORDS


def _unread_totals(tiers: list[re.Match[str]], money: list[Price]) -> int:
    """How many of the tiers hold no price `extract_prices` read already ("10 for 200" holds none, "2 for $50" holds
    "$50"): a tier's total counts once."""
    starts = sorted(p.start for p in money)
    return sum(1 for m in tiers if bisect.bisect_left(starts, m.start()) == bisect.bisect_left(starts, m.end()))


# Words that may stand before a price without naming what it prices ("100 for $1500", "$25 each or $40 for two",
# "min order $100", "delivery fee $10", "deposit $50 first", "free delivery over $100").
_PRICE_LEAD = frozenset({
    "for", "or", "and", "at", "only", "just", "is", "are", "was", "each", "ea", "all", "x", "fee", "fees", "order",
    "orders", "minimum", "min", "deposit", "over", "under", "from", "total", "plus", "upfront", "first", "price",
    "prices", "cost", "costs",
})


def _prices_other_goods(
    text: str, norm: Normalized, prices: list[Price], matches: list[tuple[int, int, _TermInfo]],
    priced_names: dict[str, tuple[frozenset[str], frozenset[str], float]],
) -> bool:
    """Whether a price in the text follows a word that names none of its drugs: a list of everyday goods ("Vinyl
    clearance: blues $10 each, jazz $12 each", "Bake sale: brownies $3, bars $6 each"). A drug here is a drug's name
    or slang that is no ordinary word, or a street name of `priced_names` ("brownies" is amphetamine slang and a bake
    sale's goods). Amounts, forms (`_TO_PRICE`), cue words ("shipping $10") and the seller's terms of `_PRICE_LEAD`
    ("min order $100", "deposit $50") name no goods."""
    named = sorted(
        norm.to_original(a, b) for a, b, i in matches
        if (i.kind == "substance" and (not i.ordinary or norm.text[a:b] in priced_names)) or i.kind == "intent"
    )
    starts = [x for x, _ in named]
    for p in prices:
        if p.amount is None:
            continue
        lead = _LEAD_WORD.search(text, max(0, p.start - 64), p.start)
        if lead is None:
            continue
        word, at = lead.group(1), lead.start(1)
        if any(c.isdigit() for c in word) or word.lower() in _PRICE_LEAD or _TO_PRICE.fullmatch(word):
            continue
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and at < named[k][1]:
            continue
        return True
    return False


# The word before a price, separators aside.
_LEAD_WORD = re.compile(r"([^\W\d_][\w'’-]*)[\s,.:;\-–—=|]*$")


def _piece_price_within(p: Price, max_piece: float) -> bool:
    """Whether the money of `p` is worth `MIN_PIECE_PRICE` to `max_piece` US dollars in every value of its currency;
    a price without a currency is read in dollars, as dealers write them ("blues, 20 each")."""
    value = (p.amount, p.amount) if p.currency is None and p.amount is not None else dollars(p.amount or 0, p.currency)
    return value is not None and MIN_PIECE_PRICE <= value[0] and value[1] <= max_piece


def _priced_street_names(
    text: str, norm: Normalized, matches: list[tuple[int, int, _TermInfo]], prices: list[Price],
    priced_names: dict[str, tuple[frozenset[str], frozenset[str], float]],
) -> set[tuple[int, int, str]]:
    """The readings (start, end, substance) of street names priced right after them, as a dealer prices one piece
    or a gram, when a seller's cue or a second price says they are offered; empty otherwise.

    Only the names of `priced_names.tsv` count, and only their drug's readings are promoted: the ordinary words of
    the KB's slang lists are mostly shop goods when priced ("Tutus $15 each", "Goats $150 each", "Crystals 10g
    $120"). The price must follow the name with at most separators and a form or strength between ("blues $25 each",
    "Roxies 30 blues $20 ea", "coke $80 a g"), so it is the name's own price and not another noun's ("blues festival
    tickets $25 each"), the name must stand where a seller names what is offered (`_offered_here`), and the post
    must price no other goods (`_prices_other_goods`) and hold no word of lawful speech or a buyer's. A name sold by
    the piece needs a price of one piece (from `MIN_PIECE_PRICE` to the name's `max_piece`) or a tier ("10 for
    200"); a name sold by the gram a street price per gram, as in `_priced_like_drugs`. Prices are compared in US
    dollars by the range of their currency's value, as the prices per gram are: a price of one piece must reach
    `MIN_PIECE_PRICE` at the lowest value and stay within `max_piece` at the highest."""
    money = [p for p in prices if p.amount is not None and dollars(p.amount, p.currency) is not None]
    priced: set[tuple[int, int, str]] = set()
    cues = {i.name for _, _, i in matches if i.kind == "intent"}
    if cues & {*COUNTER_CUES, "solicit"} or _prices_other_goods(text, norm, prices, matches, priced_names):
        return priced  # a report, a warning, a buyer, or a list of other goods
    cue_ends = {b for _, b, i in matches if i.kind == "intent"}
    # Dealers drop the currency of a price by the piece ("i got blues, 20 each"); `extract_prices` reads such a
    # number only with "each" after it.
    amounts = sorted((p for p in money + [p for p in prices if p.amount is not None and p.currency is None]),
                     key=lambda p: p.start)
    amount_starts = [p.start for p in amounts]
    tiers = _tiers(text)
    tier_at = {m.start(): m for m in tiers}
    for a, b, i in matches:
        entry = priced_names.get(norm.text[a:b]) if i.kind == "substance" and i.ordinary else None
        if entry is None or i.name not in entry[1] or not _offered_here(norm.text, a, cue_ends, _ON_HAND):
            continue
        end = norm.to_original(a, b)[1]
        reach = _reach(text, end)
        near = amounts[bisect.bisect_left(amount_starts, end):bisect.bisect_right(amount_starts, reach)]
        by_gram = "gram" in entry[0] and any(
            p.currency is not None and p.unit in _GRAMS and p.count and p.unit not in _STRENGTH_UNITS
            and _priced_like_drugs([p]) for p in near
        )
        tier = tier_at.get(reach)
        by_piece = "piece" in entry[0] and (
            any(_piece_price_within(p, entry[2]) and _one_piece(text, p) for p in near)
            or (tier is not None and MIN_PIECE_PRICE <= int(tier.group(2)) / int(tier.group(1)) <= entry[2])
        )
        if by_gram or by_piece:
            priced.add((a, b, i.name))
    if not priced:
        return priced
    # Two prices (one piece and a count, "$25 each or 100 for $1500") are a seller's price list; a tier's total
    # that is also a money price counts once.
    n_prices = len(money) + _unread_totals(tiers, money)
    return priced if n_prices >= 2 or _seller_cues(norm.text, matches, need=1) else set()


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



# A shop's or a user's statement of what it does not sell ("We do not sell any THC products", "no vendemos
# marihuana", "wir verkaufen keine Drogen", "不卖大麻"): the drugs named after it in its sentence are not on offer.
_NOT_SOLD_VERB = re.compile("sell|stock|carry|offer|vend|verkauf|прода|不卖|不出售|ไม่ขาย")  # looked for first
_NOT_SOLD = re.compile(
    r"(?<![^\W\d_])(?:(?:do|does|did|will)[ \t]+not|not|don[’']?t|doesn[’']?t|won[’']?t|never|no[ \t]+longer)[ \t]+"
    r"(?:sell|sells|selling|carry|carrying|stock|offer|offering)(?![^\W\d_])"
    r"|(?<![^\W\d_])(?:no[ \t]+(?:vendemos|vendo|vende)|não[ \t]+(?:vendemos|vendo|vende)|ne[ \t]+vendons[ \t]+pas|"
    r"(?:verkaufen|verkaufe)[ \t]+kein\w*|не[ \t]+прода[её]м|не[ \t]+продаю)(?![^\W\d_])"
    r"|不卖|不出售|ไม่ขาย",
    re.IGNORECASE,
)
# What a dealer says he does not sell that is no drug: a restriction on whom ("we do not sell to minors", "no vendemos
# a menores", "ไม่ขายให้เด็ก"), an amount, a grade or a kind of sale ("we don't sell singles", "less than an 8th",
# "fakes", "mids", "shake", "por menos de 5g", "меньше 5г", "Kleinmengen", "de coupé", "假货", "ปลีก" retail, "não vendo
# fiado": on credit), or "anything but gas" (a review of session 22: the dealer's own drugs after such a statement
# were dropped).
_NOT_WHAT = re.compile(
    r"[ \t]*(?:any[ \t]+|de[ \t]+|du[ \t]+|el[ \t]+|la[ \t]+|por[ \t]+)?"
    r"(?:(?:to|a|à|an|aux|less|fewer|under|below|single|singles|fake|fakes|bunk|cut|mids|shake|retail|anything|"
    r"nothing|menos|cortad[oa]|coupé|coupe|меньше|менее|kleinmengen|streckmittel|fiado|fiao|on[ \t]+credit|"
    r"a[ \t]+cr[ée]dito|fronts?)(?![^\W\d_])|ให้|ปลีก|假)",
    re.IGNORECASE,
)
# Where the statement's reach ends: its sentence, a colon or dash, or a clause that turns to what is sold ("we don't
# sell fake pills, only real M30s $25"); its last comma goes on only into a list ("any THC, cannabis or CBD products").
_UNSOLD_STOP = re.compile(
    r"[.!?\n。！？:;—–]|(?<![^\W\d_])(?:only|just|but|solo|sólo|nur|aber|только|но|mais|seulement|só|apenas)(?![^\W\d_])"
    r"|只|但",
    re.IGNORECASE,
)
_LIST_COMMA = re.compile(r"[,，、]")
_LIST_WORD = re.compile(r"(?<![^\W\d_])(?:or|and|nor|y|o|ni|ou|et|oder|und|или|и|或|和)(?![^\W\d_])", re.IGNORECASE)
NOT_SOLD_REACH = 200  # characters after the statement that it may cover


def _unsold_end(ntext: str, start: int) -> int:
    """Where the reach of a statement of what is not sold, at ntext[start], ends (`_UNSOLD_STOP`, `_LIST_COMMA`)."""
    limit = min(len(ntext), start + NOT_SOLD_REACH)
    stop = _UNSOLD_STOP.search(ntext, start, limit)
    end = stop.start() if stop is not None else limit
    # After the last comma, what no list word joins is no item of the list ("weed, coke, ask me"): the comma ends it.
    last = None
    for last in _LIST_COMMA.finditer(ntext, start, end):
        pass
    if last is not None and _LIST_WORD.search(ntext, last.end(), end) is None:
        return last.start()
    return end


def _in_spans(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether pos lies in one of `spans` (sorted by start, `starts` their starts; bisection, not a scan of all)."""
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def _ordinary_phrase(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> bool:
    """Whether one of the ordinary-word slang matches is a phrase ("Lemon Haze"), not a single word ("snow")."""
    return any(i.ordinary and " " in ntext[a:b].strip() for a, b, i in matches)


# Words that tell a text is written in a language (besides the word read; marker 1 in foreign_words.tsv, words rare
# in English): two, one of them of three letters or more. One is not enough: "Hay mota y perico, envíos, whatsapp,
# ahora" stays a list of street names.
FOREIGN_MARKERS = 2


def _foreign_readings(
    kb: KnowledgeBase,
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """From kb/data/foreign_words.tsv: language -> the words that tell it (marker 1), and word -> the languages it
    is an everyday word of; and the languages of the KB's terms (lower-cased term -> its rows' languages), so that a
    term is never read as an everyday word of its own language."""
    words, markers = load_foreign_words(Path(kb.path) if kb.path else PACKAGED_DIR)
    langs_of: dict[str, set[str]] = {}
    for lang, ws in words.items():
        for w in ws:
            langs_of.setdefault(w, set()).add(lang)
    term_langs: dict[str, set[str]] = {}
    for t in kb.terms:
        key = t.text.lower()
        if key in langs_of:  # a term that is no everyday word anywhere is never read as one
            term_langs.setdefault(key, set()).add(t.lang.split("-")[0])
    return (
        markers,
        {w: frozenset(ls) for w, ls in langs_of.items()},
        {t: frozenset(ls) for t, ls in term_langs.items()},
    )


def ordinary_slang(text: str, kind: str, context_only: bool, common: set[str]) -> bool:
    """True for a context-only single-word slang, synonym or misspelling that is a common word of its language by
    the KB's collision list (wordfreq Zipf >= 3.0 in en/es, 3.5 in pt/fr/de/nl: about the 30,000 most frequent
    words, the same list the KB validator uses to call a term context-only). A drug's own name, imprint, emoji or
    phrase ("china white") is never ordinary: a phrase of ordinary words is rarely written by chance.
    A cannabis strain name is the exception: growers name cultivars with ordinary phrases ("Wedding Cake", "Blue
    Dream") that people write every day, so a strain name made only of common words (and numbers) is ordinary."""
    if not context_only:
        return False
    folded = fold(text)
    if kind == "strain":
        return _common_words_only(folded, common)
    # A brand of one common word is that word as often ("Koi fish for sale", "camino de mesa", "лирика Есенина":
    # Yesenin's poems; session 21, offers at 0.99 before).
    if kind not in ("slang", "synonym", "misspelling", "brand"):
        return False
    return " " not in folded and folded in common


def _common_words_only(folded: str, common: set[str]) -> bool:
    """Whether every word of a folded term is a common word or a number ("wedding cake", "gelato 41")."""
    return all(w in common or w.isdigit() for w in _WORD.findall(folded))


def _code_spellings(term: str, common: set[str]) -> list[str]:
    """The code's other spellings (`code_variants`) but those that normalization reads as another word: "α-PPP"
    run together is "αPPP", which the look-alike and repeat rules make "app"; "3MMC" reads as "emmc" (leet), the
    eMMC storage of laptop listings. Such a spelling in a text is read the same way, so it cannot be told apart."""
    out = []
    for v in code_variants(term):
        read = normalize(v).text.strip()
        if read != fold(v) and read.isalpha() and (len(read) <= 4 or read in common):
            continue
        out.append(v)
    return out


def _build_matcher(kb: KnowledgeBase) -> PhraseMatcher[_TermInfo]:
    """The phrase matcher of every KB term (with its code and phrase spellings), intent cue and sale emoji."""
    terms: list[tuple[str, _TermInfo]] = []
    common = load_common_words(Path(kb.path) if kb.path else PACKAGED_DIR)
    for t in kb.terms:
        if t.substance not in kb.substances:
            continue
        kind = "emoji" if t.kind == "emoji" else "substance"
        ordinary = ordinary_slang(t.text, t.kind, t.context_only, common)
        everyday = ordinary or (
            t.context_only
            and t.kind in ("slang", "synonym", "misspelling", "strain")
            and _common_words_only(fold(t.text), common)
        )
        info = _TermInfo(
            kind, t.substance, t.context_only or kind == "emoji", t.text, ordinary, everyday,
            listing_only=ordinary and t.kind == "strain" and " " not in t.text.strip(),
        )
        terms.append((t.text, info))
        if t.kind not in ("cas", "imprint", "emoji"):
            terms.extend((v, info) for v in _code_spellings(t.text, common) or phrase_variants(t.text))
            if not t.context_only:
                terms.extend((v, info) for v in (*hyphen_variants(t.text), *cyrillic_greek_variants(t.text)))
    # A substance's canonical name names it, whether or not a source listed it as a term.
    listed = {(t.text.lower(), t.substance) for t in kb.terms}
    for name in kb.substances:
        if (name, name) not in listed and len(name) >= 3:
            own = _TermInfo("substance", name, False, name)
            terms.append((name, own))
            terms.extend((v, own) for v in _code_spellings(name, common))
    for term, signal, _lang, _src in load_intent_terms():
        terms.append((term, _TermInfo("intent", signal, False, term)))
    for emoji_char, signal, single_source in _emoji_signal_rows(kb):
        # context_only marks a single-source reading (evidence only).
        terms.append((emoji_char, _TermInfo("emoji_signal", signal, single_source, emoji_char)))
    return PhraseMatcher(
        terms,
        everyday=common.__contains__,
        ordinary=lambda i: replace(i, context_only=True, ordinary=True, everyday=True),
        inflected=lambda i: i.kind == "substance" and not i.context_only,
    )


def _matcher_cache_path(kb: KnowledgeBase) -> Path | None:
    """The cache entry of this KB's matcher: named by a hash of the KB's data files and common words, the
    packaged intent cues and the code that turns them into a matcher (detect, text, kb), or None when caching is
    off or the KB has no folder."""
    root = cache_dir()
    if root is None or not kb.path:
        return None
    h = hashlib.sha256()
    try:
        h.update(f"{kb.version}\0{__version__}\0{sys.version}\0{_pkg_version('pyahocorasick')}\0".encode())
        h.update((Path(kb.path) / "common_words.txt").read_bytes())
        h.update(resources.files("narcotrace.detect").joinpath("data/intent.tsv").read_bytes())
        h.update(source_digest("detect", "text", "kb"))
    except (OSError, PackageNotFoundError):
        return None
    return root / f"matcher-{h.hexdigest()[:24]}.pickle"


def _cached_matcher(kb: KnowledgeBase) -> PhraseMatcher[_TermInfo]:
    """The KB's matcher from the per-user cache (`narcotrace._diskcache`), built and stored when missing:
    building takes about two seconds, loading a quarter of one."""
    path = _matcher_cache_path(kb)
    data = read_private(path) if path is not None else None
    if data is not None:
        try:
            cached = pickle.loads(data)  # our own entry: this user's file, in a 0700 directory
        except Exception:  # noqa: BLE001 - a partial or foreign file: build instead
            cached = None
        if isinstance(cached, PhraseMatcher):
            return cached
    matcher = _build_matcher(kb)
    if path is not None:
        with contextlib.suppress(Exception):
            write_private(path, pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL))
    return matcher


def _resolve_same_span(matches: list[tuple[int, int, _TermInfo]], ntext: str) -> list[tuple[int, int, _TermInfo]]:
    """One hit per (span, meaning): an intent cue listed in several languages counts once, a term that
    several substances share ("fentanyl" as a synonym of its analogues) names the substance it is the
    canonical name of, when there is one, and of two terms with one meaning the outright name wins."""
    out: list[tuple[int, int, _TermInfo]] = []
    seen: set[tuple[int, int, str, str]] = set()
    i = 0
    while i < len(matches):
        j = i
        while j < len(matches) and matches[j][:2] == matches[i][:2]:
            j += 1
        group = matches[i:j]
        subs = [m for m in group if m[2].kind in ("substance", "emoji")]
        if len(subs) > 1:
            surface = ntext[group[0][0] : group[0][1]]
            exact = [m for m in subs if m[2].name == surface or m[2].name == surface.rstrip("s")]
            if exact:
                group = [m for m in group if m[2].kind not in ("substance", "emoji")] + exact[:1]
        # The same meaning on the same span from two terms ("Blue 30s", and "Blue 30" with a plural s): the
        # reading that names the drug outright wins over the context-only one.
        for m in sorted(group, key=lambda m: m[2].context_only):
            key = (m[0], m[1], m[2].kind, m[2].name)
            if key not in seen:
                seen.add(key)
                out.append(m)
        i = j
    return out


# What a drug test is called right after the drug ("fentanyl test strips", "MDMA reagent kit") and right before
# it ("test kits for", "tiras reactivas de", "bandelettes de test"); drugs listed after the first one ("for MDMA,
# cocaine and ketamine") are tested too.
# Since session 23 also with the sample the test takes between ("THC urine test strips"), the cups, cards and panels
# of urine screens, the verb ("Test your MDMA: Marquis reagent kit") and a list after a colon or a parenthesis
# ("Drug Test Kit 12-panel urine cup (THC, COC, OPI, AMP, MET)"): such listings were offers at 0.75-0.95.
_TEST_AFTER = re.compile(
    r"\s*(?:(?:urine|saliva|rapid|home|drug|dip)\s+)?(?:test(?:ing)?\s+(?:strips?|kits?|cups?|cards?|panels?)"
    r"|reagents?(?:\s+(?:tests?|kits?))?|teststreifen|schnelltests?)(?![^\W_])"
)
_TEST_BEFORE = re.compile(
    r"(?<![^\W_])(?:(?:test(?:ing)?\s+(?:strips?|kits?|cups?|cards?|panels?)|reagents?(?:\s+(?:tests?|kits?))?"
    r"|urine\s+(?:cups?|panels?)|panel\s+cups?)(?:\s+(?:for|de|pour|für|para)\s+|\s*[:(]\s*)"
    r"|(?:checking\s+kits?|tiras\s+reactivas|bandelettes(?:\s+de\s+test)?|tests?|kits?)\s+(?:for|de|pour|für|para)\s+"
    r"|test\s+(?:your|ur)\s+)$"
)
_TEST_WORDS = ("test", "reag", "kit", "tiras", "bandelettes")
# Overdose-reversal medicines, handed out and sold by harm-reduction services and pharmacies: never the drug a
# seller offers.
_OVERDOSE_REVERSAL = frozenset({"naloxone", "nalmefene"})
_LIST_GAP = re.compile(r"^\s*(?:,|&|/|\+|and|or|y|et|und|e|o)?\s*(?:,|and|y|et|und)?\s*$")


def _tested_spans(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> set[tuple[int, int]]:
    """The spans of drug terms named as what a test detects (see _TEST_AFTER, _TEST_BEFORE)."""
    subs = sorted({(a, b) for a, b, i in matches if i.kind == "substance"})
    out: set[tuple[int, int]] = set()
    prev: tuple[int, int] | None = None
    for a, b in subs:
        if (
            _TEST_AFTER.match(ntext, b)
            or _TEST_BEFORE.search(ntext[max(0, a - 40) : a])
            or (prev in out and _LIST_GAP.match(ntext[prev[1] : a]))
        ):
            out.add((a, b))
        prev = (a, b)
    return out


def _split_harm_reduction(
    ntext: str, matches: list[tuple[int, int, _TermInfo]]
) -> tuple[list[tuple[int, int, _TermInfo]], list[tuple[int, int, str, str]]]:
    """The matches without the drugs named by a harm-reduction product, and those drug mentions as (start, end,
    substance, evidence signal): "tested:<drug>" for what a test detects, "harm_reduction:<drug>" for an
    overdose-reversal medicine, "" (no evidence) for another substance read on that medicine's span."""
    if not matches:
        return matches, []
    tested = _tested_spans(ntext, matches) if any(w in ntext for w in _TEST_WORDS) else set()
    reversal = {(a, b) for a, b, i in matches if i.kind == "substance" and i.name in _OVERDOSE_REVERSAL}
    if not (tested or reversal):
        return matches, []
    kept: list[tuple[int, int, _TermInfo]] = []
    mentions: list[tuple[int, int, str, str]] = []
    for a, b, i in matches:
        if i.kind != "substance" or ((a, b) not in tested and (a, b) not in reversal):
            kept.append((a, b, i))
        elif (a, b) in tested:
            mentions.append((a, b, i.name, f"tested:{i.name}"))
        else:
            mentions.append((a, b, i.name, f"harm_reduction:{i.name}" if i.name in _OVERDOSE_REVERSAL else ""))
    return kept, mentions


def _drop_nested_cues(
    matches: list[tuple[int, int, _TermInfo]], text: str
) -> list[tuple[int, int, _TermInfo]]:
    """Without word boundaries (CJK, kana, Hangul, Thai), a cue found strictly inside another cue is a piece of
    that word, not a word of its own: "그램" (gram) inside "텔레그램" (Telegram), "ライン" inside "オンライン". In any
    script, a cue inside a buyer's phrase is the buyer's word: "plug" (a seller) in "need a plug", "selling" in
    "anyone selling"; a word of lawful speech inside a seller's phrase is that phrase's: "my reviews" (a buyer's)
    in a vendor's "check my reviews"; and any cue inside a `word` row is that word's: "seized" (a reporter's) in
    "reship if seized", "tele" (Telegram) in Spanish "la tele" (television); a seller's word inside a phrase of
    lawful speech is that phrase's: "disponible" in a pharmacy's "disponible uniquement sur ordonnance"; and a
    buyer's words inside a seller's call are the seller's: "trying to get" in "who's trying to get"."""
    cues = [(a, b, info.name == "solicit") for a, b, info in matches if info.kind == "intent"]
    if len(cues) < 2:
        return matches
    sale = [(a, b) for a, b, info in matches if info.kind == "intent" and info.name in (*SALE_CUES, SHIELD_CUE)]
    shields = [(a, b) for a, b, info in matches if info.kind == "intent" and info.name == SHIELD_CUE]
    # A buyer's question holds the seller's words it asks about: "Anyone know a reliable vendor for oxy in
    # EU?", "looking for a plug with good prices?": from the buyer's cue to the question mark ending its
    # sentence. The sentence ends are found once and each cue's looked up (a search from every buyer's cue to
    # the next end was quadratic on a long page without one: 0.6 s for 50,000 characters of "حد يعرف " and a
    # closing "؟").
    asked: list[tuple[int, int]] = []
    if "?" in text or "？" in text or "؟" in text:
        ends = [(m.start(), m.group() in _QUESTION_MARKS) for m in _SENTENCE_END.finditer(text)]
        starts = [e for e, _ in ends]
        for _a, b, buyer in cues:
            if buyer and (i := bisect.bisect_left(starts, b)) < len(ends) and ends[i][1]:
                asked.append((b, ends[i][0]))
    in_cue = _Enclosing([(x, y) for x, y, _ in cues])
    in_buyers = _Enclosing([(x, y) for x, y, buyer in cues if buyer])
    in_asked, in_sale, in_shield = _Enclosing(asked), _Enclosing(sale), _Enclosing(shields)
    in_counter = _Enclosing([(a, b) for a, b, info in matches if info.kind == "intent" and info.name in COUNTER_CUES])
    return [
        (a, b, info) for a, b, info in matches
        if info.kind != "intent"
        or not (
            in_buyers.holds(a, b) or (not is_spaced_word_char(text[a]) and in_cue.holds(a, b))
            or (info.name in ("sell", "promo") and in_asked.holds(a, b, strict=False))
            or (info.name in COUNTER_CUES and in_sale.holds(a, b))
            or (info.name in SALE_CUES and in_counter.holds(a, b))
            or (info.name == "solicit" and in_sale.holds(a, b))
            or in_shield.holds(a, b)
        )
    ]


class _Enclosing:
    """Spans sorted by start with the running maximum of their ends, so that whether one of them holds [a, b) is a
    bisection (a long page holds thousands of cues, and asking each cue of every other one was quadratic). A few spans
    (a post's) are asked one by one: sorting them costs more than it saves."""

    FEW = 24

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        if len(spans) > self.FEW:
            self.spans = sorted(spans)
            self.starts = [x for x, _ in self.spans]
            self.max_end = list(accumulate((y for _, y in self.spans), max))

    def holds(self, a: int, b: int, strict: bool = True) -> bool:
        """Whether a span [x, y) holds [a, b): x <= a and b <= y, and with `strict` not [a, b) itself."""
        if len(self.spans) <= self.FEW:
            return any(x <= a and b <= y and not (strict and x == a and y == b) for x, y in self.spans)
        lo = bisect.bisect_left(self.starts, a)
        if lo and self.max_end[lo - 1] >= b:
            return True  # a span starting before a: never [a, b) itself
        hi = bisect.bisect_right(self.starts, a, lo)
        return any(y > b or (not strict and y == b) for _, y in self.spans[lo:hi])


# Laughter written out, as a whole word: two or more "ja"/"je"/"ji" (Spanish), three or more "ha"/"he", four or
# more "k" (Portuguese), two or more "rs" (Portuguese "risos").
_LAUGH = re.compile(
    r"(?<![^\W\d_])(?:j[aei]j[aei](?:j[aei])*j?|h[ae]h[ae]h[ae](?:h[ae])*h?|k{4,}|(?:rs){2,}r?"
    # keyboard laughs typed in a hurry: "ajjajsaj", "jajsjsj", "JAJAAJAJ", "jsjsjs", "ahahah", "hahahsha"; no word
    # of any language is made of these letters with three j's or h's
    r"|(?=(?:[aeis]*j){3})[jaeis]{5,}|(?=(?:[aes]*h){3})[haes]{5,})(?![^\W\d_])"
)
_LAUGH_INFO = _TermInfo("intent", "use", False, "laughter")
# Substrings every laugh holds: most texts hold none, and looking for them is three times cheaper than the regex.
_LAUGH_HINT = re.compile("jaj|jej|jij|jsj|jj|hah|heh|hsh|kkkk|rsrs")

# The KB's substance for generic words for drugs ("drugs", "毒品", "наркотики").
_UNSPECIFIED = "unspecified drug"
GENERIC_TAG_CLOUD = 5  # hashtags in a text from which a generic word for drugs among them is a topic tag


def _drop_cue_words(matches: list[tuple[int, int, _TermInfo]]) -> list[tuple[int, int, _TermInfo]]:
    """An ordinary word inside a longer cue is a word of that cue, not slang of its own: "prescription" (cannabis
    slang) in "no prescription", "coffee" in "coffee mug", "shirt" in "tee shirt". Generic words for drugs stay
    ("drugs" in "drugs online" is the thing sold)."""
    cues = [(a, b) for a, b, info in matches if info.kind == "intent"]
    if not cues:
        return matches
    in_cue = _Enclosing(cues)  # a bisection per word: a page of strains and cues held 20 million pairs (4 s)
    return [
        (a, b, info) for a, b, info in matches
        if not (info.kind == "substance" and info.ordinary and info.name != _UNSPECIFIED)
        or not in_cue.holds(a, b)
    ]


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


def _disguised(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] writes an ordinary word in disguise: with letters of two of the Latin, Cyrillic and
    Greek scripts when the rest of the text holds no letter of the other one ("сoke for sale": a Cyrillic с; in a
    Russian or Ukrainian text a Latin word typed with one Cyrillic letter is a slip of the keyboard, "продам Сoke
    Zero"), or with an invisible character between two of its letters ("c\u200boke", a zero-width space; not
    beside a space: captions are pasted with them). Case, width, letter styles (boxed and circled letters too: "C🅾️KE
    ZER🅾️" is a soft drink's ad), digits, dots and spaces are no disguise."""
    word = text[start:end]
    scripts = {_script(ch) for ch in word if ch.isalpha()} - {""}
    if len(scripts) > 1:
        rest = text[:start] + text[end:]
        main = max(scripts, key=lambda sc: sum(1 for ch in word if _script(ch) == sc))
        return not any(_script(ch) in scripts - {main} for ch in rest if ch.isalpha())
    return bool(scripts) and any(
        ch in _INVISIBLE and 0 < k < len(word) - 1 and word[k - 1].isalpha() and word[k + 1].isalpha()
        for k, ch in enumerate(word)
    )




# Zero-width and joiner characters that no Latin, Cyrillic or Greek word holds (the soft hyphen U+00AD is left out:
# web pages hyphenate ordinary words with it).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e")


def _script(ch: str) -> str:
    """"latin", "cyrillic" or "greek" for a letter of those scripts, "" for any other."""
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "latin"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    if 0x370 <= o < 0x400:
        return "greek"
    return ""


# Words sellers join to a drug name in a hashtag or URL slug ("#buycocaineonline", "/order-xanax-now"): a term
# between them is the drug, not a fragment of an ordinary word. Project-authored commerce vocabulary.
MAX_AFFIXED_TAG = 40  # a longer hashtag is a sentence run together, not a term and sellers' words
# A sellers' word that may stand in a hashtag beside a short term: the quick test before `_tagged_short_terms`.
_TAG_AFFIX_HINT = re.compile(r"[#＃]\w*(?:sale|sell|buy|order|shop|online|cheap|deliver)", re.IGNORECASE)
TAG_AFFIXES = frozenset(
    "buy order get cheap best legit pure real top online sale forsale sell selling shop store delivery "
    "now for the wholesale discount no rx without prescription uk usa us eu canada pills pill tabs "
    "tablets powder mg where to in stock quality fast".split()
)


# TAG_AFFIXES by their first letter, and reversed by their last (for walks from the right).
_AFFIX_BY_FIRST = {c: tuple(w for w in TAG_AFFIXES if w[0] == c) for c in {w[0] for w in TAG_AFFIXES}}
_AFFIX_BY_LAST = {c: tuple(w[::-1] for w in TAG_AFFIXES if w[-1] == c) for c in {w[-1] for w in TAG_AFFIXES}}


def _affix_words(part: str) -> bool:
    """True when `part` is empty or a run of TAG_AFFIXES words and digits ("buy", "online", "2mg")."""
    return _affix_prefixes(part.lower())[-1]


def _affix_prefixes(low: str, by_first: dict[str, tuple[str, ...]] | None = None) -> list[bool]:
    """For each i, whether low[:i] is a run of sellers' words and digits (a left-to-right walk, linear in the length:
    a backtracking regex of the words is exponential, as "forsale" is also "for" + "sale")."""
    words = _AFFIX_BY_FIRST if by_first is None else by_first
    ok = [True] + [False] * len(low)
    for i, c in enumerate(low):
        if not ok[i]:
            continue
        if c.isdigit():
            ok[i + 1] = True
            continue
        for w in words.get(c, ()):
            if low.startswith(w, i):
                ok[i + len(w)] = True
    return ok


# Arabic writes its words apart, with the conjunctions, prepositions and the article joined before a noun
# ("والحشيش", "بالكبتاجون", "للترامادول", dialect "عالحشيش" for على الحشيش (not a bare ع: "شيرة" in "عشيرة", clan),
# the vocative "ياكبتاجون") and pronoun,
# plural, dual and feminine endings after it ("حشيشة", "حبوبه", "حشيشتي", "ترامادولاتكم"); Persian adds its plural,
# ezafe and pronoun endings ("ها", "های", "ی", "م", "ش", "ام", "اش": "تریاکم", "شیشه‌اش", whose zero-width non-joiner
# normalization removes). A drug term with other letters before it is a piece of another word: "شبو" (shabu) in
# "مشبوه" (suspicious) was methamphetamine in a police warning. A short term (four letters or fewer) must also end
# the word or take one of those endings; a longer one may run into the next word ("كبتاجونللبيع" in a hashtag).
_AR_BEFORE = frozenset({
    "", "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وب", "فب",
    "وك", "ول", "فل", "عال", "وعال", "يا", "ويا",
})
_AR_AFTER = frozenset({
    "", "ه", "ها", "هم", "هن", "هما", "ك", "كم", "ي", "نا", "ة", "ت", "ته", "تها", "تي", "تك", "تكم", "تنا", "تهم",
    "ات", "اته", "اتها", "اتي", "اتك", "اتكم", "اتنا", "اتهم", "ان", "ين", "ون", "ية", "يات", "ى",
    "ی", "های", "م", "ش", "ام", "اش", "مان", "تان", "شان", "مون", "تون", "شون", "هام", "هات", "هاش", "هامون",
    "هاتون",
})
_AR_AFFIX_MAX = 4  # letters: the longest of the above
_AR_SHORT = 4  # letters: a term this short must end its word or take an ending of _AR_AFTER


def _arabic_letter(c: str) -> bool:
    """A letter, a vowel mark or the stretching tatweel of the Arabic script (Arabic, Persian, Urdu)."""
    return "\u0620" <= c <= "\u065f" or "\u066e" <= c <= "\u06d3" or "\u06fa" <= c <= "\u06ff"


def _inside_arabic_word(text: str, start: int, end: int) -> bool:
    """Whether an Arabic-script term at text[start:end] is a piece of a longer word: letters other than a clitic
    before it (`_AR_BEFORE`), or, for a short term, letters other than an ending after it (`_AR_AFTER`)."""
    if not (_arabic_letter(text[start]) and _arabic_letter(text[end - 1])):
        return False
    a = start
    while a > 0 and _arabic_letter(text[a - 1]) and start - a <= _AR_AFFIX_MAX:
        a -= 1
    if text[a:start] not in _AR_BEFORE:
        return True
    if end - start > _AR_SHORT or _in_hashtag(text, start):
        return False  # a long term, or any in a hashtag, may run into the next word ("#حشيشللبيع")
    b = end
    while b < len(text) and _arabic_letter(text[b]) and b - end <= _AR_AFFIX_MAX:
        b += 1
    return text[end:b] not in _AR_AFTER


# What opens a request without asking: a lead of marks and emoji only ("WTB:", "🔎 Looking for").
_LEAD = re.compile(r"[\W_]*")
# Whom a seller looks for ("Looking for buyers", "Ищу курьеров" is a shop's hiring): a seller's request.
_SELLERS_SOUGHT = re.compile(
    r"[ \t]*(?:a[ \t]+|new[ \t]+|more[ \t]+)?(?:buyers?|customers?|clients?|resellers?|distributors?|wholesalers?|"
    r"couriers?|runners?|drivers?|workers?|курьер\w*|закладчик\w*|клиент\w*|compradores|clientes|repartidores)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_CLAUSE_STOP = re.compile(r"[.!?？！。؟\n]")


def _opening_request(
    ntext: str, matches: list[tuple[int, int, _TermInfo]]
) -> tuple[int, int, _TermInfo] | None:
    """The buyer's cue that opens the text (a `solicit` cue before any other cue, after nothing but marks and emoji),
    or None."""
    first = min(((a, b, i) for a, b, i in matches if i.kind == "intent"), default=None, key=lambda m: m[0])
    if first is None or first[2].name != "solicit" or _LEAD.fullmatch(ntext, 0, first[0]) is None:
        return None
    return first


def _maybe_hook(ntext: str) -> bool:
    """A quick test for `_sellers_hook`: a question mark in the text."""
    return "?" in ntext or "？" in ntext


def _sellers_hook(
    ntext: str, matches: list[tuple[int, int, _TermInfo]], prices: list[Price]
) -> tuple[int, int] | None:
    """The span of a buyer's words that open the text as a seller's question, answered after it with a price in money
    and a way to reach or pay ("Looking for molly? we got you, $40 a g, cashapp, dm us", "Where to get tina in
    Sydney? Right here, half g $150, wickr": solicitations at 0.09-0.27 in the session-23 review), or None. A
    buyer's question with a contact ("Anyone selling xanax? DM me") states no price."""
    first = _opening_request(ntext, matches)
    if first is None:
        return None
    stop = _CLAUSE_STOP.search(ntext, first[1])
    if stop is None or stop.group() not in "?？":
        return None
    if not any(p.amount is not None and p.currency is not None and p.unit in _WEIGHT_UNITS for p in prices):
        return None  # a seller prices the goods by weight; "who got percs? paying $20 each" is a buyer's offer
    if _BUYER_PAYS.search(ntext, stop.end()):
        return None
    after = {i.name for a, _, i in matches if i.kind == "intent" and a > stop.start()}
    return (first[0], first[1]) if after & _REACH_CUES else None


# A buyer's word for paying ("anyone got coke? need a g, paying $80"): the price is the buyer's.
_BUYER_PAYS = re.compile(
    r"(?<![^\W\d_])(?:paying|pay|will pay|can pay|i'll pay|ill pay|pago|pagaria|pagaría|zahle|je paie|plačam|płacę|"
    r"заплачу|оплачу)(?![^\W\d_])"
)


def _requests(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> bool:
    """Whether the text opens with a buyer's request (a `solicit` cue before any other cue, after nothing but marks
    and emoji) that is not a question and seeks no buyers or workers: "WTB: 500x M30 - need a vendor with US stealth,
    paying BTC" and "Looking for a supplier of 4-AP, 10kg monthly, delivery to Sinaloa" were offers at 0.52 and 0.89
    by their quantity, payment and delivery words, which are the buyer's terms. A seller asks: "Looking for xanax? DM
    me", "Need weed? We deliver" stay offers; "Looking for buyers, 10g $80" is a seller's request."""
    first = _opening_request(ntext, matches)
    if first is None or _SELLERS_SOUGHT.match(ntext, first[1]):
        return False
    stop = _CLAUSE_STOP.search(ntext, first[1])
    return stop is None or stop.group() not in "?？؟"


def _in_run_together_word(
    text: str,
    start: int,
    end: int,
    info: _TermInfo,
    soft: Collection[int] = (),
    words: Callable[[str], bool] | None = None,
) -> bool:
    """True for a drug term that is only part of a longer word of a spaced script, as the matcher lets long
    terms match inside hashtags and URL paths (#buyfentanyl). A word that is itself an everyday word (`words`,
    accents removed) is that word ("neurol", a Czech alprazolam brand, in "#neurologist"; "meth" in "#methods").
    Joined only to sellers' words ("#buycocaineonline") it is the drug; buried in another word ("ultiva" in
    #cannabiscultivation, "rtist" in #ArtistOnTwitter) it is a fragment; at one end of a word it counts only when
    it is a drug's name, not context-only slang ("Argen" in #Argentina). Also an HTML entity ("&amp;" is not
    "amp")."""
    n = len(text)
    if start > 0 and text[start - 1] == "&" and end < n and text[end] == ";":
        return True
    left = start > 0 and start not in soft and is_spaced_word_char(text[start - 1]) and is_spaced_word_char(text[start])
    right = end < n and end not in soft and is_spaced_word_char(text[end]) and is_spaced_word_char(text[end - 1])
    if not (left or right):
        return False
    a, b = word_extent(text, start, end)
    if words is not None and words(fold(text[a:b])):
        return True
    if _affix_words(text[a:start]) and _affix_words(text[end:b]):
        return False
    if left and right:
        return True
    return info.context_only


def _indicator_feature(kind: str) -> str:
    if kind in CONTACT_INDICATORS:
        return "ind_contact"
    if kind in WALLET_INDICATORS:
        return "ind_wallet"
    if kind in PAYTAG_INDICATORS:
        return "ind_paytag"
    if kind == "phone":
        return "ind_phone"
    if kind == "onion":
        return "ind_onion"
    return "ind_link"


def _inside_word(text: str, start: int, end: int) -> bool:
    """True when a match of a spaced-script term runs into letters on either side (part of a longer word)."""
    if not is_spaced_word_char(text[start]):
        return False
    return (start > 0 and is_spaced_word_char(text[start - 1])) or (end < len(text) and is_spaced_word_char(text[end]))


def _phrase_in_word(text: str, start: int, end: int, soft: Collection[int]) -> bool:
    """True for a cue of several words of a spaced script whose first letter continues a word (not at a change of
    case, `soft`), outside a hashtag or a URL path."""
    return (
        " " in text[start:end]
        and start > 0
        and start not in soft
        and is_spaced_word_char(text[start])
        and is_spaced_word_char(text[start - 1])
        and not inside_tag(text, start)
    )


def _in_hashtag(text: str, start: int) -> bool:
    """Whether text[start] is in a hashtag's token: a "#" after the last space before it. The positions of the text's
    spaces and "#" are found once per text (walking back to the last space was quadratic on a long text without
    spaces, as Chinese is written)."""
    i = start - 1
    while i >= max(0, start - 64) and not text[i].isspace():  # a post's words are short: look back a little first
        if text[i] in "#＃":
            return True
        i -= 1
    if i < 0 or text[i].isspace():
        return False
    global _last_marks
    held, spaces, hashes = _last_marks
    if held is not text:
        spaces = [m.start() for m in _SPACE.finditer(text)]
        hashes = [m.start() for m in _HASH.finditer(text)]
        _last_marks = (text, spaces, hashes)
    k = bisect.bisect_left(hashes, start) - 1
    if k < 0:
        return False
    w = bisect.bisect_left(spaces, start) - 1
    return w < 0 or hashes[k] > spaces[w]


_SPACE = re.compile(r"\s")
_HASH = re.compile(r"[#＃]")
# The text `_in_hashtag` read last, with its spaces' and "#"s' positions (a tuple replaced whole: thread-safe).
_last_marks: tuple[object, list[int], list[int]] = (None, [], [])


def severity_of(kb: KnowledgeBase, names: Iterable[str]) -> str:
    best = "none"
    for n in names:
        sev = kb.substances[n].severity
        if SEVERITY_RANK.get(sev, 0) > SEVERITY_RANK[best]:
            best = sev
    return best


__all__ += ["severity_of", "Hit", "FEATURE_INDEX"]

"""Signals: what an item says about drugs and about selling, as spans of the original text and as features.

The features are deliberately language- and platform-agnostic (a drug term is present; a contact handle
is present; the two co-occur), so that weights learned in one place carry to another. Every feature that
fires keeps the spans that made it fire, which become the verdict's evidence.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import math
import pickle
import re
import sys
from dataclasses import dataclass, replace
from importlib import resources
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _pkg_version
from pathlib import Path
from typing import Iterable

from narcotrace import __version__
from narcotrace._diskcache import cache_dir, read_private, source_digest, write_private
from narcotrace.detect._chats import (
    _ASKED,
    _PLUG_WORDS,
    _SOMEONES,
    SOMEONES_REACH,
    _answered_chat,
    _maybe_hook,
    _requests,
    _sellers_hook,
    _turns_outside,
)
from narcotrace.detect._cues import (
    _DOSE_UNITS,
    _WORD,
    CONTACT_INDICATORS,
    COUNTER_CUES,
    COUNTER_MULTI,
    EMOJI_SIGNALS,
    LINK_INDICATORS,
    PAYTAG_INDICATORS,
    SALE_CUES,
    SHIELD_CUE,
    WALLET_INDICATORS,
    _packaged_rows,
    _TermInfo,
)
from narcotrace.detect._goods import (
    _CONTROLLED_SOURCE,
    _DEALERS_REACH,
    _FREE_OF,
    _GOODS_CLASSES,
    _HEMP_PLANT,
    _HEMP_WORD,
    _MEDICINE_CLASSES,
    _OTC_PURPOSE,
    _PATIENT_WORDS,
    _PERFUME,
    _PERFUME_NAMES,
    _PHARMACY_SERVICE,
    _RX_REQUIRED,
    _STREET_OPIATES,
    _UNSCHEDULED,
    _WEIGHED_GOODS,
    _WEIGHTS,
    DARK_TRADE_INDICATORS,
    _dealers_tool,
    _hemp_clauses,
    _hemp_levels,
    _names_goods,
    _offers_pills,
    _ordinary_in_sale,
    _waived,
    load_goods_words,
    load_unsold_words,
)
from narcotrace.detect._prices import (
    _BLOTTER_SUBSTANCE,
    _OFFER_CUES,
    _amount_of_price,
    _blotter_dose,
    _cheaper_than_drugs,
    _counts_of_names,
    _graded,
    _measure_word,
    _number_or_ticker,
    _overlaps_price,
    _priced_like_drugs,
    _retail_only,
    _said_twice,
    _told_amount,
)
from narcotrace.detect._reports import (
    _NOT_SOLD,
    _NOT_SOLD_VERB,
    _NOT_WHAT,
    _boasted_arrest,
    _in_spans,
    _not_the_writers,
    _quoted,
    _split_harm_reduction,
    _told_price,
    _unsold_end,
)
from narcotrace.detect._street_names import (
    _MENU_CUES,
    _REACH_CUES,
    _REACH_INDICATORS,
    _TAG_CUES,
    _everyday_phrase,
    _last_priced,
    _ordinary_phrase,
    _priced_counts,
    _priced_street_names,
    _seller_cues,
    _shorthand,
    _slang_menu,
    _street_name_offered,
    _taggable,
    _traded_street_name,
    _weighed_street_name,
    load_priced_names,
    load_trade_jargon,
)
from narcotrace.detect._words import (
    _AFFIX_BY_LAST,
    _CODE_SENSES,
    _LAUGH,
    _LAUGH_HINT,
    _LAUGH_INFO,
    _SITE_INDICATORS,
    _TAG_AFFIX_HINT,
    _UNSPECIFIED,
    GENERIC_TAG_CLOUD,
    MAX_AFFIXED_TAG,
    _affix_prefixes,
    _chu_sells,
    _disguised,
    _drop_cue_words,
    _drop_nested_cues,
    _in_hashtag,
    _in_run_together_word,
    _indicator_feature,
    _inside_arabic_word,
    _inside_word,
    _other_trades_code,
    _path_end,
    _phrase_in_word,
    _resolve_same_span,
)
from narcotrace.detect.lexicon import (
    TAG_MIN,
    PhraseMatcher,
    camel_boundaries,
    code_variants,
    cyrillic_greek_variants,
    hyphen_variants,
    leftmost_longest,
    phrase_variants,
    stretched_letters,
)
from narcotrace.indicators import extract, extract_prices
from narcotrace.indicators.prices import market_figure
from narcotrace.items import SEVERITY_RANK, Indicator
from narcotrace.kb import KnowledgeBase
from narcotrace.kb._schema import fold
from narcotrace.kb._validate import PACKAGED_DIR, load_common_words, load_foreign_words
from narcotrace.text import normalize

__all__ = ["FEATURES", "SignalExtractor", "Signals", "load_intent_terms"]

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


def load_intent_terms() -> list[tuple[str, str, str, str]]:
    """The packaged intent cues as (term, signal, lang, source) rows."""
    return [(r["term"], r["signal"], r["lang"], r["source"]) for r in _packaged_rows("intent.tsv")]


def _emoji_signal_rows(kb: KnowledgeBase) -> Iterable[tuple[str, str, bool]]:
    """(emoji, signal, single-source) for the KB's sale-signal emoji. A reading that one source alone gives
    (the KB note starts with "[1x]": 👑 and 🤑 as a dealer, 💯 as a batch) is shown as evidence but feeds no
    feature: these are also everyday decorations ("👑" on a song lyric)."""
    rows = getattr(kb, "emoji_signals", ())
    for row in rows:
        yield row.emoji, row.signal, row.note.lstrip().startswith("[1x]")


# A messenger handle, a mention or a link names no goods: "tele @chain_plug" sells no chain (session 24 review).
_HANDLE_OR_LINK = re.compile(r"[@＠][\w.]+|https?://\S+|www\.\S+")


@functools.lru_cache(maxsize=8)
def _goods_words(ntext: str) -> list[str]:
    """The words (`_WORD`) of a normalized text outside its handles, mentions and links, read for goods words."""
    return _WORD.findall(_HANDLE_OR_LINK.sub(" ", ntext))


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
        if _dealers_tool(matches):
            return False  # "Ambien 10mg sleep aid, pay with crypto": no shop's pack is paid so
        medicine = False
        for _, _, i in matches:
            if i.kind == "intent" and i.name == "no_rx":
                return False
            if i.kind != "substance" or i.ordinary:
                continue
            sub = self.kb.substances[i.name]
            # The class holds scheduled medicines too (zolpidem, modafinil, pregabalin, carisoprodol: "Zolpidem
            # 10mg sleep aid 30 tabs $60, wickr" was none at 0.13): a name a control list gives is no OTC pack's.
            if sub.cls not in _UNSCHEDULED or any(_CONTROLLED_SOURCE.search(src) for src in sub.sources):
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
            if disguised and not _names_goods(_goods_words(ntext), self.goods):
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
                    not _WEIGHED_GOODS.isdisjoint(_goods_words(ntext))
                    and not ind_types & _REACH_INDICATORS
                    and not any(i.kind == "intent" and i.name in _REACH_CUES for _, _, i in matches)
                )
            )
            and not ind_types & DARK_TRADE_INDICATORS
            and _names_goods(_goods_words(ntext), self.goods)
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
                and not _names_goods(_goods_words(ntext), self.goods)
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
            ) and not _names_goods(_goods_words(ntext), self.goods):
                # The street name of a pill or a gram of powder with its price right after it ("pressed blues $25
                # each or 100 for $1500", "coke $80 a g, cash only", "blues, 10 for 200, cashapp"): the price is the
                # street name's own, so it names the drug as its name would, given a seller's one cue or a second
                # price.
                priced_readings = priced_here
            elif (
                _priced_like_drugs(prices)
                and _street_name_offered(ntext, matches, _last_priced(norm, prices))
                and _seller_cues(ntext, matches, need=1, reach=bool(ind_types & _REACH_INDICATORS), kinds=_REACH_CUES)
                and not _names_goods(_goods_words(ntext), self.goods)
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
        if (
            not ind_types & _DEALERS_REACH and self._over_the_counter(matches) and _OTC_PURPOSE.search(ntext)
        ):
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
            and not any(i.kind == "intent" and i.name == "no_rx" for _, _, i in matches)
            and not _dealers_tool(matches)
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
                # "Police arrested a dealer selling meth over Telegram", "accused of illegally selling": a sale told
                # after an arrest, a charge or a sentence, or called illegal, is the report's, not the writer's
                # offer. Shown, not scored.
                if why := _not_the_writers(ntext, start, end, info.name, matches):
                    hits.append(Hit(ostart, oend, f"intent:{info.name}:{why}", f"{why}_cue"))
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


def severity_of(kb: KnowledgeBase, names: Iterable[str]) -> str:
    best = "none"
    for n in names:
        sev = kb.substances[n].severity
        if SEVERITY_RANK.get(sev, 0) > SEVERITY_RANK[best]:
            best = sev
    return best


__all__ += ["severity_of", "Hit", "FEATURE_INDEX"]

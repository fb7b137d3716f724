"""Names and patterns the signal rules share: the kinds of intent cue, the indicators of how a seller is reached
or paid, the terms' readings, the units of weight and the marks that end a sentence.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources

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

# A word of a term, for the common-word test: "Mr. Burns" is the words "mr" and "burns".
_WORD = re.compile(r"[^\W_]+")


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


# Units of weight: a catalogue line that weighs an ordinary word sells it by weight ("1000g Lemon Haze AAA++",
# "A pound of Blue Dream"). Counts of pieces or volumes do not (boots, bottles).
_WEIGHT_UNITS = frozenset({"g", "kg", "oz", "lb", "100g", "mg", "mcg"})
# What a drug is sold by, beside its weight: a volume, a strength, pills, vials, blotters, hits (not pieces, bars,
# pairs, sizes or litres: "Snow boots size 9, $40", "2x pack of shirts", "Weed killer 5L").
_DOSE_UNITS = _WEIGHT_UNITS | {"ml", "iu", "pill", "vial", "blotter", "hit"}
# What ends a sentence (the normalized text holds no line breaks: runs of spaces are one space; the text as
# written may).
# Sentence ends, with the Arabic question mark and the Devanagari danda (session 24).
_SENTENCE_END = re.compile(r"[.!?\n。！？؟।]")
_QUESTION_MARKS = frozenset("?？؟")
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]")

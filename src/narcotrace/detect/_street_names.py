"""Street names that are ordinary words: the rules that read one as the drug when it is traded, weighed or
priced like one, and the word sets they use.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator
from itertools import pairwise

from narcotrace.detect._cues import (
    _WORD,
    CONTACT_INDICATORS,
    COUNTER_CUES,
    PAYTAG_INDICATORS,
    _packaged_rows,
    _TermInfo,
)
from narcotrace.detect._prices import _GRAMS, _RETAIL_GRAMS, _priced_like_drugs, _retail_only
from narcotrace.detect._reports import _not_the_writers
from narcotrace.detect._words import _inside_word
from narcotrace.detect.lexicon import inside_tag
from narcotrace.indicators import Price
from narcotrace.indicators.prices import dollars
from narcotrace.kb import SubstanceInfo
from narcotrace.text import Normalized, normalize


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


def load_trade_jargon() -> frozenset[str]:
    """The packaged delivery words only the drug trade uses (`detect/data/trade_jargon.tsv`), normalized: beside
    one, an ordinary word that is also drug slang names the drug."""
    return frozenset(normalize(r["term"]).text for r in _packaged_rows("trade_jargon.tsv"))


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
        if _not_the_writers(ntext, a, b, i.name, matches):
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


def _ordinary_phrase(ntext: str, matches: list[tuple[int, int, _TermInfo]]) -> bool:
    """Whether one of the ordinary-word slang matches is a phrase ("Lemon Haze"), not a single word ("snow")."""
    return any(i.ordinary and " " in ntext[a:b].strip() for a, b, i in matches)

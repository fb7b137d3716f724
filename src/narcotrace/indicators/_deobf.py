"""A light de-obfuscation pass tailored to indicators, with an offset map back to the original text.

Sellers spell contacts so that naive filters miss them: zero-width characters inside a handle, fullwidth
letters, "[at]" / "[dot]" / "(.)" / "[.]" for "@" and ".", Cyrillic look-alikes inside Latin words ("т.me").
This pass undoes exactly those, and nothing that could change the meaning of ordinary text, so that the
extractors can stay simple regular expressions. Every character of the cleaned text remembers where it
came from, so spans always index the ORIGINAL text.

It is deliberately narrower and cheaper than narcotrace.text.normalize: the common case (no trigger in the
text) costs one regex search and returns the text unchanged with an identity map.
"""

from __future__ import annotations

import re

__all__ = ["NEEDS_CHANGE", "SPOT", "Deobfuscated", "deobfuscate"]

# Zero-width and invisible formatting characters that sellers put inside handles. Removing them never
# changes visible text.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"

# Cyrillic and Greek letters that look like Latin ones; mapped only when they touch a Latin letter, a digit,
# "." "/" or "@" (i.e. when they sit inside a Latin token), so Russian or Greek prose is left alone.
_HOMOGLYPHS = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "т": "t", "м": "m", "к": "k",
    "і": "i", "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "Ү": "Y",
    "ο": "o", "α": "a", "ν": "v", "ρ": "p", "τ": "t", "ι": "i", "κ": "k",
    "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Χ": "X", "Υ": "Y", "Ζ": "Z",
}
_HG = "".join(_HOMOGLYPHS)

# Bracketed stand-ins for "@" and "." ("name [at] mail [dot] com", "bestmeds24 [.] net", "t(.)me").
# Spaces around a bracketed token are swallowed: the writer meant one token.

# One character class finds every place that may need an edit (a single class is the fastest thing the
# regex engine can scan for); each hit is then judged by hand. Most texts have no hit at all.
# Only fullwidth letters, digits and "＠．／" are folded: other fullwidth punctuation ("，！：（") is ordinary
# in CJK text, changes nothing the extractors need, and would make every Chinese post take the slow path.
_FULLWIDTH = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20\uff0e\uff0f"
SPOT = re.compile("[" + _INVISIBLE + _FULLWIDTH + _HG + "\\[({]")
_BRACKET = re.compile(r"[\[({][ \t]*(?:(?P<at>at|@)|dot|\.)[ \t]*[\])}]", re.IGNORECASE)
_LAT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./@" + _INVISIBLE)
_SPACE = " \t"
# Whether `deobfuscate` changes something at a SPOT hit (the same judgement as its loop, as one regex): a
# text without a SPOT hit where it matches is returned unchanged. The batch path runs SPOT over many texts
# joined by one separator ("\x00") and tries this at each hit (the separator is not in _LAT, like the
# text's own start and end, and no bracket form spans it).
_LAT_CLASS = "A-Za-z0-9./@" + _INVISIBLE
NEEDS_CHANGE = re.compile(
    "[" + _INVISIBLE + _FULLWIDTH + "]|(?<=[" + _LAT_CLASS + "])[" + _HG + "]|[" + _HG + "](?=[" + _LAT_CLASS + "])"
    r"|[\[({][ \t]*(?i:at|@|dot|\.)[ \t]*[\])}]"
)


class Deobfuscated:
    """Cleaned text plus, when anything changed, the original offset of each cleaned character."""

    __slots__ = ("_offsets", "original", "text")

    def __init__(self, text: str, offsets: list[int] | None, original: str) -> None:
        self.text = text
        self._offsets = offsets  # None means identity: nothing was changed
        self.original = original

    @property
    def changed(self) -> bool:
        return self._offsets is not None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to the span of the original text it came from."""
        offs = self._offsets
        if offs is None:
            return start, end
        if end <= start:
            o = offs[start]
            return o, o
        # Every cleaned character stands for one original character (a bracket substitution maps to the
        # bracket's first visible character), so the span ends one past the last one.
        return offs[start], offs[end - 1] + 1


def deobfuscate(text: str) -> Deobfuscated:
    """Undo indicator obfuscations; cheap when there is nothing to undo."""
    if SPOT.search(text) is None:
        return Deobfuscated(text, None, text)
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    n = len(text)
    for m in SPOT.finditer(text):
        s = m.start()
        if s < pos:
            continue
        ch = text[s]
        e = s + 1
        if ch in "[({":
            b = _BRACKET.match(text, s)
            if b is None:
                continue
            e = b.end()
            # swallow the spaces around the bracket: "bestmeds24 [.] net" is one token
            while s > pos and text[s - 1] in _SPACE:
                s -= 1
            while e < n and text[e] in _SPACE:
                e += 1
            rep = "@" if b.group("at") else "."
            src = b.start()  # the substituted character stands for the whole bracket
        elif ch in _INVISIBLE:
            rep = ""  # dropped: the neighbours join up
            src = s
        elif ch in _HOMOGLYPHS:
            # a look-alike counts only inside a Latin token: a neighbour is Latin
            prev = text[s - 1] if s > 0 else ""
            nxt = text[e] if e < n else ""
            if prev not in _LAT and nxt not in _LAT:
                continue
            rep = _HOMOGLYPHS[ch]
            src = s
        else:
            rep = chr(ord(ch) - 0xFEE0)  # fullwidth ASCII to ASCII (the NFKC mapping of that block)
            src = s
        if s > pos:
            out.append(text[pos:s])
            offs.extend(range(pos, s))
        if rep:
            out.append(rep)
            offs.append(src)
        pos = e
    if pos == 0 and not out:
        return Deobfuscated(text, None, text)
    out.append(text[pos:])
    offs.extend(range(pos, n))
    return Deobfuscated("".join(out), offs, text)

"""The declarative core: named patterns with a score and a hook, run over de-obfuscated text.

Each indicator module is a table of `Pattern`s (Presidio-style: a name, a regex, a score, cue words and a
validation hook). The engine runs the patterns whose cheap guards appear in the text, turns matches into
`Candidate`s through the hooks, resolves overlaps (highest score wins, then the longer span), and maps spans
back to the original text.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from narcotrace.indicators._deobf import Deobfuscated
from narcotrace.items import Indicator

__all__ = ["Candidate", "Context", "Pattern", "aligned_lower", "make_indicator", "near", "resolve", "scan"]


class Candidate(NamedTuple):
    """A match that passed its hook: spans index the de-obfuscated text until `resolve` maps them.

    A NamedTuple rather than a frozen dataclass: it is built for every URL of every text, and a tuple is
    several times cheaper to create; it never leaves this package (extract returns `Indicator`s).
    """

    type: str
    start: int
    end: int
    normalized: str
    valid: bool
    score: float


class Context:
    """What a hook may look at: the cleaned text, its lower-case copy and the item's country."""

    __slots__ = ("country", "deob", "lower", "text", "url_spans")

    def __init__(self, deob: Deobfuscated, country: str | None, lower: str | None = None) -> None:
        self.deob = deob
        self.text = deob.text
        self.lower = aligned_lower(deob.text) if lower is None else lower
        self.country = country.upper() if country else None
        # spans of the URLs found so far: the domain finder does not look inside them again
        self.url_spans: list[tuple[int, int]] = []


def aligned_lower(text: str) -> str:
    """`text.lower()` with the same length as `text`, so that offsets into either index the other."""
    low = text.lower()
    if len(low) != len(text):
        # a few characters lower-case to two ("İ"): keep offsets aligned by leaving those as they are
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


Hook = Callable[[re.Match[str], Context], "Candidate | None"]
Finder = Callable[[Context], "list[re.Match[str]]"]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One named way an indicator is written.

    `guards` are lower-case substrings of which at least one must occur in the lower-cased text for the
    regex to run at all; they keep texts without candidates almost free. An empty tuple means always run.
    `finder`, when given, replaces `regex.finditer` with a cheaper way to reach the same matches (an
    Aho-Corasick pass over cue words, a literal anchor expanded by hand).
    """

    name: str
    regex: re.Pattern[str]
    score: float
    hook: Hook
    guards: tuple[str, ...] = ()
    finder: Finder | None = None

    def matches(self, ctx: Context) -> Iterable[re.Match[str]]:
        if self.finder is not None:
            return self.finder(ctx)
        return scan(self.regex, ctx.text)


def scan(regex: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """regex.finditer, but a text without a match costs one `search` (most texts have none)."""
    first = regex.search(text)
    if first is None:
        return ()
    return regex.finditer(text, first.start())


_WORD_TAIL = 24  # characters read past a window's end to see the whole of a cue word that begins within it


def near(lower: str, start: int, end: int, words: re.Pattern[str], window: int = 40) -> bool:
    """True when one of `words` occurs within `window` characters before `start` or after `end`."""
    lo = max(0, start - window)
    if words.search(lower, lo, start) is not None:
        return True
    # After the match the window's end may cut a word ("was" as "wa", "telescope" as "tel"): the search reads on
    # for a word's length and keeps a cue that begins within the window.
    after = words.search(lower, end, min(len(lower), end + window + _WORD_TAIL))
    return after is not None and after.start() < end + window


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates: highest score, then longest; output sorted by start.

    Kept spans never overlap, so a new candidate only has to be checked against its two neighbours in
    start order (bisect): linear-logarithmic even for texts with thousands of candidates.
    """
    if len(cands) <= 1:
        return cands
    ranked = sorted(cands, key=lambda c: (-c.score, -(c.end - c.start), c.start))
    starts: list[int] = []
    kept: list[Candidate] = []
    for c in ranked:
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue
        if i < len(kept) and kept[i].start < c.end:
            continue
        if c.end == c.start and i > 0 and kept[i - 1].start == c.start:
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


# Indicator records built without the dataclass __init__ (which sets each field through
# object.__setattr__ because the class is frozen): the same object, about twice as fast to make. Only
# while Indicator stays a plain frozen, slotted record with these fields and no __post_init__.
_FIELDS = ("type", "value", "normalized", "valid", "start", "end")
if (
    tuple(f.name for f in dataclasses.fields(Indicator)) == _FIELDS
    and not hasattr(Indicator, "__post_init__")
    and all(type(getattr(Indicator, f)).__name__ == "member_descriptor" for f in _FIELDS)
):
    _new = object.__new__
    _set_type, _set_value, _set_norm, _set_valid, _set_start, _set_end = (getattr(Indicator, f).__set__ for f in _FIELDS)

    def make_indicator(type_: str, value: str, normalized: str, valid: bool, start: int, end: int) -> Indicator:
        ind = _new(Indicator)
        _set_type(ind, type_)
        _set_value(ind, value)
        _set_norm(ind, normalized)
        _set_valid(ind, valid)
        _set_start(ind, start)
        _set_end(ind, end)
        return ind

else:  # pragma: no cover - only if Indicator changes shape
    make_indicator = Indicator

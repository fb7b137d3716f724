"""The knowledge base's file layout and the rules the build script and the validator must share.

Kept in one place so that tools/build_kb.py and validate_kb cannot drift apart: what the columns are, how a term is
folded for comparison, and when a term collides with a common word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Set
from types import MappingProxyType

# Class id -> default severity (DESIGN.md, "severity"). Per-substance overrides live in substances.tsv.
CLASSES: Mapping[str, str] = MappingProxyType(
    {
        "fentanyl": "critical",
        "nitazene": "critical",
        "opioid": "high",
        "stimulant": "medium",
        "benzodiazepine": "medium",
        "cannabis": "low",
        "psychedelic": "medium",
        "dissociative": "medium",
        "precursor": "medium",
        "equipment": "critical",
        "prescription": "medium",
        "other": "medium",
    }
)
SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low")
KINDS: tuple[str, ...] = (
    "name", "synonym", "brand", "slang", "imprint", "emoji", "jargon", "misspelling", "cas", "strain"
)
SIGNALS: tuple[str, ...] = ("dealer", "potency", "batch", "delivery", "shipping", "universal")

SUBSTANCE_COLUMNS: tuple[str, ...] = ("canonical", "class", "severity", "cas", "sources", "note")
TERM_COLUMNS: tuple[str, ...] = ("term", "substance", "kind", "lang", "context_only", "source", "note")
EMOJI_COLUMNS: tuple[str, ...] = ("emoji", "signal", "source", "note")

DATA_FILES: tuple[str, ...] = ("substances.tsv", "terms.tsv", "emoji_signals.tsv")
COMMON_WORDS_FILE = "common_words.txt"
# Everyday words of other languages (lang, word), by which the detector tells a text written in one of them.
FOREIGN_WORDS_FILE = "foreign_words.tsv"
COMMON_WORDS_HEADER = (
    "# Common words: a KB term equal to one of these (or a phrase made only of them) must be context_only.\n"
    "# Source: wordfreq {version} (https://github.com/rspeer/wordfreq), every word with Zipf frequency at least: {zipf};"
    "\n# plus tools/kb/context_words.txt (hand list). Folded: NFKC, casefold, Latin accents removed."
)

# Kinds that are the drug's own name: frequent or not, they mean the drug ("cocaine", "Xanax", a CAS number).
_NAME_KINDS = frozenset({"name", "brand", "cas"})
_TOKEN_SPLIT = re.compile(r"[\s\-/&.,']+")


_CAS = re.compile(r"^\d{2,7}-\d{2}-\d$")


def cas_ok(text: str) -> bool:
    """A well-formed CAS registry number whose check digit is right (catches transcription typos)."""
    if not _CAS.match(text):
        return False
    digits = text.replace("-", "")
    check = sum(int(d) * i for i, d in enumerate(reversed(digits[:-1]), start=1)) % 10
    return check == int(digits[-1])


def strip_latin_marks(text: str) -> str:
    """`text` (NFC) with the accents of its Latin letters removed; Thai, Indic and kana marks are letters and stay."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _AFTER_LATIN.sub(_drop_leading_marks, unicodedata.normalize("NFD", text)))


# After NFD, the characters that follow a character below U+0250 (Latin letters and what precedes them), up to the
# next such character: the nonspacing marks (Mn) at the start of the run are that letter's accents.
_AFTER_LATIN = re.compile("(?<=[\x00-\u024f])[^\x00-\u024f]+")


def _drop_leading_marks(m: re.Match[str]) -> str:
    run = m.group()
    i = 0
    while i < len(run) and unicodedata.category(run[i]) == "Mn":
        i += 1
    return run[i:]


def fold(text: str) -> str:
    """Comparison form: NFKC, casefolded, accents removed from Latin letters only (Thai and kana marks are letters)."""
    return strip_latin_marks(unicodedata.normalize("NFKC", text)).casefold().strip()


def collides(text: str, kind: str, common: Set[str]) -> bool:
    """True when a term could be an ordinary word, so the detector should count it only next to sale intent."""
    if kind in _NAME_KINDS or kind == "emoji":
        return False
    folded = fold(text)
    if len(folded) <= 2 and folded.isascii():
        return True  # "h", "x", "oc": far too short to mean anything alone
    if folded in common:
        return True
    tokens = [t for t in _TOKEN_SPLIT.split(folded) if t]
    return len(tokens) > 1 and all(t in common or t.isdigit() or len(t) <= 2 for t in tokens)

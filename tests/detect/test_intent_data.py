"""The packaged intent cues (detect/data/intent.tsv): well-formed, sourced, known signals, no duplicates."""

from __future__ import annotations

from collections import Counter

from narcotrace.detect._cues import COUNTER_CUES, SALE_CUES, SHIELD_CUE
from narcotrace.detect.signals import load_intent_terms
from narcotrace.kb._validate import _LANG
from narcotrace.text import normalize

SIGNALS = set(SALE_CUES) | set(COUNTER_CUES) | {"solicit"}


def test_every_cue_is_well_formed() -> None:
    rows = load_intent_terms()
    assert len(rows) > 1000
    problems = []
    for term, signal, lang, source in rows:
        if signal not in SIGNALS | {SHIELD_CUE}:
            problems.append(f"{term!r}: unknown signal {signal!r}")
        if not _LANG.match(lang):
            problems.append(f"{term!r}: language {lang!r} is not a BCP-47 tag")
        if not source.strip():
            problems.append(f"{term!r}: empty source")
        if not normalize(term).text.strip():
            problems.append(f"{term!r}: nothing left after normalization")
    assert problems == []


def test_no_duplicate_cues() -> None:
    counts = Counter((normalize(t).text.strip(), s, lang) for t, s, lang, _ in load_intent_terms())
    assert [k for k, n in counts.items() if n > 1] == []


def test_every_sale_cue_kind_exists_in_english() -> None:
    have = {s for _, s, lang, _ in load_intent_terms() if lang == "en"}
    assert SIGNALS <= have

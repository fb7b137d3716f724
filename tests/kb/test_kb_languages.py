"""Non-English drug words in the shipped KB: generic words ('unspecified drug') and drug names or slang per language.

The detector missed offers written in Spanish, Chinese, Korean, Thai... because the KB only had INN names there.
These rows pin the hand-added words (tools/kb/terms.tsv), their language tag and whether they need sale context.
"""

from __future__ import annotations

import pytest

from narcotrace.kb import KnowledgeBase, load_kb

# Every language the detector is expected to cover must have a generic word for illegal drugs.
GENERIC_LANGS = ["es", "pt", "fr", "de", "nl", "ru", "zh", "ja", "ko", "th"]

# (term as written, substance, lang, context_only)
LANG_TERMS = [
    # generic words: news and prevention pages use them as much as sellers do, so they need context
    ("drogas", "unspecified drug", "es", True),
    ("Betäubungsmittel", "unspecified drug", "de", True),
    ("verdovende middelen", "unspecified drug", "nl", True),
    ("stupéfiants", "unspecified drug", "fr", True),
    ("entorpecentes", "unspecified drug", "pt", True),
    ("наркотики", "unspecified drug", "ru", True),
    ("毒品", "unspecified drug", "zh", True),
    ("麻薬", "unspecified drug", "ja", True),
    ("마약", "unspecified drug", "ko", True),
    ("ยาเสพติด", "unspecified drug", "th", True),
    # a drug's own name is enough on its own
    ("mariguana", "cannabis", "es", False),
    ("éxtasis", "mdma", "es", True),  # also the everyday word for rapture; a drug word in a sale (unsold words)
    ("maconha", "cannabis", "pt", False),
    ("Kokain", "cocaine", "de", False),
    ("Haschisch", "cannabis", "de", False),
    ("paddo", "psilocybin", "nl", False),
    ("мефедрон", "mephedrone", "ru", False),
    ("спайс", "synthetic cannabinoids", "ru", False),
    ("摇头丸", "mdma", "zh-Hans", False),
    ("搖頭丸", "mdma", "zh-Hant", False),
    ("上头电子烟", "synthetic cannabinoids", "zh-Hans", False),
    ("飞叶子", "cannabis", "zh-Hans", False),
    ("合成大麻素", "synthetic cannabinoids", "zh", False),
    ("覚せい剤", "methamphetamine", "ja", False),
    ("脱法ハーブ", "synthetic cannabinoids", "ja", False),
    ("대마초", "cannabis", "ko", False),
    ("필로폰", "methamphetamine", "ko", False),
    ("엑스터시", "mdma", "ko", False),
    ("กัญชา", "cannabis", "th", False),
    ("ยาไอซ์", "methamphetamine", "th", False),
    ("ยาอี", "mdma", "th", False),
    # also ordinary words (or too short) in their language: only next to sale intent
    ("溜冰", "methamphetamine", "zh", True),  # ice skating
    ("กระท่อม", "kratom", "th", True),  # hut
    ("ไอซ์", "methamphetamine", "th", True),  # the loanword 'ice'
    ("대마", "cannabis", "ko", True),  # hemp
    ("뽕", "methamphetamine", "ko", True),
    ("cristal", "methamphetamine", "es", True),
    ("herbe", "cannabis", "fr", True),
    ("меф", "mephedrone", "ru", True),
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_unspecified_drug_is_a_medium_other_substance(kb: KnowledgeBase) -> None:
    info = kb.substances["unspecified drug"]
    assert (info.cls, info.severity) == ("other", "medium")
    assert info.note


@pytest.mark.parametrize("lang", GENERIC_LANGS)
def test_every_language_has_a_generic_drug_word(kb: KnowledgeBase, lang: str) -> None:
    words = [t for t in kb.terms_for("unspecified drug") if t.lang == lang]
    assert words, f"no generic drug word in {lang}"
    assert all(t.context_only for t in words), [t.text for t in words if not t.context_only]


@pytest.mark.parametrize(("text", "substance", "lang", "context_only"), LANG_TERMS)
def test_language_terms(kb: KnowledgeBase, text: str, substance: str, lang: str, context_only: bool) -> None:
    hits = [t for t in kb.terms if t.text == text and t.substance == substance]
    assert len(hits) == 1, f"{text!r} -> {substance!r}: {hits}"
    assert (hits[0].lang, hits[0].context_only) == (lang, context_only)
    assert hits[0].source  # every hand-added word names where it comes from


def test_english_rows_keep_their_language(kb: KnowledgeBase) -> None:
    # A hand-added foreign term must not take over an English slang row with the same spelling (the first source
    # to add a term decides its language): 'Crystal' and 'Tina' are DEA English slang and stay English.
    for text in ("Crystal", "Tina"):
        hits = [t for t in kb.terms if t.text == text and t.substance == "methamphetamine"]
        assert hits and hits[0].lang == "en", (text, hits)

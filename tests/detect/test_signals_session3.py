"""Session-3 KB and signal rules: RedMed medicines and 21 CFR steroid names, ordinary-word slang needs another drug
word, research-chemical codes match however their separators are written."""

from __future__ import annotations

import pytest

from narcotrace.detect.signals import SignalExtractor, ordinary_slang
from narcotrace.kb import load_kb


@pytest.fixture(scope="module")
def extractor() -> SignalExtractor:
    return SignalExtractor(load_kb())


@pytest.mark.parametrize(
    ("term", "substance", "cls", "context_only"),
    [
        ("tamoxifen", "tamoxifen", "prescription", False),  # RedMed medicine: its INN is a name
        ("anastrozole", "anastrozole", "prescription", False),
        ("prozac", "fluoxetine", "prescription", True),  # RedMed's other names count only next to sale intent
        ("testosterone", "anabolic steroids", "other", False),  # 21 CFR 1308.13(f): a name, not a collision
        ("trenbolone", "anabolic steroids", "other", False),
        ("masteron", "anabolic steroids", "other", False),  # RedMed's drostanolone is the KB's steroid, not a medicine
        ("sustanon", "anabolic steroids", "other", False),
        ("fub-144", "fub-144", "other", False),  # DEA code 7014: its systematic name is no name, its synonym is
        ("5f-adb", "5f-adb", "other", False),
    ],
)
def test_new_kb_terms(term: str, substance: str, cls: str, context_only: bool) -> None:
    kb = load_kb()
    rows = [t for t in kb.terms if t.text.lower() == term and t.substance == substance]
    assert rows, f"{term!r} missing for {substance!r}"
    assert rows[0].context_only is context_only
    assert kb.substances[substance].cls == cls


def test_redmed_medicines_are_low_and_sourced() -> None:
    kb = load_kb()
    bulk = [s for s in kb.substances.values() if s.cls == "prescription" and s.severity == "low"]
    assert len(bulk) > 1000
    assert all("drug_name_lexicons/redmed_drug_lexicon.tsv" in s.sources for s in bulk)
    # Foods and ordinary words that DrugBank lists are not medicines here (a written-word INN with a brand of its
    # own, such as metformin or ibuprofen, is: tests/kb/test_kb_legal_names.py).
    for word in ("apricot", "haddock", "green tea", "caffeine", "fish oil", "drostanolone", "nandrolone"):
        assert word not in kb.substances


@pytest.mark.parametrize(
    ("text", "kind", "counts"),
    [
        ("New hoodie in stock, $40, DM me", None, False),  # an ordinary word with sale words is the word
        ("Fresh mint and crypto, $20 each, telegram @shop", None, False),  # two ordinary words still are
        ("mint and fentanyl $20 each, telegram @shop", None, True),  # next to a drug name it is slang
        ("hoodie 10g", "listing", True),  # a listing offers a product by definition
    ],
)
def test_ordinary_slang_needs_a_drug_word(
    extractor: SignalExtractor, text: str, kind: str | None, counts: bool
) -> None:
    sig = extractor.extract(text, kind=kind)
    slang = [h for h in sig.hits if h.signal.startswith("slang:")]
    assert bool(slang) is counts, (text, [h.signal for h in sig.hits])


@pytest.mark.parametrize(
    ("text", "kind", "context_only", "expected"),
    [
        ("hoodie", "slang", True, True),
        ("Mint", "slang", True, True),
        ("china white", "slang", True, False),  # a phrase of ordinary words is rarely written by chance
        ("M30", "imprint", True, False),  # imprints are not words
        ("heroin", "name", False, False),
        ("percs", "slang", True, False),  # not an ordinary word
        ("Wedding Cake", "strain", True, True),  # a cultivar named with an everyday phrase
        ("13 Roses", "strain", True, True),
        ("Mr. Burns", "strain", True, True),  # punctuation is no part of a word
        ("Jack Herer", "strain", True, False),  # "herer" is no ordinary word
        ("Chemdawg", "strain", True, False),
        # Session 21: a brand of one common word is that word as often ("Koi fish", "camino de mesa")
        ("Koi", "brand", True, True),
        ("Kiva Confections", "brand", True, False),  # a phrase
        ("Muha", "brand", True, False),  # no common word
    ],
)
def test_ordinary_slang_rule(text: str, kind: str, context_only: bool, expected: bool) -> None:
    from pathlib import Path

    from narcotrace.kb._validate import PACKAGED_DIR, load_common_words

    assert ordinary_slang(text, kind, context_only, load_common_words(Path(PACKAGED_DIR))) is expected


@pytest.mark.parametrize(
    ("term", "variants"),
    [
        ("FUB-144", ["fub 144", "fub144"]),
        ("2C-B", ["2-cb", "2cb"]),  # four characters: no spaced spelling ("2c b"); "2-CB" as sellers write it
        ("5F-PB-22", ["5f pb 22", "5f pb-22", "5f pb22", "5f-pb 22", "5f-pb22", "5fpb 22", "5fpb-22", "5fpb22"]),
        ("1-Testosterone", []),  # a chemical word, not a code
        ("heroin", []),
        ("AB-FUBINACA", []),  # no digit: a name whose hyphen is part of it
    ],
)
def test_code_variants(term: str, variants: list[str]) -> None:
    from narcotrace.detect.lexicon import code_variants

    assert code_variants(term) == variants


@pytest.mark.parametrize(
    ("text", "substance"),
    [
        ("Buy 5F PB 22 online 100g", "5f-pb-22"),
        ("5FPB22 1kg", "5f-pb-22"),
        ("4CN-CUMYL-BUTINACA 50g", "4-cn-cumyl-butinaca"),
        ("2cb pills 10x", "2c-b"),
        ("5F AMB 1kg", "5f–amb"),  # the KB writes it with an en dash
        ("Buy FUB144 Online (1kg)", "fub-144"),
    ],
)
def test_codes_match_however_joined(extractor: SignalExtractor, text: str, substance: str) -> None:
    assert substance in extractor.extract(text, kind="listing").substances


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("200x m30 oxycodone mallinckrodt pharmaceuticals", True),
        ("50GR COCAINE FISHSCALE COLUMBIAN EXTREME POTENT", True),
        ("Police seized 50kg of cocaine in the port", False),  # news
        ("how long does 1g of cocaine stay in your system?", False),  # a question
        ("cocaine is everywhere in this city", False),  # no quantity
        ("I keep thinking about the 2 grams of cocaine they found in the car of the mayor after the party, "
         "what a scandal for the whole town", False),  # longer than a title
    ],
)
def test_catalogue_line(extractor: SignalExtractor, text: str, fires: bool) -> None:
    assert bool(extractor.extract(text).features.get("catalogue")) is fires

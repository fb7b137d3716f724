"""code_variants (the joins of a code term: hyphen, space, none), phrase_variants and unaccented spellings."""

from __future__ import annotations

import pytest

from narcotrace.detect.lexicon import PhraseMatcher, code_variants, phrase_variants, unaccented


@pytest.mark.parametrize(
    ("term", "variants"),
    [
        # Letters then a run of 3+ digits: a join, written or not, as the laws and sellers write it.
        ("AM2201", ["am 2201", "am-2201"]),
        ("AM-2201", ["am 2201", "am2201"]),
        ("JWH018", ["jwh 018", "jwh-018"]),
        ("U47700", ["u 47700", "u-47700"]),
        ("U-47700", ["u 47700", "u47700"]),
        ("NM2201", ["nm 2201", "nm-2201"]),
        # Existing joins keep working.
        ("FUB-144", ["fub 144", "fub144"]),
        ("2C-B", ["2cb"]),  # too short to be written with a space
        # Two digits or fewer are no join: "m 30", "akb 48", "4 fa" would be sizes, times and models.
        ("M30", []),
        ("AKB48", []),
        ("4-FA", ["4fa"]),
        ("MDMB2201X", ["mdmb 2201x", "mdmb-2201x"]),
        # A Greek prefix is written in Latin letters too ("APVP"); with no digit, no spaced spelling ("a pvp").
        ("α-PVP", ["apvp"]),
        ("α-PiHP", ["apihp"]),
        ("β-Hydroxyfentanyl", []),
        # No code: no digit, or a chemical word.
        ("fentanyl", []),
        ("china white", []),
        ("testosterone-400", []),
    ],
)
def test_code_variants(term: str, variants: list[str]) -> None:
    assert code_variants(term) == variants


def _matcher(*terms: str) -> PhraseMatcher[str]:
    pairs = [(t, t) for t in terms] + [(v, t) for t in terms for v in code_variants(t)]
    return PhraseMatcher(pairs)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Buy Am-2201 Online (5 kg )", ["AM2201"]),
        ("AM 2201 for sale", ["AM2201"]),
        ("am2201", ["AM2201"]),
        ("U 47700 powder", ["U47700"]),
        # Ordinary text with letters before numbers stays quiet: dates, models, versions, times.
        ("I am 22 and it is 2201 miles away", []),
        ("I am 2201st in line", []),
        ("see you at 2201 am", []),
        ("model U4770 v2", []),
    ],
)
def test_spaced_code_variants_match_codes_not_text(text: str, found: list[str]) -> None:
    assert [p for _, _, p in _matcher("AM2201", "U47700").find(text.lower())] == found


@pytest.mark.parametrize(
    ("term", "plain"),
    [
        ("cocaína", "cocaina"),
        ("ma túy", "ma tuy"),
        ("éxtasis", "extasis"),
        ("cỏ", ""),  # too short: "co" is a syllable of many Vietnamese words
        ("heroin", ""),  # nothing to remove
        ("ยาบ้า", ""),  # Thai marks are letters
    ],
)
def test_unaccented(term: str, plain: str) -> None:
    assert unaccented(term) == plain


def test_matcher_reads_terms_typed_without_accents() -> None:
    m = PhraseMatcher([("cocaína", "c"), ("envío discreto", "s")])
    assert [(a, b, p) for a, b, p in m.find("envio discreto de cocaina")] == [(0, 14, "s"), (18, 25, "c")]
    assert [p for _, _, p in m.find("cocaína")] == ["c"]


def test_phrase_variants() -> None:
    assert phrase_variants("White Widow") == ["white-widow"]
    assert phrase_variants("God's Gift") == ["god's-gift", "gods gift", "gods-gift"]
    assert phrase_variants("fentanyl") == []
    m = PhraseMatcher([(v, "w") for v in ["white widow", *phrase_variants("White Widow")]])
    assert [p for _, _, p in m.find("28g white-widow aaa")] == ["w"]


def test_cyrillic_terms_match_with_case_endings() -> None:
    m = PhraseMatcher([("мефедрон", "m"), ("канабіс", "c"), ("мет", "x")])
    assert [p for _, _, p in m.find("задержала продавца мефедрона")] == ["m"]
    assert [(a, b) for a, b, _ in m.find("продаж канабісу")] == [(7, 15)]
    assert m.find("метро") == []  # a short term takes no ending
    assert m.find("мефедроновый") == []  # longer than a case ending: another word

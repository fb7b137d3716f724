"""code_variants (the joins of a code term: hyphen, space, none), phrase_variants, unaccented spellings and
terms run together with an everyday word or a dose, camel-case word boundaries."""

from __future__ import annotations

import pytest

from narcotrace.detect import Scanner
from narcotrace.detect.lexicon import (
    PhraseMatcher,
    camel_boundaries,
    code_variants,
    hyphen_variants,
    phrase_variants,
    unaccented,
    unplanted,
)


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
        ("2C-B", ["2-cb", "2cb"]),  # too short to be written with a space; sellers also write "2-CB"
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


@pytest.mark.parametrize(
    ("term", "variants"),
    [
        ("alpha-PVP", ["alpha pvp"]),
        ("альфа-пвп", ["альфа пвп"]),
        ("Gamma‐butyrolactone", ["gamma butyrolactone"]),  # U+2010 hyphen
        ("k-hole", []),  # a word of fewer than 3 letters
        ("AL-LAD", []),
        ("FUB-144", []),  # a code: code_variants
        ("fentanyl", []),
    ],
)
def test_hyphen_variants(term: str, variants: list[str]) -> None:
    assert hyphen_variants(term) == variants


@pytest.mark.parametrize("text", ["Альфа пвп 0.5г, закладки по всему городу, телеграм", "alpha pvp 1g for sale, wickr me"])
def test_a_hyphenated_drug_name_written_with_a_space_is_found(scanner: Scanner, text: str) -> None:
    assert "alpha-pvp" in scanner.extractor.extract(text).substances


def test_slang_joined_by_a_hyphen_is_not_read_apart(scanner: Scanner) -> None:
    assert not scanner.extractor.extract("the k hole in the fence").substances


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


def test_latin_drug_names_match_with_case_endings() -> None:
    """Czech, Hungarian, Lithuanian, Finnish... nouns take an ending: only names (payloads `inflected` allows) take
    one, of the known endings, and never when the word made is an everyday word."""
    everyday = {"doctora", "colombiana"}.__contains__
    m = PhraseMatcher(
        [("kokain", "n"), ("pervitin", "n"), ("doctor", "s"), ("colombian", "s"), ("kokaiini", "n")],
        everyday=everyday, inflected=lambda p: p == "n",
    )
    assert [(a, b) for a, b, _ in m.find("eladó kokaint")] == [(6, 13)]
    assert [(a, b) for a, b, _ in m.find("koupím pervitinu")] == [(7, 16)]
    assert [(a, b) for a, b, _ in m.find("myyn kokaiinia")] == [(5, 14)]
    assert m.find("la doctora") == [] and m.find("doctorx") == []  # slang takes no ending
    assert m.find("kokainxyz") == []  # no known ending
    assert m.find("pervitinovy") == []  # longer than an ending: another word
    assert PhraseMatcher([("kokain", "n")]).find("kokaint") == []  # nothing is inflected unless asked


def test_a_declension_names_change_their_last_letter() -> None:
    """Slavic and Baltic nouns in -a replace it ("marihuan|a" -> "marihuan|u", "|y", "|ę"): the stem matches only
    with one of those endings, at a word start, never as an everyday word, and never with a Spanish or Italian
    masculine ending ("marihuano" is a pot smoker)."""
    everyday = {"heroine", "marihuanom"}.__contains__
    m = PhraseMatcher(
        [("marihuana", "n"), ("heroina", "n"), ("kokain", "n"), ("kokaina", "n"), ("milonga", "s")],
        everyday=everyday, inflected=lambda p: p == "n",
    )
    assert [(a, b) for a, b, _ in m.find("mám marihuanu")] == [(4, 13)]
    assert [(a, b) for a, b, _ in m.find("sprzedam marihuanę")] == [(9, 18)]  # "ę" read as "e" without its accent
    assert [(a, b) for a, b, _ in m.find("nie mam marihuany")] == [(8, 17)]
    assert m.find("marihuano") == [] and m.find("marihuanos") == []
    assert m.find("the heroine") == []  # an everyday word
    assert m.find("marihuanom") == []
    assert m.find("xmarihuanu") == [] and m.find("marihuanuxy") == []  # inside a word, or no known ending
    assert m.find("milongu") == []  # only payloads that take endings
    # "kokain" is a name of its own: "kokainu" is its case ending, read once, not also as the stem of "kokaina"
    assert [(a, b, p) for a, b, p in m.find("mám kokainu")] == [(4, 11, "n")]


EVERYDAY = {"lion", "blue", "market", "the", "heroine", "story", "ambientes", "tes", "cultivation", "crystal"}.__contains__


def test_unaccented_spelling_that_is_an_everyday_word_is_ordinary() -> None:
    m = PhraseMatcher([("héroïne", "h"), ("cocaína", "c")], everyday=EVERYDAY)
    assert m.find("the heroine of the story") == []  # French "héroïne" typed plain is an English word
    assert [p for _, _, p in m.find("héroïne pure")] == ["h"]
    assert [p for _, _, p in m.find("cocaina")] == ["c"]
    m = PhraseMatcher([("héroïne", "h")], everyday=EVERYDAY, ordinary=lambda p: p + "?")
    assert [p for _, _, p in m.find("the heroine of the story")] == ["h?"]  # counted as an ordinary word
    assert [p for _, _, p in m.find("héroïne pure")] == ["h"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("1g heroinlion", ["heroin"]),  # (normalized text) a name joined to an everyday word at one end
        ("bluexanax 2mg", ["xanax"]),
        ("ultram100mg x 30", ["ultram"]),  # a name with its dose
        ("xanax2mg", ["xanax"]),
        ("heroinmarketlion", []),  # two words joined: not an everyday word at one end
        ("lionheroinblue", []),  # joined at both ends: a fragment
        ("heroinzzq", []),  # the rest is no everyday word
        ("ambientes", []),  # the whole word is an everyday word (Spanish), not "ambien" + "tes"
        ("methblue", []),  # terms shorter than 5 letters never join a word
        ("oxy30mg", []),  # nor, below 4 letters, a dose
    ],
)
def test_terms_joined_to_an_everyday_word_or_a_dose(text: str, found: list[str]) -> None:
    m = PhraseMatcher([(t, t) for t in ("heroin", "xanax", "ultram", "ambien", "meth", "oxy")], everyday=EVERYDAY)
    assert [p for _, _, p in m.find(text)] == found
    assert PhraseMatcher([("heroin", "heroin")]).find("1g heroinlion") == []  # only with the everyday words


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("PurpleKush 7g+BlackDominaIndica 7g", ["Kush", "Domina", "Indica"]),
        ("PineappleSour14g", ["Sour14g"]),  # a dose may follow
        ("https://t.co/FkZGUAuWAc https://t.co/AbcdEfgh", []),  # link codes only look like words
        ("#ZimBho McDonald iPhone", []),  # parts of fewer than 4 letters, or not capitalised
        ("GREENCRACK greencrack", []),
    ],
)
def test_camel_boundaries(text: str, parts: list[str]) -> None:
    found = sorted(camel_boundaries(text, list(range(len(text)))))
    ends = found[1:] + [None]
    assert [text[a:b].split("+")[0].split(" ")[0] for a, b in zip(found, ends)] == parts


def test_camel_case_boundary_lets_a_term_match() -> None:
    m = PhraseMatcher([("kush", "k"), ("indica", "i")])
    text = "PurpleKush 7g+BlackDominaIndica"
    low = text.lower()
    assert [p for _, _, p in m.find(low)] == []
    assert [p for _, _, p in m.find(low, camel_boundaries(text, list(range(len(text)))))] == ["k", "i"]


def test_text_is_also_read_without_its_accents() -> None:
    # The KB keeps one spelling per folded term ("heroïne", Dutch); the French "héroïne" must still find it.
    m = PhraseMatcher([("heroïne", "h"), ("co", "x")], everyday=EVERYDAY, ordinary=lambda p: p + "?")
    assert [p for _, _, p in m.find("héroïne pure")] == ["h"]  # written with accents: the drug's name
    assert [p for _, _, p in m.find("the heroine")] == ["h?"]  # written plain: the English word
    assert m.find("cỏ") == []  # a short syllable stripped of its marks is no term


def test_symbols_planted_in_cjk_and_hangul_words_are_read_through() -> None:
    assert unplanted("出✨售冰✨毒") == ("出售冰毒", [0, 2, 3, 5])
    assert unplanted("冰毒，微信")[0] == "冰毒，微信"  # punctuation is not planted
    assert unplanted("ขาย✨กัญชา")[0] == "ขาย✨กัญชา"  # Thai is left alone
    assert unplanted("텔 레 그 램 @x")[0] == "텔레그램 @x"  # spelled out one syllable at a time
    # spelled out with symbols and spaces between the syllables (session 10): "Telegram inquiry"
    assert unplanted("텔✡ 레 ✎ 문↘ 의 ♠")[0] == "텔레문의 ♠"
    assert unplanted("안녕 ✨ 하세요 친구")[0] == "안녕 ✨ 하세요 친구"  # words, not syllables one at a time
    assert unplanted("서울 → 부산 배송")[0] == "서울 → 부산 배송"
    assert unplanted("잘 안 돼요")[0] == "잘 안 돼요"  # two single syllables are words, not spelling
    m = PhraseMatcher([("出售", "sell"), ("冰毒", "meth"), ("비밀배송", "ship"), ("✨", "emoji")])
    text = "出✨售冰✨毒 비➡밀❄배➡송"
    found = sorted((text[a:b], p) for a, b, p in m.find(text))
    assert ("出✨售", "sell") in found and ("冰✨毒", "meth") in found and ("비➡밀❄배➡송", "ship") in found
    assert found.count(("✨", "emoji")) == 2  # the symbols stay evidence of their own


def test_a_cue_inside_a_longer_cue_of_a_script_without_spaces_is_no_cue(scanner: Scanner) -> None:
    sig = scanner.extractor.extract("필로폰 판매합니다 텔레그램 @abc")
    cues = [h.signal for h in sig.hits if h.signal.startswith("intent:")]
    assert "intent:contact" in cues and "intent:quantity" not in cues  # 그램 (gram) inside 텔레그램 (Telegram)


def test_a_code_spelling_that_normalization_reads_as_a_word_is_not_matched(scanner: Scanner) -> None:
    """"α-PPP" run together ("αPPP") reads as "app" and "3MMC" as "emmc" (Greek look-alikes, collapsed repeats,
    leet): such spellings are not matched, since a text's "app" and "eMMC" read the same way (session 11: every
    post about an app became alpha-PPP once the PRC list named it; "64GB eMMC" was mephedrone)."""
    for text in ("Download the app today and start learning", "Laptop 4GB RAM 64GB eMMC $150"):
        assert scanner.extractor.extract(text, kind="listing").substances == {}
    for text in ("α-PPP 5g", "buy 3-MMC 10g", "2-FMA 10g, worldwide shipping"):
        assert scanner.extractor.extract(text, kind="listing").substances


@pytest.mark.parametrize(
    ("text", "stem", "read"),
    [
        ("shipped to all 50 states", "stat", False),  # methcathinone slang + "es" was read (session 21)
        ("kushes for sale", "kush", True),  # after a hiss
        ("cristales y papeles", "cristal", True),  # Spanish, after a consonant
        ("las leyes", "ley", True),  # after a y
    ],
)
def test_a_plural_in_es_follows_the_letters_that_take_it(text: str, stem: str, read: bool) -> None:
    from narcotrace.detect.lexicon import _plural_end

    end = text.index(stem) + len(stem)
    assert (_plural_end(text, end) is not None) is read

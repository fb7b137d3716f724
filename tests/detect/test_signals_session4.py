"""Session-4 signal rules for precision: what a post's hashtags say (one drug tag, a list of drug tags),
numbers, tickers and word fragments are no drug names, and emoji alone make no offer."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect._words import _affix_words
from narcotrace.detect.signals import SignalExtractor
from narcotrace.text import normalize

ROOT = Path(__file__).resolve().parents[2]
TOPICS = "#love #travel #photography #fitness #music #art #foodie #fashion #party #weekend #summer #vibes"


@pytest.fixture(scope="module")
def extractor(scanner: Scanner) -> SignalExtractor:
    return scanner.extractor


@pytest.mark.parametrize(
    ("text", "feature", "fires"),
    [
        # One drug hashtag under a story is the topic; two different drug tags are a list.
        ("#celebrity #cocaine #scandal https://t.co/abcdefgh", "drug_tag_one", True),
        ("#cocaine #heroin https://t.co/abcdefgh", "drug_tag_one", False),
        ("cocaine #cocaine", "drug_tag_one", False),  # the text names it too: not a tag-only mention
        ("#cocaine #heroin #mdma https://t.co/abcdefgh", "drug_tags", True),
        ("#cocaine #cocaine #cocaine", "drug_tags", False),  # one tag repeated is one tag
        ("#cocaineBerlin #cocaineLondon", "drug_tags", True),  # one drug, several places: a seller's list
        # A drug tag among many other topics is still one drug tag.
        (f"nice day {TOPICS} #cocaine https://t.co/abcdefgh", "drug_tag_one", True),
    ],
)
def test_hashtag_features(extractor: SignalExtractor, text: str, feature: str, fires: bool) -> None:
    assert (feature in extractor.extract(text).features) is fires


@pytest.mark.parametrize(
    ("text", "surface", "substance", "named"),
    [
        ("#BNB = 246.42 $ #btc", "246", "cannabis", False),  # a number inside a price
        ("up 420% today", "420", "cannabis", False),
        ("rent is $420 a week", "420", "cannabis", False),  # a price
        ("happy 420 everyone", "420", "cannabis", True),
        # The amount or weight of a price or a quantity stated with a currency word or a unit (session 16: a Thai
        # pouch "ลดเหลือ 420 บาท" was an offer at 0.66); the code beside a price is still the drug.
        ("ลดเหลือ 420 บาท มัดจำ 210", "420", "cannabis", False),
        ("420 THB only", "420", "cannabis", False),
        ("420 g of flour", "420", "cannabis", False),
        ("happy 420! weed $20 a gram", "420", "cannabis", True),
        ("$XTC $BNB $DOGE to the moon", "XTC", "mdma", False),  # a cashtag is a ticker
        ("XTC pills 100 pcs", "XTC", "mdma", True),
        ("#buycocaineonline", "cocaine", "cocaine", True),  # joined to sellers' words: the drug
        ("#orderoxycodoneonline", "oxycodone", "oxycodone", True),
        ("#cannabiscultivation", "ultiva", "remifentanil", False),  # buried in another word
        ("#ArtistOnTwitter", "rtist", "cefdinir", False),
        ("Q&amp;A session tonight", "amp", "amphetamine", False),  # an HTML entity is not "amp"
    ],
)
def test_drug_names_not_numbers_tickers_or_fragments(
    extractor: SignalExtractor, text: str, surface: str, substance: str, named: bool
) -> None:
    # The matcher itself finds the term (else the KB changed and the case says nothing); the signal rules decide.
    ntext = normalize(text).text
    raw = [(a, b) for a, b, info in extractor.matcher.find(ntext) if info.name == substance]
    if not any(ntext[a:b].startswith(normalize(surface).text) for a, b in raw):
        pytest.skip(f"the KB no longer has {surface!r} for {substance!r}")
    assert (substance in extractor.extract(text).substances) is named


@pytest.mark.parametrize(
    ("part", "ok"),
    [("", True), ("buy", True), ("buyonline", True), ("2mg", True), ("forsale", True), ("c", False),
     ("tion", False), ("artist", False)],
)
def test_affix_words(part: str, ok: bool) -> None:
    assert _affix_words(part) is ok


def test_emoji_alone_make_no_offer(scanner: Scanner) -> None:
    sig = scanner.extractor.extract("❄️❄️ $20 each, dm me on telegram @fruitshop")
    assert sig.features.get("drug_emoji") and not sig.any_drug
    assert scanner.scan_item(Item(text="❄️❄️ $20 each, dm me on telegram @fruitshop")).label != "offer"
    # A drug word next to the same sale cues still makes one.
    assert scanner.extractor.extract("cocaine ❄️ $20 each, dm me on telegram @fruitshop").any_drug


def test_template_slots_are_filled_afresh() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    sys.path.insert(0, str(ROOT / "training"))
    import train_default

    rng = random.Random(1)
    counter = iter(range(100))
    assert train_default._fill("{a} and {a}, {b}", lambda name: f"{name}{next(counter)}") == "a0 and a1, b2"
    topics = ("love travel art music food gym cars news pets books games sport tech film cats dogs sun sea "
              "city home rain snowday coffee tea").split()
    soup = train_default._soup(rng, train_default._Ring(["cocaine"], "fentanyl"), topics)
    tags = soup.split()
    assert 9 <= len(tags) and sum(t == "#cocaine" for t in tags) in (1, 2)

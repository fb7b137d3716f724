"""Signals and KB rules added in session 2: drug names are never context-only, noise slang is gone, counter cues
count only as whole words, drug hashtag chains and drug-with-link are features, a listing is sale context."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.kb import load_kb


@pytest.mark.parametrize(
    ("term", "substance", "context_only"),
    [
        ("marijuana", "cannabis", False),  # frequent, but the drug is its only sense
        ("heroin", "heroin", False),
        ("2c-b", "2c-b", False),  # a canonical name, however short its parts
        ("kush", "cannabis", False),  # hand-forced, DEA 2018 slang report
        ("nandrolone", "anabolic steroids", False),  # DEA drug code 4000 groups the steroids
        ("crack", "cocaine", True),  # hand context list: also an ordinary word
        ("ice", "methamphetamine", True),
    ],
)
def test_term_context_rules(term: str, substance: str, context_only: bool) -> None:
    kb = load_kb()
    rows = [t for t in kb.terms if t.text.lower() == term and t.substance == substance]
    assert rows, f"{term!r} missing for {substance!r}"
    assert rows[0].context_only is context_only


@pytest.mark.parametrize("word", ["good", "white", "more", "x", "e"])
def test_noise_words_are_not_slang(word: str) -> None:
    assert not [t for t in load_kb().terms if t.text.lower() == word and t.kind in ("slang", "synonym")]


def test_counter_cue_inside_a_hashtag_does_not_count(scanner: Scanner) -> None:
    f = scanner.extractor.extract("#DeathStar #OgKush https://t.co/abcdefgh").features
    assert "news" not in f
    assert "news" in scanner.extractor.extract("overdose deaths rose, officials said").features


@pytest.mark.parametrize(
    ("text", "feature", "fires"),
    [
        ("#cocaine #heroin #mdma https://t.co/abcdefgh", "drug_tags", True),
        ("#cocaine is bad", "drug_tags", False),
        ("#Gold #Oil #DAX prices up", "drug_tags", False),  # context-only words in tags are not drug names
        ("cocaine wickr: zzplug99", "drug_x_link", True),
        ("cocaine https://t.co/abcdefgh", "drug_x_link", False),
        ("cocaine is bad", "drug_x_link", False),
    ],
)
def test_tag_and_link_features(scanner: Scanner, text: str, feature: str, fires: bool) -> None:
    assert (feature in scanner.extractor.extract(text).features) is fires


def test_listing_is_sale_context_for_slang(scanner: Scanner) -> None:
    # One ordinary word needs the listing to state how much (session 7: "Snow boots size 9" is no drug).
    title = "pure premium coke 3.5g"
    assert scanner.scan_item(Item(text=title, kind="listing")).label == "offer"
    assert scanner.scan_item(Item(text=title)).label != "offer"
    assert scanner.scan_item(Item(text="pure premium coke", kind="listing")).label != "offer"


def test_text_model_reuses_the_normalized_text(scanner: Scanner) -> None:
    sig = scanner.extractor.extract("Ⓕ3NT for sale")
    assert sig.norm_text and sig.norm_text != "Ⓕ3NT for sale"


def test_emoji_alone_are_not_slang(scanner: Scanner) -> None:
    # "⚡" is on the DEA emoji chart and in every other post: alone it feeds drug_emoji, never the slang features.
    f = scanner.extractor.extract("⚡⚡ sale today, contact QQ 3067478022").features
    assert "drug_context" not in f and "ctx_x_intent" not in f


def test_severity_comes_from_drug_names_only(scanner: Scanner) -> None:
    assert not any(k.startswith("sev_") for k in scanner.extractor.extract("ice and snow, dm me").features)
    assert "sev_critical" in scanner.extractor.extract("fentanyl, dm me").features

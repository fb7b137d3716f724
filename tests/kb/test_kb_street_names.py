"""Street and brand names that sellers write in Chinese, Japanese, Korean and Thai offers, each with a public
source.

pip_twitter offers named drugs the KB did not know: prescription ED drugs by their Chinese brand
(伟哥, 希爱力, 艾力达), nitrous oxide as 笑气, GHB as G水/听话水, poppers as RUSH, methamphetamine as
シャブ or 아이스. These rows pin the hand-added words (tools/kb/terms.tsv), their language and context rule,
and check that an ordinary word of its language (野菜 vegetables, アイス ice cream, 떨 inside 떨어지다)
names a drug only beside another drug word.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from narcotrace.detect.signals import SignalExtractor
from narcotrace.kb import KnowledgeBase, load_kb

REPO = Path(__file__).resolve().parents[2]
HAND_TERMS = REPO / "tools" / "kb" / "terms.tsv"
BLOCK_MARKER = "# Street and brand names sellers use in zh/ja/ko/th offers"
SHARED_PATH = re.compile(r"^[\w./-]+\.(csv|tsv|md|txt|xml)(#\S+)?$")
# a domain followed by a path, a title or nothing: "kukujd.com/answer/4054.html", "tindol500.com"
CITATION = re.compile(r"[\w-]+\.[a-z]{2,}(?:[/ (;]|$)")

# (term as written, substance, lang, context_only)
STREET_TERMS = [
    ("伟哥", "sildenafil", "zh-Hans", False),
    ("偉哥", "sildenafil", "zh-Hant", False),
    ("希爱力", "tadalafil", "zh-Hans", False),
    ("艾力达", "vardenafil", "zh-Hans", False),
    ("必利劲", "dapoxetine", "zh-Hans", False),
    ("笑气", "nitrous oxide", "zh-Hans", False),
    ("G水", "ghb", "zh", False),
    ("听话水", "ghb", "zh-Hans", False),
    ("poppers", "alkyl nitrites", "en", False),
    ("rush", "alkyl nitrites", "en", True),
    ("邮票", "lsd", "zh-Hans", True),
    ("郵票", "lsd", "zh-Hant", True),
    ("叶子", "cannabis", "zh-Hans", True),
    ("葉子", "cannabis", "zh-Hant", True),
    ("シャブ", "methamphetamine", "ja", False),
    ("アイス", "methamphetamine", "ja", True),
    ("野菜", "cannabis", "ja", True),
    ("비아그라", "sildenafil", "ko", False),
    ("물뽕", "ghb", "ko", False),
    ("아이스", "methamphetamine", "ko", True),
    ("떨", "cannabis", "ko", True),
    ("ยาเค", "ketamine", "th", False),
    ("ยาม้า", "methamphetamine", "th", False),
    ("ทรามาดอล", "tramadol", "th", False),
    ("dab carts", "cannabis", "en", True),
    # Vietnamese "grass": it folds to "co", a noise word, but is kept as written with its mark (session 15)
    ("cỏ", "cannabis", "vi", True),
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def extractor(kb: KnowledgeBase) -> SignalExtractor:
    return SignalExtractor(kb)


def block_rows() -> list[dict[str, str]]:
    text = HAND_TERMS.read_text(encoding="utf-8")
    assert BLOCK_MARKER in text, "the street-name block of tools/kb/terms.tsv is missing"
    header = next(line for line in text.splitlines() if line.startswith("term\t"))
    after = text.split(BLOCK_MARKER, 1)[1].split("\n", 1)[1]  # the rest of the marker line is comment too
    body = [line for line in after.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader([header, *body], delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize(("text", "substance", "lang", "context_only"), STREET_TERMS)
def test_street_terms(kb: KnowledgeBase, text: str, substance: str, lang: str, context_only: bool) -> None:
    hits = [t for t in kb.terms if t.text == text and t.substance == substance]
    assert len(hits) == 1, f"{text!r} -> {substance!r}: {hits}"
    assert (hits[0].lang, hits[0].context_only) == (lang, context_only)


def test_every_street_term_cites_a_page_and_quotes_it() -> None:
    rows = block_rows()
    assert len(rows) >= 80
    for row in rows:
        sources = row["source"]
        assert SHARED_PATH.match(sources) or CITATION.search(sources), (row["term"], sources)
        assert row["note"], f"{row['term']!r}: the note must quote what the source says"


def test_poppers_are_their_own_low_severity_substance(kb: KnowledgeBase) -> None:
    info = kb.substances["alkyl nitrites"]
    assert (info.cls, info.severity) == ("other", "low")
    # sources disagree on 'poppers' (NoSlang also lists methamphetamine): the KB keeps both and says so
    rows = [t for t in kb.terms if t.text == "poppers"]
    assert {t.substance for t in rows} >= {"alkyl nitrites", "methamphetamine"}
    assert any("[DISAGREE]" in t.note for t in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上海可闪送伟哥，需要请加微信", {"sildenafil"}),
        ("全国发货 笑气 嗨气球 加微信", {"nitrous oxide"}),
        ("シャブ 手押し テレグラムまで", {"methamphetamine"}),
        ("물뽕 팝니다 텔레", {"ghb"}),
        # ordinary words alone, with or without sale words, are the ordinary word
        ("新鮮な野菜を販売しています", set()),
        ("아이스 아메리카노 팝니다", set()),
        ("成绩一直在往下떨어지다", set()),
        ("收集邮票 出售 加微信", set()),
        # beside another drug word they name the drug
        ("野菜 シャブ あります", {"cannabis", "methamphetamine"}),
        ("Bán cỏ và kẹo, ship toàn quốc, liên hệ telegram", {"cannabis", "mdma"}),  # "grass and candy"
        ("Cắt cỏ sân vườn, giá rẻ, liên hệ", set()),  # lawn mowing: "cỏ" alone
        ("co-founder and CEO, co-op", set()),  # the noise word "co" is not the Vietnamese word
    ],
)
def test_ordinary_words_need_another_drug_word(
    extractor: SignalExtractor, text: str, expected: set[str]
) -> None:
    assert set(extractor.extract(text).substances) == expected

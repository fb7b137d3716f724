"""The public surface the detector and the CLI depend on, and properties that must hold on any text."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from narcotrace import indicators
from narcotrace.indicators import INDICATOR_TYPES, extract, extract_prices
from narcotrace.items import Indicator

EXPECTED_TYPES = (
    "btc eth trx xmr ltc bch sol xrp telegram wickr signal whatsapp snapchat threema session discord instagram "
    "wechat qq line kik phone email url domain onion cashapp venmo paypal zelle pgp_key pgp_fingerprint"
).split()


def test_exported_members() -> None:
    assert set(indicators.__all__) == {
        "INDICATOR_TYPES", "Indicator", "Price", "extract", "extract_many", "extract_prices"
    }
    assert list(INDICATOR_TYPES) == EXPECTED_TYPES


def test_returns_indicator_records_sorted_by_start() -> None:
    text = "tg: @plugmaster99 or mail sales@bestmeds24.net, btc 1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA"
    got = extract(text)
    assert all(isinstance(i, Indicator) for i in got)
    assert [i.type for i in got] == ["telegram", "email", "btc"]
    assert [i.start for i in got] == sorted(i.start for i in got)


# Fragments that exercise every extractor and the de-obfuscation pass, mixed with arbitrary text.
_FRAGMENTS = st.sampled_from(
    [
        "t.me/", "t . m e / ", "@", "tg:", "微信：", "加q", "飞机", "wa.me/", "[at]", "[dot]", "(.)", " [.] ",
        "\u200b", "ｔｅｌｅｇｒａｍ", "т", "İ", "$", "€", "0x", "bc1q", "bitcoincash:", ".onion", "://", "www.",
        "-----BEGIN PGP PUBLIC KEY BLOCK-----", "-----END PGP PUBLIC KEY BLOCK-----", "zelle", "venmo",
        "paypal.me/", "+44 20 7946 0958", "1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA", "ขีด", "g", "oz", " ", "\n",
        "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad", "05" + "a" * 64, ".", ",", "(", ")",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_FRAGMENTS, st.text(alphabet=string.printable, max_size=12), st.text(max_size=6)),
             max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from([None, "US", "GB", "CN", "XX", "usa", ""]))
def test_extract_never_raises_and_spans_index_the_original(text: str, country: str | None) -> None:
    got = extract(text, country=country)
    starts = [i.start for i in got]
    assert starts == sorted(starts)
    for i in got:
        assert i.type in INDICATOR_TYPES
        assert 0 <= i.start < i.end <= len(text)
        assert text[i.start : i.end] == i.value
    for a, b in zip(got, got[1:]):
        assert a.end <= b.start  # no two indicators claim the same characters


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_extract_prices_never_raises_and_spans_index_the_original(text: str) -> None:
    for p in extract_prices(text):
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start : p.end] == p.text

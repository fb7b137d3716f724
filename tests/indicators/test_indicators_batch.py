"""The three paths must agree exactly, text by text, on real and generated batches: `extract_many`
(Hyperscan prefilter over the joined batch, one URL pass), `extract` (the same prefilter per text) and the
pure-Python path (`extract_many(..., accelerate=False)`: every pattern behind its own guards). Any
difference is a bug in narcotrace.indicators._accel or in a prefilter expression.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narcotrace import indicators
from narcotrace.indicators import _accel, extract, extract_many

# Fragments that reach every pattern, the de-obfuscation pass, batch boundaries ("\n", digits and URL
# characters at the ends of texts) and the characters that IGNORECASE matches to ASCII letters (İ ı ſ K).
_FRAGMENTS = st.sampled_from(
    [
        "t.me/", "t . m e / ", "@", "@plug_store on ", "telegram", "tg:", "snap", "wickr me ", "微信：", "加q",
        "飞机", "🐧", "line id: ", "wa.me/", "[at]", "[dot]", "(.)", " [.] ", "\u200b", "ｔｅｌｅｇｒａｍ", "т",
        "İ", "ı", "ſ", "\u212a", "$", "0x", "bc1q", ".onion", "://", "http://", "https://t.co/", "www.",
        "ftp://", "example.com", ".com", "-----BEGIN PGP PUBLIC KEY BLOCK-----", "zelle", "venmo", "paypal.me/",
        "+44 20 7946 0958", "13046652044", "1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA", "pgp ", "\n", " ", ".", ",",
        "(", ")", "5", "sales@bestmeds24.net",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=120),
    st.lists(st.one_of(_FRAGMENTS, st.text(alphabet=string.printable, max_size=10), st.text(max_size=4)),
             max_size=25).map("".join),
)
_COUNTRY = st.sampled_from([None, "US", "GB", "CN", "XX", "usa", ""])


def _per_text(texts: list[str], countries: list[str | None]) -> list[list[indicators.Indicator]]:
    return [extract(t, country=c) for t, c in zip(texts, countries)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXT, _COUNTRY), max_size=12))
def test_batch_equals_per_text_on_generated_batches(pairs: list[tuple[str, str | None]]) -> None:
    texts = [t for t, _c in pairs]
    countries = [c for _t, c in pairs]
    want = _per_text(texts, countries)
    assert extract_many(texts, countries) == want
    assert extract_many(texts, countries, accelerate=False) == want


def test_batch_equals_per_text_on_real_tweets(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts: list[str] = []
    for name in ("pip_twitter_drug_samples.jsonl", "pip_twitter_train.jsonl"):
        with open(shared_data / name, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f]
    texts = texts[:6000]
    countries = [(None, "US", "CN")[i % 3] for i in range(len(texts))]
    want = _per_text(texts, countries)
    assert sum(len(w) for w in want) > 5000  # the sample does exercise the extractors
    assert extract_many(texts, countries) == want
    assert extract_many(texts, countries, accelerate=False) == want
    # chunk boundaries at odd places must not matter either
    monkeypatch.setattr(indicators, "_BATCH_CHUNK", 7)
    assert extract_many(texts[:700], countries[:700]) == want[:700]


def test_neighbouring_texts_do_not_leak_into_each_other() -> None:
    # each piece alone holds no indicator; written as one text they hold a phone, a URL and two handles
    whole = "call 0207 946 0958 see http://a.com now tg:@plug_store 微信：abc123x"
    pieces = ["call 0207 ", "946 0958 see http://a", ".com now tg:", "@plug_store 微信", "：abc123x"]
    assert "".join(pieces) == whole
    joined = extract_many([whole], "GB")[0]
    assert [i.type for i in joined] == ["phone", "url", "telegram", "wechat"]
    assert extract_many(pieces, "GB") == [[] for _ in pieces]


# Characters that IGNORECASE matches to ASCII letters: the batch prefilter must let these through too.
FOLDED = [
    ("@plug_store on ſnap", ("snapchat", "plug_store")),
    ("@plug_store ın tg", ("telegram", "plug_store")),
    ("@plug_store on wİckr", ("wickr", "plug_store")),
    ("@plug_store on \u212aik", ("kik", "plug_store")),
    ("@plugſtore on snap", ("snapchat", "plugſtore")),
    ("mail SALES@BESTMEDS24.NET", ("email", "sales@bestmeds24.net")),
    ("\u212aik me: plugboy99", ("kik", "plugboy99")),
]


@pytest.mark.parametrize(("text", "expected"), FOLDED)
def test_case_folded_forms_are_found_by_both_paths(text: str, expected: tuple[str, str]) -> None:
    single = extract(text)
    assert [(i.type, i.normalized) for i in single] == [expected]
    pure = extract_many([text, text.upper()], accelerate=False)
    assert pure[0] == single
    assert extract_many([text, text.upper()]) == pure == [single, extract(text.upper())]


@pytest.mark.parametrize(
    ("countries", "want_phone"),
    [
        (None, None),  # a national number cannot be placed without a country (and has no cue word)
        ("GB", "+442079460958"),  # one country for every text
        (["GB", None], "+442079460958"),  # one country per text
    ],
)
def test_countries_argument_forms(countries: str | list[str | None] | None, want_phone: str | None) -> None:
    got = extract_many(["020 7946 0958", "nothing here"], countries)
    phones = [i.normalized for i in got[0] if i.type == "phone"]
    assert phones == ([want_phone] if want_phone else [])
    assert got[1] == []


@pytest.mark.parametrize(
    ("texts", "countries", "error", "message"),
    [
        (["a", "b"], ["US"], ValueError, "countries has 1 entries for 2 texts"),
        (["a", 5], None, TypeError, r"texts\[1\] must be a str, got int"),
        (["a", None], None, TypeError, r"texts\[1\] must be a str, got NoneType"),
    ],
)
def test_bad_arguments_are_named(texts: list[object], countries: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        extract_many(texts, countries)  # type: ignore[arg-type]


def test_empty_batch() -> None:
    assert extract_many([]) == []


@pytest.mark.skipif(not _accel.AVAILABLE, reason="hyperscan is not installed: the batch runs the per-text path")
def test_prefilter_rules_patterns_in_and_out() -> None:
    pf = indicators._prefilter()
    assert pf is not None
    names = [p.name for p in indicators.PATTERNS]
    gates = pf.gates(["just a normal sentence", "微信：abc123x", "btc 1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA",
                      "thanks @bob!", "@plug on tg", "mail a@b.com"])
    got = [{names[i] for i in g} for g in gates]
    assert got[0] == set()
    assert "handle_cue" in got[1]
    assert "wallet_token_or_phone" in got[2]
    assert got[3] == set()  # a mention is neither an e-mail nor a reverse cue
    assert got[4] == {"handle_reverse_cue"}
    assert got[5] == {"email", "handle_links"}  # ".com" passes the link-form gate (discord.com, snapchat.com)


@pytest.mark.skipif(not _accel.AVAILABLE, reason="hyperscan is not installed")
def test_prefilter_rejects_a_literal_with_a_newline() -> None:
    with pytest.raises(ValueError, match="contains a newline"):
        _accel.Prefilter([(0, "a\nb")], [])


def test_without_hyperscan_both_apis_run_the_pure_path(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["tg: @plugmaster99 https://t.co/AbC", "加q422171751", "pay 1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA", ""]
    want = [extract(t) for t in texts]
    assert [len(w) for w in want] == [2, 1, 1, 0]
    monkeypatch.setattr(_accel, "AVAILABLE", False)  # as on a platform without a hyperscan wheel
    monkeypatch.setattr(indicators, "_PREFILTER", None)
    assert indicators._prefilter() is None
    assert [extract(t) for t in texts] == want
    assert extract_many(texts) == want


def test_threads_share_the_prefilter_safely(shared_data: Path) -> None:
    # Hyperscan scratch space is per thread; a shared one fails with HS_SCRATCH_IN_USE under concurrency
    with open(shared_data / "pip_twitter_drug_samples.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f][:400]
    want = [extract(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        singles = list(pool.map(lambda _k: [extract(t) for t in texts], range(4)))
        batches = list(pool.map(lambda _k: extract_many(texts), range(4)))
    assert all(s == want for s in singles)
    assert all(b == want for b in batches)

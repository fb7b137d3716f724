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
from narcotrace.indicators import _accel, extract, extract_many, handles, web
from narcotrace.indicators._deobf import NEEDS_CHANGE, SPOT, deobfuscate
from narcotrace.indicators._engine import Context, aligned_lower, make_indicator

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
        # the shapes the tighter prefilter rules look at: cue words glued to words, fill words, add-me
        # signs, non-ASCII digits after a cue, tags with and without digits, international and Chinese
        # mobile numbers, phone cue words, grouped hex
        "vid", "video", "加", "v", "q", "vx:", "wapp:", "kik me", " id", "me", "微", "博", "qq", "号", "👻", "🐧",
        "١٢٣٤٥٦٧", "๑๒", "$abc", "$abc1", "$ab_c", "cash", "+(44) ",
        "0044 20 7946 0958", "13812345678", "call ", "电话", "1LqBGSKuX5yYUonj", "AB12 CD34 ", "key ",
        "\x00",  # the batch separator inside a text
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


def _planned(texts: list[str], countries: list[str | None] | None = None) -> list[set[str]]:
    """The names of the gated patterns the batch prefilter lets run in each text (de-obfuscated first, as
    both APIs do)."""
    pf = indicators._prefilter()
    assert pf is not None
    lows = [aligned_lower(deobfuscate(t).text) for t in texts]
    starts = [0]
    for t in lows:
        starts.append(starts[-1] + len(t) + 1)
    sigs = pf.gates(_accel.SEP.join(lows), starts)
    cs = countries or [None] * len(texts)
    batch = [{p.name for _g, p, _late in indicators._gated_plan(g, c, low)} for g, c, low in zip(sigs, cs, lows)]
    single = [
        {p.name for _g, p, _late in indicators._gated_plan(pf.gate_one(low), c, low)} for low, c in zip(lows, cs)
    ]
    assert batch == single
    return batch


@pytest.mark.skipif(not _accel.AVAILABLE, reason="hyperscan is not installed: the batch runs the per-text path")
def test_prefilter_rules_patterns_in_and_out() -> None:
    got = _planned(["just a normal sentence", "微信：abc123x", "btc 1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA",
                    "thanks @bob!", "@plug on tg", "mail a@b.com"])
    assert got[0] == set()
    assert "handle_cue" in got[1]
    assert "wallet_token_or_phone" in got[2]
    assert got[3] == set()  # a mention is neither an e-mail nor a reverse cue
    assert got[4] == {"handle_reverse_cue"}
    assert got[5] == {"email", "handle_links"}  # ".com" passes the link-form gate (discord.com, snapchat.com)


# (text, country, pattern, whether the prefilter lets it run): the rules that need two signals or the shape
# after a cue word. Each "False" row is a text where the pattern cannot produce a candidate (checked in
# test_planned_patterns_are_a_superset_of_producing_ones); each "True" row is one where it does.
PLANNED = [
    ("a new video is out", None, "handle_cue", False),  # "vid" is the cue "v" + "id", but glued to "eo"
    ("加video 123", None, "handle_cue", True),  # an add-me sign makes the glued form count
    ("vid: plug_store", None, "handle_cue", True),  # the fill word "id" with a separator
    ("看微博和微笑", None, "handle_cue", False),  # "微" before a CJK word
    ("微信：abc123x", None, "handle_cue", True),
    ("微信：\u0661\u0662\u0663\u0664\u0665\u0666\u0667", None, "handle_cue", True),  # non-ASCII digits
    ("telegramm", None, "handle_cue", False),
    ("telegram id_plug", None, "handle_cue", True),  # a fill word, then a handle starting with "_"
    ("加vxy", None, "handle_cue", True),  # after an add-me sign, "v" glued to the handle "xy"
    ("ติดต่อ ไลน์ ID: @001yhnjn", None, "handle_cue", True),  # a fill word, then a colon
    ("สนใจ Line: https://t.co/DrlLMOu1pN", None, "handle_cue", False),  # a "handle" followed by a colon
    ("order 2025550123 shipped", None, "wallet_token_or_phone", False),  # digits, no country, no cue
    ("order 2025550123 shipped", "US", "wallet_token_or_phone", True),
    ("call 12345678 now", None, "wallet_token_or_phone", True),
    # the cue window (30 characters) ends inside "telephone": `near` reads on and finds the whole word (session 20:
    # it no longer finds "tel" in a "telegram" cut there)
    ("12345678 is it on my list of       telephone", None, "wallet_token_or_phone", True),
    ("+44 20 7946 0958", None, "wallet_token_or_phone", True),
    ("需要请加13046652044", None, "wallet_token_or_phone", True),
    ("coffee is $5 and $AAPL rose", None, "cashapp_tag", False),  # a price; a ticker without a cue
    ("send to $john22", None, "cashapp_tag", True),
    ("cash app $JohnDoe", None, "cashapp_tag", True),
    ("my key is below", None, "pgp_fingerprint", False),  # a cue word but no 40 hex digits
]


@pytest.mark.skipif(not _accel.AVAILABLE, reason="hyperscan is not installed")
@pytest.mark.parametrize(("text", "country", "pattern", "planned"), PLANNED)
def test_tight_prefilter_rules(text: str, country: str | None, pattern: str, planned: bool) -> None:
    assert (pattern in _planned([text], [country])[0]) is planned
    assert (pattern in _produces(text, country)) is planned


def _produces(text: str, country: str | None) -> set[str]:
    """The gated patterns that produce at least one candidate in `text`, each run on its own."""
    deob = deobfuscate(text)
    out = set()
    for _g, p, _late in indicators._GUARDED:
        ctx = Context(deob, country)
        web.find_urls(ctx)
        matches = p.finder(ctx) if p.finder is not None else list(p.regex.finditer(ctx.text))
        if any(p.hook(m, ctx) is not None for m in matches):
            out.add(p.name)
    return out


@pytest.mark.skipif(not _accel.AVAILABLE, reason="hyperscan is not installed")
@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_TEXT, _COUNTRY), min_size=1, max_size=6))
def test_planned_patterns_are_a_superset_of_producing_ones(pairs: list[tuple[str, str | None]]) -> None:
    # stronger than comparing results: a pattern left out wrongly could be hidden by overlap resolution
    texts = [t for t, _c in pairs]
    countries = [indicators._country(c) for _t, c in pairs]
    for planned, text, country in zip(_planned(texts, countries), texts, countries):
        assert _produces(text, country) <= planned, text


@pytest.mark.skipif(not _accel.AVAILABLE, reason="hyperscan is not installed")
def test_planned_patterns_are_a_superset_on_real_tweets(shared_data: Path) -> None:
    texts: list[str] = []
    for name in ("pip_twitter_drug_samples.jsonl", "pip_twitter_train.jsonl"):
        with open(shared_data / name, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f]
    for country, sample in ((None, texts), ("US", texts[:3000])):
        planned = _planned(sample, [country] * len(sample))
        produced = [_produces(t, country) for t in sample]
        assert [t for t, p, q in zip(sample, produced, planned) if not p <= q] == []
        assert sum(1 for p in produced if p) > 300  # the sample does exercise the gated patterns


def test_prefilter_literal_rejects_the_separator() -> None:
    with pytest.raises(ValueError, match="contains the batch separator"):
        _accel.literal("a\x00b")


def test_fast_indicator_records_equal_the_dataclass_ones() -> None:
    fast = make_indicator("url", "https://t.co/x", "https://t.co/x", True, 3, 17)
    slow = indicators.Indicator("url", "https://t.co/x", "https://t.co/x", True, 3, 17)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert fast.to_dict() == slow.to_dict()


def test_deobfuscation_spot_judgement_agrees_with_the_pass() -> None:
    # the batch path only de-obfuscates texts where NEEDS_CHANGE matches at a SPOT hit
    texts = ["plain", "(see) [this]", "name [at] mail [dot] com", "т.me/x", "привет мир", "ｔｅｌｅｇｒａｍ",
             "a\u200bb", "（中文）", "x(.)y", "Тx", "xТ", "т", "[ at ]", "{dot}", "(AT)"]
    for t in texts:
        judged = any(NEEDS_CHANGE.match(t, m.start()) for m in SPOT.finditer(t))
        assert judged == deobfuscate(t).changed, t


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


_CUE_FORMS = sorted({f for _t, fs, _s in handles.CUES for f in fs} | set(handles.CUE_KEYS))
_CUE_TEXT = st.tuples(
    st.sampled_from(["", "加", "+", "#", "a", " ", "看"]),
    st.sampled_from(_CUE_FORMS).map(lambda f: f.upper() if len(f) % 3 == 0 else f),
    st.lists(st.sampled_from(["", " ", "\t", ":", " : ", "@", "号", "id", " id", "me", " me ", "-", "+", "➕", "👉",
                              "\ufe0f", "账号", "eo", "x", ".", " ID: @", "id:", " username ", "：", "＋"]),
             max_size=3).map("".join),
    st.sampled_from(["abc12", "plug_store", "_plug1", "İx1", "ıx_2", "ſnap9", "\u212aik99", "xy", "y", "https:",
                     "abcdefghijklmnop:", "abcdefg:", "abcdefgh:", "ab：", "12345678901:", "x-y.z ",
                     "\u0661\u0662\u0663\u0664\u0665\u0666\u0667", "+44 20 7946 0958", "13046652044", "", "x", "eo",
                     "博", "https://t.co/x"]),
).map("".join)


@pytest.mark.skipif(not _accel.AVAILABLE, reason="hyperscan is not installed")
@settings(max_examples=600, deadline=None)
@given(st.lists(_CUE_TEXT, min_size=1, max_size=4))
def test_cue_prefilter_is_a_superset_around_cue_words(texts: list[str]) -> None:
    # every cue word and automaton key, glued to or separated from every kind of handle start (ASCII,
    # IGNORECASE folds, non-ASCII digits, a phone number) and to words that are not handles
    for planned, text in zip(_planned(texts), texts):
        assert _produces(text, None) <= planned, text


def test_texts_holding_the_batch_separator_or_newlines() -> None:
    # the batch separator (NUL) inside a text: byte offsets are then found per text (non-ASCII batch)
    texts = ["微信：abc123x\x00电话 +44 20 7946 0958", "line\nnext https://t.co/AbC", "\x00", "tg:\x00@plug_store",
             "价格 $abc1 微 12345678901", "ok https://t.co/x\x00https://t.co/y."]
    want = [extract(t) for t in texts]
    assert extract_many(texts) == want == extract_many(texts, accelerate=False)
    assert [i.type for i in want[0]] == ["wechat", "phone"]
    assert [i.value for i in want[5]] == ["https://t.co/x", "https://t.co/y"]

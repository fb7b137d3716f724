"""The pure core: keyed tokens, keyed text fingerprints, signal validation, opinions, collaboration configs."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any

import pytest

from narcotrace._exceptions import InputError
from narcotrace.sharing import (
    ConfigError,
    Signal,
    TextFingerprinter,
    aggregate_opinion,
    day_of,
    indicator_token,
    load_collaboration,
    parse_collaboration,
    text_bands_match,
)

SECRET = b"s" * 32
OFFER = ("Pressed M30s tg @bluesplug_77 fast discreet shipping worldwide, DM for the menu, stealth packaging, "
         "BTC and XMR accepted, samples for vendors")


def test_indicator_token_is_the_documented_hmac_and_is_keyed() -> None:
    expected = hmac.new(SECRET, b"telegram:bluesplug_77", hashlib.sha256).hexdigest()
    assert indicator_token(SECRET, "telegram", "bluesplug_77") == expected
    assert indicator_token(b"t" * 32, "telegram", "bluesplug_77") != expected
    assert indicator_token(SECRET, "wickr", "bluesplug_77") != expected  # the type is part of the token


@pytest.mark.parametrize(("other", "similar"), [
    (OFFER, True),
    (OFFER.replace("worldwide", "world wide").replace("samples", "free samples"), True),
    (OFFER.upper(), True),  # normalization: case does not matter
    ("The city council met today to discuss the new library budget, parking rules and the school calendar.",
     False),
    ("Pressed M30s are often fentanyl: test your pills, carry naloxone, never use alone.", False),
])
def test_text_fingerprints_match_near_duplicates_only(other: str, similar: bool) -> None:
    fp = TextFingerprinter(SECRET)
    a, b = fp.fingerprint(OFFER), fp.fingerprint(other)
    assert a is not None and b is not None
    assert (text_bands_match(a, b) > 0) is similar


def test_text_fingerprints_are_keyed() -> None:
    a = TextFingerprinter(SECRET).fingerprint(OFFER)
    b = TextFingerprinter(b"t" * 32).fingerprint(OFFER)
    assert a is not None and b is not None
    assert text_bands_match(a, b, min_bands=1) == 0  # without the secret nothing lines up
    assert TextFingerprinter(SECRET).fingerprint("  ...  ") is None


@pytest.mark.parametrize(("opinions", "aggregate"), [
    (["positive"], "positive"),
    (["positive", "investigation_seed"], "positive"),
    (["negative"], "negative"),
    (["positive", "negative"], "disputed"),
    (["investigation_seed"], "investigation_seed"),
    ([], "none"),
])
def test_opinions_aggregate(opinions: list[str], aggregate: str) -> None:
    assert aggregate_opinion(opinions) == aggregate


def test_day_of_drops_the_time() -> None:
    from datetime import datetime, timezone

    assert day_of(datetime(2026, 11, 27, 23, 59, 59, tzinfo=timezone.utc)) == "2026-11-27"


GOOD = {"type": "telegram", "token": "a" * 64, "labels": ["offer", "class:fentanyl"], "severity": "critical",
        "opinion": "positive", "first_seen": "2026-11-01", "last_seen": "2026-11-02", "count": 3}


@pytest.mark.parametrize(("change", "message"), [
    ({"token": "@bluesplug_77"}, "field 'token' must be 64 hex digits"),
    ({"type": "text", "token": "a" * 64}, "field 'token' must be 16 '.'-joined band tokens"),
    ({"type": "text", "token": ".".join(["a" * 16] * 40)}, "field 'token' must be 16 '.'-joined band tokens"),
    ({"labels": ["offer"] * 33}, "field 'labels' must be a list of at most 32"),
    ({"first_seen": "2026-11-01T10:22:00Z"}, "field 'first_seen' must be a day"),
    ({"labels": ["has a raw value @x"]}, "field 'labels'"),
    ({"opinion": "maybe"}, "field 'opinion'"),
    ({"count": -1}, "field 'count'"),
    ({"author": "u1"}, "unexpected field(s) author"),
    ({"severity": "extreme"}, "field 'severity'"),
])
def test_partner_signals_are_validated_field_by_field(change: dict[str, Any], message: str) -> None:
    assert Signal.from_dict(GOOD).to_dict() == GOOD
    fp = TextFingerprinter(SECRET).fingerprint(OFFER)
    assert Signal.from_dict({**GOOD, "type": "text", "token": fp}).token == fp
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Signal.from_dict({**GOOD, **change}, "alpha signals[0]")


def _config(tmp: Path, **over: Any) -> dict[str, Any]:
    (tmp / "secret").write_text("x" * 40)
    (tmp / "beta.key").write_text("nt_betakey")
    base = {"name": "coalition", "org": "acme", "secret_file": "secret",
            "members": [{"name": "beta", "url": "https://beta.example", "api_key_file": "beta.key"}]}
    base.update(over)
    return {k: v for k, v in base.items() if v is not None}


def test_a_good_config_loads_from_yaml(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(_config(tmp_path, min_score=0.8, flood_share=0.05)))
    c = load_collaboration(path)
    assert (c.name, c.org, c.secret, c.min_score, c.flood_share) == ("coalition", "acme", b"x" * 40, 0.8, 0.05)
    assert c.members[0].api_key == "nt_betakey" and "nt_betakey" not in repr(c)
    env_c = parse_collaboration(_config(tmp_path, secret_file=None, secret_env="S"), "c", {"S": "y" * 32},
                                tmp_path)
    assert env_c.secret == b"y" * 32


@pytest.mark.parametrize(("over", "message"), [
    ({"name": "Bad Name"}, "field 'name' must be lower-case"),
    ({"org": None}, "missing required field 'org'"),
    ({"secret_env": "S"}, "exactly one of 'secret_file' or 'secret_env'"),
    ({"secret_file": None, "secret_env": "NOPE"}, "environment variable NOPE is not set"),
    ({"secret_file": "missing.txt"}, "field 'secret_file': cannot read"),
    ({"min_score": 1.5}, "field 'min_score' must be between 0.0 and 1.0"),
    ({"flood_min_items": 2.5}, "field 'flood_min_items' must be a whole number"),
    ({"enabled": "yes"}, "field 'enabled' must be true or false"),
    ({"members": []}, "field 'members' must be a non-empty list"),
    ({"members": [{"name": "beta", "url": "ftp://x"}]}, "members[0]: field 'url'"),
    ({"members": [{"name": "b", "url": "http://x"}, {"name": "b", "url": "http://y"}]}, "appears twice"),
    ({"colour": "red"}, "unknown field(s) colour"),
])
def test_bad_configs_name_the_field(tmp_path: Path, over: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_collaboration(_config(tmp_path, **over), "c.yaml", {}, tmp_path)
    assert message in str(err.value) and str(err.value).startswith("c.yaml")


def test_short_secret_and_bad_yaml(tmp_path: Path) -> None:
    (tmp_path / "short").write_text("tooshort")
    with pytest.raises(ConfigError, match="needs at least 32"):
        parse_collaboration(_config(tmp_path, secret_file="short"), "c", {}, tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n")
    with pytest.raises(ConfigError, match=r"bad.yaml: line \d+ not valid YAML"):
        load_collaboration(bad)

"""Private set intersection: both sides learn exactly the intersection and their transcripts hide the rest."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import os

import pytest

from narcotrace.sharing import PsiError, PsiParty, psi_finish, psi_respond, psi_start
from narcotrace.sharing._psi import hash_to_point
from narcotrace.sharing._ristretto import is_valid_point



@pytest.fixture(autouse=True)
def _libsodium() -> None:
    """PSI needs the system libsodium (ristretto255): CI installs it (.ci/run), elsewhere its absence skips."""
    from narcotrace.sharing._ristretto import SodiumUnavailable, _lib

    try:
        _lib()
    except SodiumUnavailable as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"libsodium is required in CI: {exc}", pytrace=False)
        pytest.skip(str(exc))


CASES = [
    # (A's values, B's values)
    (["@plug_a", "@plug_b", "@plug_c", "+14155550134"], ["@plug_b", "+14155550134", "@other"]),
    (["x"], ["y"]),  # empty intersection
    (["same", "set"], ["same", "set"]),  # identical sets
    ([], ["lonely"]),  # one side empty
    ([f"wallet{i}" for i in range(200)], [f"wallet{i}" for i in range(150, 400)]),
]


def _run(a_vals: list[str], b_vals: list[str]) -> tuple[list[str], list[str], list[dict[str, Any]], PsiParty,
                                                         PsiParty]:
    a, m1 = psi_start(a_vals, "telegram")
    b, m2 = psi_respond(json.loads(json.dumps(m1)), b_vals)  # through JSON, as over a file
    inter_a, m3 = psi_finish(a, json.loads(json.dumps(m2)))
    assert m3 is not None
    inter_b, none = psi_finish(PsiParty.from_json(b.to_json()), json.loads(json.dumps(m3)))
    assert none is None
    return inter_a, inter_b, [m1, m2, m3], a, b


@pytest.mark.parametrize(("a_vals", "b_vals"), CASES)
def test_both_sides_learn_exactly_the_intersection(a_vals: list[str], b_vals: list[str]) -> None:
    inter_a, inter_b, _, _, _ = _run(a_vals, b_vals)
    expected = sorted(set(a_vals) & set(b_vals))
    assert inter_a == expected
    assert inter_b == expected


def test_transcript_holds_no_value_nor_any_public_hash_of_it() -> None:
    a_vals = ["@plug_a", "@plug_b", "+14155550134", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"]
    b_vals = ["@plug_b", "@only_b"]
    _, _, msgs, a, b = _run(a_vals, b_vals)
    wire = json.dumps(msgs).encode()
    blobs = {base64.b64decode(p) for m in msgs for k in ("points", "double") for p in m.get(k, [])}
    for v in set(a_vals) | set(b_vals):
        forms = [v.encode(), hashlib.sha256(v.encode()).digest(), hashlib.sha256(f"telegram:{v}".encode()).digest()]
        # The unblinded group point H(x) is itself a public hash of x: it must never be sent either.
        forms.append(hash_to_point(a.session, "telegram", v))
        for f in forms:
            assert f not in wire and f not in blobs, v
            assert base64.b64encode(f) not in wire and f.hex().encode() not in wire, v
    # And every point sent is blinded: it differs from every H(x) (checked above) and is a valid group element.
    assert all(is_valid_point(p) for p in blobs)
    # Set sizes are what a side learns besides the intersection.
    assert len(msgs[0]["points"]) == len(a_vals) and len(msgs[1]["points"]) == len(b_vals)


def test_a_sides_points_are_sorted_so_the_order_reveals_nothing() -> None:
    _, m1 = psi_start(["c", "a", "b"], "domain")
    raw = [base64.b64decode(p) for p in m1["points"]]
    assert raw == sorted(raw)


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda m: m.update(protocol="other"), "not a narcotrace-psi-v2 message"),
    (lambda m: m.update(step=3), "expected PSI message step 2"),
    (lambda m: m.update(session="0" * 32), "another session"),
    (lambda m: m.update(double=m["double"][:-1]), "msg1 sent"),
    (lambda m: m.update(points=[base64.b64encode(b"\x00" * 32).decode()]), "invalid group point"),
    (lambda m: m.update(points=["not base64!"]), "not base64"),
])
def test_bad_messages_are_refused_with_a_clear_error(mutate: Any, message: str) -> None:
    a, m1 = psi_start(["a", "b"], "domain")
    _, m2 = psi_respond(m1, ["b", "c"])
    mutate(m2)
    with pytest.raises(PsiError, match=message):
        psi_finish(a, m2)


# RFC 9496 appendix A: hash-to-group vector (SHA-512 of the label), multiples of the generator, bad encodings.
RFC9496_HASH = [("Ristretto is traditionally a short shot of espresso coffee",
                 "3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46")]
GENERATOR = "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"
TWO_B = "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919"
BAD_ENCODINGS = [
    "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",  # non-canonical field element
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  # non-canonical field element
    "0100000000000000000000000000000000000000000000000000000000000000",  # negative field element
]


@pytest.mark.parametrize(("label", "expected"), RFC9496_HASH)
def test_hash_to_group_matches_rfc9496(label: str, expected: str) -> None:
    from narcotrace.sharing._ristretto import from_hash

    assert from_hash(hashlib.sha512(label.encode()).digest()).hex() == expected


def test_scalar_multiplication_matches_rfc9496_multiples() -> None:
    from narcotrace.sharing._ristretto import scalarmult

    assert is_valid_point(bytes.fromhex(GENERATOR))
    assert scalarmult((2).to_bytes(32, "little"), bytes.fromhex(GENERATOR)) == bytes.fromhex(TWO_B)


@pytest.mark.parametrize("encoding", BAD_ENCODINGS)
def test_non_canonical_encodings_are_refused_as_points(encoding: str) -> None:
    from narcotrace.sharing._psi import blind_point

    assert not is_valid_point(bytes.fromhex(encoding))
    with pytest.raises(PsiError, match="invalid group point"):
        blind_point(bytes.fromhex(encoding), (3).to_bytes(32, "little"))

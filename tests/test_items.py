"""Contract types: JSON round trip and validation."""

from __future__ import annotations

import json

import pytest

from narcotrace import Decision, Evidence, Indicator, Item, ItemError, Substance, Verdict


def test_verdict_json_round_trip() -> None:
    v = Verdict(
        id="a1",
        label="offer",
        score=0.93,
        substances=(Substance("fentanyl", "fentanyl"),),
        severity="critical",
        evidence=(Evidence(0, 4, "fent", "substance:fentanyl", 2.5),),
        indicators=(Indicator("telegram", "@plug", "plug", True, 10, 15),),
        model="m",
        decisions=(Decision("US", "remove-and-escalate", "r1", ("US: 21 CFR 1308.12",), ("988",), 90),),
    )
    d = json.loads(json.dumps(v.to_dict()))
    assert d["substances"] == [{"name": "fentanyl", "class": "fentanyl"}]
    assert set(d) == {"id", "label", "score", "substances", "severity", "evidence", "indicators", "model", "decisions"}
    assert Verdict.from_dict(d) == v


def test_verdict_without_decisions_has_contract_keys_only() -> None:
    d = Verdict(id="0", label="none", score=0.01).to_dict()
    assert list(d) == ["id", "label", "score", "substances", "severity", "evidence", "indicators", "model"]


def test_item_round_trip_and_int_id() -> None:
    it = Item.from_dict({"id": 7, "text": "hi", "kind": "post", "lang": "en", "extra": 1})
    assert it.id == "7" and it.kind == "post"
    assert Item.from_dict(it.to_dict()) == it


@pytest.mark.parametrize(
    "record, field",
    [
        ({}, "text"),
        ({"text": None}, "text"),
        ({"text": 5}, "text"),
        ({"text": "x", "kind": "tweet"}, "kind"),
        ({"text": "x", "lang": 3}, "lang"),
        ({"text": "x", "id": [1]}, "id"),
        ({"text": "x", "id": True}, "id"),
    ],
)
def test_item_errors_name_the_field(record: dict, field: str) -> None:
    with pytest.raises(ItemError) as exc:
        Item.from_dict(record)
    assert exc.value.field == field
    assert f"'{field}'" in str(exc.value)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"id": "x", "label": "sale", "score": 0.5},
        {"id": "x", "label": "offer", "score": 1.5},
        {"id": "x", "label": "offer", "score": 0.5, "severity": "extreme"},
    ],
)
def test_verdict_rejects_out_of_contract_values(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Verdict(**kwargs)

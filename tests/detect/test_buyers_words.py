"""Buyers' words: a request in double quotation marks is someone's words the writer tells, not a request; buyers who
ask for a seller ("got a plug", "drop the plug") are buyers (session 23; texts written for this test)."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner


def _label(scanner: Scanner, text: str) -> str:
    return scanner.scan_item(Item(text=text)).label


@pytest.mark.parametrize(
    "text",
    [
        'I used to be the guy asking "who\'s got percs" in every group chat. 2 years sober now.',
        'lol remember when we used to say "who got the hook up" for weed in high school',
    ],
)
def test_a_quoted_request_is_told_not_made(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text))
    assert v.label == "discussion", (v.label, [(e.signal, e.text) for e in v.evidence])
    assert any(e.signal == "intent:solicit:quoted" for e in v.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "who's got percs, need 3 tonight",
        'who got percs? "fire" ones pls',  # the quotation comes after the request
        "any1 got a plug for dmt carts? paying BTC",
        "drop the plug for the dabs pls",
        "Who can sort me out with some pingers for Saturday in Melbourne? Need 4",
    ],
)
def test_a_buyers_request_is_a_solicitation(scanner: Scanner, text: str) -> None:
    assert _label(scanner, text) == "solicit"

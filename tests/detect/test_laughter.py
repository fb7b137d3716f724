"""Laughter written out at any length is a use cue, like the listed "haha" and "jaja" (session 10): a joke about a
drug is talk. Sentences written for this test."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect.signals import _LAUGH


@pytest.mark.parametrize(
    ("word", "laughs"),
    [("jajajajaj", True), ("hahahaha", True), ("hehehe", True), ("kkkkk", True), ("rsrsrs", True), ("jiji", True),
     ("jojo", False), ("hahn", False), ("Jackson", False), ("ha", False)],
)
def test_laughter_is_recognised_as_a_whole_word(word: str, laughs: bool) -> None:
    assert bool(_LAUGH.fullmatch(word.lower())) is laughs


def test_a_joke_with_a_quantity_is_talk(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="450 kg de marihuana se perdieron. Jajajajaj", id="j"))
    assert v.label != "offer" and any(e.signal == "intent:use" and e.text == "Jajajajaj" for e in v.evidence)

"""Laughter written out at any length is a use cue, like the listed "haha" and "jaja" (session 10): a joke about a
drug is talk. Sentences written for this test."""

from __future__ import annotations

import pytest

from narcotrace import Item
from narcotrace.detect import Scanner
from narcotrace.detect._words import _LAUGH


@pytest.mark.parametrize(
    ("word", "laughs"),
    [("jajajajaj", True), ("hahahaha", True), ("hehehe", True), ("kkkkk", True), ("rsrsrs", True), ("jiji", True),
     ("jojo", False), ("hahn", False), ("Jackson", False), ("ha", False),
     # Session 21: keyboard laughs typed in a hurry, and words of the same letters with fewer j's or h's
     ("ajjajsaj", True), ("jajsjsj", True), ("JAJAJAJAJJA", True), ("jsjsjs", True), ("ahahah", True),
     ("hahahsha", True), ("jajas", False), ("jesse", False), ("hashes", False), ("sheesh", False), ("sasha", False)],
)
def test_laughter_is_recognised_as_a_whole_word(word: str, laughs: bool) -> None:
    assert bool(_LAUGH.fullmatch(word.lower())) is laughs


def test_a_joke_with_a_quantity_is_talk(scanner: Scanner) -> None:
    v = scanner.scan_item(Item(text="450 kg de marihuana se perdieron. Jajajajaj", id="j"))
    assert v.label != "offer" and any(e.signal == "intent:use" and e.text == "Jajajajaj" for e in v.evidence)


@pytest.mark.parametrize(
    "text",
    [
        # Spanish jokes that were offers at 0.84-0.86 before the keyboard laughs were read (session 21)
        "@amiga Yo vendo la marihuana ajjajsaj",
        "Re que leí vendo mariscos y era marihuana jajsjsj",
        "Dizque X2 de la marihuana  ajajajjaaj esta gente ole",
    ],
)
def test_a_joke_ending_in_a_keyboard_laugh_is_talk(scanner: Scanner, text: str) -> None:
    v = scanner.scan_item(Item(text=text, id="j"))
    assert v.label != "offer" and any(e.signal == "intent:use" for e in v.evidence), v

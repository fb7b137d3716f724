"""The look-ups that keep long texts linear (session 19) answer as the plain scans they replaced: a 50,000-character
post took up to 37 s when every cue was compared with every other one and every match walked back to the last space
(Chinese is written without spaces); it takes under a second now. Times are measured by benchmarks, not here."""

from __future__ import annotations

import random

import pytest

from narcotrace.detect._words import _Enclosing, _in_hashtag
from narcotrace.detect.lexicon import _without


def _walk_back(text: str, start: int, marks: str = "#＃") -> bool:
    """Whether one of `marks` stands between `start` and the last space before it (the plain walk)."""
    i = start - 1
    while i >= 0 and not text[i].isspace():
        if text[i] in marks:
            return True
        i -= 1
    return False


def test_a_hashtag_token_is_found_as_by_walking_back() -> None:
    rng = random.Random(19)
    for _ in range(2000):
        # long runs without spaces too: the look-back is bounded and the positions take over
        text = "".join(rng.choice("ab #＃\u3000\t冰") if rng.random() < 0.2 else rng.choice("ab冰") for _ in range(rng.randint(0, 200)))
        for start in range(len(text) + 1):
            assert _in_hashtag(text, start) == _walk_back(text, start), (text, start)


@pytest.mark.parametrize("n", [0, 1, 5, _Enclosing.FEW, _Enclosing.FEW + 1, 200])
def test_an_enclosing_span_is_found_as_by_asking_each(n: int) -> None:
    rng = random.Random(n)
    for _ in range(100):
        spans = [(a, a + rng.randint(0, 20)) for a in (rng.randint(0, 60) for _ in range(n))]
        enclosing = _Enclosing(spans)
        for _ in range(30):
            a = rng.randint(0, 60)
            b = a + rng.randint(0, 20)
            for strict in (True, False):
                expected = any(x <= a and b <= y and not (strict and (x, y) == (a, b)) for x, y in spans)
                assert enclosing.holds(a, b, strict) == expected, (spans, a, b, strict)


def test_a_text_without_cut_positions_is_as_by_asking_each() -> None:
    # `_without` builds the text from the runs between cut positions (session 20)
    rng = random.Random(20)
    for _ in range(3000):
        text = "".join(rng.choice("ab 冰✨毒") for _ in range(rng.randint(0, 30)))
        cut = [rng.randint(-2, len(text) + 2) for _ in range(rng.randint(0, 12))]
        where = [i for i in range(len(text)) if i not in set(cut)]
        assert _without(text, cut) == ("".join(text[i] for i in where), where), (text, cut)


def test_the_word_around_a_span_is_the_same_from_the_held_word() -> None:
    """`word_extent` keeps the last long word it walked (session 21: "ahah" typed on for 50,000 letters took 116 s);
    every span inside it, and spans elsewhere, get what a fresh walk gives."""
    from narcotrace.detect.lexicon import is_spaced_word_char, word_extent

    def walk(text: str, start: int, end: int) -> tuple[int, int]:
        a, b = start, end
        while a > 0 and is_spaced_word_char(text[a - 1]):
            a -= 1
        while b < len(text) and is_spaced_word_char(text[b]):
            b += 1
        return a, b

    text = "x " + "ahah" * 100 + " china whitey and " + "kush" * 30 + "x"
    spans = [(2, 6), (40, 44), (300, 301), (404, 415), (410, 415), (420, 423), (440, 450), (2, 6)]
    for start, end in spans:
        assert word_extent(text, start, end) == walk(text, start, end), (start, end)
    other = "ahah" * 100  # an equal word in another string is walked anew
    assert word_extent(other, 10, 12) == (0, 400)


def test_inside_a_tag_is_the_same_from_the_held_token() -> None:
    """`inside_tag` reads on from the last token it walked (session 21: "fentanyl" typed on for 50,000 letters took
    147 s); in any order of questions it answers as the walk back to the last space."""
    from narcotrace.detect.lexicon import inside_tag

    rng = random.Random(21)
    for _ in range(300):
        text = "".join(rng.choice("ab#/ \n") if rng.random() < 0.1 else rng.choice("abcdef") for _ in range(200))
        starts = sorted(rng.sample(range(201), 40)) if rng.random() < 0.5 else rng.sample(range(201), 40)
        for start in starts:
            assert inside_tag(text, start) is _walk_back(text, start, "#/"), (text, start)

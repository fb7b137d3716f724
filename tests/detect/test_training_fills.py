"""tools/train_default.py draws its template fills so that one KB term more moves only the fills it wins.

Before, one shared random stream filled every template: a term added to any pool shifted every later draw, the whole
training set changed and threshold lines moved both ways, so no KB change could be measured on its own.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from toolmod import load_tool

from narcotrace.kb import load_kb
from narcotrace.kb._loader import Term

td = load_tool("train_default")


def test_a_new_term_takes_only_the_picks_it_wins() -> None:
    pool = [f"term{i:03d}" for i in range(400)]
    old, new = td._Ring(pool, "x"), td._Ring([*pool, "newterm"], "x")
    draws = [random.Random(i) for i in range(4000)]
    before = [old.pick(random.Random(i)) for i in range(4000)]
    after = [new.pick(r) for r in draws]
    moved = [(b, a) for b, a in zip(before, after) if b != a]
    assert moved, "a new term wins some picks"
    assert all(a == "newterm" for _, a in moved)
    assert len(moved) < 4000 * 5 / 400  # about 1 in the pool's size, with room for the ring's uneven arcs


def test_every_term_of_a_pool_is_drawn_and_an_empty_pool_takes_the_fallback() -> None:
    ring = td._Ring(["a", "b", "c"], "x")
    rng = random.Random(1)
    picks = [ring.pick(rng) for _ in range(3000)]
    assert set(picks) == {"a", "b", "c"}
    assert min(picks.count(t) for t in "abc") > 600  # no term owns most of the ring
    assert td._Ring([], "fentanyl").pick(rng) == "fentanyl"


@pytest.fixture(scope="module")
def fills() -> list[str]:
    return td.build_examples(12, 7)[0]


@pytest.mark.parametrize(("text", "lang"), [("bmkglycidate", "en"), ("新冰", "zh-Hans"), ("빙두새", "ko")])
def test_adding_a_kb_term_changes_only_fills_that_now_name_it(
    fills: list[str], monkeypatch: pytest.MonkeyPatch, text: str, lang: str
) -> None:
    kb = load_kb()
    substance = next(t.substance for t in kb.terms if t.text == "fentanyl")
    grown = dataclasses.replace(kb, terms=(*kb.terms, Term(text, substance, "name", lang, False, "test", "")))
    monkeypatch.setattr(td, "load_kb", lambda: grown)
    after = td.build_examples(12, 7)[0]
    assert len(after) == len(fills)
    changed = [(b, a) for b, a in zip(fills, after) if b != a]
    assert all(text in a for _, a in changed), changed[:3]
    assert len(changed) < len(fills) / 100


def test_fills_are_reproducible_and_the_seed_matters(fills: list[str]) -> None:
    assert td.build_examples(12, 7)[0] == fills
    other = td.build_examples(12, 8)[0]
    assert sum(a != b for a, b in zip(fills, other)) > len(fills) / 2

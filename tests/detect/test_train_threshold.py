"""The decision threshold of `narcotrace train` is the middle of the cuts whose out-of-fold F1 is within F1_PLATEAU of
the best (session 23), not the single best cut, which jumps between far-apart scores as the data move."""

from __future__ import annotations

import numpy as np
import pytest

from narcotrace.detect.train import best_threshold

# Eight offers among twelve scores. Cutting after the k-th highest score gives F1 0.857 (k=6), 0.875 (k=8),
# 0.941 (k=9, the best), 0.889 (k=10) and 0.842 (k=11).
P = np.array([0.9, 0.85, 0.8, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.3, 0.2, 0.1])
Y = np.array([1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0])


@pytest.mark.parametrize(
    ("plateau", "cut"),
    [
        (0.0, 0.375),  # the best cut alone, between 0.45 and 0.3
        (0.06, 0.25),  # the cuts after 9 and 10 scores: the middle one of two is the second
        (0.1, 0.375),  # after 6, 8, 9, 10 and 11 scores: the middle is after 9
    ],
)
def test_the_threshold_is_the_middle_of_the_near_best_cuts(plateau: float, cut: float) -> None:
    assert best_threshold(Y, P, plateau=plateau) == pytest.approx(cut)


def test_no_offers_give_one_half() -> None:
    assert best_threshold(np.zeros(4, dtype=int), np.array([0.1, 0.2, 0.3, 0.4])) == 0.5

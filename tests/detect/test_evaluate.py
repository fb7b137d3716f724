"""The metrics of `narcotrace eval` on small hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from narcotrace.detect.evaluate import EvalRecord, average_precision, calibration, evaluate


def test_calibration_of_a_perfectly_calibrated_score() -> None:
    # Ten items at 0.3 with three offers, ten at 0.8 with eight: every bin's mean score is its offer rate.
    y = np.array([1] * 3 + [0] * 7 + [1] * 8 + [0] * 2, dtype=np.float64)
    p = np.array([0.3] * 10 + [0.8] * 10)
    c = calibration(y, p)
    assert c["ece"] == pytest.approx(0.0)
    assert [(b["low"], b["n"]) for b in c["bins"]] == [(0.3, 10), (0.8, 10)]
    assert c["brier"] == pytest.approx((3 * 0.49 + 7 * 0.09 + 8 * 0.04 + 2 * 0.64) / 20)


def test_calibration_of_an_overconfident_score() -> None:
    # Scores of 0.95 on items half of which are offers: a gap of 0.45.
    c = calibration(np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.95, 0.95, 0.95, 0.95]))
    assert c["ece"] == pytest.approx(0.45)
    assert c["bins"][0]["high"] == 1.0  # a score of 1.0 falls in the last bin, not an eleventh


def test_calibration_of_nothing() -> None:
    assert calibration(np.array([]), np.array([])) == {"brier": None, "ece": None, "bins": []}


def test_average_precision() -> None:
    assert average_precision(np.array([1, 0, 1]), np.array([0.9, 0.8, 0.7])) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision(np.array([0, 0]), np.array([0.1, 0.2])) is None


def test_report_carries_ece_per_group_and_the_bins() -> None:
    recs = [EvalRecord(str(i), "t", g, int(s >= 0.5), s, {"lang": lang})
            for i, (g, s, lang) in enumerate([(1, 0.9, "en"), (0, 0.1, "en"), (1, 0.6, "es"), (0, 0.4, "es")])]
    rep = evaluate(recs, threshold=0.5)
    assert rep["overall"]["f1"] == 1.0
    assert rep["by"]["lang"]["en"]["ece"] == pytest.approx(0.1)
    assert rep["by"]["lang"]["es"]["ece"] == pytest.approx(0.4)
    assert sum(b["n"] for b in rep["calibration"]["bins"]) == 4

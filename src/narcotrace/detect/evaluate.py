"""Evaluation of offer detection on labelled data: overall and per language, source and kind.

Gold: `label` == "offer" is positive; "unsure" (and empty) is not scored; every other label is negative.
Predicted: the verdict label is "offer". PR-AUC uses the verdict score (average precision).
Calibration: the score is meant as P(offer); the Brier score, the expected calibration error over ten equal-width
score bins (ECE: the item-weighted mean gap between a bin's mean score and its share of offers) and the bins
themselves say how far it is from that on the data evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np

__all__ = ["EvalRecord", "average_precision", "calibration", "evaluate", "format_report"]

UNSCORED = ("unsure", "")
CALIBRATION_BINS = 10


@dataclass(frozen=True, slots=True)
class EvalRecord:
    id: str
    text: str
    gold: int
    pred: int
    score: float
    groups: Mapping[str, str]  # lang / source / kind -> value


def average_precision(y: np.ndarray, p: np.ndarray) -> float | None:
    """Area under the precision-recall curve as average precision (the step-wise sum, no interpolation)."""
    if y.sum() == 0:
        return None
    order = np.argsort(-p, kind="stable")
    ys = y[order]
    tp = np.cumsum(ys)
    precision = tp / np.arange(1, len(ys) + 1)
    return float((precision * ys).sum() / ys.sum())


def calibration(y: np.ndarray, p: np.ndarray, bins: int = CALIBRATION_BINS) -> dict[str, Any]:
    """Brier score, expected calibration error and the reliability bins of scores `p` against gold `y` (0/1).

    >>> c = calibration(np.array([0, 0, 1, 1]), np.array([0.1, 0.1, 0.9, 0.9]))
    >>> round(c["brier"], 3), round(c["ece"], 3), [(b["n"], b["offer_rate"]) for b in c["bins"]]
    (0.01, 0.1, [(2, 0.0), (2, 1.0)])
    """
    if len(y) == 0:
        return {"brier": None, "ece": None, "bins": []}
    which = np.minimum((p * bins).astype(np.int64), bins - 1)
    rows: list[dict[str, Any]] = []
    ece = 0.0
    for b in range(bins):
        mask = which == b
        n = int(mask.sum())
        if not n:
            continue
        mean, rate = float(p[mask].mean()), float(y[mask].mean())
        ece += n / len(y) * abs(mean - rate)
        rows.append({"low": b / bins, "high": (b + 1) / bins, "n": n, "mean_score": mean, "offer_rate": rate})
    return {"brier": float(((p - y) ** 2).mean()), "ece": ece, "bins": rows}


def _metrics(recs: list[EvalRecord]) -> dict[str, Any]:
    y = np.array([r.gold for r in recs], dtype=np.int64)
    yhat = np.array([r.pred for r in recs], dtype=np.int64)
    p = np.array([r.score for r in recs], dtype=np.float64)
    tp = int(((y == 1) & (yhat == 1)).sum())
    fp = int(((y == 0) & (yhat == 1)).sum())
    fn = int(((y == 1) & (yhat == 0)).sum())
    tn = int(((y == 0) & (yhat == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if tp + fn and tp + fp else None)
    fpr = fp / (fp + tn) if fp + tn else None
    return {
        "n": len(recs),
        "positives": int(y.sum()),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fpr": fpr,
        "pr_auc": average_precision(y, p),
        "ece": calibration(y, p)["ece"],
    }


def evaluate(records: Iterable[EvalRecord], *, threshold: float, worst: int = 10) -> dict[str, Any]:
    recs = list(records)
    report: dict[str, Any] = {"threshold": threshold, "overall": _metrics(recs), "by": {}}
    y = np.array([r.gold for r in recs], dtype=np.float64)
    p = np.array([r.score for r in recs], dtype=np.float64)
    report["calibration"] = calibration(y, p)
    for key in ("lang", "source", "kind"):
        groups: dict[str, list[EvalRecord]] = {}
        for r in recs:
            v = r.groups.get(key)
            if v:
                groups.setdefault(v, []).append(r)
        if groups:
            report["by"][key] = {v: _metrics(g) for v, g in sorted(groups.items(), key=lambda kv: -len(kv[1]))}
    fps = sorted((r for r in recs if r.gold == 0 and r.pred == 1), key=lambda r: -r.score)[:worst]
    fns = sorted((r for r in recs if r.gold == 1 and r.pred == 0), key=lambda r: r.score)[:worst]
    report["worst_false_positives"] = [{"id": r.id, "score": round(r.score, 4), "text": r.text[:200]} for r in fps]
    report["worst_false_negatives"] = [{"id": r.id, "score": round(r.score, 4), "text": r.text[:200]} for r in fns]
    return report


def _fmt(v: Any) -> str:
    if v is None:
        return "  -  "
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def format_report(report: Mapping[str, Any]) -> str:
    cols = ("n", "positives", "precision", "recall", "f1", "fpr", "pr_auc", "ece")
    lines = [f"threshold {report['threshold']:.3f}", ""]
    header = f"{'group':<28}" + "".join(f"{c:>10}" for c in cols)
    lines.append(header)
    lines.append(f"{'overall':<28}" + "".join(f"{_fmt(report['overall'][c]):>10}" for c in cols))
    for key, groups in report["by"].items():
        for value, m in groups.items():
            lines.append(f"{(key + '=' + value)[:27]:<28}" + "".join(f"{_fmt(m[c]):>10}" for c in cols))
    cal = report.get("calibration")
    if cal and cal["bins"]:
        lines.append("")
        lines.append(f"calibration (score as P(offer)): Brier {cal['brier']:.4f}, ECE {cal['ece']:.4f}")
        lines.append(f"  {'score':<12}{'n':>8}{'mean score':>12}{'offer rate':>12}")
        for b in cal["bins"]:
            band = f"{b['low']:.1f}-{b['high']:.1f}"
            lines.append(f"  {band:<12}{b['n']:>8}{b['mean_score']:>12.3f}{b['offer_rate']:>12.3f}")
    for title, rows in (("worst false positives", report["worst_false_positives"]),
                        ("worst false negatives", report["worst_false_negatives"])):
        lines.append("")
        lines.append(f"{title}:")
        for r in rows:
            text = r["text"].replace("\n", " ")
            lines.append(f"  {r['score']:.3f}  {r['id']}: {text[:120]}")
        if not rows:
            lines.append("  (none)")
    return "\n".join(lines)

"""Evaluation of offer detection on labelled data: overall and per language, source and kind.

Gold: `label` == "offer" is positive; "unsure" (and empty) is not scored; every other label is negative.
Predicted: the verdict label is "offer". PR-AUC uses the verdict score (average precision).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np

__all__ = ["EvalRecord", "average_precision", "evaluate", "format_report"]

UNSCORED = ("unsure", "")


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
    }


def evaluate(records: Iterable[EvalRecord], *, threshold: float, worst: int = 10) -> dict[str, Any]:
    recs = list(records)
    report: dict[str, Any] = {"threshold": threshold, "overall": _metrics(recs), "by": {}}
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
    cols = ("n", "positives", "precision", "recall", "f1", "fpr", "pr_auc")
    lines = [f"threshold {report['threshold']:.3f}", ""]
    header = f"{'group':<28}" + "".join(f"{c:>10}" for c in cols)
    lines.append(header)
    lines.append(f"{'overall':<28}" + "".join(f"{_fmt(report['overall'][c]):>10}" for c in cols))
    for key, groups in report["by"].items():
        for value, m in groups.items():
            lines.append(f"{(key + '=' + value)[:27]:<28}" + "".join(f"{_fmt(m[c]):>10}" for c in cols))
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

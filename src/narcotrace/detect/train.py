"""Training: the shipped default model (dense signals) and a platform's own model (signals + its words).

A platform's model stacks on the general one: the default model's logit is an input feature, and the
dense signals stay in, so adapting to one platform's data does not erase what narcotrace knows about
dark-web listings or other languages. Needs scikit-learn (the `ml` extra); scanning does not.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from narcotrace._exceptions import ModelError
from narcotrace.detect.model import LinearModel, hash_tokens, text_tokens
from narcotrace.detect.signals import FEATURES, SignalExtractor
from narcotrace.text import normalize

__all__ = ["Featurized", "best_threshold", "featurize", "train_default", "train_user"]

TEXT_BITS = 18


def _sklearn() -> Any:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:  # pragma: no cover - depends on the environment
        raise ModelError("training needs scikit-learn: pip install 'narcotrace[ml]'") from None
    return LogisticRegression


@dataclass(slots=True)
class Featurized:
    dense: np.ndarray  # (n, len(FEATURES))
    text_rows: list[list[int]]  # hashed token indices per item (empty when not requested)


def featurize(
    extractor: SignalExtractor,
    texts: Sequence[str],
    *,
    kinds: Sequence[str | None] | None = None,
    text_bits: int = 0,
    progress: Callable[[int], None] | None = None,
) -> Featurized:
    dense = np.zeros((len(texts), len(FEATURES)), dtype=np.float64)
    rows: list[list[int]] = []
    for i, text in enumerate(texts):
        sig = extractor.extract(text, kind=kinds[i] if kinds is not None else None)
        dense[i] = sig.vector()
        if text_bits:
            rows.append(sorted(set(hash_tokens(text_tokens(normalize(text).text), text_bits))))
        if progress and i % 1000 == 999:
            progress(i + 1)
    return Featurized(dense, rows)


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The probability cut that maximises F1 on (y, p); 0.5 when there are no positives."""
    if y.sum() == 0:
        return 0.5
    order = np.argsort(-p)
    ys = y[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(1 - ys)
    f1 = 2 * tp / (tp + fp + ys.sum())
    k = int(np.argmax(f1))
    # Midway between the last accepted and the first rejected score, so the cut is not on a data point.
    hi = p[order][k]
    lo = p[order][k + 1] if k + 1 < len(p) else hi - 1e-3
    return float(max(1e-4, min(0.9999, (hi + lo) / 2)))


def train_default(
    extractor: SignalExtractor,
    texts: Sequence[str],
    y: Sequence[int],
    *,
    kinds: Sequence[str | None] | None = None,
    name: str,
    meta: dict[str, Any],
) -> LinearModel:
    """Fit the dense-signal model that ships with narcotrace."""
    LogisticRegression = _sklearn()
    X = featurize(extractor, texts, kinds=kinds).dense
    yy = np.asarray(y, dtype=np.int64)
    clf = LogisticRegression(C=1.0, max_iter=2000)
    clf.fit(X, yy)
    return LinearModel(
        name=name,
        kb_version=extractor.kb.version,
        features=FEATURES,
        weights=tuple(float(w) for w in clf.coef_[0]),
        bias=float(clf.intercept_[0]),
        threshold=0.5,
        meta={**meta, "n_train": int(len(yy)), "n_offer": int(yy.sum())},
    )


def _design(feat: Featurized, base_logits: np.ndarray, bits: int) -> Any:
    from scipy import sparse

    n = feat.dense.shape[0]
    indptr = np.zeros(n + 1, dtype=np.int64)
    indices: list[int] = []
    for i, row in enumerate(feat.text_rows):
        indices.extend(row)
        indptr[i + 1] = len(indices)
    text = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr), shape=(n, 1 << bits)
    )
    left = sparse.csr_matrix(np.hstack([base_logits[:, None], feat.dense]))
    return sparse.hstack([left, text], format="csr")


def train_user(
    extractor: SignalExtractor,
    base: LinearModel,
    texts: Sequence[str],
    y: Sequence[int],
    *,
    kinds: Sequence[str | None] | None = None,
    name: str,
    C: float = 4.0,
    text_bits: int = TEXT_BITS,
    progress: Callable[[int], None] | None = None,
) -> tuple[LinearModel, dict[str, Any]]:
    """Fit a platform model on top of the general one; returns the model and training facts."""
    LogisticRegression = _sklearn()
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    yy = np.asarray(y, dtype=np.int64)
    if yy.sum() == 0 or yy.sum() == len(yy):
        raise ModelError("training data needs both offers and non-offers")
    t0 = time.perf_counter()
    feat = featurize(extractor, texts, kinds=kinds, text_bits=text_bits, progress=progress)
    base_logits = np.array([base.logit(row) for row in feat.dense])
    X = _design(feat, base_logits, text_bits)
    clf = LogisticRegression(C=C, max_iter=3000, solver="liblinear")
    # The threshold comes from out-of-fold predictions, not from the data the weights were fitted on.
    folds = min(5, int(min(yy.sum(), len(yy) - yy.sum())))
    if folds >= 2:
        oof = cross_val_predict(
            clf, X, yy, cv=StratifiedKFold(folds, shuffle=True, random_state=0), method="predict_proba"
        )[:, 1]
        threshold = best_threshold(yy, oof)
    else:
        threshold = 0.5
    clf.fit(X, yy)
    coef = clf.coef_[0]
    n_dense = len(FEATURES)
    text_coef = coef[1 + n_dense :]
    nz = np.flatnonzero(np.abs(text_coef) > 1e-6)
    model = LinearModel(
        name=name,
        kb_version=extractor.kb.version,
        features=FEATURES,
        weights=tuple(float(w) for w in coef[1 : 1 + n_dense]),
        bias=float(clf.intercept_[0]),
        threshold=threshold,
        base_weight=float(coef[0]),
        text_bits=text_bits,
        text_weights={int(i): float(text_coef[i]) for i in nz},
        meta={"base_model": base.name, "n_train": int(len(yy)), "n_offer": int(yy.sum()), "C": C},
    )
    facts = {"n": int(len(yy)), "n_offer": int(yy.sum()), "threshold": threshold, "seconds": time.perf_counter() - t0,
             "text_weights": int(len(nz))}
    return model, facts

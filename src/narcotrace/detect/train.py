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


def _design(feat: Featurized, bits: int) -> Any:
    """Dense signals then hashed text, as one sparse matrix."""
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
    return sparse.hstack([sparse.csr_matrix(feat.dense), text], format="csr")


def fit_with_offset(X: Any, y: np.ndarray, offset: np.ndarray, C: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression whose logit is `offset + X.w + b`.

    The offset is the general model's logit, kept fixed: the platform's data can only add to what narcotrace
    already knows, and where it says nothing (a feature its data never shows) nothing changes.
    """
    from scipy.optimize import minimize
    from scipy.special import expit

    lam = 1.0 / C
    yf = y.astype(np.float64)
    sign = 2.0 * yf - 1.0
    d = X.shape[1]
    Xt = X.T.tocsr()

    def loss_grad(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:d], params[d]
        z = X @ w + b + offset
        loss = float(np.logaddexp(0.0, -sign * z).sum() + 0.5 * lam * w.dot(w))
        r = expit(z) - yf
        grad = np.empty(d + 1)
        grad[:d] = Xt @ r + lam * w
        grad[d] = r.sum()
        return loss, grad

    res = minimize(loss_grad, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": 400})
    return res.x[:d], float(res.x[d])


def train_user(
    extractor: SignalExtractor,
    base: LinearModel,
    texts: Sequence[str],
    y: Sequence[int],
    *,
    kinds: Sequence[str | None] | None = None,
    name: str,
    C: float = 1.0,
    text_bits: int = TEXT_BITS,
    folds: int = 3,
    progress: Callable[[int], None] | None = None,
) -> tuple[LinearModel, dict[str, Any]]:
    """Fit a platform model on top of the general one; returns the model and training facts."""
    try:
        from scipy.special import expit
    except ImportError:  # pragma: no cover - depends on the environment
        raise ModelError("training needs scipy and scikit-learn: pip install 'narcotrace[ml]'") from None

    yy = np.asarray(y, dtype=np.int64)
    if yy.sum() == 0 or yy.sum() == len(yy):
        raise ModelError("training data needs both offers and non-offers")
    t0 = time.perf_counter()
    feat = featurize(extractor, texts, kinds=kinds, text_bits=text_bits, progress=progress)
    offset = np.array([base.logit(row) for row in feat.dense])
    X = _design(feat, text_bits)
    # The threshold comes from out-of-fold predictions, not from the data the weights were fitted on.
    k = min(folds, int(min(yy.sum(), len(yy) - yy.sum())))
    threshold = 0.5
    if k >= 2:
        rng = np.random.default_rng(0)
        fold_of = rng.integers(0, k, len(yy))
        oof = np.zeros(len(yy))
        for f in range(k):
            tr, te = fold_of != f, fold_of == f
            w, b = fit_with_offset(X[tr], yy[tr], offset[tr], C)
            oof[te] = expit(X[te] @ w + b + offset[te])
        threshold = best_threshold(yy, oof)
    w, b = fit_with_offset(X, yy, offset, C)
    n_dense = len(FEATURES)
    text_coef = w[n_dense:]
    nz = np.flatnonzero(np.abs(text_coef) > 1e-4)
    model = LinearModel(
        name=name,
        kb_version=extractor.kb.version,
        features=FEATURES,
        weights=tuple(float(v) for v in w[:n_dense]),
        bias=b,
        threshold=threshold,
        base_weight=1.0,
        text_bits=text_bits,
        text_weights={int(i): float(text_coef[i]) for i in nz},
        meta={"base_model": base.name, "n_train": int(len(yy)), "n_offer": int(yy.sum()), "C": C,
              "method": "logistic regression with the base model's logit as a fixed offset"},
    )
    facts = {"n": int(len(yy)), "n_offer": int(yy.sum()), "threshold": threshold, "seconds": time.perf_counter() - t0,
             "text_weights": int(len(nz))}
    return model, facts

"""Training: the shipped default model (dense signals) and a platform's own model (the general one + its words).

A platform's model stacks on the general one: the default model's logit is a fixed offset and the platform's
data only learns a bias and hashed text weights on top of it, so adapting to one platform does not erase what
narcotrace knows about dark-web listings or other languages. Needs scipy (the `ml` extra);
scanning does not.
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

__all__ = ["C_GRID", "SALE_EVIDENCE", "Featurized", "best_threshold", "featurize", "fit_bounded", "fit_with_offset",
           "train_default", "train_user", "train_user_featurized", "unsupported_features"]

TEXT_BITS = 18


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


F1_PLATEAU = 0.005


def best_threshold(y: np.ndarray, p: np.ndarray, plateau: float = F1_PLATEAU) -> float:
    """The probability cut that maximises F1 on (y, p); 0.5 when there are no positives."""
    if y.sum() == 0:
        return 0.5
    order = np.argsort(-p)
    ys = y[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(1 - ys)
    f1 = 2 * tp / (tp + fp + ys.sum())
    # The middle of the cuts whose F1 is within F1_PLATEAU of the best, not the single best cut: out-of-fold F1 is
    # flat near its top, and its argmax jumps between far-apart cuts as the data move (0.05 to 0.49 between folds).
    near = np.flatnonzero(f1 >= f1.max() - plateau)
    k = int(near[len(near) // 2])
    # Midway between the last accepted and the first rejected score, so the cut is not on a data point.
    hi = p[order][k]
    lo = p[order][k + 1] if k + 1 < len(p) else hi - 1e-3
    return float(max(1e-4, min(0.9999, (hi + lo) / 2)))


# Signals that are evidence of a sale: a seller's words (selling, contact, shipping, payment, no prescription) and a
# price or a quantity. Their weights in the default model are kept at zero or above, so that stating a price never
# lowers the probability of an offer. Fitted freely, `price` took -1.6: templates price merchandise and news without a
# quantity and every priced offer with one, so a price alone became evidence against a sale and "oxy 30s 20 a piece,
# zelle" sat below the threshold at 0.48 (0.56 with the bound; session 16). `promo` is not among them: commerce words
# ("prices", "cheap") are also how news and talk discuss drug markets (session 10).
SALE_EVIDENCE: tuple[str, ...] = ("sell", "contact", "shipping", "payment", "no_rx", "price", "qty")


def fit_bounded(X: np.ndarray, y: np.ndarray, C: float, nonnegative: Sequence[int] = ()) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression (scikit-learn's objective: C times the log loss plus half the squared
    weights, the bias not penalised) whose weights at the indices `nonnegative` are kept at zero or above; solved by
    L-BFGS-B."""
    try:
        from scipy.optimize import minimize
        from scipy.special import expit
    except ImportError:  # pragma: no cover - depends on the environment
        raise ModelError("training needs scipy: pip install 'narcotrace[ml]'") from None
    yf = y.astype(np.float64)
    sign = 2.0 * yf - 1.0
    d = X.shape[1]

    def loss(params: np.ndarray) -> float:
        w = params[:d]
        z = X @ w + params[d]
        return float(C * np.logaddexp(0.0, -sign * z).sum() + 0.5 * w @ w)

    def grad(params: np.ndarray) -> np.ndarray:
        w = params[:d]
        r = C * (expit(X @ w + params[d]) - yf)
        return np.concatenate([X.T @ r + w, [r.sum()]])

    floor = set(nonnegative)
    bounds = [(0.0, None) if j in floor else (None, None) for j in range(d)] + [(None, None)]
    res = minimize(loss, np.zeros(d + 1), jac=grad, method="L-BFGS-B", bounds=bounds,
                   options={"maxiter": 5000, "gtol": 1e-6})
    if not res.success:
        raise ModelError(f"training did not converge: {res.message}")
    return res.x[:d], float(res.x[d])


def train_default(
    extractor: SignalExtractor,
    texts: Sequence[str],
    y: Sequence[int],
    *,
    kinds: Sequence[str | None] | None = None,
    name: str,
    meta: dict[str, Any],
    nonnegative: Sequence[str] = SALE_EVIDENCE,
) -> LinearModel:
    """Fit the dense-signal model that ships with narcotrace (C = 1; the `nonnegative` signals' weights >= 0)."""
    unknown = [n for n in nonnegative if n not in FEATURES]
    if unknown:
        raise ModelError(f"unknown features for a non-negative weight: {', '.join(unknown)}")
    X = featurize(extractor, texts, kinds=kinds).dense
    yy = np.asarray(y, dtype=np.int64)
    w, b = fit_bounded(X, yy, 1.0, [FEATURES.index(n) for n in nonnegative])
    return LinearModel(
        name=name,
        kb_version=extractor.kb.version,
        features=FEATURES,
        weights=tuple(float(v) for v in w),
        bias=b,
        threshold=0.5,
        meta={**meta, "n_train": int(len(yy)), "n_offer": int(yy.sum()),
              "method": "logistic regression (C = 1) with non-negative weights for " + ", ".join(nonnegative)},
    )


def _text_matrix(rows: Sequence[Sequence[int]], bits: int) -> Any:
    """Hashed text tokens as a binary sparse matrix (one row per item)."""
    from scipy import sparse

    n = len(rows)
    indptr = np.zeros(n + 1, dtype=np.int64)
    indices: list[int] = []
    for i, row in enumerate(rows):
        indices.extend(row)
        indptr[i + 1] = len(indices)
    return sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr), shape=(n, 1 << bits)
    )


def fit_with_offset(X: Any, y: np.ndarray, offset: np.ndarray, C: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression whose logit is `offset + X.w + b`.

    The offset is the general model's logit, kept fixed, and only the deviation from it is penalised: the
    platform's data can only add to what narcotrace already knows, and a token its data never shows adds nothing.
    Solved by truncated Newton (Newton-CG with exact Hessian-vector products, as liblinear's TRON does): on
    10,000 tweets it reaches the L-BFGS optimum in a fifth to a sixth of the CPU time.
    """
    from scipy import sparse
    from scipy.optimize import minimize
    from scipy.special import expit

    yf = y.astype(np.float64)
    sign = 2.0 * yf - 1.0
    d = X.shape[1]
    # The bias is a column of ones, not penalised.
    Xb = sparse.hstack([X, np.ones((X.shape[0], 1))], format="csr")
    Xbt = Xb.T.tocsr()
    lam = np.full(d + 1, 1.0 / C)
    lam[d] = 0.0
    # The curvature weights s(1-s) at the point the Hessian is taken, computed once per Newton step.
    curvature: dict[bytes, np.ndarray] = {}

    def loss(params: np.ndarray) -> float:
        z = Xb @ params + offset
        return float(np.logaddexp(0.0, -sign * z).sum() + 0.5 * (lam * params * params).sum())

    def grad(params: np.ndarray) -> np.ndarray:
        return Xbt @ (expit(Xb @ params + offset) - yf) + lam * params

    def hessp(params: np.ndarray, v: np.ndarray) -> np.ndarray:
        key = params.tobytes()
        D = curvature.get(key)
        if D is None:
            s = expit(Xb @ params + offset)
            D = s * (1.0 - s)
            curvature.clear()
            curvature[key] = D
        # The tiny ridge on the bias keeps the system positive definite when every item is certain.
        return Xbt @ (D * (Xb @ v)) + lam * v + 1e-8 * v

    res = minimize(loss, np.zeros(d + 1), jac=grad, hessp=hessp, method="Newton-CG",
                   options={"xtol": 1e-5, "maxiter": 200})
    return res.x[:d], float(res.x[d])


def _f1_at(y: np.ndarray, p: np.ndarray, threshold: float) -> float:
    pred = p >= threshold
    tp = int((pred & (y == 1)).sum())
    denom = int(pred.sum()) + int(y.sum())
    return 2 * tp / denom if denom else 0.0


# Regularisation strengths tried by the inner cross-validation (1/C is the L2 penalty on the text weights).
C_GRID: tuple[float, ...] = (1.0, 3.0, 10.0)
# A dense signal active in fewer training items than this is one the platform's data says nothing about.
MIN_SUPPORT = 5


def unsupported_features(dense: np.ndarray, min_support: int = MIN_SUPPORT) -> tuple[int, ...]:
    """Indices of the dense signals active in fewer than `min_support` training items."""
    return tuple(int(i) for i in np.flatnonzero((dense != 0).sum(axis=0) < min_support))


def train_user(
    extractor: SignalExtractor,
    base: LinearModel,
    texts: Sequence[str],
    y: Sequence[int],
    *,
    kinds: Sequence[str | None] | None = None,
    name: str,
    C: float | Sequence[float] = C_GRID,
    text_bits: int = TEXT_BITS,
    folds: int = 3,
    progress: Callable[[int], None] | None = None,
) -> tuple[LinearModel, dict[str, Any]]:
    """Fit a platform model on top of the general one; returns the model and training facts.

    `featurize` then `train_user_featurized`: benchmarks that cross-validate featurize once and slice.

    logit = base logit (fixed) + b + hashed word / character-bigram weights. The dense signals keep the general
    model's weights: letting this data re-weigh them (a tweet collection says a drug name alone is weak
    evidence) is what made an adapted model forget dark-web listings. `C` (one value or a grid) and the
    decision threshold are chosen on `folds`-fold out-of-fold predictions over the training data only.
    Items showing a signal the training data never showed keep at least the general model's logit.
    """
    yy = np.asarray(y, dtype=np.int64)
    if yy.sum() == 0 or yy.sum() == len(yy):
        raise ModelError("training data needs both offers and non-offers")
    t0 = time.perf_counter()
    feat = featurize(extractor, texts, kinds=kinds, text_bits=text_bits, progress=progress)
    model, facts = train_user_featurized(feat, yy, base=base, kb_version=extractor.kb.version, name=name, C=C,
                                         text_bits=text_bits, folds=folds)
    facts["seconds"] = time.perf_counter() - t0
    return model, facts


def train_user_featurized(
    feat: Featurized,
    y: Sequence[int] | np.ndarray,
    *,
    base: LinearModel,
    kb_version: str,
    name: str,
    C: float | Sequence[float] = C_GRID,
    text_bits: int = TEXT_BITS,
    folds: int = 3,
) -> tuple[LinearModel, dict[str, Any]]:
    """`train_user` on features already computed by `featurize(..., text_bits=text_bits)`."""
    try:
        from scipy.special import expit
    except ImportError:  # pragma: no cover - depends on the environment
        raise ModelError("training needs scipy: pip install 'narcotrace[ml]'") from None

    yy = np.asarray(y, dtype=np.int64)
    if yy.sum() == 0 or yy.sum() == len(yy):
        raise ModelError("training data needs both offers and non-offers")
    grid = (float(C),) if isinstance(C, (int, float)) else tuple(float(c) for c in C)
    if not grid or min(grid) <= 0:
        raise ModelError(f"C must be positive, got {C!r}")
    t0 = time.perf_counter()
    offset = np.array([base.logit(row) for row in feat.dense])
    # Fit over the buckets the data uses only: an unused bucket's weight is 0 under L2 anyway, and the
    # optimiser's vectors shrink from 2^bits to the vocabulary size.
    X_all = _text_matrix(feat.text_rows, text_bits)
    used = np.unique(X_all.indices)
    X = X_all[:, used]
    unsupported = unsupported_features(feat.dense)
    guard = np.zeros(len(yy), dtype=bool)
    if unsupported:
        guard = (feat.dense[:, list(unsupported)] != 0).any(axis=1)
    # C and the threshold come from out-of-fold predictions, not from the data the weights were fitted on.
    k = min(folds, int(min(yy.sum(), len(yy) - yy.sum())))
    threshold, best_c, cv_f1 = 0.5, grid[len(grid) // 2], None
    if k >= 2:
        fold_of = np.random.default_rng(0).permutation(len(yy)) % k
        best = -1.0
        for c in grid:
            oof = np.zeros(len(yy))
            for f in range(k):
                tr, te = fold_of != f, fold_of == f
                w, b = fit_with_offset(X[tr], yy[tr], offset[tr], c)
                z = X[te] @ w + b + offset[te]
                oof[te] = expit(np.where(guard[te], np.maximum(z, offset[te]), z))
            t = best_threshold(yy, oof)
            score = _f1_at(yy, oof, best_threshold(yy, oof, plateau=0.0))
            if score > best + 1e-9:
                best, best_c, threshold = score, c, t
        cv_f1 = best
    w_used, b = fit_with_offset(X, yy, offset, best_c)
    keep = np.abs(w_used) > 1e-4
    nz, w = used[keep], w_used[keep]
    model = LinearModel(
        name=name,
        kb_version=kb_version,
        features=FEATURES,
        weights=tuple(0.0 for _ in FEATURES),
        bias=b,
        threshold=threshold,
        base_weight=1.0,
        text_bits=text_bits,
        text_weights={int(i): float(v) for i, v in zip(nz, w)},
        unsupported=unsupported,
        meta={"base_model": base.name, "n_train": int(len(yy)), "n_offer": int(yy.sum()), "C": best_c,
              "C_grid": list(grid), "inner_cv_folds": k, "inner_cv_f1": cv_f1,
              "method": "logistic regression on hashed text with the base model's logit as a fixed offset"},
    )
    facts = {"n": int(len(yy)), "n_offer": int(yy.sum()), "threshold": threshold, "seconds": time.perf_counter() - t0,
             "text_weights": int(len(nz)), "C": best_c, "inner_cv_f1": cv_f1,
             "unsupported_features": [FEATURES[i] for i in unsupported]}
    return model, facts

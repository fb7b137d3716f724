"""`narcotrace train` (train_user): what a platform model learns, what it must not forget, and its file format."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from narcotrace import Item, ModelError
from narcotrace.detect import Scanner
from narcotrace.detect.model import FEATURES, LinearModel, hash_tokens, sigmoid, text_tokens
from narcotrace.detect.train import (
    SALE_EVIDENCE,
    fit_bounded,
    fit_with_offset,
    train_user,
    unsupported_features,
)
from narcotrace.text import normalize

LISTING = FEATURES.index("kind_listing")
DRUG = FEATURES.index("drug_strong")

OFFERS = [
    "zorblax tabs 2mg, dm for menu, ships fast",
    "fresh zorblax in stock, telegram @zshop",
    "zorblax 10 pcs $40, cashapp only",
    "got zorblax, hmu on wickr zzplug",
    "zorblax bulk discount, discreet shipping",
    "zorblax available now, snap zorbplug",
    "selling zorblax, meet up downtown",
    "zorblax sale today only dm",
]
# Non-offers that name real drugs: this platform's data says "a drug name alone is no offer".
OTHERS = [
    "the weather is nice today",
    "our team won the match 2-0",
    "reading about cocaine history this weekend",
    "a documentary on heroin addiction tonight",
    "happy birthday to my sister",
    "mdma research at the university is promising",
    "just finished a long run",
    "watching the game with friends, no xanax needed",
    "fentanyl overdose deaths rose last year, the report says",
    "the meth episode of that show was dark",
    "new cafe opened downtown, great coffee",
    "traffic is terrible this morning",
]


@pytest.fixture(scope="module")
def trained(scanner: Scanner, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    texts = OFFERS + OTHERS
    y = [1] * len(OFFERS) + [0] * len(OTHERS)
    model, facts = train_user(scanner.extractor, scanner.base, texts, y, name="unit", C=(0.3, 1.0))
    d = tmp_path_factory.mktemp("model") / "m"
    model.save(d)
    return d, facts


@pytest.mark.parametrize(
    "active_rows, expected",
    [
        ({}, set(range(len(FEATURES)))),  # nothing ever active: nothing is supported
        ({DRUG: 5}, set(range(len(FEATURES))) - {DRUG}),
        ({DRUG: 4}, set(range(len(FEATURES)))),  # fewer than MIN_SUPPORT rows is not support
        ({DRUG: 9, LISTING: 6}, set(range(len(FEATURES))) - {DRUG, LISTING}),
    ],
)
def test_unsupported_features_are_those_the_data_rarely_shows(active_rows: dict[int, int], expected: set[int]) -> None:
    dense = np.zeros((10, len(FEATURES)))
    for col, n in active_rows.items():
        dense[:n, col] = 1.0
    assert set(unsupported_features(dense)) == expected


def test_adaptation_only_raises_items_with_an_unsupported_signal() -> None:
    m = LinearModel(name="u", kb_version="kb", features=FEATURES, weights=(0.0,) * len(FEATURES), bias=-3.0,
                    threshold=0.5, base_weight=1.0, text_bits=8, text_weights={7: 2.5}, unsupported=(LISTING,))
    plain = [0.0] * len(FEATURES)
    listing = list(plain)
    listing[LISTING] = 1.0
    assert m.logit(plain, 2.0) == pytest.approx(-1.0)  # in-distribution: the adaptation applies, down too
    assert m.logit(listing, 2.0) == pytest.approx(2.0)  # a listing: never below the general model
    assert m.logit(listing, 2.0, [7]) == pytest.approx(2.0)  # -3 + 2.5 + 2 = 1.5 < 2: still the general answer
    m2 = dataclasses.replace(m, bias=1.0)
    assert m2.logit(listing, 2.0, [7]) == pytest.approx(5.5)  # ... but it may raise it


def test_the_guard_floor_is_the_general_logit_whatever_the_learned_base_weight() -> None:
    # A platform that learned to trust the general model less (base_weight 0.4) still never lowers a listing.
    m = LinearModel(name="u", kb_version="kb", features=FEATURES, weights=(0.0,) * len(FEATURES), bias=-1.0,
                    threshold=0.5, base_weight=0.4, text_bits=8, text_weights={}, unsupported=(LISTING,))
    plain = [0.0] * len(FEATURES)
    listing = list(plain)
    listing[LISTING] = 1.0
    assert m.logit(plain, 3.0) == pytest.approx(-1.0 + 0.4 * 3.0)
    assert m.logit(listing, 3.0) == pytest.approx(3.0)


def test_fit_with_offset_is_logistic_regression() -> None:
    # Zero offset: the same optimum as scikit-learn's L2 logistic regression (unpenalised intercept).
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(3)
    X = (rng.random((300, 40)) < 0.1).astype(float)
    y = (X[:, :5].sum(axis=1) + rng.normal(0, 0.5, 300) > 0.6).astype(int)
    w, b = fit_with_offset(sparse.csr_matrix(X), y, np.zeros(300), 2.0)
    ref = LogisticRegression(C=2.0, tol=1e-10, max_iter=10_000).fit(X, y)
    assert np.allclose(w, ref.coef_[0], atol=1e-3) and b == pytest.approx(ref.intercept_[0], abs=1e-3)
    # An offset moves the fit: a large positive offset on the positives leaves less for the weights to explain.
    w2, _ = fit_with_offset(sparse.csr_matrix(X), y, 3.0 * (2 * y - 1), 2.0)
    assert np.abs(w2).sum() < np.abs(w).sum()


def test_fit_bounded_is_logistic_regression_with_floors() -> None:
    # No floors: scikit-learn's L2 logistic regression (unpenalised intercept), the default model's former fit.
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(5)
    X = (rng.random((400, 12)) < 0.3).astype(float)
    # Column 0 goes with the negatives: its free weight is negative.
    y = ((X[:, 1] + X[:, 2] - X[:, 0] + rng.normal(0, 0.3, 400)) > 0.5).astype(int)
    w, b = fit_bounded(X, y, 1.0)
    ref = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(X, y)
    assert np.allclose(w, ref.coef_[0], atol=2e-3) and b == pytest.approx(ref.intercept_[0], abs=2e-3)
    assert w[0] < -0.5
    # A floor at zero holds that weight at the floor, and only that one is held.
    wf, _ = fit_bounded(X, y, 1.0, [0])
    assert wf[0] == pytest.approx(0.0, abs=1e-8)
    assert (wf[1:] != 0).all()


def test_the_shipped_models_sale_evidence_never_counts_against_an_offer(scanner: Scanner) -> None:
    """A price, a quantity or a seller's words can only raise the default model's offer probability (session 16:
    fitted freely, `price` took -1.6)."""
    for name in SALE_EVIDENCE:
        assert scanner.base.weight_of(name) >= 0.0, name
    assert "non-negative weights for " + ", ".join(SALE_EVIDENCE) in scanner.base.meta["method"]


def test_trained_model_records_its_choices(trained: tuple[Path, dict]) -> None:
    d, facts = trained
    doc = json.loads((d / "model.json").read_text())
    assert doc["meta"]["C"] in (0.3, 1.0) and doc["meta"]["C_grid"] == [0.3, 1.0]
    assert doc["meta"]["inner_cv_folds"] == 3 and 0.0 <= doc["meta"]["inner_cv_f1"] <= 1.0
    # The dense signals keep the general model's weights; only a bias and text weights are learned.
    assert all(w == 0.0 for w in doc["weights"]) and doc["base_weight"] == 1.0
    assert "kind_listing" in doc["unsupported_features"] and "kind_listing" in facts["unsupported_features"]
    assert "drug_strong" not in doc["unsupported_features"]
    back = LinearModel.load(d)
    assert FEATURES[LISTING] in [FEATURES[i] for i in back.unsupported]


def test_a_listing_keeps_at_least_the_general_score(scanner: Scanner, trained: tuple[Path, dict]) -> None:
    d, _ = trained
    adapted = Scanner(kb=scanner.kb, model=d)
    for text in ("Cocaine 1g 90% pure", "MDMA crystals 5 gram", "xanax 2mg bars x100"):
        general = scanner.scan_item(Item(text=text, kind="listing")).score
        assert adapted.scan_item(Item(text=text, kind="listing")).score >= general - 1e-9, text
    # The platform's own vocabulary is learned: its unknown drug word now scores as an offer.
    assert adapted.scan_item(Item(text="zorblax 5 pcs, telegram @qq")).score > \
        scanner.scan_item(Item(text="zorblax 5 pcs, telegram @qq")).score


def test_model_without_unsupported_features_still_loads(trained: tuple[Path, dict], tmp_path: Path) -> None:
    d, _ = trained
    doc = json.loads((d / "model.json").read_text())
    del doc["unsupported_features"]  # a model directory written before the field existed
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "model.json").write_text(json.dumps(doc))
    (tmp_path / "old" / "text_weights.npz").write_bytes((d / "text_weights.npz").read_bytes())
    assert LinearModel.load(tmp_path / "old").unsupported == ()
    doc["unsupported_features"] = ["no_such_signal"]
    (tmp_path / "old" / "model.json").write_text(json.dumps(doc))
    with pytest.raises(ModelError, match="unsupported_features"):
        LinearModel.load(tmp_path / "old")


@pytest.mark.parametrize("C, message", [(0.0, "positive"), ((), "positive"), ((1.0, -2.0), "positive")])
def test_bad_regularisation_is_refused(scanner: Scanner, C: object, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        train_user(scanner.extractor, scanner.base, OFFERS + OTHERS, [1] * 8 + [0] * 12, name="x", C=C)  # type: ignore[arg-type]


def test_one_class_is_refused(scanner: Scanner) -> None:
    with pytest.raises(ModelError, match="both offers and non-offers"):
        train_user(scanner.extractor, scanner.base, OFFERS, [1] * len(OFFERS), name="x")


def test_tweet_model_keeps_the_general_models_listing_recall(scanner: Scanner, shared_data: Path) -> None:
    # A sample of the real data: train on tweets, then check dark-web titles it never saw.
    with (shared_data / "pip_twitter_train.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][::8]
    model, facts = train_user(scanner.extractor, scanner.base, [r["text"] for r in rows],
                              [int(r["label"] == "offer") for r in rows], name="pip-sample", C=(1.0,))
    assert "kind_listing" in facts["unsupported_features"]
    with (shared_data / "torrez_product_20210517_cleaned.csv").open(encoding="utf-8") as fh:
        titles = [r["product"] for r in csv.DictReader(fh)][::50]
    base_hits = adapted_hits = 0
    for t in titles:
        signals = scanner.extractor.extract(t, kind="listing")
        dense = signals.vector()
        base_logit = scanner.base.logit(dense)
        z = model.logit(dense, base_logit, hash_tokens(text_tokens(normalize(t).text), model.text_bits))
        assert z >= base_logit - 1e-9, t
        base_hits += sigmoid(base_logit) >= scanner.base.threshold and signals.any_drug
        adapted_hits += sigmoid(z) >= model.threshold
    assert adapted_hits >= base_hits

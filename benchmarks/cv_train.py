"""Cross-validated `narcotrace train` on pip_twitter_train, and whether the adapted model keeps Torrez recall.

Usage: python benchmarks/cv_train.py [--folds 5] [--write]

Each fold trains a platform model (general signals + hashed words) on the other folds and scores the held-out
fold (the items are featurized once and sliced, and held-out items are scored with the Scanner's own rule); F1 is computed over all out-of-fold verdicts. The model trained on the whole file is then run on the
Torrez listing titles, which it never saw, to check that adapting to tweets did not lose the dark-web market
(beside the shipped model's own Torrez recall), and timed: training on the whole file, and scanning the tweets
with the adapted model in-process on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_dev import DATA, load_jsonl, load_torrez  # noqa: E402

from narcotrace import Item  # noqa: E402
from narcotrace.detect import Scanner  # noqa: E402
from narcotrace.detect.evaluate import EvalRecord, evaluate  # noqa: E402
from narcotrace.detect.model import LinearModel, sigmoid  # noqa: E402
from narcotrace.detect.scanner import buyer_only  # noqa: E402
from narcotrace.detect.signals import FEATURES  # noqa: E402
from narcotrace.detect.train import TEXT_BITS, Featurized, featurize, train_user, train_user_featurized  # noqa: E402

_NAMED = [FEATURES.index(n) for n in ("drug_strong", "drug_context", "drug_emoji")]


def _offers(model: LinearModel, base: LinearModel, feat: Featurized, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scores and offer calls exactly as Scanner.probability / scan_item make them for a text model: at or above
    the threshold, unless the item is a buyer's (`buyer_only`)."""
    p = np.array([sigmoid(model.logit(feat.dense[i], base.logit(feat.dense[i]), feat.text_rows[i])) for i in idx])
    buyer = np.array([
        any(feat.dense[i][j] for j in _NAMED) and buyer_only(dict(zip(FEATURES, feat.dense[i]))) for i in idx
    ], dtype=bool)
    return p, (p >= model.threshold) & ~buyer


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    rows = load_jsonl(DATA / "pip_twitter_train.jsonl")
    base = Scanner()
    kb_version = base.kb.version
    y = np.array([int(r["label"] == "offer") for r in rows])
    rng = np.random.default_rng(0)
    fold_of = rng.integers(0, args.folds, len(rows))
    records: list[EvalRecord] = []
    t0 = time.perf_counter()
    # Featurize once; each fold trains on a slice (train_user = featurize + train_user_featurized).
    feat = featurize(base.extractor, [r["text"] for r in rows], text_bits=TEXT_BITS)
    fold_facts: list[dict] = []
    for k in range(args.folds):
        train_idx = np.flatnonzero(fold_of != k)
        test_idx = np.flatnonzero(fold_of == k)
        sub = Featurized(feat.dense[train_idx], [feat.text_rows[i] for i in train_idx])
        model, ff = train_user_featurized(sub, y[train_idx], base=base.base, kb_version=kb_version, name=f"cv{k}")
        fold_facts.append({"C": ff["C"], "threshold": round(ff["threshold"], 4), "inner_cv_f1": ff["inner_cv_f1"]})
        p, pred = _offers(model, base.base, feat, test_idx)
        for i, pi, oi in zip(test_idx, p, pred):
            records.append(EvalRecord(rows[i]["id"], rows[i]["text"], int(y[i]), int(oi), float(pi),
                                      {"lang": rows[i].get("lang", "")}))
        print(f"fold {k} done ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    rep = evaluate(records, threshold=float("nan"), worst=5)
    t1, c1 = time.perf_counter(), time.process_time()
    full, facts = train_user(base.extractor, base.base, [r["text"] for r in rows], y, name="pip-full")
    train_seconds, train_cpu = time.perf_counter() - t1, time.process_time() - c1
    torrez = load_torrez()
    titles = [r["text"] for r in torrez]
    all_idx = np.arange(len(titles))
    _, hit = _offers(full, base.base, featurize(base.extractor, titles, kinds=["listing"] * len(titles),
                                                text_bits=TEXT_BITS), all_idx)
    _, hit_nokind = _offers(full, base.base, featurize(base.extractor, titles, text_bits=TEXT_BITS), all_idx)
    hits, hits_nokind = int(hit.sum()), int(hit_nokind.sum())
    base_hits = sum(base.scan_item(Item(text=t, kind="listing"), i).label == "offer" for i, t in enumerate(titles))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "full"
        full.save(d)
        s = Scanner(kb=base.kb, model=d)
        items = [Item(text=r["text"]) for r in rows]
        c1 = time.process_time()
        s.scan(items)
        scan_rate = len(items) / (time.process_time() - c1)
        c1 = time.process_time()
        base.scan(items)
        base_rate = len(items) / (time.process_time() - c1)
    o = rep["overall"]
    out = {"cv_folds": args.folds, "pip_cv": o, "pip_cv_by_lang": rep["by"].get("lang", {}),
           "torrez_recall_after_train": hits / len(torrez), "torrez_recall_after_train_without_kind": hits_nokind / len(torrez),
           "torrez_recall_shipped_model": base_hits / len(torrez),
           "full_model_threshold": facts["threshold"], "full_model_C": facts["C"],
           "full_model_text_weights": facts["text_weights"],
           "full_model_unsupported_features": facts["unsupported_features"],
           "train_seconds_full_pip": round(train_seconds, 1), "train_cpu_seconds_full_pip": round(train_cpu, 1), "fold_choices": fold_facts,
           "scan_items_per_cpu_second_trained_model": round(scan_rate, 1),
           "scan_items_per_cpu_second_shipped_model": round(base_rate, 1),
           "date": date.today().isoformat()}
    print(f"pip CV: P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f} PR-AUC={o['pr_auc']:.3f}")
    for lang, m in rep["by"].get("lang", {}).items():
        print(f"   {lang:<4} n={m['n']:>5} pos={m['positives']:>4} F1={m['f1']}")
    print(f"Torrez recall with the pip-trained model: {hits / len(torrez):.3f} (kind=listing), "
          f"{hits_nokind / len(torrez):.3f} (no kind); shipped model alone: {base_hits / len(torrez):.3f}")
    print(f"train on all {len(rows)} tweets: {train_seconds:.1f}s (C={facts['C']}, threshold {facts['threshold']:.3f}); "
          f"scan in-process: {scan_rate:.0f} items/CPU-s adapted, {base_rate:.0f} shipped")
    if args.write:
        p = ROOT / "benchmarks" / "results" / "cv_train.json"
        p.write_text(json.dumps(out, indent=1, default=float) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

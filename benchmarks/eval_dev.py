"""Quality of the shipped (or a given) model on the development sets in ../shared/data.

Usage: python benchmarks/eval_dev.py [--model DIR] [--write]

- pip_twitter_train.jsonl: offer vs the rest, F1 overall and per language.
- torrez_product_20210517_cleaned.csv: listing titles of the Drugs categories, all offers: recall, with
  kind=listing and again without a kind.
- mturk_drug_tweets_dev.jsonl: tweets about drug use, label other: false-positive rate.
With --write the figures go to benchmarks/results/quality.json. The shipped model never trains on these files.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narcotrace import Item  # noqa: E402
from narcotrace.detect import Scanner  # noqa: E402
from narcotrace.detect.evaluate import EvalRecord, evaluate  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_torrez() -> list[dict]:
    rows = []
    with (DATA / "torrez_product_20210517_cleaned.csv").open(encoding="utf-8") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            rows.append({"id": f"torrez-{i}", "text": r["product"], "label": "offer", "source": r["highest_category"],
                         "kind": "listing", "category": r["category_level_1"]})
    return rows


def run(scanner: Scanner, rows: list[dict]) -> list[EvalRecord]:
    out = []
    for i, r in enumerate(rows):
        label = (r.get("label") or "").lower()
        if label in ("", "unsure"):
            continue
        v = scanner.scan_item(Item(text=r["text"], id=str(r.get("id", i)), kind=r.get("kind")), i)
        groups = {k: str(r[k]) for k in ("lang", "source", "kind") if r.get(k)}
        out.append(EvalRecord(v.id, r["text"], int(label == "offer"), int(v.label == "offer"), v.score, groups))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--show", type=int, default=8, help="worst errors to print per set")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"development data not found at {DATA}", file=sys.stderr)
        return 2
    scanner = Scanner(model=args.model)
    results: dict[str, object] = {
        "model": scanner.model_name,
        "kb_version": scanner.kb.version,
        "date": date.today().isoformat(),
        "machine": platform.machine(),
    }
    sets = {
        "pip_twitter_train": load_jsonl(DATA / "pip_twitter_train.jsonl"),
        "torrez_titles": load_torrez(),
        "mturk_drug_tweets_dev": load_jsonl(DATA / "mturk_drug_tweets_dev.jsonl"),
    }
    for name, rows in sets.items():
        t0 = time.perf_counter()
        recs = run(scanner, rows)
        dt = time.perf_counter() - t0
        rep = evaluate(recs, threshold=scanner.model.threshold, worst=args.show)
        o = rep["overall"]
        print(f"\n== {name}: n={o['n']} pos={o['positives']} P={o['precision']} R={o['recall']} F1={o['f1']} "
              f"FPR={o['fpr']} PR-AUC={o['pr_auc']} ({len(recs) / dt:,.0f} items/s)")
        if name == "torrez_titles":
            # Only the drug categories are drug offers; report recall on them (all rows are offers of something).
            drug = [r for r, row in zip(recs, [x for x in rows]) if row.get("category") == "Drugs and Chemicals"]
            rep_drug = evaluate(drug, threshold=scanner.model.threshold, worst=args.show)
            rep["drugs_and_chemicals"] = rep_drug["overall"]
            print(f"   Drugs and Chemicals only: n={rep_drug['overall']['n']} recall={rep_drug['overall']['recall']}")
            for cat, m in rep["by"].get("source", {}).items():
                print(f"   {cat:<30} n={m['n']:>5} recall={m['recall']}")
            # The same titles without a kind, as a search engine or a feed that does not say "listing" sees them.
            bare = run(scanner, [{**row, "kind": None} for row in rows])
            rep["without_kind"] = evaluate(bare, threshold=scanner.model.threshold, worst=0)["overall"]
            print(f"   without kind: recall={rep['without_kind']['recall']}")
        else:
            for lang, m in rep["by"].get("lang", {}).items():
                print(f"   lang={lang:<6} n={m['n']:>5} pos={m['positives']:>4} P={m['precision']} R={m['recall']} "
                      f"F1={m['f1']} FPR={m['fpr']}")
        for title, key in (("FP", "worst_false_positives"), ("FN", "worst_false_negatives")):
            for r in rep[key][: args.show]:
                print(f"   {title} {r['score']:.2f} {r['text'][:130]!r}")
        rep["items_per_second"] = len(recs) / dt
        results[name] = rep
    if args.write:
        out = ROOT / "benchmarks" / "results" / "quality.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwritten to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

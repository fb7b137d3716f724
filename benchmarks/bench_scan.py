"""End-to-end scan speed on one core, with peak memory, beside a TF-IDF baseline measured in the same run.

Usage: python benchmarks/bench_scan.py [--repeat N] [--no-write]

- narcotrace: `narcotrace scan FILE -o OUT` as a subprocess pinned to one core (taskset), start-up included;
  items/s = records / wall time; peak memory = the child's max RSS.
- baseline: character n-gram TF-IDF + logistic regression (the "problem to beat" in the detection issue), fitted
  on half of pip_twitter_train, timed predicting the same file in-process (fit time reported apart).
The input is the real tweets in ../shared/data (pip_twitter_train + mturk + the Spanish drug tweets), written
to a temporary JSONL. Results go to benchmarks/results/scan.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def corpus() -> list[dict]:
    rows: list[dict] = []
    for name in ("pip_twitter_train.jsonl", "mturk_drug_tweets_dev.jsonl", "pip_twitter_drug_samples.jsonl"):
        with (DATA / name).open(encoding="utf-8") as fh:
            rows.extend({"id": str(i), "text": json.loads(line)["text"]} for i, line in enumerate(fh))
    for path in sorted((DATA / "spanish_drug_tweets_2018").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace") as fh:
            reader = csv.DictReader(fh)
            col = next((c for c in (reader.fieldnames or []) if c.lower() in ("text", "tweet", "full_text")), None)
            if col is None:
                continue
            rows.extend({"id": f"es{len(rows)}", "text": r[col]} for r in reader if r.get(col))
    return rows


def bench_narcotrace(path: Path, n: int, repeat: int) -> dict:
    exe = ROOT / ".venv" / "bin" / "narcotrace"
    cmd = [str(exe), "scan", str(path), "-o", os.devnull]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        times.append(time.perf_counter() - t0)
    # Max RSS over the scan children (the only children this process has started so far).
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    best = min(times)
    return {"records": n, "seconds": round(best, 3), "items_per_second": round(n / best, 1),
            "peak_rss_mb": round(peak_kb / 1024, 1), "cores": 1, "startup_included": True}


def bench_tfidf(rows: list[dict]) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    with (DATA / "pip_twitter_train.jsonl").open(encoding="utf-8") as fh:
        train = [json.loads(line) for line in fh][::2]
    t0 = time.perf_counter()
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, max_features=200_000)
    X = vec.fit_transform([r["text"] for r in train])
    clf = LogisticRegression(max_iter=1000, C=4.0).fit(X, [r["label"] == "offer" for r in train])
    fit = time.perf_counter() - t0
    texts = [r["text"] for r in rows]
    t0 = time.perf_counter()
    clf.predict_proba(vec.transform(texts))
    dt = time.perf_counter() - t0
    return {"records": len(texts), "seconds": round(dt, 3), "items_per_second": round(len(texts) / dt, 1),
            "fit_seconds": round(fit, 2), "note": "in-process, start-up and fit excluded"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"development data not found at {DATA}", file=sys.stderr)
        return 2
    rows = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tweets.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        size_mb = path.stat().st_size / 1e6
        res = {
            "date": date.today().isoformat(),
            "machine": f"{platform.machine()} {os.cpu_count()} cores",
            "input": f"{len(rows)} real tweets ({size_mb:.1f} MB JSONL) from ../shared/data",
            "narcotrace_scan": bench_narcotrace(path, len(rows), args.repeat),
            "tfidf_char_lr_baseline": bench_tfidf(rows),
        }
    print(json.dumps(res, indent=1))
    if not args.no_write:
        out = ROOT / "benchmarks" / "results" / "scan.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

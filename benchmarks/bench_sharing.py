"""Benchmark: signal sharing's costs and its near-duplicate text matching, saved to benchmarks/results/sharing.json.

1. keyed indicator tokens per second (HMAC-SHA256);
2. keyed text fingerprints per second on real drug-promotion tweets (../shared/data/pip_twitter_drug_samples.jsonl,
   when present; the bundled example corpus otherwise);
3. near-duplicate quality on those tweets: the share of texts still matched after k random word edits, and the
   share of random pairs of distinct tweets that match (an upper bound of false matches: the set holds real
   near-duplicate spam);
4. PSI between two sets of 1,000 values (500 shared): time per step and bytes sent per value;
5. the engine on a SQLite store of N items: building the feed (index + refresh) and matching 500 partner signals.

Run: .venv/bin/python benchmarks/bench_sharing.py [--items N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "sharing.json"
TWEETS = ROOT.parent / "shared" / "data" / "pip_twitter_drug_samples.jsonl"
sys.path.insert(0, str(ROOT / "src"))

from narcotrace.items import Indicator, Item, Substance, Verdict  # noqa: E402
from narcotrace.sharing import (  # noqa: E402
    Collaboration,
    Member,
    Sharing,
    Signal,
    TextFingerprinter,
    indicator_token,
    psi_finish,
    psi_respond,
    psi_start,
    text_bands_match,
)
from narcotrace.store import Store  # noqa: E402

SECRET = b"bench-secret-0123456789abcdef0123456789"


def texts() -> tuple[str, list[str]]:
    if TWEETS.exists():
        rows = [json.loads(line) for line in TWEETS.read_text(encoding="utf-8").splitlines() if line.strip()]
        return str(TWEETS.relative_to(ROOT.parent)), [r["text"] for r in rows if len(r["text"].split()) >= 8]
    from importlib import resources

    path = resources.files("narcotrace.examples") / "corpus.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "narcotrace/examples/corpus.jsonl", [r["text"] for r in rows]


def edit(text: str, k: int, rng: random.Random) -> str:
    words = text.split()
    for _ in range(k):
        i = rng.randrange(len(words))
        if rng.random() < 0.5:
            words[i] = rng.choice(["cheap", "fast", "now", "today", "best", "legit", "plug", "dm"])
        else:
            words.insert(i, rng.choice(["new", "hot", "real", "100%", "sale"]))
    return " ".join(words)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=5000)
    args = ap.parse_args()
    rng = random.Random(7)
    result: dict[str, object] = {"date": dt.date.today().isoformat(),
                                 "machine": {"platform": platform.platform(), "python": platform.python_version()}}

    values = [f"seller_{i}" for i in range(100_000)]
    t0 = time.process_time()
    for v in values:
        indicator_token(SECRET, "telegram", v)
    result["indicator_tokens_per_s"] = round(len(values) / (time.process_time() - t0))

    source, corpus = texts()
    fp = TextFingerprinter(SECRET)
    t0 = time.process_time()
    prints = [fp.fingerprint(t) for t in corpus]
    result["text_source"] = source
    result["texts"] = len(corpus)
    result["text_fingerprints_per_s"] = round(len(corpus) / (time.process_time() - t0))
    kept = [(t, p) for t, p in zip(corpus, prints) if p]
    sample = rng.sample(kept, min(1000, len(kept)))
    recall = {}
    for k in (1, 2, 4, 8):
        hits = sum(1 for t, p in sample if (q := fp.fingerprint(edit(t, k, rng))) and text_bands_match(p, q))
        recall[f"{k}_word_edits"] = round(hits / len(sample), 3)
    result["near_duplicate_match_rate"] = recall
    pairs = [(rng.choice(kept), rng.choice(kept)) for _ in range(20000)]
    distinct = [(a, b) for a, b in pairs if a[0] != b[0]]
    result["random_distinct_pair_match_rate"] = round(
        sum(1 for a, b in distinct if text_bands_match(a[1], b[1])) / len(distinct), 4)

    a_vals = [f"value_{i}" for i in range(1000)]
    b_vals = [f"value_{i}" for i in range(500, 1500)]
    t = {}
    t0 = time.perf_counter()
    a, m1 = psi_start(a_vals, "telegram")
    t["start"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    b, m2 = psi_respond(m1, b_vals)
    t["respond"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    common_a, m3 = psi_finish(a, m2)
    t["finish_a"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    common_b, _ = psi_finish(b, m3 or {})
    t["finish_b"] = time.perf_counter() - t0
    assert len(common_a) == len(common_b) == 500
    sent = sum(len(json.dumps(m)) for m in (m1, m2, m3))
    result["psi_1000x1000"] = {**{k: round(v, 3) for k, v in t.items()}, "bytes_sent": sent,
                               "bytes_per_value": round(sent / 2000, 1)}

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/bench.db")
        org = store.create_org("bench")["id"]
        sharing = Sharing(store, [Collaboration("club", "bench", SECRET, (Member("peer", "http://127.0.0.1:9"),))])
        batch = []
        for i in range(args.items):
            h = f"seller_{i}"
            text = f"{rng.choice(corpus)[:200]} tg @{h}"
            ind = Indicator("telegram", "@" + h, h, True, len(text) - len(h) - 1, len(text))
            v = Verdict(str(i), "offer", 0.95, (Substance("fentanyl", "fentanyl"),), "critical", indicators=(ind,))
            batch.append((Item(text, id=str(i)), v, True))
        for j in range(0, len(batch), 1000):
            store.ingest(org, batch[j:j + 1000])
        t0, c0 = time.perf_counter(), time.process_time()
        sharing.refresh("club")
        feed_s, feed_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        page = sharing.feed("club", org, 0, "bench", limit=1000)
        page_s = time.perf_counter() - t0
        signals = [Signal("telegram", indicator_token(SECRET, "telegram", f"seller_{i}"), ("offer",), "critical",
                          "positive", "2026-11-01", "2026-11-01", 1) for i in range(0, 1000, 2)]
        sharing.take("club", "peer", signals, 1)
        t0, c0 = time.perf_counter(), time.process_time()
        out = sharing.rematch(org)
        match_s, match_cpu = time.perf_counter() - t0, time.process_time() - c0
        store.close()
    result["engine"] = {"items": args.items, "feed_build_wall_s": round(feed_s, 3),
                        "feed_build_cpu_s": round(feed_cpu, 3),
                        "feed_page_after_build_s": round(page_s, 3), "feed_page_signals": len(page["signals"]),
                        "partner_signals": len(signals), "rematch_wall_s": round(match_s, 3),
                        "rematch_cpu_s": round(match_cpu, 3), "items_boosted": out["items_matched"]}
    print(json.dumps(result, indent=2))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Benchmark: build the account-indicator graph and its clusters for 1M items carrying 2M indicators.

The input is synthetic but skewed like real scrapes (docs/network.md): a few prolific accounts and a long
tail (account = 250,000 * u**3), each account reusing a few own identifiers, small seller rings sharing a
wallet, a Zipf-like pool of 50,000 domains that many accounts mention, one-off URLs, 2% invalid values.
Measures wall and CPU time of AccountGraph(...) + clusters() and the process's peak RSS (which includes the
2M input tuples), and saves them to benchmarks/results/network.json.

Run: .venv/bin/python benchmarks/bench_network.py [--items N]   (about a minute for 1M items).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "network.json"
sys.path.insert(0, str(ROOT / "src"))

from narcotrace.network import AccountGraph, load_ignorable  # noqa: E402

N_ACCOUNTS = 250_000
N_DOMAINS = 50_000
PERSONAL_TYPES = ("telegram", "wickr", "btc", "phone", "snapchat", "eth", "cashapp")


def synthetic(n_items: int, seed: int = 7) -> list[tuple[tuple[str, str], str, str, bool]]:
    """2 indicators per item: 70% the account's own (3 per account), 10% its ring's wallet (rings of 4
    accounts, for 1 account in 10), 15% a popular domain, 5% a one-off URL; 2% of values invalid."""
    rng = random.Random(seed)
    rnd = rng.random
    out: list[tuple[tuple[str, str], str, str, bool]] = []
    platforms = ("twitter", "instagram", "telegram", "reddit")
    for item in range(n_items):
        acc_n = int(N_ACCOUNTS * rnd() ** 3)
        account = (platforms[acc_n % 4], f"user{acc_n}")
        for _ in range(2):
            r = rnd()
            if r < 0.70:
                k = int(rnd() * 3)
                itype = PERSONAL_TYPES[(acc_n + k) % len(PERSONAL_TYPES)]
                value = f"{itype}{acc_n}x{k}" if itype != "phone" else f"+1555{acc_n:07d}{k}"
            elif r < 0.80 and acc_n % 10 == 0:
                itype, value = "btc", f"ring{acc_n // 40}"  # accounts 0,10,20,30 share ring0, ...
            elif r < 0.95:
                itype, value = "domain", f"shop{int(N_DOMAINS * rnd() ** 4)}.example"
            else:
                itype, value = "url", f"https://x.example/p/{item}"
            out.append((account, itype, value, rnd() >= 0.02))
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux reports KiB


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=1_000_000)
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    occ = synthetic(args.items)
    gen_s = time.perf_counter() - t0
    gc.collect()
    rss_input = _rss_mb()
    ignorable = load_ignorable()
    w0, c0 = time.perf_counter(), time.process_time()
    graph = AccountGraph(occ, ignorable=ignorable)
    w1, c1 = time.perf_counter(), time.process_time()
    clusters = list(graph.clusters())
    w2, c2 = time.perf_counter(), time.process_time()
    sizes = sorted((len(c.accounts) for c in clusters), reverse=True)
    result = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2),
        },
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "input": {
            "items": args.items,
            "indicators": len(occ),
            "accounts": len(graph.accounts),
            "distinct_valid_indicators": graph.n_indicators,
            "shared_by_2_plus": len(graph.shared),
            "generation_s": round(gen_s, 2),
        },
        "graph": {"nodes": graph.graph.number_of_nodes(), "edges": graph.graph.number_of_edges()},
        "clusters": {"count": len(clusters), "largest": sizes[:5], "accounts_in_clusters": sum(sizes)},
        "seconds": {
            "build_wall": round(w1 - w0, 2),
            "build_cpu": round(c1 - c0, 2),
            "clusters_wall": round(w2 - w1, 2),
            "clusters_cpu": round(c2 - c1, 2),
            "total_wall": round(w2 - w0, 2),
        },
        "peak_rss_mb": {
            "after_input": round(rss_input, 1),
            "after_clusters": round(_rss_mb(), 1),
            "graph_and_clusters": round(_rss_mb() - rss_input, 1),
        },
    }
    print(json.dumps(result, indent=2))
    if not args.no_save:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

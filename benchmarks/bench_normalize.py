"""Throughput of narcotrace.text.normalize on tweets (one core).

Uses the tweets in ../shared/data when present (pip_twitter_train.jsonl: multilingual; mturk_drug_tweets_dev.jsonl:
English), else a synthetic mix. Prints tweets/s and chars/s for leet=True and leet=False.
Run: .venv/bin/python benchmarks/bench_normalize.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from narcotrace.text import normalize

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SYNTHETIC = [
    "Hit me up on теlegram for f3nt, 0xy and x@nax!! ❄️❄️ M30 blues 100pcs $20 each, DM @plug420",
    "You can be successful and still smoke weed lol. Anyone else think the new season is way better?",
    "p.e.r.c.s available 24/7 🔌💊 wickr: plugzz  ship worldwide, pay with BTC or cash app $plugz",
    "冰毒出售 加微信 abc123 质量保证",
    "Купить мефедрон в Москве закладки 24/7",
]


def load() -> tuple[str, list[str]]:
    texts: list[str] = []
    for name in ("pip_twitter_train.jsonl", "mturk_drug_tweets_dev.jsonl"):
        p = DATA / name
        if p.is_file():
            with p.open(encoding="utf-8") as f:
                texts += [json.loads(line)["text"] for line in f if line.strip()]
    if texts:
        return "shared/data tweets", texts
    return "synthetic tweets", SYNTHETIC * 2000


def bench(texts: list[str], leet: bool, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for t in texts:
            normalize(t, leet=leet)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    label, texts = load()
    ascii_texts = [t for t in texts if t.isascii()]
    chars = sum(map(len, texts))
    print(f"{label}: {len(texts)} texts, mean {chars / len(texts):.0f} chars, {len(ascii_texts)} pure ASCII")
    for leet in (True, False):
        dt = bench(texts, leet)
        print(f"leet={leet}: {len(texts) / dt:,.0f} texts/s, {chars / dt / 1e6:.2f} M chars/s")
    dt = bench(ascii_texts, True)
    print(f"ASCII only, leet=True: {len(ascii_texts) / dt:,.0f} texts/s")


if __name__ == "__main__":
    main()

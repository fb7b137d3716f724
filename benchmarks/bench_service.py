"""Load benchmark of `POST /v1/scan` on loopback: p50/p99 latency and throughput for single items and batches.

Starts `narcotrace serve` (SQLite in a temp dir) as a subprocess, drives it from client threads for a bounded
time per scenario, and writes benchmarks/results/service.json. Traffic goes to 127.0.0.1 only.
Run: .venv/bin/python benchmarks/bench_service.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_scenario(url: str, key: str, items: list[dict[str, str]], batch: int, threads: int,
                 seconds: float) -> dict[str, float | int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker(offset: int) -> None:
        nonlocal errors
        i = offset
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60) as c:
            while time.monotonic() < stop_at:
                body = {"items": [items[(i + j) % len(items)] for j in range(batch)]}
                i += batch
                t0 = time.perf_counter()
                r = c.post("/v1/scan", json=body)
                dt = time.perf_counter() - t0
                with lock:
                    if r.status_code == 200:
                        latencies.append(dt)
                    else:
                        errors += 1

    t0 = time.monotonic()
    pool = [threading.Thread(target=worker, args=(k * 7,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.monotonic() - t0
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [latencies[0]] * 99
    return {
        "batch": batch, "client_threads": threads, "seconds": round(wall, 2), "requests": len(latencies),
        "errors": errors, "p50_ms": round(q[49] * 1000, 2), "p99_ms": round(q[98] * 1000, 2),
        "requests_per_s": round(len(latencies) / wall, 1), "items_per_s": round(len(latencies) * batch / wall, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=10.0, help="duration of each scenario")
    ap.add_argument("--output", default=str(Path(__file__).parent / "results" / "service.json"))
    args = ap.parse_args()
    corpus = resources.files("narcotrace").joinpath("examples/corpus.jsonl").read_text(encoding="utf-8")
    items = [json.loads(line) for line in corpus.splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/bench.db"
        from narcotrace.store import Store

        store = Store.open(db)
        store.create_org("bench", ["US"])
        key = store.create_key("bench", "ingest")["key"]
        store.close()
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "NARCOTRACE_AUTHOR_KEY": "bench-author-key-0123456789abcdef"}
        proc = subprocess.Popen([sys.executable, "-m", "narcotrace", "serve", "--db", db, "--port", str(port)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(600):
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            run_scenario(url, key, items, 1, 1, 1.0)  # warm-up
            results = [run_scenario(url, key, items, batch, threads, args.seconds)
                       for batch, threads in ((1, 1), (1, 4), (10, 2), (100, 2))]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    report = {
        "endpoint": "POST /v1/scan", "server": "narcotrace serve (uvicorn, 1 process), SQLite, jurisdictions US",
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "client": "httpx threads on the same machine (loopback), keep-alive", "scenarios": results,
    }
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    for r in results:
        print(f"batch {r['batch']:>3} x{r['client_threads']} threads: p50 {r['p50_ms']:>7} ms  p99 {r['p99_ms']:>7} ms  "
              f"{r['requests_per_s']:>7} req/s  {r['items_per_s']:>8} items/s  errors {r['errors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

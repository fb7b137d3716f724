"""A few Prometheus metrics in the text exposition format (no client library needed for counters and histograms)."""

from __future__ import annotations

import threading
from collections import defaultdict
from typing import Callable

__all__ = ["Metrics"]

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _labels(**kv: str) -> str:
    return "{" + ",".join(f'{k}="{v}"' for k, v in kv.items()) + "}"


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self.hist: dict[str, list[int]] = defaultdict(lambda: [0] * (len(BUCKETS) + 1))
        self.hist_sum: dict[str, float] = defaultdict(float)
        self.items_scanned = 0
        self.items_stored = 0

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(method, route, str(status))] += 1
            counts = self.hist[route]
            for i, b in enumerate(BUCKETS):
                if seconds <= b:
                    counts[i] += 1
            counts[-1] += 1
            self.hist_sum[route] += seconds

    def add_items(self, scanned: int = 0, stored: int = 0) -> None:
        with self._lock:
            self.items_scanned += scanned
            self.items_stored += stored

    def render(self, gauges: Callable[[], dict[str, int]] | None = None) -> str:
        out = ["# HELP narcotrace_http_requests_total HTTP requests by method, route and status.",
               "# TYPE narcotrace_http_requests_total counter"]
        with self._lock:
            for (m, r, s), n in sorted(self.requests.items()):
                out.append(f"narcotrace_http_requests_total{_labels(method=m, route=r, status=s)} {n}")
            out += ["# HELP narcotrace_http_request_duration_seconds Request latency by route.",
                    "# TYPE narcotrace_http_request_duration_seconds histogram"]
            for r, counts in sorted(self.hist.items()):
                for b, n in zip(BUCKETS, counts):
                    out.append(f"narcotrace_http_request_duration_seconds_bucket{_labels(route=r, le=str(b))} {n}")
                out.append(f"narcotrace_http_request_duration_seconds_bucket{_labels(route=r, le='+Inf')} {counts[-1]}")
                out.append(f"narcotrace_http_request_duration_seconds_sum{_labels(route=r)} {self.hist_sum[r]:.6f}")
                out.append(f"narcotrace_http_request_duration_seconds_count{_labels(route=r)} {counts[-1]}")
            out += ["# HELP narcotrace_items_scanned_total Items scanned (scan and ingest).",
                    "# TYPE narcotrace_items_scanned_total counter",
                    f"narcotrace_items_scanned_total {self.items_scanned}",
                    "# HELP narcotrace_items_stored_total New items stored.",
                    "# TYPE narcotrace_items_stored_total counter",
                    f"narcotrace_items_stored_total {self.items_stored}"]
        if gauges is not None:
            depth = gauges()
            out += ["# HELP narcotrace_queue_depth Items waiting for a reviewer, by queue.",
                    "# TYPE narcotrace_queue_depth gauge"]
            for queue, status in (("review", "pending"), ("appeal", "appealed")):
                out.append(f"narcotrace_queue_depth{_labels(queue=queue)} {depth.get(status, 0)}")
        return "\n".join(out) + "\n"

"""Property-based requests generated from /openapi.json: no input a client can send makes the server fail (5xx)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from conftest import LiveServer

pytestmark = [
    pytest.mark.integration,
    # schemathesis 3.x still uses jsonschema's RefResolver (deprecated upstream since 4.18)
    pytest.mark.filterwarnings("ignore:jsonschema.RefResolver is deprecated:DeprecationWarning"),
]


def test_no_server_errors_from_generated_requests(live: LiveServer) -> None:
    org = live.org()
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    failures: list[str] = []
    ran = 0

    for op_result in schema.get_all_operations():
        operation = op_result.ok()

        @settings(max_examples=25, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            nonlocal ran
            ran += 1
            response = case.call(headers={"Authorization": f"Bearer {org['admin']}"}, timeout=30)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}")

        given(case=operation.as_strategy())(check)()
    assert ran > 100
    assert not failures, "\n".join(failures[:5])

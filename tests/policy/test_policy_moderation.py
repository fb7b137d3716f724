"""The policy's `review:` and `strikes:` blocks: what the checker accepts, rejects, and what account action follows."""

from __future__ import annotations

import pytest

from narcotrace.policy._check import check_text

BASE = """version: 1
jurisdictions: [US]
default: {action: label}
rules:
  - id: none
    when: {label: [none]}
    action: allow
"""


@pytest.mark.parametrize(
    ("extra", "codes"),
    [
        ("review: {actions: [remove]}\n", []),
        ("review: {actions: [delete]}\n", ["E110"]),
        ("review: {}\n", ["E103"]),
        ("strikes: {actions: [remove], thresholds: {warn: 1, ban: 3}}\n", []),
        ("strikes: {actions: [remove]}\n", ["E103"]),
        ("strikes: {actions: [remove], thresholds: {warn: 3, ban: 2}}\n", ["E140"]),
        ("strikes: {actions: [remove], thresholds: {warn: 0}}\n", ["E140"]),
        ("strikes: {actions: [remove], thresholds: {jail: 2}}\n", ["E101"]),
        ("strikes: {actions: [remove], window_days: -1, thresholds: {warn: 1}}\n", ["E140"]),
    ],
)
def test_moderation_blocks_are_checked(extra: str, codes: list[str]) -> None:
    diags, policy = check_text(BASE + extra, "p.yaml")
    assert [d.code for d in diags if d.severity == "error"] == codes
    assert (policy is None) == bool(codes)


@pytest.mark.parametrize(("strikes", "action"), [(0, None), (1, "warn"), (2, "warn"), (3, "suspend"), (7, "suspend")])
def test_account_action_is_the_strongest_threshold_reached(strikes: int, action: str | None) -> None:
    _, policy = check_text(BASE + "strikes: {actions: [remove], thresholds: {suspend: 3, warn: 1}}\n", "p.yaml")
    assert policy is not None
    assert policy.account_action(strikes) == action


def test_without_review_block_everything_but_allow_is_reviewed() -> None:
    _, policy = check_text(BASE, "p.yaml")
    assert policy is not None
    assert "allow" not in policy.review_actions and "remove" in policy.review_actions
    assert policy.strike_actions == () and policy.account_action(10) is None

"""Policies: per-jurisdiction rules that turn a Verdict into Decisions with their legal basis.

Policy files are YAML or TOML (by suffix: .toml is TOML), validated like a compiler (every error with file, line,
column and a hint, the same error codes in both formats); a broken policy never loads. See docs/policy.md.
"""

from __future__ import annotations

from narcotrace._exceptions import PolicyError
from narcotrace.policy._api import check_policy, decide, default_policy, load_policy, shadow_diff
from narcotrace.policy._check import Diagnostic
from narcotrace.policy._model import ACCOUNT_ACTIONS, ACTIONS, CLASSES, LEGAL_STATUSES, Condition, Policy, Rule

__all__ = [
    "ACCOUNT_ACTIONS",
    "ACTIONS",
    "CLASSES",
    "LEGAL_STATUSES",
    "Condition",
    "Diagnostic",
    "Policy",
    "PolicyError",
    "Rule",
    "check_policy",
    "decide",
    "default_policy",
    "load_policy",
    "shadow_diff",
]

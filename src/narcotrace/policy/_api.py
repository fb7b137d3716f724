"""Loading policies (user files and the packaged default) and comparing a draft policy with the current one."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

from narcotrace._exceptions import PolicyError
from narcotrace.items import Decision, Item, Verdict
from narcotrace.policy._check import Diagnostic, check_text
from narcotrace.policy._model import Policy

__all__ = ["check_policy", "decide", "default_policy", "load_policy", "shadow_diff"]


def _read(path: str | Path) -> tuple[str | None, list[Diagnostic]]:
    try:
        return Path(path).read_text(encoding="utf-8"), []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Diagnostic(str(path), 1, 1, "error", "E000", f"cannot read policy file: {exc}",
                                 "check the path and that the file is UTF-8 text")]


def check_policy(path: str | Path) -> list[Diagnostic]:
    """Every problem in a policy file (errors and warnings), in file order."""
    text, diags = _read(path)
    if text is None:
        return diags
    found, _ = check_text(text, str(path))
    return sorted(found, key=lambda d: (d.line, d.col))


def _load(text: str, name: str) -> Policy:
    diags, policy = check_text(text, name)
    errors = sorted((d for d in diags if d.severity == "error"), key=lambda d: (d.line, d.col))
    if policy is None or errors:
        shown = "\n".join(d.format() for d in errors)
        raise PolicyError(f"{name}: {len(errors)} error(s) in policy\n{shown}", list(errors))
    return policy


def load_policy(path: str | Path) -> Policy:
    """A validated Policy; raises PolicyError carrying every error diagnostic (never a partial policy)."""
    text, diags = _read(path)
    if text is None:
        raise PolicyError(diags[0].format(), list(diags))
    return _load(text, str(path))


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The policy shipped in narcotrace/policy/data/default.yaml, loaded once per process."""
    ref = resources.files("narcotrace.policy") / "data" / "default.yaml"
    return _load(ref.read_text(encoding="utf-8"), str(Path(str(ref))))


def decide(
    policy: Policy, verdict: Verdict, item: Item | None, jurisdictions: Sequence[str]
) -> tuple[Decision, ...]:
    """Function form of Policy.decide, for callers that map over verdicts."""
    return policy.decide(verdict, item, jurisdictions)


def shadow_diff(
    current: Policy,
    draft: Policy,
    verdicts: Sequence[Verdict],
    items: Sequence[Item | None] | None,
    jurisdictions: Sequence[str],
) -> list[dict[str, Any]]:
    """Where a draft policy would take a different action than the current one, with both rules named."""
    if items is not None and len(items) != len(verdicts):
        raise ValueError(f"{len(items)} items for {len(verdicts)} verdicts")
    out: list[dict[str, Any]] = []
    for i, verdict in enumerate(verdicts):
        item = items[i] if items is not None else None
        for now, then in zip(current.decide(verdict, item, jurisdictions), draft.decide(verdict, item, jurisdictions)):
            if now.action != then.action:
                out.append({
                    "id": verdict.id,
                    "jurisdiction": now.jurisdiction,
                    "current": {"action": now.action, "rule": now.rule, "priority": now.priority},
                    "draft": {"action": then.action, "rule": then.rule, "priority": then.priority},
                })
    return out

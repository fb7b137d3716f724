"""Policy values: rules, conditions and the Policy that turns a Verdict into per-jurisdiction Decisions.

Rules are tried in file order and the first that matches decides (like a firewall), so a reviewer can read a
decision's `rule` and know exactly why. Every rule condition is a set of allowed values ("any of"), which keeps
the validator's reachability check exact: rule A shadows rule B when each of A's sets contains B's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from narcotrace._exceptions import PolicyError
from narcotrace.items import Decision, Item, Verdict
from narcotrace.kb.legal import LegalTable, normalize_jurisdiction

__all__ = ["ACCOUNT_ACTIONS", "ACTIONS", "CLASSES", "LEGAL_STATUSES", "Condition", "Policy", "Rule"]

ACTIONS = ("allow", "label", "age-restrict", "geo-restrict", "remove", "remove-and-escalate")
CLASSES = (
    "fentanyl", "nitazene", "opioid", "stimulant", "benzodiazepine", "cannabis", "psychedelic", "dissociative",
    "precursor", "equipment", "prescription", "other",
)
# What a platform does to an author's account once enough strikes add up, mildest first (policy `strikes:`).
ACCOUNT_ACTIONS = ("warn", "restrict", "suspend", "ban")
# When a policy has no `review:` block, every decision but an allow goes to a human (documented in docs/policy.md).
DEFAULT_REVIEW_ACTIONS = tuple(a for a in ACTIONS if a != "allow")
# "unknown" = the legal tables hold nothing for any substance of the verdict in that jurisdiction.
LEGAL_STATUSES = ("controlled", "legal-regulated", "legal", "uncertain", "unknown")
SET_FIELDS = ("label", "severity", "class", "kind", "indicators", "jurisdiction", "legal_status", "substance")


@dataclass(frozen=True, slots=True)
class Condition:
    """What a rule matches. None = any value; a frozenset = any of these values."""

    label: frozenset[str] | None = None
    severity: frozenset[str] | None = None
    cls: frozenset[str] | None = None
    kind: frozenset[str] | None = None
    indicators: frozenset[str] | None = None
    jurisdiction: frozenset[str] | None = None
    legal_status: frozenset[str] | None = None
    substance: frozenset[str] | None = None
    score_min: float = 0.0
    score_max: float = 1.0

    def sets(self) -> dict[str, frozenset[str] | None]:
        return {
            "label": self.label, "severity": self.severity, "class": self.cls, "kind": self.kind,
            "indicators": self.indicators, "jurisdiction": self.jurisdiction, "legal_status": self.legal_status,
            "substance": self.substance,
        }

    def covers(self, other: Condition) -> bool:
        """True when every verdict `other` matches is also matched by self (so a later `other` is unreachable)."""
        for name, mine in self.sets().items():
            theirs = other.sets()[name]
            if mine is None:
                continue
            if theirs is None or not theirs <= mine:
                return False
        return self.score_min <= other.score_min and other.score_max <= self.score_max


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: Condition
    action: str
    priority: int = 0
    resources: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a verdict looks like from one jurisdiction: its legal statuses and their citations."""

    statuses: frozenset[str]
    legal_basis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Policy:
    """A validated policy. Picklable: plain frozen values plus the (picklable) legal table."""

    name: str
    path: str
    jurisdictions: tuple[str, ...]
    rules: tuple[Rule, ...]
    default_action: str
    default_priority: int
    resources: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]
    legal: LegalTable = field(repr=False, compare=False)
    # Moderation settings (top-level `review:` and `strikes:`); no `strikes:` block = strikes are not counted.
    review_actions: tuple[str, ...] = DEFAULT_REVIEW_ACTIONS
    strike_actions: tuple[str, ...] = ()
    strike_window_days: int = 0
    strike_thresholds: tuple[tuple[str, int], ...] = ()

    def account_action(self, strikes: int) -> str | None:
        """The strongest account action whose threshold `strikes` reaches, or None below every threshold."""
        reached = [name for name, n in self.strike_thresholds if strikes >= n]
        return max(reached, key=ACCOUNT_ACTIONS.index) if reached else None

    def _resources(self, names: Sequence[str], jurisdiction: str) -> tuple[str, ...]:
        table = {name: dict(per) for name, per in self.resources}
        out: list[str] = []
        for name in names:
            per = table.get(name, {})
            for text in per.get(jurisdiction, per.get("*", ())):
                if text not in out:
                    out.append(text)
        return tuple(out)

    def _facts(self, verdict: Verdict, jurisdiction: str) -> _Facts:
        statuses: set[str] = set()
        national: list[str] = []
        un: list[str] = []
        for sub in verdict.substances:
            rows = self.legal.substance(jurisdiction, sub.name)
            class_rows = self.legal.klass(jurisdiction, sub.cls)
            if rows:
                statuses.update(r.status for r in rows)
            elif class_rows:
                statuses.update(c.status for c in class_rows)
            else:
                statuses.add("unknown")
            national.extend(r.cite() for r in rows)
            national.extend(c.cite() for c in class_rows)
            un.extend(r.cite() for r in self.legal.substance("UN", sub.name))
        if not verdict.substances:
            statuses.add("unknown")
        basis: list[str] = []
        for text in (*national, *un):
            if text not in basis:
                basis.append(text)
        return _Facts(frozenset(statuses), tuple(basis))

    def _matches(self, cond: Condition, verdict: Verdict, item: Item | None, jurisdiction: str, facts: _Facts) -> bool:
        if cond.label is not None and verdict.label not in cond.label:
            return False
        if cond.severity is not None and verdict.severity not in cond.severity:
            return False
        if cond.cls is not None and not any(s.cls in cond.cls for s in verdict.substances):
            return False
        if cond.substance is not None and not any(s.name in cond.substance for s in verdict.substances):
            return False
        if cond.kind is not None and (item is None or item.kind not in cond.kind):
            return False
        if cond.indicators is not None and not any(i.type in cond.indicators for i in verdict.indicators):
            return False
        if cond.jurisdiction is not None and jurisdiction not in cond.jurisdiction:
            return False
        if cond.legal_status is not None and not facts.statuses & cond.legal_status:
            return False
        return cond.score_min <= verdict.score <= cond.score_max

    def decide(self, verdict: Verdict, item: Item | None, jurisdictions: Sequence[str]) -> tuple[Decision, ...]:
        """One Decision per jurisdiction: the first matching rule, else the policy's declared default."""
        out: list[Decision] = []
        for raw in jurisdictions:
            j = normalize_jurisdiction(raw)
            if j not in self.jurisdictions:
                # No silent fallback: a jurisdiction the policy never declared has no rules written for it.
                raise PolicyError(
                    f"{self.path}: jurisdiction {j!r} is not declared in this policy "
                    f"(declared: {', '.join(self.jurisdictions)}); add it to `jurisdictions:`"
                )
            facts = self._facts(verdict, j)
            rule = next((r for r in self.rules if self._matches(r.when, verdict, item, j, facts)), None)
            if rule is None:
                out.append(Decision(j, self.default_action, "default", (), (), self.default_priority))
                continue
            # An allow needs no legal basis; citing schedules for a news item would only confuse reviewers.
            basis = () if rule.action == "allow" else facts.legal_basis
            out.append(Decision(j, rule.action, rule.id, basis, self._resources(rule.resources, j), rule.priority))
        return tuple(out)

"""The shared vocabulary: Item in, Verdict out, with Evidence and Indicator records.

These mirror the contracts in DESIGN.md exactly; they validate their fields and carry no other logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from narcotrace._exceptions import ItemError

__all__ = [
    "KINDS",
    "LABELS",
    "SEVERITIES",
    "Decision",
    "Evidence",
    "Indicator",
    "Item",
    "Substance",
    "Verdict",
]

KINDS = ("post", "comment", "profile", "listing", "message", "query", "page")
LABELS = ("offer", "solicit", "discussion", "none")
SEVERITIES = ("critical", "high", "medium", "low", "none")
SEVERITY_RANK = {s: i for i, s in enumerate(reversed(SEVERITIES))}  # none=0 ... critical=4

_OPTIONAL_STR_FIELDS = ("lang", "author", "platform", "url", "country", "created_at")


@dataclass(frozen=True, slots=True)
class Item:
    """One piece of content to scan."""

    text: str
    id: str | None = None
    kind: str | None = None
    lang: str | None = None
    author: str | None = None
    platform: str | None = None
    url: str | None = None
    country: str | None = None
    created_at: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ItemError("text", f"must be a string, got {type(self.text).__name__}")
        if self.kind is not None and self.kind not in KINDS:
            raise ItemError("kind", f"unknown kind {self.kind!r}; expected one of {', '.join(KINDS)}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Item:
        """Build an Item from a decoded JSON object or CSV row; unknown keys are ignored."""
        if not isinstance(data, Mapping):
            raise ItemError("record", f"must be a JSON object, got {type(data).__name__}")
        if "text" not in data or data["text"] is None:
            raise ItemError("text", "missing")
        raw_id = data.get("id")
        if raw_id is not None and not isinstance(raw_id, (str, int)):
            raise ItemError("id", f"must be a string or integer, got {type(raw_id).__name__}")
        if isinstance(raw_id, bool):
            raise ItemError("id", "must be a string or integer, got bool")
        kwargs: dict[str, Any] = {}
        for name in ("kind", *_OPTIONAL_STR_FIELDS):
            value = data.get(name)
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                raise ItemError(name, f"must be a string, got {type(value).__name__}")
            kwargs[name] = value
        text = data["text"]
        if not isinstance(text, str):
            raise ItemError("text", f"must be a string, got {type(text).__name__}")
        return cls(text=text, id=None if raw_id is None or raw_id == "" else str(raw_id), **kwargs)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        for name in ("kind", *_OPTIONAL_STR_FIELDS):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a verdict was reached: one signal at one span of the ORIGINAL text."""

    start: int
    end: int
    text: str
    signal: str
    weight: float

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"evidence span [{self.start}, {self.end}) is not a valid span")

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "signal": self.signal,
            "weight": round(float(self.weight), 4),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]), str(d["signal"]), float(d["weight"]))


@dataclass(frozen=True, slots=True)
class Indicator:
    """An identifier a seller left: a handle, wallet, phone, domain... with its span in the original text."""

    type: str
    value: str
    normalized: str
    valid: bool
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "normalized": self.normalized,
            "valid": self.valid,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Indicator:
        return cls(
            str(d["type"]), str(d["value"]), str(d["normalized"]), bool(d["valid"]), int(d["start"]), int(d["end"])
        )


@dataclass(frozen=True, slots=True)
class Substance:
    """A substance named in an item, with its class in the knowledge base."""

    name: str
    cls: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "class": self.cls}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Substance:
        return cls(str(d["name"]), str(d["class"]))


@dataclass(frozen=True, slots=True)
class Decision:
    """What a policy decided for one jurisdiction, and on what legal basis."""

    jurisdiction: str
    action: str
    rule: str
    legal_basis: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    priority: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "action": self.action,
            "rule": self.rule,
            "legal_basis": list(self.legal_basis),
            "resources": list(self.resources),
            "priority": self.priority,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Decision:
        return cls(
            str(d["jurisdiction"]),
            str(d["action"]),
            str(d["rule"]),
            tuple(d.get("legal_basis", ())),
            tuple(d.get("resources", ())),
            int(d.get("priority", 0)),
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """The scanner's answer for one item."""

    id: str
    label: str
    score: float
    substances: tuple[Substance, ...] = ()
    severity: str = "none"
    evidence: tuple[Evidence, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    model: str = ""
    decisions: tuple[Decision, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"unknown label {self.label!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if not (0.0 <= self.score <= 1.0):
            raise ValueError(f"score {self.score} outside 0..1")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "score": round(float(self.score), 4),
            "substances": [s.to_dict() for s in self.substances],
            "severity": self.severity,
            "evidence": [e.to_dict() for e in self.evidence],
            "indicators": [i.to_dict() for i in self.indicators],
            "model": self.model,
        }
        if self.decisions:
            out["decisions"] = [d.to_dict() for d in self.decisions]
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Verdict:
        return cls(
            id=str(d["id"]),
            label=str(d["label"]),
            score=float(d["score"]),
            substances=tuple(Substance.from_dict(s) for s in d.get("substances", ())),
            severity=str(d.get("severity", "none")),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
            indicators=tuple(Indicator.from_dict(i) for i in d.get("indicators", ())),
            model=str(d.get("model", "")),
            decisions=tuple(Decision.from_dict(x) for x in d.get("decisions", ())),
        )

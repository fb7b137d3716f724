"""The one place where narcotrace's exception tree is defined.

NarcotraceError
  ItemError          a record is malformed (names the field)
  InputError         an input file cannot be read at all
  KnowledgeBaseError the packaged or user knowledge base is invalid
  ModelError         a model directory is missing, broken or mismatched with the KB
  PolicyError        a policy file is invalid (carries every diagnostic)
"""

from __future__ import annotations

__all__ = [
    "InputError",
    "ItemError",
    "KnowledgeBaseError",
    "ModelError",
    "NarcotraceError",
    "PolicyError",
]


class NarcotraceError(Exception):
    """Base class of every error narcotrace raises on purpose."""


class ItemError(NarcotraceError, ValueError):
    """A record is malformed; `field` names the offending field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"field '{field}': {problem}")
        self.field = field
        self.problem = problem


class InputError(NarcotraceError):
    """An input cannot be read (missing file, unknown format)."""


class KnowledgeBaseError(NarcotraceError):
    """The knowledge base is invalid; the message lists every problem found."""


class ModelError(NarcotraceError):
    """A model directory is missing, broken, or was trained with another KB version."""


class PolicyError(NarcotraceError):
    """A policy file is invalid; `diagnostics` holds every problem with its location."""

    def __init__(self, message: str, diagnostics: list[object] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics or [])

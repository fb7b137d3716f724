"""narcotrace: find, review and stop illegal drug sales online."""

from narcotrace._exceptions import (
    InputError,
    ItemError,
    KnowledgeBaseError,
    ModelError,
    NarcotraceError,
    PolicyError,
)
from narcotrace.items import Decision, Evidence, Indicator, Item, Substance, Verdict

__version__ = "0.1.0"

__all__ = [
    "Decision",
    "Evidence",
    "Indicator",
    "InputError",
    "Item",
    "ItemError",
    "KnowledgeBaseError",
    "ModelError",
    "NarcotraceError",
    "PolicyError",
    "Substance",
    "Verdict",
    "__version__",
]

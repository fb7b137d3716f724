"""narcotrace's knowledge base: substances, their classes and severities, and the ways sellers write them.

    from narcotrace.kb import load_kb
    kb = load_kb()                       # packaged data, loaded once
    kb.substances["fentanyl"].severity   # 'critical'
    [t.text for t in kb.terms_for("xylazine")]

Data files and their columns are described in docs/kb.md; tools/build_kb.py regenerates them.
"""

from __future__ import annotations

from ._loader import EmojiSignal, KnowledgeBase, SubstanceInfo, Term, load_kb
from ._schema import CLASSES, KINDS, SEVERITIES, SIGNALS
from ._validate import validate_kb

__all__ = [
    "CLASSES",
    "KINDS",
    "SEVERITIES",
    "SIGNALS",
    "EmojiSignal",
    "KnowledgeBase",
    "SubstanceInfo",
    "Term",
    "load_kb",
    "validate_kb",
]

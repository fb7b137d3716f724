"""Text normalization that keeps an offset map back to the original text.

    >>> n = normalize("ⓕⓔⓝⓣ powder")
    >>> n.text
    'fent powder'
    >>> n.original_text(0, 4)
    'ⓕⓔⓝⓣ'

The rules, in order, with examples and reasons: docs/normalization.md.
"""

from narcotrace.text._normalize import normalize
from narcotrace.text._normalized import Normalized
from narcotrace.text._tokens import tokens

__all__ = ["Normalized", "normalize", "tokens"]

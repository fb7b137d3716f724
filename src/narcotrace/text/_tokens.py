"""tokens(): word, ideograph and emoji spans of a normalized text, for lexicon matching.

Token rules (spans are half-open, in `Normalized.text`):
- a run of letters and digits (any script but Han/kana), with the combining marks inside it (Thai and
  Devanagari vowel signs are marks), is one token: "fent", "30", "мефедрон", "ยาบ้า", "필로폰";
- each Han ideograph and each hiragana/katakana character is its own token, because Chinese and Japanese
  have no spaces and a word boundary cannot be known without a dictionary: a lexicon term of several
  ideographs matches a sequence of consecutive tokens;
- each emoji is its own token (with any trailing keycap or tag characters); a flag, a pair of regional
  indicators, is one token;
- everything else (spaces, punctuation, '_', '@', '$') separates tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from narcotrace.text._normalized import Normalized

__all__ = ["tokens"]

_HAN = (
    "\u3005\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f"
)
# Emoji blocks per Unicode's emoji-data: arrows, misc technical, enclosed alphanumerics, geometric shapes,
# misc symbols, dingbats, supplemental arrows/misc symbols, CJK symbols used as emoji, and the SMP emoji planes.
_EMOJI = "\u2190-\u21ff\u2300-\u23ff\u24c2\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
_EMOJI_TAIL = "\u20e3\U000e0020-\U000e007f"


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    # Combining marks of the Basic Multilingual Plane, from the running Python's Unicode database; built on
    # first use because it scans 65k code points.
    ranges: list[tuple[int, int]] = []
    for cp in range(0x0300, 0x10000):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    marks = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(
        rf"[\U0001f1e6-\U0001f1ff]{{2}}"
        rf"|[{_EMOJI}][{_EMOJI_TAIL}]*"
        rf"|[{_HAN}]"
        rf"|(?:(?![{_HAN}])[^\W_]|[{marks}])+"
    )


def tokens(n: Normalized) -> list[tuple[int, int]]:
    """Token spans of `n.text` (see the module docstring for what a token is)."""
    return [m.span() for m in _token_re().finditer(n.text)]

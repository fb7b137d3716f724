"""The result of normalization: the normalized text plus, per character, the span of the original it came from."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Normalized"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text that remembers where every character came from.

    `starts[i]`/`ends[i]` give the half-open span of `original` that produced `text[i]`. Both sequences are
    non-decreasing, so a span of `text` maps to one contiguous span of `original` (see `to_original`).
    Evidence must always quote `original`, never `text`.
    """

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __post_init__(self) -> None:
        n = len(self.text)
        if len(self.starts) != n or len(self.ends) != n:
            raise ValueError(
                f"offset map length mismatch: text has {n} chars, starts {len(self.starts)}, ends {len(self.ends)}"
            )

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span [start, end) of `text` to the smallest span of `original` that produced it.

        An empty span maps to an empty span at the original position of `text[start]` (or the end of the
        original when `start == len(text)`).
        """
        n = len(self.text)
        if not (0 <= start <= end <= n):
            raise ValueError(f"span [{start}, {end}) is not within the normalized text of length {n}")
        if start == end:
            p = self.starts[start] if start < n else len(self.original)
            return (p, p)
        return (self.starts[start], self.ends[end - 1])

    def original_text(self, start: int, end: int) -> str:
        """The original text behind [start, end) of `text`: what evidence quotes."""
        s, e = self.to_original(start, end)
        return self.original[s:e]

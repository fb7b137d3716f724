"""Loads the knowledge base (substances, terms, emoji signals) into frozen, picklable values, once per folder."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .._exceptions import KnowledgeBaseError
from ._schema import DATA_FILES
from ._validate import PACKAGED_DIR, validate_rows

__all__ = ["EmojiSignal", "FrozenMap", "KnowledgeBase", "SubstanceInfo", "Term", "load_kb"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only, picklable mapping: load_kb's result is shared through its cache, so nobody may change it."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[K, V]) -> None:
        self._data: dict[K, V] = dict(data)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __hash__(self) -> int:
        return hash(frozenset(self._data))

    def __repr__(self) -> str:
        return f"FrozenMap({len(self._data)} entries)"

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (FrozenMap, (self._data,))


@dataclass(frozen=True, slots=True)
class SubstanceInfo:
    """One substance: canonical name (lowercase English), class id, severity, CAS numbers, where it comes from."""

    name: str
    cls: str
    severity: str
    cas: tuple[str, ...]
    sources: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Term:
    """A way of writing a substance. `context_only` terms collide with ordinary words: count them only near intent."""

    text: str
    substance: str
    kind: str
    lang: str
    context_only: bool
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class EmojiSignal:
    """An emoji that signals sale intent (dealer, potency, batch, delivery, shipping, universal), not a substance."""

    emoji: str
    signal: str
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """The loaded knowledge base. Plain tuples and a dict inside, so it pickles (Spark ships it to executors)."""

    version: str
    substances: Mapping[str, SubstanceInfo]
    terms: tuple[Term, ...]
    emoji_signals: tuple[EmojiSignal, ...] = ()
    path: str = ""
    _by_substance: Mapping[str, tuple[Term, ...]] = field(default_factory=lambda: FrozenMap({}), repr=False, compare=False)

    def terms_for(self, substance: str) -> tuple[Term, ...]:
        """Every term of one substance (empty when the substance is unknown)."""
        return self._by_substance.get(substance, ())

    def severity_of(self, substance: str) -> str:
        """The substance's severity; KeyError names the unknown substance."""
        return self.substances[substance].severity


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p for p in cell.split("|") if p)


def _version(directory: Path) -> str:
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:12]


def _load(directory: Path) -> KnowledgeBase:
    if not directory.is_dir():
        raise KnowledgeBaseError(f"knowledge base folder not found: {directory}")
    problems, subs, terms, emoji = validate_rows(directory)
    if problems:
        shown = "\n  ".join(problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        raise KnowledgeBaseError(
            f"knowledge base {directory} has {len(problems)} problem(s) "
            f"(run narcotrace.kb.validate_kb for the full list):\n  {shown}{more}"
        )
    substances = {
        c[0]: SubstanceInfo(c[0], c[1], c[2], _split(c[3]), _split(c[4]), c[5]) for _, c in subs
    }
    term_values = tuple(Term(c[0], c[1], c[2], c[3], c[4] == "1", c[5], c[6]) for _, c in terms)
    by_substance: dict[str, list[Term]] = {}
    for term in term_values:
        by_substance.setdefault(term.substance, []).append(term)
    return KnowledgeBase(
        version=_version(directory),
        substances=FrozenMap(substances),
        terms=term_values,
        emoji_signals=tuple(EmojiSignal(*c) for _, c in emoji),
        path=str(directory),
        _by_substance=FrozenMap({k: tuple(v) for k, v in by_substance.items()}),
    )


_cache: dict[Path, KnowledgeBase] = {}
_lock = threading.Lock()


def load_kb(path: str | Path | None = None) -> KnowledgeBase:
    """Load the knowledge base in `path` (None = the packaged one), cached per folder.

    Raises KnowledgeBaseError listing every problem (file:line) when the folder is missing or invalid.
    """
    directory = (Path(path) if path is not None else PACKAGED_DIR).resolve()
    with _lock:
        kb = _cache.get(directory)
        if kb is None:
            kb = _cache[directory] = _load(directory)
    return kb

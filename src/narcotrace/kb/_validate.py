"""Checks a knowledge-base folder and reports every problem with its file and line, like a compiler.

The loader refuses a folder with any problem; tools/build_kb.py output must validate clean (a test checks it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from .._exceptions import KnowledgeBaseError
from ._schema import (
    CLASSES,
    COMMON_WORDS_FILE,
    EMOJI_COLUMNS,
    FOREIGN_WORDS_FILE,
    KINDS,
    SEVERITIES,
    SIGNALS,
    SUBSTANCE_COLUMNS,
    TERM_COLUMNS,
    cas_ok,
    collides,
    fold,
)

PACKAGED_DIR = Path(__file__).resolve().parent / "data"
# BCP-47 as used here: a language subtag, optional script or region ("zh-Hant", "pt-BR"); "und" = no language.
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")

Row = tuple[int, list[str]]


def read_rows(path: Path, columns: tuple[str, ...], problems: list[str]) -> list[Row]:
    """Rows of a TSV file with its 1-based line numbers; header and column-count problems go to `problems`."""
    name = path.name
    if not path.is_file():
        problems.append(f"{name}: missing file")
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{name}: cannot be read as UTF-8 ({exc})")
        return []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != list(columns):
        problems.append(f"{name}:1: header must be {chr(9).join(columns)!r}")
        return []
    rows: list[Row] = []
    for lineno, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            problems.append(f"{name}:{lineno}: expected {len(columns)} tab-separated columns, found {len(cells)}")
            continue
        rows.append((lineno, cells))
    return rows


def _substance_problems(rows: list[Row]) -> Iterator[str]:
    seen: dict[str, int] = {}
    for lineno, (name, cls, severity, cas, sources, _note) in rows:
        where = f"substances.tsv:{lineno}"
        if not name or name != name.strip() or name != name.lower():
            yield f"{where}: canonical name {name!r} must be non-empty, lowercase, without surrounding spaces"
        if name in seen:
            yield f"{where}: duplicate substance {name!r} (first at line {seen[name]})"
        seen.setdefault(name, lineno)
        if cls not in CLASSES:
            yield f"{where}: unknown class {cls!r} (known: {', '.join(CLASSES)})"
        if severity not in SEVERITIES:
            yield f"{where}: unknown severity {severity!r} (known: {', '.join(SEVERITIES)})"
        for number in filter(None, cas.split("|")):
            if not cas_ok(number):
                yield f"{where}: {number!r} is not a valid CAS number (format or check digit)"
        if not sources.strip():
            yield f"{where}: empty sources: say where this substance comes from"


def _term_problems(rows: list[Row], substances: set[str], common: set[str]) -> Iterator[str]:
    seen: dict[tuple[str, str], int] = {}
    for lineno, (text, substance, kind, lang, context_only, source, _note) in rows:
        where = f"terms.tsv:{lineno}"
        if not text.strip():
            yield f"{where}: empty term"
            continue
        if substance not in substances:
            yield f"{where}: substance {substance!r} of term {text!r} is not in substances.tsv"
        key = (fold(text), substance)
        if key in seen:
            yield f"{where}: duplicate term {text!r} for substance {substance!r} (first at line {seen[key]})"
        seen.setdefault(key, lineno)
        if kind not in KINDS:
            yield f"{where}: unknown kind {kind!r} (known: {', '.join(KINDS)})"
        if not _LANG.match(lang):
            yield f"{where}: language {lang!r} is not a BCP-47 tag like 'en', 'zh-Hant' or 'und'"
        if context_only not in ("0", "1"):
            yield f"{where}: context_only must be 0 or 1, not {context_only!r}"
        elif context_only == "0" and key[0] not in substances and collides(text, kind, common):
            # A substance's own canonical name ("2c-b") names it, however short its parts.
            yield f"{where}: term {text!r} collides with a common word; set context_only to 1"
        if not source.strip():
            yield f"{where}: empty source for term {text!r}"
        if kind == "cas" and not cas_ok(text):
            yield f"{where}: {text!r} is not a valid CAS number (format or check digit)"


def _emoji_problems(rows: list[Row]) -> Iterator[str]:
    seen: dict[str, int] = {}
    for lineno, (emoji, signal, source, _note) in rows:
        where = f"emoji_signals.tsv:{lineno}"
        if emoji in seen:
            yield f"{where}: duplicate emoji {emoji!r} (first at line {seen[emoji]})"
        seen.setdefault(emoji, lineno)
        if signal not in SIGNALS:
            yield f"{where}: unknown signal {signal!r} (known: {', '.join(SIGNALS)})"
        if not source.strip():
            yield f"{where}: empty source for emoji {emoji!r}"


def _own_or_packaged(directory: Path, name: str) -> Path:
    """`directory`/`name`, or the packaged file of that name when the folder ships none."""
    path = directory / name
    return path if path.is_file() else PACKAGED_DIR / name


def load_common_words(directory: Path) -> set[str]:
    """The collision list of `directory`, or the packaged one when the folder ships none."""
    words = _own_or_packaged(directory, COMMON_WORDS_FILE).read_text(encoding="utf-8").split("\n")
    return {w for w in words if w and not w.startswith("#")}


def load_foreign_words(directory: Path) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The everyday words of other languages (FOREIGN_WORDS_FILE) of `directory`, or the packaged list when the
    folder ships none: language -> its words, and language -> those of them that tell the language (marker 1).
    Words are lower-cased; write them as narcotrace normalizes text ("strasse", not "Straße"). A malformed line is
    a KnowledgeBaseError naming the file and line. Parsed once per file version: the validator and the detector
    both read it when a KB loads."""
    path = _own_or_packaged(directory, FOREIGN_WORDS_FILE)
    if not path.is_file():
        return {}, {}
    return _read_foreign_words(path.resolve(), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _read_foreign_words(path: Path, _mtime_ns: int) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    words: dict[str, set[str]] = {}
    markers: dict[str, set[str]] = {}
    header_seen = False
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if cells == ["lang", "word", "marker"]:
                continue
        if len(cells) != 3 or not cells[0] or not cells[1].strip() or cells[2] not in ("0", "1"):
            raise KnowledgeBaseError(
                f"{path}:{n}: expected three columns, lang, word and marker (0 or 1), got {line!r}"
            )
        word = cells[1].strip().lower()
        words.setdefault(cells[0], set()).add(word)
        if cells[2] == "1":
            markers.setdefault(cells[0], set()).add(word)
    return (
        {lang: frozenset(ws) for lang, ws in words.items()},
        {lang: frozenset(ws) for lang, ws in markers.items()},
    )


def validate_rows(
    directory: Path,
) -> tuple[list[str], list[Row], list[Row], list[Row]]:
    """Every problem in `directory`, plus the parsed rows (so the loader parses each file once)."""
    problems: list[str] = []
    subs = read_rows(directory / "substances.tsv", SUBSTANCE_COLUMNS, problems)
    terms = read_rows(directory / "terms.tsv", TERM_COLUMNS, problems)
    emoji = read_rows(directory / "emoji_signals.tsv", EMOJI_COLUMNS, problems)
    problems.extend(_substance_problems(subs))
    names = {cells[0] for _, cells in subs}
    problems.extend(_term_problems(terms, names, load_common_words(directory)))
    problems.extend(_emoji_problems(emoji))
    try:
        load_foreign_words(directory)
    except KnowledgeBaseError as e:
        problems.append(str(e))
    return problems, subs, terms, emoji


def validate_kb(directory: str | Path | None = None) -> list[str]:
    """Every problem of the knowledge base in `directory` (None = the packaged one) as 'file:line: message'."""
    return validate_rows(Path(directory) if directory is not None else PACKAGED_DIR)[0]

"""TOML policy files for the checker: tomllib decides what the file means, a small locator finds where things are.

tomllib (the standard library parser) is the only authority on values and syntax; it reports no positions, so
`locate` scans the same text once and records, for every key path, where its key and its value start and end.
`compose` then turns tomllib's result into the same PyYAML node tree the YAML checker works on, each node
marked with its position, so TOML and YAML policies go through one checker and get the same error codes.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import json
import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = ["TomlSyntaxError", "compose", "locate", "toml_hint"]

Path_ = tuple[str | int, ...]
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_TAGS = {
    bool: "tag:yaml.org,2002:bool",
    int: "tag:yaml.org,2002:int",
    float: "tag:yaml.org,2002:float",
    str: "tag:yaml.org,2002:str",
}
_TIME_TAG = "tag:yaml.org,2002:timestamp"
_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)$")


class TomlSyntaxError(Exception):
    """tomllib's message with the 1-based line and column it names (the last line when it says 'end of document')."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(f"{line}:{col}: {message}")
        self.line = line
        self.col = col
        self.message = message


@dataclass(frozen=True, slots=True)
class Span:
    """Offsets into the text: the key (absent for array elements and the root) and the value."""

    key_start: int
    key_end: int
    start: int
    end: int


class _Locator:
    """One pass over valid TOML text; lenient by design because tomllib has already accepted the text."""

    def __init__(self, text: str) -> None:
        self.t = text
        self.i = 0
        self.spans: dict[Path_, Span] = {}
        self.aot: dict[Path_, int] = {}  # array-of-tables path -> how many [[...]] headers so far

    # -- low level --------------------------------------------------------------------------------------------
    def _ws(self, newlines: bool) -> None:
        t = self.t
        while self.i < len(t):
            c = t[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "#" and newlines:
                while self.i < len(t) and t[self.i] != "\n":
                    self.i += 1
            else:
                return

    def _string(self) -> str:
        """A basic or literal string (single or multi-line) starting at self.i; returns its value roughly."""
        t, i = self.t, self.i
        for quote in ('"""', "'''"):
            if t.startswith(quote, i):
                j = i + 3
                while True:
                    if quote == '"""' and t[j] == "\\":
                        j += 2
                        continue
                    if t.startswith(quote, j):
                        # Up to two quote characters may sit right before the closing delimiter.
                        while t.startswith(quote, j + 1):
                            j += 1
                        self.i = j + 3
                        return t[i + 3:j]
                    j += 1
        quote = t[i]
        j = i + 1
        while t[j] != quote:
            j += 2 if quote == '"' and t[j] == "\\" else 1
        self.i = j + 1
        raw = t[i:j + 1]
        if quote == '"':
            try:
                return str(json.loads(raw))
            except ValueError:
                return raw[1:-1]
        return raw[1:-1]

    def _key(self) -> list[tuple[str, int, int]]:
        """A dotted key: each part with its start and end offsets."""
        parts: list[tuple[str, int, int]] = []
        while True:
            self._ws(False)
            start = self.i
            if self.t[self.i] in "\"'":
                name = self._string()
            else:
                m = _BARE.match(self.t, self.i)
                if m is None:
                    raise ValueError(f"no key at offset {self.i}")
                name = m.group(0)
                self.i = m.end()
            parts.append((name, start, self.i))
            self._ws(False)
            if self.i < len(self.t) and self.t[self.i] == ".":
                self.i += 1
                continue
            return parts

    def _value(self, path: Path_, key_start: int, key_end: int) -> None:
        t = self.t
        start = self.i
        c = t[self.i]
        if c in "\"'":
            self._string()
        elif c == "[":
            self.i += 1
            n = 0
            while True:
                self._ws(True)
                if t[self.i] == "]":
                    self.i += 1
                    break
                self._value((*path, n), -1, -1)
                n += 1
                self._ws(True)
                if t[self.i] == ",":
                    self.i += 1
        elif c == "{":
            self.i += 1
            while True:
                self._ws(False)
                if t[self.i] == "}":
                    self.i += 1
                    break
                self._pair(path)
                self._ws(False)
                if t[self.i] == ",":
                    self.i += 1
        else:
            m = re.compile(r"[^,\]}\n#]*").match(t, self.i)
            assert m is not None  # the pattern matches the empty string
            self.i = start + len(m.group(0).rstrip())
        self.spans[path] = Span(key_start, key_end, start, self.i)

    def _pair(self, prefix: Path_) -> None:
        parts = self._key()
        path = prefix
        for name, ks, ke in parts[:-1]:
            path = (*path, name)
            # A dotted key defines its intermediate tables where that part of the key is written.
            self.spans.setdefault(path, Span(ks, ke, ks, ke))
        name, ks, ke = parts[-1]
        self._ws(False)
        self.i += 1  # '='
        self._ws(False)
        self._value((*path, name), ks, ke)

    def _resolve(self, names: list[str]) -> Path_:
        """A header's key path with the current index inserted after every array of tables it passes through."""
        path: Path_ = ()
        for name in names:
            path = (*path, name)
            if path in self.aot:
                path = (*path, self.aot[path] - 1)
        return path

    # -- document ---------------------------------------------------------------------------------------------
    def run(self) -> dict[Path_, Span]:
        t = self.t
        table: Path_ = ()
        self.spans[()] = Span(-1, -1, 0, len(t))
        while True:
            self._ws(True)
            if self.i >= len(t):
                return self.spans
            if t[self.i] == "[":
                start = self.i
                double = t.startswith("[[", self.i)
                self.i += 2 if double else 1
                parts = self._key()
                self.i += 2 if double else 1
                names = [p[0] for p in parts]
                ks, ke = parts[-1][1], parts[-1][2]
                if double:
                    array = (*self._resolve(names[:-1]), names[-1])
                    self.aot[array] = self.aot.get(array, 0) + 1
                    self.spans.setdefault(array, Span(ks, ke, start, self.i))
                    table = (*array, self.aot[array] - 1)
                else:
                    table = self._resolve(names)
                self.spans[table] = Span(ks, ke, start, self.i)
            else:
                self._pair(table)


def locate(text: str) -> dict[Path_, Span]:
    """Key path -> where its key and value are, for text tomllib accepts (array elements are indexed by int)."""
    return _Locator(text).run()


class _Marks:
    """Offsets -> PyYAML marks (0-based line and column, as PyYAML's own marks are)."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def __call__(self, offset: int) -> yaml.Mark:
        line = bisect.bisect_right(self.starts, max(offset, 0)) - 1
        return yaml.Mark(self.name, offset, line, max(offset, 0) - self.starts[line], None, None)


def compose(text: str, name: str) -> yaml.Node | None:
    """The node tree of a TOML policy (None when the file defines nothing); raises TomlSyntaxError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _WHERE.search(msg)
        if m:
            raise TomlSyntaxError(int(m.group(1)), int(m.group(2)), msg[: m.start()].strip()) from None
        lines = text.splitlines() or [""]
        # "(at end of document)": point just past the last character.
        raise TomlSyntaxError(len(lines), len(lines[-1]) + 1, re.sub(r"\s*\(at end of document\)$", "", msg)) from None
    if not data:
        return None
    try:
        spans = locate(text)
    except (IndexError, ValueError):
        # A TOML construct the locator does not know: the values (from tomllib) stay exact and every message
        # points at line 1, rather than the check failing with a traceback.
        spans = {(): Span(-1, -1, 0, 0)}
    mark = _Marks(name, text)

    def span(path: Path_) -> Span:
        # A path the locator did not see (should not happen for text tomllib accepts) borrows its parent's place.
        while path not in spans:
            path = path[:-1]
        return spans[path]

    def node(value: Any, path: Path_) -> yaml.Node:
        s = span(path)
        start, end = mark(s.start), mark(s.end)
        if isinstance(value, dict):
            pairs = []
            for k, v in value.items():
                ks = span((*path, k))
                kstart, kend = (ks.key_start, ks.key_end) if ks.key_start >= 0 else (ks.start, ks.end)
                key = yaml.ScalarNode(_TAGS[str], k, mark(kstart), mark(kend))
                pairs.append((key, node(v, (*path, k))))
            return yaml.MappingNode("tag:yaml.org,2002:map", pairs, start, end, flow_style=None)
        if isinstance(value, list):
            items = [node(v, (*path, i)) for i, v in enumerate(value)]
            return yaml.SequenceNode("tag:yaml.org,2002:seq", items, start, end, flow_style=None)
        if isinstance(value, bool):
            return yaml.ScalarNode(_TAGS[bool], "true" if value else "false", start, end)
        if isinstance(value, (_dt.date, _dt.time)):
            return yaml.ScalarNode(_TIME_TAG, value.isoformat(), start, end)
        tag = _TAGS.get(type(value), _TAGS[str])
        style = '"' if isinstance(value, str) else None
        return yaml.ScalarNode(tag, str(value), start, end, style=style)

    return node(data, ())


# Hints are written with YAML examples; for a TOML file the same example is shown in TOML.
_TOML_SPECIAL = {
    "rules:": "[[rules]]",
    "- id: ...": '[[rules]]` with `id = "..."',
    "id:": 'id = "..."',
    "when:": "when = {...}",
    "resources:": "resources = [...]",
    "jurisdictions:": "jurisdictions = [...]",
    "key: value": "key = value",
}


def _toml_value(v: Any) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    return json.dumps(str(v), ensure_ascii=False)


def _toml_snippet(m: re.Match[str]) -> str:
    seg = m.group(1)
    if seg in _TOML_SPECIAL:
        return f"`{_TOML_SPECIAL[seg]}`"
    try:
        loaded = yaml.safe_load(seg)
    except yaml.YAMLError:
        return m.group(0)
    if isinstance(loaded, dict) and loaded and all(isinstance(k, str) for k in loaded):
        return "`" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in loaded.items()) + "`"
    return m.group(0)


def toml_hint(hint: str) -> str:
    """A checker hint with its YAML examples rewritten as TOML."""
    if "followed by indented `key: value` lines" in hint:
        return "write a table: `key = value` lines under a `[header]`, or an inline table `{key = value}`"
    hint = hint.replace("top-level `resources:`", "the top-level `[resources]` table")
    return re.sub(r"`([^`]+)`", _toml_snippet, hint)

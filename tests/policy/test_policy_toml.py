"""TOML policies: the shipped TOML example equals the default YAML policy, and positions/errors are exact."""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from narcotrace.policy import PolicyError, check_policy, load_policy
from narcotrace.policy._check import check_text
from narcotrace.policy._toml import TomlSyntaxError, compose, locate, toml_hint

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_YAML = ROOT / "src" / "narcotrace" / "policy" / "data" / "default.yaml"
DEFAULT_TOML = ROOT / "examples" / "policy" / "default.toml"


def test_toml_example_is_the_default_policy() -> None:
    from_yaml, from_toml = load_policy(DEFAULT_YAML), load_policy(DEFAULT_TOML)
    # Everything but where the rules sit in their files must be identical.
    unplace = lambda p: tuple(dataclasses.replace(r, line=0) for r in p.rules)  # noqa: E731
    assert unplace(from_yaml) == unplace(from_toml)
    assert len(from_yaml.rules) == 11
    for field in ("name", "jurisdictions", "default_action", "default_priority", "resources", "review_actions",
                  "strike_actions", "strike_window_days", "strike_thresholds"):
        assert getattr(from_yaml, field) == getattr(from_toml, field), field
    # And the documents themselves say the same thing (descriptions included).
    assert yaml.safe_load(DEFAULT_YAML.read_text(encoding="utf-8")) == tomllib.loads(
        DEFAULT_TOML.read_text(encoding="utf-8"))
    assert check_policy(DEFAULT_TOML) == []


def test_toml_rule_line_is_its_header() -> None:
    policy = load_policy(DEFAULT_TOML)
    lines = DEFAULT_TOML.read_text(encoding="utf-8").splitlines()
    for rule in policy.rules:
        assert lines[rule.line - 1] == "[[rules]]" and f'id = "{rule.id}"' in lines[rule.line]


TRICKY = '''# comment
"quoted key" = 'lit'   # trailing comment
a.b.c = 1
arr = [
  "x",  # comment inside an array
  ["y", 2.5],
]
s = """two
lines"""
inline = {k = {deep = true}, t = 1979-05-27}

[[t]]
id = "first"
[t.sub]
v = 'second-level'

[[t]]
id = "second"
'''
# (key path, (line, col) of the value, 1-based; the text found there)
POSITIONS = [
    (("quoted key",), (2, 16), "'lit'"),
    (("a", "b", "c"), (3, 9), "1"),
    (("arr", 0), (5, 3), '"x"'),
    (("arr", 1, 1), (6, 9), "2.5"),
    (("s",), (8, 5), '"""two'),
    (("inline", "k", "deep"), (10, 23), "true"),
    (("inline", "t"), (10, 34), "1979-05-27"),
    (("t", 0, "id"), (13, 6), '"first"'),
    (("t", 0, "sub", "v"), (15, 5), "'second-level'"),
    (("t", 1), (17, 1), "[[t]]"),
    (("t", 1, "id"), (18, 6), '"second"'),
]


@pytest.mark.parametrize(("path", "where", "text"), POSITIONS, ids=[".".join(map(str, p[0])) for p in POSITIONS])
def test_locator_finds_values(path: tuple[str | int, ...], where: tuple[int, int], text: str) -> None:
    assert tomllib.loads(TRICKY)  # the locator only ever sees text tomllib accepts
    span = locate(TRICKY)[path]
    lines = TRICKY.splitlines()
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    line = max(i for i, s in enumerate(starts) if s <= span.start) + 1
    assert (line, span.start - starts[line - 1] + 1) == where
    assert TRICKY[span.start:].startswith(text)
    assert TRICKY[span.start:span.end].startswith(text.split("\n")[0])


def test_composed_tree_keeps_tomllib_values_and_key_positions() -> None:
    root = compose(TRICKY, "t.toml")
    assert isinstance(root, yaml.MappingNode)
    keys = {k.value: (k.start_mark.line + 1, k.start_mark.column + 1) for k, _ in root.value}
    assert keys["quoted key"] == (2, 1) and keys["a"] == (3, 1) and keys["t"] == (12, 3)
    assert yaml.safe_load(yaml.serialize(root)) == {**tomllib.loads(TRICKY), "inline": {
        "k": {"deep": True}, "t": tomllib.loads(TRICKY)["inline"]["t"]}}


# (text, line, col, message fragment) of tomllib's syntax errors as the checker reports them
SYNTAX = [
    ("version = 1\njurisdictions = [\"US\"\n", 2, 22, "Unclosed array"),
    ("version = \n", 1, 11, "Invalid value"),
    ("a = 1\na = 2\n", 2, 6, "Cannot overwrite a value"),
    ('a = "open\n', 1, 10, "Illegal character"),
    ("[rules\n", 1, 7, "Expected ']' at the end of a table declaration"),
]


@pytest.mark.parametrize(("text", "line", "col", "fragment"), SYNTAX, ids=[s[3] for s in SYNTAX])
def test_syntax_errors_have_position_and_hint(text: str, line: int, col: int, fragment: str) -> None:
    diags, policy = check_text(text, "p.toml")
    assert policy is None
    (d,) = diags
    assert (d.code, d.line, d.col) == ("E001", line, col)
    assert d.message.startswith("TOML syntax error: ") and fragment in d.message
    assert "(at line" not in d.message and d.hint


def test_error_at_end_of_document_points_past_the_last_line() -> None:
    with pytest.raises(TomlSyntaxError) as info:
        compose('x = """never closed\nstill open', "p.toml")
    assert (info.value.line, info.value.col) == (2, len("still open") + 1)


def test_empty_toml_is_e002() -> None:
    diags, policy = check_text("# only a comment\n", "p.toml")
    assert policy is None and [d.code for d in diags] == ["E002"]


HINTS = [
    ("for example `priority: 50`", "for example `priority = 50`"),
    ("add `default: {action: label}`: the action", 'add `default = {action = "label"}`: the action'),
    ("add `jurisdictions: [US, CN, UK]` listing", 'add `jurisdictions = ["US", "CN", "UK"]` listing'),
    ("e.g. `thresholds: {warn: 1, suspend: 3, ban: 5}`", "e.g. `thresholds = {warn = 1, suspend = 3, ban = 5}`"),
    ("declare it under top-level `resources:`", "declare it under the top-level `[resources]` table"),
    ("each rule starts with `- id: ...`", 'each rule starts with `[[rules]]` with `id = "..."`'),
    ("expected one of: allow, label", "expected one of: allow, label"),
]


@pytest.mark.parametrize(("yaml_hint", "toml"), HINTS, ids=[h[1][:30] for h in HINTS])
def test_hints_show_toml_examples(yaml_hint: str, toml: str) -> None:
    assert toml_hint(yaml_hint) == toml


def test_broken_toml_policy_does_not_load() -> None:
    case = ROOT / "tests" / "policy" / "cases" / "unreachable.toml"
    with pytest.raises(PolicyError) as info:
        load_policy(case)
    assert "unreachable" in str(info.value) and len(info.value.diagnostics) == 4


def test_format_comes_from_the_suffix_or_is_named() -> None:
    text = DEFAULT_TOML.read_text(encoding="utf-8")
    assert check_text(text, "policy.TOML")[1] is not None
    diags, _ = check_text(text, "policy.yaml")  # TOML read as YAML is not silently accepted
    assert diags and diags[0].code.startswith("E")
    assert check_text(text, "policy.txt", fmt="toml")[1] is not None
    with pytest.raises(ValueError, match="'yaml' or 'toml'"):
        check_text(text, "p", fmt="json")


# --- property: for any document, the locator's span of every value re-parses to that value -------------------

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f"), max_size=12)
_key = st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True), _text.filter(bool))
_scalar = st.one_of(st.integers(-10**6, 10**6), st.booleans(), _text,
                    st.floats(allow_nan=False, allow_infinity=False, width=32))
_value = st.recursive(_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(_key, inner, max_size=3)), max_leaves=8)


def _dump_key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k, ensure_ascii=False)


def _dump(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[\n  " + ",  # c\n  ".join(_dump(x) for x in v) + "\n]" if v else "[]"
    assert isinstance(v, dict)
    return "{" + ", ".join(f"{_dump_key(k)} = {_dump(x)}" for k, x in v.items()) + "}"


def _paths(v: object, path: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], object]]:
    out = [(path, v)]
    items = v.items() if isinstance(v, dict) else enumerate(v) if isinstance(v, list) else ()
    for k, x in items:
        out += _paths(x, (*path, k))
    return out


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(_key, _value, min_size=1, max_size=4))
def test_locator_spans_reparse_to_their_values(doc: dict[str, object]) -> None:
    text = "# generated\n" + "".join(f"{_dump_key(k)} = {_dump(v)}\n" for k, v in doc.items())
    parsed = tomllib.loads(text)  # valid TOML by construction (raises otherwise)
    spans = locate(text)
    for path, value in _paths(parsed, ())[1:]:
        s = spans[path]
        assert tomllib.loads("x = " + text[s.start:s.end])["x"] == value, (path, text[s.start:s.end])

"""Snapshot tests of `policy check` messages: each broken policy in cases/ has its expected stderr in snapshots/.

Every case exists as YAML (snapshots/<case>.txt) and as TOML (snapshots/<case>.toml.txt); both must report the
same error codes.

To refresh after a deliberate message change: NARCOTRACE_UPDATE_SNAPSHOTS=1 pytest tests/policy, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from narcotrace.policy import PolicyError, check_policy, load_policy
from narcotrace.policy.cli import policy_check_main

HERE = Path(__file__).parent
CASES = sorted([*(HERE / "cases").glob("*.yaml"), *(HERE / "cases").glob("*.toml")])
# (case, exit code, codes that must be reported)
EXPECT = {
    "unknown_names": (1, {"E101", "E110", "E111", "E112", "E113", "E114", "E115"}),
    "unreachable": (1, {"E116", "E120", "E130", "E131"}),
    "missing_keys": (1, {"E102", "E103", "E104"}),
    "syntax": (1, {"E001"}),
    "warnings_only": (0, {"W201", "W202"}),
}


def _snapshot(case: Path) -> Path:
    return HERE / "snapshots" / (f"{case.stem}.txt" if case.suffix == ".yaml" else f"{case.stem}.toml.txt")


def test_every_case_has_expectations_in_both_formats() -> None:
    assert {c.name for c in CASES} == {f"{stem}.{ext}" for stem in EXPECT for ext in ("yaml", "toml")}


@pytest.mark.parametrize("stem", sorted(EXPECT))
def test_toml_and_yaml_report_the_same_codes(stem: str) -> None:
    from collections import Counter

    yaml_codes = Counter(d.code for d in check_policy(HERE / "cases" / f"{stem}.yaml"))
    toml_codes = Counter(d.code for d in check_policy(HERE / "cases" / f"{stem}.toml"))
    assert yaml_codes == toml_codes


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_policy_check_snapshot(case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(HERE)  # paths in messages are relative, so snapshots do not depend on the checkout location
    code = policy_check_main([f"cases/{case.name}"])
    err = capsys.readouterr().err
    snap = _snapshot(case)
    if os.environ.get("NARCOTRACE_UPDATE_SNAPSHOTS"):
        snap.write_text(err, encoding="utf-8")
    assert err == snap.read_text(encoding="utf-8")
    want_code, want_codes = EXPECT[case.stem]
    assert code == want_code
    got = {d.code for d in check_policy(case)}
    assert want_codes <= got, want_codes - got


def test_every_error_is_reported_at_once() -> None:
    diags = check_policy(HERE / "cases" / "unknown_names.yaml")
    assert len([d for d in diags if d.severity == "error"]) >= 7
    assert all(d.line > 0 and d.col > 0 and d.hint for d in diags)


def test_broken_policy_does_not_load() -> None:
    with pytest.raises(PolicyError) as info:
        load_policy(HERE / "cases" / "unreachable.yaml")
    assert len(info.value.diagnostics) == len([d for d in check_policy(HERE / "cases" / "unreachable.yaml")
                                               if d.severity == "error"])
    assert "unreachable" in str(info.value)


def test_warnings_do_not_block_loading() -> None:
    policy = load_policy(HERE / "cases" / "warnings_only.yaml")
    assert policy.jurisdictions == ("US",)


def test_missing_file_is_a_diagnostic(tmp_path: Path) -> None:
    (d,) = check_policy(tmp_path / "nope.yaml")
    assert d.code == "E000" and d.severity == "error"
    assert policy_check_main([str(tmp_path / "nope.yaml")]) == 1
    assert policy_check_main([]) == 2


def test_caret_points_at_the_offending_value() -> None:
    diags = check_policy(HERE / "cases" / "unknown_names.yaml")
    action = next(d for d in diags if d.code == "E110")
    lines = action.format().splitlines()
    assert lines[0].startswith(f"{HERE / 'cases' / 'unknown_names.yaml'}:7:13: error[E110]: unknown action")
    caret = lines[2]
    assert caret.index("^") - 2 == action.col - 1
    assert lines[1][2 + action.col - 1:].startswith("remove-and-escalat")
    assert "did you mean 'remove-and-escalate'" in lines[3]


def test_default_policy_validates_clean() -> None:
    from importlib import resources

    ref = resources.files("narcotrace.policy") / "data" / "default.yaml"
    assert check_policy(str(ref)) == []

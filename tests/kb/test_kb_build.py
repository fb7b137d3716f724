"""tools/build_kb.py reproduces the committed data files byte for byte from ../shared/data and tools/kb/."""

from __future__ import annotations

from pathlib import Path

import pytest
from toolmod import load_tool

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "src" / "narcotrace" / "kb" / "data"


def _build_module():  # type: ignore[no-untyped-def]
    for dep in ("opencc", "wordfreq"):
        pytest.importorskip(dep, reason=f"{dep} not installed (pip install -e '.[kb-build]')")
    return load_tool("build_kb")


@pytest.mark.shared_data
def test_build_reproduces_committed_data(shared_data: Path) -> None:
    build_kb = _build_module()
    files, problems = build_kb.build(shared_data)
    assert problems == []
    assert sorted(files) == sorted(p.name for p in DATA.iterdir() if p.is_file())
    for name, content in files.items():
        committed = (DATA / name).read_bytes()
        assert content.encode("utf-8") == committed, f"{name} differs: run `make kb` and commit"


@pytest.mark.shared_data
def test_hand_terms_citing_shared_files_are_checked(shared_data: Path, tmp_path: Path) -> None:
    # A hand-added term that claims a shared file as its source but does not occur there is refused.
    build_kb = _build_module()
    builder = build_kb.Builder(shared_data)
    builder.load_hand_substances()
    hand = tmp_path / "terms.tsv"
    hand.write_text(
        "term\tsubstance\tkind\tlang\tcontext_only\tsource\tnote\n"
        "fentanilo\tfentanyl\tname\tes\t\tlegal/mexico-lgs/lgs_art234_art245_entries.csv\t\n"
        "fentanylo\tfentanyl\tname\tes\t\tlegal/mexico-lgs/lgs_art234_art245_entries.csv\t\n",
        encoding="utf-8",
    )
    original = build_kb.HAND
    build_kb.HAND = tmp_path
    try:
        builder.load_hand_terms()
    finally:
        build_kb.HAND = original
    assert [k[0] for k in builder.terms] == ["fentanilo"]
    assert builder.problems == [
        "tools/kb/terms.tsv: 'fentanylo' does not occur in legal/mexico-lgs/lgs_art234_art245_entries.csv"
    ]

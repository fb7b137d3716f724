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


@pytest.mark.shared_data
def test_strain_names_are_context_only_cannabis_and_english_words_everyday(shared_data: Path, tmp_path: Path) -> None:
    build_kb = _build_module()
    builder = build_kb.Builder(shared_data)
    builder.load_hand_substances()
    builder.add_term("speed", "amphetamine", "slang", "en", "test")  # "Speed" is amphetamine slang
    builder.rare_words = {"amethyst"}
    (tmp_path / "strains.tsv").write_text(
        "# test\nterm\tkushy_id\n"
        "Jack Herer\t1\nGelato\t2\nAmethyst\t3\n+Speed\t4\nA-K\t5\nChemdawg\t6\nWedding Cake\t7\n",
        encoding="utf-8",
    )
    original = build_kb.HAND
    build_kb.HAND = tmp_path
    try:
        builder.load_strains({"gelato", "wedding", "cake", "speed"})
    finally:
        build_kb.HAND = original
    rows = {k[0]: r for k, r in builder.terms.items() if r.kind == "strain"}
    # no "weddingcake": a hashtag; "gelato", a common word, and "amethyst", a rarer English word, are kept (the
    # detector counts one-word names that are English words only in a weighed listing)
    assert sorted(rows) == ["amethyst", "chemdawg", "gelato", "jack herer", "jackherer", "wedding cake"]
    assert all(r.substance == "cannabis" and r.context_only == "1" for r in rows.values())
    assert rows["jack herer"].sources == ["tools/kb/strains.tsv#1"]
    assert builder.dropped_strains == 2  # Speed (a drug word), A-K (short)
    # the rarer English word joins the everyday words (common_words.txt), the common one is there already
    assert builder.strain_words == {"amethyst"}


@pytest.mark.shared_data
def test_opiumwet_mushroom_species_name_psilocybin(shared_data: Path) -> None:
    build_kb = _build_module()
    builder = build_kb.Builder(shared_data)
    builder.load_hand_substances()
    builder.load_paddo()
    species = {k[0] for k, r in builder.terms.items() if r.substance == "psilocybin"}
    assert "psilocybe cubensis" in species and "psilocybe semilanceata" in species
    assert not any(k[0].startswith("amanita") for k in builder.terms)  # list B: muscimol, not psilocybin


@pytest.mark.shared_data
def test_code_prefixes_name_synthetic_cannabinoids(shared_data: Path) -> None:
    build_kb = _build_module()
    builder = build_kb.Builder(shared_data)
    builder.load_hand_substances()
    for name in ("5f-adb", "5f-mdmb-pica", "3-methylfentanyl"):
        builder.add_sub(name, "other", "", "test", "test")
    builder.add_term("5F-MDMB-PINACA", "5f-adb", "synonym", "en", "src-a")
    builder.add_term("5F-MDMB-PICA", "5f-mdmb-pica", "name", "en", "src-b")
    builder.add_term("3-methyl-fentanyl", "3-methylfentanyl", "name", "en", "src-c")  # "methyl" is no acronym
    builder.add_term("ADB-BUTINACA", "5f-adb", "name", "en", "src-d")  # two parts: no shorter form
    builder.add_code_prefixes()
    short = {k: r for k, r in builder.terms.items() if k[0] == "5f-mdmb"}
    assert sorted(s for _, s in short) == ["5f-adb", "5f-mdmb-pica"]
    assert short[("5f-mdmb", "5f-adb")].sources == ["src-a"]
    assert not any(k[0] in ("3-methyl", "adb") for k in builder.terms)

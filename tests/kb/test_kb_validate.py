"""Validator and loader on tiny knowledge-base folders: one defect per case, each reported with file:line."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from narcotrace._exceptions import KnowledgeBaseError
from narcotrace.kb import KnowledgeBase, load_kb, validate_kb

SUBSTANCES = (
    "canonical\tclass\tseverity\tcas\tsources\tnote\n"
    "fentanyl\tfentanyl\tcritical\t437-38-7\tkb_facts/FACTS.md\t\n"
    "cannabis\tcannabis\tlow\t\tdope_dea_lexicons/dea_street_names.csv\t\n"
)
TERMS = (
    "term\tsubstance\tkind\tlang\tcontext_only\tsource\tnote\n"
    "fentanilo\tfentanyl\tname\tes\t0\tlegal/mexico-lgs/lgs_art234_art245_entries.csv\t\n"
    "grass\tcannabis\tslang\ten\t1\tdope_dea_lexicons/dea_street_names.csv\t\n"
    "437-38-7\tfentanyl\tcas\tund\t0\tchina_controlled_substances/麻醉药品目录_table1.csv\t\n"
)
EMOJI = "emoji\tsignal\tsource\tnote\n🔌\tdealer\tkb_facts/FACTS.md#1c\t\n"
COMMON = "# test list\ngrass\nblue\n"


def make_kb(root: Path, edit: Callable[[dict[str, str]], None] | None = None) -> Path:
    files = {
        "substances.tsv": SUBSTANCES,
        "terms.tsv": TERMS,
        "emoji_signals.tsv": EMOJI,
        "common_words.txt": COMMON,
    }
    if edit:
        edit(files)
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        if text is not None:
            (root / name).write_text(text, encoding="utf-8")
    return root


def append(name: str, line: str) -> Callable[[dict[str, str]], None]:
    def edit(files: dict[str, str]) -> None:
        files[name] += line

    return edit


def replace(name: str, old: str, new: str) -> Callable[[dict[str, str]], None]:
    def edit(files: dict[str, str]) -> None:
        assert old in files[name]
        files[name] = files[name].replace(old, new)

    return edit


def drop(name: str) -> Callable[[dict[str, str]], None]:
    def edit(files: dict[str, str]) -> None:
        del files[name]

    return edit


# (case id, defect, expected message fragment including file:line)
CASES = [
    (
        "duplicate term (same text and substance, any case)",
        append("terms.tsv", "Fentanilo\tfentanyl\tname\tes\t0\tsomewhere\t\n"),
        "terms.tsv:5: duplicate term 'Fentanilo' for substance 'fentanyl' (first at line 2)",
    ),
    (
        "duplicate substance",
        append("substances.tsv", "fentanyl\tfentanyl\tcritical\t\tx\t\n"),
        "substances.tsv:4: duplicate substance 'fentanyl' (first at line 2)",
    ),
    (
        "unknown class",
        replace("substances.tsv", "cannabis\tcannabis\tlow", "cannabis\tweed\tlow"),
        "substances.tsv:3: unknown class 'weed'",
    ),
    (
        "unknown severity",
        replace("substances.tsv", "cannabis\tcannabis\tlow", "cannabis\tcannabis\tsevere"),
        "substances.tsv:3: unknown severity 'severe'",
    ),
    (
        "term whose substance is missing",
        append("terms.tsv", "tranq\txylazine\tslang\ten\t0\tkb_facts/FACTS.md#2d\t\n"),
        "terms.tsv:5: substance 'xylazine' of term 'tranq' is not in substances.tsv",
    ),
    (
        "empty term source",
        append("terms.tsv", "fenty\tfentanyl\tslang\ten\t0\t\t\n"),
        "terms.tsv:5: empty source for term 'fenty'",
    ),
    (
        "empty substance sources",
        replace("substances.tsv", "\tdope_dea_lexicons/dea_street_names.csv\t", "\t\t"),
        "substances.tsv:3: empty sources",
    ),
    (
        "common word not context_only",
        replace("terms.tsv", "grass\tcannabis\tslang\ten\t1", "grass\tcannabis\tslang\ten\t0"),
        "terms.tsv:3: term 'grass' collides with a common word; set context_only to 1",
    ),
    (
        "phrase made only of common words",
        append("terms.tsv", "blue grass\tcannabis\tslang\ten\t0\tx\t\n"),
        "terms.tsv:5: term 'blue grass' collides with a common word",
    ),
    (
        "single letter not context_only",
        append("terms.tsv", "h\tfentanyl\tslang\ten\t0\tx\t\n"),
        "terms.tsv:5: term 'h' collides with a common word",
    ),
    (
        "unknown kind",
        append("terms.tsv", "fenty\tfentanyl\tnickname\ten\t0\tx\t\n"),
        "terms.tsv:5: unknown kind 'nickname'",
    ),
    (
        "bad language tag",
        append("terms.tsv", "fenty\tfentanyl\tslang\tEnglish\t0\tx\t\n"),
        "terms.tsv:5: language 'English' is not a BCP-47 tag",
    ),
    (
        "context_only not 0/1",
        append("terms.tsv", "fenty\tfentanyl\tslang\ten\tyes\tx\t\n"),
        "terms.tsv:5: context_only must be 0 or 1, not 'yes'",
    ),
    (
        "CAS with a wrong check digit",
        replace("substances.tsv", "437-38-7", "437-38-8"),
        "substances.tsv:2: '437-38-8' is not a valid CAS number",
    ),
    (
        "CAS term with a wrong check digit",
        replace("terms.tsv", "437-38-7\tfentanyl", "76-42-5\tfentanyl"),
        "terms.tsv:4: '76-42-5' is not a valid CAS number",
    ),
    (
        "wrong column count",
        append("terms.tsv", "fenty\tfentanyl\tslang\n"),
        "terms.tsv:5: expected 7 tab-separated columns, found 3",
    ),
    (
        "wrong header",
        replace("terms.tsv", "term\tsubstance", "text\tsubstance"),
        "terms.tsv:1: header must be",
    ),
    (
        "missing file",
        drop("emoji_signals.tsv"),
        "emoji_signals.tsv: missing file",
    ),
    (
        "unknown emoji signal",
        append("emoji_signals.tsv", "🚀\trocket\tkb_facts/FACTS.md#1c\t\n"),
        "emoji_signals.tsv:3: unknown signal 'rocket'",
    ),
    (
        "duplicate emoji",
        append("emoji_signals.tsv", "🔌\tdealer\tkb_facts/FACTS.md#1c\t\n"),
        "emoji_signals.tsv:3: duplicate emoji '🔌' (first at line 2)",
    ),
    (
        "uppercase canonical name",
        append("substances.tsv", "Kratom\tother\tlow\t\tdrug_name_lexicons/redmed_drug_lexicon.tsv\t\n"),
        "substances.tsv:4: canonical name 'Kratom' must be non-empty, lowercase",
    ),
]


def test_tiny_kb_is_valid(tmp_path: Path) -> None:
    assert validate_kb(make_kb(tmp_path)) == []


@pytest.mark.parametrize(("defect", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_defect_is_reported_with_file_and_line(
    tmp_path: Path, defect: Callable[[dict[str, str]], None], expected: str
) -> None:
    problems = validate_kb(make_kb(tmp_path, defect))
    assert any(expected in p for p in problems), problems
    # One defect, one message: the validator does not pile consequences on top.
    assert len(problems) == 1, problems


def test_loader_refuses_an_invalid_kb_and_names_the_problem(tmp_path: Path) -> None:
    kb_dir = make_kb(tmp_path, replace("substances.tsv", "cannabis\tcannabis\tlow", "cannabis\tweed\tlow"))
    with pytest.raises(KnowledgeBaseError, match=r"substances.tsv:3: unknown class 'weed'"):
        load_kb(kb_dir)


def test_loader_reports_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="not found"):
        load_kb(tmp_path / "nope")


def test_loaded_values_and_cache(tmp_path: Path) -> None:
    kb = load_kb(make_kb(tmp_path))
    assert load_kb(str(tmp_path)) is kb  # cached per folder, whatever the path type
    assert kb.substances["fentanyl"].cas == ("437-38-7",)
    assert kb.substances["cannabis"].severity == "low"
    grass = next(t for t in kb.terms if t.text == "grass")
    assert grass.context_only is True and grass.substance == "cannabis"
    assert [t.text for t in kb.terms_for("fentanyl")] == ["fentanilo", "437-38-7"]
    assert kb.emoji_signals[0].emoji == "🔌" and kb.emoji_signals[0].signal == "dealer"
    assert len(kb.version) == 12


def test_version_follows_the_data(tmp_path: Path) -> None:
    a = load_kb(make_kb(tmp_path / "a"))
    b = load_kb(make_kb(tmp_path / "b", append("terms.tsv", "fenty\tfentanyl\tslang\ten\t0\tx\t\n")))
    c = load_kb(make_kb(tmp_path / "c"))
    assert a.version != b.version
    assert a.version == c.version


def test_knowledge_base_pickles(tmp_path: Path) -> None:
    kb = load_kb(make_kb(tmp_path))
    again = pickle.loads(pickle.dumps(kb))
    assert isinstance(again, KnowledgeBase)
    assert again == kb
    assert again.terms_for("cannabis") == kb.terms_for("cannabis")


def test_loaded_kb_cannot_be_changed(tmp_path: Path) -> None:
    # load_kb hands the same cached object to every caller: one caller must not be able to change it for the others.
    kb = load_kb(make_kb(tmp_path))
    with pytest.raises(TypeError):
        kb.substances["x"] = kb.substances["fentanyl"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        kb.terms = ()  # type: ignore[misc]


def test_validator_falls_back_to_the_packaged_common_words(tmp_path: Path) -> None:
    # A user KB without its own collision list is checked against the packaged one ("ice" is common there).
    kb_dir = make_kb(tmp_path, drop("common_words.txt"))
    (kb_dir / "terms.tsv").write_text(TERMS + "ice\tfentanyl\tslang\ten\t0\tx\t\n", encoding="utf-8")
    assert validate_kb(kb_dir) == ["terms.tsv:5: term 'ice' collides with a common word; set context_only to 1"]


def test_a_kb_without_lsd_reads_no_blotter_dose(tmp_path: Path) -> None:
    """A user's KB may lack the substance the microgram rule names: the rule stays silent instead of failing."""
    from narcotrace.detect.signals import SignalExtractor

    sig = SignalExtractor(load_kb(make_kb(tmp_path))).extract("[PROMO] EU-WW 100x 200ug THE HOLY FAMILY", kind="listing")
    assert sig.substances == {} and not any(h.signal.startswith("dose:") for h in sig.hits)


def test_foreign_words_fall_back_to_the_packaged_list_and_name_a_bad_line(tmp_path: Path) -> None:
    from narcotrace._exceptions import KnowledgeBaseError
    from narcotrace.kb._validate import load_foreign_words

    kb_dir = make_kb(tmp_path)
    words, markers = load_foreign_words(kb_dir)  # no list of its own: the packaged one
    assert "que" in markers["es"] and "min" in words["sv"] and "min" not in markers["sv"]
    (kb_dir / "foreign_words.tsv").write_text("# own list\nlang\tword\tmarker\nes\tque\t1\nes\tla\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"foreign_words.tsv:4: expected three columns"):
        load_foreign_words(kb_dir)
    assert any("foreign_words.tsv:4" in p for p in validate_kb(kb_dir))  # the validator reports it too
    (kb_dir / "foreign_words.tsv").write_text("lang\tword\tmarker\nes\tQue\t1\nes\tla\t0\n", encoding="utf-8")
    assert load_foreign_words(kb_dir) == ({"es": frozenset({"que", "la"})}, {"es": frozenset({"que"})})

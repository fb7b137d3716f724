"""The packaged legal status tables: shape, provenance, the facts the brief pins down, and agreement with the DEA list."""

from __future__ import annotations

import csv
import pickle
import re
from pathlib import Path

import pytest

from narcotrace.kb.legal import STATUSES, load_legal

DATA = Path(__file__).resolve().parents[2] / "src" / "narcotrace" / "kb" / "legal" / "data"


def test_every_status_has_source_date_and_known_status() -> None:
    table = load_legal()
    assert table.rows and table.class_rows
    for row in table.rows:
        assert row.status in STATUSES and row.source and re.match(r"^\d{4}", row.checked), row
        assert row.substance == row.substance.lower(), row


# (jurisdiction, substance, instrument prefix, schedule, status)
FACTS = [
    ("US", "fentanyl", "21 CFR 1308.12(c)", "II", "controlled"),
    ("US", "4-ap", "21 CFR 1310.02(a)", "List I", "controlled"),
    ("US", "1-boc-4-ap", "21 CFR 1310.02(a)", "List I", "controlled"),
    ("US", "npp", "21 CFR 1310.02(a)", "List I", "controlled"),
    ("US", "4-anpp", "21 CFR 1308.12(g)", "II", "controlled"),
    ("US", "cannabis", "21 CFR 1308.11(d)", "I", "controlled"),
    ("UN", "fentanyl", "Single Convention on Narcotic Drugs 1961", "I", "controlled"),
    ("UN", "mdma", "Convention on Psychotropic Substances 1971", "I", "controlled"),
    ("UN", "npp", "Convention against Illicit Traffic 1988", "Table I", "controlled"),
    ("UN", "4-ap", "Convention against Illicit Traffic 1988", "Table I", "controlled"),
    ("UN", "acetone", "Convention against Illicit Traffic 1988", "Table II", "controlled"),
    ("CN", "fentanyl", "麻醉药品品种目录", "narcotic", "controlled"),
    ("CN", "isotonitazene", "非药用类", "supplementary", "controlled"),
    ("UK", "fentanyl", "Misuse of Drugs Act 1971", "Class A", "controlled"),
    ("UK", "cannabis", "Misuse of Drugs Act 1971", "Class B", "controlled"),
    ("CA", "cannabis", "Cannabis Act (S.C. 2018, c. 16)", "", "legal-regulated"),
    ("CA", "fentanyl", "Controlled Drugs and Substances Act", "I", "controlled"),
    ("MX", "fentanyl", "Ley General de Salud art. 234", "estupefaciente", "controlled"),
    ("TH", "cannabis", "Narcotics Code", "", "uncertain"),
    ("DE", "cannabis", "Betäubungsmittelgesetz", "I", "uncertain"),
    ("NL", "cannabis", "Opiumwet", "II", "controlled"),
    ("DE", "npp", "Regulation (EC) No 273/2004 Annex I", "Category 1", "controlled"),
    ("NL", "acetic anhydride", "Regulation (EC) No 273/2004 Annex I", "Category 2A", "controlled"),
    ("DE", "cannabis", "Konsumcannabisgesetz (KCanG)", "", "uncertain"),
]


@pytest.mark.parametrize(("j", "substance", "instrument", "schedule", "status"), FACTS,
                         ids=[f"{f[0]}-{f[1]}-{f[3]}" for f in FACTS])
def test_pinned_statuses(j: str, substance: str, instrument: str, schedule: str, status: str) -> None:
    rows = load_legal().substance(j, substance)
    assert any(r.instrument.startswith(instrument) and r.schedule == schedule and r.status == status for r in rows), rows


def test_lookup_by_cas_joins_when_names_differ() -> None:
    (row,) = [r for r in load_legal().substance("US", "no-such-name", cas="125541-22-2")]
    assert row.substance == "1-boc-4-ap"


def test_uncertain_facts_say_why() -> None:
    for row in load_legal().rows:
        if row.status == "uncertain":
            assert "could not be verified" in row.note, row


def test_class_level_statuses() -> None:
    table = load_legal()
    assert table.klass("CN", "fentanyl") and table.klass("CN", "nitazene") and table.klass("US", "fentanyl")
    assert not table.klass("TH", "fentanyl")


def test_table_pickles() -> None:
    t = pickle.loads(pickle.dumps(load_legal()))
    assert t.substance("US", "fentanyl") == load_legal().substance("US", "fentanyl")


def test_us_table_agrees_with_dea_list(shared_data: Path) -> None:
    """Join on the DEA drug code: every code in both lists must carry the same schedule."""
    ours: dict[str, set[str]] = {}
    for row in load_legal().rows:
        m = re.search(r"DEA code (\d+)", row.source)
        if row.jurisdiction == "US" and m and not row.schedule.startswith("List"):
            ours.setdefault(m.group(1), set()).add(row.schedule)
    theirs: dict[str, set[str]] = {}
    with (shared_data / "dope_dea_lexicons" / "dea_controlled.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["number"]:
                theirs.setdefault(str(int(float(rec["number"]))), set()).add(rec["schedule"].split()[0])
    both = set(ours) & set(theirs)
    assert len(both) > 200, len(both)
    disagree = {c: (ours[c], theirs[c]) for c in both if not ours[c] & theirs[c]}
    assert disagree == {}


def test_tables_are_what_the_builder_writes(shared_data: Path, tmp_path: Path) -> None:
    """The committed TSVs are reproducible from shared/data (no hand edits)."""
    import runpy

    builder = runpy.run_path(str(Path(__file__).resolve().parents[2] / "tools" / "build_legal.py"))
    assert builder["main"](["--shared", str(shared_data), "--out", str(tmp_path)]) == 0
    for path in sorted(DATA.glob("*.tsv")):
        assert (tmp_path / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


# --- United Kingdom: Psychoactive Substances Act 2016 class rule, nitrous oxide, source disagreements ----------


def test_psa_is_a_class_rule_with_its_citation() -> None:
    (psa,) = load_legal().klass("UK", "psychoactive")
    assert psa.instrument == "Psychoactive Substances Act 2016 (c. 2)" and psa.schedule == "ss. 2-5"
    assert "legislation.gov.uk/ukpga/2016/2" in psa.source and "Sch. 1" in psa.source
    assert psa.note.startswith("CLASS RULE") and "Misuse of Drugs Act 1971" in psa.note


def test_psa_rows_are_uncertain_and_never_beside_a_controlled_mda_row() -> None:
    table = load_legal()
    psa = [r for r in table.rows if r.instrument.startswith("Psychoactive Substances Act")]
    assert len(psa) > 20
    for row in psa:
        assert row.jurisdiction == "UK" and row.status == "uncertain", row
        assert "CLASS RULE" in row.note and row.substance in row.note, row
        mda = [r for r in table.substance("UK", row.substance)
               if r.instrument == "Misuse of Drugs Act 1971" and r.status == "controlled"]
        assert mda == [], (row.substance, mda)
    names = {r.substance for r in psa}
    # Class A under the Home Office list: exempted from the PSA as a controlled drug (Sch. 1).
    assert "fentanyl" not in names and "heroin" not in names
    # The KB classes these as precursor / prescription: no PSA claim either way.
    assert "npp" not in names and "sildenafil" not in names
    assert {"acetylfentanyl", "isotonitazene"} <= names


def test_nitrous_oxide_class_c_agrees_with_the_2023_order() -> None:
    (row,) = [r for r in load_legal().substance("UK", "nitrous oxide") if r.instrument == "Misuse of Drugs Act 1971"]
    assert row.schedule == "Class C" and row.status == "controlled"
    assert "agrees with Misuse of Drugs Act 1971 (Amendment) Order 2023 (SI 2023/1079)" in row.note
    assert "wikipedia_Misuse_of_Drugs_Act_1971.wikitext:" in row.note


@pytest.mark.parametrize(("j", "substance", "says"), [
    ("UK", "xylazine", "Home Office list (legal/uk-misuse-of-drugs/govuk_controlled_drugs_list.csv, scraped "
                       "2026-04-24) has no entry"),
    ("UK", "psilocybin", "has no entry"),
    ("DE", "cannabis", "BGBl. 2024 I Nr. 109"),
])
def test_source_disagreements_are_recorded_as_uncertain(j: str, substance: str, says: str) -> None:
    rows = [r for r in load_legal().substance(j, substance) if "SOURCES DISAGREE" in r.note]
    assert rows and all(r.status == "uncertain" for r in rows), load_legal().substance(j, substance)
    assert any(says in r.note for r in rows)


def _builder() -> dict[str, object]:
    import runpy

    return runpy.run_path(str(Path(__file__).resolve().parents[2] / "tools" / "build_legal.py"))


def test_nitrous_oxide_missing_from_the_list_becomes_a_recorded_disagreement(tmp_path: Path) -> None:
    b = _builder()
    wiki = tmp_path / "legal" / "uk-misuse-of-drugs" / "wikipedia_Misuse_of_Drugs_Act_1971.wikitext"
    wiki.parent.mkdir(parents=True)
    wiki.write_text("=== Class C drugs ===\n|-\n|[[Recreational use of nitrous oxide|Nitrous oxide]]\n|2023\n",
                    encoding="utf-8")
    older = b["Row"]("UK", "nitrous oxide", "", "Misuse of Drugs Act 1971", "Class B", "controlled", "x.csv:3",
                     "2020-01-01", "older copy")  # type: ignore[operator]
    out = b["uk_nitrous_oxide"](tmp_path, [older])  # type: ignore[operator]
    assert "DISAGREES with Misuse of Drugs Act 1971 (Amendment) Order 2023" in out[0].note
    added = out[-1]
    assert (added.schedule, added.status) == ("Class C", "uncertain")
    assert "SI 2023/1079" in added.source and "wikitext:3 gives year added 2023" in added.note


def test_builder_and_loader_share_one_tsv_reader(tmp_path: Path) -> None:
    from narcotrace.kb.legal import COLUMNS, read_tsv, write_tsv

    b = _builder()
    assert b["COLUMNS"] is COLUMNS and b["read_tsv"] is read_tsv and b["write_tsv"] is write_tsv
    path = tmp_path / "xx.tsv"
    write_tsv(path, ("a", "b"), [("1", "two\twords")])
    path.write_text(path.read_text(encoding="utf-8") + "only-one-cell\n3\t4\n", encoding="utf-8")
    problems: list[str] = []
    rows = read_tsv(path, ("a", "b"), problems)
    assert rows == [(2, {"a": "1", "b": "two words"}), (4, {"a": "3", "b": "4"})]
    assert problems == ["xx.tsv:3: 1 cells, expected 2 (a, b)"]

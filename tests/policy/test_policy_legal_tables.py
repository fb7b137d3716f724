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

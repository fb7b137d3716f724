"""Legal status of substances and classes per jurisdiction: the tables built by tools/build_legal.py.

Each status names its instrument and schedule, the source file and section it came from, and the date of the
source text. Tables are read once per process (``load_legal``) and the result is picklable so Spark can ship it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from narcotrace._exceptions import KnowledgeBaseError

__all__ = [
    "CLASS_COLUMNS",
    "COLUMNS",
    "STATUSES",
    "ClassStatus",
    "LegalStatus",
    "LegalTable",
    "clean_cell",
    "load_legal",
    "load_table",
    "read_tsv",
    "write_tsv",
]

STATUSES = ("controlled", "legal-regulated", "legal", "uncertain")
# The one definition of the table format: tools/build_legal.py writes with write_tsv and this module reads with read_tsv.
COLUMNS = ("jurisdiction", "substance", "cas", "instrument", "schedule", "status", "source", "checked", "note")
CLASS_COLUMNS = ("jurisdiction", "class", "instrument", "schedule", "status", "source", "checked", "note")
_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")

# Names people type for a jurisdiction -> the code the tables use. GB is the ISO code; the tables say UK.
JURISDICTION_ALIASES = {"GB": "UK"}


@dataclass(frozen=True, slots=True)
class LegalStatus:
    """The status of one substance under one instrument of one jurisdiction."""

    jurisdiction: str
    substance: str
    cas: str
    instrument: str
    schedule: str
    status: str
    source: str
    checked: str
    note: str

    def cite(self) -> str:
        """The legal basis as a decision quotes it, e.g. 'US: 21 CFR 1308.12(c) Schedule II (checked 2026-04-22)'."""
        return _cite(self.jurisdiction, self.instrument, self.schedule, self.status, self.checked)


@dataclass(frozen=True, slots=True)
class ClassStatus:
    """The status of a whole substance class (generic or class-wide listing) in one jurisdiction."""

    jurisdiction: str
    cls: str
    instrument: str
    schedule: str
    status: str
    source: str
    checked: str
    note: str

    def cite(self) -> str:
        return _cite(self.jurisdiction, self.instrument, self.schedule, self.status, self.checked)


def _cite(jurisdiction: str, instrument: str, schedule: str, status: str, checked: str) -> str:
    if jurisdiction == "UN":
        # UN conventions: "Schedule I" / "Table I"; dates are list editions, kept out of the short citation.
        label = schedule if schedule.startswith("Table") else f"Schedule {schedule}"
        return f"UN: {instrument}, {label}"
    label = ""
    if schedule and not instrument.endswith(f"Schedule {schedule}") and not instrument.endswith(f"Anlage {schedule}") \
            and not instrument.endswith(f"Lijst {schedule}"):
        numbered = re.fullmatch(r"[IVX]+|\d+( Pt\d)?", schedule) is not None
        label = f"Schedule {schedule}" if numbered else schedule
    text = f"{instrument} {label}".strip()
    if status != "controlled":
        text += f" [{status}]"
    return f"{jurisdiction}: {text} (checked {checked})"


class LegalTable:
    """All statuses, indexed by (jurisdiction, canonical name), (jurisdiction, CAS) and (jurisdiction, class)."""

    __slots__ = ("_by_cas", "_by_class", "_by_name", "_jurisdictions", "rows", "class_rows")

    def __init__(self, rows: tuple[LegalStatus, ...], class_rows: tuple[ClassStatus, ...]) -> None:
        self.rows = rows
        self.class_rows = class_rows
        by_name: dict[tuple[str, str], list[LegalStatus]] = {}
        by_cas: dict[tuple[str, str], list[LegalStatus]] = {}
        by_class: dict[tuple[str, str], list[ClassStatus]] = {}
        for r in rows:
            by_name.setdefault((r.jurisdiction, r.substance), []).append(r)
            for cas in re.split(r"[ ,]+", r.cas):
                if cas:
                    by_cas.setdefault((r.jurisdiction, cas), []).append(r)
        for c in class_rows:
            by_class.setdefault((c.jurisdiction, c.cls), []).append(c)
        self._by_name = {k: tuple(v) for k, v in by_name.items()}
        self._by_cas = {k: tuple(v) for k, v in by_cas.items()}
        self._by_class = {k: tuple(v) for k, v in by_class.items()}
        self._jurisdictions = frozenset(r.jurisdiction for r in rows) | frozenset(c.jurisdiction for c in class_rows)

    def __getstate__(self) -> tuple[tuple[LegalStatus, ...], tuple[ClassStatus, ...]]:
        return (self.rows, self.class_rows)

    def __setstate__(self, state: tuple[tuple[LegalStatus, ...], tuple[ClassStatus, ...]]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    @property
    def jurisdictions(self) -> frozenset[str]:
        return self._jurisdictions

    def substance(self, jurisdiction: str, name: str = "", cas: str = "") -> tuple[LegalStatus, ...]:
        """Statuses of a substance by canonical name, else by CAS."""
        j = normalize_jurisdiction(jurisdiction)
        hits = self._by_name.get((j, name.strip().lower()), ())
        if not hits and cas:
            hits = self._by_cas.get((j, cas.strip()), ())
        return hits

    def klass(self, jurisdiction: str, cls: str) -> tuple[ClassStatus, ...]:
        """Class-level statuses (e.g. China's 2019 fentanyl-class listing)."""
        return self._by_class.get((normalize_jurisdiction(jurisdiction), cls), ())

    def count(self, jurisdiction: str) -> int:
        j = normalize_jurisdiction(jurisdiction)
        return sum(1 for r in self.rows if r.jurisdiction == j)


def normalize_jurisdiction(code: str) -> str:
    c = code.strip().upper()
    return JURISDICTION_ALIASES.get(c, c)


def clean_cell(value: str) -> str:
    """A cell as the tables store it: no tab or newline inside (they would split the row), spaces collapsed."""
    return re.sub(r"\s+", " ", value).strip()


def read_tsv(path: Path, columns: tuple[str, ...] | None, problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Records of a tab-separated file with their 1-based line numbers.

    With `columns`, a header that differs is reported in `problems` and no record is returned; with None any
    header is accepted (the KB's substances.tsv, whose columns belong to the KB). Rows with the wrong number
    of cells are reported and skipped, so the good rows are kept and every bad one is named.
    """
    out: list[tuple[int, dict[str, str]]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            problems.append(f"{path.name}: empty file, expected a header line")
            return out
        if columns is not None and tuple(header) != columns:
            problems.append(f"{path.name}: header {header} != {list(columns)}")
            return out
        for cells in reader:
            line = reader.line_num
            if not any(cells):
                continue
            if len(cells) != len(header):
                problems.append(f"{path.name}:{line}: {len(cells)} cells, expected {len(header)} ({', '.join(header)})")
                continue
            out.append((line, dict(zip(header, cells))))
    return out


def write_tsv(path: Path, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Write a table read_tsv can read back: header, then one cleaned row per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            if len(r) != len(columns):
                raise ValueError(f"{path.name}: row {r!r} has {len(r)} cells, expected {len(columns)}")
            fh.write("\t".join(clean_cell(c) for c in r) + "\n")


def _read(path: Path, columns: tuple[str, ...], problems: list[str]) -> list[dict[str, str]]:
    out = []
    for i, rec in read_tsv(path, columns, problems):
        if rec["status"] not in STATUSES:
            problems.append(f"{path.name}:{i}: unknown status {rec['status']!r}")
        if not rec["source"]:
            problems.append(f"{path.name}:{i}: no source")
        if not _DATE.match(rec["checked"]):
            problems.append(f"{path.name}:{i}: checked {rec['checked']!r} is not a date")
        out.append(rec)
    return out


def load_table(directory: Path) -> LegalTable:
    """Read and validate every *.tsv in a directory; raises KnowledgeBaseError listing all problems."""
    problems: list[str] = []
    rows: list[LegalStatus] = []
    class_rows: list[ClassStatus] = []
    files = sorted(directory.glob("*.tsv"))
    if not files:
        raise KnowledgeBaseError(f"no legal status tables in {directory} (run tools/build_legal.py)")
    for path in files:
        if path.name == "classes.tsv":
            for rec in _read(path, CLASS_COLUMNS, problems):
                class_rows.append(ClassStatus(**{("cls" if k == "class" else k): v for k, v in rec.items()}))
        else:
            rows.extend(LegalStatus(**rec) for rec in _read(path, COLUMNS, problems))
    if problems:
        raise KnowledgeBaseError("invalid legal status tables:\n  " + "\n  ".join(problems))
    return LegalTable(tuple(rows), tuple(class_rows))


@lru_cache(maxsize=1)
def load_legal() -> LegalTable:
    """The packaged legal tables, read once per process."""
    data = resources.files("narcotrace.kb.legal") / "data"
    return load_table(Path(str(data)))

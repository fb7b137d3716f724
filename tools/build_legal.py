#!/usr/bin/env python3
"""Build narcotrace's legal status tables from the controlled-substance lists in ../shared/data.

Reads every list named in shared/data/legal/INDEX.md (plus the PRC lists in china_controlled_substances/) and writes
src/narcotrace/kb/legal/data/<jurisdiction>.tsv and classes.tsv. Every row names the file it came from and the act
and section, the date of the source text, and the known defects of that copy. Nothing here is typed in by hand
except (a) the name aliases that map a source's spelling to the KB's canonical name, (b) class-level statuses quoted
from a source file, and (c) the statuses that could NOT be verified, which are written as `uncertain`.

Run: .venv/bin/python tools/build_legal.py [--shared ../shared/data] [--out src/narcotrace/kb/legal/data]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The table format (columns, cell cleaning, reading and writing) lives in the package, so the builder and the
# loader cannot drift apart; import it from this checkout even when another narcotrace is installed.
sys.path.insert(0, str(ROOT / "src"))
from narcotrace._exceptions import KnowledgeBaseError  # noqa: E402
from narcotrace.kb.legal import (  # noqa: E402
    CLASS_COLUMNS,
    COLUMNS,
    LegalStatus,
    clean_cell,
    load_table,
    read_tsv,
    write_tsv,
)

# Spellings used by the sources -> canonical KB name (lowercase English INN/common name). Only spelling, no facts.
ALIASES: dict[str, str] = {
    # English / INN variants
    "marihuana": "cannabis",
    "marihuana extract": "cannabis extract",
    "cannabis and cannabis resin": "cannabis",
    "cannabis and cannabis resin and extracts and tinctures of cannabis": "cannabis",
    "3,4-methylenedioxymethamphetamine": "mdma",
    "diacetylmorphine": "heroin",
    "diamorphine": "heroin",
    "methylamphetamine": "methamphetamine",
    "metamfetamine": "methamphetamine",
    "methamfetamine": "methamphetamine",
    "carfentanyl": "carfentanil",
    "4-anilino-n-phenethylpiperidine": "4-anpp",
    "4-anilino-n-phenethylpiperidine (anpp)": "4-anpp",
    "anpp": "4-anpp",
    "despropionylfentanyl": "4-anpp",
    "n-phenethyl-4-piperidone": "npp",
    "n-phenylpiperidin-4-amine": "4-ap",
    "n-phenyl-4-piperidinamine": "4-ap",
    "tert-butyl 4-(phenylamino)piperidine-1-": "1-boc-4-ap",  # name cut by the Red List PDF wrap
    "4-anilinopiperidine": "4-ap",
    "tert-butyl 4-(phenylamino)piperidine-1-carboxylate": "1-boc-4-ap",
    "boc-4-ap": "1-boc-4-ap",
    "n-phenyl-n-(piperidin-4-yl)propionamide": "norfentanyl",
    "piperidin-4-one": "4-piperidone",
    "tert-butyl 4-oxopiperidine-1-carboxylate": "1-boc-4-piperidone",
    "lysergide": "lsd",
    "(+)-lysergide": "lsd",
    "d-lysergic acid diethylamide": "lsd",
    "lysergic acid diethylamide": "lsd",
    "psilocybine": "psilocybin",
    "gamma-hydroxybutyrate": "ghb",
    "gamma-hydroxybutyric acid": "ghb",
    # Spanish (Mexico)
    "fentanil": "fentanyl",
    "fentanilo": "fentanyl",
    "carfentanilo": "carfentanil",
    "cocaina": "cocaine",
    "cocaína": "cocaine",
    "heroina": "heroin",
    "heroína": "heroin",
    "oxicodona": "oxycodone",
    "metanfetamina": "methamphetamine",
    "cannabis sativa": "cannabis",
    "efedrina": "ephedrine",
    "seudoefedrina": "pseudoephedrine",
    "pseudoefedrina": "pseudoephedrine",
    "norfentanilo": "norfentanyl",
    "despropionilfentanilo": "4-anpp",
    "isotonitaceno": "isotonitazene",
    "ketamina": "ketamine",
    # German
    "cocain": "cocaine",
    "diamorphin": "heroin",
    "metamfetamin": "methamphetamine",
    "methamphetamin": "methamphetamine",
    "methylendioxymetamfetamin": "mdma",
    "isotonitazen": "isotonitazene",
    "ketamin": "ketamine",
    "oxycodon": "oxycodone",
    # Dutch
    "hennep": "cannabis",
    "cocaïne": "cocaine",
    "3,4-methyleendioxymethamfetamine": "mdma",
}

CHECKED = {
    "un-incb-yellow": "2025",  # Yellow List 64th edition (2025)
    "un-incb-green": "2025",  # Green List 36th edition (2025)
    "un-incb-red": "2025-07",  # Red List 23rd edition (July 2025)
    "us": "2026-04-22",
    "cn": "2025-07-01",
    "uk": "2026-04-24",
    "ca": "2026-06-05",
    "mx": "2026-01-15",
    "de": "2021-11-08",
    "nl": "2015-10-02",
}
# The day the unverifiable facts below were looked for (and not found) in the shared sources.
SEARCHED_ON = "2026-11-27"


# A row of a jurisdiction table is the status record the package loads from it.
Row = LegalStatus


def cells(row: LegalStatus) -> tuple[str, ...]:
    return tuple(clean_cell(getattr(row, c)) for c in COLUMNS)


_CAS = re.compile(r"\b(\d{2,7}-\d{2}-\d)\b")
_LEAD_NUMBER = re.compile(r"^\s*(\(\s*[0-9ivx]+\s*\)|[0-9]+\.|[a-z]\))\s*", re.IGNORECASE)


def normalize(name: str) -> str:
    """Lowercase, unify dashes/quotes/greek letters, collapse whitespace, drop footnote marks and trailing dots."""
    s = name.replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-").replace("\u2212", "-")
    s = s.replace("\u2019", "'").replace("\u2032", "'").replace("α", "alpha-").replace("β", "beta-")
    s = s.replace("ß", "beta-").replace("alpha--", "alpha-").replace("beta--", "beta-")
    s = re.sub(r"\[footnote \d+\]", "", s)
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"\s+", " ", s).strip().strip(".;:,*").strip()
    return s.lower()


def candidates(text: str) -> list[str]:
    """Names a source line gives for one substance: the main name, then names in parentheses or after commas."""
    text = _LEAD_NUMBER.sub("", text.strip())
    out: list[str] = []
    main = re.split(r"\s\(|,\s|;\s", text, maxsplit=1)[0]
    out.append(normalize(main))
    out.append(normalize(text))
    for inner in re.findall(r"\(([^()]*)\)", text):
        for part in re.split(r"[,;]| o |other names?:|also known as:?", inner):
            part = normalize(part)
            if part:
                out.append(part)
    seen: list[str] = []
    for c in out:
        if c and c not in seen:
            seen.append(c)
    return seen


_CANONICAL = frozenset(ALIASES.values())


def canonical(text: str, known: set[str]) -> str:
    """The canonical KB name for a source line: an alias or a KB name if any candidate matches, else the main name."""
    cands = candidates(text)
    for c in cands:
        if c in ALIASES:
            return ALIASES[c]
        if c in known or c in _CANONICAL:
            return c
    # "acetyl fentanyl" (CFR) vs "acetylfentanyl" (KB): same name once spaces and hyphens are ignored.
    compact = {re.sub(r"[\s-]", "", k): k for k in known}
    for c in cands:
        hit = compact.get(re.sub(r"[\s-]", "", c))
        if hit:
            return hit
    return cands[0] if cands else normalize(text)


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with the 1-based line number where each record starts (so a source column can point at it)."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        line = reader.line_num
        for rec in reader:
            yield line + 1, rec
            line = reader.line_num


@dataclass(frozen=True, slots=True)
class Known:
    """What the main KB says about its substances: canonical names, their CAS and their KB class."""

    names: frozenset[str]
    cas: dict[str, str]
    cls: dict[str, str]


def load_known(root: Path) -> Known:
    """The KB's substances.tsv when it exists (optional by design: the tables build without it)."""
    path = root / "src" / "narcotrace" / "kb" / "data" / "substances.tsv"
    names: set[str] = set()
    cas: dict[str, str] = {}
    cls: dict[str, str] = {}
    if not path.is_file():
        return Known(frozenset(), cas, cls)
    problems: list[str] = []
    for _, rec in read_tsv(path, None, problems):
        name = (rec.get("name") or rec.get("substance") or rec.get("canonical") or "").strip().lower()
        if name:
            names.add(name)
            if rec.get("cas"):
                cas[name] = rec["cas"].strip()
            if rec.get("class"):
                cls[name] = rec["class"].strip()
    for problem in problems:
        print(f"warning: KB {problem} (row skipped)", file=sys.stderr)
    return Known(frozenset(names), cas, cls)


# --- UN --------------------------------------------------------------------------------------------------------


def build_un(shared: Path, known: set[str]) -> list[Row]:
    rows: list[Row] = []
    d = shared / "legal" / "un-incb"
    rel = "legal/un-incb"
    for line, rec in read_csv(d / "incb_yellow_list_entries.csv"):
        sched = rec["convention_schedule"]
        m = re.match(r"Schedule (I|II|III|IV) \(1961\)", sched)
        if not m:
            continue  # "Intermediate Opiate Raw Materials" are reporting codes, not scheduled drugs
        name = rec["name_parsed_by_origin_repo"] or ""
        if not name or name.upper().startswith("N/A"):
            name = re.sub(r"^N/A\s*", "", name)
        if not name:
            continue
        rows.append(
            Row(
                "UN", canonical(name, known), rec["cas_number_as_printed"], "Single Convention on Narcotic Drugs 1961",
                m.group(1), "controlled", f"{rel}/incb_yellow_list_entries.csv:{line} (INCB Yellow List 64th ed.)",
                CHECKED["un-incb-yellow"], "PDF-text transcription; cite the INCB Yellow List edition",
            )
        )
    for line, rec in read_csv(d / "incb_green_list_entries.csv"):
        m = re.match(r"Schedule (I|II|III|IV) \(1971\)", rec["convention_schedule"])
        if not m:
            continue
        text = rec["entry_text_as_extracted"]
        # The origin parser put the CAS where the name should be: take the name from the extracted line instead.
        body = re.sub(r"^[A-Z]{2} \d{3}\s+", "", text)
        body = _CAS.sub("", body, count=1).strip()
        name = re.split(r"\s{1,}(?=[a-z(\[0-9±(–-]{2,}[a-z])|,", body, maxsplit=1)[0]
        name = re.split(r" (?=\(?[a-z0-9±–\-]+[a-z])", name, maxsplit=1)[0]
        cas = rec["cas_number_as_printed"]
        note = "PDF-text transcription; name re-parsed from the extracted line"
        if cas and not re.fullmatch(r"\d{2,7}-\d{2}-\d", cas):
            note += f"; CAS as printed is malformed ({cas})"
        rows.append(
            Row(
                "UN", canonical(name, known), cas, "Convention on Psychotropic Substances 1971", m.group(1), "controlled",
                f"{rel}/incb_green_list_entries.csv:{line} (INCB Green List 36th ed.)", CHECKED["un-incb-green"], note,
            )
        )
    osint = {
        normalize(r["cas"]): r for _, r in read_csv(shared / "legal" / "un-precursors-le-osint" / "precursors_1988_tables.csv")
    }
    seen: set[tuple[str, str]] = set()
    for line, rec in read_csv(d / "incb_red_list.csv"):
        table = rec["table"].strip()
        if table not in ("I", "II"):
            continue
        name = rec["chemical_name"]
        cas = rec["cas_number"].strip()
        sub = canonical(name, known)
        if (sub, table) in seen:
            continue  # one row per glycidate ester in the origin; one status per substance is enough
        seen.add((sub, table))
        note = "PDF-text transcription; cite the INCB Red List edition"
        other = osint.get(cas)
        if other is None and sub == "norfentanyl":
            note += "; CAS disagrees with legal/un-precursors-le-osint (1609-66-5), unresolved"
        elif other is not None and other["table_I_II_or_S(not_controlled)"].strip() != table:
            note += f"; LE-OSINT compilation gives Table {other['table_I_II_or_S(not_controlled)']}"
        rows.append(
            Row(
                "UN", sub, cas, "Convention against Illicit Traffic 1988", f"Table {table}", "controlled",
                f"{rel}/incb_red_list.csv:{line} (INCB Red List 23rd ed.)", CHECKED["un-incb-red"], note,
            )
        )
    return rows


# --- United States -----------------------------------------------------------------------------------------------


def build_us(shared: Path, known: set[str]) -> list[Row]:
    rows: list[Row] = []
    d = shared / "legal" / "us-21cfr"
    rel = "legal/us-21cfr"
    note = "eCFR XML 2026-04-22; XREF amendments 90 FR 57356/57542 (2025-12-11) may not be folded in"
    for line, rec in read_csv(d / "cfr21_1308_schedules_I-V.csv"):
        text = rec["entry_text"]
        para = re.match(r"\(([a-z])\)", rec["paragraph_context"])
        instrument = f"21 CFR {rec['cfr_section']}" + (f"({para.group(1)})" if para else "")
        if rec["row_kind"] == "table_row" and rec["dea_code"].strip():
            sub = canonical(text, known)
        elif "cocaine (9041)" in text.lower():
            sub = "cocaine"  # cocaine is named inside the coca-leaves paragraph with its own DEA code
        else:
            continue
        cas = ",".join(_CAS.findall(text))
        rows.append(
            Row(
                "US", sub, cas, instrument, rec["schedule_or_list"], "controlled",
                f"{rel}/cfr21_1308_schedules_I-V.csv:{line} ({instrument}, DEA code {rec['dea_code'] or '9041'})",
                CHECKED["us"], note,
            )
        )
    for line, rec in read_csv(d / "cfr21_1310_02_list_I_II_chemicals.csv"):
        if rec["row_kind"] != "table_row" or not rec["dea_code"].strip():
            continue
        text = rec["entry_text"]
        sub = canonical(text, known)
        lst = rec["schedule_or_list"]
        para = "(a)" if lst == "List I" else "(b)"
        rows.append(
            Row(
                "US", sub, ",".join(_CAS.findall(text)), f"21 CFR 1310.02{para}", lst, "controlled",
                f"{rel}/cfr21_1310_02_list_I_II_chemicals.csv:{line} (21 CFR 1310.02{para}, DEA code {rec['dea_code']})",
                CHECKED["us"], "eCFR XML 2026-04-22; amendment 91 FR 16836 (2026-04-03) linked, may not be folded in",
            )
        )
    return rows


# --- China -------------------------------------------------------------------------------------------------------

_CN_LISTS = (
    ("麻醉药品目录_table1.csv", "麻醉药品品种目录 (2013)", "narcotic"),
    ("第一类精神药品目录_table1.csv", "精神药品品种目录 (2013) 第一类", "psychotropic I"),
    ("第二类精神药品目录_table1.csv", "精神药品品种目录 (2013) 第二类", "psychotropic II"),
    *(
        (f"非药用类麻醉药品和精神药品管制品种增补目录_table{i}.csv", "非药用类麻醉药品和精神药品管制品种增补目录", "supplementary")
        for i in range(1, 8)
    ),
)


def build_cn(shared: Path, known: set[str]) -> list[Row]:
    rows: list[Row] = []
    d = shared / "china_controlled_substances"
    for fname, instrument, schedule in _CN_LISTS:
        for line, rec in read_csv(d / fname):
            en = rec["英文名"]
            abbrev = rec.get("备注") or ""
            names = [en] + [a for a in re.split(r"\s{2,}|,", abbrev) if a.strip()]
            sub = ""
            for n in names:
                c = canonical(n, known)
                if c in known or c in ALIASES.values():
                    sub = c
                    break
            sub = sub or canonical(en, known)
            cas = " ".join(_CAS.findall(rec["CAS号"]))
            rows.append(
                Row(
                    "CN", sub, cas, instrument, schedule, "controlled",
                    f"china_controlled_substances/{fname}:{line} ({instrument} #{rec['序号']} {rec['中文名']})",
                    CHECKED["cn"], "transcription of the PRC lists as of 2025-07-01 (Benzyl-titanium/Structural-formula)",
                )
            )
    return rows


# --- United Kingdom ----------------------------------------------------------------------------------------------


def build_uk(shared: Path, known: set[str]) -> list[Row]:
    rows: list[Row] = []
    rel = "legal/uk-misuse-of-drugs/govuk_controlled_drugs_list.csv"
    secondary = "SECONDARY: Home Office 'most commonly encountered' list (scraped 2026-04-24), not the statute"
    for line, rec in read_csv(shared / rel):
        name = rec["drug_name"].strip()
        if not name or name.endswith(":") or not name[:1].isalnum() and not name.startswith("("):
            continue  # sub-headings and lines cut by the scrape
        # Some names are wrapped whole in parentheses; a plain strip("()") would also eat the ")" of "X (DMT)".
        sub = canonical(name[1:-1] if name.startswith("(") and name.endswith(")") else name, known)
        cls = rec["class"].strip()
        sched = rec["schedule"].strip()
        if cls in ("A", "B", "C"):
            rows.append(
                Row(
                    "UK", sub, rec["cas_number"], "Misuse of Drugs Act 1971", f"Class {cls}", "controlled",
                    f"{rel}:{line} (Misuse of Drugs Act 1971, Sch. 2)", CHECKED["uk"], secondary,
                )
            )
        if sched and sched.lower() != "n/a":
            rows.append(
                Row(
                    "UK", sub, rec["cas_number"], "Misuse of Drugs Regulations 2001", sched, "controlled",
                    f"{rel}:{line} (Misuse of Drugs Regulations 2001, Schedule {sched})", CHECKED["uk"],
                    secondary + ("" if cls else "; class missing in this copy"),
                )
            )
    return rows


_UK_WIKI = "legal/uk-misuse-of-drugs/wikipedia_Misuse_of_Drugs_Act_1971.wikitext"
_MDA_SCHEDULE_2 = "Misuse of Drugs Act 1971 (c. 38) Sch. 2, legislation.gov.uk/ukpga/1971/38/schedule/2"


def _wiki_text(cell: str) -> str:
    """The visible text of a wikitext cell: link labels, no refs, templates or table attributes."""
    cell = re.sub(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>|\{\{[^{}]*\}\}", "", cell)
    cell = re.sub(r"^\s*[a-z]+=\"[^\"]*\"\s*\|", "", cell)
    return re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", cell).strip()


def uk_wikipedia_classes(shared: Path, known: frozenset[str]) -> list[tuple[str, str, int]]:
    """(KB substance, MDA class, line) from the Wikipedia article's Class A/B/C tables and 'Class X includes' lines.

    Only KB substances are kept: the point is to find where the two shared UK sources disagree about a substance
    narcotrace can detect, not to rebuild the UK list from an encyclopedia.
    """
    lines = (shared / _UK_WIKI).read_text(encoding="utf-8").splitlines()
    out: list[tuple[str, str, int]] = []
    section = ""
    row_start = False
    for i, ln in enumerate(lines, 1):
        head = re.match(r"^===\s*Class ([ABC]) drugs\s*===", ln)
        if head:
            section = head.group(1)
            continue
        if ln.startswith("==") and not head:
            section = ""
        bullet = re.match(r"^\* Class ([ABC]) includes (.*)$", ln)
        if bullet:
            for target, label in re.findall(r"\[\[([^|\]]*)\|?([^\]]*)\]\]", bullet.group(2)):
                sub = canonical(label or target, set(known))
                if sub in known:
                    out.append((sub, bullet.group(1), i))
            continue
        if not section:
            continue
        if ln.startswith("|-"):
            row_start = True
            continue
        if row_start and ln.startswith("|") and not ln.startswith(("|}", "|+")):
            row_start = False
            sub = canonical(_wiki_text(ln[1:].split("||")[0]), set(known))
            if sub in known:
                out.append((sub, section, i))
    return out


def uk_disagreements(shared: Path, known: frozenset[str], rows: list[Row]) -> list[Row]:
    """Rows for every KB substance whose MDA class differs between the Home Office list and Wikipedia."""
    home_office: dict[str, set[str]] = {}
    for r in rows:
        if r.instrument == "Misuse of Drugs Act 1971":
            home_office.setdefault(r.substance, set()).add(r.schedule)
    out: list[Row] = []
    for sub, cls, line in uk_wikipedia_classes(shared, known):
        if f"Class {cls}" in home_office.get(sub, set()):
            continue
        theirs = ", ".join(sorted(home_office.get(sub, ()))) or "no entry"
        out.append(
            Row(
                "UK", sub, "", "Misuse of Drugs Act 1971", f"Class {cls}", "uncertain",
                f"{_UK_WIKI}:{line} (Wikipedia, not a legal source)", SEARCHED_ON,
                f"SOURCES DISAGREE: Wikipedia puts {sub} in Class {cls}; the Home Office list "
                f"(legal/uk-misuse-of-drugs/govuk_controlled_drugs_list.csv, scraped 2026-04-24) has {theirs}. "
                f"The statute ({_MDA_SCHEDULE_2}) is not in shared data, so the class could not be verified",
            )
        )
    return out


_N2O_ORDER = ("Misuse of Drugs Act 1971 (Amendment) Order 2023 (SI 2023/1079), legislation.gov.uk/uksi/2023/1079: "
              "nitrous oxide made a Class C drug from November 2023")


def uk_nitrous_oxide(shared: Path, rows: list[Row]) -> list[Row]:
    """Nitrous oxide moved from the Psychoactive Substances Act to MDA Class C in November 2023: does the list know?"""
    wiki = [i for i, ln in enumerate((shared / _UK_WIKI).read_text(encoding="utf-8").splitlines(), 1)
            if "|Nitrous oxide]]" in ln]
    wiki_at = f"{_UK_WIKI}:{wiki[0]} gives year added 2023" if wiki else f"{_UK_WIKI} has no Class C table row for it"
    out: list[Row] = []
    found = False
    for r in rows:
        if r.substance == "nitrous oxide" and r.instrument == "Misuse of Drugs Act 1971":
            found = found or r.schedule == "Class C"
            agree = "agrees with" if r.schedule == "Class C" else "DISAGREES with"
            r = replace(r, note=f"{r.note}; {agree} {_N2O_ORDER}; {wiki_at}")
        out.append(r)
    if not found:
        # The shared list predates (or missed) the 2023 Order: keep both facts, decide nothing.
        out.append(
            Row(
                "UK", "nitrous oxide", "", "Misuse of Drugs Act 1971", "Class C", "uncertain",
                f"{_N2O_ORDER} (cited by name; not in shared data)", SEARCHED_ON,
                "SOURCES DISAGREE: the Home Office list in shared data has no Class C entry for nitrous oxide, the "
                f"2023 Order made it Class C; {wiki_at}. The current status could not be verified from shared data",
            )
        )
    return out


# Psychoactive Substances Act 2016: a class rule, not a list. Cited by name (its text is not in shared data).
PSA_INSTRUMENT = "Psychoactive Substances Act 2016 (c. 2)"
PSA_SCHEDULE = "ss. 2-5"
PSA_SOURCE = ("legislation.gov.uk/ukpga/2016/2: s. 2 (meaning of psychoactive substance), s. 3 and Sch. 1 (exempted "
              "substances), ss. 4-5 (producing, supplying or offering to supply); cited by name, not in shared data")
PSA_RULE = (
    "CLASS RULE, not a list of substances: producing, supplying or offering to supply a psychoactive substance "
    "(s. 2: capable of producing a psychoactive effect) is an offence unless it is exempted (s. 3, Sch. 1: "
    "controlled drugs under the Misuse of Drugs Act 1971, medicinal products, alcohol, nicotine and tobacco, "
    "caffeine, food); possession for personal use outside custodial institutions is not an offence under this Act"
)
# No PSA row (no claim either way) for KB classes the Act's class rule cannot be read onto from the KB alone:
# precursors and equipment (the KB does not say they are psychoactive) and prescription drugs (Sch. 1 exempts
# medicinal products, and the KB cannot tell a licensed product from a counterfeit).
_NOT_PSYCHOACTIVE_CLASSES = ("precursor", "equipment", "prescription")


def uk_psa(kb: Known, rows: list[Row]) -> list[Row]:
    """Per-substance PSA rows: `uncertain` for each KB substance the UK tables do not show as MDA-controlled.

    The Home Office list is 'most commonly encountered', not the statute, and the MDA has generic definitions,
    so absence from it never proves a substance is not a controlled drug; hence uncertain, never controlled.
    """
    mda = {r.substance for r in rows if r.instrument == "Misuse of Drugs Act 1971" and r.status == "controlled"}
    out: list[Row] = []
    for sub in sorted(kb.names):
        if sub in mda or kb.cls.get(sub, "") in _NOT_PSYCHOACTIVE_CLASSES:
            continue
        out.append(
            Row(
                "UK", sub, "", PSA_INSTRUMENT, PSA_SCHEDULE, "uncertain", PSA_SOURCE, SEARCHED_ON,
                f"{PSA_RULE}. Applies to {sub} only if it is not an MDA 1971 controlled drug and not exempted: the "
                "shared UK list is secondary and not exhaustive (MDA generic definitions are not in it), so whether "
                "the PSA or the MDA applies could not be verified from the KB",
            )
        )
    return out


# --- Canada ------------------------------------------------------------------------------------------------------


def build_ca(shared: Path, known: set[str]) -> list[Row]:
    rows: list[Row] = []
    rel = "legal/canada-cdsa/cdsa_schedules_I-VI.csv"
    for line, rec in read_csv(shared / rel):
        text = rec["item_text"]
        if text.startswith("[Repealed"):
            continue
        roman = rec["schedule"].replace("SCHEDULE ", "")
        # "PART 1Class A Precursors1" -> "Part 1 (Class A Precursors)": XML headings run together, footnote digit
        m = re.match(r"PART (\d)(.*?)\d?$", rec["part_heading"])
        part = f", Part {m.group(1)} ({m.group(2).strip()})" if m else ""
        sub = canonical(text, known)
        rows.append(
            Row(
                "CA", sub, "", f"Controlled Drugs and Substances Act (S.C. 1996, c. 19), Schedule {roman}{part}",
                roman, "controlled", f"{rel}:{line} (CDSA Schedule {roman} item {rec['item_path']})", CHECKED["ca"],
                "official Justice Laws XML; a class item's scope is its class text, not only its examples",
            )
        )
    # Cannabis: the CDSA entry is repealed and the Cannabis Act governs (both facts recorded).
    rep = [ln for ln, r in read_csv(shared / rel) if r["item_text"].startswith("[Repealed, 2018, c. 16")]
    rows.append(
        Row(
            "CA", "cannabis", "", "Cannabis Act (S.C. 2018, c. 16)", "", "legal-regulated",
            f"{rel}:{rep[0] if rep else '?'} (CDSA Schedule II item 1 '[Repealed, 2018, c. 16, s. 204]'); "
            "Cannabis Act, S.C. 2018, c. 16 (cited by name; not in shared data)",
            CHECKED["ca"],
            "legal for adults under the Cannabis Act (possession, sale through authorized retailers); "
            "CDSA Schedule II item 1 was repealed by S.C. 2018, c. 16, s. 204",
        )
    )
    return rows


# --- Mexico ------------------------------------------------------------------------------------------------------


def build_mx(shared: Path, known: set[str]) -> list[Row]:
    rows: list[Row] = []
    d = shared / "legal" / "mexico-lgs"
    note = "PDF->markdown of the Cámara de Diputados text (not the DOF), reformas DOF 15-01-2026"
    for line, rec in read_csv(d / "lgs_art234_art245_entries.csv"):
        prov = rec["provision"]
        if prov.startswith("LGS art. 234"):
            instrument, schedule = "Ley General de Salud art. 234", "estupefaciente"
        else:
            m = re.match(r"LGS art\. 245 fr\. (\w+)", prov)
            if not m or m.group(1) in ("I", "III", "V"):
                continue  # flattened table blocks: cannot be split into substances safely (SOURCE.txt)
            instrument, schedule = f"Ley General de Salud art. 245 fr. {m.group(1)}", f"psicotrópico grupo {m.group(1)}"
        text = rec["entry_text"]
        if len(text) > 200:
            continue  # clause/note lines, not substances
        for piece in re.split(r"\.\s+(?=[0-9A-ZÁÉÍÓÚ-]{3,})", text):
            sub = canonical(piece, known)
            if not sub:
                continue
            rows.append(
                Row(
                    "MX", sub, "", instrument, schedule, "controlled",
                    f"legal/mexico-lgs/lgs_art234_art245_entries.csv:{line} ({instrument})", CHECKED["mx"], note,
                )
            )
    for line, rec in read_csv(d / "lfcpq_art4_precursors_entries.csv"):
        printed = rec["entry_text_as_printed"]
        added = re.search(r"Sustancia adicionada.*$", printed)
        text = re.sub(r"^[a-z]{1,2}\)\s*", "", printed[: added.start()] if added else printed).strip()
        if not text:
            continue
        cat = rec["category"].split(".")[0]
        rows.append(
            Row(
                "MX", canonical(text, known), "",
                "Ley Federal para el Control de Precursores Químicos art. 4", f"fr. {cat}", "controlled",
                f"legal/mexico-lgs/lfcpq_art4_precursors_entries.csv:{line} (LFCPQ art. 4 fr. {cat})", CHECKED["mx"],
                note + (f"; {added.group(0)}" if added else ""),
            )
        )
    return rows


# --- Germany and the Netherlands ---------------------------------------------------------------------------------


def eu_precursors(shared: Path, known: set[str], jurisdiction: str) -> list[Row]:
    """EU drug-precursor categories (Reg. (EC) 273/2004 Annex I), directly applicable in every EU member state."""
    rel = "legal/eu-precursors/eu_precursors_reg273_2004_111_2005.csv"
    rows: list[Row] = []
    for line, rec in read_csv(shared / rel):
        if rec["regulation"] != "273/2004":
            continue  # 111/2005 governs trade with non-EU countries; an offer inside the EU falls under 273/2004
        cat = rec["category"].strip()
        rows.append(
            Row(
                jurisdiction, canonical(rec["chemical_name"], known), rec["cas_number"].strip(),
                "Regulation (EC) No 273/2004 Annex I", f"Category {cat}", "controlled",
                f"{rel}:{line} (Reg. (EC) 273/2004 Annex I, Category {cat}; EU law, applies in {jurisdiction})",
                "2022-01-01",
                "scraped EUR-Lex consolidated version of 2022-01-01: later EU amendments are not reflected, so a "
                "precursor scheduled since (e.g. one the 1988 Convention added after 2021) has no row here",
            )
        )
    return rows


def build_de(shared: Path, known: set[str]) -> list[Row]:
    rows: list[Row] = []
    rel = "legal/germany-btmg/btmg_anlagen_I-III.csv"
    for line, rec in read_csv(shared / rel):
        names = [n for n in (rec["col1_INN"], rec["col2_other_names"]) if n and n.strip() not in ("-", "")]
        if not names:
            continue
        sub = ""
        for n in names:
            c = canonical(n, known)
            if c in ALIASES.values() or c in known:
                sub = c
                break
        sub = sub or canonical(names[0], known)
        anlage = rec["anlage"].replace("Anlage ", "")
        status, note = "controlled", "unofficial mirror; OUTDATED text (2021), later BtMÄndV changes missing"
        exc = rec["following_exception_or_note_text"].strip()
        if exc:
            note += f"; entry note: {exc[:160]}"
        if sub == "cannabis":
            status = "uncertain"
            note = (
                "SOURCES DISAGREE: the 2021 BtMG text lists cannabis here, but the Cannabisgesetz of 27 March 2024 "
                "(BGBl. 2024 I Nr. 109; Art. 1 Konsumcannabisgesetz KCanG, Art. 2 Medizinal-Cannabisgesetz MedCanG, "
                "in force 1 April 2024) took cannabis out of the BtMG, as legal/germany-btmg/SOURCE.txt also says; "
                "the KCanG text is not in shared data, so the current rules could not be verified"
            )
        rows.append(
            Row(
                "DE", sub, "", f"Betäubungsmittelgesetz (BtMG) Anlage {anlage}", anlage, status,
                f"{rel}:{line} (BtMG Anlage {anlage})", CHECKED["de"], note,
            )
        )
    # The newer law itself, so a decision cites it next to the outdated BtMG row (both uncertain).
    rows.append(
        Row(
            "DE", "cannabis", "", "Konsumcannabisgesetz (KCanG), Art. 1 Cannabisgesetz of 27 March 2024", "",
            "uncertain",
            "BGBl. 2024 I Nr. 109 (cited by name, not in shared data); legal/germany-btmg/SOURCE.txt:10 notes that "
            "the April 2024 Cannabisgesetz removed cannabis from the BtMG",
            SEARCHED_ON,
            "SOURCES DISAGREE: newer than the 2021 BtMG copy in shared data, which still lists cannabis; the KCanG "
            "text is not in shared data, so what it permits and forbids could not be verified",
        )
    )
    return rows + eu_precursors(shared, known, "DE")


def build_nl(shared: Path, known: set[str]) -> list[Row]:
    rows: list[Row] = []
    rel = "legal/netherlands-opiumwet/opiumwet_lijst_I_II.csv"
    for line, rec in read_csv(shared / rel):
        names = [n for n in (rec["INN"], rec["andere_benamingen"]) if n.strip()]
        if not names:
            continue
        sub = ""
        for n in names:
            for part in n.split(","):
                c = canonical(part, known)
                if c in ALIASES.values() or c in known:
                    sub = c
                    break
            if sub:
                break
        sub = sub or canonical(names[0], known)
        lijst = rec["lijst"].replace("Lijst ", "")
        rows.append(
            Row(
                "NL", sub, "", f"Opiumwet Lijst {lijst}", lijst, "controlled", f"{rel}:{line} (Opiumwet Lijst {lijst})",
                CHECKED["nl"], "unofficial mirror; OUTDATED text (2015): amendments of the Opiumwet lists after 2015 are not "
                "in shared data (a substance added later has no row here, so it reads as unknown, not legal)",
            )
        )
    return rows + eu_precursors(shared, known, "NL")


# --- Thailand ----------------------------------------------------------------------------------------------------


def build_th(shared: Path, known: set[str]) -> list[Row]:
    # No Thai list exists in shared/data: record only what we are asked about, and say it is not verified.
    return [
        Row(
            "TH", "cannabis", "", "Narcotics Code (Category 5 narcotics, Ministry of Public Health notifications)", "",
            "uncertain",
            "no Thai source in shared/data; news reports only: pattayamail.com 2022-02-08 (minister signs removal of "
            "cannabis and hemp from Category 5), thestar.com.my 2024-07-09 (committee agrees to relist)",
            SEARCHED_ON,
            "the 2022 delisting from Category 5 narcotics and the 2024-2025 re-regulation moves (Ministry of Public "
            "Health notifications) could not be verified from the shared sources; extracts above 0.2% THC were "
            "reported to stay controlled",
        )
    ]


# --- Class-level statuses ----------------------------------------------------------------------------------------


def build_classes(shared: Path) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    readme = shared / "china_controlled_substances" / "非药用类麻醉药品和精神药品管制品种增补目录.README.md"
    text = readme.read_text(encoding="utf-8")
    rel = "china_controlled_substances/非药用类麻醉药品和精神药品管制品种增补目录.README.md"

    def line_of(needle: str) -> int:
        for i, ln in enumerate(text.splitlines(), 1):
            if needle in ln:
                return i
        raise SystemExit(f"{rel}: expected heading containing {needle!r} not found")

    inst = "非药用类麻醉药品和精神药品管制品种增补目录"
    rows.append(
        ("CN", "fentanyl", inst, "supplementary (whole class)", "controlled",
         f"{rel}:{line_of('芬太尼类物质列入')} (芬太尼类物质 整类, 2019-05-01)", CHECKED["cn"],
         "generic definition by structure relative to fentanyl; in force 2019-05-01")
    )
    rows.append(
        ("CN", "nitazene", inst, "supplementary (whole class)", "controlled",
         f"{rel}:{line_of('尼秦类物质')} (尼秦类物质 整类, 2025-07-01)", CHECKED["cn"],
         "in force 2025-07-01 per this source (the brief said 2024: the 2024-07-01 listing added 46 substances "
         "incl. metonitazene and others individually; the whole-class listing is 2025)")
    )
    rows.append(("UK", "psychoactive", PSA_INSTRUMENT, PSA_SCHEDULE, "controlled", PSA_SOURCE, SEARCHED_ON,
                 PSA_RULE + "; per-substance applicability is in uk.tsv and is uncertain wherever the KB cannot "
                 "prove the substance is not a controlled drug under the Misuse of Drugs Act 1971"))
    cfr = shared / "legal" / "us-21cfr" / "cfr21_1308_schedules_I-V.csv"
    for line, rec in read_csv(cfr):
        if rec["entry_text"].startswith("(30) Fentanyl-related substances"):
            rows.append(
                ("US", "fentanyl", "21 CFR 1308.11(h)", "I", "controlled",
                 f"legal/us-21cfr/cfr21_1308_schedules_I-V.csv:{line} (21 CFR 1308.11(h)(30) fentanyl-related "
                 "substances, DEA code 9850)", CHECKED["us"],
                 "class listing in the temporary-scheduling paragraph (h) of the 2026-04-22 eCFR text")
            )
    can = shared / "legal" / "canada-cdsa" / "cdsa_schedules_I-VI.csv"
    for line, rec in read_csv(can):
        if rec["schedule"] == "SCHEDULE I" and rec["item_text"].startswith("Fentanyls, their salts"):
            rows.append(
                ("CA", "fentanyl", "Controlled Drugs and Substances Act (S.C. 1996, c. 19), Schedule I", "I",
                 "controlled", f"legal/canada-cdsa/cdsa_schedules_I-VI.csv:{line} (CDSA Schedule I item "
                 f"{rec['item_path']}: fentanyls, their salts, derivatives and analogues)", CHECKED["ca"],
                 "class item: scope is the class text")
            )
    return rows


BUILDERS = {
    "un": build_un, "us": build_us, "cn": build_cn, "uk": build_uk, "ca": build_ca,
    "mx": build_mx, "th": build_th, "de": build_de, "nl": build_nl,
}


def dedupe(rows: list[Row]) -> list[Row]:
    """One row per (jurisdiction, substance, instrument, schedule); the first source line wins."""
    seen: set[tuple[str, str, str, str]] = set()
    out: list[Row] = []
    for r in rows:
        key = (r.jurisdiction, r.substance, r.instrument, r.schedule)
        if key in seen or not r.substance:
            continue
        seen.add(key)
        out.append(r)
    return out


def fill_cas(tables: dict[str, list[Row]], kb_cas: dict[str, str]) -> dict[str, list[Row]]:
    """Give every row a CAS so tables join by CAS: the KB's, else one a source printed for that canonical name."""
    known: dict[str, str] = dict(kb_cas)
    for key in ("us", "un", "cn"):
        for r in tables.get(key, []):
            if r.cas and r.substance not in known:
                known[r.substance] = r.cas.split(",")[0].split(" ")[0]
    out: dict[str, list[Row]] = {}
    for key, rows in tables.items():
        out[key] = [
            r if r.cas else Row(**{**{c: getattr(r, c) for c in COLUMNS}, "cas": known.get(r.substance, "")})
            for r in rows
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "narcotrace" / "kb" / "legal" / "data")
    args = ap.parse_args(argv)
    if not (args.shared / "legal" / "INDEX.md").is_file():
        print(f"error: {args.shared}/legal/INDEX.md not found (need ../shared/data)", file=sys.stderr)
        return 2
    kb = load_known(ROOT)
    known = set(kb.names)
    tables = {key: dedupe(fn(args.shared, known)) for key, fn in BUILDERS.items()}
    uk = uk_nitrous_oxide(args.shared, tables["uk"])
    uk += uk_disagreements(args.shared, kb.names, uk)
    tables["uk"] = dedupe(uk + uk_psa(kb, uk))
    tables = fill_cas(tables, kb.cas)
    for key, rows in tables.items():
        rows.sort(key=lambda r: (r.substance, r.instrument, r.schedule))
        write_tsv(args.out / f"{key}.tsv", COLUMNS, [cells(r) for r in rows])
        print(f"{key.upper():3} {len(rows):5} statuses -> {args.out / (key + '.tsv')}")
    classes = build_classes(args.shared)
    write_tsv(args.out / "classes.tsv", CLASS_COLUMNS, classes)
    print(f"classes {len(classes)} -> {args.out / 'classes.tsv'}")
    try:
        load_table(args.out)  # read back with the package's loader: what it rejects must never be committed
    except KnowledgeBaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

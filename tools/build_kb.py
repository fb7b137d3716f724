#!/usr/bin/env python3
"""Build narcotrace's knowledge-base data files from ../shared/data plus the hand-curated files in tools/kb/.

Usage: python tools/build_kb.py [--shared DIR] [--out DIR] [--check]

Writes src/narcotrace/kb/data/{substances.tsv, terms.tsv, emoji_signals.tsv, common_words.txt}. The output is
deterministic (sorted, no timestamps) so that a test can rebuild it and compare byte for byte. Needs the optional
extra "kb-build" (opencc-python-reimplemented for traditional Chinese, wordfreq for the common-word list); the
runtime never imports either.

Every term records where it comes from: a path under shared/data (checked here: a hand-added term whose source is
such a path must occur in that file) or a citation of public material.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import math
import csv
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HAND = REPO / "tools" / "kb"
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "narcotrace" / "kb" / "data"

sys.path.insert(0, str(REPO / "src"))
from narcotrace.kb._schema import (  # noqa: E402
    CLASSES,
    COMMON_WORDS_HEADER,
    EMOJI_COLUMNS,
    SUBSTANCE_COLUMNS,
    TERM_COLUMNS,
    cas_ok,
    collides,
    fold,
)

# wordfreq: a word is "common" when its Zipf frequency reaches the threshold in one of these languages. 3.0 is about
# the 30,000 most frequent words, 3.5 about 15,000: "ice", "beans", "roxy" (3.2) are in, "fentanyl" (2.9) is not.
# English and Spanish, where nearly all the street slang comes from, get the stricter (larger) list.
COMMON_ZIPF = {"en": 3.0, "es": 3.0, "pt": 3.5, "fr": 3.5, "de": 3.5, "nl": 3.5}
# RedMed misspellings shorter than this are mostly other words or other drugs ("mda" for mdma).
# Slang that is one of the ~1,000 most frequent English words ("good", "more", "white", "day") or a single letter
# ("x", "e") is said thousands of times for every time it means a drug: as evidence it is noise even next to sale
# intent, so the build leaves it out. "ice" (Zipf 5.00) stays; multi-word terms ("china white") are kept.
NOISE_ZIPF = 5.02
MIN_MISSPELLING = 5
# RedMed medicines outside the controlled lists: their other names that are English words at this Zipf or above
# (about the 60,000 most frequent) count only next to sale intent. Brand names sit below 3.0 because few people write
# them ("prozac" 2.7, "zoloft" 2.5); mined ordinary words sit there too ("vermin" 3.0, "sojourn" 2.8).
MEDICINE_WORD_ZIPF = 2.5
MIN_TERM = 3

PRC_FILES = (
    "麻醉药品目录_table1.csv",
    "第一类精神药品目录_table1.csv",
    "第二类精神药品目录_table1.csv",
    *(f"非药用类麻醉药品和精神药品管制品种增补目录_table{i}.csv" for i in range(1, 8)),
)
# PRC rows whose common name is not the canonical name we use.
PRC_CANONICAL = {
    "carfentanyl carfentanil": "carfentanil",
    "4-fibf": "4-fluoroisobutyrylfentanyl",
    "thf-f": "tetrahydrofuranylfentanyl",
    "etazene": "etodesnitazene",
}
UN_PRECURSOR_CANONICAL = {
    "4-anilino-n-phenethylpiperidine": "4-anpp",
    "n-phenethyl-4-piperidone": "npp",
    "4-anilinopiperidine": "4-ap",
    "tert-butyl 4-(phenylamino)piperidine-1-carboxylate": "1-boc-4-ap",
    "1-boc-4-piperidone": "1-boc-4-piperidone",
    "p-2-p methyl glycidic acid and its esters": "p-2-p methyl glycidic acid",
    "3,4-mdp-2-p methyl glycidic acid and its esters": "3,4-mdp-2-p methyl glycidic acid",
}
# Substrings (Chinese name, or folded English common name) that mark a fentanyl analogue or a nitazene in the PRC lists.
ANALOGUE_MARKERS = ("太尼", "尼秦", "尼他秦", "fentanyl", "nitazen", "nitazepyne", "etazene")
MAX_ZH_NAME = 16
FENTANYL_PRECURSORS = {"npp", "4-anpp", "4-ap", "1-boc-4-ap", "norfentanyl", "4-piperidone", "1-boc-4-piperidone"}


@dataclass
class Sub:
    name: str
    cls: str
    severity: str
    cas: dict[str, set[str]] = field(default_factory=dict)  # CAS number -> files that give it
    sources: set[str] = field(default_factory=set)
    note: str = ""
    bad_cas: dict[str, set[str]] = field(default_factory=dict)  # numbers that fail the check digit -> files

    def add_cas(self, number: str, source: str) -> bool:
        """Record a CAS number; one with a wrong check digit is kept only in the note, as a known source defect."""
        if cas_ok(number):
            self.cas.setdefault(number, set()).add(source)
            return True
        self.bad_cas.setdefault(number, set()).add(source)
        return False


@dataclass
class TermRow:
    text: str
    substance: str
    kind: str
    lang: str
    context_only: str  # "", "0" or "1"; "" = decide by collision
    sources: list[str]
    notes: list[str]


class Builder:
    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self.subs: dict[str, Sub] = {}
        self.alias: dict[str, str] = {}  # folded source name -> canonical
        self.terms: dict[tuple[str, str], TermRow] = {}
        self.problems: list[str] = []
        self._file_text: dict[str, str] = {}
        self.excluded = {(fold(r["term"]), r["substance"]) for r in read_hand_tsv(HAND / "exclude.tsv")}
        self.hand_aliases: set[str] = set()
        self.dropped_noise = 0
        self.redmed_medicines: set[str] = set()  # substances add_redmed_medicine created
        self.rare_words: set[str] = set()  # English words at MEDICINE_WORD_ZIPF or above (set by build())
        # Hand terms forced to context_only 0: words whose only common sense is the drug ("kush", "thc").
        self.hand_strong = {fold(r["term"]) for r in read_hand_tsv(HAND / "terms.tsv") if r["context_only"] == "0"}

    # ---------- helpers ----------
    def rel(self, path: Path) -> str:
        return path.relative_to(self.shared).as_posix()

    def read_csv(self, rel: str, delimiter: str = ",") -> Iterator[dict[str, str]]:
        with (self.shared / rel).open(encoding="utf-8", newline="") as fh:
            yield from csv.DictReader(fh, delimiter=delimiter)

    def file_text(self, rel: str) -> str:
        if rel not in self._file_text:
            self._file_text[rel] = fold((self.shared / rel).read_text(encoding="utf-8"))
        return self._file_text[rel]

    def add_sub(self, name: str, cls: str, severity: str, source: str, note: str = "") -> Sub:
        if name not in self.subs:
            self.subs[name] = Sub(name, cls, severity or CLASSES[cls], note=note)
        self.subs[name].sources.add(source)
        self.alias.setdefault(fold(name), name)
        return self.subs[name]

    def lookup(self, source_name: str) -> str | None:
        return self.alias.get(fold(source_name.replace("_", " ")))

    def add_term(
        self,
        text: str,
        substance: str,
        kind: str,
        lang: str,
        source: str,
        note: str = "",
        context_only: str = "",
    ) -> None:
        text = " ".join(text.replace("®", "").split())
        if not text or substance not in self.subs or (fold(text), substance) in self.excluded:
            return
        key = (fold(text), substance)
        row = self.terms.get(key)
        if row is None:
            self.terms[key] = TermRow(text, substance, kind, lang, context_only, [source], [note] if note else [])
            return
        # The first source to add a term wins its spelling, kind and language; later ones only add provenance.
        if lang not in (row.lang, "und", "en") and f"also {lang}" not in row.notes:
            row.notes.append(f"also {lang}")
        if source not in row.sources:
            row.sources.append(source)
        if note and note not in row.notes:
            row.notes.append(note)
        if context_only and not row.context_only:
            row.context_only = context_only

    # ---------- sources ----------
    def load_hand_substances(self) -> None:
        for rec in read_hand_tsv(HAND / "substances.tsv"):
            sub = self.add_sub(rec["canonical"], rec["class"], rec["severity"], rec["source"], rec["note"])
            for alias in filter(None, rec["aliases"].split("|")):
                self.alias[fold(alias.replace("_", " "))] = sub.name
                self.hand_aliases.add(fold(alias.replace("_", " ")))
            if rec["note"] and not sub.note:
                sub.note = rec["note"]

    def add_dea_substance(self, name: str, schedule: str, rel: str) -> str | None:
        """A controlled substance of the DEA list that no other source named (zopiclone, lisdexamfetamine,
        nitrazepam, JWH-398): sellers list these by name. Fentanyl analogues and nitazenes are left to the PRC
        list, whose names the KB already uses, so that one analogue is not two substances."""
        clean = " ".join(name.split())
        low = clean.lower()
        if (
            not clean
            or len(clean) > 30
            or (clean.isalpha() and len(clean) <= 4)  # "SPA": an ordinary word first
            or any(c in clean for c in ",/;:")
            or clean.endswith("-")
            or "fentan" in low
            or "nitazene" in low
            or any(w in low for w in ("preparation", "bulk", "granulated", "mixture", "salt", "isomer", "ester"))
        ):
            return None
        cls = "benzodiazepine" if re.search(r"(azepam|azolam|zolam|azepate)$", low) else "other"
        self.add_sub(low, cls, "", rel, f"DEA schedule {schedule}")
        return low

    def load_prc(self) -> None:
        """PRC control lists: Chinese names and CAS numbers; every fentanyl analogue and nitazene becomes a substance."""
        base = "china_controlled_substances"
        for fname in PRC_FILES:
            rel = f"{base}/{fname}"
            for row in self.read_csv(rel):
                zh = row["中文名"].strip().rstrip("*").strip()
                en = " ".join(row["英文名"].split())
                note = " ".join(row["备注"].split())
                cas = [c for c in row["CAS号"].split() if re.match(r"^\d+-\d+-\d$", c)]
                canonical = self.prc_canonical(zh, en, note)
                if canonical is None:
                    continue
                if canonical not in self.subs:
                    cls = "fentanyl" if ("太尼" in zh or "fentan" in canonical) else "nitazene"
                    self.add_sub(canonical, cls, "", rel)
                sub = self.subs[canonical]
                sub.sources.add(rel)
                cas = [c for c in cas if sub.add_cas(c, rel)]
                if len(zh) <= MAX_ZH_NAME:  # longer ones are systematic chemical names, not what sellers write
                    self.add_term(zh, canonical, "name", "zh-Hans", rel, "PRC control list name")
                for name in {en, note} - {""}:
                    if len(name) <= 40 and fold(name) != fold(canonical):
                        self.add_term(name, canonical, "synonym", "en", rel)
                for c in cas:
                    self.add_term(c, canonical, "cas", "und", rel)

    def prc_canonical(self, zh: str, en: str, note: str) -> str | None:
        for name in (note, en):
            if not name:
                continue
            if fold(name) in PRC_CANONICAL:
                return PRC_CANONICAL[fold(name)]
            hit = self.lookup(name)
            if hit:
                return hit
        markers = f"{zh} {fold(note)} {fold(en) if len(en) <= 40 else ''}"
        if not any(m in markers for m in ANALOGUE_MARKERS):
            return None
        common = note if note and len(note) <= 40 else en
        return PRC_CANONICAL.get(fold(common), fold(common))

    def load_un_precursors(self) -> None:
        rel = "legal/un-precursors-le-osint/precursors_1988_tables.csv"
        for row in self.read_csv(rel):
            if row["table_I_II_or_S(not_controlled)"].strip() != "I":
                continue  # Table II is mostly solvents and acids (acetone, toluene): far too common to signal sales
            name = row["name"].strip()
            canonical = UN_PRECURSOR_CANONICAL.get(fold(name)) or self.lookup(name) or fold(name)
            sev = "critical" if canonical in FENTANYL_PRECURSORS else ""
            sub = self.add_sub(canonical, "precursor", sev, rel)
            cas = row["cas"].strip()
            if cas and sub.add_cas(cas, rel):
                self.add_term(cas, canonical, "cas", "und", rel)
            if fold(name) != canonical:
                self.add_term(name, canonical, "synonym", "en", rel)
            for other in row["other_names"].split(";"):
                other = re.sub(r"\(.*?\)", "", other).strip()
                if other and "salts" not in other and len(other) <= 60:
                    self.add_term(other, canonical, "synonym", "en", rel)

    def load_incb_cas(self) -> None:
        rel = "legal/un-incb/incb_yellow_list_entries.csv"
        for row in self.read_csv(rel):
            name = row["name_parsed_by_origin_repo"].strip()
            cas = row["cas_number_as_printed"].strip()
            hit = self.lookup(name) if name else None
            if hit and cas and self.subs[hit].add_cas(cas, rel):
                self.subs[hit].sources.add(rel)
                self.add_term(cas, hit, "cas", "und", rel)

    def load_hand_terms(self) -> None:
        for rec in read_hand_tsv(HAND / "terms.tsv"):
            if rec["substance"] not in self.subs:
                self.problems.append(f"tools/kb/terms.tsv: unknown substance {rec['substance']!r}")
                continue
            source = rec["source"]
            path = source.split("#", 1)[0]
            if (self.shared / path).is_file():
                if fold(rec["term"]) not in self.file_text(path):
                    self.problems.append(f"tools/kb/terms.tsv: {rec['term']!r} does not occur in {path}")
                    continue
            if rec["kind"] == "cas" and not self.subs[rec["substance"]].add_cas(rec["term"], path):
                continue
            self.add_term(
                rec["term"], rec["substance"], rec["kind"], rec["lang"], source, rec["note"], rec["context_only"]
            )

    def load_us_steroids(self) -> None:
        """21 CFR 1308.13(f), Schedule III anabolic steroids (DEA code 4000), each named individually: the plain names
        (testosterone, boldenone, trenbolone), as names of the substance `anabolic steroids`. Systematic chemical names are left out: sellers do not write them. Loaded
        before the DEA lists, so that "testosterone" is a name (it is a frequent word because people talk about
        the hormone, not because it has another sense) and not a context-only synonym."""
        rel = "legal/us-21cfr/ecfr_1308_13.xml"
        if "anabolic steroids" not in self.subs:
            self.problems.append("tools/kb/substances.tsv: substance 'anabolic steroids' missing")
            return
        text = re.sub(r"<[^>]+>", "", self.file_text(rel))
        start = text.find("(f) anabolic steroids")
        end = text.find("(g) hallucinogenic", start)
        if start < 0 or end < 0:
            self.problems.append(f"{rel}: paragraph (f) Anabolic steroids not found")
            return
        self.subs["anabolic steroids"].sources.add(rel)
        for line in text[start:end].splitlines():
            m = re.match(r"\s*\(\d+\)\s+(.+)", line)
            name = m.group(1).split(" (", 1)[0].strip() if m else ""
            if re.fullmatch(r"(?:\d+-)?[a-z]{6,}", name):
                self.add_term(name, "anabolic steroids", "name", "en", rel, "21 CFR 1308.13(f) Schedule III")

    def load_dope(self) -> None:
        base = "dope_dea_lexicons"
        rel = f"{base}/dea_street_names.csv"
        for row in self.read_csv(rel):
            hit = self.lookup(row["category"])
            if not hit:
                continue
            self.subs[hit].sources.add(rel)
            if row["brand"]:
                self.add_term(row["brand"], hit, "brand", "en", rel)
            slang = re.sub(r"\s*\(.*?\)", "", row["slang"]).strip()
            self.add_term(slang, hit, "slang", "en", rel, "DEA 2018 slang terms and code words")
        rel = f"{base}/dea_brands.csv"
        for row in self.read_csv(rel):
            hit = self.lookup(row["category"])
            if not hit:
                continue
            for brand in row["brands"].split("®"):
                if brand.strip() and brand.strip() not in {"SR"}:  # "SR" is a release form, not a brand
                    self.add_term(brand, hit, "brand", "en", rel)
        rel = f"{base}/dea_controlled.csv"
        rows = list(self.read_csv(rel))
        # One DEA drug code is one controlled entry: code 4000 is "Anabolic steroids" and covers every steroid
        # row (Testosterone, Nandrolone, Boldenone...), so a row whose own name is unknown takes its code's substance.
        by_code: dict[str, str] = {}
        for row in rows:
            names = [re.sub(r"\s*\(.*?\)\s*$", "", row["substance"]).strip(), row["synonym"].strip()]
            hit = next((h for h in map(self.lookup, names) if h), None)
            if hit and row["number"]:
                by_code.setdefault(row["number"], hit)
        for row in rows:
            name = re.sub(r"\s*\(.*?\)\s*$", "", row["substance"]).strip()
            known = self.lookup(name) or self.lookup(row["synonym"])
            if row["number"] and row["number"] not in by_code and not known:
                new = self.add_dea_substance(name, row["schedule"], rel)
                # A systematic name is too long to be a name ("(1-(4-Fluorobenzyl)-1H-indol-3-yl)(...)methanone"); the
                # row's synonym is then the code sellers use (FUB-144, 5F-ADB, AKB48), when it is one word.
                if not new and row["synonym"].strip() and " " not in row["synonym"].strip():
                    new = self.add_dea_substance(row["synonym"], row["schedule"], rel)
                if new:
                    by_code[row["number"]] = new
        for row in rows:
            names = [re.sub(r"\s*\(.*?\)\s*$", "", row["substance"]).strip(), row["synonym"].strip()]
            hit = next((h for h in map(self.lookup, names) if h), None) or by_code.get(row["number"])
            if not hit:
                continue
            self.subs[hit].sources.add(rel)
            for name in names:
                if name and len(name) <= 40:
                    self.add_term(name, hit, "synonym", "en", rel, f"DEA schedule {row['schedule']}")
        stop = {fold(r["drug_stop_words"]) for r in self.read_csv(f"{base}/drug_stop_words.csv")}
        rel = f"{base}/lookup_df.csv"
        for row in self.read_csv(rel):
            hit = self.lookup(row["category"])
            term = re.sub(r"\s*\(.*?\)", "", row["synonym"]).strip()  # "(mixed with heroin)" is a gloss
            if not hit or fold(term) in stop or len(term) < MIN_TERM:
                continue
            self.add_term(term, hit, "slang", "en", rel)

    def load_redmed(self, common: set[str]) -> None:
        rel = "drug_name_lexicons/redmed_drug_lexicon.tsv"
        rows = [r for r in self.read_csv(rel, delimiter="\t")]
        # A misspelling that is the name of another RedMed drug is a different drug, not a typo.
        other_names: dict[str, set[str]] = {}
        for r in rows:
            for t in split_list(r["known"]) + [r["drug"].replace("_", " ")]:
                other_names.setdefault(fold(t), set()).add(r["drug"])
        # A RedMed drug that the KB already has as a name of a controlled substance is that substance
        # (drostanolone, oxandrolone and boldenone are names of `anabolic steroids`, not medicines of their own).
        named: dict[str, str] = {}
        for (folded, sub), row in sorted(self.terms.items()):
            if row.kind in ("name", "synonym", "brand") and row.context_only != "1":
                named.setdefault(folded, sub)
        for r in rows:
            drug = fold(r["drug"].replace("_", " "))
            hit = self.lookup(r["drug"]) or named.get(drug) or self.add_redmed_medicine(r, rel, common)
            if not hit:
                continue
            self.subs[hit].sources.add(rel)
            for t in split_list(r["known"]):
                if "_" in t or len(t) < MIN_TERM:
                    continue  # phrases ("started_taking_xanax") are sentences mined from Reddit, not names
                if hit in self.redmed_medicines and len(t) < MIN_MISSPELLING:
                    continue  # a medicine's acronyms ("tpa", "esf") are mostly other things
                if fold(t) in common:
                    continue
                self.add_term(t, hit, "synonym", "en", rel, context_only=self.medicine_ctx(hit, t))
            for col in ("misspellingPhon", "edOne"):
                for t in split_list(r[col]):
                    if "_" in t or len(t) < MIN_MISSPELLING or fold(t) in common:
                        continue
                    if other_names.get(fold(t), {r["drug"]}) - {r["drug"]}:
                        continue
                    self.add_term(t, hit, "misspelling", "en", rel, context_only=self.medicine_ctx(hit, t))
            for t in split_list(r["pillMark"]):
                if hit in self.redmed_medicines:
                    break  # imprints of thousands of medicines would flag pill photos of any prescription
                if "_" in t or not any(c.isdigit() for c in t) or not any(c.isalpha() for c in t):
                    continue
                self.add_term(t.upper(), hit, "imprint", "en", rel, "pill imprint (RedMed)")

    def add_redmed_medicine(self, r: dict[str, str], rel: str, common: set[str]) -> str | None:
        """A RedMed medicine (RedMed's drugs are DrugBank's approved drugs) that no controlled list names: sold
        online without prescription (Prozac, Kamagra, tamoxifen, anastrozole), it is a low-severity `prescription`
        substance. RedMed does not say which medicines need a prescription, hence low, not the class default.
        Left out: a medicine whose name is or starts with an ordinary word (caffeine, "green tea", "insulin
        human"), a name that is an English word (Zipf >= MEDICINE_WORD_ZIPF: ibuprofen, apricot), a name that
        another KB substance already carries (the row is that substance), names with digits or commas (research
        codes, "factor, human")."""
        name = r["drug"].replace("_", " ").strip().lower()
        known = [t for t in split_list(r["known"]) if "_" not in t]
        if (
            len(name) < MIN_MISSPELLING
            or len(name) > 30
            or not re.fullmatch(r"[a-z][a-z -]*", name)
            # Foods, allergen extracts and vitamins are DrugBank entries too ("green tea", "fish oil", "vitamin c"):
            # a name whose first word is an ordinary word, or made only of such words, is not a medicine's name.
            or re.split(r"[ -]", fold(name))[0] in common
            # DrugBank also lists foods as allergen extracts ("apricot", "haddock"): an English word is no medicine
            # name, even a rare one; true INN names are rarer still (tamoxifen 2.4, fluoxetine 2.3).
            or fold(name) in self.rare_words
            or collides(name, "synonym", common)
            or any(self.lookup(t) for t in known)
        ):
            return None
        self.add_sub(name, "prescription", "low", rel, "RedMed medicine outside the controlled lists")
        self.add_term(name, name, "name", "en", rel, "RedMed (DrugBank) drug name")
        self.redmed_medicines.add(name)
        return name

    def medicine_ctx(self, substance: str, term: str) -> str:
        """RedMed's other names of a medicine are mined from Reddit and carry fragments and ordinary words
        ("rtist" for cefdinir, "tation", "vermin" for verapamil, "argen"): for the bulk-added medicines every name but
        the INN counts only next to sale intent (a listing title is sale intent, so "Prozac 20mg" still counts)."""
        return "1" if substance in self.redmed_medicines and fold(term) != substance else ""

    def load_gpt3_labels(self, common: set[str]) -> None:
        """Human-labelled (not machine-generated) fentanyl/alprazolam synonyms from the gpt3-lexicon study."""
        rel = "drug_name_lexicons/gpt3_manual_label_lexicon.tsv"
        for row in self.read_csv(rel, delimiter="\t"):
            hit = self.lookup(row["index term"])
            if not hit:
                continue
            for t in re.findall(r"'([^']+)'", row["specific synonyms"]):
                t = t.replace("_", " ")
                if len(t) < MIN_MISSPELLING or fold(t) in common or len(t.split()) > 3:
                    continue
                self.add_term(t, hit, "synonym", "en", rel, "human-labelled synonym (gpt3-lexicon, no licence)")

    def load_jargon(self) -> None:
        """Chinese darknet jargon: the list gives no meanings, so only terms that already name a KB substance count."""
        rel = "chinese_darknet_jargon/毒品(Drug).txt"
        index: dict[str, list[TermRow]] = {}
        for row in self.terms.values():
            index.setdefault(fold(row.text), []).append(row)
        for line in (self.shared / rel).read_text(encoding="utf-8").splitlines():
            for row in index.get(fold(line.strip()), []):
                if rel not in row.sources:
                    row.sources.append(rel)

    def add_traditional(self) -> None:
        from opencc import OpenCC  # build-time only (extra "kb-build")

        s2t = OpenCC("s2t")
        for row in list(self.terms.values()):
            if row.lang != "zh-Hans":
                continue
            trad = s2t.convert(row.text)
            if trad == row.text:
                row.lang = "zh"  # identical in both scripts
                continue
            self.add_term(trad, row.substance, row.kind, "zh-Hant", row.sources[0], "traditional form (OpenCC s2t)")

    # ---------- output ----------
    def drug_names(self, hand_context: set[str]) -> set[str]:
        """Folded words that ARE drug names, however frequent ("heroin", "marijuana", "xanax"): canonical names,
        the hand aliases of substances.tsv, name/brand/CAS terms, and hand terms forced to context_only 0.
        A word is frequent in a corpus because people talk about the drug; it collides only when it also has
        an ordinary meaning, which the hand context list (context_words.txt) records ("crack", "mushrooms")."""
        names = {fold(s) for s in self.subs} | set(self.hand_aliases) | set(self.hand_strong)
        names |= {k for (k, _), r in self.terms.items() if r.kind in ("name", "brand", "cas")}
        return names - hand_context

    def finish(self, common: set[str], hand_context: set[str], noise: set[str] | None = None) -> None:
        names = self.drug_names(hand_context)
        words = (common | hand_context) - names
        for key, row in list(self.terms.items()):
            folded = key[0]
            if row.kind in ("slang", "synonym") and folded not in names and (
                folded in (noise or set()) or (len(folded) == 1 and folded.isascii())
            ):
                del self.terms[key]
                self.dropped_noise += 1
        for row in self.terms.values():
            if not row.context_only:
                # A drug's own name ("2C-B") is not an ordinary word, however short its parts.
                named = fold(row.text) in self.subs
                row.context_only = "0" if named else ("1" if collides(row.text, row.kind, words) else "0")


def substance_note(s: Sub) -> str:
    """The hand note, plus which file gives which CAS number when the sources disagree."""
    parts = [s.note] if s.note else []
    if len(s.cas) > 1:
        per = "; ".join(f"{c} per {', '.join(sorted(src))}" for c, src in sorted(s.cas.items()))
        parts.append(f"[CAS DISAGREE or several forms] {per}")
    for c, src in sorted(s.bad_cas.items()):
        parts.append(f"CAS {c} given by {', '.join(sorted(src))} fails its check digit: left out")
    return " | ".join(parts).replace("\t", " ")


def split_list(cell: str) -> list[str]:
    return [t.strip() for t in cell.split(",") if t.strip() and t.strip() != "-"]


def read_hand_tsv(path: Path) -> Iterator[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        yield dict(zip(header, cells, strict=True))


def common_words() -> tuple[set[str], list[str]]:
    import wordfreq  # build-time only (extra "kb-build")

    words: set[str] = set()
    for lang, zipf in COMMON_ZIPF.items():
        # Same rounding as wordfreq.zipf_frequency, without its per-call tokenizer (100x faster).
        for w, freq in wordfreq.get_frequency_dict(lang).items():
            if round(math.log10(freq) + 9, 2) >= zipf and (w.isalpha() or "'" in w):
                words.add(fold(w))
    header = COMMON_WORDS_HEADER.format(
        version=importlib.metadata.version("wordfreq"),
        zipf=", ".join(f"{lang} >= {z}" for lang, z in COMMON_ZIPF.items()),
    )
    return words, [header]


def noise_words(zipf: float = NOISE_ZIPF) -> set[str]:
    """English words at or above `zipf` (default NOISE_ZIPF: too frequent to be evidence of a drug as single-word
    slang)."""
    import wordfreq  # build-time only (extra "kb-build")

    out: set[str] = set()
    for w, freq in wordfreq.get_frequency_dict("en").items():
        if round(math.log10(freq) + 9, 2) >= zipf and w.isalpha():
            out.add(fold(w))
    return out


def tsv(rows: Iterable[Iterable[str]]) -> str:
    return "".join("\t".join(r) + "\n" for r in rows)


def build(shared: Path) -> tuple[dict[str, str], list[str]]:
    """Return {file name: content} for the data folder, and the problems found."""
    common, header = common_words()
    hand_context = {
        fold(w) for w in (HAND / "context_words.txt").read_text(encoding="utf-8").splitlines() if w and w[0] != "#"
    }
    b = Builder(shared)
    b.rare_words = noise_words(MEDICINE_WORD_ZIPF)
    b.load_hand_substances()
    b.load_prc()
    b.load_un_precursors()
    b.load_incb_cas()
    b.load_hand_terms()
    b.load_us_steroids()
    b.load_dope()
    b.load_redmed(common)
    b.load_gpt3_labels(common)
    b.add_traditional()
    b.load_jargon()
    b.finish(common, hand_context, noise_words())
    # Canonical names and the names used as names are drug words even when frequent ("cocaine"): keep them out of
    # the collision list so that the validator does not ask for context on them.
    names = b.drug_names(hand_context)
    common_out = sorted((common | hand_context) - names)

    subs_rows = [SUBSTANCE_COLUMNS] + [
        (s.name, s.cls, s.severity, "|".join(sorted(s.cas)), "|".join(sorted(s.sources)), substance_note(s))
        for s in sorted(b.subs.values(), key=lambda s: s.name)
    ]
    term_rows = [TERM_COLUMNS] + sorted(
        (r.text, r.substance, r.kind, r.lang, r.context_only, "|".join(r.sources), "; ".join(r.notes))
        for r in b.terms.values()
    )
    emoji = list(read_hand_tsv(HAND / "emoji_signals.tsv"))
    emoji_rows = [EMOJI_COLUMNS] + sorted(tuple(e[c] for c in EMOJI_COLUMNS) for e in emoji)
    files = {
        "substances.tsv": tsv(subs_rows),
        "terms.tsv": tsv(term_rows),
        "emoji_signals.tsv": tsv(emoji_rows),
        "common_words.txt": "".join(line + "\n" for line in header) + "".join(w + "\n" for w in common_out),
    }
    return files, b.problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = ap.parse_args(argv)
    if not args.shared.is_dir():
        print(f"shared data not found at {args.shared}", file=sys.stderr)
        return 2
    files, problems = build(args.shared)
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    if problems:
        return 1
    differ = []
    for name, content in files.items():
        path = args.out / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != content:
                differ.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
    if differ:
        print("differs from the committed data: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

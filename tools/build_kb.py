#!/usr/bin/env python3
"""Build narcotrace's knowledge-base data files from ../shared/data plus the hand-curated files in tools/kb/.

Usage: python tools/build_kb.py [--shared DIR] [--out DIR] [--check]

Writes src/narcotrace/kb/data/{substances.tsv, terms.tsv, emoji_signals.tsv, common_words.txt, foreign_words.tsv}. The output is
deterministic (sorted, no timestamps) so that a test can rebuild it and compare byte for byte. Needs the optional
extra "kb-build" (opencc-python-reimplemented for traditional Chinese, wordfreq for the common-word list); the
runtime never imports either.

Every term records where it comes from: a path under shared/data (checked here: a hand-added term whose source is
such a path must occur in that file) or a citation of public material.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import importlib.metadata
import math
import re
import sys
import tempfile
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
    FOREIGN_WORDS_FILE,
    SUBSTANCE_COLUMNS,
    TERM_COLUMNS,
    cas_ok,
    collides,
    fold,
    strip_latin_marks,
)
from narcotrace.kb._validate import validate_kb  # noqa: E402

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
# Street slang that only the long-tail lexicons list (DOPE's DEA slang report and lookup table, RedMed) and that is an
# English word at this Zipf or above is far more often the word than the drug: a person's name ("Roxanne", "Bernice"),
# a thing ("Popsicle", "Grout", "Tupperware", "carburetor"), a brand ("Maserati", "Kryptonite"). Such a term counts
# only next to another drug word, like the common words, and its word joins common_words.txt. Words whose first
# meaning is the drug itself are exempt (SLANG_DRUG_FIRST).
LONG_TAIL_SOURCES = ("dope_dea_lexicons/", "drug_name_lexicons/")
SLANG_WORD_ZIPF = 2.0
SLANG_DRUG_FIRST = frozenset({
    "sativa", "ganja", "reefer", "shrooms", "dabs", "toke", "doobie", "poppers", "ket", "uppers",
    # Zipf 2.0-2.5 (session 8): words whose first meaning is the drug or its use
    "spliff", "kief", "nug", "shabu", "norco", "speedball", "sherm", "shermans", "tweaker", "tweek", "xtc", "yayo",
    "bho", "badder", "sess", "chron", "dube", "muta", "vikes", "dro", "khat",
    # (session 12) also an everyday word of another language (Catalan "fent", doing; Hungarian "fent", up), but the
    # English word for fentanyl
    "fent",
})
MIN_TERM = 3
# Everyday words of the other languages narcotrace reads (wordfreq, Zipf >= FOREIGN_ZIPF: about the 10,000 most
# frequent of each), as written: a word that a mined English lexicon (RedMed's Reddit neighbours, the GPT-3 labels, the
# DEA's long-tail slang) attaches to a drug but that is one of these is far more often that word. Indonesian "dalam"
# (in) was a strong name of midazolam and "belum" (not yet) of cloxazolam, so "Jual baju murah, pengiriman dalam
# kota" (cheap clothes, delivery in town) was an offer at 0.996; Turkish "seni" (you) was DEA slang for mescaline
# and "beyaz" (white) a contraceptive, Italian "concerti" (concerts) methylphenidate. Mined terms that are such words
# are dropped; DEA slang that is one counts only next to another drug word (it joins common_words.txt). Words of
# the drug itself stay (SLANG_DRUG_FIRST: "ganja", "shabu").
FOREIGN_ZIPF = 4.0
FOREIGN_LANGS = ("it", "pl", "tr", "id", "ms", "fil", "ro", "cs", "sk", "sl", "sh", "hu", "fi", "sv", "da", "nb", "ca",
                 "lt", "lv")

# Languages whose most frequent words tell that a text is written in them (Latin script; wordfreq). A word of one
# of them at Zipf >= MARKER_ZIPF (about the 1,000 most frequent) and at least MARKER_MARGIN above its English
# frequency (30 times as frequent) is that language's word far more than an English one: Spanish "que", "hay",
# "dice"; French "et"; Romanian "pot" ("nu pot", I cannot). The detector reads an English ordinary-word slang term
# that is one of them as that language's word in a text holding other words of the language (foreign_words.tsv;
# signals.FOREIGN_MARKERS). "Dice que la cocaína..." showed "Dice" as DEA slang for cocaine, "Hay mota y perico"
# "Hay" as slang for cannabis: 2,678 of the 56,584 Spanish development tweets showed such a reading.
MARKER_LANGS = ("es", "pt", "fr", "de", "nl", *FOREIGN_LANGS)
MARKER_ZIPF = 5.0
MARKER_MARGIN = 1.5
# A word that tells the language must also be rare in English, below this Zipf (outside its 10,000 most frequent
# words): Swedish "min" and "till", German "hat" and "die", Dutch "door" are English words too, and "tar and crack,
# min order 2g, till sold out" is English.
MARKER_ENGLISH_ZIPF = 4.0
FOREIGN_WORDS_HEADER = (
    "# Everyday words of other languages: Zipf frequency >= {zipf} in the language and at least {margin} above the"
    " English one. Source: wordfreq {version} (https://github.com/rspeer/wordfreq); written as narcotrace normalizes"
    " text (tools/build_kb.py, MARKER_LANGS).\n"
    "# A slang term of another language that is one of a language's words is that word in a text holding two other"
    " words of the language marked 1 (below Zipf {english} in English; narcotrace.detect.signals, FOREIGN_MARKERS).\n"
)

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
# 21 CFR 1310.02(a) List I chemicals left out as everyday products: iodine (tincture, first aid, supplements) and
# benzaldehyde (almond flavouring); the law regulates their bulk trade, a shop's listing is no precursor sale.
US_LIST_I_EVERYDAY = frozenset({"iodine", "benzaldehyde"})
# List I chemicals DEA added as fentanyl precursors (dea_f_chemlist_alpha.txt: benzylfentanyl 85 FR 20822, 2020;
# propionyl chloride 91 FR 11450, 2026) that the 1988 tables do not name.
US_FENTANYL_LIST_I = frozenset({"benzylfentanyl", "propionyl chloride"})
# List I names of substances the KB names otherwise: ergonovine is ergometrine (USAN and INN), phenylpropanolamine is
# norephedrine, the methyl glycidate is an ester of the glycidic acid (the 1988 table's "and its esters"); and
# norpseudoephedrine is cathine, which the KB has as a controlled stimulant (Schedule IV), so no precursor of its own.
US_LIST_I_SAME = {
    "ergonovine": "ergometrine", "phenylpropanolamine": "norephedrine",
    "3,4-mdp-2-p methyl glycidate": "3,4-mdp-2-p methyl glycidic acid", "norpseudoephedrine": "",
}
FENTANYL_PRECURSORS = {"npp", "4-anpp", "4-ap", "1-boc-4-ap", "norfentanyl", "4-piperidone", "1-boc-4-piperidone"}

# ---------- names from the legal lists ----------
# The laws' lists name each substance by INN or common name, codes ("AM2201", "U-47700") and long systematic
# (IUPAC) names. Sellers write the first two; a systematic name is never in an offer, so offer_name() keeps only
# names of at most LEGAL_MAX_NAME characters and three words that carry none of a systematic name's marks.
LEGAL_MAX_NAME = 30

# Words that mark a clause of the law, not a name ("its salts", "but not including", "any preparation").
LEGAL_STOPWORDS = frozenset(
    "salt salts isomer isomers ester esters ether ethers preparation preparations derivative derivatives mixture "
    "including namely thereof its their any which not but except compound compounds substance substances analogue "
    "analogues analog other name names known also grams milligrams per dosage unit more than less column item "
    "schedule period footnote following such whether agent agents complex complexes chelates repealed bulk "
    "pflanzen pflanzenteile zubereitungen salze isomere stoffe ausgenommen forms reserved paragraph meaning receptor "
    "definition".split()
)
# A preparation of a listed drug names the drug ("Raw opium", "Opium extracts", "Tincture of opium").
_PREPARATION = re.compile(r"^(?:granulated|powdered|raw|tincture of|bulk)\s+|\s+(?:extracts?|fluid|tincture)$", re.I)
_SUFFIX_FRAGMENTS = frozenset({"diol", "dione", "one", "ene", "ol", "yne", "ium", "oate", "amide", "amine"})
_LOCANT = re.compile(r"\d+[a-zα-ω′']?|[a-z]|[αβγδ]|[nos]", re.I)
_PREFIX = re.compile(
    r"^(?:(?:some\s+)?(?:trade\s+(?:and|or)\s+)?other\s+names?(?:\s+include)?|also\s+known\s+as|also\s+called"
    r"|including|namely|e\.g\.|or|and)\b\s*:?\s*",
    re.I,
)


def offer_name(name: str, max_len: int = LEGAL_MAX_NAME) -> bool:
    """True when `name` is a name an offer would use (INN, common name, code), not a systematic chemical name.

    The rule (docs/kb.md, "Names from the legal lists"): 3-30 characters and at most three words; no brackets,
    commas, semicolons, colons, primes, quotes or dots; no word of a law's clauses (LEGAL_STOPWORDS: "salts",
    "isomers", "preparation"...); not ending in a substituent ("-yl", except "fentanyl"); no word with two
    locants and a chemical word ("5-ethyl-5-phenylbarbituric"). Codes ("U-47700", "2C-T-7", "5F-MDMB-PICA"),
    INN ("bromazolam") and common names ("Lysergic acid diethylamide") pass.

    >>> [n for n in ("Bromazolam", "U-47700", "1-(5-fluoropentyl)-3-(1-naphthoyl)indole", "4-fluorobenzyl") if offer_name(n)]
    ['Bromazolam', 'U-47700']
    """
    low = name.lower()
    words = low.split()
    if not 3 <= len(name) <= max_len or len(words) > 3:
        return False
    if re.search(r"[\[\](){}<>;:,±′'’‘\"“”=+*/]", name) or name[0] == "-" or name[-1] == "-":
        return False
    if any(w.endswith("-") for w in words):
        return False  # a name cut at a line break ("5-Methoxy- N")
    if re.match(r"\d+-\d+-\d+\b", name):
        return False  # a CAS number run into the name ("33887-0-4 clonazolam")
    if "." in name or any(p in LEGAL_STOPWORDS for p in re.split(r"[\s-]+", low)):
        return False
    if (words[-1].endswith("yl") and not words[-1].endswith("anyl")) or words[-1].endswith("oxy"):
        return False  # a substituent ("4-fluorobenzyl", "naphthalen-1-yl", "N-hydroxy"): part of a systematic name
    latin = [w for w in re.split(r"[^a-z]+", low) if w]
    words3 = [w for w in latin if len(w) >= 3]
    if not latin or (words3 and all(w in _SUFFIX_FRAGMENTS for w in words3)):
        return False  # the tail of a systematic name cut at a comma: "11α", "14-diol", "6-dione"
    for w in words:
        parts = [p for p in re.split(r"[-\u2010-\u2015]", w) if p]
        # "5-ethyl-5-phenylbarbituric": two locants and a chemical word; "2C-T-7", "U-47700" are codes.
        if sum(1 for p in parts if _LOCANT.fullmatch(p)) >= 2 and any(len(p) >= 5 and p.isalpha() for p in parts):
            return False
        if re.search(r"yl-\d|-yl\b|\dh-", w):
            return False
    return any(c.isalpha() for c in name)


def _bracket_groups(text: str) -> tuple[str, list[str], str]:
    """(text before the first bracket, the top-level bracket groups that follow a space, top-level text after).

    A group glued to the text before it ("2-(methylamino)pentan") is part of a systematic name, not a list of
    other names."""
    depth, prev = 0, " "
    cur: list[str] = []
    top: list[str] = []
    out: list[str] = []
    first: str | None = None
    for ch in text:
        if ch in "([":
            if depth == 0:
                prev = top[-1] if top else " "
                if first is None:
                    first = "".join(top)
                top.append(" ")
                cur = []
            else:
                cur.append(ch)
            depth += 1
        elif ch in ")]":
            if depth == 0:
                continue
            depth -= 1
            if depth == 0 and prev.isspace():
                out.append("".join(cur))
            else:
                cur.append(ch)
        elif depth:
            cur.append(ch)
        else:
            top.append(ch)
    if depth and cur:
        out.append("".join(cur))
    rest = "".join(top)
    return (first if first is not None else rest), out, rest[len(first):] if first is not None else ""


def _name_list(text: str) -> list[str]:
    """Split a list of names ("2-MeO-Diphenidine, MXP"; "Other names: A; B") into cleaned names."""
    out: list[str] = []
    for piece in re.split(r";|,\s+|\s+or\s+|\s+and\s+", text):
        piece = _PREFIX.sub("", piece.strip().strip("“”\"")).strip(" .“”\"")
        piece = _PREFIX.sub("", piece).strip(" .")
        if piece:
            out.append(piece)
    return out


def legal_entry_names(text: str) -> list[str]:
    """Names an offer would use from one entry of a law's list, the entry's own name first.

    >>> legal_entry_names("(108) 1-(5-fluoropentyl)-3-(1-naphthoyl)indole (AM2201)")
    ['AM2201']
    >>> legal_entry_names("Methoxphenidine (2-MeO-Diphenidine, MXP) (1-[1-(2-methoxyphenyl)-2-phenylethyl]piperidine)")
    ['Methoxphenidine', '2-MeO-Diphenidine', 'MXP']
    """
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("–", "-").replace("‑", "-").replace("ß", "β")
    text = re.sub(r"\b([NOS]) -(?=\w)", r"\1-", text)  # "N -Ethylhexedron": the German PDF's spacing
    text = re.sub(r"(?<=\w)- (?=[A-Z])", "-", text)  # "25I- NBOMe": a join cut at a line break
    text = re.sub(r"^\s*\((?:[0-9.]+|[ivxlc]+|[A-Z]{1,2})\)\s*", "", text)  # "(12)", "(iv)", "(CC)"
    first, grps, rest = _bracket_groups(text)
    # A comma between digits belongs to a locant ("Methyl 3,3-dimethyl..."); "A and B" names two substances.
    primary = re.split(r",(?!\d)|\s+(?:and|or)\s+|\s+namely\b", first)[0].strip()
    primary = re.sub(r"\s+(?:hydrochloride|sulfate|sulphate|citrate|phosphate|tartrate|bitartrate|hcl|base)$", "", primary, flags=re.I)
    primary = _PREPARATION.sub("", primary)
    names = [primary] if primary else []
    for g in grps:
        if not re.match(r"\s*(?:except|other than|excluding|not)\b", g, re.I):
            names += _name_list(g)
    for piece in re.split(r";", rest):
        if _PREFIX.match(piece.strip()):
            names += _name_list(piece)
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        n = " ".join(n.split())
        if offer_name(n) and n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


def green_list_names(raw: str) -> list[str]:
    """Names from one entry of the INCB Green List transcription ("PA 009 1400742-13-3 5F-APINACA, 5F- N-(adamantan-
    1-yl)-... AKB-48 carboxamide"): the names that lead the entry, up to the first token of the systematic name.
    The PDF transcription interleaves the columns, so names that wrapped into the next column are lost.

    >>> green_list_names("PC 013 1185887-13-1 ADB-CHMINACA, N-[(2S)-1-amino-3,3-dimethyl-1-oxobutan-2- MAB-CHMINACA")
    ['ADB-CHMINACA']
    >>> green_list_names("PE 004 29177-84-2 ETHYL LOFLAZEPATE ethyl 7-chloro-5-(o-fluorophenyl)-2,3-dihydro-2-oxo-")
    ['ETHYL LOFLAZEPATE']
    """
    text = " ".join(raw.replace("ß", "β").split())
    text = re.sub(r"^P[A-Z]\s?\d{3}\s+(?:\d{2,7}-\d{2}-\d\s+)?", "", text)
    tokens = [t.rstrip(",") for t in text.split()]
    if tokens and not offer_name(tokens[0]) and len(tokens) > 1 and offer_name(" ".join(tokens[:2])):
        # A two-word name whose first word fails alone ("ETHYL LOFLAZEPATE"); what follows it is the other
        # columns run together ("N-benzyl 1-benzylpiperazine piperazine, benzylpiperazine, BZP").
        return [" ".join(tokens[:2])]
    names: list[str] = []
    for token in tokens[:3]:
        if not offer_name(token):
            break
        names.append(token)
    return names


def term_lang(name: str, lang: str) -> str:
    """The language of a listed name: the list's for a word ("Tilidin", "N-Ethylnorpentylon"), English for a code
    ("U-48800", "bk-EBDP": an acronym or digits), which every language writes the same.

    >>> term_lang("Tilidin", "de"), term_lang("4-Fluormethamfetamin", "de"), term_lang("bk-EBDP", "de")
    ('de', 'de', 'en')
    >>> term_lang("4F-ADB", "de"), term_lang("alpha-PVT", "de")
    ('en', 'en')
    """
    parts = [p for p in re.split(r"[\s\-]+", name) if p]
    word = any(len(p) >= 5 and p.isalpha() and not p.isupper() and p.lower() not in _SHARED_PREFIXES for p in parts)
    return lang if word else "en"


_SHARED_PREFIXES = frozenset({"alpha", "gamma", "delta", "ortho"})


def squash(text: str) -> str:
    """A name folded and without hyphens or spaces, to find the same name however a list joins it. The INN
    spelling "-amfetamine" is the USAN "-amphetamine" (the INCB Green List gives both: "AMFETAMINE amphetamine").

    >>> squash("Acetyl fentanyl") == squash("ACETYLFENTANYL"), squash("Dexamfetamine")
    (True, 'dexamphetamine')
    """
    folded = fold(text).replace("α", "alpha").replace("β", "beta").replace("amfetamin", "amphetamin")
    return re.sub(r"[\s\-\u2010-\u2015]", "", folded)


# Which class a listed substance gets from its list's paragraph (21 CFR 1308) or group heading (CDSA), when no KB
# substance has its name; a fentanyl, nitazene or benzodiazepine name decides first (Builder.add_legal_substance).
US_PARAGRAPH_CLASS = (
    ("opiates", "opioid"), ("opium", "opioid"), ("narcotic drugs", "opioid"), ("stimulants", "stimulant"),
    ("anabolic steroids", "anabolic steroids"),
)
CDSA_HEADING_CLASS = (
    ("opium", "opioid"), ("phenylpiperidines", "opioid"), ("phenazepines", "opioid"), ("amidones", "opioid"),
    ("methadols", "opioid"), ("phenalkoxams", "opioid"), ("thiambutenes", "opioid"), ("moramides", "opioid"),
    ("morphinans", "opioid"), ("benzazocines", "opioid"), ("ampromides", "opioid"), ("fentanyls", "fentanyl"),
    ("amphetamines", "stimulant"), ("benzodiazepines", "benzodiazepine"), ("anabolic steroids", "anabolic steroids"),
)


GREEN_LIST_CONFIRM = (
    "china_controlled_substances/非药用类麻醉药品和精神药品管制品种增补目录_table5.csv",
    "china_controlled_substances/第一类精神药品目录_table1.csv",
    "china_controlled_substances/第二类精神药品目录_table1.csv",
    "legal/germany-btmg/btmg_anlagen_I-III.csv",
    "drug_name_lexicons/redmed_drug_lexicon.tsv",
)


@dataclass
class LegalEntry:
    """One substance entry of a law's list: where, which list and schedule, its names and CAS numbers."""

    rel: str
    note: str
    names: list[str]
    cas: list[str]
    hint: str  # a class id, or the KB substance that the list's group is ("anabolic steroids")
    may_create: bool = True
    confirm: tuple[str, ...] = ()  # files of which one must also give the name before it may key a new substance
    lang: str = "en"  # the language of the list's word names (codes are "en" whatever the list)


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


_CODE_PARTS = re.compile(r"[-\u2010-\u2015]")
_CODE_HEAD = re.compile(r"[0-9]+[A-Za-z]{1,2}")  # 5F, 4F, 5Cl
_CODE_ACRONYM = re.compile(r"[A-Z]{3,5}")  # MDMB, ADB, JWH


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
        self.dropped_strains = 0  # strain names left out: too short or another drug's word (load_strains)
        self.strain_words: set[str] = set()  # one-word strain names that are English words (load_strains)
        self.redmed_medicines: set[str] = set()  # substances add_redmed_medicine created
        self.word_medicines: set[str] = set()  # of these, the ones whose name is a written English word (metformin)
        self.legal_created: set[str] = set()  # substances load_legal_names created
        self.legal_names: set[str] = set()  # folded names load_legal_names added as new terms
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

    def load_us_list_one(self) -> None:
        """The List I chemicals of 21 CFR 1310.02(a) that the 1988 Convention's Table I does not name (load_un_precursors
        made those): anthranilic acid, benzyl cyanide, methylamine, red phosphorus, hydriodic acid, benzylfentanyl,
        propionyl chloride and the rest, as precursors. Their names are the entry's own, cut before "and its salts",
        and its short names in parentheses ("(NPP)", "(Other names: Yellow Phosphorus)"). Left out, as everyday
        products whose names would make every first-aid kit and baking shop a precursor seller: `US_LIST_I_EVERYDAY`.
        A chemical the KB names already gains the list as a source."""
        rel = "legal/us-21cfr/cfr21_1310_02_list_I_II_chemicals.csv"
        for row in self.read_csv(rel):
            if row["schedule_or_list"].strip() != "List I":
                continue
            text = re.sub(r"^\(\d+\)\s*", "", row["entry_text"].strip())
            name = re.split(r"\s+\(|,\s*its\b|\s+and its\b", text, maxsplit=1)[0].strip()
            if not name or fold(name) in US_LIST_I_EVERYDAY:
                continue
            others: list[str] = []
            for par in re.findall(r"\s\(([^()]*)\)", text):  # "(NPP)", not the "(1-benzylpiperidin-4-yl)" of a name
                par = re.sub(r"^(?:other names(?: include)?|including)\s*:\s*", "", par.strip(), flags=re.I)
                others.extend(o.strip() for o in par.split(";") if o.strip())
            if len(name) > LEGAL_MAX_NAME and others and len(others[0]) <= LEGAL_MAX_NAME:
                name, others = others[0], [name, *others[1:]]  # "benzylfentanyl", not its systematic name
            same = US_LIST_I_SAME.get(fold(name), fold(name))
            if not same:
                continue
            hit = self.lookup(same)
            if hit is None:
                hit = next((h for h in map(self.lookup, others) if h), None)
            if hit is not None:
                self.subs[hit].sources.add(rel)
                continue
            canonical = same
            sev = "critical" if canonical in US_FENTANYL_LIST_I else ""
            self.add_sub(canonical, "precursor", sev, rel)
            self.add_term(name, canonical, "name", "en", rel, "21 CFR 1310.02(a) List I chemical")
            for other in others:
                if (
                    len(other) <= LEGAL_MAX_NAME and fold(other) != canonical
                    and not re.search(r"salts|isomers|hypophosphite|\d,\d", other, re.I)
                ):
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

    def load_incb_red_cas(self) -> None:
        """The CAS numbers of the INCB Red List's Table I precursors as terms of the substances the 1988 tables
        created: the esters of the glycidic acids ("3,4-MDP-2-P methyl glycidic acid, ethyl ester", CAS 28578-16-7,
        is "PMK ethyl glycidate") have numbers of their own, and precursor vendors write them. The KB's substance
        is the acid "and its esters" (the 1988 table's entry), so the numbers are terms for matching only, not the
        substance's own CAS numbers, which the legal tables copy: 21 CFR 1310.02 lists the acid (DEA 8525) and the
        methyl ester (8535) apart. Table II is solvents and acids (acetone, toluene), left out as in
        load_un_precursors."""
        rel = "legal/un-incb/incb_red_list.csv"
        for row in self.read_csv(rel):
            cas = row["cas_number"].strip()
            if row["table"].strip() != "I" or not cas:
                continue
            name = row["chemical_name"].strip()
            base = re.sub(r",\s*(?:methyl|ethyl)\s+ester$", "", name)
            hit = (
                self.lookup(name)
                or self.lookup(base)
                or self.lookup(base.replace(" methyl glycidate", " methyl glycidic acid"))
            )
            if hit and cas_ok(cas):
                self.add_term(cas, hit, "cas", "und", rel)

    # ---------- legal lists: names ----------
    def legal_entries(self) -> Iterator[LegalEntry]:
        """One LegalEntry per substance entry of the INCB Yellow, US 21 CFR 1308, Canada CDSA, UK and INCB Green
        lists, in that order (the INN-keyed lists first, so that the later, messier ones mostly map to them)."""
        rel = "legal/un-incb/incb_yellow_list.csv"
        for row in self.read_csv(rel):
            sched = row["convention_schedule"].strip()
            if not sched.startswith("Schedule"):
                continue  # "Intermediate Opiate Raw Materials": accounting categories, not substances
            name = re.sub(r"(?<=[A-Z])\d+$", "", row["drug_name"].strip())  # footnote marks: "LEVOMETHORPHAN2"
            # Narcotic drugs of the 1961 Convention are opioids, apart from the coca and cannabis entries.
            hint = "other" if re.search(r"coca|ecgonine|cannabis", name, re.I) else "opioid"
            yield LegalEntry(rel, f"INCB Yellow List, {sched}", legal_entry_names(name), [row["cas_number"]], hint)
        rel = "legal/us-21cfr/cfr21_1308_schedules_I-V.csv"
        last: LegalEntry | None = None
        for row in self.read_csv(rel):
            text = row["entry_text"].strip()
            if re.match(r"\[?some\b[^:]*names", text, re.I):
                if last is not None:  # "Some trade or other names: DOET" continues the entry above it
                    last.names.extend(n for n in legal_entry_names(f"({text})") if n not in last.names)
                continue
            code = row["dea_code"].strip("() ")
            if not code and not re.match(r"\([A-Z]{1,2}\) ", text):
                last = None  # definitions, exemptions and mixtures ("Not more than 1.8 grams of codeine...")
                continue
            heading = re.match(r"\([a-z]\)\s*([^.]*)", row["paragraph_context"])
            context = heading.group(1).lower() if heading else ""
            section = row["cfr_section"]
            hint = next((cls for key, cls in US_PARAGRAPH_CLASS if key in context), "other")
            note = f"21 CFR {section} Schedule {row['schedule_or_list']}"
            names = legal_entry_names(text)
            if not code and names and not re.search(r"\([^()]*\)\s*;?$", text):
                names = []  # an uncoded "(E) 3-phenylacetylindole ... by substitution": a structure, not a name
            elif not code:
                names = names[1:] if legal_entry_names(text.split(" (")[0]) else names  # the code in brackets
            last = LegalEntry(rel, note, names, [], hint)
            yield last
        rel = "legal/canada-cdsa/cdsa_schedules_I-VI.csv"
        heading: dict[tuple[str, str], str] = {}
        excepted: set[tuple[str, str]] = set()
        for row in self.read_csv(rel):
            text, path, sched = row["item_text"].strip(), row["item_path"].strip(), row["schedule"].strip()
            top = path.split(".")[0]
            if text.lower().startswith("but not including"):
                excepted.add((sched, top))  # the items after it are exempted (naloxone, apomorphine...)
                continue
            if (sched, top) in excepted or text.lower().startswith("[repealed") or not path[:1].isdigit():
                continue
            group_heading = bool(re.search(r"including:?$", text))
            if group_heading:
                heading.setdefault((sched, top), text.lower())  # "Fentanyls, their salts... including:"
            group = heading.get((sched, top), "")
            hint = next((cls for key, cls in CDSA_HEADING_CLASS if key in group), "other")
            # A group heading names a group ("Fentanyls"), or a substance the KB knows ("Phencyclidine..."): it
            # may only map. Schedule VI is the precursor list, named by the 1988 Convention tables already.
            may_create = sched != "SCHEDULE VI" and not group_heading
            yield LegalEntry(rel, f"CDSA {sched.replace('SCHEDULE', 'Schedule')}", legal_entry_names(text), [], hint, may_create)
        rel = "legal/uk-misuse-of-drugs/govuk_controlled_drugs_list.csv"
        for row in self.read_csv(rel):
            cls, sched = row["class"].strip(), row["schedule"].strip()
            # Rows without a class are fragments of the page's footnotes and table headings.
            hint = "other"  # schedule 4 part II also lists clenbuterol and somatropin: not steroids
            note = f"UK Misuse of Drugs Act class {cls}, MDR 2001 schedule {sched}"
            yield LegalEntry(rel, note, legal_entry_names(row["drug_name"]), [row["cas_number"]], hint, bool(cls))
        rel = "legal/un-incb/incb_green_list.csv"
        for row in self.read_csv(rel):
            # The transcription cuts names where the PDF wrapped them: a new substance needs a second source.
            yield LegalEntry(
                rel, f"INCB Green List, {row['convention_schedule'].strip()}", green_list_names(row["raw_text"]),
                [row["cas_number"]], "other", confirm=GREEN_LIST_CONFIRM,
            )
        rel = "legal/germany-btmg/btmg_anlagen_I-III.csv"
        for row in self.read_csv(rel):
            # German INN ("Tilidin") and other names ("N-Ethylnorpentylon (Ephylon, bk-EBDP, bk-Ethyl-K)"); the
            # third column is the systematic name. German spellings would duplicate the English substances, so
            # only a code ("U-48800") may key a new one.
            inn = row["col1_INN"].strip()
            names = ([inn] if inn != "-" and offer_name(inn) else []) + legal_entry_names(row["col2_other_names"])
            note = f"BtMG {row['anlage'].strip()}"
            yield LegalEntry(rel, note, names, [], "other", lang="de")
        rel = "legal/netherlands-opiumwet/opiumwet_lijst_I_II.csv"
        for row in self.read_csv(rel):
            # Dutch INN ("tilidine", "heroïne") and other names; the last column is the systematic name.
            names = [n for n in legal_entry_names(row["INN"]) + legal_entry_names(row["andere_benamingen"])]
            yield LegalEntry(rel, f"Opiumwet {row['lijst'].strip()}", names, [], "other", lang="nl")
        # The PRC lists (load_prc reads their Chinese names, for fentanyl analogues and nitazenes): the common name
        # or code in the remarks column ("2-FMA", "Mexedrone", "4-AcO-DMT") and a short English name. Many new
        # psychoactive substances of the 2015 supplementary list are on no other list here.
        for fname in PRC_FILES:
            rel = f"china_controlled_substances/{fname}"
            for row in self.read_csv(rel):
                # A code run into a name in the remarks is two names: "2-FDCKFluoroketamine".
                note = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z]{4,}$)", " ; ", " ".join(row["备注"].split()))
                en = " ".join(row["英文名"].split())
                names = [
                    n.strip() for n in (*note.split(" ; "), en)
                    if n.strip() and not re.search(r"[\u3000-\u9fff\uff00-\uffef]", n)
                ]
                cas = [c for c in row["CAS号"].split() if re.match(r"^\d+-\d+-\d$", c)]
                yield LegalEntry(rel, f"PRC list: {fname.split('_table')[0]}", [n for n in names if offer_name(n)], cas, "other")

    def legal_index(self) -> dict[str, set[str]]:
        """Squashed names (folded, without hyphens and spaces: "acetyl fentanyl" = "acetylfentanyl") and CAS
        numbers -> the substances they name: canonical names, hand aliases, and name/synonym/brand terms."""
        index: dict[str, set[str]] = {}
        for alias, sub in self.alias.items():
            index.setdefault(squash(alias), set()).add(sub)
        for sub in self.subs.values():
            for number in sub.cas:
                index.setdefault(number, set()).add(sub.name)
        for (folded, sub), row in self.terms.items():
            if row.kind in ("name", "synonym", "brand") and row.context_only != "1":
                index.setdefault(squash(folded), set()).add(sub)
        return index

    def load_legal_names(self, common: set[str]) -> None:
        """Names and listed synonyms of the controlled-substance lists, as terms. An entry is the KB substance
        that one of its CAS numbers or names already names; otherwise it becomes a substance of its own, classed
        by the list (LegalEntry.hint) or by its name (fentanyl analogues, nitazenes, benzodiazepines)."""
        index = self.legal_index()
        same = self.redmed_synonyms()

        def lookup(key: str) -> str | None:
            # "Tetrahydrocannabinol" is the DEA's "Tetrahydrocannabinols": a list's plural names the same entry.
            hits = index.get(key) or index.get(key[:-1] if key.endswith("s") else key + "s", set())
            if len(hits) == 1:
                return next(iter(hits))
            exact = [h for h in hits if squash(h) == key]  # "fentanyl" is also a synonym of its analogues
            return exact[0] if len(exact) == 1 else None

        def resolve(key: str) -> str | None:
            # A name the KB lacks may be another spelling of one it has, as DrugBank (RedMed) lists the names
            # of one drug together: "methylamphetamine" is methamphetamine, "psilocine" is psilocin.
            found = lookup(key)
            if found or key not in same:
                return found
            hits = {h for h in map(lookup, same[key] - {key}) if h}
            return next(iter(hits)) if len(hits) == 1 else None

        for entry in self.legal_entries():
            names = [n for n in entry.names if not self.ordinary_phrase(n, common)]
            cas = [c.strip() for c in entry.cas if cas_ok(c.strip())]
            keys = cas + [squash(n) for n in names]
            if entry.lang == "de":
                keys += [squash(n) + "e" for n in names]  # German INN drop the final e: "Tilidin", "Ephylon"
            hit = next((h for h in map(resolve, keys) if h), None)
            if hit is None:
                hit = self.add_legal_substance(entry, names, common)
            if hit is None:
                continue
            self.subs[hit].sources.add(entry.rel)
            for i, name in enumerate(names):
                other = resolve(squash(name))
                if other not in (None, hit):
                    continue  # another substance's name ("heroin" in "Diacetylmorphine (heroin)" is heroin)
                if squash(name).endswith("s") and squash(name)[:-1] in index and squash(name) not in index:
                    continue  # a group of the law ("Fentanyls", "Amidones"), not another name of its member
                key = (fold(name), hit)
                own = key in self.terms or fold(name) in ({hit} | self.hand_aliases | self.hand_strong)
                if not own and (fold(name) in common or (fold(name).isalpha() and len(name) <= 3)):
                    # An ordinary word is a fragment of a longer name ("ACID" of "4-HYDROXYBUTYRIC ACID"); a
                    # three-letter acronym abbreviates too much else ("DEP": light deprivation, "EPE": a town).
                    continue
                ctx = "" if own else self.legal_context(name, common)
                kind = "name" if i == 0 and fold(name) == hit else "synonym"
                if squash(name) == squash(hit) and key not in self.terms:
                    # The substance's own name joined another way ("AM-2201" for am2201): a name, as strong as
                    # the canonical one, or the detector would weigh "AM-2201" less than "AM2201".
                    kind, ctx = "name", "0"
                if key not in self.terms:
                    self.legal_names.add(fold(name))
                self.add_term(name, hit, kind, term_lang(name, entry.lang), entry.rel, entry.note, context_only=ctx)
                index.setdefault(squash(name), set()).add(hit)
            for number in cas:
                if self.subs[hit].add_cas(number, entry.rel):
                    self.add_term(number, hit, "cas", "und", entry.rel)
                    index.setdefault(number, set()).add(hit)

    def redmed_synonyms(self) -> dict[str, set[str]]:
        """Squashed one-word known name (5+ characters) of a RedMed (DrugBank) drug -> its drug id:
        "methylamphetamine" -> {"methamphetamine"}. Only the id names the drug: the other known names are mined
        from Reddit and include brands of combinations and related drugs (Adderall for dexmethylphenidate)."""
        groups: dict[str, set[str]] = {}
        for r in self.read_csv("drug_name_lexicons/redmed_drug_lexicon.tsv", delimiter="\t"):
            drug = squash(r["drug"].replace("_", " "))
            for t in split_list(r["known"]):
                if "_" not in t and len(t) >= MIN_MISSPELLING:
                    groups.setdefault(squash(t), set()).add(drug)
        return groups

    def add_legal_substance(self, entry: LegalEntry, names: list[str], common: set[str]) -> str | None:
        """A listed substance that the KB does not know yet, named by the entry's first name an offer would use
        (a longer name before an acronym: "ephenidine", not "nedpa"); None when the entry may not create one."""
        if not entry.may_create or not names:
            return None
        if entry.hint in self.subs:
            return entry.hint  # the list's group is a KB substance ("anabolic steroids")
        whole = re.compile(rf"(?<![0-9a-z]){re.escape(fold(names[0]))}(?![0-9a-z])")
        if entry.confirm and not any(whole.search(self.file_text(rel)) for rel in entry.confirm):
            return None  # a name cut short where the transcription wrapped it ("4-methylethcathi")
        # The canonical name is the first that is not an acronym ("ephenidine", not "nedpa"), in Latin letters.
        name = next((n for n in names if not (n.isalpha() and len(n) <= 4)), None)
        if name and entry.lang != "en" and (term_lang(name, entry.lang) != "en" or not name.isascii()):
            return None  # a German spelling ("4-Fluormethamfetamin") would duplicate the English substance
        canonical = re.sub(r"^α-", "alpha-", re.sub(r"^β-", "beta-", fold(name or "")))
        if (canonical, canonical) in self.excluded:
            return None
        if not name or canonical in common or re.search(r"(?:ines|ides|ates|ites|oids|ols|ones|anes)$", canonical):
            # An acronym alone ("DOB") or an ordinary word is no name to key a substance by; a plural is a group
            # of the law ("2C-phenethylamines", "Tetrahydrocannabinols"), not one substance.
            return None
        low = canonical
        if "fentan" in low:
            cls = "fentanyl"
        elif re.search(r"nitaze|etazene", low):
            cls = "nitazene"
        elif re.search(r"(azepam|azolam|zolam|azepate)$", low):
            cls = "benzodiazepine"
        else:
            cls = entry.hint if entry.hint in CLASSES else "other"
        self.add_sub(canonical, cls, "", entry.rel, entry.note)
        self.legal_created.add(canonical)
        return canonical

    @staticmethod
    def ordinary_phrase(name: str, common: set[str]) -> bool:
        """A phrase made only of ordinary words ("Prepared or medicinal") is a fragment of the law's text."""
        words = fold(name).split()
        return len(words) > 1 and all(w in common for w in words)

    @staticmethod
    def legal_context(name: str, common: set[str]) -> str:
        """'1' for a listed name that may be ordinary text: a four-letter acronym ("PMMA", "MPHP") or a phrase of
        ordinary words and short tokens ("N-ethyl MDA"), which counts only next to sale intent."""
        folded = fold(name)
        if (folded.isalpha() and len(folded) <= 4) or collides(name, "synonym", common):
            return "1"
        return ""

    def load_hand_terms(self, pending: list[dict[str, str]] | None = None) -> list[dict[str, str]]:
        """The hand terms; those naming a substance that only the legal lists or RedMed create (fenethylline,
        desomorphine, tropicamide) are returned, to be loaded again, with `pending`, once those are in."""
        later: list[dict[str, str]] = []
        for rec in read_hand_tsv(HAND / "terms.tsv") if pending is None else pending:
            if rec["substance"] not in self.subs:
                if pending is None:
                    later.append(rec)
                else:
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
        return later

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
                # Cutting the last parenthesis off a systematic name can leave a fragment ("2-" of
                # "2-(4-bromo-2,5-dimethoxyphenyl)-N-...", "2,5-Dimethoxy-4-"): it matched "2-3 days" as NBOMe.
                if name and len(name) <= 40 and not name.endswith(("-", ",", "(")):
                    self.add_term(name, hit, "synonym", "en", rel, f"DEA schedule {row['schedule']}")
        stop = {fold(r["drug_stop_words"]) for r in self.read_csv(f"{base}/drug_stop_words.csv")}
        rel = f"{base}/lookup_df.csv"
        for row in self.read_csv(rel):
            hit = self.lookup(row["category"])
            term = re.sub(r"\s*\(.*?\)", "", row["synonym"]).strip()  # "(mixed with heroin)" is a gloss
            if not hit or fold(term) in stop or len(term) < MIN_TERM:
                continue
            self.add_term(term, hit, "slang", "en", rel)

    def load_redmed(self, common: set[str], foreign: frozenset[str] = frozenset()) -> None:
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
            # A RedMed drug tied to the KB only through a legal list (a substance the lists created, or a name they
            # added: prasterone is `anabolic steroids`) brings Reddit-mined names ("delta9" and "sative" for
            # dronabinol, "dhea" for prasterone) that the list does not give: they count only next to sale intent.
            linked = hit in self.legal_created or (drug in self.legal_names and not self.lookup(r["drug"]))
            for t in split_list(r["known"]):
                if "_" in t or len(t) < MIN_TERM:
                    continue  # phrases ("started_taking_xanax") are sentences mined from Reddit, not names
                if hit in self.redmed_medicines and len(t) < MIN_MISSPELLING:
                    continue  # a medicine's acronyms ("tpa", "esf") are mostly other things
                if fold(t) in common or t.lower() in foreign:
                    continue
                if hit in self.word_medicines and fold(t) != hit and not self.other_name(hit, [t], common):
                    continue  # of a medicine whose name is a written word, only its brand-like names
                ctx = "1" if linked and fold(t) != drug else self.medicine_ctx(hit, t)
                self.add_term(t, hit, "synonym", "en", rel, context_only=ctx)
            for col in ("misspellingPhon", "edOne"):
                if hit in self.word_medicines:
                    break  # a frequent name's misspellings are mostly other words ("metform")
                for t in split_list(r[col]):
                    if "_" in t or len(t) < MIN_MISSPELLING or fold(t) in common or t.lower() in foreign:
                        continue
                    if other_names.get(fold(t), {r["drug"]}) - {r["drug"]}:
                        continue
                    if (other := self.lookup(t)) and other != hit:
                        continue  # the name of another KB substance ("ethylamine", a List I chemical, for methylamine)
                    ctx = "1" if linked else self.medicine_ctx(hit, t)
                    self.add_term(t, hit, "misspelling", "en", rel, context_only=ctx)
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
        human"), a name that is an English word (Zipf >= MEDICINE_WORD_ZIPF: apricot, haddock) unless DrugBank
        gives it another name of its own (other_name: metformin, warfarin), tools/kb/exclude.tsv, names with digits
        or commas (research codes, "factor, human"). A medicine whose other names include a KB substance is
        named as that substance (its name becomes a synonym there) and returns it."""
        name = r["drug"].replace("_", " ").strip().lower()
        known = [t for t in split_list(r["known"]) if "_" not in t]
        # A medicine's INN can be an English word in wordfreq's sense only because people write about it
        # (metformin 2.55, warfarin 2.64, estradiol 2.73): such a name is a medicine when DrugBank gives it a brand
        # or other name of its own (Glucophage, Coumadin), which foods and elements lack ("apricots").
        word = fold(name) in self.rare_words
        if (
            (word and not self.other_name(fold(name), known, common))
            or (fold(name), name) in self.excluded
            or len(name) < MIN_MISSPELLING
            or len(name) > 30
            or not re.fullmatch(r"[a-z][a-z -]*", name)
            # Foods, allergen extracts and vitamins are DrugBank entries too ("green tea", "fish oil", "vitamin c"):
            # a name whose first word is an ordinary word, or made only of such words, is not a medicine's name.
            or re.split(r"[ -]", fold(name))[0] in common
            or collides(name, "synonym", common)
        ):
            return None
        # DrugBank gives an enantiomer or salt the parent's name among its other names (escitalopram: citalopram,
        # eszopiclone: zopiclone, thienylfentanyl: thiofentanyl): the medicine is named as that substance.
        kin = next((hit for t in known if (hit := self.lookup(t))), None)
        if kin:
            self.add_term(name, kin, "synonym", "en", rel, f"RedMed (DrugBank) lists {kin} among its other names")
            return kin
        self.add_sub(name, "prescription", "low", rel, "RedMed medicine outside the controlled lists")
        # A name that is also a word people write (metformin, melatonin) counts only next to sale intent.
        self.add_term(name, name, "name", "en", rel, "RedMed (DrugBank) drug name", context_only="1" if word else "")
        self.redmed_medicines.add(name)
        if word:
            self.word_medicines.add(name)
        return name

    def other_name(self, name: str, known: list[str], common: set[str]) -> bool:
        """True when RedMed gives the drug a one-word name of 5+ letters that is neither its own name respelled
        (difflib ratio below 0.6: "glucophage", not "metformine") nor an English word ("glycon" passes, "oral" not).

        DrugBank also lists foods as allergen extracts ("apricot", "haddock"); they have no such name."""
        for t in known:
            f = fold(t)
            if (
                len(f) >= MIN_MISSPELLING
                and f.isalpha()
                and f not in common
                and f not in self.rare_words
                and difflib.SequenceMatcher(None, f, name).ratio() < 0.6
            ):
                return True
        return False

    def medicine_ctx(self, substance: str, term: str) -> str:
        """RedMed's other names of a medicine are mined from Reddit and carry fragments and ordinary words
        ("rtist" for cefdinir, "tation", "vermin" for verapamil, "argen"): for the bulk-added medicines every name but
        the INN counts only next to sale intent (a listing title is sale intent, so "Prozac 20mg" still counts)."""
        return "1" if substance in self.redmed_medicines and fold(term) != substance else ""

    def load_gpt3_labels(self, common: set[str], foreign: frozenset[str] = frozenset()) -> None:
        """Human-labelled (not machine-generated) fentanyl/alprazolam synonyms from the gpt3-lexicon study."""
        rel = "drug_name_lexicons/gpt3_manual_label_lexicon.tsv"
        for row in self.read_csv(rel, delimiter="\t"):
            hit = self.lookup(row["index term"])
            if not hit:
                continue
            for t in re.findall(r"'([^']+)'", row["specific synonyms"]):
                t = t.replace("_", " ")
                if len(t) < MIN_MISSPELLING or fold(t) in common or t.lower() in foreign or len(t.split()) > 3:
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

    def load_strains(self, common: set[str]) -> None:
        """Cannabis cultivar ("strain") names: tools/kb/strains.tsv, the names of the Kushy cannabis dataset (MIT),
        as context-only terms of kind `strain` of cannabis. A one-word name that is an English word ("Gelato",
        "Mimosa", "Blueberry": Zipf >= MEDICINE_WORD_ZIPF) is an everyday word: one below the common-word threshold
        joins common_words.txt (strain_words), so that the detector counts it, like a common one, only in a listing
        that weighs it ("14g Gelato"; a shop lists gelato by the pint). A name of two or more words also counts
        written as one ("JackHerer"), as listings write it, unless it is made of common words ("#WildWest" is a
        hashtag). The detector treats a strain name made only of common words ("Wedding Cake") as an ordinary
        phrase: it counts in a listing or next to another drug word."""
        rel = "tools/kb/strains.tsv"
        if "cannabis" not in self.subs:
            self.problems.append("tools/kb/substances.tsv: substance 'cannabis' missing")
            return
        taken: dict[str, set[str]] = {}
        for folded_term, substance in self.terms:
            taken.setdefault(folded_term, set()).add(substance)
        for rec in read_hand_tsv(HAND / "strains.tsv"):
            # "+Speed", "#Hashtag": the punctuation around a name is no part of it.
            name = " ".join(rec["term"].split()).strip("+#*.,;:!?'\"-_ ")
            folded = fold(name)
            words = folded.split()
            if (
                len(folded) < MIN_TERM
                or sum(c.isalpha() for c in folded) < (4 if len(words) == 1 else 1)  # "A-K", "A-10": too short
                or taken.get(folded, set()) - {"cannabis"}  # another drug's word ("Speed", "Crack"): ambiguous
            ):
                self.dropped_strains += 1
                continue
            if len(words) == 1 and folded in self.rare_words and folded not in common:
                self.strain_words.add(folded)
            source = f"{rel}#{rec['kushy_id']}"
            note = "cannabis strain name (Kushy cannabis dataset, MIT)"
            self.add_term(name, "cannabis", "strain", "en", source, note, context_only="1")
            joined = "".join(name.split())
            # An everyday phrase run together is a hashtag of that phrase ("#WildWest"), not a listing's spelling.
            everyday = all(w in common or w.isdigit() for w in words)
            if len(words) > 1 and len(joined) >= 8 and joined.isalnum() and not everyday and fold(joined) not in common:
                self.add_term(joined, "cannabis", "strain", "en", source, note + ", written as one word", "1")

    def add_code_prefixes(self) -> None:
        """Research-chemical vendors shorten synthetic-cannabinoid codes to their first two parts ("5F-MDMB" for
        5F-MDMB-PINACA, "4F-MDMB" for 4F-MDMB-BINACA): a code of 3+ parts whose first part is digits and a
        one- or two-letter prefix (5F, 5Cl) and whose second part is a 3-5 letter capital acronym (MDMB, ADB, JWH)
        also names its substance(s) by those two parts, with the full code's sources."""
        found: dict[str, list[TermRow]] = {}
        for row in self.terms.values():
            parts = _CODE_PARTS.split(row.text)
            if row.kind in ("name", "synonym") and len(parts) >= 3 and _CODE_HEAD.fullmatch(parts[0]) and (
                _CODE_ACRONYM.fullmatch(parts[1])
            ):
                found.setdefault(f"{parts[0]}-{parts[1]}", []).append(row)
        for prefix, rows in sorted(found.items()):
            for row in rows:
                if (fold(prefix), row.substance) in self.terms:
                    continue
                for src in row.sources:
                    self.add_term(prefix, row.substance, "synonym", "und", src, f"vendors' shortening of {row.text}")

    def load_paddo(self) -> None:
        """Opiumwet list II, heading "Paddo's A": the mushroom species that contain psilocin or psilocybin
        ("psilocybe cubensis"), as synonyms of psilocybin. The species are not substances, so load_legal_names
        cannot key them."""
        rel = "legal/netherlands-opiumwet/opiumwet_lijst_I_II.csv"
        if "psilocybin" not in self.subs:
            self.problems.append("tools/kb/substances.tsv: substance 'psilocybin' missing")
            return
        for row in self.read_csv(rel):
            if not row["sub_heading"].strip().lower().startswith("paddo"):
                continue
            species = " ".join(row["INN"].split())
            if len(species.split()) >= 2:
                self.add_term(species, "psilocybin", "synonym", "la", rel,
                              "Opiumwet Lijst II, Paddo's A: mushroom species containing psilocin or psilocybin", "0")

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
            # The traditional form keeps what was decided for the simplified one: a hand term forced
            # context-only ("叶子" leaves, 冰 ice) is as ordinary a word in Taiwan and Hong Kong.
            self.add_term(trad, row.substance, row.kind, "zh-Hant", row.sources[0], "traditional form (OpenCC s2t)",
                          context_only=row.context_only)

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
            # A noise word is dropped as written: a spelling with accent marks of its own ("cỏ", Vietnamese "grass")
            # is another word than the noise it folds to ("co"); the detector reads a term under MIN_UNACCENTED
            # letters with its marks only.
            plain = row.text.casefold()
            marked = strip_latin_marks(plain) != plain
            if row.kind in ("slang", "synonym") and folded not in names and (
                (folded in (noise or set()) and not marked) or (len(folded) == 1 and folded.isascii())
            ):
                del self.terms[key]
                self.dropped_noise += 1
        for row in self.terms.values():
            if not row.context_only:
                # A drug's own name ("2C-B") is not an ordinary word, however short its parts.
                named = fold(row.text) in self.subs
                row.context_only = "0" if named else ("1" if collides(row.text, row.kind, words) else "0")


def foreign_words() -> frozenset[str]:
    """The other languages' everyday words at FOREIGN_ZIPF or above, lower-cased as written (not folded: "két",
    Hungarian for two, is no "ket")."""
    import wordfreq  # build-time only (extra "kb-build")

    out: set[str] = set()
    for lang in FOREIGN_LANGS:
        for w, freq in wordfreq.get_frequency_dict(lang).items():
            if round(math.log10(freq) + 9, 2) >= FOREIGN_ZIPF and w.isalpha():
                out.add(w.lower())
    return frozenset(out)


def foreign_slang_words(b: Builder, hand_context: set[str], common: set[str], foreign: frozenset[str]) -> set[str]:
    """Folded one-word slang and synonyms that only the long-tail lexicons list and that are another language's
    everyday words (see FOREIGN_ZIPF)."""
    names = b.drug_names(hand_context) | SLANG_DRUG_FIRST
    out: set[str] = set()
    for (folded, _sub), row in b.terms.items():
        if row.kind not in ("slang", "synonym") or folded in names or folded in common:
            continue
        if row.text.lower() in foreign and all(src.startswith(LONG_TAIL_SOURCES) for src in row.sources):
            out.add(folded)
    return out


def long_tail_slang_words(b: Builder, hand_context: set[str], common: set[str]) -> set[str]:
    """Folded one-word slang terms listed only by the long-tail lexicons that are English words at SLANG_WORD_ZIPF
    or above (and below the common-word threshold, which already covers the rest)."""
    names = b.drug_names(hand_context) | SLANG_DRUG_FIRST
    english = noise_words(SLANG_WORD_ZIPF)
    out: set[str] = set()
    for (folded, _sub), row in b.terms.items():
        if row.kind != "slang" or row.lang not in ("en", "und") or row.context_only == "0":
            continue
        if not folded.isalpha() or folded in names or folded in common or folded not in english:
            continue
        if all(src.startswith(LONG_TAIL_SOURCES) for src in row.sources):
            out.add(folded)
    return out


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


def foreign_markers() -> str:
    """foreign_words.tsv: the words of MARKER_LANGS frequent there and rarer in English (see MARKER_ZIPF), and
    whether each also tells the language (rare in English, MARKER_ENGLISH_ZIPF)."""
    import wordfreq  # build-time only (extra "kb-build")

    from narcotrace.text import normalize

    english = wordfreq.get_frequency_dict("en")
    rows: dict[tuple[str, str], str] = {}
    for lang in MARKER_LANGS:
        for w, freq in wordfreq.get_frequency_dict(lang).items():
            zipf = round(math.log10(freq) + 9, 2)
            if zipf < MARKER_ZIPF or not w.isalpha():
                continue
            en_freq = english.get(w, 0.0)
            en = round(math.log10(en_freq) + 9, 2) if en_freq else 0.0
            if zipf - en < MARKER_MARGIN:
                continue
            word = normalize(w).text.strip()
            if word.isalpha():
                marker = "1" if en < MARKER_ENGLISH_ZIPF else "0"
                rows[(lang, word)] = max(rows.get((lang, word), "0"), marker)
    header = FOREIGN_WORDS_HEADER.format(
        zipf=MARKER_ZIPF, margin=MARKER_MARGIN, english=MARKER_ENGLISH_ZIPF,
        version=importlib.metadata.version("wordfreq"),
    )
    return header + tsv([("lang", "word", "marker"), *((lang, w, m) for (lang, w), m in sorted(rows.items()))])


def english_words() -> set[str]:
    """Folded English words at COMMON_ZIPF["en"] or above."""
    return noise_words(COMMON_ZIPF["en"])


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
    b.load_us_list_one()
    b.load_incb_cas()
    b.load_incb_red_cas()
    pending = b.load_hand_terms()
    b.load_us_steroids()
    b.load_dope()
    foreign = foreign_words()
    b.load_legal_names(common)
    b.load_redmed(common, foreign)
    b.load_gpt3_labels(common, foreign)
    b.load_hand_terms(pending)  # terms of substances the legal lists or RedMed created
    b.add_traditional()
    b.load_jargon()
    b.load_strains(common)
    b.load_paddo()
    b.add_code_prefixes()
    slang_words = long_tail_slang_words(b, hand_context, common)
    common |= slang_words
    header.append(
        f"# plus {len(slang_words)} single-word slang terms that only the long-tail lexicons list and that are English"
        f" words at Zipf >= {SLANG_WORD_ZIPF} (tools/build_kb.py, LONG_TAIL_SOURCES)."
    )
    print(f"  {len(slang_words)} long-tail slang words that are English words made context-only")
    foreign_slang = foreign_slang_words(b, hand_context, common, foreign)
    common |= foreign_slang
    header.append(
        f"# plus {len(foreign_slang)} single-word slang terms and synonyms that only the long-tail lexicons list and that"
        f" are everyday words of {', '.join(FOREIGN_LANGS)} at Zipf >= {FOREIGN_ZIPF} (tools/build_kb.py,"
        " FOREIGN_LANGS)."
    )
    print(f"  {len(foreign_slang)} long-tail slang words that are other languages' words made context-only:"
          f" {', '.join(sorted(foreign_slang))}")
    strain_words = b.strain_words - common
    common |= strain_words
    header.append(
        f"# plus {len(strain_words)} one-word cannabis strain names that are English words at Zipf >="
        f" {MEDICINE_WORD_ZIPF} (tools/build_kb.py, load_strains)."
    )
    print(f"  {len(strain_words)} one-word strain names that are English words made everyday words")
    b.finish(common, hand_context, noise_words())
    # Canonical names and the names used as names are drug words even when frequent ("cocaine"): keep them out of
    # the collision list so that the validator does not ask for context on them.
    names = b.drug_names(hand_context)
    # A foreign name known only with its accents ("héroïne") whose plain spelling is an everyday English word
    # ("heroine") stays in the list: the detector then reads the name typed without accents as an ordinary word. Plain
    # spellings frequent in the name's own languages ("cocaina", "heroina") are that name typed fast.
    name_rows = [r for r in b.terms.values() if r.kind in ("name", "brand", "cas") and r.lang != "en"]
    accented_only = {fold(r.text) for r in name_rows} - {r.text.lower() for r in name_rows} - set(b.subs)
    accented_only -= set(b.hand_aliases) | set(b.hand_strong)
    kept = accented_only & english_words()
    common_out = sorted((common | hand_context) - (names - kept))
    print(f"  {len(kept)} plain spellings of accented names kept as everyday words: {', '.join(sorted(kept))}")

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
        FOREIGN_WORDS_FILE: foreign_markers(),
    }
    # The loader validates the folder and refuses a bad one: check the output the same way before it is written
    # (a hand term forced to context_only 0 that the new collision list calls ordinary would break every scan).
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in files.items():
            (Path(tmp) / name).write_text(content, encoding="utf-8", newline="\n")
        b.problems.extend(f"output {p}" for p in validate_kb(tmp))
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

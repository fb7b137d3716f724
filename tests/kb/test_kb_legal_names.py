"""Names from the controlled-substance lists (INCB Yellow/Green, 21 CFR 1308, CDSA, UK): which names of a law's entry
are names an offer would use, and what the shipped KB makes of them."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from toolmod import load_tool

from narcotrace.kb import KnowledgeBase, load_kb

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build_kb() -> ModuleType:
    # The name rules are pure functions: no wordfreq or opencc needed to test them.
    return load_tool("build_kb")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Bromazolam", True),
        ("U-47700", True),
        ("2C-T-7", True),
        ("5F-MDMB-PICA", True),
        ("Lysergic acid diethylamide", True),
        ("alpha-PiHP", True),
        ("Acetyl fentanyl", True),
        # Systematic names and their fragments.
        ("1-(5-fluoropentyl)-3-(1-naphthoyl)indole", False),
        ("5-ethyl-5-phenylbarbituric acid", False),
        ("4-fluorobenzyl", False),
        ("naphthalen-1-yl", False),
        ("2,5-dimethoxyamphetamine", False),
        ("4′-chloro-α-pyrrolidinopentiophenone", False),
        ("33887-0-4 clonazolam", False),
        # Clauses of the law.
        ("its salts", False),
        ("but not including", False),
        ("Cannabimimetic agents", False),
        ("Reserved", False),
        ("21 U.S.C. 355", False),
    ],
)
def test_offer_name(build_kb: ModuleType, name: str, ok: bool) -> None:
    assert build_kb.offer_name(name) is ok


@pytest.mark.parametrize(
    ("entry", "names"),
    [
        ("(108) 1-(5-fluoropentyl)-3-(1-naphthoyl)indole (AM2201)", ["AM2201"]),
        ("(85) ortho-Fluorofentanyl (N-(2-fluorophenyl)-N-(1-phenethylpiperidin-4-yl)propionamide); also known as "
         "2-fluorofentanyl)", ["ortho-Fluorofentanyl", "2-fluorofentanyl"]),
        ("(7) Alphacetylmethadol (except levo-alphacetylmethadol also known as levo-alpha-acetylmethadol, "
         "levomethadyl acetate, or LAAM)", ["Alphacetylmethadol"]),  # an exception is another substance
        ("(K) 1-pentyl-3-[(4-methoxy)-benzoyl]indole (SR-19 and RCS-4);", ["SR-19", "RCS-4"]),
        ("(xix) Tincture of opium", ["opium"]),
        ("(iv) Etorphine hydrochloride", ["Etorphine"]),
        ("Diacetylmorphine (heroin)", ["Diacetylmorphine", "heroin"]),
        ("Ephenidine (NEDPA, EPE) (N-ethyl-1,2-diphenylethylamine)", ["Ephenidine", "NEDPA", "EPE"]),
        ("1-(1,3-benzodioxol-5-yl)-2-(methylamino)pentan-1-one (pentylone, bk-MBDP)", ["pentylone", "bk-MBDP"]),
        ("Methyl 3,3-dimethyl-2-(1-(pent-4-en-1-yl)-1H-indazole-3-carboxamido)butanoate (MDMB-4en-PINACA)",
         ["MDMB-4en-PINACA"]),
    ],
)
def test_legal_entry_names(build_kb: ModuleType, entry: str, names: list[str]) -> None:
    assert build_kb.legal_entry_names(entry) == names


def test_green_list_names_stop_at_the_systematic_name(build_kb: ModuleType) -> None:
    assert build_kb.green_list_names("PA 003 300-62-9 AMFETAMINE amphetamine (±)-α-methylphenethylamine") == [
        "AMFETAMINE",
        "amphetamine",
    ]
    assert build_kb.green_list_names("PP 005 77-10-1 PHENCYCLIDINE PCP 1-(1-phenylcyclohexyl)piperidine") == [
        "PHENCYCLIDINE",
        "PCP",
    ]


@pytest.mark.parametrize(
    ("name", "cls", "severity", "source"),
    [
        ("bromazolam", "benzodiazepine", "medium", "legal/un-incb/incb_green_list.csv"),
        ("flualprazolam", "benzodiazepine", "medium", "legal/us-21cfr/cfr21_1308_schedules_I-V.csv"),
        ("diphenidine", "other", "medium", "legal/canada-cdsa/cdsa_schedules_I-VI.csv"),
        ("brorphine", "opioid", "high", "legal/us-21cfr/cfr21_1308_schedules_I-V.csv"),
        ("cyclopropylfentanyl", "fentanyl", "critical", "legal/un-incb/incb_yellow_list.csv"),
        ("4-fluoroamphetamine", "stimulant", "medium", "legal/us-21cfr/cfr21_1308_schedules_I-V.csv"),
        ("am2201", "other", "medium", "legal/us-21cfr/cfr21_1308_schedules_I-V.csv"),
        # A listed name that the KB had already is that substance, not a second one.
        ("acetylfentanyl", "fentanyl", "critical", "legal/us-21cfr/cfr21_1308_schedules_I-V.csv"),
        # New psychoactive substances that only the PRC's 2015 supplementary list names (session 11)
        ("2-fma", "other", "medium", "china_controlled_substances/非药用类麻醉药品和精神药品管制品种增补目录_table1.csv"),
        ("mexedrone", "other", "medium", "china_controlled_substances/非药用类麻醉药品和精神药品管制品种增补目录_table4.csv"),
        ("4-aco-dmt", "other", "medium", "china_controlled_substances/非药用类麻醉药品和精神药品管制品种增补目录_table6.csv"),
    ],
)
def test_listed_substances(kb: KnowledgeBase, name: str, cls: str, severity: str, source: str) -> None:
    info = kb.substances[name]
    assert (info.cls, info.severity) == (cls, severity)
    assert source in info.sources


@pytest.mark.parametrize(
    ("text", "substance", "context_only"),
    [
        ("Bromazolam", "bromazolam", False),
        ("AM-2201", "am2201", False),  # the canonical name joined another way is a name
        ("Acetyl fentanyl", "acetylfentanyl", False),
        ("MXP", None, None),  # three-letter acronyms are left out ("DEP": light deprivation)
        ("DEP", None, None),
        ("PMMA", "para-methoxymethamphetamine", True),  # four letters: only beside sale intent
    ],
)
def test_listed_terms(kb: KnowledgeBase, text: str, substance: str | None, context_only: bool | None) -> None:
    found = [t for t in kb.terms if t.text.lower() == text.lower() and "legal/" in t.source]
    if substance is None:
        assert found == []
    else:
        assert [(t.substance, t.context_only) for t in found] == [(substance, context_only)]


def test_no_duplicates_from_plural_or_joined_names(kb: KnowledgeBase) -> None:
    # "Acetyl fentanyl" (21 CFR) is the PRC list's "acetylfentanyl"; "Tetrahydrocannabinols" is a group of the law.
    for name in ("acetyl fentanyl", "tetrahydrocannabinol", "2c-phenethylamines", "methyl 3", "4-methylethcathi"):
        assert name not in kb.substances


def test_exempted_items_are_not_controlled(kb: KnowledgeBase) -> None:
    # CDSA Schedule I lists naloxone and naltrexone under "but not including": they stay medicines.
    for name in ("naloxone", "naltrexone", "apomorphine"):
        assert kb.substances[name].cls == "prescription"


@pytest.mark.parametrize(
    ("name", "present"),
    [
        # RedMed medicines whose INN is a written English word (Zipf >= 2.5) but which DrugBank gives a brand.
        ("metformin", True),
        ("warfarin", True),
        ("estradiol", True),
        # Foods and elements: DrugBank allergen extracts without a name of their own.
        ("apricot", False),
        ("haddock", False),
        ("hazelnut", False),  # tools/kb/exclude.tsv: "filberts" is the nut's other name
    ],
)
def test_medicines_that_are_written_words(kb: KnowledgeBase, name: str, present: bool) -> None:
    assert (name in kb.substances) is present
    if present:
        info = kb.substances[name]
        assert (info.cls, info.severity) == ("prescription", "low")
        own = [t for t in kb.terms if t.substance == name and t.text == name]
        assert [t.context_only for t in own] == [True]  # a written word: only beside sale intent


def test_glucophage_names_metformin(kb: KnowledgeBase) -> None:
    assert [(t.substance, t.context_only) for t in kb.terms if t.text == "glucophage"] == [("metformin", True)]


@pytest.mark.parametrize(
    ("text", "substance", "lang"),
    [
        ("Tilidin", "tilidine", "de"),  # the German INN drops the final e
        ("N-Ethylnorpentylon", "n-ethylpentylone", "de"),
        ("bk-EBDP", "n-ethylpentylone", "en"),  # a code is the same in every language
        ("U-48800", "u-48800", "en"),
    ],
)
def test_btmg_names(kb: KnowledgeBase, text: str, substance: str, lang: str) -> None:
    found = [(t.substance, t.lang) for t in kb.terms if t.text == text and "germany-btmg" in t.source]
    assert found == [(substance, lang)]


def test_btmg_german_spellings_key_no_substance(kb: KnowledgeBase) -> None:
    assert "4-fluormethamfetamin" not in kb.substances
    assert "2c-l" not in kb.substances  # the transcription's 2C-I, tools/kb/exclude.tsv


def test_a_prc_remark_that_runs_a_code_into_a_name_is_two_names(kb: KnowledgeBase) -> None:
    """The PRC list writes "2-FDCKFluoroketamine": the code and the name, not a third substance."""
    assert "2-fdckfluoroketamine" not in kb.substances
    assert "china_controlled_substances/非药用类麻醉药品和精神药品管制品种增补目录_table5.csv" in kb.substances[
        "2-fluorodeschloroketamine"].sources

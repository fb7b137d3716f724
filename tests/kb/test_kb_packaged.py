"""The shipped knowledge base: validates clean, and spot checks of what the detector and the policy rely on."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import narcotrace.kb as kb_pkg
from narcotrace.kb import CLASSES, KnowledgeBase, load_kb, validate_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def find(kb: KnowledgeBase, text: str, substance: str | None = None) -> list[kb_pkg.Term]:
    return [t for t in kb.terms if t.text == text and (substance is None or t.substance == substance)]


def test_shipped_kb_validates_clean() -> None:
    assert validate_kb() == []


def test_classes_are_exactly_the_agreed_ids() -> None:
    assert set(CLASSES) == {
        "fentanyl", "nitazene", "opioid", "stimulant", "benzodiazepine", "cannabis", "psychedelic",
        "dissociative", "precursor", "equipment", "prescription", "other",
    }  # fmt: skip


# (term as written, substance, kind, lang, context_only)
SPOT_TERMS = [
    ("M30", "counterfeit oxycodone m30", "imprint", "en", False),
    ("M-30", "counterfeit oxycodone m30", "imprint", "en", True),  # also Madrid's ring road: needs context
    ("A/215", "counterfeit oxycodone", "imprint", "en", True),  # "a" and "215" alone are not drug words
    ("芬太尼", "fentanyl", "name", "zh", False),  # same characters in simplified and traditional
    ("卡芬太尼", "carfentanil", "name", "zh", False),
    ("羟考酮", "oxycodone", "name", "zh-Hans", False),
    ("羥考酮", "oxycodone", "name", "zh-Hant", False),
    ("fentanilo", "fentanyl", "name", "es", False),
    ("Tranq", "xylazine", "slang", "en", False),
    ("ISO", "isotonitazene", "slang", "en", True),
    ("K粉", "ketamine", "jargon", "zh", False),
    ("麻古", "methamphetamine", "jargon", "zh", False),
    ("ยาบ้า", "methamphetamine", "slang", "th", False),
    ("フェンタニル", "fentanyl", "name", "ja", False),
    ("펜타닐", "fentanyl", "name", "ko", False),
    ("фентанил", "fentanyl", "name", "ru", False),
    ("fentanil", "fentanyl", "name", "pt", False),
    ("kétamine", "ketamine", "name", "fr", False),
    ("Diacetylmorphin", "heroin", "name", "de", False),
    ("hennep", "cannabis", "name", "nl", False),
    ("NPP", "npp", "synonym", "en", False),
    ("79099-07-3", "1-boc-4-piperidone", "cas", "und", False),
    ("pill press", "pill press", "name", "en", False),
    ("Ice", "methamphetamine", "slang", "en", True),
    ("Molly", "mdma", "slang", "en", True),
    ("blues", "counterfeit oxycodone m30", "slang", "en", True),
    ("❄️", "cocaine", "emoji", "und", True),
]


@pytest.mark.parametrize(("text", "substance", "kind", "lang", "context_only"), SPOT_TERMS)
def test_spot_terms(kb: KnowledgeBase, text: str, substance: str, kind: str, lang: str, context_only: bool) -> None:
    hits = find(kb, text, substance)
    assert len(hits) == 1, f"{text!r} -> {substance!r}: {hits}"
    term = hits[0]
    assert (term.kind, term.lang, term.context_only) == (kind, lang, context_only)
    assert term.source


# (substance, class, severity): the severity rules of docs/DESIGN.md
SPOT_SUBSTANCES = [
    ("fentanyl", "fentanyl", "critical"),
    ("carfentanil", "fentanyl", "critical"),
    ("counterfeit oxycodone m30", "fentanyl", "critical"),
    ("isotonitazene", "nitazene", "critical"),
    ("metonitazene", "nitazene", "critical"),
    ("npp", "precursor", "critical"),
    ("4-anpp", "precursor", "critical"),
    ("4-ap", "precursor", "critical"),
    ("1-boc-4-ap", "precursor", "critical"),
    ("norfentanyl", "precursor", "critical"),
    ("4-piperidone", "precursor", "critical"),
    ("1-boc-4-piperidone", "precursor", "critical"),
    ("pill press", "equipment", "critical"),
    ("pill press die", "equipment", "critical"),
    ("heroin", "opioid", "high"),
    ("oxycodone", "opioid", "high"),
    ("tramadol", "opioid", "high"),
    ("methamphetamine", "stimulant", "high"),
    ("cocaine", "stimulant", "high"),
    ("mdma", "stimulant", "medium"),
    ("amphetamine", "stimulant", "medium"),
    ("lsd", "psychedelic", "medium"),
    ("ketamine", "dissociative", "medium"),
    ("alprazolam", "benzodiazepine", "medium"),
    ("ghb", "other", "medium"),
    ("ephedrine", "precursor", "medium"),
    # 21 CFR 1310.02(a) List I chemicals the 1988 tables do not name (session 22)
    ("red phosphorus", "precursor", "medium"),
    ("methylamine", "precursor", "medium"),
    ("benzyl cyanide", "precursor", "medium"),
    ("benzylfentanyl", "precursor", "critical"),
    ("propionyl chloride", "precursor", "critical"),
    ("sildenafil", "prescription", "medium"),
    ("gabapentin", "prescription", "medium"),
    ("modafinil", "prescription", "medium"),
    ("xylazine", "other", "medium"),
    ("cannabis", "cannabis", "low"),
    ("kratom", "other", "low"),
]


@pytest.mark.parametrize(("name", "cls", "severity"), SPOT_SUBSTANCES)
def test_spot_substances(kb: KnowledgeBase, name: str, cls: str, severity: str) -> None:
    info = kb.substances[name]
    assert (info.cls, info.severity) == (cls, severity)
    assert info.sources


@pytest.mark.parametrize(
    ("name", "cas"),
    [
        ("fentanyl", "437-38-7"),
        ("carfentanil", "59708-52-0"),
        ("heroin", "561-27-3"),
        ("oxycodone", "76-42-6"),  # the PRC list's 76-42-5 fails the check digit and is left out
        ("1-boc-4-ap", "125541-22-2"),
        ("npp", "39742-60-4"),
        ("isotonitazene", "14188-81-9"),
    ],
)
def test_cas_numbers(kb: KnowledgeBase, name: str, cas: str) -> None:
    assert cas in kb.substances[name].cas
    assert "76-42-5" not in kb.substances[name].cas


@pytest.mark.parametrize(
    ("name", "cas"),
    [("3,4-mdp-2-p methyl glycidic acid", "28578-16-7"), ("p-2-p methyl glycidic acid", "80532-66-7")],
)
def test_ester_cas_numbers_are_terms_not_the_substances_own(kb: KnowledgeBase, name: str, cas: str) -> None:
    """The INCB Red List's numbers of the glycidate esters ("PMK ethyl glycidate" is 28578-16-7) match as terms of
    the acid "and its esters"; the substance's own numbers, which the legal tables copy, stay the acid's."""
    assert any(t.text == cas and t.substance == name and t.kind == "cas" for t in kb.terms)
    assert cas not in kb.substances[name].cas


def test_dealer_emoji_are_signals_not_substances(kb: KnowledgeBase) -> None:
    signals = {e.emoji: e.signal for e in kb.emoji_signals}
    assert signals["🔌"] == "dealer"
    assert signals["🚀"] == "potency"
    assert signals["📦"] == "shipping"
    assert not find(kb, "🔌")
    assert not set(signals) & {t.text for t in kb.terms}


def test_every_emoji_term_needs_context(kb: KnowledgeBase) -> None:
    # DEA: emoji alone are not indicative of illegal activity.
    emoji = [t for t in kb.terms if t.kind == "emoji"]
    assert len(emoji) >= 25
    assert all(t.context_only for t in emoji)


def test_disagreements_are_recorded(kb: KnowledgeBase) -> None:
    banana = find(kb, "🍌")[0]
    assert banana.substance == "counterfeit oxycodone" and "[DISAGREE]" in banana.note
    assert {t.substance for t in find(kb, "💎")} == {"cocaine", "methamphetamine"}


REQUIRED_LANGS = ["en", "es", "zh-Hans", "zh-Hant", "th", "ko", "ja", "ru", "pt", "fr", "de", "nl"]


@pytest.mark.parametrize("lang", REQUIRED_LANGS)
def test_every_required_language_has_terms(kb: KnowledgeBase, lang: str) -> None:
    assert any(t.lang == lang for t in kb.terms)


def test_simplified_chinese_terms_have_their_traditional_form(kb: KnowledgeBase) -> None:
    hans = {(t.substance, t.kind) for t in kb.terms if t.lang == "zh-Hans"}
    hant = {(t.substance, t.kind) for t in kb.terms if t.lang == "zh-Hant"}
    assert hans and hans == hant


def test_every_term_names_a_known_substance_and_a_source(kb: KnowledgeBase) -> None:
    assert all(t.substance in kb.substances and t.source for t in kb.terms)


def test_runtime_does_not_import_build_dependencies() -> None:
    # opencc and wordfreq are build-time only (extra "kb-build").
    for path in Path(kb_pkg.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {m.split(".")[0] for m in names} & {"opencc", "wordfreq"}, path


def test_public_api() -> None:
    assert set(kb_pkg.__all__) == {
        "CLASSES", "KINDS", "SEVERITIES", "SIGNALS", "EmojiSignal", "KnowledgeBase", "SubstanceInfo", "Term",
        "load_kb", "validate_kb",
    }  # fmt: skip


def test_excluded_mined_terms_stay_out(kb: KnowledgeBase) -> None:
    # tools/kb/exclude.tsv lists RedMed neighbours that name something else ("panax" is ginseng, not Xanax).
    lines = (Path(__file__).resolve().parents[2] / "tools" / "kb" / "exclude.tsv").read_text(encoding="utf-8")
    pairs = [ln.split("\t")[:2] for ln in lines.splitlines()[1:] if ln and not ln.startswith(("#", "term\t"))]
    assert len(pairs) >= 20
    present = {(t.text.casefold(), t.substance) for t in kb.terms}
    assert [p for p in pairs if (p[0].casefold(), p[1]) in present] == []


def test_mined_terms_that_are_other_languages_words_stay_out(kb: KnowledgeBase) -> None:
    """RedMed's Reddit neighbours and the DEA's long-tail slang named drugs with everyday words of other languages
    (tools/build_kb.py, FOREIGN_LANGS): Indonesian "dalam" (in) was midazolam, "belum" (not yet) cloxazolam, "tetap"
    (still) a chelator, Italian "concerti" methylphenidate. Mined ones are left out; DEA slang needs context (session
    12); a word of the drug itself keeps its strength."""
    present = {t.text.casefold() for t in kb.terms}
    assert not {"dalam", "belum", "tetap", "bahan", "badan", "concerti", "beyaz", "kawin"} & present
    strength = {t.text.casefold(): t.context_only for t in kb.terms if t.kind == "slang"}
    assert strength["seni"] and strength["topi"] and strength["gamot"]  # Turkish "you", Malay "hat", Tagalog "medicine"
    assert not strength["fent"] and not strength["shabu"]  # Catalan "fent" (doing) aside, the words of the drug


def test_everyday_words_of_other_languages_sell_no_drug() -> None:
    from narcotrace import Item
    from narcotrace.detect import Scanner

    scanner = Scanner()
    for text in ("Jual baju murah, pengiriman dalam kota, hubungi WA 08123456789",  # clothes, delivery in town
                 "Barang belum ready, dijual minggu depan, chat WA"):  # not ready yet, on sale next week
        assert scanner.scan_item(Item(text=text)).label == "none", text


def test_lollipops_is_no_fentanyl_name(kb: KnowledgeBase) -> None:
    """A mined lexicon's "lollipops" named fentanyl outright (wordfreq ranks the plural below the everyday word's
    threshold); it is excluded, and the DEA's singular "Lollipop" stays context-only (session 18)."""
    assert not any(t.text.lower() == "lollipops" for t in kb.terms)
    assert all(t.context_only for t in kb.terms if t.text.lower() == "lollipop")


def test_school_lab_chemicals_and_lozenges_name_no_drug(kb: KnowledgeBase) -> None:
    """A lozenge is a dosage form, not fentanyl; chloric acid (read inside "hydrochloric acid"), citric acid,
    phenolphthalein and RedMed's "coppper" named medicines in a school's lab-supply listing (session 24 probe: an
    offer at 0.999)."""
    assert not any(t.text.lower() == "lozenge" and t.substance == "fentanyl" for t in kb.terms)
    for name in ("chloric acid", "citric acid", "phenolphthalein"):
        assert name not in kb.substances
    assert not any(t.text.lower() == "coppper" for t in kb.terms)
    from narcotrace import Item
    from narcotrace.detect import Scanner

    v = Scanner().scan_item(Item(text=(
        "Lab supply for schools: hydrochloric acid 0.1M 500ml, phenolphthalein indicator, litmus paper. Purchase "
        "orders accepted"
    )))
    assert v.label != "offer", [(e.signal, e.text) for e in v.evidence]


def test_list_one_names_the_kb_has_otherwise_are_not_new_substances(kb: KnowledgeBase) -> None:
    """Ergonovine is ergometrine, phenylpropanolamine norephedrine, norpseudoephedrine the controlled cathine; iodine
    and benzaldehyde are left out as everyday products (session 22)."""
    for name in ("ergonovine", "phenylpropanolamine", "norpseudoephedrine", "iodine", "benzaldehyde"):
        assert name not in kb.substances
    assert kb.substances["cathine"].cls != "precursor"
    list_one = "legal/us-21cfr/cfr21_1310_02_list_I_II_chemicals.csv"
    assert list_one in kb.substances["ergometrine"].sources and list_one in kb.substances["norephedrine"].sources
    # a RedMed misspelling that is another substance's name is that substance's ("ethylamine" is no methylamine)
    assert {t.substance for t in kb.terms if t.text.lower() == "ethylamine"} == {"ethylamine"}

"""Table-driven decisions of the packaged default policy (verdicts built directly, no detector involved)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from narcotrace.items import Indicator, Item, Substance, Verdict
from narcotrace.policy import PolicyError, decide, default_policy, load_policy, shadow_diff

FENTANYL = (Substance("fentanyl", "fentanyl"),)
CANNABIS = (Substance("cannabis", "cannabis"),)
NPP = (Substance("npp", "precursor"),)
TG = (Indicator("telegram", "@plug", "plug", True, 0, 5),)


def verdict(label: str, substances: tuple[Substance, ...], severity: str, score: float = 0.95) -> Verdict:
    return Verdict("t", label, score, substances, severity, indicators=TG if label == "offer" else ())


# (case, verdict, jurisdiction, expected action, legal-basis prefixes that must all be cited)
CASES = [
    ("fentanyl offer US", verdict("offer", FENTANYL, "critical"), "US", "remove-and-escalate",
     ("US: 21 CFR 1308.12(c) Schedule II", "UN: Single Convention on Narcotic Drugs 1961, Schedule I")),
    ("fentanyl offer CN", verdict("offer", FENTANYL, "critical"), "CN", "remove-and-escalate",
     ("CN: 麻醉药品品种目录 (2013) narcotic", "CN: 非药用类麻醉药品和精神药品管制品种增补目录 supplementary (whole class)",
      "UN: Single Convention on Narcotic Drugs 1961, Schedule I")),
    ("fentanyl offer UK", verdict("offer", FENTANYL, "critical"), "UK", "remove-and-escalate",
     ("UK: Misuse of Drugs Act 1971 Class A", "UN: Single Convention on Narcotic Drugs 1961, Schedule I")),
    ("fentanyl offer GB alias", verdict("offer", FENTANYL, "critical"), "GB", "remove-and-escalate",
     ("UK: Misuse of Drugs Act 1971 Class A",)),
    ("precursor offer US", verdict("offer", NPP, "critical"), "US", "remove-and-escalate",
     ("US: 21 CFR 1310.02(a) List I", "UN: Convention against Illicit Traffic 1988, Table I")),
    ("precursor offer MX", verdict("offer", NPP, "critical"), "MX", "remove-and-escalate",
     ("MX: Ley Federal para el Control de Precursores Químicos art. 4", "UN: Convention against Illicit Traffic 1988, Table I")),
    ("precursor offer DE (EU law)", verdict("offer", NPP, "critical"), "DE", "remove-and-escalate",
     ("DE: Regulation (EC) No 273/2004 Annex I Category 1", "UN: Convention against Illicit Traffic 1988, Table I")),
    ("cannabis offer CN", verdict("offer", CANNABIS, "low"), "CN", "remove", ("CN: 麻醉药品品种目录 (2013)",)),
    ("cannabis offer CA", verdict("offer", CANNABIS, "low"), "CA", "age-restrict", ("CA: Cannabis Act (S.C. 2018, c. 16)",)),
    ("cannabis offer TH", verdict("offer", CANNABIS, "low"), "TH", "label", ("TH: ",)),
    # The 2021 BtMG copy and the 2024 KCanG disagree: both are cited, both uncertain, a human decides.
    ("cannabis offer DE", verdict("offer", CANNABIS, "low"), "DE", "label",
     ("DE: Betäubungsmittelgesetz (BtMG) Anlage I [uncertain]", "DE: Konsumcannabisgesetz (KCanG)")),
    ("cannabis offer NL", verdict("offer", CANNABIS, "low"), "NL", "remove", ("NL: Opiumwet Lijst II",)),
    # An analogue missing from the UK list: only the PSA class rule (uncertain) and UN 1961 can be cited.
    ("fentanyl analogue offer UK", verdict("offer", (Substance("acetylfentanyl", "fentanyl"),), "critical"), "UK",
     "remove-and-escalate", ("UK: Psychoactive Substances Act 2016 (c. 2) ss. 2-5 [uncertain]",
                             "UN: Single Convention on Narcotic Drugs 1961, Schedule I")),
    ("nitrous oxide offer UK", verdict("offer", (Substance("nitrous oxide", "other"),), "low"), "UK", "remove",
     ("UK: Misuse of Drugs Act 1971 Class C",)),
]
TOML_DEFAULT = Path(__file__).resolve().parents[2] / "examples" / "policy" / "default.toml"


@pytest.mark.parametrize("fmt", ["yaml", "toml"])
@pytest.mark.parametrize(("case", "v", "jurisdiction", "action", "cites"), CASES, ids=[c[0] for c in CASES])
def test_offer_decisions(case: str, v: Verdict, jurisdiction: str, action: str, cites: tuple[str, ...],
                         fmt: str) -> None:
    policy = default_policy() if fmt == "yaml" else load_policy(TOML_DEFAULT)
    (d,) = policy.decide(v, Item(text="x", kind="post"), [jurisdiction])
    assert d.action == action, (case, d)
    for prefix in cites:
        assert any(b.startswith(prefix) for b in d.legal_basis), (prefix, d.legal_basis)
    if d.jurisdiction != "UN":
        assert all("(checked " in b for b in d.legal_basis if not b.startswith("UN:")), d.legal_basis


def test_cannabis_offer_differs_in_canada_and_thailand_from_china() -> None:
    ds = {d.jurisdiction: d for d in default_policy().decide(verdict("offer", CANNABIS, "low"), None, ["CN", "CA", "TH"])}
    assert ds["CA"].action != ds["CN"].action
    assert ds["TH"].action != ds["CN"].action
    assert any("[uncertain]" in b for b in ds["TH"].legal_basis)


ALL = ("US", "CN", "UK", "CA", "MX", "TH", "DE", "NL")


@pytest.mark.parametrize("jurisdiction", ALL)
def test_precursor_offer_cites_1988_table_i_everywhere(jurisdiction: str) -> None:
    (d,) = default_policy().decide(verdict("offer", NPP, "critical"), None, [jurisdiction])
    assert d.action != "allow"
    assert "UN: Convention against Illicit Traffic 1988, Table I" in d.legal_basis


@pytest.mark.parametrize("substances", [(), FENTANYL, CANNABIS, (Substance("cocaine", "stimulant"),)])
def test_news_item_is_allowed_everywhere(substances: tuple[Substance, ...]) -> None:
    v = Verdict("news", "discussion", 0.02, substances, "none")
    ds = default_policy().decide(v, Item(text="news", kind="page"), ALL)
    assert [d.action for d in ds] == ["allow"] * len(ALL)
    assert all(d.legal_basis == () for d in ds)


def test_harm_reduction_post_is_allowed_with_resources() -> None:
    v = Verdict("hr", "discussion", 0.05, FENTANYL, "none")
    ds = {d.jurisdiction: d for d in default_policy().decide(v, None, ALL)}
    assert {d.action for d in ds.values()} == {"allow"}
    assert any("1-800-662-4357" in r for r in ds["US"].resources)
    assert ds["UK"].resources and ds["US"].resources != ds["UK"].resources


def test_unknown_jurisdiction_is_an_error_not_a_fallback() -> None:
    with pytest.raises(PolicyError, match="'FR' is not declared"):
        default_policy().decide(verdict("offer", FENTANYL, "critical"), None, ["US", "FR"])


def test_decision_order_follows_requested_jurisdictions_and_function_form() -> None:
    v = verdict("offer", CANNABIS, "low")
    assert [d.jurisdiction for d in decide(default_policy(), v, None, ["TH", "US", "CA"])] == ["TH", "US", "CA"]


def test_policy_pickles_and_decides_the_same() -> None:
    p = default_policy()
    q = pickle.loads(pickle.dumps(p))
    v = verdict("offer", FENTANYL, "critical")
    assert q.decide(v, None, ALL) == p.decide(v, None, ALL)


DRAFT = """\
version: 1
jurisdictions: [US, CA, TH]
default: {action: label}
rules:
  - id: strict-cannabis
    when: {label: [offer], class: [cannabis]}
    action: remove
  - id: offers
    when: {label: [offer]}
    action: remove-and-escalate
"""


def test_shadow_diff_reports_only_changed_decisions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    draft = load_policy(path)
    verdicts = [verdict("offer", CANNABIS, "low"), Verdict("n", "none", 0.0)]
    diff = shadow_diff(default_policy(), draft, verdicts, None, ["US", "CA", "TH"])
    got = {(d["id"], d["jurisdiction"]): (d["current"]["action"], d["draft"]["action"]) for d in diff}
    assert got == {
        ("t", "CA"): ("age-restrict", "remove"),
        ("t", "TH"): ("label", "remove"),
        ("n", "US"): ("allow", "label"),
        ("n", "CA"): ("allow", "label"),
        ("n", "TH"): ("allow", "label"),
    }
    assert all(d["current"]["rule"] and d["draft"]["rule"] for d in diff)

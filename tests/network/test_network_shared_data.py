"""On real data: the drug-promotion tweets with authors (pip_twitter_drug_samples.jsonl) form seller clusters.

Each cluster must be linked by a valid indicator written in the tweets of at least two of its accounts,
and the phone/WeChat rings the study's own extractor listed in `contacts` must show up among our clusters.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narcotrace.cli import main
from narcotrace.indicators import extract
from narcotrace.network.weights import indicator_key

pytestmark = pytest.mark.shared_data


def test_pip_drug_samples_form_clusters_linked_by_shared_indicators(
    shared_data: Path, tmp_path: Path
) -> None:
    src = shared_data / "pip_twitter_drug_samples.jsonl"
    ind = tmp_path / "ind.jsonl"
    out = tmp_path / "clusters.jsonl"
    assert main(["indicators", str(src), "-o", str(ind), "--valid-only"]) == 0
    assert (
        main(
            [
                "network",
                str(ind),
                "--items",
                str(src),
                "--author-field",
                "author_id",
                "--platform",
                "twitter",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    clusters = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(clusters) >= 20  # 39 when measured (docs/network.md)
    texts: dict[str, list[str]] = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        texts.setdefault(str(rec["author_id"]), []).append(rec["text"])
    for c in clusters:
        assert c["size"] >= 2 and c["indicators"]
        members = {a["author"] for a in c["accounts"]}
        assert len(members) == c["size"]
        for i in c["indicators"]:
            key = (i["type"], i["normalized"])
            holders = {
                a
                for a in members
                if any(
                    indicator_key(x.type, x.normalized) == key and x.valid
                    for t in texts[a]
                    for x in extract(t)
                )
            }
            # the indicator is really written by every account the cluster says shows it
            assert holders >= {c["accounts"][k]["author"] for k in i["accounts"]}
            assert len(holders) >= 2 and i["weight"] >= 0.25
    phone_clusters = [
        c for c in clusters if any(i["normalized"] == "+8613046652044" for i in c["indicators"])
    ]
    assert (
        len(phone_clusters) == 1 and phone_clusters[0]["size"] >= 3
    )  # the RUSH seller's numbers, 6 accounts


def test_torrez_titles_carry_almost_no_contacts(shared_data: Path, tmp_path: Path) -> None:
    """Market listing titles name vendors, not contacts: the network finds nothing to link there."""
    import csv

    items = tmp_path / "torrez.jsonl"
    with (
        open(shared_data / "torrez_product_20210517_cleaned.csv", encoding="utf-8") as fh,
        open(items, "w", encoding="utf-8") as out_fh,
    ):
        for i, row in enumerate(csv.DictReader(fh)):
            out_fh.write(json.dumps({"id": str(i), "text": row["product"], "author": row["vendor"]}) + "\n")
    ind = tmp_path / "ind.jsonl"
    out = tmp_path / "clusters.jsonl"
    assert main(["indicators", str(items), "-o", str(ind), "--valid-only"]) == 0
    assert len(ind.read_text().splitlines()) < 20
    assert main(["network", str(ind), "--items", str(items), "-o", str(out)]) == 0
    assert out.read_text() == ""

"""Model directories: format, KB-version check, and the train -> scan --model -> eval loop through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from narcotrace import ModelError
from narcotrace.detect.model import FEATURES, LinearModel, default_model_dir, hash_tokens, text_tokens
from narcotrace.kb import load_kb

CLI = [sys.executable, "-m", "narcotrace.cli"]


def _model(**kw: object) -> LinearModel:
    base = dict(name="t", kb_version="kb1", features=FEATURES, weights=tuple(0.1 * i for i in range(len(FEATURES))),
                bias=-1.5, threshold=0.4, base_weight=1.0, text_bits=12, text_weights={3: 0.5, 77: -1.25})
    base.update(kw)
    return LinearModel(**base)  # type: ignore[arg-type]


def test_save_load_round_trip(tmp_path: Path) -> None:
    m = _model()
    m.save(tmp_path / "m")
    back = LinearModel.load(tmp_path / "m", kb_version="kb1")
    assert back.text_weights == pytest.approx(m.text_weights)
    assert back.weights == pytest.approx(m.weights) and back.threshold == pytest.approx(0.4)
    dense = [1.0] * len(FEATURES)
    assert back.logit(dense, 2.0, [3, 77, 3]) == pytest.approx(m.logit(dense, 2.0, [3, 77]))


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d.update(kb_version="other"), "retrain"),
        (lambda d: d.update(format_version=99), "format version"),
        (lambda d: d.update(format="something"), "'format'"),
        (lambda d: d.update(features=d["features"][:-1]), "feature list"),
    ],
)
def test_mismatched_model_is_refused_with_a_clear_message(tmp_path: Path, edit, message: str) -> None:
    _model().save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    doc = json.loads(path.read_text())
    edit(doc)
    path.write_text(json.dumps(doc))
    with pytest.raises(ModelError, match=message):
        LinearModel.load(tmp_path / "m", kb_version="kb1")


def test_missing_text_weights_is_refused(tmp_path: Path) -> None:
    _model().save(tmp_path / "m")
    (tmp_path / "m" / "text_weights.npz").unlink()
    with pytest.raises(ModelError, match="text_weights.npz"):
        LinearModel.load(tmp_path / "m")


def test_shipped_model_was_trained_with_the_shipped_kb() -> None:
    # If this fails: the KB changed; run `python tools/train_default.py` and commit the model.
    assert LinearModel.load(default_model_dir()).kb_version == load_kb().version


def test_text_tokens_and_hashing_are_stable() -> None:
    toks = text_tokens("buy xanax 出售冰毒")
    assert "buy xanax" in toks and "出售" in toks and "冰毒" in toks
    assert hash_tokens(["buy"], 18) == hash_tokens(["buy"], 18) == [hash_tokens(["buy"], 32)[0] & ((1 << 18) - 1)]


OFFERS = [
    "zorblax tabs 2mg, dm for menu, ships fast",
    "fresh zorblax in stock, telegram @zshop",
    "zorblax 10 pcs $40, cashapp only",
    "got zorblax, hmu on wickr zzplug",
    "zorblax bulk discount, discreet shipping",
    "zorblax available now, snap zorbplug",
    "selling zorblax, meet up downtown",
    "zorblax sale today only dm",
]
OTHERS = [
    "the weather is nice today",
    "our team won the match 2-0",
    "reading a good book this weekend",
    "new cafe opened downtown, great coffee",
    "happy birthday to my sister",
    "traffic is terrible this morning",
    "just finished a long run",
    "watching the game with friends",
]


def test_train_scan_eval_loop(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    rows = [{"text": t, "label": "offer", "lang": "en"} for t in OFFERS] + [
        {"text": t, "label": "other", "lang": "en"} for t in OTHERS
    ] + [{"text": "not sure about this one", "label": "unsure"}]
    labelled.write_text("".join(json.dumps(r) + "\n" for r in rows))
    model_dir = tmp_path / "model"
    res = subprocess.run(CLI + ["train", str(labelled), "-o", str(model_dir), "--name", "unit"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    meta = json.loads((model_dir / "model.json").read_text())
    assert meta["kb_version"] == load_kb().version and meta["text_bits"] > 0 and meta["base_weight"] > 0.0

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "q", "text": "zorblax 5 pcs $20, telegram @qq_shop"}) + "\n"
                   + json.dumps({"id": "r", "text": "a quiet walk in the park"}) + "\n")
    res = subprocess.run(CLI + ["scan", str(src), "--model", str(model_dir)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    got = {v["id"]: v for v in map(json.loads, res.stdout.splitlines())}
    assert got["q"]["model"] == "unit"
    # An unknown word learned only from the platform's own data now carries the offer.
    assert got["q"]["score"] > got["r"]["score"]

    report = tmp_path / "report.json"
    res = subprocess.run(CLI + ["eval", str(labelled), "--model", str(model_dir), "--json", str(report)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "lang=en" in res.stdout and "worst false positives" in res.stdout
    rep = json.loads(report.read_text())
    assert rep["overall"]["n"] == 16 and rep["overall"]["positives"] == 8
    assert "calibration (score as P(offer))" in res.stdout
    cal = rep["calibration"]
    assert sum(b["n"] for b in cal["bins"]) == 16 and 0.0 <= cal["ece"] <= 1.0 and 0.0 <= cal["brier"] <= 1.0

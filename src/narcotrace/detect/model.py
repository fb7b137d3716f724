"""The learned part of detection: a logistic model over the general signals, optionally plus hashed text.

Two shapes share one file format (a directory with model.json and, for text features, text_weights.npz):
- the shipped default: weights over the dense, language-agnostic signals only;
- a platform's own (`narcotrace train`): the default model's logit as one input (so what narcotrace knows
  about other places is kept), the dense signals, and hashed word / character n-grams of its own data.
Nothing is pickled; inference is a dot product in numpy and a few dictionary lookups.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from narcotrace._exceptions import ModelError
from narcotrace.detect.signals import FEATURES

__all__ = ["FORMAT", "FORMAT_VERSION", "LinearModel", "default_model_dir", "text_tokens", "hash_tokens"]

FORMAT = "narcotrace-model"
FORMAT_VERSION = 1

# Words of spaced scripts, single emoji / symbols, and runs of CJK / Thai / Hangul / kana (split into bigrams).
_TOKEN_RE = re.compile(
    r"[0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f'$@#._-]+"
    r"|[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+"
    r"|[^\s0-9a-z]"
)
_RUN_SCRIPTS = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def text_tokens(normalized_text: str) -> list[str]:
    """Word unigrams and bigrams for spaced scripts; character bigrams for CJK, Thai, kana and Hangul runs."""
    words: list[str] = []
    for tok in _TOKEN_RE.findall(normalized_text):
        if _RUN_SCRIPTS.match(tok):
            if len(tok) == 1:
                words.append(tok)
            else:
                words.extend(tok[i : i + 2] for i in range(len(tok) - 1))
        else:
            words.append(tok.strip("._-'") or tok)
    out = list(words)
    out.extend(a + " " + b for a, b in zip(words, words[1:]))
    return out


def hash_tokens(tokens: Iterable[str], bits: int) -> list[int]:
    """Stable feature indices (crc32, not Python's salted hash) so a model means the same in every process."""
    mask = (1 << bits) - 1
    return [zlib.crc32(t.encode("utf-8")) & mask for t in tokens]


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A calibrated logistic model: P(offer) = sigmoid(bias + w.x [+ base_w * base_logit] [+ sum text_w])."""

    name: str
    kb_version: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    base_weight: float = 0.0
    text_bits: int = 0
    text_weights: dict[int, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    # Indices of dense features the platform's training data (almost) never showed. An item with any of them
    # is unlike that data, so the adaptation may raise the general model's logit there but never lower it.
    unsupported: tuple[int, ...] = ()

    @property
    def uses_text(self) -> bool:
        return self.text_bits > 0

    def logit(self, dense: Sequence[float], base_logit: float = 0.0, text_idx: Sequence[int] = ()) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, dense) if x)
        if self.base_weight:
            z += self.base_weight * base_logit
        if text_idx:
            tw = self.text_weights
            z += sum(tw.get(i, 0.0) for i in set(text_idx))
        # The floor is the general model's own logit (not base_weight times it: a platform that learned to trust
        # the general model less must not lower items its data never showed).
        if self.unsupported and self.base_weight and any(dense[i] for i in self.unsupported):
            z = max(z, base_logit)
        return z

    def weight_of(self, feature: str) -> float:
        try:
            return self.weights[self.features.index(feature)]
        except ValueError:
            return 0.0

    # --- persistence -------------------------------------------------------------------------------
    def save(self, directory: str | Path) -> Path:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        doc = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "kb_version": self.kb_version,
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 6),
            "base_weight": round(self.base_weight, 6),
            "text_bits": self.text_bits,
            "meta": self.meta,
        }
        if self.unsupported:
            doc["unsupported_features"] = [self.features[i] for i in self.unsupported]
        (d / "model.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if self.uses_text:
            idx = np.fromiter(self.text_weights.keys(), dtype=np.int32, count=len(self.text_weights))
            val = np.fromiter(self.text_weights.values(), dtype=np.float32, count=len(self.text_weights))
            order = np.argsort(idx)
            np.savez_compressed(d / "text_weights.npz", index=idx[order], value=val[order])
        return d

    @classmethod
    def load(cls, directory: str | Path, *, kb_version: str | None = None) -> LinearModel:
        """Load a model directory; with `kb_version`, refuse a model trained against another KB."""
        d = Path(directory)
        path = d / "model.json"
        if not path.is_file():
            raise ModelError(f"{d}: not a narcotrace model directory (no model.json)")
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path}: unreadable model file ({exc})") from None
        if doc.get("format") != FORMAT:
            raise ModelError(f"{path}: 'format' is {doc.get('format')!r}, expected {FORMAT!r}")
        if doc.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"{path}: model format version {doc.get('format_version')} is not supported by this narcotrace "
                f"(expects {FORMAT_VERSION}); retrain it with `narcotrace train`"
            )
        if kb_version is not None and doc.get("kb_version") != kb_version:
            raise ModelError(
                f"{path}: trained with knowledge base {doc.get('kb_version')!r} but this narcotrace has {kb_version!r}; "
                "retrain it with `narcotrace train` on the same labelled data"
            )
        feats = tuple(doc["features"])
        if feats != FEATURES:
            raise ModelError(f"{path}: the model's feature list does not match this narcotrace's signals; retrain it")
        unknown = [f for f in doc.get("unsupported_features", []) if f not in feats]
        if unknown:
            raise ModelError(f"{path}: 'unsupported_features' names unknown features {unknown}; retrain it")
        text_weights: dict[int, float] = {}
        bits = int(doc.get("text_bits", 0))
        if bits:
            npz_path = d / "text_weights.npz"
            if not npz_path.is_file():
                raise ModelError(f"{d}: text_bits is {bits} but text_weights.npz is missing")
            with np.load(npz_path) as npz:
                text_weights = dict(zip(npz["index"].tolist(), npz["value"].astype(float).tolist()))
        return cls(
            name=str(doc["name"]),
            kb_version=str(doc["kb_version"]),
            features=feats,
            weights=tuple(float(w) for w in doc["weights"]),
            bias=float(doc["bias"]),
            threshold=float(doc["threshold"]),
            base_weight=float(doc.get("base_weight", 0.0)),
            text_bits=bits,
            text_weights=text_weights,
            meta=dict(doc.get("meta", {})),
            unsupported=tuple(feats.index(f) for f in doc.get("unsupported_features", [])),
        )


def default_model_dir() -> Path:
    return Path(str(resources.files("narcotrace.detect").joinpath("data/default_model")))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


__all__ += ["sigmoid"]

"""The Scanner: items in, verdicts out, each with the evidence that produced it.

It composes the signal extractor (KB terms, intent cues, indicators, prices) with the learned model, then
assigns one of four labels. Build it once; it is picklable (Spark ships it) and scans in batches.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from narcotrace.detect.model import LinearModel, default_model_dir, hash_tokens, sigmoid, text_tokens
from narcotrace.detect.signals import FEATURES, Hit, Signals, SignalExtractor, severity_of
from narcotrace.indicators import extract_many
from narcotrace.items import Evidence, Indicator, Item, Substance, Verdict
from narcotrace.kb import KnowledgeBase, load_kb
from narcotrace.text import normalize

__all__ = ["Scanner", "buyer_only"]

# What only a seller writes: a sale word, a price or a quantity, shipping, payment, a prescription waived, a wallet
# or payment tag, a phone number or an onion address. A buyer writes a drug, a buying word and "hmu" / "dm me".
SELLER_FEATURES = ("sell", "promo", "price", "qty", "menu", "shipping", "payment", "no_rx", "ind_wallet", "ind_paytag",
                   "ind_phone", "ind_onion")
# Sale cues that make a search query with a drug word a search for a seller (kind "query" is never an offer).
QUERY_SEEK_CUES = ("sell", "promo", "contact", "shipping", "payment", "no_rx")
# A buying verb in a query ("buy xanax online", "купить мефедрон", "大麻 购买"): in a post "Buy Xanax online" is a
# shop's imperative, so these are read in queries only. Words of spaced scripts need word boundaries; Chinese,
# Japanese, Korean and Thai ones run into the next word.
_QUERY_BUY = re.compile(
    r"(?<![^\W\d_])(?:buy(?:ing)?|purchas(?:e|ing)|order(?:ing)?|comprar|compro|acheter|achat|commander|kaufen|"
    r"bestellen|comprare|acquistare|kopen|kupić|kupic|koupit|koupím|купить|куплю|заказать|купити|замовити|"
    r"satın al|satin al|beli|mua)(?![^\W\d_])|购买|購買|买|買う|購入|通販|구매|구입|ซื้อ",
    re.IGNORECASE,
)


def buyer_only(features: Mapping[str, float]) -> bool:
    """Whether an item that names a drug asks for it and writes nothing only a seller writes: a buyer, whatever
    the score ("Need weed hmu if u got it", "looking for percs, dm me"). A cloud of six or more drug hashtags is a
    seller's search-engine spam ("哪里可以买大麻 #大麻 #哪里可以买大麻 #飞叶子 ...": "where to buy cannabis")."""
    return (
        bool(features.get("solicit"))
        and not any(features.get(c) for c in SELLER_FEATURES)
        and features.get("drug_tags", 0.0) < 1.0
    )


def _seeks_help(features: Mapping[str, float]) -> bool:
    """Whether a buyer's words ask for help rather than the drug: a recovery or harm-reduction word is there
    ("Où trouver de l'aide pour arrêter la cocaïne ?", "नशा मुक्ति केंद्र कहाँ मिलेगा?", a rehab centre;
    solicitations in the session-24 review). Someone who asks for treatment is no buyer; the item is talk. A
    buyer who names an amount, how he pays or how to reach him still buys ("Looking for mushrooms for my
    ketamine therapy sessions, 1oz, paying cash", "anyone got subs? withdrawal is killing me, dm me")."""
    return bool(features.get("recovery") or features.get("harm_reduction")) and not any(
        features.get(c) for c in ("qty", "quantity", "price", "payment", "contact")
    )


class Scanner:
    """Scans items. `model` is a directory from `narcotrace train`; without it the shipped default is used."""

    def __init__(self, kb: KnowledgeBase | None = None, model: str | Path | None = None) -> None:
        self.kb = kb if kb is not None else load_kb()
        self.extractor = SignalExtractor(self.kb)
        self.base = LinearModel.load(default_model_dir(), kb_version=self.kb.version)
        self.model = LinearModel.load(model, kb_version=self.kb.version) if model is not None else self.base
        self._model_dir = str(model) if model is not None else None
        self.model_name = self.model.name
        self._base_weights = {name: w for name, w in zip(self.base.features, self.base.weights) if w}
        # Evidence weights: the general model's weight of each signal plus the platform model's adjustment.
        self._weights = {
            name: self.base.weight_of(name) + (self.model.weight_of(name) if self.model is not self.base else 0.0)
            for name in FEATURES
        }

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Scanner, (self.kb, self._model_dir))

    # --- scoring -----------------------------------------------------------------------------------
    def probability(self, text: str, signals: Signals) -> float:
        """P(offer) under the active model."""
        # The general model's logit over the few features an item has (a dozen of ~90), not the dense vector.
        get = self._base_weights.get
        base_logit = self.base.bias + sum(get(name, 0.0) * x for name, x in signals.features.items())
        if self.model is self.base:
            return sigmoid(base_logit)
        dense = signals.vector()
        idx: list[int] = []
        if self.model.uses_text:
            # The extractor already normalized the text; normalizing again would double the cost per item.
            norm = signals.norm_text if signals.norm_text or not text else normalize(text).text
            idx = hash_tokens(text_tokens(norm), self.model.text_bits)
        return sigmoid(self.model.logit(dense, base_logit, idx))

    def scan_item(self, item: Item, index: int = 0, indicators: list[Indicator] | None = None) -> Verdict:
        signals = self.extractor.extract(item.text, country=item.country, kind=item.kind, indicators=indicators)
        p = self.probability(item.text, signals)
        bought = _QUERY_BUY.search(item.text) if item.kind == "query" else None
        label = self._label(item.kind, p, signals, bought is not None)
        named = [n for n, strong in signals.substances.items() if strong]
        if not named and label in ("offer", "solicit"):
            named = list(signals.substances)
        substances = tuple(Substance(n, self.kb.substances[n].cls) for n in sorted(named))
        severity = severity_of(self.kb, named) if label in ("offer", "solicit") else "none"
        weights = self._weights
        hits = signals.hits
        if bought and label == "solicit" and not any(h.start < bought.end() and bought.start() < h.end for h in hits):
            hits = [*hits, Hit(bought.start(), bought.end(), "intent:solicit", "")]  # shown, not scored
        # The weight of the feature a hit feeds, 0 where that feature did not count in this verdict: a sale word
        # with no drug named, a word shown only, a reported cue.
        counted = signals.features
        evidence = tuple(
            Evidence(
                h.start, h.end, item.text[h.start : h.end], h.signal,
                weights.get(h.feature, 0.0) if counted.get(h.feature) else 0.0,
            )
            for h in sorted(hits, key=lambda h: (h.start, h.end))
        )
        return Verdict(
            id=item.id if item.id is not None else str(index),
            label=label,
            score=min(1.0, max(0.0, p)),
            substances=substances,
            severity=severity,
            evidence=evidence,
            indicators=tuple(signals.indicators),
            model=self.model_name,
        )

    def _label(self, kind: str | None, p: float, signals: Signals, bought: bool = False) -> str:
        f = signals.features
        if kind == "query":
            # A search query is typed by someone looking for something: it can seek drugs, never supply them.
            # It seeks them with a buying word or verb, or a sale word a shop would answer ("xanax for sale", "weed
            # delivery", "no prescription"); a drug and a dose alone ("oxycodone 30mg") may be a patient's lookup.
            # Slang that outlived the everyday-word rules ("where to buy weed in dubai": "weed", unlike "snow" in "where
            # to buy snow boots") is sought by a buying word as a drug's name is.
            if (signals.any_drug or (signals.substances and (f.get("solicit") or bought))) and (
                f.get("solicit") or any(f.get(c) for c in QUERY_SEEK_CUES) or bought
            ):
                return "solicit"
        elif signals.substances and not _seeks_help(f) and (
            (signals.requested and not f.get("no_rx")) or (buyer_only(f) and not f.get("counter_multi"))
        ):
            return "solicit"
        elif p >= self.model.threshold and (signals.any_drug or self.model.uses_text):
            return "offer"
        elif signals.substances and f.get("solicit") and not f.get("counter_multi") and not _seeks_help(f):
            # A report, a warning or a harm-reduction page holds a buyer's words too ("Where can I get it?" of a
            # naloxone page, "境外收购价" in a trafficking report: solicitations at 0.0, session 22); three words of lawful
            # speech (`counter_multi`) make it talk.
            return "solicit"
        if (
            signals.strong_drug
            or signals.harm_reduction_drugs
            or (signals.substances and (signals.counter_cues or signals.sale_cues))
        ):
            return "discussion"
        return "none"

    def scan(self, items: Sequence[Item], start_index: int = 0) -> list[Verdict]:
        return self.scan_batch([(start_index + i, it) for i, it in enumerate(items)])

    def scan_stream(self, items: Iterable[tuple[int, Item]], batch_size: int = 512) -> Iterator[Verdict]:
        """Scan (index, item) pairs in batches; the index becomes the id of items without one."""
        batch: list[tuple[int, Item]] = []
        for pair in items:
            batch.append(pair)
            if len(batch) >= batch_size:
                yield from self.scan_batch(batch)
                batch = []
        yield from self.scan_batch(batch)

    def scan_batch(self, batch: Sequence[tuple[int, Item]]) -> list[Verdict]:
        """Verdicts of (index, item) pairs, the indicators of the whole batch extracted in one pass
        (`extract_many`): identical to `scan_item` on each, faster."""
        found = extract_many([it.text for _, it in batch], [it.country for _, it in batch])
        return [self.scan_item(it, i, ind) for (i, it), ind in zip(batch, found, strict=True)]

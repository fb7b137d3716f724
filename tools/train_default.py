"""Train the shipped default model from project-authored templates filled with KB terms.

Usage: python tools/train_default.py [--per-template N] [--seed S] [--out DIR]

Licence rule (../shared/data/README.md): the shipped model learns only from data the project writes itself
(training/templates.py) and from KB terms (lexicon facts with their sources). No development file is read.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import random
import string
import sys
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))

import base58  # noqa: E402
import templates as T  # noqa: E402

from narcotrace.detect.model import default_model_dir  # noqa: E402
from narcotrace.detect.signals import SignalExtractor, ordinary_slang  # noqa: E402
from narcotrace.detect.train import train_default  # noqa: E402
from narcotrace.kb import load_kb  # noqa: E402
from narcotrace.kb._validate import load_common_words  # noqa: E402

PRICES = ["$20", "$15", "20$", "$900", "$1,200", "€50", "70€", "£40", "¥300", "500 บาท", "฿900", "₩50000", "3000円",
          "2000 руб", "R$ 100", "$ 35", "USD 250", "150 usd", "$8/each", "€120"]
QTYS = ["100 pcs", "1g", "28g", "1 oz", "10 pills", "x100", "5 kilos", "50粒", "1克", "3.5g", "qp", "half oz", "1kg",
        "500 tabs", "10g", "20 pcs", "1 zip", "100 tablets", "2 grams", "1000 pills"]


class _Ring:
    """Pick terms from a pool so that adding a term moves only the picks it wins.

    ``rng.choice(pool)`` maps the same random draw to another term as soon as the pool grows by one, and the draws
    of the fills after it shift too; every KB change then redrew the whole training set and moved the threshold
    lines both ways (sessions 16-17). Here each term sits at ``VNODES`` hashed points of a 64-bit ring and a draw
    takes the term at the next point: a new term takes over only the draws that land just before its points
    (about 1 in the pool's size), and every pick consumes exactly 64 random bits.
    """

    VNODES = 32

    def __init__(self, pool: list[str], fallback: str) -> None:
        points = sorted(
            (int.from_bytes(hashlib.blake2b(f"{v}\x1f{t}".encode(), digest_size=8).digest(), "big"), t)
            for t in dict.fromkeys(pool or [fallback])
            for v in range(self.VNODES)
        )
        self._keys = [k for k, _ in points]
        self._terms = [t for _, t in points]

    def pick(self, rng: random.Random) -> str:
        i = bisect.bisect_left(self._keys, rng.getrandbits(64))
        return self._terms[i % len(self._terms)]


def _handle(rng: random.Random) -> str:
    stem = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 9)))
    return stem + rng.choice(["", "plug", "420", "_shop", "77", "store", "_official"])


def _btc(rng: random.Random) -> str:
    payload = b"\x00" + bytes(rng.getrandbits(8) for _ in range(20))
    check = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return base58.b58encode(payload + check).decode()


def _phone(rng: random.Random) -> str:
    return rng.choice(["+1 415 555 01", "+44 7700 9000", "+49 151 2345 6", "+86 138 0013 8", "+66 81 234 5"]) + "".join(
        rng.choice(string.digits) for _ in range(2)
    )


def _tags(rng: random.Random, pool: _Ring, slang: _Ring, k: int = 0) -> str:
    """A hashtag chain of drug terms, as spam accounts write them (#코카인 #빙두, #Kush #Weed)."""
    k = k or rng.randint(2, 5)
    words = [slang.pick(rng) if rng.random() < 0.4 else pool.pick(rng) for _ in range(k)]
    sep = rng.choice([" ", "\n ", " "])
    return sep.join("#" + w.replace(" ", "") for w in words)


def _dense(rng: random.Random, pool: _Ring, slang: _Ring, places: list[str]) -> str:
    """A drug spam tag list: 3-8 drug hashtags, some joined to a place (#cannabisBangkok), and place tags."""
    tags = []
    for _ in range(rng.randint(3, 8)):
        w = slang.pick(rng) if rng.random() < 0.3 else pool.pick(rng)
        if places and rng.random() < 0.3:
            w = w + rng.choice(places) if rng.random() < 0.5 else rng.choice(places) + w
        tags.append(w)
    tags += [rng.choice(places) for _ in range(rng.randint(0, 5))] if places else []
    rng.shuffle(tags)
    return rng.choice([" ", "\n "]).join("#" + w.replace(" ", "") for w in tags)


def _soup(rng: random.Random, pool: _Ring, topics: list[str]) -> str:
    """A long list of other topics (8-24 hashtags) with one drug hashtag, or two in a longer list, in it."""
    k = 1 if rng.random() < 0.75 else 2
    tags = rng.sample(topics, min(len(topics), rng.randint(8, 16) if k == 1 else rng.randint(16, 24)))
    for _ in range(k):
        tags.insert(rng.randrange(len(tags) + 1), pool.pick(rng))
    return " ".join("#" + w.replace(" ", "") for w in tags)


def _mixed(
    rng: random.Random, pool: _Ring, slang: _Ring, places: list[str], topics: list[str]
) -> str:
    """Drug spam that also tags other topics to be found (#party #dating): drug tags among 3-10 others."""
    tags = _dense(rng, pool, slang, places).split()
    tags += ["#" + w for w in rng.sample(topics, min(len(topics), rng.randint(3, 10)))]
    rng.shuffle(tags)
    return " ".join(tags)


def _fill(template: str, make: Callable[[str], str]) -> str:
    """Fill every slot afresh, so that "{drug}, {drug}" names two drugs, as menus and tag lists do."""
    out = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if field is not None:
            out.append(make(field))
    return "".join(out)


def _obfuscate(text: str, rng: random.Random) -> str:
    """Sellers' dodges: spaced letters, look-alikes, leetspeak, on one word."""
    words = text.split(" ")
    i = rng.randrange(len(words))
    w = words[i]
    if len(w) < 3 or not w.isascii() or not w.isalpha():
        return text
    style = rng.choice(["spaced", "dotted", "leet", "upper"])
    if style == "spaced":
        w = " ".join(w)
    elif style == "dotted":
        w = ".".join(w)
    elif style == "leet":
        w = w.replace("e", "3").replace("o", "0").replace("a", "@")
    else:
        w = w.upper()
    words[i] = w
    return " ".join(words)


def _slots(
    rng: random.Random, pool: _Ring, slang: _Ring, places: list[str], topics: list[str]
) -> dict[str, Callable[[], str]]:
    """One maker per template slot; each call draws a new fill."""
    return {
        "drug": lambda: pool.pick(rng),
        "slang": lambda: slang.pick(rng),
        "price": lambda: rng.choice(PRICES),
        "qty": lambda: rng.choice(QTYS),
        "handle": lambda: _handle(rng),
        "tg": lambda: "t.me/" + _handle(rng),
        "phone": lambda: _phone(rng),
        "btc": lambda: _btc(rng),
        "site": lambda: _handle(rng) + rng.choice([".com", ".net", ".shop", ".to"]),
        "city": lambda: rng.choice(T.CITIES),
        "team": lambda: rng.choice(T.TEAMS),
        "tags": lambda: _tags(rng, pool, slang),
        "tag": lambda: _tags(rng, pool, slang, 1),
        "dense": lambda: _dense(rng, pool, slang, places),
        "soup": lambda: _soup(rng, pool, topics),
        "mixed": lambda: _mixed(rng, pool, slang, places, topics),
        "place": lambda: rng.choice(places),
        "url": lambda: "https://t.co/" + "".join(rng.choice(string.ascii_letters) for _ in range(10)),
        "noise": lambda: rng.choice(T.NOISE),
        "n": lambda: str(rng.choice([2, 5, 10, 20, 25, 40, 100])),
        "app": lambda: rng.choice(T.APPS),
    }


def build_examples(
    per_template: int, seed: int
) -> tuple[list[str], list[str | None], list[int], dict[str, int]]:
    kb = load_kb()
    common = load_common_words(Path(kb.path))
    strong: dict[str, list[str]] = {}
    slang: list[str] = []
    everyday: list[str] = []
    for t in kb.terms:
        if t.kind == "emoji" or t.kind == "cas":
            continue
        sub = kb.substances[t.substance]
        if sub.cls == "prescription" and sub.severity == "low":
            # The ~2,200 RedMed medicines outside the controlled lists would otherwise be most of the {drug} fills
            # (they have more names than all controlled drugs together) and the templates would describe pharmacy
            # talk, not drug sales. The model still sees low severity through cannabis.
            continue
        if t.context_only:
            # Ordinary-word slang ("snow", "mint") needs another drug word to count at all; the {slang} slot stands
            # for slang that counts next to sale intent alone.
            if t.lang == "en" and t.text.isascii() and len(t.text) >= 3:
                if ordinary_slang(t.text, t.kind, t.context_only, common):
                    everyday.append(t.text)
                else:
                    slang.append(t.text)
            continue
        lang = t.lang
        strong.setdefault(lang, []).append(t.text)
    for lang in strong:
        strong[lang].sort()
    slang.sort()
    slang_ring = _Ring(slang, "runtz")
    everyday_ring = _Ring(everyday, "blues")
    rings: dict[str, _Ring] = {}
    texts: list[str] = []
    kinds: list[str | None] = []
    labels: list[int] = []
    counts: dict[str, int] = {}
    seen: dict[str, int] = {}
    for label_name, table, y in (("offer", T.OFFER, 1), ("solicit", T.SOLICIT, 0), ("discussion", T.DISCUSSION, 0),
                                 ("none", T.NONE, 0)):
        for lang, templates in table.items():
            pool_lang = lang if lang in strong else ("zh-Hans" if lang.startswith("zh") else "en")
            if pool_lang not in rings:
                rings[pool_lang] = _Ring(strong.get(pool_lang, []), "fentanyl")
            places = T.PLACES.get(lang) or T.PLACES["en"]
            topics = T.TOPICS.get(lang) or T.TOPICS["en"]
            for raw in templates:
                kind, template = None, raw
                if template.startswith("[") and "] " in template:
                    kind, template = template[1:].split("] ", 1)
                key = f"{seed}\x1f{label_name}\x1f{lang}\x1f{raw}"
                seen[key] = seen.get(key, 0) + 1
                for i in range(per_template):
                    # Each fill has its own random stream, named by its template and number: a KB term or a template
                    # added elsewhere leaves this fill as it was (with _Ring, unless the new term wins its pick).
                    rng = random.Random(f"{key}\x1f{seen[key]}\x1f{i}")
                    slots = _slots(rng, rings[pool_lang], slang_ring, places, topics)
                    slots["everyday"] = lambda rng=rng: everyday_ring.pick(rng)
                    text = _fill(template, lambda name, slots=slots: slots[name]())
                    if rng.random() < 0.2:
                        text = _obfuscate(text, rng)
                    texts.append(text)
                    kinds.append(kind)
                    labels.append(y)
                    counts[label_name] = counts.get(label_name, 0) + 1
    return texts, kinds, labels, counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--per-template", type=int, default=12)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(default_model_dir()))
    args = ap.parse_args()
    texts, kinds, labels, counts = build_examples(args.per_template, args.seed)
    kb = load_kb()
    extractor = SignalExtractor(kb)
    templates_sha = hashlib.sha256((ROOT / "training" / "templates.py").read_bytes()).hexdigest()[:12]
    model = train_default(
        extractor,
        texts,
        labels,
        kinds=kinds,
        name="narcotrace-default-1",
        meta={
            "training_data": "training/templates.py (project-authored, Apache-2.0) filled with KB terms; "
            "no development data",
            "templates_sha256": templates_sha,
            "per_template": args.per_template,
            "seed": args.seed,
            "examples_by_label": counts,
        },
    )
    model.save(args.out)
    print(f"trained {model.name} on {len(texts)} examples {counts}; kb {kb.version}; written to {args.out}")
    for name, w in sorted(zip(model.features, model.weights), key=lambda x: -abs(x[1])):
        print(f"  {name:<24}{w:+.3f}")
    print(f"  {'bias':<24}{model.bias:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

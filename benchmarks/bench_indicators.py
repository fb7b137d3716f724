"""Benchmark: narcotrace.indicators against maintained general extractors from PyPI, same texts, one run.

Measures, and records in benchmarks/results/indicators.json:
1. Speed: MB/s (UTF-8 bytes) of text per core on real tweets (../shared/data pip_twitter_train.jsonl and
   pip_twitter_drug_samples.jsonl), for narcotrace's per-text API (`extract`), its batch API
   (`extract_many`, batches of 1,000 texts; checked to return exactly what `extract` returns), the batch
   API's pure-Python path (`accelerate=False`, as on platforms without Hyperscan; checked the same way)
   and each peer (iocextract; ioc-finder when installed), on the same texts in the same run.
2. Accuracy on a gold set built here from the upstream address vectors in ../shared/data
   (crypto_address_vectors) and from written contact lines (handles, phones, e-mails, domains, obfuscated
   forms), plus negatives (ordinary text: prices, versions, file names, scores) where every reported
   valid indicator is a false positive. An item counts as found by narcotrace only with the right type,
   the expected normalized value and valid=True; a peer gets the benefit of the doubt: any of its output
   strings that contains the expected key (case-insensitive) counts.
3. Real-data agreement with the silver standard: the `contacts` that the "Illicit Promotion on Twitter"
   study's extractor listed for pip_twitter_drug_samples.jsonl (qq, wechat, tg, Whatsapp, LINE, websites),
   restricted to values that are actually written in the tweet (its websites are mostly expanded t.co
   links, which no text extractor can see).

Run: .venv/bin/python benchmarks/bench_indicators.py   (about a minute; prints the figures).
"""

from __future__ import annotations

import ast
import datetime as dt
import gc
import json
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "benchmarks" / "results" / "indicators.json"
sys.path.insert(0, str(ROOT / "src"))

from narcotrace.indicators import _accel, extract, extract_many  # noqa: E402

# ---- peers ----------------------------------------------------------------------------------------------


def _peer_iocextract() -> Callable[[str], list[str]] | None:
    try:
        import iocextract
    except ImportError:
        return None

    def run(text: str) -> list[str]:
        out = list(iocextract.extract_urls(text, refang=True))
        out += iocextract.extract_emails(text, refang=True)
        out += iocextract.extract_ips(text, refang=True)
        out += iocextract.extract_telephone_nums(text)
        return out

    return run


def _peer_ioc_finder() -> Callable[[str], list[str]] | None:
    try:
        from ioc_finder import find_iocs
    except ImportError:
        return None

    def run(text: str) -> list[str]:
        out: list[str] = []
        for v in find_iocs(text).values():
            if isinstance(v, list):
                out += [x for x in v if isinstance(x, str)]
            elif isinstance(v, dict):
                for vv in v.values():
                    if isinstance(vv, list):
                        out += [x for x in vv if isinstance(x, str)]
        return out

    return run


def _ours(text: str) -> list[str]:
    return [i.normalized for i in extract(text)]


# ---- corpora --------------------------------------------------------------------------------------------


def real_texts() -> list[str]:
    texts: list[str] = []
    for name in ("pip_twitter_train.jsonl", "pip_twitter_drug_samples.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f]
    return texts


def gold_set() -> list[tuple[str, list[tuple[str, str]]]]:
    """(text, [(type, expected normalized)]) built from the upstream vectors and written contact lines."""
    items: list[tuple[str, list[tuple[str, str]]]] = []
    vec = json.loads((DATA / "crypto_address_vectors" / "bip_utils_addr_vectors.json").read_text())["files"]
    main = {"BitcoinMainNet": "btc", "BitcoinSvMainNet": "btc", "LitecoinMainNet": "ltc"}
    for fname in ("test_P2PKH.py", "test_P2SH.py"):
        for v in vec[fname]["TEST_VECT"]:
            src = v["address_params"].get("python_source", "")
            kind = next((k for n, k in main.items() if f"CoinsConf.{n}." in src), None)
            if kind:
                items.append((f"payment to {v['address']} only", [(kind, v["address"])]))
    for fname, kind, cue, norm in (
        ("test_P2WPKH.py", None, "send", str.lower), ("test_P2TR.py", None, "send", str.lower),
        ("test_eth_addr.py", "eth", "usdt erc20", str.lower), ("test_trx_addr.py", "trx", "usdt trc20", str),
        ("test_xmr_addr.py", "xmr", "xmr", str), ("test_sol_addr.py", "sol", "sol", str),
        ("test_xrp_addr.py", "xrp", "xrp", str), ("test_bch_P2PKH.py", "bch", "bch", str.lower),
    ):
        for v in vec[fname]["TEST_VECT"] + vec[fname].get("TEST_VECT_INTEGRATED", []):
            a = v["address"]
            k = kind or {"bc": "btc", "tb": "btc", "ltc": "ltc", "tltc": "ltc"}[a[: a.rfind("1")].lower()]
            items.append((f"{cue}: {a} thanks", [(k, norm(a))]))
    eip = json.loads((DATA / "crypto_address_vectors" / "eip55_test_vectors.json").read_text())
    items += [(f"eth {a}", [("eth", a.lower())]) for a in eip["valid_checksummed"]]
    # written contact lines: how sellers write contacts, plain and obfuscated
    items += [
        ("tg: @plugmaster99 for menu", [("telegram", "plugmaster99")]),
        ("telegram t.me/bestplug420", [("telegram", "bestplug420")]),
        ("t . m e / bestplug420", [("telegram", "bestplug420")]),
        ("teIegram: @plug_store", [("telegram", "plug_store")]),
        ("飞机@vyvanserx 均有货", [("telegram", "vyvanserx")]),
        ("wickr me: mrwhite22", [("wickr", "mrwhite22")]),
        ("snapchat.com/add/roland_kush20", [("snapchat", "roland_kush20")]),
        ("wa.me/442079460958", [("whatsapp", "+442079460958")]),
        ("微信：doudou976484", [("wechat", "doudou976484")]),
        ("加q422171751，纯度高", [("qq", "422171751")]),
        ("Line: 4204slp", [("line", "4204slp")]),
        ("call +44 20 7946 0958", [("phone", "+442079460958")]),
        ("call +44 (20) 7946.0958", [("phone", "+442079460958")]),
        ("需要请加13046652044", [("phone", "+8613046652044")]),
        ("mail sales@bestmeds24.net", [("email", "sales@bestmeds24.net")]),
        ("mail sales[at]bestmeds24[dot]net", [("email", "sales@bestmeds24.net")]),
        ("order at https://www.bestmeds24.net/shop", [("url", "https://www.bestmeds24.net/shop")]),
        ("bestmeds24 [.] net", [("domain", "bestmeds24.net")]),
        ("shop at bestmeds24.net", [("domain", "bestmeds24.net")]),
        ("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion",
         [("onion", "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion")]),
        ("cashapp $JohnDoe22", [("cashapp", "$johndoe22")]),
        ("paypal.me/PlugShop", [("paypal", "paypal.me/plugshop")]),
    ]
    return items


NEGATIVES = [
    "Version 2.3.1 released, see the changelog",
    "open report_final.pdf and readme.md, then run setup.py",
    "Lakers won 112-108 last night, 3-2 in the series",
    "coffee is $5 and a bagel $3.50",
    "The $AAPL stock rose 3% today",
    "meeting at 10:30 on 2023-04-05 in room 101",
    "I love it.Thanks for the help",
    "IP 192.168.1.1 is local",
    "my order number is 1234567890",
    "git commit 3f786850e387550fdab836ed7e6dc881de23001b",
    "pay 1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabB",  # checksum broken by one character
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",  # EIP-55 case broken by one letter
]

# ---- measurements ---------------------------------------------------------------------------------------


BATCH = 1000  # texts per extract_many call in the benchmark (a scanner batch)


def _batched(texts: list[str], accelerate: bool = True) -> None:
    for i in range(0, len(texts), BATCH):
        extract_many(texts[i : i + BATCH], accelerate=accelerate)


def throughput(
    fn: Callable[[str], object], texts: list[str], repeat: int, *, batch: bool = False, pure: bool = False
) -> dict[str, float]:
    """MB/s per core, best of `repeat` runs: on CPU time of this process (robust to other load on the
    machine) and on wall time. `batch`: time `_batched` over the texts instead of `fn` per text; `pure`:
    the batch API's pure-Python path (`accelerate=False`: every pattern behind its own guards)."""
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        if batch or pure:
            _batched(texts, accelerate=not pure)
        else:
            for t in texts:
                fn(t)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return {"cpu": round(nbytes / 1e6 / best_cpu, 2), "wall": round(nbytes / 1e6 / best_wall, 2)}


def accuracy_ours(gold: list[tuple[str, list[tuple[str, str]]]]) -> dict[str, int]:
    correct = missed = 0
    for text, expected in gold:
        got = {(i.type, i.normalized) for i in extract(text) if i.valid}
        for e in expected:
            if e in got:
                correct += 1
            else:
                missed += 1
    fp = sum(1 for t in NEGATIVES for i in extract(t) if i.valid)
    return {"correct": correct, "missed": missed, "false_positives_on_negatives": fp}


def _peer_key_hit(outputs: Iterable[str], key: str) -> bool:
    k = key.lower().lstrip("$+")
    return any(k in o.lower() for o in outputs)


def accuracy_peer(fn: Callable[[str], list[str]], gold: list[tuple[str, list[tuple[str, str]]]]) -> dict[str, int]:
    correct = missed = 0
    for text, expected in gold:
        outs = fn(text)
        for _t, key in expected:
            if _peer_key_hit(outs, key):
                correct += 1
            else:
                missed += 1
    fp = sum(len(fn(t)) for t in NEGATIVES)
    return {"correct": correct, "missed": missed, "false_positives_on_negatives": fp}


SILVER_TYPES = {"qq": "qq", "wechat": "wechat", "tg": "telegram", "Whatsapp": "whatsapp", "LINE": "line",
                "websites": "url"}


def silver(peers: dict[str, Callable[[str], list[str]]]) -> dict[str, object]:
    with open(DATA / "pip_twitter_drug_samples.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    total = Counter()
    ours_typed = Counter()
    ours_any = Counter()
    peer_any: dict[str, Counter[str]] = {p: Counter() for p in peers}
    for r in rows:
        contacts = ast.literal_eval(r["contacts"])
        text = r["text"]
        low = text.lower()
        found = extract(text)
        norm_typed = {(i.type, i.normalized.lower().lstrip("@")) for i in found}
        values = [i.value.lower() for i in found] + [i.normalized.lower() for i in found]
        peer_out = {p: [o.lower() for o in fn(text)] for p, fn in peers.items()}
        for key, typ in SILVER_TYPES.items():
            for v in contacts.get(key, []):
                sv = str(v).lower().lstrip("@")
                if not sv or sv not in low:
                    continue  # not written in the tweet (e.g. an expanded t.co link)
                total[typ] += 1
                # a phone-number ID (QQ/WeChat login) is normalized to E.164 by us: compare the digits
                same = (typ, sv) in norm_typed or (
                    sv.isdigit() and any(t == typ and n.lstrip("+").endswith(sv) for t, n in norm_typed)
                )
                if same or (typ == "url" and any(sv in x for x in values)):
                    ours_typed[typ] += 1
                if any(sv in x for x in values):
                    ours_any[typ] += 1
                for p in peers:
                    if any(sv in x for x in peer_out[p]):
                        peer_any[p][typ] += 1
    return {
        "silver_items_written_in_text": dict(total),
        "narcotrace_same_type_and_value": dict(ours_typed),
        "narcotrace_value_any_type": dict(ours_any),
        "peers_value_any_type": {p: dict(c) for p, c in peer_any.items()},
        "agreement": {
            "narcotrace_same_type": round(sum(ours_typed.values()) / max(1, sum(total.values())), 3),
            "narcotrace_any_type": round(sum(ours_any.values()) / max(1, sum(total.values())), 3),
            **{p: round(sum(c.values()) / max(1, sum(total.values())), 3) for p, c in peer_any.items()},
        },
    }


def main() -> int:
    if not DATA.is_dir():
        print(f"benchmark needs the development data at {DATA}", file=sys.stderr)
        return 2
    texts = real_texts()
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    for t in texts[:200]:
        extract(t)  # warm caches (PSL, compiled patterns) before timing
    # Each extractor is timed in the state its own imports leave the process: ours before the peers are
    # imported (ioc-finder builds large pyparsing grammars, whose objects slow every later GC pass).
    ascii_texts = [t for t in texts if t.isascii()]
    per_text = [extract(t) for t in texts]
    batch_identical = [r for i in range(0, len(texts), BATCH) for r in extract_many(texts[i : i + BATCH])] == per_text
    pure_identical = [
        r for i in range(0, len(texts), BATCH) for r in extract_many(texts[i : i + BATCH], accelerate=False)
    ] == per_text
    del per_text
    gc.collect()
    speed = {"narcotrace": throughput(extract, texts, 5),
             "narcotrace_batch": throughput(extract, texts, 5, batch=True),
             "narcotrace_pure_python": throughput(extract, texts, 3, pure=True)}
    speed_ascii = {"narcotrace": throughput(extract, ascii_texts, 5),
                   "narcotrace_batch": throughput(extract, ascii_texts, 5, batch=True)}
    peers = {name: fn for name, fn in (("iocextract", _peer_iocextract()), ("ioc-finder", _peer_ioc_finder()))
             if fn is not None}
    for name, fn in peers.items():
        fn(texts[0])
        gc.collect()
        speed[name] = throughput(fn, texts, 1)
    gc.collect()
    # other sessions share this machine: keep the least disturbed of the two rounds (best CPU time)
    for key, batch in (("narcotrace", False), ("narcotrace_batch", True)):
        runs = [speed[key], throughput(extract, texts, 5, batch=batch)]
        speed[key] = max(runs, key=lambda r: r["cpu"])
        speed[f"{key}_rounds"] = runs  # type: ignore[assignment]
        speed_ascii[key] = max(speed_ascii[key], throughput(extract, ascii_texts, 5, batch=batch),
                               key=lambda r: r["cpu"])
    runs = [speed["narcotrace_pure_python"], throughput(extract, texts, 3, pure=True)]
    speed["narcotrace_pure_python"] = max(runs, key=lambda r: r["cpu"])
    speed["narcotrace_pure_python_rounds"] = runs  # type: ignore[assignment]
    counts = Counter(i.type for t in texts for i in extract(t))
    valid_counts = Counter(i.type for t in texts for i in extract(t) if i.valid)
    gold = gold_set()
    acc = {"narcotrace": accuracy_ours(gold), **{p: accuracy_peer(fn, gold) for p, fn in peers.items()}}
    result = {
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2),
            "cores_used": 1,
        },
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "corpus": {"texts": len(texts), "megabytes_utf8": round(nbytes / 1e6, 3),
                   "files": ["pip_twitter_train.jsonl", "pip_twitter_drug_samples.jsonl"],
                   "ascii_only_texts": len(ascii_texts)},
        "batch_api": {"texts_per_call": BATCH, "hyperscan_prefilter": _accel.AVAILABLE,
                      "identical_to_per_text_results": batch_identical,
                      "pure_python_path_identical_to_per_text_results": pure_identical},
        "megabytes_per_second_per_core": speed,
        "megabytes_per_second_per_core_ascii_texts": speed_ascii,
        "target_megabytes_per_second": 20,
        "indicator_counts_by_type": dict(counts.most_common()),
        "valid_indicator_counts_by_type": dict(valid_counts.most_common()),
        "gold_set": {"texts": len(gold), "items": sum(len(e) for _t, e in gold), "negatives": len(NEGATIVES),
                     "accuracy": acc},
        "silver_standard_pip_twitter_drug_samples": silver(peers),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

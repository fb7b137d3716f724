"""The `narcotrace` command: scan, indicators, train, eval, policy check, kb stats and the demo run.

Exit status: 0 all good; 1 some input records were rejected (each named on stderr, the rest processed);
2 the command could not run (bad arguments, unreadable input, invalid policy, model or KB).
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import sys
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, Iterator

from narcotrace._exceptions import NarcotraceError
from narcotrace.items import KINDS, SEVERITY_RANK, Item, Verdict
from narcotrace.records import RecordError, read_items, read_records, write_jsonl

__all__ = ["main"]

PROGRESS_MIN_RECORDS = 2000


class _Progress:
    """A one-line progress report on stderr, only when stderr is a terminal."""

    def __init__(self, total: int | None, label: str, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() and (total is None or total >= PROGRESS_MIN_RECORDS)
        self.total = total
        self.label = label
        self.t0 = time.perf_counter()
        self.last = 0.0

    def update(self, done: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-9)
        if self.total:
            pct = 100.0 * done / self.total
            width = 30
            fill = int(width * done / self.total)
            bar = "#" * fill + "-" * (width - fill)
            msg = f"\r{self.label} [{bar}] {done}/{self.total} ({pct:5.1f}%) {rate:,.0f}/s"
        else:
            msg = f"\r{self.label} {done} {rate:,.0f}/s"
        self.stream.write(msg)
        self.stream.flush()

    def close(self, done: int) -> None:
        if self.enabled:
            self.update(done, force=True)
            self.stream.write("\n")


def _count_lines(path: str) -> int | None:
    if path == "-" or not sys.stderr.isatty():
        return None
    try:
        with open(path, "rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return None


def _items_reporting_errors(
    path: str, fmt: str | None, rejected: list[RecordError], text_field: str = "text", kind: str | None = None
) -> Iterator[tuple[int, Item]]:
    """Good items as (0-based record index, Item); bad records are reported on stderr and counted."""
    index = 0
    for _lineno, rec in read_items(path, fmt, text_field=text_field, kind=kind):
        if isinstance(rec, RecordError):
            rejected.append(rec)
            print(f"narcotrace: {rec.format(path)} (record skipped)", file=sys.stderr)
        else:
            yield index, rec
        index += 1


def _open_out(stack: ExitStack, output: str | None) -> IO[str]:
    if output is None or output == "-":
        return sys.stdout
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    return stack.enter_context(open(output, "w", encoding="utf-8"))


def _jurisdictions(value: str | None) -> list[str]:
    if not value:
        return []
    return [j.strip().upper() for j in value.split(",") if j.strip()]


# --- commands --------------------------------------------------------------------------------------


def cmd_scan(args: argparse.Namespace) -> int:
    # Start-up allocates some 130,000 container objects that live as long as the process (the KB's terms, the phrase
    # matcher's payloads): the cyclic collector walked them over and over and freed none (a fifth of start-up), and
    # each full collection during the scan walked them again (0.85 s of collections in a 72,000-tweet scan, 0.15 s
    # without). They are built with it off, then frozen out of its reach; what the scan allocates is collected as
    # before.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from narcotrace.detect import Scanner

        scanner = Scanner(model=args.model)
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    jurisdictions = _jurisdictions(args.jurisdiction)
    policy = shadow = None
    if args.policy or args.shadow_policy or jurisdictions:
        from narcotrace.policy import default_policy, load_policy, shadow_diff

        policy = load_policy(args.policy) if args.policy else default_policy()
        shadow = load_policy(args.shadow_policy) if args.shadow_policy else None
        if not jurisdictions:
            raise NarcotraceError("--policy and --shadow-policy need --jurisdiction (e.g. --jurisdiction US,CN)")
    rejected: list[RecordError] = []
    progress = _Progress(_count_lines(args.input), "scanning")
    n = 0
    diffs = 0
    with ExitStack() as stack:
        out = _open_out(stack, args.output)
        shadow_out = stack.enter_context(open(args.shadow_report, "w", encoding="utf-8")) if args.shadow_report else None
        batch: list[tuple[int, Item]] = []

        def flush() -> None:
            nonlocal n, diffs
            for (idx, item), verdict in zip(batch, scanner.scan_batch(batch), strict=True):
                if policy is not None:
                    verdict = replace(verdict, decisions=policy.decide(verdict, item, jurisdictions))
                    if shadow is not None:
                        changes = shadow_diff(policy, shadow, [verdict], [item], jurisdictions)
                        if changes:
                            diffs += 1
                        for rec in changes:
                            if shadow_out is not None:
                                write_jsonl(shadow_out, rec)
                            else:
                                print("shadow: " + json.dumps(rec, ensure_ascii=False), file=sys.stderr)
                write_jsonl(out, verdict.to_dict())
                n += 1
            progress.update(n)
            batch.clear()

        for pair in _items_reporting_errors(args.input, args.format, rejected, args.text_field, args.kind):
            batch.append(pair)
            if len(batch) >= args.batch_size:
                flush()
        flush()
        out.flush()
    progress.close(n)
    if shadow is not None:
        print(f"narcotrace: shadow policy would decide differently on {diffs} of {n} items", file=sys.stderr)
    if rejected:
        print(f"narcotrace: {len(rejected)} record(s) rejected, {n} scanned", file=sys.stderr)
        return 1
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from narcotrace.indicators import extract

    rejected: list[RecordError] = []
    with ExitStack() as stack:
        out = _open_out(stack, args.output)
        for idx, item in _items_reporting_errors(args.input, args.format, rejected, args.text_field, args.kind):
            item_id = item.id if item.id is not None else str(idx)
            for ind in extract(item.text, country=item.country):
                if args.valid_only and not ind.valid:
                    continue
                write_jsonl(out, {"id": item_id, **ind.to_dict()})
    return 1 if rejected else 0


def _labelled(
    path: str, fmt: str | None, text_field: str = "text", kind: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    rows: list[dict[str, Any]] = []
    bad = 0
    for lineno, rec in read_records(path, fmt, text_field=text_field, kind=kind):
        if isinstance(rec, RecordError):
            print(f"narcotrace: {rec.format(path)} (record skipped)", file=sys.stderr)
            bad += 1
            continue
        text, label = rec.get("text"), rec.get("label")
        if not isinstance(text, str) or not text:
            print(f"narcotrace: {path}:{lineno}: field 'text': missing or not a string (record skipped)", file=sys.stderr)
            bad += 1
            continue
        if not isinstance(label, str):
            print(f"narcotrace: {path}:{lineno}: field 'label': missing or not a string (record skipped)", file=sys.stderr)
            bad += 1
            continue
        rows.append({**rec, "_line": lineno})
    return rows, bad


def cmd_train(args: argparse.Namespace) -> int:
    from narcotrace.detect import Scanner
    from narcotrace.detect.train import train_user

    rows, bad = _labelled(args.labeled, args.format, args.text_field, args.kind)
    rows = [r for r in rows if r["label"].strip().lower() not in ("unsure", "")]
    if not rows:
        raise NarcotraceError(f"{args.labeled}: no labelled records to train on")
    scanner = Scanner()
    texts = [r["text"] for r in rows]
    y = [1 if r["label"].strip().lower() == "offer" else 0 for r in rows]
    progress = _Progress(len(rows), "featurizing")
    kinds = [r.get("kind") if isinstance(r.get("kind"), str) else None for r in rows]
    model, facts = train_user(
        scanner.extractor, scanner.base, texts, y, kinds=kinds, name=args.name or f"narcotrace-user:{Path(args.output).name}",
        progress=progress.update,
    )
    progress.close(len(rows))
    model.save(args.output)
    print(
        f"trained {model.name} on {facts['n']} records ({facts['n_offer']} offers) in {facts['seconds']:.1f}s; "
        f"threshold {facts['threshold']:.3f}; {facts['text_weights']} text weights; written to {args.output}",
        file=sys.stderr,
    )
    return 1 if bad else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from narcotrace.detect import Scanner
    from narcotrace.detect.evaluate import EvalRecord, evaluate, format_report

    scanner = Scanner(model=args.model)
    rows, bad = _labelled(args.labeled, args.format, args.text_field, args.kind)
    records: list[EvalRecord] = []
    progress = _Progress(len(rows), "evaluating")
    for i, r in enumerate(rows):
        label = r["label"].strip().lower()
        if label in ("unsure", ""):
            continue
        try:
            item = Item.from_dict(r)
        except NarcotraceError as exc:
            print(f"narcotrace: {args.labeled}:{r['_line']}: {exc} (record skipped)", file=sys.stderr)
            bad += 1
            continue
        v = scanner.scan_item(item, i)
        groups = {k: str(r[k]) for k in ("lang", "source", "kind") if r.get(k)}
        records.append(EvalRecord(v.id, item.text, int(label == "offer"), int(v.label == "offer"), v.score, groups))
        progress.update(i + 1)
    progress.close(len(rows))
    report = evaluate(records, threshold=scanner.model.threshold, worst=args.worst)
    report["model"] = scanner.model_name
    report["input"] = args.labeled
    print(format_report(report))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if bad else 0


def cmd_policy_check(args: argparse.Namespace) -> int:
    from narcotrace.policy.cli import policy_check_main

    return policy_check_main(args.files)


def cmd_kb_stats(args: argparse.Namespace) -> int:
    from narcotrace.kb import load_kb

    kb = load_kb()
    by_lang = collections.Counter(t.lang for t in kb.terms)
    by_class = collections.Counter(kb.substances[t.substance].cls for t in kb.terms if t.substance in kb.substances)
    subs_by_class = collections.Counter(s.cls for s in kb.substances.values())
    print(f"knowledge base {kb.version}: {len(kb.substances)} substances, {len(kb.terms)} terms")
    print("\nterms per language:")
    for lang, n in by_lang.most_common():
        print(f"  {lang:<10}{n:>8}")
    print("\nsubstances and terms per class:")
    for cls, n in by_class.most_common():
        print(f"  {cls:<16}{subs_by_class[cls]:>6} substances {n:>8} terms")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Scan the bundled example corpus and print a readable summary (what `make run` does)."""
    from importlib import resources

    from narcotrace.detect import Scanner

    corpus = Path(str(resources.files("narcotrace").joinpath("examples/corpus.jsonl")))
    out_path = Path(args.output)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    scanner = Scanner()
    rejected: list[RecordError] = []
    pairs = list(_items_reporting_errors(str(corpus), "jsonl", rejected))
    verdicts = scanner.scan_batch(pairs)
    texts = {v.id: item.text for v, (_, item) in zip(verdicts, pairs)}
    elapsed = time.perf_counter() - t0
    with out_path.open("w", encoding="utf-8") as fh:
        for v in verdicts:
            write_jsonl(fh, v.to_dict())
    labels = collections.Counter(v.label for v in verdicts)
    severities = collections.Counter(v.severity for v in verdicts if v.label in ("offer", "solicit"))
    classes = collections.Counter(s.cls for v in verdicts if v.label == "offer" for s in v.substances)
    print(f"narcotrace demo: scanned {len(verdicts)} example items from {corpus.name} in {elapsed:.2f}s "
          f"(model {scanner.model_name}, knowledge base {scanner.kb.version})\n")
    print("by label:     " + ", ".join(f"{k} {labels.get(k, 0)}" for k in ("offer", "solicit", "discussion", "none")))
    print("by severity:  " + ", ".join(f"{k} {severities.get(k, 0)}" for k in ("critical", "high", "medium", "low")))
    print("offer classes: " + (", ".join(f"{k} {n}" for k, n in classes.most_common()) or "-"))
    flagged = sorted((v for v in verdicts if v.label == "offer"),
                     key=lambda v: (-SEVERITY_RANK[v.severity], -v.score))[: args.top]
    print(f"\ntop {len(flagged)} flagged items:")
    for v in flagged:
        text = texts[v.id].replace("\n", " ")
        print(f"\n  [{v.id}] {v.label} {v.severity} score {v.score:.2f}  "
              f"{', '.join(s.name for s in v.substances) or '-'}")
        print(f"    {text[:140]}")
        strongest = sorted(v.evidence, key=lambda e: -abs(e.weight))[:6]
        for e in sorted(strongest, key=lambda e: e.start):
            print(f"      {e.start:>4}-{e.end:<4} {e.signal:<28} {e.weight:+.2f}  {e.text!r}")
        if v.indicators:
            print("    indicators: " + ", ".join(f"{i.type}={i.normalized}{'' if i.valid else ' (invalid)'}"
                                                for i in v.indicators))
    print(f"\nverdicts written to {out_path}")
    return 1 if rejected else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from narcotrace.service.cli import cmd_serve as run

    return run(args)


def cmd_admin(args: argparse.Namespace) -> int:
    from narcotrace.service.cli import cmd_admin as run

    return run(args)


# --- parser ----------------------------------------------------------------------------------------


def add_record_fields(s: argparse.ArgumentParser, columns: str = "CSV") -> None:
    """`--text-field` and `--kind` for a command that reads items (`spark scan` too, with Parquet columns)."""
    s.add_argument("--text-field", default="text",
                   help=f"the field or {columns} column that holds the text (default: text)")
    s.add_argument("--kind", choices=KINDS, help="the kind of the items that give none (listing for a market's titles)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="narcotrace", description="Find, review and stop illegal drug sales online.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("scan", help="scan items (JSONL or CSV, '-' for stdin) and write verdicts as JSONL")
    s.add_argument("input")
    s.add_argument("-o", "--output", help="verdicts file (default: stdout)")
    s.add_argument("--format", choices=("jsonl", "csv"), help="input format (default: from the extension)")
    s.add_argument("--model", help="a model directory from `narcotrace train` (default: the shipped model)")
    s.add_argument("--jurisdiction", help="comma-separated jurisdictions to decide for, e.g. US,CN,TH")
    s.add_argument("--policy", help="policy file, YAML or .toml (default: the packaged default policy)")
    s.add_argument("--shadow-policy", help="draft policy to compare against; differences go to stderr")
    s.add_argument("--shadow-report", help="write shadow differences as JSONL to this file instead of stderr")
    s.add_argument("--batch-size", type=int, default=512)
    add_record_fields(s)
    s.set_defaults(func=cmd_scan)

    s = sub.add_parser("indicators", help="print the indicators found in each item as JSONL")
    s.add_argument("input")
    s.add_argument("-o", "--output")
    s.add_argument("--format", choices=("jsonl", "csv"))
    s.add_argument("--valid-only", action="store_true", help="only indicators whose checksum or syntax verifies")
    add_record_fields(s)
    s.set_defaults(func=cmd_indicators)

    s = sub.add_parser("train", help="train a platform model on labelled JSONL/CSV (text, label) on top of the general one")
    s.add_argument("labeled")
    s.add_argument("-o", "--output", required=True, help="model directory to write")
    s.add_argument("--format", choices=("jsonl", "csv"))
    s.add_argument("--name", help="model name recorded in verdicts")
    add_record_fields(s)
    s.set_defaults(func=cmd_train)

    s = sub.add_parser("eval", help="precision, recall, F1, PR-AUC and FPR on labelled data")
    s.add_argument("labeled")
    s.add_argument("--model")
    s.add_argument("--format", choices=("jsonl", "csv"))
    s.add_argument("--json", help="also write the full report as JSON")
    s.add_argument("--worst", type=int, default=10, help="how many worst errors to list")
    add_record_fields(s)
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("policy", help="policy tools")
    psub = s.add_subparsers(dest="policy_command", required=True)
    c = psub.add_parser("check", help="validate policy files; every error with file, line, column and a hint")
    c.add_argument("files", nargs="+")
    c.set_defaults(func=cmd_policy_check)

    s = sub.add_parser("kb", help="knowledge base tools")
    ksub = s.add_subparsers(dest="kb_command", required=True)
    c = ksub.add_parser("stats", help="knowledge base size per language and class")
    c.set_defaults(func=cmd_kb_stats)

    s = sub.add_parser("demo", help="scan the bundled example corpus and print a summary")
    s.add_argument("-o", "--output", default="out/demo_verdicts.jsonl")
    s.add_argument("--top", type=int, default=8)
    s.set_defaults(func=cmd_demo)

    from narcotrace.service.cli import add_admin_parser, add_serve_parser  # argparse only; no service deps

    add_serve_parser(sub, cmd_serve)
    from narcotrace.network.cli import add_network_parser  # argparse only; networkx loads in the handler
    add_network_parser(sub)
    add_admin_parser(sub, cmd_admin)
    from narcotrace.spark.cli import add_spark_parser  # argparse only; pyspark loads in the handler
    add_spark_parser(sub)
    __import__("narcotrace.sharing.cli", fromlist=["add_share_parser"]).add_share_parser(sub)  # argparse only
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except NarcotraceError as exc:
        print(f"narcotrace: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `narcotrace scan x | head`
        return 0
    except KeyboardInterrupt:
        print("narcotrace: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

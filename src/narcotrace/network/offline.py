"""Offline input for the network: scan output (verdicts, or `narcotrace indicators` lines) joined to accounts.

A verdict carries no author, so accounts come from the record itself when it has `author` (and `platform`)
fields, else from the items file by item id (`--items`), the id being the item's `id` or its 0-based record
index exactly as `narcotrace scan` echoes it. Bad records are reported with their line and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from narcotrace._exceptions import InputError
from narcotrace.network.graph import Account
from narcotrace.records import RecordError, read_records

__all__ = ["AccountMap", "Occurrences", "read_accounts", "read_occurrences"]


def _text(value: Any) -> str | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (str, int)):
        return str(value)
    return None


@dataclass(slots=True)
class AccountMap:
    """Item id -> accounts in file order (ids can repeat in real dumps; verdicts take them in order)."""

    by_id: dict[str, list[Account]] = field(default_factory=dict)
    rejected: list[str] = field(default_factory=list)
    without_author: int = 0

    def take(self, item_id: str) -> Account | None:
        """The next account for `item_id` (a verdict: one per item, in order)."""
        got = self.by_id.get(item_id)
        if not got:
            return None
        return got.pop(0) if len(got) > 1 else got[0]

    def only(self, item_id: str) -> Account | None | str:
        """The account of `item_id` when unambiguous; the string "ambiguous" when the id names several."""
        got = self.by_id.get(item_id)
        if not got:
            return None
        return got[0] if len(set(got)) == 1 else "ambiguous"


def read_accounts(
    path: str,
    *,
    fmt: str | None = None,
    author_field: str = "author",
    platform_field: str = "platform",
    platform: str | None = None,
) -> AccountMap:
    """The account of every item in an items file (JSONL or CSV); `platform` overrides the platform field."""
    out = AccountMap()
    index = 0
    for lineno, rec in read_records(path, fmt):
        item_index = index
        index += 1
        if isinstance(rec, RecordError):
            out.rejected.append(rec.format(path))
            continue
        item_id = _text(rec.get("id")) or str(item_index)
        if rec.get(author_field) is not None and _text(rec.get(author_field)) is None:
            out.rejected.append(f"{path}:{lineno}: field '{author_field}': must be a string or integer")
            continue
        author = _text(rec.get(author_field))
        if author is None:
            out.without_author += 1
            continue
        plat = platform if platform is not None else (_text(rec.get(platform_field)) or "")
        out.by_id.setdefault(item_id, []).append((plat, author))
    return out


@dataclass(slots=True)
class Occurrences:
    """(account, type, normalized, valid) tuples read from scan output, with what was skipped and why."""

    rows: list[tuple[Account, str, str, bool]] = field(default_factory=list)
    records: int = 0
    rejected: list[str] = field(default_factory=list)
    without_account: int = 0


def _indicator(d: Mapping[str, Any], where: str) -> tuple[str, str, bool] | str:
    itype, norm, valid = d.get("type"), d.get("normalized"), d.get("valid")
    if not isinstance(itype, str) or not itype:
        return f"{where}field 'type': missing or not a string"
    if not isinstance(norm, str):
        return f"{where}field 'normalized': missing or not a string"
    if not isinstance(valid, bool):
        return f"{where}field 'valid': missing or not true/false"
    return itype, norm, valid


def read_occurrences(path: str, accounts: AccountMap | None = None) -> Occurrences:
    """Read verdicts (records with an `indicators` list) or indicator lines (with `type`/`normalized`)."""
    out = Occurrences()
    for lineno, rec in read_records(path, "jsonl"):
        if isinstance(rec, RecordError):
            out.rejected.append(rec.format(path))
            continue
        out.records += 1
        item_id = _text(rec.get("id"))
        if item_id is None:
            out.rejected.append(
                f"{path}:{lineno}: field 'id': missing (verdicts and indicator lines echo it)"
            )
            continue
        is_verdict = "indicators" in rec
        own = _text(rec.get("author"))
        account: Account | None | str
        if own is not None:
            account = (_text(rec.get("platform")) or "", own)
        elif accounts is None:
            raise InputError(
                f"{path}:{lineno}: the record has no 'author'; give the items file with --items "
                "so accounts can be found by item id"
            )
        else:
            account = accounts.take(item_id) if is_verdict else accounts.only(item_id)
        if account == "ambiguous":
            out.rejected.append(
                f"{path}:{lineno}: item id {item_id!r} names several items with different "
                "authors in the items file; cannot tell which account this line belongs to"
            )
            continue
        if account is None:
            out.without_account += 1
            continue
        assert isinstance(account, tuple)
        if is_verdict:
            inds = rec["indicators"]
            if not isinstance(inds, list):
                out.rejected.append(f"{path}:{lineno}: field 'indicators': must be a list")
                continue
            parsed = [
                _indicator(d, f"indicators[{i}]: ")
                if isinstance(d, Mapping)
                else f"indicators[{i}]: must be an object"
                for i, d in enumerate(inds)
            ]
        else:
            parsed = [_indicator(rec, "")]
        bad = [p for p in parsed if isinstance(p, str)]
        if bad:
            out.rejected.append(f"{path}:{lineno}: {bad[0]}")
            continue
        out.rows.extend((account, p[0], p[1], p[2]) for p in parsed if not isinstance(p, str))
    return out

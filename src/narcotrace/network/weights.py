"""How much one shared indicator says that two accounts are one seller: type specificity over rarity.

This is the contract the Spark job re-implements (docs/network.md gives the same table and formula): keep the
two in step. Everything here is pure and deterministic.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from narcotrace._exceptions import InputError

__all__ = [
    "DEFAULT_MIN_WEIGHT",
    "DEFAULT_PRIOR",
    "TYPE_PRIORS",
    "Ignorable",
    "indicator_key",
    "link_weight",
    "load_ignorable",
]

# Specificity prior per indicator type: how likely two accounts that both show the value are one seller,
# before counting how many accounts show it. Wallets, phones, keys and messenger ids are chosen by the seller
# and rarely shared; payment tags and handles a little less (typos, look-alike names); an onion service or
# a URL can be a market shared by many vendors; a registered domain is shared most (shops, link shorteners).
# These are this project's modelling choices, not measured facts; docs/network.md says so.
TYPE_PRIORS: dict[str, float] = {
    **dict.fromkeys(("btc", "eth", "trx", "xmr", "ltc", "bch", "sol", "xrp"), 1.0),
    **dict.fromkeys(("phone", "pgp_key", "pgp_fingerprint", "session", "threema"), 1.0),
    **dict.fromkeys(
        (
            "telegram",
            "wickr",
            "signal",
            "whatsapp",
            "snapchat",
            "discord",
            "instagram",
            "wechat",
            "qq",
            "line",
            "kik",
            "email",
        ),
        0.9,
    ),
    **dict.fromkeys(("cashapp", "venmo", "paypal", "zelle"), 0.9),
    "onion": 0.7,
    "url": 0.6,
    "domain": 0.4,
}
DEFAULT_PRIOR = 0.5  # a type this table does not know yet
DEFAULT_MIN_WEIGHT = 0.25

# E.164 numbers: the indicators package normalizes phone, whatsapp, signal and wechat numbers to E.164, and a
# number is one identifier whichever messenger it was advertised for.
_E164 = re.compile(r"\+[1-9][0-9]{5,14}")


def indicator_key(indicator_type: str, normalized: str) -> tuple[str, str]:
    """The identity of an indicator for linking: (type, normalized), with every E.164 number typed "phone"."""
    if _E164.fullmatch(normalized):
        return ("phone", normalized)
    return (indicator_type, normalized)


def link_weight(indicator_type: str, n_accounts: int) -> float:
    """Weight of a link through one indicator of `indicator_type` shown by `n_accounts` distinct accounts.

    prior(type) / log2(n_accounts), rounded to 6 decimals; 0.0 when fewer than two accounts show it (no link).
    Two accounts sharing a wallet weigh 1.0; sixteen sharing it 0.25; a domain shared by three 0.252.
    """
    if n_accounts < 2:
        return 0.0
    return round(TYPE_PRIORS.get(indicator_type, DEFAULT_PRIOR) / math.log2(n_accounts), 6)


@dataclass(frozen=True, slots=True)
class Ignorable:
    """Values that link nobody: exchange deposit addresses, a platform's own domain, test numbers."""

    keys: frozenset[tuple[str, str]] = frozenset()  # (type, normalized) after indicator_key
    any_type: frozenset[str] = frozenset()  # normalized values ignored whatever their type

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        return key in self.keys or key[1] in self.any_type

    def __or__(self, other: Ignorable) -> Ignorable:
        return Ignorable(self.keys | other.keys, self.any_type | other.any_type)


def _parse_ignorable(text: str, where: str) -> Ignorable:
    keys: set[tuple[str, str]] = set()
    any_type: set[str] = set()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise InputError(
                f"{where}:{lineno}: expected `TYPE VALUE` (or `* VALUE` for any type), got {raw.strip()!r}"
            )
        kind, value = parts
        if kind == "*":
            any_type.add(value)
        else:
            keys.add(indicator_key(kind, value))
    return Ignorable(frozenset(keys), frozenset(any_type))


def load_ignorable(path: str | Path | None = None, *, packaged: bool = True) -> Ignorable:
    """The packaged list (network/data/ignorable.txt, each entry with its source) plus `path` if given.

    File format: one `TYPE VALUE` per line (VALUE as normalized by the indicators package), `* VALUE` for any
    type; `#` starts a comment. A malformed line stops with the file and line number.
    """
    out = Ignorable()
    if packaged:
        data = resources.files("narcotrace.network") / "data" / "ignorable.txt"
        out = _parse_ignorable(data.read_text(encoding="utf-8"), "narcotrace/network/data/ignorable.txt")
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read ignorable list {path}: {exc}") from exc
        out = out | _parse_ignorable(text, str(path))
    return out

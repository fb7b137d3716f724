"""Signal sharing between organisations without handing over users' personal data (docs/sharing.md).

    Signal, indicator_token, TextFingerprinter     keyed tokens and text fingerprints (pure)
    Collaboration, Member, load_collaboration      the YAML config, validated with clear errors
    Sharing                                        the engine over the store: feed, matching, opinions, bank
    sync(sharing, collab)                          the fetcher: partners' feeds in, our opinions out
    psi_start / psi_respond / psi_finish           private set intersection without a shared secret
    read_blocklist                                 public domain blocklists for the local bank

HTTP routes: `narcotrace.sharing.api.mount(app, ctx)`; CLI: `narcotrace share ...` (narcotrace.sharing.cli).
"""

from __future__ import annotations

from narcotrace.sharing._blocklist import BlocklistRead, read_blocklist
from narcotrace.sharing._client import FetchError, FetchReport, PartnerClient, sync
from narcotrace.sharing._config import (
    Collaboration,
    CollaborationDisabled,
    ConfigError,
    Member,
    load_collaboration,
    parse_collaboration,
)
from narcotrace.sharing._service import REMOVING_ACTIONS, Sharing, boost_factor
from narcotrace.sharing._signals import (
    OPINIONS,
    Signal,
    TextFingerprinter,
    aggregate_opinion,
    day_of,
    indicator_token,
    text_bands_match,
)
# PSI loads libsodium (ristretto255) only when first used, so importing it here costs nothing.
from narcotrace.sharing._psi import PsiError, PsiParty, psi_finish, psi_respond, psi_start

__all__ = [
    "OPINIONS",
    "REMOVING_ACTIONS",
    "BlocklistRead",
    "Collaboration",
    "CollaborationDisabled",
    "ConfigError",
    "FetchError",
    "FetchReport",
    "Member",
    "PartnerClient",
    "PsiError",
    "PsiParty",
    "Sharing",
    "Signal",
    "TextFingerprinter",
    "aggregate_opinion",
    "boost_factor",
    "day_of",
    "indicator_token",
    "load_collaboration",
    "parse_collaboration",
    "psi_finish",
    "psi_respond",
    "psi_start",
    "read_blocklist",
    "sync",
    "text_bands_match",
]

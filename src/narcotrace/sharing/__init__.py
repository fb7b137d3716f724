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

from typing import TYPE_CHECKING

from narcotrace._lazy import lazy_exports

if TYPE_CHECKING:
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
    from narcotrace.sharing._psi import PsiError, PsiParty, psi_finish, psi_respond, psi_start

# Each public name loads its module on first use (see narcotrace._lazy): `narcotrace <cmd>` builds its parser
# from this package's cli module without importing the heavy parts.
_WHERE = {
    "OPINIONS": "_signals",
    "REMOVING_ACTIONS": "_service",
    "BlocklistRead": "_blocklist",
    "Collaboration": "_config",
    "CollaborationDisabled": "_config",
    "ConfigError": "_config",
    "FetchError": "_client",
    "FetchReport": "_client",
    "Member": "_config",
    "PartnerClient": "_client",
    "PsiError": "_psi",
    "PsiParty": "_psi",
    "Sharing": "_service",
    "Signal": "_signals",
    "TextFingerprinter": "_signals",
    "aggregate_opinion": "_signals",
    "boost_factor": "_service",
    "day_of": "_signals",
    "indicator_token": "_signals",
    "load_collaboration": "_config",
    "parse_collaboration": "_config",
    "psi_finish": "_psi",
    "psi_respond": "_psi",
    "psi_start": "_psi",
    "read_blocklist": "_blocklist",
    "sync": "_client",
    "text_bands_match": "_signals",
}
__getattr__ = lazy_exports(__name__, _WHERE, globals())

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

"""The HTTP service (FastAPI): `create_app(config)` and the `narcotrace serve` / `narcotrace admin` commands.

Importing this package stays light; `narcotrace.service.app` pulls in FastAPI and the store.
"""

from __future__ import annotations

from narcotrace.service.config import ServiceConfig

__all__ = ["ServiceConfig"]

"""The reviewer console: server-rendered pages under /console for the review queue, items, decisions, the
audit trail and a dashboard, served by the service (docs/console.md).

Only the service imports this package: `create_app` calls `mount(app, ctx)`. Assets are served from the
package itself (no CDN, no front-end build); the pages make no request to any other host.
"""

from __future__ import annotations

from typing import Any

__all__ = ["mount"]


def mount(app: Any, ctx: Any) -> None:
    """Add the console's routes and static files to the service's FastAPI `app`, over its ServiceContext."""
    from narcotrace.console._routes import build

    try:
        # The seller-network module is optional: without it the item page says linked accounts are not shown.
        import narcotrace.network.api as network
    except ImportError:
        network = None  # type: ignore[assignment]
    app.include_router(build(app, ctx, network))

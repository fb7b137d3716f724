"""A small self-contained SVG picture of one account's neighbourhood for the console (no script, no assets).

The account sits in the middle, linked accounts on a circle around it; each spoke is labelled with the
strongest shared indicator and drawn thicker for a heavier link. Banned accounts are red, accounts with
strikes orange. All text is XML-escaped: indicator values come from untrusted posts.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from narcotrace.network.repo import AccountNetwork

__all__ = ["neighbourhood_svg"]

_MAX_SHOWN = 12


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def neighbourhood_svg(net: AccountNetwork, *, width: int = 420, height: int = 320) -> str:
    """An `<svg>` element (a string) drawing `net`; at most 12 linked accounts, the strongest, are shown."""
    cx, cy = width / 2, height / 2
    radius = min(width, height) / 2 - 46
    shown = net.links[:_MAX_SHOWN]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" font-size="10">',
        f"<title>{escape(f'{net.platform or chr(45)} account and {len(net.links)} linked accounts')}</title>",
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    nodes: list[str] = []
    for i, lk in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        stroke = 1 + 4 * min(lk.weight, 1.0)
        label = f"{lk.shared[0].type}: {_short(lk.shared[0].normalized, 22)}" if lk.shared else ""
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#888" '
            f'stroke-width="{stroke:.1f}"/>'
        )
        mx, my = (cx + x) / 2, (cy + y) / 2
        parts.append(
            f'<text x="{mx:.1f}" y="{my - 3:.1f}" text-anchor="middle" fill="#333">{escape(label)}</text>'
        )
        fill = "#d62728" if lk.banned_at else ("#ff7f0e" if lk.strikes else "#1f77b4")
        title = (
            f"{lk.platform or '-'} {lk.author_hash[:12]} weight {lk.weight:.2f} strikes {lk.strikes}"
            + (f" banned {lk.banned_at}" if lk.banned_at else "")
            + "; shares "
            + ", ".join(f"{x.type} {_short(x.normalized, 60)}" for x in lk.shared[:8])
        )
        nodes.append(
            f"<g><title>{escape(title)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill={quoteattr(fill)}/>'
            f'<text x="{x:.1f}" y="{y + 21:.1f}" text-anchor="middle">'
            f"{escape(_short(lk.platform or '-', 10) + ' ' + lk.author_hash[:6])}</text></g>"
        )
    parts.extend(nodes)
    centre_fill = "#9467bd" if net.likely_ban_evasion else "#2ca02c"
    parts.append(
        f"<g><title>{escape('this account' + (': likely ban evasion' if net.likely_ban_evasion else ''))}"
        f'</title><circle cx="{cx:.1f}" cy="{cy:.1f}" r="13" fill="{centre_fill}"/>'
        f'<text x="{cx:.1f}" y="{cy + 26:.1f}" text-anchor="middle" font-weight="bold">'
        f"{escape(_short(net.platform or '-', 10) + ' ' + net.author_hash[:6])}</text></g>"
    )
    if len(net.links) > len(shown):
        parts.append(
            f'<text x="4" y="{height - 4}" fill="#555">+{len(net.links) - len(shown)} more linked</text>'
        )
    if not net.links:
        parts.append(f'<text x="{cx:.1f}" y="20" text-anchor="middle" fill="#555">no linked accounts</text>')
    parts.append("</svg>")
    return "".join(parts)

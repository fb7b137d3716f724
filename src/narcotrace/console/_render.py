"""Pure rendering helpers for the console: evidence highlighting, image links, SVG charts and CSV exports.

No web framework here, so each piece is tested on its own; the routes pass their output to the templates as
Markup (everything from an item is escaped first).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from markupsafe import Markup, escape

__all__ = ["Segment", "chart_csv", "chart_svg", "day_range", "highlight", "highlight_html", "image_links",
           "legend", "series_of", "utc_text"]

# Charts draw this many series in colour (CSS classes s0..s9); the rest are summed as "other" in the picture
# (the CSV export keeps every series).
MAX_SERIES = 10


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the original text covered by the same set of evidence (none = plain text)."""

    text: str
    tips: tuple[str, ...]


def highlight(text: str, evidence: Iterable[Mapping[str, Any]]) -> list[Segment]:
    """Split text at every evidence boundary; overlapping spans give one segment that lists each signal.

    Spans are code-point offsets into the ORIGINAL text (DESIGN.md); spans outside the text are clipped and
    empty ones dropped, so a verdict made on text that was later purged or edited never breaks the page.
    """
    n = len(text)
    spans: list[tuple[int, int, str]] = []
    for ev in evidence:
        try:
            start, end = max(0, int(ev["start"])), min(n, int(ev["end"]))
            tip = f"{ev['signal']} (weight {float(ev['weight']):.2f})"
        except (KeyError, TypeError, ValueError):
            continue
        if start < end:
            spans.append((start, end, tip))
    cuts = sorted({0, n, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        tips = tuple(dict.fromkeys(t for s, e, t in spans if s <= a and b <= e))
        if out and out[-1].tips == tips:
            out[-1] = Segment(out[-1].text + text[a:b], tips)
        else:
            out.append(Segment(text[a:b], tips))
    return out


def highlight_html(text: str | None, evidence: Iterable[Mapping[str, Any]],
                   limit: int | None = None) -> Markup:
    """The text with each evidence segment as a focusable <mark>; hover or focus shows its signals, weights.

    `limit` cuts long texts (the queue) after that many characters, with a note of how much was left out.
    """
    if text is None:
        return Markup('<span class="nt-purged">text deleted after the retention period</span>')
    more = 0
    if limit is not None and len(text) > limit:
        more = len(text) - limit
        text = text[:limit]
    parts: list[str] = []
    for seg in highlight(text, evidence):
        if not seg.tips:
            parts.append(str(escape(seg.text)))
            continue
        tip = "; ".join(seg.tips)
        parts.append(f'<mark class="nt-ev" tabindex="0" data-tip="{escape(tip)}" '
                     f'aria-label="{escape(seg.text)}: {escape(tip)}">{escape(seg.text)}</mark>')
    if more:
        parts.append(f'<span class="nt-more">… {more} more characters on the item page</span>')
    return Markup("".join(parts))


_IMAGE_URL = re.compile(r"https?://[^\s<>\"']+?\.(?:jpe?g|png|gif|webp|avif)(?:\?[^\s<>\"']*?)?(?=$|[\s<>\"'),])",
                        re.IGNORECASE)


def image_links(text: str | None) -> list[dict[str, str]]:
    """Image URLs written in an item: the console shows them only on request, blurred and greyscale first."""
    if not text:
        return []
    out: dict[str, dict[str, str]] = {}
    for m in _IMAGE_URL.finditer(text):
        url = m.group(0)
        out.setdefault(url, {"url": url, "host": urlsplit(url).hostname or "?"})
    return list(out.values())


def utc_text(iso: str | None) -> str:
    """A stored ISO-8601 time as "YYYY-MM-DD HH:MM:SS UTC" (naive ones are UTC, as SQLite returns them)."""
    if not iso:
        return "?"
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if t.tzinfo is not None:
        t = t.astimezone(timezone.utc)
    return t.strftime("%Y-%m-%d %H:%M:%S UTC")


def day_range(end: date, days: int) -> list[date]:
    return [end - timedelta(days=i) for i in range(days - 1, -1, -1)]


def series_of(by_day: Mapping[date, Counter[str]], order: Sequence[str] = ()) -> list[str]:
    """Series names: those of `order` that occur, in that order, then the rest by total count."""
    totals: Counter[str] = Counter()
    for c in by_day.values():
        totals.update(c)
    known = [s for s in order if totals.get(s)]
    rest = sorted((s for s in totals if s not in order and totals[s]), key=lambda s: (-totals[s], s))
    return known + rest


def chart_csv(days: Sequence[date], series: Sequence[str], by_day: Mapping[date, Counter[str]]) -> str:
    """One row per day, one column per series (zeros written out), for spreadsheets."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    # A cell starting with = + - @ runs as a formula in a spreadsheet; series names come from stored data.
    w.writerow(["day", *(("'" + s) if s[:1] in "=+-@" else s for s in series)])
    for d in days:
        c = by_day.get(d, Counter())
        w.writerow([d.isoformat(), *(c.get(s, 0) for s in series)])
    return buf.getvalue()


def _nice_max(v: int) -> int:
    if v <= 5:
        return max(v, 1)
    step = 10 ** (len(str(v)) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * step:
            return int(m * step)
    return v


def chart_svg(title: str, days: Sequence[date], series: Sequence[str],
              by_day: Mapping[date, Counter[str]]) -> Markup:
    """A stacked bar chart, one bar per day, as inline SVG (colours come from CSS classes s0..s9).

    Each bar segment carries a <title> (shown on hover); the page adds the same numbers as a table.
    """
    shown, rest = _shown(series)
    width, height, left, right, top, bottom = 560, 200, 36, 8, 8, 22
    pw, ph = width - left - right, height - top - bottom
    totals = [sum(by_day.get(d, Counter()).values()) for d in days]
    ymax = _nice_max(max(totals, default=0))
    slot = pw / max(len(days), 1)
    bar = max(slot * 0.8, 1.0)
    out = [f'<svg class="nt-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
           f'xmlns="http://www.w3.org/2000/svg">']
    for frac in ((0, 0.5, 1) if ymax % 2 == 0 else (0, 1)):  # whole numbers on the axis only
        y = top + ph - ph * frac
        out.append(f'<line class="nt-grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="nt-axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{round(ymax * frac):g}</text>')
    label_every = max(1, len(days) // 6)
    for i, d in enumerate(days):
        x = left + i * slot + (slot - bar) / 2
        y = top + ph
        counts = by_day.get(d, Counter())
        values = [counts.get(s, 0) for s in shown]
        if rest:
            values[-1] = sum(counts.get(s, 0) for s in rest)
        for k, (s, v) in enumerate(zip(shown, values)):
            if not v:
                continue
            h = ph * v / ymax
            y -= h
            out.append(f'<rect class="s{k}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                       f'<title>{d.isoformat()} {escape(s)}: {v}</title></rect>')
        if i % label_every == 0 or i == len(days) - 1:
            out.append(f'<text class="nt-axis" x="{x + bar / 2:.1f}" y="{height - 6}" text-anchor="middle">'
                       f'{d.strftime("%m-%d")}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _shown(series: Sequence[str]) -> tuple[list[str], list[str]]:
    """The names drawn and the series summed into the last one ("N more") when there are too many."""
    if len(series) <= MAX_SERIES:
        return list(series), []
    rest = list(series[MAX_SERIES - 1:])
    return [*series[:MAX_SERIES - 1], f"{len(rest)} more"], rest


def legend(series: Sequence[str]) -> list[tuple[str, str]]:
    """(css class, name) pairs matching chart_svg's colours."""
    shown, _ = _shown(series)
    return [(f"s{k}", s) for k, s in enumerate(shown)]

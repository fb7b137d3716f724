"""The console's pure pieces: evidence highlighting, image links, SVG charts, CSV export and sessions."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date

import pytest

from narcotrace.console._render import (
    MAX_SERIES,
    Segment,
    chart_csv,
    chart_svg,
    day_range,
    highlight,
    highlight_html,
    image_links,
    legend,
    series_of,
    utc_text,
)
from narcotrace.console._sessions import SessionStore


def ev(start: int, end: int, signal: str, weight: float = 1.0) -> dict[str, object]:
    return {"start": start, "end": end, "text": "", "signal": signal, "weight": weight}


@pytest.mark.parametrize(
    "text, evidence, expected",
    [
        ("buy percs", [], [Segment("buy percs", ())]),
        (
            "buy percs",
            [ev(4, 9, "slang", 0.5)],
            [Segment("buy ", ()), Segment("percs", ("slang (weight 0.50)",))],
        ),
        # overlapping spans: the shared part lists both signals
        (
            "abcdef",
            [ev(0, 4, "x"), ev(2, 6, "y")],
            [
                Segment("ab", ("x (weight 1.00)",)),
                Segment("cd", ("x (weight 1.00)", "y (weight 1.00)")),
                Segment("ef", ("y (weight 1.00)",)),
            ],
        ),
        # spans past the end are clipped, empty and inverted ones dropped, malformed ones ignored
        (
            "abc",
            [ev(1, 99, "x"), ev(2, 2, "empty"), ev(3, 1, "inverted"), {"start": "?"}],
            [Segment("a", ()), Segment("bc", ("x (weight 1.00)",))],
        ),
        # the same signal twice over one span is listed once
        ("abc", [ev(0, 3, "x"), ev(0, 3, "x")], [Segment("abc", ("x (weight 1.00)",))]),
        # code-point offsets: emoji are one position each, as in Python strings
        (
            "💊 $20",
            [ev(0, 1, "emoji"), ev(2, 5, "price")],
            [
                Segment("💊", ("emoji (weight 1.00)",)),
                Segment(" ", ()),
                Segment("$20", ("price (weight 1.00)",)),
            ],
        ),
    ],
)
def test_highlight_segments(text: str, evidence: list[dict[str, object]], expected: list[Segment]) -> None:
    segments = highlight(text, evidence)
    assert segments == expected
    assert "".join(s.text for s in segments) == text


def test_highlight_html_escapes_the_text_and_the_tips() -> None:
    html = str(highlight_html('<img src=x onerror="alert(1)"> M30', [ev(0, 4, '"><script>', 0.2)]))
    assert "<img" not in html and "<script>" not in html
    assert html.count("<mark") == 1 and 'tabindex="0"' in html
    assert "&lt;img" in html


def test_long_texts_are_cut_with_a_note_and_spans_clipped() -> None:
    html = str(
        highlight_html("x" * 10 + "percs" + "y" * 100, [ev(10, 15, "slang"), ev(50, 60, "late")], limit=12)
    )
    assert html.count("<mark") == 1 and ">pe</mark>" in html
    assert "103 more characters" in html and "late" not in html


def test_purged_text_says_so() -> None:
    assert "deleted after the retention period" in str(highlight_html(None, [ev(0, 3, "x")]))


@pytest.mark.parametrize(
    "text, urls",
    [
        ("menu http://shop.example/menu.PNG here", ["http://shop.example/menu.PNG"]),
        ("pics: https://a.example/x.jpg?w=2, https://a.example/x.jpg?w=2", ["https://a.example/x.jpg?w=2"]),
        ("not an image https://a.example/page.html or a.example/x.png", []),
        ("(https://i.example/p.webp)", ["https://i.example/p.webp"]),
        (None, []),
    ],
)
def test_image_links(text: str | None, urls: list[str]) -> None:
    assert [i["url"] for i in image_links(text)] == urls


def test_series_order_known_first_then_by_total() -> None:
    by_day = {date(2026, 1, 1): Counter({"zeta": 1, "offer": 2, "alpha": 5})}
    assert series_of(by_day, ("none", "offer")) == ["offer", "alpha", "zeta"]


def test_csv_has_every_day_and_defuses_formulas() -> None:
    days = day_range(date(2026, 1, 3), 3)
    assert days == [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 3)]
    text = chart_csv(days, ["US", "=cmd()"], {date(2026, 1, 2): Counter({"US": 4, "=cmd()": 1})})
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["day", "US", "'=cmd()"],
        ["2026-01-01", "0", "0"],
        ["2026-01-02", "4", "1"],
        ["2026-01-03", "0", "0"],
    ]


def test_chart_draws_one_rect_per_nonzero_series_and_sums_the_tail() -> None:
    days = day_range(date(2026, 1, 2), 2)
    names = [f"s{i}" for i in range(MAX_SERIES + 3)]
    counts = {days[1]: Counter({n: 1 for n in names})}
    svg = str(chart_svg("t", days, names, counts))
    assert svg.count("<rect") == MAX_SERIES
    assert re.search(r"<title>2026-01-02 4 more: 4</title>", svg)
    assert legend(names)[-1] == (f"s{MAX_SERIES - 1}", "4 more")
    # bar heights add up to the day's total on the y scale (total 13 -> scale 20)
    heights = [float(h) for h in re.findall(r'height="([0-9.]+)"', svg)]
    assert sum(heights) == pytest.approx(170 * 13 / 20, abs=0.5)


@pytest.mark.parametrize(
    "top, labels",
    [
        (1, ["0", "1"]),
        (2, ["0", "1", "2"]),
        (3, ["0", "3"]),
        (13, ["0", "10", "20"]),
        (240, ["0", "125", "250"]),
    ],
)
def test_chart_axis_labels_are_whole_numbers(top: int, labels: list[str]) -> None:
    d = date(2026, 1, 1)
    svg = str(chart_svg("t", [d], ["x"], {d: Counter({"x": top})}))
    assert re.findall(r'text-anchor="end">([^<]+)<', svg) == labels


@pytest.mark.parametrize(
    "iso, text",
    [
        ("2026-11-27T22:17:48.993347", "2026-11-27 22:17:48 UTC"),  # SQLite: naive, stored as UTC
        ("2026-11-27T23:17:48+01:00", "2026-11-27 22:17:48 UTC"),  # PostgreSQL in a session time zone
        (None, "?"),
        ("not a time", "not a time"),
    ],
)
def test_utc_text(iso: str | None, text: str) -> None:
    assert utc_text(iso) == text


def test_sessions_expire_when_idle_and_the_cap_drops_anonymous_ones_first() -> None:
    store = SessionStore(idle_seconds=0.0, cap=10)
    s = store.new(key_id=1)
    assert store.get(s.sid) is None  # idle timeout 0: already expired
    store = SessionStore(cap=3)
    reviewer = store.new(key_id=7)
    anon = [store.new() for _ in range(2)]
    store.new()  # over the cap: the oldest anonymous session goes, the reviewer stays
    assert store.get(reviewer.sid) is reviewer
    assert store.get(anon[0].sid) is None and store.get(anon[1].sid) is not None
    assert len(store) == 3


def test_csrf_comparison() -> None:
    s = SessionStore().new()
    assert s.csrf_ok(s.csrf)
    assert not s.csrf_ok("") and not s.csrf_ok(None) and not s.csrf_ok(s.csrf + "x")

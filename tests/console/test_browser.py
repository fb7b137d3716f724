"""End to end in Debian's headless Chromium, keyboard only: log in, queue, item, decide, audit, dashboard.

Takes the screenshots linked from the README at 1280x800 (into docs/screenshots only with
NARCOTRACE_SCREENSHOTS=docs/screenshots), and checks that no page
asked any host but the service on 127.0.0.1 (the one image the reviewer asks for is on 127.0.0.1 too).
"""

from __future__ import annotations

import base64
import csv
import io
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import pytest
from console_live import ITEMS, SCREENSHOTS, LiveServer
from sqlalchemy import update

from narcotrace.store.models import ItemRow

# A 1x1 PNG for the image the test item links to (served by intercepting its 127.0.0.1 URL).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)


@pytest.fixture()
def page(chromium: Any, live: LiveServer) -> Any:
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, accept_downloads=True, base_url=live.url
    )
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
    yield pg
    context.close()


def _login(page: Any, key: str) -> None:
    page.goto("/console/queue")
    assert "/console/login" in page.url
    # The key field takes focus on arrival (autofocus), which the browser applies after load: wait for it rather
    # than type into nothing on a busy machine.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'key'")
    page.keyboard.type(key)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == "/console/queue")


def _queue_ids(page: Any) -> list[str]:
    return [a.inner_text() for a in page.locator(".nt-item-link").all()]


def test_review_an_item_with_the_keyboard(page: Any, live: LiveServer) -> None:
    _login(page, live.keys["reviewer"])
    ids = _queue_ids(page)
    assert ids and set(ids) == set(live.queued), "the queue shows exactly the queued items"
    first_row = page.locator("[data-row]").first
    assert first_row.locator("mark.nt-ev").count() > 0, "evidence highlighted in the queue"
    assert first_row.locator(".nt-chip").count() > 0, "indicators as chips"
    assert first_row.locator(".nt-decisions li").count() >= 1, "the jurisdictions' actions"
    page.screenshot(path=str(SCREENSHOTS / "queue.png"))

    # j j k lands on the first row again; Enter opens it.
    for key in ("j", "j", "k"):
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.dataset.href") == f"/console/items/{ids[0]}"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == f"/console/items/{ids[0]}")

    marks = page.locator("#item-text mark.nt-ev")
    assert marks.count() > 0
    marks.first.focus()
    tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert "weight" in tip, f"focus must show the signal and its weight, got {tip!r}"
    signal = live.store.get_item(live.org_id, ids[0])["verdict"]["evidence"][0]["signal"]
    assert page.locator("#item-text").get_attribute("class") and signal in page.content()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "item.png"))  # with the focused highlight's tooltip showing
    page.locator("main").focus()

    # r picks "remove" and asks for the reason; Enter in the reason confirms.
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.id") == "reason"
    assert "remove" in page.locator("#decide-hint").inner_text()
    page.keyboard.type("sells counterfeit M30 pills")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator(".nt-flash-ok").wait_for()
    assert f"Decided {ids[0]}: remove." in page.locator(".nt-flash-ok").inner_text()
    stored = live.store.get_item(live.org_id, ids[0])
    assert stored["status"] == "decided" and stored["final_action"] == "remove"

    page.goto("/console/queue")
    assert ids[0] not in _queue_ids(page), "the decided item left the queue"
    assert len(_queue_ids(page)) == len(ids) - 1

    page.goto("/console/audit?verify=1")
    row = page.locator("tr[data-event='decision']", has_text=ids[0])
    assert row.count() == 1
    assert "remove" in row.inner_text() and "sells counterfeit M30 pills" in row.inner_text()
    assert "Hash chain verified" in page.locator(".nt-chain").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "audit.png"))
    _only_loopback(page)


def test_dashboard_renders_and_exports_csv(page: Any, live: LiveServer) -> None:
    # Spread the items over the last days so the charts have more than one bar (the store stamps ingest time).
    now = datetime.now(timezone.utc)
    with live.store._sessions.begin() as s:
        for k, item in enumerate(ITEMS):
            s.execute(
                update(ItemRow)
                .where(ItemRow.org_id == live.org_id, ItemRow.item_id == item["id"])
                .values(received_at=now - timedelta(days=(3 * k) % 20))
            )
    _login(page, live.keys["admin"])
    page.goto("/console/dashboard?days=30")
    assert page.locator("section[data-chart='label'] svg rect").count() >= 5
    charts = page.locator("section[data-chart] svg.nt-chart")
    assert charts.count() == 6
    assert (
        page.locator("section[data-chart='label'] svg rect").count() >= 2
    )  # offer and at least one more label
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"))
    with page.expect_download() as info:
        page.locator("a[data-csv='severity']").click()
    download = info.value
    assert download.suggested_filename.startswith("narcotrace-severity-")
    with open(download.path(), encoding="utf-8") as fh:
        rows = list(csv.DictReader(io.StringIO(fh.read())))
    assert len(rows) == 30 and rows[0].keys() >= {"day", "critical"}
    assert sum(int(v) for r in rows for k, v in r.items() if k != "day") == len(
        ITEMS
    )  # one severity per item
    _only_loopback(page)


def test_images_stay_blurred_until_asked_and_linked_accounts_show(page: Any, live: LiveServer) -> None:
    page.route(
        "http://127.0.0.1:9/menu.png",
        lambda route: route.fulfill(status=200, content_type="image/png", body=PNG),
    )
    _login(page, live.keys["reviewer"])
    page.goto("/console/items/c-07")
    button = page.locator(".nt-img").first
    assert button.get_attribute("data-state") == "unloaded"
    assert not any(u.endswith("/menu.png") for u in page.requests), (
        "no image fetched before the reviewer asks"
    )
    page.keyboard.press("i")
    assert button.get_attribute("data-state") == "blurred"
    img_filter = page.evaluate("getComputedStyle(document.querySelector('.nt-img-pic')).filter")
    assert "blur" in img_filter and "grayscale" in img_filter
    page.keyboard.press("i")
    assert button.get_attribute("data-state") == "revealed"
    assert page.evaluate("getComputedStyle(document.querySelector('.nt-img-pic')).filter") == "none"

    page.goto("/console/items/c-02")
    same_author = page.locator("section[aria-labelledby='h-author'] a")
    assert [a.inner_text() for a in same_author.all()] == ["c-01"]
    network = page.locator("section.nt-network")
    if page.locator("[data-linked]").count():
        assert "c-08" in network.inner_text()
        assert network.locator("svg").count() == 1
    else:
        assert "not installed" in network.inner_text()
    _only_loopback(page)


def _only_loopback(page: Any) -> None:
    hosts = {
        urlsplit(u).hostname for u in page.requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
    }
    assert hosts == {"127.0.0.1"}, f"requests to other hosts: {hosts - {'127.0.0.1'}}"

"""The dashboard in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

The server is the app of ``proxywatch serve`` on a loopback port, over the demo store. Expected counts
come from the analysis functions on the same store, never from numbers written here. Screenshots
of every page go to ``$PROXYWATCH_SCREENSHOTS`` (default: a temporary folder); the README's are
refreshed with ``PROXYWATCH_SCREENSHOTS=docs/screenshots pytest tests/serve/web/test_browser.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PROXYWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                                   reason=f"no Chromium at {CHROMIUM}: `make test` installs it")]


@pytest.fixture(scope="module")
def base_url(web_backend):
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web_backend, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="proxywatch-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS,
                                                       viewport={"width": 1366, "height": 900})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def shots():
    folder = Path(os.environ.get("PROXYWATCH_SCREENSHOTS") or tempfile.mkdtemp(prefix="proxywatch-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser, base_url):
    """A page that records console errors and refuses to talk to anything but the server."""
    tab = browser.new_page()
    tab.errors = []
    tab.outside = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("request", lambda r: tab.outside.append(r.url) if not (r.url.startswith(base_url) or
                                                                   r.url.startswith("data:")) else None)
    yield tab
    assert tab.errors == [], tab.errors  # CSP violations and script errors show up here
    assert tab.outside == [], tab.outside  # no CDN, no tiles: nothing leaves the machine
    tab.close()


@pytest.fixture(scope="module")
def store(demo_db):
    from proxywatch.store import Store

    with Store(demo_db, read_only=True) as s:
        yield s


def expected_marks(store, **filters):
    from proxywatch.analyse.changepoints import changepoints
    from proxywatch.analyse.overview import gaps, places
    from proxywatch.analyse.series import trend
    from proxywatch.errors import ProxywatchError
    from proxywatch.store.filters import checked_query

    query = checked_query(filters.get("type"), filters.get("actor"), filters.get("sponsor"), filters.get("country"),
                          filters.get("since"), filters.get("until"), filters.get("target_country"))
    weekly = trend(store, query, by="week", split="sponsor", top=6)
    try:
        changes = len(changepoints(store, query).changes)
    except ProxywatchError:
        changes = 0
    spots = places(store, query)
    return {"bars": sum(r.events for r in weekly.rows), "points": len(spots.points), "located": spots.located,
            "changes": changes, "gaps": gaps(store, query), "vague": weekly.left_out}


def drawn(page) -> dict:
    return page.evaluate("""() => ({
        bars: [...document.querySelectorAll('svg.timeline rect.bar')].reduce((s, r) => s + +r.dataset.events, 0),
        points: document.querySelectorAll('svg.map circle.point').length,
        located: [...document.querySelectorAll('svg.map circle.point')].reduce((s, c) => s + +c.dataset.events, 0),
        changes: document.querySelectorAll('svg.timeline g.change').length,
        events: +document.getElementById('summary').dataset.events,
        undated: +document.getElementById('summary').dataset.undated,
        unlocated: +document.getElementById('summary').dataset.unlocated,
        vague: +document.getElementById('summary').dataset.vague,
    })""")


def check_marks(page, expected):
    got = drawn(page)
    assert (got["bars"], got["points"], got["located"], got["changes"]) == (
        expected["bars"], expected["points"], expected["located"], expected["changes"])
    g = expected["gaps"]
    assert (got["events"], got["undated"], got["unlocated"], got["vague"]) == (g.events, g.undated, g.unlocated,
                                                                              expected["vague"])
    return got


def test_overview_draws_what_the_store_holds_and_filters_change_it(page, base_url, store, shots):
    page.goto(base_url + "/")
    everything = check_marks(page, expected_marks(store))
    assert everything["points"] > 0 and everything["bars"] > 0
    assert page.locator("svg.map path.land").count() > 5  # country outlines, served by the app
    page.screenshot(path=str(shots / "overview.png"), full_page=True)

    page.select_option("#f-type", "ASSAULT")
    page.fill("#f-target", "USA")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*target_country=USA*")
    assert "type=ASSAULT" in page.url and "actor=" not in page.url  # blank fields stay out of the URL
    filtered = check_marks(page, expected_marks(store, type="ASSAULT", target_country="USA"))
    assert filtered["events"] < everything["events"] and filtered["located"] < everything["located"]
    assert page.input_value("#f-target") == "USA"  # the view is in the URL: reload keeps it
    page.reload()
    check_marks(page, expected_marks(store, type="ASSAULT", target_country="USA"))
    page.screenshot(path=str(shots / "overview-us-forces.png"), full_page=True)


def test_keyboard_walks_the_filter_bar_in_order_and_submits(page, base_url, store):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.focus("#f-type")
    order: list[str] = []
    for _ in range(25):  # a date field takes one Tab per part (month, day, year)
        here = page.evaluate("document.activeElement.id || document.activeElement.tagName")
        if not order or order[-1] != here:
            order.append(here)
        if here == "BUTTON":
            break
        page.keyboard.press("Tab")
    assert order == ["f-type", "f-actor", "f-sponsor", "f-country", "f-target", "f-since", "f-until", "f-source",
                     "BUTTON"]
    for field in ("f-type", "f-actor", "f-sponsor", "f-target", "f-since"):  # every field has a visible label
        assert page.locator(f"label[for={field}]").is_visible()
    page.focus("#f-sponsor")
    page.keyboard.type("IRN")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?*sponsor=IRN*")
    check_marks(page, expected_marks(store, sponsor="IRN"))
    focus_ring = page.evaluate("""() => { const el = document.getElementById('f-actor'); el.focus();
        return getComputedStyle(el).outlineStyle; }""")
    assert focus_ring != "none"


def test_events_table_to_event_page_with_highlighted_evidence(page, base_url, store, shots):
    page.goto(base_url + "/events?type=ASSAULT")
    total = store.event_page(_query(type="ASSAULT")).total
    assert int(page.get_attribute("#summary", "data-total")) == total
    assert page.locator("#events-table tbody tr").count() == min(50, total)
    assert page.locator("#events-table mark.trigger").count() > 0
    page.screenshot(path=str(shots / "events.png"), full_page=False)
    page.click("#events-table th a:text('Killed')")
    page.wait_for_url("**sort=fatalities*")
    assert page.get_attribute("#events-table th[aria-sort]", "aria-sort") == "ascending"
    first = page.locator("#events-table tbody tr:has(mark.trigger)").first  # an event whose trigger was found
    event_id = first.get_attribute("data-id")
    first.locator("a.event-link").click()
    page.wait_for_url(f"**/events/{event_id}")
    record = store.canonical_event(event_id)
    assert page.locator("ol.mentions > li").count() == len(record["mention_ids"])
    quote = page.locator("ol.mentions blockquote:has(mark.trigger)").first
    trigger = quote.locator("mark.trigger")
    assert trigger.is_visible()
    assert trigger.inner_text() in quote.inner_text() and quote.inner_text() in {e["text"] for e in
                                                                                 record["evidence"]}
    assert trigger.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    page.locator("ol.mentions a").first.click()  # the article, with the sentence marked
    assert page.locator("mark.sentence").count() >= 1
    page.go_back()
    next_page = base_url + "/events?type=ASSAULT"
    page.goto(next_page)
    if total > 50:
        page.click("a[rel=next]")
        assert page.locator("#events-table tbody tr").count() == min(50, total - 50)


def _query(**filters):
    from proxywatch.store import EventQuery

    return EventQuery(**filters)


def test_claim_check_in_the_browser(page, base_url, web_backend, demo_db, shots):
    from proxywatch import jobs
    from proxywatch.records import Article
    from proxywatch.store import Store

    corpus = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"
    article = next(a for a in map(json.loads, corpus.read_text().splitlines()) if a["id"] == "demo-30")
    with Store(demo_db, read_only=True) as s:
        expected = jobs.check_claims(s, [Article("pasted", article["text"], published=article["published"])],
                                     web_backend.app.state.backend.extractor(), lambda p: None).checks
    page.goto(base_url + "/claims")
    page.fill("#c-text", article["text"])
    page.fill("#c-published", article["published"])
    page.click("#claims-form button[type=submit]")
    page.wait_for_selector("#results")
    rows = page.locator("#claims-table tbody tr")
    assert rows.count() == len(expected) > 0
    verdicts = [rows.nth(i).locator(".verdict").inner_text() for i in range(rows.count())]
    assert verdicts == [c.verdict for c in expected]
    page.screenshot(path=str(shots / "claims.png"), full_page=True)
    behind = page.locator("a.behind").first
    if behind.count():
        behind.click()
        assert page.locator("#events-table").count() == 1


def test_article_html_is_shown_as_text(page, base_url):
    page.goto(base_url + "/claims")
    page.fill("#c-text", 'Officials said <img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> '
                         "there have been no attacks on US forces in Iraq since 4 February.")
    page.fill("#c-published", "2024-02-20")
    page.click("#claims-form button[type=submit]")
    page.wait_for_selector("#results")
    assert page.evaluate("window.pwned") is None
    assert "<img src=x" in page.input_value("#c-text")
    assert page.locator("img").count() == 0


def test_every_page_renders_without_errors_and_the_api_docs_work_offline(page, base_url, store, shots):
    actor = "kataib-hezbollah"
    for path, name in (("/actors/" + actor, "actor"), ("/api/docs", "api-docs"), ("/events?source=all-mentions",
                                                                                    "mentions")):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
    page.goto(base_url + "/api/docs")
    page.wait_for_selector("#swagger-ui .opblock", timeout=15000)
    assert page.locator("#swagger-ui .opblock").count() >= 10

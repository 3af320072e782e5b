"""The pages: text from articles is escaped everywhere, no inline script or style, filters stay in links."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from proxywatch.jobs import store_batch
from proxywatch.records import Article, DateSpan, Event, Evidence, Party, Place
from proxywatch.serve.web.app import create_app
from proxywatch.store import Store

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SENTENCE = f'Gunmen calling themselves {EVIL} attacked a checkpoint near Kirkuk on Monday, killing two guards.'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, extractor):
    """A store whose article, title, source, url and party names carry markup and script."""
    path = tmp_path_factory.mktemp("hostile") / "h.duckdb"
    text = "Intro. " + SENTENCE
    start = text.index(SENTENCE)
    event = Event(id="h1", article_id="evil-1", type="ASSAULT", mode="firearms",
                  evidence=Evidence(SENTENCE, start, start + len(SENTENCE)), confidence=0.8,
                  actor=Party(text=f"Gunmen calling themselves {EVIL}", name=EVIL, country="IRQ"),
                  target=Party(text="two guards", kind="military"),
                  location=Place(text="Kirkuk", name=f"Kirkuk{EVIL}", country="IRQ", lat=35.47, lon=44.39,
                                 precision="city"),
                  date=DateSpan("2024-01-15", "2024-01-15", "day"))
    article = Article("evil-1", text, published="2024-01-16", title=f"Title {EVIL}", source=f"Source {EVIL}",
                      url='javascript:alert(1)//"><script>alert(2)</script>')
    with Store(path) as store:
        store_batch(store, [(article, [event])])
    store = Store(path, read_only=True)
    app = create_app(store)
    app.app.state.backend._extractor = extractor  # the session's pipeline: no second load
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, store
    store.close()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def _no_live_markup(html: str) -> None:
    """What the browser would run or style inline: nothing."""
    parsed = _Tags()
    parsed.feed(html)
    for tag, attrs in parsed.tags:
        assert tag != "img", attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)  # no inline event handlers
        assert "style" not in attrs, (tag, attrs)  # CSP forbids inline styles too
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs  # only the app's own files
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)
    assert "".join(parsed.script_text).strip() == ""  # no inline script
    assert "<script>alert" not in html


def test_article_text_is_escaped_on_every_page(hostile):
    client, store = hostile
    canonical = store.event_page().records[0]["id"]
    for path in ("/", "/events", "/events?source=all-mentions", f"/events/{canonical}", "/events/h1",
                 "/articles/evil-1", "/?actor=%3Cscript%3E", "/events?actor=%3Cscript%3Ealert(1)%3C/script%3E"):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:300])
        _no_live_markup(answer.text)
        if "events" in path or "articles" in path:
            assert "&lt;script&gt;alert(" in answer.text, path


def test_javascript_urls_are_not_links(hostile):
    client, _ = hostile
    for path in ("/events/h1", "/events?source=all-mentions", "/articles/evil-1"):
        assert 'href="javascript:' not in client.get(path).text


def test_claim_check_shows_pasted_html_as_text(hostile):
    client, _ = hostile
    page = client.post("/claims", data={"text": f"{EVIL} There have been no attacks on US forces since 4 February.",
                                        "published": "2024-02-20"})
    assert page.status_code == 200
    _no_live_markup(page.text)
    assert "&lt;script&gt;" in page.text


def test_error_pages_escape_what_was_asked(hostile):
    client, _ = hostile
    answer = client.get("/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert answer.status_code == 404 and "<script>alert(1)" not in answer.text
    bad = client.get("/?type=%3Cb%3Ebold")
    assert bad.status_code == 422 and "<b>bold" not in bad.text and "&lt;b&gt;bold" in bad.text


def test_links_keep_the_filters(client):
    page = client.get("/", params={"target_country": "USA", "type": "ASSAULT"}).text
    assert 'href="/events?target_country=USA&amp;type=ASSAULT"' in page or \
        'href="/events?type=ASSAULT&amp;target_country=USA"' in page
    table = client.get("/events", params={"target_country": "USA"}).text
    assert "format=csv" in table and "target_country=USA" in table.split("format=csv")[0].rsplit("href=", 1)[-1]


def test_pages_answer(client):
    for path in ("/", "/events", "/claims", "/api/docs", "/actors/kataib-hezbollah", "/events?sort=-fatalities"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["content-type"].startswith("text/html")
        _no_live_markup(answer.text)
    assert client.get("/actors/no-such-actor").status_code == 404

"""Every /api/v1 endpoint: answers equal the CLI's for the same filters; bad input is a 422 naming the parameter.

Expected values come from the CLI run in-process on the same demo store (typer's CliRunner), never
from numbers written here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proxywatch.cli import app as cli

runner = CliRunner()

FILTER_SETS = [
    {},
    {"type": "ASSAULT"},
    {"target_country": "USA"},
    {"sponsor": "IRN", "type": "ASSAULT"},
    {"actor": "hezbollah"},
    {"country": "IRQ", "since": "2023-11-01", "until": "2024-02-15"},
]


def flags(params: dict) -> list[str]:
    """URL parameters as CLI flags (``true`` is a switch)."""
    return [part for k, v in params.items() for part in ((f"--{k.replace('_', '-')}",) if v == "true" else
                                                           (f"--{k.replace('_', '-')}", v))]


def cli_json(*args: str):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def cli_lines(*args: str) -> list[dict]:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def all_pages(client, params: dict, limit: int = 7) -> list[dict]:
    out, cursor = [], None
    while True:
        answer = client.get("/api/v1/events", params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        out += body["events"]
        assert body["total"] >= len(out)
        cursor = body["next_cursor"]
        if not cursor:
            assert body["total"] == len(out)
            return out


def test_health(client):
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["read_only"] is True and body["ingest"] is False
    assert body["canonical_events"] > 0 and body["articles"] > 0


@pytest.mark.parametrize("params", FILTER_SETS)
def test_events_equal_the_cli_listing_page_by_page(client, demo_db, params):
    expected = cli_lines("events", "--db", demo_db, "--canonical", "--format", "jsonl", *flags(params))
    assert all_pages(client, params) == expected
    everything = cli_lines("events", "--db", demo_db, "--format", "jsonl", *flags(params))
    assert all_pages(client, {**params, "source": "all-mentions"}, limit=50) == everything


@pytest.mark.parametrize("params", FILTER_SETS[:3])
def test_mentions_equal_the_export_of_single_mentions(client, demo_db, tmp_path, params):
    out = tmp_path / "m.jsonl"
    runner.invoke(cli, ["export", "--db", demo_db, "--format", "jsonl", "--source", "mentions", "-o", str(out),
                        *flags(params)])
    expected = [json.loads(line) for line in out.read_text().splitlines()]
    got = all_pages(client, {**params, "source": "mentions"}, limit=500)
    assert sorted(got, key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])


@pytest.mark.parametrize("sort", ["fatalities", "-fatalities", "sources", "-date", "type", "-country", "actor"])
def test_sorted_pages_cover_every_event_once_in_order(client, sort):
    events = all_pages(client, {"sort": sort}, limit=9)
    total = client.get("/api/v1/events").json()["total"]
    assert len(events) == total == len({e["id"] for e in events})
    if sort.lstrip("-") == "fatalities":
        values = [(e["fatalities"] or {}).get("best") for e in events]
        known = [v for v in values if v is not None]
        assert known == sorted(known, reverse=sort.startswith("-"))
        assert all(v is not None for v in values[: len(known)])  # unknown last


def test_prev_cursor_goes_back_one_page(client):
    first = client.get("/api/v1/events", params={"limit": 5}).json()
    second = client.get("/api/v1/events", params={"limit": 5, "cursor": first["next_cursor"]}).json()
    back = client.get("/api/v1/events", params={"limit": 5, "cursor": second["prev_cursor"], "before": "true"}).json()
    assert back["events"] == first["events"]
    link = client.get("/api/v1/events", params={"limit": 5}).headers["link"]
    assert 'rel="next"' in link and "cursor=" in link


def test_event_detail_has_every_mention_with_its_evidence_span_and_source(client, demo_db):
    from proxywatch.store import Store

    page = client.get("/api/v1/events", params={"sort": "-sources", "limit": 1}).json()
    event = page["events"][0]
    detail = client.get(f"/api/v1/events/{event['id']}").json()
    assert detail["event"] == event
    assert [m["record"]["id"] for m in detail["mentions"]] == event["mention_ids"]
    with Store(demo_db, read_only=True) as store:
        for mention in detail["mentions"]:
            article = store.article(mention["record"]["article_id"])
            span = mention["record"]["evidence"]
            assert article.text[span["start"]:span["end"]] == span["text"]
            assert mention["article"]["id"] == article.id and mention["canonical_id"] == event["id"]
    one = detail["mentions"][0]["record"]["id"]  # a mention id leads to its canonical event too
    assert client.get(f"/api/v1/events/{one}").json()["event"]["id"] == event["id"]
    missing = client.get("/api/v1/events/no-such-event")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("params", [{}, {"target_country": "USA"}, {"sponsor": "IRN"}, {"keep_imprecise": "true"}])
@pytest.mark.parametrize("source", ["canonical", "mentions"])
def test_analysis_endpoints_equal_the_cli_json(client, demo_db, params, source):
    common = ["--db", demo_db, "--source", source, "--format", "json", *flags(params)]
    api = {**params, "source": source}
    assert client.get("/api/v1/trend", params={**api, "by": "week", "split": "sponsor"}).json() == cli_json(
        "trend", "--by", "week", "--split", "sponsor", *common)
    assert client.get("/api/v1/changepoints", params=api).json() == cli_json("changepoints", *common)
    assert client.get("/api/v1/compare", params={**api, "at": "2024-02-02", "window": "30d"}).json() == cli_json(
        "compare", "--at", "2024-02-02", "--window", "30d", *common)
    plain = {k: v for k, v in params.items() if k != "keep_imprecise"}  # the network counts every event
    assert client.get("/api/v1/network", params={**plain, "source": source}).json() == cli_json(
        "network", "--db", demo_db, "--source", source, "--format", "json", *flags(plain))


def test_actors_and_places_equal_the_cli(client):
    assert client.get("/api/v1/actors/kataib-hezbollah").json() == cli_json(
        "actors", "kataib-hezbollah", "--format", "json")
    assert client.get("/api/v1/actors/kataib-hezbollah", params={"on": "2024-01-28"}).json() == cli_json(
        "actors", "kataib-hezbollah", "--on", "2024-01-28", "--format", "json")
    found = cli_json("actors", "hezbollah", "--format", "json")  # the CLI prints one match as an object
    assert client.get("/api/v1/actors", params={"q": "hezbollah"}).json() == (found if isinstance(found, list)
                                                                              else [found])
    assert client.get("/api/v1/places", params={"q": "Erbil"}).json() == cli_json("places", "Erbil", "--format", "json")
    assert client.get("/api/v1/actors/no-such-actor-anywhere").status_code == 404


def test_claims_equal_the_cli_claims(client, demo_db, tmp_path):
    from importlib import resources

    corpus = resources.files("proxywatch") / "data" / "demo" / "articles.jsonl"
    article = next(a for a in map(json.loads, corpus.read_text().splitlines()) if a["id"] == "demo-30")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(article) + "\n")
    expected = cli_json("claims", str(path), "--db", demo_db, "--format", "json")
    body = {k: article[k] for k in ("id", "text", "published", "title")}
    got = client.post("/api/v1/claims", json=body)
    assert got.status_code == 200, got.text
    answer = got.json()
    assert answer.pop("problems") == []
    assert answer == expected and expected["articles"][0]["claims"]  # the demo article makes claims
    mentions = client.post("/api/v1/claims", json=body, params={"source": "mentions", "type": "ASSAULT"}).json()
    mentions.pop("problems")
    assert mentions == cli_json("claims", str(path), "--db", demo_db, "--format", "json", "--source", "mentions",
                                "--type", "ASSAULT")


@pytest.mark.parametrize("fmt", ["csv", "geojson", "acled"])
@pytest.mark.parametrize("params", [{}, {"target_country": "USA"}])
def test_files_are_the_export_commands_files(client, demo_db, tmp_path, fmt, params):
    out = tmp_path / f"x.{fmt}"
    result = runner.invoke(cli, ["export", "--db", demo_db, "--format", fmt, "-o", str(out), *flags(params)])
    assert result.exit_code == 0, result.output
    got = client.get("/api/v1/events", params={**params, "format": fmt})
    assert got.status_code == 200
    assert got.content == out.read_bytes()
    assert int(got.headers["x-proxywatch-rows"]) >= 0


def test_accept_header_chooses_the_format(client):
    import csv
    import io

    header = next(csv.reader(io.StringIO(client.get("/api/v1/events", headers={"accept": "text/csv"}).text)))
    assert header[:2] == ["id", "type"]
    assert client.get("/api/v1/events", headers={"accept": "application/geo+json"}).json()["type"] == \
        "FeatureCollection"
    assert "events" in client.get("/api/v1/events", headers={"accept": "application/json"}).json()


BAD = [
    ("/api/v1/events", "type", "NOT_A_TYPE"), ("/api/v1/events", "sponsor", "IRAN"),
    ("/api/v1/events", "country", "I1Q"), ("/api/v1/events", "target_country", "U"),
    ("/api/v1/events", "since", "2024-13-40"), ("/api/v1/events", "until", "yesterday"),
    ("/api/v1/events", "limit", "0"), ("/api/v1/events", "limit", "100000"), ("/api/v1/events", "limit", "ten"),
    ("/api/v1/events", "source", "everything"), ("/api/v1/events", "sort", "evilness"),
    ("/api/v1/events", "cursor", "not-a-cursor"), ("/api/v1/events", "format", "exe"),
    ("/api/v1/trend", "by", "fortnight"), ("/api/v1/trend", "split", "colour"), ("/api/v1/trend", "top", "-1"),
    ("/api/v1/trend", "source", "rumours"), ("/api/v1/changepoints", "penalty", "-2"),
    ("/api/v1/changepoints", "min_days", "0"), ("/api/v1/changepoints", "n", "x"),
    ("/api/v1/compare", "window", "3 months"), ("/api/v1/compare", "at", "soon"),
    ("/api/v1/network", "since", "01/02/2024"), ("/api/v1/overview", "top", "0"),
    ("/api/v1/actors/kataib-hezbollah", "on", "2024-02-30"),
]


@pytest.mark.parametrize("path,name,value", BAD)
def test_a_bad_parameter_is_a_422_problem_naming_it(client, path, name, value):
    params = {name: value}
    if path.endswith("compare") and name != "at":
        params["at"] = "2024-02-02"
    answer = client.get(path, params=params)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["parameter"] == name and name in body["detail"]


def test_since_after_until_and_a_missing_at(client):
    assert client.get("/api/v1/events", params={"since": "2024-03-01", "until": "2024-01-01"}).json()["parameter"] \
        == "since"
    assert client.get("/api/v1/compare").json()["parameter"] == "at"


def test_claims_body_is_checked(client):
    assert client.post("/api/v1/claims", json={}).json()["parameter"] == "text"
    assert client.post("/api/v1/claims", json={"text": "x", "published": "last week"}).json()["parameter"] == \
        "published"
    assert client.post("/api/v1/claims", content=b"{not json", headers={"content-type": "application/json"}
                       ).status_code == 422
    big = client.post("/api/v1/claims", content=b'{"text": "' + b"a" * 2_100_000 + b'"}',
                      headers={"content-type": "application/json"})
    assert big.status_code == 413 and big.json()["title"] == "Request body too large"


INJECTIONS = ["' OR '1'='1", "x'); DROP TABLE events; --", "%", "_", "\\", "\" OR 1=1 --", "*/ UNION SELECT record "
              "FROM articles /*", "<script>alert(1)</script>", "\x00", "ᴀssᴀᴜʟᴛ"]


@pytest.mark.parametrize("name", ["type", "actor", "sponsor", "country", "target_country", "since", "until"])
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_in_a_text_filter_returns_nothing_extra_and_no_error(client, name, value):
    baseline = client.get("/api/v1/events").json()["total"]
    answer = client.get("/api/v1/events", params={name: value})
    assert answer.status_code in (200, 422), answer.text
    if answer.status_code == 422:  # a coded filter refuses what is not a code, and names itself
        assert answer.json()["parameter"] == name
        return
    body = answer.json()
    assert body["total"] <= baseline
    needle = value.lower()
    for event in body["events"]:  # whatever matched really contains the text
        actor = event.get("actor") or {}
        assert needle in (actor.get("text") or "").lower() or needle in (actor.get("name") or "").lower() \
            or actor.get("id") == value
    if value == INJECTIONS[0]:
        for path in ("/api/v1/trend", "/api/v1/network", "/api/v1/overview", "/", "/events"):
            assert client.get(path, params={name: value}).status_code in (200, 422)
    assert client.get("/api/v1/health").json()["canonical_events"] == baseline  # nothing was dropped


def test_openapi_documents_every_endpoint_and_docs_are_local(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/trend", "/api/v1/changepoints",
                 "/api/v1/compare", "/api/v1/network", "/api/v1/actors/{actor_id}", "/api/v1/places",
                 "/api/v1/claims", "/api/v1/health", "/api/v1/overview"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert {"type", "actor", "sponsor", "country", "target_country", "since", "until", "source", "sort", "cursor",
            "limit", "format"} <= names
    page = client.get("/api/docs").text
    assert "http://" not in page and "https://" not in page
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css", "/static/docs.js"):
        assert asset in page and client.get(asset).status_code == 200


def test_ingest_is_off_by_default(client):
    assert client.post("/api/v1/articles", json={"id": "x", "text": "y"}).status_code in (404, 405)


def test_ingest_needs_the_token(tmp_path, extractor):
    from fastapi.testclient import TestClient

    from proxywatch.serve.web.app import ServeConfig, create_app
    from proxywatch.store import Store

    store = Store(tmp_path / "w.duckdb")
    app = create_app(store, ServeConfig(allow_ingest=True, token="s3cret-token-of-enough-length"))
    app.app.state.backend._extractor = extractor
    article = {"id": "w1", "published": "2024-02-04", "text": "A drone struck a base in eastern Syria on Saturday, "
               "killing two soldiers, the army said."}
    with TestClient(app) as c:
        assert 'data-events="0"' in c.get("/").text  # the overview is remembered ...
        assert c.post("/api/v1/articles", json=article).status_code == 401
        wrong = c.post("/api/v1/articles", json=article, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        ok = c.post("/api/v1/articles", json=[article],
                    headers={"authorization": "Bearer s3cret-token-of-enough-length"})
        assert ok.status_code == 200, ok.text
        assert ok.json()["new"] == 1 and ok.json()["events"] >= 1
        assert c.get("/api/v1/health").json()["articles"] == 1
        assert 'data-events="0"' not in c.get("/").text  # ... and forgotten when the store changes
    store.close()


def test_security_headers_on_every_answer(client):
    for path in ("/", "/events", "/claims", "/api/v1/health", "/api/v1/nope", "/static/style.css"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_no_traceback_leaks_from_a_failing_handler(client, monkeypatch):
    from proxywatch.store import Store

    def broken(self, *args, **kwargs):
        raise RuntimeError("secret internals at /home/someone")

    monkeypatch.setattr(Store, "event_page", broken)
    answer = client.get("/api/v1/events")
    assert answer.status_code == 500 and "secret" not in answer.text and "Traceback" not in answer.text
    page = client.get("/events")
    assert page.status_code == 500 and "secret" not in page.text and page.headers["content-type"].startswith("text/html")


def test_paths_outside_static_are_not_served(client):
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/swagger/../../../../etc/passwd"):
        answer = client.get(path)
        assert answer.status_code == 404 and "import" not in answer.text


def test_export_file_is_removed_after_sending(client, monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert client.get("/api/v1/events", params={"format": "csv"}).status_code == 200
    assert list(Path(tmp_path).iterdir()) == []

"""`proxywatch events --canonical`: canonical events with mention and source counts, filtered, three formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from proxywatch import records as rec
from proxywatch.cli import app
from proxywatch.store import Store
from proxywatch.jobs import store_batch

runner = CliRunner()
US = rec.Party("US forces", id="us-military", name="United States Armed Forces", country="USA", kind="military")
HOUTHIS = rec.Party("the Houthis", id="houthis", name="Ansar Allah", country="YEM", kind="armed_group",
                    sponsors=("IRN",))
BAGHDAD = rec.Place("Baghdad", "Baghdad", "IRQ", None, 33.34, 44.40, "city")
RED_SEA = rec.Place("Red Sea", "Red Sea", None, None, 20.0, 38.5, "sea")


def _event(art: rec.Article, actor: rec.Party, place: rec.Place, day: str,
           fatalities: rec.Count | None = None) -> rec.Event:
    evidence = rec.Evidence(art.text[:10], 0, 10)
    return rec.Event(id=rec.event_id(art.id, evidence, "ASSAULT", 0), article_id=art.id, type="ASSAULT",
                     evidence=evidence, actor=actor, location=place, date=rec.DateSpan(day, day, "day"),
                     fatalities=fatalities)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("canonical") / "c.duckdb")
    batch = []
    for i, (actor, place, day, source) in enumerate([
        (US, BAGHDAD, "2024-01-04", "Outlet One"), (US, BAGHDAD, "2024-01-05", "Outlet Two"),
        (US, BAGHDAD, "2024-01-04", "Outlet One"), (HOUTHIS, RED_SEA, "2024-01-09", None),
    ]):
        art = rec.Article(id=f"art-{i}", text=f"Article number {i} about the strike.", published=day, source=source,
                      url=None if source else "https://news.example/red-sea")
        batch.append((art, [_event(art, actor, place, day, rec.Count(i + 1, i + 1))]))
    with Store(path) as store:
        store_batch(store, batch)
    return path


def test_table_lists_canonical_events_with_counts(db):
    result = runner.invoke(app, ["events", "--db", db, "--canonical"])
    assert result.exit_code == 0, result.output
    assert "mentions" in result.stdout and "sources" in result.stdout
    assert "1-3 (best 2)" in result.stdout  # per-article figures 1, 2, 3
    assert "2 canonical events" in result.output


def test_jsonl_records_hold_mentions_and_evidence(db):
    result = runner.invoke(app, ["events", "--db", db, "--canonical", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    by_place = {r["location"]["name"]: r for r in records}
    baghdad, sea = by_place["Baghdad"], by_place["Red Sea"]
    assert (baghdad["mentions"], baghdad["sources"]) == (3, 2)
    assert sorted(baghdad["article_ids"]) == ["art-0", "art-1", "art-2"]
    assert len(baghdad["evidence"]) == 3 and baghdad["fatalities"] == {"low": 1, "best": 2, "high": 3}
    assert sea["source_names"] == ["news.example"]


def test_csv_and_common_filters(db):
    result = runner.invoke(app, ["events", "--db", db, "--canonical", "--format", "csv", "--sponsor", "IRN"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.split("1 canonical events")[0])))
    assert len(rows) == 1 and rows[0]["actor"] == "Ansar Allah (YEM)" and rows[0]["mentions"] == "1"
    for flags, expected in ((["--country", "IRQ"], 1), (["--since", "2024-01-06"], 1), (["--type", "ACCUSE"], 0),
                            (["--actor", "us-military", "--until", "2024-01-04"], 1), (["--limit", "1"], 1)):
        out = runner.invoke(app, ["events", "--db", db, "--canonical", "--format", "jsonl", *flags])
        assert out.exit_code == 0, out.output
        assert sum(line.startswith("{") for line in out.stdout.splitlines()) == expected, flags


def test_bad_flag_is_one_line_error(db):
    result = runner.invoke(app, ["events", "--db", db, "--canonical", "--country", "Iraq"])
    assert result.exit_code == 2
    assert "error: --country takes an ISO 3166-1 alpha-3 code" in result.output
    assert "Traceback" not in result.output


def test_unmerged_mentions_are_reported(tmp_path):
    path = str(tmp_path / "old.duckdb")
    art = rec.Article(id="old-1", text="An article from an older proxywatch.", published="2024-01-04")
    with Store(path) as store:
        store_batch(store, [(art, [_event(art, US, BAGHDAD, "2024-01-04")])])
        store.sql("DELETE FROM canonical_mentions")
        store.sql("DELETE FROM canonical_events")
    result = runner.invoke(app, ["events", "--db", path, "--canonical"])
    assert result.exit_code == 0, result.output
    assert "warning: 1 stored mentions are in no canonical event" in result.output

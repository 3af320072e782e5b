"""The ACLED form, column by column against ACLED's codebook, and read back as acledR reads it.

One test row per column rule (``COLUMN_RULES``), one per sub-event rule, and a reader that checks
what acledR's readers and transforms rely on (the 31 columns by name, one actor per actor column,
inter codes 0-8 with a consistent interaction, ACLED's event/sub-event pairs, parseable dates and
numbers). The sentences are written for these tests.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from proxywatch.resolve.kb import load_kb
from proxywatch.serve.acled import (
    ACLED_COLUMNS,
    COLUMN_RULES,
    DISORDER_TYPES,
    EVENT_TYPES,
    REGION_OF,
    REGIONS,
    SUB_EVENT_RULES,
    AcledContext,
    acled_row,
    interaction,
    sub_event,
)
from proxywatch.serve.export import write_export
from proxywatch.store import Store

# The columns ACLED's data has had since its 2023 column changes, in ACLED's order (codebook).
CODEBOOK_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
ACLED_REGION_NAMES = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
                      "South Asia", "Southeast Asia", "East Asia", "Middle East", "Europe",
                      "Caucasus and Central Asia", "Central America", "South America", "Caribbean", "North America",
                      "Oceania", "Antarctica"}

STRIKE = "A militia drone hit a small desert outpost in Jordan on Sunday, and three American soldiers died."
BASE = {
    "id": "c1", "type": "ASSAULT", "mode": "drone", "status": "occurred", "negated": False,
    "date_start": date(2024, 1, 28), "date_end": date(2024, 1, 28), "date_precision": "day",
    "actor_text": "an Iran-aligned militia", "actor_id": "islamic-resistance-in-iraq",
    "actor_name": "Islamic Resistance in Iraq", "actor_country": "IRQ", "actor_kind": "armed_group",
    "actor_sponsors": ["IRN"], "target_text": "American soldiers", "target_id": "us-military",
    "target_name": "United States Armed Forces", "target_country": "USA", "target_kind": "military",
    "target_sponsors": [], "location_name": "Tower 22", "location_country": "JOR", "location_admin1": None,
    "lat": 33.32, "lon": 38.69, "location_precision": "site", "fatalities_low": 3, "fatalities_best": 3,
    "fatalities_high": 3, "injuries_low": None, "injuries_best": None, "injuries_high": None,
    "aggregate_min": None, "aggregate_max": None, "mentions": 2, "sources": 2, "article_ids": ["a1", "a2"],
    "source_names": ["Paper Two", "Wire One"], "urls": ["https://example.org/a1"], "evidence": STRIKE,
    "confidence": None, "published": date(2024, 1, 29), "updated": datetime(2024, 1, 29, 12, 0, 0),
}


@pytest.fixture(scope="module")
def ctx():
    return AcledContext(load_kb())


def _acled(ctx, **changes):
    values, reason = acled_row({**BASE, **changes}, ctx)
    assert values is not None, reason
    return dict(zip(ACLED_COLUMNS, values))


def test_the_columns_are_acleds_31_in_acleds_order():
    assert ACLED_COLUMNS == CODEBOOK_COLUMNS and len(ACLED_COLUMNS) == 31
    assert tuple(rule.column for rule in COLUMN_RULES) == CODEBOOK_COLUMNS
    assert len({rule.id for rule in COLUMN_RULES}) == 31


# column -> (changes to the base row, expected value); one row per column rule, by rule id
COLUMN_CASES = {
    "ID": ({}, lambda v: v.startswith("JOR") and v[3:].isdigit()),
    "DATE": ({"date_start": date(2024, 2, 1), "date_end": date(2024, 2, 29), "date_precision": "month"},
             "2024-02-15"),
    "YEAR": ({}, 2024),
    "TP": ({"date_start": date(2024, 1, 8), "date_end": date(2024, 1, 14), "date_precision": "week"}, 2),
    "DIS": ({"type": "PROTEST", "mode": None}, "Demonstrations"),
    "ET": ({}, "Explosions/Remote violence"),
    "SET": ({"mode": "artillery"}, "Shelling/artillery/missile attack"),
    "A1": ({"actor_text": "its drones", "actor_id": None, "actor_name": None, "actor_country": None,
            "actor_kind": "armed_group"}, "Unidentified Armed Group (Jordan)"),
    "AA1": ({}, None),
    "I1": ({"actor_id": "us-military", "actor_name": "United States Armed Forces", "actor_country": "USA",
            "actor_kind": "military"}, 8),
    "A2": ({"target_text": None, "target_id": None, "target_name": None, "target_kind": None}, None),
    "AA2": ({}, None),
    "I2": ({"target_text": None, "target_id": None, "target_name": None, "target_kind": None}, 0),
    "INT": ({}, 38),
    "CT": ({"target_text": "two farmers", "target_id": None, "target_name": None, "target_country": None,
            "target_kind": "civilians"}, "Civilian targeting"),
    "ISO": ({}, 400),
    "REG": ({}, "Middle East"),
    "CTRY": ({"location_country": "PSE", "location_name": "Rafah"}, "Palestine"),
    "ADM1": ({"location_name": "Anbar", "location_country": "IRQ", "location_precision": "admin1"}, "Anbar"),
    "ADM2": ({}, None),
    "ADM3": ({}, None),
    "LOC": ({"location_name": None, "lat": None, "lon": None, "location_precision": "country"}, "Jordan"),
    "LAT": ({}, 33.32),
    "LON": ({"lon": -5.5}, -5.5),
    "GEO": ({"location_precision": "region"}, 2),
    "SRC": ({"source_names": [], "urls": ["https://www.example.org/x", "http://news.example.net/y"]},
            "example.org; news.example.net"),
    "SCALE": ({}, None),
    "NOTES": ({}, STRIKE),
    "FAT": ({"fatalities_low": None}, 0),
    "TAGS": ({}, "proxywatch id=c1; actor1 sponsored by=Iran"),
    "TS": ({"updated": datetime(2024, 1, 29, 0, 0, 0)}, 1706486400),
}


def test_every_column_rule_has_a_test_row():
    assert set(COLUMN_CASES) == {rule.id for rule in COLUMN_RULES}


@pytest.mark.parametrize("rule", COLUMN_RULES, ids=[r.column for r in COLUMN_RULES])
def test_column_rule(ctx, rule):
    changes, expected = COLUMN_CASES[rule.id]
    value = _acled(ctx, **changes)[rule.column]
    if callable(expected):
        assert expected(value), value
    else:
        assert value == expected


@pytest.mark.parametrize("changes, expected", [
    ({"actor_text": None, "actor_id": None, "actor_name": None, "actor_country": None, "actor_kind": None},
     "Unidentified Armed Group (Jordan)"),
    ({"actor_name": None, "actor_id": None, "actor_text": "the destroyer", "actor_kind": "military",
      "actor_country": "USA"}, "Military Forces of United States"),
    ({"actor_name": None, "actor_id": None, "actor_text": "The government", "actor_kind": "government",
      "actor_country": "IRQ"}, "Government of Iraq"),
    ({"type": "PROTEST", "mode": None, "actor_name": None, "actor_id": None, "actor_text": "crowds",
      "actor_kind": "civilians", "actor_country": "IRQ"}, "Protesters (Iraq)"),
    ({"actor_name": None, "actor_id": None, "actor_text": "villagers", "actor_kind": "civilians",
      "actor_country": None}, "Civilians (Jordan)"),
    ({"actor_name": None, "actor_id": None, "actor_text": "gunmen", "actor_kind": None, "actor_country": None,
      "location_country": None, "location_name": "Tower 22"}, "Unidentified Armed Group (Jordan)"),
])
def test_actor1_is_never_empty_and_follows_acleds_naming(ctx, changes, expected):
    assert _acled(ctx, **changes)["actor1"] == expected


def test_a_person_takes_the_inter_code_of_what_they_serve(ctx):
    row = _acled(ctx, actor_id="joe-biden", actor_name="Joe Biden", actor_country="USA", actor_kind="person")
    assert row["inter1"] == 8  # the US government, abroad in Jordan


@pytest.mark.parametrize("a, b, expected", [(1, 3, 13), (3, 1, 13), (8, 3, 38), (2, 0, 20), (7, 7, 77)])
def test_interaction_is_the_lowest_joint_number(a, b, expected):
    assert interaction(a, b) == expected


def test_a_year_only_date_keeps_its_precision(ctx):
    row = _acled(ctx, date_start=date(2020, 1, 1), date_end=date(2020, 12, 31), date_precision="year")
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2020-07-01", 2020, 3)
    assert "date precision=year 2020-01-01..2020-12-31" in row["tags"]


SUB_EVENT_CASES = {
    "A1": ({"mode": "naval", "actor_kind": "military", "target_kind": None, "target_text": None,
            "evidence": "A destroyer shot down three drones over the sea."}, "Disrupted weapons use"),
    "A2": ({"mode": "aerial"}, "Air/drone strike"),
    "A3": ({"mode": "rocket"}, "Shelling/artillery/missile attack"),
    "A4": ({"mode": "explosives"}, "Remote explosive/landmine/IED"),
    "A5": ({"mode": "suicide"}, "Suicide bomb"),
    "A6": ({"mode": "abduction", "target_kind": "civilians"}, "Abduction/forced disappearance"),
    "A7": ({"mode": None, "evidence": "Warplanes struck the depot."}, "Air/drone strike"),
    "A8": ({"mode": None, "evidence": "Militants fired rockets at the base."}, "Shelling/artillery/missile attack"),
    "A9": ({"mode": None, "evidence": "A roadside bomb hit the convoy."}, "Remote explosive/landmine/IED"),
    "A10": ({"mode": "firearms", "target_kind": "civilians", "evidence": "Gunmen shot two farmers."}, "Attack"),
    "A11": ({"mode": None, "evidence": "The base came under attack."}, "Armed clash"),
    "P1": ({"type": "PROTEST", "mode": None}, "Peaceful protest"),
    "C1": ({"type": "COERCE", "mode": "arrest"}, "Arrests"),
    "C2": ({"type": "COERCE", "mode": "seize"}, "Looting/property destruction"),
    "C3": ({"type": "COERCE", "mode": None}, "Other"),
    "G1": ({"type": "AGREE", "mode": None}, "Agreement"),
    "M1": ({"type": "MOBILIZE", "mode": None}, "Change to group/activity"),
    "R1": ({"type": "RETREAT", "mode": None}, "Other"),
}


@pytest.mark.parametrize("rule", SUB_EVENT_RULES, ids=[r.id for r in SUB_EVENT_RULES])
def test_sub_event_rule(ctx, rule):
    changes, expected = SUB_EVENT_CASES[rule.id]
    row = {**BASE, **changes}
    assert sub_event(row) is rule and rule.sub_event_type == expected
    assert rule.sub_event_type in EVENT_TYPES[rule.event_type]  # ACLED's pairs only


def test_assault_without_mode_is_not_an_armed_clash_unless_it_is_one(ctx):
    unknown = {**BASE, "mode": None, "evidence": "The group attacked.", "target_kind": None, "target_text": None}
    assert sub_event(unknown) is None  # no weapon, no armed target: no honest ACLED sub-event
    assert acled_row(unknown, ctx) == (None, "form")


@pytest.mark.parametrize("changes, reason", [
    ({"type": "CONSULT"}, "type"), ({"date_start": None, "date_end": None}, "date"),
    ({"location_country": None, "location_name": "Red Sea"}, "country"),
])
def test_rows_acled_cannot_hold_are_left_out_with_a_reason(ctx, changes, reason):
    assert acled_row({**BASE, **changes}, ctx) == (None, reason)


def test_the_region_table_uses_acleds_regions_and_places_each_country_once():
    assert set(REGIONS) == ACLED_REGION_NAMES
    assert sum(len(v) for v in REGIONS.values()) == len(REGION_OF)
    assert REGION_OF["IRQ"] == REGION_OF["YEM"] == "Middle East" and REGION_OF["ARM"] == "Caucasus and Central Asia"


# --- an acledR-style reader ------------------------------------------------------------------------
def read_like_acledr(text: str) -> list[dict[str, str]]:
    """What acledR's readers and transforms need of a data frame of ACLED events, checked row by row."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CODEBOOK_COLUMNS if c not in (reader.fieldnames or [])]
    assert not missing, f"acledR would stop: columns missing {missing}"
    rows = list(reader)
    for row in rows:
        assert row["actor1"], "actor1 empty"
        assert ";" not in row["actor1"] and ";" not in row["actor2"], "one actor per actor column"
        inter1, inter2 = int(row["inter1"]), int(row["inter2"])
        assert 1 <= inter1 <= 8 and 0 <= inter2 <= 8, "inter codes are 1-8 (0: no actor2)"
        assert (inter2 == 0) == (row["actor2"] == "")
        assert int(row["interaction"]) == interaction(inter1, inter2)
        assert row["sub_event_type"] in EVENT_TYPES[row["event_type"]]
        assert row["disorder_type"] in DISORDER_TYPES
        day = date.fromisoformat(row["event_date"])
        assert int(row["year"]) == day.year and int(row["time_precision"]) in (1, 2, 3)
        assert int(row["geo_precision"]) in (1, 2, 3) and int(row["iso"]) > 0
        assert row["region"] in ACLED_REGION_NAMES and row["country"]
        assert int(row["fatalities"]) >= 0 and int(row["timestamp"]) > 0
        for coord in ("latitude", "longitude"):
            if row[coord]:
                float(row[coord])
        assert row["civilian_targeting"] in ("", "Civilian targeting")
    return rows


def test_the_sample_store_export_reads_like_acled_data(tmp_path):
    from sample_store import sample_store

    with sample_store() as store:
        out = io.StringIO()
        result = write_export(store, "acled", out)
    rows = read_like_acledr(out.getvalue())
    assert len(rows) == result.rows == 4 and result.left_out_by == {"type": 1}


@pytest.fixture(scope="module")
def demo_store(extractor):
    from importlib import resources

    from proxywatch import jobs
    from proxywatch.ingest.readers import ReadOptions

    with resources.as_file(resources.files("proxywatch") / "data" / "demo" / "articles.jsonl") as path:
        articles = jobs.collect([str(path)], ReadOptions(), lambda p: None)
    store = Store()
    jobs.ingest(articles, store, extractor, lambda p: None)
    yield store
    store.close()


def test_the_demo_export_reads_like_acled_data(demo_store):
    """The bundled demo corpus, ingested: every row the form writes passes the reader, none is lost."""
    out = io.StringIO()
    result = write_export(demo_store, "acled", out)
    rows = read_like_acledr(out.getvalue())
    assert len(rows) == result.rows > 0
    assert result.rows + result.left_out == demo_store.sql("SELECT count(*) FROM canonical_events")[0][0]
    assert all(row["actor1"] for row in rows)
    assert not any(row["assoc_actor_1"] for row in rows)  # sponsors are tags now

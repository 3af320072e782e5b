"""Every export opens with a standard reader (csv, json, pyarrow) and holds what the store holds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from sample_store import CANONICAL, MENTIONS, merged_groups, sample_store

from proxywatch.errors import ProxywatchError
from proxywatch.records import (
    Article,
    DateSpan,
    Event,
    Evidence,
    Party,
    Place,
)
from proxywatch.serve.acled import SUB_EVENT_RULES
from proxywatch.serve.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    EXPORT_FORMATS,
    POLECAT_COLUMNS,
    export_events,
)
from proxywatch.store import EventQuery, Store
from proxywatch.jobs import store_batch

# RFC 7946 FeatureCollection of Point features, as the export writes them (section 3.1.2, 3.2, 3.3).
POSITION = {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"},
            "prefixItems": [{"type": "number", "minimum": -180, "maximum": 180},
                            {"type": "number", "minimum": -90, "maximum": 90}]}
GEOJSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "id": {"type": ["string", "number"]},
                "geometry": {"type": "object", "required": ["type", "coordinates"],
                             "properties": {"type": {"const": "Point"}, "coordinates": POSITION}},
                "properties": {"type": ["object", "null"]},
            },
        }},
    },
}


@pytest.fixture()
def store(db):
    with sample_store(db) as s:
        yield s


def _csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_csv_has_stable_columns_and_one_row_per_canonical_event(store, tmp_path):
    result = export_events(store, "csv", tmp_path / "e.csv")
    header, rows = _csv(tmp_path / "e.csv")
    assert header == list(CSV_COLUMNS)
    assert result.rows == len(rows) == len(CANONICAL)
    strike = next(r for r in rows if r["id"] == "c1")
    assert (strike["mentions"], strike["sources"], strike["article_ids"]) == ("2", "2", "a1;a2")
    assert strike["source_names"] == "Paper Two;Wire One" and strike["actor_sponsors"] == "IRN"
    assert strike["evidence"] == MENTIONS[0].evidence.text  # the earliest-published report
    assert [r["date_start"] for r in rows] == sorted(r["date_start"] for r in rows)


def test_filters_apply_to_exports(store, tmp_path):
    export_events(store, "csv", tmp_path / "e.csv", EventQuery(sponsor="IRN"))
    assert [r["id"] for r in _csv(tmp_path / "e.csv")[1]] == ["c1"]
    export_events(store, "csv", tmp_path / "m.csv", EventQuery(type="ASSAULT", country="IRQ"), source="mentions")
    assert [r["id"] for r in _csv(tmp_path / "m.csv")[1]] == ["m4"]


def test_jsonl_mentions_are_the_contract_records_verbatim(store, tmp_path):
    export_events(store, "jsonl", tmp_path / "m.jsonl", source="mentions")
    text = (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()
    stored = dict(store.sql("SELECT id, record FROM events"))
    assert sorted(json.loads(line)["id"] for line in text) == ["m1", "m2", "m3", "m4", "m7", "m8"]
    assert all(line == stored[json.loads(line)["id"]] for line in text)
    assert Event.from_json(json.loads(text[0])).id == json.loads(text[0])["id"]


def test_all_mentions_adds_negated_and_aggregate_records(store, tmp_path):
    export_events(store, "jsonl", tmp_path / "all.jsonl", source="all-mentions")
    records = {r["id"]: r for r in _lines(tmp_path / "all.jsonl")}
    assert set(records) == {e.id for e in MENTIONS}
    assert records["m5"]["negated"] is True and records["m6"]["aggregate"] == {"min": 151, "max": None}


def test_jsonl_canonical_writes_the_canonical_record(store, tmp_path):
    export_events(store, "jsonl", tmp_path / "c.jsonl")
    records = {r["id"]: r for r in _lines(tmp_path / "c.jsonl")}
    assert set(records) == set(CANONICAL) and records["c1"]["mentions"] == ["m1", "m2"]


def test_parquet_reads_back_with_pyarrow_with_typed_columns(store, tmp_path):
    export_events(store, "parquet", tmp_path / "e.parquet", source="mentions")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column_names == list(CSV_COLUMNS) and table.num_rows == 6
    rows = {r["id"]: r for r in table.to_pylist()}
    assert rows["m1"]["actor_sponsors"] == ["IRN"] and rows["m1"]["lat"] == pytest.approx(33.32)
    assert rows["m1"]["date_start"].isoformat() == "2024-01-28" and rows["m2"]["fatalities_high"] is None


def test_geojson_is_a_valid_feature_collection_in_lon_lat_order(store, tmp_path):
    result = export_events(store, "geojson", tmp_path / "e.geojson")
    doc = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    jsonschema.validate(doc, GEOJSON_SCHEMA)
    points = {f["id"]: f["geometry"]["coordinates"] for f in doc["features"]}
    assert points == {"c1": [38.69, 33.32], "c3": [44.36, 33.31], "c4": [41.09, 34.37]}
    assert result.rows == 3 and result.left_out == 2 and "2 events without coordinates" in result.note
    assert result.left_out_by == {"point": 2}
    props = next(f["properties"] for f in doc["features"] if f["id"] == "c1")
    assert props["actor_sponsors"] == ["IRN"] and props["mentions"] == 2
    assert (props["location_precision"], props["date_precision"]) == ("site", "day")
    assert props["evidence"] == MENTIONS[0].evidence.text  # the earliest-published report's sentence
    assert props["url"] == "https://example.org/a1" and props["urls"] == ["https://example.org/a1",
                                                                          "https://example.org/a2"]


def test_geojson_can_keep_unlocated_events_with_a_null_geometry(store, tmp_path):
    result = export_events(store, "geojson", tmp_path / "e.geojson", keep_unlocated=True)
    doc = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    jsonschema.validate(doc, {**GEOJSON_SCHEMA, "properties": {"type": {"const": "FeatureCollection"}}})
    geometry = {f["id"]: f["geometry"] for f in doc["features"]}
    assert set(geometry) == set(CANONICAL) and result.rows == len(CANONICAL) and result.left_out == 0
    assert geometry["c7"] is None and geometry["c8"] is None and geometry["c1"]["type"] == "Point"


def test_geojson_schema_rejects_lat_lon_order():
    swapped = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [33.0, 120.0]}, "properties": {}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(swapped, GEOJSON_SCHEMA)


def test_acled_form_has_exactly_acleds_columns_and_mapping(store, tmp_path):
    result = export_events(store, "acled", tmp_path / "a.csv")
    header, rows = _csv(tmp_path / "a.csv")
    assert header == list(ACLED_COLUMNS)
    assert result.left_out == 1 and len(rows) == 4  # the CONSULT has no ACLED equivalent
    by_date = {r["event_date"]: r for r in rows}
    strike = by_date["2024-01-28"]
    assert (strike["disorder_type"], strike["event_type"], strike["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Air/drone strike")
    assert (strike["actor1"], strike["assoc_actor_1"], strike["actor2"]) == (
        "Islamic Resistance in Iraq", "", "United States Armed Forces")
    assert "actor1 sponsored by=Iran" in strike["tags"]  # sponsors are tags, not associated actors
    assert (strike["country"], strike["location"], strike["geo_precision"], strike["fatalities"]) == (
        "Jordan", "Tower 22", "1", "3")
    assert strike["source"] == "Paper Two; Wire One"
    shooting = by_date["2024-01-10"]
    assert (shooting["event_type"], shooting["sub_event_type"], shooting["geo_precision"]) == (
        "Violence against civilians", "Attack", "3")
    assert (shooting["actor1"], shooting["civilian_targeting"]) == ("Unidentified Armed Group (Syria)",
                                                                   "Civilian targeting")
    protest = by_date["2024-01-05"]
    assert (protest["disorder_type"], protest["event_type"], protest["fatalities"]) == (
        "Demonstrations", "Protests", "0")
    assert by_date["2024-02-02"]["admin1"] == "Anbar"


def test_acled_fatalities_are_the_lowest_reported_figure(store, tmp_path):
    export_events(store, "acled", tmp_path / "a.csv", source="mentions")
    open_ended = next(r for r in _csv(tmp_path / "a.csv")[1] if r["notes"] == MENTIONS[1].evidence.text)
    assert open_ended["fatalities"] == "3"  # "three ... killed" read as at least 3: max unknown, low 3


@pytest.mark.parametrize("type_, mode, target_kind, expected", [
    ("ASSAULT", "missile", "military", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("ASSAULT", "artillery", None, ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("ASSAULT", "explosives", "civilians", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("ASSAULT", "suicide", None, ("Explosions/Remote violence", "Suicide bomb")),
    ("ASSAULT", "abduction", "civilians", ("Violence against civilians", "Abduction/forced disappearance")),
    ("ASSAULT", "firearms", "military", ("Battles", "Armed clash")),
    ("ASSAULT", None, "civilians", ("Violence against civilians", "Attack")),
    ("COERCE", "arrest", "person", ("Strategic developments", "Arrests")),
    ("AGREE", None, None, ("Strategic developments", "Agreement")),
])
def test_acled_type_mapping(tmp_path, type_, mode, target_kind, expected):
    target = Party("them", kind=target_kind) if target_kind else None
    event = Event(id="x", article_id="a", type=type_, mode=mode, target=target, evidence=Evidence("s", 0, 1),
                  date=DateSpan("2024-01-02", "2024-01-02", "day"), location=Place("Mosul", "Mosul", "IRQ"))
    with Store() as store:
        store_batch(store, [(Article("a", "s"), [event])])
        export_events(store, "acled", tmp_path / "a.csv", source="mentions")
    (row,) = _csv(tmp_path / "a.csv")[1]
    assert (row["event_type"], row["sub_event_type"]) == expected


def test_acled_refuses_mentions_that_did_not_happen(store, tmp_path):
    with pytest.raises(ProxywatchError, match="all-mentions"):
        export_events(store, "acled", tmp_path / "a.csv", source="all-mentions")


def test_plover_records_follow_the_plover_json_fields(store, tmp_path):
    export_events(store, "plover", tmp_path / "p.jsonl")
    records = {r["id"]: r for r in _lines(tmp_path / "p.jsonl")}
    strike = records["c1"]
    assert strike["event"] == ["ASSAULT"] and strike["mode"] == ["heavy-weapons"] and strike["quad_code"] == 4
    assert strike["date"] == "2024-01-28" and strike["dead"] == 3 and strike["event_scale"] == -9.3
    (src,) = strike["source"]
    assert (src["code"], src["actor_text"], src["identifier_text"]) == ("IRQ", "an Iran-aligned militia",
                                                                       "Islamic Resistance in Iraq")
    assert strike["proxywatch"]["actor"] == {"kb_id": "islamic-resistance-in-iraq", "kind": "armed_group",
                                             "sponsors": ["IRN"]}
    assert strike["proxywatch"]["mode"] == "drone"
    (rcp,) = strike["recipient"]
    assert (rcp["code"], rcp["sector"]) == ("USA", "MIL")
    loc = strike["event_loc"]
    assert (loc["country code"], loc["cc3"], loc["latitude"], loc["longitude"]) == ("JO", "JOR", 33.32, 38.69)
    assert loc["feature class"] == "S" and "admin1 code" not in loc  # we hold no GeoNames admin1 code
    assert strike["proxywatch"]["article_ids"] == ["a1", "a2"]
    assert records["c8"]["quad_code"] == 1 and "event_loc" not in records["c8"]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_empty_selection_writes_a_valid_empty_file_with_a_note(store, tmp_path, fmt):
    path = tmp_path / f"empty.{fmt}"
    result = export_events(store, fmt, path, EventQuery(since="2030-01-01"))
    assert result.rows == 0 and "no events matched" in result.note and path.exists()
    if fmt == "geojson":
        assert json.loads(path.read_text()) == {"type": "FeatureCollection", "features": []}
    elif fmt == "parquet":
        assert pq.read_table(path).num_rows == 0
    elif fmt in ("csv", "acled"):
        assert _csv(path) == (list(ACLED_COLUMNS if fmt == "acled" else CSV_COLUMNS), [])
    elif fmt == "polecat":
        assert path.read_bytes().decode("utf-8") == "\t".join(POLECAT_COLUMNS) + "\r\n"
    else:
        assert path.read_text() == ""


def test_canonical_export_of_an_unmerged_store_says_so(tmp_path):
    event = Event(id="x", article_id="a", type="ASSAULT", evidence=Evidence("s", 0, 1))
    with Store() as store:
        store_batch(store, [(Article("a", "s"), [event])])
        assert export_events(store, "csv", tmp_path / "merged.csv").rows == 1  # ingest merged it
        store.sql("DELETE FROM canonical_events")  # a database whose mentions were never merged
        result = export_events(store, "csv", tmp_path / "e.csv")
    assert result.rows == 0 and "--source mentions" in result.note


def test_bad_output_folder_is_refused_and_nothing_is_left_behind(store, tmp_path):
    with pytest.raises(ProxywatchError, match="does not exist"):
        export_events(store, "csv", tmp_path / "missing" / "e.csv")
    with pytest.raises(ProxywatchError, match="is a folder"):
        export_events(store, "csv", tmp_path)
    with pytest.raises(ProxywatchError, match="--format"):
        export_events(store, "xml", tmp_path / "e.xml")
    assert list(tmp_path.iterdir()) == []


def test_the_database_itself_is_never_overwritten(tmp_path):
    path = tmp_path / "s.duckdb"
    with sample_store(str(path)) as store:
        with pytest.raises(ProxywatchError, match="is the database"):
            export_events(store, "csv", path)
        assert store.sql("SELECT count(*) FROM canonical_events")[0][0] == len(CANONICAL)


def test_text_with_quotes_commas_and_newlines_survives_csv_and_jsonl(tmp_path):
    awkward = 'He said, "they hit the depot";\nthen left.'
    event = Event(id="q", article_id="a", type="ASSAULT", evidence=Evidence(awkward, 0, len(awkward)),
                  actor=Party('the "Brigade", east'), location=Place("x", name="Al-Qa'im"))
    with Store() as store:
        store_batch(store, [(Article("a", awkward), [event])])
        export_events(store, "csv", tmp_path / "e.csv", source="mentions")
        export_events(store, "jsonl", tmp_path / "e.jsonl", source="mentions")
    (row,) = _csv(tmp_path / "e.csv")[1]
    assert (row["evidence"], row["actor_text"], row["location_name"]) == (awkward, 'the "Brigade", east', "Al-Qa'im")
    (record,) = _lines(tmp_path / "e.jsonl")
    assert record["evidence"]["text"] == awkward


def test_a_large_export_streams_through(tmp_path):
    """50,000 events: every format completes and the row counts agree."""
    with Store() as store:
        store_batch(store, [(Article("a", "s"), [])])
        store.sql(
            "INSERT INTO events (id, article_id, type, mode, status, negated, actor_text, actor_sponsors, lat, lon, "
            "date_start, evidence_text, evidence_start, evidence_end, confidence, record) "
            "SELECT 'e' || i, 'a', 'ASSAULT', 'drone', 'occurred', false, 'group ' || (i % 7), ['IRN'], "
            "30 + (i % 10) / 10.0, 40 + (i % 10) / 10.0, DATE '2024-01-01' + (i % 300)::INTEGER, 's', 0, 1, 0.5, "
            "json_object('id', 'e' || i) FROM range(50000) t(i)")
        for fmt in ("csv", "parquet", "geojson", "jsonl"):
            assert export_events(store, fmt, tmp_path / f"big.{fmt}", source="mentions").rows == 50000
    assert pq.read_table(tmp_path / "big.parquet").num_rows == 50000
    assert len(json.loads((tmp_path / "big.geojson").read_text())["features"]) == 50000


def test_acled_sub_event_rules_are_all_documented():
    docs = (Path(__file__).parents[2] / "docs" / "exports.md").read_text(encoding="utf-8")
    for rule in SUB_EVENT_RULES:
        assert f"| {rule.id} | {rule.purpose} | {rule.event_type} | {rule.sub_event_type} |" in docs


def test_the_sample_stores_canonical_rows_are_what_the_merge_stage_makes(db):
    assert merged_groups(db) == sorted(sorted(ids) for ids in CANONICAL.values())

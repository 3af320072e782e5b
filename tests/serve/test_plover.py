"""The PLOVER form against a JSON Schema written from the current PLOVER manual, and the POLECAT TSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import jsonschema
import pytest
from sample_store import sample_store

from proxywatch.records import ASSAULT_MODES, PLOVER_TYPES
from proxywatch.serve.export import POLECAT_COLUMNS, write_export
from proxywatch.serve.plover import (
    CATEGORY_OF,
    MODE_MAP,
    PLOVER_CATEGORIES,
    PLOVER_MODES,
    PloverContext,
    modes,
    plover_record,
    plover_schema,
)

VALIDATOR = jsonschema.Draft202012Validator(plover_schema(), format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def records():
    with sample_store() as store:
        out = io.StringIO()
        result = write_export(store, "plover", out, source="all-mentions")
    assert result.left_out_by == {}  # every sample mention has a date
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_schema_is_valid_json_schema_and_holds_the_manuals_vocabularies():
    jsonschema.Draft202012Validator.check_schema(plover_schema())
    props = plover_schema()["properties"]
    assert props["event"]["items"]["enum"] == list(PLOVER_CATEGORIES)
    assert set(props["mode"]["items"]["enum"]) == {m for ms in PLOVER_MODES.values() for m in ms}
    assert plover_schema()["required"] == ["id", "date", "source", "event"]


def test_every_exported_record_validates(records):
    for record in records:
        VALIDATOR.validate(record)
    assert len(records) == 8


@pytest.mark.parametrize("breakage", [
    lambda r: r.pop("date"),
    lambda r: r.update(source={"code": "IRQ"}),  # a list of actor objects, not one
    lambda r: r.update(mode="drone"),  # a list, in the manual's vocabulary
    lambda r: r.update(mode=["drone"]),
    lambda r: r.update(event=["REQUEST"]),  # 0.8 has DEMAND, not REQUEST
    lambda r: r.update(quad_code=1),  # ASSAULT is material conflict (4)
    lambda r: r["source"][0].update(identifier_id="islamic-resistance-in-iraq"),  # a Wikidata id
    lambda r: r["event_loc"].update({"country code": "JOR"}),  # GeoNames: alpha-2
    lambda r: r.update(date="28/01/2024"),
])
def test_the_schema_rejects_what_the_manual_does_not_allow(records, breakage):
    record = json.loads(json.dumps(next(r for r in records if r["id"] == "m1")))
    VALIDATOR.validate(record)
    breakage(record)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(record)


def test_modes_are_lists_in_the_manuals_vocabulary_for_the_category():
    for mode in ASSAULT_MODES:
        mapped = modes({"type": "ASSAULT", "mode": mode})
        assert set(mapped) <= set(PLOVER_MODES["ASSAULT"])
    assert modes({"type": "ASSAULT", "mode": "drone"}) == ["heavy-weapons"]
    assert modes({"type": "ASSAULT", "mode": "naval"}) == []
    assert modes({"type": "COERCE", "mode": "detain"}) == ["arrest"]
    assert modes({"type": "AID", "mode": "arrest"}) == []  # AID has no modes in the manual
    assert all(PLOVER_MODES[CATEGORY_OF[t]] for t, _ in MODE_MAP)
    assert {CATEGORY_OF[t] for t in PLOVER_TYPES} <= set(PLOVER_CATEGORIES)


def test_actor_objects_carry_wikidata_ids_where_the_knowledge_base_has_them(records):
    strike = next(r for r in records if r["id"] == "m1")
    target = strike["recipient"][0]
    assert (target["code"], target["sector"], target["actor_text"]) == ("USA", "MIL", "American troops")
    consult = next(r for r in records if r["id"] == "m8")
    assert consult["source"][0]["identifier_id"] is None  # an unresolved party has no id
    row = {"type": "CONSULT", "actor_id": "united-states", "actor_name": "United States", "actor_country": "USA",
           "actor_kind": "state", "actor_text": "Washington", "id": "x", "date_start": date(2024, 1, 1)}
    record = plover_record(row, PloverContext())
    assert record["source"][0]["identifier_id"] == "Q30"  # checked Wikidata id in the knowledge base
    VALIDATOR.validate(record)


def test_statuses_become_the_manuals_special_contexts(records):
    negated = next(r for r in records if r["id"] == "m5")
    assert negated["context"] == ["negation"] and negated["proxywatch"]["negated"] is True


def test_an_assault_without_a_named_attacker_has_an_unidentified_armed_force(records):
    shooting = next(r for r in records if r["id"] == "m7")
    assert shooting["source"][0]["actor_text"] == "gunmen"  # a named text stays the source
    aggregate = next(r for r in records if r["id"] == "m6")
    assert aggregate["source"] == [{"code": None, "sector": "UAF", "actor_text": None, "identifier_id": None,
                                    "identifier_text": None}]


def test_polecat_tsv_has_polecats_40_columns_and_the_plover_values():
    with sample_store() as store:
        out = io.StringIO()
        result = write_export(store, "polecat", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert len(POLECAT_COLUMNS) == 40 and list(rows[0]) == list(POLECAT_COLUMNS)
    assert result.rows == len(rows) == 5
    strike = next(r for r in rows if r["Event Date"] == "2024-01-28")
    assert (strike["Event Type"], strike["Event Mode"], strike["Quad Code"], strike["Event Intensity"]) == (
        "ASSAULT", "heavy-weapons", "4", "-9.3")
    assert (strike["Actor Name"], strike["Actor Country"], strike["Actor Name Raw"]) == (
        "Islamic Resistance in Iraq", "IRQ", "an Iran-aligned militia")
    assert (strike["Recipient Country"], strike["Primary Recipient Sector"], strike["Country"]) == (
        "USA", "MIL", "JOR")
    assert (strike["Latitude"], strike["Longitude"], strike["Feature Type"], strike["Language"]) == (
        "33.32", "38.69", "S", "en")
    assert strike["Source"] == "Paper Two; Wire One" and strike["Publication Date"] == "2024-01-29"

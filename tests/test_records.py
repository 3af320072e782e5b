"""Records: the contract's JSON form, its checks and the generated JSON Schema."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from proxywatch.errors import ContractError
from proxywatch.records import (
    ARTICLE_FIELDS,
    SCHEMA_ID,
    Article,
    Count,
    DateSpan,
    Event,
    Evidence,
    Party,
    Place,
    event_id,
    event_json_schema,
)

# The example of contract section 2, with the elided id and evidence text filled in.
CONTRACT_EXAMPLE = {
    "schema": "proxywatch.event/1",
    "id": "e3b0c44298fc1c149afbf4c8996fb924",
    "article_id": "seed-1",
    "type": "ASSAULT",
    "mode": "drone",
    "status": "occurred",
    "negated": False,
    "actor": {"text": "Iran-backed militia", "id": "islamic-resistance-in-iraq", "name": "Islamic Resistance in Iraq",
              "country": "IRQ", "kind": "armed_group", "sponsors": ["IRN"]},
    "target": {"text": "three American soldiers", "id": "us-military", "name": "United States Armed Forces",
               "country": "USA", "kind": "military", "sponsors": []},
    "location": {"text": "a base in Jordan", "name": "Tower 22", "country": "JOR", "admin1": None,
                 "lat": 33.32, "lon": 38.69, "precision": "site"},
    "date": {"start": "2024-01-28", "end": "2024-01-28", "precision": "day", "text": "Sunday"},
    "fatalities": {"min": 3, "max": 3},
    "injuries": None,
    "aggregate": None,
    "evidence": {"text": "A drone struck a small base in Jordan on Sunday, killing three soldiers.",
                 "start": 312, "end": 383},
    "confidence": 0.82,
}

CONTRACT_KEY_ORDER = [
    "schema", "id", "article_id", "type", "mode", "status", "negated", "actor", "target",
    "location", "date", "fatalities", "injuries", "aggregate", "evidence", "confidence",
]


def example() -> dict:
    return copy.deepcopy(CONTRACT_EXAMPLE)


def make_event(**changes) -> Event:
    evidence = Evidence(text="Rockets hit the port town at dawn.", start=10, end=44)
    values = dict(
        id=event_id("art-1", evidence, "ASSAULT", 0),
        article_id="art-1",
        type="ASSAULT",
        evidence=evidence,
        mode="rocket",
        actor=Party(text="a militia", kind="armed_group", sponsors=("IRN",)),
        target=Party(text="the port", country="YEM", kind="civilians"),
        location=Place(text="the port town", name="Port Town", country="YEM", lat=14.8, lon=42.95, precision="city"),
        date=DateSpan(start="2024-02-03", end="2024-02-03", precision="day", text="Saturday"),
        fatalities=Count(2, None),
        injuries=Count(5, 7),
        confidence=0.7,
    )
    values.update(changes)
    return Event(**values)


# --- Event: JSON round trip ---------------------------------------------------------------


def test_event_round_trip_from_contract_example():
    event = Event.from_json(example())
    assert event.type == "ASSAULT"
    assert event.actor.sponsors == ("IRN",)
    assert event.target.country == "USA"
    assert event.location.lat == 33.32
    assert event.fatalities == Count(3, 3)
    assert event.injuries is None
    assert event.evidence.start == 312
    out = event.to_json()
    assert out["location"].pop("inferred") is False  # an added field (records.ADDED_FIELDS), false when read
    assert out == CONTRACT_EXAMPLE


def test_event_round_trip_through_json_line():
    event = make_event()
    line = event.to_json_line()
    assert "\n" not in line
    back = Event.from_json(json.loads(line))
    assert back == event
    assert back.to_json() == event.to_json()
    assert back.fatalities.max is None
    assert back.schema == SCHEMA_ID


def test_event_to_json_key_order_is_the_contract_order():
    assert list(make_event().to_json()) == CONTRACT_KEY_ORDER
    assert list(json.loads(make_event().to_json_line())) == CONTRACT_KEY_ORDER
    assert list(Event.from_json(example()).to_json()) == CONTRACT_KEY_ORDER


def test_event_to_json_writes_null_for_unknown_parts():
    minimal = Event(id="x1", article_id="a", type="CONSULT", evidence=Evidence("They met.", 0, 9))
    out = minimal.to_json()
    assert out["actor"] is None and out["location"] is None and out["date"] is None
    assert out["mode"] is None
    assert out["status"] == "occurred"
    assert out["negated"] is False
    assert out["schema"] == "proxywatch.event/1"
    assert out["evidence"] == {"text": "They met.", "start": 0, "end": 9}


def test_party_sponsors_are_a_list_in_json():
    out = make_event().to_json()
    assert out["actor"]["sponsors"] == ["IRN"]
    assert out["target"]["sponsors"] == []


# --- Event: contract checks --------------------------------------------------------------


@pytest.mark.parametrize(
    "path, value",
    [
        (("type",), "ATTACK"),
        (("type",), "assault"),
        (("status",), "happened"),
        (("mode",), "tank"),
        (("actor", "kind"), "militia"),
        (("target", "kind"), "soldiers"),
        (("location", "precision"), "street"),
        (("date", "precision"), "fortnight"),
    ],
)
def test_from_json_rejects_bad_enum_values(path, value):
    data = example()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ContractError) as info:
        Event.from_json(data)
    assert repr(value) in str(info.value)


def test_bad_enum_values_rejected_when_constructing():
    with pytest.raises(ContractError, match="type must be one of"):
        make_event(type="BOMBING")
    with pytest.raises(ContractError, match="status must be one of"):
        make_event(status="maybe")
    with pytest.raises(ContractError, match="ASSAULT mode"):
        make_event(mode="cavalry")
    with pytest.raises(ContractError, match="kind must be one of"):
        Party(text="someone", kind="gang")
    with pytest.raises(ContractError, match="precision must be one of"):
        Place(text="somewhere", precision="street")
    with pytest.raises(ContractError, match="precision must be one of"):
        DateSpan(start="2024-01-01", precision="fortnight")


def test_mode_is_free_for_non_assault_types():
    event = make_event(type="AID", mode="medical")
    assert event.mode == "medical"
    data = example()
    data["type"] = "THREATEN"
    data["mode"] = "verbal"
    assert Event.from_json(data).mode == "verbal"


def test_mode_null_allowed_for_assault():
    data = example()
    data["mode"] = None
    assert Event.from_json(data).mode is None


@pytest.mark.parametrize(
    "path, value, message",
    [
        (("evidence", "start"), "312", "event.evidence.start must be int, not str"),
        (("fatalities", "min"), True, "event.fatalities.min must be int, not bool"),
        (("fatalities", "max"), 3.0, "event.fatalities.max must be int, not float"),
        (("negated",), "false", "event.negated must be bool, not str"),
        (("negated",), 0, "event.negated must be bool, not int"),
        (("confidence",), True, "event.confidence must be float, not bool"),
        (("confidence",), "0.8", "event.confidence must be float, not str"),
        (("article_id",), 7, "event.article_id must be str, not int"),
        (("actor", "sponsors"), "IRN", "event.actor.sponsors must be a list of strings"),
        (("actor", "sponsors"), ["IRN", 5], "event.actor.sponsors must be a list of strings"),
        (("actor",), "militia", "event.actor must be a JSON object"),
        (("type",), None, "event.type must not be null"),
        (("evidence",), None, "event.evidence must not be null"),
    ],
)
def test_from_json_rejects_wrong_field_types(path, value, message):
    data = example()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ContractError) as info:
        Event.from_json(data)
    assert str(info.value) == message


def test_confidence_integer_is_accepted_as_float():
    data = example()
    data["confidence"] = 1
    event = Event.from_json(data)
    assert event.confidence == 1.0 and isinstance(event.confidence, float)


@pytest.mark.parametrize("missing", ["id", "article_id", "type", "evidence"])
def test_from_json_requires_fields(missing):
    data = example()
    del data[missing]
    with pytest.raises(ContractError) as info:
        Event.from_json(data)
    assert str(info.value) == f"event: missing field {missing!r}"


@pytest.mark.parametrize("path", [("evidence", "text"), ("evidence", "end"), ("fatalities", "min"), ("actor", "text")])
def test_from_json_requires_nested_fields(path):
    data = example()
    del data[path[0]][path[1]]
    with pytest.raises(ContractError) as info:
        Event.from_json(data)
    assert f"missing field {path[1]!r}" in str(info.value)
    assert f"event.{path[0]}" in str(info.value)


def test_from_json_optional_fields_take_defaults():
    data = {"id": "x", "article_id": "a", "type": "REQUEST", "evidence": {"text": "t", "start": 0, "end": 1}}
    event = Event.from_json(data)
    assert event.status == "occurred"
    assert event.negated is False
    assert event.confidence == 0.5
    assert event.actor is None


def test_from_json_rejects_unknown_schema_and_non_objects():
    data = example()
    data["schema"] = "proxywatch.event/2"
    with pytest.raises(ContractError, match="unknown schema 'proxywatch.event/2'"):
        Event.from_json(data)
    with pytest.raises(ContractError, match="event must be a JSON object"):
        Event.from_json([1, 2])


def test_count_max_below_min():
    with pytest.raises(ContractError, match="count max 2 is below min 3"):
        Count(3, 2)
    data = example()
    data["fatalities"] = {"min": 5, "max": 1}
    with pytest.raises(ContractError, match="count max 1 is below min 5"):
        Event.from_json(data)
    assert Count(3, 3).max == 3
    assert Count(3).max is None


# --- Article ----------------------------------------------------------------------------


def test_article_round_trip():
    data = {
        "id": "a-1", "text": "Shells fell on the village overnight.", "published": "2024-03-01",
        "title": "Village shelled", "url": "https://example.invalid/a-1", "source": "Example Wire",
        "author": "A. Writer", "section": "World", "keywords": "shelling, village",
    }
    article = Article.from_json(data)
    assert article.to_json() == data
    back = Article.from_json(article.to_json())
    assert back == article
    assert back.metadata == {}
    assert set(data) == set(ARTICLE_FIELDS)


def test_article_to_json_omits_none_fields():
    article = Article(id="b", text="Short text.")
    assert article.to_json() == {"id": "b", "text": "Short text."}


def test_article_unknown_fields_go_to_metadata_and_back():
    data = {"id": "a-2", "text": "A convoy was stopped.", "lang": "en", "wordcount": 4, "tags": ["x", "y"]}
    article = Article.from_json(data)
    assert dict(article.metadata) == {"lang": "en", "wordcount": 4, "tags": ["x", "y"]}
    out = article.to_json()
    assert out == data
    back = Article.from_json(out)
    assert dict(back.metadata) == dict(article.metadata)


def test_article_keywords_list_is_joined():
    article = Article.from_json({"id": "k", "text": "Body.", "keywords": ["drones", "Red Sea", "shipping"]})
    assert article.keywords == "drones, Red Sea, shipping"


def test_article_integer_id_becomes_string():
    assert Article.from_json({"id": 42, "text": "Body."}).id == "42"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": "Body."}, "missing required field 'id'"),
        ({"id": "x"}, "missing required field 'text'"),
        ({}, "missing required field 'id' and 'text'"),
        ({"id": None, "text": "Body."}, "missing required field 'id'"),
        ({"id": "x", "text": None}, "missing required field 'text'"),
        ({"id": "x", "text": ""}, "field 'text' is empty"),
        ({"id": "x", "text": "  \n\t "}, "field 'text' is empty"),
        ({"id": "  ", "text": "Body."}, "field 'id' is empty"),
        ({"id": "x", "text": 5}, "field 'text' must be a string, not int"),
        ({"id": True, "text": "Body."}, "field 'id' must be a string, not bool"),
        ({"id": "x", "text": "Body.", "title": ["a"]}, "field 'title' must be a string, not list"),
        ({"id": "x", "text": "Body.", "keywords": ["a", 1]}, "field 'keywords' must be a string, not list"),
    ],
)
def test_article_from_json_errors(data, message):
    with pytest.raises(ContractError) as info:
        Article.from_json(data)
    assert str(info.value) == message


def test_article_from_json_rejects_non_object():
    with pytest.raises(ContractError, match="must be a JSON object"):
        Article.from_json(["id", "text"])


def test_content_hash_tracks_text_published_and_title_only():
    base = Article(id="h", text="Two boats were seized.", published="2024-01-10", title="Seizure")
    same = Article(id="h", text="Two boats were seized.", published="2024-01-10", title="Seizure",
                   metadata={"lang": "en"}, url="https://example.invalid/other")
    assert len(base.content_hash) == 64
    assert base.content_hash == same.content_hash
    assert base.content_hash != Article(id="h", text="Three boats were seized.", published="2024-01-10",
                                        title="Seizure").content_hash
    assert base.content_hash != Article(id="h", text="Two boats were seized.", published="2024-01-11",
                                        title="Seizure").content_hash
    assert base.content_hash != Article(id="h", text="Two boats were seized.", title="Seizure").content_hash


# --- event_id -----------------------------------------------------------------------------


def test_event_id_is_stable_and_distinguishes_inputs():
    ev = Evidence("Rockets hit the port town at dawn.", 10, 44)
    first = event_id("art-1", ev, "ASSAULT", 0)
    assert first == event_id("art-1", Evidence("Rockets hit the port town at dawn.", 10, 44), "ASSAULT", 0)
    assert len(first) == 32 and all(c in "0123456789abcdef" for c in first)
    assert first != event_id("art-1", ev, "ASSAULT", 1)
    assert first != event_id("art-2", ev, "ASSAULT", 0)
    assert first != event_id("art-1", ev, "THREATEN", 0)
    assert first != event_id("art-1", Evidence("Rockets hit the port town at dawn.", 11, 45), "ASSAULT", 0)


def test_event_id_known_value():
    # Pin the recipe: ids must not change between releases.
    import hashlib

    ev = Evidence("abc", 1, 4)
    expected = hashlib.sha256("a\x1f1\x1f4\x1fabc\x1fAID\x1f2".encode()).hexdigest()[:32]
    assert event_id("a", ev, "AID", 2) == expected


# --- JSON Schema --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = event_json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator, data) -> list:
    return list(validator.iter_errors(data))


def walk(found):
    """Every error, including those nested in anyOf contexts."""
    for error in found:
        yield error
        yield from walk(error.context or [])


def test_schema_header():
    schema = event_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == SCHEMA_ID
    assert schema["required"] == [
        "id", "article_id", "type", "evidence", "mode", "status", "negated", "actor", "target",
        "location", "date", "fatalities", "injuries", "aggregate", "confidence", "schema",
    ]
    assert set(schema["$defs"]) == {"Party", "Place", "DateSpan", "Count", "Evidence"}


def test_schema_accepts_contract_example(validator):
    assert errors(validator, example()) == []


def test_schema_accepts_code_output(validator):
    assert errors(validator, make_event().to_json()) == []
    minimal = Event(id="x1", article_id="a", type="CONSULT", evidence=Evidence("They met.", 0, 9))
    assert errors(validator, minimal.to_json()) == []


@pytest.mark.parametrize(
    "path, value",
    [
        (("type",), "BOMBING"),
        (("status",), "rumoured"),
        (("negated",), "no"),
        (("confidence",), 1.5),
        (("schema",), "proxywatch.event/2"),
        (("actor", "country"), "IR"),
        (("actor", "kind"), "militia"),
        (("actor", "sponsors"), ["iran"]),
        (("location", "lat"), 123.0),
        (("fatalities", "min"), -1),
        (("fatalities", "min"), "3"),
        (("evidence", "start"), "312"),
    ],
)
def test_schema_rejects_bad_values(validator, path, value):
    data = example()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert errors(validator, data), f"schema accepted {path}={value!r}"


@pytest.mark.parametrize("path", [("type",), ("evidence",), ("confidence",), ("actor", "kind"), ("evidence", "end")])
def test_schema_rejects_missing_fields(validator, path):
    data = example()
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    found = errors(validator, data)
    assert found
    messages = [e.message for e in walk(found)]
    assert f"{path[-1]!r} is a required property" in messages, messages

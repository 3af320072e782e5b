"""New-user trials: fresh articles about real events, written for this project in our own words, pasted in as
a user would (tests/data/trials/articles.jsonl). Each check is a fact the text states; a field the text does not
support must be null, never a guess. These articles were used to find errors (docs/benchmarks.md, "New-user
trials"), so they guard against regressions rather than measure quality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proxywatch.records import Article

pytestmark = pytest.mark.slow
TRIALS = Path(__file__).parent.parent / "data" / "trials" / "articles.jsonl"


@pytest.fixture(scope="module")
def events(extractor):
    articles = [Article.from_json(json.loads(line)) for line in TRIALS.read_text(encoding="utf-8").splitlines()]
    return {a.id: [e.to_json() for e in extractor.extract(a)] for a in articles}


def _get(event: dict, path: str):
    value = event
    for part in path.split("."):
        value = None if value is None else value.get(part)
    return value


# (article, evidence starts with, type, {field: value}); a field given as None must be null.
EXPECTED = [
    ("trial-damascus", "Israeli warplanes", "ASSAULT", {
        "mode": "aerial", "actor.country": "ISR", "target.id": "irgc", "location.name": "Damascus",
        "date.start": "2024-04-01", "fatalities.min": 7}),
    ("trial-damascus", "Syria's defence", "ASSAULT", {"location.name": None}),  # fired *from* the Golan: not there
    ("trial-damascus", "Hezbollah said", "THREATEN", {"actor.id": "hezbollah"}),
    ("trial-erbil", "Iran's Revolutionary", "ASSAULT", {
        "mode": "missile", "actor.id": "irgc", "target.kind": "civilians", "location.country": "IRQ",
        "date.start": "2024-01-15", "fatalities.min": 4, "injuries.min": 6}),
    ("trial-erbil", "The Guards said", "ASSAULT", {"actor.id": "irgc", "target.id": "islamic-state",  # their strikes
                                                   "location.country": "SYR"}),
    ("trial-erbil", "Iraq recalled", "SANCTION", {"actor.id": "iraq", "target.country": "IRN"}),
    ("trial-hodeidah", "Israeli fighter jets", "ASSAULT", {
        "actor.country": "ISR", "location.name": "Hodeidah", "date.start": "2024-07-20", "fatalities.min": 3,
        "fatalities.max": None, "injuries.min": 80}),
    ("trial-hodeidah", "Israeli fighter jets", "ASSAULT", {  # the Houthi drone on Tel Aviv, a day earlier
        "mode": "drone", "actor.id": "houthis", "location.name": "Tel Aviv", "date.start": "2024-07-19",
        "fatalities.min": 1, "fatalities.max": 1}),
    ("trial-hodeidah", "The Israeli military", "ASSAULT", {"aggregate.min": 200, "date.start": "2023-10-01"}),
    ("t2-qaani", "There have been", "ASSAULT", {"negated": True, "location.country": "IRQ", "fatalities": None,
                                               "date.start": "2024-02-04"}),
    ("t2-qaani", "There have been", "ASSAULT", {"negated": False, "aggregate.min": 2, "aggregate.max": 2,
                                               "location.country": "SYR"}),
    ("t2-qaani", "The lull", "CONSULT", {"actor.id": "esmail-qaani", "date.start": "2024-01-21"}),
    ("t2-qaani", "Kataib Hezbollah", "RETREAT", {"actor.id": "kataib-hezbollah", "date.start": "2024-01-30"}),
    ("t2-qaani", "US officials", "ASSAULT", {"status": "hypothetical"}),
    ("t2-redsea", "The Houthis launched", "ASSAULT", {"actor.id": "houthis", "location.precision": "sea",
                                                     "location.country": None, "date.start": "2024-01-07"}),
    ("t2-redsea", "The group has", "ASSAULT", {"actor.id": "houthis", "aggregate.min": 26, "aggregate.max": None,
                                              "date.start": "2023-11-19"}),
    ("t2-redsea", "A Houthi spokesman", "ASSAULT", {"status": "planned", "target.sponsors": [], "location": None}),
    ("t2-aid", "Iran has provided", "AID", {"actor.id": "iran", "target.id": "hamas", "date": None}),
    ("t2-aid", "Iran has provided", "ASSAULT", {"status": "denied", "actor.country": "IRN",
                                               "date.start": "2023-10-07"}),
    ("t2-aid", "Washington announced", "SANCTION", {"actor.id": "united-states", "date.start": "2023-10-27"}),
]


@pytest.mark.parametrize(("article", "start", "type_", "fields"), EXPECTED,
                         ids=[f"{a}:{t}:{s[:16]}" for a, s, t, _ in EXPECTED])
def test_trial_facts(events, article, start, type_, fields):
    candidates = [e for e in events[article] if e["type"] == type_ and e["evidence"]["text"].startswith(start)]
    assert any(all(_get(e, k) == v for k, v in fields.items()) for e in candidates), candidates


def test_no_trial_event_puts_an_attacker_on_its_targets_side(events):
    for evs in events.values():
        for e in evs:
            a, t = e["actor"] or {}, e["target"] or {}
            assert not (e["type"] == "ASSAULT" and a.get("country") and a.get("country") == t.get("country")), e

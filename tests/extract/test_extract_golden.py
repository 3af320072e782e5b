"""Extraction regression tests: golden files plus field checks on sentences written for this project.

tests/data/golden/articles.jsonl holds our own news-style passages; events.jsonl is
the reviewed output. A change in extraction shows up as a diff here; when the
change is an improvement, regenerate with PROXYWATCH_UPDATE_GOLDEN=1 and review
the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from proxywatch.records import Article, Event

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).parent.parent / "data" / "golden"


def _articles() -> list[Article]:
    lines = (GOLDEN / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [Article.from_json(json.loads(line)) for line in lines if line.strip()]


def _events(extractor) -> list[Event]:
    return [e for a in _articles() for e in extractor.extract(a)]


def test_golden_events_unchanged(extractor):
    produced = [e.to_json() for e in _events(extractor)]
    path = GOLDEN / "events.jsonl"
    if os.environ.get("PROXYWATCH_UPDATE_GOLDEN") == "1":
        path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in produced), encoding="utf-8")
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(produced) == len(expected)
    for got, want in zip(produced, expected):
        assert got == want, f"event from {want['article_id']!r} changed: {want['evidence']['text']!r}"


def test_evidence_offsets_point_into_the_article(extractor):
    by_id = {a.id: a for a in _articles()}
    events = _events(extractor)
    assert events
    for event in events:
        text = by_id[event.article_id].text
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text


def test_ids_are_stable_and_unique(extractor):
    first = [e.id for e in _events(extractor)]
    second = [e.id for e in _events(extractor)]
    assert first == second
    assert len(set(first)) == len(first)


def _one(extractor, text: str, published: str | None = "2024-01-29", type_: str = "ASSAULT") -> Event:
    events = [e for e in extractor.extract(Article(id="t", text=text, published=published)) if e.type == type_]
    assert len(events) == 1, [e.to_json() for e in events]
    return events[0]


def test_contract_example_sentence(extractor):
    e = _one(extractor, "Iran-backed militants launched a drone attack on Tower 22, a US outpost in "
                        "northeastern Jordan, on Sunday, killing three American soldiers and wounding more than 40.")
    assert e.mode == "drone" and e.status == "occurred" and not e.negated
    assert e.actor.kind == "armed_group" and e.actor.sponsors == ("IRN",)
    assert (e.location.name, e.location.country, e.location.precision) == ("Tower 22", "JOR", "site")
    assert (e.date.start, e.date.end, e.date.precision) == ("2024-01-28", "2024-01-28", "day")
    assert (e.fatalities.min, e.fatalities.max) == (3, 3)
    assert (e.injuries.min, e.injuries.max) == (41, None)


def test_passive_voice_roles_and_aggregate(extractor):
    e = _one(extractor, "US forces were attacked by Iraqi militias at least 66 times since mid-October.",
             published="2023-11-20")
    assert (e.actor.country, e.actor.kind) == ("IRQ", "armed_group")
    assert (e.target.country, e.target.kind) == ("USA", "military")
    assert (e.aggregate.min, e.aggregate.max) == (66, None)
    assert (e.date.start, e.date.end) == ("2023-10-11", "2023-11-20")


def test_named_actor_gets_sponsor_from_knowledge_base(extractor):
    e = _one(extractor, "Houthi rebels fired anti-ship missiles at a merchant vessel in the Gulf of Aden.")
    assert e.actor.id == "houthis" and e.actor.sponsors == ("IRN",)
    assert e.mode == "missile"
    assert e.target.kind == "civilians"
    assert (e.location.precision, e.location.country) == ("sea", None)


@pytest.mark.parametrize(
    ("text", "status", "negated"),
    [
        ("There have been no attacks in Iraq since the US retaliated.", "occurred", True),
        ("If Americans are killed again, it would mean war.", "hypothetical", False),
        ("Iran denied any involvement in the attack.", "denied", False),
        ("The militia vowed to strike American bases.", "threatened", False),
    ],
)
def test_status_and_negation(extractor, text, status, negated):
    e = _one(extractor, text)
    assert (e.status, e.negated) == (status, negated)


def test_no_injuries_is_zero_not_unknown(extractor):
    e = _one(extractor, "No US personnel were hurt in the attack on al-Asad air base.")
    assert (e.injuries.min, e.injuries.max) == (0, 0)
    assert e.location.name == "Ain al-Asad Air Base"


def test_reported_speech_pronoun_resolves_to_speaker(extractor):
    e = _one(extractor, "Kata'ib Hezbollah said it would suspend military operations against US forces.",
             type_="RETREAT")
    assert e.actor.id == "kataib-hezbollah" and e.status == "planned"


def test_no_publication_date_means_no_relative_date(extractor):
    e = _one(extractor, "Militants attacked a base in Syria on Sunday.", published=None)
    assert e.date is None

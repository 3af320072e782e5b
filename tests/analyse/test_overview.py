"""The overview's counts: places on the map, what has no date or place, the most active parties."""

from __future__ import annotations

import pytest

from proxywatch.analyse.overview import gaps, places, top_parties
from proxywatch.store import EventQuery
from sample_store import sample_store


@pytest.fixture
def store(db):
    """The sample store on each backend (DuckDB in memory, a PostgreSQL schema)."""
    s = sample_store(db)
    yield s
    s.close()


def test_places_group_events_by_point(store):
    found = places(store)
    by_name = {p.name: p for p in found.points}
    assert by_name["Tower 22"].events == 1 and by_name["Tower 22"].fatalities == 3  # c1: two reports, one event
    assert by_name["Al-Qaim"].fatalities == 16 and by_name["Al-Qaim"].precision == "city"
    assert found.located == sum(p.events for p in found.points) == 3  # c7 and c8 have no point
    assert places(store, limit=1).left_out_points == 2
    assert places(store, source="mentions").points[0].events == 2  # m1 and m2 at Tower 22


def test_gaps_count_what_the_charts_leave_out(store):
    g = gaps(store)
    assert (g.events, g.undated, g.unlocated) == (5, 0, 2)
    assert gaps(store, EventQuery(type="CONSULT")).unlocated == 1


def test_top_parties(store):
    actors = {p.key: p for p in top_parties(store, role="actor")}
    assert actors["islamic-resistance-in-iraq"].kb_id == "islamic-resistance-in-iraq"
    assert actors["islamic-resistance-in-iraq"].fatalities == 3 and actors["crowds"].kb_id is None
    assert [(p.key, p.events) for p in top_parties(store, role="actor", source="mentions", limit=1)] == [
        ("islamic-resistance-in-iraq", 2)]
    assert [(p.key, p.events) for p in top_parties(store, role="sponsor")] == [("IRN", 1)]
    assert "us-military" in {p.key for p in top_parties(store, role="target")}
    with pytest.raises(ValueError):
        top_parties(store, role="bystander")

"""Test helper: put hand-made rows into canonical_events or events with plain SQL."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

_ids = count()


def add_event(store, day, *, type="ASSAULT", actor=None, sponsors=(), target_country=None, country=None,
              fatalities=(0, 0, 0), table="canonical", status="occurred", negated=False, aggregate=None, end=None):
    """One row dated ``day`` (a date or ISO string; to ``end`` for a span); ``table`` is "canonical" or "events"."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    last = date.fromisoformat(end) if isinstance(end, str) else (end or day)
    low, best, high = fatalities
    n = next(_ids)
    if table == "canonical":
        store.sql(
            "INSERT INTO canonical_events (id, type, actor_name, actor_sponsors, target_country, location_country, "
            "date_start, date_end, fatalities_low, fatalities_best, fatalities_high, mentions, sources, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, '{}')",
            [f"c{n}", type, actor, list(sponsors), target_country, country, day, last, low, best, high])
    else:
        store.sql(
            "INSERT INTO events (id, article_id, type, status, negated, actor_name, actor_sponsors, target_country, "
            "location_country, date_start, date_end, fatalities_min, fatalities_max, aggregate_min, "
            "evidence_text, evidence_start, evidence_end, confidence, record) "
            "VALUES (?, 'a1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 0, 1, 1.0, '{}')",
            [f"m{n}", type, status, negated, actor, list(sponsors), target_country, country, day, last, low, high,
             aggregate])


def add_daily(store, start, counts, **fields):
    """``counts[i]`` events on day ``start + i``."""
    start = date.fromisoformat(start) if isinstance(start, str) else start
    for i, k in enumerate(counts):
        for _ in range(k):
            add_event(store, start + timedelta(days=i), **fields)

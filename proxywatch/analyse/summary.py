"""Summaries over the store, computed in SQL: events by type and month, top actors."""

from __future__ import annotations

from dataclasses import dataclass

from proxywatch.store import EventQuery, Store

__all__ = ["TypeMonth", "ActorCount", "events_by_type_and_month", "top_actors"]


@dataclass(frozen=True)
class TypeMonth:
    type: str
    month: str | None  # YYYY-MM, None when the event has no date
    events: int
    fatalities: int


@dataclass(frozen=True)
class ActorCount:
    actor: str
    sponsors: tuple[str, ...]
    events: int


def events_by_type_and_month(store: Store, query: EventQuery | None = None,
                             include_negated: bool = False) -> list[TypeMonth]:
    """Occurred single events per type and calendar month of their start date."""
    where, params = (query or EventQuery()).where()
    if not include_negated:
        where += " AND NOT e.negated AND e.status = 'occurred' AND e.aggregate_min IS NULL"
    rows = store.sql(
        f"""SELECT e.type, strftime(e.date_start, '%Y-%m') AS month, count(*), coalesce(sum(e.fatalities_min), 0)
            FROM events e WHERE {where}
            GROUP BY ALL ORDER BY e.type, month NULLS LAST""",
        params,
    )
    return [TypeMonth(t, m, n, int(f)) for t, m, n, f in rows]


def top_actors(store: Store, query: EventQuery | None = None, limit: int = 10) -> list[ActorCount]:
    """Actors with the most events, by knowledge-base name where linked, else by the text."""
    where, params = (query or EventQuery()).where()
    rows = store.sql(
        f"""SELECT coalesce(e.actor_name, e.actor_text) AS actor, list_sort(list_distinct(flatten(list(e.actor_sponsors)))),
                   count(*) AS n
            FROM events e WHERE {where} AND e.actor_text IS NOT NULL
            GROUP BY actor ORDER BY n DESC, actor LIMIT {int(limit)}""",
        params,
    )
    return [ActorCount(a, tuple(s or ()), n) for a, s, n in rows]

"""The store's side of claim checks: every SQL statement ``proxywatch claims`` runs.

A claim is counted with a :class:`CountQuery` (the filters a claim reads: type, actor or
sponsor, the actor's country, the target's country, any of several location countries, modes,
a window) over one of the two relations of :mod:`proxywatch.store.relations`, leaving out what
the claim's own article reported and, when the period is anchored on an event, that event itself.
Tallies (other reports' counts of events) come from the aggregate and negated mentions of
``events``; they are never counted as events. Anchor candidates (the event a period such as
"since the US retaliated" starts from) come from the counted relation, with the same query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Sequence

from proxywatch.store.base import EventQuery, Store
from proxywatch.store.relations import relation

__all__ = [
    "CountQuery", "Conditions", "count_events", "list_events", "tally_rows", "anchor_candidates",
    "published_weeks", "source_is_empty",
]


@dataclass(frozen=True)
class CountQuery:
    """What a claim counts. ``None`` or an empty tuple means any."""

    type: str | None = None
    actor: str | None = None  # knowledge-base id of a named actor (exact)
    actor_country: str | None = None  # a state named as the actor ("Iran has attacked ...")
    sponsor: str | None = None  # a state sponsor of the actor ("Iran-backed")
    target_country: str | None = None
    countries: tuple[str, ...] = ()  # where it happened: any of these (a claim "in Iraq and Syria")
    places: tuple[str, ...] = ()  # where it happened, by gazetteer name (a site or town): any of these
    modes: tuple[str, ...] = ()  # how: any of these ("drone and rocket attacks")
    since: str | None = None
    until: str | None = None

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """SQL over ``events`` or either relation: EventQuery's clauses and the claim's own."""
        base, params = EventQuery(type=self.type, sponsor=self.sponsor, target_country=self.target_country,
                                  since=self.since, until=self.until).where(alias)
        clauses = [base]
        for column, value in (("actor_id", self.actor), ("actor_country", self.actor_country)):
            if value:
                clauses.append(f"{alias}.{column} = ?")
                params.append(value)
        for column, values in (("location_country", self.countries), ("mode", self.modes)):
            if values:
                clauses.append(f"list_contains(?, {alias}.{column})")
                params.append(list(values))
        if self.places:
            clauses.append(f"list_contains(?, lower({alias}.location_name))")
            params.append([p.lower() for p in self.places])
        return " AND ".join(clauses), params

    def without(self, *names: str) -> "CountQuery":
        """The same query with the named filters dropped (``"window"`` drops since and until)."""
        fields = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for name in names:
            for key in (("since", "until") if name == "window" else (name,)):
                fields[key] = () if isinstance(fields[key], tuple) else None
        return CountQuery(**fields)


# Named extra conditions (no SQL crosses the module boundary).
Conditions = str
_CONDITIONS: dict[str, str] = {
    "all": "TRUE",
    "undated": "e.date_start IS NULL",
    "unknown_actor": "e.actor_id IS NULL AND e.actor_text IS NULL AND coalesce(len(e.actor_sponsors), 0) = 0",
    "unplaced": "e.location_country IS NULL AND e.location_name IS NULL",
    "no_mode": "e.mode IS NULL",
}


def _not_from(source: str) -> str:
    """SQL keeping what was reported by some article other than ``?`` (the claim's own)."""
    if source == "mentions":
        return "e.article_id <> ?"
    return ("e.id NOT IN (SELECT canonical_id FROM canonical_mentions GROUP BY canonical_id "
            "HAVING bool_and(article_id = ?))")


def _where(query: CountQuery, source: str, exclude_article: str, exclude_ids: Sequence[str],
           condition: Conditions) -> tuple[str, list[Any]]:
    where, params = query.where("e")
    sql = f"{where} AND {_CONDITIONS[condition]} AND {_not_from(source)} AND NOT list_contains(?, e.id)"
    return sql, [*params, exclude_article, list(exclude_ids)]


def count_events(store: Store, query: CountQuery, source: str, exclude_article: str,
                 exclude_ids: Sequence[str] = (), condition: Conditions = "all") -> int:
    """Events of ``source`` matching ``query`` and the named ``condition``, not reported by ``exclude_article``."""
    where, params = _where(query, source, exclude_article, exclude_ids, condition)
    return int(store.sql(f"SELECT count(*) FROM {relation(source)} e WHERE {where}", params)[0][0])


def list_events(store: Store, query: CountQuery, source: str, exclude_article: str,
                exclude_ids: Sequence[str] = (), limit: int = 10) -> list[dict[str, Any]]:
    """The first events :func:`count_events` counts, by date, as plain dicts (what a reader checks by hand)."""
    where, params = _where(query, source, exclude_article, exclude_ids, "all")
    ids = [r[0] for r in store.sql(
        f"SELECT e.id FROM {relation(source)} e WHERE {where} ORDER BY e.date_start NULLS LAST, e.id LIMIT {int(limit)}",
        params)]
    return _describe(store, ids, source)


def _describe(store: Store, ids: Sequence[str], source: str) -> list[dict[str, Any]]:
    """Stored events by id, in the order given: date, place, actor, target, reporting articles, evidence."""
    if not ids:
        return []
    if source == "mentions":
        table, articles, sources, text = "events", "[e.article_id]", "1", "e.evidence_text"
    else:
        table, sources = "canonical_events", "e.sources"
        articles = ("(SELECT list(DISTINCT m.article_id ORDER BY m.article_id) FROM canonical_mentions m "
                    "WHERE m.canonical_id = e.id)")
        text = ("(SELECT x.evidence_text FROM canonical_mentions m JOIN events x ON x.id = m.event_id "
                "WHERE m.canonical_id = e.id ORDER BY m.article_id, x.evidence_start LIMIT 1)")
    rows = store.sql(
        f"""SELECT e.id, CAST(e.date_start AS VARCHAR), e.location_name, e.location_country,
                   coalesce(e.actor_name, e.actor_text), coalesce(e.target_name, e.target_text), e.target_country,
                   {articles}, {sources}, {text}
            FROM {table} e WHERE list_contains(?, e.id)""", [list(ids)])
    found = {}
    for id_, day, place, country, actor, target, target_country, articles_, n, evidence in rows:
        found.setdefault(id_, {"id": id_, "date": day, "place": place, "country": country, "actor": actor,
                               "target": target, "target_country": target_country,
                               "article_ids": list(articles_ or []), "sources": int(n), "text": evidence})
    return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class TallyRow:
    """A stored aggregate or negated mention: another report's count of events, as stored."""

    event_id: str
    article_id: str
    published: str | None
    text: str
    type: str
    start: str | None
    end: str | None
    date_text: str | None
    min: int
    max: int | None
    negated: bool


def tally_rows(store: Store, type_: str, start: str | None, end: str | None, exclude_article: str,
               limit: int = 200) -> list[TallyRow]:
    """Other articles' aggregate and negated occurred mentions of ``type_`` whose window may touch ``start``–``end``.

    A mention without dates is kept (its own article may date it when it is read again); an open
    ``start`` or ``end`` does not limit.
    """
    window, params = "", [exclude_article, type_]
    if end is not None:
        window += " AND (e.date_start IS NULL OR e.date_start <= CAST(? AS DATE))"
        params.append(end)
    if start is not None:
        window += " AND (e.date_end IS NULL OR e.date_end >= CAST(? AS DATE))"
        params.append(start)
    rows = store.sql(
        f"""SELECT e.id, e.article_id, CAST(a.published_date AS VARCHAR), e.evidence_text, e.type,
                  CAST(e.date_start AS VARCHAR), CAST(e.date_end AS VARCHAR), e.date_text,
                  e.aggregate_min, e.aggregate_max, e.negated
           FROM events e JOIN articles a ON a.id = e.article_id
           WHERE e.status = 'occurred' AND (e.negated OR e.aggregate_min IS NOT NULL) AND e.article_id <> ?
             AND e.type = ?{window}
           ORDER BY a.published_date NULLS LAST, e.article_id, e.evidence_start, e.id
           LIMIT {int(limit)}""", params)
    return [TallyRow(i, a, p, t, ty, s, e, dt, 0 if neg else int(lo or 0), 0 if neg else hi, bool(neg))
            for i, a, p, t, ty, s, e, dt, lo, hi, neg in rows]


def anchor_candidates(store: Store, anchor: CountQuery, source: str, exclude_article: str,
                      limit: int = 20) -> list[dict[str, Any]]:
    """Dated stored events fitting an anchor ("since the US retaliated": US strikes), earliest first, described."""
    where, params = anchor.where("e")
    where += f" AND e.date_start IS NOT NULL AND {_not_from(source)}"
    params.append(exclude_article)
    ids = [r[0] for r in store.sql(
        f"SELECT e.id FROM {relation(source)} e WHERE {where} ORDER BY e.date_start, e.id LIMIT {int(limit)}", params)]
    return _describe(store, ids, source)


def published_weeks(store: Store, start: str, end: str, exclude_article: str, lag_days: int = 7) -> tuple[int, int, int]:
    """(weeks of ``start``–``end``, weeks in which another stored article was published, those articles).

    Weeks are 7-day bins from ``start``; an article published up to ``lag_days`` after ``end``
    counts for the last week (news of the last days comes out later).
    """
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    weeks = (last - first).days // 7 + 1
    rows = store.sql(
        """SELECT count(DISTINCT least(date_diff('day', CAST(? AS DATE), published_date) // 7, ?)), count(*)
           FROM articles WHERE published_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) AND id <> ?""",
        [start, weeks - 1, start, (last + timedelta(days=lag_days)).isoformat(), exclude_article],
    )
    covered, articles = rows[0]
    return weeks, int(covered), int(articles)


def source_is_empty(store: Store, source: str) -> bool:
    """True when the relation counted has no rows at all (e.g. canonical events not merged yet)."""
    return not store.sql(f"SELECT count(*) FROM {relation(source)} e")[0][0]

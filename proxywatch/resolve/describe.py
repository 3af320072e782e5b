"""Plain records of knowledge-base entries for the ``actors`` and ``places`` commands (and scripts)."""

from __future__ import annotations

from typing import Any

from proxywatch.resolve.gazetteer import PlaceEntry
from proxywatch.resolve.kb import Actor, KnowledgeBase

__all__ = ["actor_record", "place_record", "actor_records", "place_records"]


def actor_record(kb: KnowledgeBase, actor: Actor, day: str | None = None) -> dict[str, Any]:
    """An actor with its chain to the top and the sponsors in force on ``day`` (today's facts if None)."""
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "wikidata": actor.wikidata,
        "aliases": list(actor.aliases),
        "parents": [{"id": p.id, "since": p.since, "until": p.until} for p in actor.parents],
        "chain": [a.id for a in kb.chain(actor, day)[1:]],
        "sponsors": list(kb.sponsors(actor, day)),
        "sponsor_facts": [
            {"actor": link.id, "state": f.state, "since": f.since, "until": f.until, "source": f.source}
            for link in kb.chain(actor, day) for f in link.sponsors
        ],
        "note": actor.note,
    }


def place_record(entry: PlaceEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "country": entry.country,
        "admin1": entry.admin1,
        "lat": entry.lat,
        "lon": entry.lon,
        "precision": entry.precision,
        "aliases": [a for a in entry.aliases if a != entry.name],
        "source": entry.source,
        "note": entry.note,
    }


def actor_records(kb: KnowledgeBase, query: str | None, day: str | None = None) -> list[dict[str, Any]]:
    """The actors ``query`` finds (none: every actor); an exact id or name among several is the one answer."""
    found = kb.search(query or "")
    exact = [a for a in found if query and (a.id == query or kb.find_actor(query) is a)]
    return [actor_record(kb, a, day) for a in (exact[:1] if len(found) > 1 and exact else found)]


def place_records(kb: KnowledgeBase, query: str | None) -> list[dict[str, Any]]:
    """Places of the gazetteer ``query`` finds (none: the curated places)."""
    return [place_record(e) for e in kb.gazetteer.search(query or "")]

"""Plain records of knowledge-base entries for the ``actors`` and ``places`` commands (and scripts)."""

from __future__ import annotations

from typing import Any

from proxywatch.resolve.gazetteer import PlaceEntry
from proxywatch.resolve.kb import Actor, KnowledgeBase

__all__ = ["actor_record", "place_record"]


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

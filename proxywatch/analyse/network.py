"""The sponsor -> actor -> target network, counted in SQL over canonical events or single mentions.

Nodes have a role: ``sponsor`` (a state named as backing the actor of an event), ``actor`` and
``target``. A party is keyed by its knowledge-base id when it has one, else by its lower-cased name
and home country, so "Kata'ib Hezbollah" found in the KB is one node however it was written. The
same party acting and targeted appears twice (``actor:…`` and ``target:…``): the graph stays three
layers, sponsors → actors → targets.

Edges: ``sponsors`` (sponsor → actor: the actor's events in which that sponsor is named, with
their fatalities) and ``targets`` (actor → target: events and fatalities). Fatalities are the
``fatalities_best`` of the source (canonical best estimate; a mention's lower bound).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from proxywatch.analyse.countries import country_name
from proxywatch.analyse.source import relation
from proxywatch.store import EventQuery, Store

if TYPE_CHECKING:  # networkx is imported only when a graph is built
    import networkx

__all__ = ["Node", "Edge", "Network", "sponsor_network", "to_networkx"]


@dataclass(frozen=True)
class Node:
    id: str
    role: str  # sponsor | actor | target
    label: str
    country: str | None
    kind: str | None
    kb_id: str | None
    events: int
    fatalities: int


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # sponsors | targets
    events: int
    fatalities: int


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    events: int  # events selected by the filters (with or without an actor)

    def to_json(self) -> dict[str, Any]:
        return {"events": self.events, "nodes": [asdict(n) for n in self.nodes],
                "edges": [asdict(e) for e in self.edges]}


def _key(role: str) -> str:
    """SQL for a party's node key: its KB id, else lower-cased name @ country."""
    return (f"CASE WHEN e.{role}_text IS NULL AND e.{role}_id IS NULL AND e.{role}_name IS NULL THEN NULL "
            f"ELSE coalesce(e.{role}_id, lower(coalesce(e.{role}_name, e.{role}_text)) || '@' "
            f"|| coalesce(e.{role}_country, '')) END")


_KEYED = (
    "SELECT {akey} AS akey, {tkey} AS tkey, coalesce(e.actor_name, e.actor_text) AS alabel, "
    "coalesce(e.target_name, e.target_text) AS tlabel, e.actor_id, e.actor_country, e.actor_kind, "
    "e.target_id, e.target_country, e.target_kind, list_distinct(coalesce(e.actor_sponsors, [])) AS sponsors, "
    "coalesce(e.fatalities_best, 0) AS dead FROM {rel} e WHERE {where}"
)

_QUERIES = {
    "sponsor_edges": (
        "SELECT sponsor, akey, count(*), sum(dead) FROM (SELECT unnest(sponsors) AS sponsor, akey, dead "
        "FROM keyed WHERE akey IS NOT NULL) GROUP BY sponsor, akey ORDER BY sponsor, akey"
    ),
    "target_edges": (
        "SELECT akey, tkey, count(*), sum(dead) FROM keyed WHERE akey IS NOT NULL AND tkey IS NOT NULL "
        "GROUP BY akey, tkey ORDER BY akey, tkey"
    ),
    "actors": (
        "SELECT akey, min(alabel), min(actor_country), min(actor_kind), min(actor_id), count(*), sum(dead) "
        "FROM keyed WHERE akey IS NOT NULL GROUP BY akey ORDER BY akey"
    ),
    "targets": (
        "SELECT tkey, min(tlabel), min(target_country), min(target_kind), min(target_id), count(*), sum(dead) "
        "FROM keyed WHERE tkey IS NOT NULL GROUP BY tkey ORDER BY tkey"
    ),
    "sponsors": (
        "SELECT sponsor, count(*), sum(dead) FROM (SELECT unnest(sponsors) AS sponsor, dead FROM keyed "
        "WHERE akey IS NOT NULL) GROUP BY sponsor ORDER BY sponsor"
    ),
    "events": "SELECT count(*) FROM keyed",
}


def sponsor_network(store: Store, query: EventQuery | None = None, source: str = "canonical") -> Network:
    """Count the network of the events selected by ``query`` from ``source``."""
    where, params = (query or EventQuery()).where("e")
    keyed = _KEYED.format(akey=_key("actor"), tkey=_key("target"), rel=relation(source), where=where)

    def rows(name: str) -> list[tuple[Any, ...]]:
        return store.sql(f"WITH keyed AS ({keyed}) {_QUERIES[name]}", params)

    nodes = [Node(f"sponsor:{code}", "sponsor", country_name(code), code, "state", None, int(n), int(dead))
             for code, n, dead in rows("sponsors")]
    for role, name in (("actor", "actors"), ("target", "targets")):
        nodes += [Node(f"{role}:{key}", role, label, country, kind, kb_id, int(n), int(dead))
                  for key, label, country, kind, kb_id, n, dead in rows(name)]
    edges = [Edge(f"sponsor:{s}", f"actor:{a}", "sponsors", int(n), int(dead))
             for s, a, n, dead in rows("sponsor_edges")]
    edges += [Edge(f"actor:{a}", f"target:{t}", "targets", int(n), int(dead))
              for a, t, n, dead in rows("target_edges")]
    return Network(tuple(nodes), tuple(edges), int(rows("events")[0][0]))


def to_networkx(network: Network) -> "networkx.DiGraph":
    """A directed graph with the counts as attributes (None attributes left out, as GraphML needs)."""
    import networkx as nx

    graph = nx.DiGraph()
    layers = {"sponsor": 0, "actor": 1, "target": 2}
    for node in network.nodes:
        attrs = {k: v for k, v in asdict(node).items() if v is not None and k != "id"}
        graph.add_node(node.id, layer=layers[node.role], **attrs)
    for edge in network.edges:
        graph.add_edge(edge.source, edge.target, relation=edge.relation, events=edge.events,
                       fatalities=edge.fatalities)
    return graph

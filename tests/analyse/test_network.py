"""The sponsor -> actor -> target network: counts from SQL, GraphML that reads back, a picture."""

from __future__ import annotations

import networkx as nx
import pytest
from sample_store import sample_store

from proxywatch.analyse.network import sponsor_network, to_networkx
from proxywatch.records import Article, Event, Evidence, Party
from proxywatch.serve.graph import layout, plot_network
from proxywatch.store import EventQuery, Store
from proxywatch.jobs import store_batch


@pytest.fixture()
def store(db):
    with sample_store(db) as s:
        yield s


def _edges(net):
    return {(e.source, e.target): (e.relation, e.events, e.fatalities) for e in net.edges}


def test_canonical_network_counts_the_merged_strike_once(store):
    net = sponsor_network(store)
    edges = _edges(net)
    assert net.events == 5
    assert edges[("sponsor:IRN", "actor:islamic-resistance-in-iraq")] == ("sponsors", 1, 3)
    assert edges[("actor:islamic-resistance-in-iraq", "target:us-military")] == ("targets", 1, 3)
    assert edges[("actor:us-military", "target:kataib-hezbollah")] == ("targets", 1, 16)
    roles = {n.id: n.role for n in net.nodes}
    assert roles["sponsor:IRN"] == "sponsor" and roles["actor:us-military"] == "actor"
    assert roles["target:us-military"] == "target"  # acting and targeted: one node per layer


def test_mentions_network_counts_each_report(store):
    edges = _edges(sponsor_network(store, source="mentions"))
    assert edges[("sponsor:IRN", "actor:islamic-resistance-in-iraq")] == ("sponsors", 2, 6)
    assert ("actor:gunmen@", "target:two farmers@") in edges  # no KB id: name @ country


def test_filters_narrow_the_network(store):
    net = sponsor_network(store, EventQuery(target_country="USA", type="ASSAULT"))
    assert net.events == 1
    assert set(_edges(net)) == {("sponsor:IRN", "actor:islamic-resistance-in-iraq"),
                                ("actor:islamic-resistance-in-iraq", "target:us-military")}
    assert sponsor_network(store, EventQuery(since="2030-01-01")).nodes == ()


def test_a_kb_id_joins_differently_written_actors_and_sponsors_are_per_event(db):
    def event(eid, text, sponsors):
        return Event(id=eid, article_id="a", type="ASSAULT", evidence=Evidence("s", 0, 1),
                     actor=Party(text, id="kh", name="Kata'ib Hezbollah", sponsors=sponsors),
                     target=Party("a base", country="USA", kind="military"))
    with Store(db) as store:
        store_batch(store, [(Article("a", "s"), [event("1", "KH", ("IRN",)), event("2", "Kataib Hizballah", ()),
                                                 event("3", "the brigades", ("IRN", "IRN"))])])
        net = sponsor_network(store, source="mentions")
    edges = _edges(net)
    assert [n.id for n in net.nodes if n.role == "actor"] == ["actor:kh"]
    assert edges[("sponsor:IRN", "actor:kh")] == ("sponsors", 2, 0)  # a repeated sponsor counts once
    assert edges[("actor:kh", "target:a base@USA")] == ("targets", 3, 0)


def test_graphml_reads_back_with_the_counts(store, tmp_path):
    net = sponsor_network(store, source="mentions")
    nx.write_graphml(to_networkx(net), tmp_path / "n.graphml")
    graph = nx.read_graphml(tmp_path / "n.graphml")
    assert graph.number_of_nodes() == len(net.nodes) and graph.number_of_edges() == len(net.edges)
    edge = graph.edges["sponsor:IRN", "actor:islamic-resistance-in-iraq"]
    assert (edge["relation"], edge["events"], edge["fatalities"]) == ("sponsors", 2, 6)
    node = graph.nodes["actor:islamic-resistance-in-iraq"]
    assert (node["label"], node["layer"], node["events"], node["kb_id"]) == (
        "Islamic Resistance in Iraq", 1, 2, "islamic-resistance-in-iraq")
    assert graph.nodes["sponsor:IRN"]["label"] == "Iran"


def test_json_has_nodes_and_edges(store):
    doc = sponsor_network(store).to_json()
    assert set(doc) == {"events", "nodes", "edges"}
    assert {"id", "role", "label", "events", "fatalities"} <= set(doc["nodes"][0])
    assert {"source", "target", "relation", "events", "fatalities"} == set(doc["edges"][0])


def test_picture_is_written_for_a_network_and_for_an_empty_one(store, tmp_path):
    png = plot_network(sponsor_network(store), tmp_path / "n.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = plot_network(sponsor_network(store, EventQuery(since="2030-01-01")), tmp_path / "n.html").read_text()
    assert "<svg" in page


def test_layout_puts_sponsors_left_actors_middle_targets_right_and_keeps_the_most_active(store):
    net = sponsor_network(store, source="mentions")
    pos, left_out = layout(net)
    assert left_out == 0 and set(pos) == {n.id for n in net.nodes}
    assert {pos[n.id][0] for n in net.nodes if n.role == "sponsor"} == {0.0}
    assert {pos[n.id][0] for n in net.nodes if n.role == "target"} == {2.0}
    actors = sorted((n for n in net.nodes if n.role == "actor"), key=lambda n: -pos[n.id][1])
    assert actors[0].id == "actor:islamic-resistance-in-iraq"  # under its sponsor, at the top
    pos, left_out = layout(net, top=2)
    assert left_out == 3 + 2 and sum(1 for n in pos if n.startswith("actor:")) == 2
    assert "target:us-military" in pos  # the most active target stays

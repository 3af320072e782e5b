"""Draw the sponsor -> actor -> target network in three columns (networkx drawing, matplotlib).

Sponsors are on the left, actors in the middle and targets on the right. Within a column, nodes
are ordered to keep edges short: sponsors by event count, actors under their sponsor, targets
next to the actors that hit them (the mean row of their actors). At most ``top`` actors and
``top`` targets are drawn (the most active); the caption says how many were left out.
"""

from __future__ import annotations

from pathlib import Path
from statistics import fmean

from proxywatch.analyse.network import Network, Node, to_networkx
from proxywatch.serve.figure import new_figure, save_figure

__all__ = ["plot_network", "layout"]

_COLOURS = {"sponsor": "#c0392b", "actor": "#2c7fb8", "target": "#7f8c8d"}
_COLUMNS = {"sponsor": 0.0, "actor": 1.0, "target": 2.0}


def _by_activity(nodes: list[Node]) -> list[Node]:
    return sorted(nodes, key=lambda n: (-n.events, n.label, n.id))


def layout(network: Network, top: int = 30) -> tuple[dict[str, tuple[float, float]], int]:
    """Positions of the drawn nodes (x = column, y = row, top row highest) and how many were left out."""
    roles: dict[str, list[Node]] = {"sponsor": [], "actor": [], "target": []}
    for node in network.nodes:
        roles[node.role].append(node)
    sponsors = _by_activity(roles["sponsor"])
    actors = _by_activity(roles["actor"])[:top]
    kept = {n.id for n in sponsors + actors}
    into: dict[str, list[str]] = {}
    for edge in network.edges:
        into.setdefault(edge.target, []).append(edge.source)
    targets = sorted(_by_activity(roles["target"]), key=lambda n: not any(s in kept for s in into.get(n.id, ())))
    targets = targets[:top]
    left_out = len(network.nodes) - len(sponsors) - len(actors) - len(targets)

    rank = {n.id: i for i, n in enumerate(sponsors)}
    actors.sort(key=lambda n: (min((rank[s] for s in into.get(n.id, ()) if s in rank), default=len(rank)),
                               -n.events, n.label))
    rank.update({n.id: i for i, n in enumerate(actors)})
    targets.sort(key=lambda n: (fmean([rank[s] for s in into.get(n.id, ()) if s in rank] or [len(actors)]),
                                -n.events, n.label))
    pos: dict[str, tuple[float, float]] = {}
    for column in (sponsors, actors, targets):
        for i, node in enumerate(column):
            pos[node.id] = (_COLUMNS[node.role], (len(column) - 1) / 2 - i)
    return pos, left_out


def plot_network(network: Network, path: Path, title: str = "proxywatch network", top: int = 30) -> Path:
    """Draw ``network`` to ``path`` (.png or .html); node size and edge width follow event counts."""
    import networkx as nx

    pos, left_out = layout(network, top)
    graph = to_networkx(network).subgraph(pos)
    rows = max((sum(1 for n in pos if n.startswith(r)) for r in _COLUMNS), default=1)
    fig = new_figure(width=12.0, height=max(4.0, 0.32 * rows + 1.5))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, pad=24)
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no events matched", ha="center", va="center", transform=ax.transAxes)
        return save_figure(fig, path, title)
    nodes = list(graph.nodes(data=True))
    top_events = max(d["events"] for _, d in nodes)
    sizes = [120 + 800 * d["events"] / top_events for _, d in nodes]
    nx.draw_networkx_nodes(graph, pos, nodelist=[n for n, _ in nodes], ax=ax, node_size=sizes,
                           node_color=[_COLOURS[d["role"]] for _, d in nodes], alpha=0.85)
    edges = list(graph.edges(data=True))
    heaviest = max((d["events"] for *_, d in edges), default=1)
    nx.draw_networkx_edges(graph, pos, edgelist=[(a, b) for a, b, _ in edges], ax=ax, alpha=0.45, arrows=True,
                           width=[0.8 + 4.0 * d["events"] / heaviest for *_, d in edges], arrowsize=10,
                           nodelist=[n for n, _ in nodes], node_size=sizes)
    labels = {n: f"{d['label']} ({d['events']})" for n, d in nodes}
    nx.draw_networkx_labels(graph, pos, labels=labels, ax=ax, font_size=8)
    for role, x in _COLUMNS.items():
        ax.annotate(f"{role}s", xy=(x, 1.0), xycoords=("data", "axes fraction"), ha="center", va="bottom",
                    fontsize=10, fontweight="bold", color=_COLOURS[role])
    if left_out:
        ax.annotate(f"{left_out} less active actors and targets not drawn", xy=(0.5, 0.0),
                    xycoords="axes fraction", ha="center", va="top", fontsize=8, color="#555555")
    ax.set_xlim(-0.5, 2.5)
    ax.margins(y=0.05)
    return save_figure(fig, path, title)

"""Draw the sponsor -> actor -> target network in three columns (networkx layout, matplotlib)."""

from __future__ import annotations

from pathlib import Path

from proxywatch.analyse.network import Network, to_networkx
from proxywatch.serve.figure import new_figure, save_figure

__all__ = ["plot_network"]

_COLOURS = {0: "#c0392b", 1: "#2c7fb8", 2: "#7f8c8d"}


def plot_network(network: Network, path: Path, title: str = "proxywatch network") -> Path:
    """Sponsors left, actors middle, targets right; node size and edge width follow event counts."""
    import networkx as nx

    graph = to_networkx(network)
    rows = max((sum(1 for n in network.nodes if n.role == r) for r in ("sponsor", "actor", "target")), default=1)
    fig = new_figure(width=11.0, height=max(4.0, 0.45 * rows + 1.5))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, pad=24)
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no events matched", ha="center", va="center", transform=ax.transAxes)
        return save_figure(fig, path, title)
    pos = nx.multipartite_layout(graph, subset_key="layer", align="vertical")
    top = max(data["events"] for _, data in graph.nodes(data=True))
    sizes = [150 + 900 * data["events"] / top for _, data in graph.nodes(data=True)]
    colours = [_COLOURS[data["layer"]] for _, data in graph.nodes(data=True)]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes, node_color=colours, alpha=0.85)
    heaviest = max((d["events"] for *_, d in graph.edges(data=True)), default=1)
    widths = [0.8 + 4.0 * d["events"] / heaviest for *_, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, alpha=0.5, arrows=True, arrowsize=12,
                           node_size=sizes)
    labels = {node: f"{data['label']} ({data['events']})" for node, data in graph.nodes(data=True)}
    nx.draw_networkx_labels(graph, pos, labels=labels, ax=ax, font_size=8)
    for layer, name in ((0, "sponsors"), (1, "actors"), (2, "targets")):
        xs = [pos[n][0] for n, d in graph.nodes(data=True) if d["layer"] == layer]
        if xs:
            ax.annotate(name, xy=(xs[0], 1.0), xycoords=("data", "axes fraction"), ha="center", va="bottom",
                        fontsize=10, fontweight="bold", color=_COLOURS[layer])
    ax.margins(0.25, 0.08)
    return save_figure(fig, path, title)

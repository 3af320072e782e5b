"""The ``export`` and ``network`` commands: thin wrappers over importable functions (see proxywatch.clikit)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

import typer

from proxywatch.clikit import (
    ActorOpt,
    ConfigOpt,
    CountryOpt,
    DbOpt,
    PlotOpt,
    SinceOpt,
    SourceChoice,
    SourceOpt,
    SponsorOpt,
    TargetCountryOpt,
    TypeOpt,
    UntilOpt,
    app,
    check_plot,
    err,
    event_query,
    guard,
    open_existing,
    settings_from,
    stdout_console,
)
from proxywatch.errors import ProxywatchError
from proxywatch.serve.formats import EXPORT_FORMATS, EXPORT_SOURCES
from proxywatch.serve.output import atomic_output, check_output_path, is_stdout
from proxywatch.serve.terminal import json_text

if TYPE_CHECKING:  # heavy: imported where used, so that --help starts fast
    from rich.table import Table

    from proxywatch.analyse.network import Network

__all__ = ["export", "network", "write_network"]

ExportFormat = Enum("ExportFormat", {f: f for f in EXPORT_FORMATS}, type=str)
ExportSource = Enum("ExportSource", {s.replace("-", "_"): s for s in EXPORT_SOURCES}, type=str)


class NetworkFormat(str, Enum):
    table = "table"
    json = "json"
    graphml = "graphml"


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f",
                                        help="csv, jsonl, parquet, geojson, acled, plover or polecat (TSV)"),
    output: Path = typer.Option(..., "--output", "-o", help="file to write (replaced when the export completes; "
                                "never a device, folder, link or database), - for standard output, or with "
                                "--partition-by a new folder"),
    source: ExportSource = typer.Option(
        "canonical", "--source",
        help="canonical (merged events), mentions (single occurred mentions) or all-mentions (every stored record)"),
    keep_unlocated: bool = typer.Option(
        False, "--keep-unlocated",
        help="geojson: keep events without coordinates as features with a null geometry (default: leave them "
             "out and say how many)"),
    db: Optional[str] = DbOpt,
    type: Optional[str] = TypeOpt,
    actor: Optional[str] = ActorOpt,
    sponsor: Optional[str] = SponsorOpt,
    country: Optional[str] = CountryOpt,
    target_country: Optional[str] = TargetCountryOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    partition_by: Optional[str] = typer.Option(
        None, "--partition-by", help="month: write an event lake, a folder of Parquet files per month of the start "
                                     "date, with each record (and its article), which `ingest-events` reads back"),
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Write the selected events to a file in a standard format (see docs/exports.md)."""
    from proxywatch.serve.export import check_lake_path, export_events

    with guard():
        settings = settings_from(config, db=db)
        query = event_query(type, actor, sponsor, country, since, until, target_country)
        if partition_by is not None:
            if format.value != "parquet":
                raise ProxywatchError("--partition-by writes Parquet: use it with --format parquet")
            check_lake_path(output)
        else:
            check_output_path(output, protect=[settings.db])
            if is_stdout(output) and format.value == "parquet" and sys.stdout.isatty():
                raise ProxywatchError("--format parquet is binary: redirect standard output to a file, or give "
                                      "-o FILE")
        with open_existing(settings.db) as store:
            result = export_events(store, format.value, output, query, source.value, keep_unlocated=keep_unlocated,
                                   partition_by=partition_by)
        if result.note:
            err.print(f"note: {result.note}", markup=False)
        where = "standard output" if is_stdout(output) else result.path
        err.print(f"{result.rows} events written to {where} ({result.format}, source {source.value})", markup=False)


def _network_table(net: Network) -> Table:
    from rich.table import Table

    labels = {n.id: f"{n.label} ({n.country})" if n.country and n.role != "sponsor" else n.label for n in net.nodes}
    table = Table(header_style="bold", title=f"{net.events} events, {len(net.nodes)} nodes, {len(net.edges)} edges")
    for column in ("from", "relation", "to", "events", "fatalities"):
        table.add_column(column, overflow="fold", justify="right" if column in ("events", "fatalities") else "left")
    for edge in sorted(net.edges, key=lambda e: (e.relation != "sponsors", -e.events, e.source, e.target)):
        table.add_row(labels[edge.source], edge.relation, labels[edge.target], str(edge.events), str(edge.fatalities))
    return table


def write_network(net: Network, fmt: str, output: Optional[Path], protect: Sequence[str] = ()) -> None:
    """Print or write the network: a table, JSON (nodes and edges) or GraphML. With ``output`` (``-`` is
    standard output) it goes through :func:`atomic_output`; without, a table or JSON goes to standard output."""
    if output is None:
        if fmt == "json":
            sys.stdout.write(json_text(net.to_json(), indent=2) + "\n")
        else:
            stdout_console().print(_network_table(net))
        return
    with atomic_output(output, protect) as part:
        if fmt == "graphml":
            import networkx as nx

            from proxywatch.analyse.network import to_networkx

            nx.write_graphml(to_networkx(net), part)
        elif fmt == "json":
            part.write_text(json_text(net.to_json(), indent=2) + "\n", encoding="utf-8")
        else:
            from proxywatch.serve.console import console_for

            with open(part, "w", encoding="utf-8") as handle:  # as wide as its rows: labels never wrapped
                console_for(handle).print(_network_table(net))


@app.command()
def network(
    db: Optional[str] = DbOpt,
    type: Optional[str] = TypeOpt,
    actor: Optional[str] = ActorOpt,
    sponsor: Optional[str] = SponsorOpt,
    country: Optional[str] = CountryOpt,
    target_country: Optional[str] = TargetCountryOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    source: SourceChoice = SourceOpt,
    format: NetworkFormat = typer.Option(NetworkFormat.table, "--format", "-f", help="table, json or graphml"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="write here instead of standard output"),
    plot: Optional[Path] = PlotOpt,
    top: int = typer.Option(30, "--top", min=1, help="--plot draws at most this many actors and targets (the most "
                            "active); --format output is always complete"),
    config: Optional[Path] = ConfigOpt,
) -> None:
    """The sponsor -> actor -> target network with event and fatality counts."""
    from proxywatch.analyse.network import sponsor_network

    with guard():
        settings = settings_from(config, db=db)
        query = event_query(type, actor, sponsor, country, since, until, target_country)
        if format is NetworkFormat.graphml and output is None:
            raise ProxywatchError("--format graphml writes a file: give --output FILE.graphml")
        if output is not None:
            check_output_path(output, protect=[settings.db])
        check_plot(plot)
        with open_existing(settings.db) as store:
            net = sponsor_network(store, query, source.value)
        if net.events == 0:
            err.print("note: no events matched the filters; the network is empty", markup=False)
        write_network(net, format.value, output, protect=[settings.db])
        if plot is not None:
            from proxywatch.serve.graph import plot_network

            plot_network(net, plot, top=top)
            err.print(f"network drawn to {plot}", markup=False)
        if output is not None:
            where = "standard output" if is_stdout(output) else output
            err.print(f"{len(net.nodes)} nodes, {len(net.edges)} edges written to {where}", markup=False)

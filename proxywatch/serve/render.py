"""Render records for people and programs: JSON Lines, CSV and Rich tables."""

from __future__ import annotations

import csv
import json
from typing import Iterable, TextIO

from rich.console import Console
from rich.table import Table

from proxywatch.analyse.summary import ActorCount, TypeMonth
from proxywatch.records import Count, Event, Party

__all__ = ["FORMATS", "EVENT_COLUMNS", "event_row", "write_events", "type_month_table", "actors_table"]

FORMATS = ("table", "csv", "jsonl")
EVENT_COLUMNS = (
    "date", "type", "mode", "status", "negated", "actor", "actor_sponsors", "target", "location",
    "location_country", "fatalities", "injuries", "aggregate", "confidence", "article_id", "id", "evidence",
)


def _party(party: Party | None) -> str:
    if party is None:
        return ""
    label = party.name or party.text
    return f"{label} ({party.country})" if party.country else label


def _count(count: Count | None) -> str:
    if count is None:
        return ""
    if count.max is None:
        return f"{count.min}+"
    return str(count.min) if count.min == count.max else f"{count.min}-{count.max}"


def event_row(event: Event) -> dict[str, str]:
    """One event as flat strings, for tables and CSV."""
    date = event.date
    when = ""
    if date is not None:
        when = date.start or "?"
        if date.end and date.end != date.start:
            when += f"..{date.end}"
    loc = event.location
    return {
        "date": when, "type": event.type, "mode": event.mode or "", "status": event.status,
        "negated": "yes" if event.negated else "", "actor": _party(event.actor),
        "actor_sponsors": " ".join(event.actor.sponsors) if event.actor else "",
        "target": _party(event.target), "location": (loc.name or loc.text) if loc else "",
        "location_country": (loc.country or "") if loc else "", "fatalities": _count(event.fatalities),
        "injuries": _count(event.injuries), "aggregate": _count(event.aggregate),
        "confidence": f"{event.confidence:.2f}", "article_id": event.article_id, "id": event.id,
        "evidence": event.evidence.text,
    }


def write_events(events: Iterable[Event], fmt: str, out: TextIO, console: Console | None = None) -> int:
    """Write events in ``fmt``; return how many were written."""
    n = 0
    if fmt == "jsonl":
        for n, event in enumerate(events, start=1):
            out.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
        return n
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for n, event in enumerate(events, start=1):
            writer.writerow(event_row(event))
        return n
    table = Table(show_lines=False, header_style="bold")
    shown = ("date", "type", "mode", "status", "actor", "actor_sponsors", "target", "location", "fatalities",
             "aggregate", "article_id")
    for column in shown:
        table.add_column(column.replace("actor_sponsors", "sponsors"), overflow="fold")
    for n, event in enumerate(events, start=1):
        row = event_row(event)
        if row["negated"]:
            row["status"] += " (negated)"
        table.add_row(*(row[c] for c in shown))
    (console or Console(file=out)).print(table)
    return n


def type_month_table(rows: list[TypeMonth]) -> Table:
    """Months down, event types across (types are fewer than months)."""
    types = sorted({r.type for r in rows})
    months = sorted({r.month for r in rows if r.month}) + ([None] if any(r.month is None for r in rows) else [])
    table = Table(title="Events that occurred, by month and type", header_style="bold")
    table.add_column("month", no_wrap=True)
    for type_ in types:
        table.add_column(type_, justify="right", no_wrap=True)
    table.add_column("total", justify="right")
    cells = {(r.month, r.type): r.events for r in rows}
    for month in months:
        values = [cells.get((month, t), 0) for t in types]
        table.add_row(month or "undated", *(str(v) if v else "." for v in values), str(sum(values)))
    return table


def actors_table(rows: list[ActorCount]) -> Table:
    table = Table(title="Top actors", header_style="bold")
    table.add_column("actor")
    table.add_column("sponsors")
    table.add_column("events", justify="right")
    for row in rows:
        table.add_row(row.actor, " ".join(row.sponsors), str(row.events))
    return table

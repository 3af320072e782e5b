"""Render records for people and programs: JSON Lines, CSV and Rich tables."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, TextIO

from rich.console import Console
from rich.table import Table

from proxywatch.evaluate.scoring import FIELDS as FIELD_ORDER
from proxywatch.evaluate.scoring import ScoreReport
from proxywatch.analyse.summary import ActorCount, TypeMonth
from proxywatch.records import Count, Event, Party
from proxywatch.serve.cells import csv_writer

__all__ = ["FORMATS", "EVENT_COLUMNS", "event_row", "write_events", "type_month_table", "actors_table", "render_report",
           "render_benchmark"]

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
    if fmt == "csv":  # cells a spreadsheet would run as formulas are neutralised (serve/cells.py)
        writer = csv_writer(out)
        writer.writerow(EVENT_COLUMNS)
        for n, event in enumerate(events, start=1):
            row = event_row(event)
            writer.writerow([row[c] for c in EVENT_COLUMNS])
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


def render_report(report: ScoreReport, console: Console, show: int = 25) -> None:
    """The evaluation report: detection, per-field accuracy, then misses, false positives, field errors."""
    head = Table(title="Detection (contract section 4)", header_style="bold")
    for column in ("articles", "gold", "predicted", "paired", "precision", "recall", "F1", "fully correct",
                   "headline"):
        head.add_column(column, justify="right")
    head.add_row(str(report.articles), str(report.gold), str(report.predicted), str(report.paired),
                 f"{report.precision:.3f}", f"{report.recall:.3f}", f"{report.f1:.3f}",
                 str(report.fully_correct), f"{report.headline:.3f}")
    console.print(head)
    fields = Table(title="Field accuracy over paired events", header_style="bold")
    for column in ("field", "correct", "scored", "accuracy"):
        fields.add_column(column, justify="right" if column != "field" else "left")
    for name in FIELD_ORDER:
        total = report.field_total.get(name, 0)
        if total:
            fields.add_row(name, str(report.field_correct.get(name, 0)), str(total), f"{report.accuracy(name):.3f}")
    if report.field_accuracy is not None:
        fields.add_row("all fields", str(sum(report.field_correct.values())), str(sum(report.field_total.values())),
                       f"{report.field_accuracy:.3f}")
    console.print(fields)
    for title, rows in (
        ("Misses (gold events not found)", [f"{m.article_id}: {m.type} «{m.anchor}»" for m in report.misses]),
        ("False positives", [f"{f.article_id}: {f.type} «{f.evidence[:120]}»" for f in report.false_positives]),
        ("Field errors", [f"{e.article_id}: {e.field} gold={e.gold!r} predicted={e.predicted!r} «{e.anchor}»"
                          for e in report.field_errors]),
    ):
        if rows and show:
            console.print(f"[bold]{title}[/] ({len(rows)})")
            for row in rows[:show]:
                console.print("  " + row, markup=False, highlight=False)
            if len(rows) > show:
                console.print(f"  … {len(rows) - show} more (--show N)")


def _flat(prefix: str, value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flat(f"{prefix}.{key}" if prefix else str(key), inner)
    elif not isinstance(value, list):
        yield prefix, "—" if value is None else str(value)


def render_benchmark(result: dict[str, Any], console: Console) -> None:
    """A benchmark run: what was scored, detection (overall and per type), fields, and what it cannot score."""
    head = Table(title=f"{result['dataset']} · {result['split']} ({result['level']} level)", header_style="bold")
    for column in ("items", "words", "seconds"):
        head.add_column(column, justify="right")
    head.add_row(str(result["items"]), str(result["words"]), f"{result['seconds']:.1f}")
    console.print(head)
    scores = result["scores"]
    if "types" in scores:  # the contract scorer's report
        table = Table(title="Detection", header_style="bold")
        for column in ("type", "gold", "predicted", "paired", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "type" else "right")
        for name, row in scores["types"].items():
            table.add_row(name, str(row["gold"]), str(row["predicted"]), str(row["paired"]),
                          f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}")
        table.add_row("all", str(scores["gold"]), str(scores["predicted"]), str(scores["paired"]),
                      f"{scores['precision']:.3f}", f"{scores['recall']:.3f}", f"{scores['f1']:.3f}", style="bold")
        console.print(table)
        fields = Table(title="Field accuracy over paired events", header_style="bold")
        for column in ("field", "correct", "scored", "accuracy"):
            fields.add_column(column, justify="left" if column == "field" else "right")
        for name, row in scores["fields"].items():
            fields.add_row(name, str(row["correct"]), str(row["total"]), f"{row['accuracy']:.3f}")
        console.print(fields)
    else:
        table = Table(title="Scores", header_style="bold")
        table.add_column("measure")
        table.add_column("value", justify="right")
        for key, value in _flat("", scores):
            table.add_row(key, value)
        console.print(table)
    console.print(f"[bold]Variant and limits:[/] {result['cannot_score']}", highlight=False)
    if result["test_only"] or result["split"] == "test":
        console.print("[yellow]Test split: for reporting only, never for tuning.[/]")

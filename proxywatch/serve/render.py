"""Render records for people and programs: JSON Lines, CSV and Rich tables."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from proxywatch.evaluate.scoring import ScoreReport, detection
from proxywatch.analyse.summary import ActorCount, TypeMonth
from proxywatch.records import Count, Event, Party
from proxywatch.serve.cells import csv_writer
from proxywatch.serve.console import console_for
from proxywatch.serve.terminal import json_text

__all__ = ["FORMATS", "EVENT_COLUMNS", "event_row", "write_events", "type_month_table", "actors_table", "render_report",
           "render_benchmark", "detection_table", "fields_table"]

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
            out.write(json_text(event.to_json()) + "\n")
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
    (console or console_for(out)).print(table)
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


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.1f}%"


def detection_table(scores: dict[str, Any], title: str = "Detection per type") -> tuple[Table, str | None]:
    """Per-type P/R/F1 from a scorer report (``ScoreReport.to_json()``): one row per type with at least
    ``type_min_gold`` gold events, one row for all the other types together, then the total. Returns the
    table and a note naming the types in the "other" row."""
    minimum = scores.get("type_min_gold", 0)
    table = Table(title=title, header_style="bold")
    for column in ("type", "gold", "predicted", "paired", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")

    def row(name: str, gold: int, predicted: int, paired: int, **style: str) -> None:
        p, r, f1 = detection(paired, predicted, gold)
        table.add_row(name, str(gold), str(predicted), str(paired), f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}", **style)

    others = {name: t for name, t in scores["types"].items() if t["gold"] < minimum}
    for name, t in scores["types"].items():
        if name not in others:
            row(name, t["gold"], t["predicted"], t["paired"])
    note = None
    if others:
        row(f"other types ({len(others)})", *(sum(t[k] for t in others.values()) for k in ("gold", "predicted", "paired")),
            style="dim")
        note = (f"other: types with fewer than {minimum} gold events (gold/predicted/paired): "
                + ", ".join(f"{n} {t['gold']}/{t['predicted']}/{t['paired']}" for n, t in others.items()))
    row("all", scores["gold"], scores["predicted"], scores["paired"], style="bold")
    return table, note


def fields_table(scores: dict[str, Any]) -> Table:
    """Per scored field (contract 4.4 and 4.6): correct, missing, confidently wrong, and the totals."""
    table = Table(title="Fields over paired events (missing: predicted null; wrong: a different value)",
                  header_style="bold")
    for column in ("field", "scored", "correct", "accuracy", "missing", "confidently wrong"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, f in scores["fields"].items():
        table.add_row(name, str(f["total"]), str(f["correct"]), f"{f['accuracy']:.3f}",
                      f"{f['missing']} ({_pct(f['missing_share'])})",
                      f"{f['confidently_wrong']} ({_pct(f['confidently_wrong_share'])})")
    total = scores.get("scored_fields")
    if total:
        table.add_row("all fields", str(total), str(total - scores["missing"] - scores["confidently_wrong"]),
                      f"{scores['field_accuracy']:.3f}", f"{scores['missing']} ({_pct(scores['missing_share'])})",
                      f"{scores['confidently_wrong']} ({_pct(scores['confidently_wrong_share'])})", style="bold")
    return table


def _print_scores(scores: dict[str, Any], console: Console) -> None:
    table, note = detection_table(scores)
    console.print(table)
    if note:
        console.print(note, markup=False, highlight=False)
    console.print(fields_table(scores))


def render_report(report: ScoreReport, console: Console, show: int = 25) -> None:
    """The evaluation report: detection (overall and per type), per-field accuracy, missing and confidently
    wrong, then misses, false positives and field errors."""
    scores = report.to_json()
    head = Table(title="Detection (contract section 4)", header_style="bold")
    for column in ("articles", "gold", "predicted", "paired", "precision", "recall", "F1", "fully correct",
                   "headline", "field accuracy", "confidently wrong"):
        head.add_column(column, justify="right")
    head.add_row(str(report.articles), str(report.gold), str(report.predicted), str(report.paired),
                 f"{report.precision:.3f}", f"{report.recall:.3f}", f"{report.f1:.3f}",
                 str(report.fully_correct), f"{report.headline:.3f}",
                 "—" if report.field_accuracy is None else f"{report.field_accuracy:.3f}",
                 _pct(report.confidently_wrong_share))
    console.print(head)
    _print_scores(scores, console)
    for title, rows in (
        ("Misses (gold events not found)", [f"{m.article_id}: {m.type} «{m.anchor}»" for m in report.misses]),
        ("False positives", [f"{f.article_id}: {f.type} «{f.evidence[:120]}»" for f in report.false_positives]),
        ("Field errors", [f"{e.article_id}: {e.field} {e.kind.replace('_', ' ')}: gold={e.gold!r} "
                          f"predicted={e.predicted!r} «{e.anchor}»" for e in report.field_errors]),
    ):
        if rows and show:
            console.print(f"[bold]{title}[/] ({len(rows)})", markup=True)
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
        _print_scores(scores, console)
    else:
        table = Table(title="Scores", header_style="bold")
        table.add_column("measure")
        table.add_column("value", justify="right")
        for key, value in _flat("", scores):
            table.add_row(key, value)
        console.print(table)
    console.print(f"[bold]Variant and limits:[/] {escape(result['cannot_score'])}", markup=True, highlight=False)
    if result["test_only"] or result["split"] == "test":
        console.print("[yellow]Test split: for reporting only, never for tuning.[/]", markup=True)

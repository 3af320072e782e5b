"""Render canonical event records (``proxywatch.canonical/1``): JSON Lines, CSV and a Rich table."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, TextIO

from rich.console import Console
from rich.table import Table

from proxywatch.serve.cells import csv_writer
from proxywatch.serve.console import console_for
from proxywatch.serve.terminal import json_text

__all__ = ["CANONICAL_CSV_COLUMNS", "canonical_row", "write_canonical"]

CANONICAL_CSV_COLUMNS = (
    "date", "type", "mode", "actor", "actor_sponsors", "target", "location", "location_country",
    "fatalities_low", "fatalities_best", "fatalities_high", "injuries_low", "injuries_best", "injuries_high",
    "mentions", "sources", "id", "article_ids", "mention_ids",
)
_TABLE = ("date", "type", "mode", "actor", "actor_sponsors", "target", "location", "fatalities", "mentions",
          "sources", "id")


def _party(party: Mapping[str, Any] | None) -> str:
    if not party:
        return ""
    label = party.get("name") or party.get("text") or ""
    return f"{label} ({party['country']})" if party.get("country") else label


def _low_best_high(counts: Mapping[str, Any] | None) -> str:
    """"3" when every report agrees, else "low-high (best b)"; an open high is "+"."""
    if not counts:
        return ""
    low, best, high = counts["low"], counts["best"], counts["high"]
    if low == high:
        return str(low)
    return f"{low}-{'' if high is None else high} (best {best})"


def canonical_row(record: Mapping[str, Any]) -> dict[str, str]:
    """One canonical record as flat strings, for tables and CSV."""
    day = record.get("date") or {}
    when = day.get("start") or ""
    if day.get("end") and day["end"] != day.get("start"):
        when += f"..{day['end']}"
    loc = record.get("location") or {}
    row = {
        "date": when, "type": record["type"], "mode": record.get("mode") or "",
        "actor": _party(record.get("actor")),
        "actor_sponsors": " ".join((record.get("actor") or {}).get("sponsors") or ()),
        "target": _party(record.get("target")), "location": loc.get("name") or loc.get("text") or "",
        "location_country": loc.get("country") or "", "fatalities": _low_best_high(record.get("fatalities")),
        "mentions": str(record["mentions"]), "sources": str(record["sources"]), "id": record["id"],
        "article_ids": " ".join(record["article_ids"]), "mention_ids": " ".join(record["mention_ids"]),
    }
    for name in ("fatalities", "injuries"):
        counts = record.get(name) or {}
        for part in ("low", "best", "high"):
            value = counts.get(part)
            row[f"{name}_{part}"] = "" if value is None else str(value)
    return row


def write_canonical(records: Iterable[Mapping[str, Any]], fmt: str, out: TextIO,
                    console: Console | None = None) -> int:
    """Write canonical records in ``fmt`` (table, csv or jsonl); return how many were written."""
    n = 0
    if fmt == "jsonl":
        for n, record in enumerate(records, start=1):
            out.write(json_text(record) + "\n")
        return n
    if fmt == "csv":  # cells a spreadsheet would run as formulas are neutralised (serve/cells.py)
        writer = csv_writer(out)
        writer.writerow(CANONICAL_CSV_COLUMNS)
        for n, record in enumerate(records, start=1):
            row = canonical_row(record)
            writer.writerow([row[c] for c in CANONICAL_CSV_COLUMNS])
        return n
    table = Table(header_style="bold")
    for column in _TABLE:
        table.add_column(column.replace("actor_sponsors", "sponsors"), overflow="fold",
                         justify="right" if column in ("mentions", "sources") else "left")
    for n, record in enumerate(records, start=1):
        row = canonical_row(record)
        table.add_row(*(row[c] for c in _TABLE))
    (console or console_for(out)).print(table)
    return n

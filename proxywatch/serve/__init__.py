"""Serve: render records and answers for people (tables) and programs (JSON Lines, CSV)."""

from proxywatch.serve.render import (
    EVENT_COLUMNS,
    FORMATS,
    actors_table,
    event_row,
    render_report,
    type_month_table,
    write_events,
)

__all__ = [
    "EVENT_COLUMNS", "FORMATS", "actors_table", "event_row", "render_report", "type_month_table", "write_events",
]

"""Serve: render records and answers for people (tables) and programs (JSON Lines, CSV).
(Names are imported on first use.)"""

from proxywatch.lazy import lazy_attributes

__getattr__, __dir__, __all__ = lazy_attributes(__name__, {
    "proxywatch.serve.render": ("EVENT_COLUMNS", "FORMATS", "actors_table", "event_row", "render_report",
                                "type_month_table", "write_events"),
})

"""Store: the DuckDB database of articles and events, written through one path."""

from proxywatch.store.duck import EVENT_COLUMNS, EventQuery, Store

__all__ = ["Store", "EventQuery", "EVENT_COLUMNS"]

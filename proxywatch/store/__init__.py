"""Store: articles, events and canonical events in DuckDB (default) or PostgreSQL, written in bulk."""

from proxywatch.store.base import EVENT_COLUMNS, EventQuery, Store, is_postgres

__all__ = ["Store", "EventQuery", "EVENT_COLUMNS", "is_postgres"]

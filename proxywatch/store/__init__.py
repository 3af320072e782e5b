"""Store: articles, events and canonical events in DuckDB (default) or PostgreSQL, written in bulk."""

from proxywatch.store.base import EVENT_COLUMNS, BatchRows, EventQuery, Store, batch_rows, is_postgres
from proxywatch.store import pg, duck  # noqa: F401,E402  (each registers its backend; PostgreSQL first)

__all__ = ["Store", "BatchRows", "batch_rows", "EventQuery", "EVENT_COLUMNS", "is_postgres"]

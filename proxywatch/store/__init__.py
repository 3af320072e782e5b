"""Store: articles, events and canonical events in DuckDB (default) or PostgreSQL, written in bulk.

Names are imported on first use; ``Store(db)`` imports the backends (:func:`load_backends`) the
first time it is called, so ``proxywatch.store.relations`` and the like stay light.
"""

from proxywatch.lazy import lazy_attributes

__getattr__, __dir__, __all__ = lazy_attributes(__name__, {
    "proxywatch.store.base": ("Store", "BatchRows", "batch_rows", "EventQuery", "EVENT_COLUMNS", "is_postgres"),
})
__all__ += ["load_backends"]


def load_backends() -> None:
    """Import every backend module; each registers itself with ``Store`` (PostgreSQL first)."""
    from proxywatch.store import pg, duck  # noqa: F401

"""Analyse: pure functions over the store, computed in SQL. (Names are imported on first use.)"""

from proxywatch.lazy import lazy_attributes

__getattr__, __dir__, __all__ = lazy_attributes(__name__, {
    "proxywatch.analyse.summary": ("ActorCount", "TypeMonth", "events_by_type_and_month", "top_actors"),
})

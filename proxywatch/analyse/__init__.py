"""Analyse: pure functions over the store, computed in SQL."""

from proxywatch.analyse.summary import ActorCount, TypeMonth, events_by_type_and_month, top_actors

__all__ = ["ActorCount", "TypeMonth", "events_by_type_and_month", "top_actors"]

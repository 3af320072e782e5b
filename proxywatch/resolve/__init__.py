"""Resolve: link mentions to the knowledge base (actors, sponsors, places)."""

from proxywatch.resolve.kb import Actor, Gazetteer, KnowledgeBase, PlaceEntry, Sponsorship, load_kb, normalize
from proxywatch.resolve.parties import resolve_party

__all__ = [
    "Actor", "Gazetteer", "KnowledgeBase", "PlaceEntry", "Sponsorship", "load_kb", "normalize", "resolve_party",
]

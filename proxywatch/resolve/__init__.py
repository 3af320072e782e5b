"""Resolve: link mentions to the knowledge base (actors, sponsors, places)."""

from proxywatch.resolve.check import CheckReport, check_kb
from proxywatch.resolve.gazetteer import Gazetteer, PlaceEntry
from proxywatch.resolve.kb import Actor, KnowledgeBase, Link, Sponsorship, load_kb
from proxywatch.resolve.names import fold, normalize
from proxywatch.resolve.parties import resolve_party

__all__ = [
    "Actor", "CheckReport", "Gazetteer", "KnowledgeBase", "Link", "PlaceEntry", "Sponsorship", "check_kb", "fold",
    "load_kb", "normalize", "resolve_party",
]

"""Resolve: link mentions to the knowledge base (actors, sponsors, places). (Names are imported on first use.)"""

from proxywatch.lazy import lazy_attributes

__getattr__, __dir__, __all__ = lazy_attributes(__name__, {
    "proxywatch.resolve.check": ("CheckReport", "check_kb"),
    "proxywatch.resolve.gazetteer": ("Gazetteer", "PlaceEntry"),
    "proxywatch.resolve.kb": ("Actor", "KnowledgeBase", "Link", "Sponsorship", "load_kb"),
    "proxywatch.resolve.names": ("fold", "normalize"),
    "proxywatch.resolve.parties": ("resolve_party",),
})

"""What the analysis commands count: canonical events (default) or single mentions.

The SQL relations live with the rest of the SQL in :mod:`proxywatch.store.relations`; this
module keeps the names the analysis modules import.
"""

from __future__ import annotations

from proxywatch.store.relations import SOURCES, Source, relation

__all__ = ["Source", "SOURCES", "relation"]

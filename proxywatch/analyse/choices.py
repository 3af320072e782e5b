"""The names the analysis options take: periods of a series and breakdowns of a trend.

Light on purpose (no DuckDB, no pydantic): the command line builds its ``--by`` and ``--split``
choices from these names at start-up, and :mod:`proxywatch.analyse.series` imports them from here,
so flags and functions cannot drift apart. What is counted (``--source``) is
:data:`proxywatch.analyse.source.SOURCES`.
"""

from __future__ import annotations

__all__ = ["PERIODS", "SPLITS"]

PERIODS = ("day", "week", "month")

# Breakdown name → SQL expression over alias ``e``. ``sponsor`` is a list column: events are
# grouped by the whole list first and the (few) grouped rows are unnested afterwards.
SPLITS: dict[str, str] = {
    "type": "e.type",
    "actor": "coalesce(e.actor_name, e.actor_text)",
    "sponsor": "e.actor_sponsors",
    "target": "coalesce(e.target_name, e.target_text)",
    "target-country": "e.target_country",
    "country": "e.location_country",
}

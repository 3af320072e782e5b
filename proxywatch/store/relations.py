"""What the analysis commands count, as SQL relations: canonical events (default) or single mentions.

Both relations have the filter columns of ``events`` (so :meth:`EventQuery.where` applies with
alias ``e``) plus ``fatalities_low/best/high`` and ``injuries_low/best/high``. ``mentions`` keeps
only single, occurred, non-negated mentions: aggregates ("over 100 attacks"), negated, planned,
threatened, denied and hypothetical mentions are never counted as events.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["Source", "SOURCES", "relation"]

Source = Literal["canonical", "mentions"]
SOURCES: tuple[str, ...] = ("canonical", "mentions")

_COMMON = (
    "type, mode, actor_text, actor_id, actor_name, actor_country, actor_kind, actor_sponsors, "
    "target_text, target_id, target_name, target_country, target_kind, target_sponsors, "
    "location_name, location_country, location_admin1, lat, lon, location_precision, "
    "date_start, date_end, date_precision"
)

_MENTIONS = (
    f"(SELECT id, {_COMMON}, "
    "fatalities_min AS fatalities_low, fatalities_min AS fatalities_best, fatalities_max AS fatalities_high, "
    "injuries_min AS injuries_low, injuries_min AS injuries_best, injuries_max AS injuries_high, "
    "1 AS mentions, 1 AS sources, article_id "
    "FROM events WHERE status = 'occurred' AND NOT negated "
    "AND aggregate_min IS NULL AND aggregate_max IS NULL)"
)

_CANONICAL = (
    f"(SELECT id, {_COMMON}, fatalities_low, fatalities_best, fatalities_high, "
    "injuries_low, injuries_best, injuries_high, mentions, sources, NULL AS article_id "
    "FROM canonical_events)"
)


def relation(source: str = "canonical") -> str:
    """A SQL relation (parenthesised subquery) to use as ``FROM {relation} e``."""
    if source == "canonical":
        return _CANONICAL
    if source == "mentions":
        return _MENTIONS
    raise ValueError(f"source must be one of {', '.join(SOURCES)}, got {source!r}")

"""Request parameters shared by the API and the pages: the common filters and the source, named as in the CLI.

Each is declared once (so the OpenAPI schema documents it) and checked by the same function the CLI
uses (:func:`proxywatch.store.filters.checked_query`); an empty value (a blank form field) means any.
"""

from __future__ import annotations

from typing import Literal, Optional

from fastapi import Query

from proxywatch.analyse.source import SOURCES
from proxywatch.store.base import PAGE_SOURCES, EventQuery
from proxywatch.store.filters import checked_query

__all__ = ["filters", "blank", "Source", "ListSource", "FILTER_NAMES"]

Source = Literal[SOURCES]  # type: ignore[valid-type]  # canonical | mentions
ListSource = Literal[tuple(PAGE_SOURCES)]  # type: ignore[valid-type]  # … | all-mentions
FILTER_NAMES = ("type", "actor", "sponsor", "country", "target_country", "since", "until")


def blank(value: Optional[str]) -> Optional[str]:
    value = value.strip() if value is not None else None
    return value or None


def filters(
    type: Optional[str] = Query(None, max_length=20, description="PLOVER type, e.g. ASSAULT"),
    actor: Optional[str] = Query(None, max_length=200, description="actor name, text or knowledge-base id (substring)"),
    sponsor: Optional[str] = Query(None, max_length=3, description="state sponsor of the actor, ISO alpha-3 (IRN)"),
    country: Optional[str] = Query(None, max_length=3, description="country where the event happened, ISO alpha-3"),
    target_country: Optional[str] = Query(None, max_length=3, description="country of the target, ISO alpha-3 (USA)"),
    since: Optional[str] = Query(None, max_length=10, description="events starting on or after this date (YYYY-MM-DD)"),
    until: Optional[str] = Query(None, max_length=10, description="events starting on or before this date (YYYY-MM-DD)"),
) -> EventQuery:
    """The seven common filters, checked as the CLI checks its flags."""
    return checked_query(blank(type), blank(actor), blank(sponsor), blank(country), blank(since), blank(until),
                         blank(target_country))

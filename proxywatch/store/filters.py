"""The common filters, checked once for every front end: the CLI's flags and the HTTP API's parameters.

A bad value raises :class:`~proxywatch.errors.ParameterError` naming the parameter; ``spell``
turns the parameter's name into the caller's spelling (``--target-country`` on the command line,
``target_country`` in a URL), so the two front ends give the same message.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Optional

from proxywatch.errors import ParameterError
from proxywatch.records import PLOVER_TYPES
from proxywatch.store.base import EventQuery

__all__ = ["FILTERS", "checked_query", "check_day", "cli_flag"]

FILTERS = ("type", "actor", "sponsor", "country", "target_country", "since", "until")


def cli_flag(name: str) -> str:
    """``target_country`` → ``--target-country``."""
    return "--" + name.replace("_", "-")


def check_day(name: str, value: Optional[str], spell: Callable[[str], str] = str) -> None:
    """Refuse a value that is not an ISO date ``YYYY-MM-DD``."""
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ParameterError(name, f"{spell(name)} must be a date YYYY-MM-DD, got {value!r}") from None


def checked_query(type_: Optional[str] = None, actor: Optional[str] = None, sponsor: Optional[str] = None,
                  country: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                  target_country: Optional[str] = None, *, spell: Callable[[str], str] = str) -> EventQuery:
    """Check the common filters and build the query; the first bad one raises ParameterError."""
    if type_ and type_.upper() not in PLOVER_TYPES:
        raise ParameterError("type", f"{spell('type')} must be one of {', '.join(PLOVER_TYPES)}, got {type_!r}")
    for name, value in (("sponsor", sponsor), ("country", country), ("target_country", target_country)):
        if value and not (len(value) == 3 and value.isascii() and value.isalpha()):
            raise ParameterError(name, f"{spell(name)} takes an ISO 3166-1 alpha-3 code such as IRN, got {value!r}")
    check_day("since", since, spell)
    check_day("until", until, spell)
    if since and until and since > until:
        raise ParameterError("since", f"{spell('since')} {since} is after {spell('until')} {until}")
    return EventQuery(type=type_, actor=actor, sponsor=sponsor, country=country, target_country=target_country,
                      since=since, until=until)

"""Check an article's quantitative claims against the store: claims → store counts → verdicts.

A *claim* is an extracted event that states a count of events rather than one event: an
aggregate ("more than 150 attacks since October": ``aggregate`` min 151, no max) or a negated
event ("no attacks on US forces in Iraq since 2 February": min = max = 0). Each claim gives the
filters of the events it counts (type, actor or sponsor, target country, location country) and
a window (the event's date span, ending no later than the article's publication date).

For each claim the store's events matching those filters and window are counted (canonical
events or single mentions, see :mod:`proxywatch.analyse.source`), never counting what the
claim's own article reported, and a verdict is given:

* ``inconsistent``: the store has more events than the claim's maximum. A store built from news
  can miss events but rarely invents them, so more stored events than claimed is evidence against
  the claim ("no attacks since X" with stored attacks after X).
* ``not enough data``: the window has no known start; or the stored articles do not cover the
  window (fewer than ``min_coverage`` of its weeks have a stored article published in them); or
  the store has fewer events than the claim's minimum (an undercount proves nothing).
* ``consistent``: the store's count lies within the claim's bounds, over a covered window.

Other stored articles' claims about the same kind of events over an overlapping window are
listed with each result as corroboration. Every count is one SQL query in DuckDB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Sequence

from proxywatch.analyse.source import relation
from proxywatch.records import Article, Event
from proxywatch.store import EventQuery, Store

__all__ = [
    "VERDICTS", "Claim", "Coverage", "Corroboration", "ClaimCheck", "claims_of", "select_claims",
    "coverage", "store_count", "stored_events", "source_is_empty", "verdict", "corroboration", "check_claim", "check_claims",
]

VERDICTS = ("consistent", "inconsistent", "not enough data")
_SINCE = re.compile(r"\bsince\b[^,.;:]*", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """One quantitative claim of an article, with the filters and window it counts over."""

    event_id: str
    article_id: str
    text: str
    kind: str  # "aggregate" or "negated"
    type: str
    actor: str | None  # knowledge-base id of the actor, when the claim names a known one
    sponsor: str | None  # a state sponsor of the actor, used when the actor itself is generic
    target_country: str | None
    country: str | None
    start: str | None
    end: str | None
    date_text: str | None
    min: int
    max: int | None

    @property
    def query(self) -> EventQuery:
        return EventQuery(type=self.type, actor=self.actor, sponsor=None if self.actor else self.sponsor,
                          country=self.country, target_country=self.target_country,
                          since=self.start, until=self.end)

    @property
    def bounds(self) -> str:
        if self.max is None:
            return f"at least {self.min}"
        return f"exactly {self.min}" if self.min == self.max else f"{self.min} to {self.max}"

    def filters(self) -> dict[str, str]:
        q = self.query
        names = (("type", q.type), ("actor", q.actor), ("sponsor", q.sponsor), ("target_country", q.target_country),
                 ("country", q.country))
        return {name: value for name, value in names if value}

    def open_start(self) -> str | None:
        """The claim's "since ..." phrase when its start could not be dated, else ``None``."""
        if self.start is not None:
            return None
        found = _SINCE.search(self.text)
        return found.group(0).strip() if found else "no period stated"


@dataclass(frozen=True)
class Coverage:
    """How much of a window the stored articles (other than the claim's own) cover."""

    weeks: int
    covered_weeks: int
    articles: int

    @property
    def share(self) -> float:
        return self.covered_weeks / self.weeks if self.weeks else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"weeks": self.weeks, "covered_weeks": self.covered_weeks, "articles": self.articles,
                "share": round(self.share, 3)}


@dataclass(frozen=True)
class Corroboration:
    """Another stored article's claim about the same kind of events over an overlapping window."""

    article_id: str
    text: str
    start: str
    end: str
    min: int
    max: int | None
    negated: bool

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "text": self.text, "window": {"start": self.start, "end": self.end},
                "claimed": {"min": self.min, "max": self.max}, "negated": self.negated}


@dataclass(frozen=True)
class ClaimCheck:
    """A claim, the store's numbers for it, and the verdict with its reason."""

    claim: Claim
    source: str
    count: int | None  # None when the window could not be counted
    unknown_actor: int  # events matching every filter but the actor, whose actor is unknown
    undated: int  # events matching the filters (not the window) that have no date
    coverage: Coverage | None
    verdict: str
    reason: str
    corroboration: tuple[Corroboration, ...] = ()
    examples: tuple[dict[str, Any], ...] = ()  # the first stored events counted (shown when inconsistent)

    def to_json(self) -> dict[str, Any]:
        c = self.claim
        return {
            "article_id": c.article_id, "event_id": c.event_id, "kind": c.kind, "text": c.text,
            "filters": c.filters(),
            "window": {"start": c.start, "end": c.end, "text": c.date_text, "open_start": c.open_start()},
            "claimed": {"min": c.min, "max": c.max},
            "store": {"source": self.source, "count": self.count, "unknown_actor": self.unknown_actor,
                      "undated": self.undated},
            "coverage": self.coverage.to_json() if self.coverage else None,
            "verdict": self.verdict, "reason": self.reason,
            "corroboration": [x.to_json() for x in self.corroboration],
            "examples": list(self.examples),
        }


# --- claims of an article -------------------------------------------------------------------------

def _earlier(a: str | None, b: str | None) -> str | None:
    return min(a, b) if a and b else a or b


def _iso_day(value: str | None) -> str | None:
    try:
        return date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:  # a publication date that is not ISO 8601 gives no end to the window
        return None


def claims_of(article: Article, events: Sequence[Event]) -> list[Claim]:
    """The article's aggregate and negated occurred events, as claims; windows end by publication."""
    published = _iso_day(article.published)
    claims = []
    for e in events:
        if e.status != "occurred" or not (e.aggregate or e.negated):
            continue
        low, high = (e.aggregate.min, e.aggregate.max) if e.aggregate and not e.negated else (0, 0)
        start = e.date.start if e.date else None
        end = _earlier(e.date.end if e.date else None, published)
        if start and end and end < start:  # a window dated after publication: keep its first day only
            end = start
        actor = e.actor
        claims.append(Claim(
            event_id=e.id, article_id=e.article_id, text=e.evidence.text, kind="negated" if e.negated else "aggregate",
            type=e.type, actor=actor.id if actor and actor.id else None,
            sponsor=actor.sponsors[0] if actor and actor.sponsors else None,
            target_country=e.target.country if e.target else None,
            country=e.location.country if e.location else None,
            start=start, end=end, date_text=e.date.text if e.date else None, min=low, max=high,
        ))
    return claims


def select_claims(claims: Sequence[Claim], query: EventQuery) -> list[Claim]:
    """Claims whose filters agree with the given ones (the common flags pick which claims to check)."""
    def keep(c: Claim) -> bool:
        checks = [
            not query.type or c.type == query.type.upper(),
            not query.actor or (c.actor is not None and query.actor.lower() in c.actor.lower()),
            not query.sponsor or c.sponsor == query.sponsor.upper(),
            not query.country or c.country == query.country.upper(),
            not query.target_country or c.target_country == query.target_country.upper(),
            not query.since or (c.end is not None and c.end >= query.since),
            not query.until or (c.start is not None and c.start <= query.until),
        ]
        return all(checks)
    return [c for c in claims if keep(c)]


# --- the store's numbers --------------------------------------------------------------------------

def _not_from(source: str) -> str:
    """SQL keeping what was reported by some article other than ``?`` (the claim's own)."""
    if source == "mentions":
        return "e.article_id <> ?"
    return ("e.id NOT IN (SELECT canonical_id FROM canonical_mentions GROUP BY canonical_id "
            "HAVING bool_and(article_id = ?))")


def store_count(store: Store, query: EventQuery, source: str, exclude_article: str, extra: str = "TRUE") -> int:
    """Events of ``source`` matching ``query`` (and the SQL ``extra``), not reported by ``exclude_article``."""
    where, params = query.where("e")
    rows = store.sql(f"SELECT count(*) FROM {relation(source)} e WHERE {where} AND {extra} AND {_not_from(source)}",
                     [*params, exclude_article])
    return int(rows[0][0])


def stored_events(store: Store, query: EventQuery, source: str, exclude_article: str,
                  limit: int = 3) -> tuple[dict[str, Any], ...]:
    """The first events ``store_count`` counts, by date: what an analyst looks at when a claim is contradicted."""
    where, params = query.where("e")
    rows = store.sql(
        f"""SELECT e.id, e.article_id, CAST(e.date_start AS VARCHAR), e.location_name, e.target_text, e.sources
            FROM {relation(source)} e WHERE {where} AND {_not_from(source)}
            ORDER BY e.date_start, e.id LIMIT {int(limit)}""",
        [*params, exclude_article])
    names = ("id", "article_id", "date", "location", "target", "sources")
    return tuple(dict(zip(names, row)) for row in rows)


def source_is_empty(store: Store, source: str) -> bool:
    """True when the relation counted has no rows at all (e.g. canonical events not merged yet)."""
    return not store.sql(f"SELECT count(*) FROM {relation(source)} e")[0][0]


def coverage(store: Store, start: str, end: str, exclude_article: str, lag_days: int = 7) -> Coverage:
    """Weeks of ``start``–``end`` in which another stored article was published.

    An article published up to ``lag_days`` after the window counts for its last week (news of
    the last days comes out later).
    """
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    weeks = (last - first).days // 7 + 1
    rows = store.sql(
        """SELECT count(DISTINCT least(date_diff('day', CAST(? AS DATE), published_date) // 7, ?)), count(*)
           FROM articles WHERE published_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) AND id <> ?""",
        [start, weeks - 1, start, (last + timedelta(days=lag_days)).isoformat(), exclude_article],
    )
    covered, articles = rows[0]
    return Coverage(weeks, int(covered), int(articles))


def _events(n: int, what: str = "matching") -> str:
    return f"{n} {what} event{'' if n == 1 else 's'}"


def verdict(claim: Claim, count: int | None, cover: Coverage | None, min_coverage: float) -> tuple[str, str]:
    """The verdict and its reason, from the claim's bounds, the store's count and the coverage."""
    if count is None or cover is None:
        return "not enough data", (f"the claim's period has no known start ({claim.open_start()}), "
                                   "so the store cannot be counted over it")
    window = f"{claim.start} to {claim.end}"
    if claim.max is not None and count > claim.max:
        said = "none" if claim.max == 0 else f"at most {claim.max}"
        return "inconsistent", f"the claim says {said}; the store has {_events(count)} from {window}"
    if cover.share < min_coverage:
        return "not enough data", (f"stored articles cover {cover.covered_weeks} of the window's {cover.weeks} weeks "
                                   f"({cover.share:.0%}, below {min_coverage:.0%}); the store's {count} says little")
    if count < claim.min:
        return "not enough data", (f"the store has {count}, fewer than the claimed {claim.bounds}; a store built "
                                   "from news can undercount, so this neither confirms nor refutes the claim")
    return "consistent", f"the store's {count} from {window} is within the claimed {claim.bounds}"


def corroboration(store: Store, claim: Claim, limit: int = 5) -> tuple[Corroboration, ...]:
    """Other stored articles' claims of the same type, target and place over an overlapping window."""
    if claim.start is None or claim.end is None:
        return ()
    rows = store.sql(
        """SELECT article_id, evidence_text, CAST(date_start AS VARCHAR), CAST(date_end AS VARCHAR),
                  aggregate_min, aggregate_max, negated
           FROM events
           WHERE status = 'occurred' AND (negated OR aggregate_min IS NOT NULL) AND article_id <> ?
             AND type = ? AND target_country IS NOT DISTINCT FROM ? AND location_country IS NOT DISTINCT FROM ?
             AND date_start <= CAST(? AS DATE) AND date_end >= CAST(? AS DATE)
           ORDER BY abs(date_diff('day', date_start, CAST(? AS DATE))) + abs(date_diff('day', date_end, CAST(? AS DATE))),
                    date_end, article_id, evidence_start
           LIMIT ?""",
        [claim.article_id, claim.type, claim.target_country, claim.country, claim.end, claim.start,
         claim.start, claim.end, int(limit)],
    )
    return tuple(Corroboration(a, t, s, e, 0 if neg else int(lo), 0 if neg else hi, bool(neg))
                 for a, t, s, e, lo, hi, neg in rows)


def check_claim(store: Store, claim: Claim, source: str = "canonical", min_coverage: float = 0.5) -> ClaimCheck:
    """Count the store over the claim's filters and window and give the verdict."""
    q = claim.query
    undated_q = EventQuery(type=q.type, actor=q.actor, sponsor=q.sponsor, country=q.country,
                           target_country=q.target_country)
    undated = store_count(store, undated_q, source, claim.article_id, "e.date_start IS NULL")
    unknown_actor = 0
    if claim.start is None or claim.end is None:
        count, cover = None, None
    else:
        count = store_count(store, q, source, claim.article_id)
        if q.actor or q.sponsor:
            anyone = EventQuery(type=q.type, country=q.country, target_country=q.target_country,
                                since=q.since, until=q.until)
            unknown_actor = store_count(store, anyone, source, claim.article_id,
                                        "e.actor_id IS NULL AND e.actor_text IS NULL "
                                        "AND coalesce(len(e.actor_sponsors), 0) = 0")
        cover = coverage(store, claim.start, claim.end, claim.article_id)
    said, reason = verdict(claim, count, cover, min_coverage)
    if unknown_actor and said != "inconsistent":
        reason += f"; {_events(unknown_actor, 'more matching')} with no known actor"
    examples = stored_events(store, q, source, claim.article_id) if said == "inconsistent" else ()
    return ClaimCheck(claim, source, count, unknown_actor, undated, cover, said, reason,
                      corroboration(store, claim), examples)


def check_claims(store: Store, claims: Sequence[Claim], source: str = "canonical",
                 min_coverage: float = 0.5) -> list[ClaimCheck]:
    return [check_claim(store, c, source, min_coverage) for c in claims]

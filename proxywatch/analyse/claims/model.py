"""What a claim check reads and gives: claims, windows, anchors, tallies, checks and reports.

Every class has ``to_json()``; the JSON layout is ``proxywatch.claims/1`` (docs/claims.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from proxywatch.store.claim_queries import CountQuery

__all__ = ["SCHEMA", "VERDICTS", "Scope", "Anchor", "Window", "Claim", "Coverage", "TallyUse", "Bounds", "ClaimCheck",
           "ArticleClaims", "ClaimReport"]

SCHEMA = "proxywatch.claims/1"
VERDICTS = ("consistent", "inconsistent", "not enough data")


@dataclass(frozen=True)
class Scope:
    """Which events a claim counts: the filters read from its words (``None`` / empty: any)."""

    type: str = "ASSAULT"
    actor: str | None = None  # knowledge-base id of a named actor ("Kata'ib Hezbollah")
    actor_country: str | None = None  # a state named as the actor ("US strikes", "Iran has attacked")
    sponsor: str | None = None  # "Iran-backed", "backed by Tehran", "Iran's proxies"
    actor_sponsors: tuple[str, ...] = ()  # the named actor's sponsors (from the knowledge base), not a filter
    target_country: str | None = None  # "attacks on US forces", "attacks that the US endured"
    countries: tuple[str, ...] = ()  # "in Iraq and Syria": any of these
    places: tuple[str, ...] = ()  # gazetteer names of sites and towns ("on al-Asad air base", "in Erbil")
    modes: tuple[str, ...] = ()  # "drone and rocket attacks": any of these

    def query(self, since: str | None = None, until: str | None = None) -> CountQuery:
        return CountQuery(type=self.type, actor=self.actor, actor_country=self.actor_country, sponsor=self.sponsor,
                          target_country=self.target_country, countries=self.countries, places=self.places,
                          modes=self.modes, since=since, until=until)

    def filters(self) -> dict[str, Any]:
        """The stated filters, as the JSON and the table show them."""
        out: dict[str, Any] = {}
        for name in ("type", "actor", "actor_country", "sponsor", "target_country"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        for name in ("countries", "places", "modes"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        return out

    def contains(self, other: "Scope") -> bool:
        """True when every event ``other`` counts is one this scope counts (each filter as wide or wider)."""
        if self.type != other.type:
            return False
        if self.actor and self.actor != other.actor:
            return False
        if self.actor_country and self.actor_country != other.actor_country:
            return False
        if self.sponsor and self.sponsor != other.sponsor and self.sponsor not in other.actor_sponsors:
            return False
        if self.target_country and self.target_country != other.target_country:
            return False
        for name in ("countries", "places", "modes"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine and (not theirs or not set(theirs) <= set(mine)):
                return False
        if self.countries and other.places and not other.countries:
            return False  # a place's country is not kept on the scope: no containment claimed
        return True


@dataclass(frozen=True)
class Anchor:
    """The event (or date) an anchored period starts or ends on, and how it was chosen."""

    phrase: str  # "the US retaliated"
    date: str | None  # ISO day, None when nothing fits
    how: str  # the anchor rule that placed it
    event: dict[str, Any] | None = None  # the event used: id, origin (article/store), date, text, article_ids
    alternatives: tuple[dict[str, Any], ...] = ()  # other events that fit (id, date, text)
    note: str = ""  # the choice, in words
    same: tuple[str, ...] = ()  # stored events that are the anchor itself: never counted by the claim

    def to_json(self) -> dict[str, Any]:
        return {"phrase": self.phrase, "date": self.date, "rule": self.how, "event": self.event,
                "alternatives": list(self.alternatives), "note": self.note, "same_events": list(self.same)}


@dataclass(frozen=True)
class Window:
    """The period a claim counts over. Both ends inclusive; an event is in it when its start date is."""

    start: str | None
    end: str | None
    text: str | None = None  # the period phrase as written
    open_start: bool = False  # no lower bound stated ("before the strikes"): counted from the store's first day
    unresolved: str | None = None  # a phrase whose date could not be found ("since the war began")
    anchor: Anchor | None = None
    rule: str | None = None  # the period rule that read it

    @property
    def known(self) -> bool:
        """A window the store can be counted over: an end, and a start or an open start."""
        return self.unresolved is None and self.end is not None and (self.start is not None or self.open_start)

    def contains(self, other: "Window") -> bool:
        """True when ``other`` lies inside this window (an open start reaches back to any day)."""
        if not (self.known and other.known):
            return False
        starts = self.open_start or (other.start is not None and not other.open_start and other.start >= self.start)
        return bool(starts and other.end <= self.end)

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "open_start": self.open_start,
                "unresolved": self.unresolved, "rule": self.rule,
                "anchor": self.anchor.to_json() if self.anchor else None}


@dataclass(frozen=True)
class Claim:
    """One count an article states: its words, its filters, its window and its bounds."""

    id: str  # article id, sentence offset and position in the sentence: stable for an unchanged text
    article_id: str
    text: str  # the sentence
    focus: str  # the words of this claim ("no attacks on US forces in Iraq", "only two in Syria")
    kind: str  # "aggregate" or "negated"
    scope: Scope
    window: Window
    min: int
    max: int | None
    approximate: bool = False
    broad: tuple[str, ...] = ()  # filters wider than the words ("eastern Syria" counted as Syria)
    notes: tuple[str, ...] = ()  # what was read but cannot be filtered on
    rules: tuple[str, ...] = ()  # ids of the rules that read it
    offset: int = 0  # where the sentence starts in the article
    pending: Any = field(default=None, compare=False, repr=False)  # an anchored period not yet placed (periods.py)

    @property
    def bounds(self) -> str:
        if self.max is None:
            return f"at least {self.min}"
        if self.min == self.max:
            return "none" if self.max == 0 else f"exactly {self.min}"
        return f"{self.min} to {self.max}"

    def with_window(self, window: Window, *rules: str) -> "Claim":
        return replace(self, window=window, rules=self.rules + tuple(r for r in rules if r not in self.rules))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "article_id": self.article_id, "text": self.text, "focus": self.focus,
                "kind": self.kind, "filters": self.scope.filters(), "window": self.window.to_json(),
                "claimed": {"min": self.min, "max": self.max, "approximate": self.approximate},
                "broad": list(self.broad), "notes": list(self.notes), "rules": list(self.rules)}


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
class TallyUse:
    """Another report's count (a stored aggregate) set beside a claim, and how it bears on it."""

    tally: Claim  # the stored tally, read with the same rules as the claim
    event_id: str  # the stored aggregate mention it was read from
    relation: str  # "lower" (bounds the claim from below), "upper" (from above) or "overlap" (neither)
    how: str  # one sentence: why it bounds the claim, or why not

    def to_json(self) -> dict[str, Any]:
        t = self.tally
        return {"article_id": t.article_id, "event_id": self.event_id, "text": t.text, "focus": t.focus,
                "filters": t.scope.filters(), "window": {"start": t.window.start, "end": t.window.end,
                                                         "text": t.window.text},
                "claimed": {"min": t.min, "max": t.max}, "relation": self.relation, "how": self.how}


@dataclass(frozen=True)
class Bounds:
    """What the evidence says of the true count: at least ``min`` (from ``min_from``), at most ``max``."""

    min: int
    min_from: str  # "events", "tally <article>", or "none"
    max: int | None
    max_from: str | None

    def to_json(self) -> dict[str, Any]:
        return {"min": self.min, "min_from": self.min_from, "max": self.max, "max_from": self.max_from}


@dataclass(frozen=True)
class ClaimCheck:
    """A claim, the store's numbers and tallies for it, and the verdict with its reason."""

    claim: Claim
    source: str
    count: int | None  # matching stored events in the window; None when the window is not known
    unknown_actor: int  # events matching every filter but the actor, whose actor is unknown
    unplaced: int  # events matching every filter but the place, whose place is unknown
    undated: int  # events matching the filters (not the window) that have no date
    coverage: Coverage | None
    verdict: str
    verdict_rule: str
    reason: str
    bounds: Bounds | None = None
    events: tuple[dict[str, Any], ...] = ()  # the first stored events counted
    tallies: tuple[TallyUse, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out = self.claim.to_json()
        out.update({
            "store": {"source": self.source, "count": self.count, "unknown_actor": self.unknown_actor,
                      "unplaced": self.unplaced, "undated": self.undated, "events": list(self.events)},
            "coverage": self.coverage.to_json() if self.coverage else None,
            "tallies": [t.to_json() for t in self.tallies],
            "bounds": self.bounds.to_json() if self.bounds else None,
            "verdict": self.verdict, "verdict_rule": self.verdict_rule, "reason": self.reason,
        })
        return out


@dataclass(frozen=True)
class ArticleClaims:
    """The claims of one article, checked."""

    article_id: str
    published: str | None
    checks: tuple[ClaimCheck, ...]
    events: int = 0  # events the extractor read in the article

    def to_json(self) -> dict[str, Any]:
        return {"id": self.article_id, "published": self.published, "events": self.events,
                "claims": [c.to_json() for c in self.checks]}


@dataclass(frozen=True)
class ClaimReport:
    """Every checked article: what the CLI prints with ``--format json`` and the HTTP API returns."""

    source: str
    min_coverage: float
    articles: tuple[ArticleClaims, ...] = field(default_factory=tuple)

    @property
    def checks(self) -> list[ClaimCheck]:
        return [c for a in self.articles for c in a.checks]

    def summary(self) -> dict[str, int]:
        verdicts = [c.verdict for c in self.checks]
        return {v: verdicts.count(v) for v in VERDICTS}

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "source": self.source, "min_coverage": self.min_coverage,
                "summary": self.summary(), "articles": [a.to_json() for a in self.articles]}

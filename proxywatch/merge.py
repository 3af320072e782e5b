"""Canonical events: merge mentions of the same real event told by different articles.

Pure functions over typed records, no I/O: :class:`Mention` (an event record plus what merging
needs from its article) in, :class:`CanonicalEvent` out. The store (``store/duck.py``) decides
*which* mentions to recluster and writes the result; this module decides *how*. The rules are in
``docs/canonical.md``; in short:

* only single mentions that occurred are merged: negated, planned, threatened, denied,
  hypothetical and aggregate mentions never become or join a canonical event (:func:`eligible`);
* two mentions *conflict* when they differ in type or when a known actor, target, place or date of
  one contradicts the other's; every pair inside a canonical event is conflict-free;
* a mention may join an event only through a *link* to one of its members: a member of the same
  article, or a member of another article with positive evidence (both dates known and short,
  both places known and matching, at least one finer than a country; a country-only place needs
  actor and target both known and compatible as well);
* clustering is greedy in a fixed order (:func:`order_key`): each mention joins the best linked,
  conflict-free event (score, then the earlier event), else starts its own. The result depends on
  the set of mentions only, never on the order or the batches they arrived in, because only whole
  connected groups of linked mentions are reclustered (:func:`recluster`).

Incremental merging is *blocked*: a mention that can link across articles (a known start and a
known place) is filed under a block ``type|country|week`` (:func:`block_of`); a new mention looks
for partners only in the few blocks its date window and country can reach (:func:`search_blocks`),
so the work for a batch does not grow with the number of mentions stored.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, NamedTuple, Protocol, Sequence
from urllib.parse import urlsplit

from proxywatch.records import Count, DateSpan, Event, Party, Place
from proxywatch.resolve.names import normalize, strip_article

__all__ = [
    "CANONICAL_SCHEMA", "MergeRules", "actor_ancestors", "Mention", "CanonicalEvent", "eligible", "source_key", "conflict",
    "linked", "linked_to_any", "order_key", "cluster", "merge", "canonicalise", "haversine_km", "canonical_id",
    "MentionSource", "BatchFirst", "Block", "block_of", "search_blocks", "recluster",
]

CANONICAL_SCHEMA = "proxywatch.canonical/1"

# Places precise enough to be a point; the others are areas.
_POINTS = ("site", "city")
# Most precise first: the canonical place is the member place earliest in this list.
_PRECISION_RANK = {p: i for i, p in enumerate(("site", "city", "admin1", "region", "sea", "country"))}
_STATE_KINDS = frozenset({"state", "military", "government"})
# Modes reports of one strike mix freely ("an air strike", "the drone", "missiles", "bombs").
_AIR_MODES = frozenset({"aerial", "drone", "missile", "rocket", "explosives"})


@dataclass(frozen=True)
class MergeRules:
    """The tunables of merging (``settings.py``: ``canonical_*``) and the actor hierarchy.

    ``ancestors`` maps a knowledge-base actor id to the ids of every organisation above it
    (``us-navy`` → ``us-military``, ``united-states``), so a report naming the part and one naming
    the whole are compatible.
    """

    distance_km: float = 50.0
    date_tolerance_days: int = 1
    max_span_days: int = 3
    ancestors: Mapping[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_kb(cls, kb: Any, **values: Any) -> "MergeRules":
        """Rules with the actor hierarchy of a :class:`~proxywatch.resolve.kb.KnowledgeBase`."""
        return cls(ancestors=actor_ancestors(kb), **values)

    @classmethod
    def from_settings(cls, settings: Any, kb: Any = None,
                      ancestors: Mapping[str, frozenset[str]] | None = None) -> "MergeRules":
        """Rules with the settings' tunables and the actor hierarchy of ``kb`` (or ``ancestors``, as
        :func:`actor_ancestors` gives them: a Dask job takes them from a worker's knowledge base)."""
        values = {"distance_km": settings.canonical_distance_km,
                  "date_tolerance_days": settings.canonical_date_tolerance_days,
                  "max_span_days": settings.canonical_max_span_days}
        if kb is not None:
            return cls.from_kb(kb, **values)
        return cls(ancestors=dict(ancestors or {}), **values)


def actor_ancestors(kb: Any) -> dict[str, frozenset[str]]:
    """Each knowledge-base actor id → the ids of every organisation above it (all that merging
    needs of the knowledge base)."""
    parents = {a.id: {link.id for link in a.parents} for a in kb.actors.values()}
    ancestors: dict[str, frozenset[str]] = {}
    for actor_id in parents:
        seen: set[str] = set()
        todo = list(parents[actor_id])
        while todo:
            up = todo.pop()
            if up not in seen and up != actor_id:
                seen.add(up)
                todo.extend(parents.get(up, ()))
        ancestors[actor_id] = frozenset(seen)
    return ancestors


@dataclass(frozen=True)
class Mention:
    """One stored event as merging sees it: the record's fields plus its article's source.

    ``start``/``end`` are the dates used for matching: the event's own date, or, for an undated
    mention, its article's publication day and the day before (``dated`` is then ``False``).
    """

    id: str
    article_id: str
    source: str
    type: str
    mode: str | None = None
    actor: Party | None = None
    target: Party | None = None
    place: Place | None = None
    date: DateSpan | None = None
    start: date | None = None
    end: date | None = None
    dated: bool = False
    fatalities: Count | None = None
    injuries: Count | None = None
    evidence: str = ""
    position: int = 0

    @classmethod
    def of(cls, event: Event, published: str | None = None, source: str | None = None,
           url: str | None = None) -> "Mention":
        """The mention of an event record, given its article's ``published``, ``source`` and ``url``."""
        start, end, dated = effective_span(event.date, published)
        return cls(id=event.id, article_id=event.article_id, source=source_key(event.article_id, source, url),
                   type=event.type, mode=event.mode, actor=event.actor, target=event.target,
                   place=event.location, date=event.date, start=start, end=end, dated=dated,
                   fatalities=event.fatalities, injuries=event.injuries, evidence=event.evidence.text,
                   position=event.evidence.start)


@dataclass(frozen=True)
class CanonicalEvent:
    """A real event: merged fields, low/best/high counts and every mention linked."""

    id: str
    type: str
    mode: str | None
    actor: Party | None
    target: Party | None
    location: Place | None
    date: DateSpan | None
    fatalities: tuple[int | None, int | None, int | None]
    injuries: tuple[int | None, int | None, int | None]
    mention_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: tuple[tuple[str, str, str], ...]  # (event id, article id, sentence)

    def to_json(self) -> dict[str, Any]:
        def counts(low_best_high: tuple[int | None, int | None, int | None]) -> dict[str, int | None] | None:
            low, best, high = low_best_high
            return None if low is None else {"low": low, "best": best, "high": high}

        return {
            "schema": CANONICAL_SCHEMA, "id": self.id, "type": self.type, "mode": self.mode,
            "actor": self.actor.to_json() if self.actor else None,
            "target": self.target.to_json() if self.target else None,
            "location": self.location.to_json() if self.location else None,
            "date": self.date.to_json() if self.date else None,
            "fatalities": counts(self.fatalities), "injuries": counts(self.injuries),
            "mentions": len(self.mention_ids), "sources": len(self.sources),
            "source_names": list(self.sources), "mention_ids": list(self.mention_ids),
            "article_ids": list(self.article_ids),
            "evidence": [{"event_id": e, "article_id": a, "text": t} for e, a, t in self.evidence],
        }


# --- what may be merged --------------------------------------------------------------------------

def eligible(event: Event) -> bool:
    """Single events that occurred: the only mentions that become canonical events."""
    return event.status == "occurred" and not event.negated and event.aggregate is None


def source_key(article_id: str, source: str | None, url: str | None) -> str:
    """The independent source of an article: its ``source``, else its URL's host, else its id."""
    if source and source.strip():
        return " ".join(source.split()).lower()
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return f"article:{article_id}"


def effective_span(span: DateSpan | None, published: str | None) -> tuple[date | None, date | None, bool]:
    """Matching dates: the event's own span, else ``[published - 1 day, published]``, else unknown."""
    if span is not None and span.start:
        start = date.fromisoformat(span.start)
        end = date.fromisoformat(span.end) if span.end else start
        return start, max(start, end), True
    if published and len(published) >= 10:
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            return None, None, False
        return day - timedelta(days=1), day, False
    return None, None, False


# --- pairwise rules ------------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _name(text: str | None) -> str:
    return strip_article(normalize(text)) if text else ""


def _party_known(p: Party | None) -> bool:
    """A party that says who: a knowledge-base id or a home state ("fighter jets" does not)."""
    return p is not None and bool(p.id or p.country)


def _place_known(p: Place | None) -> bool:
    """A place resolved to something: a name, a country, coordinates or a sea."""
    return p is not None and bool(p.name or p.country or p.lat is not None or p.precision == "sea")


def _bare(m: Mention) -> bool:
    return not (_party_known(m.actor) or _party_known(m.target) or _place_known(m.place))


def parties_compatible(a: Party | None, b: Party | None, rules: MergeRules) -> bool:
    """Unknown fits anything; two known parties must be the same or one part of the other.

    Same knowledge-base id, or one an ancestor of the other, or two organs (state, military,
    government) of the same state; without ids, only a difference of home country tells them apart.
    """
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.id and b.id:
        if a.id == b.id or a.id in rules.ancestors.get(b.id, ()) or b.id in rules.ancestors.get(a.id, ()):
            return True
        return bool(a.country) and a.country == b.country and a.kind in _STATE_KINDS and b.kind in _STATE_KINDS
    return True


def _precision(place: Place) -> str:
    return place.precision or ("city" if place.lat is not None else "country")


def place_match(a: Place, b: Place, rules: MergeRules) -> int:
    """How well two known places agree: 3 same point, 2 same area, 1 same country only, 0 conflict."""
    pa, pb = _precision(a), _precision(b)
    if pa == "sea" or pb == "sea":
        if pa != pb:
            return 0
        if _name(a.name or a.text) == _name(b.name or b.text):
            return 2
        both = None not in (a.lat, a.lon, b.lat, b.lon)
        return 2 if both and haversine_km(a.lat, a.lon, b.lat, b.lon) <= rules.distance_km else 0
    if a.country and b.country and a.country != b.country:
        return 0
    if not (a.country and b.country):
        # a place the resolver could not put in one country ("al-Tanf and Erbil"): only the same
        # spot (two points) or the same name makes it the same place
        if pa in _POINTS and pb in _POINTS and None not in (a.lat, a.lon, b.lat, b.lon):
            return 3 if haversine_km(a.lat, a.lon, b.lat, b.lon) <= rules.distance_km else 0
        if _name(a.name or a.text) != _name(b.name or b.text):
            return 0
        return 3 if pa in _POINTS and pb in _POINTS else 2
    if pa == "country" or pb == "country":
        return 1
    if pa in _POINTS and pb in _POINTS:
        if None not in (a.lat, a.lon, b.lat, b.lon):
            return 3 if haversine_km(a.lat, a.lon, b.lat, b.lon) <= rules.distance_km else 0
        return 3 if _name(a.name or a.text) == _name(b.name or b.text) else 0
    # an area (admin1 / region) and a point or another area: the same area by name
    areas_a, areas_b = _areas(a), _areas(b)
    if areas_a & areas_b:
        return 2
    if pa == "admin1" and (pb == "admin1" or (pb in _POINTS and b.admin1)) \
            or pb == "admin1" and pa in _POINTS and a.admin1:
        return 0  # two different provinces, or a point in another province
    return 1  # a region and a place in it or not: cannot tell, the country agrees


def _areas(place: Place) -> set[str]:
    names = {_name(place.admin1)} if place.admin1 else set()
    if _precision(place) not in _POINTS:
        names.add(_name(place.name or place.text))
    return names - {""}


def _gap_days(a: Mention, b: Mention) -> int | None:
    if a.start is None or b.start is None:
        return None
    return (max(a.start, b.start) - min(a.end, b.end)).days


def _reversed(a: Mention, b: Mention) -> bool:
    """``a``'s actor is ``b``'s target (by home state), and not ``b``'s actor too: roles swapped.

    A strike by the United States and an attack on Americans told in the same article are two
    events, even when nothing else about them is known.
    """
    side = a.actor.country if a.actor else None
    return bool(side) and b.target is not None and b.target.country == side \
        and (b.actor is None or b.actor.country != side) and (a.target is None or a.target.country != side)


def conflict(a: Mention, b: Mention, rules: MergeRules) -> bool:
    """True when the two cannot be the same event: a known field of one contradicts the other."""
    if a.type != b.type:
        return True
    if not parties_compatible(a.actor, b.actor, rules) or not parties_compatible(a.target, b.target, rules):
        return True
    if _reversed(a, b) or _reversed(b, a):
        return True
    if _place_known(a.place) and _place_known(b.place) and place_match(a.place, b.place, rules) == 0:
        return True
    if a.article_id == b.article_id and a.mode and b.mode and a.mode != b.mode \
            and not {a.mode, b.mode} <= _AIR_MODES:
        return True  # one writer: "a destroyer shot down drones" is not "a drone strike near Kirkuk"
    gap = _gap_days(a, b)
    return gap is not None and gap > rules.date_tolerance_days


def _short(m: Mention, rules: MergeRules) -> bool:
    return m.start is not None and (m.end - m.start).days + 1 <= rules.max_span_days


def _both_known_and_compatible(a: Party | None, b: Party | None, rules: MergeRules) -> bool:
    return _party_known(a) and _party_known(b) and parties_compatible(a, b, rules)


def link_score(a: Mention, b: Mention, rules: MergeRules) -> int:
    """Positive evidence that ``a`` and ``b`` tell the same event; 0 when they may not be linked.

    Same article: linked when they do not conflict and either one is bare (no actor, target or
    place: "the strike also killed his driver") or they agree on something known: place, actor,
    target (both known and compatible) or the death toll. Different articles: both dates short,
    both places known with a match finer than the country, or a country-only match backed by a
    known, compatible actor and target on both sides.
    """
    if conflict(a, b, rules):
        return 0
    score = 1
    place = place_match(a.place, b.place, rules) if _place_known(a.place) and _place_known(b.place) else 0
    if a.article_id != b.article_id:
        if not (_short(a, rules) and _short(b, rules)) or place == 0:
            return 0
        if place == 1 and (_precision(a.place) == _precision(b.place) == "country"
                           or not (_both_known_and_compatible(a.actor, b.actor, rules)
                                   and _both_known_and_compatible(a.target, b.target, rules))):
            return 0  # "Iraq" and "Iraq" say nothing; "Iraq" and Baghdad need the same actor and target
    else:
        agree = place > 0 or _both_known_and_compatible(a.actor, b.actor, rules) \
            or _both_known_and_compatible(a.target, b.target, rules) \
            or (a.fatalities is not None and a.fatalities == b.fatalities)
        if not (agree or _bare(a) or _bare(b)):
            return 0  # "a destroyer shot down drones" and "ships were struck in the Red Sea"
        score += 1
    score += 2 * place
    for x, y in ((a.actor, b.actor), (a.target, b.target)):
        if x is not None and y is not None and x.id and x.id == y.id:
            score += 2
    if a.mode and a.mode == b.mode:
        score += 1
    if a.dated and b.dated and a.start == b.start:
        score += 1
    if a.fatalities and b.fatalities and a.fatalities == b.fatalities:
        score += 1
    return score


def linked(a: Mention, b: Mention, rules: MergeRules) -> bool:
    """True when ``a`` may join an event through ``b`` (see :func:`link_score`)."""
    return link_score(a, b, rules) > 0


def linked_to_any(candidates: Iterable[Mention], targets: Sequence[Mention], rules: MergeRules) -> list[Mention]:
    """The candidates linked to at least one target; only targets of the same article or of a
    nearby day are tried (a cross-article link needs short dates within the tolerance)."""
    by_article: dict[str, list[Mention]] = {}
    by_day: dict[tuple[str, date], list[Mention]] = {}
    for t in targets:
        by_article.setdefault(t.article_id, []).append(t)
        for day in _days(t, rules, 0):
            by_day.setdefault((t.type, day), []).append(t)
    out = []
    for c in candidates:
        near = by_article.get(c.article_id, []) + [t for day in _days(c, rules, rules.date_tolerance_days)
                                                   for t in by_day.get((c.type, day), ())]
        if any(linked(c, t, rules) for t in near):
            out.append(c)
    return out


# --- clustering ------------------------------------------------------------------------------------

def order_key(m: Mention) -> tuple[str, str, int, str]:
    """The fixed processing order: matching date, article, position in the article, id."""
    return (m.start.isoformat() if m.start else "9999-12-31", m.article_id, m.position, m.id)


def cluster(mentions: Iterable[Mention], rules: MergeRules) -> list[list[Mention]]:
    """Greedy clustering in :func:`order_key` order.

    Each mention joins the event with the highest link score to one of its members among the
    events none of whose members it conflicts with; a tie goes to the event started first. With
    no such event it starts a new one. So every pair within an event is conflict-free, and a chain
    A~B, B~C with A in conflict with C leaves C out of A's event.
    """
    groups: list[list[Mention]] = []
    # only events with a member in the same article, or a short-dated member of the same type
    # within the tolerance, can be linked: look those up instead of trying every event
    by_article: dict[str, set[int]] = {}
    by_day: dict[tuple[str, date], set[int]] = {}
    for m in sorted(mentions, key=order_key):
        candidates = set(by_article.get(m.article_id, ()))
        days = _days(m, rules, rules.date_tolerance_days)
        for day in days:
            candidates |= by_day.get((m.type, day), set())
        best, best_score = None, 0
        for index in sorted(candidates):
            g = groups[index]
            score = max(link_score(m, other, rules) for other in g)
            if score > best_score and not any(conflict(m, other, rules) for other in g):
                best, best_score = index, score
        if best is None:
            best = len(groups)
            groups.append([m])
        else:
            groups[best].append(m)
        by_article.setdefault(m.article_id, set()).add(best)
        for day in _days(m, rules, 0):
            by_day.setdefault((m.type, day), set()).add(best)
    return groups


def _days(m: Mention, rules: MergeRules, widen: int) -> list[date]:
    """The days of a short-dated mention's span widened by ``widen``; none for long or unknown spans."""
    if not _short(m, rules):
        return []
    first = m.start - timedelta(days=widen)
    return [first + timedelta(days=i) for i in range((m.end - m.start).days + 1 + 2 * widen)]


def canonical_id(seed: Mention) -> str:
    """Derived from the event's first mention in processing order."""
    return "c" + hashlib.sha256(f"canonical\x1f{seed.id}".encode("utf-8")).hexdigest()[:31]


def _low_best_high(counts: Sequence[tuple[str, Count]]) -> tuple[int | None, int | None, int | None]:
    """Across articles: low = smallest report, best = median report, high = largest figure stated.

    An article's report is the largest lower bound among its mentions ("killed two" and later
    "killed the commander and two aides" give 3); silent mentions are left out, not taken as 0.
    """
    per_article: dict[str, int] = {}
    high: int | None = None
    for article_id, c in counts:
        per_article[article_id] = max(per_article.get(article_id, 0), c.min)
        top = c.max if c.max is not None else c.min
        high = top if high is None else max(high, top)
    if not per_article:
        return None, None, None
    values = sorted(per_article.values())
    return values[0], values[(len(values) - 1) // 2], high


def _most_common(values: Iterable[Any], key: Any = None) -> Any:
    counted = Counter(v for v in values if v is not None)
    if not counted:
        return None
    return sorted(counted.items(), key=lambda kv: (-kv[1], key(kv[0]) if key else str(kv[0])))[0][0]


def _party(parties: list[Party], rules: MergeRules) -> Party | None:
    known = [p for p in parties if p is not None]
    if not known:
        return None
    with_id = [p for p in known if p.id]
    pool = with_id or known
    # the most reported; among equals the most specific (deepest in the hierarchy), then by name
    depth = {p.id: len(rules.ancestors.get(p.id, ())) for p in with_id}
    choice = _most_common(((p.id, p.name, p.text, p.country, p.kind) for p in pool),
                          key=lambda v: (-depth.get(v[0], 0), str(v)))
    chosen = next(p for p in pool if (p.id, p.name, p.text, p.country, p.kind) == choice)
    sponsors = sorted({s for p in known for s in p.sponsors})
    return Party(text=chosen.text, id=chosen.id, name=chosen.name, country=chosen.country, kind=chosen.kind,
                 sponsors=tuple(sponsors))


def _place(places: list[Place]) -> Place | None:
    known = [p for p in places if _place_known(p)] or [p for p in places if p is not None]
    if not known:
        return None
    top = min(_PRECISION_RANK.get(_precision(p), 9) for p in known)
    pool = [p for p in known if _PRECISION_RANK.get(_precision(p), 9) == top]
    return _most_common(pool, key=lambda p: (p.name or p.text, p.text))


def _date(members: list[Mention]) -> DateSpan | None:
    dated = [m for m in members if m.dated]
    if not dated:
        return None
    shortest = min((m.end - m.start).days for m in dated)
    pool = [m for m in dated if (m.end - m.start).days == shortest]
    start, end = _most_common(((m.start, m.end) for m in pool), key=lambda v: v)
    precision = _most_common(m.date.precision for m in pool if (m.start, m.end) == (start, end)) or "day"
    return DateSpan(start.isoformat(), end.isoformat(), precision)


def merge(members: Sequence[Mention], rules: MergeRules) -> CanonicalEvent:
    """One canonical event from its mentions (first in processing order is the seed)."""
    members = sorted(members, key=order_key)
    return CanonicalEvent(
        id=canonical_id(members[0]), type=members[0].type,
        mode=_most_common(m.mode for m in members),
        actor=_party([m.actor for m in members], rules), target=_party([m.target for m in members], rules),
        location=_place([m.place for m in members]), date=_date(members),
        fatalities=_low_best_high([(m.article_id, m.fatalities) for m in members if m.fatalities]),
        injuries=_low_best_high([(m.article_id, m.injuries) for m in members if m.injuries]),
        mention_ids=tuple(m.id for m in members),
        article_ids=tuple(dict.fromkeys(m.article_id for m in members)),
        sources=tuple(sorted({m.source for m in members})),
        evidence=tuple((m.id, m.article_id, m.evidence) for m in members),
    )


def canonicalise(mentions: Iterable[Mention], rules: MergeRules) -> list[CanonicalEvent]:
    """Canonical events of a set of eligible mentions, in processing order of their seeds."""
    return [merge(g, rules) for g in cluster(mentions, rules)]


# --- blocks and incremental reclustering -----------------------------------------------------------

class Block(NamedTuple):
    """Where a mention is filed for cross-article matching (``None`` when it can only link inside
    its own article): ``key`` is ``type|country|week`` (``country`` empty when the place has none),
    ``any_key`` is ``type|*|week`` (for looking up a place with no country), ``start`` the matching
    start day. Weeks start on Monday. Blocks do not depend on the rules."""

    key: str
    any_key: str
    start: date


def _monday(day: date) -> str:
    return (day - timedelta(days=day.weekday())).isoformat()


def block_of(m: Mention) -> Block | None:
    """The block of a mention, or ``None`` when no mention of another article can link to it
    (a cross-article link needs a known start and a known place: :func:`link_score`)."""
    if m.start is None or not _place_known(m.place):
        return None
    week = _monday(m.start)
    return Block(f"{m.type}|{m.place.country or ''}|{week}", f"{m.type}|*|{week}", m.start)


def search_blocks(m: Mention, rules: MergeRules) -> tuple[list[str], list[str], date, date] | None:
    """Where to look for mentions of other articles that ``m`` may link to: block keys, any-country
    keys, and the range their start must fall in; ``None`` when ``m`` cannot link across articles.

    A partner must be short too, so its start lies within ``[m.start - tol - (max_span - 1),
    m.end + tol]``; its country is ``m``'s or none (two known countries that differ never match).
    """
    if not _short(m, rules) or not _place_known(m.place):
        return None
    tol = rules.date_tolerance_days
    lo, hi = m.start - timedelta(days=tol + rules.max_span_days - 1), m.end + timedelta(days=tol)
    weeks = sorted({_monday(lo + timedelta(days=i)) for i in range((hi - lo).days + 1)})
    country = m.place.country
    if country:
        keys = [f"{m.type}|{c}|{w}" for w in weeks for c in (country, "")]
        return keys, [], lo, hi
    return [], [f"{m.type}|*|{w}" for w in weeks], lo, hi


class MentionSource(Protocol):
    """What :func:`recluster` reads from a store (``jobs.py`` passes the store)."""

    def merge_mentions(self, ids: Sequence[str] = (), article_ids: Sequence[str] = ()) -> list[Mention]:
        """Eligible mentions with one of these ids, or of one of these articles."""

    def canonical_comembers(self, ids: Sequence[str]) -> list[str]:
        """Ids of every mention in a stored canonical event with one of these mentions."""

    def block_members(self, keys: Sequence[str], any_keys: Sequence[str]) -> list[tuple[str, date]]:
        """``(mention id, start)`` of the mentions filed under these block keys or any-country keys."""


class BatchFirst:
    """A :class:`MentionSource` that answers for a batch just written from the batch's own mentions,
    in memory, and asks ``store`` only about the other stored mentions.

    ``article_ids`` are the batch's articles and ``mentions`` all their eligible mentions, exactly as
    the store would read them back (``store.BatchRows.mentions``). Mentions just written are in no
    canonical event yet, so their co-members are not looked up either. A batch then reads from the
    store only the neighbours its blocks reach: fetching rows by key from DuckDB's large compressed
    tables costs more per row as they grow, and a batch's own rows were most of what it read back.
    """

    def __init__(self, store: MentionSource, article_ids: Iterable[str], mentions: Iterable[Mention]) -> None:
        self.store = store
        self.articles = frozenset(article_ids)
        self.known = {m.id: m for m in mentions}
        self._by_article: dict[str, list[Mention]] = {}
        for m in self.known.values():
            self._by_article.setdefault(m.article_id, []).append(m)

    def merge_mentions(self, ids: Sequence[str] = (), article_ids: Sequence[str] = ()) -> list[Mention]:
        found = {i: self.known[i] for i in ids if i in self.known}
        for article_id in article_ids:
            found.update((m.id, m) for m in self._by_article.get(article_id, ()))
        other_ids = [i for i in ids if i not in self.known]
        other_articles = [a for a in article_ids if a not in self.articles]
        if other_ids or other_articles:  # (no arguments at all would read every stored mention)
            for m in self.store.merge_mentions(ids=other_ids, article_ids=other_articles):
                found.setdefault(m.id, m)
        return list(found.values())

    def canonical_comembers(self, ids: Sequence[str]) -> list[str]:
        return self.store.canonical_comembers([i for i in ids if i not in self.known])

    def block_members(self, keys: Sequence[str], any_keys: Sequence[str]) -> list[tuple[str, date]]:
        return self.store.block_members(keys, any_keys)


def recluster(seeds: Sequence[str], source: MentionSource,
              rules: MergeRules) -> tuple[list[str], list[CanonicalEvent]]:
    """The mentions whose canonical events must be recomputed after ``seeds`` changed, and those events.

    The group is closed under links (partners come from the same article, from the seeds' blocks,
    or from the stored events of its members, so none is left half-linked even when the rules
    changed since it was formed). Clustering a closed group alone gives what clustering every
    stored mention would, so the result does not depend on batch boundaries.
    """
    group: dict[str, Mention] = {}
    frontier = source.merge_mentions(ids=list(dict.fromkeys(seeds)))
    while frontier:
        group.update((m.id, m) for m in frontier)
        members = set(source.canonical_comembers([m.id for m in frontier])) - group.keys()
        searches = [s for s in (search_blocks(m, rules) for m in frontier) if s]
        nearby: set[str] = set()
        if searches:
            keys = sorted({k for s in searches for k in s[0]})
            any_keys = sorted({k for s in searches for k in s[1]})
            for mention_id, start in source.block_members(keys, any_keys):
                if mention_id not in group and any(lo <= start <= hi for _, _, lo, hi in searches):
                    nearby.add(mention_id)
        articles = sorted({m.article_id for m in frontier})
        found = [c for c in source.merge_mentions(ids=sorted(members | nearby), article_ids=articles)
                 if c.id not in group]
        frontier = [c for c in found if c.id in members] + linked_to_any(
            [c for c in found if c.id not in members], frontier, rules)
    return list(group), canonicalise(group.values(), rules)

"""Checking claims: the store's events and other reports' tallies → bounds on the true count → a verdict.

For a claim the store gives:

* **events**: matching stored events in the window (canonical events or single mentions, never
  aggregates; never what the claim's own article reported; never the anchor event itself). A store
  built from news can miss events but rarely invents them, so their number is a *lower* bound on
  the true count;
* **tallies**: other articles' counts ("more than 140 attacks since mid-October"), read with the
  same rules as the claim. A tally whose filters and window lie inside the claim's bounds the true
  count from below by its minimum (``tally-lower``); a tally whose filters and window contain the
  claim's bounds it from above by its maximum (``tally-upper``). A tally is never an event;
* **coverage**: the share of the window's weeks in which another stored article was published.

The verdict rules are applied in order; the first that holds gives the verdict and its reason.
"""

from __future__ import annotations

from datetime import date
from typing import Sequence

from proxywatch.analyse.claims.anchors import resolve_claims
from proxywatch.analyse.claims.model import (ArticleClaims, Bounds, Claim, ClaimCheck, Coverage, Scope, TallyUse,
                                             Window)
from proxywatch.analyse.claims.reading import ReadContext, read_sentence, read_text
from proxywatch.analyse.claims.rules import rule
from proxywatch.extract import parse_published
from proxywatch.records import Article, Event
from proxywatch.resolve.kb import KnowledgeBase
from proxywatch.store.claim_queries import (TallyRow, count_events, list_events, published_weeks,
                                            tally_rows)
from proxywatch.store import EventQuery, Store

__all__ = ["claims_of", "select_claims", "read_tallies", "tally_relation", "bounds_of", "verdict", "check_claim",
           "check_article", "coverage"]


def claims_of(article: Article, events: Sequence[Event], kb: KnowledgeBase, store: Store | None = None,
              source: str = "canonical") -> list[Claim]:
    """The article's claims, read from its text, with anchored periods placed (article events, then the store)."""
    ctx = ReadContext(kb, parse_published(article.published), article.id)
    return resolve_claims(list(read_text(article.text, ctx)), events, ctx, store, source, article.text)


def select_claims(claims: Sequence[Claim], query: EventQuery) -> list[Claim]:
    """Claims whose filters agree with the given ones (the common flags pick which claims to check)."""
    def keep(c: Claim) -> bool:
        s, w = c.scope, c.window
        actor = (s.actor or s.actor_country or "").lower()
        checks = [
            not query.type or s.type == query.type.upper(),
            not query.actor or (bool(actor) and query.actor.lower() in actor),
            not query.sponsor or s.sponsor == query.sponsor.upper(),
            not query.country or query.country.upper() in s.countries,
            not query.target_country or s.target_country == query.target_country.upper(),
            not query.since or (w.end is not None and w.end >= query.since),
            not query.until or w.open_start or (w.start is not None and w.start <= query.until),
        ]
        return all(checks)
    return [c for c in claims if keep(c)]


# --- tallies ---------------------------------------------------------------------------------------

@rule("tally-read", "tally", "A stored aggregate is read again with the claim rules from its own sentence and "
      "article date; when its period cannot be read there, the stored dates are used; one sentence is one tally "
      "(its conjuncts are tallies of their own).",
      {"text": "Iran-backed groups have attacked US forces in Iraq and Syria more than 140 times since mid-October.",
       "published": "2024-01-21"},
      [{"min": 141, "window": ("2023-10-11", "2024-01-21"), "sponsor": "IRN", "countries": ("IRQ", "SYR")}])
def read_tallies(rows: Sequence[TallyRow], kb: KnowledgeBase) -> list[tuple[Claim, TallyRow]]:
    out: list[tuple[Claim, TallyRow]] = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        key = (row.article_id, row.text)
        if key in seen:
            continue
        seen.add(key)
        ctx = ReadContext(kb, parse_published(row.published), row.article_id)
        for claim in read_sentence(row.text, ctx):
            if not claim.window.known and row.start is not None and row.end is not None:
                claim = claim.with_window(Window(row.start, row.end, row.date_text, rule="tally-read"))
            if claim.window.known and claim.scope.type == row.type:
                out.append((claim, row))
    return out


def _scope_words(scope: Scope) -> str:
    return ", ".join(f"{k}={'/'.join(v) if isinstance(v, list) else v}" for k, v in scope.filters().items())


@rule("tally-lower", "tally", "A tally whose filters and window lie inside the claim's counts only events the claim "
      "counts: the claim's true count is at least the tally's minimum.",
      {"claim": "US troops endured more than 100 attacks between mid-October and early February.",
       "tally": "Iran-backed groups have attacked US forces in Iraq and Syria more than 140 times since mid-October.",
       "tally_published": "2024-01-21"}, "lower")
def _lower(claim: Claim, tally: Claim) -> bool:
    return claim.scope.contains(tally.scope) and claim.window.contains(tally.window)


@rule("tally-upper", "tally", "A tally whose filters and window contain the claim's, with a maximum, counts every "
      "event the claim counts: the claim's true count is at most the tally's maximum.",
      {"claim": "US forces in Iraq were attacked more than 50 times between 17 October and 20 November.",
       "tally": "US forces have been attacked 40 times since 17 October, 20 times in Iraq and 20 times in Syria.",
       "tally_published": "2023-11-24"}, "upper")
def _upper(claim: Claim, tally: Claim) -> bool:
    return tally.max is not None and tally.scope.contains(claim.scope) and tally.window.contains(claim.window)


def tally_relation(claim: Claim, tally: Claim) -> tuple[str, str]:
    """("lower" | "upper" | "overlap", one sentence saying why)."""
    t = tally
    said = f"{t.article_id} counts {t.bounds} ({_scope_words(t.scope)}) from {t.window.start} to {t.window.end}"
    if claim.broad or t.broad:
        return "overlap", said + "; a place is read more broadly than written, so it bounds nothing"
    if _lower(claim, t):
        return "lower", said + ", inside the claim's filters and window: the claim's count is at least " + str(t.min)
    if _upper(claim, t):
        return "upper", said + ", covering the claim's filters and window: the claim's count is at most " + str(t.max)
    why = []
    if not claim.window.contains(t.window) and not t.window.contains(claim.window):
        why.append("its window neither lies inside nor covers the claim's")
    elif not claim.scope.contains(t.scope) and not t.scope.contains(claim.scope):
        why.append("its filters neither lie inside nor cover the claim's")
    else:
        why.append("it covers the claim without a maximum" if t.window.contains(claim.window)
                   else "its filters are wider than the claim's")
    return "overlap", said + "; " + why[0] + ", so it does not bound the claim"


def _overlaps(a: Window, b: Window) -> bool:
    if not (a.known and b.known):
        return False
    a_start = "0000-01-01" if a.open_start else a.start
    b_start = "0000-01-01" if b.open_start else b.start
    return a_start <= b.end and b_start <= a.end  # type: ignore[operator]


def tallies_for(claim: Claim, tallies: Sequence[tuple[Claim, TallyRow]], limit: int = 5) -> tuple[TallyUse, ...]:
    """The tallies that bound the claim (strongest first, at most ``limit`` each way), then up to 3 others about
    the same target whose windows overlap it, closest window first."""
    lower, upper, other = [], [], []
    for tally, row in tallies:
        if tally.scope.type != claim.scope.type or not _overlaps(claim.window, tally.window):
            continue
        relation, how = tally_relation(claim, tally)
        use = TallyUse(tally, row.event_id, relation, how)
        if relation == "lower":
            lower.append(use)
        elif relation == "upper":
            upper.append(use)
        elif tally.scope.target_country == claim.scope.target_country:
            other.append(use)

    def distance(use: TallyUse) -> int:
        w, c = use.tally.window, claim.window
        days = lambda x, y: abs((date.fromisoformat(x) - date.fromisoformat(y)).days) if x and y else 9999  # noqa: E731
        return days(w.start, c.start) + days(w.end, c.end)
    lower.sort(key=lambda u: (-u.tally.min, distance(u)))
    upper.sort(key=lambda u: (u.tally.max, distance(u)))
    return tuple(lower[:limit]) + tuple(upper[:limit]) + tuple(sorted(other, key=distance)[:3])


# --- verdicts --------------------------------------------------------------------------------------

def bounds_of(count: int | None, tallies: Sequence[TallyUse], broad: bool) -> Bounds:
    """What the events and tallies say of the claim's true count."""
    low, low_from = (count, "events") if count is not None and not broad else (0, "none")
    high, high_from = None, None
    for use in tallies:
        t = use.tally
        if use.relation == "lower" and t.min > low:
            low, low_from = t.min, f"tally {t.article_id}"
        if use.relation == "upper" and t.max is not None and (high is None or t.max < high):
            high, high_from = t.max, f"tally {t.article_id}"
    return Bounds(low, low_from, high, high_from)


def _n(n: int) -> str:
    return f"{n} matching stored event{'' if n == 1 else 's'}"


def _covered(cover: Coverage | None, min_coverage: float) -> bool:
    return cover is not None and cover.share >= min_coverage


def _cover_words(cover: Coverage | None) -> str:
    if cover is None:
        return "coverage cannot be measured over an open start"
    return f"stored articles cover {cover.covered_weeks} of its {cover.weeks} weeks ({cover.share:.0%})"


@rule("verdict-no-period", "verdict", "A claim whose period is not stated or cannot be placed cannot be counted: "
      "not enough data.", {"window": None}, "not enough data")
def _v_no_period(claim: Claim, **_: object) -> str | None:
    if claim.window.known:
        return None
    what = claim.window.unresolved or "no period"
    if what == "no period stated":
        return "the claim states no period, so the store cannot be counted over one"
    return f"the period '{what}' could not be placed on a date, so the store cannot be counted over it"


@rule("verdict-more-than-claimed", "verdict", "More evidenced events than the claim allows (stored events or a tally "
      "inside it) contradict it, whatever the coverage: inconsistent.",
      {"claimed": (0, 0), "count": 2, "coverage": (4, 4)}, "inconsistent")
def _v_more(claim: Claim, bounds: Bounds, window: str, **_: object) -> str | None:
    if claim.max is None or bounds.min <= claim.max:
        return None
    said = "none" if claim.max == 0 else f"at most {claim.max}"
    if bounds.min_from == "events":
        return f"the claim says {said}, but the store has {_n(bounds.min)} from {window}"
    return f"the claim says {said}, but {bounds.min_from} puts at least {bounds.min} inside its filters and window"


@rule("verdict-tally-below", "verdict", "A tally covering the claim's filters and window with a maximum below the "
      "claim's minimum contradicts it: inconsistent.",
      {"claimed": (51, None), "count": 3, "upper": 40}, "inconsistent")
def _v_tally_below(claim: Claim, bounds: Bounds, **_: object) -> str | None:
    if bounds.max is None or bounds.max >= claim.min:
        return None
    return f"the claim says {claim.bounds}, but {bounds.max_from} counts at most {bounds.max} over a period and filters covering it"


@rule("verdict-broad", "verdict", "When a filter had to be read more broadly than the words ('eastern Syria' as "
      "Syria) and no tally decides, the store's count bounds nothing: not enough data.",
      {"claimed": (12, None), "count": 30, "broad": True}, "not enough data")
def _v_broad(claim: Claim, count: int | None, **_: object) -> str | None:
    if not claim.broad:
        return None
    return (f"{'; '.join(claim.broad)}, so the store's {count} (over the wider area) neither confirms nor refutes "
            "the claim")


@rule("verdict-at-least", "verdict", "An open-ended claim ('more than 100') is consistent when the stored events or "
      "a tally inside it reach its minimum.", {"claimed": (101, None), "count": 3, "lower": 141}, "consistent")
def _v_at_least(claim: Claim, bounds: Bounds, window: str, count: int | None, **_: object) -> str | None:
    if claim.max is not None or bounds.min < claim.min:
        return None
    if bounds.min_from == "events":
        return f"the store has {_n(bounds.min)} from {window}, reaching the claimed {claim.bounds}"
    return (f"{bounds.min_from} puts at least {bounds.min} inside the claim's filters and window, reaching the "
            f"claimed {claim.bounds} (the store itself has {_n(count or 0)})")


@rule("verdict-within", "verdict", "A claim with a maximum ('none', 'only two') is consistent when the evidence "
      "reaches its minimum without passing its maximum and either a tally caps it or stored articles cover the "
      "window (at least claims_min_coverage of its weeks).", {"claimed": (0, 0), "count": 0, "coverage": (3, 3)},
      "consistent")
def _v_within(claim: Claim, bounds: Bounds, window: str, count: int | None, cover: Coverage | None,
              min_coverage: float, **_: object) -> str | None:
    if claim.max is None or bounds.min < claim.min:
        return None
    capped = bounds.max is not None and bounds.max <= claim.max
    if not capped and not _covered(cover, min_coverage):
        return None
    evidence = (f"the store has {_n(count or 0)} from {window}" + (
        f" and {bounds.min_from} puts at least {bounds.min} inside it" if bounds.min_from.startswith("tally") else ""))
    if capped:
        return f"{evidence}; {bounds.max_from} caps it at {bounds.max}: within the claimed {claim.bounds}"
    return f"{evidence}, and {_cover_words(cover)}: within the claimed {claim.bounds}"


@rule("verdict-uncovered", "verdict", "A claim with a maximum over a window the stored articles do not cover (below "
      "claims_min_coverage of its weeks) and no tally capping it: not enough data (silence proves nothing).",
      {"claimed": (0, 0), "count": 0, "coverage": (4, 1)}, "not enough data")
def _v_uncovered(claim: Claim, bounds: Bounds, window: str, count: int | None, cover: Coverage | None,
                 min_coverage: float, **_: object) -> str | None:
    if claim.max is None or bounds.min < claim.min:
        return None
    return (f"the store has {_n(count or 0)} from {window}, but {_cover_words(cover)}, below the "
            f"{min_coverage:.0%} needed for its silence to count")


@rule("verdict-undercount", "verdict", "Fewer evidenced events than the claim's minimum: a store built from news can "
      "undercount, so this neither confirms nor refutes the claim: not enough data.",
      {"claimed": (151, None), "count": 20, "coverage": (4, 4)}, "not enough data")
def _v_undercount(claim: Claim, bounds: Bounds, window: str, count: int | None, cover: Coverage | None,
                  **_: object) -> str | None:
    tally = f" (the highest tally inside it, {bounds.min_from}, gives {bounds.min})" if bounds.min_from.startswith(
        "tally") else ""
    return (f"the store has {_n(count or 0)} from {window}{tally}, fewer than the claimed {claim.bounds}; "
            f"{_cover_words(cover)}, and a store built from news can undercount, so this neither confirms nor "
            "refutes the claim")


_VERDICTS = ((_v_no_period, "not enough data"), (_v_more, "inconsistent"), (_v_tally_below, "inconsistent"),
             (_v_broad, "not enough data"), (_v_at_least, "consistent"), (_v_within, "consistent"),
             (_v_uncovered, "not enough data"), (_v_undercount, "not enough data"))


def verdict(claim: Claim, count: int | None, cover: Coverage | None, bounds: Bounds,
            min_coverage: float) -> tuple[str, str, str]:
    """(verdict, rule id, reason): the first verdict rule that holds."""
    w = claim.window
    window = f"{'the start of the store' if w.open_start else w.start} to {w.end}"
    for check, said in _VERDICTS:
        reason = check(claim, bounds=bounds, window=window, count=count, cover=cover, min_coverage=min_coverage)
        if reason is not None:
            return said, check.id, reason
    raise AssertionError("the last verdict rule always holds")


# --- the store's numbers ----------------------------------------------------------------------------

def coverage(store: Store, window: Window, exclude_article: str) -> Coverage | None:
    if window.start is None or window.end is None or window.open_start:
        return None
    weeks, covered, articles = published_weeks(store, window.start, window.end, exclude_article)
    return Coverage(weeks, covered, articles)


def _anchor_ids(claim: Claim) -> tuple[str, ...]:
    """The stored events that are the claim's anchor itself (anchor-not-counted)."""
    anchor = claim.window.anchor
    if anchor is None:
        return ()
    ids = list(anchor.same)
    if anchor.event is not None and anchor.event.get("origin") == "store":
        ids.append(anchor.event["id"])
    return tuple(dict.fromkeys(ids))


def check_claim(store: Store, claim: Claim, tallies: Sequence[tuple[Claim, TallyRow]] = (),
                source: str = "canonical", min_coverage: float = 0.5, examples: int = 10) -> ClaimCheck:
    """Count the store over the claim's filters and window, set the tallies beside it and give the verdict."""
    w, scope, own = claim.window, claim.scope, claim.article_id
    skip = _anchor_ids(claim)
    undated = count_events(store, scope.query(), source, own, skip, "undated")
    count, unknown_actor, unplaced, cover, events = None, 0, 0, None, ()
    if w.known:
        q = scope.query(None if w.open_start else w.start, w.end)
        count = count_events(store, q, source, own, skip)
        if scope.actor or scope.sponsor or scope.actor_country:
            anyone = q.without("actor", "sponsor", "actor_country")
            unknown_actor = count_events(store, anyone, source, own, skip, "unknown_actor")
        if scope.countries or scope.places:
            unplaced = count_events(store, q.without("countries", "places"), source, own, skip, "unplaced")
        cover = coverage(store, w, own)
        events = tuple(list_events(store, q, source, own, skip, examples))
    uses = tallies_for(claim, tallies) if w.known else ()
    bounds = bounds_of(count, uses, bool(claim.broad))
    said, rule_id, reason = verdict(claim, count, cover, bounds, min_coverage)
    extras = []
    for n, what in ((unknown_actor, "actor"), (unplaced, "place")):
        if n:
            extras.append(f"{_n(n).replace('matching', 'more matching')} {'has' if n == 1 else 'have'} no known {what}")
    if extras and said != "inconsistent":
        reason += " (" + "; ".join(extras) + ")"
    return ClaimCheck(claim, source, count, unknown_actor, unplaced, undated, cover, said, rule_id, reason + ".",
                      bounds if w.known else None, events, uses)


def check_article(store: Store, article: Article, events: Sequence[Event], kb: KnowledgeBase, *,
                  source: str = "canonical", min_coverage: float = 0.5, pick: EventQuery | None = None,
                  memo: dict | None = None) -> ArticleClaims:
    """Read an article's claims (``events``: what the extractor read in it) and check each against the store.

    ``memo`` keeps the stored tallies already read; pass one dict for every article of a report."""
    claims = claims_of(article, events, kb, store, source)
    if pick is not None:
        claims = select_claims(claims, pick)
    read: dict[tuple[str, str], list[tuple[Claim, TallyRow]]] = {} if memo is None else memo  # a sentence is read once
    checks = []
    for claim in claims:
        w = claim.window
        tallies: list[tuple[Claim, TallyRow]] = []
        if w.known:
            first: dict[tuple[str, str], TallyRow] = {}
            for row in tally_rows(store, claim.scope.type, None if w.open_start else w.start, w.end, article.id):
                first.setdefault((row.article_id, row.text), row)  # one sentence stored as two mentions: one tally
            for key, row in first.items():
                if key not in read:
                    read[key] = read_tallies([row], kb)
                tallies += read[key]
        checks.append(check_claim(store, claim, tallies, source, min_coverage))
    return ArticleClaims(article.id, article.published, tuple(checks), len(events))

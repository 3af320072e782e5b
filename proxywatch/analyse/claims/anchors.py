"""Anchored periods: "since the US retaliated", "since the Tower 22 attack", "before the strikes".

The anchor's words are read into an event description (type, actor, target, place, date) and
placed by the first rule that finds a date:

1. ``anchor-date-in-phrase``: the words carry a date ("the strikes of 2 February", "the 7 October
   attack");
2. ``anchor-article-event``: an event of the same article fits and is dated in its own sentence;
3. ``anchor-article-attributes``: an event of the article fits but is not dated there ("Washington
   answered with a wave of strikes"): its actor, target and place describe the anchor in the store;
4. ``anchor-store-event``: stored events fit, within the credible range (``anchor-credible-range``:
   after the attack a response answers, ``anchor-response-after-cause``; else the year before the
   article): the earliest is used and, when several fit, the others are listed and the choice said;
5. ``anchor-unresolved``: nothing fits; the period has no known start.

A bare definite description with no actor, place or date ("the strikes") is looked for in the
article only (it refers to something the article told).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Sequence

from proxywatch.analyse.claims.model import Anchor, Claim, Window
from proxywatch.analyse.claims.periods import PendingAnchor, dates_in, day_before
from proxywatch.analyse.claims.reading import ReadContext, phrase_at, read_party, read_place, sentences
from proxywatch.analyse.claims.rules import rule
from proxywatch.analyse.claims.words import RESPONSE_WORDS, event_type
from proxywatch.records import Event
from proxywatch.store.claim_queries import CountQuery, anchor_candidates
from proxywatch.store import Store

__all__ = ["AnchorReading", "parse_anchor", "place_anchor", "resolve_claims", "HORIZON_DAYS"]

HORIZON_DAYS = 365  # without a cause, an anchor is looked for in the year before the article
_NOT_ACTOR = frozenset("the a an deadly latest first last recent retaliatory drone rocket missile air deadliest "
                       "massive major initial wave series round of".split())


@dataclass(frozen=True)
class AnchorReading:
    """The event an anchor phrase describes."""

    words: str
    type: str | None = None
    head: str | None = None  # the event word ("strikes", "retaliated")
    actor: str | None = None
    actor_country: str | None = None
    target_country: str | None = None
    place: str | None = None
    country: str | None = None
    date: str | None = None
    response: bool = False
    cause: "AnchorReading | None" = None

    def query(self, since: str | None, until: str | None) -> CountQuery:
        return CountQuery(type=self.type, actor=self.actor, actor_country=self.actor_country,
                          target_country=self.target_country, places=(self.place,) if self.place else (),
                          countries=(self.country,) if self.country else (), since=since, until=until)

    @property
    def stated(self) -> bool:
        return any((self.actor, self.actor_country, self.target_country, self.place, self.country))


def _event_word(tokens: list[str]) -> int | None:
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if event_type(low) or RESPONSE_WORDS.fullmatch(low) or low in ("killing", "killings", "death", "deaths"):
            return i
    return None


@rule("anchor-parse", "anchor", "The anchor's words give the event: its word the type ('attack', 'strikes', "
      "'retaliated' are ASSAULT), the party before it or its subject the actor ('the US retaliated', 'Hamas attack'), "
      "a site or town before it or after 'on/in' the place ('the Tower 22 attack'), 'on/against Y' the target.",
      "Since the Tower 22 attack there have been no attacks on US forces in Iraq.",
      {"anchor": {"place": "Tower 22", "type": "ASSAULT"}})
def parse_anchor(words: str, ctx: ReadContext) -> AnchorReading:
    tokens = re.findall(r"[\w'’-]+", words)
    i = _event_word(tokens)
    days = dates_in(words, ctx)
    day = days[0] if days else None
    if day is None:
        m = re.search(r"\b(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2})\b", words)
        if m:
            found = dates_in(f"on {m.group(0)}", ctx)
            day = found[0] if found else None
    if i is None:
        return AnchorReading(words, date=day)
    head = tokens[i]
    response = bool(RESPONSE_WORDS.fullmatch(head.lower()) or RESPONSE_WORDS.search(" ".join(tokens[:i])))
    reading = AnchorReading(words, type="ASSAULT" if response or head.lower() in ("killing", "killings", "death",
                                                                                  "deaths") else event_type(head),
                            head=head, date=day, response=response)
    lead = re.sub(r"(?i)\b(?:\d{1,2}\s+[a-z]+|[a-z]+\s+\d{1,2})\b", lambda m: "" if dates_in(
        f"on {m.group(0)}", ctx) else m.group(0), " ".join(tokens[:i]))
    before = [t for t in lead.split() if t.lower() not in _NOT_ACTOR]
    fields: dict[str, Any] = {}
    if before:
        name = " ".join(before)
        place = read_place(name, ctx.kb) if name[:1].isupper() or name.lower().startswith("al-") else None
        verb = head.lower().endswith("ed") or head.lower() in ("struck", "hit")
        party = read_party(name, ctx.kb, ctx.day)
        country_name = place is not None and place[0] == "country" and ctx.kb.gazetteer.country_code(
            name, demonyms=False) is not None
        if place is not None and place[0] == "place":
            fields["place"] = place[1]
        elif country_name and not verb and head.lower() in ("attack", "attacks") and not party.actor:
            fields["country"] = place[1]  # "the Jordan attack": where it happened
        elif party.actor and party.kind not in ("state", "military", "government"):
            fields["actor"] = party.actor
        elif party.country:
            fields["actor_country"] = party.country
    after = " ".join(tokens[i + 1:])
    m = re.match(r"(?i)(?:\w+\s+){0,2}?(on|against|at|targeting|in|of|by|for|to)\s+(.+)", after)
    if m:
        prep, rest = m.group(1).lower(), m.group(2)
        if prep in ("for", "to") and response:
            fields["cause"] = parse_anchor(rest, ctx)
        elif prep == "by":
            party = read_party(rest, ctx.kb, ctx.day)
            if party.actor:
                fields["actor"] = party.actor
            elif party.country:
                fields["actor_country"] = party.country
        else:
            place = read_place(rest, ctx.kb) if rest[:1].isupper() or rest.lower().startswith("al-") else None
            party = read_party(rest, ctx.kb, ctx.day)
            if place is not None and place[0] == "place":
                fields["place"] = place[1]
                if party.country:
                    fields["target_country"] = party.country
            elif prep == "in" and place is not None:
                fields["country"] = place[1]
            elif party.country:
                fields["target_country"] = party.country
    return replace(reading, **fields)


def _fits(event: Event, want: AnchorReading) -> bool:
    if event.status != "occurred" or event.negated or event.aggregate is not None:
        return False
    if want.type and event.type != want.type:
        return False
    actor, target, place = event.actor, event.target, event.location
    checks = [
        not want.actor or (actor is not None and actor.id == want.actor),
        not want.actor_country or (actor is not None and actor.country == want.actor_country),
        not want.target_country or (target is not None and target.country == want.target_country),
        not want.place or (place is not None and (place.name or "").lower() == want.place.lower()),
        not want.country or (place is not None and place.country == want.country),
    ]
    if not want.stated and want.head:  # "the strikes": the article's strikes (the same word, the same number)
        checks.append(re.search(rf"(?i)\b{re.escape(want.head)}\b", event.evidence.text) is not None)
    return all(checks)


def _own_date(event: Event) -> str | None:
    """The event's day when its own sentence states it (a date carried over from context is not trusted)."""
    d = event.date
    if d is None or d.start is None or not d.text or d.text.lower() not in event.evidence.text.lower():
        return None
    return d.start


def _described(event: Event, origin: str) -> dict[str, Any]:
    return {"id": event.id, "origin": origin, "date": _own_date(event) or (event.date.start if event.date else None),
            "text": event.evidence.text, "article_ids": [event.article_id]}


@rule("anchor-date-in-phrase", "anchor", "An anchor whose words carry a date ('the US retaliatory strikes of "
      "2 February', 'the 7 October attack') starts on that date.",
      "Since the US retaliatory strikes of 2 February, there have been no attacks on US forces in Iraq.",
      {"window": ("2024-02-02", "2024-02-20")})
def _by_date(reading: AnchorReading, events: Sequence[Event]) -> Anchor | None:
    if reading.date is None:
        return None
    same_day = [e for e in events if _fits(e, replace(reading, head=None)) and _own_date(e) == reading.date]
    shown = _described(same_day[0], "article") if same_day else None
    return Anchor(reading.words, reading.date, "anchor-date-in-phrase", shown, (),
                  f"the phrase gives the date {reading.date}")


@rule("anchor-article-event", "anchor", "An event of the same article that fits the anchor and is dated in its own "
      "sentence places it; several: the earliest, the choice stated.",
      "Since the Tower 22 attack there have been no attacks on US forces in Iraq.",
      {"window": ("2024-01-28", "2024-02-20")})
def _by_article(reading: AnchorReading, events: Sequence[Event], lo: str | None, hi: str | None) -> Anchor | None:
    dated = sorted(((d, e) for e in events if _fits(e, reading) and (d := _own_date(e)) is not None
                    and (lo is None or d >= lo) and (hi is None or d <= hi)), key=lambda x: (x[0], x[1].id))
    if not dated:
        return None
    (day, chosen), rest = dated[0], dated[1:]
    others = tuple({"id": e.id, "date": d, "text": e.evidence.text} for d, e in rest if d != day)[:5]
    note = f"the article dates it {day}" + (_several(len(dated), others, day) if others else "")
    return Anchor(reading.words, day, "anchor-article-event", _described(chosen, "article"), others, note)


def _several(n: int, others: Sequence[dict[str, Any]], day: str) -> str:
    dates = ", ".join(sorted({o["date"] for o in others}))
    return f"; {n} events fit (also {dates}); the earliest, {day}, is used"


@rule("anchor-response-after-cause", "anchor", "A response ('since the US retaliated', 'the US response') comes "
      "after the attack it answers: the latest attack on the responder the article dates, or the one named "
      "('retaliated for the Tower 22 attack'), starts the credible range.",
      "Since the US retaliated, there have been no attacks on US forces in Iraq.",
      {"window": ("2024-02-02", "2024-02-20")})
def cause_date(reading: AnchorReading, events: Sequence[Event], ctx: ReadContext, store: Store | None,
               source: str, hi: str | None) -> str | None:
    if not reading.response:
        return None
    if reading.cause is not None:
        placed = _place(reading.cause, events, ctx, store, source, None, hi)
        if placed is not None and placed.date:
            return placed.date
    attacked = reading.actor_country
    days = [d for e in events if e.type == "ASSAULT" and e.target is not None and e.target.country == attacked
            and not e.negated and e.aggregate is None and (d := _own_date(e)) is not None and (hi is None or d <= hi)]
    return max(days) if days else None


@rule("anchor-credible-range", "anchor", "Stored events are searched from the cause of a response (else from a year "
      "before the article) to the claim's end; the earliest that fits is used and the others are listed.",
      "Since the US strikes, there have been no attacks on US forces in Iraq.",
      {"window": ("2023-10-27", "2024-02-20")})
def credible_range(reading: AnchorReading, events: Sequence[Event], ctx: ReadContext, store: Store | None,
                   source: str, hi: str | None) -> tuple[str | None, str | None, str]:
    cause = cause_date(reading, events, ctx, store, source, hi)
    if cause is not None:
        return cause, hi, f"after the attack it answers ({cause})"
    if ctx.published is None:
        return None, hi, "any time"
    lo = (ctx.published - timedelta(days=HORIZON_DAYS)).isoformat()
    return lo, hi, f"in the year before the article ({lo} to {hi})"


@rule("anchor-article-attributes", "anchor", "A bare anchor ('the strikes') names something the article told: the "
      "last earlier sentence with the same word ('Washington answered with a wave of air strikes') lends its actor "
      "(from its event, else its subject), its target and whether it was a response, for the search in the store.",
      "Before the strikes, militias had attacked US forces more than 160 times.",
      {"window": (None, "2024-02-01"), "open_start": True})
def _attributes(reading: AnchorReading, events: Sequence[Event], ctx: ReadContext, text: str = "",
                before: int | None = None) -> AnchorReading | None:
    if not reading.head:
        return None
    word = re.compile(rf"(?i)\b{re.escape(reading.head)}\b")
    told = [(o, s) for o, s in sentences(text) if (before is None or o < before) and word.search(s)]
    for offset, sentence in reversed(told):
        fields: dict[str, Any] = {}
        for e in events:
            if e.type != reading.type or e.evidence.text.strip() != sentence.strip() or e.negated:
                continue
            if e.actor is not None and e.actor.id and e.actor.kind not in ("state", "military", "government"):
                fields.setdefault("actor", e.actor.id)
            elif e.actor is not None and e.actor.country:
                fields.setdefault("actor_country", e.actor.country)
            if e.target is not None and e.target.country:
                fields.setdefault("target_country", e.target.country)
        if "actor" not in fields and "actor_country" not in fields:
            party = read_party(phrase_at(sentence), ctx.kb, ctx.day)
            if party.actor and party.kind not in ("state", "military", "government"):
                fields["actor"] = party.actor
            elif party.country:
                fields["actor_country"] = party.country
        if fields:
            return replace(reading, response=reading.response or bool(RESPONSE_WORDS.search(sentence)), **fields)
    for e in events:  # no sentence to read (a test's bare events): the article's events themselves
        if not _fits(e, reading):
            continue
        fields = {}
        if e.actor is not None and e.actor.country and e.actor.kind in ("state", "military", "government", None):
            fields["actor_country"] = e.actor.country
        elif e.actor is not None and e.actor.id:
            fields["actor"] = e.actor.id
        if e.target is not None and e.target.country:
            fields["target_country"] = e.target.country
        if fields:
            response = reading.response or bool(RESPONSE_WORDS.search(e.evidence.text))
            return replace(reading, response=response, **fields)
    return None


@rule("anchor-store-event", "anchor", "Stored events that fit an anchor naming an actor, target, place or country "
      "place it: the earliest in the credible range, with the others listed.",
      "Since the US retaliated, there have been no attacks on US forces in Iraq.",
      {"anchor": {"origin": "store", "date": "2024-02-02"}})
def _by_store(reading: AnchorReading, store: Store, source: str, exclude_article: str, lo: str | None,
              hi: str | None, why: str) -> Anchor | None:
    found = anchor_candidates(store, reading.query(lo, hi), source, exclude_article)
    if not found:
        return None
    chosen = found[0]
    others = tuple({"id": f["id"], "date": f["date"], "text": f["text"]} for f in found[1:6])
    note = f"stored events were searched {why}"
    if len(found) > 1:
        note += _several(len(found), others, chosen["date"])
    return Anchor(reading.words, chosen["date"], "anchor-store-event", {**chosen, "origin": "store"}, others, note)


def _place(reading: AnchorReading, events: Sequence[Event], ctx: ReadContext, store: Store | None, source: str,
           lo: str | None, hi: str | None, text: str = "", before: int | None = None) -> Anchor | None:
    placed = _by_date(reading, events)
    if placed is not None:
        return placed
    if reading.head is None:
        return None  # no event word ("since the war began"): nothing to look for
    range_lo, range_hi, why = credible_range(reading, events, ctx, store, source, hi)
    placed = _by_article(reading, events, range_lo, range_hi)
    if placed is not None:
        return placed
    search = reading
    if not reading.stated:
        lent = _attributes(reading, events, ctx, text, before)
        if lent is None:
            return None
        search = lent
        range_lo, range_hi, why = credible_range(search, events, ctx, store, source, hi)
    if store is None or not search.stated:
        return None
    placed = _by_store(search, store, source, ctx.article_id, range_lo, range_hi, why)
    if placed is not None and search is not reading:
        placed = replace(placed, how="anchor-article-attributes",
                         note=f"the article's '{reading.words}' is read as {_describe(search)}; " + placed.note)
    return placed


@rule("anchor-not-counted", "anchor", "The anchor event is not one of the events the claim counts: stored events of "
      "the anchor's type, on its day, in its country and with its target are left out of the count.",
      "In the three weeks since the Tower 22 attack, there have been no further attacks on US troops in Jordan.",
      {"window": ("2024-01-28", "2024-02-20"), "count": 0})
def same_in_store(reading: AnchorReading, anchor: Anchor, events: Sequence[Event], ctx: ReadContext,
                  store: Store | None, source: str) -> tuple[str, ...]:
    if store is None or anchor.date is None:
        return ()
    want = reading
    chosen = next((e for e in events if anchor.event and e.id == anchor.event.get("id")), None)
    if chosen is not None:
        if chosen.actor is not None and chosen.actor.country and not (want.actor or want.actor_country):
            want = replace(want, actor_country=chosen.actor.country)
        if chosen.target is not None and chosen.target.country and not want.target_country:
            want = replace(want, target_country=chosen.target.country)
        if chosen.location is not None and chosen.location.country and not want.country:
            want = replace(want, country=chosen.location.country)
    if want.place and not want.country:
        entry = ctx.kb.gazetteer.lookup(want.place)
        want = replace(want, country=entry.country if entry else None)
    want = replace(want, place=None)
    if not want.stated:
        return ()
    return tuple(f["id"] for f in anchor_candidates(store, want.query(anchor.date, anchor.date), source,
                                                     ctx.article_id))


def _describe(reading: AnchorReading) -> str:
    parts = [reading.type or "an event"]
    for name in ("actor", "actor_country", "target_country", "place", "country"):
        if getattr(reading, name):
            parts.append(f"{name}={getattr(reading, name)}")
    return " ".join(parts)


@rule("anchor-unresolved", "anchor", "An anchor nothing fits leaves the period without a known start: the claim "
      "gets 'not enough data'.", "Since the war began, there have been no attacks on US forces in Iraq.",
      {"window": (None, "2024-02-20"), "unresolved": "the war began"})
def place_anchor(pending: PendingAnchor, events: Sequence[Event], ctx: ReadContext, store: Store | None,
                 source: str = "canonical", text: str = "", before: int | None = None) -> tuple[Window, list[str]]:
    """The window of an anchored period, with the anchor used (or unresolved); ``text`` is the article's
    (its sentences before ``before`` can name what a bare anchor refers to)."""
    reading = parse_anchor(pending.phrase, ctx)
    hi = pending.end if pending.role == "start" else ctx.day
    anchor = _place(reading, events, ctx, store, source, None, hi, text, before)
    if anchor is None or anchor.date is None:
        window = Window(pending.start if pending.role == "end" else None, pending.end if pending.role == "start"
                        else None, pending.text, unresolved=pending.phrase, rule="anchor-unresolved",
                        anchor=Anchor(pending.phrase, None, "anchor-unresolved", None, (),
                                      "no event in the article or the store fits"))
        return window, ["period-anchor", "anchor-parse", "anchor-unresolved"]
    if pending.role == "start":
        start, end = anchor.date, pending.end
        if pending.days and end is not None:
            end = min(end, (date.fromisoformat(start) + timedelta(days=pending.days - 1)).isoformat())
        if end is not None and end < start:
            end = start
        window = Window(start, end, pending.text, anchor=anchor, rule="period-anchor")
    else:
        end = day_before(anchor.date)
        window = Window(pending.start, end, pending.text, open_start=pending.start is None, anchor=anchor,
                        rule="period-anchor")
    same = same_in_store(reading, anchor, events, ctx, store, source)
    if same:
        window = replace(window, anchor=replace(anchor, same=same))
    rules = ["period-anchor", "anchor-parse", anchor.how] + (["anchor-not-counted"] if same else [])
    if "after the attack it answers" in anchor.note:
        rules.append("anchor-response-after-cause")
    if anchor.how == "anchor-store-event" or anchor.how == "anchor-article-attributes":
        rules.append("anchor-credible-range")
    return window, rules


def resolve_claims(claims: Sequence[Claim], events: Sequence[Event], ctx: ReadContext, store: Store | None,
                   source: str = "canonical", text: str = "") -> list[Claim]:
    """The claims with their anchored periods placed (claims without an anchor are returned as they are)."""
    out = []
    for claim in claims:
        pending = claim.pending
        if isinstance(pending, PendingAnchor):
            window, rules = place_anchor(pending, events, ctx, store, source, text, claim.offset)
            claim = replace(claim.with_window(window, *rules), pending=None)
        out.append(claim)
    return out

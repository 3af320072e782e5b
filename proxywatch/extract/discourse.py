"""Discourse rules: what the whole article tells about a sentence — who "we" are, the article's focus, and facts
a later sentence adds to an incident told before (stages ``refine`` and ``article``)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from proxywatch.extract.context import EventContext
from proxywatch.extract.engine import rule
from proxywatch.extract.mentions import FIRST_PERSON_PLURAL, title_anaphor
from proxywatch.extract.syntax import child, core_span
from proxywatch.records import Event, Party, Place
from proxywatch.resolve.gazetteer import country_name

__all__: list[str] = []

# Event types a government's armed forces carry out: "we" of a defence publisher doing them is its military.
_FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})


def _first_person(tok: Token | None) -> bool:
    """ "we", "us", or a noun owned by "our" ("our forces", "our personnel")."""
    if tok is None:
        return False
    if tok.lower_ in FIRST_PERSON_PLURAL:
        return True
    poss = child(tok, "poss")
    return poss is not None and poss.lower_ == "our"


def _spoken_by_publisher(ec: EventContext) -> bool:
    """Not a reporter's question in a transcript: what an official (or the release itself) says."""
    layout = ec.dc.layout
    if layout is None or not layout.turns:
        return True
    from proxywatch.extract.syntax import to_article

    turn = layout.turn_at(to_article(ec.sent.doc, ec.tok.idx))
    return turn is None or turn.role == "official"


@rule("refine.first-person-is-publisher", "'We', 'us' and 'our forces' in a government body's release or briefing "
      "are that government: its country, its military for uses of force and deployments, the state otherwise.",
      "[source: U.S. Department of State] We strongly condemn the attack on the train.")
def first_person_is_publisher(event: Event, ec: EventContext) -> Event:
    publisher = ec.dc.publisher
    if publisher is None or not _spoken_by_publisher(ec):
        return event
    changes = {}
    for role, tok in (("actor", ec.actor_tok), ("target", ec.target_tok)):
        party = getattr(event, role)
        if _first_person(tok) and (party is None or not party.country):
            kind = "military" if event.type in _FORCE_TYPES or tok.lower_ not in FIRST_PERSON_PLURAL else "state"
            changes[role] = Party(text=core_span(tok).text, country=publisher.country, kind=kind)
    return replace(event, **changes) if changes else event


# Attack words general enough to name any use of force told before: "the attack", "the incident".
_GENERAL = frozenset("attack assault incident operation strike".split())
_FACTS = ("actor", "target", "location", "date", "fatalities", "injuries", "mode")
_PRECISION = {"site": 0, "city": 1, "admin1": 2, "sea": 3, "region": 4, "country": 5, None: 6}


def _single(event: Event) -> bool:
    return event.type == "ASSAULT" and event.status == "occurred" and not event.negated and event.aggregate is None


def _same_side(a: Party | None, b: Party | None) -> bool:
    return a is None or b is None or not a.country or not b.country or a.country == b.country


def _days(event: Event) -> tuple[str, str] | None:
    d = event.date
    return (d.start, d.end) if d is not None and d.start and d.end else None


def _compatible(first: Event, later: Event) -> bool:
    """Nothing the two reports say contradicts: same sides where both name one, overlapping days, one country."""
    if not (_same_side(first.actor, later.actor) and _same_side(first.target, later.target)):
        return False
    for x, y in ((first.actor, later.target), (first.target, later.actor)):
        if x is not None and y is not None and x.country and x.country == y.country:
            return False  # one report's attacker is the other's victim: two events
    a, b = _days(first), _days(later)
    if b and not a or a and b and (b[0] > a[1] or b[1] < a[0]):
        return False  # a dated report of an undated incident may well be another one
    pa, pb = first.location, later.location
    if pa is not None and pb is not None and pa.country and pb.country and pa.country != pb.country:
        return False
    for count in ("fatalities", "injuries"):
        x, y = getattr(first, count), getattr(later, count)
        if x is not None and y is not None and x != y:
            return False
    return first.mode is None or later.mode is None or first.mode == later.mode


def _refers_to(first: int, later: int, events: list[Event], cues: list) -> bool:
    """Whether the event at ``later`` names the incident at ``first`` again: a definite noun of the same kind
    ("the attack", "the June 12th attack on the Tutor", "The RSF's shelling"), with the ship or place names it
    gives found in the first report."""
    c1, c2 = cues[first], cues[later]
    if not c2.definite:
        return False
    if not (c1.lemma == c2.lemma or c2.lemma in _GENERAL or c1.lemma in _GENERAL):
        return False
    if not c2.names:
        return True
    first_event = events[first]
    named = " ".join(p.text.lower() for p in (first_event.target, first_event.location) if p is not None)
    if any(name in named for name in c2.names):  # "the attack on the Tutor": the report whose target is the Tutor
        return True
    return first_event.target is None and all(name in first_event.evidence.text.lower() for name in c2.names)


def _merged(first: Event, later: Event) -> Event:
    changes = {}
    for name in _FACTS:
        old, new = getattr(first, name), getattr(later, name)
        if new is None or old == new:
            continue
        if old is None:
            changes[name] = new
        elif name in ("actor", "target") and not old.country and new.country:
            changes[name] = new
        elif name == "location" and (not old.country or old.country == new.country) \
                and _PRECISION[new.precision] < _PRECISION[old.precision]:
            changes[name] = new  # "the attack in Kashmir" ... "near Pahalgam": the finer place
        elif name == "date" and _days(first) and _days(later) and old.precision != "day" \
                and later.date.precision == "day":
            changes[name] = new  # "last week" ... "the June 12th attack": that day
    return replace(first, **changes) if changes else first


@rule("article.facts-to-incident", "A later sentence that names an incident told before ('the attack', 'the June "
      "12th attack on the Tutor', 'the RSF's shelling') and adds a fact — who did it, a toll, the place, the day, "
      "the weapon — puts that fact on the incident's first report too (contract 3.1).",
      "Militants attacked a camp in Darfur this week. The RSF's shelling killed at least eight people.")
def facts_to_incident(events: list[Event], dc) -> list[Event]:
    out = list(events)
    cues = dc.cues
    if len(cues) != len(out):
        return out
    for later, event in enumerate(events):
        if not _single(event):
            continue
        for first in range(later - 1, -1, -1):
            if not _single(out[first]) or dc.origins[first][0] == dc.origins[later][0]:
                continue
            if _refers_to(first, later, out, cues) and _compatible(out[first], event):
                out[first] = _merged(out[first], event)
                break
    return out


@rule("refine.title-of-publisher", "A bare title no earlier sentence names ('The Secretary', 'the spokesperson') in "
      "a government body's release is that body's office-holder: the publisher's country.",
      "[source: U.S. Department of State] The Secretary urged Hamas to accept the deal.")
def title_of_publisher(event: Event, ec: EventContext) -> Event:
    publisher = ec.dc.publisher
    if publisher is None or not _spoken_by_publisher(ec):
        return event
    changes = {}
    for role, tok in (("actor", ec.actor_tok), ("target", ec.target_tok)):
        party = getattr(event, role)
        if tok is not None and (party is None or not party.country) \
                and title_anaphor(tok, core_span(tok)) is not None:
            changes[role] = Party(text=core_span(tok).text, country=publisher.country, kind="person")
    return replace(event, **changes) if changes else event


# Events that happen somewhere: the article's focus country is their place when their sentence names none.
# Speech acts (condemning, urging, threatening, backing) are not placed by what the article is about.
_PLACED_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT", "AID", "COERCE", "PROTEST"})


@rule("article.focus-country", "An event that happened somewhere, whose sentence gives it no place and places nothing "
      "in another country, is in the article's focus country, when its headline, dateline and lead all place it in "
      "one country and other sentences name it (resolve/focus.py); the place says precision 'country' and inferred.",
      "Gunmen attacked a camp for displaced people in Darfur, Sudan, on Monday. The fighting also cut off aid "
      "deliveries. Militants shelled the camp again on Tuesday.")
def focus_country(events: list[Event], dc) -> list[Event]:
    todo = [n for n, e in enumerate(events) if _placeable(e)]
    if not todo:
        return events  # nothing to place: the focus is not worth reading
    focus = dc.focus
    if focus is None or focus.focus_country is None:
        return events
    code = focus.focus_country
    place = Place(text=country_name(code) or code, name=None, country=code, precision="country", inferred=True)
    placed = [m for m in focus.mentions if m.role in ("place", "near")]
    out = list(events)
    for n in todo:
        ev = events[n].evidence
        inside = [m for m in placed if m.source != "headline" and ev.start <= m.start and m.end <= ev.end]
        if any(m.country != code for m in inside):
            continue  # its sentence places something elsewhere (another country, a sea): not ours to overrule
        if not any(m.country == code and (m.source == "headline" or not ev.start <= m.start < ev.end)
                   for m in placed):
            continue  # the focus rests on this very sentence, whose own places the place rules set aside
        out[n] = replace(events[n], location=place)
    return out


def _placeable(event: Event) -> bool:
    return event.location is None and event.type in _PLACED_TYPES and event.status == "occurred" \
        and not event.negated

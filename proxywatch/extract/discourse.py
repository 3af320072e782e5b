"""Discourse rules: what the whole article tells about a sentence — who "we" are, the article's focus, and facts
a later sentence adds to an incident told before (stages ``refine`` and ``article``)."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from proxywatch.extract.context import EventContext
from proxywatch.extract.engine import rule
from proxywatch.extract.mentions import FIRST_PERSON_PLURAL, title_anaphor
from proxywatch.extract.syntax import child, core_span
from proxywatch.extract.dates import resolve_date
from proxywatch.records import DateSpan, Event, Party, Place
from proxywatch.resolve.gazetteer import country_name

__all__ = ["publisher_voice"]

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
    changes = {}
    for role, tok in (("actor", ec.actor_tok), ("target", ec.target_tok)):
        party = getattr(event, role)
        if party is None or not party.country:
            found = publisher_voice(ec, tok, event.type)
            if found is not None:
                changes[role] = found
    return replace(event, **changes) if changes else event


@rule("refine.publisher-condemns", "A condemnation no one is said to make ('These attacks are unacceptable', 'The "
      "Houthis' reckless attacks threaten the free flow of commerce') in a government body's release, or an "
      "official's turn of its briefing, is that government's.",
      "[source: U.S. Department of State] The militia's reckless attacks threaten the free flow of commerce.")
def publisher_condemns(event: Event, ec: EventContext) -> Event:
    publisher = ec.dc.publisher
    if event.type != "ACCUSE" or event.status != "occurred" or event.actor is not None or publisher is None \
            or not publisher.country or not _spoken_by_publisher(ec):
        return event
    return replace(event, actor=replace(publisher, kind=publisher.kind or "state"))


def publisher_voice(ec: EventContext, tok: Token | None, type_: str) -> Party | None:
    """The publishing government when ``tok`` is its "we", "us" or "our forces" (not a reporter's), else None."""
    publisher = ec.dc.publisher
    if publisher is None or not _first_person(tok) or not _spoken_by_publisher(ec):
        return None
    kind = "military" if type_ in _FORCE_TYPES or tok.lower_ not in FIRST_PERSON_PLURAL else "state"
    return Party(text=core_span(tok).text, country=publisher.country, kind=kind)


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


def _compatible(first: Event, later: Event, dating: bool = False) -> bool:
    """Nothing the two reports say contradicts: same sides where both name one, overlapping days, one country.
    ``dating``: the later report names the first by its own word just after it ("an airstrike ... the airstrike
    was carried out on Wednesday"), so its day may date an undated first report."""
    if not (_same_side(first.actor, later.actor) and _same_side(first.target, later.target)):
        return False
    for x, y in ((first.actor, later.target), (first.target, later.actor)):
        if x is not None and y is not None and x.country and x.country == y.country:
            return False  # one report's attacker is the other's victim: two events
    a, b = _days(first), _days(later)
    if b and not a and not dating or a and b and (b[0] > a[1] or b[1] < a[0]):
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
            dating = cues[first].lemma == cues[later].lemma and dc.origins[later][0] - dc.origins[first][0] <= 2
            if _refers_to(first, later, out, cues) and _compatible(out[first], event, dating):
                out[first] = _merged(out[first], event)
                break
    return out


# Words that report only a toll: "two U.S. personnel were injured", "a soldier died of his wounds".
_TOLL = re.compile(r"^(?:kill|injur|wound|hurt|die|dead|death|casualt|hospitali[sz])", re.IGNORECASE)


def _toll_only(event: Event, word: str) -> bool:
    return _single(event) and _TOLL.match(word) is not None and event.actor is None \
        and (event.fatalities is not None or event.injuries is not None) \
        and (event.location is None or event.location.inferred)


@rule("article.toll-to-incident", "A toll told without an attacker or a place of its own in one of the two sentences "
      "after an attack ('Two U.S. personnel were injured') is that attack's toll, not another attack: the counts go "
      "on the attack's record, and the toll's own event is folded into it (contract 3.1).",
      "Militants fired rockets at the air base on Saturday. Most of the rockets were shot down. Two U.S. "
      "personnel were injured.")
def toll_to_incident(events: list[Event | None], dc) -> list[Event | None]:
    out: list[Event | None] = list(events)
    if len(dc.origins) != len(out):
        return out
    for later, event in enumerate(events):
        if event is None or not _toll_only(event, dc.origins[later][2]):
            continue
        sentence = dc.origins[later][0]
        if any(dc.origins[k][0] == sentence for k in range(len(out)) if k != later and out[k] is not None):
            continue  # its sentence tells another event too: the toll may be that one's
        told = [k for k in range(later) if out[k] is not None and 1 <= sentence - dc.origins[k][0] <= 2
                and _single(out[k]) and _compatible(out[k], event)]
        full = [k for k in told if out[k].actor is not None]  # a report that names the attacker, before a
        if full or told:                                        # passive "most were shot down"
            first = (full or told)[-1]
            out[first] = _with_toll(out[first], event)
            out[later] = None
    return out


def _with_toll(first: Event, later: Event) -> Event:
    changes = {name: getattr(later, name) for name in ("fatalities", "injuries")
               if getattr(first, name) is None and getattr(later, name) is not None}
    if later.target is not None and (first.target is None or not first.target.country and later.target.country):
        changes["target"] = later.target  # "a vehicle" ... "one of its members had been killed": the group
    if first.date is None and later.date is not None:
        changes["date"] = later.date
    return replace(first, **changes) if changes else first


@rule("refine.title-of-publisher", "A bare title no earlier sentence names ('The Secretary', 'the spokesperson') in "
      "a government body's release is that body's office-holder: the publisher's country; 'the Department' is the "
      "body itself.",
      "[source: U.S. Department of State] The Secretary urged Hamas to accept the deal.")
def title_of_publisher(event: Event, ec: EventContext) -> Event:
    publisher = ec.dc.publisher
    if publisher is None or not _spoken_by_publisher(ec):
        return event
    changes = {}
    for role, tok in (("actor", ec.actor_tok), ("target", ec.target_tok)):
        party = getattr(event, role)
        if tok is None or party is not None and party.country:
            continue
        core = core_span(tok)
        if title_anaphor(tok, core) is not None:
            changes[role] = Party(text=core.text, country=publisher.country, kind="person")
        elif [t.lower_ for t in core if t.dep_ != "case"] == ["the", tok.lower_] and tok.lemma_.lower() in _OWN_BODIES:
            changes[role] = Party(text=core.text, country=publisher.country, kind="government")  # "the Department"
    return replace(event, **changes) if changes else event


# Bodies a government release names itself by: "the Department welcomes the announcement".
_OWN_BODIES = frozenset("department ministry embassy bureau administration".split())


# Events that happen somewhere: the article's focus country is their place when their sentence names none.
# Speech acts (condemning, urging, threatening, backing) are not placed by what the article is about.
_PLACED_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT", "AID", "COERCE", "PROTEST"})


@rule("article.focus-country", "An event that happened somewhere, whose sentence gives it no place and places nothing "
      "in another country, is in the article's focus country, when its headline, dateline and lead all place it in "
      "one country and other sentences name it (resolve/focus.py); the place says precision 'country' and inferred. "
      "Not an attack on a ship, nor after a turn to another topic ('Separately, ...') that does not name it again.",
      "Gunmen attacked a camp for displaced people in Darfur, Sudan, on Monday. The fighting also cut off aid "
      "deliveries. Militants shelled the camp again on Tuesday.")
def focus_country(events: list[Event], dc) -> list[Event]:
    todo = [n for n, e in enumerate(events) if _placeable(e) and not _at_sea(e)]
    if not todo:
        return events  # nothing to place: the focus is not worth reading
    focus = dc.focus
    if focus is None or focus.focus_country is None:
        return events
    code = focus.focus_country
    place = Place(text=country_name(code) or code, name=None, country=code, precision="country", inferred=True)
    placed = [m for m in focus.mentions if m.role in ("place", "near")]
    out = list(events)
    shifts = topic_shifts(dc.article.text)
    for n in todo:
        ev = events[n].evidence
        inside = [m for m in placed if m.source != "headline" and ev.start <= m.start and m.end <= ev.end]
        if any(m.country != code for m in inside):
            continue  # its sentence places something elsewhere (another country, a sea): not ours to overrule
        low, high = _section(shifts, ev.start)
        if low > 0:  # after "Separately, ...": the focus holds only where the new topic names it again
            placed_here = [m for m in placed if m.source != "headline" and low <= m.start < high]
        else:
            placed_here = placed
        if not any(m.country == code and (m.source == "headline" or not ev.start <= m.start < ev.end)
                   for m in placed_here):
            continue  # the focus rests on this very sentence, whose own places the place rules set aside
        out[n] = replace(events[n], location=place)
    return out


# Words that open a new topic in a briefing, readout or release: what follows is not about the lead's place.
_TOPIC_SHIFT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))[ \t]*(?P<word>Separately|Switching gears|Shifting gears|Changing gears|"
    r"Moving on|Turning (?:now )?to|In (?:other|separate) news|In a separate (?:development|incident|matter)|"
    r"On (?:a|another) (?:separate|different|unrelated) (?:note|topic|matter|subject)|Elsewhere)\b")


def topic_shifts(text: str) -> list[int]:
    """Where the article turns to another topic ("Separately, last week, the Houthis struck ..."): offsets."""
    return [m.start("word") for m in _TOPIC_SHIFT.finditer(text)]


def _section(shifts: list[int], offset: int) -> tuple[int, int]:
    """The topic section holding ``offset``: from the last shift before it (0: the lead's) to the next one."""
    low = max((s for s in shifts if s <= offset), default=0)
    high = min((s for s in shifts if s > offset), default=1 << 62)
    return low, high


# A ship attacked is at sea, or in a port the sentence names: never placed by the land an article is about.
_SHIP = re.compile(r"\b(?:M/[VT]|MV|ship|ships|vessel|vessels|tanker|tankers|freighter|freighters|carrier|"
                   r"destroyer|frigate|cruiser|dhow|boat|boats|USS|HMS)\b", re.IGNORECASE)


def _at_sea(event: Event) -> bool:
    return event.type == "ASSAULT" and event.target is not None and bool(_SHIP.search(event.target.text or ""))


def _placeable(event: Event) -> bool:
    return event.location is None and event.type in _PLACED_TYPES and event.status == "occurred" \
        and not event.negated


# Readouts of a meeting or call: "Readout of ...'s Call With ...", "Blinken Meets with Qatari Amir ...".
_READOUT_TITLE = re.compile(r"\b(?:Readout|(?:Meets?|Meeting|Calls?|Speaks?|Spoke|Phone Call|Talks?) [Ww]ith)\b")
# Titles that open with the day they report: "June 23 U.S. Central Command Update", "Sept. 3: ...".
_TITLE_DAY = re.compile(r"^\s*((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
                        r"(?:, \d{4})?)\b(?!,? \d{4} version)")
_MEETING_TYPES = frozenset({"CONSULT", "AGREE"})


def _undated(event: Event) -> bool:
    return event.date is None and event.status == "occurred" and not event.negated and event.aggregate is None


@rule("article.readout-day", "A readout of a meeting or call ('Blinken Meets with Qatari Amir', 'Readout of ...'s "
      "Call With ...') is published the day it tells of: the meeting and what was agreed there, when their own "
      "sentence does not date them, took place on the publication day.",
      "[title: Minister Meets with Iraqi Prime Minister] The minister met with the prime minister in Baghdad to "
      "discuss the security of coalition forces.")
def readout_day(events: list[Event], dc) -> list[Event]:
    title = dc.article.title or ""
    if dc.published is None or not _READOUT_TITLE.search(title):
        return events
    day = dc.published.isoformat()
    span = DateSpan(start=day, end=day, precision="day", text=None)
    return [replace(e, date=span) if e is not None and e.type in _MEETING_TYPES and (_undated(e) or _story_dated(e))
            else e for e in events]


def _story_dated(event: Event) -> bool:
    """Dated only by the story's day carried over from another sentence ("signed into law on April 24" before "They
    agreed that ..."): its sentence names no day."""
    d = event.date
    return d is not None and event.status == "occurred" and not event.negated and bool(d.text) \
        and d.text not in event.evidence.text


@rule("article.title-day", "A release whose title opens with the day it reports ('June 23 U.S. Central Command "
      "Update') dates the undated events of its lead paragraph to that day.",
      "[title: June 23 Central Command Update] Houthi militants struck a Greek-owned bulk carrier in the Red Sea "
      "with a drone boat. The crew reported minor injuries.")
def title_day(events: list[Event], dc) -> list[Event]:
    match = _TITLE_DAY.match(dc.article.title or "")
    layout = dc.layout
    if match is None or layout is None or layout.lead is None:
        return events
    span = resolve_date(match.group(1), dc.published)
    if span is None or span.precision != "day":
        return events
    low, high = layout.lead
    return [replace(e, date=span) if e is not None and _undated(e) and low <= e.evidence.start < high else e
            for e in events]

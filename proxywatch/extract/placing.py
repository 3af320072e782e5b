"""Place rules (stage ``refine``): a second look at where an event happened, after ``event.place`` has read the
sentence (readers.py ``location``).

Each rule fills or mends ``location`` in one situation the general reader gets wrong on real news: a town named
by another of its names or with a division word, a town used as the modifier of the event noun ("the Orlando
shooting") and read as the actor, a proper name the gazetteer lacks, and an event that is the setting of another
("shot at a protest in X").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from proxywatch.extract.context import EventContext
from proxywatch.extract.engine import rule
from proxywatch.extract.syntax import core_span
from proxywatch.records import Event, Place

__all__: list[str] = []

# Words before a place name that are no part of it: "the", "northern", "downtown".
_NOT_NAME = frozenset("the a an northern southern eastern western central north south east west downtown "
                      "northeastern northwestern southeastern southwestern".split())
# Prepositions that put an event in a place: "attacks in X", "clashes near X", "a blast at X".
_IN = frozenset("in near at outside inside around".split())
# Entity labels of names that are not places even after "in": an organisation, a people, a work, a day.
_NOT_PLACE = frozenset({"ORG", "NORP", "WORK_OF_ART", "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY",
                        "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "PRODUCT"})
# Prepositions that make an event the setting of another: "shot at a protest", "arrested during a rally".
_SETTING = frozenset("at during amid in".split())


def _written(text: str) -> str:
    """A place as the article names it, without a leading article or direction word."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in _NOT_NAME:
        words = words[1:]
    return " ".join(words)


@rule("refine.place-as-written", "A town the gazetteer knows by another of its names ('Kobani' for ‘Ayn al ‘Arab), or "
      "a division named with its division word ('Balkh province'), is named as the article names it.",
      "Coalition jets struck Islamic State positions near Kobani on Monday.")
def place_as_written(event: Event, ec: EventContext) -> Event:
    loc = event.location
    if loc is None or loc.inferred or loc.precision not in ("city", "admin1"):
        return event
    entry, how = ec.kb.gazetteer.match(loc.text, ec.read.countries_in(ec.sent.doc))
    if entry is None or how not in ("other", "division"):
        return event
    name = _written(loc.text)
    if how == "division":  # "Deir ez-Zor province": the province, not its chief town
        return replace(event, location=replace(loc, name=name, admin1=name, precision="admin1", lat=None, lon=None))
    return replace(event, location=replace(loc, name=name))


def _modifier_place(ec: EventContext, tok: Token | None) -> Place | None:
    """The town or site a name modifying the trigger noun stands for ("the Orlando shooting"), or None."""
    if tok is None or tok.dep_ != "compound" or tok.head.i not in {t.i for t in ec.group} | {ec.tok.i} \
            or tok.head.pos_ != "NOUN":
        return None
    span = core_span(tok)
    if ec.kb.find_actor(span.text) is not None and ec.kb.gazetteer.lookup(span.text) is None:
        return None
    entry = ec.kb.gazetteer.lookup(span.text, ec.read.countries_in(ec.sent.doc))
    if entry is None or entry.precision not in ("site", "city", "admin1"):
        return None  # "a US strike", "an Iran attack": a state's name is who acted
    if entry.precision != "site" and ec.read.not_a_place(span.text):
        return None  # "the Hamas attack": a group the KB knows
    return Place(text=span.text, name=entry.name, country=entry.country, admin1=entry.admin1, lat=entry.lat,
                 lon=entry.lon, precision=entry.precision)


@rule("refine.place-modifier", "A town or site that modifies the event noun ('the Orlando shooting', 'the Moscow "
      "demonstrations') is where it happened, and not who did it; a state's name ('a US strike') or a possessive "
      "('Moscow's strikes') stays the actor.",
      "The senator spoke a week after the Orlando shooting.")
def place_modifier(event: Event, ec: EventContext) -> Event:
    if event.location is not None and event.location.precision not in ("country", "region"):
        return event
    for tok in [t for t in ec.tok.children if t.dep_ == "compound" and t.pos_ == "PROPN"]:
        place = _modifier_place(ec, tok)
        if place is None:
            continue
        if ec.actor_tok is not None and ec.actor_tok.i == tok.i:
            ec.actor_tok = None
            return replace(event, actor=None, location=place)
        return replace(event, location=place)
    return event


def _unlisted(ec: EventContext, anchor: Token) -> Token | None:
    """A proper name after "in", "near", "at" in the anchor's own phrase that no gazetteer, party or label
    claims ("in Badia al-Sukhnah"), or None."""
    preps = [c for c in anchor.children if c.dep_ == "prep"]
    preps += [p for c in preps for o in c.children if o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME")
              for p in o.children if p.dep_ == "prep"]  # "On March 3 in Bagram, a bomber blew himself up"
    for prep in preps:
        if prep.lower_ not in _IN:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.pos_ != "PROPN" or obj.ent_type_ in _NOT_PLACE:
            continue
        span = core_span(obj)
        if not span.text[:1].isupper():
            continue
        if any(t.pos_ not in ("PROPN", "PUNCT", "DET") and t.dep_ != "amod" for t in span) \
                or ec.kb.find_actor(span.text) is not None or ec.kb.gazetteer.lookup(span.text) is not None:
            continue  # "in Hamas's tunnels", "in Gaza" (the reader's), "in Congress" (a party)
        if obj.ent_type_ == "PERSON" and prep.lower_ not in ("in", "near"):
            continue  # "at Smith's": a person
        return obj
    return None


@rule("refine.place-unlisted-name", "A proper name the gazetteer lacks after 'in', 'near' or 'at' in the event's own "
      "phrase or its target's ('attacks in Badia al-Sukhnah') is its place, as written; not an organisation, a "
      "people, a day or a party the knowledge base knows. Its country is the one the sentence gives it, else the "
      "article's focus country, else none; its precision 'city' (a town or village the gazetteer lacks).",
      "Gunmen killed four shepherds in Wadi Qarnayil on Sunday.")
def place_unlisted_name(event: Event, ec: EventContext) -> Event:
    loc = event.location
    if loc is not None and (loc.precision != "country" or loc.inferred):
        return event
    for anchor in [ec.tok, *ec.group, *([ec.target_tok] if ec.target_tok is not None else [])]:  # "killed four
        # shepherds in X": where the victims were
        obj = _unlisted(ec, anchor)
        if obj is None:
            continue
        span = core_span(obj)
        country = loc.country if loc is not None and any(
            c.dep_ == "appos" or c.dep_ == "conj" for c in obj.children) else None  # "in X, Syria"
        if loc is not None and country is None:
            return event  # "in X ... in Syria": the reader's country stands
        if country is None and ec.dc.focus is not None:
            country = ec.dc.focus.focus_country  # the one country the article is about, if it has one
        return replace(event, location=Place(text=span.text, name=_written(span.text), country=country,
                                             precision="city"))  # a village or town the gazetteer lacks
    return event


@rule("refine.place-of-setting", "An event that is the setting of an earlier one of its sentence ('was shot at a "
      "protest in X', 'arrested during a rally in X') happened where that one did.",
      "A student was shot at a protest on Tuesday in the city of Barquisimeto.")
def place_of_setting(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if event.location is not None or tok.dep_ != "pobj" or tok.head.lower_ not in _SETTING:
        return event
    governor = tok.head.head
    dc = ec.dc
    for (n, _k, word), other in zip(reversed(dc.origins), reversed(dc.events)):
        if n != ec.sc.number:
            break
        if word == governor.text and other.location is not None and not other.location.inferred \
                and other.location.precision not in (None, "country", "region"):
            return replace(event, location=other.location)
    return event


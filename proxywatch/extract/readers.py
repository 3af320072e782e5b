"""The readers: what a sentence says of an event's parties, roles, place, date, mode, casualties and status.

Public methods that the rules call (through the contexts of ``context.py``); each reads the parse tree
and the knowledge base and decides nothing about which reading applies (the rules do). ``roles`` is
computed once per token. The extractor is a :class:`Readers` holding the knowledge base (``self.kb``) and
the curated place matcher (``self._places``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.dates import listed_dates, offset_date, resolve_date
from proxywatch.extract.doccache import doc_ents, sent_ents
from proxywatch.extract.mentions import (PLURAL_PRONOUNS, Salience, anaphor_kinds, relative_head, subject_before,
                                         title_anaphor)
from proxywatch.extract.numbers import parse_count
from proxywatch.extract.senses import ARMED_WORDS
from proxywatch.extract.syntax import (AREA_NOUNS, CASUALTY_NOUNS, CLAUSES, NIGHTS, OTHER_TIME, PARTNER_PREPS,
                                       PLACE_LABELS, PLACE_PREPS, PRECISION_RANK, QUANTITY_HEADS, REPORTING, SITES,
                                       SITE_NOUNS, TARGET_PREPS, TO_NOUNS, clause_head, core_span, counted_thing,
                                       earlier_clause, named_modifier, owner_kind, time_offset)
from proxywatch.extract.syntax import child as _child, prep_object as _prep_object
from proxywatch.records import Count, DateSpan, Party, Place
from proxywatch.resolve.gazetteer import DIVISION_WORDS, PlaceEntry
from proxywatch.resolve.kb import KnowledgeBase
from proxywatch.resolve.names import normalize
from proxywatch.resolve.parties import KIND_NOUNS, resolve_party

__all__ = ["Readers"]

# Heads of a speaker's title or an office's voice: a place modifying one ("Pentagon Press Secretary", "Erbil
# officials") names who speaks, not where the event happened.
_SPEAKERS = frozenset("secretary spokesman spokeswoman spokesperson press official officer chief leader "
                      "correspondent statement briefing readout minister ministry envoy ambassador".split())

# Heads of purpose phrases ("in support of ...", "on behalf of ...", "for the sake of ..."): a place inside one
# tells why, not where the event happened.
# Prepositions of another moment: an event noun after one is not done by the clause's subject.
_OTHER_MOMENT = frozenset("since following after before amid despite".split())
# Participles that tie a site to its owner: "a facility affiliated with the IRGC", "depots linked to the militia".
_TIED = frozenset("affiliate link associate tie connect".split())
# Participles that name a party's sponsors: "militias backed by Iran", "the government, supported by Russia and Iran".
_BACKING = frozenset("back support sponsor fund finance arm train equip".split())
# A month name and a day: "October 7" tagged as an event is still a day.
_DAY_LIKE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE)
# Verbs of firing a weapon: what they are fired "into" is what they were aimed at.
_FIRING = frozenset("fire launch shoot lob".split())
# Directions that make the place after "of" a point to measure from: "north of Mogadishu", "20 km east of Jos".
_BEARINGS = frozenset("north south east west northeast northwest southeast southwest northeastern northwestern "
                      "southeastern southwestern outside".split())


def _reference_point(root: Token) -> str | None:
    """The bearing when a place is only the point another one is measured from ("north of the capital, Mogadishu",
    "east of Jos"), else None."""
    while root.dep_ == "appos" and root.head.i != root.i:
        root = root.head  # "the capital, Mogadishu"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _BEARINGS:
        return root.head.head.lower_
    return None


# Parts of a country named with it: "in Kenya's capital", "in Iraq's north": somewhere in that country.
_PARTS_OF = frozenset("capital north south east west northeast northwest southeast southwest coast interior "
                      "heartland".split())
# Words before a date that say from or until when an act holds, not when it was done.
_IN_FORCE = frozenset("effective starting beginning until till through expiring".split())
# Verbs of harm whose "with" names the attack that did it: "killed 24 fighters with an airstrike".
_HARMING = frozenset("kill wound injure destroy hit strike target eliminate neutralize neutralise".split())
# Fights whose "with" names the other side: "renewed clashes with the SDF".
_OPPONENT_NOUNS = frozenset("clash fighting battle skirmish firefight confrontation".split())
# Acts whose "of" names whom they were done to.
_DONE_TO = frozenset("taking kidnapping abduction killing assassination massacre bombing shelling".split())
# Passive verbs whose subject does what follows: "forces were used to neutralize", "jets were sent to strike".
_TASKED = frozenset("use employ deploy send order task direct authorize dispatch".split())
# Verbs whose weapon object is what was hit: "struck and destroyed four missiles", "engaged the drones".
_STRIKING = frozenset("strike destroy engage intercept hit target bomb".split())
# Participles that say what a noun is made of: "a campaign consisting of strikes", "operations involving jets".
_MADE_OF = frozenset("consist comprise involve include".split())
# Weapons struck before their launch, and the prepositions that tell where they were aimed.
_AIMED_WEAPONS = lx.WEAPON_NOUNS | frozenset("launcher vehicle system boat vessel".split())
_AIMING = frozenset("toward towards against at into".split())
# Other force verbs whose object is what was hit.
_HIT_OBJECTS = frozenset("attack down eliminate neutralize neutralise shell raid ambush sink".split())  # not
# "fire", "launch", "drop", "throw", "detonate": their object is the weapon
_PURPOSES = frozenset("support solidarity retaliation response revenge reprisal protest honour honor behalf sake "
                      "defence defense memory".split())


# Entity labels of names that are never places: "in March", "on Sunday".
_NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _hyphen_whole(span: Span) -> Span:
    """A place name with the parts a hyphen ties to it without spaces: "Mazar" and "Sharif" in "Mazar-i-Sharif"."""
    doc, start, end = span.doc, span.start, span.end
    while start >= 2 and doc[start - 1].text in ("-", "‑") and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    while end + 1 < len(doc) and doc[end].text in ("-", "‑") and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    return span if (start, end) == (span.start, span.end) else doc[start:end]


def _hits_its_object(verb: Token) -> bool:
    """Whether a verb's direct object is what was hit ("struck missile launchers", "shot down two drones"), not the
    weapon used ("fired missiles")."""
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and (lemma in _STRIKING or lemma in _HIT_OBJECTS or lemma == "shoot" and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in verb.children))


_DOERS = frozenset({"military", "armed_group", "government"})


def _fronted_subject(verb: Token) -> Token | None:
    """The subject the parser hung on an opening phrase: "At the direction of President Biden, U.S. forces conducted
    strikes" read "forces" as an apposition of "Biden"; a main verb with no subject of its own does it."""
    if verb.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i:
            continue
        for tok in prep.subtree:
            if tok.dep_ != "appos" or tok.i > verb.i:
                continue
            doer = KIND_NOUNS.get(tok.lemma_.lower()) in _DOERS or tok.ent_type_ in ("ORG", "NORP")
            between = tok.doc[tok.right_edge.i + 1: verb.i]
            listing = {t.i for t in between if t.lower_ in ("including", "like") for t in t.subtree}
            if doer and all(t.is_punct or t.i in listing for t in between) and (
                    tok.right_edge.is_punct or between[:1].text == ","):
                return tok  # forces, an apposition that ends just before the verb ("..., including jets,"): its
                # subject
    return None


def _other_victims(victims: Token, verb: Token, before: Count | None) -> bool:
    """Whether a second toll of a sentence counts other people, in a clause of its own: not "one of them", "two of
    whom", "among them", nor the first toll told again."""
    if before is None or before.max == 0 or verb.dep_ not in ("conj", "ROOT") or victims.pos_ == "PRON":
        return False
    of = _prep_object(victims, ("of", "among"))
    return of is None and not any(c.lower_ in ("them", "whom", "those") for c in victims.subtree)


def _added(a: Count | None, b: Count) -> Count:
    if a is None:
        return b
    return Count(a.min + b.min, None if a.max is None or b.max is None else a.max + b.max)


def _instrument(clause: Token) -> bool:
    """ "using an unmanned aerial vehicle", "employing drones": a clause naming the means."""
    return clause.lemma_.lower() in ("use", "employ") and clause.tag_ == "VBG"


def _attributed(tok: Token) -> Token | None:
    """Who a weapon or attack is said to be from: "a rocket attributed to Hezbollah", "drones fired by the militia"."""
    for verb in tok.children:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            if verb.lemma_.lower() == "attribute":
                return _prep_object(verb, ("to",))
            if verb.lemma_.lower() in _FIRING:
                agent = _child(verb, "agent")
                return _child(agent, "pobj") if agent is not None else None
    return None


def _operation_name(tok: Token) -> bool:
    """ "Operation Long Arm", "Operation Midnight Hammer": the name of a military operation."""
    first = next((t for t in tok.subtree if t.i <= tok.i and t.lower_ != "the"), None)
    return tok.pos_ == "PROPN" and first is not None and first.lower_ == "operation" and first.i < tok.i


def _subject_word(verb: Token) -> Token | None:
    """A verb's subject; not a stray "-" or date word the parser took for one ("Since mid-December 2023, ...")."""
    return next((c for c in verb.children if c.dep_ == "nsubj" and not c.is_punct
                 and c.ent_type_ not in ("DATE", "TIME")), None)


class Readers:
    """Readers of an event's roles, parties, place, date, mode, casualty counts and status."""

    kb: KnowledgeBase
    _places: PhraseMatcher

    def location(self, sent: Span, trigger: Token, skip: list[Span], target_tok: Token | None,
                  group: list[Token] | None = None, others: set[int] | frozenset[int] = frozenset(),
                  whence: bool = False) -> Place | None:
        """The event's place; ``whence``: a place after "from" counts ("withdrew from southern Lebanon")."""
        doc = sent.doc
        spans: list[Span] = [e for e in sent_ents(sent) if e.label_ in PLACE_LABELS]
        spans += [core_span(t) for t in sent if t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS
                  and t.ent_type_ not in _NOT_PLACE_LABELS and (
                      t.dep_ == "pobj" and (t.head.lower_ in PLACE_PREPS or t.head.lower_ == "of"
                                            and t.head.head.lemma_.lower() in AREA_NOUNS or _reference_point(t))
                      or t.dep_ in ("poss", "compound") and t.head.lemma_.lower() in SITES)]
        # "rallied in Sanaa", "Sanaa's airport", "the city of Lyon", "north of Aleppo": names not tagged as places;
        # not "in March"
        spans += [doc[min(c.i for c in t.children if c.dep_ == "compound"): t.i + 1] for t in sent
                  if t.lemma_.lower() in DIVISION_WORDS and t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS
                  and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children)]  # "in Miranda state"
        if "pw_places" not in doc.user_data:  # curated place names, matched once per document
            doc.user_data["pw_places"] = [(s, e) for _, s, e in self._places(doc)]
        spans += [doc[s:e] for s, e in doc.user_data["pw_places"] if sent.start <= s and e <= sent.end]
        spans = [_hyphen_whole(s) for s in spans]  # "Mazar-i-Sharif", split by the tagger
        divisions = [s for s in spans if s.root.lemma_.lower() in DIVISION_WORDS and len(s) > 1]
        spans = [s for s in spans if not any(o.start <= s.start and s.end <= o.end and len(o) > len(s)
                                             for o in divisions)]  # "Balkh" in "Balkh province": the province
        spans = [s for s in spans if not (s.root.dep_ == "pobj" and s.root.head.lower_ == "of" and any(
            o.start <= s.start and s.end <= o.end and len(o) > len(s) and o.start <= s.root.head.i < o.end
            and o.root.lemma_.lower() not in AREA_NOUNS and self.kb.gazetteer.lookup(o.text) is not None
            for o in spans))]  # "Aden" in "the Gulf of Aden"; but "the port of Hodeidah" is Hodeidah
        context = self.countries_in(doc)
        foreign = {t.i for c in sent if c.dep_ == "advcl" and c.i != trigger.i and not c.is_ancestor(trigger)
                   and (mark := _child(c, "mark")) is not None and mark.lower_ in OTHER_TIME for t in c.subtree}
        for c in sent:  # "in support of the Palestinians in Gaza", "in solidarity with Gaza": why, not where
            if c.dep_ == "pobj" and c.head.lower_ in ("in", "on", "for") and c.lemma_.lower() in _PURPOSES \
                    and c.i != trigger.i and not c.is_ancestor(trigger):  # "in retaliation for a strike in X": X
                foreign |= {t.i for t in c.subtree}
                after = doc[c.right_edge.i + 1] if c.right_edge.i + 1 < sent.end else None
                if after is not None and after.dep_ == "prep" and after.lower_ in ("of", "with", "for", "to"):
                    foreign |= {t.i for t in after.subtree}  # the parser hung "with ..." on the verb
        participle = {t.i for t in trigger.subtree} if trigger.pos_ == "VERB" and trigger.dep_ == "acl" else set()
        # "shot down a missile fired by the Houthis over the Red Sea": the launch's own place
        weapon_clause: set[int] = set()  # what the struck weapons' own clauses say
        if target_tok is not None and target_tok.i != trigger.i and target_tok.lemma_.lower() in _AIMED_WEAPONS:
            for clause in target_tok.children:  # "struck four missiles that were prepared to launch against ships
                if clause.dep_ in ("relcl", "acl"):  # in the Red Sea": where the weapons were aimed, not the strike's
                    foreign |= {t.i for p in clause.subtree if p.dep_ == "prep" and p.lower_ in _AIMING
                                for t in p.subtree}
                    weapon_clause |= {t.i for t in clause.subtree}
        candidates: list[tuple[int, int, Place, int, int]] = []
        for span in spans:
            if any(span.start < k.end and k.start < span.end for k in skip):
                continue
            root = span.root
            named = _prep_object(root, ("of",)) if root.lemma_.lower() in AREA_NOUNS else None
            if named is not None and named.pos_ == "PROPN":
                continue  # "the southern Gaza city of Khan Younis": Khan Younis, not Gaza City
            if others and clause_head(root).i in others and root.i not in participle or root.i in foreign:
                continue  # a place of the sentence's other attack; "until the war in Gaza ends"
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head  # "brokered by the United States and France": as the first conjunct
            if root.dep_ in ("nsubj", "nsubjpass") and root.lemma_.lower() not in SITES \
                    or root.dep_ == "pobj" and root.head.lower_ in ("by", "with"):
                continue  # "Tehran denied", "a deal brokered by Qatar": a party, not the place; "the base came
                # under fire": the place
            entry = self.kb.gazetteer.lookup(span.text, context)
            named_country = self._country_after(span)
            if named_country and entry is not None and entry.precision == "country":
                named_country = None  # "Iraq, Syria and Jordan": a list of countries
            if named_country and (entry is None or entry.country != named_country) and root.pos_ == "PROPN":
                entry = PlaceEntry(span.text, named_country, None, None, "city")  # "Dar as Salam, Somalia": the
                # Somali town the text names, not a namesake elsewhere nor nothing
            if entry is None:
                continue
            if entry.precision in ("city", "admin1") and self.not_a_place(span.text):
                continue  # "the onus is on Hamas": a group the KB knows, not a town that shares its name
            inside = root.dep_ == "poss" and entry.precision == "country" and root.head.lemma_.lower() in _PARTS_OF \
                and root.head.dep_ == "pobj" and root.head.head.lower_ in PLACE_PREPS  # "in Kenya's capital": Kenya
            if root.dep_ in ("compound", "amod", "poss", "npadvmod", "nmod") and entry.precision == "country" \
                    and not inside:
                continue
            if root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in _SPEAKERS:
                continue  # "Pentagon Press Secretary", "the Pentagon's spokesman": who speaks, not where it happened
            origin = root
            while origin.dep_ in ("compound", "det", "amod") and origin.head.i != origin.i:
                origin = origin.head  # "(the) Golan" in "the Golan Heights"
            while origin.dep_ == "pobj" and origin.head.lower_ == "of" and origin.head.head.lemma_.lower() in (
                    "direction", "side", "territory", "area", "part"):
                origin = origin.head.head  # "from the direction of the Golan Heights", "fired ... from
                # Houthi-controlled areas of Yemen": where it came from
            if origin.dep_ == "pobj" and origin.head.lower_ == "from" and not whence and origin.i not in weapon_clause:
                continue  # but "struck missiles prepared to launch from areas of Yemen": where the missiles were
            point = _reference_point(root)
            attached = inside or point is not None or root.dep_ == "pobj" and (
                root.head.lower_ in PLACE_PREPS or root.head.lower_ == "of" and root.head.head.lemma_.lower()
                in AREA_NOUNS or whence and root.head.lower_ == "from")  # "withdrawal from Niger"
            if entry.precision == "city" and not attached and root.head.i != trigger.i \
                    and not (root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in SITES) \
                    and not (root.dep_ == "pobj" and root.head.head.pos_ in ("VERB", "AUX", "NOUN")) \
                    and self.kb.gazetteer.country_code(span.text) and not self.kb.gazetteer.country_code(
                        span.text, demonyms=False):
                continue  # "accused Washington of ...", "a militia loyal to Tehran": a capital standing for its
                # state; "in Tehran", "Damascus airport", "jets struck Damascus", "flew to Moscow": the place
            if not attached and entry.precision == "country" and root.dep_ not in ("appos", "conj"):
                continue
            place = Place(text=span.text, name=entry.name, country=entry.country, admin1=entry.admin1,
                          lat=entry.lat, lon=entry.lon, precision=entry.precision)
            if point is not None:  # "north of the capital, Mogadishu", "20 km east of Jos": coded, as ACLED codes
                place = replace(place, text=f"{point} of {span.text}")  # an event near a town, at that town; the
                # text says it is near
            phrase = root
            while phrase.dep_ == "compound" and phrase.head.i != phrase.i and phrase.head.pos_ in ("NOUN", "PROPN"):
                phrase = phrase.head  # "Erbil" in "the Erbil air base": that base
            listing = phrase
            while listing.dep_ == "conj" and listing.head.i != listing.i:
                listing = listing.head  # "Al-Asad air base, the Erbil air base and al-Tanf": one listing
            candidates.append((PRECISION_RANK[entry.precision], abs(root.i - trigger.i), place, listing.i, phrase.i))
        if not candidates:
            return None
        subtree = {t.i for anchor in (group or [trigger]) for t in anchor.subtree}
        attached = [c for c in candidates if c[3] in subtree]
        candidates = attached or candidates  # "no attacks in Iraq ..., and only two in Syria": Iraq
        candidates.sort(key=lambda c: (c[0], c[1]))
        best = candidates[0][2]
        by_phrase: dict[int, Place] = {}
        for c in candidates:  # the best place of each noun phrase of the first place's listing
            if c[3] == candidates[0][3] and c[2].precision in ("site", "city"):
                by_phrase.setdefault(c[4], c[2])
        listed = list(by_phrase.values())
        if len({p.name for p in listed}) > 1:  # "Al-Asad, Erbil air base and al-Tanf have all come under fire"
            names = " and ".join(dict.fromkeys(p.name or p.text for p in listed))
            countries = {p.country for p in listed}
            return Place(text=names, name=names, country=countries.pop() if len(countries) == 1 else None,
                         precision="region")
        if best.precision == "country":
            countries = {c[2].country for c in candidates if c[2].precision == "country"}
            if len(countries) > 1:  # "sites in Iraq and Syria": no single country
                names = " and ".join(dict.fromkeys(c[2].text for c in sorted(candidates, key=lambda c: c[1])))
                return Place(text=names, name=None, country=None, precision="region")
        return best

    def _country_after(self, span: Span) -> str | None:
        """The country a place name is written with: "Dar as Salam, Somalia" → SOM; None for no such country."""
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != "," or doc[span.end].sent.start != span.sent.start:
            return None
        if span.root.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
            return None  # "On April 13, Iran ...": a date before the clause
        ent = next((e for e in doc_ents(doc) if e.start == span.end + 1 and e.label_ == "GPE"), None)
        country = ent.root if ent is not None else doc[span.end + 1]
        if not (country.head.i == span.root.i or span.root.is_ancestor(country)):
            return None  # "in Gaza, U.S. officials ...": the next clause's subject, not the town's country
        return self.kb.gazetteer.country_code(ent.text if ent is not None else country.text, demonyms=False)

    def not_a_place(self, text: str) -> bool:
        """A name the knowledge base knows as a group, organisation or person ("Hamas"), not as a state."""
        actor = self.kb.find_actor(text)
        return actor is not None and (actor.kind in ("armed_group", "organization")
                                      or actor.kind == "person" and normalize(actor.name) == normalize(text))

    def name_span(self, tok: Token) -> Span:
        """A mention's core words, with the title-case word before them when the two name another known actor:
        "Kata'ib | Hezbollah", split by the parser, is Kata'ib Hezbollah (Iraq), not Hezbollah (Lebanon)."""
        core = core_span(tok)
        if core.start == 0 or not tok.doc[core.start - 1].text[:1].isupper():
            return core
        longer = tok.doc[core.start - 1: core.end]
        if normalize(longer.text) not in self.kb.alias_index():  # the whole of it a name: not "Israel Hezbollah"
            return core
        return longer if self.kb.find_actor(longer.text) != self.kb.find_actor(core.text) else core

    def countries_in(self, doc: Doc) -> set[str]:
        """Countries the article names: context for ambiguous place names."""
        if doc.user_data.get("pw_countries") is None:
            doc.user_data["pw_countries"] = {
                code for e in doc_ents(doc) if e.label_ == "GPE"
                if (code := self.kb.gazetteer.country_code(e.text, demonyms=False))
            }
        return doc.user_data["pw_countries"]

    def date(self, sent: Span, trigger: Token, published: date | None,
              skip: set[int] | frozenset[int] = frozenset()) -> DateSpan | None:
        """The event's date; dates whose head word is in ``skip`` (another moment: timing.py) are not it."""
        doc = sent.doc
        dates = [e for e in sent_ents(sent) if (e.label_ == "DATE" or e.label_ == "TIME" and e.text.lower() in NIGHTS
                                                or e.label_ == "EVENT" and _DAY_LIKE.search(e.text))
                 and e.root.i not in skip]  # "the Oct. 7, 2023, terrorist assault": a day tagged as an event
        if earlier_clause(trigger):  # "..., a day after a drone struck Tel Aviv": not the main event's day
            clause = clause_head(trigger)
            dates = [e for e in dates if clause.is_ancestor(e.root)]
            offset = time_offset(clause)
            if offset is not None:
                main = self.date(sent, clause.head, published) if clause.head.i != clause.i else None
                return offset_date(main, *offset) if main else None
        best: DateSpan | None = None
        best_distance = None
        for n, ent in enumerate(dates):
            owner = ent.root.head.head if ent.root.dep_ == "pobj" and ent.root.head.dep_ == "prep" else ent.root.head
            since = owner.dep_ == "pobj" and owner.head.lower_ == "since" and owner.i != trigger.i  # "since the
            # strikes of 2 February": from then on (for the strikes themselves, their day)
            if ent.root.dep_ in ("nmod", "compound", "amod", "pobj") and owner.i != trigger.i and owner.pos_ == "NOUN" \
                    and owner.lemma_.lower() in lx.NOUN_TRIGGERS and not since:
                continue  # "denies any role in the October 7 attack": that attack's date, not the aid's
            if owner.i != trigger.i and (owner.lower_ in _IN_FORCE or ent.start > sent.start
                                         and doc[ent.start - 1].lower_ in _IN_FORCE):
                continue  # "the designation, effective February 16th", "a pause until Friday": when it holds
            if since and published is not None:
                point = resolve_date(ent.text, published)
                if point is not None and point.start is not None:
                    span = DateSpan(point.start, published.isoformat(), "range", doc[owner.head.i: ent.end].text)
                    distance = abs(ent.root.i - trigger.i)
                    if best_distance is None or distance < best_distance:
                        best, best_distance = span, distance
                continue
            start, end = ent.start, ent.end
            if start > sent.start and doc[start - 1].like_num and doc[start - 1].head.i == ent.root.i:
                start -= 1  # "17 October" with "17" tagged a cardinal
            before = doc[start - 1].lower_ if start > sent.start else ""
            if doc[start].lower_ in ("between", "from"):  # "between 17 October" tagged as one entity
                before, start = doc[start].lower_, start + 1
            if before == "since" and any(c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" for c in doc[start - 1].head.children):
                continue  # "the deadliest attack in Kashmir since 2019": a record's span, not the event's date
            if before in ("since", "between", "from"):
                start -= 1
                if before != "since" and end < sent.end - 1 and doc[end].lower_ in ("and", "to", "until"):
                    nxt = next((d for d in dates[n + 1:] if d.start == end + 1 or d.start == end + 2
                                and doc[end + 1].like_num), None)  # "... and 30 October", "30" apart
                    if nxt is not None:
                        end = nxt.end
            if start > sent.start and doc[start].lower_ == "the" and doc[start - 1].lower_ in ("since", "between"):
                start -= 1
            span = resolve_date(doc[start:end].text, published)
            if span is None:
                listed = listed_dates(doc[start:end].text, published)  # "on April 13 and Oct. 1st": the first
                span = listed[0] if listed else None
            if span is None:
                continue
            distance = abs(ent.root.i - trigger.i)
            if best_distance is None or distance < best_distance:
                best, best_distance = span, distance
        if best is None and published is not None:
            head = clause_head(trigger)
            for tok in sent:  # "Separately, today CENTCOM forces conducted ...": a day word the tagger left untagged
                if tok.ent_type_ not in ("", "TIME") or tok.i in skip:  # or tagged a time ("Earlier today")
                    continue
                words = tok.lower_ if tok.lower_ in ("today", "yesterday", "tonight", "overnight") else (
                    f"{tok.nbor(-1).lower_} {tok.lower_}" if tok.i > sent.start and tok.lower_ in ("night", "morning")
                    and tok.nbor(-1).lower_ in ("last", "this") else None)  # "Last night, ... conducted"
                if words is not None and clause_head(tok).i == head.i:
                    return resolve_date(words, published)
        if best is None:
            for tok in sent:  # "since the US retaliated": a period with an unknown start
                if tok.lower_ == "since" and tok.dep_ == "mark":
                    return DateSpan(None, published.isoformat() if published else None, "range",
                                    doc[tok.i:tok.head.i + 1].text)
        return best

    @staticmethod
    def mode(sent: Span, trigger: Token, skip: set[int] | frozenset[int] = frozenset()) -> str | None:
        """How the force was used, from the words of the trigger's own phrase first, then the sentence.

        Several different means ("drones and missiles") give no single mode; a bomb dropped from
        an aircraft is aerial, an explosive drone a drone."""
        def modes(tokens: Iterable[Token]) -> set[str]:
            found: set[str] = set()
            for tok in tokens:
                if tok.i in skip:
                    continue  # a word of another event of the sentence
                if tok.lower_ == "air" and tok.head.lemma_.lower() in ("base", "defence", "defense", "field", "space"):
                    continue  # "al-Asad air base", "air defences": a place or a shield, not the means
                for key in (tok.lower_, tok.lemma_.lower()):
                    if key in lx.MODE_WORDS:
                        found.add(lx.MODE_WORDS[key])
                        break
            if "suicide" in found:
                return {"suicide"}
            if len(found) > 1 and "explosives" in found:
                found.discard("explosives")  # "bombers dropped bombs", "explosive drones"
            return found

        subject = (_child(_child(trigger, "agent") or trigger, "pobj") if _child(trigger, "nsubjpass") is not None
                   else _child(trigger, "nsubj")) if trigger.pos_ == "VERB" else None
        own = [trigger, *(t for c in trigger.children if (c.dep_ not in CLAUSES or _instrument(c)) and c.dep_ not in (
            "nsubj", "nsubjpass", "agent") and not (c.dep_ == "prep" and c.lower_ in TARGET_PREPS | _OTHER_MOMENT)
            for t in c.subtree)]  # "struck ..., after militias fired missiles"; "fired on the aircraft": not aerial;
        # "attacked Tel Aviv using a drone": how; "targeted Israel since the July 20 air strikes": not how
        elsewhere = {t.i for c in sent if c.dep_ in ("relcl", "acl", "advcl") and c.i != trigger.i
                     and not c.is_ancestor(trigger) and not (_instrument(c) and c.head.i == trigger.i)
                     for t in c.subtree}  # clauses about other events
        elsewhere |= {t.i for c in trigger.children if c.dep_ == "prep" and c.lower_ in _OTHER_MOMENT
                      for t in c.subtree}
        elsewhere |= {t.i for c in trigger.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                      for t in c.subtree}  # what was aimed at is not how
        hit = {t.i for verb in (trigger, *trigger.conjuncts) if _hits_its_object(verb)
               for c in verb.children if c.dep_ == "dobj" for o in (c, *c.conjuncts, counted_thing(c))
               for t in o.subtree if t.i <= o.i}  # "struck and destroyed four missiles", "targeted missile
        # systems", "shot down two drones": what was hit is not how; but "struck the ship in a drone attack" says how
        # ("two missiles aimed at ships were shot down" tells the missile attack too, and keeps its mode)
        elsewhere |= hit
        own = [t for t in own if t.i not in hit]
        tiers: list[Iterable[Token]] = [[subject] if subject is not None else [], own,  # wider tiers: read lazily
                                        (t for t in trigger.subtree if t.i not in elsewhere),
                                        (t for t in sent if t.i not in elsewhere)]
        if subject is not None:
            tiers.insert(2, subject.subtree)
        for tokens in tiers:
            found = modes(tokens)
            if len(found) == 1:
                return found.pop()
            if found:
                return None
        return None  # no word says how: unknown, not "other"

    @staticmethod
    def count_of(tok: Token | None) -> Count | None:
        if tok is None:
            return None
        phrase = tok.doc[tok.left_edge.i: tok.i + 1].text
        return parse_count(phrase)

    def casualties(self, sent: Span, others: set[int] | frozenset[int] = frozenset()
                    ) -> tuple[Count | None, Count | None, Token | None]:
        """Killed and wounded counts in a sentence, and the first victims' mention; not those told in the
        clauses of the sentence's other attacks (their clause heads are ``others``)."""
        fatal = injured = None
        first: Token | None = None
        for tok in sent:
            if others and clause_head(tok).i in others:
                continue
            lemma = tok.lemma_.lower()
            kind = "fatal" if lemma in lx.FATAL_VERBS else "injured" if lemma in lx.INJURY_VERBS else None
            if kind is None and lemma == "life" and tok.head.lemma_.lower() == "claim":
                kind, victims = "fatal", _child(_child(tok, "prep") or tok, "pobj")
            elif kind is None and lemma in ("dead", "wounded", "injured") and tok.pos_ == "ADJ":
                kind = "fatal" if lemma == "dead" else "injured"
                victims = tok.head if tok.dep_ in ("amod", "acomp") and tok.head.pos_ in ("NUM", "NOUN") else None
                victims = victims or next((c for c in tok.lefts if c.pos_ == "NUM"), None)
            elif kind is None and lemma in CASUALTY_NOUNS and tok.pos_ == "NOUN":
                kind, victims = CASUALTY_NOUNS[lemma], tok
                of = _prep_object(tok, ("of",)) if kind != "both" else None
                if of is not None and not any(c.dep_ == "nummod" for c in tok.children) \
                        and self.count_of(of) is not None:
                    victims = of  # "the deaths of at least eight people", "the death of three service members"
                elif not any(c.dep_ == "nummod" or c.lower_ in ("no", "zero") for c in tok.children):
                    continue
                if kind == "both":
                    if any(c.lower_ in ("no", "zero") for c in tok.children):
                        fatal, injured = fatal or Count(0, 0), injured or Count(0, 0)
                    continue
            elif kind is not None:
                passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
                victims = _child(tok, "nsubjpass") if passive else _child(tok, "dobj")
                if kind == "fatal" and lemma == "die" or victims is None and tok.tag_ == "VBN" and not passive:
                    victims = _child(tok, "nsubj")  # "12 were killed and more than 40 wounded"
            else:
                continue
            count = self.count_of(victims) if victims is not tok else parse_count(
                tok.doc[tok.left_edge.i: tok.i].text)
            if count is None and victims is None:
                continue
            negative = _child(tok, "neg") is not None or (victims is not None and any(
                c.lower_ in ("no", "none") for c in victims.children))
            if negative or (victims is not None and victims.lower_ in ("nobody", "none", "no-one")):
                count = Count(0, 0)
            if count is None:
                continue
            if first is None and victims is not None and victims.i != tok.i and count.max != 0:
                first = victims
            if kind == "fatal" and fatal is None:
                fatal = count
            elif kind == "injured" and injured is None:
                injured = count
            elif kind in ("fatal", "injured") and victims is not None and victims.i != tok.i and count.max != 0 \
                    and _other_victims(victims, tok, fatal if kind == "fatal" else injured):
                total = _added(fatal if kind == "fatal" else injured, count)  # "two U.S. personnel were injured
                # ..., and at least one Iraqi service member was wounded": three or more
                fatal, injured = (total, injured) if kind == "fatal" else (fatal, total)
        return fatal, injured, first

    @staticmethod
    def status(tok: Token) -> tuple[str, bool]:
        negated = _child(tok, "neg") is not None or any(
            c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
        head = tok.head if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else None
        if head is not None and head.pos_ in ("VERB", "AUX") and _child(head, "neg") is not None:
            negated = True
        status = "occurred"
        node = prev = tok
        for _ in range(5):
            if _child(node, "mark") is not None and _child(node, "mark").lower_ in ("if", "unless"):
                return "hypothetical", negated
            lemma = node.lemma_.lower()
            if node.i != tok.i and lemma in lx.STATUS_HEADS and not (
                    prev.dep_ in ("nsubj", "nsubjpass") and lemma == "threaten"):  # "these attacks threaten
                return lx.STATUS_HEADS[lemma], negated  # prosperity": attacks that threaten, not threatened ones
            if lemma in ("preparation", "plan", "threat") and node.i != tok.i:
                return ("planned" if lemma != "threat" else "threatened"), negated
            if node.dep_ == "pobj" and node.head.lower_ in ("to", "for") \
                    and node.head.head.lemma_.lower() in lx.RETALIATING | {"react"}:
                return status, negated  # "will respond to the attack": what is answered has happened
            if node.pos_ in ("VERB", "AUX") and any(
                    c.dep_ == "aux" and c.lower_ in ("will", "'ll", "would", "shall") for c in node.children):
                status = "planned"
            if node.dep_ == "ROOT" or node.head.i == node.i or node.dep_ in ("conj",) and node.pos_ == "VERB":
                break
            node, prev = node.head, node
        return status, negated

    def armed(self, tok: Token) -> bool:
        """Armed men: "government troops", "rebel factions", or an armed group or military the KB knows;
        not "gale-force winds" (a modifier counts only as a word of its own)."""
        core = core_span(tok)
        if tok.lemma_.lower() in ARMED_WORDS or any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in ARMED_WORDS
                                                  and not any(g.lower_ == "-" for g in c.children) for c in tok.children):
            return True
        actor = self.kb.find_actor(core.text)
        return actor is not None and actor.kind in ("armed_group", "military")

    def roles(self, tok: Token) -> tuple[Token | None, Token | None]:
        """Actor and target tokens for a trigger in active, passive or nominal form (read once per token)."""
        cache = tok.doc.user_data.setdefault("pw_roles", {})
        if tok.i not in cache:
            cache[tok.i] = self._roles(tok)
        return cache[tok.i]

    def _roles(self, tok: Token) -> tuple[Token | None, Token | None]:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            if lemma == "come":  # "came under fire": the subject is the target
                return None, _child(tok, "nsubj")
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
                tok.dep_ == "acl" and tok.tag_ == "VBN" and _child(tok, "agent") is not None)  # "missiles fired by X"
            if passive:
                agent = _child(tok, "agent")
                actor = _child(agent, "pobj") if agent is not None else None
                target = _child(tok, "nsubjpass")
                if target is not None and target.lemma_.lower() in lx.WEAPON_NOUNS and lemma in _FIRING \
                        and _child(tok, "prt") is None:  # not "a drone was shot down"
                    target = _prep_object(tok, TARGET_PREPS)  # "a missile was launched toward the ship"
            else:
                subjects = [c for c in tok.children if c.dep_ == "nsubj" and not c.is_punct
                            and c.ent_type_ not in ("DATE", "TIME")]  # not the "-" of "mid-December"
                actor = subjects[-1] if subjects else _fronted_subject(tok)  # "In Baghdad, the capital, gunmen
                # attacked": the subject next to the verb
                target = _child(tok, "dobj")
                conj = _child(tok, "conj")
                if target is None and conj is not None and conj.pos_ == "VERB" and _child(conj, "nsubj") is None:
                    target = _child(conj, "dobj")  # "Iran has armed and trained the Houthis"
                if target is not None and counted_thing(target).lemma_.lower() in lx.WEAPON_NOUNS \
                        and not _hits_its_object(tok):  # "fired dozens of rockets at X": X
                    target = None  # "fired missiles at X"; but "struck and destroyed four Houthi missiles": them
                target = target or _prep_object(tok, TARGET_PREPS) or (
                    _prep_object(tok, ("into",)) if lemma in _FIRING else None)  # "fired rockets into Israel"
                fired = _child(tok, "dobj") if target is None and lemma in _FIRING else None
                if fired is not None:  # "fired 18 missiles and a drone at the carrier": the aim hung on the weapons
                    target = next((t for o in (fired, *fired.conjuncts, counted_thing(fired))
                                   if (t := _prep_object(o, TARGET_PREPS - {"on"})) is not None), None)
                if target is not None and _operation_name(target):
                    target = None  # "launched Operation Long Arm": the event itself, not whom it hit
            if target is not None and target.lemma_.lower() in ("fire", "attack"):
                target = _prep_object(tok, TARGET_PREPS)  # "opened fire on X"
            elif target is not None and target.lemma_.lower() in lx.NOUN_TRIGGERS:
                preps = TARGET_PREPS | {"to"} if target.lemma_.lower() == "siege" else TARGET_PREPS
                target = (_prep_object(target, preps) or _prep_object(tok, preps)
                          or target)  # "suspend operations against US forces", "laid siege to a hotel"
            head = tok
            while actor is None and not passive and head.dep_ in ("xcomp", "conj", "advcl") and head.head.i != head.i:
                child_dep, head = head.dep_, head.head
                if head.lemma_.lower() in REPORTING:
                    break  # "..., a US official warned": the speaker is not the actor
                if child_dep == "xcomp" and _child(head, "dobj") is not None:
                    actor = _child(head, "dobj")  # "urged them to halt": they halt
                    break
                actor = _subject_word(head) or (_child(head, "nsubjpass") if child_dep in ("xcomp", "advcl")
                                                and head.lemma_.lower() in _TASKED else None)  # "forces were used
                # to neutralize a threat": the forces
            return actor, target
        # nominal trigger: "an attack by X on Y", "X's strikes", "Houthi attacks"
        actor = _prep_object(tok, ("by",)) or _child(tok, "poss")
        if actor is not None and actor.pos_ == "PRON" and tok.dep_ == "pobj" and tok.head.head.pos_ == "NOUN":
            actor = _child(tok.head.head, "poss") or actor  # "Israel's preparation for its operation"
        if actor is None:
            actor = named_modifier(tok)
        if actor is None and tok.dep_ == "pobj" and tok.head.head.pos_ == "NOUN":
            actor = _child(tok.head.head, "poss")  # "Israel's preparation for its operation"
        preps = TARGET_PREPS - {"at"} if lemma not in TO_NOUNS else {"to", "for", "of", "with"}
        if lemma in _OPPONENT_NOUNS:
            preps = preps | {"with"}  # "clashes with the SDF"
        if lemma in _DONE_TO:
            preps = preps | {"of"}  # "the hostage-taking of passengers", "the killing of three soldiers"
        target = _prep_object(tok, preps)
        aimed = next((c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() == "target"), None)
        if target is None and aimed is not None:
            target = _child(aimed, "dobj")  # "airstrikes targeting ISIS camps"
        relcl = _child(tok, "relcl")
        if target is None and relcl is not None and relcl.lemma_.lower() in ("endure", "suffer", "face", "see"):
            target = _child(relcl, "nsubj")  # "the over 100 attacks that the US endured"
        elif relcl is not None and relcl.lemma_.lower() in lx.LIGHT_VERBS:  # "attacks the group has launched on X"
            actor, target = actor or _child(relcl, "nsubj"), target or _prep_object(relcl, TARGET_PREPS)
        head = tok
        for _ in range(5):  # "launched an attack", "claimed responsibility for the attack"
            if head.dep_ not in ("dobj", "pobj", "prep", "attr") or head.head.i == head.i \
                    or head.dep_ == "prep" and head.lower_ in _OTHER_MOMENT:
                break  # "imposed sanctions since the October 7 attack": not the attack's doer
            if actor is None and head.dep_ == "prep" and head.lower_ == "with" and head.head.pos_ == "VERB" \
                    and head.head.lemma_.lower() in _HARMING and not any(
                        c.dep_ in ("nsubjpass", "auxpass") for c in head.head.children):
                actor = _subject_word(head.head)  # "it has killed 24 fighters with an airstrike": it
            head = head.head
            if head.pos_ == "VERB" and head.lemma_.lower() in _MADE_OF and head.dep_ in ("acl", "advcl"):
                head = head.head  # "launched a series of operations consisting of strikes": the operations'
                if head.pos_ != "VERB":
                    continue
            if head.pos_ == "VERB":
                giving = head.lemma_.lower() in ("provide", "give", "send") and lx.NOUN_TRIGGERS.get(
                    lemma, lx.Trigger("")).type == "AID"  # "has provided $1 billion in humanitarian assistance"
                if actor is None and (head.lemma_.lower() in lx.LIGHT_VERBS or head.lemma_.lower() in lx.ISSUING_VERBS
                                      or giving):
                    actor = _child(head, "nsubj") or _fronted_subject(head) or _child(
                        _child(head, "agent") or head, "pobj") or (
                        head.head if head.dep_ == "acl" and head.tag_ == "VBD" else None) or (
                        _child(head.head, "nsubj") if head.dep_ == "conj" and head.lemma_.lower() in lx.LIGHT_VERBS
                        and lemma in lx.ASSAULT_NOUNS else None)  # a main clause misparsed
                    # as a clause of a noun: "..., U.S. military forces conducted strikes"; "X has long been active
                    # and has renewed clashes": the first conjunct's subject
                if target is None and head.lemma_.lower() in lx.LIGHT_VERBS:
                    aiming = next((c for c in head.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG"
                                   and c.lemma_.lower() == "target"), None)  # "conducted airstrikes on Monday
                    # targeting ISIS camps": the participle hung on the verb
                    target = _prep_object(head, TARGET_PREPS) or (_child(aiming, "dobj") if aiming else None)
                elif target is None and giving:
                    target = _prep_object(head, ("to", "for"))
                break
        return actor, target

    def party(self, tok: Token | None, day: str | None, salient: Salience) -> Party | None:
        if tok is None or tok.lower_ in ("nobody", "no-one", "none") or any(
                c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return None  # "No group claimed the attack": nobody is a party
        if tok.lemma_.lower() in QUANTITY_HEADS and _prep_object(tok, ("of",)) is not None:
            tok = _prep_object(tok, ("of",))  # "scores of drone attacks", "gatherings of militants"
        if tok.lemma_.lower() in lx.WEAPON_NOUNS or tok.lemma_.lower() in ("uav", "shahed") or tok.pos_ == "NOUN" \
                and tok.lemma_.lower() in lx.ASSAULT_NOUNS:
            owner = named_modifier(tok) or _attributed(tok)  # "a Houthi anti-ship missile", "Houthi attacks": the Houthis; "a drone",
            # "the strikes": nobody (an event or a weapon is not a party); "a US drone strike": the US military
            if owner is not None and tok.lemma_.lower() not in lx.WEAPON_NOUNS:
                party = self.party(owner, day, salient)
                return replace(party, text=core_span(tok).text, kind="military") if party is not None \
                    and party.kind == "state" else party
            return self.party(owner, day, salient) if owner is not None else None
        if tok.lower_ in ("nobody", "none") or tok.lower_ == "one" and any(c.lower_ == "no" for c in tok.children) \
                or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY"):
            return None  # "October" taken as the subject by a misparse is no party
        if tok.lemma_.lower() in QUANTITY_HEADS or tok.pos_ == "NUM":
            of = _prep_object(tok, ("of",))  # "dozens of soldiers", "three of the sailors"
            tok = of if of is not None else tok
        relative = relative_head(tok)
        if relative is not None:  # "the militants who launched the missiles"
            return self.party(relative, day, salient)
        core = self.name_span(tok)
        lemma = tok.lemma_.lower()
        title = title_anaphor(tok, core)
        prior = salient.titled(title) if title is not None else None
        if prior is not None:  # "The Secretary urged ...": the office-holder named before
            return replace(prior, text=core.text)
        kinds = anaphor_kinds(tok, core)
        if kinds is not None:
            prior = self.antecedent(tok, kinds, day, salient)
            if prior is None:
                return None if tok.pos_ == "PRON" else resolve_party(core.text, lemma, self.kb, day)
            return replace(prior, text=tok.text if tok.pos_ == "PRON" else core.text)
        if tok.pos_ == "NUM" or lemma in SITE_NOUNS:
            party = resolve_party(core.text, lemma, self.kb, day)
            if party.country or party.id:
                return party
            user = _child(tok, "acl") or next((_child(c, "acl") for c in tok.conjuncts if c.i > tok.i
                                               and _child(c, "acl") is not None), None)  # "bases hosting US troops",
            # "facilities used by the group"; "a depot and a command post operated by the group": both
            if user is not None:
                by = _child(user, "agent") or user
                who = _child(user, "dobj") if user.lemma_.lower() in ("host", "house") else _prep_object(
                    user, ("to",)) if user.lemma_.lower() == "belong" else _prep_object(  # "facilities belonging to KH"
                    user, ("with", "to")) if user.lemma_.lower() in _TIED else (  # "a facility affiliated with the IRGC"
                    _prep_object(by, ("by",)) or _child(by, "pobj"))
                if who is not None:
                    return self.party(who, day, salient)
            place = _prep_object(tok, ("in",))
            if place is not None and place.ent_type_ == "GPE" and not any(
                    c.ent_type_ == "GPE" and self.kb.gazetteer.country_code(c.text, demonyms=False) not in (
                        None, self.kb.gazetteer.country_code(place.text, demonyms=False))
                    for c in place.conjuncts):  # "military targets in Iran"; not "targets in Iraq and Syria"
                code = self.kb.gazetteer.country_code(place.text, demonyms=False)
                if code:
                    kind = "military" if any(c.lemma_.lower() == "military" for c in tok.children) else owner_kind(tok)
                    return Party(text=core.text, country=code, kind=kind)
            return Party(text=core.text, kind=party.kind or owner_kind(tok))  # "the base": military, whose unknown
        party = resolve_party(core.text, lemma, self.kb, day, is_person=tok.ent_type_ == "PERSON")
        if party.kind == "person" and party.id is None and tok.ent_type_ == "PERSON" \
                and self.kb.gazetteer.lookup(core.text) is not None:
            return None  # "al-Tanf" tagged as a person: a place, not a party
        if party.country is None and party.kind in ("government", "military", "armed_group") and party.id is None:
            where = _prep_object(tok, ("of",) if party.kind != "armed_group" else ("in",))
            code = self.kb.gazetteer.country_code(where.text, demonyms=False) if where is not None \
                and where.ent_type_ == "GPE" else None
            if code:  # "the government of Pakistan"; "Iranian-backed militants in western Iraq"
                party = replace(party, country=code)
        backers = [code for code in self.backers(tok) if code != party.country and code not in party.sponsors]
        if backers and party.kind in (None, "armed_group", "government", "military"):
            party = replace(party, sponsors=(*party.sponsors, *backers), kind=party.kind or "armed_group")
        poss = _child(tok, "poss")
        if party.country is None and poss is not None and poss.pos_ == "PRON":
            prior = self.antecedent(poss, anaphor_kinds(poss, core_span(poss)) or frozenset(), day, salient)
            if prior is not None:  # "its warplanes": the state's or group's the pronoun stands for
                return Party(text=party.text, country=prior.country, kind=party.kind or prior.kind,
                             sponsors=prior.sponsors if party.kind in (None, prior.kind) else ())
        return party

    def backers(self, tok: Token) -> list[str]:
        """States a participle after the mention names as its backers: "radical militias backed by Iran", "the
        Syrian government, supported by Russia and Iran"."""
        out: list[str] = []
        for verb in tok.children:
            if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.lemma_.lower() not in _BACKING:
                continue
            agent = _child(verb, "agent")
            first = _child(agent, "pobj") if agent is not None else None
            for who in ([first, *first.conjuncts] if first is not None else []):
                code = self.kb.gazetteer.country_code(who.text, demonyms=False)
                if code and code not in out:
                    out.append(code)
        return out

    def partner(self, tok: Token, obj: Token | None, type_: str, day: str | None,
                 salient: Salience) -> tuple[Token, Party] | None:
        """The other party named after a preposition of the trigger or of its object."""
        heads = [tok, obj, _prep_object(obj, ("of",)) if obj is not None else None]
        if tok.dep_ == "pobj":
            heads.append(tok.head.head)  # "flew to Moscow for talks"
        for head in heads:
            if head is None:
                continue
            for prep in PARTNER_PREPS[type_]:
                found = _prep_object(head, (prep,))
                party = self.party(found, day, salient) if found is not None else None
                if party is not None and party.country:
                    return found, party
        return None

    def _plural_before(self, tok: Token, kinds: frozenset[str], day: str | None, salient: Salience) -> Party | None:
        """A plural pronoun in a clause after the main one agrees with a plural noun, not with the singular subject
        before it: "the command conducted an airstrike targeting al-Shabaab fighters after they attacked partner
        forces" → the fighters. None when the subject is plural too or no plural party comes between."""
        subject = subject_before(tok)
        if subject is None or subject.tag_ not in ("NN", "NNP") or any(c.dep_ == "conj" for c in subject.children):
            return None
        nouns = [t for t in tok.sent if subject.i < t.i < tok.i and t.tag_ in ("NNS", "NNPS", "NNP")
                 and t.dep_ in ("dobj", "pobj", "appos") and not t.is_ancestor(tok)]
        for noun in reversed(nouns):
            party = self.party(noun, day, salient)
            if party is not None and party.kind in kinds and party.kind != "state" and (party.country or party.id) \
                    and (noun.tag_ != "NNP" or party.kind == "armed_group"):  # "the Houthis", "Hamas": a group
                return party
        return None

    def antecedent(self, tok: Token, kinds: frozenset[str], day: str | None, salient: Salience) -> Party | None:
        """What an anaphor stands for: a subject it is embedded under, else the article so far."""
        if not kinds:
            return None  # "I", "we", "you": the speaker, not reported here
        if tok.pos_ != "PRON":  # "struck sites used by Kata'ib Hezbollah, after the militia fired": the name just before
            for ent in reversed([e for e in sent_ents(tok.sent) if e.end <= tok.left_edge.i and e.label_ in ("ORG", "NORP", "PERSON")]):
                party = resolve_party(core_span(ent.root).text, ent.root.lemma_, self.kb, day)
                if party.kind in kinds and (party.id or party.country or party.sponsors):
                    return party
        plural = tok.lower_ in PLURAL_PRONOUNS
        if tok.pos_ == "PRON" and plural:
            party = self._plural_before(tok, kinds, day, salient)
            if party is not None:  # "AFRICOM struck al-Shabaab fighters after they attacked ...": the fighters
                return party
        if tok.pos_ == "PRON":
            subject = subject_before(tok)  # "X said it would ...": it = X
            if subject is not None:
                party = self.party(subject, day, salient)
                if party is not None and party.kind in kinds and not (plural and party.kind == "state"):
                    return party
        return salient.last(kinds, pronoun=tok.pos_ == "PRON", plural=plural)


"""Second look at an event's parties, place and counts, after the sentence's own reading (pipeline.py).

Each rule fills or corrects a field only where the text (or a sourced knowledge-base fact) says
what it is, and leaves it alone otherwise (a null field is better than a confident wrong one):

- clauses: an "after" clause on a use-of-force verb is an event of its own (:func:`later`); the
  main event's place, casualties and victims are read without it;
- targets: the forces a curated base hosts on the day (kb/places.yaml ``hosts``), never the
  attacker's side; the perpetrator of a condemned attack; the subject of a threat's condition;
  the owner named in the clause ("hitting Houthi radar sites", "a vehicle carrying ..."); victims
  of an attack on an unowned place, with the group they are named with; not the attacker's own side;
- actors: the speaker of a speech verb the parser hung on the reported clause; the group holding
  the territory a weapon was fired from; the weapon or attacker of a "when" clause; another trigger
  of the same clause (uses of force only; never a victim or a person); "its forces" of a group;
  "the Lebanese group" / "the militia" as the group named before; "supporters of X";
- kinds: a state owning a strike, a drone or troops is its military;
- places: talks during "a visit to X"; casualties: conjoined victims add up, "nobody was hurt"
  and "no injuries were reported" after an attack (:func:`settle`, over the whole article).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.doccache import sent_ents
from proxywatch.extract.mentions import subject_before
from proxywatch.extract.numbers import parse_count
from proxywatch.extract.prefilter import word_forms
from proxywatch.extract.senses import child, prep_object
from proxywatch.extract.syntax import SITES
from proxywatch.records import Count, Event, Party, Place
from proxywatch.resolve.parties import KIND_NOUNS

if TYPE_CHECKING:
    from proxywatch.extract.mentions import Salience
    from proxywatch.extract.pipeline import Extractor

__all__ = ["later", "refine", "settle"]

_ACCUSING = frozenset({"ACCUSE", "PROTEST"})
_ORGANISED = frozenset({"state", "military", "government", "armed_group"})
_SUPPORTERS = frozenset("supporter follower loyalist sympathizer sympathiser".split())
_GROUPS = frozenset({"armed_group"})
_SITE_NOUNS = frozenset("target site position facility base installation".split())
_PEOPLE_AT = frozenset("troop force soldier personnel serviceman servicemember marine sailor airman".split())
_STATIONED = frozenset("station base deploy house host garrison locate stay serve".split())
_HOSTING_SITES = SITES | frozenset("airfield airbase airstrip garrison".split())
_PRONOUNS = frozenset("it they them he she him".split())
_MANY = frozenset("hundred thousand dozen score crowd number".split())
_REPORTING = frozenset("say tell add announce state report claim".split())
_TALKING = frozenset("tell say speak talk agree discuss".split())
_SPEECH = frozenset("warn vow threaten promise pledge urge accuse condemn blame deny".split())
_HITTING = frozenset("hit strike destroy target bomb damage".split())
_VEHICLES = frozenset("vehicle car truck convoy boat van motorcycle bus".split())
_CARRY = frozenset("carry transport".split())
def later(tok: Token) -> bool:
    """A clause telling an event before the one of the verb it hangs on ("struck ..., a day after American
    bombers hit sites in Iraq"): an event of its own, not a part of the main one."""
    mark = child(tok, "mark") if tok.dep_ == "advcl" else None
    head = tok.head.lemma_.lower()  # only after a use of force told by a verb: "struck X a day after Y hit Z"
    return mark is not None and mark.lower_ == "after" and (head in lx.VERB_TRIGGERS or head in lx.LIGHT_VERBS)


def refine(ex: Extractor, event: Event, tok: Token, salient: Salience, earlier: list[Event],
           published: date | None, group: list[Token] = ()) -> Event:
    """The event with the rules of this module applied, in order; its day is the event's or the article's."""
    day = event.date.start if event.date else (published.isoformat() if published else None)
    actor_tok, target_tok = ex._roles(tok)
    target_tok = target_tok or next((t for t in (ex._roles(o)[1] for o in group if o.i != tok.i) if t is not None),
                                    None)
    speaker = _speaker(tok, group)
    if speaker is not None and event.type != "ASSAULT":
        party = ex._party(speaker, day, salient)
        if party is not None and (party.id or party.country) and party.kind:
            event = replace(event, actor=party)
    if event.actor is None:
        found = _unnamed_actor(ex, tok, group, salient, day, event.type)
        if found is not None:
            actor_tok, party = found
            event = replace(event, actor=party)
    elif actor_tok is not None and event.actor.kind in ("military", None):
        event = replace(event, actor=_pronoun_owner(ex, actor_tok, salient, day) or event.actor)
    event = replace(event, actor=_definite_group(event.actor, salient), target=_definite_group(event.target, salient))
    if event.type == "ASSAULT" and target_tok is not None and (event.target is None or not event.target.country):
        event = _object_in_clause(ex, event, tok, target_tok, salient, day)
    if event.type == "ASSAULT" and target_tok is not None and target_tok.lemma_.lower() in _HOSTING_SITES \
            and (event.target is None or not event.target.id and target_tok.text in event.target.text):
        event = _forces_at_site(ex, event, tok, target_tok, day, salient)  # the site read as the target
    if event.type == "ASSAULT" and (event.target is None or not (event.target.country or event.target.id)):
        victims = ex._casualties(tok.sent)[2]  # "tore through an office ..., killing official X": X
        party = _with_affiliation(ex, victims, day, salient) if victims is not None else None
        if party is not None and party.country and (event.actor is None or event.actor.country != party.country):
            target_tok, event = victims, replace(event, target=party)
    if event.type == "ASSAULT" and target_tok is not None and event.target is not None:
        event = _not_own_side(ex, event, tok, target_tok, day, salient)
    if event.type == "ASSAULT":
        event = _military_things(event, actor_tok, target_tok)
    if event.type == "THREATEN" and event.target is not None and event.actor is not None \
            and event.target.country == event.actor.country and event.target.text.lower() in _PRONOUNS:
        said = next((v for v in (tok, tok.head, tok.head.head) if v.dep_ == "conj"), None)
        blamed = child(said.head, "dobj") if said is not None else None  # "held Israel responsible and
        party = ex._party(blamed, day, salient) if blamed is not None else None  # promised it would pay"
        keep = party is not None and party.country and party.country != event.actor.country
        event = replace(event, target=party if keep else None)
    for role, role_tok in (("actor", actor_tok), ("target", target_tok)):
        party = getattr(event, role)
        if party is not None and role_tok is not None and not party.id and party.kind == "armed_group" \
                and not party.country:
            event = replace(event, **{role: _named_before(ex, role_tok, party, day, salient)})
    event = _hosted_target(ex, _without_later(ex, event, tok, group, target_tok, salient, day), day)
    if event.type == "ASSAULT":
        event = _victims_counted(ex, event, tok)
    actor = event.actor
    if actor is not None and not (actor.id or actor.country or actor.kind) and actor.text.split() \
            and re.sub(r"e?s$", "", actor.text.split()[-1].lower()) in lx.WEAPON_NOUNS:
        event = replace(event, actor=None)  # "Rockets also struck the base": a weapon, whose unknown, is no actor
    if event.type == "CONSULT" and event.location is None:
        event = replace(event, location=_visited(ex, tok))
    if event.type == "CONSULT" and event.actor is None and tok.pos_ == "NOUN" and tok.dep_ == "pobj" \
            and tok.head.head.pos_ == "VERB" and tok.head.head.lemma_.lower() in _TALKING:
        said = tok.head.head  # "X told Y in a phone call": X and Y talked
        actor = ex._party(child(said, "nsubj"), day, salient)
        target = event.target or ex._party(child(said, "dobj"), day, salient)
        event = replace(event, actor=actor, target=target if target is not actor else None)
    condemned = child(tok, "dobj") if event.type in _ACCUSING else None
    if condemned is not None and condemned.lower_ in ("them", "it"):  # "killed in the strikes, and condemned them"
        condemned = next((t for t in reversed(tok.sent[: condemned.i - tok.sent.start])
                          if t.lemma_.lower() in lx.ASSAULT_NOUNS and t.pos_ == "NOUN"), condemned)
    if condemned is not None and (event.target is None or not event.target.country):
        event = _perpetrator_as_target(ex, event, condemned, salient, earlier, day)
    if event.type == "ASSAULT" and event.actor is not None and event.actor.kind == "state" and actor_tok is not None \
            and actor_tok.dep_ in ("compound", "amod", "nmod") and actor_tok.head.pos_ == "NOUN" \
            and (actor_tok.ent_type_ == "NORP" or getattr(ex.kb.gazetteer.lookup(actor_tok.text), "precision", None)
                 == "country"):  # "a US drone strike", "an Israeli strike"; not "the Paris attacks"
        event = replace(event, actor=replace(event.actor, kind="military"))
    if event.type in ("THREATEN", "ASSAULT") and event.target is None:
        event = _conditional_target(ex, event, tok, salient, day)
    if actor_tok is not None and actor_tok.lemma_.lower() in _MANY:
        actor_tok = prep_object(actor_tok, ("of",)) or actor_tok  # "hundreds of supporters of X"
    if actor_tok is not None and actor_tok.lemma_.lower() in _SUPPORTERS and (
            event.actor is None or not event.actor.country):
        backed = prep_object(actor_tok, ("of",))
        party = ex._party(backed, day, salient) if backed is not None else None
        if party is not None and party.country:
            text = tok.doc[actor_tok.left_edge.i: actor_tok.right_edge.i + 1].text
            event = replace(event, actor=Party(text=text, country=party.country, kind="civilians"))
    return event


def _forces_at_site(ex: Extractor, event: Event, tok: Token, target_tok: Token, day: str | None,
                    salient: Salience) -> Event:
    """ "three bases in Syria where US troops are stationed", "a camp that houses American soldiers", "fired at
    US and coalition troops at two sites": the forces named at the site are the target, not the site or its
    host country; the attacker's own forces never."""
    named = [t for t in target_tok.subtree if t.dep_ == "relcl" and t.lemma_.lower() in _STATIONED]
    people = [who for v in named for who in (child(v, "nsubjpass"), child(v, "nsubj"), child(v, "dobj"))
              if who is not None and who.lemma_.lower() in _PEOPLE_AT]
    people += [t for t in tok.subtree if t.dep_ == "pobj" and t.head.lower_ in ("at", "on", "against")
               and t.lemma_.lower() in _PEOPLE_AT and t.i != target_tok.i and _aimed_by(t.head, tok)]
    victims = ex._casualties(tok.sent)[2]
    if victims is not None and all(victims.i != who.i for who in people):
        return event  # "a drone attack on a base ..., where US troops are stationed, killed four Kurdish fighters"
    for who in people:
        party = ex._party(who, day, salient)
        if party is not None and party.country and (event.actor is None or event.actor.country != party.country):
            text = tok.doc[who.left_edge.i: who.i + 1].text
            return replace(event, target=replace(party, text=text, kind=party.kind or "military"))
    return event


def _aimed_by(prep: Token, trigger: Token) -> bool:
    """ "fired rockets and a drone at X": the preposition hangs on the trigger or on what it fired; not "in one of
    the heaviest attacks on American forces" (another phrase)."""
    node = prep.head
    for _ in range(4):
        if node.i == trigger.i:
            return True
        if node.dep_ not in ("dobj", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _hosted_target(ex: Extractor, event: Event, day: str | None) -> Event:
    target, location, actor = event.target, event.location, event.actor
    if event.type != "ASSAULT" or location is None or location.precision != "site":
        return event
    if target is not None and (target.id or target.kind not in (None, "military")
                               or target.country and target.text != location.text and target.kind):
        return event
    host = ex.kb.occupant(location.name, day)
    if host is None or (actor is not None and actor.country == host.country):
        return event
    party = Party(text=target.text if target is not None else location.text, id=host.id, name=host.name,
                  country=host.country, kind=host.kind, sponsors=ex.kb.sponsors(host, day))
    return replace(event, target=party)


def _perpetrator_as_target(ex: Extractor, event: Event, target_tok: Token, salient: Salience,
                           earlier: list[Event], day: str | None) -> Event:
    noun = target_tok.lemma_.lower()
    if noun not in lx.ASSAULT_NOUNS or target_tok.pos_ != "NOUN":
        return event
    if prep_object(target_tok.head, ("on", "against")) is not None:
        return event  # "blaming three attacks on the Syrian government": the one blamed is named
    own, _ = ex._roles(target_tok)  # "Iran's attack on Israel", "the US raids"
    party = ex._party(own, day, salient) if own is not None else None
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those")
                   for c in target_tok.children)
    if (party is None or not party.country) and definite:
        forms = word_forms(noun) | {f + "s" for f in word_forms(noun)}
        party = next((e.actor for e in reversed(earlier) if e.type == "ASSAULT" and e.status == "occurred"
                      and e.actor is not None and e.actor.country and e.actor.kind in _ORGANISED
                      and forms & set(re.findall(r"[a-z]+", e.evidence.text.lower()))), None)
    if party is None or not party.country or (event.actor is not None and event.actor.country == party.country):
        return event
    return replace(event, target=party)


def _conditional_target(ex: Extractor, event: Event, tok: Token, salient: Salience, day: str | None) -> Event:
    heads = [tok, *(c for c in tok.children if c.dep_ == "ccomp")]
    for head in heads:
        for clause in head.children:
            mark = child(clause, "mark")
            if clause.dep_ != "advcl" or mark is None or mark.lower_ not in ("if", "unless"):
                continue
            subject = child(clause, "nsubj")
            party = ex._party(subject, day, salient) if subject is not None and subject.pos_ != "PRON" else None
            if party is not None and party.country and party.kind in _ORGANISED and (
                    event.actor is None or event.actor.country != party.country):
                return replace(event, target=party)
    return event


def _unnamed_actor(ex: Extractor, tok: Token, group: list[Token], salient: Salience, day: str | None,
                   trigger_type: str) -> tuple[Token, Party] | None:
    """Who acted when the trigger itself names nobody.

    A speech act conjoined, by a parse slip, to the reported clause ("A Houthi spokesman said five
    fighters had been killed and warned that ..."): the speaker. A weapon "fired from Houthi-held
    territory": the armed group holding it. A passive casualty verb whose "when" clause names the
    weapon or attacker ("were killed when a Houthi missile slammed into ..."): that one. Another
    trigger of the same clause that names its actor ("The raid came after a Houthi drone ... killing").
    """
    speaker = _speaker(tok, group)
    candidates: list[Token] = [speaker] if speaker is not None else []
    agent = child(tok, "agent")
    weapon = child(agent, "pobj") if agent is not None else None
    fired = child(weapon, "acl") if weapon is not None else None
    if fired is not None and fired.lemma_.lower() in ("fire", "launch"):
        origin = prep_object(fired, ("from",))
        if origin is not None and any(c.lower_ in ("controlled", "held") for c in origin.children):
            candidates.append(origin)
    for verb in (tok, *group):
        if verb.pos_ != "VERB" or child(verb, "nsubjpass") is None:
            continue
        for clause in verb.children:
            mark = child(clause, "mark", "advmod")
            if clause.dep_ == "advcl" and mark is not None and mark.lower_ in ("when", "as", "after"):
                subject = child(clause, "nsubj")
                if subject is not None:
                    candidates.append(subject)
    for other in group if trigger_type == "ASSAULT" else ():
        own = ex._roles(other)[0] if other.i != tok.i else None
        headline = other.lemma_.lower() in lx.FATAL_VERBS | lx.INJURY_VERBS and own is not None \
            and own.head.i == other.i and own.pos_ == "PROPN"  # "Commander Badreddine Killed": the victim
        named = subject_before(own) if own is not None and own.pos_ == "PRON" else None  # "Israel said it killed"
        if own is not None and (own.pos_ != "PRON" or named is not None and named.pos_ == "PROPN") and not headline:
            candidates.append(own)
    victims = {t.i for t in tok.sent if t.dep_ == "nsubjpass" or t.dep_ == "dobj" and t.head.lemma_.lower() in
               lx.FATAL_VERBS | lx.INJURY_VERBS} | {t.head.i for t in tok.sent if t.dep_ == "acl" and
                                                    t.lemma_.lower() in lx.FATAL_VERBS | lx.INJURY_VERBS}
    for cand in candidates:
        party = ex._party(cand, day, salient) if cand.i not in victims or cand is speaker else None
        if party is not None and (party.id or party.country) and party.kind and (
                party.kind != "person" or cand is speaker):
            if cand.lemma_.lower() in ("territory", "area", "region") and party.kind != "armed_group":
                continue  # "fired from Lebanon": not the Lebanese state
            return cand, party
    return None


def _speaker(tok: Token, group: list[Token]) -> Token | None:
    """The subject of "said" for a speech verb the parser hung on the reported clause ("X said A had
    happened and warned that ...": X warned)."""
    for verb in (tok, *group):
        if verb.dep_ != "conj" or child(verb, "nsubj") is not None or verb.lemma_.lower() not in _SPEECH:
            continue
        if verb.head.dep_ == "ccomp" and verb.head.head.lemma_.lower() in _REPORTING \
                and child(verb.head, "nsubj") is None:  # "said fighters had been killed and warned"
            return child(verb.head.head, "nsubj")
        if verb.tag_ == "VBD" and verb.head.tag_ != "VBD":  # "told Y that X would not ... and urged him"
            for up in list(verb.head.ancestors)[:4]:
                if up.pos_ == "VERB" and up.lemma_.lower() in _REPORTING and up.tag_ == "VBD":
                    return child(up, "nsubj")
    return None


def _pronoun_owner(ex: Extractor, actor_tok: Token, salient: Salience, day: str | None) -> Party | None:
    """ "The group's leader said its forces ...": "its" is the group, not the leader (a person)."""
    poss = child(actor_tok, "poss")
    if poss is None or poss.pos_ != "PRON" or poss.lower_ not in ("its", "their"):
        return None
    speaker = subject_before(poss)
    owner = child(speaker, "poss") if speaker is not None else None
    if owner is None or owner.pos_ == "PRON" or ex._party(speaker, day, salient).kind != "person":
        return None
    party = ex._party(owner, day, salient)
    if party is None or party.kind != "armed_group" or not party.country:
        return None
    return replace(party, text=ex._party(actor_tok, day, salient).text)  # a group's forces are the group


def _definite_group(party: Party | None, salient: Salience) -> Party | None:
    """ "The Lebanese group": the armed group of that country named earlier, when there is one."""
    if party is None or party.id or party.kind != "armed_group" or not party.country \
            or not party.text.lower().startswith("the "):
        return party
    prior = salient.last(_GROUPS)
    if prior is None or prior.country != party.country or not prior.id:
        return party
    return replace(prior, text=party.text)


def _object_in_clause(ex: Extractor, event: Event, tok: Token, target_tok: Token, salient: Salience,
                      day: str | None) -> Event:
    """Whose the generic object is: "struck 60 targets ..., hitting Houthi radar sites"; "hit a vehicle
    carrying the militants"."""
    found: list[Token] = []
    for clause in tok.children:
        if clause.dep_ in ("advcl", "conj") and clause.lemma_.lower() in _HITTING and child(clause, "nsubj") is None:
            obj = child(clause, "dobj")
            if obj is not None:
                found.append(obj)
    carrying = child(target_tok, "acl")
    if target_tok.lemma_.lower() in _VEHICLES and carrying is not None and carrying.lemma_.lower() in _CARRY:
        obj = child(carrying, "dobj")
        if obj is not None:
            found.append(obj)
    kinds = [KIND_NOUNS.get(c.lemma_.lower()) for c in target_tok.children if c.dep_ == "compound"]
    if event.target is not None and event.target.kind is None and "armed_group" in kinds:
        event = replace(event, target=replace(event.target, kind="armed_group"))  # "militia sites"
    for obj in found:
        party = ex._party(obj, day, salient)
        if party is not None and party.country and party.kind and (
                event.actor is None or event.actor.country != party.country):
            return replace(event, target=party)
    return event


def _not_own_side(ex: Extractor, event: Event, tok: Token, target_tok: Token, day: str | None,
                  salient: Salience) -> Event:
    """ "... after an Israeli airstrike killed one of its commanders": "its" is not the attacker's own side
    but the subject of the sentence's main clause (Hezbollah, which then fired rockets)."""
    actor, target = event.actor, event.target
    actor_tok, _ = ex._roles(tok)
    their = child(actor_tok, "poss") if actor_tok is not None else None
    root = tok.sent.root
    if actor is not None and target is not None and actor.country == target.country and their is not None \
            and their.pos_ == "PRON" and root.i != tok.i and root.is_ancestor(actor_tok):
        obj = child(root, "dobj")  # "helicopters sank three Houthi boats after their crews fired on US aircraft"
        party = ex._party(obj, day, salient) if obj is not None else None
        if party is not None and party.country and party.country != target.country and party.kind in _ORGANISED:
            return replace(event, actor=replace(party, text=actor.text))
    owner = prep_object(target_tok, ("of",)) if target_tok.lemma_.lower() in ("one", *_MANY) else target_tok
    poss = child(owner, "poss") if owner is not None else None
    if actor is None or target is None or actor.country != target.country or poss is None or poss.pos_ != "PRON":
        return event
    main = child(root, "nsubj") if root.i != tok.i else None
    party = ex._party(main, day, salient) if main is not None and not main.is_ancestor(tok) else None
    if party is None or not party.country or party.country == actor.country or party.kind not in _ORGANISED:
        return replace(event, target=replace(target, country=None, id=None, name=None, sponsors=()))
    return replace(event, target=replace(target, country=party.country, sponsors=party.sponsors))


def _named_before(ex: Extractor, tok: Token, party: Party, day: str | None, salient: Salience) -> Party:
    """ "US warplanes struck sites used by Kata'ib Hezbollah, two days after the militia fired ...": a
    definite "the militia" is the armed group named earlier in its own sentence."""
    if not party.text.lower().startswith("the ") or len(party.text.split()) != 2:
        return party
    named = None
    for ent in sent_ents(tok.sent):
        if ent.end <= tok.i and ent.label_ in ("ORG", "NORP", "PERSON"):
            found = ex._party(ent.root, day, salient)
            if found is not None and found.id and found.kind == "armed_group":
                named = found
    return replace(named, text=party.text) if named is not None else party


def _without_later(ex: Extractor, event: Event, tok: Token, group: list[Token], target_tok: Token | None,
                   salient: Salience, day: str | None) -> Event:
    """Place, casualties and victims told in a trailing "..., after X killed Y in Z" clause belong to that
    clause's own event, not to the main one: they are read again from the sentence without it."""
    clauses = [c for t in (tok, *group) for c in t.children if later(c) and c.left_edge.i > t.i]
    if not clauses:
        return event
    sent = tok.sent
    cut = min(c.left_edge.i for c in clauses)
    kept, dropped = sent.doc[sent.start:cut], sent.doc[cut:sent.end].text
    def only_later(text: str | None) -> bool:  # noqa: E306
        return bool(text) and text in dropped and text not in kept.text
    changes: dict[str, object] = {}
    if event.location is None or event.location.country is None or only_later(event.location.text):
        changes["location"] = ex._location(kept, tok, [], target_tok, [t for t in group if t.i < cut])
    fatal, injured, victims = ex._casualties(kept)
    changes.update(fatalities=fatal, injuries=injured)
    if event.target is not None and only_later(event.target.text):
        changes["target"] = ex._party(victims, day, salient) if victims is not None else None
    return replace(event, **changes)


def _visited(ex: Extractor, tok: Token) -> Place | None:
    """Talks held during "a visit to Bahrain" or after "a trip to Baghdad" in the same sentence: there."""
    for noun in tok.sent:
        if noun.lemma_.lower() not in ("visit", "trip") or noun.pos_ != "NOUN":
            continue
        place = prep_object(noun, ("to",))
        if place is None or place.ent_type_ not in ("GPE", "LOC", "FAC"):
            continue
        entry = ex.kb.gazetteer.lookup(place.text)
        if entry is not None:
            return Place(text=place.text, name=entry.name, country=entry.country, admin1=entry.admin1,
                         lat=entry.lat, lon=entry.lon, precision=entry.precision)
    return None


def _military_things(event: Event, actor_tok: Token | None, target_tok: Token | None) -> Event:
    """ "A US MQ-9 Reaper drone was shot down": a state's aircraft, drone or troops are its military;
    "struck military targets in Iran": the military of the country the targets are in."""
    changes: dict[str, object] = {}
    for role, tok in (("actor", actor_tok), ("target", target_tok)):
        party = getattr(event, role)
        if party is not None and tok is not None and party.kind == "state" \
                and KIND_NOUNS.get(tok.lemma_.lower()) == "military":
            changes[role] = replace(party, kind="military")
    target, location = event.target, event.location
    if target is not None and target_tok is not None and not target.country and target.kind in (None, "military") \
            and target_tok.lemma_.lower() in _SITE_NOUNS and location is not None and location.country \
            and location.precision != "sea" and any(c.lower_ == "military" for c in target_tok.children) \
            and (event.actor is None or event.actor.country != location.country):
        changes["target"] = replace(target, country=location.country, kind="military")
    return replace(event, **changes) if changes else event


def _later_clause(tok: Token) -> int | None:
    return next((t.i for t in (tok, *tok.ancestors) if later(t)), None)


def _victims_counted(ex: Extractor, event: Event, tok: Token) -> Event:
    """ "killing senior official Saleh al-Arouri and six others": 7; "killed a commander and one of his
    aides": 2. A named person killed counts one; each conjoined victim phrase adds its count."""
    own = _later_clause(tok)  # a killing told in another event's "after" clause is not counted here
    verb = next((t for t in tok.sent if t.pos_ == "VERB" and t.lemma_.lower() in lx.FATAL_VERBS
                 and _later_clause(t) == own), None)
    victims = (child(verb, "nsubjpass") if child(verb, "auxpass") is not None else child(verb, "dobj")) \
        if verb is not None else None
    if victims is None:
        return event
    base = ex._count_of(victims)
    if base is None and victims.ent_type_ == "PERSON" and victims.tag_ == "NNP":
        base = Count(1, 1)
    counts = [base] + [parse_count(tok.doc[c.left_edge.i: c.i + 1].text) for c in victims.children if c.dep_ == "conj"]
    if base is None or any(c is None for c in counts) or event.fatalities not in (None, base):
        return event
    total_max = None if any(c.max is None for c in counts) else sum(c.max for c in counts)
    return replace(event, fatalities=Count(sum(c.min for c in counts), total_max))


_UNHURT = re.compile(r"\b(?:no one|no-one|nobody|none of them)\b[^.;]*?\b(?:was|were)\s+(?:hurt|harmed|injured)\b",
                     re.IGNORECASE)
_NO_INJURIES = re.compile(r"\bno (?:injuries|casualties)\b", re.IGNORECASE)


def settle(events: list[Event], text: str) -> list[Event]:
    """Whole-article touches after every sentence is read: an attack followed by "Nobody was hurt" or
    "no injuries were reported" (in its own or the next sentence, when that one tells no event of its
    own) had no one wounded, and with nobody hurt no one was killed."""
    starts = {e.evidence.start for e in events}
    out: list[Event] = []
    for event in events:
        if event.type == "ASSAULT" and event.status == "occurred" and not event.negated and event.aggregate is None:
            after = text[event.evidence.end:]
            end = after.find(".", 1)
            nxt = after[: end + 1] if end >= 0 else after
            skip = len(nxt) - len(nxt.lstrip())
            told = [s for s in (event.evidence.text, nxt) if s is event.evidence.text
                    or event.evidence.end + skip not in starts]
            if event.fatalities is None and event.injuries == Count(0, 0) and any(_UNHURT.search(s) for s in told):
                event = replace(event, fatalities=Count(0, 0))
            elif event.injuries is None and event.fatalities in (None, Count(0, 0)) and len(told) == 2 \
                    and _NO_INJURIES.search(nxt) and not _NO_INJURIES.search(event.evidence.text):
                event = replace(event, injuries=Count(0, 0))
        out.append(event)
    return out


def _with_affiliation(ex: Extractor, tok: Token, day: str | None, salient: Salience) -> Party | None:
    """A person named with their group: "Fuad Shukr, Hezbollah's most senior commander", "a senior
    commander of Harakat al-Nujaba": a person of that group's country (and its sponsors)."""
    party = ex._party(tok, day, salient)
    if party is None or party.kind != "person" or party.country:
        return party
    for link in (child(tok, "appos"), prep_object(tok, ("of",))):
        group = ex._party(link, day, salient) if link is not None else None
        if group is not None and group.country and group.kind in _ORGANISED | {"person"}:
            return replace(party, country=group.country, sponsors=group.sponsors)
    return party

"""Refine rules: a second look at an event's parties, place and counts, after the sentence's own reading
(stage ``refine``; the event rules are in fields.py).

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
- places: talks during "a visit to X"; casualties: conjoined victims add up.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.context import EventContext
from proxywatch.extract.engine import rule
from proxywatch.extract.mentions import subject_before
from proxywatch.extract.numbers import parse_count
from proxywatch.extract.prefilter import word_forms
from proxywatch.extract.syntax import child, prep_object
from proxywatch.extract.dates import offset_date, resolve_date
from proxywatch.extract.doccache import sent_ents
from proxywatch.extract.syntax import SITES, clause_head, earlier_clause, one_side_each, time_offset
from proxywatch.extract.timing import reason_tokens, timed_against
from proxywatch.records import Count, DateSpan, Event, Party, Place
from proxywatch.resolve.parties import KIND_NOUNS

__all__ = ["later"]

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


@rule("refine.own-roles", "The second look starts from the trigger's own arguments; a target named on another "
      "trigger of the same group counts ('struck and destroyed four missiles').",
      "Tehran denied any role in the strike.")
def own_roles(event: Event, ec: EventContext) -> Event:
    ec.actor_tok, ec.target_tok = ec.roles(ec.tok)
    ec.target_tok = ec.target_tok or next(
        (t for t in (ec.roles(o)[1] for o in ec.group if o.i != ec.tok.i) if t is not None), None)
    return event


@rule("refine.speaker", "A speech act the parser conjoined to the reported clause is the speaker's: 'X said fighters "
      "were killed and warned that ...': X warned.",
      "A Houthi spokesman said five fighters had been killed and warned that the group would respond.")
def speaker(event: Event, ec: EventContext) -> Event:
    found = _speaker(ec.tok, ec.group)
    if found is None or event.type == "ASSAULT":
        return event
    party = ec.party(found, ec.day(event))
    if party is not None and (party.id or party.country) and party.kind:
        return replace(event, actor=party)
    return event


@rule("refine.unnamed-actor", "Who acted when the trigger names nobody: the speaker of a conjoined speech act, the "
      "group holding the territory a weapon was fired from, the attacker of a 'when' clause, another trigger's actor.",
      "Two soldiers were killed when a Houthi missile slammed into their post.")
def unnamed_actor(event: Event, ec: EventContext) -> Event:
    ec.named_actor = event.actor is not None
    if event.actor is not None:
        return event
    found = _unnamed_actor(ec, ec.tok, ec.group, ec.day(event), event.type)
    if found is None:
        return event
    ec.actor_tok, party = found
    return replace(event, actor=party)


@rule("refine.pronoun-owner", "'The group's leader said its forces ...': 'its' is the group, not the leader.",
      "Crowds marched in Sanaa in support of the Houthis and against Israel. The group's leader said its forces had "
      "struck a ship.")
def pronoun_owner(event: Event, ec: EventContext) -> Event:
    if not ec.named_actor or ec.actor_tok is None or event.actor is None or event.actor.kind not in ("military", None):
        return event
    return replace(event, actor=_pronoun_owner(ec, ec.actor_tok, ec.day(event)) or event.actor)


@rule("refine.definite-group", "'The Lebanese group' is the armed group of that country named earlier.",
      "Hezbollah fired rockets at Israel on Monday. The Lebanese group, which has traded fire with Israel for "
      "months, denied any involvement.")
def definite_group(event: Event, ec: EventContext) -> Event:
    return replace(event, actor=_definite_group(event.actor, ec), target=_definite_group(event.target, ec))


@rule("refine.object-in-clause", "Whose a generic object is: 'struck 60 targets, hitting Houthi radar sites'; 'hit a "
      "vehicle carrying the militants'.", "US jets struck 60 targets, hitting Houthi radar sites.")
def object_in_clause(event: Event, ec: EventContext) -> Event:
    if event.type == "ASSAULT" and ec.target_tok is not None and (event.target is None or not event.target.country):
        return _object_in_clause(ec, event, ec.tok, ec.target_tok, ec.day(event))
    return event


@rule("refine.forces-at-site", "Forces named at an attacked site are the target, not the site or its host country; "
      "never the attacker's own.", "A drone struck a base in Syria where US troops are stationed.")
def forces_at_site(event: Event, ec: EventContext) -> Event:
    target_tok = ec.target_tok
    if event.type == "ASSAULT" and target_tok is not None and target_tok.lemma_.lower() in _HOSTING_SITES \
            and (event.target is None or not event.target.id and target_tok.text in event.target.text):
        return _forces_at_site(ec, event, ec.tok, target_tok, ec.day(event))
    return event


@rule("refine.victim-with-affiliation", "A named victim with their group is the target: 'killing official X of "
      "Hamas' targets Hamas's side.",
      "A US drone strike in Baghdad on Thursday killed a senior commander of Harakat al-Nujaba.")
def victim_with_affiliation(event: Event, ec: EventContext) -> Event:
    if event.type != "ASSAULT" or event.target is not None and (event.target.country or event.target.id):
        return event
    victims = ec.read.casualties(ec.tok.sent)[2]
    party = _with_affiliation(ec, victims, ec.day(event)) if victims is not None else None
    if party is not None and party.country and (event.actor is None or event.actor.country != party.country):
        ec.target_tok = victims
        return replace(event, target=party)
    return event


@rule("refine.not-own-side", "'An Israeli strike killed one of its commanders': 'its' is not the attacker's own side "
      "but the main clause's subject.",
      "Hezbollah fired rockets after an Israeli airstrike killed one of its commanders.")
def not_own_side(event: Event, ec: EventContext) -> Event:
    if event.type == "ASSAULT" and ec.target_tok is not None and event.target is not None:
        return _not_own_side(ec, event, ec.tok, ec.target_tok, ec.day(event))
    return event


@rule("refine.military-things", "A state's aircraft, drone or troops are its military; 'military targets in Iran' "
      "are the military of the country they are in.", "A US MQ-9 Reaper drone was shot down over Yemen.")
def military_things(event: Event, ec: EventContext) -> Event:
    return _military_things(event, ec.actor_tok, ec.target_tok) if event.type == "ASSAULT" else event


@rule("refine.threat-target-not-own", "A threat's pronoun target on the speaker's own side is the one blamed before "
      "it ('held Israel responsible and promised it would pay'), or no one.",
      "Hezbollah held Israel responsible and promised it would receive its just punishment.")
def threat_target_not_own(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if not (event.type == "THREATEN" and event.target is not None and event.actor is not None
            and event.target.country == event.actor.country and event.target.text.lower() in _PRONOUNS):
        return event
    said = next((v for v in (tok, tok.head, tok.head.head) if v.dep_ == "conj"), None)
    blamed = child(said.head, "dobj") if said is not None else None
    party = ec.party(blamed, ec.day(event)) if blamed is not None else None
    keep = party is not None and party.country and party.country != event.actor.country
    return replace(event, target=party if keep else None)


@rule("refine.without-later-clause", "Place, casualties and victims told in a trailing 'after X killed Y in Z' clause "
      "are that clause's event's, not the main one's.",
      "Hezbollah fired rockets at military positions across northern Israel on Wednesday, after an Israeli airstrike "
      "killed one of its most senior field commanders in Tyre.")
def without_later_clause(event: Event, ec: EventContext) -> Event:
    return _without_later(ec, event, ec.tok, ec.group, ec.target_tok, ec.day(event))


@rule("refine.hosted-target", "An attack on a curated base hits the forces it hosts on the day (kb/places.yaml "
      "'hosts'), never the attacker's own side.", "Rockets struck al-Asad air base on Saturday.")
def hosted_target(event: Event, ec: EventContext) -> Event:
    return _hosted_target(ec, event, ec.day(event))


@rule("refine.victims-counted", "Conjoined victims add up: 'killing official X and six others' is 7 dead, 'injuring "
      "five soldiers and two contractors' 7 wounded.",
      "An Israeli strike killed senior official Saleh al-Arouri and six others.")
def victims_counted(event: Event, ec: EventContext) -> Event:
    return _victims_counted(ec, event, ec.tok) if event.type == "ASSAULT" else event


@rule("refine.weapon-is-no-actor", "A bare weapon with no owner is no actor.",
      "Rockets struck the base on Tuesday.")
def weapon_is_no_actor(event: Event, ec: EventContext) -> Event:
    actor = event.actor
    last = actor.text.split()[-1].lower() if actor is not None and actor.text.split() else ""
    if actor is not None and not (actor.id or actor.country or actor.kind) \
            and {re.sub(r"s$", "", last), re.sub(r"es$", "", last)} & lx.WEAPON_NOUNS:  # "missiles", "salvoes"
        return replace(event, actor=None)
    return event


@rule("refine.visit-place", "Talks held during 'a visit to X' happened in X.",
      "The lull followed a visit to Baghdad by Esmail Qaani, who met militia leaders at the airport.")
def visit_place(event: Event, ec: EventContext) -> Event:
    if event.type == "CONSULT" and event.location is None:
        return replace(event, location=_visited(ec, ec.tok))
    return event


@rule("refine.talks-told", "'X told Y in a phone call': X and Y talked.",
      "Austin told Gallant in a phone call that the US would help.")
def talks_told(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if not (event.type == "CONSULT" and event.actor is None and tok.pos_ == "NOUN" and tok.dep_ == "pobj"
            and tok.head.head.pos_ == "VERB" and tok.head.head.lemma_.lower() in _TALKING):
        return event
    said, day = tok.head.head, ec.day(event)
    actor = ec.party(child(said, "nsubj"), day)
    target = event.target or ec.party(child(said, "dobj"), day)
    return replace(event, actor=actor, target=target if target is not actor else None)


@rule("refine.condemned-perpetrator", "Who condemns an attack accuses its perpetrator: 'Iraq condemned the US "
      "strikes' targets the US.",
      "Baghdad said 16 people were killed in the US strikes, and condemned them as a breach of its sovereignty.")
def condemned_perpetrator(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    condemned = child(tok, "dobj") if event.type in _ACCUSING else None
    if condemned is not None and condemned.lower_ in ("them", "it"):  # "killed in the strikes, and condemned them"
        condemned = next((t for t in reversed(tok.sent[: condemned.i - tok.sent.start])
                          if t.lemma_.lower() in lx.ASSAULT_NOUNS and t.pos_ == "NOUN"), condemned)
    if condemned is not None and (event.target is None or not event.target.country):
        return _perpetrator_as_target(ec, event, condemned, ec.dc.events, ec.day(event))
    return event


@rule("refine.state-strike-is-military", "'A US drone strike', 'an Israeli strike': the state's military.",
      "A US drone strike in Baghdad killed a militia commander on Thursday.")
def state_strike_is_military(event: Event, ec: EventContext) -> Event:
    actor_tok = ec.actor_tok
    if event.type == "ASSAULT" and event.actor is not None and event.actor.kind == "state" and actor_tok is not None \
            and actor_tok.dep_ in ("compound", "amod", "nmod") and actor_tok.head.pos_ == "NOUN" \
            and (actor_tok.ent_type_ == "NORP" or getattr(ec.kb.gazetteer.lookup(actor_tok.text), "precision", None)
                 == "country"):  # not "the Paris attacks"
        return replace(event, actor=replace(event.actor, kind="military"))
    return event


@rule("refine.conditional-target", "A threat with an 'if X ...' condition is aimed at X.",
      "Israel warned it would strike if Hezbollah fired again.")
def conditional_target(event: Event, ec: EventContext) -> Event:
    if event.type in ("THREATEN", "ASSAULT") and event.target is None:
        return _conditional_target(ec, event, ec.tok, ec.day(event))
    return event


@rule("refine.supporters-of", "'Supporters of X' are civilians of X's country.",
      "Hundreds of supporters of the Houthis rallied in Sanaa.")
def supporters_of(event: Event, ec: EventContext) -> Event:
    actor_tok = ec.actor_tok
    if actor_tok is not None and actor_tok.lemma_.lower() in _MANY:
        actor_tok = prep_object(actor_tok, ("of",)) or actor_tok  # "hundreds of supporters of X"
    if actor_tok is None or actor_tok.lemma_.lower() not in _SUPPORTERS or (
            event.actor is not None and event.actor.country):
        return event
    backed = prep_object(actor_tok, ("of",))
    party = ec.party(backed, ec.day(event)) if backed is not None else None
    if party is None or not party.country:
        return event
    text = ec.tok.doc[actor_tok.left_edge.i: actor_tok.right_edge.i + 1].text
    return replace(event, actor=Party(text=text, country=party.country, kind="civilians"))


@rule("refine.one-side-each", "An attacker read through a pronoun on its target's side ('their crews fired on the "
      "American aircraft' taken as American) was read wrongly: say nothing rather than the wrong side; a negated "
      "attack has no dead.", "US helicopters sank three boats after their crews fired on the American aircraft.")
def one_side(event: Event, ec: EventContext) -> Event:
    return one_side_each(event, *ec.roles(ec.tok))


@rule("refine.without-reason-counts", "Counts read from a 'in retaliation for the attack that killed three' phrase "
      "are that attack's: without the phrase the sentence tells none.",
      "The US struck militia sites in retaliation for the attack that killed three soldiers.")
def without_reason_counts(event: Event, ec: EventContext) -> Event:
    reason, sent = ec.reason, ec.sent
    if not reason or event.type != "ASSAULT" or (event.fatalities is None and event.injuries is None):
        return event

    def told(words: frozenset[str], inside: bool) -> bool:
        return any((t.i in reason) == inside and t.lemma_.lower() in words for t in sent)

    fatal = told(lx.FATAL_VERBS, True) and not told(lx.FATAL_VERBS | {"death", "dead"}, False)
    injured = told(lx.INJURY_VERBS, True) and not told(lx.INJURY_VERBS | {"injury", "wounded"}, False)
    return replace(event, fatalities=None if fatal else event.fatalities,
                   injuries=None if injured else event.injuries)


@rule("refine.story-day", "An occurred event with no date of its own takes the story's day (the last single day an "
      "earlier sentence gave), or that day moved by 'a day after'; not counts, negations, earlier clauses, an incident "
      "named inside another's sentence ('in retaliation for the attack that killed ...'), nor one told as past "
      "('in the past', 'previously').",
      "A drone struck the base on Sunday. The attack wounded three soldiers.")
def story_day(event: Event, ec: EventContext) -> Event:
    last_day, tok = ec.dc.last_day, ec.tok
    if event.date is not None or last_day is None or tok.i in ec.sc.apart or _told_as_past(tok) \
            or tok.i in reason_tokens(ec.sent, clause_head(tok)):
        return event
    earlier = earlier_clause(tok)
    offset = time_offset(clause_head(tok)) if earlier else None
    if offset is not None:
        return replace(event, date=offset_date(last_day, *offset))  # "The raid came a day after ..."
    if event.aggregate is None and not event.negated and event.status == "occurred" and not earlier \
            and timed_against(tok) is None:
        return replace(event, date=_framing_period(ec) or last_day)
    return event


_FRAMES = frozenset("in during over throughout by".split())


def _framing_period(ec: EventContext) -> DateSpan | None:
    """The period the sentence before sets for what follows when it opens with one and told no dated event: "In July
    and August 2024, attacks by both sides escalated. A rocket ... killed ...": July–August 2024."""
    sent, published = ec.sent, ec.dc.published
    if sent.start == 0 or published is None:
        return None
    before = sent.doc[sent.start - 1].sent
    if before.start == sent.start:
        return None
    for first in before[:6]:  # "In July and August 2024, ...", also after a heading run into the sentence
        if first.i != before.start and first.text not in ("In", "During", "Over", "Throughout", "By"):
            continue
        ents = [e for e in sent_ents(before) if e.label_ == "DATE"]
        ent = next((e for e in ents if e.start == first.i + 1), None)
        if first.lower_ not in _FRAMES or ent is None:
            continue
        end = ent.end
        for nxt in ents:  # "In July and August 2024": two entities joined by "and"
            if nxt.start == end + 1 and before.doc[end].lower_ in ("and", "to", "through"):
                end = nxt.end
        if end < before.end and before.doc[end].text == "," and not _dated_event_in(ec, ec.sc.number - 1):
            return resolve_date(before.doc[ent.start:end].text, published)
    return None


def _dated_event_in(ec: EventContext, number: int) -> bool:
    """Whether the sentence read as ``number`` told an event with a date (events are in sentence order)."""
    for (n, _, _), event in zip(reversed(ec.dc.origins), reversed(ec.dc.events)):
        if n < number:
            return False
        if n == number and event.date is not None:
            return True
    return False


_PAST_MARKS = frozenset("previously formerly once".split())


def _told_as_past(tok: Token) -> bool:
    """ "have attacked the base in the past", "previously targeted": before the story's day."""
    verb = next((v for v in (tok, *tok.ancestors) if v.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    words = {t.lower_ for c in verb.children if c.dep_ in ("advmod", "prep", "npadvmod") for t in c.subtree}
    return bool(words & _PAST_MARKS) or {"in", "past"} <= words and "the" in words


def _forces_at_site(ec: EventContext, event: Event, tok: Token, target_tok: Token, day: str | None) -> Event:
    """ "three bases in Syria where US troops are stationed", "a camp that houses American soldiers", "fired at
    US and coalition troops at two sites": the forces named at the site are the target, not the site or its
    host country; the attacker's own forces never."""
    named = [t for t in target_tok.subtree if t.dep_ == "relcl" and t.lemma_.lower() in _STATIONED]
    people = [who for v in named for who in (child(v, "nsubjpass"), child(v, "nsubj"), child(v, "dobj"))
              if who is not None and who.lemma_.lower() in _PEOPLE_AT]
    people += [t for t in tok.subtree if t.dep_ == "pobj" and t.head.lower_ in ("at", "on", "against")
               and t.lemma_.lower() in _PEOPLE_AT and t.i != target_tok.i and _aimed_by(t.head, tok)]
    victims = ec.read.casualties(tok.sent)[2]
    if victims is not None and all(victims.i != who.i for who in people):
        return event  # "a drone attack on a base ..., where US troops are stationed, killed four Kurdish fighters"
    for who in people:
        party = ec.party(who, day)
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


def _hosted_target(ec: EventContext, event: Event, day: str | None) -> Event:
    target, location, actor = event.target, event.location, event.actor
    if event.type != "ASSAULT" or location is None or location.precision != "site":
        return event
    if target is not None and (target.id or target.kind not in (None, "military")
                               or target.country and target.text != location.text and target.kind):
        return event
    host = ec.kb.occupant(location.name, day)
    if host is None or (actor is not None and actor.country == host.country):
        return event
    party = Party(text=target.text if target is not None else location.text, id=host.id, name=host.name,
                  country=host.country, kind=host.kind, sponsors=ec.kb.sponsors(host, day))
    return replace(event, target=party)


def _perpetrator_as_target(ec: EventContext, event: Event, target_tok: Token,
                           earlier: list[Event], day: str | None) -> Event:
    noun = target_tok.lemma_.lower()
    if noun not in lx.ASSAULT_NOUNS or target_tok.pos_ != "NOUN":
        return event
    if prep_object(target_tok.head, ("on", "against")) is not None:
        return event  # "blaming three attacks on the Syrian government": the one blamed is named
    own, _ = ec.roles(target_tok)  # "Iran's attack on Israel", "the US raids"
    party = ec.party(own, day) if own is not None else None
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those")
                   for c in target_tok.children)
    if (party is None or not party.country) and definite:
        forms = word_forms(noun) | {f + "s" for f in word_forms(noun)}
        words = [o[2].lower() for o in ec.dc.origins] if len(ec.dc.origins) == len(earlier) else [None] * len(earlier)
        party = next((e.actor for e, word in reversed(list(zip(earlier, words))) if e.type == "ASSAULT"
                      and e.status == "occurred" and e.actor is not None and e.actor.country
                      and e.actor.kind in _ORGANISED and (word in forms if word else forms & set(
                          re.findall(r"[a-z]+", e.evidence.text.lower())))), None)  # the strikes, not the
        # barrage they answered told in the same sentence
    if party is None or not party.country or (event.actor is not None and event.actor.country == party.country):
        return event
    return replace(event, target=party)


def _conditional_target(ec: EventContext, event: Event, tok: Token, day: str | None) -> Event:
    heads = [tok, *(c for c in tok.children if c.dep_ == "ccomp")]
    for head in heads:
        for clause in head.children:
            mark = child(clause, "mark")
            if clause.dep_ != "advcl" or mark is None or mark.lower_ not in ("if", "unless"):
                continue
            subject = child(clause, "nsubj")
            party = ec.party(subject, day) if subject is not None and subject.pos_ != "PRON" else None
            if party is not None and party.country and party.kind in _ORGANISED and (
                    event.actor is None or event.actor.country != party.country):
                return replace(event, target=party)
    return event


def _unnamed_actor(ec: EventContext, tok: Token, group: list[Token], day: str | None,
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
        own = ec.roles(other)[0] if other.i != tok.i else None
        headline = other.lemma_.lower() in lx.FATAL_VERBS | lx.INJURY_VERBS and own is not None \
            and own.head.i == other.i and own.pos_ == "PROPN"  # "Commander Badreddine Killed": the victim
        named = subject_before(own) if own is not None and own.pos_ == "PRON" else None  # "Israel said it killed"
        if own is not None and (own.pos_ != "PRON" or named is not None and named.pos_ == "PROPN") and not headline:
            candidates.append(own)
    victims = {t.i for t in tok.sent if t.dep_ == "nsubjpass" or t.dep_ == "dobj" and t.head.lemma_.lower() in
               lx.FATAL_VERBS | lx.INJURY_VERBS} | {t.head.i for t in tok.sent if t.dep_ == "acl" and
                                                    t.lemma_.lower() in lx.FATAL_VERBS | lx.INJURY_VERBS}
    for cand in candidates:
        party = ec.party(cand, day) if cand.i not in victims or cand is speaker else None
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


def _pronoun_owner(ec: EventContext, actor_tok: Token, day: str | None) -> Party | None:
    """ "The group's leader said its forces ...": "its" is the group, not the leader (a person)."""
    poss = child(actor_tok, "poss")
    if poss is None or poss.pos_ != "PRON" or poss.lower_ not in ("its", "their"):
        return None
    speaker = subject_before(poss)
    owner = child(speaker, "poss") if speaker is not None else None
    if owner is None or owner.pos_ == "PRON" or ec.party(speaker, day).kind != "person":
        return None
    party = ec.party(owner, day)
    if party is None or party.kind != "armed_group" or not party.country:
        return None
    return replace(party, text=ec.party(actor_tok, day).text)  # a group's forces are the group


def _definite_group(party: Party | None, ec: EventContext) -> Party | None:
    """ "The Lebanese group": the armed group of that country named earlier, when there is one."""
    if party is None or party.id or party.kind != "armed_group" or not party.country \
            or not party.text.lower().startswith("the "):
        return party
    prior = ec.dc.salience.last(_GROUPS)
    if prior is None or prior.country != party.country or not prior.id:
        return party
    return replace(prior, text=party.text)


def _object_in_clause(ec: EventContext, event: Event, tok: Token, target_tok: Token,
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
        party = ec.party(obj, day)
        if party is not None and party.country and party.kind and (
                event.actor is None or event.actor.country != party.country):
            return replace(event, target=party)
    return event


def _not_own_side(ec: EventContext, event: Event, tok: Token, target_tok: Token, day: str | None) -> Event:
    """ "... after an Israeli airstrike killed one of its commanders": "its" is not the attacker's own side
    but the subject of the sentence's main clause (Hezbollah, which then fired rockets)."""
    actor, target = event.actor, event.target
    actor_tok, _ = ec.roles(tok)
    their = child(actor_tok, "poss") if actor_tok is not None else None
    root = tok.sent.root
    if actor is not None and target is not None and actor.country == target.country and their is not None \
            and their.pos_ == "PRON" and root.i != tok.i and root.is_ancestor(actor_tok):
        obj = child(root, "dobj")  # "helicopters sank three Houthi boats after their crews fired on US aircraft"
        party = ec.party(obj, day) if obj is not None else None
        if party is not None and party.country and party.country != target.country and party.kind in _ORGANISED:
            return replace(event, actor=replace(party, text=actor.text))
    owner = prep_object(target_tok, ("of",)) if target_tok.lemma_.lower() in ("one", *_MANY) else target_tok
    poss = child(owner, "poss") if owner is not None else None
    if actor is None or target is None or actor.country != target.country or poss is None or poss.pos_ != "PRON":
        return event
    main = child(root, "nsubj") if root.i != tok.i else None
    party = ec.party(main, day) if main is not None and not main.is_ancestor(tok) else None
    if party is None or not party.country or party.country == actor.country or party.kind not in _ORGANISED:
        return replace(event, target=replace(target, country=None, id=None, name=None, sponsors=()))
    return replace(event, target=replace(target, country=party.country, sponsors=party.sponsors))


def _without_later(ec: EventContext, event: Event, tok: Token, group: list[Token], target_tok: Token | None, day: str | None) -> Event:
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
        changes["location"] = ec.read.location(kept, tok, [], target_tok, [t for t in group if t.i < cut])
    fatal, injured, victims = ec.read.casualties(kept)
    changes.update(fatalities=fatal, injuries=injured)
    if event.target is not None and only_later(event.target.text):
        changes["target"] = ec.party(victims, day) if victims is not None else None
    return replace(event, **changes)


def _visited(ec: EventContext, tok: Token) -> Place | None:
    """Talks held during "a visit to Bahrain" or after "a trip to Baghdad" in the same sentence: there."""
    for noun in tok.sent:
        if noun.lemma_.lower() not in ("visit", "trip") or noun.pos_ != "NOUN":
            continue
        place = prep_object(noun, ("to",))
        if place is None or place.ent_type_ not in ("GPE", "LOC", "FAC"):
            continue
        entry = ec.kb.gazetteer.lookup(place.text)
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


def _victims_counted(ec: EventContext, event: Event, tok: Token) -> Event:
    """ "killing senior official Saleh al-Arouri and six others": 7; "killed a commander and one of his
    aides": 2; "injuring five service members and two contractors": 7 wounded. A named person killed counts one;
    each conjoined victim phrase adds its count."""
    own = _later_clause(tok)  # a killing told in another event's "after" clause is not counted here
    for field, verbs in (("fatalities", lx.FATAL_VERBS), ("injuries", lx.INJURY_VERBS)):
        verb = next((t for t in tok.sent if t.pos_ == "VERB" and t.lemma_.lower() in verbs
                     and _later_clause(t) == own), None)
        if verb is not None and clause_head(verb).i != clause_head(tok).i and not tok.is_ancestor(verb) \
                and clause_head(tok).i != tok.i and not clause_head(tok).is_ancestor(verb):
            continue  # "killed a commander of a militia the Pentagon blames for attacks on troops": not those attacks'
        victims = (child(verb, "nsubjpass") if child(verb, "auxpass") is not None else child(verb, "dobj")) \
            if verb is not None else None
        if victims is None:
            continue
        base = ec.read.count_of(victims)
        if base is None and victims.ent_type_ == "PERSON" and victims.tag_ == "NNP":
            base = Count(1, 1)
        counts = [base] + [parse_count(tok.doc[c.left_edge.i: c.i + 1].text)
                           for c in victims.children if c.dep_ == "conj"]
        if base is None or any(c is None for c in counts) or getattr(event, field) not in (None, base) \
                or field == "injuries" and len(counts) == 1:
            continue
        total_max = None if any(c.max is None for c in counts) else sum(c.max for c in counts)
        event = replace(event, **{field: Count(sum(c.min for c in counts), total_max)})
    return event


def _with_affiliation(ec: EventContext, tok: Token, day: str | None) -> Party | None:
    """A person named with their group: "Fuad Shukr, Hezbollah's most senior commander", "a senior
    commander of Harakat al-Nujaba": a person of that group's country (and its sponsors)."""
    party = ec.party(tok, day)
    if party is None or party.kind != "person" or party.country:
        return party
    for link in (child(tok, "appos"), prep_object(tok, ("of",))):
        group = ec.party(link, day) if link is not None else None
        if group is not None and group.country and group.kind in _ORGANISED | {"person"}:
            return replace(party, country=group.country, sponsors=group.sponsors)
    return party

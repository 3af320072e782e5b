"""Event rules: the fields of a new event, read from its sentence in order (stage ``event``).

Each rule fills one field, or moves the actor or target word the later rules read from (``ec.actor_tok``,
``ec.target_tok``). The readers they call (``readers.py``) do the parse-tree work; the rules say which
reading applies. Order matters and is the order below: roles → status → threats and denials → reason
phrase → date → parties → place → mode → casualties → aggregate → victims as target.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.aggregates import aggregate as aggregate_of
from proxywatch.extract.context import EventContext
from proxywatch.extract.dates import offset_date
from proxywatch.extract.engine import rule
from proxywatch.extract.mentions import subject_before
from proxywatch.extract.syntax import child
from proxywatch.extract.syntax import (PARTNER_PREPS, SITES, clause_head, consequence, core_span, denier,
                                       incident_words, involvement, own_side, threatened)
from proxywatch.extract.timing import modal_status, reason_tokens, said_dates, timed_against
from proxywatch.records import Event, Place

__all__: list[str] = []


@rule("event.denied-attack", "'X denied any involvement' after an attack was reported: the attack, denied by X.",
      "A drone struck the base on Monday. Tehran denied any involvement.")
def denied_attack(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type == "REJECT" and involvement(ec.tok) is not None and any(
            e.type == "ASSAULT" and e.status == "occurred" for e in ec.dc.events):
        ec.trigger_type = "ASSAULT"
        return replace(event, type="ASSAULT")
    return event


@rule("event.roles", "The actor and target words are the trigger's own arguments: subject and object, a passive's "
      "agent, 'by X', 'X's', a named modifier, the object of a preposition of aim.",
      "Houthi militants fired a missile at the ship.")
def roles(event: Event, ec: EventContext) -> Event:
    ec.actor_tok, ec.target_tok = ec.roles(ec.tok)
    return event


@rule("event.status", "Status and negation from the trigger's governors: 'vowed to strike' threatened, 'plans to' "
      "planned, 'will' planned, 'denied' denied, 'if' hypothetical; 'no'/'not' negated.",
      "Hezbollah vowed to strike Israel.")
def status(event: Event, ec: EventContext) -> Event:
    st, negated = ec.read.status(ec.tok)
    return replace(event, status=st, negated=negated)


@rule("event.demand-is-hypothetical", "A demanded or conditional act is hypothetical, and its 'not' belongs to the "
      "demand: nothing occurred.", "Israel should not start a military operation in Rafah unless it has a plan.")
def demand(event: Event, ec: EventContext) -> Event:
    st, negated = modal_status(ec.tok, event.status, event.negated)
    return replace(event, status=st, negated=negated)


@rule("event.threat-by-speaker", "'X said Hezbollah would pay a heavy price': the threat is the speaker's, aimed at "
      "the one who would pay.", "Israel said on Sunday that Hezbollah would pay a heavy price.")
def threat_by_speaker(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type != "THREATEN" or not consequence(ec.tok):
        return event
    ec.actor_tok, ec.target_tok = subject_before(ec.tok), child(ec.tok, "nsubj")
    st, negated = ec.read.status(ec.actor_tok.head) if ec.actor_tok is not None else ("occurred", False)
    return replace(event, status=st, negated=negated)


@rule("event.threatened-party", "A warning names who is threatened: the one who 'would face consequences'.",
      "Britain warned that the Houthis would face consequences.")
def threatened_party(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type == "THREATEN" and not consequence(ec.tok) and ec.target_tok is None:
        ec.target_tok = threatened(ec.tok)
    return event


@rule("event.denied-involvement", "'X denied any involvement': X is the actor of the event denied, status denied.",
      "The Lebanese group denied any involvement.")
def denied_involvement(event: Event, ec: EventContext) -> Event:
    if involvement(ec.tok) is None:
        return event
    ec.actor_tok, ec.target_tok = child(ec.tok, "nsubj"), None
    return replace(event, status="denied")


@rule("event.denier", "An event denied by someone: who denies it is its supposed actor.",
      "Tehran denied any role in the strike on the base.")
def denier_actor(event: Event, ec: EventContext) -> Event:
    if involvement(ec.tok) is None and event.status == "denied" and ec.actor_tok is None:
        ec.actor_tok = denier(ec.tok)
    return event


@rule("event.reason-phrase", "Words of an 'in retaliation for X' / 'in response to X' phrase tell another event: "
      "their date, place, mode and casualties are not this one's.",
      "The US struck militia sites in retaliation for the attack that killed three soldiers.")
def reason_phrase(event: Event, ec: EventContext) -> Event:
    ec.reason = reason_tokens(ec.sent, ec.tok) | _apart_words(ec)
    if ec.tok.i in ec.sc.apart and ec.tok.i not in ec.sc.counted:
        ec.reason -= incident_words(ec.tok)  # "in response to the drone attack that killed three soldiers last
        # Sunday": that attack is the event read here, its words are its own
    if ec.reason:
        doc = ec.sent.doc
        head = clause_head(ec.tok).i
        ec.others = set(ec.others) | {h.i for i in ec.reason if (h := clause_head(doc[i])).i != head}
    return event


def _apart_words(ec: EventContext) -> set[int]:
    """Words of the sentence that tell another incident than the event being read (``sc.apart``: incidents told
    apart by group.incident-apart): for one of those, every word outside its own phrase; for the others, the
    phrases of those incidents."""
    tok, apart = ec.tok, ec.sc.apart
    if not apart:
        return set()
    if tok.i in ec.sc.counted:
        return set()  # a count of attacks reads the whole sentence; the others do not read its phrase
    if tok.i in apart:
        own = incident_words(tok)
        return {t.i for t in ec.sent if t.i not in own}
    doc = ec.sent.doc
    if _one_of_them(tok):
        return set()  # "a wave of airstrikes on southern Lebanon, one of which flattened a building": that wave's
    verb = next((v for v in (tok, *tok.ancestors) if v.pos_ in ("VERB", "AUX")), tok)
    own = {t.i for t in verb.subtree}  # a misparse may hang the main clause under the incident told apart
    return {i for a in apart if a != tok.i for i in incident_words(doc[a]) if i not in own or i == a}


def _one_of_them(tok) -> bool:
    """The event's doer is "one of which" / "some of them": a part of the incident it refers to."""
    verb = next((v for v in (tok, *tok.ancestors) if v.pos_ in ("VERB", "AUX")), tok)
    subject = child(verb, "nsubj") or child(verb, "nsubjpass")
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None) if subject else None
    return of is not None and any(c.lower_ in ("which", "them", "these", "those") for c in of.children)


def _runs(doc, indices: set[int]) -> list:
    """A set of token indices as the spans of its consecutive runs."""
    spans, start, prev = [], None, None
    for i in sorted(indices):
        if start is None or i != prev + 1:
            if start is not None:
                spans.append(doc[start: prev + 1])
            start = i
        prev = i
    if start is not None:
        spans.append(doc[start: prev + 1])
    return spans


@rule("event.date", "The date nearest the trigger, resolved against publication; not the day something was said "
      "about a past attack, nor a date inside a reason phrase.",
      "The White House said on Monday that the drone attack on Sunday killed three soldiers.")
def date(event: Event, ec: EventContext) -> Event:
    skip = said_dates(ec.sent, ec.tok, ec.trigger_type) | ec.reason
    return replace(event, date=ec.read.date(ec.sent, ec.tok, ec.dc.published, skip=skip))


@rule("event.timed-against", "An event named to time another clause ('flew to Baghdad on 29 January, the day after "
      "the attack') is dated from that clause: the 28th.",
      "Austin flew to Baghdad on 29 January, the day after the drone attack.")
def timed(event: Event, ec: EventContext) -> Event:
    found = timed_against(ec.tok)
    if found is None:
        return event
    verb, offset, mark = found
    sent, tok, published = ec.sent, ec.tok, ec.dc.published
    outside = {t.i for t in sent if not (tok.i == t.i or tok.is_ancestor(t))}
    main_day = ec.read.date(sent, verb, published) if offset is not None else None
    span = ec.read.date(sent, tok, published, skip=outside) or (
        offset_date(main_day, offset, mark) if main_day is not None else None)
    return replace(event, date=span)


@rule("event.parties", "The actor and target words resolved to parties through the knowledge base, pronouns and "
      "'the group' through the article so far.", "Kata'ib Hezbollah fired drones at al-Tanf.")
def parties(event: Event, ec: EventContext) -> Event:
    day = ec.day(event)
    return replace(event, actor=ec.party(ec.actor_tok, day), target=ec.party(ec.target_tok, day))


@rule("event.partner", "The other party of a talk, sanction or aid is named after the trigger's own preposition "
      "('talks with Iran', 'recalled its envoy from Israel'); never the actor's own side ('its ambassador').",
      "Jordan recalled its ambassador from Israel.")
def partner(event: Event, ec: EventContext) -> Event:
    target = event.target
    if ec.trigger_type not in PARTNER_PREPS or not (
            target is None or target.country is None or own_side(ec.target_tok)):
        return event
    other = ec.read.partner(ec.tok, ec.target_tok, ec.trigger_type, ec.day(event), ec.dc.salience)
    if other is not None:
        ec.target_tok, target = other
        return replace(event, target=target)
    if own_side(ec.target_tok):
        ec.target_tok = None
        return replace(event, target=None)
    return event


@rule("event.place", "The most precise place attached to the trigger's phrase; not the actor, a state spoken to "
      "('called on Washington'), nor a place of the sentence's other events.",
      "A drone struck the Erbil air base on Tuesday.")
def place(event: Event, ec: EventContext) -> Event:
    sent = ec.sent
    skip = [core_span(ec.actor_tok)] if ec.actor_tok is not None else []
    target = event.target
    if ec.target_tok is not None and target is not None and target.kind in ("state", "government") \
            and ec.target_tok.lemma_.lower() not in SITES:  # "Iran's Fordow site": the place all the same
        skip.append(core_span(ec.target_tok))
    if ec.reason:
        skip += _runs(sent.doc, ec.reason)
    location = ec.read.location(sent, ec.tok, skip, ec.target_tok, ec.group, ec.others,
                                whence=ec.trigger_type == "RETREAT")
    return replace(event, location=location)


@rule("event.place-from-target-state", "An attack 'at Israel' with no other place happened in Israel; not 'US bases' "
      "or 'US and coalition forces'.", "Iran fired missiles at Israel.")
def place_from_target(event: Event, ec: EventContext) -> Event:
    target, tok = event.target, ec.target_tok
    if event.location is None and ec.trigger_type == "ASSAULT" and target is not None and target.kind == "state" \
            and target.country and tok is not None and (tok.ent_type_ == "GPE" or tok.lemma_.lower() in (
                "nation", "country")) and child(tok, "conj") is None:  # "Iran's attacks on that nation"
        return replace(event, location=Place(text=target.text, name=None, country=target.country,
                                             precision="country"))
    return event


@rule("event.mode", "How force was used, from the trigger itself or the words of its own phrase first.",
      "A Houthi drone struck the tanker.")
def mode(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type != "ASSAULT":
        return event
    own = _modifiers(ec.tok)  # "a drone strike": its own means
    mine = {t.i for t in ec.group} | {ec.tok.i}
    theirs = {i for h in ec.sc.hits if h.token.i not in mine for i in _modifiers(h.token)}  # "no attacks ...,
    # including a drone strike": the strike's means
    others = {t.i for t, head in zip(ec.sent, _clause_heads(ec.sent)) if head in ec.others and t.i != ec.tok.i} \
        if ec.others else set()
    skip = (others | theirs) - own  # not another event's means
    return replace(event, mode=ec.trigger_mode or ec.read.mode(ec.sent, ec.tok, skip))


def _clause_heads(sent: Span) -> list[int]:
    """The clause head of each word of a sentence, computed once per sentence."""
    cache = sent.doc.user_data.setdefault("pw_clause_heads", {})
    heads = cache.get(sent.start)
    if heads is None:
        heads = cache[sent.start] = [clause_head(t).i for t in sent]
    return heads


def _modifiers(tok: Token) -> set[int]:
    return {c.i for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}


@rule("event.mode-not-from-reason", "A weapon named only in a reason phrase was the other side's: no mode.",
      "The US struck back in retaliation for the drone attack.")
def mode_not_from_reason(event: Event, ec: EventContext) -> Event:
    if event.mode is None or ec.trigger_mode is not None or not ec.reason:
        return event
    outside = {lx.MODE_WORDS.get(t.lemma_.lower(), lx.MODE_WORDS.get(t.lower_))
               for t in ec.sent if t.i not in ec.reason}
    return event if event.mode in outside else replace(event, mode=None)


@rule("event.casualties", "Killed and wounded counts of the sentence, not those of its other attacks' clauses; a "
      "negated attack has none.", "A drone attack killed three soldiers and wounded 40.")
def casualties(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type != "ASSAULT" or event.negated:
        ec.victims = None
        return event
    fatalities, injuries, ec.victims = ec.read.casualties(ec.sent, ec.others)
    return replace(event, fatalities=fatalities, injuries=injuries)


@rule("event.aggregate", "A count of events rather than one ('over 100 attacks', 'dozens of strikes').",
      "Militias have attacked US forces more than 150 times since October.")
def aggregate(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type != "ASSAULT":
        return event
    count = aggregate_of(ec.tok) or next(  # "Scores of drone attacks have hit shipping"
        (c for t in ec.group if t.i != ec.tok.i and t.pos_ == "NOUN" and (c := aggregate_of(t))), None)
    return replace(event, aggregate=count)


@rule("event.victims-as-target", "With no target named, the victims are whom the attack was aimed at.",
      "The drone attack claimed the lives of three American soldiers.")
def victims_as_target(event: Event, ec: EventContext) -> Event:
    target, victims = event.target, getattr(ec, "victims", None)
    if ec.trigger_type != "ASSAULT" or victims is None or victims.i == ec.tok.i or not (
            target is None or target.country is None and target.kind in (None, "military") and not target.id):
        return event
    hit = ec.party(victims, ec.day(event))
    if hit is not None and (hit.country or hit.kind):
        return replace(event, target=hit)
    return event

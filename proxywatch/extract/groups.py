"""Group rules: which trigger hits of a sentence make one event (stage ``group``), and events a sentence tells
by ellipsis (stage ``more``).

The base grouping is one event per event type and clause (``syntax.clause_head``); the rules below make the
exceptions: a count of attacks stands apart from the attack that answered it, casualty verbs join the
sentence's attack, and a sentence that only adds casualties to the attack just told updates that attack.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Span

from proxywatch.extract.aggregates import aggregate as aggregate_of
from proxywatch.extract.context import EventContext, SentenceContext
from proxywatch.extract.dates import resolve_date
from proxywatch.extract.engine import diff, rule
from proxywatch.extract.numbers import parse_count
from proxywatch.extract.syntax import (CASUALTY_VERBS, Hit, added_count, argument_of, casualty_only, child,
                                       clause_head, main_clause, merge_casualties, told_again)
from proxywatch.records import Event, event_id

__all__ = ["Groups", "base_groups"]

Groups = dict[tuple[str, int], list[Hit]]


def base_groups(hits: list[Hit]) -> Groups:
    """One group per event type and clause head, in the order of the hits."""
    groups: Groups = {}
    for hit in hits:
        groups.setdefault((hit.trigger.type, clause_head(hit.token).i), []).append(hit)
    return groups


@rule("group.counts-apart", "A count of attacks the sentence names beside another event is an event of its own "
      "('the raid answered dozens of attacks'), and so is an attack a list names ('including a drone strike').",
      "There were no attacks in Iraq and only two in Syria, including a drone strike on Tuesday.")
def counts_apart(groups: Groups, sc: SentenceContext) -> Groups:
    hits = sc.hits
    if not any(_apart(h, hits) for h in hits):
        return groups
    out: Groups = {}
    for hit in hits:
        key = (hit.trigger.type, -1 - hit.token.i) if _apart(hit, hits) else (hit.trigger.type,
                                                                            clause_head(hit.token).i)
        out.setdefault(key, []).append(hit)
    return out


def _apart(hit: Hit, hits: list[Hit]) -> bool:
    tok = hit.token
    return hit.trigger.type == "ASSAULT" and tok.pos_ == "NOUN" and (
        aggregate_of(tok) and not argument_of(tok, hits) or tok.head.lower_ in ("including", "like"))


@rule("group.casualties-join", "'12 were killed and 40 wounded in the strike': casualty verbs join the sentence's "
      "one attack, not an event each.", "Twelve people were killed and 40 wounded in the strike.")
def casualties_join(groups: Groups, sc: SentenceContext) -> Groups:
    out = dict(groups)
    merge_casualties(out)
    return out


@rule("group.follow-up", "'Two other people in the car also died': a sentence that only adds casualties to the attack "
      "just told updates that attack ('other', 'also', 'more' add to its counts) instead of telling a new one.",
      "A drone struck a car in Baghdad on Thursday, killing a commander. Two other people in the car also died.")
def follow_up(groups: Groups, sc: SentenceContext) -> Groups:
    dc, sent = sc.dc, sc.sent
    if dc.attack is None:
        return groups
    n_sent, index = dc.attack
    if not (n_sent == sc.number - 1 or n_sent >= sc.number - 3 and any(
            told_again(h.token) for hits in groups.values() for h in hits)):
        return groups
    assaults = [key for key in groups if key[0] == "ASSAULT"]
    if not all(casualty_only(groups[key]) for key in assaults):
        return groups
    if not assaults and not any(t.lemma_.lower() in CASUALTY_VERBS and main_clause(t) for t in sent):
        return groups
    if any(t.lower_ == "since" or t.lower_ in ("date", "far") and t.head.lower_ in ("to", "so") for t in sent):
        return groups  # "Since October 2023, over 2,500 people have been killed": a toll, not the last attack's
    fatal, injured, _ = dc.read.casualties(sent)
    if fatal is None and injured is None:
        return groups
    previous = dc.events[index]
    if _another_day(sent, previous, dc.published):
        return groups  # "Two soldiers were killed in Kirkuk on Sunday" after Saturday's attack: another incident
    more = any(t.lower_ in ("other", "also", "more", "another") for t in sent)
    updated = replace(previous, fatalities=added_count(previous.fatalities, fatal, more),
                      injuries=added_count(previous.injuries, injured, more))
    if dc.trace is not None and updated != previous:
        n, k, _ = dc.origins[index]
        dc.trace.add("group.follow-up", f"event {k} of sentence {n}", diff(previous, updated), ("event", n, k))
    dc.events[index] = updated
    return {key: hits for key, hits in groups.items() if key not in assaults}


def _another_day(sent: Span, previous: Event, published: date | None) -> bool:
    """Whether the sentence dates itself to a day the previous attack did not happen on."""
    if previous.date is None or not previous.date.start or not previous.date.end:
        return False
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        day = resolve_date(ent.text, published)
        if day is not None and day.precision == "day" and day.start \
                and not previous.date.start <= day.start <= previous.date.end:
            return True
    return False


@rule("more.ellipsis", "'no attacks in Iraq ..., and only two in Syria': a count whose noun is left out is a "
      "second event, with its own place.", "There have been no attacks in Iraq since then, and only two in Syria.")
def ellipsis(event: Event, ec: EventContext) -> list[Event]:
    tok, sent = ec.tok, ec.sent
    if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ != "NNS" or not (event.aggregate or event.negated):
        return []
    out: list[Event] = []
    for num in sent:
        if num.lemma_.lower() == "one" and num.pos_ == "NOUN" and num.dep_ in ("conj", "attr", "dobj") \
                and num.head.i in (tok.i, tok.head.i) and num.i > tok.i:
            count_tok = child(num, "nummod")  # "no attacks in Iraq, and only two small ones in Syria"
            count = parse_count(sent.doc[count_tok.left_edge.i: count_tok.i + 1].text) if count_tok else None
        elif num.pos_ != "NUM" or num.dep_ != "conj" or num.head.i not in (tok.i, tok.head.i) or num.i < tok.i:
            continue
        else:
            count = parse_count(sent.doc[num.left_edge.i: num.i + 1].text)
        if count is None:
            continue
        location = ec.read.location(sent, num, [], None)
        out.append(replace(event, id=event_id(ec.dc.article.id, event.evidence, event.type, ec.ordinal + len(out) + 1),
                           negated=False, aggregate=count, location=location, fatalities=None, injuries=None))
    return out

"""Statements and acts that are not force: what officials say and do, read as events (issue 11).

Government texts tell most of their acts as statements of the publishing office: it condemns (ACCUSE), calls
on or says a party "should" act (REQUEST), reaffirms its commitment or stands with someone (SUPPORT), warns
or vows (THREATEN), speaks with, calls or meets someone (CONSULT), designates or takes measures (SANCTION),
delivers aid (AID), moves forces into a region (MOBILIZE) or withdraws them (RETREAT). The rules here read
those statements by the company their words keep, and keep the same words out where they tell no act: the
noun "threat" of a danger ("presented an imminent threat to ships"), "supported by" in a description, aid
that "must increase", a talk's topic ("to discuss efforts to secure the release"), "has not stopped".

Rules of four stages, each after the same stage's rules of the older modules (``extract/rules.py``):
``sense`` (whether a word is such an act here), ``drop`` (hits that tell no act of their own), ``event`` (the
fields of such acts: who is asked, who is condemned, where forces go, when a planned act falls) and
``more`` (a statement echoed by another party). Word lists are data in ``lexicon.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.context import EventContext, SentenceContext
from proxywatch.extract.dates import resolve_date
from proxywatch.extract.engine import KEEP, rule
from proxywatch.extract.senses import Candidate
from proxywatch.extract.syntax import Hit, child, core_span, named_modifier, prep_object
from proxywatch.records import DateSpan, Event, Party, Place, event_id
from proxywatch.resolve.parties import KIND_NOUNS

__all__ = ["statement_verb", "party_like"]


# --- helpers ------------------------------------------------------------------------------------------------
def _lemma(tok: Token | None) -> str:
    return tok.lemma_.lower() if tok is not None else ""


def _governor(tok: Token) -> Token | None:
    """The verb a noun is the object of, directly or through one preposition ("voicing support", "in favor of")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    while head.dep_ == "conj" and head.pos_ == "NOUN" and head.head.i != head.i:
        head = head.head
    return head if head.i != tok.i and head.pos_ in ("VERB", "AUX") else None


def statement_verb(tok: Token | None) -> bool:
    """A verb by which someone voices a position: "reaffirmed", "underscored", "expressed", "offered"."""
    return tok is not None and tok.pos_ in ("VERB", "AUX") and _lemma(tok) in lx.STATEMENT_VERBS


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _infinitive(tok: Token) -> bool:
    return tok.tag_ == "VB" and "to" in _aux(tok)


def _finite(tok: Token) -> bool:
    """A verb that tells something as said or done: a tensed verb, or a bare verb after a modal."""
    return tok.tag_ in ("VBD", "VBZ", "VBP") or tok.tag_ in ("VB", "VBN", "VBG") and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in tok.children)


def party_like(tok: Token | None) -> bool:
    """A word that names a party: a country, group or person, or a word of armed men or officials."""
    if tok is None:
        return False
    if tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return True
    return _lemma(tok) in lx.PARTY_NOUNS or any(
        c.dep_ in ("compound", "amod", "poss") and c.ent_type_ in ("GPE", "NORP", "ORG") for c in tok.children)


def _subject(tok: Token) -> Token | None:
    return child(tok, "nsubj", "nsubjpass")


# --- sense rules --------------------------------------------------------------------------------------------
@rule("sense.threat-noun-made", "The noun 'threat' is a THREATEN event only as a threat someone makes ('issued a "
      "threat', 'the Houthis' threat to attack ships'); 'presented an imminent threat to ships', 'regional threats' "
      "are dangers, not acts.", "These missiles presented an imminent threat to ships in the region.")
def threat_noun_made(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "noun" or cand.lemma != "threat" or trigger is None or trigger.type != "THREATEN":
        return KEEP
    tok = cand.tok
    gov = _governor(tok)
    if gov is not None and _lemma(gov) in lx.MAKING_THREATS and tok.dep_ in ("dobj", "nsubjpass"):
        return KEEP  # "issued a threat", "renewed its threats"
    act = next((c for c in tok.children if c.dep_ == "acl" and _infinitive(c)), None)
    maker = child(tok, "poss") or prep_object(tok, ("by",))
    if act is not None and maker is not None and party_like(maker):
        return KEEP  # "the Houthis' threat to attack ships"
    return None


@rule("sense.threatens-what", "'X threatens regional stability': the verb 'threaten' is a threat only with a party "
      "threatening harm; a party or its behaviour that 'threatens stability' is criticised (ACCUSE: 'Iran continues "
      "to threaten regional stability'), and an effect ('endangering crews and threatening navigation') is no act.",
      "This reckless behavior by the Houthis threatens regional stability.")
def threatens_what(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "threaten" or trigger is None:
        return KEEP
    tok = cand.tok
    subject = _subject(tok) or (_subject(tok.head) if tok.dep_ == "xcomp" and tok.head.i != tok.i else None)
    if subject is not None and _lemma(subject) in lx.CONDUCT_NOUNS:
        owner = child(subject, "poss") or prep_object(subject, ("by", "of"))
        return lx.Trigger("ACCUSE", 2) if owner is not None and _finite(tok) else None
    stakes = _stakes(cand.obj)
    if subject is not None and _lemma(subject) in lx.ASSAULT_NOUNS and stakes and _stated(tok):
        owner = child(subject, "poss") or prep_object(subject, ("by", "of")) or named_modifier(subject) or (
            _propn_nmod(subject))
        return lx.Trigger("ACCUSE", 2) if owner is not None and (party_like(owner) or owner.pos_ == "PROPN") \
            else None  # "the Houthis'
        # attacks threaten the free flow of commerce": criticism of the Houthis; "these attacks threaten ...": none
    if stakes and not any(_infinitive(c) for c in tok.children if c.dep_ == "xcomp"):
        if _party_subject(subject) and _stated(tok):
            return lx.Trigger("ACCUSE", 2)  # "Iran continues to threaten regional stability": criticism of Iran
        return None  # "threatening freedom of navigation", "threatens the Asad regime's control"
    if subject is None and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj", "acl", "xcomp"):
        return None  # "attacks threatening U.S. citizens": what the attacks do
    return KEEP


def _propn_nmod(tok: Token) -> Token | None:
    """A name the parser hung on a noun as a modifier: "The Houthis’ attacks" with a curly apostrophe."""
    return next((c for c in tok.children if c.dep_ == "nmod" and c.pos_ == "PROPN"), None)


def _stakes(obj: Token | None) -> list[Token]:
    """What is at stake: "regional stability", "the free flow of commerce", "freedom of navigation"."""
    out = []
    for o in [obj, *obj.conjuncts] if obj is not None else []:
        of = prep_object(o, ("of",))
        if _lemma(o) in lx.ABSTRACT_STAKES or of is not None and _lemma(of) in lx.ABSTRACT_STAKES:
            out.append(o)
    return out


def _act_subject(tok: Token) -> Token | None:
    """The subject of a clause (or of the clause it is conjoined to) when it names acts: "these attacks are
    unacceptable and must stop"."""
    subject = _subject(tok) or (_subject(tok.head) if tok.dep_ == "conj" and tok.head.i != tok.i else None)
    return subject if subject is not None and (_lemma(subject) in lx.ASSAULT_NOUNS | lx.WAR_NOUNS
                                               or _lemma(subject) in lx.CONDUCT_NOUNS) else None


@rule("sense.acts-must-stop", "'These attacks are unacceptable and must stop', 'the war must end': a demand on whoever "
      "carries them out (REQUEST), not a halt.", "These attacks against U.S. forces are unacceptable and must stop.")
def acts_must_stop(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or not (trigger is not None and trigger.type == "RETREAT" or cand.lemma == "end") \
            or not _aux(tok) & lx.DEMAND_MODALS or _act_subject(tok) is None:
        return KEEP
    return lx.Trigger("REQUEST", 2)


@rule("sense.unacceptable", "'These attacks are unacceptable', 'Iran's conduct is reprehensible': acts called "
      "unacceptable are condemned (ACCUSE); not 'the delay is unacceptable to farmers'.",
      "These Iranian-backed attacks against U.S. forces are unacceptable.")
def unacceptable(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if trigger is not None or tok.pos_ != "ADJ" or _lemma(tok) not in lx.CONDEMNING_ADJECTIVES \
            or tok.dep_ != "acomp" or _lemma(tok.head) != "be" or prep_object(tok, ("to", "for")) is not None:
        return KEEP
    return lx.Trigger("ACCUSE", 2) if _act_subject(tok.head) is not None else KEEP


@rule("sense.endangers", "'The Houthis' reckless attacks continue to endanger mariners', 'Iran's actions undermine "
      "regional security': a party or its conduct said to endanger others is criticised (ACCUSE); not 'storms "
      "endanger crops'.", "The Iranian-backed Houthis' reckless attacks continue to endanger mariners.")
def endangers(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma not in lx.ENDANGERING or trigger is not None or not _stated(tok):
        return KEEP
    subject = _subject(tok) or (_subject(tok.head) if tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i else None)
    if subject is None:
        return KEEP
    if _lemma(subject) in lx.CONDUCT_NOUNS or _lemma(subject) in lx.ASSAULT_NOUNS and any(
            _lemma(c) in lx.DAMNING for c in subject.children if c.dep_ == "amod"):  # "reckless attacks"; not
        # "concern that Houthi attacks undermine progress" (a worry, told without blame)
        owner = child(subject, "poss") or prep_object(subject, ("by", "of")) or named_modifier(subject)
        return lx.Trigger("ACCUSE", 2) if owner is not None and party_like(owner) else KEEP
    return lx.Trigger("ACCUSE", 2) if _stakes(cand.obj) and _party_subject(subject) else KEEP


def _party_subject(subject: Token | None) -> bool:
    """A subject that names an organised party itself ("Iran", "the Houthis", "the regime"), not a pronoun or a
    thing ("the floods", "the conflict")."""
    return subject is not None and subject.pos_ != "PRON" and (
        subject.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or _lemma(subject) in lx.PARTY_NOUNS)


def _stated(tok: Token) -> bool:
    """A verb that tells something as a fact of now or the past: tensed, or the infinitive under a tensed
    "continues to" / "keeps"; not a participle ("threatening stability") or a question's."""
    if tok.dep_ == "xcomp" and _lemma(tok.head) in ("continue", "keep") and tok.head.i != tok.i:
        tok = tok.head
    return tok.tag_ in ("VBD", "VBZ", "VBP") or tok.tag_ == "VBN" and "have" in {_lemma(c) for c in tok.children
                                                                                    if c.dep_ == "aux"}


def _tells_force(tok: Token) -> bool:
    """Whether a clause speaks of force or harm: an attack word, a weapon, a reply or a price to pay."""
    for t in tok.subtree:
        lemma = t.lemma_.lower()
        if lemma in lx.ASSAULT_VERBS or lemma in lx.ASSAULT_NOUNS or lemma in lx.WEAPON_NOUNS \
                or lemma in lx.HARM_WORDS or lemma in lx.FATAL_VERBS:
            return True
    return False


@rule("sense.vow-of-force", "A vow or pledge is a threat only when what is vowed is force or harm ('vowed to avenge', "
      "'vowed those responsible would get a befitting reply'); 'vowing to pursue de-escalation' is none.",
      "Biden entered office vowing to pursue de-escalation of the war.")
def vow_of_force(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "vow" or trigger is None or trigger.type != "THREATEN":
        return KEEP
    said = [c for c in cand.tok.children if c.dep_ in ("xcomp", "ccomp", "dobj")]
    return KEEP if not said or any(_tells_force(c) for c in said) else None


@rule("sense.backing-described", "'The government, supported by Russia', 'the carrier, equipped with F-35C aircraft', "
      "'infrastructure that supports Hamas', 'to support the defense of Israel', 'this funding will support shelter', "
      "'the Iran backed Houthi missile attack', 'weapons supplied by Iran': backing told as a description, a purpose or "
      "a thing's use, not an act.",
      "The Syrian government, supported by Russia and Iran, has launched counterattacks.")
def backing_described(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or trigger is None or trigger.type not in ("SUPPORT", "AID"):
        return KEEP
    tok = cand.tok
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and (cand.lemma in lx.BACKING_VERBS or trigger.type == "AID"
                                                    and child(tok, "agent") is not None):
        return None  # "X, supported by Russia and Iran, ...", "weapons supplied by Iran": who backs X, said in passing
    if cand.lemma not in lx.BACKING_VERBS:
        return KEEP
    if trigger.type != "SUPPORT":
        return KEEP
    if tok.dep_ in ("advcl", "acl", "relcl") and _infinitive(tok):
        return None  # "adjustments made to support the defense of Israel", "efforts to support"
    if tok.dep_ == "conj" and _infinitive(tok.head) and tok.head.dep_ in ("advcl", "acl", "relcl"):
        return None
    subject = _subject(tok)
    if tok.dep_ == "relcl" and subject is not None and subject.lower_ in ("that", "which", "who"):
        return None  # "infrastructure that supports Hamas", "officials who have supported the attacks": a description
    if subject is not None and not party_like(subject) and subject.pos_ != "PRON":
        return None  # "This funding will also support emergency shelter"
    if cand.lemma == "back" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) \
            and cand.obj is not None and cand.obj.lower_ in ("it", "this", "that"):
        return None  # "we can back it up": make good a claim
    obj = cand.obj
    if subject is not None and subject.i == tok.i - 1 and subject.pos_ == "PROPN" and obj is not None \
            and (_lemma(obj) in lx.ASSAULT_NOUNS or _lemma(obj) in lx.WEAPON_NOUNS):
        return None  # "the Iran backed Houthi ballistic missile attack": "Iran-backed" without its hyphen
    return KEEP


@rule("sense.solidarity-motive", "'fired rockets in a show of solidarity with Hamas': solidarity as the motive of "
      "another act is no act of its own; 'we stand in solidarity with Pakistan' is.",
      "Hezbollah fired rockets into Israel in a show of solidarity with Hamas.")
def solidarity_motive(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "noun" or trigger is None or trigger.type != "SUPPORT" or tok.dep_ != "pobj":
        return KEEP
    phrase = tok.head.head if tok.head.lower_ == "of" and _lemma(tok.head.head) in ("show", "sign", "gesture",
                                                                                      "act", "expression") else tok
    if phrase.dep_ != "pobj" or phrase.head.lower_ not in ("in", "as", "out"):
        return KEEP
    verb = _governor(phrase)
    return None if verb is not None and _lemma(verb) not in ("stand", "be", "remain", "express") else KEEP


@rule("sense.smuggled-what", "Smuggling is arming only of weapons, money or fighters ('smuggled missile parts to the "
      "Houthis'); 'a network that smuggled Iranian oil to China' evades sanctions, it aids no one.",
      "The Treasury sanctioned a network that smuggled Iranian oil to China.")
def smuggled_what(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "smuggle" or trigger is None or trigger.type != "AID":
        return KEEP
    goods = [o for o in ([cand.obj, *cand.obj.conjuncts] if cand.obj is not None else [])]
    if not goods:
        return KEEP
    armed = lx.AID_OBJECTS | lx.WEAPON_NOUNS | {"part", "component", "fighter", "militant", "explosive"}
    return KEEP if any(_lemma(o) in armed or any(_lemma(t) in armed for t in o.subtree) for o in goods) else None


@rule("sense.courtesy", "Thanks and welcomes given to people for their care, time or visit are courtesy, not "
      "backing: 'He thanks the medical staff for their care', 'I want to welcome a group of officers who are "
      "visiting us'; not 'thanked the Prime Minister for his leadership' or 'welcomes the announcement of a pause'.",
      "He thanks the medical staff for their outstanding care.")
def courtesy(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok, obj = cand.tok, cand.obj
    if cand.branch != "verb" or trigger is None:
        return KEEP
    if trigger.type == "CONSULT" and cand.lemma == "visit" and tok.dep_ == "relcl":
        guests = tok.head
        while guests.dep_ == "pobj" and guests.head.lower_ == "of" and guests.head.head.i != guests.head.i:
            guests = guests.head.head  # "a group of officers who are visiting": the group
        if guests.dep_ == "dobj" and _lemma(guests.head) == "welcome":
            return None  # "welcome a group of officers who are visiting us": the guests of the briefing
        return KEEP
    if trigger.type != "SUPPORT" or cand.lemma not in ("thank", "welcome", "congratulate") or obj is None:
        return KEEP
    reason = prep_object(tok, ("for",)) or next(
        (child(c, "pcomp") for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None)  # "for hosting me"
    if obj.lower_ in lx.AUDIENCE_WORDS or reason is not None and _lemma(reason) in lx.COURTESY_REASONS:
        return None  # "thank you all", "thanked them for their service"
    if cand.lemma == "thank":
        return KEEP if party_like(obj) or _person_like(obj) or obj.pos_ == "PRON" else None
    people = obj if _lemma(obj) not in ("group", "delegation") else prep_object(obj, ("of",)) or obj
    guest = people.ent_type_ == "PERSON" or _lemma(people) in lx.GUEST_WORDS | lx.OFFICE_WORDS  # the head noun: not
    # "welcomed President Reagan's statement"
    return None if cand.lemma == "welcome" and guest else KEEP


@rule("sense.released-from-care", "Leaving a hospital is no release of a captive: 'Secretary Austin was released from "
      "Walter Reed National Military Medical Center'; not 'released from detention'.",
      "Secretary Austin was released from Walter Reed National Military Medical Center on Monday.")
def released_from_care(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in ("release", "discharge") or trigger is None:
        return KEEP
    place = prep_object(cand.tok, ("from",))
    return None if place is not None and any(_lemma(t) in lx.CARE_WORDS for t in place.subtree) else KEEP


def _object_of_statement(tok: Token) -> Token | None:
    """The statement verb a noun is voiced by: "reaffirmed (the) support", "voicing their support", "offered ...
    our full support"; through a conjoined noun ("support and sympathies")."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head
    if node.dep_ not in ("dobj", "nsubjpass", "attr", "csubj"):
        return None
    gov = node.head
    return gov if statement_verb(gov) else None


def _of_party(tok: Token | None) -> bool:
    """'to Israel', 'to Israel's security', 'for Asad': a party or what is a party's."""
    if tok is None:
        return False
    return party_like(tok) and tok.pos_ == "PROPN" or any(
        c.dep_ == "poss" and (c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or c.pos_ == "PROPN")
        for c in tok.children)


@rule("sense.stated-support", "Support, a commitment to a party, or a rejection voiced by a statement verb is an "
      "act: 'reaffirmed the ironclad commitment to Israel', 'underscored his support for', 'reiterated the U.S. "
      "rejection of'; not 'with support from', 'the commitment to protecting our interests'.",
      "Austin reaffirmed the United States' ironclad commitment to Israel's security.")
def stated_support(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "noun" or cand.lemma not in lx.STATED_NOUNS:
        return KEEP
    tok = cand.tok
    if _object_of_statement(tok) is None:
        return KEEP if trigger is not None and cand.lemma not in ("support", "commitment") else None
    if cand.lemma == "commitment" and not _of_party(prep_object(tok, ("to",))):
        return None  # "commitment to a diplomatic resolution", "to protecting our interests": an aim
    if cand.lemma == "opposition" and prep_object(tok, ("to",)) is None \
            and prep_object(_object_of_statement(tok), ("to",)) is None:
        return KEEP  # "the Syrian opposition": a party; "voiced its opposition to ..." (the parser may hang "to" on
        # the verb)
    return lx.Trigger(lx.STATED_NOUNS[cand.lemma], 2)


@rule("sense.opposes", "'The United States opposes any forced displacement': opposing something is rejecting it "
      "(REJECT); not 'rebels opposed to the government' (a description).",
      "The United States opposes any forced displacement of Palestinians from Gaza.")
def opposes(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma != "oppose" or trigger is not None or cand.obj is None \
            or not _finite(tok) or tok.dep_ in ("acl", "amod", "relcl"):
        return KEEP
    return lx.Trigger("REJECT", 2) if _subject(tok) is not None else KEEP


@rule("sense.forces-left", "'The last US troops departed Niger', 'the USS Eisenhower left the Red Sea': forces leaving "
      "a country or region withdraw (RETREAT); not 'the minister left Cairo'.",
      "The last US troops departed Niger on Sunday.")
def forces_left(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma not in lx.LEAVING or trigger is not None:
        return KEEP
    subject = _subject(tok)
    if subject is None or not any(_lemma(t) in lx.FORCE_WORDS or t.text.upper() in lx.SHIP_PREFIXES
                                  for t in subject.subtree):
        return KEEP
    place = cand.obj if cand.obj is not None else prep_object(tok, ("from",))
    known = place is not None and (place.ent_type_ in ("GPE", "LOC") or place.pos_ == "PROPN"
                                   and sc.kb.gazetteer.lookup(place.text) is not None)
    return lx.Trigger("RETREAT", 2) if known else KEEP


@rule("sense.partner-pledge", "'will remain a steadfast partner of Pakistan', 'stands strong with India': a pledge of "
      "backing (SUPPORT).", "The United States will remain a steadfast partner of Pakistan.")
def partner_pledge(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch == "noun" and cand.lemma in lx.PARTNER_NOUNS and tok.dep_ == "attr" \
            and _lemma(tok.head) in ("be", "remain", "stay") and prep_object(tok, ("of", "to")) is not None \
            and any(c.dep_ == "amod" and _lemma(c) in lx.STEADFAST for c in tok.children):
        return lx.Trigger("SUPPORT", 2)
    if cand.branch == "verb" and cand.lemma == "stand" and trigger is None:
        firm = [tok] + [c for c in tok.children if c.dep_ == "acomp" or c.dep_ == "advmod" and _lemma(c) in lx.STEADFAST]
        with_ = next((o for f in firm if (o := prep_object(f, ("with", "by", "behind"))) is not None), None)
        if with_ is not None and party_like(with_) and _subject(tok) is not None:
            return lx.Trigger("SUPPORT", 2)
    return KEEP


def _committed_to(tok: Token) -> Token | None:
    """The party one is 'committed to': 'remains committed to the defense of Israel', 'is committed to Israel's
    security'; None for an aim ('committed to a diplomatic resolution', 'to working with partners')."""
    if tok.lower_ != "committed" or tok.pos_ not in ("ADJ", "VERB") or tok.dep_ != "acomp" \
            or _lemma(tok.head) not in ("be", "remain", "stay"):
        return None
    aim = prep_object(tok, ("to",))
    if aim is None or aim.pos_ not in ("NOUN", "PROPN"):
        return None
    if aim.pos_ == "PROPN" and party_like(aim):
        return aim
    owner = child(aim, "poss") or prep_object(aim, ("of",))
    return owner if owner is not None and (owner.ent_type_ in ("GPE", "NORP", "ORG") or party_like(owner)) \
        and _lemma(aim) in lx.ABSTRACT_STAKES | {"defense", "defence", "people", "right"} else None


@rule("sense.committed-to", "'The United States remains committed to the defense of Israel': a pledge of backing "
      "(SUPPORT); not 'committed to a diplomatic resolution' or 'to working with partners' (an aim).",
      "The United States remains committed to the defense of Israel.")
def committed_to(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if trigger is not None or _committed_to(cand.tok) is None or not party_like(_subject(cand.tok.head)) \
            and _lemma(_subject(cand.tok.head)) != "we":
        return KEEP
    return lx.Trigger("SUPPORT", 2)


@rule("sense.stated-need", "'emphasized the importance of ensuring ...', 'reiterated the urgent need for a ceasefire': "
      "a statement of what must be done is a request.",
      "The secretary reiterated the urgent need for a ceasefire and hostage deal.")
def stated_need(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "noun" or cand.lemma not in lx.NEED_NOUNS or _object_of_statement(cand.tok) is None:
        return KEEP
    tok = cand.tok
    return lx.Trigger("REQUEST", 2) if prep_object(tok, ("of", "for")) is not None or any(
        c.dep_ in ("prep", "acl") for c in tok.children) else KEEP


def _asked_party(tok: Token) -> Token | None:
    """The organised party a demand is addressed to: "Israel should ...", "the warring parties must ..."; not a
    person, a passive's subject ("officials should be banned") or civilians."""
    subject = child(tok, "nsubj")
    if subject is None or any(c.dep_ == "auxpass" for c in tok.children) or _lemma(tok) in lx.COGNITION \
            or "have" in {_lemma(c) for c in tok.children if c.dep_ == "aux"}:
        return None  # "the president should remember", "should have said": advice or hindsight, no demand
    if any(c.dep_ == "aux" and c.lower_ in lx.DEMAND_MODALS and c.i < subject.i for c in tok.children):
        return None  # "should the GOP send him a resolution": a condition
    named = subject.ent_type_ in ("GPE", "NORP", "ORG") or _lemma(subject) in lx.PARTY_NOUNS and any(
        c.dep_ in ("det", "poss", "compound", "amod", "nmod") for c in subject.children)  # not "presidents must build"
    return subject if named and _lemma(subject) not in lx.CIVILIAN_WORDS else None


@rule("sense.party-should", "'Israel should give negotiations time', 'Iran should take that path': what a party "
      "should or must do, said by someone, is a request to it; 'no one should try to exploit this crisis' is a "
      "warning to all (THREATEN).", "He stressed that Israel should give diplomatic negotiations time to succeed.")
def party_should(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or trigger is not None:
        return KEEP
    tok = cand.tok
    modals = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if not modals & lx.DEMAND_MODALS:
        return KEEP
    subject = _subject(tok)
    if subject is not None and subject.lower_ in ("nobody", "one") and (
            subject.lower_ == "nobody" or any(c.lower_ == "no" for c in subject.children)):
        return lx.Trigger("THREATEN", 2)
    if any(_lemma(t) in lx.ASSAULT_NOUNS or _lemma(t) in lx.ASSAULT_VERBS for t in tok.subtree):
        return KEEP  # "the army must not launch an offensive": the use of force read as demanded (hypothetical)
    return lx.Trigger("REQUEST", 2) if _asked_party(tok) is not None else KEEP


@rule("sense.expect-party-to", "'We expect Iran to take measures': a speaker's expectation of what another party "
      "does is a request; not 'we expect the attacks to continue' nor an expected attack.",
      "We expect Iran to take measures to direct its proxies to stop.")
def expect_party_to(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "expect" or cand.tok.tag_ not in ("VBP", "VBZ"):
        return KEEP
    tok = cand.tok
    expecting = _subject(tok)
    if expecting is None or not (expecting.lower_ in ("we", "i") or expecting.ent_type_ in ("GPE", "ORG")):
        return KEEP  # "analysts expect ...": a forecast
    said = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and _infinitive(c)), None)
    if said is None or _asked_party(said) is None or _lemma(said) in lx.ASSAULT_VERBS \
            or _lemma(said) in lx.HARM_WORDS:
        return KEEP
    return lx.Trigger("REQUEST", 2)


@rule("sense.question-not-request", "'When asked why a THAAD is needed': a question put to someone is no request.",
      "When asked by the media why the battery is needed, Singh pointed to the attack.")
def question_not_request(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "ask" or trigger is None or trigger.type != "REQUEST":
        return KEEP
    tok = cand.tok
    asked = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl")]
    wh = any(t.tag_ in ("WRB", "WP", "WDT") or t.lower_ in ("whether", "if") for c in asked
             for t in c.subtree if t.i < c.i or t.i == c.left_edge.i)
    if prep_object(tok, ("about",)) is not None and cand.obj is None:
        return None  # "Can I ask about the drone attack?": a question
    return None if wh or any(c.lower_ in ("question", "questions") for c in tok.children) else KEEP


@rule("sense.asked-of-the-room", "A request to 'you' is the speaker's manner with the audience ('I'd "
      "ask you to keep it to one question'), not a demand on a party.",
      "I'd ask you to keep it to one question each so we can get to everybody.")
def asked_of_the_room(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or trigger is None or trigger.type != "REQUEST" or cand.obj is None:
        return KEEP
    return None if cand.obj.lower_ == "you" else KEEP  # "urged everyone to exercise restraint" asks the parties


def _last_word(tok: Token) -> Token:
    sent = tok.sent
    return next((t for t in reversed(list(sent)) if not t.is_space), sent[-1])


def _asks_whether(tok: Token) -> bool:
    """A word that is the main verb of a yes-no question: "Has the Secretary spoken with ...?", "Did the
    Houthis attack ...?" (even with "Did" read as the main verb), "And are you still calling on Baghdad ...?"."""
    if tok.pos_ != "VERB" or _last_word(tok).text != "?":
        return False
    if tok.dep_ == "ROOT" or tok.dep_ == "conj" and tok.head.dep_ == "ROOT":
        head = tok if tok.dep_ == "ROOT" else tok.head
        subject = _subject(head)
        if subject is not None and any(c.dep_ in ("aux", "auxpass") and c.i < subject.i for c in head.children):
            return True
    first = next((t for t in tok.sent if not t.is_punct and not t.is_space and t.pos_ != "CCONJ"), tok)
    return first.lower_ in lx.QUESTION_OPENERS and first.dep_ == "ROOT" and tok.head.i == first.i \
        and tok.dep_ in ("nsubj", "xcomp", "dobj", "conj")


@rule("drop.yes-no-question", "A yes-no question asks whether something happened, and tells no event: 'Has the "
      "Secretary spoken with his counterpart?', 'Are you still calling on Baghdad to act?', 'Can I start with the "
      "designation?'; not what a question takes as given ('the Greek ship that was attacked').",
      "Has the Secretary spoken with his Iraqi counterpart this week?")
def yes_no_question(hit: Hit, sc: SentenceContext) -> bool:
    tok = hit.token
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head  # "Can I start with the designation?"
        return verb.pos_ in ("VERB", "AUX") and _lemma(verb) not in lx.VERB_TRIGGERS and _asks_whether(verb)
    return _asks_whether(tok)


def _person_like(tok: Token | None) -> bool:
    if tok is None:
        return False
    return any(t.ent_type_ == "PERSON" or _lemma(t) in lx.OFFICE_WORDS for t in tok.subtree)


@rule("sense.call-person", "'called Israeli Minister of Defense Yoav Gallant today': a call to a person is a talk "
      "(CONSULT); 'called the hijacking an act of terrorism' condemns (ACCUSE); not 'called on', 'called for'.",
      "Austin called Israeli Defense Minister Yoav Gallant today.")
def call_person(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "call" or trigger is not None \
            or cand.tok.dep_ in ("acl", "amod") and _subject(cand.tok) is None:
        return KEEP  # "a man called Muhammad Shaker": a name
    tok = cand.tok
    obj, named = cand.obj, child(tok, "oprd")
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if after is not None and after.lower_ in ("on", "for", "off", "up", "in", "out") \
            or any(c.dep_ == "prt" for c in tok.children):
        return KEEP  # "called on", "called for", "called up reservists": other words
    if obj is not None and named is not None:
        if obj.lower_ in ("what", "which", "that") or tok.dep_ == "relcl":
            return KEEP  # "in what the Pentagon called the group's largest attack": a name given in passing
        return lx.Trigger("ACCUSE", 2) if _lemma(named) in lx.PEJORATIVES or any(
            _lemma(t) in lx.PEJORATIVES for t in named.subtree) else KEEP
    person = obj or named
    if person is not None and (person.pos_ == "PROPN" or _lemma(person) in lx.OFFICE_WORDS) and _person_like(person) \
            and not any(c.dep_ == "auxpass" for c in tok.children):
        return lx.Trigger("CONSULT", 2)
    return KEEP


@rule("sense.in-contact", "'has been in contact with his counterpart': being in touch is a talk (CONSULT).",
      "The defense secretary has been in contact with his Israeli counterpart.")
def in_contact(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "noun" or cand.lemma not in ("contact", "touch") or tok.dep_ != "pobj" \
            or tok.head.lower_ != "in" or _lemma(tok.head.head) not in ("be", "remain", "stay", "keep"):
        return KEEP
    return lx.Trigger("CONSULT", 2) if prep_object(tok, ("with",)) is not None else KEEP


@rule("sense.discussed-with", "'has discussed the situation with international partners': talks with someone "
      "(CONSULT); 'I'll discuss the reports of drone attacks' is none.",
      "Austin has discussed the situation with international partners and allies.")
def discussed_with(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in ("discuss", "review") or trigger is not None \
            or not _finite(cand.tok):
        return KEEP  # "Cuba is open to discuss any issue with the US": willingness, no talks yet
    tok = cand.tok
    partner = prep_object(tok, ("with",)) or (prep_object(cand.obj, ("with",)) if cand.obj is not None else None)
    return lx.Trigger("CONSULT", 2) if partner is not None and party_like(partner) else KEEP


@rule("sense.co-verb", "'will co-host the minister': the parser may take the prefix 'co' for the verb; the act is "
      "the verb's after the hyphen.", "Austin and Blinken will co-host the Australian ministers in Annapolis.")
def co_verb(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok, doc = cand.tok, cand.tok.doc
    if tok.lower_ != "co" or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-":
        return KEEP
    verb = lx.VERB_TRIGGERS.get(doc[tok.i + 2].lemma_.lower())
    if verb is None or not any(c.dep_ in ("nsubj", "dobj", "aux") for c in tok.children):
        return KEEP
    return verb


@rule("sense.talk-as-aim", "'he seeks peace and negotiation', '60 days of peace and negotiation': talks wanted or "
      "spoken of in general are no talks held.", "He seeks peace and negotiation.")
def talk_as_aim(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "noun" or trigger is None or trigger.type != "CONSULT" or tok.tag_ != "NN" \
            or any(c.dep_ in ("det", "poss", "nummod", "compound", "amod", "prep") for c in tok.children):
        return KEEP
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    gov = _governor(node)
    if gov is not None and _lemma(gov) in lx.WANTING or node.dep_ == "pobj" and node.head.lower_ == "of":
        return None
    return KEEP


def _future(tok: Token) -> bool:
    """Under a "will"/"would" within four heads: "will continue to act ... to hold them accountable"."""
    node = tok
    for _ in range(5):
        if _aux(node) & {"will", "'ll", "shall"} or any(c.dep_ == "aux" and c.lower_ == "will" for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


@rule("sense.hold-accountable", "'We hold it accountable for the attacks': blame (ACCUSE); 'will continue to act ... to "
      "hold the Houthis accountable': a vow of force (THREATEN); 'is taking action to hold them accountable': none.",
      "CENTCOM will continue to act with partners to hold the Houthis accountable.")
def hold_accountable(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma != "hold" or not any(
            c.lower_ in ("accountable", "responsible") for c in tok.children):
        return KEEP
    if _infinitive(tok) or tok.dep_ == "conj" and tok.tag_ == "VB" and _infinitive(tok.head):  # "to degrade ... and
        # hold them accountable"
        return lx.Trigger("THREATEN", 2) if _future(tok) else None
    if any(c.dep_ == "auxpass" for c in tok.children) or _aux(tok) & {"would", "could", "might", "will"}:
        return None  # "their families would be held accountable if ...": a consequence, no accusation made
    return lx.Trigger("ACCUSE", 2) if _finite(tok) else KEEP


def _front_clause(tok: Token) -> Token | None:
    """The "X is a front for Y" / "X was behind Y" clause a claiming verb says, or None."""
    said = child(tok, "ccomp")
    if said is None or _lemma(said) != "be" or not party_like(_subject(said)):
        return None
    attr = child(said, "attr", "acomp")
    if attr is not None and _lemma(attr) in lx.FRONT_NOUNS and prep_object(attr, ("for", "of")) is not None:
        return said
    return said if prep_object(said, ("behind",)) is not None else None


@rule("sense.front-for", "'officials maintain that TRF is a front for LeT', 'said Iran was behind the attack': "
      "saying who is really behind a group or an attack accuses it.",
      "Indian officials maintain that TRF is a front for the Pakistan-based Lashkar-e-Taiba.")
def front_for(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma not in lx.CLAIMING or trigger is not None:
        return KEEP
    return lx.Trigger("ACCUSE", 2) if _front_clause(tok) is not None else KEEP


@rule("sense.not-tolerate", "'The United States will not tolerate any country engaging with terrorists': a warning "
      "(THREATEN).", "The United States will not tolerate any country engaging with terrorist organizations.")
def not_tolerate(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma not in ("tolerate", "allow", "accept", "stand") or trigger is not None \
            or child(tok, "neg") is None or not _aux(tok) & {"will", "would", "'ll"}:
        return KEEP
    return lx.Trigger("THREATEN", 2) if cand.lemma == "tolerate" or cand.obj is not None \
        and cand.obj.lemma_.lower() in lx.PARTY_NOUNS | {"attack", "aggression", "threat"} else KEEP


@rule("sense.said-will-attack", "'Houthi leaders have stated they will continue attacks against Israel': saying that "
      "one will use force is a threat.", "Houthi leaders said they will continue attacks against Israel.")
def said_will_attack(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma not in lx.SAYING or trigger is not None:
        return KEEP
    said = child(tok, "ccomp")
    if said is None or not _aux(said) & {"will", "would", "'ll"} or child(said, "neg") is not None:
        return KEEP
    subject = _subject(said)
    if subject is None or not (party_like(subject) or subject.pos_ == "PRON" and subject.lower_ in ("they", "it", "we")):
        return KEEP
    verb = _lemma(said)
    if verb in lx.ASSAULT_VERBS or verb in lx.WIDENING and any(
            _lemma(c) in lx.ASSAULT_NOUNS for c in said.children if c.dep_ in ("dobj", "xcomp")):
        return lx.Trigger("THREATEN", 2)  # "would strike", "will continue attacks"; not "would suspend operations"
    if verb in lx.RETALIATING:
        answered = prep_object(said, ("to", "for"))
        if answered is None or _lemma(answered) in lx.ASSAULT_NOUNS or _lemma(answered) in lx.FATAL_VERBS | {
                "killing", "death", "assassination", "aggression"}:
            return lx.Trigger("THREATEN", 2)  # "said it would respond to the killing of its commander"
    return KEEP


@rule("sense.will-respond", "'We will respond at a time and place of our choosing', 'the United States will respond "
      "to the attack': a party that says it will answer an attack threatens force; not 'I'll respond to that "
      "question' nor a response told under 'said' (sense.said-will-attack) or a vow.",
      "The President has been clear that we will respond at a time and place of our choosing.")
def will_respond(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma not in ("respond", "answer") or trigger is not None \
            or not _aux(tok) & {"will", "would", "'ll", "shall"} or child(tok, "neg") is not None \
            or _last_word(tok).text == "?" or any(_lemma(child(c, "mark")) in ("if", "unless", "when", "should")
                                                  for c in [tok, *tok.children] if c.i == tok.i or c.dep_ == "advcl"):
        return KEEP  # "If the talks fail, the army will respond": a condition
    if tok.dep_ in ("ccomp", "xcomp") and (_lemma(tok.head) in lx.SAYING or _lemma(tok.head) in lx.STATUS_HEADS):
        return KEEP  # "said it would respond", "vowed to respond": read by the rules of those verbs
    subject = _subject(tok)
    if subject is None or not (_party_subject(subject) or subject.lower_ in ("we", "they")):
        return KEEP
    answered = prep_object(tok, ("to",)) if cand.lemma == "respond" else cand.obj
    if answered is not None and _lemma(answered) not in lx.ASSAULT_NOUNS and _lemma(answered) not in (
            "aggression", "provocation", "killing", "death", "escalation"):
        return KEEP  # "will respond to the proposal"
    if answered is None and not any(c.dep_ in ("prep", "advmod", "npadvmod") for c in tok.children):
        return KEEP  # "they will respond": too bare to be a threat
    return lx.Trigger("THREATEN", 2)


@rule("sense.not-hesitate", "'We will not hesitate to take action to defend our forces': a warning that force will "
      "be used (THREATEN); not 'did not hesitate to praise'.",
      "We will not hesitate to take action to defend our forces and our interests.")
def not_hesitate(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma != "hesitate" or child(tok, "neg") is None \
            or not _aux(tok) & {"will", "would", "'ll", "shall"}:
        return KEEP
    node = tok
    while node.dep_ in ("ccomp", "advcl", "conj", "xcomp") and node.head.i != node.i:
        node = node.head
        if lx.STATUS_HEADS.get(_lemma(node)) == "threatened":
            return KEEP  # "warned that ... the United States would not hesitate to ...": the warning is the threat
    act = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    if act is None or not (_lemma(act) in ("act", "use", "respond", "defend", "protect", "strike", "retaliate")
                           or _lemma(act) == "take" and _lemma(child(act, "dobj")) in ("action", "step", "measure")):
        return KEEP
    return lx.Trigger("THREATEN", 2)


@rule("sense.favoured-response", "'Israel's war cabinet is in favor of a response', 'Tehran is weighing its response': "
      "a declared intent to answer with force is a threat.",
      "Israel's war cabinet has indicated that it is in favor of a response.")
def favoured_response(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "noun" or cand.lemma not in ("response", "reply", "revenge") or trigger is not None:
        return KEEP
    node = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
    favour = node.head if node.dep_ == "pobj" and node.head.lower_ == "in" and _lemma(node) in ("favor", "favour") \
        else node.head if node.dep_ == "dobj" else None
    if favour is None or _lemma(favour) not in lx.INTENDING and _lemma(node) not in ("favor", "favour"):
        return KEEP
    if prep_object(tok, ("to",)) is not None and _lemma(prep_object(tok, ("to",))) not in lx.ASSAULT_NOUNS:
        return KEEP  # "a response to the proposal"
    return lx.Trigger("THREATEN", 2)


@rule("sense.retaliatory-measures", "'initiated retaliatory measures', 'took punitive steps': a sanction.",
      "On April 23 India initiated retaliatory measures against Pakistan.")
def retaliatory_measures(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "noun" or cand.lemma not in ("measure", "step", "countermeasure") or trigger is not None:
        return KEEP
    if cand.lemma != "countermeasure" and not any(c.dep_ in ("amod", "compound") and _lemma(c) in lx.PUNITIVE
                                                  for c in tok.children):
        return KEEP
    gov = _governor(tok)
    return lx.Trigger("SANCTION", 2) if gov is not None and _lemma(gov) in lx.TAKING_MEASURES else KEEP


@rule("sense.cargo-delivered", "'3,500 metric tons have been delivered', 'delivered 200 truckloads': cargo delivered "
      "is aid.", "Over 3,500 metric tons of food have been delivered to Gaza.")
def cargo_delivered(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma not in ("deliver", "distribute", "airdrop") or trigger is not None:
        return KEEP
    cargo = cand.obj if cand.obj is not None else child(tok, "nsubjpass")
    goods = {_lemma(cargo), _lemma(prep_object(cargo, ("of",)))} if cargo is not None else set()
    return lx.Trigger("AID", 2) if goods & (lx.CARGO | lx.AID_OBJECTS) else KEEP


@rule("sense.signed-what", "Signing is an agreement only of an agreement ('signed a ceasefire', 'signed in Doha'); "
      "a bill or an order signed is law, not a deal between parties ('the supplemental that President Biden signed').",
      "The aid is part of the supplemental that President Biden signed on April 24.")
def signed_what(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma != "sign" or trigger is None or trigger.type != "AGREE":
        return KEEP
    obj = cand.obj
    if obj is not None and obj.lower_ in ("that", "which") and tok.dep_ == "relcl":
        obj = tok.head
    if obj is None:
        return KEEP
    names = {_lemma(obj)} | {_lemma(c) for c in obj.children if c.dep_ == "compound"}
    return KEEP if names & lx.AGREEMENT_NOUNS or prep_object(tok, ("with",)) is not None else None


@rule("sense.not-stopped", "'Hezbollah has not stopped since': a stop that has not happened is an activity going "
      "on, not a retreat.", "Hezbollah has not stopped since.")
def not_stopped(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or trigger is None or trigger.type != "RETREAT" or child(tok, "neg") is None \
            or cand.lemma in ("withdraw", "release", "free"):
        return KEEP
    perfect = _aux(tok) & {"has", "have", "had", "'s", "'ve"} or any(t.lower_ == "since" for t in tok.subtree)
    conditional = any((m := child(a, "mark")) is not None and m.lower_ in ("if", "unless") for a in [tok, *tok.ancestors])
    return None if perfect and not conditional else KEEP  # "has not stopped since"; not "if the PYD does not retreat"


@rule("sense.force-presence", "'enhancing our fighter aircraft presence in the region', 'increase our force "
      "posture': more forces in a region (MOBILIZE).",
      "We are also enhancing our fighter aircraft presence in the Central Command region.")
def force_presence(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "noun" or cand.lemma not in ("presence", "posture") or tok.dep_ != "dobj" \
            or _lemma(tok.head) not in lx.INCREASING:
        return KEEP
    mods = {_lemma(t) for c in tok.children if c.dep_ in ("compound", "amod", "nmod") for t in c.subtree}
    return lx.Trigger("MOBILIZE", 2) if mods & lx.FORCE_WORDS else KEEP


@rule("sense.posture-forces", "'US forces continue to posture across the region', 'posturing naval assets': moving "
      "forces into position (MOBILIZE); not 'remains postured' (a state) nor political posturing.",
      "US military forces continue to posture across the Middle East region.")
def posture_forces(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "verb" or cand.lemma != "posture":
        return KEEP
    if tok.dep_ in ("acomp", "amod") or tok.tag_ == "VBN" and not _aux(tok) & {"have", "has", "had"}:
        return None
    who = [w for w in (_subject(tok), cand.obj) if w is not None]
    if not who and tok.dep_ == "xcomp":
        who = [w for w in [_subject(tok.head)] if w is not None]
    return lx.Trigger("MOBILIZE", 2) if any(_lemma(t) in lx.FORCE_WORDS for w in who for t in w.subtree) else None


@rule("sense.entered-area", "'the USS Abraham Lincoln entered the CENTCOM area of responsibility', 'an advance team of "
      "military personnel arrived in Israel', 'the carrier group will move to the eastern Mediterranean', 'ordered "
      "the carrier to remain in the Mediterranean': forces moving into or kept in a region (MOBILIZE); not 'the "
      "minister arrived in Cairo'.",
      "The carrier strike group entered the US Central Command area of responsibility.")
def entered_area(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    ordered = tok.dep_ == "xcomp" and _lemma(tok.head) in lx.ORDERING
    if cand.branch != "verb" or trigger is not None or not (
            cand.lemma in lx.MOVING or cand.lemma in ("remain", "stay") and ordered):
        return KEEP  # "ordered the carrier group to remain in the Mediterranean": its deployment extended
    subject = _subject(tok)
    if subject is None and ordered:
        subject = child(tok.head, "dobj")  # "ordered the carrier group to move to the eastern Mediterranean"
    if subject is None or not any(_lemma(t) in lx.FORCE_WORDS or t.text.upper() in ("USS", "HMS")
                                  for t in subject.subtree):
        return KEEP
    if cand.lemma == "enter":
        obj = cand.obj
        words = {_lemma(t) for t in obj.subtree} if obj is not None else set()
        return lx.Trigger("MOBILIZE", 2) if words & lx.COMMAND_AREAS or obj is not None and obj.ent_type_ == "LOC" \
            else KEEP
    place = prep_object(tok, ("in", "at", "into", "to"))
    return lx.Trigger("MOBILIZE", 2) if place is not None and (
        place.ent_type_ in ("GPE", "LOC") or {_lemma(t) for t in place.subtree} & lx.COMMAND_AREAS | {"region"}) \
        else KEEP


@rule("sense.reward-offer", "A reward offered for information on a group is a sanction: 'announcing a reward offer of "
      "up to $15 million'.", "The Rewards for Justice program is offering a reward of up to $10 million.")
def reward_offer(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch != "noun" or cand.lemma != "reward" or trigger is not None:
        return KEEP
    offer = tok.head if tok.dep_ == "compound" else tok
    gov = _governor(offer)
    return lx.Trigger("SANCTION", 2) if gov is not None and _lemma(gov) in lx.ISSUING_VERBS else KEEP


@rule("sense.coalition-formed", "'formed a coalition to patrol the Red Sea', 'the formation of a naval task force': "
      "forces gathered for a mission (MOBILIZE).", "The United States formed a coalition to patrol the Red Sea.")
def coalition_formed(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch == "verb" and cand.lemma in ("form", "establish", "launch", "create", "assemble") and trigger is None:
        obj = cand.obj
        if obj is not None and _lemma(obj) in lx.FORCE_BODIES and (
                any(_infinitive(c) for c in obj.subtree if c.dep_ in ("acl", "relcl"))
                or any(_infinitive(c) for c in tok.children if c.dep_ in ("advcl", "xcomp"))
                or any(_lemma(c) in ("naval", "military", "maritime") for c in obj.children)):
            return lx.Trigger("MOBILIZE", 2)
    if cand.branch == "noun" and cand.lemma == "formation" and trigger is None:
        formed = prep_object(tok, ("of",))
        if formed is not None and _lemma(formed) in lx.FORCE_BODIES and any(
                _lemma(c) in ("naval", "military", "maritime", "multinational") for c in formed.children):
            return lx.Trigger("MOBILIZE", 2)
    return KEEP


@rule("sense.reinforce-forces", "'reinforced its positions', 'reinforce the troops': forces; 'reinforced the need to "
      "de-escalate' is none.", "They reinforced the need to de-escalate tensions in the region.")
def reinforce_forces(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "reinforce" or trigger is None or cand.obj is None:
        return KEEP
    return KEEP if _lemma(cand.obj) in lx.FORCE_WORDS | lx.MOBILIZE_OBJECTS | lx.HELD_PLACES else None


# --- drop rules ---------------------------------------------------------------------------------------------
def _head_verb(tok: Token) -> Token | None:
    return tok if tok.pos_ in ("VERB", "AUX") else _governor(tok)


def aim(tok: Token) -> bool:
    """An act named as an aim or a demand, not as done: "efforts to secure the release ... and enable a pause",
    "coordination to increase assistance", "safe areas to receive aid", "humanitarian aid must increase"."""
    verb = _head_verb(tok)
    if verb is None or _object_of_statement(tok) is not None:
        return False  # "spoke with Gallant to reiterate the ironclad support": the support is voiced
    if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "dobj") and {c.lower_ for c in verb.children
                                                                 if c.dep_ == "aux"} & lx.DEMAND_MODALS:
        return True  # "humanitarian aid must increase"
    if tok.pos_ == "NOUN" and _lemma(verb) not in lx.BRINGING_ABOUT:
        return False  # "no reason to lift the sanctions": the sanctions are there; their lifting is the aim
    while verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i and (
            verb.dep_ == "conj" and _subject(verb) is None or _infinitive(verb)):  # "... and that it supports X":
        # a clause of its own
        if verb.dep_ == "xcomp" and _lemma(verb.head) == "be" and _lemma(_subject(verb.head)) in lx.AIM_SUBJECTS:
            return True  # "the onus is on Hamas to accept this deal"; not "troops are to withdraw" (planned)
        verb = verb.head
        if {c.lower_ for c in verb.children if c.dep_ == "aux"} & lx.DEMAND_MODALS:
            return True  # "civilians must have safe areas to receive aid"
    if verb.dep_ == "acl" and (_lemma(verb.head) in lx.DECISION_NOUNS or any(
            c.ent_type_ == "ORDINAL" or c.lower_ in ("latest", "last", "only", "next") for c in verb.head.children)):
        return False  # "a decision to withdraw": a plan; "the latest country to withdraw its ambassador": done
    return _infinitive(verb) and verb.dep_ in ("advcl", "acl", "relcl") and _lemma(verb) not in lx.LISTING


@rule("drop.aim", "An act named as the aim of another or as what must happen is no act of its own: 'met to discuss "
      "efforts to secure the release of the hostages and enable a pause', 'coordination to increase assistance', "
      "'humanitarian aid must increase'.",
      "Blinken met the Amir to discuss efforts to secure the release of the hostages and enable a humanitarian pause.")
def aim_rule(hit: Hit, sc: SentenceContext) -> bool:
    return hit.trigger.type in lx.AIMED_TYPES and aim(hit.token)


@rule("drop.rejected-content", "What a stated rejection is against is no event of its own: 'reiterated US "
      "opposition to a ground operation in Rafah'.",
      "The Secretary reiterated US opposition to a ground operation in Rafah.")
def rejected_content(hit: Hit, sc: SentenceContext) -> bool:
    rejections = {h.token.i for h in sc.hits if h.trigger.type == "REJECT" and h.token.pos_ == "NOUN"}
    rejections |= {h.token.head.i for h in sc.hits if h.trigger.type == "REJECT" and h.token.pos_ == "NOUN"
                   and h.token.dep_ == "dobj"}  # "voiced its opposition | to X", "to" hung on the verb
    if hit.trigger.type == "REJECT" or not rejections:
        return False
    node = hit.token
    for _ in range(4):
        if node.dep_ not in ("pobj", "prep", "conj") or node.head.i == node.i or node.pos_ == "VERB":
            return False
        node = node.head
        if node.i in rejections:
            return True
    return False


@rule("drop.rejected-accusation", "An accusation that a party rejects or denies is told again, not made anew: 'a "
      "spokesman rejected the U.S. accusations' (the REJECT is the event).",
      "A spokesman for the group rejected the U.S. accusations.")
def rejected_accusation(hit: Hit, sc: SentenceContext) -> bool:
    tok = hit.token
    return hit.trigger.type == "ACCUSE" and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "conj") \
        and _lemma(_verb_up(tok)) in lx.DENYING


@rule("drop.undone-act", "Backing or a sanction named as what is disrupted or lifted is no act of its own: 'to "
      "disrupt Iran's funding of its proxies', 'revoked the terrorist designation of the Houthis'.",
      "Treasury will continue to use all available tools to disrupt Iran's funding of its proxies.")
def undone_act(hit: Hit, sc: SentenceContext) -> bool:
    tok = hit.token
    if hit.trigger.type not in ("AID", "SUPPORT", "SANCTION") or tok.pos_ != "NOUN" or tok.dep_ not in ("dobj", "conj"):
        return False
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i and node.head.pos_ == "NOUN":
        node = node.head
    return node.dep_ == "dobj" and _lemma(node.head) in lx.UNDOING


@rule("drop.generic-act", "A bare plural act noun told in the present is a kind of act: 'terrorist designations play "
      "a critical role', 'sanctions are an effective tool'.",
      "Terrorist designations play a critical role in our fight against terrorism.")
def generic_act(hit: Hit, sc: SentenceContext) -> bool:
    tok = hit.token
    if hit.trigger.type not in ("SANCTION", "AID") or tok.tag_ != "NNS" or tok.dep_ != "nsubj" or any(
            c.dep_ in ("det", "poss", "nummod", "quantmod") for c in tok.children):
        return False
    verb = tok.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    present = verb.tag_ in ("VBZ", "VBP") and not auxes or verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP")
    return present and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)


# --- event rules: the fields of statements ------------------------------------------------------------------
def _speaker(tok: Token) -> Token | None:
    """Who says what a clause holds: the subject of the saying verb above it ("Austin stressed that Israel
    should ...": Austin); through conjoined clauses ("He seeks peace, and Iran should ...": he)."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return None
        dep, node = node.dep_, node.head
        if dep in ("ccomp", "parataxis") and node.pos_ in ("VERB", "AUX") and (
                _lemma(node) in lx.SAYING | lx.CLAIMING | lx.STATEMENT_VERBS or _lemma(node) in (
                "stress", "tell", "warn", "add", "note", "insist", "explain", "emphasize")
                or _lemma(node) in ("be", "make") and any(c.lower_ == "clear" for c in node.children)):
            return _subject(node) or (_subject(node.head) if node.dep_ == "xcomp" and node.head.i != node.i
                                      else None)  # "we have been clear that Israel must ...", "made clear that";
            # "we will continue to make clear that ...": we
        if dep == "conj" and node.pos_ in ("VERB", "AUX"):
            return _subject(node)
        if dep not in ("xcomp", "conj", "advcl"):
            return None
    return None


def _accountable(tok: Token) -> Token | None:
    held = next((c for c in tok.children if c.lower_ in ("accountable", "responsible")), None)
    return None if held is None else child(held, "nsubj") or child(tok, "dobj")


def _future_subject(tok: Token) -> Token | None:
    node = tok
    for _ in range(5):
        subject = _subject(node)
        if subject is not None:
            return subject
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def statement_roles(tok: Token, type_: str) -> tuple[Token | None, Token | None] | None:
    """The actor and target words of a statement trigger, where they are not the trigger's own subject and
    object: (who states, to or of whom). ``None`` where the trigger's own roles apply."""
    lemma = _lemma(tok)
    if type_ == "ACCUSE" and lemma in lx.CONDEMNING_ADJECTIVES:  # "these attacks by the militias are unacceptable"
        acts = _act_subject(tok.head)
        owner = child(acts, "poss") or prep_object(acts, ("by",)) if acts is not None else None
        return _speaker(tok.head), owner
    if type_ == "ACCUSE" and (lemma == "threaten" or lemma in lx.ENDANGERING):  # "X's behavior threatens
        # stability": X is accused
        conduct = _subject(tok) or (_subject(tok.head) if tok.dep_ in ("xcomp", "conj") else None)
        if _party_subject(conduct) and _lemma(conduct) not in lx.CONDUCT_NOUNS | lx.ASSAULT_NOUNS:
            return _speaker(tok), conduct  # "Iran continues to threaten regional stability": Iran
        owner = child(conduct, "poss") or prep_object(conduct, ("by", "of")) or named_modifier(conduct) or (
            _propn_nmod(conduct)) if conduct is not None else None
        return _speaker(tok), owner
    if type_ in ("ACCUSE", "THREATEN") and lemma == "hold":
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        relative = next((c for c in subjects if c.lower_ in ("which", "who", "whom", "that")), None)
        if relative is not None and len(subjects) > 1:  # "Pakistan, which it holds accountable": which is held
            held = tok.head if tok.dep_ == "relcl" else relative
            if held.dep_ == "pobj" and held.head.lower_ == "of" and _lemma(held.head.head) in lx.PARTY_NOUNS:
                held = held.head.head  # "the government of Pakistan, which ...": the government
            return next(c for c in subjects if c is not relative), held
        whom = _accountable(tok)
        if whom is not None and whom.pos_ == "PRON":  # "a clear message to Iran that we hold it accountable"
            whom = next((t for t in reversed(list(tok.sent[: whom.i - tok.sent.start]))
                         if t.ent_type_ in ("GPE", "NORP", "ORG") and t.dep_ in ("pobj", "dobj")), whom)
        return (_future_subject(tok) if type_ == "THREATEN" else _subject(tok)), whom
    if type_ == "ACCUSE" and lemma in lx.CLAIMING and _front_clause(tok) is not None:  # "TRF is a front for LeT"
        said = child(tok, "ccomp")
        front = child(said, "attr") if said is not None else None
        return _subject(tok), (prep_object(front, ("for", "of")) if front is not None and not party_like(
            _subject(said)) else _subject(said)) if said is not None else None
    if type_ == "THREATEN" and lemma in lx.SAYING:  # "Houthi leaders stated they will continue attacks on Israel"
        said = child(tok, "ccomp")
        aim = next((o for t in said.subtree if t.pos_ in ("NOUN", "VERB")
                    and (o := prep_object(t, lx.TARGET_WORDS)) is not None and party_like(o)), None) \
            if said is not None else None
        doer = _subject(said) if said is not None else None
        if doer is not None and doer.pos_ != "PRON" and _lemma(doer) in lx.GROUP_WORDS | {"army", "military"}:
            return doer, aim  # "a spokesman said the group would widen its operations": the group threatens
        return _subject(tok), aim
    if type_ == "REQUEST" and _act_subject(tok) is not None and _aux(tok) & lx.DEMAND_MODALS:  # "... must stop"
        acts = _act_subject(tok)
        clause = tok.head if tok.dep_ == "conj" and _subject(tok) is None else tok
        return _speaker(clause), child(acts, "poss") or prep_object(acts, ("by",))
    if type_ in ("REQUEST", "THREATEN") and tok.pos_ == "VERB" and {c.lower_ for c in tok.children
                                                                   if c.dep_ == "aux"} & lx.DEMAND_MODALS:
        subject = _subject(tok)  # "Israel should ...": asked of Israel, by whoever says it
        return _speaker(tok), subject if type_ == "REQUEST" else None
    if type_ == "REQUEST" and lemma == "expect":  # "we expect Iran to take measures"
        said = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
        return _subject(tok), _subject(said) if said is not None else None
    if type_ in ("REQUEST", "ACCUSE") and tok.dep_ == "acl" and tok.pos_ == "VERB" \
            and _lemma(tok.head) in lx.STATEMENT_NOUNS | {"resolution"}:  # "adopted a resolution demanding that the
        # Houthis stop": the adopter asks the Houthis
        document = tok.head
        author = _governor(document)
        said = child(tok, "ccomp")
        whom = child(tok, "dobj") or (_subject(said) if said is not None else None)
        if whom is None and said is not None:  # the parser may take the subject into the verb's words
            whom = next((t for t in said.subtree if t.i < said.i and party_like(t)), None)
        return (_subject(author) if author is not None else None), whom
    if type_ == "SUPPORT" and lemma in ("support", "back", "endorse") and tok.pos_ == "VERB":  # "supports Israel's
        # right to defend itself": Israel backed
        obj = child(tok, "dobj")
        owner = child(obj, "poss") if obj is not None and not party_like(obj) else None
        if owner is not None and owner.pos_ != "PRON" and party_like(owner):
            return _subject(tok), owner
    if type_ == "CONSULT" and lemma in ("discuss", "review") and tok.pos_ == "VERB":  # "discussed with Foreign
        # Minister Wang the situation in the Red Sea": Wang, not the situation
        partner = prep_object(tok, ("with",))
        if partner is not None and (party_like(partner) or _person_like(partner)):
            return _subject(tok), partner
    if type_ == "SUPPORT" and tok.lower_ == "committed":  # "remains committed to the defense of Israel"
        return _subject(tok.head), _committed_to(tok)
    if type_ == "SUPPORT" and lemma in lx.PARTNER_NOUNS:  # "will remain a steadfast partner of Pakistan"
        return _subject(tok.head), prep_object(tok, ("of", "to"))
    if type_ == "SUPPORT" and lemma == "stand":  # "stands strong with India"
        firm = [tok] + [c for c in tok.children if c.dep_ in ("acomp", "advmod")]
        return _subject(tok), next((o for f in firm if (o := prep_object(f, ("with", "by", "behind"))) is not None),
                                   None)
    if lemma in lx.STATED_NOUNS or lemma in lx.NEED_NOUNS:  # "reaffirmed his support for Israel"
        verb = _object_of_statement(tok)
        owner = child(tok, "poss") or named_modifier(tok)  # "the U.S. rejection", "the United States' commitment"
        who = owner if owner is not None and owner.pos_ != "PRON" or verb is None else _subject(verb) or (
            _subject(verb.head) if verb.dep_ == "conj" else None) or owner  # "X reaffirmed ... and underscored the
        # importance of ...": X
        whom = prep_object(tok, ("to", "for", "with", "of")) if lemma in lx.STATED_NOUNS else None
        if whom is not None and not party_like(whom):
            whom = child(whom, "poss") or (None if type_ == "REJECT" else whom)  # "support for Israel's right to
            # defend itself": Israel; "rejection of any forced displacement": no one
        if whom is None and verb is not None and lemma in lx.STATED_NOUNS:  # "offered India's government ... support"
            whom = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i != tok.i and party_like(c)),
                        None)
        if whom is None and type_ == "SUPPORT":  # "full U.S. support to defend Israel against any attacks"
            after = [c for c in verb.children if c.dep_ == "advcl" and c.left_edge.i == tok.right_edge.i + 1] \
                if verb is not None else []  # the parser may hang "to defend" on the verb
            act = next((c for c in [*tok.children, *after] if c.dep_ in ("acl", "advcl") and _infinitive(c)), None)
            obj = child(act, "dobj") if act is not None else None
            whom = obj if obj is not None and party_like(obj) and obj.pos_ == "PROPN" else None
        return who, whom
    if type_ == "REJECT" and lemma == "oppose":  # "the United States opposes any forced displacement"
        return _subject(tok), child(tok, "dobj") if party_like(child(tok, "dobj")) else None
    if type_ == "RETREAT" and lemma in lx.LEAVING:  # "the last US troops departed Niger": no one is the target
        return _subject(tok), None
    if type_ == "THREATEN" and lemma == "warn" and tok.dep_ == "acl":  # "sent a message to Iran's supreme leader
        # warning against ...": who sent it warns whom it went to
        noun = tok.head
        if _lemma(noun) in lx.STATEMENT_NOUNS:
            sender = _governor(noun)
            return (_subject(sender) if sender is not None else None), prep_object(noun, ("to",))
        if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.pos_ == "VERB":
            return _subject(noun.head.head), noun
    if type_ == "THREATEN" and lemma in ("respond", "answer") and tok.pos_ == "VERB":  # "we will respond at a time
        return _subject(tok), None  # and place of our choosing": no one named as its target
    if type_ == "THREATEN" and lemma in ("response", "reply", "revenge"):  # "it is in favor of a response"
        node = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
        verb = node.head.head if node.dep_ == "pobj" else node.head
        return _subject(verb) if verb.pos_ in ("VERB", "AUX") else None, None
    if type_ == "CONSULT" and lemma in ("contact", "touch"):  # "has been in contact with his counterpart"
        return _subject(tok.head.head), prep_object(tok, ("with",))
    if type_ == "ACCUSE" and lemma == "call":  # "called the hijacking an act of Iranian terrorism": Iran accused
        named = child(tok, "oprd")
        owner = next((t for t in named.subtree if t.ent_type_ in ("NORP", "GPE", "ORG") and t.i != named.i), None) \
            if named is not None else None
        return _subject(tok), owner or child(tok, "dobj")
    if type_ == "CONSULT" and lemma == "call":  # "called Israeli Minister of Defense Yoav Gallant"
        return _subject(tok), child(tok, "dobj", "oprd")
    return None


@rule("event.statement-roles", "Who states and whom a statement is about, where these are not the trigger's own "
      "subject and object: 'Austin stressed that Israel should ...' (Austin asks Israel), 'behavior by the Houthis "
      "threatens stability' (the Houthis accused), 'his support for Israel's right' (Israel backed).",
      "Secretary Austin stressed that Israel should give diplomatic negotiations time to succeed.")
def statement_roles_rule(event: Event, ec: EventContext) -> Event:
    found = statement_roles(ec.tok, ec.trigger_type)
    if found is None:
        return event
    ec.actor_tok, ec.target_tok = found
    day = ec.day(event)
    target = _counterpart(ec, ec.target_tok, day) if ec.target_tok is not None else None
    target = target or ec.party(ec.target_tok, day)
    front = child(ec.target_tok.head, "attr") if ec.target_tok is not None and ec.target_tok.dep_ == "nsubj" else None
    if front is not None and _lemma(front) in lx.FRONT_NOUNS and (target is None or not target.country):
        behind = prep_object(front, ("for", "of"))  # "TRF is a front for LeT": LeT, whom the KB knows
        target = ec.party(behind, day) if behind is not None else target
    from proxywatch.extract.discourse import publisher_voice  # here: discourse's rules register after these

    actor = body_of(ec, ec.actor_tok, day) or ec.party(ec.actor_tok, day) \
        or publisher_voice(ec, ec.actor_tok, ec.trigger_type)  # "we have been clear that Israel must ..."
    target = body_of(ec, ec.target_tok, day) or target
    if actor is not None and target is not None and actor.country and actor.country == target.country \
            and ec.actor_tok is not None and ec.actor_tok.pos_ == "PRON":
        actor = None  # a pronoun read as the accused's own side: no one accuses, asks or threatens itself
    return replace(event, actor=actor, target=target)


def _counterpart(ec: EventContext, tok: Token, day: str | None) -> Party | None:
    """'his counterpart, Israeli Defense Minister Yoav Gallant': the person named after "counterpart"."""
    if _lemma(tok) not in ("counterpart", "counterparts"):
        return None
    named = child(tok, "appos")
    if named is None:  # the parser hung the name elsewhere: the next name after the comma
        named = next((t for t in tok.sent[tok.i + 1 - tok.sent.start:] if t.ent_type_ == "PERSON"
                      and t.dep_ != "compound"), None)
    party = ec.party(named, day) if named is not None else None
    if party is not None and not party.country:
        nationality = next((t for t in named.subtree if t.ent_type_ == "NORP"), None)
        code = ec.kb.gazetteer.country_code(nationality.text) if nationality is not None else None
        party = replace(party, country=code) if code else party
    return party if party is not None and party.country else None


@rule("event.statement-made", "A statement is made when it is said: 'will remain a steadfast partner', 'should give "
      "negotiations time', 'will not tolerate' occurred; what it promises or asks is its content, and so is its "
      "'not'. A condition ('if Iran responds') still makes it hypothetical.",
      "The United States will not tolerate any country engaging with terrorist organizations.")
def statement_made(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if ec.trigger_type not in lx.SAID_TYPES or event.status not in ("planned", "hypothetical") \
            and not (event.negated and ec.trigger_type == "THREATEN"):
        return event
    own_modal = {c.lower_ for c in tok.children if c.dep_ == "aux"} & lx.DEMAND_MODALS
    if ec.trigger_type not in lx.PLEDGE_TYPES and not own_modal and _lemma(tok) != "expect":
        return event  # "would ask the coalition to set a timeline": a request still to be made
    node = tok
    for _ in range(4):
        mark = child(node, "mark")
        if mark is not None and mark.lower_ in ("if", "unless") or _lemma(node) in lx.STATUS_HEADS and node is not tok:
            return event
        if node.head.i == node.i:
            break
        node = node.head
    modal = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall", "should", "must", "ought")
                for t in (tok, tok.head) for c in t.children) or ec.trigger_type == "THREATEN" and _future(tok)
    if not modal and tok.pos_ == "NOUN" and event.status in ("planned", "hypothetical"):
        modal = any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "should", "must") for c in _verb_up(tok).children)
    if not modal:
        return event
    negated = event.negated and not (ec.trigger_type == "THREATEN" and _lemma(tok) in ("tolerate", "allow",
                                                                                        "accept", "stand", "hesitate"))
    return replace(event, status="occurred", negated=negated)


@rule("event.statement-date", "A statement is dated by the day it was made: a date on its own verb or on the saying it "
      "is told under ('said on Monday that ...'); not a date of another event named inside it ('the commitment, as "
      "evidenced by the defense against the attack on April 13').",
      "Austin reaffirmed the US commitment to Israel, as shown by the $14 billion in aid signed into law on April 24.")
def statement_date(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type not in lx.SAID_TYPES or event.date is None:
        return event
    node = _verb_up(ec.tok)
    heads = {node.i}
    while node.head.i != node.i and node.dep_ in ("ccomp", "conj", "xcomp", "parataxis", "advcl"):
        node = node.head
        heads.add(node.i)
    sent, doc = ec.sent, ec.sent.doc
    heads |= {t.i for h in list(heads) for c in doc[h].children if c.dep_ == "nsubj" for t in c.subtree}  # "Leaders of
    # the G7 on Sunday condemned": the parser may hang the day on the subject
    skip = {t.i for ent in sent.ents if ent.label_ in ("DATE", "TIME")
            if (ent.root.head.head if ent.root.dep_ == "pobj" else ent.root.head).i not in heads for t in ent}
    if not skip:
        return event
    return replace(event, date=ec.read.date(sent, ec.tok, ec.dc.published, skip=skip | ec.reason))


def _said_now(tok: Token) -> bool:
    """A statement in the present of its own verb ("We condemn", "The United States calls on", "The Department is
    imposing"): made when the text is published, whatever earlier day the sentence names."""
    verb = _verb_up(tok)
    while verb.dep_ == "xcomp" and _lemma(verb.head) in ("continue", "keep") and verb.head.i != verb.i:
        verb = verb.head  # "continue to endanger"
    if verb.dep_ not in ("ROOT", "conj") or _lemma(verb) in ("be", "have"):
        return False
    if verb.tag_ == "VBG":
        return {c.lower_ for c in verb.children if c.dep_ == "aux"} in ({"is"}, {"are"}, {"am"})
    if verb.tag_ == "VB" and _aux(verb) & {"will", "'ll", "must", "should", "shall"} and not tok.pos_ == "NOUN":
        return True  # "CENTCOM will continue to ...", "Israel must do more": said as the text is published
    return verb.tag_ in ("VBZ", "VBP") and not _aux(verb)


def _verb_up(tok: Token) -> Token:
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def body_of(ec: EventContext, tok: Token | None, day: str | None) -> Party | None:
    """ "the government of India", "the people of Gaza": a body named by its country after "of"."""
    if tok is None or tok.pos_ != "NOUN" or _lemma(tok) not in KIND_NOUNS:
        return None
    place = prep_object(tok, ("of",))
    if place is None or place.ent_type_ not in ("GPE", "LOC"):
        return None
    code = ec.kb.gazetteer.country_code(place.text, demonyms=False)
    if not code:
        entry = ec.kb.gazetteer.lookup(place.text)
        code = entry.country if entry is not None else None
    if not code:
        return None
    return Party(text=ec.sent.doc[tok.left_edge.i: place.right_edge.i + 1].text, country=code,
                 kind=KIND_NOUNS[_lemma(tok)])


def _people_of(ec: EventContext, tok: Token | None, day: str | None) -> Party | None:
    """ "four military officials of Ansarallah", "leaders of Kata'ib Hezbollah": the body they belong to."""
    if tok is None or _lemma(tok) not in lx.MEMBER_NOUNS:
        return None
    body = prep_object(tok, ("of",))
    party = ec.party(body, day) if body is not None else None
    return replace(party, text=ec.party(tok, day).text if ec.party(tok, day) else party.text) \
        if party is not None and party.country and party.kind != "person" else None


@rule("event.members-of", "Sanctions on 'four military officials of Ansarallah' or a request to 'leaders of X' are "
      "aimed at X's side: the body they belong to.",
      "The United States imposed sanctions on four military officials of Ansarallah.")
def members_of(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type not in lx.SAID_TYPES | {"SANCTION"} or event.target is not None and event.target.country:
        return event
    tok = ec.target_tok
    if tok is None and ec.tok.pos_ in ("NOUN", "VERB"):
        tok = prep_object(ec.tok, ("on", "against"))
    party = _people_of(ec, tok, ec.day(event))
    return replace(event, target=party) if party is not None else event


@rule("event.people-of", "'aid for the people of Gaza': civilians of a place belong to its country.",
      "The United States announced new humanitarian assistance for the people of Gaza.")
def people_of(event: Event, ec: EventContext) -> Event:
    target = event.target
    if ec.trigger_type == "ASSAULT" or ec.target_tok is None or target is None or target.country \
            or target.kind != "civilians":
        return event
    place = prep_object(ec.target_tok, ("of", "in"))
    entry = ec.kb.gazetteer.lookup(place.text) if place is not None and place.ent_type_ in ("GPE", "LOC") else None
    return replace(event, target=replace(target, country=entry.country)) if entry is not None and entry.country \
        else event


@rule("event.mover", "'the withdrawal of US forces', 'the deployment of Marines': the forces that move are the "
      "actor of a withdrawal or deployment named by a noun.",
      "The withdrawal of US forces and assets from Niger is complete.")
def mover(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if ec.trigger_type not in ("RETREAT", "MOBILIZE") or tok.pos_ != "NOUN" or event.actor is not None:
        return event
    moved = prep_object(tok, ("of",))
    party = ec.party(moved, ec.day(event)) if moved is not None else None
    if party is not None and party.country and party.kind in ("military", "armed_group"):
        ec.actor_tok = moved
        return replace(event, actor=party)
    return event


def _place_after(ec: EventContext, heads: list[Token], preps: tuple[str, ...]) -> Place | None:
    for head in heads:
        for prep in preps:
            obj = prep_object(head, (prep,)) if prep else child(head, "dobj")
            if obj is None or obj.ent_type_ not in ("GPE", "LOC", "FAC") and obj.pos_ != "PROPN":
                continue
            span = core_span(obj)
            entry = ec.kb.gazetteer.lookup(span.text, ec.read.countries_in(ec.sent.doc))
            if entry is not None:
                return Place(text=span.text, name=entry.name, country=entry.country, admin1=entry.admin1,
                             lat=entry.lat, lon=entry.lon, precision=entry.precision)
    return None


@rule("event.destination", "Where forces are sent is where a deployment happens: 'authorized the deployment of a "
      "THAAD battery to Israel', 'formed a coalition to patrol the Red Sea', 'arrived in Israel'; where they leave is "
      "where a withdrawal happens ('U.S. forces will leave Iraq').",
      "Austin authorized the deployment of a missile battery and its crew to Israel.")
def destination(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if ec.trigger_type == "RETREAT" and _lemma(tok) in lx.LEAVING and (event.location is None
                                                                     or not event.location.country):
        place = _place_after(ec, [tok], ("", "from"))  # "U.S. forces will leave Iraq": the place they leave
        return replace(event, location=place) if place is not None else event
    if ec.trigger_type != "MOBILIZE" or event.location is not None and event.location.country:
        return event
    heads = [tok] + ([tok.head] if tok.dep_ in ("dobj", "pobj") else [])
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "dobj"]  # "formed a coalition to patrol"
    heads += [c for h in list(heads) for c in h.children if c.dep_ in ("acl", "advcl", "relcl") and _infinitive(c)]
    if tok.pos_ == "NOUN":  # "the deployment of a THAAD battery and its crew to Israel"
        heads += [t for t in tok.subtree if t.pos_ == "NOUN" and t.i != tok.i]
    place = _place_after(ec, heads, ("to", "into", "in", "")) if heads else None
    return replace(event, location=place) if place is not None and (
        event.location is None or place.country) else event


@rule("event.talk-place", "Talks happen where they are held, not in the places they are about: 'met Gallant at the "
      "Pentagon to discuss ... aid into Gaza' is not in Gaza.",
      "Austin met Gallant to discuss efforts to surge more humanitarian aid into Gaza.")
def talk_place(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type != "CONSULT" or event.location is None:
        return event
    tok = ec.tok
    topics = [c for c in tok.children if c.dep_ in ("advcl", "xcomp", "acl") and _infinitive(c)
              and _lemma(c) in lx.TALKING_ABOUT] + [c for c in tok.subtree if c.dep_ == "prep" and c.lower_ == "about"]
    topic_words = {t.i for c in topics for t in c.subtree}
    text = event.location.text
    inside = [t for t in tok.sent if t.i in topic_words]
    outside = " ".join(t.text for t in tok.sent if t.i not in topic_words)
    if not inside or text not in " ".join(t.text for t in inside) or text in outside:
        return event
    skip = [ec.sent.doc[min(topic_words): max(topic_words) + 1]]
    return replace(event, location=ec.read.location(ec.sent, tok, skip, None))


@rule("event.statement-by", "'A statement by the U.N. Secretary General ... urged all to exercise restraint': the "
      "author of a statement is who urges, warns or condemns in it.",
      "A statement by the U.N. Secretary General urged all sides to exercise utmost restraint.")
def statement_by(event: Event, ec: EventContext) -> Event:
    actor_tok = ec.actor_tok or (_subject(ec.tok.head) if ec.tok.dep_ == "conj" and _subject(ec.tok) is None
                                 else None)
    if ec.trigger_type not in lx.SAID_TYPES or actor_tok is None or _lemma(actor_tok) not in lx.STATEMENT_NOUNS:
        return event
    author = prep_object(actor_tok, ("by", "from", "of")) or child(actor_tok, "poss")
    party = ec.party(author, ec.day(event)) if author is not None else None
    if party is None or not (party.country or party.kind):
        return event
    ec.actor_tok = author
    return replace(event, actor=party)


@rule("event.conjoined-issuer", "'The government of India has not presented evidence ..., but initiated retaliatory "
      "measures': the subject of the first of two joined verbs issues the act the second names.",
      "The government of India rejected the claim but initiated retaliatory measures.")
def conjoined_issuer(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if ec.trigger_type == "ASSAULT" or event.actor is not None or tok.pos_ != "NOUN" or tok.dep_ != "dobj":
        return event
    verb = tok.head
    if _lemma(verb) not in lx.ISSUING_VERBS or verb.dep_ != "conj" or _subject(verb) is not None:
        return event
    first = verb.head
    subject = _subject(first) if first.pos_ in ("VERB", "AUX") else None
    party = body_of(ec, subject, ec.day(event)) or ec.party(subject, ec.day(event)) if subject is not None else None
    if party is None or not (party.country or party.id):
        return event
    ec.actor_tok = subject
    return replace(event, actor=party)


@rule("event.request-addressee", "Whom a request is made of: 'demanded (that) the Houthis halt attacks', 'urged "
      "Hamas to accept', 'calls on the RSF, the SAF, and aligned forces' (the first named).", "The United States demanded that the Houthis halt their attacks.")
def request_addressee(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type != "REQUEST" or event.target is not None and event.target.country:
        return event
    tok = ec.tok
    asked = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
    whom = _subject(asked) if asked is not None else None
    obj = child(tok, "dobj")
    if whom is None and obj is not None and _lemma(obj) in lx.ASSAULT_NOUNS:
        whom = next((c for c in obj.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"), None)
    party = ec.party(whom, ec.day(event)) if whom is not None and whom.pos_ != "PRON" else None
    if (party is None or not party.country) and _lemma(tok) == "call":
        called = prep_object(tok, ("on", "upon"))  # "calls on the RSF, the SAF, and aligned forces": the first
        # named of them
        for who in ([called, *called.conjuncts] if called is not None else []):
            party = ec.party(who, ec.day(event))
            if party is not None and party.country:
                whom = who
                break
    if party is None or not party.country:
        return event
    ec.target_tok = whom
    return replace(event, target=party)


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _ahead(text: str, published: date, future: bool = False) -> DateSpan | None:
    """A date of something to come: "tomorrow", "Friday", "September 15th" (the next such day); a bare weekday
    only under "will" ("will host ... on Tuesday")."""
    low = " ".join(text.lower().split())
    low = low[4:] if low.startswith("the ") else low
    if low == "tomorrow":
        day = published + timedelta(days=1)
        return DateSpan(day.isoformat(), day.isoformat(), "day", text)
    weekday = future and low.removeprefix("on ") in _WEEKDAYS
    if re.search(r"\b(19|20)\d\d\b", low) or low in ("today", "yesterday", "tonight") or "last" in low.split() \
            or not re.search(r"\d", low) and not low.startswith("next ") and not weekday:
        return None  # a year, a past word or a bare weekday not said to come: the ordinary reading holds
    span = resolve_date(text, published + timedelta(days=364 if re.search(r"\d", low) else 6))
    if span is None or span.start is None or span.start <= published.isoformat():
        return None
    return span


@rule("event.planned-ahead", "An act to come ('will co-host ... tomorrow', 'will host ... on Tuesday', 'on track to "
      "meet the September 15th deadline of a full withdrawal') is planned, and its date lies ahead of publication, not "
      "a year or a week back.",
      "US forces are on track to meet the September 15th deadline of a full withdrawal from Niger.")
def planned_ahead(event: Event, ec: EventContext) -> Event:
    tok, published = ec.tok, ec.dc.published
    if ec.trigger_type in lx.SAID_TYPES or ec.trigger_type == "ASSAULT" or published is None:
        return event
    status = event.status
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and _lemma(tok.head.head) in lx.SCHEDULE_NOUNS:
        status = "planned"  # "the deadline of a full withdrawal"
    if status != "planned" or event.negated:
        return event
    sayings = {a.i for a in tok.ancestors if _lemma(a) in lx.SAYING | lx.CLAIMING | {"tell", "report", "add"}}
    for ent in ec.sent.ents:
        if ent.label_ != "DATE" or any(a.i in sayings for a in [ent.root, *ent.root.ancestors][:3]):
            continue  # "said on Wednesday it would designate": the day of the saying
        span = _ahead(ent.text, published, future=bool(_aux(_verb_up(tok)) & {"will", "'ll", "shall"}))
        if span is not None:
            return replace(event, status=status, date=span)
    return replace(event, status=status)


@rule("refine.condemned-owner", "Who is accused when an attack is condemned: its owner ('the RSF's attacks'), who "
      "claimed it ('claimed by the Baloch Liberation Army') or where it came from ('attacks from Lebanon').",
      "He condemned the continued cross-border attacks from Lebanon into Israel.")
def condemned_owner(event: Event, ec: EventContext) -> Event:
    if event.type != "ACCUSE":
        return event
    tok = ec.tok
    condemned = child(tok, "dobj") if tok.pos_ == "VERB" else None
    victim = ec.target_tok is not None and condemned is not None and ec.target_tok.dep_ == "pobj" \
        and ec.target_tok.head.head.i in {condemned.i, *(c.i for c in condemned.conjuncts)} \
        and ec.target_tok.head.lower_ in lx.TARGET_WORDS  # "condemned the raids on aid convoys": not the convoys
    if condemned is None or event.target is not None and event.target.country and not victim:
        return event
    if victim:
        event = replace(event, target=None)
    day = ec.day(event)
    for attack in [condemned, *condemned.conjuncts]:
        if _lemma(attack) not in lx.ASSAULT_NOUNS:
            continue
        owner = child(attack, "poss") or prep_object(attack, ("by",)) or named_modifier(attack)
        claimed = next((c for c in attack.children if c.dep_ == "acl" and _lemma(c) == "claim"), None)
        if owner is None and claimed is not None:
            owner = prep_object(child(claimed, "agent") or claimed, ("by",)) or child(child(claimed, "agent") or
                                                                                   claimed, "pobj")
        owner = owner or ec.roles(attack)[0]  # "the attacks on U.S. personnel in Iraq by Iran-aligned militias"
        party = ec.party(owner, day) if owner is not None else None
        if party is not None and (party.country or party.kind == "armed_group"):
            return replace(event, target=party)
        origin = prep_object(attack, ("from",))
        code = ec.kb.gazetteer.country_code(origin.text, demonyms=False) if origin is not None else None
        if code:
            return replace(event, target=Party(text=origin.text, country=code))
    sent = ec.sent  # the parser may hang the owner or the claim elsewhere: "condemns in the strongest terms the RSF's
    # attacks", "the attack ..., claimed by the Baloch Liberation Army"
    between = [t for t in sent if tok.i < t.i < condemned.i and t.ent_type_ in ("ORG", "NORP") and t.dep_ in (
        "poss", "compound", "appos", "nmod")]
    claims = [child(child(t, "agent"), "pobj") for t in sent if _lemma(t) == "claim" and t.pos_ == "VERB"
              and child(t, "agent") is not None and t.i > condemned.i]
    for owner in [*reversed(between), *claims]:
        party = ec.party(owner, day) if owner is not None else None
        if party is not None and party.country and party.kind in ("armed_group", "military", "state", "government"):
            return replace(event, target=party)
    return event


@rule("refine.said-now", "A government release's statement or sanction in the present ('We condemn the attack ... "
      "last week', 'The United States calls on the RSF ...', 'is imposing visa restrictions') is made on the day the "
      "release is published, whatever day the sentence or story names.",
      "[source: U.S. Department of State] The militia attacked the base on Sunday. The United States condemns the "
      "attack on the base last week.")
def said_now(event: Event, ec: EventContext) -> Event:
    published = ec.dc.published
    if ec.trigger_type not in lx.SAID_TYPES | {"SANCTION"} or published is None or not _said_now(ec.tok) \
            or ec.dc.publisher is None and not (ec.actor_tok is not None and ec.actor_tok.lower_ in ("we", "i")):
        return event  # a news story's present ("the factions still demand ...") tells a standing position
    day = published.isoformat()
    if event.date is not None and event.date.start == day == event.date.end:
        return event
    return replace(event, date=DateSpan(start=day, end=day, precision="day", text=None))


@rule("refine.spokesman-for", "Who a spokesman speaks for is the one who acts: 'a spokesman for the group rejected the "
      "accusations' is the group's act; 'Pentagon spokesman' stays as read.",
      "Kataib Hezbollah was blamed for the attack. A spokesman for the group rejected the accusations.")
def spokesman_for(event: Event, ec: EventContext) -> Event:
    tok = ec.actor_tok
    if tok is None or _lemma(tok) not in lx.SPOKES_WORDS:
        return event
    body = prep_object(tok, ("for", "of"))
    party = ec.party(body, ec.day(event)) if body is not None else None
    if party is None or not (party.country or party.kind) or party.kind == "person":
        return event
    return replace(event, actor=replace(party, text=core_span(tok).text))


@rule("more.echoed", "'... sentiments reiterated by the State Department': a statement echoed by another party is "
      "that party's statement too.",
      "Trump said the United States stands strong with India, sentiments reiterated by the State Department.")
def echoed(event: Event, ec: EventContext) -> list[Event]:
    if event.type not in lx.SAID_TYPES or any(e.evidence == event.evidence and e.type in lx.SAID_TYPES
                                              for e in ec.dc.events[:-1]):
        return []  # once a sentence, on its first statement
    out: list[Event] = []
    for noun in ec.sent:
        if _lemma(noun) not in lx.ECHO_NOUNS or noun.pos_ != "NOUN":
            continue
        echo = next((c for c in noun.children if c.dep_ == "acl" and _lemma(c) in lx.ECHOING), None)
        agent = child(echo, "agent") if echo is not None else None
        who = child(agent, "pobj") if agent is not None else None
        party = ec.party(who, ec.day(event)) if who is not None else None
        if party is not None and (party.country or party.id):
            out.append(replace(event, id=event_id(ec.dc.article.id, event.evidence, event.type, ec.ordinal + 100),
                               actor=party))
    return out


def unit_party(text: str) -> Party | None:
    """ "the USS Gerald R. Ford Carrier Strike Group", "HMS Diamond": a navy's ship or group, its state's military."""
    words = text.split()
    words = words[1:] if words and words[0].lower() == "the" else words
    code = lx.SHIP_PREFIXES.get(words[0]) if words else None
    return Party(text=text, country=code, kind="military") if code else None


@rule("event.ordered-forces", "'Austin directed the USS Ford Carrier Strike Group to move to the Eastern "
      "Mediterranean': who orders forces to move mobilizes them; a ship named 'USS ...' that moves in or out is the US "
      "military.",
      "Secretary Austin directed the USS Gerald R. Ford Carrier Strike Group to move to the Eastern Mediterranean.")
def ordered_forces(event: Event, ec: EventContext) -> Event:
    if ec.trigger_type not in ("MOBILIZE", "RETREAT"):
        return event
    tok, day = ec.tok, ec.day(event)
    changes: dict[str, Any] = {}
    if tok.dep_ == "xcomp" and _lemma(tok.head) in lx.ORDERING and _subject(tok.head) is not None:
        orderer = ec.party(_subject(tok.head), day)
        if orderer is not None and (orderer.country or orderer.id):
            ec.actor_tok = _subject(tok.head)
            changes["actor"] = orderer
    for role in ("actor", "target"):
        party = changes.get(role, getattr(event, role))
        unit = unit_party(party.text) if party is not None and not party.id else None
        if unit is not None:
            changes[role] = replace(party, country=unit.country, kind=unit.kind)
    return replace(event, **changes) if changes else event

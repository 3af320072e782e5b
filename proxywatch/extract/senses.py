"""Sense rules: whether a trigger word is its event here, by the company it keeps (stage ``sense``).

A word proposes the event type of its lexicon entry (``lexicon.VERB_TRIGGERS`` / ``NOUN_TRIGGERS``) by its
part of speech; the rules below, in order, confirm, change or withdraw it. Senses that depend only on
which words keep it company are rows of ``lexicon.COMPANY``, ``CORRECTIONS`` and ``NOUN_COMPANY`` (data),
read by the rules ``sense.company``, ``sense.corrections`` and ``sense.noun-company``; the rest are small
functions here. A rule returns :data:`~proxywatch.extract.engine.KEEP` where it does not apply, and
:class:`Stop` to end the word's reading ("Iran-backed" is a modifier, whatever the rules after say).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from spacy.tokens import Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.engine import KEEP, rule
from proxywatch.extract.dates import resolve_date
from proxywatch.extract.syntax import child, consequence, own_dates, prep_object, said_of_it

__all__ = ["Candidate", "Stop", "read_sense", "requested", "back_reference", "military_operation", "armed_fight",
           "arson", "new_dated_incident", "ARMED_WORDS", "NOT_RELEASED"]


@dataclass(frozen=True)
class Candidate:
    """A word that may be a trigger: its lemma, its branch ("verb", "noun" or None) and its direct object."""

    tok: Token
    lemma: str
    branch: str | None
    obj: Token | None


@dataclass(frozen=True)
class Stop:
    """A sense rule's last word on a candidate: this trigger (or none), and no later rule applies."""

    trigger: lx.Trigger | None


def candidate(tok: Token) -> tuple[Candidate, lx.Trigger | None]:
    """The candidate for a token and the event its lexicon entry proposes."""
    lemma = tok.lemma_.lower()
    misparsed = tok.pos_ == "VERB" and (tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and lemma not in
                                        lx.VERB_TRIGGERS or tok.dep_ == "pobj" and tok.tag_ == "VBZ") \
        and lemma in lx.NOUN_TRIGGERS  # "airstrikes" tagged a verb; "amid the more than 90 ... attacks" as "attacks" VBZ
    if tok.pos_ == "VERB" and not misparsed:
        return Candidate(tok, lemma, "verb", child(tok, "dobj")), lx.VERB_TRIGGERS.get(lemma)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod") or misparsed:
        return Candidate(tok, lemma, "noun", None), lx.NOUN_TRIGGERS.get(lemma)
    return Candidate(tok, lemma, None, None), None


def read_sense(rules: list[Any], tok: Token, sc: Any, trace: Any = None, sentence: int = 0) -> lx.Trigger | None:
    """Run the sense rules over one word; the trigger it ends with (None: not an event)."""
    cand, trigger = candidate(tok)
    for r in rules:
        found = r.fn(cand, trigger, sc)
        if found is KEEP:
            continue
        final = isinstance(found, Stop)
        new = found.trigger if final else found
        if trace is not None and new != trigger:
            trace.add(r.id, f"word {tok.text!r} ({tok.i})", f"{_name(trigger)} → {_name(new)}",
                      ("word", sentence, tok.i))
        trigger = new
        if final:
            break
    return trigger


def _name(trigger: lx.Trigger | None) -> str:
    return "none" if trigger is None else trigger.type + (f"/{trigger.mode}" if trigger.mode else "")


def _objects(tok: Token, obj: Token | None) -> list[Token]:
    """The object, a "with" object, and their conjuncts."""
    objects = [obj] if obj is not None else []
    with_obj = prep_object(tok, ("with",))
    if with_obj is not None:
        objects.append(with_obj)
    return objects + [c for o in list(objects) for c in o.conjuncts]


def holds(row: lx.Sense, tok: Token, obj: Token | None) -> bool:
    """Whether every condition of a sense row holds for a word."""
    if row.company and not {o.lemma_.lower() for o in _objects(tok, obj)} & row.company:
        return False
    obj_lemma = obj.lemma_.lower() if obj is not None else None
    if row.object and obj_lemma not in row.object:
        return False
    if row.not_object is not None and obj_lemma in row.not_object:
        return False
    if row.preps and prep_object(tok, row.preps) is None:
        return False
    if row.prep_company is not None:
        found = prep_object(tok, row.prep_company[0])
        if found is None or found.lemma_.lower() not in row.prep_company[1]:
            return False
    if row.children and not any(c.lower_ in row.children for c in tok.children):
        return False
    if row.particles and not any(c.dep_ == "prt" and c.lower_ in row.particles for c in tok.children):
        return False
    if row.modifiers and not {c.lemma_.lower() for c in tok.children
                              if c.dep_ in ("compound", "amod", "nmod")} & row.modifiers:
        return False
    return True


def _table(rows: tuple[lx.Sense, ...]) -> dict[str, list[lx.Sense]]:
    out: dict[str, list[lx.Sense]] = {}
    for row in rows:
        out.setdefault(row.lemma, []).append(row)
    return out


_COMPANY, _CORRECTIONS, _NOUN_COMPANY = _table(lx.COMPANY), _table(lx.CORRECTIONS), _table(lx.NOUN_COMPANY)


# Weapons and means of force: a word of these nearby makes "hit", "fire" or "target" an attack.
_FORCE_WORDS = lx.WEAPON_NOUNS | frozenset(lx.MODE_WORDS)
# Objects that make "targeted" physical force, not persecution or marketing.
_PHYSICAL_TARGETS = frozenset("base outpost position site ship vessel tanker convoy troop force soldier camp airport "
                              "port building facility headquarters depot patrol city town village area compound "
                              "embassy consulate checkpoint vehicle car boat warship destroyer personnel".split())
_NOT_MEETERS = frozenset("border line road river standard requirement need demand target goal criterion deadline "
                         "expectation obligation commitment challenge threat".split())
_AGREEABLE = frozenset("proposal deal agreement plan terms offer ceasefire truce resolution accord framework "
                       "package".split())
_AGREEING = frozenset("reach sign strike broker seal conclude announce approve accept agree finalize finalise "
                      "endorse negotiate implement".split())
_STOPPING = frozenset("cut halt pause suspend freeze stop block end withhold cancel".split())
_GIVING = frozenset("provide send deliver give pledge announce approve supply rush drop airdrop allow let ship "
                    "transfer receive get increase boost".split())
_ASKING = frozenset("make issue renew repeat reiterate send voice".split())
# Trigger verbs that are other words without an object ("came back", "pressed on", "signed off").
NEEDS_OBJECT = frozenset("back train press sign ship".split())
# What a "release" of which is publication, not freeing people.
NOT_RELEASED = frozenset("statement video footage report image photo detail name figure data".split())


# What stops fighting: "a pause in fighting", "a halt to the strikes", "the cessation of hostilities".
_PAUSES = frozenset("pause halt lull cessation end suspension stop break respite".split())
# Objects of "hit" that make an idiom, not a blow: "police hit the streets".
_HIT_IDIOMS = frozenset("street road ground beach button brake wall jackpot snag bottom peak limit mark stride "
                        "record high low headline market note".split())




# --- the sense rules, in order ------------------------------------------------------------------------------
@rule("sense.arson", "'Set fire to the embassy', 'set two cars on fire': arson, a use of force; not burning brush "
      "or a flag.", "Protesters set fire to the embassy.")
def arson_rule(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    return Stop(lx.Trigger("ASSAULT", 2)) if cand.lemma == "set" and arson(cand.tok) else KEEP


@rule("sense.modifier-not-event", "'Iran-backed', 'Houthi-claimed', 'the negotiating table': a verb used as a modifier "
      "is no event.",
      "Iran-backed militias fired drones.")
def modifier_not_event(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch == "verb" and (tok.i > 0 and tok.doc[tok.i - 1].text == "-" or tok.dep_ == "amod"
                                  or tok.dep_ == "compound" and tok.tag_ == "VBG"):  # "the negotiating table"
        return Stop(None)
    return KEEP


@rule("sense.hit-with-force", "'hit' is an attack with a weapon or attack word nearby, or an armed subject; not "
      "'hit a poster during a protest', 'police hit the streets'.", "The base was hit by a drone.")
def hit_with_force(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "hit":
        return KEEP
    tok, obj = cand.tok, cand.obj
    agent = child(tok, "agent")
    near = [t.lemma_.lower() for t in (tok.subtree if agent is None else agent.subtree)]
    subject = child(tok, "nsubj") or (child(tok.head, "nsubj") if tok.dep_ == "xcomp" else None)  # "were attempting
    if subject is not None:  # to hit": the subject of the verb it completes
        near += [t.lemma_.lower() for t in subject.subtree]
    if any(w in _FORCE_WORDS or w in lx.ASSAULT_NOUNS for w in near):
        return lx.Trigger("ASSAULT", 2)
    if subject is not None and subject.lemma_.lower() in ARMED_WORDS and obj is not None \
            and obj.lemma_.lower() not in _HIT_IDIOMS:
        return lx.Trigger("ASSAULT", 2)  # "a policeman hits a migrant"
    return None


@rule("sense.warning", "'warned that X would pay', 'warned against', 'warned of consequences': a threat; 'warned of "
      "floods': none.",
      "Israel warned that Hezbollah would pay a heavy price.")
def warning(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "warn":
        return KEEP
    said = child(cand.tok, "ccomp")
    if said is not None and any(c.lower_ in ("will", "would", "'ll") for c in said.children):
        return lx.Trigger("THREATEN", 2)
    against = prep_object(cand.tok, ("against",)) or next(
        (child(c, "pcomp") for c in cand.tok.children if c.dep_ == "prep" and c.lower_ == "against"), None)
    of = prep_object(cand.tok, ("of",))  # "warned of serious consequences", not "warned of floods"
    harm = of is not None and of.lemma_.lower() in lx.HARM_WORDS - {"military"}
    return lx.Trigger("THREATEN", 2) if against is not None or harm else None  # "warned Iran against escalating"


@rule("sense.company", "Verbs that are events only in the right company (lexicon.COMPANY rows): 'fired rockets', "
      "'sent warships', 'provided weapons', 'held X responsible', 'spoke with'; none otherwise.",
      "The US sent two warships to the eastern Mediterranean.")
def company(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in lx.CONDITIONAL_VERBS or cand.lemma in ("hit", "warn"):
        return KEEP
    return next((row.gives for row in _COMPANY.get(cand.lemma, ()) if holds(row, cand.tok, cand.obj)), None)


@rule("sense.needs-object", "'backed Hamas', 'trained fighters': these verbs are events only with an object "
      "('came back', 'pressed on' are not).",
      "The depots were used by the Revolutionary Guards and militias it backs.")
def needs_object(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in NEEDS_OBJECT or cand.lemma in lx.CONDITIONAL_VERBS:
        return KEEP
    return lx.VERB_TRIGGERS.get(cand.lemma) if _objects(cand.tok, cand.obj) else None


@rule("sense.since-clause", "'since the US retaliated': a point in time, not a new report ('since mid-December "
      "2023, the Houthis have threatened' is a date, not such a clause).",
      "No attacks have come since the US retaliated.")
def since_clause(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or trigger is None:
        return KEEP
    clause = cand.tok
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head  # "since the Yemeni group began targeting shipping"
    mark = child(clause, "mark")
    if mark is None or mark.lower_ != "since":
        return KEEP
    after = cand.tok.doc[mark.i + 1]
    return KEEP if after.ent_type_ == "DATE" else None  # "Since mid-December 2023, the Houthis have ...": a date


@rule("sense.corrections", "Corrections by company (lexicon.CORRECTIONS rows): 'launched a missile' attacks, "
      "'released a statement' frees no one, 'summoned' protests only of an envoy, 'struck a deal' agrees, "
      "'struck down' is no strike.", "The Houthis launched a ballistic missile at the ship.")
def corrections(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb":
        return KEEP
    for row in _CORRECTIONS.get(cand.lemma, ()):
        if (trigger is not None or row.revive) and holds(row, cand.tok, cand.obj):
            return row.gives
    return KEEP


@rule("sense.sinking-is-outcome", "'The ship sank': an outcome of an attack, a weak trigger whoever struck it.",
      "The Rubymar sank after a Houthi missile strike.")
def sinking(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch == "verb" and cand.lemma == "sink" and trigger is not None and cand.obj is None \
            and child(cand.tok, "auxpass") is None:
        return lx.Trigger("ASSAULT", 1)
    return KEEP


@rule("sense.target-physical", "'targeted' is force only with a physical target or a weapon nearby; not "
      "'targeted by the government for their activism'.",
      "The truce says neither side will target the other.")
def target_physical(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "target" or trigger is None:
        return KEEP
    tok, obj = cand.tok, cand.obj
    near = {t.lemma_.lower() for t in tok.sent}
    physical = obj is not None and (obj.ent_type_ in ("GPE", "FAC", "LOC") or obj.lemma_.lower() in _PHYSICAL_TARGETS)
    subject = child(tok, "nsubjpass") if obj is None else None
    physical = physical or subject is not None and any(  # "US and coalition forces have been targeted"
        t.lemma_.lower() in _PHYSICAL_TARGETS for t in (subject, *(c for c in subject.children if c.dep_ == "conj")))
    return None if not physical and not near & _FORCE_WORDS else KEEP


@rule("sense.host-meet", "'bases hosting US troops', 'where the borders meet', 'meet the deadline', 'would be met "
      "with force': no talks.",
      "The base hosting US troops came under fire.")
def host_meet(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in ("host", "meet") or trigger is None or trigger.type != "CONSULT":
        return KEEP
    tok, obj = cand.tok, cand.obj
    subject = child(tok, "nsubj")
    obj_lemma = obj.lemma_.lower() if obj is not None else ""
    if tok.dep_ == "acl" or obj_lemma in _PHYSICAL_TARGETS or obj_lemma in _NOT_MEETERS or (
            subject is not None and subject.lemma_.lower() in _NOT_MEETERS):
        return None
    if any(c.dep_ == "auxpass" for c in tok.children) and prep_object(tok, ("with",)) is not None:
        return None  # "any retaliation would be met with far greater force": an answer, no talks
    return KEEP


@rule("sense.paused-funding", "Pausing or stopping funding, aid or ties is a sanction, not a retreat.",
      "The US paused new funding for UNRWA.")
def paused_funding(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    obj = cand.obj
    if cand.branch == "verb" and trigger is not None and trigger.type == "RETREAT" and obj is not None \
            and obj.lemma_.lower() in lx.SANCTION_OBJECTS and cand.lemma not in ("release", "free"):
        return lx.Trigger("SANCTION", 2)
    return KEEP


@rule("sense.noun-company", "Nouns that are events by their modifiers (lexicon.NOUN_COMPANY rows): 'rocket fire', "
      "'bombing campaign', 'a phone call'.",
      "Biden told Netanyahu in a phone call that the US would not join a counterstrike.")
def noun_company(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "noun":
        return KEEP
    return next((row.gives for row in _NOUN_COMPANY.get(cand.lemma, ()) if holds(row, cand.tok, None)), KEEP)


@rule("sense.agreement-noun", "An agreement noun is a new agreement only as what is reached, signed or brokered "
      "('a ceasefire reached on May 10'); "
      "'the ceasefire took hold' is a pause; 'under the deal', 'room for an agreement' tell none.",
      "The deal, brokered by Qatar, also lets hundreds of aid trucks into Gaza.")
def agreement_noun(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "noun" or trigger is None or not (
            trigger.type == "AGREE" and cand.lemma != "ceasefire" or cand.lemma in ("ceasefire", "truce")):
        return KEEP
    tok = cand.tok
    head = tok.head.lemma_.lower() if tok.head.i != tok.i else ""
    if tok.dep_ == "nsubj" and head in ("take", "come", "begin", "hold", "collapse", "end", "expire"):
        return lx.Trigger("RETREAT", 2) if head in ("take", "come", "begin") else None
    reached = any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _AGREEING
                  and not any(a.lower_ == "to" for a in c.children) for c in tok.children)  # not "room for a deal
    # to be reached"
    if reached and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return lx.Trigger("AGREE", 2)  # "a ceasefire reached on May 10", "the deal brokered by Qatar"
    if head not in _AGREEING or tok.dep_ not in ("dobj", "nsubjpass", "pobj"):
        return None
    return lx.Trigger("AGREE", 2)


@rule("sense.aid-noun", "Aid is an event when given, pledged or sent, aid 'to' someone, or an amount of it ('$14 "
      "billion in assistance'); not 'cut off the group's funding', 'the crossing through which most aid enters'.",
      "Jordanian aircraft dropped 20,000 meals over Gaza on Monday, the first airdrop of aid into the strip.")
def aid_noun(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "noun" or trigger is None or trigger.type != "AID":
        return KEEP
    tok = cand.tok
    head = tok.head.lemma_.lower() if tok.head.i != tok.i else ""
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if head in _STOPPING:
        return None
    amount = tok.dep_ == "pobj" and tok.head.lower_ in ("in", "of") and (
        tok.head.head.ent_type_ == "MONEY" or tok.head.head.like_num)  # "$14 billion in assistance"
    carried = cand.lemma == "airdrop" and (head in lx.LIGHT_VERBS or "of" in preps)  # "conducted an airdrop of food"
    if head not in _GIVING and not preps & {"to", "for", "from"} and not amount and not carried and not any(
            c.dep_ in ("poss", "nummod") for c in tok.children):
        return None
    return KEEP


@rule("sense.request-noun", "A request noun is an event when made or renewed, or a request 'for' something; not "
      "'fell short of its demands'.",
      "Israel said the offer fell far short of its demands.")
def request_noun(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "noun" or trigger is None or trigger.type != "REQUEST":
        return KEEP
    tok = cand.tok
    head = tok.head.lemma_.lower() if tok.head.i != tok.i else ""
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    return None if not preps & {"for", "to"} and head not in _ASKING else KEEP


@rule("sense.operation-military", "'operation' is force only as a military, ground or air operation, or one "
      "against someone.",
      "Britain provided intelligence support for the operation.")
def operation_military(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch == "noun" and cand.lemma == "operation" and not military_operation(cand.tok):
        return None
    return KEEP


@rule("sense.since-point", "'since the US strikes of 2 February': a point in time, not a new report; but an incident "
      "with a date of its own that no event told before has ('since the October 7 attack on Israel') is one.",
      "US jets struck militia sites on 2 February. No attacks have come since the US strikes of 2 February.")
def since_point(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch == "noun" and trigger is not None and (
            tok.head.lower_ == "since" or child(tok, "mark") is not None and child(tok, "mark").lower_ == "since"):
        return KEEP if new_dated_incident(tok, sc) else None
    return KEEP


def new_dated_incident(tok: Token, sc: Any) -> bool:
    """An event noun with a day or month of its own ("the October 7 attack") that no event read before has."""
    published = sc.dc.published
    for ent in own_dates(tok):
        if not any(t.like_num or t.lower_.rstrip(".") in _MONTHS for t in ent):
            continue  # a calendar date, not "the Saturday barrage" (a weekday names the story's own days)
        span = resolve_date(ent.text, published)
        if span is not None and span.precision in ("day", "month") and not any(
                e.date is not None and (e.date.start, e.date.end) == (span.start, span.end) for e in sc.dc.events):
            return True
    return False


_MONTHS = frozenset("january february march april may june july august september october november december jan feb "
                    "mar apr jun jul aug sep sept oct nov dec".split())


@rule("sense.re-mention-noun", "'Iraq condemned the attack', 'the killing will not go unpunished', 'it was the first "
      "attack': the event told before, named again.", "Iraq condemned the attack.")
def re_mention_noun(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch == "noun" and trigger is not None and (
            back_reference(tok) or tok.dep_ == "nsubj" and consequence(tok.head) or said_of_it(tok)):
        return None
    return KEEP


@rule("sense.part-of-retreat", "'suspend operations', 'attacks stopped', 'scale back strikes', 'a pause in fighting': "
      "part of the retreat or request, not an event of its own.",
      "The militia announced that it was suspending its operations against US troops.")
def part_of_retreat(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch == "noun" and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "of", "to") \
            and tok.head.head.lemma_.lower() in _PAUSES:
        return Stop(None)  # "a four-day pause in fighting", "an end to the strikes"
    if cand.branch != "noun" or trigger is None:
        return KEEP
    head_trigger = lx.VERB_TRIGGERS.get(tok.head.lemma_.lower())
    if tok.dep_ in ("dobj", "nsubj") and head_trigger and head_trigger.type in ("RETREAT", "REQUEST") \
            or tok.dep_ == "dobj" and tok.head.lemma_.lower() == "scale":
        return None

    return KEEP


@rule("sense.armed-fight", "Fighting words are force between armed parties or over a place: 'rebels battled "
      "troops', 'the battle for the town'; not 'the fight against corruption'.", "Rebels battled troops near Aleppo.")
def armed_fight_rule(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.lemma in lx.FIGHT_WORDS and tok.pos_ in ("VERB", "NOUN") and tok.dep_ not in ("compound", "amod") \
            and armed_fight(tok, sc.read.armed):
        return lx.Trigger("ASSAULT", 1)
    return KEEP


# --- helpers of the rules above and of the drop rules ------------------------------------------------------
def requested(tok: Token, requests: set[int]) -> bool:
    """A trigger inside what a REQUEST asks for ("urged them to halt attacks"): not an event of its own."""
    node = tok
    for _ in range(4):
        if node.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "prep", "conj") or node.head.i == node.i:
            return False
        if node.dep_ == "conj" and node.pos_ == "VERB" and node.head.i in requests:
            return False  # "demanded the Houthis halt attacks, designated the Houthis ...": an act of its own
        node = node.head
        if node.i in requests:
            return True
    return False


def back_reference(tok: Token) -> bool:
    """A bare definite noun ("the attack") as an object: a re-mention, unless its status is at stake.

    As a subject, "the designation takes effect" and "the raids were a violation" re-mention too."""
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "its", "their")
                   for c in tok.children)
    if tok.dep_ in ("nsubj", "nsubjpass") and definite and not any(
            c.dep_ in ("prep", "nummod", "compound", "amod") for c in tok.children):
        if tok.lemma_.lower() not in lx.ASSAULT_NOUNS:
            return True
        return tok.head.lemma_.lower() in ("be", "come", "follow", "take", "happen", "occur") \
            or tok.head.pos_ == "AUX"  # "The raid came a
        # day after ...": the raid already told
    if tok.dep_ not in ("dobj", "pobj") or any(c.dep_ not in ("det", "punct") for c in tok.children):
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children):
        return False
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            break
        head = head.head
    return head.lemma_.lower() not in lx.STATUS_HEADS and head.lemma_.lower() not in lx.LIGHT_VERBS

# Words of armed men: a party named with one of these fights with arms.
ARMED_WORDS = frozenset("force troop soldier fighter militant rebel insurgent militia militiaman army police "
                        "policeman guerrilla jihadist gunman extremist commando paratrooper marine".split())
# Modifiers that make a fight a contest of words, law or votes.
_NOT_ARMED_FIGHT = frozenset("legal court courtroom diplomatic political verbal electoral election uphill budget "
                             "custody rhetorical propaganda word trade ideological media campaign public "
                             "cultural bureaucratic procedural".split())
# Modifiers that make it armed whoever fights: "a gun battle", "pitched battles", "street fighting".
_ARMED_FIGHT = frozenset("gun armed street pitched ground physical deadly bloody fist tank".split())
_BATTLE_PLACES = frozenset("city town village camp base area district neighborhood neighbourhood enclave port "
                           "garrison territory province capital crossing airport compound stronghold road highway "
                           "border island valley hill ridge bridge countryside outskirts".split())


_QUARTERS = frozenset("north south east west northeast northwest southeast southwest".split())


def _place_of(tok: Token | None) -> bool:
    return tok is not None and (tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in _BATTLE_PLACES)


def _with_conjuncts(tok: Token | None) -> list[Token]:
    return [] if tok is None else [tok, *tok.conjuncts]


def armed_fight(tok: Token, armed: Callable[[Token], bool]) -> bool:
    """A fighting word that is armed combat: between armed parties ("clashes" need no such test: the
    word itself is force), or over, in or for a place. ``armed`` tells whether a party token is armed men."""
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "advmod")}
    if mods & _NOT_ARMED_FIGHT:
        return False
    if tok.pos_ == "VERB":
        if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False  # "deployed to fight the group": a purpose, not a fight told
        subject = child(tok, "nsubj")
        if subject is None and tok.dep_ in ("acl", "relcl"):
            subject = tok.head  # "rebel factions battling to retain the towns"
        obj = child(tok, "dobj") or prep_object(tok, ("against",))  # "fought with X" may be on X's side
        if obj is not None and not any(armed(o) or _place_of(o) or o.ent_type_ in ("ORG", "NORP", "GPE")
                                       for o in _with_conjuncts(obj)):
            return False  # "fight corruption", "battled cancer"
        if any(armed(p) for p in _with_conjuncts(subject) + _with_conjuncts(obj)):
            return True
        return _place_of(prep_object(tok, ("for", "over"))) and subject is not None and subject.ent_type_ in (
            "ORG", "NORP", "GPE")  # "the Kurds fought for the town"
    if tok.lemma_.lower() in ("skirmish", "altercation", "shootout", "gunbattle") or mods & _ARMED_FIGHT:
        return True
    between = prep_object(tok, ("between", "with", "involving"))
    if any(armed(p) for p in _with_conjuncts(between)):
        return True
    prize = prep_object(tok, ("for", "of", "over"))
    if _place_of(prize) or any(c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC") for c in tok.children):
        return True  # "the battle for Mosul", "the Mosul fight"
    if prize is not None or prep_object(tok, ("against",)) is not None:
        return False  # "a battle for votes in Ohio", "the fight against terrorism in Europe"
    wheres = [c for c in tok.children if c.dep_ == "advmod" and c.lower_ in _QUARTERS]  # "north of Aleppo"
    wheres += [w for w in [prep_object(tok, ("in", "near", "around", "outside", "at"))] if w is not None]
    return any(_place_of(w) or any(t.ent_type_ in ("GPE", "LOC") for t in w.subtree) for w in wheres)


# Things whose burning is no use of force on anyone: "set fire to dry brush", "set an effigy ablaze".
_BURNABLE = frozenset("brush grass field forest crop straw stubble leaf wood rubbish trash garbage tyre tire effigy "
                      "flag poster picture portrait photo book candle bonfire barricade".split())


def arson(tok: Token) -> bool:
    """ "Set fire to the embassy", "set two cars on fire", "set the shop ablaze": arson, a use of force.

    "set fire(s) to" is read from the words, as the parser often takes "set" for a noun there."""
    doc, i = tok.doc, tok.i
    if i + 2 < len(doc) and doc[i + 1].lemma_.lower() == "fire" and doc[i + 2].lower_ in ("to", "on"):
        burnt = child(doc[i + 2], "pobj")
    elif tok.pos_ != "VERB":
        return False
    else:
        on = prep_object(tok, ("on",))
        ablaze = next((c for c in tok.children if c.lower_ in ("ablaze", "alight")), None)
        if on is not None and on.lemma_.lower() == "fire" or ablaze is not None:
            burnt = child(tok, "dobj") or (child(ablaze, "compound", "nsubj", "dobj") if ablaze is not None else None)
        else:
            return False
    return burnt is not None and not any(t.lemma_.lower() in _BURNABLE for t in burnt.subtree
                                         if t.i <= burnt.i or t.dep_ == "compound")  # "a paper flag"


def military_operation(tok: Token) -> bool:
    mods = {c.lemma_.lower() for c in tok.children}
    return bool(mods & {"military", "ground", "air", "combat", "offensive", "against"})


"""Force rules: uses of force as US-government and wire texts tell them (issue 11).

Every use of force is an ASSAULT event; these rules read the ways official texts tell one that the general
rules miss, and keep each incident of a sentence apart from the others:

- senses: a weapon "launched" or "fired" told in the passive ("missiles launched by Iran toward Israel"),
  "engaged and destroyed several weapon systems", a place taken by armed men ("taking Aleppo", "took over
  the train"), "the death of three soldiers", "launched Operation Long Arm";
- groups: an incident a sentence names inside another event's phrase ("following the Jan. 15 attack on the
  M/V Gibraltar Eagle, US forces struck ...", "since the October 7 attack", "the attack on the train and
  the hostage-taking of passengers") is an event of its own, and its words are no other event's;
- parties: merchant ships and their crews are civilians of no country; "three of the ASBMs" were fired by
  whoever fired the ASBMs; "the operation did not target ..." is the operation's actor's;
- more: one event per day of a listed series ("strikes on January 11, January 22 and February 3") and per
  named target of a counted one ("struck two ships, the M/V Tutor ... and the M/V Verbena").

Rules in this module run after those of the general modules of the same stage (``extract/rules.py``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.tokens import Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.context import EventContext, SentenceContext
from proxywatch.extract.dates import listed_dates, names_the_next, offset_date, resolve_date
from proxywatch.extract.doccache import sent_ents
from proxywatch.extract.engine import KEEP, rule
from proxywatch.extract.groups import Groups
from proxywatch.extract.mentions import subject_before
from proxywatch.extract.senses import Candidate
from proxywatch.extract.syntax import child, counted_thing, incident_words, own_dates, prep_object
from proxywatch.extract.timing import REASON_NOUNS
from proxywatch.records import Event, Party, Place, event_id
from proxywatch.resolve.parties import KIND_NOUNS

__all__ = ["incident_apart", "merchant_ship"]

_DEFINITE = frozenset("the this that these those".split())
_LAUNCHING = frozenset("launch fire".split())
# Objects whose engagement is a use of force: "engaged a hostile target", "engaged ... several weapon systems".
_HOSTILE = lx.WEAPON_NOUNS | frozenset(lx.MODE_WORDS) | frozenset(
    "target threat aircraft boat vessel launcher militant fighter system tank".split())
_ENDING = frozenset("destroy strike hit down eliminate neutralize neutralise defeat".split())
# What armed men take by force: places, and the vehicles and buildings they seize.
_TAKEN = frozenset("city town village camp base area district neighborhood neighbourhood port garrison territory "
                   "province capital crossing airport compound stronghold road highway border island valley hill "
                   "ridge bridge train bus plane aircraft ship vessel hotel building school hospital station "
                   "embassy checkpoint outpost position".split())
_ARMED_KINDS = frozenset({"armed_group", "military"})
_ADVANCES = frozenset("advance gain push offensive assault incursion".split())
# People whose deaths, named with a count, are a use of force in news of conflict.
_VICTIMS = frozenset("soldier troop servicemember serviceman member personnel marine sailor airman civilian "
                     "people person child woman man officer fighter militant worker guard policeman".split())
_NOT_FORCE_DEATH = frozenset("disease illness cancer accident crash storm flood earthquake heat cholera virus "
                             "covid famine starvation drowning natural".split())
_NOT_OPERATIONS = frozenset("initiative coalition mission effort programme program partnership exercise".split())
# Prepositions after which an event noun names an incident before or beside the clause's own.
_EARLIER = frozenset("following after before since amid".split())
_INCLUDING = frozenset("include including like".split())
_MERCHANT = re.compile(r"^(?:the\s+)?(?:M/[VT]|MV|MT|M\.V\.)\s", re.IGNORECASE)
# Ships that are merchant ships by their very name, and the words that make a ship or vessel one.
_MERCHANT_NOUNS = frozenset("tanker freighter bulker containership".split())
_SHIP_NOUNS = frozenset("ship vessel carrier".split())
_MERCHANT_CUES = frozenset("cargo bulk container merchant commercial civilian flag flagged owned operated "
                           "shipping".split())
_NAVY = frozenset("navy naval warship destroyer frigate cruiser uss hms coast guard".split())


# --- sense -----------------------------------------------------------------------------------------------------
def _weapon(tok: Token | None) -> bool:
    return tok is not None and (tok.lemma_.lower() in lx.WEAPON_NOUNS or tok.lower_ in lx.MODE_WORDS
                                and lx.MODE_WORDS[tok.lower_] in ("missile", "rocket", "drone", "artillery"))


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and (c.lower_ in _DEFINITE or c.dep_ == "poss") for c in tok.children)


@rule("sense.weapon-launched", "A weapon 'launched' or 'fired' told in the passive or as a participle is the attack "
      "itself: 'missiles launched by Iran toward Israel', 'mortars were fired toward US forces'; not 'the missiles "
      "launched' (told before).", "The destroyer shot down several drones that were launched by Houthi forces.")
def weapon_launched(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in _LAUNCHING or cand.obj is not None or trigger is not None:
        return KEEP
    tok = cand.tok
    weapon = child(tok, "nsubjpass")
    if weapon is not None and weapon.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
        weapon = tok.head  # "drones that were launched by ..."
    elif weapon is None and tok.dep_ == "acl" and tok.tag_ == "VBN":
        weapon = tok.head  # "missiles launched by Iran toward Israel"
    if not _weapon(weapon) or _definite(weapon):
        return KEEP
    return lx.Trigger("ASSAULT", 2)


@rule("sense.engage-shared-object", "'engaged and destroyed several weapon systems': engaging what the next verb "
      "destroys is force.", "US forces engaged and destroyed several weapon systems near the base.")
def engage_shared_object(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "engage" or trigger is not None or cand.obj is not None:
        return KEEP
    conj = child(cand.tok, "conj")
    obj = child(conj, "dobj") if conj is not None and conj.lemma_.lower() in _ENDING else None
    if obj is not None and (obj.lemma_.lower() in _HOSTILE or any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in _HOSTILE | {"hostile", "enemy"}
            for c in obj.children)):
        return lx.Trigger("ASSAULT", 2)
    return KEEP


def _armed_doer(tok: Token, sc: Any) -> bool:
    """Whether the one doing ``tok`` (its subject, or that of the clause it hangs on) is armed."""
    day = sc.dc.published.isoformat() if sc.dc.published else None
    head = tok
    for _ in range(3):
        obj = child(head, "dobj")
        if head.i != tok.i and obj is not None and obj.lemma_.lower() in _ADVANCES:
            return True  # "made rapid advances, taking Aleppo"
        subject = child(head, "nsubj")
        if subject is not None:
            party = sc.party(subject, day)
            return sc.read.armed(subject) or party is not None and party.kind in _ARMED_KINDS
        if head.dep_ not in ("advcl", "conj", "xcomp") or head.head.i == head.i:
            return False
        head = head.head
    return False


@rule("sense.capture-place", "A place, building or vehicle taken or captured by armed men is taken by force: 'made "
      "rapid advances, taking Aleppo', 'militants took over the train'; not 'took the stage'.",
      "Rebel forces made rapid advances, taking Aleppo.")
def capture_place(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in ("take", "capture") or trigger is not None:
        return KEEP
    tok = cand.tok
    if any(c.dep_ == "prt" and c.lower_ != "over" for c in tok.children):
        return KEEP  # "took up positions", "took part"
    obj = cand.obj or prep_object(tok, ("over",))
    if obj is None or not (obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in _TAKEN or obj.pos_ == "PROPN"
                           and getattr(sc.kb.gazetteer.lookup(obj.text), "precision", None) in ("site", "city")):
        return KEEP
    if obj.ent_type_ == "GPE" and obj.lemma_.lower() not in _TAKEN and sc.kb.gazetteer.country_code(
            obj.text, demonyms=False) and cand.lemma == "take":
        return KEEP  # "took Israel to court": a state, not a place taken
    return lx.Trigger("ASSAULT", 2) if _armed_doer(tok, sc) else KEEP


@rule("sense.death-of-victims", "'the death of three U.S. service members on Sunday in Jordan': counted deaths of "
      "soldiers or civilians tell a use of force (a weak trigger that joins the sentence's attack); not deaths from "
      "illness or accident.", "The president mourned the death of three U.S. service members on Sunday in Jordan.")
def death_of_victims(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "noun" or cand.lemma != "death" or trigger is not None:
        return KEEP
    victims = prep_object(cand.tok, ("of",))
    if victims is None or victims.lemma_.lower() not in _VICTIMS or not any(
            c.dep_ == "nummod" or c.pos_ == "NUM" for c in victims.subtree):
        return KEEP
    if any(t.lemma_.lower() in _NOT_FORCE_DEATH for t in cand.tok.sent):
        return KEEP
    return lx.Trigger("ASSAULT", 1)


@rule("sense.launched-operation", "'Israel launched Operation Long Arm': a named military operation launched is a use "
      "of force; not an initiative or coalition ('launched Operation X, a multinational initiative').",
      "On July 20, Israel launched Operation Long Arm against the port.")
def launched_operation(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in ("launch", "begin", "start") or trigger is not None:
        return KEEP
    obj = cand.obj
    if obj is None or obj.pos_ != "PROPN":
        return KEEP
    words = [t for t in obj.subtree if t.i <= obj.i]
    if not words or words[0].lower_ == "the" and len(words) > 1:
        words = words[1:]
    if not words or words[0].lower_ != "operation":
        return KEEP
    if any(c.dep_ == "appos" and c.lemma_.lower() in _NOT_OPERATIONS for c in obj.children):
        return KEEP
    return lx.Trigger("ASSAULT", 2)


@rule("sense.engaged-state", "'Fighters are already engaged in the battle': being engaged in a fight is a state; "
      "'the two sides engaged in a major exchange of fire' tells one.",
      "Nusra fighters are already engaged in the battle for the town.")
def engaged_state(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    tok = cand.tok
    if cand.branch == "verb" and cand.lemma == "engage" and trigger is not None and tok.tag_ == "VBN" and (
            tok.dep_ == "acomp" or any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "be" for c in tok.children)):
        return None
    return KEEP


@rule("sense.hostages-held", "'hostages held by Hamas', 'children held hostage in the enclave': people described as held "
      "are a state of things, not a new abduction ('militants were holding hostages' is one).",
      "The truce would free 50 children held hostage in the enclave.")
def hostages_held(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma != "hold" or trigger is None or trigger.type != "ASSAULT":
        return KEEP
    subject = child(cand.tok, "nsubj")
    if subject is None or subject.pos_ == "NOUN" and KIND_NOUNS.get(subject.lemma_.lower()) not in _ARMED_KINDS \
            and not sc.read.armed(subject):
        return None  # no armed holder named: people described as held ("twenty women held hostage")
    return KEEP


@rule("sense.launched-salvo", "'Launched a wave of drones', 'fired dozens of rockets': a launch whose object gathers "
      "weapons is an attack, as 'launched drones' is; not 'launched a wave of arrests'.",
      "The Houthis launched a wave of drones toward the Red Sea on Saturday.")
def launched_salvo(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in _LAUNCHING or cand.obj is None \
            or trigger is not None and trigger.type == "ASSAULT":
        return KEEP
    thing = counted_thing(cand.obj)
    return lx.Trigger("ASSAULT", 2) if thing is not cand.obj and _weapon(thing) else KEEP


# Verbs whose object, a weapon or a craft of war, is hit by force: "destroyed two Houthi UAVs", "intercepted a missile".
_WRECKING = frozenset("destroy eliminate intercept down".split())
# What flies and is shot at: what "intercepted" and "downed" take.
_FLYING = frozenset("missile rocket drone uav uas projectile aircraft jet helicopter plane barrage salvo volley "
                    "asbm ascm warplane".split())
# Weapons, craft and war sites that "destroyed" takes as a use of force ("launcher", "radar", "weapons depot").
_WAR_THINGS = _FLYING | lx.WEAPON_NOUNS | frozenset("launcher radar usv boat tank bunker tunnel".split())
_UNCREWED = frozenset("unmanned uncrewed aerial surface underwater explosive".split())
_SITE_NOUNS = frozenset("site system facility depot location position storage".split())
# What wrecks without force: "floods destroyed two bridges", "the fire destroyed a boat".
_NATURAL = _NOT_FORCE_DEATH | frozenset("fire blaze flooding rain wind quake explosion".split())


def _war_thing(obj: Token, things: frozenset[str]) -> bool:
    lemma = obj.lemma_.lower()
    mods = {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod", "nmod")}
    if lemma in things or obj.lower_ in things:
        return True
    return lemma in _SITE_NOUNS | things and bool(mods & (_WAR_THINGS | {"weapon", "launch", "military", "air"})) \
        or bool(mods & (_FLYING | _UNCREWED)) and lemma in ("system", "vehicle", "craft", "vessel")  # "missile
    # systems", "unmanned aerial vehicles", "uncrewed surface vessels"


@rule("sense.weapon-destroyed", "Destroying, intercepting or downing weapons, launchers and war craft is a use of "
      "force: 'destroyed two Houthi UAVs in Yemen', 'intercepted two missiles', 'the drones were downed'; not "
      "'floods destroyed two bridges' or 'intercepted a shipment'.",
      "On Saturday, US forces destroyed two Houthi drones in Houthi-controlled areas of Yemen.")
def weapon_destroyed(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in _WRECKING or trigger is not None:
        return KEEP
    tok = cand.tok
    obj = cand.obj or child(tok, "nsubjpass")
    if obj is None:
        return KEEP
    things = _FLYING if cand.lemma in ("intercept", "down") else _WAR_THINGS
    if not any(_war_thing(counted_thing(o), things) for o in (obj, *obj.conjuncts)):
        return KEEP
    agent = child(tok, "agent")
    subject = child(tok, "nsubj") or (child(agent, "pobj") if agent is not None else None)
    if subject is not None and subject.lemma_.lower() in _NATURAL:
        return KEEP
    return lx.Trigger("ASSAULT", 2)


# --- group -----------------------------------------------------------------------------------------------------
def _args(tok: Token) -> set[str]:
    """The prepositions and possessor that give an event noun its own parties or place."""
    return {c.lower_ for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "by", "of", "in",
                                                                                   "at", "into", "near")} | (
        {"poss"} if child(tok, "poss") is not None else set())


def _in_reason(tok: Token) -> bool:
    """The X of "in retaliation for X" / "in response to X"."""
    prep = tok.head if tok.dep_ == "pobj" else None
    reason = prep.head if prep is not None else None
    return reason is not None and reason.lemma_.lower() in REASON_NOUNS and reason.dep_ == "pobj" \
        and reason.head.lower_ in ("in", "as")


def _after_date(tok: Token) -> bool:
    """A date of the noun's own, right after "since", "after", "following" ("since the October 7 attack")."""
    doc, first = tok.doc, tok.sent.start
    for ent in own_dates(tok):
        if not (ent.end <= tok.i or ent.root.head.i == tok.i or ent.root.head.head.i == tok.i):
            continue  # a date of the noun itself, not of a phrase under it ("an attack the day after the assault")
        k = ent.start - 1
        if k > first and doc[k].lower_ == "the":
            k -= 1
        if k >= first and doc[k].lower_ in _EARLIER or any(t.lower_ in _EARLIER for t in ent):
            return True  # "since the October 7 attack"; "the day after the June 3, 2024 bombing" tagged as one date
    return False


def incident_apart(tok: Token, hits: list[Any]) -> bool:
    """An event noun naming an incident of its own inside a sentence that tells another: after "following",
    "since", "after", inside a reason phrase, inside another event noun's phrase ("retaliation to Iran's October
    1 attack"), or one of two conjoined incidents each with its own parties."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lx.ASSAULT_NOUNS and not (
            tok.lower_ == "taking" and any(c.lower_ == "hostage" for c in tok.children)):
        return False
    others = [h.token for h in hits if h.trigger.type == "ASSAULT" and h.token.i != tok.i]
    if not others:
        return False
    if _after_date(tok):
        return True  # "since the October 7, 2023 Hamas attacks" however the parser hung it
    if tok.dep_ == "pobj" and (tok.head.lower_ in _EARLIER or _in_reason(tok)):
        return bool(own_dates(tok)) or _deadly(tok)  # "following the Jan. 15 attack", "in response to the drone
        # attack that killed three American soldiers"; not "in response to the rocket attack" (told)
    if tok.dep_ == "pobj" and tok.head.head.pos_ == "NOUN" and tok.head.head.lemma_.lower() in lx.ASSAULT_NOUNS:
        return bool(own_dates(tok)) or child(tok, "poss") is not None  # "retaliation to Iran's October 1 attack"
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _INCLUDING:
        return bool(own_dates(tok))  # "continuing attacks, to include the attack in northeastern Jordan on January 28th"
    conj = tok.head if tok.dep_ == "conj" else child(tok, "conj")
    if conj is not None and conj.pos_ == "NOUN" and any(o.i == conj.i for o in others):
        return bool(_args(tok)) and bool(_args(conj)) or bool(own_dates(tok)) and bool(own_dates(conj))
    return False


def _deadly(tok: Token) -> bool:
    """An attack named by the toll it took: "the drone attack that killed three American soldiers"."""
    for clause in tok.children:
        if clause.dep_ == "relcl" and clause.lemma_.lower() in lx.FATAL_VERBS | lx.INJURY_VERBS:
            victims = child(clause, "dobj") or child(clause, "nsubjpass")
            if victims is not None and any(c.dep_ == "nummod" for c in counted_thing(victims).children):
                return True
    return False


def _counted_phrase(tok: Token) -> Token:
    """The head of a counted phrase: "dozens" of "dozens of attacks", "wave" of "a wave of airstrikes"."""
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "NUM") \
            and tok.head.head.lemma_.lower() not in lx.ASSAULT_NOUNS:
        tok = tok.head.head
    return tok


@rule("group.incident-apart", "An incident a sentence names beside its own event is an event of its own: 'following "
      "the Jan. 15 attack on the M/V Gibraltar Eagle, US forces struck ...', 'since the October 7 attack', 'the "
      "attack on the train, and the hostage-taking of passengers'.",
      "Following the Jan. 15 attack on the M/V Gibraltar Eagle, U.S. forces struck four Houthi missiles on Jan. 16.")
def incident_apart_rule(groups: Groups, sc: SentenceContext) -> Groups:
    counted = {hits[0].token.i for key, hits in groups.items() if key[1] < 0 and len(hits) == 1
               and hits[0].token.pos_ == "NOUN" and _counted_phrase(hits[0].token).dep_ == "pobj"}  # counts told apart
    # (group.counts-apart) inside another event's phrase: "... amid the over 200 attacks reported since October"
    apart = [h for h in sc.hits if h.token.i not in counted and incident_apart(h.token, sc.hits)]
    sc.apart, sc.counted = counted | {h.token.i for h in apart}, counted
    return _on_their_own(groups, apart)


def _on_their_own(groups: Groups, alone: list[Any]) -> Groups:
    """The groups with each of these hits taken out into a group (an event) of its own."""
    if not alone:
        return groups
    ids = {h.token.i for h in alone}
    out: Groups = {}
    for key, hits in groups.items():
        kept = [h for h in hits if h.token.i not in ids]
        if kept:
            out[key] = kept
    for hit in alone:
        out[(hit.trigger.type, -1 - hit.token.i)] = [hit]
    return out


def _hit_thing(weapon: Token, hits: list[Any]) -> bool:
    """Whether a weapon is what another act of force hit: its object ("shot down two drones and a missile")."""
    top = weapon
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
        top = top.head
    return top.dep_ in ("dobj", "nsubjpass") and any(
        o.trigger.type == "ASSAULT" and o.token.i == top.head.i for o in hits)


_ORDINALS = frozenset("first second third fourth fifth sixth last another other remaining".split())


def _told_launch(launch: Token, sc: SentenceContext) -> bool:
    """Whether a launch names weapons of a salvo told before: "a third missile fired by the Houthis", "the missile
    fired by the Houthis", or a launcher whose attack an earlier sentence told."""
    weapon = launch.head
    if any(c.dep_ in ("amod", "det") and c.lower_ in _ORDINALS | _DEFINITE for c in weapon.children):
        return True
    who = child(child(launch, "agent"), "pobj")
    name = who.text.lower() if who is not None else ""
    return bool(name) and any(e.type == "ASSAULT" and e.actor is not None and name in e.actor.text.lower()
                              and e.evidence.text != sc.sent.text for e in sc.dc.events)


@rule("group.launch-apart", "Weapons 'fired by X' or 'launched by X' that another act of force hit ('shot down 18 "
      "drones and a missile fired by the Houthis') tell the launch, an incident of its own: two events.",
      "US warships shot down two drones and a cruise missile fired by the Houthis over the Red Sea on Tuesday.")
def launch_apart(groups: Groups, sc: SentenceContext) -> Groups:
    launches = [h for h in sc.hits if h.trigger.type == "ASSAULT" and h.token.pos_ == "VERB"
                and h.token.lemma_.lower() in _LAUNCHING and h.token.dep_ == "acl" and child(h.token, "agent")
                and _weapon(h.token.head) and _hit_thing(h.token.head, sc.hits) and not _told_launch(h.token, sc)]
    return _on_their_own(groups, launches)


# --- refine ----------------------------------------------------------------------------------------------------
def merchant_ship(tok: Token | None) -> bool:
    """A merchant ship or its crew: "M/V Star Nasia", "the Greek ship", "a Liberian-flagged bulk carrier"; not a
    warship ("USS Carney", "a navy destroyer")."""
    if tok is None:
        return False
    words = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("compound", "flat")]
    text = tok.doc[words[0].i: words[-1].i + 1].text if words else tok.text
    if any(t.lower_ in _NAVY for t in words):
        return False
    if _MERCHANT.match(text) or tok.lemma_.lower() in _MERCHANT_NOUNS:
        return True
    if tok.lemma_.lower() in _SHIP_NOUNS and _merchant_cue(tok):
        return True
    appos = child(tok, "appos")
    return appos is not None and (appos.lemma_.lower() in _MERCHANT_NOUNS or appos.lemma_.lower() in _SHIP_NOUNS
                                  and _merchant_cue(appos)) and not any(t.lower_ in _NAVY for t in appos.subtree)


def _merchant_cue(tok: Token) -> bool:
    """ "a Liberian-flagged bulk carrier", "commercial vessels", "the Greek ship that caught fire"."""
    return any(t.lemma_.lower() in _MERCHANT_CUES or t.lower_.endswith(("-flagged", "-owned")) or t.ent_type_ == "NORP"
               and t.i < tok.i for t in tok.subtree if t.i <= tok.i)


@rule("refine.merchant-ship", "A merchant ship or its crew attacked is civilians of no country (flag, owner and "
      "operator states differ): 'struck the M/V Trans World Navigator, a Liberian-flagged bulk carrier'.",
      "Houthi militants struck the M/V Trans World Navigator, a Liberian-flagged bulk carrier.")
def merchant_ship_rule(event: Event, ec: EventContext) -> Event:
    target_tok = ec.target_tok
    if target_tok is not None and target_tok.pos_ == "PRON":
        target_tok = subject_before(target_tok)  # "M/V Zografia reported they were struck"
    if event.type != "ASSAULT" or target_tok is None or not merchant_ship(target_tok):
        return event
    target = event.target
    if target is not None and target.kind == "civilians" and target.country is None:
        return event
    text = target.text if target is not None else ec.target_tok.text
    return replace(event, target=Party(text=text, kind="civilians"))


def _earlier_actor(ec: EventContext, accept: Any) -> Party | None:
    """The actor of the newest attack read before whose record ``accept`` takes."""
    for earlier in reversed(ec.dc.events):
        if earlier.type == "ASSAULT" and earlier.actor is not None and (earlier.actor.country or earlier.actor.id) \
                and accept(earlier):
            return earlier.actor
    return None


@rule("refine.weapon-anaphor", "'Three of the ASBMs were attempting to hit M/V Star Nasia': weapons named again were "
      "fired by whoever fired them in the attack told before.",
      "Houthi militants fired six anti-ship ballistic missiles. Three of the missiles were attempting to hit a ship.")
def weapon_anaphor(event: Event, ec: EventContext) -> Event:
    if event.type != "ASSAULT" or event.actor is not None and (event.actor.country or event.actor.kind):
        return event
    subject = child(ec.tok, "nsubj") or child(ec.tok, "nsubjpass")
    if subject is None and ec.tok.dep_ == "xcomp":
        subject = child(ec.tok.head, "nsubj")  # "were attempting to hit"
    weapon = prep_object(subject, ("of",)) if subject is not None and subject.pos_ == "NUM" else subject
    if weapon is None or not _weapon(weapon) or not (_definite(weapon) or weapon.lemma_.lower() in (
            "asbm", "ascm")):
        return event
    words = {weapon.lemma_.lower(), weapon.lower_}
    mode = lx.MODE_WORDS.get(weapon.lower_) or lx.MODE_WORDS.get(weapon.lemma_.lower())
    actor = _earlier_actor(ec, lambda e: bool(words & set(re.findall(r"[a-z0-9-]+", e.evidence.text.lower())))
                           or mode is not None and e.mode == mode)
    if actor is None:
        return event
    return replace(event, actor=replace(actor, text=ec.sent.doc[subject.left_edge.i: subject.right_edge.i + 1].text))


@rule("refine.event-anaphor", "'The operation did not target Iranian troops': an attack named again ('the operation', "
      "'the strike') as the doer was done by the actor of the attack told before.",
      "US forces struck three sites in Iran. The operation did not target Iranian troops.")
def event_anaphor(event: Event, ec: EventContext) -> Event:
    actor_tok = ec.actor_tok
    if event.type != "ASSAULT" or event.actor is not None and (event.actor.country or event.actor.kind) \
            or actor_tok is None or actor_tok.lemma_.lower() not in lx.ASSAULT_NOUNS or not _definite(actor_tok) \
            or child(actor_tok, "poss") is not None:
        return event
    actor = _earlier_actor(ec, lambda e: True)
    return replace(event, actor=replace(actor, text=actor_tok.text)) if actor is not None else event


# --- more ------------------------------------------------------------------------------------------------------
@rule("more.one-per-date", "A use of force on a listed series of days is one event per day: 'joint strikes on "
      "January 11, January 22, February 3, and February 24' are four.",
      "On January 11, January 22 and February 3, the allies conducted joint strikes on Houthi targets in Yemen.")
def one_per_date(event: Event, ec: EventContext) -> list[Event]:
    if event.type != "ASSAULT" or event.aggregate is not None:
        return []
    days = _listed_days(ec, event)
    return [replace(event, id=event_id(ec.dc.article.id, event.evidence, event.type, ec.ordinal + n), date=day,
                    fatalities=None, injuries=None) for n, day in enumerate(days[1:], start=1)]


def _named_targets(tok: Token) -> list[Token]:
    """The named members of a counted target: "two different cargo ships, the M/V Tutor, ..., and the M/V
    Verbena" → Tutor, Verbena (read from the names after the count)."""
    count = next((c for c in tok.children if c.dep_ == "nummod"), None)
    if count is None or not count.like_num:
        return []
    from proxywatch.extract.numbers import parse_count
    n = parse_count(count.text)
    if n is None or n.min != n.max or not 2 <= n.min <= 6:
        return []
    names: list[Token] = []
    sent = tok.sent
    i = tok.i + 1
    while i < sent.end:
        t = sent.doc[i]
        if t.text.upper() in ("M/V", "MV", "M/T", "MT") or (t.text == "M" and i + 2 < sent.end
                                                          and sent.doc[i + 1].text == "/"):
            j = i + (3 if t.text == "M" else 1)
            while j < sent.end and sent.doc[j].pos_ == "PROPN" or j < sent.end and sent.doc[j].text.isupper() \
                    and sent.doc[j].is_alpha:
                j += 1
            if j > i + (3 if t.text == "M" else 1):
                names.append(sent.doc[j - 1])
            i = j
            continue
        i += 1
    if len(names) == n.min:
        return names
    appos = child(tok, "appos")
    listed = [appos, *appos.conjuncts] if appos is not None and appos.pos_ == "PROPN" else []
    return listed if len(listed) == n.min else []


def _target_party(ec: EventContext, tok: Token, day: str | None) -> Party | None:
    found = ec.party(tok, day)
    if merchant_ship(ec.target_tok) or merchant_ship(tok):
        return Party(text=found.text if found is not None else tok.text, kind="civilians")
    return found


@rule("refine.first-named-target", "A use of force on a counted set of named targets ('struck two cargo ships, the M/V "
      "Tutor and the M/V Verbena') is first an attack on the first of them (more.one-per-target tells the others).",
      "Last week the Houthis struck two cargo ships, the M/V Tutor and the M/V Verbena.")
def first_named_target(event: Event, ec: EventContext) -> Event:
    names = _named_targets(ec.target_tok) if event.type == "ASSAULT" and ec.target_tok is not None else []
    return replace(event, target=_target_party(ec, names[0], ec.day(event))) if names else event


@rule("more.one-per-target", "A use of force on a counted set of named targets is one event per target: 'struck two "
      "cargo ships, the M/V Tutor and the M/V Verbena' are two attacks, each on its ship.",
      "Last week the Houthis struck two cargo ships, the M/V Tutor and the M/V Verbena.")
def one_per_target(event: Event, ec: EventContext) -> list[Event]:
    target_tok = ec.target_tok
    if event.type != "ASSAULT" or event.aggregate is not None or target_tok is None:
        return []
    names = _named_targets(target_tok)
    day = ec.day(event)
    return [replace(event, id=event_id(ec.dc.article.id, event.evidence, event.type, ec.ordinal + n),
                    target=_target_party(ec, name, day)) for n, name in enumerate(names[1:], start=1)]


# --- drop ------------------------------------------------------------------------------------------------------
_NAMING = frozenset("characterize characterise describe call label term brand dub deem".split())


@rule("drop.victims-named", "'One of the injured', 'the dead were buried': the victims of an attack named by what "
      "befell them are no new attack.", "A rocket hit the base on Monday. One of the injured was flown to Germany.")
def victims_named(hit: Any, sc: SentenceContext) -> bool:
    tok = hit.token
    return hit.trigger.type == "ASSAULT" and tok.lemma_.lower() in lx.FATAL_VERBS | lx.INJURY_VERBS | {"dead"} \
        and tok.tag_ in ("VBN", "JJ") and tok.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj", "conj") \
        and any(c.dep_ == "det" and c.lower_ in ("the", "those") for c in tok.children)


@rule("drop.characterized-as", "'The operation, which Israel characterized as a retaliatory strike': an event noun "
      "naming what something was called is no event of its own.",
      "The operation, which Israel characterized as a retaliatory strike, hit fuel depots.")
def characterized_as(hit: Any, sc: SentenceContext) -> bool:
    tok = hit.token
    if hit.trigger.type != "ASSAULT" or tok.pos_ != "NOUN":
        return False
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "as" else tok.head if tok.dep_ in (
        "oprd", "xcomp", "attr") else None
    return head is not None and head.lemma_.lower() in _NAMING and head.dep_ == "relcl"  # not "carried out what
    # the Pentagon described as proportionate strikes": there the strikes are the deed


# --- more groups -----------------------------------------------------------------------------------------------
def _group_of(groups: Groups, tok: Token) -> tuple[str, int] | None:
    return next((key for key, hits in groups.items() if any(h.token.i == tok.i for h in hits)), None)


@rule("group.operation-parts", "What a named operation or attack did, told in its 'in which ...' clause ('launched "
      "Operation Long Arm, in which aircraft flew ... to strike the port'), or what one side of a fight did ('clashes "
      "between the police, who fired tear gas, and protesters'), is that operation or fight, not a second event.",
      "On July 20, Israel launched Operation Long Arm, in which aircraft flew from their bases to strike the port.")
def operation_parts(groups: Groups, sc: SentenceContext) -> Groups:
    out = {key: list(hits) for key, hits in groups.items()}
    for key, hits in list(out.items()):
        if key[0] != "ASSAULT" or key not in out:
            continue
        clause = next((a for a in (hits[0].token, *hits[0].token.ancestors) if a.dep_ == "relcl"), None)
        if clause is None:
            continue
        owner = clause.head
        course = any(c.dep_ == "prep" and child(c, "pobj") is not None and child(c, "pobj").lower_ == "which"
                     for c in clause.children)  # "in which", "during which": the operation's own course
        side = child(clause, "nsubj") is not None and child(clause, "nsubj").tag_ in ("WP", "WDT") \
            and owner.dep_ == "pobj" and owner.head.lower_ in ("between", "with") and owner.head.head.pos_ == "NOUN" \
            and owner.head.head.lemma_.lower() in lx.ASSAULT_NOUNS  # "skirmishes between the police, who fired
        # tear gas, and the protesters": what one side did in the fight
        if course:
            event = owner if owner.pos_ == "NOUN" and owner.lemma_.lower() in lx.ASSAULT_NOUNS else owner.head \
                if owner.dep_ == "dobj" else None
        elif side:
            event = owner.head.head
        else:
            continue
        into = _group_of(out, event) if event is not None else None
        if into is not None and into != key and into[0] == "ASSAULT":
            out[into].extend(out.pop(key))
    return out


def _own_date_child(verb: Token) -> bool:
    return any(t.ent_type_ == "DATE" for c in verb.children if c.dep_ in ("prep", "npadvmod", "tmod")
               for t in c.subtree)


@rule("group.dated-conjuncts", "Conjoined uses of force on different dates are events each: 'landed major blows "
      "against Hezbollah in September, and launched ground operations in October'.",
      "Israel landed major blows against Hezbollah in September, and launched ground operations in October.")
def dated_conjuncts(groups: Groups, sc: SentenceContext) -> Groups:
    split = {t.i for t in sc.sent if t.pos_ == "VERB" and t.dep_ == "conj" and child(t, "nsubj") is None
             and _own_date_child(t) and _own_date_child(t.head)}
    if not split:
        return groups
    out: Groups = {}
    for key, hits in groups.items():
        for hit in hits:
            verb = next((a for a in (hit.token, *hit.token.ancestors) if a.i in split), None)
            if key[0] != "ASSAULT" or verb is None:
                out.setdefault(key, []).append(hit)
            else:
                out.setdefault((key[0], verb.i), []).append(hit)
    return out


# --- more fields ----------------------------------------------------------------------------------------------
_OFFSET_WORDS = {"day": "a day", "week": "a week"}


@rule("event.day-after-incident", "An attack 'the day after' an incident with a date of its own was the day after it: "
      "'began firing rockets the day after the Oct. 7, 2023, assault by Hamas' is 8 October.",
      "Hezbollah began firing rockets into Israel the day after the October 7, 2023, assault by Hamas.")
def day_after_incident(event: Event, ec: EventContext) -> Event:
    if event.type != "ASSAULT" or ec.tok.i in ec.sc.apart or not ec.sc.apart:
        return event
    doc, published = ec.sent.doc, ec.dc.published
    for i in sorted(ec.sc.apart):
        for ent in own_dates(doc[i]):
            k = next((k for k in range(max(ent.start - 3, ec.sent.start + 1), min(ent.end, i))
                      if doc[k].lower_ in ("after", "before") and doc[k - 1].lemma_.lower() in _OFFSET_WORDS), None)
            if k is None:
                continue
            unit = doc[k - 1]
            count = next((c for c in unit.children if c.dep_ == "nummod"), None)
            offset = f"{count.lower_} {unit.lower_}" if count is not None else _OFFSET_WORDS[unit.lemma_.lower()]
            start = k + 2 if doc[k + 1].lower_ == "the" else k + 1
            own = resolve_date(doc[start: max(ent.end, start + 1)].text, published) if ent.end > start else None
            if own is None or own.precision != "day":
                continue
            shifted = offset_date(own, offset, "before" if doc[k].lower_ == "after" else "after")
            if shifted is not None:
                return replace(event, date=shifted)
    return event


@rule("event.weapon-object-mode", "'started shooting rockets and missiles': the weapon shot, not the gun the verb "
      "suggests, is the mode.", "Hezbollah started shooting rockets across the border into Israel.")
def weapon_object_mode(event: Event, ec: EventContext) -> Event:
    obj = child(ec.tok, "dobj")
    if event.type != "ASSAULT" or ec.trigger_mode != "firearms" or obj is None:
        return event
    mode = lx.MODE_WORDS.get(obj.lemma_.lower()) or lx.MODE_WORDS.get(obj.lower_)
    return replace(event, mode=mode) if mode and mode != "firearms" else event


def _listed_days(ec: EventContext, event: Event) -> list[Any]:
    """The days of a listed series that holds the event's date: "on January 11, January 22, and February 3"."""
    if event.date is None or event.date.precision != "day" or ec.dc.published is None:
        return []
    doc = ec.sent.doc
    ents = [e for e in sent_ents(ec.sent) if e.label_ == "DATE"]
    here = next((e for e in ents if event.date.text and e.text in event.date.text or event.date.text in e.text), None)
    if here is None:
        return []
    run = [here]
    for direction in (-1, 1):  # neighbours joined only by commas and "and"
        n = ents.index(here)
        while 0 <= n + direction < len(ents):
            a, b = (ents[n + direction], ents[n]) if direction < 0 else (ents[n], ents[n + direction])
            if not all(doc[k].text in (",", "and") for k in range(a.end, b.start)) or b.start - a.end > 2:
                break
            n += direction
            run.insert(0, ents[n]) if direction < 0 else run.append(ents[n])
    run = [e for n, e in enumerate(run) if not names_the_next(e.text, run[n + 1].text if n + 1 < len(run) else None)]
    spans = [s for e in run for s in (listed_dates(e.text, ec.dc.published) or [resolve_date(e.text, ec.dc.published)])]
    if len(spans) < 2 or not all(s is not None and s.precision == "day" for s in spans):
        return []
    days = list({s.start: s for s in spans}.values())  # "on Saturday, January 20th": one day said twice
    return days if len(days) > 1 else []


@rule("refine.first-listed-day", "A use of force on a listed series of days is first the one of the first day "
      "(more.one-per-date tells the others).",
      "On January 11, January 22 and February 3, the allies conducted joint strikes on Houthi targets in Yemen.")
def first_listed_day(event: Event, ec: EventContext) -> Event:
    if event.type != "ASSAULT" or event.aggregate is not None:
        return event
    days = _listed_days(ec, event)
    return replace(event, date=days[0]) if days and days[0] != event.date else event


# --- article ---------------------------------------------------------------------------------------------------
_STRIKING_FORMS = frozenset(f for verb in ("strike", "destroy", "engage", "intercept", "eliminate", "neutralize",
                                           "neutralise", "hit", "target", "down")
                            for f in (verb, verb + "s", verb + "d", verb + "ed", verb + "ing")) | {"struck", "shot"}

@rule("article.struck-weapons-place", "'US forces struck four Houthi missiles. These missiles were prepared to launch "
      "from Houthi-controlled areas of Yemen': where the next sentence puts the struck weapons is the strike's place.",
      "US forces struck and destroyed two Houthi missiles on Friday. These missiles were prepared to launch from "
      "Houthi-controlled areas of Yemen.")
def struck_weapons_place(events: list[Event], dc: Any) -> list[Event]:
    if len(dc.origins) != len(events):
        return events
    out = list(events)
    for n, sent in enumerate(dc.doc.sents):
        subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "NNS"
                        and t.lemma_.lower() in _FLYING | lx.WEAPON_NOUNS and _definite(t)), None)
        if subject is None:
            continue  # "These missiles were ...", "The UAVs were ..."
        aims = [sent.doc[p.left_edge.i: p.right_edge.i + 1] for p in sent if p.dep_ == "prep"
                and p.lower_ in ("into", "toward", "towards", "at", "against")]  # where they were aimed: not it
        place = dc.read.location(sent, subject.head, aims, None, whence=True)
        if place is None or not place.country:
            continue
        forms = {subject.lower_, subject.lemma_.lower()}
        for k in range(len(out) - 1, -1, -1):
            told, (m, _, word) = out[k], dc.origins[k]
            if m >= n:
                continue
            if m < n - 2:
                break
            words = {w.strip(".,;").lower() for w in told.evidence.text.split()}
            if told.type == "ASSAULT" and told.location is None and words & forms and told.status == "occurred" \
                    and word.lower() in _STRIKING_FORMS:  # the strike on them, not another attack of its sentence
                out[k] = replace(told, location=place)
                break
    return out


# --- parties and places of an attack ----------------------------------------------------------------------------
@rule("refine.weapon-owner", "Weapons shot down or destroyed belong to whoever launched them ('drones launched by the "
      "Houthis', or the launch told just before): the target is that party; a weapon of no known owner is no party.",
      "The Houthis launched a wave of drones toward the Red Sea on Saturday. Navy ships shot down 28 of the drones.")
def weapon_owner(event: Event, ec: EventContext) -> Event:
    target, tok = event.target, ec.target_tok
    if event.type != "ASSAULT" or tok is None or target is not None and (target.id or target.country):
        return event
    thing = counted_thing(tok)
    if thing.lemma_.lower() not in _FLYING | lx.WEAPON_NOUNS:
        return event
    day = ec.day(event)
    launch = next((c for c in thing.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _LAUNCHING), None)
    agent = child(launch, "agent") if launch is not None else None
    owner = ec.party(child(agent, "pobj"), day) if agent is not None else None  # "drones launched by the Houthis"
    if owner is None:
        owner = _last_launcher(event, ec, lx.MODE_WORDS.get(thing.lemma_.lower()), thing.lower_)
    if owner is not None and (owner.country or owner.id):
        text = target.text if target is not None else tok.doc[tok.left_edge.i: thing.i + 1].text
        return replace(event, target=replace(owner, text=text))
    return event if target is None else replace(event, target=None)  # "shot down the drones", whose unknown


def _last_launcher(event: Event, ec: EventContext, mode: str | None, noun: str) -> Party | None:
    """The doer of the attack told just before (this sentence or the two before) with this means, when not this
    event's doer."""
    number = ec.sc.number
    for (n, _, _), told in zip(reversed(ec.dc.origins), reversed(ec.dc.events)):
        if n < number - 2:
            break
        if told.type != "ASSAULT" or told.actor is None or told.negated or mode is not None and told.mode not in (
                mode, None) or told.mode is None and noun not in told.evidence.text.lower():
            continue  # "fired missiles and drones at Israel. ... intercepted dozens of the drones": theirs
        mine = event.actor
        if mine is not None and (mine.country and mine.country == told.actor.country
                                 or mine.id and mine.id == told.actor.id):
            continue
        return told.actor
    return None


@rule("refine.navy-ship", "A warship named with a navy's prefix ('USS Carney', 'HMS Diamond') is its state's military, "
      "not a person.", "The missile was shot down by USS Gravely over the Red Sea.")
def navy_ship(event: Event, ec: EventContext) -> Event:
    if event.type != "ASSAULT":
        return event
    changes: dict[str, Party] = {}
    for role, tok in (("actor", ec.actor_tok), ("target", ec.target_tok)):
        party = getattr(event, role)
        named = [party.text] + [a.doc[a.left_edge.i: a.right_edge.i + 1].text for a in (tok.children if tok else ())
                                if a.dep_ == "appos"] if party is not None else []  # "the carrier USS Truman"
        words = " ".join(named).split() if party is not None and not party.id else []
        code = next((lx.SHIP_PREFIXES[w] for w, nxt in zip(words, words[1:]) if w in lx.SHIP_PREFIXES
                     and nxt[:1].isupper()), None)  # "USS Carney", "the aircraft carrier USS Harry S. Truman"
        if code is not None and (party.country, party.kind) != (code, "military"):
            changes[role] = replace(party, country=code, kind="military", sponsors=())
    return replace(event, **changes) if changes else event


@rule("refine.city-target", "An attack on a city the gazetteer knows ('attacked Tel Aviv') is aimed at that city's "
      "country.", "On July 19, Houthi forces attacked Tel Aviv using a drone.")
def city_target(event: Event, ec: EventContext) -> Event:
    target, tok = event.target, ec.target_tok
    if event.type != "ASSAULT" or tok is None or tok.ent_type_ != "GPE" and tok.pos_ != "PROPN" or target is None \
            or target.country or target.kind or target.id:
        return event
    entry = ec.kb.gazetteer.lookup(target.text)
    if entry is None or entry.precision not in ("city", "admin1") or not entry.country:
        return event
    return replace(event, target=replace(target, country=entry.country))


_OPERATION_NOUNS = frozenset("operation offensive campaign incursion invasion".split())


@rule("refine.state-operation-is-military", "A state that launches a military operation ('Israel launched Operation "
      "Long Arm', 'launched ground operations', 'conducted joint strikes') acts through its armed forces.",
      "On July 20, Israel launched Operation Long Arm against the port.")
def state_operation(event: Event, ec: EventContext) -> Event:
    actor, tok = event.actor, ec.tok
    if event.type != "ASSAULT" or actor is None or actor.kind != "state":
        return event
    obj = child(tok, "dobj") if tok.pos_ == "VERB" else tok
    named = obj is not None and obj.pos_ == "PROPN" and any(t.lower_ == "operation" for t in obj.subtree)
    joint = tok.pos_ == "NOUN" and any(c.lower_ == "joint" for c in tok.children)
    if named or tok.pos_ == "NOUN" and tok.lemma_.lower() in _OPERATION_NOUNS or joint:
        return replace(event, actor=replace(actor, kind="military"))
    return event


_ANSWERS = frozenset("retaliation response reprisal counterstrike counterattack reply".split())


@rule("refine.retaliation-target", "A retaliation for an attack ('Israel's October 26 retaliation to Iran's October 1 "
      "attack') is aimed at that attack's doer, in its country when it is a state.",
      "After Israel's October 26 retaliation to Iran's October 1 attack, oil prices rose.")
def retaliation_target(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if event.type != "ASSAULT" or event.target is not None or tok.lemma_.lower() not in _ANSWERS:
        return event
    answered = prep_object(tok, ("to", "for", "against"))
    if answered is None or answered.lemma_.lower() not in lx.ASSAULT_NOUNS:
        return event
    doer = ec.party(ec.roles(answered)[0], ec.day(event))
    if doer is None or not doer.country or event.actor is not None and event.actor.country == doer.country:
        return event
    location = event.location or (Place(text=doer.text, name=None, country=doer.country, precision="country")
                                  if doer.kind == "state" else None)
    return replace(event, target=doer, location=location)


@rule("refine.defended-target", "An attack that someone was defended against ('the defense of Israel against an "
      "unprecedented Iranian attack') was aimed at the one defended.",
      "He praised the defense of Israel against an unprecedented Iranian attack on April 13.")
def defended_target(event: Event, ec: EventContext) -> Event:
    tok = ec.tok
    if event.type != "ASSAULT" or event.target is not None or tok.dep_ != "pobj" or tok.head.lower_ != "against":
        return event
    defence = tok.head.head
    if defence.pos_ == "VERB":
        defence = child(defence, "dobj") or defence  # "praised the defense of Israel against ...", "against" on the verb
    defended = prep_object(defence, ("of",)) if defence.lemma_.lower() in ("defense", "defence", "protection") else None
    party = ec.party(defended, ec.day(event)) if defended is not None else None
    if party is None or not party.country or event.actor is not None and event.actor.country == party.country:
        return event
    location = event.location or (Place(text=party.text, name=None, country=party.country, precision="country")
                                  if party.kind == "state" else None)
    return replace(event, target=party, location=location)


@rule("refine.claimed-by", "'... the hostage-taking of passengers in Kacchi, claimed by the Baloch Liberation Army': "
      "the group that claimed the attack did it.",
      "We condemn the attack on the train, claimed by the Baloch Liberation Army.")
def claimed_by(event: Event, ec: EventContext) -> Event:
    if event.type != "ASSAULT" or event.actor is not None and (event.actor.country or event.actor.id):
        return event
    claims = [c for c in ec.sent if c.lemma_.lower() in ("claim", "perpetrate") and c.tag_ == "VBN"
              and child(c, "agent") is not None]
    if len(claims) != 1:
        return event
    who = child(child(claims[0], "agent"), "pobj")
    party = ec.party(who, ec.day(event)) if who is not None else None
    if party is None or not (party.country or party.id) or party.kind not in _ARMED_KINDS:
        return event
    return replace(event, actor=party)


_READYING = frozenset("prepare ready load position assemble".split())
_LAUNCHERS = frozenset("rail launcher launchpad tube".split())


@rule("sense.readied-weapon", "'Individuals were observed preparing a rocket rail': a weapon or launcher readied to "
      "fire is a planned attack.", "Individuals were observed preparing a rocket rail near the base.")
def readied_weapon(cand: Candidate, trigger: lx.Trigger | None, sc: Any) -> Any:
    if cand.branch != "verb" or cand.lemma not in _READYING or trigger is not None or cand.obj is None:
        return KEEP
    obj = cand.obj
    words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod"))}
    if obj.lemma_.lower() in lx.WEAPON_NOUNS or obj.lemma_.lower() in _LAUNCHERS and words & lx.WEAPON_NOUNS:
        return lx.Trigger("ASSAULT", 1)  # "preparing missiles", "preparing a rocket rail"
    return KEEP


@rule("event.readied-is-planned", "A weapon readied to fire ('preparing a rocket rail') is an attack being prepared: "
      "planned.", "Individuals were observed preparing a rocket rail near the base.")
def readied_is_planned(event: Event, ec: EventContext) -> Event:
    if event.type == "ASSAULT" and ec.tok.lemma_.lower() in _READYING and event.status == "occurred":
        return replace(event, status="planned")
    return event


def _launched_weapons(tok: Token) -> Token | None:
    """The weapons a launch or firing verb launched: its passive subject or the noun its clause describes ("drones
    that were launched by", "missiles launched by")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _LAUNCHING:
        return None
    weapon = child(tok, "nsubjpass")
    if weapon is not None and weapon.tag_ in ("WDT", "WP") and tok.dep_ == "relcl" or weapon is None and tok.dep_ in (
            "acl", "relcl"):
        weapon = tok.head
    if weapon is not None and weapon.dep_ == "conj":
        while weapon.dep_ == "conj" and weapon.head.i != weapon.i:
            weapon = weapon.head  # "three cruise missiles and several drones that were launched": the list's first
    return weapon if _weapon(weapon) else None


@rule("event.launched-weapon-mode", "What was launched gives the mode, the first of a list ('three cruise missiles and "
      "several drones that were launched by Houthi forces': missile).",
      "The destroyer shot down three cruise missiles and several drones that were launched by Houthi forces.")
def launched_weapon_mode(event: Event, ec: EventContext) -> Event:
    weapon = _launched_weapons(ec.tok) if event.type == "ASSAULT" else None
    if weapon is None:
        return event
    mode = lx.MODE_WORDS.get(weapon.lower_) or lx.MODE_WORDS.get(weapon.lemma_.lower()) or next(
        (lx.MODE_WORDS[c.lemma_.lower()] for c in weapon.children if c.dep_ in ("amod", "compound")
         and c.lemma_.lower() in lx.MODE_WORDS), None)
    return replace(event, mode=mode) if mode and mode != event.mode else event

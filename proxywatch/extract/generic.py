"""Mentions of force that are not a new event, dropped from a sentence's trigger hits.

* Generic plurals: "terror attacks", "claim credit for attacks", "lone-wolf attacks are ...": a bare
  plural with no determiner, count, date or casualty, not told as past or ongoing, is a kind of event,
  not one that happened. Counted plurals ("dozens of attacks", "three strikes") are aggregates and stay;
  so do "airstrikes killed 12" and "killed in airstrikes" (a casualty report), plurals with a date
  ("airstrikes on Tuesday") and plurals under a past or progressive verb ("backed by airstrikes",
  "are waging assaults"), unless that verb is a trend ("attacks on migrants have surged", "slashed assaults
  on officers") or a perfect progressive ("had been carrying out attacks": an activity kept up, not one
  attack). Habits and classes: "attacks on convoys are often claimed by ...", "not all police
  shootings fit the pattern" (present tense, an adverb of habit or "all"/"most").
* Kinds: "such attacks", "this kind of attack", "that type of an attack".
* Re-mentions: "the attack", "that strike", "Tehran's missile attack" in a later sentence of a story whose
  earlier sentence already reports an attack. The incident is reported once; the re-mention only
  comments on it ("the attack prompted ...", "welcomed the strike"). It stays when it adds facts of its
  own (it is the subject of a casualty or attack verb, it has a clause of its own: "the attack that
  killed three"), when a light or status verb carries it ("carried out the attack", "planned the
  attack") and when it is denied ("denied any role in the attack": the denial is the event).
* Senses that are not force: cyber and verbal attacks ("hacking attacks", "verbally attacked", "attacked
  the programme"), criticism ("came under fire over a provision"), a figurative siege ("officers feel
  under siege"), a dispute ("Clinton, Trump clash over strategy") and "taking control of the judiciary".
* Motives: "in retaliation for", "meant as retaliation", "to avoid retaliation".
* Pleas: "don't shoot!".
* Capabilities: "the capacity to kill", "combat-ready to sink a carrier with a single strike".

The tests are pure functions over spaCy tokens; the drop rules at the end (stage ``drop``) apply them to
a sentence's trigger hits, in order.
"""

from __future__ import annotations

from spacy.tokens import Token

from proxywatch.extract import lexicon as lx
from proxywatch.extract.context import SentenceContext
from proxywatch.extract.engine import rule
from proxywatch.extract.aggregates import aggregate
from proxywatch.extract.senses import new_dated_incident, requested
from proxywatch.extract.syntax import (CASUALTY_VERBS, DENIALS, PLACE_LABELS, Hit, consequence, involvement,
                                       ranked_remark)

__all__ = ["generic_plural", "habit", "habitual", "a_kind", "re_mention", "not_force", "motive", "capability",
           "imperative"]

# Verbs whose subject is a report of its own: "airstrikes killed 12", "the attack destroyed a school".
_OUTCOME_VERBS = lx.FATAL_VERBS | lx.INJURY_VERBS | lx.ASSAULT_VERBS | frozenset(
    "destroy damage hit leave claim cause level flatten wreck".split())
_COUNT_WORDS = frozenset("multiple several many numerous repeated countless few dozen hundred thousand "
                         "scores".split())
# Heads that make a plural part of one counted or serial whole: "a series of airstrikes", "dozens of attacks".
_SERIES_HEADS = frozenset("series wave spate string round barrage volley campaign number total dozen hundred "
                          "thousand score couple pair handful".split())
_KIND_HEADS = frozenset("kind type sort form".split())
_FEARED = frozenset("avoid provoke fear risk prevent deter invite".split())
_CAPACITIES = frozenset("capacity capability ability power means ready".split())
# Verbs of a trend: "attacks on migrants have surged" speaks of attacks in general.
_TRENDS = frozenset("surge increase rise grow double decline fall drop spike mount escalate continue "
                    "intensify decrease reduce slash curb halve".split())
# Adverbs of habit: "attacks on convoys are often claimed by ..." speaks of attacks in general.
_HABITUAL = frozenset("often usually frequently rarely seldom sometimes typically generally commonly routinely".split())
# Determiners of a whole class: "not all police shootings fit the pattern".
_CLASS_DETS = frozenset("all most".split())
_DEFINITE = frozenset("the this that these those".split())
# Modifiers of "attack" that make it non-physical.
# Lemmas as spaCy gives them: "hacking attacks" and "withering attacks" have the modifiers "hack" and "wither".
_NOT_PHYSICAL = frozenset("cyber cyberattack hacking hack hacker malware ransomware phishing online internet verbal "
                          "rhetorical withering wither personal political smear propaganda partisan".split())
# Objects of "attack" that are ideas or words, not people or places.
_ABSTRACT = frozenset("program programme policy plan decision proposal law bill idea remark comment statement "
                      "record speech report agenda initiative reform credibility character rhetoric stance view "
                      "ruling verdict election result".split())
# What can be besieged or taken control of: places.
_PLACE_NOUNS = frozenset("city town village camp base area district neighborhood neighbourhood enclave hospital "
                         "port garrison territory region province capital crossing airport compound building "
                         "stronghold road highway border island valley mountain hill field".split())
_FORCE = lx.WEAPON_NOUNS | frozenset(lx.MODE_WORDS) | lx.FATAL_VERBS | lx.INJURY_VERBS | frozenset(
    "dead death casualty gun gunfire tear stone rock police troop soldier".split())


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _governor(tok: Token) -> Token | None:
    """The verb a noun is an argument of, through at most one preposition."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head if head.i != tok.i and head.pos_ in ("VERB", "AUX") else None


def _dated(tok: Token) -> bool:
    """A date or time in the noun phrase or among the direct modifiers of its verb ("airstrikes on Tuesday")."""
    places = [tok]
    verb = _governor(tok)
    if verb is not None:
        places += _children(verb, "npadvmod", "tmod", "prep", "advmod")
    return any(t.ent_type_ in ("DATE", "TIME") for p in places for t in p.subtree)


def _reports_outcome(tok: Token) -> bool:
    """The subject of "killed", "hit", "destroyed"; or "killed in airstrikes", "wounded by the attack"."""
    verb = _governor(tok)
    if verb is None:
        return False
    if tok.dep_ in ("nsubj", "nsubjpass", "agent") or tok.dep_ == "pobj" and tok.head.lower_ in ("in", "by"):
        return verb.lemma_.lower() in _OUTCOME_VERBS
    return False


def _done(tok: Token) -> bool:
    """Under a past-tense verb that carries out or inflicts it: "carried out what it called strikes"."""
    for verb in [a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")][:2]:
        lemma = verb.lemma_.lower()
        past = verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
        if past and lemma != "claim" and (lemma in lx.LIGHT_VERBS or lemma in _OUTCOME_VERBS):
            return True
    return False


def _tells_past(verb: Token) -> bool:
    """The verb tells what happened or is happening ("were killed", "backed by", "are waging"); a bare
    participle takes the tense of the clause it hangs on ("..., prompting airstrikes")."""
    if verb.lemma_.lower() in _TRENDS:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return False
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN":
        return not auxes or any(a.lemma_.lower() == "have" or a.tag_ == "VBD" for a in auxes)
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in ("advcl", "conj", "acl") and verb.head.pos_ == "VERB":
        return verb.head.i != verb.i and _tells_past(verb.head)
    return verb.tag_ == "VBG" and any(a.lemma_.lower() == "be" for a in auxes)


def _past(tok: Token) -> bool:
    """Told as past or ongoing: by its verb ("were killed in", "launched"), or by a clause of its own
    ("attacks carried out by the group"); not "claim credit for", "sees frequent", "will launch", nor a
    trend ("attacks on migrants have surged")."""
    verb = _governor(tok)
    if verb is not None and _tells_past(verb):
        return True
    return any(c.pos_ == "VERB" and _tells_past(c) for c in _children(tok, "acl", "relcl"))


def _present(verb: Token) -> bool:
    """Told in the present tense: "are claimed", "fit", "is"; not "were", "have", "will"."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxes:
        return all(a.tag_ in ("VBZ", "VBP") and a.lemma_.lower() != "have" for a in auxes)
    return verb.tag_ in ("VBZ", "VBP")


def habitual(tok: Token) -> bool:
    """ "Attacks on convoys are often claimed by ...", "not all police shootings fit the pattern": a plural
    told in the present with an adverb of habit or a determiner of the whole class is the kind of event."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in lx.ASSAULT_NOUNS:
        return False
    verb = _governor(tok)
    if verb is None or not _present(verb) or _dated(tok):
        return False
    return any(c.lower_ in _HABITUAL for c in _children(verb, "advmod")) or any(
        c.lower_ in _CLASS_DETS for c in _children(tok, "det", "predet")) or (
        tok.dep_ == "nsubj" and list(tok.children) and all(c.dep_ == "det" and c.lower_ in ("these", "those")
                                                            for c in tok.children))  # "these attacks threaten
    # global prosperity": what the attacks named before do, said in the present


def habit(tok: Token) -> bool:
    """ "It often targets markets with suicide bombings", "the militia routinely fires rockets at the base": a verb
    in the simple present with an adverb of habit tells what a party does, not a deed done."""
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBZ", "VBP") or not _present(tok):
        return False
    return any(c.lower_ in _HABITUAL for c in _children(tok, "advmod"))


def generic_plural(tok: Token) -> bool:
    """ "terror attacks", "claim credit for attacks": a bare plural attack noun, no count, date or casualty."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in lx.ASSAULT_NOUNS:
        return False
    if habitual(tok):
        return True
    if _children(tok, "det", "poss", "nummod", "quantmod", "predet"):
        return False
    if any(c.lemma_.lower() in _COUNT_WORDS for c in _children(tok, "amod", "compound", "nmod")):
        return False
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "airstrikes and drone raids": the first conjunct's place counts
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in _SERIES_HEADS:
        return False
    if _dated(node) or _reports_outcome(node):
        return False
    return _ongoing_habit(node) or not (_done(node) or _past(node))


def _ongoing_habit(tok: Token) -> bool:
    """ "had been planning and carrying out attacks on US personnel": a bare plural under a perfect
    progressive is an activity kept up over time, not one attack that occurred."""
    verb = _governor(tok)
    while verb is not None and verb.dep_ == "conj" and not _children(verb, "aux") and verb.head.pos_ == "VERB":
        verb = verb.head  # "planning and carrying out": the auxiliaries of the first verb
    if verb is None or verb.tag_ != "VBG":
        return False
    auxes = {c.lower_ for c in _children(verb, "aux")}
    return "been" in auxes and bool(auxes & {"have", "has", "had", "'ve", "'d"})


def a_kind(tok: Token) -> bool:
    """ "such attacks", "these kind of attacks", "that type of an attack": a kind, not an event."""
    if any(c.lower_ == "such" for c in _children(tok, "amod", "det", "predet")):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _KIND_HEADS


def _denied(tok: Token) -> bool:
    return any(a.lemma_.lower() in DENIALS for a in list(tok.ancestors)[:4])


def re_mention(tok: Token, told: set[str] | None) -> bool:
    """ "That attack prompted ...", "welcomed the US attack": an attack told earlier, mentioned again.

    ``told`` holds the attack words of the earlier sentences (None: none told). A possessive ("Tehran's
    missile attack") re-mentions only the same word; "the attack" may follow any attack word."""
    if not told or tok.pos_ != "NOUN" or tok.lemma_.lower() not in lx.ASSAULT_NOUNS:
        return False
    the = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)
    if not the and not (_children(tok, "poss") and tok.lemma_.lower() in told):
        return False
    if _children(tok, "relcl", "acl", "nummod") or _reports_outcome(tok) or _denied(tok) or any(
            t.pos_ == "VERB" and t.lemma_.lower() in CASUALTY_VERBS for t in tok.sent) or any(
            c.tag_ == "JJS" for c in tok.children):
        return False  # it tells something new: who was killed, by what, that it is denied, that it was the deadliest
    verb = _governor(tok)
    if verb is not None and tok.dep_ in ("nsubj", "nsubjpass") and any(
            t.lemma_.lower() in lx.LIGHT_VERBS and _children(t, "agent") for t in verb.subtree):
        return False  # "the attack is believed to have been carried out by ETA": who did it
    if verb is not None and tok.dep_ == "nsubjpass" and verb.lemma_.lower() in lx.LIGHT_VERBS and any(
            t.ent_type_ in ("DATE", "GPE", "LOC", "FAC") for t in verb.subtree if not tok.is_ancestor(t) and t != tok):
        return False  # "the airstrike was carried out on Wednesday near Shebeeley": when and where it was
    return not (verb is not None and tok.dep_ in ("dobj", "pobj") and (
        verb.lemma_.lower() in lx.LIGHT_VERBS or verb.lemma_.lower() in lx.STATUS_HEADS))


def _place(tok: Token | None) -> bool:
    return tok is not None and (tok.ent_type_ in PLACE_LABELS or tok.lemma_.lower() in _PLACE_NOUNS)


def not_force(tok: Token) -> bool:
    """Senses of attack words that are not physical force."""
    lemma = tok.lemma_.lower()
    mods = {c.lemma_.lower() for c in _children(tok, "amod", "compound", "nmod", "advmod")}
    if lemma in ("attack", "assault", "attacker"):
        if mods & _NOT_PHYSICAL or "verbally" in mods or "verbally" in {c.lower_ for c in _children(tok, "advmod")}:
            return True
        obj = next(iter(_children(tok, "dobj")), None) if tok.pos_ == "VERB" else None
        return obj is not None and obj.lemma_.lower() in _ABSTRACT and obj.ent_type_ not in PLACE_LABELS
    if lemma == "come":  # "came under fire over a provision", "for his remarks": criticism
        return any(c.dep_ == "prep" and c.lower_ in ("over", "for") for c in tok.children) and not any(
            t.lemma_.lower() in lx.WEAPON_NOUNS or t.lemma_.lower() in lx.MODE_WORDS for t in tok.sent)
    if lemma == "siege" and tok.dep_ == "pobj" and tok.head.lower_ == "under":
        held = tok.head.head  # "kept the city under siege", "the town is under siege", "feel under siege"
        if held.pos_ in ("VERB", "AUX"):
            held = next(iter(_children(held, "dobj") or _children(held, "nsubj", "nsubjpass")), None)
        return not _place(held)
    if lemma == "clash" and any(c.dep_ in ("prep", "prt") and c.lower_ == "over" for c in tok.children):
        return not any(t.lemma_.lower() in _FORCE for t in tok.sent if t.i != tok.i)
    if lemma == "take":  # "took control of the judiciary": not territory
        of = next((c for c in tok.subtree if c.lower_ == "of" and c.head.lower_ == "control"), None)
        obj = next(iter(_children(of, "pobj")), None) if of is not None else None
        return obj is not None and not _place(obj)
    return False


def capability(tok: Token) -> bool:
    """ "weapons with the capacity to kill", "combat-ready to sink a carrier (with a single strike)": what could
    be done, not a deed; an attack noun that is an argument of such a verb goes with it."""
    if tok.pos_ == "NOUN":
        verb = _governor(tok)
        return verb is not None and verb.pos_ == "VERB" and capability(verb)
    if tok.pos_ != "VERB" or tok.dep_ not in ("acl", "xcomp") or not _children(tok, "aux"):
        return False
    head = tok.head.lemma_.lower()
    return head in _CAPACITIES or head.endswith("ready")


def imperative(tok: Token) -> bool:
    """ "Don't shoot!": a plea or slogan, no report of a deed (nor of one not done)."""
    return tok.pos_ == "VERB" and tok.tag_ == "VB" and not _children(tok, "nsubj", "nsubjpass") \
        and any(c.lemma_.lower() == "do" for c in _children(tok, "aux")) and bool(_children(tok, "neg"))


def motive(tok: Token) -> bool:
    """ "in retaliation for the raid", "meant as retaliation", "to avoid retaliation": why a strike was made
    or feared, not a strike of its own."""
    if tok.lemma_.lower() != "retaliation" or tok.pos_ != "NOUN":
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "as"):
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in _FEARED


# --- the drop rules, in order ---------------------------------------------------------------------------
def _assault_noun(hit: Hit) -> bool:
    return hit.trigger.type == "ASSAULT" and hit.token.pos_ == "NOUN"


@rule("drop.ranked-remark", "'..., the first attacks on US forces': a remark ranking an attack told beside it.",
      "Drones struck al-Asad on Monday, the first attacks on US forces in weeks.")
def ranked(hit: Hit, sc: SentenceContext) -> bool:
    return hit.trigger.type == "ASSAULT" and sum(h.trigger.type == "ASSAULT" for h in sc.hits) > 1 \
        and ranked_remark(hit.token)


@rule("drop.not-force", "Senses of attack words that are no physical force: cyber and verbal attacks, 'came under "
      "fire over a provision', a figurative siege, a clash over strategy, 'took control of the judiciary'.",
      "The minister came under fire over the new budget.")
def not_force_rule(hit: Hit, sc: SentenceContext) -> bool:
    return hit.trigger.type == "ASSAULT" and not_force(hit.token)


@rule("drop.capability", "'weapons with the capacity to kill', 'ready to sink a carrier': what could be done.",
      "The missiles have the capacity to sink a carrier.")
def capability_rule(hit: Hit, sc: SentenceContext) -> bool:
    return hit.trigger.type == "ASSAULT" and capability(hit.token)


@rule("drop.imperative", "'Don't shoot!': a plea or slogan, no report of a deed.", "\"Don't shoot!\" they shouted.")
def imperative_rule(hit: Hit, sc: SentenceContext) -> bool:
    return hit.trigger.type == "ASSAULT" and imperative(hit.token)


@rule("drop.habit", "A use of force told in the simple present with an adverb of habit ('often', 'routinely') is "
      "what a party does, not a deed done.",
      "The militia often fires rockets at the air base.")
def habit_rule(hit: Hit, sc: SentenceContext) -> bool:
    return hit.trigger.type == "ASSAULT" and habit(hit.token)


@rule("drop.generic-plural", "A bare plural attack noun with no count, date or casualty, not told as past or "
      "ongoing, is a kind of event ('terror attacks', 'claim credit for attacks').",
      "The group often claims credit for attacks on convoys.")
def generic_plural_rule(hit: Hit, sc: SentenceContext) -> bool:
    return _assault_noun(hit) and generic_plural(hit.token)


@rule("drop.a-kind", "'such attacks', 'this kind of attack': a kind, not an event.",
      "Such attacks have disrupted shipping.")
def a_kind_rule(hit: Hit, sc: SentenceContext) -> bool:
    return _assault_noun(hit) and a_kind(hit.token) and aggregate(hit.token) is None  # "nearly 50 such airstrikes
    # last year": a count of them


@rule("drop.motive", "'in retaliation for', 'to avoid retaliation': why a strike was made or feared.",
      "Israel struck Beirut in retaliation for the rocket attack.")
def motive_rule(hit: Hit, sc: SentenceContext) -> bool:
    return _assault_noun(hit) and motive(hit.token)


@rule("drop.re-mention", "'That attack prompted ...': an attack told in an earlier sentence, mentioned again with "
      "nothing new; not one with a day of its own that no event told before has ('the Jan. 15 attack').",
      "A drone hit the base on Monday. The attack prompted a US response.")
def re_mention_rule(hit: Hit, sc: SentenceContext) -> bool:
    return _assault_noun(hit) and re_mention(hit.token, sc.dc.told_before(sc.sent.start)) \
        and not new_dated_incident(hit.token, sc) and aggregate(hit.token) is None \
        and not _placed_elsewhere(hit.token, sc)  # "the fourth attack on the ship"


def _placed_elsewhere(tok: Token, sc: SentenceContext) -> bool:
    """ "the deadly attack on a hotel in Kenya's capital", after strikes in Somalia: the attack's own words place it
    in a country no event told before is in, so it is another incident."""
    placed = {e.location.country for e in sc.dc.events if e.location is not None and e.location.country}
    if not placed:
        return False
    for t in tok.subtree:
        where = t.dep_ == "pobj" and t.head.lower_ in ("in", "near", "inside") or t.dep_ == "poss" and \
            t.head.lemma_.lower() in ("capital", "city", "town", "north", "south", "east", "west")
        if t.ent_type_ == "GPE" and t.i != tok.i and where:  # "in Kenya's capital"; not "attacks on U.S. forces"
            code = sc.dc.kb.gazetteer.country_code(t.text, demonyms=False)
            if code and code not in placed:
                return True
    return False


# What a partitive subject counts of: "most of the missiles", "two of them", "others".
_PARTS = frozenset("most some all many several none others other one two three four five six half few rest "
                   "majority remainder each both".split())
# Who intercepts when the interceptor is no party of its own: the target's own defences.
_DEFENCES = frozenset("system systems defense defenses defence defences battery batteries interceptor "
                      "interceptors".split())


def _weapon_of(subj: Token) -> Token | None:
    """The weapons told before that a passive subject names again: "the missiles", "most of the missiles", "two of
    them", "others"; not a new one ("A US MQ-9 drone was shot down")."""
    if subj.lemma_.lower() in lx.WEAPON_NOUNS:
        told = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in subj.children)
        return subj if told and not any(c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN"
                                        for c in subj.children) else None
    if subj.lower_ in _PARTS or subj.pos_ in ("NUM", "PRON"):
        for prep in subj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                return obj if obj is not None and (obj.lemma_.lower() in lx.WEAPON_NOUNS or obj.pos_ == "PRON") \
                    else None
        return subj if subj.lower_ in ("others", "most", "all", "some") else None
    return None


def intercepted_weapon(tok: Token) -> bool:
    """'Most of the missiles were intercepted by the base's air defense systems': the fate of an attack's own
    weapons, told in the passive with no party of its own as interceptor."""
    lemma = tok.lemma_.lower()
    if not (lemma == "intercept" or lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down"
                                                              for c in tok.children)):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None or _weapon_of(subj) is None:
        return False
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return by is None or by.lemma_.lower() in _DEFENCES


@rule("drop.intercepted-weapon", "'Most of the missiles were intercepted by the base's air defenses': the fate of "
      "an attack's weapons, in the passive with no party as interceptor, is part of that attack, not a new one.",
      "Militants fired rockets at the base. Most of the rockets were shot down by the base's defenses.")
def intercepted_weapon_rule(hit: Hit, sc: SentenceContext) -> bool:
    return hit.trigger.type == "ASSAULT" and intercepted_weapon(hit.token)


@rule("drop.denied-event", "'X denied any involvement in the attack': the denial stands for the event denied.",
      "Tehran denied any involvement in the drone attack.")
def denied_event(hit: Hit, sc: SentenceContext) -> bool:
    return hit.trigger.type == "REJECT" and involvement(hit.token) is not None and any(
        hit.token.is_ancestor(o.token) and o.token.pos_ == "NOUN" for o in sc.hits)


@rule("drop.requested", "What a request asks for ('urged them to halt attacks') is not an event of its own.",
      "Qaani urged the militias to halt attacks on US forces.")
def requested_rule(hit: Hit, sc: SentenceContext) -> bool:
    requests = {h.token.i for h in sc.hits if h.trigger.type == "REQUEST"}
    return hit.trigger.type != "REQUEST" and requested(hit.token, requests)


@rule("drop.threat-consequence", "'warned that Israel would pay a heavy price': the consequence is part of the "
      "warning, not a second threat.", "Iran warned that Israel would pay a heavy price.")
def threat_consequence(hit: Hit, sc: SentenceContext) -> bool:
    if hit.trigger.type != "THREATEN" or not consequence(hit.token):
        return False
    threats = [h.token for h in sc.hits if h.trigger.type == "THREATEN" and not consequence(h.token)]
    return any(t.is_ancestor(hit.token) for t in threats)

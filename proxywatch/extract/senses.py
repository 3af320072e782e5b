"""Word senses by company: when a trigger word is its event, and when it is something else.

"hit" is an attack with a weapon nearby, "sent" mobilises with troops as its object, "the deal"
as a subject re-mentions an earlier agreement, "targeted by the government for their activism"
is not force. Pure functions over spaCy tokens; the data they use is in lexicon.py and here.
"""

from __future__ import annotations

from typing import Callable, Iterable

from spacy.tokens import Token

from proxywatch.extract import lexicon as lx

__all__ = ["child", "prep_object", "conditional", "verb_sense", "noun_sense", "back_reference",
           "military_operation", "armed_fight", "arson", "requested", "NEEDS_OBJECT", "NOT_RELEASED", "ARMED_WORDS"]

# Weapons and means of force: a word of these nearby makes "hit", "fire" or "target" an attack.
_FORCE_WORDS = lx.WEAPON_NOUNS | frozenset(lx.MODE_WORDS)
# Objects that make "targeted" physical force, not persecution or marketing.
_PHYSICAL_TARGETS = frozenset("base outpost position site ship vessel tanker convoy troop force soldier camp airport "
                              "port building facility headquarters depot patrol city town village area compound "
                              "embassy consulate checkpoint vehicle car boat warship destroyer personnel".split())
_NOT_MEETERS = frozenset("border line road river standard requirement need demand target goal criterion".split())
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


# Objects of "hit" that make an idiom, not a blow: "police hit the streets".
_HIT_IDIOMS = frozenset("street road ground beach button brake wall jackpot snag bottom peak limit mark stride "
                        "record high low headline market note".split())


def child(tok: Token, *deps: str) -> Token | None:
    """The first child with one of these dependency labels."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def prep_object(tok: Token, preps: Iterable[str]) -> Token | None:
    """The object of the first of these prepositions under ``tok`` that is not a date ("on Tuesday")."""
    wanted = set(preps)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in wanted:
            obj = child(c, "pobj")
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                return obj
    return None


def requested(tok: Token, requests: set[int]) -> bool:
    """A trigger inside what a REQUEST asks for ("urged them to halt attacks"): not an event of its own."""
    node = tok
    for _ in range(4):
        if node.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "prep", "conj") or node.head.i == node.i:
            return False
        node = node.head
        if node.i in requests:
            return True
    return False


def conditional(tok: Token, lemma: str, obj: Token | None) -> lx.Trigger | None:
    """Verbs that are events only with the right arguments ("hit by a drone", "sent warships")."""
    objects = [obj] if obj is not None else []
    with_obj = prep_object(tok, ("with",))
    if with_obj is not None:
        objects.append(with_obj)
    objects += [c for o in list(objects) for c in o.conjuncts]
    lemmas = {o.lemma_.lower() for o in objects}
    if lemma == "hit":
        agent = child(tok, "agent")
        near = [t.lemma_.lower() for t in (tok.subtree if agent is None else agent.subtree)]
        subject = child(tok, "nsubj")
        if subject is not None:
            near += [t.lemma_.lower() for t in subject.subtree]
        if any(w in _FORCE_WORDS or w in lx.ASSAULT_NOUNS for w in near):  # not "hit a poster during a protest"
            return lx.Trigger("ASSAULT", 2)
        if subject is not None and subject.lemma_.lower() in ARMED_WORDS and obj is not None \
                and obj.lemma_.lower() not in _HIT_IDIOMS:
            return lx.Trigger("ASSAULT", 2)  # "a policeman hits a migrant"; not "police hit the streets"
        return None
    if lemma == "fire":  # "fired missiles at", "fired on the aircraft"; not "fired the minister"
        if lemmas & _FORCE_WORDS or prep_object(tok, ("on", "at", "into")) is not None:
            return lx.Trigger("ASSAULT", 2)
        return None
    if lemma == "drop":
        if lemmas & lx.WEAPON_NOUNS:
            return lx.Trigger("ASSAULT", 2, "aerial")
        return lx.Trigger("AID", 2) if lemmas & (lx.AID_OBJECTS | {"meal", "parcel"}) else None  # airdrops
    if lemma in ("send", "dispatch", "deploy") and lemmas & lx.MOBILIZE_OBJECTS:
        return lx.Trigger("MOBILIZE", 2)
    if lemma == "recall":
        return lx.Trigger("SANCTION", 2) if lemmas & lx.SANCTION_OBJECTS else None
    if lemma == "warn":  # "warned that X would pay", "warned against": a threat; "warned of floods": no
        said = child(tok, "ccomp")
        if said is not None and any(c.lower_ in ("will", "would", "'ll") for c in said.children):
            return lx.Trigger("THREATEN", 2)
        return lx.Trigger("THREATEN", 2) if prep_object(tok, ("against",)) is not None else None
    if lemma == "hold":  # "held Israel responsible"
        return lx.Trigger("ACCUSE", 2) if any(c.lower_ == "responsible" for c in tok.children) else None
    if lemma in ("deny", "dismiss"):  # "denied the allegations"; "denied that it struck" sets a status
        return lx.Trigger("REJECT", 2) if lemmas & lx.REJECTED_OBJECTS else None
    if lemma == "speak":  # "spoke by phone", "spoke with his counterpart"
        by = prep_object(tok, ("by", "over"))
        if prep_object(tok, ("with",)) is not None or by is not None and by.lemma_.lower() in ("phone", "telephone"):
            return lx.Trigger("CONSULT", 2)
        return None
    if lemma in lx.CONDITIONAL_VERBS:
        return lx.Trigger("AID", 2) if lemmas & lx.AID_OBJECTS else None
    return lx.VERB_TRIGGERS.get(lemma) if objects else None  # "backed Hamas", "trained fighters"

def verb_sense(tok: Token, lemma: str, obj: Token | None, trigger: lx.Trigger | None) -> lx.Trigger | None:
    """Corrections by company: senses of a trigger verb that are not its event."""
    if trigger is None:
        return None
    obj_lemma = obj.lemma_.lower() if obj is not None else ""
    if obj_lemma in lx.NOT_EVENT_OBJECTS.get(lemma, ()):
        return lx.Trigger("AGREE", 2) if obj_lemma in ("deal", "agreement", "bargain") else None
    if lemma == "strike" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return None  # "a judge struck down the rules"
    if lemma == "press" and any(c.dep_ == "prt" and c.lower_ in ("on", "ahead") for c in tok.children):
        return None  # "as long as Israel pressed on with its offensive": went on, asked nothing
    if lemma == "target":  # "targeted by the government for their activism": not force
        near = {t.lemma_.lower() for t in tok.sent}
        physical = obj is not None and (obj.ent_type_ in ("GPE", "FAC", "LOC") or obj_lemma in _PHYSICAL_TARGETS)
        subject = child(tok, "nsubjpass") if obj is None else None
        physical = physical or subject is not None and any(  # "US and coalition forces have been targeted"
            t.lemma_.lower() in _PHYSICAL_TARGETS for t in (subject, *(c for c in subject.children if c.dep_ == "conj")))
        if not physical and not near & _FORCE_WORDS:
            return None
    if lemma in ("host", "meet") and trigger.type == "CONSULT":
        subject = child(tok, "nsubj")
        if tok.dep_ == "acl" or obj_lemma in _PHYSICAL_TARGETS or (
                subject is not None and subject.lemma_.lower() in _NOT_MEETERS):
            return None  # "bases hosting US troops", "where the borders meet"
    if trigger.type == "RETREAT" and obj_lemma in lx.SANCTION_OBJECTS and lemma not in ("release", "free"):
        return lx.Trigger("SANCTION", 2)  # "paused new funding for UNRWA"
    if lemma in ("accept", "approve") and obj_lemma not in _AGREEABLE:
        return None
    return trigger

def noun_sense(tok: Token, lemma: str, trigger: lx.Trigger | None) -> lx.Trigger | None:
    """Event nouns by company: "rocket fire", "bombing campaign", "a phone call"; and nouns that
    are not events where they stand ("room for an agreement", "its demands")."""
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    head = tok.head.lemma_.lower() if tok.head.i != tok.i else ""
    if lemma == "fire" and (mods & set(lx.MODE_WORDS) or mods & {"mortar", "gun", "sniper", "tank"}):
        return lx.Trigger("ASSAULT", 2)
    if lemma == "campaign" and mods & {"bombing", "air", "aerial", "military", "ground", "bombardment"}:
        return lx.Trigger("ASSAULT", 2)
    if lemma == "call" and mods & {"phone", "telephone", "video"}:
        return lx.Trigger("CONSULT", 2)
    if trigger is None:
        return None
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if trigger.type == "AGREE" and lemma != "ceasefire" or lemma in ("ceasefire", "truce"):
        if tok.dep_ == "nsubj" and head in ("take", "come", "begin", "hold", "collapse", "end", "expire"):
            return lx.Trigger("RETREAT", 2) if head in ("take", "come", "begin") else None
        if head not in _AGREEING or tok.dep_ not in ("dobj", "nsubjpass", "pobj"):
            return None  # "under the deal", "room for an agreement": not a new agreement
        return lx.Trigger("AGREE", 2)
    if trigger.type == "AID":
        if head in _STOPPING:
            return None  # "cut off the group's funding": not aid given
        if head not in _GIVING and not preps & {"to", "for", "from"} and not any(
                c.dep_ in ("poss", "nummod") for c in tok.children):
            return None  # "the crossing through which most aid enters"
    if trigger.type == "REQUEST" and not preps & {"for", "to"} and head not in _ASKING:
        return None  # "fell short of its demands"
    return trigger

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


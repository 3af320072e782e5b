"""Trigger words: which lemma signals which PLOVER event type, and which words give an ASSAULT mode.

Data only. A trigger's ``weight`` picks the main trigger when a sentence has
several of one type ("a drone attack killed three": the attack, not the killing).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Trigger",
    "VERB_TRIGGERS",
    "NOUN_TRIGGERS",
    "ASSAULT_VERBS",
    "ASSAULT_NOUNS",
    "PHRASE_TRIGGERS",
    "LIGHT_VERBS",
    "MODE_WORDS",
    "WEAPON_NOUNS",
    "FATAL_VERBS",
    "INJURY_VERBS",
    "STATUS_HEADS",
    "MOBILIZE_OBJECTS",
    "AID_OBJECTS",
    "CONDITIONAL_VERBS",
    "FIGHT_WORDS",
    "FIRE_WORDS",
    "FORCE_SENSE_WORDS",
    "PREFILTER_COMPANY",
    "NOT_EVENT_OBJECTS",
    "REJECTED_OBJECTS",
    "SANCTION_OBJECTS",
    "Sense",
    "COMPANY",
    "CORRECTIONS",
    "NOUN_COMPANY",
    "STATEMENT_VERBS",
    "STATEMENT_WORDS",
]


@dataclass(frozen=True)
class Trigger:
    type: str
    weight: int = 2
    mode: str | None = None


def _many(type_: str, words: str, weight: int = 2, mode: str | None = None) -> dict[str, Trigger]:
    return {w: Trigger(type_, weight, mode) for w in words.split()}


VERB_TRIGGERS: dict[str, Trigger] = {
    **_many("ASSAULT", "attack strike bomb shell pound raid ambush assault target storm hijack bombard "
            "pummel hammer besiege invade overrun blitz torpedo massacre behead sink flatten raze torch firebomb"),
    **_many("ASSAULT", "shoot gun", mode="firearms"),
    **_many("ASSAULT", "abduct kidnap", mode="abduction"),
    **_many("ASSAULT", "detonate", mode="explosives"),
    **_many("ASSAULT", "counterattack", weight=2),
    **_many("ASSAULT", "kill assassinate slay", weight=1),
    **_many("ASSAULT", "wound injure", weight=0),
    **_many("ASSAULT", "retaliate clash", weight=1),
    **_many("CONSULT", "meet visit host confer negotiate"),
    **_many("AID", "fund finance arm equip supply bankroll train smuggle airdrop"),
    **_many("SUPPORT", "support endorse praise back welcome thank commend applaud laud"),
    **_many("REQUEST", "urge ask appeal demand request implore press plead"),
    **_many("RETREAT", "withdraw suspend halt pause stop cease retreat release free"),
    **_many("THREATEN", "threaten vow"),
    **_many("ACCUSE", "accuse blame condemn denounce criticize criticise allege summon"),
    **_many("REJECT", "reject refuse"),
    **_many("AGREE", "agree sign broker accept approve"),
    **_many("COOPERATE", "cooperate coordinate"),
    **_many("CONCEDE", "concede"),
    **_many("PROTEST", "protest demonstrate rally march"),
    **_many("SANCTION", "sanction boycott expel designate"),
    **_many("MOBILIZE", "deploy mobilize mobilise reinforce dispatch"),
    **_many("COERCE", "arrest detain blockade deport seize"),
}

NOUN_TRIGGERS: dict[str, Trigger] = {
    **_many("ASSAULT", "attack strike airstrike bombing raid assault ambush offensive barrage bombardment "
            "shelling explosion blast incursion operation invasion siege massacre salvo volley arson"),
    **_many("ASSAULT", "shooting gunfire firefight", mode="firearms"),
    **_many("ASSAULT", "kidnapping abduction", mode="abduction"),
    **_many("ASSAULT", "counterattack counteroffensive counterstrike counter-strike car-bombing"),
    **_many("ASSAULT", "killing assassination", weight=1),
    **_many("ASSAULT", "clash retaliation", weight=1),
    **_many("CONSULT", "meeting visit talk summit negotiation"),
    **_many("AID", "funding aid assistance financing shipment airdrop"),
    **_many("SUPPORT", "backing solidarity"),
    **_many("REQUEST", "appeal demand request"),
    **_many("RETREAT", "withdrawal suspension pause halt retreat"),
    **_many("THREATEN", "threat ultimatum"),
    **_many("ACCUSE", "accusation condemnation"),
    **_many("REJECT", "rejection"),
    **_many("AGREE", "agreement ceasefire truce deal"),
    **_many("PROTEST", "protest demonstration rally"),
    **_many("SANCTION", "sanction embargo designation"),
    **_many("MOBILIZE", "deployment mobilization mobilisation buildup"),
    **_many("COERCE", "arrest detention blockade seizure"),
}
# "operation" is an ASSAULT only with a military sense; see pipeline._military_operation.
# The verb and noun lemmas whose event is a use of force (every rule module asks this).
ASSAULT_VERBS = frozenset(w for w, t in VERB_TRIGGERS.items() if t.type == "ASSAULT")
ASSAULT_NOUNS = frozenset(w for w, t in NOUN_TRIGGERS.items() if t.type == "ASSAULT")

# Multi-word triggers (lower-cased lemmas, matched in order); "*" is one optional word
# ("came under rocket fire").
PHRASE_TRIGGERS: list[tuple[tuple[str, ...], Trigger]] = [
    (("claim", "the", "life", "of"), Trigger("ASSAULT", 1)),
    (("come", "under", "*", "fire"), Trigger("ASSAULT", 2)),
    (("come", "under", "*", "attack"), Trigger("ASSAULT", 2)),
    (("open", "fire"), Trigger("ASSAULT", 2, "firearms")),
    (("call", "on"), Trigger("REQUEST", 2)),
    (("call", "for"), Trigger("REQUEST", 2)),
    (("scale", "back"), Trigger("RETREAT", 2)),
    (("pull", "out"), Trigger("RETREAT", 2)),
    (("pull", "back"), Trigger("RETREAT", 2)),
    (("stand", "down"), Trigger("RETREAT", 2)),
    (("hold", "talk"), Trigger("CONSULT", 2)),
    (("shoot", "down"), Trigger("ASSAULT", 2)),
    (("roll", "into"), Trigger("ASSAULT", 2)),  # ground incursions: "tanks rolled into Rafah"
    (("push", "into"), Trigger("ASSAULT", 2)),
    (("advance", "into"), Trigger("ASSAULT", 2)),
    (("blow", "up"), Trigger("ASSAULT", 2, "explosives")),
    (("blow", "themselves", "up"), Trigger("ASSAULT", 2, "suicide")),  # "two attackers blew themselves up"
    (("blow", "himself", "up"), Trigger("ASSAULT", 2, "suicide")),
    (("blow", "herself", "up"), Trigger("ASSAULT", 2, "suicide")),
    (("lay", "siege", "to"), Trigger("ASSAULT", 2)),  # "gunmen laid siege to a hotel"
    (("take", "hostage"), Trigger("ASSAULT", 2, "abduction")),  # "took 20 people hostage" is read by sense rows
    (("impose", "sanction"), Trigger("SANCTION", 2)),
    (("pay", "*", "*", "price"), Trigger("THREATEN", 2)),
    (("go", "unpunished"), Trigger("THREATEN", 2)),
    (("go", "unanswered"), Trigger("THREATEN", 2)),
    (("pass", "unpunished"), Trigger("THREATEN", 2)),
    (("pass", "without", "punishment"), Trigger("THREATEN", 2)),  # "the killing will not pass without punishment"
    (("pass", "without", "*", "response"), Trigger("THREATEN", 2)),
    (("go", "without", "*", "response"), Trigger("THREATEN", 2)),
    (("bear", "the", "consequence"), Trigger("THREATEN", 2)),
    (("face", "consequence"), Trigger("THREATEN", 2)),
    (("face", "*", "consequence"), Trigger("THREATEN", 2)),
    (("receive", "*", "punishment"), Trigger("THREATEN", 2)),  # "would receive its just punishment"
    (("receive", "*", "*", "punishment"), Trigger("THREATEN", 2)),
    (("bring", "*", "punishment"), Trigger("THREATEN", 2)),  # "has brought a severe punishment upon itself"
    (("bring", "*", "*", "punishment"), Trigger("THREATEN", 2)),
    (("bring", "*", "consequence"), Trigger("THREATEN", 2)),
    (("bring", "*", "*", "consequence"), Trigger("THREATEN", 2)),
    (("vote", "in", "favour"), Trigger("SUPPORT", 2)),
    (("vote", "in", "favor"), Trigger("SUPPORT", 2)),
    (("cut", "*", "tie"), Trigger("SANCTION", 2)),
    (("sever", "*", "tie"), Trigger("SANCTION", 2)),
    (("cut", "*", "relation"), Trigger("SANCTION", 2)),
    (("take", "control", "of"), Trigger("ASSAULT", 1)),
]

# Verb + object pairs that are not the verb's usual event ("struck down the rules", "struck a deal").
NOT_EVENT_OBJECTS: dict[str, frozenset[str]] = {
    "strike": frozenset("deal balance chord tone note pose agreement bargain blow fear".split()),
    "hit": frozenset("record high low headline market note".split()),
    "target": frozenset("voter audience market customer consumer reader viewer".split()),
}
# Definite objects that a denial rejects ("denied the allegations"): a REJECT event.
REJECTED_OBJECTS = frozenset("allegation claim report accusation charge designation involvement role "
                             "responsibility assertion".split())
# Objects whose recall or pause is a sanction ("recalled its ambassador", "paused funding").
SANCTION_OBJECTS = frozenset("ambassador envoy funding fund aid assistance shipment sale export "
                             "delivery tie relation".split())

# Objects that make "send"/"provide" an event: sending troops mobilises, providing weapons aids.
MOBILIZE_OBJECTS = frozenset("troop force soldier warship carrier destroyer jet aircraft reinforcement "
                             "battalion brigade marine".split())
AID_OBJECTS = frozenset("weapon arm missile drone rocket money fund funding cash training ammunition "
                        "component equipment aid".split())

# Verbs whose object noun carries the event ("launched an attack", "carried out strikes").
LIGHT_VERBS = frozenset("launch carry conduct stage mount claim fire unleash execute initiate wage resume renew begin "
                        "start lead".split())
# Verbs whose subject does the event noun they govern: "announced new sanctions", "held talks", "pledged aid".
ISSUING_VERBS = frozenset("announce impose unveil slap levy pledge approve extend deliver offer hold sign initiate "
                          "authorize authorise order direct take adopt".split())

# Word (lower-case lemma or text) → ASSAULT mode; earlier entries win inside one phrase.
MODE_WORDS: dict[str, str] = {
    "drone": "drone", "drones": "drone", "uav": "drone", "one-way": "drone", "shahed": "drone",
    "missile": "missile", "ballistic": "missile", "cruise": "missile", "anti-ship": "missile",
    "rocket": "rocket", "katyusha": "rocket",
    "airstrike": "aerial", "air": "aerial", "aircraft": "aerial", "jet": "aerial", "warplane": "aerial",
    "bomber": "aerial", "b-1": "aerial", "b-1b": "aerial", "helicopter": "aerial",
    "gunship": "aerial", "plane": "aerial",
    "artillery": "artillery", "mortar": "artillery", "shell": "artillery", "shelling": "artillery",
    "howitzer": "artillery",
    "gunman": "firearms", "gunmen": "firearms", "sniper": "firearms", "gunfire": "firearms", "rifle": "firearms",
    "bomb": "explosives", "ied": "explosives", "explosive": "explosives", "car-bomb": "explosives",
    "explode": "explosives",
    "suicide": "suicide",
    "warship": "naval", "destroyer": "naval", "frigate": "naval", "navy": "naval", "naval": "naval",
    "kidnap": "abduction", "abduct": "abduction", "hostage": "abduction",
    # acronyms and designators of US-government and military writing ("six ASBMs", "two F-15s", "A-10 aircraft")
    **{w: "missile" for w in "asbm asbms ascm ascms mrbm mrbms srbm srbms atgm atgms".split()},
    **{w: "drone" for w in "uas ucav ucavs uavs uncrewed unmanned mq-9 mq-1 reaper".split()},
    **{w: "aerial" for w in "f-15 f-15s f-15e f-16 f-16s f-18 f/a-18 fa-18 f-35 f-35s f-35c a-10 a-10s b-2 b-2s b-52 "
       "b-52s b-1s su-24 su-25 su-34 su-35 mig-29".split()},
    "grenade": "explosives", "detonate": "explosives", "teargas": "other", "molotov": "other",
}

# Nouns that name a weapon rather than a target when they are a verb's object ("fired missiles at").
WEAPON_NOUNS = frozenset(
    "missile rocket drone shell mortar bomb projectile round munition barrage salvo volley weapon asbm ascm uav uas "
    "grenade rock stone gas teargas bullet".split()
)

FATAL_VERBS = frozenset("kill die assassinate slay".split())
INJURY_VERBS = frozenset("wound injure hurt".split())

# A trigger under one of these verbs takes its status ("vowed to strike" → threatened).
STATUS_HEADS: dict[str, str] = {
    "threaten": "threatened", "vow": "threatened", "warn": "threatened",
    "plan": "planned", "prepare": "planned", "intend": "planned", "aim": "planned",
    "deny": "denied", "reject": "denied", "dismiss": "denied",
}

# Verbs that are triggers only with the right company: "hit" with a weapon, "send" with troops,
# "provide" with weapons or money (see pipeline._conditional).
CONDITIONAL_VERBS = frozenset("hit send provide deliver transfer ship give drop recall warn hold deny dismiss speak fire "
                              "throw exchange engage neutralize neutralise".split())

# Fighting words (verbs and nouns): ASSAULT only between armed parties or over a place ("rebels battled
# troops", "the battle for the town"; not "the fight against corruption", "a battle for votes"); see
# senses.armed_fight.
FIGHT_WORDS = frozenset("fight battle skirmish altercation shootout gunbattle".split())
# Words that are a use of force only in the company force.py's sense rules read ("the death of three soldiers",
# "captured the town"): listed so that the prefilter keeps their sentences.
FORCE_SENSE_WORDS = frozenset("death capture action exchange blow take".split())
# Words a sense rule reads only in some company, and the words of that company the prefilter looks for in the
# sentence: "launched Operation X" (force.py), "stands with Israel" (statements.py), "destroyed two drones",
# "intercepted a missile", "downed a drone", "preparing a rocket rail" (force.py). Phrase triggers and light
# verbs get theirs from their own tables (prefilter.py).
_WAR_COMPANY = WEAPON_NOUNS | frozenset(MODE_WORDS) | frozenset(
    "launcher radar vehicle vessel boat system site tank tunnel bunker rail".split())
PREFILTER_COMPANY: dict[str, frozenset[str]] = {
    "launch": frozenset({"operation"}), "begin": frozenset({"operation"}), "start": frozenset({"operation"}),
    "stand": frozenset({"with", "by", "behind"}),
    **{verb: _WAR_COMPANY for verb in ("destroy", "eliminate", "intercept", "down", "prepare")},
    # statements (extract/statements.py): "we will respond", "will not hesitate to", "committed to Israel's
    # security", "visa restrictions"
    "respond": frozenset({"will", "would", "'ll", "shall"}), "hesitate": frozenset({"not", "n't", "never"}),
    "committed": frozenset({"to"}), "restriction": frozenset("visa export travel financial banking trade".split()),
    # forces that leave a place or are ordered to stay: "US troops will leave Niger", "ordered the carrier to remain"
    "leave": frozenset("troop force soldier personnel military carrier warship army marine".split()),
    "remain": frozenset("order direct instruct".split()),
}
# What "set" does to a thing when it is arson: "set fire to the embassy", "set two cars on fire", "set the
# shop ablaze" (see senses.arson; "set" itself is too common a word to send a sentence to the parser).
FIRE_WORDS = frozenset("fire ablaze alight".split())


# --- senses by company --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sense:
    """A trigger word whose event depends on the company it keeps: one row of a table below.

    Every condition given must hold: ``company`` (lemmas of the object, a "with" object or their
    conjuncts), ``object`` (the direct object's lemma), ``not_object`` (no direct object, or one not in
    the set), ``preps`` (an object of one of these prepositions), ``prep_company`` (an object of the first
    of these prepositions, with one of these lemmas), ``children`` (a child word), ``particles`` (a
    particle: "struck down"), ``modifiers`` (a noun's compound or adjective: "rocket fire"). The first
    row of a word that holds gives ``gives`` (``None``: no event in that company).
    """

    lemma: str
    gives: Trigger | None
    example: str
    company: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    not_object: frozenset[str] | None = None
    preps: frozenset[str] = frozenset()
    prep_company: tuple[tuple[str, ...], frozenset[str]] | None = None
    children: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    revive: bool = False  # a correction that applies where the word had no event of its own


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FORCE_WORDS = WEAPON_NOUNS | frozenset(MODE_WORDS)

# Verbs that are an event only in the right company (CONDITIONAL_VERBS and "back", "train", "press", "sign",
# "ship" with an object); no row that holds: no event. "hit" and "warn" are read by rules of their own
# (senses.hit_with_force, senses.warning).
COMPANY: tuple[Sense, ...] = (
    Sense("fire", Trigger("ASSAULT", 2, "other"), "Police fired tear gas at the crowd.", company=_set("gas teargas")),
    Sense("fire", Trigger("ASSAULT", 2), "Militants fired rockets at the base.", company=_FORCE_WORDS),
    Sense("fire", Trigger("ASSAULT", 2), "Gunmen fired on the convoy.", preps=_set("on at into")),
    Sense("drop", Trigger("ASSAULT", 2, "aerial"), "Jets dropped bombs on the town.", company=WEAPON_NOUNS),
    Sense("drop", Trigger("AID", 2), "Aircraft dropped meals over Gaza.", company=AID_OBJECTS | _set("meal parcel")),
    Sense("send", Trigger("MOBILIZE", 2), "The US sent warships to the region.", company=MOBILIZE_OBJECTS),
    Sense("send", Trigger("AID", 2), "Iran sent drones to Russia.", company=AID_OBJECTS),
    Sense("recall", Trigger("SANCTION", 2), "Jordan recalled its ambassador.", company=SANCTION_OBJECTS),
    Sense("hold", Trigger("ACCUSE", 2), "Iran held Israel responsible.", children=_set("responsible")),
    Sense("deny", Trigger("REJECT", 2), "Tehran denied the allegations.", company=REJECTED_OBJECTS),
    Sense("dismiss", Trigger("REJECT", 2), "Moscow dismissed the report.", company=REJECTED_OBJECTS),
    Sense("speak", Trigger("CONSULT", 2), "Austin spoke with Gallant.", preps=_set("with")),
    Sense("speak", Trigger("CONSULT", 2), "The leaders spoke by phone.",
          prep_company=(("by", "over"), _set("phone telephone"))),
    *(Sense(verb, Trigger("AID", 2), f"Iran {verb}s weapons to the Houthis.", company=AID_OBJECTS)
      for verb in ("provide", "deliver", "transfer", "ship", "give")),
    Sense("hold", Trigger("ASSAULT", 2, "abduction"), "The gunmen were holding hostages in the train.",
          company=_set("hostage captive")),
    Sense("hold", Trigger("ASSAULT", 2, "abduction"), "The militants held 20 passengers hostage.",
          children=_set("hostage captive")),
    Sense("throw", Trigger("ASSAULT", 2, "other"), "Protesters threw rocks at police.",
          company=_set("rock stone brick bottle")),
    Sense("throw", Trigger("ASSAULT", 2), "A man threw a grenade into the market.",
          company=_set("grenade bomb molotov firebomb explosive cocktail")),
    Sense("exchange", Trigger("ASSAULT", 2), "Hezbollah and Israel exchanged fire across the border.",
          company=_set("fire gunfire attack strike blow salvo rocket missile shot")),
    Sense("engage", Trigger("ASSAULT", 2), "A destroyer engaged a hostile target.",
          company=_FORCE_WORDS | _set("target threat aircraft boat vessel launcher militant fighter")),
    Sense("engage", Trigger("ASSAULT", 1), "India and Pakistan engaged in the worst fighting in decades.",
          prep_company=(("in",), _set("fighting combat battle clash hostility firefight gunfight skirmish exchange"))),
    *(Sense(verb, Trigger("ASSAULT", 2), f"Coalition forces {verb}d the hostile threat.",
            company=_set("threat target drone missile militant terrorist fighter uav rocket launcher boat"))
      for verb in ("neutralize", "neutralise")),
)

# Corrections by company for verbs that are triggers: "launched a missile" is an attack (a light verb
# otherwise), "released a statement" frees no one, "summoned" is a protest only of an envoy, "struck a deal"
# agrees. Rows marked ``revive`` apply even where the word had no event; the others only correct one.
CORRECTIONS: tuple[Sense, ...] = (
    Sense("launch", Trigger("ASSAULT", 2), "The Houthis launched a ballistic missile.",
          object=WEAPON_NOUNS | frozenset(MODE_WORDS), revive=True),
    Sense("release", None, "The army released a statement.", object=_set(
        "statement video footage report image photo detail name figure data")),
    Sense("summon", None, "She was summoned to testify.", not_object=frozenset(
        "ambassador envoy diplomat charge chargé representative".split())),
    *(Sense(verb, Trigger("AGREE", 2) if obj in ("deal", "agreement", "bargain") else None,
            f"They {verb} a {obj}.", object=frozenset([obj]))
      for verb, objects in NOT_EVENT_OBJECTS.items() for obj in sorted(objects)),
    Sense("strike", None, "A judge struck down the rules.", particles=_set("down")),
    Sense("press", None, "Israel pressed on with its offensive.", particles=_set("on ahead")),
    Sense("accept", None, "Israel accepted the risk.", not_object=_set(
        "proposal deal agreement plan terms offer ceasefire truce resolution accord framework package")),
    Sense("approve", None, "Congress approved the budget.", not_object=_set(
        "proposal deal agreement plan terms offer ceasefire truce resolution accord framework package")),
)

# Nouns that are events by their modifiers: "rocket fire", "bombing campaign", "a phone call".
NOUN_COMPANY: tuple[Sense, ...] = (
    Sense("fire", Trigger("ASSAULT", 2), "The town came under rocket fire.",
          modifiers=frozenset(MODE_WORDS) | _set("mortar gun sniper tank")),
    Sense("campaign", Trigger("ASSAULT", 2), "Israel's bombing campaign went on.",
          modifiers=_set("bombing air aerial military ground bombardment")),
    Sense("call", Trigger("CONSULT", 2), "In a phone call, the two discussed the war.",
          modifiers=_set("phone telephone video")),
    Sense("action", Trigger("ASSAULT", 2), "Iran initiated a kinetic military action against Israel.",
          modifiers=_set("kinetic")),
    Sense("blow", Trigger("ASSAULT", 2), "Israel landed major blows against Hezbollah's leadership.",
          preps=_set("against on")),
    Sense("taking", Trigger("ASSAULT", 2, "abduction"), "The hostage-taking of passengers shocked the country.",
          modifiers=_set("hostage"), children=_set("the a this that")),  # one act, not a kind of crime
    Sense("exchange", Trigger("ASSAULT", 2), "The two sides engaged in a major exchange of fire.",
          prep_company=(("of",), _set("fire gunfire strike attack blow rocket missile"))),
    Sense("restriction", Trigger("SANCTION", 2), "The Department is imposing visa restrictions on RSF commanders.",
          modifiers=_set("visa export travel financial banking trade")),
)


# --- statements and other acts that are not force (extract/statements.py) ------------------------------------
# Verbs by which someone voices a position: "reaffirmed the commitment", "underscored his support".
STATEMENT_VERBS = frozenset("underscore reaffirm reiterate express voice pledge offer communicate emphasize emphasise "
                            "stress affirm declare convey extend restate highlight repeat signal confirm renew "
                            "reinforce raise".split())
# Nouns that are an act when voiced by a statement verb, and the act.
STATED_NOUNS = {"support": "SUPPORT", "commitment": "SUPPORT", "rejection": "REJECT", "opposition": "REJECT"}
# Nouns of what a party must do, voiced as a request: "the importance of ensuring", "the urgent need for".
NEED_NOUNS = frozenset("importance need necessity urgency priority imperative".split())
# Words that name an organised party (who may be asked, or be a partner): "Israel should", "the warring parties".
PARTY_NOUNS = frozenset("force troop soldier military army navy militia militant rebel group fighter insurgent "
                        "faction government official ministry administration authority regime country state "
                        "nation party side leader leadership commander president minister coalition ally partner "
                        "proxy organization organisation council".split())
CIVILIAN_WORDS = frozenset("civilian people resident child woman family aid assistance".split())
DEMAND_MODALS = frozenset("should must ought".split())
# Verbs that make a threat an act: "issued a threat", "renewed its threats".
MAKING_THREATS = frozenset("issue make renew repeat reiterate carry deliver level voice escalate step send "
                           "post".split())
# What someone does, whose "threatening stability" is criticism of them.
CONDUCT_NOUNS = frozenset("behavior behaviour conduct activity action provocation aggression escalation rhetoric "
                          "policy".split())
# What is at stake when something "threatens" it: a danger, not a threat made.
ABSTRACT_STAKES = frozenset("stability security freedom peace navigation trade commerce order control safety life "
                            "economy future progress prosperity sovereignty integrity interest".split())
# Words of harm that make a vow or a saying a threat: "vowed revenge", "would get a befitting reply".
HARM_WORDS = frozenset("respond response retaliate retaliation avenge revenge punish punishment reply price "
                       "consequence destroy eliminate annihilate crush retake recapture military".split())
# Nouns of a backer: "will remain a steadfast partner of Pakistan".
PARTNER_NOUNS = frozenset("partner ally friend supporter".split())
STEADFAST = frozenset("steadfast staunch strong firm reliable unwavering close committed enduring ironclad "
                      "resolute unshakable unshakeable full firmly".split())
# Office-holders a call or talk is with: "called Israeli Minister of Defense Yoav Gallant".
OFFICE_WORDS = frozenset("minister president counterpart secretary leader king emir prince premier chancellor "
                         "envoy ambassador general chairman chief".split())
# What calling something makes it an accusation: "called the hijacking an act of terrorism".
PEJORATIVES = frozenset("terrorism terrorist crime violation breach aggression provocation massacre atrocity "
                        "genocide piracy murder escalation outrage".split())
# Verbs of knowing and minding: "the president should remember" is advice, not a demand on a party.
COGNITION = frozenset("remember know understand realize realise recognize recognise think consider note "
                      "believe".split())
# Who listens to a briefing: "I'd ask you to keep it short", "thank you all".
AUDIENCE_WORDS = frozenset("you everyone everybody all reporters folks".split())
# Reasons for thanks that make them courtesy: "thanked them for their service", "for your patience".
COURTESY_REASONS = frozenset("service care hospitality patience time question questions attention interest "
                             "professionalism dedication sacrifice host welcome invitation".split())
# People welcomed as guests: "welcome a group of public affairs officers", "welcome our visitors".
GUEST_WORDS = frozenset("guest visitor officer student cadet midshipman member participant journalist reporter "
                        "delegation audience".split())
# Places of medical care: "was released from Walter Reed National Military Medical Center".
CARE_WORDS = frozenset("hospital clinic medical infirmary care treatment rehabilitation".split())
# Verbs of rejecting what another says: "rejected the accusations", "denied the allegations".
DENYING = frozenset("reject deny dismiss refute rebuff disavow".split())
# Who speaks for a body: "a spokesman for the group".
SPOKES_WORDS = frozenset("spokesman spokeswoman spokesperson representative mouthpiece".split())
# Words that open a yes-no question: "Did the Houthis attack ...?", "Has the Secretary spoken ...?".
QUESTION_OPENERS = frozenset("do does did has have had is are was were will would can could should shall".split())
# Verbs of putting others at risk, whose subject a statement criticises: "reckless attacks endanger mariners".
ENDANGERING = frozenset("endanger undermine destabilize destabilise jeopardize jeopardise imperil".split())
# Words of blame on an act: "the Houthis' reckless attacks", "this malign behavior".
DAMNING = frozenset("reckless malign unprovoked indiscriminate illegal unlawful brazen dangerous destabilizing "
                    "destabilising heinous cowardly egregious irresponsible provocative barbaric".split())
# Verbs that stop or undo backing or a sanction: "disrupt Iran's funding", "lifted the designation".
UNDOING = frozenset("disrupt counter curb choke undermine thwart halt stop end revoke rescind lift remove ease "
                    "waive reverse cancel".split())
# Nouns of a war as a whole, which "must end": "the war must end immediately".
WAR_NOUNS = frozenset("war fighting hostility violence bloodshed conflict".split())
# Words that condemn an act they are said of: "these attacks are unacceptable".
CONDEMNING_ADJECTIVES = frozenset("unacceptable reprehensible deplorable abhorrent outrageous intolerable "
                                  "unconscionable".split())
# Verbs of wanting: talks wanted are not talks held ("seeks peace and negotiation").
WANTING = frozenset("seek want pursue desire prefer favor favour".split())
# Verbs of claiming that one party is another's front: "officials maintain that TRF is a front for LeT".
CLAIMING = frozenset("maintain say claim assert allege insist believe argue contend state assess conclude "
                     "determine judge".split())
FRONT_NOUNS = frozenset("front proxy cover puppet".split())
# Verbs of saying whose "will/would use force" clause is a threat.
SAYING = frozenset("say state announce declare promise pledge".split())
WIDENING = frozenset("widen expand escalate intensify continue resume keep step launch carry conduct".split())
# Adjectives that make "measures" a sanction: "retaliatory measures", "punitive steps".
PUNITIVE = frozenset("retaliatory punitive economic diplomatic reciprocal coercive restrictive".split())
TAKING_MEASURES = frozenset("take initiate impose announce adopt introduce implement launch unveil".split())
# Cargo whose delivery is aid: "3,500 metric tons have been delivered".
CARGO = frozenset("ton tonne truckload pallet meal parcel kit ration shipment consignment food".split())
# What a signature makes law rather than an agreement between parties.
LAWS = frozenset("bill law order decree legislation supplemental budget act appropriation".split())
# Verbs that add forces: "enhancing our fighter aircraft presence".
INCREASING = frozenset("enhance increase bolster boost expand strengthen reinforce augment raise build "
                       "adjust".split())
# Words of armed forces and their means: "military", "aircraft", "carrier", "personnel".
FORCE_WORDS = frozenset("force troop soldier personnel military aircraft fighter jet warship ship carrier destroyer "
                        "naval navy asset battery marine unit squadron submarine bomber cruiser frigate "
                        "servicemember army".split())
# Command areas that forces move into: "the CENTCOM area of responsibility", "the AOR".
COMMAND_AREAS = frozenset("responsibility aor theater theatre".split())
# Bodies of forces formed for a mission: "formed a coalition to patrol", "a naval task force".
FORCE_BODIES = frozenset("coalition force flotilla fleet mission patrol".split())
# Places held by forces, which one reinforces.
HELD_PLACES = frozenset("position base garrison line front border defense defence outpost".split())
# Statements whose "will"/"should" is their content: the statement itself is made when said.
SAID_TYPES = frozenset("SUPPORT REQUEST THREATEN ACCUSE REJECT".split())
# Prepositions that name whom force or a threat is aimed at.
TARGET_WORDS = ("against", "on", "at")
# Verbs of backing whose participle or purpose describes rather than acts: "supported by Russia", "equipped with".
BACKING_VERBS = frozenset("support back endorse equip arm fund finance".split())
# What one signs that is an agreement between parties.
AGREEMENT_NOUNS = frozenset("deal agreement accord treaty ceasefire truce memorandum pact declaration contract protocol "
                            "charter framework arrangement".split())
# Acts that an aim or a demand can name without their happening ("efforts to secure the release").
AIMED_TYPES = frozenset("AID RETREAT AGREE SUPPORT SANCTION MOBILIZE COOPERATE CONCEDE".split())
# Verbs of a list, not of a purpose: "steps ..., to include deploying the carrier group".
LISTING = frozenset("include comprise".split())
# People named as members of a body: sanctions on "four military officials of Ansarallah" aim at Ansarallah.
MEMBER_NOUNS = frozenset("official member leader commander figure financier operative facilitator associate "
                         "official representative".split())
# Verbs of a talk's topic: "met ... to discuss efforts ...", "spoke ... to review".
TALKING_ABOUT = frozenset("discuss review address talk consult".split())
# Nouns of a statement whose author is who speaks in it: "a statement by the U.N. Secretary General".
STATEMENT_NOUNS = frozenset("statement communique communiqué readout declaration message letter".split())
# Nouns of a time set for an act: "the September 15th deadline of a full withdrawal".
SCHEDULE_NOUNS = frozenset("deadline timeline timetable date schedule target".split())
# A statement echoed: "sentiments reiterated by the State Department".
ECHO_NOUNS = frozenset("sentiment remark view position message call concern statement comment".split())
ECHOING = frozenset("reiterate echo repeat share endorse".split())
# Subjects of "X is (on Y) to do Z" that make Z an aim, not a plan: "the onus is on Hamas to accept".
AIM_SUBJECTS = frozenset("onus responsibility".split())
# Verbs that bring an act about, whose object act is sought, not done: "efforts to secure the release".
BRINGING_ABOUT = frozenset("secure enable increase provide deliver reach achieve get ensure allow facilitate receive "
                           "surge bring boost expand restore".split())
# Nouns whose "to ..." is a plan rather than an aim: "a decision to withdraw".
DECISION_NOUNS = frozenset("decision plan order agreement deal promise pledge commitment intention threat vow offer "
                           "proposal announcement".split())
# Statements that are made when said, whatever they promise: pledges and warnings.
PLEDGE_TYPES = frozenset("SUPPORT THREATEN".split())
# Words of an armed group or state that itself threatens in a reported clause ("said the group would widen ...").
GROUP_WORDS = frozenset("group militia movement organization organisation faction government country state "
                        "force forces".split())
# Verbs of forces moving into a region, and verbs that order them to.
MOVING = frozenset("enter arrive cross move sail head redeploy reposition".split())
ORDERING = frozenset("order direct instruct authorize authorise".split())
LEAVING = frozenset("leave depart exit quit".split())
# Verbs of answering with force: "said it would respond to the killing", "vowed to retaliate".
RETALIATING = frozenset("respond retaliate avenge punish".split())
# Verbs of intending or weighing an act: "is weighing its response", "favors a response".
INTENDING = frozenset("favor favour weigh consider plan prepare promise pledge vow back support".split())
# Ship name prefixes of navies: "USS Carney" is the US Navy's.
SHIP_PREFIXES = {"USS": "USA", "HMS": "GBR", "INS": "IND", "HMCS": "CAN", "HMAS": "AUS", "FS": "FRA"}
# Words whose sentences the statement rules read (the prefilter keeps a sentence with one of them); the rarer
# statement verbs only, as a stated noun ("support", "commitment") keeps its sentence on its own.
STATEMENT_WORDS = frozenset("call commitment rejection partner importance should must expect contact discuss tolerate "
                            "measure presence posture enter arrive coalition formation commend applaud laud reward "
                            "move favor favour front proxy reaffirm reiterate underscore emphasize emphasise "
                            "stress oppose depart endanger undermine destabilize destabilise jeopardize "
                            "jeopardise imperil unacceptable reprehensible deplorable abhorrent outrageous "
                            "intolerable unconscionable".split())

"""Party resolution: a mention ("Iran-backed militants", "three American soldiers") → :class:`Party`.

Order: sponsors stated in the text ("X-backed", "pro-X", "X's proxies", "backed by X"); a known
actor by alias (:meth:`KnowledgeBase.find_actor`: case, punctuation, apostrophes, a leading "the"
and transliteration do not matter); otherwise the country from a demonym or country name and the
kind from the head noun ("Iranian officials": Iran, government; "Israeli strikes": Israel,
military; "Palestinians": civilians). A generic sponsored mention ("Tehran-aligned groups") is an
armed group with the sponsor and no id. Sponsors from the knowledge base are those valid on the
event's date, following the actor's dated parents.
"""

from __future__ import annotations

import re

from proxywatch.records import Party
from proxywatch.resolve.kb import Actor, KnowledgeBase
from proxywatch.resolve.names import normalize

__all__ = ["publisher_party", "resolve_party", "KIND_NOUNS", "ACTION_NOUNS", "PERSON_TITLES"]

KIND_NOUNS: dict[str, str] = {
    **{w: "military" for w in (
        "soldier troop force military army navy personnel serviceman servicemember marine base outpost "
        "garrison destroyer warship coalition commando airman patrol convoy unit artillery aircraft jet "
        "warplane bomber helicopter tank gunboat airforce battalion brigade sailor reservist drone uav reaper "
        "gunship frigate submarine"
    ).split()},
    **{w: "armed_group" for w in (
        "militia militant rebel group fighter insurgent faction proxy jihadist gunman gunmen guerrilla "
        "movement"
    ).split()},
    **{w: "government" for w in (
        "official government ministry administration authority spokesman spokesperson diplomat regime "
        "cabinet embassy consulate office"
    ).split()},
    **{w: "civilians" for w in (
        "civilian people resident child woman crew vessel ship tanker freighter carrier shipping passenger train "
        "villager family worker protester demonstrator pilgrim refugee"
    ).split()},
    **{w: "organization" for w in "organization organisation agency company charity airline".split()},
}
# Convoys and vehicles that carry relief, not troops: "the aid convoy", "a UN humanitarian convoy".
_VEHICLE_HEADS = frozenset("convoy patrol unit aircraft helicopter".split())
_RELIEF_WORDS = frozenset("aid humanitarian relief food medical ambulance un unicef wfp unrwa".split())
# One named office-holder: "Britain's defence secretary", "Iran's ambassador", "a Hezbollah commander".
PERSON_TITLES = frozenset(
    "minister secretary president ambassador envoy king emir prince general commander leader chief founder "
    "deputy premier chancellor monarch ayatollah cleric sheikh".split())
# Uses of force by a state named only by its demonym: "Israeli strikes", "an American drone strike".
ACTION_NOUNS = frozenset(
    "strike airstrike attack raid bombardment bombing shelling fire barrage assault offensive operation "
    "incursion invasion retaliation response campaign".split())

_SPONSOR_RE = re.compile(
    r"\b([A-Z][A-Za-z.]+)[\s-](?:backed|sponsored|supported|aligned|allied|funded|armed|linked|affiliated|"
    r"controlled|directed|trained)\b")
_COALITION = re.compile(r"\b(?:and|&)\b|,")
_PRO_RE = re.compile(r"\bpro[\s-]([A-Z][a-z]+)\b")
_PROXY_RE = re.compile(r"\b([A-Z][a-z]+)(?:'s|’s|ian)?\s+prox(?:y|ies)\b")
_BY_RE = re.compile(r"\b(?:backed|sponsored|supported|funded|armed|trained|directed) by ([A-Z][a-z]+)\b")
_WORDS = re.compile(r"[A-Za-z][A-Za-z.'’]*(?:\s+(?:Arabia|States|Kingdom|Emirates|Korea|Africa|Lankan))?")


def _text_sponsors(text: str, kb: KnowledgeBase) -> tuple[list[str], str]:
    """Sponsor states named in the mention, and the mention with those phrases removed."""
    found: list[str] = []
    rest = text
    for pattern in (_SPONSOR_RE, _PRO_RE, _PROXY_RE, _BY_RE):
        for match in pattern.finditer(text):
            code = kb.gazetteer.country_code(match.group(1))
            if code and code not in found:
                found.append(code)
            if code:
                rest = rest.replace(match.group(0), " proxies" if pattern is _PROXY_RE else " ")
    return found, " ".join(rest.split())


def _country_of(rest: str, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """The first country named in the mention, and the word that named it."""
    for word in _WORDS.findall(rest):
        code = kb.gazetteer.country_code(word)
        if code is None and word.lower().endswith("ns"):
            code = kb.gazetteer.country_code(word[:-1])  # "Americans", "Palestinians"
        if code:
            return code, word
    return None, None


def _countries_of(rest: str, kb: KnowledgeBase) -> set[str]:
    """Every country the mention names."""
    codes = set()
    for word in _WORDS.findall(rest):
        code = kb.gazetteer.country_code(word) or (kb.gazetteer.country_code(word[:-1]) if word.lower().endswith("ns")
                                                    else None)
        if code:
            codes.add(code)
    return codes


def _kind_for_actor(actor: Actor, rest: str, head: str) -> str:
    head_kind = KIND_NOUNS.get(head)
    if actor.kind == "state":
        if head in ACTION_NOUNS:
            return "military"  # "Iran's attack", "US strikes"
        if head_kind and normalize(rest) != normalize(actor.name):
            return head_kind  # "Iraq's government", "Jordan's army"
    return actor.kind


def _international(actor: Actor | None) -> bool:
    """A body of no one state: the UN, its agencies, the EU, NATO."""
    return actor is not None and actor.kind == "organization" and not actor.country


# Craft without a crew: "an unmanned surface vessel" is a weapon, not a merchant ship.
_UNCREWED = re.compile(r"\b(?:unmanned|uncrewed|explosive|drone|remotely[\s-]piloted)\b", re.IGNORECASE)


def resolve_party(text: str, head_lemma: str, kb: KnowledgeBase, day: str | None = None,
                  is_person: bool = False) -> Party:
    """Resolve a mention's core text (no trailing clauses) to a :class:`Party`."""
    sponsors, rest = _text_sponsors(text, kb)
    head = head_lemma.lower()
    if _COALITION.search(rest) and len(_countries_of(rest, kb)) > 1:  # "U.S. and U.K. forces", "American and
        # British jets": a coalition has no one home state (nor is it the one of them the knowledge base names)
        return Party(text=text, kind="military" if head in ACTION_NOUNS else KIND_NOUNS.get(head))
    actor = kb.find_actor(rest) if rest else None
    plural = normalize(rest).endswith("s")
    if actor is not None and actor.kind != "person" and head in PERSON_TITLES and not plural \
            and head not in normalize(actor.name):
        # an unnamed office-holder of a known body: "a senior Hezbollah commander", "Iran's ambassador"
        sponsors += [c for c in kb.sponsors(actor, day) if c not in sponsors]
        kind = "organization" if _international(actor) else "person"  # "the U.N. Secretary General" speaks for the UN
        return Party(text=text, country=actor.country, kind=kind, sponsors=tuple(sponsors))
    if actor is not None and actor.kind == "person" and KIND_NOUNS.get(head) == "government":
        # "Prime Minister Mohammed Shia al-Sudani's office": the body the person leads
        office = kb.parent_of(actor, day)
        if office is not None and office.kind == "government":
            actor = office
        else:
            return Party(text=text, country=actor.country, kind="government", sponsors=tuple(sponsors))
    if actor is not None and actor.kind == "person" and _international(kb.parent_of(actor, day)):
        # "UN Secretary-General Antonio Guterres": an international body's officer acts for it, not for his country
        return Party(text=text, id=actor.id, name=actor.name, country=None, kind="organization")
    if actor is not None:
        for code in kb.sponsors(actor, day):
            if code not in sponsors:
                sponsors.append(code)
        return Party(text=text, id=actor.id, name=actor.name, country=actor.country,
                     kind=_kind_for_actor(actor, rest, head), sponsors=tuple(sponsors))
    country, word = _country_of(rest, kb)
    kind = "person" if is_person or head in PERSON_TITLES else KIND_NOUNS.get(head)
    if kind is None and country:
        demonym = normalize(word or "")
        if kb.gazetteer.country_code(rest, demonyms=False) == country:
            kind = "state"  # "Iran", "the United States"
        elif head in ACTION_NOUNS:
            kind = "military"  # "Israeli strikes", "an American drone strike"
        elif head in (demonym, demonym[:-1]):
            bare = len(rest.split()) == 1 and not demonym.endswith("s")
            kind = "military" if bare else "civilians"  # "an Israeli drone": its owner; "Palestinians"
    if kind == "military" and head in _VEHICLE_HEADS and set(normalize(rest).split()) & _RELIEF_WORDS:
        kind = "civilians"  # "an aid convoy", "a humanitarian convoy": relief workers, not troops
    if kind == "civilians" and head in ("vessel", "ship", "boat") and _UNCREWED.search(rest):
        kind = None  # "an unmanned surface vessel": a weapon, not a ship with a crew
    if head == "carrier" and re.search(r"\baircraft carrier", rest, re.IGNORECASE):
        kind = "military"  # "the aircraft carrier", a warship; "a bulk carrier" is a merchant ship
    if head in ("lane", "route", "lanes", "routes") and re.search(r"\b(?:shipping|sea)\b", rest, re.IGNORECASE):
        kind = "civilians"  # "missiles fired into international shipping lanes": at the merchant ships there
    if sponsors and kind == "civilians" and head in KIND_NOUNS:
        sponsors = []  # "Israel-linked ships": owned or bound for, not a sponsored armed group
    if sponsors and kind in (None, "civilians", "organization"):
        kind = "armed_group"
    if sponsors and not actor and country in sponsors:
        country = None  # "Iranian proxies": Iran is the sponsor, not the home
    return Party(text=text, country=country, kind=kind, sponsors=tuple(sponsors))


# Words that make a publisher a government body ("U.S. Department of Defense", "U.S. Central Command", "Embassy
# Islamabad"), not an outlet that happens to name a country ("Times of Israel").
_OFFICIAL_BODIES = frozenset("department ministry command embassy consulate agency office pentagon house government "
                             "army navy force forces defense defence mission administration service "
                             "secretariat cabinet presidency council".split())


def publisher_party(source: str | None, kb: KnowledgeBase, day: str | None = None) -> Party | None:
    """The government body an article is published by, from its ``source``; None for a news outlet or an
    unknown source. "U.S. Department of State (read on ...)" → the State Department (USA)."""
    if not source:
        return None
    text = source.split("(")[0].split(",")[0].strip()
    if not _OFFICIAL_BODIES & set(normalize(text).split()):
        return None
    actor = kb.find_actor(text)
    if actor is None or not actor.country or actor.kind not in ("state", "government", "military"):
        return None
    return Party(text=text, id=actor.id, name=actor.name, country=actor.country, kind=actor.kind,
                 sponsors=tuple(kb.sponsors(actor, day)))
